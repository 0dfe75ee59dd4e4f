"""Paging long output, as git does.

When standard output is a terminal and the text is taller than it, the text
goes through ``$ARMSDEAL_PAGER``, else ``$PAGER``, else ``less -R`` (``-R``
keeps colour and hyperlinks). An empty value or ``cat`` turns paging off, as
does ``--no-pager``; output that is piped or redirected is never paged. Like
git, ``LESS=FRX`` is set for the pager unless ``LESS`` is already set.

The decision (``pager_for``) is a pure function, so tests never start a pager.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping

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
