"""`show`'s views: the compact default, the overview strip, one event, --as-of, links, the pager, names and filters."""

from __future__ import annotations

import re
from functools import partial

import pytest
from conftest import DATA, ROOT, TIMELINES, assert_golden, draw, invoke, pinned_console
from rich.console import Console

from armsdeal.check.validate import load_timeline
from armsdeal.cli import pager
from armsdeal.core.chronology import merge, one_per_event
from armsdeal.core.model import Timeline
from armsdeal.render.strip import Strip, lanes_for
from armsdeal.render.theme import DEAL_STYLES, EVENT_TYPE_STYLES
from armsdeal.render.view import ViewOptions, event_view, timeline_view

VALID = DATA / "valid"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
OSC8 = re.compile(r"\x1b\]8;[^\x1b]*\x1b\\")


def shipped(name: str) -> Timeline:
    return load_timeline(TIMELINES / f"{name}.yaml")


def valid(name: str) -> Timeline:
    return load_timeline(VALID / f"{name}.yaml")


def strip(*timelines: Timeline) -> Strip:
    return Strip(lanes_for(timelines, one_per_event(merge(timelines)), DEAL_STYLES))


def cli(runner, *args: str) -> str:
    result = invoke(runner, "show", *args, "--timelines", str(TIMELINES))
    assert result.exit_code == 0, result.stderr
    return result.stdout


class TestDefaultView:
    def test_turkey_s400_matches_golden(self, runner) -> None:
        """The compact view of the main deal at 100 columns (regenerate when the data changes, and review)."""
        assert_golden("show/turkey-s400.txt", cli(runner, "turkey-s400", "--width", "100"))

    def test_turkey_s400_fits_in_100_lines_at_100_columns(self, runner) -> None:
        """The whole deal on one or two screens of a terminal (its sources one line each, linked)."""
        timeline = shipped("turkey-s400")
        view = timeline_view([timeline], one_per_event(merge([timeline])), ViewOptions(links=True))
        assert len(draw(view, color=True, width=100).splitlines()) <= 100

    def test_one_line_per_event_in_date_order(self, runner) -> None:
        """Every event has exactly one line, starting with its date (compact), in chronological order."""
        from armsdeal.core.dates import compact_date as format_date

        output = cli(runner, "turkey-s400", "--width", "100").splitlines()
        events = shipped("turkey-s400").chronology
        rows = [line for line in output if any(line.startswith(format_date(e.date) + " ") for e in events)]
        assert len(rows) == len(events)
        for row, event in zip(rows, events, strict=True):
            assert row.startswith(format_date(event.date))
            assert len(row) <= 100

    @pytest.mark.parametrize(("width", "related"), [(80, []), (100, []), (90, ["--related"]), (100, ["--related"])])
    @pytest.mark.parametrize("name", ["turkey-s400", "turkey-f35", "turkey-f16", "india-s400"])
    def test_no_line_but_a_url_is_wider_than_the_terminal(
        self, runner, name: str, width: int, related: list[str]
    ) -> None:
        """A title gives way to the last cell rather than push its line past the width (a terminal would wrap
        it): at 80 columns, turkey-s400's lines with '(about turkey-f35)' were 81 to 84 wide. (At 80 columns
        with --related, the deal column and markers alone can be wider: those lines stay longer.)"""
        from rich.cells import cell_len

        output = cli(runner, name, "--width", str(width), *related).splitlines()
        assert [line for line in output if cell_len(line) > width and "://" not in line] == []

    def test_no_summary_notes_or_actors_unless_asked(self, runner) -> None:
        timeline = shipped("turkey-s400")
        compact = cli(runner, "turkey-s400", "--width", "100")
        assert timeline.summary is not None
        first_sentence = timeline.summary.split(".")[0]
        assert first_sentence not in compact.replace("\n", " ")
        assert "Note:" not in compact
        assert "Recep Tayyip Erdogan" not in compact
        with_summary = cli(runner, "turkey-s400", "--width", "100", "--summary")
        assert first_sentence in " ".join(with_summary.split())

    def test_sources_hold_the_url_whole_folded_at_the_width(self, runner) -> None:
        """Each listed source holds its whole URL, however long: folded at the width onto lines of its own."""
        output = cli(runner, "turkey-s400", "--width", "60")
        sources = re.split(r"\n(?= *\[\d+\] )", re.sub(r"\n {5}(?=\S)", "", output.split("Sources", 1)[1]))[1:]
        assert sources
        urls = {source.url for source in shipped("turkey-s400").sources.values()}
        for source in sources:
            assert any(url in source for url in urls), source

    def test_every_source_is_in_full(self, runner) -> None:
        """The compact view lists each event's first source; --full lists every cited source."""
        full = cli(runner, "turkey-s400", "--full", "--width", "100")
        for source_id in {s for event in shipped("turkey-s400").events for s in event.sources}:
            assert shipped("turkey-s400").sources[source_id].url in re.sub(r"\n +", "", full)  # URLs fold

    def test_no_trailing_spaces_anywhere(self, runner) -> None:
        """Piped output has no line ending in a space: show, --full, list, compare, --help."""
        for args in (
            ("show", "turkey-s400"),
            ("show", "turkey-s400", "--full", "--summary"),
            ("show", "turkey-s400", "--related"),
            ("list",),
            ("compare", "turkey-s400", "india-s400"),
            ("show", "--help"),
            ("--help",),
        ):
            result = invoke(runner, *args)
            assert result.exit_code == 0, (args, result.stderr)
            assert not [line for line in result.stdout.splitlines() if line.endswith(" ")], args

    def test_coloured_output_has_no_trailing_spaces_and_keeps_resets(self, runner) -> None:
        result = invoke(runner, "show", "turkey-s400", "--color", "always", "--full")
        for line in result.stdout.splitlines():
            assert not ANSI.sub("", line).endswith(" "), line
        assert result.stdout.rstrip().endswith("\x1b[0m")


