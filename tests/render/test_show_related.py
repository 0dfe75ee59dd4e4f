"""`show --related` (linked deals in one chronology) and `show --as-of` (what had happened by a date)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TIMELINES, invoke

from armsdeal.check.validate import load_timeline
from armsdeal.core.chronology import merge, one_per_event
from armsdeal.core.dates import parse_edtf
from armsdeal.core.model import Timeline
from armsdeal.core.vocabulary import EventType

WIDE = "250"  # no wrapping: one event per line


def shipped(name: str) -> Timeline:
    return load_timeline(TIMELINES / f"{name}.yaml")


def deal_column(stdout: str) -> set[str]:
    """The timeline ids in the deal column of the event rows."""
    names = {path.stem for path in TIMELINES.glob("*.yaml")}
    types = {str(event_type) for event_type in EventType}
    # An event row reads "<date> <deal> <type> <title>": take the word just before the type.
    return {
        words[index - 1]
        for words in (line.split() for line in stdout.splitlines())
        for index, word in enumerate(words)
        if word in types and index > 0 and words[index - 1] in names
    }


class TestRelatedLinks:
    @pytest.mark.parametrize("name", ["turkey-s400", "turkey-f35", "turkey-f16", "india-s400"])
    def test_links_point_to_shipped_timelines_and_go_both_ways(self, name: str) -> None:
        """Every related id is a timeline in the folder, and it links back."""
        timeline = shipped(name)
        assert timeline.id not in timeline.related
        for other in timeline.related:
            assert (TIMELINES / f"{other}.yaml").is_file(), other
            assert name in shipped(other).related, f"{other} does not link back to {name}"


class TestRelated:
    def test_the_named_timeline_and_its_related_ones_appear(self, runner) -> None:
        """turkey-s400 --related: its three related deals in the deal column, with their own events."""
        result = invoke(
            runner, "show", "turkey-s400", "--related", "--timelines", str(TIMELINES), "--width", WIDE, "--full"
        )
        assert result.exit_code == 0, result.stderr
        expected = {"turkey-s400", *shipped("turkey-s400").related}
        assert deal_column(result.stdout) == expected
        for name in expected:
            assert shipped(name).title in result.stdout
        for entry in one_per_event(merge([shipped(name) for name in expected])):
            assert entry.event.title in result.stdout, (entry.timeline.id, entry.event.id)

    def test_each_real_world_event_once(self, runner) -> None:
        """Context events about a shown deal are left out (that deal's own event stands); twins appear once."""
        result = invoke(
            runner, "show", "turkey-s400", "--related", "--timelines", str(TIMELINES), "--width", WIDE, "--full"
        )
        shown = {"turkey-s400", *shipped("turkey-s400").related}
        for name in shown:
            for event in shipped(name).events:
                if event.about in shown:
                    # B's own event stands; the same title there is that event, once.
                    own = {other.title for other in shipped(event.about).events}
                    assert result.stdout.count(event.title) == (1 if event.title in own else 0), (name, event.id)
        # The Madrid memorandum and Barrack's estimate are in two files each, under the same id and date;
        # the White House meeting of 25 Sep 2025 is the same day and type in turkey-s400 and turkey-f35.
        for day in ("28 Jun 2022", "~Dec 2025", "25 Sep 2025"):
            rows = [line for line in result.stdout.splitlines() if line.startswith(day)]
            assert len(rows) == 1, rows
        entries = one_per_event(merge([shipped(name) for name in ("turkey-s400", *shipped("turkey-s400").related)]))
        assert result.stdout.count("Also in the") == sum(bool(entry.also) for entry in entries) >= 2

    def test_only_related_timelines_are_added(self, runner) -> None:
        """india-s400 lists only turkey-s400: the F-35 and F-16 deals stay out."""
        result = invoke(
            runner, "show", "india-s400", "--related", "--timelines", str(TIMELINES), "--width", WIDE, "--full"
        )
        assert result.exit_code == 0
        assert deal_column(result.stdout) == {"india-s400", *shipped("india-s400").related}
        assert shipped("turkey-f16").title not in result.stdout

    def test_events_are_one_chronology(self, runner) -> None:
        """Events of different deals interleave by date."""
        result = invoke(
            runner, "show", "india-s400", "--related", "--timelines", str(TIMELINES), "--width", WIDE, "--full"
        )
        merged = [*shipped("india-s400").events, *shipped("turkey-s400").events]
        ordered = sorted(merged, key=lambda event: event.date.sort_key())
        positions = [result.stdout.index(event.title) for event in ordered]
        assert positions == sorted(positions)

    def test_without_related_one_deal_and_no_deal_column(self, runner) -> None:
        result = invoke(runner, "show", "india-s400", "--timelines", str(TIMELINES), "--width", WIDE, "--full")
        assert shipped("turkey-s400").title not in result.stdout
        assert deal_column(result.stdout) == set()

    def test_a_related_id_missing_everywhere_is_named_and_skipped(self, runner, tmp_path: Path) -> None:
        """Exit 0 with what exists (in the folder or bundled); stderr says which link was left out."""
        text = (TIMELINES / "india-s400.yaml").read_text(encoding="utf-8")
        text = text.replace("related: [turkey-s400]", "related: [turkey-s400, nowhere-deal]")
        assert "nowhere-deal" in text
        (tmp_path / "india-s400.yaml").write_text(text, encoding="utf-8")
        result = invoke(runner, "show", "india-s400", "--related", "--timelines", str(tmp_path), "--width", WIDE)
        assert result.exit_code == 0, result.stderr
        assert "turkey-s400" in result.stdout  # found among the bundled timelines
        assert result.stderr == (
            f"armsdeal: india-s400 lists related timeline 'nowhere-deal', which is not in {tmp_path} "
            "or the bundled timelines; left out\n"
        )

    def test_an_invalid_related_timeline_exits_1(self, runner, tmp_path: Path) -> None:
        """A related file with problems is reported like a named one."""
        shutil.copy(TIMELINES / "india-s400.yaml", tmp_path)
        (tmp_path / "turkey-s400.yaml").write_text("id: turkey-s400\ntitel: x\n", encoding="utf-8")
        result = invoke(runner, "show", "india-s400", "--related", "--timelines", str(tmp_path))
        assert result.exit_code == 1
        assert "unknown-field" in result.stderr

    def test_naming_a_related_timeline_too_shows_it_once(self, runner) -> None:
        result = invoke(
            runner,
            "show",
            "india-s400",
            "turkey-s400",
            "--related",
            "--timelines",
            str(TIMELINES),
            "--width",
            WIDE,
            "--full",
        )
        assert result.stdout.count(shipped("turkey-s400").title) == 1


class TestAsOf:
    @pytest.mark.parametrize(
        ("when", "status"),
        [
            ("2018-06", "signed (as of Jun 2018)"),
            ("2019-08", "in-delivery (as of Aug 2019)"),
            ("2020", "delivered (as of 2020)"),
            ("2016-01", "no events yet (as of Jan 2016)"),
        ],
    )
    def test_the_header_shows_the_status_at_the_date(self, runner, when: str, status: str) -> None:
        """The final status is replaced by the one derived at the date."""
        result = invoke(
            runner, "show", "turkey-s400", "--as-of", when, "--timelines", str(TIMELINES), "--width", WIDE, "--full"
        )
        assert result.exit_code == 0, result.stderr
        assert f"status {status}" in result.stdout
        assert "status delivered " not in result.stdout.replace(f"status {status}", "")

    @pytest.mark.parametrize("when", ["2018-06", "2019-08", "2020-10-16"])
    def test_events_after_the_date_are_cut_off(self, runner, when: str) -> None:
        """Exactly the events whose earliest day is on or before the last day of the date."""
        day = parse_edtf(when).latest
        result = invoke(
            runner, "show", "turkey-s400", "--as-of", when, "--timelines", str(TIMELINES), "--width", WIDE, "--full"
        )
        for event in shipped("turkey-s400").events:
            shown = f"{event.title}" in result.stdout
            assert shown is (event.date.earliest <= day), (event.id, str(event.date))

    def test_the_delivered_count_of_today_is_left_out(self, runner) -> None:
        """'delivered ~2 battery' is the final count, wrong in 2018."""
        before = invoke(runner, "show", "turkey-s400", "--timelines", str(TIMELINES), "--width", WIDE, "--full")
        as_of = invoke(
            runner,
            "show",
            "turkey-s400",
            "--as-of",
            "2018-06",
            "--timelines",
            str(TIMELINES),
            "--width",
            WIDE,
            "--full",
        )
        assert "delivered ~2 battery" in before.stdout
        assert "delivered ~2 battery" not in as_of.stdout

    def test_each_related_deal_gets_its_own_status(self, runner) -> None:
        """With --related, every header is derived at the date."""
        result = invoke(
            runner,
            "show",
            "turkey-s400",
            "--related",
            "--as-of",
            "2019-08",
            "--timelines",
            str(TIMELINES),
            "--width",
            WIDE,
        )
        assert "status in-delivery (as of Aug 2019)" in result.stdout  # turkey-s400
        assert "status signed (as of Aug 2019)" in result.stdout  # india-s400, contract in 2018
        assert "status suspended (as of Aug 2019)" in result.stdout  # turkey-f35
        assert "status no events yet (as of Aug 2019)" in result.stdout  # turkey-f16, requested in 2021

    def test_an_earlier_to_wins(self, runner) -> None:
        """--to and --as-of both cut; the earlier one applies to events, the status stays at --as-of."""
        result = invoke(
            runner,
            "show",
            "turkey-s400",
            "--as-of",
            "2020",
            "--to",
            "2017",
            "--timelines",
            str(TIMELINES),
            "--width",
            WIDE,
        )
        assert "delivered (as of 2020)" in result.stdout
        assert "First S-400 battery delivered" not in result.stdout

    @pytest.mark.parametrize("when", ["2018-13", "June 2018", "2017/2018", "2018/.."])
    def test_a_bad_date_or_an_interval_exits_2(self, runner, when: str) -> None:
        result = invoke(runner, "show", "turkey-s400", "--as-of", when, "--timelines", str(TIMELINES))
        assert result.exit_code == 2
        assert result.stderr.startswith("armsdeal: --as-of")
        assert result.stdout == ""
