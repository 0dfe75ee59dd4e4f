"""Where a deal stood on a given day, derived from its events (`show --as-of`).

The rule, for a day D. An event has *happened* by D when its earliest day is
on or before D; only counted events (confirmed or reported, see phases.py)
move a deal, and context events (``context:``/``about:``) never do. The first
that applies wins:

1. ``cancelled``: the deal's final status is cancelled and a cancellation had happened.
2. ``suspended``: the final status is suspended or cancelled and a suspension had happened.
3. ``delivered``: the final status is delivered and every counted delivery had
   ended (its latest day is on or before D).
4. ``in-delivery``: a delivery had happened.
5. ``signed``: the contract (phases.contract_event) had happened.
6. ``negotiating``: an event of any phase had happened (talks, an agreement
   short of the contract, an approval, ...).
7. ``announced``: only statements had happened.
8. no status: nothing had happened yet.

Cancellation, suspension and "delivered" follow the final status because a
timeline may hold such events for part of a deal only (a part of an order
dropped is recorded as a statement, docs/format.md), and the S-400 timeline
records the F-35 suspension. Sanctions do not change the status.
A final status of ``disputed`` is never derived; such deals get their stage.
A record with no status gives no final status to follow: there a cancellation
or suspension that had happened decides (rules 1 and 2 without their
condition), and ``delivered`` is never derived (nothing says every delivery
is on record).

The record's own facts (status, ordered, delivered, value) are what the
curators know today: ``deal_at`` uses them for a day on or after today, and
for an earlier day states only what the events by then state (the ordered
count of the contract's event, the delivered count the deliveries ended by
then add up to; no value, which no event carries). ``deal_status`` is the
status every view prints without --as-of: the record's, else derived from
all the events. ``published_by`` says which sources a view may cite at a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from armsdeal.core.dates import EdtfDate, format_date
from armsdeal.core.model import Quantity
from armsdeal.core.phases import COUNTED, PHASE_OF, Phase, contract_event, deal_status, types_of
from armsdeal.core.vocabulary import DealStatus

if TYPE_CHECKING:
    from armsdeal.core.model import Event, Money, Source, Timeline


__all__ = ["DealAt", "StatusAt", "deal_at", "deal_status", "describe", "published_by", "restated", "status_at"]


@dataclass(frozen=True, slots=True)
class StatusAt:
    """A deal's derived status on a day, and the event that decided it (None if none)."""

    status: DealStatus | None
    event: Event | None


def status_at(timeline: Timeline, day: date) -> StatusAt:
    """Derive the deal's status on ``day`` by the rule in the module docstring."""
    on_record = [event for event in timeline.chronology if event.status in COUNTED and not event.is_context]
    happened = [event for event in on_record if event.date.earliest <= day]
    final = timeline.deal.status if timeline.deal is not None else None
    return (
        _stopped_at(happened, final)
        or _delivering_at(on_record, happened, final, day)
        or _progress_at(timeline, happened, day)
    )


def _stopped_at(happened: list[Event], final: DealStatus | None) -> StatusAt | None:
    """Rules 1 and 2: cancelled or suspended, if the final status allows it and such an event had happened."""
    if final in (DealStatus.CANCELLED, None) and (event := _last_of(happened, Phase.CANCELLATION)):
        return StatusAt(DealStatus.CANCELLED, event)
    if final in (DealStatus.SUSPENDED, DealStatus.CANCELLED, None) and (event := _last_of(happened, Phase.SUSPENSION)):
        return StatusAt(DealStatus.SUSPENDED, event)
    return None


def _delivering_at(
    on_record: list[Event], happened: list[Event], final: DealStatus | None, day: date
) -> StatusAt | None:
    """Rules 3 and 4: delivered or in delivery, once a delivery had happened."""
    event = _last_of(happened, Phase.DELIVERY)
    if event is None:
        return None
    last_delivery = _last_of(on_record, Phase.DELIVERY)
    if final is DealStatus.DELIVERED and last_delivery is not None and _ended(on_record, day):
        return StatusAt(DealStatus.DELIVERED, last_delivery)
    return StatusAt(DealStatus.IN_DELIVERY, event)


def _progress_at(timeline: Timeline, happened: list[Event], day: date) -> StatusAt:
    """Rules 5 to 8: signed, negotiating, announced, or no status yet."""
    contract = contract_event(timeline)
    if contract is not None and contract.date.earliest <= day:
        return StatusAt(DealStatus.SIGNED, contract)
    steps = [event for event in happened if PHASE_OF[event.type] is not None]
    if steps:
        return StatusAt(DealStatus.NEGOTIATING, steps[-1])
    if happened:
        return StatusAt(DealStatus.ANNOUNCED, happened[-1])
    return StatusAt(None, None)


