"""The fast path: clean files read by a faster YAML parser (yaml-rs), behind a guard.

The located loader (``armsdeal.core.loader``) reads a file through libyaml and
can say where every value is written; that costs more than the rest of `check`
together. Most files have no problem, and nothing of theirs needs a place. So a
file whose text passes ``may_go_fast`` is first read by yaml-rs (a Rust parser,
about 1/10 of libyaml's time on timelines, docs/performance.md); the callers
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
only loses speed. tests/test_fastload.py shows, file by file, that whatever
passes the guard is read by both parsers as the same data with the same types.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

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
        # Tokens yaml-rs reads as numbers where armsdeal's core schema keeps text (tests/test_fastload.py):
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


def fast_data(raw: bytes) -> tuple[dict[Any, Any], str] | None:
    """A timeline's data read by yaml-rs, and its text; or None: leave the file to the located loader.

    ``raw`` is the file's bytes, within the size cap and without a byte-order
    mark (the caller checks both). None when yaml-rs is not installed, the text
    is not UTF-8, the guard refuses it, yaml-rs finds any error (a duplicate
    key among them), or the document is not a mapping (nothing else is a
    timeline; the located loader says what it is).
    """
    loads = _loads or _import_loads()
    if loads is None:
        return None
    verdict = _guard(raw)
    if verdict == _REFUSE:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        data = loads(text, parse_datetime=False)
    except Exception:  # yaml-rs's errors, whatever their type: the located loader reports them
        return None
    if type(data) is not dict or (verdict == _FAST_IF_NO_INDICATOR_TEXT and _indicator_text(data)):
        return None
    return data, text


def _import_loads() -> Callable[..., Any] | None:
    # Imported on first use, not with armsdeal: commands that read no timeline never pay for it.
    global _loads
    try:
        from yaml_rs import loads
    except ImportError:  # a platform without a yaml-rs wheel: every file takes the located path
        return None
    _loads = loads
    return loads
