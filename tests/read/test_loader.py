"""The safe loader: YAML 1.2 scalars, duplicate keys, aliases, bad bytes, located errors."""

from __future__ import annotations

from armsdeal.read.files import MAX_FILE_BYTES
from armsdeal.read.stage import parse_bytes


def rules_at(raw: bytes) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.rule) for p in parse_bytes(raw, "t.yaml").problems]


class TestScalars:
    def test_dates_stay_text_and_yaml11_booleans_stay_words(self) -> None:
        """No timestamp rule, and NO/yes/on are strings, as in YAML 1.2."""
        data = parse_bytes(b"a: 2017-09-12\nb: NO\nc: yes\nd: on\ne: true\nf: 2017\ng: 012\nh: 1:30\n", "t").data
        assert data == {
            "a": "2017-09-12",
            "b": "NO",
            "c": "yes",
            "d": "on",
            "e": True,
            "f": 2017,
            "g": "012",
            "h": "1:30",
        }

    def test_numbers_and_null_follow_the_core_schema(self) -> None:
        """Ints, floats and null resolve as the YAML 1.2 core schema says."""
        data = parse_bytes(b"a: 2.5e9\nb: -3\nc: ~\nd:\ne: .inf\nf: 0x1F\n", "t").data
        assert data == {"a": 2.5e9, "b": -3, "c": None, "d": None, "e": float("inf"), "f": 31}


class TestDuplicates:
    def test_every_duplicate_key_is_reported_at_the_second_key(self) -> None:
        """PyYAML would keep the last value silently; we report it and keep the first."""
        document = parse_bytes(b"id: a\ntitle: x\nid: b\nnested:\n  k: 1\n  k: 2\n", "t")
        located = [(p.line, p.column, p.rule) for p in document.problems]
        assert located == [(3, 1, "duplicate-key"), (6, 3, "duplicate-key")]
        assert document.data["id"] == "a"


class TestRefusals:
    def test_aliases_are_refused_before_expansion(self) -> None:
        """A billion-laughs document is refused at its first anchor, without building it."""
        bomb = b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        for level in "bcdefghi":
            previous = chr(ord(level) - 1)
            bomb += f"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous}]\n".encode()
        document = parse_bytes(bomb, "t")
        assert [(p.line, p.column, p.rule) for p in document.problems] == [(1, 4, "yaml-alias")]
        assert document.data is None

    def test_an_ampersand_in_text_is_not_an_anchor(self) -> None:
        """Text with & and * characters loads normally."""
        assert parse_bytes(b"title: Smith & Wesson * 2\n", "t").data == {"title": "Smith & Wesson * 2"}

    def test_files_over_the_cap_are_refused(self) -> None:
        """The size cap is checked before parsing."""
        assert rules_at(b"#" * (MAX_FILE_BYTES + 1)) == [(1, 1, "file-too-large")]

    def test_invalid_utf8_is_located(self) -> None:
        """The line and column of the first bad byte."""
        assert rules_at(b"id: a\ntitle: caf\xe9\n") == [(2, 11, "encoding")]

    def test_a_bom_is_a_warning_and_the_file_still_loads(self) -> None:
        """A UTF-8 BOM is harmless but flagged."""
        document = parse_bytes(b"\xef\xbb\xbfid: a\n", "t")
        assert [p.rule for p in document.problems] == ["byte-order-mark"]
        assert document.data == {"id": "a"}

    def test_empty_and_comment_only_files(self) -> None:
        """No document at all is a problem of its own."""
        assert rules_at(b"") == [(1, 1, "empty-file")]
        assert rules_at(b"# only a comment\n") == [(1, 1, "empty-file")]

    def test_syntax_errors_are_located(self) -> None:
        """libyaml's marks, 1-based; an unclosed bracket where it opened, not where parsing stopped."""
        assert rules_at(b"id: a\ntitle: [a, b}\n") == [(2, 13, "yaml-syntax")]
        assert rules_at(b"id: a\ntitle: [unclosed\n") == [(2, 8, "yaml-syntax")]
        assert rules_at(b"a: b\n- c\n") == [(2, 1, "yaml-syntax")]

    def test_second_document_is_refused(self) -> None:
        """One timeline per file."""
        assert [r for _, _, r in rules_at(b"id: a\n---\nid: b\n")] == ["multiple-documents"]

    def test_nul_bytes_and_deep_nesting_are_syntax_errors(self) -> None:
        """Control characters and nesting past libyaml's limit give located problems."""
        assert [r for _, _, r in rules_at(b"id: a\x00b\n")] == ["yaml-syntax"]
        # libyaml's own nesting limit (PyYAML 6.0.4's build) stops it first, or armsdeal's too-deep does (6.0.3).
        assert [r for _, _, r in rules_at(b"[" * 10_000 + b"]" * 10_000)] in (["yaml-syntax"], ["too-deep"])


class TestLocate:
    def test_locates_values_keys_and_missing_fields(self) -> None:
        """Paths into the data map back to lines and columns."""
        document = parse_bytes(b"id: a\nevents:\n  - id: e\n    date: 2017\n", "t")
        assert document.locate(("events", 0, "date")) == (4, 11)
        assert document.locate(("events", 0, "date"), at_key=True) == (4, 5)
        assert document.locate(("events", 0, "title")) == (3, 5)
        assert document.locate(("events", 5)) == (3, 3)


class TestTags:
    def test_tags_outside_the_core_schema_are_refused(self) -> None:
        """!!timestamp, !!set, !!binary and local tags are not for timelines."""
        for tag in ("!!timestamp 2019-02-30", "!!set {a}", "!!binary aGk=", "!python/object:os.system x", "!x y"):
            assert rules_at(f"id: x\ntitle: {tag}\n".encode()) == [(2, 8, "yaml-syntax")], tag

    def test_core_tags_with_bad_values_are_located_problems(self) -> None:
        """PyYAML raises ValueError or KeyError on these; we report them."""
        for value in ("!!int abc", "!!float x", "!!bool maybe"):
            assert rules_at(f"id: x\ntitle: {value}\n".encode()) == [(2, 8, "yaml-syntax")], value[:20]

    def test_core_tags_with_good_values_work(self) -> None:
        """An explicit !!str keeps a number as text."""
        assert parse_bytes(b"a: !!str 2017\nb: !!int '7'\n", "t").data == {"a": "2017", "b": 7}

    def test_keys_equal_only_in_python_are_not_duplicates(self) -> None:
        """1, true and 1.0 are different YAML keys even though Python says 1 == True == 1.0."""
        document = parse_bytes(b"1: a\ntrue: b\n1.0: c\n1: d\n", "t")
        assert [(p.line, p.rule) for p in document.problems] == [(4, "duplicate-key")]
        assert "'1'" in document.problems[0].message
