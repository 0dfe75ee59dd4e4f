"""`armsdeal fmt` keeps every comment with what it describes (docs/format.md, "Canonical layout").

A comment on its own line belongs to what comes after it and moves with it;
at the end of a block it stays at the end; a comment at the end of a line
stays with that line's key or item. The cases are files: tests/data/fmt/<case>/input.yaml
formats to expected.yaml (rewrite with ARMSDEAL_UPDATE_GOLDEN=1, review with git diff).
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from itertools import dropwhile
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, ROOT, update_golden
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from armsdeal.core.dates import parse_edtf
from armsdeal.curate.fmt import format_text
from armsdeal.curate.yamlio import load
from armsdeal.read.stage import parse_bytes

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate

CASES = sorted(path for path in (DATA / "fmt").iterdir() if path.is_dir())
COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def data_of(text: str) -> Any:
    document = parse_bytes(text.encode("utf-8"), "t.yaml")
    assert not document.problems, document.problems
    return document.data


def comments(text: str) -> Counter[str]:
    """Every comment of a text (the lines of the fixtures' block scalars hold none that look like one)."""
    found = (COMMENT.search(line) for line in text.splitlines())
    return Counter(match.group(1) for match in found if match)


def above(text: str, line: str) -> list[str]:
    """The comment lines directly above ``line`` (blank lines between them skipped)."""
    lines = text.splitlines()
    index = lines.index(line) - 1
    found = []
    while index >= 0 and (not lines[index].strip() or lines[index].lstrip().startswith("#")):
        if lines[index].strip():
            found.append(lines[index].strip())
        index -= 1
    return found[::-1]


def leading_blanks(text: str, line: str) -> int:
    """How many blank lines begin the run of comment and blank lines directly above ``line``."""
    lines = text.splitlines()
    index = lines.index(line) - 1
    run = []
    while index >= 0 and (not lines[index].strip() or lines[index].lstrip().startswith("#")):
        run.append(lines[index])
        index -= 1
    run.reverse()
    return len(run) - len(list(dropwhile(lambda item: not item.strip(), run)))


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_case(case: Path) -> None:
    text = (case / "input.yaml").read_text(encoding="utf-8")
    result = format_text(text, str(case / "input.yaml"))
    expected = case / "expected.yaml"
    if os.environ.get("ARMSDEAL_UPDATE_GOLDEN"):
        update_golden(expected, result)
    assert result == expected.read_text(encoding="utf-8")
    assert format_text(result, str(expected)) == result
    assert comments(result) == comments(text)


def test_the_issue_example() -> None:
    """The report: the comment above the second event stayed above the first one once they were sorted."""
    result = (DATA / "fmt" / "issue-example" / "expected.yaml").read_text(encoding="utf-8")
    assert above(result, "  - id: first") == ["# first event comment"]
    assert above(result, "  - id: second") == ["# second event comment"]
    assert "title: A minimal timeline  # title comment\n" in result


def test_comments_above_events_move_with_them() -> None:
    result = (DATA / "fmt" / "events-first-middle-last" / "expected.yaml").read_text(encoding="utf-8")
    assert above(result, "  - id: a") == []
    assert above(result, "  - id: b") == ["# b: three lines", "# b: of comment", "# b: above b"]
    assert above(result, "  - id: c") == ["# c: the date is approximate", "# c: (two comment lines)"]
    assert above(result, "  - id: d") == ["# d: recheck the source"]


def test_comments_above_keys_move_with_them_at_each_level() -> None:
    result = (DATA / "fmt" / "keys-each-level" / "expected.yaml").read_text(encoding="utf-8")
    for line, comment in [
        ("id: keys", "# id: equals the file name"),
        ("title: Comments before keys fmt moves, at each level", "# title: the working title"),
        ("  supplier: freedonia", "# supplier: the seller"),
        ("  system: FR-9 Watchtower", "# system: as the supplier calls it"),
        ("    count: 4", "# count: from the contract"),
        ("    name: Freedonia", "# name: as written in English"),
        ("    publisher: Example News", "# publisher: the newspaper"),
        ("    url: https://example.com/a", "# url: the live page"),
        ("  - id: ordered", "# id: stable"),  # above the event's first key: above the event
        ("    title: Radars ordered", "# title: a one-line summary"),
        ("      count: 4", "# count: four"),
    ]:
        assert above(result, line) == [comment], line


def test_comments_at_the_end_of_a_block_stay_there() -> None:
    result = (DATA / "fmt" / "block-ends" / "expected.yaml").read_text(encoding="utf-8")
    assert "  recipient: ruritania\n  # deal: end of the deal block\nactors:" in result
    assert "    url: https://example.com/a\n    # a-source: end of the source\n  # sources: end" in result
    assert result.endswith("    # late: end of the event\n  # events: end of the list\n# file: the end\n")
    assert result.index("  - id: early") < result.index("  - id: late")


def test_blank_lines_keep_their_place() -> None:
    """The blank lines above the n-th event stay above the n-th event; the comments move with theirs."""
    text = (DATA / "fmt" / "blank-lines" / "input.yaml").read_text(encoding="utf-8")
    result = (DATA / "fmt" / "blank-lines" / "expected.yaml").read_text(encoding="utf-8")
    assert [leading_blanks(text, f"  - id: {name}") for name in "cba"] == [0, 1, 2]
    assert [leading_blanks(result, f"  - id: {name}") for name in "abc"] == [0, 1, 2]
    assert above(result, "  - id: a") == ["# a: two blank lines above"]
    assert above(result, "  - id: b") == ["# b: a comment with a blank line above it", "# b: and another group"]
    assert above(result, "  - id: c") == []
    assert "\n\nsources:" in result and "\n\nevents:" in result


def _sorted_events(data: dict[str, Any]) -> dict[str, Any]:
    events = sorted(data["events"], key=lambda event: parse_edtf(str(event["date"])).sort_key())
    return {**data, "events": events}


STYLES = st.sampled_from(
    [
        {"default_flow_style": False, "width": 80},
        {"default_flow_style": None, "width": 60},
        {"default_flow_style": False, "width": 1000, "indent": 4},
    ]
)


def _entry_lines(node: Any, found: dict[int, int]) -> None:
    """Line -> indentation of every line where an entry of a block collection begins."""
    if isinstance(node, CommentedMap) and not node.fa.flow_style():
        for key, value in node.items():
            line, column = node.lc.key(key)
            found.setdefault(line, column)
            _entry_lines(value, found)
    elif isinstance(node, CommentedSeq) and not node.fa.flow_style():
        for index, value in enumerate(node):
            line, column = node.lc.item(index)
            found[line] = min(found.get(line, column), column - 2)  # the dash
            _entry_lines(value, found)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(0, 40),
    events=st.integers(1, 8),
    style=STYLES,
    shuffle=st.randoms(),
    draw=st.data(),
)
def test_fmt_property_comments(index: int, events: int, style: dict[str, Any], shuffle: Any, draw: Any) -> None:
    """Comments anywhere between entries, and at the ends of lines: fmt keeps each exactly once, with its
    event, and is idempotent; the data is kept (events in date order)."""
    check_comments(index, events, style, shuffle, lambda label, options: draw.draw(st.sampled_from(options), label))


