"""The formats `armsdeal compare` writes: a registry from format name to renderer.

Light at import (the command line reads CompareFormat for its choices); Rich
is imported by the terminal renderer only. A renderer returns a Rich
renderable (terminal) or a string (markdown, json); it never prints.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from armsdeal.render.safe_text import to_json as json_text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from armsdeal.compare.engine import Comparison, DealPhases, Reached
    from armsdeal.core.dates import Elapsed
    from armsdeal.core.model import Event
    from armsdeal.core.phases import Milestone

JSON_FORMAT_VERSION = 1
HOW = (
    "Only confirmed and reported events count. Times run from each deal's contract "
    "(its first agreement if it has no contract), at the precision of the coarser date."
)


class CompareFormat(StrEnum):
    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"


def _timing(deal: DealPhases, milestone: Milestone) -> str | None:
    """'1 yr 10 mo after contract' for a reached milestone; what stands in for the contract; else None."""
    reached = deal.reached[milestone.key]
    if reached is None:
        return None
    if reached.since_contract is not None:
        return reached.since_contract.words()
    if milestone.key == "contract" and deal.contract_is_agreement:
        return "an agreement: no contract on record"
    return None


def _cell_when(deal: DealPhases, milestone: Milestone) -> str | None:
    """'12 Jul 2019 · 1 yr 10 mo after contract', or None if not reached."""
    from armsdeal.core.dates import format_date

    reached = deal.reached[milestone.key]
    if reached is None:
        return None
    timing = _timing(deal, milestone)
    when = format_date(reached.event.date)
    return f"{when} · {timing}" if timing else when


# --- terminal -----------------------------------------------------------------


def terminal(comparison: Comparison) -> RenderableType:
    """A table, a row per milestone and a column per deal, then what did not count."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from armsdeal.core.dates import format_date
    from armsdeal.render import describe
    from armsdeal.render.styled import styled as text
    from armsdeal.render.theme import EVENT_TYPE_STYLES, STATUS_STYLES

    table = Table(show_lines=True, header_style="bold", expand=True)
    # fold, not ellipsis: a narrow terminal must not cut a date or a title short.
    table.add_column("milestone", style="bold", overflow="fold")
    for deal in comparison.deals:
        heading = text(deal.timeline.id, "timeline.id")
        parties = describe.parties(deal.timeline)
        if parties:
            heading.append("\n")
            heading.append_text(text(parties, "dim"))
        table.add_column(heading, ratio=1, overflow="fold")
    status_row: list[Text] = [Text("final status")]
    for deal in comparison.deals:
        status = deal.timeline.deal.status if deal.timeline.deal else None
        status_row.append(text(str(status) if status else "-", "deal.status"))
    table.add_row(*status_row)
    for milestone in comparison.rows():
        row = [Text(milestone.label)]
        for deal in comparison.deals:
            reached = deal.reached[milestone.key]
            if reached is None:
                row.append(Text("-", style="dim"))
                continue
            cell = text(format_date(reached.event.date), "date")
            timing = _timing(deal, milestone)
            if timing:
                cell.append("\n")
                cell.append_text(text(timing, "gap"))
            cell.append("\n")
            cell.append_text(text(reached.event.title, EVENT_TYPE_STYLES[reached.event.type] + " dim"))
            row.append(cell)
        table.add_row(*row)
    parts: list[RenderableType] = [table, Text(HOW, style="dim")]
    uncounted = [deal for deal in comparison.deals if deal.not_counted]
    if uncounted:
        lines = Table.grid(padding=(0, 1))
        lines.add_column(no_wrap=True, style="timeline.id")
        lines.add_column(no_wrap=True, style="date")
        lines.add_column(no_wrap=True)
        lines.add_column(ratio=1)
        for deal in uncounted:
            for event in deal.not_counted:
                lines.add_row(
                    text(deal.timeline.id),
                    text(format_date(event.date)),
                    text(f"{event.type} {event.status}", STATUS_STYLES[event.status]),
                    text(event.title),
                )
        parts.append(
            Padding(
                Group(Text("Not counted (claimed, disputed, denied or expected):", style="bold"), lines), (1, 0, 0, 0)
            )
        )
    return Group(*parts)


