"""Located problems: the one value every check produces, and the cap on how many are kept."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

# At most this many problems of one rule are kept per file; the rest become one
# "and N more" problem. 400,000 copies of one mistake would otherwise cost
# gigabytes of memory and output and say nothing the first hundred do not.
MAX_PER_RULE = 100


class Severity(StrEnum):
    """How bad a problem is. Errors fail a check; warnings fail only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """A problem at a place in a file, with the rule that found it.

    Lines and columns are 1-based, as editors count them. A problem whose
    ``omitted`` is not 0 is the "and N more" line of a capped rule: it stands
    for that many problems that are not listed, the first of which is at its
    location. A problem with the path itself (missing, unreadable) is not
    ``located``: its text names no line or column, and the machine formats
    keep line 1, column 1.
    """

    path: str
    line: int
    column: int
    rule: str
    message: str
    severity: Severity = Severity.ERROR
    omitted: int = 0
    located: bool = True

    @property
    def place(self) -> str:
        """``path:line:col``, or only the path for a problem with the path itself."""
        return f"{self.path}:{self.line}:{self.column}" if self.located else self.path

    def __str__(self) -> str:
        return f"{self.place}: {self.severity} [{self.rule}] {self.message}"

    @property
    def count(self) -> int:
        """How many problems this line stands for: 1, or the number omitted."""
        return self.omitted or 1


def more_message(omitted: int, limit: int = MAX_PER_RULE) -> str:
    """The message of the line that stands for omitted problems."""
    return f"and {omitted} more like this in this file (only the first {limit} of each rule are listed)"


def capped(problems: Iterable[Problem], limit: int = MAX_PER_RULE) -> list[Problem]:
    """The problems sorted, with at most ``limit`` of each rule per file (and severity).

    The rest become one problem per rule whose ``omitted`` counts them, at the
    first omitted one's location. Memory stays flat however many come in: the
    input is consumed as an iterator, and each rule keeps at most 2 * limit.
    Capping capped problems again changes nothing.
    """
    kept: dict[tuple[str, str, Severity], list[Problem]] = {}
    omitted: dict[tuple[str, str, Severity], tuple[int, Problem]] = {}

    def omit(key: tuple[str, str, Severity], count: int, first: Problem) -> None:
        before = omitted.get(key)
        if before is None:
            omitted[key] = (count, first)
        else:
            omitted[key] = (before[0] + count, min(before[1], first))

    for problem in problems:
        key = (problem.path, problem.rule, problem.severity)
        if problem.omitted:
            omit(key, problem.omitted, problem)
            continue
        bucket = kept.setdefault(key, [])
        bucket.append(problem)
        if len(bucket) >= 2 * limit:
            bucket.sort()
            omit(key, len(bucket) - limit, bucket[limit])
            del bucket[limit:]
    result: list[Problem] = []
    for key, bucket in kept.items():
        bucket.sort()
        if len(bucket) > limit:
            omit(key, len(bucket) - limit, bucket[limit])
            del bucket[limit:]
        result.extend(bucket)
    for count, first in omitted.values():
        result.append(replace(first, message=more_message(count, limit), omitted=count))
    result.sort()
    return result
