"""What the diff formats say the same way: values, dates, word diffs, counts."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Hashable, Sequence

from armsdeal.core.dates import EdtfDate, format_date
from armsdeal.diff.engine import (
    DateChange,
    DateChangeKind,
    DiffStat,
    FieldChange,
    ItemDiff,
    Scalar,
    SectionStat,
    Status,
    TimelineDiff,
    ValueChange,
)

# Text longer than this is shown as a word diff rather than as before -> after.
LONG_TEXT = 60
# Unchanged words kept around each change in a word diff.
CONTEXT_WORDS = 5
# Below this similarity (difflib's ratio) a text counts as rewritten, not edited.
REWRITE_RATIO = 0.5
ELLIPSIS = "..."

SECTIONS = ("events", "sources", "actors")


def is_long(change: FieldChange) -> bool:
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
    The cost is bounded whatever the texts (see ``word_opcodes``).
    """
    old, new = before.split(), after.split()
    opcodes = word_opcodes(old, new)
    same = sum(i2 - i1 for tag, i1, i2, _, _ in opcodes if tag == "equal")
    if (old or new) and 2 * same / (len(old) + len(new)) < REWRITE_RATIO:
        # Mostly rewritten (difflib's ratio): the old and the new text read better whole.
        return [("-", " ".join(old)), ("+", " ".join(new))]
    segments: list[tuple[str, str]] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            segments.append(("=", _elide(old[i1:i2], first=index == 0, last=index == len(opcodes) - 1)))
            continue
        if i2 > i1:
            segments.append(("-", " ".join(old[i1:i2])))
        if j2 > j1:
            segments.append(("+", " ".join(new[j1:j2])))
    return segments


# difflib's matcher can take time cubic in the length of its input (5,000 words
# from a small vocabulary took 16 s): each of its up to min(n, m) rounds may look
# at every pair of equal items. It is given only inputs where that worst case
# (pairs * min(n, m)) fits in this budget, spent across one word diff: about 0.1 s.
WORD_DIFF_BUDGET = 2_000_000
_SENTENCE_END = (".", "!", "?", ";", ":")

Opcode = tuple[str, int, int, int, int]


def word_opcodes(old: Sequence[str], new: Sequence[str]) -> list[Opcode]:
    """difflib-style opcodes from the words ``old`` to ``new``, at a bounded cost.

    The rule: the common first and last words are matched directly; what lies
    between is matched word by word when that fits WORD_DIFF_BUDGET, else
    sentence by sentence (a sentence ends with a word ending in . ! ? ; or :),
    changed sentences then matched word by word while the budget lasts; if
    even the sentences do not fit, the middle is shown as removed and added whole.
    """
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    budget = [WORD_DIFF_BUDGET]
    ops: list[Opcode] = [("equal", 0, prefix, 0, prefix)]
    ops += _middle(old, new, (prefix, len(old) - suffix), (prefix, len(new) - suffix), budget)
    ops.append(("equal", len(old) - suffix, len(old), len(new) - suffix, len(new)))
    return _normalised(ops)


def _affordable(a: Sequence[Hashable], b: Sequence[Hashable], budget: list[int]) -> bool:
    """Spend the worst case of matching a with b from the budget, if it is there."""
    in_b = Counter(b)
    pairs = sum(in_b[item] for item in a)
    cost = (pairs + len(a)) * (1 + min(len(a), len(b)))
    if cost > budget[0]:
        return False
    budget[0] -= cost
    return True


