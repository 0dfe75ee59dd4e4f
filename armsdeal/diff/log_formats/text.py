"""log's text format: an entry per commit as git log lays it out, the changes as diff's terminal format words them.

Commit subjects and author names come from the repository: they go into a Text, cleaned, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rich.console import Group, RenderableType
from rich.text import Text

from armsdeal.diff.formats.terminal import CONTEXT_STYLE, INDENT, Hanging, terminal_body
from armsdeal.diff.formats.wording import change_counts
from armsdeal.diff.history import LogEntry
from armsdeal.diff.log_formats import LogFormat, LogSubject, Parts
from armsdeal.render.styled import styled

COMMIT_STYLE = "yellow"
NOTE_STYLE = "magenta"
SHORT = 12
SUBJECT_INDENT = 4
ONELINE_SHORT = 7


def _parts(
    entries: Iterable[LogEntry], draw: Callable[[LogEntry, bool], Iterator[RenderableType]]
) -> Iterator[RenderableType]:
    """A Group per entry, made when the one before has been drawn: memory does not grow with the history."""
    empty = True
    for number, entry in enumerate(entries):
        empty = False
        yield Group(*draw(entry, number == 0))
    if empty:
        yield Text("No commits changed this timeline.", style=CONTEXT_STYLE)


def render(subject: LogSubject, entries: Iterable[LogEntry]) -> Parts:
    return Parts(_parts(entries, _entry))


def _entry(entry: LogEntry, first: bool) -> Iterator[RenderableType]:
    commit = entry.commit
    if not first:
        yield Text()
    head = Text(f"commit {commit.sha[:SHORT]}", style=COMMIT_STYLE)
    if entry.moved:
        head.append_text(styled(f"  (moved from {commit.old_path})", CONTEXT_STYLE))
    yield head
    yield Text("Author: ").append_text(styled(commit.author))
    yield Text(f"Date:   {commit.day}")
    yield Text()
    yield Hanging(Text(" " * SUBJECT_INDENT), styled(commit.subject), SUBJECT_INDENT)
    body = [*_notes(entry), *(terminal_body(entry.diff) if entry.diff is not None else ())]
    if body:
        yield Text()
        yield from body


def _notes(entry: LogEntry) -> Iterator[RenderableType]:
    notes = []
    if entry.unreadable is not None:
        notes.append(f"this revision could not be read: {entry.unreadable}")
    if entry.failed is not None:
        notes.append(f"this revision did not pass check ({entry.failed}); shown as far as it can be read")
    if entry.base is not None:
        notes.append(f"the revision before could not be read: compared with {entry.base}")
    for note in notes:
        yield Hanging(Text(" " * INDENT + "! ", style=NOTE_STYLE), styled(note), INDENT + 2)


def oneline(subject: LogSubject, entries: Iterable[LogEntry]) -> Parts:
    return Parts(_parts(entries, _line))


def _line(entry: LogEntry, first: bool) -> Iterator[RenderableType]:
    # One line per commit whatever the width, as git log --oneline: never wrapped, never cut.
    line = Text(entry.commit.sha[:ONELINE_SHORT], style=COMMIT_STYLE, no_wrap=True, overflow="ignore")
    line.append(f" {entry.commit.day} ")
    line.append_text(styled(entry.commit.subject))
    line.append_text(styled(f"  ({counts(entry)})", CONTEXT_STYLE))
    yield line


def counts(entry: LogEntry) -> str:
    """The counts of an entry, or what stands in for them (shared by the formats' one-line renderings)."""
    found = [] if entry.diff is None or entry.diff.is_empty else [change_counts(entry.diff)]
    if entry.moved:
        found.append(f"moved from {entry.commit.old_path}")
    if entry.unreadable is not None:
        found.append("unreadable")
    elif entry.failed is not None:
        found.append("did not pass check")
    return ", ".join(found) or "no change"


FORMAT = LogFormat(render=render, oneline=oneline)
