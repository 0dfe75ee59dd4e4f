"""Serialise the element trees of the SVG and HTML exports: ElementTree's output, in less time.

``ElementTree.tostring`` first walks the whole tree to collect namespaces
(these trees have none: the SVG namespace is a plain ``xmlns`` attribute),
then writes it through one ``write`` call per piece with generic checks for
comments, processing instructions and qualified names. For the HTML page of a
10,000-event timeline that was 43% of the export's own time (cProfile,
docs/performance-history.md). This module writes the same characters for the trees
armsdeal builds, and refuses anything else rather than guess: the escaping is
ElementTree's (Python 3.11) character for character, which tests/export/test_markup.py
checks against ``ElementTree.tostring`` on generated trees.

A part of a page too large to be worth a tree (the HTML chronology: a row per
event; the chart's marks: a few elements per event) can be written by the
exporter as markup text, with this module's escapes (``escape_text``,
``escape_html_attribute``), into a placeholder: an element tagged
``PREWRITTEN`` is written as the pieces ``to_html_pieces`` is given for it,
then its tail. tests/export/test_export_html_rows.py and
tests/export/test_export_html_chart.py check that what is written so is what the tree
gave.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from armsdeal.core.fastpaths import enabled

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


def escape_text(text: str) -> str:
    """Element text and tails as ElementTree escapes them (both methods)."""
    return _replace(text, _TEXT)


def _escape_xml_attribute(text: str) -> str:
    return _replace(text, _XML_ATTRIBUTE)


def escape_html_attribute(text: str) -> str:
    """An attribute value as ElementTree's HTML method escapes it."""
    return _replace(text, _HTML_ATTRIBUTE)


def to_xml(root: Element) -> str:
    """``ElementTree.tostring(root, encoding="unicode")`` (short empty elements as ``<x />``)."""
    if not enabled("markup"):
        from xml.etree import ElementTree

        return ElementTree.tostring(root, encoding="unicode")
    parts: list[str] = []
    _write_xml(root, parts.append)
    return "".join(parts)


# The tag of a placeholder for prewritten markup (a space: never the tag of a real element).
PREWRITTEN = " prewritten"

Part = str | Iterable[str]


def to_html(root: Element) -> str:
    """``ElementTree.tostring(root, encoding="unicode", method="html")``."""
    return "".join(to_html_pieces(root))


def to_html_pieces(root: Element, prewritten: Mapping[Element, Iterable[str]] | None = None) -> Iterator[str]:
    """``to_html``'s text in pieces, each placeholder (tag ``PREWRITTEN``) written as the pieces mapped to it.

    The tree is written first; the prewritten pieces are made only as they are
    consumed, so they are never all held at once. With the fast path "markup" off, ElementTree writes a
    tree without placeholders (export/html.py writes none then).
    """
    if not prewritten and not enabled("markup"):
        from xml.etree import ElementTree

        yield ElementTree.tostring(root, encoding="unicode", method="html")
        return
    parts: list[Part] = []
    _write_html(root, parts.append, prewritten or {})
    batch: list[str] = []
    for part in parts:
        if isinstance(part, str):
            batch.append(part)
            continue
        if batch:
            yield "".join(batch)
            batch = []
        yield from part
    if batch:
        yield "".join(batch)


def _start(element: Element, escape: Callable[[str], str]) -> tuple[str, str]:
    """The element's tag, and its start tag without the closing '>' (one string: fewer writes)."""
    tag = element.tag
    if not isinstance(tag, str) or tag.startswith("{") or tag == PREWRITTEN:
        # Comments, processing instructions and namespaced tags: armsdeal's trees have none (and a
        # placeholder has no markup of its own: only to_html_pieces writes one, with its pieces).
        raise ValueError(f"cannot serialise element {tag!r}")
    attributes = element.items()
    if not attributes:
        return tag, "<" + tag
    return tag, "<" + tag + "".join([f' {name}="{escape(value)}"' for name, value in attributes])


def _write_xml(element: Element, write: Callable[[str], object]) -> None:
    tag, start = _start(element, _escape_xml_attribute)
    text = element.text
    if text or len(element):
        write(start + ">" + escape_text(text) if text else start + ">")
        for child in element:
            _write_xml(child, write)
        write("</" + tag + ">")
    else:
        write(start + " />")
    if element.tail:
        write(escape_text(element.tail))


def _write_html(element: Element, write: Callable[[Part], object], prewritten: Mapping[Element, Iterable[str]]) -> None:
    if element.tag == PREWRITTEN:
        write(prewritten[element])
        if element.tail:
            write(escape_text(element.tail))
        return
    tag, start = _start(element, escape_html_attribute)
    text = element.text
    lower = tag.lower()
    if text:
        write(start + ">" + (text if lower in _RAW_TEXT else escape_text(text)))
    else:
        write(start + ">")
    for child in element:
        _write_html(child, write, prewritten)
    if lower not in _VOID:
        write("</" + tag + ">")
    if element.tail:
        write(escape_text(element.tail))
