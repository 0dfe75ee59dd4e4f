"""The chronology's grid: columns that never wrap, then a last column that wraps, as a Rich Table.grid.

Grid once laid the rows out itself, cell by cell, as a faster twin of
``Table.grid(padding=(0, 1))``. Measured on the show of a 10,000-event
timeline after the compact lines moved to render/lines.py, it saved nothing
(0.72 s CPU with it, 0.71 s without): it was retired (issue 25), and Grid
now only builds the Table, so the views keep one small way to declare their
columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
from rich.measure import Measurement
from rich.text import Text

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
        yield self._table()

    def _table(self) -> Table:
        from rich.table import Table

        table = Table.grid(padding=(0, _GAP))
        for column in self.columns[:-1]:
            table.add_column(width=column.width, no_wrap=True, style=column.style or None, justify=column.justify)
        table.add_column(ratio=1, overflow="fold")
        for row in self.rows:
            table.add_row(*row)
        return table
