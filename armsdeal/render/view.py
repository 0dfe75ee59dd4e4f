"""Rich renderables for `show` and `list`. Returns renderables; never prints.

`show` has three views: the compact default (a header on one or two lines, the
overview strip, one line per event, one line per source), ``--full`` (every
detail: notes, actors, location, quantity, tags, the time between events) and
one event in full (`show NAME EVENT-ID`).

Every string from a timeline goes through ``_text`` (a rich Text, cleaned), so
nothing a curator writes is read as Rich markup or reaches the terminal as a
control sequence. Source URLs become hyperlinks only through Rich's link style
(never markup), only for http and https, and are printed whole, never cut.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import groupby, pairwise
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.style import Style
from rich.text import Text

from armsdeal.core.chronology import Entry
from armsdeal.core.collection import BUNDLED, Folder, Found
from armsdeal.core.dates import EdtfDate, compact_date, describe_gap, format_date, year_heading
from armsdeal.core.model import Event, Source, Timeline
from armsdeal.core.phases import deal_status
from armsdeal.core.problems import Problem
from armsdeal.core.vocabulary import EventStatus
from armsdeal.render import describe
from armsdeal.render.grid import Column, Grid
from armsdeal.render.lines import Line, LineRows
from armsdeal.render.safe_text import clean
from armsdeal.render.strip import Strip, lanes_for
from armsdeal.render.styled import styled as _text
from armsdeal.render.theme import DEAL_STYLES, EVENT_TYPE_STYLES, STATUS_STYLES

if TYPE_CHECKING:
    from armsdeal.core.status import DealAt

DATE_WIDTH_MIN = 12
TYPE_WIDTH = 12
MIN_TITLE = 12  # a title is never cut shorter than this
TWO_LINE_TITLE = 20  # with less room than this for its title, an event takes two lines
INDENT = "  "  # the second line of an event
MIN_URL_PIECE = 20  # a URL starts beside its publisher only if this much of it fits there


@dataclass(frozen=True, slots=True)
class ViewOptions:
    """How `show` draws.

    ``statuses`` (timeline id -> text) replaces a deal's status in its header,
    e.g. with the status derived at a date by ``--as-of``; ``known`` (timeline id
    -> core.status.deal_at) replaces its counts and value with those known then.
    With ``as_of``, the summary and notes (written with hindsight) and the
    sources published after its last day are left out, and the view says so.
    """

    full: bool = False
    summary: bool = False
    links: bool = False
    as_of: EdtfDate | None = None
    statuses: Mapping[str, str] = field(default_factory=dict)
    known: Mapping[str, DealAt] = field(default_factory=dict)

    @property
    def cut_off(self) -> date | None:
        return self.as_of.latest if self.as_of is not None else None


def timeline_view(
    timelines: Sequence[Timeline], entries: Sequence[Entry], options: ViewOptions | None = None
) -> RenderableType:
    """Headers, then the chronology (with the strip in the compact view), then the numbered sources."""
    options = options or ViewOptions()
    numbers = number_sources(entries, options.cut_off, lead_only=not options.full)
    parts: list[RenderableType] = []
    for timeline in timelines:
        parts.append(header(timeline, options))
    if options.as_of is not None:
        parts.append(Padding(as_of_line(options.as_of, _left_out(timelines, options)), (0, 0, 1, 0)))
    several = len(timelines) > 1
    deal_styles = {timeline.id: DEAL_STYLES[index % len(DEAL_STYLES)] for index, timeline in enumerate(timelines)}
    if not entries and not any(timeline.events for timeline in timelines):
        # A new timeline: nothing was filtered out, so "No events match." would mislead.
        first = timelines[0].id if timelines else "NAME"
        parts.append(
            Text(
                f"No events yet: `armsdeal add {first} --date DATE --type TYPE --title TEXT --source URL "
                "--publisher TEXT --source-title TEXT` adds the first.",
                style="dim",
            )
        )
        return Group(*parts)
    if options.full:
        parts.append(events_view(entries, numbers, show_deal=several, options=options, deal_styles=deal_styles))
        if numbers:
            parts.append(sources_view(timelines, numbers, links=options.links, mark_undated=options.as_of is not None))
        return Group(*parts)
    if entries:
        # Made when drawn: a mark per event, not kept while the lines below are drawn.
        parts.append(Padding(Strip(partial(lanes_for, timelines, entries, DEAL_STYLES)), (0, 0, 1, 0)))
    parts.append(event_lines(entries, numbers, show_deal=several, options=options, deal_styles=deal_styles))
    if numbers:
        parts.append(source_lines(timelines, numbers, links=options.links, mark_undated=options.as_of is not None))
        more = len(number_sources(entries, options.cut_off)) - len(numbers)
        if more:
            parts.append(Text(f"+{more} more sources: --full, or NAME EVENT-ID, lists every source.", style="dim"))
    return Group(*parts)


def as_of_line(as_of: EdtfDate, left_out: Sequence[str] = ()) -> Text:
    """The one line that says what an --as-of view leaves out; ``left_out``: the deal's facts no event then states."""
    facts = ""
    if left_out:
        facts = f"; so {'is' if len(left_out) == 1 else 'are'} the {_words(left_out)}, which no event by then states"
    return Text(
        f"As of {format_date(as_of)}: only events and sources by then; "
        f"the summary and notes, written later, are left out{facts}.",
        style="as-of",
    )


