"""Rules across files: they need every checked file, and run after each file is checked (check/runner.py).

They read what each FileResult says about its file (its id, its related ids and
where they stand), not the files again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from armsdeal.check.rules.base import AcrossFinding, OptionValue, across_files
from armsdeal.core import collection
from armsdeal.core.collection import SUFFIXES, same_folder
from armsdeal.core.problems import MAX_PER_RULE, Problem, more_message
from armsdeal.core.suggest import close_matches

if TYPE_CHECKING:
    from armsdeal.check.results import FileResult


@across_files("related-unknown")
def _unknown_related(
    results: Sequence[FileResult], _options: Mapping[str, OptionValue] | None = None
) -> Iterator[AcrossFinding]:
    """A `related:` id names no timeline among the checked files, in the file's folder or among the bundled ones.

    pre-commit passes only the changed files, so an id also resolves to a file
    `<id>.yaml` (or `.yml`) beside the timeline that names it. It resolves to a
    timeline bundled with armsdeal too, as `show --related` finds it there.
    Only this rule looks at the bundled timelines: the rules that compare
    timelines (`related-one-way`, `event-conflict`, `source-conflict`) leave
    them out, since they are not yours to edit.
    """
    checked = {result.timeline_id for result in results if result.timeline_id is not None}
    # Each folder is listed once and each suggestion made once, however many files repeat them.
    beside: dict[Path, set[str]] = {}
    suggestions: dict[tuple[str, Path], list[str]] = {}
    bundled: tuple[Path, set[str]] | None = None  # listed only when an id is found nowhere else
    elsewhere: dict[Path, bool] = {}  # whether a folder is not the bundled one
    for index, result in enumerate(results):
        folder = result.folder
        for related_id, places, count in result.related:
            if related_id in checked:
                continue
            if folder not in beside:
                beside[folder] = _timeline_stems(folder)
            if related_id in beside[folder]:
                continue
            if bundled is None:
                bundled = _bundled()
            if related_id in bundled[1]:
                continue
            if (related_id, folder) not in suggestions:
                known = checked | beside[folder] | bundled[1]
                suggestions[related_id, folder] = close_matches(related_id, known, most=2)
            close = [name for name in suggestions[related_id, folder] if name != result.timeline_id]
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            # Checking the bundled folder itself, the bundled timelines are that folder: named once.
            if folder not in elsewhere:
                elsewhere[folder] = not same_folder(folder, bundled[0])
            where = f"nor in {_folder_name(folder)}" + (" nor among the bundled timelines" if elsewhere[folder] else "")
            message = f"related timeline '{related_id}' is not among the checked files {where}{hint}"
            for line, column in places[:MAX_PER_RULE]:
                yield AcrossFinding(index, Problem(result.path, line, column, "related-unknown", message))
            if count > MAX_PER_RULE:
                line, column = places[MAX_PER_RULE]
                omitted = count - MAX_PER_RULE
                yield AcrossFinding(
                    index,
                    Problem(result.path, line, column, "related-unknown", more_message(omitted), omitted=omitted),
                )


def _timeline_stems(folder: Path) -> set[str]:
    """Names of the timeline files in a folder (pre-commit may pass only some of them)."""
    try:
        return {path.stem for path in folder.iterdir() if path.suffix in SUFFIXES and path.is_file()}
    except OSError:
        return set()


def _bundled() -> tuple[Path, set[str]]:
    """The folder of the timelines bundled with armsdeal, and their names."""
    folder = collection.bundled_dir()
    return folder, _timeline_stems(folder)


def _folder_name(folder: Path) -> str:
    return "this folder" if str(folder) == "." else f"{folder}/"


@across_files("duplicate-timeline-id")
def _duplicate_timeline_ids(
    results: Sequence[FileResult], _options: Mapping[str, OptionValue] | None = None
) -> Iterator[AcrossFinding]:
    """Two checked files have the same timeline id.

    Names on the command line are ids, so only one of the two could ever be
    shown. Each file with the id is reported, naming another one.
    """
    by_id: dict[str, list[int]] = {}
    for index, result in enumerate(results):
        if result.timeline_id is not None:
            by_id.setdefault(result.timeline_id, []).append(index)
    for timeline_id, indexes in by_id.items():
        if len(indexes) < 2:
            continue
        for index in indexes:
            result = results[index]
            other = results[next(i for i in indexes if i != index)].path
            line, column = result.id_at
            yield AcrossFinding(
                index,
                Problem(
                    result.path,
                    line,
                    column,
                    "duplicate-timeline-id",
                    f"timeline id '{timeline_id}' is also the id of {other}",
                ),
            )
