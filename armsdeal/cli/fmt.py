"""`armsdeal fmt`: the canonical layout of timeline files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from armsdeal.cli.app import TimelinesOption, app, reports_errors, say, write_data

if TYPE_CHECKING:
    from armsdeal.cli.editing import Original
    from armsdeal.curate.safety import Layout


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
    from armsdeal.check.results import collect_files
    from armsdeal.cli.editing import editable_dir, replace

    targets = collect_files([_path_or_name(path, timelines) for path in paths] if paths else [editable_dir(timelines)])
    changed = unchanged = failed = unreadable = 0
    for target in targets:
        if not isinstance(target, Path):
            say(f"armsdeal: {target.path}: {target.problems[0].message}")
            unreadable += 1
            continue
        outcome = _formatted(target)
        if isinstance(outcome, int):
            failed += outcome == 1
            unreadable += outcome == 2
            continue
        original, after = outcome
        if after is None:
            unchanged += 1
            continue
        changed += 1
        if diff:
            write_data(_unified_diff(original.text, original.layout, after, str(target)))
        elif check:
            write_data(f"{safe(str(target))}\n")
        else:
            replace(original, after)
            say(f"reformatted {target}")
    verb = "would be reformatted" if check or diff else "reformatted"
    summary = f"{changed} {'file' if changed == 1 else 'files'} {verb}, {unchanged} unchanged"
    if failed:
        summary += f", {failed} left as {'it was' if failed == 1 else 'they were'} (the reason for each is above)"
    say(summary)
    if unreadable:
        raise typer.Exit(2)
    if failed or (check and changed):
        raise typer.Exit(1)


def _formatted(target: Path) -> tuple[Original, bytes | None] | int:
    """The file and its formatted bytes (None: already formatted); 1 when it is refused, 2 unreadable (said)."""
    from armsdeal.cli.editing import read_original, verified
    from armsdeal.core.errors import ArmsdealError
    from armsdeal.curate.direct import direct_text
    from armsdeal.curate.fmt import format_text, in_date_order
    from armsdeal.curate.safety import readable
    from armsdeal.curate.yamlio import EditError

    try:
        original = read_original(target)
        readable(original.raw, str(target))
        text = direct_text(original.raw, original.text) or format_text(original.text, str(target))
        return original, verified(original, text, before_view=in_date_order)
    except EditError as error:
        say(str(error) if error.located else f"armsdeal: {error}")
        return 1
    except ArmsdealError as error:  # this path cannot be read: reported, and the others go on
        say(f"armsdeal: {error}")
        return 2


def _unified_diff(before: str, layout: Layout, after: bytes, name: str) -> str:
    """The change as a unified diff of the texts (line endings as '\\n'), the file name escaped."""
    import difflib

    from armsdeal.curate.safety import editable_text

    shown = safe(name)
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), editable_text(after, name).splitlines(keepends=True), shown, shown
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def safe(name: str) -> str:
    """A file name as data on stdout: control characters and the like escaped, as every message escapes them."""
    from armsdeal.render.safe_text import clean

    return clean(name, keep_newlines=False)


def _path_or_name(path: Path, timelines: Path | None) -> Path:
    """A path as given; a timeline's name (no such path, no suffix, no folder) found in your folder, as add does."""
    from armsdeal.cli.editing import find_editable
    from armsdeal.core.collection import SUFFIXES

    text = str(path)
    if path.exists() or path.is_symlink() or text.endswith(SUFFIXES) or path.name != text:
        return path
    return find_editable(text, timelines)
