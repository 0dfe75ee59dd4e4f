"""Serialise the element trees of the SVG and HTML exports: ElementTree's output, in less time.

``ElementTree.tostring`` first walks the whole tree to collect namespaces
(these trees have none: the SVG namespace is a plain ``xmlns`` attribute),
then writes it through one ``write`` call per piece with generic checks for
comments, processing instructions and qualified names. For the HTML page of a
10,000-event timeline that was 43% of the export's own time (cProfile,
docs/performance.md). This module writes the same characters for the trees
armsdeal builds, and refuses anything else rather than guess: the escaping is
ElementTree's (Python 3.11) character for character, which tests/test_markup.py
checks against ``ElementTree.tostring`` on generated trees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# ElementTree's HTML_EMPTY: elements the HTML method writes without an end tag.
_VOID = frozenset(
    {
        "area",
        "base",
        "basefont",
        "br",
        "col",
        "embed",
        "frame",
        "hr",
        "img",
        "input",
        "isindex",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# Element text the HTML method writes as it is (a constant of the exporter, never a timeline's text).
_RAW_TEXT = frozenset({"script", "style"})


# ElementTree's replacements, in its order ('&' first, so no entity is escaped twice).
_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_XML_ATTRIBUTE = (*_TEXT, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))
# The HTML method leaves '<' in attribute values, as browsers read them.
_HTML_ATTRIBUTE = (("&", "&amp;"), (">", "&gt;"), ('"', "&quot;"))


def _replace(text: str, table: tuple[tuple[str, str], ...]) -> str:
    for old, new in table:
        if old in text:  # most texts need no replacement: no copy made
            text = text.replace(old, new)
    return text


def _escape_text(text: str) -> str:
    return _replace(text, _TEXT)


def _escape_xml_attribute(text: str) -> str:
    return _replace(text, _XML_ATTRIBUTE)


def _escape_html_attribute(text: str) -> str:
    return _replace(text, _HTML_ATTRIBUTE)


def to_xml(root: Element) -> str:
    """``ElementTree.tostring(root, encoding="unicode")`` (short empty elements as ``<x />``)."""
    parts: list[str] = []
    _write_xml(root, parts.append)
    return "".join(parts)


def to_html(root: Element) -> str:
    """``ElementTree.tostring(root, encoding="unicode", method="html")``."""
    parts: list[str] = []
    _write_html(root, parts.append)
    return "".join(parts)


def _start(element: Element, escape: Callable[[str], str]) -> tuple[str, str]:
    """The element's tag, and its start tag without the closing '>' (one string: fewer writes)."""
    tag = element.tag
    if not isinstance(tag, str) or tag.startswith("{"):
        # Comments, processing instructions and namespaced tags: armsdeal's trees have none.
        raise ValueError(f"cannot serialise element {tag!r}")
    attributes = element.items()
    if not attributes:
        return tag, "<" + tag
    return tag, "<" + tag + "".join([f' {name}="{escape(value)}"' for name, value in attributes])


def _write_xml(element: Element, write: Callable[[str], object]) -> None:
    tag, start = _start(element, _escape_xml_attribute)
    text = element.text
    if text or len(element):
        write(start + ">" + _escape_text(text) if text else start + ">")
        for child in element:
            _write_xml(child, write)
        write("</" + tag + ">")
    else:
        write(start + " />")
    if element.tail:
        write(_escape_text(element.tail))


def _write_html(element: Element, write: Callable[[str], object]) -> None:
    tag, start = _start(element, _escape_html_attribute)
    text = element.text
    lower = tag.lower()
    if text:
        write(start + ">" + (text if lower in _RAW_TEXT else _escape_text(text)))
    else:
        write(start + ">")
    for child in element:
        _write_html(child, write)
    if lower not in _VOID:
        write("</" + tag + ">")
    if element.tail:
        write(_escape_text(element.tail))
