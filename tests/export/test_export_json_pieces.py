"""The JSON document in pieces (issue 33): an event at a time, and joined the same bytes as the whole document."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import TIMELINES

from armsdeal.check.validate import load_timeline
from armsdeal.core.collection import timeline_files
from armsdeal.core.model import Actor, Event, Source, Timeline
from armsdeal.core.vocabulary import ActorKind, EventType
from armsdeal.export import FORMATS, ExportOptions
from armsdeal.export.json_export import FORMAT_NAME, VERSION, timeline_object
from armsdeal.render.safe_text import to_json

EVENTS = 600
SOURCES = 150  # written one at a time too


def many_events(timeline_id: str = "many") -> Timeline:
    """A large timeline whose text has what JSON must escape: a line separator, C1 and bidi controls, newlines."""
    sources = {
        f"s{n}": Source(publisher=f"Wire {n}\u2028", title=f"Report {n}", url=f"https://example.org/{n}", date="2020")  # type: ignore[arg-type]
        for n in range(SOURCES)
    }
    actors = {"a": Actor(name="Ä \u202e", kind=ActorKind.STATE), "b": Actor(name="B", kind=ActorKind.STATE)}
    events = [
        Event(
            id=f"e{n}",
            date=f"{2000 + n % 20}-{n % 12 + 1:02d}",  # type: ignore[arg-type]
            type=EventType.STATEMENT,
            title=f'Event {n} \x85 "quoted" \\ {"日本" if n % 2 else "x"}',
            note="line one\nline two" if n % 3 else None,
            actors=["a", "b"],
            sources=[f"s{n % SOURCES}"],
        )
        for n in range(EVENTS)
    ]
    return Timeline(id=timeline_id, title="Many", actors=actors, sources=sources, events=events)


def whole(timelines: list[Timeline]) -> str:
    """The document as it was written before it came in pieces: one to_json of the whole."""
    return to_json({"format": FORMAT_NAME, "version": VERSION, "timelines": [timeline_object(t) for t in timelines]})


def pieces(timelines: list[Timeline]) -> list[str]:
    result: Any = FORMATS.load("json")(timelines, ExportOptions())
    assert not isinstance(result, str)  # the registered exporter gives pieces, never the text whole
    return list(result)


def test_a_many_event_timeline_comes_an_event_at_a_time() -> None:
    timeline = many_events()
    made = pieces([timeline])
    events = [piece for piece in made if '"id": "e' in piece]
    assert len(events) == EVENTS
    assert all(piece.count('"id": "e') <= 1 for piece in made)
    # No piece holds more than one event's or one source's text: the largest is far below the document.
    assert max(map(len, made)) < len("".join(made)) / 100


@pytest.mark.parametrize("count", [0, 1, 2])
def test_joined_the_pieces_are_the_whole_document_byte_for_byte(count: int) -> None:
    timelines = [many_events(f"many-{n}") for n in range(count)]
    assert "".join(pieces(timelines)) == whole(timelines)


def test_the_shipped_timelines_in_pieces_are_the_whole_document() -> None:
    shipped = [load_timeline(path) for path in timeline_files(TIMELINES)]
    assert "".join(pieces(shipped)) == whole(shipped)
