"""Comments of a round-trip document, given to what they describe, so that `fmt` can reorder keys and events.

The rule (docs/format.md, "Canonical layout"): a comment on its own line
belongs to what comes after it, the key or list item on the next line, and
moves with it; at the end of a block (after its last key or item, indented
at least as far as that block), it stays at the end of that block. A comment
at the end of a line stays with that line's key or item. Blank lines stay
where they are: the blank lines above the n-th key or item stay above the
n-th one. At the top of the file, comments followed by a blank line are the
file's header and stay at the top.

ruamel.yaml stores a comment where its parser met it, which is seldom the
thing it describes: the lines before an event are a post-comment of the
previous event's deepest last value (or of a flow list's end), the lines
before a block's first entry sit on the block (and on its parent's key), an
end-of-line comment may carry the full lines after it. ``normalize`` takes
every comment from where ruamel put it and stores it in one place per entry:

- the lines above an entry: ``ca.items[key][1]`` (a list of one-line
  tokens, indented like the entry), which ruamel writes before the entry;
- the comment at the end of an entry's line: ``ca.items[key][2]`` of a
  mapping, ``ca.items[index][0]`` of a sequence;
- the lines at the end of a block: its ``ca.end``.

Reordering a mapping's keys then moves their comments with them; for the
positions that stay (blank lines, the header), and for sequences (whose
comments ruamel keys by index), fmt calls ``reorder_mapping`` and
``reorder_sequence``, and ``settle`` at the end.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

INDENT = 2  # each level of the canonical layout (yamlio.round_trip) is two columns in

Collection = CommentedMap | CommentedSeq


@dataclass
class _Line:
    """A comment line ('# ...', without its indentation) or a blank line (''), and its column."""

    text: str
    column: int


@dataclass
class _Block:
    node: Collection
    column: int  # in the input: where its keys or dashes are
    depth: int  # in the canonical layout: column INDENT * depth
    end: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    block: _Block
    key: Hashable
    before: list[str] = field(default_factory=list)
    eol: CommentToken | None = None
    kept: Any = None  # what ruamel keeps on a block scalar's header line (ca.items[key][3]), left as it is


class _Walk:
    """The document in order; the comment lines met since the last entry began wait in ``gap``."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.gap: list[_Line] = []
        self.closed: list[_Block] = []  # blocks that ended since the last entry began, innermost first
        self.entries: list[_Entry] = []
        self.blocks: list[_Block] = []

    def lines(self, token: Any, *, after: bool = False) -> CommentToken | None:
        """Queue a token's lines; return the comment at the end of its entry's line, if any.

        A token ``after`` a value (a scalar, a flow collection, a block's key)
        begins with the rest of the value's line: that line's comment, or
        nothing (ruamel starts the token with a line break then).
        """
        if isinstance(token, list):
            for item in token:
                self.lines(item)
            return None
        if not isinstance(token, CommentToken) or id(token) in self.seen:
            return None
        self.seen.add(id(token))
        parts = token.value.split("\n")
        if parts and parts[-1] == "":
            parts.pop()
        comment = None
        column = token.start_mark.column if token.start_mark is not None else 0
        for number, part in enumerate(parts):
            text = part.strip()
            if number == 0:
                if after:
                    comment = CommentToken(text + "\n", token.start_mark) if text else None
                    continue
                self.gap.append(_Line(text, column if text else 0))
                continue
            self.gap.append(_Line(text, len(part) - len(part.lstrip(" "))))
        return comment

    def block(self, node: Collection, depth: int, *, item_of: _Entry | None = None) -> None:
        column = node.lc.col if node.lc.col is not None else INDENT * depth
        block = _Block(node, column, depth)
        self.blocks.append(block)
        holder = node.ca
        if holder.comment:
            self.lines(holder.comment)
        sequence = isinstance(node, CommentedSeq)
        keys: Sequence[Hashable] = range(len(node)) if isinstance(node, CommentedSeq) else list(node.keys())
        for number, key in enumerate(keys):
            value = node[key]
            slots = list(holder.items.get(key) or [None, None, None, None])
            slots += [None] * (4 - len(slots))
            nested = isinstance(value, (CommentedMap, CommentedSeq)) and not value.fa.flow_style()
            if sequence:
                self.lines(slots[1])
                entry = self.enter(block, key, item_of if number == 0 else None)
                entry.eol = self.lines(slots[0], after=True)
                self.lines(slots[2])
                self.lines(slots[3])
            else:
                self.lines(slots[0])
                self.lines(slots[1])
                entry = self.enter(block, key, item_of if number == 0 else None)
                scalar_block = isinstance(value, (LiteralScalarString, FoldedScalarString))
                # a block scalar ends its line: what follows it is on lines of its own
                entry.eol = self.lines(slots[2], after=not scalar_block)
                if isinstance(slots[3], list) and any(isinstance(item, str) for item in slots[3]):
                    entry.kept = slots[3]
                else:
                    self.lines(slots[3])
            if nested:
                self.block(value, depth + 1, item_of=entry if sequence else None)
            elif isinstance(value, (CommentedMap, CommentedSeq)):
                self.flow(value)
        self.lines(getattr(holder, "end", None))
        self.closed.append(block)

    def flow(self, node: Collection) -> None:
        """A flow collection (`[a, b]`): comments inside it go on their own lines after it (ruamel drops them)."""
        holder = node.ca
        self.lines(holder.comment)  # its line's comment (already the entry's) and any other
        for slots in holder.items.values():
            self.lines(slots)
        self.lines(getattr(holder, "end", None))
        holder.comment = None
        holder.items.clear()
        holder.end = []
        for value in node.values() if isinstance(node, CommentedMap) else node:
            if isinstance(value, (CommentedMap, CommentedSeq)):
                self.flow(value)

    def enter(self, block: _Block, key: Hashable, item: _Entry | None) -> _Entry:
        """An entry begins: the lines waiting go to it or to the ends of the blocks just closed."""
        entry = _Entry(block, key)
        self.entries.append(entry)
        target = item if item is not None else entry  # `- id: x`: the lines above are the list item's
        self.assign(target.before, target.block.column)
        return entry

    def finish(self) -> None:
        """The end of the document: what is left ends the blocks still open (the top level at least)."""
        outermost = self.closed[-1]
        self.closed.pop()
        self.assign(outermost.end, outermost.column)

    def assign(self, before: list[str], column: int) -> None:
        """Each line to the innermost closed block it is indented into, else to ``before``; in order."""
        targets: list[tuple[list[str], int]] = [(before, column)]
        targets += [(block.end, block.column) for block in reversed(self.closed)]
        deepest = len(targets) - 1
        blanks: list[str] = []
        for line in self.gap:
            if not line.text:
                blanks.append("")
                continue
            best = 0
            for index in range(1, deepest + 1):
                if targets[best][1] < targets[index][1] <= line.column:
                    best = index
            deepest = min(deepest, best)
            targets[deepest][0].extend([*blanks, line.text])
            blanks = []
        before.extend(blanks)
        self.gap = []
        self.closed = []