class TestFull:
    def test_full_view_matches_golden(self) -> None:
        """--full on the shipped deal: every event with its details, every source."""
        timeline = valid("showcase")
        output = draw(timeline_view([timeline], merge([timeline]), ViewOptions(full=True)), width=100)
        assert_golden("show/showcase-full.txt", output)
        assert "Location: Ruritania's capital · Quantity: 2 radar" in output
        assert "Tags: contract" in output
        assert "A made-up deal" not in output  # the summary only with --summary


class TestStrip:
    @pytest.mark.parametrize("width", [60, 100, 160])
    def test_strip_matches_golden(self, width: int) -> None:
        """Years labelled, every event marked, milestones named; fewer labels when narrow."""
        assert_golden(f"show/strip-turkey-s400-{width}.txt", draw(strip(shipped("turkey-s400")), width=width))

    def test_lanes_match_golden(self) -> None:
        """Several deals: one lane per deal on the same axis."""
        names = ("turkey-s400", "turkey-f35", "turkey-f16", "india-s400")
        assert_golden("show/strip-lanes.txt", draw(strip(*(shipped(name) for name in names)), width=100))

    def test_every_event_is_marked(self) -> None:
        """Each shown event leaves a point or span on the axis where it falls."""
        timeline = valid("showcase")
        lines = draw(strip(timeline), width=100).splitlines()
        axis = lines[1]
        assert axis.count("●") == 2  # the two events dated to the day
        assert "━" in axis  # months, an approximate month and an interval are spans

    def test_milestones_are_named(self) -> None:
        output = draw(strip(shipped("turkey-s400")), width=160)
        for label in ("first talks", "contract", "first delivery", "last delivery", "first sanction"):
            assert label in output

    def test_narrow_strip_places_fewer_milestones_and_lists_the_rest(self) -> None:
        labels = ("first talks", "contract", "first delivery", "last delivery", "first sanction")

        def placed(width: int) -> int:
            output = draw(strip(shipped("turkey-s400")), width=width).split("also:")[0]
            return sum(label in output for label in labels)

        assert placed(40) < placed(160)
        narrow = draw(strip(shipped("turkey-s400")), width=40)
        assert all(label in narrow for label in labels)  # the others on the 'also:' line

    def test_colours_follow_the_event_types(self) -> None:
        """A contract is drawn in the contract's colour."""
        console = pinned_console(color=True, width=100)
        segments = list(console.render(strip(valid("showcase")), console.options))
        styles = {str(segment.style) for segment in segments if segment.text == "●"}
        assert console.get_style(EVENT_TYPE_STYLES[shipped("turkey-s400").events[0].type]) is not None
        assert any("green" in style for style in styles)  # the two contracts

    def test_ascii_console_gets_plain_characters(self) -> None:
        console = Console(file=__import__("io").StringIO(), width=80, color_system=None, legacy_windows=False)
        console.encoding  # noqa: B018
        options = console.options.update(width=80)
        options.encoding = "ascii"
        text = "".join(segment.text for segment in console.render(strip(valid("showcase")), options))
        assert "●" not in text and "─" not in text
        assert "o" in text and "-" in text

    def test_a_strip_drawn_from_its_lanes_function_is_the_same(self) -> None:
        """show makes the lanes when the strip is drawn (their marks are not kept while the rest is drawn)."""
        timelines = tuple(shipped(name) for name in ("turkey-s400", "turkey-f35"))
        entries = one_per_event(merge(timelines))
        made = Strip(partial(lanes_for, timelines, entries, DEAL_STYLES))
        for width in (60, 100):
            for color in (False, True):
                assert draw(made, width=width, color=color) == draw(strip(*timelines), width=width, color=color)


