"""What check's CI formats (sarif, gitlab, junit) share: paths from the repository root, stable fingerprints.

A CI service shows a finding beside the file it names in the repository, so
paths are written relative to the repository root (the nearest folder above
the working directory holding ``.git``, else the working directory), with
forward slashes. A path outside it stays absolute.

A fingerprint tells a code-scanning service that a finding of this run is the
one it saw before, so it must not change when unrelated lines move: it hashes
the rule, the path and the message with every line and column number (and
today's date) taken out, never the line itself. Two findings that are
otherwise the same are told apart by their order in the file.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from armsdeal.core.problems import Problem

# Places and today's date inside messages: "file.yaml:13:11", "line 4, column 10", "after today (2026-12-07)".
_PLACES = re.compile(r":\d+:\d+\b|\bline \d+, column \d+|\btoday \(\d{4}-\d{2}-\d{2}\)")


@dataclass(frozen=True, slots=True)
class Reported:
    """A problem with what the CI formats add: its path from the repository root and its fingerprint."""

    problem: Problem
    path: str
    fingerprint: str


def findings(problems: Iterable[Problem], root: Path | None = None) -> Iterator[Reported]:
    """Each problem with its repository path and a fingerprint unique within the run."""
    base = repository_root() if root is None else root
    seen: Counter[tuple[str, str, str]] = Counter()
    for problem in problems:
        path = repository_path(problem.path, base)
        key = (problem.rule, path, _PLACES.sub("", problem.message))
        seen[key] += 1
        yield Reported(problem, path, fingerprint(*key, occurrence=seen[key]))


def fingerprint(rule: str, path: str, message: str, *, occurrence: int = 1) -> str:
    """A hex digest of what identifies a finding apart from where its lines stand."""
    text = "\0".join((rule, path, message, str(occurrence)))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def repository_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (the working directory) holding .git, else ``start``."""
    here = Path(os.path.abspath(start or Path.cwd()))
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def repository_path(path: str, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes, or absolute (forward slashes) when outside it."""
    absolute = PurePath(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()
