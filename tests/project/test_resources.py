"""Cost and resources (issue 13, defects 1-4): what a large or hostile file may cost.

Nothing here asserts time (the machine is shared): cost is counted in
operations that a quadratic or unbounded version would multiply, and memory in
what tracemalloc sees.
"""

from __future__ import annotations

import json
import re
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, TODAY, invoke
from hypothesis import given, settings
from hypothesis import strategies as st

from armsdeal.check.formats.json import json_report
from armsdeal.check.runner import check_paths
from armsdeal.core.problems import MAX_PER_RULE, Problem, Severity, capped
from armsdeal.read.stage import parse_bytes

MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- 1. locating problems ---------------------------------------------------------------


class _CountingPairs(list[Any]):
    """A mapping node's (key, value) list that counts how often it is scanned."""

    scans = 0

    def __iter__(self) -> Any:
        type(self).scans += 1
        return super().__iter__()


def test_locating_problems_scans_each_mapping_once() -> None:
    keys = 2_000
    document = parse_bytes((MINIMAL + "".join(f"unknown{i}: x\n" for i in range(keys))).encode(), "t.yaml")
    assert isinstance(document.root, yaml.MappingNode)
    document.root.value = _CountingPairs(document.root.value)
    lines = [document.locate((f"unknown{i}",), at_key=True)[0] for i in range(keys)]
    assert lines == list(range(14, 14 + keys))
    assert _CountingPairs.scans == 1  # one index per mapping, not one scan per problem


def test_locating_finds_the_first_of_duplicate_keys_and_misses_cleanly() -> None:
    document = parse_bytes(b"a: 1\nb:\n  c: 2\na: 3\n", "t.yaml")
    assert document.locate(("a",), at_key=True) == (1, 1)
    assert document.locate(("b", "c")) == (3, 6)
    assert document.locate(("b", "nosuch")) == (3, 3)  # the mapping that should hold it
    assert document.locate(("nosuch", 0)) == (1, 1)


def test_twenty_thousand_unknown_keys_are_all_counted(here: Path) -> None:
    (here / "t.yaml").write_text(MINIMAL.replace("id: minimal", "id: t") + "".join(f"k{i}: x\n" for i in range(20_000)))
    run = check_paths([here / "t.yaml"], today=TODAY)
    assert run.count(Severity.ERROR) == 20_000
    listed = [p for p in run.problems if p.rule == "unknown-field"]
    assert len(listed) == MAX_PER_RULE + 1
    assert listed[-1].omitted == 20_000 - MAX_PER_RULE


# --- 3. problem caps -----------------------------------------------------------------------


def _problems(count: int, rule: str = "r", path: str = "p") -> list[Problem]:
    return [Problem(path, 1 + index, 1, rule, f"m{index}") for index in range(count)]


def test_problem_cap_keeps_the_first_of_each_rule_and_counts_the_rest() -> None:
    many = _problems(1_000)[::-1] + _problems(3, rule="other")  # given out of order
    result = capped(many)
    kept = [p for p in result if p.rule == "r"]
    assert [p.line for p in kept] == [*range(1, MAX_PER_RULE + 1), MAX_PER_RULE + 1]
    assert kept[-1].omitted == 1_000 - MAX_PER_RULE and "900 more" in kept[-1].message
    assert sum(p.count for p in result) == 1_003
    assert capped(result) == result  # capping again changes nothing


def test_problem_cap_is_per_file() -> None:
    result = capped(_problems(150, path="a") + _problems(150, path="b"))
    assert [(p.path, p.omitted) for p in result if p.omitted] == [("a", 50), ("b", 50)]


def test_problem_cap_keeps_memory_flat() -> None:
    def stream() -> Any:
        for index in range(200_000):
            yield Problem("p", index, 1, "r", "a message long enough to cost memory " * 4)

    tracemalloc.start()
    try:
        result = capped(stream())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result[-1].omitted == 200_000 - MAX_PER_RULE
    assert peak < 2 * 1024 * 1024  # 200,000 kept would be over 60 MB


def _related_copies(here: Path, copies: int) -> Path:
    path = here / "t.yaml"
    path.write_text(MINIMAL.replace("id: minimal", "id: t") + "related: [" + ",".join(["a"] * copies) + "]\n")
    return path


