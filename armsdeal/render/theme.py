"""Every style armsdeal draws with, named in one place."""

from __future__ import annotations

from rich.theme import Theme

from armsdeal.core.vocabulary import EventStatus, EventType

EVENT_TYPE_STYLES: dict[EventType, str] = {
    EventType.NEGOTIATION: "bright_blue",
    EventType.AGREEMENT: "cyan",
    EventType.CONTRACT: "bold green",
    EventType.PAYMENT: "green",
    EventType.DELIVERY: "bold bright_cyan",
    EventType.TEST: "bright_magenta",
    EventType.DEPLOYMENT: "magenta",
    EventType.REQUEST: "bright_yellow",
    EventType.OFFER: "yellow",
    EventType.APPROVAL: "bright_green",
    EventType.SANCTION: "bold red",
    EventType.SUSPENSION: "red",
    EventType.CANCELLATION: "bold bright_red",
    EventType.STATEMENT: "bright_white",
}

STATUS_STYLES: dict[EventStatus, str] = {
    EventStatus.CONFIRMED: "green",
    EventStatus.REPORTED: "dim",
    EventStatus.CLAIMED: "bold yellow",
    EventStatus.DISPUTED: "bold magenta",
    EventStatus.DENIED: "bold red",
    EventStatus.EXPECTED: "italic cyan",
}

THEME = Theme(
    {
        "title": "bold",
        "year": "bold blue",
        "date": "bold",
        "gap": "dim",
        "actors": "dim",
        "note": "dim italic",
        "context": "italic blue",
        "source.number": "cyan",
        "source.url": "blue underline",
        "deal.label": "dim",
        "deal.status": "bold",
        "timeline.id": "bold cyan",
        "problem.path": "bold",
        "problem.error": "bold red",
        "problem.warning": "bold yellow",
        "problem.rule": "dim",
        "summary.ok": "bold green",
        "summary.bad": "bold red",
    }
)
