"""What each file's check keeps for the rules across a collection (check/rules/collection.py).

Extracted while the file is loaded, from its data and node tree, in the
process that checks it: its sources' URLs, publishers, titles and dates, its
events' ids, dates, statuses and types, with where each is written. Small and
plain, so that it travels back from a worker process; nothing is parsed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from armsdeal.core.loader import Document

Location = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SourceFact:
    source_id: str
    url: str
    publisher: str | None
    title: str | None
    date: str | None
    at: Location


@dataclass(frozen=True, slots=True)
class EventFact:
    event_id: str
    date: str | None
    status: str
    type: str | None
    noted: bool
    same_as: str | None
    at: Location
    places: tuple[tuple[str, Location], ...]  # where date, status, type and same_as are written

    def place(self, key: str) -> Location:
        return next((at for name, at in self.places if name == key), self.at)


@dataclass(frozen=True, slots=True)
class TimelineFacts:
    """What the collection rules need of one file, small enough to send from a worker process."""

    sources: tuple[SourceFact, ...] = ()
    events: tuple[EventFact, ...] = ()


def facts_of(document: Document) -> TimelineFacts | None:
    """The facts of a parsed file, from its data and node tree (no second parse); None if it is no mapping."""
    data, root = document.data, document.root
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


def _source_facts(sources: Any, pair: tuple[yaml.Node, yaml.Node] | None) -> tuple[SourceFact, ...]:
    if not isinstance(sources, dict) or pair is None:
        return ()
    nodes = _entries(pair[1])
    found = []
    for source_id, source in sources.items():
        if not isinstance(source, dict) or not isinstance(source.get("url"), str) or str(source_id) not in nodes:
            continue
        fields = _entries(nodes[str(source_id)][1])
        url_node = fields.get("url")
        at = _at(url_node[1]) if url_node is not None else _at(nodes[str(source_id)][0])
        found.append(
            SourceFact(
                str(source_id),
                source["url"].strip(),
                _text(source.get("publisher")),
                _text(source.get("title")),
                _text(source.get("date")),
                at,
            )
        )
    return tuple(found)


_EVENT_PLACES = ("date", "status", "type", "same_as")


def _event_facts(data: dict[Any, Any], nodes: dict[str, tuple[yaml.Node, yaml.Node]]) -> tuple[EventFact, ...]:
    events, pair = data.get("events"), nodes.get("events")
    if not isinstance(events, list) or pair is None or not isinstance(pair[1], yaml.SequenceNode):
        return ()
    found = []
    for event, node in zip(events, pair[1].value, strict=False):
        if not isinstance(event, dict) or not isinstance(event.get("id"), str):
            continue
        fields = _entries(node)
        id_node = fields.get("id")
        same_as = event.get("same_as")
        found.append(
            EventFact(
                event["id"],
                _text(event.get("date")),
                _text(event.get("status")) or "confirmed",
                _text(event.get("type")),
                bool(_text(event.get("note"))),
                same_as if isinstance(same_as, str) else None,
                _at(id_node[1]) if id_node is not None else _at(node),
                tuple((key, _at(fields[key][1])) for key in _EVENT_PLACES if key in fields),
            )
        )
    return tuple(found)
