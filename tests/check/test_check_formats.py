"""The output formats of `armsdeal check`: text, github and json (against docs/check-json.md)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, ROOT, TIMELINES
from conftest import invoke as run_cli

from armsdeal.check.formats.github import escape_data, escape_property

INVALID = DATA / "invalid"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("unsourced-event", "undefined-actor"):
        shutil.copy(INVALID / f"{name}.yaml", tmp_path / f"{name}.yaml")
    return tmp_path


def check(runner, *args: str, env: dict[str, str | None] | None = None):
    return run_cli(runner, "check", *args, env=env)


class TestText:
    def test_one_line_per_problem_without_source_and_a_summary_on_stderr(self, runner, project: Path) -> None:
        result = check(runner, "--no-source", "undefined-actor.yaml", "unsourced-event.yaml")
        assert result.stdout.splitlines() == [
            "undefined-actor.yaml:16:25: error [undefined-actor] actor 'ruritana' is not defined in actors: "
            "(did you mean 'ruritania'?)",
            "unsourced-event.yaml:4:3: warning [unused-source] source 'wire' is not cited by any event",
            "unsourced-event.yaml:10:5: error [unsourced-event] event 'first' cites no source; add 'sources:'",
        ]
        assert result.stderr == "2 errors, 1 warning in 2 of 2 files\n"

    def test_colour_on_request_only_adds_styles(self, runner, project: Path) -> None:
        plain = check(runner, "undefined-actor.yaml").stdout
        coloured = check(runner, "--color", "always", "undefined-actor.yaml").stdout
        assert "\x1b[" in coloured
        assert ANSI.sub("", coloured) == plain

    def test_no_colour_when_piped(self, runner, project: Path) -> None:
        assert "\x1b[" not in check(runner, "undefined-actor.yaml").stdout

    def test_no_color_is_honoured(self, runner, project: Path) -> None:
        """NO_COLOR turns colour off even where FORCE_COLOR makes the output a terminal."""
        result = check(runner, "undefined-actor.yaml", env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
        assert "\x1b[" not in result.stdout

    def test_color_flag_wins_over_no_color(self, runner, project: Path) -> None:
        """A flag given on the command line overrides the environment (no-color.org)."""
        result = check(runner, "--color", "always", "undefined-actor.yaml", env={"NO_COLOR": "1"})
        assert "\x1b[" in result.stdout

    def test_control_characters_from_the_file_are_made_visible(self, runner, project: Path) -> None:
        text = (INVALID / "invalid-value.yaml").read_text(encoding="utf-8")
        (project / "invalid-value.yaml").write_text(
            text.replace("type: sale", 'type: "sale\\e[2J\\u202e"'), encoding="utf-8"
        )
        output = check(runner, "invalid-value.yaml").stdout
        assert "\x1b" not in output and "\u202e" not in output
        assert "sale\\x1b[2J\\u202e" in output


class TestGithub:
    @pytest.mark.parametrize(
        ("raw", "data", "prop"),
        [
            ("plain text", "plain text", "plain text"),
            ("100% sure", "100%25 sure", "100%25 sure"),
            ("line\r\nbreak", "line%0D%0Abreak", "line%0D%0Abreak"),
            ("a: b, c", "a: b, c", "a%3A b%2C c"),
            ("%0A", "%250A", "%250A"),
        ],
    )
    def test_escaping_is_the_actions_toolkits(self, raw: str, data: str, prop: str) -> None:
        assert escape_data(raw) == data
        assert escape_property(raw) == prop

    def test_workflow_commands(self, runner, project: Path) -> None:
        result = check(runner, "--format", "github", "unsourced-event.yaml")
        assert result.exit_code == 1
        assert result.stdout.splitlines() == [
            "::warning file=unsourced-event.yaml,line=4,col=3,title=armsdeal [unused-source]::"
            "source 'wire' is not cited by any event",
            "::error file=unsourced-event.yaml,line=10,col=5,title=armsdeal [unsourced-event]::"
            "event 'first' cites no source; add 'sources:'",
        ]

    def test_chosen_automatically_on_github_actions(self, runner, project: Path) -> None:
        auto = check(runner, "unsourced-event.yaml", env={"GITHUB_ACTIONS": "true"})
        assert auto.stdout.startswith("::warning file=")
        explicit = check(runner, "--format", "text", "unsourced-event.yaml", env={"GITHUB_ACTIONS": "true"})
        assert explicit.stdout.startswith("unsourced-event.yaml:4:3:")

    def test_paths_and_messages_are_escaped(self, runner, project: Path) -> None:
        folder = project / "a,b:c"
        folder.mkdir()
        shutil.copy(INVALID / "duplicate-id.yaml", folder / "duplicate-id.yaml")
        line = check(runner, "--format", "github", "a,b:c").stdout.strip()
        assert line.startswith("::error file=a%2Cb%3Ac/duplicate-id.yaml,line=15,col=9,")

    def test_unknown_format_is_a_usage_error(self, runner, project: Path) -> None:
        result = check(runner, "--format", "xml", "unsourced-event.yaml")
        assert result.exit_code == 2
        assert "text, github, json" in result.stderr


def documented_schema() -> dict[str, object]:
    from markdown_it import MarkdownIt

    text = (ROOT / "docs" / "check-json.md").read_text(encoding="utf-8")
    tokens = MarkdownIt().parse(text)
    blocks = [token.content for token in tokens if token.type == "fence" and token.info == "json"]
    schemas = [json.loads(block) for block in blocks if '"$schema"' in block]
    assert len(schemas) == 1
    return schemas[0]


class TestJson:
    @pytest.fixture
    def validator(self):
        jsonschema = pytest.importorskip("jsonschema")
        return jsonschema.Draft202012Validator(documented_schema())

    def test_output_matches_the_documented_schema(self, runner, project: Path, validator) -> None:
        result = check(runner, "--format", "json", "unsourced-event.yaml", "undefined-actor.yaml", "missing.yaml")
        assert result.exit_code == 2
        document = json.loads(result.stdout)
        validator.validate(document)
        assert result.stderr == ""  # the document carries the counts; nothing else is written

    def test_content(self, runner, project: Path) -> None:
        document = json.loads(check(runner, "--format", "json", "unsourced-event.yaml", "missing.yaml").stdout)
        assert document["files"] == [
            {"path": "unsourced-event.yaml", "readable": True, "errors": 1, "warnings": 1},
            {"path": "missing.yaml", "readable": False, "errors": 1, "warnings": 0},
        ]
        assert document["problems"][0] == {
            "path": "unsourced-event.yaml",
            "line": 4,
            "column": 3,
            "rule": "unused-source",
            "severity": "warning",
            "message": "source 'wire' is not cited by any event",
        }
        assert [p["rule"] for p in document["problems"]] == ["unused-source", "unsourced-event", "file-unreadable"]
        assert document["counts"] == {"files": 2, "files_with_problems": 2, "unreadable": 1, "errors": 2, "warnings": 1}

    def test_ignored_rules_are_listed(self, runner, project: Path) -> None:
        document = json.loads(
            check(runner, "--format", "json", "--ignore", "unused-source", "unsourced-event.yaml").stdout
        )
        assert document["ignored"] == ["unused-source"]
        assert [p["rule"] for p in document["problems"]] == ["unsourced-event"]

    def test_clean_run_validates_too(self, runner, validator) -> None:
        result = check(runner, "--format", "json", str(TIMELINES))
        assert result.exit_code == 0
        document = json.loads(result.stdout)
        validator.validate(document)
        assert document["problems"] == [] and document["counts"]["files"] == 4

    def test_text_from_the_file_is_kept_as_written(self, runner, project: Path) -> None:
        text = (INVALID / "invalid-value.yaml").read_text(encoding="utf-8")
        (project / "invalid-value.yaml").write_text(text.replace("type: sale", 'type: "sale\\e"'), encoding="utf-8")
        document = json.loads(check(runner, "--format", "json", "invalid-value.yaml").stdout)
        assert any("'sale\x1b'" in problem["message"] for problem in document["problems"])
