"""`armsdeal export`: timelines to Markdown, JSON, CSV, Mermaid, TimelineJS, SVG, HTML (text) or SQLite (a file)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from armsdeal.cli.app import (
    ActorOption,
    AsOfOption,
    AtOption,
    ContainsOption,
    FromOption,
    NoIndexOption,
    TagOption,
    TimelinesOption,
    ToOption,
    TypeOption,
    _complete_names,
    app,
    reports_errors,
    say,
    write_data,
)
from armsdeal.cli.options import filtering, format_option, named_at, narrowed
from armsdeal.core.errors import UsageError
from armsdeal.export import FORMATS

if TYPE_CHECKING:
    from armsdeal.core.collection import Folder
    from armsdeal.core.model import Timeline
    from armsdeal.core.problems import Problem
    from armsdeal.export import FileExport

_STDOUT = "-"
# The suffixes the registry's entries claim: a new format with suffixes needs no change here.
_SUFFIXES = ", ".join(suffix for entry in FORMATS for suffix in entry.suffixes)

# NAME... is optional here: --all exports every timeline `list` shows instead.
OptionalNames = Annotated[
    list[str] | None,
    typer.Argument(
        help="Timeline names (ids such as turkey-s400) or paths to .yaml files; or --all.",
        metavar="NAME",
        autocompletion=_complete_names,
        show_default=False,
    ),
]


@app.command()
@reports_errors
def export(
    names: OptionalNames = None,
    format_: Annotated[
        str | None,
        format_option(FORMATS, default_note=f"from the -o file's suffix ({_SUFFIXES}), else markdown"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically: complete or not at all) instead of stdout; - is stdout.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    mermaid: Annotated[bool, typer.Option("--mermaid", help="Markdown: add a Mermaid timeline diagram.")] = False,
    all_: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Without NAME: every timeline `list` shows (your folder's, then the bundled ones). "
            "Mermaid: the full diagram, every event in a column per date; without it a diagram is at most "
            "1,600 px wide (a column per year, only the milestones past 15 events).",
        ),
    ] = False,
    related: Annotated[
        bool,
        typer.Option(
            "--related", help="Add the timelines listed under related: (those found), as if named: a lane each in SVG."
        ),
    ] = False,
    from_: FromOption = None,
    to: ToOption = None,
    types: TypeOption = None,
    actors: ActorOption = None,
    tags: TagOption = None,
    contains: ContainsOption = None,
    as_of: AsOfOption = None,
    at: AtOption = None,
    metadata: Annotated[
        Path | None,
        typer.Option(
            "--metadata",
            help="sqlite: also write Datasette's metadata (table and column descriptions) to this JSON file.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    timelines: TimelinesOption = None,
    no_cache: NoIndexOption = False,
) -> None:
    """Export timelines as Markdown (default), JSON, CSV, Mermaid, TimelineJS, an SVG chart, an HTML page or SQLite.

    Several names give one document: a section per deal in Markdown, a
    timeline column in CSV, a group per deal in TimelineJS, a lane per deal in SVG and HTML, rows of every
    deal in SQLite. The filters (--from ... --as-of) mean what they mean for show. An invalid timeline
    exports nothing: its problems go to stderr and the exit code is 1. SQLite writes a file (-o deals.db);
    in an existing database it replaces only its own tables (docs/sqlite.md). `export --all -o deals.db`
    exports every timeline `list` shows: your folder's, then the bundled ones yours do not shadow.
    """
    from armsdeal.cli.output import write_atomically
    from armsdeal.export import ExportOptions, export_pieces

    writes_file = output is not None and str(output) != _STDOUT
    target = output if writes_file else None
    chosen = format_ or _format_for_output(target)
    _refuse_clashing_options(chosen, mermaid=mermaid, all_=all_, names=bool(names), target=target, metadata=metadata)
    # --all means "everything": with no NAME, every timeline `list` shows (any format); for
    # Mermaid, every event too. With NAMEs it is Mermaid's alone, as before.
    every_timeline = all_ and not names
    names = _names(names or [], every_timeline, timelines)
    filtered = any((from_, to, types, actors, tags, contains, as_of))
    if every_timeline and chosen == "sqlite" and target is not None and not (filtered or related or at):
        _database_of_all(names, timelines, target, metadata, no_cache=no_cache)
        return
    loaded = _load(names, timelines, at, every_timeline=every_timeline, no_cache=no_cache)
    _refuse_duplicates(loaded)
    if related:
        loaded += _load_related(loaded, timelines, at)
    selection = filtering(
        loaded, from_=from_, to=to, types=types, actors=actors, tags=tags, contains=contains, as_of=as_of
    )
    loaded = _keep_matching(narrowed(loaded, selection), filtered=filtered, every_timeline=every_timeline)
    if target is not None:
        _refuse_overwriting_inputs(names, timelines, target)
        if metadata is not None and metadata.resolve() == target.resolve():
            raise UsageError(f"--metadata {metadata} is the database itself; choose another file")
    # Text in pieces (markdown, html) is written as it is made, never held whole (export_pieces).
    result = export_pieces(chosen, loaded, ExportOptions(mermaid=mermaid, all_events=all_))
    if not isinstance(result, str | Iterator):
        assert target is not None  # to_file formats were refused without -o above
        _write_file(result, target, metadata)
    elif target is not None:
        write_atomically(target, result)
    else:
        write_data(result)


def _refuse_clashing_options(
    chosen: str, *, mermaid: bool, all_: bool, names: bool, target: Path | None, metadata: Path | None
) -> None:
    """UsageError for options that do not go with the format ``chosen`` (or each other)."""
    if mermaid and chosen != "markdown":
        hint = "" if chosen == "mermaid" else "; for a diagram alone use --format mermaid"
        raise UsageError(f"--mermaid adds a diagram to Markdown, not to --format {chosen}{hint}")
    if all_ and names and chosen != "mermaid" and not mermaid:
        raise UsageError(
            f"--all with NAME... is for Mermaid diagrams (--format mermaid or --mermaid), not --format {chosen}; "
            "without NAME it exports every timeline"
        )
    to_file = FORMATS[chosen].to_file
    if to_file and target is None:
        raise UsageError(f"--format {chosen} writes a file, not text: give -o FILE (for example -o deals.db)")
    if metadata is not None and not to_file:
        raise UsageError(f"--metadata describes a database; --format {chosen} has none")


def _names(names: list[str], every_timeline: bool, timelines: Path | None) -> list[str]:
    """The NAMEs given, or for --all the files of every timeline `list` shows (yours, then the bundled ones)."""
    from armsdeal.core.collection import catalogue, describe_folders, search_path

    if not every_timeline:
        if not names:
            raise UsageError("give the timelines to export (NAME...) or --all")
        return names
    folders = search_path(timelines)
    found = catalogue(folders)
    if not found:
        raise UsageError(f"--all: no timelines in {describe_folders(folders)}")
    return [str(item.path) for item in found]


def _load(
    names: list[str], timelines: Path | None, at: str | None, *, every_timeline: bool, no_cache: bool
) -> list[Timeline]:
    """The timelines named; --all's from the collection index (cli/index.py), as load_named would give them."""
    from armsdeal.check.load import load_named

    if at is not None:
        return named_at(names, timelines, at)
    if not every_timeline:
        return load_named(names, timelines)
    from armsdeal.cli.index import load_catalogue
    from armsdeal.core.errors import InvalidTimeline

    loaded = load_catalogue([Path(name) for name in names], no_cache=no_cache)
    for error in loaded.unreadable.values():
        raise error
    if loaded.invalid:
        raise InvalidTimeline(loaded.problems)
    return loaded.timelines


