"""`check DIR` with the collection index (cli/check_index.py, index/results.py): incremental, and the same output.

A warm index serves each unchanged file's result by its stamp and the problems across files by the
facts; the output (every format, the exit code, --strict, the configured rules, the summary) must be
the bytes of a run with ARMSDEAL_NO_CACHE, over random edits, new files, renames, deletions, a file
replaced by a symlink, a clock set back and a change of the configuration.
"""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_index import own_cache
from test_index_check import Related
from typer.testing import CliRunner

import armsdeal.cli.cache
from armsdeal.check import runner as check_runner
from armsdeal.check.formats import FORMATS
from armsdeal.cli import check_index

CONFIGS = (
    "",
    "strict = true\n",
    'ignore = ["related-one-way"]\n',
    "[rules.source-conflict]\ntitles = false\n",
)


@pytest.fixture
def cached(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield from own_cache(tmp_path_factory)


def _formats() -> list[str]:
    return [entry.name for entry in FORMATS]


def checked(runner: CliRunner, folder: Path, *words: str, index: bool) -> tuple[int, str, str]:
    from armsdeal.cli.app import app

    env = {"COLUMNS": "200"} if index else {"COLUMNS": "200", "ARMSDEAL_NO_CACHE": "1"}
    result = runner.invoke(app, ["check", str(folder), *words], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def same_with_and_without(runner: CliRunner, folder: Path, *words: str) -> tuple[int, str, str]:
    without = checked(runner, folder, *words, index=False)
    assert checked(runner, folder, *words, index=True) == without, words  # the index brought up to date
    assert checked(runner, folder, *words, index=True) == without, words  # served from it
    return without


class Edited(Related):
    """Related timelines in a folder and a subfolder, edited at random, with a configuration that changes too."""

    config: Path | None = None  # the configuration file

    def change(self) -> None:
        if self.config is not None and self.rng.random() < 0.2:
            self.config.write_text(self.rng.choice(CONFIGS), encoding="utf-8")
        else:
            self.edit()


@pytest.mark.fast_paths  # the index's path against the run without it, whatever ARMSDEAL_NO_FAST says
@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(seed=st.integers(0, 10**9))
def test_check_dir_says_the_same_with_the_index_after_random_changes(
    tmp_path_factory: pytest.TempPathFactory, cached: Path, seed: int
) -> None:
    runner = CliRunner()
    base = tmp_path_factory.mktemp("t")
    config = base / ".armsdeal.toml"
    config.write_text("", encoding="utf-8")
    folder = Edited(base / "timelines", random.Random(seed))
    folder.config = config
    sub = Related(base / "timelines" / "more", folder.rng)
    for number in range(6):
        folder.write(f"deal-{number}")
    sub.write("deal-9")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(base)  # the configuration is found from the working folder
        for _ in range(5):
            words = [folder.rng.choice(["--strict", "--no-strict", "--allow-empty"])]
            words += ["--format", folder.rng.choice(_formats())]
            same_with_and_without(runner, folder.path, *words)
            same_with_and_without(runner, folder.path)
            folder.change()
    assert list((cached / "index").glob("*.sqlite")), "the index was used"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files checked (validated) in this process, by name; a name in capitals: read again with places."""
    read: list[str] = []
    real = check_runner.check_file

    def noted(path: Path, *args: object, **kwargs: object) -> check_runner.FileResult:
        read.append(path.name if kwargs.get("fast", True) else path.name.upper())
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check_runner, "check_file", noted)
    return read


@pytest.fixture
def across(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How often the rules across files ran."""
    runs: list[int] = []
    real = check_index.cross_file_problems

    def noted(*args: object, **kwargs: object) -> check_runner.Across:
        runs.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check_index, "cross_file_problems", noted)
    return runs


SOLO = """id: solo
title: A deal of its own
sources:
  s:
    publisher: Example News
    title: A report
    url: https://example.org/solo
events:
  - id: e0
    date: 2019
    type: statement
    title: An event
    sources: [s]
"""


def written(tmp_path: Path, count: int = 6) -> Related:
    folder = Related(tmp_path / "timelines", random.Random(3))
    for number in range(count):
        folder.write(f"deal-{number}")
    return folder


@pytest.mark.fast_paths  # counts what is read: the fast path on, whatever ARMSDEAL_NO_FAST says
def test_a_warm_index_checks_only_the_changed_file(
    tmp_path: Path, cached: Path, runner: CliRunner, reads: list[str], across: list[int]
) -> None:
    folder = written(tmp_path)
    first = checked(runner, folder.path, index=True)
    assert first[0] == 1 and "[source-conflict]" in first[1]  # problems across files, naming places
    assert {name for name in reads if name == name.lower()} == {f"deal-{n}.yaml" for n in range(6)}
    assert across == [1]
    reads.clear()
    across.clear()
    assert checked(runner, folder.path, index=True) == first
    assert reads == [] and across == []  # nothing validated, the rules across files not run
    folder.write("deal-3")
    expected = checked(runner, folder.path, index=False)
    reads.clear()
    across.clear()
    assert checked(runner, folder.path, index=True) == expected
    # The changed file, and the files whose places the problems across files name (read again with them).
    assert [name for name in reads if name == name.lower()] == ["deal-3.yaml"]


@pytest.mark.fast_paths  # counts what is read: the fast path on, whatever ARMSDEAL_NO_FAST says
def test_an_edit_that_leaves_the_facts_alone_does_not_run_the_rules_across_files(
    tmp_path: Path, cached: Path, runner: CliRunner, reads: list[str], across: list[int]
) -> None:
    folder = written(tmp_path)
    # A file no problem names (a file whose places the problems need is read again when it changes).
    path = folder.path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    for _ in range(2):
        first = checked(runner, folder.path, index=True)
    assert "solo.yaml" not in first[1]
    stamp = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("title: An event", "title: Another event"), "utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**9))
    reads.clear()
    across.clear()
    assert checked(runner, folder.path, index=True) == checked(runner, folder.path, index=False) == first
    assert reads.count(path.name) == 2 and across == []  # once each run; the rules' problems kept


def _edited(path: Path, old: str, new: str) -> None:
    """Replace text in a file, its stamp moved a second on (so that the edit is seen whatever the clock)."""
    stamp = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), "utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**9))


