"""Rules across a collection: what several timelines say about the same source or event.

Each file's check keeps a few facts (check/facts.py); these rules run in the
second pass over them, after every file has been checked: nothing is parsed
twice. The collection is the checked files plus the timelines beside them
(pre-commit passes only the changed files), which are read for their facts
only (by the fast path where it can, without places: a place in one of them is
located when a finding names it); the timelines bundled with armsdeal are not part of it (only
related-unknown, in crossfile.py, accepts their ids). They are registry
entries like the others (`armsdeal rules` prints their docstrings; `--ignore`
and `[tool.armsdeal] ignore` silence them).

A finding is reported in a checked file and names the other file's place in
its message, so that both ends of a conflict are located.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armsdeal.check import reach
from armsdeal.check.rules.base import AcrossFinding, Option, OptionValue, T, across_files, option_value
from armsdeal.core import fastpaths
from armsdeal.core.problems import Problem, Severity
from armsdeal.read.files import timeline_names_in
from armsdeal.read.located import UnlocatedDocument
from armsdeal.read.stage import read_beside

if TYPE_CHECKING:
    from armsdeal.check.facts import EventFact, EventTable, Location, SourceFact, TimelineFacts
    from armsdeal.check.reach import Asked
    from armsdeal.check.results import FileResult


@dataclass(frozen=True, slots=True)
class Member:
    """One timeline of the collection: a checked file, or a file beside one (``checked`` false)."""

    path: str
    timeline_id: str | None
    id_at: Location
    related: tuple[tuple[str, Location], ...]
    facts: TimelineFacts
    checked: bool = True
    # False for a file beside read by the fast path: its places (id_at, related, facts) are all UNLOCATED.
    placed: bool = True

    def where(self, at: Location) -> str:
        return at.of(self.path)


@dataclass(frozen=True, slots=True)
class CollectionFinding:
    """A finding in one member (an index into the collection), with its own severity if it differs."""

    member: int
    at: Location
    message: str
    severity: Severity | None = None
    # The member whose place the message writes (``Member.where``), if any: a member read without places
    # is read again with them before the finding is reported (``_placed_findings``).
    names: int | None = None


@dataclass(frozen=True, slots=True)
class CollectionContext:
    members: Sequence[Member]
    # The configured options of the rule being run ([tool.armsdeal.rules.RULE-ID]); None: the defaults.
    options: Mapping[str, OptionValue] | None = None

    def option(self, option: Option[T]) -> T:
        """The value of one of the running rule's options: as configured, or its default."""
        return option_value(self.options, option)

    def by_id(self) -> dict[str, int]:
        """Member index by timeline id (the first file with an id: duplicates are their own rule)."""
        found: dict[str, int] = {}
        for index, member in enumerate(self.members):
            if member.timeline_id is not None:
                found.setdefault(member.timeline_id, index)
        return found


CollectionRule = Callable[[CollectionContext], Iterable[CollectionFinding]]


def collection_rule(
    rule_id: str, severity: Severity = Severity.ERROR, *, options: Sequence[Option[Any]] = ()
) -> Callable[[CollectionRule], CollectionRule]:
    """Register a rule over the collection (its docstring documents it) as a rule across files.

    ``options`` as for a check of one file: the rule reads them with ``context.option(...)``.
    """

    def register(function: CollectionRule) -> CollectionRule:
        def run(results: Sequence[FileResult], configured: Mapping[str, OptionValue] | None) -> Iterator[AcrossFinding]:
            context, indexes = _collection(results)
            if len(context.members) < 2:
                return
            context = replace(context, options=configured)
            for finding in _placed_findings(function, results, context):
                index = indexes[finding.member]
                line, column = finding.at
                problem = Problem(
                    results[index].path, line, column, rule_id, finding.message, finding.severity or severity
                )
                named = () if finding.names is None else (context.members[finding.names].path,)
                yield AcrossFinding(index, problem, named)

        run.__doc__ = function.__doc__
        across_files(rule_id, severity, options=options)(run)
        return function

    return register


# The three rules look at one collection: built once per run (the runner passes them the same list).
_built: list[tuple[Sequence[FileResult], CollectionContext, list[int]]] = []


