"""Settings for the processes armsdeal runs itself (the command line, the checker's workers).

Not applied on import: a program that uses armsdeal as a library keeps its own settings.
"""

from __future__ import annotations

import gc

# Loading a timeline builds hundreds of thousands of small objects that all stay
# alive. With CPython's default thresholds (700, 10, 10) the cyclic collector
# traverses them again and again, which made loading a 10,000-event file about
# 2.5 times slower (docs/performance-history.md). Timelines hold no reference cycles, so
# collecting rarely costs nothing; the thresholds are of the order mypy uses.
GC_THRESHOLDS = (100_000, 50, 100)


def tune_gc() -> None:
    """Collect cyclic garbage rarely: armsdeal's data is acyclic and its processes are short."""
    gc.set_threshold(*GC_THRESHOLDS)
