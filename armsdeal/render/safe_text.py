"""Untrusted text from timeline files, made safe to put on a terminal.

Text from YAML is always wrapped in rich.text.Text (never parsed as markup);
this module removes what could still change the terminal or hide in the text:
control characters (escape sequences start with ESC), the bidirectional
overrides that can make text read differently from what it is ("Trojan
Source"), invisible characters (zero-width space, word joiner, byte-order
mark; a zero-width joiner outside an emoji sequence) and the Unicode line and
paragraph separators, which split a line for any tool that uses
``str.splitlines()``. Each becomes a visible escape such as ``\\x1b`` or
``\\u200b``.
"""

from __future__ import annotations

import json
import re
from typing import Any

_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Zero-width space, word joiner, the invisible maths operators, the byte-order mark
# (zero-width no-break space). ZWNJ (U+200C) is left alone: Persian and Indic text need it.
_INVISIBLE = "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff"
_LINE_SEPARATORS = "\u2028\u2029"
_ZWJ = "\u200d"
# C0 controls but newline, DEL, C1 controls, bidi controls, invisible characters, line separators, ZWJ.
_UNSAFE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}{_INVISIBLE}{_LINE_SEPARATORS}{_ZWJ}]")


def clean(text: str, *, keep_newlines: bool = True) -> str:
    """Replace each unsafe character by its visible escape, e.g. ESC -> '\\x1b', U+2028 -> '\\u2028'.

    A zero-width joiner between two emoji (a family, a profession with a skin
    tone) is kept, since it is part of the emoji; anywhere else it is escaped.
    """
    if text.isascii() and text.isprintable():
        return text  # printable ASCII holds nothing to escape (the common case, a fraction of the regex's time)
    cleaned = _UNSAFE.sub(_escape, text)
    return cleaned if keep_newlines else cleaned.replace("\n", " ")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code == 0x09:
        return " "
    if char == _ZWJ and _joins_emoji(match.string, match.start()):
        return char
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _joins_emoji(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and _is_emoji_part(text[index - 1]) and _is_emoji(text[index + 1])


def _is_emoji(char: str) -> bool:
    """Pictographs an emoji ZWJ sequence is made of (Unicode's Extended_Pictographic, approximately)."""
    code = ord(char)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF


def _is_emoji_part(char: str) -> bool:
    """What may stand before a ZWJ in an emoji sequence: an emoji, a variation selector-16, a skin tone."""
    return _is_emoji(char) or char == "\ufe0f"


_URL_UNSAFE = re.compile(f"[\x00-\x20\x7f-\x9f{_BIDI_CONTROLS}{_INVISIBLE}{_LINE_SEPARATORS}{_ZWJ}]")


def safe_url(url: str) -> str:
    """A URL with the characters clean() would escape percent-encoded (UTF-8), so it still leads to the same place."""
    return _URL_UNSAFE.sub(lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8")), url)


# What json.dumps(ensure_ascii=False) leaves raw but a terminal may act on (C1
# controls such as the 8-bit CSI, DEL, bidi controls), a JavaScript parser
# chokes on (U+2028/U+2029) or a reader cannot see (zero-width characters).
# JSON's \u escapes keep the data exact. Lone surrogates too: a file name's
# bytes that are not UTF-8 (bad\xff.yaml) reach Python as U+DC80-U+DCFF
# (PEP 383) and would be written as those raw bytes, making the output invalid
# UTF-8.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_LINE_SEPARATORS}{_BIDI_CONTROLS}{_INVISIBLE}\ud800-\udfff]")


def to_json(document: Any) -> str:
    """Readable JSON (UTF-8, indented) in which no character can act on a terminal or hide."""
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return json_safe(text) + "\n"


def json_safe(text: str) -> str:
    """JSON text (or a piece of it) with every character that could act on a terminal or hide escaped."""
    return _JSON_UNSAFE.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    """A \\u escape; a lone surrogate, which strict JSON parsers refuse, as the text of a visible escape.

    A byte of a file name that is not UTF-8 reaches Python as U+DC80-U+DCFF (PEP 383): it is written
    as the four characters ``\\xNN`` (the byte, as the terminal views show it; in JSON ``"\\\\xNN"``).
    """
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\\\u{code:04x}"
    return f"\\u{code:04x}"