class TestOneEvent:
    def test_event_view_matches_golden(self, runner) -> None:
        """NAME EVENT-ID: one event in full, with its sources."""
        result = invoke(runner, "show", str(VALID / "showcase.yaml"), "first-deliveries", "--width", "100")
        assert result.exit_code == 0, result.stderr
        assert_golden("show/showcase-first-deliveries.txt", result.stdout)

    def test_shipped_event_has_every_source(self, runner) -> None:
        timeline = shipped("turkey-s400")
        event = max(timeline.events, key=lambda e: len(e.sources))
        output = cli(runner, "turkey-s400", event.id, "--width", "100")
        assert event.title in " ".join(output.split())
        for source_id in event.sources:
            assert timeline.sources[source_id].url in re.sub(r"\n +", "", output)  # URLs fold at the width
        if event.note:
            assert "Note:" in output

    def test_unknown_event_is_a_usage_error(self, runner) -> None:
        """After a timeline, a name that is neither its event nor a timeline is named as both, with the closest."""
        result = invoke(runner, "show", "turkey-s400", "no-such-event", "--timelines", str(TIMELINES))
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"armsdeal: 'no-such-event' is neither an event of turkey-s400 nor a timeline in {TIMELINES}"
            "; `armsdeal search WORDS` shows the ids of the events it finds\n"
        )
        result = invoke(runner, "show", "turkey-s400", "first-batery-delivered", "--timelines", str(TIMELINES))
        assert "(did you mean 'first-battery-delivered'?)" in result.stderr
        result = invoke(runner, "show", "turkey-s400", "india-s40", "--timelines", str(TIMELINES))
        assert "(did you mean 'india-s400'?)" in result.stderr

    def test_filters_do_not_apply_to_one_event(self, runner) -> None:
        result = invoke(runner, "show", str(VALID / "showcase.yaml"), "first-deliveries", "--type", "contract")
        assert result.exit_code == 2
        assert "EVENT-ID" in result.stderr


