"""The fast path (read/fast.py): whatever its guard lets through, yaml-rs reads as the located loader does.

The property, file by file: either the fast path leaves the file to the located
loader (``fast_data`` is None), or the located loader reads it without a single
problem and builds the same data, types and key order included. On top of it,
`check` with the fast path gives exactly the problems of `check` without it,
and a clean file loads as the same Timeline.
"""

from __future__ import annotations

import re
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, ROOT, TIMELINES, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsdeal.check import validate
from armsdeal.check.results import CheckRun
from armsdeal.check.runner import check_file, check_paths
from armsdeal.check.validate import load_timeline, read_and_validate
from armsdeal.read import fast as fastload
from armsdeal.read import stage
from armsdeal.read.fast import FastData, Unreadable, fast_data, may_go_fast
from armsdeal.read.located import UnlocatedDocument
from armsdeal.read.stage import parse_bytes

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate

# Tests of the fast paths themselves: run with them on (tests/conftest.py).
pytestmark = pytest.mark.fast_paths

SUITE = DATA / "yaml-test-suite"


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1, 1.0 and True are equal in Python), keys in order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        # Keys compared with same() too: a NaN key is not equal to itself.
        return len(a) == len(b) and all(
            same(key_a, key_b) and same(value_a, value_b)
            for (key_a, value_a), (key_b, value_b) in zip(a.items(), b.items(), strict=True)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a != a:
        return b != b
    return bool(a == b)


def _collection_key(value: Any) -> bool:
    """Whether a mapping in ``value`` has a key that is a tuple or frozenset (a flow collection as a key)."""
    if isinstance(value, dict):
        return any(isinstance(key, (tuple, frozenset)) or _collection_key(item) for key, item in value.items())
    return isinstance(value, list) and any(_collection_key(item) for item in value)


def never_valid(data: dict[Any, Any]) -> bool:
    """The one form the guard lets through that the parsers read differently (read/fast.py's docstring):
    a flow collection as a key, an error to the located loader. Assert that validation refuses it (so the
    file goes to the located loader) and say whether ``data`` has it."""
    if not _collection_key(data):
        return False
    document = UnlocatedDocument("x.yaml", data)
    assert validate.validate_document(document, today=TODAY).problems
    return True


def fast_agrees(raw: bytes) -> bool:
    """Assert the property for one file; True when the fast path read it."""
    fast = _whole(fast_data(raw))
    if fast is None or never_valid(fast.data):
        return False
    located = parse_bytes(raw, "x.yaml")
    assert located.problems == [], (raw, located.problems)
    assert same(fast.data, located.data), (raw, fast.data, located.data)
    return True


def _whole(fast: FastData | None) -> FastData | None:
    """A fast read with its pieces (if any) gathered: one data, or None where a piece is unreadable."""
    if fast is None or fast.pieces is None:
        return fast
    try:
        events = [item for piece in fast.pieces for item in piece]
    except Unreadable:
        return None
    return FastData({**fast.data, "events": events})


# --- the guard ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Numbers yaml-rs reads where armsdeal keeps text (or refuses a number beyond 64 bits).
        "a: 012\n",
        "a: 00\n",
        "a: -012\n",
        "a: 0o17\n",
        "a: 0b11\n",
        "a: 0X1F\n",
        "a: +0x1F\n",
        "a: -0x1F\n",
        "a: 0x10000000000000000\n",
        "a: 0x1F_FF\n",
        "a: 1_000\n",
        "a: 0.1_0\n",
        "a: _1\n",
        "a: +_1\n",
        "a: ._5\n",
        "a: 1.5_\n",
        "a: 12345678901234567890\n",
        "a: [1, 012]\n",
        "a: {b: 0o17}\n",
        "012: a\n",
        # Anchors, aliases, tags, complex and flow keys, merge keys, directives, documents.
        "a: &x 1\nb: 2\n",
        "a: *x\n",
        "a: !!str 1\n",
        "a: ! 1\n",
        "? a\n: b\n",
        "[a]: b\n",
        "a: {[b]: c}\n",
        "a: {b: 1}: c\n",
        "<<: {a: 1}\n",
        "%YAML 1.2\n---\na: 1\n",
        "---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        # Empty keys, ':' on the next line, empty flow values: YAML 1.2 allows what libyaml refuses.
        ": a\n",
        "a: {b\n  : c}\n",
        "a: {b:, c: d}\n",
        "a: {x: :x}\n",
        # Escapes, characters YAML 1.1 and 1.2 read differently, a missing final line break.
        'a: "\\x41"\n',
        "a: b\tc\n",
        "a: b\r\n",
        "a: b\x85c\n",
        "a: b\u2028c\n",
        "a: b\u2029c\n",
        "a: b\x07\n",
        "a: b\x7f\n",
        "\ufeffa: 1\n",
        "a: b\ufffe\n",
        "foo: |\n  x\n   ",
    ],
)
def test_the_guard_refuses_what_the_parsers_could_read_differently(text: str) -> None:
    assert not may_go_fast(text.encode("utf-8"))
    assert fast_data(text.encode("utf-8")) is None


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: -5\nc: 0\nd: 0x1F\ne: 1.5\nf: .5\ng: 1e3\nh: +1\ni: 9223372036854775\n",
        "date: 2017-09-12\nwhen: 2017-09~\nspan: 2000/..\nmaybe: 2019?\n",
        "a: yes\nb: No\nc: on\nd: ~\ne: null\nf: True\ng: .inf\nh: -.INF\n",
        "publisher: Winston & Strawn\nnote: 5 * 3\nq: Why? Because.\n",
        "related: [deal-00002]\nactors:\n  x: {name: X, kind: state}\n",
        "summary: one line\n  and the next\nblock: |\n  kept\n",
        "url: https://example.org/a?b=1&c=2\n",
        "title: 'quoted: text'\nother: \"double\"\n",
    ],
)
def test_the_guard_lets_ordinary_timeline_text_through(text: str) -> None:
    assert may_go_fast(text.encode("utf-8"))
    assert fast_agrees(text.encode("utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        # | or > in a flow collection: plain text to yaml-rs, an error to libyaml (the guard cannot tell
        # flow from block on a line; the data is looked at once read).
        "k0: {a: 1, b: |}\n",
        "a: [|\n  ]\n",
        "a: {b: |\n  }\n",
        "a: [b,\n  c: >\n  ]\n",
        # An empty block scalar at the end: a line break to yaml-rs, nothing to libyaml.
        "k0: |\n",
        "k0: >\n\n",
        "k0: |+\n  \n",
    ],
)
def test_what_the_guard_cannot_see_is_caught_in_the_data(text: str) -> None:
    assert fast_data(text.encode("utf-8")) is None


