"""The streamed build: a clean file's data straight from the parser's events, its places packed in integers.

Composing PyYAML's node tree and building data from it costs about a third more
time and memory than building the data from the events; the places a message
may need are recorded on the way (read/places.py). Anything out of the ordinary
(a syntax error, a tag, a duplicate key, deep nesting) is left to the composed
build (read/located.py), which reports it exactly as before.
"""

from __future__ import annotations

from collections.abc import Hashable
from sys import intern
from typing import Any

import yaml

from armsdeal.core.problems import Problem
from armsdeal.read.places import Places
from armsdeal.read.yamlloader import (
    MAX_DEPTH,
    SCALAR_TAGS,
    STR_TAG,
    TimelineLoader,
    alias_problem,
    too_deep,
)


class _Unstreamable(Exception):
    """Something the streamed build leaves to the composed one (which reports it or builds it)."""


# Deeper than this, the composed path decides (it reports "nested too deeply" where Python's stack ends).
STREAM_DEPTH = 100


def stream(source: str | bytes, path: str, depth: int) -> tuple[Any, Places] | Problem | None:
    """Build a clean file's data from the parser's events, without a node tree.

    Returns the data and the places of its top-level fields; a yaml-alias
    Problem for the first anchor or alias (before anything is built from it);
    or None for anything else out of the ordinary (a syntax error, a tag, a
    duplicate key, a key that is a list or mapping, an empty file, deep
    nesting), which the composed path then reads exactly as before. So a file
    with a problem always gets the composed path's problems.
    """
    loader = TimelineLoader(source)
    try:
        return _stream_events(loader, path, depth)
    except (
        _Unstreamable,
        yaml.YAMLError,
        RecursionError,
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
        OverflowError,
    ):
        return None
    finally:
        loader.dispose()


class _Frame:
    """An open mapping or list of the streamed build."""

    __slots__ = ("at", "container", "is_mapping", "key", "key_at", "raw_key", "seen", "where")

    def __init__(self, is_mapping: bool, at: int, where: tuple[str | int, ...]) -> None:
        self.container: Any = {} if is_mapping else []
        self.is_mapping = is_mapping
        self.at = at
        self.where = where  # its path in places: the key as written for a mapping's value, the index for a list's item
        self.key: Any = _NO_KEY
        self.key_at = 0
        self.raw_key = ""  # the key as written (a key that is no scalar is refused)
        self.seen: set[tuple[type, Hashable]] | None = None  # keys that are not text, by type and value


_NO_KEY: Any = object()


def _stream_events(loader: Any, path: str, depth: int) -> tuple[Any, Places] | Problem:
    """The data and the places of every node down to ``depth`` (the root is 0), or the first anchor or alias.

    Two keys of a mapping written alike (``1:`` and ``"1":``, not duplicates as data) make a place
    ambiguous: such a file is left to the composed path, whose node-tree walk takes the first.
    """
    events = yaml.events
    scalar_event, alias_event = events.ScalarEvent, events.AliasEvent
    mapping_start, sequence_start = events.MappingStartEvent, events.SequenceStartEvent
    mapping_end, sequence_end = events.MappingEndEvent, events.SequenceEndEvent
    get = loader.get_event
    if type(get()) is not events.StreamStartEvent or type(get()) is not events.DocumentStartEvent:
        raise _Unstreamable  # an empty file
    build = _Build(loader, depth)
    stack = build.stack
    while True:
        event = get()
        kind = type(event)
        raw: str | None = None
        done: _Frame | None = None
        if kind is scalar_event:
            if event.anchor is not None:
                return alias_problem(event, path)
            value, at, raw = build.scalar(event)
        elif kind is mapping_end or kind is sequence_end:
            done = stack.pop()
            value, at = done.container, done.at
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None:
                return alias_problem(event, path)
            if len(stack) >= MAX_DEPTH:
                return too_deep(event.start_mark, path)
            build.open(event, kind is mapping_start)
            continue
        elif kind is alias_event:
            return alias_problem(event, path)
        else:
            raise _Unstreamable
        if not stack:
            build.places[()] = at << 64
            break
        build.add(stack[-1], value, at, raw, done)
    if type(get()) is events.DocumentEndEvent and type(get()) is events.StreamEndEvent:
        return value, build.places
    raise _Unstreamable  # a second document: the composed path names the problem


