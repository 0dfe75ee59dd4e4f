"""Every style armsdeal draws with, named in one place.

The palette keeps to the 16 standard terminal colours and to those of them
that read on dark and on light backgrounds alike: no dark blue (unreadable on
black), no bright yellow, cyan or green (unreadable on white). The 14 event
types are told apart by family, a hue each, and within a family by weight
and underline:

==========================  ========  ==========================================
family                      hue       types
==========================  ========  ==========================================
talks and agreements        blue      negotiation, agreement (bold)
the deal made               green     contract (bold), payment, approval (underlined)
the hardware                cyan      delivery (bold), test, deployment (underlined)
asking and offering         magenta   request, offer (bold)
pressure and ending         red       sanction (bold), suspension, cancellation (bold, underlined)
words                       default   statement (italic)
==========================  ========  ==========================================
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.theme import Theme

from armsdeal.core.vocabulary import EventStatus, EventType

EVENT_TYPE_STYLES: dict[EventType, str] = {
    EventType.NEGOTIATION: "bright_blue",
    EventType.AGREEMENT: "bold bright_blue",
    EventType.CONTRACT: "bold green",
    EventType.PAYMENT: "green",
    EventType.APPROVAL: "underline green",
    EventType.DELIVERY: "bold cyan",
    EventType.TEST: "cyan",
    EventType.DEPLOYMENT: "underline cyan",
    EventType.REQUEST: "magenta",
    EventType.OFFER: "bold magenta",
    EventType.SANCTION: "bold red",
    EventType.SUSPENSION: "red",
    EventType.CANCELLATION: "bold underline red",
    EventType.STATEMENT: "italic",
}

STATUS_STYLES: dict[EventStatus, str] = {
    EventStatus.CONFIRMED: "green",
    EventStatus.REPORTED: "dim",
    EventStatus.CLAIMED: "bold yellow",
    EventStatus.DISPUTED: "bold magenta",
    EventStatus.DENIED: "bold red",
    EventStatus.EXPECTED: "italic cyan",
}

# One colour per deal in views of several deals (lanes of the strip, the deal column), in order.
DEAL_STYLES: tuple[str, ...] = ("bold cyan", "bold magenta", "bold green", "bold red", "bold bright_blue", "bold")

THEME = Theme(
    {
        "title": "bold",
        "year": "bold",
        "rule.line": "bright_black",
        "date": "bold",
        "gap": "dim",
        "actors": "dim",
        "note": "dim italic",
        "context": "italic",
        "details": "dim",
        "source.number": "cyan",
        "source.url": "underline",
        "deal.label": "dim",
        "deal.status": "bold",
        "timeline.id": "bold cyan",
        "strip.axis": "bright_black",
        "strip.year": "bold",
        "strip.label": "",
        "as-of": "italic",
        "problem.path": "bold",
        "problem.error": "bold red",
        "problem.warning": "bold yellow",
        "problem.rule": "dim",
        "summary.ok": "bold green",
        "summary.bad": "bold red",
    }
)


# ---------------------------------------------------------------- event-type families
# The 14 event types in six families, one hue each: the terminal tells the families apart by
# its colour names, the SVG chart and the HTML page by the colours below (mid tones that read on a
# white and on a dark background alike). One table, so that a picture and a terminal agree.


@dataclass(frozen=True, slots=True)
class Family:
    key: str
    label: str
    hue: str  # the terminal colour of the family
    colour: str  # the SVG/HTML colour
    types: tuple[EventType, ...]


FAMILIES: tuple[Family, ...] = (
    Family("talks", "talks and agreements", "blue", "#3b7dd8", (EventType.NEGOTIATION, EventType.AGREEMENT)),
    Family("deal", "the deal made", "green", "#2f9e44", (EventType.CONTRACT, EventType.PAYMENT, EventType.APPROVAL)),
    Family("hardware", "the hardware", "cyan", "#1098ad", (EventType.DELIVERY, EventType.TEST, EventType.DEPLOYMENT)),
    Family("asking", "asking and offering", "magenta", "#ae3ec9", (EventType.REQUEST, EventType.OFFER)),
    Family(
        "pressure",
        "pressure and ending",
        "red",
        "#e03131",
        (EventType.SANCTION, EventType.SUSPENSION, EventType.CANCELLATION),
    ),
    Family("words", "words", "default", "#868e96", (EventType.STATEMENT,)),
)

FAMILY_OF: dict[EventType, Family] = {event_type: family for family in FAMILIES for event_type in family.types}
