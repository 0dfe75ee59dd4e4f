"""Mermaid `timeline` diagrams: a section per year, a period per date, the event titles.

Mermaid's timeline grammar has no escapes: ':' separates a period from its
events, '#' and '%%' start comments, and older Mermaid versions (GitHub does
not always run the newest) end a statement at ';'. Such characters in a title
are replaced by look-alikes, '<' and '>' too so no label reads as HTML, and
newlines become spaces: the diagram shows the same words and always parses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby

from armsdeal.core.chronology import Entry, merge
from armsdeal.core.dates import format_date
from armsdeal.core.model import Timeline
from armsdeal.core.vocabulary import EventStatus
from armsdeal.export import ExportOptions
from armsdeal.export.common import year_label
from armsdeal.render.safe_text import clean

_LOOK_ALIKES = str.maketrans({":": "꞉", "#": "＃", ";": "；", "<": "＜", ">": "＞", "`": "ˋ"})
_PERCENTS = re.compile("%(?=%)|(?<=%)%")
_WHITESPACE = re.compile(r"\s+")
# Statuses that change what a reader may take from the title.
_STATUS_NOTES = {
    EventStatus.CLAIMED: "claimed",
    EventStatus.DISPUTED: "disputed",
    EventStatus.DENIED: "denied",
    EventStatus.EXPECTED: "expected",
}
INDENT = "    "


def mermaid_text(text: str) -> str:
    """One label of a Mermaid timeline: one line, no character the grammar would read."""
    flat = _WHITESPACE.sub(" ", clean(text, keep_newlines=False)).strip()
    flat = _PERCENTS.sub("％", flat.translate(_LOOK_ALIKES))
    return flat or "-"


def export_mermaid(timelines: Sequence[Timeline], options: ExportOptions) -> str:
    return "\n".join(diagram_lines(timelines)) + "\n"


def diagram_lines(timelines: Sequence[Timeline]) -> list[str]:
    """The diagram, line by line: `timeline`, its title, a section per year, `date : title` rows."""
    several = len(timelines) > 1
    lines = ["timeline", f"{INDENT}title {mermaid_text(_title(timelines))}"]
    entries = merge(timelines)
    for year, in_year in groupby(entries, key=lambda entry: year_label(entry.event)):
        lines.append(f"{INDENT}section {mermaid_text(year)}")
        for when, on_date in groupby(in_year, key=lambda entry: format_date(entry.event.date)):
            labels = [_label(entry, with_deal=several) for entry in on_date]
            period = f"{INDENT * 2}{mermaid_text(when)} : "
            lines.append(period + labels[0])
            # Further events of the same period go on continuation lines under the first.
            lines.extend(" " * (len(period) - 2) + ": " + label for label in labels[1:])
    return lines


def _title(timelines: Sequence[Timeline]) -> str:
    if len(timelines) == 1:
        return timelines[0].title
    return "Arms-deal timelines - " + ", ".join(timeline.id for timeline in timelines)


def _label(entry: Entry, *, with_deal: bool) -> str:
    label = entry.event.title
    note = _STATUS_NOTES.get(entry.event.status)
    if note:
        label += f" ({note})"
    if entry.event.about:
        label += f" ({entry.event.about})"
    if with_deal:
        label = f"[{entry.timeline.id}] {label}"
    return mermaid_text(label)
