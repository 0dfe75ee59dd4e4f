"""The package layout is the pipeline: each package imports only the ones before it, and only cli acts.

core -> read -> render (what outputs share) -> check -> diff, compare, export -> cli. Lazy imports inside
functions count too: a cycle hidden in a function is still a cycle.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "armsdeal"
TESTS = ROOT / "tests"
# What each package may import. A package found on disk and missing here fails
# test_every_package_has_a_rule, so a new package is placed in the pipeline on purpose.
ALLOWED = {
    "core": {"core"},
    # The reading stage: bytes -> data + places. It knows the format's vocabulary, problems, errors and
    # the fast-path switch (core), and nothing after it: the model and the rules take its data.
    "read": {"core", "read"},
    "check": {"core", "read", "render", "check"},
    "render": {"core", "render"},
    "diff": {"core", "read", "check", "render", "diff"},
    "compare": {"core", "read", "check", "render", "compare"},
    "export": {"core", "read", "check", "render", "export"},
    "importers": {"core", "read", "check", "curate", "importers"},
    "curate": {"core", "read", "check", "curate"},
    "links": {"core", "read", "check", "links"},
    "index": {"core", "read", "check", "render", "export", "index"},
}
# The packages that act (print, write, exit): they may import every other package.
ACTING = {"cli"}
# Test folders that test the repository as a whole rather than one package.
WHOLE = {"project", "data"}
PACKAGES = sorted(path.parent.name for path in PACKAGE.glob("*/__init__.py"))
MODULES = sorted(path for name in ALLOWED for path in (PACKAGE / name).rglob("*.py"))
ALL_MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_package_has_a_rule() -> None:
    assert set(PACKAGES) == set(ALLOWED) | ACTING


def test_the_tests_mirror_the_packages() -> None:
    """tests/<package>/ holds the tests of armsdeal/<package>/: the first file to run for a module is there."""
    folders = {path.name for path in TESTS.iterdir() if path.is_dir() and not path.name.startswith((".", "_"))}
    assert folders - WHOLE == set(PACKAGES)
    stray = sorted(path.name for path in TESTS.glob("test_*.py"))
    assert not stray, f"test files outside a package's folder: {stray}"


def test_the_package_map_names_every_package() -> None:
    """docs/architecture.md's package map has a row for every package, and none for a package gone."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `armsdeal/(\w+)/` \|", page, flags=re.MULTILINE))
    assert rows == set(PACKAGES)


# What the rest of armsdeal may take from the reading stage: its entry points (stage), files, and the
# document and places it hands on. Which parser reads a file (fast, streamed, located's compose) is
# the stage's choice alone.
READ_OPEN = {"stage", "files", "located", "places"}


@pytest.mark.parametrize("path", ALL_MODULES, ids=[str(p.relative_to(PACKAGE)) for p in ALL_MODULES])
def test_only_the_reading_stage_chooses_a_parser(path: Path) -> None:
    if path.is_relative_to(PACKAGE / "read"):
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        modules = [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        for module in modules:
            assert module.split(".")[0] not in ("yaml_rs",), "yaml-rs is read/fast.py's"
            parts = module.split(".")
            if parts[:2] == ["armsdeal", "read"]:
                assert len(parts) > 2 and parts[2] in READ_OPEN, f"{module}: read through armsdeal.read.stage"


def imported_packages(path: Path) -> set[str]:
    """The armsdeal packages a module imports (armsdeal.core.model -> core), anywhere in the module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "armsdeal" and len(parts) > 1 and (PACKAGE / parts[1]).is_dir():
                found.add(parts[1])
    return found


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_a_package_imports_only_those_before_it_in_the_pipeline(path: Path) -> None:
    package = path.relative_to(PACKAGE).parts[0]
    assert imported_packages(path) <= ALLOWED[package]


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_only_the_cli_exits_or_uses_typer(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            assert not any(m and m.split(".")[0] in ("typer", "click") for m in modules), "the CLI's business"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            assert (node.value.id, node.attr) not in {("sys", "exit"), ("os", "_exit"), ("sys", "stdout")}


def test_commands_never_import_each_other() -> None:
    from armsdeal.cli.commands import COMMANDS

    commands = {command.module for command in COMMANDS}  # the rest of cli/ is what commands share
    for path in (PACKAGE / "cli").glob("*.py"):
        if path.stem in commands:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            imported = {
                node.module.rsplit(".", 1)[-1]
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("armsdeal.cli.")
            }
            assert not imported & commands, f"{path.name} imports {imported & commands}"
