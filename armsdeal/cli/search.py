"""`armsdeal search`: events across every timeline (your folder's, then the bundled ones) that mention a text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from armsdeal.cli.app import (
    ColorMode,
    ColorOption,
    NoIndexOption,
    TimelinesOption,
    WidthOption,
    app,
    make_console,
    reports_errors,
    say,
    trim_trailing_spaces,
    write_data,
)
from armsdeal.core.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from armsdeal.check.load import Loaded
    from armsdeal.core.search import Found, Hit


@app.command()
@reports_errors
def search(
    text: Annotated[str, typer.Argument(help="Text to look for, ignoring case.", metavar="TEXT", show_default=False)],
    timelines: TimelinesOption = None,
    color: ColorOption = ColorMode.AUTO,
    width: WidthOption = None,
    no_cache: NoIndexOption = False,
) -> None:
    """Events of all timelines whose title, note, actors or tags contain TEXT, with their timeline.

    All timelines are those `list` shows: your folder's, then the bundled ones
    that no file of yours shadows.

    Exit codes, like grep: 0 something matched, 1 nothing matched (or a
    timeline is invalid and was skipped), 2 usage error or a
    file that cannot be read (named on stderr; the others are searched).
    """
    from armsdeal.cli.index import bypassed
    from armsdeal.core.collection import catalogue, describe_folders, search_path
    from armsdeal.core.fastpaths import enabled
    from armsdeal.core.search import Found
    from armsdeal.render.lines import LineRows, draw
    from armsdeal.render.search import search_view

    if not text.strip():
        raise UsageError("search: give a text to look for")
    folders = search_path(timelines)
    paths = [found.path for found in catalogue(folders)]
    hits: list[Hit] | list[Found]
    if enabled("search-index") and not bypassed(no_cache):
        hits, loaded = _from_rows(paths, text)
    else:
        hits, loaded = _from_timelines(paths, text, no_cache)
    for path, problems in loaded.invalid.items():
        say(f"armsdeal: skipped {path}: {len(problems)} problem(s); run armsdeal check {path}")
    for error in loaded.unreadable.values():
        say(f"armsdeal: skipped {error}")
    if not hits:
        say(f"armsdeal: no event in {describe_folders(folders)} mentions '{text}'")
        raise typer.Exit(2 if loaded.unreadable else 1)
    console = make_console(color, width)
    view = search_view(hits, text, console.width)
    if isinstance(view, LineRows):  # written a batch of rows at a time, trimmed as the console's stream trims
        write_data(draw(console, view, trim_trailing_spaces))
    else:
        console.print(view)
    deals = len({hit.row.timeline if isinstance(hit, Found) else hit.entry.timeline.id for hit in hits})
    say(f"{len(hits)} event(s) in {deals} timeline(s)")
    if loaded.unreadable or loaded.invalid:
        raise typer.Exit(2 if loaded.unreadable else 1)


def _from_timelines(paths: list[Path], text: str, no_cache: bool) -> tuple[list[Hit], Loaded]:
    """The hits, from the timelines (read, or unpickled from the index): the reference path."""
    from armsdeal.cli.index import load_catalogue
    from armsdeal.core.search import matching_events
    from armsdeal.index.sync import mentioning

    # From the index, only the timelines that can match are read (matching_events decides).
    loaded = load_catalogue(
        paths,
        no_cache=no_cache,
        narrow=lambda connection: mentioning(connection, text),
        kept=lambda timeline: bool(matching_events([timeline], text)),  # the others have no hit
    )
    return matching_events(loaded.timelines, text), loaded


def _from_rows(paths: list[Path], text: str) -> tuple[list[Found], Loaded]:
    """The hits, from the events' rows the index keeps (no timeline unpickled): fast path "search-index"."""
    from armsdeal.cli.index import load_hit_rows
    from armsdeal.core.search import matching_rows

    rows, loaded = load_hit_rows(paths, text)
    return matching_rows((rows[path] for path in paths if path in rows), text), loaded
