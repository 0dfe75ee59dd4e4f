"""render/lines.py: rows drawn without Rich's Text give Rich's bytes, and views are drawn in pieces."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import StringIO

import pytest
from conftest import DATA, TIMELINES, draw, pinned_console
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, Group
from rich.style import Style
from rich.text import Text

from armsdeal.check.validate import load_timeline
from armsdeal.cli.app import trim_trailing_spaces
from armsdeal.core.chronology import merge, one_per_event
from armsdeal.core.dates import parse_edtf
from armsdeal.render import lines
from armsdeal.render.lines import Line, LineRows
from armsdeal.render.theme import THEME
from armsdeal.render.view import MIN_TITLE, ViewOptions, event_view, fit, timeline_view

# Wide and narrow characters, combining marks, emoji, whitespace Python strips but Rich does not.
ALPHABET = st.sampled_from(
    ["a", "Z", "7", " ", " ", "-", "[", "]", "é", "ü", "\u0301", "中", "文", "😀", "…", "\u3000", "\xa0"]
)
STYLES = st.sampled_from(["", "date", "bold", "dim", "source.number", "bold underline red", "italic cyan", "context"])
LINK = Style(link="https://example.org/a")
LINK_ID = re.compile(r"\x1b\]8;id=[^;]*;")


def consoles() -> list[Console]:
    """Plain, 16 colours, truecolor, and colour turned off by NO_COLOR (styles kept, colours removed)."""
    made = []
    for color_system, no_color in ((None, False), ("standard", False), ("truecolor", False), ("standard", True)):
        made.append(
            Console(
                file=StringIO(),
                width=60,
                color_system=color_system,
                force_terminal=color_system is not None,
                no_color=no_color,
                theme=THEME,
                highlight=False,
                legacy_windows=False,
                _environ={},
            )
        )
    return made


CONSOLES = consoles()

# An operation on a line and the same on a Text: (kind, text, style).
operation = st.tuples(
    st.sampled_from(["append", "append_line", "assemble_part", "stylize"]),
    st.text(ALPHABET, max_size=8),
    STYLES | st.just(LINK),
)


def build(base: tuple[str, str], operations: list[tuple[str, str, str | Style]]) -> tuple[Line, Text]:
    line, text = Line(base[0], base[1]), Text(base[0], style=base[1])
    for kind, value, style in operations:
        if kind == "append":
            line.append(value, style)
            text.append(value, style=style)
        elif kind == "append_line":  # append_text keeps an empty text's style as a zero-length span
            line.append_line(Line(value, style))
            text.append_text(Text(value, style=style))
        elif kind == "assemble_part":  # Text.assemble leaves empty parts out
            line = Line.assemble(line, Line(value, style))
            text = Text.assemble(text, Text(value, style=style))
        else:
            line.stylize(style)
            text.stylize(style)
    return line, text


def rich_output(console: Console, text: Text) -> str:
    """How a one-line Text is drawn in a view (no wrapping, nothing cut), hyperlink ids left out."""
    text.no_wrap, text.overflow = True, "ignore"
    with console.capture() as capture:
        console.print(Group(text), crop=False)
    return unlinked(capture.get())


def unlinked(output: str) -> str:
    """The output without hyperlink ids, which Rich makes afresh each time it combines a link's style."""
    return LINK_ID.sub("", output)


class TestLineIsText:
    @settings(max_examples=300)
    @given(st.tuples(st.text(ALPHABET, max_size=8), STYLES), st.lists(operation, max_size=6))
    def test_a_line_written_trimmed_is_the_line_written_then_trimmed(self, base, operations) -> None:
        """search's rows are trimmed as they are written (Affixes.write(trim=True)), to what the CLI's trim gives."""
        line, _ = build(base, operations)
        for console in CONSOLES:
            affixes = lines.Affixes(console)
            expected = trim_trailing_spaces(affixes.write(line))
            assert unlinked(affixes.write(line, trim=True)) == unlinked(expected)

    @settings(max_examples=300)
    @given(st.tuples(st.text(ALPHABET, max_size=8), STYLES), st.lists(operation, max_size=6))
    def test_a_line_draws_as_the_text_built_the_same_way(self, base, operations) -> None:
        line, text = build(base, operations)
        assert line.plain == text.plain
        assert line.cell_len == text.cell_len
        for console in CONSOLES:
            expected = rich_output(console, text.copy())
            assert unlinked(lines.Affixes(console).write(line)) == expected
            # LineRows drawn by Rich (inside a view that is printed whole) gives the same.
            with console.capture() as capture:
                console.print(Group(LineRows(lambda width, line=line: [line])), crop=False)
            assert unlinked(capture.get()) == expected

    @settings(max_examples=200)
    @given(
        st.tuples(st.text(ALPHABET, max_size=8), STYLES),
        st.lists(operation, max_size=5),
        st.integers(min_value=1, max_value=30),
    )
    def test_truncate_and_rstrip_as_text_does(self, base, operations, width) -> None:
        line, text = build(base, operations)
        line.truncate(width)
        text.truncate(width, overflow="ellipsis")
        line.rstrip()
        text.rstrip()
        assert line.plain == text.plain
        for console in CONSOLES:
            assert unlinked(lines.Affixes(console).write(line)) == rich_output(console, text.copy())


