"""The data-safety contract of the writers (curate/safety.py, cli/editing.py): issue 27's reproducers.

Each test here failed on the code before the contract: fmt, add and new lost or changed data,
comments, tags, quotes, line endings, links or permissions.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import invoke
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from armsdeal.read.stage import parse_bytes

CLEAN = """\
id: t
title: T
deal:
  supplier: sweden
  recipient: thailand
  system: G
actors:
  sweden: {name: Sweden, kind: state}
  thailand: {name: Thailand, kind: state}
sources:
  s:
    publisher: P
    title: T
    url: https://example.org/a
events:
  - id: b
    date: 2020-02-01
    type: contract
    title: B
    sources: [s]
  - id: a
    date: 2020-01-01
    type: request
    title: A
    sources: [s]
"""

ADD = ("--date", "2021-01-01", "--type", "delivery", "--title", "ON", "--source", "https://example.org/a")


def readers(raw: bytes) -> tuple[Any, Any, Any]:
    return (
        parse_bytes(raw, "t.yaml").data,
        yaml.safe_load(raw),
        YAML(typ="safe", pure=True).load(raw),
    )


@pytest.fixture
def timeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "t.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def test_fmt_refuses_a_file_it_cannot_read_and_never_changes_a_tag(runner, timeline: Path) -> None:
    """Defect 1: an anchor made armsdeal's check compare nothing with nothing; `!!str` became `!!%20str`."""
    text = CLEAN.replace("title: T\ndeal", "title: &x !!str T\ndeal")
    timeline.write_text(text, encoding="utf-8")
    result = invoke(runner, "fmt", "t.yaml")
    assert result.exit_code == 1
    assert "t.yaml:2:8: error [yaml-alias]" in result.stderr and "left as it is" in result.stderr
    assert timeline.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("written", "column", "yaml11"),
    [
        ("no", 8, "false"),
        ("On", 8, "true"),
        ("1:30", 8, "90"),
        ("~T", 0, ""),
        # Written back plain (ruamel reads them as numbers and dates), so no reader's data changed: they passed.
        ("010", 8, "8"),
        ("1_000", 8, "1000"),
        ("0b11", 8, "3"),
        ("2019-04-01", 8, "a date"),
        ("2019-04-01 10:00:00", 8, "a date"),
    ],
)
def test_fmt_refuses_a_yaml11_lookalike_with_its_place_and_the_fix(
    runner, timeline: Path, written: str, column: int, yaml11: str
) -> None:
    """`title: no` is text for armsdeal and false for PyYAML: fmt says where, and what to write, not just 'refused'."""
    text = CLEAN.replace("title: T\ndeal", f"title: {written}\ndeal")
    timeline.write_text(text, encoding="utf-8")
    result = invoke(runner, "fmt", "t.yaml")
    if not column:  # text for every reader: formatted, and no look-alike named
        assert result.exit_code == 0 and "yaml11-lookalike" not in result.stderr
        return
    assert result.exit_code == 1 and timeline.read_text(encoding="utf-8") == text
    line = result.stderr.splitlines()[0]
    assert line.startswith(f"t.yaml:2:{column}: error [yaml11-lookalike] '{written}' is text for armsdeal")
    assert f"but {yaml11} for YAML 1.1 readers" in line and f"write '{written}' in quotes" in line


def test_fmt_keeps_a_tag_armsdeal_reads_or_refuses(runner, timeline: Path) -> None:
    text = CLEAN.replace("title: T\ndeal", "title: !!str 12\ndeal")
    timeline.write_text(text, encoding="utf-8")
    invoke(runner, "fmt", "t.yaml")
    after = timeline.read_text(encoding="utf-8")
    assert "!!str 12" in after and "%20" not in after


def test_fmt_keeps_a_comment_after_the_document_end_or_refuses(runner, timeline: Path) -> None:
    """Defect 2: a comment after `...` was dropped."""
    text = CLEAN + "...\n# the end\n"
    timeline.write_text(text, encoding="utf-8")
    result = invoke(runner, "fmt", "t.yaml")
    after = timeline.read_text(encoding="utf-8")
    assert "# the end" in after
    if after == text:
        assert result.exit_code == 1 and "comment '# the end'" in result.stderr


