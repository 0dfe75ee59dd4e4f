"""Mutants of the shipped timelines: `check` never raises and every problem it gives is located.

Hypothesis deletes, duplicates and swaps lines, re-indents them, changes
scalars to other types, truncates the bytes (also mid-character) and inserts
unicode and control characters. The number of mutants comes from a settings
profile: HYPOTHESIS_PROFILE=ci (the default, a few hundred) or thorough (many
thousands, for a run before a release).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import TIMELINES, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsdeal.check.rules import RULES
from armsdeal.check.runner import check_paths

pytestmark = pytest.mark.slow

PROFILES = {
    "ci": settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow]),
    "thorough": settings(max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]),
}
PROFILE = PROFILES.get(os.environ.get("HYPOTHESIS_PROFILE", "ci"), PROFILES["ci"])

YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
SHIPPED = {path.stem: path.read_bytes() for path in sorted(TIMELINES.glob("*.yaml"))}

INSERTIONS = [
    "\x00",
    "\x1b",
    "\x07",
    "\t",
    "\r",
    "\x85",
    "\u2028",
    "\u202e",
    "\ufeff",
    "é",
    "😀",
    "\ud7ff",
    ":",
    ": ",
    "-",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!",
    "!!binary ",
    "%",
    "@",
    "`",
    "'",
    '"',
    "#",
    "|",
    ">",
    "?",
    ",",
    "---\n",
    "...\n",
    "  ",
    "\n",
]
SCALARS = [
    "123",
    "-1",
    "1.5e3",
    "true",
    "NO",
    "null",
    "~",
    "[]",
    "{}",
    '""',
    "''",
    "2017-13-45",
    "../..",
    "2019/2018",
    "0x1F",
    ".inf",
    "!!binary AAAA",
    "!!python/object:os.system",
    "&anchor x",
    "*alias",
    "|\n  block",
    "'unterminated",
    "[a, b",
    "{a: 1",
    "é" * 300,
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped timelines, beside which each mutant is written (so related: ids resolve)."""
    target = tmp_path_factory.mktemp("mutants")
    for name in SHIPPED:
        shutil.copy(TIMELINES / f"{name}.yaml", target / f"{name}.yaml")
    return target


@st.composite
def mutants(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SHIPPED)))
    lines = SHIPPED[name].decode("utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        lines = draw(_mutation(lines))
    data = "".join(lines).encode("utf-8", errors="surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]  # may cut a character in half
    return name, data


def _mutation(lines: list[str]) -> st.SearchStrategy[list[str]]:
    if not lines:
        return st.just(["\n"])
    index = st.integers(0, len(lines) - 1)

    def replaced(i: int, line: str) -> list[str]:
        return [*lines[:i], line, *lines[i + 1 :]]

    def delete(i: int) -> list[str]:
        return lines[:i] + lines[i + 1 :]

    def duplicate(i: int) -> list[str]:
        return lines[: i + 1] + lines[i:]

    def swap(pair: tuple[int, int]) -> list[str]:
        i, j = pair
        swapped = list(lines)
        swapped[i], swapped[j] = swapped[j], swapped[i]
        return swapped

    def reindent(args: tuple[int, int]) -> list[str]:
        i, shift = args
        line = lines[i]
        changed = " " * shift + line if shift > 0 else line[min(-shift, len(line) - len(line.lstrip(" "))) :]
        return replaced(i, changed)

    def rescalar(args: tuple[int, str]) -> list[str]:
        i, scalar = args
        key, colon, _ = lines[i].partition(": ")
        changed = f"{key}: {scalar}\n" if colon else f"{lines[i].rstrip()} {scalar}\n"
        return replaced(i, changed)

    def insert(args: tuple[int, int, str]) -> list[str]:
        i, position, text = args
        line = lines[i]
        position = min(position, len(line))
        return replaced(i, line[:position] + text + line[position:])

    return st.one_of(
        index.map(delete),
        index.map(duplicate),
        st.tuples(index, index).map(swap),
        st.tuples(index, st.integers(-4, 4)).map(reindent),
        st.tuples(index, st.sampled_from(SCALARS)).map(rescalar),
        st.tuples(index, st.integers(0, 120), st.sampled_from(INSERTIONS) | st.text(max_size=3)).map(insert),
    )


@PROFILE
@given(mutant=mutants())
def test_check_never_raises_and_locates_every_problem(folder: Path, mutant: tuple[str, bytes]) -> None:
    name, data = mutant
    path = folder / "mutant" / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    run = check_paths([path], today=TODAY)
    assert run.exit_code() in (0, 1)
    # YAML breaks lines at CR, LF, CRLF, NEL, LS and PS; a file that is not UTF-8 is located by its LFs.
    line_count = max(len(YAML_LINE_BREAK.findall(data.decode("utf-8", errors="replace"))), data.count(b"\n")) + 1
    for problem in run.problems:
        assert problem.rule in RULES
        assert problem.path == str(path)
        assert 1 <= problem.line <= line_count + 1, problem
        assert problem.column >= 1, problem
        assert problem.message.strip()
    if data != SHIPPED[name] and run.exit_code() == 0:
        # An accepted mutant must still be a timeline armsdeal can load.
        from armsdeal.check.validate import load_timeline

        assert load_timeline(path).id == name
