"""Hostile and broken input: each gives a located problem and exit code 1 or 2, never a traceback.

Memory is measured with tracemalloc for the inputs meant to exhaust it (alias
bomb, size cap, deep nesting); time is not asserted (see the report in the
README's check section for measurements).
"""

from __future__ import annotations

import os
import re
import tracemalloc
from pathlib import Path

import pytest
from conftest import DATA, TODAY, invoke

from armsdeal.check.runner import check_file, check_paths
from armsdeal.read.files import MAX_FILE_BYTES

MINIMAL = (DATA / "valid" / "minimal.yaml").read_bytes()
LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (error|warning) \[(?P<rule>[a-z0-9-]+)\] .+$")
# A problem with the path itself names no line or column; (1, 1) below, as the JSON format gives it.
UNLOCATED = re.compile(r"^(?P<path>.+): (error|warning) \[(?P<rule>file-unreadable)\] .+$")
MEMORY_BOUND = 64 * 1024 * 1024


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_cli(runner, *paths: str) -> tuple[int, list[tuple[str, int, int, str]]]:
    """Run `armsdeal check`; assert it failed cleanly; return the exit code and (path, line, col, rule)."""
    result = invoke(runner, "check", *paths)
    output = result.stdout + result.stderr
    assert result.exit_code in (1, 2), output
    assert "Traceback" not in output and "internal error" not in output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    found = []
    for line in result.stdout.splitlines():
        match = LOCATED.match(line)
        if match is None and (whole := UNLOCATED.match(line)):
            found.append((whole["path"], 1, 1, whole["rule"]))
            continue
        assert match, f"not a located problem: {line!r}"
        found.append((match["path"], int(match["line"]), int(match["column"]), match["rule"]))
    assert found, "a failing check must say where"
    return result.exit_code, found


def rules_of(found: list[tuple[str, int, int, str]]) -> list[str]:
    return [rule for *_, rule in found]


def peak_memory(path: Path) -> int:
    tracemalloc.start()
    try:
        check_paths([path], today=TODAY)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def write(folder: Path, name: str, data: bytes) -> str:
    (folder / name).write_bytes(data)
    return name


def test_alias_bomb(runner, here: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 12):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    name = write(here, "bomb.yaml", ("\n".join(lines) + "\n").encode())
    code, found = check_cli(runner, name)
    assert (code, found) == (1, [("bomb.yaml", 1, 4, "yaml-alias")])
    assert peak_memory(here / name) < MEMORY_BOUND


def test_file_over_the_size_cap(runner, here: Path) -> None:
    data = MINIMAL + b"summary: " + b"x" * MAX_FILE_BYTES + b"\n"
    name = write(here, "huge.yaml", data)
    assert check_cli(runner, name) == (1, [("huge.yaml", 1, 1, "file-too-large")])
    assert peak_memory(here / name) < MAX_FILE_BYTES + MEMORY_BOUND  # read once, up to the cap


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"a: " + b"[" * 10_000 + b"]" * 10_000, "flow sequences"),
        (b"a: " + b"{a: " * 10_000 + b"}" * 10_000, "flow mappings"),
        (b"- " * 10_000 + b"x\n", "compact block sequences"),
        (b"".join(b" " * depth + b"k:\n" for depth in range(4_000)), "block mappings, as deep as the cap allows"),
    ],
    ids=["flow-seq", "flow-map", "block-seq", "block-map"],
)
def test_deep_nesting(runner, here: Path, data: bytes, where: str) -> None:
    name = write(here, "deep.yaml", data)
    code, found = check_cli(runner, name)
    assert code == 1
    # Past MAX_DEPTH levels, too-deep where the limit is met (issue 27); libyaml's own limit (1,000) is
    # a yaml-syntax problem, for the block sequences whose depth the parser meets before it gives an event.
    assert rules_of(found) in (["too-deep"], ["yaml-syntax"]), where
    assert found[0][1:3] != (1, 1), "located where the nesting becomes too deep"
    assert peak_memory(here / name) < MEMORY_BOUND


def test_ten_thousand_levels_of_indentation_exceed_the_size_cap(runner, here: Path) -> None:
    # Block nesting by indentation needs depth²/2 bytes: 10,000 levels are ~50 MB.
    data = b"".join(b" " * depth + b"k:\n" for depth in range(10_000))
    assert len(data) > MAX_FILE_BYTES
    assert rules_of(check_cli(runner, write(here, "deep.yaml", data))[1]) == ["file-too-large"]