def normalize(root: CommentedMap) -> None:
    """Every comment of the document moved to the entry or block end it belongs to (the module's rule)."""
    walk = _Walk()
    walk.block(root, 0)
    walk.finish()
    for block in walk.blocks:
        node = block.node
        node.ca.items.clear()
        node.ca.end = [_token(text, INDENT * block.depth) for text in block.end]
        node.ca.comment = [None, None] if node.ca.end else None  # ruamel writes ca.end only with a ca.comment
    for entry in walk.entries:
        column = INDENT * entry.block.depth
        before = [_token(text, column) for text in entry.before] or None
        if before is None and entry.eol is None and entry.kept is None:
            continue
        if isinstance(entry.block.node, CommentedSeq):
            entry.block.node.ca.items[entry.key] = [entry.eol, before, None, None]
        else:
            entry.block.node.ca.items[entry.key] = [None, before, entry.eol, entry.kept]


def reorder_mapping(mapping: CommentedMap, old: Sequence[Hashable], *, header: bool = False) -> None:
    """After a normalized mapping's keys moved (``old`` is their order before): blank lines keep their place.

    With ``header`` (the top level), the lines above the first key up to the
    last blank line among them stay at the top too.
    """
    new = list(mapping.keys())
    items = mapping.ca.items
    kept = [_fixed(items.get(key), header=header and index == 0) for index, key in enumerate(old)]
    moving = {key: _moving(items.get(key), header=header and index == 0) for index, key in enumerate(old)}
    for index, key in enumerate(new):
        _set_before(items, key, [*kept[index], *moving[key]])


