"""The EDTF forms for vague or disputed dates: sets, seasons, unspecified digits, unknown ends, per-part qualifiers."""

from __future__ import annotations

import itertools
import random
import re
from datetime import date

import pytest
from date_strings import valid_dates
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.core.dates import DateSyntaxError, Precision, describe_gap, format_date, parse_edtf, year_heading
from armsdeal.core.model import _DATE_PATTERN

D = date
# (text, earliest, latest, precision, as shown)
FORMS = [
    ("[2017-09-11,2017-09-12]", D(2017, 9, 11), D(2017, 9, 12), Precision.DAY, "11 or 12 Sep 2017"),
    ("[2019-07-12,2019-07-14]", D(2019, 7, 12), D(2019, 7, 14), Precision.DAY, "12 or 14 Jul 2019"),
    (
        "[2017-04,2017-07-25,2017-09-12]",
        D(2017, 4, 1),
        D(2017, 9, 12),
        Precision.MONTH,
        "Apr 2017, 25 Jul 2017 or 12 Sep 2017",
    ),
    ("[2017-09-11,2017-10-02]", D(2017, 9, 11), D(2017, 10, 2), Precision.DAY, "11 Sep or 2 Oct 2017"),
    ("[2017,2016]", D(2016, 1, 1), D(2017, 12, 31), Precision.YEAR, "2017 or 2016"),
    ("[2019-07-12~,2019-08]", D(2019, 7, 12), D(2019, 8, 31), Precision.MONTH, "~12 Jul 2019 or Aug 2019"),
    ("2019-21", D(2019, 3, 1), D(2019, 5, 31), Precision.SEASON, "spring 2019"),
    ("2019-22", D(2019, 6, 1), D(2019, 8, 31), Precision.SEASON, "summer 2019"),
    ("2019-23", D(2019, 9, 1), D(2019, 11, 30), Precision.SEASON, "autumn 2019"),
    ("2019-24", D(2019, 12, 1), D(2020, 2, 29), Precision.SEASON, "winter 2019-20"),
    ("2019-33", D(2019, 1, 1), D(2019, 3, 31), Precision.SEASON, "Q1 2019"),
    ("2019-36", D(2019, 10, 1), D(2019, 12, 31), Precision.SEASON, "Q4 2019"),
    ("2019-38", D(2019, 5, 1), D(2019, 8, 31), Precision.SEASON, "May-Aug 2019"),
    ("2019-41", D(2019, 7, 1), D(2019, 12, 31), Precision.SEASON, "second half of 2019"),
    ("201X", D(2010, 1, 1), D(2019, 12, 31), Precision.DECADE, "2010s"),
    ("20XX", D(2000, 1, 1), D(2099, 12, 31), Precision.CENTURY, "2000s (century)"),
    ("2019-XX", D(2019, 1, 1), D(2019, 12, 31), Precision.YEAR, "2019 (month unknown)"),
    ("2019-XX-XX", D(2019, 1, 1), D(2019, 12, 31), Precision.YEAR, "2019 (month and day unknown)"),
    ("2019-07-XX", D(2019, 7, 1), D(2019, 7, 31), Precision.MONTH, "Jul 2019 (day unknown)"),
    ("2019/", D(2019, 1, 1), D.max, Precision.YEAR, "from 2019, end unknown"),
    ("/2019-07", D.min, D(2019, 7, 31), Precision.MONTH, "until Jul 2019, start unknown"),
    ("2019/..", D(2019, 1, 1), D.max, Precision.YEAR, "since 2019"),
    ("2019-07-~12", D(2019, 7, 12), D(2019, 7, 12), Precision.DAY, "12 Jul 2019 (day approximate)"),
    ("2019?-07-12", D(2019, 7, 12), D(2019, 7, 12), Precision.DAY, "12 Jul 2019 (year uncertain)"),
    ("2019-07~-12", D(2019, 7, 12), D(2019, 7, 12), Precision.DAY, "12 Jul 2019 (year and month approximate)"),
    (
        "?2019-07-%12",
        D(2019, 7, 12),
        D(2019, 7, 12),
        Precision.DAY,
        "12 Jul 2019 (year uncertain, day approximate and uncertain)",
    ),
    ("2019-21/2019-23", D(2019, 3, 1), D(2019, 11, 30), Precision.SEASON, "spring 2019 to autumn 2019"),
    ("201X/2015", D(2010, 1, 1), D(2015, 12, 31), Precision.DECADE, "2010s to 2015"),
]


