"""The reading stage's entry points: how a file is read, and with or without places.

Every command reads a timeline through here. ``parse_bytes`` checks the size, the
byte-order mark and the encoding, then builds the data the fastest way that can
still place every problem: the streamed build (read/streamed.py) where it can,
the composed node tree (read/located.py) for any file it leaves.
"""

from __future__ import annotations

from pathlib import Path

from armsdeal.core.fastpaths import enabled
from armsdeal.core.problems import Problem, Severity
from armsdeal.read.files import BOM, MAX_FILE_BYTES, read_file
from armsdeal.read.located import Document, compose
from armsdeal.read.streamed import STREAM_DEPTH, stream


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
