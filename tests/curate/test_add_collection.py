"""`armsdeal add` never leaves a file that `armsdeal check FILE` rejects because of the addition.

The rules across files (source-conflict, event-conflict, ...) run on the result against the timelines
beside it, as check FILE runs them; only the problems the addition brings are refused.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from conftest import invoke

from armsdeal.check.runner import check_paths

TODAY = date(2026, 11, 30)
NEWS = "https://example.org/news/1"
SHARED = "https://example.org/shared"

OURS = f"""\
id: ours
title: Our timeline
related: [theirs]
sources:
  news:
    publisher: Example News
    title: Talks begin
    url: {NEWS}
events:
  - id: talks
    date: 2019-01
    type: negotiation
    title: Talks begin
    sources: [news]
"""

THEIRS = f"""\
id: theirs
title: Their timeline
related: [ours]
sources:
  news:
    publisher: Example News
    title: Talks begin
    url: {NEWS}
events:
  - id: contract-signed
    date: 2019-05
    type: contract
    title: Contract signed
    sources: [news]
"""


def citing(timeline_id: str, url: str, publisher: str, title: str = "A shared page") -> str:
    """A timeline that cites ``url`` with this publisher and title."""
    return f"""\
id: {timeline_id}
title: Timeline {timeline_id}
sources:
  shared:
    publisher: {publisher}
    title: {title}
    url: {url}
events:
  - id: reported
    date: 2018
    type: statement
    title: Reported
    sources: [shared]
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    timelines = tmp_path / "timelines"
    timelines.mkdir()
    (timelines / "ours.yaml").write_text(OURS, encoding="utf-8")
    (timelines / "theirs.yaml").write_text(THEIRS, encoding="utf-8")
    return timelines


def add(runner, *args: str) -> Result:
    return invoke(runner, "add", "ours", *args)


def check_file_errors(path: Path) -> list[str]:
    """What `armsdeal check PATH` reports as errors (the file against the timelines beside it)."""
    return [str(problem) for problem in check_paths([path], today=TODAY).problems if problem.severity == "error"]


class TestRefused:
    def test_an_event_conflict_the_addition_brings(self, runner, folder: Path) -> None:
        path = folder / "ours.yaml"
        before = path.read_bytes()
        result = add(runner, "--date", "2019-06", "--type", "contract", "--title", "Contract signed", "--source", NEWS)
        assert result.exit_code == 1
        assert result.stderr == (
            "timelines/ours.yaml: error [event-conflict] event 'contract-signed' has date '2019-06' but the "
            "same event in timelines/theirs.yaml:11:11 ('contract-signed') has '2019-05'\n"
            "armsdeal: nothing written to timelines/ours.yaml: give the event the date, status and type the other "
            "timeline records, or --note to explain why the sources disagree (a warning then), or another --id if "
            "it is not the same event\n"
        )
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["ours.yaml", "theirs.yaml"]  # no temporary file left

    def test_a_source_conflict_the_addition_brings(self, runner, folder: Path) -> None:
        # Two timelines beside disagree on a page: taking it over from the first conflicts with the second.
        (folder / "a.yaml").write_text(citing("a", SHARED, "Wire One"), encoding="utf-8")
        (folder / "b.yaml").write_text(citing("b", SHARED, "Wire Two"), encoding="utf-8")
        path = folder / "ours.yaml"
        before = path.read_bytes()
        result = add(runner, "--date", "2019-02", "--type", "statement", "--title", "Said so", "--source", SHARED)
        assert result.exit_code == 1
        assert result.stderr == (
            f"timelines/ours.yaml: error [source-conflict] source 'shared' ({SHARED}): publisher 'Wire One' "
            "where timelines/b.yaml:7:10 has 'Wire Two'\n"
            "armsdeal: nothing written to timelines/ours.yaml: the timelines in timelines/ describe this source "
            "differently: make them agree first ('armsdeal check timelines' lists where), then add again\n"
        )
        assert path.read_bytes() == before