_FACT_WORDS = {"ordered": "ordered count", "delivered": "delivered count", "value": "value"}


def _words(left_out: Sequence[str]) -> str:
    """'ordered count, delivered count and value'."""
    words = [_FACT_WORDS[fact] for fact in left_out]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _left_out(timelines: Sequence[Timeline], options: ViewOptions) -> list[str]:
    """The deal facts that some header leaves out, in the order the header shows them."""
    named = {fact for timeline in timelines if (known := options.known.get(timeline.id)) for fact in known.left_out}
    return [fact for fact in _FACT_WORDS if fact in named]


def number_sources(
    entries: Sequence[Entry], cut_off: date | None = None, *, lead_only: bool = False
) -> dict[tuple[str, str], int]:
    """Number sources 1, 2, ... in the order the chronology first cites them (chronology.number_sources),
    leaving out those published after ``cut_off``; with ``lead_only``, only each event's first source."""
    numbers: dict[tuple[str, str], int] = {}
    for entry in entries:
        visible = visible_sources(entry, cut_off)
        for source_id in visible[:1] if lead_only else visible:
            numbers.setdefault((entry.timeline.id, source_id), len(numbers) + 1)
    return numbers


def visible_sources(entry: Entry, cut_off: date | None) -> list[str]:
    """The event's sources that exist and, with a cut-off, were published by then (or carry no date)."""
    sources = entry.timeline.sources
    return [
        source_id
        for source_id in entry.event.sources
        if source_id in sources and (cut_off is None or _published_by(sources[source_id], cut_off))
    ]


def _published_by(source: Source, cut_off: date) -> bool:
    from armsdeal.core.status import published_by  # only --as-of asks

    return published_by(source, cut_off) is not False


def _known_later(entry: Entry, cut_off: date | None) -> bool:
    """True if every source the event cites was published after the cut-off."""
    return cut_off is not None and bool(entry.event.sources) and not visible_sources(entry, cut_off)


def header(timeline: Timeline, options: ViewOptions | None = None) -> RenderableType:
    """The compact header (title; parties, system, quantities, value, status) or the full one.

    A status in ``options.statuses`` replaces the deal's final one, and the
    counts and value in ``options.known`` the record's (core/status.py deal_at).
    """
    options = options or ViewOptions()
    lines: list[RenderableType] = [_text(timeline.title, "title")]
    deal = timeline.deal
    facts = Text()
    for label, value in _deal_facts(timeline, options):
        if facts:
            facts.append("  ")
        facts.append(f"{label} ", style="deal.label")
        facts.append_text(_text(value, "deal.status" if label == "status" else ""))
    parties = describe.parties(timeline)
    if options.full:
        if parties or (deal and deal.system):
            parts = (parties, deal.system if deal else None, deal.category if deal else None)
            lines.append(_text(" · ".join(part for part in parts if part)))
        if facts:
            lines.append(facts)
    else:
        short = _text(" · ".join(part for part in (parties, deal.system if deal else None) if part))
        lines.append(_OneOrTwoLines(short, facts))
    if options.summary and timeline.summary and options.as_of is None:
        lines.append(Padding(Text(clean(timeline.summary.strip())), (1, 0, 0, 0)))
    return Padding(Group(*lines), (0, 0, 1, 0))


