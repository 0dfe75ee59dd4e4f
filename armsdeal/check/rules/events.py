"""Rules on the events and their own fields: that there are some, claims and titles."""

from __future__ import annotations

from collections.abc import Iterator

from armsdeal.check.rules.base import CheckContext, Finding, Option, check
from armsdeal.core.problems import Severity
from armsdeal.core.vocabulary import EventStatus


@check("no-events", Severity.WARNING)
def _no_events(context: CheckContext) -> Iterator[Finding]:
    """The timeline has no events yet.

    `armsdeal new` starts a timeline with `events: []`, which is valid so that
    the new file passes `check`; add the first event with `armsdeal add`.
    """
    if not context.timeline.events:
        yield Finding(("events",), "the timeline has no events yet; add one with 'armsdeal add'")


CLAIMANT_STATUSES = Option(
    "statuses",
    (EventStatus.CLAIMED.value, EventStatus.DISPUTED.value, EventStatus.DENIED.value),
    "The event statuses that need `claimed_by:`.",
    choices=tuple(status.value for status in EventStatus),
)


@check("claim-without-claimant", options=[CLAIMANT_STATUSES])
def _claim_without_claimant(context: CheckContext) -> Iterator[Finding]:
    """A claimed, disputed or denied event does not say who claims it (claimed_by:).

    Option `statuses` lists the statuses that need a claimant.
    """
    needs_claimant = context.option(CLAIMANT_STATUSES)
    for index, event in enumerate(context.timeline.events):
        if event.status in needs_claimant and not event.claimed_by:
            yield Finding(
                ("events", index, "status"),
                f"event '{event.id}' is {event.status} but has no claimed_by: saying who claims it",
            )


@check("empty-title")
def _empty_title(context: CheckContext) -> Iterator[Finding]:
    """A title holds only spaces or line breaks.

    Applies to the timeline, its events and its sources. An empty title ('')
    is already refused by the schema (invalid-value); this catches the ones
    that only look filled in.
    """
    timeline = context.timeline
    message = "the title is blank; write what happened in one line"
    if not timeline.title.strip():
        yield Finding(("title",), message)
    for index, event in enumerate(timeline.events):
        if not event.title.strip():
            yield Finding(("events", index, "title"), message)
    for source_id, source in timeline.sources.items():
        if not source.title.strip():
            yield Finding(("sources", source_id, "title"), message)
