"""`armsdeal log` from the command line, on real git repositories made here: golden output per format,
the filters, untrusted commit text, and the messages for what is not there (exit 2)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, assert_golden, invoke
from gitrepo import Repo

from armsdeal.diff.log_formats import FORMATS

BASE: dict[str, Any] = yaml.safe_load((DATA / "diff" / "base" / "deal.yaml").read_text(encoding="utf-8"))
HOSTILE_SUBJECT = "\x1b[31mred\x1b[0m [bold]x[/bold] <script>alert(1)</script> | `code` \u202eevil @team"
HOSTILE_AUTHOR = "\x1b]8;;https://evil.example\x1b\\Mallory\x1b]8;;\x1b\\ *star*"


def event(data: dict[str, Any], event_id: str) -> dict[str, Any]:
    return next(item for item in data["events"] if item["id"] == event_id)


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A deal's history: added, a date refined, a source added and a claim disputed, a rename, a new event."""
    repo = Repo(tmp_path / "repo")
    data = copy.deepcopy(BASE)
    repo.save("timelines/old-deal.yaml", data, "Add the Sky Shield deal")
    event(data, "contract-signed")["date"] = "[2019-03-01,2019-03-02]"
    repo.save("timelines/old-deal.yaml", data, "Widen the contract date to the two days the sources give")
    data["sources"]["herald-2021"] = {
        "publisher": "Ruritania Herald",
        "title": "Ruritania denies a second contract",
        "date": "2021-01-10",
        "url": "https://example.org/2021/herald",
    }
    claim = event(data, "second-contract-claim")
    claim["status"] = "disputed"
    claim["disputed_by"] = ["ruritania"]
    claim["sources"] = ["gazette-2020", "herald-2021"]
    repo.save("timelines/old-deal.yaml", data, "Ruritania disputes the second contract")
    repo.git("mv", "timelines/old-deal.yaml", "timelines/deal.yaml")
    repo.commit("Name the file after its id")
    event(data, "contract-signed")["date"] = "2019-03-01"
    data["events"].append(
        {
            "id": "batteries-operational",
            "date": "2021-01-05",
            "type": "statement",
            "title": "Ruritania says all four batteries are operational",
            "sources": ["herald-2021"],
        }
    )
    repo.save("timelines/deal.yaml", data, "Narrow the contract date; add the operational statement")
    monkeypatch.chdir(repo.root)
    return repo


@pytest.mark.parametrize("oneline", [False, True], ids=["full", "oneline"])
@pytest.mark.parametrize("name", FORMATS.names())
def test_golden(runner, history: Repo, name: str, oneline: bool) -> None:
    result = invoke(runner, "log", "deal", "--format", name, "--color", "never", *(["--oneline"] if oneline else []))
    assert result.exit_code == 0, result.stderr
    suffix = {"text": "txt", "markdown": "md", "json": "json"}[name]
    assert_golden(f"log/deal{'-oneline' if oneline else ''}.{suffix}", result.stdout)


def test_json_is_the_documented_envelope_and_matches_diff(runner, history: Repo) -> None:
    document = json.loads(invoke(runner, "log", "deal", "--format", "json").stdout)
    assert (document["format"], document["version"]) == ("armsdeal-log", 1)
    subjects = [entry["subject"] for entry in document["entries"]]
    assert subjects[0].startswith("Narrow") and subjects[-1] == "Add the Sky Shield deal"
    moved = document["entries"][1]
    assert moved["moved_from"] == "timelines/old-deal.yaml" and moved["path"] == "timelines/deal.yaml"
    # The changes of a commit are diff's for the same two revisions.
    newest = document["entries"][0]
    diff = invoke(runner, "diff", f"{newest['parents'][0]}:timelines/deal.yaml", "timelines/deal.yaml", "-f", "json")
    assert json.loads(diff.stdout)["timelines"][0]["events"] == newest["changes"]["events"]


def test_the_markdown_page_lists_the_sources_a_commit_added(runner, history: Repo) -> None:
    page = invoke(runner, "log", "deal", "--format", "markdown").stdout
    assert "[Ruritania Herald: Ruritania denies a second contract](https://example.org/2021/herald)" in page
    assert "## 5 Jan 2024: Narrow the contract date" in page


def test_an_event_id_follows_one_event(runner, history: Repo) -> None:
    result = invoke(runner, "log", "deal", "contract-signed", "--oneline", "--color", "never")
    lines = result.stdout.splitlines()
    assert len(lines) == 3, lines  # added, widened, narrowed
    assert "1 date narrowed" in lines[0] and "1 date widened" in lines[1] and "1 event added" in lines[2]


