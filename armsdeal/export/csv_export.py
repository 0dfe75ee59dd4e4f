"""CSV: one row per event, in chronological order, with ACLED-like columns.

The first eleven columns are the ones the issue names, in that order; the
rest add what the format holds beyond them, then two derived in core/ as
every view derives them (docs/derived-facts.md): the deal's status
(``core.phases.deal_status``: the record's, else the events') and the
milestones the event gives (``core.phases.milestones``: "contract",
"first-delivery", ...), so that a spreadsheet says what `compare` says. Lists are joined with "; "
(URLs hold no whitespace, so "; " never occurs inside one).

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage
return) as a formula, so such a cell gets a leading apostrophe (the OWASP
advice against CSV injection); the csv module does the quoting. A cell that
starts with any whitespace gets one too, since a spreadsheet told to trim
spaces would otherwise evaluate " =1+2". The check runs on the cell as
written, after cleaning (which turns a tab into a space). Control and
bidi characters are shown as visible escapes (safe_text.clean), as in every
other output, so a CSV printed to a terminal cannot act on it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from armsdeal.core.chronology import Entry, merge
from armsdeal.core.model import Timeline
from armsdeal.core.phases import deal_status, milestones
from armsdeal.export import ExportOptions
from armsdeal.export.common import earliest_iso, latest_iso, precision_name
from armsdeal.render import describe
from armsdeal.render.safe_text import clean

COLUMNS = (
    "timeline",
    "event_id",
    "date",
    "date_precision",
    "earliest",
    "latest",
    "type",
    "title",
    "actors",
    "status",
    "sources",
    "claimed_by",
    "disputed_by",
    "location",
    "quantity",
    "tags",
    "note",
    "context",
    "about",
    "deal_status",
    "milestones",
)
SEPARATOR = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_csv(timelines: Sequence[Timeline], options: ExportOptions) -> str:
    buffer = io.StringIO()
    # "\n" rather than the RFC's "\r\n": every spreadsheet reads it, and the files diff cleanly in git.
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    derived = {id(timeline): Derived.of(timeline) for timeline in timelines}
    for entry in merge(timelines):
        writer.writerow([neutralise(clean(cell)) for cell in row(entry, derived[id(entry.timeline)])])
    # A timeline with no events yet still gets a row (export --all shows every timeline): its id and
    # derived status, the event's cells empty, after the dated rows.
    for timeline in timelines:
        if not timeline.events:
            writer.writerow([neutralise(clean(cell)) for cell in eventless_row(timeline, derived[id(timeline)])])
    return buffer.getvalue()


class Derived:
    """A timeline's derived facts the rows state, worked out once per timeline (core/phases.py)."""

    def __init__(self, status: str, given: dict[str, list[str]]) -> None:
        self.status = status
        self.given = given  # event id -> the keys of the milestones it gives

    @classmethod
    def of(cls, timeline: Timeline) -> Derived:
        status = deal_status(timeline)
        given: dict[str, list[str]] = {}
        for key, event in milestones(timeline).items():
            if event is not None:
                given.setdefault(event.id, []).append(key)
        return cls(str(status) if status is not None else "", given)


def row(entry: Entry, derived: Derived) -> list[str]:
    """The cells of one event, in COLUMNS order, before formula neutralising."""
    timeline, event = entry.timeline, entry.event

    def names(actor_ids: Sequence[str]) -> str:
        return SEPARATOR.join(timeline.actor_name(actor_id) for actor_id in actor_ids)

    sources = [timeline.sources[s].url if s in timeline.sources else s for s in event.sources]
    return [
        timeline.id,
        event.id,
        event.date.text,
        precision_name(event.date),
        earliest_iso(event.date) or "",
        latest_iso(event.date) or "",
        str(event.type),
        event.title,
        names(event.actors),
        str(event.status),
        SEPARATOR.join(sources),
        names(event.claimed_by),
        names(event.disputed_by),
        event.location or "",
        describe.quantity(event.quantity) if event.quantity else "",
        SEPARATOR.join(event.tags),
        event.note or "",
        "true" if event.is_context else "false",
        event.about or "",
        derived.status,
        SEPARATOR.join(derived.given.get(event.id, ())),
    ]


def eventless_row(timeline: Timeline, derived: Derived) -> list[str]:
    """The cells of a timeline with no events: its id and deal status, the event columns empty."""
    cells = dict.fromkeys(COLUMNS, "")
    cells.update(timeline=timeline.id, deal_status=derived.status)
    return list(cells.values())


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (even with leading spaces trimmed)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) or cell[:1].isspace() else cell
