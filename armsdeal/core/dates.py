"""EDTF dates: the subset of ISO 8601-2 (Library of Congress EDTF) curators need.

Supported (docs/format.md has the table of every form, its bounds and wording):

- ``2017``, ``2017-09``, ``2017-09-12``, each optionally followed by a
  qualifier ``~`` (approximate), ``?`` (uncertain) or ``%`` (both);
- per-part qualifiers (Level 2): ``2019-07-~12`` (the day approximate),
  ``?2019-07-12`` or ``2019?-07-12`` (the year uncertain), ``2019-07~-12``
  (year and month approximate);
- seasons ``2019-21`` to ``2019-24`` (spring, summer, autumn, winter) and the
  Level 2 quarters ``33``-``36``, thirds ``37``-``39`` and halves ``40``-``41``;
- unspecified digits (Level 1): ``201X``, ``20XX``, ``2019-XX``,
  ``2019-XX-XX``, ``2019-07-XX``;
- one of a set (Level 2): ``[2017-09-11,2017-09-12]`` (at least two dates);
- intervals ``START/END`` whose ends are such dates (not sets), ``..`` for an
  open end (still going) or nothing for an unknown end (``2019/``).

Written by hand on purpose: the ``edtf`` package parses all of EDTF but costs
about 4 ms a date and 110 ms of import, which a collection of thousands of
timelines cannot afford. The common forms are one regular expression and a
``datetime.date`` construction; the rarer ones take a second, slower path.
Nothing here accepts what the specification rules out (tests/core/test_edtf_reference.py
compares it with the ``edtf`` package).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, fields
from datetime import date
from enum import IntEnum
from typing import ClassVar

from dateutil.relativedelta import relativedelta


class Precision(IntEnum):
    """How much of a date is known. Higher is more precise (only the order of the values means anything)."""

    CENTURY = 5  # 20XX
    DECADE = 8  # 201X
    YEAR = 10
    SEASON = 15  # a season, quarter, third or half of a year
    MONTH = 20
    DAY = 30


class DateSyntaxError(ValueError):
    """A string that is not an EDTF date of the supported subset."""


_POINT = re.compile(
    # [0-9], not \d: Python's \d also matches Arabic-Indic and full-width digits.
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<qualifier>[~?%])?"
)
# Level 2 qualification of individual parts: a qualifier before a part is about that
# part; one after the year or month is about it and the parts before it.
_PARTS = re.compile(
    r"(?P<yl>[~?%])?(?P<year>[0-9]{4})(?P<yr>[~?%])?"
    r"(?:-(?P<ml>[~?%])?(?P<month>[0-9]{2})(?P<mr>[~?%])?(?:-(?P<dl>[~?%])?(?P<day>[0-9]{2}))?)?"
)
# Level 1 unspecified digits: the last one or two of the year, or the whole month and/or day.
_UNSPECIFIED = re.compile(r"(?P<year>[0-9]{2}(?:[0-9][0-9X]|XX))(?:-(?P<month>[0-9]{2}|XX)(?:-(?P<day>[0-9]{2}|XX))?)?")
_OPEN = ".."
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUALIFIER_BITS = {None: 0, "~": 1, "?": 2, "%": 3}
APPROXIMATE, UNCERTAIN = 1, 2

# Season code -> (first month, last month, words). Winter runs from December into
# the next year's February; the quarters, thirds and halves are of the calendar year.
SEASONS: dict[int, tuple[int, int, str]] = {
    21: (3, 5, "spring"),
    22: (6, 8, "summer"),
    23: (9, 11, "autumn"),
    24: (12, 2, "winter"),
    33: (1, 3, "Q1"),
    34: (4, 6, "Q2"),
    35: (7, 9, "Q3"),
    36: (10, 12, "Q4"),
    37: (1, 4, "Jan-Apr"),
    38: (5, 8, "May-Aug"),
    39: (9, 12, "Sep-Dec"),
    40: (1, 6, "first half of"),
    41: (7, 12, "second half of"),
}
_SEASON_HINT = "seasons are 21 to 24 for spring to winter, quarters 33 to 36, thirds 37 to 39, halves 40 and 41"

# What a date with unspecified digits leaves open (DatePoint.unspecified).
DECADE_UNSPECIFIED = "decade"  # 201X: year holds 2010
CENTURY_UNSPECIFIED = "century"  # 20XX: year holds 2000
MONTH_UNSPECIFIED = "month"  # 2019-XX
MONTH_DAY_UNSPECIFIED = "month-day"  # 2019-XX-XX
DAY_UNSPECIFIED = "day"  # 2019-07-XX


# Pickling (the collection index stores timelines pickled): dataclass(slots=True)'s own __getstate__ and
# __setstate__ call dataclasses.fields() for every date, half of a register timeline's pickling time.
# Each class below names these in its body (a dataclass adds its own unless the body has them).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(field.name for field in fields(cls))
    return names


def _getstate(self: object) -> tuple[object, ...]:
    return tuple([getattr(self, name) for name in _field_names(type(self))])


def _setstate(self: object, state: tuple[object, ...]) -> None:
    for name, value in zip(_field_names(type(self)), state, strict=True):
        object.__setattr__(self, name, value)


@dataclass(frozen=True, slots=True)
class DatePoint:
    """One calendar date known to a precision, possibly approximate or uncertain.

    ``approximate``/``uncertain`` qualify the whole date (``2019-07-12~``);
    ``parts`` holds Level 2 qualifiers of single parts (year, month, day) as bits
    (1 approximate, 2 uncertain) when they differ between parts (``2019-07-~12``).
    ``season`` is a season code (21-24, 33-41) in place of a month;
    ``unspecified`` says which digits are unspecified (the ``*_UNSPECIFIED`` names).
    """

    __getstate__ = _getstate
    __setstate__ = _setstate

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False
    # Fields of ExtendedPoint only: a class default here keeps the common dates at five
    # fields, which is most of what parsing costs (a frozen dataclass sets each field).
    parts: ClassVar[tuple[int, int, int]] = (0, 0, 0)
    season: ClassVar[int | None] = None
    unspecified: ClassVar[str | None] = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        if self.season is not None:
            return Precision.SEASON
        if self.unspecified == DECADE_UNSPECIFIED:
            return Precision.DECADE
        if self.unspecified == CENTURY_UNSPECIFIED:
            return Precision.CENTURY
        return Precision.YEAR

    @property
    def earliest(self) -> date:
        """The first day this date can mean."""
        if self.season is not None:
            return date(self.year, SEASONS[self.season][0], 1)
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        """The last day this date can mean."""
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)  # the earliest (no season beside a day)
        year = self.year
        if self.season is not None:
            first, month, _ = SEASONS[self.season]
            year += month < first  # winter ends in the next year
        elif self.unspecified == DECADE_UNSPECIFIED:
            year, month = year + 9, 12
        elif self.unspecified == CENTURY_UNSPECIFIED:
            year, month = year + 99, 12
        else:
            month = self.month or 12
        return date(year, month, _days_in_month(year, month))

    @property
    def is_approximate(self) -> bool:
        """Whether the date or any part of it is approximate."""
        return self.approximate or any(bits & APPROXIMATE for bits in self.parts)

    @property
    def is_uncertain(self) -> bool:
        """Whether the date or any part of it is uncertain."""
        return self.uncertain or any(bits & UNCERTAIN for bits in self.parts)

    @property
    def is_vague(self) -> bool:
        """A season or a date with unspecified digits: a span, not a calendar unit."""
        return self.season is not None or self.unspecified is not None

    def __str__(self) -> str:
        """The date in EDTF, canonical: per-part qualifiers written before their parts."""
        if self.unspecified is not None:
            return _unspecified_text(self)
        if self.season is not None:
            return f"{self.year:04d}-{self.season}"
        if self.parts != (0, 0, 0):
            year_q, month_q, day_q = (_SYMBOLS[bits] for bits in self.parts)
            text = f"{year_q}{self.year:04d}"
            if self.month is not None:
                text += f"-{month_q}{self.month:02d}"
            if self.day is not None:
                text += f"-{day_q}{self.day:02d}"
            return text
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + _qualifier_symbol(self.approximate, self.uncertain)


@dataclass(frozen=True, slots=True)
class ExtendedPoint(DatePoint):
    """A date with per-part qualifiers, a season, or unspecified digits (see DatePoint)."""

    __getstate__ = _getstate
    __setstate__ = _setstate

    parts: tuple[int, int, int] = (0, 0, 0)  # type: ignore[misc]  # a ClassVar of DatePoint
    season: int | None = None  # type: ignore[misc]
    unspecified: str | None = None  # type: ignore[misc]


_SYMBOLS = ("", "~", "?", "%")


def _unspecified_text(point: DatePoint) -> str:
    return _unspecified_digits(point) + _qualifier_symbol(point.approximate, point.uncertain)


def _unspecified_digits(point: DatePoint) -> str:
    kind = point.unspecified
    if kind == DECADE_UNSPECIFIED:
        return f"{point.year // 10:03d}X"
    if kind == CENTURY_UNSPECIFIED:
        return f"{point.year // 100:02d}XX"
    if kind == MONTH_UNSPECIFIED:
        return f"{point.year:04d}-XX"
    if kind == MONTH_DAY_UNSPECIFIED:
        return f"{point.year:04d}-XX-XX"
    return f"{point.year:04d}-{point.month:02d}-XX"


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """A date, interval or set as written in a timeline, with its meaning.

    ``start``/``end`` are ``None`` for an open end (``..``) or an unknown one
    (nothing: ``2019/``, then ``end_unknown`` is true). A single date has
    ``start is end``. One of a set (``[2019-07-12,2019-07-14]``) has its dates in
    ``members``, as written; ``start`` is the member that can be earliest and
    ``end`` the one that can be latest.
    """

    __getstate__ = _getstate
    __setstate__ = _setstate

    text: str
    start: DatePoint | None
    end: DatePoint | None
    # Fields of ExtendedDate only (see DatePoint.parts).
    members: ClassVar[tuple[DatePoint, ...]] = ()
    start_unknown: ClassVar[bool] = False
    end_unknown: ClassVar[bool] = False

    @property
    def is_interval(self) -> bool:
        return self.start is not self.end and not self.members

    @property
    def is_set(self) -> bool:
        return bool(self.members)

    @property
    def earliest(self) -> date:
        """The first day this date can mean (``date.min`` for an open or unknown start)."""
        return self.start.earliest if self.start is not None else date.min

    @property
    def latest(self) -> date:
        """The last day this date can mean (``date.max`` for an open or unknown end)."""
        return self.end.latest if self.end is not None else date.max

    @property
    def precision(self) -> Precision:
        """Of the start (of the end when the start is not known); of the coarsest member of a set."""
        if self.members:
            return min(member.precision for member in self.members)
        point = self.start or self.end
        assert point is not None  # the parser never builds "../.."
        return point.precision

    @property
    def points(self) -> tuple[DatePoint, ...]:
        """Every date written: the members of a set, or the known ends."""
        if self.members:
            return self.members
        if self.start is self.end:
            return (self.start,) if self.start is not None else ()
        return tuple(point for point in (self.start, self.end) if point is not None)

    def spans(self) -> tuple[tuple[date, date], ...]:
        """The stretches of days the date can mean, for drawing: one per member of a set, else one.

        A season, decade or interval is one stretch; an open or unknown end
        runs to ``date.min``/``date.max`` (see ``start_unknown``/``end_unknown``).
        """
        if self.members:
            return tuple((member.earliest, member.latest) for member in self.members)
        return ((self.earliest, self.latest),)

    @property
    def approximate(self) -> bool:
        """Whether any date written is approximate or uncertain, wholly or in part."""
        return any(p.is_approximate or p.is_uncertain for p in self.points)

    @property
    def vague(self) -> bool:
        """One of a set, a season or unspecified digits: a day cannot be counted from it exactly."""
        return bool(self.members) or any(p.is_vague for p in self.points)

    @property
    def meaning(self) -> tuple[object, ...]:
        """What the date says, without how it is spelled: equal for '2019~' and '~2019'."""
        return (self.start, self.end, self.members, self.start_unknown, self.end_unknown)

    def sort_key(self) -> tuple[date, date, int]:
        """The documented order (docs/format.md): earliest day, then latest day, finer precision first.

        An open or unknown start sorts by the earliest day of its end, so
        '../1899' comes before '1900'. Ties keep file order (sorting is stable).
        """
        start = self.start or self.end
        assert start is not None  # the parser never builds "../.."
        # self.latest and self.precision, without their calls (every event's key is made by check's rules).
        end = self.end
        precision = min(member.precision for member in self.members) if self.members else start.precision
        return (start.earliest, end.latest if end is not None else date.max, -precision)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class ExtendedDate(EdtfDate):
    """One of a set, or an interval with an unknown end (see EdtfDate)."""

    __getstate__ = _getstate
    __setstate__ = _setstate

    members: tuple[DatePoint, ...] = ()  # type: ignore[misc]  # a ClassVar of EdtfDate
    start_unknown: bool = False  # type: ignore[misc]
    end_unknown: bool = False  # type: ignore[misc]


def _alternatives(values: list[str]) -> str:
    return "(" + "|".join(values) + ")"


def schema_pattern() -> str:
    """The JSON Schema pattern of a date, built from the tables the parser checks against.

    Years 0001 to 9999, months 01 to 12, the days each month has (29 February in
    any year), the season codes of SEASONS, unspecified digits, sets of two or
    more points, and intervals with at least one known end. What it cannot say
    (29 February of a common year, which qualifier placements EDTF allows, the
    interval ends of Level 2, an interval's order) only `check` finds
    (docs/format.md, "What only check finds").
    """
    q = "[~?%]"
    year = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
    month = "(0[1-9]|1[0-2])"
    days_by_count = {31: "(0[1-9]|[12][0-9]|3[01])", 30: "(0[1-9]|[12][0-9]|30)", 28: "(0[1-9]|1[0-9]|2[0-9])"}
    by_count: dict[int, list[str]] = {}
    for number, days in enumerate(_MONTH_DAYS[1:], start=1):
        by_count.setdefault(days, []).append(f"{number:02d}")
    month_day = _alternatives(
        [f"{q}?{_alternatives(months)}{q}?-{q}?{days_by_count[count]}" for count, months in by_count.items()]
    )
    point = f"{q}?{year}{q}?(-({month_day}|{q}?{month}{q}?))?{q}?"
    season = f"{year}-{_alternatives([str(code) for code in SEASONS])}"
    unspecified = f"([0-9]{{3}}X|[0-9]{{2}}XX|{year}-(XX(-XX)?|{month}-XX))"
    known = f"({point}|{season}|{unspecified})"
    interval = rf"({known}/({known}|\.\.)?|(\.\.)?/{known})"
    one_of = rf"\[{point}(,{point})+\]"
    return f"^({one_of}|{known}|{interval})$"


def parse_edtf(text: str) -> EdtfDate:
    """Parse an EDTF date of the supported subset, or raise DateSyntaxError."""
    if text != text.strip():
        raise DateSyntaxError(f"'{text.strip()}' has spaces or line breaks around it; remove them")
    if "/" not in text:
        if text[:1] == "[":
            return _parse_set(text)
        point = _parse_point(text)
        return EdtfDate(text, point, point)
    start_text, _, end_text = text.partition("/")
    if start_text in (_OPEN, "") and end_text in (_OPEN, ""):
        raise DateSyntaxError(f"an interval needs at least one known end, not '{text}'")
    start = None if start_text in (_OPEN, "") else _parse_point(start_text)
    end = None if end_text in (_OPEN, "") else _parse_point(end_text)
    if _LEVEL_2.search(text) is not None:
        _check_level_2_interval(text, (start_text, end_text), start, end)
    if start_text and end_text:
        return EdtfDate(text, start, end)
    return ExtendedDate(text, start, end, start_unknown=start_text == "", end_unknown=end_text == "")


# In an interval: a qualifier before or inside a date, unspecified digits, a quarter, third or half.
_LEVEL_2 = re.compile(r"X|[~?%][-0-9]|-(?:3[3-9]|4[01])(?=/|$)")


def _check_level_2_interval(
    text: str, written: tuple[str, str], start: DatePoint | None, end: DatePoint | None
) -> None:
    """Per-part qualifiers, unspecified digits and quarters as interval ends: the combinations EDTF
    implementations agree on (tests/core/test_edtf_reference.py)."""
    ends = [point for point in (start, end) if point is not None]
    for point in ends:
        if (point.season or 0) > 24:
            raise DateSyntaxError(
                f"'{text}': a quarter, third or half of a year cannot end an interval; write months (2019-01/2019-06)"
            )
        if point.unspecified in (MONTH_UNSPECIFIED, MONTH_DAY_UNSPECIFIED):
            raise DateSyntaxError(f"'{text}': write '{point.year:04d}' for an interval end in an unknown month")
    if len(ends) < 2:
        raise DateSyntaxError(
            f"'{text}': an interval with a per-part qualifier or unspecified digits needs two known ends"
        )
    if any(end_text[-1:] in ("~", "?", "%") for end_text in written):
        raise DateSyntaxError(
            f"'{text}': with a per-part qualifier or unspecified digits at one end, qualify the other "
            "end's parts too (2019-~07/2019-08-~12), not the whole date"
        )


def _parse_point(text: str) -> DatePoint:
    match = _POINT.fullmatch(text)
    if match is None:
        return _parse_rare_point(text)
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    qualifier = match["qualifier"]
    if month is not None and day is None and month > 12:
        return _season(text, year, month, qualifier)
    _check_parts(text, year, month, day)
    return DatePoint(
        year,
        month,
        day,
        approximate=qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
    )


def _check_parts(text: str, year: int, month: int | None, day: int | None) -> None:
    if year == 0:
        raise DateSyntaxError(f"'{text}': year 0000 is not supported")
    if month is not None and not 1 <= month <= 12:
        raise DateSyntaxError(f"'{text}' has no month {month} (months are 01 to 12)")
    if day is not None and month is not None and not 1 <= day <= _days_in_month(year, month):
        raise DateSyntaxError(f"'{text}': {_MONTHS[month - 1]} {year} has no day {day}")


# Days in each month (index 1 to 12) of a common year: calendar.monthrange's second number, without the
# weekday it works out first (every date parsed and every latest day asks).
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """The number of days in ``month`` (1 to 12) of ``year``, as ``calendar.monthrange(year, month)[1]``."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _MONTH_DAYS[month]


def _season(text: str, year: int, code: int, qualifier: str | None) -> DatePoint:
    if year == 0:
        raise DateSyntaxError(f"'{text}': year 0000 is not supported")
    if code not in SEASONS:
        if 25 <= code <= 32:
            raise DateSyntaxError(f"'{text}': seasons of one hemisphere (25 to 32) are not supported ({_SEASON_HINT})")
        raise DateSyntaxError(f"'{text}' has no month or season {code} (months are 01 to 12; {_SEASON_HINT})")
    if qualifier is not None:
        raise DateSyntaxError(f"'{text}': a season takes no qualifier; write '{text[:-1]}' and say why in the note")
    if SEASONS[code][1] < SEASONS[code][0] and year == 9999:
        raise DateSyntaxError(f"'{text}': winter 9999 ends after the last supported year")
    return ExtendedPoint(year, season=code)


def _parse_rare_point(text: str) -> DatePoint:
    """Per-part qualifiers and unspecified digits: the forms the fast expression leaves out."""
    if text == "":
        raise DateSyntaxError("a date is empty: write YYYY, YYYY-MM or YYYY-MM-DD")
    if "X" in text:
        return _parse_unspecified(text)
    match = _PARTS.fullmatch(text)
    if match is None:
        raise DateSyntaxError(
            f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, "
            "optionally followed by ~ (approximate), ? (uncertain) or % (both)"
        )
    _check_qualifier_places(text, match)
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] is not None else None
    if month is not None and month > 12:
        raise DateSyntaxError(f"'{text}': a season takes no qualifier ({_SEASON_HINT})")
    _check_parts(text, year, month, day)
    return _qualified_point(match, year, month, day)


