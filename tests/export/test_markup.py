"""The exports' escapes for markup written as text are ElementTree's, and placeholders are filled in order."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.export.markup import PREWRITTEN, escape_html_attribute, escape_text, to_html_pieces

# Every character the escaping treats specially, between ordinary and non-ASCII text.
TEXT = st.text(alphabet=st.sampled_from(list("a &<>\"'\r\n\t=;é\u2028")), max_size=12)


@given(TEXT, TEXT)
def test_the_escapes_are_what_elementtree_writes(text: str, value: str) -> None:
    element = ElementTree.Element("td", {"title": value})
    element.text = text
    written = ElementTree.tostring(element, encoding="unicode", method="html")
    assert written == f'<td title="{escape_html_attribute(value)}">{escape_text(text)}</td>'


@given(st.lists(st.lists(TEXT, max_size=3), min_size=1, max_size=3), TEXT)
def test_placeholders_are_filled_in_document_order(pieces: list[list[str]], hostile: str) -> None:
    """Each placeholder becomes its pieces, then its tail; text that looks like one is escaped, never filled."""
    root = ElementTree.Element("tbody")
    root.text = hostile + "< prewritten></ prewritten>"
    mapping = {}
    for index, chunk in enumerate(pieces):
        holder = ElementTree.SubElement(root, PREWRITTEN)
        holder.tail = f"after {index}"
        mapping[holder] = chunk
    expected = (
        f"<tbody>{escape_text(root.text)}"
        + "".join("".join(chunk) + f"after {index}" for index, chunk in enumerate(pieces))
        + "</tbody>"
    )
    assert "".join(to_html_pieces(root, mapping)) == expected


def test_a_placeholder_with_children_is_refused() -> None:
    root = ElementTree.Element("tbody")
    ElementTree.SubElement(ElementTree.SubElement(root, PREWRITTEN), "tr")
    with pytest.raises(ValueError, match="placeholder"):
        list(to_html_pieces(root, {}))
