"""The one exception hierarchy of armsdeal. The CLI catches ArmsdealError in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from armsdeal.core.problems import Problem


class ArmsdealError(Exception):
    """Anything armsdeal reports to a user instead of a traceback."""

    exit_code = 2


class UsageError(ArmsdealError):
    """The command line asks for something that does not exist or makes no sense."""


class ConfigError(UsageError):
    """A mistake in a configuration file, at a place in it: said as a problem, path:line:col: error [config] ..."""

    def __init__(self, problem: Problem) -> None:
        self.problems = [problem]
        super().__init__(str(problem))


class InputError(ArmsdealError):
    """A file or folder cannot be read (missing, a directory, no permission)."""


class InvalidTimeline(ArmsdealError):
    """A timeline file has problems; carries them, located."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in {problems[0].path}" if problems else "invalid")


class InvalidDiffInput(InvalidTimeline):
    """A timeline given to `diff` has problems. Exit 2: for diff, 1 means "they differ"."""

    exit_code = 2
