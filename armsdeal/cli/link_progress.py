"""The progress display of `armsdeal links` on a terminal: links checked of all, and the busiest hosts' queues.

A module of its own so that Rich's progress machinery is imported only when it is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

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


class _Drawn:
    """A fetch.Watcher that draws: started when the first links are known (no bar for a run with none)."""

    def __init__(self, console: Console) -> None:
        self.queues = HostQueues(())
        columns = (TextColumn("checking links"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        self.progress = _QueuesProgress(self.queues, *columns, console=console, transient=True)
        self.task = self.progress.add_task("links", total=0)
        self.started = False

    def asked(self, urls: Sequence[str]) -> None:
        if not urls:
            return
        self.queues.add(urls)
        self.progress.update(self.task, total=self.queues.total)
        if not self.started:
            self.progress.start()
            self.started = True

    def answered(self, result: LinkResult) -> None:
        self.queues.answered(result.url)
        self.progress.advance(self.task)


@contextmanager
def progress(console: Console) -> Iterator[_Drawn]:
    """Drawn on ``console`` while the links are checked; gone (transient) when they are."""
    drawn = _Drawn(console)
    try:
        yield drawn
    finally:
        if drawn.started:
            drawn.progress.stop()
