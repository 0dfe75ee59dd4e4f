"""What checking a URL found: the kinds of result and one URL's result (no HTTP client imported here)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

PERMANENT = frozenset({301, 308})


class Outcome(StrEnum):
    """What checking a URL found."""

    OK = "ok"
    REDIRECTED = "redirected"
    CLIENT_ERROR = "client error"
    SERVER_ERROR = "server error"
    TIMEOUT = "timeout"
    CONNECTION = "connection failure"  # DNS, refused, reset, closed
    TLS = "TLS error"
    REDIRECT_LOOP = "redirect loop"  # or more redirects than allowed
    PRIVATE = "private address"  # refused without --allow-private
    NOT_CHECKED = "not checked"  # not http(s)


@dataclass(frozen=True, slots=True)
class LinkResult:
    """One URL's result. ``redirects``: each hop's status and where it led, in order."""

    url: str
    outcome: Outcome
    status: int | None = None
    final_url: str | None = None
    detail: str = ""
    redirects: tuple[tuple[int, str], ...] = ()
    attempts: int = 1
    checked_at: float = 0.0  # time.time() when checked
    cached: bool = False  # read from the results cache, not asked now

    @property
    def permanent(self) -> bool:
        """True when every hop of the redirect was permanent (301, 308)."""
        return bool(self.redirects) and all(status in PERMANENT for status, _ in self.redirects)
