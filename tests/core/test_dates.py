"""EDTF dates: the subset curators use, checked against the specification's own examples."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.core.dates import (
    DatePoint,
    DateSyntaxError,
    Precision,
    _days_in_month,
    describe_gap,
    format_date,
    format_duration,
    parse_edtf,
)

# Examples from the Library of Congress EDTF specification (2019), levels 0 and 1,
# restricted to the features armsdeal supports: (text, earliest, latest, precision).
SPEC_EXAMPLES = [
    ("1985-04-12", date(1985, 4, 12), date(1985, 4, 12), Precision.DAY),
    ("1985-04", date(1985, 4, 1), date(1985, 4, 30), Precision.MONTH),
    ("1985", date(1985, 1, 1), date(1985, 12, 31), Precision.YEAR),
    ("1964/2008", date(1964, 1, 1), date(2008, 12, 31), Precision.YEAR),
    ("2004-06/2006-08", date(2004, 6, 1), date(2006, 8, 31), Precision.MONTH),
    ("2004-02-01/2005-02-08", date(2004, 2, 1), date(2005, 2, 8), Precision.DAY),
    ("2004-02-01/2005-02", date(2004, 2, 1), date(2005, 2, 28), Precision.DAY),
    ("2004-02-01/2005", date(2004, 2, 1), date(2005, 12, 31), Precision.DAY),
    ("2005/2006-02", date(2005, 1, 1), date(2006, 2, 28), Precision.YEAR),
    ("1984?", date(1984, 1, 1), date(1984, 12, 31), Precision.YEAR),
    ("2004-06~", date(2004, 6, 1), date(2004, 6, 30), Precision.MONTH),
    ("2004-06-11%", date(2004, 6, 11), date(2004, 6, 11), Precision.DAY),
    ("1985-04-12/..", date(1985, 4, 12), date.max, Precision.DAY),
    ("../1985-04-12", date.min, date(1985, 4, 12), Precision.DAY),
    ("1985-04/..", date(1985, 4, 1), date.max, Precision.MONTH),
    ("1984~/2004-06", date(1984, 1, 1), date(2004, 6, 30), Precision.YEAR),
    ("1984/2004-06~", date(1984, 1, 1), date(2004, 6, 30), Precision.YEAR),
    ("1984?/2004%", date(1984, 1, 1), date(2004, 12, 31), Precision.YEAR),
    ("2004-02-29", date(2004, 2, 29), date(2004, 2, 29), Precision.DAY),
]

# Valid EDTF that armsdeal deliberately does not support, and plain mistakes.
REJECTED = [
    "2001-02-03T09:30:01",  # level 0 date-time: timelines record days
    "Y170000002",  # level 1 long year
    "-1985",  # negative year
    "../..",
    "/",  # an interval needs a known end
    "../",
    "/..",
    "2004-06-11?~",  # two qualifiers
    "2003-02-29",  # not a leap year
    "2017-13",
    "2017-00",
    "2017-09-31",
    "0000",
    "17-09-12",
    "12 Sep 2017",
    "",
]


class TestParse:
    @pytest.mark.parametrize(("text", "earliest", "latest", "precision"), SPEC_EXAMPLES)
    def test_spec_examples_mean_what_the_spec_says(self, text, earliest, latest, precision) -> None:
        """Each example's range of days and precision follow the specification."""
        parsed = parse_edtf(text)
        assert (parsed.earliest, parsed.latest, parsed.precision) == (earliest, latest, precision)
        assert str(parsed) == text

    @pytest.mark.parametrize("text", REJECTED)
    def test_unsupported_and_wrong_dates_are_refused_with_a_reason(self, text) -> None:
        """Anything outside the subset raises DateSyntaxError with a message naming the text."""
        with pytest.raises(DateSyntaxError) as raised:
            parse_edtf(text)
        assert str(raised.value)

    def test_qualifiers_set_the_flags(self) -> None:
        """~ is approximate, ? uncertain, % both."""
        assert parse_edtf("2021-10~").start == DatePoint(2021, 10, approximate=True)
        assert parse_edtf("2021?").start == DatePoint(2021, uncertain=True)
        assert parse_edtf("2021%").start == DatePoint(2021, approximate=True, uncertain=True)

    @given(
        st.dates(min_value=date(1, 1, 1)),
        st.sampled_from([Precision.YEAR, Precision.MONTH, Precision.DAY]),
        st.sampled_from(["", "~", "?", "%"]),
    )
    def test_every_written_date_parses_back_to_itself(self, day, precision, qualifier) -> None:
        """Writing a point and parsing it again gives the same point, and earliest <= latest."""
        point = DatePoint(
            day.year,
            day.month if precision >= Precision.MONTH else None,
            day.day if precision is Precision.DAY else None,
            approximate=qualifier in ("~", "%"),
            uncertain=qualifier in ("?", "%"),
        )
        parsed = parse_edtf(str(point))
        assert parsed.start == point
        assert parsed.earliest <= parsed.latest
        assert format_date(parsed)


