"""`armsdeal diff`: what changed in meaning between two versions of a timeline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from armsdeal.cli.app import (
    ColorMode,
    ColorOption,
    TimelinesOption,
    WidthOption,
    app,
    make_console,
    reports_errors,
    say,
    write_data,
)
from armsdeal.cli.options import format_option
from armsdeal.core.errors import InvalidDiffInput, InvalidTimeline, UsageError

if TYPE_CHECKING:
    from armsdeal.diff.revisions import Version, VersionPair
from armsdeal.diff.formats import FORMATS


@app.command()
@reports_errors
def diff(
    operands: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="OLD NEW",
            help="Two timelines: names, paths, or REV:PATH from git (HEAD~1:timelines/x.yaml). "
            "With --base: timeline names to limit the comparison to.",
            show_default=False,
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REV",
            help="Compare every timeline file that differs between git revision REV and the working tree.",
        ),
    ] = None,
    format_: Annotated[str, format_option(FORMATS)] = FORMATS.default,
    stat: Annotated[bool, typer.Option("--stat", help="Only count the changes, per timeline.")] = False,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="FIELD",
            help="Leave out changes to this field (repeatable): note, event.note, deal.value, ...",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Compare OLD and NEW as versions of one timeline even when their ids differ."),
    ] = False,
    timelines: TimelinesOption = None,
    color: ColorOption = ColorMode.AUTO,
    width: WidthOption = None,
) -> None:
    """Show what changed between two versions of a timeline, by meaning rather than by line.

    Events, sources and actors are matched by id (moving one is not a change;
    a changed id with the same date, type and title is a rename); dates are
    compared by the days they mean (refined, coarsened, moved).

    Exit codes as diff(1): 0 no differences, 1 differences, 2 error (including
    invalid timelines).
    """
    from armsdeal.diff.engine import diff_timelines, ignore_matcher

    ignored = ignore or []
    ignore_matcher(ignored)  # an unknown field is a usage error before anything is read
    comparisons = _comparisons(operands or [], base, timelines, force=force)
    for version in (side for pair in comparisons for side in (pair.old, pair.new) if side.failed is not None):
        say(f"armsdeal: {version.label} did not pass check ({version.failed}); compared as far as it can be read")
    diffs = [
        diff_timelines(
            pair.old.timeline, pair.new.timeline, ignore=ignored, old_label=pair.old.label, new_label=pair.new.label
        )
        for pair in comparisons
    ]
    differing = [found for found in diffs if not found.is_empty]
    chosen = FORMATS.load(format_)
    output = (chosen.stat if stat else chosen.render)(differing)
    if isinstance(output, str):
        write_data(output)
    else:
        make_console(color, width).print(output)
    if differing:
        raise typer.Exit(1)


def _comparisons(names: list[str], base: str | None, timelines: Path | None, *, force: bool) -> list[VersionPair]:
    """The pairs of versions to compare: OLD and NEW, or each file that differs from --base."""
    from armsdeal.core.collection import search_path
    from armsdeal.diff.revisions import (
        base_comparisons,
        compare_operands,
        require_base,
        with_repository_folder,
    )

    if base is None and len(names) != 2:
        raise UsageError(f"diff compares two timelines (OLD NEW), or uses --base REV; got {len(names)} operand(s)")
    if base is not None:
        require_base(base)
    needs_git = base is not None or any(":" in name and not Path(name).is_file() for name in names)
    folders = with_repository_folder(search_path(timelines), needs_git=needs_git)
    try:
        comparisons = (
            base_comparisons(base, names, folders[0].path)  # git compares the files of the user's folder
            if base is not None
            else [compare_operands(names[0], names[1], folders)]
        )
    except InvalidTimeline as error:
        raise InvalidDiffInput(error.problems) from None
    if base is None:
        _refuse_two_deals(comparisons[0].old, comparisons[0].new, force=force)
    return comparisons


def _refuse_two_deals(old: Version, new: Version, *, force: bool) -> None:
    """Two operands are versions of one timeline: different ids are likely two deals, compared only on --force."""
    if old.timeline is None or new.timeline is None or old.timeline.id == new.timeline.id:
        return
    differ = f"the ids differ: {old.label} holds '{old.timeline.id}' and {new.label} holds '{new.timeline.id}'"
    if not force:
        raise UsageError(
            f"{differ}, which look like two different deals; `armsdeal compare {old.timeline.id} "
            f"{new.timeline.id}` sets deals side by side, --force compares them as versions of one timeline"
        )
    say(f"armsdeal: {differ}; compared as versions of one timeline (--force)")