class TestAsOf:
    def test_as_of_view_matches_golden(self, runner) -> None:
        result = invoke(runner, "show", str(VALID / "showcase.yaml"), "--as-of", "2021", "--summary", "--width", "100")
        assert result.exit_code == 0, result.stderr
        assert_golden("show/showcase-as-of-2021.txt", result.stdout)

    def test_summary_notes_and_later_sources_are_left_out(self, runner) -> None:
        """As of 2021: no summary (even with --summary), no notes, no source published in 2022; one line says so."""
        result = invoke(runner, "show", str(VALID / "showcase.yaml"), "--as-of", "2021", "--full", "--summary")
        output = result.stdout
        assert "A made-up deal" not in output
        assert "Note:" not in output
        assert "example.org/herald/2022" not in output
        assert output.count("As of 2021:") == 1
        # The sanction of Dec 2020 is cited only by a 2022 source.
        assert "Known only from sources published later" in output

    def test_compact_view_marks_events_known_later(self, runner) -> None:
        output = invoke(runner, "show", str(VALID / "showcase.yaml"), "--as-of", "2021", "--width", "120").stdout
        row = next(line for line in output.splitlines() if line.startswith("~Dec 2020"))
        assert "(known from later sources)" in row
        assert "[" not in row.split("sanctions the ministry")[1].replace("(known", "")


