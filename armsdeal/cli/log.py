"""`armsdeal log`: what the record said, and when it changed: a timeline's history in git, in diff's words."""

from __future__ import annotations

from typing import Annotated

import typer

from armsdeal.cli.app import (
    ActorOption,
    ColorMode,
    ColorOption,
    TimelinesOption,
    TypeOption,
    WidthOption,
    app,
    make_console,
    reports_errors,
    say,
    write_data,
)
from armsdeal.cli.options import format_option
from armsdeal.diff.log_formats import FORMATS, Parts


@app.command(short_help="A timeline's history in git: each commit that changed it, and what it changed.")
@reports_errors
def log(
    names: Annotated[
        list[str],
        typer.Argument(
            help="A timeline (name or path), then optionally an EVENT-ID to follow that event's history.",
            metavar="NAME [EVENT-ID]",
            show_default=False,
        ),
    ],
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE|REV", help="Only commits after this git revision or on or after this date."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE|REV", help="Only commits up to this git revision or this date."),
    ] = None,
    follow: Annotated[
        bool, typer.Option("--follow/--no-follow", help="Follow the file through renames and moves.")
    ] = True,
    oneline: Annotated[
        bool, typer.Option("--oneline", help="One line per commit, with counts of the changes.")
    ] = False,
    format_: Annotated[str, format_option(FORMATS)] = FORMATS.default,
    types: TypeOption = None,
    actors: ActorOption = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Do not page long output (ARMSDEAL_PAGER, PAGER, less -R).")
    ] = False,
    timelines: TimelinesOption = None,
    color: ColorOption = ColorMode.AUTO,
    width: WidthOption = None,
) -> None:
    """Show each commit that changed a timeline, newest first, and what it changed, as diff words it.

    Renames are followed. Dates for --since and --until are commit dates (2024,
    2024-03, 2024-03-01); anything else is a git revision. A revision that today's
    rules reject is read as far as it can be, and says so; one that is not YAML is
    named as unreadable. --format markdown is a corrections page to publish.

    Exit codes: 0 success, 2 usage error, not in git, untracked, or a shallow clone.
    """
    from armsdeal.cli.pager import page_parts
    from armsdeal.core.chronology import EventFilter, parse_types
    from armsdeal.core.collection import locate, search_path
    from armsdeal.core.errors import UsageError
    from armsdeal.diff.history import Range, event_narrowing, walk

    if len(names) > 2:
        raise UsageError(f"log shows one timeline (NAME [EVENT-ID]); got {len(names)} arguments")
    path = locate(names[0], search_path(timelines))
    event_filter = (
        EventFilter(types=parse_types(types or ()), actors=frozenset(actors or ())) if types or actors else None
    )
    narrow = event_narrowing(event_filter, names[1] if len(names) == 2 else None)
    subject, entries = walk(path, Range(since, until), follow=follow, narrow=narrow)
    if len(names) == 2 and names[1] not in subject.event_ids:
        from armsdeal.core.collection import suggest

        hint = suggest(names[1], sorted(subject.event_ids))
        say(
            f"armsdeal: '{names[1]}' is not an event of {subject.timeline} now{hint}; "
            "its history is shown if it had one"
        )
    chosen = FORMATS.load(format_)
    output = (chosen.oneline if oneline else chosen.render)(subject, entries)
    if isinstance(output, Parts):
        page_parts(make_console(color, width), output.parts, no_pager)
    else:
        write_data(output)
