"""A cheaper ``Table.grid(padding=(0, 1))`` for chronologies: the same lines, less work.

Rich's Table measures every cell, wraps each in a Padding and renders it
twice; `armsdeal show` spent most of its drawing time there (docs/performance-history.md).
A chronology's grid is simpler: columns that never wrap, of a fixed width or as
wide as their widest cell, and a last column that takes at most the rest of
the line and wraps. Grid lays that out directly, cell by cell, exactly as the
Table would. When the columns that never wrap leave no room for the last one,
it hands the same rows to a real Table, so very narrow widths look as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from armsdeal.core.fastpaths import enabled

if TYPE_CHECKING:
    from rich.table import Table

# Table.grid(padding=(0, 1)) collapses padding: one space after every column but the last.
_GAP = 1


@dataclass(frozen=True, slots=True)
class Column:
    """A column that never wraps; ``width=None`` makes it as wide as its widest cell."""

    width: int | None = None
    style: str = ""
    justify: JustifyMethod = "left"


class Grid:
    """Rows under ``columns`` (which never wrap), then a last column that wraps."""

    def __init__(self, *columns: Column) -> None:
        self.columns = [*columns, Column()]
        self.rows: list[tuple[Text, ...]] = []

    def add_row(self, *cells: Text) -> None:
        """Cells from the left; missing ones are blank."""
        self.rows.append(cells)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._table())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths(options.max_width) if enabled("grid") else None
        if widths is None:
            yield self._table()
            return
        styles = [console.get_style(column.style) for column in self.columns]
        new_line = Segment.line()
        for row in self.rows:
            cells = [
                self._cell(console, options, row[index] if index < len(row) else Text(), index, width, styles[index])
                for index, width in enumerate(widths)
            ]
            height = max(len(lines) for lines in cells)
            for number in range(height):
                for lines, width, style in zip(cells, widths, styles, strict=True):
                    yield from lines[number] if number < len(lines) else [Segment(" " * width, style)]
                yield new_line

    def _widths(self, max_width: int) -> list[int] | None:
        """Each column's width with its gap, as Table would choose them, or None where Table must decide."""
        *fixed, _last = self.columns
        widths = [
            (column.width if column.width is not None else self._widest(index)) + _GAP
            for index, column in enumerate(fixed)
        ]
        room = max_width - sum(widths)
        if room < 1:
            return None
        return [*widths, max(1, min(self._widest(len(fixed)), room))]

    def _widest(self, index: int) -> int:
        return max((_measure(row[index]) for row in self.rows if index < len(row)), default=0)

    def _cell(
        self, console: Console, options: ConsoleOptions, text: Text, index: int, width: int, style: Style
    ) -> list[list[Segment]]:
        last = index == len(self.columns) - 1
        gap = 0 if last else _GAP
        inner = options.update(
            width=width - gap,
            justify=self.columns[index].justify,
            no_wrap=not last,
            # The last column wraps; a word wider than it (a long URL in a note) is folded, never cut.
            overflow="fold" if last else "ellipsis",
            height=None,
            highlight=False,
        )
        lines = console.render_lines(text, inner, pad=True)
        if gap:
            padding = Segment(" " * gap, Style.null())
            lines = [[*line, padding] for line in lines]
        if style:
            lines = [list(Segment.apply_style(line, style)) for line in lines]
        return lines

    def _table(self) -> Table:
        from rich.table import Table  # only for widths too narrow for the grid's own layout

        table = Table.grid(padding=(0, _GAP))
        for column in self.columns[:-1]:
            table.add_column(width=column.width, no_wrap=True, style=column.style or None, justify=column.justify)
        table.add_column(ratio=1, overflow="fold")
        for row in self.rows:
            table.add_row(*row)
        return table


def _measure(text: Text) -> int:
    # Text.__rich_measure__'s maximum: the widest line.
    return max((cell_len(line) for line in text.plain.splitlines()), default=0)
