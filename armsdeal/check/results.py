"""What `check` finds, without the checking: one file's result, a run's results, and the files to check.

Kept apart from the runner (check/runner.py) so that a command that only needs to
walk folders and report problems in check's voice (`links`) does not import the
model, pydantic and every rule: that import is about 0.1 s of a links run
(python -X importtime).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from armsdeal.core.collection import SUFFIXES
from armsdeal.core.problems import Problem, Severity
from armsdeal.read.places import FIRST, Place

if TYPE_CHECKING:
    from armsdeal.check.facts import TimelineFacts

Location = Place
Related = tuple[str, tuple[Location, ...], int]


@dataclass(frozen=True, slots=True)
class FileResult:
    """One checked path: its problems, and what it says about itself for the cross-file rules.

    ``timeline_id`` and ``related`` come from the raw data, so they are known
    even when the file has errors elsewhere.
    """

    path: str
    problems: tuple[Problem, ...]
    readable: bool = True
    timeline_id: str | None = None
    id_at: Location = FIRST
    # Each related id once: where it is written (at most MAX_PER_RULE + 1 places) and how often.
    related: tuple[Related, ...] = ()
    # What the collection rules compare across files (check/facts.py); None if the file is no mapping.
    facts: TimelineFacts | None = None
    # False for a clean file read by the fast path: its places (id_at, related, facts) are all UNLOCATED,
    # and the file is read again by the located loader if a problem across files needs one.
    located: bool = True

    @property
    def folder(self) -> Path:
        return Path(self.path).parent


@dataclass(frozen=True, slots=True)
class CheckRun:
    """Every checked file with its problems (cross-file ones included), in the order checked."""

    files: tuple[FileResult, ...]
    ignored: frozenset[str] = field(default_factory=frozenset)

    @property
    def problems(self) -> list[Problem]:
        return [problem for result in self.files for problem in result.problems]

    def count(self, severity: Severity) -> int:
        return sum(problem.count for problem in self.problems if problem.severity is severity)

    @property
    def unreadable(self) -> int:
        return sum(1 for result in self.files if not result.readable)

    @property
    def files_with_problems(self) -> int:
        return sum(1 for result in self.files if result.problems)

    def exit_code(self, *, strict: bool = False) -> int:
        """2 if a path could not be read, else 1 for errors (or warnings with strict), else 0."""
        if self.unreadable:
            return 2
        if self.count(Severity.ERROR) or (strict and self.count(Severity.WARNING)):
            return 1
        return 0


OnFile = Callable[[FileResult], None]


def collect_files(paths: Iterable[Path]) -> list[Path | FileResult]:
    """The files to check: folders walked (sorted, hidden folders skipped), each file once.

    A path that is not a folder is checked as a file even if it does not
    exist, so that it is reported rather than skipped; a folder that cannot
    be listed is already a result (file-unreadable).
    """
    targets: list[Path | FileResult] = []
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()
    for path in paths:
        found = sorted(_walk(path, seen_dirs), key=_path_parts) if _is_dir(path) else [path]
        for target in found:
            key = os.path.realpath(target) if isinstance(target, Path) else target.path
            if key not in seen_files:
                seen_files.add(key)
                targets.append(target)
    return targets


def _path_parts(target: Path | FileResult) -> tuple[str, ...]:
    return (target if isinstance(target, Path) else Path(target.path)).parts


def _walk(top: Path, seen_dirs: set[str]) -> Iterator[Path | FileResult]:
    # Iterative, and each real folder is visited once: a symlink loop
    # (a/link -> a) or a very deep tree cannot recurse forever.
    stack = [top]
    while stack:
        directory = stack.pop()
        real = os.path.realpath(directory)
        if real in seen_dirs:
            continue
        seen_dirs.add(real)
        try:
            entries = sorted(directory.iterdir())
        except OSError as error:
            yield unreadable(str(directory), f"cannot list this folder: {error.strerror or error}")
            continue
        folders = []
        try:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    folders.append(entry)
                elif entry.suffix in SUFFIXES:
                    yield entry  # a dangling link or a FIFO too: check_file reports it
        except OSError as error:
            # Listable but not enterable (read without execute permission): its names are
            # known, nothing in it can be opened. The folder is the problem; the rest goes on.
            yield unreadable(str(directory), f"cannot open the files in this folder: {error.strerror or error}")
            continue
        stack.extend(reversed(folders))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False  # not enterable: checked as a file, which reports why


def unreadable(path: str, message: str) -> FileResult:
    return FileResult(path, (Problem(path, 1, 1, "file-unreadable", message, located=False),), readable=False)