def test_type_and_actor_keep_those_events(runner, history: Repo) -> None:
    by_type = invoke(runner, "log", "deal", "--type", "statement", "--oneline", "--color", "never").stdout
    assert "Narrow" in by_type and "1 event added" in by_type and "disputes" not in by_type
    by_actor = invoke(runner, "log", "deal", "--actor", "freedonia", "--oneline", "--color", "never").stdout
    assert "disputes" in by_actor and "Widen" not in by_actor


def test_since_until_and_no_follow(runner, history: Repo) -> None:
    result = invoke(runner, "log", "deal", "--since", "2024-01-03", "--oneline", "--color", "never")
    assert [line.split()[2] for line in result.stdout.splitlines()] == ["Narrow", "Name", "Ruritania"]
    result = invoke(runner, "log", "deal", "--no-follow", "--oneline", "--color", "never")
    assert len(result.stdout.splitlines()) == 2  # the commit that named the file, and the one after


def test_from_a_subfolder_and_with_timelines(runner, history: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    (history.root / "notes").mkdir()
    monkeypatch.chdir(history.root / "notes")
    expected = invoke(runner, "log", "deal", "--oneline", "--timelines", "../timelines").stdout
    assert len(expected.splitlines()) == 5
    monkeypatch.chdir(history.root.parent)
    assert invoke(runner, "log", "repo/timelines/deal.yaml", "--oneline").stdout == expected


@pytest.mark.parametrize("name", FORMATS.names())
@pytest.mark.parametrize("oneline", [False, True], ids=["full", "oneline"])
def test_commit_subjects_and_authors_stay_inert(runner, tmp_path: Path, monkeypatch, name: str, oneline: bool) -> None:
    repo = Repo(tmp_path / "repo")
    data = copy.deepcopy(BASE)
    repo.save("timelines/deal.yaml", data, "Add")
    event(data, "talks-begin")["title"] = "<img src=x onerror=alert(1)> \x1b[2J [red]t[/red]"
    repo.write("timelines/deal.yaml", data)
    repo.commit(HOSTILE_SUBJECT, author=HOSTILE_AUTHOR)
    monkeypatch.chdir(repo.root)
    result = invoke(runner, "log", "deal", "--format", name, "--color", "always", *(["--oneline"] if oneline else []))
    out = result.stdout
    assert "\x1b]8;;https://evil" not in out and "\u202e" not in out and "\x1b[2J" not in out
    assert "\x1b[31mred" not in out
    if name == "markdown":
        assert "<script>" not in out and "<img" not in out and "| `code`" not in out
    if name == "json":
        entry = json.loads(out)["entries"][0]
        assert entry["subject"] == HOSTILE_SUBJECT and "Mallory" in entry["author"]
        assert "\x1b" not in out
    if name == "text":
        assert "[bold]x[/bold]" in out  # shown as written, never read as markup


class TestNothingThere:
    def test_outside_git(self, runner, tmp_path: Path, monkeypatch) -> None:
        (tmp_path / "deal.yaml").write_text(yaml.safe_dump(BASE), encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        result = invoke(runner, "log", "deal.yaml")
        assert result.exit_code == 2 and "not in a git repository" in result.stderr

    def test_untracked(self, runner, history: Repo) -> None:
        history.write("timelines/new.yaml", {**BASE, "id": "new"})
        result = invoke(runner, "log", "new")
        assert result.exit_code == 2 and "not tracked by git" in result.stderr

    def test_shallow_clone(self, runner, history: Repo, tmp_path: Path, monkeypatch) -> None:
        clone = tmp_path / "clone"
        history.git("clone", "-q", "--depth", "1", f"file://{history.root}", str(clone))
        monkeypatch.chdir(clone)
        result = invoke(runner, "log", "deal")
        assert result.exit_code == 2 and "shallow clone" in result.stderr and result.stdout == ""

    def test_an_unknown_revision(self, runner, history: Repo) -> None:
        result = invoke(runner, "log", "deal", "--since", "nosuch")
        assert result.exit_code == 2 and "neither a date" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("name", FORMATS.names())
def test_no_commit_in_the_range_says_so_in_every_format(runner, history: Repo, name: str) -> None:
    result = invoke(runner, "log", "deal", "--since", "HEAD", "--format", name)
    assert result.exit_code == 0
    if name == "json":
        assert json.loads(result.stdout)["entries"] == []
    else:
        assert "No commits changed this timeline." in result.stdout


def test_an_event_id_not_in_the_timeline_now_is_named_with_the_closest(runner, history: Repo) -> None:
    result = invoke(runner, "log", "deal", "contract-signd", "--oneline")
    assert result.exit_code == 0 and "did you mean 'contract-signed'" in result.stderr
