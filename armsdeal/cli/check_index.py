"""`check DIR` with the collection index (issue 33): only the files changed since a run are checked again.

A run keeps, for its list of paths, each file's stamp, its part for the rules across files and its
own problems, and the problems across files under a digest of every part and of the folders'
listings (a ``Memo``, index/results.py); each file's whole result is kept too, by its stamp, in its
folder's index. The next run on the same paths stats every file: one whose stamp is the memo's is not
read; one that changed is taken from its row if that is current, else checked. The rules across
files run again, on the results kept and those made now, only when a part or a listing changed
(leaving out the events of the files event-conflict never compares: ``_compared``).
The output is the one a run without the index gives, byte for byte (tests/cli/test_check_index.py);
``--no-cache``, ``ARMSDEAL_NO_CACHE`` and ``ARMSDEAL_NO_FAST=check-results`` check every file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from armsdeal.check.results import CheckRun, FileResult, OnFile
from armsdeal.check.rules.base import RuleOptions
from armsdeal.check.runner import check_each, check_file, check_targets, cross_file_problems, with_problems
from armsdeal.cli.index import _locked, bypassed, index_path, opened, remove, sealing
from armsdeal.core.collection import SUFFIXES, bundled_dir, suffix_of
from armsdeal.core.fastpaths import enabled, turned_off
from armsdeal.core.problems import Problem
from armsdeal.index import results as kept
from armsdeal.index import sync
from armsdeal.index.seal import Seal
from armsdeal.index.sync import Stamp, stamp_of

T = TypeVar("T")


@dataclass(slots=True)
class _Folder:
    """The checked paths of one folder, by their index among the targets."""

    path: Path
    indexes: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Run:
    """One run of `check` on a list of targets, with what its index holds for them."""

    targets: Sequence[Path | FileResult]
    context: bytes
    started: int = field(default_factory=time.time_ns)
    stamps: dict[int, Stamp | None] = field(default_factory=dict)
    folders: list[_Folder] = field(default_factory=list)
    usable: set[Path] = field(default_factory=set)  # the folders whose index could be opened
    from_memo: set[int] = field(default_factory=set)  # the files the memo served
    rows: dict[int, kept.Row] = field(default_factory=dict)  # the rows served for files the memo did not serve

    def fresh(self, index: int) -> bool:
        """Whether the file at this index was checked in this run (not served)."""
        return index in self.stamps and index not in self.from_memo and index not in self.rows

    shape: bytes = b""  # what names a memo: the run's context and the paths, in order

    def __post_init__(self) -> None:
        paths = "\0".join(map(str, self.targets)).encode("utf-8", "surrogateescape")
        self.shape = hashlib.sha256(self.context + paths).digest()

    def file_context(self, index: int) -> bytes:
        return kept.context_of(self.context, str(self.targets[index]))


def check_collection(
    targets: Sequence[Path | FileResult],
    *,
    today: date,
    ignore: frozenset[str],
    options: RuleOptions | None,
    on_file: OnFile | None,
    no_cache: bool,
) -> CheckRun:
    """What check_targets gives, with the unchanged files' results and the problems across files kept."""
    if bypassed(no_cache) or not enabled("check-results"):
        return check_targets(targets, today=today, ignore=ignore, on_file=on_file, options=options)
    run = _Run(targets, _run_context(today, ignore, options))
    run.folders = _folders(targets)
    run.stamps = {index: stamp_of(target) for index, target in enumerate(targets) if isinstance(target, Path)}
    memo = _recalled(run)
    results = check_each(_served(run, memo), today=today, ignore=ignore, on_file=on_file, options=options)
    parts = [_part(run, memo, index, result) for index, result in enumerate(results)]
    key = _key(run.shape, parts, results, {str(target) for target in targets})
    if memo is not None and memo.key == key and _placed_alike(run, memo):
        extra, again = memo.extra, memo.again
    else:
        extra, again = _found_across(run, results, today, ignore, options)
    _keep(run, results)
    files = [_kept(run, memo, index, result, parts[index]) for index, result in enumerate(results)]
    if memo is None or memo.key != key or memo.files != files:
        _remember(run, kept.Memo(files, key, extra, again))
    final = [_again(result, again[index]) if index in again else result for index, result in enumerate(results)]
    return CheckRun(tuple(with_problems(final, extra)), ignore)


def _recalled(run: _Run) -> kept.Memo | None:
    """The memo of the last run on these paths, kept in the index of the first folder."""
    if not run.folders:
        return None
    memo = _with_index(run, run.folders[0].path, partial(kept.recall, shape=run.shape))
    return memo if memo is not None and len(memo.files) == len(run.targets) else None


def _remember(run: _Run, memo: kept.Memo) -> None:
    if run.folders:
        _with_index(run, run.folders[0].path, partial(kept.remember, shape=run.shape, memo=memo))


