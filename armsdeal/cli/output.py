"""Writing output files: atomically, keeping permissions, never half-written.

Used by every command that writes a file (export -o, and the commands that edit timelines).
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def create_new_files(files: Sequence[tuple[Path, bytes]]) -> list[bool | InputError]:
    """Write new files as ``create_new`` does, with one flush to disk for them all: for each, True when written,
    False (touching nothing) when its name exists, an InputError when it cannot be written.

    A flush per file (two fsyncs) costs some 8 ms on a disk, most of an import's time. Here each
    file is written complete under a temporary name, then the file system is flushed once
    (syncfs; an fsync of each where there is none), and only then is each linked to its name:
    as with ``create_new``, a name never shows a file whose bytes may not be on disk.
    """
    mode = _new_file_mode()  # the same for every file (each is new): not asked of the system for each
    staged: list[Path | InputError] = [_staged(path, text, mode) for path, text in files]
    _sync_files([temporary for temporary in staged if isinstance(temporary, Path)])
    results: list[bool | InputError] = []
    try:
        for (path, _text), temporary in zip(files, staged, strict=True):
            results.append(temporary if isinstance(temporary, InputError) else _linked(temporary, path))
    finally:
        for temporary in staged:
            if isinstance(temporary, Path):
                with contextlib.suppress(OSError):
                    temporary.unlink()
    if files:
        _sync_folder(files[0][0].parent)
    return results


def _staged(path: Path, text: bytes, mode: int) -> Path | InputError:
    """The bytes in a temporary file beside ``path``, with a new file's permissions ``mode`` (not yet flushed)."""
    try:
        with tempfile.NamedTemporaryFile(
            mode="wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as handle:
            temporary = Path(handle.name)
            try:
                handle.write(text)
            except OSError:
                temporary.unlink()
                raise
        os.chmod(temporary, mode)
    except OSError as error:
        return InputError(f"cannot write '{path}': {error.strerror or error}")
    return temporary


def _linked(temporary: Path, path: Path) -> bool | InputError:
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    except OSError as error:
        return InputError(f"cannot write '{path}': {error.strerror or error}")
    return True


def _sync_files(paths: Sequence[Path]) -> None:
    """Flush these files to disk: one syncfs of their file system on Linux, else an fsync of each."""
    if not paths:
        return
    if _syncfs(paths[0]):
        return
    for path in paths:
        with contextlib.suppress(OSError), path.open("rb+") as handle:
            os.fsync(handle.fileno())


def _syncfs(path: Path) -> bool:
    """True when the file system holding ``path`` was flushed with one syncfs (Linux)."""
    syncfs = _syncfs_call()
    if syncfs is None:
        return False
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        return bool(syncfs(descriptor) == 0)
    finally:
        os.close(descriptor)


@functools.cache
def _syncfs_call() -> Callable[[int], int] | None:
    """The C library's syncfs, where the platform has one (Linux)."""
    import ctypes

    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
    except (OSError, TypeError):  # no C library to look in (Windows)
        return None


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
        return _new_file_mode()


def _new_file_mode() -> int:
    """A new file's usual permissions: 0666 less the umask."""
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