def _collection(results: Sequence[FileResult]) -> tuple[CollectionContext, list[int]]:
    if _built and _built[0][0] is results:
        return _built[0][1], _built[0][2]
    members, indexes = [], []
    for index, result in enumerate(results):
        if result.facts is not None:
            members.append(_member(result))
            indexes.append(index)
    # The runner's second look at the same files (some read again with places): the files beside are
    # those read for the first look, with the places found since.
    previous = getattr(results, "previous", None)
    if previous is not None and _built and _built[0][0] is previous:
        neighbours = [member for member in _built[0][1].members if not member.checked]
    else:
        neighbours = _neighbours(results, members)
    context = CollectionContext([*members, *neighbours])
    _built[:] = [(results, context, indexes)]
    return context, indexes


def _first_places(related: Iterable[tuple[str, tuple[Location, ...], int]]) -> tuple[tuple[str, Location], ...]:
    return tuple((related_id, places[0]) for related_id, places, _ in related if places)


def _member(result: FileResult) -> Member:
    from armsdeal.check.facts import TimelineFacts  # here: `show` validates through this package, never needs it

    facts = result.facts if result.facts is not None else TimelineFacts()
    return Member(result.path, result.timeline_id, result.id_at, _first_places(result.related), facts)


# What gives the members for the files beside the checked ones in one folder (the files named, in their
# order; the last argument, if not None, says which can matter: check/reach.py): the CLI's collection index
# (cli/index.py), which reads only the files changed since it last read them, with ``neighbour``. None:
# each is read with ``neighbour``.
Beside = Callable[[Path, list[str], "Asked | None"], list["Member"]]
_beside: ContextVar[Beside | None] = ContextVar("beside", default=None)


@contextmanager
def served_beside(source: Beside | None) -> Iterator[None]:
    """While in it, the files beside the checked ones come through ``source`` (None: read each)."""
    token = _beside.set(source)
    try:
        yield
    finally:
        _beside.reset(token)


def _neighbours(results: Sequence[FileResult], checked_members: Sequence[Member]) -> list[Member]:
    """The timelines beside the checked files that were not checked themselves, read for their facts only.

    Read without places where the fast path can (``neighbour``): a finding that names a place in one
    of them has it located then (``_placed_findings``). From an index, only those that can change a
    finding (check/reach.py), unless the fast path "beside-keys" is off.
    """
    # A file beside is checked if it is one of the paths checked, or, failing that, the same real file.
    checked = {result.path for result in results}

    # Resolved only when a folder holds a file not named among the paths checked: `check DIR` names
    # every file, and resolving 30,000 real paths took 0.4 s of a warm run's 1.8 s CPU.
    @functools.cache
    def checked_real() -> frozenset[str]:
        return frozenset(os.path.realpath(result.path) for result in results)

    source = _beside.get()
    keyed = source is not None and fastpaths.enabled("beside-keys")
    # What the checked files ask is made only when a folder has a file beside them: `check DIR` of
    # 30,000 files has none, and unpacking every file's sources for it took 0.27 s of a warm run.
    asked: list[Asked | None] = []
    members: list[Member] = []
    for folder in sorted({result.folder for result in results if result.readable}):
        beside = beside_names(folder, checked, checked_real)
        if source is not None and beside:
            if not asked:
                asked.append(reach.asked_by(checked_members) if keyed else None)
            members.extend(source(folder, beside, asked[0]))
        else:
            found = (neighbour(folder / name) for name in beside)
            members.extend(member for member in found if member is not None)
    return members


