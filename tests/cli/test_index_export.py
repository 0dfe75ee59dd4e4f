"""`export --all -o x.db` copied out of the collection index (cli/index_rows.py, index/rows.py; fast path index-rows).

The database written from the index's rows must be the one written from the files: every table
row by row (iterdump: the schema, the full-text tables, each row in rowid order), after random
edits, renames, deletions, symlinks and a clock set back, with a bundled folder beside the user's.
That the copy is taken is shown by a run that reads no file; that it is left for the files when
a row is stale, a file invalid, another run rewrote the index, or the index is cleared, by the
same database or the same error as --no-cache.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_index import Folder, own_cache, run
from typer.testing import CliRunner

from armsdeal.cli import export as cli_export
from armsdeal.core import collection
from armsdeal.index import rows

pytestmark = pytest.mark.fast_paths


@pytest.fixture
def cached(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield from own_cache(tmp_path_factory)


def database(target: Path) -> list[str]:
    connection = sqlite3.connect(target)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def exported(runner: CliRunner, folder: Path, target: Path, *, index: bool) -> tuple[int, str, list[str]]:
    """Exit code, stderr and the database (empty if none was written) of `export --all -o target`."""
    target.unlink(missing_ok=True)
    code, _, stderr = run(runner, folder, ["export", "--all", "-o", str(target)], index=index)
    return code, stderr, database(target) if target.exists() else []


def same_database(runner: CliRunner, folder: Path, where: Path) -> None:
    with_index = exported(runner, folder, where / "with.db", index=True)
    without = exported(runner, folder, where / "without.db", index=False)
    assert with_index == without


def files_never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(paths: list[Path]) -> Iterator[object]:
        raise AssertionError("the files were read")
        yield  # pragma: no cover

    monkeypatch.setattr(cli_export, "_each_valid", refused)


def indexed(where: Path, seed: int, count: int) -> tuple[CliRunner, Path, tuple[int, str, list[str]]]:
    """A folder of ``count`` generated timelines in the index, and its export without the index."""
    runner = CliRunner()
    folder = Folder(where / "timelines", random.Random(seed))
    for number in range(count):
        folder.write(f"deal-{number}")
    reference = exported(runner, folder.path, where / "reference.db", index=False)
    assert exported(runner, folder.path, where / "cold.db", index=True) == reference  # builds the index
    return runner, folder.path, reference


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**9))
def test_the_same_database_from_the_index_after_random_changes(
    tmp_path_factory: pytest.TempPathFactory, cached: Path, seed: int
) -> None:
    runner = CliRunner()
    root = tmp_path_factory.mktemp("t")
    folder = Folder(root / "timelines", random.Random(seed))
    bundled = Folder(collection.bundled_dir(), random.Random(seed + 1))  # the fixture's empty bundled folder
    for number in range(6):
        folder.write(f"deal-{number}")
    for number in range(4, 8):  # deal-4 and deal-5 shadowed by the user's
        bundled.write(f"deal-{number}")
    same_database(runner, folder.path, root)
    for _ in range(4):
        folder.edit()
        same_database(runner, folder.path, root)
    for path in bundled.path.iterdir():
        path.unlink()


def test_a_warm_index_writes_the_database_without_reading_a_file(
    tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner, folder, reference = indexed(tmp_path, 3, 5)
    assert reference[0] == 0 and reference[2]
    files_never_read(monkeypatch)
    assert exported(runner, folder, tmp_path / "warm.db", index=True) == reference


def test_an_invalid_file_is_reported_as_without_the_index(tmp_path: Path, cached: Path) -> None:
    runner = CliRunner()
    folder = Folder(tmp_path / "timelines", random.Random(5))
    for number in range(4):
        folder.write(f"deal-{number}")
    assert exported(runner, folder.path, tmp_path / "first.db", index=True)[0] == 0
    folder.write("deal-2", invalid=True)
    result = exported(runner, folder.path, tmp_path / "with.db", index=True)
    assert result == exported(runner, folder.path, tmp_path / "without.db", index=False)
    assert result[0] == 1 and result[2] == []


def test_rows_another_run_rewrote_meanwhile_are_not_copied(
    tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row whose stamp changed between the refresh and the copy: the files are read instead."""
    runner, folder, reference = indexed(tmp_path, 9, 4)
    checked = rows._check

    def rewritten(connection: sqlite3.Connection, schema: str, wanted: rows.Wanted, deals: set[str]) -> list[str]:
        # As another run that read deal-1.yaml changed since: its rows and its stamp replaced.
        connection.execute(f"UPDATE [{schema}].[deals] SET [title] = 'changed since' WHERE [id] = 'deal-1'")
        connection.execute(f"UPDATE [{schema}].[files] SET [size] = [size] + 1 WHERE [name] = 'deal-1.yaml'")
        return checked(connection, schema, wanted, deals)

    monkeypatch.setattr(rows, "_check", rewritten)
    assert exported(runner, folder, tmp_path / "with.db", index=True) == reference


def test_an_index_cleared_meanwhile_sends_the_export_to_the_files(
    tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner, folder, reference = indexed(tmp_path, 11, 3)
    copy = rows.copy

    def cleared(connection: sqlite3.Connection, indexes: list[tuple[str, rows.Wanted]]) -> None:
        for schema, _ in indexes:
            connection.execute(f"DROP TABLE [{schema}].[files]")
        copy(connection, indexes)

    monkeypatch.setattr(rows, "copy", cleared)
    assert exported(runner, folder, tmp_path / "with.db", index=True) == reference


def test_a_previous_databases_own_tables_are_kept(tmp_path: Path, cached: Path) -> None:
    runner = CliRunner()
    folder = Folder(tmp_path / "timelines", random.Random(13))
    for number in range(3):
        folder.write(f"deal-{number}")
    exported(runner, folder.path, tmp_path / "cold.db", index=True)
    dumps = []
    for index, name in ((True, "with.db"), (False, "without.db")):
        target = tmp_path / name
        connection = sqlite3.connect(target)
        connection.execute("CREATE TABLE notes (deal TEXT, note TEXT)")
        connection.execute("INSERT INTO notes VALUES ('deal-1', 'mine')")
        connection.commit()
        connection.close()
        assert run(runner, folder.path, ["export", "--all", "-o", str(target)], index=index)[0] == 0
        dumps.append(database(target))
    assert dumps[0] == dumps[1]
    assert "INSERT INTO \"notes\" VALUES('deal-1','mine');" in dumps[0]
