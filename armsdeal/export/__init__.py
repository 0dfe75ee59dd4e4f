"""Exporters: timelines -> text in the formats people publish with.

The registry EXPORTERS maps a format name to its exporter and feeds the
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
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from armsdeal.core.model import Timeline


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What an export may be asked beyond the timelines themselves."""

    mermaid: bool = False  # Markdown: add a Mermaid `timeline` diagram


class ExportFunction(Protocol):
    def __call__(self, timelines: Sequence[Timeline], options: ExportOptions) -> str: ...


@dataclass(frozen=True, slots=True)
class Exporter:
    """A format: its name, what it is, the file suffixes it is written to, and where its function lives."""

    name: str
    summary: str
    suffixes: tuple[str, ...]
    module: str
    function: str

    def load(self) -> ExportFunction:
        exporter: ExportFunction = getattr(import_module(self.module), self.function)
        return exporter

    def __call__(self, timelines: Sequence[Timeline], options: ExportOptions | None = None) -> str:
        return self.load()(timelines, options or ExportOptions())


EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter(
            "markdown",
            "GitHub-flavoured Markdown: deal table, events by year, footnoted sources",
            (".md", ".markdown"),
            "armsdeal.export.markdown",
            "export_markdown",
        ),
        Exporter(
            "json",
            "the versioned armsdeal-export JSON document (docs/export-json.md)",
            (".json",),
            "armsdeal.export.json_export",
            "export_json",
        ),
        Exporter(
            "csv",
            "one row per event, ACLED-like columns",
            (".csv",),
            "armsdeal.export.csv_export",
            "export_csv",
        ),
        Exporter(
            "mermaid",
            "a Mermaid `timeline` diagram",
            (".mmd", ".mermaid"),
            "armsdeal.export.mermaid",
            "export_mermaid",
        ),
        Exporter(
            "timelinejs",
            "the JSON that Knight Lab's TimelineJS loads",
            (),  # .json means the armsdeal document; TimelineJS is asked for by name
            "armsdeal.export.timelinejs",
            "export_timelinejs",
        ),
    )
}

DEFAULT_FORMAT = "markdown"


def format_for_suffix(suffix: str) -> str | None:
    """The format a file suffix (".csv") stands for, if exactly one claims it."""
    names = [name for name, exporter in EXPORTERS.items() if suffix.lower() in exporter.suffixes]
    return names[0] if len(names) == 1 else None