def test_nesting_below_the_parser_limit_is_too_deep_where_it_passes_the_limit(runner, here: Path) -> None:
    data = MINIMAL + b"summary: " + b"[" * 900 + b"]" * 900 + b"\n"
    # The summary's list is level 1: the 50th bracket is the first past MAX_DEPTH (column 10 + 49).
    assert check_cli(runner, write(here, "deep.yaml", data)) == (1, [("deep.yaml", 14, 59, "too-deep")])


def test_nesting_to_the_limit_reaches_the_schema(runner, here: Path) -> None:
    data = MINIMAL + b"summary: " + b"[" * 49 + b"]" * 49 + b"\n"
    assert check_cli(runner, write(here, "deep.yaml", data)) == (1, [("deep.yaml", 14, 10, "wrong-type")])


def test_invalid_utf8(runner, here: Path) -> None:
    name = write(here, "latin1.yaml", MINIMAL.replace(b"A minimal", "Ä minimal".encode("latin-1")))
    assert check_cli(runner, name) == (1, [("latin1.yaml", 2, 8, "encoding")])


def test_byte_order_mark_is_a_warning_and_the_file_is_still_checked(runner, here: Path) -> None:
    name = write(here, "minimal.yaml", b"\xef\xbb\xbf" + MINIMAL)
    result = invoke(runner, "check", name)
    assert result.exit_code == 0
    assert (
        result.stdout == "minimal.yaml:1:1: warning [byte-order-mark] file starts with a byte-order mark; "
        "save it as UTF-8 without BOM\n"
    )
    strict_code, found = check_cli(runner, "--strict", name)
    assert (strict_code, rules_of(found)) == (1, ["byte-order-mark"])


@pytest.mark.parametrize(
    ("data", "where"),
    [(b"id: a\x00b\n", (1, 6)), ("title: é\x00\n".encode(), (1, 9)), (MINIMAL + b"note: \x00", (14, 7))],
)
def test_nul_bytes(runner, here: Path, data: bytes, where: tuple[int, int]) -> None:
    code, found = check_cli(runner, write(here, "nul.yaml", data))
    assert (code, [f[1:] for f in found]) == (1, [(*where, "yaml-syntax")])


@pytest.mark.parametrize(
    ("data", "rules"),
    [
        (b"", ["empty-file"]),
        (b"\n\n", ["empty-file"]),
        (b"# only a comment\n", ["empty-file"]),
        (b"\xef\xbb\xbf", ["byte-order-mark", "empty-file"]),
        (b"---\n", ["not-a-mapping"]),  # one document, and it is null
    ],
)
def test_empty_files(runner, here: Path, data: bytes, rules: list[str]) -> None:
    code, found = check_cli(runner, write(here, "empty.yaml", data))
    assert (code, [f[1:] for f in found]) == (1, [(1, 1, rule) for rule in rules])


@pytest.mark.parametrize("data", [b"- a\n- b\n", b"just text\n", b"42\n", b"true\n", b"null\n", b"[]\n"])
def test_top_level_list_or_scalar(runner, here: Path, data: bytes) -> None:
    assert check_cli(runner, write(here, "top.yaml", data)) == (1, [("top.yaml", 1, 1, "not-a-mapping")])


def test_a_directory_given_where_a_file_is_read(here: Path) -> None:
    (here / "folder.yaml").mkdir()
    result = check_file(Path("folder.yaml"), TODAY)
    assert not result.readable
    assert [(p.line, p.column, p.rule) for p in result.problems] == [(1, 1, "file-unreadable")]
    assert "is a directory" in result.problems[0].message


def test_a_directory_named_like_a_timeline_is_walked_not_read(runner, here: Path) -> None:
    (here / "t" / "folder.yaml").mkdir(parents=True)
    (here / "t" / "folder.yaml" / "inner.yaml").write_bytes(b"[]\n")
    assert check_cli(runner, "t") == (1, [("t/folder.yaml/inner.yaml", 1, 1, "not-a-mapping")])


def test_unreadable_file(runner, here: Path) -> None:
    name = write(here, "secret.yaml", MINIMAL)
    os.chmod(name, 0)
    try:
        if os.access(name, os.R_OK):
            pytest.skip("running as root: permissions do not stop reading (FIFO and dangling links test the same path)")
        code, found = check_cli(runner, name)
        assert (code, found) == (2, [("secret.yaml", 1, 1, "file-unreadable")])
    finally:
        os.chmod(name, 0o644)


def test_dangling_symlink(runner, here: Path) -> None:
    (here / "gone.yaml").symlink_to(here / "nowhere.yaml")
    code, found = check_cli(runner, "gone.yaml")
    assert (code, found) == (2, [("gone.yaml", 1, 1, "file-unreadable")])


