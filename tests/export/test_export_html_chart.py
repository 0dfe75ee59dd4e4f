"""The HTML page's chart marks, written as markup text, are what their element tree wrote, byte for byte.

svg.Chart given a mapping (the HTML page) writes each lane's event marks as
markup text into a placeholder (markup.PREWRITTEN) instead of building them as
elements (docs/performance-history.md section 20); the SVG export still builds the tree.
The reference here is the same chart built as a tree, indented and serialised
by ElementTree itself, for every shipped and test timeline (the hostile one
holds the characters the cleaning and the escaping treat specially), alone
and together.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import DATA, TIMELINES

from armsdeal.check.validate import load_timeline
from armsdeal.core.model import Timeline
from armsdeal.export.markup import to_html_pieces
from armsdeal.export.svg import Chart

FILES = [
    *sorted(TIMELINES.glob("*.yaml")),
    *sorted((DATA / "valid").glob("*.yaml")),
    DATA / "pictures" / "hostile-pictures.yaml",
]


def tree_chart(timelines: list[Timeline]) -> str:
    root = Chart(timelines).build()
    ElementTree.indent(root, space="")
    return ElementTree.tostring(root, encoding="unicode", method="html")


def markup_chart(timelines: list[Timeline]) -> str:
    marks: dict[ElementTree.Element, Iterator[str]] = {}
    root = Chart(timelines, marks).build()
    ElementTree.indent(root, space="")
    return "".join(to_html_pieces(root, marks))


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_marks_as_markup_are_the_tree(path: Path) -> None:
    timeline = load_timeline(path)
    assert markup_chart([timeline]) == tree_chart([timeline])


def test_marks_of_several_lanes_are_the_tree() -> None:
    timelines = [load_timeline(path) for path in sorted(TIMELINES.glob("*.yaml"))]
    timelines.append(load_timeline(DATA / "pictures" / "hostile-pictures.yaml"))
    assert markup_chart(timelines) == tree_chart(timelines)


def test_marks_are_prewritten() -> None:
    timeline = load_timeline(DATA / "pictures" / "hostile-pictures.yaml")
    marks: dict[ElementTree.Element, Iterator[str]] = {}
    root = Chart([timeline], marks).build()
    assert len(marks) == 1
    assert not root.findall(".//g[@class='ad-events']/g")
