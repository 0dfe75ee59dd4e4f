"""Events across timelines that mention a text: what `armsdeal search` finds (its view is render/search.py).

A match is what `show --contains` matches (chronology.searchable_text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from armsdeal.core.chronology import Entry, EventFilter, merge
from armsdeal.core.dates import format_date
from armsdeal.core.model import Event, Timeline

SNIPPET_CONTEXT = 50


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching event, with its timeline, and the fields the text was found in."""

    entry: Entry
    fields: tuple[str, ...]


def matching_events(timelines: Sequence[Timeline], text: str) -> list[Hit]:
    """Every event of the timelines that mentions the text, in one chronology."""
    entries = merge(timelines, EventFilter(contains=text))
    return [Hit(entry, matched_fields(entry, text)) for entry in entries]


def matched_fields(entry: Entry, text: str) -> tuple[str, ...]:
    """Which of title, note, actors, tags hold the text (ignoring case)."""
    return _fields(_row(entry.timeline, entry.event), text.casefold())


class EventRow(NamedTuple):
    """What a hit on one event shows and is sorted by, without its timeline (the index keeps these: index/hits.py)."""

    order: tuple[int, int, int]  # the date's sort_key, its days as ordinals
    date: str  # format_date
    timeline: str
    type: str
    title: str
    event: str
    note: str
    actor_ids: tuple[str, ...]  # actors, claimants, disputers
    actor_names: tuple[str, ...]  # the name of each (timeline.actor_name)
    tags: tuple[str, ...]


class Found(NamedTuple):
    """A matching event as its row, and the fields the text was found in (what Hit gives the view)."""

    row: EventRow
    fields: tuple[str, ...]


def event_rows(timeline: Timeline) -> tuple[EventRow, ...]:
    """A row for each event of the timeline, in file order (the order merge keeps among equal dates)."""
    return tuple(_row(timeline, event) for event in timeline.events)


def _row(timeline: Timeline, event: Event) -> EventRow:
    earliest, latest, precision = event.date.sort_key()
    actor_ids = (*event.actors, *event.claimed_by, *event.disputed_by)
    return EventRow(
        (earliest.toordinal(), latest.toordinal(), int(precision)),
        format_date(event.date),
        timeline.id,
        str(event.type),
        event.title,
        event.id,
        event.note or "",
        actor_ids,
        tuple(timeline.actor_name(actor) for actor in actor_ids),
        tuple(event.tags),
    )


def found_of(hit: Hit) -> Found:
    return Found(_row(hit.entry.timeline, hit.entry.event), hit.fields)


def matching_rows(rows: Iterable[Sequence[EventRow]], text: str) -> list[Found]:
    """What matching_events finds, from each timeline's rows (given in the timelines' order), in its order.

    The same test (the casefolded text in chronology.searchable_text, rebuilt from the row) and
    fields (matched_fields), sorted as merge sorts: by the date's sort_key, stable.
    """
    wanted = text.casefold()
    found = [
        Found(row, _fields(row, wanted))
        for timeline in rows
        for row in timeline
        if wanted in "\n".join((row.title, row.note, *row.actor_ids, *row.actor_names, *row.tags)).casefold()
    ]
    found.sort(key=_order)
    return found


def _order(found: Found) -> tuple[int, int, int]:
    return found.row.order


def _fields(row: EventRow, wanted: str) -> tuple[str, ...]:
    fields = {
        "title": (row.title,),
        "note": (row.note,),
        "actors": (*row.actor_ids, *row.actor_names),
        "tags": row.tags,
    }
    return tuple(name for name, values in fields.items() if any(wanted in v.casefold() for v in values))


def snippet(note: str, text: str) -> str:
    """The part of a note around the first match, with '…' where it is cut."""
    flat = " ".join(note.split())
    found = re.search(re.escape(text), flat, re.IGNORECASE)
    if found is None:  # casefold matched what lower() does not (ß and ss): show the start
        start, end = 0, 2 * SNIPPET_CONTEXT
    else:
        start, end = max(0, found.start() - SNIPPET_CONTEXT), found.end() + SNIPPET_CONTEXT
    # Cut between words, never inside the match.
    if start > 0:
        space = flat.find(" ", start, found.start() if found else end)
        start = space + 1 if space != -1 else start
    if end < len(flat):
        space = flat.rfind(" ", found.end() if found else start, end)
        end = space if space != -1 else end
    cut = flat[start:end]
    return ("…" if start > 0 else "") + cut + ("…" if end < len(flat) else "")
