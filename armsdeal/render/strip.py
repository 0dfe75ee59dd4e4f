"""The overview strip of `armsdeal show`: a deal's shape on one time axis.

One lane per deal. Across the width runs a time axis, whole years from the
first shown event's to the last's, labelled above; every event is marked where
it falls, coloured by its type: a point (``●``) for a date to the day, a span
(``━``) for a month, a year, an approximate date or an interval. Under each
lane the deal's milestones (phases.py: first talks, contract, first and last
delivery, first sanction, cancellation) are named, on up to three rows, each
under or to the right of its mark (never before its year's tick), joined to it
by a line when it is on a lower row; a milestone with no room is named on an
"also:" line under the lane. Without colour the marks still read (points, spans,
year ticks); a console that can only write ASCII gets ``o``, ``=``, ``-``, ``+``.

The strip is drawn from the events already loaded. Nothing in it comes from a
timeline's text but the deal ids of the lanes, which are cleaned like all
untrusted text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from armsdeal.core.chronology import Entry
from armsdeal.core.dates import Precision
from armsdeal.core.model import Event, Timeline
from armsdeal.core.phases import MILESTONES, milestones
from armsdeal.render.styled import styled
from armsdeal.render.theme import EVENT_TYPE_STYLES

# The milestones named under a lane, by their key in phases.MILESTONES.
NAMED = ("talks", "contract", "first-delivery", "last-delivery", "sanction", "cancellation")
MIN_AXIS = 10
GAP = 2  # free columns on each side of a label


@dataclass(frozen=True, slots=True)
class Mark:
    """An event on the axis: its first and last day, its style, and whether it is a point."""

    first: date
    last: date
    style: str
    point: bool


@dataclass(frozen=True, slots=True)
class Label:
    """A milestone named under the axis."""

    day: date
    text: str
    style: str


@dataclass(frozen=True, slots=True)
class Lane:
    """One deal's row: its marks and named milestones; ``name`` is shown when there are several lanes."""

    name: str | None
    name_style: str
    marks: tuple[Mark, ...]
    labels: tuple[Label, ...]


def lanes_for(timelines: Sequence[Timeline], entries: Sequence[Entry], styles: Sequence[str]) -> list[Lane]:
    """A lane per timeline with an event among ``entries`` (which may be filtered), in the order given."""
    several = len(timelines) > 1
    lanes = []
    for index, timeline in enumerate(timelines):
        events = [entry.event for entry in entries if entry.timeline.id == timeline.id or timeline.id in entry.also]
        if not events:
            continue
        shown = {id(event) for event in events}
        lanes.append(
            Lane(
                name=timeline.id if several else None,
                name_style=styles[index % len(styles)],
                marks=tuple(_mark(event) for event in events),
                labels=tuple(_milestones(timeline, shown)),
            )
        )
    return lanes


def _mark(event: Event) -> Mark:
    value = event.date
    first = value.earliest if value.start is not None else value.latest
    last = value.latest if value.end is not None else value.earliest
    point = not value.is_interval and value.precision is Precision.DAY and not value.approximate
    return Mark(first, last, EVENT_TYPE_STYLES[event.type], point)


def _milestones(timeline: Timeline, shown: set[int]) -> list[Label]:
    labels: list[Label] = []
    seen: set[int] = set()
    found = milestones(timeline)
    for milestone in MILESTONES:
        if milestone.key not in NAMED:
            continue
        event = found[milestone.key]
        if event is None or id(event) not in shown or id(event) in seen:
            continue
        seen.add(id(event))
        first = event.date.earliest if event.date.start is not None else event.date.latest
        labels.append(Label(first, milestone.label, EVENT_TYPE_STYLES[event.type]))
    return labels


class Strip:
    """The strip for some lanes, laid out at the width it is drawn at.

    ``lanes`` may be a function that makes them (``lanes_for`` with its arguments, as ``show`` passes
    them): they are then made when the strip is drawn and let go after, not kept (a mark per event)
    while the rest of a view is drawn.
    """

    def __init__(self, lanes: Sequence[Lane] | Callable[[], Sequence[Lane]], *, label_rows: int | None = None) -> None:
        self._lanes = lanes if callable(lanes) else list(lanes)
        self._label_rows = label_rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lanes = list(self._lanes() if callable(self._lanes) else self._lanes)
        if not lanes:
            return
        label_rows = self._label_rows if self._label_rows is not None else (3 if len(lanes) == 1 else 2)
        ascii_only = options.ascii_only
        chars = _ASCII if ascii_only else _BOX
        name_width = max((len(lane.name) for lane in lanes if lane.name), default=-1) + 1
        axis_width = options.max_width - name_width
        if axis_width < MIN_AXIS:
            return
        first = min(min(mark.first, mark.last) for lane in lanes for mark in lane.marks)
        last = max(max(mark.first, mark.last) for lane in lanes for mark in lane.marks)
        axis = _Axis(first.year, last.year, axis_width)
        yield _line(" " * name_width, axis.year_line(), "strip.year")
        for lane in lanes:
            head = Text(" " * name_width)
            if lane.name:
                head = styled(lane.name.ljust(name_width), lane.name_style)
            line = head.copy()
            line.append_text(axis.lane_line(lane, chars))
            yield line
            rows, unplaced = axis.label_lines(lane, label_rows, chars)
            for row in rows:
                label_line = Text(" " * name_width)
                label_line.append_text(row)
                label_line.rstrip()
                yield label_line
            yield from _also_lines(unplaced, name_width, options.max_width)


