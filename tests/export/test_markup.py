"""The exports' serialiser writes exactly what ElementTree.tostring writes, for every tree armsdeal can build."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.export.markup import to_html, to_xml

# Tests of the fast paths themselves: run with them on (tests/conftest.py).
pytestmark = pytest.mark.fast_paths

# Tags of both exports, with the HTML method's special cases: void elements, raw-text elements, upper case.
TAGS = st.sampled_from(["svg", "g", "text", "rect", "td", "a", "meta", "br", "script", "style", "SCRIPT", "Meta"])
NAMES = st.sampled_from(["class", "x", "href", "data-event", "xmlns", "content"])
# Every character the escaping treats specially, between ordinary and non-ASCII text.
TEXT = st.text(alphabet=st.sampled_from(list("a &<>\"'\r\n\t=;é\u2028")), max_size=12)


@st.composite
def trees(draw: st.DrawFn, depth: int = 3) -> ElementTree.Element:
    element = ElementTree.Element(draw(TAGS), draw(st.dictionaries(NAMES, TEXT, max_size=3)))
    element.text = draw(st.none() | TEXT)
    element.tail = draw(st.none() | TEXT)
    if depth > 0:
        for child in draw(st.lists(trees(depth - 1), max_size=3)):
            element.append(child)
    return element


@given(trees())
def test_xml_is_what_elementtree_writes(root: ElementTree.Element) -> None:
    assert to_xml(root) == ElementTree.tostring(root, encoding="unicode")


@given(trees())
def test_html_is_what_elementtree_writes(root: ElementTree.Element) -> None:
    assert to_html(root) == ElementTree.tostring(root, encoding="unicode", method="html")


@pytest.mark.parametrize(
    "element",
    [ElementTree.Comment("x"), ElementTree.ProcessingInstruction("x"), ElementTree.Element("{urn:x}svg")],
    ids=["comment", "processing-instruction", "namespaced"],
)
def test_refuses_what_armsdeal_never_builds(element: ElementTree.Element) -> None:
    root = ElementTree.Element("g")
    root.append(element)
    with pytest.raises(ValueError, match="cannot serialise"):
        to_xml(root)
    with pytest.raises(ValueError, match="cannot serialise"):
        to_html(root)
