"""`show --at`, `export --at` and `compare --at`: the record as git had it at a revision or a date."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, invoke
from gitrepo import Repo

BASE: dict[str, Any] = yaml.safe_load((DATA / "diff" / "base" / "deal.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """Dated 2024-01-01 (the first delivery in 2020), 2024-01-02 (July 2020), 2024-01-03 (broken rules)."""
    repo = Repo(tmp_path / "repo")
    data = copy.deepcopy(BASE)
    repo.save("timelines/deal.yaml", data, "Add")
    data["events"][2]["date"] = "2020-07"
    repo.save("timelines/deal.yaml", data, "Refine the first delivery")
    data["events"][0]["type"] = "handshake"
    repo.save("timelines/deal.yaml", data, "A type today's rules reject")
    data["events"][0]["type"] = "negotiation"
    data["title"] = "Today's title"
    repo.write("timelines/deal.yaml", data)  # not committed: --at never reads the working tree
    monkeypatch.chdir(repo.root)
    return repo


def test_show_at_a_date_is_the_last_commit_on_or_before_it(runner, repo: Repo) -> None:
    result = invoke(runner, "show", "deal", "--at", "2024-01-01", "--color", "never")
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("deal as committed in ") and first.endswith("on 2024-01-01: Add")
    (delivery,) = [line for line in result.stdout.splitlines() if "First battery delivered" in line]
    assert delivery.startswith("2020 ")  # not yet refined to Jul 2020
    assert "Today's title" not in result.stdout


def test_show_at_a_revision_combines_with_as_of(runner, repo: Repo) -> None:
    result = invoke(runner, "show", "deal", "--at", "HEAD~1", "--as-of", "2019-06", "--color", "never")
    assert result.exit_code == 0, result.stderr
    assert "Refine the first delivery" in result.stdout.splitlines()[0]
    assert "First battery delivered" not in result.stdout  # after --as-of
    assert "Contract signed" in result.stdout


def test_a_revision_that_fails_todays_rules_is_shown_and_says_why(runner, repo: Repo) -> None:
    result = invoke(runner, "show", "deal", "--at", "HEAD", "--color", "never")
    assert result.exit_code == 0
    assert "did not pass check" in result.stdout and "handshake" in result.stdout
    assert "talks-begin" not in result.stdout and "Contract signed" in result.stdout


def test_nothing_before_the_date_and_outside_git_exit_2(runner, repo: Repo, tmp_path: Path, monkeypatch) -> None:
    result = invoke(runner, "show", "deal", "--at", "2023-12-31")
    assert result.exit_code == 2 and "no commit on or before 2023-12-31" in result.stderr
    result = invoke(runner, "show", "deal", "--at", "nosuch")
    assert result.exit_code == 2 and "neither a date" in result.stderr
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "deal.yaml").write_text(yaml.safe_dump(BASE), encoding="utf-8")
    monkeypatch.chdir(outside)
    result = invoke(runner, "show", "deal.yaml", "--at", "HEAD")
    assert result.exit_code == 2 and "not in a git repository" in result.stderr


def test_export_at_writes_the_old_record_and_names_the_commit_on_stderr(runner, repo: Repo) -> None:
    result = invoke(runner, "export", "deal", "--at", "2024-01-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    (timeline,) = document["timelines"]
    assert timeline["title"] == BASE["title"]
    assert "as committed in" in result.stderr and "on 2024-01-01: Add" in result.stderr


def test_compare_at(runner, repo: Repo) -> None:
    other = copy.deepcopy(BASE)
    other["id"] = "other"
    repo.save("timelines/other.yaml", other, "Add another deal")  # compare needs two deals
    result = invoke(runner, "compare", "deal", "other", "--at", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "Add another deal" in result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == "armsdeal-compare"
    assert [deal["id"] for deal in document["deals"]] == ["deal", "other"]


def test_diff_reads_a_revision_todays_rules_reject_and_says_so(runner, repo: Repo) -> None:
    result = invoke(runner, "diff", "HEAD:timelines/deal.yaml", "timelines/deal.yaml", "--format", "json")
    assert result.exit_code == 1
    assert "HEAD:timelines/deal.yaml did not pass check" in result.stderr and "handshake" in result.stderr
    (timeline,) = json.loads(result.stdout)["timelines"]
    assert [(item["id"], item["status"]) for item in timeline["events"]] == [("talks-begin", "added")]