def _check_qualifier_places(text: str, match: re.Match[str]) -> None:
    """Refuse a year qualified twice, and a qualifier after the month that is not alone."""
    if match["yl"] and match["yr"]:
        raise DateSyntaxError(f"'{text}': qualify the year once, before or after it")
    others = match["yl"] or match["yr"] or match["ml"] or match["dl"]
    if match["mr"] and (others or match["day"] is None):
        # After the month with a day following (2019-07~-12) it qualifies year and month; the
        # reference implementation takes it with no other qualifier only.
        raise DateSyntaxError(
            f"'{text}': a qualifier after the month is about year and month; "
            "write it alone, or qualify each part before it (2019-~07-12)"
        )


def _qualified_point(match: re.Match[str], year: int, month: int | None, day: int | None) -> DatePoint:
    """The point with each part's qualifiers: a plain point when every part has the same ones."""
    bits = _QUALIFIER_BITS
    year_bits = bits[match["yl"]] | bits[match["yr"]] | bits[match["mr"]]
    month_bits = bits[match["ml"]] | bits[match["mr"]]
    day_bits = bits[match["dl"]]
    present = [year_bits] + ([month_bits] if month is not None else []) + ([day_bits] if day is not None else [])
    if len(set(present)) == 1:  # the same on every part: a qualifier of the whole date
        whole = present[0]
        return DatePoint(year, month, day, approximate=bool(whole & 1), uncertain=bool(whole & 2))
    parts = (year_bits, month_bits if month is not None else 0, day_bits if day is not None else 0)
    return ExtendedPoint(year, month, day, parts=parts)


