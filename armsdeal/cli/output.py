"""Writing output files: atomically, keeping permissions, never half-written.

Used by every command that writes a file (export -o, and the commands that edit timelines).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from armsdeal.core.errors import InputError

# Text given in pieces is written this many characters at a time (a few writes, no whole copy).
BATCH = 1 << 16


def write_atomically(path: Path, text: str | bytes | Iterable[str]) -> None:
    """Write text (UTF-8) or bytes to path so that readers see the old file or the whole new one, never a part.

    A temporary file in the same folder (same file system, so the rename is
    atomic) is written, flushed to disk and renamed over the target; on any
    failure it is removed and the target is left as it was (fill_atomically).
    Text may come in pieces (an exporter's, made as they are written): the file
    is their concatenation, and no more than a batch of it is held at a time.
    """
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    if path.exists() and not path.is_file():
        _write_in_place(path, text)  # /dev/null, a FIFO: renaming over them would destroy them
        return

    def fill(temporary: Path, _previous: Path | None) -> None:
        with temporary.open("wb") as handle:
            _write_bytes(handle.write, text)

    fill_atomically(path, fill)


def batches(pieces: Iterable[str], size: int = BATCH) -> Iterator[str]:
    """The pieces joined into strings of at least ``size`` characters (the last may be shorter), in order."""
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch.clear()
            length = 0
    if batch:
        yield "".join(batch)


def _write_bytes(write: Callable[[bytes], object], text: str | bytes | Iterable[str]) -> None:
    if isinstance(text, bytes):
        write(text)
    elif isinstance(text, str):
        write(text.encode("utf-8"))
    else:
        for batch in batches(text):
            write(batch.encode("utf-8"))


def _read_only(path: Path) -> bool:
    """No write permission for us, or none for anybody (root may write anything, but 0444 says 'keep')."""
    try:
        return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222
    except OSError:
        return False  # gone meanwhile: writing will say what is wrong


def create_new(path: Path, text: str) -> bool:
    """Write a new file atomically; False, touching nothing, if path already exists (never overwritten).

    The complete file is written under a temporary name and then linked to its
    name, which fails if the name exists, so there is no moment at which a file
    that appeared meanwhile could be replaced.
    """
    folder = path.parent
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below)
            mode="wb", dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:
        raise InputError(f"cannot write '{path}': {error.strerror or error}") from None
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(path))
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        except OSError as error:
            raise InputError(f"cannot write '{path}': {error.strerror or error}") from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    _sync_folder(folder)
    return True


def fill_atomically(path: Path, fill: Callable[[Path, Path | None], None]) -> None:
    """Make path a file that ``fill`` writes, atomically: readers see the old file or the whole new one.

    For formats that are files rather than text (a SQLite database): ``fill(temporary, previous)``
    gets an empty temporary file beside the target to write into, and the target itself as
    ``previous`` when it exists (to start from its content), else None. The temporary file is
    then flushed to disk and renamed over the target; on any failure it is removed and the
    target is left as it was.
    """
    if path.is_symlink():
        path = path.resolve()
    if path.exists() and not path.is_file():
        raise InputError(f"cannot write '{path}': not a regular file")
    if path.is_file() and _read_only(path):
        # The rename would replace it anyway (only the folder's permissions count): refuse, as cp does.
        raise InputError(
            f"cannot write '{path}': the file is read-only; make it writable (chmod u+w) or write to another file"
        )
    folder = path.parent
    mode = _mode_for(path)
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed at once; kept on success)
            mode="wb", dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
        handle.close()
    except OSError as error:
        raise InputError(f"cannot write '{path}': {error.strerror or error}") from None
    temporary = Path(handle.name)
    try:
        fill(temporary, path if path.exists() else None)
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise InputError(f"cannot write '{path}': {error.strerror or error}") from None
        raise
    _sync_folder(folder)


def _write_in_place(path: Path, text: str | bytes | Iterable[str]) -> None:
    try:
        with path.open("wb") as handle:
            _write_bytes(handle.write, text)
    except OSError as error:
        raise InputError(f"cannot write '{path}': {error.strerror or error}") from None


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, and then not needed.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
