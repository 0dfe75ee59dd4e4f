"""The collection index as the commands use it (cli/index.py): the same output with it and without it.

list, search and export --all run on generated collections, after random edits, renames, deletions,
a file replaced by a symlink and a clock set back, once through the index and once with
ARMSDEAL_NO_CACHE; stdout, stderr and the exit code must be the same. A damaged, locked or foreign
index changes nothing either. `cache info|clear` show and delete it.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import random_timeline
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from armsdeal.cli import index as cli_index
from armsdeal.core import collection
from armsdeal.index import sync

COMMANDS = (["list", "--width", "200"], ["search", "rafale"], ["search", "SS"], ["export", "--all", "--format", "json"])


@pytest.fixture
def cached(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache folder of its own, the index on, no bundled timelines, files stored however recent."""
    yield from own_cache(tmp_path_factory)


def own_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The ``cached`` fixture's work (tests/cli/test_index_check.py has the fixture too)."""
    patch = pytest.MonkeyPatch()
    root = tmp_path_factory.mktemp("cache")
    bundled = root / "bundled"
    bundled.mkdir()
    patch.setenv("ARMSDEAL_CACHE_DIR", str(root / "cache"))
    patch.setenv("XDG_STATE_HOME", str(root / "state"))
    patch.delenv("ARMSDEAL_NO_CACHE", raising=False)
    patch.setattr(collection, "bundled_dir", lambda: bundled)
    patch.setattr(sync, "RACY_NS", -(10**18))
    yield root / "cache"
    patch.undo()


class Folder:
    """A folder of generated timelines, each write given a stamp of its own (a new mtime, set by hand)."""

    timeline = staticmethod(random_timeline)

    def __init__(self, path: Path, rng: random.Random) -> None:
        self.path, self.rng, self.clock = path, rng, 1_600_000_000 * 10**9
        path.mkdir(parents=True, exist_ok=True)

    def write(self, name: str, *, invalid: bool = False, backwards: bool = False) -> None:
        target = self.path / f"{name}.yaml"
        target.unlink(missing_ok=True)  # a symlink is replaced, not written through
        target.write_text(self.timeline(name, self.rng, invalid=invalid), encoding="utf-8")
        self.clock += 10**9
        when = self.clock - 10**12 if backwards else self.clock  # a clock set back: mtime goes back
        import os

        os.utime(target, ns=(when, when))

    def names(self) -> list[str]:
        return sorted(path.stem for path in self.path.glob("*.yaml"))

    def edit(self) -> None:
        """One random change: an edit, a new file, an invalid file, a rename, a deletion, a symlink, a skewed clock."""
        names = self.names()
        choice = self.rng.choice(
            ["edit", "new", "invalid", "rename", "delete", "symlink", "skew"] if names else ["new"]
        )
        name = self.rng.choice(names) if names else f"deal-{self.rng.randint(0, 99)}"
        if choice in ("edit", "invalid", "skew"):
            self.write(name, invalid=choice == "invalid", backwards=choice == "skew")
        elif choice == "new":
            self.write(f"deal-{self.rng.randint(0, 99)}")
        elif choice == "rename":  # renamed as is: its id no longer is its name (invalid), unless written again
            new = f"deal-{self.rng.randint(100, 199)}"
            (self.path / f"{name}.yaml").rename(self.path / f"{new}.yaml")
            if self.rng.random() < 0.5:
                self.write(new)
        elif choice == "delete":
            (self.path / f"{name}.yaml").unlink()
        else:
            outside = self.path.parent / f"elsewhere-{self.rng.randint(0, 10**9)}"
            outside.mkdir()
            type(self)(outside, self.rng).write(name)
            (self.path / f"{name}.yaml").unlink()
            (self.path / f"{name}.yaml").symlink_to(outside / f"{name}.yaml")


