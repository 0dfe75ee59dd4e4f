"""The collection index on a connection (armsdeal/index/): the export's tables, stamps, versions, search."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest
from conftest import WORDS, random_timeline
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.check.load import load_many
from armsdeal.core.search import matching_events
from armsdeal.export import ExportOptions
from armsdeal.export.sqlite_export import TABLES, export_sqlite
from armsdeal.index import sync
from armsdeal.index.schema import prepare
from armsdeal.index.seal import Seal

SEAL = Seal(b"k" * 32, "/timelines")


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    prepare(connection, "code")
    return connection


def collection(folder: Path, seed: int, count: int = 6) -> list[Path]:
    folder.mkdir(exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        path = folder / f"deal-{number}.yaml"
        path.write_text(random_timeline(path.stem, rng), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written just now are stored (their stamps are made distinct by hand where it matters)."""
    monkeypatch.setattr(sync, "RACY_NS", -(10**18))


def rows(connection: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    return sorted(connection.execute(f"SELECT * FROM [{table}]").fetchall(), key=repr)


def test_the_index_holds_the_rows_of_the_export(tmp_path: Path, trusted: None) -> None:
    paths = collection(tmp_path / "t", seed=1)
    index = connect(tmp_path / "index.sqlite")
    sync.refresh(index, paths, SEAL)
    exported = tmp_path / "export.db"
    exported.touch()
    export_sqlite(load_many(paths).timelines, ExportOptions()).write(exported)
    database = sqlite3.connect(exported)
    for table in TABLES:
        assert rows(index, table.name) == rows(database, table.name), table.name
        columns = [row[1:] for row in index.execute(f"PRAGMA table_info([{table.name}])")]
        assert columns == [row[1:] for row in database.execute(f"PRAGMA table_info([{table.name}])")]


def test_a_file_is_read_again_only_when_its_stamp_changes(
    tmp_path: Path, trusted: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = collection(tmp_path / "t", seed=2)
    index = connect(tmp_path / "index.sqlite")
    read: list[Path] = []
    monkeypatch.setattr(sync, "load_many", lambda files: read.extend(files) or load_many(files))
    sync.refresh(index, paths, SEAL)
    assert read == paths
    read.clear()
    assert set(sync.refresh(index, paths, SEAL).current) == {path.name for path in paths}
    assert read == []
    status = paths[0].stat()
    os.utime(paths[0], ns=(status.st_atime_ns, status.st_mtime_ns - 10**9))  # the clock set back
    paths[1].unlink()
    refreshed = sync.refresh(index, [path for path in paths if path.exists()], SEAL)
    assert read == [paths[0]]
    assert paths[1].name not in refreshed.current
    assert index.execute("SELECT count(*) FROM [deals] WHERE id = 'deal-1'").fetchone() == (0,)
    assert index.execute("SELECT count(*) FROM [files]").fetchone() == (len(paths) - 1,)


def test_a_file_written_just_now_is_read_but_not_stored(tmp_path: Path) -> None:
    paths = collection(tmp_path / "t", seed=3)
    index = connect(tmp_path / "index.sqlite")
    refreshed = sync.refresh(index, paths, SEAL)
    assert set(refreshed.fresh) == set(paths)
    assert index.execute("SELECT count(*) FROM [files]").fetchone() == (0,)


def test_an_index_of_other_code_is_emptied(tmp_path: Path, trusted: None) -> None:
    paths = collection(tmp_path / "t", seed=4)
    index = connect(tmp_path / "index.sqlite")
    sync.refresh(index, paths, SEAL)
    prepare(index, "other code")
    assert index.execute("SELECT count(*) FROM [files]").fetchone() == (0,)
    assert index.execute("SELECT count(*) FROM [events]").fetchone() == (0,)


def test_a_row_of_another_stamp_is_not_served(tmp_path: Path, trusted: None) -> None:
    paths = collection(tmp_path / "t", seed=5)
    index = connect(tmp_path / "index.sqlite")
    current = sync.refresh(index, paths, SEAL).current or sync.refresh(index, paths, SEAL).current
    served = sync.timelines(index, current, SEAL)
    assert set(served) == {path.name for path in paths}
    moved = {name: stamp._replace(size=stamp.size + 1) for name, stamp in current.items()}
    assert sync.timelines(index, moved, SEAL) == {}


@given(seed=st.integers(0, 10**6), needle=st.sampled_from([*WORDS, "a", "ss", "SS", "ﬁ", "fi", "-", '"', "\n"]))
def test_indexed_search_finds_what_search_finds(
    tmp_path_factory: pytest.TempPathFactory, seed: int, needle: str
) -> None:
    folder = tmp_path_factory.mktemp("t")
    paths = collection(folder, seed=seed)
    index = connect(folder / "index.sqlite")
    sync.RACY_NS, racy = -(10**18), sync.RACY_NS
    try:
        sync.refresh(index, paths, SEAL)
    finally:
        sync.RACY_NS = racy
    timelines = load_many(paths).timelines
    expected = {hit.entry.timeline.id for hit in matching_events(timelines, needle)}
    found = sync.mentioning(index, needle)
    assert expected <= found
    # Exact but where a NUL (read as a newline) meets a newline of the text searched.
    nul = {timeline.id for timeline in timelines if "\0" in timeline.model_dump_json().replace("\\u0000", "\0")}
    assert found - expected <= (nul if "\n" in needle or "\0" in needle else set())
