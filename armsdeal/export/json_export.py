"""The armsdeal-export JSON document (docs/export-json.md) and its loader.

Every field of the timeline format is there under its YAML name; each date
becomes an object with the EDTF text as written and what it means (earliest
and latest day, precision, qualifiers), so programs need no EDTF parser.
``load_export`` reads the document back into the same Timeline objects.
After the record, ``derived`` holds what the views derive from it, from the
one function each in core/ (docs/derived-facts.md): the deal's status and the
event id of each milestone; ``load_export`` ignores it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from pydantic import ValidationError

from armsdeal.core.dates import DatePoint, EdtfDate, format_date
from armsdeal.core.errors import InputError
from armsdeal.core.model import Event, Source, Timeline
from armsdeal.core.phases import deal_status, milestones
from armsdeal.export import ExportOptions
from armsdeal.export.common import earliest_iso, is_approximate, is_uncertain, latest_iso, precision_name
from armsdeal.render.safe_text import json_safe

FORMAT_NAME = "armsdeal-export"
VERSION = 1


def export_json(timelines: Sequence[Timeline], options: ExportOptions) -> str:
    return "".join(json_pieces(timelines, options))


def json_pieces(timelines: Sequence[Timeline], options: ExportOptions) -> Iterator[str]:
    """The document in pieces, an event at a time (the registry's exporter: the CLI writes them as they
    come). Held whole, the document of a 10,000-event timeline, its dicts, its text and its bytes took
    38 times the file's size; joined, the pieces are to_json's text of the whole document, byte for byte."""
    document = _Entries(
        [("format", FORMAT_NAME), ("version", VERSION), ("timelines", _Items(_streamed(t) for t in timelines))]
    )
    for piece in _pieces(document, 0):
        yield json_safe(piece)
    yield "\n"


class _Items:
    """A JSON array whose items are made one at a time, as it is written."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


class _Entries:
    """A JSON object whose (key, value) entries are made one at a time, as it is written."""

    def __init__(self, entries: Iterable[tuple[str, Any]]) -> None:
        self.entries = entries


def _streamed(timeline: Timeline) -> _Entries:
    """timeline_object, with its sources and events made one at a time (each in its place among the keys)."""
    data: dict[str, Any] = timeline_object(timeline.model_copy(update={"events": [], "sources": {}}))
    data["sources"] = _Entries((key, _dated(source)) for key, source in timeline.sources.items())
    data["events"] = _Items(_dated(event) for event in timeline.events)
    data["derived"] = derived_object(timeline)  # of the whole timeline, not of the copy above
    return _Entries(data.items())


def derived_object(timeline: Timeline) -> dict[str, Any]:
    """What every view derives from the timeline: the deal's status (the record's, else its events'),
    and the id of the event that gives each milestone (null where none does), as `compare` names them."""
    status = deal_status(timeline)
    return {
        "status": str(status) if status is not None else None,
        "milestones": {key: event.id if event is not None else None for key, event in milestones(timeline).items()},
    }


def _dated(record: Event | Source) -> dict[str, Any]:
    """An event or a source as model_dump gives it, its date (if any) expanded into a date object."""
    dumped: dict[str, Any] = record.model_dump(mode="json")
    if record.date is not None:
        dumped["date"] = date_object(record.date)
    return dumped


def _pieces(value: Any, level: int) -> Iterator[str]:
    """``value`` as json.dumps(indent=2) writes it at nesting ``level``, _Items and _Entries entry by entry."""
    if isinstance(value, _Items):
        yield from _array_pieces(value, level)
    elif isinstance(value, _Entries):
        yield from _object_pieces(value, level)
    else:
        # A newline in the text is always indentation: one inside a string is written as \n.
        yield json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False).replace("\n", "\n" + "  " * level)


def _object_pieces(value: _Entries, level: int) -> Iterator[str]:
    opening = "{"
    for key, item in value.entries:
        yield f"{opening}\n{'  ' * (level + 1)}{json.dumps(key, ensure_ascii=False)}: "
        yield from _pieces(item, level + 1)
        opening = ","
    yield "{}" if opening == "{" else f"\n{'  ' * level}}}"


def _array_pieces(value: _Items, level: int) -> Iterator[str]:
    opening = "["
    for item in value.items:
        yield f"{opening}\n{'  ' * (level + 1)}"
        yield from _pieces(item, level + 1)
        opening = ","
    yield "[]" if opening == "[" else f"\n{'  ' * level}]"


def timeline_object(timeline: Timeline) -> dict[str, Any]:
    """The timeline as model_dump gives it, with each date expanded into a date object."""
    data = timeline.model_dump(mode="json")
    for event, dumped in zip(timeline.events, data["events"], strict=True):
        dumped["date"] = date_object(event.date)
    for source_id, source in timeline.sources.items():
        if source.date is not None:
            data["sources"][source_id]["date"] = date_object(source.date)
    data["derived"] = derived_object(timeline)
    return data


def date_object(value: EdtfDate) -> dict[str, Any]:
    return {
        "edtf": value.text,
        "earliest": earliest_iso(value),
        "latest": latest_iso(value),
        "precision": precision_name(value),
        "approximate": is_approximate(value),
        "uncertain": is_uncertain(value),
        "interval": value.is_interval,
        "start_unknown": value.start_unknown,
        "end_unknown": value.end_unknown,
        "one_of": [_member_object(member) for member in value.members] if value.members else None,
        "display": format_date(value),
    }


def _member_object(point: DatePoint) -> dict[str, Any]:
    return {
        "edtf": str(point),
        "earliest": point.earliest.isoformat(),
        "latest": point.latest.isoformat(),
        "precision": point.precision.name.lower(),
    }


def load_export(text: str) -> list[Timeline]:
    """Timelines from an armsdeal-export document; InputError if it is not one this version reads.

    The EDTF text of each date is authoritative; the other date keys are
    derived from it and ignored. The timelines are checked against the model
    (fields and types), not against the cross-reference rules of `check`.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise InputError(f'not an {FORMAT_NAME} document (its "format" must be "{FORMAT_NAME}")')
    version = document.get("version")
    if version != VERSION:
        raise InputError(f"{FORMAT_NAME} version {version!r} is not supported; this armsdeal reads version {VERSION}")
    items = document.get("timelines")
    if not isinstance(items, list):
        raise InputError('"timelines" must be a list')
    return [_timeline(item, index) for index, item in enumerate(items)]


def _timeline(item: Any, index: int) -> Timeline:
    if not isinstance(item, dict):
        raise InputError(f"timelines[{index}] is not an object")
    data = dict(item)
    data.pop("derived", None)  # derived from the rest, as `export` wrote it: nothing to read back
    if isinstance(data.get("events"), list):
        data["events"] = [_with_edtf(event) for event in data["events"]]
    if isinstance(data.get("sources"), dict):
        data["sources"] = {key: _with_edtf(source) for key, source in data["sources"].items()}
    try:
        return Timeline.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError(f"timelines[{index}]: {where}: {first['msg']} ({error.error_count()} problem(s))") from None


def _with_edtf(record: Any) -> Any:
    """The record with its date object replaced by the EDTF text the model reads."""
    if isinstance(record, dict) and isinstance(record.get("date"), dict):
        return {**record, "date": record["date"].get("edtf")}
    return record
