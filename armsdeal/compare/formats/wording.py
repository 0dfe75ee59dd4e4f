"""What the compare formats say the same way: how milestones are timed and dated."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from armsdeal.compare.engine import DealPhases
    from armsdeal.core.phases import Milestone


HOW = (
    "Only confirmed and reported events count. Times run from each deal's contract "
    "(its first agreement if it has no contract), at the precision of the coarser date."
)


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
