"""`armsdeal check` without the printing: paths -> files -> located problems, per file and across files.

Each file is read and validated on its own (loader, schema, the checks of the
rule registry); then the rules that need several files (unique timeline ids,
`related:` ids) look at what every file said about itself. A file that cannot
be read becomes a `file-unreadable` problem, so one bad path never stops the
others from being checked.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Collection, Generator, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from functools import partial
from multiprocessing import active_children, get_context
from multiprocessing.context import BaseContext
from pathlib import Path

from armsdeal.check.facts import facts_of
from armsdeal.check.results import CheckRun, FileResult, Location, OnFile, Related, collect_files, unreadable
from armsdeal.check.rules import RULES
from armsdeal.check.rules.base import AcrossFinding, RuleOptions
from armsdeal.check.validate import read_and_validate
from armsdeal.core.errors import InputError
from armsdeal.core.model import ID_PATTERN, Timeline
from armsdeal.core.problems import MAX_PER_RULE, Problem, capped
from armsdeal.read.files import read_file
from armsdeal.read.located import Document, UnlocatedDocument
from armsdeal.read.places import FIRST, Place

# Worker processes cost ~50 ms to start and to talk to, and a file takes ~4 ms
# per 30 kB to check: they pay only for many files with enough in them.
PARALLEL_THRESHOLD = 32
PARALLEL_MIN_BYTES = 1024 * 1024
_CHUNK = 8
_ID = re.compile(ID_PATTERN)


def check_paths(
    paths: Sequence[Path],
    *,
    today: date,
    ignore: Collection[str] = (),
    on_file: OnFile | None = None,
    parallel: bool | None = None,
    options: RuleOptions | None = None,
) -> CheckRun:
    """Check files and folders (recursively, *.yaml and *.yml).

    ``on_file`` is called in this process after each file, for a progress bar.
    ``parallel`` forces or forbids worker processes; by default they are used
    for more than PARALLEL_THRESHOLD files holding PARALLEL_MIN_BYTES or more.
    ``today`` is the day every file is checked against, in whichever process; ``options`` are the
    project's rule options (check/config.py), None for every default.
    """
    return check_targets(
        collect_files(paths), today=today, ignore=ignore, on_file=on_file, parallel=parallel, options=options
    )


def check_targets(
    targets: Sequence[Path | FileResult],
    *,
    today: date,
    ignore: Collection[str] = (),
    on_file: OnFile | None = None,
    parallel: bool | None = None,
    options: RuleOptions | None = None,
) -> CheckRun:
    """Check what collect_files found (for a caller that wants the count first, for a progress bar)."""
    ignored = frozenset(ignore)
    results = check_each(targets, today=today, ignore=ignored, on_file=on_file, parallel=parallel, options=options)
    across = cross_file_problems(results, ignored, today, options)
    return CheckRun(tuple(with_problems(across.results, across.extra)), ignored)


def check_each(
    targets: Sequence[Path | FileResult],
    *,
    today: date,
    ignore: frozenset[str],
    on_file: OnFile | None = None,
    parallel: bool | None = None,
    options: RuleOptions | None = None,
) -> list[FileResult]:
    """Each target's own result, before the rules across files: paths checked, results kept as they are."""
    files = [target for target in targets if isinstance(target, Path)]
    use_pool = _worth_a_pool(files) if parallel is None else parallel
    results = []
    # closing: the worker processes end here, not whenever the generator is collected.
    with closing(_check_all(files, ignore, today, options, use_pool=use_pool)) as checked:
        for target in targets:
            result = next(checked) if isinstance(target, Path) else target
            results.append(result)
            if on_file is not None:
                on_file(result)
    return results


def _worth_a_pool(files: list[Path]) -> bool:
    if len(files) <= PARALLEL_THRESHOLD:
        return False
    total = 0
    for file in files:
        try:
            total += file.stat().st_size
        except OSError:
            continue  # reported when the file is checked
        if total >= PARALLEL_MIN_BYTES:
            return True
    return False


def check_file(
    path: Path, today: date, ignore: Collection[str] = (), *, fast: bool = True, options: RuleOptions | None = None
) -> FileResult:
    """Read and validate one file. Never raises for bad input: everything is a problem.

    ``fast``: a clean file may be read by the fast path (read/stage.py), without places;
    False reads it with the located loader.
    """
    display = str(path)
    try:
        raw = read_file(path)
    except InputError as error:
        reason = str(error).removeprefix(f"{path}: ")
        if _dangling(path):
            reason = "it is a symbolic link to a file that does not exist"
        elif _missing(path):
            return unreadable(display, "no such file or directory")
        return unreadable(display, f"cannot read this file: {reason}")
    document, validated = read_and_validate(
        raw, display, today=today, file_stem=path.stem, ignore=ignore, options=options, fast=fast
    )
    problems, timeline = tuple(validated.problems), validated.timeline
    del validated
    located = not isinstance(document, UnlocatedDocument)
    # A clean file of the fast path gave its data up to its model as the model was built
    # (read_and_validate): what it says about itself comes from the model.
    timeline_id, id_at, related = describe_self(document, None if located else timeline)
    facts = facts_of(document, None if located else timeline)
    return FileResult(display, problems, True, timeline_id, id_at, related, facts, located)


def _missing(path: Path) -> bool:
    """Nothing at the path; not a path in a folder we may not look into (os.path.lexists says False there too)."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def _dangling(path: Path) -> bool:
    """A link whose target is missing (not a loop of links, which stat() also fails on)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return path.is_symlink()
    except OSError:
        return False
    return False


