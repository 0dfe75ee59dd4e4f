"""armsdeal: curated arms-deal timelines in YAML.

The first thing this package does, before any other statement of armsdeal runs, is to make
Ctrl-C end the `armsdeal` command with code 130 and no output: the command (scripts/armsdeal)
imports this package inside a guard that does the same, but the import of armsdeal.entry that
follows, and ``python -m armsdeal``, are outside it (docs/safety.md, "Streams and signals").
Only built-in and already loaded modules are used here. A program that imports armsdeal keeps its handler.
"""

import _signal  # type: ignore[import-not-found]  # built in: installing the handler costs no import
import os  # loaded at interpreter start-up, as is sys
import sys


def _exit_at_once(signum: int, frame: object) -> None:
    os._exit(130)  # start-up: nothing written, nothing to clean up


def _started_as_the_command() -> bool:
    """Whether this process is the `armsdeal` command (scripts/armsdeal or `python -m armsdeal`)."""
    main = getattr(sys.modules.get("__main__"), "__file__", None) or ""
    name = os.path.basename(main).lower()
    return name.startswith("armsdeal") or main.endswith(os.path.join("armsdeal", "__main__.py"))


if _started_as_the_command():
    _signal.signal(_signal.SIGINT, _exit_at_once)

__version__ = "0.1.0"
