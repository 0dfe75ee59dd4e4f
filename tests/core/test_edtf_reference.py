"""armsdeal's date parser against the reference Python implementation of EDTF (the ``edtf`` package).

Over generated strings of every supported form and near misses of them:
armsdeal never accepts what the reference rejects, the reference accepts
every supported form, and where both accept they agree on the earliest and
latest day, except where armsdeal deliberately differs (EXCEPTIONS below).
"""

from __future__ import annotations

import contextlib
import io
from datetime import date
from typing import Any

import edtf
import pytest
from date_strings import near_misses, valid_dates
from edtf.parser.edtf_exceptions import EDTFParseException
from hypothesis import HealthCheck, example, given, settings

from armsdeal.core.dates import DateSyntaxError, EdtfDate, parse_edtf

# Where armsdeal and edtf 5.0.2 deliberately or unavoidably differ. Each is tested below.
EXCEPTIONS = {
    "whitespace": "edtf reads ' 2019' and '[2019, 2020]'; armsdeal refuses spaces anywhere",
    "non-leap 29 February": "edtf's grammar reads 2003-02-29; armsdeal refuses a day the calendar lacks",
    "open ends": "edtf 5.0.2 reads '2019/..' but fails (TypeError) computing its bounds: compared by acceptance only",
    "unknown ends": "edtf puts an unknown end 10 years from the known one; armsdeal leaves it unbounded",
    "winter": "edtf counts winter (24) as December only; armsdeal as December to the end of February",
}

ACCEPTS, REJECTS, CRASHES = "accepts", "rejects", "crashes"


def reference(text: str) -> tuple[str, Any]:
    """What edtf makes of a string: (ACCEPTS, bounds or None if it cannot say), (REJECTS, None) or (CRASHES, error)."""
    with contextlib.redirect_stdout(io.StringIO()):  # edtf prints its crashes
        try:
            parsed = edtf.parse_edtf(text)
        except EDTFParseException:
            return REJECTS, None
        except Exception as error:
            return CRASHES, error
    try:
        low, high = edtf.struct_time_to_date(parsed.lower_strict()), edtf.struct_time_to_date(parsed.upper_strict())
    except (TypeError, ValueError):
        return ACCEPTS, None  # '..' ends (TypeError); 2003-02-29 (ValueError)
    return ACCEPTS, (low, high)


def ours(text: str) -> EdtfDate | None:
    try:
        return parse_edtf(text)
    except DateSyntaxError:
        return None


def _compare(text: str, mine: EdtfDate, bounds: tuple[date, date]) -> None:
    low, high = bounds
    if not mine.start_unknown and mine.start is not None:
        assert mine.earliest == low, (text, mine.earliest, low)
    if mine.end_unknown or mine.end is None:
        return  # unknown ends: edtf guesses 10 years
    if mine.end.season == 24 and mine.end.latest.year > mine.end.year:
        assert high == date(mine.end.year, 12, 31), text  # winter: edtf stops at 31 December
        return
    assert mine.latest == high, (text, mine.latest, high)


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_dates)
@example("[2017-04,2017-07-25,2017-09-12]")
@example("2019-07-~12")
@example("201X/2015")
@example("2019-24/2020")
@example("~1900/1900-~01")
@example("/0001-21")
def test_every_supported_form_is_read_alike(text) -> None:
    """The reference reads every form armsdeal writes, with the same earliest and latest day."""
    mine = parse_edtf(text)
    verdict, detail = reference(text)
    assert verdict == ACCEPTS, (text, verdict, detail)
    if detail is not None:
        _compare(text, mine, detail)
    else:
        # "open ends": edtf cannot say; nor for an unknown start within 10 years of year 1 (it would be before it).
        assert ".." in text or (mine.start_unknown and mine.latest.year <= 10), text


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(near_misses())
def test_armsdeal_never_accepts_what_the_reference_rejects(text) -> None:
    """Near misses of valid dates: whatever armsdeal reads, the reference reads too, with the same days."""
    mine = ours(text)
    if mine is None:
        return
    verdict, detail = reference(text)
    assert verdict == ACCEPTS, (text, verdict, detail)
    if detail is not None:
        _compare(text, mine, detail)


@pytest.mark.parametrize(
    ("text", "exception"),
    [
        (" 2019", "whitespace"),
        ("[2019, 2020]", "whitespace"),
        ("2003-02-29", "non-leap 29 February"),
    ],
)
def test_the_reference_reads_what_armsdeal_refuses_on_purpose(text, exception) -> None:
    """The documented exceptions where armsdeal is stricter than the reference."""
    assert exception in EXCEPTIONS
    assert reference(text)[0] == ACCEPTS
    assert ours(text) is None


@pytest.mark.parametrize(
    ("text", "exception", "theirs"),
    [
        ("2019/", "unknown ends", (date(2019, 1, 1), date(2029, 1, 1))),
        ("2019-24", "winter", (date(2019, 12, 1), date(2019, 12, 31))),
        ("2019/..", "open ends", None),
    ],
)
def test_the_documented_differences_in_days(text, exception, theirs) -> None:
    """Where both read a date but mean other days, it is one of the listed exceptions."""
    assert exception in EXCEPTIONS
    assert reference(text) == (ACCEPTS, theirs)
    assert ours(text) is not None


@pytest.mark.parametrize("text", ["2019-XX/2020", "../203X", "[2019-XX,2020]"])
def test_where_the_reference_crashes_armsdeal_refuses_with_a_reason(text) -> None:
    """edtf fails on these (AttributeError, TypeError); armsdeal says what to write instead."""
    assert reference(text)[0] == CRASHES
    with pytest.raises(DateSyntaxError):
        parse_edtf(text)
