"""The export's rows copied out of collection indexes: `export --all -o x.db` with the index warm (issue 33).

An index holds the tables of the export (schema.py), each file's rows made by the code that makes
the export's (sqlite_export.table_rows) and inserted together. Copying them with INSERT ... SELECT
gives the export's database without reading or converting a timeline again, if the rows go in in
the export's order: timelines by id (a valid file's id is its name), each one's rows in the order
they were made (their rowids). The indexes are attached to the export's connection under the names
given; in the same transaction as the copy, every file's row is checked to have the stamp this run
took (index/sync.py), so that rows another run changed meanwhile are never copied: ``Stale`` instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence

from armsdeal.export.sqlite_export import TABLES
from armsdeal.index.sync import Stamp


class Stale(Exception):
    """An index no longer holds the rows this run found current (another run rewrote them): read the files."""


# Each table's deal column, and for the tables of an event's links, the join that finds it.
_DEAL = {"deals": "t.[id]", "actors": "t.[deal]", "sources": "t.[deal]", "events": "t.[deal]"}
_BY_EVENT = ("event_sources", "event_actors")

# The files whose rows are copied: file name -> the stamp its row must have.
Wanted = Mapping[str, Stamp]


def copy(connection: sqlite3.Connection, indexes: Sequence[tuple[str, Wanted]]) -> None:
    """Fill the export's (empty) tables from the attached indexes (schema name, the files wanted of it).

    Runs in one transaction: the files' stamps are checked, then every table is copied, so the
    rows come from one state of each index. Raises Stale if a file's row is gone or has another stamp.
    """
    connection.execute("CREATE TEMP TABLE [wanted] ([source] INTEGER, [deal] TEXT, PRIMARY KEY ([source], [deal]))")
    try:
        with connection:
            connection.execute("BEGIN")
            deals: set[str] = set()
            for number, (schema, wanted) in enumerate(indexes):
                found = _check(connection, schema, wanted, deals)
                connection.executemany("INSERT INTO temp.[wanted] VALUES (?, ?)", ((number, deal) for deal in found))
            schemas = [schema for schema, _ in indexes]
            for table in TABLES:
                connection.execute(_copy_statement(table.name, list(table.columns), schemas))
    finally:
        connection.execute("DROP TABLE temp.[wanted]")


def _check(connection: sqlite3.Connection, schema: str, wanted: Wanted, deals: set[str]) -> list[str]:
    """The timeline ids of the files wanted, each row checked to have the stamp given; ``deals`` those taken."""
    stored = {
        name: (Stamp(size, mtime_ns, inode, ctime_ns), deal)
        for name, size, mtime_ns, inode, ctime_ns, deal in connection.execute(
            f"SELECT [name], [size], [mtime_ns], [inode], [ctime_ns], [deal] FROM [{schema}].[files]"
        )
    }
    found = []
    for name, stamp in wanted.items():
        row = stored.get(name)
        if row is None or row[0] != stamp or row[1] in deals:
            raise Stale(name)  # gone, rewritten, or a second file of one id (the export's own error, read)
        deals.add(row[1])
        found.append(row[1])
    return found


def _copy_statement(table: str, columns: list[str], schemas: list[str]) -> str:
    """INSERT ... SELECT of one table's wanted rows from every index, in the export's order."""
    listed = ", ".join(f"[{column}]" for column in columns)
    taken = ", ".join(f"t.[{column}]" for column in columns)
    parts = []
    for number, schema in enumerate(schemas):
        if table in _BY_EVENT:
            source = f"[{schema}].[{table}] t JOIN [{schema}].[events] e ON e.[key] = t.[event]"
            deal = "e.[deal]"
        else:
            source, deal = f"[{schema}].[{table}] t", _DEAL[table]
        parts.append(
            f"SELECT {deal} AS [_deal], t.rowid AS [_row], {taken} FROM {source} "
            f"JOIN temp.[wanted] w ON w.[source] = {number} AND w.[deal] = {deal}"
        )
    union = " UNION ALL ".join(parts)
    return f"INSERT INTO main.[{table}] ({listed}) SELECT {listed} FROM ({union}) ORDER BY [_deal], [_row]"
