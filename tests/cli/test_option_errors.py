"""One voice for command-line mistakes: armsdeal's own one-line message and exit 2, never Click's or pydantic's."""

from __future__ import annotations

import pytest
from conftest import TIMELINES, invoke

# Words of the libraries underneath that a user must never read.
FOREIGN = ("Usage:", "Try '", "Error:", "Input should", "Value error", "Invalid value for", "unable to parse")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "turkey-s400", "--width", "abc"], "armsdeal: --width: 'abc' is not a whole number from 20 to 1000"),
        (["show", "turkey-s400", "--width", "5"], "armsdeal: --width: '5' is not a whole number from 20 to 1000"),
        (["show", "turkey-s400", "--width", "1001"], "armsdeal: --width: '1001' is not a whole number from 20 to 1000"),
        (["show", "turkey-s400", "--width", "-40"], "armsdeal: --width: '-40' is not a whole number from 20 to 1000"),
        (["compare", "a", "b", "--width", "8.5"], "armsdeal: --width: '8.5' is not a whole number from 20 to 1000"),
        (["show", "turkey-s400", "--color", "purple"], "armsdeal: --color: 'purple' is not one of auto, always, never"),
        (["export", "turkey-s400", "--format", "xml"], "armsdeal: --format: 'xml' is not one of markdown, json"),
        (["show", "turkey-s400", "--bogus"], "armsdeal: show: no such option --bogus (see 'armsdeal show --help')"),
        (["show", "turkey-s400", "--widht", "60"], "armsdeal: show: no such option --widht; did you mean --width?"),
        (["show"], "armsdeal: show: missing NAME... [EVENT-ID] (see 'armsdeal show --help')"),
        (["shw"], "armsdeal: no such command 'shw'; did you mean 'show'? (see 'armsdeal --help')"),
        (["show", "turkey-s400", "--width"], "armsdeal: show: option '--width' requires an argument"),
    ],
)
def test_option_errors_are_one_line_of_ours_with_exit_2(runner, args: list[str], message: str) -> None:
    result = invoke(runner, *args, "--timelines", str(TIMELINES)) if args[-1] != "--width" else invoke(runner, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    for words in FOREIGN:
        assert words not in result.stderr, words


def test_good_values_still_work(runner) -> None:
    result = invoke(runner, "show", "turkey-s400", "--width", "60", "--color", "never", "--timelines", str(TIMELINES))
    assert result.exit_code == 0, result.stderr


def test_armsdeal_alone_still_shows_the_help(runner) -> None:
    result = invoke(runner)
    assert "Commands:" in result.stdout + result.stderr


@pytest.mark.parametrize(("given", "suffix"), [("md", ".md"), ("htm", ".htm"), ("markdown", ".md")])
def test_format_takes_what_the_output_suffix_takes(runner, tmp_path, given: str, suffix: str) -> None:
    """`export --format md` is accepted wherever `-o x.md` is, and means the same format."""
    named = invoke(runner, "export", "turkey-s400", "--format", given, "--timelines", str(TIMELINES))
    assert named.exit_code == 0, named.stderr
    out = tmp_path / f"x{suffix}"
    by_file = invoke(runner, "export", "turkey-s400", "-o", str(out), "--timelines", str(TIMELINES))
    assert by_file.exit_code == 0, by_file.stderr
    assert named.stdout == out.read_text(encoding="utf-8")
