"""diff's terminal format: a Rich renderable (added green, removed red, changed yellow).

Text from timelines goes into a Text, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from armsdeal.core.dates import format_date
from armsdeal.diff.engine import (
    DateChange,
    FieldChange,
    ItemDiff,
    ListChange,
    Status,
    TimelineDiff,
)
from armsdeal.diff.formats import DiffFormat
from armsdeal.diff.formats.wording import (
    LONG_TEXT,
    SECTIONS,
    date_words,
    is_long,
    item_context,
    stat_parts,
    timelines_phrase,
    value_words,
    word_diff,
)
from armsdeal.render.styled import styled as _text

STYLES = {
    Status.ADDED: "green",
    Status.REMOVED: "red",
    Status.CHANGED: "yellow",
    Status.RENAMED: "yellow",
}
MARKERS = {Status.ADDED: "+", Status.REMOVED: "-", Status.CHANGED: "~", Status.RENAMED: "~"}
BEFORE_STYLE = "red"
AFTER_STYLE = "green"
CONTEXT_STYLE = "dim"
INDENT = 2
# Where an entry's text starts (after '  ~ '), and its one-per-line changes.
ITEM_HANG = INDENT + 2
DETAIL_INDENT = ITEM_HANG + 2
MIN_BODY_WIDTH = 10
# An entry's changes go on one line when there are at most this many short ones.
ONE_LINE_CHANGES = 3


def terminal(diffs: Sequence[TimelineDiff]) -> RenderableType:
    """Each timeline: a header line, then its field changes and entries, one per line."""
    if not diffs:
        return Text("No differences.", style=CONTEXT_STYLE)
    parts: list[RenderableType] = []
    for number, diff in enumerate(diffs):
        if number:
            parts.append(Text())
        parts.append(Hanging(Text(), terminal_header(diff), INDENT))
        parts.extend(terminal_body(diff))
    return Group(*parts)


def terminal_body(diff: TimelineDiff) -> Iterator[RenderableType]:
    for change in diff.fields:
        yield Hanging(_lead(Status.CHANGED), _change_text(change), ITEM_HANG)
    for section in SECTIONS:
        for item in getattr(diff, section):
            yield from _terminal_item(item)


class Hanging:
    """A lead (indent and marker), then text whose wrapped lines stay indented by ``hang`` columns.

    Unlike Padding or a table, it adds no trailing spaces to the lines.
    """

    def __init__(self, lead: Text, body: Text, hang: int) -> None:
        self.lead, self.body, self.hang = lead, body, hang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - max(self.hang, self.lead.cell_len), MIN_BODY_WIDTH)
        continuation = Text(" " * self.hang)
        for number, line in enumerate(self.body.wrap(console, width)):
            line.rstrip()
            yield (self.lead if number == 0 else continuation) + line


def _lead(status: Status | None, indent: int = INDENT) -> Text:
    lead = Text(" " * indent)
    if status is not None:
        lead.append(MARKERS[status], style=STYLES[status])
        lead.append(" ")
    return lead


def terminal_header(diff: TimelineDiff) -> Text:
    header = _text(diff.timeline, "bold")
    if diff.status is not Status.CHANGED:
        header.append(f" {diff.status}", style=STYLES[diff.status])
    header.append_text(_text(f" ({diff.title})", CONTEXT_STYLE))
    labels = [label for label in (diff.old_label, diff.new_label) if label]
    if labels:
        header.append_text(_text(f"  {' -> '.join(labels)}", CONTEXT_STYLE))
    return header


def _terminal_item(item: ItemDiff) -> Iterator[RenderableType]:
    style = STYLES[item.status]
    line = Text(f"{item.kind} ", style=style)
    line.append_text(_text(item.id, f"bold {style}"))
    context = item_context(item, limit=LONG_TEXT)
    if context:
        line.append_text(_text(f" ({context})", CONTEXT_STYLE))
    details = _item_changes(item)
    one_line = len(details) <= ONE_LINE_CHANGES and not any(is_long(c) for c in item.changes)
    if details and one_line:
        line.append(": ")
        line.append_text(Text("; ").join(details))
    yield Hanging(_lead(item.status), line, ITEM_HANG)
    if not one_line:
        for detail in details:
            yield Hanging(_lead(None, DETAIL_INDENT), detail, DETAIL_INDENT)


def _item_changes(item: ItemDiff) -> list[Text]:
    details = [_change_text(change) for change in item.changes]
    if item.status is Status.RENAMED and item.old_id is not None:
        details.insert(0, _text(f"renamed from {item.old_id}"))
    return details


def _change_text(change: FieldChange) -> Text:
    text = _text(change.field, "bold")
    if isinstance(change, ListChange):
        items = [(f"+ {item}", AFTER_STYLE) for item in change.added]
        items += [(f"- {item}", BEFORE_STYLE) for item in change.removed]
        text.append(" ")
        text.append_text(Text(", ").join(_text(words, style) for words, style in items))
        return text
    if isinstance(change, DateChange):
        text.append(f" {date_words(change)}:")
        return _before_after(text, format_date(change.before), format_date(change.after))
    if is_long(change):
        return _terminal_word_diff(text, str(change.before), str(change.after))
    return _before_after(text, value_words(change.before), value_words(change.after))


def _before_after(text: Text, before: str, after: str) -> Text:
    text.append(" ")
    text.append_text(_text(before, BEFORE_STYLE))
    text.append(" -> ")
    text.append_text(_text(after, AFTER_STYLE))
    return text


def _terminal_word_diff(text: Text, before: str, after: str) -> Text:
    # The [-...-] and {+...+} markers of git's --word-diff keep the change
    # readable without colour.
    for op, words in word_diff(before, after):
        text.append(" ")
        if op == "-":
            text.append_text(_text(f"[-{words}-]", BEFORE_STYLE))
        elif op == "+":
            text.append_text(_text(f"{{+{words}+}}", AFTER_STYLE))
        else:
            text.append_text(_text(words))
    return text


def terminal_stat(diffs: Sequence[TimelineDiff]) -> RenderableType:
    """One line per timeline with its counts, and a total."""
    if not diffs:
        return Text("No differences.", style=CONTEXT_STYLE)
    lines = []
    for diff in diffs:
        line = _text(diff.timeline, "bold")
        if diff.status is not Status.CHANGED:
            line.append(f" ({diff.status})", style=STYLES[diff.status])
        for section, words in stat_parts(diff.stat()):
            line.append(f"  {section} ", style=CONTEXT_STYLE)
            line.append(words)
        lines.append(line)
    lines.append(Text(timelines_phrase(len(diffs)), style=CONTEXT_STYLE))
    return Group(*lines)


FORMAT = DiffFormat(render=terminal, stat=terminal_stat)
