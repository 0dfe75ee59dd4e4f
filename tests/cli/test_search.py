"""`armsdeal search`: events across a folder of timelines, where the text matched, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TIMELINES, invoke

from armsdeal.check.validate import load_timeline
from armsdeal.core.chronology import Entry
from armsdeal.core.search import matched_fields, matching_events, snippet

ALPHA = """\
id: alpha
title: Alpha deal
actors:
  ruritania: {name: Ruritania, kind: state}
  zenda: {name: Rudolf Zenda, kind: person, of: ruritania}
sources:
  s: {publisher: P, title: T, url: 'https://example.org/s'}
events:
  - id: talks
    date: 2016-11
    type: negotiation
    title: Talks about radars begin
    sources: [s]
    actors: [ruritania]
  - id: contract
    date: 2017-09-12
    type: contract
    title: Contract signed
    sources: [s]
    actors: [zenda]
    note: The deposit was paid through Bank Quibble.
  - id: sanction
    date: 2020-12-14
    type: sanction
    title: Sanctions imposed
    sources: [s]
    tags: [embargo-watch]
"""

BETA = """\
id: beta
title: Beta deal
sources:
  s: {publisher: P, title: T, url: 'https://example.org/s'}
events:
  - id: delivery
    date: 2019-07
    type: delivery
    title: RADARS delivered
    sources: [s]
"""


@pytest.fixture
def folder(write_timeline) -> Path:
    write_timeline("alpha", ALPHA)
    return write_timeline("beta", BETA).parent


def entry(folder: Path, name: str, event_id: str) -> Entry:
    timeline = load_timeline(folder / f"{name}.yaml")
    return Entry(timeline, next(e for e in timeline.events if e.id == event_id))


class TestWhereItMatches:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("radars", [("alpha", "talks"), ("beta", "delivery")]),  # titles, ignoring case, across files
            ("quibble", [("alpha", "contract")]),  # a note
            ("Rudolf", [("alpha", "contract")]),  # an actor's name
            ("zenda", [("alpha", "contract")]),  # an actor's id (and name)
            ("embargo-watch", [("alpha", "sanction")]),  # a tag
        ],
    )
    def test_each_field_is_searched(self, folder: Path, text: str, expected: list[tuple[str, str]]) -> None:
        """Title, note, actors and tags; the hits come in date order across the timelines."""
        timelines = [load_timeline(path) for path in sorted(folder.glob("*.yaml"))]
        hits = matching_events(timelines, text)
        assert [(hit.entry.timeline.id, hit.entry.event.id) for hit in hits] == expected

    def test_the_fields_that_matched_are_named(self, folder: Path) -> None:
        """So the view can show why an event matched."""
        assert matched_fields(entry(folder, "alpha", "contract"), "ZENDA") == ("actors",)
        assert matched_fields(entry(folder, "alpha", "contract"), "bank") == ("note",)
        assert matched_fields(entry(folder, "alpha", "sanction"), "embargo") == ("tags",)
        assert matched_fields(entry(folder, "alpha", "talks"), "radar") == ("title",)

    def test_a_note_snippet_keeps_the_match_and_cuts_between_words(self) -> None:
        """Long notes are cut around the match, at spaces, with an ellipsis."""
        note = " ".join(f"word{n}" for n in range(40)) + " NEEDLE " + " ".join(f"tail{n}" for n in range(40))
        cut = snippet(note, "needle")
        assert "NEEDLE" in cut
        assert cut.startswith("…word") and cut.endswith("…")
        assert len(cut) < len(note)


class TestCommand:
    def test_matches_are_shown_with_their_timeline(self, runner, folder: Path) -> None:
        """Exit 0; each hit names its timeline; the count goes to stderr."""
        result = invoke(runner, "search", "radars", "--timelines", str(folder), "--width", "120")
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert any("alpha" in line and "Talks about radars begin" in line for line in lines)
        assert any("beta" in line and "RADARS delivered" in line for line in lines)
        assert "2 event(s) in 2 timeline(s)" in result.stderr

    def test_note_and_actor_matches_show_where(self, runner, folder: Path) -> None:
        """A hit outside the title shows the field it was found in."""
        note = invoke(runner, "search", "quibble", "--timelines", str(folder), "--width", "120")
        assert "note: The deposit was paid through Bank Quibble." in note.stdout
        actor = invoke(runner, "search", "rudolf", "--timelines", str(folder), "--width", "120")
        assert "actors: Rudolf Zenda" in actor.stdout

    def test_no_match_exits_1_with_a_message(self, runner, folder: Path) -> None:
        """Like grep: 1 when nothing matched, nothing on stdout."""
        result = invoke(runner, "search", "submarine", "--timelines", str(folder))
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "no event" in result.stderr and "submarine" in result.stderr

    @pytest.mark.parametrize("text", ["", "   "])
    def test_empty_text_is_a_usage_error(self, runner, folder: Path, text: str) -> None:
        result = invoke(runner, "search", text, "--timelines", str(folder))
        assert result.exit_code == 2
        assert result.stderr.startswith("armsdeal: ")

    def test_missing_folder_exits_2(self, runner, tmp_path: Path) -> None:
        result = invoke(runner, "search", "x", "--timelines", str(tmp_path / "nowhere"))
        assert result.exit_code == 2

    def test_an_invalid_timeline_is_named_and_exits_1(self, runner, folder: Path, write_timeline) -> None:
        """The other files are still searched; the broken one is named on stderr."""
        write_timeline("broken", "id: broken\ntitel: x\n")
        result = invoke(runner, "search", "radars", "--timelines", str(folder), "--width", "120")
        assert result.exit_code == 1
        assert "RADARS delivered" in result.stdout
        assert "broken.yaml" in result.stderr

    def test_markup_in_the_search_text_is_text(self, runner, folder: Path) -> None:
        """'[bold]' is searched for, not interpreted."""
        result = invoke(runner, "search", "[bold]", "--timelines", str(folder))
        assert result.exit_code == 1

    def test_shipped_timelines_link_the_caatsa_story(self, runner) -> None:
        """The tag caatsa is on events of both S-400 deals."""
        result = invoke(runner, "search", "caatsa", "--timelines", str(TIMELINES), "--width", "160")
        assert result.exit_code == 0
        for name in ("turkey-s400", "india-s400"):
            assert any(f" {name} " in line for line in result.stdout.splitlines()), name