def _database_of_all(
    names: list[str], timelines: Path | None, target: Path, metadata: Path | None, *, no_cache: bool
) -> None:
    """`export --all -o x.db`: the timelines read one at a time into the database, never held together.

    Files are read in the order of their names, which is the order of their ids (a file's id is
    its name: the file-name rule), the order the database holds them in. With the collection
    index, its rows are copied instead when it has every file's (cli/index_rows.py).
    """
    from armsdeal.core.collection import SUFFIXES, search_path
    from armsdeal.export.sqlite_export import export_sqlite_stream

    located: list[Path] | None = None
    if target.suffix not in SUFFIXES:  # else the refusal below says so before any name is looked up
        located = _located(names, search_path(timelines))
    _refuse_overwriting_inputs(names, timelines, target, located)
    if metadata is not None and metadata.resolve() == target.resolve():
        raise UsageError(f"--metadata {metadata} is the database itself; choose another file")
    assert located is not None  # a .yaml target was refused above
    paths = sorted(located, key=lambda path: path.stem)
    if _copied_from_index(paths, target, metadata, no_cache=no_cache):
        return
    _write_file(export_sqlite_stream(_each_valid(paths)), target, metadata)


def _located(names: list[str], folders: list[Folder]) -> list[Path]:
    """``locate_all(names, folders)`` for the catalogue's paths that --all names: a regular file in one stat."""
    import os

    from armsdeal.core.collection import SUFFIXES, locate_all

    if all(name.endswith(SUFFIXES) and os.path.isfile(name) for name in names):
        return [Path(name) for name in names]  # what locate gives a path to a file
    return locate_all(names, folders)


def _copied_from_index(paths: list[Path], target: Path, metadata: Path | None, *, no_cache: bool) -> bool:
    """Whether the database was written from the folders' indexes (False: nothing written, read the files)."""
    from armsdeal.cli.index import bypassed
    from armsdeal.core.fastpaths import enabled

    if bypassed(no_cache) or not enabled("index-rows"):
        return False
    from armsdeal.cli.index_rows import rows_copier
    from armsdeal.export.sqlite_export import export_sqlite_copied
    from armsdeal.index.rows import Stale

    copier = rows_copier(paths)
    if copier is None:
        return False
    try:
        _write_file(export_sqlite_copied(copier), target, metadata)
    except Stale:
        return False  # another run rewrote the index meanwhile: the target is as it was
    return True


