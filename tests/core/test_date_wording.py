"""Dates in words that cannot be misread: the table in docs/format.md is the code's wording, and no two
different dates read the same."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import ROOT
from date_strings import valid_dates
from hypothesis import given, settings
from hypothesis import strategies as st

from armsdeal.core.dates import DateSyntaxError, EdtfDate, format_date, parse_edtf

FORMAT_DOC = ROOT / "docs" / "format.md"


def table_rows() -> list[tuple[list[str], str, str, str]]:
    """(written forms, earliest, latest, shown as) of each row of the table of dates in docs/format.md."""
    text = FORMAT_DOC.read_text(encoding="utf-8").split("## Dates", 1)[1]
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].startswith("`"):
            rows.append((re.findall(r"`([^`]+)`", cells[0]), cells[2], cells[3], cells[5].strip("`")))
        elif rows and not line.startswith("|"):
            break
    return rows


ROWS = table_rows()


def test_the_table_covers_every_kind_of_form() -> None:
    written = {form for forms, *_ in ROWS for form in forms}
    for form in ("2017", "2019-24", "201X", "20XX", "201X~", "[2019-07-12,2019-07-12]", "2022-08/..", "../2017"):
        assert form in written, form


@pytest.mark.parametrize(("forms", "earliest", "latest", "shown"), ROWS, ids=[row[0][0] for row in ROWS])
def test_the_documented_wording_is_the_codes(forms: list[str], earliest: str, latest: str, shown: str) -> None:
    for form in forms:
        parsed = parse_edtf(form)
        assert format_date(parsed) == shown, form
        if earliest != "none":
            assert parsed.earliest == date.fromisoformat(earliest), form
        if latest != "none":
            assert parsed.latest == date.fromisoformat(latest), form


@settings(max_examples=400)
@given(st.lists(valid_dates, min_size=2, max_size=60))
def test_no_two_different_dates_read_the_same(texts: list[str]) -> None:
    seen: dict[str, tuple[str, object]] = {}
    for text in texts:
        parsed = parse_edtf(text)
        shown = format_date(parsed)
        if shown in seen:
            assert seen[shown][1] == sense(parsed), (seen[shown][0], text, shown)
        seen[shown] = (text, sense(parsed))


def sense(parsed: EdtfDate) -> object:
    """What a date says; a set that lists one date twice says that date."""
    members = tuple(dict.fromkeys(parsed.members))
    if len(members) == 1:
        return parse_edtf(str(members[0])).meaning
    return (parsed.start, parsed.end, members, *parsed.meaning[3:])


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("19XX", "1900/1999"),
        ("20XX", "2000/2099"),
        ("190X", "19XX"),
        ("2019-38", "2019-05/2019-08"),
        ("2019-07-01/2019-07-31", "2019-07"),
        ("0099-07-04", "1999-07-04"),
        ("2019-24", "2019/2020"),
    ],
)
def test_forms_once_confused_read_differently(one: str, other: str) -> None:
    assert format_date(parse_edtf(one)) != format_date(parse_edtf(other))


@pytest.mark.parametrize("text", ["20XX/2050", "2019-07-12~/2019-07-20", "2022-08/..", "../2017", "0001-24"])
def test_one_separator_per_meaning(text: str) -> None:
    """' - ' and '..' never appear: intervals say 'to', open ends 'since' and 'until'."""
    shown = format_date(parse_edtf(text))
    assert " - " not in shown and ".." not in shown
    assert not re.search(r"\b\d{1,3}-\d", shown.replace("AD ", "")) or "AD" in shown


def test_a_qualifier_after_unspecified_digits_is_accepted() -> None:
    """`201X~` is valid EDTF (the reference package reads it): approximately the 2010s."""
    parsed = parse_edtf("201X~")
    assert (parsed.earliest, parsed.latest, str(parsed)) == (date(2010, 1, 1), date(2019, 12, 31), "201X~")
    assert format_date(parsed) == "~2010s"
    with pytest.raises(DateSyntaxError, match="at the end only"):
        parse_edtf("2X19")


def test_winter_9999_says_why() -> None:
    with pytest.raises(DateSyntaxError, match="winter 9999 ends after the last supported year"):
        parse_edtf("9999-24")
