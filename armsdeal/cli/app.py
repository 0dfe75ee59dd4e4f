"""The Typer application, its shared options, consoles and the one error handler.

Only the cli package prints, writes files or exits. Heavy modules (rich
rendering, pydantic models) are imported inside commands, so `--help` and
start-up stay fast.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
import typer.core
import typer.main

from armsdeal import __version__
from armsdeal.cli import cache
from armsdeal.cli.shim import ExamplesGroup, OrderedGroup
from armsdeal.core.errors import ArmsdealError, ConfigError, InvalidTimeline
from armsdeal.render.safe_text import clean

if TYPE_CHECKING:
    from rich.console import Console

    from armsdeal.core.problems import Problem

app = typer.Typer(
    name="armsdeal",
    help="Curated arms-deal timelines in YAML: show, check, diff and export them.",
    cls=OrderedGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def command_group(name: str, help: str) -> typer.Typer:
    """A command with subcommands (`armsdeal ci check`), registered on the app; its help lists them with examples."""
    group = typer.Typer(name=name, help=help, cls=ExamplesGroup, no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(group)
    return group


class ColorMode(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def _color_mode(value: str | ColorMode) -> ColorMode:
    try:
        return ColorMode(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(ColorMode)}") from None


def _complete_names(incomplete: str) -> list[str]:
    from armsdeal.core.collection import catalogue, search_path

    try:
        return [found.name for found in catalogue(search_path()) if found.name.startswith(incomplete)]
    except ArmsdealError:
        return []


NamesArgument = Annotated[
    list[str],
    typer.Argument(
        help="Timeline names (ids such as turkey-s400, any case) or paths to .yaml files.",
        metavar="NAME...",
        autocompletion=_complete_names,
        show_default=False,
    ),
]


def _typed_timelines(ctx: typer.Context, param: typer.CallbackParam, value: Path | None) -> Path | None:
    """--timelines as typed on the command line; None when only ARMSDEAL_TIMELINES set it.

    The folder is the same either way (collection.search_path and the others read the
    variable themselves), but then `list` and the messages name the variable, not an
    option nobody typed.
    """
    # By the source's name: Typer may carry its own copy of Click (typer._click), whose enum is not click's.
    source = ctx.get_parameter_source(param.name) if param.name else None
    return None if source is not None and source.name == "ENVIRONMENT" else value


TimelinesOption = Annotated[
    Path | None,
    typer.Option(
        "--timelines",
        envvar="ARMSDEAL_TIMELINES",
        callback=_typed_timelines,
        metavar="DIR",
        help=(
            "Your folder of timelines, searched before the bundled ones "
            "[default: ./timelines if present, else the timelines/ at the top of the git repository]."
        ),
        show_default=False,
    ),
]
ColorOption = Annotated[
    ColorMode,
    typer.Option(
        "--color",
        metavar="WHEN",
        parser=_color_mode,
        help="Colour: auto (on a terminal), always or never. NO_COLOR and FORCE_COLOR are honoured.",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache", help="Draw again instead of reusing the output of the same view (also ARMSDEAL_NO_CACHE)."
    ),
]
NoIndexOption = Annotated[
    bool,
    typer.Option(
        "--no-cache", help="Read every timeline file instead of the collection index (also ARMSDEAL_NO_CACHE)."
    ),
]
MAX_WIDTH = 1000  # wider than any screen; beyond it Rich pads lines into megabytes


def _width(value: str | int) -> int:
    text = str(value).strip()
    if text.isascii() and text.isdigit() and 20 <= int(text) <= MAX_WIDTH:
        return int(text)
    raise typer.BadParameter(f"'{value}' is not a whole number from 20 to {MAX_WIDTH}")


WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width",
        parser=_width,
        metavar="N",
        help=f"Width in columns, 20 to {MAX_WIDTH} [default: the terminal's, 80 when piped].",
    ),
]


# The event filters of `show` and `export`: declared once here, read once by options.filtering().
FromOption = Annotated[
    str | None,
    typer.Option("--from", metavar="DATE", help="Only events on or after this EDTF date (2019, 2019-07)."),
]
ToOption = Annotated[str | None, typer.Option("--to", metavar="DATE", help="Only events on or before this EDTF date.")]
TypeOption = Annotated[
    list[str] | None,
    typer.Option("--type", metavar="TYPE", help="Only events of this type, e.g. contract (repeatable)."),
]
ActorOption = Annotated[
    list[str] | None,
    typer.Option("--actor", metavar="ACTOR", help="Only events naming this actor id or name (repeatable)."),
]
TagOption = Annotated[
    list[str] | None, typer.Option("--tag", metavar="TAG", help="Only events with this tag (repeatable).")
]
ContainsOption = Annotated[
    str | None,
    typer.Option("--contains", metavar="TEXT", help="Only events whose title, note, actors or tags contain this text."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The deal as it stood at this EDTF date (2018-06): events and status by then "
        "(show: sources by then, no summary or notes).",
    ),
]


# The record at a time (issue 31): show, export and compare read each timeline as git had it then.
AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="REV|DATE",
        help="The timeline as committed at this git revision, or in the last commit on or before this date.",
    ),
]


def make_console(color: ColorMode = ColorMode.AUTO, width: int | None = None, *, stderr: bool = False) -> Console:
    """A console on stdout (data) or stderr (messages) that follows --color."""
    from rich.console import Console

    from armsdeal.render.theme import THEME

    stream = sys.stderr if stderr else sys.stdout
    options: dict[str, Any] = {"theme": THEME, "width": width, "file": _Trimmed(stream), "highlight": False}
    if color is ColorMode.ALWAYS:
        # A flag on the command line wins over NO_COLOR in the environment (no-color.org).
        options.update(force_terminal=True, color_system="standard", no_color=False)
    elif color is ColorMode.NEVER:
        options.update(color_system=None, force_terminal=False)
    console = Console(**options)
    # Rich ends a write to a pipe whose reader left with exit 1; let the error reach cli.main, which ends
    # quietly with 0 (as for every other write).
    setattr(console, "on_broken_pipe", _reader_left)  # noqa: B010  (a method of this console only)
    if width is None and not 20 <= console.width <= MAX_WIDTH:
        console.width = min(max(console.width, 20), MAX_WIDTH)  # COLUMNS=5 or COLUMNS=99999
    return console


def _reader_left() -> None:
    raise BrokenPipeError


# Spaces (and our own style codes after them) at the end of a line: Rich pads lines to the width.
_SGR_OR_LINK = r"\x1b\[[0-9;]*m|\x1b\]8;[^\x07\x1b]*(?:\x1b\\|\x07)"
_TRAILING = re.compile(rf"(?:[ ]|{_SGR_OR_LINK})+$", re.MULTILINE)
_CODES = re.compile(_SGR_OR_LINK)


def trim_trailing_spaces(text: str) -> str:
    """Every line without trailing spaces; style codes among them are kept, so colours still end."""

    def keep_codes(match: re.Match[str]) -> str:
        return "".join(_CODES.findall(match.group()))

    return _TRAILING.sub(keep_codes, text)


class _Trimmed:
    """A text stream that writes lines without trailing spaces (what a Console writes to)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        head, newline, tail = text.rpartition("\n")
        self._stream.write(trim_trailing_spaces(head) + newline + tail if newline else text)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def write_data(text: str | Iterable[str]) -> None:
    """Write a command's data to stdout exactly as given: text, or text in pieces written as they come.

    Not typer.echo: it strips escape sequences when stdout is not a terminal,
    which would change CSV or JSON written through a pipe.
    """
    if isinstance(text, str):
        sys.stdout.write(text)
    else:
        from armsdeal.cli.output import batches

        for batch in batches(text):
            sys.stdout.write(batch)
    sys.stdout.flush()


def say(message: str) -> None:
    """A message for the user on stderr; names and paths in it may come from files, so it is cleaned."""
    cache.spoil()  # a cached view would not repeat the message
    typer.echo(clean(message, keep_newlines=False), err=True)


def print_problems(problems: list[Problem], color: ColorMode = ColorMode.AUTO) -> None:
    from armsdeal.render.view import problem_line

    cache.spoil()
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
        except (InvalidTimeline, ConfigError) as error:
            print_problems(error.problems, kwargs.get("color", ColorMode.AUTO))  # type: ignore[arg-type]
            raise typer.Exit(error.exit_code) from None
        except ArmsdealError as error:
            # A located refusal (LocatedEditError) is a problem line, path:line:col first, as check prints it.
            say(str(error) if getattr(error, "located", False) else f"armsdeal: {error}")
            raise typer.Exit(error.exit_code) from None
        except OSError as error:
            if error.filename is None:
                raise  # writing stdout or stderr failed: cli.main says so
            # Looking at an input path failed (no permission on its folder): a reading error, said as one.
            say(f"armsdeal: cannot read '{error.filename}': {_reason(error)}")
            raise typer.Exit(2) from None

    return wrapper


def _reason(error: OSError) -> str:
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]


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
