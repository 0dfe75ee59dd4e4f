"""check's json format: the whole run as one document (docs/check-json.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armsdeal.core.problems import Problem, Severity
from armsdeal.render.safe_text import to_json

if TYPE_CHECKING:
    from armsdeal.check.results import CheckRun

# 2: the envelope {"format": "armsdeal-check", "version": 2} shared by every JSON output.
VERSION = 2


def json_report(run: CheckRun, color: bool = False) -> str:
    """The whole run as one JSON document (docs/check-json.md)."""
    document = {
        "format": "armsdeal-check",
        "version": VERSION,
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
