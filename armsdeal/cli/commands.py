"""Every command of armsdeal, declared once: its name, its module in this package, its examples.

The order here is the order of `armsdeal --help`. A command's module registers it on the Typer app
(``@app.command()`` in ``cli/<module>.py``) and is imported only when the command runs: `armsdeal show`
imports show's module alone; help, completion and the suggestions for a mistyped name import all of
them (cli/shim.py). Adding a command is its module and one line here (tests/cli/test_main.py checks
that the two agree).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Declared:
    """One command: as typed, the module that registers it, two or three examples for the end of its --help."""

    name: str
    module: str
    examples: tuple[str, ...] = ()


COMMANDS: tuple[Declared, ...] = (
    Declared(
        "show",
        "show",
        (
            "armsdeal show turkey-s400                        # the shape, one line per event",
            "armsdeal show turkey-s400 contract-announced     # one event in full",
            "armsdeal show turkey-s400 --full --related --as-of 2019-08",
        ),
    ),
    Declared(
        "list",
        "show",
        ("armsdeal list", "armsdeal list --timelines ~/deals       # yours first, then the bundled ones"),
    ),
    Declared(
        "compare",
        "compare",
        (
            "armsdeal compare turkey-s400 india-s400",
            "armsdeal compare turkey-s400 india-s400 --format markdown > s400.md",
        ),
    ),
    Declared("search", "search", ("armsdeal search CAATSA", "armsdeal search 'second regiment' --timelines ~/deals")),
    Declared(
        "export",
        "export",
        (
            "armsdeal export turkey-s400                     # Markdown on stdout",
            "armsdeal export turkey-s400 -o turkey-s400.json",
            "armsdeal export turkey-s400 india-s400 --format csv > events.csv",
        ),
    ),
    Declared(
        "diff",
        "diff",
        (
            "armsdeal diff HEAD~1:timelines/turkey-s400.yaml timelines/turkey-s400.yaml",
            "armsdeal diff old/turkey-s400.yaml turkey-s400 --format markdown",
        ),
    ),
    Declared(
        "log",
        "log",
        (
            "armsdeal log turkey-s400 --oneline",
            "armsdeal log turkey-s400 --since 2024-03-01 --format markdown > corrections.md",
            "armsdeal log turkey-s400 contract-announced     # one event's history",
        ),
    ),
    Declared(
        "check",
        "check",
        ("armsdeal check", "armsdeal check timelines/ --strict", "armsdeal check --format json my-deal.yaml"),
    ),
    Declared("rules", "check", ("armsdeal rules", "armsdeal rules source-predates-event")),
    Declared("schema", "check", ("armsdeal schema > armsdeal-timeline-v1.json",)),
    Declared(
        "links",
        "links",
        (
            "armsdeal links",
            "armsdeal links turkey-s400 --archive --write",
            "armsdeal links --only-changed --base main",
        ),
    ),
    # A group (armsdeal ci check|diff|comment): the GitHub Action's steps.
    Declared(
        "ci",
        "ci",
        (
            "armsdeal ci check timelines/ --sarif armsdeal.sarif --body comment.md",
            "armsdeal ci diff --base origin/main --body comment.md",
            "armsdeal ci comment comment.md --pull-request 12 --repository curators/timelines",
        ),
    ),
    Declared(
        "new", "new", ("armsdeal new thailand-gripen --supplier sweden --recipient thailand --system 'Gripen E'",)
    ),
    Declared(
        "add",
        "add",
        (
            "armsdeal add thailand-gripen --date 2025-08-25 --type contract --title 'Contract signed' "
            "--source URL --publisher 'Example News' --source-title 'Thailand signs for Gripen'",
        ),
    ),
    Declared("fmt", "fmt", ("armsdeal fmt", "armsdeal fmt --check --diff timelines/")),
    # A group (armsdeal import sipri), registered with add_typer.
    Declared("import", "import_", ("armsdeal import sipri trade-register.csv --recipient Turkey -o timelines/",)),
    # A group (armsdeal cache info|clear): the cached views and the collection indexes.
    Declared("cache", "cache_", ("armsdeal cache info", "armsdeal cache clear")),
)
BY_NAME = {command.name: command for command in COMMANDS}


def examples(name: str) -> tuple[str, ...]:
    """The examples at the end of a command's --help (none for a name not declared)."""
    command = BY_NAME.get(name)
    return command.examples if command is not None else ()
