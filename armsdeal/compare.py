"""Deals side by side, milestone by milestone, timed from each deal's contract (`armsdeal compare`).

Pure: builds a Comparison from loaded timelines; compare_formats.py draws it.
Which events make a milestone is defined in phases.py.

Durations are measured between the earliest days of the two dates, each first
cut to the coarser of the two precisions: a contract of 5 Oct 2018 and a
delivery in November 2021 are Oct 2018 and Nov 2021, 3 yr 1 mo apart. There is
no point in counting days from a month-only date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from armsdeal.dates import EdtfDate, Precision, format_duration
from armsdeal.phases import CONTRACT, MILESTONES, Milestone, not_counted
from armsdeal.vocabulary import EventType

if TYPE_CHECKING:
    from armsdeal.model import Event, Timeline

_SAME = {Precision.DAY: "same day", Precision.MONTH: "same month", Precision.YEAR: "same year"}


@dataclass(frozen=True, slots=True)
class Elapsed:
    """The time from one date to another, at the precision both dates allow."""

    delta: relativedelta
    precision: Precision
    approximate: bool

    @property
    def direction(self) -> str:
        """'after', 'before' or 'same'."""
        zero = relativedelta()
        if self.delta == zero:
            return "same"
        later = self.delta.years > 0 or self.delta.months > 0 or self.delta.days > 0
        return "after" if later else "before"

    @property
    def duration(self) -> str:
        """'1 yr 10 mo', or 'same month' for no time at this precision."""
        words = format_duration(self.delta, precision=self.precision)
        return words if words is not None else _SAME[self.precision]

    def words(self, reference: str = "contract") -> str:
        """'1 yr 10 mo after contract', '~4 mo before contract', 'same day as contract'."""
        prefix = "~" if self.approximate else ""
        if self.direction == "same":
            return f"{prefix}{self.duration} as {reference}"
        return f"{prefix}{self.duration} {self.direction} {reference}"


def elapsed(since: EdtfDate, until: EdtfDate) -> Elapsed | None:
    """Time from ``since`` to ``until`` (negative if earlier); None when either start is open."""
    if since.start is None or until.start is None:
        return None
    precision = min(since.precision, until.precision)
    delta = relativedelta(_cut(until.earliest, precision), _cut(since.earliest, precision))
    return Elapsed(delta, precision, since.approximate or until.approximate)


def _cut(day: date, precision: Precision) -> date:
    if precision is Precision.YEAR:
        return date(day.year, 1, 1)
    if precision is Precision.MONTH:
        return date(day.year, day.month, 1)
    return day


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

    @property
    def contract_is_agreement(self) -> bool:
        """True when the deal has no counted contract and its first agreement stands in."""
        return self.contract is not None and self.contract.type is not EventType.CONTRACT


@dataclass(frozen=True, slots=True)
class Comparison:
    deals: list[DealPhases]
    milestones: Sequence[Milestone]

    def rows(self) -> list[Milestone]:
        """The milestones at least one deal reached, in the order of MILESTONES."""
        return [m for m in self.milestones if any(deal.reached[m.key] is not None for deal in self.deals)]


def deal_phases(timeline: Timeline) -> DealPhases:
    contract = CONTRACT.find(timeline)
    reached: dict[str, Reached | None] = {}
    for milestone in MILESTONES:
        event = milestone.find(timeline)
        if event is None:
            reached[milestone.key] = None
            continue
        since = None
        if contract is not None and milestone is not CONTRACT:
            since = elapsed(contract.date, event.date)
        reached[milestone.key] = Reached(event, since)
    return DealPhases(timeline, contract, reached, not_counted(timeline))


def compare(timelines: Sequence[Timeline]) -> Comparison:
    """Each deal's milestones, in the order the timelines are given."""
    return Comparison([deal_phases(timeline) for timeline in timelines], MILESTONES)
