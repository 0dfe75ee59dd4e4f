"""What each file's check keeps for the rules across a collection (check/rules/collection.py).

Extracted while the file is loaded, from its data and node tree, in the
process that checks it: its sources' URLs, publishers, titles and dates, its
events' ids, dates, statuses and types, with where each is written. Small and
plain, so that it travels back from a worker process; nothing is parsed twice.
"""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass
from typing import Any

import yaml

from armsdeal.core.loader import Document, UnlocatedDocument

Location = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SourceFact:
    source_id: str
    url: str
    publisher: str | None
    title: str | None
    date: str | None
    line: int
    column: int

    @property
    def at(self) -> Location:
        """Where the source's url is written."""
        return (self.line, self.column)


# Where an event's fields are written, as (line, column) pairs in EventFact.marks; 0 when not written.
_MARKS = ("id", "date", "status", "type", "same_as")


@dataclass(frozen=True, slots=True)
class EventFact:
    event_id: str
    date: str | None
    status: str
    type: str | None
    noted: bool
    same_as: str | None
    # Line and column of each of _MARKS, in one array: a collection keeps 100,000 of these in memory.
    marks: array[int]

    @property
    def at(self) -> Location:
        return (self.marks[0], self.marks[1])

    def place(self, key: str) -> Location:
        """Where ``key`` is written, or the event's id when it is not."""
        index = 2 * _MARKS.index(key)
        line = self.marks[index]
        return (line, self.marks[index + 1]) if line else self.at


@dataclass(frozen=True, slots=True)
class TimelineFacts:
    """What the collection rules need of one file, small enough to send from a worker process."""

    sources: tuple[SourceFact, ...] = ()
    events: tuple[EventFact, ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled by columns: a worker sends one per file, and the default (a state per object) took
        about 2.4 ms of CPU per 100-event file to send and receive, a quarter of checking it; this
        takes about 1 ms (docs/performance.md, section 13)."""
        events = self.events
        marks = array("I")
        for event in events:
            marks.extend(event.marks)
        sources = tuple((s.source_id, s.url, s.publisher, s.title, s.date, s.line, s.column) for s in self.sources)
        columns = (
            [event.event_id for event in events],
            [event.date for event in events],
            [event.status for event in events],
            [event.type for event in events],
            [event.noted for event in events],
            [event.same_as for event in events],
        )
        return (_facts_from_columns, (sources, *columns, marks))


def _facts_from_columns(
    sources: tuple[tuple[Any, ...], ...],
    ids: list[str],
    dates: list[str | None],
    statuses: list[str],
    types: list[str | None],
    noted: list[bool],
    same_as: list[str | None],
    marks: array[int],
) -> TimelineFacts:
    width = 2 * len(_MARKS)
    events = tuple(
        EventFact(ids[i], dates[i], statuses[i], types[i], noted[i], same_as[i], marks[width * i : width * (i + 1)])
        for i in range(len(ids))
    )
    return TimelineFacts(tuple(SourceFact(*fields) for fields in sources), events)


def facts_of(document: Document) -> TimelineFacts | None:
    """The facts of a parsed file, from its data and node tree (no second parse); None if it is no mapping."""
    data = document.data
    if isinstance(document, UnlocatedDocument) and isinstance(data, dict):
        # A clean file of the fast path: the same facts, every place (0, 0) (check/runner.py reads
        # the file again if a problem needs one).
        sources = _source_facts(data.get("sources"), None, located=False)
        return TimelineFacts(sources, _event_facts(data, {}, located=False))
    root = document.root
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return None
    nodes = _entries(root)
    return TimelineFacts(_source_facts(data.get("sources"), nodes.get("sources")), _event_facts(data, nodes))


def _entries(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _at(node: yaml.Node) -> Location:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    return str(value).strip() if isinstance(value, (str, int, float)) else None


def _interned(value: Any) -> str | None:
    # Statuses, types and publishers repeat: one string per process instead of one per event.
    text = _text(value)
    return sys.intern(text) if text is not None else None


def _source_facts(
    sources: Any, pair: tuple[yaml.Node, yaml.Node] | None, *, located: bool = True
) -> tuple[SourceFact, ...]:
    """The sources' facts; with ``located`` False (a file without places) every place is (0, 0)."""
    if not isinstance(sources, dict) or (located and pair is None):
        return ()
    nodes = _entries(pair[1]) if pair is not None else {}
    found = []
    for source_id, source in sources.items():
        if not isinstance(source, dict) or not isinstance(source.get("url"), str):
            continue
        line, column = 0, 0
        if located:
            if str(source_id) not in nodes:
                continue
            fields = _entries(nodes[str(source_id)][1])
            url_node = fields.get("url")
            line, column = _at(url_node[1]) if url_node is not None else _at(nodes[str(source_id)][0])
        found.append(
            SourceFact(
                str(source_id),
                source["url"].strip(),
                _interned(source.get("publisher")),
                _text(source.get("title")),
                _text(source.get("date")),
                line,
                column,
            )
        )
    return tuple(found)


def _event_facts(
    data: dict[Any, Any], nodes: dict[str, tuple[yaml.Node, yaml.Node]], *, located: bool = True
) -> tuple[EventFact, ...]:
    """The events' facts; with ``located`` False (a file without places) every place is (0, 0)."""
    events, pair = data.get("events"), nodes.get("events")
    if not isinstance(events, list):
        return ()
    if located:
        if pair is None or not isinstance(pair[1], yaml.SequenceNode):
            return ()
        event_nodes: list[yaml.Node | None] = list(pair[1].value)
    else:
        event_nodes = [None] * len(events)
    found = []
    confirmed = sys.intern("confirmed")
    for event, node in zip(events, event_nodes, strict=False):
        if not isinstance(event, dict) or not isinstance(event.get("id"), str):
            continue
        marks = array("I")
        if node is None:
            marks.extend(_NOWHERE)
        else:
            fields = _entries(node)
            for key in _MARKS:
                written = fields.get(key)
                marks.extend(_at(written[1]) if written is not None else (0, 0))
            if not marks[0]:
                marks[0], marks[1] = _at(node)
        same_as = event.get("same_as")
        found.append(
            EventFact(
                event["id"],
                _text(event.get("date")),
                _interned(event.get("status")) or confirmed,
                _interned(event.get("type")),
                bool(_text(event.get("note"))),
                same_as if isinstance(same_as, str) else None,
                marks,
            )
        )
    return tuple(found)


_NOWHERE = (0,) * (2 * len(_MARKS))