class TestLinks:
    def options(self, *, links: bool) -> ViewOptions:
        return ViewOptions(links=links)

    @pytest.mark.parametrize("full", [False, True])
    def test_http_urls_are_hyperlinks_through_rich_styles(self, full: bool) -> None:
        timeline = valid("showcase")
        view = timeline_view([timeline], merge([timeline]), ViewOptions(full=full, links=True))
        output = draw(view, color=True, width=100)
        targets = set(re.findall(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\", output))
        assert {source.url for source in timeline.sources.values()} == targets - {""}
        plain = draw(timeline_view([timeline], merge([timeline]), ViewOptions(full=full)), color=True, width=100)
        if full:
            # Links are decoration in the full view: without them the text is the same.
            assert OSC8.sub("", output) == plain
        else:
            # The compact view's links are the publisher and date, one line a source; the URL is the target.
            sources = ANSI.sub("", OSC8.sub("", output)).split("Sources", 1)[1]
            assert "://" not in sources
            assert len(sources.strip().splitlines()[1:]) == len(timeline.sources)

    def test_no_links_without_colour(self) -> None:
        timeline = valid("showcase")
        output = draw(timeline_view([timeline], merge([timeline]), ViewOptions(links=True)), width=100)
        assert "\x1b" not in output

    @pytest.mark.parametrize(
        "url",
        ["javascript:alert(1)", "file:///etc/passwd", "https://a.example/\x1b]8;;x", "https://a.example/\u202ex"],
    )
    def test_only_clean_http_urls_are_linked(self, url: str) -> None:
        from armsdeal.render.view import _link

        assert _link(url) is None
        assert _link("https://example.org/a?b=c&d") is not None

    def test_piped_output_has_no_links(self, runner) -> None:
        result = invoke(runner, "show", str(VALID / "showcase.yaml"), "--color", "always")
        assert "\x1b]8;" not in result.stdout


class TestPager:
    @pytest.mark.parametrize(
        ("is_terminal", "no_pager", "lines", "environ", "expected"),
        [
            (True, False, 100, {}, "less -R"),
            (False, False, 100, {}, None),  # piped: never
            (True, True, 100, {}, None),  # --no-pager
            (True, False, 10, {}, None),  # fits on the screen
            (True, False, 100, {"PAGER": "more"}, "more"),
            (True, False, 100, {"PAGER": "more", "ARMSDEAL_PAGER": "most -s"}, "most -s"),
            (True, False, 100, {"PAGER": ""}, None),
            (True, False, 100, {"ARMSDEAL_PAGER": "cat", "PAGER": "more"}, None),
        ],
    )
    def test_the_decision(self, is_terminal, no_pager, lines, environ, expected) -> None:
        decided = pager.pager_for(is_terminal=is_terminal, no_pager=no_pager, lines=lines, height=40, environ=environ)
        assert decided == expected

    @pytest.fixture
    def paged(self, monkeypatch) -> list[tuple[str, str]]:
        """Pretend stdout is a terminal and record what would go to the pager (no pager is started)."""
        calls: list[tuple[str, str]] = []

        def fake(command: str, text: str) -> bool:
            calls.append((command, text))
            return True

        monkeypatch.setattr(pager, "stdout_is_terminal", lambda: True)
        monkeypatch.setattr(pager, "run_pager", fake)
        return calls

    def test_tall_output_on_a_terminal_is_paged(self, runner, paged) -> None:
        env = {"LINES": "30", "PAGER": "my-pager -x"}
        result = invoke(runner, "show", "turkey-s400", "--timelines", str(TIMELINES), env=env)
        assert result.exit_code == 0
        assert result.stdout == ""
        [(command, text)] = paged
        assert command == "my-pager -x"
        assert "Turkey buys Russia's S-400" in text

    def test_no_pager_writes_directly(self, runner, paged) -> None:
        result = invoke(runner, "show", "turkey-s400", "--no-pager", "--timelines", str(TIMELINES), env={"LINES": "30"})
        assert paged == []
        assert "Turkey buys Russia's S-400" in result.stdout

    def test_short_output_is_not_paged(self, runner, paged) -> None:
        result = invoke(runner, "show", str(VALID / "minimal.yaml"), env={"LINES": "60"})
        assert paged == []
        assert result.stdout

    def test_a_pager_that_cannot_start_falls_back_to_stdout(self, runner, monkeypatch) -> None:
        monkeypatch.setattr(pager, "stdout_is_terminal", lambda: True)
        monkeypatch.setattr(pager, "run_pager", lambda command, text: False)
        result = invoke(runner, "show", "turkey-s400", "--timelines", str(TIMELINES), env={"LINES": "30"})
        assert "Turkey buys Russia's S-400" in result.stdout

    def test_untrusted_text_reaches_the_pager_inert(self, runner, paged) -> None:
        """What goes to the pager is what would go to the terminal: no escape from the file."""
        invoke(runner, "show", str(VALID / "hostile.yaml"), "--full", "--summary", env={"LINES": "5"})
        [(_, text)] = paged
        for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert raw not in ANSI.sub("", OSC8.sub("", text))


class TestUntrusted:
    @pytest.mark.parametrize("full", [False, True])
    def test_new_elements_keep_hostile_text_inert(self, full: bool) -> None:
        """Strip, compact lines, details and links: markup literal, controls escaped."""
        timeline = valid("hostile")
        view = timeline_view([timeline], merge([timeline]), ViewOptions(full=full, summary=True, links=True))
        output = draw(view, color=True, width=200)
        body = ANSI.sub("", OSC8.sub("", output))
        for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u2066"):
            assert raw not in body
        if full:
            assert "[red]Base[/red] \\x1b[31mred\\x1b]8;;https://evil.example\\x1b\\" in body
            assert "Quantity: 1 [blink]unit\\x1b[5m" in body
        links = set(re.findall(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\", output)) - {""}
        assert links == {"https://example.org/a"}

    def test_one_event_view_keeps_hostile_text_inert(self) -> None:
        timeline = valid("hostile")
        output = draw(event_view(timeline, timeline.events[0], ViewOptions(links=True)), color=True, width=120)
        body = ANSI.sub("", OSC8.sub("", output))
        assert "\x1b" not in body and "\x9b" not in body
        assert "[/] closes nothing" in body


class TestNames:
    @pytest.mark.parametrize("name", ["TURKEY-S400", "Turkey-S400", "turkey-s400.yaml", "TURKEY-S400.YAML"])
    def test_case_and_yaml_suffix_find_the_timeline(self, runner, name: str, tmp_path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)  # no turkey-s400.yaml here
        result = invoke(runner, "show", name, "--timelines", str(TIMELINES), "--width", "100")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("Turkey buys Russia's S-400")

    @pytest.mark.parametrize(
        ("name", "suggestion"),
        [("turkey-s4000", "turkey-s400"), ("Turkey_S400", "turkey-s400"), ("india-s40.yaml", "india-s400")],
    )
    def test_a_near_miss_suggests_the_name(self, runner, name: str, suggestion: str) -> None:
        result = invoke(runner, "show", name, "--timelines", str(TIMELINES))
        assert result.exit_code == 2
        assert f"did you mean '{suggestion}'?" in result.stderr

    def test_nothing_close_points_to_list(self, runner) -> None:
        result = invoke(runner, "show", "zzzzzz", "--timelines", str(TIMELINES))
        assert result.exit_code == 2
        assert "armsdeal list" in result.stderr


class TestFilterValues:
    @pytest.mark.parametrize(
        ("option", "value", "suggestion"),
        [("--actor", "erdogn", "erdogan"), ("--type", "contracts", "contract"), ("--tag", "f35", "f-35")],
    )
    def test_unknown_values_exit_2_with_a_suggestion(self, runner, option: str, value: str, suggestion: str) -> None:
        result = invoke(runner, "show", "turkey-s400", option, value, "--timelines", str(TIMELINES))
        assert result.exit_code == 2
        assert result.stdout == ""
        assert f"did you mean '{suggestion}'?" in result.stderr
        assert "known: " in result.stderr

    def test_the_known_values_are_bounded(self, runner) -> None:
        """turkey-s400 names 60 actors and their names: the message lists 12 and counts the rest, on one line."""
        result = invoke(runner, "show", "turkey-s400", "--actor", "erdgan", "--timelines", str(TIMELINES))
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and len(result.stderr) < 260
        assert re.search(r"known: (\S+, ){11}\S+ and \d+ more\n$", result.stderr), result.stderr

    def test_nobody_is_not_an_empty_result(self, runner) -> None:
        result = invoke(runner, "show", "turkey-s400", "--actor", "nobody", "--timelines", str(TIMELINES))
        assert result.exit_code == 2
        assert "No events match" not in result.stdout

    @pytest.mark.parametrize(("option", "value"), [("--actor", "Recep Tayyip Erdogan"), ("--type", "Contract")])
    def test_known_values_in_any_case_work(self, runner, option: str, value: str) -> None:
        result = invoke(runner, "show", "turkey-s400", option, value, "--timelines", str(TIMELINES))
        assert result.exit_code == 0, result.stderr


class TestHelp:
    def test_metavars_are_words(self, runner) -> None:
        output = invoke(runner, "show", "--help").stdout
        assert "Usage: armsdeal show [OPTIONS] NAME... [EVENT-ID]" in output
        for word in ("--from DATE", "--type TYPE", "--actor ACTOR", "--tag TAG", "--width N", "--color WHEN"):
            assert word in output, word
        assert "<" not in output.replace("[20<=x<=1000]", "")
        assert "list[" not in output

    def test_every_command_has_readable_help_and_examples(self, runner) -> None:
        top = invoke(runner, "--help").stdout
        commands = top.split("Commands:")[1]
        assert "..." not in commands  # summaries are whole
        names = [line.split()[0] for line in commands.splitlines() if line.startswith("  ") and line[2] != " "]
        assert names[:10] == ["show", "list", "compare", "search", "export", "diff", "log", "check", "rules", "schema"]
        for name in names:
            output = invoke(runner, name, "--help").stdout
            assert "<list[" not in output and "<str>" not in output and "<path>" not in output, name
            examples = output.split("Examples:")[-1]
            assert "Examples:" in output and 1 <= examples.count("armsdeal ") <= 3, name


def test_readme_image_is_current() -> None:
    """docs/show-turkey-s400.svg is Rich's SVG export of `show turkey-s400` as it draws today."""
    from readme_image import render_svg

    path = ROOT / "docs" / "show-turkey-s400.svg"
    expected = render_svg(TIMELINES)
    if not path.exists() or __import__("os").environ.get("ARMSDEAL_UPDATE_GOLDEN"):
        path.write_text(expected, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == expected, "run ARMSDEAL_UPDATE_GOLDEN=1 pytest to regenerate"