def test_fmt_keeps_the_comments_of_a_flow_style_timeline_or_refuses(runner, timeline: Path) -> None:
    """Defect 2: comments inside a JSON-like timeline were dropped."""
    text = (
        '{"id": "t", # the id\n "title": "T", # the title\n'
        ' "deal": {"supplier": "sweden", "recipient": "thailand", "system": "G"},\n'
        ' "actors": {"sweden": {"name": "Sweden", "kind": "state"},\n'
        '  "thailand": {"name": "Thailand", "kind": "state"}},\n'
        ' "sources": {}, "events": [] # none yet\n}\n'
    )
    timeline.write_text(text, encoding="utf-8")
    invoke(runner, "fmt", "t.yaml")
    after = timeline.read_text(encoding="utf-8")
    for comment in ("# the id", "# the title", "# none yet"):
        assert comment in after


def test_fmt_keeps_a_comment_after_a_block_scalars_indicator(runner, timeline: Path) -> None:
    """The contract's comment scan took `>-  # c` for part of the text, so fmt-direct could drop the comment."""
    text = CLEAN.replace("title: T\ndeal", "title: T\nsummary: >-  # to be checked\n  A summary.\ndeal")
    text = text.replace("date: 2020-02-01", "date: '2020-02-01'").replace("date: 2020-01-01", "date: '2020-01-01'")
    timeline.write_text(text, encoding="utf-8")
    result = invoke(runner, "fmt", "t.yaml")
    assert "# to be checked" in timeline.read_text(encoding="utf-8"), result.stderr


@pytest.mark.parametrize("value", ["'ON'", "'NO'", "'off'", "'1:30'", "'yes'", "'2019-04-01'"])
def test_fmt_keeps_yaml_1_1_look_alikes_quoted(runner, timeline: Path, value: str) -> None:
    """Defect 3: quotes a YAML 1.1 reader needs were dropped ('ON' became a boolean for PyYAML)."""
    timeline.write_text(CLEAN.replace("title: T\ndeal", f"title: {value}\ndeal"), encoding="utf-8")
    before = readers(timeline.read_bytes())
    assert invoke(runner, "fmt", "t.yaml").exit_code == 0
    after = readers(timeline.read_bytes())
    assert [data["title"] for data in after] == [data["title"] for data in before]
    assert yaml.safe_load(timeline.read_bytes())["title"] == value.strip("'")


def test_add_and_new_quote_yaml_1_1_look_alikes(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "new", "t", "--supplier", "sweden", "--recipient", "norway", "--system", "NO")
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "timelines" / "t.yaml"
    extra = ("--publisher", "Off", "--source-title", "1:30")
    assert invoke(runner, "add", "t", *ADD, *extra).exit_code == 0
    for data in readers(path.read_bytes()):
        assert data["deal"]["system"] == "NO"
        assert data["events"][0]["title"] == "ON"
        assert data["sources"]["off"]["title"] == "1:30"  # no --source-date: the publisher alone (issue 26)


@pytest.mark.parametrize("command", [("fmt", "t.yaml"), ("add", "t.yaml", *ADD)])
def test_writers_write_through_a_symbolic_link(runner, timeline: Path, command: tuple[str, ...]) -> None:
    """Defect 5: the link was replaced by a plain file and its target kept the old content."""
    target = timeline.with_name("target.yaml")
    timeline.rename(target)
    timeline.symlink_to(target.name)
    result = invoke(runner, *command)
    assert result.exit_code == 0, result.stderr
    assert timeline.is_symlink()
    assert target.read_text(encoding="utf-8") != CLEAN


@pytest.mark.parametrize("command", [("fmt", "t.yaml"), ("add", "t.yaml", *ADD)])
def test_writers_refuse_a_read_only_file(runner, timeline: Path, command: tuple[str, ...]) -> None:
    """Defect 5: a read-only file was rewritten silently; export -o refuses it."""
    timeline.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        result = invoke(runner, *command)
    finally:
        mode = timeline.stat().st_mode
        timeline.chmod(0o644)
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert timeline.read_text(encoding="utf-8") == CLEAN
    assert not mode & stat.S_IWUSR


@pytest.mark.parametrize("command", [("fmt", "t.yaml"), ("add", "t.yaml", *ADD)])
def test_writers_keep_crlf_line_endings_and_a_byte_order_mark(runner, timeline: Path, command: tuple[str, ...]) -> None:
    """Defect 13: add into a CRLF file left mixed line endings; defect 11: add refused a BOM (a warning)."""
    timeline.write_bytes(b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode())
    result = invoke(runner, *command)
    assert result.exit_code == 0, result.stderr
    raw = timeline.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw != b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode()
    assert raw.count(b"\n") == raw.count(b"\r\n")


