"""The curated timelines that ship with armsdeal: each validates with zero problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TIMELINES, TODAY

from armsdeal.check.validate import validate_document
from armsdeal.core.model import Event, Quantity, Timeline
from armsdeal.read.stage import load_path

SHIPPED = sorted(TIMELINES.glob("*.yaml"))


def test_the_four_deals_ship() -> None:
    """The collection holds the S-400 story and its linked deals."""
    assert {path.stem for path in SHIPPED} >= {"turkey-s400", "turkey-f35", "turkey-f16", "india-s400"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_shipped_timeline_has_no_problems(path: Path) -> None:
    """Zero problems, warnings included."""
    result = validate_document(load_path(path), today=TODAY, file_stem=path.stem)
    assert [str(problem) for problem in result.problems] == []
    assert result.timeline is not None


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_every_event_cites_a_source_with_a_url(path: Path) -> None:
    """The curation rule: every event is sourced, every source has a web address."""
    timeline = validate_document(load_path(path), today=TODAY, file_stem=path.stem).timeline
    assert timeline is not None
    for event in timeline.events:
        assert event.sources, event.id
        for source_id in event.sources:
            assert timeline.sources[source_id].url.startswith(("http://", "https://"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_disputed_events_say_who_disputes(path: Path) -> None:
    """A disputed event names both sides, so readers can see the disagreement."""
    timeline = validate_document(load_path(path), today=TODAY, file_stem=path.stem).timeline
    assert timeline is not None
    for event in timeline.events:
        if event.status == "disputed":
            assert event.claimed_by and event.disputed_by, event.id


def _shipped(name: str) -> Timeline:
    timeline = validate_document(load_path(TIMELINES / f"{name}.yaml"), today=TODAY, file_stem=name).timeline
    assert timeline is not None
    return timeline


def _event(timeline: Timeline, event_id: str) -> Event:
    return next(event for event in timeline.events if event.id == event_id)


# (timeline, event id, date as written, type, status): the key facts of the research fact sheet.
KEY_EVENTS = [
    ("turkey-s400", "final-stage-of-talks", "2017-04~", "negotiation", "reported"),  # T2: approximate month
    ("turkey-s400", "mod-signing-date", "2017-04-11", "contract", "claimed"),  # section 8: Turkey's official date
    ("turkey-s400", "contract-announced", "[2017-09-10,2017-09-11,2017-09-12]", "contract", "confirmed"),  # T5
    ("turkey-s400", "loan-agreement-signed", "2017-12-29", "contract", "confirmed"),  # T7
    ("turkey-s400", "first-battery-delivered", "2019-07-12/2019-07-25", "delivery", "confirmed"),  # T12
    ("turkey-s400", "second-battery-delivered", "2019-08-27/2019-09-15", "delivery", "confirmed"),  # T15
    ("turkey-s400", "live-fire-test", "2020-10-16", "test", "confirmed"),  # T19
    ("turkey-s400", "caatsa-sanctions", "2020-12-14", "sanction", "confirmed"),  # T20
    ("turkey-s400", "delivery-brought-forward", "2018-04-03", "statement", "confirmed"),  # T8, section 8
    ("turkey-s400", "activation-expected", "2019-09-15", "statement", "confirmed"),  # section 8: never happened
    ("turkey-s400", "rosoboronexport-expects-second-contract", "2021-08-24?", "statement", "confirmed"),  # T22
    ("turkey-s400", "second-contract-claim", "2022-08-16", "contract", "disputed"),  # T33
    ("turkey-s400", "second-regiment-supplies-claim", "2022-08-18", "statement", "claimed"),  # T35: no delivery
    ("turkey-s400", "barrack-four-to-six-months", "2025-12~", "statement", "reported"),  # T44
    ("turkey-f35", "first-jet-handed-over", "2018-06-21", "statement", "confirmed"),  # section 8: kept in the US
    ("turkey-f35", "congress-f35-hold", "2018-06-18/2018-08-13", "suspension", "confirmed"),  # T9, section 8
    ("turkey-f35", "appropriations-f35-bar", "2019-02", "suspension", "reported"),  # section 8
    ("turkey-f35", "f35-equipment-halt", "2019-04-01", "suspension", "confirmed"),  # T10
    ("turkey-f35", "shanahan-letter", "2019-06-06", "suspension", "confirmed"),  # T11
    ("turkey-f35", "f35-suspension", "2019-07-17", "suspension", "confirmed"),  # T14
    ("turkey-f35", "f35-mou-notification", "2021-04-21", "cancellation", "confirmed"),  # T21
    ("turkey-f35", "f35-removal-finalized-wapo", "2021-09-23~", "cancellation", "reported"),  # T21, WaPo
    ("turkey-f16", "f16-request", "[2021-09-30,2021-10]", "request", "confirmed"),  # T23
    ("turkey-f16", "erdogan-f16-offer", "2021-10-17", "offer", "disputed"),  # T24
    ("turkey-f16", "sweden-ratification", "[2024-01-23,2024-01-24]", "approval", "confirmed"),  # T36
    ("turkey-f16", "dsca-notification", "2024-01-26", "approval", "confirmed"),  # T39: reported 27 Jan
    ("turkey-f16", "loa-signed", "[2024-06-06,2024-06-07]", "contract", "confirmed"),  # T40
    ("turkey-f16", "kits-dropped", "2024-11-26", "statement", "confirmed"),  # T41: part of the order dropped
    ("india-s400", "contract-signed", "[2018-10-05,2018-10-06]", "contract", "confirmed"),  # I4
    ("india-s400", "first-deliveries", "[2021-11,2021-12]", "delivery", "confirmed"),  # I7, I9
    ("india-s400", "third-regiment-delivered", "2023-02?", "delivery", "confirmed"),  # I14: by Feb 2023
    ("india-s400", "first-squadron-deployed", "2021-12-20~", "deployment", "reported"),  # I10, section 8
    ("india-s400", "last-squadrons-schedule", "2026-01/2026-02", "statement", "reported"),  # I17: no delivery yet
]


@pytest.mark.parametrize(
    ("name", "event_id", "date", "event_type", "status"), KEY_EVENTS, ids=[f"{row[0]}:{row[1]}" for row in KEY_EVENTS]
)
def test_key_events_keep_the_fact_sheets_dates_types_and_statuses(
    name: str, event_id: str, date: str, event_type: str, status: str
) -> None:
    event = _event(_shipped(name), event_id)
    assert (str(event.date), str(event.type), str(event.status)) == (date, event_type, status)


def test_the_second_turkish_contract_is_disputed_by_the_official_who_denied_it() -> None:
    """SSB said only 'no new development'; the denial came from a Turkish defence official (T33)."""
    event = _event(_shipped("turkey-s400"), "second-contract-claim")
    assert (event.claimed_by, event.disputed_by) == (["fsvts"], ["turkish-defence-official"])


def test_india_first_deliveries_cite_russias_statement() -> None:
    """The note relies on Shugaev's 14 Nov 2021 statement (I7), so the event cites it."""
    assert "lokmat-2021-11-14" in _event(_shipped("india-s400"), "first-deliveries").sources


