"""`check FILE` reads the timelines beside FILE for their facts only, through the fast path where it can.

The files beside a checked file (its neighbours) are members of the collection
for the rules across it (check/rules/collection.py). They are read by yaml-rs
when the fast path vouches for their data, every place (0, 0), and by the
located loader when a finding names a place in one of them (or the fast path
leaves the file). The invariant: checking a file gives the same problems,
places and exit code as when every neighbour is read by the located loader, as
before. Here on the generated collection of tests/check/test_collection_facts.py
(conflicting events and sources, one-way relations, files that are no timeline)
with neighbours added that the fast path must leave or read alike: a YAML error,
a duplicate key, a byte-order mark, a flow collection as a key, sources keyed
by numbers, deep nesting, a path with a space, and a file read in pieces.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import invoke
from hypothesis import given
from hypothesis import strategies as st
from test_collection_facts import SHARED_URLS, collection

from armsdeal.check.facts import facts_of, facts_of_data
from armsdeal.check.rules import collection as rules
from armsdeal.check.runner import check_paths
from armsdeal.read import fast as fastload
from armsdeal.read.located import UnlocatedDocument

# Tests of the fast paths themselves: run with them on (tests/conftest.py).
pytestmark = pytest.mark.fast_paths

TODAY = date(2026, 11, 30)


def _source(url: str, publisher: str) -> dict[str, Any]:
    return {"publisher": publisher, "title": "A different title", "url": url, "date": "1999"}


def _event(event_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": event_id, "date": 1990, "type": "delivery", "title": "T", "sources": ["s"]} | fields


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _add_neighbours(folder: Path) -> None:
    """Neighbours the fast path must leave to the located loader, or read as it does; each would conflict."""
    shared = _source(SHARED_URLS[1], "Nobody")
    base = {"title": "T", "related": ["deal-00", "deal-05"], "sources": {"s": shared}}
    events = [_event("shared-0", status="reported"), _event("shared-1", same_as="deal-01/shared-2")]
    (folder / "dup-key.yaml").write_text(_dump({"id": "dup-key", **base, "events": events}) + "title: again\n")
    (folder / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + _dump({"id": "bom", **base, "events": events}).encode())
    flow = _dump({"id": "flow-key", **base, "events": events}) + "extra: {a, [b]}\n"
    (folder / "flow-key.yaml").write_text(flow)
    numbered = _dump({"id": "numbered", **base, "events": events}).replace("  s:\n", "  0x1:\n", 1)
    numbered += f"more:\n  1.50: {{url: '{SHARED_URLS[2]}', publisher: Odd}}\n"
    (folder / "numbered.yaml").write_text(numbered)
    deep: Any = "bottom"
    for _ in range(60):
        deep = [deep]
    (folder / "deep.yaml").write_text(_dump({"id": "deep", **base, "events": events, "deep": deep}))
    (folder / "with space.yaml").write_text(_dump({"id": "with-space", **base, "events": events}))
    # Large enough to be read in pieces (read/fast.py), its first event in conflict.
    rng = random.Random(3)
    many = [_event("shared-2", status="reported")] + [
        _event(f"e{index}", date=rng.randint(1950, 2020), note="x" * rng.randint(0, 200)) for index in range(3000)
    ]
    big = _dump({"id": "big", **base, "events": many})
    assert len(big) >= fastload._PIECES_FROM and fastload.fast_data(big.encode()).pieces is not None  # type: ignore[union-attr]
    (folder / "big.yaml").write_text(big)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("neighbours") / "timelines"
    folder.mkdir()
    collection(folder)
    _add_neighbours(folder)
    return folder


@pytest.fixture
def located_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The neighbours read by the located loader because a finding named a place in them."""
    calls: list[str] = []
    neighbour = rules.neighbour

    def noted(path: Path, *, located: bool = False) -> rules.Member | None:
        if located:
            calls.append(path.name)
        return neighbour(path, located=located)

    monkeypatch.setattr(rules, "neighbour", noted)
    return calls


def _checked(paths: list[Path]) -> tuple[list[str], int]:
    run = check_paths(paths, today=TODAY)
    return [str(problem) for problem in run.problems], run.exit_code()