def _parse_unspecified(text: str) -> DatePoint:
    qualifier = text[-1] if text[-1:] in ("~", "?", "%") else None
    point = _parse_unspecified_digits(text[:-1] if qualifier else text, text)
    if qualifier is None:
        return point
    return ExtendedPoint(
        point.year,
        point.month,
        approximate=qualifier in "~%",
        uncertain=qualifier in "?%",
        unspecified=point.unspecified,
    )


def _parse_unspecified_digits(text: str, written: str) -> DatePoint:
    match = _UNSPECIFIED.fullmatch(text)
    year_text = match["year"] if match else ""
    month_text, day_text = (match["month"], match["day"]) if match else (None, None)
    if (
        match is None
        or ("X" in year_text and month_text is not None)
        or (month_text == "XX" and day_text not in (None, "XX"))
    ):
        raise DateSyntaxError(
            f"'{written}' is not a date: X stands for unspecified digits at the end only "
            "(201X, 20XX, 2019-XX, 2019-07-XX, 2019-XX-XX), optionally followed by ~, ? or %"
        )
    if year_text.startswith("00") and "X" in year_text[2:] and year_text[2:3] in ("0", "X"):
        raise DateSyntaxError(f"'{text}': year 0000 is not supported")
    if year_text.endswith("XX"):
        return ExtendedPoint(int(year_text[:2]) * 100, unspecified=CENTURY_UNSPECIFIED)
    if year_text.endswith("X"):
        return ExtendedPoint(int(year_text[:3]) * 10, unspecified=DECADE_UNSPECIFIED)
    year = int(year_text)
    if month_text == "XX":
        _check_parts(text, year, None, None)
        return ExtendedPoint(year, unspecified=MONTH_UNSPECIFIED if day_text is None else MONTH_DAY_UNSPECIFIED)
    month = int(month_text) if month_text is not None else None
    _check_parts(text, year, month, None)
    if day_text != "XX" or month is None:
        raise DateSyntaxError(f"'{text}' is not a date")  # pragma: no cover - "X" is in the text
    return ExtendedPoint(year, month, unspecified=DAY_UNSPECIFIED)