@pytest.mark.parametrize("output_format", ["text", "github", "json"])
def test_many_copies_of_one_mistake_give_a_bounded_report_in_every_format(
    runner, here: Path, output_format: str
) -> None:
    _related_copies(here, 5_000)
    result = invoke(runner, "check", "--format", output_format, "t.yaml")
    assert result.exit_code == 1
    if output_format == "json":
        document = json.loads(result.stdout)
        assert len(document["problems"]) == MAX_PER_RULE + 1
        assert document["problems"][-1]["omitted"] == 5_000 - MAX_PER_RULE
        assert document["counts"]["errors"] == document["files"][0]["errors"] == 5_000
    else:
        lines = result.stdout.splitlines()
        assert len(lines) == MAX_PER_RULE + 1
        assert "and 4900 more like this" in lines[-1]
        if output_format == "text":
            assert "5000 errors in 1 of 1 file" in result.stderr


def test_many_duplicate_keys_print_a_bounded_list(runner, here: Path) -> None:
    (here / "t.yaml").write_text(MINIMAL.replace("id: minimal", "id: t") + "title: again\n" * 3_000)
    result = invoke(runner, "show", "t.yaml")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_PER_RULE + 1
    assert lines[-1].endswith(
        "error [duplicate-key] and 2900 more like this in this file (only the first 100 of each rule are listed)"
    )


def test_checking_many_problems_keeps_memory_flat(here: Path) -> None:
    """400,000 problems once cost 949 MB; the report now holds MAX_PER_RULE + 1 of them."""
    _related_copies(here, 100_000)
    tracemalloc.start()
    try:
        run = check_paths([here / "t.yaml"], today=TODAY)
        report = json_report(run)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(run.problems) == MAX_PER_RULE + 1
    assert run.count(Severity.ERROR) == 100_000
    assert len(report) < 64 * 1024
    # About 30 MB, mostly the node tree of 100,000 items; uncapped, the problems and the report were 200 MB more.
    assert peak < 64 * 1024 * 1024


# --- 2. the word diff of `diff` ----------------------------------------------------------


def _adversarial_texts() -> list[tuple[list[str], list[str]]]:
    """Inputs that made difflib's matcher cubic: long texts from a small vocabulary, reordered."""
    vocabulary = [f"w{index}" for index in range(97)]
    cases = []
    for size in (300, 5_000):
        for kinds, step in ((3, 2), (10, 7), (97, 7)):
            old = [vocabulary[index % kinds] for index in range(size)]
            new = [vocabulary[(index * step) % kinds] for index in range(size)]
            cases.append((old, new))
        sentences = [vocabulary[index % 97] + ("." if index % 13 == 12 else "") for index in range(size)]
        cases.append((sentences, sentences[::-1]))
    return cases


@pytest.mark.parametrize(("old", "new"), _adversarial_texts())
def test_word_diff_cost_stays_within_its_budget(
    monkeypatch: pytest.MonkeyPatch, old: list[str], new: list[str]
) -> None:
    import difflib

    from armsdeal.diff.formats import wording as formats

    spent = []
    real = difflib.SequenceMatcher

    def counting(*, a: Any, b: Any, autojunk: bool) -> difflib.SequenceMatcher[Any]:
        pairs = sum(b.count(item) for item in set(a)) if a and b else 0  # slow and exact: the worst case
        spent.append(pairs * (1 + min(len(a), len(b))))
        return real(a=a, b=b, autojunk=autojunk)

    monkeypatch.setattr(formats.difflib, "SequenceMatcher", counting)
    opcodes = formats.word_opcodes(old, new)
    assert sum(spent) <= formats.WORD_DIFF_BUDGET
    _assert_opcodes_rebuild(opcodes, old, new)


def _assert_opcodes_rebuild(opcodes: list[tuple[str, int, int, int, int]], old: list[str], new: list[str]) -> None:
    assert opcodes[0][1] == opcodes[0][3] == 0 if opcodes else old == new == []
    rebuilt_old: list[str] = []
    rebuilt_new: list[str] = []
    for tag, i1, i2, j1, j2 in opcodes:
        assert tag in ("equal", "replace", "delete", "insert")
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
        rebuilt_old += old[i1:i2]
        rebuilt_new += new[j1:j2]
    assert (rebuilt_old, rebuilt_new) == (old, new)