@pytest.mark.parametrize("value", ["{a, [c]}", "{[b]}", "{b,\n    {c: d}}", "[{[b]}]"])
def test_a_flow_collection_as_a_key_passes_the_guard_but_never_validation(value: str) -> None:
    # Read differently (a tuple key to yaml-rs, an error to libyaml), and no timeline can hold it: the
    # file is read by the located loader, which reports the error.
    text = (TIMELINES / "turkey-s400.yaml").read_text(encoding="utf-8")
    raw = text.replace("\nsources:\n", f"\nodd: {value}\nsources:\n", 1).encode("utf-8")
    fast = fast_data(raw)
    assert fast is not None and never_valid(fast.data)
    document, validated = read_and_validate(raw, "turkey-s400.yaml", today=TODAY, file_stem="turkey-s400")
    assert not isinstance(document, UnlocatedDocument)
    assert [p.rule for p in validated.problems] == ["yaml-syntax"]


def test_without_yaml_rs_every_file_takes_the_located_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastload, "_loads", None)
    monkeypatch.setattr(fastload, "_import_loads", lambda: None)
    raw = (TIMELINES / "turkey-s400.yaml").read_bytes()
    assert fast_data(raw) is None
    document, validated = read_and_validate(raw, "turkey-s400.yaml", today=TODAY, file_stem="turkey-s400")
    assert not isinstance(document, UnlocatedDocument)
    assert validated.timeline is not None