def _parse_set(text: str) -> EdtfDate:
    if not text.endswith("]"):
        raise DateSyntaxError(f"'{text}': a set of possible dates ends with ']'")
    inner = text[1:-1]
    if any(c.isspace() for c in inner):
        raise DateSyntaxError(f"'{text}': write the dates of a set without spaces, separated by commas")
    if inner.startswith("..") or inner.endswith("..") or ".." in inner:
        raise DateSyntaxError(f"'{text}': ranges inside a set ('..') are not supported; list the dates")
    parts = inner.split(",")
    if len(parts) < 2:
        raise DateSyntaxError(f"'{text}': a set of possible dates needs two or more dates, separated by commas")
    members = []
    for part in parts:
        if part == "":
            raise DateSyntaxError(f"'{text}' has an empty place between commas")
        member = _parse_point(part)
        if member.is_vague:
            raise DateSyntaxError(f"'{text}': '{part}' cannot be one of a set; a set lists days, months or years")
        members.append(member)
    first = min(members, key=lambda point: point.earliest)
    last = max(members, key=lambda point: point.latest)
    return ExtendedDate(text, first, last, members=tuple(members))


def _qualifier_symbol(approximate: bool, uncertain: bool) -> str:
    if approximate and uncertain:
        return "%"
    if approximate:
        return "~"
    return "?" if uncertain else ""


