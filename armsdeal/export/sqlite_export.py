"""SQLite: a database for Datasette (and any SQL client), built with sqlite-utils.

A database is a file, not text, so this exporter does not return a string like
the others: it returns a :class:`Database`, which the CLI asks to ``write`` into
a temporary file that it then renames over the target (cli/output.py), so that
``-o`` stays atomic. Writing starts from a copy of the existing database, if
any, and replaces only the tables listed in :data:`OWNED_TABLES` (and their
full-text indexes): a user's own tables and views beside them are kept.

Every value goes in as an SQL parameter (sqlite-utils binds them); the only
names in SQL are the constants of this module. Text is passed through
``safe_text.clean`` like in the CSV export, so control characters and bidi
overrides reach no terminal or page that shows the database. Rows are inserted
in a fixed order with declared column types, so the same timelines give the
same schema and rows every time. docs/sqlite.md describes the tables.

sqlite-utils is an optional dependency (``pip install 'armsdeal[sqlite]'``): it
is imported when a database is written, and its absence is a usage error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armsdeal.core.errors import InputError, UsageError
from armsdeal.core.model import Deal, Event, Money, Quantity, Timeline
from armsdeal.core.phases import deal_status
from armsdeal.export import ExportOptions
from armsdeal.export.common import earliest_iso, is_approximate, is_uncertain, latest_iso, precision_name
from armsdeal.render.safe_text import clean

if TYPE_CHECKING:
    from sqlite_utils import Database as SqliteUtilsDatabase

INSTALL_HINT = "the sqlite format needs sqlite-utils: pip install 'armsdeal[sqlite]'"
SEPARATOR = "; "

# column -> (Python type sqlite-utils maps to an SQL type, description for Datasette)
Columns = dict[str, tuple[type, str]]


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    description: str
    columns: Columns
    pk: str | tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, other table, other column)
    fts: tuple[str, ...] = ()
    label: str | None = None  # the column Datasette shows for a row that another row points to
    facets: tuple[str, ...] = ()


TABLES: tuple[Table, ...] = (
    Table(
        "deals",
        "One row per timeline: the deal and its record.",
        {
            "id": (str, "Timeline id (the file name without .yaml)"),
            "title": (str, "Title of the timeline"),
            "summary": (str, "Summary of the deal"),
            "supplier": (str, "Actor id of the supplier"),
            "supplier_name": (str, "Name of the supplier"),
            "recipient": (str, "Actor id of the recipient"),
            "recipient_name": (str, "Name of the recipient"),
            "system": (str, "Weapon system"),
            "category": (str, "Kind of system"),
            "ordered_count": (int, "Number ordered"),
            "ordered_unit": (str, "Unit of the number ordered"),
            "ordered_approximate": (int, "1 if the number ordered is approximate"),
            "ordered_note": (str, "Note on the number ordered"),
            "delivered_count": (int, "Number delivered"),
            "delivered_unit": (str, "Unit of the number delivered"),
            "delivered_approximate": (int, "1 if the number delivered is approximate"),
            "delivered_note": (str, "Note on the number delivered"),
            "value_amount": (float, "Value of the deal"),
            "value_currency": (str, "ISO 4217 currency of the value"),
            "value_approximate": (int, "1 if the value is approximate"),
            "value_note": (str, "Note on the value"),
            "status": (str, "Where the deal stands (announced ... delivered, cancelled, disputed)"),
            "note": (str, "Note on the deal record"),
            "related": (str, "Ids of related timelines, separated by '; '"),
            "events": (int, "Number of events"),
        },
        "id",
        fts=("title", "summary"),
        label="title",
        facets=("status", "supplier_name", "recipient_name"),
    ),
    Table(
        "actors",
        "The states, agencies, companies and people of each timeline.",
        {
            "key": (str, "deal/actor: unique across timelines"),
            "deal": (str, "Timeline id"),
            "id": (str, "Actor id within the timeline"),
            "name": (str, "Name"),
            "kind": (str, "state, government, agency, company, person, ..."),
            "of": (str, "Key of the actor this one belongs to"),
            "note": (str, "Note"),
        },
        "key",
        (("deal", "deals", "id"), ("of", "actors", "key")),
        label="name",
        facets=("kind",),
    ),
    Table(
        "sources",
        "The sources each timeline cites.",
        {
            "key": (str, "deal/source: unique across timelines"),
            "deal": (str, "Timeline id"),
            "id": (str, "Source id within the timeline"),
            "publisher": (str, "Publisher"),
            "title": (str, "Title"),
            "url": (str, "URL"),
            "date": (str, "Publication date as written (EDTF)"),
            "earliest": (str, "First day the publication date can mean (ISO)"),
            "language": (str, "Language tag"),
            "via": (str, "Where it was found (agency, aggregator)"),
            "archive_url": (str, "Archived copy"),
            "note": (str, "Note"),
        },
        "key",
        (("deal", "deals", "id"),),
        label="title",
        facets=("publisher",),
    ),
    Table(
        "events",
        "One row per event, in each timeline's chronological order.",
        {
            "key": (str, "deal/event: unique across timelines"),
            "deal": (str, "Timeline id"),
            "id": (str, "Event id within the timeline"),
            "position": (int, "Place in the timeline's chronology, from 1"),
            "date": (str, "Date as written (EDTF)"),
            "precision": (str, "day, month or year"),
            "earliest": (str, "First day the date can mean (ISO; empty for an open start)"),
            "latest": (str, "Last day the date can mean (ISO; empty for an open end)"),
            "approximate": (int, "1 if the date is approximate (~ or %)"),
            "uncertain": (int, "1 if the date is uncertain (? or %)"),
            "type": (str, "negotiation, agreement, contract, delivery, sanction, ..."),
            "title": (str, "What happened"),
            "status": (str, "confirmed, reported, claimed, disputed, denied or expected"),
            "note": (str, "Note"),
            "location": (str, "Where"),
            "quantity_count": (int, "Number involved"),
            "quantity_unit": (str, "Unit of the number"),
            "quantity_approximate": (int, "1 if the number is approximate"),
            "tags": (str, "Tags, separated by '; '"),
            "context": (int, "1 for background: not a step of this deal"),
            "about": (str, "The related timeline this context event belongs to"),
        },
        "key",
        (("deal", "deals", "id"),),
        fts=("title", "note"),
        label="title",
        facets=("type", "status", "deal"),
    ),
    Table(
        "event_sources",
        "Which sources each event cites, in the order it cites them.",
        {
            "event": (str, "Event key"),
            "source": (str, "Source key"),
            "position": (int, "Order of citation, from 1"),
        },
        ("event", "source"),
        (("event", "events", "key"), ("source", "sources", "key")),
    ),
    Table(
        "event_actors",
        "The actors of each event, the claimants and the disputers.",
        {
            "event": (str, "Event key"),
            "actor": (str, "Actor key"),
            "role": (str, "actor, claimed_by or disputed_by"),
            "position": (int, "Order within the role, from 1"),
        },
        ("event", "actor", "role"),
        (("event", "events", "key"), ("actor", "actors", "key")),
        facets=("role",),
    ),
)

OWNED_TABLES = tuple(table.name for table in TABLES)


def _sqlite_utils() -> Any:
    try:
        import sqlite_utils
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    return sqlite_utils


@dataclass(frozen=True, slots=True)
class Database:
    """The export of some timelines as a database: rows ready, written on demand."""

    timelines: Iterable[Timeline]  # in id order; a stream is read once, as the database is written
    # Fills the owned tables once made, instead of rows made from ``timelines`` (export --all from the index).
    copied: Callable[[sqlite3.Connection], None] | None = None

    def write(self, target: Path, *, previous: Path | None = None) -> None:
        """Fill ``target`` (a new, empty file) with ``previous``'s tables and ours in place of the owned ones."""
        sqlite_utils = _sqlite_utils()
        if previous is not None:
            _refuse_busy(previous)
        try:
            connection = sqlite3.connect(target)
        except sqlite3.Error as error:
            raise InputError(f"cannot open '{target}' as a database: {error}") from None
        try:
            if previous is not None:
                _copy(previous, connection)
            db = sqlite_utils.Database(connection)
            db.execute("PRAGMA foreign_keys = OFF")
            # A temporary file that the CLI flushes to disk and renames once complete: a crash
            # leaves no half database behind, so SQLite's own journal and syncs buy nothing here.
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            with connection:
                _drop_owned(db)
                _fill(db, self.timelines, self.copied)
            db.execute("VACUUM")
        except sqlite3.DatabaseError as error:
            raise InputError(f"cannot write the database '{previous or target}': {error}") from None
        finally:
            connection.close()

    def metadata(self, database: str) -> dict[str, Any]:
        """Datasette's metadata for the database named ``database`` (its file name without suffix)."""
        return metadata(database)


