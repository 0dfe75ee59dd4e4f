"""The armsdeal command's process settings (armsdeal/runtime.py), which the benchmarks rely on."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

import armsdeal.cli as cli
import armsdeal.cli.app
from armsdeal.core.runtime import GC_THRESHOLDS


def test_the_command_collects_cyclic_garbage_rarely(monkeypatch: pytest.MonkeyPatch) -> None:
    """Default thresholds made loading a 10,000-event file 2.5 times slower (docs/performance-history.md)."""
    monkeypatch.setattr(armsdeal.cli.app, "app", lambda: None)
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        cli.main()
        assert gc.get_threshold() == GC_THRESHOLDS
    finally:
        gc.set_threshold(*before)


def test_importing_armsdeal_leaves_the_collector_alone() -> None:
    """A program that uses armsdeal as a library keeps its own settings."""
    code = (
        "import gc; t = gc.get_threshold(); import armsdeal.cli, armsdeal.check.validate;"
        " assert gc.get_threshold() == t"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
