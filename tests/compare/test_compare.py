"""`armsdeal compare`: milestones side by side, durations from the contract, formats and exit codes."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import yaml
from conftest import TIMELINES, invoke, render
from dateutil.relativedelta import relativedelta
from markdown_it import MarkdownIt

from armsdeal.check.validate import load_timeline
from armsdeal.compare.engine import compare_deals as compare
from armsdeal.compare.formats import FORMATS
from armsdeal.compare.formats.markdown import markdown
from armsdeal.compare.formats.terminal import terminal
from armsdeal.core.dates import Precision, elapsed, format_duration, parse_edtf
from armsdeal.core.phases import MILESTONES

COUNTED = ("confirmed", "reported")


def raw_events(name: str) -> list[dict[str, Any]]:
    """The events as written in the file, read with plain YAML (not through armsdeal)."""
    data = yaml.safe_load((TIMELINES / f"{name}.yaml").read_text(encoding="utf-8"))
    return list(data["events"])


def first_written(name: str, event_type: str) -> str:
    """The date text of the earliest counted event of a type, by the year-month-day written in the file."""
    dates = [
        str(e["date"]) for e in raw_events(name) if e["type"] == event_type and e.get("status", "confirmed") in COUNTED
    ]
    return min(dates, key=_start_text)


def _start_text(text: str) -> str:
    """'2019-07-12' of '2019-07-12~', '2019-07-12/2019-08' and '[2019-07-12,2019-07-14]' (sets are in order)."""
    return text.lstrip("[").split(",")[0].split("/")[0].rstrip("~?%]")


def expected_duration(since: str, until: str) -> relativedelta:
    """Months between two written dates at the coarser precision, worked out by hand from their parts."""
    a = [int(part) for part in _start_text(since).split("-")]
    b = [int(part) for part in _start_text(until).split("-")]
    parts = min(len(a), len(b))
    if parts == 3:
        return relativedelta(date(*b), date(*a))
    months = (b[0] - a[0]) * 12 + (b[1] - a[1] if parts == 2 else 0)
    return relativedelta(months=months)


class TestElapsed:
    @pytest.mark.parametrize(
        ("since", "until", "duration", "direction"),
        [
            ("2017-09-12", "2019-07-12", "1 yr 10 mo", "after"),
            ("2018-10-05", "2021-11/2021-12", "3 yr 1 mo", "after"),
            ("2018-10-05", "2018-10", "same month", "same"),
            ("2018-10-05", "2018-06-28", "3 mo 7 d", "before"),
            ("2017-09-12", "2018?", "1 yr", "after"),
            ("2016-10-15", "2016-11", "1 mo", "after"),
        ],
    )
    def test_cut_to_the_coarser_precision(self, since: str, until: str, duration: str, direction: str) -> None:
        """Month-only dates count whole months: 5 Oct 2018 to Nov 2021 is 3 yr 1 mo, not 3 yr."""
        result = elapsed(parse_edtf(since), parse_edtf(until))
        assert result is not None
        assert (result.duration, result.direction) == (duration, direction)

    def test_open_start_has_no_duration(self) -> None:
        """Nothing to count from an open start."""
        assert elapsed(parse_edtf("2017"), parse_edtf("../2019")) is None

    def test_approximate_dates_say_so(self) -> None:
        """'~11 mo after contract' when either date is approximate or uncertain."""
        result = elapsed(parse_edtf("2018-10-05"), parse_edtf("2019-09~"))
        assert result is not None and result.approximate
        assert result.words() == "~11 mo after contract"
        assert result.precision is Precision.MONTH


class TestTurkeyAndIndia:
    """The issue's question, answered from the files: how long from contract to first delivery?"""

    @pytest.mark.parametrize("name", ["turkey-s400", "india-s400"])
    def test_contract_to_first_delivery_matches_the_files(self, name: str) -> None:
        """The duration equals the one worked out from the dates written in the YAML."""
        contract_text = first_written(name, "contract")
        delivery_text = first_written(name, "delivery")
        deal = compare([load_timeline(TIMELINES / f"{name}.yaml")]).deals[0]
        reached = deal.reached["first-delivery"]
        assert deal.contract is not None and str(deal.contract.date) == contract_text
        assert reached is not None and str(reached.event.date) == delivery_text
        assert reached.since_contract is not None
        assert reached.since_contract.delta == expected_duration(contract_text, delivery_text)

    def test_the_terminal_table_answers_in_words(self, runner) -> None:
        """Both waits, worked out from the files, appear in `armsdeal compare turkey-s400 india-s400`."""
        result = invoke(runner, "compare", "turkey-s400", "india-s400", "--timelines", str(TIMELINES), "--width", "120")
        assert result.exit_code == 0, result.stderr
        for name in ("turkey-s400", "india-s400"):
            wait = expected_duration(first_written(name, "contract"), first_written(name, "delivery"))
            assert f"{format_duration(wait)} after contract" in result.stdout

    def test_expected_deliveries_are_listed_apart_not_as_the_last_delivery(self, tmp_path) -> None:
        """A scheduled squadron is 'not counted'; the last delivery is one that happened."""
        text = (TIMELINES / "india-s400.yaml").read_text(encoding="utf-8")
        scheduled = (
            "  - id: fifth-squadron-due\n    date: 2099\n    type: delivery\n    title: Fifth squadron due\n"
            "    sources: [idn-2026-02]\n    status: expected\n"
        )
        path = tmp_path / "india-s400.yaml"
        path.write_text(text + scheduled, encoding="utf-8")
        india = compare([load_timeline(path)]).deals[0]
        expected = [e for e in india.not_counted if e.status == "expected"]
        last = india.reached["last-delivery"]
        assert expected and last is not None
        assert last.event.status in COUNTED
        assert all(last.event.date.earliest < e.date.earliest for e in expected)

    def test_a_deal_without_contract_is_timed_from_its_agreement(self) -> None:
        """The F-35 memorandum stands in for a contract, and the table says so."""
        comparison = compare([load_timeline(TIMELINES / "turkey-f35.yaml")])
        deal = comparison.deals[0]
        assert deal.contract is not None and deal.contract_is_agreement
        assert "no contract on record" in render(terminal(comparison), width=120)


