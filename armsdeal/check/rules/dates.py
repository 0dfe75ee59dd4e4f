"""Rules on dates: intervals, the future, sources and the order of events."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from armsdeal.check.rules.base import CheckContext, Finding, Keys, Option, check
from armsdeal.core.dates import EdtfDate
from armsdeal.core.model import Event, Timeline
from armsdeal.core.problems import Severity
from armsdeal.core.vocabulary import EventStatus, EventType


@check("interval-order")
def _interval_order(context: CheckContext) -> Iterator[Finding]:
    """A date interval ends before it starts, such as 2019-09/2019-08.

    Checked for event and source dates. An end of lower precision that can
    still overlap the start (2019-05/2019) is fine.
    """
    for keys, value in _dates(context.timeline, sets=False):
        start, end = value.start, value.end
        if value.is_interval and start is not None and end is not None and end.latest < start.earliest:
            yield Finding(keys, f"the interval {value} ends before it starts")


@check("set-order", Severity.WARNING)
def _set_order(context: CheckContext) -> Iterator[Finding]:
    """A set of possible dates lists a date twice, or not in date order.

    `[2017-09-12,2017-09-11]` means the same as `[2017-09-11,2017-09-12]`, but
    readers and `diff` find the ordered form easier to follow; a date listed
    twice is usually a typo for another one. The fix hint gives the set in order.
    """
    for keys, value in _dates(context.timeline, sets=True):
        texts = [str(member) for member in value.members]
        ordered = sorted(dict.fromkeys(value.members), key=lambda point: (point.earliest, point.latest))
        fixed = "[" + ",".join(str(point) for point in ordered) + "]"
        repeated = sorted({text for text in texts if texts.count(text) > 1})
        if repeated:
            yield Finding(keys, f"the set {value} lists {', '.join(repeated)} twice; write {fixed}")
        elif list(value.members) != ordered:
            yield Finding(keys, f"the dates of the set {value} are not in date order; write {fixed}")


@check("unknown-end-known", Severity.WARNING)
def _unknown_end_known(context: CheckContext) -> Iterator[Finding]:
    """An event's end is written as unknown (`2019/`) although the timeline records an end.

    An unknown end says the sources do not report when it ended. When a later
    cancellation or suspension in the same timeline ends it, its date is the
    known end: write it (`2019/2020-03`). Keep the unknown end and ignore this
    warning if that event does not end this one.
    """
    timeline = context.timeline
    stops: list[Event] | None = None
    for index, event in enumerate(timeline.events):
        start = event.date.start
        if not event.date.end_unknown or start is None or event.type in (EventType.CANCELLATION, EventType.SUSPENSION):
            continue
        if stops is None:
            # The cancellations and suspensions in chronological order (Timeline.chronology's, which is
            # stable: the same order as sorting them alone), made once an event needs them.
            stops = sorted(
                (e for e in timeline.events if e.type in (EventType.CANCELLATION, EventType.SUSPENSION)),
                key=_sort_key,
            )
        stop = next((e for e in stops if e.date.earliest > start.latest and not e.is_context), None)
        if stop is None:
            continue
        plain = not stop.date.is_interval and not stop.date.members and stop.date.start is not None
        fix = f"write {event.date}{stop.date.start}" if plain else "write its end after the '/'"
        yield Finding(
            ("events", index, "date"),
            f"event '{event.id}' ({event.date}) has an unknown end, but {stop.type} '{stop.id}' ({stop.date}) "
            f"comes after it; {fix} if that ends it",
        )


def _dates(timeline: Timeline, *, sets: bool) -> Iterator[tuple[Keys, EdtfDate]]:
    """The dates of the events, then of the sources, in file order, with their keys: the sets (``sets``), or
    else the dates whose start and end differ (every interval, and sets whose ends differ). Most dates are
    neither: they are passed over here, without a place made for each (run for every file)."""
    for index, event in enumerate(timeline.events):
        value = event.date
        if value.members if sets else value.start is not value.end:
            yield ("events", index, "date"), value
    for source_id, source in timeline.sources.items():
        written = source.date
        if written is not None and (written.members if sets else written.start is not written.end):
            yield ("sources", source_id, "date"), written


FUTURE_GRACE = Option(
    "grace-days",
    0,
    "Days after today an event may be dated without `status: expected` (a time zone ahead, an event of tomorrow).",
    minimum=0,
)


@check("future-date", options=[FUTURE_GRACE])
def _future_date(context: CheckContext) -> Iterator[Finding]:
    """An event dated after today is not marked `status: expected`.

    Something that has not happened yet can only be scheduled or announced;
    say so with `status: expected`, or fix the date (often a typo in the year).
    Option `grace-days` lets an event be dated that many days after today.
    """
    today, grace = context.today, context.option(FUTURE_GRACE)
    for index, event in enumerate(context.timeline.events):
        earliest = event.date.earliest
        # Days counted by subtraction, not today + grace: no date overflow however large the grace.
        if event.status is not EventStatus.EXPECTED and earliest > today and (earliest - today).days > grace:
            yield Finding(
                ("events", index, "date"),
                f"event '{event.id}' is dated {event.date}, after today ({context.today.isoformat()}); "
                "mark it 'status: expected' or fix the date",
            )


PASSED_GRACE = Option(
    "grace-days",
    0,
    "Days an event may stay expected after its latest possible day (while the news of it arrives).",
    minimum=0,
)


@check("expected-passed", Severity.WARNING, options=[PASSED_GRACE])
def _expected_passed(context: CheckContext) -> Iterator[Finding]:
    """An event is still `status: expected` though its latest possible day has passed.

    What was due by then has happened or not: record it (`status: confirmed` or
    `reported`, with the source that says so, and its real date), or record that
    it slipped (a later date, or a statement saying so). Until then every view
    shows a plan as if it were still ahead. Option `grace-days` waits that many
    days after the latest possible day.
    """
    today, grace = context.today, context.option(PASSED_GRACE)
    for index, event in enumerate(context.timeline.events):
        latest = event.date.latest
        if event.status is EventStatus.EXPECTED and latest < today and (today - latest).days > grace:
            yield Finding(
                ("events", index, "status"),
                f"event '{event.id}' is still expected, but its latest possible day ({event.date.latest.isoformat()}) "
                f"is before today ({context.today.isoformat()}); record what happened (status: confirmed or "
                "reported, with its source and date) or give the later date it slipped to",
            )


@check("source-predates-event")
def _source_predates_event(context: CheckContext) -> Iterator[Finding]:
    """An event cites a source published before the event happened.

    A source dated 2017-09-12 cannot report an event of 2019. Compared
    generously: the last day the source's date can mean against the first day
    the event's date can mean. Sources whose date has an open end are skipped,
    and so are events with `status: expected`, because forecasts are cited
    before they happen.
    """
    timeline = context.timeline
    # The last day of each source that is compared (a dated source without an open end), worked out once.
    latest = {
        source_id: source.date.latest
        for source_id, source in timeline.sources.items()
        if source.date is not None and source.date.end is not None
    }
    if not latest:
        return
    for index, event in enumerate(timeline.events):
        if event.status is EventStatus.EXPECTED:
            continue
        earliest = None
        for position, source_id in enumerate(event.sources):
            source_latest = latest.get(source_id)
            if source_latest is None:
                continue
            if earliest is None:
                earliest = event.date.earliest
            if source_latest < earliest:
                source = timeline.sources[source_id]
                yield Finding(
                    ("events", index, "sources", position),
                    f"source '{source_id}' is dated {source.date}, before event '{event.id}' ({event.date}) "
                    "that it is cited for",
                )


@check("undated-source", Severity.WARNING)
def _undated_source(context: CheckContext) -> Iterator[Finding]:
    """A source without a date is all that supports a milestone of the deal or its status.

    Every view states the deal's milestones (first talks, contract, first
    delivery, ...: `compare`, the strip of `show`, the charts) and its status,
    each derived from one event; `show --as-of` and `export --as-of` keep a
    source only from the day it was published. When every source an event
    cites has no `date:`, nothing tells when that fact became known, and
    `--as-of` can only mark the sources "undated: may be later". Add the
    source's publication date (EDTF, `2019-03` if only the month is known).

    Narrow on purpose: a source that shares its event with a dated one, and
    an event that gives neither a milestone nor the status (a later step, or
    a statement: words about a deal, which at most make it "announced"), are
    left alone; many real pages show no date, and the views mark them where
    they cite them.
    """
    timeline = context.timeline
    undated = {source_id for source_id, source in timeline.sources.items() if source.date is None}
    alone = [event for event in timeline.events if event.sources and undated.issuperset(event.sources)]
    if not alone:
        return  # the usual case: every event has a dated source (or cites none: unsourced-event says so)
    decisive = _decisive_ids(timeline)
    supported: dict[str, list[str]] = {}
    for event in alone:
        if event.id in decisive:
            for source_id in dict.fromkeys(event.sources):
                supported.setdefault(source_id, []).append(f"'{event.id}' ({event.date}: {decisive[event.id]})")
    for source_id in timeline.sources:
        if source_id in supported:
            events = supported[source_id]
            what = f"event {events[0]}" if len(events) == 1 else f"{len(events)} events: {', '.join(events)}"
            yield Finding(
                ("sources", source_id),
                f"source '{source_id}' has no date and is all that supports {what}; add its publication date ('date:')",
                at_key=True,
            )


def _decisive_ids(timeline: Timeline) -> dict[str, str]:
    """The ids of the events that give a milestone or the deal's status, with what they give."""
    from armsdeal.core.phases import MILESTONES, counts, milestones  # here: only a file with such an event needs them
    from armsdeal.core.status import status_at

    labels = {milestone.key: milestone.label for milestone in MILESTONES}
    given: dict[str, list[str]] = {}
    for key, event in milestones(timeline).items():
        if event is not None:
            given.setdefault(event.id, []).append(labels[key])
    now = status_at(timeline, date.max)
    if now.event is not None and now.status is not None and counts(now.event):
        given.setdefault(now.event.id, []).append(f"status ({now.status})")
    return {event_id: "the deal's " + _listed(what) for event_id, what in given.items()}


def _listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@check("events-out-of-order", Severity.WARNING)
def _events_out_of_order(context: CheckContext) -> Iterator[Finding]:
    """The events are not listed in chronological order in the file.

    `show` orders events by date anyway, but a file in that order is easier to
    review. The order is the one `show` uses (docs/format.md): earliest
    possible day (an open or unknown start counts by its end), then latest
    possible day, then the more precise date first. Reported once, at the
    first event listed after a later one.
    """
    latest_so_far: Event | None = None
    latest_key = None
    for index, event in enumerate(context.timeline.events):
        key = event.date.sort_key()  # once per event: building it is most of this rule's time
        if latest_so_far is not None and latest_key is not None and key < latest_key:
            yield Finding(
                ("events", index),
                f"event '{event.id}' ({event.date}) is listed after '{latest_so_far.id}' ({latest_so_far.date}); "
                "list events in date order",
            )
            return
        latest_so_far, latest_key = event, key


def _sort_key(event: Event) -> tuple[date, date, int]:
    return event.date.sort_key()