# --- data: the shipped timelines, the YAML test suite, generated collections, hypothesis ------------


def test_the_shipped_timelines_go_fast_and_read_alike() -> None:
    paths = sorted(TIMELINES.glob("*.yaml"))
    assert paths
    fast = {path.name for path in paths if fast_agrees(path.read_bytes())}
    # The guard's false alarm: "INR 40,000 crore" in india-s400 (in a flow collection, 40,000 would be
    # two numbers, and 000 one yaml-rs reads differently); the file is read by the located loader.
    assert fast == {path.name for path in paths} - {"india-s400.yaml"}


def test_the_yaml_test_suite_goes_fast_only_where_both_parsers_agree() -> None:
    paths = sorted(SUITE.glob("*.yaml"))
    assert len(paths) > 400
    fast = sum(fast_agrees(path.read_bytes()) for path in paths)
    assert fast > 10  # the property is not vacuous: some inputs do go fast


@pytest.mark.slow
def test_generated_collections_read_alike_and_check_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate.collection(tmp_path, files=40, events=20, error_share=0.25)
    paths = sorted(tmp_path.glob("*.yaml"))
    went_fast = sum(fast_agrees(path.read_bytes()) for path in paths)
    assert went_fast >= 25  # the valid files
    assert_checks_alike(tmp_path, monkeypatch)


_NASTY = [
    "012", "0o17", "0b11", "1_000", "0x1F", "0X1F", "+0x1F", "+1", "-0", ".5", "+.5", "1.", "1e3", "1E+3",
    "yes", "No", "on", "OFF", "y", "~", "null", "Null", "NULL", "true", "True", "FALSE", ".inf", "-.Inf", ".NaN",
    "00", "-012", "1__0", "_1", "0x_1F", "12345678901234567890", "9223372036854775807", "0.1_0", "2017-09-12",
    "2019?", "2000/..", "12:30", "1:20:30", "= x", "a # b", "a#b", "- a", "[a, b]", "{a: b}", "'q'", '"q"',
    "&a x", "*a", "!foo x", "!!str 1", "? a", ":a", "a:", "%a", "<<", "@a", "`a", "|", ">-", "|+", "|2",
]  # fmt: skip
_SCALAR_TEXT = st.one_of(
    st.sampled_from(_NASTY),
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=8),
    st.text(st.sampled_from(list("0123456789+-._eExXoObB:#&*!?'\"[]{},| \n")), min_size=1, max_size=8),
)


def _plain(value: str) -> str:
    return value.replace("\n", " ")


