"""YAML 1.1 look-alikes: plain text armsdeal reads as text that a YAML 1.1 reader reads as something else.

``title: no`` is text for armsdeal (the YAML 1.2 core schema, read/yamlloader.py)
but false for PyYAML, yamllint and Ruby; so are ``010`` (8), ``1_000`` (1000),
``1:30`` (90) and ``2019-04-01`` (a date). The YAML 1.1 side is PyYAML's own
table of implicit resolvers (yaml_implicit_resolvers, through
curate/yamlio.yaml11_reads_otherwise), not a hand-kept list, so that no form is
missed. The one exception is the field the format writes dates in: ``date:
2019-04-01`` is a date for every reader that has dates, as meant.

curate/safety.py refuses a rewrite that would change what a YAML 1.1 reader
reads and names the first look-alike found here, located, with the fix.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from typing import Any

import yaml

from armsdeal.curate.yamlio import yaml11_reads_otherwise
from armsdeal.read.stage import parse_bytes

_DATE_KEY = "date"  # events' and sources' dates, written plain in every timeline
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_YAML11 = yaml.resolver.Resolver()  # PyYAML's implicit resolvers: the YAML 1.1 reading
_SCANNER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def is_lookalike(text: str) -> bool:
    """True when ``text`` written plain is text for armsdeal and another type for a YAML 1.1 reader."""
    return yaml11_reads_otherwise(text) and _armsdeal_reads_text(text)


@functools.lru_cache(maxsize=1024)
def _armsdeal_reads_text(text: str) -> bool:
    """Whether armsdeal's reading (the YAML 1.2 core schema) takes ``text`` written plain for that text."""
    data = parse_bytes(f"k: {text}\n".encode(), "-").data
    return isinstance(data, dict) and data.get("k") == text


def first_lookalike(text: str) -> yaml.ScalarEvent | None:
    """The first plain scalar of a YAML text that is a look-alike (a date under ``date:`` is not); None if none."""
    try:
        for key, event in _plain_scalars(yaml.parse(text, Loader=_SCANNER)):
            if not (key == _DATE_KEY and _is_timestamp(event.value)) and is_lookalike(event.value):
                return event
    except yaml.YAMLError:
        return None
    return None


def may_hold_lookalike(armsdeal_data: Any, yaml11_data: Any) -> bool:
    """False when both readers read the same data, dates under ``date:`` aside: then no look-alike is there.

    A cheap walk of data already read, so that the scan of first_lookalike runs only when it may find one.
    """
    return bool(_dates_as_text(yaml11_data) != armsdeal_data)


def _dates_as_text(value: Any, key: Any = None) -> Any:
    if isinstance(value, dict):
        return {name: _dates_as_text(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    if key == _DATE_KEY and isinstance(value, datetime.date):
        return str(value)  # "2019-04-01"; a datetime keeps its space, as written most often
    return value


def _is_timestamp(text: str) -> bool:
    tag: str = _YAML11.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _TIMESTAMP


def _plain_scalars(events: Iterator[Any]) -> Iterator[tuple[str | None, yaml.ScalarEvent]]:
    """Each plain scalar with the key it is the value of (None for keys and list items)."""
    stack: list[list[Any]] = []  # per open collection: [is_mapping, next is a key, the last key]
    for event in events:
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        top = stack[-1] if stack else None
        key = None
        if top is not None and top[0]:
            if top[1]:
                top[2] = getattr(event, "value", None)
            else:
                key = top[2]
            top[1] = not top[1]
        if isinstance(event, yaml.ScalarEvent) and not event.style and event.implicit[0]:
            yield key, event
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append([isinstance(event, yaml.MappingStartEvent), True, None])
