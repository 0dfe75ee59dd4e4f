"""'Did you mean ...?': the one way armsdeal suggests a known name for a mistyped one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_matches(name: str, known: Iterable[str], *, most: int = 1) -> list[str]:
    """The known names closest to ``name``, best first (difflib's ratio, at least 0.6)."""
    return difflib.get_close_matches(name, sorted(set(known)), n=most)


def did_you_mean(name: str, known: Iterable[str], *, most: int = 1) -> str:
    """`` (did you mean 'x'?)``, `` (did you mean 'x' or 'y'?)``, or '' when nothing is close."""
    close = close_matches(name, known, most=most)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{match}'" for match in close) + "?)"
