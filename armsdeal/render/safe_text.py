"""Untrusted text from timeline files, made safe to put on a terminal.

Text from YAML is always wrapped in rich.text.Text (never parsed as markup);
this module removes what could still change the terminal: control characters
(escape sequences start with ESC) and the bidirectional overrides that can make
text read differently from what it is ("Trojan Source").
"""

from __future__ import annotations

import json
import re
from typing import Any

_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 controls but newline, DEL, C1 controls, and the bidi controls.
_UNSAFE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")


def clean(text: str, *, keep_newlines: bool = True) -> str:
    """Replace each unsafe character by its visible escape, e.g. ESC -> '\\x1b'."""
    cleaned = _UNSAFE.sub(_escape, text)
    return cleaned if keep_newlines else cleaned.replace("\n", " ")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x09:
        return " "
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# What json.dumps(ensure_ascii=False) leaves raw but a terminal may act on (C1
# controls such as the 8-bit CSI, DEL, bidi controls) or a JavaScript parser
# chokes on (U+2028/U+2029). JSON's \u escapes keep the data exact. Lone
# surrogates too: a file name's bytes that are not UTF-8 (bad\xff.yaml) reach
# Python as U+DC80-U+DCFF (PEP 383) and would be written as those raw bytes,
# making the output invalid UTF-8.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{_BIDI_CONTROLS}\ud800-\udfff]")


def to_json(document: Any) -> str:
    """Readable JSON (UTF-8, indented) in which no character can act on a terminal."""
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"
