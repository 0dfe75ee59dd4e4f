"""The GitHub Action (action.yml) run for real: its composite steps, as written there, in a scratch repository.

How the runner is stood in for, minimally:
- Each step's ``run:`` text is taken from action.yml (parsed, never copied) and run as the runner runs a
  ``shell: bash`` step: ``bash --noprofile --norc -eo pipefail FILE``, in the repository, with the step's
  ``env:`` added to the environment.
- ``${{ EXPR }}`` in ``env:`` values is replaced as the runner would for the four kinds of expression the
  action uses: ``inputs.NAME`` (the input given, else its default), ``github.token``,
  ``github.event_name`` and ``steps.ID.outputs.NAME``. An ``if:`` is ``A && B`` of ``EXPR == 'v'`` or
  ``EXPR != 'v'``; the evaluator refuses anything else, so a new form fails here rather than passing unread.
- Each step gets its own $GITHUB_OUTPUT file (name=value lines become steps.ID.outputs), and all share
  $GITHUB_STEP_SUMMARY, $GITHUB_EVENT_PATH (a pull_request payload) and $RUNNER_TEMP.
- The install step is skipped with ``install: false``: the armsdeal under test is first on PATH. A test
  of its own runs it against a stand-in ``python`` to see what it would install.
- ``gh`` is a stand-in first on PATH (tests/data/ci/gh_stand_in.py) that records its arguments and keeps the
  pull request's comments in a JSON file, answering the three GitHub API calls the comment step makes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, ROOT

pytestmark = pytest.mark.slow

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent
CASES = DATA / "diff"
MARKER = "<!-- armsdeal: pull-request comment -->"
REPOSITORY = "curators/timelines"
PULL_REQUEST = 7
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
CONDITION = re.compile(r"^([\w.-]+) (==|!=) '([^']*)'$")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


@dataclass
class Runner:
    """The parts of a GitHub runner that a composite action's bash steps meet."""

    repo: Path
    home: Path
    inputs: dict[str, str]
    event_name: str = "pull_request"
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)
    stdout: str = ""

    def value(self, expression: str) -> str:
        kind, _, rest = expression.partition(".")
        if kind == "inputs":
            return self.inputs.get(rest, ACTION["inputs"][rest].get("default", ""))
        if expression == "github.token":
            return "a-token"
        if expression == "github.event_name":
            return self.event_name
        step, outputs, name = rest.partition(".outputs.")
        if kind == "steps" and outputs:
            return self.outputs.get(step, {}).get(name, "")
        raise AssertionError(f"the stand-in runner does not know the expression {expression!r}")

    def condition(self, text: str) -> bool:
        results = []
        for clause in text.split(" && "):
            match = CONDITION.match(clause.strip())
            assert match, f"the stand-in runner does not read the condition {clause!r}"
            left, operator, right = match.groups()
            results.append((self.value(left) == right) == (operator == "=="))
        return all(results)

    def run(self, step: dict[str, Any], extra_path: Path | None = None) -> int:
        if "if" in step and not self.condition(step["if"]):
            return 0
        assert step["shell"] == "bash"
        identifier = step.get("id", f"step{len(self.ran)}")
        self.ran.append(step["name"])
        output = self.home / f"output-{identifier}-{len(self.ran)}"
        output.touch()
        script = self.home / f"{identifier}.sh"
        script.write_text(step["run"], encoding="utf-8")
        env = self.environment(extra_path)
        env |= {
            name: EXPRESSION.sub(lambda m: self.value(m.group(1)), str(value))
            for name, value in step.get("env", {}).items()
        }
        env["GITHUB_OUTPUT"] = str(output)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.stdout += done.stdout
        assert "Traceback" not in done.stderr, done.stderr
        self.outputs[identifier] = dict(
            line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if line
        )
        return done.returncode

    def environment(self, extra_path: Path | None) -> dict[str, str]:
        stand_ins = self.home / "bin"
        path = [str(extra_path)] if extra_path else []
        return {
            "PATH": os.pathsep.join([*path, str(stand_ins), str(BIN), os.environ.get("PATH", "")]),
            "HOME": str(self.home),
            "GITHUB_ACTIONS": "true",
            "GITHUB_STEP_SUMMARY": str(self.home / "summary.md"),
            "GITHUB_EVENT_PATH": str(self.home / "event.json"),
            "GITHUB_EVENT_NAME": self.event_name,
            "GITHUB_REPOSITORY": REPOSITORY,
            "RUNNER_TEMP": str(self.home / "temp"),
            "GH_STUB_STATE": str(self.home / "comments.json"),
            "GH_STUB_LOG": str(self.home / "gh.log"),
            "ARMSDEAL_NO_CACHE": "1",
            "NO_COLOR": "1",
        }

    def run_action(self) -> int:
        """Every step in order; the first failing step ends the job, as on a runner. Its exit code."""
        self.outputs.clear()
        for step in ACTION["runs"]["steps"]:
            code = self.run(step)
            if code:
                return code
        return 0

    @property
    def action_outputs(self) -> dict[str, str]:
        return {
            name: EXPRESSION.sub(lambda m: self.value(m.group(1)), spec["value"])
            for name, spec in ACTION["outputs"].items()
        }

    def gh_calls(self) -> list[list[str]]:
        log = self.home / "gh.log"
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []

    def comments(self) -> list[dict[str, Any]]:
        return json.loads((self.home / "comments.json").read_text(encoding="utf-8"))


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo, home = tmp_path / "repo", tmp_path / "runner"
    (repo / "timelines").mkdir(parents=True)
    (home / "temp").mkdir(parents=True)
    (home / "bin").mkdir()
    stand_in = home / "bin" / "gh"
    stand_in.write_text(f"#!{sys.executable}\n" + (DATA / "ci" / "gh_stand_in.py").read_text(encoding="utf-8"))
    stand_in.chmod(0o755)
    # A comment by someone else is already there; it mentions the marker, but does not start with it.
    human = {"id": 100, "body": f"LGTM; the bot's comment starts with {MARKER}", "user": {"login": "curator"}}
    (home / "comments.json").write_text(json.dumps([human]), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "ci@example.org")
    git(repo, "config", "user.name", "CI")
    shutil.copy(CASES / "base" / "deal.yaml", repo / "timelines" / "deal.yaml")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    base = git(repo, "rev-parse", "HEAD")
    event = {"pull_request": {"number": PULL_REQUEST, "base": {"sha": base, "ref": "main"}}}
    (home / "event.json").write_text(json.dumps(event), encoding="utf-8")
    inputs = {"install": "false", "comment": "true", "sarif": "armsdeal.sarif", "paths": "timelines"}
    return Runner(repo, home, inputs)


