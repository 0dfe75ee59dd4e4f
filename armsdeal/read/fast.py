"""The fast path: clean files read by a faster YAML parser (yaml-rs), behind a guard.

The located loader (``armsdeal.read``) reads a file through libyaml and
can say where every value is written; that costs more than the rest of `check`
together. Most files have no problem, and nothing of theirs needs a place. So a
file whose text passes ``may_go_fast`` is first read by yaml-rs (a Rust parser,
about 1/10 of libyaml's time on timelines, docs/performance-history.md); the callers
(check/validate.py, check/runner.py) validate that data and read the file again
through the located loader the moment anything is found: a problem, a warning,
a duplicate key, an error of yaml-rs. So every message and every line:col a
user sees comes from the located loader, and yaml-rs only ever answers "this
file is clean, here is its data".

Why yaml-rs: of the parsers measured (yaml-rs, ryaml, rapidyaml), it is the
fastest that builds Python data itself, and the one with wheels for Linux
(glibc and musl, x86-64 and ARM), macOS (Intel and ARM) and Windows for every
supported Python. Where it cannot be imported, ``fast_data`` returns None and
every file takes the located path: slower, never different.

The guard: yaml-rs reads YAML 1.2 with a few extensions where armsdeal's loader
keeps the core schema strictly (``012``, ``0o17``, ``0b11``, ``1_000``, ``0X1F``,
``+0x1F`` are numbers to yaml-rs and text to armsdeal; whole numbers beyond 64
bits are a problem to armsdeal), and libyaml (YAML 1.1) differs from a 1.2
parser on tabs, unicode line breaks and other corners. ``may_go_fast`` refuses
any text where one of these could matter, conservatively: a refused clean file
only loses speed. tests/read/test_fast.py shows, file by file, that whatever
passes the guard is read by both parsers as the same data with the same types,
but for one form the guard lets through: a flow collection written as a key
without ':' in a flow mapping (``{a, [b]}``) is a tuple (or frozenset) key to
yaml-rs and an error to libyaml. No timeline can hold a key that is not text
(every mapping of the format is a record or keyed by ids), so validation finds
it and the file goes to the located loader; looking for it in every file would
cost about 1% of `check` (two more scans of the text).

Large files: yaml-rs builds a tree of the whole document in Rust before it
makes any Python data, about ten times the text's size. A file of
``_PIECES_FROM`` bytes or more, when its layout allows it (``_layout``:
`events:` at column 0 is the last key, its items start at one indentation), is
read as its head (every other key) and then its events a slice of the bytes at
a time (``FastData.pieces``), which the caller makes records before it asks for
the next; so neither the tree, nor the text, nor the plain events are ever held
whole. Why such a split cannot change the data is said where it is done; any
doubt reads the file whole, as before, or leaves it to the located loader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from armsdeal.core.fastpaths import enabled

# The guard reads the file's UTF-8 bytes: a search for one byte runs at memory speed, so each
# pattern below runs only when the byte it starts with is in the file, and starts with a literal
# (which the regex engine finds in C; a pattern that starts with a lookbehind or a character set
# is tried at every position, about 20 times slower). Measured on generated timelines: about
# 0.2 ms for a 35 KB file, against 1.5 ms for yaml-rs to read it and 8 ms for the located loader.

# One pass maps ASCII controls (tab and carriage return among them: YAML 1.1 and 1.2 differ on
# them, libyaml refuses the others) to 0 and digits to 1.
_CLASSES = bytes(
    0 if (byte < 0x20 and byte != 0x0A) or byte == 0x7F else 1 if 0x30 <= byte <= 0x39 else byte for byte in range(256)
)
# 19 digits in a row: beyond 64 bits, a problem to armsdeal and a number to yaml-rs.
_LONG_NUMBER = b"\x01" * 19

# (a byte, a pattern that starts with it): the pattern is searched for only if the byte occurs.
# "x" stands for a token's start: the byte before is none of whitespace, a flow indicator, ':'
# and '#' (checked by a lookbehind after the literal). A token is what stands between those, so
# every plain scalar, key or value, is one or more tokens; a match inside longer text, a false
# alarm, costs only speed.
_NOT_AFTER = rb"[^\s\[\]{},:#]"
_ODD: tuple[tuple[bytes, re.Pattern[bytes]], ...] = tuple(
    (first, re.compile(pattern))
    for first, pattern in (
        # In UTF-8: the C1 controls (NEL among them), line and paragraph separators (line breaks to
        # libyaml, not to YAML 1.2), the byte-order mark and the non-characters U+FFFE and U+FFFF.
        (b"\xc2", b"\xc2[\x80-\x9f]"),
        (b"\xe2", b"\xe2\x80[\xa8\xa9]"),
        (b"\xef", b"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])"),
        # Directives and document markers, merge keys, escapes in double-quoted scalars.
        (b"\n", rb"\n(?:%|---|\.\.\.)"),
        (b"<", rb"<<"),
        (b"\\", rb"\\"),
        # Where a node's properties (&anchor, *alias, !tag) or a complex key (?) could begin. An
        # anchor or alias needs a name at once: "Winston & Strawn" passes (where a node starts, a
        # lone & or * is an error to both parsers, which sends the file to the located loader).
        *((bytes([char]), rb"\%c(?<!%s.)[^\s\[\]{},]" % (char, _NOT_AFTER)) for char in b"&*"),
        *((bytes([char]), rb"\%c(?<!%s.)" % (char, _NOT_AFTER)) for char in b"!?"),
        # A ':' that starts a token (an empty key, a key's ':' on the next line), follows a flow
        # collection (`[a]: b`: a tuple key to yaml-rs) or precedes a flow indicator (an empty value in
        # a flow collection): libyaml refuses what YAML 1.2 allows.
        (b":", rb":(?:(?<![^\s\[\]{},:].)|(?=[,\]}]))"),
        # A block scalar header with an indentation indicator or a comment, and | or > where a token
        # starts but no block scalar can (`[>]`, `a > b`).
        *((bytes([char]), rb"\%c(?<!%s.)(?![-+]?\n)" % (char, _NOT_AFTER)) for char in b"|>"),
        # Tokens yaml-rs reads as numbers where armsdeal's core schema keeps text (tests/read/test_fast.py):
        # a leading zero before a digit, a base letter or an underscore (012, 00, 0o17, 0b11, 0X1F, 0_1);
        # the same after a sign, and a sign before 0x (-012, +0x1F: armsdeal's hex has no sign);
        # hex beyond 64 bits, or with an underscore (0x10000000000000000, 0x1F_FF). One pattern, one
        # pass over the zeros.
        (
            b"0",
            rb"0(?:(?<!%s.)[0-9oObBX_]|(?<=[-+]0)(?<!%s..)[0-9oObBxX_]|x(?<!%s..)(?:[0-9a-fA-F]{16}|[0-9a-zA-Z.+-]*_))"
            % (_NOT_AFTER, _NOT_AFTER, _NOT_AFTER),
        ),
    )
)
# An underscore beside a digit, a dot or a sign (1_000, 1.5_, _1, +_1, ._5: yaml-rs drops it), in a
# token that starts like a number (URLs such as .../november_2017_global are common and harmless).
_UNDERSCORE = re.compile(rb"_(?:(?<=[0-9.+-]_)|(?=[0-9.+-]))")
_TOKEN_HEAD = re.compile(rb"[^\s\[\]{},:#]{0,200}\Z")  # the token so far, before an underscore
_NUMBER_START = frozenset(b"+-.0123456789_")
# Also refused: a directive or document marker on the first line, and text that does not end
# with a line break (a block scalar's last line then differs: yaml-test-suite L24T).
_ODD_START = (b"%", b"---", b"...")


# Where a block scalar starts (| or > at a token's start): yaml-rs reads `|` inside a flow collection
# as plain text where libyaml refuses it, and the guard cannot tell flow from block by looking at a
# line, so a file with block scalars has its data looked at after reading (``_indicator_text``).
_BLOCK_SCALARS = tuple((bytes([char]), re.compile(rb"\%c(?<!%s.)" % (char, _NOT_AFTER))) for char in b"|>")

_REFUSE, _FAST, _FAST_IF_NO_INDICATOR_TEXT = 0, 1, 2


def may_go_fast(raw: bytes) -> bool:
    """True when both parsers are known to read ``raw`` (UTF-8) alike, if they read it at all.

    False sends the file to the located loader (which reads every file
    correctly): the guard may refuse a clean file, never pass a doubtful one.
    A file with block scalars passes here and has its data looked at once read
    (``fast_data``).
    """
    return _guard(raw) != _REFUSE


def _guard(raw: bytes) -> int:
    classes = raw.translate(_CLASSES)
    if b"\x00" in classes or _LONG_NUMBER in classes or raw.startswith(_ODD_START) or not raw.endswith(b"\n"):
        return _REFUSE
    if any(first in raw and pattern.search(raw) is not None for first, pattern in _ODD):
        return _REFUSE
    if b"_" in raw and any(_number_like(raw, found.start()) for found in _UNDERSCORE.finditer(raw)):
        return _REFUSE
    if not any(first in raw and pattern.search(raw) is not None for first, pattern in _BLOCK_SCALARS):
        return _FAST
    # An empty block scalar at the very end: yaml-rs reads a line break, libyaml nothing.
    last_line = raw.rstrip()[-200:].rpartition(b"\n")[2]
    return _REFUSE if b"|" in last_line or b">" in last_line else _FAST_IF_NO_INDICATOR_TEXT


def _indicator_text(value: Any) -> bool:
    """Whether any text (key or value) in the data starts with | or >: what yaml-rs makes of a | or >
    where libyaml refuses it (in a flow collection). Text a block scalar holds rarely starts so."""
    if type(value) is str:
        return value.startswith(("|", ">"))
    if type(value) is dict:
        return any(_indicator_text(key) or _indicator_text(item) for key, item in value.items())
    if type(value) is list:
        return any(_indicator_text(item) for item in value)
    return False


def _number_like(raw: bytes, at: int) -> bool:
    """Whether the token holding the underscore at ``at`` starts like a number (or is too long to tell)."""
    head = _TOKEN_HEAD.search(raw, max(0, at - 201), at)
    if head is None or head.end() - head.start() >= 200:
        return True
    return raw[head.start()] in _NUMBER_START


_loads: Callable[..., Any] | None = None


class FastData(NamedTuple):
    """A clean file's data as yaml-rs read it (``fast_data``).

    ``pieces`` is None for a file read whole: ``data`` is all of it. For a large
    file read in pieces, ``data`` holds every top-level key but ``events`` (the
    last one), and ``pieces`` gives the events, a list of items at a time, each
    read from its own slice of the bytes when it is asked for; it raises
    ``Unreadable`` for a piece yaml-rs refuses or could read otherwise than the
    located loader, and the caller then leaves the file to the located loader.
    """

    data: dict[Any, Any]
    pieces: Iterator[list[Any]] | None = None


class Unreadable(Exception):
    """A piece of a file read in pieces that the fast path cannot vouch for: read the file with the located loader."""


def fast_data(raw: bytes) -> FastData | None:
    """A timeline's data read by yaml-rs; or None: leave the file to the located loader.

    ``raw`` is the file's bytes, within the size cap and without a byte-order
    mark (the caller checks both). None when yaml-rs is not installed, the text
    is not UTF-8, the guard refuses it, yaml-rs finds any error (a duplicate
    key among them), or the document is not a mapping (nothing else is a
    timeline; the located loader says what it is). A file of ``_PIECES_FROM``
    bytes or more whose layout allows it is read in pieces (``_layout``).
    """
    if not enabled("yaml-rs"):
        return None
    loads = _loads or _import_loads()
    if loads is None:
        return None
    verdict = _guard(raw)
    if verdict == _REFUSE:
        return None
    layout = _layout(raw) if len(raw) >= _PIECES_FROM and enabled("pieces") else None
    if layout is not None and verdict == _FAST_IF_NO_INDICATOR_TEXT and _ends_with_indicator(raw, 0, layout[0]):
        layout = None  # maybe an empty block scalar just before `events:`: read whole
    if layout is not None:
        head_end, items_start, item_line = layout
        try:
            head = _read(loads, raw, 0, head_end, verdict)
        except Unreadable:
            return None
        if head is None:  # nothing but comments before `events:`
            head = {}
        if type(head) is not dict or "events" in head:  # a second `events` is a duplicate key
            return None
        return FastData(head, _pieces(loads, raw, items_start, item_line, verdict))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        data = loads(text, parse_datetime=False)
    except Exception:  # yaml-rs's errors, whatever their type: the located loader reports them
        return None
    del text  # before the data is looked at: the caller holds the bytes, yaml-rs's copy is not needed
    if type(data) is not dict or (verdict == _FAST_IF_NO_INDICATOR_TEXT and _indicator_text(data)):
        return None
    return FastData(data)


# Deeper than this, the located loader may build the data another way (its streamed build stops at 100
# levels, and the node tree's construction can run out of Python's stack): such a file is left to it.
_PLAIN_DEPTH = 50


def plain_data(raw: bytes) -> dict[Any, Any] | None:
    """A file's data as the located loader gives it, read by yaml-rs, for a caller that looks at the data
    only (no place, no validation: `check`'s files beside the checked ones, check/rules/collection.py);
    or None: read the file with the located loader.

    ``fast_data``'s data, its events joined when read in pieces, whatever is in it: valid as a timeline
    or not. ``raw`` as for ``fast_data`` (within the size cap). None also for the one form the guard lets
    through that the parsers read otherwise (a flow collection as a key: an error to libyaml, a tuple or
    frozenset key to yaml-rs; only a file with ``{`` can hold one) and for data nested more than
    ``_PLAIN_DEPTH`` levels.
    """
    fast = fast_data(raw)
    if fast is None:
        return None
    data = fast.data
    if fast.pieces is not None:
        events: list[Any] = []
        try:
            for piece in fast.pieces:
                events.extend(piece)
        except Unreadable:
            return None
        data["events"] = events  # the last key (``_layout``), as in the file
    return data if _plain(data, keys=b"{" in raw) else None


_SCALAR_KEYS = frozenset((str, int, float, bool, type(None)))


def _plain(data: dict[Any, Any], *, keys: bool) -> bool:
    """Whether ``data`` is nested at most ``_PLAIN_DEPTH`` levels and, with ``keys``, every key is a scalar.

    A level at a time, looking at each value's type only (about 0.4 ms for a 35 kB timeline).
    """
    level: list[Any] = [data]
    depth = 1
    while level:
        if depth > _PLAIN_DEPTH:
            return False
        inner = []
        for value in level:
            if type(value) is dict:
                if keys and not _SCALAR_KEYS.issuperset(map(type, value)):
                    return False
                value = value.values()
            for item in value:
                kind = type(item)
                if kind is dict or kind is list:
                    inner.append(item)
        level = inner
        depth += 1
    return True


# --- reading a large file in pieces ----------------------------------------------------------------
#
# yaml-rs builds its own tree of a whole document before it makes the Python data, about 10 times the
# text's size on timelines, and the data of a whole document is held until it is validated; for a
# 3.5 MB file of 10,000 events the read alone peaked at 54 MiB above the interpreter (docs/performance-history.md,
# section 22). A timeline is mostly its list of events, so a large file is read as its head (every
# top-level key but `events`) and then its events a slice of the bytes at a time, each slice decoded and
# read alone, validated into records by the caller and let go before the next is read.
#
# Where it may be split, conservatively (``_layout``; anything else is read whole, as before):
#
# - `events:` is a key at column 0, alone on its line (a comment may follow), and the head before it
#   starts at column 0 with neither `{` nor `[`: a block mapping, which the `events:` line continues;
# - the first line after it that is neither blank nor a comment starts the block sequence's first item,
#   "- " at some indentation K;
# - after that, every line indented K or less is blank, a comment, or an item ("- " at exactly K): nothing
#   else at column 0 follows (so `events` is the last key, and the data keeps its key order), and nothing
#   is dedented below the items.
#
# Why the data cannot change (tests/read/test_fast.py checks it against the located loader, item by item):
# a piece begins at the start of an item line and ends where the next piece begins. The guard has already
# refused anchors, aliases, tags, directives and document markers, so no piece can refer to another. A
# line at indentation K in block context ends every node begun inside the previous item (plain and block
# scalars and collections inside an item are indented more than K) and starts the next item; so, if
# the split point is in block context, the items of the pieces are exactly the items of the sequence. If
# it is not (it falls inside a quoted scalar or a flow collection that spans lines), the piece before it
# ends inside that construct, unterminated: yaml-rs refuses it (tested), and the file goes to the located
# loader. The same holds for the head, which ends where `events:` begins. What differs at the end of a
# text: an empty block scalar on a piece's last line reads as a line break to yaml-rs (the guard's rule
# for a file's end), so in a file with block scalars a split there is skipped (the piece runs on to the
# next item line) and a head ending so leaves the file to the located loader; text starting with | or >
# is looked for in every piece (``_indicator_text``). A duplicate key within the head or an item is an
# error of yaml-rs, as in a whole read; `events` itself is refused in the head.

# A file this large or larger is read in pieces; a piece is at least this many bytes (about 180 events
# of a generated timeline: yaml-rs's tree of it is about 1 MiB).
_PIECES_FROM = 512 * 1024
_PIECE_BYTES = 64 * 1024

# `events:` at column 0 (from the line break before it), alone or with a comment.
_EVENTS_KEY = re.compile(rb"\nevents:(?: +(?:#[^\n]*)?)?\n")
_EVENTS_LINE = re.compile(rb"events:(?: +(?:#[^\n]*)?)?\n")
# The first item: blank or comment lines, then K spaces and "- ".
_FIRST_ITEM = re.compile(rb"(?: *(?:#[^\n]*)?\n)*( *)- ")
# Blank and comment lines (greedy: the match ends where the first other line starts).
_BLANK_LINES = re.compile(rb"(?: *(?:#[^\n]*)?\n)*")


def _layout(raw: bytes) -> tuple[int, int, re.Pattern[bytes]] | None:
    """Where a file may be read in pieces: (end of the head, start of the first item, an item line's
    pattern from the line break before it); None to read it whole."""
    if raw.startswith(b"events:"):
        events = _EVENTS_LINE.match(raw)
        head_end = 0
    else:
        events = _EVENTS_KEY.search(raw)
        head_end = events.start() + 1 if events is not None else 0  # the head ends with its last line break
    if events is None:
        return None
    body = events.end()
    head_start = _BLANK_LINES.match(raw, 0, head_end)
    if head_start is not None and head_start.end() < head_end and raw[head_start.end()] in b" {[":
        return None  # the head is no block mapping at column 0 (or an indented one), which `events:` could not continue
    first = _FIRST_ITEM.match(raw, body)
    if first is None:
        return None
    indent = len(first.group(1))
    items_start = first.start(1)
    # A line indented `indent` or less that is neither blank, a comment nor an item.
    other = re.compile(rb"\n(?! {%d}- ) {0,%d}[^ \n#]" % (indent, indent))
    if other.search(raw, body - 1) is not None:
        return None
    return head_end, items_start, re.compile(rb"\n {%d}- " % indent)


def _pieces(
    loads: Callable[..., Any], raw: bytes, start: int, item_line: re.Pattern[bytes], verdict: int
) -> Iterator[list[Any]]:
    """The events, a piece at a time: yaml-rs's reading of each slice of the bytes (``FastData``)."""
    end = len(raw)
    while start < end:
        cut = _cut(raw, start, item_line, verdict)
        items = _read(loads, raw, start, cut, verdict)
        if type(items) is not list:
            raise Unreadable
        start = cut
        yield items
        del items


def _cut(raw: bytes, start: int, item_line: re.Pattern[bytes], verdict: int) -> int:
    """Where the piece that starts at ``start`` ends: at the start of an item line (or the end)."""
    at = start + _PIECE_BYTES
    while True:
        found = item_line.search(raw, at)
        if found is None:
            return len(raw)
        cut = found.start() + 1
        if verdict != _FAST_IF_NO_INDICATOR_TEXT or not _ends_with_indicator(raw, start, cut):
            return cut
        at = cut  # maybe an empty block scalar at the piece's end: run on to the next item


def _ends_with_indicator(raw: bytes, start: int, end: int) -> bool:
    """Whether the last line of ``raw[start:end]`` that is not blank holds | or > (the guard's rule for an end)."""
    while end > start and raw[end - 1] in b" \n":
        end -= 1
    line = raw[max(start, raw.rfind(b"\n", start, end) + 1) : end]
    return b"|" in line or b">" in line


def _read(loads: Callable[..., Any], raw: bytes, start: int, end: int, verdict: int) -> Any:
    """yaml-rs's reading of ``raw[start:end]``, a piece of a file the guard passed; Unreadable if in doubt."""
    if verdict == _FAST_IF_NO_INDICATOR_TEXT and _ends_with_indicator(raw, start, end):
        raise Unreadable
    try:
        value = loads(raw[start:end].decode("utf-8"), parse_datetime=False)
    except Exception:  # not UTF-8 (UnicodeDecodeError), or yaml-rs's errors, whatever their type
        raise Unreadable from None
    if verdict == _FAST_IF_NO_INDICATOR_TEXT and _indicator_text(value):
        raise Unreadable
    return value


def _import_loads() -> Callable[..., Any] | None:
    # Imported on first use, not with armsdeal: commands that read no timeline never pay for it.
    global _loads
    try:
        from yaml_rs import loads
    except ImportError:  # a platform without a yaml-rs wheel: every file takes the located path
        return None
    _loads = loads
    return loads
