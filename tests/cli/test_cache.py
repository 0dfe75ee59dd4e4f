"""The cache of rendered views (cli/cache.py): what its key holds, hits before Typer, atomic and bounded entries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from armsdeal.cli import cache
from armsdeal.core import collection

# Tests of the fast paths themselves: run with them on (tests/conftest.py).
pytestmark = pytest.mark.fast_paths

BASE: dict[str, Any] = {
    "argv": ["show", "turkey-s400"],
    "environ": {"COLUMNS": "100", "TERM": "xterm-256color"},
    "terminals": (True, True, True),
    "size": (100, 40),
    "encoding": "utf-8",
    "today": date(2026, 11, 30),
    "version": "1.0",
}


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A working folder with ./timelines, and a bundled folder, each with one timeline."""
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    (bundled / "a.yaml").write_text("id: a\n")
    work = tmp_path / "work"
    (work / "timelines").mkdir(parents=True)
    (work / "timelines" / "b.yaml").write_text("id: b\n")
    monkeypatch.setattr(collection, "bundled_dir", lambda: bundled)
    return work, bundled


def key_of(work: Path, **changes: Any) -> str | None:
    arguments = {**BASE, **changes}
    argv, environ = arguments.pop("argv"), arguments.pop("environ")
    return cache.key(argv, environ, cwd=str(work), **arguments)


def test_each_component_of_the_key_changes_it(folders: tuple[Path, Path]) -> None:
    work, bundled = folders
    reference = key_of(work)
    assert reference is not None and reference == key_of(work)  # the same run, the same key
    changed = {
        "version": key_of(work, version="1.1"),
        "arguments": key_of(work, argv=["show", "turkey-s400", "--full"]),
        "command": key_of(work, argv=["list"]),
        "today": key_of(work, today=date(2026, 12, 1)),
        "terminal size": key_of(work, size=(120, 40)),
        "no terminal size": key_of(work, size=None),
        "stdout piped": key_of(work, terminals=(True, False, True)),
        "stdin piped": key_of(work, terminals=(False, True, True)),
        "encoding": key_of(work, encoding="ascii"),
        "working folder": key_of(work.parent),
    }
    for name, value in [
        ("COLUMNS", "80"),
        ("LINES", "20"),
        ("TERM", "dumb"),
        ("COLORTERM", "truecolor"),
        ("NO_COLOR", "1"),
        ("FORCE_COLOR", "1"),
        ("PAGER", "more"),
        ("ARMSDEAL_PAGER", "less"),
        ("LESS", "R"),
        ("ARMSDEAL_TIMELINES", "elsewhere"),
    ]:
        changed[name] = key_of(work, environ={**BASE["environ"], name: value})
    (bundled / "c.yaml").write_text("id: c\n")
    changed["a new bundled timeline"] = key_of(work)
    given = work / "mine.yaml"
    given.write_text("id: mine\n")
    with_file = key_of(work, argv=["show", "mine.yaml"])
    given.write_text("id: mine\ntitle: changed\n")
    changed["a file given as argument"] = key_of(work, argv=["show", "mine.yaml"])
    assert with_file != changed["a file given as argument"]
    keys = list(changed.values())
    assert None not in keys
    assert reference not in keys, [name for name, value in changed.items() if value == reference]
    assert len(set(keys)) == len(keys)


def test_every_timeline_s_stamp_is_in_list_s_key(folders: tuple[Path, Path]) -> None:
    """`list` draws every file: each one's stamp is in its key (show's keeps what it read: TestNarrow)."""
    work, bundled = folders
    changed = {"reference": key_of(work, argv=["list"])}
    (work / "timelines" / "b.yaml").write_text("id: b\ntitle: changed\n")
    changed["a timeline of ./timelines"] = key_of(work, argv=["list"])
    (bundled / "a.yaml").write_text("id: a\ntitle: changed\n")
    changed["a bundled timeline"] = key_of(work, argv=["list"])
    other = work / "other"
    other.mkdir()
    (other / "d.yaml").write_text("id: d\n")
    before = key_of(work, argv=["list", "--timelines", "other"])
    (other / "d.yaml").write_text("id: d\ntitle: changed\n")
    changed["a timeline of --timelines"] = key_of(work, argv=["list", "--timelines", "other"])
    assert before != changed["a timeline of --timelines"]
    keys = list(changed.values())
    assert None not in keys and len(set(keys)) == len(keys)


