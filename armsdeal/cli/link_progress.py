"""The progress display of `armsdeal links` on a terminal: links checked of all, and the busiest hosts' queues.

A module of its own so that Rich's progress machinery is imported only when it is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from armsdeal.links.fetch import OnResult
from armsdeal.links.queues import HostQueues
from armsdeal.links.results import LinkResult
from armsdeal.render.safe_text import clean

BUSIEST = 3


class _QueuesProgress(Progress):
    """Rich's progress bar, and under it the hosts with the most links left (the per-host limit's queues)."""

    def __init__(self, queues: HostQueues, *columns: str | ProgressColumn, **options: Any) -> None:
        self._queues = queues  # before Progress's own set-up, which draws a first frame
        super().__init__(*columns, **options)

    def get_renderables(self) -> Iterable[RenderableType]:
        yield from super().get_renderables()
        yield queues_line(self._queues)


def queues_line(queues: HostQueues) -> Text:
    """'waiting on: example.org 40 left, news.example 12 left (and 3 more hosts)', as plain text (no markup)."""
    busiest = queues.busiest(BUSIEST)
    if not busiest:
        return Text("")
    # Host names come from the timelines: cleaned, and never read as markup (Text, not a markup string).
    shown = ", ".join(f"{clean(host, keep_newlines=False) or '(no host)'} {left} left" for host, left in busiest)
    more = queues.hosts_waiting() - len(busiest)
    tail = f" (and {more} more host{'s' if more != 1 else ''})" if more > 0 else ""
    return Text(f"waiting on: {shown}{tail}", style="dim")


@contextmanager
def progress(console: Console, asked: list[str]) -> Iterator[OnResult]:
    """Drawn on ``console`` while the links are checked; gone (transient) when they are."""
    queues = HostQueues(asked)
    columns = (TextColumn("checking links"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with _QueuesProgress(queues, *columns, console=console, transient=True) as drawn:
        task = drawn.add_task("links", total=queues.total)

        def on_result(result: LinkResult) -> None:
            queues.answered(result.url)
            drawn.advance(task)

        yield on_result
