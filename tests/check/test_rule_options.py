"""Rule options: declared beside each rule, set in pyproject.toml or .armsdeal.toml, shown by `armsdeal rules`.

OPTION_CASES is the data: a case of tests/data/invalid checked with a setting
(none: the defaults), and where the rule must then report. Every option of the
registry needs a case that changes what its rule reports.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, ROOT, TIMELINES, invoke

from armsdeal.check.config import load_settings, toml_value
from armsdeal.check.rules import RULES
from armsdeal.check.rules.base import Option
from armsdeal.check.runner import check_paths
from armsdeal.check.tomlplaces import locate
from armsdeal.core.errors import ConfigError

INVALID = DATA / "invalid"
PINNED_TODAY = date(2025, 6, 1)
WITH_OPTIONS = [rule for rule in RULES.values() if rule.options]

# (case and rule, setting under [rules.RULE] or None for the defaults, places the rule reports)
OPTION_CASES = [
    ("future-date", None, ["16:11"]),
    ("future-date", "grace-days = 0", ["16:11"]),
    # 2091-05-02 is 24076 days after the pinned today: the edge of the grace.
    ("future-date", "grace-days = 24075", ["16:11"]),
    ("future-date", "grace-days = 24076", []),
    ("expected-passed", None, ["24:13"]),
    # The latest day of 2024-03/2024-05 is 366 days before the pinned today.
    ("expected-passed", "grace-days = 365", ["24:13"]),
    ("expected-passed", "grace-days = 366", []),
    ("claim-without-claimant", None, ["15:13"]),
    ("claim-without-claimant", 'statuses = ["claimed"]', ["15:13"]),
    ("claim-without-claimant", 'statuses = ["disputed", "denied"]', []),
    ("claim-without-claimant", "statuses = []", []),
]


def _checked(tmp_path: Path, case: str, setting: str | None, config: str = ".armsdeal.toml") -> list[str]:
    """Where rule ``case`` reports in its case file, with ``setting`` written in a config file in tmp_path."""
    if setting is not None:
        table = f"[rules.{case}]" if config == ".armsdeal.toml" else f"[tool.armsdeal.rules.{case}]"
        (tmp_path / config).write_text(f"{table}\n{setting}\n", encoding="utf-8")
    alone = Path(shutil.copy(INVALID / f"{case}.yaml", tmp_path / f"{case}.yaml"))
    settings = load_settings(tmp_path)
    run = check_paths([alone], today=PINNED_TODAY, options=settings.options)
    return [f"{p.line}:{p.column}" for p in run.problems if p.rule == case]


# The options of rules across files: (rule, setting, the findings in two timelines that cite one page under
# another title and publisher, as file:line:col severity).
COLLECTION_OPTION_CASES = [
    ("source-conflict", None, ["b.yaml:6:10 warning"]),
    ("source-conflict", "titles = true", ["b.yaml:6:10 warning"]),
    ("source-conflict", "titles = false", []),
]
SHARED_PAGE = "https://example.org/news/1"


def _collection_checked(tmp_path: Path, case: str, setting: str | None) -> list[str]:
    """Where rule ``case`` reports across two timelines citing one page, the second under another title."""
    if setting is not None:
        (tmp_path / ".armsdeal.toml").write_text(f"[rules.{case}]\n{setting}\n", encoding="utf-8")
    folder = tmp_path / "timelines"
    folder.mkdir()
    for name, title in (("a", "Something happened"), ("b", "Something else happened")):
        (folder / f"{name}.yaml").write_text(
            f"id: {name}\ntitle: A timeline\nsources:\n  s:\n    publisher: Example News\n"
            f"    url: {SHARED_PAGE}\n    title: {title}\n    date: '2021-01-02'\nevents:\n"
            "- {id: it-happened, date: '2019', type: statement, title: Something happened, sources: [s]}\n",
            encoding="utf-8",
        )
    run = check_paths([folder], today=PINNED_TODAY, options=load_settings(tmp_path).options)
    return [f"{Path(p.path).name}:{p.line}:{p.column} {p.severity}" for p in run.problems if p.rule == case]


@pytest.mark.parametrize(("case", "setting", "places"), COLLECTION_OPTION_CASES, ids=lambda value: str(value))
def test_an_option_changes_what_its_rule_across_files_reports(
    tmp_path: Path, case: str, setting: str | None, places: list[str]
) -> None:
    assert _collection_checked(tmp_path, case, setting) == places


def test_an_option_of_a_rule_across_files_is_checked_like_any_other(tmp_path: Path) -> None:
    (tmp_path / ".armsdeal.toml").write_text("[rules.source-conflict]\ntitle = false\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="has no option 'title' \\(did you mean 'titles'\\?\\)"):
        load_settings(tmp_path)


@pytest.mark.parametrize(("case", "setting", "places"), OPTION_CASES, ids=lambda value: str(value))
def test_an_option_changes_what_its_rule_reports(tmp_path: Path, case: str, setting: str | None, places: list[str]):
    assert _checked(tmp_path, case, setting) == places


@pytest.mark.parametrize("config", [".armsdeal.toml", "pyproject.toml"])
def test_both_files_set_options(tmp_path: Path, config: str) -> None:
    assert _checked(tmp_path, "future-date", "grace-days = 30000", config) == []


def test_options_reach_worker_processes(tmp_path: Path) -> None:
    (tmp_path / ".armsdeal.toml").write_text("[rules.future-date]\ngrace-days = 30000\n", encoding="utf-8")
    for index in range(4):
        shutil.copy(INVALID / "future-date.yaml", tmp_path / f"copy-{index}.yaml")
    options = load_settings(tmp_path).options
    for settings, expected in ((options, False), (None, True)):
        run = check_paths([tmp_path], today=PINNED_TODAY, parallel=True, options=settings)
        assert any(p.rule == "future-date" for p in run.problems) is expected


class TestRegistry:
    def test_every_option_has_a_case_that_changes_its_rule(self) -> None:
        cases = OPTION_CASES + COLLECTION_OPTION_CASES
        defaults = {case: places for case, setting, places in cases if setting is None}
        changed = {
            (case, setting.split(" = ")[0])
            for case, setting, places in cases
            if setting is not None and places != defaults[case]
        }
        declared = {(rule.id, option.name) for rule in WITH_OPTIONS for option in rule.options}
        assert declared == changed

    @pytest.mark.parametrize("rule", WITH_OPTIONS, ids=lambda rule: rule.id)
    def test_options_are_declared_with_a_default_of_their_type_and_help(self, rule, tmp_path: Path) -> None:
        assert rule.check is not None or rule.across_files is not None
        names = [option.name for option in rule.options]
        assert len(set(names)) == len(names)
        for option in rule.options:
            assert re.fullmatch(r"[a-z]+(-[a-z]+)*", option.name)
            assert option.problem(option.default) is None, f"{rule.id}.{option.name}: the default is refused"
            assert option.help.endswith(".") and option.help[0].isupper()
            assert f"`{option.name}`" in rule.doc, f"{rule.id}: its documentation names option {option.name}"
            # Written as `armsdeal rules` shows it, the default reads back as itself.
            text = f"[rules.{rule.id}]\n{option.name} = {toml_value(option.default)}\n"
            (tmp_path / ".armsdeal.toml").write_text(text, encoding="utf-8")
            assert load_settings(tmp_path).options == {rule.id: {option.name: option.default}}

    def test_the_options_table_of_format_md_is_the_registry(self) -> None:
        text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
        start = text.index("## Rule options")
        section = text[start : text.index("\n## ", start + 1)]
        rows = re.findall(r"^\| `([a-z-]+)` \| `([a-z-]+)` \| `([^`]*)` \|", section, flags=re.MULTILINE)
        declared = [
            (rule.id, option.name, toml_value(option.default)) for rule in WITH_OPTIONS for option in rule.options
        ]
        assert rows == sorted(declared)


def _config_error(runner, project: Path, name: str, text: str) -> str:
    (project / name).write_text(text, encoding="utf-8")
    result = invoke(runner, "check", str(TIMELINES))
    assert result.exit_code == 2
    assert result.stdout == ""
    return result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# (file, its text, the whole message: located at the key, saying what to write instead)
CONFIG_ERRORS = [
    (
        "pyproject.toml",
        "[project]\nname = 'x'\n\n[tool.armsdeal.rules.future-date]\ngrace-day = 1\n",
        "pyproject.toml:5:1: error [config] rule 'future-date' has no option 'grace-day' "
        "(did you mean 'grace-days'?); its options: grace-days",
    ),
    (
        "pyproject.toml",
        "[tool.armsdeal.rules.future-dat]\ngrace-days = 1\n",
        "pyproject.toml:1:1: error [config] unknown rule 'future-dat' (did you mean 'future-date'?); "
        "'armsdeal rules' lists them",
    ),
    (
        "pyproject.toml",
        "[tool.armsdeal]\nstrict = true\n[tool.armsdeal.rules.expected-passed]\n  grace-days = true\n",
        "pyproject.toml:4:3: error [config] option 'grace-days' of rule 'expected-passed' must be a whole number "
        "of 0 or more; its default is grace-days = 0",
    ),
    (
        "pyproject.toml",
        "[tool.armsdeal.rules]\nfuture-date = { grace-days = -1 }\n",
        "pyproject.toml:2:17: error [config] option 'grace-days' of rule 'future-date' must be a whole number "
        "of 0 or more; its default is grace-days = 0",
    ),
    (
        "pyproject.toml",
        "[tool.armsdeal.rules.unused-actor]\nmax = 1\n",
        "pyproject.toml:1:1: error [config] rule 'unused-actor' takes no options; 'armsdeal rules' marks those that do",
    ),
    (
        "pyproject.toml",
        "[tool.armsdeal]\nrules = ['future-date']\n",
        "pyproject.toml:2:1: error [config] 'rules' must be a table of rule ids, such as [tool.armsdeal.rules.RULE-ID]",
    ),
    (
        ".armsdeal.toml",
        "strict = true\n\n[rules.claim-without-claimant]\nstatuses = ['claimed', 'rumoured']\n",
        ".armsdeal.toml:4:1: error [config] option 'statuses' of rule 'claim-without-claimant' must be a list of "
        "text, each one of: confirmed, reported, claimed, disputed, denied, expected; "
        'its default is statuses = ["claimed", "disputed", "denied"]',
    ),
    (
        ".armsdeal.toml",
        "[rules]\nfuture-date = 3\n",
        ".armsdeal.toml:2:1: error [config] 'future-date' must be a table of its options, such as "
        "[rules.future-date] grace-days = 0",
    ),
    (
        ".armsdeal.toml",
        "ignore = []\nignores = []\n",
        ".armsdeal.toml:2:1: error [config] unknown key 'ignores' (did you mean 'ignore'?); "
        "known keys: ignore, strict, rules",
    ),
    (
        ".armsdeal.toml",
        "strict = true\nignore = ['unused-actr']\n",
        ".armsdeal.toml:2:1: error [config] 'ignore': unknown rule 'unused-actr' (did you mean 'unused-actor' or "
        "'undefined-actor' or 'unused-source'?); 'armsdeal rules' lists them",
    ),
    (
        ".armsdeal.toml",
        "strict = true\n[rules\n",
        ".armsdeal.toml:2:7: error [config] not valid TOML: Expected ']' at the end of a table declaration; "
        "see https://toml.io",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), CONFIG_ERRORS, ids=lambda value: str(value)[:40])
def test_a_mistake_is_located_in_its_file(runner, project: Path, name: str, text: str, message: str) -> None:
    assert _config_error(runner, project, name, text) == message + "\n"


@pytest.mark.parametrize("command", [["check"], ["ci", "check"]], ids=" ".join)
def test_the_commands_that_check_use_the_options(runner, project: Path, command: list[str]) -> None:
    shutil.copy(INVALID / "future-date.yaml", project / "case.yaml")
    env = {"GITHUB_OUTPUT": None, "GITHUB_STEP_SUMMARY": None}
    message = "is dated 2091-05-02, after today"  # future-date's, in the text and the github format
    assert message in invoke(runner, *command, "case.yaml", env=env).stdout
    (project / ".armsdeal.toml").write_text("[rules.future-date]\ngrace-days = 30000\n", encoding="utf-8")
    result = invoke(runner, *command, "case.yaml", env=env)
    assert result.exit_code == 1  # source-predates-event and file-name are still there
    assert message not in result.stdout


class TestWhichFile:
    def test_armsdeal_toml_wins_over_pyproject_in_one_folder(self, project: Path) -> None:
        (project / "pyproject.toml").write_text("[tool.armsdeal]\nstrict = true\n", encoding="utf-8")
        (project / ".armsdeal.toml").write_text("ignore = ['unused-actor']\n", encoding="utf-8")
        settings = load_settings()
        assert settings.source == project / ".armsdeal.toml"
        assert settings.ignore == {"unused-actor"} and not settings.strict

    def test_the_nearest_file_wins(self, project: Path) -> None:
        (project / ".armsdeal.toml").write_text("strict = true\n", encoding="utf-8")
        (project / "sub").mkdir()
        (project / "sub" / "pyproject.toml").write_text("[tool.armsdeal]\nignore = ['no-events']\n", encoding="utf-8")
        assert load_settings(project / "sub").ignore == {"no-events"}
        assert load_settings(project / "sub").strict is False
        assert load_settings(project).strict is True

    def test_a_pyproject_without_armsdeal_settings_is_passed_over(self, project: Path) -> None:
        (project / ".armsdeal.toml").write_text("strict = true\n", encoding="utf-8")
        (project / "package").mkdir()
        (project / "package" / "pyproject.toml").write_text("[tool.ruff]\nline-length = 99\n", encoding="utf-8")
        settings = load_settings(project / "package")
        assert settings.source == project / ".armsdeal.toml" and settings.strict is True

    def test_a_broken_pyproject_is_reported_not_passed_over(self, project: Path) -> None:
        (project / ".armsdeal.toml").write_text("strict = true\n", encoding="utf-8")
        (project / "package").mkdir()
        (project / "package" / "pyproject.toml").write_text("[tool\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=r"pyproject.toml:1:6: error \[config\] not valid TOML"):
            load_settings(project / "package")

    def test_an_error_names_the_file_from_a_subfolder(self, runner, project: Path, monkeypatch) -> None:
        (project / ".armsdeal.toml").write_text("strictly = true\n", encoding="utf-8")
        (project / "sub").mkdir()
        monkeypatch.chdir(project / "sub")
        result = invoke(runner, "check", str(TIMELINES))
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{project / '.armsdeal.toml'}:1:1: error [config] unknown key 'strictly'")


class TestRulesCommand:
    def test_one_rule_shows_its_options_with_defaults_and_help(self, runner) -> None:
        for rule in WITH_OPTIONS:
            result = invoke(runner, "rules", rule.id, env={"COLUMNS": "300"})
            assert result.exit_code == 0
            assert f"[tool.armsdeal.rules.{rule.id}]" in result.stdout
            for option in rule.options:
                assert f"{option.name} = {toml_value(option.default)}  (the default)" in result.stdout
                assert f"{option.help} Must be {option.expects}." in result.stdout

    def test_a_rule_without_options_shows_none(self, runner) -> None:
        assert "Options" not in invoke(runner, "rules", "unused-actor").stdout

    def test_the_list_names_the_options_of_each_rule(self, runner) -> None:
        result = invoke(runner, "rules", env={"COLUMNS": "300"})
        lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
        for rule in RULES.values():
            names = ", ".join(option.name for option in rule.options)
            assert lines[rule.id].rstrip().endswith(names or rule.summary)


@pytest.mark.parametrize(
    ("text", "keys", "place"),
    [
        ("a = 1\n[t]\nx = 1\n", ("t", "x"), (3, 1)),
        ('[t."quoted key"]\n\n  y = 2\n', ("t", "quoted key", "y"), (3, 3)),
        ("[t]\nr.s.u = 1\n", ("t", "r", "s"), (2, 1)),
        ("[t]\nr = { s = { u = 1 } }\n", ("t", "r", "s", "u"), (2, 13)),
        ('d = """\nx = 1\n"""\nx = 2\n', ("x",), (4, 1)),
        ("[t]\n[t.u]\n", ("t", "u", "missing"), (2, 1)),
        ("[[t]]\nx = 1\n", ("t", "x"), (2, 1)),
        ("", ("x",), (1, 1)),
    ],
)
def test_locate_finds_a_key_as_toml_writes_it(text: str, keys: tuple[str, ...], place: tuple[int, int]) -> None:
    assert locate(text, keys) == place


@pytest.mark.parametrize(
    ("option", "value", "wrong"),
    [
        (Option("n", 0, "N.", minimum=0), 3, None),
        (Option("n", 0, "N.", minimum=0), -1, "a whole number of 0 or more"),
        (Option("n", 0, "N."), True, "a whole number"),  # TOML's true is no number, though Python's bool is an int
        (Option("n", 0, "N."), 1.5, "a whole number"),
        (Option("b", False, "B."), 1, "true or false"),
        (Option("b", False, "B."), True, None),
        (Option("t", "x", "T.", choices=("x", "y")), "y", None),
        (Option("t", "x", "T.", choices=("x", "y")), ["y"], "one of: x, y"),
        (Option("t", "x", "T."), 3, "text"),
        (Option("l", ("x",), "L.", choices=("x", "y")), ["y", "x"], None),
        (Option("l", ("x",), "L.", choices=("x", "y")), "x", "a list of text, each one of: x, y"),
        (Option("l", ("x",), "L."), ["x", 1], "a list of text"),
    ],
    ids=lambda value: repr(value)[:30],
)
def test_an_option_accepts_only_values_of_its_type(option: Option[Any], value: object, wrong: str | None) -> None:
    assert option.problem(value) == wrong
