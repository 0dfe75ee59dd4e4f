"""Rules on dates: intervals, the future, sources and the order of events."""

from __future__ import annotations

from collections.abc import Iterator

from armsdeal.check.rules.base import CheckContext, Finding, Keys, check
from armsdeal.core.dates import EdtfDate
from armsdeal.core.model import Event, Timeline
from armsdeal.core.problems import Severity
from armsdeal.core.vocabulary import EventStatus


@check("interval-order")
def _interval_order(context: CheckContext) -> Iterator[Finding]:
    """A date interval ends before it starts, such as 2019-09/2019-08.

    Checked for event and source dates. An end of lower precision that can
    still overlap the start (2019-05/2019) is fine.
    """
    for keys, value in _dates(context.timeline):
        start, end = value.start, value.end
        if value.is_interval and start is not None and end is not None and end.latest < start.earliest:
            yield Finding(keys, f"the interval {value} ends before it starts")


def _dates(timeline: Timeline) -> Iterator[tuple[Keys, EdtfDate]]:
    for index, event in enumerate(timeline.events):
        yield ("events", index, "date"), event.date
    for source_id, source in timeline.sources.items():
        if source.date is not None:
            yield ("sources", source_id, "date"), source.date


@check("future-date")
def _future_date(context: CheckContext) -> Iterator[Finding]:
    """An event dated after today is not marked `status: expected`.

    Something that has not happened yet can only be scheduled or announced;
    say so with `status: expected`, or fix the date (often a typo in the year).
    """
    for index, event in enumerate(context.timeline.events):
        if event.status is not EventStatus.EXPECTED and event.date.earliest > context.today:
            yield Finding(
                ("events", index, "date"),
                f"event '{event.id}' is dated {event.date}, after today ({context.today.isoformat()}); "
                "mark it 'status: expected' or fix the date",
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
    for index, event in enumerate(timeline.events):
        if event.status is EventStatus.EXPECTED:
            continue
        for position, source_id in enumerate(event.sources):
            source = timeline.sources.get(source_id)
            if source is None or source.date is None or source.date.end is None:
                continue
            if source.date.latest < event.date.earliest:
                yield Finding(
                    ("events", index, "sources", position),
                    f"source '{source_id}' is dated {source.date}, before event '{event.id}' ({event.date}) "
                    "that it is cited for",
                )


@check("events-out-of-order", Severity.WARNING)
def _events_out_of_order(context: CheckContext) -> Iterator[Finding]:
    """The events are not listed in chronological order in the file.

    `show` orders events by date anyway, but a file in that order is easier to
    review. The order is the one `show` uses: earliest possible day, then the
    more precise date first. Reported once, at the first event listed after a
    later one.
    """
    latest_so_far: Event | None = None
    for index, event in enumerate(context.timeline.events):
        if latest_so_far is not None and event.date.sort_key() < latest_so_far.date.sort_key():
            yield Finding(
                ("events", index),
                f"event '{event.id}' ({event.date}) is listed after '{latest_so_far.id}' ({latest_so_far.date}); "
                "list events in date order",
            )
            return
        if latest_so_far is None or event.date.sort_key() >= latest_so_far.date.sort_key():
            latest_so_far = event
