"""The formats `armsdeal compare` writes: the registry, one module per format.

A renderer takes a DealComparison and returns a Rich renderable (terminal) or a
string (markdown, json); it never prints. Nothing here imports Rich.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from armsdeal.core.registry import Entry, Registry

if TYPE_CHECKING:
    from rich.console import RenderableType

    from armsdeal.compare.engine import DealComparison

Renderer = Callable[["DealComparison"], "RenderableType | str"]

FORMATS: Registry[Renderer] = Registry(
    "compare",
    [
        Entry("terminal", "a table", "armsdeal.compare.formats.terminal:terminal"),
        Entry(
            "markdown",
            "a GitHub Markdown table with the events behind each cell",
            "armsdeal.compare.formats.markdown:markdown",
        ),
        Entry("json", "one document", "armsdeal.compare.formats.json:to_json"),
    ],
)
