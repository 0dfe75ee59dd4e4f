"""The rule registry's shape: Rule, the RULES dict, and how rules are declared or registered.

Each rule's docstring is its user documentation (``armsdeal rules`` prints it).
Rules found while reading the file (syntax, encoding) or by the schema are
*declared* here so they are documented and can be ignored by id; rules that
look at a valid timeline are *checks*: functions yielding Findings.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from armsdeal.core.model import Timeline
from armsdeal.core.problems import Problem, Severity

if TYPE_CHECKING:
    from armsdeal.check.runner import FileResult

Keys = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check found and where, as a path into the data."""

    keys: Keys
    message: str
    at_key: bool = False


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check may look at: the timeline, the name of its file, and today's date."""

    timeline: Timeline
    file_stem: str | None
    today: date  # passed down from the command line, never read from the clock here


Check = Callable[[CheckContext], Iterable[Finding]]
# A rule across files: the results of every checked file -> (index of a result, its problem).
AcrossFiles = Callable[[Sequence["FileResult"]], Iterable[tuple[int, Problem]]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A kind of problem: its id, default severity, documentation and (for checks) the check."""

    id: str
    severity: Severity
    doc: str
    check: Check | None = None
    across_files: AcrossFiles | None = None
    # A file that cannot be read is an I/O failure, not a finding one may silence.
    ignorable: bool = True

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


RULES: dict[str, Rule] = {}


def declare(rule_id: str, doc: str, severity: Severity = Severity.ERROR, *, ignorable: bool = True) -> None:
    """Register a rule whose problems another stage (loader, schema, checker) produces."""
    RULES[rule_id] = Rule(rule_id, severity, inspect.cleandoc(doc), ignorable=ignorable)


def check(rule_id: str, severity: Severity = Severity.ERROR) -> Callable[[Check], Check]:
    """Register a function as the check of a rule; its docstring documents the rule."""

    def register(function: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, severity, inspect.cleandoc(function.__doc__ or ""), function)
        return function

    return register


def across_files(rule_id: str, severity: Severity = Severity.ERROR) -> Callable[[AcrossFiles], AcrossFiles]:
    """Register a function as a rule that needs every checked file; its docstring documents the rule."""

    def register(function: AcrossFiles) -> AcrossFiles:
        doc = inspect.cleandoc(function.__doc__ or "")
        RULES[rule_id] = Rule(rule_id, severity, doc, across_files=function)
        return function

    return register
