"""Exporters: timelines -> text in the formats people publish with.

The registry FORMATS (core/registry.py) maps a format name to its exporter and feeds the
choices of `armsdeal export --format`. Each exporter is a function
``(timelines, options) -> str`` in a module of its own; it returns text and
never prints or writes (the CLI does that).

This module stays cheap to import: the CLI reads the registry's names to build
its options, and the exporter modules (which need pydantic and the model) are
imported only when an export actually runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from armsdeal.core.registry import Entry, Registry

if TYPE_CHECKING:
    from armsdeal.core.model import Timeline


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What an export may be asked beyond the timelines themselves."""

    mermaid: bool = False  # Markdown: add a Mermaid `timeline` diagram
    all_events: bool = False  # Mermaid: every event even in a long timeline (else milestones only past 15)


class ExportFunction(Protocol):
    def __call__(self, timelines: Sequence[Timeline], options: ExportOptions) -> str: ...


FORMATS: Registry[ExportFunction] = Registry(
    "export",
    [
        Entry(
            "markdown",
            "GitHub-flavoured Markdown: deal table, events by year, footnoted sources",
            "armsdeal.export.markdown:export_markdown",
            (".md", ".markdown"),
        ),
        Entry(
            "json",
            "the versioned armsdeal-export JSON document, docs/export-json.md",
            "armsdeal.export.json_export:export_json",
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
            "armsdeal.export.html:export_html",
            (".html", ".htm"),
        ),
        # .json means the armsdeal document; TimelineJS is asked for by name.
        Entry(
            "timelinejs", "the JSON that Knight Lab's TimelineJS loads", "armsdeal.export.timelinejs:export_timelinejs"
        ),
    ],
)


def export(name: str, timelines: Sequence[Timeline], options: ExportOptions | None = None) -> str:
    """The timelines in the format called ``name``, as text."""
    return FORMATS.load(name)(timelines, options or ExportOptions())