def _deal_facts(timeline: Timeline, options: ViewOptions) -> list[tuple[str, str]]:
    """The header's (label, value) pairs: the deal's counts, value and status, each from core/status.py."""
    deal = timeline.deal
    known = options.known.get(timeline.id)
    if known is None:
        ordered, delivered, value = (deal.ordered, deal.delivered, deal.value) if deal else (None, None, None)
        status = deal_status(timeline)
    else:
        ordered, delivered, value, status = known.ordered, known.delivered, known.value, known.at.status
    facts = []
    if ordered is not None:
        facts.append(("ordered", describe.quantity(ordered)))
    if delivered is not None:
        facts.append(("delivered", describe.quantity(delivered)))
    if value is not None:
        facts.append(("value", describe.money(value)))
    written = options.statuses.get(timeline.id)
    if written is not None:
        facts.append(("status", written))
    elif status is not None:
        facts.append(("status", str(status)))
    return facts


class _OneOrTwoLines:
    """Two parts on one line when they fit, else each on its own line (wrapped if it must be)."""

    def __init__(self, first: Text, second: Text) -> None:
        self.first, self.second = first, second

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        parts = [part for part in (self.first, self.second) if part]
        if len(parts) == 2 and self.first.cell_len + 2 + self.second.cell_len <= options.max_width:
            yield Text.assemble(self.first, "  ", self.second)
        else:
            yield from parts


def fit(
    before: Line, flexible: Line, after: Line, width: int, *, min_width: int = MIN_TITLE, droppable: bool = False
) -> Line:
    """One line: fixed parts and one part (the title) cut with an ellipsis so that the line fits ``width``.

    The fixed parts are never cut: a line whose fixed parts are wider than the
    width (a long URL) is longer than the width rather than cut. A
    ``droppable`` part is left out rather than cut below ``min_width``.
    """
    room = width - before.cell_len - after.cell_len
    if flexible.cell_len > room:
        if droppable and room < min_width:
            flexible = Line()
        else:
            flexible = flexible.copy()
            flexible.truncate(max(room, min_width))
    line = Line.assemble(before, flexible, after)
    line.rstrip()
    return line


def crop(line: Line, width: int) -> Line:
    """The line cut with an ellipsis at the width: the last resort, when even its fixed parts are wider."""
    if line.cell_len > width:
        line.truncate(width)
    return line


def folded(text: str, size: int) -> list[str]:
    """Text cut into pieces of at most ``size`` cells (a URL longer than the width, line by line)."""
    size = max(size, 1)
    if text.isascii() and text.isprintable():  # a cell a character: the usual URL, cut by slicing
        return [text[start : start + size] for start in range(0, len(text), size)] or [""]
    pieces, current = [], ""
    for char in text:
        if current and cell_len(current + char) > size:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current or not pieces else pieces


def _clean(value: str) -> str:
    """Text from a timeline file made safe for one line, as ``styled`` makes it (never empty here)."""
    return clean(value, keep_newlines=False)


