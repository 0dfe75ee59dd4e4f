"""compare's json format: one document {"format": "armsdeal-compare", "version": 2, ...}."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from armsdeal.render.safe_text import to_json as json_text

if TYPE_CHECKING:
    from armsdeal.compare.engine import DealComparison, Reached
    from armsdeal.core.dates import Elapsed
    from armsdeal.core.model import Event

# 2: the envelope {"format": "armsdeal-compare", "version": 2} shared by every JSON output.
VERSION = 2


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


def to_json(comparison: DealComparison) -> str:
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
                "status": str(deal.status) if deal.status else None,
                "contract": deal.contract.id if deal.contract else None,
                "contract_is_agreement": deal.contract_is_agreement,
                "milestones": {key: _reached_json(value) for key, value in deal.reached.items()},
                "not_counted": [_event_json(event) for event in deal.not_counted],
            }
        )
    document = {
        "format": "armsdeal-compare",
        "version": VERSION,
        "milestones": [{"key": m.key, "label": m.label} for m in comparison.milestones],
        "deals": deals,
    }
    return json_text(document)
