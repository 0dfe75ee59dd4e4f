"""`armsdeal new`: start a timeline."""

from __future__ import annotations

from typing import Annotated

import typer

from armsdeal.cli.app import TimelinesOption, app, reports_errors, say


@app.command()
@reports_errors
def new(
    timeline_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new timeline's id, such as thailand-gripen.", show_default=False)
    ],
    supplier: Annotated[str, typer.Option("--supplier", metavar="ACTOR", help="Actor id of the seller, e.g. sweden.")],
    recipient: Annotated[
        str, typer.Option("--recipient", metavar="ACTOR", help="Actor id of the buyer, e.g. thailand.")
    ],
    system: Annotated[str, typer.Option("--system", metavar="TEXT", help="The weapon system, e.g. 'Gripen E'.")],
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TEXT", help="One line [default: RECIPIENT buys SYSTEM from SUPPLIER]."),
    ] = None,
    timelines: TimelinesOption = None,
) -> None:
    """Write ID.yaml in the timelines folder: a minimal timeline that passes check, with comments on what goes where.

    The folder is --timelines, $ARMSDEAL_TIMELINES or ./timelines (created if
    missing). An existing file is never overwritten. Next: `armsdeal add ID ...`.
    """
    from armsdeal.cli.editing import create, editable_dir
    from armsdeal.curate.new import new_timeline_text, require_id

    require_id(timeline_id, "timeline id")
    text = new_timeline_text(timeline_id, supplier=supplier, recipient=recipient, system=system, title=title)
    folder = editable_dir(timelines, create=True)
    path = folder / f"{timeline_id}.yaml"
    if path.exists() or path.with_suffix(".yml").exists():
        from armsdeal.core.errors import UsageError

        raise UsageError(f"{path} already exists; armsdeal new never overwrites a file")
    if not create(path, text):
        from armsdeal.core.errors import UsageError

        raise UsageError(f"{path} already exists; armsdeal new never overwrites a file")
    say(f"wrote {path}")
    say(
        f"next: armsdeal add {timeline_id} --date YYYY-MM-DD --type TYPE --title TEXT "
        "--source URL --publisher TEXT --source-title TEXT"
    )
