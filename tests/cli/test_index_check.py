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


URLS = ("https://example.org/1", "https://example.org/1/", "https://example.org/2")


def varied_timeline(name: str, rng: Any, *, invalid: bool = False) -> str:
    """A timeline that most often cites its URLs as the others do and names none of them, as in a register.

    Now and then it differs (a publisher, title or date; a URL with a trailing slash), lists another
    under related:, or says an event is the same as another timeline's: so that a file beside matters
    to a checked one by each of its keys (check/reach.py), or by none.
    """
    lines = [f"id: {name}", f"title: {rng.choice(TITLES)}"]
    related = sorted({f"deal-{rng.randint(0, 11)}" for _ in range(rng.randint(1, 2))} - {name})
    if related and rng.random() < 0.3:
        lines.append(f"related: [{', '.join(related)}]")
    lines.append("sources:")
    for number in range(rng.randint(1, 2)):
        publisher = rng.choice(PUBLISHERS) if rng.random() < 0.2 else PUBLISHERS[0]
        title = "Another report" if rng.random() < 0.2 else "A report"
        lines += [f"  s{number}:", f"    publisher: {publisher}", f"    title: {title}"]
        if rng.random() < 0.2:
            lines.append("    date: '2019-01-01'")
        lines.append(f"    url: {rng.choice(URLS) if rng.random() < 0.5 else URLS[0]}")
    lines.append("events:")
    for number in range(rng.randint(1, 3)):
        lines += [f"  - id: e{number}", f"    date: {rng.randint(2018, 2019) if not invalid else 'not-a-date'}"]
        lines += [f"    type: {rng.choice(['statement', 'agreement'])}", "    title: An event", "    sources: [s0]"]
        if rng.random() < 0.15:
            lines.append(f"    same_as: deal-{rng.randint(0, 11)}/e{rng.randint(0, 2)}")
    return "\n".join(lines) + "\n"


class Varied(Folder):
    timeline = staticmethod(varied_timeline)


def checked(runner: CliRunner, *paths: Path, index: bool, fast: bool = True) -> tuple[int, str, str]:
    from armsdeal.cli.app import app

    env = {"COLUMNS": "200"} if index else {"COLUMNS": "200", "ARMSDEAL_NO_CACHE": "1"}
    if not fast:
        env["ARMSDEAL_NO_FAST"] = "beside-keys"  # every file beside from the index
    result = runner.invoke(app, ["check", *map(str, paths)], env=env, catch_exceptions=False)
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


@pytest.mark.fast_paths
@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(seed=st.integers(0, 10**9))
def test_check_of_files_says_the_same_with_the_index_serving_only_those_that_matter(
    tmp_path_factory: pytest.TempPathFactory, cached: Path, seed: int
) -> None:
    """With only the files beside that match the checked files' keys served (check/reach.py), or all of them."""
    runner = CliRunner()
    folder = Varied(tmp_path_factory.mktemp("t") / "timelines", random.Random(seed))
    for number in range(12):
        folder.write(f"deal-{number}")
    for _ in range(5):
        names = folder.names()
        targets = [
            folder.path / f"{name}.yaml" for name in folder.rng.sample(names, min(folder.rng.randint(1, 2), len(names)))
        ]
        without = checked(runner, *targets, index=False)
        assert checked(runner, *targets, index=True) == without, targets  # the index filled (or brought up to date)
        assert checked(runner, *targets, index=True) == without, targets  # served from it
        assert checked(runner, *targets, index=True, fast=False) == without, targets
        folder.edit()


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


