"""What a new curator trips over (issue 29): bundled names, empty timelines, unknown actors, hints that run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import TIMELINES, invoke

URL = "https://example.org/news/1"
EVENT = ("--date", "2019-04", "--type", "contract", "--title", "Contract", "--source", URL)
SOURCE = ("--publisher", "Example News", "--source-title", "A headline")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new(runner, name: str = "egypt-su35", *extra: str):
    return invoke(runner, "new", name, "--supplier", "russia", "--recipient", "egypt", "--system", "Su-35", *extra)


class TestBundledNames:
    def test_new_with_a_bundled_id_refuses_and_says_how_to_copy(self, runner, here: Path) -> None:
        result = new(runner, "turkey-s400")
        assert result.exit_code == 2
        assert "'turkey-s400' is a bundled timeline" in result.stderr
        assert "armsdeal new turkey-s400 --from-bundled" in result.stderr and "--replace" in result.stderr
        assert not (here / "timelines" / "turkey-s400.yaml").exists()

    def test_replace_starts_an_empty_one(self, runner, here: Path) -> None:
        result = new(runner, "turkey-s400", "--replace")
        assert result.exit_code == 0, result.stderr
        assert (here / "timelines" / "turkey-s400.yaml").exists()

    def test_from_bundled_copies_it_to_edit(self, runner, here: Path) -> None:
        result = invoke(runner, "new", "turkey-s400", "--from-bundled")
        assert result.exit_code == 0, result.stderr
        copy = here / "timelines" / "turkey-s400.yaml"
        assert copy.read_bytes() == (TIMELINES / "turkey-s400.yaml").read_bytes()
        added = invoke(runner, "add", "turkey-s400", *EVENT, *SOURCE)
        assert added.exit_code == 0, added.stderr

    def test_from_bundled_needs_a_bundled_id(self, runner, here: Path) -> None:
        result = invoke(runner, "new", "nowhere-deal", "--from-bundled")
        assert result.exit_code == 2
        assert "no bundled timeline 'nowhere-deal'" in result.stderr

    def test_add_to_a_bundled_timeline_points_to_the_copy(self, runner, here: Path) -> None:
        result = invoke(runner, "add", "turkey-s400", *EVENT, *SOURCE)
        assert result.exit_code == 2
        assert "armsdeal new turkey-s400 --from-bundled" in result.stderr
        assert "create it with 'armsdeal new'" not in result.stderr


def test_an_empty_timeline_says_it_has_no_events_yet(runner, here: Path) -> None:
    new(runner)
    for extra in ((), ("--full",)):
        result = invoke(runner, "show", "egypt-su35", *extra)
        assert result.exit_code == 0, result.stderr
        assert "No events match" not in result.stdout
        assert "No events yet: `armsdeal add egypt-su35" in result.stdout


def test_next_hint_repeats_timelines_and_runs_as_printed(runner, here: Path) -> None:
    result = new(runner, "egypt-su35", "--timelines", "deals")
    hint = next(line for line in result.stderr.splitlines() if line.startswith("next: "))
    assert hint.endswith("--timelines deals")
    words = shlex.split(hint.removeprefix("next: armsdeal "))
    filled = {"YYYY-MM-DD": "2019-04", "TYPE": "contract", "URL": URL}
    ran = invoke(runner, *(filled.get(word, word.replace("TEXT", "Some text")) for word in words))
    assert ran.exit_code == 0, ran.stderr
    assert "added event" in ran.stderr


def test_the_template_hints_at_status_ordered_and_value_and_stays_formatted(runner, here: Path) -> None:
    new(runner)
    text = (here / "timelines" / "egypt-su35.yaml").read_text(encoding="utf-8")
    for field in ("ordered:", "value:", "status:"):
        assert re.search(rf"^  # {field} ", text, re.MULTILINE), field
    assert invoke(runner, "fmt", "--check").exit_code == 0
    assert invoke(runner, "check").exit_code == 0


class TestUnknownActor:
    def test_says_nothing_written_lists_known_actors_and_how_to_add_one(self, runner, here: Path) -> None:
        new(runner)
        path = here / "timelines" / "egypt-su35.yaml"
        before = path.read_bytes()
        result = invoke(runner, "add", "egypt-su35", *EVENT, *SOURCE, "--actor", "united-states")
        assert result.exit_code == 2
        assert path.read_bytes() == before
        lines = result.stderr.splitlines()
        assert lines[0].startswith("armsdeal: nothing written: --actor 'united-states' is not under actors:")
        assert "known actors: egypt, russia" in result.stderr
        assert "--new-actor united-states --actor-name 'United States' --actor-kind state" in result.stderr

    def test_many_actors_are_bounded_and_wrapped(self, runner, here: Path) -> None:
        result = invoke(runner, "add", "turkey-s400", *EVENT, "--actor", "erdgan", "--timelines", str(TIMELINES))
        assert result.exit_code == 2
        assert "did you mean 'erdogan'" in result.stderr
        assert all(len(line) <= 80 for line in result.stderr.splitlines()[1:]), result.stderr
        assert len(result.stderr.splitlines()) <= 8 and " more" in result.stderr

    def test_new_actor_adds_it_with_the_event(self, runner, here: Path) -> None:
        new(runner)
        extra = ("--actor", "united-states", "--new-actor", "united-states", "--actor-name", "United States")
        result = invoke(runner, "add", "egypt-su35", *EVENT, *SOURCE, *extra)
        assert result.exit_code == 0, result.stderr
        text = (here / "timelines" / "egypt-su35.yaml").read_text(encoding="utf-8")
        assert "  united-states: {name: United States, kind: state}\n" in text
        assert invoke(runner, "check").exit_code == 0
        assert invoke(runner, "fmt", "--check").exit_code == 0


def test_rule_messages_speak_the_options_and_point_at_no_line_past_the_end(runner, here: Path) -> None:
    new(runner)
    path = here / "timelines" / "egypt-su35.yaml"
    lines_on_disk = len(path.read_text(encoding="utf-8").splitlines())
    claimed = invoke(runner, "add", "egypt-su35", *EVENT, *SOURCE, "--status", "claimed")
    future = invoke(runner, "add", "egypt-su35", *EVENT[2:], *SOURCE, "--date", "2099")
    for result, words in ((claimed, "--claimed-by"), (future, "--status expected")):
        assert result.exit_code == 1
        assert words in result.stderr
        assert "claimed_by:" not in result.stderr and "'status: expected'" not in result.stderr
        assert "nothing written to timelines/egypt-su35.yaml" in result.stderr
        for line in re.findall(r"egypt-su35\.yaml:(\d+):\d+", result.stderr):
            assert int(line) <= lines_on_disk
