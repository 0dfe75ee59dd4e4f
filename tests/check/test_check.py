"""`armsdeal check`: paths, exit codes, severities, settings, cross-file rules; `rules` and `schema`."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, TIMELINES, TODAY, invoke

from armsdeal.check import rules
from armsdeal.check.results import collect_files
from armsdeal.check.runner import PARALLEL_THRESHOLD, check_paths

INVALID = DATA / "invalid"
VALID = DATA / "valid"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder as the current folder, so no pyproject.toml above applies."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'curated'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def copy_case(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(INVALID / f"{name}.yaml", folder / f"{name}.yaml")) for name in names]


class TestExitCodes:
    def test_shipped_timelines_pass(self, runner) -> None:
        result = invoke(runner, "check", str(TIMELINES))
        assert result.exit_code == 0, result.stdout
        assert result.stdout == ""
        assert "no problems in 4 files" in result.stderr

    def test_errors_exit_1_with_every_problem_on_stdout(self, runner, project: Path) -> None:
        copy_case(project / "t", "undefined-source", "duplicate-id")
        result = invoke(runner, "check", "--no-source", "t")
        assert result.exit_code == 1
        lines = result.stdout.splitlines()
        assert lines == [
            "t/duplicate-id.yaml:15:9: error [duplicate-id] event id 'first' is used twice",
            "t/undefined-source.yaml:14:21: error [undefined-source] source 'wrie' is not defined in sources: "
            "(did you mean 'wire'?)",
        ]
        assert result.stderr.strip() == "2 errors in 2 of 2 files"

    def test_warnings_pass_unless_strict(self, runner, project: Path) -> None:
        copy_case(project, "unused-source")
        assert invoke(runner, "check", "unused-source.yaml").exit_code == 0
        strict = invoke(runner, "check", "--strict", "unused-source.yaml")
        assert strict.exit_code == 1
        assert "warnings fail" in strict.stderr

    def test_a_missing_path_is_an_io_error_and_the_others_are_still_checked(self, runner, project: Path) -> None:
        copy_case(project, "duplicate-id")
        result = invoke(runner, "check", "missing.yaml", "duplicate-id.yaml")
        assert result.exit_code == 2
        assert "missing.yaml: error [file-unreadable] no such file or directory" in result.stdout
        assert "duplicate-id.yaml:15:9: error [duplicate-id]" in result.stdout

    def test_io_error_wins_over_data_errors_and_is_not_a_traceback(self, runner, project: Path) -> None:
        (project / "dir.yaml").mkdir()
        (project / "fifo.yaml").unlink(missing_ok=True)
        import os

        os.mkfifo(project / "fifo.yaml")
        result = invoke(runner, "check", "fifo.yaml")
        assert result.exit_code == 2
        assert "fifo.yaml: error [file-unreadable] cannot read this file: not a regular file" in result.stdout
        assert "Traceback" not in result.stdout + result.stderr

    def test_nothing_to_check_is_a_usage_error_naming_the_folder(self, runner, project: Path) -> None:
        (project / "empty").mkdir()
        result = invoke(runner, "check", "empty")
        assert result.exit_code == 2
        assert "armsdeal: no timeline files (*.yaml, *.yml) in 'empty'" in result.stderr
        assert "--allow-empty" in result.stderr

    def test_allow_empty_passes_and_says_so(self, runner, project: Path) -> None:
        (project / "empty").mkdir()
        result = invoke(runner, "check", "empty", "--allow-empty")
        assert result.exit_code == 0
        assert "no timeline files to check" in result.stderr

    def test_default_is_the_timelines_folder(self, runner, project: Path) -> None:
        copy_case(project / "timelines", "duplicate-id")
        result = invoke(runner, "check")
        assert result.exit_code == 1
        assert result.stdout.startswith("timelines/duplicate-id.yaml:15:9:")

    def test_default_follows_timelines_option_and_environment(self, runner, project: Path) -> None:
        copy_case(project / "elsewhere", "duplicate-id")
        assert invoke(runner, "check", "--timelines", "elsewhere").exit_code == 1
        result = invoke(runner, "check", env={"ARMSDEAL_TIMELINES": "elsewhere"})
        assert result.exit_code == 1
        assert "elsewhere/duplicate-id.yaml" in result.stdout


class TestFolders:
    def test_folders_recurse_for_yaml_and_yml_in_name_order(self, project: Path) -> None:
        (project / "a" / "b").mkdir(parents=True)
        for name in ("a/z.yaml", "a/b/y.yml", "a/x.txt", "a/.hidden.yaml"):
            (project / name).write_text("x", encoding="utf-8")
        (project / "a" / ".git").mkdir()
        (project / "a" / ".git" / "w.yaml").write_text("x", encoding="utf-8")
        assert [str(p) for p in collect_files([Path("a")])] == ["a/b/y.yml", "a/z.yaml"]

    def test_a_file_given_twice_is_checked_once(self, project: Path) -> None:
        copy_case(project, "duplicate-id")
        assert len(collect_files([Path("duplicate-id.yaml"), Path("."), Path("./duplicate-id.yaml")])) == 1

    def test_symlink_loops_end(self, runner, project: Path) -> None:
        copy_case(project / "t", "duplicate-id")
        (project / "t" / "loop").symlink_to(project / "t")
        (project / "t" / "up").symlink_to(project)
        result = invoke(runner, "check", "t")
        assert result.exit_code == 1
        assert result.stdout.count("[duplicate-id]") == 1


class TestCrossFile:
    def test_duplicate_timeline_id(self, project: Path) -> None:
        copy_case(project / "one", "duplicate-id")
        copy_case(project / "two", "duplicate-id")
        problems = [
            p
            for p in check_paths([Path("one"), Path("two")], today=TODAY).problems
            if p.rule == "duplicate-timeline-id"
        ]
        assert [(p.path, p.line, p.column) for p in problems] == [
            ("one/duplicate-id.yaml", 1, 5),
            ("two/duplicate-id.yaml", 1, 5),
        ]
        assert problems[0].message == "timeline id 'duplicate-id' is also the id of two/duplicate-id.yaml"

    def test_related_resolves_among_checked_files_or_beside_the_file(self, project: Path) -> None:
        (case,) = copy_case(project / "a", "related-unknown")
        # 'yaml-syntax' is neither checked nor beside the file yet.
        messages = [p.message for p in check_paths([case], today=TODAY).problems]
        assert [m.split("'")[1] for m in messages] == ["yaml-syntax", "no-such-timeline"]
        # Beside the file: resolved without being checked.
        copy_case(project / "a", "yaml-syntax")
        assert [p.column for p in check_paths([case], today=TODAY).problems] == [24]
        # Among the checked files, wherever they are.
        other = project / "b" / "no-such-timeline.yaml"
        other.parent.mkdir()
        other.write_text(
            (VALID / "minimal.yaml")
            .read_text()
            .replace("id: minimal", "id: no-such-timeline\nrelated: [related-unknown]")
        )
        assert check_paths([case, other], today=TODAY).problems == []

    def test_related_unknown_suggests_a_close_id(self, project: Path, write_timeline) -> None:
        text = (VALID / "minimal.yaml").read_text(encoding="utf-8")
        write_timeline("turkey-s400", text.replace("id: minimal", "id: turkey-s400"))
        path = project / "india.yaml"
        path.write_text(text.replace("id: minimal", "id: india\nrelated: [turkey-s40]"), encoding="utf-8")
        (problem,) = check_paths([path], today=TODAY).problems
        assert problem.message.endswith("(did you mean 'turkey-s400'?)")

    def test_cross_file_rules_can_be_ignored(self, project: Path) -> None:
        (case,) = copy_case(project, "related-unknown")
        assert check_paths([case], today=TODAY, ignore={"related-unknown"}).problems == []

    def test_many_files_give_the_same_result_in_worker_processes(self, project: Path) -> None:
        names = sorted(path.stem for path in INVALID.glob("*.yaml"))
        copy_case(project / "many", *names)
        copy_case(project / "more", *names)  # the same ids again: duplicate-timeline-id across files
        paths = [project / "many", project / "more"]
        assert len(collect_files(paths)) > PARALLEL_THRESHOLD
        serial = check_paths(paths, today=TODAY, parallel=False)
        pooled = check_paths(paths, today=TODAY, parallel=True)
        assert pooled == serial
        assert any(p.rule == "duplicate-timeline-id" for p in serial.problems)

    def test_worker_processes_check_against_the_callers_today(self, project: Path, monkeypatch) -> None:
        copy_case(project / "a", "future-date")
        for index in range(PARALLEL_THRESHOLD):
            shutil.copy(INVALID / "future-date.yaml", project / "a" / f"copy-{index}.yaml")
        assert any(p.rule == "future-date" for p in check_paths([Path("a")], today=TODAY, parallel=True).problems)
        later = date(2092, 1, 1)
        assert not any(p.rule == "future-date" for p in check_paths([Path("a")], today=later, parallel=True).problems)


class TestSettings:
    def test_ignore_option_and_unknown_rule(self, runner, project: Path) -> None:
        copy_case(project, "unsourced-event")
        result = invoke(
            runner, "check", "--ignore", "unsourced-event", "--ignore", "unused-source", "unsourced-event.yaml"
        )
        assert result.exit_code == 0
        assert result.stdout == ""
        bad = invoke(runner, "check", "--ignore", "unused-sorce", "unsourced-event.yaml")
        assert bad.exit_code == 2
        assert "unknown rule 'unused-sorce'" in bad.stderr and "'unused-source'" in bad.stderr

    def test_file_unreadable_cannot_be_ignored(self, runner, project: Path) -> None:
        result = invoke(runner, "check", "--ignore", "file-unreadable", "missing.yaml")
        assert result.exit_code == 2
        assert "cannot be ignored" in result.stderr

    def test_pyproject_settings(self, runner, project: Path) -> None:
        copy_case(project / "t", "unsourced-event")
        (project / "pyproject.toml").write_text(
            "[tool.armsdeal]\nignore = ['unsourced-event']\nstrict = true\n", encoding="utf-8"
        )
        (project / "t" / "sub").mkdir()
        result = invoke(runner, "check", "t")
        # unsourced-event is ignored; the remaining warning fails because of strict.
        assert result.exit_code == 1
        assert "[unused-source]" in result.stdout and "[unsourced-event]" not in result.stdout
        assert invoke(runner, "check", "--no-strict", "t").exit_code == 0

    def test_nearest_pyproject_from_a_subfolder(self, runner, project: Path, monkeypatch) -> None:
        (project / "pyproject.toml").write_text("[tool.armsdeal]\nstrict = true\n", encoding="utf-8")
        copy_case(project / "sub", "unused-source")
        monkeypatch.chdir(project / "sub")
        assert invoke(runner, "check", "unused-source.yaml").exit_code == 1

    @pytest.mark.parametrize(
        ("table", "message"),
        [
            ("[tool.armsdeal]\nignores = []\n", "unknown key 'ignores' (did you mean 'ignore'?)"),
            ("[tool.armsdeal]\nignore = 'unused-actor'\n", "'ignore' must be a list of rule ids"),
            ("[tool.armsdeal]\nignore = ['unused-actr']\n", "unknown rule 'unused-actr'"),
            ("[tool.armsdeal]\nstrict = 'yes'\n", "'strict' must be true or false"),
            ("[tool.armsdeal\n", "not valid TOML"),
        ],
    )
    def test_mistakes_in_pyproject_are_usage_errors(self, runner, project: Path, table: str, message: str) -> None:
        (project / "pyproject.toml").write_text(table, encoding="utf-8")
        result = invoke(runner, "check", str(TIMELINES))
        assert result.exit_code == 2
        assert message in result.stderr
        assert "pyproject.toml" in result.stderr

    def test_a_tool_key_that_is_not_a_table_means_no_settings(self, runner, project: Path) -> None:
        """`tool = 1` is someone else's odd pyproject, not a reason to crash."""
        (project / "pyproject.toml").write_text("tool = 1\n", encoding="utf-8")
        assert invoke(runner, "check", str(TIMELINES)).exit_code == 0


