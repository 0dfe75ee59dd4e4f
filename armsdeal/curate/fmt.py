"""`armsdeal fmt`: the canonical layout of a timeline file, comments kept.

The layout (docs/format.md, "Canonical layout"):

- keys in the order of ``*_ORDER`` below (the order docs/format.md gives);
  keys the format does not know stay, after the known ones, in their order;
- events in chronological order (the order `show` uses: earliest day, then
  the finer date), events with equal dates in their order in the file;
- lists of ids (`related`, and an event's `actors`, `sources`, `claimed_by`,
  `disputed_by`, `tags`) on one line in brackets; an actor, a quantity or an
  amount of money on one line in braces when it fits in ``FLOW_WIDTH``
  columns; everything else as indented blocks, lists two spaces in;
- text plain where YAML allows, else in single quotes, or double quotes when
  it holds an apostrophe; `summary` and `note` longer than their line folded
  (``>-``) at ``FOLD_WIDTH`` columns.

Comments (armsdeal/curate/comments.py): a comment on its own line belongs to
what comes after it, the key or list item on the next line, and moves with
it when keys or events are reordered; at the end of a block (after its last
key or item, indented into that block), it stays at the end. A comment at the
end of a line stays on its key's or item's line. Blank lines keep their place;
the file's header (comments above a blank line at the top) stays at the top.
Formatting is idempotent, and the data armsdeal reads from the result is the data it read
from the input: ``format_text`` checks that and refuses otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
)

from armsdeal.core.dates import DateSyntaxError, parse_edtf
from armsdeal.curate.comments import normalize, reorder_mapping, reorder_sequence, settle
from armsdeal.curate.yamlio import EditError, dump, has_hidden_characters, load, visible_scalar

FOLD_WIDTH = 80
FLOW_WIDTH = 100

TOP_ORDER = ("id", "title", "summary", "deal", "related", "actors", "sources", "events")
DEAL_ORDER = (
    "supplier",
    "recipient",
    "system",
    "category",
    "ordered",
    "delivered",
    "value",
    "status",
    "note",
)
QUANTITY_ORDER = ("count", "unit", "approximate", "note")
MONEY_ORDER = ("amount", "currency", "approximate", "note")
ACTOR_ORDER = ("name", "kind", "of", "note")
SOURCE_ORDER = ("publisher", "via", "title", "date", "language", "url", "archive_url", "note")
EVENT_ORDER = (
    "id",
    "date",
    "type",
    "context",
    "about",
    "same_as",
    "title",
    "actors",
    "sources",
    "status",
    "claimed_by",
    "disputed_by",
    "quantity",
    "location",
    "note",
    "tags",
)
ID_LISTS = frozenset({"actors", "sources", "claimed_by", "disputed_by", "tags"})
PROSE = frozenset({"summary", "note"})


def format_text(text: str, path: str) -> str:
    """The canonical layout of a timeline's text; EditError if it is not a YAML mapping.

    Whether the result may replace the file is the data-safety contract's to say (curate/safety.py), with
    ``in_date_order`` as what the data must become.
    """
    data = load(text, path)
    if not isinstance(data, CommentedMap):
        raise EditError(f"{path} is not a timeline (a mapping of fields); run 'armsdeal check {path}'")
    normalize(data)
    _timeline(data)
    return dump(data)


def _timeline(data: CommentedMap) -> None:
    _order(data, TOP_ORDER, top=True)
    _block(data)
    deal = data.get("deal")
    if isinstance(deal, CommentedMap):
        _order(deal, DEAL_ORDER)
        _block(deal)
        for key, order in (("ordered", QUANTITY_ORDER), ("delivered", QUANTITY_ORDER), ("value", MONEY_ORDER)):
            _small_mapping(deal.get(key), order, indent=2 + len(key) + 2, block_indent=4)
        fold_prose(deal, indent=2)
    _id_list(data.get("related"))
    actors = data.get("actors")
    if isinstance(actors, CommentedMap):
        _block(actors)
        for actor_id, actor in actors.items():
            _small_mapping(actor, ACTOR_ORDER, indent=2 + len(str(actor_id)) + 2, block_indent=4)
    sources = data.get("sources")
    if isinstance(sources, CommentedMap):
        _block(sources)
        for source in sources.values():
            if isinstance(source, CommentedMap):
                _order(source, SOURCE_ORDER)
                _block(source)
                fold_prose(source, indent=4)
    events = data.get("events")
    if isinstance(events, CommentedSeq):
        if events:  # an empty list stays `[]` on its key's line (block style would put it under its comment)
            events.fa.set_block_style()
        _sort_events(events)
        for event in events:
            if isinstance(event, CommentedMap):
                _order(event, EVENT_ORDER)
                _block(event)
                for key in ID_LISTS:
                    _id_list(event.get(key))
                _small_mapping(event.get("quantity"), QUANTITY_ORDER, indent=4 + len("quantity: "), block_indent=6)
                fold_prose(event, indent=4)
    fold_prose(data, indent=0)
    _plain_strings(data)
    settle(data)


def _order(mapping: CommentedMap, order: Sequence[str], *, top: bool = False) -> None:
    """Keys in ``order``, unknown keys after them; comments move with their keys (comments.py)."""
    keys = list(mapping.keys())
    rank = {key: index for index, key in enumerate(order)}
    wanted = sorted(keys, key=lambda key: (rank.get(str(key), len(order)), keys.index(key)))
    if wanted == keys:
        return
    for key in wanted:
        mapping.move_to_end(key)
    reorder_mapping(mapping, keys, header=top)


def _has_comments(node: Any) -> bool:
    """Comments inside a collection; the one at the end of a one-line collection's line does not count."""
    holder = getattr(node, "ca", None)
    if holder is None:
        return False
    inside = bool(holder.items) or bool(getattr(holder, "end", None))
    return inside or (bool(getattr(holder, "comment", None)) and not node.fa.flow_style())


