"""How `armsdeal diff` shows a list of TimelineDiffs: the registry of its formats, one module each.

Each format has a full rendering and a ``--stat`` rendering (counts per timeline):
a Rich renderable (terminal) or a string (markdown, json). Nothing here imports
Rich; a format's module is imported only when it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from armsdeal.core.registry import Entry, Registry

if TYPE_CHECKING:
    from rich.console import RenderableType

    from armsdeal.diff.engine import TimelineDiff

Rendered: TypeAlias = "RenderableType | str"


@dataclass(frozen=True, slots=True)
class DiffFormat:
    """An output format: the full rendering and the --stat one."""

    render: Callable[[Sequence[TimelineDiff]], Rendered]
    stat: Callable[[Sequence[TimelineDiff]], Rendered]


FORMATS: Registry[DiffFormat] = Registry(
    "diff",
    [
        Entry("terminal", "coloured lines for a terminal", "armsdeal.diff.formats.terminal:FORMAT"),
        Entry("markdown", "GitHub Markdown for a pull-request comment", "armsdeal.diff.formats.markdown:FORMAT"),
        Entry("json", "one JSON document", "armsdeal.diff.formats.json:FORMAT"),
    ],
)
