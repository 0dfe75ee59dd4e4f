"""What armsdeal takes from Typer's and Click's internals, in one place.

Typer builds a command group from every registered command when the app starts; armsdeal imports a
command's module only when that command runs (cli/commands.py), so the group here adds the commands of
a module when it is imported, through ``typer.main.get_command_from_info`` and
``get_group_from_info``, which are not Typer's documented API. The help of every command is also
reworded here (readable metavars, the examples of cli/commands.py at the end). pyproject.toml bounds
Typer and Click to the versions these were tested with (.ci/run tests the lowest).
"""

from __future__ import annotations

import contextlib
import importlib
import re
import sys
from collections.abc import Iterator
from typing import Any

import typer
import typer.core
import typer.main

from armsdeal.cli import commands

MODULES = {command.name: command.module for command in commands.COMMANDS}

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


class ReadableCommand(typer.core.TyperCommand):
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
        examples = commands.examples(self.name or "")
        if examples:
            formatter.write_paragraph()
            formatter.write("  Examples:\n\n")
            for example in examples:
                formatter.write(f"    {example}\n")
        else:
            super().format_epilog(ctx, formatter)


class OrderedGroup(typer.core.TyperGroup):
    """Commands in the order people use them, each summary whole (never cut with '...')."""

    def list_commands(self, ctx: Any) -> list[str]:
        self._load(*MODULES.values())
        names = super().list_commands(ctx)
        rank = {command.name: index for index, command in enumerate(commands.COMMANDS)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        # A mistyped name loads them all, for Typer's "Did you mean ...?".
        self._load(*([MODULES[cmd_name]] if cmd_name in MODULES else MODULES.values()))
        command = super().get_command(ctx, cmd_name)
        if type(command) is typer.core.TyperCommand:
            command.__class__ = ReadableCommand  # readable help for every command, wherever it is registered
        return command

    def _load(self, *modules: str) -> None:
        """Import command modules not imported yet and add the commands they register."""
        from armsdeal.cli.app import app

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


class ExamplesGroup(typer.core.TyperGroup):
    """A command group (`armsdeal import`, `armsdeal ci`): its subcommands, and examples like every command's help."""

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        formatter.write_paragraph()
        formatter.write("  Examples:\n\n")
        for example in commands.examples(self.name or ""):
            formatter.write(f"    {example}\n")


_ClickError: type[Exception] = typer.BadParameter.__mro__[2]  # Typer's own copy of click's ClickException
_UsageError: type[Exception] = typer.BadParameter.__mro__[1]


class _OneLine(_ClickError):  # type: ignore[misc,valid-type]
    """A command-line mistake in armsdeal's voice: one line on stderr, exit 2, no usage block."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        from armsdeal.cli.app import say

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
