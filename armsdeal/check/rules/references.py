"""Rules on references: sources, actors and related deals that events name, and entries nothing names."""

from __future__ import annotations

from collections.abc import Iterator

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
    for keys, actor_id in _actor_references(timeline):
        if actor_id not in defined:
            yield Finding(keys, f"actor '{actor_id}' is not defined in actors:{did_you_mean(actor_id, defined)}")


def _actor_references(timeline: Timeline) -> Iterator[tuple[Keys, str]]:
    if timeline.deal is not None:
        for role in ("supplier", "recipient"):
            actor_id = getattr(timeline.deal, role)
            if actor_id is not None:
                yield ("deal", role), actor_id
    for actor_id, actor in timeline.actors.items():
        if actor.of is not None:
            yield ("actors", actor_id, "of"), actor.of
    for index, event in enumerate(timeline.events):
        for role in ("actors", "claimed_by", "disputed_by"):
            for position, actor_id in enumerate(getattr(event, role)):
                yield ("events", index, role, position), actor_id


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
    # An actor that names itself in `of` is not used by that.
    named = {actor_id for keys, actor_id in _actor_references(timeline) if keys[:2] != ("actors", actor_id)}
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