@st.composite
def _documents(draw: st.DrawFn) -> str:
    """YAML text written by hand, nasty scalars in every position a timeline could have them."""
    lines = []
    for index in range(draw(st.integers(1, 6))):
        key = draw(st.one_of(st.just(f"k{index}"), _SCALAR_TEXT.map(_plain)))
        form = draw(st.integers(0, 8))
        value = draw(_SCALAR_TEXT)
        if form == 0:
            lines.append(f"{key}: {_plain(value)}")
        elif form == 1:
            lines.append(f"{key}: [{', '.join(_plain(draw(_SCALAR_TEXT)) for _ in range(draw(st.integers(0, 3))))}]")
        elif form == 2:
            lines.append(f"{key}: {{a: {_plain(value)}, b: {_plain(draw(_SCALAR_TEXT))}}}")
        elif form == 3:
            lines.append(f"{key}:\n  - {_plain(value)}\n  - {_plain(draw(_SCALAR_TEXT))}")
        elif form == 4:  # a block scalar, any chomping and indentation indicator
            indicator = draw(st.sampled_from(["|", ">", "|-", ">+", "|2", ">-1", "|+"]))
            body = "\n".join(
                f"  {line}" if line else draw(st.sampled_from(["", "  ", "   "])) for line in value.split("\n")
            )
            lines.append(f"{key}: {indicator}\n{body}")
        elif form == 5:  # a plain scalar over several lines
            lines.append(f"{key}: {_plain(value)}\n  {_plain(draw(_SCALAR_TEXT))}")
        elif form == 6:  # quoted, over lines
            quote = draw(st.sampled_from(["'", '"']))
            escaped = value.replace(quote, quote * 2 if quote == "'" else '\\"')
            lines.append(f"{key}: {quote}{escaped}\n  {quote}")
        elif form == 7:
            lines.append(f"{key}:\n  {_plain(value)}: {_plain(draw(_SCALAR_TEXT))}")
        else:  # a unicode line break, tab or other odd character inside a value
            odd = draw(st.sampled_from(["\x85", "\u2028", "\u2029", "\t", "\r", "\x0c", "\u00a0", "\ufeff"]))
            lines.append(f"{key}: a{odd}{_plain(value)}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n"]))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_hand_written_documents_with_nasty_scalars_read_alike(text: str) -> None:
    fast_agrees(text.encode("utf-8"))


_scalars = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.none(),
    st.floats(),
    st.sampled_from(_NASTY),
)
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=6), _scalars), inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_data, st.sampled_from([True, False, None]), st.sampled_from([None, "'", '"', "|", ">"]), st.integers(20, 80))
def test_dumped_data_in_every_style_reads_alike(value: Any, flow: bool | None, style: str | None, width: int) -> None:
    text = yaml.safe_dump({"k": value}, default_flow_style=flow, default_style=style, allow_unicode=True, width=width)
    fast_agrees(text.encode("utf-8"))


# --- whole files: the same problems, the same timelines ------------------------------------------


def _problems(run: CheckRun) -> list[tuple[str, int, int, str, str, str]]:
    return [(p.path, p.line, p.column, p.rule, p.message, p.severity.value) for p in run.problems]


def assert_checks_alike(folder: Path, monkeypatch: pytest.MonkeyPatch) -> CheckRun:
    """check with the fast path, and without it: the same problems, messages and places."""
    with_fast = check_paths([folder], today=TODAY, parallel=False)
    with monkeypatch.context() as patch:
        patch.setattr(stage, "fast_data", lambda raw: None)
        without = check_paths([folder], today=TODAY, parallel=False)
    assert _problems(with_fast) == _problems(without)
    assert all(result.located for result in without.files)
    for fast, located in zip(with_fast.files, without.files, strict=True):
        assert (fast.timeline_id, fast.readable) == (located.timeline_id, located.readable)
        if fast.located:  # a file read again for a problem across files has everything the located one has
            assert fast == located
    return with_fast


def test_the_shipped_collection_checks_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in TIMELINES.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    run = assert_checks_alike(tmp_path, monkeypatch)
    # Clean: all read fast (but india-s400, the guard's false alarm), none read again.
    assert {Path(result.path).name for result in run.files if result.located} == {"india-s400.yaml"}


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def _timeline(timeline_id: str, related: list[str], url: str, publisher: str) -> str:
    data = generate.timeline(timeline_id, 3, related=related)
    data["sources"] = {"press": {"publisher": publisher, "title": "A report", "url": url}}
    for event in data["events"]:
        event["sources"] = ["press"]
    for event in data["events"]:
        event.pop("claimed_by", None)
    return generate.dump(data)