def test_edited_code_changes_the_version(folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    work, _ = folders
    assert key_of(work, version=None) == key_of(work, version=cache.code_version())
    assert cache.code_version().startswith(cache.__version__)
    assert "cli/cache.py:" in cache.code_version()


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "--no-cache", "turkey-s400"],
        ["show", "--help"],
        ["check", "timelines"],
        ["diff", "a", "b"],
        [],
    ],
)
def test_runs_that_are_not_cached(folders: tuple[Path, Path], argv: list[str]) -> None:
    assert key_of(folders[0], argv=argv) is None


def test_a_fifo_or_a_link_to_nothing_among_the_timelines_is_never_cached(folders: tuple[Path, Path]) -> None:
    """list names such an entry as unreadable (exit 2): a key made without it would serve an older list."""
    work, _ = folders
    assert key_of(work, argv=["list"]) is not None
    os.mkfifo(work / "timelines" / "pipe.yaml")  # never opened by the key: a FIFO would wait for a writer
    assert key_of(work, argv=["list"]) is None
    (work / "timelines" / "pipe.yaml").unlink()
    (work / "timelines" / "gone.yaml").symlink_to(work / "timelines" / "nowhere.yaml")
    assert key_of(work, argv=["list"]) is None
    (work / "timelines" / "folder.yaml").mkdir()  # a folder is neither read nor listed
    (work / "timelines" / "gone.yaml").unlink()
    assert key_of(work, argv=["list"]) is not None


def test_the_variable_turns_the_cache_off(folders: tuple[Path, Path]) -> None:
    assert key_of(folders[0], environ={"ARMSDEAL_NO_CACHE": "1"}) is None


def _run(args: list[str], cache_dir: Path, settle: float | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        + ("" if settle is None else f"from armsdeal.cli import cache\ncache.SETTLE = {settle}\n")
        + f"sys.argv = ['armsdeal', *{args!r}]\n"
        "from armsdeal.cli import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print('imported:', sorted(m for m in ('typer', 'rich', 'pydantic') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    environ = {k: v for k, v in os.environ.items() if k != "ARMSDEAL_NO_CACHE"}
    environ.update({"ARMSDEAL_CACHE_DIR": str(cache_dir), "COLUMNS": "100", "NO_COLOR": "1", **env})
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environ, cwd=ROOT / "tests", timeout=120
    )


@pytest.mark.parametrize(
    "args",
    [
        ["show", "turkey-s400"],
        ["show", "turkey-s400", "--width", "40"],  # two lines an event, folded URLs
        ["list"],
        ["compare", "turkey-s400", "turkey-f35"],
    ],
)
def test_a_repeat_view_is_served_from_the_cache_before_typer_rich_and_pydantic(tmp_path: Path, args: list[str]) -> None:
    miss = _run(args, tmp_path)
    assert miss.returncode == 0, miss.stderr
    assert "imported: ['pydantic', 'rich', 'typer']" in miss.stderr
    assert len(list(tmp_path.glob("*.json"))) == 1
    hit = _run(args, tmp_path)
    assert hit.returncode == 0, hit.stderr
    assert hit.stdout == miss.stdout
    assert "imported: []" in hit.stderr
    assert not list(tmp_path.glob(".tmp-*"))  # written atomically: no temporary file left


def test_no_cache_renders_again_and_stores_nothing(tmp_path: Path) -> None:
    assert _run(["show", "--no-cache", "turkey-s400"], tmp_path).returncode == 0
    assert list(tmp_path.glob("*.json")) == []
    assert _run(["show", "turkey-s400"], tmp_path, ARMSDEAL_NO_CACHE="1").returncode == 0
    assert list(tmp_path.glob("*.json")) == []


def test_a_run_with_problems_or_messages_is_not_stored(tmp_path: Path) -> None:
    assert _run(["show", "no-such-timeline"], tmp_path).returncode == 2
    assert list(tmp_path.glob("*.json")) == []


def test_an_entry_of_another_version_is_not_read(tmp_path: Path) -> None:
    miss = _run(["show", "turkey-s400"], tmp_path)
    (entry,) = tmp_path.glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps({**data, "version": "0.0.0", "text": "stale\n"}), encoding="utf-8")
    again = _run(["show", "turkey-s400"], tmp_path)
    assert again.stdout == miss.stdout
    assert "'typer'" in again.stderr  # rendered again


