"""`armsdeal import sipri`: start timelines from SIPRI's trade register (engine: armsdeal/importers/sipri.py)."""

from __future__ import annotations

import contextlib
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from armsdeal.cli.app import command_group, reports_errors, say

if TYPE_CHECKING:
    from armsdeal.core.errors import ArmsdealError
    from armsdeal.core.problems import Problem
    from armsdeal.importers.sipri import Plan

# A made row: its file, its register line, and its checked bytes or why they cannot be written.
Prepared = tuple[Path, int, "bytes | ArmsdealError"]
# Starts making a batch of planned rows; what it gives returns their outcomes, in order, when called.
Submit = Callable[[list["Plan"]], Callable[[], list["Problem | Prepared"]]]


import_app = command_group(
    "import",
    "Start timelines from other databases: sipri (SIPRI's trade register CSV).",
)

# Files made together, and written and flushed to disk together: one flush per batch instead of two per file
# (a flush of the file system can take a tenth of a second on a busy machine).
BATCH = 1024
# Registers of at least this many lines are checked in worker processes.
PARALLEL_FROM = 500


@import_app.command()
@reports_errors
def sipri(
    register: Annotated[
        Path,
        typer.Argument(
            help="SIPRI trade-register CSV (UTF-8, UTF-16 with BOM, or Windows-1252; see --encoding).",
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
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="NAME",
            help="The CSV's encoding (utf-8, cp1252, utf-16 ...) [default: from its bytes].",
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
    from armsdeal.core.errors import InputError
    from armsdeal.importers.sipri import Register, Selection, plan_register

    try:
        raw = register.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read '{register}': {error.strerror or error}") from None
    found = Register()
    planned = plan_register(
        raw,
        str(register),
        found,
        selection=Selection(recipient, supplier, system),
        today=date.today(),
        encoding=encoding,
    )
    lines = raw.count(b"\n")
    del raw  # the reader holds the text now
    first = next(planned, None)  # a file that is no register is refused before the folder is made
    _folder(output)
    problems: list[Problem] = []
    written = 0
    with _makers(lines, output) as submit:
        waiting: Callable[[], list[Problem | Prepared]] | None = None
        for batch in _batches(itertools.chain([first] if first is not None else [], planned), problems):
            started = submit(batch)  # made by the workers while this process writes the batch before
            if waiting is not None:
                written += _write(waiting(), str(register), problems)
            waiting = started
        if waiting is not None:
            written += _write(waiting(), str(register), problems)
    print_problems(sorted(problems))
    summary = f"armsdeal: {written} timeline(s) written to {output}"
    if found.not_selected:
        summary += f"; {found.not_selected} row(s) not selected"
    if problems:
        summary += f"; {len(problems)} row(s) not imported"
    say(summary)
    if problems:
        raise typer.Exit(1)


def _batches(entries: Iterable[Plan | Problem], problems: list[Problem]) -> Iterator[list[Plan]]:
    """The planned rows in batches of BATCH; the problems of rows that cannot be read go to ``problems``."""
    from armsdeal.importers.sipri import Plan

    batch: list[Plan] = []
    for entry in entries:
        if not isinstance(entry, Plan):
            problems.append(entry)
            continue
        batch.append(entry)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _write(outcomes: list[Problem | Prepared], register: str, problems: list[Problem]) -> int:
    """Write a batch of made rows (never over a file), naming each new file on stdout; how many were written.
    A row that cannot be made or written is a problem at its register line."""
    from armsdeal.cli.editing import create_checked
    from armsdeal.core.problems import Problem
    from armsdeal.importers.sipri import RULE

    ready: list[Prepared] = []
    for outcome in outcomes:
        if isinstance(outcome, Problem):
            problems.append(outcome)
        else:
            ready.append(outcome)
    results = create_checked([(target, checked) for target, _, checked in ready])
    names = []
    for (target, line, _), result in zip(ready, results, strict=True):
        if result is True:
            names.append(str(target))
            continue
        # the file name too long for the file system, a full disk ...
        message = _exists(target) if result is False else f"cannot write '{target}': {result}"
        problems.append(Problem(register, line, 1, RULE, message))
    if names:
        typer.echo("\n".join(names))  # the new files, one a line: data on stdout (one write a batch)
    return len(names)


def _exists(target: Path) -> str:
    """Why a row's file was not written when one is there, and how to import it anyway."""
    return (
        f"'{target}' exists; not overwritten: compare it with `armsdeal diff`, or move it away "
        "(or import into another folder with -o) and import again"
    )


def _prepared(output: Path, plan: Plan) -> Problem | Prepared:
    """A planned row made a skeleton and checked by the data-safety contract (in a worker process for a
    large register): its file, its register line and its bytes (or why not), or the row's problem."""
    from armsdeal.cli.editing import checked_bytes
    from armsdeal.core.problems import Problem
    from armsdeal.importers.sipri import make

    made = make(plan)
    if isinstance(made, Problem):
        return made
    target = output / f"{made.id}.yaml"
    return target, made.line, checked_bytes((target, made.yaml), proven=made.proven)


@contextlib.contextmanager
def _makers(lines: int, output: Path) -> Iterator[Submit]:
    """What makes and checks the planned rows (``_prepared``): a worker process a core for a register of many
    rows, each batch started before the one before is written; this process, a batch when its outcomes are
    asked for, for a few rows (a pool costs more than it saves) or where no fork is."""
    import multiprocessing
    import os

    prepare = functools.partial(_prepared, output)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if cores < 2 or lines < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda batch: functools.partial(list, map(prepare, batch))
        return
    with multiprocessing.get_context("fork").Pool(cores, initializer=_ignore_interrupts) as pool:
        yield lambda batch: pool.map_async(prepare, batch, chunksize=16).get


def _ignore_interrupts() -> None:
    # Ctrl-C is the main process's to handle (exit 130, no traceback); the pool ends with it.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _folder(output: Path) -> None:
    """The output folder, created (with its parents) when missing, as `new` creates the timelines folder."""
    from armsdeal.core.errors import InputError, UsageError

    if output.is_dir():
        return
    if output.exists():
        raise UsageError(f"-o {output}: not a folder")
    try:
        output.mkdir(parents=True)
    except OSError as error:
        raise InputError(f"cannot create the folder '{output}': {error.strerror or error}") from None
