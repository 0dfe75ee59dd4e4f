"""The command line: `armsdeal show`, `list`, ... (see app.py for the shared parts).

Importing this package imports neither Typer nor the commands: ``main`` first
looks for a cached view (cache.py), and the Typer application (``app.app``) is
imported only when no cached view serves. Each command is declared once, in
commands.py; its module is imported when the command runs (shim.py).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import sys

from armsdeal.entry import interruptible, was_interrupted

__all__ = ["main"]


def main() -> None:
    """Run the app and exit with its code; no traceback ever reaches a user.

    0, 1 and 2 as the commands say; 2 when writing to stdout or stderr fails
    (a closed stream, a full disk); 0 and silence when the reader of a pipe
    left (`armsdeal show x | head`); 130 on Ctrl-C, wherever it comes.
    """
    before = signal.getsignal(signal.SIGINT)
    code = _run()
    with contextlib.suppress(TypeError, ValueError):
        signal.signal(signal.SIGINT, before)  # the command's: Ctrl-C from here on ends with 130 at once
    if code:
        sys.exit(code)


def _run() -> int:
    try:
        interruptible()
        _stand_in_for_closed_streams()
        from armsdeal.core import fastpaths

        if fastpaths.unknown():
            _tell(_unknown_fast_paths(fastpaths.unknown(), sorted(fastpaths.NAMES)))
            return 2
        from armsdeal.cli import cache

        if cache.serve(sys.argv[1:]):
            sys.stdout.flush()
            return 0
        from armsdeal.core.runtime import tune_gc

        tune_gc()  # a whole process of ours: see runtime.py
        from armsdeal.cli.app import app

        try:
            app()
            code = 0
        except SystemExit as exit_:
            if _click_met_a_closed_pipe():
                raise BrokenPipeError from None  # Click ends with 1 there; see below: the reader left
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        finally:
            recorded = cache.stop()
        if code == 0 and not was_interrupted():
            cache.store(recorded)
        # Written data may still sit in a buffer: a failure to write it is found here, not at exit.
        sys.stdout.flush()
        sys.stderr.flush()
        return 130 if was_interrupted() else code
    except BrokenPipeError:
        # `armsdeal show x | head`: the reader left; that is not an error.
        _silence()
        return 0
    except KeyboardInterrupt:
        _silence()
        return 130
    except OSError as error:
        # Writing failed (a closed stdout, a full disk, /dev/full): the user's environment, not a bug.
        _tell(f"armsdeal: cannot write output: {error.strerror or error}")
        return 2
    except Exception as error:
        if was_interrupted():
            # Ctrl-C inside a library that wrapped the KeyboardInterrupt (pydantic's serializer does).
            _silence()
            return 130
        if os.environ.get("ARMSDEAL_DEBUG"):
            raise
        _tell(
            f"armsdeal: internal error: {type(error).__name__}: {error}\n"
            "armsdeal: this is a bug; set ARMSDEAL_DEBUG=1 for details and please report it"
        )
        return 2


class _ClosedStream(io.TextIOBase):
    """Stands for a standard stream that was closed before armsdeal started (`>&-`): every write fails."""

    def __init__(self, name: str) -> None:
        self._name = name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not text:
            return 0  # writing nothing is no error: a clean `check >&-` exits 0, as `export -o FILE >&-` does
        raise OSError(errno.EBADF, f"standard {self._name} is closed")

    def isatty(self) -> bool:
        return False


def _unknown_fast_paths(unknown: list[str], known: list[str]) -> str:
    from armsdeal.render.safe_text import clean

    names = ", ".join(repr(clean(name)) for name in unknown)
    return (
        f"armsdeal: ARMSDEAL_NO_FAST names no fast path {names}; the fast paths are: {', '.join(known)} (or 1 for all)"
    )


def _stand_in_for_closed_streams() -> None:
    """A closed fd 0, 1 or 2 gets /dev/null, so that no file opened later takes its number; writes still fail."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdout is None:
        sys.stdout = _ClosedStream("output")
    if sys.stderr is None:
        sys.stderr = _ClosedStream("error")


def _click_met_a_closed_pipe() -> bool:
    """Whether Click caught a write to a pipe whose reader left: it then wraps stdout (so that nothing more
    fails) and exits with 1, for every command that writes more than a pipe holds (`export ... | head`).
    By the wrapper's name: Typer carries its own copy of Click (typer._click) besides the click package."""
    return type(sys.stdout).__name__ == "PacifyFlushWrapper"


def _tell(message: str) -> None:
    """A last message on stderr, if stderr can still take one; then nothing more is written."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(message, file=sys.stderr, flush=True)
    _silence()


def _silence() -> None:
    # Output still buffered would be flushed at exit and fail again ("Exception ignored ..."):
    # point both streams at /dev/null, as the pipe's reader is gone or the stream is broken.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
                os.dup2(null, stream.fileno())
        os.close(null)
