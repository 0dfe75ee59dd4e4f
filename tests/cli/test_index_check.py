"""`check FILE` with the files beside it served from the collection index (index/beside.py, cli/index.py).

The rules across files compare the checked file with every timeline beside it; with a warm index only
the checked file and the files changed since are read. The output must be the same as with
ARMSDEAL_NO_CACHE, over generated collections whose timelines relate to each other, cite one URL
differently and share event ids, after random edits, renames, deletions, symlinks and a clock set back.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_index import Folder, own_cache
from typer.testing import CliRunner

from armsdeal.check import rules
from armsdeal.check.rules import collection


@pytest.fixture
def cached(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield from own_cache(tmp_path_factory)


PUBLISHERS = ("Example News", "Other News")
# A title written with an escape: the fast path leaves such a file to the located loader (with places).
TITLES = ("A deal", "Another deal", '"A deal \\u00df"')


def related_timeline(name: str, rng: Any, *, invalid: bool = False) -> str:
    """A timeline that lists others under related:, cites one URL as others do, and shares event ids with them.

    So that the rules across files find conflicts (source-conflict, event-conflict, related-one-way),
    some in files read with places and some without.
    """
    related = sorted({f"deal-{rng.randint(0, 6)}" for _ in range(rng.randint(0, 3))} - {name})
    lines = [f"id: {name}", f"title: {rng.choice(TITLES)}"]
    if related:
        lines.append(f"related: [{', '.join(related)}]")
    lines += ["sources:", "  s:", f"    publisher: {rng.choice(PUBLISHERS)}", "    title: A report"]
    lines += ["    url: https://example.org/1", "events:"]
    for number in range(rng.randint(1, 3)):
        lines += [f"  - id: e{number}", f"    date: {rng.randint(2018, 2020) if not invalid else 'not-a-date'}"]
        lines += [f"    type: {rng.choice(['statement', 'agreement'])}", "    title: An event", "    sources: [s]"]
        if rng.random() < 0.3:
            lines.append("    note: It differs.")
        if rng.random() < 0.2 and related:
            lines.append(f"    same_as: {rng.choice(related)}/e{rng.randint(0, 3)}")
    return "\n".join(lines) + "\n"


class Related(Folder):
    timeline = staticmethod(related_timeline)


def checked(runner: CliRunner, path: Path, *, index: bool) -> tuple[int, str, str]:
    from armsdeal.cli.app import app

    env = {"COLUMNS": "200"} if index else {"COLUMNS": "200", "ARMSDEAL_NO_CACHE": "1"}
    result = runner.invoke(app, ["check", str(path)], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def same_with_and_without(runner: CliRunner, folder: Related) -> None:
    names = folder.names()
    for name in folder.rng.sample(names, min(2, len(names))):
        path = folder.path / f"{name}.yaml"
        without = checked(runner, path, index=False)
        assert checked(runner, path, index=True) == without, name  # the index filled (or brought up to date)
        assert checked(runner, path, index=True) == without, name  # served from it


@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(seed=st.integers(0, 10**9))
def test_check_of_one_file_says_the_same_with_the_index_after_random_changes(
    tmp_path_factory: pytest.TempPathFactory, cached: Path, seed: int
) -> None:
    runner = CliRunner()
    folder = Related(tmp_path_factory.mktemp("t") / "timelines", random.Random(seed))
    for number in range(6):
        folder.write(f"deal-{number}")
    same_with_and_without(runner, folder)
    for _ in range(4):
        folder.edit()
        same_with_and_without(runner, folder)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """The files beside read (not served from the index): name, and whether with places."""
    read: list[tuple[str, bool]] = []
    real = collection.neighbour

    def noted(path: Path, *, located: bool = False) -> rules.collection.Member | None:
        read.append((path.name, located))
        return real(path, located=located)

    monkeypatch.setattr(collection, "neighbour", noted)
    return read


def conflicting(tmp_path: Path) -> Related:
    """Six related timelines, some of whose findings name places in the files beside."""
    folder = Related(tmp_path / "timelines", random.Random(3))
    for number in range(6):
        folder.write(f"deal-{number}")
    return folder


def test_a_warm_index_reads_only_the_changed_files_beside(
    tmp_path: Path, cached: Path, runner: CliRunner, reads: list[tuple[str, bool]]
) -> None:
    folder = conflicting(tmp_path)
    target = folder.path / "deal-0.yaml"
    first = checked(runner, target, index=True)
    assert first[0] == 1 and "[source-conflict]" in first[1]  # findings across files, naming places beside
    assert sorted(name for name, located in reads if not located) == [f"deal-{number}.yaml" for number in range(1, 6)]
    again = [read for read in reads if read[1]]  # read again with places, for a finding that names one
    reads.clear()
    assert checked(runner, target, index=True) == first
    assert reads == again  # nothing else read: the files beside came from the index
    reads.clear()
    folder.write("deal-3")  # changed between runs: read again, and its new facts count
    assert checked(runner, target, index=True) == checked(runner, target, index=False)
    assert ("deal-3.yaml", False) in reads


def test_rows_beside_moved_between_files_are_not_served(tmp_path: Path, cached: Path, runner: CliRunner) -> None:
    """Rows this code wrote, swapped between files (with their seals), are read as stale; --no-cache reads all."""
    folder = conflicting(tmp_path)
    target = folder.path / "deal-0.yaml"
    expected = checked(runner, target, index=False)
    assert checked(runner, target, index=True) == expected
    (path,) = (cached / "index").glob("*.sqlite")
    database = sqlite3.connect(path, isolation_level=None)
    (first, *_), (second, *_) = database.execute("SELECT name, member, seal FROM beside LIMIT 2").fetchall()[:2]
    rows = dict(database.execute("SELECT name, member FROM beside").fetchall())
    database.execute("UPDATE beside SET member = ? WHERE name = ?", (rows[second], first))
    database.execute("UPDATE beside SET member = ? WHERE name = ?", (rows[first], second))
    database.close()
    assert checked(runner, target, index=True) == expected
    assert runner.invoke(_app(), ["check", str(target), "--no-cache"]).stdout == expected[1]


def _app() -> Any:
    from armsdeal.cli.app import app

    return app