class _Build:
    """The state of a streamed build: open containers, places, the tags resolved so far.

    Split from the loop of ``_stream_events`` by what each event does; the loop stays the only place that
    dispatches on the event's kind (one call per event, about 2% of the build's time).
    """

    __slots__ = ("constructors", "depth", "loader", "loose", "places", "resolve", "resolved", "stack")

    def __init__(self, loader: Any, depth: int) -> None:
        self.loader, self.depth = loader, depth
        self.resolve, self.constructors = loader.resolve, loader.yaml_constructors
        self.places: Places = {}
        self.stack: list[_Frame] = []
        # The tag of each plain scalar's text, resolved once per file: keys and values repeat in every event.
        self.resolved: dict[str, str] = {}
        self.loose = False  # a key that is not text: two keys may then be written alike

    def scalar(self, event: Any) -> tuple[Any, int, str]:
        """A scalar's value, its packed place (see Places) and its text as written."""
        mark = event.start_mark
        at = (mark.line + 1) << 32 | (mark.column + 1)
        raw: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            implicit = event.implicit
            if implicit[0]:
                tag = self.resolved.get(raw)
                if tag is None:
                    tag = self.resolved[raw] = self.resolve(yaml.ScalarNode, raw, implicit)
            else:
                tag = STR_TAG  # quoted: what resolve gives without a plain implicit
        if tag == STR_TAG:
            return raw, at, raw
        if tag in SCALAR_TAGS:
            node = yaml.ScalarNode(tag, raw, mark, event.end_mark, event.style)
            return self.constructors[tag](self.loader, node), at, raw
        raise _Unstreamable  # another tag: the composed path builds or refuses it

    def open(self, event: Any, is_mapping: bool) -> None:
        """A mapping or list starts."""
        mark = event.start_mark
        at = (mark.line + 1) << 32 | (mark.column + 1)
        stack = self.stack
        if event.tag not in (None, "!") or len(stack) >= STREAM_DEPTH:
            raise _Unstreamable
        if not stack:
            where: tuple[str | int, ...] = ()
        else:
            parent = stack[-1]
            # (In a mapping's key, the container is refused when it ends: its place is never asked.)
            where = parent.where + ((parent.raw_key,) if parent.is_mapping else (len(parent.container),))
        stack.append(_Frame(is_mapping, at, where))

    def add(self, frame: _Frame, value: Any, at: int, raw: str | None, done: _Frame | None) -> None:
        """A finished value (``raw`` for a scalar, ``done`` for a container) goes into the open ``frame``."""
        placed = len(self.stack) <= self.depth
        if not frame.is_mapping:
            if placed:
                self.places[(*frame.where, len(frame.container)) if done is None else done.where] = at << 64
            frame.container.append(value)
        elif frame.key is _NO_KEY:
            self._key(frame, value, at, raw)
        else:
            frame.container[frame.key] = value
            if placed:
                where = (*frame.where, frame.raw_key) if done is None else done.where
                if self.loose and where in self.places:
                    raise _Unstreamable  # two keys written alike: the node tree places them
                self.places[where] = at << 64 | frame.key_at
            frame.key = _NO_KEY

    def _key(self, frame: _Frame, value: Any, at: int, raw: str | None) -> None:
        # A duplicate key, or a list or mapping as a key: the composed path reports it. Keys are
        # duplicates by type and value (`1:` and `true:` are not): text equals only text, so a
        # text key is one when the mapping has it already.
        if type(value) is str:
            if value in frame.container:
                raise _Unstreamable
            value = intern(value)  # field names repeat in every event: one string each, not one per event
        else:
            if raw is None:
                raise _Unstreamable
            seen = frame.seen
            if seen is None:
                seen = frame.seen = set()
            elif (type(value), value) in seen:
                raise _Unstreamable
            seen.add((type(value), value))
            self.loose = True
        frame.key, frame.key_at, frame.raw_key = value, at, raw or ""
