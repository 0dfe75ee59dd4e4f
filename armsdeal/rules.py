"""The rule registry: every kind of problem armsdeal reports, by stable id.

Each rule's docstring is its user documentation (``armsdeal rules`` prints it).
Rules found while reading the file (syntax, encoding) or by the schema are
*declared* here so they are documented and can be ignored by id; rules that
look at a valid timeline are *checks*: functions yielding Findings.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from armsdeal.model import Timeline
from armsdeal.problems import Severity
from armsdeal.vocabulary import EventStatus

Keys = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check found and where, as a path into the data."""

    keys: Keys
    message: str
    at_key: bool = False


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check may look at: the timeline and the name of its file."""

    timeline: Timeline
    file_stem: str | None


Check = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    doc: str
    check: Check | None = None

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


RULES: dict[str, Rule] = {}


def declare(rule_id: str, doc: str, severity: Severity = Severity.ERROR) -> None:
    """Register a rule whose problems another stage (loader, schema) produces."""
    RULES[rule_id] = Rule(rule_id, severity, inspect.cleandoc(doc))


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
# Found by the schema (validate.py maps pydantic's errors to these).
declare("not-a-mapping", "The file is a YAML list or scalar, not a mapping of fields.")
declare("missing-field", "A required field is missing.")
declare("unknown-field", "A field that the format does not have (often a typo).")
declare("wrong-type", "A field has the wrong type, e.g. a list where text is expected.")
declare("invalid-value", "A value is not one of the allowed values, or is out of range.")
declare("id-format", "An id is not kebab-case: lowercase letters, digits, single hyphens.")
declare("date-syntax", "A date is not an EDTF date of the supported subset.")
declare("url-format", "A URL is not an absolute http(s) URL.")


@check("file-name")
def _file_name(context: CheckContext) -> Iterator[Finding]:
    """The timeline id equals the file name without .yaml.

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


def _suggest(name: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