_PART_NAMES = ("year", "month", "day")
_QUALIFIER_WORDS = {1: "approximate", 2: "uncertain", 3: "approximate and uncertain"}


# The two separators of the wording, chosen so that no two different dates read the same:
# RANGE joins the bounds of one vague date (May-Aug 2019, winter 2019-20, 2000-2099);
# INTERVAL joins the two ends of an interval (27 Aug to 15 Sep 2019).
RANGE = "-"
INTERVAL = " to "
# Words for a qualifier of one end of an interval, where the other end has another.
_END_QUALIFIER = {(True, False): "approximate", (False, True): "uncertain", (True, True): "approximate and uncertain"}


def year_words(year: int) -> str:
    """'2019'; a year below 1000 with its era ('AD 99'), so that '4 Jul 99' cannot be read as 1999."""
    return str(year) if year >= 1000 else f"AD {year}"


def format_point(point: DatePoint, *, with_year: bool = True, with_month: bool = True) -> str:
    """Show a date at its precision: '2017', 'Sep 2017', '12 Sep 2017', '~Oct 2021', 'spring 2019', '2010s'."""
    if point.season is not None:
        return _season_words(point)
    if point.unspecified is not None:
        words, _, note = _unspecified_words(point).partition(" (")
        return _qualified(words, point) + (f" ({note}" if note else "")
    parts = []
    if point.day is not None:
        parts.append(str(point.day))
    if point.month is not None and with_month:
        parts.append(_MONTHS[point.month - 1])
    if with_year:
        parts.append(year_words(point.year))
    text = " ".join(parts)
    if point.parts != (0, 0, 0):
        return f"{text} ({_parts_words(point.parts)})"
    return _qualified(text, point)


