"""Errors that say how to fix them: quoting, unclosed quotes, did-you-mean, missing paths."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import TIMELINES, invoke

from armsdeal.check.validate import validate_document
from armsdeal.read.stage import parse_bytes


def problems_of(text: str) -> list[str]:
    return [str(p) for p in validate_document(parse_bytes(text.encode(), "t.yaml"), today=date(2026, 11, 30)).problems]


class TestQuoteHint:
    def test_colon_in_a_plain_value_suggests_the_quoted_line(self) -> None:
        [problem] = problems_of("id: x\ntitle: Contract signed: 12 Gripen E\n")
        assert problem.startswith("t.yaml:2:")
        assert problem.endswith("must be quoted: title: 'Contract signed: 12 Gripen E'")

    def test_in_a_list_item_with_an_apostrophe_double_quotes(self) -> None:
        [problem] = problems_of('id: x\nevents:\n  - title: Erdogan\'s claim: "signed"\n')
        assert problem.endswith('must be quoted: - title: "Erdogan\'s claim: \\"signed\\""')

    def test_the_suggested_line_parses_to_the_intended_value(self) -> None:
        import yaml

        [problem] = problems_of("id: x\ntitle: A: b 'c' \"d\" \\e\n")
        fixed = problem.split("must be quoted: ", 1)[1]
        assert yaml.safe_load(fixed) == {"title": "A: b 'c' \"d\" \\e"}

    def test_no_hint_for_other_mapping_errors(self) -> None:
        [problem] = problems_of("id: x\ntitle: abc\n  foo: bar\n")
        assert "quoted" not in problem


class TestUnclosedQuote:
    def test_names_where_it_opened_and_where_parsing_stopped(self) -> None:
        [problem] = problems_of('id: x\ntitle: "Contract signed\nsummary: abc\n')
        assert problem.startswith("t.yaml:2:8: error [yaml-syntax]")
        assert "opened at line 2, column 8" in problem
        assert "parsing stopped at line 4, column 1" in problem

    def test_closed_by_a_later_quote(self) -> None:
        text = 'id: x\nevents:\n  - id: a\n    title: "Contract signed\n    type: x\n  - id: b\n    title: "hi"\n'
        [problem] = problems_of(text)
        assert problem.startswith("t.yaml:4:12: error [yaml-syntax]")
        assert "parsing stopped at line 7" in problem

    def test_single_quote(self) -> None:
        [problem] = problems_of("id: x\ntitle: 'it is\nsummary: abc\n")
        assert "the quote (') opened at line 2, column 8" in problem


def _brackets(text: str) -> list[tuple[int, int, int]]:
    """Every flow collection of a valid file: the opener's line and column (1-based), the closer's offset."""
    import yaml

    offsets = [0]
    for line in text.split("\n"):
        offsets.append(offsets[-1] + len(line) + 1)
    opened: list[tuple[int, int]] = []
    pairs = []
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken):
            opened.append((token.start_mark.line + 1, token.start_mark.column + 1))
        elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken):
            mark = token.start_mark
            pairs.append((*opened.pop(), offsets[mark.line] + mark.column))
    return pairs


class TestUnclosedBracket:
    def test_names_where_it_opened_and_how_to_close_it(self) -> None:
        [problem] = problems_of("id: x\nrelated: [turkey-f35\n")
        assert problem == (
            "t.yaml:2:10: error [yaml-syntax] invalid YAML: the list ([) opened at line 2, column 10 is not closed; "
            "parsing stopped at line 3, column 1 (did not find expected ',' or ']'); close it with ']'"
        )

    def test_a_mapping_stopped_at_a_later_line(self) -> None:
        [problem] = problems_of("id: x\nactors: {a: b\ntitle: T\n")
        assert problem.startswith("t.yaml:2:9: error [yaml-syntax] invalid YAML: the mapping ({) opened at line 2")
        assert "parsing stopped at line 3, column 6" in problem
        assert problem.endswith("close it with '}'")

    def test_the_open_ones_around_it_are_named_too(self) -> None:
        [problem] = problems_of("id: x\ntags: [a, {b: c\n")
        assert problem.startswith("t.yaml:2:11: error [yaml-syntax] invalid YAML: the mapping ({) opened at line 2")
        assert problem.endswith("close it with '}'; the list ([) opened at line 2, column 7 is not closed either")

    def test_brackets_in_quotes_and_comments_do_not_count(self) -> None:
        text = "id: x\n# [\ntitle: '[sic'\nrelated: [a, \"b]\", 'c}'  # ]\nsummary: \"{\"\n"
        [problem] = problems_of(text)
        assert problem.startswith("t.yaml:4:10: error [yaml-syntax] invalid YAML: the list ([) opened at line 4,")

    def test_a_block_scalar_after_it_still_gets_the_hint(self) -> None:
        [problem] = problems_of("id: x\nrelated: [a\nsummary: >-\n  b ] c\n")
        assert problem.startswith("t.yaml:2:10: error [yaml-syntax] invalid YAML: the list ([) opened")

    @pytest.mark.parametrize(
        ("text", "where"),
        [
            ("id: x\ntags: [a, b}\n", "2:12"),  # crossed: the '}' may be the typo
            ("id: x\ntags: [a, b}]\n", "2:12"),  # closed after all
            ('id: x\ntags: ["a"\n  "b"]\n', "3:3"),  # a missing comma in a list over two lines
            ("id: x\ntags: [a: b: c]\n", "2:12"),  # another error inside a closed list
            ("id: x\ntags: [a\n  `b`]\ntitle: @c\n", "4:8"),  # the scan stops at an error that is no block scalar
        ],
    )
    def test_otherwise_the_parsers_message_stands(self, text: str, where: str) -> None:
        [problem] = problems_of(text)
        assert problem.startswith(f"t.yaml:{where}: error [yaml-syntax] invalid YAML: ")
        assert "is not closed" not in problem

    def test_every_bracket_of_a_shipped_timeline_left_open_is_found_and_no_other(self) -> None:
        """Drop each closing bracket of turkey-f35 in turn: the hint names its opener; an error inside a
        collection that is closed never gets the hint."""
        text = (TIMELINES / "turkey-f35.yaml").read_text(encoding="utf-8")
        pairs = _brackets(text)
        assert len(pairs) > 30
        for line, column, closer in pairs:
            [problem] = problems_of(text[:closer] + text[closer + 1 :])
            assert problem.startswith(f"t.yaml:{line}:{column}: error [yaml-syntax] invalid YAML: the "), problem
            assert "is not closed;" in problem
            [problem] = problems_of(text[:closer] + ": b: c" + text[closer:])
            assert "[yaml-syntax]" in problem and "is not closed" not in problem, problem


MINIMAL = """\
id: t
title: T
actors:
  a: {{name: A, kind: {kind}}}