def test_fmt_check_and_diff_escape_file_names(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Defect 9: fmt --check and --diff printed a crafted file name raw, escape sequences and all."""
    monkeypatch.chdir(tmp_path)
    name = "evil\x1b]0;pwned\x07.yaml"
    (tmp_path / name).write_text(CLEAN, encoding="utf-8")
    for option in ("--check", "--diff"):
        result = invoke(runner, "fmt", option, name)
        assert result.exit_code == (1 if option == "--check" else 0), result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "evil\\x1b]0;pwned\\x07.yaml" in result.stdout


@pytest.mark.parametrize("actor", ["true", "null", "1", "2019", "1e3", "0x1f"])
def test_new_refuses_actor_ids_yaml_reads_as_another_type(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, actor: str
) -> None:
    """Defect 10: such an id gave a timeline that fails check, with exit 0."""
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "new", "t", "--supplier", actor, "--recipient", "thailand", "--system", "G")
    assert result.exit_code == 2 and f"'{actor}' is not a valid actor id" in result.stderr
    assert not (tmp_path / "timelines" / "t.yaml").exists()


def test_fmt_says_why_it_left_a_file(runner, timeline: Path) -> None:
    """Defect 11: a file fmt refused was called 'not valid YAML' though check found nothing."""
    timeline.write_text(CLEAN + "...\n# the end\n", encoding="utf-8")
    result = invoke(runner, "fmt", "t.yaml")
    assert "not valid YAML" not in result.stderr
    assert "1 left as it was (the reason for each is above)" in result.stderr


def test_add_writes_a_long_note_in_fmts_form(runner, timeline: Path) -> None:
    """Issue 26: a long --note from add made `fmt --check` fail."""
    note = "The sources disagree on the date of the delivery, " * 3
    assert invoke(runner, "fmt", "t.yaml").exit_code == 0
    assert invoke(runner, "add", "t.yaml", *ADD, "--note", note.strip()).exit_code == 0
    assert invoke(runner, "fmt", "--check", "t.yaml").exit_code == 0


def test_a_bom_of_the_editable_text_is_never_doubled(timeline: Path) -> None:
    from armsdeal.curate.safety import editable_text, encoded, layout_of

    raw = b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode()
    assert encoded(editable_text(raw, "t"), layout_of(raw)) == raw
    assert os.fspath(timeline)


def test_fmt_keeps_a_comment_on_an_empty_flow_list_of_events(runner, timeline: Path) -> None:
    """ruamel wrote the comment between `events:` and `[]`, which then began a line of its own (other data)."""
    text = CLEAN.split("events:")[0].replace(
        "sources:\n  s:\n    publisher: P\n    title: T\n    url: https://example.org/a\n", "sources: {}\n"
    )
    timeline.write_text(text + "events: []  # none yet\n", encoding="utf-8")
    result = invoke(runner, "fmt", "t.yaml")
    assert result.exit_code == 0, result.stderr
    after = timeline.read_text(encoding="utf-8")
    assert "events: []" in after and "# none yet" in after


def test_add_refuses_a_file_it_cannot_read_with_a_located_message(runner, timeline: Path) -> None:
    text = CLEAN.replace("title: T\ndeal", "title: &x T\ndeal")
    timeline.write_text(text, encoding="utf-8")
    result = invoke(runner, "add", "t.yaml", *ADD)
    assert result.exit_code == 1 and "t.yaml:2:8: error [yaml-alias]" in result.stderr
    assert timeline.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("written", ["no", "010", "2019-04-01"])
def test_add_refuses_a_yaml11_lookalike_as_fmt_does(runner, timeline: Path, written: str) -> None:
    """One look-alike test for every writer: add names the same place and fix as fmt."""
    text = CLEAN.replace("title: T\ndeal", f"title: {written}\ndeal")
    timeline.write_text(text, encoding="utf-8")
    result = invoke(runner, "add", "t.yaml", *ADD)
    assert result.exit_code == 1 and timeline.read_text(encoding="utf-8") == text
    assert result.stderr.startswith(f"t.yaml:2:8: error [yaml11-lookalike] '{written}' is text for armsdeal")


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2), st.floats(allow_nan=True), st.text(max_size=3), st.just(1.0)
)
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=2), st.sampled_from([1, True, 1.0, None])), inner, max_size=3),
    ),
    max_leaves=12,
)


@given(_data, _data)
def test_same_data_is_the_typed_comparison(first: Any, second: Any) -> None:
    from armsdeal.curate.safety import _typed, same_data

    assert same_data(first, second) == (_typed(first) == _typed(second))
    assert same_data(first, first)
