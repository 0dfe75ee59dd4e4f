"""The phase of a deal each event type belongs to, and the milestones compared across deals.

Defined once here; `compare`, `show --as-of` and the README read these tables.

======================  ===============================================
phase                   event types
======================  ===============================================
talks                   negotiation, request, offer
agreement               agreement, contract
payment                 payment
approval                approval
delivery                delivery
test                    test
deployment              deployment
sanction                sanction
suspension              suspension
cancellation            cancellation
(none)                  statement: words about a deal are not a step of it
======================  ===============================================

Events marked as context (``context: true``, or ``about:`` naming a related
deal's timeline) are background here and never count.

Only events whose status is ``confirmed`` or ``reported`` count towards a
phase. A ``claimed``, ``disputed`` or ``denied`` event is one party's word, and
an ``expected`` one has not happened: they never move a deal into a phase,
and `compare` lists them apart, as "not counted".

The *contract* of a deal is its first counted ``contract`` event; a deal with
no counted contract at all (the F-35 programme's memorandum of understanding,
say) takes its first counted ``agreement`` instead. Durations in `compare`
are measured from it, and `show --as-of` calls a deal signed from its day.

Two milestones of `compare` lead up to the contract and are only counted
before it: *first talks* and *first agreement* (``before_contract`` in
MILESTONES). An event of theirs that lies wholly after the contract (its
earliest day after the contract's last day: India's 2025 talks about its
last S-400 squadrons, seven years after the 2018 contract) is a later step of
the deal, not its first talks; a deal with none before its contract shows
"-" in that row (``null`` in JSON). A deal with no contract has nothing to be
before, and counts them all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from armsdeal.core.vocabulary import DealStatus, EventStatus, EventType

if TYPE_CHECKING:
    from armsdeal.core.model import Event, Timeline


class Phase(StrEnum):
    """A step of a deal, as several event types can mark it."""

    TALKS = "talks"
    AGREEMENT = "agreement"
    PAYMENT = "payment"
    APPROVAL = "approval"
    DELIVERY = "delivery"
    TEST = "test"
    DEPLOYMENT = "deployment"
    SANCTION = "sanction"
    SUSPENSION = "suspension"
    CANCELLATION = "cancellation"


PHASE_OF: Mapping[EventType, Phase | None] = MappingProxyType(
    {
        EventType.NEGOTIATION: Phase.TALKS,
        EventType.REQUEST: Phase.TALKS,
        EventType.OFFER: Phase.TALKS,
        EventType.AGREEMENT: Phase.AGREEMENT,
        EventType.CONTRACT: Phase.AGREEMENT,
        EventType.PAYMENT: Phase.PAYMENT,
        EventType.APPROVAL: Phase.APPROVAL,
        EventType.DELIVERY: Phase.DELIVERY,
        EventType.TEST: Phase.TEST,
        EventType.DEPLOYMENT: Phase.DEPLOYMENT,
        EventType.SANCTION: Phase.SANCTION,
        EventType.SUSPENSION: Phase.SUSPENSION,
        EventType.CANCELLATION: Phase.CANCELLATION,
        EventType.STATEMENT: None,
    }
)

COUNTED: frozenset[EventStatus] = frozenset({EventStatus.CONFIRMED, EventStatus.REPORTED})


def types_of(phase: Phase) -> frozenset[EventType]:
    """The event types that mark a phase."""
    return frozenset(event_type for event_type, of in PHASE_OF.items() if of is phase)


def counts(event: Event) -> bool:
    """True if the event is on record firmly enough to move this deal into a phase.

    Context events (``context: true`` or ``about: <other deal>``) never count.
    """
    return event.status in COUNTED and PHASE_OF[event.type] is not None and not event.is_context


def not_counted(timeline: Timeline) -> list[Event]:
    """Events of a phase that do not count (claimed, disputed, denied, expected), in chronological order."""
    return [
        event
        for event in timeline.chronology
        if PHASE_OF[event.type] is not None and event.status not in COUNTED and not event.is_context
    ]


@dataclass(frozen=True, slots=True)
class Milestone:
    """A row of `compare`: the first (or last) counted event of some types.

    ``types`` is a list of alternatives tried in order: the first that has a
    counted event gives the milestone (the contract falls back to an agreement).
    ``before_contract``: only events not wholly after the deal's contract count
    (a step that leads up to the contract cannot come after it).
    """

    key: str
    label: str
    types: tuple[frozenset[EventType], ...]
    last: bool = False
    before_contract: bool = False

    def find(self, timeline: Timeline, contract: Event | None) -> Event | None:
        """The milestone's event; ``contract`` (the deal's) bounds a ``before_contract`` milestone.

        Views ask ``milestones(timeline)`` instead: ``contract`` has no default so that
        nothing can ask for a milestone without the bound by leaving it out.
        """
        # The first match in chronological order (the last: in reverse), without listing every
        # counted event: show, compare and the charts ask for each milestone of a 10,000-event timeline.
        bound = contract.date.latest if self.before_contract and contract is not None else None
        for alternative in self.types:
            events = reversed(timeline.chronology) if self.last else timeline.chronology
            for event in events:
                if event.type in alternative and counts(event) and (bound is None or event.date.earliest <= bound):
                    return event
        return None


CONTRACT = Milestone("contract", "contract", (frozenset({EventType.CONTRACT}), frozenset({EventType.AGREEMENT})))

MILESTONES: Sequence[Milestone] = (
    Milestone("talks", "first talks", (types_of(Phase.TALKS),), before_contract=True),
    Milestone("agreement", "first agreement", (frozenset({EventType.AGREEMENT}),), before_contract=True),
    CONTRACT,
    Milestone("approval", "first approval", (types_of(Phase.APPROVAL),)),
    Milestone("payment", "first payment", (types_of(Phase.PAYMENT),)),
    Milestone("first-delivery", "first delivery", (types_of(Phase.DELIVERY),)),
    Milestone("last-delivery", "last delivery", (types_of(Phase.DELIVERY),), last=True),
    Milestone("test", "first test", (types_of(Phase.TEST),)),
    Milestone("deployment", "first deployment", (types_of(Phase.DEPLOYMENT),)),
    Milestone("sanction", "first sanction", (types_of(Phase.SANCTION),)),
    Milestone("suspension", "first suspension", (types_of(Phase.SUSPENSION),)),
    Milestone("cancellation", "cancellation", (types_of(Phase.CANCELLATION),)),
)


def contract_event(timeline: Timeline) -> Event | None:
    """The deal's contract: its first counted contract, else its first counted agreement."""
    return CONTRACT.find(timeline, None)


