"""The command's main (scripts/armsdeal, `python -m armsdeal`), free of imports: Ctrl-C is handled from the start.

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

# ``python -m armsdeal`` imports the package before its __main__ is known; the command
# (scripts/armsdeal) has the handler from the package's first statement (armsdeal/__init__.py).
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
    _quiet_threads()
    raise KeyboardInterrupt


def _quiet_threads() -> None:
    """After Ctrl-C, an error in a library's own thread (check's worker pool, stopped) is not shown."""
    threading: Any = sys.modules.get("threading")  # only if loaded: a pool's thread needs it loaded anyway
    if threading is not None and threading.excepthook is not _quiet_thread_error:
        global _previous_thread_hook
        _previous_thread_hook = threading.excepthook
        threading.excepthook = _quiet_thread_error


_previous_thread_hook: Callable[[Any], object] | None = None


def _quiet_thread_error(arguments: Any) -> None:
    if not _interrupted and _previous_thread_hook is not None:
        _previous_thread_hook(arguments)


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
    except SystemExit:
        if was_interrupted():
            _leave_at_once(130)
        raise
    finally:
        _exit_lightly()


def _leave_at_once(code: int) -> None:
    """End an interrupted command now: its files are cleaned up and its one line said.

    The interpreter's own exit would join the threads a library left (a stopped worker
    pool's), which may wait for ever on workers that are gone.
    """
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _exit_lightly() -> None:
    """Leave every object alive now out of the garbage collections of the interpreter's shutdown.

    The command is over and its output flushed. Python then tears down its modules and runs full
    collections over every object left, a twentieth of `armsdeal show`'s instructions, to free
    memory the process is about to give back anyway. Frozen objects are still freed by their
    reference counts; only objects in reference cycles are left to the end of the process.
    """
    import gc

    gc.freeze()
