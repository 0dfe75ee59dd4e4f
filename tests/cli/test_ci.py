"""`armsdeal ci check|diff|comment` from a shell: what each writes, inside and outside GitHub Actions.

tests/project/test_action.py runs them as action.yml's steps; these look at each one's edges.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from conftest import DATA, invoke

from armsdeal.check.formats import markdown as check_markdown
from armsdeal.cli.ci import MARKER, _json_values

INVALID = DATA / "invalid"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "timelines").mkdir()
    shutil.copy(INVALID / "unsourced-event.yaml", tmp_path / "timelines" / "unsourced-event.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def github_env(folder: Path, **extra: str) -> dict[str, str | None]:
    env: dict[str, str | None] = {
        "GITHUB_STEP_SUMMARY": str(folder / "summary.md"),
        "GITHUB_OUTPUT": str(folder / "output"),
        "GITHUB_EVENT_PATH": None,
        "GITHUB_REPOSITORY": None,
    }
    return env | extra


class TestCheck:
    def test_outside_actions_only_stdout_stderr_and_body_are_written(self, runner, folder: Path) -> None:
        result = invoke(
            runner,
            "ci",
            "check",
            "--body",
            "body.md",
            env=github_env(folder) | {"GITHUB_OUTPUT": None, "GITHUB_STEP_SUMMARY": None},
        )
        assert result.exit_code == 1
        assert result.stdout.startswith("::warning file=timelines/unsourced-event.yaml,line=4,col=3,")
        assert result.stderr == "1 error, 1 warning in 1 of 1 file\n"
        assert (folder / "body.md").read_text(encoding="utf-8").startswith("## armsdeal check\n")
        assert sorted(path.name for path in folder.iterdir()) == ["body.md", "pyproject.toml", "timelines"]

    def test_in_actions_the_summary_and_outputs_are_appended(self, runner, folder: Path) -> None:
        (folder / "summary.md").write_text("before\n", encoding="utf-8")
        result = invoke(runner, "ci", "check", "--strict", "--sarif", "out.sarif", env=github_env(folder))
        assert result.exit_code == 1
        summary = (folder / "summary.md").read_text(encoding="utf-8")
        assert summary.startswith("before\n## armsdeal check\n\n**1 error, 1 warning in 1 of 1 file**\n")
        assert (folder / "output").read_text(encoding="utf-8") == "problems=2\nexit-code=1\n"
        assert json.loads((folder / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"

    def test_a_summary_that_cannot_be_written_is_an_error_not_a_traceback(self, runner, folder: Path) -> None:
        result = invoke(runner, "ci", "check", env=github_env(folder, GITHUB_STEP_SUMMARY=str(folder / "no" / "x.md")))
        assert result.exit_code == 2
        assert "cannot write" in result.stderr


class TestDiff:
    def test_without_a_base_or_a_pull_request_there_is_no_diff(self, runner, folder: Path) -> None:
        result = invoke(runner, "ci", "diff", env=github_env(folder))
        assert result.exit_code == 0
        assert "no base to compare with" in result.stderr
        assert (folder / "output").read_text(encoding="utf-8") == "changed-timelines=\n"

    def test_the_base_comes_from_the_pull_request_event(self, runner, folder: Path) -> None:
        shutil.rmtree(folder / "timelines")
        (folder / "timelines").mkdir()
        shutil.copy(DATA / "diff" / "base" / "deal.yaml", folder / "timelines" / "deal.yaml")
        for args in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "b"]):
            subprocess.run(["git", *args], cwd=folder, check=True)
        base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True).stdout.strip()
        shutil.copy(DATA / "diff" / "event-added" / "deal.yaml", folder / "timelines" / "deal.yaml")
        event = folder / "event.json"
        event.write_text(json.dumps({"pull_request": {"number": 3, "base": {"sha": base}}}), encoding="utf-8")
        result = invoke(runner, "ci", "diff", "--body", "body.md", env=github_env(folder, GITHUB_EVENT_PATH=str(event)))
        assert result.exit_code == 0
        assert result.stdout.startswith("## Timeline changes\n\n- `deal`: 1 event added\n")
        assert (folder / "body.md").read_text(encoding="utf-8") == result.stdout + "\n"
        assert (folder / "output").read_text(encoding="utf-8") == "changed-timelines=deal\n"

    def test_a_revision_that_looks_like_an_option_is_refused(self, runner, folder: Path) -> None:
        result = invoke(runner, "ci", "diff", "--base", "--upload-pack=x", env=github_env(folder))
        assert result.exit_code == 2

    def test_an_event_file_that_is_not_json_is_located_in_armsdeal_s_words(self, runner, folder: Path) -> None:
        """It said Python's 'Expecting value: line 1 column 1 (char 0)' (a new user's trial)."""
        event = folder / "event.json"
        event.write_text("not json\n", encoding="utf-8")
        result = invoke(runner, "ci", "diff", env=github_env(folder, GITHUB_EVENT_PATH=str(event)))
        assert result.exit_code == 2
        assert f"{event}:1:1: the GitHub event is not JSON" in result.stderr
        assert "char 0" not in result.stderr


class TestComment:
    def test_outside_a_pull_request_nothing_is_posted(self, runner, folder: Path) -> None:
        (folder / "body.md").write_text("hello\n", encoding="utf-8")
        result = invoke(runner, "ci", "comment", "body.md", env=github_env(folder, PATH="/nonexistent"))
        assert result.exit_code == 0
        assert "not a pull request" in result.stderr

    def test_a_missing_body_says_why_in_armsdeal_s_words(self, runner, folder: Path) -> None:
        result = invoke(runner, "ci", "comment", "nothing.md", "--pull-request", "3", "--repository", "o/r")
        assert result.exit_code == 2
        assert "nothing.md: cannot read: no such file or directory" in result.stderr
        assert "Errno" not in result.stderr

    def test_a_missing_body_outside_a_pull_request_exits_2(self, runner, folder: Path) -> None:
        """It exited 0 with 'not a pull request': the broken workflow passed unnoticed (a new user's trial)."""
        result = invoke(runner, "ci", "comment", "nothing.md", env=github_env(folder, PATH="/nonexistent"))
        assert result.exit_code == 2
        assert result.stderr == "armsdeal: nothing.md: cannot read: no such file or directory\n"

    def test_without_gh_it_says_so(self, runner, folder: Path) -> None:
        (folder / "body.md").write_text("hello\n", encoding="utf-8")
        env = github_env(folder, PATH=str(folder / "empty"))
        result = invoke(runner, "ci", "comment", "body.md", "--pull-request", "3", "--repository", "o/r", env=env)
        assert result.exit_code == 2
        assert "the GitHub CLI (gh) is not installed" in result.stderr

    def test_paginated_answers_are_read_as_one_list(self) -> None:
        assert _json_values('[{"id": 1}]\n[{"id": 2}, {"id": 3}]\n[]') == [{"id": 1}, {"id": 2}, {"id": 3}]

    def test_the_marker_is_an_html_comment_that_renders_as_nothing(self) -> None:
        rendered = cmarkgfm.github_flavored_markdown_to_html(MARKER + "\n## x\n", options=Options.CMARK_OPT_UNSAFE)
        assert rendered.replace(MARKER, "").strip() == "<h2>x</h2>"


class TestCheckMarkdown:
    """check --format markdown: the job summary's and the comment's check part."""

    def test_hostile_text_cannot_ping_link_or_inject(self, runner, folder: Path) -> None:
        text = (INVALID / "invalid-value.yaml").read_text(encoding="utf-8")
        hostile = "\x1b[2J @everyone #1 <img src=x> [x](javascript:x) GH-2"
        (folder / "timelines" / "invalid-value.yaml").write_text(
            text.replace("type: sale", f"type: {json.dumps(hostile)}"), encoding="utf-8"
        )
        output = invoke(runner, "check", "--format", "markdown", "timelines/invalid-value.yaml").stdout
        assert "\x1b" not in output
        rendered = cmarkgfm.github_flavored_markdown_to_html(output, options=Options.CMARK_OPT_UNSAFE)
        assert set(re.findall(r"<([a-z0-9]+)", rendered)) <= {
            "h2",
            "p",
            "strong",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "code",
        }
        # GitHub's mention and reference patterns, on the text nodes it scans (outside code):
        nodes = [html.unescape(node) for node in re.split(r"<code>.*?</code>|<[^>]+>", rendered)]
        assert not [node for node in nodes if re.search(r"(?:^|\W)@[a-z0-9]|(?:#|GH-)\d", node, re.IGNORECASE)]
        shown = "".join(nodes).replace("\u2060", "")
        assert "'\\x1b[2J @everyone #1 <img src=x> [x](javascript:x) GH-2' is not a valid type" in shown

    def test_rows_are_capped_with_a_note(self, runner, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(check_markdown, "MAX_ROWS", 1)
        output = invoke(runner, "check", "--format", "markdown", "timelines").stdout
        assert output.count("| timelines/") == 1
        assert "*1 more not listed here" in output
