"""grid.Grid declares the chronology's columns: it draws what the Table.grid(padding=(0, 1)) written by hand draws."""

from __future__ import annotations

from conftest import render
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.table import Table
from rich.text import Text

from armsdeal.render.grid import Column, Grid

words = st.text(alphabet="abcdefghij -é中\n", min_size=0, max_size=30)
cells = st.builds(
    lambda text, style: Text(text, style=style), words, st.sampled_from(["", "date", "note", "source.url", "bold red"])
)
columns = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(1, 14)),
        st.sampled_from(["", "timeline.id"]),
        st.sampled_from(["left", "right"]),
    ),
    min_size=0,
    max_size=3,
)


def as_table(spec: list[tuple[int | None, str, str]], rows: list[list[Text]]) -> Table:
    table = Table.grid(padding=(0, 1))
    for width, style, justify in spec:
        table.add_column(width=width, no_wrap=True, style=style or None, justify=justify)  # type: ignore[arg-type]
    table.add_column(ratio=1, overflow="fold")  # the last column folds a word wider than itself
    for row in rows:
        table.add_row(*row)
    return table


def as_grid(spec: list[tuple[int | None, str, str]], rows: list[list[Text]]) -> Grid:
    grid = Grid(*(Column(width=width, style=style, justify=justify) for width, style, justify in spec))  # type: ignore[arg-type]
    for row in rows:
        grid.add_row(*row)
    return grid


@settings(max_examples=150, deadline=None)
@given(columns, st.data(), st.integers(8, 90), st.booleans())
def test_grid_draws_what_table_grid_draws(spec, data, width: int, color: bool) -> None:
    rows = data.draw(st.lists(st.lists(cells, min_size=1, max_size=len(spec) + 1), min_size=1, max_size=5))
    expected = render(as_table(spec, rows), color=color, width=width)
    assert render(as_grid(spec, rows), color=color, width=width) == expected


def test_long_lines_wrap_in_the_last_column_only() -> None:
    grid = Grid(Column(width=4))
    grid.add_row(Text("2017"), Text("one two three four five six"))
    assert render(grid, width=16).splitlines() == ["2017 one two    ", "     three four ", "     five six   "]