def loaded(*names: str) -> list:
    return [load_timeline(TIMELINES / f"{name}.yaml") for name in names]


class TestFormats:
    def test_rows_are_only_milestones_someone_reached(self) -> None:
        """No row of dashes: a milestone no compared deal reached is left out of the table."""
        comparison = compare(loaded("turkey-f16"))
        reached = {key for key, value in comparison.deals[0].reached.items() if value is not None}
        assert {m.key for m in comparison.rows()} == reached

    def test_json_is_one_document_with_every_milestone(self, runner) -> None:
        """Parsable, versioned, a key per milestone per deal (null where not reached)."""
        result = invoke(
            runner, "compare", "turkey-s400", "india-s400", "--format", "json", "--timelines", str(TIMELINES)
        )
        assert result.exit_code == 0
        document = json.loads(result.stdout)
        assert document["format"] == "armsdeal-compare" and document["version"] == 2
        assert [deal["id"] for deal in document["deals"]] == ["turkey-s400", "india-s400"]
        for deal in document["deals"]:
            assert set(deal["milestones"]) == {m.key for m in MILESTONES}
        india = document["deals"][1]["milestones"]
        assert india["test"] is None
        assert india["first-delivery"]["date"] == first_written("india-s400", "delivery")
        wait = expected_duration(first_written("india-s400", "contract"), first_written("india-s400", "delivery"))
        since = india["first-delivery"]["since_contract"]
        assert (since["years"], since["months"], since["direction"]) == (wait.years, wait.months, "after")

    def test_markdown_is_a_table_with_a_column_per_deal(self) -> None:
        """GitHub Markdown: a header row and a row per milestone, each with one cell per deal."""
        comparison = compare(loaded("turkey-s400", "india-s400"))
        html = MarkdownIt("commonmark").enable("table").render(markdown(comparison))
        assert html.count("<tr>") == len(comparison.rows()) + 2  # header + final status + milestones
        assert html.count("<th>") == 3

    def test_markdown_escapes_hostile_titles(self, write_timeline) -> None:
        """A title with markup, a pipe and HTML stays text and does not break the table."""
        path = write_timeline(
            "hostile",
            """\
id: hostile
title: "*bold* <script>alert(1)</script> | [link](https://evil.example)"
sources:
  s: {publisher: P, title: T, url: 'https://example.org/s'}
events:
  - id: deal
    date: 2017-09-12
    type: contract
    title: "<img src=x onerror=alert(1)> | **signed**"
    sources: [s]
""",
        )
        comparison = compare([load_timeline(path)])
        html = MarkdownIt("commonmark").enable("table").render(markdown(comparison))
        assert "<script>" not in html and "<img" not in html and "<a " not in html and "<strong>" not in html
        assert html.count("<th>") == 2

    @pytest.mark.parametrize("fmt", FORMATS.names())
    def test_each_format_exits_0(self, runner, fmt: str) -> None:
        """Every format renders the four shipped deals."""
        result = invoke(
            runner,
            "compare",
            "turkey-s400",
            "india-s400",
            "turkey-f35",
            "turkey-f16",
            "--format",
            fmt,
            "--timelines",
            str(TIMELINES),
        )
        assert result.exit_code == 0, result.stderr
        assert "india-s400" in result.stdout
        assert result.stderr == ""

    def test_terminal_text_is_not_markup(self, write_timeline) -> None:
        """Rich markup in a title is printed as written."""
        path = write_timeline(
            "markup",
            """\
id: markup
title: Markup
sources:
  s: {publisher: P, title: T, url: 'https://example.org/s'}
events:
  - id: deal
    date: 2017-09-12
    type: contract
    title: "[bold red]not markup[/] \\x1b[31m"
    sources: [s]
""",
        )
        output = render(terminal(compare([load_timeline(path)])), width=120)
        assert "[bold red]not markup[/]" in output
        assert "\x1b" not in output


