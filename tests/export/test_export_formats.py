"""CSV, Mermaid and TimelineJS exports: their structure, dates and several deals."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
from conftest import TIMELINES

from armsdeal.check.validate import load_timeline
from armsdeal.core.dates import format_date
from armsdeal.core.model import Timeline
from armsdeal.export import ExportOptions
from armsdeal.export.csv_export import COLUMNS, export_csv, neutralise
from armsdeal.export.mermaid import LONG, export_mermaid, mermaid_text, milestone_ids
from armsdeal.export.timelinejs import export_timelinejs

OPTIONS = ExportOptions()
FOUR_DEALS = ("turkey-s400", "turkey-f35", "turkey-f16", "india-s400")
ALL = ExportOptions(all_events=True)


@pytest.fixture(scope="module")
def turkey() -> Timeline:
    return load_timeline(TIMELINES / "turkey-s400.yaml")


@pytest.fixture(scope="module")
def india() -> Timeline:
    return load_timeline(TIMELINES / "india-s400.yaml")


def one_event(date: str, **event: object) -> Timeline:
    return Timeline.model_validate(
        {
            "id": "one",
            "title": "One",
            "sources": {"s": {"publisher": "P", "title": "T", "url": "https://example.org/"}},
            "events": [{"id": "e", "date": date, "type": "statement", "title": "E", "sources": ["s"], **event}],
        }
    )


def mermaid_width(text: str) -> int:
    """The width Mermaid's timeline gives a diagram, from its source: 200 px a period, 390 px of margins.

    Measured with Mermaid 11.17 in Chromium (turkey-f35: 11 periods 2,590 px, india-s400: 8 periods
    1,990 px, the four deals: 23 periods 4,990 px). With few periods a long title can widen it a little
    (turkey-f16's two periods: 895 px); from four periods on the columns set the width.
    A period is a line `name : event` that is not a section, a comment or a continuation (`: event`).
    """
    periods = [
        line
        for line in text.splitlines()[2:]
        if " : " in line and not line.lstrip().startswith((": ", "section ", "%%"))
    ]
    return 390 + 200 * len(periods)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


class TestCsv:
    def test_the_issue_columns_come_first_in_order(self) -> None:
        assert COLUMNS[:11] == (
            "timeline",
            "event_id",
            "date",
            "date_precision",
            "earliest",
            "latest",
            "type",
            "title",
            "actors",
            "status",
            "sources",
        )

    def test_one_row_per_event_with_its_facts(self, turkey: Timeline) -> None:
        rows = csv_rows(export_csv([turkey], OPTIONS))
        assert len(rows) == len(turkey.events)
        by_id = {row["event_id"]: row for row in rows}
        for event in turkey.events:
            row = by_id[event.id]
            assert row["timeline"] == "turkey-s400"
            assert row["date"] == event.date.text
            assert row["earliest"] == event.date.earliest.isoformat()
            assert row["latest"] == event.date.latest.isoformat()
            assert row["date_precision"] == event.date.precision.name.lower()
            assert row["type"] == event.type.value and row["status"] == event.status.value
            assert row["sources"].split("; ") == [turkey.sources[s].url for s in event.sources]
            assert row["actors"].split("; ") == [turkey.actor_name(a) for a in event.actors] or not event.actors

    def test_context_events_are_flagged(self, turkey: Timeline) -> None:
        """Events of a related deal are kept apart from this deal's own steps."""
        rows = {row["event_id"]: row for row in csv_rows(export_csv([turkey], OPTIONS))}
        for event in turkey.events:
            assert rows[event.id]["context"] == ("true" if event.is_context else "false")
            assert rows[event.id]["about"] == (event.about or "")
        assert any(event.about for event in turkey.events)

    def test_rows_are_chronological(self, turkey: Timeline) -> None:
        rows = csv_rows(export_csv([turkey], OPTIONS))
        assert [row["earliest"] for row in rows] == sorted(row["earliest"] for row in rows)

    def test_several_timelines_share_one_table_with_a_timeline_column(self, turkey, india) -> None:
        rows = csv_rows(export_csv([turkey, india], OPTIONS))
        assert {row["timeline"] for row in rows} == {"turkey-s400", "india-s400"}
        assert len(rows) == len(turkey.events) + len(india.events)
        assert [row["earliest"] for row in rows] == sorted(row["earliest"] for row in rows)

    def test_open_ends_have_empty_earliest_or_latest(self) -> None:
        (row,) = csv_rows(export_csv([one_event("2019-07/..")], OPTIONS))
        assert (row["earliest"], row["latest"], row["date_precision"]) == ("2019-07-01", "", "month")

    @pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
    def test_formula_starts_get_an_apostrophe(self, cell: str) -> None:
        assert neutralise(cell) == "'" + cell

    @pytest.mark.parametrize("cell", ["1+1", "S-400", "a=b", "", "'quoted"])
    def test_other_cells_are_unchanged(self, cell: str) -> None:
        assert neutralise(cell) == cell


class TestMermaid:
    def test_diagram_syntax(self, turkey: Timeline) -> None:
        lines = export_mermaid([turkey], OPTIONS).splitlines()
        assert lines[0] == "timeline"
        assert lines[1] == f"    title {mermaid_text(turkey.title)}"
        for line in lines[2:]:
            assert re.fullmatch(r"    [^:#;\n]+ : [^:#;\n]+|\s+: [^:#;\n]+|    %% [^:#;\n]+", line), line

    def test_a_section_per_year_in_order(self, turkey: Timeline) -> None:
        sections = [
            line.split("section ", 1)[1]
            for line in export_mermaid([turkey], ALL).splitlines()
            if line.startswith("    section ")
        ]
        assert sections == list(dict.fromkeys(str(e.date.earliest.year) for e in turkey.chronology))

    def test_with_all_every_event_appears_once(self, turkey: Timeline) -> None:
        text = export_mermaid([turkey], ALL)
        labels = re.findall(r": (.+)$", text, re.MULTILINE)
        assert len(labels) == len(turkey.events)

    def test_events_on_the_same_date_share_a_period(self, turkey: Timeline) -> None:
        text = export_mermaid([turkey], ALL)
        assert text.count("16 Aug 2022 :") == 1
        same_day = sum(1 for e in turkey.events if e.date.text == "2022-08-16")
        assert same_day > 1
        after = text.split("16 Aug 2022 :", 1)[1].splitlines()[1:same_day]
        assert all(line.lstrip().startswith(": ") for line in after)

    def test_a_long_timeline_keeps_only_its_milestones(self, turkey: Timeline) -> None:
        assert len(turkey.events) > LONG
        text = export_mermaid([turkey], OPTIONS)
        labels = re.findall(r": (.+)$", text, re.MULTILINE)
        wanted = [e for e in turkey.chronology if e.id in milestone_ids(turkey)]
        assert 0 < len(wanted) < LONG
        assert labels == [mermaid_text(f"{format_date(e.date)} · {e.title}") for e in wanted]
        assert f"%% milestones only, {len(wanted)} of {len(turkey.events)} events" in text
        periods = [line.split(" : ", 1)[0].strip() for line in text.splitlines() if re.match(r"    \S.* : ", line)]
        assert periods == list(dict.fromkeys(str(e.date.earliest.year) for e in wanted))

    def test_a_short_timeline_keeps_every_event(self) -> None:
        f35 = load_timeline(TIMELINES / "turkey-f35.yaml")
        assert len(f35.events) <= LONG
        text = export_mermaid([f35], OPTIONS)
        assert "%%" not in text
        assert len(re.findall(r": (.+)$", text, re.MULTILINE)) == len(f35.events)

    @pytest.mark.parametrize("names", [*((name,) for name in FOUR_DEALS), FOUR_DEALS], ids=[*FOUR_DEALS, "four"])
    def test_at_most_1600_px_wide_by_default(self, names: tuple[str, ...]) -> None:
        """Mermaid 11.17 draws a 200 px column per period beside 390 px of margins: at most six periods.

        Measured in Chromium (not rendered here): turkey-f35 2,590 px before (11 dates), 1,390 now."""
        timelines = [load_timeline(TIMELINES / f"{name}.yaml") for name in names]
        assert mermaid_width(export_mermaid(timelines, OPTIONS)) <= 1600
        # The full diagram, a column per date, is what --all is for.
        assert mermaid_width(export_mermaid(timelines, ALL)) > 1600

    def test_many_years_share_columns(self) -> None:
        """Fifteen events in fifteen years (every one kept, none past LONG) fit in six periods of neighbouring years."""
        events = [
            {"id": f"e{year}", "date": str(year), "type": "statement", "title": f"E {year}", "sources": ["s"]}
            for year in range(2000, 2030, 2)
        ]
        timeline = Timeline.model_validate(
            {
                "id": "many",
                "title": "Many",
                "sources": {"s": {"publisher": "P", "title": "T", "url": "https://example.org/"}},
                "events": events,
            }
        )
        text = export_mermaid([timeline], OPTIONS)
        assert mermaid_width(text) <= 1600
        periods = [line.split(" : ", 1)[0].strip() for line in text.splitlines() if re.match(r"    \S.* : ", line)]
        assert periods == [
            "2000 to 2004",
            "2006 to 2010",
            "2012 to 2016",
            "2018 to 2020",
            "2022 to 2024",
            "2026 to 2028",
        ]
        assert len(re.findall(r": (.+)$", text, re.MULTILINE)) == len(events)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("a: b", "a꞉ b"),
            ("#1", "＃1"),
            ("a; b", "a； b"),
            ("100%% sure", "100％％ sure"),
            ("45% paid", "45% paid"),
            ("two\nlines", "two lines"),
            ("<br>", "＜br＞"),
            ("", "-"),
        ],
    )
    def test_text_cannot_break_the_grammar(self, text: str, expected: str) -> None:
        assert mermaid_text(text) == expected

    def test_several_deals_prefix_titles_with_the_deal(self, turkey, india) -> None:
        text = export_mermaid([turkey, india], ALL)
        labels = re.findall(r": (.+)$", text, re.MULTILINE)
        assert len(labels) == len(turkey.events) + len(india.events)
        assert all(label.startswith(("[turkey-s400] ", "[india-s400] ")) for label in labels)
        years = [line for line in text.splitlines() if line.startswith("    section ")]
        assert len(years) == len(set(years))  # one section per year for both deals

    def test_disputed_events_say_so(self, turkey: Timeline) -> None:
        text = export_mermaid([turkey], ALL)
        assert "second S-400 regiment has been signed (disputed)" in text


