"""Serialise the element trees of the SVG and HTML exports, and the escapes of markup written as text.

ElementTree writes the trees. (A serialiser of armsdeal's own, a twin of
``ElementTree.tostring`` written when serialising was 43% of the HTML export's
own time, saved nothing once the rows and marks were written as text: 1.6 s
CPU either way for the SVG of a 10,000-event timeline. It was retired in
issue 25.)

A part of a page too large to be worth a tree (the HTML chronology: a row per
event; the chart's marks: a few elements per event) is written by the exporter
as markup text with this module's escapes (``escape_text``,
``escape_html_attribute``: ElementTree's, character for character) into a
placeholder: an element tagged ``PREWRITTEN`` is written as the pieces
``to_html_pieces`` is given for it, then its tail (the fast path
"prewritten", core/fastpaths.py). tests/export/test_export_html_rows.py and
tests/export/test_export_html_chart.py check that what is written so is what
the tree gave.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# ElementTree's replacements, in its order ('&' first, so no entity is escaped twice).
_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
# The HTML method leaves '<' in attribute values, as browsers read them.
_HTML_ATTRIBUTE = (("&", "&amp;"), (">", "&gt;"), ('"', "&quot;"))


def _replace(text: str, table: tuple[tuple[str, str], ...]) -> str:
    for old, new in table:
        if old in text:  # most texts need no replacement: no copy made
            text = text.replace(old, new)
    return text


def escape_text(text: str) -> str:
    """Element text and tails as ElementTree escapes them (both methods)."""
    return _replace(text, _TEXT)


def escape_html_attribute(text: str) -> str:
    """An attribute value as ElementTree's HTML method escapes it."""
    return _replace(text, _HTML_ATTRIBUTE)


def to_xml(root: Element) -> str:
    """The tree as XML text (short empty elements as ``<x />``)."""
    from xml.etree import ElementTree

    return ElementTree.tostring(root, encoding="unicode")


# The tag of a placeholder for prewritten markup (a space: never the tag of a real element, and text that
# holds "< prewritten>" is escaped, so the placeholder's own markup is found only where the tree has one).
PREWRITTEN = " prewritten"
_PLACEHOLDER = f"<{PREWRITTEN}></{PREWRITTEN}>"


def to_html(root: Element) -> str:
    """The tree as HTML text (ElementTree's HTML method)."""
    return "".join(to_html_pieces(root))


def to_html_pieces(root: Element, prewritten: Mapping[Element, Iterable[str]] | None = None) -> Iterator[str]:
    """``to_html``'s text in pieces, each placeholder (tag ``PREWRITTEN``) written as the pieces mapped to it.

    The tree is written first; the prewritten pieces are made only as they are
    consumed, so they are never all held at once.
    """
    from xml.etree import ElementTree

    text = ElementTree.tostring(root, encoding="unicode", method="html")
    placeholders = list(root.iter(PREWRITTEN))
    parts = text.split(_PLACEHOLDER)
    if len(parts) != len(placeholders) + 1:
        raise ValueError("a prewritten placeholder has text or children")  # armsdeal never builds one so
    yield parts[0]
    for element, after in zip(placeholders, parts[1:], strict=True):
        yield from (prewritten or {}).get(element, ())
        yield after
