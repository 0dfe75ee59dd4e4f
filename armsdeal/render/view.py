"""Rich renderables for `show` and `list`. Returns renderables; never prints.

Every string from a timeline goes through ``_text`` (a rich Text, cleaned), so
nothing a curator writes is read as Rich markup or reaches the terminal as a
control sequence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby, pairwise

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from armsdeal.core.chronology import Entry, number_sources
from armsdeal.core.dates import describe_gap, format_date
from armsdeal.core.model import Timeline
from armsdeal.core.problems import Problem
from armsdeal.render import describe
from armsdeal.render.grid import Column, Grid
from armsdeal.render.safe_text import clean
from armsdeal.render.styled import styled as _text
from armsdeal.render.theme import EVENT_TYPE_STYLES, STATUS_STYLES

DATE_WIDTH_MIN = 12
TYPE_WIDTH = 12


def timeline_view(
    timelines: Sequence[Timeline], entries: Sequence[Entry], *, statuses: Mapping[str, str] | None = None
) -> RenderableType:
    """Headers, then the events by year, then the numbered sources.

    ``statuses`` (timeline id -> text) replaces a deal's status in its header,
    e.g. with the status derived at a date by `show --as-of`.
    """
    numbers = number_sources(entries)
    statuses = statuses or {}
    parts: list[RenderableType] = [header(timeline, status=statuses.get(timeline.id)) for timeline in timelines]
    parts.append(events_view(entries, numbers, show_deal=len(timelines) > 1))
    if numbers:
        parts.append(sources_view(timelines, numbers))
    return Group(*parts)


def header(timeline: Timeline, *, status: str | None = None) -> RenderableType:
    """Title, supplier -> recipient, system, quantities, value, status, summary.

    A ``status`` given replaces the deal's final one; the delivered quantity,
    which is the final count, is then left out.
    """
    lines: list[RenderableType] = [_text(timeline.title, "title")]
    deal = timeline.deal
    facts = Text()
    parties = describe.parties(timeline)
    for label, value in _deal_facts(timeline, status):
        if facts:
            facts.append("  ")
        facts.append(f"{label} ", style="deal.label")
        facts.append_text(_text(value, "deal.status" if label == "status" else ""))
    if parties or (deal and deal.system):
        described = (parties, deal.system if deal else None, deal.category if deal else None)
        lines.append(_text(" · ".join(part for part in described if part)))
    if facts:
        lines.append(facts)
    if timeline.summary:
        lines.append(Padding(Text(clean(timeline.summary.strip())), (1, 0, 0, 0)))
    return Padding(Group(*lines), (0, 0, 1, 0))


def _deal_facts(timeline: Timeline, status: str | None = None) -> list[tuple[str, str]]:
    deal = timeline.deal
    if deal is None:
        return [("status", status)] if status is not None else []
    facts = []
    if deal.ordered is not None:
        facts.append(("ordered", describe.quantity(deal.ordered)))
    if deal.delivered is not None and status is None:
        facts.append(("delivered", describe.quantity(deal.delivered)))
    if deal.value is not None:
        facts.append(("value", describe.money(deal.value)))
    if status is not None:
        facts.append(("status", status))
    elif deal.status is not None:
        facts.append(("status", str(deal.status)))
    return facts


def events_view(
    entries: Sequence[Entry], numbers: dict[tuple[str, str], int], *, show_deal: bool = False
) -> RenderableType:
    """The chronology: a rule per year, a row per event, the gap between events."""
    if not entries:
        return Text("No events match.", style="dim")
    gaps = [None, *(describe_gap(a.event.date, b.event.date) for a, b in pairwise(entries))]
    # Wide enough for every date and gap, so neither is ever cut.
    date_width = max(
        DATE_WIDTH_MIN,
        *(len(format_date(entry.event.date)) for entry in entries),
        *(len(gap) + 2 for gap in gaps if gap),
    )
    # One width for all years, so the columns line up down the whole chronology.
    deal_width = max(len(entry.timeline.id) for entry in entries)
    parts: list[RenderableType] = []
    rows = list(zip(entries, gaps, strict=True))
    for year, group in groupby(rows, key=lambda row: _year_of(row[0])):
        label = str(year) if year is not None else "open start"
        parts.append(Rule(Text(label, style="year"), style="year"))
        table = _event_table(date_width, deal_width if show_deal else None)
        for entry, gap in group:
            if gap:
                table.add_row(Text(f"  {gap}", style="gap"))
            table.add_row(*_event_row(entry, numbers, show_deal=show_deal))
        parts.append(table)
    return Group(*parts)


def _year_of(entry: Entry) -> int | None:
    """The year an event is filed under; None for an open start (``../2017``)."""
    start = entry.event.date.start
    return start.year if start is not None else None


def _event_table(date_width: int, deal_width: int | None) -> Grid:
    # A Grid, not a Table.grid: same layout, a fraction of the drawing time (grid.py).
    deal = [Column(width=deal_width, style="timeline.id")] if deal_width is not None else []
    return Grid(Column(width=date_width), *deal, Column(width=TYPE_WIDTH))


def _event_row(entry: Entry, numbers: dict[tuple[str, str], int], *, show_deal: bool) -> list[Text]:
    timeline, event = entry.timeline, entry.event
    body = _text(event.title)
    refs = [numbers[(timeline.id, s)] for s in event.sources if (timeline.id, s) in numbers]
    if refs:
        body.append(" " + "".join(f"[{n}]" for n in refs), style="source.number")
    context = describe.context_note(event)
    if context:
        body.append("\n")
        body.append_text(_text(context, "context"))
    marker = describe.claim_marker(timeline, event)
    if marker:
        body.append("\n")
        body.append_text(_text(marker, STATUS_STYLES[event.status]))
    actors = ", ".join(timeline.actor_name(a) for a in event.actors)
    if actors:
        body.append("\n")
        body.append_text(_text(actors, "actors"))
    if event.note:
        body.append("\n")
        body.append_text(_text(f"Note: {event.note.strip()}", "note"))
    row = [_text(format_date(event.date), "date")]
    if show_deal:
        row.append(_text(timeline.id))
    row.extend([_text(str(event.type), EVENT_TYPE_STYLES[event.type]), body])
    return row


def sources_view(timelines: Sequence[Timeline], numbers: dict[tuple[str, str], int]) -> RenderableType:
    """The numbered list of cited sources: publisher, title, date, URL."""
    by_id = {timeline.id: timeline for timeline in timelines}
    table = Grid(Column(style="source.number", justify="right"))
    for (timeline_id, source_id), number in sorted(numbers.items(), key=lambda item: item[1]):
        source = by_id[timeline_id].sources.get(source_id)
        if source is None:
            continue
        line = _text(f'{source.publisher}, "{source.title}"')
        if source.date is not None:
            line.append_text(_text(f", {format_date(source.date)}"))
        line.append("\n")
        line.append_text(_text(source.url, "source.url"))
        line.overflow = "fold"  # a URL has no spaces to wrap at: fold it rather than cut it
        table.add_row(Text(f"[{number}]"), line)
    return Group(Rule(Text("Sources", style="year"), style="year"), table)


def list_view(rows: Sequence[tuple[str, Timeline | None]]) -> RenderableType:
    """One row per timeline file: id, title, parties, events, first and last date, status."""
    from rich.table import Table  # here, not at the top: `show` does not need it (start-up time)

    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=3, min_width=14)
    table.add_column("deal", ratio=1, min_width=10)
    table.add_column("events", no_wrap=True, justify="right")
    table.add_column("first", min_width=8, max_width=10)
    table.add_column("last", min_width=8, max_width=10)
    table.add_column("status", no_wrap=True, min_width=12)
    for name, timeline in rows:
        if timeline is None:
            table.add_row(_text(name, "timeline.id"), Text("invalid: run armsdeal check", style="problem.error"))
            continue
        chronology = timeline.chronology
        status = timeline.deal.status if timeline.deal and timeline.deal.status else None
        table.add_row(
            _text(timeline.id, "timeline.id"),
            _text(timeline.title),
            _text(describe.parties(timeline) or ""),
            Text(str(len(chronology))),
            _text(format_date(chronology[0].date)),
            _text(format_date(chronology[-1].date)),
            _text(str(status) if status else ""),
        )
    return table


def problem_line(problem: Problem) -> Text:
    """`path:line:col: severity [rule] message`, styled; the message is data, not markup."""
    line = Text()
    line.append_text(_text(f"{problem.path}:{problem.line}:{problem.column}:", "problem.path"))
    line.append(f" {problem.severity}", style=f"problem.{problem.severity}")
    line.append(f" [{problem.rule}]", style="problem.rule")
    line.append_text(_text(f" {problem.message}"))
    return line
