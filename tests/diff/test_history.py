"""`armsdeal log`'s walk of git's history (diff/history.py) against real repositories made here.

Renames and moved folders, merges, a commit that breaks the YAML, a revision that
fails today's rules, a shallow clone, a file outside git or not tracked.
"""

from __future__ import annotations

import contextlib
import copy
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA
from gitrepo import Repo

from armsdeal.core.errors import InputError, UsageError
from armsdeal.diff.engine import DateChange, Status
from armsdeal.diff.history import LogEntry, Range, walk
from armsdeal.diff.lenient import read_revision

BASE: dict[str, Any] = yaml.safe_load((DATA / "diff" / "base" / "deal.yaml").read_text(encoding="utf-8"))


def base() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def event(data: dict[str, Any], event_id: str) -> dict[str, Any]:
    return next(item for item in data["events"] if item["id"] == event_id)


def entries(file: Path, **options: Any) -> list[LogEntry]:
    span = Range(options.pop("since", None), options.pop("until", None))
    return list(walk(file, span, **options)[1])


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


class TestWalk:
    def test_an_entry_per_commit_newest_first_with_what_it_changed(self, repo: Repo) -> None:
        data = base()
        repo.save("timelines/deal.yaml", data, "Add the deal")
        event(data, "contract-signed")["date"] = "2019-03"
        repo.save("timelines/deal.yaml", data, "Coarsen the contract date")
        event(data, "second-contract-claim")["status"] = "disputed"
        repo.save("timelines/deal.yaml", data, "Dispute the claim")
        found = entries(repo.root / "timelines" / "deal.yaml")
        assert [entry.commit.subject for entry in found] == [
            "Dispute the claim",
            "Coarsen the contract date",
            "Add the deal",
        ]
        assert found[0].commit.author == "A. Curator" and found[0].commit.day == "2024-01-03"
        (claim,) = found[0].diff.events  # type: ignore[union-attr]
        assert claim.id == "second-contract-claim" and claim.changes[0].field == "status"
        (contract,) = found[1].diff.events  # type: ignore[union-attr]
        assert isinstance(contract.changes[0], DateChange) and contract.changes[0].kind == "coarsened"
        assert found[2].diff is not None and found[2].diff.status is Status.ADDED

    def test_a_commit_that_changes_no_meaning_is_left_out(self, repo: Repo) -> None:
        file = repo.write("timelines/deal.yaml", base())
        repo.commit("Add")
        file.write_text("# a comment\n" + file.read_text(encoding="utf-8"), encoding="utf-8")
        repo.commit("Comment only")
        assert [entry.commit.subject for entry in entries(file)] == ["Add"]

    def test_renames_and_a_moved_folder_are_followed(self, repo: Repo) -> None:
        data = base()
        repo.save("data/old-deal.yaml", data, "Add")
        repo.git("mv", "data/old-deal.yaml", "data/deal.yaml")
        repo.commit("Rename")
        (repo.root / "timelines").mkdir()
        repo.git("mv", "data/deal.yaml", "timelines/deal.yaml")
        repo.commit("Move the folder")
        event(data, "first-delivery")["date"] = "2020-07"
        repo.save("timelines/deal.yaml", data, "Refine")
        found = entries(repo.root / "timelines" / "deal.yaml")
        assert [entry.commit.subject for entry in found] == ["Refine", "Move the folder", "Rename", "Add"]
        assert found[1].moved and found[1].commit.old_path == "data/deal.yaml"
        assert found[2].commit.old_path == "data/old-deal.yaml"
        without = entries(repo.root / "timelines" / "deal.yaml", follow=False)
        assert without[0].commit.subject == "Refine"
        assert "Rename" not in [entry.commit.subject for entry in without]

    def test_a_merge_lists_the_branch_commits_once(self, repo: Repo) -> None:
        data = base()
        repo.save("timelines/deal.yaml", data, "Add")
        repo.git("checkout", "-q", "-b", "fix")
        event(data, "talks-begin")["date"] = "2018-05"
        repo.save("timelines/deal.yaml", data, "Refine talks on a branch")
        repo.git("checkout", "-q", "main")
        repo.save("other.txt", "x", "Something else")
        repo.git("merge", "-q", "--no-ff", "-m", "Merge fix", "fix")
        found = entries(repo.root / "timelines" / "deal.yaml")
        assert [entry.commit.subject for entry in found] == ["Refine talks on a branch", "Add"]

    def test_a_merge_that_resolves_a_conflict_is_compared_with_its_first_parent(self, repo: Repo) -> None:
        data = base()
        repo.save("timelines/deal.yaml", data, "Add")
        repo.git("checkout", "-q", "-b", "fix")
        event(data, "talks-begin")["date"] = "2018-05"
        repo.save("timelines/deal.yaml", data, "Branch: May")
        repo.git("checkout", "-q", "main")
        event(data, "talks-begin")["date"] = "2018-06"
        repo.save("timelines/deal.yaml", data, "Main: June")
        with contextlib.suppress(subprocess.CalledProcessError):
            repo.git("merge", "-q", "fix")  # a conflict, resolved by hand below
        event(data, "talks-begin")["date"] = "2018-07"
        repo.write("timelines/deal.yaml", data)
        repo.commit("Merge: July")
        found = entries(repo.root / "timelines" / "deal.yaml")
        subjects = [entry.commit.subject for entry in found]
        assert subjects[0] == "Merge: July" and {"Branch: May", "Main: June", "Add"} <= set(subjects)
        (change,) = found[0].diff.events[0].changes  # type: ignore[union-attr]
        assert isinstance(change, DateChange) and change.before.text == "2018-06" and change.after.text == "2018-07"

    def test_since_and_until_take_dates_and_revisions(self, repo: Repo) -> None:
        data = base()
        shas = [repo.save("timelines/deal.yaml", data, "Add")]
        for month in ("01", "02", "03"):
            event(data, "first-delivery")["date"] = f"2020-{month}"
            shas.append(repo.save("timelines/deal.yaml", data, f"Month {month}"))
        file = repo.root / "timelines" / "deal.yaml"
        subjects = lambda **span: [entry.commit.subject for entry in entries(file, **span)]  # noqa: E731
        assert subjects(since=shas[1]) == ["Month 03", "Month 02"]
        assert subjects(until=shas[2]) == ["Month 02", "Month 01", "Add"]
        assert subjects(since="2024-01-03") == ["Month 03", "Month 02"]  # dated 2024-01-01, -02, -03, -04
        assert subjects(until="2024-01-02") == ["Month 01", "Add"]
        with pytest.raises(UsageError, match="neither a date"):
            entries(file, since="no-such-revision")


