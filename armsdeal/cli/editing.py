"""What `new`, `add` and `fmt` share: the folder they write in, and atomic writes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from armsdeal.core.collection import ENV_VAR, SUFFIXES
from armsdeal.core.errors import InputError, UsageError


def editable_dir(option: Path | None, *, create: bool = False) -> Path:
    """The folder of timelines a command may write in: --timelines, $ARMSDEAL_TIMELINES, else ./timelines.

    Never the timelines bundled with armsdeal (those are `show`'s fallback, not a place to edit).
    """
    origin = "--timelines" if option is not None else ENV_VAR if os.environ.get(ENV_VAR) else "./timelines"
    folder = option if option is not None else Path(os.environ.get(ENV_VAR) or "timelines")
    if folder.is_dir():
        return folder
    if folder.exists():
        raise UsageError(f"{origin}: '{folder}' is not a folder")
    if not create:
        raise UsageError(f"{origin}: there is no folder '{folder}'; create it with 'armsdeal new' or give --timelines")
    try:
        folder.mkdir(parents=True)
    except OSError as error:
        raise InputError(f"cannot create the folder '{folder}': {error.strerror or error}") from error
    return folder


def bundled_timeline(timeline_id: str) -> Path | None:
    """The bundled timeline of this id, if armsdeal ships one (`new --from-bundled` copies it)."""
    from armsdeal.core.collection import bundled_dir, timeline_files

    return next((path for path in timeline_files(bundled_dir()) if path.stem == timeline_id), None)


def find_editable(name: str, option: Path | None) -> Path:
    """The file `add` or `fmt` edits: a path as given, a name in the user's folder (never the bundled one)."""
    from armsdeal.core.collection import find

    if name.endswith(SUFFIXES):
        return find(name, Path("."))
    try:
        return find(name, editable_dir(option))
    except UsageError:
        if bundled_timeline(name) is None:
            raise
        raise UsageError(
            f"'{name}' is a bundled timeline, not one in your folder: `armsdeal new {name} --from-bundled` "
            "copies it there to edit"
        ) from None


def read_text(path: Path) -> str:
    """The text of a timeline file; InputError for a missing path, a folder, a FIFO or no permission."""
    from armsdeal.core.loader import MAX_FILE_BYTES, read_file

    raw = read_file(path)  # refuses what is not a regular file before opening it
    if len(raw) > MAX_FILE_BYTES:
        raise UsageError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; run 'armsdeal check {path}'")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text; run 'armsdeal check {path}'") from None


def other_timelines(path: Path) -> list[tuple[str, Any]]:
    """(path, data) of the other timeline files beside ``path``, as armsdeal reads them (unreadable ones skipped)."""
    from armsdeal.core.loader import load_path

    found = []
    try:
        beside = sorted(p for p in path.parent.iterdir() if p.suffix in SUFFIXES and p.is_file())
    except OSError:
        return []
    for other in beside:
        if other.resolve() == path.resolve():
            continue
        try:
            data = load_path(other).data
        except InputError:
            continue
        if isinstance(data, dict):
            found.append((str(other), data))
    return found


def write_atomically(path: Path, text: str, *, new: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it and one rename.

    An interruption (Ctrl-C, a full disk, a crash) leaves the old file as it was.
    With ``new``, an existing file is never replaced.
    """
    folder = path.parent
    mode = None
    if not new:
        with contextlib.suppress(OSError):
            mode = path.stat().st_mode & 0o7777
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise InputError(f"cannot write in '{folder}': {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        if new:
            try:
                os.link(temporary, path)  # fails if the file appeared meanwhile: never overwrite
            except FileExistsError:
                raise UsageError(f"{path} already exists; armsdeal new never overwrites a file") from None
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
