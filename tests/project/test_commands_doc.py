"""docs/commands.md documents every command of cli/commands.py and every option its --help lists.

Read from --help itself (a group's subcommands too: `armsdeal ci check`, `armsdeal import sipri`), so a
new command or option that the page does not name fails here instead of drifting out of the docs.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, invoke

from armsdeal.cli.commands import COMMANDS

PAGE = ROOT / "docs" / "commands.md"
# "  -v, --full   Every detail", "  --strict / --no-strict  ...": the names at the start of an option's line.
OPTION_LINE = re.compile(r"^  (-[\w-]+(?:, -[\w-]+)*(?: / -[\w-]+)?)", re.MULTILINE)
SUBCOMMAND_LINE = re.compile(r"^  ([a-z][\w-]*) ", re.MULTILINE)


def sections() -> dict[str, str]:
    """Each `## ...` section of the page by its heading, its text up to the next `## `."""
    text = PAGE.read_text(encoding="utf-8")
    return {part.split("\n", 1)[0]: part for part in re.split(r"^## ", text, flags=re.MULTILINE)[1:]}


def section_of(name: str) -> str:
    """The section whose heading names `armsdeal NAME` first."""
    found = [text for heading, text in sections().items() if re.match(rf"`armsdeal {name}[ `]", heading)]
    assert found, f"docs/commands.md has no `## \\`armsdeal {name} ...\\`` section"
    return found[0]


def help_block(runner, words: list[str], title: str) -> str:
    result = invoke(runner, *words, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0, words
    return result.stdout.split(f"\n{title}:\n", 1)[1].split("\n\n", 1)[0] if f"\n{title}:\n" in result.stdout else ""


def options(runner, words: list[str]) -> list[str]:
    """Every option name --help lists for this command (--help itself aside)."""
    block = help_block(runner, words, "Options")
    names = [name for line in OPTION_LINE.findall(block) for name in re.split(r", | / ", line)]
    return [name for name in names if name != "--help"]


def commands_with_options(runner) -> list[list[str]]:
    """Every command of cli/commands.py, and the subcommands of a group."""
    found = []
    for declared in COMMANDS:
        subcommands = SUBCOMMAND_LINE.findall(help_block(runner, [declared.name], "Commands"))
        found += [[declared.name, sub] for sub in subcommands] or [[declared.name]]
    return found


@pytest.mark.parametrize("declared", COMMANDS, ids=lambda command: command.name)
def test_the_page_has_a_section_for_every_command(declared) -> None:
    assert section_of(declared.name)


def test_the_page_names_every_option_of_every_command(runner) -> None:
    missing = []
    for words in commands_with_options(runner):
        section = section_of(words[0])
        if f"armsdeal {' '.join(words)}" not in section:
            missing.append(f"armsdeal {' '.join(words)}")
        for name in options(runner, words):
            if not re.search(rf"`{re.escape(name)}(?![\w-])", section):
                missing.append(f"armsdeal {' '.join(words)} {name}")
    assert not missing, f"docs/commands.md does not document: {missing}"


def test_the_options_are_read_from_help(runner) -> None:
    """The parsing above finds short names, both halves of a flag pair, and a group's subcommands."""
    assert options(runner, ["show"])[:2] == ["-v", "--full"]
    assert {"--strict", "--no-strict", "-f", "--format"} <= set(options(runner, ["check"]))
    found = commands_with_options(runner)
    assert ["ci", "comment"] in found and ["import", "sipri"] in found and ["show"] in found
