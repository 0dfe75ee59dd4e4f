"""Deterministic synthetic timelines: N files x M events, using every field of the format.

Same arguments, same bytes. Each file depends only on the seed and its own
index, and `related:` names the other file of its pair (files 0 and 1, 2 and
3, ...; a collection has an even number of files), so the first 100 files of a
1,000-file collection *are* the 100-file collection (the scaling benchmark
relies on that) and a generated folder can be reused from its manifest.

Valid files pass every rule of `armsdeal check` without a single problem (no
warning either). A share of the files (spread evenly) carries exactly one
error each; the manifest names the rule each of them breaks.

    python -m benchmarks.generate collection OUT --files 1000 --events 100 --errors 0.05
    python -m benchmarks.generate pair OUT --events 10000      # OUT/old and OUT/new for diff
"""

from __future__ import annotations

import argparse
import copy
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from armsdeal.core.dates import Precision, parse_edtf
from armsdeal.core.model import Event
from armsdeal.core.vocabulary import ActorKind, DealStatus, EventStatus, EventType

# Part of every manifest: bump it whenever the output changes, so stale folders are regenerated.
GENERATOR_VERSION = 4
MANIFEST = "manifest.json"
# Events stay in the past: `future-date` reports non-expected events after today.
LAST_DAY = date(2023, 12, 31)

Data = dict[str, Any]
DateKey = tuple[date, date, int]  # EdtfDate.sort_key()

_STATES = {
    "russia": "Russia (Россия)",
    "turkey": "Türkiye",
    "usa": "United States",
    "india": "India (भारत)",
    "france": "France",
    "germany": "Germany",
    "china": "China (中国)",
    "brazil": "Brasil",
    "egypt": "Egypt (مصر)",
    "sweden": "Sweden",
    "greece": "Greece (Ελλάδα)",
    "japan": "Japan (日本)",
}
_SYSTEMS = [
    ("S-400 Triumf", "long-range surface-to-air missile system", "battery"),
    ("F-16 Block 70", "fighter aircraft", "aircraft"),
    ("Rafale F4", "multirole combat aircraft", "aircraft"),
    ("Leopard 2A7", "main battle tank", "tank"),
    ("HIMARS", "multiple rocket launcher", "launcher"),
    ("Gowind 2500", "corvette", "ship"),
    ("Patriot PAC-3", "surface-to-air missile system", "battery"),
]
_PLACES = ["Ankara", "Moscow", "Mürted Air Base", "Zhukovsky", "New Delhi", "São Paulo", "Le Bourget", "Cairo"]
_PUBLISHERS = ["Reuters", "TASS", "Hürriyet Daily News", "Defense News", "Le Monde", "The Hindu", "Anadolu Agency"]
_LANGUAGES = ["en", "ru", "tr", "fr", "de", "pt-BR", "ar"]
_TAGS = ["nato", "caatsa", "air-defence", "loan", "offset", "second-batch", "training"]
_VERBS = {
    EventType.NEGOTIATION: "hold talks on",
    EventType.AGREEMENT: "sign an intergovernmental agreement on",
    EventType.CONTRACT: "sign the contract for",
    EventType.PAYMENT: "pays an instalment for",
    EventType.DELIVERY: "receives a batch of",
    EventType.TEST: "test-fires",
    EventType.DEPLOYMENT: "deploys",
    EventType.REQUEST: "requests",
    EventType.OFFER: "offers",
    EventType.APPROVAL: "approves the sale of",
    EventType.SANCTION: "imposes sanctions over",
    EventType.SUSPENSION: "suspends work on",
    EventType.CANCELLATION: "cancels part of the order for",
    EventType.STATEMENT: "comments on",
}
_QUANTITY_TYPES = {EventType.CONTRACT, EventType.AGREEMENT, EventType.DELIVERY, EventType.OFFER, EventType.REQUEST}
_CLAIMS = (EventStatus.CLAIMED, EventStatus.DISPUTED, EventStatus.DENIED)
# Fields added to the format within version 1 are used once the model has them.
_EVENT_FIELDS = frozenset(Event.model_fields)
# Cited without a date (or with an open end), so any event may cite them.
_BACKGROUND = {
    "sipri-register": {
        "publisher": "SIPRI",
        "title": "Arms Transfers Database: trade register",
        "url": "https://example.org/sipri/trade-register",
        "note": "Register entries are revised every year.",
    },
    "ministry-archive": {
        "publisher": "Ministry press office",
        "title": "Press releases on procurement",
        "url": "https://example.org/ministry/press",
        "date": "2000/..",
        "language": "tr",
        "archive_url": "https://archive.example.org/ministry/press",
    },
}