class TestTimelineJs:
    def test_title_slide_and_one_slide_per_event(self, turkey: Timeline) -> None:
        document = json.loads(export_timelinejs([turkey], OPTIONS))
        assert document["title"]["text"]["headline"] == "Turkey buys Russia&#x27;s S-400 air-defence system"
        assert "Russia -&gt; Turkey" in document["title"]["text"]["text"]
        assert len(document["events"]) == len(turkey.events)
        ids = [slide["unique_id"] for slide in document["events"]]
        assert len(set(ids)) == len(ids)
        assert all(re.fullmatch(r"turkey-s400--[a-z0-9-]+", i) for i in ids)

    @pytest.mark.parametrize(
        ("date", "start", "end", "display"),
        [
            ("2019", {"year": 2019}, None, None),
            ("2019-07", {"year": 2019, "month": 7}, None, None),
            ("2019-07-12", {"year": 2019, "month": 7, "day": 12}, None, None),
            ("2021-10~", {"year": 2021, "month": 10}, None, "~Oct 2021"),
            ("2017-04?", {"year": 2017, "month": 4}, None, "Apr 2017?"),
            ("2019-07-12/2019-09", {"year": 2019, "month": 7, "day": 12}, {"year": 2019, "month": 9}, None),
            ("2022-08/..", {"year": 2022, "month": 8}, None, "since Aug 2022"),
            ("../2017", {"year": 2017}, None, "until 2017"),
        ],
    )
    def test_dates_carry_only_the_known_parts(self, date, start, end, display) -> None:
        (slide,) = json.loads(export_timelinejs([one_event(date)], OPTIONS))["events"]
        assert slide["start_date"] == start
        assert slide.get("end_date") == end
        assert slide.get("display_date") == display

    def test_text_has_status_note_and_source_links(self, turkey: Timeline) -> None:
        slides = {s["unique_id"]: s for s in json.loads(export_timelinejs([turkey], OPTIONS))["events"]}
        slide = slides["turkey-s400--second-contract-claim"]
        text = slide["text"]["text"]
        assert "<strong>DISPUTED: claimed by Federal Service for Military-Technical Cooperation" in text
        event = next(e for e in turkey.events if e.id == "second-contract-claim")
        hrefs = re.findall(r'<a href="([^"]+)"', text)
        assert hrefs == [turkey.sources[s].url for s in event.sources]

    def test_one_deal_has_no_groups_several_have_one_per_deal(self, turkey, india) -> None:
        single = json.loads(export_timelinejs([turkey], OPTIONS))
        assert all("group" not in slide for slide in single["events"])
        both = json.loads(export_timelinejs([turkey, india], OPTIONS))
        assert {slide["group"] for slide in both["events"]} == {html.escape(turkey.title), html.escape(india.title)}
        assert both["title"]["text"]["headline"] == "Arms-deal timelines"