def event_lines(
    entries: Sequence[Entry],
    numbers: dict[tuple[str, str], int],
    *,
    show_deal: bool = False,
    options: ViewOptions | None = None,
    deal_styles: Mapping[str, str] | None = None,
) -> RenderableType:
    """The compact chronology: one line per event (date, deal, type, title, marker, source numbers).

    The lines are made as they are drawn (lines.LineRows), one at a time.
    """
    if not entries:
        return Text("No events match.", style="dim")
    options = options or ViewOptions()
    styles = deal_styles or {}
    deal_width = max(len(entry.timeline.id) for entry in entries)
    cut_off = options.cut_off

    def make(width: int) -> Iterator[Line]:
        # The dates written out when drawn (not kept while the strip is drawn: a string per event).
        # A set or a long interval as the span it covers: --full and the event view give the words.
        dates = [compact_date(entry.event.date) for entry in entries]
        date_width = max(map(len, dates))
        # Each part appended with its style is what _text(part, style) appended with append_text gives.

        def head(entry: Entry, day: str, *, columns: bool = True, deal: bool = True) -> Line:
            """Date, deal and type, padded to their columns (unless ``columns`` is false); ``deal=False``
            leaves the deal to the title's line."""
            timeline, event = entry.timeline, entry.event
            widths = (date_width, deal_width, TYPE_WIDTH) if columns else (0, 0, 0)
            before = Line(_clean(day.ljust(widths[0])), "date")
            before.append(" ")
            if show_deal and deal:
                before.append(_clean(timeline.id.ljust(widths[1])), styles.get(timeline.id, "timeline.id"))
                before.append(" ")
            before.append(_clean(str(event.type).ljust(widths[2])), EVENT_TYPE_STYLES[event.type])
            before.append(" ")
            return before

        for entry, day in zip(entries, dates, strict=True):
            event = entry.event
            before = head(entry, day)
            markers = Line()
            for word, style in _markers(entry, cut_off):
                markers.append(" ")
                markers.append(_clean(word), style)
            refs = Line()
            visible = visible_sources(entry, cut_off)
            numbered = _refs(entry, numbers, cut_off, visible)
            if numbered:
                more = len(visible) - 1
                refs.append(" " + numbered + (f"+{more}" if more > 0 else ""), "source.number")
            title = Line(_clean(event.title), "context" if event.is_context else "")
            if width - before.cell_len - markers.cell_len - refs.cell_len >= min(TWO_LINE_TITLE, title.cell_len):
                # The title gives way to the last cell rather than push the line past the width (where
                # a terminal would wrap it): the date, type, markers and source numbers say the rest.
                yield fit(before, title, Line.assemble(markers, refs), width, min_width=1)
                continue
            # Too narrow for a readable title beside them: the date, type and sources, then the title
            # (the columns give up their padding before a type or source number is cut).
            if before.cell_len + refs.cell_len > width:
                before = head(entry, day, columns=False)
            indent = Line(INDENT)
            if show_deal and before.cell_len > width:  # a long date, deal and type: the deal goes to the title's line
                before = head(entry, day, columns=False, deal=False)
                indent = Line.assemble(
                    indent, Line(_clean(entry.timeline.id), styles.get(entry.timeline.id, "timeline.id"))
                )
                indent.append(" ")
            under = Line()  # the source numbers, on a line of their own when no other line has room
            if refs and before.cell_len + refs.cell_len > width:  # still too wide: the numbers go under the title
                if len(INDENT) + markers.cell_len + refs.cell_len + MIN_TITLE <= width:
                    markers = Line.assemble(markers, refs)
                else:
                    under = Line.assemble(Line(INDENT[:-1]), refs)
                refs = Line()
            first = Line.assemble(before, refs)
            first.rstrip()
            yield crop(first, width)
            yield crop(fit(indent, title, markers, width, min_width=min(MIN_TITLE, title.cell_len)), width)
            if under:
                yield crop(under, width)

    return LineRows(make)


def _markers(entry: Entry, cut_off: date | None) -> list[tuple[str, str]]:
    """Short words after a compact line's title: the event's status, context, other deals, later sources."""
    event = entry.event
    words: list[tuple[str, str]] = []
    if event.status is not EventStatus.CONFIRMED:
        words.append((str(event.status).upper(), STATUS_STYLES[event.status]))
    if event.about:
        words.append((f"(about {event.about})", "context"))
    elif event.context:
        words.append(("(context)", "context"))
    if entry.also:
        words.append((f"(also {', '.join(entry.also)})", "context"))
    if _known_later(entry, cut_off):
        words.append(("(known from later sources)", "as-of"))
    return words


def _refs(
    entry: Entry, numbers: dict[tuple[str, str], int], cut_off: date | None, visible: list[str] | None = None
) -> str:
    key = entry.timeline.id
    if visible is None:
        visible = visible_sources(entry, cut_off)
    refs = [numbers[(key, source)] for source in visible if (key, source) in numbers]
    return "".join(f"[{n}]" for n in refs)


