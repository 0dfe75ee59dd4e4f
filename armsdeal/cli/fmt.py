"""`armsdeal fmt`: the canonical layout of timeline files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from armsdeal.cli.app import TimelinesOption, app, reports_errors, say, write_data


@app.command()
@reports_errors
def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Timeline files or folders (searched recursively) [default: the timelines folder].",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; list the files that would change and exit 1 if any.")
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; print the changes as a unified diff.")] = False,
    timelines: TimelinesOption = None,
) -> None:
    """Rewrite timeline files in the canonical layout (docs/format.md), keeping comments and data.

    Keys in the documented order, events in date order, one quoting and
    indentation style, long summaries and notes folded. Formatting twice changes
    nothing. Exit codes: 0 done (or nothing to change), 1 with --check when a
    file would change, or a file that is not valid YAML, 2 usage or I/O error.
    """
    import difflib

    from armsdeal.check.runner import collect_files
    from armsdeal.cli.editing import editable_dir, read_text, write_atomically
    from armsdeal.core.errors import ArmsdealError
    from armsdeal.curate.fmt import format_text
    from armsdeal.curate.yamlio import EditError

    targets = collect_files([_path_or_name(path, timelines) for path in paths] if paths else [editable_dir(timelines)])
    changed = unchanged = failed = unreadable = 0
    for target in targets:
        if not isinstance(target, Path):
            say(f"armsdeal: {target.path}: {target.problems[0].message}")
            unreadable += 1
            continue
        try:
            before = read_text(target)
            after = format_text(before, str(target))
        except EditError as error:
            say(f"armsdeal: {error}")
            failed += 1
            continue
        except ArmsdealError as error:  # this path cannot be read: reported, and the others go on
            say(f"armsdeal: {error}")
            unreadable += 1
            continue
        if after == before:
            unchanged += 1
            continue
        changed += 1
        if diff:
            lines = difflib.unified_diff(
                before.splitlines(keepends=True), after.splitlines(keepends=True), str(target), str(target)
            )
            write_data("".join(line if line.endswith("\n") else line + "\n" for line in lines))
        elif check:
            write_data(f"{target}\n")
        else:
            write_atomically(target, after)
            say(f"reformatted {target}")
    verb = "would be reformatted" if check or diff else "reformatted"
    summary = f"{changed} {'file' if changed == 1 else 'files'} {verb}, {unchanged} unchanged"
    if failed:
        summary += f", {failed} not valid YAML (run armsdeal check)"
    say(summary)
    if unreadable:
        raise typer.Exit(2)
    if failed or (check and changed):
        raise typer.Exit(1)


def _path_or_name(path: Path, timelines: Path | None) -> Path:
    """A path as given; a timeline's name (no such path, no suffix, no folder) found in your folder, as add does."""
    from armsdeal.cli.editing import find_editable
    from armsdeal.core.collection import SUFFIXES

    text = str(path)
    if path.exists() or path.is_symlink() or text.endswith(SUFFIXES) or path.name != text:
        return path
    return find_editable(text, timelines)
