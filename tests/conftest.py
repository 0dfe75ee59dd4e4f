"""Shared fixtures: a CLI runner, a pinned console, paths to test data."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import settings
from rich.console import Console
from typer.testing import CliRunner

from armsdeal.render.theme import THEME

# No per-example deadline: a property test must fail on a wrong answer, not on a busy machine
# (CI shares two cores; a 200 ms deadline failed under load). Timing is the benchmarks' business.
settings.register_profile("armsdeal", deadline=None)
settings.load_profile("armsdeal")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
TIMELINES = ROOT / "timelines"
GOLDEN = DATA / "golden"
# The day tests check dates against: results must not depend on the clock.
TODAY = date(2026, 11, 30)


@pytest.fixture
def runner() -> CliRunner:
    # No colour and a fixed width, whatever the developer's terminal says.
    return CliRunner(
        env={
            "NO_COLOR": None,
            "FORCE_COLOR": None,
            "COLUMNS": "100",
            "ARMSDEAL_TIMELINES": None,
            "GITHUB_ACTIONS": None,
        }
    )


def pinned_console(*, color: bool = False, width: int = 100) -> Console:
    """A console whose output depends on nothing but the renderable (Rich's own test idiom)."""
    return Console(
        file=StringIO(),
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        theme=THEME,
        highlight=False,
        legacy_windows=False,
        _environ={},
    )


def render(renderable: object, *, color: bool = False, width: int = 100) -> str:
    console = pinned_console(color=color, width=width)
    console.print(renderable)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def draw(renderable: object, *, color: bool = False, width: int = 100) -> str:
    """What `show` writes: drawn without cropping (a URL is never cut) and without trailing spaces."""
    from armsdeal.cli.app import trim_trailing_spaces

    console = pinned_console(color=color, width=width)
    console.print(renderable, crop=False)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return trim_trailing_spaces(output)


@pytest.fixture
def write_timeline(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write YAML text to tmp_path/<name>.yaml and return the path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def update_golden(path: Path, text: str) -> None:
    """Golden files are rewritten with ARMSDEAL_UPDATE_GOLDEN=1 and then reviewed in git diff."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def assert_golden(name: str, text: str) -> None:
    import os

    path = GOLDEN / name
    if os.environ.get("ARMSDEAL_UPDATE_GOLDEN") or not path.exists():
        update_golden(path, text)
        if not os.environ.get("ARMSDEAL_UPDATE_GOLDEN"):
            pytest.fail(f"golden file {path} was missing and has been written; review and rerun")
    assert text == path.read_text(encoding="utf-8"), f"output differs from {path}"


def invoke(runner: CliRunner, *args: str, **kwargs: Any) -> Result:
    """Run the CLI in process. Exceptions are re-raised, never turned into an exit code.

    CliRunner's default turns any exception into exit 1, which is also what `check`
    says for "problems found": a crash would then pass as a result. Every CLI test
    goes through here so that a crash fails the test.
    """
    from armsdeal.cli.app import app

    kwargs.setdefault("catch_exceptions", False)
    if kwargs["catch_exceptions"]:
        raise ValueError("invoke() always re-raises; a test that expects a crash is testing the wrong thing")
    return runner.invoke(app, list(args), **kwargs)


# Commands run as processes by tests never read or fill the user's cache of views
# (tests/cli/test_cache.py turns it on where it is tested).
os.environ["ARMSDEAL_NO_CACHE"] = "1"
# The key that seals the collection indexes' rows (cli/index.py) is made in a state folder of the tests'.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="armsdeal-state-")


# The tests of a fast path itself (that it is taken, reads in pieces, keeps no places, ...) are marked
# `fast_paths` and run with every fast path on whatever ARMSDEAL_NO_FAST says; every other test gives the
# same result with the fast paths on or off (.ci/run runs a part of the suite with ARMSDEAL_NO_FAST=1).
_SWITCH = "ARMSDEAL_NO_FAST"
_switched: list[str | None] = []


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("fast_paths") is not None:
        _switched.append(os.environ.pop(_SWITCH, None))


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    if item.get_closest_marker("fast_paths") is not None and _switched:
        value = _switched.pop()
        if value is not None:
            os.environ[_SWITCH] = value


# Words of generated timelines (the collection index's tests): case pairs, casefold's ß/ss and ﬁ/fi,
# characters FTS5 or SQL would read as syntax, and a NUL.
WORDS = ("rafale", "RAFALE", "Straße", "strasse", "ﬁnal", "İzmir", "s-400", '"quoted"', "a*b", "50%", "x\x00y", "ok")
TAGS = ["rafale", "s-400", "strasse", "ok"]


def random_timeline(name: str, rng: Any, *, invalid: bool = False) -> str:
    """A valid timeline named ``name`` (an invalid one if asked), its words drawn by ``rng`` (random.Random)."""
    import json

    def text(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count))

    actors = {f"actor-{number}": text(1) for number in range(rng.randint(0, 3))}
    lines = [f"id: {name}", f"title: {json.dumps(text(3))}"]
    if actors:
        lines.append("actors:")
        lines.extend(f"  {key}: {{name: {json.dumps(value)}, kind: state}}" for key, value in actors.items())
    lines += [
        "sources:",
        "  s:",
        "    publisher: Example News",
        "    title: A report",
        "    url: https://example.org/1",
    ]
    lines.append("events:")
    for number in range(rng.randint(1, 4)):
        lines += [
            f"  - id: e{number}",
            f"    date: {rng.randint(1990, 2020)}" if not invalid else "    date: not-a-date",
            "    type: statement",
            f"    title: {json.dumps(text(2))}",
            "    sources: [s]",
            f"    note: {json.dumps(text(rng.randint(0, 4)))}",
            f"    tags: {json.dumps(rng.sample(TAGS, rng.randint(0, 2)))}",
            f"    actors: {json.dumps(rng.sample(sorted(actors), rng.randint(0, len(actors))))}",
        ]
    return "\n".join(lines) + "\n"
