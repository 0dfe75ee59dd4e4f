"""`armsdeal add`: one event into a timeline, the rest of the file untouched."""

from __future__ import annotations

import datetime
from collections import Counter
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from armsdeal.cli.app import (
    ColorMode,
    ColorOption,
    NoIndexOption,
    TimelinesOption,
    app,
    print_problems,
    reports_errors,
    say,
)
from armsdeal.core.vocabulary import ActorKind, EventStatus, EventType

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from armsdeal.check.config import Settings
    from armsdeal.check.results import FileResult
    from armsdeal.cli.editing import Original
    from armsdeal.core.problems import Problem
    from armsdeal.curate.add import Added, NewActor, UnknownActor


def _choices(option: str, metavar: str, what: str, values: type[StrEnum], *, after: str = "") -> Any:
    """An option whose values are a vocabulary's: listed in --help, offered by shell completion."""
    return typer.Option(
        option, metavar=metavar, help=f"{what}: {', '.join(values)}{after}.", autocompletion=lambda: list(values)
    )


@app.command()
@reports_errors
def add(
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", help="The timeline: an id in the timelines folder, or a path to a .yaml file."),
    ],
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="EDTF date: 2021-10-07, 2021-10, 2021~ ...")],
    event_type: Annotated[str, _choices("--type", "TYPE", "Event type", EventType)],
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="What happened, in one line.")],
    source: Annotated[str, typer.Option("--source", metavar="URL", help="The page that reports it.")],
    publisher: Annotated[
        str | None, typer.Option("--publisher", metavar="TEXT", help="Publisher of a source not cited yet.")
    ] = None,
    source_title: Annotated[
        str | None, typer.Option("--source-title", metavar="TEXT", help="Headline of a source not cited yet.")
    ] = None,
    source_date: Annotated[
        str | None,
        typer.Option(
            "--source-date", metavar="DATE", help="When a source not cited yet was published (EDTF: 2019-03-18)."
        ),
    ] = None,
    status: Annotated[
        str | None, _choices("--status", "STATUS", "How sure", EventStatus, after=" [default: confirmed]")
    ] = None,
    actors: Annotated[
        list[str] | None, typer.Option("--actor", metavar="ID", help="An actor id from actors: (repeatable).")
    ] = None,
    claimed_by: Annotated[
        list[str] | None,
        typer.Option("--claimed-by", metavar="ID", help="Who claims it, for claimed/disputed/denied (repeatable)."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Disagreements between sources.")] = None,
    event_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="The event's id [default: from the title].")
    ] = None,
    new_actor: Annotated[
        str | None,
        typer.Option("--new-actor", metavar="ID", help="Also add this actor under actors: (with --actor-name)."),
    ] = None,
    actor_name: Annotated[
        str | None, typer.Option("--actor-name", metavar="TEXT", help="The --new-actor's name, e.g. 'United States'.")
    ] = None,
    actor_kind: Annotated[str, _choices("--actor-kind", "KIND", "The --new-actor's kind", ActorKind)] = "state",
    timelines: TimelinesOption = None,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoIndexOption = False,
) -> None:
    """Add one event to a timeline, at its place in date order, with its source.

    A URL the timeline already cites reuses that source; one cited by another
    timeline in the folder is taken over from it; otherwise give --publisher and
    --source-title (and --source-date, its publication date, which names it).
    The result is checked with every rule before it is written
    (atomically), the rules across files too, against the timelines beside it,
    as 'armsdeal check FILE' would; the rest of the file keeps its comments and layout.
    Exit codes: 0 added, 1 the result would be invalid (nothing written), 2 usage error.
    """
    from armsdeal.check.rules.collection import served_beside
    from armsdeal.cli.editing import find_editable, read_original, replace
    from armsdeal.cli.index import beside_source
    from armsdeal.core.errors import InvalidTimeline
    from armsdeal.core.problems import Severity
    from armsdeal.curate.add import Addition, UnknownActor, add_event
    from armsdeal.curate.safety import readable

    path = find_editable(name, timelines)
    addition = Addition(
        date=date,
        type=event_type,
        title=title,
        source_url=source,
        publisher=publisher,
        source_title=source_title,
        status=status,
        actors=tuple(actors or ()),
        claimed_by=tuple(claimed_by or ()),
        note=note,
        event_id=event_id,
        source_date=source_date,
        new_actor=_new_actor(new_actor, actor_name, actor_kind),
    )
    from armsdeal.check.config import load_settings

    settings = load_settings()  # what check would ignore and its rule options: add refuses only what check would
    today = datetime.date.today()
    original = read_original(path)
    readable(original.raw, str(path))  # a file armsdeal cannot read completely: refused, its first problem named
    before = original.text
    try:
        added = add_event(
            before, str(path), addition, today=today, others=_others(path, source, no_cache), settings=settings
        )
    except UnknownActor as error:
        _explain(error)
        raise typer.Exit(error.exit_code) from None
    except InvalidTimeline as error:
        print_problems([_as_typed(problem, str(path)) for problem in error.problems], color)
        say(
            f"armsdeal: nothing written to {path}: the event would break the rules above; fix the options and add again"
        )
        raise typer.Exit(error.exit_code) from None
    after = _verified(original, added, addition.new_actor)
    with served_beside(beside_source(no_cache)):  # the files beside from the folder's index, as for check
        across = _introduced_across_files(str(path), before, added.text, today, settings)
    introduced = [_as_typed(problem, str(path)) for problem in across]
    errors = [problem for problem in introduced if problem.severity is Severity.ERROR]
    if introduced:
        print_problems(introduced, color)  # warnings alone are shown, as check shows them, and do not block
    if errors:
        say(f"armsdeal: nothing written to {path}: {_how_to_fix(errors, str(path.parent))}")
        raise typer.Exit(1)
    if after is not None:
        replace(original, after)
    where = {
        "cited": f"source '{added.source_id}', already cited",
        "taken": f"source '{added.source_id}', taken over from {added.taken_from}",
        "new": f"new source '{added.source_id}'",
    }[added.source]
    say(f"added event '{added.event_id}' to {path} ({where})")