def timeline(timeline_id: str, events: int, *, seed: int = 0, related: Sequence[str] = ()) -> Data:
    """The data of one valid timeline with `events` events (at least one)."""
    rng = random.Random(f"{seed}:{timeline_id}")
    builder = _Builder(rng, timeline_id, list(related))
    data: Data = {
        "id": timeline_id,
        "title": f"{builder.name(builder.recipient)} buys {builder.system} from {builder.name(builder.supplier)}",
        "summary": _paragraph(rng, builder),
    }
    shared = _shared_event(timeline_id, related) if related and events >= 2 else None
    regular = max(1, events - (shared is not None))
    event_list = [builder.event(index, regular) for index in range(regular)]
    if shared is not None:
        event_list.append(shared)
    builder.use_every_actor(event_list)
    data["deal"] = builder.deal(event_list)
    if related:
        data["related"] = list(related)
    data["actors"] = builder.actors
    data["sources"] = builder.cited_sources(event_list)
    data["events"] = event_list
    _status_not_behind(data)
    return data


# How far a deal has gone, by status: a status its events have gone past is a warning (status-contradicted).
_PROGRESS = {"announced": 0, "negotiating": 1, "signed": 2, "in-delivery": 3, "delivered": 4}


def _status_not_behind(data: Data) -> None:
    """The deal's status moved on to the one its events show (armsdeal's own derivation), where they went further."""
    from armsdeal.core.model import timeline_from_data
    from armsdeal.core.status import status_at

    deal = data["deal"]
    if deal["status"] not in ("announced", "negotiating", "signed"):
        return
    shown = status_at(timeline_from_data({**data, "deal": {**deal, "status": None}}), date.max).status
    if shown is not None and _PROGRESS.get(str(shown), 5) > _PROGRESS[deal["status"]]:
        deal["status"] = str(shown)


def _shared_event(timeline_id: str, related: Sequence[str]) -> Data:
    """The last event of both files of a pair: one real-world event recorded alike in both.

    The same id in two related timelines makes it one event for `event-conflict`,
    which compares the two; the second file of the pair also says so with `same_as`.
    """
    first = min(timeline_id, related[0])
    event: Data = {
        "id": f"talks-{first.removeprefix('deal-')}",
        "date": LAST_DAY.isoformat(),
        "type": str(EventType.STATEMENT),
        "title": "Both governments comment on the two deals",
        "sources": ["sipri-register"],
    }
    if timeline_id != first:
        event["same_as"] = f"{first}/{event['id']}"
    return event


