"""An SVG chart of one or more deals: a time axis, a lane per deal, phases, events, milestones, a legend.

Each lane has a row of phase bars (talks -> contract -> first delivery -> last
delivery, then sanctions or a suspension), the events as marks coloured by
their type family (render/theme.py FAMILIES, the terminal's families) and
shaped by their status, and the milestones labelled underneath. A date known
only to a month, a year or an interval is drawn as a hatched span from its
earliest to its latest day, the mark at its middle.

Text is measured with a fixed metric (``text_width``), never by a font on the
machine, so the same timeline gives the same bytes everywhere, and labels are
placed in rows so that no two overlap. The tree is built with
xml.etree.ElementTree, which escapes every text and attribute; untrusted text
is also cleaned of control characters (XML 1.0 cannot hold them). No fonts,
images or scripts are referenced: the file is complete by itself.
"""

from __future__ import annotations

import functools
import heapq
import unicodedata
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from armsdeal.core.dates import format_date
from armsdeal.core.phases import MILESTONES, Milestone, milestones
from armsdeal.core.vocabulary import EventStatus, EventType
from armsdeal.export import ExportOptions
from armsdeal.export.markup import PREWRITTEN, escape_html_attribute, escape_text
from armsdeal.render import describe
from armsdeal.render.safe_text import clean
from armsdeal.render.theme import FAMILIES, FAMILY_OF

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from armsdeal.core.model import Event, Timeline

WIDTH = 1200
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
FONT_SIZE = 12  # every label; the smallest text of the chart
TITLE_SIZE = 18
LANE_TITLE_SIZE = 14
PLOT_LEFT = 40
PLOT_RIGHT = WIDTH - 40
MARK_RADIUS = 5
SPAN_MIN = 3  # a date's span narrower than this is drawn as its mark alone
MARK_ROW = 16  # vertical distance between stacked marks
LABEL_ROW = 18
LABEL_GAP = 8  # horizontal space kept between two labels on one row
LEADER_GAP = 4  # between a milestone's leader line and the start (or end) of its label
LEADER_MARGIN = 3  # kept between a leader line and another label: the text's halo is 2 px wide
SVG_NS = "http://www.w3.org/2000/svg"

_STATUS_WORDS = {
    EventStatus.CONFIRMED: "confirmed",
    EventStatus.REPORTED: "reported, not confirmed",
    EventStatus.CLAIMED: "claimed by one party",
    EventStatus.DISPUTED: "disputed",
    EventStatus.DENIED: "denied",
    EventStatus.EXPECTED: "expected, not yet happened",
}

# (key, label, fill) of the phase bars, drawn between milestones.
_PHASES = {
    "talks": ("talks", "#a5c4ee"),
    "waiting": ("contract to first delivery", "#c9d6c2"),
    "deliveries": ("deliveries", "#99d9e3"),
    "cancelled": ("contract to cancellation", "#ddd3c0"),
    "pressure": ("sanctions or suspension", "#f4b2b2"),
}

# The light scheme's colours. Each element carries its colour as a presentation attribute (fill,
# stroke) beside its class, so a renderer without CSS (ImageMagick's own, some editors) draws the same
# chart; the style sheet's rules, which win over attributes, repeat them and give the dark scheme.
BACKGROUND = "#ffffff"
TEXT = "#1b1b1b"
MUTED = "#555555"
GRID = "#d9d9d9"
AXIS = "#777777"
LEADER = "#8a8a8a"
LANE = "#f6f6f6"
HOLLOW = "#ffffff"
LEGEND_MARK = "#5c636a"  # the statuses' marks in the legend
REPORTED_OPACITY = 0.45  # a reported mark's fill: its colour this strong over what lies behind it
SPAN_TINT = 0.12  # a hatched span's ground, as the hatch pattern's own
SPAN_EDGE = 0.7  # a span's outline

