"""The importer's fast path `canonical-new` (importers/sipri.py ``_check_skeleton``; issue 33).

A skeleton whose text canonical.py wrote from its data, and which yaml-rs reads back as exactly that
data, is written without fmt's layout check and without PyYAML's and ruamel's readings of the
data-safety contract (cli/editing.py ``checked_new``). That is right only when such a text is what the
reference path writes and what all three readers read as the data; these tests show it over
importer-shaped rows (YAML 1.1 look-alikes, names in other scripts, long numbers, quotes), and that an
import writes the same bytes and says the same with the fast path on and off.
"""

from __future__ import annotations

import csv
import io
import pickle
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, ROOT, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

from armsdeal.cli.editing import checked_new
from armsdeal.curate.canonical import canonical_text
from armsdeal.curate.fmt import format_text
from armsdeal.curate.safety import same_data, verify_new
from armsdeal.importers.sipri import Plan, Register, Selection, make, plan_register, read_register
from armsdeal.read.stage import parse_bytes

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.register import _HEADER as HEADER
from benchmarks.register import register_csv

TODAY = date(2025, 3, 10)
# Text a YAML 1.1 reader takes for another type, text a YAML 1.2 reader does, indicators, other scripts.
LOOKALIKES = [
    *[
        "ON",
        "no",
        "Yes",
        "off",
        "y",
        "~",
        "null",
        "True",
        "1:30",
        "1_000",
        "0x1F",
        "0o17",
        "012",
        "1e3",
        ".inf",
        "2019-04-01",
        "1974",
        "=",
        "<<",
        "ends:",
    ],
    *["#tag", "[list]", "{map}", "it's", "@at", "*star", "&amp", "!bang", "%pct", "|pipe", ">gt", "?q"],
    *("a: b", "x #y", "- dash", "a, b", 'say "yes"', "Côte d'Ivoire"),
    *["Россия", "中国", "المغرب", "Ελλάδα", "Türkiye"],
    "9" * 30,
]
names = st.one_of(
    st.sampled_from(LOOKALIKES),
    st.lists(st.sampled_from(LOOKALIKES), min_size=2, max_size=3).map(" ".join),  # `1:30 land`
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20),
)
counts = st.one_of(st.just(""), st.integers(0, 10**9).map(str), st.sampled_from(["(4)", "12?", "007", "9" * 12]))
years = st.integers(1950, 2030).map(str)
deliveries = st.one_of(
    st.just(""),
    years,
    st.tuples(years, years).map(lambda pair: f"{min(pair)}-{min(int(min(pair)) + 3, int(max(pair)))}"),
    st.lists(years, min_size=1, max_size=3).map("; ".join),
)


@st.composite
def rows(draw: Any) -> list[str]:
    ordered = draw(counts)
    return [
        draw(names),
        draw(names),
        draw(st.one_of(years, st.just("(1999)"))),
        draw(st.sampled_from(["", "?"])),
        ordered,
        "",
        draw(names),
        draw(st.one_of(st.just(""), names)),
        draw(st.one_of(st.just(ordered), counts)),
        "",
        draw(deliveries),
        draw(st.sampled_from(["", "New", "Second hand", "no"])),
        draw(st.one_of(st.just(""), names, st.lists(names, min_size=2, max_size=30).map(" ".join))),
        draw(st.one_of(st.just(""), counts, names)),
        draw(counts),
        draw(counts),
    ]


def register(body: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([["Trade register"], ["Information generated: 10 March 2025"], [], HEADER, *body])
    return out.getvalue().encode("utf-8")


def _readings(text: str) -> list[Any]:
    raw = text.encode("utf-8")
    return [parse_bytes(raw, "t.yaml").data, yaml.load(raw, Loader=yaml.CSafeLoader), YAML(typ="safe").load(raw)]


def assert_proven_right(raw: bytes) -> int:
    """Every proven skeleton of a register is what the reference writer writes and reads the same everywhere."""
    proven = 0
    for skeleton in read_register(raw, "r.csv", today=TODAY).skeletons:
        if not skeleton.proven:
            continue
        proven += 1
        text = skeleton.yaml
        armsdeal, pyyaml, ruamel = _readings(text)
        assert same_data(armsdeal, pyyaml) and same_data(armsdeal, ruamel), text
        assert canonical_text(armsdeal) == text
        assert format_text(text, "t.yaml") == text  # fmt's fixed point
        verify_new(text.encode("utf-8"), "t.yaml")  # the contract's own check passes
        assert checked_new(text, "t.yaml") == text  # the reference path writes the same bytes
    return proven


@pytest.mark.slow
@pytest.mark.fast_paths
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(rows(), min_size=1, max_size=4))
def test_a_proven_skeleton_reads_as_its_data_in_every_reader_and_is_fmts_fixed_point(body: list[list[str]]) -> None:
    assert_proven_right(register(body))


