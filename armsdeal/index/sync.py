"""Keeping an index current: a file is read again only when its stamp changed; a file gone is dropped.

A stamp is a file's size, modification time (ns), inode and change time (ns): an edit, a
rename over it, a copy, a symlink pointed elsewhere or a clock set back all change one of
them. Every timeline served is one whose stored stamp equals the stamp taken in this run,
before the file was read, so a row is never older than the file: a file that changes while
it is read keeps the stamp from before, and is read again next time.

A file written in the last ``RACY_NS`` is read but not stored: on a file system whose clock
ticks coarsely, a second edit of the same size within the same tick would keep its stamp (git's
"racy" files). Invalid and unreadable files are not stored either (their problems name the path
as given and the day): they are read, and reported, on every run, as without the index.

The timelines are stored pickled, each blob sealed (index/seal.py): a blob is unpickled only if
its seal verifies under the user's key, so bytes this code did not write are never loaded, and a
row that does not verify is stale (its file is read again). Only this code of this version reads
an index (schema.prepare).
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar, overload

from armsdeal.check.load import Loaded, load_many
from armsdeal.core.chronology import searchable_text
from armsdeal.core.model import Timeline
from armsdeal.index import hits, listing
from armsdeal.index.schema import has_trigrams
from armsdeal.index.seal import Seal
from armsdeal.index.sealed import named, seal_of, verified

Kept = TypeVar("Kept")
RACY_NS = 2_000_000_000  # FAT's 2 s, the coarsest clock a timelines folder may be on


class Stamp(NamedTuple):
    size: int
    mtime_ns: int
    inode: int
    ctime_ns: int


def stamp_of(path: Path) -> Stamp | None:
    """The stamp of the file a path names (through symlinks), or None if it cannot be looked at."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return Stamp(status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)


@dataclass(slots=True)
class Refreshed(Generic[Kept]):
    """What one folder's files gave: what is kept of the timelines read now, and the names whose row is current."""

    read: Loaded = field(default_factory=Loaded)
    fresh: dict[Path, Kept] = field(default_factory=dict)
    current: dict[str, Stamp] = field(default_factory=dict)  # file name -> the stamp its row must have
    rows: list[tuple[Any, ...]] = field(default_factory=list)  # the stamps and columns refresh was asked for


# Files read and stored per transaction: the timelines of one batch are all that is held at a time.
BATCH = 500


def _itself(timeline: Timeline) -> Timeline:
    return timeline


@overload
def refresh(connection: sqlite3.Connection, paths: Sequence[Path], seal: Seal) -> Refreshed[Timeline]: ...
@overload
def refresh(
    connection: sqlite3.Connection,
    paths: Sequence[Path],
    seal: Seal,
    keep: Callable[[Timeline], Kept],
    columns: str = "",
) -> Refreshed[Kept]: ...
def refresh(
    connection: sqlite3.Connection,
    paths: Sequence[Path],
    seal: Seal,
    keep: Callable[[Timeline], Any] = _itself,
    columns: str = "",
) -> Refreshed[Any]:
    """Bring the index up to these files (all of one folder): read those whose stamp changed, drop the others.

    Of each timeline read, ``keep(timeline)`` is what the result holds (list keeps its row's
    cells, not the timeline). Changed files are read and stored a batch at a time, each batch in
    a transaction of its own; a folder whose rows are all current is not written to. ``columns``
    (of [files]) are read with the stamps, in the one scan, into ``Refreshed.rows`` (list's cells).
    Raises sqlite3.Error if the index cannot be read or written (the CLI then bypasses it).
    """
    started = time.time_ns()
    result: Refreshed[Any] = Refreshed()
    if columns:
        result.rows = connection.execute(f"SELECT {_STAMPS}, {columns} FROM [files]").fetchall()
        stored = {row[0]: row[1:5] for row in result.rows}  # plain tuples: equal to a Stamp of the same numbers
    else:
        stored = {row[0]: row[1:] for row in connection.execute(_SELECT_STAMPS)}
    changed: list[tuple[Path, Stamp | None]] = []
    for path in paths:
        stamp = stamp_of(path)
        if stamp is not None and stored.get(path.name) == stamp:
            result.current[path.name] = stamp
        else:
            changed.append((path, stamp))
    gone = stored.keys() - {path.name for path in paths}
    if gone:
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            for name in gone:
                _drop(connection, name)
    settled = started - RACY_NS
    for start in range(0, len(changed), BATCH):
        batch = changed[start : start + BATCH]
        fresh: dict[Path, Timeline] = {}
        storable = _read(batch, result.read, fresh)
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            for path, _ in batch:
                _drop(connection, path.name)
            _store(
                connection,
                seal,
                [
                    (path.name, stamp, fresh[path])
                    for path, stamp in storable
                    if stamp.ctime_ns < settled and stamp.mtime_ns < settled
                ],
            )
        for path, timeline in fresh.items():
            result.fresh[path] = keep(timeline)
    return result


_STAMPS = "name, size, mtime_ns, inode, ctime_ns"
_SELECT_STAMPS = f"SELECT {_STAMPS} FROM [files]"


def _read(
    changed: Iterable[tuple[Path, Stamp | None]], read: Loaded, fresh: dict[Path, Timeline]
) -> list[tuple[Path, Stamp]]:
    """Read the changed files as the commands do (load_many); the valid ones with a stamp may be stored."""
    storable = []
    for path, stamp in changed:
        loaded = load_many([path])
        read.invalid.update(loaded.invalid)
        read.unreadable.update(loaded.unreadable)
        if loaded.timelines:
            fresh[path] = loaded.timelines[0]
            if stamp is not None and stamp == stamp_of(path):  # unchanged while it was read
                storable.append((path, stamp))
    return storable


