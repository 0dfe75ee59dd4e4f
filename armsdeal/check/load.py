"""Loading several timelines at once: every file read and validated, every problem collected.

Commands that read more than one timeline (show, list, search, compare, export)
load through here, so that each reports all invalid files together instead of
stopping at the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from armsdeal.core.collection import Folder, locate_all, present, search_path
from armsdeal.core.errors import InputError, InvalidTimeline
from armsdeal.core.model import Timeline
from armsdeal.core.problems import Problem


@dataclass(slots=True)
class Loaded:
    """What loading some files gave: the valid timelines, the problems of each file that was not,
    and the files that could not be read (with why)."""

    timelines: list[Timeline] = field(default_factory=list)
    invalid: dict[Path, list[Problem]] = field(default_factory=dict)
    unreadable: dict[Path, InputError] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        return [problem for problems in self.invalid.values() for problem in problems]


def load_many(paths: Iterable[Path]) -> Loaded:
    """Load every path, in order; an invalid or unreadable file is kept with its problems, never raised."""
    # Imported here: a run served from the collection index (a warm `list`) reads no file and needs no rules.
    from armsdeal.check.validate import load_timeline

    loaded = Loaded()
    for path in paths:
        try:
            loaded.timelines.append(load_timeline(path))
        except InvalidTimeline as error:
            loaded.invalid[path] = error.problems
        except InputError as error:
            loaded.unreadable[path] = error
    return loaded


def load_named(names: Iterable[str], timelines: Path | None) -> list[Timeline]:
    """Timelines by name (your folder, then the bundled ones: collection.search_path) or path.

    If any is invalid, InvalidTimeline with the problems of all of them.
    """
    folders = search_path(timelines)
    loaded = load_many(locate_all(names, folders))
    for error in loaded.unreadable.values():
        raise error  # a file named on the command line: its reading error stops the command
    if loaded.invalid:
        raise InvalidTimeline(loaded.problems)
    return loaded.timelines


def related_names(loaded: Sequence[Timeline], folders: list[Folder]) -> tuple[list[str], list[tuple[str, str]]]:
    """What ``--related`` adds: the ids the loaded timelines list under related:, once each, in the order listed.

    Returns the ids found on the search path, and the (listing timeline, related id) pairs that are not
    (the command names those on stderr and leaves them out).
    """
    seen = {timeline.id for timeline in loaded}
    listed = present(
        [related_id for timeline in loaded for related_id in timeline.related if related_id not in seen], folders
    )
    wanted: list[str] = []
    missing: list[tuple[str, str]] = []
    for timeline in loaded:
        for related_id in timeline.related:
            if related_id in seen:
                continue
            seen.add(related_id)
            if related_id in listed:
                wanted.append(related_id)
            else:
                missing.append((timeline.id, related_id))
    return wanted, missing