def _qualified(text: str, point: DatePoint) -> str:
    return f"{'~' if point.approximate else ''}{text}{'?' if point.uncertain else ''}"


def _parts_words(parts: tuple[int, int, int]) -> str:
    """'day approximate', 'year uncertain, day approximate', 'year and month approximate'."""
    groups: dict[int, list[str]] = {}
    for name, bits in zip(_PART_NAMES, parts, strict=True):
        if bits:
            groups.setdefault(bits, []).append(name)
    return ", ".join(f"{' and '.join(names)} {_QUALIFIER_WORDS[bits]}" for bits, names in groups.items())


def _season_words(point: DatePoint) -> str:
    assert point.season is not None
    first, last, words = SEASONS[point.season]
    if last < first:  # winter 2019-20; winter 1999-2000 (never '1999-00'); winter AD 1-2
        following = point.year + 1
        short = f"{following % 100:02d}" if following // 100 == point.year // 100 and point.year >= 1000 else following
        return f"{words} {year_words(point.year)}{RANGE}{short}"
    return f"{words} {year_words(point.year)}"


def _unspecified_words(point: DatePoint) -> str:
    kind = point.unspecified
    year = year_words(point.year)
    if kind == DECADE_UNSPECIFIED:
        # '1900s' is read as the century: a decade that starts a century says it is one.
        return f"{year}s (decade)" if point.year % 100 == 0 else f"{year}s"
    if kind == CENTURY_UNSPECIFIED:
        return f"{year}s (century)"
    if kind == MONTH_UNSPECIFIED:
        return f"{year} (month unknown)"
    if kind == MONTH_DAY_UNSPECIFIED:
        return f"{year} (month and day unknown)"
    assert point.month is not None
    return f"{_MONTHS[point.month - 1]} {year} (day unknown)"