_STYLE = f"""
.ad-bg{{fill:{BACKGROUND}}}
.ad-text{{fill:{TEXT}}}
.ad-muted{{fill:{MUTED}}}
.ad-grid{{stroke:{GRID}}}
.ad-axis{{stroke:{AXIS}}}
.ad-leader{{stroke:{LEADER}}}
.ad-lane{{fill:{LANE}}}
.ad-hollow{{fill:{HOLLOW}}}
.ad-phase-text{{fill:{TEXT}}}
.ad-label{{paint-order:stroke;stroke:{LANE};stroke-width:4px;stroke-linejoin:round}}
@media (prefers-color-scheme: dark){{
.ad-bg{{fill:#16181b}}
.ad-text{{fill:#ececec}}
.ad-muted{{fill:#b5b5b5}}
.ad-grid{{stroke:#3a3d42}}
.ad-axis{{stroke:#9a9a9a}}
.ad-leader{{stroke:#8a8a8a}}
.ad-lane{{fill:#1f2226}}
.ad-hollow{{fill:#16181b}}
.ad-label{{stroke:#1f2226}}
}}
"""
# The hatch of a span (a pattern: renderers without CSS draw the span's tint, its fill attribute), and
# in the dark scheme a reported mark's colour see-through over the dark lane rather than the light tint.
_STYLE += "".join(f".ad-{family.key}>.ad-span{{fill:url(#ad-hatch-{family.key})}}\n" for family in FAMILIES)
_STYLE += "@media (prefers-color-scheme: dark){\n"
_STYLE += "".join(
    f".ad-pale-{key}{{fill:{colour};fill-opacity:{REPORTED_OPACITY}}}\n"
    for key, colour in [*((family.key, family.colour) for family in FAMILIES), ("legend", LEGEND_MARK)]
)
_STYLE += "}\n"


def blend(colour: str, behind: str, strength: float) -> str:
    """``colour`` laid ``strength`` strong over ``behind``, as one opaque colour (#rrggbb)."""
    channels = (
        round(int(colour[i : i + 2], 16) * strength + int(behind[i : i + 2], 16) * (1 - strength)) for i in (1, 3, 5)
    )
    return "#" + "".join(f"{channel:02x}" for channel in channels)


# ---------------------------------------------------------------- measuring text


def _char_width(character: str) -> float:
    """The advance of one character in ems: generous for DejaVu Sans and Verdana, the fonts asked for."""
    if character in "il.,:;'|!`":
        return 0.34
    if character in ' ()[]{}-ftrIj/"·':
        return 0.42
    if character in "mwMW@%&":
        return 0.98
    if character.isdigit():
        return 0.66
    if unicodedata.east_asian_width(character) in "WF":
        return 1.05
    if unicodedata.combining(character):
        return 0.0
    if character.isupper():
        return 0.76
    if character.islower():
        return 0.64
    return 0.8


