"""`armsdeal check`, `armsdeal rules` and `armsdeal schema`."""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from armsdeal.check.formats import FORMATS
from armsdeal.cli.app import (
    ColorMode,
    ColorOption,
    NoIndexOption,
    TimelinesOption,
    WidthOption,
    app,
    make_console,
    reports_errors,
    write_data,
)
from armsdeal.cli.options import format_option
from armsdeal.core.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console

    from armsdeal.check.results import FileResult, OnFile
    from armsdeal.check.rules import Rule

# A progress bar is worth drawing only when checking takes a noticeable time.
PROGRESS_THRESHOLD = 32


@app.command()
@reports_errors
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Timeline files or folders (searched recursively for *.yaml, *.yml) [default: the timelines folder].",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    timelines: TimelinesOption = None,
    output_format: Annotated[
        str | None, format_option(FORMATS, default_note="github when GITHUB_ACTIONS=true, else text")
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="RULE", help="Do not report this rule (repeatable); see 'armsdeal rules'."),
    ] = None,
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict",
            help="Warnings fail too [default: strict in [tool.armsdeal], else off].",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        bool | None,
        typer.Option(
            "--source/--no-source",
            help="In the text format, the source line under each problem with a caret at its column "
            "[default: on a terminal].",
            show_default=False,
        ),
    ] = None,
    allow_empty: Annotated[
        bool,
        typer.Option("--allow-empty", help="A folder with no timeline files passes (exit 0) instead of exit 2."),
    ] = False,
    color: ColorOption = ColorMode.AUTO,
    no_cache: NoIndexOption = False,
) -> None:
    """Validate timeline files: YAML, the format, and the rules across fields and files.

    Problems go to stdout, one per line as path:line:col: severity [rule-id] message;
    a summary goes to stderr. Exit codes: 0 no errors, 1 errors (or warnings with
    --strict), 2 usage error or a path that cannot be read.
    """
    from armsdeal.check.config import load_settings, rule_ids
    from armsdeal.check.formats import summary
    from armsdeal.check.results import collect_files
    from armsdeal.check.rules.collection import served_beside
    from armsdeal.cli.check_index import check_collection
    from armsdeal.cli.index import beside_source
    from armsdeal.core.collection import resolve_dir

    settings = load_settings()
    ignored = settings.ignore | rule_ids(ignore or (), origin="--ignore")
    strict = settings.strict if strict is None else strict
    reporter_name = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")

    folders = paths or [resolve_dir(timelines)]
    targets = collect_files(folders)
    if not targets and not allow_empty:
        # A CI job given a wrong path must not pass by checking nothing.
        named = ", ".join(f"'{folder}'" for folder in folders)
        raise UsageError(f"no timeline files (*.yaml, *.yml) in {named}; pass --allow-empty to accept that")
    # The files beside the checked ones, for the rules across files: from their folder's index.
    with _progress(color, len(targets)) as on_file, served_beside(beside_source(no_cache)):
        # Incremental for folders; `check FILE` reads the files beside it from their index instead.
        incremental = not no_cache and any(os.path.isdir(folder) for folder in folders)
        run = check_collection(
            targets,
            today=date.today(),
            ignore=ignored,
            on_file=on_file,
            options=settings.options,
            no_cache=not incremental,
        )
    stdout = make_console(color)
    coloured = stdout.is_terminal and stdout.color_system is not None and not stdout.no_color
    output = FORMATS.load(reporter_name)(run, coloured)
    # On a terminal by default: in a pipe (editors, CI) each problem stays one line unless --source asks.
    if reporter_name == "text" and (source if source is not None else sys.stdout.isatty()):
        from armsdeal.check.excerpts import with_source

        output = with_source(run, output)
    sys.stdout.write(output)
    sys.stdout.flush()
    code = run.exit_code(strict=strict)
    if reporter_name != "json":
        _print_summary(summary(run, strict=strict), ok=code == 0, color=color)
    raise typer.Exit(code)


def _print_summary(line: str, *, ok: bool, color: ColorMode) -> None:
    from rich.text import Text

    make_console(color, stderr=True).print(Text(line, style="summary.ok" if ok else "summary.bad"), soft_wrap=True)


@contextmanager
def _progress(color: ColorMode, total: int) -> Iterator[OnFile | None]:
    """A progress bar on stderr, only on a terminal and only for many files."""
    console = make_console(color, stderr=True)
    if total <= PROGRESS_THRESHOLD or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    # No refresher thread (auto_refresh): the checker may fork worker processes.
    with Progress(
        TextColumn("checking"), BarColumn(), MofNCompleteColumn(), console=console, transient=True, auto_refresh=False
    ) as progress:
        task = progress.add_task("check", total=total)
        last_refresh = 0.0

        def advance(_result: FileResult) -> None:
            nonlocal last_refresh
            progress.advance(task)
            if time.monotonic() - last_refresh > 0.1:
                last_refresh = time.monotonic()
                progress.refresh()

        yield advance


@app.command()
@reports_errors
def rules(
    rule: Annotated[
        str | None, typer.Argument(help="A rule id: print its whole documentation.", show_default=False, metavar="RULE")
    ] = None,
    color: ColorOption = ColorMode.AUTO,
    width: WidthOption = None,
) -> None:
    """List the rules of `armsdeal check` and `armsdeal links`: id, default severity and what each one finds."""
    from rich.table import Table
    from rich.text import Text

    from armsdeal.check.config import require_rule
    from armsdeal.check.rules import RULES
    from armsdeal.links.rules import link_rules

    console = make_console(color, width)
    if rule is not None:
        found = link_rules()[rule] if rule in link_rules() else require_rule(rule, origin="")
        console.print(Text(f"{found.id} ({found.severity})", style="title"))
        console.print(Text(found.doc))
        if found.options:
            _print_options(console, found)
        return
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
    for column in ("rule", "severity", "finds", "options"):
        table.add_column(column, no_wrap=column != "finds")
    for entry in sorted([*RULES.values(), *link_rules().values()], key=lambda r: r.id):
        table.add_row(
            Text(entry.id, "problem.rule"),
            Text(str(entry.severity), f"problem.{entry.severity}"),
            Text(entry.summary),
            Text(", ".join(option.name for option in entry.options)),
        )
    console.print(table)


def _print_options(console: Console, rule: Rule) -> None:
    """A rule's options: name, type, default and help, and where a project sets them (check/config.py)."""
    from rich.padding import Padding
    from rich.text import Text

    from armsdeal.check.config import toml_value

    console.print(
        Text(
            f"\nOptions, set under [tool.armsdeal.rules.{rule.id}] in pyproject.toml "
            f"(or [rules.{rule.id}] in .armsdeal.toml):",
            style="bold",
        )
    )
    for option in rule.options:
        console.print(Padding(Text(f"{option.name} = {toml_value(option.default)}  (the default)"), (0, 0, 0, 2)))
        console.print(Padding(Text(f"{option.help} Must be {option.expects}."), (0, 0, 0, 6)))


@app.command()
@reports_errors
def schema() -> None:
    """Print the JSON Schema of the timeline format, for editors and other tools."""
    import json

    from armsdeal.core.model import json_schema

    write_data(json.dumps(json_schema(), indent=2) + "\n")
