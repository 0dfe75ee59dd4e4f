"""Untrusted text as a Rich Text: cleaned, styled, never parsed as markup.

Kept apart from safe_text.py so that modules which only clean text (the CLI's
messages) do not import Rich.
"""

from __future__ import annotations

from rich.text import Text

from armsdeal.render.safe_text import clean


def styled(value: str, style: str = "") -> Text:
    """One line of text from a timeline file, safe for any Rich renderable."""
    return Text(clean(value, keep_newlines=False), style=style)
