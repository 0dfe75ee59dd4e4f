"""check's sarif format: SARIF 2.1.0 for code-scanning services (GitHub code scanning and others).

One run: the tool with every rule of the registry (its id, the first line of its
documentation, the whole documentation and a link into docs/format.md), and a
result per problem at its place in the repository, with a fingerprint that
survives unrelated line moves (findings.py). docs/ci.md shows it in a workflow.

Message text is plain text, and SARIF reads ``[text](target)`` in plain text as
a link: brackets from a timeline are escaped with a backslash, as SARIF 2.1.0
(3.11.6) asks for brackets that are not a link. No Markdown message is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from armsdeal import __version__
from armsdeal.check.formats.findings import Reported, findings
from armsdeal.core.problems import Severity
from armsdeal.render.safe_text import clean, to_json

if TYPE_CHECKING:
    from armsdeal.check.results import CheckRun
    from armsdeal.check.rules.base import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HOME = "https://github.com/armsdeal/armsdeal"
# Every rule id is named in this section of docs/format.md (tests/check/test_check_ci_formats.py).
RULES_HELP = f"{HOME}/blob/main/docs/format.md#what-only-check-finds"
FINGERPRINT_KEY = "armsdeal/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def sarif(run: CheckRun, color: bool = False) -> str:
    """The run as one SARIF 2.1.0 log."""
    from armsdeal.check.rules import RULES

    rules = list(RULES.values())
    index = {rule.id: number for number, rule in enumerate(rules)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "armsdeal",
                        "version": __version__,
                        "informationUri": HOME,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "invocations": [{"executionSuccessful": run.unreadable == 0}],
                "columnKind": "unicodeCodePoints",
                "results": [_result(found, index) for found in findings(run.problems)],
            }
        ],
    }
    return to_json(log)


def _rule(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "shortDescription": {"text": plain(rule.summary)},
        "fullDescription": {"text": plain(rule.doc)},
        "helpUri": RULES_HELP,
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _result(found: Reported, index: dict[str, int]) -> dict[str, object]:
    problem = found.problem
    location: dict[str, object] = {"artifactLocation": artifact(found.path)}
    if problem.located:
        location["region"] = {"startLine": max(problem.line, 1), "startColumn": max(problem.column, 1)}
    result: dict[str, object] = {
        "ruleId": problem.rule,
        "level": _LEVELS[problem.severity],
        "message": {"text": plain(problem.message)},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {FINGERPRINT_KEY: found.fingerprint},
    }
    if problem.rule in index:
        result["ruleIndex"] = index[problem.rule]
    return result


def artifact(path: str) -> dict[str, str]:
    """A relative path from the source root (%SRCROOT%), or a file: URI for a path outside it."""
    encoded = quote(path, safe="/", errors="surrogateescape")
    if path.startswith("/"):
        return {"uri": f"file://{encoded}"}
    return {"uri": encoded, "uriBaseId": "%SRCROOT%"}


def plain(text: str) -> str:
    """SARIF plain text: no control characters, and brackets escaped so that nothing reads as a link."""
    return clean(text).replace("[", "\\[").replace("]", "\\]")
