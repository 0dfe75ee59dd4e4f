"""The rule registry's shape: Rule, the RULES dict, and how rules are declared or registered.

Each rule's docstring is its user documentation (``armsdeal rules`` prints it).
Rules found while reading the file (syntax, encoding) or by the schema are
*declared* here so they are documented and can be ignored by id; rules that
look at a valid timeline are *checks*: functions yielding Findings.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, cast

from armsdeal.core.model import Timeline
from armsdeal.core.problems import Problem, Severity

if TYPE_CHECKING:
    from armsdeal.check.results import FileResult

Keys = tuple[str | int, ...]

# What an option may hold: TOML's whole numbers, booleans, text, and lists of text (kept as tuples).
OptionValue = int | bool | str | tuple[str, ...]
T = TypeVar("T", bound=OptionValue)
# The configured options of a project: rule id -> option name -> value (only those set; the rest default).
RuleOptions = Mapping[str, Mapping[str, OptionValue]]


@dataclass(frozen=True, slots=True)
class Option(Generic[T]):
    """A setting of one rule, declared beside its check: its name in the configuration, default and help.

    The default is the rule's behaviour with no configuration, so its type is the option's type.
    ``minimum`` bounds a whole number; ``choices`` are the texts allowed (for text, or each item of a list).
    """

    name: str
    default: T
    help: str
    minimum: int | None = None
    choices: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """The type of value, in a user's words."""
        if isinstance(self.default, bool):
            return "true or false"
        if isinstance(self.default, int):
            return "a whole number" + (f" of {self.minimum} or more" if self.minimum is not None else "")
        return "a list of text" if isinstance(self.default, tuple) else "text"

    @property
    def expects(self) -> str:
        """What a value must be, in a user's words: its kind and the texts allowed, if only some are."""
        if not self.choices:
            return self.kind
        allowed = ", ".join(self.choices)
        return f"{self.kind}, each one of: {allowed}" if isinstance(self.default, tuple) else f"one of: {allowed}"

    def problem(self, value: object) -> str | None:
        """What ``value`` must be instead (a phrase to follow 'must be'), or None if this option accepts it."""
        if isinstance(self.default, bool):
            return None if isinstance(value, bool) else self.kind
        if isinstance(self.default, int):
            # bool is a subclass of int: `true` is no number here.
            number = type(value) is int and (self.minimum is None or value >= self.minimum)
            return None if number else self.kind
        return None if self._accepts_text(value) else self.expects

    def _accepts_text(self, value: object) -> bool:
        if isinstance(self.default, tuple) is not isinstance(value, list | tuple):
            return False  # a list where text is wanted, or the other way round
        items = list(value) if isinstance(value, list | tuple) else [value]
        return all(isinstance(item, str) and (not self.choices or item in self.choices) for item in items)

    def value(self, configured: object) -> T:
        """A configured value (already accepted by ``problem``) as the type of the default."""
        return cast(T, tuple(configured) if isinstance(configured, list) else configured)


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
    # The configured options of the rule being run (check/validate.py gives each rule its own); None: defaults.
    options: Mapping[str, OptionValue] | None = None

    def option(self, option: Option[T]) -> T:
        """The value of one of the running rule's options: as configured, or its default."""
        return option_value(self.options, option)


def option_value(configured: Mapping[str, OptionValue] | None, option: Option[T]) -> T:
    """The value of ``option`` among a rule's ``configured`` options (None: none set), or its default."""
    value = None if configured is None else configured.get(option.name)
    return option.default if value is None else cast(T, value)


class AcrossFinding(NamedTuple):
    """A problem of a rule across files: the index of the result (file) it is reported in, and the problem.

    ``names``: the paths of the other files whose places its message writes. A problem that names, or
    stands at, the place of a file read without places (``UNLOCATED``, read/places.py) waits for that
    place: the runner reads those files again with places and runs the rules across files again.
    """

    file_index: int
    problem: Problem
    names: tuple[str, ...] = ()


Check = Callable[[CheckContext], Iterable[Finding]]
# A rule across files: the results of every checked file, and the rule's configured options (None: the
# defaults) -> its findings.
AcrossFiles = Callable[[Sequence["FileResult"], Mapping[str, OptionValue] | None], Iterable[AcrossFinding]]


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
    # Settings a project may change ([tool.armsdeal.rules.RULE-ID]): checks and rules across files take them.
    options: tuple[Option[Any], ...] = field(default=())

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


RULES: dict[str, Rule] = {}


def declare(rule_id: str, doc: str, severity: Severity = Severity.ERROR, *, ignorable: bool = True) -> None:
    """Register a rule whose problems another stage (loader, schema, checker) produces."""
    RULES[rule_id] = Rule(rule_id, severity, inspect.cleandoc(doc), ignorable=ignorable)


def check(
    rule_id: str, severity: Severity = Severity.ERROR, *, options: Sequence[Option[Any]] = ()
) -> Callable[[Check], Check]:
    """Register a function as the check of a rule; its docstring documents the rule.

    ``options`` are the settings it reads with ``context.option(...)``; their defaults are its behaviour.
    """

    def register(function: Check) -> Check:
        doc = inspect.cleandoc(function.__doc__ or "")
        RULES[rule_id] = Rule(rule_id, severity, doc, function, options=tuple(options))
        return function

    return register


def across_files(
    rule_id: str, severity: Severity = Severity.ERROR, *, options: Sequence[Option[Any]] = ()
) -> Callable[[AcrossFiles], AcrossFiles]:
    """Register a function as a rule that needs every checked file; its docstring documents the rule.

    ``options`` as for ``check``: the function receives the configured ones (``option_value`` reads them).
    """

    def register(function: AcrossFiles) -> AcrossFiles:
        doc = inspect.cleandoc(function.__doc__ or "")
        RULES[rule_id] = Rule(rule_id, severity, doc, across_files=function, options=tuple(options))
        return function

    return register
