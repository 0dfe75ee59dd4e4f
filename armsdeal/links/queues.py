"""How many links each host still has to answer: what the progress display shows beside links checked / all.

Counted from the URLs a run asks (each once, without its #fragment) and the
results as they come in; the busiest hosts are the ones a run is waiting on,
as its per-host limit lets only a few of their requests go at a time.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit


def host_of(url: str) -> str:
    """The host name a URL's requests are limited by ('' for a URL without one)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class HostQueues:
    """Links not yet answered, per host."""

    def __init__(self, urls: Iterable[str]) -> None:
        self._left: Counter[str] = Counter()
        self.total = 0
        self.checked = 0
        self.add(urls)

    def add(self, urls: Iterable[str]) -> None:
        """More links to check (a run learns them file by file)."""
        for url in urls:
            self._left[host_of(url)] += 1
            self.total += 1

    def answered(self, url: str) -> None:
        host = host_of(url)
        if self._left.get(host, 0) > 0:
            self._left[host] -= 1
        self.checked += 1

    def busiest(self, count: int) -> list[tuple[str, int]]:
        """The ``count`` hosts with the most links left, most first (ties by name), and how many each."""
        waiting = [(left, host) for host, left in list(self._left.items()) if left > 0]
        return [(host, left) for left, host in heapq.nsmallest(count, waiting, key=lambda item: (-item[0], item[1]))]

    def hosts_waiting(self) -> int:
        return sum(1 for left in list(self._left.values()) if left > 0)