def _matched(a: Sequence[object], b: Sequence[object]) -> list[Opcode]:
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(str(tag), i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def _middle(
    old: Sequence[str], new: Sequence[str], a: tuple[int, int], b: tuple[int, int], budget: list[int]
) -> list[Opcode]:
    (a1, a2), (b1, b2) = a, b
    if a1 == a2 or b1 == b2:
        return [("replace", a1, a2, b1, b2)]
    if _affordable(old[a1:a2], new[b1:b2], budget):
        return [(tag, a1 + i1, a1 + i2, b1 + j1, b1 + j2) for tag, i1, i2, j1, j2 in _matched(old[a1:a2], new[b1:b2])]
    old_sentences, new_sentences = _sentences(old, a1, a2), _sentences(new, b1, b2)
    old_keys = [tuple(old[start:end]) for start, end in old_sentences]
    new_keys = [tuple(new[start:end]) for start, end in new_sentences]
    if not _affordable(old_keys, new_keys, budget):
        return [("replace", a1, a2, b1, b2)]
    ops: list[Opcode] = []
    for tag, i1, i2, j1, j2 in _matched(old_keys, new_keys):
        span_a = (old_sentences[i1][0], old_sentences[i2 - 1][1]) if i2 > i1 else (_start(old_sentences, i1, a2),) * 2
        span_b = (new_sentences[j1][0], new_sentences[j2 - 1][1]) if j2 > j1 else (_start(new_sentences, j1, b2),) * 2
        if tag == "replace" and _affordable(old[span_a[0] : span_a[1]], new[span_b[0] : span_b[1]], budget):
            ops += [
                (t, span_a[0] + i1, span_a[0] + i2, span_b[0] + j1, span_b[0] + j2)
                for t, i1, i2, j1, j2 in _matched(old[span_a[0] : span_a[1]], new[span_b[0] : span_b[1]])
            ]
        else:
            ops.append((tag, span_a[0], span_a[1], span_b[0], span_b[1]))
    return ops


def _start(sentences: list[tuple[int, int]], index: int, end: int) -> int:
    return sentences[index][0] if index < len(sentences) else end


def _sentences(words: Sequence[str], start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    begin = start
    for index in range(start, end):
        if words[index].endswith(_SENTENCE_END):
            spans.append((begin, index + 1))
            begin = index + 1
    if begin < end:
        spans.append((begin, end))
    return spans


def _normalised(ops: list[Opcode]) -> list[Opcode]:
    """Empty ops dropped, neighbours of the same kind (equal, or any change) merged, tags by what is left."""
    merged: list[Opcode] = []
    for tag, i1, i2, j1, j2 in ops:
        if i1 == i2 and j1 == j2:
            continue
        kind = "equal" if tag == "equal" else "change"
        if merged and ("equal" if merged[-1][0] == "equal" else "change") == kind:
            _, p1, _, q1, _ = merged[-1]
            merged[-1] = (merged[-1][0], p1, i2, q1, j2)
        else:
            merged.append((tag, i1, i2, j1, j2))
    return [(_tag(tag, i1, i2, j1, j2), i1, i2, j1, j2) for tag, i1, i2, j1, j2 in merged]


def _tag(tag: str, i1: int, i2: int, j1: int, j2: int) -> str:
    if tag == "equal":
        return tag
    return "replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert"


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


def item_context(item: ItemDiff, *, limit: int | None) -> str:
    label = _shorten(item.label, limit) if limit else " ".join(item.label.split())
    return ", ".join(part for part in (_format_date(item.date), label) if part)


def _format_date(value: EdtfDate | None) -> str:
    return format_date(value) if value is not None else ""


def stat_parts(stat: DiffStat) -> list[tuple[str, str]]:
    """('fields', '2 changed'), ('events', '1 added, 3 changed'), ... for sections with changes."""
    parts = [("fields", f"{stat.fields} changed")] if stat.fields else []
    for section in SECTIONS:
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


def timelines_phrase(count: int) -> str:
    return f"{count} timeline{'' if count == 1 else 's'} differ{'s' if count == 1 else ''}"


# How a changed date reads in a one-line summary ("1 date narrowed"): a reviewer's words for the kinds.
_DATE_SUMMARY = {
    DateChangeKind.REFINED: "narrowed",
    DateChangeKind.COARSENED: "widened",
    DateChangeKind.MOVED: "moved",
    DateChangeKind.REQUALIFIED: "requalified",
    DateChangeKind.REWRITTEN: "rewritten",
}


def one_line(diff: TimelineDiff) -> str:
    """'2 events added, 1 date narrowed, 1 source added': a timeline's changes in one line.

    Dates (of events, sources and fields) are counted apart, by how they changed, after the
    events; an entry whose only change is a date is not also "changed".
    """
    changes = [change for item in (*diff.events, *diff.sources, *diff.actors) for change in item.changes]
    dates = Counter(_DATE_SUMMARY[change.kind] for change in (*diff.fields, *changes) if isinstance(change, DateChange))
    parts = []
    for section in SECTIONS:
        counts = Counter(str(item.status) for item in getattr(diff, section) if _counts_as_entry(item))
        noun = section.removesuffix("s")
        parts += [_counted(counts[status], noun, status) for status in _STATUS_ORDER if counts[status]]
        if section == "events":
            parts += [_counted(dates[word], "date", word) for word in _DATE_SUMMARY.values() if dates[word]]
    changed_fields = sum(1 for change in diff.fields if not isinstance(change, DateChange))
    if changed_fields:
        parts.append(_counted(changed_fields, "field", "changed"))
    return ", ".join(parts) or "no changes"


def _counts_as_entry(item: ItemDiff) -> bool:
    """Added, removed, renamed, or changed in more than its date."""
    return item.status is not Status.CHANGED or any(not isinstance(change, DateChange) for change in item.changes)


_STATUS_ORDER = ("added", "removed", "renamed", "changed")


def _counted(count: int, noun: str, verb: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'} {verb}"


def change_counts(diff: TimelineDiff) -> str:
    """A commit's changes counted for `log --oneline`: '2 events added, 1 date narrowed, 1 source added'.

    The words of the pull-request summary (``one_line``), so that the two never count one change apart;
    a timeline added or removed says so, with its events.
    """
    if diff.status is not Status.CHANGED:
        return f"timeline {diff.status}, {_counted(len(diff.events), 'event', '').rstrip()}"
    return one_line(diff)
