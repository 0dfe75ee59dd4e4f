"""`export --all -o x.db` from the collection indexes: their rows copied, not the files read (index/rows.py).

Each folder's index is first brought up to its files (index/sync.py: a file is read only if its
stamp changed). The copy is taken only when every file of the export has a current row: an
invalid or unreadable file, one written in the last two seconds (not stored yet), two files of
one id, an index that cannot be opened or another run that rewrote a row meanwhile (``Stale``)
all send the export down its reference path, which reads every file and says what is wrong.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from armsdeal.cli.index import index_path, opened, sealing

if TYPE_CHECKING:
    from armsdeal.core.model import Timeline
    from armsdeal.index.rows import Wanted

# SQLite attaches at most 10 databases by default; a search path is a folder or two.
_MOST_FOLDERS = 8


def rows_copier(paths: list[Path]) -> Callable[[sqlite3.Connection], None] | None:
    """What copies the export of these files out of their folders' indexes, or None if one cannot give them."""
    by_folder: dict[Path, list[Path]] = {}
    for path in paths:
        by_folder.setdefault(path.parent, []).append(path)
    if len(by_folder) > _MOST_FOLDERS:
        return None
    indexes: list[tuple[Path, Wanted]] = []
    for folder, files in by_folder.items():
        wanted = _current(folder, files)
        if wanted is None:
            return None
        indexes.append((index_path(folder), wanted))

    def copy_rows(connection: sqlite3.Connection) -> None:
        from armsdeal.index.rows import Stale, copy

        attached: list[str] = []
        try:
            for number, (path, _) in enumerate(indexes):
                connection.execute(f"ATTACH DATABASE ? AS [index{number}]", (str(path),))
                attached.append(f"index{number}")
            copy(connection, [(schema, wanted) for schema, (_, wanted) in zip(attached, indexes, strict=True)])
            for schema in attached:
                connection.execute(f"DETACH DATABASE [{schema}]")
        except sqlite3.Error as error:  # an index damaged or cleared since: the files are read instead
            raise Stale(str(error)) from None

    return copy_rows


def _current(folder: Path, files: list[Path]) -> Wanted | None:
    """Each file's stamp, once the folder's index is current; None if a file has no row to copy."""
    from armsdeal.index.sync import refresh, stamp_of

    seal = sealing(folder)
    if seal is None:
        return None
    with opened(folder) as connection:
        if connection is None:
            return None
        try:
            # Only the names of the files read are kept, not their timelines: memory bounded (index/sync.py BATCH).
            refreshed = refresh(connection, files, seal, _nothing)
        except sqlite3.Error:
            return None  # load_catalogue's runs remove a damaged index; here the files are read
    if (
        refreshed.read.invalid
        or refreshed.read.unreadable
        or len(refreshed.current) + len(refreshed.fresh) != len(files)
    ):
        return None
    wanted = dict(refreshed.current)
    for path in refreshed.fresh:
        # Read now, and stored with the stamp taken before it was read if that is still its stamp
        # (the copy checks the row's); a file of the last two seconds has no row (index/sync.py).
        stamp = stamp_of(path)
        if stamp is None:
            return None
        wanted[path.name] = stamp
    return wanted


def _nothing(timeline: Timeline) -> None:
    """What is kept of a timeline read: nothing (its rows are in the index, or the export reads the files)."""
