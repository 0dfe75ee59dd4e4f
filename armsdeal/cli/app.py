"""The Typer application, its shared options, consoles and the one error handler.

Only the cli package prints, writes files or exits. Heavy modules (rich
rendering, pydantic models) are imported inside commands, so `--help` and
start-up stay fast.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from armsdeal import __version__
from armsdeal.errors import ArmsdealError, InvalidTimeline

if TYPE_CHECKING:
    from rich.console import Console

    from armsdeal.problems import Problem

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
    from armsdeal.collection import resolve_dir, timeline_names

    try:
        return [name for name in timeline_names(resolve_dir()) if name.startswith(incomplete)]
    except ArmsdealError:
        return []


NamesArgument = Annotated[
    list[str],
    typer.Argument(
        help="Timeline names (ids such as turkey-s400) or paths to .yaml files.",
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
WidthOption = Annotated[
    int | None, typer.Option("--width", min=20, help="Width in columns [default: the terminal's, 80 when piped].")
]


def make_console(color: ColorMode = ColorMode.AUTO, width: int | None = None, *, stderr: bool = False) -> Console:
    """A console on stdout (data) or stderr (messages) that follows --color."""
    from rich.console import Console

    from armsdeal.theme import THEME

    options: dict[str, Any] = {"theme": THEME, "width": width, "stderr": stderr, "highlight": False}
    if color is ColorMode.ALWAYS:
        options.update(force_terminal=True, color_system="standard")
    elif color is ColorMode.NEVER:
        options.update(color_system=None, force_terminal=False)
    return Console(**options)


def print_problems(problems: list[Problem], color: ColorMode = ColorMode.AUTO) -> None:
    from armsdeal.view import problem_line

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
            typer.echo(f"armsdeal: {error}", err=True)
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