def reorder_sequence(sequence: CommentedSeq, order: Sequence[int]) -> None:
    """A normalized sequence's items put in ``order`` (old indices, in their new order), comments with them."""
    old = dict(sequence.ca.items)
    items = [sequence[index] for index in order]
    kept = [_fixed(old.get(index)) for index in range(len(sequence))]
    sequence.ca.items.clear()
    for position, index in enumerate(order):
        sequence[position] = items[position]
        entry = old.get(index)
        if entry is not None:
            sequence.ca.items[position] = list(entry)
        _set_before(sequence.ca.items, position, [*kept[position], *_moving(entry)])


def settle(node: Any) -> None:
    """Lines above the first key of a list item's mapping go above the item: ruamel cannot write them after `- `."""
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            _header_comment(node, key, value)
            settle(value)
    elif isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            settle(item)
            if not isinstance(item, CommentedMap) or not item or item.fa.flow_style():
                continue
            first = next(iter(item))
            lines = _before(item.ca.items.get(first))
            if lines:
                _set_before(item.ca.items, first, [])
                lines = [_token(line.value.strip(), line.start_mark.column - INDENT) for line in lines]  # at the dash
                _set_before(node.ca.items, index, [*_before(node.ca.items.get(index)), *lines])


def _header_comment(mapping: CommentedMap, key: Hashable, value: Any) -> None:
    """A block scalar (``>-``, ``|``) takes its line's comment after its indicator, ruamel's only place for it.

    ruamel keeps that comment as text in ``ca.items[key][3]``; a value that is
    no longer a block scalar takes it back as its line's comment.
    """
    entry = mapping.ca.items.get(key)
    if entry is None:
        return
    block = isinstance(value, (LiteralScalarString, FoldedScalarString))
    if block and isinstance(entry[2], CommentToken):
        entry[3] = ["  " + entry[2].value.strip()]
        entry[2] = None
    elif not block and isinstance(entry[3], list) and entry[3] and all(isinstance(item, str) for item in entry[3]):
        text = " ".join(item.strip() for item in entry[3])
        entry[3] = None
        if entry[2] is None:
            entry[2] = CommentToken(text + "\n", CommentMark(0))
        else:
            entry[1] = [*(entry[1] or []), _token(text, entry[2].start_mark.column)]


def _before(entry: Any) -> list[CommentToken]:
    return list(entry[1] or []) if entry is not None and len(entry) > 1 else []


def _split(entry: Any, header: bool) -> int:
    """How many of the lines above an entry stay in place: the leading blank lines (the header's lines too)."""
    lines = _before(entry)
    if header:
        blank = [index for index, token in enumerate(lines) if token.value == "\n"]
        if blank:
            return blank[-1] + 1
    count = 0
    while count < len(lines) and lines[count].value == "\n":
        count += 1
    return count


def _fixed(entry: Any, *, header: bool = False) -> list[CommentToken]:
    return _before(entry)[: _split(entry, header)]


def _moving(entry: Any, *, header: bool = False) -> list[CommentToken]:
    return _before(entry)[_split(entry, header) :]


def _set_before(items: dict[Any, Any], key: Hashable, before: list[CommentToken]) -> None:
    entry = items.get(key)
    if entry is None:
        if not before:
            return
        entry = items[key] = [None, None, None, None]
    entry[1] = before or None
    if not any(slot for slot in entry):
        del items[key]


def _token(text: str, column: int) -> CommentToken:
    return CommentToken(text + "\n", CommentMark(max(column, 0) if text else 0))


__all__ = ["normalize", "reorder_mapping", "reorder_sequence", "settle"]