BOLD = 1.15  # bold glyphs are up to 10% wider in DejaVu Sans


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` at font size ``size`` by the fixed metric: the same on every machine."""
    return sum(_char_width(character) for character in text) * size * (BOLD if bold else 1.0)


# ---------------------------------------------------------------- the time scale


@dataclass(frozen=True, slots=True)
class Scale:
    start: date
    end: date

    def x(self, day: date) -> float:
        day = min(max(day, self.start), self.end)
        total = (self.end - self.start).days or 1
        return PLOT_LEFT + (day - self.start).days / total * (PLOT_RIGHT - PLOT_LEFT)

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year)


def scale_for(timelines: Sequence[Timeline]) -> Scale:
    """Whole years from the first known day to the last, so the axis starts and ends on a year."""
    days = [
        day
        for timeline in timelines
        for event in timeline.events
        for day in (event.date.earliest, event.date.latest)
        if day not in (date.min, date.max)
    ]
    first, last = (min(days), max(days)) if days else (date(2000, 1, 1), date(2000, 12, 31))
    return Scale(date(first.year, 1, 1), date(min(last.year + 1, 9999), 1, 1))


def _fmt(value: float) -> str:
    """Coordinates with one decimal at most, so the bytes do not depend on float noise."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# ---------------------------------------------------------------- building the tree


@functools.cache
def attribute_name(keyword: str) -> str:
    """The attribute a Python keyword stands for: class_ -> class, font_size -> font-size."""
    return keyword.rstrip("_").replace("_", "-")


class _Builder:
    """Makes elements; attributes keep the order given, so output is deterministic."""

    def __init__(self) -> None:
        from xml.etree import ElementTree

        self.tree = ElementTree

    def element(self, parent: Element | None, tag: str, text: str | None = None, **attributes: object) -> Element:
        attrs = {
            attribute_name(key): _fmt(value) if isinstance(value, float) else str(value)
            for key, value in attributes.items()
            if value is not None
        }
        node = self.tree.Element(tag, attrs) if parent is None else self.tree.SubElement(parent, tag, attrs)
        if text is not None:
            node.text = clean(text, keep_newlines=True)
        return node

    def text(self, parent: Element, x: float, y: float, text: str, **attributes: object) -> Element:
        attributes.setdefault("class_", "ad-text")
        fill = MUTED if attributes["class_"] == "ad-muted" else TEXT
        return self.element(parent, "text", text, x=x, y=y, fill=fill, stroke="none", **attributes)


# A node of _TextBuilder: the tag, the start tag without its '>', the cleaned text, the children.
_Node = tuple[str, str, "str | None", list[Any]]


class _TextBuilder:
    """_Builder's ``element`` for the HTML page's marks: nodes written as markup text by ``_markup``.

    The same attributes in the same order, cleaned and escaped as ElementTree's HTML method and
    markup.py write them; ``_markup`` indents as ElementTree.indent(space="") does (a newline).
    """

    def element(self, parent: list[_Node], tag: str, text: str | None = None, **attributes: object) -> list[_Node]:
        start = "<" + tag
        for key, value in attributes.items():
            if value is None:
                continue
            if isinstance(value, float):  # a coordinate: digits, '.', '-', never escaped
                start += f' {attribute_name(key)}="{_fmt(value)}"'
            elif isinstance(value, int):
                start += f' {attribute_name(key)}="{value}"'
            else:
                shown = str(value)
                if "&" in shown or ">" in shown or '"' in shown:  # what escape_html_attribute replaces
                    shown = escape_html_attribute(shown)
                start += f' {attribute_name(key)}="{shown}"'
        children: list[_Node] = []
        parent.append((tag, start, None if text is None else clean(text, keep_newlines=True), children))
        return children


def _markup(node: _Node, out: list[str]) -> None:
    """A _TextBuilder node as markup.to_html writes the same element once indented with space=""."""
    tag, start, text, children = node
    if children:
        out.append(start + ">" + (escape_text(text) if text and text.strip() else "\n"))
        for child in children:
            _markup(child, out)
            out.append("\n")
    else:
        out.append(start + ">" + escape_text(text) if text else start + ">")
    out.append("</" + tag + ">")


@dataclass
class _Mark:
    event: Event
    x0: float
    x1: float
    cx: float
    row: int = 0


@dataclass
class _Label:
    event_id: str
    text: str
    cx: float
    mark_y: float
    x: float
    anchor: str
    row: int = 0

    @property
    def left(self) -> float:
        width = text_width(self.text, FONT_SIZE)
        return self.x - width if self.anchor == "end" else self.x

    @property
    def right(self) -> float:
        width = text_width(self.text, FONT_SIZE)
        return self.x if self.anchor == "end" else self.x + width


def milestone_labels(timeline: Timeline) -> dict[str, list[Milestone]]:
    """The milestones each event of the timeline is, by event id (an event can be several)."""
    found: dict[str, list[Milestone]] = {}
    reached = milestones(timeline)
    for milestone in MILESTONES:
        event = reached[milestone.key]
        if event is not None:
            found.setdefault(event.id, []).append(milestone)
    return found


def _stack(items: list[tuple[float, float]], gap: float) -> list[int]:
    """A row for each (left, right) interval, the lowest where it overlaps nothing; items sorted by left.

    Rows freed as ``left`` grows (sorted input: a row free once stays free until taken) wait in a
    heap of row numbers, so the lowest is found without scanning every row (10,000 marks spread
    over hundreds of rows made the scan quadratic).
    """
    busy: list[tuple[float, int]] = []  # (end, row) of rows in use
    free: list[int] = []
    rows = []
    count = 0
    for left, right in items:
        while busy and left >= busy[0][0] + gap:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            row = heapq.heappop(free)
        else:
            row, count = count, count + 1
        heapq.heappush(busy, (right, row))
        rows.append(row)
    return rows


def _covers(label: _Label, x: float) -> bool:
    """True if the label's box (and the halo drawn round its text) lies over the vertical line at ``x``."""
    return label.left - LEADER_MARGIN < x < label.right + LEADER_MARGIN


def _leaders_first(labels: list[_Label]) -> list[_Label]:
    """The labels so that one whose box lies over another's leader comes after it (and goes deeper).

    A leader runs down from its mark through every row above its label, so a label over it must
    be in a deeper row. Labels begin beside their own leader, so for labels that all start (or all
    end) at their leader the order exists; a start label and an end label over each other's leader
    (near the right edge) are both turned to end at their leaders.
    """
    import graphlib

    while True:
        # Label i's predecessors: the labels whose leader it lies over (by index in ``labels``).
        graph = {
            i: {j for j, other in enumerate(labels) if j != i and _covers(label, other.cx)}
            for i, label in enumerate(labels)
        }
        try:
            return [labels[i] for i in graphlib.TopologicalSorter(graph).static_order()]
        except graphlib.CycleError as cycle:
            turned = [labels[i] for i in set(cycle.args[1]) if labels[i].anchor == "start"]
            if not turned:
                return labels  # cannot happen with leaders beside their labels; keep the rows stacked
            for label in turned:
                label.anchor, label.x = "end", label.cx - LEADER_GAP


def place_labels(labels: list[_Label]) -> None:
    """A row for each label: the lowest where it overlaps no label and crosses no leader line.

    In that row no other label is within LABEL_GAP of it, no label in a row above lies over its
    leader, and it lies over no leader of a label in a row below (leaders run down through the
    rows above their label). Labels of one lane are few (one per milestone), so a scan will do.
    """
    placed: list[_Label] = []
    for label in _leaders_first(labels):
        row = 0
        while not _row_is_free(label, row, placed):
            row += 1
            if row > len(labels):  # nothing free (never seen): the lowest row without overlap
                row = max((other.row for other in placed), default=-1) + 1
                break
        label.row = row
        placed.append(label)


def _row_is_free(label: _Label, row: int, placed: list[_Label]) -> bool:
    for other in placed:
        if other.row == row and label.left < other.right + LABEL_GAP and other.left < label.right + LABEL_GAP:
            return False
        if other.row < row and _covers(other, label.cx):
            return False
        if other.row > row and _covers(label, other.cx):
            return False
    return True


def tooltip(timeline: Timeline, event: Event) -> str:
    """What hovering a mark says: date, type, status, title, and who claims or disputes it."""
    lines = [f"{format_date(event.date)} · {event.type} · {_STATUS_WORDS[event.status]}", event.title]
    if event.status not in (EventStatus.CONFIRMED, EventStatus.REPORTED, EventStatus.EXPECTED):
        marker = describe.claim_marker(timeline, event)  # only these statuses show it: not made for the others
        if marker:
            lines.append(marker)
    context = describe.context_note(event)
    if context:
        lines.append(context)
    return "\n".join(lines)


@dataclass
class _Used:
    """What the chart draws, so that the legend explains that and nothing else."""

    types: set[EventType] = field(default_factory=set)
    statuses: set[EventStatus] = field(default_factory=set)
    spans: bool = False
    phases: set[str] = field(default_factory=set)


def chart_title(timelines: Sequence[Timeline]) -> str:
    if len(timelines) == 1:
        return timelines[0].title
    return "Arms-deal timelines: " + ", ".join(timeline.id for timeline in timelines)


class Chart:
    """The SVG element of a chart of the timelines (also embedded by the HTML page)."""

    def __init__(
        self, timelines: Sequence[Timeline], prewritten: MutableMapping[Element, Iterator[str]] | None = None
    ) -> None:
        """With ``prewritten`` (the HTML page), each lane's marks are a placeholder (markup.PREWRITTEN)
        mapped there to their markup text, made when written: most of the chart's elements."""
        self.timelines = timelines
        self.scale = scale_for(timelines)
        self.b = _Builder()
        self.prewritten = prewritten
        self.used = _Used()

    def build(self) -> Element:
        b = self.b
        root = b.element(
            None,
            "svg",
            xmlns=SVG_NS,
            viewBox="",
            width=WIDTH,
            height="0",
            role="img",
            font_family=FONT,
            font_size=FONT_SIZE,
            class_="ad-chart",
        )
        b.element(root, "title", chart_title(self.timelines))
        defs = b.element(root, "defs")
        b.element(defs, "style", _STYLE)
        for family in FAMILIES:
            pattern = b.element(
                defs,
                "pattern",
                id=f"ad-hatch-{family.key}",
                width=6,
                height=6,
                patternUnits="userSpaceOnUse",
                patternTransform="rotate(45)",
            )
            b.element(pattern, "rect", width=6, height=6, fill=family.colour, fill_opacity="0.12")
            b.element(pattern, "line", x1=0, y1=0, x2=0, y2=6, stroke=family.colour, stroke_width=2)
        background = b.element(
            root, "rect", class_="ad-bg", x=0, y=0, width=WIDTH, height=0, fill=BACKGROUND, stroke="none"
        )

        y = 30.0
        b.text(
            root,
            PLOT_LEFT,
            y,
            _fit(chart_title(self.timelines), TITLE_SIZE, PLOT_RIGHT - PLOT_LEFT),
            font_size=TITLE_SIZE,
            font_weight="bold",
        )
        y += 22
        if len(self.timelines) == 1:
            subtitle = describe.parties(self.timelines[0])
            deal = self.timelines[0].deal
            if deal is not None and deal.system:
                subtitle = f"{subtitle} · {deal.system}" if subtitle else deal.system
            if subtitle:
                b.text(root, PLOT_LEFT, y, subtitle, class_="ad-muted")
                y += 22
        axis_y = y + 8
        grid = b.element(root, "g", class_="ad-grid-lines")
        axis = b.element(root, "g", class_="ad-axis-labels")
        y = axis_y + 12
        lanes = b.element(root, "g", class_="ad-lanes")
        for timeline in self.timelines:
            y = self._lane(lanes, timeline, y) + 10
        self._axis(grid, axis, axis_y, y)
        y = self._legend(root, y + 12)
        height = int(y + 16)
        background.set("height", str(height))
        root.set("height", str(height))
        root.set("viewBox", f"0 0 {WIDTH} {height}")
        return root

    # -------------------------------------------------------------- the axis

    def _axis(self, grid: Element, axis: Element, y: float, bottom: float) -> None:
        b, scale = self.b, self.scale
        years = list(scale.years)
        per_year = (PLOT_RIGHT - PLOT_LEFT) / max(1, len(years))
        step = 1
        while text_width("0000", FONT_SIZE, bold=True) + LABEL_GAP > per_year * step:
            step += 1
        b.element(
            axis,
            "line",
            x1=float(PLOT_LEFT),
            y1=y,
            x2=float(PLOT_RIGHT),
            y2=y,
            class_="ad-axis",
            stroke=AXIS,
            fill="none",
        )
        for year in [*years, scale.end.year]:
            x = scale.x(date(year, 1, 1))
            b.element(
                grid, "line", x1=x, y1=y, x2=x, y2=bottom, class_="ad-grid", stroke=GRID, fill="none", stroke_width=1
            )
            if year == scale.end.year or (year - years[0]) % step:
                continue
            middle = scale.x(date(year, 7, 1)) if year < scale.end.year else x
            b.text(axis, middle, y - 6, str(year), text_anchor="middle", font_weight="bold")
        if len(years) <= 3:  # a short span: months too
            for year in years:
                for month in range(2, 13):
                    x = scale.x(date(year, month, 1))
                    b.element(axis, "line", x1=x, y1=y, x2=x, y2=y + 4, class_="ad-axis", stroke=AXIS, fill="none")
                    if per_year / 12 > text_width("Mmm", FONT_SIZE) + 4 and month % 3 == 1:
                        b.text(axis, x + 2, y + 15, date(year, month, 1).strftime("%b"), class_="ad-muted")

    # -------------------------------------------------------------- one lane

    def _lane(self, parent: Element, timeline: Timeline, top: float) -> float:
        b, scale = self.b, self.scale
        lane = b.element(parent, "g", class_="ad-lane-group", data_deal=timeline.id)
        backdrop = b.element(
            lane,
            "rect",
            class_="ad-lane",
            x=PLOT_LEFT - 30,
            y=top,
            width=WIDTH - 2 * (PLOT_LEFT - 30),
            fill=LANE,
            stroke="none",
        )
        phase_y = top + 10
        if len(self.timelines) > 1:  # one deal: the chart's title names it
            heading = _fit(f"{timeline.id} · {timeline.title}", LANE_TITLE_SIZE, PLOT_RIGHT - PLOT_LEFT)
            b.text(lane, PLOT_LEFT, top + 20, heading, font_size=LANE_TITLE_SIZE, font_weight="bold")
            phase_y += 20
        self._phases(lane, timeline, phase_y)
        marks_top = phase_y + 30

        marks = []
        for event in timeline.chronology:
            x0, x1 = scale.x(event.date.earliest), scale.x(event.date.latest)
            if event.date.latest == date.max:
                cx = x0
            elif event.date.earliest == date.min:
                cx = x1
            else:
                cx = (x0 + x1) / 2
            marks.append(_Mark(event, x0, x1, cx))
        order = sorted(range(len(marks)), key=lambda i: (min(marks[i].x0, marks[i].cx - MARK_RADIUS), i))
        rows = _stack(
            [(min(marks[i].x0, marks[i].cx - MARK_RADIUS), max(marks[i].x1, marks[i].cx + MARK_RADIUS)) for i in order],
            2,
        )
        for index, row in zip(order, rows, strict=True):
            marks[index].row = row
        for mark in marks:
            self.used.types.add(mark.event.type)
            self.used.statuses.add(mark.event.status)
            self.used.spans = self.used.spans or mark.x1 - mark.x0 >= SPAN_MIN
        mark_rows = max((mark.row for mark in marks), default=0) + 1
        events = b.element(lane, "g", class_="ad-events")
        if self.prewritten is not None and marks:
            self.prewritten[b.element(events, PREWRITTEN)] = self._marks_markup(timeline, marks, marks_top)
        else:
            for mark in marks:
                self._mark(b, events, timeline, mark, marks_top + mark.row * MARK_ROW)

        labels = self._labels(timeline, marks, marks_top)
        labels_top = marks_top + (mark_rows - 1) * MARK_ROW + 26
        label_group = b.element(lane, "g", class_="ad-milestones")
        for label in labels:
            baseline = labels_top + label.row * LABEL_ROW
            b.element(
                label_group,
                "line",
                x1=label.cx,
                y1=label.mark_y + MARK_RADIUS + 1,
                x2=label.cx,
                y2=baseline - FONT_SIZE / 3,  # beside the label, at the middle of its letters
                class_="ad-leader",
                stroke=LEADER,
                fill="none",  # ImageMagick fills a dashed line's dashes black otherwise
                stroke_width=1,
                stroke_dasharray="2 2",
            )
            b.text(
                label_group,
                label.x,
                baseline,
                label.text,
                class_="ad-text ad-label",
                text_anchor=label.anchor,
                data_for=label.event_id,
            )
        label_rows = max((label.row for label in labels), default=-1) + 1
        bottom = labels_top + max(0, label_rows - 1) * LABEL_ROW + 10
        backdrop.set("height", _fmt(bottom - top))
        return bottom

    def _labels(self, timeline: Timeline, marks: list[_Mark], marks_top: float) -> list[_Label]:
        found = milestone_labels(timeline)
        labels = []
        for mark in marks:
            milestones = found.get(mark.event.id)
            if not milestones:
                continue
            names = _milestone_words(milestones)
            text = f"{names} · {format_date(mark.event.date)}"
            width = text_width(text, FONT_SIZE)
            fits_right = mark.cx + LEADER_GAP + width <= PLOT_RIGHT + 30
            anchor, x = ("start", mark.cx + LEADER_GAP) if fits_right else ("end", mark.cx - LEADER_GAP)
            labels.append(_Label(mark.event.id, text, mark.cx, marks_top + mark.row * MARK_ROW, x, anchor))
        labels.sort(key=lambda label: (label.left, label.event_id))
        place_labels(labels)
        return labels

    def _marks_markup(self, timeline: Timeline, marks: list[_Mark], marks_top: float) -> Iterator[str]:
        """The marks as markup text, a newline between two (the last one's is the placeholder's tail)."""
        b = _TextBuilder()
        for index, mark in enumerate(marks):
            nodes: list[_Node] = []
            self._mark(b, nodes, timeline, mark, marks_top + mark.row * MARK_ROW)
            out = ["\n"] if index else []
            _markup(nodes[0], out)
            yield "".join(out)

    def _mark(self, b: _Builder | _TextBuilder, parent: Any, timeline: Timeline, mark: _Mark, y: float) -> None:
        event = mark.event
        family = FAMILY_OF[event.type]
        group: Any = b.element(
            parent,
            "g",
            class_=f"ad-event ad-{family.key} ad-{event.status}",
            data_event=event.id,
            data_deal=timeline.id,
            data_type=str(event.type),
            data_family=family.key,
            data_status=str(event.status),
        )
        b.element(group, "title", tooltip(timeline, event))
        if mark.x1 - mark.x0 >= SPAN_MIN:
            b.element(
                group,
                "rect",
                x=mark.x0,
                y=y - 4,
                width=mark.x1 - mark.x0,
                height=8,
                fill=blend(family.colour, LANE, SPAN_TINT),  # the style sheet hatches it
                stroke=blend(family.colour, LANE, SPAN_EDGE),
                stroke_width="0.8",
                class_="ad-span",
            )
        _status_shape(b, group, event.status, (family.key, family.colour, LANE), mark.cx, y)

    # -------------------------------------------------------------- phases

    def _phases(self, parent: Element, timeline: Timeline, y: float) -> None:
        b, scale = self.b, self.scale
        group = b.element(parent, "g", class_="ad-phases")
        for key, start, end in phase_bars(timeline, scale):
            self.used.phases.add(key)
            label, fill = _PHASES[key]
            x0, x1 = scale.x(start), scale.x(end)
            if key == "pressure" and x1 - x0 < 6:
                x1 = x0 + 6
            bar = b.element(group, "g", class_=f"ad-phase ad-phase-{key}")
            b.element(bar, "title", f"{label}: {_day(start)} to {_day(end)}")
            b.element(bar, "rect", x=x0, y=y, width=max(2.0, x1 - x0), height=16, rx=3, fill=fill, stroke="none")
            if text_width(label, FONT_SIZE) + 8 <= x1 - x0:
                b.text(bar, x0 + 4, y + 12.5, label, class_="ad-phase-text")

    # -------------------------------------------------------------- the legend

    def _legend(self, root: Element, top: float) -> float:
        b = self.b
        legend = b.element(root, "g", class_="ad-legend")
        # (text, kind, value): a family's colour, a status, or a phase bar's fill.
        items: list[tuple[str, str, str]] = []
        used = self.used
        for family in FAMILIES:
            types = ", ".join(str(t) for t in family.types if t in used.types)
            if types:
                items.append((f"type: {family.label} ({types})", "family", family.colour))
        for status in EventStatus:
            if status in used.statuses:
                items.append((f"status: {_STATUS_WORDS[status]}", "status", str(status)))
        if used.spans:
            items.append(("date known only within this span", "span", ""))
        for key, (label, fill) in _PHASES.items():
            if key in used.phases:
                items.append((f"phase: {label}", "phase", fill))
        x, y = float(PLOT_LEFT), top + 12
        for text, kind, value in items:
            width = 22 + text_width(text, FONT_SIZE) + 18
            if x + width > PLOT_RIGHT + 20:
                x, y = float(PLOT_LEFT), y + 20
            item = b.element(
                legend, "g", class_="ad-legend-item" + (f" ad-{FAMILIES[0].key}" if kind == "span" else "")
            )
            if kind == "family":
                b.element(item, "circle", cx=x + 7, cy=y - 4, r=MARK_RADIUS, fill=value, stroke="none")
            elif kind == "status":
                _status_shape(b, item, EventStatus(value), ("legend", LEGEND_MARK, BACKGROUND), x + 7, y - 4)
            elif kind == "span":
                colour = FAMILIES[0].colour
                tint, edge = blend(colour, BACKGROUND, SPAN_TINT), blend(colour, BACKGROUND, SPAN_EDGE)
                b.element(item, "rect", x=x, y=y - 8, width=16, height=8, fill=tint, stroke=edge, class_="ad-span")
            else:
                b.element(item, "rect", x=x, y=y - 11, width=16, height=14, rx=3, fill=value, stroke="none")
            b.text(item, x + 22, y, text)
            x += width
        return y


def phase_bars(timeline: Timeline, scale: Scale) -> list[tuple[str, date, date]]:
    """(phase key, start, end) of the bars drawn between the timeline's milestones, in order."""
    found = milestones(timeline)  # the milestones every view names (core/phases.py)
    pressure = [event for event in (found["sanction"], found["suspension"]) if event is not None]
    pressure_start = min((event.date.earliest for event in pressure), default=None)
    bars = _signing_bars(found, scale)
    bars += _cancelled_bar(found, pressure_start)
    if pressure_start is not None:
        cancellation = found["cancellation"]
        finite = [e.date.latest for e in timeline.events if e.date.latest != date.max and not e.is_context]
        end = cancellation.date.earliest if cancellation is not None else max([pressure_start, *finite])
        bars.append(("pressure", pressure_start, end))
    return bars


def _signing_bars(found: dict[str, Event | None], scale: Scale) -> list[tuple[str, date, date]]:
    """Talks up to the contract, waiting up to the first delivery, the deliveries."""
    bars: list[tuple[str, date, date]] = []
    talks, contract = found["talks"], found["contract"]
    first, last = found["first-delivery"], found["last-delivery"]
    if talks is not None and contract is not None and talks.date.earliest < contract.date.earliest:
        bars.append(("talks", talks.date.earliest, contract.date.earliest))
    if contract is not None and first is not None and contract.date.earliest < first.date.earliest:
        bars.append(("waiting", contract.date.earliest, first.date.earliest))
    if first is not None and last is not None:
        end = last.date.latest if last.date.latest != date.max else scale.end
        bars.append(("deliveries", first.date.earliest, end))
    return bars


def _cancelled_bar(found: dict[str, Event | None], pressure_start: date | None) -> list[tuple[str, date, date]]:
    """Signed and cancelled with nothing delivered: the bar runs up to the cancellation, or to the
    sanctions or suspension that came first (their own bar runs on to the cancellation)."""
    contract, cancellation = found["contract"], found["cancellation"]
    if contract is None or found["first-delivery"] is not None or cancellation is None:
        return []
    end = min(cancellation.date.earliest, pressure_start or date.max)
    return [("cancelled", contract.date.earliest, end)] if contract.date.earliest < end else []


def _status_shape(
    b: _Builder | _TextBuilder, parent: Any, status: EventStatus, paint: tuple[str, str, str], x: float, y: float
) -> None:
    """The mark of a status; ``paint`` is (key, colour, what lies behind): a family's, or the legend's grey."""
    key, colour, behind = paint
    r = MARK_RADIUS
    if status is EventStatus.CONFIRMED:
        b.element(parent, "circle", cx=x, cy=y, r=r, fill=colour, stroke="none", class_="ad-mark")
    elif status is EventStatus.REPORTED:
        pale = blend(colour, behind, REPORTED_OPACITY)
        b.element(parent, "circle", cx=x, cy=y, r=r, fill=pale, stroke=colour, class_=f"ad-mark ad-pale-{key}")
    elif status is EventStatus.CLAIMED:
        _hollow_circle(b, parent, "ad-mark ad-hollow", colour, x, y)
    elif status is EventStatus.DISPUTED:
        corners = ((x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y))
        points = " ".join(f"{_fmt(cx)},{_fmt(cy)}" for cx, cy in corners)
        b.element(
            parent, "polygon", points=points, class_="ad-mark ad-hollow", fill=HOLLOW, stroke=colour, stroke_width=2
        )
    elif status is EventStatus.DENIED:
        mark: Any = b.element(parent, "g", class_="ad-mark")
        _hollow_circle(b, mark, "ad-hollow", colour, x, y)
        d = r * 0.7
        b.element(mark, "line", x1=x - d, y1=y - d, x2=x + d, y2=y + d, stroke=colour, fill="none", stroke_width=2)
    else:  # expected: dashed
        _hollow_circle(b, parent, "ad-mark ad-hollow", colour, x, y, dashed=True)


def _hollow_circle(
    b: _Builder | _TextBuilder, parent: Any, classes: str, colour: str, x: float, y: float, *, dashed: bool = False
) -> None:
    b.element(
        parent,
        "circle",
        cx=x,
        cy=y,
        r=MARK_RADIUS - 0.5,
        class_=classes,
        fill=HOLLOW,
        stroke=colour,
        stroke_width=1.5 if dashed else 2,
        stroke_dasharray="2 1.5" if dashed else None,
    )


def _milestone_words(milestones: list[Milestone]) -> str:
    keys = {milestone.key for milestone in milestones}
    if {"first-delivery", "last-delivery"} <= keys:
        milestones = [m for m in milestones if m.key != "last-delivery"]
        words = [("delivery" if m.key == "first-delivery" else m.label) for m in milestones]
    else:
        words = [milestone.label for milestone in milestones]
    return " / ".join(words)


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%b')} {day.year}"


def _fit(text: str, size: float, room: float) -> str:
    """The text in bold, cut with an ellipsis where it would be wider than ``room``."""
    flat = " ".join(text.split())
    if text_width(flat, size, bold=True) <= room:
        return flat
    while flat and text_width(flat + "…", size, bold=True) > room:
        flat = flat[:-1]
    return flat.rstrip() + "…"


def chart(timelines: Sequence[Timeline]) -> Element:
    """The chart as an ElementTree element (the HTML page embeds it)."""
    return Chart(timelines).build()


def export_svg(timelines: Sequence[Timeline], options: ExportOptions) -> str:
    from xml.etree import ElementTree

    from armsdeal.export.markup import to_xml

    root = chart(timelines)
    ElementTree.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + to_xml(root) + "\n"