def export_sqlite(timelines: Sequence[Timeline], options: ExportOptions) -> Database:
    _sqlite_utils()  # fail early, before any file is touched
    return Database(tuple(sorted(timelines, key=lambda timeline: timeline.id)))


def export_sqlite_stream(timelines: Iterable[Timeline]) -> Database:
    """A database of timelines that come one at a time, already in id order (``export --all``: memory bounded)."""
    _sqlite_utils()
    return Database(timelines)


def export_sqlite_copied(copied: Callable[[sqlite3.Connection], None]) -> Database:
    """A database whose tables ``copied`` fills (``export --all`` from the collection index: index/rows.py)."""
    _sqlite_utils()
    return Database((), copied)


def metadata(database: str) -> dict[str, Any]:
    """A Datasette metadata document describing every table and column of the export."""
    tables: dict[str, Any] = {}
    for table in TABLES:
        entry: dict[str, Any] = {
            "description": table.description,
            "columns": {column: help_text for column, (_, help_text) in table.columns.items()},
        }
        if table.label:
            entry["label_column"] = table.label
        if table.facets:
            entry["facets"] = list(table.facets)
        tables[table.name] = entry
        if table.fts:
            tables[f"{table.name}_fts"] = {"hidden": True}
    return {
        "title": "armsdeal timelines",
        "description": "Arms-deal timelines exported by armsdeal (docs/sqlite.md).",
        "databases": {database: {"tables": tables}},
    }