def test_problems_across_files_are_located_by_reading_those_files_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a lists b, b does not list a (related-one-way, naming a's place); c and d cite one URL with two
    # publishers (source-conflict, naming the other's place); e and f have one id (duplicate-timeline-id).
    _write(tmp_path, "a.yaml", generate.dump(generate.timeline("a", 2, related=["b"])))
    _write(tmp_path, "b.yaml", generate.dump(generate.timeline("b", 2)))
    _write(tmp_path, "c.yaml", generate.dump(generate.timeline("c", 2)))
    _write(tmp_path, "g.yaml", generate.dump(generate.timeline("g", 2)))
    _write(tmp_path, "e.yaml", generate.dump(generate.timeline("e", 2)))
    _write(tmp_path, "f.yaml", generate.dump(generate.timeline("e", 2)))
    text = (tmp_path / "c.yaml").read_text(encoding="utf-8")
    url = re.search(r"url: (https://example.org/\S+)", text)
    assert url is not None
    other = generate.timeline("g", 2)
    source = next(iter(other["sources"].values()))
    source["url"], source["publisher"] = url[1], "Someone Else"
    _write(tmp_path, "g.yaml", generate.dump(other))
    run = assert_checks_alike(tmp_path, monkeypatch)
    rules = {problem.rule for problem in run.problems}
    assert {"duplicate-timeline-id", "related-one-way", "source-conflict"} <= rules, rules
    assert all(problem.line > 0 for problem in run.problems)
    assert not any(":0:0" in problem.message for problem in run.problems)


def test_each_shipped_timeline_loads_as_the_same_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in sorted(TIMELINES.glob("*.yaml")):
        fast = load_timeline(path, today=TODAY)
        with monkeypatch.context() as patch:
            patch.setattr(stage, "fast_data", lambda raw: None)
            located = load_timeline(path, today=TODAY)
        assert fast == located


def test_a_file_with_only_a_warning_is_read_again_with_places(tmp_path: Path) -> None:
    text = (TIMELINES / "turkey-s400.yaml").read_text(encoding="utf-8")
    path = tmp_path / "turkey-s400.yaml"
    path.write_text(text, encoding="utf-8")
    clean = check_file(path, TODAY)
    assert clean.problems == () and not clean.located
    # Checked against a day before its first event, it has future-date warnings: read again, located.
    early = check_file(path, date(1990, 1, 1))
    assert early.problems and early.located
    assert all(problem.line > 0 for problem in early.problems)
    assert early == check_file(path, date(1990, 1, 1), fast=False)


def test_a_fast_file_keeps_no_places(tmp_path: Path) -> None:
    path = tmp_path / "turkey-s400.yaml"
    shutil.copy(TIMELINES / "turkey-s400.yaml", path)
    result = check_file(path, TODAY)
    assert not result.located and result.id_at == (0, 0)
    assert result.facts is not None and result.facts.events
    assert all(event.at == (0, 0) for event in result.facts.events)


# --- a large file read in pieces (fastload._layout, _pieces) ---------------------------------------


@pytest.fixture
def in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file that allows it read in pieces of one item each: as many splits as there can be."""
    monkeypatch.setattr(fastload, "_PIECES_FROM", 0)
    monkeypatch.setattr(fastload, "_PIECE_BYTES", 1)


def pieced_agrees(raw: bytes) -> str:
    """Assert the property for a file that may be read in pieces; say how it was read.

    "pieces": read in pieces, and the located loader reads it without a problem into the same data.
    "whole": not split (the layout does not allow it, or a doubt at the head's end); the whole read agrees
    (or is refused).
    "refused": split, but the head or a piece was refused: the located loader reads the file.
    """
    fast = fast_data(raw)
    if fastload._layout(raw) is None or (fast is not None and fast.pieces is None):
        fast_agrees(raw)
        return "whole"
    if fast is None:
        return "refused"  # the guard, or the head
    data = fast.data
    events: list[Any] = []
    try:
        for piece in fast.pieces:
            assert type(piece) is list and piece
            events.extend(piece)
    except Unreadable:
        return "refused"
    if never_valid({**data, "events": events}):
        return "refused"
    located = parse_bytes(raw, "x.yaml")
    assert located.problems == [], (raw, located.problems)
    assert same({**data, "events": events}, located.data), (raw, data, events, located.data)
    return "pieces"


@pytest.mark.parametrize(
    ("text", "how"),
    [
        ("id: a\nevents:\n- a\n- b: 1\n  c: [d]\n- - e\n  - f\n", "pieces"),
        ("events:\n- a\n- b\n", "pieces"),  # nothing before events
        ("# a comment\n\nid: a\nevents: # the events\n\n# first\n- a\n# between\n\n  # indented\n- b\n", "pieces"),
        ("id: a\nevents:\n  - a\n  - b:\n      c: 1\n# at column 0\n  - c\n", "pieces"),  # indented items
        ("id: a\nevents:\n    - a\n    - b\n", "pieces"),
        ("id: a\nevents:\n- a: |\n    x\n\n- b: >-\n    y\n    z\n- c: |+\n    w\n\n\n# c\n- d\n", "pieces"),
        # An empty block scalar before an item line: no split there (yaml-rs would read a line break).
        ("id: a\nevents:\n- a: |\n- b: >\n\n- c\n", "pieces"),
        ("id: a\nevents:\n- title: a plain\n    scalar over lines\n- b\n", "pieces"),
        # A quoted scalar or flow collection over a "- " line at column 0: the piece before is unterminated.
        ('id: a\nevents:\n- title: "one\n- two"\n- b\n', "refused"),
        ("id: a\nevents:\n- title: 'one\n- two'\n- b\n", "refused"),
        ("id: a\nevents:\n- tags: [a,\n- b]\n- c\n", "refused"),
        ("id: a\nevents:\n- {a: b,\n- c: d}\n- e\n", "refused"),
        ("id: a\nevents:\n  - tags: [a,\n  - b]\n  - c\n", "refused"),
        # `events:` inside a quoted scalar of the head: the head is unterminated.
        ('id: "a\nevents:\n- b"\n', "refused"),
        ('id: "a\nevents:\n- b"\nevents:\n- c\n', "whole"),  # a second `events:` at column 0
        # A duplicate key: in an item (yaml-rs refuses the piece) or `events` twice.
        ("id: a\nevents:\n- a: 1\n- b: 1\n  b: 2\n", "refused"),
        ("id: a\nevents: 1\nevents:\n- a\n", "refused"),
        # Layouts read whole: events not last, items not at one indentation, an item without "- ",
        # empty events, events written otherwise, a head that is no block mapping at column 0.
        ("id: a\nevents:\n- a\n- b\nend: 1\n", "whole"),
        ("id: a\nevents:\n  - a\n- b\n", "whole"),
        ("id: a\nevents:\n  - a\n - b\n", "whole"),
        ("id: a\nevents:\n- a\n-\n  b: 1\n", "whole"),
        ("id: a\nevents:\n", "whole"),
        ("id: a\nevents:\n# none\n", "whole"),
        ("id: a\nevents: []\n", "whole"),
        ("id: a\nevents: [a,\n  b]\n", "whole"),
        ("id: a\n'events':\n- a\n", "whole"),
        ("id: a\nevents:\n  id: b\n", "whole"),
        ("id: a\nevents:\nother: 1\n", "whole"),
        ("{id: a}\nevents:\n- a\n", "whole"),  # not YAML: read whole, yaml-rs refuses it
        ("  id: a\nevents:\n- a\n", "whole"),
        ("[a]\nevents:\n- a\n", "whole"),
    ],
)
def test_a_file_is_split_only_where_it_cannot_change_the_data(in_pieces: None, text: str, how: str) -> None:
    assert pieced_agrees(text.encode("utf-8")) == how


def test_an_empty_block_scalar_just_before_events_is_read_whole(in_pieces: None) -> None:
    assert pieced_agrees(b"id: a\nnote: |\nevents:\n- a\n- b\n") == "whole"


_WORDS = st.sampled_from(["a", "b c", "x: y", "- z", "#q", "1", "'q'", "[p]", "{k: v}", "-", "|", "é ü", "0.5"])
_VALUE_TEXT = st.one_of(_WORDS, _SCALAR_TEXT)


@st.composite
def _item(draw: st.DrawFn, pad: str, values: st.SearchStrategy[str]) -> str:
    """One item of the events' block sequence at indentation ``pad``, in one of many forms."""
    text = values.map(_plain)
    inner = pad + "  "
    form = draw(st.integers(0, 15))
    if form >= 12:  # the common forms more often: more documents are read in pieces to the end
        form = (0, 1, 9, 10)[form - 12]
    if form == 0:
        return f"{pad}- {draw(text)}"
    if form == 1:
        return f"{pad}- id: {draw(text)}\n{inner}title: {draw(text)}"
    if form == 2:  # a block scalar, maybe empty, any chomping
        indicator = draw(st.sampled_from(["|", ">", "|-", ">+", "|+", ">-"]))
        lines = draw(st.lists(st.sampled_from(["x", "", "y z", "  w", "# not a comment"]), max_size=3))
        body = "".join(f"\n{inner}  {line}" if line else "\n" for line in lines)
        return f"{pad}- note: {indicator}{body}"
    if form == 3:  # a quoted scalar over lines, the next line anywhere (a "- " at the items' indentation too)
        quote = draw(st.sampled_from(["'", '"']))
        follow = draw(st.sampled_from(["", pad, inner, pad + "- ", "- ", inner + "  "]))
        return f"{pad}- title: {quote}{draw(_WORDS)}\n{follow}{draw(_WORDS).replace(quote, '')}{quote}"
    if form == 4:  # a flow collection over lines
        follow = draw(st.sampled_from(["", pad, inner, pad + "- ", "- ", inner + "  "]))
        opening, closing = draw(st.sampled_from([("[", "]"), ("{", "}")]))
        return f"{pad}- tags: {opening}{draw(text)},\n{follow}{draw(text)}{closing}"
    if form == 5:
        return f"{pad}- - {draw(text)}\n{inner}- {draw(text)}"
    if form == 6:  # a plain scalar over lines
        return f"{pad}- title: {draw(text)}\n{inner}  {draw(text)}"
    if form == 7:  # comments and blank lines after the item
        after = draw(st.sampled_from(["# c", pad + "# c", "", inner + "# c", "   "]))
        return f"{pad}- {draw(text)}\n{after}"
    if form == 8:  # a duplicate key
        return f"{pad}- a: 1\n{inner}a: 2"
    if form == 9:
        return f"{pad}- quantity: {{count: {draw(text)}, unit: {draw(text)}}}\n{inner}sources: [{draw(text)}]"
    if form == 10:  # a nested mapping
        return f"{pad}- deal:\n{inner}  a: {draw(text)}\n{inner}  b:\n{inner}  - {draw(text)}"
    return f"{pad}- {draw(values).replace(chr(10), ' ')}: {draw(text)}"


@st.composite
def _long_documents(draw: st.DrawFn) -> str:
    """A timeline-shaped document: a head, then events (often last) with many items of every form.

    Half of them with nasty scalars (which the guard mostly refuses), half with ordinary ones (which
    mostly go fast: the property is then about the splitting)."""
    pad = draw(st.sampled_from(["", "", "  ", "    "]))
    values = draw(st.sampled_from([_WORDS, _VALUE_TEXT]))
    head = [f"id: {draw(values.map(_plain))}", "sources:\n  s: {url: u}", f"summary: {draw(_WORDS)}"]
    head = draw(st.lists(st.sampled_from(head), max_size=3, unique=True))
    items = draw(st.lists(_item(pad, values), max_size=12))
    events_line = draw(st.sampled_from(["events:", "events:", "events:  # the events"]))
    tail = draw(st.sampled_from(["", "", "", "", "end: 1\n", "# end\n", "\n"]))
    return "\n".join([*head, events_line, *items]) + "\n" + tail


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(_long_documents())
def test_documents_with_many_events_read_in_pieces_as_the_located_loader_reads_them(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fastload, "_PIECES_FROM", 0)
        patch.setattr(fastload, "_PIECE_BYTES", 1)
        pieced_agrees(text.encode("utf-8"))


def test_the_generated_documents_do_go_in_pieces(in_pieces: None) -> None:
    # The property above is not vacuous: documents drawn from the same strategy are read in pieces.
    found: dict[str, int] = {}

    @settings(max_examples=300, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(_long_documents())
    def count(text: str) -> None:
        how = pieced_agrees(text.encode("utf-8"))
        found[how] = found.get(how, 0) + 1

    count()
    assert found.get("pieces", 0) >= 15 and found.get("refused", 0) >= 15, found


def _large_timeline(events: int) -> bytes:
    return generate.dump(generate.timeline("large", events)).encode("utf-8")


def test_a_generated_timeline_is_read_in_pieces_as_the_located_loader_reads_it(in_pieces: None) -> None:
    raw = _large_timeline(60)
    assert pieced_agrees(raw) == "pieces"
    for size in (1, 1000, 5000):
        fastload._PIECE_BYTES = size  # restored by the fixture
        assert pieced_agrees(raw) == "pieces"


def test_a_large_timeline_is_read_in_pieces_by_default() -> None:
    raw = _large_timeline(2000)
    assert len(raw) >= fastload._PIECES_FROM
    fast = fast_data(raw)
    assert fast is not None and fast.pieces is not None
    pieces = list(fast.pieces)
    assert len(pieces) > 5
    assert same({**fast.data, "events": [item for piece in pieces for item in piece]}, parse_bytes(raw, "x").data)


def _validated(raw: bytes, *, keep_data: bool) -> tuple[bool, list[tuple[int, int, str, str]], Any]:
    document, validated = read_and_validate(raw, "large.yaml", today=TODAY, file_stem="large", keep_data=keep_data)
    problems = [(p.line, p.column, p.rule, p.message) for p in validated.problems]
    return isinstance(document, UnlocatedDocument), problems, validated.timeline


@pytest.mark.parametrize("error", sorted(generate.ERRORS))
def test_a_file_read_in_pieces_has_the_problems_the_located_loader_finds(
    in_pieces: None, monkeypatch: pytest.MonkeyPatch, error: str
) -> None:
    data = generate.timeline("large", 12)
    raw = generate._text_with_error("large", data, error).encode("utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(stage, "fast_data", lambda raw: None)
        located = _validated(raw, keep_data=True)
    assert located[1], error
    for keep_data in (True, False):
        assert _validated(raw, keep_data=keep_data) == located


def test_a_clean_file_read_in_pieces_loads_as_the_same_timeline(
    in_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _large_timeline(40)
    for keep_data in (True, False):
        fast = _validated(raw, keep_data=keep_data)
        assert fast[0] and not fast[1]
        with monkeypatch.context() as patch:
            patch.setattr(stage, "fast_data", lambda raw: None)
            assert _validated(raw, keep_data=keep_data)[2] == fast[2]
    # Records, not plain mappings, when the data is not kept: each piece was validated as it was read.
    document, _ = read_and_validate(raw, "large.yaml", today=TODAY, keep_data=False)
    assert document.data is None


def test_the_shipped_collection_read_in_pieces_checks_alike(
    in_pieces: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in TIMELINES.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    run = assert_checks_alike(tmp_path, monkeypatch)
    assert {Path(result.path).name for result in run.files if result.located} == {"india-s400.yaml"}
    for path in sorted(TIMELINES.glob("*.yaml")):
        fast = load_timeline(path, today=TODAY)
        with monkeypatch.context() as patch:
            patch.setattr(stage, "fast_data", lambda raw: None)
            assert load_timeline(path, today=TODAY) == fast
