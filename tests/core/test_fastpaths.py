"""The register of fast paths (core/fastpaths.py): complete, documented, and each one's switch changes no output.

Every fast path is a twin of a reference path; ARMSDEAL_NO_FAST turns it off. Here: every switch the code
asks for is registered and every registered one is asked for; docs/architecture.md lists each; and for
each fast path turned off alone, the commands that take it write the same bytes as with every one on.
"""

from __future__ import annotations

import ast
import re

import pytest
from conftest import DATA, ROOT, TIMELINES, invoke
from typer.testing import CliRunner

from armsdeal.core import fastpaths
from armsdeal.core.fastpaths import FAST_PATHS, NAMES, enabled

PACKAGE = ROOT / "armsdeal"


def asked_for() -> dict[str, set[str]]:
    """Each name passed to enabled("...") in the package, with the modules that ask."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "enabled"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.setdefault(node.args[0].value, set()).add(str(path.relative_to(PACKAGE)))
    return found


def test_every_switch_asked_for_is_registered_and_every_registered_one_is_asked_for() -> None:
    assert set(asked_for()) == NAMES


def test_each_fast_path_names_where_it_branches_and_a_test_that_exists() -> None:
    asked = asked_for()
    for path in FAST_PATHS:
        modules = {where.split(":")[0].strip() for where in path.where.split(";")}
        assert modules == asked[path.name], path.name
        for test in path.test.split(","):
            assert (ROOT / test.strip().split("::")[0].split(" ")[0]).is_file(), test


ARCHITECTURE = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- fast-paths:begin", "<!-- fast-paths:end -->"


def register_table() -> str:
    """The register as docs/architecture.md shows it."""
    rows = ["| name | where it branches | what it replaces | gain on its measure | the test that holds it equal |"]
    rows.append("|---|---|---|---|---|")
    for path in FAST_PATHS:
        tests = ", ".join(f"`{test.strip()}`" for test in path.test.split(","))
        rows.append(f"| `{path.name}` | `{path.where}` | {path.replaces} | {path.gain} | {tests} |")
    return "\n".join(rows)


def test_docs_architecture_lists_every_fast_path() -> None:
    """The table is the register's; ARMSDEAL_UPDATE_GOLDEN=1 writes it anew."""
    import os

    text = ARCHITECTURE.read_text(encoding="utf-8")
    start = text.index("-->", text.index(BEGIN)) + len("-->")
    end = text.index(END)
    expected = f"{text[:start]}\n{register_table()}\n{text[end:]}"
    if os.environ.get("ARMSDEAL_UPDATE_GOLDEN"):
        ARCHITECTURE.write_text(expected, encoding="utf-8")
        text = expected
    assert text == expected
    assert set(re.findall(r"^\| `([a-z-]+)` \|", text, flags=re.MULTILINE)) == NAMES


@pytest.mark.parametrize(
    ("value", "off"),
    [
        ("", set()),
        ("1", NAMES),
        ("all", NAMES),
        ("grid", {"grid"}),
        ("grid, lines", {"grid", "lines"}),
        ("grid,nonsense", {"grid", "nonsense"}),
    ],
)
def test_the_switch_reads_all_or_a_comma_list(monkeypatch: pytest.MonkeyPatch, value: str, off: set[str]) -> None:
    monkeypatch.setenv("ARMSDEAL_NO_FAST", value)
    assert fastpaths.turned_off() == off
    assert {name for name in NAMES if not enabled(name)} == off & NAMES
    assert fastpaths.unknown() == sorted(off - NAMES)


def test_a_name_the_register_lacks_is_a_bug_not_a_silent_true() -> None:
    with pytest.raises(ValueError, match="not a registered fast path"):
        enabled("gird")


# What each fast path is taken by: commands whose output must not change when it is off.
BIG = str(DATA / "valid")
COMMANDS: list[tuple[str, ...]] = [
    ("show", "turkey-s400", "--width", "100"),
    ("show", "turkey-s400", "--full", "--related", "--width", "90"),
    ("show", "turkey-s400", "contract-announced"),
    ("list",),
    ("check", str(TIMELINES), "--format", "json"),
    ("check", str(DATA / "invalid"), "--format", "json"),
    ("check", str(TIMELINES / "turkey-s400.yaml")),
    *(("export", "turkey-s400", "india-s400", "--format", name) for name in ("markdown", "json", "csv", "mermaid")),
    *(("export", "turkey-s400", "--format", name) for name in ("timelinejs", "svg", "html")),
    ("compare", "turkey-s400", "india-s400"),
    ("diff", str(TIMELINES / "turkey-s400.yaml"), str(TIMELINES / "india-s400.yaml")),
]


def outputs(runner: CliRunner) -> list[tuple[int, str]]:
    return [(result.exit_code, result.output) for result in (invoke(runner, *command) for command in COMMANDS)]


@pytest.fixture(scope="module")
def with_every_fast_path() -> list[tuple[int, str]]:
    runner = CliRunner(env={"NO_COLOR": None, "COLUMNS": "100", "ARMSDEAL_TIMELINES": None, "ARMSDEAL_NO_FAST": ""})
    return outputs(runner)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(NAMES))
def test_turning_one_fast_path_off_changes_no_output(name: str, with_every_fast_path: list[tuple[int, str]]) -> None:
    runner = CliRunner(env={"NO_COLOR": None, "COLUMNS": "100", "ARMSDEAL_TIMELINES": None, "ARMSDEAL_NO_FAST": name})
    assert outputs(runner) == with_every_fast_path


def test_an_unknown_name_in_the_switch_is_a_usage_error(tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "ARMSDEAL_NO_FAST": "grid,gird"}
    result = subprocess.run(
        [sys.executable, "-m", "armsdeal", "list"], capture_output=True, text=True, env=env, check=False, cwd=tmp_path
    )
    assert result.returncode == 2
    assert "ARMSDEAL_NO_FAST names no fast path 'gird'" in result.stderr
    assert "Traceback" not in result.stderr
