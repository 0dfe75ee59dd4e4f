"""The "curating a timeline" walk-through of docs/format.md, docs/commands.md and the README, run as a transcript.

Each `$ armsdeal ...` line runs in one fresh project folder, in order; the
lines below it are what it prints (stdout, then stderr), exactly.
"""

from __future__ import annotations

import re
import shlex
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, invoke

from armsdeal.check.runner import check_paths

WALKTHROUGH = re.compile(r"<!-- walkthrough -->\n```console\n(.*?)```\n<!-- /walkthrough -->", re.DOTALL)


def steps(document: Path) -> list[tuple[str, list[str]]]:
    (block,) = WALKTHROUGH.findall(document.read_text(encoding="utf-8"))
    found: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        else:
            found[-1][1].append(line)
    return found


DOCUMENTS = [ROOT / "docs" / "format.md", ROOT / "docs" / "commands.md", ROOT / "README.md"]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_the_walkthrough_is_what_the_commands_print(runner, document: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for command, expected in steps(document):
        words = shlex.split(command)
        assert words[0] == "armsdeal"
        result = invoke(runner, *words[1:])
        printed = result.stdout.splitlines() + result.stderr.splitlines()
        assert printed == expected, command
    # Where it ends: a valid timeline, in the canonical layout, with the events in date order.
    [path] = (tmp_path / "timelines").iterdir()
    assert check_paths([path], today=date.today()).problems == []


def test_every_document_tells_the_same_walkthrough() -> None:
    first, *others = DOCUMENTS
    for document in others:
        assert steps(document) == steps(first), document.name
