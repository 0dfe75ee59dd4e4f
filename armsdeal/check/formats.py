"""How `armsdeal check` writes its problems: a registry of formats, each a function returning text.

- ``text``: ``path:line:col: severity [rule-id] message``, one per line, for
  people and editors (coloured on a terminal).
- ``github``: GitHub Actions workflow commands, so problems appear as
  annotations on the pull request's files.
- ``json``: one document for programs; its shape is in docs/check-json.md.

The summary line ("3 errors, 1 warning in 2 of 4 files") is separate
(``summary``): the CLI writes it to stderr, apart from the data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from armsdeal.core.problems import Problem, Severity
from armsdeal.render.safe_text import clean, to_json

if TYPE_CHECKING:
    # Only for types: the CLI imports this module for the format names, before any check runs.
    from armsdeal.check.runner import CheckRun

JSON_VERSION = 1

Reporter = Callable[["CheckRun", bool], str]


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


def github(run: CheckRun, color: bool = False) -> str:
    """``::error file=P,line=L,col=C,title=RULE::MESSAGE``, escaped as the Actions toolkit escapes."""
    return "".join(_workflow_command(problem) + "\n" for problem in run.problems)


def _workflow_command(problem: Problem) -> str:
    command = "error" if problem.severity is Severity.ERROR else "warning"
    properties = {
        "file": problem.path,
        "line": str(problem.line),
        "col": str(problem.column),
        "title": f"armsdeal [{problem.rule}]",
    }
    rendered = ",".join(f"{key}={escape_property(clean(value))}" for key, value in properties.items())
    return f"::{command} {rendered}::{escape_data(clean(problem.message))}"


def escape_data(value: str) -> str:
    """As @actions/core toCommandValue's escapeData: %, CR and LF."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """As @actions/core escapeProperty: escapeData plus ':' and ','."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def json_report(run: CheckRun, color: bool = False) -> str:
    """The whole run as one JSON document (docs/check-json.md)."""
    document = {
        "version": JSON_VERSION,
        "files": [
            {
                "path": result.path,
                "readable": result.readable,
                "errors": sum(p.count for p in result.problems if p.severity is Severity.ERROR),
                "warnings": sum(p.count for p in result.problems if p.severity is Severity.WARNING),
            }
            for result in run.files
        ],
        "problems": [_json_problem(problem) for problem in run.problems],
        "counts": {
            "files": len(run.files),
            "files_with_problems": run.files_with_problems,
            "unreadable": run.unreadable,
            "errors": run.count(Severity.ERROR),
            "warnings": run.count(Severity.WARNING),
        },
        "ignored": sorted(run.ignored),
    }
    return to_json(document)


def _json_problem(problem: Problem) -> dict[str, object]:
    entry: dict[str, object] = {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "rule": problem.rule,
        "severity": str(problem.severity),
        "message": problem.message,
    }
    if problem.omitted:
        entry["omitted"] = problem.omitted  # the "and N more" line of a capped rule
    return entry


REPORTERS: dict[str, Reporter] = {"text": text, "github": github, "json": json_report}


def summary(run: CheckRun, *, strict: bool = False) -> str:
    """'3 errors, 1 warning in 2 of 4 files', or 'no problems in 4 files'."""
    files = _plural(len(run.files), "file")
    if not run.files:
        return "no timeline files to check"
    errors, warnings = run.count(Severity.ERROR), run.count(Severity.WARNING)
    if not errors and not warnings:
        return f"no problems in {files}"
    counted = ", ".join(_plural(n, word) for n, word in ((errors, "error"), (warnings, "warning")) if n)
    line = f"{counted} in {run.files_with_problems} of {files}"
    if run.unreadable:
        line += f" ({_plural(run.unreadable, 'path')} could not be read)"
    if strict and warnings and not errors:
        line += " (strict: warnings fail)"
    return line


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
