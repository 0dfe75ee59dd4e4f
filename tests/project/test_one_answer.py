"""One record, one answer (issue 26): every view states the derived facts core/ computes, the same way.

The milestones come from core.phases.milestones (compare's, with the contract bound),
the status from core.status.deal_status / deal_at. These tests read what each view
prints or builds and hold it against compare and against the record by the date asked:
they fail when one view derives a milestone or a status of its own.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import TIMELINES, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsdeal.check.validate import load_timeline, parse_timeline
from armsdeal.compare.engine import compare_deals
from armsdeal.core.chronology import merge
from armsdeal.core.dates import parse_edtf
from armsdeal.core.model import Event, Timeline
from armsdeal.core.phases import MILESTONES
from armsdeal.core.status import deal_at, status_at
from armsdeal.core.vocabulary import EventStatus, EventType
from armsdeal.export import ExportOptions
from armsdeal.export.csv_export import export_csv
from armsdeal.export.json_export import export_json
from armsdeal.export.markdown import export_markdown
from armsdeal.export.mermaid import milestone_ids
from armsdeal.export.sqlite_export import _deal_row
from armsdeal.export.svg import export_svg
from armsdeal.export.timelinejs import export_timelinejs
from armsdeal.render.strip import NAMED, lanes_for

SHIPPED = ("turkey-s400", "turkey-f35", "turkey-f16", "india-s400")
LABELS = {milestone.label: milestone.key for milestone in MILESTONES}


def shipped(name: str) -> Timeline:
    return load_timeline(TIMELINES / f"{name}.yaml")


def compared(timeline: Timeline) -> dict[str, Event]:
    """compare's answer: milestone key -> event, for the milestones reached."""
    phases = compare_deals([timeline]).deals[0]
    return {key: reached.event for key, reached in phases.reached.items() if reached is not None}


def _first_day(event: Event) -> date:
    return event.date.earliest if event.date.start is not None else event.date.latest


def svg_milestones(timeline: Timeline) -> dict[str, set[str]]:
    """What the SVG chart labels: event id -> the milestone keys its label names."""
    svg = export_svg([timeline], ExportOptions())
    named: dict[str, set[str]] = {}
    for event_id, text in re.findall(r'class="ad-text ad-label"[^>]*data-for="([^"]+)">([^<]+)</text>', svg):
        words = text.rsplit(" · ", 1)[0].split(" / ")
        keys = {"first-delivery", "last-delivery"} if "delivery" in words else set()
        named[event_id] = keys | {LABELS[word] for word in words if word != "delivery"}
    return named


def assert_views_agree_with_compare(timeline: Timeline) -> None:
    found = compared(timeline)
    by_event: dict[str, set[str]] = {}
    for key, event in found.items():
        by_event.setdefault(event.id, set()).add(key)
    # The chart (SVG, and the HTML export that embeds it) labels each milestone event with its milestones.
    chart = svg_milestones(timeline)
    for event_id, keys in chart.items():
        assert keys <= by_event.get(event_id, set()), (timeline.id, event_id, keys)
    assert set(chart) == set(by_event), timeline.id
    # Mermaid keeps the milestone events of a long timeline.
    assert milestone_ids(timeline) == set(by_event), timeline.id
    # The JSON export's derived milestones, and the CSV's milestones column, are compare's.
    derived = json.loads(export_json([timeline], ExportOptions()))["timelines"][0]["derived"]
    assert {key: event_id for key, event_id in derived["milestones"].items() if event_id} == {
        key: event.id for key, event in found.items()
    }, timeline.id
    assert {row["event_id"]: set(row["milestones"].split("; ")) for row in csv_rows(timeline) if row["milestones"]} == (
        by_event
    ), timeline.id
    # The strip of `show` names some milestones under its lane, each on its event's first day.
    lanes = lanes_for([timeline], merge([timeline]), ("",))
    stated = {(label.text, label.day) for lane in lanes for label in lane.labels}
    expected = {(m.label, _first_day(found[m.key])) for m in MILESTONES if m.key in NAMED and m.key in found}
    assert stated <= expected, timeline.id
    assert {_first_day(found[key]) for key in NAMED if key in found} == {day for _, day in stated}, timeline.id


def csv_rows(timeline: Timeline) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_csv([timeline], ExportOptions()))))