def _refuse_busy(previous: Path) -> None:
    """Refuse a database that another program is writing or has open in WAL mode.

    The new database is renamed over the old one; SQLite's side files (-wal, -journal)
    are named after the path, so a program that still has the old one open would
    apply them to the new file. Datasette opens a database read-only and leaves
    no side file for the databases this exporter writes.
    """
    for suffix in ("-wal", "-journal"):
        side = previous.with_name(previous.name + suffix)
        if side.exists():
            raise InputError(
                f"'{previous}' is in use ('{side.name}' is beside it): close the programs that have it open "
                "(or checkpoint it), then export again"
            )


def _copy(previous: Path, connection: sqlite3.Connection) -> None:
    """The existing database, copied through SQLite's backup API (which also reads its -wal file)."""
    source = sqlite3.connect(f"{previous.resolve().as_uri()}?mode=ro", uri=True)
    try:
        source.backup(connection)
    finally:
        source.close()


def _drop_owned(db: SqliteUtilsDatabase) -> None:
    for table in TABLES:
        if table.fts and db[table.name].exists():
            fts = db.table(f"{table.name}_fts")
            if fts.exists():
                fts.drop()
    for table in reversed(TABLES):
        db.table(table.name).drop(ignore=True)


def table_rows(timelines: Sequence[Timeline]) -> dict[str, Iterator[dict[str, Any]]]:
    """Each owned table's rows for these timelines, in the export's fixed order (also the index's rows)."""
    rows = _Rows(sorted(timelines, key=lambda timeline: timeline.id))
    return {
        "deals": rows.deals(),
        "actors": rows.actors(),
        "sources": rows.sources(),
        "events": rows.events(),
        "event_sources": rows.event_sources(),
        "event_actors": rows.event_actors(),
    }


