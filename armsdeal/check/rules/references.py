"""Rules on references: sources, actors and related deals that events name, and entries nothing names."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from armsdeal.check.rules.base import CheckContext, Finding, Keys, check
from armsdeal.core.model import Timeline
from armsdeal.core.problems import Severity
from armsdeal.core.suggest import did_you_mean


@check("unsourced-event")
def _unsourced_event(context: CheckContext) -> Iterator[Finding]:
    """An event cites no source.

    Every event in a curated timeline must cite at least one source.
    """
    for index, event in enumerate(context.timeline.events):
        if not event.sources:
            yield Finding(("events", index), f"event '{event.id}' cites no source; add 'sources:'")


@check("undefined-source")
def _undefined_source(context: CheckContext) -> Iterator[Finding]:
    """An event cites a source id that is not defined under sources:."""
    defined = context.timeline.sources
    for index, event in enumerate(context.timeline.events):
        for position, source_id in enumerate(event.sources):
            if source_id not in defined:
                yield Finding(
                    ("events", index, "sources", position),
                    f"source '{source_id}' is not defined in sources:{did_you_mean(source_id, defined)}",
                )


@check("undefined-actor")
def _undefined_actor(context: CheckContext) -> Iterator[Finding]:
    """An event, the deal or another actor names an actor id not defined under actors:."""
    timeline = context.timeline
    defined = timeline.actors
    for keys, actor_id in _actor_references(timeline, defined):
        yield Finding(keys, f"actor '{actor_id}' is not defined in actors:{did_you_mean(actor_id, defined)}")


_EVENT_ROLES = ("actors", "claimed_by", "disputed_by")


def _actor_references(timeline: Timeline, defined: Collection[str]) -> Iterator[tuple[Keys, str]]:
    """Where an actor id not in ``defined`` is named, in file order: the deal, actors' `of`, events.

    Run for every file: the place is made only for an id that is not defined.
    """
    deal = timeline.deal
    if deal is not None:
        for role, actor_id in (("supplier", deal.supplier), ("recipient", deal.recipient)):
            if actor_id is not None and actor_id not in defined:
                yield ("deal", role), actor_id
    for actor_id, actor in timeline.actors.items():
        if actor.of is not None and actor.of not in defined:
            yield ("actors", actor_id, "of"), actor.of
    events = timeline.events
    named: set[str] = set()
    for event in events:
        named.update(event.actors, event.claimed_by, event.disputed_by)
    if all(actor_id in defined for actor_id in named):
        return  # every event names defined actors only (most files): no place to look for
    for index, event in enumerate(events):
        for role in _EVENT_ROLES:
            for position, actor_id in enumerate(getattr(event, role)):
                if actor_id not in defined:
                    yield ("events", index, role, position), actor_id


def _named_actors(timeline: Timeline) -> set[str]:
    """Every actor id named by the deal, another actor's `of` or an event."""
    named: set[str] = set()
    deal = timeline.deal
    if deal is not None:
        named.update(actor_id for actor_id in (deal.supplier, deal.recipient) if actor_id is not None)
    # An actor that names itself in `of` is not used by that.
    named.update(
        actor.of for actor_id, actor in timeline.actors.items() if actor.of is not None and actor.of != actor_id
    )
    for event in timeline.events:
        named.update(event.actors, event.claimed_by, event.disputed_by)
    return named


@check("unused-source", Severity.WARNING)
def _unused_source(context: CheckContext) -> Iterator[Finding]:
    """A source under sources: is cited by no event.

    Usually a citation was forgotten, or the source is left over from an
    event that was removed.
    """
    cited = {source_id for event in context.timeline.events for source_id in event.sources}
    for source_id in context.timeline.sources:
        if source_id not in cited:
            yield Finding(("sources", source_id), f"source '{source_id}' is not cited by any event", at_key=True)


@check("unused-actor", Severity.WARNING)
def _unused_actor(context: CheckContext) -> Iterator[Finding]:
    """An actor under actors: is named nowhere.

    An actor is used when an event (actors, claimed_by, disputed_by), the deal
    (supplier, recipient) or another actor's `of` names it.
    """
    timeline = context.timeline
    named = _named_actors(timeline)
    for actor_id in timeline.actors:
        if actor_id not in named:
            message = f"actor '{actor_id}' is not named by any event, the deal or another actor"
            yield Finding(("actors", actor_id), message, at_key=True)


@check("about-not-related")
def _about_not_related(context: CheckContext) -> Iterator[Finding]:
    """An event's `about:` names a timeline that is not listed in `related:`.

    `about:` says an event belongs to a related deal (it is shown as context and
    does not count towards this deal's phases), so that deal must be related.
    """
    related = set(context.timeline.related)
    for index, event in enumerate(context.timeline.events):
        if event.about is not None and event.about not in related:
            yield Finding(
                ("events", index, "about"),
                f"event '{event.id}' is about '{event.about}', which is not listed in related:",
            )