def beside_names(folder: Path, checked: set[str], checked_real: Callable[[], AbstractSet[str]]) -> list[str]:
    """The names of the timeline files in ``folder`` that are not checked: no path checked, nor its real file.

    ``checked_real`` gives the checked files' real paths; it is called only if a name is left to judge.
    """
    # By the text of the paths (as str(folder / name) writes them): a Path for each of 30,000 checked
    # paths took 0.2 s of a warm `check DIR`.
    base = str(folder)
    prefix = "" if base == "." else os.path.join(base, "")
    named = {name for name in map(os.path.basename, checked) if prefix + name in checked}
    names, links = timeline_names_in(folder)
    beside = [name for name in names if name not in named or name in links]
    if not beside:
        return beside
    # The real path of a file that is no link is its real folder's and its name: no system call (the
    # listing says which are links) instead of one per folder of the path, which at 10,000 files took 0.2 s.
    real_folder, real = os.path.realpath(folder), checked_real()
    real_names = {os.path.basename(path) for path in real if os.path.dirname(path) == real_folder}
    beside = [name for name in beside if name not in real_names or name in links]
    if not links:
        return beside
    # A link is checked if it is a path checked or leads to a file checked.
    return [
        name
        for name in beside
        if name not in links or (name not in named and os.path.realpath(folder / name) not in real)
    ]


def neighbour(path: Path, *, located: bool = False) -> Member | None:
    """A file beside the checked ones as a member of the collection; None if it cannot be read or is no mapping.

    Only its data counts (its id, related ids, sources' and events' facts), whatever problems it has:
    the reading stage reads it so (read/stage.py, ``read_beside``), without places unless ``located``.
    """
    from armsdeal.check.facts import facts_of, facts_of_data
    from armsdeal.check.runner import describe_self

    document = read_beside(path, located=located)
    if document is None:
        return None
    placed = not isinstance(document, UnlocatedDocument)
    # Without places, the facts are packed column by column: those facts_of makes, every place UNLOCATED.
    facts = facts_of(document) if placed else facts_of_data(document.data)
    if facts is None:
        return None
    timeline_id, id_at, related = describe_self(document)
    return Member(str(path), timeline_id, id_at, _first_places(related), facts, checked=False, placed=placed)


def _placed_findings(
    function: CollectionRule, results: Sequence[FileResult], context: CollectionContext
) -> Iterator[CollectionFinding]:
    """A rule's findings with every place they name in a file beside located.

    A finding names a place in a file beside only in its message (it stands in a checked file); the
    same members give the same findings in the same order, whatever their places. So at the first
    finding that names a place of a file beside read without places, the rest are looked through for
    every such file, those are read again by the located loader (for the rules after this one too),
    and the rule runs again from where it was.
    """
    unplaced = {index for index, member in enumerate(context.members) if not member.placed}
    found = function(context)
    for done, finding in enumerate(found):
        wanted = _waiting(finding, unplaced)
        if wanted:
            for later in found:
                wanted |= _waiting(later, unplaced)
            context = _with_placed(results, context, wanted)
            yield from islice(function(context), done, None)
            return
        yield finding


def _waiting(finding: CollectionFinding, unplaced: set[int]) -> set[int]:
    """The member read without places whose place the finding's message writes: none, or that one."""
    return {finding.names} if finding.names is not None and finding.names in unplaced else set()


def _with_placed(results: Sequence[FileResult], context: CollectionContext, wanted: set[int]) -> CollectionContext:
    members = list(context.members)
    for index in wanted:
        member = neighbour(Path(members[index].path), located=True)
        if member is None:  # changed since it was read: keep what was read
            continue
        members[index] = member
    placed = CollectionContext(members)
    if _built and _built[0][0] is results:
        _built[0] = (results, placed, _built[0][2])
    return replace(placed, options=context.options)


_url_key = reach.url_key


_TITLES = Option(
    "titles", True, "Compare titles too (a title that differs alone is a warning); false compares publisher and date."
)


