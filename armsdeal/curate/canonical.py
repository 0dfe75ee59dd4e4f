"""fmt's canonical layout written straight from plain data, for the files the importer writes by the thousand.

`fmt` (curate/fmt.py) lays a text out through ruamel's round trip, which keeps
comments and costs some 10 ms a file. A new timeline made from data has no
comments, so its canonical text can be written directly: ``canonical_text``
gives, for the data it knows how to lay out, the very bytes ``format_text``
gives for it (tests/curate/test_canonical.py proves ``format_text(t) == t`` for
``t = canonical_text(d)`` over the importer's output and generated data), and
None for anything else (a comment cannot occur; a value with line breaks,
hidden characters or a shape fmt keeps as it finds it), which then takes fmt's
own path. Scalar styles are decided as ruamel decides them: its emitter's
analysis of the text, its YAML 1.2 resolver, and yamlio's rule that text a YAML
1.1 reader would take for another type is quoted.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Sequence
from typing import Any

from ruamel.yaml.emitter import Emitter, ScalarAnalysis
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from armsdeal.core.dates import DateSyntaxError, parse_edtf
from armsdeal.curate.fmt import (
    ACTOR_ORDER,
    DEAL_ORDER,
    EVENT_ORDER,
    FLOW_WIDTH,
    FOLD_WIDTH,
    ID_LISTS,
    MONEY_ORDER,
    PROSE,
    QUANTITY_ORDER,
    SOURCE_ORDER,
    TOP_ORDER,
    _flow_text,
    _folded,
)
from armsdeal.curate.yamlio import has_hidden_characters, yaml11_reads_otherwise

# Longer text could reach ruamel's line width (4096), where it would break a line: left to fmt.
_LONGEST = 1000
_STR = "tag:yaml.org,2002:str"


class _Unsupported(Exception):
    """The data holds something only fmt's round trip lays out."""


def canonical_text(data: Any) -> str | None:
    """The text `fmt` makes of this timeline data, or None when only fmt's own path can lay it out."""
    if not isinstance(data, dict) or not data:
        return None
    lines: list[str] = []
    try:
        _top(data, lines)
    except _Unsupported:
        return None
    return "\n".join(lines) + "\n"


def _top(data: dict[Any, Any], lines: list[str]) -> None:
    for key, value in _ordered(data, TOP_ORDER):
        if key == "deal" and isinstance(value, dict):
            _block_mapping(lines, key, 0, _deal_entries(value))
        elif key in ("actors", "sources") and isinstance(value, dict) and value:
            _block_mapping(lines, key, 0, _named(value, key))
        elif key == "events" and isinstance(value, list) and value:
            lines.append(f"{_key(key)}:")
            for event in _in_date_order(value):
                _event(lines, event)
        elif key == "related" and isinstance(value, list):
            lines.append(f"{_key(key)}: {_flow_list(value)}")
        else:
            _scalar_entry(lines, key, value, 0)


def _deal_entries(deal: dict[Any, Any]) -> list[tuple[str, Any]]:
    entries: list[tuple[str, Any]] = []
    for key, value in _ordered(deal, DEAL_ORDER):
        order = {"ordered": QUANTITY_ORDER, "delivered": QUANTITY_ORDER, "value": MONEY_ORDER}.get(key)
        entries.append((key, _Small(value, order) if order and isinstance(value, dict) else value))
    return entries


def _named(entries: dict[Any, Any], kind: str) -> list[tuple[str, Any]]:
    """Actors (small mappings) or sources (block mappings) under their ids."""
    if kind == "actors":
        return [
            (key, _Small(value, ACTOR_ORDER) if isinstance(value, dict) else value) for key, value in entries.items()
        ]
    return [(key, _Block(value, SOURCE_ORDER) if isinstance(value, dict) else value) for key, value in entries.items()]


class _Small:
    """An actor, quantity or amount: one line in braces when it fits, else a block (fmt's _small_mapping)."""

    def __init__(self, mapping: dict[Any, Any], order: Sequence[str]) -> None:
        self.entries = _ordered(mapping, order)


class _Block:
    """A mapping written as an indented block, its keys in ``order``."""

    def __init__(self, mapping: dict[Any, Any], order: Sequence[str]) -> None:
        self.entries = _ordered(mapping, order)


