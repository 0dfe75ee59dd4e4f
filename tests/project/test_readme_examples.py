"""Every `$ armsdeal ...` transcript in the README is what the command prints today.

Run with ARMSDEAL_UPDATE_GOLDEN=1 to paste the current output back into the
README (then review the change in git diff). Transcripts with a shell comment
(`# after a typo`) or a git revision (`HEAD:`) illustrate a situation that the
repository is not in, so they are skipped.
"""

from __future__ import annotations

import os
import re
import shlex

import pytest
from conftest import ROOT
from conftest import invoke as run_cli

README_PATH = ROOT / "README.md"
TRANSCRIPT = re.compile(r"```text\n\$ (armsdeal [^\n]*)\n(.*?)\n?```", re.DOTALL)


def transcripts() -> list[tuple[str, str]]:
    text = README_PATH.read_text(encoding="utf-8")
    return [(command, output) for command, output in TRANSCRIPT.findall(text) if _reproducible(command)]


def _reproducible(command: str) -> bool:
    return "#" not in command and "HEAD" not in command and ":" not in command.split(" ", 2)[-1]


def run(runner, command: str, monkeypatch) -> str:
    monkeypatch.chdir(ROOT)  # ./timelines is the shipped collection
    result = run_cli(runner, *shlex.split(command)[1:])
    return "\n".join(line.rstrip() for line in result.stdout.rstrip("\n").splitlines())


ELISION = re.compile(r"^\[\.\.\..*\]$")  # a line such as "[... sources ...]" stands for any lines


def matches(shown: str, printed: str) -> bool:
    """True if the printed lines are the shown ones, where elision lines match any run of lines."""
    segments: list[list[str]] = [[]]
    for line in shown.rstrip("\n").splitlines():
        if ELISION.match(line):
            segments.append([])
        else:
            segments[-1].append(line.rstrip())
    lines = printed.splitlines()
    if len(segments) == 1:
        return lines == segments[0]
    first, *middle, last = segments
    if lines[: len(first)] != first or (last and lines[-len(last) :] != last):
        return False
    position = len(first)
    for segment in middle:
        position = _find(lines, segment, position)
        if position < 0:
            return False
    return True


def _find(lines: list[str], segment: list[str], start: int) -> int:
    for index in range(start, len(lines) - len(segment) + 1):
        if lines[index : index + len(segment)] == segment:
            return index + len(segment)
    return -1


@pytest.mark.parametrize(("command", "shown"), transcripts(), ids=[c for c, _ in transcripts()])
def test_readme_transcript_is_real(runner, monkeypatch, command: str, shown: str) -> None:
    """The pasted output equals the command's output (trailing spaces aside; "[...]" lines elide)."""
    printed = run(runner, command, monkeypatch)
    if os.environ.get("ARMSDEAL_UPDATE_GOLDEN") and not any(ELISION.match(line) for line in shown.splitlines()):
        text = README_PATH.read_text(encoding="utf-8")
        old = f"```text\n$ {command}\n{shown}"
        README_PATH.write_text(text.replace(old, f"```text\n$ {command}\n{printed}", 1), encoding="utf-8")
        return
    assert matches(shown, printed), f"README transcript of `{command}` is out of date:\n{printed}"
