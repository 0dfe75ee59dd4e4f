"""curate/canonical.py: fmt's layout written straight from data is exactly what fmt makes of it (issue 33).

The writer of new files (cli/editing.py ``checked_new``) skips fmt's round trip for a text that
``canonical_text`` gives for the data armsdeal reads in it; that is right only if every text
``canonical_text`` gives is fmt's fixed point, which these tests show over the importer's output
and over generated data with the text fmt quotes, folds or leaves to its own path.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from armsdeal.cli.editing import checked_new
from armsdeal.curate.canonical import canonical_text
from armsdeal.curate.fmt import format_text
from armsdeal.importers.sipri import read_register
from armsdeal.read.stage import parse_bytes

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.register import register_csv

DATA = Path(__file__).resolve().parents[1] / "data" / "sipri"
TRICKY = [
    "Radar",
    "S-400",
    "Côte d'Ivoire",
    "it's",
    'say "yes"',
    "ON",
    "no",
    "1:30",
    "2019-04-01",
    "~",
    "null",
    "0o17",
    "1e3",
    "True",
    "a: b",
    "x #y",
    "#tag",
    "- dash",
    "[list]",
    "{map}",
    "a, b",
    "@at",
    "`tick",
    "*star",
    "&amp",
    "!bang",
    "%pct",
    "|pipe",
    ">gt",
    "?q",
    " lead",
    "trail ",
    "",
    "1974",
    "1974~",
    "12",
    "Россия",
    "tab\there",
    "back\\slash",
    "zero-width\u200bspace",
    "two\nlines",
    "ends\n",
]


def _readings(text: str) -> list[Any]:
    raw = text.encode("utf-8")
    return [parse_bytes(raw, "t.yaml").data, yaml.load(raw, Loader=yaml.CSafeLoader), YAML(typ="safe").load(raw)]


def test_the_importers_output_is_fmts_fixed_point() -> None:
    registers = [path.read_bytes() for path in sorted(DATA.glob("*.csv"))]
    registers.append(register_csv(300, seed=7).encode("utf-8"))
    checked = 0
    for raw in registers:
        for skeleton in read_register(raw, "register.csv", today=date(2025, 3, 10)).skeletons:
            data = parse_bytes(skeleton.yaml.encode("utf-8"), "t.yaml").data
            text = canonical_text(data)
            assert text == skeleton.yaml, "the importer writes canonical.py's text"
            assert format_text(text, "t.yaml") == text
            checked += 1
    assert checked > 300


words = st.one_of(st.sampled_from(TRICKY), st.text(min_size=1, max_size=12))
prose = st.one_of(
    words,
    st.lists(
        st.sampled_from(["word", "longer-word", "it's", "a: b", "x", "1974", "Côte"]), min_size=5, max_size=60
    ).map(" ".join),
    st.lists(st.sampled_from(["line one", "SIPRI status: New.", "it's", "x"]), min_size=2, max_size=4).map("\n".join),
)
ids = st.sampled_from(["a", "b", "turkey", "no", "y", "1974", "viet-nam"])


@st.composite
def timelines(draw: Any) -> dict[str, Any]:
    count = st.fixed_dictionaries(
        {"count": st.integers(0, 10**6), "unit": words}, optional={"approximate": st.booleans(), "note": prose}
    )
    actor = st.fixed_dictionaries(
        {"name": words, "kind": st.sampled_from(["state", "organisation"])}, optional={"note": prose}
    )
    event = st.fixed_dictionaries(
        {
            "id": ids,
            "date": st.sampled_from(["2019", "2019-05", "2020-01-02", "2021~", "1974"]),
            "type": st.sampled_from(["contract", "delivery"]),
            "title": words,
        },
        optional={"actors": st.lists(ids, min_size=1, max_size=3), "quantity": count, "note": prose, "status": words},
    )
    data: dict[str, Any] = {
        "id": draw(ids),
        "title": draw(words),
        "summary": draw(prose),
        "deal": draw(
            st.fixed_dictionaries(
                {"supplier": ids, "recipient": ids, "system": words}, optional={"ordered": count, "note": prose}
            )
        ),
        "actors": draw(st.dictionaries(ids, actor, min_size=1, max_size=3)),
        "sources": {"s": draw(st.fixed_dictionaries({"publisher": words, "title": words}, optional={"note": prose}))},
        "events": draw(st.lists(event, min_size=1, max_size=4)),
    }
    keys = list(data)
    order = draw(st.permutations(keys))
    return {key: data[key] for key in order}


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(timelines())
def test_canonical_text_is_fmts_fixed_point_and_holds_the_data(data: dict[str, Any]) -> None:
    text = canonical_text(data)
    if text is None:
        return  # left to fmt's own path
    assert format_text(text, "t.yaml") == text
    armsdeal, pyyaml, ruamel = _readings(text)
    assert armsdeal["events"] and armsdeal["id"] == data["id"]
    assert {key: armsdeal[key] for key in data if key != "events"} == {k: v for k, v in data.items() if k != "events"}
    assert sorted(map(_key, armsdeal["events"])) == sorted(map(_key, data["events"]))
    assert pyyaml["title"] == ruamel["title"] == data["title"]


def _key(event: dict[str, Any]) -> str:
    return json.dumps(event, sort_keys=True)


def test_what_it_cannot_lay_out_is_left_to_fmt() -> None:
    base = {"id": "t", "title": "T", "events": [{"id": "e", "date": "2019", "type": "contract", "title": "E"}]}
    assert canonical_text(base) is not None
    for odd in (
        {**base, "title": None},
        {**base, "title": 1.5},
        {**base, "title": "tab\x07bell"},
        {**base, "events": []},
        {**base, "events": [{"id": "e", "date": "not a date"}]},
        {**base, "deal": {"ordered": {"count": 1, "unit": {"nested": "x"}}, "x": [[1]]}},
        {**base, "summary": "ends with a break\n"},
        {**base, "summary": "x" * 2000},
    ):
        assert canonical_text(odd) is None
    assert canonical_text([]) is None


def test_the_writer_lays_out_other_text_with_fmt() -> None:
    commented = "# a header\nid: t\ntitle: T\nevents:\n  - {id: e, date: '2019', type: contract, title: E}\n"
    written = checked_new(commented, "t.yaml")
    assert written == format_text(commented, "t.yaml")
    assert written.startswith("# a header\n")
    flow = "{id: t, title: T, events: [{id: e, date: '2019', type: contract, title: E}]}\n"
    assert (
        checked_new(flow, "t.yaml")
        == format_text(flow, "t.yaml")
        == canonical_text(parse_bytes(flow.encode(), "t").data)
    )


@given(st.one_of(st.sampled_from(TRICKY), st.text(st.characters(max_codepoint=127)), st.text(max_size=8)))
def test_the_quick_analysis_of_plain_text_is_ruamels(value: str) -> None:
    from armsdeal.curate.canonical import _ANALYSER, _simple_analysis

    quick = _simple_analysis(value)
    if quick is None:
        return
    slow = _ANALYSER.analyze_scalar(value)
    fields = ("empty", "multiline", "allow_flow_plain", "allow_block_plain", "allow_single_quoted")
    assert [getattr(quick, name) for name in (*fields, "allow_double_quoted", "allow_block")] == [
        getattr(slow, name) for name in (*fields, "allow_double_quoted", "allow_block")
    ]


def test_the_quick_analysis_takes_the_common_text_and_leaves_the_rest() -> None:
    from armsdeal.curate.canonical import _simple_analysis

    for common in ("Turkey", "S-400 Triumf", "it's", "1974", "a, b", "per unit 64; for the total order 4096.", "x#y"):
        assert _simple_analysis(common) is not None, common
    for other in ("", " lead", "trail ", "a: b", "x #y", "ends:", "- dash", "#tag", "Côte", "tab\there", "{map}"):
        assert _simple_analysis(other) is None, other
