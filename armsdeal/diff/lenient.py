"""An old revision read as far as it can be: history must not stop at a file today's rules reject.

A revision that passes validation is read as `check` reads it. One that does not is
read leniently: the events, sources and actors the schema rejects are left out until
what remains is a timeline (a rule that fails on a valid model leaves it whole), and
the revision carries one line saying why it did not pass. A revision that is not a
YAML mapping, or whose top-level fields cannot make a timeline, is unreadable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from armsdeal.check.validate import read_and_validate, validate_document
from armsdeal.core.model import Timeline, timeline_from_data
from armsdeal.core.problems import Problem, Severity
from armsdeal.read.stage import parse_bytes

# Rounds of leaving out what the schema rejects: each round removes at least one entry.
_ROUNDS = 20
# The collections whose entries are left out one by one, and the type each must have to be filtered.
_ENTRIES: dict[str, type] = {"events": list, "sources": dict, "actors": dict}


@dataclass(frozen=True, slots=True)
class Revision:
    """One revision of a file: its timeline (None: unreadable, and why) and why it did not pass, if it did not."""

    timeline: Timeline | None
    unreadable: str | None = None
    failed: str | None = None


def read_revision(raw: bytes, label: str, *, today: date | None = None) -> Revision:
    """A revision's timeline, strictly when it passes, else leniently; never an exception."""
    day = today or date.today()
    _, validated = read_and_validate(raw, label, today=day, keep_data=False)
    if validated.timeline is not None:
        return Revision(validated.timeline)
    errors = [problem for problem in validated.problems if problem.severity is Severity.ERROR]
    why = _why(errors)
    document = parse_bytes(raw, label)
    if document.data is None or not isinstance(document.data, dict):
        return Revision(None, unreadable=why)
    found = _lenient(document.data)
    if found is None:
        # Everything the schema says of the file, with its places, for the one line.
        problems = validate_document(document, today=day).problems
        return Revision(None, unreadable=_why([p for p in problems if p.severity is Severity.ERROR] or errors))
    return Revision(found, failed=why)


def _why(errors: list[Problem]) -> str:
    if not errors:
        return "it could not be read"
    first = errors[0]
    more = len(errors) - 1 + sum(problem.omitted for problem in errors)
    place = f"line {first.line}: " if first.located and first.line else ""
    return f"{place}{first.message} [{first.rule}]" + (f" (and {more} more)" if more else "")


def _lenient(data: dict[str, Any]) -> Timeline | None:
    """A timeline from data the schema rejects, leaving out the entries it names; None if the rest is not one."""
    data = dict(data)
    for _ in range(_ROUNDS):
        try:
            return timeline_from_data(data)
        except ValidationError as error:
            if not _leave_out(data, [tuple(detail["loc"]) for detail in error.errors(include_url=False)]):
                return None
    return None


def _leave_out(data: dict[str, Any], places: list[tuple[int | str, ...]]) -> bool:
    """Remove the events, sources and actors, and the optional fields, at these places; False when none is."""
    fields = {str(place[0]) for place in places if place and place[0] not in _ENTRIES}
    if any(not _optional(name) or name not in data for name in fields):
        return False  # a required field is wrong or missing: there is no timeline without it
    for name in fields:
        del data[name]
    left_out = {collection: _entries_at(places, collection) for collection in _ENTRIES}
    for collection, entries in left_out.items():
        if entries and isinstance(data.get(collection), _ENTRIES[collection]):
            data[collection] = _without(data[collection], entries)
    return bool(fields) or any(left_out.values())


def _entries_at(places: list[tuple[int | str, ...]], collection: str) -> set[int | str]:
    """The indexes (events) or keys (sources, actors) of the collection's entries the places are in."""
    return {place[1] for place in places if len(place) > 1 and place[0] == collection}


def _without(entries: list[Any] | dict[Any, Any], left_out: set[int | str]) -> list[Any] | dict[Any, Any]:
    """The list without the items at these indexes, or the mapping without these keys."""
    if isinstance(entries, list):
        return [entry for index, entry in enumerate(entries) if index not in left_out]
    return {key: value for key, value in entries.items() if key not in left_out}


def _optional(name: str) -> bool:
    """A field the timeline can do without: an optional one, or one today's schema does not know."""
    info = Timeline.model_fields.get(name)
    return info is None or not info.is_required()
