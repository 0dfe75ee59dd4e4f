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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from armsdeal.core.dates import EdtfDate, format_date
from armsdeal.core.phases import COUNTED, PHASE_OF, Phase, contract_event, types_of
from armsdeal.core.vocabulary import DealStatus

if TYPE_CHECKING:
    from armsdeal.core.model import Event, Timeline


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
    if final is DealStatus.CANCELLED and (event := _last_of(happened, Phase.CANCELLATION)):
        return StatusAt(DealStatus.CANCELLED, event)
    if final in (DealStatus.SUSPENDED, DealStatus.CANCELLED) and (event := _last_of(happened, Phase.SUSPENSION)):
        return StatusAt(DealStatus.SUSPENDED, event)
    if event := _last_of(happened, Phase.DELIVERY):
        last_delivery = _last_of(on_record, Phase.DELIVERY)
        if final is DealStatus.DELIVERED and last_delivery is not None and _ended(on_record, day):
            return StatusAt(DealStatus.DELIVERED, last_delivery)
        return StatusAt(DealStatus.IN_DELIVERY, event)
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


def restated(timeline: Timeline, at: StatusAt) -> Timeline:
    """The timeline with its deal as it stood: the derived status, and no delivered count (that is today's)."""
    if timeline.deal is None:
        return timeline
    deal = timeline.deal.model_copy(update={"status": at.status, "delivered": None})
    restated_timeline = timeline.model_copy(update={"deal": deal})
    restated_timeline.__dict__.pop("chronology", None)
    return restated_timeline


def describe(result: StatusAt, as_of: EdtfDate) -> str:
    """'signed (as of Jun 2018)', or 'no events yet (as of 2010)'."""
    status = str(result.status) if result.status is not None else "no events yet"
    return f"{status} (as of {format_date(as_of)})"
