"""The results of `armsdeal links` as check's located problems, so check's formats write them.

Each citation of a URL with a problem is one warning at its `url:` value:
``path:line:col: warning [link-dead] https://... answers 404 Not Found; cited by 3 events: a, b, c``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus

from armsdeal.check.results import CheckRun, FileResult
from armsdeal.core.problems import Problem, Severity
from armsdeal.links.archive import Found, Snapshot
from armsdeal.links.citations import Citation, Cited
from armsdeal.links.results import LinkResult, Outcome
from armsdeal.links.rules import FAILING, RULE_OF

MAX_EVENTS_NAMED = 5


@dataclass(frozen=True, slots=True)
class LinkRun:
    """A finished run: check's CheckRun of the link problems, and what the summary counts."""

    run: CheckRun
    results: Mapping[str, LinkResult]
    cited: int  # distinct URLs cited by the files

    def exit_code(self, *, strict: bool = False) -> int:
        """2 if a path could not be read, 1 if a file is not YAML or a link fails (any problem with strict), else 0."""
        if self.run.unreadable:
            return 2
        if self.run.count(Severity.ERROR):
            return 1  # a file that is not YAML: check says where
        rules = {problem.rule for problem in self.run.problems}
        return 1 if (rules & FAILING or (strict and rules)) else 0


def link_run(
    cited: Cited, results: Mapping[str, LinkResult], archived: Mapping[str, Found] | None = None, *, now: float
) -> LinkRun:
    """Each citation of a URL whose result is not ok becomes a problem in its file."""
    by_file: dict[str, list[Problem]] = {}
    for url, result in results.items():
        if result.outcome is Outcome.OK:
            continue
        for citation in cited.urls.get(url, ()):
            message = describe(result, now) + _archive_note(citation, url, archived)
            problem = Problem(
                citation.path,
                citation.line,
                citation.column,
                RULE_OF[result.outcome],
                message + "; " + cited_by(citation),
                Severity.WARNING,
            )
            by_file.setdefault(citation.path, []).append(problem)
    files = tuple(
        FileResult(file.path, (*file.problems, *sorted(by_file.get(file.path, ()))), file.readable)
        for file in cited.files
    )
    return LinkRun(CheckRun(files), results, len(cited.urls))


def describe(result: LinkResult, now: float) -> str:
    """What the result is, in a sentence that starts with the URL."""
    what = f"{result.url} {_what(result)}"
    if result.detail and result.outcome not in (Outcome.OK, Outcome.REDIRECTED):
        what += f" ({result.detail})"
    if result.attempts > 1:
        what += f", after {result.attempts} tries"
    if result.cached:
        what += f" [from the cache, checked {age(now - result.checked_at)} ago]"
    return what


def _what(result: LinkResult) -> str:
    status = f"{result.status} {_phrase(result.status)}".strip() if result.status is not None else ""
    hops = len(result.redirects)
    moved = f"{'permanently ' if result.permanent else ''}redirects{f' {hops} times' if hops > 1 else ''}"
    texts = {
        Outcome.REDIRECTED: f"{moved} to {result.final_url}",
        Outcome.CLIENT_ERROR: f"answers {status}" + _ended(result),
        Outcome.SERVER_ERROR: f"answers {status}" + _ended(result),
        Outcome.TIMEOUT: "does not answer in time",
        Outcome.CONNECTION: "cannot be reached",
        Outcome.TLS: "fails its secure connection",
        Outcome.REDIRECT_LOOP: "cannot be followed to a page",
        Outcome.PRIVATE: "is not checked",  # the detail says why: its address is not public
        Outcome.NOT_CHECKED: "is not checked",
        Outcome.OK: "is reachable",
    }
    return texts[result.outcome]


def _ended(result: LinkResult) -> str:
    hops = len(result.redirects)
    return f" at {result.final_url} after {hops} redirect{'s' if hops > 1 else ''}" if hops else ""


def _phrase(status: int | None) -> str:
    try:
        return HTTPStatus(status or 0).phrase
    except ValueError:
        return ""


def _archive_note(citation: Citation, url: str, archived: Mapping[str, Found] | None) -> str:
    if citation.archive_url is not None:
        return "; archive_url is recorded"
    if archived is None or url not in archived:
        return ""
    found = archived[url]
    if isinstance(found, Snapshot):
        return f"; archived copy of {found.day}: {found.url}"
    if found is None:
        return "; no archived copy found"
    return f"; {found}"


def cited_by(citation: Citation) -> str:
    """'cited by 3 events: a, b, c' (at most MAX_EVENTS_NAMED named) for the source of a citation."""
    ids = [event_id for event_id, _ in citation.events]
    if not ids:
        return f"source '{citation.source_id}', cited by no event"
    named = ", ".join(ids[:MAX_EVENTS_NAMED])
    more = f" and {len(ids) - MAX_EVENTS_NAMED} more" if len(ids) > MAX_EVENTS_NAMED else ""
    events = "1 event" if len(ids) == 1 else f"{len(ids)} events"
    return f"source '{citation.source_id}', cited by {events}: {named}{more}"


def age(seconds: float) -> str:
    """'40 s', '12 min', '3 h', '2 days'."""
    seconds = max(seconds, 0.0)
    for size, unit in ((86400, " days"), (3600, " h"), (60, " min")):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count}{unit.replace('days', 'day') if count == 1 else unit}"
    return f"{int(seconds)} s"


def summary(link_run: LinkRun, *, skipped: int = 0, now: float | None = None) -> str:
    """'105 links checked in 4 files: 98 ok, 4 redirected, 3 client error; 12 from the cache, up to 3 h old'."""
    counts: dict[Outcome, int] = {}
    for result in link_run.results.values():
        counts[result.outcome] = counts.get(result.outcome, 0) + 1
    parts = [f"{counts[outcome]} {outcome}" for outcome in Outcome if counts.get(outcome)]
    checked, files = len(link_run.results), len(link_run.run.files)
    line = f"{checked} link{'s' if checked != 1 else ''} checked in {files} file{'s' if files != 1 else ''}"
    line += f": {', '.join(parts)}" if parts else ""
    if skipped:
        line += f" ({skipped} unchanged not checked)"
    cached = [result for result in link_run.results.values() if result.cached]
    if cached:
        oldest = min(result.checked_at for result in cached)
        line += f"; {len(cached)} from the cache, up to {age((now or time.time()) - oldest)} old"
    return line
