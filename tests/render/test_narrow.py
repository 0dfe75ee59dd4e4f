"""`show` at every width from 40 columns up (issue 29): no line wider than the terminal, two lines an event
when narrow, a compact date column, folded URLs, and a strip that names its milestones or lists them."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from conftest import TIMELINES, assert_golden, draw, invoke
from rich.cells import cell_len

from armsdeal.check.validate import load_timeline
from armsdeal.core.chronology import merge, one_per_event
from armsdeal.core.dates import parse_edtf
from armsdeal.render.strip import GAP, Strip, lanes_for
from armsdeal.render.theme import DEAL_STYLES
from armsdeal.render.view import ViewOptions, timeline_view

DEALS = ["turkey-s400", "turkey-f35", "turkey-f16", "india-s400"]
WIDTHS = [40, 60, 80, 100, 140]
VIEWS = {"default": [], "related": ["--related"], "full": ["--full"], "full-related": ["--full", "--related"]}


def show(runner, *args: str) -> str:
    result = invoke(runner, "show", *args, "--timelines", str(TIMELINES), "--color", "never")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def overlong(output: str, width: int) -> list[str]:
    return [line for line in output.splitlines() if cell_len(line) > width]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("name", DEALS)
def test_no_line_of_any_view_is_wider_than_the_terminal(runner, name: str, view: str, width: int) -> None:
    output = show(runner, name, *VIEWS[view], "--width", str(width))
    assert overlong(output, width) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", DEALS)
def test_no_line_of_an_event_view_is_wider_than_the_terminal(runner, name: str, width: int) -> None:
    timeline = load_timeline(TIMELINES / f"{name}.yaml")
    events = [event.id for event in timeline.events][:: max(1, len(timeline.events) // 6)]
    for event_id in events:
        assert overlong(show(runner, name, event_id, "--width", str(width)), width) == [], event_id


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("related", [False, True], ids=["alone", "related"])
@pytest.mark.parametrize("name", DEALS)
def test_views_match_golden(runner, name: str, related: bool, width: int) -> None:
    output = show(runner, name, *(["--related"] if related else []), "--width", str(width))
    assert_golden(f"show/width-{name}{'-related' if related else ''}-{width}.txt", output)


def test_a_narrow_view_gives_an_event_two_lines_and_keeps_its_title_readable(runner) -> None:
    output = show(runner, "turkey-s400", "--width", "40").splitlines()
    at = next(index for index, line in enumerate(output) if line.startswith("Nov 2016 "))
    assert "negotiation" in output[at] and "[1]" in output[at]
    assert output[at + 1].startswith("  Turkish-Russian talks")
    for name in DEALS:  # source numbers and types are never cut, whatever else must give way
        narrow = show(runner, name, "--related", "--width", "40").split("─ Sources ─")[0]
        assert not re.search(r"\[\d*…|\]…|^\S.* \w+…$", narrow, re.MULTILINE), name
    wide = show(runner, "turkey-s400", "--width", "140")
    assert re.search(r"^Nov 2016 +negotiation +Turkish-Russian talks", wide, re.MULTILINE)


def test_the_date_column_is_compact_and_the_full_view_keeps_the_words(runner) -> None:
    compact = show(runner, "turkey-s400", "--width", "80")
    assert re.search(r"^10-12 Sep 2017 +contract", compact, re.MULTILINE)
    assert "10, 11 or 12 Sep 2017" not in compact
    assert "10, 11 or 12 Sep 2017" in show(runner, "turkey-s400", "--full", "--width", "80")
    for compact_form in ("27 Aug-15 Sep 2019", "12-25 Jul 2019", "30 Sep-Oct 2021"):
        assert re.search(rf"^{compact_form} ", compact, re.MULTILINE), compact_form
    # The column is as wide as its longest date, plus one space.
    assert re.search(r"^27 Aug-15 Sep 2019 delivery", compact, re.MULTILINE)


@pytest.mark.parametrize("width", [40, 60, 80])
def test_piped_sources_print_each_url_whole_folded_at_the_width(runner, width: int) -> None:
    output = show(runner, "turkey-s400", "--width", str(width)).split("Sources", 1)[1]
    assert overlong(output, width) == []
    urls = {source.url for source in load_timeline(TIMELINES / "turkey-s400.yaml").sources.values()}
    # A folded URL goes on on lines indented past the source numbers ('[39] ').
    sources = re.split(r"\n(?= *\[\d+\] )", re.sub(r"\n {5}(?=\S)", "", output.split("\n+")[0]))[1:]
    assert len(sources) >= 10
    for source in sources:
        assert any(url in source for url in urls), source


def test_with_links_the_sources_are_publisher_and_date_one_line_each() -> None:
    timeline = load_timeline(TIMELINES / "turkey-s400.yaml")
    entries = one_per_event(merge([timeline]))
    output = draw(timeline_view([timeline], entries, ViewOptions(links=True)), color=True, width=60)
    sources = output.split("Sources", 1)[1]
    assert "\x1b]8;" in sources  # the publisher and date are the link
    plain = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", sources)
    lines = [line for line in plain.split("\n+")[0].splitlines()[1:] if line.strip()]
    assert all(re.match(r"^ *\[\d+\] ", line) for line in lines), lines  # one line a source
    assert "://" not in plain


def strip_lines(name: str, width: int, **filters: str) -> list[str]:
    timeline = load_timeline(TIMELINES / f"{name}.yaml")
    entries = one_per_event(merge([timeline]))
    if "to" in filters:
        last = parse_edtf(filters["to"]).latest
        entries = [entry for entry in entries if entry.event.date.earliest <= last]
    return draw(Strip(lanes_for([timeline], entries, DEAL_STYLES)), width=width).splitlines()


LABELS = ("first talks", "contract", "first delivery", "last delivery", "first sanction")


@pytest.mark.parametrize("width", [40, 60, 70, 80, 100, 140])
def test_every_milestone_is_named_or_listed_and_labels_are_separated(width: int) -> None:
    lines = strip_lines("turkey-s400", width)
    text = "\n".join(lines)
    for label in LABELS:
        assert label in text, (label, text)
    for line in lines[2:]:
        if line.lstrip().startswith("also:"):
            continue
        words = [label for label in LABELS if label in line]
        for first, second in pairwise(words):
            between = line[line.index(first) + len(first) : line.index(second)]
            assert len(between) >= GAP or between.strip(), line  # never 'first talks contract'


@pytest.mark.parametrize("width", [40, 60, 70, 80, 100, 140])
def test_no_label_starts_before_its_years_tick(width: int) -> None:
    lines = strip_lines("turkey-s400", width, to="2019-09")
    years, axis = lines[0], lines[1]
    ticks = {int(match.group()): match.start() for match in re.finditer(r"\d{4}", years)}
    last = max(ticks)
    placed = lines[2 : next((i for i, line in enumerate(lines) if "also:" in line), len(lines))]
    for line in placed:
        at = line.find("last delivery")
        if at >= 0 and last == 2019:
            tick = axis.rfind("┼") if "┼" in axis else 0
            assert at >= tick, (years, axis, line)
    assert "last delivery" in "\n".join(lines)


@pytest.mark.parametrize(("text", "size"), [("https://example.org/" + "a" * 90, 25), ("ab日本cdé" * 5, 3), ("x", 10)])
def test_folded_pieces_fit_and_join_to_the_text(text: str, size: int) -> None:
    from armsdeal.render.view import folded

    pieces = folded(text, size)
    assert "".join(pieces) == text
    assert all(0 < cell_len(piece) <= size for piece in pieces)