class TestRulesCommand:
    def test_lists_every_rule_with_severity_and_summary(self, runner) -> None:
        result = invoke(runner, "rules", env={"COLUMNS": "200"})
        assert result.exit_code == 0
        for rule in rules.RULES.values():
            line = next(line for line in result.stdout.splitlines() if line.startswith(rule.id + " "))
            assert str(rule.severity) in line and rule.summary in line

    def test_width_sets_the_table_s_width_as_for_other_commands(self, runner) -> None:
        """`rules` had no --width (a new user's trial): a table for a wide terminal could not be asked for in a pipe."""
        result = invoke(runner, "rules", "--width", "200")
        assert result.exit_code == 0, result.stderr
        assert max(len(line) for line in result.stdout.splitlines()) > 120
        narrow = invoke(runner, "rules", "--width", "60")
        assert max(len(line) for line in narrow.stdout.splitlines()) <= 60
        assert invoke(runner, "rules", "--width", "5").exit_code == 2

    def test_one_rule_prints_its_whole_doc(self, runner) -> None:
        result = invoke(runner, "rules", "source-predates-event")
        assert result.exit_code == 0
        assert result.stdout.startswith("source-predates-event (error)\n")
        assert "status: expected" in result.stdout  # from the body, not the summary

    def test_unknown_rule_suggests(self, runner) -> None:
        result = invoke(runner, "rules", "future-dates")
        assert result.exit_code == 2
        assert "did you mean 'future-date'" in result.stderr


