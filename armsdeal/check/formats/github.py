"""check's github format: GitHub Actions workflow commands, so problems appear as annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armsdeal.core.problems import Problem, Severity
from armsdeal.render.safe_text import clean

if TYPE_CHECKING:
    from armsdeal.check.results import CheckRun


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
    # Escape first, then clean: a carriage return or newline in a path or message must arrive as
    # %0D/%0A, which the runner turns back into the character, so the annotation's file is the real one.
    rendered = ",".join(f"{key}={clean(escape_property(value))}" for key, value in properties.items())
    return f"::{command} {rendered}::{clean(escape_data(problem.message))}"


def escape_data(value: str) -> str:
    """As @actions/core toCommandValue's escapeData: %, CR and LF."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """As @actions/core escapeProperty: escapeData plus ':' and ','."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
