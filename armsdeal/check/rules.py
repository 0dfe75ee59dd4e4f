"""The rule registry: every kind of problem armsdeal reports, by stable id.

Each rule's docstring is its user documentation (``armsdeal rules`` prints it).
Rules found while reading the file (syntax, encoding) or by the schema are
*declared* here so they are documented and can be ignored by id; rules that
look at a valid timeline are *checks*: functions yielding Findings.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from armsdeal.core.dates import EdtfDate
from armsdeal.core.model import Event, Timeline
from armsdeal.core.problems import Severity
from armsdeal.core.vocabulary import DealStatus, EventStatus, EventType

Keys = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check found and where, as a path into the data."""

    keys: Keys
    message: str
    at_key: bool = False


def today() -> date:
    """The day that dates are checked against (tests replace this function)."""
    return date.today()


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check may look at: the timeline, the name of its file, and today's date."""

    timeline: Timeline
    file_stem: str | None
    # Looked up when a context is made, so a test can monkeypatch rules.today.
    today: date = field(default_factory=lambda: today())


Check = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A kind of problem: its id, default severity, documentation and (for checks) the check."""

    id: str
    severity: Severity
    doc: str
    check: Check | None = None
    # A file that cannot be read is an I/O failure, not a finding one may silence.
    ignorable: bool = True

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


RULES: dict[str, Rule] = {}


def declare(rule_id: str, doc: str, severity: Severity = Severity.ERROR, *, ignorable: bool = True) -> None:
    """Register a rule whose problems another stage (loader, schema, checker) produces."""
    RULES[rule_id] = Rule(rule_id, severity, inspect.cleandoc(doc), ignorable=ignorable)


def check(rule_id: str, severity: Severity = Severity.ERROR) -> Callable[[Check], Check]:
    """Register a function as the check of a rule; its docstring documents the rule."""

    def register(function: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, severity, inspect.cleandoc(function.__doc__ or ""), function)
        return function

    return register


# Found while reading the file (loader.py).
declare("file-too-large", "The file is larger than the size cap (8 MiB).")
declare("byte-order-mark", "The file starts with a UTF-8 byte-order mark.", Severity.WARNING)
declare("encoding", "The file is not valid UTF-8.")
declare("empty-file", "The file holds no YAML document.")
declare("yaml-syntax", "The file is not valid YAML.")
declare("multiple-documents", "The file holds more than one YAML document.")
declare("yaml-alias", "The file uses YAML anchors or aliases, which can expand without bound.")
declare("duplicate-key", "A mapping has the same key twice; YAML keeps only one of them.")
declare(
    "file-unreadable",
    """A path cannot be read as a file: missing, a folder, not a regular file, or no permission.

    Reported at line 1, column 1 of the path. This is an input/output failure,
    so `armsdeal check` exits with code 2, and it cannot be ignored.
    """,
    ignorable=False,
)
# Found by the schema (validate.py maps pydantic's errors to these).
declare("not-a-mapping", "The file is a YAML list or scalar, not a mapping of fields.")
declare("missing-field", "A required field is missing.")
declare("unknown-field", "A field that the format does not have (often a typo).")
declare("wrong-type", "A field has the wrong type, e.g. a list where text is expected.")
declare("invalid-value", "A value is not one of the allowed values, or is out of range.")
declare("id-format", "An id is not kebab-case: lowercase letters, digits, single hyphens.")
declare("date-syntax", "A date is not an EDTF date of the supported subset.")
declare("url-format", "A URL is not an absolute http(s) URL.")

# Found by the checker across files (checker.py): they need more than one file.
declare(
    "related-unknown",
    """A `related:` id names no timeline among the checked files or in the file's folder.

    pre-commit passes only the changed files, so an id also resolves to a file
    `<id>.yaml` (or `.yml`) beside the timeline that names it.
    """,
)
declare(
    "duplicate-timeline-id",
    """Two checked files have the same timeline id.

    Names on the command line are ids, so only one of the two could ever be
    shown. Each file with the id is reported, naming another one.
    """,
)


@check("file-name")
def _file_name(context: CheckContext) -> Iterator[Finding]:
    """The timeline id differs from the file name without .yaml.

    Names on the command line are ids, so a file whose name differs from its
    id cannot be found by name.
    """
    stem = context.file_stem
    if stem is not None and context.timeline.id != stem:
        yield Finding(("id",), f"id '{context.timeline.id}' differs from the file name '{stem}'")


@check("duplicate-id")
def _duplicate_event_ids(context: CheckContext) -> Iterator[Finding]:
    """Two events have the same id.

    Event ids are how diffs and exports follow an event across versions.
    """
    seen: set[str] = set()
    for index, event in enumerate(context.timeline.events):
        if event.id in seen:
            yield Finding(("events", index, "id"), f"event id '{event.id}' is used twice")
        seen.add(event.id)


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
                    f"source '{source_id}' is not defined in sources:{_suggest(source_id, defined)}",
                )


@check("undefined-actor")
def _undefined_actor(context: CheckContext) -> Iterator[Finding]:
    """An event, the deal or another actor names an actor id not defined under actors:."""
    timeline = context.timeline
    defined = timeline.actors
    for keys, actor_id in _actor_references(timeline):
        if actor_id not in defined:
            yield Finding(keys, f"actor '{actor_id}' is not defined in actors:{_suggest(actor_id, defined)}")


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


@check("claim-without-claimant")
def _claim_without_claimant(context: CheckContext) -> Iterator[Finding]:
    """A claimed, disputed or denied event does not say who claims it (claimed_by:)."""
    needs_claimant = (EventStatus.CLAIMED, EventStatus.DISPUTED, EventStatus.DENIED)
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
    titled: list[tuple[Keys, str]] = [(("title",), timeline.title)]
    titled += [(("events", index, "title"), event.title) for index, event in enumerate(timeline.events)]
    titled += [(("sources", source_id, "title"), source.title) for source_id, source in timeline.sources.items()]
    for keys, title in titled:
        if not title.strip():
            yield Finding(keys, "the title is blank; write what happened in one line")


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


@check("delivered-exceeds-ordered")
def _delivered_exceeds_ordered(context: CheckContext) -> Iterator[Finding]:
    """The deal's delivered count is higher than its ordered count, in the same unit.

    Quantities in different units (battery, regiment) are not compared.
    """
    deal = context.timeline.deal
    if deal is None or deal.ordered is None or deal.delivered is None:
        return
    ordered, delivered = deal.ordered, deal.delivered
    if _same_unit(ordered.unit, delivered.unit) and delivered.count > ordered.count:
        yield Finding(
            ("deal", "delivered", "count"),
            f"delivered {delivered.count} {delivered.unit} but ordered only {ordered.count}",
        )


def _same_unit(first: str, second: str) -> bool:
    return first.strip().casefold() == second.strip().casefold()


@check("delivered-without-delivery-event")
def _delivered_without_delivery_event(context: CheckContext) -> Iterator[Finding]:
    """The deal has `status: delivered` but no event of type delivery.

    A reader of the timeline should be able to see when the delivery happened.
    Context events (`context: true`, `about:`) belong to other deals and do not count.
    """
    timeline = context.timeline
    deal = timeline.deal
    if deal is None or deal.status is not DealStatus.DELIVERED:
        return
    if not any(event.type is EventType.DELIVERY and not event.is_context for event in timeline.events):
        yield Finding(("deal", "status"), "the deal is delivered but none of its events has 'type: delivery'")


@check("delivery-before-contract", Severity.WARNING)
def _delivery_before_contract(context: CheckContext) -> Iterator[Finding]:
    """A delivery event is dated before the first contract or agreement event.

    Deliveries follow a contract; an earlier one is usually a wrong date or a
    missing contract event. Only a delivery that is certainly earlier (its last
    possible day before the contract's first possible day) is reported. Context
    events (`context: true`, `about:`) belong to other deals and are left out.
    """
    timeline = context.timeline
    agreements = [
        e for e in timeline.chronology if e.type in (EventType.CONTRACT, EventType.AGREEMENT) and not e.is_context
    ]
    if not agreements:
        return
    first = agreements[0]
    for index, event in enumerate(timeline.events):
        if event.type is EventType.DELIVERY and not event.is_context and event.date.latest < first.date.earliest:
            yield Finding(
                ("events", index, "date"),
                f"delivery '{event.id}' ({event.date}) is before the first {first.type} '{first.id}' ({first.date})",
            )


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


def _suggest(name: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


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