class TestAdded:
    def test_with_a_conflict_elsewhere_in_the_folder(self, runner, folder: Path) -> None:
        (folder / "a.yaml").write_text(citing("a", SHARED, "Wire One"), encoding="utf-8")
        (folder / "b.yaml").write_text(citing("b", SHARED, "Wire Two"), encoding="utf-8")
        assert check_file_errors(folder / "a.yaml")  # a and b conflict: not this file's business
        result = add(runner, "--date", "2019-02", "--type", "statement", "--title", "Said so", "--source", NEWS)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == "added event 'said-so' to timelines/ours.yaml (source 'news', already cited)\n"
        assert check_file_errors(folder / "ours.yaml") == []

    def test_with_a_conflict_already_in_the_file(self, runner, folder: Path) -> None:
        path = folder / "ours.yaml"
        path.write_text(OURS.replace("date: 2019-01", "date: 2019-02"), encoding="utf-8")
        (folder / "theirs.yaml").write_text(THEIRS.replace("id: contract-signed", "id: talks"), encoding="utf-8")
        errors = check_file_errors(path)
        assert len(errors) == 2 and all("[event-conflict]" in error for error in errors)  # date and type
        result = add(runner, "--date", "2019-03", "--type", "statement", "--title", "Said so", "--source", NEWS)
        assert result.exit_code == 0, result.stderr
        assert "id: said-so" in path.read_text(encoding="utf-8")
        assert len(check_file_errors(path)) == 2  # the same two, no more

    def test_a_source_taken_over_from_a_timeline_beside(self, runner, folder: Path) -> None:
        (folder / "a.yaml").write_text(citing("a", SHARED, "Wire One"), encoding="utf-8")
        result = add(runner, "--date", "2019-02", "--type", "statement", "--title", "Said so", "--source", SHARED)
        assert result.exit_code == 0, result.stderr
        assert "(source 'shared', taken over from timelines/a.yaml)" in result.stderr
        assert check_file_errors(folder / "ours.yaml") == []

    def test_a_shared_event_that_agrees(self, runner, folder: Path) -> None:
        result = add(runner, "--date", "2019-05", "--type", "contract", "--title", "Contract signed", "--source", NEWS)
        assert result.exit_code == 0, result.stderr
        assert check_file_errors(folder / "ours.yaml") == []

    def test_warnings_are_shown_and_do_not_block(self, runner, folder: Path) -> None:
        path = folder / "ours.yaml"
        result = add(
            runner, "--date", "2019-06", "--type", "contract", "--title", "Contract signed", "--source", NEWS,
            "--note", "Sources differ on the month.",
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        assert result.stderr == (
            "timelines/ours.yaml: warning [event-conflict] event 'contract-signed' has date '2019-06' but the "
            "same event in timelines/theirs.yaml:11:11 ('contract-signed') has '2019-05' (a note explains it)\n"
            "added event 'contract-signed' to timelines/ours.yaml (source 'news', already cited)\n"
        )
        assert "contract-signed" in path.read_text(encoding="utf-8")
        assert check_file_errors(path) == []

    def test_a_rule_ignored_in_pyproject_does_not_block(self, runner, folder: Path) -> None:
        (folder.parent / "pyproject.toml").write_text('[tool.armsdeal]\nignore = ["event-conflict"]\n')
        result = add(runner, "--date", "2019-06", "--type", "contract", "--title", "Contract signed", "--source", NEWS)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == "added event 'contract-signed' to timelines/ours.yaml (source 'news', already cited)\n"


class TestProjectSettings:
    """add refuses what `armsdeal check` refuses in this project: its ignored rules and rule options too."""

    LATER = "2091-05-02"  # after today: future-date's error unless the project allows it

    def _add_later(self, runner) -> Result:
        return add(runner, "--date", self.LATER, "--type", "statement", "--title", "Said later", "--source", NEWS)

    def test_without_settings_a_rule_of_one_file_refuses(self, runner, folder: Path) -> None:
        result = self._add_later(runner)
        assert result.exit_code == 1
        assert "error [future-date]" in result.stderr

    @pytest.mark.parametrize(
        "settings",
        ["ignore = ['future-date']\n", "[rules.future-date]\ngrace-days = 30000\n"],
        ids=["ignored", "option"],
    )
    def test_the_projects_settings_are_checks(self, runner, folder: Path, settings: str) -> None:
        (folder.parent / ".armsdeal.toml").write_text(settings, encoding="utf-8")
        result = self._add_later(runner)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == "added event 'said-later' to timelines/ours.yaml (source 'news', already cited)\n"
        assert invoke(runner, "check", "timelines/ours.yaml").exit_code == 0
