"""log's markdown format: a corrections page a newsroom can publish.

Dated entries, newest first; each change one sentence in diff's own words (its
Markdown wording of fields, dates and values); the sources a commit added listed
with their links. Commit subjects, author names and timeline text are escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from armsdeal.core.dates import format_date, parse_edtf
from armsdeal.diff.engine import ItemDiff, ItemKind, Status, TimelineDiff
from armsdeal.diff.formats.markdown import ARROW, code_span, escape_markdown, markdown_change
from armsdeal.diff.formats.wording import item_context
from armsdeal.diff.history import LogEntry
from armsdeal.diff.log_formats import LogFormat, LogSubject
from armsdeal.diff.log_formats.text import ONELINE_SHORT, SHORT, counts
from armsdeal.render.escape import markdown_link

EMPTY = "No commits changed this timeline."


def _title(subject: LogSubject) -> str:
    return f"# Corrections: {escape_markdown(subject.title)} ({code_span(subject.timeline)})"


def render(subject: LogSubject, entries: Iterable[LogEntry]) -> Iterator[str]:
    yield _title(subject) + "\n\n"
    yield f"Changes to the record, newest first, from the history of {escape_markdown(subject.path)}.\n"
    empty = True
    for entry in entries:
        empty = False
        yield "\n" + "\n\n".join(_entry(entry)) + "\n"
    if empty:
        yield f"\n{EMPTY}\n"


def _day(entry: LogEntry) -> str:
    return format_date(parse_edtf(entry.commit.day))


def _entry(entry: LogEntry) -> Iterator[str]:
    commit = entry.commit
    yield f"## {_day(entry)}: {escape_markdown(commit.subject)}"
    yield f"Commit `{commit.sha[:SHORT]}` by {escape_markdown(commit.author)}."
    sentences = list(_notes(entry))
    if entry.diff is not None:
        sentences += _sentences(entry.diff)
    if sentences:
        yield "\n".join(f"- {sentence}" for sentence in sentences)
    sources = [item for item in (entry.diff.sources if entry.diff is not None else ()) if item.status is Status.ADDED]
    if sources:
        yield "Sources added:\n\n" + "\n".join(f"- {_source(item)}" for item in sources)


def _notes(entry: LogEntry) -> Iterator[str]:
    if entry.moved and entry.commit.old_path is not None:
        yield f"The file moved from {escape_markdown(entry.commit.old_path)}."
    if entry.unreadable is not None:
        yield f"This revision could not be read: {escape_markdown(entry.unreadable)}."
    if entry.failed is not None:
        yield f"This revision did not pass check ({escape_markdown(entry.failed)}); shown as far as it can be read."
    if entry.base is not None:
        yield f"The revision before could not be read: compared with {escape_markdown(entry.base)}."


def _sentences(diff: TimelineDiff) -> Iterator[str]:
    if diff.status is not Status.CHANGED:
        yield f"Timeline {code_span(diff.timeline)} {diff.status}."
    for change in diff.fields:
        yield f"Timeline field {markdown_change(change)}."
    for section in (diff.events, diff.sources, diff.actors):
        for item in section:
            yield _item_sentence(item)


def _item_sentence(item: ItemDiff) -> str:
    name = code_span(item.id)
    if item.status is Status.RENAMED and item.old_id is not None:
        name = f"{code_span(item.old_id)} {ARROW} {name}"
    context = item_context(item, limit=None)
    words = f"{str(item.kind).capitalize()} {name}" + (f" ({escape_markdown(context)})" if context else "")
    words += "" if item.status is Status.CHANGED else f" {item.status}"
    if item.changes:
        words += ": " + "; ".join(markdown_change(change) for change in item.changes)
    return words if words.endswith(".") else words + "."


def _source(item: ItemDiff) -> str:
    record = item.record or {}
    url = record.get("url")
    label = " ".join(item.label.split()) or item.id
    return (
        markdown_link(label, str(url))
        if isinstance(url, str) and item.kind is ItemKind.SOURCE
        else escape_markdown(label)
    )


def oneline(subject: LogSubject, entries: Iterable[LogEntry]) -> Iterator[str]:
    yield _title(subject) + "\n\n"
    empty = True
    for entry in entries:
        empty = False
        commit = entry.commit
        yield (
            f"- {_day(entry)}, `{commit.sha[:ONELINE_SHORT]}`: {escape_markdown(commit.subject)}"
            f" ({escape_markdown(counts(entry))})\n"
        )
    if empty:
        yield f"{EMPTY}\n"


FORMAT = LogFormat(render=render, oneline=oneline)
