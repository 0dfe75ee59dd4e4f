"""Untrusted text in terminal, check, CSV and annotation output (issue 13, defects 14-17).

Invisible characters and line separators become visible escapes; CSV cells
cannot start a formula even with leading whitespace; GitHub annotations carry
a carriage return in a path as %0D; `show` folds a word wider than its column.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, invoke

from armsdeal.check.validate import load_timeline
from armsdeal.export import ExportOptions
from armsdeal.export.csv_export import export_csv, neutralise
from armsdeal.render.safe_text import clean, to_json

INVALID = DATA / "invalid"
MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


class TestInvisibleCharacters:
    @pytest.mark.parametrize("character", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u2028", "\u2029"])
    def test_clean_shows_zero_width_and_separator_characters(self, character: str) -> None:
        cleaned = clean(f"a{character}b")
        assert character not in cleaned
        assert cleaned == f"a\\u{ord(character):04x}b"

    @pytest.mark.parametrize("emoji", ["👨\u200d👩\u200d👧", "🏳\ufe0f\u200d🌈", "👩🏽\u200d🚒"])
    def test_clean_keeps_the_joiner_inside_an_emoji_sequence(self, emoji: str) -> None:
        assert clean(emoji) == emoji

    def test_json_keeps_them_exact_as_escapes(self) -> None:
        text = to_json({"t": "a\u200bb\u2028c\ufeff"})
        assert "\u200b" not in text and "\u2028" not in text and "\ufeff" not in text
        assert json.loads(text) == {"t": "a\u200bb\u2028c\ufeff"}

    def test_a_line_separator_never_splits_a_check_message(self, runner, tmp_path: Path, monkeypatch) -> None:
        text = (INVALID / "invalid-value.yaml").read_text(encoding="utf-8")
        (tmp_path / "invalid-value.yaml").write_text(
            text.replace("type: sale", 'type: "sale\\u2028x\\u200by"'), encoding="utf-8"
        )
        monkeypatch.chdir(tmp_path)
        for fmt in ("text", "github"):
            result = invoke(runner, "check", "--format", fmt, "invalid-value.yaml")
            lines = result.stdout.splitlines()
            assert all(line.startswith(("invalid-value.yaml:", "::")) for line in lines), lines
            assert "\u2028" not in result.stdout and "\u200b" not in result.stdout
            assert "sale\\u2028x\\u200by" in result.stdout

    def test_show_makes_zero_width_characters_visible(self, runner, write_timeline) -> None:
        path = write_timeline("minimal", MINIMAL.replace("title: Something happened", 'title: "Some\\u200bthing"'))
        result = invoke(runner, "show", str(path), "--color", "never")
        assert "\u200b" not in result.stdout
        assert "Some\\u200bthing" in result.stdout


class TestCsvFormulas:
    @pytest.mark.parametrize("cell", ["\t=1+2", " =1+2", "  +1", "\u00a0=1", "\n@SUM(A1)"])
    def test_leading_whitespace_before_a_formula_is_neutralised(self, cell: str) -> None:
        assert neutralise(clean(cell)).startswith("'")

    @pytest.mark.parametrize("cell", ["S-400", "2.5 bn", "Turkey", "'quoted"])
    def test_ordinary_cells_are_untouched(self, cell: str) -> None:
        assert neutralise(cell) == cell

    def test_a_tab_then_a_formula_in_a_title_exports_as_text(self, write_timeline) -> None:
        path = write_timeline("minimal", MINIMAL.replace("title: Something happened", 'title: "\\t=1+2"', 2))
        rows = list(csv.DictReader(io.StringIO(export_csv([load_timeline(path)], ExportOptions()), newline="")))
        assert rows[0]["title"] == "' =1+2"


def test_github_annotations_carry_a_carriage_return_as_percent_0d(runner, tmp_path: Path, monkeypatch) -> None:
    shutil.copy(INVALID / "invalid-value.yaml", tmp_path / "a\rb.yaml")
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "check", "--format", "github", "a\rb.yaml")
    assert result.stdout.startswith("::error file=a%0Db.yaml,")
    assert "\\x0d" not in result.stdout and "\r" not in result.stdout


def test_show_folds_a_word_wider_than_the_column(runner, write_timeline) -> None:
    url = "https://example.org/" + "segment-" * 20 + "end"
    path = write_timeline(
        "minimal", MINIMAL.replace("    sources: [a-source]", f"    sources: [a-source]\n    note: {url}")
    )
    result = invoke(runner, "show", str(path), "--full", "--color", "never", "--width", "60")  # notes: --full
    assert "…" not in result.stdout
    joined = "".join(line.strip() for line in result.stdout.splitlines())
    assert url in joined
