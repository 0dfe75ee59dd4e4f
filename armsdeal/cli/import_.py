"""`armsdeal import sipri`: start timelines from SIPRI's trade register (engine: armsdeal/importers/sipri.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from armsdeal.cli.app import app, reports_errors, say
from armsdeal.cli.shim import ExamplesGroup

import_app = typer.Typer(
    name="import",
    help="Start timelines from other databases: sipri (SIPRI's trade register CSV).",
    cls=ExamplesGroup,
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app)


@import_app.command()
@reports_errors
def sipri(
    register: Annotated[
        Path,
        typer.Argument(
            help="SIPRI trade-register CSV (UTF-8, with or without BOM, or Latin-1).",
            metavar="FILE.csv",
            show_default=False,
        ),
    ],
    recipient: Annotated[
        str | None, typer.Option("--recipient", metavar="NAME", help="Only rows with this recipient (e.g. Turkey).")
    ] = None,
    supplier: Annotated[
        str | None, typer.Option("--supplier", metavar="NAME", help="Only rows with this supplier (e.g. Russia).")
    ] = None,
    system: Annotated[
        str | None,
        typer.Option(
            "--system",
            metavar="TEXT",
            help="Only rows whose designation or description contains this text (e.g. S-400).",
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="DIR", help="Folder to write the timelines into.", file_okay=False),
    ] = Path("."),
) -> None:
    """One timeline skeleton per row of SIPRI's trade register.

    Each has the deal record, an order event and delivery events, and SIPRI as its source.

    Files are named after their id (recipient-supplier-designation, e.g.
    turkey-russia-s-400.yaml) and an existing file is never overwritten. A row
    that cannot be read is reported as FILE:LINE and the exit code is 1; the
    other rows are still written.
    """
    from armsdeal.cli.app import print_problems
    from armsdeal.cli.output import create_new
    from armsdeal.core.errors import InputError, UsageError
    from armsdeal.core.problems import Problem
    from armsdeal.importers.sipri import RULE, Selection, read_register

    try:
        raw = register.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read '{register}': {error.strerror or error}") from None
    if not output.is_dir():
        raise UsageError(f"-o {output}: no such folder")
    found = read_register(raw, str(register), selection=Selection(recipient, supplier, system), today=date.today())
    problems = list(found.problems)
    written = 0
    for skeleton in found.skeletons:
        target = output / f"{skeleton.id}.yaml"
        if create_new(target, skeleton.yaml):
            written += 1
            typer.echo(str(target))  # the new files, one a line: data on stdout
        else:
            problems.append(Problem(str(register), skeleton.line, 1, RULE, f"'{target}' exists; not overwritten"))
    print_problems(sorted(problems))
    summary = f"armsdeal: {written} timeline(s) written to {output}"
    if found.not_selected:
        summary += f"; {found.not_selected} row(s) not selected"
    if problems:
        summary += f"; {len(problems)} row(s) not imported"
    say(summary)
    if problems:
        raise typer.Exit(1)
