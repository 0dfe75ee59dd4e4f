"""The Typer application, its shared options, consoles and the one error handler.

Only the cli package prints, writes files or exits. Heavy modules (rich
rendering, pydantic models) are imported inside commands, so `--help` and
start-up stay fast.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
import typer.core
import typer.main

from armsdeal import __version__
from armsdeal.cli import cache
from armsdeal.core.errors import ArmsdealError, InvalidTimeline
from armsdeal.render.safe_text import clean

if TYPE_CHECKING:
    from rich.console import Console

    from armsdeal.core.problems import Problem

# Commands in --help in the order people use them; commands not named here follow, as registered.
COMMAND_ORDER = (
    "show",
    "list",
    "compare",
    "search",
    "export",
    "diff",
    "check",
    "rules",
    "schema",
    "new",
    "add",
    "fmt",
    "import",
)
# The module of each command in this package, imported when the command runs: `armsdeal show`
# imports and builds the parameters of show and list only; help, completion and suggestions
# for a mistyped name load all of them. tests/cli/test_main.py keeps this table complete.
COMMAND_MODULES = {
    "show": "show",
    "list": "show",
    "compare": "compare",
    "search": "search",
    "export": "export",
    "diff": "diff",
    "check": "check",
    "rules": "check",
    "schema": "check",
    "new": "new",
    "add": "add",
    "fmt": "fmt",
    "import": "import_",  # a group (armsdeal import sipri), registered with add_typer
}


# Two or three examples at the end of each command's --help.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "show": (
        "armsdeal show turkey-s400                        # the shape, one line per event",
        "armsdeal show turkey-s400 contract-announced     # one event in full",
        "armsdeal show turkey-s400 --full --related --as-of 2019-08",
    ),
    "list": ("armsdeal list", "armsdeal list --timelines ~/deals       # yours first, then the bundled ones"),
    "compare": (
        "armsdeal compare turkey-s400 india-s400",
        "armsdeal compare turkey-s400 india-s400 --format markdown > s400.md",
    ),
    "search": ("armsdeal search CAATSA", "armsdeal search 'second regiment' --timelines ~/deals"),
    "export": (
        "armsdeal export turkey-s400                     # Markdown on stdout",
        "armsdeal export turkey-s400 -o turkey-s400.json",
        "armsdeal export turkey-s400 india-s400 --format csv > events.csv",
    ),
    "diff": (
        "armsdeal diff HEAD~1:timelines/turkey-s400.yaml timelines/turkey-s400.yaml",
        "armsdeal diff old/turkey-s400.yaml turkey-s400 --format markdown",
    ),
    "check": ("armsdeal check", "armsdeal check timelines/ --strict", "armsdeal check --format json my-deal.yaml"),
    "rules": ("armsdeal rules", "armsdeal rules source-predates-event"),
    "schema": ("armsdeal schema > armsdeal-timeline-v1.json",),
    "new": ("armsdeal new thailand-gripen --supplier sweden --recipient thailand --system 'Gripen E'",),
    "add": (
        "armsdeal add thailand-gripen --date 2025-08-25 --type contract --title 'Contract signed' "
        "--source URL --publisher 'Example News' --source-title 'Thailand signs for Gripen'",
    ),
    "fmt": ("armsdeal fmt", "armsdeal fmt --check --diff timelines/"),
    "import": ("armsdeal import sipri trade-register.csv --recipient Turkey -o timelines/",),
}

# What Typer prints for a parameter without a metavar, and the words people read instead.
_TYPE_WORDS = {"str": "TEXT", "path": "PATH", "file": "FILE", "int": "N", "int range": "N", "float": "NUMBER"}
_TYPE_SHOWN = re.compile(r" <([^<>]+)>$")


def _readable(name: str) -> str:
    """'--from <str>' -> '--from TEXT', '--format <a|b>' -> '--format [a|b]', 'NAME <list[str]>' -> 'NAME'."""
    match = _TYPE_SHOWN.search(name)
    if match is None:
        return name
    shown = match.group(1)
    if "|" in shown:
        return f"{name[: match.start()]} [{shown}]"
    if shown.startswith("list["):
        return name[: match.start()]
    return f"{name[: match.start()]} {_TYPE_WORDS.get(shown, shown.upper())}"


class _Command(typer.core.TyperCommand):
    """Typer's command with readable usage lines and metavars, and examples at the end of --help."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                if param.nargs == -1 and "..." not in name and " " not in name:
                    name += "..."
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            name, text = record
            if param.param_type_name == "argument":
                arguments.append((param.metavar or _readable(name), text))
            else:
                options.append((_readable(name), text))
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        examples = EXAMPLES.get(self.name or "")
        if examples:
            formatter.write_paragraph()
            formatter.write("  Examples:\n\n")
            for example in examples:
                formatter.write(f"    {example}\n")
        else:
            super().format_epilog(ctx, formatter)