def _run_context(today: date, ignore: frozenset[str], options: RuleOptions | None) -> bytes:
    """What every file's result depends on besides the file: the day, the settings, the code, the fast paths off."""
    from armsdeal.cli.index import _code

    configured = sorted((rule, sorted(values.items())) for rule, values in (options or {}).items())
    given = (today.isoformat(), sorted(ignore), configured, _code(), sorted(turned_off()))
    return hashlib.sha256(repr(given).encode("utf-8", "surrogateescape")).digest()


def _folders(targets: Sequence[Path | FileResult]) -> list[_Folder]:
    """The folders of the paths checked, in the order first met (by the text of each path's folder first)."""
    by_text: dict[str, _Folder] = {}
    by_parent: dict[Path, _Folder] = {}
    for index, target in enumerate(targets):
        if isinstance(target, Path):
            text = os.path.dirname(str(target))
            if text not in by_text:
                by_text[text] = by_parent.setdefault(target.parent, _Folder(target.parent))
            by_text[text].indexes.append(index)
    return list(by_parent.values())


def _served(run: _Run, memo: kept.Memo | None) -> list[Path | FileResult]:
    """The targets, each file the memo or its row serves as its result (its path and own problems), else its path."""
    light: list[Path | FileResult] = list(run.targets)
    changed: list[int] = []
    for index, stamp in run.stamps.items():
        if memo is not None and stamp is not None and memo.files[index][0] == stamp:
            light[index] = FileResult(str(run.targets[index]), kept.own_problems(memo.files[index][2]))
            run.from_memo.add(index)
        elif stamp is not None:
            changed.append(index)
    run.rows = _rows(run, changed)
    for index, row in run.rows.items():
        light[index] = FileResult(str(run.targets[index]), kept.own_problems(row.problems))
    return light


def _rows(run: _Run, indexes: list[int]) -> dict[int, kept.Row]:
    """The current rows of these files (each with a stamp), folder by folder."""
    wanted = set(indexes)
    found: dict[int, kept.Row] = {}
    for folder in run.folders:
        mine = [index for index in folder.indexes if index in wanted]
        if not mine:
            continue
        names = {_name(run.targets[index]): index for index in mine}
        asked = {
            _name(run.targets[index]): (stamp, run.file_context(index))
            for index in mine
            if (stamp := run.stamps[index]) is not None
        }
        rows = _with_index(run, folder.path, partial(kept.rows, wanted=asked)) or {}
        found.update((names[name], row) for name, row in rows.items())
    return found


def _name(target: Path | FileResult) -> str:
    assert isinstance(target, Path)
    return target.name


def _part(run: _Run, memo: kept.Memo | None, index: int, result: FileResult) -> bytes:
    if index in run.rows:
        return run.rows[index].part
    if memo is not None and index in run.from_memo:
        return memo.files[index][1]
    return kept.part_of(result)


def _kept(run: _Run, memo: kept.Memo | None, index: int, result: FileResult, part: bytes) -> kept.Kept:
    """What the memo keeps of a path: its stamp if its result may be served by it next time."""
    if memo is not None and index in run.from_memo:
        return memo.files[index]
    stamp = run.stamps.get(index)
    if index in run.rows and stamp is not None:
        return (_plain(stamp), part, run.rows[index].problems)
    target = run.targets[index]
    if stamp is None or not result.readable or not isinstance(target, Path) or not _settled(run, stamp):
        return (None, part, b"")
    unchanged = stamp_of(target) == stamp  # while it was checked
    return (_plain(stamp) if unchanged else None, part, kept.problems_of(result))


def _plain(stamp: Stamp) -> tuple[int, int, int, int]:
    return (stamp.size, stamp.mtime_ns, stamp.inode, stamp.ctime_ns)


def _settled(run: _Run, stamp: Stamp) -> bool:
    """Written long enough before the run that an edit since would change the stamp (index/sync.py)."""
    return max(stamp.mtime_ns, stamp.ctime_ns) < run.started - sync.RACY_NS


def _again(result: FileResult, again: kept.Again) -> FileResult:
    """A file read again with places for the problems across files: its own problems then."""
    problems, readable, _ = again
    return FileResult(result.path, problems, readable)


def _key(shape: bytes, parts: list[bytes], results: list[FileResult], targets: set[str]) -> bytes:
    """A digest of everything the rules across files look at: each file's part, and the folders they list."""
    digest = hashlib.sha256(shape)
    folders: dict[str, str] = {}
    for result in results:
        text = os.path.dirname(result.path)
        if text not in folders:
            folders[text] = str(result.folder)
    beside = False
    for folder in sorted(set(folders.values())):
        listing = _listing(folder, targets)
        beside = beside or bool(listing[2])
        digest.update(repr(listing).encode("utf-8", "surrogateescape"))
    bundled = str(bundled_dir())
    digest.update(repr(_listing(bundled, set())).encode("utf-8", "surrogateescape"))
    compared = _compared(parts, every=beside)
    for index, part in enumerate(parts):
        digest.update(part if index in compared else kept.other_facts(part) + b"\0")
    return digest.digest()


