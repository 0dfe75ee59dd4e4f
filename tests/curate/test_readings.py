"""curate/readings.py (the ``two-readings`` fast path): PyYAML's and ruamel's data from one walk of libyaml's events.

Wherever ``readings`` gives data, it must be, value for value and type for type, what PyYAML's
safe loader (YAML 1.1) and ruamel's safe loader with the YAML 1.2 table give (the contract's
readers, read here directly); where it cannot be sure it gives None and they read the text.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from armsdeal.curate.readings import readings
from armsdeal.curate.safety import _PyYAMLLoader, _typed, yaml12_resolver

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate

pytestmark = pytest.mark.fast_paths

FAILED = ("unreadable",)


def by_the_libraries(raw: bytes) -> tuple[Any, Any]:
    """The two readers of the contract, each building its data itself (typed; FAILED when it cannot read)."""
    try:
        old = _typed(yaml.load(raw, Loader=_PyYAMLLoader))
    except (yaml.YAMLError, ValueError, RecursionError):
        old = FAILED
    reader = YAML(typ="safe")
    reader.Resolver = yaml12_resolver()
    try:
        new = _typed(reader.load(raw))
    except Exception:  # ruamel's errors (duplicate keys, bad values) have no common base with ValueError
        new = FAILED
    return old, new


def assert_same_or_none(text: str) -> bool:
    raw = text.encode("utf-8")
    walked = readings(raw)
    if walked is None:
        return False
    assert (_typed(walked[0]), _typed(walked[1])) == by_the_libraries(raw), text
    return True


def test_a_generated_timeline_is_read_in_one_walk_as_both_libraries_read_it() -> None:
    assert assert_same_or_none(generate.dump(generate.timeline("big", 200)))


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "!!map\na: 1\n",
        "a: 1\na: 2\n",
        "1: a\ntrue: b\n",
        "base: {a: 1}\nother:\n  <<: {b: 2}\n",
        "a: 1\n---\nb: 2\n",
        "%YAML 1.1\n---\na: 1\n",
        "",
        "a: =\n",
        "? [a]\n: 1\n",
        "a: [unclosed\n",
        "[" * 150 + "]" * 150 + "\n",
    ],
)
def test_what_the_walk_does_not_cover_is_left_to_the_libraries(text: str) -> None:
    assert readings(text.encode("utf-8")) is None


PLAIN = [
    "x", "yes", "No", "on", "OFF", "y", "n", "true", "False", "~", "null", "Null", "NULL", "", "0", "-0", "+5",
    "017", "0o17", "0x1f", "0b101", "1_000", "1:30", "190:20:30", "1e3", "1.5", ".inf", "-.Inf", ".NaN", "1.", "6.8e+5",
    "2019-01-01", "2019-1-1", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2019-01", "a b", "Türkiye",
]  # fmt: skip
QUOTED = ["'yes'", '"1"', "'~'", "'it''s'", '"tab\\there"', "''"]
scalars = st.one_of(st.sampled_from(PLAIN), st.sampled_from(QUOTED), st.text(alphabet="abc01:- ", max_size=6))


def block(node: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(node, dict):
        lines = []
        for key, value in node.items():
            if isinstance(value, (dict, list)) and value:
                lines.append(f"{pad}{key}:")
                lines.extend(block(value, indent + 2))
            else:
                lines.append(f"{pad}{key}: {flow(value)}")
        return lines
    return [line for item in node for line in _item(item, indent)]


def _item(item: Any, indent: int) -> list[str]:
    if isinstance(item, (dict, list)) and item:
        inner = block(item, indent + 2)
        return [" " * indent + "- " + inner[0].lstrip(), *inner[1:]]
    return [" " * indent + "- " + flow(item)]


def flow(node: Any) -> str:
    if isinstance(node, dict):
        return "{" + ", ".join(f"{key}: {flow(value)}" for key, value in node.items()) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(flow(item) for item in node) + "]"
    return str(node)


trees = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(scalars, inner, max_size=4)),
    max_leaves=20,
)


@pytest.mark.slow
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(scalars, trees, min_size=1, max_size=5), st.booleans())
def test_the_walk_reads_what_pyyaml_and_ruamel_read(tree: dict[str, Any], as_flow: bool) -> None:
    assert_same_or_none(flow(tree) + "\n" if as_flow else "\n".join(block(tree, 0)) + "\n")


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab:-[]{},'\"#&*!|> \n0123.~yYnN", max_size=40))
def test_the_walk_reads_any_text_as_the_libraries_do_or_leaves_it(text: str) -> None:
    assert_same_or_none(text)
