"""Ctrl-C during start-up (issue 27, defect 12): the handler is in place before armsdeal imports anything.

Importing armsdeal.entry, the console script's first import of ours, installs the handler that ends
the process with 130 and no output, before its own imports (signal alone imports enum), when the
process is the `armsdeal` command; a test or program that imports armsdeal keeps its own handler.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PROBE = """
import sys
import _signal
import armsdeal.entry
handler = _signal.getsignal(_signal.SIGINT)
print(handler is armsdeal.entry._exit_at_once)
"""


def run_as(script: Path) -> str:
    script.write_text(PROBE, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_the_command_has_the_handler_as_soon_as_entry_is_imported(tmp_path: Path) -> None:
    assert run_as(tmp_path / "armsdeal") == "True"


def test_another_program_importing_armsdeal_keeps_its_handler(tmp_path: Path) -> None:
    assert run_as(tmp_path / "program.py") == "False"


PACKAGE_ONLY = """
import sys
import _signal
before = set(sys.modules)
import armsdeal
print(_signal.getsignal(_signal.SIGINT) is armsdeal._exit_at_once, sorted(set(sys.modules) - before - {"armsdeal"}))
"""


def test_the_package_installs_the_handler_first_and_imports_nothing(tmp_path: Path) -> None:
    """The console script's first line of ours is `from armsdeal.entry import main`: the package runs before entry."""
    script = tmp_path / "armsdeal"
    script.write_text(PACKAGE_ONLY, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True []"
