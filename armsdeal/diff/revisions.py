"""The two sides of `armsdeal diff`: timeline names, paths, and versions in git.

An operand is a path to a file, a timeline name, or ``REV:PATH`` read with
``git show REV:PATH`` (PATH as git reads it: from the top of the repository,
or ``./PATH`` from the current folder; ``REV:NAME`` is short for the timeline
NAME in the timelines folder). ``--base REV`` compares every timeline file
that differs between REV and the working tree.

Git runs as a subprocess, in the repository that contains the current folder.
Problems in either side are collected and raised together, so a curator sees
all of them at once.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from armsdeal.check.validate import load_timeline, parse_timeline
from armsdeal.core.collection import BUNDLED, SUFFIXES, Folder, find, locate, same_folder
from armsdeal.core.errors import InputError, InvalidTimeline, UsageError
from armsdeal.core.model import Timeline
from armsdeal.core.problems import Problem
from armsdeal.core.vocabulary import ID_RE
from armsdeal.diff.lenient import read_revision

_NAME = ID_RE


@dataclass(frozen=True, slots=True)
class Version:
    """One side of a comparison: where it comes from, and the timeline (None: it does not exist there)."""

    label: str | None
    timeline: Timeline | None
    failed: str | None = None  # why a revision read leniently did not pass check (diff/lenient.py)


@dataclass(frozen=True, slots=True)
class VersionPair:
    old: Version
    new: Version


@dataclass(frozen=True, slots=True)
class Git:
    """The repository that contains the current folder, driven through the git command."""

    root: Path

    @classmethod
    def here(cls) -> Git:
        output = _run_git(
            ["rev-parse", "--show-toplevel"],
            Path.cwd(),
            failure="not inside a git repository (needed to read REV:PATH or --base REV)",
        )
        return cls(Path(output.decode("utf-8", "surrogateescape").strip()))

    def verify_revision(self, revision: str) -> None:
        if not revision:
            raise UsageError("a revision operand needs a revision before the colon, e.g. HEAD:timelines/x.yaml")
        if revision.startswith("-"):
            raise UsageError(f"'{revision}' is not a revision (a revision cannot start with '-')")
        try:
            self.run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        except InputError:
            raise InputError(f"unknown revision '{revision}' in the git repository {self.root}") from None

    def show(self, revision: str, path: str) -> bytes:
        """The bytes of a file at a (verified) revision; InputError if there is no such file."""
        obj = f"{revision}:{path}"
        kind = self.run("cat-file", "-t", obj).decode().strip()
        if kind != "blob":
            raise InputError(f"'{obj}' is a {'folder' if kind == 'tree' else kind}, not a timeline file")
        return self.run("show", obj)

    def changed_files(self, revision: str, folder: str) -> list[tuple[str, str]]:
        """(status A/D/M, path from the top) of every file under folder that differs from the working tree.

        Untracked files (not ignored) count as added; renames as a removal and an addition.
        """
        diff = self.run(
            "-C", str(self.root), "diff", "--name-status", "-z", "--no-renames", "--no-ext-diff", revision, "--", folder
        )
        fields = [f for f in diff.decode("utf-8", "surrogateescape").split("\0") if f]
        changes = [(status[0], path) for status, path in zip(fields[::2], fields[1::2], strict=True)]
        untracked = self.run("-C", str(self.root), "ls-files", "-z", "--others", "--exclude-standard", "--", folder)
        changes += [("A", path) for path in untracked.decode("utf-8", "surrogateescape").split("\0") if path]
        return sorted(changes, key=lambda change: change[1])

    def relative(self, folder: Path) -> str:
        """A folder's path from the top of the repository, as git writes it."""
        try:
            return PurePosixPath(folder.resolve().relative_to(self.root.resolve())).as_posix()
        except ValueError:
            raise InputError(
                f"the timelines folder {folder} is not inside the git repository {self.root} "
                "(name the folder with --timelines DIR)"
            ) from None

    def run(self, *args: str) -> bytes:
        return _run_git(list(args), Path.cwd())


