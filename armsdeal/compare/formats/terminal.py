"""compare's terminal format: a Rich table, milestones down, deals across."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armsdeal.compare.formats.wording import (
    HOW,
    _timing,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from armsdeal.compare.engine import DealComparison


def terminal(comparison: DealComparison) -> RenderableType:
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
        status_row.append(text(str(deal.status) if deal.status else "-", "deal.status"))
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
