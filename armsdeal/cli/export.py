"""`armsdeal export`: timelines to Markdown, JSON, CSV, Mermaid or TimelineJS, on stdout or into a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from armsdeal.cli.app import (
    NamesArgument,
    TimelinesOption,
    app,
    reports_errors,
    write_data,
)
from armsdeal.core.errors import InputError, UsageError
from armsdeal.export import DEFAULT_FORMAT, EXPORTERS, format_for_suffix

if TYPE_CHECKING:
    from armsdeal.core.model import Timeline

    FormatName = str
else:
    # The registry's names are the choices: a new exporter needs no change here.
    FormatName = Literal[tuple(EXPORTERS)]

_STDOUT = "-"


@app.command()
@reports_errors
def export(
    names: NamesArgument,
    format_: Annotated[
        FormatName | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: from the -o file's suffix (.md, .json, .csv, .mmd), else markdown].",
            show_default=False,
        ),
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
    timelines: TimelinesOption = None,
) -> None:
    """Export timelines as Markdown (default), JSON, CSV, Mermaid or TimelineJS.

    Several names give one document: a section per deal in Markdown, a
    timeline column in CSV, a group per deal in TimelineJS. An invalid
    timeline exports nothing: its problems go to stderr and the exit code is 1.
    """
    from armsdeal.cli.show import load_named
    from armsdeal.export import ExportOptions

    writes_file = output is not None and str(output) != _STDOUT
    chosen = format_ or (format_for_suffix(output.suffix) if writes_file and output else None) or DEFAULT_FORMAT
    if mermaid and chosen != "markdown":
        hint = "" if chosen == "mermaid" else "; for a diagram alone use --format mermaid"
        raise UsageError(f"--mermaid adds a diagram to Markdown, not to --format {chosen}{hint}")
    loaded = load_named(names, timelines)
    _refuse_duplicates(loaded)
    if writes_file and output is not None:
        _refuse_overwriting_inputs(names, timelines, output)
    text = EXPORTERS[chosen](loaded, ExportOptions(mermaid=mermaid))
    if writes_file and output is not None:
        write_atomically(output, text)
    else:
        write_data(text)


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


def write_atomically(path: Path, text: str) -> None:
    """Write text to path so that readers see the old file or the whole new one, never a part.

    A temporary file in the same folder (same file system, so the rename is
    atomic) is written, flushed to disk and renamed over the target; on any
    failure it is removed and the target is left as it was.
    """
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    if path.exists() and not path.is_file():
        _write_in_place(path, text)  # /dev/null, a FIFO: renaming over them would destroy them
        return
    folder = path.parent
    mode = _mode_for(path)
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below; kept on success)
            mode="wb", dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:
        raise InputError(f"cannot write '{path}': {error.strerror or error}") from None
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise InputError(f"cannot write '{path}': {error.strerror or error}") from None
        raise
    _sync_folder(folder)


def _write_in_place(path: Path, text: str) -> None:
    try:
        with path.open("w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise InputError(f"cannot write '{path}': {error.strerror or error}") from None


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, and then not needed.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