def _each_valid(paths: list[Path]) -> Iterator[Timeline]:
    """The timelines of these files one at a time; after the last, InvalidTimeline with every invalid file's problems
    (as load_named says them), so that no database is written from an invalid collection."""
    from armsdeal.check.load import load_many
    from armsdeal.core.errors import InvalidTimeline

    seen: set[str] = set()
    problems: list[Problem] = []
    for path in paths:
        loaded = load_many([path])
        for error in loaded.unreadable.values():
            raise error
        problems.extend(loaded.problems)
        for timeline in loaded.timelines:
            if timeline.id in seen:
                raise UsageError(f"timeline '{timeline.id}' is given more than once")
            seen.add(timeline.id)
            yield timeline
    if problems:
        raise InvalidTimeline(problems)


def _write_file(result: FileExport, output: Path, metadata: Path | None) -> None:
    import json

    from armsdeal.cli.output import fill_atomically, write_atomically

    fill_atomically(output, lambda temporary, previous: result.write(temporary, previous=previous))
    if metadata is not None:
        document = result.metadata(output.stem)
        write_atomically(metadata, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _load_related(loaded: list[Timeline], timelines: Path | None, at: str | None) -> list[Timeline]:
    """The timelines the loaded ones list under related: (--at: as committed then); ids with no file are named
    on stderr and left out."""
    from armsdeal.check.load import load_named, related_names
    from armsdeal.core.collection import describe_folders, search_path

    folders = search_path(timelines)
    wanted, missing = related_names(loaded, folders)
    where = describe_folders(folders)
    for listing, related_id in missing:
        say(f"armsdeal: {listing} lists related timeline '{related_id}', which is not in {where}; left out")
    if not wanted:
        return []
    return load_named(wanted, timelines) if at is None else named_at(wanted, timelines, at)


def _format_for_output(output: Path | None) -> str:
    """The format -o's suffix stands for (the registry's suffixes); Markdown for stdout or no suffix.

    A suffix no format claims is refused rather than filled with Markdown
    (`-o out.html` silently writing Markdown was a trap).
    """
    from armsdeal.core.collection import SUFFIXES

    if output is None or not output.suffix or output.suffix in SUFFIXES:
        return FORMATS.default  # .yaml is refused with its own message, later
    found = FORMATS.for_suffix(output.suffix)
    if found is None:
        known = ", ".join(f"{suffix} ({entry.name})" for entry in FORMATS for suffix in entry.suffixes)
        raise UsageError(
            f"-o {output}: no export format is known for '{output.suffix}' files; "
            f"choose one with --format ({', '.join(FORMATS.names())}), or use a suffix: {known}"
        )
    return found


def _keep_matching(loaded: list[Timeline], *, filtered: bool, every_timeline: bool) -> list[Timeline]:
    """Timelines without events (after the filters, if any) are named on stderr and left out; none left is exit 1,
    as search. Unfiltered --all keeps them: it exports every timeline `list` shows, as the docs say."""
    if every_timeline and not filtered:
        return loaded
    for timeline in loaded:
        if not timeline.events:
            why = "no event of {} matches the filters" if filtered else "{} has no events yet"
            say(f"armsdeal: {why.format(timeline.id)}; it is left out")
    kept = [timeline for timeline in loaded if timeline.events]
    if not kept:
        raise typer.Exit(1)
    return kept


def _refuse_duplicates(loaded: list[Timeline]) -> None:
    # Footnotes, rows and slide ids are keyed by timeline id: the same id twice would merge two deals.
    seen: set[str] = set()
    for timeline in loaded:
        if timeline.id in seen:
            raise UsageError(f"timeline '{timeline.id}' is given more than once")
        seen.add(timeline.id)


def _refuse_overwriting_inputs(
    names: list[str], timelines: Path | None, output: Path, located: list[Path] | None = None
) -> None:
    """UsageError if ``output`` is a timeline file or a file the names are found as (``located``, if known)."""
    # `-o timelines/turkey-s400.yaml` is a slip of the keyboard, not a wish to replace curated data;
    # no export format writes YAML, so a .yaml target is always a mistake.
    from armsdeal.core.collection import SUFFIXES, locate_all, search_path

    if output.suffix in SUFFIXES:
        raise UsageError(f"-o {output}: exports are not timeline files; choose a name such as export.md")

    # The names were found on the search path when loaded (a bundled one too): the same lookup here.
    if located is None:
        folders = search_path(timelines)
        located = locate_all(names, folders)
    target = output.resolve()
    if _any_resolves_to(target, located):
        raise UsageError(f"-o {output} is the timeline being exported; choose another file")


def _any_resolves_to(target: Path, paths: list[Path]) -> bool:
    """Whether a path resolves to ``target``: only a symbolic link or a file of its name can (a file that is no link
    resolves to its own name), so the others are not resolved (30,000 of `export --all` took a second)."""
    import os

    name = target.name.casefold()
    return any((os.path.islink(path) or path.name.casefold() == name) and path.resolve() == target for path in paths)
