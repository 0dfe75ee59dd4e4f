"""The loader's fast construction (performance) builds exactly what PyYAML's generic construction builds."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from conftest import DATA, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from armsdeal.core.problems import Problem
from armsdeal.read import located
from armsdeal.read.located import Document, _may_hold_anchor
from armsdeal.read.stage import parse_bytes
from armsdeal.read.yamlloader import MAX_DEPTH, TimelineLoader

# Tests of the fast paths themselves: run with them on (tests/conftest.py).
pytestmark = pytest.mark.fast_paths


def generic(text: str) -> tuple[Any, list[str]]:
    """PyYAML's own construction with the same loader (resolvers, duplicate keys)."""
    loader = TimelineLoader(text)
    try:
        node = loader.get_single_node()
        data = yaml.constructor.BaseConstructor.construct_document(loader, node)
        return data, sorted(key for _node, key in loader.duplicate_keys)
    finally:
        loader.dispose()


def fast(text: str) -> tuple[Any, list[str]]:
    document = parse_bytes(text.encode("utf-8"), "x.yaml")
    # Problems are reported sorted by place, so the order in which duplicates are met does not matter.
    duplicates = sorted(p.message.split("'")[1] for p in document.problems if p.rule == "duplicate-key")
    return document.data, duplicates


scalars = st.one_of(
    st.text(max_size=12),
    # Larger whole numbers are a number-too-large problem in both constructions (tests/project/test_resources.py).
    st.integers(min_value=-(2**63 - 1), max_value=2**63 - 1),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.sampled_from(["2017-09-12", "NO", "012", "0x1F", "~", ""]),
)
data = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(data, st.sampled_from([True, False, None]))
def test_any_data_is_built_as_pyyaml_builds_it(value: Any, flow: bool | None) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    assert fast(text) == generic(text)


# Tags outside the core schema (!!set, !!timestamp, ...) are refused: tests/read/test_loader.py.
@pytest.mark.parametrize(
    "text",
    [
        "- !!str 12\n- 012\n- 0x1F\n- .inf\n- ~\n- NO\n- 2017-09-12\n",
        "a: !!int '7'\n",
        "? !!null\n: 1\n",
        "<<: {a: 1}\n",
        "a: 1\nb: {c: 2, c: 3}\na: 4\n",
    ],
)
def test_tags_and_duplicate_keys(text: str) -> None:
    assert fast(text) == generic(text)


def test_nesting_to_the_depth_limit_still_reports_duplicates() -> None:
    # Deeper than MAX_DEPTH is a too-deep problem (tests/cli/test_depth.py): Python's stack is never reached.
    depth = MAX_DEPTH - 2
    text = "k: " + "[" * depth + "{a: 1, a: 2}" + "]" * depth + "\n"
    value, duplicates = fast(text)
    assert duplicates == ["a"]
    value = value["k"]
    for _ in range(depth):
        value = value[0]
    assert value == {"a": 1}


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "&x a: 1\n",
        "--- &x\na: 1\n",
        "- [&x 1, *x]\n",
        "{a: &x 1, b: *x}\n",
        '{"a":&x 1}\n',
        "a:\n- &x 1\n- *x\n",
        "? &x a\n: *x\n",
    ],
)
def test_anchors_and_aliases_anywhere_are_refused(text: str) -> None:
    assert "yaml-alias" in [p.rule for p in parse_bytes(text.encode("utf-8"), "x.yaml").problems]


def test_ampersands_and_asterisks_in_text_are_text() -> None:
    text = "publisher: Winston & Strawn\nurl: https://example.org/?a=1&b=2\nnote: 5*3 is R&D\n"
    document = parse_bytes(text.encode("utf-8"), "x.yaml")
    assert document.problems == []
    assert document.data["publisher"] == "Winston & Strawn"


def test_text_without_ampersand_or_asterisk_never_runs_the_anchor_regex(monkeypatch: pytest.MonkeyPatch) -> None:
    class Refuse:
        def search(self, text: str) -> None:
            raise AssertionError("the anchor regex ran")

    monkeypatch.setattr(located, "_MAYBE_ANCHOR", Refuse())
    assert parse_bytes(b"id: a\ntitle: Plain text, no anchors\n", "x.yaml").problems == []


