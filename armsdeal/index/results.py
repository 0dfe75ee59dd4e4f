"""`check DIR` kept incremental (issue 33): each file's result by its stamp, the problems across files by the facts.

A file's row holds what checking it gave (its problems, and the FileResult the rules across files
read) under its stamp and a digest of what else its result depends on (the settings, the rule
options, the day, armsdeal's code, the path as given: ``context``). A file is checked again when its
stamp or that digest changed. The rules across files depend only on what each file says about
itself (``part_of``: its id, related ids and facts, with their places) and on the folders' listings;
their problems are kept under a digest of all of those (``Memo``), and run again, on the results
kept here, when one changed. A row is written only for a file unchanged while it was checked and
not written in the last ``sync.RACY_NS`` (as the timelines' rows, index/sync.py), and every blob
is sealed (index/seal.py) and verified before it is unpickled.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from armsdeal.check.results import FileResult
from armsdeal.core.problems import Problem
from armsdeal.index.seal import Seal
from armsdeal.index.sync import Stamp

# One row a file: its stamp, the digest of its context, of its part for the rules across files, its own
# problems (pickled, b"" for none) and its whole result (pickled), and the seal over all of them.
RESULTS = """CREATE TABLE [results] (
   [name] TEXT PRIMARY KEY,
   [size] INTEGER NOT NULL,
   [mtime_ns] INTEGER NOT NULL,
   [inode] INTEGER NOT NULL,
   [ctime_ns] INTEGER NOT NULL,
   [context] BLOB NOT NULL,
   [part] BLOB NOT NULL,
   [problems] BLOB NOT NULL,
   [result] BLOB NOT NULL,
   [seal] BLOB NOT NULL
)"""
# The problems across files of one set of checked paths (``shape``), under the digest of what they came from.
ACROSS = """CREATE TABLE [across] (
   [shape] BLOB PRIMARY KEY,
   [key] BLOB NOT NULL,
   [memo] BLOB NOT NULL,
   [seal] BLOB NOT NULL
)"""
TABLES = (RESULTS, ACROSS)
_DIGEST = 32  # bytes of a sha256 digest (the context, the first two pieces of a part)


class Row(NamedTuple):
    """A current row: the file's part for the rules across files, its own problems and its whole result, pickled."""

    part: bytes
    problems: bytes
    result: bytes

    def file_result(self) -> FileResult | None:
        """The result kept (None if it does not unpickle to one: the file is checked again)."""
        try:
            found = pickle.loads(self.result)
        except Exception:  # sealed by this code, so never; a damaged row is checked again
            return None
        return found if isinstance(found, FileResult) else None


@dataclass(frozen=True, slots=True)
class Fresh:
    """A file checked in this run, to be kept: its name in its folder, the stamp from before, its context digest."""

    name: str
    stamp: Stamp
    context: bytes
    result: FileResult


# A file read again with places for the problems across files: its own problems then, whether it was
# readable, and its stamp.
Again = tuple[tuple[Problem, ...], bool, Stamp | None]
# What a run kept of a checked path: the stamp it had (None: to be checked again), its part, its own problems.
Kept = tuple[tuple[int, int, int, int] | None, bytes, bytes]


@dataclass(frozen=True, slots=True)
class Memo:
    """What a run of `check` on one list of paths found, to serve the next run on the same list.

    ``files``: each path's stamp, part and own problems (``Kept``), in the order of the paths;
    ``key``: the digest of every part and of the folders' listings (cli/check_index.py), under which
    ``extra`` holds the problems across files by the index of their file. ``again``: the files read
    again with places for them (the problems name places in them, so the memo serves only while
    those stamps are the same).
    """

    files: list[Kept]
    key: bytes
    extra: dict[int, list[Problem]]
    again: dict[int, Again]


def context_of(run: bytes, path: str) -> bytes:
    """The context digest of one file: the run's (settings, day, code) and the path as given."""
    return hashlib.sha256(run + b"\0" + path.encode("utf-8", "surrogateescape")).digest()


def part_of(result: FileResult) -> bytes:
    """What a result gives the rules across files (check/runner.py), places included, in three pieces.

    A digest of all but its events; a digest of its events; and ``names``'s text: its id, whether an
    event says ``same_as``, the ids it names. repr of plain values: equal parts mean equal values. The
    same facts packed otherwise give another digest, which costs a run of the rules, never a wrong answer.
    """
    sources, events, links = (None, None, False) if result.facts is None else result.facts.packing
    given = (result.path, result.readable, result.timeline_id, tuple(result.id_at), result.related, sources)
    base = hashlib.sha256(repr((*given, links, result.located)).encode("utf-8", "surrogateescape")).digest()
    kept = hashlib.sha256(repr(events).encode("utf-8", "surrogateescape")).digest()
    return base + kept + _names_text(result, links)


