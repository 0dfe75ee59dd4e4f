"""How `armsdeal log` shows a timeline's history: the registry of its formats, one module each.

Each format has a full rendering (every change, in diff's own words) and a
``--oneline`` rendering (a line per commit with counts). Entries arrive one at a
time from the walk of git's history and are rendered as they come: a terminal
format gives a Rich renderable that draws them lazily, the others give text in
pieces. Nothing here imports Rich; a format's module is imported only when it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from armsdeal.core.registry import Entry, Registry

if TYPE_CHECKING:
    from rich.console import RenderableType

    from armsdeal.diff.history import LogEntry


@dataclass(frozen=True, slots=True)
class Parts:
    """Renderables to draw one after another (an entry each), made as they are drawn."""

    parts: Iterator[RenderableType]


Rendered: TypeAlias = "Parts | Iterator[str]"


@dataclass(frozen=True, slots=True)
class LogSubject:
    """What the log is of: the timeline's id and title (as committed last), and its file from the repository's top."""

    timeline: str
    title: str
    path: str
    event_ids: frozenset[str] = frozenset()  # the events of the file as it is now


@dataclass(frozen=True, slots=True)
class LogFormat:
    """An output format: the full rendering and the --oneline one."""

    render: Callable[[LogSubject, Iterable[LogEntry]], Rendered]
    oneline: Callable[[LogSubject, Iterable[LogEntry]], Rendered]


FORMATS: Registry[LogFormat] = Registry(
    "log",
    [
        Entry("text", "an entry per commit for a terminal, as git log", "armsdeal.diff.log_formats.text:FORMAT"),
        Entry(
            "markdown", "a corrections page to publish, dated", "armsdeal.diff.log_formats.markdown:FORMAT", (".md",)
        ),
        Entry("json", "one JSON document (docs/log-json.md)", "armsdeal.diff.log_formats.json:FORMAT", (".json",)),
    ],
)
