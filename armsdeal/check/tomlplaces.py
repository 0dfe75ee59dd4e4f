"""Where a key stands in a TOML text, for located configuration errors (check/config.py).

tomllib, the standard library's reader, gives the data without places, and no
reader among armsdeal's dependencies gives the places of keys; yet a mistake in
a configuration file must be reported as `path:line:col`. So the text is
scanned for the key: table headers (`[a.b]`, `[[a]]`) and `key = value` lines
with bare, quoted or dotted keys, each key decoded by tomllib itself. The
inside of multi-line strings is skipped; an inline table (`a = { b = 1 }`) is
searched for the rest of the key on its line. Where the whole key cannot be
found, the place of the longest part of it that can is given (its table), and
failing all, line 1, column 1: a place near the mistake is better than none.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Sequence
from typing import NamedTuple

_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = re.compile(rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*")
_PART = re.compile(_KEY)
_HEADER = re.compile(rf"\[\[?[ \t]*({_DOTTED.pattern})[ \t]*\]")
_ASSIGNMENT = re.compile(rf"({_DOTTED.pattern})[ \t]*=")

Place = tuple[int, int]


class _Key(NamedTuple):
    """A table header or a key written in the text: where, its whole path of names, and the line's text."""

    line: int
    column: int
    names: tuple[str, ...]
    header: bool
    text: str
    end: int  # where the key's '=' ends in ``text`` (0 for a header)


def locate(text: str, keys: Sequence[str]) -> Place:
    """The line and column (1-based) of the key at ``keys`` (a path of names from the top of the document)."""
    wanted = tuple(keys)
    best: tuple[int, Place] = (0, (1, 1))  # how many names matched, and where
    for key in _keys(text):
        matched = _matched(key.names, wanted)
        if matched == len(wanted):
            return key.line, key.column
        # A table that holds the key, or a key whose value may (an inline table), is a place near it.
        if matched <= best[0] or not (key.header or matched == len(key.names)):
            continue
        inline = None if key.header else _in_inline_table(key.text, key.end, wanted[matched:])
        if inline is not None:
            return key.line, inline
        best = (matched, (key.line, key.column))
    return best[1]


def _keys(text: str) -> Iterator[_Key]:
    """Every table header and key of the text, in order, outside multi-line strings."""
    table: tuple[str, ...] = ()
    quotes: str | None = None  # the delimiter of the multi-line string this line is inside, if any
    for number, line in enumerate(text.splitlines(), start=1):
        if quotes is not None:
            quotes = None if line.count(quotes) % 2 else quotes
            continue
        column = len(line) - len(line.lstrip()) + 1
        header = _HEADER.match(line, column - 1)
        if header:
            table = _names(header.group(1))
            yield _Key(number, column, table, True, line, 0)
            continue
        assignment = _ASSIGNMENT.match(line, column - 1)
        if assignment:
            quotes = _opened_quotes(line[assignment.end() :])
            yield _Key(number, column, table + _names(assignment.group(1)), False, line, assignment.end())


def _names(dotted: str) -> tuple[str, ...]:
    """The names of a dotted key, each decoded as TOML decodes it (quotes, escapes)."""
    return tuple(_decoded(part.group(0)) for part in _PART.finditer(dotted))


def _decoded(part: str) -> str:
    if part[0] not in "\"'":
        return part
    try:
        value = tomllib.loads(f"k = {part}")["k"]
    except tomllib.TOMLDecodeError:
        return part
    return value if isinstance(value, str) else part


def _matched(found: tuple[str, ...], wanted: tuple[str, ...]) -> int:
    count = 0
    for mine, theirs in zip(found, wanted, strict=False):
        if mine != theirs:
            break
        count += 1
    return count


def _opened_quotes(value: str) -> str | None:
    """The delimiter of a multi-line string that ``value`` (the rest of a line after '=') leaves open."""
    for delimiter in ('"""', "'''"):
        if value.lstrip().startswith(delimiter) and value.count(delimiter) % 2:
            return delimiter
    return None


def _in_inline_table(line: str, start: int, rest: tuple[str, ...]) -> int | None:
    """The column of the last of ``rest`` in the inline table that follows ``start`` on ``line``, if it is there."""
    if not rest or not line[start:].lstrip().startswith("{"):
        return None
    position, column = start, None
    for name in rest:
        found = next((a for a in _ASSIGNMENT.finditer(line, position) if _names(a.group(1))[:1] == (name,)), None)
        if found is None:
            return None
        position, column = found.end(), found.start() + 1
    return column
