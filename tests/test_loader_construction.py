"""The loader's fast construction (performance) builds exactly what PyYAML's generic construction builds."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from armsdeal.core import loader
from armsdeal.core.loader import _may_hold_anchor, _TimelineLoader, parse_bytes


def generic(text: str) -> tuple[Any, list[str]]:
    """PyYAML's own construction with the same loader (resolvers, duplicate keys)."""
    loader = _TimelineLoader(text)
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
    # Larger whole numbers are a number-too-large problem in both constructions (tests/test_resources.py).
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


# Tags outside the core schema (!!set, !!timestamp, ...) are refused: tests/test_loader.py.
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


def test_nesting_deeper_than_the_stack_falls_back_and_still_reports_duplicates() -> None:
    depth = 700
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

    monkeypatch.setattr(loader, "_MAYBE_ANCHOR", Refuse())
    assert parse_bytes(b"id: a\ntitle: Plain text, no anchors\n", "x.yaml").problems == []


@pytest.mark.parametrize("text", ["publisher: Winston & Strawn\n", "note: 5 * 3\n", "- a & b\n"])
def test_a_spaced_ampersand_or_asterisk_does_not_cost_a_second_parse(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    def refuse(text: str, document: object) -> bool:
        raise AssertionError("the event scan ran")

    monkeypatch.setattr(loader, "_refuse_aliases", refuse)
    assert parse_bytes(text.encode("utf-8"), "x.yaml").problems == []


@pytest.mark.parametrize("text", ["a: & b\n", "a: * b\n", "- &\n"])
def test_a_nameless_anchor_where_a_node_starts_is_still_a_located_syntax_error(text: str) -> None:
    assert [p.rule for p in parse_bytes(text.encode("utf-8"), "x.yaml").problems] == ["yaml-syntax"]


SUITE = ROOT.parent / "shared" / "corpora" / "yaml-test-suite"


@pytest.mark.skipif(not SUITE.is_dir(), reason=f"the YAML test suite corpus is not at {SUITE}")
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
