"""A generated git history for `armsdeal log` and `show --at` (issue 31), and its loading floor.

python -m benchmarks.history load FILE   # every committed revision of FILE read and loaded once (the floor)

``history(directory, commits=..., events=...)`` makes a repository whose one timeline
has ``events`` events and ``commits`` commits, each changing a few events (statuses
and notes), with ``git fast-import`` (one process, however many commits).
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks import generate

MANIFEST = "history.json"
VERSION = 1
# Events changed per commit.
CHANGED = 3
_STATUSES = ("reported", "confirmed")


def history(directory: Path, *, commits: int, events: int, seed: int = 0) -> Path:
    """The timeline file of a repository with `commits` commits to it (reused when already made)."""
    timeline_id = f"history-{events}"
    file = directory / "timelines" / f"{timeline_id}.yaml"
    params = {"version": VERSION, "commits": commits, "events": events, "seed": seed}
    manifest = directory / MANIFEST
    if manifest.is_file() and json.loads(manifest.read_text(encoding="utf-8")) == params and file.is_file():
        return file
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(directory)], check=True)
    data = generate.timeline(timeline_id, events, seed=seed)
    rng = random.Random(f"{seed}:history")
    stream = b"".join(_commit(number, _revised(data, rng, number), timeline_id) for number in range(commits))
    subprocess.run(["git", "-C", str(directory), "fast-import", "--quiet"], input=stream, check=True)
    subprocess.run(["git", "-C", str(directory), "checkout", "-q", "-f", "main"], check=True)
    manifest.write_text(json.dumps(params), encoding="utf-8")
    return file


def _revised(data: dict[str, Any], rng: random.Random, number: int) -> dict[str, Any]:
    """The next revision: a few events with another status or a note revised (the first commit adds it as made)."""
    if number == 0:
        return data
    events = data["events"]
    for index in rng.sample(range(len(events)), min(CHANGED, len(events))):
        event = events[index]
        if event.get("status", "reported") in _STATUSES and rng.random() < 0.5:
            event["status"] = _STATUSES[1 - _STATUSES.index(event.get("status", "reported"))]
        else:
            event["note"] = f"Revised in commit {number} after new reporting."
    return data


def _commit(number: int, data: dict[str, Any], timeline_id: str) -> bytes:
    content = generate.dump(copy.deepcopy(data)).encode("utf-8")
    message = f"Revision {number} of {timeline_id}".encode()
    stamp = 1_700_000_000 + number * 3600
    parts = [
        b"blob\nmark :%d\ndata %d\n" % (2 * number + 1, len(content)) + content + b"\n",
        b"commit refs/heads/main\nmark :%d\n" % (2 * number + 2),
        b"committer Bench <bench@example.org> %d +0000\n" % stamp,
        b"data %d\n" % len(message) + message + b"\n",
        b"from :%d\n" % (2 * number) if number else b"",
        b"M 100644 :%d timelines/%s.yaml\n\n" % (2 * number + 1, timeline_id.encode()),
    ]
    return b"".join(parts)


def load_every_revision(file: Path) -> int:
    """Read each committed revision of the file and load it as armsdeal loads a file: the floor of `log`."""
    from armsdeal.check.validate import parse_timeline
    from armsdeal.core.runtime import tune_gc

    tune_gc()
    folder = file.parent.parent  # the repository history() made: timelines/ at its top
    path = f"timelines/{file.name}"
    shas = subprocess.run(
        ["git", "-C", str(folder), "rev-list", "HEAD", "--", path], capture_output=True, check=True, text=True
    ).stdout.split()
    names = "".join(f"{sha}:{path}\n" for sha in shas).encode()
    out = subprocess.run(
        ["git", "-C", str(folder), "cat-file", "--batch"], input=names, capture_output=True, check=True
    )
    blobs, at = out.stdout, 0
    for _ in shas:
        header_end = blobs.index(b"\n", at)
        size = int(blobs[at:header_end].split()[2])
        parse_timeline(blobs[header_end + 1 : header_end + 1 + size], path)
        at = header_end + 1 + size + 1
    return len(shas)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "load":
        print(__doc__, file=sys.stderr)
        return 2
    load_every_revision(Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
