"""`show`, `list`, `--version` and `--help` through the CLI: exit codes, streams, folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, ROOT, TIMELINES, invoke

from armsdeal import __version__
from armsdeal.cli.app import app

VALID = DATA / "valid"


class TestShow:
    def test_shows_a_bundled_timeline_by_name(self, runner) -> None:
        """The main job: exit 0, the title and events on stdout, nothing on stderr."""
        result = invoke(runner, "show", "turkey-s400", "--timelines", str(TIMELINES))
        assert result.exit_code == 0, result.stderr
        assert "S-400" in result.stdout
        assert "Sources" in result.stdout
        assert result.stderr == ""

    def test_piped_output_has_no_escape_codes(self, runner) -> None:
        """Not a terminal: plain text."""
        result = invoke(runner, "show", str(VALID / "showcase.yaml"))
        assert "\x1b[" not in result.stdout

    def test_color_always_colours_even_when_piped(self, runner) -> None:
        """--color always forces ANSI codes."""
        result = invoke(runner, "show", str(VALID / "showcase.yaml"), "--color", "always")
        assert "\x1b[" in result.stdout

    def test_force_color_env_colours_and_color_never_wins_over_it(self, runner) -> None:
        """FORCE_COLOR turns colour on in auto mode; --color never turns it off again."""
        path = str(VALID / "showcase.yaml")
        assert "\x1b[" in invoke(runner, "show", path, env={"FORCE_COLOR": "1"}).stdout
        assert "\x1b[" not in invoke(runner, "show", path, "--color", "never", env={"FORCE_COLOR": "1"}).stdout

    def test_width_option_sets_the_line_length(self, runner) -> None:
        """--width is the width of the rules."""
        result = invoke(runner, "show", str(VALID / "showcase.yaml"), "--width", "60", "--full")
        rules = [line for line in result.stdout.splitlines() if "2017" in line and "─" in line]
        assert rules and all(len(line) == 60 for line in rules)

    def test_filters_from_the_command_line(self, runner) -> None:
        """--type and --from narrow the events."""
        result = invoke(runner, "show", str(VALID / "showcase.yaml"), "--type", "contract", "--from", "2018")
        assert "second contract" in result.stdout
        assert "The contract is signed" not in result.stdout

    def test_several_names_merge_with_a_deal_column(self, runner) -> None:
        """Each event row names its timeline."""
        result = invoke(runner, "show", str(VALID / "showcase.yaml"), str(VALID / "minimal.yaml"))
        assert result.exit_code == 0
        assert "minimal  statement" in result.stdout

    def test_invalid_timeline_exits_1_with_located_problems(self, runner, write_timeline) -> None:
        """Problems go to stderr as path:line:col: error [rule] message; nothing on stdout."""
        path = write_timeline("broken", "id: broken\ntitel: x\n")
        result = invoke(runner, "show", str(path))
        assert result.exit_code == 1
        assert result.stdout == ""
        assert f"{path}:2:1: error [unknown-field] unknown field 'titel' (did you mean 'title'?)" in result.stderr

    @pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "Turkey_S400", "no-such-timeline"])
    def test_names_that_are_not_timelines_exit_2(self, runner, name: str) -> None:
        """A name is an id in the folder, never a path; unknown ones are usage errors."""
        result = invoke(runner, "show", name, "--timelines", str(TIMELINES))
        assert result.exit_code == 2
        assert result.stderr.startswith("armsdeal: ")
        assert "Traceback" not in result.stderr

    def test_bad_option_value_exits_2(self, runner) -> None:
        """An unknown event type or an invalid date is a usage error."""
        assert invoke(runner, "show", str(VALID / "minimal.yaml"), "--type", "sale").exit_code == 2
        result = invoke(runner, "show", str(VALID / "minimal.yaml"), "--from", "2017-13")
        assert result.exit_code == 2
        assert "--from" in result.stderr

    def test_missing_yaml_path_exits_2(self, runner, tmp_path: Path) -> None:
        """A path to a file that does not exist."""
        result = invoke(runner, "show", str(tmp_path / "nope.yaml"))
        assert result.exit_code == 2


class TestTimelineFolder:
    def make_folder(self, tmp_path: Path, name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(VALID / "minimal.yaml", folder / "minimal.yaml")
        return folder

    def test_env_var_names_the_folder(self, runner, tmp_path: Path) -> None:
        """ARMSDEAL_TIMELINES is used when --timelines is not given."""
        folder = self.make_folder(tmp_path, "mine")
        result = invoke(runner, "show", "minimal", env={"ARMSDEAL_TIMELINES": str(folder)})
        assert result.exit_code == 0, result.stderr

    def test_option_wins_over_env_var(self, runner, tmp_path: Path) -> None:
        """--timelines takes precedence over ARMSDEAL_TIMELINES."""
        folder = self.make_folder(tmp_path, "mine")
        env = {"ARMSDEAL_TIMELINES": "/nonexistent"}
        result = invoke(runner, "show", "minimal", "--timelines", str(folder), env=env)
        assert result.exit_code == 0, result.stderr

    def test_local_timelines_folder_then_bundled(self, runner, tmp_path: Path, monkeypatch) -> None:
        """./timelines is searched first, then the bundled timelines: a folder of your own hides none of them."""
        monkeypatch.chdir(tmp_path)
        assert invoke(runner, "show", "turkey-s400").exit_code == 0  # bundled
        self.make_folder(tmp_path, "timelines")
        assert invoke(runner, "show", "minimal").exit_code == 0
        assert invoke(runner, "show", "turkey-s400").exit_code == 0  # still found among the bundled ones

    def test_a_user_file_shadows_the_bundled_one_and_list_says_so(self, runner, tmp_path: Path) -> None:
        """A file of yours named like a bundled timeline is the one shown; list names where each comes from."""
        text = (TIMELINES / "turkey-f35.yaml").read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title: "))
        (tmp_path / "turkey-f35.yaml").write_text(text.replace(title, "title: My own F-35 file"), encoding="utf-8")
        shutil.copy(VALID / "minimal.yaml", tmp_path / "minimal.yaml")
        shown = invoke(runner, "show", "turkey-f35", "--timelines", str(tmp_path))
        assert shown.exit_code == 0, shown.stderr
        assert shown.stdout.startswith("My own F-35 file\n")
        listed = invoke(runner, "list", "--timelines", str(tmp_path), "--width", "120")
        rows = {line.split()[0]: line for line in listed.stdout.splitlines()[1:-1]}
        assert rows["turkey-f35"].endswith("yours*")
        assert rows["minimal"].endswith("yours")
        assert f"yours: {tmp_path} (--timelines), searched before the bundled" in listed.stdout
        assert rows["turkey-s400"].endswith("bundled")
        assert rows.keys() >= {"minimal", "turkey-f35", "turkey-s400", "india-s400", "turkey-f16"}

    def test_missing_folder_is_a_usage_error(self, runner, tmp_path: Path) -> None:
        """--timelines must be a folder."""
        result = invoke(runner, "show", "minimal", "--timelines", str(tmp_path / "none"))
        assert result.exit_code == 2
        assert "not a folder" in result.stderr

    def test_list_names_where_the_folder_came_from(self, runner, tmp_path: Path) -> None:
        """--timelines when typed, ARMSDEAL_TIMELINES when only the variable set it (Click offers it as the option)."""
        folder = self.make_folder(tmp_path, "mine")
        typed = invoke(runner, "list", "--timelines", str(folder), "--width", "300")
        assert f"yours: {folder} (--timelines), searched before the bundled" in typed.stdout
        from_env = invoke(runner, "list", "--width", "300", env={"ARMSDEAL_TIMELINES": str(folder)})
        assert f"yours: {folder} (ARMSDEAL_TIMELINES), searched before the bundled" in from_env.stdout
        assert from_env.stdout.replace("(ARMSDEAL_TIMELINES)", "(--timelines)") == typed.stdout
        both = invoke(runner, "list", "--timelines", str(folder), "--width", "300", env={"ARMSDEAL_TIMELINES": "/x"})
        assert both.stdout == typed.stdout

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("show", "minimal"), "'{none}' is not a folder"),
            (("list",), "'{none}' is not a folder"),
            (("check",), "'{none}' is not a folder"),
            (("search", "x"), "'{none}' is not a folder"),
            (("compare", "minimal", "other"), "'{none}' is not a folder"),
            (("diff", "minimal", "minimal"), "'{none}' is not a folder"),
            (("export", "minimal"), "'{none}' is not a folder"),
            (("fmt",), "there is no folder '{none}'"),
            (
                (
                    "add",
                    "minimal",
                    "--date",
                    "2019",
                    "--type",
                    "contract",
                    "--title",
                    "t",
                    "--source",
                    "https://e.org/",
                ),
                "there is no folder '{none}'",
            ),
        ],
        ids=["show", "list", "check", "search", "compare", "diff", "export", "fmt", "add"],
    )
    def test_a_missing_folder_is_named_by_where_it_came_from(self, runner, tmp_path: Path, args, message) -> None:
        none = tmp_path / "none"
        typed = invoke(runner, *args, "--timelines", str(none))
        assert typed.exit_code == 2
        assert typed.stderr.startswith(f"armsdeal: --timelines: {message.format(none=none)}")
        from_env = invoke(runner, *args, env={"ARMSDEAL_TIMELINES": str(none)})
        assert from_env.exit_code == 2
        assert from_env.stderr == typed.stderr.replace("armsdeal: --timelines:", "armsdeal: ARMSDEAL_TIMELINES:", 1)


class TestList:
    def test_lists_every_shipped_timeline(self, runner) -> None:
        """One row per file with its event count."""
        result = invoke(runner, "list", "--timelines", str(TIMELINES), "--width", "160")
        assert result.exit_code == 0, result.stderr
        for path in TIMELINES.glob("*.yaml"):
            assert path.stem in result.stdout

    def test_invalid_file_is_flagged_and_exits_1(self, runner, tmp_path: Path) -> None:
        """A broken file still gets its row, and the exit code says something is wrong."""
        shutil.copy(VALID / "minimal.yaml", tmp_path / "minimal.yaml")
        (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
        result = invoke(runner, "list", "--timelines", str(tmp_path), "--width", "160")
        assert result.exit_code == 1
        assert "broken" in result.stdout and "invalid" in result.stdout
        assert "A minimal timeline" in result.stdout

    def test_invalid_file_is_flagged_when_the_title_is_left_out(self, runner, tmp_path: Path) -> None:
        """Narrow enough to leave the title out, the status column still says a timeline is invalid."""
        shutil.copy(VALID / "minimal.yaml", tmp_path / "minimal.yaml")
        (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
        result = invoke(runner, "list", "--timelines", str(tmp_path), "--width", "60", "--no-cache")
        assert result.exit_code == 1
        note = " ".join(result.stdout.split())
        assert "title" in note and "left out: too narrow" in note  # the note on what was left out
        (row,) = [line for line in result.stdout.splitlines() if line.startswith("broken")]
        assert row.split()[-1] == "invalid"


class TestMeta:
    def test_version(self, runner) -> None:
        """--version prints the package version."""
        result = invoke(runner, "--version")
        assert result.exit_code == 0
        assert result.stdout.strip() == f"armsdeal {__version__}"

    def test_every_command_has_help_and_is_in_the_readme(self, runner) -> None:
        """Each command answers --help with its docstring, and the README documents it."""
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        commands = [command.name or command.callback.__name__ for command in app.registered_commands]
        assert "show" in commands and "list" in commands
        for name in commands:
            result = invoke(runner, name, "--help")
            assert result.exit_code == 0, name
            assert f"armsdeal {name}" in readme, f"README does not document `armsdeal {name}`"

    def test_no_arguments_prints_help(self, runner) -> None:
        """Running armsdeal alone shows usage rather than failing silently."""
        result = invoke(
            runner,
        )
        assert "Usage" in result.stdout + result.stderr


class TestOddRequests:
    def test_the_same_timeline_twice_is_shown_once(self, runner) -> None:
        """show X X draws X once, without a deal column."""
        once = invoke(runner, "show", str(VALID / "showcase.yaml")).stdout
        twice = invoke(runner, "show", str(VALID / "showcase.yaml"), str(VALID / "showcase.yaml")).stdout
        assert twice == once

    def test_from_after_to_is_a_usage_error(self, runner) -> None:
        """An empty range is a mistake worth saying, not an empty screen."""
        result = invoke(runner, "show", str(VALID / "showcase.yaml"), "--from", "2020", "--to", "2010")
        assert result.exit_code == 2
        assert "--from 2020 is after --to 2010" in result.stderr

    def test_a_yaml_path_that_is_a_folder_is_named_as_such(self, runner, tmp_path: Path) -> None:
        """A folder called x.yaml exists but is not a timeline file."""
        (tmp_path / "x.yaml").mkdir()
        result = invoke(runner, "show", str(tmp_path / "x.yaml"))
        assert result.exit_code == 2
        assert "not a regular file" in result.stderr

    def test_usage_line_names_the_argument(self, runner) -> None:
        """Help shows NAME, not the parameter's Python name."""
        assert "NAME..." in invoke(runner, "show", "--help").stdout.replace("{", "").replace("}", "")


@pytest.mark.parametrize("option", [("--to", "2019"), ("--as-of", "2019"), ("--related",)])
def test_an_event_view_refuses_the_options_of_a_chronology(runner, option: tuple[str, ...]) -> None:
    """`show NAME EVENT-ID --as-of 2019` showed an event of 2020 as if known then; now a usage error."""
    result = invoke(runner, "show", "turkey-s400", "caatsa-sanctions", *option)
    assert result.exit_code == 2
    assert "an EVENT-ID shows one event in full" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("width", [40, 50, 60, 80, 100])
def test_list_fits_the_width(runner, width: int) -> None:
    """`list --width 40` printed 63 columns: the id, last date and status alone were wider than the width."""
    result = invoke(runner, "list", "--width", str(width))
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    assert "turkey-s400" in result.stdout