def _store(folder: Path, key: str, text: str) -> None:
    cache._recording = cache.Recording(key, folder)
    cache.record(text)
    cache.store(cache.stop())


def test_the_folder_keeps_the_most_recently_used_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    for index, key in enumerate(("first", "second", "third")):
        _store(tmp_path, key, f"view {key}\n")
        os.utime(tmp_path / f"{key}.json", (1000 + index, 1000 + index))
    _store(tmp_path, "fourth", "view fourth\n")
    assert sorted(path.stem for path in tmp_path.glob("*.json")) == ["fourth", "third"]


def test_the_folder_is_bounded_in_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_BYTES", 3000)
    for index in range(5):
        _store(tmp_path, f"k{index}", "x" * 1000)
        os.utime(tmp_path / f"k{index}.json", (1000 + index, 1000 + index))
    assert sum(path.stat().st_size for path in tmp_path.glob("*.json")) <= 3000
    assert (tmp_path / "k4.json").exists()


def test_a_spoiled_or_twice_written_run_is_not_stored(tmp_path: Path) -> None:
    cache._recording = cache.Recording("spoiled", tmp_path)
    cache.record("text\n")
    cache.spoil()
    cache.store(cache.stop())
    cache._recording = cache.Recording("twice", tmp_path)
    cache.record("one\n")
    cache.record("two\n")
    cache.store(cache.stop())
    assert list(tmp_path.glob("*.json")) == []


