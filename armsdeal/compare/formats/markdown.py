"""compare's markdown format: a GitHub Markdown table with the events behind each cell, text escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armsdeal.compare.formats.wording import (
    HOW,
    _cell_when,
)

if TYPE_CHECKING:
    from armsdeal.compare.engine import DealComparison


def markdown(comparison: DealComparison) -> str:
    """A GitHub-flavoured Markdown table, then the events behind each cell and what did not count."""
    from armsdeal.core.dates import format_date
    from armsdeal.render.escape import markdown_inline as md

    deals = comparison.deals
    lines = [f"## Compare: {', '.join(md(deal.timeline.id) for deal in deals)}", ""]
    lines.append("| milestone | " + " | ".join(md(deal.timeline.id) for deal in deals) + " |")
    lines.append("|---" * (len(deals) + 1) + "|")
    statuses = [md(str(deal.status)) if deal.status else "-" for deal in deals]
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
