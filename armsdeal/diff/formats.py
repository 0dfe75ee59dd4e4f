"""How `armsdeal diff` shows a list of TimelineDiffs: the registry of output formats.

terminal: a Rich renderable (added green, removed red, changed yellow), every
    string from a timeline in a Text, cleaned, never parsed as markup.
markdown: a GitHub-flavoured Markdown string for a pull-request comment; every
    string from a timeline is escaped, and the output depends only on the diffs.
json: one JSON document.

Each format has a full rendering and a ``--stat`` rendering (counts per timeline).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from armsdeal.core.dates import EdtfDate, format_date
from armsdeal.core.vocabulary import ID_RE
from armsdeal.diff.engine import (
    DateChange,
    DateChangeKind,
    DiffStat,
    FieldChange,
    ItemDiff,
    ListChange,
    Scalar,
    SectionStat,
    Status,
    TimelineDiff,
    ValueChange,
)
from armsdeal.render.safe_text import to_json
from armsdeal.render.styled import styled as _text

Rendered = RenderableType | str
JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class DiffFormat:
    """An output format: the full rendering and the --stat one."""

    name: str
    render: Callable[[Sequence[TimelineDiff]], Rendered]
    stat: Callable[[Sequence[TimelineDiff]], Rendered]
    help: str


# --- shared wording ----------------------------------------------------------------

# Text longer than this is shown as a word diff rather than as before -> after.
LONG_TEXT = 60
# Unchanged words kept around each change in a word diff.
CONTEXT_WORDS = 5
# Below this similarity (difflib's ratio) a text counts as rewritten, not edited.
REWRITE_RATIO = 0.5
ELLIPSIS = "..."

_SECTIONS = ("events", "sources", "actors")


def _is_long(change: FieldChange) -> bool:
    return (
        isinstance(change, ValueChange)
        and isinstance(change.before, str)
        and isinstance(change.after, str)
        and max(len(change.before), len(change.after)) > LONG_TEXT
    )


def value_words(value: Scalar) -> str:
    """A field value as a reader sees it: 'true', '2500000000', '(none)'."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def date_words(change: DateChange) -> str:
    """'refined', 'moved 3 months later', 'requalified' ..."""
    if change.kind is DateChangeKind.MOVED and change.shift is not None:
        return f"moved {change.shift} {change.direction}"
    return str(change.kind)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Segments ('=', '-' or '+', words) from ``before`` to ``after``; long unchanged runs elided.

    An elided run keeps CONTEXT_WORDS words next to each change and becomes '...'.
    """
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    if matcher.ratio() < REWRITE_RATIO:
        # Mostly rewritten: the old and the new text read better whole.
        return [("-", " ".join(old)), ("+", " ".join(new))]
    segments: list[tuple[str, str]] = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            segments.append(("=", _elide(old[i1:i2], first=index == 0, last=index == len(opcodes) - 1)))
            continue
        if i2 > i1:
            segments.append(("-", " ".join(old[i1:i2])))
        if j2 > j1:
            segments.append(("+", " ".join(new[j1:j2])))
    return segments


def _elide(words: list[str], *, first: bool, last: bool) -> str:
    keep_before = 0 if first else CONTEXT_WORDS
    keep_after = 0 if last else CONTEXT_WORDS
    if len(words) <= keep_before + keep_after + 1:
        return " ".join(words)
    head = words[:keep_before]
    tail = words[len(words) - keep_after :] if keep_after else []
    return " ".join([*head, ELLIPSIS, *tail])


def _shorten(text: str, limit: int = LONG_TEXT) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)].rsplit(" ", 1)[0]
    return f"{cut}{ELLIPSIS}"


def _context(item: ItemDiff, *, limit: int | None) -> str:
    label = _shorten(item.label, limit) if limit else " ".join(item.label.split())
    return ", ".join(part for part in (_format_date(item.date), label) if part)


def _format_date(value: EdtfDate | None) -> str:
    return format_date(value) if value is not None else ""


def _stat_parts(stat: DiffStat) -> list[tuple[str, str]]:
    """('fields', '2 changed'), ('events', '1 added, 3 changed'), ... for sections with changes."""
    parts = [("fields", f"{stat.fields} changed")] if stat.fields else []
    for section in _SECTIONS:
        words = _section_words(getattr(stat, section))
        if words:
            parts.append((section, words))
    return parts


def _section_words(section: SectionStat) -> str:
    counts = [
        (section.added, "added"),
        (section.removed, "removed"),
        (section.changed, "changed"),
        (section.renamed, "renamed"),
    ]
    return ", ".join(f"{count} {word}" for count, word in counts if count)


def _timelines_phrase(count: int) -> str:
    return f"{count} timeline{'' if count == 1 else 's'} differ{'s' if count == 1 else ''}"


# --- terminal ------------------------------------------------------------------------

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
        parts.append(Hanging(Text(), _terminal_header(diff), INDENT))
        parts.extend(_terminal_body(diff))
    return Group(*parts)


def _terminal_body(diff: TimelineDiff) -> Iterator[RenderableType]:
    for change in diff.fields:
        yield Hanging(_lead(Status.CHANGED), _change_text(change), ITEM_HANG)
    for section in _SECTIONS:
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


def _terminal_header(diff: TimelineDiff) -> Text:
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
    context = _context(item, limit=LONG_TEXT)
    if context:
        line.append_text(_text(f" ({context})", CONTEXT_STYLE))
    details = _item_changes(item)
    one_line = len(details) <= ONE_LINE_CHANGES and not any(_is_long(c) for c in item.changes)
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
    if _is_long(change):
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
        for section, words in _stat_parts(diff.stat()):
            line.append(f"  {section} ", style=CONTEXT_STYLE)
            line.append(words)
        lines.append(line)
    lines.append(Text(_timelines_phrase(len(diffs)), style=CONTEXT_STYLE))
    return Group(*lines)


# --- markdown ------------------------------------------------------------------------

MARKDOWN_TITLE = "## Timeline changes"
ARROW = "→"


def escape_markdown(text: str) -> str:
    """YAML text made inert in GFM, on one line (the exporters' escaping, shared)."""
    from armsdeal.render.escape import markdown_inline

    return markdown_inline(" ".join(text.split()))


def _code(identifier: str) -> str:
    # Ids and field names are kebab-case or ours: safe in a code span. Anything
    # else is escaped as text, never trusted inside backticks.
    is_id = ID_RE.fullmatch(identifier) is not None
    return f"`{identifier}`" if is_id or _is_field_name(identifier) else escape_markdown(identifier)


def _is_field_name(name: str) -> bool:
    return all(part.isidentifier() for part in name.split("."))


def markdown(diffs: Sequence[TimelineDiff]) -> str:
    """A pull-request comment: a heading per timeline, a list per section."""
    blocks = [MARKDOWN_TITLE]
    if not diffs:
        blocks.append("No differences.")
    for diff in diffs:
        blocks.extend(_markdown_timeline(diff))
    return "\n\n".join(blocks) + "\n"


def _markdown_timeline(diff: TimelineDiff) -> Iterator[str]:
    status = "" if diff.status is Status.CHANGED else f" ({diff.status})"
    yield f"### {_code(diff.timeline)}{status}: {escape_markdown(diff.title)}"
    labels = [escape_markdown(label) for label in (diff.old_label, diff.new_label) if label]
    if labels:
        yield f"Compared: {f' {ARROW} '.join(labels)}"
    if diff.fields:
        yield "#### Fields"
        yield "\n".join(f"- {_markdown_change(change)}" for change in diff.fields)
    for section in _SECTIONS:
        items: tuple[ItemDiff, ...] = getattr(diff, section)
        if items:
            yield f"#### {section.capitalize()}"
            yield "\n".join(_markdown_item(item) for item in items)


def _markdown_item(item: ItemDiff) -> str:
    name = _code(item.id)
    if item.status is Status.RENAMED and item.old_id is not None:
        name = f"{_code(item.old_id)} {ARROW} {name}"
    line = f"- **{item.status}** {item.kind} {name}"
    context = _context(item, limit=None)
    if context:
        line += f" ({escape_markdown(context)})"
    details = [f"  - {_markdown_change(change)}" for change in item.changes]
    return "\n".join([line, *details])


def _markdown_change(change: FieldChange) -> str:
    name = _code(change.field)
    if isinstance(change, ListChange):
        parts = []
        if change.added:
            parts.append("added " + ", ".join(_code(item) for item in change.added))
        if change.removed:
            parts.append("removed " + ", ".join(_code(item) for item in change.removed))
        return f"{name}: {'; '.join(parts)}"
    if isinstance(change, DateChange):
        before, after = format_date(change.before), format_date(change.after)
        return f"{name} {date_words(change)}: {escape_markdown(before)} {ARROW} {escape_markdown(after)}"
    if _is_long(change):
        return f"{name}: {_markdown_word_diff(str(change.before), str(change.after))}"
    return f"{name}: {_markdown_value(change.before)} {ARROW} {_markdown_value(change.after)}"


def _markdown_value(value: Scalar) -> str:
    # value_words' own "(none)" is ours and harmless; everything else is data.
    return value_words(value) if value is None else escape_markdown(value_words(value))


def _markdown_word_diff(before: str, after: str) -> str:
    marks = {"-": "~~", "+": "**", "=": ""}
    return " ".join(f"{marks[op]}{escape_markdown(words)}{marks[op]}" for op, words in word_diff(before, after))


def markdown_stat(diffs: Sequence[TimelineDiff]) -> str:
    """A table: one row per timeline, a column per section."""
    blocks = [MARKDOWN_TITLE]
    if not diffs:
        blocks.append("No differences.")
        return "\n\n".join(blocks) + "\n"
    rows = ["| timeline | fields | events | sources | actors |", "|---|---|---|---|---|"]
    for diff in diffs:
        parts = dict(_stat_parts(diff.stat()))
        status = "" if diff.status is Status.CHANGED else f" ({diff.status})"
        cells = [f"{_code(diff.timeline)}{status}", *(parts.get(name, "") for name in ("fields", *_SECTIONS))]
        rows.append("| " + " | ".join(cells) + " |")
    blocks.append("\n".join(rows))
    blocks.append(_timelines_phrase(len(diffs)) + ".")
    return "\n\n".join(blocks) + "\n"


# --- json ----------------------------------------------------------------------------


def json_document(diffs: Sequence[TimelineDiff]) -> str:
    """{"version": 1, "differences": bool, "timelines": [...]} with every change."""
    return _dump([_json_timeline(diff, full=True) for diff in diffs])


def json_stat(diffs: Sequence[TimelineDiff]) -> str:
    return _dump([_json_timeline(diff, full=False) for diff in diffs])


def _dump(timelines: list[dict[str, Any]]) -> str:
    document = {"version": JSON_VERSION, "differences": bool(timelines), "timelines": timelines}
    return to_json(document)


def _json_timeline(diff: TimelineDiff, *, full: bool) -> dict[str, Any]:
    stat = diff.stat()
    data: dict[str, Any] = {
        "timeline": diff.timeline,
        "title": diff.title,
        "status": str(diff.status),
        "old": diff.old_label,
        "new": diff.new_label,
        "stat": {
            "fields": stat.fields,
            **{section: _json_section_stat(getattr(stat, section)) for section in _SECTIONS},
        },
    }
    if full:
        data["fields"] = [_json_change(change) for change in diff.fields]
        for section in _SECTIONS:
            data[section] = [_json_item(item) for item in getattr(diff, section)]
    return data


def _json_section_stat(section: SectionStat) -> dict[str, int]:
    return {"added": section.added, "removed": section.removed, "changed": section.changed, "renamed": section.renamed}


def _json_item(item: ItemDiff) -> dict[str, Any]:
    return {
        "id": item.id,
        "status": str(item.status),
        "old_id": item.old_id,
        "date": item.date.text if item.date is not None else None,
        "label": item.label,
        "changes": [_json_change(change) for change in item.changes],
        "record": dict(item.record) if item.record is not None else None,
    }


def _json_change(change: FieldChange) -> dict[str, Any]:
    if isinstance(change, ListChange):
        return {"field": change.field, "kind": "list", "added": list(change.added), "removed": list(change.removed)}
    if isinstance(change, DateChange):
        return {
            "field": change.field,
            "kind": "date",
            "before": change.before.text,
            "after": change.after.text,
            "change": str(change.kind),
            "shift": change.shift,
            "direction": str(change.direction) if change.direction is not None else None,
        }
    return {"field": change.field, "kind": "value", "before": change.before, "after": change.after}


FORMATS: dict[str, DiffFormat] = {
    f.name: f
    for f in (
        DiffFormat("terminal", terminal, terminal_stat, "coloured lines for a terminal"),
        DiffFormat("markdown", markdown, markdown_stat, "GitHub Markdown for a pull-request comment"),
        DiffFormat("json", json_document, json_stat, "one JSON document"),
    )
}
