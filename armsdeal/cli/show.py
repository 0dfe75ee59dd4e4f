"""`armsdeal show` and `armsdeal list`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from armsdeal.cli.app import (
    ColorMode,
    ColorOption,
    NamesArgument,
    TimelinesOption,
    WidthOption,
    app,
    make_console,
    reports_errors,
    say,
)
from armsdeal.core.errors import UsageError
from armsdeal.core.vocabulary import EventType

if TYPE_CHECKING:
    from armsdeal.core.model import Timeline


@app.command()
@reports_errors
def show(
    names: NamesArgument,
    timelines: TimelinesOption = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="Only events on or after this EDTF date (2019, 2019-07).")
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="Only events on or before this EDTF date.")] = None,
    types: Annotated[
        list[EventType] | None, typer.Option("--type", help="Only events of this type (repeatable).")
    ] = None,
    actors: Annotated[
        list[str] | None, typer.Option("--actor", help="Only events naming this actor id or name (repeatable).")
    ] = None,
    tags: Annotated[list[str] | None, typer.Option("--tag", help="Only events with this tag (repeatable).")] = None,
    contains: Annotated[
        str | None, typer.Option("--contains", help="Only events whose title, note, actors or tags contain this text.")
    ] = None,
    related: Annotated[
        bool,
        typer.Option(
            "--related", help="Add the timelines listed under related: (those in the folder), a column per deal."
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Only what had happened by this EDTF date (2018-06), with each deal's status at that date."
        ),
    ] = None,
    color: ColorOption = ColorMode.AUTO,
    width: WidthOption = None,
) -> None:
    """Draw one or more timelines as a coloured chronology.

    Several names merge into one chronology with a column naming each event's deal.
    """
    from armsdeal.check.load import load_named
    from armsdeal.core.chronology import EventFilter, merge
    from armsdeal.render.view import timeline_view

    # The same timeline named twice is shown once, as compare does.
    loaded = list({timeline.id: timeline for timeline in load_named(names, timelines)}.values())
    if related:
        loaded += _load_related(loaded, timelines)
    start, end = _date_bound(from_, "--from", latest=False), _date_bound(to, "--to", latest=True)
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {from_} is after --to {to}: no event can match")
    statuses: dict[str, str] = {}
    if as_of is not None:
        day, statuses = _derive_statuses(loaded, as_of)
        end = day if end is None else min(end, day)
    event_filter = EventFilter(
        start=start,
        end=end,
        types=frozenset(types or ()),
        actors=frozenset(actors or ()),
        tags=frozenset(tags or ()),
        contains=contains,
    )
    entries = merge(loaded, event_filter)
    make_console(color, width).print(timeline_view(loaded, entries, statuses=statuses))


def _load_related(loaded: list[Timeline], timelines: Path | None) -> list[Timeline]:
    """The timelines the loaded ones list under related:, once each, in the order listed.

    Ids with no file in the folder are named on stderr and left out.
    """
    from armsdeal.core.collection import resolve_dir, timeline_names

    directory = resolve_dir(timelines)
    present = set(timeline_names(directory))
    seen = {timeline.id for timeline in loaded}
    wanted: list[str] = []
    for timeline in loaded:
        for related_id in timeline.related:
            if related_id in seen:
                continue
            seen.add(related_id)
            if related_id in present:
                wanted.append(related_id)
            else:
                say(
                    f"armsdeal: {timeline.id} lists related timeline '{related_id}', "
                    f"which is not in {directory}; left out"
                )
    from armsdeal.check.load import load_named

    return load_named(wanted, timelines) if wanted else []


def _derive_statuses(loaded: list[Timeline], as_of: str) -> tuple[date, dict[str, str]]:
    """The last day --as-of means, and each deal's status on it in words ('signed (as of Jun 2018)')."""
    from armsdeal.core.dates import DateSyntaxError, parse_edtf
    from armsdeal.core.status import describe, status_at

    try:
        parsed = parse_edtf(as_of)
    except DateSyntaxError as error:
        raise UsageError(f"--as-of: {error}") from None
    if parsed.is_interval:
        raise UsageError(f"--as-of: give one date such as 2018-06, not the interval '{as_of}'")
    day = parsed.latest
    return day, {timeline.id: describe(status_at(timeline, day), parsed) for timeline in loaded}


@app.command(name="list")
@reports_errors
def list_(timelines: TimelinesOption = None, color: ColorOption = ColorMode.AUTO, width: WidthOption = None) -> None:
    """One line per timeline: id, title, supplier -> recipient, events, first and last date, status."""
    from armsdeal.check.load import load_many
    from armsdeal.core.collection import resolve_dir, timeline_files
    from armsdeal.render.view import list_view

    paths = timeline_files(resolve_dir(timelines))
    loaded = load_many(paths)
    valid = iter(loaded.timelines)
    rows = [(path.stem, None if path in loaded.invalid else next(valid)) for path in paths]
    make_console(color, width).print(list_view(rows))
    if loaded.invalid:
        raise typer.Exit(1)


def _date_bound(value: str | None, option: str, *, latest: bool) -> date | None:
    from armsdeal.core.dates import DateSyntaxError, parse_edtf

    if value is None:
        return None
    try:
        parsed = parse_edtf(value)
    except DateSyntaxError as error:
        raise UsageError(f"{option}: {error}") from None
    return parsed.latest if latest else parsed.earliest