def _fill(
    db: SqliteUtilsDatabase, timelines: Iterable[Timeline], copied: Callable[[sqlite3.Connection], None] | None
) -> None:
    """Every table, filled a batch of timelines at a time (in their order: by id), so that a collection of any
    size is never held whole, or by ``copied``; the full-text indexes are built once the rows are in."""
    for table in TABLES:
        db.table(table.name).create(
            {column: kind for column, (kind, _) in table.columns.items()},
            pk=table.pk,
            foreign_keys=list(table.foreign_keys),
        )
    if copied is not None:
        db.conn.commit()  # the tables made: copied attaches the indexes, which needs no transaction open
        copied(db.conn)
    else:
        _insert_batches(db, timelines)
    for table in TABLES:
        if table.fts:
            # Populated once from the rows inserted; no triggers: the export owns these tables.
            db.table(table.name).enable_fts(list(table.fts), create_triggers=False, tokenize="porter")


# Timelines whose rows are made and inserted together: a few MiB of rows, few statements.
_BATCH = 500


def _insert_batches(db: SqliteUtilsDatabase, timelines: Iterable[Timeline]) -> None:
    batch: list[Timeline] = []
    for timeline in timelines:
        batch.append(timeline)
        if len(batch) == _BATCH:
            _insert_batch(db, batch)
            batch.clear()
    _insert_batch(db, batch)


def _insert_batch(db: SqliteUtilsDatabase, timelines: Sequence[Timeline]) -> None:
    produced = table_rows(timelines)
    for table in TABLES:
        insert_rows(db.conn, table, produced[table.name])


def insert_rows(connection: sqlite3.Connection, table: Table, rows: Iterator[dict[str, Any]]) -> None:
    """Every row in one statement run many times, columns in the table's order.

    sqlite-utils' insert_all checks and converts every value of every row in
    Python (half the export's own time for 10,000 events, docs/performance-history.md);
    these rows hold only text, whole numbers, real numbers and None, which
    sqlite3 binds as they are: the database is the same (tests/export/test_export_sqlite.py's golden dump).
    """
    columns = list(table.columns)
    names = ", ".join(f"[{column}]" for column in columns)
    marks = ", ".join("?" for _ in columns)
    # Every row has every column of its table (a KeyError here is a bug of _Rows, not of the data).
    values = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    connection.executemany(f"INSERT INTO [{table.name}] ({names}) VALUES ({marks})", map(values, rows))


def _text(value: str | None) -> str | None:
    return None if value is None else clean(value)


def _flag(value: bool) -> int:
    return 1 if value else 0


def _quantity(prefix: str, value: Quantity | None) -> dict[str, Any]:
    if value is None:
        return {f"{prefix}_count": None, f"{prefix}_unit": None, f"{prefix}_approximate": None}
    return {
        f"{prefix}_count": value.count,
        f"{prefix}_unit": _text(value.unit),
        f"{prefix}_approximate": _flag(value.approximate),
    }


def _money(value: Money | None) -> dict[str, Any]:
    if value is None:
        return {"value_amount": None, "value_currency": None, "value_approximate": None, "value_note": None}
    return {
        "value_amount": value.amount,
        "value_currency": value.currency,
        "value_approximate": _flag(value.approximate),
        "value_note": _text(value.note),
    }


# A deal with every field empty: a timeline without `deal:` gets the same row with its deal columns null.
_NO_DEAL = Deal.model_construct()


def _deal_row(timeline: Timeline) -> dict[str, Any]:
    """The row of the deals table for one timeline."""
    deal = timeline.deal or _NO_DEAL
    row: dict[str, Any] = {
        "id": timeline.id,
        "title": _text(timeline.title),
        "summary": _text(timeline.summary),
        "supplier": deal.supplier,
        "supplier_name": _text(timeline.actor_name(deal.supplier)) if deal.supplier else None,
        "recipient": deal.recipient,
        "recipient_name": _text(timeline.actor_name(deal.recipient)) if deal.recipient else None,
        "system": _text(deal.system),
        "category": _text(deal.category),
    }
    for prefix, quantity in (("ordered", deal.ordered), ("delivered", deal.delivered)):
        row.update(_quantity(prefix, quantity))
        row[f"{prefix}_note"] = _text(quantity.note) if quantity else None
    row.update(_money(deal.value))
    row["status"] = str(status) if (status := deal_status(timeline)) else None
    row["note"] = _text(deal.note)
    row["related"] = SEPARATOR.join(timeline.related) or None
    row["events"] = len(timeline.events)
    return row