def _last_of(events: list[Event], phase: Phase) -> Event | None:
    """The last of the events (in the order given) that marks the phase."""
    wanted = types_of(phase)
    matching = [event for event in events if event.type in wanted]
    return matching[-1] if matching else None


def _ended(on_record: list[Event], day: date) -> bool:
    """True if every delivery on record had ended by the day."""
    deliveries = types_of(Phase.DELIVERY)
    return all(event.date.latest <= day for event in on_record if event.type in deliveries)


@dataclass(frozen=True, slots=True)
class DealAt:
    """What a view may state of a deal on a day: its status and the counts and value known by then.

    ``left_out`` names the record's facts (ordered, delivered, value) that nothing
    by that day states, for the view's one line on what it leaves out.
    """

    at: StatusAt
    ordered: Quantity | None
    delivered: Quantity | None
    value: Money | None
    left_out: tuple[str, ...]


def deal_at(timeline: Timeline, day: date, today: date) -> DealAt:
    """The deal on ``day`` (see the module docstring); ``today`` is the day the record speaks for."""
    record = timeline.deal
    if day >= today:
        status = StatusAt(deal_status(timeline), status_at(timeline, day).event)
        if record is None:
            return DealAt(status, None, None, None, ())
        return DealAt(status, record.ordered, record.delivered, record.value, ())
    at = status_at(timeline, day)
    ordered, delivered = _ordered_at(timeline, day), _delivered_at(timeline, day)
    left_out: tuple[str, ...] = ()
    if record is not None:
        pairs = (("ordered", record.ordered, ordered), ("delivered", record.delivered, delivered))
        left_out = tuple(name for name, written, known in pairs if written is not None and known is None)
        left_out += ("value",) if record.value is not None else ()
    return DealAt(at, ordered, delivered, None, left_out)


def published_by(source: Source, day: date) -> bool | None:
    """True if the source was published on or before the day, False if after, None if it has no date."""
    if source.date is None:
        return None
    return source.date.earliest <= day


def _ordered_at(timeline: Timeline, day: date) -> Quantity | None:
    """The quantity the deal's contract event states, once the contract had happened."""
    contract = contract_event(timeline)
    if contract is None or contract.date.earliest > day:
        return None
    return contract.quantity


def _delivered_at(timeline: Timeline, day: date) -> Quantity | None:
    """The sum of the deliveries that had ended by the day, when each states a quantity in one unit."""
    wanted = types_of(Phase.DELIVERY)
    started = [
        event
        for event in timeline.chronology
        if event.type in wanted and event.status in COUNTED and not event.is_context and event.date.earliest <= day
    ]
    quantities = [event.quantity for event in started if event.date.latest <= day]
    if not started or len(quantities) != len(started):
        return None  # nothing delivered yet, or a delivery still under way
    units = {quantity.unit for quantity in quantities if quantity is not None}
    if len(units) != 1 or any(quantity is None for quantity in quantities):
        return None
    total = sum(quantity.count for quantity in quantities if quantity is not None)
    approximate = any(quantity.approximate for quantity in quantities if quantity is not None)
    return Quantity(count=total, unit=units.pop(), approximate=approximate)


def restated(timeline: Timeline, known: DealAt, day: date) -> Timeline:
    """The timeline as it stood on the day: the deal's facts known by then, and only the sources
    published by then (events keep only those among theirs; a source with no date is kept)."""
    kept_sources = {key: source for key, source in timeline.sources.items() if published_by(source, day) is not False}
    events = [
        event
        if all(source_id in kept_sources for source_id in event.sources)
        else event.model_copy(update={"sources": [s for s in event.sources if s in kept_sources]})
        for event in timeline.events
    ]
    update: dict[str, object] = {"sources": kept_sources, "events": events}
    if timeline.deal is not None:
        update["deal"] = timeline.deal.model_copy(
            update={
                "status": known.at.status,
                "ordered": known.ordered,
                "delivered": known.delivered,
                "value": known.value,
            }
        )
    restated_timeline = timeline.model_copy(update=update)
    restated_timeline.__dict__.pop("chronology", None)
    return restated_timeline


def describe(result: StatusAt, as_of: EdtfDate) -> str:
    """'signed (as of Jun 2018)', or 'no events yet (as of 2010)'."""
    status = str(result.status) if result.status is not None else "no events yet"
    return f"{status} (as of {format_date(as_of)})"
