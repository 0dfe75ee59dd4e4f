"""Exporters: timelines -> text (or a database file) in the formats people publish with.

The registry FORMATS (core/registry.py) maps a format name to its exporter and feeds the
choices of `armsdeal export --format`. Each exporter is a function
``(timelines, options) -> str`` in a module of its own; it returns text and
never prints or writes (the CLI does that).

An exporter may instead return its text in pieces, an iterator of strings made
as they are asked for (markdown, html and json do: their text for a large timeline is
several times the file's size, and held whole, with its parts and its UTF-8
bytes, it was most of the export's memory, docs/performance-history.md section 20).
The text is the pieces joined; :func:`export` joins them, so a caller sees text
either way, and only the CLI, which writes the pieces as they come
(:func:`export_pieces`), sees the difference. The exporter still only makes
text: writing stays the CLI's.

A format whose result is a file rather than text (sqlite) is an entry with
``to_file=True``: its exporter returns a :class:`FileExport`, an object that
writes itself into a path the CLI gives it. The CLI makes that path a temporary
file beside the target and renames it over the target when it is complete
(cli/output.py), so ``-o`` is atomic for files as for text; such a format has no
stdout form and needs ``-o``.

This module stays cheap to import: the CLI reads the registry's names to build
its options, and the exporter modules (which need pydantic and the model) are
imported only when an export actually runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from armsdeal.core.registry import Entry, Registry

if TYPE_CHECKING:
    from armsdeal.core.model import Timeline


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What an export may be asked beyond the timelines themselves."""

    mermaid: bool = False  # Markdown: add a Mermaid `timeline` diagram
    all_events: bool = False  # Mermaid: every event even in a long timeline (else milestones only past 15)


class FileExport(Protocol):
    """The result of a file format: written by the CLI into a temporary file, then renamed."""

    def write(self, target: Path, *, previous: Path | None = None) -> None:
        """Fill the new, empty file ``target``; ``previous`` is the file being replaced, if one exists."""

    def metadata(self, database: str) -> dict[str, Any]:
        """A description of the file's content for the tools that open it (Datasette's metadata)."""


class ExportFunction(Protocol):
    # The text whole (str), the text in pieces (an iterator of str, joined = the text), or a file to write.
    def __call__(self, timelines: Sequence[Timeline], options: ExportOptions) -> str | Iterator[str] | FileExport: ...


FORMATS: Registry[ExportFunction] = Registry(
    "export",
    [
        Entry(
            "markdown",
            "GitHub-flavoured Markdown: deal table, events by year, footnoted sources",
            "armsdeal.export.markdown:markdown_pieces",
            (".md", ".markdown"),
        ),
        Entry(
            "json",
            "the versioned armsdeal-export JSON document, docs/export-json.md",
            "armsdeal.export.json_export:json_pieces",
            (".json",),
        ),
        Entry("csv", "one row per event, ACLED-like columns", "armsdeal.export.csv_export:export_csv", (".csv",)),
        Entry(
            "mermaid",
            "a Mermaid timeline diagram (milestones only past 15 events, unless --all)",
            "armsdeal.export.mermaid:export_mermaid",
            (".mmd", ".mermaid"),
        ),
        Entry(
            "svg",
            "one chart: a lane per deal, phases, events by type and status, milestones labelled",
            "armsdeal.export.svg:export_svg",
            (".svg",),
        ),
        Entry(
            "html",
            "a self-contained page: the chart, deal tables, chronology and linked sources",
            "armsdeal.export.html:html_pieces",
            (".html", ".htm"),
        ),
        # .json means the armsdeal document; TimelineJS is asked for by name.
        Entry(
            "timelinejs", "the JSON that Knight Lab's TimelineJS loads", "armsdeal.export.timelinejs:export_timelinejs"
        ),
        Entry(
            "sqlite",
            "a SQLite database for Datasette, needs -o and pip install 'armsdeal[sqlite]', docs/sqlite.md",
            "armsdeal.export.sqlite_export:export_sqlite",
            (".db", ".sqlite", ".sqlite3"),
            to_file=True,
        ),
    ],
)


def export(name: str, timelines: Sequence[Timeline], options: ExportOptions | None = None) -> str | FileExport:
    """The timelines in the format called ``name``: text, or a file to write for a ``to_file`` format."""
    result = export_pieces(name, timelines, options)
    return "".join(result) if isinstance(result, Iterator) else result


def export_pieces(
    name: str, timelines: Sequence[Timeline], options: ExportOptions | None = None
) -> str | Iterator[str] | FileExport:
    """As :func:`export`, but the text of a format that makes it in pieces comes as those pieces, made as
    they are consumed: what the CLI writes without holding the whole text."""
    return FORMATS.load(name)(timelines, options or ExportOptions())
