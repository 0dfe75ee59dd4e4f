"""What each file's check keeps for the rules across a collection (check/rules/collection.py).

Extracted while the file is loaded, from its data and node tree, in the
process that checks it: its sources' URLs, publishers, titles and dates, its
events' ids, dates, statuses and types, with where each is written. Small and
plain, so that it travels back from a worker process; nothing is parsed twice.

A collection keeps every file's facts until the last file is checked, so they
are kept packed (``TimelineFacts``): two compressed byte strings a file, about
4 kB for 100 events and 50 sources, where the same facts as objects took 53 kB
(1,000 files: 4 MiB instead of 53 MiB in the checking process, and one object
to pickle per file instead of about 800). A rule unpacks a file's facts when it
reads them, and keeps them no longer than it needs them.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from array import array
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from armsdeal.read.located import Document, UnlocatedDocument
from armsdeal.read.places import UNLOCATED, Place, Places, value_place

if TYPE_CHECKING:
    from armsdeal.core.model import Timeline

Location = Place


class SourceFact(NamedTuple):
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
        return Place(self.line, self.column)


# Where an event's fields are written, as (line, column) pairs in EventFact.marks; 0 when not written.
_MARKS = ("id", "date", "status", "type", "same_as")


class EventFact(NamedTuple):
    event_id: str
    date: str | None
    status: str
    type: str | None
    noted: bool
    same_as: str | None
    # Line and column of each of _MARKS, flat: (id line, id column, date line, date column, ...).
    marks: Sequence[int]

    @property
    def at(self) -> Location:
        return Place(self.marks[0], self.marks[1])

    def place(self, key: str) -> Location:
        """Where ``key`` is written, or the event's id when it is not."""
        index = 2 * _MARKS.index(key)
        line = self.marks[index]
        return Place(line, self.marks[index + 1]) if line else self.at


class TimelineFacts:
    """What the collection rules need of one file, packed: small to keep and to send from a worker process.

    Made from facts (``TimelineFacts(sources, events)``), kept by column
    (ids, dates, ... and the places as one array of numbers) in two
    compressed byte strings. ``source_table()`` and ``event_table()`` unpack
    them (a rule matches ids or URLs first, and makes a whole fact only of
    what it compares); ``sources`` and ``events`` make every fact. ``links``
    says whether an event has a ``same_as``.
    """

    __slots__ = ("_events", "_sources", "links")

    def __init__(self, sources: Iterable[SourceFact] = (), events: Iterable[EventFact] = ()) -> None:
        self._sources = _pack_sources(tuple(sources))
        events = tuple(events)
        self._events = _pack_events(events)
        self.links = any(event.same_as is not None for event in events)

    @classmethod
    def packed(cls, sources: bytes, events: bytes, links: bool) -> TimelineFacts:
        """Facts from what ``packing`` gave (the collection index keeps a file's facts so)."""
        facts = cls.__new__(cls)  # not packing no facts first: 10,000 files beside a checked one
        facts._sources, facts._events, facts.links = sources, events, links
        return facts

    @property
    def packing(self) -> tuple[bytes, bytes, bool]:
        """The packed columns and ``links``: what ``packed`` makes the same facts of again."""
        return self._sources, self._events, self.links

    def source_table(self) -> SourceTable:
        return SourceTable(*_unpack(self._sources, 2)) if self._sources else SourceTable((), (), (), (), (), array("I"))

    def event_table(self) -> EventTable:
        events = self._events
        return EventTable(*_unpack(events, _MARKED)) if events else EventTable((), (), (), (), b"", (), array("I"))

    @property
    def sources(self) -> tuple[SourceFact, ...]:
        table = self.source_table()
        return tuple(table.fact(index) for index in range(len(table.urls)))

    @property
    def events(self) -> tuple[EventFact, ...]:
        table = self.event_table()
        return tuple(table.fact(index) for index in range(len(table.ids)))

    @property
    def packed_size(self) -> int:
        """Bytes kept for this file's facts (what a collection holds per file until its rules run)."""
        return len(self._sources) + len(self._events)

    # By what they hold: packing the same facts twice may give other bytes (marshal writes an object
    # that is referred to twice once, and which are depends on the objects passed in).
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TimelineFacts):
            return NotImplemented
        return (self.source_table(), self.event_table()) == (other.source_table(), other.event_table())

    def __hash__(self) -> int:
        return hash((self.source_table()[:-1], self.event_table()[:-1]))

    def __repr__(self) -> str:
        return f"TimelineFacts(sources={self.sources!r}, events={self.events!r})"


