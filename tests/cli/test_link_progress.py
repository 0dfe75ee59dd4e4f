"""The progress display of `armsdeal links` (cli/link_progress.py), on a Rich console forced to be a terminal."""

from __future__ import annotations

import io

from rich.console import Console

from armsdeal.cli.link_progress import progress
from armsdeal.links.results import LinkResult, Outcome


def drawn(urls: list[str], answered: list[str]) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120, color_system=None)
    with progress(console) as watcher:
        watcher.asked(urls[:3])  # the links of a first file, then of a second
        watcher.asked(urls[3:])
        if watcher.started:
            watcher.progress.refresh()  # a frame now, not when Rich's timer says
        for url in answered:
            watcher.answered(LinkResult(url, Outcome.OK))
        if watcher.started:
            watcher.progress.refresh()
    return out.getvalue()


def test_it_shows_checked_of_all_and_the_busiest_hosts_queues() -> None:
    urls = [f"http://a.example/{n}" for n in range(3)] + ["http://b.example/1", "http://b.example/2"]
    urls += ["http://c.example/", "http://d.example/"]
    text = drawn(urls, ["http://a.example/0", "http://a.example/1"])
    assert "checking links" in text and "0/7" in text and "2/7" in text
    first, last = text.index("a.example 3 left"), text.rindex("waiting on: b.example 2 left, a.example 1 left")
    assert first < last, "the queues shrink as answers come in"
    assert "waiting on: a.example 3 left, b.example 2 left, c.example 1 left (and 1 more host)" in text


def test_a_host_name_reaches_the_terminal_escaped() -> None:
    text = drawn(["http://[bold]x.example/", "http://e\x1bPvil\x07.example/"], [])
    assert "e\\x1bpvil\\x07.example 1 left" in text and "\x1bp" not in text and "\x07" not in text
    assert "(no host) 1 left" in text  # a name urlsplit refuses ('[' opens an IPv6 address) is counted, unnamed


def test_nothing_is_drawn_for_a_run_without_links() -> None:
    assert drawn([], []) == ""