def test_a_hit_still_pages_long_output_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from armsdeal.cli import pager

    text = "line\n" * 50
    monkeypatch.setenv("ARMSDEAL_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ARMSDEAL_NO_CACHE", raising=False)
    monkeypatch.setenv("PAGER", "my-pager")
    monkeypatch.delenv("ARMSDEAL_PAGER", raising=False)
    monkeypatch.setattr(cache, "this_run", lambda argv: "k")
    _store(tmp_path, "k", text)
    (tmp_path / "k.json").write_text(json.dumps({"version": cache.__version__, "text": text, "height": 20}))
    paged: list[tuple[str, str]] = []
    monkeypatch.setattr(pager, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(pager, "run_pager", lambda command, shown: paged.append((command, shown)) or True)
    assert cache.serve(["show", "x"])
    assert paged == [("my-pager", text)]
    paged.clear()
    assert cache.serve(["show", "x", "--no-pager"])
    assert paged == []


class TestStale:
    """Issue 27, defect 6: the key covers every input, and nothing damaged, stale or not a file is served."""

    @pytest.mark.parametrize("name", ["T.YAML", "t.Yml", "t.txt"])
    def test_a_file_argument_of_any_suffix_is_in_the_key(self, folders: tuple[Path, Path], name: str) -> None:
        work, _ = folders
        (work / name).write_text("id: t\n")
        before = key_of(work, argv=["show", name])
        (work / name).write_text("id: t\ntitle: changed\n")
        assert key_of(work, argv=["show", name]) != before

    def test_the_key_reads_no_file_and_changes_with_any_write(
        self, folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Issue 33: the files' stamps, not their bytes (a hit at 30,000 files read every file)."""
        work, _ = folders
        timeline = work / "timelines" / "b.yaml"
        before = key_of(work, argv=["list"])
        timeline.write_bytes(timeline.read_bytes())  # the same bytes, written again
        os.utime(timeline, ns=(10**9, 10**9))  # at another time (a clock tick may be coarser than the test)
        with monkeypatch.context() as patched:
            patched.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
            patched.setattr(Path, "open", lambda self, *args, **kwargs: pytest.fail(f"{self} was opened"))
            after = key_of(work, argv=["list"])
        assert after is not None and after != before

    def test_every_timelines_option_is_in_the_key(self, folders: tuple[Path, Path]) -> None:
        work, _ = folders
        for folder in ("one", "two"):
            (work / folder).mkdir()
            (work / folder / "c.yaml").write_text(f"id: c\ntitle: {folder}\n")
        argv = ["list", "--timelines", "one", "--timelines", "two"]
        before = key_of(work, argv=argv)
        (work / "two" / "c.yaml").write_text("id: c\ntitle: edited\n")
        assert key_of(work, argv=argv) != before

    def test_a_run_during_which_a_file_changed_is_not_stored(
        self, folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        work, _ = folders
        monkeypatch.chdir(work)
        monkeypatch.delenv("ARMSDEAL_NO_CACHE")
        argv = ["show", "b"]
        run_key = cache.this_run(argv)
        assert run_key is not None
        recording = cache.Recording(run_key, tmp_path / "cache", argv)
        (work / "timelines" / "b.yaml").write_text("id: b\ntitle: edited during the run\n")
        recording.text = "the view of the edited file\n"
        cache.store(recording)
        assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").glob("*.json"))

    @pytest.mark.parametrize("change", ["none", "edit-and-undo", "add-and-remove"])
    def test_a_change_made_and_undone_during_the_run_is_not_stored(
        self, folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
    ) -> None:
        """The content is back as it was, so the key is too; the time stamps say what happened meanwhile."""
        work, _ = folders
        monkeypatch.chdir(work)
        monkeypatch.delenv("ARMSDEAL_NO_CACHE")
        monkeypatch.setattr(cache, "SETTLE", 0.05)  # the fixture's files are older than that by then
        timeline = work / "timelines" / "b.yaml"
        time.sleep(0.2)
        argv = ["show", "b"]
        recording = cache.Recording(cache.this_run(argv) or "", tmp_path / "cache", argv)
        time.sleep(0.2)
        if change == "edit-and-undo":
            original = timeline.read_bytes()
            timeline.write_text("id: b\ntitle: edited during the run\n")
            timeline.write_bytes(original)
        elif change == "add-and-remove":
            (work / "timelines" / "c.yaml").write_text("id: c\n")
            (work / "timelines" / "c.yaml").unlink()
        recording.text = "the view the command rendered\n"
        cache.store(recording)
        stored = list((tmp_path / "cache").glob("*.json")) if (tmp_path / "cache").exists() else []
        assert len(stored) == (1 if change == "none" else 0)

    @pytest.mark.parametrize(
        "entry",
        [{"text": "stale\n"}, {"text": "stale\n", "height": "40"}, {"text": 3, "height": 1}, [1, 2], "text"],
    )
    def test_a_damaged_or_foreign_entry_is_rendered_again_and_replaced(self, tmp_path: Path, entry: Any) -> None:
        miss = _run(["show", "turkey-s400"], tmp_path)
        (path,) = tmp_path.glob("*.json")
        path.write_text(json.dumps({"version": _version(path), **entry} if isinstance(entry, dict) else entry))
        again = _run(["show", "turkey-s400"], tmp_path)
        assert again.returncode == 0, again.stderr
        assert again.stdout == miss.stdout and "'typer'" in again.stderr
        assert json.loads(path.read_text())["height"] is None or isinstance(json.loads(path.read_text())["height"], int)

    def test_a_fifo_in_the_cache_folder_is_never_opened(self, tmp_path: Path) -> None:
        miss = _run(["show", "turkey-s400"], tmp_path)
        (path,) = tmp_path.glob("*.json")
        path.unlink()
        os.mkfifo(path)
        again = _run(["show", "turkey-s400"], tmp_path)  # would wait for a writer for ever (timeout 120 s)
        assert again.returncode == 0 and again.stdout == miss.stdout


def _version(path: Path) -> str:
    return str(json.loads(path.read_text())["version"])


class TestNarrow:
    """Issue 33: a key of `show` stamps its folders, and the entry what the run read (fast path narrow-key).

    At 30,000 files, stamping every file made a hit slower than a miss. Every case below must give
    what `--no-cache` gives, and a change to a file the view did not read must not cost a miss.
    """

    @pytest.fixture
    def mine(self, tmp_path: Path) -> Path:
        folder = tmp_path / "mine"
        folder.mkdir()
        for path in (ROOT / "timelines").glob("*.yaml"):
            (folder / path.name).write_bytes(path.read_bytes())
        return folder

    def _show(self, mine: Path, cache_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
        # Files written just before a run count as written during it (cache.SETTLE): not here, where
        # each edit is made before the run it is meant for starts.
        return _run(["show", "turkey-s400", "--no-pager", "--timelines", str(mine), *extra], cache_dir, settle=0)

    def _fresh(self, mine: Path, cache_dir: Path) -> str:
        drawn = self._show(mine, cache_dir, "--no-cache")
        assert drawn.returncode == 0, drawn.stderr
        return drawn.stdout

    def test_the_entry_keeps_the_stamps_of_the_files_read(self, mine: Path, tmp_path: Path) -> None:
        cache_dir = tmp_path / "cache"
        assert self._show(mine, cache_dir).returncode == 0
        (entry,) = cache_dir.glob("*.json")
        kept = {Path(name).name for name, *_ in json.loads(entry.read_text())["read"]}
        assert "turkey-s400.yaml" in kept and kept <= {path.name for path in mine.iterdir()}

    def test_an_edit_of_a_file_read_is_drawn_again(self, mine: Path, tmp_path: Path) -> None:
        cache_dir = tmp_path / "cache"
        for name in ("turkey-s400.yaml", *self._related_read(mine, cache_dir)):
            self._show(mine, cache_dir)
            text = (mine / name).read_text(encoding="utf-8")
            (mine / name).write_text(text.replace("title: ", "title: Edited ", 1), encoding="utf-8")
            again = self._show(mine, cache_dir)
            assert again.returncode == 0 and "'typer'" in again.stderr, name  # drawn, not served
            assert again.stdout == self._fresh(mine, cache_dir), name

    def _related_read(self, mine: Path, cache_dir: Path) -> list[str]:
        self._show(mine, cache_dir)
        (entry,) = cache_dir.glob("*.json")
        names = [Path(name).name for name, *_ in json.loads(entry.read_text())["read"]]
        return [name for name in names if name != "turkey-s400.yaml"]

    def test_an_edit_of_a_file_not_read_is_still_a_hit(self, mine: Path, tmp_path: Path) -> None:
        cache_dir = tmp_path / "cache"
        first = self._show(mine, cache_dir)
        read = {"turkey-s400.yaml", *self._related_read(mine, cache_dir)}
        (mine / "unrelated.yaml").write_text("id: unrelated\n", encoding="utf-8")  # the folder changes: a miss
        assert self._show(mine, cache_dir).stdout == first.stdout
        untouched = [path for path in mine.iterdir() if path.name not in read]
        untouched[0].write_text("id: edited\n", encoding="utf-8")
        hit = self._show(mine, cache_dir)
        assert hit.stdout == first.stdout and "imported: []" in hit.stderr

    def test_a_file_removed_or_made_finds_the_other_timeline(self, mine: Path, tmp_path: Path) -> None:
        """Without the folder's copy, the bundled turkey-s400 is shown; with it back, the folder's again."""
        cache_dir = tmp_path / "cache"
        text = (mine / "turkey-s400.yaml").read_text(encoding="utf-8")
        (mine / "turkey-s400.yaml").write_text(text.replace("title: ", "title: Mine ", 1), encoding="utf-8")
        self._show(mine, cache_dir)
        (mine / "turkey-s400.yaml").rename(tmp_path / "away.yaml")
        assert self._show(mine, cache_dir).stdout == self._fresh(mine, cache_dir)
        (tmp_path / "away.yaml").rename(mine / "turkey-s400.yaml")
        assert "Mine " in self._show(mine, cache_dir).stdout

    def test_a_link_whose_target_is_replaced_is_drawn_again(self, mine: Path, tmp_path: Path) -> None:
        """The target replaced by an atomic write elsewhere: the folder of the link does not change."""
        cache_dir = tmp_path / "cache"
        outside = tmp_path / "outside"
        outside.mkdir()
        (mine / "turkey-s400.yaml").rename(outside / "turkey-s400.yaml")
        (mine / "turkey-s400.yaml").symlink_to(outside / "turkey-s400.yaml")
        before = self._show(mine, cache_dir)
        assert before.returncode == 0, before.stderr
        text = (outside / "turkey-s400.yaml").read_text(encoding="utf-8")
        (outside / "new.tmp").write_text(text.replace("title: ", "title: Linked ", 1), encoding="utf-8")
        (outside / "new.tmp").replace(outside / "turkey-s400.yaml")
        after = self._show(mine, cache_dir)
        assert after.stdout == self._fresh(mine, cache_dir) and "Linked " in after.stdout

    def test_without_the_fast_path_every_file_is_in_the_key(self, mine: Path, tmp_path: Path) -> None:
        work = tmp_path
        argv = ["show", "turkey-s400", "--timelines", str(mine)]
        with pytest.MonkeyPatch.context() as patched:
            patched.setenv("ARMSDEAL_NO_FAST", "narrow-key")
            before = key_of(work, argv=argv)
            (mine / "india-s400.yaml").write_text("id: india-s400\n", encoding="utf-8")
            assert key_of(work, argv=argv) != before
