"""The contract's YAML 1.1 and YAML 1.2 readings of a text from one pass of libyaml (the ``two-readings`` fast path).

The data-safety contract (curate/safety.py) reads the original and the result
with PyYAML (YAML 1.1) and with ruamel.yaml (YAML 1.2). Both run libyaml's
parser and then build the data in Python, which is most of their time (some
3 s for a 3 MB timeline each). ``readings`` walks each library's
events (its own libyaml build) and builds the data itself: each plain scalar
typed by that library's own resolver and constructor (once per distinct
text), everything else a str, a list or a dict. What that walk does not cover
(an anchor, an alias, a tag, a merge key, a key that is a list or a mapping,
a repeated key, several documents, a directive, deep nesting, a parse error)
gives None: the libraries then read the text themselves. tests/curate/test_readings.py
holds the walk equal to the two libraries over generated texts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import yaml

_STR = "tag:yaml.org,2002:str"
_DEPTH = 100  # deeper than any timeline; the libraries themselves read anything deeper
_UNKEYED = object()  # a mapping waiting for its next key
_LIST = object()  # a list (which has no keys)


class _Unproven(Exception):
    """The walk does not cover this text: the libraries read it themselves."""


@functools.lru_cache(maxsize=4)
def readings(raw: bytes) -> tuple[Any, Any] | None:
    """PyYAML's (YAML 1.1) and ruamel's (YAML 1.2) data of ``raw``, or None when only the libraries may say.

    Each is walked from its own library's parser (their libyaml builds differ at the edges).
    """
    from ruamel.yaml.error import YAMLError as RuamelError

    try:
        old = _walk(yaml.parse(raw, Loader=_PARSER), _Yaml11().value, _PYYAML_EVENTS)
        new = _walk(_ruamel_events(raw), _Yaml12().value, _RUAMEL_EVENTS)
    except (_Unproven, yaml.YAMLError, RuamelError, ValueError, RecursionError):
        return None
    return old, new


def _walk(events: Iterable[Any], typed: Callable[[str], Any], kinds: _Events) -> Any:
    """The data of one document from its events (for each open collection: the collection, its pending key)."""
    open_: list[list[Any]] = []  # [collection, pending key or _UNKEYED (a mapping) / _LIST]
    seen: dict[str, Any] = {}  # each plain scalar's value, by its text
    root: list[Any] = []
    documents = 0
    for event in events:
        kind = type(event)
        if kind is kinds.scalar:
            _add(open_, root, _scalar(event, seen, typed), scalar=True)
        elif kind is kinds.mapping_start or kind is kinds.sequence_start:
            open_.append(_opened(event, open_, mapping=kind is kinds.mapping_start))
        elif kind is kinds.mapping_end or kind is kinds.sequence_end:
            _add(open_, root, open_.pop()[0], scalar=False)
        elif kind is kinds.document_start:
            documents += 1
            if documents > 1 or event.version is not None or event.tags:
                raise _Unproven
        elif kind is kinds.alias:
            raise _Unproven
    if not root:
        raise _Unproven  # no document
    return root[0]


def _scalar(event: Any, seen: dict[str, Any], typed: Callable[[str], Any]) -> Any:
    """A scalar's value: a plain one typed by the library (once per text), a quoted or block one a str."""
    if event.anchor is not None or event.tag is not None:
        raise _Unproven
    value = event.value
    if not event.implicit[0]:
        return value
    if value not in seen:
        seen[value] = typed(value)
    return seen[value]


def _opened(event: Any, open_: list[list[Any]], *, mapping: bool) -> list[Any]:
    """A new collection and its state (a mapping waits for a key)."""
    if event.anchor is not None or event.tag is not None or len(open_) >= _DEPTH:
        raise _Unproven
    if open_ and open_[-1][1] is _UNKEYED:
        raise _Unproven  # a collection as a key
    return [{}, _UNKEYED] if mapping else [[], _LIST]


def _add(open_: list[list[Any]], root: list[Any], value: Any, *, scalar: bool) -> None:
    """Put a finished node into the collection open around it, or make it the document's root."""
    if not open_:
        root.append(value)
        return
    top = open_[-1]
    pending = top[1]
    if pending is _LIST:
        top[0].append(value)
    elif pending is _UNKEYED:
        if not scalar or value in top[0] or value == "<<":
            raise _Unproven  # a repeated key (PyYAML keeps the last, ruamel refuses) or a merge key
        top[1] = value
    else:
        top[0][pending] = value
        top[1] = _UNKEYED


@dataclass(frozen=True)
class _Events:
    """The event classes of one library."""

    scalar: type
    mapping_start: type
    sequence_start: type
    mapping_end: type
    sequence_end: type
    document_start: type
    alias: type


def _ruamel_events(raw: bytes) -> Iterator[Any]:
    """The events of ruamel's libyaml parser (ruamel.yaml.clib), as its safe loader reads them."""
    from ruamel.yaml import YAML

    parser_class = YAML(typ="safe").Parser
    if not hasattr(parser_class, "dispose"):
        raise _Unproven  # no C parser: the pure one is ruamel's to run
    parser = parser_class(raw)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


class _Yaml11:
    """PyYAML's safe loader's resolver and constructor (those of the contract's YAML 1.1 reader)."""

    def __init__(self) -> None:
        self._loader = yaml.SafeLoader("")
        # The first characters of its types (a text starting otherwise is a str), unless one may start anyhow.
        firsts = self._loader.yaml_implicit_resolvers
        self._first = None if None in firsts else frozenset(firsts)

    def value(self, text: str) -> Any:
        if text and self._first is not None and text[0] not in self._first:
            return text
        tag = self._loader.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        if tag == _STR:
            return text
        if tag not in self._loader.yaml_constructors:
            raise _Unproven  # '=' (the 'value' type): PyYAML refuses it
        return self._loader.construct_object(yaml.ScalarNode(tag, text), deep=True)


class _Yaml12:
    """ruamel's safe loader's YAML 1.2 resolver and constructor (those of the contract's YAML 1.2 reader)."""

    def __init__(self) -> None:
        from ruamel.yaml import YAML

        from armsdeal.curate.safety import yaml12_resolver

        reader = YAML(typ="safe")
        reader.Resolver = yaml12_resolver()
        self._resolver = reader.resolver
        self._constructor = reader.constructor

    def value(self, text: str) -> Any:
        from ruamel.yaml.nodes import ScalarNode

        tag = self._resolver.resolve(ScalarNode, text, (True, False))
        if str(tag) == _STR:
            return text
        return self._constructor.construct_object(ScalarNode(tag, text), deep=True)


def _ruamel_kinds() -> _Events:
    from ruamel.yaml import events

    return _Events(
        events.ScalarEvent,
        events.MappingStartEvent,
        events.SequenceStartEvent,
        events.MappingEndEvent,
        events.SequenceEndEvent,
        events.DocumentStartEvent,
        events.AliasEvent,
    )


_PARSER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_PYYAML_EVENTS = _Events(
    yaml.ScalarEvent,
    yaml.MappingStartEvent,
    yaml.SequenceStartEvent,
    yaml.MappingEndEvent,
    yaml.SequenceEndEvent,
    yaml.DocumentStartEvent,
    yaml.AliasEvent,
)
_RUAMEL_EVENTS = _ruamel_kinds()
