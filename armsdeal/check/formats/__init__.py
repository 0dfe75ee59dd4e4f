"""How `armsdeal check` writes its problems: the registry of its formats, each a module returning text.

- ``text``: ``path:line:col: severity [rule-id] message``, one per line, for
  people and editors (coloured on a terminal).
- ``github``: GitHub Actions workflow commands, so problems appear as
  annotations on the pull request's files.
- ``json``: one document for programs; its shape is in docs/check-json.md.
- ``sarif``, ``gitlab``, ``junit``, ``markdown``: for CI services (code
  scanning, GitLab's Code Quality widget, test reports, a job summary or a
  pull-request comment); docs/ci.md.

The summary line ("3 errors, 1 warning in 2 of 4 files") is separate
(``summary``): the CLI writes it to stderr, apart from the data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from armsdeal.core.problems import Severity
from armsdeal.core.registry import Entry, Registry

if TYPE_CHECKING:
    # Only for types: the CLI imports this module for the format names, before any check runs.
    from armsdeal.check.results import CheckRun

# (the run, colour?) -> the text to write on stdout
Reporter = Callable[["CheckRun", bool], str]

FORMATS: Registry[Reporter] = Registry(
    "check",
    [
        Entry("text", "path:line:col: severity [rule-id] message", "armsdeal.check.formats.text:text"),
        Entry("github", "GitHub Actions workflow commands", "armsdeal.check.formats.github:github"),
        Entry("json", "one document, docs/check-json.md", "armsdeal.check.formats.json:json_report"),
        Entry("sarif", "SARIF 2.1.0 for code scanning, docs/ci.md", "armsdeal.check.formats.sarif:sarif"),
        Entry("gitlab", "GitLab Code Quality report, docs/ci.md", "armsdeal.check.formats.gitlab:gitlab"),
        Entry("junit", "JUnit XML test report, docs/ci.md", "armsdeal.check.formats.junit:junit"),
        Entry("markdown", "GitHub Markdown for a job summary or comment", "armsdeal.check.formats.markdown:markdown"),
    ],
)


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