def _block_mapping(lines: list[str], key: Any, indent: int, entries: list[tuple[Any, Any]]) -> None:
    if not entries:
        raise _Unsupported
    lines.append(f"{' ' * indent}{_key(key)}:")
    for name, value in entries:
        _entry(lines, name, value, indent + 2)


def _entry(lines: list[str], key: Any, value: Any, indent: int) -> None:
    """One key of a block mapping at ``indent`` columns, and its value."""
    if isinstance(value, _Small):
        flow = dict(value.entries)
        width = indent + len(str(key)) + 2 + len(_flow_text(flow))  # type: ignore[arg-type]
        if width <= FLOW_WIDTH and all(_flowable(item) for item in flow.values()):
            lines.append(f"{' ' * indent}{_key(key)}: {_flow_mapping(value.entries)}")
            return
        value = _Block(flow, [])
    if isinstance(value, _Block):
        _block_mapping(lines, key, indent, value.entries)
    elif isinstance(value, list) and key in ID_LISTS:
        lines.append(f"{' ' * indent}{_key(key)}: {_flow_list(value)}")
    else:
        _scalar_entry(lines, key, value, indent)


def _event(lines: list[str], event: Any) -> None:
    if not isinstance(event, dict) or not event:
        raise _Unsupported
    first = len(lines)
    for key, value in _ordered(event, EVENT_ORDER):
        wrapped = _Small(value, QUANTITY_ORDER) if key == "quantity" and isinstance(value, dict) else value
        _entry(lines, key, wrapped, 4)
    lines[first] = "  - " + lines[first][4:]


def _scalar_entry(lines: list[str], key: Any, value: Any, indent: int) -> None:
    """``key: value`` for a scalar; summary and note folded as fmt folds them."""
    head = f"{' ' * indent}{_key(key)}:"
    if key in PROSE and isinstance(value, str):
        block = _prose(value, indent, len(head) - indent)
        if block is not None:
            lines.append(f"{head} {block[0]}")
            lines.extend(f"{' ' * (indent + 2)}{line}" for line in block[1:])
            return
    lines.append(f"{head} {_scalar(value, flow=False)}")


def _prose(text: str, indent: int, key_width: int) -> list[str] | None:
    """A block scalar's indicator and lines, or None when fmt leaves the text on its key's line."""
    if "\n" not in text and indent + key_width + 1 + len(text) <= FOLD_WIDTH:
        return None
    folded = _folded(text, indent + 2)
    positions = getattr(folded, "fold_pos", None)
    if "\n" in text:
        if type(folded) is str or text.endswith("\n") or "\n\n" in text or text.startswith(("\n", " ")):
            raise _Unsupported  # double-quoted with escapes, or a block with kept or blank lines: fmt's path
        return ["|-", *text.split("\n")]
    if not positions:
        return None
    starts = [0, *(position + 1 for position in positions)]
    ends = [*positions, len(text)]
    return [">-", *(text[start:end] for start, end in zip(starts, ends, strict=True))]


def _flowable(value: Any) -> bool:
    return not isinstance(value, (dict, list)) and not (isinstance(value, str) and "\n" in value)


def _flow_mapping(entries: list[tuple[Any, Any]]) -> str:
    parts = [f"{_key(key, flow=True)}: {_scalar(value, flow=True)}" for key, value in entries]
    return "{" + ", ".join(parts) + "}"


def _flow_list(items: list[Any]) -> str:
    if not items or not all(_flowable(item) for item in items):
        raise _Unsupported  # `[]`, or a list of mappings: fmt's path
    return "[" + ", ".join(_scalar(item, flow=True) for item in items) + "]"


def _ordered(mapping: dict[Any, Any], order: Sequence[str]) -> list[tuple[Any, Any]]:
    """Keys in ``order``, unknown keys after them in their order (fmt's _order)."""
    rank = _rank(tuple(order))
    last = len(order)
    return sorted(mapping.items(), key=lambda item: rank.get(str(item[0]), last))


@functools.lru_cache(maxsize=32)  # fmt's few orders
def _rank(order: tuple[str, ...]) -> dict[str, int]:
    return {key: index for index, key in enumerate(order)}


