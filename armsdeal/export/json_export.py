"""The armsdeal-export JSON document (docs/export-json.md) and its loader.

Every field of the timeline format is there under its YAML name; each date
becomes an object with the EDTF text as written and what it means (earliest
and latest day, precision, qualifiers), so programs need no EDTF parser.
``load_export`` reads the document back into the same Timeline objects.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from armsdeal.core.dates import DatePoint, EdtfDate, format_date
from armsdeal.core.errors import InputError
from armsdeal.core.model import Timeline
from armsdeal.export import ExportOptions
from armsdeal.export.common import earliest_iso, is_approximate, is_uncertain, latest_iso, precision_name
from armsdeal.render.safe_text import to_json

FORMAT_NAME = "armsdeal-export"
VERSION = 1


def export_json(timelines: Sequence[Timeline], options: ExportOptions) -> str:
    document = {"format": FORMAT_NAME, "version": VERSION, "timelines": [timeline_object(t) for t in timelines]}
    return to_json(document)


def timeline_object(timeline: Timeline) -> dict[str, Any]:
    """The timeline as model_dump gives it, with each date expanded into a date object."""
    data = timeline.model_dump(mode="json")
    for event, dumped in zip(timeline.events, data["events"], strict=True):
        dumped["date"] = date_object(event.date)
    for source_id, source in timeline.sources.items():
        if source.date is not None:
            data["sources"][source_id]["date"] = date_object(source.date)
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
