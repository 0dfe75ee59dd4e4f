"""Events of one or more timelines in reading order, filtered the way `show` asks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from armsdeal.core.collection import suggest
from armsdeal.core.dates import Precision
from armsdeal.core.errors import UsageError
from armsdeal.core.model import Event, Timeline
from armsdeal.core.vocabulary import EventType


@dataclass(frozen=True, slots=True)
class Entry:
    """An event with the timeline it belongs to."""

    timeline: Timeline
    event: Event
    # Other shown deals that record the same real-world event (see one_per_event).
    also: tuple[str, ...] = ()


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

    def check_known(self, timelines: Sequence[Timeline]) -> None:
        """Raise UsageError for an --actor or --tag value that no event of these timelines has.

        A typo would otherwise look like an empty result. The message lists the
        known values and the closest one.
        """
        events = [(timeline, event) for timeline in timelines for event in timeline.events]
        for option, wanted, known in (
            ("--actor", self.actors, _known_actors(events)),
            ("--tag", self.tags, sorted({tag for _, event in events for tag in event.tags})),
        ):
            folded = {value.casefold() for value in known}
            for value in sorted(wanted):
                if value.casefold() not in folded:
                    # Bounded: enough to spot the one meant, on one line (turkey-s400 names 30 actors).
                    listed = ", ".join(known[:12]) + (f" and {len(known) - 12} more" if len(known) > 12 else "")
                    listed = listed or "none"
                    raise UsageError(f"{option} '{value}' matches nothing{suggest(value, known)}; known: {listed}")

    def _has_actor(self, timeline: Timeline, event: Event) -> bool:
        wanted = {actor.casefold() for actor in self.actors}
        for actor_id in (*event.actors, *event.claimed_by, *event.disputed_by):
            if actor_id in wanted or timeline.actor_name(actor_id).casefold() in wanted:
                return True
        return False


def parse_types(values: Iterable[str]) -> frozenset[EventType]:
    """--type values as event types; an unknown one is a UsageError naming the closest type."""
    known = [str(event_type) for event_type in EventType]
    types = set()
    for value in values:
        if value.casefold() not in known:
            raise UsageError(f"--type '{value}' is not an event type{suggest(value, known)}; known: {', '.join(known)}")
        types.add(EventType(value.casefold()))
    return frozenset(types)


def _known_actors(events: list[tuple[Timeline, Event]]) -> list[str]:
    """The actor ids that events name (as actors, claimants or disputers), sorted."""
    ids = {actor for _, event in events for actor in (*event.actors, *event.claimed_by, *event.disputed_by)}
    names = {timeline.actor_name(actor) for timeline, event in events for actor in event.actors}
    return sorted(ids) + sorted(names - ids)


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


def one_per_event(entries: Sequence[Entry]) -> list[Entry]:
    """Each real-world event once, when several deals are shown together (`show A B`, `--related`).

    The rule, applied in order:

    1. An event about another deal (``about: B``) is left out when B's own
       timeline is shown too: B's event stands.
    2. Events of different deals with the same id and the same date, or with
       the same day (a date to the day, not an interval) and the same type,
       are one event. A deal's own event stands before a context one, then
       the earlier in the chronology; the others are left out, and the one
       that stands names their deals in ``also``.
    """
    shown = {entry.timeline.id for entry in entries}
    kept = [entry for entry in entries if entry.event.about is None or entry.event.about not in shown]
    if len(shown) < 2:
        return kept
    standing: dict[tuple[str, ...], int] = {}
    also: dict[int, list[str]] = {}
    dropped: set[int] = set()
    order = sorted(range(len(kept)), key=lambda index: kept[index].event.is_context)  # stable: chronology order
    for index in order:
        entry = kept[index]
        keys = _same_event_keys(entry.event)
        twin = next(
            (standing[key] for key in keys if key in standing and kept[standing[key]].timeline.id != entry.timeline.id),
            None,
        )
        if twin is not None:
            dropped.add(index)
            if entry.timeline.id not in also.setdefault(twin, []):
                also[twin].append(entry.timeline.id)
            continue
        for key in keys:
            standing.setdefault(key, index)
    return [
        replace(entry, also=tuple(also.get(index, ()))) if index in also else entry
        for index, entry in enumerate(kept)
        if index not in dropped
    ]


def _same_event_keys(event: Event) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = [("id", event.id, event.date.text)]
    if not event.date.is_interval and event.date.precision is Precision.DAY:
        keys.append(("day", event.date.text, str(event.type)))
    return keys


def restrict(timeline: Timeline, event_filter: EventFilter) -> Timeline:
    """The timeline with only the events the filter keeps; the rest of it (deal, actors, sources) as it is."""
    kept = [event for event in timeline.events if event_filter.matches(timeline, event)]
    narrowed = timeline.model_copy(update={"events": kept})
    narrowed.__dict__.pop("chronology", None)  # cached from the original's events
    return narrowed


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
