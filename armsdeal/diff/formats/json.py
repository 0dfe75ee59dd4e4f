"""diff's json format: one document {"format": "armsdeal-diff", "version": 2, ...} (docs/diff-json.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from armsdeal.diff.engine import (
    DateChange,
    FieldChange,
    ItemDiff,
    ListChange,
    SectionStat,
    TimelineDiff,
)
from armsdeal.diff.formats import DiffFormat
from armsdeal.diff.formats.wording import (
    SECTIONS,
)
from armsdeal.render.safe_text import to_json

# 2: the envelope {"format": "armsdeal-diff", "version": 2} shared by every JSON output.
VERSION = 2


def json_document(diffs: Sequence[TimelineDiff]) -> str:
    """{"version": 1, "differences": bool, "timelines": [...]} with every change."""
    return _dump([json_timeline(diff, full=True) for diff in diffs])


def json_stat(diffs: Sequence[TimelineDiff]) -> str:
    return _dump([json_timeline(diff, full=False) for diff in diffs])


def _dump(timelines: list[dict[str, Any]]) -> str:
    document = {"format": "armsdeal-diff", "version": VERSION, "differences": bool(timelines), "timelines": timelines}
    return to_json(document)


def json_timeline(diff: TimelineDiff, *, full: bool) -> dict[str, Any]:
    stat = diff.stat()
    data: dict[str, Any] = {
        "timeline": diff.timeline,
        "title": diff.title,
        "status": str(diff.status),
        "old": diff.old_label,
        "new": diff.new_label,
        "stat": {
            "fields": stat.fields,
            **{section: _json_section_stat(getattr(stat, section)) for section in SECTIONS},
        },
    }
    if full:
        data["fields"] = [_json_change(change) for change in diff.fields]
        for section in SECTIONS:
            data[section] = [_json_item(item) for item in getattr(diff, section)]
    return data


def _json_section_stat(section: SectionStat) -> dict[str, int]:
    return {"added": section.added, "removed": section.removed, "changed": section.changed, "renamed": section.renamed}


def _json_item(item: ItemDiff) -> dict[str, Any]:
    return {
        "id": item.id,
        "status": str(item.status),
        "old_id": item.old_id,
        "date": item.date.text if item.date is not None else None,
        "label": item.label,
        "changes": [_json_change(change) for change in item.changes],
        "record": dict(item.record) if item.record is not None else None,
    }


def _json_change(change: FieldChange) -> dict[str, Any]:
    if isinstance(change, ListChange):
        return {"field": change.field, "kind": "list", "added": list(change.added), "removed": list(change.removed)}
    if isinstance(change, DateChange):
        return {
            "field": change.field,
            "kind": "date",
            "before": change.before.text,
            "after": change.after.text,
            "change": str(change.kind),
            "shift": change.shift,
            "direction": str(change.direction) if change.direction is not None else None,
        }
    return {"field": change.field, "kind": "value", "before": change.before, "after": change.after}


FORMAT = DiffFormat(render=json_document, stat=json_stat)
