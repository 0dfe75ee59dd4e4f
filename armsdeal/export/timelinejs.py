"""The JSON that Knight Lab's TimelineJS (v3) loads: a title slide and one slide per event.

TimelineJS puts headline and text into the page as HTML, so every string
from a timeline is HTML-escaped here and the only tags are the ones this
module writes (<p>, <em>, <strong>, <ol>, <li> and <a> to the http(s) source
URLs). Dates carry only the parts their precision allows, so a month-only
date is not shown as the first of the month; approximate, uncertain and
open-ended dates, sets, seasons and unspecified digits also get a display_date
in armsdeal's wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from armsdeal.core.chronology import Entry, merge
from armsdeal.core.dates import DatePoint, Precision, format_date
from armsdeal.core.model import Source, Timeline
from armsdeal.core.phases import deal_status
from armsdeal.export import ExportOptions
from armsdeal.render import describe
from armsdeal.render.escape import html_link, html_paragraphs, html_text
from armsdeal.render.safe_text import to_json

SEVERAL_TITLE = "Arms-deal timelines"


def export_timelinejs(timelines: Sequence[Timeline], options: ExportOptions) -> str:
    several = len(timelines) > 1
    document = {
        "title": title_slide(timelines),
        "events": [event_slide(entry, several=several) for entry in merge(timelines)],
    }
    return to_json(document)


def title_slide(timelines: Sequence[Timeline]) -> dict[str, Any]:
    if len(timelines) == 1:
        timeline = timelines[0]
        text = _deal_facts(timeline) + (html_paragraphs(timeline.summary) if timeline.summary else "")
        return {"text": {"headline": html_text(timeline.title), "text": text}}
    items = "".join(f"<li>{html_text(timeline.title)}</li>" for timeline in timelines)
    return {"text": {"headline": SEVERAL_TITLE, "text": f"<ul>{items}</ul>"}}


def _deal_facts(timeline: Timeline) -> str:
    deal = timeline.deal
    facts = [describe.parties(timeline), deal.system if deal else None]
    if (status := deal_status(timeline)) is not None:
        facts.append(str(status))
    shown = [html_text(fact) for fact in facts if fact]
    return f"<p><em>{' · '.join(shown)}</em></p>" if shown else ""


def event_slide(entry: Entry, *, several: bool) -> dict[str, Any]:
    timeline, event = entry.timeline, entry.event
    date = event.date
    # TimelineJS needs a start; an open or unknown start ("../2017", "/2017") is placed at its known end.
    start = date.start or date.end
    assert start is not None  # the parser never builds "../.."
    slide: dict[str, Any] = {"start_date": date_parts(start)}
    if date.start is not None and date.end is not None and (date.start is not date.end or start.is_vague):
        # An interval, one of a set (drawn from its first possible date to its last),
        # or a season or decade (drawn as its span).
        slide["end_date"] = date_parts(date.end, end=True)
    if date.approximate or date.vague or date.start is None or date.end is None:
        slide["display_date"] = format_date(date)
    slide["text"] = {"headline": html_text(event.title), "text": event_text(entry)}
    if several:
        slide["group"] = html_text(timeline.title)
    slide["unique_id"] = f"{timeline.id}--{event.id}"
    return slide


def date_parts(point: DatePoint, *, end: bool = False) -> dict[str, int]:
    """Only the parts the date's precision allows: {"year"}, {"year", "month"} or all three.

    A season is its first (or, as an ``end``, last) month; a decade or century its
    first (last) year.
    """
    if point.is_vague:
        day = point.latest if end else point.earliest
        if point.precision is Precision.SEASON:
            return {"year": day.year, "month": day.month}
        if point.precision is Precision.MONTH:
            return {"year": day.year, "month": day.month}
        return {"year": day.year}
    parts = {"year": point.year}
    if point.month is not None:
        parts["month"] = point.month
    if point.day is not None:
        parts["day"] = point.day
    return parts


def event_text(entry: Entry) -> str:
    """Type and place, status, context, actors, note, then the sources as links."""
    timeline, event = entry.timeline, entry.event
    kind = html_text(str(event.type)) + (f" · {html_text(event.location)}" if event.location else "")
    parts = [f"<p><em>{kind}</em></p>"]
    marker = describe.claim_marker(timeline, event)
    if marker:
        parts.append(f"<p><strong>{html_text(marker)}</strong></p>")
    context = describe.context_note(event)
    if context:
        parts.append(f"<p><em>{html_text(context)}</em></p>")
    if event.actors:
        parts.append(f"<p>Actors: {html_text(', '.join(timeline.actor_name(a) for a in event.actors))}</p>")
    if event.quantity:
        parts.append(f"<p>Quantity: {html_text(describe.quantity(event.quantity))}</p>")
    if event.note:
        parts.append(html_paragraphs(event.note))
    links = [
        f"<li>{html_link(source.title, source.url)} ({html_text(_cited_as(source))})</li>"
        for source in (timeline.sources.get(source_id) for source_id in event.sources)
        if source is not None
    ]
    if links:
        parts.append(f"<p>Sources:</p><ol>{''.join(links)}</ol>")
    return "".join(parts)


def _cited_as(source: Source) -> str:
    return source.publisher + (f", {format_date(source.date)}" if source.date is not None else "")
