"""The command line: `armsdeal show`, `list`, ... (see app.py for the shared parts)."""

from __future__ import annotations

import os
import sys

from armsdeal.cli import check as _check  # noqa: F401
from armsdeal.cli import compare as _compare  # noqa: F401
from armsdeal.cli import diff as _diff  # noqa: F401
from armsdeal.cli import export as _export  # noqa: F401
from armsdeal.cli import search as _search  # noqa: F401
from armsdeal.cli import show as _show  # noqa: F401  (registers the commands)
from armsdeal.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point: run the app; no traceback ever reaches a user."""
    from armsdeal.core.runtime import tune_gc

    tune_gc()  # a whole process of ours: see runtime.py
    try:
        app()
    except BrokenPipeError:
        # `armsdeal show x | head`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as error:
        # Writing the output failed (a full disk, /dev/full): the user's environment, not a bug.
        print(f"armsdeal: cannot write output: {error.strerror or error}", file=sys.stderr)
        sys.exit(2)
    except Exception as error:
        if os.environ.get("ARMSDEAL_DEBUG"):
            raise
        print(f"armsdeal: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        print("armsdeal: this is a bug; set ARMSDEAL_DEBUG=1 for details and please report it", file=sys.stderr)
        sys.exit(2)
