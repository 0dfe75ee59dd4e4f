"""Events of one or more timelines in reading order, filtered the way `show` asks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from armsdeal.core.model import Event, Timeline
from armsdeal.core.vocabulary import EventType


@dataclass(frozen=True, slots=True)
class Entry:
    """An event with the timeline it belongs to."""

    timeline: Timeline
    event: Event


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to keep. Empty criteria keep everything.

    Dates keep events that overlap the range; actors match an id or a name;
    text matches title, note, actors and tags, ignoring case.
    """

    start: date | None = None
    end: date | None = None
    types: frozenset[EventType] = field(default_factory=frozenset)
    actors: frozenset[str] = field(default_factory=frozenset)
    tags: frozenset[str] = field(default_factory=frozenset)
    contains: str | None = None

    def matches(self, timeline: Timeline, event: Event) -> bool:
        if self.start is not None and event.date.latest < self.start:
            return False
        if self.end is not None and event.date.earliest > self.end:
            return False
        if self.types and event.type not in self.types:
            return False
        if self.tags and not self.tags.intersection(event.tags):
            return False
        if self.actors and not self._has_actor(timeline, event):
            return False
        return self.contains is None or self.contains.casefold() in searchable_text(timeline, event)

    def _has_actor(self, timeline: Timeline, event: Event) -> bool:
        wanted = {actor.casefold() for actor in self.actors}
        for actor_id in (*event.actors, *event.claimed_by, *event.disputed_by):
            if actor_id in wanted or timeline.actor_name(actor_id).casefold() in wanted:
                return True
        return False


def searchable_text(timeline: Timeline, event: Event) -> str:
    """What a text search looks in: title, note, actor ids and names, tags."""
    actor_ids = (*event.actors, *event.claimed_by, *event.disputed_by)
    parts = [event.title, event.note or "", *actor_ids, *(timeline.actor_name(a) for a in actor_ids), *event.tags]
    return "\n".join(parts).casefold()


def merge(timelines: Sequence[Timeline], event_filter: EventFilter | None = None) -> list[Entry]:
    """All events of the timelines in one chronology.

    Sorted by earliest day, then precision; ties keep the order of the
    timelines given and, within one, file order (sorting is stable).
    """
    keep = event_filter or EventFilter()
    entries = [
        Entry(timeline, event) for timeline in timelines for event in timeline.events if keep.matches(timeline, event)
    ]
    return sorted(entries, key=lambda entry: entry.event.date.sort_key())


def number_sources(entries: Iterable[Entry]) -> dict[tuple[str, str], int]:
    """Number sources 1, 2, ... in the order the chronology first cites them.

    Ids with no source behind them get no number: a view or an export must not
    point to a source it cannot list (validation reports such ids anyway).
    """
    numbers: dict[tuple[str, str], int] = {}
    for entry in entries:
        for source_id in entry.event.sources:
            if source_id in entry.timeline.sources:
                numbers.setdefault((entry.timeline.id, source_id), len(numbers) + 1)
    return numbers