def events_view(
    entries: Sequence[Entry],
    numbers: dict[tuple[str, str], int],
    *,
    show_deal: bool = False,
    options: ViewOptions | None = None,
    deal_styles: Mapping[str, str] | None = None,
) -> RenderableType:
    """The full chronology: a rule per year, a row per event with every detail, the gap between events."""
    if not entries:
        return Text("No events match.", style="dim")
    options = options or ViewOptions()
    gaps = [None, *(describe_gap(a.event.date, b.event.date) for a, b in pairwise(entries))]
    # Wide enough for every date and gap, so neither is ever cut.
    date_width = max(
        DATE_WIDTH_MIN,
        *(len(format_date(entry.event.date)) for entry in entries),
        *(len(gap) + 2 for gap in gaps if gap),
    )
    # One width for all years, so the columns line up down the whole chronology.
    deal_width = max(len(entry.timeline.id) for entry in entries)
    parts: list[RenderableType] = []
    rows = list(zip(entries, gaps, strict=True))
    for year, group in groupby(rows, key=lambda row: _year_of(row[0])):
        parts.append(Rule(Text(year, style="year"), style="rule.line"))
        table = _event_table(date_width, deal_width if show_deal else None)
        for entry, gap in group:
            if gap:
                table.add_row(Text(f"  {gap}", style="gap"))
            table.add_row(*_event_row(entry, numbers, show_deal=show_deal, options=options, deal_styles=deal_styles))
        parts.append(table)
    return Group(*parts)


def _year_of(entry: Entry) -> str:
    """The year an event is filed under: '2019', '2010s', 'open start' (``../2017``)."""
    return year_heading(entry.event.date)


def _event_table(date_width: int, deal_width: int | None) -> Grid:
    # A Grid, not a Table.grid: same layout, a fraction of the drawing time (grid.py).
    deal = [Column(width=deal_width)] if deal_width is not None else []
    return Grid(Column(width=date_width), *deal, Column(width=TYPE_WIDTH))


def _event_row(
    entry: Entry,
    numbers: dict[tuple[str, str], int],
    *,
    show_deal: bool,
    options: ViewOptions,
    deal_styles: Mapping[str, str] | None = None,
) -> list[Text]:
    timeline, event = entry.timeline, entry.event
    body = _text(event.title)
    refs = _refs(entry, numbers, options.cut_off)
    if refs:
        body.append(" " + refs, style="source.number")
    for line in _detail_lines(entry, options):
        body.append("\n")
        body.append_text(line)
    row = [_text(format_date(event.date), "date")]
    if show_deal:
        row.append(_text(timeline.id, (deal_styles or {}).get(timeline.id, "timeline.id")))
    row.extend([_text(str(event.type), EVENT_TYPE_STYLES[event.type]), body])
    return row


def _detail_lines(entry: Entry, options: ViewOptions) -> list[Text]:
    """Under a title in the full and one-event views: context, claims, actors, location, quantity, tags, note."""
    timeline, event = entry.timeline, entry.event
    lines = []
    context = describe.context_note(event)
    if context:
        lines.append(_text(context, "context"))
    if entry.also:
        lines.append(_text(f"Also in the {', '.join(entry.also)} timeline", "context"))
    marker = describe.claim_marker(timeline, event)
    if marker:
        lines.append(_text(marker, STATUS_STYLES[event.status]))
    if _known_later(entry, options.cut_off):
        lines.append(_text("Known only from sources published later", "as-of"))
    actors = ", ".join(timeline.actor_name(a) for a in event.actors)
    if actors:
        lines.append(_text(actors, "actors"))
    details = []
    if event.location:
        details.append(f"Location: {event.location}")
    if event.quantity is not None:
        details.append(f"Quantity: {describe.quantity(event.quantity)}")
    if event.tags:
        details.append(f"Tags: {', '.join(event.tags)}")
    if details:
        lines.append(_text(" · ".join(details), "details"))
    if event.note and options.as_of is None:
        lines.append(_text(f"Note: {event.note.strip()}", "note"))
    return lines


def _link(url: str) -> Style | None:
    """A link style for an http(s) URL with nothing odd in it; None for anything else."""
    if urlsplit(url).scheme not in ("http", "https") or clean(url, keep_newlines=False) != url:
        return None
    if any(char.isspace() or not char.isprintable() for char in url):
        return None
    return Style(link=url)