class TestForms:
    @pytest.mark.parametrize(("text", "earliest", "latest", "precision", "shown"), FORMS)
    def test_each_form_has_bounds_a_precision_and_a_wording(self, text, earliest, latest, precision, shown) -> None:
        """Earliest and latest day (of a set: of its members), precision and the reader's wording."""
        parsed = parse_edtf(text)
        assert (parsed.earliest, parsed.latest, parsed.precision) == (earliest, latest, precision)
        assert format_date(parsed) == shown
        assert str(parsed) == text

    def test_a_whole_date_qualifier_written_on_each_part_means_the_same(self) -> None:
        """'~2019' is '2019~', '?2019-?07' is '2019-07?': the same meaning, so diff sees no change."""
        assert parse_edtf("~2019").meaning == parse_edtf("2019~").meaning
        assert parse_edtf("?2019-?07").meaning == parse_edtf("2019-07?").meaning
        assert parse_edtf("2019-07-~12").meaning != parse_edtf("2019-07-12~").meaning

    def test_unknown_and_open_ends_differ_in_meaning_not_in_days(self) -> None:
        """'2019/' (end not reported) and '2019/..' (still going) span the same days but say different things."""
        unknown, still_going = parse_edtf("2019/"), parse_edtf("2019/..")
        assert (unknown.earliest, unknown.latest) == (still_going.earliest, still_going.latest)
        assert unknown.meaning != still_going.meaning
        assert unknown.end_unknown and not still_going.end_unknown

    def test_a_set_keeps_its_members_in_written_order(self) -> None:
        """Members stay as written; start and end are the members that can be earliest and latest."""
        parsed = parse_edtf("[2017-09-12,2017-04,2017-07-25]")
        assert [str(m) for m in parsed.members] == ["2017-09-12", "2017-04", "2017-07-25"]
        assert (str(parsed.start), str(parsed.end)) == ("2017-04", "2017-09-12")
        assert parsed.is_set and not parsed.is_interval

    def test_a_set_is_drawn_as_its_members_and_a_season_as_its_span(self) -> None:
        """spans(): what a chart draws (one stretch per possible date of a set)."""
        assert parse_edtf("[2017-04,2017-09-12]").spans() == ((D(2017, 4, 1), D(2017, 4, 30)), (D(2017, 9, 12),) * 2)
        assert parse_edtf("2019-24").spans() == ((D(2019, 12, 1), D(2020, 2, 29)),)
        assert parse_edtf("2019/").spans() == ((D(2019, 1, 1), D.max),)

    @pytest.mark.parametrize(
        ("text", "heading"),
        [("201X", "2010s"), ("2019-24", "2019"), ("/2019", "start unknown"), ("../2019", "open start")],
    )
    def test_chronologies_file_dates_under_a_heading(self, text, heading) -> None:
        assert year_heading(parse_edtf(text)) == heading

    def test_gaps_from_vague_dates_are_approximate_years(self) -> None:
        """A season, decade or set counts in years (or the finer unit both allow) and says '~'."""
        assert describe_gap(parse_edtf("2019-21"), parse_edtf("2020-07-01")) == "~1 yr later"
        assert describe_gap(parse_edtf("[2019-07-12,2019-07-14]"), parse_edtf("2019-07-20")) == "~8 d later"
        assert describe_gap(parse_edtf("2019/"), parse_edtf("2019-07")) == "same year"


