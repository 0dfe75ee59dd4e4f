"""SIGINT to `armsdeal check` alone while its worker pool runs: exit 130, one quiet end, never a hang.

A terminal's Ctrl-C signals the whole process group; a CI runner cancelling a job, or `kill -INT`,
signals the main process alone, and the workers go on. The new-user trial saw a traceback from
concurrent.futures' own thread in about half such runs, and once a hang of over ten minutes.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TIMELINES

from armsdeal.check.runner import PARALLEL_THRESHOLD

COMMAND = Path(sys.executable).parent / "armsdeal"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many") / "timelines"
    folder.mkdir()
    text = (TIMELINES / "turkey-s400.yaml").read_text(encoding="utf-8")
    for number in range(PARALLEL_THRESHOLD * 12):  # a pool's worth, well over a megabyte
        (folder / f"deal-{number}.yaml").write_text(text.replace("id: turkey-s400", f"id: deal-{number}", 1))
    return folder


@pytest.mark.slow
@pytest.mark.skipif(not COMMAND.exists(), reason="the console script is installed by pip install -e")
@pytest.mark.parametrize("delay", [0.2, 0.3, 0.4, 0.5])
def test_sigint_to_the_main_process_alone_ends_it_quietly(many: Path, delay: float) -> None:
    process = subprocess.Popen(
        [str(COMMAND), "check", str(many)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("check did not end after SIGINT")
    if process.returncode == 0:
        pytest.skip("the check ended before the signal")  # a fast machine: nothing was interrupted
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "Exception in thread" not in stderr, stderr
