"""The places the streamed build records (read/streamed.py) are the node tree's, for every key path;
a fast file's problems placed again (check/validate.py) are the located loader's.

``Document.locate`` of a streamed file walks the recorded places; before, it composed
the node tree again and walked that. Both walks must give the same line and column
for every path a problem can name: every key and item of the data, keys that are not
there, indexes out of range, a key below a scalar, ``at_key``, keys that are not text
(numbers, booleans, null, text that looks like a date), and, for a file the streamed
build leaves (duplicate keys, two keys written alike), the composed path as before.
The facts `check` keeps of a file (check/facts.py) are compared the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, TIMELINES, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsdeal.check import validate
from armsdeal.check.facts import facts_of
from armsdeal.check.validate import Validated, validate_document
from armsdeal.core.problems import MAX_PER_RULE, Problem, Severity
from armsdeal.read.located import Document
from armsdeal.read.stage import parse_bytes

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate

# Tests of the fast paths themselves: run with them on (tests/conftest.py).
pytestmark = pytest.mark.fast_paths


def key_paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into ``value`` by its data keys and indexes, and paths that lead nowhere from each node."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from key_paths(item, (*prefix, key))
        yield from ((*prefix, "no-such-key"), (*prefix, 0), (*prefix, "no-such-key", 0), (*prefix, None))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from key_paths(item, (*prefix, index))
        yield from ((*prefix, len(value)), (*prefix, -1), (*prefix, "0"), (*prefix, True), (*prefix, False, "x"))
    else:
        yield from ((*prefix, "below-a-scalar"), (*prefix, 0, "x"))


def the_tree_s(document: Document) -> Document:
    """The same file located as before: its node tree composed from the same text."""
    tree = Document(document.path, document.data)
    tree._source = document._source
    assert tree.root is not None
    return tree


def assert_places_are_the_tree_s(raw: bytes) -> Document:
    document = parse_bytes(raw, "x.yaml")
    if document._source is None or document.data is None:
        return document  # not YAML (or an alias): nothing to locate
    tree = the_tree_s(document)
    for path in key_paths(document.data):
        for at_key in (False, True):
            assert document.locate(path, at_key=at_key) == tree.locate(path, at_key=at_key), (path, at_key)
    assert document._root is None or document.places is None  # located without composing the tree
    if document.places is not None:
        placed, composed = facts_of(document), facts_of(tree)
        assert placed == composed
        if placed is not None and composed is not None:
            assert (placed.sources, placed.events) == (composed.sources, composed.events)
    return document


def test_every_place_of_the_shipped_timelines() -> None:
    paths = sorted(TIMELINES.glob("*.yaml"))
    assert paths
    for path in paths:
        assert assert_places_are_the_tree_s(path.read_bytes()).places is not None


def test_every_place_of_the_test_data() -> None:
    paths = sorted((ROOT / "tests" / "data").rglob("*.yaml"))
    assert len(paths) > 20
    streamed = 0
    for path in paths:
        streamed += assert_places_are_the_tree_s(path.read_bytes()).places is not None
    assert streamed > 10


def test_every_place_of_a_generated_collection_with_errors(tmp_path: Path) -> None:
    generate.collection(tmp_path, files=30, events=15, error_share=0.3)
    for path in sorted(tmp_path.glob("*.yaml")):
        assert_places_are_the_tree_s(path.read_bytes())


@pytest.mark.parametrize("error", sorted(generate.ERRORS))
def test_every_place_of_a_timeline_with_each_generated_error(error: str) -> None:
    data = generate.timeline("deal", 12)
    assert_places_are_the_tree_s(generate._text_with_error("deal", data, error).encode("utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "1: a\n'1': b\ntrue: c\n'true': d\n",  # written alike: left to the node tree
        "'1': b\n1: a\n",
        "a: {1: x, '1': y}\n",
        "a: 1\na: 2\nb: {c: 1, c: 2}\n",  # duplicates: the first of them
        "1: a\n2: b\ntrue: c\nnull: d\n~: e\n1.5: f\n2017-09-12: g\n0x1F: h\n",
        "? a\n: 1\n? b\n",
        "- a\n- [b, {c: d}]\n- {e: [f, g]}\n",
        "just text\n",
        "a:\nb: ~\nc: ''\n",
        "a: |\n  x\n  y\nb: >-\n  z\n\nc: [1,\n  2]\n",
        "events:\n  - id: x\n    date: 2017\n  - date: 2018\n  - [a]\n  - 5\n"
        "sources: {s: {url: u}, 1: {url: v}, 0x2: {url: w}, t: 3}\n",
        "a: &x 1\nb: *x\n",
        "k: " + "[" * 150 + "]" * 150 + "\n",
        "a: 'ünïcödé', b: 1\n",
        "a: {x: 'ünïcödé', y: 1}\n",
    ],
)
def test_every_place_of_edge_cases(text: str) -> None:
    assert_places_are_the_tree_s(text.encode("utf-8"))


def test_keys_written_alike_leave_the_file_to_the_node_tree() -> None:
    document = parse_bytes(b"1: a\n'1': b\n", "x.yaml")
    assert document.data == {1: "a", "1": "b"} and document.places is None
    assert document.locate((1,)) == document.locate(("1",)) == (1, 4)


_scalars = st.one_of(
    st.text(max_size=8),
    st.integers(min_value=-(2**63 - 1), max_value=2**63 - 1),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.sampled_from(["2017-09-12", "NO", "012", "0x1F", "~", "", "1", "true", "null", "events", "id", "- x", "a: b"]),
)
_keys = st.one_of(st.text(max_size=6), st.sampled_from(["1", "true", "2017-09-12", "id", "date"]), _scalars)
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_data, st.sampled_from([True, False, None]), st.sampled_from([None, "'", '"', "|"]))
def test_every_place_of_hypothesis_made_documents(value: Any, flow: bool | None, style: str | None) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, default_style=style, allow_unicode=True, width=30)
    assert_places_are_the_tree_s(text.encode("utf-8"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 8), st.integers(0, 2**32 - 1), st.sampled_from([*sorted(generate.ERRORS), None]))
def test_every_place_of_hypothesis_made_timelines(events: int, seed: int, error: str | None) -> None:
    data = generate.timeline("deal", events, seed=seed)
    text = generate.dump(data) if error is None else generate._text_with_error("deal", data, error)
    assert_places_are_the_tree_s(text.encode("utf-8"))


# ---------------------------------------------------------------- a fast file's problems, placed again

# check/validate.read_and_validate: a file the fast path read and found a problem in is read by the located
# loader for its places and validated again. The problems (and the model) must be those of validating the
# located loader's document alone. (A twin that placed the fast path's problems without validating again was
# retired in issue 25: it saved about 1%.)


def located_only(raw: bytes, stem: str, ignore: frozenset[str] = frozenset()) -> Validated:
    return validate_document(parse_bytes(raw, f"{stem}.yaml"), today=TODAY, file_stem=stem, ignore=ignore)


def assert_placed_as_validated(raw: bytes, stem: str = "deal", ignore: frozenset[str] = frozenset()) -> list[Problem]:
    """``read_and_validate``'s problems and model are the located loader's."""
    expected = located_only(raw, stem, ignore)
    _document, validated = validate.read_and_validate(raw, f"{stem}.yaml", today=TODAY, file_stem=stem, ignore=ignore)
    assert validated.problems == expected.problems
    assert validated.timeline == expected.timeline
    return validated.problems


@pytest.mark.parametrize("error", sorted(generate.ERRORS))
def test_each_generated_error_is_placed_as_the_located_loader_places_it(error: str) -> None:
    raw = generate._text_with_error("deal", generate.timeline("deal", 12), error).encode("utf-8")
    problems = assert_placed_as_validated(raw)
    assert problems and all(problem.line > 0 for problem in problems)


def test_more_problems_of_a_rule_than_are_listed_are_validated_again() -> None:
    data = generate.timeline("deal", 3)
    for index in range(MAX_PER_RULE + 20):
        data[f"unknown{index:03d}"] = "x"
    problems = assert_placed_as_validated(generate.dump(data).encode("utf-8"))
    assert any(problem.omitted for problem in problems)


def test_problems_found_out_of_their_order_in_the_file_are_listed_in_it() -> None:
    data = generate.timeline("deal", 6)
    for event in (data["events"][0], data["events"][-1]):
        event["sources"] = [*event["sources"], "no-such-source"]
        event["status"] = "claimed"
        event.pop("claimed_by", None)
    problems = assert_placed_as_validated(generate.dump(data).encode("utf-8"))
    rules = [problem.rule for problem in problems]
    assert rules.count("undefined-source") == rules.count("claim-without-claimant") == 2
    assert rules != sorted(rules)  # by place, not by rule: the order in which they were found


def test_more_problems_of_a_rule_than_are_listed_in_another_order_than_the_file_s() -> None:
    data = generate.timeline("deal", 3)
    template = data["events"][0]
    # `note` written before `title`: the schema reports an event's title first. 102 problems: which 100 are
    # listed, and where the "and 2 more" line stands, depends on their places.
    data["events"] = [
        {"id": f"e{index}", "date": template["date"], "type": template["type"], "note": ["n"], "title": ["t"]}
        for index in range(51)
    ]
    problems = assert_placed_as_validated(generate.dump(data).encode("utf-8"))
    assert [problem.omitted for problem in problems if problem.omitted] == [2]


def test_a_file_with_only_a_warning_or_an_ignored_rule_is_placed_too() -> None:
    data = generate.timeline("deal", 4)
    events = data["events"]
    events[0], events[-1] = events[-1], events[0]  # listed out of date order: a warning
    raw = generate.dump(data).encode("utf-8")
    problems = assert_placed_as_validated(raw)
    assert problems and all(problem.severity is Severity.WARNING for problem in problems)
    data["events"][2]["type"] = "purchase"
    raw = generate.dump(data).encode("utf-8")
    assert assert_placed_as_validated(raw, ignore=frozenset({"invalid-value"})) == []  # the rules need a model
    assert assert_placed_as_validated(raw, ignore=frozenset({"events-out-of-order"}))
    assert assert_placed_as_validated(raw, stem="other-name")


_edits = st.lists(
    st.tuples(
        st.integers(0, 30),
        st.sampled_from(["id", "date", "type", "status", "title", "sources", "actors", "claimed_by", "note", "sorces"]),
        st.one_of(
            st.none(),
            st.sampled_from(["2019-13-01", "Bad_Id", "purchase", "claimed", "", "x", "2099-01-01", "1990/2000"]),
            st.integers(-3, 3),
            st.lists(st.sampled_from(["no-such", "s1", "a"]), max_size=2),
        ),
    ),
    max_size=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 12), st.integers(0, 1000), _edits, st.sampled_from(["deal", "other"]))
def test_hypothesis_made_mistakes_are_placed_as_the_located_loader_places_them(
    events: int, seed: int, edits: list[tuple[int, str, Any]], stem: str
) -> None:
    data = generate.timeline("deal", events, seed=seed)
    for index, key, value in edits:
        event = data["events"][index % len(data["events"])]
        if value is None and index % 2:
            event.pop(key, None)
        else:
            event[key] = value
    assert_placed_as_validated(generate.dump(data).encode("utf-8"), stem)


def test_a_file_without_places_answers_unlocated_and_a_located_one_never_does() -> None:
    from armsdeal.read.located import UnlocatedDocument
    from armsdeal.read.places import UNLOCATED

    assert UnlocatedDocument("a.yaml", {"id": "a"}).locate(("id",)) is UNLOCATED
    assert not UNLOCATED.located
    placed = parse_bytes(b"id: a\nrelated: [b]\n", "a.yaml")
    assert placed.locate(("related", 0)) == (2, 11) and placed.locate(("related", 0)).located
    assert placed.locate(("missing",), at_key=True).located  # at the mapping that should hold it