class SourceTable(NamedTuple):
    """One file's sources by column; ``fact(i)`` is the i-th source."""

    source_ids: tuple[str, ...]
    urls: tuple[str, ...]
    publishers: tuple[str | None, ...]
    titles: tuple[str | None, ...]
    dates: tuple[str | None, ...]
    places: array[int]  # line and column of each url

    def fact(self, index: int) -> SourceFact:
        line, column = self.places[2 * index], self.places[2 * index + 1]
        return SourceFact(
            self.source_ids[index],
            self.urls[index],
            self.publishers[index],
            self.titles[index],
            self.dates[index],
            line,
            column,
        )


_MARKED = 2 * len(_MARKS)


class EventTable(NamedTuple):
    """One file's events by column; ``fact(i)`` is the i-th event."""

    ids: tuple[str, ...]
    dates: tuple[str | None, ...]
    statuses: tuple[str, ...]
    types: tuple[str | None, ...]
    noted: bytes  # 1 for an event with a note
    same_as: tuple[str | None, ...]
    marks: array[int]  # each event's EventFact.marks, one after the other

    def fact(self, index: int) -> EventFact:
        start = _MARKED * index
        return EventFact(
            self.ids[index],
            self.dates[index],
            self.statuses[index],
            self.types[index],
            bool(self.noted[index]),
            self.same_as[index],
            self.marks[start : start + _MARKED],
        )


# marshal: plain tuples of str and None, and bytes, read back by the same interpreter (this process or
# a worker it started); text as plain str, since marshal packs no subclass. zlib level 1: ids, keys,
# publishers and URLs repeat.


def _pack_sources(sources: tuple[SourceFact, ...]) -> bytes:
    if not sources:
        return b""
    places = array("I")
    for source in sources:
        places.extend((source.line, source.column))
    columns = (
        tuple(str(source.source_id) for source in sources),
        tuple(str(source.url) for source in sources),
        tuple(_plain(source.publisher) for source in sources),
        tuple(_plain(source.title) for source in sources),
        tuple(_plain(source.date) for source in sources),
    )
    return _pack(columns, places.tobytes())


def _pack_events(events: tuple[EventFact, ...]) -> bytes:
    if not events:
        return b""
    marks = array("I")
    for event in events:
        marks.extend(event.marks)
    columns = (
        tuple(str(event.event_id) for event in events),
        tuple(_plain(event.date) for event in events),
        tuple(str(event.status) for event in events),
        tuple(_plain(event.type) for event in events),
        bytes(event.noted for event in events),
        tuple(_plain(event.same_as) for event in events),
    )
    return _pack(columns, marks.tobytes())


def _pack(columns: tuple[Any, ...], places: bytes) -> bytes:
    """The columns and the places (an ``array("I")``'s bytes), packed."""
    return zlib.compress(marshal.dumps((*columns, places)), 1)


def _plain(text: str | None) -> str | None:
    return None if text is None else str(text)


def _unpack(packed: bytes, per_item: int) -> list[Any]:
    """The columns of a packed table, its last (the places, ``per_item`` numbers an item) as numbers again.

    No bytes of places (a file without places, ``_facts_of_timeline``) is every place ``UNLOCATED``.
    """
    *columns, places = marshal.loads(zlib.decompress(packed))
    numbers = array("I")
    numbers.frombytes(places or bytes(numbers.itemsize * per_item * len(columns[0])))
    return [*columns, numbers]


def facts_of(document: Document, timeline: Timeline | None = None) -> TimelineFacts | None:
    """The facts of a parsed file, from its data and node tree (no second parse); None if it is no mapping.

    A clean file of the fast path may have given up its data to its model (check/validate.py): its
    ``timeline`` then gives the same facts (``_facts_of_timeline``).
    """
    data = document.data
    if isinstance(document, UnlocatedDocument) and timeline is not None:
        return _facts_of_timeline(timeline)
    if isinstance(document, UnlocatedDocument) and isinstance(data, dict):
        # A clean file of the fast path: the same facts, every place ``UNLOCATED`` (check/runner.py reads
        # the file again if a problem needs one).
        sources = _source_facts(data.get("sources"), None, located=False)
        return TimelineFacts(sources, _event_facts(data, {}, located=False))
    places = document.places
    if places is not None:
        # Every place recorded by the streamed build: the node tree's (tests/read/test_places.py).
        if not isinstance(data, dict):
            return None
        return TimelineFacts(_placed_source_facts(data.get("sources"), places), _placed_event_facts(data, places))
    root = document.root
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return None
    nodes = _entries(root)
    return TimelineFacts(_source_facts(data.get("sources"), nodes.get("sources")), _event_facts(data, nodes))