@pytest.mark.parametrize("text", ["publisher: Winston & Strawn\n", "note: 5 * 3\n", "- a & b\n"])
def test_a_spaced_ampersand_or_asterisk_does_not_cost_a_second_parse(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    def refuse(text: str, document: object) -> bool:
        raise AssertionError("the event scan ran")

    monkeypatch.setattr(located, "_refuse_aliases", refuse)
    assert parse_bytes(text.encode("utf-8"), "x.yaml").problems == []


@pytest.mark.parametrize("text", ["a: & b\n", "a: * b\n", "- &\n"])
def test_a_nameless_anchor_where_a_node_starts_is_still_a_located_syntax_error(text: str) -> None:
    assert [p.rule for p in parse_bytes(text.encode("utf-8"), "x.yaml").problems] == ["yaml-syntax"]


SUITE = DATA / "yaml-test-suite"


def test_every_anchor_of_the_yaml_test_suite_is_seen_by_the_quick_test() -> None:
    """The loader skips the anchor scan for text where no anchor can start: never for a real one."""
    anchored = 0
    for path in sorted(SUITE.glob("*.yaml")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        if _has_anchor_or_alias(text):
            anchored += 1
            assert _may_hold_anchor(text), path.name
    assert anchored > 20


def _has_anchor_or_alias(text: str) -> bool:
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return True
    except yaml.YAMLError:
        pass
    return False


# --- the streamed build (no node tree) against the composed one ---------------------------


def composed(text: str) -> tuple[Any, list[Problem]]:
    document = Document("x.yaml")
    located.compose(text, document)
    return document.data, document.problems


def streamed(text: str) -> tuple[Any, list[Problem]]:
    document = parse_bytes(text.encode("utf-8"), "x.yaml")
    return document.data, document.problems


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 and True and 1.0 are equal in Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return (
            list(a) == list(b)
            and all(same(x, y) for x, y in zip(a, b, strict=True))
            and all(same(a[k], b[k]) for k in a)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a != a:
        return b != b
    return bool(a == b)


def assert_streamed_as_composed(text: str) -> None:
    (data, problems), (expected_data, expected_problems) = streamed(text), composed(text)
    assert same(data, expected_data)
    assert problems == expected_problems


@settings(max_examples=300, deadline=None)
@given(data, st.sampled_from([True, False, None]))
def test_the_streamed_build_gives_the_composed_data(value: Any, flow: bool | None) -> None:
    assert_streamed_as_composed(yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "just text\n",
        "- a\n- 1\n",
        "a: 1\n---\nb: 2\n",
        "a: !!str 12\nb: !!int '7'\nc: !!float 1\nd: !!binary aGk=\ne: !foo x\n",
        "a: !!int abc\n",
        "!!map {a: 1}\n",
        "? [a]\n: 1\n",
        "a: 1\na: 2\n",
        "a: {b: 1, b: 2}\n",
        "1: a\n'1': b\ntrue: c\n",
        "a: &x 1\nb: *x\n",
        "a: [1, 2\n",
        "a: b: c\n",
        "a: 012\nb: 0o17\nc: 1_000\nd: 0x1F\ne: .inf\nf: -.INF\ng: .nan\nh: NO\ni: ~\nj: 2017-09-12\n",
        "a: 1\x07\n",
        "k: " + "[" * 150 + "]" * 150 + "\n",
    ],
)
def test_the_streamed_build_gives_the_composed_data_and_problems(text: str) -> None:
    assert_streamed_as_composed(text)


def test_the_streamed_build_reads_the_yaml_test_suite_as_the_composed_one() -> None:
    for path in sorted(SUITE.glob("*.yaml")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        assert_streamed_as_composed(text)


def test_the_streamed_build_reads_the_shipped_timelines_as_the_composed_one() -> None:
    paths = sorted((ROOT / "timelines").glob("*.yaml"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert_streamed_as_composed(text)
        assert streamed(text)[1] == []


def test_places_of_top_level_fields_are_the_node_tree_s() -> None:
    text = "id: a\ntitle: 'T'\nrelated:\n  - b\n  - {c: 1}\n  - d\nevents:\n  - x: 1\n"
    document = parse_bytes(text.encode("utf-8"), "x.yaml")
    paths: list[tuple[str | int, ...]] = [
        ("id",),
        ("title",),
        ("nosuch",),
        ("related", 0),
        ("related", 1),
        ("related", 2),
    ]
    paths += [("related", 9), ("events", 0), ("events", 0, "x"), ("id", 0), ()]
    answers = [(document.locate(p), document.locate(p, at_key=True)) for p in paths]
    tree = Document("x.yaml")
    located.compose(text, tree)
    assert answers == [(tree.locate(p), tree.locate(p, at_key=True)) for p in paths]


def test_a_streamed_file_places_every_node_without_the_node_tree() -> None:
    document = parse_bytes(b"id: a\nevents:\n  - {x: 1}\n", "x.yaml")
    assert document.locate(("id",)) == (1, 5)
    assert document.locate(("events", 0, "x")) == (3, 9)
    assert document.locate(("events", 0, "x"), at_key=True) == (3, 6)
    assert document._root is None and document.places is not None


def test_a_shallow_file_keeps_no_node_tree_and_a_deep_problem_composes_it_once() -> None:
    document = parse_bytes(b"id: a\nevents:\n  - {x: 1}\n", "x.yaml", deep=False)
    assert document._root is None and document.places is None
    assert document.locate(("id",)) == (1, 5)
    assert document._root is None  # a top-level field is placed without the tree
    assert document.locate(("events", 0, "x")) == (3, 9)
    assert document._root is not None
    document.release()
    assert document._root is None
