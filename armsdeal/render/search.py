"""Events across timelines that mention a text (`armsdeal search`), and their view.

A match is what `show --contains` matches (chronology.searchable_text): the
text, ignoring case, inside an event's title, note, actors (ids and names,
claimants and disputers included) or tags. Returns values and renderables; the
CLI prints.

The view is a grid of date, timeline, type and a body that wraps (a Rich
Table.grid). Drawing 15,000 hits as a Table took most of `search`'s time at
30,000 files (docs/performance.md), so the rows are drawn as lines
(lines.LineRows, fast path "search-rows"): the column widths worked out as the
Table works them out, each body wrapped by Rich's own Text.wrap, and each line
cut into the segments the Table would give (the same bytes, with or without
colour). A width at which the Table would squeeze more than the body (a
terminal narrower than date, timeline and type) is drawn by the Table itself.
Without colours (piped), the rows are made from the cells' plain strings, wrapped
by Text.wrap's steps on plain text, with no Text or span (fast path "search-plain").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from armsdeal.core.fastpaths import enabled
from armsdeal.core.search import Found, Hit, found_of, snippet
from armsdeal.core.vocabulary import EventType
from armsdeal.render.lines import Line, LineRows
from armsdeal.render.safe_text import clean
from armsdeal.render.styled import styled as _text
from armsdeal.render.theme import EVENT_TYPE_STYLES

MATCH_STYLE = "bold reverse"
_STYLES = ("date", "timeline.id")  # the styles of the first two columns (the type's is its cell's)


def search_view(hits: Sequence[Hit | Found], text: str, width: int | None = None) -> RenderableType:
    """A row per matching event: date, timeline, type, title, and where else the text was found.

    The hits are the events found (Hit) or their rows (Found: from the index, fast path "search-index").
    ``width`` (the console's) lets the rows be drawn as lines when the grid fits it as the Table would fit it.
    """
    found = [hit if isinstance(hit, Found) else found_of(hit) for hit in hits]
    plains = [_plain_cells(item, text) for item in found]
    if width is not None and enabled("search-rows"):
        widths = _widths(plains, width)
        if widths is not None:
            plain = (lambda _: _plain_lines(plains, widths)) if enabled("search-plain") else None
            return LineRows(lambda _: _lines(found, text, widths), trim=True, plain=plain)
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="date")
    table.add_column(no_wrap=True, style="timeline.id")
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for item in found:
        table.add_row(*_cells(item, text))
    return Group(table)


Cells = tuple[Text, Text, Text, Text]
PlainCells = tuple[str, str, str, str]


def _cells(hit: Found, text: str) -> Cells:
    row = hit.row
    body = _marked(row.title, text)
    body.append_text(_text(f" ({row.event})", "dim"))
    for field, value in _extras(hit, text):
        body.append(f"\n{field}: ", style="dim")
        body.append_text(_marked(value, text, "note" if field == "note" else "actors"))
    return (
        _text(row.date),
        _text(row.timeline),
        _text(row.type, EVENT_TYPE_STYLES[EventType(row.type)]),
        body,
    )


def _extras(hit: Found, text: str) -> Iterator[tuple[str, str]]:
    """Where else the text was found (actors, tags, note), each field's text: the body's lines after the first."""
    row = hit.row
    extras = {
        "actors": ", ".join(dict.fromkeys(row.actor_names)),
        "tags": ", ".join(row.tags),
        "note": snippet(row.note, text),
    }
    for field, value in extras.items():
        if field in hit.fields and value:
            yield field, value


def _plain_cells(hit: Found, text: str) -> PlainCells:
    """The text of ``_cells``'s Texts (their ``plain``), made with str's methods alone."""
    row = hit.row
    body = [clean(row.title, keep_newlines=False), clean(f" ({row.event})", keep_newlines=False)]
    for field, value in _extras(hit, text):
        body += (f"\n{field}: ", clean(value, keep_newlines=False))
    return (
        clean(row.date, keep_newlines=False),
        clean(row.timeline, keep_newlines=False),
        clean(row.type, keep_newlines=False),
        "".join(body),
    )


def _marked(value: str, text: str, style: str = "") -> Text:
    """Text with each occurrence of the searched text highlighted (ignoring case)."""
    marked = _text(value, style)
    marked.highlight_words([clean(text, keep_newlines=False)], MATCH_STYLE, case_sensitive=False)
    return marked


# Each column's padding on its right: Table.grid(padding=(0, 1)) collapses padding (one space between
# columns, on the left one's right) and pads no edge.
_RIGHT = (1, 1, 1, 0)


def _widths(cells: list[PlainCells], width: int) -> list[int] | None:
    """The columns' widths (padding included) as Table._calculate_column_widths gives them, or None when
    the Table would squeeze more than the body (or leave it less than 2 cells): the Table then draws.

    A column is as wide as its widest cell (Text.__rich_measure__: its longest line), padded, and no
    wider than the console; if together they are wider, the body (the only column that wraps) gives way.
    """
    if not cells or width < 1:
        return None
    widths = []
    for index in range(4):
        extra = _RIGHT[index]
        longest = max(_longest_line(row[index]) for row in cells)
        if longest < 1 or width - extra < 1:
            return None
        widths.append(min(min(longest, width - extra) + extra, width))
    excess = sum(widths) - width
    if excess > 0:
        widths[3] -= excess
    return widths if widths[3] >= 2 else None


def _longest_line(plain: str) -> int:
    return max((cell_len(line) for line in plain.splitlines()), default=0)


def _lines(found: list[Found], text: str, widths: list[int]) -> Iterator[Line]:
    """Each row's lines, cut where the Table cuts its segments (Table._render of Padding-ed cells)."""
    console = _WrapConsole.instance
    inner = [size - _RIGHT[index] for index, size in enumerate(widths)]
    for item in found:  # each row's Texts made as it is drawn: only a batch of rows is held
        date, timeline, kind, body = _cells(item, text)
        # A cell that does not wrap is padded to its column by Lines.justify("left"), within its text.
        first = Line()
        first.append(_padded(date.plain, inner[0]), _STYLES[0])
        first.append(" ", _STYLES[0])
        first.append(_padded(timeline.plain, inner[1]), _STYLES[1])
        first.append(" ", _STYLES[1])
        first.append(_padded(kind.plain, inner[2]), kind.style)
        first.append(" ")
        wrapped = body.wrap(console, inner[3], justify="left", overflow="ellipsis", tab_size=8, no_wrap=False)
        for number, line in enumerate(wrapped):
            if number:
                first = Line()
                first.append(" " * widths[0], _STYLES[0])
                first.append(" " * widths[1], _STYLES[1])
                first.append(" " * widths[2])
            first.append_line(Line.of_text(line))
            yield first  # padded to the width, as the Table's lines are: the CLI trims them


def _plain_lines(cells: list[PlainCells], widths: list[int]) -> Iterator[str]:
    """The text of ``_lines``'s lines, trimmed, with their line ends: what a console without colours writes
    of them (fast path "search-plain"), made from the cells' text without a Text or a span."""
    inner = [size - _RIGHT[index] for index, size in enumerate(widths)]
    under = " " * sum(widths[:3])  # the first three columns of a body's next lines
    for date, timeline, kind, body in cells:
        head = f"{_padded(date, inner[0])} {_padded(timeline, inner[1])} {_padded(kind, inner[2])} "
        for number, line in enumerate(plain_wrapped(body, inner[3])):
            yield f"{under if number else head}{line}".rstrip(" ") + "\n"


def plain_wrapped(body: str, width: int) -> Iterator[str]:
    """The text of the lines Text(body).wrap(..., justify="left", overflow="ellipsis") gives, but their padding.

    Text.wrap's steps on plain text (a Text's spans change none of the text it gives, so the plain
    body wraps as the styled one): each line cut where Rich's divide_line cuts it, a piece wider
    than the width stripped of its trailing whitespace as far as it is too long (Text.rstrip_end, in
    characters), then cut with an ellipsis if still too wide (Text.truncate, in cells). A line that
    fits is never cut (every word of it ends within the line's cells).
    """
    for line in body.split("\n"):  # Text.split("\n", allow_blank=True): the same lines
        if cell_len(line) <= width:
            yield line
            continue
        ends = [0, *divide_line(line, width, fold=False), len(line)]
        for start, end in pairwise(ends):
            piece = line[start:end]
            if len(piece) > width:
                space = _TRAILING_SPACE.search(piece)
                if space is not None:
                    piece = piece[: len(piece) - min(len(space.group()), len(piece) - width)]
            yield piece if cell_len(piece) <= width else set_cell_size(piece, width - 1) + "…"


_TRAILING_SPACE = re.compile(r"\s+$")  # rich.text's _re_whitespace, which rstrip_end crops


def _padded(plain: str, width: int) -> str:
    return plain + " " * (width - cell_len(plain))


class _WrapConsole:
    """A console for Text.wrap, which asks it nothing but is typed to take one."""

    instance = Console(width=80, color_system=None, force_terminal=False, legacy_windows=False, _environ={})
