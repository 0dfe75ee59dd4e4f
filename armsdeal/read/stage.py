"""The reading stage's entry points: which parser reads a file, with or without places.

Every command reads a timeline through here; nothing else chooses a parser.

- ``parse_bytes`` (and ``load_path``): the located loader. It checks the size,
  the byte-order mark and the encoding, then builds the data the fastest way that
  can still place every problem: the streamed build (read/streamed.py) where it
  can, the composed node tree (read/located.py) for any file it leaves.
- ``read_checked``: how `check` (and every command that validates) reads a file:
  yaml-rs first for a clean file (read/fast.py), without places, and the located
  loader again the moment the caller finds anything in it, so every place a
  message gives comes from the located loader.
- ``read_beside``: a file whose data alone counts (a timeline beside the checked
  ones, for the rules across files): yaml-rs whatever problems it has, the
  located loader when a message needs one of its places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from armsdeal.core.errors import InputError
from armsdeal.core.fastpaths import enabled
from armsdeal.core.problems import Problem, Severity
from armsdeal.read.fast import Unreadable as Unreadable  # a piece `gather` cannot read: the caller's to raise
from armsdeal.read.fast import fast_data, plain_data
from armsdeal.read.files import BOM, MAX_FILE_BYTES, read_file
from armsdeal.read.located import Document, UnlocatedDocument, compose
from armsdeal.read.streamed import STREAM_DEPTH, stream

Checked = TypeVar("Checked")
# What ``gather`` returns for a file read in pieces whose records found a problem.
FOUND: Any = object()


def load_path(path: Path, *, display: str | None = None) -> Document:
    """Read and parse a file. Raises InputError only when it cannot be read at all."""
    return parse_bytes(read_file(path), display if display is not None else str(path))


def parse_bytes(raw: bytes, path: str, *, deep: bool = True) -> Document:
    """Parse YAML bytes into a Document; every failure becomes a located problem.

    A file the streamed build reads records where each of its nodes stands (``Document.locate``
    then needs no node tree); ``deep=False`` records only the top-level fields, for a caller that
    expects to locate nothing (a deeper place composes the node tree, which is then kept).
    """
    document = Document(path)
    if len(raw) > MAX_FILE_BYTES:
        document.problems.append(
            Problem(
                path,
                1,
                1,
                "file-too-large",
                f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; "
                "split the timeline or check that this is a timeline file",
            )
        )
        return document
    if raw.startswith(BOM):
        document.problems.append(
            Problem(
                path,
                1,
                1,
                "byte-order-mark",
                "file starts with a byte-order mark; save it as UTF-8 without BOM",
                Severity.WARNING,
            )
        )
        raw = raw[len(BOM) :]
    try:
        # Decoded only to know that it is UTF-8: the parser reads the bytes, which take half the
        # memory of text with a character outside Latin-1, and would otherwise be encoded again.
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        document.problems.append(
            Problem(
                path,
                line,
                column,
                "encoding",
                f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file as UTF-8",
            )
        )
        return document
    # A second byte-order mark: libyaml would take it for the encoding's, where the text keeps it.
    source: str | bytes = text if raw.startswith(BOM) else raw
    del text
    _parse_source(source, document, STREAM_DEPTH if deep else 1)
    return document


def read_fast(raw: bytes) -> dict[Any, Any] | None:
    """A file's data read by yaml-rs where the fast path's guard lets it (read/fast.py ``plain_data``), with no
    place and no validation; None: read it with ``parse_bytes``. For a writer that reads back what it wrote
    (`import sipri`'s fast path `canonical-new`)."""
    return plain_data(raw) if len(raw) <= MAX_FILE_BYTES else None


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


def _parse_source(source: str | bytes, document: Document, depth: int) -> None:
    streamed = stream(source, document.path, depth) if enabled("streamed-build") else None
    if isinstance(streamed, Problem):
        document.problems.append(streamed)
        return
    if streamed is not None:
        document.data, places = streamed
        document._source = source
        document._places, document._depth = places, depth
        return
    compose(source if isinstance(source, str) else source.decode("utf-8"), document)


def read_checked(
    raw: bytes,
    path: str,
    check: Callable[[Document, bool], Checked],
    clean: Callable[[Checked], bool],
    gather: Callable[[dict[Any, Any], Iterator[list[Any]]], Any],
    *,
    keep_data: bool = True,
    fast: bool = True,
) -> tuple[Document, Checked]:
    """Read a file and ``check`` it: the fast path for a clean file, the located loader for any other.

    ``check(document, keep_data)`` validates a document; ``clean`` says whether it found nothing at
    all. With ``fast``, yaml-rs reads the file when its guard lets it (read/fast.py), and its data is
    checked like any other; the document is kept only if ``clean`` (an ``UnlocatedDocument``, whose
    data the check consumed). Anything found, and every file the fast path leaves, is read (again)
    by the located loader, and checked again, so every place comes from there. A large file may be
    read in pieces: ``gather(head, pieces)`` makes them one data a piece at a time (never holding the
    plain events whole), or returns None (a piece unreadable) or ``FOUND`` (a piece holds a problem).

    The located loader records where every node stands when a problem is known to need places (the
    fast path found one) or the caller keeps the data (`check`, whose facts hold places); otherwise
    only the top-level fields, and a deeper place composes the node tree, which costs less memory
    for a clean file the guard left.
    """
    found = False
    data = _fast_checked_data(raw, gather) if fast else None
    if data is FOUND:
        found, data = True, None
    if data is not None:
        unlocated = UnlocatedDocument(path, data)
        data = None  # the document's reference is the only one: the check gives it up to the model
        checked = check(unlocated, False)
        del unlocated
        if clean(checked):
            return UnlocatedDocument(path), checked
        found = True
    document = parse_bytes(raw, path, deep=found or keep_data)
    return document, check(document, keep_data)


def _fast_checked_data(raw: bytes, gather: Callable[[dict[Any, Any], Iterator[list[Any]]], Any]) -> Any:
    """A file's data by the fast path, gathered when read in pieces; None to leave it to the located loader."""
    if len(raw) > MAX_FILE_BYTES:
        return None
    fast = fast_data(raw)
    if fast is None:
        return None
    return fast.data if fast.pieces is None else gather(fast.data, fast.pieces)


def read_beside(path: Path, *, located: bool = False) -> Document | None:
    """A file whose data alone counts, whatever problems it has; None if it cannot be read.

    Read by the fast path where it can (``plain_data``: the located loader's data), as an
    ``UnlocatedDocument`` holding that data (every place ``UNLOCATED``), unless ``located``; any
    other by the located loader. A source keyed by anything but text leaves it to the located loader:
    the located facts leave out a source whose key is not written as its text (`0x1:` is 1), which
    only the located loader knows.
    """
    try:
        raw = read_file(path)
    except InputError:
        return None
    fast = not located and len(raw) <= MAX_FILE_BYTES and enabled("neighbours")
    data = plain_data(raw) if fast else None
    if data is not None and isinstance(data.get("sources"), dict) and any(type(k) is not str for k in data["sources"]):
        data = None
    return parse_bytes(raw, str(path)) if data is None else UnlocatedDocument(str(path), data)