def _block(mapping: CommentedMap) -> None:
    mapping.fa.set_block_style()


def _id_list(value: Any) -> None:
    if isinstance(value, CommentedSeq) and not _has_comments(value):
        value.fa.set_flow_style()


def _small_mapping(value: Any, order: Sequence[str], *, indent: int, block_indent: int) -> None:
    """An actor, quantity or amount: ordered, and on one line in braces when it fits and has no comment."""
    if not isinstance(value, CommentedMap):
        return
    _order(value, order)
    fits = indent + len(_flow_text(value)) <= FLOW_WIDTH
    if fits and not _has_comments(value) and all(_flowable(item) for item in value.values()):
        value.fa.set_flow_style()
        for key, item in list(value.items()):
            if isinstance(item, ScalarString):
                value[key] = str(item)
    else:
        value.fa.set_block_style()
        fold_prose(value, indent=block_indent)


def _flowable(value: Any) -> bool:
    return not isinstance(value, (CommentedMap, CommentedSeq)) and not (isinstance(value, str) and "\n" in value)


def _flow_text(mapping: CommentedMap) -> str:
    """About what the mapping takes on one line: '{a: b, c: d}' (quotes counted for text that needs them)."""
    parts = []
    for key, value in mapping.items():
        rendered = str(value).lower() if isinstance(value, bool) else str(value)
        if isinstance(value, str) and _needs_quotes(value):
            rendered = f"'{rendered}'"
        parts.append(f"{key}: {rendered}")
    return "{" + ", ".join(parts) + "}"


def _needs_quotes(text: str) -> bool:
    return any(mark in text for mark in (": ", " #", ",", "{", "}", "[", "]", "'", '"')) or text != text.strip()


def fold_prose(mapping: CommentedMap, *, indent: int) -> None:
    """`summary` and `note` folded at FOLD_WIDTH when they do not fit on their line."""
    for key in PROSE:
        value = mapping.get(key)
        if not isinstance(value, str):
            continue
        text = str(value)
        if indent + len(key) + 2 + len(text) <= FOLD_WIDTH and "\n" not in text:
            mapping[key] = text
            continue
        mapping[key] = _folded(text, indent + 2)


def _folded(text: str, indent: int) -> str:
    """Text as a folded block, broken at single spaces so each line fits; as it is when it cannot fold safely."""
    if "\n" in text:
        lines = text.split("\n")
        safe = all(line == line.rstrip() and "\t" not in line for line in lines) and text.strip() == text
        safe = safe and not has_hidden_characters(text.replace("\n", " "))
        return LiteralScalarString(text) if safe and not text.startswith(" ") else text
    if text != text.strip() or "\t" in text or "  " in text or has_hidden_characters(text):
        return text
    width = max(FOLD_WIDTH - indent, 20)
    positions = []
    start = 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:
            cut = text.find(" ", start + width)
            if cut == -1:
                break
        positions.append(cut)
        start = cut + 1
    if not positions:
        return text
    folded: str = FoldedScalarString(text)
    folded.fold_pos = positions  # type: ignore[attr-defined]  # where ruamel breaks the folded lines
    return folded


def _plain_strings(node: Any) -> None:
    """Quoted and block scalars back to plain text (ruamel then quotes only where YAML needs it); prose kept.

    Text with invisible or control characters (bidi overrides, C0/C1 controls)
    is written double-quoted with those characters escaped, as a reviewer must see them.
    """
    if isinstance(node, CommentedMap):
        for key, value in list(node.items()):
            if isinstance(value, (FoldedScalarString, LiteralScalarString)) and key in PROSE:
                continue
            if isinstance(value, str):
                node[key] = visible_scalar(value)
            else:
                _plain_strings(value)
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            if isinstance(value, str):
                node[index] = visible_scalar(value)
            else:
                _plain_strings(value)


def in_date_order(data: Any) -> Any:
    """Plain data with its events as fmt orders them (what the result must hold)."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return data
    keys = []
    for event in data["events"]:
        raw = event.get("date") if isinstance(event, dict) else None
        try:
            keys.append(parse_edtf(str(raw)).sort_key())
        except (DateSyntaxError, ValueError):
            return data
    order = sorted(range(len(keys)), key=lambda index: keys[index])
    return {**data, "events": [data["events"][index] for index in order]}


def _sort_events(events: CommentedSeq) -> None:
    """Chronological order, stable: the order `show` uses. Left as it is when a date cannot be read."""
    keys = []
    for event in events:
        raw = event.get("date") if isinstance(event, CommentedMap) else None
        try:
            keys.append(parse_edtf(str(raw)).sort_key())
        except (DateSyntaxError, ValueError):
            return
    order = sorted(range(len(events)), key=lambda index: keys[index])
    if order == list(range(len(events))):
        return
    reorder_sequence(events, order)


__all__ = ["EditError", "fold_prose", "format_text", "in_date_order"]
