"""Deals side by side, milestone by milestone, timed from each deal's contract (`armsdeal compare`).

Pure: builds a DealComparison from loaded timelines; compare.formats draws it.
Which events make a milestone is defined in phases.py.

Durations are measured between the earliest days of the two dates, each first
cut to the coarser of the two precisions: a contract of 5 Oct 2018 and a
delivery in November 2021 are Oct 2018 and Nov 2021, 3 yr 1 mo apart. There is
no point in counting days from a month-only date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from armsdeal.core.dates import Elapsed, elapsed
from armsdeal.core.phases import CONTRACT, MILESTONES, Milestone, deal_status, milestones, not_counted
from armsdeal.core.vocabulary import DealStatus, EventType

if TYPE_CHECKING:
    from armsdeal.core.model import Event, Timeline


@dataclass(frozen=True, slots=True)
class Reached:
    """The event that marks a milestone for a deal, and its time from the contract."""

    event: Event
    since_contract: Elapsed | None


@dataclass(frozen=True, slots=True)
class DealPhases:
    """One deal's milestones (None where not reached) and its events that do not count."""

    timeline: Timeline
    contract: Event | None
    reached: dict[str, Reached | None]
    not_counted: list[Event]
    status: DealStatus | None  # core/status.py deal_status: the record's, else derived from the events

    @property
    def contract_is_agreement(self) -> bool:
        """True when the deal has no counted contract and its first agreement stands in."""
        return self.contract is not None and self.contract.type is not EventType.CONTRACT


@dataclass(frozen=True, slots=True)
class DealComparison:
    deals: list[DealPhases]
    milestones: Sequence[Milestone]

    def rows(self) -> list[Milestone]:
        """The milestones at least one deal reached, in the order of MILESTONES."""
        return [m for m in self.milestones if any(deal.reached[m.key] is not None for deal in self.deals)]


def deal_phases(timeline: Timeline) -> DealPhases:
    found = milestones(timeline)
    contract = found[CONTRACT.key]
    reached: dict[str, Reached | None] = {}
    for milestone in MILESTONES:
        event = found[milestone.key]
        if event is None:
            reached[milestone.key] = None
            continue
        since = None
        if contract is not None and milestone is not CONTRACT:
            since = elapsed(contract.date, event.date)
        reached[milestone.key] = Reached(event, since)
    return DealPhases(timeline, contract, reached, not_counted(timeline), deal_status(timeline))


def compare_deals(timelines: Sequence[Timeline]) -> DealComparison:
    """Each deal's milestones, in the order the timelines are given."""
    return DealComparison([deal_phases(timeline) for timeline in timelines], MILESTONES)
