"""Events across timelines that mention a text (`armsdeal search`), and their view.

A match is what `show --contains` matches (chronology.searchable_text): the
text, ignoring case, inside an event's title, note, actors (ids and names,
claimants and disputers included) or tags. Returns values and renderables; the
CLI prints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from armsdeal.core.chronology import Entry, EventFilter, merge
from armsdeal.core.dates import format_date
from armsdeal.core.model import Timeline
from armsdeal.render.safe_text import clean
from armsdeal.render.styled import styled as _text
from armsdeal.render.theme import EVENT_TYPE_STYLES

MATCH_STYLE = "bold reverse"
SNIPPET_CONTEXT = 50


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching event, with its timeline, and the fields the text was found in."""

    entry: Entry
    fields: tuple[str, ...]


def search(timelines: Sequence[Timeline], text: str) -> list[Hit]:
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


def search_view(hits: Sequence[Hit], text: str) -> RenderableType:
    """A row per matching event: date, timeline, type, title, and where else the text was found."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="date")
    table.add_column(no_wrap=True, style="timeline.id")
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for hit in hits:
        timeline, event = hit.entry.timeline, hit.entry.event
        body = _marked(event.title, text)
        body.append_text(_text(f" ({event.id})", "dim"))
        actor_ids = (*event.actors, *event.claimed_by, *event.disputed_by)
        extras = {
            "actors": ", ".join(dict.fromkeys(timeline.actor_name(a) for a in actor_ids)),
            "tags": ", ".join(event.tags),
            "note": snippet(event.note or "", text),
        }
        for field, value in extras.items():
            if field in hit.fields and value:
                body.append(f"\n{field}: ", style="dim")
                body.append_text(_marked(value, text, "note" if field == "note" else "actors"))
        table.add_row(
            _text(format_date(event.date)),
            _text(timeline.id),
            _text(str(event.type), EVENT_TYPE_STYLES[event.type]),
            body,
        )
    return Group(table)


def _marked(value: str, text: str, style: str = "") -> Text:
    """Text with each occurrence of the searched text highlighted (ignoring case)."""
    marked = _text(value, style)
    marked.highlight_words([clean(text, keep_newlines=False)], MATCH_STYLE, case_sensitive=False)
    return marked