@collection_rule("source-conflict", options=[_TITLES])
def _source_conflict(context: CollectionContext) -> Iterator[CollectionFinding]:
    """One URL is cited in several timelines with a different publisher or date (error) or title (warning).

    A source is one page: every timeline that cites it should describe it the
    same way, so that readers (and `armsdeal add`, which reuses an entry cited
    elsewhere) see one record. URLs are compared as written, without a trailing
    slash. Each file is compared with the first checked file that cites the URL;
    the message names the place in that file. A title difference alone is a
    warning; a missing date on one side counts as a different date. With the
    option `titles` false, titles are not compared (a collection that cites one
    page under titles in several languages).
    """
    first: dict[str, tuple[int, SourceFact]] = {}
    members = context.members
    several = _cited_by_several(members)
    compared = ("publisher", "date", "title") if context.option(_TITLES) else ("publisher", "date")
    # Checked files first, so that a conflict is reported in a file being checked when it can be.
    order = sorted(range(len(members)), key=lambda index: not members[index].checked)
    for index in order:
        member = members[index]
        table = member.facts.source_table()
        for position, url in enumerate(table.urls):
            key = _url_key(url)
            if hash(key) not in several:
                continue  # cited by this file only: nothing to compare it with
            if key not in first:
                first[key] = (index, table.fact(position))
                continue
            other_index, other = first[key]
            if other_index == index:
                continue  # one URL under two ids of one file is not a collection matter
            here, there = (index, table.fact(position)), (other_index, other)
            if not member.checked:
                if not members[other_index].checked:
                    continue
                here, there = there, here
            finding = _source_difference(members, here, there, compared)
            if finding is not None:
                yield finding


def _cited_by_several(members: Sequence[Member]) -> set[int]:
    """Hashes of the URLs cited by two files or more (and of a few others, when two URLs share a hash).

    Most URLs are cited once: keeping only hashes while looking for the others
    takes about a quarter of the memory of keeping every source for comparison.
    """
    seen: set[int] = set()
    several: set[int] = set()
    for member in members:
        hashes = {hash(_url_key(url)) for url in member.facts.source_table().urls}
        several |= hashes & seen
        seen |= hashes
    return several


def _source_difference(
    members: Sequence[Member], here: tuple[int, SourceFact], there: tuple[int, SourceFact], compared: Sequence[str]
) -> CollectionFinding | None:
    (index, mine), (other_index, theirs) = here, there
    where = members[other_index].where(theirs.at)
    differences = [
        f"{name} {_quoted(getattr(mine, name))} where {where} has {_quoted(getattr(theirs, name))}"
        for name in compared
        if getattr(mine, name) != getattr(theirs, name)
    ]
    if not differences:
        return None
    blocking = mine.publisher != theirs.publisher or mine.date != theirs.date
    return CollectionFinding(
        index,
        mine.at,
        f"source '{mine.source_id}' ({mine.url}): " + "; ".join(differences),
        Severity.ERROR if blocking else Severity.WARNING,
        names=other_index,
    )


def _quoted(value: str | None) -> str:
    return "none" if value is None else f"'{value}'"


def _related_pairs(context: CollectionContext) -> Iterator[tuple[int, int]]:
    members = context.members
    by_id = context.by_id()
    seen: set[tuple[int, int]] = set()
    for index, member in enumerate(members):
        for related_id, _ in member.related:
            other = by_id.get(related_id)
            if other is None or other == index:
                continue
            pair = (min(index, other), max(index, other))
            if pair not in seen:
                seen.add(pair)
                yield pair