def head(runner: Runner, case: str, subject: str) -> None:
    shutil.copy(CASES / case / "deal.yaml", runner.repo / "timelines" / "deal.yaml")
    git(runner.repo, "commit", "-q", "-am", subject)


def test_a_pull_request_gets_a_summary_outputs_sarif_and_one_comment_kept_up_to_date(runner: Runner) -> None:
    head(runner, "event-changed", "Dispute the second contract")
    assert runner.run_action() == 0
    assert runner.ran == ["Check the timelines", "Semantic diff against the base", "Comment on the pull request"]
    assert runner.action_outputs == {"problems": "0", "changed-timelines": "deal"}
    summary = (runner.home / "summary.md").read_text(encoding="utf-8")
    assert "## armsdeal check\n\n**no problems in 1 file**" in summary
    assert "## Timeline changes\n\n- `deal`: 1 event changed, 1 source added\n" in summary
    sarif = json.loads((runner.repo / "armsdeal.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []

    (first,) = [call for call in runner.gh_calls() if "POST" in call]
    assert first[:4] == ["api", "--method", "POST", f"repos/{REPOSITORY}/issues/{PULL_REQUEST}/comments"]
    human, ours = runner.comments()
    assert human["id"] == 100 and human["body"].startswith("LGTM")
    assert ours["body"].startswith(MARKER + "\n## armsdeal check")
    assert "- `deal`: 1 event changed, 1 source added" in ours["body"]

    head(runner, "hostile", "Retitle an event")  # a second push to the same pull request
    assert runner.run_action() == 0
    calls = runner.gh_calls()
    assert [call[2] for call in calls if call[1] == "--method"] == ["POST", "PATCH"]
    patch = calls[-1]
    assert patch[3] == f"repos/{REPOSITORY}/issues/comments/{ours['id']}"
    comments = runner.comments()
    assert [comment["id"] for comment in comments] == [100, ours["id"]]  # edited in place, none added
    body = comments[1]["body"]
    assert body.startswith(MARKER) and body.count(MARKER) == 1
    assert "- `deal`: 1 event changed\n" in body and "1 source added" not in body
    # The hostile title and note are in it, and cannot ping, reference, link or inject.
    assert "@&#8288;someone" in body and "#&#8288;1" in body and "<script>" not in body and "<img" not in body


def test_a_failing_check_annotates_fails_the_job_and_still_writes_the_summary(runner: Runner) -> None:
    runner.inputs |= {"comment": "false", "strict": "true"}
    shutil.copy(DATA / "invalid" / "unsourced-event.yaml", runner.repo / "timelines" / "unsourced-event.yaml")
    assert runner.run_action() == 1
    assert runner.ran[-1] == "Fail if the check failed"
    assert "Comment on the pull request" not in runner.ran and runner.gh_calls() == []
    assert (
        "::error file=timelines/unsourced-event.yaml,line=10,col=5,title=armsdeal [unsourced-event]::" in runner.stdout
    )
    assert runner.action_outputs == {"problems": "2", "changed-timelines": ""}
    summary = (runner.home / "summary.md").read_text(encoding="utf-8")
    assert "**1 error, 1 warning in 1 of 2 files**" in summary
    assert "| timelines/unsourced-event.yaml:10:5 | error | `unsourced-event` |" in summary
    assert "No semantic diff: a changed timeline has problems" in summary
    results = json.loads((runner.repo / "armsdeal.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert {result["ruleId"] for result in results} == {"unsourced-event", "unused-source"}


def test_outside_a_pull_request_there_is_no_comment(runner: Runner) -> None:
    runner.event_name = "push"
    (runner.home / "event.json").write_text("{}", encoding="utf-8")
    assert runner.run_action() == 0
    assert "Comment on the pull request" not in runner.ran
    assert runner.action_outputs["changed-timelines"] == ""


def test_the_install_step_installs_the_version_asked_for(runner: Runner, tmp_path: Path) -> None:
    stand_ins = tmp_path / "python-stand-in"
    stand_ins.mkdir()
    python = stand_ins / "python"
    python.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/pip-args"\n', encoding="utf-8")
    python.chmod(0o755)
    (install,) = [step for step in ACTION["runs"]["steps"] if step["name"] == "Install armsdeal"]
    runner.inputs = {"version": "2.1.0"}
    assert runner.run(install, extra_path=stand_ins) == 0
    args = (tmp_path / "pip-args").read_text(encoding="utf-8").splitlines()
    assert args == ["-m", "pip", "install", "--disable-pip-version-check", "armsdeal==2.1.0"]
    runner.inputs = {}
    runner.run(install, extra_path=stand_ins)
    assert (tmp_path / "pip-args").read_text(encoding="utf-8").splitlines()[-1] == "armsdeal"
    runner.inputs = {"install": "false"}
    (tmp_path / "pip-args").unlink()
    runner.run(install, extra_path=stand_ins)
    assert not (tmp_path / "pip-args").exists()
