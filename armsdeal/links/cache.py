"""The results cache of `armsdeal links`: a daily run need not ask every server again.

One JSON file (``links.json``) in the folder of the view cache (cli/cache.py;
``ARMSDEAL_CACHE_DIR`` moves it), URL -> the result and when it was found. Only
results that would stand on a second ask are kept: a page that answered, a
redirect, a 404 or 410; a timeout, a server error or a refused connection is
asked again on the next run. An entry older than the run's --max-age is not
used. This module only turns results into text and back; the CLI reads and
writes the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from armsdeal.links.results import LinkResult, Outcome

NAME = "links.json"
FORMAT = "armsdeal-links-cache"
VERSION = 1
MAX_ENTRIES = 100_000
_KEPT_STATUS = frozenset({404, 410})


def worth_keeping(result: LinkResult) -> bool:
    if result.outcome in (Outcome.OK, Outcome.REDIRECTED):
        return True
    return result.outcome is Outcome.CLIENT_ERROR and result.status in _KEPT_STATUS


def read(text: str, *, max_age: float, now: float) -> dict[str, LinkResult]:
    """The entries of a cache file no older than ``max_age`` seconds (none from a file that is not one)."""
    try:
        document = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(document, dict) or document.get("format") != FORMAT or document.get("version") != VERSION:
        return {}
    entries = document.get("results")
    found: dict[str, LinkResult] = {}
    for url, entry in entries.items() if isinstance(entries, dict) else ():
        result = _result(url, entry)
        if result is not None and 0 <= now - result.checked_at <= max_age:
            found[url] = result
    return found


def _result(url: str, entry: Any) -> LinkResult | None:
    try:
        result = LinkResult(
            url,
            Outcome(entry["outcome"]),
            entry.get("status"),
            entry.get("final_url"),
            str(entry.get("detail", "")),
            tuple((int(status), str(to)) for status, to in entry.get("redirects", ())),
            int(entry.get("attempts", 1)),
            float(entry["checked_at"]),
            cached=True,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return result if worth_keeping(result) else None


def write(previous: Mapping[str, LinkResult], fresh: Mapping[str, LinkResult]) -> str:
    """The cache file's new text: the entries kept from before, updated with this run's (newest kept)."""
    merged = {url: result for url, result in previous.items() if worth_keeping(result)}
    for url, result in fresh.items():
        if worth_keeping(result) and not result.cached:
            merged[url] = result
        elif not result.cached:
            merged.pop(url, None)  # a link that failed now: the old answer no longer stands
    newest = sorted(merged.values(), key=lambda result: result.checked_at, reverse=True)[:MAX_ENTRIES]
    results = {
        result.url: {
            "outcome": str(result.outcome),
            "status": result.status,
            "final_url": result.final_url,
            "detail": result.detail,
            "redirects": [list(hop) for hop in result.redirects],
            "attempts": result.attempts,
            "checked_at": result.checked_at,
        }
        for result in newest
    }
    return json.dumps({"format": FORMAT, "version": VERSION, "results": results}, ensure_ascii=True) + "\n"
