"""Plain-text wording of model values, shared by the terminal view and the exporters."""

from __future__ import annotations

from armsdeal.core.dates import format_date
from armsdeal.core.model import Event, Money, Quantity, Timeline
from armsdeal.core.phases import deal_status
from armsdeal.core.vocabulary import EventStatus

# What `list` shows of a valid timeline besides its file's name (render/view.py list_view), as the
# index keeps it (index/listing.py): title, parties, number of events, first and last date, status.
Listing = tuple[str, str, str, str, str, str]


def quantity(value: Quantity) -> str:
    """'~4 battery' style: count, unit, '~' when approximate."""
    return f"{'~' if value.approximate else ''}{value.count} {value.unit}"


def money(value: Money) -> str:
    """'~2.5 bn USD': amounts in millions or billions, '~' when approximate."""
    amount = value.amount
    text = _trimmed(amount, ",.2f")
    for size, word in ((1e6, "m"), (1e9, "bn")):
        # Compare the rounded figure, so 999,999,999 reads "1 bn", not "1000 m".
        if round(amount / size, 2) >= 1:
            text = f"{_trimmed(amount / size, '.2f')} {word}"
    return f"{'~' if value.approximate else ''}{text} {value.currency}"


def _trimmed(number: float, spec: str) -> str:
    """The number with at most two decimals and no trailing zeros: 2.5, 1,250, 0.4."""
    text = format(number, spec)
    return text.rstrip("0").rstrip(".") if "." in text else text


def parties(timeline: Timeline) -> str | None:
    """'Russia -> Turkey', from the deal's supplier and recipient."""
    deal = timeline.deal
    if deal is None or (deal.supplier is None and deal.recipient is None):
        return None
    supplier = timeline.actor_name(deal.supplier) if deal.supplier else "?"
    recipient = timeline.actor_name(deal.recipient) if deal.recipient else "?"
    return f"{supplier} -> {recipient}"


def listing(timeline: Timeline) -> Listing:
    """The cells of the timeline's row in `list`, as plain text (cleaned when drawn)."""
    chronology = timeline.chronology
    status = deal_status(timeline)
    return (
        timeline.title,
        parties(timeline) or "",
        str(len(chronology)),
        format_date(chronology[0].date) if chronology else "",
        format_date(chronology[-1].date) if chronology else "",
        str(status) if status else "",
    )


def claim_marker(timeline: Timeline, event: Event) -> str | None:
    """Who claims and who disputes an event, for claimed/disputed/denied/expected ones."""
    claimants = ", ".join(timeline.actor_name(a) for a in event.claimed_by)
    disputers = ", ".join(timeline.actor_name(a) for a in event.disputed_by)
    status = event.status
    if status is EventStatus.CLAIMED:
        marker = f"CLAIMED by {claimants or 'unnamed parties'}"
    elif status is EventStatus.DISPUTED:
        marker = f"DISPUTED: claimed by {claimants or 'unnamed parties'}"
    elif status is EventStatus.DENIED:
        marker = f"DENIED{' by ' + disputers if disputers else ''}"
        return marker + (f" (claimed by {claimants})" if claimants else "")
    elif status is EventStatus.EXPECTED:
        return "EXPECTED"
    elif status is EventStatus.REPORTED:
        marker = "REPORTED, not confirmed"
    else:
        return f"disputed by {disputers}" if disputers else None
    return marker + (f"; disputed by {disputers}" if disputers else "")


def context_note(event: Event) -> str | None:
    """For a background event or one of a related deal, what it is; None for this deal's own steps."""
    if not event.is_context:
        return None
    return f"Context: part of the {event.about} timeline" if event.about else "Context: not a step of this deal"