def _also_lines(unplaced: Sequence[Label], indent: int, width: int) -> list[Text]:
    """The milestones the label rows had no room for, named rather than dropped: 'also: first delivery 2019'.

    Wrapped between milestones, never inside one.
    """
    lines: list[Text] = []
    line = Text(" " * indent + "also: ", style="dim")
    for label in unplaced:
        words = f"{label.text} {label.day.year}"
        separator = " · " if line.plain.strip() != "also:" else ""
        if line.cell_len + len(separator) + len(words) > width and separator:
            lines.append(line)
            line, separator = Text(" " * (indent + 6)), ""
        line.append(separator, style="dim")
        line.append(words, style=label.style)
    return [*lines, line] if unplaced else []


_BOX = {"axis": "─", "tick": "┼", "point": "●", "span": "━", "join": "│"}
_ASCII = {"axis": "-", "tick": "+", "point": "o", "span": "=", "join": "|"}


def _line(prefix: str, body: str, style: str) -> Text:
    text = Text(prefix)
    text.append(body, style=style)
    text.rstrip()
    return text


class _Axis:
    """Days to columns: whole years from ``first`` to ``last`` over ``width`` columns."""

    def __init__(self, first: int, last: int, width: int) -> None:
        self.first, self.last, self.width = first, last, width
        self.start = date(first, 1, 1)
        self.days = (date(last, 12, 31) - self.start).days + 1

    def column(self, day: date) -> int:
        day = min(max(day, self.start), date(self.last, 12, 31))
        return min(self.width - 1, (day - self.start).days * self.width // self.days)

    def year_line(self) -> str:
        """Each year's number at its first column; every second (or nth) year when they do not fit."""
        years = range(self.first, self.last + 1)
        per_year = self.width / len(years)
        step = next(step for step in range(1, len(years) + 1) if per_year * step >= 5 or step == len(years))
        cells = [" "] * self.width
        for year in years[::step]:
            column = self.column(date(year, 1, 1))
            label = str(year)
            if column + len(label) <= self.width and all(cell == " " for cell in cells[max(0, column - 1) : column]):
                cells[column : column + len(label)] = label
        return "".join(cells)

    def lane_line(self, lane: Lane, chars: dict[str, str]) -> Text:
        cells: list[tuple[str, str]] = [(chars["axis"], "strip.axis")] * self.width
        for year in range(self.first + 1, self.last + 1):
            cells[self.column(date(year, 1, 1))] = (chars["tick"], "strip.axis")
        # Spans first, then points over them, so a day-exact event is never hidden by a span.
        for mark in sorted(lane.marks, key=lambda mark: mark.point):
            start, end = self.column(mark.first), self.column(mark.last)
            for column in range(start, end + 1):
                cells[column] = (chars["point"] if mark.point else chars["span"], mark.style)
        text = Text()
        for char, style in cells:
            text.append(char, style=style)
        return text

    def label_lines(self, lane: Lane, rows: int, chars: dict[str, str]) -> tuple[list[Text], list[Label]]:
        """Milestone names on up to ``rows`` rows, and the labels that found no room.

        Each label starts under its mark, or, near the right edge, as far left as its
        year's tick and no further; a label not directly under its mark's column is on a
        lower row, joined to the mark by a line. Labels keep GAP free columns between them,
        so that two never read as one phrase.
        """
        grid: list[list[tuple[str, str] | None]] = [[None] * self.width for _ in range(rows)]
        unplaced = []
        # Right to left, each on the nearest row where it and its joining line fit.
        for label in sorted(lane.labels, key=lambda label: label.day, reverse=True):
            if not self._place(grid, label, chars):
                unplaced.append(label)
        lines = []
        for cells in grid:
            if all(cell is None for cell in cells):
                continue
            text = Text()
            for cell in cells:
                char, style = cell if cell is not None else (" ", "")
                text.append(char, style=style)
            lines.append(text)
        return lines, sorted(unplaced, key=lambda label: label.day)

    @staticmethod
    def _join_free(cells: list[tuple[str, str] | None], column: int, chars: dict[str, str]) -> bool:
        """A joining line may pass: its cell is free and no label's letter is beside it."""
        beside = (cells[c] for c in (column - 1, column + 1) if 0 <= c < len(cells))
        return cells[column] is None and all(cell is None or cell[0] == chars["join"] for cell in beside)

    def _place(self, grid: list[list[tuple[str, str] | None]], label: Label, chars: dict[str, str]) -> bool:
        column = self.column(label.day)
        length = len(label.text)
        tick = self.column(date(label.day.year, 1, 1)) if label.day.year > self.first else 0
        start = column if column + length <= self.width else self.width - length
        if start < tick or start < 0:
            return False
        # Free columns around the label: none may hold another label (or its joining line).
        span = range(max(0, start - GAP), min(self.width, start + length + GAP))
        for row in range(0 if start == column else 1, len(grid)):
            joins_free = all(self._join_free(grid[above], column, chars) for above in range(row))
            if joins_free and all(grid[row][cell] is None for cell in span):
                for above in range(row):
                    grid[above][column] = (chars["join"], label.style)
                for offset, char in enumerate(label.text):
                    grid[row][start + offset] = (char, label.style)
                return True
        return False
