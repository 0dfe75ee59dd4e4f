"""check's junit format: JUnit XML, for CI services that show test reports (GitLab, Jenkins, Azure ...).

One test case per checked file (its path from the repository root), a
``<failure>`` per problem; a file that cannot be read is an ``<error>``. A
warning is a failure too, with ``type="warning"``: JUnit has no milder outcome.
The suite's ``failures`` and ``errors`` count test cases, as JUnit's do (a file
with three problems is one failed test), not the problems in them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from armsdeal.check.formats.findings import Reported, findings, repository_path, repository_root
from armsdeal.render.safe_text import clean

if TYPE_CHECKING:
    from armsdeal.check.results import CheckRun

SUITE = "armsdeal check"
# What XML 1.0 cannot hold even as a character reference, after clean() made controls visible:
# lone surrogates (a file name's bytes that are not UTF-8) and the two non-characters.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def junit(run: CheckRun, color: bool = False) -> str:
    """The run as a JUnit XML document."""
    root = repository_root()
    cases = [_case(repository_path(result.path, root), list(findings(result.problems, root))) for result in run.files]
    # JUnit's meaning: the number of test cases that failed (or errored), whatever each holds.
    errors = sum(1 for case in cases if case.find("error") is not None)
    failures = sum(1 for case in cases if case.find("error") is None and case.find("failure") is not None)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": str(errors)}
    suites = ElementTree.Element("testsuites", {"name": SUITE, **counts})
    suite = ElementTree.SubElement(suites, "testsuite", {"name": SUITE, **counts})
    suite.extend(cases)
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


def _case(path: str, found: list[Reported]) -> ElementTree.Element:
    case = ElementTree.Element("testcase", {"classname": "armsdeal.check", "name": _xml(path), "file": _xml(path)})
    for item in found:
        problem = item.problem
        tag = "error" if problem.rule == "file-unreadable" else "failure"
        message = _xml(clean(problem.message, keep_newlines=False))
        element = ElementTree.SubElement(case, tag, {"type": str(problem.severity), "message": message})
        where = f"{_xml(path)}:{problem.line}:{problem.column}" if problem.located else _xml(path)
        element.text = f"{where}: {problem.severity} [{problem.rule}] {message}"
    return case


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", clean(text, keep_newlines=False))
