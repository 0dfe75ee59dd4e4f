"""The benchmark generator and runner at a tiny size: they work, and the data they make is what they claim.

No timing is asserted here: benchmarks/run.py measures, docs/performance.md reports.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, TODAY, invoke

from armsdeal.core.model import Actor, Deal, Event, Money, Quantity, Source, Timeline
from armsdeal.core.vocabulary import ActorKind, DealStatus, EventStatus, EventType

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate, run

pytestmark = pytest.mark.slow

PROBLEM = re.compile(r"^(?P<path>.+?):\d+:\d+: (?P<severity>error|warning) \[(?P<rule>[a-z-]+)\]")


def _check(runner: Any, *paths: Path) -> tuple[int, list[tuple[str, str]]]:
    result = invoke(runner, "check", "--color", "never", *map(str, paths))
    problems = [(Path(m["path"]).name, m["rule"]) for m in map(PROBLEM.match, result.stdout.splitlines()) if m]
    return result.exit_code, problems


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = generate.collection(tmp_path / "a", files=4, events=12, error_share=0.5)
    second = generate.collection(tmp_path / "b", files=4, events=12, error_share=0.5)
    assert [p.read_bytes() for p in first.files] == [p.read_bytes() for p in second.files]
    assert first.errors == second.errors
    other_seed = generate.collection(tmp_path / "c", files=4, events=12, error_share=0.5, seed=1)
    assert [p.read_bytes() for p in other_seed.files] != [p.read_bytes() for p in first.files]


def test_a_smaller_collection_is_the_start_of_a_larger_one(tmp_path: Path) -> None:
    """The scaling benchmark compares 100 files with 1,000: the 100 must be the same files."""
    small = generate.collection(tmp_path / "small", files=4, events=8, error_share=0.34)
    large = generate.collection(tmp_path / "large", files=10, events=8, error_share=0.34)
    assert [p.read_bytes() for p in small.files] == [p.read_bytes() for p in large.files[:4]]


def test_valid_files_pass_check_without_any_problem(runner: Any, tmp_path: Path) -> None:
    made = generate.collection(tmp_path, files=6, events=25)
    code, problems = _check(runner, tmp_path)
    assert (code, problems) == (0, [])
    assert made.errors == {}


def test_each_error_file_breaks_exactly_the_rule_it_names(runner: Any, tmp_path: Path) -> None:
    made = generate.collection(tmp_path, files=len(generate.ERRORS), events=6, error_share=1.0)
    code, problems = _check(runner, tmp_path)
    assert code == 1
    assert sorted(problems) == sorted(made.errors.items())
    assert set(made.errors.values()) == {error.rule for error in generate.ERRORS.values()}


def test_error_share_is_spread_evenly(tmp_path: Path) -> None:
    made = generate.collection(tmp_path, files=20, events=3, error_share=0.25)
    assert len(made.errors) == 5
    assert sorted(made.errors) == [f"{generate.file_id(i)}.yaml" for i in (3, 7, 11, 15, 19)]


def _keys(value: Any, into: dict[str, set[str]], kind: str) -> None:
    into.setdefault(kind, set()).update(value)


def test_every_field_and_every_value_of_the_vocabularies_is_used() -> None:
    used: dict[str, set[str]] = {}
    values: dict[str, set[str]] = {"type": set(), "status": set(), "kind": set(), "deal": set()}
    dates: list[str] = []
    for index in range(40):
        data = generate.timeline(generate.file_id(index), 20, related=["deal-00000"])
        _keys(data, used, "timeline")
        _keys(data["deal"], used, "deal")
        _keys(data["deal"]["ordered"], used, "quantity")
        _keys(data["deal"]["value"], used, "money")
        values["deal"].add(data["deal"]["status"])
        for actor in data["actors"].values():
            _keys(actor, used, "actor")
            values["kind"].add(actor["kind"])
        for source in data["sources"].values():
            _keys(source, used, "source")
        for event in data["events"]:
            _keys(event, used, "event")
            values["type"].add(event["type"])
            values["status"].add(event.get("status", "confirmed"))
            dates.append(str(event["date"]))
    models = {
        "timeline": Timeline,
        "deal": Deal,
        "quantity": Quantity,
        "money": Money,
        "actor": Actor,
        "source": Source,
        "event": Event,
    }
    for kind, model in models.items():
        assert used[kind] == set(model.model_fields), kind
    assert values == {
        "type": set(EventType),
        # Every status but expected: the generated events are all past, where expected-passed warns.
        "status": set(EventStatus) - {EventStatus.EXPECTED},
        "kind": set(ActorKind),
        # Every generated deal starts with a contract or an agreement, which its status never falls behind
        # (status-contradicted): announced and negotiating are left to the hand-written data.
        "deal": set(DealStatus) - {DealStatus.ANNOUNCED, DealStatus.NEGOTIATING},
    }
    # Every EDTF form of docs/format.md: day, month, year, qualifiers, intervals, open ends.
    for pattern in (
        r"\d{4}-\d\d-\d\d",
        r"\d{4}-\d\d",
        r"\d{4}",
        r".*~",
        r".*\?",
        r".*%",
        r"\S+/\S+",
        r".+/\.\.",
        r"\.\./.+",
    ):
        assert any(re.fullmatch(pattern, text) for text in dates), pattern


def test_a_revised_timeline_is_valid_and_differs(runner: Any, tmp_path: Path) -> None:
    old, new = generate.pair(tmp_path, events=60)
    assert _check(runner, old) == (0, [])
    assert _check(runner, new) == (0, [])
    result = invoke(runner, "diff", "--format", "json", str(old), str(new))
    assert result.exit_code == 1, result.stderr


def test_a_missing_command_gets_a_cell_and_its_budgets_do_not_hold() -> None:
    missing = run.Command("diff", "armsdeal diff", ["armsdeal", "diff"], missing="command not available")
    measured = run.measure([missing], runs=1, cwd=ROOT, log=lambda _message: None)
    text = run.table([("diff", measured)])
    assert "| armsdeal diff | command not available |" in text
    budgets, all_hold = run.budgets(measured)
    assert "| diff vs loading the two files | command not available | <= 2 | n/a |" in budgets
    assert not all_hold


@pytest.mark.parametrize("argv", [[sys.executable, "-c", "import sys; sys.exit(3)"]])
def test_an_unexpected_exit_code_is_reported_not_timed(argv: list[str]) -> None:
    failing = run.Command("check", "armsdeal check", argv)
    measured = run.measure([failing], runs=2, cwd=ROOT, log=lambda _message: None)
    assert measured["check"].failure == "exit code 3"
    assert measured["check"].median is None


def test_the_file_full_of_problems_holds_exactly_that_many_and_its_twin_none(tmp_path: Path) -> None:
    from armsdeal.check.runner import check_paths
    from armsdeal.core.problems import Severity

    bad, good = generate.many_problems(tmp_path, size=60_000, problems=3_000)
    assert check_paths([bad], today=TODAY).count(Severity.ERROR) == 3_000
    assert check_paths([good], today=TODAY).problems == []
    assert abs(bad.stat().st_size - 60_000) < 6_000 and abs(good.stat().st_size - 60_000) < 6_000
    assert generate.many_problems(tmp_path, size=60_000, problems=3_000) == (bad, good)  # reused


def test_a_register_collection_is_what_import_sipri_writes_and_is_deterministic(runner: Any, tmp_path: Path) -> None:
    from benchmarks import register

    small = register.collection(tmp_path / "small", files=12)
    large = register.collection(tmp_path / "large", files=30)
    again = register.collection(tmp_path / "again", files=30)
    assert [p.read_bytes() for p in large.files] == [p.read_bytes() for p in again.files]
    assert [p.read_bytes() for p in small.files] == [p.read_bytes() for p in large.files[:12]]
    other_seed = register.collection(tmp_path / "seed", files=12, seed=1)
    assert [p.read_bytes() for p in other_seed.files] != [p.read_bytes() for p in small.files]
    counts = [len(yaml.safe_load(p.read_text(encoding="utf-8"))["events"]) for p in large.files]
    assert min(counts) >= 2 and max(counts) <= 8 and len(set(counts)) > 3
    assert len({p.name for p in large.files}) == 30
    assert _check(runner, large.directory) == (0, [])
    # The importer writes the same files from the same register.
    csv = tmp_path / "trade-register.csv"
    csv.write_text(register.register_csv(12), encoding="utf-8")
    result = invoke(runner, "import", "sipri", str(csv), "-o", str(tmp_path / "imported"))
    assert result.exit_code == 0, result.stderr
    imported = sorted((tmp_path / "imported").glob("*.yaml"))
    assert [p.read_bytes() for p in imported] == [p.read_bytes() for p in sorted(small.files)]
    assert register.collection(tmp_path / "small", files=12).files == small.files  # reused


def test_the_history_is_the_commits_asked_for_and_log_reads_every_one(runner: Any, tmp_path: Path) -> None:
    from benchmarks import history

    file = history.history(tmp_path / "h", commits=5, events=6)
    assert history.load_every_revision(file) == 5
    result = invoke(runner, "log", str(file), "--oneline", "--color", "never")
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and "timeline added, 6 events" in lines[-1]
    assert all("did not pass" not in line and "changed" in line for line in lines[:-1])
    assert history.history(tmp_path / "h", commits=5, events=6) == file  # reused


def test_the_runner_produces_the_table_at_smoke_size(tmp_path: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--smoke",
            "--no-install",
            "--out",
            str(tmp_path / "data"),
            "--report",
            str(tmp_path / "report.md"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert completed.stdout.strip() == report.strip()
    rows = [line for line in report.splitlines() if line.startswith("| ") and "---" not in line]
    labels = {cell.strip() for row in rows for cell in row.strip().strip("|").split("|")[:2]}
    for expected in (
        "armsdeal check (20 files)",
        "armsdeal check (2 files)",
        "libyaml floor (20 files)",
        "armsdeal check of one file of a folder (2 files)",
        "armsdeal check of that file alone",
        "armsdeal show turkey-s400 (cache miss: --no-cache)",
        "armsdeal show turkey-s400 (cache hit)",
        "bare Typer app, one command",
        "armsdeal --help",
        "check vs yamllint",
        "show turkey-s400, cache miss, vs bare Typer app",
        "show turkey-s400, cache hit, vs bare Typer app",
        "show of the large timeline vs loading it",
        "peak memory of show / file size",
        "peak memory of check / file size",
        "peak memory of export / file size",
        "peak memory of JSON export / file size",
        "diff vs loading the two files",
        "SVG export vs loading the file",
        "HTML export vs loading the file",
        "parsing dates: with the new forms vs before",
        "armsdeal check (600 problems)",
        "armsdeal show (600 problems)",
        "check of a file full of problems vs loading a valid one",
        "show of a file full of problems vs loading a valid one",
        "armsdeal links (100 URLs, 5 hosts)",
        "lychee, armsdeal's limits (100 URLs, 5 hosts)",
        "links vs lychee with the same limits",
        "armsdeal log (6 commits)",
        "armsdeal log --oneline (6 commits)",
        "armsdeal show --at HEAD~3",
        "log vs loading every revision once, CPU",
        "show --at REV vs a plain show, CPU",
        "armsdeal list --no-cache (10 files)",
        "armsdeal search rafale (10 files)",
        "armsdeal check DIR/one-file.yaml (10 files)",
        "armsdeal check of a register file alone",
        "armsdeal show ONE --no-cache (10 files)",
        "armsdeal show ONE --no-cache (1-file folder)",
        "armsdeal export --all -o all.db (10 files)",
        "armsdeal check DIR (10 files)",
        "armsdeal check DIR after changing one file (an event's id), index warm (10 files)",
        "armsdeal check DIR after changing one file's title (no fact across files), index warm (10 files)",
        "libyaml floor: parse every file (10 files)",
        "yaml-rs floor: parse every file (10 files)",
        "grep -ril rafale (10 files)",
        "armsdeal show ONE, cache hit (10 files)",
        "armsdeal export --all -o all.db, index built anew (10 files)",
        "armsdeal search rafale, index built anew (10 files)",
    ):
        assert expected in labels, expected
    assert "the failing URLs armsdeal and lychee report: the same" in report
    # Every measured row has a time (or says why not), and every budget row a verdict.
    for row in rows:
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if cells[0] in ("comparison", "budget"):
            continue
        if len(cells) == 8:
            assert re.fullmatch(r"\d+\.\d{3}|.*not (available|installed).*", cells[2]), row
        else:
            assert cells[3] in ("yes", "**no**", "n/a"), row


@pytest.mark.parametrize(("warms", "starts"), [(False, 1), (True, 2)])
def test_a_slow_warm_up_counts_unless_it_filled_what_the_row_measures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warms: bool, starts: int
) -> None:
    """A row measured warm whose warm-up is slow (building the index) is measured once more, not by it."""
    from benchmarks import run

    monkeypatch.setattr(run, "SLOW_SECONDS", -1.0)  # every run counts as slow
    tally = tmp_path / "tally"
    command = run.Command("row", "a row", ["sh", "-c", 'echo x >> "$0"', str(tally)], warms=warms)
    results = run.measure([command], runs=5, cwd=tmp_path, log=lambda _: None)
    assert len(tally.read_text().splitlines()) == starts
    assert len(results["row"].seconds) == 1 and results["row"].failure is None
