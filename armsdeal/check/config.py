"""Per-project settings: `[tool.armsdeal]` in pyproject.toml, or the same keys at the top of `.armsdeal.toml`.

```toml
[tool.armsdeal]
ignore = ["unused-actor"]   # rule ids, as listed by `armsdeal rules`
strict = true               # warnings fail `armsdeal check` too

[tool.armsdeal.rules.future-date]
grace-days = 1              # a rule's options, declared beside the rule (check/rules/)
```

The file is the first `.armsdeal.toml`, or pyproject.toml with `[tool.armsdeal]`,
found from the current folder upwards; in one folder, `.armsdeal.toml` wins. Both are read by
the same code, the second under `tool.armsdeal`. A mistake in the settings (an
unknown key, rule id or option, a value of the wrong type) is a usage error
located in the file, `path:line:col: error [config] ...`, never silently
ignored; tomllib gives no places, so check/tomlplaces.py finds the key's.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armsdeal.core.errors import ConfigError, InputError, UsageError
from armsdeal.core.problems import Problem
from armsdeal.core.suggest import did_you_mean

if TYPE_CHECKING:
    from armsdeal.check.rules import Rule
    from armsdeal.check.rules.base import Option, OptionValue

_KEYS = ("ignore", "strict", "rules")
# In one folder, the file of armsdeal's own wins over the project's pyproject.toml.
CONFIG_FILES = (".armsdeal.toml", "pyproject.toml")
_TOML_PLACE = re.compile(r" \(at line (\d+), column (\d+)\)$")


@dataclass(frozen=True, slots=True)
class Settings:
    """What the project asks of `armsdeal check`, and where it said so."""

    ignore: frozenset[str] = field(default_factory=frozenset)
    strict: bool = False
    source: Path | None = None
    # Rule id -> option name -> value, for the options the project sets (plain dicts: sent to workers).
    options: dict[str, dict[str, OptionValue]] = field(default_factory=dict)


def find_config(start: Path) -> Path | None:
    """The first .armsdeal.toml, or pyproject.toml that speaks to armsdeal, in ``start`` or one of its parents.

    A pyproject.toml without `[tool.armsdeal]` belongs to some other project (a Python package kept
    beside the timelines, say) and is passed over, as ruff passes over one without `[tool.ruff]`: it
    must not hide the settings of the repository above it.
    """
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name == CONFIG_FILES[0] or _speaks_to_armsdeal(candidate)):
                return candidate
    return None


def _speaks_to_armsdeal(pyproject: Path) -> bool:
    """Whether a pyproject.toml has a `tool.armsdeal` key; one that cannot be read or parsed is kept, so
    that load_settings reports the problem in the file instead of passing it over in silence."""
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True
    tool = document.get("tool")
    return isinstance(tool, dict) and "armsdeal" in tool


def load_settings(start: Path | None = None) -> Settings:
    """Settings from the nearest configuration file; defaults if there is none, or a pyproject without them."""
    path = find_config((start or Path.cwd()).resolve())
    if path is None:
        return Settings()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise UsageError(f"{path}: not valid TOML: {error}") from error
    reader = _Reader(path, text, () if path.name == CONFIG_FILES[0] else ("tool", "armsdeal"))
    return reader.settings()


@dataclass(frozen=True, slots=True)
class _Reader:
    """One configuration file: its text (for places) and where armsdeal's keys start in it."""

    path: Path
    text: str
    prefix: tuple[str, ...]

    def settings(self) -> Settings:
        try:
            document: Any = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as error:
            raise self._invalid_toml(error) from error
        for name in self.prefix:  # tool.armsdeal: a pyproject without it (or odd) has no settings
            document = document.get(name) if isinstance(document, dict) else None
        if document is None:
            return Settings()
        if not isinstance(document, dict):
            raise self.error((), "must be a table")
        return self._table(document)

    def _table(self, table: dict[str, Any]) -> Settings:
        for key in table:
            if key not in _KEYS:
                close = did_you_mean(key, _KEYS, most=3)
                raise self.error((key,), f"unknown key '{key}'{close}; known keys: {', '.join(_KEYS)}")
        ignore = table.get("ignore", [])
        if not isinstance(ignore, list) or not all(isinstance(item, str) for item in ignore):
            raise self.error(("ignore",), "'ignore' must be a list of rule ids, such as [\"unused-actor\"]")
        strict = table.get("strict", False)
        if not isinstance(strict, bool):
            raise self.error(("strict",), "'strict' must be true or false")
        try:
            ignored = rule_ids(ignore, origin="")
        except UsageError as error:
            raise self.error(("ignore",), f"'ignore': {error}") from error
        return Settings(ignored, strict, self.path, self._rules(table.get("rules", {})))

    def _rules(self, rules: object) -> dict[str, dict[str, OptionValue]]:
        from armsdeal.check.rules import RULES

        if not isinstance(rules, dict):
            raise self.error(
                ("rules",), f"'rules' must be a table of rule ids, such as [{self._name('rules')}.RULE-ID]"
            )
        found = {}
        for rule_id, values in rules.items():
            rule = RULES.get(rule_id)
            if rule is None:
                close = did_you_mean(rule_id, RULES, most=3)
                raise self.error(("rules", rule_id), f"unknown rule '{rule_id}'{close}; 'armsdeal rules' lists them")
            found[rule_id] = self._options(rule, values)
        return found

    def _options(self, rule: Rule, values: object) -> dict[str, OptionValue]:
        where = ("rules", rule.id)
        if not rule.options:
            raise self.error(where, f"rule '{rule.id}' takes no options; 'armsdeal rules' marks those that do")
        declared = {option.name: option for option in rule.options}
        if not isinstance(values, dict):
            example = f"{rule.options[0].name} = {toml_value(rule.options[0].default)}"
            raise self.error(
                where, f"'{rule.id}' must be a table of its options, such as [{self._name(*where)}] {example}"
            )
        found = {}
        for name, value in values.items():
            option = declared.get(name)
            if option is None:
                close = did_you_mean(name, declared, most=3)
                raise self.error(
                    (*where, name),
                    f"rule '{rule.id}' has no option '{name}'{close}; its options: {', '.join(declared)}",
                )
            found[name] = self._value(rule, option, value)
        return found

    def _value(self, rule: Rule, option: Option[Any], value: object) -> OptionValue:
        wrong = option.problem(value)
        if wrong is not None:
            raise self.error(
                ("rules", rule.id, option.name),
                f"option '{option.name}' of rule '{rule.id}' must be {wrong}; "
                f"its default is {option.name} = {toml_value(option.default)}",
            )
        converted: OptionValue = option.value(value)
        return converted

    def _name(self, *keys: str) -> str:
        return ".".join((*self.prefix, *keys))

    def error(self, keys: tuple[str, ...], message: str) -> ConfigError:
        """A located mistake at ``keys`` (below armsdeal's table) in this file."""
        from armsdeal.check.tomlplaces import locate

        line, column = locate(self.text, (*self.prefix, *keys))
        return ConfigError(Problem(_shown(self.path), line, column, "config", message))

    def _invalid_toml(self, error: tomllib.TOMLDecodeError) -> ConfigError:
        # tomllib says where in its message: "... (at line 3, column 7)" (3.11 has no attributes for it).
        message = str(error)
        place = _TOML_PLACE.search(message)
        line, column = (int(place.group(1)), int(place.group(2))) if place else (1, 1)
        reason = message[: place.start()] if place else message
        problem = Problem(_shown(self.path), line, column, "config", f"not valid TOML: {reason}; see https://toml.io")
        return ConfigError(problem)


def toml_value(value: OptionValue) -> str:
    """A value as it is written in TOML: 3, true, "text", ["a", "b"]."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_text(value)
    return "[" + ", ".join(_toml_text(item) for item in value) + "]"


def _toml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown(path: Path) -> str:
    """The file's path as the user would type it: relative to the current folder when it is below it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def rule_ids(names: Iterable[str], *, origin: str) -> frozenset[str]:
    """Check that each name is the id of a rule that may be ignored; UsageError with close matches if not."""
    names = list(names)
    for name in names:
        if not require_rule(name, origin=origin).ignorable:
            prefix = f"{origin}: " if origin else ""
            raise UsageError(f"{prefix}rule '{name}' cannot be ignored")
    return frozenset(names)


def require_rule(name: str, *, origin: str) -> Rule:
    """The rule with this id, or UsageError naming close matches."""
    from armsdeal.check.rules import RULES

    rule = RULES.get(name)
    if rule is None:
        prefix = f"{origin}: " if origin else ""
        raise UsageError(
            f"{prefix}unknown rule '{name}'{did_you_mean(name, RULES, most=3)}; 'armsdeal rules' lists them"
        )
    return rule