def _in_date_order(events: list[Any]) -> list[Any]:
    """The events in `show`'s order, stable (fmt's _sort_events); fmt's path when a date cannot be read."""
    keys = []
    for event in events:
        raw = event.get("date") if isinstance(event, dict) else None
        try:
            keys.append(parse_edtf(str(raw)).sort_key())
        except (DateSyntaxError, ValueError):
            raise _Unsupported from None
    return [events[index] for index in sorted(range(len(events)), key=lambda index: keys[index])]


def _key(key: Any, *, flow: bool = False) -> str:
    if not isinstance(key, str):
        raise _Unsupported
    written = _KEYS.get((key, flow))
    if written is None:
        written = _KEYS[(key, flow)] = _text(key, flow=flow, key=True)
        if len(_KEYS) > 4096:
            _KEYS.clear()
    return written


# The keys of a timeline (every event repeats them), as _text writes them: a dict costs less than lru_cache's key.
_KEYS: dict[tuple[str, bool], str] = {}


def _scalar(value: Any, *, flow: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _text(value, flow=flow, key=False)
    raise _Unsupported  # null, floats, dates and collections in odd places: fmt's path


@functools.lru_cache(maxsize=4096)
def _text(value: str, *, flow: bool, key: bool) -> str:
    """A string as ruamel writes it in this context: plain, 'single' or "double" quoted."""
    # Printable ASCII holds no hidden character (the test of every character is for the rest).
    visible = value.isascii() and value.isprintable()
    if len(value) > _LONGEST or "\n" in value or (not visible and has_hidden_characters(value)):
        raise _Unsupported
    style = _style(value, flow=flow, key=key)
    if style == "" and flow and ":" in value:
        # `{name: 1:30 land}`: ruamel (YAML 1.2) writes it plain, libyaml's readers (PyYAML, ruamel's
        # C loader) refuse ':' in a flow plain scalar; fmt's path, whose contract finds it.
        raise _Unsupported
    if style == "":
        return value
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if '"' in value or "\\" in value:
        raise _Unsupported  # escapes: fmt's path
    return f'"{value}"'


def _style(value: str, *, flow: bool, key: bool) -> str:
    """ruamel's Emitter.choose_scalar_style for a plain str, with yamlio's _Emitter rule."""
    analysis = _simple_analysis(value) or _ANALYSER.analyze_scalar(value)
    implicit = _RESOLVER.resolve(ScalarNode, value, (True, False)) == _STR
    if (
        implicit
        and not (key and analysis.empty)
        and (analysis.allow_flow_plain if flow else analysis.allow_block_plain)
    ):
        return "'" if yaml11_reads_otherwise(value) else ""
    if analysis.allow_double_quoted and "'" in value:
        return '"'
    if analysis.allow_single_quoted:
        return "'"
    return '"'


# Printable ASCII that starts with a letter or digit and does not end with a space.
_SIMPLE = re.compile(r"[A-Za-z0-9](?:[ -~]*[!-~])?")
# What makes such text no flow plain scalar: a flow indicator anywhere (ruamel's analyze_scalar).
_FLOW_INDICATOR = re.compile(r"[,\[\]{}]")


def _simple_analysis(value: str) -> ScalarAnalysis | None:
    """ruamel's analysis of ``value`` where it is sure without going through it a character at a time (most
    names, titles and notes); None for any other text. Such text holds no indicator a block cares about (none
    leads it, no ': ' or ' #' or final ':'), no break, no special character, no leading or trailing space:
    every style is allowed but a flow plain one when a flow indicator is in it, and a block scalar
    (tests/curate/test_canonical.py compares it with analyze_scalar)."""
    if not _SIMPLE.fullmatch(value) or ": " in value or " #" in value or value.endswith(":"):
        return None
    return ScalarAnalysis(
        scalar=value,
        empty=False,
        multiline=False,
        allow_flow_plain=_FLOW_INDICATOR.search(value) is None,
        allow_block_plain=True,
        allow_single_quoted=True,
        allow_double_quoted=True,
        allow_block=True,
    )


class _Analyser(Emitter):
    """ruamel's emitter for its analysis of a text alone; no YAML version given, as fmt's dump gives none."""

    use_version = None  # read as the serializer's when there is no dumper


_ANALYSER = _Analyser(io.StringIO(), allow_unicode=True)
_RESOLVER = VersionedResolver()
