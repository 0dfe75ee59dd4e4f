"""Rules on the deal record: quantities and the deliveries and contract behind them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from armsdeal.check.rules.base import CheckContext, Finding, check
from armsdeal.core.model import Event, Timeline
from armsdeal.core.problems import Severity

if TYPE_CHECKING:
    from armsdeal.core.phases import Phase
from armsdeal.core.vocabulary import DealStatus, EventType


@check("delivered-exceeds-ordered")
def _delivered_exceeds_ordered(context: CheckContext) -> Iterator[Finding]:
    """The deal's delivered count is higher than its ordered count, in the same unit.

    Quantities in different units (battery, regiment) are not compared.
    """
    deal = context.timeline.deal
    if deal is None or deal.ordered is None or deal.delivered is None:
        return
    ordered, delivered = deal.ordered, deal.delivered
    if _same_unit(ordered.unit, delivered.unit) and delivered.count > ordered.count:
        yield Finding(
            ("deal", "delivered", "count"),
            f"delivered {delivered.count} {delivered.unit} but ordered only {ordered.count}",
        )


def _same_unit(first: str, second: str) -> bool:
    return first.strip().casefold() == second.strip().casefold()


@check("delivered-without-delivery-event")
def _delivered_without_delivery_event(context: CheckContext) -> Iterator[Finding]:
    """The deal has `status: delivered` but no event of type delivery.

    A reader of the timeline should be able to see when the delivery happened.
    Context events (`context: true`, `about:`) belong to other deals and do not count.
    """
    timeline = context.timeline
    deal = timeline.deal
    if deal is None or deal.status is not DealStatus.DELIVERED:
        return
    if not any(event.type is EventType.DELIVERY and not event.is_context for event in timeline.events):
        yield Finding(("deal", "status"), "the deal is delivered but none of its events has 'type: delivery'")


@check("delivery-before-contract", Severity.WARNING)
def _delivery_before_contract(context: CheckContext) -> Iterator[Finding]:
    """A delivery event is dated before the first contract or agreement event.

    Deliveries follow a contract; an earlier one is usually a wrong date or a
    missing contract event. Only a delivery that is certainly earlier (its last
    possible day before the contract's first possible day) is reported. Context
    events (`context: true`, `about:`) belong to other deals and are left out.
    """
    timeline = context.timeline
    if not any(event.type is EventType.DELIVERY and not event.is_context for event in timeline.events):
        return
    agreements = [
        e for e in timeline.events if e.type in (EventType.CONTRACT, EventType.AGREEMENT) and not e.is_context
    ]
    if not agreements:
        return
    # The first in chronological order (Timeline.chronology's: by sort key, ties in file order, as min keeps).
    first = min(agreements, key=lambda e: e.date.sort_key())
    for index, event in enumerate(timeline.events):
        if event.type is EventType.DELIVERY and not event.is_context and event.date.latest < first.date.earliest:
            yield Finding(
                ("events", index, "date"),
                f"delivery '{event.id}' ({event.date}) is before the first {first.type} '{first.id}' ({first.date})",
            )


@check("status-contradicted", Severity.WARNING)
def _status_contradicted(context: CheckContext) -> Iterator[Finding]:
    """The deal's status says one thing and its events another.

    `cancelled` with no confirmed or reported cancellation event, `suspended`
    with no suspension or cancellation event, `in-delivery` beside a
    confirmed or reported cancellation event, or `announced`, `negotiating` or
    `signed` when the confirmed or reported events have gone further (a
    contract, a delivery, a cancellation). Every view derives the status at a
    date from the events (`show --as-of`), so such a record gives two answers.
    The message names the status the events show; either add the missing event,
    set that status, or, for a cancellation of another deal or of a part of this
    one, mark the event `context: true` or `about: <deal>`.
    """
    timeline = context.timeline
    deal = timeline.deal
    if deal is None or deal.status is None:
        return
    if deal.status in _BEHIND:
        yield from _behind_its_events(timeline, deal.status)
        return
    if deal.status not in (DealStatus.CANCELLED, DealStatus.SUSPENDED, DealStatus.IN_DELIVERY):
        return
    from armsdeal.core.phases import Phase  # here: most deals never get this far (start-up, check)

    found = {phase: _counted_of(timeline, phase) for phase in (Phase.CANCELLATION, Phase.SUSPENSION)}
    missing = {
        DealStatus.CANCELLED: ("a cancellation", found[Phase.CANCELLATION]),
        DealStatus.SUSPENDED: ("a suspension", found[Phase.SUSPENSION] + found[Phase.CANCELLATION]),
    }
    if deal.status in missing and not missing[deal.status][1]:
        what = missing[deal.status][0]
        yield Finding(
            ("deal", "status"),
            f"the deal is {deal.status} but no confirmed or reported event is {what}; "
            f"add that event, or set the status its events show ({_status_from_events(timeline) or 'none'})",
        )
    if deal.status is DealStatus.IN_DELIVERY and found[Phase.CANCELLATION]:
        event = found[Phase.CANCELLATION][0]
        yield Finding(
            ("deal", "status"),
            f"the deal is in-delivery but event '{event.id}' reports a cancellation; set 'status: cancelled', "
            "or mark the event 'context: true' (or 'about: <deal>') if it cancelled another deal or a part",
        )


# Statuses a deal's events can have overtaken, in the order a deal goes through them; and how far each
# status the events show has gone (cancelled and suspended are past every step of that order).
_BEHIND = (DealStatus.ANNOUNCED, DealStatus.NEGOTIATING, DealStatus.SIGNED)
_PROGRESS = {
    DealStatus.ANNOUNCED: 0,
    DealStatus.NEGOTIATING: 1,
    DealStatus.SIGNED: 2,
    DealStatus.IN_DELIVERY: 3,
    DealStatus.DELIVERED: 4,
    DealStatus.SUSPENDED: 5,
    DealStatus.CANCELLED: 5,
}


def _behind_its_events(timeline: Timeline, status: DealStatus) -> Iterator[Finding]:
    """A status its confirmed or reported events have gone past (`signed` beside a delivery): `show` says
    the record's status, `show --as-of` a day after those events the events' one."""
    shown = _status_from_events(timeline)
    if shown is None or _PROGRESS.get(shown, 0) <= _PROGRESS[status]:
        return
    yield Finding(
        ("deal", "status"),
        f"the deal is {status} but its confirmed or reported events show it {shown}; set 'status: {shown}', "
        "or mark the events that belong to another deal 'context: true' (or 'about: <deal>')",
    )


def _counted_of(timeline: Timeline, phase: Phase) -> list[Event]:
    from armsdeal.core.phases import counts, types_of

    return [event for event in timeline.chronology if event.type in types_of(phase) and counts(event)]


def _status_from_events(timeline: Timeline) -> DealStatus | None:
    """The status the events alone give (core.status, as for a record with no status)."""
    from armsdeal.core.status import status_at

    assert timeline.deal is not None
    alone = timeline.model_copy(update={"deal": timeline.deal.model_copy(update={"status": None})})
    return status_at(alone, date.max).status