def _url(source: Source, *, links: bool) -> Text:
    """The URL whole (never cut; folded at the width), linked when links are on and the URL is http(s)."""
    text = _text(source.url, "source.url")
    text.overflow = "fold"
    style = _link(source.url) if links else None
    if style is not None:
        text.stylize(style)
    return text


def _source_words(source: Source, *, mark_undated: bool = False) -> str:
    words = f'{source.publisher}, "{source.title}"'
    return words + _date_words(source, mark_undated=mark_undated)


UNDATED = ", undated: may be later"


def _date_words(source: Source, *, mark_undated: bool) -> str:
    """', 12 Jul 2019'; with ``mark_undated`` (an --as-of view), a source with no date says so
    rather than pass for one published by then."""
    if source.date is not None:
        return f", {format_date(source.date)}"
    return UNDATED if mark_undated else ""


def _sorted_sources(timelines: Sequence[Timeline], numbers: dict[tuple[str, str], int]) -> list[tuple[int, Source]]:
    by_id = {timeline.id: timeline for timeline in timelines}
    listed = []
    for (timeline_id, source_id), number in sorted(numbers.items(), key=lambda item: item[1]):
        timeline = by_id.get(timeline_id)
        source = timeline.sources.get(source_id) if timeline is not None else None
        if source is not None:
            listed.append((number, source))
    return listed


def source_lines(
    timelines: Sequence[Timeline],
    numbers: dict[tuple[str, str], int],
    *,
    links: bool = False,
    mark_undated: bool = False,
) -> RenderableType:
    """The compact source list: number, publisher, date, the URL, then the title if it fits.

    With links (a terminal that shows them), the publisher and date are the link, one
    line a source. Without (piped), the URL is printed whole: on the same line when it
    fits, else on lines of its own under it, folded at the width.
    """

    def make(width: int) -> Iterator[Line]:
        # Listed when drawn, after the chronology (a pair per source, not kept while it is drawn).
        listed = _sorted_sources(timelines, numbers)
        number_width = max((len(f"[{number}]") for number, _ in listed), default=3)
        for number, source in listed:
            head = Line(f"[{number}]".rjust(number_width) + " ", "source.number")
            words = _clean(source.publisher) + _clean(_date_words(source, mark_undated=mark_undated))
            title = Line(_clean(f'  "{source.title}"'), "dim")
            style = _link(source.url) if links else None
            if style is not None:
                link = Line(words, "source.url")
                link.stylize(style)
                yield crop(fit(Line.assemble(head, link), title, Line(), width, droppable=True), width)
                continue
            url = _clean(source.url)
            whole = Line.assemble(head, Line(words + "  "), Line(url, "source.url"))
            if whole.cell_len <= width:
                yield fit(whole, title, Line(), width, min_width=MIN_TITLE, droppable=True)
                continue
            # Too long for the line: the URL starts after the publisher and date if a fair piece of it
            # fits there, else under them, and goes on on lines of its own, folded at the width.
            first = crop(Line.assemble(head, Line(words + "  ")), width)
            room = width - first.cell_len
            if room < MIN_URL_PIECE:
                yield crop(fit(Line.assemble(head, Line(words)), title, Line(), width, droppable=True), width)
                first, room = Line(" " * (number_width + 1)), width - number_width - 1
            pieces = folded(url, room)
            yield Line.assemble(first, Line(pieces[0], "source.url"))
            for piece in folded("".join(pieces[1:]), width - number_width - 1) if pieces[1:] else ():
                yield Line.assemble(Line(" " * (number_width + 1)), Line(piece, "source.url"))

    return Group(Rule(Text("Sources", style="year"), style="rule.line"), LineRows(make))


