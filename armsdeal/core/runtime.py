"""Settings for the processes armsdeal runs itself (the command line, the checker's workers).

Not applied on import: a program that uses armsdeal as a library keeps its own settings.
"""

from __future__ import annotations

import gc
from typing import Protocol

# Loading a timeline builds hundreds of thousands of small objects that all stay
# alive. With CPython's default thresholds (700, 10, 10) the cyclic collector
# traverses them again and again, which made loading a 10,000-event file about
# 2.5 times slower (docs/performance-history.md). Timelines hold no reference cycles, so
# collecting rarely costs nothing; the thresholds are of the order mypy uses.
GC_THRESHOLDS = (100_000, 50, 100)


def tune_gc() -> None:
    """Collect cyclic garbage rarely: armsdeal's data is acyclic and its processes are short."""
    gc.set_threshold(*GC_THRESHOLDS)


class CompiledStore(Protocol):
    """Where a process keeps what it compiled for the next (core/compiled.py): text files by name."""

    def read(self, name: str) -> str | None: ...

    def write(self, name: str, text: str) -> None: ...


_compiled_store: CompiledStore | None = None


def keep_compiled(store: CompiledStore | None) -> None:
    """Keep compiled validators in ``store`` (the command line gives its cache folder); None: keep nothing."""
    global _compiled_store
    _compiled_store = store


def compiled_store() -> CompiledStore | None:
    """Where compiled validators are kept in this process, if anywhere."""
    return _compiled_store