def _drop(connection: sqlite3.Connection, name: str) -> None:
    row = connection.execute("SELECT deal FROM [files] WHERE name = ?", (name,)).fetchone()
    if row is None:
        return
    deal = row[0]
    events = "SELECT [key] FROM [events] WHERE [deal] = ?"
    connection.execute(f"DELETE FROM [event_sources] WHERE [event] IN ({events})", (deal,))
    connection.execute(f"DELETE FROM [event_actors] WHERE [event] IN ({events})", (deal,))
    connection.execute("DELETE FROM [search] WHERE rowid IN (SELECT rowid FROM [events] WHERE [deal] = ?)", (deal,))
    for table in ("events", "sources", "actors"):
        connection.execute(f"DELETE FROM [{table}] WHERE [deal] = ?", (deal,))
    connection.execute("DELETE FROM [deals] WHERE [id] = ?", (deal,))
    connection.execute("DELETE FROM [files] WHERE name = ?", (name,))


def _store(connection: sqlite3.Connection, seal: Seal, files: list[tuple[str, Stamp, Timeline]]) -> None:
    """Insert the rows of these files, each table's in one statement run many times."""
    # Imported here: a run whose rows are all current (a warm `list`) stores nothing.
    from armsdeal.export.sqlite_export import TABLES, insert_rows, table_rows

    ids = list({timeline.id for _, _, timeline in files})
    taken: set[str] = set()
    for start in range(0, len(ids), 500):  # under SQLite's limit of bound parameters
        chunk = ids[start : start + 500]
        query = "SELECT [id] FROM [deals] WHERE [id] IN ({})".format(", ".join("?" for _ in chunk))
        taken.update(row[0] for row in connection.execute(query, chunk))
    kept = []
    for name, stamp, timeline in files:
        # Two files of one id (an error of the collection): the second is read on each run instead.
        if timeline.id not in taken:
            taken.add(timeline.id)
            kept.append((name, stamp, timeline))
    connection.executemany(f"INSERT INTO [files] ({_FILES_COLUMNS}) VALUES ({_FILES_MARKS})", _sealed_rows(seal, kept))
    chosen = [timeline for _, _, timeline in kept]
    for table, rows in zip(TABLES, table_rows(chosen).values(), strict=True):
        insert_rows(connection, table, rows)
    # SQLite's instr stops at a NUL; a search text never holds one (it comes from the command line), so a
    # newline in its place matches the same texts.
    searched = (
        (searchable_text(timeline, event).replace("\0", "\n"), f"{timeline.id}/{event.id}")
        for timeline in chosen
        for event in timeline.chronology
    )
    connection.executemany(
        "INSERT INTO [search] (rowid, [text]) SELECT rowid, ? FROM [events] WHERE [key] = ?", searched
    )


_FILES_COLUMNS = "name, size, mtime_ns, inode, ctime_ns, deal, listing, listing_seal, hits, hits_seal, timeline, seal"
_FILES_MARKS = ", ".join("?" for _ in _FILES_COLUMNS.split(", "))


def _sealed_rows(seal: Seal, kept: list[tuple[str, Stamp, Timeline]]) -> Iterator[tuple[object, ...]]:
    for name, stamp, timeline in kept:
        blob = pickle.dumps(timeline, pickle.HIGHEST_PROTOCOL)
        listed = listing.packed(timeline)
        rows = hits.packed(timeline)
        yield (
            name,
            *stamp,
            timeline.id,
            listed,
            seal_of(seal, listing.TAG, name, stamp, listed),
            rows,
            seal_of(seal, hits.TAG, name, stamp, rows),
            blob,
            seal.of(name, stamp, blob),
        )


def timelines(connection: sqlite3.Connection, wanted: dict[str, Stamp], seal: Seal) -> dict[str, Timeline]:
    """The indexed timelines of these file names whose row has the stamp given and verifies (others are left out)."""
    found: dict[str, Timeline] = {}
    for name, blob in verified(named(connection, "timeline, seal", list(wanted)), wanted, seal):
        try:  # unpickled only once its seal verified: never bytes this user's armsdeal did not write
            timeline = pickle.loads(blob)
        except Exception:  # a damaged row: read the file again
            continue
        if isinstance(timeline, Timeline):
            found[name] = timeline
    return found


def mentioning(connection: sqlite3.Connection, text: str) -> set[str]:
    """The ids of the indexed timelines with an event whose searchable text holds ``text`` (ignoring case).

    The same test as chronology.EventFilter's ``contains`` (casefolded text in the casefolded
    searchable_text), with a NUL read as a newline on both sides: exact for every text without
    one, and never missing a match (the command then keeps only EventFilter's matches). FTS5's
    trigrams only narrow the rows the test is made on.
    """
    wanted = text.casefold().replace("\0", "\n")
    exact = "instr([search].[text], ?) > 0"
    parameters: tuple[str, ...] = (wanted,)
    where = exact
    if len(wanted) >= 3 and has_trigrams(connection):
        phrase = '"' + wanted.replace('"', '""') + '"'
        where, parameters = f"[search] MATCH ? AND {exact}", (phrase, wanted)
    query = (
        f"SELECT DISTINCT [events].[deal] FROM [search] JOIN [events] ON [events].rowid = [search].rowid WHERE {where}"
    )
    return {row[0] for row in connection.execute(query, parameters)}