def register_like(folder: Path) -> None:
    """deal-0 and files beside it: most cite its URL alike and name nothing, four matter to it, each by one key."""
    source = "sources:\n  s:\n    publisher: {}\n    title: A report\n    url: https://example.org/1{}\n"
    event = "events:\n  - id: e0\n    date: 2019\n    type: statement\n    title: An event\n    sources: [s]\n"
    special = {
        "deal-0": "related: [deal-1]\n",  # names deal-1
        "deal-2": "related: [deal-0]\n",  # names deal-0
    }
    folder.mkdir()
    for number in range(12):
        name = f"deal-{number}"
        publisher = "Other News" if number == 3 else "Example News"  # deal-3 cites the URL otherwise
        text = (
            f"id: {name}\ntitle: A deal\n{special.get(name, '')}{source.format(publisher, '/' * (number == 5))}{event}"
        )
        if number == 4:
            text += "    same_as: deal-0/e0\n"  # its event is deal-0's
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.fast_paths
def test_a_warm_index_serves_only_the_files_beside_that_can_matter(
    tmp_path: Path, cached: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from armsdeal.index import beside

    folder = tmp_path / "timelines"
    register_like(folder)
    target = folder / "deal-0.yaml"
    first = checked(runner, target, index=True)
    assert first == checked(runner, target, index=False)
    assert "[source-conflict]" in first[1] and "[related-one-way]" in first[1]
    served: list[str] = []
    real = beside._served

    def noted(path: Path, *args: Any) -> Any:
        served.append(path.name)
        return real(path, *args)

    monkeypatch.setattr(beside, "_served", noted)
    assert checked(runner, target, index=True) == first
    # deal-5 cites the URL with a trailing slash, alike: it does not matter either.
    assert served == ["deal-1.yaml", "deal-2.yaml", "deal-3.yaml", "deal-4.yaml"]
    served.clear()
    assert checked(runner, target, index=True, fast=False) == first
    assert len(served) == 11  # with the fast path off, every file beside
    served.clear()
    (folder / "deal-7.yaml").write_text((folder / "deal-3.yaml").read_text().replace("deal-3", "deal-7"))
    assert checked(runner, target, index=True) == checked(runner, target, index=False)  # read: it changed
    checked(runner, target, index=True)
    assert "deal-7.yaml" in served  # and served since: its new citation matters


def added(runner: CliRunner, path: Path, words: list[str], *, index: bool) -> tuple[int, str, str, bytes]:
    """`add` to the file at ``path``: exit code, stdout, stderr and the file after; the file is put back."""
    from armsdeal.cli.app import app

    before = path.read_bytes()
    flags = [] if index else ["--no-cache"]
    result = runner.invoke(app, ["add", str(path), *words, *flags], env={"COLUMNS": "200"}, catch_exceptions=False)
    after = path.read_bytes()
    path.write_bytes(before)
    return result.exit_code, result.stdout, result.stderr, after


@settings(max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(seed=st.integers(0, 10**9))
def test_add_says_and_writes_the_same_with_the_index_after_random_changes(
    tmp_path_factory: pytest.TempPathFactory, cached: Path, seed: int
) -> None:
    """The source add takes over from another file, and the conflicts it would bring, found through the index."""
    runner = CliRunner()
    folder = Varied(tmp_path_factory.mktemp("t") / "timelines", random.Random(seed))
    for number in range(10):
        folder.write(f"deal-{number}")
    rng = folder.rng
    for _ in range(4):
        path = folder.path / f"{rng.choice(folder.names())}.yaml"
        words = ["--date", "2019-05", "--type", "statement", "--title", "A new event"]
        words += ["--source", rng.choice([*URLS, "https://example.org/3"])]
        if rng.random() < 0.5:
            words += ["--publisher", rng.choice(PUBLISHERS), "--source-title", "A report"]
        without = added(runner, path, words, index=False)
        assert added(runner, path, words, index=True) == without, words
        assert added(runner, path, words, index=True) == without, words  # served from the index
        folder.edit()


def test_add_takes_a_source_over_from_a_file_whose_facts_leave_it_out(
    tmp_path: Path, cached: Path, runner: CliRunner
) -> None:
    """A source keyed `0x1:` (1) is not among its file's facts (read with places), but add takes it over."""
    folder = tmp_path / "timelines"
    folder.mkdir()
    event = "events:\n  - id: e0\n    date: 2019\n    type: statement\n    title: An event\n    sources: [s]\n"
    source = "    publisher: Example News\n    title: A report\n    url: https://example.org/{}\n"
    (folder / "deal-0.yaml").write_text(f"id: deal-0\ntitle: A deal\nsources:\n  s:\n{source.format(0)}{event}")
    (folder / "deal-1.yaml").write_text(f"id: deal-1\ntitle: A deal\nsources:\n  0x1:\n{source.format(1)}{event}")
    (folder / "deal-2.yaml").write_text(f"id: deal-2\ntitle: A deal\nsources:\n  s:\n{source.format(0)}{event}")
    words = ["--date", "2019-05", "--type", "statement", "--title", "A new event", "--source", "https://example.org/1"]
    path = folder / "deal-0.yaml"
    without = added(runner, path, words, index=False)
    assert "taken over from" in without[2] and "deal-1.yaml" in without[2]
    assert checked(runner, path, index=True) == checked(runner, path, index=False)  # the index holds deal-1's row
    assert added(runner, path, words, index=True) == without