def assert_views_state_the_status_compare_states(timeline: Timeline) -> None:
    """compare's status (the record's, else the events': core.phases.deal_status) in every view that states one."""
    status = compare_deals([timeline]).deals[0].status
    if timeline.deal is None or timeline.deal.status is None:
        assert status == status_at(timeline, date.max).status, timeline.id  # derived from the events alone
    said = str(status) if status is not None else None
    assert json.loads(export_json([timeline], ExportOptions()))["timelines"][0]["derived"]["status"] == said
    assert {row["deal_status"] for row in csv_rows(timeline)} == {said or ""}, timeline.id
    assert _deal_row(timeline)["status"] == said, timeline.id
    if said is not None:
        # Markdown's deal table and TimelineJS's title slide name it; the list row is held in its own test.
        assert f"| {said} |" in export_markdown([timeline], ExportOptions()), timeline.id
        assert said in json.loads(export_timelinejs([timeline], ExportOptions()))["title"]["text"]["text"]


@pytest.mark.parametrize("name", SHIPPED)
def test_every_view_states_the_status_compare_states(name: str) -> None:
    assert_views_state_the_status_compare_states(shipped(name))


@pytest.mark.parametrize("name", SHIPPED)
def test_every_view_names_the_milestones_compare_names(name: str) -> None:
    """india-s400's 2025 talks and turkey-f35's, years after the contract, are nobody's 'first talks'."""
    assert_views_agree_with_compare(shipped(name))


@pytest.mark.parametrize(("name", "event_id"), [("india-s400", "qingdao-talks"), ("turkey-f35", None)])
def test_no_first_talks_after_the_contract_in_any_view(name: str, event_id: str | None) -> None:
    timeline = shipped(name)
    assert "talks" not in compared(timeline)
    assert not any("talks" in keys for keys in svg_milestones(timeline).values())
    if event_id is not None:
        assert event_id not in milestone_ids(timeline)


EVENT_TYPES = list(EventType)
COUNTED_OR_NOT = [EventStatus.CONFIRMED, EventStatus.REPORTED, EventStatus.EXPECTED, EventStatus.CLAIMED]


def build(events: list[tuple[date, EventType, EventStatus, int | None]], status: str | None = None) -> Timeline:
    """A valid timeline from (day, type, status, quantity) in file order."""
    lines = ["id: made-up", "title: A made-up deal", "deal:", "  supplier: someone"]
    if status:
        lines.append(f"  status: {status}")
    lines += [
        "  ordered: {count: 9, unit: unit}",
        "  value: {amount: 1000000.0, currency: USD}",
        "actors:",
        "  someone: {name: Someone, kind: state}",
        "sources:",
        "  s: {publisher: P, title: T, url: 'https://example.org/s'}",
        "events:",
    ]
    for number, (day, kind, event_status, quantity) in enumerate(events):
        lines += [
            f"  - id: e{number}",
            f"    date: '{day.isoformat()}'",
            f"    type: {kind}",
            f"    title: Event number {number:02d} here",
            "    sources: [s]",
            "    actors: [someone]",
            f"    status: {event_status}",
        ]
        if event_status is EventStatus.CLAIMED:
            lines.append("    claimed_by: [someone]")
        if quantity is not None:
            lines.append(f"    quantity: {{count: {quantity}, unit: unit}}")
    return parse_timeline("\n".join(lines).encode(), "made-up.yaml", file_stem="made-up")


generated_events = st.lists(
    st.tuples(
        st.dates(min_value=date(2001, 1, 1), max_value=date(2025, 12, 31)),
        st.sampled_from(EVENT_TYPES),
        st.sampled_from(COUNTED_OR_NOT),
        st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(generated_events)
def test_generated_timelines_views_agree_with_compare(
    events: list[tuple[date, EventType, EventStatus, int | None]],
) -> None:
    assert_views_agree_with_compare(build(events))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(generated_events, st.sampled_from([None, "in-delivery", "cancelled", "signed", "announced"]))
def test_generated_timelines_views_state_the_status_compare_states(
    events: list[tuple[date, EventType, EventStatus, int | None]], status: str | None
) -> None:
    """With a status on record and without one, whatever the events."""
    assert_views_state_the_status_compare_states(build(events, status))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(generated_events, st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 1, 1)))
def test_a_deal_at_a_past_day_states_only_what_events_by_then_state(
    events: list[tuple[date, EventType, EventStatus, int | None]], day: date
) -> None:
    """No value (no event carries one); a count only as some event by then states it, or their sum."""
    timeline = build(events)
    known = deal_at(timeline, day, today=date(2026, 11, 30))
    assert known.value is None
    by_then = [event for event in timeline.events if event.date.earliest <= day and event.quantity is not None]
    counts = {event.quantity.count for event in by_then if event.quantity is not None}
    if known.ordered is not None:
        assert known.ordered.count in counts
    if known.delivered is not None:
        assert known.delivered.count <= sum(counts_of(by_then))
    assert set(known.left_out) <= {"ordered", "delivered", "value"}
    assert "value" in known.left_out