# A part of a timeline (the events `export --from/--type/...` keeps) names the milestones and the
# status of the whole deal, as show's strip does: a filter chooses which events to list, it never
# makes a 2025 report the deal's "first talks" or moves its first delivery (the new-user trial).
_OF_THE_WHOLE = "_milestones_and_status_of_the_whole"


def of_the_whole(part: Timeline, whole: Timeline) -> Timeline:
    """``part`` (a copy of ``whole`` with fewer events), answering milestones() and deal_status() as ``whole``.

    Kept beside the part's cached properties (a model copy of the part keeps it too, as --as-of's
    restatement makes one); ``whole`` is the deal as known then (its events by --as-of, if given).
    """
    part.__dict__[_OF_THE_WHOLE] = (MappingProxyType(milestones(whole)), deal_status(whole))
    return part


def milestones(timeline: Timeline) -> dict[str, Event | None]:
    """Every milestone of the deal by key (None where not reached), in the order of MILESTONES.

    The one answer every view asks (compare, the strip of `show`, the SVG and HTML
    charts, Mermaid, the exports): the contract bounds the milestones that lead up
    to it, so no view can label a later step of the deal its "first talks".
    """
    of_the_whole = timeline.__dict__.get(_OF_THE_WHOLE)
    if of_the_whole is not None:
        return dict(of_the_whole[0])
    contract = CONTRACT.find(timeline, None)
    return {
        milestone.key: contract if milestone is CONTRACT else milestone.find(timeline, contract)
        for milestone in MILESTONES
    }


def deal_status(timeline: Timeline) -> DealStatus | None:
    """The deal's status as every view states it: the record's, else derived from all its events
    (core/status.py, which holds the rule; here so that a view with a recorded status loads no more)."""
    if timeline.deal is not None and timeline.deal.status is not None:
        return timeline.deal.status
    of_the_whole = timeline.__dict__.get(_OF_THE_WHOLE)
    if of_the_whole is not None:
        whole_status: DealStatus | None = of_the_whole[1]
        return whole_status
    from armsdeal.core.status import status_at

    return status_at(timeline, date.max).status
