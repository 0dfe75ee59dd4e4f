"""The README's quickstart is what CI runs, so a missing install step fails in CI first."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quickstart_commands() -> list[str]:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quickstart_has_exactly_two_commands() -> None:
    """One to install and show the main timeline, one to install test extras and run the tests."""
    commands = quickstart_commands()
    assert len(commands) == 2
    assert commands[0].endswith("armsdeal show turkey-s400")
    assert "[test]" in commands[1]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run contains the README's test command verbatim."""
    test_command = quickstart_commands()[1]
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci_script