class TestOrder:
    def test_sorts_by_earliest_day_then_finer_precision_first(self) -> None:
        """On the same earliest day, the more precise date comes first."""
        texts = ["2019", "2019-07", "2019-07-01", "2018-12-31", "2019-01-01"]
        ordered = sorted(texts, key=lambda t: parse_edtf(t).sort_key())
        assert ordered == ["2018-12-31", "2019-01-01", "2019", "2019-07-01", "2019-07"]

    def test_open_starts_sort_by_their_end(self) -> None:
        """'../1899' is before '../2024-03' and before 1900; the end's date decides, not its precision."""
        texts = ["../2024-03", "1900", "../1899", "0001-01~"]
        ordered = sorted(texts, key=lambda t: parse_edtf(t).sort_key())
        assert ordered == ["0001-01~", "../1899", "1900", "../2024-03"]

    def test_same_earliest_day_sorts_by_latest_day(self) -> None:
        """Of two dates starting on one day, the one that ends first comes first."""
        texts = ["2019-01-01/2019-12-31", "2019-01", "2019-01-01/2019-01-15"]
        ordered = sorted(texts, key=lambda t: parse_edtf(t).sort_key())
        assert ordered == ["2019-01-01/2019-01-15", "2019-01", "2019-01-01/2019-12-31"]


class TestFormat:
    @pytest.mark.parametrize(
        ("text", "shown"),
        [
            ("2017", "2017"),
            ("2017-09", "Sep 2017"),
            ("2017-09-12", "12 Sep 2017"),
            ("2021-10~", "~Oct 2021"),
            ("2017-04?", "Apr 2017?"),
            ("2019%", "~2019?"),
            ("2019-08-27/2019-09-15", "27 Aug to 15 Sep 2019"),
            ("2019-07-12/2019-07-25", "12 to 25 Jul 2019"),
            ("2018-12-30/2019-01-02", "30 Dec 2018 to 2 Jan 2019"),
            ("2021-11/2021-12", "Nov to Dec 2021"),
            ("2021-09-30/2021-10", "30 Sep 2021 to Oct 2021"),
            ("2022-08/..", "since Aug 2022"),
            ("../2017", "until 2017"),
            ("2019-08~/2019-09", "Aug 2019 (approximate) to Sep 2019"),
        ],
    )
    def test_dates_show_at_their_precision(self, text, shown) -> None:
        """Readers see the precision the curator wrote, not a made-up day."""
        assert format_date(parse_edtf(text)) == shown


class TestGap:
    @pytest.mark.parametrize(
        ("before", "after", "words"),
        [
            ("2017-09-12", "2019-07-12", "1 yr 10 mo later"),
            ("2017-09", "2019-07-12", "1 yr 10 mo later"),
            ("2017", "2019-07-12", "2 yr later"),
            ("2019-08-27", "2019-09-15", "19 d later"),
            ("2019-07-12", "2019-07-12", "same day"),
            ("2019", "2019-05", "same year"),
            ("../2017", "2019", None),
        ],
    )
    def test_gap_is_measured_to_the_coarser_precision(self, before, after, words) -> None:
        """The gap between events never claims more precision than either date has."""
        assert describe_gap(parse_edtf(before), parse_edtf(after)) == words

    def test_durations_read_naturally(self) -> None:
        """Years, months and days, leaving out zero parts."""
        assert format_duration(relativedelta(years=3, months=1)) == "3 yr 1 mo"
        assert format_duration(relativedelta(days=12)) == "12 d"
        assert format_duration(relativedelta()) is None


class TestEdgeCases:
    @pytest.mark.parametrize(
        ("text", "shown"),
        [
            ("2019/2019", "2019"),
            ("2019-03/2019-03", "Mar 2019"),
            ("2019-09-12/2019-09-12", "12 Sep 2019"),
            ("2019/2021", "2019 to 2021"),
            ("0001-01-01", "1 Jan AD 1"),
        ],
    )
    def test_intervals_with_equal_ends_read_as_one_date(self, text, shown) -> None:
        """An interval whose ends are the same date shows that date once."""
        assert format_date(parse_edtf(text)) == shown

    @pytest.mark.parametrize("text", ["٢٠١٧", "２０１７", "2017\n", " 2017"])
    def test_only_ascii_digits_and_no_surrounding_space(self, text) -> None:
        """Other scripts' digits and stray whitespace are refused (editors' JSON Schema agrees)."""
        with pytest.raises(DateSyntaxError):
            parse_edtf(text)

    def test_durations_backwards_mirror_durations_forwards(self) -> None:
        """15 Oct 2016 -> 5 Oct 2018 is 1 yr 11 mo 20 d in both directions."""
        from armsdeal.core.dates import elapsed

        forward = elapsed(parse_edtf("2016-10-15"), parse_edtf("2018-10-05"))
        backward = elapsed(parse_edtf("2018-10-05"), parse_edtf("2016-10-15"))
        assert forward is not None and backward is not None
        assert (forward.duration, forward.direction) == ("1 yr 11 mo 20 d", "after")
        assert (backward.duration, backward.direction) == ("1 yr 11 mo 20 d", "before")

    @given(st.dates(min_value=date(1900, 1, 1)), st.dates(min_value=date(1900, 1, 1)))
    def test_elapsed_is_antisymmetric(self, first, second) -> None:
        """elapsed(a, b) and elapsed(b, a) have the same size and opposite directions."""
        from armsdeal.core.dates import elapsed

        a, b = parse_edtf(first.isoformat()), parse_edtf(second.isoformat())
        there, back = elapsed(a, b), elapsed(b, a)
        assert there is not None and back is not None
        assert there.duration == back.duration
        assert {there.direction, back.direction} in ({"same"}, {"after", "before"})


def test_days_in_month_are_calendar_s_for_every_supported_year() -> None:
    assert all(
        _days_in_month(year, month) == calendar.monthrange(year, month)[1]
        for year in range(1, 10000)
        for month in range(1, 13)
    )
