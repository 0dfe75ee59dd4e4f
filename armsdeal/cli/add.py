"""`armsdeal add`: one event into a timeline, the rest of the file untouched."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer

from armsdeal.cli.app import ColorMode, ColorOption, TimelinesOption, app, reports_errors, say
from armsdeal.core.vocabulary import EventStatus, EventType


@app.command()
@reports_errors
def add(
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", help="The timeline: an id in the timelines folder, or a path to a .yaml file."),
    ],
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="EDTF date: 2021-10-07, 2021-10, 2021~ ...")],
    event_type: Annotated[
        str,
        typer.Option(
            "--type",
            metavar="TYPE",
            help=f"Event type: {', '.join(EventType)}.",
            autocompletion=lambda: list(EventType),
        ),
    ],
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="What happened, in one line.")],
    source: Annotated[str, typer.Option("--source", metavar="URL", help="The page that reports it.")],
    publisher: Annotated[
        str | None, typer.Option("--publisher", metavar="TEXT", help="Publisher of a source not cited yet.")
    ] = None,
    source_title: Annotated[
        str | None, typer.Option("--source-title", metavar="TEXT", help="Headline of a source not cited yet.")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help=f"How sure: {', '.join(EventStatus)} [default: confirmed].",
            autocompletion=lambda: list(EventStatus),
        ),
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
    timelines: TimelinesOption = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Add one event to a timeline, at its place in date order, with its source.

    A URL the timeline already cites reuses that source; one cited by another
    timeline in the folder is taken over from it; otherwise give --publisher and
    --source-title. The result is checked with every rule before it is written
    (atomically); the rest of the file keeps its comments and layout.
    Exit codes: 0 added, 1 the result would be invalid (nothing written), 2 usage error.
    """
    from armsdeal.cli.editing import editable_dir, other_timelines, read_text, write_atomically
    from armsdeal.core.collection import SUFFIXES, find
    from armsdeal.curate.add import Addition, add_event

    # A path is used as given; a name is looked up in the folder add may write in (never the bundled one).
    path = find(name, Path(".")) if name.endswith(SUFFIXES) else find(name, editable_dir(timelines))
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
    )
    added = add_event(read_text(path), str(path), addition, today=datetime.date.today(), others=other_timelines(path))
    write_atomically(path, added.text)
    where = {
        "cited": f"source '{added.source_id}', already cited",
        "taken": f"source '{added.source_id}', taken over from {added.taken_from}",
        "new": f"new source '{added.source_id}'",
    }[added.source]
    say(f"added event '{added.event_id}' to {path} ({where})")
