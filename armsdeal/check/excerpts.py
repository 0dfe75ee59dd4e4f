"""check's text format with the source line under each problem and a caret at its column, as compilers do.

    timelines/x.yaml:12:15: error [undefined-actor] actor 'rusia' is not defined in actors:
       12 |     actors: [rusia]
          |              ^

The line comes from the file as it is now (read once per file, only for
files with problems); a line that is not there any more, a problem with the
path itself and an "and N more" line get no excerpt. The text of the line is
untrusted and cleaned like every message.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

from armsdeal.read.files import MAX_FILE_BYTES
from armsdeal.render.safe_text import clean

if TYPE_CHECKING:
    from armsdeal.check.results import CheckRun
    from armsdeal.core.problems import Problem

MAX_LINE = 200  # characters of a source line shown; longer lines are cut around the column


def with_source(run: CheckRun, lines: str) -> str:
    """``lines`` (the text format, one line per problem) with each problem's excerpt after its line."""
    cache: dict[str, list[str] | None] = {}
    out = []
    for problem, line in zip(run.problems, lines.splitlines(keepends=True), strict=False):
        out.append(line)
        if problem.located and not problem.omitted:
            out.extend(excerpt(problem, _lines(problem.path, cache)))
    return "".join(out)


def _lines(path: str, cache: dict[str, list[str] | None]) -> list[str] | None:
    """The lines of a regular file (never a FIFO or device, which could block or never end), or None."""
    if path not in cache:
        cache[path] = None
        try:
            with open(path, "rb", opener=_no_blocking) as stream:
                if stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                    cache[path] = stream.read(MAX_FILE_BYTES).decode("utf-8", errors="replace").splitlines()
        except OSError:
            pass
    return cache[path]


def _no_blocking(path: str, flags: int) -> int:
    # O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever.
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def excerpt(problem: Problem, lines: list[str] | None) -> list[str]:
    """The two lines under a problem: the numbered source line and the caret line ('' when there is none)."""
    if lines is None or not problem.located or problem.omitted or not 1 <= problem.line <= len(lines):
        return []
    source = lines[problem.line - 1]
    column = max(problem.column - 1, 0)
    start = 0
    if len(source) > MAX_LINE:
        start = max(0, min(column - MAX_LINE // 2, len(source) - MAX_LINE))
        source = source[start : start + MAX_LINE]
    before = clean(source[: column - start], keep_newlines=False)
    shown = before + clean(source[column - start :], keep_newlines=False)
    padding = "".join("\t" if ch == "\t" else " " for ch in before)
    number = str(problem.line)
    gutter = " " * len(number)
    return [f"  {number} | {shown.rstrip()}\n", f"  {gutter} | {padding}^\n"]