def sources_view(
    timelines: Sequence[Timeline],
    numbers: dict[tuple[str, str], int],
    *,
    links: bool = False,
    mark_undated: bool = False,
) -> RenderableType:
    """The full numbered list of cited sources: publisher, title, date, then the URL whole on its own line."""
    listed = _sorted_sources(timelines, numbers)
    width = max((len(f"[{number}]") for number, _ in listed), default=3)
    parts: list[RenderableType] = [Rule(Text("Sources", style="year"), style="rule.line")]
    for number, source in listed:
        words = Grid(Column(width=width, style="source.number", justify="right"))
        words.add_row(Text(f"[{number}]"), _text(_source_words(source, mark_undated=mark_undated)))
        # The URL whole on its own line, folded at the width when longer (never cut).
        parts.extend([words, Padding(_url(source, links=links), (0, 0, 0, width + 1))])
    return Group(*parts)


def event_view(timeline: Timeline, event: Event, options: ViewOptions | None = None) -> RenderableType:
    """One event in full, as `show NAME EVENT-ID` draws it: its deal, date, type, title, details and sources."""
    options = options or ViewOptions()
    entry = Entry(timeline, event)
    numbers = number_sources([entry], options.cut_off)
    deal = _text(timeline.id, "timeline.id")
    deal.append("  ")
    deal.append_text(_text(timeline.title, "title"))
    first = _text(format_date(event.date), "date")
    first.append("  ")
    first.append_text(_text(str(event.type), EVENT_TYPE_STYLES[event.type]))
    first.append("  ")
    first.append_text(_text(event.id, "dim"))
    title = _text(event.title, "title")
    refs = _refs(entry, numbers, options.cut_off)
    if refs:
        title.append(" " + refs, style="source.number")
    lines: list[RenderableType] = [deal, Text(""), first, title]
    if event.status is EventStatus.CONFIRMED:
        lines.append(Text("confirmed", style=STATUS_STYLES[event.status]))
    lines.extend(_detail_lines(entry, options))
    parts: list[RenderableType] = [Padding(Group(*lines), (0, 0, 1, 0))]
    if options.as_of is not None:
        parts.append(as_of_line(options.as_of))
    if numbers:
        parts.append(sources_view([timeline], numbers, links=options.links, mark_undated=options.as_of is not None))
    return Group(*parts)


def list_view(found: Sequence[tuple[Found, describe.Listing | None]], folders: Sequence[Folder] = ()) -> RenderableType:
    """One line per timeline: id, title, parties, events, first and last date, status, where it comes from.

    ``found`` pairs each file with its row's cells (describe.listing), None for an invalid one.
    ``folders`` (the search path) are named under the list, so that "from" can say only which one.
    The rows are drawn as lines (lines.LineRows), not as a Rich Text each: `list` of 30,000 files.
    """
    view = _ListView(found)
    parts: list[RenderableType] = [LineRows(view.lines, plain=view.plain_lines), _LeftOut(view)]
    user = [folder for folder in folders if folder.origin != BUNDLED]
    if user:
        where = f"yours: {user[0].path} ({user[0].origin})"
        if any(folder.origin == BUNDLED for folder in folders):
            where += ", searched before the bundled timelines"
        if any(item.shadows is not None for item, _ in found):
            where += "; * used instead of the bundled timeline of that name"
        parts.append(_text(where, "dim"))
    return Group(*parts)


_LIST_HEADINGS = ("id", "title", "deal", "events", "first", "last", "status", "from")
_INVALID = ("invalid: run armsdeal check", "", "", "", "", "invalid")  # in the status column too (kept when narrow)