# (text, what the message must say to help)
REFUSED = [
    ("2019-25", "hemisphere"),
    ("2019-42", "seasons are 21 to 24"),
    ("2019-13", "months are 01 to 12"),
    ("2019-21~", "a season takes no qualifier"),
    ("2019-21-01", "no month 21"),
    ("9999-24", "winter 9999"),
    ("201X-07", "X stands for unspecified digits at the end only"),
    ("2019-XX-12", "at the end only"),
    ("2019-1X", "at the end only"),
    ("000X", "year 0000"),
    ("2019~-07~-12", "after the month"),
    ("~2019~", "qualify the year once"),
    ("2019-07-~12?", "is not a date"),
    ("[2019]", "two or more"),
    ("[2019, 2020]", "without spaces"),
    ("[2019,,2020]", "empty place"),
    ("[2019,2020", "ends with ']'"),
    ("[2019..2020]", "not supported"),
    ("[2019-21,2020]", "cannot be one of a set"),
    ("[2019,2020]/2021", "is not a date"),
    ("/", "at least one known end"),
    ("/..", "at least one known end"),
    ("../", "at least one known end"),
    ("2003-02-29", "has no day 29"),
]


class TestRefused:
    @pytest.mark.parametrize(("text", "hint"), REFUSED)
    def test_near_misses_are_refused_with_a_hint(self, text, hint) -> None:
        with pytest.raises(DateSyntaxError, match=re.escape(hint)):
            parse_edtf(text)


class TestOrderProperties:
    @given(st.lists(valid_dates, min_size=1, max_size=12), st.randoms(use_true_random=False))
    def test_the_order_is_total_stable_and_agrees_with_the_bounds(self, texts, rnd: random.Random) -> None:
        """Sorted by sort_key: the same sequence of keys from any input order, ties in input order,
        and a date wholly before another (its latest day before the other's earliest) comes first."""
        parsed = [parse_edtf(text) for text in texts]
        ordered = sorted(enumerate(parsed), key=lambda pair: pair[1].sort_key())
        shuffled = parsed[:]
        rnd.shuffle(shuffled)
        assert [d.sort_key() for _, d in ordered] == [
            d.sort_key() for d in sorted(shuffled, key=lambda d: d.sort_key())
        ]
        for (i, a), (j, b) in itertools.pairwise(ordered):
            assert a.sort_key() <= b.sort_key()
            if a.sort_key() == b.sort_key():
                assert i < j  # file order breaks ties
        for x, (_, a) in enumerate(ordered):
            for _, b in ordered[:x]:
                # Nothing sorted before `a` lies wholly after it.
                assert not (a.latest < b.earliest)

    @given(valid_dates)
    def test_every_accepted_date_has_ordered_bounds_and_a_wording(self, text) -> None:
        parsed = parse_edtf(text)
        assert parsed.earliest <= parsed.latest
        assert format_date(parsed)
        for point in parsed.points:
            assert parse_edtf(str(point)).start == point  # the canonical text reads back the same

    @given(valid_dates)
    def test_the_sort_key_is_earliest_start_latest_day_and_finer_precision_first(self, text) -> None:
        """sort_key works its parts out without the properties' calls: the same as from them."""
        parsed = parse_edtf(text)
        start = parsed.start or parsed.end
        assert start is not None
        assert parsed.sort_key() == (start.earliest, parsed.latest, -parsed.precision)
        for point in parsed.points:
            if point.day is not None:
                assert point.latest == point.earliest

    @given(valid_dates)
    def test_the_json_schema_pattern_accepts_every_date_the_parser_accepts(self, text) -> None:
        """Editors using the schema never flag a date armsdeal reads."""
        assert re.match(_DATE_PATTERN, text)


@given(valid_dates)
def test_a_date_pickles_to_itself_with_every_field(text: str) -> None:
    """Dates are pickled in the collection index by their own __getstate__ (dates.py): the same state as
    dataclasses' (every field of the class, ExtendedDate's and ExtendedPoint's included), back to an equal date."""
    import dataclasses
    import pickle

    parsed = parse_edtf(text)
    for value in (parsed, parsed.start, parsed.end):
        if value is None:
            continue
        assert value.__getstate__() == tuple(getattr(value, field.name) for field in dataclasses.fields(value))
        again = pickle.loads(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        assert again == value and type(again) is type(value)
        assert all(getattr(again, field.name) == getattr(value, field.name) for field in dataclasses.fields(value))