def test_fifo_is_refused_without_waiting_for_a_writer(runner, here: Path) -> None:
    os.mkfifo(here / "pipe.yaml")
    assert check_cli(runner, "pipe.yaml") == (2, [("pipe.yaml", 1, 1, "file-unreadable")])


def test_unlistable_folder(runner, here: Path) -> None:
    folder = here / "t" / "locked"
    folder.mkdir(parents=True)
    (here / "t" / "bad.yaml").write_bytes(b"[]\n")
    os.chmod(folder, 0)
    try:
        if os.access(folder, os.R_OK):
            pytest.skip("running as root: permissions do not stop listing")
        code, found = check_cli(runner, "t")
        assert code == 2
        assert ("t/locked", 1, 1, "file-unreadable") in found
        assert ("t/bad.yaml", 1, 1, "not-a-mapping") in found
    finally:
        os.chmod(folder, 0o755)


def test_symlink_loops_in_a_folder(runner, here: Path) -> None:
    folder = here / "t"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "back").symlink_to(folder)
    (folder / "self").symlink_to(folder)
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")  # a loop of links that resolves to nothing
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "bad.yaml").write_bytes(b"[]\n")
    code, found = check_cli(runner, "t")
    assert code == 2
    assert sorted(found) == [("t/bad.yaml", 1, 1, "not-a-mapping"), ("t/loop.yaml", 1, 1, "file-unreadable")]


class TestPermissionsAsRootToo:
    """CI runs as root, where chmod 000 stops nothing: the same refusals, raised by the OS stand-in."""

    def test_unreadable_file(self, runner, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        write(here, "secret.yaml", MINIMAL)
        real_open = Path.open

        def refuse(self: Path, *args, **kwargs):
            if self.name == "secret.yaml":
                raise PermissionError(13, "Permission denied")
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refuse)
        result = invoke(runner, "check", "secret.yaml")
        assert result.exit_code == 2
        assert result.stdout == "secret.yaml: error [file-unreadable] cannot read this file: permission denied\n"

    def test_unlistable_folder(self, runner, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (here / "t" / "locked").mkdir(parents=True)
        (here / "t" / "bad.yaml").write_bytes(b"[]\n")
        real_scandir = os.scandir

        def refuse(path: str | Path = "."):  # the walk lists a folder with os.scandir (check/results.py)
            if Path(path).name == "locked":
                raise PermissionError(13, "Permission denied")
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refuse)
        code, found = check_cli(runner, "t")
        assert code == 2
        assert found == [("t/bad.yaml", 1, 1, "not-a-mapping"), ("t/locked", 1, 1, "file-unreadable")]


class TestUnreadableInYourFolder:
    """A FIFO or a link to nothing among your timelines is named, never passed over (README, Safety)."""

    @pytest.fixture
    def folder(self, here: Path) -> Path:
        folder = here / "mine"
        folder.mkdir()
        (folder / "minimal.yaml").write_bytes(MINIMAL)
        os.mkfifo(folder / "pipe.yaml")
        (folder / "gone.yaml").symlink_to(folder / "nowhere.yaml")
        return folder

    SKIPPED = (
        "armsdeal: skipped mine/gone.yaml: a symbolic link to a file that does not exist",
        "armsdeal: skipped mine/pipe.yaml: not a regular file",
    )

    def test_list_names_them_and_goes_on(self, runner, folder: Path) -> None:
        result = invoke(runner, "list", "--no-cache", "--timelines", "mine")
        assert result.exit_code == 2
        assert tuple(result.stderr.splitlines()) == self.SKIPPED
        assert "minimal" in result.stdout

    def test_search_names_them_and_goes_on(self, runner, folder: Path) -> None:
        result = invoke(runner, "search", "minimal", "--timelines", "mine")
        assert result.exit_code == 2
        assert tuple(result.stderr.splitlines()[:2]) == self.SKIPPED

    def test_show_by_name_says_why_it_cannot_be_read(self, runner, folder: Path) -> None:
        for name, why in (("pipe", "not a regular file"), ("gone", "a symbolic link to a file that does not exist")):
            result = invoke(runner, "show", name, "--no-cache", "--timelines", "mine")
            assert (result.exit_code, result.stdout) == (2, "")
            assert result.stderr == f"armsdeal: mine/{name}.yaml: {why}\n"

    def test_export_all_refuses(self, runner, folder: Path) -> None:
        result = invoke(runner, "export", "--all", "--timelines", "mine")
        assert (result.exit_code, result.stdout) == (2, "")
        assert "gone.yaml" in result.stderr