@pytest.mark.slow
def test_checking_some_files_reads_the_others_alike(
    folder: Path, monkeypatch: pytest.MonkeyPatch, located_calls: list[str]
) -> None:
    """Files alone (the added ones, every third generated one), and a few together: the same problems
    whether neighbours go fast or not."""
    added = ("dup-key", "bom", "flow-key", "numbered", "deep", "with space", "big")
    alone = [path for path in sorted(folder.glob("*.yaml")) if path.stem in added] + sorted(folder.glob("*.yaml"))[::3]
    targets = [[path] for path in alone] + [
        [folder / "deal-00.yaml", folder / "deal-01.yaml"],
        [folder / "more" / "twin.yaml", folder / "deal-03.yaml"],
        [folder / "more" / "beside.yaml"],
    ]
    fast = [_checked(paths) for paths in targets]
    monkeypatch.setenv("ARMSDEAL_NO_FAST", "neighbours")
    located = [_checked(paths) for paths in targets]
    for paths, got, expected in zip(targets, fast, located, strict=True):
        assert got == expected, paths
    # The comparison covers findings that name a neighbour's place, fast neighbours located again for them.
    problems = "\n".join(line for lines, _ in located for line in lines)
    assert all(f"{name}:" in problems for name in ("dup-key.yaml", "bom.yaml", "with space.yaml", "big.yaml"))
    assert {"source-conflict", "event-conflict", "related-one-way"} <= {
        line.split("[", 1)[1].split("]", 1)[0] for line in problems.splitlines()
    }
    assert {"with space.yaml", "big.yaml", "deal-01.yaml"} <= set(located_calls)
    # Those the fast path leaves were read by the located loader in the first place (and named all the same).
    assert not {"dup-key.yaml", "bom.yaml", "flow-key.yaml", "numbered.yaml", "deep.yaml"} & set(located_calls)


def test_a_neighbour_is_read_fast_unless_a_place_in_it_is_named(tmp_path: Path, located_calls: list[str]) -> None:
    first = {"id": "a", "title": "T", "related": ["b"], "sources": {"s": _source(SHARED_URLS[0], "P")}}
    first["events"] = [_event("e")]
    second = {"id": "b", "title": "T", "related": ["a"], "sources": {"s": _source(SHARED_URLS[0], "P")}}
    second["events"] = [_event("e")]
    third = {"id": "c", "title": "T", "sources": {"s": _source(SHARED_URLS[0], "Q")}, "events": [_event("e")]}
    for data in (first, second, third):
        (tmp_path / f"{data['id']}.yaml").write_text(_dump(data))
    problems, code = _checked([tmp_path / "a.yaml"])
    # c cites the URL otherwise: named with its place, so c alone is read again with places.
    assert code == 1
    assert problems == [
        f"{tmp_path}/a.yaml:9:10: error [source-conflict] source 's' ({SHARED_URLS[0]}): "
        f"publisher 'P' where {tmp_path}/c.yaml:7:10 has 'Q'"
    ]
    # Once: a, read fast, is read again to place its own problem, and the rules run again over the
    # files beside as they were read the first time.
    assert located_calls == ["c.yaml"]


def test_the_cli_says_the_same(folder: Path, monkeypatch: pytest.MonkeyPatch, runner: Any) -> None:
    target = str(folder / "deal-01.yaml")
    fast = invoke(runner, "check", "--format", "text", target)
    monkeypatch.setenv("ARMSDEAL_NO_FAST", "neighbours")
    located = invoke(runner, "check", "--format", "text", target)
    assert (fast.stdout, fast.exit_code) == (located.stdout, located.exit_code)
    assert fast.exit_code == 1 and ":0:0" not in fast.stdout


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("a: 1\n", True),
        ("a: {b: [c, {d: e}]}\n", True),
        ("a: {b, [c]}\n", False),  # a tuple key to yaml-rs, an error to libyaml
        ("a: " + "[" * 60 + "x" + "]" * 60 + "\n", False),
        ("a: " + "[" * 40 + "x" + "]" * 40 + "\n", True),
        ("a: 1\na: 2\n", False),
        ("- a\n", False),
    ],
)
def test_plain_data(text: str, plain: bool) -> None:
    data = fastload.plain_data(text.encode())
    assert (data is not None) == plain
    if plain:
        assert data == yaml.safe_load(text)


scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
fields = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=5) | values,
        "url": st.text(max_size=9) | values,
        "date": values,
        "status": values,
        "type": values,
        "note": values,
        "same_as": values,
        "publisher": values,
        "title": values,
    },
)


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "sources": st.dictionaries(st.text(max_size=4) | st.integers(), fields | values, max_size=4) | values,
            "events": st.lists(fields | values, max_size=5) | values,
        },
    )
)
def test_facts_of_data_are_those_of_the_data_without_places(data: dict[str, Any]) -> None:
    """facts_of_data (a neighbour's facts, packed by column) against facts_of's facts without places."""
    expected = facts_of(UnlocatedDocument("x.yaml", data))
    got = facts_of_data(data)
    assert expected is not None
    assert (got, got.links, got.sources, got.events) == (expected, expected.links, expected.sources, expected.events)


def test_facts_of_data_of_the_collection(folder: Path) -> None:
    compared = 0
    for path in sorted(folder.rglob("*.yaml")):
        data = fastload.plain_data(path.read_bytes())
        if data is not None:
            expected = facts_of(UnlocatedDocument(str(path), data))
            assert facts_of_data(data) == expected and expected is not None
            compared += 1
    assert compared >= 40
