"""The collection index's files: one SQLite file per timelines folder, in the cache folder (armsdeal/index/).

This module opens, creates and deletes them; armsdeal/index/ does the rest on the connection.
An index that is damaged is deleted and built again; one that another run holds locked for
longer than ``BUSY_SECONDS``, or that cannot be written at all, is bypassed: the files are
read as without it. ``--no-cache`` and ``ARMSDEAL_NO_CACHE`` bypass it too. Nothing is ever
served from an index without checking each file's stamp first (index/sync.py), nor unpickled
without its seal verifying under the user's key (index/seal.py), which this module keeps in the
user's state folder, outside the cache folder (``key_path``): a key that cannot be read or made
bypasses the index.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import sqlite3
import sys
from collections.abc import Callable, Iterator, KeysView, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from armsdeal.check.load import Loaded, load_many
from armsdeal.core.collection import suffix_of
from armsdeal.core.model import Timeline

if TYPE_CHECKING:
    from armsdeal.check.reach import Asked
    from armsdeal.check.rules.collection import Beside, Member
    from armsdeal.index.hits import Rows
    from armsdeal.index.seal import Seal
    from armsdeal.index.sync import Refreshed
    from armsdeal.render.describe import Listing

Kept = TypeVar("Kept")
# What an index gave of the current rows asked for (by file name), and the names asked for: one asked
# for and not given (its row was rewritten or damaged since its stamp was compared) is read again.
Served = tuple[dict[str, Kept], "KeysView[str]"]
BUSY_SECONDS = 5.0
SUFFIX = ".sqlite"
SIDE_FILES = ("-wal", "-shm", "-journal")


def index_folder() -> Path:
    """Where the indexes are: a folder of the cache folder (beside the view cache's entries)."""
    from armsdeal.cli import cache

    return cache.folder(os.environ) / "index"


def key_path() -> Path:
    """The key that seals the indexes' rows: in the user's state folder, never the cache folder."""
    environ = os.environ
    if sys.platform == "win32":
        base = Path(environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "armsdeal-state"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "armsdeal"
    else:
        base = Path(environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "armsdeal"
    return base / "index.key"


def _key() -> bytes | None:
    """The user's key, made (readable by the user alone) on first use; None if it cannot be read or made.

    None too if it would be inside the cache folder (a state folder set there), which it is kept out of.
    """
    from armsdeal.index.seal import KEY_BYTES

    path = key_path()
    try:
        if path.resolve().is_relative_to(index_folder().parent.resolve()):
            return None
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            key = path.read_bytes()
        else:
            key = secrets.token_bytes(KEY_BYTES)
            with os.fdopen(descriptor, "wb") as made:
                made.write(key)
    except (OSError, ValueError):
        return None
    return key if len(key) == KEY_BYTES else None  # half written by another run: bypassed this once


def sealing(folder: Path) -> Seal | None:
    """What seals and verifies the rows of a folder's index, or None (no key: the index is bypassed)."""
    from armsdeal.index.seal import Seal

    key = _key()
    return None if key is None else Seal(key, str(folder.resolve()))


def bypassed(no_cache: bool) -> bool:
    return no_cache or bool(os.environ.get("ARMSDEAL_NO_CACHE"))


def index_path(folder: Path) -> Path:
    """The index of a timelines folder: named after its resolved path (one folder, one index)."""
    resolved = str(folder.resolve()).encode("utf-8", "surrogateescape")
    return index_folder() / (hashlib.sha256(resolved).hexdigest()[:32] + SUFFIX)


def _code() -> str:
    """armsdeal's code (cache.code_version), and pydantic's and Python's versions: what a pickled timeline needs."""
    import sys

    import pydantic

    from armsdeal.cli import cache

    stamps = f"{cache.code_version()}\npydantic {pydantic.VERSION}\npython {sys.version}"
    return hashlib.sha256(stamps.encode("utf-8")).hexdigest()


def _connect(path: Path, folder: Path) -> sqlite3.Connection:
    from armsdeal.index.schema import prepare

    connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")  # a cache: a power cut may lose the last run's rows
        prepare(connection, _code())
        resolved = str(folder.resolve())
        # Written only when it differs: a run that writes nothing leaves no WAL to fold in when it closes
        # (a write and that checkpoint took 40 ms of a warm `check FILE`).
        if connection.execute("SELECT value FROM [meta] WHERE key = 'folder'").fetchone() != (resolved,):
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("INSERT OR REPLACE INTO [meta] VALUES ('folder', ?)", (resolved,))
    except BaseException:
        connection.close()
        raise
    return connection


def _locked(error: sqlite3.Error) -> bool:
    return isinstance(error, sqlite3.OperationalError) and ("locked" in str(error) or "busy" in str(error))


def remove(path: Path) -> None:
    """Delete an index and its side files (a damaged one, or `cache clear`)."""
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


@contextlib.contextmanager
def opened(folder: Path) -> Iterator[sqlite3.Connection | None]:
    """The index of a folder, current for this code, or None when it must be bypassed."""
    path = index_path(folder)
    connection = None
    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = _connect(path, folder)
            break
        except OSError:
            break  # the cache folder cannot be written: no index
        except sqlite3.Error as error:
            if _locked(error) or attempt:
                break
            remove(path)  # damaged: built again
    try:
        yield connection
    finally:
        if connection is not None:
            connection.close()


def load_catalogue(
    paths: Sequence[Path],
    *,
    no_cache: bool,
    narrow: Callable[[sqlite3.Connection], set[str]] | None = None,
    kept: Callable[[Timeline], bool] | None = None,
) -> Loaded:
    """What ``load_many(paths)`` gives, with the unchanged files' timelines taken from their folder's index.

    ``narrow`` (search) names the only timeline ids wanted from an index: the others are left
    out of the timelines (never of the invalid and unreadable files, which are read each run).
    ``kept`` (search) says which timelines read from their files are kept: the others are
    dropped as they are read, so that a run that reads every file never holds them all.
    """
    if bypassed(no_cache) and kept is None:
        return load_many(paths)

    def keep(timeline: Timeline) -> Timeline | None:
        return timeline if kept is None or kept(timeline) else None

    if bypassed(no_cache):
        read = Loaded()
        found = _without_index(list(paths), read, keep)
    else:
        from armsdeal.index.sync import timelines

        def serve(
            connection: sqlite3.Connection, refreshed: Refreshed[Timeline | None], seal: Seal
        ) -> Served[Timeline | None]:
            current = refreshed.current
            if narrow is not None:
                wanted = {name.casefold() for name in narrow(connection)}
                current = {name: stamp for name, stamp in current.items() if _stem(name).casefold() in wanted}
            return dict(timelines(connection, current, seal)), current.keys()

        found, read = _catalogue(paths, keep, serve)
    result = Loaded()
    for path in paths:  # the order of load_many: the paths', for timelines and problems alike
        if path in read.invalid:
            result.invalid[path] = read.invalid[path]
        elif path in read.unreadable:
            result.unreadable[path] = read.unreadable[path]
        else:
            timeline = found.get(path)
            if timeline is not None:
                result.timelines.append(timeline)
    return result


def _stem(name: str) -> str:
    """Path(name).stem of a file name, without making a Path (30,000 of them in a warm `search`)."""
    suffix = suffix_of(name)
    return name[: -len(suffix)] if suffix else name


def load_listing(paths: Sequence[Path], *, no_cache: bool) -> tuple[dict[Path, Listing], Loaded]:
    """Each valid file's row in `list` (render/describe.listing), from its folder's index where current.

    Returns the rows by path, and the invalid and unreadable files (in a Loaded without timelines).
    Only a batch of timelines is held at a time, with the index or without it.
    """
    from armsdeal.index.listing import COLUMNS, listings
    from armsdeal.render.describe import listing

    if bypassed(no_cache):
        read = Loaded()
        return _without_index(list(paths), read, listing), read

    def serve(_: sqlite3.Connection, refreshed: Refreshed[Listing], seal: Seal) -> Served[Listing]:
        return listings(refreshed.rows, refreshed.current, seal), refreshed.current.keys()

    return _catalogue(paths, listing, serve, COLUMNS)  # the cells read with the stamps: one scan of the rows


def load_hit_rows(paths: Sequence[Path], text: str) -> tuple[dict[Path, Rows], Loaded]:
    """Each valid file's events as `search` draws them (core/search.EventRow), from its folder's index where current.

    Only the files that can have a hit are served from the index (the search table names them), and
    only those of the files read now that have one are kept. Returns the rows by path, and the invalid
    and unreadable files (in a Loaded without timelines). The index is not bypassed here: the CLI
    takes the reference path then.
    """
    from armsdeal.core.search import event_rows, matching_rows
    from armsdeal.index.hits import stored
    from armsdeal.index.sync import mentioning

    def keep(timeline: Timeline) -> Rows | None:
        rows = event_rows(timeline)
        return rows if matching_rows([rows], text) else None  # the others have no hit: not held

    def serve(connection: sqlite3.Connection, refreshed: Refreshed[Rows | None], seal: Seal) -> Served[Rows | None]:
        wanted = {name.casefold() for name in mentioning(connection, text)}
        current = {name: stamp for name, stamp in refreshed.current.items() if _stem(name).casefold() in wanted}
        return dict(stored(connection, current, seal)), current.keys()

    found, read = _catalogue(paths, keep, serve)
    return {path: rows for path, rows in found.items() if rows is not None}, read


def _catalogue(
    paths: Sequence[Path],
    keep: Callable[[Timeline], Kept],
    serve: Callable[[sqlite3.Connection, Refreshed[Kept], Seal], Served[Kept]],
    columns: str = "",
) -> tuple[dict[Path, Kept], Loaded]:
    """What is kept of each valid file's timeline, by path (from the folders' indexes where current), and the others."""
    by_folder: dict[Path, list[Path]] = {}
    for path in paths:
        by_folder.setdefault(path.parent, []).append(path)
    found: dict[Path, Kept] = {}
    read = Loaded()
    for folder, files in by_folder.items():
        found.update(_from_index(folder, files, read, keep, serve, columns))
    return found, read


def _from_index(
    folder: Path,
    files: list[Path],
    read: Loaded,
    keep: Callable[[Timeline], Kept],
    serve: Callable[[sqlite3.Connection, Refreshed[Kept], Seal], Served[Kept]],
    columns: str,
) -> dict[Path, Kept]:
    """One folder's timelines (what ``keep`` keeps of each), from its index where current (what ``serve``
    gives of the current rows; ``columns`` are read with their stamps); its invalid and unreadable files go
    into ``read``."""
    from armsdeal.index.sync import refresh

    refreshed: Refreshed[Kept] | None = None
    damaged = False
    seal = sealing(folder)
    if seal is None:
        return _without_index(files, read, keep)
    with opened(folder) as connection:
        if connection is not None:
            try:
                refreshed = refresh(connection, files, seal, keep, columns)
                indexed, asked = serve(connection, refreshed, seal)
            except sqlite3.Error as error:
                refreshed, damaged = None, not _locked(error)
    if damaged:
        remove(index_path(folder))  # found damaged once open: the next run builds it again
    if refreshed is None:
        return _without_index(files, read, keep)
    return _assembled(files, read, refreshed, (indexed, asked), keep)


def _without_index(files: list[Path], read: Loaded, keep: Callable[[Timeline], Kept]) -> dict[Path, Kept]:
    found: dict[Path, Kept] = {}
    for path in files:  # one at a time: only what ``keep`` keeps of each is held
        found.update(_again(path, read, keep))
    return found


def _assembled(
    files: list[Path],
    read: Loaded,
    refreshed: Refreshed[Kept],
    served: Served[Kept],
    keep: Callable[[Timeline], Kept],
) -> dict[Path, Kept]:
    """What was read in this run and what the index served of the rows asked for, by path."""
    read.invalid.update(refreshed.read.invalid)
    read.unreadable.update(refreshed.read.unreadable)
    found = dict(refreshed.fresh)
    indexed, asked = served
    for path in files:
        if path.name in indexed:
            found[path] = indexed[path.name]
        elif path.name in asked and path not in found:
            found.update(_again(path, read, keep))  # its row changed or was damaged since the stamps were compared
    return found


def _again(path: Path, read: Loaded, keep: Callable[[Timeline], Kept]) -> dict[Path, Kept]:
    loaded = load_many([path])
    read.invalid.update(loaded.invalid)
    read.unreadable.update(loaded.unreadable)
    return {path: keep(loaded.timelines[0])} if loaded.timelines else {}


def beside_source(no_cache: bool) -> Beside | None:
    """What serves `check`'s files beside the checked ones from their folder's index; None when it is bypassed."""
    return None if bypassed(no_cache) else _served_beside


def _served_beside(folder: Path, names: list[str], asked: Asked | None) -> list[Member]:
    """The members of the files beside (check/rules/collection.py), the unchanged ones from the folder's index.

    With ``asked``, only those that can change a finding (check/reach.py; the fast path "beside-keys").
    """
    from armsdeal.check.rules.collection import neighbour
    from armsdeal.index.beside import members

    seal = sealing(folder)
    damaged = False
    if seal is not None:
        with opened(folder) as connection:
            if connection is not None:
                try:
                    return members(connection, folder, names, seal, neighbour, asked)
                except sqlite3.Error as error:
                    damaged = not _locked(error)
    if damaged:
        remove(index_path(folder))  # found damaged once open: the next run builds it again
    found = (neighbour(folder / name) for name in names)
    return [member for member in found if member is not None]


def citing(path: Path, url: str, *, no_cache: bool) -> set[str] | None:
    """The names of the files beside ``path`` that may cite ``url`` (`add`), from its folder's index.

    Every file that cites it is among them (and a few that may not: changed files, read now, and files
    whose facts may leave a source out); None when the index is bypassed or cannot be used: look at all.
    """
    from armsdeal.check.reach import Asked, url_key
    from armsdeal.check.rules.collection import beside_names, neighbour
    from armsdeal.index.beside import members

    folder = path.parent
    seal = None if bypassed(no_cache) else sealing(folder)
    if seal is None:
        return None
    names = beside_names(folder, {str(path)}, lambda: {os.path.realpath(path)})
    asked = Asked(cited={url_key(url.strip())})
    with opened(folder) as connection:
        if connection is None:
            return None
        try:
            found = members(connection, folder, names, seal, neighbour, asked)
        except sqlite3.Error:
            return None  # damaged or locked: `check` deletes a damaged one; here every file is read
    return {Path(member.path).name for member in found}
