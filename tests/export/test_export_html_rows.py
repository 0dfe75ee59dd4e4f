"""The HTML chronology's rows, written as markup text, are what the element tree of before wrote, byte for byte.

html.py builds the page as an ElementTree tree but for the chronology's rows,
which it writes directly (docs/performance-history.md section 20). The reference here
is the tree the rows were before, built by the reference path of the fast path
"prewritten" (html._tree_rows), indented and serialised by ElementTree itself, for events whose text holds
every character the cleaning and the escaping treat specially.
"""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from conftest import DATA, TIMELINES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsdeal.check.validate import load_timeline
from armsdeal.core.chronology import Entry, merge, number_sources
from armsdeal.core.model import Timeline
from armsdeal.export import FORMATS, ExportOptions
from armsdeal.export.html import _Page, _rows, _tree_rows

Numbers = dict[tuple[str, str], int]
FILES = [
    *sorted(TIMELINES.glob("*.yaml")),
    *sorted((DATA / "valid").glob("*.yaml")),
    DATA / "pictures" / "hostile-pictures.yaml",
]
# Characters the escapes (& < > ") and the cleaning (controls, bidi, separators, joiners) treat specially,
# whitespace the indentation and the note's folding treat specially, and ordinary and non-Latin text.
TEXT = st.text(alphabet=st.sampled_from(list("a &<>\"'\r\n\t =;é\x1b\u202e\u2028\u200d\U0001f600")), max_size=10)


def tree_rows(entries: list[Entry], numbers: Numbers, *, several: bool) -> str:
    """The chronology's tbody as the reference path builds it (html._tree_rows: the tree of before, kept in the
    package as the reference of the fast path "prewritten"), indented and serialised by ElementTree itself."""
    tbody = ElementTree.Element("tbody")
    _tree_rows(_Page(), tbody, entries, numbers, several=several)
    ElementTree.indent(tbody, space="")
    return ElementTree.tostring(tbody, encoding="unicode", method="html")


def written_rows(entries: list[Entry], numbers: Numbers, *, several: bool) -> str:
    """The rows html.py writes, in the tbody the placeholder stands in (indented: a newline either side)."""
    return "<tbody>\n" + "".join(_rows(entries, numbers, several=several)) + "\n</tbody>"


def assert_same_rows(timelines: list[Timeline]) -> None:
    entries = merge(timelines)
    numbers = number_sources(entries)
    several = len(timelines) > 1
    assert written_rows(entries, numbers, several=several) == tree_rows(entries, numbers, several=several)


@pytest.fixture(scope="module")
def loaded() -> list[Timeline]:
    return [load_timeline(path) for path in FILES]


def test_every_shipped_and_test_timeline(loaded: list[Timeline]) -> None:
    for timeline in loaded:
        assert_same_rows([timeline])


def test_several_timelines_with_a_deal_column(loaded: list[Timeline]) -> None:
    by_id = {timeline.id: timeline for timeline in loaded}  # ids are unique in a document
    assert_same_rows(list(by_id.values()))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_text_in_an_event(loaded: list[Timeline], data: st.DataObject) -> None:
    """Titles, notes, places and actors' names with every special character, one deal or two."""
    base = loaded[data.draw(st.integers(0, len(loaded) - 1))]
    actors = {key: actor.model_copy(update={"name": data.draw(TEXT)}) for key, actor in base.actors.items()}
    events = [
        event.model_copy(
            update={
                "title": data.draw(TEXT),
                "note": data.draw(st.none() | TEXT),
                "location": data.draw(st.none() | TEXT),
            }
        )
        for event in base.events[:8]
    ]
    timeline = base.model_copy(update={"actors": actors, "events": events})
    timeline.__dict__.pop("chronology", None)  # a cached property of the copied model
    several = data.draw(st.booleans())
    assert_same_rows([timeline, loaded[0]] if several and timeline.id != loaded[0].id else [timeline])


@pytest.mark.fast_paths
def test_the_page_is_made_in_pieces_an_event_at_a_time(loaded: list[Timeline]) -> None:
    """The registered exporter: the rows come one at a time, each its own piece, never the page whole."""
    timeline = max(loaded, key=lambda each: len(each.events))
    pieces = list(FORMATS.load("html")([timeline], ExportOptions()))
    rows = [piece for piece in pieces if "<tr id=" in piece]
    assert len(rows) == len(timeline.events)
    assert all(piece.count("<tr id=") == 1 for piece in rows)
