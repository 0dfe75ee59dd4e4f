"""Per-project settings: `[tool.armsdeal]` in the nearest pyproject.toml.

```toml
[tool.armsdeal]
ignore = ["unused-actor"]   # rule ids, as listed by `armsdeal rules`
strict = true               # warnings fail `armsdeal check` too
```

The nearest pyproject.toml is the first one found from the current folder
upwards. A mistake in the table (an unknown key, a rule id that does not
exist) is a usage error rather than silently ignored.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armsdeal.core.errors import InputError, UsageError
from armsdeal.core.suggest import did_you_mean

if TYPE_CHECKING:
    from armsdeal.check.rules import Rule

_KEYS = ("ignore", "strict")


@dataclass(frozen=True, slots=True)
class Settings:
    """What the project asks of `armsdeal check`, and where it said so."""

    ignore: frozenset[str] = field(default_factory=frozenset)
    strict: bool = False
    source: Path | None = None


def find_pyproject(start: Path) -> Path | None:
    """The first pyproject.toml in ``start`` or one of its parents."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_settings(start: Path | None = None) -> Settings:
    """Settings from the nearest pyproject.toml; defaults if there is none or it has no [tool.armsdeal]."""
    path = find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        return Settings()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: not valid TOML: {error}") from error
    tool = document.get("tool")
    table = tool.get("armsdeal") if isinstance(tool, dict) else None
    if table is None:
        return Settings()
    return _settings(table, path)


def _settings(table: Any, path: Path) -> Settings:
    where = f"{path} [tool.armsdeal]"
    if not isinstance(table, dict):
        raise UsageError(f"{where}: must be a table")
    for key in table:
        if key not in _KEYS:
            raise UsageError(
                f"{where}: unknown key '{key}'{did_you_mean(key, _KEYS, most=3)}; known keys: {', '.join(_KEYS)}"
            )
    ignore = table.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(item, str) for item in ignore):
        raise UsageError(f"{where}: 'ignore' must be a list of rule ids, such as [\"unused-actor\"]")
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise UsageError(f"{where}: 'strict' must be true or false")
    return Settings(rule_ids(ignore, origin=where), strict, path)


def rule_ids(names: Iterable[str], *, origin: str) -> frozenset[str]:
    """Check that each name is the id of a rule that may be ignored; UsageError with close matches if not."""
    names = list(names)
    for name in names:
        if not require_rule(name, origin=origin).ignorable:
            raise UsageError(f"{origin}: rule '{name}' cannot be ignored")
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