class _Rows:
    """The rows of each table, generated in a fixed order (timelines by id, events chronologically)."""

    def __init__(self, timelines: Sequence[Timeline]) -> None:
        self.timelines = timelines

    def deals(self) -> Iterator[dict[str, Any]]:
        for timeline in self.timelines:
            yield _deal_row(timeline)

    def actors(self) -> Iterator[dict[str, Any]]:
        for timeline in self.timelines:
            for actor_id, actor in timeline.actors.items():
                yield {
                    "key": f"{timeline.id}/{actor_id}",
                    "deal": timeline.id,
                    "id": actor_id,
                    "name": _text(actor.name),
                    "kind": str(actor.kind),
                    # An unknown `of` (a check error) is null here, never a dangling key.
                    "of": f"{timeline.id}/{actor.of}" if actor.of in timeline.actors else None,
                    "note": _text(actor.note),
                }

    def sources(self) -> Iterator[dict[str, Any]]:
        for timeline in self.timelines:
            for source_id, source in timeline.sources.items():
                yield {
                    "key": f"{timeline.id}/{source_id}",
                    "deal": timeline.id,
                    "id": source_id,
                    "publisher": _text(source.publisher),
                    "title": _text(source.title),
                    "url": _text(source.url),
                    "date": _text(source.date.text) if source.date else None,
                    "earliest": earliest_iso(source.date) if source.date else None,
                    "language": source.language,
                    "via": _text(source.via),
                    "archive_url": _text(source.archive_url),
                    "note": _text(source.note),
                }

    def events(self) -> Iterator[dict[str, Any]]:
        for timeline in self.timelines:
            for position, event in enumerate(timeline.chronology, start=1):
                yield _event_row(timeline, event, position)

    def event_sources(self) -> Iterator[dict[str, Any]]:
        for timeline in self.timelines:
            for event in timeline.chronology:
                cited = [source for source in dict.fromkeys(event.sources) if source in timeline.sources]
                for position, source_id in enumerate(cited, start=1):
                    yield {
                        "event": f"{timeline.id}/{event.id}",
                        "source": f"{timeline.id}/{source_id}",
                        "position": position,
                    }

    def event_actors(self) -> Iterator[dict[str, Any]]:
        for timeline in self.timelines:
            for event in timeline.chronology:
                for role, actor_ids in (
                    ("actor", event.actors),
                    ("claimed_by", event.claimed_by),
                    ("disputed_by", event.disputed_by),
                ):
                    known = [actor for actor in dict.fromkeys(actor_ids) if actor in timeline.actors]
                    for position, actor_id in enumerate(known, start=1):
                        yield {
                            "event": f"{timeline.id}/{event.id}",
                            "actor": f"{timeline.id}/{actor_id}",
                            "role": role,
                            "position": position,
                        }


def _event_row(timeline: Timeline, event: Event, position: int) -> dict[str, Any]:
    row: dict[str, Any] = {
        "key": f"{timeline.id}/{event.id}",
        "deal": timeline.id,
        "id": event.id,
        "position": position,
        "date": event.date.text,
        "precision": precision_name(event.date),
        "earliest": earliest_iso(event.date),
        "latest": latest_iso(event.date),
        "approximate": _flag(is_approximate(event.date)),
        "uncertain": _flag(is_uncertain(event.date)),
        "type": str(event.type),
        "title": _text(event.title),
        "status": str(event.status),
        "note": _text(event.note),
        "location": _text(event.location),
    }
    row.update(_quantity("quantity", event.quantity))
    row.update(
        {
            "tags": SEPARATOR.join(event.tags) or None,
            "context": _flag(event.is_context),
            "about": event.about,
        }
    )
    return row
