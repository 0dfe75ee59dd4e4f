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

from armsdeal.core.collection import SUFFIXES, suffix_of
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
        # One Path a folder: the rules across files ask each result's folder twice (30,000 files: 0.3 s).
        # A file's path (never ending in a separator) has the parent of any path of the same dirname.
        text = os.path.dirname(self.path)
        found = _FOLDERS.get(text)
        if found is None:
            found = _FOLDERS[text] = Path(self.path).parent
        return found


_FOLDERS: dict[str, Path] = {}


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
        found = _sorted(_walk(path, seen_dirs)) if _is_dir(path) else [(path, None)]
        for target, real in found:
            key = target.path if isinstance(target, FileResult) else real or os.path.realpath(target)
            if key not in seen_files:
                seen_files.add(key)
                targets.append(target)
    return targets


def _sorted(
    walked: Iterator[tuple[Path | FileResult, str | None, tuple[str, ...]]],
) -> list[tuple[Path | FileResult, str | None]]:
    """The walk's files by their path's parts (a folder's files and subfolders' files by name, as sorted Paths)."""
    return [(target, real) for target, real, _ in sorted(walked, key=lambda found: found[2])]


def _walk(top: Path, seen_dirs: set[str]) -> Iterator[tuple[Path | FileResult, str | None, tuple[str, ...]]]:
    """Each timeline file under ``top`` with its real path (None: not known without asking), or a folder's problem.

    Each with the parts of its path below ``top``, to sort by (Path.parts of each would cost more).

    One listing a folder with its entries' types (os.scandir): no system call per file, but for a
    link (30,000 files took 1.1 s with one stat and one realpath each, 0.3 s so).
    """
    # Iterative, and each real folder is visited once: a symlink loop
    # (a/link -> a) or a very deep tree cannot recurse forever.
    stack: list[tuple[Path, tuple[str, ...]]] = [(top, ())]
    while stack:
        directory, below = stack.pop()
        real = os.path.realpath(directory)
        if real in seen_dirs:
            continue
        seen_dirs.add(real)
        try:
            with os.scandir(directory) as listing:
                # The order of sorted(directory.iterdir()): by name (regardless of case on Windows).
                entries = sorted(listing, key=lambda entry: os.path.normcase(entry.name))
        except OSError as error:
            yield unreadable(str(directory), f"cannot list this folder: {error.strerror or error}"), None, below
            continue
        folders = []
        try:
            for number, entry in enumerate(_visible(entries)):
                path = directory / entry.name
                if _is_dir_entry(entry, path, first=number == 0):
                    folders.append((path, (*below, entry.name)))
                elif suffix_of(entry.name) in SUFFIXES:
                    # A dangling link or a FIFO too: check_file reports it. A file that is no link is its
                    # real folder's.
                    real_path = None if entry.is_symlink() else os.path.join(real, entry.name)
                    yield path, real_path, (*below, entry.name)
        except OSError as error:
            # Listable but not enterable (read without execute permission): its names are
            # known, nothing in it can be opened. The folder is the problem; the rest goes on.
            problem = f"cannot open the files in this folder: {error.strerror or error}"
            yield unreadable(str(directory), problem), None, below
            continue
        stack.extend(reversed(folders))


def _visible(entries: list[os.DirEntry[str]]) -> Iterator[os.DirEntry[str]]:
    return (entry for entry in entries if not entry.name.startswith("."))


def _is_dir_entry(entry: os.DirEntry[str], path: Path, *, first: bool) -> bool:
    """``path.is_dir()``, from the listing's type where that says the same.

    A link is followed by pathlib (a loop of links is no folder); the first entry is asked of the
    system too, so that a folder that can be listed but not entered fails here as with pathlib.
    """
    if first or entry.is_symlink():
        return path.is_dir()
    return entry.is_dir()


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False  # not enterable: checked as a file, which reports why


def unreadable(path: str, message: str) -> FileResult:
    return FileResult(path, (Problem(path, 1, 1, "file-unreadable", message, located=False),), readable=False)
