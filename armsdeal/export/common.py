"""What several exporters say the same way: date facts, year groups, source numbers."""

from __future__ import annotations

from collections.abc import Sequence

from armsdeal.core.chronology import Entry
from armsdeal.core.dates import EdtfDate, year_heading
from armsdeal.core.model import Event, Timeline


def precision_name(value: EdtfDate) -> str:
    """'day', 'month', 'season', 'year', 'decade' or 'century': of the start, or of
    the end when the start is not known; of the coarsest member of a set."""
    return value.precision.name.lower()


def earliest_iso(value: EdtfDate) -> str | None:
    """The first day the date can mean as YYYY-MM-DD; None for an open or unknown start."""
    return value.start.earliest.isoformat() if value.start is not None else None


def latest_iso(value: EdtfDate) -> str | None:
    """The last day the date can mean as YYYY-MM-DD; None for an open or unknown end."""
    return value.end.latest.isoformat() if value.end is not None else None


def is_uncertain(value: EdtfDate) -> bool:
    """Whether any date written is uncertain, wholly or in one part."""
    return any(point.is_uncertain for point in value.points)


def is_approximate(value: EdtfDate) -> bool:
    """Whether any date written is approximate, wholly or in one part."""
    return any(point.is_approximate for point in value.points)


def year_label(event: Event) -> str:
    """The year an event is listed under: that of its earliest day ('2010s' for 201X)."""
    heading = year_heading(event.date)
    return heading[0].upper() + heading[1:]


def document_entries(timelines: Sequence[Timeline]) -> list[Entry]:
    """Each timeline's chronology in turn: the order of a document with a section per deal."""
    return [Entry(timeline, event) for timeline in timelines for event in timeline.chronology]
