"""One-line rows drawn without Rich's per-line machinery, to the same bytes; views drawn in pieces.

`show` of a 10,000-event timeline spent most of its drawing time in Rich
handling one Text per line (copying, wrapping, splitting, joining, styling
spans) for lines known to fit on one line, and it built the whole output
before writing any of it (docs/performance-history.md). Two things here avoid that:

- `Line` holds what a rich Text built by the same calls (``append``,
  ``append_line`` for ``append_text``, ``assemble``, ``truncate``, ``rstrip``)
  would hold: the plain text and its spans. `Line.segments` is Rich's own
  ``Text.render`` algorithm, so a Line gives the segments the Text would;
  `Affixes` writes a segment as the console's ``style.render`` would, with the
  escape codes of each style asked of the console once.
- `LineRows` is a renderable whose rows are made one at a time when drawn,
  and `draw` yields a view's output in pieces: the rows of a LineRows a batch
  at a time, anything else as the console prints it. The output is exactly
  what ``console.print(view, crop=False)`` writes, but memory does not grow
  with the number of rows, and the first screen can be written early.

A Line takes text as it is: every string from a timeline must be cleaned
(``safe_text.clean``) before it is appended, as for a Text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise

from rich.cells import cell_len, set_cell_size
from rich.console import COLOR_SYSTEMS, Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style, StyleType
from rich.text import Span as RichSpan
from rich.text import Text

from armsdeal.core.fastpaths import enabled

Span = tuple[int, int, StyleType]
# A segment as Line.segments gives it: its text and the styles of the spans over it, outermost first.
Piece = tuple[str, tuple[StyleType, ...]]

# Rows drawn per piece of output: large enough that per-piece costs vanish, small enough to stay flat.
BATCH = 256


def _cell_len(text: str) -> int:
    """rich's cell_len: for printable ASCII (one cell a character to rich) without its cache, which
    would keep the last 4,096 lines of a long view (about 0.7 MiB)."""
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)


class Line:
    """Plain text and styled spans, as a rich Text built by the same calls would hold them."""

    __slots__ = ("_length", "_parts", "_spans", "style")

    def __init__(self, text: str = "", style: StyleType = "") -> None:
        self._parts = [text] if text else []
        self._spans: list[Span] = []
        self._length = len(text)
        self.style = style

    def __len__(self) -> int:
        return self._length

    @property
    def plain(self) -> str:
        parts = self._parts
        if len(parts) > 1:
            parts[:] = ["".join(parts)]
        return parts[0] if parts else ""

    @property
    def cell_len(self) -> int:
        return _cell_len(self.plain)

    def copy(self) -> Line:
        line = Line(self.plain, self.style)
        line._spans = self._spans.copy()
        return line

    def append(self, text: str, style: StyleType = "") -> Line:
        """Text.append(str, style): nothing for an empty string."""
        if text:
            length = self._length
            if style:
                self._spans.append((length, length + len(text), style))
            self._parts.append(text)
            self._length = length + len(text)
        return self

    def append_line(self, line: Line) -> Line:
        """Text.append_text: the other line's style becomes a span over it (even when it is empty)."""
        offset = self._length
        if line.style:
            self._spans.append((offset, offset + line._length, line.style))
        if line._length:
            self._parts.append(line.plain)
        if line._spans:
            self._spans.extend((start + offset, end + offset, style) for start, end, style in line._spans)
        self._length = offset + line._length
        return self

    @classmethod
    def assemble(cls, *lines: Line) -> Line:
        """Text.assemble(*texts) with no style of its own: empty parts are left out."""
        assembled = cls()
        for line in lines:
            if line._length:
                assembled.append_line(line)
        return assembled

    def _set_plain(self, text: str) -> None:
        """The Text.plain setter: spans past the new end are cut or dropped."""
        if text != self.plain:
            self._parts[:] = [text] if text else []
            old, self._length = self._length, len(text)
            if old > self._length:
                end = self._length
                self._spans = [
                    span if span[1] < end else (span[0], min(end, span[1]), span[2])
                    for span in self._spans
                    if span[0] < end
                ]

    def truncate(self, max_width: int) -> None:
        """Text.truncate(max_width, overflow="ellipsis")."""
        plain = self.plain
        if _cell_len(plain) > max_width:
            self._set_plain(set_cell_size(plain, max_width - 1) + "…")

    def rstrip(self) -> None:
        self._set_plain(self.plain.rstrip())

    @classmethod
    def of_text(cls, text: Text) -> Line:
        """The line a one-line rich Text holds: its plain text, its style and its spans (in their order)."""
        line = cls(text.plain, text.style)
        line._spans = [(span.start, span.end, span.style) for span in text.spans]
        return line

    def to_text(self) -> Text:
        """The rich Text built by the same calls: the reference path (fast path "lines" off)."""
        return Text(
            self.plain,
            style=self.style,
            spans=[RichSpan(start, end, style) for start, end, style in self._spans],
            no_wrap=True,
            overflow="ignore",
        )

    def stylize(self, style: StyleType) -> None:
        """Text.stylize(style) over the whole line."""
        if style and self._length:
            self._spans.append((0, self._length, style))

    def pieces(self) -> list[Piece]:
        """The segments of Text.render: the text cut at every span's start and end, with the styles over it.

        Text.render sorts the spans' starts and ends and keeps a stack; between
        two cuts the styles are those of the line (first) and of every span
        that started at or before the cut and ends after it, in the order the
        spans were added. This computes the same thing directly.
        """
        text = self.plain
        spans = self._spans
        base = (self.style,) if self.style else ()
        if not spans:
            return [(text, base)] if text else []
        cuts = sorted({0, len(text), *(span[0] for span in spans), *(span[1] for span in spans)})
        return [
            (text[start:end], (*base, *(span[2] for span in spans if span[0] <= start < span[1] and span[2])))
            for start, end in pairwise(cuts)
        ]