class _OrderedGroup(typer.core.TyperGroup):
    """Commands in the order people use them, each summary whole (never cut with '...')."""

    def list_commands(self, ctx: Any) -> list[str]:
        self._load(*COMMAND_MODULES.values())
        names = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        # A mistyped name loads them all, for Typer's "Did you mean ...?".
        self._load(*([COMMAND_MODULES[cmd_name]] if cmd_name in COMMAND_MODULES else COMMAND_MODULES.values()))
        command = super().get_command(ctx, cmd_name)
        if type(command) is typer.core.TyperCommand:
            command.__class__ = _Command  # readable help for every command, wherever it is registered
        return command

    def _load(self, *modules: str) -> None:
        """Import command modules not imported yet and add the commands they register."""
        for module in dict.fromkeys(modules):
            name = f"armsdeal.cli.{module}"
            if name in sys.modules:
                continue  # its commands were registered before Typer built this group
            registered, groups = len(app.registered_commands), len(app.registered_groups)
            importlib.import_module(name)
            for group in app.registered_groups[groups:]:
                self.add_command(
                    typer.main.get_group_from_info(
                        group,
                        pretty_exceptions_short=app.pretty_exceptions_short,
                        suggest_commands=app.suggest_commands,
                        rich_markup_mode=app.rich_markup_mode,
                    )
                )
            for info in app.registered_commands[registered:]:
                self.add_command(
                    typer.main.get_command_from_info(
                        info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
                    )
                )

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        with _one_voice():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        with _one_voice(ctx):
            return super().invoke(ctx)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            summary = command.short_help or (command.help or "").split("\n\n")[0]
            rows.append((name, " ".join(summary.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


_ClickError: type[Exception] = typer.BadParameter.__mro__[2]  # Typer's own copy of click's ClickException
_UsageError: type[Exception] = typer.BadParameter.__mro__[1]


class _OneLine(_ClickError):  # type: ignore[misc,valid-type]
    """A command-line mistake in armsdeal's voice: one line on stderr, exit 2, no usage block."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        say(f"armsdeal: {self.message}")


@contextlib.contextmanager
def _one_voice(group: Any = None) -> Iterator[None]:
    """Click's usage errors (a bad value, an unknown option, a missing NAME) as armsdeal's one-line messages.

    ``group`` is the application's context while a command is chosen and run: an error
    Click raises without a context of its own is then still the command's.
    """
    try:
        yield
    except _UsageError as error:
        if type(error).__name__ == "NoArgsIsHelpError":
            raise  # `armsdeal` alone: the help, as asked
        name = group.invoked_subcommand if group is not None else None
        raise _OneLine(usage_message(error, name)) from None


def usage_message(error: Any, command_name: str | None = None) -> str:
    """'--width: 'abc' is not a whole number ...', 'show: no such option --bogus (see armsdeal show --help)'."""
    ctx = getattr(error, "ctx", None)
    if ctx is not None and ctx.parent is not None:
        command_name = ctx.info_name
    where = f"see 'armsdeal {command_name} --help'" if command_name else "see 'armsdeal --help'"
    command = f"{command_name}: " if command_name else ""
    kind = type(error).__name__
    param = getattr(error, "param", None)
    if kind == "MissingParameter" and param is not None:
        return f"{command}missing {_param_name(param)} ({where})"
    if kind == "BadParameter" and param is not None:
        return f"{_param_name(param)}: {_lower_first(str(error.message))}"
    if kind == "NoSuchOption":
        maybe = sorted(error.possibilities or ())
        guess = f"; did you mean {' or '.join(maybe)}?" if maybe else ""
        return f"{command}no such option {error.option_name}{guess} ({where})"
    message = _lower_first(str(error.message)).replace(". Did you mean", "; did you mean")
    return f"{command}{message.rstrip('.')} ({where})"


def _param_name(param: Any) -> str:
    """'--width' for an option (its long name), 'NAME...' for an argument."""
    if param.param_type_name == "argument":
        return str(param.metavar or (param.name or "").upper())
    return str(max(param.opts, key=len))


def _lower_first(text: str) -> str:
    """'No such command' -> 'no such command'; 'URL ...' stays as it is."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


app = typer.Typer(
    name="armsdeal",
    help="Curated arms-deal timelines in YAML: show, check, diff and export them.",
    cls=_OrderedGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
        help="Your folder of timelines, searched before the bundled ones [default: ./timelines if present].",
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