def counts_of(events: list[Event]) -> list[int]:
    return [event.quantity.count for event in events if event.quantity is not None]


def sums_of(counts: list[int]) -> set[int]:
    """Every sum of some of ``counts`` (one or more): what the events by a date can state together."""
    sums: set[int] = set()
    for count in counts:
        sums |= {count} | {count + earlier for earlier in sums}
    return sums


# --------------------------------------------------------------------------------- show --as-of


def header(output: str) -> str:
    """The header of `show`: the lines before the first blank line."""
    return output.split("\n\n", 1)[0]


def show(runner, *args: str) -> str:
    result = invoke(runner, "show", *args, "--width", "200", "--color", "never")
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("when", ["1900", "2016-12", "2018-06", "2019-08", "2021", "2024-03"])
def test_show_as_of_states_nothing_dated_later(runner, name: str, when: str) -> None:
    """No count or value no event by then states; no event or source dated after the day."""
    timeline = shipped(name)
    day = parse_edtf(when).latest
    output = show(runner, name, "--as-of", when)
    top = header(output)
    assert "value " not in top  # no event states a value
    stated = [int(n) for n in re.findall(r"(?:ordered|delivered) ~?(\d+)", top)]
    by_then = [event for event in timeline.events if event.date.earliest <= day]
    quantities = counts_of(by_then)
    for count in stated:
        assert count in quantities or count == sum(quantities), (when, top)
    known_titles = {event.title for event in by_then}
    for event in timeline.events:
        if event.date.earliest > day and event.title not in known_titles:
            assert event.title not in output, (when, event.id)
    for source in timeline.sources.values():
        if source.date is not None and source.date.earliest > day:
            assert source.url not in output, (when, source.url)


def test_show_as_of_1900_states_no_count_and_says_so(runner) -> None:
    """'no events yet' never sits beside an ordered count or a value; the line says they are left out."""
    output = show(runner, "turkey-s400", "--as-of", "1900")
    top = header(output)
    assert "no events yet" in top
    assert "ordered" not in top and "value" not in top
    assert "so are the ordered count, delivered count and value" in output


@pytest.mark.parametrize("name", SHIPPED)
def test_as_of_today_is_the_plain_view(runner, name: str) -> None:
    today = date.today()
    plain = header(show(runner, name))
    as_of = header(show(runner, name, "--as-of", today.isoformat()))
    assert re.sub(r" \(as of [^)]*\)", "", as_of) == plain
    yesterday = header(show(runner, name, "--as-of", (today - timedelta(days=1)).isoformat()))
    assert "value" not in yesterday  # before today, only what the events state


# ------------------------------------------------------------------ a record with no status


