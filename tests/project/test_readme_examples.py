"""Every `$ armsdeal ...` transcript in the README and docs/commands.md is what the command prints today.

Run with ARMSDEAL_UPDATE_GOLDEN=1 to paste the current output back into the
document (then review the change in git diff). Transcripts with a shell comment
(`# after a typo`) or a git revision (`HEAD:`) illustrate a situation that the
repository is not in, so they are skipped.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from conftest import invoke as run_cli

DOCUMENTS = (ROOT / "README.md", ROOT / "docs" / "commands.md")
TRANSCRIPT = re.compile(r"```text\n\$ (armsdeal [^\n]*)\n(.*?)\n?```", re.DOTALL)


def transcripts() -> list[tuple[Path, str, str]]:
    found = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        found += [(document, command, shown) for command, shown in TRANSCRIPT.findall(text) if _reproducible(command)]
    return found


def _reproducible(command: str) -> bool:
    return "#" not in command and "HEAD" not in command and ":" not in command.split(" ", 2)[-1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled timelines as `pip install .` places them: a copy inside the package, not ./timelines."""
    folder = tmp_path_factory.mktemp("site-packages") / "timelines"
    shutil.copytree(ROOT / "timelines", folder)
    return folder


def run(runner, command: str, monkeypatch, installed: Path) -> str:
    monkeypatch.chdir(ROOT)  # ./timelines is the shipped collection
    # What a user sees after the README's `pip install .`: ./timelines first, then the installed copies,
    # which its files replace (list's `yours*`); an editable install has one folder for both.
    from armsdeal.core import collection

    monkeypatch.setattr(collection, "bundled_dir", lambda: installed)
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


@pytest.mark.parametrize(
    ("document", "command", "shown"), transcripts(), ids=[f"{d.name}: {c}" for d, c, _ in transcripts()]
)
def test_transcript_is_real(runner, monkeypatch, installed: Path, document: Path, command: str, shown: str) -> None:
    """The pasted output equals the command's output (trailing spaces aside; "[...]" lines elide)."""
    printed = run(runner, command, monkeypatch, installed)
    if os.environ.get("ARMSDEAL_UPDATE_GOLDEN") and not any(ELISION.match(line) for line in shown.splitlines()):
        text = document.read_text(encoding="utf-8")
        old = f"```text\n$ {command}\n{shown}"
        document.write_text(text.replace(old, f"```text\n$ {command}\n{printed}", 1), encoding="utf-8")
        return
    assert matches(shown, printed), f"{document.name} transcript of `{command}` is out of date:\n{printed}"


def test_both_documents_have_transcripts() -> None:
    """A moved section keeps its transcripts under test: each document has some."""
    assert {document for document, _, _ in transcripts()} == set(DOCUMENTS)