@pytest.mark.parametrize(
    ("name", "ordered", "delivered", "amount", "status"),
    [
        ("turkey-s400", (4, "battery", True), (2, "battery", True), 2_500_000_000, "delivered"),  # 6.1
        ("turkey-f35", (100, "aircraft", True), (0, "aircraft", False), None, "cancelled"),  # 6.5, section 8
        ("turkey-f16", (40, "aircraft", False), None, 7_000_000_000, "signed"),  # 6.4
        ("india-s400", (5, "regiment", False), (3, "regiment", False), 5_430_000_000, "in-delivery"),  # 6.3
    ],
)
def test_deal_records_keep_the_fact_sheets_quantities_values_and_statuses(
    name: str,
    ordered: tuple[int, str, bool] | None,
    delivered: tuple[int, str, bool] | None,
    amount: int | None,
    status: str,
) -> None:
    deal = _shipped(name).deal
    assert deal is not None

    def quantity(value: Quantity | None) -> tuple[int, str, bool] | None:
        return None if value is None else (value.count, value.unit, value.approximate)

    assert quantity(deal.ordered) == ordered
    assert quantity(deal.delivered) == delivered
    assert (deal.value.amount if deal.value else None) == amount
    assert str(deal.status) == status


def _collection() -> dict[str, Timeline]:
    return {path.stem: _shipped(path.stem) for path in SHIPPED}


def test_one_url_is_one_source_across_the_collection() -> None:
    """Wherever two timelines cite the same page, it has the same id, publisher, title, date, via and note."""
    seen: dict[str, tuple[str, object]] = {}
    for name, timeline in _collection().items():
        for source_id, source in timeline.sources.items():
            record = (source_id, source.model_dump(exclude_none=True))
            first = seen.setdefault(source.url, (name, record))
            assert first[1] == record, f"{source.url}: {first[0]} and {name} differ"


def test_one_event_reads_the_same_in_every_timeline() -> None:
    """An event recorded in two timelines (same id) has the same date, type, status and title."""
    seen: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name, timeline in _collection().items():
        for event in timeline.events:
            record = (str(event.date), str(event.type), str(event.status), event.title)
            first = seen.setdefault(event.id, (name, record))
            assert first[1] == record, f"{event.id}: {first[0]} and {name} differ"


def test_one_event_cites_and_says_the_same_in_every_timeline() -> None:
    """A shared event also has the same note, sources and actors: a reader of either file reads one account."""
    seen: dict[str, tuple[str, object]] = {}
    for name, timeline in _collection().items():
        for event in timeline.events:
            record = (event.note, event.sources, event.actors, event.claimed_by, event.disputed_by, event.quantity)
            first = seen.setdefault(event.id, (name, record))
            assert first[1] == record, f"{event.id}: {first[0]} and {name} differ"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_no_expected_event_has_passed(path: Path) -> None:
    """An event still 'expected' after its latest possible day is out of date (the fourth S-400 squadron's)."""
    for event in _shipped(path.stem).events:
        latest = event.date.latest
        assert event.status != "expected" or latest is None or latest >= TODAY, event.id


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_undated_sources_say_so_and_their_ids_name_no_date(path: Path) -> None:
    """docs/format.md: a source without a date says the date was not recorded, and its id implies none."""
    for source_id, source in _shipped(path.stem).sources.items():
        if source.date is None:
            assert "date" in (source.note or "") and "not recorded" in (source.note or ""), source_id
            assert not re.search(r"-(19|20)[0-9]{2}(-|$)", source_id), source_id


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_the_curators_words_spell_turkey_one_way(path: Path) -> None:
    """Descriptive titles are the curator's words: 'Turkey'; published headlines keep 'Türkiye'."""
    for source_id, source in _shipped(path.stem).sources.items():
        if source.title.endswith(" (descriptive title)"):
            assert "Türkiye" not in source.title, source_id


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_source_titles_follow_one_convention(path: Path) -> None:
    """docs/format.md: a headline not recorded is a described title, marked and explained in the note."""
    for source_id, source in _shipped(path.stem).sources.items():
        described = source.title.endswith(" (descriptive title)")
        explained = "original headline" in (source.note or "") and "not recorded" in (source.note or "")
        assert described == explained, source_id