@collection_rule("event-conflict")
def _event_conflict(context: CollectionContext) -> Iterator[CollectionFinding]:
    """Two related timelines record one event differently: date, status or type (error; warning with a note).

    An event is shared when two timelines that name each other (either way)
    under `related:` have an event with the same id, or when an event says
    `same_as: DEAL/EVENT-ID`. Shared events must agree on date, status and type;
    when either of them carries a `note:` (which should explain the difference),
    it is a warning instead. A `same_as:` that names an event the other
    timeline does not have is an error. Only timelines of the collection (the
    checked files and the files beside them) are compared: not the timelines
    bundled with armsdeal, even when one of yours lists one under `related:`.
    """
    members = context.members
    by_id = context.by_id()
    # Pairs of events already compared, for the same_as pass: only pairs in which a file has a same_as
    # can be looked up there (each file's facts say whether it has one).
    compared: set[tuple[int, str, int, str]] = set()
    for first, second in _related_pairs(context):
        mine, theirs = members[first].facts.event_table(), members[second].facts.event_table()
        # Event ids match first; only events of an id in both are made whole and compared.
        their_places = {event_id: position for position, event_id in enumerate(theirs.ids)}  # the last of an id
        linked = members[first].facts.links or members[second].facts.links
        for position, event_id in enumerate(mine.ids):
            other_position = their_places.get(event_id)
            if other_position is not None:
                event, other = mine.fact(position), theirs.fact(other_position)
                if linked:
                    compared.add((first, event.event_id, second, other.event_id))
                yield from _event_differences(members, (first, event), (second, other))
    for index, member in enumerate(members):
        if not member.facts.links:
            continue  # no event of it says same_as
        table = member.facts.event_table()
        # The events of each timeline it names, unpacked once: with the first place of each id.
        named: dict[int, tuple[EventTable, dict[str, int]]] = {}
        for position, same_as in enumerate(table.same_as):
            if same_as is None or "/" not in same_as:
                continue
            event = table.fact(position)
            deal, _, event_id = same_as.partition("/")
            other_index = by_id.get(deal)
            if other_index is None or other_index == index:
                continue  # a timeline that is not in the collection cannot be compared
            if other_index not in named:
                named[other_index] = _by_first_id(members[other_index].facts.event_table())
            other_table, first_places = named[other_index]
            other_position = first_places.get(event_id)
            if other_position is None:
                if member.checked:
                    yield CollectionFinding(
                        index,
                        event.place("same_as"),
                        f"event '{event.event_id}' is the same as '{event.same_as}', but {members[other_index].path} "
                        f"has no event '{event_id}'",
                        Severity.ERROR,
                    )
                continue
            other = other_table.fact(other_position)
            pair_key = (
                (index, event.event_id, other_index, other.event_id)
                if index < other_index
                else (other_index, other.event_id, index, event.event_id)
            )
            if pair_key in compared:
                continue
            compared.add(pair_key)
            # Second: reported at the event that says same_as, when that file is checked.
            yield from _event_differences(members, (other_index, other), (index, event))


def _by_first_id(table: EventTable) -> tuple[EventTable, dict[str, int]]:
    found: dict[str, int] = {}
    for position, event_id in enumerate(table.ids):
        found.setdefault(event_id, position)
    return table, found


def _event_differences(
    members: Sequence[Member], first: tuple[int, EventFact], second: tuple[int, EventFact]
) -> Iterator[CollectionFinding]:
    first_index, second_index = first[0], second[0]
    # Reported in the later checked file of the two, naming the other.
    if members[second_index].checked:
        (here, event), (there, other) = second, first
    elif members[first_index].checked:
        (here, event), (there, other) = first, second
    else:
        return
    severity = Severity.WARNING if event.noted or other.noted else Severity.ERROR
    for key in ("date", "status", "type"):
        mine, theirs = getattr(event, key), getattr(other, key)
        if mine == theirs:
            continue
        explained = " (a note explains it)" if severity is Severity.WARNING else ""
        yield CollectionFinding(
            here,
            event.place(key),
            f"event '{event.event_id}' has {key} '{mine}' but the same event in "
            f"{members[there].where(other.place(key))} ('{other.event_id}') has '{theirs}'{explained}",
            severity,
            names=there,
        )


@collection_rule("related-one-way", Severity.WARNING)
def _related_one_way(context: CollectionContext) -> Iterator[CollectionFinding]:
    """A timeline lists another under `related:`, but that one does not list it back.

    Related timelines tell one story from two sides; readers of either should
    find the other. Only timelines of the collection (the checked files and the
    files beside them) are compared: a bundled timeline that does not list
    yours back is not reported (it is not yours to edit).
    """
    members = context.members
    by_id = context.by_id()
    for index, member in enumerate(members):
        if member.timeline_id is None:
            continue
        for related_id, at in member.related:
            other_index = by_id.get(related_id)
            if other_index is None or other_index == index:
                continue
            other = members[other_index]
            if any(back == member.timeline_id for back, _ in other.related):
                continue
            if member.checked:
                yield CollectionFinding(
                    index,
                    at,
                    f"'{related_id}' is listed under related: but {other.path} does not list '{member.timeline_id}'",
                )
            elif other.checked:
                yield CollectionFinding(
                    other_index,
                    other.id_at,
                    f"{member.where(at)} lists '{related_id}' under related: but this timeline does not list "
                    f"'{member.timeline_id}'",
                    names=index,
                )
