"""`armsdeal links --archive [--write]` against a stand-in Wayback availability endpoint on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess

from servers import Served, server, timeline

from armsdeal.cli.app import app

__all__ = ["server"]  # the fixture, used by name

FAST = ["--allow-private", "--timeout", "0.5", "--no-cache"]
BLOCK = {"publisher": "Example News", "title": "A page", "date": "2019-07-12"}  # a source as timeline() writes it


def archive_run(runner, server: Served, *args: str):
    return runner.invoke(app, ["links", *args, *FAST, "--archive", "--archive-url", server.base])


def test_a_dead_link_gets_the_snapshot_closest_to_its_sources_date(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"gone": server.url("/gone-404")})
    result = archive_run(runner, server, str(file), "--format", "json")
    (problem,) = json.loads(result.stdout)["problems"]
    snapshot = f"http://web.archive.org/web/20190712000000/{server.url('/gone-404')}"
    assert f"archived copy of 2019-07-12: {snapshot}" in problem["message"]
    assert result.exit_code == 1, "an archived copy does not make the link reachable"
    assert server.count("/wayback/available") == 1
    assert file.read_text(encoding="utf-8").count("archive_url") == 0, "nothing written without --write"


def test_the_archive_url_comes_from_the_environment_too(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"gone": server.url("/gone-410")})
    args = ["links", str(file), *FAST, "--archive", "--format", "json"]
    result = runner.invoke(app, args, env={"ARMSDEAL_ARCHIVE_URL": server.base})
    assert "archived copy of 2019-07-12" in json.loads(result.stdout)["problems"][0]["message"]


def test_without_a_snapshot_it_says_so(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"loop": server.url("/loop-a")})
    result = archive_run(runner, server, str(file), "--format", "json")
    (problem,) = json.loads(result.stdout)["problems"]
    assert "no archived copy found" in problem["message"]


def test_ok_links_are_not_looked_up(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"fine": server.url("/ok")})
    assert archive_run(runner, server, str(file)).exit_code == 0
    assert server.count("/wayback/available") == 0


def test_write_records_archive_url_keeping_comments_and_passes_fmt_and_check(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"gone": server.url("/gone-404"), "fine": server.url("/ok")}, comments=True)
    before = file.read_text(encoding="utf-8")
    result = archive_run(runner, server, str(file), "--write")
    assert result.exit_code == 1
    assert f"recorded archive_url for 1 source in {file}" in result.stderr
    after = file.read_text(encoding="utf-8")
    snapshot = f"http://web.archive.org/web/20190712000000/{server.url('/gone-404')}"
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == [f"    archive_url: {snapshot}"]
    # Right under its url:, every other line (the comments too) as it was.
    lines = after.splitlines()
    assert lines[lines.index(added[0]) - 1] == f"    url: {server.url('/gone-404')}"
    assert [line for line in lines if line != added[0]] == before.splitlines()
    assert runner.invoke(app, ["fmt", "--check", str(file)]).exit_code == 0
    checked = runner.invoke(app, ["check", str(file)])
    assert checked.exit_code == 0, checked.stdout
    # Once recorded, the link is reported with it and the archive is not asked again.
    again = archive_run(runner, server, str(file), "--write", "--format", "json")
    assert "archive_url is recorded" in json.loads(again.stdout)["problems"][0]["message"]
    assert server.count("/wayback/available") == 1
    assert file.read_text(encoding="utf-8") == after


def test_write_needs_archive(runner, tmp_path) -> None:
    file = timeline(tmp_path, {"a": "http://127.0.0.1:9/"})
    result = runner.invoke(app, ["links", str(file), "--write"])
    assert result.exit_code == 2 and "--archive" in result.stderr


def test_only_changed_checks_only_urls_new_since_the_revision(runner, server, tmp_path, monkeypatch) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "test@example.org")
    git("config", "user.name", "Test")
    file = timeline(tmp_path, {"old": server.url("/gone-404")})
    git("add", ".")
    git("commit", "-q", "-m", "one source")
    timeline(tmp_path, {"old": server.url("/gone-404"), "new": server.url("/gone-410")})
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["links", file.name, *FAST, "--only-changed", "--format", "json"])
    problems = json.loads(result.stdout)["problems"]
    assert [problem["message"].split(" ", 1)[0] for problem in problems] == [server.url("/gone-410")]
    assert server.count("/gone-404") == 0
    summary = runner.invoke(app, ["links", file.name, *FAST, "--only-changed", "--base", "HEAD"]).stderr
    assert "1 link checked" in summary and "1 unchanged not checked" in summary
    assert runner.invoke(app, ["links", file.name, *FAST, "--only-changed", "--base", "nope"]).exit_code == 2


def test_a_refused_write_names_each_line_it_did_not_write_and_writes_the_other_files(runner, server, tmp_path) -> None:
    braces = timeline(tmp_path, {"gone": server.url("/gone-404")}, name="braces")
    block = "\n".join(f"    {key}: {value}" for key, value in BLOCK.items()) + f"\n    url: {server.url('/gone-404')}\n"
    one_line = (
        "{" + ", ".join(f"{key}: {value}" for key, value in BLOCK.items()) + f", url: {server.url('/gone-404')}}}"
    )
    before = braces.read_text(encoding="utf-8").replace("  gone:\n" + block, f"  gone: {one_line}\n")
    assert "  gone: {" in before
    braces.write_text(before, encoding="utf-8")
    fine = timeline(tmp_path, {"also-gone": server.url("/gone-410")}, name="fine")
    result = archive_run(runner, server, str(braces), str(fine), "--write", "--format", "json")
    assert result.exit_code == 1
    located = {problem["path"]: problem for problem in json.loads(result.stdout)["problems"]}[str(braces)]
    snapshot = f"http://web.archive.org/web/20190712000000/{server.url('/gone-404')}"
    said = f"{braces}:{located['line']}:{located['column']}: error [link-archive-unwritten] not written: "
    said += f"the line 'archive_url: {snapshot}' under source 'gone'; source 'gone' is written on one line in braces"
    assert said in result.stderr
    assert braces.read_text(encoding="utf-8") == before, "the refused file is left as it is"
    assert f"recorded archive_url for 1 source in {fine}" in result.stderr, "the other file is still written"
    assert "archive_url: " in fine.read_text(encoding="utf-8")
