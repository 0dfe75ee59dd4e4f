"""The facts of the files beside a checked one, kept for `check FILE`'s rules across files (issue 33).

`check DIR/one.yaml` (what a pre-commit hook runs) compares the file with every timeline beside
it (check/rules/collection.py): its id, related ids and the facts of its sources and events. Read
once and kept here by stamp, only the files changed since are read again; the others' members come
from their rows, with their places if they were read with them (the located loader's), else
without (the fast path's: a finding that names a place in one reads it again with places, as
without the index). A row is served under the rules of the timelines' rows (index/sync.py): its
stamp is the one taken in this run, and its seal verifies (index/seal.py) before it is unmarshalled.

Each row's keys (check/reach.py: the file's id, the ids it names, the URLs it cites with their
facts) are kept beside it in ``beside_keys``, written and dropped with it. With the fast path
"beside-keys", `check FILE` serves only the unchanged files whose keys match what the checked
files ask, found in SQL (at 30,000 files citing one URL alike: none), and every changed file
(read now); each run still stats every file, so no row of a changed file is ever served. As
with `search`'s text, the keys only narrow which sealed rows are read: they hold no code.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from armsdeal.check import reach
from armsdeal.check.facts import TimelineFacts
from armsdeal.check.rules.collection import Member
from armsdeal.index import sync
from armsdeal.index.seal import Seal
from armsdeal.index.sync import Stamp, stamp_of
from armsdeal.read.places import Place

_CHUNK = 500  # names a statement binds: under SQLite's limit of bound parameters


def members(
    connection: sqlite3.Connection,
    folder: Path,
    names: list[str],
    seal: Seal,
    read: Callable[[Path], Member | None],
    asked: reach.Asked | None = None,
) -> list[Member]:
    """The members of these files of ``folder`` (in order): from their rows where current, else ``read``.

    With ``asked``, a file whose row is current is a member only if its keys match what the checked
    files ask (check/reach.py); a file read now always is. Brings the rows up to these files: those
    read now are stored, those of other names dropped. Raises sqlite3.Error if the index cannot be
    read or written (the CLI then reads every file).
    """
    started = time.time_ns()
    seen = _seen(connection, folder, names, asked)
    found: list[Member] = []
    fresh: list[tuple[str, Stamp, Member]] = []
    for name in names:
        if name in seen.chosen:  # unchanged: its row, if it still verifies
            member = _served(folder / name, Stamp(*seen.stored[name]), seen.rows.get(name), seal)
            if member is not None:
                found.append(member)
                continue
        elif name not in seen.changed:
            continue  # unchanged, and nothing the checked files ask: no finding can come of it
        member = _read(folder / name, seen.changed.get(name), read, fresh)
        if member is not None:
            found.append(member)
    settled = started - sync.RACY_NS  # as for the timelines' rows: a file of the last 2 s is read again
    kept = [(name, stamp, member) for name, stamp, member in fresh if max(stamp.mtime_ns, stamp.ctime_ns) < settled]
    _write(connection, seal, kept, seen.stored.keys() - set(names))
    return found


@dataclass(slots=True)
class _Seen:
    """What one look at the index and the files found: the rows' stamps, the files changed, those to serve."""

    stored: dict[str, tuple[Any, ...]]  # file name -> its row's stamp
    changed: dict[str, Stamp | None]  # file name -> its stamp now (None: none can be taken)
    chosen: set[str]  # the unchanged files to serve
    rows: dict[str, tuple[Any, ...]]  # their rows: stamp, member, seal


def _seen(connection: sqlite3.Connection, folder: Path, names: list[str], asked: reach.Asked | None) -> _Seen:
    with connection:
        connection.execute("BEGIN")  # one snapshot: the stamps, the keys and the rows of one run's writes
        stored = {row[0]: row[1:] for row in connection.execute(_SELECT_STAMPS)}
        changed = _changed(folder, names, stored)
        if asked is None:
            chosen = {name for name in names if name not in changed}
        else:
            listed = set(names)
            chosen = {name for name in _matching(connection, asked) if name in listed and name not in changed}
        rows = _rows(connection, chosen, everything=asked is None)
    return _Seen(stored, changed, chosen, rows)


def _read(
    path: Path, stamp: Stamp | None, read: Callable[[Path], Member | None], fresh: list[tuple[str, Stamp, Member]]
) -> Member | None:
    """A file read now, added to ``fresh`` if unchanged while it was read (its stamp, taken before, still holds)."""
    if stamp is None:
        stamp = stamp_of(path)  # a row that did not verify: the stamp before this reading
    member = read(path)
    if member is not None and stamp is not None and stamp == stamp_of(path):
        fresh.append((path.name, stamp, member))
    return member


_SELECT_STAMPS = "SELECT name, size, mtime_ns, inode, ctime_ns FROM [beside]"