def test_word_diff_of_a_long_text_still_shows_the_changed_words() -> None:
    from armsdeal.diff.formats.wording import word_diff

    words = [f"word{index % 400}" + ("." if index % 15 == 14 else "") for index in range(6_000)]
    changed = list(words)
    changed[10], changed[3_000], changed[-10] = "first", "middle", "last"
    segments = word_diff(" ".join(words), " ".join(changed))
    assert [words for op, words in segments if op == "+"] == ["first", "middle", "last"]
    assert len(segments) < 20  # the unchanged runs are elided, not listed


def test_word_diff_past_its_budget_shows_old_and_new_whole() -> None:
    from armsdeal.diff.formats.wording import word_diff

    old = " ".join(f"w{index % 3}" for index in range(5_000))
    new = " ".join(f"w{(index * 2) % 3}x" for index in range(5_000))
    assert word_diff(old, new) == [("-", old), ("+", new)]


@pytest.mark.parametrize("output_format", ["terminal", "markdown"])
def test_diff_of_long_reordered_summaries_gives_a_word_diff_or_whole_texts(
    runner, here: Path, output_format: str
) -> None:
    vocabulary = [f"w{index}" for index in range(97)]
    old = [vocabulary[index % 97] for index in range(5_000)]
    new = [vocabulary[(index * 7) % 97] for index in range(5_000)]
    for folder, words in (("old", old), ("new", new)):
        (here / folder).mkdir()
        text = MINIMAL.replace("title: A minimal timeline", "title: A minimal timeline\nsummary: " + " ".join(words))
        (here / folder / "minimal.yaml").write_text(text)
    result = invoke(runner, "diff", "--format", output_format, "old/minimal.yaml", "new/minimal.yaml")
    assert result.exit_code == 1
    assert "summary" in result.stdout


@settings(max_examples=200, deadline=None)
@given(
    old=st.lists(st.sampled_from(["a", "b", "c.", "d"]), max_size=60),
    new=st.lists(st.sampled_from(["a", "b", "c.", "d"]), max_size=60),
    budget=st.sampled_from([0, 50, 2_000, 2_000_000]),
)
def test_word_opcodes_rebuild_both_texts_whatever_the_budget(old: list[str], new: list[str], budget: int) -> None:
    from armsdeal.diff.formats import wording as formats

    original = formats.WORD_DIFF_BUDGET
    formats.WORD_DIFF_BUDGET = budget
    try:
        opcodes = formats.word_opcodes(old, new)
    finally:
        formats.WORD_DIFF_BUDGET = original
    _assert_opcodes_rebuild(opcodes, old, new)


# --- 4. oversized numbers ----------------------------------------------------------------

_HUGE_HEX = "0x" + "f" * 3_600  # past Python's int-to-text digit limit once converted


@pytest.mark.parametrize(
    ("field", "replacement"),
    [
        ("id: minimal", f"id: {_HUGE_HEX}"),
        ("id: minimal", f"id: t\ndeal:\n  ordered: {{count: {_HUGE_HEX}, unit: battery}}"),
        ("id: minimal", "id: t\ndeal:\n  value: {amount: " + "9" * 5_000 + ", currency: USD}"),
        ("id: minimal", "id: t\ndeal:\n  ordered: {count: 9223372036854775808, unit: battery}"),
        ("id: minimal", f"id: t\n? {_HUGE_HEX}\n: key"),
        ("id: minimal", f"id: t\nnote: !!int {_HUGE_HEX}"),
    ],
    ids=["hex-id", "hex-count", "decimal-amount", "just-past-64-bits", "hex-key", "tagged"],
)
@pytest.mark.parametrize("command", ["check", "show", "export", "diff"])
def test_oversized_numbers_are_a_located_problem_in_every_command(
    runner, here: Path, field: str, replacement: str, command: str
) -> None:
    (here / "t.yaml").write_text(MINIMAL.replace(field, replacement))
    args = {"diff": ["diff", "t.yaml", "t.yaml"]}.get(command, [command, "t.yaml"])
    result = invoke(runner, *args)
    output = result.stdout + result.stderr
    assert result.exit_code == (2 if command == "diff" else 1), output
    assert "internal error" not in output
    assert re.search(r"^t\.yaml:\d+:\d+: error \[number-too-large\] the number .{1,60} is too large", output, re.M)


def test_the_largest_64_bit_numbers_are_accepted() -> None:
    document = parse_bytes(b"a: 9223372036854775807\nb: -9223372036854775807\nc: 0x7fffffffffffffff\n", "t")
    assert document.problems == []
    assert document.data == {"a": 2**63 - 1, "b": -(2**63 - 1), "c": 2**63 - 1}
