"""`search`'s hits drawn as lines (render/search.py, fast path "search-rows") write what the Table wrote.

The reference is the Rich Table.grid that drew every hit (ARMSDEAL_NO_FAST=search-rows): the same
bytes at every width (wide enough for the lines, and narrow enough that the Table squeezes more than
the body and draws itself), with and without colour, over hits from hand-written timelines (escapes,
wide characters, long words, notes) and from generated ones.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import DATA, pinned_console, random_timeline
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from armsdeal.check.validate import load_timeline
from armsdeal.cli.app import trim_trailing_spaces
from armsdeal.core.model import Timeline
from armsdeal.core.search import matching_events
from armsdeal.render import lines
from armsdeal.render.search import plain_wrapped, search_view

WIDTHS = (20, 33, 47, 60, 80, 100, 133, 200)


def timelines(tmp_path: Path) -> list[Timeline]:
    found = [
        load_timeline(DATA / "valid" / f"{name}.yaml") for name in ("showcase", "hostile", "minimal", "date-forms")
    ]
    rng = random.Random(33)
    for number in range(6):
        path = tmp_path / f"deal-{number}.yaml"
        path.write_text(random_timeline(f"deal-{number}", rng), encoding="utf-8")
        found.append(load_timeline(path))
    return found


def drawn(view: object, *, color: bool, width: int) -> str:
    """What the CLI writes: the lines a batch at a time, the Table as the console prints it; both trimmed."""
    console = pinned_console(color=color, width=width)
    if isinstance(view, lines.LineRows):
        return "".join(lines.draw(console, view, trim_trailing_spaces))
    console.print(view)
    return trim_trailing_spaces(console.file.getvalue())  # type: ignore[attr-defined]


@pytest.mark.fast_paths
@pytest.mark.parametrize("word", ["a", "e", "o", "rafale", "S-400", "ss"])
def test_search_rows_write_what_the_table_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, word: str) -> None:
    hits = matching_events(timelines(tmp_path), word)
    assert hits
    drawn_as_lines = 0
    for width in WIDTHS:
        for color in (False, True):
            fast = search_view(hits, word, width)
            drawn_as_lines += isinstance(fast, lines.LineRows)
            with monkeypatch.context() as patch:
                patch.setenv("ARMSDEAL_NO_FAST", "search-rows")
                reference = search_view(hits, word, width)
            assert not isinstance(reference, lines.LineRows)
            assert drawn(fast, color=color, width=width) == drawn(reference, color=color, width=width), (width, color)
    assert drawn_as_lines, "the lines were drawn at some width"


@pytest.mark.fast_paths
def test_bodies_of_wide_characters_are_wrapped_where_the_table_wraps_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A body line no longer than the column in characters but wider in cells (CJK, two cells each) is wrapped."""
    path = tmp_path / "wide.yaml"
    title = "拉法勒戰鬥機" * 5 + " rafale"  # 37 characters, 67 cells
    path.write_text(
        "id: wide\ntitle: Wide\nsources:\n  s:\n    publisher: Example News\n    title: A report\n"
        "    url: https://example.org/1\nevents:\n"
        f"  - id: e0\n    date: 2020\n    type: statement\n    title: {title}\n    sources: [s]\n"
        f"    note: {title} {title}\n",
        encoding="utf-8",
    )
    hits = matching_events([load_timeline(path)], "rafale")
    for width in range(60, 110, 3):
        fast = search_view(hits, "rafale", width)
        with monkeypatch.context() as patch:
            patch.setenv("ARMSDEAL_NO_FAST", "search-rows")
            reference = search_view(hits, "rafale", width)
        for color in (False, True):  # without colours, the text wrapped as plain strings (fast path "search-plain")
            assert drawn(fast, color=color, width=width) == drawn(reference, color=color, width=width), (width, color)


@pytest.mark.fast_paths
@pytest.mark.parametrize("word", ["a", "e", "rafale", "ss"])
def test_search_plain_writes_what_the_lines_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, word: str) -> None:
    """Without colours (piped), the rows made from plain strings are the bytes of the rows made as Lines."""
    hits = matching_events(timelines(tmp_path), word)
    for width in WIDTHS:
        fast = search_view(hits, word, width)
        with monkeypatch.context() as patch:
            patch.setenv("ARMSDEAL_NO_FAST", "search-plain")
            reference = search_view(hits, word, width)
        assert isinstance(fast, lines.LineRows) == isinstance(reference, lines.LineRows)
        assert drawn(fast, color=False, width=width) == drawn(reference, color=False, width=width), width


_PIECES = st.sampled_from(["a", "bc", " ", "  ", "x" * 13, "-", "\u3042", "\u3042\u3042", "\u00e9", "\n", "\u00a0"])


@given(body=st.lists(_PIECES, max_size=30).map("".join), width=st.integers(min_value=2, max_value=24))
def test_plain_bodies_wrap_as_rich_wraps_them(body: str, width: int) -> None:
    """search.plain_wrapped gives the text of Text.wrap's lines (their padding aside), lines that fit or not."""
    console = pinned_console(width=width)
    wrapped = Text(body).wrap(console, width, justify="left", overflow="ellipsis", tab_size=8, no_wrap=False)
    assert [line.rstrip(" ") for line in plain_wrapped(body, width)] == [line.plain.rstrip(" ") for line in wrapped]