def _facts_of_timeline(timeline: Timeline) -> TimelineFacts:
    """What ``facts_of`` makes of a clean file's data without places, from its model, packed column by column.

    The model holds the values as written (a date's text included; a date written as a number is
    its digits, as ``_text`` makes of it), so each column is the same as from the data; see
    tests/check/test_collection_facts.py. Column by column, without a fact object per event: for 10,000
    events, a fraction of the memory the facts took while they were packed.
    """
    facts = TimelineFacts()
    sources = timeline.sources
    if sources:
        facts._sources = _pack(
            (
                tuple(sources),
                tuple(source.url.strip() for source in sources.values()),
                tuple(sys.intern(source.publisher.strip()) for source in sources.values()),
                tuple(source.title.strip() for source in sources.values()),
                tuple(None if source.date is None else source.date.text for source in sources.values()),
            ),
            b"",  # every place ``UNLOCATED``: made when unpacked
        )
    events = timeline.events
    if events:
        same_as = tuple(event.same_as for event in events)
        facts._events = _pack(
            (
                tuple(event.id for event in events),
                tuple(event.date.text for event in events),
                tuple(sys.intern(event.status.value) for event in events),
                tuple(sys.intern(event.type.value) for event in events),
                bytes(bool(event.note and event.note.strip()) for event in events),
                same_as,
            ),
            b"",
        )
        facts.links = any(link is not None for link in same_as)
    return facts


def facts_of_data(data: dict[Any, Any]) -> TimelineFacts:
    """``facts_of`` of a file's data without places (every place ``UNLOCATED``), packed column by column.

    For the files beside the checked ones (check/rules/collection.py), whatever their data holds: the
    same facts as ``_source_facts`` and ``_event_facts`` without places make (tests/check/test_collection_facts.py),
    without a fact object per source and event.
    """
    facts = TimelineFacts()
    sources = data.get("sources")
    if isinstance(sources, dict):
        facts._sources = _packed_sources(sources)
    events = data.get("events")
    if isinstance(events, list):
        found = [event for event in events if isinstance(event, dict) and isinstance(event.get("id"), str)]
        if found:
            same_as = tuple(link if isinstance(link := event.get("same_as"), str) else None for event in found)
            facts._events = _packed_events(found, same_as)
            facts.links = any(link is not None for link in same_as)
    return facts


def _packed_sources(sources: dict[Any, Any]) -> bytes:
    """The sources' columns of ``facts_of_data`` (those with a url), packed; b"" for none."""
    kept = [
        (str(source_id), source)
        for source_id, source in sources.items()
        if isinstance(source, dict) and isinstance(source.get("url"), str)
    ]
    if not kept:
        return b""
    columns = (
        tuple(source_id for source_id, _ in kept),
        tuple(source["url"].strip() for _, source in kept),
        tuple(_interned(source.get("publisher")) for _, source in kept),
        tuple(_text(source.get("title")) for _, source in kept),
        tuple(_text(source.get("date")) for _, source in kept),
    )
    return _pack(columns, b"")


def _packed_events(found: list[dict[Any, Any]], same_as: tuple[str | None, ...]) -> bytes:
    """The events' columns of ``facts_of_data`` (those with a text id), packed."""
    confirmed = sys.intern("confirmed")
    columns = (
        tuple(str(event["id"]) for event in found),
        tuple(_text(event.get("date")) for event in found),
        tuple(_interned(event.get("status")) or confirmed for event in found),
        tuple(_interned(event.get("type")) for event in found),
        bytes(bool(_text(event.get("note"))) for event in found),
        tuple(None if link is None else str(link) for link in same_as),
    )
    return _pack(columns, b"")


