"""diff's markdown format: GitHub Markdown for a pull-request comment.

First one line per timeline (``turkey-s400: 2 events added, 1 date narrowed``),
then each timeline's details folded in a ``<details>`` block, so a reviewer sees
the whole change at a glance and opens what they want to read. The comment stays
under MAX_CHARS (GitHub refuses a comment over 65,536 characters): what does not
fit is cut at a line, and a note says so.

Timeline text is escaped (render/escape.py: no mention, reference, link, image
or HTML can form); the only HTML is ours (``<details>``, ``<summary>`` with a
timeline id). The output depends only on the diffs.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence

from armsdeal.core.dates import format_date
from armsdeal.core.vocabulary import ID_RE
from armsdeal.diff.engine import (
    DateChange,
    FieldChange,
    ItemDiff,
    ListChange,
    Scalar,
    Status,
    TimelineDiff,
)
from armsdeal.diff.formats import DiffFormat
from armsdeal.diff.formats.wording import (
    SECTIONS,
    date_words,
    is_long,
    item_context,
    one_line,
    stat_parts,
    timelines_phrase,
    value_words,
    word_diff,
)

MARKDOWN_TITLE = "## Timeline changes"
ARROW = "→"
# The most a rendering holds: GitHub refuses a comment over 65,536 characters, and the
# GitHub Action adds the check result and a marker around the diff (docs/ci.md).
MAX_CHARS = 60_000


def escape_markdown(text: str) -> str:
    """YAML text made inert in GFM, on one line, unable to ping anyone (the exporters' escaping, shared)."""
    from armsdeal.render.escape import comment_inline

    return comment_inline(" ".join(text.split()))


def code_span(identifier: str) -> str:
    # Ids and field names are kebab-case or ours: safe in a code span. Anything
    # else is escaped as text, never trusted inside backticks.
    is_id = ID_RE.fullmatch(identifier) is not None
    return f"`{identifier}`" if is_id or _is_field_name(identifier) else escape_markdown(identifier)


def _is_field_name(name: str) -> bool:
    return all(part.isidentifier() for part in name.split("."))


def markdown(diffs: Sequence[TimelineDiff], *, limit: int = MAX_CHARS) -> str:
    """A pull-request comment: a line per timeline, then each timeline's details folded, within ``limit``."""
    blocks = [MARKDOWN_TITLE]
    if not diffs:
        blocks.append("No differences.")
        return "\n\n".join(blocks) + "\n"
    blocks.append("\n".join(f"- {code_span(diff.timeline)}{_status(diff)}: {one_line(diff)}" for diff in diffs))
    return _within(blocks, [_folded(diff) for diff in diffs], limit)


def _status(diff: TimelineDiff) -> str:
    return "" if diff.status is Status.CHANGED else f" ({diff.status})"


def _folded(diff: TimelineDiff) -> str:
    summary = f"<details>\n<summary>Details of {html.escape(diff.timeline)}</summary>"
    return "\n\n".join([summary, *_markdown_timeline(diff)])


_CLOSE = "</details>"


def _within(head: list[str], folded: list[str], limit: int) -> str:
    """The head and the folded blocks, cut at a line when more than ``limit`` characters (a note says so)."""
    note = f"*Cut here: this comment keeps to {limit:,} characters. `armsdeal diff --base REV` prints every change.*"
    text = "\n\n".join(head)
    if len(text) + len(note) > limit:
        return _cut(text, limit - len(note) - 2) + "\n\n" + note + "\n"
    for index, block in enumerate(folded):
        whole = f"{text}\n\n{block}\n\n{_CLOSE}"
        # A block fits if the note still does after it (the last block needs no room for the note).
        if len(whole) + 1 + (0 if index == len(folded) - 1 else len(note) + 2) <= limit:
            text = whole
            continue
        room = limit - len(text) - len(note) - len(_CLOSE) - 8
        part = _cut(block, room)
        if part.count("\n") > 1:  # more than the <details> and <summary> lines
            text = f"{text}\n\n{part}\n\n{_CLOSE}"
        return f"{text}\n\n{note}\n"
    return text + "\n"


def _cut(text: str, room: int) -> str:
    """The lines of ``text`` that fit in ``room`` characters, whole lines only."""
    kept, used = [], 0
    for line in text.split("\n"):
        used += len(line) + 1
        if used > room:
            break
        kept.append(line)
    return "\n".join(kept).rstrip()


def _markdown_timeline(diff: TimelineDiff) -> Iterator[str]:
    yield f"### {code_span(diff.timeline)}{_status(diff)}: {escape_markdown(diff.title)}"
    labels = [escape_markdown(label) for label in (diff.old_label, diff.new_label) if label]
    if labels:
        yield f"Compared: {f' {ARROW} '.join(labels)}"
    if diff.fields:
        yield "#### Fields"
        yield "\n".join(f"- {markdown_change(change)}" for change in diff.fields)
    for section in SECTIONS:
        items: tuple[ItemDiff, ...] = getattr(diff, section)
        if items:
            yield f"#### {section.capitalize()}"
            yield "\n".join(_markdown_item(item) for item in items)


def _markdown_item(item: ItemDiff) -> str:
    name = code_span(item.id)
    if item.status is Status.RENAMED and item.old_id is not None:
        name = f"{code_span(item.old_id)} {ARROW} {name}"
    line = f"- **{item.status}** {item.kind} {name}"
    context = item_context(item, limit=None)
    if context:
        line += f" ({escape_markdown(context)})"
    details = [f"  - {markdown_change(change)}" for change in item.changes]
    return "\n".join([line, *details])


def markdown_change(change: FieldChange) -> str:
    name = code_span(change.field)
    if isinstance(change, ListChange):
        parts = []
        if change.added:
            parts.append("added " + ", ".join(code_span(item) for item in change.added))
        if change.removed:
            parts.append("removed " + ", ".join(code_span(item) for item in change.removed))
        return f"{name}: {'; '.join(parts)}"
    if isinstance(change, DateChange):
        before, after = format_date(change.before), format_date(change.after)
        return f"{name} {date_words(change)}: {escape_markdown(before)} {ARROW} {escape_markdown(after)}"
    if is_long(change):
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
        parts = dict(stat_parts(diff.stat()))
        cells = [f"{code_span(diff.timeline)}{_status(diff)}", *(parts.get(name, "") for name in ("fields", *SECTIONS))]
        rows.append("| " + " | ".join(cells) + " |")
    blocks.append("\n".join(rows))
    blocks.append(timelines_phrase(len(diffs)) + ".")
    return "\n\n".join(blocks) + "\n"


FORMAT = DiffFormat(render=markdown, stat=markdown_stat)
