"""Events across timelines that mention a text: what `armsdeal search` finds (its view is render/search.py).

A match is what `show --contains` matches (chronology.searchable_text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from armsdeal.core.chronology import Entry, EventFilter, merge
from armsdeal.core.model import Timeline

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
    wanted = text.casefold()
    event, timeline = entry.event, entry.timeline
    actor_ids = (*event.actors, *event.claimed_by, *event.disputed_by)
    fields = {
        "title": [event.title],
        "note": [event.note or ""],
        "actors": [*actor_ids, *(timeline.actor_name(a) for a in actor_ids)],
        "tags": list(event.tags),
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
