"""The console-script entry point: no traceback ever reaches a user; completion of names."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT, TIMELINES

import armsdeal.cli as cli
import armsdeal.cli.app
from armsdeal.cli.app import _complete_names


def test_an_unexpected_error_is_one_plain_message(monkeypatch, capsys) -> None:
    """A bug still exits 2 with a message naming it, without a traceback."""

    def broken() -> None:
        raise KeyError("boom")

    monkeypatch.setattr(armsdeal.cli.app, "app", broken)
    monkeypatch.delenv("ARMSDEAL_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "internal error: KeyError" in err
    assert "Traceback" not in err


def test_debug_variable_shows_the_traceback(monkeypatch) -> None:
    """ARMSDEAL_DEBUG=1 lets the exception through for developers."""

    def broken() -> None:
        raise KeyError("boom")

    monkeypatch.setattr(armsdeal.cli.app, "app", broken)
    monkeypatch.setenv("ARMSDEAL_DEBUG", "1")
    with pytest.raises(KeyError):
        cli.main()


def test_completion_offers_timeline_names(monkeypatch) -> None:
    """Shell completion completes ids from the timelines folder."""
    monkeypatch.setenv("ARMSDEAL_TIMELINES", str(TIMELINES))
    assert _complete_names("turkey-") == sorted(p.stem for p in TIMELINES.glob("turkey-*.yaml"))
    assert _complete_names("zz") == []


def test_python_dash_m_runs_the_cli() -> None:
    """`python -m armsdeal --version` works like the console script."""
    command = [sys.executable, "-m", "armsdeal", "--version"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("armsdeal ")


def test_closed_pipe_is_not_an_error() -> None:
    """`armsdeal show x | head -1` ends quietly with exit 0."""
    script = (
        "import subprocess, sys\n"
        "command = [sys.executable, '-m', 'armsdeal', 'show', 'turkey-s400', '--timelines', sys.argv[1]]\n"
        # Wide lines make the output larger than a pipe's buffer, so the write really fails.
        "p = subprocess.Popen([*command, '--width', '400'], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "p.stdout.readline(); p.stdout.close()\n"
        "err = p.stderr.read().decode(); code = p.wait()\n"
        "print(code); print(err)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(TIMELINES)], capture_output=True, text=True, check=True)
    code, _, err = result.stdout.partition("\n")
    assert code == "0"
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["show", "turkey-s400"],
        ["list"],
        ["search", "S-400"],
        ["compare", "turkey-s400", "india-s400"],
        ["export", "--all", "--format", "markdown"],
        ["export", "--all", "--format", "html"],
        ["export", "--all", "--format", "json"],
        ["check", "--format", "json"],
    ],
    ids=" ".join,
)
def test_a_reader_that_left_before_any_output_is_not_an_error(args: list[str]) -> None:
    """Every command: the pipe's reader is gone before the first write, which therefore fails (EPIPE).

    Click, which runs the commands, would end such a write with exit 1; armsdeal ends with 0, quietly.
    """
    script = (
        "import json, subprocess, sys\n"
        "command = [sys.executable, '-m', 'armsdeal', *json.loads(sys.argv[2]), '--timelines', sys.argv[1]]\n"
        "p = subprocess.Popen([*command, '--no-cache'] if sys.argv[2].startswith('[\"show') else command,\n"
        "                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "p.stdout.close()\n"  # the only read end: the command's first write to stdout fails
        "err = p.stderr.read().decode(); code = p.wait()\n"
        "print(code); print(err)\n"
    )
    argv = [sys.executable, "-c", script, str(TIMELINES), json.dumps(args)]
    result = subprocess.run(argv, capture_output=True, text=True, check=True)
    code, _, err = result.stdout.partition("\n")
    assert (code, err.strip()) == ("0", "")


def _modules_after(*args: str) -> set[str]:
    code = (
        "import sys, atexit\n"
        "loaded = lambda: sorted(m for m in sys.modules if m.startswith('armsdeal.cli.'))\n"
        "atexit.register(lambda: print(loaded(), file=sys.stderr))\n"
        f"sys.argv = ['armsdeal', *{list(args)!r}]\n"
        "from armsdeal.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    return set(eval(result.stderr.strip().splitlines()[-1]))


# The modules that register a command (found in the tree, not listed by hand).
COMMAND_MODULE_NAMES = {
    f"armsdeal.cli.{path.stem}"
    for path in (ROOT / "armsdeal" / "cli").glob("*.py")
    if re.search(
        r"^(@app\.command\(|app\.add_typer\(|\w+ = command_group\()",
        path.read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
}


def test_a_command_imports_only_its_own_module() -> None:
    assert _modules_after("show", "--help") & COMMAND_MODULE_NAMES == {"armsdeal.cli.show"}
    assert _modules_after("rules") & COMMAND_MODULE_NAMES == {"armsdeal.cli.check"}


def test_root_help_and_a_mistyped_command_load_every_command() -> None:
    assert _modules_after("--help") >= COMMAND_MODULE_NAMES
    assert _modules_after("chek") >= COMMAND_MODULE_NAMES


def test_every_command_is_declared_once_with_the_module_that_registers_it() -> None:
    """cli/commands.py names each command and its module; the modules register exactly those commands."""
    from armsdeal.cli.app import app
    from armsdeal.cli.commands import COMMANDS

    app(["--help"], standalone_mode=False)  # registers every command
    registered = {
        (info.name or info.callback.__name__.rstrip("_")): info.callback.__module__.rsplit(".", 1)[-1]
        for info in app.registered_commands
        if info.callback is not None
    }
    registered |= {  # groups (armsdeal import sipri): the module of their commands
        info.typer_instance.info.name: info.typer_instance.registered_commands[0].callback.__module__.rsplit(".", 1)[-1]
        for info in app.registered_groups
        if info.typer_instance is not None
    }
    assert registered == {command.name: command.module for command in COMMANDS}
    assert len({command.name for command in COMMANDS}) == len(COMMANDS)
    assert {f"armsdeal.cli.{command.module}" for command in COMMANDS} == COMMAND_MODULE_NAMES
    assert all(command.examples for command in COMMANDS), "every command's --help ends with examples"