def run(runner: CliRunner, folder: Path, words: list[str], *, index: bool) -> tuple[int, str, str]:
    from armsdeal.cli.app import app

    env = {} if index else {"ARMSDEAL_NO_CACHE": "1"}
    result = runner.invoke(app, [*words, "--timelines", str(folder)], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def listed(tmp_path: Path, runner: CliRunner, seed: int, count: int = 3) -> Folder:
    """A folder of ``count`` generated timelines, listed once through the index (which then holds them)."""
    folder = Folder(tmp_path / "timelines", random.Random(seed))
    for number in range(count):
        folder.write(f"deal-{number}")
    assert run(runner, folder.path, ["list"], index=True)[0] == 0
    return folder


def same_with_and_without(runner: CliRunner, folder: Path) -> None:
    for words in COMMANDS:
        assert run(runner, folder, words, index=True) == run(runner, folder, words, index=False), words


@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**9))
def test_the_commands_say_the_same_with_the_index_after_random_changes(
    tmp_path_factory: pytest.TempPathFactory, cached: Path, seed: int
) -> None:
    runner = CliRunner()
    folder = Folder(tmp_path_factory.mktemp("t") / "timelines", random.Random(seed))
    for number in range(5):
        folder.write(f"deal-{number}")
    same_with_and_without(runner, folder.path)
    for _ in range(4):
        folder.edit()
        same_with_and_without(runner, folder.path)
    assert list((cached / "index").glob("*.sqlite")), "the index was used"


def test_export_all_writes_the_same_database_with_the_index(tmp_path: Path, cached: Path, runner: CliRunner) -> None:
    folder = Folder(tmp_path / "timelines", random.Random(7))
    for number in range(6):
        folder.write(f"deal-{number}")
    dumps = []
    for index in (True, False, True):  # the second indexed run serves every file from the index
        target = tmp_path / f"{len(dumps)}.db"
        assert run(runner, folder.path, ["export", "--all", "-o", str(target)], index=index)[0] == 0
        dumps.append(list(sqlite3.connect(target).iterdump()))
    assert dumps[0] == dumps[1] == dumps[2]


def indexed_files(cached: Path) -> int:
    (path,) = (cached / "index").glob("*.sqlite")
    return int(sqlite3.connect(path).execute("SELECT count(*) FROM files").fetchone()[0])


def test_a_damaged_index_is_built_again(tmp_path: Path, cached: Path, runner: CliRunner) -> None:
    folder = Folder(tmp_path / "timelines", random.Random(8))
    for number in range(3):
        folder.write(f"deal-{number}")
    expected = run(runner, folder.path, ["list"], index=False)
    assert run(runner, folder.path, ["list"], index=True) == expected
    (path,) = (cached / "index").glob("*.sqlite")
    for side in cached.joinpath("index").glob("*-*"):
        side.unlink()
    path.write_bytes(b"not a database" * 100)
    assert run(runner, folder.path, ["list"], index=True) == expected
    assert indexed_files(cached) == 3


