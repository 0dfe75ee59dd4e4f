"""The rules of `armsdeal links`: one id per kind of result, documented as check's rules are.

They are kept apart from check's registry (check/rules): `check` never makes a
request, and its rules are all about the files. `armsdeal rules` lists both.
Every link problem is a warning, as the link is not wrong in the file, the page
moved or went; `links` fails (exit 1) on the rules in FAILING, or on any of
them with --strict.
"""

from __future__ import annotations

import inspect
from functools import cache
from typing import TYPE_CHECKING

from armsdeal.core.problems import Severity
from armsdeal.links.results import Outcome

if TYPE_CHECKING:
    from armsdeal.check.rules.base import Rule

_DOCS: dict[Outcome, tuple[str, str]] = {
    Outcome.CLIENT_ERROR: (
        "link-dead",
        """A cited page answers with a client error (404 Not Found, 410 Gone, ...): it is gone or moved.

        Find where it went, or record an archived copy as `archive_url` (`armsdeal links --archive --write`).
        A 429 Too Many Requests that lasts past the retries is reported here too.
        """,
    ),
    Outcome.SERVER_ERROR: (
        "link-server-error",
        """A cited page answers with a server error (5xx) after the retries.

        Often passing: run again later. A page that stays down for days is as good as dead.
        """,
    ),
    Outcome.TIMEOUT: (
        "link-timeout",
        """A cited page did not answer within the time allowed (--timeout), after the retries.""",
    ),
    Outcome.CONNECTION: (
        "link-unreachable",
        """A cited page's host has no address (DNS), refuses the connection, or closes it without an answer.""",
    ),
    Outcome.TLS: (
        "link-tls",
        """A cited page's HTTPS connection fails: an expired or mismatched certificate, or no common protocol.""",
    ),
    Outcome.REDIRECT_LOOP: (
        "link-redirect-loop",
        """A cited page redirects in a loop, or more times than allowed (--max-redirects), or to a non-http URL.""",
    ),
    Outcome.REDIRECTED: (
        "link-redirected",
        """A cited page redirects to another URL: the message names where it ends and whether the move is permanent.

        A permanent move (301, 308) usually means the cited URL should be updated; a temporary one
        (302, 303, 307) is often a login or consent page. It does not fail the run without --strict.
        """,
    ),
    Outcome.PRIVATE: (
        "link-private",
        """A cited URL's host is, or resolves to, a loopback, private, link-local or other non-public address.

        It is not asked: a timeline is untrusted input, and a scheduled job runs inside a network.
        Give --allow-private to check such links (an intranet, a test server).
        It does not fail the run without --strict.
        """,
    ),
    Outcome.NOT_CHECKED: (
        "link-not-checked",
        """A cited URL is not http(s), so it is not checked (`armsdeal check` reports it as a format error).""",
    ),
}

RULE_OF: dict[Outcome, str] = {outcome: rule_id for outcome, (rule_id, _) in _DOCS.items()}
# Not a result of a link: an archived copy that --write found and the writers' contract refused to record.
UNWRITTEN = "link-archive-unwritten"
_UNWRITTEN_DOC = """`armsdeal links --archive --write` found an archived copy but did not write its `archive_url` line.

        The file is left as it is: the edit would have changed more than that line, lost a comment, or
        broken a rule (a source written on one line in braces, a file with problems). The message names
        the line not written, at the source's `url:`; fix what it says (often `armsdeal fmt` or `armsdeal
        check` first) and run again, or add the line by hand. The run fails (exit 1).
        """


@cache
def link_rules() -> dict[str, Rule]:
    """Every link rule as check's registry shapes a rule, for `armsdeal rules`.

    Made on demand: check's registry imports the model and every rule (about 0.1 s,
    python -X importtime), which a links run does not otherwise need.
    """
    from armsdeal.check.rules.base import Rule

    rules = {rule_id: Rule(rule_id, Severity.WARNING, inspect.cleandoc(doc)) for rule_id, doc in _DOCS.values()}
    rules[UNWRITTEN] = Rule(UNWRITTEN, Severity.ERROR, inspect.cleandoc(_UNWRITTEN_DOC))
    return rules


# What fails a run (exit 1) without --strict: a page that cannot be reached.
FAILING = frozenset(
    RULE_OF[outcome]
    for outcome in (
        Outcome.CLIENT_ERROR,
        Outcome.SERVER_ERROR,
        Outcome.TIMEOUT,
        Outcome.CONNECTION,
        Outcome.TLS,
        Outcome.REDIRECT_LOOP,
    )
)


def is_failing(outcome: Outcome) -> bool:
    """True for a result that fails a run: a page that cannot be reached."""
    return RULE_OF.get(outcome) in FAILING