def fit_line_before(before: Text, flexible: Text, after: Text, width: int, min_width: int, droppable: bool) -> Text:
    """The FitLine renderable that drew compact rows before LineRows, as the reference."""
    room = width - before.cell_len - after.cell_len
    flexible = flexible.copy()
    if flexible.cell_len > room:
        if droppable and room < min_width:
            flexible = Text()
        else:
            flexible.truncate(max(room, min_width), overflow="ellipsis")
    line = Text.assemble(before, flexible, after, no_wrap=True, overflow="ignore")
    line.rstrip()
    return line


class TestFit:
    @settings(max_examples=300)
    @given(
        st.lists(operation, max_size=4),
        st.tuples(st.text(ALPHABET, max_size=30), STYLES),
        st.lists(operation, max_size=3),
        st.integers(min_value=1, max_value=70),
        st.booleans(),
    )
    def test_fit_draws_as_the_fitted_text(self, before_ops, title, after_ops, width, droppable) -> None:
        before, before_text = build(("2019-01-01 ", "date"), before_ops)
        after, after_text = build(("", ""), after_ops)
        flexible, flexible_text = Line(*title), Text(title[0], style=title[1])
        line = fit(before, flexible, after, width, min_width=MIN_TITLE, droppable=droppable)
        expected = fit_line_before(before_text, flexible_text, after_text, width, MIN_TITLE, droppable)
        for console in CONSOLES:
            assert unlinked(lines.Affixes(console).write(line)) == rich_output(console, expected)


def views() -> Iterator[tuple[str, object]]:
    shipped = [load_timeline(path) for path in sorted(TIMELINES.glob("*.yaml"))]
    valid = [load_timeline(DATA / "valid" / f"{name}.yaml") for name in ("showcase", "hostile", "minimal")]
    for timelines in ([shipped[0]], shipped[:2], [valid[0]], valid):
        entries = one_per_event(merge(timelines))
        for options in (
            ViewOptions(),
            ViewOptions(full=True, summary=True),
            ViewOptions(links=True),
            ViewOptions(as_of=parse_edtf("2019")),
        ):
            yield f"{timelines[0].id}+{len(timelines)}", timeline_view(timelines, entries, options)
    timeline = valid[0]
    yield "event", Group(event_view(timeline, timeline.events[0]))


class TestDraw:
    @pytest.mark.parametrize("width", [20, 43, 100, 160])
    @pytest.mark.parametrize("color", [False, True])
    def test_drawn_in_pieces_is_printed_whole(self, width, color) -> None:
        """What show writes piece by piece is what printing the whole view writes, trimmed."""
        for _name, view in views():
            whole = draw(view, color=color, width=width)
            console = pinned_console(color=color, width=width)
            pieces = list(lines.draw(console, view, trim_trailing_spaces))
            assert unlinked("".join(pieces)) == unlinked(whole)
            assert all(piece.endswith("\n") for piece in pieces)

    @pytest.mark.fast_paths
    def test_rows_are_made_as_they_are_drawn(self) -> None:
        """The first batch of rows is written before the later rows are made: memory stays flat."""
        made = 0

        def make(width: int) -> Iterator[Line]:
            nonlocal made
            for number in range(lines.BATCH * 3):
                made += 1
                yield Line(f"row {number}", "date")

        pieces = lines.draw(pinned_console(width=40), Group(Text("head"), LineRows(make)))
        assert next(pieces) == "head\n"
        first = next(pieces)
        assert first.count("\n") == lines.BATCH
        assert made == lines.BATCH
        assert sum(piece.count("\n") for piece in pieces) == 2 * lines.BATCH

    def test_a_line_split_between_pieces_is_trimmed_whole(self) -> None:
        """A part that ends inside a line: the rest of the line comes with the next part, trimmed together."""
        view = Group(Text("a   ", end=""), Text("b   "), LineRows(lambda width: [Line("c")]))
        assert "".join(lines.draw(pinned_console(width=40), view, trim_trailing_spaces)) == "a   b\nc\n"


@given(st.text(max_size=40) | st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40))
def test_cell_length_is_rich_s(text: str) -> None:
    """Printable ASCII is measured without rich's cache (lines._cell_len), to the same length."""
    from rich.cells import cell_len

    assert lines._cell_len(text) == cell_len(text)
    assert Line(text).cell_len == Text(text).cell_len
