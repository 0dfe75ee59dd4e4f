"""Reading sealed rows of the ``files`` table: only those whose stamp is this run's and whose seal verifies.

Every blob the index serves (a timeline, `list`'s cells, `search`'s rows) is read through here, so
that none is ever loaded before its stamp is compared with the one taken in this run and its seal
(index/seal.py) verifies.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence

from armsdeal.index.seal import Seal

_STAMP = "name, size, mtime_ns, inode, ctime_ns"


def named(connection: sqlite3.Connection, columns: str, names: Sequence[str]) -> Iterator[tuple[object, ...]]:
    """The stamp and these columns (blob, seal) of the rows of these file names.

    Raises sqlite3.Error if the index cannot be read.
    """
    for start in range(0, len(names), 500):  # under SQLite's limit of bound parameters
        chunk = names[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        yield from connection.execute(f"SELECT {_STAMP}, {columns} FROM [files] WHERE name IN ({marks})", chunk)


def seal_of(seal: Seal, tag: bytes, name: str, stamp: Sequence[int], blob: bytes) -> bytes:
    """The seal of a blob stored under ``tag`` (what ``verified`` checks with the same tag)."""
    return seal.of(name, stamp, tag + blob)


def verified(
    rows: Iterable[tuple[object, ...]], wanted: Mapping[str, Sequence[int]], seal: Seal, tag: bytes = b""
) -> Iterator[tuple[str, bytes]]:
    """The name and blob of each row (a stamp, a blob, its seal) whose stamp is the one wanted and whose seal verifies.

    ``tag`` is the prefix the blob was sealed under (a seal of one kind never verifies a blob of another).
    """
    for name, size, mtime_ns, inode, ctime_ns, blob, sealed in rows:
        stamp = wanted.get(name) if isinstance(name, str) else None
        if not isinstance(name, str) or stamp is None or tuple(stamp) != (size, mtime_ns, inode, ctime_ns):
            continue  # not current (or rewritten by another run since): the file is read
        if not isinstance(blob, bytes) or not isinstance(sealed, bytes):
            continue
        if seal.holds(name, stamp, tag + blob, sealed):  # else not written by this user's armsdeal
            yield name, blob
