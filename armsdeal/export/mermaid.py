"""Mermaid `timeline` diagrams: a column per year (at most six), each event's date and title in it.

Mermaid draws a timeline as one row of columns, one per period, each 200 px
wide, plus about 390 px of margins (Mermaid 11.17 in Chromium: a period per
date made turkey-f35's 11 dates 2,590 px wide and turkey-s400's 42 events
8,390 px). So by default a diagram of more than LONG events keeps only the
milestones (core/phases.py MILESTONES: first talks, contract, first and last
delivery, sanctions, ...) and says so in a comment line, and its periods are
years, neighbouring years sharing one ("2019 to 2021") past MAX_COLUMNS, so
that it is at most MAX_WIDTH wide. ``all_events`` (``armsdeal export --all``)
gives the full diagram: every event, a section per year and a period per date.

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
# Mermaid's timeline: a column per period, and its margins (measured with Mermaid 11.17 in Chromium).
COLUMN_WIDTH = 200
MARGINS = 390
MAX_WIDTH = 1600
MAX_COLUMNS = (MAX_WIDTH - MARGINS) // COLUMN_WIDTH


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
    """The diagram, line by line: `timeline`, its title, then the periods and their events.

    By default, past LONG events only the milestones (a comment says how many are left out), in at
    most MAX_COLUMNS periods of whole years; with ``all_events`` every event, a section per year
    and a period per date.
    """
    several = len(timelines) > 1
    lines = ["timeline", f"{INDENT}title {mermaid_text(_title(timelines))}"]
    entries = merge(timelines)
    if all_events:
        return lines + _periods_by_date(entries, several=several)
    if len(entries) > LONG:
        keep = {(timeline.id, event_id) for timeline in timelines for event_id in milestone_ids(timeline)}
        total = len(entries)
        entries = [entry for entry in entries if (entry.timeline.id, entry.event.id) in keep]
        lines.append(
            f"{INDENT}%% milestones only, {len(entries)} of {total} events (armsdeal export --all for every event)"
        )
    return lines + _periods_by_year(entries, several=several)


def _periods_by_date(entries: list[Entry], *, several: bool) -> list[str]:
    """A section per year, a period per date: Mermaid makes each date a column."""
    lines = []
    for year, in_year in groupby(entries, key=lambda entry: year_label(entry.event)):
        lines.append(f"{INDENT}section {mermaid_text(year)}")
        for when, on_date in groupby(in_year, key=lambda entry: format_date(entry.event.date)):
            labels = [_label(entry, with_deal=several) for entry in on_date]
            lines.extend(_period(INDENT * 2, mermaid_text(when), labels))
    return lines


def _periods_by_year(entries: list[Entry], *, several: bool) -> list[str]:
    """A period per year, or per run of neighbouring years past MAX_COLUMNS; each event with its date."""
    years = [(year, list(in_year)) for year, in_year in groupby(entries, key=lambda entry: year_label(entry.event))]
    lines = []
    for run in _runs(years, MAX_COLUMNS):
        name = run[0][0] if len(run) == 1 else f"{run[0][0]} to {run[-1][0]}"
        labels = [_label(entry, with_deal=several, dated=True) for _, in_year in run for entry in in_year]
        lines.extend(_period(INDENT, mermaid_text(name), labels))
    return lines


def _runs(items: list[tuple[str, list[Entry]]], count: int) -> list[list[tuple[str, list[Entry]]]]:
    """The items in at most ``count`` runs of neighbours, as even in length as they can be (longer first)."""
    runs = min(count, len(items))
    if not runs:
        return []
    size, extra = divmod(len(items), runs)
    out, start = [], 0
    for index in range(runs):
        end = start + size + (1 if index < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def _period(indent: str, name: str, labels: list[str]) -> list[str]:
    """`name : first label`, further labels on continuation lines under the first."""
    period = f"{indent}{name} : "
    return [period + labels[0], *(" " * (len(period) - 2) + ": " + label for label in labels[1:])]


def _title(timelines: Sequence[Timeline]) -> str:
    if len(timelines) == 1:
        return timelines[0].title
    return "Arms-deal timelines - " + ", ".join(timeline.id for timeline in timelines)


def _label(entry: Entry, *, with_deal: bool, dated: bool = False) -> str:
    label = entry.event.title
    if dated:  # in a period of whole years: the event's own date first
        label = f"{format_date(entry.event.date)} · {label}"
    note = _STATUS_NOTES.get(entry.event.status)
    if note:
        label += f" ({note})"
    if entry.event.about:
        label += f" ({entry.event.about})"
    if with_deal:
        label = f"[{entry.timeline.id}] {label}"
    return mermaid_text(label)
