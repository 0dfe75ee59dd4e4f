"""check's gitlab format: a GitLab Code Quality report, for the merge request's Code Quality widget.

A JSON array with one object per problem, in the fields GitLab documents for
Code Quality reports: ``description``, ``check_name``, ``fingerprint`` (unique
per finding and stable under unrelated line moves, see findings.py),
``severity`` and ``location`` (``path`` from the repository root, ``lines.begin``).
docs/ci.md shows the job that publishes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from armsdeal.check.formats.findings import Reported, findings
from armsdeal.core.problems import Severity
from armsdeal.render.safe_text import clean, to_json

if TYPE_CHECKING:
    from armsdeal.check.results import CheckRun

# GitLab's scale is info, minor, major, critical, blocker: an error fails the check, a warning only with --strict.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor"}
# The "and N more" line of a capped rule is a note about the report, not a finding of its own.
SUMMARY_SEVERITY = "info"


def gitlab(run: CheckRun, color: bool = False) -> str:
    """The run as a GitLab Code Quality report (a JSON array)."""
    return to_json([_issue(found) for found in findings(run.problems)])


def _issue(found: Reported) -> dict[str, object]:
    problem = found.problem
    return {
        "type": "issue",
        "description": clean(problem.message, keep_newlines=False),
        "check_name": problem.rule,
        "fingerprint": found.fingerprint,
        "severity": SUMMARY_SEVERITY if problem.omitted else SEVERITIES[problem.severity],
        "location": {"path": found.path, "lines": {"begin": max(problem.line, 1)}},
    }
