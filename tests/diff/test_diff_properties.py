"""Invariants of the diff on generated variations of a timeline (hypothesis).

diff(a, a) is empty; diff(a, b) and diff(b, a) mirror each other (added <->
removed, before <-> after, refined <-> coarsened, later <-> earlier); the file
order of entries never matters.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from armsdeal.check.validate import load_timeline
from armsdeal.core.dates import parse_edtf
from armsdeal.core.model import Actor, Event, Quantity, Source, Timeline
from armsdeal.core.vocabulary import ActorKind, DealStatus, EventStatus, EventType
from armsdeal.diff.engine import (
    DateChange,
    DateChangeKind,
    Direction,
    FieldChange,
    ItemDiff,
    ListChange,
    Status,
    TimelineDiff,
    ValueChange,
    diff_timelines,
)

BASE = load_timeline(DATA / "diff" / "base" / "deal.yaml")
DATES = [
    "2018",
    "2018~",
    "2019",
    "2019-03",
    "2019-03-01",
    "2019-06-01",
    "2019-03/2019-05",
    "../2019",
    "2020-01-15",
    "2020",
    "2020-06-15",
    "2020-06-25",
]
IDS = ["alpha", "beta", "gamma", "delta"]
TITLES = ["Contract signed for four Sky Shield batteries", "First battery delivered", "Another title"]
NOTES = [None, "A note.", "A much longer note that goes on for more than sixty characters, so it is word-diffed."]

dates = st.sampled_from(DATES).map(parse_edtf)
id_lists = st.lists(st.sampled_from(IDS), max_size=3)


@st.composite
def events(draw: st.DrawFn) -> list[Event]:
    """The base events, each possibly changed or renamed, some dropped, some new; shuffled."""
    result: list[Event] = []
    for event in BASE.events:
        if draw(st.booleans()) and draw(st.booleans()):
            continue
        update: dict[str, Any] = {}
        if draw(st.booleans()):
            update["date"] = draw(dates)
        if draw(st.booleans()):
            update["status"] = draw(st.sampled_from(EventStatus))
        if draw(st.booleans()):
            update["title"] = draw(st.sampled_from(TITLES))
        if draw(st.booleans()):
            update["sources"] = draw(id_lists)
        if draw(st.booleans()):
            update["tags"] = draw(id_lists)
        if draw(st.booleans()):
            update["note"] = draw(st.sampled_from(NOTES))
        if draw(st.booleans()):
            update["quantity"] = draw(st.none() | st.builds(Quantity, count=st.integers(0, 9), unit=st.just("battery")))
        if draw(st.booleans()):
            update["id"] = f"{event.id}-{draw(st.sampled_from(IDS))}"
        result.append(event.model_copy(update=update))
    for number in range(draw(st.integers(0, 3))):
        # Copies under other ids: several entries of one identity make rename pairing non-trivial.
        original = draw(st.sampled_from(BASE.events))
        result.append(original.model_copy(update={"id": f"copy-{number}-{draw(st.sampled_from(IDS))}"}))
    for number in range(draw(st.integers(0, 2))):
        result.append(
            Event(
                id=f"new-{number}",
                date=draw(dates),
                type=draw(st.sampled_from(EventType)),
                title=draw(st.sampled_from(TITLES)),
                sources=draw(id_lists),
            )
        )
    return draw(st.permutations(result))


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    sources = {key: value for key, value in BASE.sources.items() if draw(st.booleans()) or draw(st.booleans())}
    if draw(st.booleans()):
        sources["alpha"] = Source(publisher="P", title=draw(st.sampled_from(TITLES)), url="https://example.org/alpha")
    if draw(st.booleans()):
        sources["beta"] = Source(
            publisher="P", title="T", url="https://example.org/2020/gazette", date=draw(st.none() | dates)
        )
    actors = dict(BASE.actors)
    if draw(st.booleans()):
        actors.pop("acme")
    if draw(st.booleans()):
        actors[draw(st.sampled_from(IDS))] = Actor(name="Acme Missiles", kind=draw(st.sampled_from(ActorKind)))
    deal = BASE.deal
    assert deal is not None
    if draw(st.booleans()):
        deal = deal.model_copy(
            update={"status": draw(st.sampled_from(DealStatus)), "ordered": draw(st.none() | st.just(deal.ordered))}
        )
    update = {
        "events": draw(events()),
        "sources": dict(draw(st.permutations(list(sources.items())))),
        "actors": dict(draw(st.permutations(list(actors.items())))),
        "deal": draw(st.none() | st.just(deal)),
        "related": draw(id_lists),
        "summary": draw(st.sampled_from([BASE.summary, None, (BASE.summary or "").replace("says", "claims")])),
    }
    return BASE.model_copy(update=update)


def reversed_change(change: FieldChange) -> FieldChange:
    if isinstance(change, ListChange):
        return ListChange(change.field, added=change.removed, removed=change.added)
    if isinstance(change, DateChange):
        swap = {DateChangeKind.REFINED: DateChangeKind.COARSENED, DateChangeKind.COARSENED: DateChangeKind.REFINED}
        direction = {Direction.LATER: Direction.EARLIER, Direction.EARLIER: Direction.LATER}
        return DateChange(
            change.field,
            change.after,
            change.before,
            swap.get(change.kind, change.kind),
            change.shift,
            direction.get(change.direction) if change.direction else None,
        )  # type: ignore[arg-type]
    return ValueChange(change.field, change.after, change.before)


def reversed_item(entry: ItemDiff) -> ItemDiff:
    statuses = {Status.ADDED: Status.REMOVED, Status.REMOVED: Status.ADDED}
    changes = tuple(reversed_change(change) for change in entry.changes)
    if entry.status is Status.RENAMED:
        assert entry.old_id is not None
        return replace(entry, id=entry.old_id, old_id=entry.id, changes=changes)
    return replace(entry, status=statuses.get(entry.status, entry.status), changes=changes)


def shape(diff: TimelineDiff) -> tuple[object, ...]:
    """What a diff says, without the reading context (dates, labels, order) that comes from one side."""

    def items(entries: tuple[ItemDiff, ...]) -> frozenset[object]:
        return frozenset((e.kind, e.id, e.status, e.old_id, e.changes) for e in entries)

    return (diff.status, frozenset(diff.fields), items(diff.events), items(diff.sources), items(diff.actors))


def mirror(diff: TimelineDiff) -> tuple[object, ...]:
    return shape(
        replace(
            diff,
            fields=tuple(reversed_change(change) for change in diff.fields),
            events=tuple(map(reversed_item, diff.events)),
            sources=tuple(map(reversed_item, diff.sources)),
            actors=tuple(map(reversed_item, diff.actors)),
        )
    )


@settings(max_examples=150, deadline=None)
@given(timelines())
def test_a_timeline_against_itself_is_empty(timeline: Timeline) -> None:
    assert diff_timelines(timeline, timeline).is_empty


@settings(max_examples=150, deadline=None)
@given(timelines(), timelines())
def test_diff_and_its_reverse_mirror_each_other(old: Timeline, new: Timeline) -> None:
    forward, backward = diff_timelines(old, new), diff_timelines(new, old)
    assert mirror(forward) == shape(backward)
    assert forward.stat().total == backward.stat().total


@settings(max_examples=100, deadline=None)
@given(timelines(), st.randoms(use_true_random=False))
def test_file_order_is_never_a_change(timeline: Timeline, random: Any) -> None:
    events = list(timeline.events)
    random.shuffle(events)
    sources = list(timeline.sources.items())
    random.shuffle(sources)
    shuffled = timeline.model_copy(update={"events": events, "sources": dict(sources)})
    assert diff_timelines(timeline, shuffled).is_empty


@settings(max_examples=100, deadline=None)
@given(timelines(), timelines())
def test_a_diff_is_empty_exactly_when_the_timelines_mean_the_same(old: Timeline, new: Timeline) -> None:
    """Checked against a plain comparison of the models with entries keyed by id and lists as sorted lists."""

    def meaning(timeline: Timeline) -> object:
        data = timeline.model_dump(mode="json", exclude={"events"})
        data["summary"] = " ".join((timeline.summary or "").split()) or None
        data["related"] = sorted(timeline.related)
        data["events"] = {
            event.id: {
                **event.model_dump(mode="json"),
                **{key: sorted(getattr(event, key)) for key in ("sources", "tags")},
                "date": (event.date.start, event.date.end),
            }
            for event in timeline.events
        }
        return data

    assert diff_timelines(old, new).is_empty == (meaning(old) == meaning(new))