def _entries(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _at(node: yaml.Node) -> Location:
    return Place(node.start_mark.line + 1, node.start_mark.column + 1)


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    return str(value).strip() if isinstance(value, (str, int, float)) else None


def _interned(value: Any) -> str | None:
    # Statuses, types and publishers repeat: one string per process, which marshal packs once per file.
    text = _text(value)
    return sys.intern(text) if text is not None else None


def _source_facts(
    sources: Any, pair: tuple[yaml.Node, yaml.Node] | None, *, located: bool = True
) -> tuple[SourceFact, ...]:
    """The sources' facts; with ``located`` False (a file without places) every place is ``UNLOCATED``."""
    if not isinstance(sources, dict) or (located and pair is None):
        return ()
    nodes = _entries(pair[1]) if pair is not None else {}
    found = []
    for source_id, source in sources.items():
        if not isinstance(source, dict) or not isinstance(source.get("url"), str):
            continue
        line, column = UNLOCATED
        if located:
            if str(source_id) not in nodes:
                continue
            fields = _entries(nodes[str(source_id)][1])
            url_node = fields.get("url")
            line, column = _at(url_node[1]) if url_node is not None else _at(nodes[str(source_id)][0])
        found.append(_source_fact(str(source_id), source, line, column))
    return tuple(found)


def _event_facts(
    data: dict[Any, Any], nodes: dict[str, tuple[yaml.Node, yaml.Node]], *, located: bool = True
) -> tuple[EventFact, ...]:
    """The events' facts; with ``located`` False (a file without places) every place is ``UNLOCATED``."""
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
                marks.extend(_at(written[1]) if written is not None else UNLOCATED)
            if not marks[0]:
                marks[0], marks[1] = _at(node)
        found.append(_event_fact(event, marks, confirmed))
    return tuple(found)


_NOWHERE = UNLOCATED * len(_MARKS)  # every mark UNLOCATED


def _source_fact(source_id: str, source: dict[Any, Any], line: int, column: int) -> SourceFact:
    """A source's facts, placed at its URL (from the node tree or the recorded places alike)."""
    return SourceFact(
        source_id,
        source["url"].strip(),
        _interned(source.get("publisher")),
        _text(source.get("title")),
        _text(source.get("date")),
        line,
        column,
    )


def _event_fact(event: dict[Any, Any], marks: array[int], confirmed: str) -> EventFact:
    """An event's facts with its places (``marks``, from the node tree or the recorded places alike)."""
    same_as = event.get("same_as")
    return EventFact(
        event["id"],
        _text(event.get("date")),
        _interned(event.get("status")) or confirmed,
        _interned(event.get("type")),
        bool(_text(event.get("note"))),
        same_as if isinstance(same_as, str) else None,
        marks,
    )


def _placed_source_facts(sources: Any, places: Places) -> tuple[SourceFact, ...]:
    """``_source_facts`` from a file's recorded places (``Document.places``) instead of its node tree.

    A path holds each key as written, so ``str(source_id)`` finds what the tree's ``_entries`` finds
    (the streamed build leaves a file with two keys written alike to the tree).
    """
    if not isinstance(sources, dict) or ("sources",) not in places:
        return ()
    found = []
    for source_id, source in sources.items():
        if not isinstance(source, dict) or not isinstance(source.get("url"), str):
            continue
        written = str(source_id)
        url = places.get(("sources", written, "url"))
        if url is None:
            continue  # its key is not written as its id (`0x1:`): not in the tree's _entries either
        line, column = value_place(url)
        found.append(_source_fact(written, source, line, column))
    return tuple(found)


def _placed_event_facts(data: dict[Any, Any], places: Places) -> tuple[EventFact, ...]:
    """``_event_facts`` from a file's recorded places instead of its node tree."""
    events = data.get("events")
    if not isinstance(events, list) or ("events",) not in places:
        return ()
    found = []
    confirmed = sys.intern("confirmed")
    get = places.get
    for index, event in enumerate(events):
        if not isinstance(event, dict) or not isinstance(event.get("id"), str):
            continue
        marks = array("I")
        for key in _MARKS:
            written = get(("events", index, key))
            marks.extend(value_place(written) if written is not None else UNLOCATED)
        if not marks[0]:
            marks[0], marks[1] = value_place(places[("events", index)])
        found.append(_event_fact(event, marks, confirmed))
    return tuple(found)
