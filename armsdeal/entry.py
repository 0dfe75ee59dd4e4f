"""The console script's entry point, kept free of imports so that Ctrl-C is handled from the start.

`armsdeal` spends most of its start-up importing (Typer, Rich, pydantic). A
Ctrl-C then used to print a Python traceback. The package's first statement
(armsdeal/__init__.py) installs the handler before anything of armsdeal is
imported, and this module again for ``python -m armsdeal``: during start-up it
ends the process at once with
code 130 (nothing has been written yet); once the command runs, it raises
KeyboardInterrupt, which the CLI (armsdeal.cli.main) turns into exit 130
after the open files are cleaned up (an output file is written atomically).
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # built in: installing the handler below costs no import

from armsdeal import _exit_at_once, _started_as_the_command

# ``python -m armsdeal`` imports the package before its __main__ is known; the console script
# has the handler from the package's first statement (armsdeal/__init__.py).
if _started_as_the_command():
    _signal.signal(_signal.SIGINT, _exit_at_once)

import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

_interrupted = False
_pid = os.getpid()  # the process that handles Ctrl-C; forked workers inherit the handler
_previous_hook: Callable[[Any], object] = sys.unraisablehook


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    global _interrupted
    if os.getpid() != _pid:
        return  # a worker process of `check`: the parent stops the pool
    _interrupted = True
    raise KeyboardInterrupt


def quiet_start() -> None:
    """Ctrl-C ends the process with 130 and no output: for the start-up."""
    global _pid
    _pid = os.getpid()
    signal.signal(signal.SIGINT, _exit_at_once)


def interruptible() -> None:
    """Ctrl-C raises KeyboardInterrupt (and is remembered): for running the command."""
    global _pid
    _pid = os.getpid()
    signal.signal(signal.SIGINT, _raise_interrupt)
    global _previous_hook
    if sys.unraisablehook is not _quiet_unraisable:
        _previous_hook = sys.unraisablehook
        sys.unraisablehook = _quiet_unraisable


def _quiet_unraisable(unraisable: Any) -> None:
    """Say nothing of a Ctrl-C that landed where Python cannot raise it.

    When the signal arrives while the interpreter runs a callback it cannot
    raise from (the import system's lock clean-up during a lazy import, a
    finaliser), Python prints "Exception ignored in ..." with a traceback and
    carries on. The Ctrl-C is remembered all the same, and the command exits
    with 130 (cli.main): only the traceback is dropped. Anything else goes to
    the hook there was before.
    """
    if isinstance(unraisable.exc_value, KeyboardInterrupt) and _interrupted:
        return
    _previous_hook(unraisable)


def was_interrupted() -> bool:
    """Whether Ctrl-C was pressed, even if a library wrapped the KeyboardInterrupt in its own error."""
    return _interrupted


def main() -> None:
    """`armsdeal`: install the start-up handler, then import and run the CLI."""
    quiet_start()
    from armsdeal.cli import main as run

    try:
        run()
    finally:
        _exit_lightly()


def _exit_lightly() -> None:
    """Leave every object alive now out of the garbage collections of the interpreter's shutdown.

    The command is over and its output flushed. Python then tears down its modules and runs full
    collections over every object left, a twentieth of `armsdeal show`'s instructions, to free
    memory the process is about to give back anyway. Frozen objects are still freed by their
    reference counts; only objects in reference cycles are left to the end of the process.
    """
    import gc

    gc.freeze()
