"""Ctrl-C during start-up: how installed `armsdeal` commands end when SIGINT comes after a delay.

python -m benchmarks.sigint BIN [BIN...] [--runs 100] [--shortest 5] [--longest 300]

Each BIN (an installed `armsdeal` script, or any command line in quotes) runs `show turkey-s400
--no-pager` and `--help` at each of --runs delays spread evenly from --shortest to --longest ms,
the BINs alternated at the same delays so that the machine's load falls on each alike. Each run is
counted as exit 130, killed by SIGINT (-2: the interpreter had no handler yet, nothing is printed),
finished (exit 0, before the signal), a traceback on stderr (counted by its first and last frames), or other.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

COMMANDS = (["show", "turkey-s400", "--no-pager"], ["--help"])
FATAL = re.compile(r"^Fatal Python error: (\w+)", re.MULTILINE)  # init_sys_streams, init_import_site
FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<function>\S+)', re.MULTILINE)


def run_once(command: list[str], delay: float, env: dict[str, str]) -> tuple[int, str]:
    """Start the command, send SIGINT after `delay` seconds, return its exit code and stderr."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr.decode("utf-8", "replace")


def classify(code: int, stderr: str, script: str) -> str:
    if "Traceback" in stderr or "KeyboardInterrupt" in stderr:
        return "traceback " + where(stderr, os.path.basename(script))
    if code == 130:
        return "exit 130" + (" + output" if stderr.strip() else "")
    if code == -signal.SIGINT:
        return "killed by SIGINT"
    if code == 0:
        return "finished before the signal"
    return f"other: exit {code} {stderr.strip()[:60]}"


def where(stderr: str, script: str) -> str:
    """Which part of the start-up a traceback comes from: a line of the script, or the interpreter's own.

    Before the script's first line, the interpreter reports a Ctrl-C itself: a fatal error while
    it starts (its streams, `site`), an "Exception ignored" or "Failed checking if argv[0] is an
    import path entry" after which the command carries on, or a traceback at the script's line 0
    (the signal came while the script was read and compiled).
    """
    frames = FRAME.findall(stderr)
    last = f"{os.path.basename(frames[-1][0])}:{frames[-1][1]} {frames[-1][2]}" if frames else "-"
    script_lines = [line for file, line, _ in frames if os.path.basename(file) == script and line != "0"]
    if script_lines:
        return f"at the script's line {script_lines[0]}, last frame {last}"
    fatal = FATAL.search(stderr)
    if fatal:
        reported = f"fatal error {fatal.group(1)}"
    elif frames and os.path.basename(frames[0][0]) == script:
        reported = "the script's line 0"
    else:
        reported = stderr.strip().splitlines()[0][:40]
    return f"in the interpreter's start-up ({reported}), last frame {last}"


def delays(runs: int, shortest: float, longest: float) -> list[float]:
    step = (longest - shortest) / max(runs - 1, 1)
    return [(shortest + i * step) / 1000 for i in range(runs)]


Counts = dict[tuple[str, str], collections.Counter[str]]


def measure(bins: list[str], runs: int, shortest: float, longest: float) -> Counts:
    counts: Counts = collections.defaultdict(collections.Counter)
    with tempfile.TemporaryDirectory(prefix="sigint-cache-") as cache:
        env = {**os.environ, "ARMSDEAL_CACHE_DIR": cache}
        for delay in delays(runs, shortest, longest):
            for arguments in COMMANDS:
                for binary in bins:
                    code, stderr = run_once([*shlex.split(binary), *arguments], delay, env)
                    counts[binary, arguments[0]][classify(code, stderr, shlex.split(binary)[-1])] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bins", nargs="+")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--shortest", type=float, default=5.0, help="ms")
    parser.add_argument("--longest", type=float, default=300.0, help="ms")
    arguments = parser.parse_args()
    counts = measure(arguments.bins, arguments.runs, arguments.shortest, arguments.longest)
    for (binary, command), outcomes in counts.items():
        print(f"{binary} {command}:")
        for outcome, count in outcomes.most_common():
            print(f"  {count:4d}  {outcome}")
        origins = collections.Counter[str]()
        for outcome, count in outcomes.items():
            origins[outcome.split(", last frame")[0].split(" (")[0]] += count
        print("  in all: " + ", ".join(f"{count} {origin}" for origin, count in origins.most_common()))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
