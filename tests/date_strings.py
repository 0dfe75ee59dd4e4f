"""Hypothesis strategies for EDTF strings of every form armsdeal accepts, and near misses.

Shared by the date tests (order, schema pattern) and the differential test
against the ``edtf`` reference package (tests/core/test_edtf_reference.py).
"""

from __future__ import annotations

import calendar

from hypothesis import strategies as st

from armsdeal.core.dates import parse_edtf

QUALIFIERS = ["~", "?", "%"]
SEASON_CODES = [21, 22, 23, 24, 33, 34, 35, 36, 37, 38, 39, 40, 41]

years = st.one_of(st.integers(1900, 2100), st.integers(1, 9999))


@st.composite
def ymd(draw: st.DrawFn, precision: int | None = None) -> tuple[int, int | None, int | None]:
    """A valid (year, month, day) to a precision of 1 (year), 2 (month) or 3 (day)."""
    level = precision if precision is not None else draw(st.integers(1, 3))
    year = draw(years)
    month = draw(st.integers(1, 12)) if level >= 2 else None
    day = draw(st.integers(1, calendar.monthrange(year, month)[1])) if month is not None and level >= 3 else None
    return year, month, day


def _join(year: str, month: str | None, day: str | None) -> str:
    return year + (f"-{month}" if month is not None else "") + (f"-{day}" if day is not None else "")


@st.composite
def plain_point(draw: st.DrawFn) -> str:
    """2019, 2019-07, 2019-07-12, optionally with ~ ? % after it."""
    year, month, day = draw(ymd())
    text = _join(f"{year:04d}", None if month is None else f"{month:02d}", None if day is None else f"{day:02d}")
    return text + draw(st.sampled_from(["", *QUALIFIERS]))


@st.composite
def part_qualified_point(draw: st.DrawFn) -> str:
    """Level 2 qualifiers of single parts, in the combinations the reference implementation reads."""
    year, month, day = draw(ymd())
    q = st.sampled_from(["", *QUALIFIERS])
    month_text = None if month is None else f"{month:02d}"
    day_text = None if day is None else f"{day:02d}"
    if day is not None and draw(st.booleans()) and draw(st.booleans()):
        # 2019-07~-12: after the month, about year and month; alone.
        return f"{year:04d}-{month_text}{draw(st.sampled_from(QUALIFIERS))}-{day_text}"
    year_q = draw(q)
    year_text = f"{year_q}{year:04d}" if draw(st.booleans()) else f"{year:04d}{year_q}"
    if month_text is not None:
        month_text = draw(q) + month_text
    if day_text is not None:
        day_text = draw(q) + day_text
    return _join(year_text, month_text, day_text)


@st.composite
def season(draw: st.DrawFn) -> str:
    code = draw(st.sampled_from(SEASON_CODES))
    year = draw(years.filter(lambda y: y < 9999 or code != 24))
    return f"{year:04d}-{code}"


@st.composite
def unspecified(draw: st.DrawFn) -> str:
    year = draw(st.integers(100, 9999))
    form = draw(st.sampled_from(["decade", "century", "month", "month-day", "day"]))
    if form == "decade":
        return f"{year // 10:03d}X"
    if form == "century":
        return f"{year // 100:02d}XX"
    if form == "month":
        return f"{year:04d}-XX"
    if form == "month-day":
        return f"{year:04d}-XX-XX"
    return f"{year:04d}-{draw(st.integers(1, 12)):02d}-XX"


member = st.one_of(plain_point(), part_qualified_point())
point = st.one_of(plain_point(), part_qualified_point(), season(), unspecified())


@st.composite
def one_of_set(draw: st.DrawFn) -> str:
    return "[" + ",".join(draw(st.lists(member, min_size=2, max_size=4))) + "]"


@st.composite
def interval(draw: st.DrawFn) -> str:
    """START/END. Level 1 ends (qualified dates, seasons 21-24) may be open or unknown; Level 2 ends
    (per-part qualifiers, unspecified digits) need two known ends and no whole-date qualifier."""
    level_1_seasons = season().filter(lambda text: int(text[-2:]) <= 24)
    if draw(st.booleans()):
        ends = st.one_of(plain_point(), level_1_seasons, st.sampled_from(["..", ""]))
        start, end = draw(ends), draw(ends)
        if start in ("..", "") and end in ("..", ""):
            start = draw(plain_point())
    else:
        unqualified = plain_point().filter(lambda text: text[-1] not in QUALIFIERS)
        decade_or_day = unspecified().filter(
            lambda text: "-XX" not in text or (text.count("XX") == 1 and text[5] != "X")
        )
        inner = part_qualified_point().filter(lambda text: text[-1] not in QUALIFIERS)
        ends = st.one_of(unqualified, inner, level_1_seasons, decade_or_day)
        start, end = draw(ends), draw(ends)
    known = start not in ("..", "") and end not in ("..", "")
    # Ends in order: a reversed interval parses, but check reports it.
    if known and parse_edtf(start).earliest > parse_edtf(end).latest:
        start, end = end, start
    return f"{start}/{end}"


valid_dates = st.one_of(plain_point(), part_qualified_point(), season(), unspecified(), one_of_set(), interval())

# Strings near the valid ones: a valid date with a character replaced, inserted or removed.
ALPHABET = "0123456789X-~?%/[],. "


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    text = draw(valid_dates)
    edits = draw(st.integers(1, 2))
    for _ in range(edits):
        where = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["replace", "insert", "delete"]))
        char = draw(st.sampled_from(ALPHABET))
        if kind == "insert":
            text = text[:where] + char + text[where:]
        elif kind == "delete":
            text = text[:where] + text[where + 1 :]
        else:
            text = text[:where] + char + text[where + 1 :]
    return text