def test_a_locked_index_is_passed_by(
    tmp_path: Path, cached: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = listed(tmp_path, runner, 9)
    folder.write("deal-0")
    monkeypatch.setattr(cli_index, "BUSY_SECONDS", 0.05)
    (path,) = (cached / "index").glob("*.sqlite")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert run(runner, folder.path, ["list"], index=True) == run(runner, folder.path, ["list"], index=False)
    finally:
        holder.rollback()
        holder.close()


def test_an_index_of_another_version_is_built_again(
    tmp_path: Path, cached: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = listed(tmp_path, runner, 10)
    read: list[Path] = []
    real = sync.load_many
    monkeypatch.setattr(sync, "load_many", lambda files: read.extend(files) or real(files))
    run(runner, folder.path, ["list"], index=True)
    assert read == []  # served from the index
    monkeypatch.setattr(cli_index, "_code", lambda: "another version")
    run(runner, folder.path, ["list"], index=True)
    assert len(read) == 3


def test_cache_info_and_clear(tmp_path: Path, cached: Path, runner: CliRunner) -> None:
    from conftest import invoke

    folder = Folder(tmp_path / "timelines", random.Random(11))
    folder.write("deal-0")
    run(runner, folder.path, ["list"], index=True)
    info = invoke(runner, "cache", "info")
    assert info.exit_code == 0
    assert f"{folder.path.resolve()}: 1 file(s)" in info.stdout
    assert "collection indexes: 1" in info.stdout  # the bundled folder is empty: no index
    cleared = invoke(runner, "cache", "clear")
    assert cleared.exit_code == 0 and "1 collection index(es)" in cleared.stderr
    assert not list((cached / "index").iterdir())
    assert "collection indexes: 0" in invoke(runner, "cache", "info").stdout


def test_cache_info_says_when_the_cache_folder_is_a_file(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import invoke

    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ARMSDEAL_CACHE_DIR", str(tmp_path / "a-file"))
    info = invoke(runner, "cache", "info")
    assert info.exit_code == 0
    assert "the cache folder is not a folder: nothing can be cached" in info.stdout


def test_no_cache_leaves_no_index(tmp_path: Path, cached: Path, runner: CliRunner) -> None:
    folder = Folder(tmp_path / "timelines", random.Random(12))
    folder.write("deal-0")
    run(runner, folder.path, ["list", "--no-cache"], index=True)
    run(runner, folder.path, ["search", "x", "--no-cache"], index=True)
    run(runner, folder.path, ["list"], index=False)
    assert not (cached / "index").exists()


@pytest.mark.slow
def test_concurrent_runs_build_and_read_one_index(tmp_path: Path) -> None:
    """Processes building the same index at once, then reading it while one file changes, all say the same."""
    import os
    import subprocess
    import sys
    import time

    folder = Folder(tmp_path / "timelines", random.Random(13))
    for number in range(30):
        folder.write(f"deal-{number}")
    time.sleep(2.1)  # older than the racy window: stored
    env = {**os.environ, "ARMSDEAL_CACHE_DIR": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state")}
    env["COLUMNS"] = "200"
    env.pop("ARMSDEAL_NO_CACHE", None)
    words = [["list"], ["search", "rafale"], ["export", "--all", "--format", "csv"]] * 2

    def together(environment: dict[str, str]) -> list[tuple[int, str, str]]:
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "armsdeal", *command, "--timelines", str(folder.path)],
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for command in words
        ]
        outputs = [process.communicate() for process in processes]  # read as they run: no pipe fills
        return [(process.returncode, *output) for process, output in zip(processes, outputs, strict=True)]

    for _ in range(2):
        assert together(env) == together({**env, "ARMSDEAL_NO_CACHE": "1"})
        folder.write("deal-3")
    counts = [
        sqlite3.connect(index).execute("SELECT count(*) FROM files").fetchone()[0]
        for index in (tmp_path / "cache" / "index").glob("*.sqlite")  # the folder's and the bundled one's
    ]
    assert max(counts) >= 29


def test_an_index_found_damaged_once_open_is_deleted_and_built_again(
    tmp_path: Path, cached: Path, runner: CliRunner
) -> None:
    folder = listed(tmp_path, runner, 14, count=40)
    (path,) = (cached / "index").glob("*.sqlite")
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[30 * page :] = b"\xff" * (len(data) - 30 * page)  # the root pages intact (made first), the rows not
    path.write_bytes(bytes(data))
    expected = run(runner, folder.path, ["list"], index=False)
    assert run(runner, folder.path, ["list"], index=True) == expected
    assert run(runner, folder.path, ["list"], index=True) == expected
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert indexed_files(cached) == 40


class Planted:
    """A pickle that creates a file when it is loaded: what a forged row in a poisoned cache would run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_a_row_the_index_did_not_write_is_never_unpickled(tmp_path: Path, cached: Path, runner: CliRunner) -> None:
    """A cache folder someone else wrote (a poisoned CI cache): its rows run nothing, the output is right."""
    import pickle

    folder = listed(tmp_path, runner, 15)
    marker = tmp_path / "it-ran"
    (path,) = (cached / "index").glob("*.sqlite")
    database = sqlite3.connect(path, isolation_level=None)
    database.execute("UPDATE files SET timeline = ?", (pickle.dumps(Planted(marker)),))
    database.close()
    for words in COMMANDS:
        assert run(runner, folder.path, words, index=True) == run(runner, folder.path, words, index=False), words
    assert not marker.exists()


def test_a_row_moved_to_another_file_is_not_served(tmp_path: Path, cached: Path, runner: CliRunner) -> None:
    """Rows this code wrote, swapped between files (with their seals), are read as stale."""
    folder = listed(tmp_path, runner, 16)
    (path,) = (cached / "index").glob("*.sqlite")
    database = sqlite3.connect(path, isolation_level=None)
    moved = ("deal", "listing", "listing_seal", "hits", "hits_seal", "timeline", "seal")
    columns = ", ".join(moved)
    first, second = database.execute(f"SELECT name, {columns} FROM files ORDER BY name LIMIT 2").fetchall()
    swap = "UPDATE files SET {} WHERE name = ?".format(", ".join(f"{column} = ?" for column in moved))
    for here, there in ((first, second), (second, first)):
        database.execute(swap, (*there[1:], here[0]))
    database.close()
    for words in COMMANDS:
        assert run(runner, folder.path, words, index=True) == run(runner, folder.path, words, index=False), words


def test_a_listing_the_index_did_not_write_is_not_listed(tmp_path: Path, cached: Path, runner: CliRunner) -> None:
    """`list` reads each file's row of cells (index/listing.py), never a timeline: a forged row is not shown."""
    import marshal

    folder = listed(tmp_path, runner, 17)
    (path,) = (cached / "index").glob("*.sqlite")
    database = sqlite3.connect(path, isolation_level=None)
    forged = marshal.dumps(("FORGED", "a -> b", "1", "2020", "2020", "delivered"))
    database.execute("UPDATE files SET listing = ?", (forged,))
    database.close()
    listing = run(runner, folder.path, ["list"], index=True)
    assert listing == run(runner, folder.path, ["list"], index=False)
    assert "FORGED" not in listing[1]


@pytest.mark.fast_paths
def test_search_draws_the_indexed_rows_without_unpickling_a_timeline(
    tmp_path: Path, cached: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Warm, `search` reads its events' rows (index/hits.py, fast path "search-index"), and says what it said."""
    folder = listed(tmp_path, runner, 18, count=12)
    words = [["search", word, "--width", str(width)] for word in ("rafale", "SS", "a", "e1") for width in (40, 200)]
    expected = [run(runner, folder.path, command, index=False) for command in words]
    with monkeypatch.context() as patch:
        patch.setenv("ARMSDEAL_NO_FAST", "search-index")
        assert [run(runner, folder.path, command, index=True) for command in words] == expected

    def unpickled(*_: object) -> dict[str, object]:
        raise AssertionError("a timeline was unpickled")

    monkeypatch.setattr(sync, "timelines", unpickled)
    assert [run(runner, folder.path, command, index=True) for command in words] == expected
    assert sum(code == 0 for code, _, _ in expected) >= 4, "most words were found"


@pytest.mark.fast_paths
def test_search_rows_the_index_did_not_write_are_not_shown(tmp_path: Path, cached: Path, runner: CliRunner) -> None:
    """A forged row of `search` (index/hits.py) is stale: the file is read, and nothing forged is shown."""
    import marshal

    folder = listed(tmp_path, runner, 19)
    (path,) = (cached / "index").glob("*.sqlite")
    database = sqlite3.connect(path, isolation_level=None)
    row = ((1, 1, 1), "FORGED", "deal-0", "statement", "rafale SS", "e0", "", (), (), ())
    database.execute("UPDATE files SET hits = ?", (marshal.dumps((row,)),))
    database.close()
    for word in ("rafale", "SS"):
        found = run(runner, folder.path, ["search", word], index=True)
        assert found == run(runner, folder.path, ["search", word], index=False)
        assert "FORGED" not in found[1]


def test_the_key_is_the_users_alone_and_kept_out_of_the_cache_folder(
    tmp_path: Path, cached: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import stat

    folder = listed(tmp_path, runner, 17)
    key = cli_index.key_path()
    assert key.read_bytes() and not key.is_relative_to(cached)
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    expected = run(runner, folder.path, ["list"], index=False)
    key.unlink()
    key.mkdir()  # a key that cannot be read (as any user, root too): the index is bypassed
    assert cli_index.sealing(folder.path) is None
    assert run(runner, folder.path, ["list"], index=True) == expected
    key.rmdir()
    monkeypatch.setenv("XDG_STATE_HOME", str(cached / "state"))  # a state folder inside the cache folder
    assert cli_index.sealing(folder.path) is None
    assert run(runner, folder.path, ["list"], index=True) == expected