# --- markdown -----------------------------------------------------------------


def markdown(comparison: Comparison) -> str:
    """A GitHub-flavoured Markdown table, then the events behind each cell and what did not count."""
    from armsdeal.core.dates import format_date
    from armsdeal.render.escape import markdown_inline as md

    deals = comparison.deals
    lines = [f"## Compare: {', '.join(md(deal.timeline.id) for deal in deals)}", ""]
    lines.append("| milestone | " + " | ".join(md(deal.timeline.id) for deal in deals) + " |")
    lines.append("|---" * (len(deals) + 1) + "|")
    statuses = [
        md(str(deal.timeline.deal.status)) if deal.timeline.deal and deal.timeline.deal.status else "-"
        for deal in deals
    ]
    lines.append("| final status | " + " | ".join(statuses) + " |")
    for milestone in comparison.rows():
        cells = [md(cell) if (cell := _cell_when(deal, milestone)) else "-" for deal in deals]
        lines.append(f"| {md(milestone.label)} | " + " | ".join(cells) + " |")
    lines += ["", md(HOW)]
    for deal in deals:
        lines += ["", f"### {md(deal.timeline.id)}: {md(deal.timeline.title)}", ""]
        for milestone in comparison.rows():
            reached = deal.reached[milestone.key]
            if reached is not None:
                lines.append(
                    f"- {md(milestone.label)}, {md(format_date(reached.event.date))}: "
                    f"{md(reached.event.title)} ({md(reached.event.id)}, {md(str(reached.event.status))})"
                )
        if deal.not_counted:
            lines += ["", "Not counted:", ""]
            lines += [
                f"- {md(format_date(e.date))}, {md(str(e.type))}, {md(str(e.status))}: {md(e.title)}"
                for e in deal.not_counted
            ]
    return "\n".join(lines) + "\n"


# --- json ---------------------------------------------------------------------


def _elapsed_json(value: Elapsed | None) -> dict[str, Any] | None:
    if value is None:
        return None
    delta = abs(value.delta)
    return {
        "text": value.duration,
        "direction": value.direction,
        "years": delta.years,
        "months": delta.months,
        "days": delta.days,
        "precision": value.precision.name.lower(),
        "approximate": value.approximate,
    }


def _event_json(event: Event) -> dict[str, Any]:
    from armsdeal.core.dates import format_date

    return {
        "id": event.id,
        "date": str(event.date),
        "date_text": format_date(event.date),
        "earliest": event.date.earliest.isoformat() if event.date.start is not None else None,
        "type": str(event.type),
        "status": str(event.status),
        "title": event.title,
    }


def _reached_json(reached: Reached | None) -> dict[str, Any] | None:
    if reached is None:
        return None
    return {**_event_json(reached.event), "since_contract": _elapsed_json(reached.since_contract)}


def to_json(comparison: Comparison) -> str:
    """One JSON document; its shape is documented in the README (armsdeal compare)."""

    deals = []
    for deal in comparison.deals:
        record = deal.timeline.deal
        deals.append(
            {
                "id": deal.timeline.id,
                "title": deal.timeline.title,
                "supplier": record.supplier if record else None,
                "recipient": record.recipient if record else None,
                "status": str(record.status) if record and record.status else None,
                "contract": deal.contract.id if deal.contract else None,
                "contract_is_agreement": deal.contract_is_agreement,
                "milestones": {key: _reached_json(value) for key, value in deal.reached.items()},
                "not_counted": [_event_json(event) for event in deal.not_counted],
            }
        )
    document = {
        "armsdeal": "compare",
        "version": JSON_FORMAT_VERSION,
        "milestones": [{"key": m.key, "label": m.label} for m in comparison.milestones],
        "deals": deals,
    }
    return json_text(document)


Renderer = Callable[["Comparison"], "RenderableType | str"]

FORMATS: dict[CompareFormat, Renderer] = {
    CompareFormat.TERMINAL: terminal,
    CompareFormat.MARKDOWN: markdown,
    CompareFormat.JSON: to_json,
}