class Affixes:
    """How a console writes each combination of styles: the codes before and after a segment's text.

    What the console does when it writes its buffer: a segment with a style
    is ``style.render(text)`` for the console's colour system (with the
    colours removed first under NO_COLOR), anything else its text. Worked out
    once per combination (tests compare with what the console writes).
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        name = console.color_system
        self._color_system = COLOR_SYSTEMS[name] if name is not None else None
        self._styles: dict[tuple[StyleType, ...], Style] = {}
        self._affixes: dict[tuple[StyleType, ...], tuple[str, str]] = {(): ("", "")}

    def style(self, styles: tuple[StyleType, ...]) -> Style:
        """The combined style of the spans over a piece (Text.render's get_current_style)."""
        style = self._styles.get(styles)
        if style is None:
            null = Style.null()
            style = Style.combine([self.console.get_style(name, default=null) for name in styles]) if styles else null
            if not style.link:
                self._styles[styles] = style
        return style

    def __getitem__(self, styles: tuple[StyleType, ...]) -> tuple[str, str]:
        affixes = self._affixes.get(styles)
        if affixes is None:
            style = self.style(styles)
            affixes = ("", "")
            if style and self._color_system is not None:
                if self.console.no_color:
                    style = style.without_color
                rendered = style.render(
                    "x", color_system=self._color_system, legacy_windows=self.console.legacy_windows
                )
                before, _, after = rendered.rpartition("x")
                affixes = (before, after)
            if style.link:
                return affixes  # a hyperlink's own: not kept (one per URL, and its id is made afresh)
            self._affixes[styles] = affixes
        return affixes

    def segments(self, line: Line) -> list[Segment]:
        """The line's segments and its line end, as Rich draws the same Text with ``end="\\n"``."""
        segments = [Segment(text, self.style(styles)) for text, styles in line.pieces()]
        segments.append(Segment.line())
        return segments

    def write(self, line: Line, *, trim: bool = False) -> str:
        """The line as the console writes its segments, with its line end.

        ``trim``: without the spaces at its end, their style codes kept, as cli.app.trim_trailing_spaces
        leaves it (which, on a batch of lines padded with long runs of spaces, spends most of its time
        trying each space of each run as the start of the line's end).
        """
        if self._color_system is None:  # no piece has codes (Style.render writes bare text): the text alone
            return (line.plain.rstrip(" ") if trim else line.plain) + "\n"
        pieces = line.pieces()
        if trim:
            pieces = _trimmed(pieces)
        parts = []
        for text, styles in pieces:
            before, after = self[styles]
            parts.append(f"{before}{text}{after}" if before or after else text)
        parts.append("\n")
        return "".join(parts)


def _trimmed(pieces: list[Piece]) -> list[Piece]:
    """The pieces without the spaces that end the last of them: a piece left empty keeps its styles
    (its codes are still written, as trimming the written line keeps them)."""
    end = len(pieces)
    while end and not pieces[end - 1][0].strip(" "):
        end -= 1
    kept = pieces[:end]
    if end:
        text, styles = kept[-1]
        kept[-1] = (text.rstrip(" "), styles)
    kept.extend(("", styles) for _, styles in pieces[end:])
    return kept


class LineRows:
    """Rows of one line each, made by ``make(width)`` when drawn (one at a time), never wrapped or cut.

    ``trim``: rows that may end in spaces (padded, as a Table's are) are written without them, as
    trim_trailing_spaces would leave them; other rows end in none.
    """

    def __init__(
        self,
        make: Callable[[int], Iterable[Line]],
        *,
        trim: bool = False,
        plain: Callable[[int], Iterable[str]] | None = None,
    ) -> None:
        self.make = make
        self.trim = trim
        self.plain = plain  # the rows' text with their line ends, for a console without colours (same bytes)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not enabled("lines"):
            for line in self.make(options.max_width):
                yield line.to_text()
            return
        affixes = Affixes(console)
        for line in self.make(options.max_width):
            yield from affixes.segments(line)

    def write(self, console: Console, width: int) -> Iterator[str]:
        """The rows as the console writes them, a batch at a time."""
        affixes = Affixes(console)
        batch: list[str] = []
        trim = self.trim
        written: Iterable[str]
        if self.plain is not None and console.color_system is None:
            written = self.plain(width)
        else:
            written = (affixes.write(line, trim=trim) for line in self.make(width))
        for line in written:
            batch.append(line)
            if len(batch) == BATCH:
                yield "".join(batch)
                batch.clear()
        if batch:
            yield "".join(batch)


def draw(console: Console, renderable: RenderableType, finish: Callable[[str], str] | None = None) -> Iterator[str]:
    """What ``console.print(renderable, crop=False)`` writes (captured, not printed), in pieces of whole lines.

    A Group is drawn part by part (a Group draws each part with its options
    unchanged), LineRows a batch of rows at a time, anything else whole.
    ``finish`` (trim_trailing_spaces, say) is applied to what the console
    draws, line by line; rows of LineRows are right-stripped already and
    are left as they are.
    """
    pending = ""
    for piece, rows in _pieces(console, renderable):
        if rows and not pending:
            yield piece
            continue
        head, newline, pending = (pending + piece).rpartition("\n")
        if newline:
            yield finish(head + newline) if finish else head + newline
    if pending:
        yield finish(pending) if finish else pending


def _pieces(console: Console, renderable: RenderableType) -> Iterator[tuple[str, bool]]:
    """The output in pieces, each with True if it is rows of LineRows."""
    waiting: list[RenderableType] = []
    fast = enabled("lines")  # off: the rows are Texts the console prints with the rest
    for part in _parts(renderable):
        if fast and isinstance(part, LineRows):
            if waiting:
                yield _print(console, waiting), False
                waiting = []
            for batch in part.write(console, console.options.max_width):
                yield batch, True
        else:
            waiting.append(part)
    if waiting:
        yield _print(console, waiting), False


def _parts(renderable: RenderableType) -> Iterator[RenderableType]:
    """The parts of a view: those of its Groups, of theirs, and so on (a Group draws each with its own options)."""
    if isinstance(renderable, Group):
        for part in renderable.renderables:
            yield from _parts(part)
    else:
        yield renderable


def _print(console: Console, parts: list[RenderableType]) -> str:
    """The parts as the console prints them in a view (in a Group: a Text is not joined or ended by print)."""
    with console.capture() as capture:
        console.print(Group(*parts), crop=False)
    return capture.get()