def _run_git(args: list[str], cwd: Path, *, failure: str | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed (or not on PATH); it is needed to read revisions") from None
    except OSError as error:
        raise InputError(f"cannot run git: {error.strerror or error}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1].removeprefix("fatal: ") if message else f"git {args[0]} failed"
        raise InputError(failure or f"git: {detail}")
    return result.stdout


def require_base(revision: str) -> None:
    """--base REV names a revision: a usage error before git is asked anything."""
    if not revision.strip():
        raise UsageError("--base needs a revision, such as HEAD~1 or origin/main")


def with_repository_folder(folders: list[Folder], *, needs_git: bool) -> list[Folder]:
    """The search path, with the repository's timelines/ first when the user has no folder of their own.

    From a subfolder of a repository there is no ./timelines; git finds the top of the
    repository from anywhere inside it, and so does diff: its timelines/ is the user's
    folder. The bundled timelines are never taken for the folder git compares; without
    a folder in the repository, diff says what to pass (``needs_git``: REV: or --base).
    """
    if folders[0].origin != BUNDLED:
        return folders
    try:
        git = Git.here()
    except InputError:
        if needs_git:
            raise
        return folders
    top = Path(os.path.relpath(git.root / "timelines"))
    if top.is_dir():
        return folders if same_folder(top, folders[0].path) else [Folder(top, "the repository's timelines/"), *folders]
    if needs_git:
        raise UsageError(
            f"no timelines folder here or at the top of the git repository {git.root}: "
            "pass --timelines DIR, the folder in the repository that holds your timelines"
        )
    return folders


# --- OLD NEW ---------------------------------------------------------------------


def compare_operands(old: str, new: str, folders: list[Folder]) -> VersionPair:
    """Load both operands; every problem in either is raised together.

    A NAME is looked up on the search path (the user's folder, then the bundled
    timelines, as `show` does); REV:NAME in the first folder, which git holds.
    """
    first, second = _load_all([_operand_loader(old, folders), _operand_loader(new, folders)])
    return VersionPair(first, second)


def _operand_loader(operand: str, folders: list[Folder]) -> Callable[[], Version]:
    """How to load one operand, decided (and checked) before anything is validated."""
    timelines_dir = folders[0].path
    if Path(operand).is_file() or ":" not in operand:
        path = locate(operand, folders)
        # A file given by path is compared by its id, whatever it is called (old-turkey-s400.yaml).
        by_path = operand.endswith(SUFFIXES)
        return lambda: Version(str(path), load_timeline(path, named=not by_path))
    revision, _, path_text = operand.partition(":")
    git = Git.here()
    git.verify_revision(revision)
    stem: str | None = None  # REV:PATH is a file given by path: compared by its id, whatever its name
    if _NAME.fullmatch(path_text):
        path_text, raw = _named_at_revision(git, revision, path_text, timelines_dir)
        stem = PurePosixPath(path_text).stem  # REV:NAME is looked up by name, so the name must be the id
    elif path_text:
        raw = git.show(revision, path_text)
    else:
        raise UsageError("a revision operand needs a path after the colon, e.g. HEAD:timelines/x.yaml")
    label = f"{revision}:{path_text}"
    return lambda: _parse_revision(raw, label, stem)


def _named_at_revision(git: Git, revision: str, name: str, timelines_dir: Path) -> tuple[str, bytes]:
    """REV:NAME: the timeline NAME in the timelines folder at the revision, as (path, bytes)."""
    folder = git.relative(timelines_dir)
    for suffix in SUFFIXES:
        path = (PurePosixPath(folder) / f"{name}{suffix}").as_posix()
        try:
            return path, git.show(revision, path)
        except InputError:
            continue
    raise InputError(f"no timeline named '{name}' in {revision}:{folder}/")


# --- --base REV -------------------------------------------------------------------


def base_comparisons(revision: str, names: Sequence[str], timelines_dir: Path) -> list[VersionPair]:
    """Every timeline file that differs between a revision and the working tree, by file name.

    With names, only those timelines. Added and removed files compare with a
    timeline that does not exist.
    """
    require_base(revision)
    git = Git.here()
    git.verify_revision(revision)
    folder = git.relative(timelines_dir)
    changes = [
        (status, path) for status, path in git.changed_files(revision, folder) if _is_timeline_file(path, folder)
    ]
    if names:
        _check_names(names, changes, timelines_dir)
        # A NAME may also be given as its file (timelines/x.yaml): files are matched by name.
        wanted = {PurePosixPath(name).stem if name.endswith(SUFFIXES) else name for name in names}
        changes = [(status, path) for status, path in changes if PurePosixPath(path).stem in wanted]
    return [VersionPair(*pair) for pair in _pairs(_base_loaders(git, revision, changes))]


def _is_timeline_file(path: str, folder: str) -> bool:
    file = PurePosixPath(path)
    return file.suffix in SUFFIXES and file.parent == PurePosixPath(folder)


def _check_names(names: Iterable[str], changes: list[tuple[str, str]], timelines_dir: Path) -> None:
    changed = {PurePosixPath(path).stem for _, path in changes}
    for name in names:
        if PurePosixPath(name).stem not in changed:
            find(name, timelines_dir)  # a UsageError for a name that is nowhere


def _base_loaders(git: Git, revision: str, changes: list[tuple[str, str]]) -> list[Callable[[], Version]]:
    loaders = []
    for status, path in changes:
        loaders.append(_absent if status == "A" else _revision_loader(git, revision, path))
        loaders.append(_absent if status == "D" else _working_loader(git.root / path))
    return loaders


def _revision_loader(git: Git, revision: str, path: str) -> Callable[[], Version]:
    label = f"{revision}:{path}"
    raw = git.show(revision, path)
    return lambda: _parse_revision(raw, label, PurePosixPath(path).stem)


def _parse_revision(raw: bytes, label: str, stem: str | None) -> Version:
    """A committed version: validated as check does; one that today's rules reject is read leniently
    (``failed`` says why), and only one that cannot be read at all is an error, located as check locates it."""
    try:
        return Version(label, parse_timeline(raw, label, file_stem=stem))
    except InvalidTimeline:
        revision = read_revision(raw, label)
        if revision.timeline is None or revision.failed is None:
            raise
        return Version(label, revision.timeline, revision.failed)


def _working_loader(path: Path) -> Callable[[], Version]:
    label = os.path.relpath(path)
    return lambda: Version(label, load_timeline(path, display=label))


def _absent() -> Version:
    return Version(None, None)


def _pairs(loaders: list[Callable[[], Version]]) -> list[tuple[Version, Version]]:
    versions = _load_all(loaders)
    return list(zip(versions[::2], versions[1::2], strict=True))


def _load_all(loaders: Sequence[Callable[[], Version]]) -> list[Version]:
    versions, problems = [], []
    for load in loaders:
        try:
            versions.append(load())
        except InvalidTimeline as error:
            problems.extend(error.problems)
    if problems:
        raise InvalidTimeline(_dedupe(problems))
    return versions


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
