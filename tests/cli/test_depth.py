"""Deep nesting is a located `too-deep` problem for every command, never an internal RecursionError (issue 27, 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke

from armsdeal.read.stage import parse_bytes
from armsdeal.read.yamlloader import MAX_DEPTH


def nested(levels: int, shape: str) -> str:
    value = "[" * levels + "]" * levels if shape == "list" else "{a: " * levels + "1" + "}" * levels
    return f"id: t\ntitle: T\ndeal: {{supplier: a, recipient: b, system: x}}\nsources: {{}}\nevents:\n  - {value}\n"


@pytest.mark.parametrize("shape", ["list", "mapping"])
@pytest.mark.parametrize(
    "command",
    [
        ("check",),
        ("show",),
        ("export", "--format", "json"),
        ("export", "--format", "html"),
        ("fmt",),
        ("fmt", "--check"),
    ],
)
def test_330_levels_are_a_located_problem(runner, tmp_path: Path, command: tuple[str, ...], shape: str) -> None:
    path = tmp_path / "t.yaml"
    text = nested(330, shape)
    path.write_text(text, encoding="utf-8")
    result = invoke(runner, *command, str(path))
    assert result.exit_code in (1, 2)
    assert "[too-deep]" in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 900])  # libyaml stops at 1,000 itself (yaml-syntax)
def test_the_limit_is_far_below_the_recursion_limit(levels: int) -> None:
    document = parse_bytes(nested(levels, "list").encode(), "t.yaml")
    assert [(p.line, p.column, p.rule) for p in document.problems] == [
        (6, MAX_DEPTH + 3, "too-deep")
    ]  # column 4 + the 49th bracket


def test_a_tagged_file_read_by_the_composed_path_has_the_limit_too() -> None:
    text = "x: !!str a\n" + nested(MAX_DEPTH + 1, "list")
    assert [p.rule for p in parse_bytes(text.encode(), "t.yaml").problems] == ["too-deep"]