def _others(path: Path, url: str, no_cache: bool) -> Iterator[tuple[str, Any]]:
    """(path, data) of the other timelines, read only if add looks at them: those that may cite ``url``."""
    from armsdeal.cli.editing import other_timelines
    from armsdeal.cli.index import citing

    yield from other_timelines(path, citing(path, url, no_cache=no_cache))


def _verified(original: Original, added: Added, new_actor: NewActor | None) -> bytes | None:
    """The bytes to write, under the data-safety contract: the old data kept, the addition read alike by all."""
    from armsdeal.cli.editing import verified
    from armsdeal.curate.safety import verify_new

    def without_addition(data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        events = data.get("events")
        if isinstance(events, list):
            data = {
                **data,
                "events": [e for e in events if not (isinstance(e, dict) and e.get("id") == added.event_id)],
            }
        sources = data.get("sources")
        if added.source != "cited" and isinstance(sources, dict):
            data = {**data, "sources": {k: v for k, v in sources.items() if k != added.source_id}}
        actors = data.get("actors")
        if new_actor is not None and isinstance(actors, dict):
            data = {**data, "actors": {k: v for k, v in actors.items() if k != new_actor.id}}
        return data

    def addition(data: Any) -> Any:
        events = data.get("events") if isinstance(data, dict) else None
        sources = data.get("sources") if isinstance(data, dict) else None
        return (
            [e for e in events or [] if isinstance(e, dict) and e.get("id") == added.event_id],
            sources.get(added.source_id) if isinstance(sources, dict) else None,
        )

    after = verified(original, added.text, after_view=without_addition)
    if after is not None:
        verify_new(after, str(original.path), select=addition)
    return after


def _new_actor(actor_id: str | None, name: str | None, kind: str) -> NewActor | None:
    from armsdeal.core.errors import UsageError
    from armsdeal.curate.add import NewActor

    if actor_id is None:
        if name is not None:
            raise UsageError("--actor-name names the actor that --new-actor ID adds; give --new-actor too")
        return None
    if name is None:
        raise UsageError(f"--new-actor {actor_id} needs --actor-name, the name readers know it by")
    return NewActor(actor_id, name, kind)


# A rule's words for a field, and the option of add that sets it (the user typed a command, not YAML).
_COMMAND_WORDS = (
    ("mark it 'status: expected'", "give --status expected"),
    ("has no claimed_by: saying who claims it", "has no --claimed-by saying who claims it"),
    ("cites no source; add 'sources:'", "cites no source; give --source"),
)


def _as_typed(problem: Problem, path: str) -> Problem:
    """A problem of the unwritten result in the words of add's options, placed at the file, not a line.

    Its line and column are in the text add would have written: in the file on disk they
    point at another line, or past its end.
    """
    import dataclasses

    if problem.path != path:
        return problem  # another timeline's file, as it is on disk
    message = problem.message
    for yaml_words, option_words in _COMMAND_WORDS:
        message = message.replace(yaml_words, option_words)
    return dataclasses.replace(problem, message=message, located=False)


# Known actors listed under the message: enough to spot the one meant, never a screenful.
MOST_ACTORS = 24


def _explain(error: UnknownActor) -> None:
    """The unknown actor, the known ones (bounded, wrapped) and the command-line way to add it."""
    import textwrap

    say(f"armsdeal: {error}")
    shown = error.known[:MOST_ACTORS]
    listed = ", ".join(shown) + (f" and {len(error.known) - len(shown)} more" if len(error.known) > len(shown) else "")
    for line in textwrap.wrap(f"known actors: {listed or 'none yet'}", width=76, break_on_hyphens=False):
        say(f"  {line}")
    say(f"  {error.hint()}")


def _introduced_across_files(
    path: str, before: str, after: str, today: datetime.date, settings: Settings
) -> list[Problem]:
    """The problems of the rules across files that `check PATH` would report in ``after`` and not in ``before``.

    Both texts are checked as the file at ``path``, against the timelines beside it, by check's own runner
    (with the project's ignored rules and rule options, as check reads them). A problem that was there
    before the addition (in this file, or caused by another file) is not the addition's: problems are
    compared by rule, severity and message (their places in this file move with the added lines; the
    places they name elsewhere do not).
    """
    from armsdeal.check.runner import check_targets

    ignore, options = settings.ignore, settings.options
    new = check_targets([_unwritten(path, after)], today=today, ignore=ignore, options=options).problems
    if not new:
        return []  # the usual case: the file before is not read across files at all
    old = check_targets([_unwritten(path, before)], today=today, ignore=ignore, options=options).problems
    left = Counter(_key(problem) for problem in old)
    introduced = []
    for problem in new:
        if left[_key(problem)] > 0:
            left[_key(problem)] -= 1
        else:
            introduced.append(problem)
    # An "and N more" line of a rule that has new problems of its own listed says nothing more.
    listed = {(problem.rule, problem.severity) for problem in introduced if not problem.omitted}
    return [p for p in introduced if not p.omitted or (p.rule, p.severity) not in listed]


def _key(problem: Problem) -> tuple[str, str, str]:
    return problem.rule, problem.severity, problem.message


def _unwritten(path: str, text: str) -> FileResult:
    """The file at ``path`` holding ``text``, as the runner's rules across files see a checked file.

    Its own problems are left out: the rules of one file are add's own verification (curate/add.py).
    """
    from armsdeal.check.facts import facts_of
    from armsdeal.check.results import FileResult
    from armsdeal.check.runner import describe_self
    from armsdeal.read.stage import parse_bytes

    document = parse_bytes(text.encode("utf-8"), path)
    timeline_id, id_at, related = describe_self(document)
    return FileResult(path, (), True, timeline_id, id_at, related, facts_of(document))


def _how_to_fix(errors: list[Problem], folder: str) -> str:
    """What to do about problems of the rules across files that the addition would bring."""
    rules = {problem.rule for problem in errors}
    beside = "this folder" if folder == "." else f"{folder}/"
    hints = []
    if "event-conflict" in rules:
        hints.append(
            "give the event the date, status and type the other timeline records, or --note to explain "
            "why the sources disagree (a warning then), or another --id if it is not the same event"
        )
    if "source-conflict" in rules:
        hints.append(
            f"the timelines in {beside} describe this source differently: make them agree first "
            f"('armsdeal check {folder}' lists where), then add again"
        )
    if rules - {"event-conflict", "source-conflict"}:
        hints.append(f"'armsdeal check {folder}' would report this after the addition")
    return "; ".join(hints)
