"""The index's tables: the export's (export/sqlite_export.py TABLES), the files' stamps, the search text, the version.

An index written by another version of armsdeal (or of this schema) is emptied and built
again, never read: ``prepare`` compares the ``meta`` table's version with the running code's.
"""

from __future__ import annotations

import sqlite3

from armsdeal.export.sqlite_export import TABLES, Table

# Bump when the tables below or what a row holds change.
# 2: each row's seal (index/seal.py), the facts beside (index/beside.py); 3: list's rows; 4: their keys;
# 5: `check DIR`'s results (index/results.py); 6: search's rows (index/hits.py)
SCHEMA_VERSION = 6
_SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "REAL"}  # what sqlite-utils declares for the export

# One row a file: its stamp, the id of the timeline it holds, its row in `list` (index/listing.py), its events'
# rows in `search` (index/hits.py) and that timeline (pickled), each with its seal. The listing comes first:
# read alone, it leaves the timeline's pages unread.
FILES = """CREATE TABLE [files] (
   [name] TEXT PRIMARY KEY,
   [size] INTEGER NOT NULL,
   [mtime_ns] INTEGER NOT NULL,
   [inode] INTEGER NOT NULL,
   [ctime_ns] INTEGER NOT NULL,
   [deal] TEXT NOT NULL,
   [listing] BLOB NOT NULL,
   [listing_seal] BLOB NOT NULL,
   [hits] BLOB NOT NULL,
   [hits_seal] BLOB NOT NULL,
   [timeline] BLOB NOT NULL,
   [seal] BLOB NOT NULL
)"""
# The member of the collection each file beside a checked one is (index/beside.py), packed.
BESIDE = """CREATE TABLE [beside] (
   [name] TEXT PRIMARY KEY,
   [size] INTEGER NOT NULL,
   [mtime_ns] INTEGER NOT NULL,
   [inode] INTEGER NOT NULL,
   [ctime_ns] INTEGER NOT NULL,
   [member] BLOB NOT NULL,
   [seal] BLOB NOT NULL
)"""
# What makes each file beside a checked one matter (check/reach.py): (kind, key, facts) rows, by file name.
BESIDE_KEYS = """CREATE TABLE [beside_keys] (
   [name] TEXT NOT NULL,
   [kind] TEXT NOT NULL,
   [key] TEXT NOT NULL,
   [facts] TEXT NOT NULL
)"""
# What `search` looks in, one row an event (rowid = the events row's): chronology.searchable_text.
SEARCH = "CREATE VIRTUAL TABLE [search] USING fts5([text], tokenize = 'trigram case_sensitive 1')"
SEARCH_PLAIN = "CREATE TABLE [search] ([text] TEXT)"  # an SQLite without FTS5's trigrams: scanned
META = "CREATE TABLE [meta] ([key] TEXT PRIMARY KEY, [value] TEXT NOT NULL)"
# Rows are dropped by timeline when a file changes.
INDEXES = tuple(f"CREATE INDEX [{name}_deal] ON [{name}] ([deal])" for name in ("actors", "sources", "events"))
INDEXES += (
    "CREATE INDEX [beside_keys_key] ON [beside_keys] ([kind], [key], [facts])",
    "CREATE INDEX [beside_keys_name] ON [beside_keys] ([name])",
)


def create_table(table: Table) -> str:
    """The CREATE TABLE of one of the export's tables, as sqlite-utils writes it for the export."""
    columns = []
    primary = (table.pk,) if isinstance(table.pk, str) else table.pk
    for column, (kind, _) in table.columns.items():
        single = " PRIMARY KEY" if primary == (column,) else ""
        columns.append(f"   [{column}] {_SQL_TYPES[kind]}{single}")
    if len(primary) > 1:
        columns.append("   PRIMARY KEY ({})".format(", ".join(f"[{column}]" for column in primary)))
    for column, other, other_column in table.foreign_keys:
        columns.append(f"   FOREIGN KEY([{column}]) REFERENCES [{other}]([{other_column}])")
    return "CREATE TABLE [{}] (\n{}\n)".format(table.name, ",\n".join(columns))


def version_of(code: str) -> str:
    """What an index must have been written by to be read: this schema and this code."""
    return f"{SCHEMA_VERSION}:{code}"


def prepare(connection: sqlite3.Connection, code: str) -> None:
    """Leave the index ready for this code: as it is if it was written by it, else emptied and made anew.

    Raises sqlite3.Error for a damaged or locked file (the CLI then rebuilds or bypasses it).
    """
    from armsdeal.index import results  # here: it imports index/sync.py, which imports this module

    wanted = version_of(code)
    if _version(connection) == wanted:
        return
    with connection:
        connection.execute("BEGIN IMMEDIATE")
        if _version(connection) == wanted:  # another run made it meanwhile
            return
        names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for name in names:
            if not name.startswith("sqlite_") and not name.startswith("search_"):  # FTS5's shadow tables go with it
                connection.execute(f"DROP TABLE IF EXISTS [{name}]")
        tables = (
            *(create_table(table) for table in TABLES),
            FILES,
            BESIDE,
            BESIDE_KEYS,
            _search_table(connection),
            META,
        )
        tables += results.TABLES  # `check DIR`'s results (index/results.py)
        for statement in (*tables, *INDEXES):
            connection.execute(statement)
        connection.execute("INSERT INTO [meta] VALUES ('version', ?)", (wanted,))


def _version(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT value FROM [meta] WHERE key = 'version'").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    return str(row[0]) if row else None


def _search_table(connection: sqlite3.Connection) -> str:
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.[probe] USING fts5(x, tokenize = 'trigram')")
    except sqlite3.OperationalError:
        return SEARCH_PLAIN
    connection.execute("DROP TABLE temp.[probe]")
    return SEARCH


def has_trigrams(connection: sqlite3.Connection) -> bool:
    """Whether the search table is FTS5's (else it is a plain table that `search` scans)."""
    row = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'search'").fetchone()
    return bool(row) and "fts5" in str(row[0])
