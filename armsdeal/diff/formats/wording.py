"""What the diff formats say the same way: values, dates, word diffs, counts."""

from __future__ import annotations

import difflib

from armsdeal.core.dates import EdtfDate, format_date
from armsdeal.diff.engine import (
    DateChange,
    DateChangeKind,
    DiffStat,
    FieldChange,
    ItemDiff,
    Scalar,
    SectionStat,
    ValueChange,
)

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
