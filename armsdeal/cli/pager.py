"""Paging long output, as git does.

When standard output is a terminal and the text is taller than it, the text
goes through ``$ARMSDEAL_PAGER``, else ``$PAGER``, else ``less -R`` (``-R``
keeps colour and hyperlinks). An empty value or ``cat`` turns paging off, as
does ``--no-pager``; output that is piped or redirected is never paged. Like
git, ``LESS=FRX`` is set for the pager unless ``LESS`` is already set.

The decision (``pager_for``) is a pure function, so tests never start a pager.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

DEFAULT_PAGER = "less -R"


def pager_for(*, is_terminal: bool, no_pager: bool, lines: int, height: int, environ: Mapping[str, str]) -> str | None:
    """The pager command to run for output of ``lines`` lines, or None to write it directly."""
    if not is_terminal or no_pager or lines <= height:
        return None
    for variable in ("ARMSDEAL_PAGER", "PAGER"):
        value = environ.get(variable)
        if value is not None:
            value = value.strip()
            return None if value in ("", "cat") else value
    return DEFAULT_PAGER


def stdout_is_terminal() -> bool:
    """True if standard output is a terminal (not a pipe or a file), whatever FORCE_COLOR says."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def run_pager(command: str, text: str) -> bool:
    """Write the text through the pager; False if the pager could not be started (then nothing was shown)."""
    environ = dict(os.environ)
    environ.setdefault("LESS", "FRX")
    environ.setdefault("LV", "-c")
    try:
        # Through the shell, as git runs $PAGER: the value may hold options ("less -S").
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environ)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
        process.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit before the end ('q' in less): not an error
    while True:
        try:
            code = process.wait()
            break
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager while it runs, as in git
    return code != 127  # the shell's "command not found"


def page_view(console: Console, renderable: RenderableType, no_pager: bool) -> None:
    """Draw in pieces, trim the spaces Rich pads lines with, and page on a terminal when taller than it.

    Output that goes straight to stdout is written as it is drawn
    (render.lines.draw): memory does not grow with it. The whole text is
    kept only for the cache (when it records this run) and for the pager,
    which gets it whole once it is known to be taller than the terminal.
    """
    page_parts(console, [renderable], no_pager)


def page_parts(console: Console, parts: Iterable[RenderableType], no_pager: bool) -> None:
    """page_view of renderables drawn one after another, each made only when the one before is written:
    `log` of a long history is drawn an entry at a time."""
    from armsdeal.cli import cache
    from armsdeal.cli.app import trim_trailing_spaces, write_data
    from armsdeal.render.lines import draw

    height = console.size.height
    pieces = itertools.chain.from_iterable(draw(console, part, trim_trailing_spaces) for part in parts)
    head: list[str] = []
    lines = 0
    for piece in pieces:
        head.append(piece)
        lines += piece.count("\n")
        if lines > height:
            break  # taller than the terminal: all the decision needs
    command = pager_for(
        is_terminal=stdout_is_terminal(),
        no_pager=no_pager,
        lines=lines,
        height=height,
        environ=os.environ,
    )
    if command is not None or cache.recording():
        text = "".join(itertools.chain(head, pieces))
        cache.record(text, height)  # a cached view pages by the same height
        if command is not None and run_pager(command, text):
            return
        write_data(text)
        return
    try:
        for piece in itertools.chain(head, pieces):
            sys.stdout.write(piece)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader left (`show x | head`): nothing more to draw. Left to main, which ends quietly with 0
        # (Typer would turn the error into exit 1 here).
        return
