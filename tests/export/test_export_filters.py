"""`export` filters events as `show` does.

One definition of --from, --to, --type, --actor, --tag, --contains and --as-of serves both commands.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
import typer
import typer.main
from conftest import TIMELINES, invoke

from armsdeal.check.validate import load_timeline
from armsdeal.cli.app import app
from armsdeal.core.chronology import EventFilter, restrict
from armsdeal.core.vocabulary import EventType

FILTERS = ("--from", "--to", "--type", "--actor", "--tag", "--contains", "--as-of")
COMBINATIONS = [
    ["--type", "delivery"],
    ["--type", "sanction", "--type", "suspension"],
    ["--from", "2019-07", "--to", "2020"],
    ["--actor", "ssb"],
    ["--actor", "Recep Tayyip Erdogan"],
    ["--tag", "caatsa"],
    ["--contains", "F-35"],
    ["--as-of", "2018-06"],
    ["--as-of", "2019-08", "--type", "delivery", "--from", "2019"],
]


def params(command: str) -> dict[str, object]:
    group = typer.main.get_command(app)
    # Through get_command, as click asks: commands are registered when their module is first loaded.
    found = group.get_command(typer.Context(group), command).params  # type: ignore[attr-defined]
    return {param.opts[0]: param for param in found if param.opts[0] in FILTERS}


def test_show_and_export_share_one_definition_of_the_filters() -> None:
    show, export = params("show"), params("export")
    assert set(show) == set(export) == set(FILTERS)
    for name in FILTERS:
        a, b = show[name], export[name]
        assert (a.opts, a.help, a.metavar, a.multiple) == (b.opts, b.help, b.metavar, b.multiple), name


@pytest.mark.parametrize("options", COMBINATIONS, ids=" ".join)
def test_export_keeps_exactly_the_events_show_shows(runner, options: list[str]) -> None:
    shown = invoke(
        runner, "show", "turkey-s400", *options, "--color", "never", "--width", "1000", "--timelines", str(TIMELINES)
    )
    exported = invoke(runner, "export", "turkey-s400", *options, "--format", "csv", "--timelines", str(TIMELINES))
    assert shown.exit_code == exported.exit_code == 0, shown.stderr + exported.stderr
    rows = list(csv.DictReader(io.StringIO(exported.stdout, newline="")))
    assert rows, "each combination keeps some events"
    kept = {row["event_id"] for row in rows}
    timeline = load_timeline(TIMELINES / "turkey-s400.yaml")
    for event in timeline.events:
        assert (event.id in kept) == (event.title in shown.stdout), (event.id, options)


def test_export_as_of_states_the_deal_as_it_stood(runner) -> None:
    result = invoke(
        runner, "export", "turkey-s400", "--as-of", "2018-06", "--format", "json", "--timelines", str(TIMELINES)
    )
    assert result.exit_code == 0, result.stderr
    deal = json.loads(result.stdout)["timelines"][0]["deal"]
    assert deal["status"] == "signed"
    assert deal.get("delivered") is None  # today's count, not June 2018's


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--from", "2019-13"], "--from"),
        (["--from", "2020", "--to", "2019"], "is after --to"),
        (["--as-of", "2018/2019"], "not the interval"),
        (["--type", "chat"], "--type"),
    ],
)
def test_export_filter_errors_are_usage_errors(runner, options: list[str], message: str) -> None:
    result = invoke(runner, "export", "turkey-s400", *options, "--timelines", str(TIMELINES))
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_without_filters_the_export_is_unchanged(runner) -> None:
    plain = invoke(runner, "export", "turkey-s400", "--timelines", str(TIMELINES)).stdout
    everything = invoke(runner, "export", "turkey-s400", "--from", "1900", "--timelines", str(TIMELINES)).stdout
    assert plain == everything


def test_restrict_drops_the_cached_chronology() -> None:
    timeline = load_timeline(TIMELINES / "turkey-s400.yaml")
    assert len(timeline.chronology) > 2  # computed and cached on the original
    deliveries = restrict(timeline, EventFilter(types=frozenset({EventType.DELIVERY})))
    assert deliveries.chronology and all(event.type is EventType.DELIVERY for event in deliveries.chronology)
    assert len(timeline.chronology) == len(timeline.events)


def test_a_timeline_with_no_matching_event_is_left_out_and_said(runner) -> None:
    result = invoke(
        runner,
        "export",
        "turkey-s400",
        "turkey-f35",
        "--type",
        "test",
        "--format",
        "csv",
        "--timelines",
        str(TIMELINES),
    )
    assert result.exit_code == 0, result.stderr
    assert "no event of turkey-f35 matches the filters" in result.stderr
    assert {row["timeline"] for row in csv.DictReader(io.StringIO(result.stdout, newline=""))} == {"turkey-s400"}


def test_nothing_matching_exports_nothing_and_exits_1(runner, tmp_path) -> None:
    target = tmp_path / "out.md"
    result = invoke(
        runner, "export", "turkey-s400", "--contains", "no such words", "-o", str(target), "--timelines", str(TIMELINES)
    )
    assert result.exit_code == 1
    assert "no event of turkey-s400 matches the filters" in result.stderr
    assert not target.exists()