sources:
  s: {{publisher: P, title: T, url: "https://example.org/a"}}
events:
  - id: e
    date: "2019"
    type: {type}
    status: {status}
    title: x
    sources: [s]
    actors: [a]
"""


@pytest.mark.parametrize(
    ("field", "typo", "meant"),
    [("type", "agreemnt", "agreement"), ("status", "Confirmed", "confirmed"), ("kind", "stat", "state")],
)
def test_every_closed_vocabulary_suggests(field: str, typo: str, meant: str) -> None:
    values = {"type": "agreement", "status": "confirmed", "kind": "state"} | {field: typo}
    [problem] = problems_of(MINIMAL.format(**values))
    assert f"'{typo}' is not a valid {field} (did you mean '{meant}'?)" in problem


def test_deal_status_suggests() -> None:
    text = MINIMAL.format(type="agreement", status="confirmed", kind="state") + "deal: {status: deliverd}\n"
    [problem] = problems_of(text)
    assert "(did you mean 'delivered'?)" in problem


def test_missing_path_is_no_such_file_without_a_line(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "check", "timelines/")
    assert result.exit_code == 2
    assert result.stdout == "timelines: error [file-unreadable] no such file or directory\n"
    as_json = invoke(runner, "check", "--format", "json", "timelines/")
    assert '"line": 1' in as_json.stdout  # the machine formats keep their shape


class TestSourceLines:
    TEXT = (
        "id: t\ntitle: T\nsources: {s: {publisher: P, title: T, url: 'https://example.org/s'}}\n"
        "events:\n  - id: e\n    date: 2019\n"
        "    type: agreemnt\n    title: x\n    status: Confirmed\n    sources: [s]\n"
    )

    def test_text_shows_the_line_and_a_caret_under_the_column(self, runner, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        Path("t.yaml").write_text(self.TEXT, encoding="utf-8")
        result = invoke(runner, "check", "--source", "t.yaml")
        lines = result.stdout.splitlines()
        assert lines[0].startswith("t.yaml:7:11: error [invalid-value] 'agreemnt'")
        assert lines[1:3] == ["  7 |     type: agreemnt", "    |           ^"]
        assert lines[3].startswith("t.yaml:9:13: error [invalid-value] 'Confirmed'")
        assert lines[4:6] == ["  9 |     status: Confirmed", "    |             ^"]

    def test_no_source_and_the_machine_formats_have_none(self, runner, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        Path("t.yaml").write_text(self.TEXT, encoding="utf-8")
        plain = invoke(runner, "check", "--no-source", "t.yaml").stdout.splitlines()
        assert invoke(runner, "check", "t.yaml").stdout.splitlines() == plain  # not a terminal: one line each
        assert [line.split(":")[1] for line in plain] == ["7", "9"]
        for output_format in ("github", "json"):
            assert "|" not in invoke(runner, "check", "--format", output_format, "t.yaml").stdout.replace("||", "")

    def test_the_source_line_is_cleaned(self, runner, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        Path("t.yaml").write_text(self.TEXT.replace("title: x", 'title: "\\e[31m"\n    bad: \x1b[31mred'), "utf-8")
        result = invoke(runner, "check", "--source", "t.yaml")
        assert "\x1b" not in result.stdout


class TestLayoutMistakes:
    """Common slips of a new user, each located and with its fix (a new user's trial found them bare)."""

    @pytest.mark.parametrize(
        "text",
        [
            "id: x\ntitle: T\nevents:\n\t- id: a\n",  # a tab before a list item
            "id: x\nevents:\n  - id: a\n\tdate: 2019\n",  # a tab before a key
            "id: x\n\ttitle: T\n",
        ],
    )
    def test_a_tab_for_indentation_says_to_use_spaces(self, text: str) -> None:
        [problem] = problems_of(text)
        assert "[yaml-syntax]" in problem and "a tab cannot indent YAML: indent with spaces" in problem

    def test_an_under_indented_key_says_how_far_to_indent_it(self) -> None:
        [problem] = problems_of("id: x\nsources:\n  s:\n    publisher: P\n   title: T\n")
        assert problem.startswith("t.yaml:5:4: error [yaml-syntax]")
        assert "line 5 is indented 3 spaces and line 4 above it 4" in problem and "indent it with 4 spaces" in problem

    def test_an_under_indented_key_of_an_event(self) -> None:
        [problem] = problems_of("id: x\nevents:\n  - id: a\n    date: 2019\n   type: contract\n")
        assert "line 5 is indented 3 spaces and line 4 above it 4" in problem

    @pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
    def test_an_empty_file_says_what_to_write_in_it(self, text: str) -> None:
        [problem] = problems_of(text)
        assert problem.startswith("t.yaml:1:1: error [empty-file] file holds no timeline; write one in it")
