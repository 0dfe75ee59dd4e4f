"""`armsdeal new`: start a timeline, or copy a bundled one to edit."""

from __future__ import annotations

from typing import Annotated

import typer

from armsdeal.cli.app import TimelinesOption, app, reports_errors, say
from armsdeal.core.errors import UsageError


@app.command()
@reports_errors
def new(
    timeline_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new timeline's id, such as thailand-gripen.", show_default=False)
    ],
    supplier: Annotated[
        str | None, typer.Option("--supplier", metavar="ACTOR", help="Actor id of the seller, e.g. sweden.")
    ] = None,
    recipient: Annotated[
        str | None, typer.Option("--recipient", metavar="ACTOR", help="Actor id of the buyer, e.g. thailand.")
    ] = None,
    system: Annotated[
        str | None, typer.Option("--system", metavar="TEXT", help="The weapon system, e.g. 'Gripen E'.")
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TEXT", help="One line [default: RECIPIENT buys SYSTEM from SUPPLIER]."),
    ] = None,
    from_bundled: Annotated[
        bool,
        typer.Option("--from-bundled", help="Copy the bundled timeline ID into your folder, to edit it there."),
    ] = False,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Start an empty timeline although a bundled one has this id (yours hides it)."),
    ] = False,
    timelines: TimelinesOption = None,
) -> None:
    """Write ID.yaml in the timelines folder: a minimal timeline that passes check, with comments on what goes where.

    The folder is --timelines, $ARMSDEAL_TIMELINES or ./timelines (created if
    missing). An existing file is never overwritten. A bundled timeline's id
    needs --from-bundled (a copy to edit) or --replace (an empty one that hides
    it). Next: `armsdeal add ID ...`.
    """
    from armsdeal.cli.editing import bundled_timeline, create, editable_dir
    from armsdeal.curate.new import require_id

    require_id(timeline_id, "timeline id")
    bundled = bundled_timeline(timeline_id)
    if from_bundled:
        if bundled is None:
            raise UsageError(
                f"--from-bundled: there is no bundled timeline '{timeline_id}'; `armsdeal list` shows them"
            )
        text = bundled.read_text(encoding="utf-8")
    else:
        if bundled is not None and not replace:
            raise UsageError(
                f"'{timeline_id}' is a bundled timeline, and a file of yours by that id would hide it; "
                f"`armsdeal new {timeline_id} --from-bundled` copies it into your folder to edit, "
                "--replace starts an empty one in its place"
            )
        text = _template(timeline_id, supplier, recipient, system, title)
    folder = editable_dir(timelines, create=True)
    path = folder / f"{timeline_id}.yaml"
    if path.exists() or path.with_suffix(".yml").exists():
        raise UsageError(f"{path} already exists; armsdeal new never overwrites a file")
    if not create(path, text):
        raise UsageError(f"{path} already exists; armsdeal new never overwrites a file")
    say(f"wrote {path}" + (" (a copy of the bundled timeline)" if from_bundled else ""))
    again = f" --timelines {timelines}" if timelines is not None else ""  # as typed, so the hint runs as printed
    say(
        f"next: armsdeal add {timeline_id} --date YYYY-MM-DD --type TYPE --title TEXT "
        f"--source URL --publisher TEXT --source-title TEXT{again}"
    )


def _template(
    timeline_id: str, supplier: str | None, recipient: str | None, system: str | None, title: str | None
) -> str:
    from armsdeal.curate.new import new_timeline_text

    if supplier is None or recipient is None or system is None:
        missing = [
            name
            for name, value in (("--supplier", supplier), ("--recipient", recipient), ("--system", system))
            if value is None
        ]
        raise UsageError(f"new needs {', '.join(missing)} (or --from-bundled to copy a bundled timeline)")
    return new_timeline_text(timeline_id, supplier=supplier, recipient=recipient, system=system, title=title)
