"""diff's markdown format: GitHub Markdown for a pull-request comment.

Timeline text is escaped; the output depends only on the diffs.
"""

from __future__ import annotations

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
    stat_parts,
    timelines_phrase,
    value_words,
    word_diff,
)

MARKDOWN_TITLE = "## Timeline changes"
ARROW = "→"


def escape_markdown(text: str) -> str:
    """YAML text made inert in GFM, on one line (the exporters' escaping, shared)."""
    from armsdeal.render.escape import markdown_inline

    return markdown_inline(" ".join(text.split()))


def code_span(identifier: str) -> str:
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
    yield f"### {code_span(diff.timeline)}{status}: {escape_markdown(diff.title)}"
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
        status = "" if diff.status is Status.CHANGED else f" ({diff.status})"
        cells = [f"{code_span(diff.timeline)}{status}", *(parts.get(name, "") for name in ("fields", *SECTIONS))]
        rows.append("| " + " | ".join(cells) + " |")
    blocks.append("\n".join(rows))
    blocks.append(timelines_phrase(len(diffs)) + ".")
    return "\n\n".join(blocks) + "\n"


FORMAT = DiffFormat(render=markdown, stat=markdown_stat)