def format_date(value: EdtfDate) -> str:
    """Show a date for readers: '27 Aug to 15 Sep 2019', 'until 2017', '12 or 14 Jul 2019', 'since Aug 2022'.

    The one wording of dates for every output (terminal, Markdown, CSV, JSON
    'display', TimelineJS, Mermaid, and any renderer added later); docs/format.md
    lists every form with its wording (tests/core/test_date_wording.py holds it).
    """
    start, end = value.start, value.end
    if value.members:
        return _format_set(value.members)
    if not value.is_interval:
        assert start is not None
        return format_point(start)
    if value.end_unknown and start is not None:
        return f"from {format_point(start)}, end unknown"
    if value.start_unknown and end is not None:
        return f"until {format_point(end)}, start unknown"
    if end is None:
        assert start is not None
        return f"since {format_point(start)}"
    if start is None:
        return f"until {format_point(end)}"
    return _format_closed_interval(start, end)


# A date column's wording longer than this gives way to the span it covers (compact_date).
COMPACT_LONGEST = 14


def compact_date(value: EdtfDate) -> str:
    """A set or a long interval as the span of days it covers, for a narrow date column.

    '10, 11 or 12 Sep 2017' -> '10-12 Sep 2017', 'Sep to Oct 2021' -> 'Sep-Oct 2021',
    '30 Sep 2021 or Oct 2021' -> '30 Sep-Oct 2021'. Anything else, or a span with a
    qualifier or vague end, keeps format_date's wording, which --full and the event view
    always give.
    """
    full = format_date(value)
    if len(full) <= COMPACT_LONGEST or not (value.members or value.is_interval):
        return full
    points = value.members or (value.start, value.end)
    if any(point is None or point.is_vague or point.is_approximate or point.is_uncertain for point in points):
        return full
    first = min(points, key=lambda point: point.earliest)
    last = max(points, key=lambda point: point.latest)
    assert first is not None and last is not None
    if first.year != last.year:
        return f"{format_point(first)}{RANGE}{format_point(last)}"
    if first.precision is Precision.DAY and first.month == last.month and last.precision is Precision.DAY:
        return f"{first.day}{RANGE}{format_point(last)}"
    return f"{format_point(first, with_year=False)}{RANGE}{format_point(last)}"


def year_heading(value: EdtfDate) -> str:
    """The year a date is listed under in a chronology: '2019', '2010s', 'open start', 'start unknown'."""
    start = value.start
    if start is None:
        return "start unknown" if value.start_unknown else "open start"
    if start.precision < Precision.YEAR:
        return format_point(start)
    return year_words(start.year)


def _format_set(members: tuple[DatePoint, ...]) -> str:
    """'12 or 14 Jul 2019', 'Apr or Jul 2017', 'Apr 2017, 25 Jul 2017 or 12 Sep 2017'; a date given twice once."""
    members = tuple(dict.fromkeys(members))
    if len(members) == 1:
        return format_point(members[0])
    first = members[0]
    plain = all(not (m.is_approximate or m.is_uncertain) for m in members)
    same_precision = all(m.precision == first.precision for m in members)
    same_year = all(m.year == first.year for m in members)
    if plain and same_precision and same_year and first.precision > Precision.YEAR:
        same_month = first.precision is Precision.DAY and all(m.month == first.month for m in members)
        words = [format_point(m, with_year=False, with_month=not same_month) for m in members]
        month = " " + _MONTHS[first.month - 1] if same_month and first.month else ""
        return f"{_or_list(words)}{month} {year_words(first.year)}"
    return _or_list([format_point(m) for m in members])


