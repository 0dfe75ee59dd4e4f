"""EDTF dates: the subset of ISO 8601-2 (Library of Congress EDTF) curators need.

Supported: ``2017``, ``2017-09``, ``2017-09-12``, each optionally followed by a
qualifier ``~`` (approximate), ``?`` (uncertain) or ``%`` (both), and intervals
``START/END`` whose ends are such dates or ``..`` (open).

Written by hand on purpose: the ``edtf`` package parses all of EDTF but costs
about 5 ms a date and 110 ms of import, which a collection of thousands of
timelines cannot afford. This parser is a regular expression and a few
``datetime.date`` constructions.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from dateutil.relativedelta import relativedelta


class Precision(IntEnum):
    """How much of a date is known. Higher is more precise."""

    YEAR = 1
    MONTH = 2
    DAY = 3


class DateSyntaxError(ValueError):
    """A string that is not an EDTF date of the supported subset."""


_POINT = re.compile(
    # [0-9], not \d: Python's \d also matches Arabic-Indic and full-width digits.
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<qualifier>[~?%])?"
)
_OPEN = ".."
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class DatePoint:
    """One calendar date known to a precision, possibly approximate or uncertain."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def earliest(self) -> date:
        """The first day this date can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        """The last day this date can mean."""
        if self.day is not None:
            return self.earliest
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + _qualifier_symbol(self.approximate, self.uncertain)


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """A date or interval as written in a timeline, with its meaning.

    ``start``/``end`` are ``None`` for an open end (``..``). A single date has
    ``start is end``.
    """

    text: str
    start: DatePoint | None
    end: DatePoint | None

    @property
    def is_interval(self) -> bool:
        return self.start is not self.end

    @property
    def earliest(self) -> date:
        """The first day this date can mean (``date.min`` for an open start)."""
        return self.start.earliest if self.start is not None else date.min

    @property
    def latest(self) -> date:
        """The last day this date can mean (``date.max`` for an open end)."""
        return self.end.latest if self.end is not None else date.max

    @property
    def precision(self) -> Precision:
        point = self.start or self.end
        assert point is not None  # the parser never builds "../.."
        return point.precision

    @property
    def approximate(self) -> bool:
        return any(p is not None and (p.approximate or p.uncertain) for p in (self.start, self.end))

    def sort_key(self) -> tuple[date, int]:
        """Earliest day first; on the same day, more precise dates first."""
        return (self.earliest, -self.precision)

    def __str__(self) -> str:
        return self.text


def parse_edtf(text: str) -> EdtfDate:
    """Parse an EDTF date of the supported subset, or raise DateSyntaxError."""
    if text != text.strip():
        raise DateSyntaxError(f"'{text.strip()}' has spaces or line breaks around it; remove them")
    if "/" not in text:
        point = _parse_point(text)
        return EdtfDate(text, point, point)
    start_text, _, end_text = text.partition("/")
    if start_text == _OPEN and end_text == _OPEN:
        raise DateSyntaxError("an interval needs at least one known end, not '../..'")
    start = None if start_text == _OPEN else _parse_point(start_text)
    end = None if end_text == _OPEN else _parse_point(end_text)
    return EdtfDate(text, start, end)


def _parse_point(text: str) -> DatePoint:
    if text == "":
        raise DateSyntaxError("an interval end is empty: write '..' for an open end")
    match = _POINT.fullmatch(text)
    if match is None:
        raise DateSyntaxError(
            f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, "
            "optionally followed by ~ (approximate), ? (uncertain) or % (both)"
        )
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if year == 0:
        raise DateSyntaxError(f"'{text}': year 0000 is not supported")
    if month is not None and not 1 <= month <= 12:
        raise DateSyntaxError(f"'{text}' has no month {month} (months are 01 to 12)")
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DateSyntaxError(f"'{text}': {_MONTHS[month - 1]} {year} has no day {day}")
    qualifier = match["qualifier"]
    return DatePoint(
        year,
        month,
        day,
        approximate=qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
    )


def _qualifier_symbol(approximate: bool, uncertain: bool) -> str:
    if approximate and uncertain:
        return "%"
    if approximate:
        return "~"
    return "?" if uncertain else ""


def format_point(point: DatePoint, *, with_year: bool = True, with_month: bool = True) -> str:
    """Show a date at its precision: '2017', 'Sep 2017', '12 Sep 2017', '~Oct 2021'."""
    parts = []
    if point.day is not None:
        parts.append(str(point.day))
    if point.month is not None and with_month:
        parts.append(_MONTHS[point.month - 1])
    if with_year:
        parts.append(str(point.year))
    text = " ".join(parts)
    prefix = "~" if point.approximate else ""
    suffix = "?" if point.uncertain else ""
    return f"{prefix}{text}{suffix}"


def format_date(value: EdtfDate) -> str:
    """Show a date or interval for readers: '27 Aug - 15 Sep 2019', '.. - 2017'."""
    start, end = value.start, value.end
    if not value.is_interval:
        assert start is not None
        return format_point(start)
    if start is None or end is None:
        left = format_point(start) if start is not None else ".."
        right = format_point(end) if end is not None else ".."
        return f"{left} - {right}"
    return _format_closed_interval(start, end)


def _format_closed_interval(start: DatePoint, end: DatePoint) -> str:
    # Drop what both ends share ("27 Aug - 15 Sep 2019") only when the ends
    # have the same precision and no qualifier, so nothing is lost.
    if start == end:
        return format_point(start)  # 2019/2019 means 2019
    plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
    shares_year = start.precision == end.precision > Precision.YEAR and start.year == end.year
    if plain and shares_year and (start.month, start.day) != (end.month, end.day):
        same_month = start.month == end.month and start.precision is Precision.DAY
        left = format_point(start, with_year=False, with_month=not same_month)
        separator = "-" if same_month else " - "
        return f"{left}{separator}{format_point(end)}"
    return f"{format_point(start)} - {format_point(end)}"


def describe_gap(before: EdtfDate, after: EdtfDate) -> str | None:
    """Time from one date to the next in words ('1 yr 10 mo later'); None for an open start."""
    gap = elapsed(before, after)
    if gap is None:
        return None
    prefix = "~" if gap.approximate else ""
    if gap.direction == "same":
        return prefix + gap.duration
    return f"{prefix}{gap.duration} {'later' if gap.direction == 'after' else 'earlier'}"


def format_duration(delta: relativedelta, *, precision: Precision = Precision.DAY) -> str | None:
    """'1 yr 10 mo', '3 mo 2 d', '12 d'; None for a zero duration."""
    delta = abs(delta)
    parts = []
    if delta.years:
        parts.append(f"{delta.years} yr")
    if delta.months and precision >= Precision.MONTH:
        parts.append(f"{delta.months} mo")
    if delta.days and precision >= Precision.DAY:
        parts.append(f"{delta.days} d")
    return " ".join(parts) if parts else None


_SAME = {Precision.DAY: "same day", Precision.MONTH: "same month", Precision.YEAR: "same year"}


@dataclass(frozen=True, slots=True)
class Elapsed:
    """The time from one date to another, at the precision both dates allow."""

    delta: relativedelta
    precision: Precision
    approximate: bool

    @property
    def direction(self) -> str:
        """'after', 'before' or 'same'."""
        zero = relativedelta()
        if self.delta == zero:
            return "same"
        later = self.delta.years > 0 or self.delta.months > 0 or self.delta.days > 0
        return "after" if later else "before"

    @property
    def duration(self) -> str:
        """'1 yr 10 mo', or 'same month' for no time at this precision."""
        words = format_duration(self.delta, precision=self.precision)
        return words if words is not None else _SAME[self.precision]

    def words(self, reference: str = "contract") -> str:
        """'1 yr 10 mo after contract', '~4 mo before contract', 'same day as contract'."""
        prefix = "~" if self.approximate else ""
        if self.direction == "same":
            return f"{prefix}{self.duration} as {reference}"
        return f"{prefix}{self.duration} {self.direction} {reference}"


def elapsed(since: EdtfDate, until: EdtfDate) -> Elapsed | None:
    """Time from ``since`` to ``until`` (negative if earlier); None when either start is open."""
    if since.start is None or until.start is None:
        return None
    precision = min(since.precision, until.precision)
    start, end = _cut(since.earliest, precision), _cut(until.earliest, precision)
    # Always count forward from the earlier day, then carry the sign: relativedelta
    # counted backwards gives other day counts (15 Oct 2016 -> 5 Oct 2018 is 1 yr
    # 11 mo 20 d forwards but 21 d backwards).
    delta = relativedelta(end, start) if end >= start else -relativedelta(start, end)
    return Elapsed(delta, precision, since.approximate or until.approximate)


def _cut(day: date, precision: Precision) -> date:
    if precision is Precision.YEAR:
        return date(day.year, 1, 1)
    if precision is Precision.MONTH:
        return date(day.year, day.month, 1)
    return day