def check_comments(index: int, events: int, style: dict[str, Any], shuffle: Any, choose: Any) -> None:
    data = generate.timeline(generate.file_id(index), events, related=[generate.file_id(index ^ 1)])
    shuffle.shuffle(data["events"])
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, **style)
    lines = text.splitlines()
    entries: dict[int, int] = {}
    _entry_lines(load(text, "t.yaml"), entries)
    out: list[str] = []
    travelling: dict[str, list[str]] = {}  # event id -> the comments that must stay above it
    markers = 0
    first_event = True
    for number, line in enumerate(lines):
        if number in entries:
            indent = entries[number]
            event = re.match(r"\s*- id: (\S+)$", line)
            moving = False
            for _ in range(choose("comments", [0, 0, 1, 2])):
                if choose("blank", [False, True]):
                    out.append("")
                column = choose("column", sorted({0, indent, indent + 2, indent + 4}))
                markers += 1
                out.append(" " * column + f"# c{markers} comment")
                moving = moving or column <= indent or first_event
                if event and moving:
                    travelling.setdefault(event.group(1), []).append(f"# c{markers} comment")
            first_event = first_event and not event
            ends = number + 1 in entries or number + 1 == len(lines)
            if ends and choose("eol", [False, True]):
                markers += 1
                line += f"  # e{markers} comment"
        out.append(line)
    text = "\n".join(out) + "\n"
    once = format_text(text, "t.yaml")
    assert format_text(once, "t.yaml") == once
    assert data_of(once) == _sorted_events(data_of(text))
    for marker in range(1, markers + 1):
        assert once.count(f"c{marker} comment") + once.count(f"e{marker} comment") == 1, marker
    for event_id, expected in travelling.items():
        line = next(line for line in once.splitlines() if re.search(rf"- id: {event_id}( +# .*)?$", line))
        found = above(once, line)
        assert [comment for comment in found if comment in expected] == expected, event_id
    for line in text.splitlines():
        if (eol := re.match(r"\s*(?:- )?([\w-]+):.*  # (e\d+ comment)$", line)) is not None:
            kept = next(line for line in once.splitlines() if line.endswith(eol.group(2)))
            assert re.match(rf"\s*(?:- )?{eol.group(1)}:", kept), (line, kept)