def _solo_conflicts(output: str) -> list[str]:
    return [line for line in output.splitlines() if "[event-conflict]" in line and "solo.yaml" in line]


@pytest.mark.fast_paths  # counts the runs of the rules: the fast path on, whatever ARMSDEAL_NO_FAST says
def test_an_event_of_a_timeline_nothing_relates_is_not_compared_again(
    tmp_path: Path, cached: Path, runner: CliRunner, across: list[int]
) -> None:
    folder = written(tmp_path)
    path = folder.path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    for _ in range(2):
        checked(runner, folder.path, index=True)
    across.clear()
    _edited(path, "id: e0\n    date: 2019", "id: e1\n    date: 2020")  # no file relates it: no rule reads its events
    assert checked(runner, folder.path, index=True) == checked(runner, folder.path, index=False)
    assert across == []
    # A timeline that relates it, with the same event another day: an event-conflict, then none.
    other = SOLO.replace("id: solo", "id: other\nrelated: [solo]").replace("/solo", "/other")
    (folder.path / "other.yaml").write_text(other.replace("id: e0", "id: e1"), encoding="utf-8")
    assert _solo_conflicts(same_with_and_without(runner, folder.path)[1])
    across.clear()
    _edited(path, "date: 2020", "date: 2019")
    assert not _solo_conflicts(same_with_and_without(runner, folder.path)[1])
    assert across, "an event of a related timeline changed: the rules ran again"
    # The relation gone, the solo timeline's events are left alone again.
    _edited(folder.path / "other.yaml", "related: [solo]\n", "")
    same_with_and_without(runner, folder.path)
    across.clear()
    _edited(path, "date: 2019", "date: 2021")
    assert checked(runner, folder.path, index=True) == checked(runner, folder.path, index=False)
    assert across == []


@pytest.mark.parametrize(
    "switch",
    [
        ("--no-cache",),
        ("env", "ARMSDEAL_NO_CACHE", "1"),
        ("env", "ARMSDEAL_NO_FAST", "check-results"),
    ],
)
def test_no_cache_and_the_switches_check_every_file(
    tmp_path: Path, cached: Path, runner: CliRunner, reads: list[str], switch: tuple[str, ...]
) -> None:
    from armsdeal.cli.app import app

    folder = written(tmp_path)
    first = checked(runner, folder.path, index=True)
    reads.clear()
    words, env = (["--no-cache"], {}) if switch[0] == "--no-cache" else ([], {switch[1]: switch[2]})
    result = runner.invoke(app, ["check", str(folder.path), *words], env={"COLUMNS": "200", **env})
    assert (result.exit_code, result.stdout, result.stderr) == first
    assert sorted({name for name in reads if name == name.lower()}) == [f"deal-{number}.yaml" for number in range(6)]


@pytest.mark.fast_paths  # counts what is read: the fast path on, whatever ARMSDEAL_NO_FAST says
def test_a_change_of_rule_options_or_of_armsdeal_checks_every_file_again(
    tmp_path: Path, cached: Path, runner: CliRunner, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = written(tmp_path)
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        checked(runner, folder.path, index=True)
    (tmp_path / ".armsdeal.toml").write_text("[rules.source-conflict]\ntitles = false\n", encoding="utf-8")
    reads.clear()
    assert checked(runner, folder.path, index=True) == checked(runner, folder.path, index=False)
    assert len({name for name in reads if name == name.lower()}) == 6  # every file: the options are in its context
    reads.clear()
    checked(runner, folder.path, index=True)
    assert reads == []
    real = armsdeal.cli.cache.code_version
    monkeypatch.setattr(armsdeal.cli.cache, "code_version", lambda: real() + "\nanother version")
    reads.clear()
    assert checked(runner, folder.path, index=True) == checked(runner, folder.path, index=False)
    assert reads.count("deal-0.yaml") == 2  # checked again by the new code (and by the run without the index)


@pytest.mark.fast_paths  # the rows are written on the fast path
def test_rows_moved_between_files_are_not_served(tmp_path: Path, cached: Path, runner: CliRunner) -> None:
    """Rows this code wrote, swapped between files (with their seals), are stale; so is a memo moved."""
    folder = written(tmp_path)
    expected = checked(runner, folder.path, index=False)
    assert checked(runner, folder.path, index=True) == expected
    (path,) = (cached / "index").glob("*.sqlite")
    database = sqlite3.connect(path, isolation_level=None)
    rows = {row[0]: row[1:] for row in database.execute("SELECT name, problems, result FROM results")}
    first, second = sorted(rows)[:2]
    swap = "UPDATE results SET problems = ?, result = ? WHERE name = ?"
    database.execute(swap, (*rows[second], first))
    database.execute(swap, (*rows[first], second))
    database.execute("UPDATE across SET shape = x'00'")
    database.close()
    assert checked(runner, folder.path, index=True) == expected
