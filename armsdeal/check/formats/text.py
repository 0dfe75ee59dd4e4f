"""check's text format: ``path:line:col: severity [rule-id] message``, one per line (coloured on a terminal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armsdeal.render.safe_text import clean

if TYPE_CHECKING:
    from armsdeal.check.results import CheckRun


def text(run: CheckRun, color: bool = False) -> str:
    """One line per problem; Rich styles from the theme when ``color``."""
    if not color:
        return "".join(clean(str(problem), keep_newlines=False) + "\n" for problem in run.problems)
    from io import StringIO

    from rich.console import Console

    from armsdeal.render.theme import THEME
    from armsdeal.render.view import problem_line

    buffer = StringIO()
    console = Console(
        file=buffer,
        theme=THEME,
        force_terminal=True,
        color_system="standard",
        highlight=False,
        soft_wrap=True,
        width=10_000,
        _environ={},
    )
    for problem in run.problems:
        console.print(problem_line(problem))
    return buffer.getvalue()
