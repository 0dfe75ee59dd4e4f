"""Untrusted text from timeline files, made safe to put on a terminal.

Text from YAML is always wrapped in rich.text.Text (never parsed as markup);
this module removes what could still change the terminal: control characters
(escape sequences start with ESC) and the bidirectional overrides that can make
text read differently from what it is ("Trojan Source").
"""

from __future__ import annotations

import re

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