class _ListView:
    """The list laid out at its width: dates and status never wrap; title and deal are cut to fit.

    Narrower than id, dates and status with some room for a title, it keeps
    id, dates and status and says which columns it left out. Each row is its
    cells' cleaned text in the order of the headings, and whether it is valid.
    """

    def __init__(self, found: Sequence[tuple[Found, describe.Listing | None]]) -> None:
        self.rows = [self._cells(item, listed) for item, listed in found]
        self.widest = [
            max((len(key), *(cell_len(row[index]) for row, _ in self.rows))) for index, key in enumerate(_LIST_HEADINGS)
        ]  # a list of no timeline is its headings (max of a lone int would raise)

    @staticmethod
    def _cells(item: Found, listed: describe.Listing | None) -> tuple[tuple[str, ...], bool]:
        origin = "bundled" if item.folder.origin == BUNDLED else "yours"
        if item.shadows is not None:
            origin += "*"
        cells = listed if listed is not None else _INVALID
        cleaned = tuple(clean(value, keep_newlines=False) for value in cells)
        return (clean(item.name, keep_newlines=False), *cleaned, origin), listed is not None

    def layout(self, width: int) -> tuple[list[int], dict[int, int], list[str]]:
        """The columns kept (by index), their widths, and the names of those left out."""
        widest = dict(enumerate(self.widest))
        minimum = {1: MIN_TITLE, 2: 8}  # title, deal
        columns = list(range(len(_LIST_HEADINGS)))
        dropped: list[str] = []
        # The last resort keeps id, last date and status: the list never runs past the width.
        for candidate in (None, "deal", "events", "from", "title", "first"):
            if candidate is not None:
                columns.remove(_LIST_HEADINGS.index(candidate))
                dropped.append(candidate)
            flexible = [key for key in columns if key in minimum]
            room = width - sum(widest[key] for key in columns if key not in minimum) - (len(columns) - 1)
            if room >= sum(minimum[key] for key in flexible):
                break
        widths = dict(widest)
        if 2 in columns:
            widths[2] = min(widest[2], max(minimum[2], room // 3))
            room -= widths[2]
        if 1 in columns:
            widths[1] = min(widest[1], max(minimum[1], room))
        return columns, widths, dropped

    def lines(self, width: int) -> Iterator[Line]:
        columns, widths, _ = self.layout(width)
        yield self._line([Line(_LIST_HEADINGS[key], "bold") for key in columns], columns, widths)
        for cells, valid in self.rows:
            styles = _ROW_STYLES if valid else _INVALID_STYLES
            yield self._line([Line(cells[key], styles[key]) for key in columns], columns, widths)

    def plain_lines(self, width: int) -> Iterator[str]:
        """The text of ``lines`` with line ends, made with str's methods alone (a console without colours)."""
        columns, widths, _ = self.layout(width)
        sizes = [widths[key] for key in columns]
        last = len(columns) - 1
        for cells in (_LIST_HEADINGS, *(row for row, _ in self.rows)):
            parts = []
            for index, (key, size) in enumerate(zip(columns, sizes, strict=True)):
                text = cells[key]
                length = cell_len(text)
                if length > size:  # Line.truncate
                    text = set_cell_size(text, size - 1) + "…"
                    length = cell_len(text)
                pad = " " * (size - length)
                parts.append(pad + text if key == 3 else text + pad if index < last else text)
            yield " ".join(parts).rstrip() + "\n"

    @staticmethod
    def _line(cells: list[Line], columns: list[int], widths: dict[int, int]) -> Line:
        line = Line()
        last = len(cells) - 1
        for index, (key, cell) in enumerate(zip(columns, cells, strict=True)):
            width = widths[key]
            cell.truncate(width)
            pad = " " * (width - cell.cell_len)
            if index:
                line.append(" ")
            if key == 3:  # events: right-justified
                line.append(pad)
                line.append_line(cell)
            elif index < last:
                line.append_line(cell)
                line.append(pad)
            else:
                line.append_line(cell)
        line.rstrip()
        return line


# Each column's style (id, title, deal, events, first, last, status, from), for a valid row and an invalid one.
_ROW_STYLES = ("timeline.id", "", "", "", "", "", "", "dim")
_INVALID_STYLES = ("timeline.id", "problem.error", "", "", "", "", "problem.error", "dim")


class _LeftOut:
    """The line under a list too narrow for every column, naming those left out (nothing otherwise)."""

    def __init__(self, view: _ListView) -> None:
        self.view = view

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        dropped = self.view.layout(options.max_width)[2]
        if dropped:
            yield Text(f"({', '.join(dropped)} left out: too narrow; widen the terminal or use --width)", style="dim")


def problem_line(problem: Problem) -> Text:
    """`path:line:col: severity [rule] message`, styled; the message is data, not markup."""
    line = Text()
    line.append_text(_text(f"{problem.place}:", "problem.path"))
    line.append(f" {problem.severity}", style=f"problem.{problem.severity}")
    line.append(f" [{problem.rule}]", style="problem.rule")
    line.append_text(_text(f" {problem.message}"))
    return line
