"""`armsdeal export`: timelines to Markdown, JSON, CSV, Mermaid, TimelineJS, SVG or HTML, on stdout or into a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from armsdeal.cli.app import (
    ActorOption,
    AsOfOption,
    ContainsOption,
    FromOption,
    NamesArgument,
    TagOption,
    TimelinesOption,
    ToOption,
    TypeOption,
    app,
    reports_errors,
    say,
    write_data,
)
from armsdeal.cli.options import filtering, format_option, narrowed
from armsdeal.core.errors import UsageError
from armsdeal.export import FORMATS

if TYPE_CHECKING:
    from armsdeal.core.model import Timeline

_STDOUT = "-"
# The suffixes the registry's entries claim: a new format with suffixes needs no change here.
_SUFFIXES = ", ".join(suffix for entry in FORMATS for suffix in entry.suffixes)


@app.command()
@reports_errors
def export(
    names: NamesArgument,
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
    all_events: Annotated[
        bool,
        typer.Option(
            "--all", help="Mermaid: every event; without it a diagram of more than 15 events shows the milestones."
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
    timelines: TimelinesOption = None,
) -> None:
    """Export timelines as Markdown (default), JSON, CSV, Mermaid, TimelineJS, an SVG chart or an HTML page.

    Several names give one document: a section per deal in Markdown, a
    timeline column in CSV, a group per deal in TimelineJS, a lane per deal in SVG and HTML. The
    filters (--from ... --as-of) mean what they mean for show. An invalid timeline
    exports nothing: its problems go to stderr and the exit code is 1.
    """
    from armsdeal.check.load import load_named
    from armsdeal.cli.output import write_atomically
    from armsdeal.export import ExportOptions, export

    writes_file = output is not None and str(output) != _STDOUT
    chosen = format_ or _format_for_output(output if writes_file else None)
    if mermaid and chosen != "markdown":
        hint = "" if chosen == "mermaid" else "; for a diagram alone use --format mermaid"
        raise UsageError(f"--mermaid adds a diagram to Markdown, not to --format {chosen}{hint}")
    if all_events and chosen != "mermaid" and not mermaid:
        raise UsageError(f"--all is for Mermaid diagrams (--format mermaid or --mermaid), not --format {chosen}")
    loaded = load_named(names, timelines)
    _refuse_duplicates(loaded)
    if related:
        loaded += _load_related(loaded, timelines)
    selection = filtering(
        loaded, from_=from_, to=to, types=types, actors=actors, tags=tags, contains=contains, as_of=as_of
    )
    loaded = _keep_matching(narrowed(loaded, selection))
    if writes_file and output is not None:
        _refuse_overwriting_inputs(names, timelines, output)
    text = export(chosen, loaded, ExportOptions(mermaid=mermaid, all_events=all_events))
    if writes_file and output is not None:
        write_atomically(output, text)
    else:
        write_data(text)


def _load_related(loaded: list[Timeline], timelines: Path | None) -> list[Timeline]:
    """The timelines the loaded ones list under related:; ids with no file are named on stderr and left out."""
    from armsdeal.check.load import load_named, related_names
    from armsdeal.core.collection import search_path

    folders = search_path(timelines)
    wanted, missing = related_names(loaded, folders)
    where = " or ".join(str(folder.path) for folder in folders)
    for listing, related_id in missing:
        say(f"armsdeal: {listing} lists related timeline '{related_id}', which is not in {where}; left out")
    return load_named(wanted, timelines) if wanted else []


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


def _keep_matching(loaded: list[Timeline]) -> list[Timeline]:
    """Timelines the filters left without events are named on stderr and left out; none left is exit 1, as search."""
    for timeline in loaded:
        if not timeline.events:
            say(f"armsdeal: no event of {timeline.id} matches the filters; it is left out")
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


def _refuse_overwriting_inputs(names: list[str], timelines: Path | None, output: Path) -> None:
    # `-o timelines/turkey-s400.yaml` is a slip of the keyboard, not a wish to replace curated data;
    # no export format writes YAML, so a .yaml target is always a mistake.
    from armsdeal.core.collection import SUFFIXES, find, resolve_dir

    if output.suffix in SUFFIXES:
        raise UsageError(f"-o {output}: exports are not timeline files; choose a name such as export.md")

    directory = resolve_dir(timelines)
    target = output.resolve()
    for name in names:
        if find(name, directory).resolve() == target:
            raise UsageError(f"-o {output} is the timeline being exported; choose another file")