def describe_self(
    document: Document, timeline: Timeline | None = None
) -> tuple[str | None, Location, tuple[Related, ...]]:
    """What a file says about itself (its id, its related ids and where they stand), from the raw data.

    Or from its ``timeline``, for a document without places whose data went into its model (the
    same values: a valid model's id and related ids are the data's).
    """
    data = document.data if timeline is None else {"id": timeline.id, "related": timeline.related}
    if not isinstance(data, dict):
        return None, FIRST, ()
    is_id = _ID.fullmatch
    raw_id = data.get("id")
    timeline_id = raw_id if isinstance(raw_id, str) and is_id(raw_id) else None
    raw_related = data.get("related")
    places: dict[str, list[Location]] = {}
    counts: dict[str, int] = {}
    if isinstance(raw_related, list):
        for index, item in enumerate(raw_related):
            if isinstance(item, str) and is_id(item):
                counts[item] = counts.get(item, 0) + 1
                found = places.setdefault(item, [])
                if len(found) <= MAX_PER_RULE:  # one more than reported: where the "and N more" line points
                    found.append(document.locate(("related", index)))
    related = tuple((item, tuple(found), counts[item]) for item, found in places.items())
    return timeline_id, document.locate(("id",)), related


def _check_all(
    targets: list[Path], ignore: frozenset[str], today: date, options: RuleOptions | None, *, use_pool: bool
) -> Generator[FileResult, None, None]:
    # Every file of a run is checked against the same day, whichever process checks it:
    # the day travels with the work, not in a module global.
    work = partial(check_file, today=today, ignore=ignore, options=options)
    if not use_pool or len(targets) < 2:
        yield from map(work, targets)
        return
    workers = min(os.cpu_count() or 1, 8)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    finished = False
    try:
        yield from pool.map(work, targets, chunksize=_CHUNK)
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            # Ctrl-C or a failure: stop the workers now rather than let them check their files first.
            # (They ignore Ctrl-C themselves, so that none prints a traceback: see armsdeal.entry.)
            # Not waited for: the pool's own thread, finding its workers gone, can fail on the futures
            # just cancelled (concurrent.futures' terminate_broken) and a wait could then never end
            # (the new-user trial: SIGINT to this process alone, 3 tracebacks in 10 and a hang).
            for process in active_children():
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)


def _context() -> BaseContext:
    # fork starts a worker in milliseconds, where spawn re-imports armsdeal for
    # about 0.2 s. The workers are forked before the pool starts its own thread,
    # and the CLI's progress bar refreshes without one, so no lock is copied held.
    if sys.platform == "linux":
        return get_context("fork")
    return get_context()


@dataclass(frozen=True, slots=True)
class Across:
    """The problems across files by the index of their file, and the results they go with.

    ``results`` are the results given, with the files in ``again`` read again with places (the
    problems across files needed a place in them).
    """

    extra: dict[int, list[Problem]]
    results: list[FileResult]
    again: frozenset[int]


def cross_file_problems(
    results: list[FileResult], ignore: frozenset[str], today: date, options: RuleOptions | None
) -> Across:
    again: set[int] = set()
    while True:
        extra, unlocated = _collect_cross_file_problems(results, ignore, options)
        if not unlocated:
            return Across(extra, results, frozenset(again))
        again |= unlocated
        # A problem across files stands at, or names, a place in a file the fast path read without
        # places: read those files again with the located loader, and look across files again.
        results = Again(
            (
                check_file(Path(result.path), today, ignore, fast=False, options=options)
                if index in unlocated
                else result
            )
            for index, result in enumerate(results)
        ).after(results)


def with_problems(results: Sequence[FileResult], extra: dict[int, list[Problem]]) -> Iterator[FileResult]:
    """The results with the problems across files added to theirs (capped as a file's own are)."""
    for index, result in enumerate(results):
        if index in extra:
            problems = tuple(capped([*result.problems, *extra[index]]))
            yield FileResult(
                result.path,
                problems,
                result.readable,
                result.timeline_id,
                result.id_at,
                result.related,
                result.facts,
                result.located,
            )
        else:
            yield result


class Again(list[FileResult]):
    """The checked files again, some read again with places: the same paths, in the same order.

    ``previous`` is the list before, so that the rules across files may keep what they read beside
    the checked files (check/rules/collection.py) instead of reading it again.
    """

    previous: list[FileResult] | None = None

    def after(self, previous: list[FileResult]) -> Again:
        self.previous = previous
        return self


def _collect_cross_file_problems(
    results: list[FileResult], ignore: frozenset[str], options: RuleOptions | None
) -> tuple[dict[int, list[Problem]], set[int]]:
    """The problems across files by the index of their file, and the files without places they need."""
    extra: dict[int, list[Problem]] = {}
    unlocated: set[int] = set()
    by_path = {result.path: index for index, result in enumerate(results) if not result.located}
    for found_across in _cross_file_problems(results, options):
        index, problem = found_across.file_index, found_across.problem
        if problem.rule not in ignore:
            if by_path:
                unlocated.update(_unlocated_places(found_across, results, by_path))
            found = extra.setdefault(index, [])
            found.append(problem)
            if len(found) > 4 * MAX_PER_RULE:
                found[:] = capped(found)  # memory stays flat however many there are
    return extra, unlocated


def _unlocated_places(found: AcrossFinding, results: list[FileResult], by_path: dict[str, int]) -> Iterator[int]:
    """The files without places whose UNLOCATED place a problem waits for: its own, or one its message names."""
    problem = found.problem
    if not results[found.file_index].located and not Place(problem.line, problem.column).located:
        yield found.file_index
    yield from (by_path[name] for name in found.names if name in by_path)


def _cross_file_problems(results: list[FileResult], options: RuleOptions | None) -> Iterator[AcrossFinding]:
    for rule in RULES.values():
        if rule.across_files is not None:
            yield from rule.across_files(results, options.get(rule.id) if options else None)