NO_STATUS = """\
id: dropped
title: A dropped deal
deal:
  supplier: seller
  recipient: buyer
actors:
  seller: {name: Seller, kind: state}
  buyer: {name: Buyer, kind: state}
sources:
  wire: {publisher: Wire, title: Report, url: 'https://example.org/wire', date: '2021-03-01'}
events:
  - id: signed
    date: '2018-04-02'
    type: contract
    title: Contract signed
    sources: [wire]
    actors: [seller, buyer]
  - id: dropped
    date: '2021-02'
    type: cancellation
    title: Buyer drops the deal
    sources: [wire]
    actors: [buyer]
    status: reported
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "dropped.yaml").write_text(NO_STATUS, encoding="utf-8")
    return tmp_path


def test_a_record_without_status_has_one_derived_status_everywhere(runner, folder: Path) -> None:
    """show, show --as-of, list, compare and every export say 'cancelled', none blank, none 'signed'."""
    where = ("--timelines", str(folder))
    assert "status cancelled" in header(show(runner, "dropped", *where))
    assert "status cancelled (as of Dec 2026)" in header(show(runner, "dropped", "--as-of", "2026-12", *where))
    assert "status signed (as of 2020)" in header(show(runner, "dropped", "--as-of", "2020", *where))
    listed = invoke(runner, "list", *where, "--width", "200")
    row = next(line for line in listed.stdout.splitlines() if line.startswith("dropped"))
    assert "cancelled" in row
    compared = invoke(runner, "compare", "dropped", "turkey-s400", *where, "--format", "json")  # two deals at least
    assert compared.exit_code == 0, compared.stderr
    assert json.loads(compared.stdout)["deals"][0]["status"] == "cancelled"
    for fmt in ("markdown", "html", "timelinejs", "json", "csv"):
        exported = invoke(runner, "export", "dropped", *where, "--format", fmt)
        assert exported.exit_code == 0, exported.stderr
        assert "cancelled" in exported.stdout, fmt
    document = json.loads(invoke(runner, "export", "dropped", *where, "--format", "json").stdout)
    assert document["timelines"][0]["derived"]["status"] == "cancelled"
    rows = csv.DictReader(io.StringIO(invoke(runner, "export", "dropped", *where, "--format", "csv").stdout))
    assert {row["deal_status"] for row in rows} == {"cancelled"}


def test_as_of_marks_undated_sources_instead_of_counting_them_silently(runner) -> None:
    """turkey-s400 cites undated pages: as of 2019 they are listed as possibly later, never as of then."""
    timeline = shipped("turkey-s400")
    undated = [source for source in timeline.sources.values() if source.date is None]
    assert undated
    as_of = show(runner, "turkey-s400", "--as-of", "2019-08", "--full")
    plain = show(runner, "turkey-s400", "--full")
    assert "undated: may be later" in as_of
    assert "undated: may be later" not in plain


def _drawn_as_of(timeline: Timeline, as_of: str | None) -> str:
    """What `show` draws for the timeline, plain or --as-of (the same calls as cli/show.py)."""
    from conftest import draw

    from armsdeal.cli.options import filtering
    from armsdeal.core.chronology import one_per_event
    from armsdeal.render.view import ViewOptions, timeline_view

    selection = filtering([timeline], as_of=as_of)
    options = ViewOptions(as_of=selection.as_of, statuses=selection.described, known=selection.statuses)
    entries = one_per_event(merge([timeline], selection.event_filter))
    return draw(timeline_view([timeline], entries, options), width=200)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    generated_events,
    st.sampled_from([None, "in-delivery", "cancelled", "signed"]),
    st.dates(date(2000, 1, 1), date(2026, 1, 1)),
)
def test_generated_show_as_of_states_nothing_dated_later(
    events: list[tuple[date, EventType, EventStatus, int | None]], status: str | None, day: date
) -> None:
    """Over generated timelines: no event after the day, no value, a count only as events by then state it."""
    timeline = build(events, status)
    output = _drawn_as_of(timeline, day.isoformat())
    top = header(output)
    assert "value " not in top
    by_then = [event for event in timeline.events if event.date.earliest <= day]
    stated = sums_of(counts_of(by_then))
    for count in (int(n) for n in re.findall(r"(?:ordered|delivered) ~?(\d+)", top)):
        # A count stated by an event by then, or the sum of several (the deliveries finished by then).
        assert count in stated, top
    for event in timeline.events:
        if event.date.earliest > day:
            assert event.title not in output, event.id


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(generated_events, st.sampled_from([None, "in-delivery", "cancelled", "signed"]))
def test_generated_as_of_today_has_the_plain_header(
    events: list[tuple[date, EventType, EventStatus, int | None]], status: str | None
) -> None:
    timeline = build(events, status)
    plain = header(_drawn_as_of(timeline, None))
    as_of = header(_drawn_as_of(timeline, date.today().isoformat()))
    assert re.sub(r" \(as of [^)]*\)", "", as_of) == plain


FILTERS = (["--from", "2019-07-13"], ["--type", "delivery"], ["--type", "statement"], ["--to", "2017-06"])


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("chosen", FILTERS, ids=lambda args: " ".join(args))
def test_a_filtered_export_names_the_whole_deals_milestones_and_status(runner, name: str, chosen: list[str]) -> None:
    """A filter chooses which events are listed; it never makes a 2025 report the deal's first talks (the trial)."""
    timeline = shipped(name)
    whole = {key: event.id for key, event in compared(timeline).items()}
    status = compare_deals([timeline]).deals[0].status
    result = invoke(runner, "export", name, "--format", "json", *chosen)
    if result.exit_code == 1 and not result.stdout:
        pytest.skip(f"{' '.join(chosen)} keeps no event of {name}")
    assert result.exit_code == 0, result.stderr
    derived = json.loads(result.stdout)["timelines"][0]["derived"]
    assert {key: event_id for key, event_id in derived["milestones"].items() if event_id} == whole
    assert derived["status"] == (str(status) if status is not None else None)
    rows = list(csv.DictReader(io.StringIO(invoke(runner, "export", name, "--format", "csv", *chosen).stdout)))
    for row in rows:
        named = {key for key, event_id in whole.items() if event_id == row["event_id"]}
        assert set(filter(None, row["milestones"].split("; "))) == named, row["event_id"]
        assert row["deal_status"] == (str(status) if status is not None else "")
