"""All of a file's problems in one run: a schema error in one record never hides a rule's finding in another.

When the schema refuses a file, each invalid field is *set aside*: left out
when it is optional or unknown (its default stands), given a neutral stand-in
when it is required (an event of an invalid type is a statement; one with an
invalid date is set aside whole), and the rest validated again. The rules that judge one record by
itself and by the records it names (``PER_RECORD``: an undefined source, a
claim without a claimant, an impossible interval, ...) then run on that
model, and only their findings outside the places set aside are kept. Rules
over the whole deal (its status against its events, the order of the events,
the sources no event cites) wait until the schema errors are fixed: a
stand-in would change their answer. The file stays unusable either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from armsdeal.core.model import Actor, Deal, Event, Source, Timeline, timeline_from_data

Keys = tuple[str | int, ...]

# The rules whose finding on one record depends on nothing but that record and what it names.
PER_RECORD = frozenset(
    {
        "duplicate-id",
        "unsourced-event",
        "undefined-source",
        "undefined-actor",
        "about-not-related",
        "claim-without-claimant",
        "empty-title",
        "interval-order",
        "set-order",
        "future-date",
        "expected-passed",
        "source-predates-event",
    }
)

# A value for a required field that is invalid, by field name. A record whose id or date stands in
# is set aside whole (_WHOLE): messages name a record by its id, and the date rules would judge the stand-in.
_STAND_IN_VALUE: dict[str, Any] = {
    "id": "set-aside",
    "title": "-",
    "date": "2000",
    "type": "statement",
    "publisher": "-",
    "url": "https://example.org/",
    "name": "-",
    "kind": "state",
}
_WHOLE = frozenset({"id", "date"})
_MODELS: dict[str, type[BaseModel]] = {"events": Event, "sources": Source, "actors": Actor, "deal": Deal}


def set_aside(data: dict[str, Any], error_keys: Iterable[Keys]) -> tuple[Timeline, set[Keys]] | None:
    """The timeline with each invalid field left out (optional) or stood in for (required), and the
    places set aside; None when an error is not within a record's field (the events not a list, say)."""
    repaired = dict(data)
    aside: set[Keys] = set()
    for keys in error_keys:
        place = _set_aside_one(repaired, keys)
        if place is None:
            return None
        aside.add(place)
    try:
        return timeline_from_data(repaired), aside
    except ValidationError:
        return None


def outside(keys: Keys, aside: set[Keys]) -> bool:
    """True if the place ``keys`` is not within a place set aside."""
    return not any(keys[: len(place)] == place for place in aside)


def _set_aside_one(repaired: dict[str, Any], keys: Keys) -> Keys | None:
    """Set aside the field an error is in; the place set aside, or None if it is not a record's field."""
    if not keys:
        return None
    if keys[0] in _MODELS and keys[0] != "deal":
        if len(keys) < 2:
            return None
        container = _copied(repaired, keys[0])
        if container is None or not _holds(container, keys[1]):
            return None
        return _fix_field(container, keys[1], _MODELS[str(keys[0])], keys[:2], keys[2:])
    if keys[0] == "deal" and len(keys) > 1 and isinstance(repaired.get("deal"), dict):
        return _fix_field(repaired, "deal", Deal, ("deal",), keys[1:])
    return _fix_field({"": repaired}, "", Timeline, (), keys)


def _fix_field(container: Any, key: Any, model: type[BaseModel], at: Keys, rest: Keys) -> Keys | None:
    record = container[key]
    if not isinstance(record, dict) or not rest:
        return None if not at else _stand_in(container, key, model, at)
    field_name = rest[0]
    if at:  # a record inside the timeline is copied; the timeline's own mapping is already a copy
        record = container[key] = dict(record)
    info = model.model_fields.get(str(field_name))
    if info is None or not info.is_required():
        record.pop(field_name, None)  # unknown, or optional: left out, its default stands
        return (*at, field_name)
    if field_name not in _STAND_IN_VALUE:
        return None
    record[field_name] = _STAND_IN_VALUE[str(field_name)]
    # A record inside the timeline is set aside whole for its id or date; the timeline's own id only.
    return at if field_name in _WHOLE and at else (*at, field_name)


def _stand_in(container: Any, key: Any, model: type[BaseModel], at: Keys) -> Keys:
    """A whole record that is not a mapping: a stand-in with every required field."""
    container[key] = {
        name: _STAND_IN_VALUE.get(name, []) for name, info in model.model_fields.items() if info.is_required()
    }
    return at


def _copied(repaired: dict[str, Any], name: Any) -> Any:
    """The events list or a sources/actors mapping, copied before it is changed; None if it is neither."""
    value = repaired.get(name)
    if isinstance(value, list):
        value = repaired[name] = list(value)
    elif isinstance(value, dict):
        value = repaired[name] = dict(value)
    else:
        return None
    return value


def _holds(container: Any, key: Any) -> bool:
    return (isinstance(container, list) and isinstance(key, int) and 0 <= key < len(container)) or (
        isinstance(container, dict) and key in container
    )
