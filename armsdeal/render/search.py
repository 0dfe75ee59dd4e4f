"""Events across timelines that mention a text (`armsdeal search`), and their view.

A match is what `show --contains` matches (chronology.searchable_text): the
text, ignoring case, inside an event's title, note, actors (ids and names,
claimants and disputers included) or tags. Returns values and renderables; the
CLI prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from armsdeal.core.dates import format_date
from armsdeal.core.search import Hit, snippet
from armsdeal.render.safe_text import clean
from armsdeal.render.styled import styled as _text
from armsdeal.render.theme import EVENT_TYPE_STYLES

MATCH_STYLE = "bold reverse"


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