@pytest.mark.fast_paths
def test_the_lookalikes_and_other_scripts_are_proven_and_read_the_same_everywhere() -> None:
    body = []
    for index, word in enumerate(LOOKALIKES):
        other = LOOKALIKES[-1 - index]
        body.append(
            [
                f"{word} land",
                f"{other} state",
                "2001",
                "",
                "9" * 9,
                "",
                word,
                other,
                "3",
                "",
                "2002-2004",
                word,
                f"{word} {other}",
                word,
                "1" * 18,
                "",
            ]
        )
        body.append([word, other, "1999", "?", "4", "", f"{word}-{other}", word, "", "", "", "", other, "", "", ""])
    proven = assert_proven_right(register(body))
    assert proven > len(LOOKALIKES), "the fast path is taken for such rows"


@pytest.mark.fast_paths
def test_the_benchmark_register_is_proven_row_by_row() -> None:
    raw = register_csv(300, seed=3).encode("utf-8")
    assert assert_proven_right(raw) == 300


def _import(tmp_path: Path, name: str, csv_path: Path, switch: str) -> tuple[int, str, str, dict[str, bytes]]:
    runner = CliRunner(env={"ARMSDEAL_NO_FAST": switch, "NO_COLOR": "1"})
    out = tmp_path / name
    result = invoke(runner, "import", "sipri", str(csv_path), "-o", str(out))
    files = {path.name: path.read_bytes() for path in sorted(out.glob("*.yaml"))}
    return result.exit_code, result.stdout.replace(str(out), "OUT"), result.stderr.replace(str(out), "OUT"), files


@pytest.mark.parametrize("rows_in_register", [0, 600])  # 600: made and checked in worker processes
def test_an_import_writes_the_same_bytes_and_says_the_same_with_the_fast_path_off(
    tmp_path: Path, rows_in_register: int
) -> None:
    tricky = [
        [word, LOOKALIKES[-1 - index], "2001", "", "4", "", word, "", "", "", "2003", "", "", "", "", ""]
        for index, word in enumerate(LOOKALIKES)
    ]
    broken = [["Turkey", "Turkey", "2001", "", "4", "", "X", "", "", "", "", "", "", "", "", ""]]
    text = register(tricky + broken).decode("utf-8")
    if rows_in_register:
        text += register_csv(rows_in_register, seed=5).split("\n", 5)[5]  # its rows after its header
    csv_path = tmp_path / "register.csv"
    csv_path.write_text(text, encoding="utf-8")
    on = _import(tmp_path, "on", csv_path, "")
    off = _import(tmp_path, "off", csv_path, "canonical-new")
    assert on == off
    assert on[0] == 1 and len(on[3]) > len(LOOKALIKES) // 2 + rows_in_register


def test_the_fixtures_import_the_same_with_the_fast_path_off(tmp_path: Path) -> None:
    for csv_path in sorted((DATA / "sipri").glob("*.csv")):
        assert _import(tmp_path, f"on-{csv_path.stem}", csv_path, "") == _import(
            tmp_path, f"off-{csv_path.stem}", csv_path, "canonical-new"
        )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(rows(), min_size=1, max_size=4))
def test_a_planned_row_sent_to_a_worker_process_is_made_into_the_same_skeleton(body: list[list[str]]) -> None:
    # The pool of a large import pickles each planned row (importers/sipri.py _Compact says how).
    planned = plan_register(register(body), "r.csv", Register(), selection=Selection(), today=TODAY)
    for plan in (entry for entry in planned if isinstance(entry, Plan)):
        sent = pickle.loads(pickle.dumps(plan))
        assert sent == plan
        assert type(sent.row.cells["recipient"]) is type(plan.row.cells["recipient"])
        assert make(sent) == make(plan)