def _or_list(words: list[str]) -> str:
    return f"{', '.join(words[:-1])} or {words[-1]}"


def _format_closed_interval(start: DatePoint, end: DatePoint) -> str:
    # Drop what both ends share ("27 Aug to 15 Sep 2019") only when the ends
    # have the same precision and no qualifier, so nothing is lost.
    if start == end:
        return format_point(start)  # 2019/2019 means 2019
    plain = not (start.is_approximate or start.is_uncertain or end.is_approximate or end.is_uncertain)
    plain = plain and not (start.is_vague or end.is_vague)
    shares_year = start.precision == end.precision > Precision.SEASON and start.year == end.year
    if plain and shares_year and (start.month, start.day) != (end.month, end.day):
        same_month = start.month == end.month and start.precision is Precision.DAY
        left = format_point(start, with_year=False, with_month=not same_month)
        return f"{left}{INTERVAL}{format_point(end)}"
    if (start.approximate, start.uncertain) != (end.approximate, end.uncertain):
        # '~12 Jul 2019 to 20 Jul 2019' reads as about the whole interval: the words go on their end.
        return f"{_end_words(start)}{INTERVAL}{_end_words(end)}"
    return f"{format_point(start)}{INTERVAL}{format_point(end)}"


def _end_words(point: DatePoint) -> str:
    """One end of an interval with its own qualifier in words: '12 Jul 2019 (approximate)'."""
    words = _END_QUALIFIER.get((point.approximate, point.uncertain))
    if words is None:
        return format_point(point)
    plain = ExtendedPoint(point.year, point.month, point.day, parts=point.parts, unspecified=point.unspecified)
    return f"{format_point(plain)} ({words})"


def describe_gap(before: EdtfDate, after: EdtfDate) -> str | None:
    """Time from one date to the next in words ('1 yr 10 mo later'); None for an open start."""
    gap = elapsed(before, after)
    if gap is None:
        return None
    prefix = "~" if gap.approximate else ""
    if gap.direction == "same":
        return prefix + gap.duration
    return f"{prefix}{gap.duration} {'later' if gap.direction == 'after' else 'earlier'}"


_SHORT_UNITS = {Precision.YEAR: "yr", Precision.MONTH: "mo", Precision.DAY: "d"}
_LONG_UNITS = {Precision.YEAR: "year", Precision.MONTH: "month", Precision.DAY: "day"}


def format_duration(delta: relativedelta, *, precision: Precision = Precision.DAY, spelled: bool = False) -> str | None:
    """'1 yr 10 mo', '3 mo 2 d', '12 d' (or, ``spelled``, '1 year 10 months'); None for a zero duration.

    The one wording of a duration: counted to ``precision`` (2019 -> 2020-03 at
    year precision is '1 yr'). Columns (show, compare) use the short units; the
    sentences of diff spell them out.
    """
    delta = abs(delta)
    counts = ((delta.years, Precision.YEAR), (delta.months, Precision.MONTH), (delta.days, Precision.DAY))
    parts = []
    for count, unit in counts:
        if count and precision >= unit:
            label = _LONG_UNITS[unit] + ("" if count == 1 else "s") if spelled else _SHORT_UNITS[unit]
            parts.append(f"{count} {label}")
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


def counting_precision(precision: Precision) -> Precision:
    """The unit time is counted in from a date of this precision: seasons, decades and centuries count in years."""
    return precision if precision >= Precision.MONTH else Precision.YEAR


def elapsed(since: EdtfDate, until: EdtfDate) -> Elapsed | None:
    """Time from ``since`` to ``until`` (negative if earlier); None when either start is open or unknown.

    Counted from the earliest day of each; approximate ('~') when either date
    is qualified, one of a set, a season or has unspecified digits.
    """
    if since.start is None or until.start is None:
        return None
    precision = counting_precision(min(since.precision, until.precision))
    start, end = _cut(since.earliest, precision), _cut(until.earliest, precision)
    # Always count forward from the earlier day, then carry the sign: relativedelta
    # counted backwards gives other day counts (15 Oct 2016 -> 5 Oct 2018 is 1 yr
    # 11 mo 20 d forwards but 21 d backwards).
    delta = relativedelta(end, start) if end >= start else -relativedelta(start, end)
    fuzzy = since.approximate or until.approximate or since.vague or until.vague
    return Elapsed(delta, precision, fuzzy)


def _cut(day: date, precision: Precision) -> date:
    if precision is Precision.YEAR:
        return date(day.year, 1, 1)
    if precision is Precision.MONTH:
        return date(day.year, day.month, 1)
    return day
