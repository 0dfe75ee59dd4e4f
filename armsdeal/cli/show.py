"""`armsdeal show` and `armsdeal list`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from armsdeal.cli.app import (
    ActorOption,
    AsOfOption,
    AtOption,
    ColorMode,
    ColorOption,
    ContainsOption,
    FromOption,
    NoCacheOption,
    TagOption,
    TimelinesOption,
    ToOption,
    TypeOption,
    WidthOption,
    app,
    make_console,
    reports_errors,
    say,
    trim_trailing_spaces,
    write_data,
)
from armsdeal.cli.options import filtering
from armsdeal.cli.pager import page_view as _output
from armsdeal.core.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from armsdeal.core.collection import Folder
    from armsdeal.core.model import Event, Timeline


@app.command(short_help="Draw timelines: the deal's shape, one line per event, the sources.")
@reports_errors
def show(
    names: Annotated[
        list[str],
        typer.Argument(
            help="Timeline names (ids such as turkey-s400, any case) or paths to .yaml files; "
            "after a timeline, an EVENT-ID of it shows that event in full.",
            metavar="NAME... [EVENT-ID]",
            show_default=False,
        ),
    ],
    full: Annotated[
        bool,
        typer.Option(
            "--full", "-v", help="Every detail: notes, actors, location, quantity, tags, time between events."
        ),
    ] = False,
    summary: Annotated[bool, typer.Option("--summary", help="Add each deal's summary paragraph.")] = False,
    from_: FromOption = None,
    to: ToOption = None,
    types: TypeOption = None,
    actors: ActorOption = None,
    tags: TagOption = None,
    contains: ContainsOption = None,
    related: Annotated[
        bool,
        typer.Option(
            "--related", help="Add the deals listed under related:, each real-world event once, a lane per deal."
        ),
    ] = False,
    as_of: AsOfOption = None,
    at: AtOption = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Do not page long output (ARMSDEAL_PAGER, PAGER, less -R).")
    ] = False,
    no_cache: NoCacheOption = False,
    timelines: TimelinesOption = None,
    color: ColorOption = ColorMode.AUTO,
    width: WidthOption = None,
) -> None:
    """Draw one or more timelines: the deal's shape at a glance, details on demand.

    By default: a short header, an overview strip (a time axis with every event
    marked and the milestones named), one line per event and one per source.
    --full adds every detail; NAME EVENT-ID shows one event. Several names (or
    --related) share one chronology, each real-world event once, a lane per
    deal. Long output on a terminal goes through a pager.

    Timelines are looked up in the --timelines folder (or ARMSDEAL_TIMELINES,
    or ./timelines), then among the bundled ones; a file of yours with a
    bundled name is used instead of it.
    """
    from armsdeal.core.chronology import merge, one_per_event
    from armsdeal.core.collection import search_path
    from armsdeal.render.view import ViewOptions, event_view, timeline_view

    folders = search_path(timelines)
    headers: list[str] = []
    load = _load_paths if at is None else _at_loader(at, headers)
    loaded, events = _load_arguments(names, folders, load)
    if related:
        loaded += _load_related(loaded, folders, load)
    options_given = any((from_, to, types, actors, tags, contains, related, as_of))
    if events and options_given:
        raise UsageError(
            "an EVENT-ID shows one event in full: --from, --to, --type, --actor, --tag, --contains, --related and "
            "--as-of do not apply (`armsdeal show NAME --as-of DATE` shows the deal as it stood then)"
        )
    selection = filtering(
        loaded, from_=from_, to=to, types=types, actors=actors, tags=tags, contains=contains, as_of=as_of
    )
    console = make_console(color, width)
    options = ViewOptions(
        full=full,
        summary=summary,
        links=_links_on(console),
        as_of=selection.as_of,
        statuses=selection.described,
        known=selection.statuses,
    )
    if events:
        from rich.console import Group

        views = Group(*(event_view(timeline, event, options) for timeline, event in events))
        _output(console, _headed(headers, views), no_pager)
        return
    entries = one_per_event(merge(loaded, selection.event_filter))
    _output(console, _headed(headers, timeline_view(loaded, entries, options)), no_pager)


def _headed(headers: list[str], view: RenderableType) -> RenderableType:
    """With --at, the view under the lines that say which commit of each timeline it shows."""
    if not headers:
        return view
    from rich.console import Group

    from armsdeal.render.styled import styled

    return Group(*(styled(line, "dim") for line in headers), view)


def _links_on(console: Console) -> bool:
    """Hyperlinks (OSC 8) only on a real terminal with colour that is not 'dumb'."""
    from armsdeal.cli.pager import stdout_is_terminal

    term = os.environ.get("TERM", "")
    return console.is_terminal and console.color_system is not None and stdout_is_terminal() and term != "dumb"


def _load_arguments(
    names: list[str], folders: list[Folder], load: Callable[[list[Path]], list[Timeline]]
) -> tuple[list[Timeline], list[tuple[Timeline, Event]]]:
    """The timelines named, once each, and the events named after them (EVENT-ID), in order."""
    from armsdeal.core.collection import locate

    loaded: dict[str, Timeline] = {}
    events: list[tuple[Timeline, Event]] = []
    for name in names:
        try:
            path = locate(name, folders)
        except UsageError:
            found = [(t, e) for t in loaded.values() for e in t.events if e.id == name]
            if not found:
                if loaded:
                    raise _neither(name, list(loaded.values()), folders) from None
                raise
            events.extend(found)
            continue
        for timeline in load([path]):
            loaded.setdefault(timeline.id, timeline)
    return list(loaded.values()), events


def _neither(name: str, loaded: list[Timeline], folders: list[Folder]) -> UsageError:
    """After a timeline, a name that is neither one of its events nor a timeline: say both, and the closest."""
    from armsdeal.core.collection import catalogue, describe_folders, suggest

    ids = ", ".join(timeline.id for timeline in loaded)
    known = [event.id for timeline in loaded for event in timeline.events]
    hint = suggest(name, known) or suggest(name, [found.name for found in catalogue(folders)])
    return UsageError(
        f"'{name}' is neither an event of {ids} nor a timeline in {describe_folders(folders)}{hint}"
        "; `armsdeal search WORDS` shows the ids of the events it finds"
    )


def _load_related(
    loaded: list[Timeline], folders: list[Folder], load: Callable[[list[Path]], list[Timeline]]
) -> list[Timeline]:
    """The timelines the loaded ones list under related:, once each, in the order listed.

    Ids with no file on the search path are named on stderr and left out.
    """
    from armsdeal.check.load import related_names
    from armsdeal.core.collection import describe_folders, locate_all

    wanted, missing = related_names(loaded, folders)
    where = describe_folders(folders)
    for listing, related_id in missing:
        say(f"armsdeal: {listing} lists related timeline '{related_id}', which is not in {where}; left out")
    return load(locate_all(wanted, folders)) if wanted else []


@app.command(
    name="list",
    short_help="One line per timeline: id, title, deal, events, dates, status, where it is from.",
)
@reports_errors
def list_(
    no_cache: NoCacheOption = False,
    timelines: TimelinesOption = None,
    color: ColorOption = ColorMode.AUTO,
    width: WidthOption = None,
) -> None:
    """One line per timeline: id, title, supplier -> recipient, events, first and last date, status, and
    where it comes from (your folder or bundled; yours shadows a bundled one of the same name).

    Narrow terminals keep id, the last date and status (the first date goes last) and say what was left out.

    An invalid timeline is listed as such (exit 1); a file that cannot be read
    is named on stderr and listed as invalid, and the rest are listed (exit 2).
    """
    from armsdeal.cli.index import load_listing
    from armsdeal.core.collection import catalogue, search_path
    from armsdeal.render.lines import draw
    from armsdeal.render.view import list_view

    folders = search_path(timelines)
    found = catalogue(folders)
    listed, loaded = load_listing([item.path for item in found], no_cache=no_cache)
    for error in loaded.unreadable.values():
        say(f"armsdeal: skipped {error}")
    rows = [(item, listed.get(item.path)) for item in found]
    console = make_console(color, width)
    text = "".join(draw(console, list_view(rows, folders), trim_trailing_spaces))
    from armsdeal.cli import cache

    cache.record(text)  # stored only if the run ends with 0 and nothing on stderr
    write_data(text)
    if loaded.unreadable or loaded.invalid:
        raise typer.Exit(2 if loaded.unreadable else 1)


def _at_loader(at: str, headers: list[str]) -> Callable[[list[Path]], list[Timeline]]:
    """--at: files loaded as git had them then; the lines saying which commits go into ``headers``."""
    from armsdeal.cli.options import timelines_at

    def load(paths: list[Path]) -> list[Timeline]:
        found, lines = timelines_at(paths, at)
        headers.extend(lines)
        return found

    return load


def _load_paths(paths: list[Path]) -> list[Timeline]:
    """Every file loaded; if any is invalid, InvalidTimeline with the problems of all of them."""
    from armsdeal.check.load import load_many
    from armsdeal.core.errors import InvalidTimeline

    loaded = load_many(paths)
    for error in loaded.unreadable.values():
        raise error  # a file the command was given: its reading error stops the command
    if loaded.invalid:
        raise InvalidTimeline(loaded.problems)
    return loaded.timelines
