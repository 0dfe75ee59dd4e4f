"""The Typer application, its shared options, consoles and the one error handler.

Only the cli package prints, writes files or exits. Heavy modules (rich
rendering, pydantic models) are imported inside commands, so `--help` and
start-up stay fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from armsdeal import __version__
from armsdeal.core.errors import ArmsdealError, InvalidTimeline
from armsdeal.render.safe_text import clean

if TYPE_CHECKING:
    from rich.console import Console

    from armsdeal.core.problems import Problem

app = typer.Typer(
    name="armsdeal",
    help="Curated arms-deal timelines in YAML: show, check, diff and export them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class ColorMode(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def _complete_names(incomplete: str) -> list[str]:
    from armsdeal.core.collection import resolve_dir, timeline_names

    try:
        return [name for name in timeline_names(resolve_dir()) if name.startswith(incomplete)]
    except ArmsdealError:
        return []


NamesArgument = Annotated[
    list[str],
    typer.Argument(
        help="Timeline names (ids such as turkey-s400) or paths to .yaml files.",
        metavar="NAME",
        autocompletion=_complete_names,
        show_default=False,
    ),
]
TimelinesOption = Annotated[
    Path | None,
    typer.Option(
        "--timelines",
        envvar="ARMSDEAL_TIMELINES",
        help="Folder of timelines [default: ./timelines if present, else the bundled ones].",
        show_default=False,
    ),
]
ColorOption = Annotated[
    ColorMode,
    typer.Option(
        "--color", help="Colour: auto (on a terminal), always or never. NO_COLOR and FORCE_COLOR are honoured."
    ),
]
MAX_WIDTH = 1000  # wider than any screen; beyond it Rich pads lines into megabytes
WidthOption = Annotated[
    int | None,
    typer.Option("--width", min=20, max=MAX_WIDTH, help="Width in columns [default: the terminal's, 80 when piped]."),
]


def make_console(color: ColorMode = ColorMode.AUTO, width: int | None = None, *, stderr: bool = False) -> Console:
    """A console on stdout (data) or stderr (messages) that follows --color."""
    from rich.console import Console

    from armsdeal.render.theme import THEME

    options: dict[str, Any] = {"theme": THEME, "width": width, "stderr": stderr, "highlight": False}
    if color is ColorMode.ALWAYS:
        # A flag on the command line wins over NO_COLOR in the environment (no-color.org).
        options.update(force_terminal=True, color_system="standard", no_color=False)
    elif color is ColorMode.NEVER:
        options.update(color_system=None, force_terminal=False)
    console = Console(**options)
    if width is None and not 20 <= console.width <= MAX_WIDTH:
        console.width = min(max(console.width, 20), MAX_WIDTH)  # COLUMNS=5 or COLUMNS=99999
    return console


def write_data(text: str) -> None:
    """Write a command's data to stdout exactly as given.

    Not typer.echo: it strips escape sequences when stdout is not a terminal,
    which would change CSV or JSON written through a pipe.
    """
    sys.stdout.write(text)
    sys.stdout.flush()


def say(message: str) -> None:
    """A message for the user on stderr; names and paths in it may come from files, so it is cleaned."""
    typer.echo(clean(message, keep_newlines=False), err=True)


def print_problems(problems: list[Problem], color: ColorMode = ColorMode.AUTO) -> None:
    from armsdeal.render.view import problem_line

    console = make_console(color, stderr=True)
    for problem in problems:
        console.print(problem_line(problem), soft_wrap=True)


P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn ArmsdealError into a plain message on stderr and its exit code.

    The one place where armsdeal's own exceptions meet the user.
    """

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except InvalidTimeline as error:
            print_problems(error.problems, kwargs.get("color", ColorMode.AUTO))  # type: ignore[arg-type]
            raise typer.Exit(error.exit_code) from None
        except ArmsdealError as error:
            say(f"armsdeal: {error}")
            raise typer.Exit(error.exit_code) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"armsdeal {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Curated arms-deal timelines in YAML: show, check, diff and export them.

    Exit codes: 0 success, 1 invalid timeline data (or differences for diff),
    2 usage or input/output error.
    """
