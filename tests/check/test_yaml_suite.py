"""`armsdeal check` on the 402 inputs of the official YAML test suite.

They are not timelines, so most give schema problems: that is fine. What must
hold: never an exception, exit code 0 or 1 only, every problem located, and
every input the suite calls invalid YAML reported by a YAML rule, with a line
and column, unless it is one that libyaml accepts (the allow-list below).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import DATA, TODAY, invoke

from armsdeal.check.rules import RULES
from armsdeal.check.runner import check_paths

SUITE = DATA / "yaml-test-suite"

# Rules whose problems come from reading the YAML itself, before the schema.
YAML_RULES = {
    "yaml-syntax",
    "duplicate-key",
    "yaml-alias",
    "multiple-documents",
    "encoding",
    "empty-file",
    "byte-order-mark",
    "file-too-large",
}

# Invalid YAML that libyaml (PyYAML's C parser) parses without complaint. Each
# then reaches the schema and is reported as a non-timeline instead; none can
# pass as a timeline. Keep this list exact: the test fails if one is fixed.
LIBYAML_ACCEPTS = {
    "9C9N",  # Wrong indented flow sequence
    "9JBA",  # Invalid comment after end of flow sequence
    "CVW2",  # Invalid comment after comma
    "DK95-01",  # Tabs that look like indentation
    "G5U8",  # Plain dashes in flow sequence
    "MUS6-00",  # Directive variants (YAML 1.1 directive with a comment)
    "QB6E",  # Wrong indented multiline quoted scalar
    "S98Z",  # Block scalar with more spaces than first content line
    "SU5Z",  # Comment without whitespace after doublequoted scalar
    "X4QW",  # Comment without whitespace after block scalar indicator
    "Y79Y-003",  # Tabs in various contexts
    "YJV2",  # Dash in flow sequence
}


def suite_cases() -> list[tuple[str, bool, str]]:
    with (SUITE / "index.tsv").open(encoding="utf-8", newline="") as stream:
        return [(row["id"], row["expect_error"] == "1", row["name"]) for row in csv.DictReader(stream, delimiter="\t")]


CASES = suite_cases()
INVALID = [case_id for case_id, invalid, _ in CASES if invalid]


@pytest.fixture(scope="module")
def run():
    # In-process through the checker API: all 402 files in one run (worker processes included).
    return check_paths([SUITE / f"{case_id}.yaml" for case_id, _, _ in CASES], today=TODAY)


def test_the_corpus_is_complete() -> None:
    assert len(CASES) == 402
    assert all((SUITE / f"{case_id}.yaml").is_file() for case_id, _, _ in CASES)


def test_every_file_is_checked_and_every_problem_is_located(run) -> None:
    assert len(run.files) == len(CASES)
    assert all(result.readable for result in run.files)
    assert run.exit_code() in (0, 1)
    for problem in run.problems:
        assert problem.rule in RULES
        assert problem.line >= 1 and problem.column >= 1


def test_every_invalid_input_is_reported_by_a_yaml_rule(run) -> None:
    by_id = {Path(result.path).stem: result for result in run.files}
    missed = sorted(case_id for case_id in INVALID if not {p.rule for p in by_id[case_id].problems} & YAML_RULES)
    assert missed == sorted(LIBYAML_ACCEPTS), "update LIBYAML_ACCEPTS (and say why) if libyaml changed"


def test_what_libyaml_accepts_is_still_no_timeline(run) -> None:
    by_id = {Path(result.path).stem: result for result in run.files}
    for case_id in LIBYAML_ACCEPTS:
        assert any(p.severity == "error" for p in by_id[case_id].problems), case_id


@pytest.mark.parametrize("case_id", ["236B", "2JQS", "4HVU", "CXX2", "SR86", "229Q"])
def test_through_the_command_line(runner, case_id: str) -> None:
    result = invoke(runner, "check", str(SUITE / f"{case_id}.yaml"))
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.stdout + result.stderr and "internal error" not in result.stderr
    assert result.stdout.startswith(f"{SUITE / case_id}.yaml:")