def _changed(folder: Path, names: list[str], stored: dict[str, tuple[Any, ...]]) -> dict[str, Stamp | None]:
    """The files whose stamp (sync.stamp_of) is not their row's, with it (None: it cannot be taken).

    Each is taken relative to the folder once open, and compared as a plain tuple: 30,000 files in
    a third of the time of a path and a Stamp each.
    """
    if os.stat not in os.supports_dir_fd:
        stamps = ((name, stamp_of(folder / name)) for name in names)
        return {name: stamp for name, stamp in stamps if stamp is None or stored.get(name) != stamp}
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return dict.fromkeys(names)  # the folder cannot be opened: every file is read, as it can be
    changed: dict[str, Stamp | None] = {}
    try:
        for name in names:
            try:
                status = os.stat(name, dir_fd=descriptor)
            except (OSError, ValueError):
                changed[name] = None
                continue
            stamp = (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)
            if stored.get(name) != stamp:
                changed[name] = Stamp(*stamp)
    finally:
        os.close(descriptor)
    return changed


def _matching(connection: sqlite3.Connection, asked: reach.Asked) -> set[str]:
    """The names of the files whose keys match what the checked files ask (check/reach.py)."""
    found: set[str] = set()
    for kind, wanted in ((reach.ID, asked.ids), (reach.NAMES, asked.naming)):
        found.update(_named(connection, kind, wanted))
    # A citation other than the checked one's: the facts sort before or after it (two index ranges).
    query = "SELECT name FROM [beside_keys] WHERE kind = ? AND key = ? AND facts {} ?"
    for url, facts in asked.sources.items():
        for test in ("<", ">"):
            found.update(row[0] for row in connection.execute(query.format(test), (reach.URL, url, facts)))
    if asked.cited:  # every citation of these, and every file whose facts may leave one out
        found.update(_named(connection, reach.URL, asked.cited))
        found.update(_named(connection, reach.LOCATED, {""}))
    return found


def _named(connection: sqlite3.Connection, kind: str, wanted: Collection[str]) -> Iterator[str]:
    keys = sorted(wanted)
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        query = f"SELECT name FROM [beside_keys] WHERE kind = ? AND key IN ({marks})"
        yield from (row[0] for row in connection.execute(query, (kind, *chunk)))


def _rows(connection: sqlite3.Connection, names: Collection[str], *, everything: bool) -> dict[str, tuple[Any, ...]]:
    """The stored rows of these names (stamp, member, seal), by name; ``everything``: the whole table at once."""
    if everything:
        return {row[0]: row[1:] for row in connection.execute("SELECT * FROM [beside]")}
    rows: dict[str, tuple[Any, ...]] = {}
    chosen = sorted(names)
    for start in range(0, len(chosen), _CHUNK):
        chunk = chosen[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        for row in connection.execute(f"SELECT * FROM [beside] WHERE name IN ({marks})", chunk):
            rows[row[0]] = row[1:]
    return rows


def _write(
    connection: sqlite3.Connection, seal: Seal, kept: list[tuple[str, Stamp, Member]], gone: Collection[str]
) -> None:
    """Store the members read now (with their keys), drop the rows of the files gone: one transaction."""
    if not kept and not gone:
        return
    with connection:
        connection.execute("BEGIN IMMEDIATE")
        for name in (*gone, *(name for name, _, _ in kept)):
            connection.execute("DELETE FROM [beside] WHERE name = ?", (name,))
            connection.execute("DELETE FROM [beside_keys] WHERE name = ?", (name,))
        blobs = [(name, stamp, _packed(member)) for name, stamp, member in kept]
        connection.executemany(
            "INSERT INTO [beside] VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((name, *stamp, blob, seal.of(name, stamp, blob)) for name, stamp, blob in blobs),
        )
        connection.executemany(
            "INSERT INTO [beside_keys] VALUES (?, ?, ?, ?)",
            ((name, *key) for name, _, member in kept for key in reach.keys(member)),
        )


def _served(path: Path, stamp: Stamp, row: tuple[Any, ...] | None, seal: Seal) -> Member | None:
    """The member a row holds if it has this stamp and its seal verifies, else None (the file is read)."""
    if (
        row is None
        or row[:4] != stamp
        or not isinstance(row[4], bytes)
        or not seal.holds(path.name, stamp, row[4], row[5])
    ):
        return None
    try:
        timeline_id, id_at, related, sources, events, links, placed = marshal.loads(row[4])
        facts = TimelineFacts.packed(sources, events, links)
        places = tuple((related_id, Place(line, column)) for related_id, line, column in related)
        return Member(str(path), timeline_id, Place(*id_at), places, facts, checked=False, placed=placed)
    except (ValueError, TypeError, EOFError):  # sealed by this code, so never; a damaged row is read again
        return None


def _packed(member: Member) -> bytes:
    """A member without its path (the file may be named otherwise next time: ./a.yaml, a.yaml)."""
    related = tuple((related_id, at.line, at.column) for related_id, at in member.related)
    id_at = (member.id_at.line, member.id_at.column)
    return marshal.dumps((member.timeline_id, id_at, related, *member.facts.packing, member.placed))
