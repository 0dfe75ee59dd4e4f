"""No block of armsdeal/ or benchmarks/ is graded D or worse by radon (issue 25).

Radon's cyclomatic complexity grades A (1-5), B (6-10), C (11-20), D (21-30), E (31-40), F. A block
graded D is split along what it does. Ruff's C90 (pyproject.toml) holds a looser limit, so that
the editor warns early; this test is the stricter measure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from radon.complexity import cc_rank, cc_visit, sorted_results

TREES = ("armsdeal", "benchmarks")
MODULES = sorted(path for tree in TREES for path in (ROOT / tree).rglob("*.py"))
WORST_GRADE = "C"


def too_complex(source: str, where: str) -> list[str]:
    """The blocks of the source graded worse than WORST_GRADE, each named with its place and grade."""
    found = []
    for block in sorted_results(cc_visit(source)):
        grade = cc_rank(block.complexity)
        if grade > WORST_GRADE:
            found.append(f"{where}:{block.lineno} {block.fullname} is graded {grade} ({block.complexity})")
    return found


def test_every_tree_has_modules() -> None:
    for tree in TREES:
        assert any(path.is_relative_to(ROOT / tree) for path in MODULES), tree


def _function_with_branches(count: int) -> str:
    branches = "".join(f"    if x == {value}:\n        return {value}\n" for value in range(count))
    return f"def choose(x):\n{branches}    return -1\n"


def test_a_block_graded_d_is_named_and_one_graded_c_passes() -> None:
    assert too_complex(_function_with_branches(20), "choose.py") == ["choose.py:1 choose is graded D (21)"]
    assert too_complex(_function_with_branches(19), "choose.py") == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_block_graded_d_or_worse(path: Path) -> None:
    assert too_complex(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))) == []