class TestSchemaCommand:
    def test_prints_the_model_schema_as_json(self, runner) -> None:
        from armsdeal.core.model import json_schema

        result = invoke(runner, "schema")
        assert result.exit_code == 0
        assert json.loads(result.stdout) == json_schema()

    def test_the_schema_accepts_the_shipped_timelines_and_refuses_an_unknown_field(self, runner) -> None:
        jsonschema = pytest.importorskip("jsonschema")
        from armsdeal.read.stage import load_path

        validator = jsonschema.Draft202012Validator(json.loads(invoke(runner, "schema").stdout))
        for path in sorted(TIMELINES.glob("*.yaml")):
            assert list(validator.iter_errors(load_path(path).data)) == [], path.name
        data = load_path(INVALID / "unknown-field.yaml").data
        assert not validator.is_valid(data)


@pytest.mark.parametrize("document", ["README.md", "docs/commands.md"])
def test_docs_example_is_what_check_prints(runner, tmp_path: Path, monkeypatch, document: str) -> None:
    """The README and docs/commands.md show `check` after a typo in one citation; make that typo and compare."""
    from conftest import ROOT

    page = (ROOT / document).read_text(encoding="utf-8")
    block = page.split("$ armsdeal check timelines/        # after a typo in one citation\n", 1)[1]
    shown = block.split("```", 1)[0].splitlines()
    shutil.copytree(TIMELINES, tmp_path / "timelines")
    s400 = tmp_path / "timelines" / "turkey-s400.yaml"
    text = s400.read_text(encoding="utf-8")
    assert text.count("sources: [rusreality-2017-08-22]") == 1, "pick another citation for the docs' example"
    s400.write_text(
        text.replace("sources: [rusreality-2017-08-22]", "sources: [rusreality-2017-8-22]"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "check", "timelines/")
    assert [*result.stdout.splitlines(), *result.stderr.splitlines()] == shown, f"update the example of {document}"
