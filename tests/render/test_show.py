"""The terminal view: golden output through a pinned console, filters, and untrusted text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA, assert_golden, draw, render

from armsdeal.check.validate import load_timeline
from armsdeal.core.chronology import EventFilter, merge
from armsdeal.core.dates import parse_edtf
from armsdeal.core.model import Timeline
from armsdeal.core.vocabulary import EventType
from armsdeal.render.view import ViewOptions, timeline_view

VALID = DATA / "valid"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def load(name: str) -> Timeline:
    return load_timeline(VALID / f"{name}.yaml")


FULL = ViewOptions(full=True, summary=True)


def view(*names: str, event_filter: EventFilter | None = None, options: ViewOptions = FULL) -> object:
    """The --full --summary view by default: every detail, as `show` drew before the compact view."""
    timelines = [load(name) for name in names]
    return timeline_view(timelines, merge(timelines, event_filter), options)


class TestGolden:
    def test_plain_view_matches_golden(self) -> None:
        """--full: header, year rules, dates at precision, gaps, markers, details, notes and numbered sources."""
        assert_golden("show/showcase.txt", draw(view("showcase"), width=100))

    def test_coloured_view_matches_golden(self) -> None:
        """The same view with the theme's colours as ANSI codes."""
        assert_golden("show/showcase.ansi", draw(view("showcase"), color=True, width=100))

    def test_merged_view_matches_golden(self) -> None:
        """--full with several timelines: one chronology with a column naming the deal."""
        assert_golden("show/showcase+minimal.txt", draw(view("showcase", "minimal"), width=100))

    def test_every_date_form_matches_golden(self) -> None:
        """Sets, seasons, decades, unknown and open ends, per-part qualifiers: wording, year rules, gaps."""
        assert_golden("show/date-forms.txt", render(view("date-forms"), width=100))

    def test_colour_is_only_decoration(self) -> None:
        """Stripping the ANSI codes from the coloured view gives the plain view."""
        coloured = draw(view("showcase"), color=True, width=100)
        assert ANSI.sub("", coloured) == draw(view("showcase"), width=100)


class TestContent:
    def test_events_appear_in_chronological_order(self) -> None:
        """Titles come in the order of their dates, whatever the file order."""
        output = render(view("showcase"), width=120)
        titles = [event.title for event in load("showcase").chronology]
        positions = [output.index(title) for title in titles]
        assert positions == sorted(positions)

    def test_disputed_event_names_claimant_and_disputer(self) -> None:
        """A disputed event says who claims and who disputes it."""
        output = render(view("showcase"), width=200)
        assert "DISPUTED: claimed by Freedonian Export Agency; disputed by Ruritanian Defence Ministry" in output

    def test_every_cited_source_is_listed_with_its_url(self) -> None:
        """The sources section lists each cited source once, with its URL."""
        timeline = load("showcase")
        output = render(view("showcase"), width=200)
        for source in timeline.sources.values():
            assert output.count(source.url) == 1

    @pytest.mark.parametrize("full", [True, False])
    def test_long_urls_are_whole_and_folded_at_the_width(self, full: bool) -> None:
        """At a narrow width a URL is never cut: it is folded at the width, whole once its lines are joined."""
        output = draw(view("showcase", options=ViewOptions(full=full)), width=40)
        assert all(len(line) <= 40 for line in output.splitlines())
        joined = re.sub(r"\n +", "", output)
        for source in load("showcase").sources.values():
            assert source.url in joined, source.url


class TestFilters:
    @pytest.mark.parametrize(
        ("event_filter", "expected"),
        [
            (
                EventFilter(start=parse_edtf("2019").earliest),
                ["first-deliveries", "sanctions", "second-contract-claim"],
            ),
            (EventFilter(end=parse_edtf("2017").latest), ["talks-public", "contract-signed"]),
            (EventFilter(types=frozenset({EventType.CONTRACT})), ["contract-signed", "second-contract-claim"]),
            (EventFilter(actors=frozenset({"Ruritanian Defence Ministry"})), ["sanctions", "second-contract-claim"]),
            (EventFilter(actors=frozenset({"fr-export"})), ["first-deliveries", "second-contract-claim"]),
            (EventFilter(tags=frozenset({"contract"})), ["contract-signed"]),
            (EventFilter(contains="NEW AGREEMENT"), ["second-contract-claim"]),
        ],
    )
    def test_filters_keep_the_matching_events(self, event_filter, expected) -> None:
        """Each filter keeps exactly the events it describes."""
        entries = merge([load("showcase")], event_filter)
        assert [entry.event.id for entry in entries] == expected

    def test_interval_overlapping_the_range_is_kept(self) -> None:
        """An interval counts if any of its days is in range."""
        entries = merge(
            [load("showcase")],
            EventFilter(start=parse_edtf("2019-09-10").earliest, end=parse_edtf("2019-09-10").latest),
        )
        assert [entry.event.id for entry in entries] == ["first-deliveries"]

    def test_no_match_says_so(self) -> None:
        """An empty result is a message, not an empty screen."""
        assert "No events match." in render(view("showcase", event_filter=EventFilter(contains="zzz")))


class TestUntrustedText:
    @pytest.mark.parametrize("color", [False, True])
    def test_markup_and_escapes_are_shown_as_text(self, color: bool) -> None:
        """Rich markup stays literal; ESC, C1, bell and bidi controls never reach the terminal raw."""
        output = render(view("hostile"), color=color, width=200)
        assert "[bold red]Not bold[/bold red]" in output
        assert "[link=https://evil.example]click[/link]" in output
        assert ":smile:" in output
        body = ANSI.sub("", output)  # our own styling codes removed, what is left came from the file
        for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u2069"):
            assert raw not in body
        assert "\\x1b[2J" in body
        assert "\\u202eevil" in body


def test_golden_files_have_no_stray_paths() -> None:
    """Golden files never contain a machine's absolute path (they must be portable)."""
    for path in Path(DATA / "golden" / "show").glob("*"):
        assert "/work/" not in path.read_text(encoding="utf-8")