@dataclass
class _Builder:
    """Keeps what the events of one timeline share: actors, sources, the date cursor."""

    rng: random.Random
    timeline_id: str
    related: list[str]
    actors: Data = field(default_factory=dict)
    sources: Data = field(default_factory=dict)
    last_key: DateKey = (date.min, date.min, -Precision.DAY)

    def __post_init__(self) -> None:
        rng = self.rng
        self.supplier, self.recipient = rng.sample(sorted(_STATES), 2)
        self.system, self.category, self.unit = rng.choice(_SYSTEMS)
        supplier, recipient = self.supplier, self.recipient
        # One actor of every kind, linked by `of` as curators do.
        self.actors = {
            supplier: {"name": _STATES[supplier], "kind": str(ActorKind.STATE)},
            recipient: {"name": _STATES[recipient], "kind": str(ActorKind.STATE)},
            f"{recipient}-government": {
                "name": f"Government of {_STATES[recipient]}",
                "kind": "government",
                "of": recipient,
            },
            f"{recipient}-procurement": {
                "name": "Defence procurement agency",
                "kind": "agency",
                "of": f"{recipient}-government",
                "note": "Buys for all three services.",
            },
            f"{supplier}-maker": {"name": f"{self.system.split()[0]} Industries", "kind": "company", "of": supplier},
            f"{recipient}-minister": {
                "name": rng.choice(["Hulusi Akar", "Rajnath Singh", "Florence Parly"]),
                "kind": "person",
                "of": f"{recipient}-government",
                "note": "Defence minister",
            },
            f"{recipient}-parliament": {"name": "National Assembly", "kind": "legislature", "of": recipient},
            f"{recipient}-air-force": {"name": "Air Force", "kind": "military", "of": recipient},
            "pact": {"name": "Regional Defence Pact", "kind": "alliance"},
            "monitor": {"name": "Arms Trade Monitor", "kind": "organisation", "note": "An NGO."},
        }
        assert {a["kind"] for a in self.actors.values()} == {str(kind) for kind in ActorKind}
        self.sources = copy.deepcopy(_BACKGROUND)
        # Spread events over the years before LAST_DAY, about a month apart for short timelines.
        start = date(1950 + rng.randrange(10), rng.randrange(1, 13), rng.randrange(1, 29))
        self.cursor = start
        self.span = (LAST_DAY - start).days

    def name(self, actor_id: str) -> str:
        return str(self.actors[actor_id]["name"])

    def event(self, index: int, count: int) -> Data:
        rng = self.rng
        self.cursor += timedelta(days=rng.randint(0, max(1, min(60, 2 * self.span // max(count, 1)) - 1)))
        self.cursor = min(self.cursor, LAST_DAY)
        event_type = _event_type(rng, index)
        when = self._date(index)
        actors = rng.sample(sorted(self.actors), rng.randint(1, 3))
        event: Data = {
            # Unique across the collection: an id shared with a related file would be one event (event-conflict).
            "id": f"{event_type}-{self.timeline_id.removeprefix('deal-')}-{index + 1}",
            "date": when,
            "type": str(event_type),
            "title": f"{self.name(actors[0])} {_VERBS[event_type]} the {self.system}",
            "actors": actors,
            "sources": self._cite(index, when),
        }
        _add_status(rng, event, sorted(self.actors))
        if event_type in _QUANTITY_TYPES and rng.random() < 0.6:
            event["quantity"] = _quantity(rng, self.unit)
        if rng.random() < 0.3:
            event["location"] = rng.choice(_PLACES)
        if rng.random() < 0.25:
            event["note"] = rng.choice(
                [
                    "Sources disagree on the day.",
                    "Reported by one agency only; the ministry did not comment.\nLater reports repeat it.",
                    "Der Vertrag wurde laut Presse im Frühjahr unterzeichnet.",
                ]
            )
        if rng.random() < 0.3:
            event["tags"] = rng.sample(_TAGS, rng.randint(1, 2))
        if event_type is EventType.STATEMENT and rng.random() < 0.5:
            # Background (`context`), or an event of a related deal (`about`), which implies it.
            if self.related and "about" in _EVENT_FIELDS and rng.random() < 0.5:
                event["about"] = rng.choice(self.related)
            elif "context" in _EVENT_FIELDS:
                event["context"] = True
        return event

    def _date(self, index: int) -> str | int:
        """A date of a random EDTF form that keeps the events in chronological order."""
        rng, day = self.rng, self.cursor
        forms: list[str | int] = [
            f"{day:%Y-%m-%d}",
            f"{day:%Y-%m-%d}~",
            f"{day:%Y-%m-%d}?",
            f"{day:%Y-%m}",
            f"{day:%Y-%m}~",
            f"{day:%Y-%m}?",
            f"{day:%Y}%",
            day.year,
            f"{day:%Y-%m-%d}/{day + timedelta(days=rng.randint(1, 40)):%Y-%m-%d}",
            f"{day:%Y-%m}/{min(day + timedelta(days=40), LAST_DAY):%Y-%m}",
            f"{day:%Y-%m}/..",
        ]
        weights = [50, 5, 5, 10, 3, 3, 2, 4, 8, 4, 2]
        chosen = "../" + str(day.year) if index == 0 and rng.random() < 0.2 else rng.choices(forms, weights)[0]
        for candidate in (chosen, f"{day:%Y-%m-%d}"):
            key = parse_edtf(str(candidate)).sort_key()
            if key >= self.last_key:
                self.last_key = key
                return candidate
        # Only after a coarse date that starts today: move on a day, which is always later.
        self.cursor = day = day + timedelta(days=1)
        self.last_key = (day, day, -Precision.DAY)
        return f"{day:%Y-%m-%d}"

    def _cite(self, index: int, when: str | int) -> list[str]:
        """A new source published on or after the event, and sometimes a background one."""
        rng = self.rng
        cited = []
        if rng.random() < 0.5:
            source_id = f"source-{index + 1}"
            earliest = parse_edtf(str(when)).earliest
            published = max(earliest, date(1950, 1, 1)) + timedelta(days=rng.randint(0, 10))
            source: Data = {
                "publisher": rng.choice(_PUBLISHERS),
                "title": f"Report {index + 1} on the {self.system} deal",
                "url": f"https://example.org/{self.timeline_id}/{index + 1}",
                "date": f"{published:%Y-%m-%d}" if rng.random() < 0.8 else f"{published:%Y-%m}",
            }
            if rng.random() < 0.5:
                source["language"] = rng.choice(_LANGUAGES)
            if rng.random() < 0.2:
                source["via"] = "Reuters"
            if rng.random() < 0.2:
                source["archive_url"] = f"https://archive.example.org/{self.timeline_id}/{index + 1}"
            if rng.random() < 0.1:
                source["note"] = "Paywalled; quoted by other outlets."
            self.sources[source_id] = source
            cited.append(source_id)
        if not cited or rng.random() < 0.2:
            background = rng.choice(sorted(_BACKGROUND))
            # Alone, the undated register could be all that supports a milestone (undated-source): the dated one.
            cited.append(background if cited else "ministry-archive")
        return cited

    def use_every_actor(self, events: list[Data]) -> None:
        """Name every actor somewhere, so that no `unused-actor` warning is due."""
        named = {self.supplier, self.recipient}
        named |= {actor["of"] for actor in self.actors.values() if "of" in actor}
        for event in events:
            for role in ("actors", "claimed_by", "disputed_by"):
                named.update(event.get(role, ()))
        unused = [actor_id for actor_id in self.actors if actor_id not in named]
        if unused:
            events[-1]["actors"] = [*events[-1].get("actors", ()), *unused]

    def cited_sources(self, events: list[Data]) -> Data:
        cited = {source_id for event in events for source_id in event["sources"]}
        return {source_id: source for source_id, source in self.sources.items() if source_id in cited}

    def deal(self, events: list[Data]) -> Data:
        rng = self.rng
        ordered = rng.randint(2, 48)
        delivered = any(event["type"] == EventType.DELIVERY for event in events)
        # What the rule status-contradicted counts: confirmed or reported events.
        counted = {event["type"] for event in events if event.get("status", "confirmed") in ("confirmed", "reported")}
        statuses = _consistent_statuses(counted, delivered=delivered)
        return {
            "supplier": self.supplier,
            "recipient": self.recipient,
            "system": self.system,
            "category": self.category,
            "ordered": {
                "count": ordered,
                "unit": self.unit,
                "approximate": rng.random() < 0.3,
                "note": "Counts differ between sources.",
            },
            "delivered": {"count": rng.randint(0, ordered), "unit": self.unit},
            "value": {
                "amount": rng.randrange(50, 5000) * 1_000_000,
                "currency": rng.choice(["USD", "EUR", "RUB"]),
                "approximate": True,
                "note": "As reported; not confirmed by the parties.",
            },
            "status": str(rng.choice(statuses)),
            "note": "Synthetic deal generated for benchmarks.",
        }


def _consistent_statuses(types: set[str], *, delivered: bool) -> list[DealStatus]:
    """The deal statuses its events do not contradict (the rule status-contradicted): real curated data."""
    statuses = [s for s in DealStatus if s is not DealStatus.DELIVERED or delivered]
    if EventType.CANCELLATION not in types:
        statuses.remove(DealStatus.CANCELLED)
    elif DealStatus.IN_DELIVERY in statuses:
        statuses.remove(DealStatus.IN_DELIVERY)
    if not types & {EventType.SUSPENSION, EventType.CANCELLATION} and DealStatus.SUSPENDED in statuses:
        statuses.remove(DealStatus.SUSPENDED)
    return statuses


def _event_type(rng: random.Random, index: int) -> EventType:
    # The first event is a contract or agreement, so no delivery ever precedes one.
    if index == 0:
        return rng.choice([EventType.CONTRACT, EventType.AGREEMENT])
    return rng.choice(list(EventType))


def _add_status(rng: random.Random, event: Data, actor_ids: list[str]) -> None:
    # No `expected` event: every generated event is in the past, where `expected-passed` would warn.
    status = rng.choices(list(EventStatus), [70, 18, 5, 4, 3, 0])[0]
    if status is EventStatus.CONFIRMED and rng.random() < 0.5:
        return  # the default, written or not
    event["status"] = str(status)
    if status in _CLAIMS:
        event["claimed_by"] = [rng.choice(actor_ids)]
    if status in (EventStatus.DISPUTED, EventStatus.DENIED):
        event["disputed_by"] = [rng.choice(actor_ids)]


def _quantity(rng: random.Random, unit: str) -> Data:
    quantity: Data = {"count": rng.randint(1, 24), "unit": unit}
    if rng.random() < 0.3:
        quantity["approximate"] = True
    if rng.random() < 0.2:
        quantity["note"] = "Two sources give a higher number."
    return quantity


def _paragraph(rng: random.Random, builder: _Builder) -> str:
    sentences = [
        f"{builder.name(builder.recipient)} ordered the {builder.system} ({builder.category}) "
        f"from {builder.name(builder.supplier)}.",
        "Deliveries were delayed and the price was disputed.",
        "The deal drew sanctions from third countries, and both sides' accounts differ.",
        "Die Lieferung erfolgte in mehreren Tranchen.",
    ]
    return " ".join(rng.sample(sentences, 3))


class _Dumper(yaml.CSafeDumper):
    """As curators write: block mappings, but short ones (an actor, a quantity) and lists of ids in flow style."""


class _Flow(dict[str, Any]):
    """A mapping written on one line: `turkey: {name: Turkey, kind: state}`."""


def _flow_mapping(dumper: _Dumper, value: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)


def _flow_list(dumper: _Dumper, value: list[Any]) -> yaml.Node:
    flow = all(isinstance(item, str | int) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(list, _flow_list)
_Dumper.add_representer(_Flow, _flow_mapping)


def dump(data: Data) -> str:
    """The YAML text of a timeline."""
    data = copy.deepcopy(data)
    data["actors"] = {key: _Flow(actor) for key, actor in data["actors"].items()}
    for event in data["events"]:
        if "quantity" in event:
            event["quantity"] = _Flow(event["quantity"])
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    return text


# ---------------------------------------------------------------- errors


@dataclass(frozen=True)
class _Error:
    rule: str
    apply: Callable[[Data, str], str | None]  # mutates the data, or returns the file's new text


def _middle(data: Data) -> Data:
    event: Data = data["events"][len(data["events"]) // 2]
    return event


def _set(key: str, value: Any) -> Callable[[Data, str], None]:
    def apply(data: Data, _text: str) -> None:
        _middle(data)[key] = value

    return apply


def _drop_claimant(data: Data, _text: str) -> None:
    event = _middle(data)
    event["status"] = "claimed"
    event.pop("claimed_by", None)


def _typo(data: Data, _text: str) -> None:
    event = _middle(data)
    event["sorces"] = list(event["sources"])  # a copy: a shared list would be dumped as an alias


def _drop_title(data: Data, _text: str) -> None:
    del _middle(data)["title"]


def _unclosed_list(data: Data, text: str) -> str:
    line = f"- id: {_middle(data)['id']}\n"
    return text.replace(line, f"- id: [{_middle(data)['id']}\n", 1)


def _duplicate_key(data: Data, text: str) -> str:
    line = f"- id: {_middle(data)['id']}\n"
    return text.replace(line, line + f"  id: {_middle(data)['id']}\n", 1)


ERRORS: dict[str, _Error] = {
    "unknown-field": _Error("unknown-field", _typo),
    "bad-date": _Error("date-syntax", _set("date", "2019-13-01")),
    "undefined-source": _Error("undefined-source", lambda data, _t: _middle(data)["sources"].append("no-such-source")),
    "wrong-type": _Error("wrong-type", _set("title", ["not", "a", "line"])),
    "bad-type": _Error("invalid-value", _set("type", "purchase")),
    "bad-id": _Error("id-format", _set("id", "Event_One")),
    "missing-title": _Error("missing-field", _drop_title),
    "claim-without-claimant": _Error("claim-without-claimant", _drop_claimant),
    "yaml-syntax": _Error("yaml-syntax", _unclosed_list),
    "duplicate-key": _Error("duplicate-key", _duplicate_key),
}


def has_error(index: int, share: float) -> bool:
    """Whether file `index` carries an error: exactly round-down(n * share) of the first n files do."""
    return int((index + 1) * share) > int(index * share)


def _text_with_error(timeline_id: str, data: Data, error: str) -> str:
    apply = ERRORS[error].apply
    text = dump(data)
    changed = apply(data, text)
    if changed is None:
        return dump(data)
    if changed == text:
        raise AssertionError(f"{timeline_id}: could not inject {error}")
    return changed


# ---------------------------------------------------------------- collections and pairs


@dataclass(frozen=True)
class Collection:
    """A generated folder and, for each file with an error, the rule it breaks."""

    directory: Path
    files: list[Path]
    errors: dict[str, str]


def file_id(index: int) -> str:
    return f"deal-{index + 1:05d}"


def collection(directory: Path, *, files: int, events: int, error_share: float = 0.0, seed: int = 0) -> Collection:
    """Write (or reuse) `files` timelines of `events` events each into `directory`."""
    if files % 2:
        raise ValueError("a collection has an even number of files: related timelines come in pairs")
    params = {
        "version": GENERATOR_VERSION,
        "kind": "collection",
        "files": files,
        "events": events,
        "error_share": error_share,
        "seed": seed,
    }
    manifest = directory / MANIFEST
    kinds = sorted(ERRORS)
    paths = [directory / f"{file_id(index)}.yaml" for index in range(files)]
    if _reusable(manifest, params, paths):
        return Collection(directory, paths, json.loads(manifest.read_text(encoding="utf-8"))["errors"])
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.yaml"):
        stale.unlink()
    errors: dict[str, str] = {}
    for index, path in enumerate(paths):
        timeline_id = file_id(index)
        related = [file_id(index ^ 1)]  # pairs that name each other, as related timelines must
        data = timeline(timeline_id, events, seed=seed, related=related)
        if has_error(index, error_share):
            kind = kinds[int((index + 1) * error_share) % len(kinds)]
            text = _text_with_error(timeline_id, data, kind)
            errors[path.name] = ERRORS[kind].rule
        else:
            text = dump(data)
        path.write_text(text, encoding="utf-8")
    manifest.write_text(json.dumps({**params, "errors": errors}, indent=1), encoding="utf-8")
    return Collection(directory, paths, errors)


def _reusable(manifest: Path, params: dict[str, Any], paths: list[Path]) -> bool:
    if not manifest.is_file():
        return False
    stored = json.loads(manifest.read_text(encoding="utf-8"))
    return all(stored.get(key) == value for key, value in params.items()) and all(p.is_file() for p in paths)


def revise(data: Data, *, seed: int = 0, share: float = 0.03) -> Data:
    """A later version of a timeline: some events removed, changed and added, in date order still."""
    rng = random.Random(f"{seed}:revise:{data['id']}")
    revised = copy.deepcopy(data)
    events: list[Data] = revised["events"]
    count = max(1, int(len(events) * share / 3))
    # Never the first event (the contract) nor a delivery (a delivered deal needs one).
    removable = [i for i, e in enumerate(events) if i > 0 and e["type"] != EventType.DELIVERY]
    removed = set(rng.sample(removable, min(count, len(removable))))
    for index in rng.sample(range(len(events)), min(count, len(events))):
        event = events[index]
        event["title"] += " (revised)"
        event["note"] = "Updated after new reporting."
    kept: list[Data] = []
    added = set(rng.sample(range(len(events)), min(count, len(events))))
    for index, event in enumerate(events):
        if index in removed:
            continue
        kept.append(event)
        if index in added:
            # Same date as its neighbour: the order stays chronological.
            kept.append(
                {
                    "id": f"{event['id']}-update",
                    "date": event["date"],
                    "type": "statement",
                    "title": "A party comments on the new reports",
                    "actors": [revised["deal"]["recipient"]],
                    "sources": ["sipri-register"],
                }
            )
    revised["events"] = kept
    revised["deal"]["note"] = "Revised after new reporting."
    revised["sources"] = {**copy.deepcopy(_BACKGROUND), **data["sources"]}
    builder_actors = revised["actors"]
    named = {revised["deal"]["supplier"], revised["deal"]["recipient"]}
    named |= {actor["of"] for actor in builder_actors.values() if "of" in actor}
    for event in kept:
        for role in ("actors", "claimed_by", "disputed_by"):
            named.update(event.get(role, ()))
    unused = [actor_id for actor_id in builder_actors if actor_id not in named]
    if unused:
        kept[-1]["actors"] = [*kept[-1]["actors"], *unused]
    cited = {source_id for event in kept for source_id in event["sources"]}
    revised["sources"] = {key: value for key, value in revised["sources"].items() if key in cited}
    return revised


def pair(directory: Path, *, events: int, seed: int = 0) -> tuple[Path, Path]:
    """Two versions of one timeline of `events` events: directory/old/<id>.yaml and directory/new/<id>.yaml."""
    timeline_id = f"large-{events}"
    old, new = directory / "old" / f"{timeline_id}.yaml", directory / "new" / f"{timeline_id}.yaml"
    params = {"version": GENERATOR_VERSION, "kind": "pair", "events": events, "seed": seed}
    manifest = directory / MANIFEST
    if _reusable(manifest, params, [old, new]):
        return old, new
    data = timeline(timeline_id, events, seed=seed)
    for path, content in ((old, data), (new, revise(data, seed=seed))):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(content), encoding="utf-8")
    manifest.write_text(json.dumps({**params, "errors": {}}, indent=1), encoding="utf-8")
    return old, new


def _events_for(target_bytes: int, *, seed: int) -> int:
    """How many events make a dumped timeline about `target_bytes` long."""
    sample = 200
    per_event = len(dump(timeline("sample", sample, seed=seed)).encode("utf-8")) / sample
    return max(1, round(target_bytes / per_event))


def many_problems(directory: Path, *, size: int, problems: int, seed: int = 0) -> tuple[Path, Path]:
    """A timeline of about `size` bytes with exactly `problems` problems, and a valid one of the same size.

    The problems are a third each (the rest to the first): unknown top-level
    fields, duplicate `title:` keys and `related:` ids of no timeline; valid
    events fill the file up to `size`. Returns (problems file, valid file).
    """
    bad, good = directory / "problems.yaml", directory / "valid" / "valid.yaml"
    params = {"version": GENERATOR_VERSION, "kind": "many-problems", "size": size, "problems": problems, "seed": seed}
    manifest = directory / MANIFEST
    if _reusable(manifest, params, [bad, good]):
        return bad, good
    third = problems // 3
    unknown, duplicates, related = problems - 2 * third, third, third
    tail = "".join(f"unknown-field-{index:06d}: 1\n" for index in range(unknown))
    tail += "title: again\n" * duplicates
    tail += "related: [" + ", ".join(f"no-such-deal-{index:06d}" for index in range(related)) + "]\n"
    head = dump(timeline("problems", _events_for(size - len(tail), seed=seed), seed=seed))
    good.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text(head + tail, encoding="utf-8")
    good.write_text(dump(timeline("valid", _events_for(size, seed=seed), seed=seed)), encoding="utf-8")
    manifest.write_text(json.dumps({**params, "errors": {}}, indent=1), encoding="utf-8")
    return bad, good


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    many = commands.add_parser("collection", help="N files x M events")
    many.add_argument("directory", type=Path)
    many.add_argument("--files", type=int, default=100)
    many.add_argument("--events", type=int, default=100)
    many.add_argument("--errors", type=float, default=0.0, help="share of files with one error (0 to 1)")
    many.add_argument("--seed", type=int, default=0)
    two = commands.add_parser("pair", help="two versions of one large timeline, for diff")
    two.add_argument("directory", type=Path)
    two.add_argument("--events", type=int, default=10_000)
    two.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.command == "collection":
        made = collection(args.directory, files=args.files, events=args.events, error_share=args.errors, seed=args.seed)
        print(f"{len(made.files)} files in {made.directory}, {len(made.errors)} with an error")
    else:
        old, new = pair(args.directory, events=args.events, seed=args.seed)
        print(f"{old}\n{new}")


if __name__ == "__main__":
    main()