class TestExitCodes:
    def test_unknown_timeline_exits_2(self, runner) -> None:
        result = invoke(runner, "compare", "turkey-s400", "no-such-deal", "--timelines", str(TIMELINES))
        assert result.exit_code == 2
        assert "no timeline named 'no-such-deal'" in result.stderr

    def test_invalid_timeline_exits_1(self, runner, write_timeline) -> None:
        path = write_timeline("broken", "id: broken\ntitel: x\n")
        result = invoke(runner, "compare", "turkey-s400", str(path), "--timelines", str(TIMELINES))
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "unknown-field" in result.stderr

    def test_unknown_format_exits_2(self, runner) -> None:
        result = invoke(runner, "compare", "turkey-s400", "--format", "xml", "--timelines", str(TIMELINES))
        assert result.exit_code == 2

    def test_a_name_given_twice_is_compared_once(self, runner) -> None:
        result = invoke(
            runner,
            "compare",
            "turkey-s400",
            "india-s400",
            "turkey-s400",
            "--format",
            "json",
            "--timelines",
            str(TIMELINES),
        )
        assert [deal["id"] for deal in json.loads(result.stdout)["deals"]] == ["turkey-s400", "india-s400"]

    @pytest.mark.parametrize("names", [["turkey-s400"], ["turkey-s400", "turkey-s400"], ["turkey-s400", "TIMELINE"]])
    def test_one_deal_is_a_usage_error(self, runner, names: list[str]) -> None:
        """README: compare NAME NAME [NAME...]; one deal (by name twice, or a name and its file) is show's job."""
        names = [str(TIMELINES / "turkey-s400.yaml") if name == "TIMELINE" else name for name in names]
        result = invoke(runner, "compare", *names, "--timelines", str(TIMELINES))
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "compare needs two or more different deals" in result.stderr
        assert "armsdeal show turkey-s400" in result.stderr


def test_milestone_keys_are_unique() -> None:
    """JSON keys and table rows are the milestone keys."""
    keys = [m.key for m in MILESTONES]
    assert len(keys) == len(set(keys))
