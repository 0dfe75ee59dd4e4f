"""`armsdeal cache info|clear`: what the cache folder holds (cached views, collection indexes), and emptying it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from armsdeal.cli.app import command_group, reports_errors, say, write_data

cache_app = command_group(
    "cache",
    "The cache folder: cached views of show, list and compare, and the collection index of each folder.",
)


def _views(where: Path) -> list[Path]:
    return sorted(path for path in where.glob("*.json") if path.is_file())


def _indexes() -> list[Path]:
    from armsdeal.cli.index import SUFFIX, index_folder

    where = index_folder()
    return sorted(where.glob(f"*{SUFFIX}")) if where.is_dir() else []


def _size(path: Path) -> int:
    from armsdeal.cli.index import SIDE_FILES

    total = 0
    for suffix in ("", *SIDE_FILES):
        try:
            total += os.stat(f"{path}{suffix}").st_size
        except OSError:
            continue
    return total


def _described(path: Path) -> str:
    """One index: the folder it is of, its files, its size; read-only, never waiting for a writer."""
    from armsdeal.render.safe_text import clean

    size = _size(path) / 1024 / 1024
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0)
        try:
            folder = connection.execute("SELECT value FROM [meta] WHERE key = 'folder'").fetchone()
            files = connection.execute("SELECT count(*) FROM [files]").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as error:
        return f"  {path.name}: {size:.1f} MiB, unreadable ({clean(str(error))}): rebuilt when next used"
    where = clean(folder[0]) if folder else "?"
    return f"  {where}: {files} file(s), {size:.1f} MiB ({path.name})"


@cache_app.command()
@reports_errors
def info() -> None:
    """Where the cache folder is, how many views it keeps, and each collection index: its folder, files, size."""
    from armsdeal.cli import cache
    from armsdeal.render.safe_text import clean

    where = cache.folder(os.environ)
    views = _views(where) if where.is_dir() else []
    indexes = _indexes()
    lines = [
        f"cache folder: {clean(str(where))}",
        f"cached views: {len(views)}, {sum(_size(path) for path in views) / 1024 / 1024:.1f} MiB",
        f"collection indexes: {len(indexes)}",
        *(_described(path) for path in indexes),
    ]
    if os.environ.get("ARMSDEAL_NO_CACHE"):
        lines.append("ARMSDEAL_NO_CACHE is set: nothing is read from the cache or written to it")
    if where.exists() and not where.is_dir():
        # The new-user trial: a file where the folder should be was passed over in silence.
        lines.append("the cache folder is not a folder: nothing can be cached until it is (ARMSDEAL_CACHE_DIR)")
    write_data("\n".join(lines) + "\n")


@cache_app.command()
@reports_errors
def clear() -> None:
    """Delete the cached views and the collection indexes (a cache: nothing is lost, the next runs rebuild it)."""
    from armsdeal.cli import cache
    from armsdeal.cli.index import remove

    views = _views(cache.folder(os.environ)) if cache.folder(os.environ).is_dir() else []
    indexes = _indexes()
    for path in views:
        path.unlink(missing_ok=True)
    for path in indexes:
        remove(path)
    say(f"armsdeal: deleted {len(views)} cached view(s) and {len(indexes)} collection index(es)")
