"""Mermaid `timeline` diagrams: a section per year, a period per date, the event titles.

Mermaid draws a timeline as one row of columns, one per period: past about 15
events it is wider than any page (turkey-s400's 42 events render 8,390 px
wide). So a diagram of more than LONG events keeps only the milestones
(core/phases.py MILESTONES: first talks, contract, first and last delivery,
sanctions, ...) and says so in a comment line, unless ``all_events`` is asked
(``armsdeal export --all``).

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
from armsdeal.core.phases import milestones
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
# More events than this and the diagram keeps only the milestones.
LONG = 15


def mermaid_text(text: str) -> str:
    """One label of a Mermaid timeline: one line, no character the grammar would read."""
    flat = _WHITESPACE.sub(" ", clean(text, keep_newlines=False)).strip()
    flat = _PERCENTS.sub("％", flat.translate(_LOOK_ALIKES))
    return flat or "-"


def export_mermaid(timelines: Sequence[Timeline], options: ExportOptions) -> str:
    return "\n".join(diagram_lines(timelines, all_events=options.all_events)) + "\n"


def milestone_ids(timeline: Timeline) -> set[str]:
    """The ids of the events that are a milestone of the timeline's deal."""
    return {event.id for event in milestones(timeline).values() if event is not None}


def diagram_lines(timelines: Sequence[Timeline], *, all_events: bool = False) -> list[str]:
    """The diagram, line by line: `timeline`, its title, a section per year, `date : title` rows.

    Past LONG events, only the milestones unless ``all_events``; a comment says how many are left out.
    """
    several = len(timelines) > 1
    lines = ["timeline", f"{INDENT}title {mermaid_text(_title(timelines))}"]
    entries = merge(timelines)
    if not all_events and len(entries) > LONG:
        keep = {(timeline.id, event_id) for timeline in timelines for event_id in milestone_ids(timeline)}
        total = len(entries)
        entries = [entry for entry in entries if (entry.timeline.id, entry.event.id) in keep]
        lines.append(
            f"{INDENT}%% milestones only, {len(entries)} of {total} events (armsdeal export --all for every event)"
        )
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
