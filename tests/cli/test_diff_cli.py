"""`armsdeal diff` through the command line: exit codes, formats, options, and a real git history."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA
from conftest import invoke as run_cli

CASES = DATA / "diff"
BASE = CASES / "base" / "deal.yaml"


def case(name: str) -> str:
    return str(CASES / name / "deal.yaml")


def invoke(runner, *args: str):
    return run_cli(runner, "diff", *args)


class TestExitCodes:
    def test_no_differences_exits_0(self, runner) -> None:
        result = invoke(runner, str(BASE), case("reordered"))
        assert result.exit_code == 0, result.stderr
        assert result.stdout == "No differences.\n"

    def test_differences_exit_1(self, runner) -> None:
        result = invoke(runner, str(BASE), case("event-changed"))
        assert result.exit_code == 1
        assert "~ event second-contract-claim (15 Jun 2020" in result.stdout
        assert result.stderr == ""

    def test_two_files_are_compared_by_id_whatever_their_names(self, runner, tmp_path: Path) -> None:
        """`diff old-turkey-s400.yaml new/turkey-s400.yaml`: file names are not ids here."""
        old = tmp_path / "old-deal.yaml"
        (tmp_path / "new").mkdir()
        new = tmp_path / "new" / "deal-v2.yaml"
        shutil.copy(BASE, old)
        shutil.copy(case("event-changed"), new)
        result = invoke(runner, str(old), str(new))
        assert result.exit_code == 1, result.stderr
        assert "[file-name]" not in result.stderr
        assert "~ event second-contract-claim (15 Jun 2020" in result.stdout

    def test_two_files_with_different_ids_are_two_deals_without_force(self, runner, write_timeline) -> None:
        other = write_timeline("other", BASE.read_text(encoding="utf-8").replace("id: deal\n", "id: other-deal\n", 1))
        result = invoke(runner, str(BASE), str(other))
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "ids differ" in result.stderr and "two different deals" in result.stderr
        assert "--force" in result.stderr and "armsdeal compare deal other-deal" in result.stderr

    def test_two_files_with_different_ids_are_compared_with_force_and_say_so(self, runner, write_timeline) -> None:
        other = write_timeline("other", BASE.read_text(encoding="utf-8").replace("id: deal\n", "id: other-deal\n", 1))
        result = invoke(runner, str(BASE), str(other), "--force")
        assert result.exit_code == 1, result.stderr
        assert "[file-name]" not in result.stderr
        assert "ids differ" in result.stderr and "'deal'" in result.stderr and "'other-deal'" in result.stderr
        assert "other-deal" in result.stdout

    def test_a_name_still_needs_a_file_named_after_its_id(self, runner, tmp_path: Path) -> None:
        folder = tmp_path / "timelines"
        folder.mkdir()
        (folder / "renamed.yaml").write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
        result = invoke(runner, "renamed", str(BASE), "--timelines", str(folder))
        assert result.exit_code == 2
        assert "[file-name]" in result.stderr

    @pytest.mark.parametrize("side", ["old", "new", "both"])
    def test_an_invalid_timeline_on_either_side_exits_2_with_located_problems(
        self, runner, write_timeline, side: str
    ) -> None:
        broken = write_timeline("deal", BASE.read_text().replace("    type: negotiation\n", "    type: chat\n"))
        old = str(broken) if side in ("old", "both") else str(BASE)
        new = str(broken) if side in ("new", "both") else case("dates")
        result = invoke(runner, old, new)
        assert result.exit_code == 2
        assert result.stdout == ""
        line = next(number for number, text in enumerate(broken.read_text().splitlines(), 1) if "type: chat" in text)
        assert result.stderr.startswith(f"{broken}:{line}:11: error [invalid-value] 'chat' is not a valid type")
        assert result.stderr.count("[invalid-value]") == 1

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["no-such-file.yaml", case("dates")], "no timeline named 'no-such-file.yaml'"),  # as `show` says
            (["nowhere/no-such-file.yaml", case("dates")], "no such timeline file"),
            ([str(BASE), "no-such-name"], "no timeline named 'no-such-name'"),
            ([str(BASE)], "diff compares two timelines"),
            ([str(BASE), str(BASE), str(BASE)], "got 3 operand(s)"),
            ([str(BASE), str(BASE), "--ignore", "nots"], "unknown field 'nots' (did you mean 'note'?)"),
        ],
    )
    def test_usage_errors_exit_2_with_a_message(self, runner, args: list[str], message: str) -> None:
        result = invoke(runner, *args)
        assert result.exit_code == 2
        assert message in result.stderr
        assert "Traceback" not in result.stderr + result.stdout

    def test_an_unknown_format_exits_2(self, runner) -> None:
        assert invoke(runner, str(BASE), str(BASE), "--format", "html").exit_code == 2


class TestOptions:
    def test_names_are_found_in_the_timelines_folder(self, runner) -> None:
        result = invoke(runner, "deal", "deal", "--timelines", str(CASES / "base"))
        assert result.exit_code == 0

    def test_ignore_makes_ignored_changes_no_difference(self, runner) -> None:
        assert invoke(runner, str(BASE), case("dates"), "--ignore", "date").exit_code == 0
        result = invoke(runner, str(BASE), case("event-changed"), "--ignore", "note", "--ignore", "status")
        assert result.exit_code == 1
        assert "status" not in result.stdout and "note" not in result.stdout
        assert "sources + wire-2020-06" in result.stdout

    def test_markdown_format(self, runner) -> None:
        result = invoke(runner, str(BASE), case("event-changed"), "--format", "markdown")
        assert result.exit_code == 1
        assert result.stdout.startswith("## Timeline changes\n")
        assert "- **changed** event `second-contract-claim`" in result.stdout

    def test_json_format_is_one_document(self, runner) -> None:
        result = invoke(runner, str(BASE), case("event-changed"), "--format", "json")
        assert result.exit_code == 1
        document = json.loads(result.stdout)
        assert document["differences"] is True
        assert document["timelines"][0]["new"] == case("event-changed")

    def test_stat(self, runner) -> None:
        result = invoke(runner, str(BASE), case("sources"), "--stat")
        assert result.exit_code == 1
        assert result.stdout.splitlines() == [
            "deal  events 2 changed  sources 1 added, 1 removed, 1 changed",
            "1 timeline differs",
        ]

    def test_colour_always(self, runner) -> None:
        result = invoke(runner, str(BASE), case("event-added"), "--color", "always")
        assert "\x1b[32m+" in result.stdout


# --- a real git history ----------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two commits: deal and gone added, then deal changed (event-changed)."""
    for name, value in {
        "GIT_AUTHOR_NAME": "Curator",
        "GIT_AUTHOR_EMAIL": "curator@example.org",
        "GIT_COMMITTER_NAME": "Curator",
        "GIT_COMMITTER_EMAIL": "curator@example.org",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "repo"
    timelines = root / "timelines"
    timelines.mkdir(parents=True)
    git(root, "init", "-q")
    shutil.copy(BASE, timelines / "deal.yaml")
    (timelines / "gone.yaml").write_text(BASE.read_text().replace("id: deal\n", "id: gone\n"))
    git(root, "add", "timelines")
    git(root, "commit", "-q", "-m", "Add deal and gone")
    shutil.copy(case("event-changed"), timelines / "deal.yaml")
    git(root, "commit", "-q", "-am", "second-contract-claim is disputed")
    monkeypatch.chdir(root)
    return root


class TestGitRevisions:
    def test_two_revisions_of_a_file(self, runner, repo: Path) -> None:
        result = invoke(runner, "HEAD~1:timelines/deal.yaml", "HEAD:timelines/deal.yaml", "--width", "200")
        assert result.exit_code == 1, result.stderr
        assert "HEAD~1:timelines/deal.yaml -> HEAD:timelines/deal.yaml" in result.stdout
        assert "status claimed -> disputed" in result.stdout

    def test_a_revision_against_the_working_tree_by_name(self, runner, repo: Path) -> None:
        assert invoke(runner, "HEAD~1:deal", "deal").exit_code == 1
        assert invoke(runner, "HEAD:deal", "deal").exit_code == 0

    def test_base_lists_changed_timelines(self, runner, repo: Path) -> None:
        result = invoke(runner, "--base", "HEAD~1", "--format", "json")
        assert result.exit_code == 1, result.stderr
        timelines = json.loads(result.stdout)["timelines"]
        assert [(t["timeline"], t["status"], t["old"], t["new"]) for t in timelines] == [
            ("deal", "changed", "HEAD~1:timelines/deal.yaml", "timelines/deal.yaml"),
        ]

    def test_base_with_added_removed_and_renamed_files(self, runner, repo: Path) -> None:
        (repo / "timelines" / "gone.yaml").unlink()
        (repo / "timelines" / "fresh.yaml").write_text(BASE.read_text().replace("id: deal\n", "id: fresh\n"))
        result = invoke(runner, "--base", "HEAD", "--format", "json")
        assert result.exit_code == 1, result.stderr
        timelines = json.loads(result.stdout)["timelines"]
        assert [(t["timeline"], t["status"], t["stat"]["events"]) for t in timelines] == [
            ("fresh", "added", {"added": 4, "removed": 0, "changed": 0, "renamed": 0}),
            ("gone", "removed", {"added": 0, "removed": 4, "changed": 0, "renamed": 0}),
        ]
        stat = invoke(runner, "--base", "HEAD", "--stat")
        assert stat.stdout.splitlines()[0] == "fresh (added)  events 4 added  sources 2 added  actors 3 added"

    def test_base_limited_to_names(self, runner, repo: Path) -> None:
        (repo / "timelines" / "gone.yaml").unlink()
        assert invoke(runner, "--base", "HEAD", "deal").exit_code == 0
        assert invoke(runner, "--base", "HEAD", "gone").exit_code == 1
        assert invoke(runner, "--base", "HEAD", "timelines/gone.yaml").exit_code == 1
        missing = invoke(runner, "--base", "HEAD", "nowhere")
        assert missing.exit_code == 2 and "no timeline named 'nowhere'" in missing.stderr

    def test_a_change_of_form_only_is_no_difference(self, runner, repo: Path) -> None:
        path = repo / "timelines" / "deal.yaml"
        path.write_text("# A comment, and the same content.\n" + path.read_text())
        assert git(repo, "status", "--porcelain").strip() == "M timelines/deal.yaml"
        result = invoke(runner, "--base", "HEAD")
        assert (result.exit_code, result.stdout) == (0, "No differences.\n")

    def test_an_invalid_file_in_a_revision_is_located_with_the_revision(self, runner, repo: Path) -> None:
        path = repo / "timelines" / "deal.yaml"
        path.write_text(path.read_text().replace("title: Ruritania buys", "titel: Ruritania buys"))
        git(repo, "commit", "-q", "-am", "typo")
        result = invoke(runner, "HEAD:timelines/deal.yaml", "HEAD~1:timelines/deal.yaml")
        assert result.exit_code == 2
        assert "HEAD:timelines/deal.yaml:3:1: error [unknown-field] unknown field 'titel'" in result.stderr

    @pytest.mark.parametrize(
        ("operand", "message"),
        [
            ("nope:timelines/deal.yaml", "unknown revision 'nope'"),
            ("HEAD:timelines/nope.yaml", "'timelines/nope.yaml' does not exist in 'HEAD'"),
            ("HEAD:timelines/", "'HEAD:timelines/' is a folder, not a timeline file"),
            ("HEAD:nothing", "no timeline named 'nothing' in HEAD:timelines/"),
            ("HEAD:", "needs a path after the colon"),
            (":timelines/deal.yaml", "needs a revision before the colon"),
            ("-p:timelines/deal.yaml", "a revision cannot start with '-'"),
        ],
    )
    def test_a_missing_revision_or_path_exits_2(self, runner, repo: Path, operand: str, message: str) -> None:
        result = invoke(runner, "--", operand, "deal")
        assert result.exit_code == 2
        assert message in result.stderr

    def test_from_a_subfolder_the_repositorys_timelines_are_used(self, runner, repo: Path, monkeypatch) -> None:
        """As git finds its root: `diff HEAD~1:deal deal` and `--base` from repo/docs/notes/ mean repo/timelines."""
        sub = repo / "docs" / "notes"
        sub.mkdir(parents=True)
        monkeypatch.chdir(sub)
        by_name = invoke(runner, "HEAD~1:deal", "deal", "--width", "200")
        assert by_name.exit_code == 1, by_name.stderr
        assert "HEAD~1:timelines/deal.yaml -> ../../timelines/deal.yaml" in by_name.stdout
        assert invoke(runner, "HEAD:deal", "deal").exit_code == 0
        (repo / "timelines" / "gone.yaml").unlink()
        base = invoke(runner, "--base", "HEAD", "--format", "json")
        assert base.exit_code == 1, base.stderr
        assert [t["timeline"] for t in json.loads(base.stdout)["timelines"]] == ["gone"]
        assert "bundled" not in by_name.stderr + base.stderr and "site-packages" not in base.stderr

    def test_without_a_timelines_folder_in_the_repository_it_says_what_to_pass(
        self, runner, repo: Path, monkeypatch
    ) -> None:
        (repo / "timelines").rename(repo / "deals")
        (repo / "docs").mkdir()
        monkeypatch.chdir(repo / "docs")
        for args in (("HEAD:deal", "deal"), ("--base", "HEAD")):
            result = invoke(runner, *args)
            assert result.exit_code == 2
            assert "pass --timelines DIR" in result.stderr
            assert "is not inside the git repository" not in result.stderr
        assert invoke(runner, "--base", "HEAD", "--timelines", "../deals").exit_code == 1  # deals/ is new to git

    def test_an_unknown_base_exits_2(self, runner, repo: Path) -> None:
        result = invoke(runner, "--base", "no-such-branch")
        assert result.exit_code == 2
        assert "unknown revision 'no-such-branch'" in result.stderr


class TestWithoutGit:
    def test_outside_a_repository_exits_2(self, runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
        folder = tmp_path / "plain"
        folder.mkdir()
        monkeypatch.chdir(folder)
        result = invoke(runner, "--base", "HEAD", "--timelines", str(CASES / "base"))
        assert result.exit_code == 2
        assert "not inside a git repository" in result.stderr

    def test_without_git_installed_exits_2(self, runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("PATH", str(tmp_path))
        result = invoke(runner, "HEAD:timelines/deal.yaml", str(BASE))
        assert result.exit_code == 2
        assert "git is not installed" in result.stderr
