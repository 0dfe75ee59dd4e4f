"""The facts of the files beside a checked one, kept for `check FILE`'s rules across files (issue 33).

`check DIR/one.yaml` (what a pre-commit hook runs) compares the file with every timeline beside
it (check/rules/collection.py): its id, related ids and the facts of its sources and events. Read
once and kept here by stamp, only the files changed since are read again; the others' members come
from their rows, with their places if they were read with them (the located loader's), else
without (the fast path's: a finding that names a place in one reads it again with places, as
without the index). A row is served under the rules of the timelines' rows (index/sync.py): its
stamp is the one taken in this run, and its seal verifies (index/seal.py) before it is unmarshalled.
"""

from __future__ import annotations

import marshal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from armsdeal.check.facts import TimelineFacts
from armsdeal.check.rules.collection import Member
from armsdeal.index import sync
from armsdeal.index.seal import Seal
from armsdeal.index.sync import Stamp, stamp_of
from armsdeal.read.places import Place


def members(
    connection: sqlite3.Connection, paths: list[Path], seal: Seal, read: Callable[[Path], Member | None]
) -> list[Member | None]:
    """The members of these files (all of one folder, in order): from their rows where current, else ``read``.

    Brings the rows up to these files: those read now are stored, those of other names dropped.
    Raises sqlite3.Error if the index cannot be read or written (the CLI then reads every file).
    """
    started = time.time_ns()
    stored = {row[0]: row[1:] for row in connection.execute("SELECT * FROM [beside]")}
    found: list[Member | None] = []
    fresh: list[tuple[str, Stamp, bytes]] = []
    for path in paths:
        stamp = stamp_of(path)
        row = stored.pop(path.name, None)
        member = _served(path, stamp, row, seal) if stamp is not None and row is not None else None
        if member is None:
            member = read(path)
            # Kept if unchanged while it was read (the stamp from before).
            if member is not None and stamp is not None and stamp == stamp_of(path):
                fresh.append((path.name, stamp, _packed(member)))
        found.append(member)
    settled = started - sync.RACY_NS  # as for the timelines' rows: a file of the last 2 s is read again
    kept = [(name, stamp, blob) for name, stamp, blob in fresh if max(stamp.mtime_ns, stamp.ctime_ns) < settled]
    if kept or stored:
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany("DELETE FROM [beside] WHERE name = ?", ((name,) for name in stored))
            connection.executemany(
                "INSERT OR REPLACE INTO [beside] VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((name, *stamp, blob, seal.of(name, stamp, blob)) for name, stamp, blob in kept),
            )
    return found


def _served(path: Path, stamp: Stamp, row: tuple[Any, ...], seal: Seal) -> Member | None:
    """The member a row holds if it has this stamp and its seal verifies, else None (the file is read)."""
    if row[:4] != stamp or not isinstance(row[4], bytes) or not seal.holds(path.name, stamp, row[4], row[5]):
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