def _names_text(result: FileResult, links: bool) -> bytes:
    """The file's id, b"L" if an event of it says same_as, and the ids it names (as check/reach.py reads them)."""
    named = {related_id for related_id, _, _ in result.related}
    if links and result.facts is not None:
        named |= {same_as.partition("/")[0] for same_as in result.facts.event_table().same_as if same_as}
    listed = json.dumps(sorted(named)) if named else ""
    return f"{result.timeline_id or ''}\0{'L' if links else ''}\0{listed}".encode("utf-8", "surrogateescape")


def names(part: bytes) -> tuple[bytes, bool, list[str]]:
    """What ``part_of`` wrote of a file's names: its id, whether it has a same_as, the ids it names."""
    timeline_id, links, listed = part[2 * _DIGEST :].split(b"\0", 2)
    return timeline_id, links == b"L", json.loads(listed) if listed else []


def events_digest(part: bytes) -> bytes:
    return part[_DIGEST : 2 * _DIGEST]


def other_facts(part: bytes) -> bytes:
    """The part without its events' digest."""
    return part[:_DIGEST] + part[2 * _DIGEST :]


def rows(connection: sqlite3.Connection, seal: Seal, *, wanted: dict[str, tuple[Stamp, bytes]]) -> dict[str, Row]:
    """The rows of these file names whose stamp and context are the ones given and whose seal verifies."""
    found: dict[str, Row] = {}
    names = list(wanted)
    for start in range(0, len(names), 500):  # under SQLite's limit of bound parameters
        chunk = names[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        query = (
            "SELECT name, size, mtime_ns, inode, ctime_ns, context, part, problems, result, seal "
            f"FROM [results] WHERE name IN ({marks})"
        )
        for name, size, mtime_ns, inode, ctime_ns, context, part, problems, result, sealed in connection.execute(
            query, chunk
        ):
            stamp = Stamp(size, mtime_ns, inode, ctime_ns)
            if (stamp, context) != wanted[name] or not all(
                isinstance(blob, bytes) for blob in (part, problems, result)
            ):
                continue
            if seal.holds(name, stamp, _message(context, part, problems, result), sealed):
                found[name] = Row(part, problems, result)
    return found


def store(connection: sqlite3.Connection, fresh: Iterable[Fresh], gone: Iterable[str], seal: Seal) -> None:
    """Write the rows of the files checked now and drop those of files gone, in one transaction."""
    written = list(_rows_of(fresh, seal))
    gone = list(gone)
    if not written and not gone:
        return
    with connection:
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany("DELETE FROM [results] WHERE name = ?", ((name,) for name in gone))
        connection.executemany("INSERT OR REPLACE INTO [results] VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", written)


def stored_names(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM [results]")}


def _rows_of(fresh: Iterable[Fresh], seal: Seal) -> Iterator[tuple[object, ...]]:
    for kept in fresh:
        blob = pickle.dumps(kept.result, pickle.HIGHEST_PROTOCOL)
        part, problems = part_of(kept.result), problems_of(kept.result)
        sealed = seal.of(kept.name, kept.stamp, _message(kept.context, part, problems, blob))
        yield (kept.name, *kept.stamp, kept.context, part, problems, blob, sealed)


def problems_of(result: FileResult) -> bytes:
    """A result's own problems, pickled; b"" for none (most files: nothing to unpickle)."""
    return pickle.dumps(result.problems, pickle.HIGHEST_PROTOCOL) if result.problems else b""


def own_problems(blob: bytes) -> tuple[Problem, ...]:
    return () if not blob else tuple(pickle.loads(blob))


def _message(context: bytes, part: bytes, problems: bytes, result: bytes) -> bytes:
    # context is a digest of one length, and the part's and the problems' lengths come first: one reading only.
    lengths = len(part).to_bytes(8, "big") + len(problems).to_bytes(8, "big")
    return b"".join((context, lengths, part, problems, result))


_MEMO_NAME = "\0across"  # the seal's name for a memo: no file is named so


def recall(connection: sqlite3.Connection, seal: Seal, *, shape: bytes) -> Memo | None:
    """The memo kept for this list of checked paths if its seal verifies."""
    row = connection.execute("SELECT key, memo, seal FROM [across] WHERE shape = ?", (shape,)).fetchone()
    if row is None or not isinstance(row[1], bytes) or not seal.holds(_MEMO_NAME, (), shape + row[1], row[2]):
        return None
    try:
        memo = pickle.loads(row[1])
    except Exception:  # sealed by this code, so never; every file is looked up again
        return None
    return memo if isinstance(memo, Memo) else None


def remember(connection: sqlite3.Connection, seal: Seal, *, shape: bytes, memo: Memo) -> None:
    blob = pickle.dumps(memo, pickle.HIGHEST_PROTOCOL)
    with connection:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT OR REPLACE INTO [across] VALUES (?, ?, ?, ?)",
            (shape, memo.key, blob, seal.of(_MEMO_NAME, (), shape + blob)),
        )