class TestOldRevisions:
    def test_a_commit_that_breaks_the_yaml_is_named_and_the_walk_goes_on(self, repo: Repo) -> None:
        data = base()
        repo.save("timelines/deal.yaml", data, "Add")
        repo.save("timelines/deal.yaml", "id: deal\ntitle: [unclosed\n", "Break it")
        event(data, "talks-begin")["date"] = "2018-05"
        repo.save("timelines/deal.yaml", data, "Fix and refine")
        found = entries(repo.root / "timelines" / "deal.yaml")
        assert [entry.commit.subject for entry in found] == ["Fix and refine", "Break it", "Add"]
        assert found[1].diff is None and found[1].unreadable
        # The fix is compared with the last readable revision: only the refinement, nothing re-added.
        assert found[0].base is not None and [item.id for item in found[0].diff.events] == ["talks-begin"]  # type: ignore[union-attr]

    def test_a_revision_failing_todays_rules_is_read_leniently_and_says_why(self, repo: Repo) -> None:
        data = base()
        old = base()
        old["events"][0]["type"] = "handshake"  # not a type today
        old["retired_field"] = "x"
        repo.save("timelines/deal.yaml", old, "An old schema")
        repo.save("timelines/deal.yaml", data, "Today's schema")
        found = entries(repo.root / "timelines" / "deal.yaml")
        assert found[1].failed is not None and "handshake" in found[1].failed
        assert found[1].diff is not None and len(found[1].diff.events) == len(BASE["events"]) - 1
        assert [item.id for item in found[0].diff.events] == ["talks-begin"]  # type: ignore[union-attr]
        assert found[0].diff.events[0].status is Status.ADDED  # type: ignore[union-attr]

    def test_read_revision_never_raises(self) -> None:
        for raw in (b"", b"- a list\n", b"\xff\xfe", b"id: x\n", b"{", b"id: [\n"):
            revision = read_revision(raw, "r")
            assert revision.timeline is None and revision.unreadable


class TestOutsideGit:
    def test_no_repository(self, tmp_path: Path) -> None:
        file = tmp_path / "deal.yaml"
        file.write_text(yaml.safe_dump(BASE), encoding="utf-8")
        with pytest.raises(InputError, match="not in a git repository"):
            walk(file)

    def test_an_untracked_file(self, repo: Repo) -> None:
        repo.save("other.txt", "x", "Something")
        file = repo.write("timelines/deal.yaml", base())
        with pytest.raises(InputError, match="not tracked by git"):
            walk(file)

    def test_a_shallow_clone(self, repo: Repo, tmp_path: Path) -> None:
        data = base()
        repo.save("timelines/deal.yaml", data, "Add")
        event(data, "talks-begin")["date"] = "2018-05"
        repo.save("timelines/deal.yaml", data, "Refine")
        clone = tmp_path / "clone"
        repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
        with pytest.raises(InputError, match=r"shallow clone.*--unshallow"):
            walk(clone / "timelines" / "deal.yaml")


def test_bundled_timelines_installed_outside_git_say_there_is_no_history(tmp_path: Path, monkeypatch) -> None:
    import armsdeal.diff.history as history

    installed = tmp_path / "site-packages" / "timelines"
    installed.mkdir(parents=True)
    file = installed / "deal.yaml"
    file.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    monkeypatch.setattr(history, "bundled_dir", lambda: installed)
    with pytest.raises(InputError, match="no history of the bundled timeline deal"):
        walk(file)


def test_the_bundled_timelines_have_this_repositorys_history() -> None:
    from conftest import TIMELINES

    if not (TIMELINES.parent / ".git").exists():
        pytest.skip("not a clone of armsdeal's repository")
    if (
        subprocess.run(
            ["git", "-C", str(TIMELINES), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True
        ).stdout.strip()
        == "true"
    ):
        pytest.skip("a shallow clone")
    found = entries(TIMELINES / "turkey-s400.yaml", until="7bd36c9")
    assert found[0].commit.sha.startswith("7bd36c9") and found[-1].diff.status is Status.ADDED  # type: ignore[union-attr]


def test_no_subject_or_author_can_split_a_record(repo: Repo) -> None:
    """The old format split records at a separator character that a subject could hold (a crash)."""
    data = base()
    repo.save("timelines/deal.yaml", data, "Add")
    event(data, "talks-begin")["date"] = "2018-05"
    tricky = "\x1e:100644 100644 0 0 M\x1e0123456789012345678901234567890123456789"
    repo.write("timelines/deal.yaml", data)
    repo.commit(tricky, author="\x1eMallory")
    found = entries(repo.root / "timelines" / "deal.yaml")
    assert [entry.commit.subject for entry in found] == [tricky, "Add"]
    assert "Mallory" in found[0].commit.author and found[0].diff is not None