def _compared(parts: list[bytes], *, every: bool) -> set[int] | range:
    """The files whose events event-conflict may compare (check/rules/collection.py): those that name an id,
    have an event that says same_as, or have an id a file names; every file when a file beside is a member
    (what it names is not known here).

    The other files' events are read by no rule across files: an edit of them alone (an event's id, its
    date) keeps the problems across files, and the rules do not run again over 30,000 files.
    """
    if every:
        return range(len(parts))
    # Most files name nothing and say no same_as (their part ends so): only their id is looked at.
    naming = {index for index, part in enumerate(parts) if not part.endswith(b"\0\0")}
    if not naming:
        return naming
    named = {name.encode("utf-8", "surrogateescape") for index in naming for name in kept.names(parts[index])[2]}
    return naming | {index for index, part in enumerate(parts) if kept.names(part)[0] in named}


def _listing(folder: str, targets: set[str]) -> tuple[object, ...]:
    """A folder's timeline files as the rules across files see them: their names, and of each that is not a
    checked file (a file beside, a folder, a link to nothing) whether it is a file and its stamp."""
    prefix = "" if folder == "." else os.path.join(folder, "")
    checked: list[str] = []
    others: list[tuple[object, ...]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if suffix_of(name) not in SUFFIXES:
                    continue
                try:
                    is_file: object = entry.is_file()
                except OSError as error:
                    is_file = error.errno
                if is_file is True and prefix + name in targets:
                    checked.append(name)
                else:
                    others.append((name, is_file, stamp_of(Path(prefix + name))))
    except OSError as error:
        others.append(("", error.errno, None))
    checked.sort()
    others.sort(key=lambda entry: str(entry[0]))
    return (folder, "\0".join(checked), others)


def _placed_alike(run: _Run, memo: kept.Memo) -> bool:
    """Whether the files read again with places for the memo's problems are as they were (their places too)."""
    return all(
        run.stamps.get(index) is not None and run.stamps.get(index) == stamp
        for index, (_, _, stamp) in memo.again.items()
    )


def _found_across(
    run: _Run, results: list[FileResult], today: date, ignore: frozenset[str], options: RuleOptions | None
) -> tuple[dict[int, list[Problem]], dict[int, kept.Again]]:
    """Run the rules across files on every file's whole result: those kept, and those checked now."""
    rows = {**_rows(run, sorted(run.from_memo)), **run.rows}
    whole = []
    for index, result in enumerate(results):
        found = rows[index].file_result() if index in rows else None
        if found is None and (index in run.from_memo or index in run.rows):
            found = check_file(Path(result.path), today, ignore, options=options)  # its row is gone: checked again
        whole.append(found or result)
    across = cross_file_problems(whole, ignore, today, options)
    again = {
        index: (across.results[index].problems, across.results[index].readable, stamp_of(Path(whole[index].path)))
        for index in across.again
    }
    return across.extra, again


def _keep(run: _Run, results: list[FileResult]) -> None:
    """Write the rows of the files checked now that may be kept, and drop those of files gone, folder by folder."""
    for folder in run.folders:
        if folder.path not in run.usable:
            continue
        fresh = []
        for index in folder.indexes:
            stamp, result, target = run.stamps[index], results[index], run.targets[index]
            if not run.fresh(index) or stamp is None or not result.readable or not isinstance(target, Path):
                continue
            # Kept if unchanged while it was checked, and not written too lately to tell an edit by its stamp.
            if _settled(run, stamp) and stamp_of(target) == stamp:
                fresh.append(kept.Fresh(target.name, stamp, run.file_context(index), result))
        if fresh:
            named = {_name(run.targets[index]) for index in folder.indexes}
            _with_index(run, folder.path, partial(_store, folder=folder.path, fresh=fresh, named=named))


def _store(
    connection: sqlite3.Connection, seal: Seal, *, folder: Path, fresh: list[kept.Fresh], named: set[str]
) -> None:
    """Store the rows of the files checked now; drop those of the files no longer in the folder."""
    gone = [name for name in kept.stored_names(connection) - named if not os.path.lexists(folder / name)]
    kept.store(connection, fresh, gone, seal)


def _with_index(run: _Run, folder: Path, work: Callable[..., T]) -> T | None:
    """What ``work(connection, seal)`` gives on the folder's index; None when the index is bypassed.

    (No key, locked, cannot be written.) An index found damaged is deleted (the next run builds it
    again), as cli/index.py does.
    """
    seal = sealing(folder)
    if seal is None:
        return None
    damaged = False
    with opened(folder) as connection:
        if connection is None:
            return None
        run.usable.add(folder)
        try:
            return work(connection, seal)
        except sqlite3.Error as error:
            damaged = not _locked(error)
    if damaged:
        remove(index_path(folder))
    return None
