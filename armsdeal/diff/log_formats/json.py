"""log's json format: {"format": "armsdeal-log", "version": 1, ...} (docs/log-json.md).

Written an entry at a time, so the document of a long history is never held whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from armsdeal.diff.formats.json import json_timeline
from armsdeal.diff.history import LogEntry
from armsdeal.diff.log_formats import LogFormat, LogSubject
from armsdeal.diff.log_formats.text import counts
from armsdeal.render.safe_text import to_json

VERSION = 1
_INDENT = "    "


def render(subject: LogSubject, entries: Iterable[LogEntry]) -> Iterator[str]:
    return _document(subject, entries, full=True)


def oneline(subject: LogSubject, entries: Iterable[LogEntry]) -> Iterator[str]:
    return _document(subject, entries, full=False)


def _document(subject: LogSubject, entries: Iterable[LogEntry], *, full: bool) -> Iterator[str]:
    head = to_json({"format": "armsdeal-log", "version": VERSION, "timeline": subject.timeline, "path": subject.path})
    yield head.rstrip().removesuffix("}").rstrip() + ',\n  "entries": ['
    separator = "\n"
    for entry in entries:
        yield separator + _indented(to_json(_entry(entry, full=full)))
        separator = ",\n"
    yield ("\n  ]\n}\n" if separator != "\n" else "]\n}\n")


def _indented(text: str) -> str:
    return "\n".join(_INDENT + line for line in text.rstrip("\n").split("\n"))


def _entry(entry: LogEntry, *, full: bool) -> dict[str, Any]:
    commit = entry.commit
    data: dict[str, Any] = {
        "commit": commit.sha,
        "parents": list(commit.parents),
        "author": commit.author,
        "date": commit.date,
        "subject": commit.subject,
        "path": commit.path,
        "moved_from": commit.old_path if entry.moved else None,
        "unreadable": entry.unreadable,
        "failed_check": entry.failed,
        "compared_with": entry.base,
        "counts": counts(entry),
    }
    if entry.diff is not None:
        data["changes"] = json_timeline(entry.diff, full=full)
    else:
        data["changes"] = None
    return data


FORMAT = LogFormat(render=render, oneline=oneline)
