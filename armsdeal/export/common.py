"""What several exporters say the same way: date facts, year groups, source numbers."""

from __future__ import annotations

from collections.abc import Sequence

from armsdeal.core.chronology import Entry
from armsdeal.core.dates import EdtfDate
from armsdeal.core.model import Event, Timeline

OPEN_START_LABEL = "Open start"


def precision_name(value: EdtfDate) -> str:
    """'day', 'month' or 'year': of the start, or of the end when the start is open."""
    return value.precision.name.lower()


def earliest_iso(value: EdtfDate) -> str | None:
    """The first day the date can mean as YYYY-MM-DD; None for an open start."""
    return value.start.earliest.isoformat() if value.start is not None else None


def latest_iso(value: EdtfDate) -> str | None:
    """The last day the date can mean as YYYY-MM-DD; None for an open end."""
    return value.end.latest.isoformat() if value.end is not None else None


def is_uncertain(value: EdtfDate) -> bool:
    return any(point is not None and point.uncertain for point in (value.start, value.end))


def is_approximate(value: EdtfDate) -> bool:
    return any(point is not None and point.approximate for point in (value.start, value.end))


def year_label(event: Event) -> str:
    """The year an event is listed under: that of its earliest day."""
    return str(event.date.start.year) if event.date.start is not None else OPEN_START_LABEL


def document_entries(timelines: Sequence[Timeline]) -> list[Entry]:
    """Each timeline's chronology in turn: the order of a document with a section per deal."""
    return [Entry(timeline, event) for timeline in timelines for event in timeline.chronology]
