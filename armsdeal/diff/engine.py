"""What changed in meaning between two versions of a timeline. Pure: models in, dataclasses out.

Events, sources and actors are matched by id, so moving an entry within the
file is not a change. An entry whose id changed but whose identity did not
(an event's date, type and title; a source's URL; an actor's name and kind)
is reported as renamed rather than as one removal and one addition.

Fields are compared by meaning: text ignores how it was wrapped, lists of ids
are compared as collections (items added and removed, order aside), nested
records (deal, quantity, value) are compared field by field with dotted names
(``deal.value.amount``), and dates by the days they can mean (see
``DateChangeKind``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum
from functools import cache
from typing import Any, TypeVar

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel

from armsdeal.core.dates import EdtfDate, counting_precision, format_duration
from armsdeal.core.errors import UsageError
from armsdeal.core.model import Actor, Event, Source, Timeline, nested_model
from armsdeal.core.suggest import did_you_mean

Scalar = str | int | float | bool | None
_Record = TypeVar("_Record", bound=BaseModel)

# Keyed collections of a timeline: diffed entry by entry, not as fields.
_COLLECTIONS = ("events", "sources", "actors")


class Status(StrEnum):
    """What happened to a timeline, an event, a source or an actor."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    RENAMED = "renamed"


class ItemKind(StrEnum):
    EVENT = "event"
    SOURCE = "source"
    ACTOR = "actor"


class DateChangeKind(StrEnum):
    """How a date changed, by the days it can mean.

    refined: the new date lies inside the old one and is narrower (2019 -> 2019-07-12).
    coarsened: the old date lies inside the new one (the reverse).
    moved: neither contains the other; ``shift`` says how far.
    requalified: the same days, but approximate/uncertain changed (2019-07 -> 2019-07~),
    or an end went from unknown to open (2019/ -> 2019/..).
    rewritten: the same days written another way (2019 -> 2019-01/2019-12).
    """

    REFINED = "refined"
    COARSENED = "coarsened"
    MOVED = "moved"
    REQUALIFIED = "requalified"
    REWRITTEN = "rewritten"


class Direction(StrEnum):
    LATER = "later"
    EARLIER = "earlier"


@dataclass(frozen=True, slots=True)
class ValueChange:
    """A field whose value changed; ``None`` on a side where it is not set."""

    field: str
    before: Scalar
    after: Scalar


@dataclass(frozen=True, slots=True)
class DateChange:
    """A date set on both sides that means different days (or the same days differently)."""

    field: str
    before: EdtfDate
    after: EdtfDate
    kind: DateChangeKind
    # For moved dates, how far in words ("3 months") and which way, when the
    # precision of the two dates allows saying it.
    shift: str | None = None
    direction: Direction | None = None


@dataclass(frozen=True, slots=True)
class ListChange:
    """A list of ids (sources, actors, tags, ...) that gained or lost items."""

    field: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


FieldChange = ValueChange | DateChange | ListChange


@dataclass(frozen=True, slots=True)
class ItemDiff:
    """An event, source or actor that was added, removed, changed or renamed.

    ``date`` and ``label`` give a reader context: the event's date and title,
    the source's date and "publisher: title", the actor's name (from the new
    version, or the old one for a removal). ``record`` is the whole entry for
    an addition or removal.
    """

    kind: ItemKind
    id: str
    status: Status
    changes: tuple[FieldChange, ...] = ()
    old_id: str | None = None
    date: EdtfDate | None = None
    label: str = ""
    record: Mapping[str, Any] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class SectionStat:
    added: int = 0
    removed: int = 0
    changed: int = 0
    renamed: int = 0

    @property
    def total(self) -> int:
        return self.added + self.removed + self.changed + self.renamed


@dataclass(frozen=True, slots=True)
class DiffStat:
    """How many fields changed, and how many entries of each kind, for --stat."""

    fields: int
    events: SectionStat
    sources: SectionStat
    actors: SectionStat

    @property
    def total(self) -> int:
        return self.fields + self.events.total + self.sources.total + self.actors.total


@dataclass(frozen=True, slots=True)
class TimelineDiff:
    """Everything that differs between two versions of one timeline.

    ``status`` is ``added`` or ``removed`` when a whole timeline appears or
    disappears (its entries are then all added or removed), else ``changed``.
    ``old_label``/``new_label`` say where each version came from, for readers.
    """

    timeline: str
    title: str
    status: Status
    fields: tuple[FieldChange, ...] = ()
    events: tuple[ItemDiff, ...] = ()
    sources: tuple[ItemDiff, ...] = ()
    actors: tuple[ItemDiff, ...] = ()
    old_label: str | None = None
    new_label: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.status is Status.CHANGED and self.stat().total == 0

    def stat(self) -> DiffStat:
        return DiffStat(
            len(self.fields), _section_stat(self.events), _section_stat(self.sources), _section_stat(self.actors)
        )


def _section_stat(items: Sequence[ItemDiff]) -> SectionStat:
    counts = Counter(item.status for item in items)
    return SectionStat(counts[Status.ADDED], counts[Status.REMOVED], counts[Status.CHANGED], counts[Status.RENAMED])


def diff_timelines(
    old: Timeline | None,
    new: Timeline | None,
    *,
    ignore: Collection[str] = (),
    old_label: str | None = None,
    new_label: str | None = None,
) -> TimelineDiff:
    """The semantic difference from ``old`` to ``new``; ``None`` is a timeline that does not exist.

    ``ignore`` names fields whose changes are left out: ``note`` (every note),
    ``event.note``, ``deal.value``, ... (see ``ignore_matcher``).
    """
    if old is None and new is None:
        raise ValueError("diff_timelines needs at least one timeline")
    ignored = ignore_matcher(ignore)
    newest = new if new is not None else old
    assert newest is not None
    status = Status.ADDED if old is None else Status.REMOVED if new is None else Status.CHANGED
    fields: list[FieldChange] = []
    if old is not None and new is not None:
        fields = _keep(_compare_models("", old, new, Timeline, skip=("actors", "sources", "events")), "", ignored)
    return TimelineDiff(
        timeline=newest.id,
        title=newest.title,
        status=status,
        fields=tuple(fields),
        events=_diff_events(old, new, ignored),
        sources=_diff_entries(
            ItemKind.SOURCE,
            _entries(old, "sources"),
            _entries(new, "sources"),
            _source_identity,
            _source_context,
            ignored,
        ),
        actors=_diff_entries(
            ItemKind.ACTOR, _entries(old, "actors"), _entries(new, "actors"), _actor_identity, _actor_context, ignored
        ),
        old_label=old_label,
        new_label=new_label,
    )


# --- which fields to ignore --------------------------------------------------


def ignore_matcher(names: Collection[str]) -> Callable[[str], bool]:
    """A test for qualified field paths (``event.quantity.note``) named by ``--ignore``.

    A name matches a path that contains its dot-separated parts in a row:
    ``note`` matches every note, ``event.note`` only events' own notes,
    ``quantity`` every part of a quantity. Unknown names are a UsageError, so a
    typo does not silently ignore nothing.
    """
    wanted = [tuple(name.split(".")) for name in names]
    for name, parts in zip(names, wanted, strict=True):
        if not any(_contains_run(path, parts) for path in known_fields()):
            raise UsageError(f"--ignore: unknown field '{name}'{_suggestion(name)}")

    def ignored(path: str) -> bool:
        parts = tuple(path.split("."))
        return any(_contains_run(parts, run) for run in wanted)

    return ignored


def _contains_run(parts: tuple[str, ...], run: tuple[str, ...]) -> bool:
    width = len(run)
    return any(parts[start : start + width] == run for start in range(len(parts) - width + 1))


@cache
def known_fields() -> frozenset[tuple[str, ...]]:
    """Every qualified field path a change can have, from the models."""
    paths = set(_model_paths((), Timeline, skip=_COLLECTIONS))
    for kind, model in ((ItemKind.EVENT, Event), (ItemKind.SOURCE, Source), (ItemKind.ACTOR, Actor)):
        paths.update(_model_paths((str(kind),), model, skip=()))
    return frozenset(paths)


def _model_paths(prefix: tuple[str, ...], model: type[BaseModel], skip: Collection[str]) -> Iterator[tuple[str, ...]]:
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        path = (*prefix, name)
        yield path
        nested = nested_model(info.annotation)
        if nested is not None:
            yield from _model_paths(path, nested, skip=())


def _suggestion(name: str) -> str:
    words = sorted({".".join(path[start:]) for path in known_fields() for start in range(len(path))})
    return did_you_mean(name, words)


def _keep(changes: Iterable[FieldChange], prefix: str, ignored: Callable[[str], bool]) -> list[FieldChange]:
    return [change for change in changes if not ignored(prefix + change.field)]


# --- fields --------------------------------------------------------------------


def _compare_models(
    prefix: str, old: BaseModel | None, new: BaseModel | None, model: type[BaseModel], skip: Collection[str]
) -> list[FieldChange]:
    """Field-by-field changes; a missing record reads as one with every field at its default."""
    changes: list[FieldChange] = []
    for name in model.model_fields:
        if name in skip:
            continue
        before = getattr(old, name) if old is not None else _default(model, name)
        after = getattr(new, name) if new is not None else _default(model, name)
        changes.extend(_compare_values(f"{prefix}{name}", before, after))
    return changes


@cache
def _default(model: type[BaseModel], name: str) -> Any:
    """A field's default (None when it has none), made once: pydantic inspects a default factory's
    signature on every ``get_default`` call, which made diffing 10,000 events three times slower.
    Shared between calls: the values are only compared, never changed."""
    info = model.model_fields[name]
    return None if info.is_required() else info.get_default(call_default_factory=True)


def _compare_values(path: str, before: Any, after: Any) -> list[FieldChange]:
    if isinstance(before, BaseModel) or isinstance(after, BaseModel):
        model = type(before if before is not None else after)
        return _compare_models(f"{path}.", before, after, model, skip=())
    if isinstance(before, EdtfDate) and isinstance(after, EdtfDate):
        change = compare_dates(path, before, after)
        return [change] if change is not None else []
    if isinstance(before, list) or isinstance(after, list):
        added, removed = _list_difference(before or [], after or [])
        return [ListChange(path, added, removed)] if added or removed else []
    if _same(before, after):
        return []
    return [ValueChange(path, _scalar(before), _scalar(after))]


def _same(before: Any, after: Any) -> bool:
    if isinstance(before, str) and isinstance(after, str):
        # How a curator wrapped a paragraph is not a change of meaning.
        return before.split() == after.split()
    return bool(before == after)


def _scalar(value: Any) -> Scalar:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, EdtfDate):
        return value.text
    if isinstance(value, str):
        return " ".join(value.split())
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _list_difference(before: Sequence[Any], after: Sequence[Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Items only in ``after`` (in its order) and only in ``before`` (in its order), counting repeats."""
    return _only_in(after, before), _only_in(before, after)


def _only_in(these: Sequence[Any], others: Sequence[Any]) -> tuple[str, ...]:
    available = Counter(str(item) for item in others)
    extra = []
    for item in map(str, these):
        if available[item]:
            available[item] -= 1
        else:
            extra.append(item)
    return tuple(extra)


# --- dates ---------------------------------------------------------------------


def compare_dates(path: str, before: EdtfDate, after: EdtfDate) -> DateChange | None:
    """How ``after`` differs from ``before`` in meaning; ``None`` if they mean the same.

    By the days each can mean: one of a set can mean only its members' days,
    so narrowing a set to one member refines it, and a day inside a season
    refines the season.
    """
    if before.meaning == after.meaning:
        return None
    narrower, wider = _inside(after, before), _inside(before, after)
    if narrower and wider:
        kind = DateChangeKind.REQUALIFIED if _qualifiers(before) != _qualifiers(after) else DateChangeKind.REWRITTEN
        return DateChange(path, before, after, kind)
    if narrower:
        return DateChange(path, before, after, DateChangeKind.REFINED)
    if wider:
        return DateChange(path, before, after, DateChangeKind.COARSENED)
    shift, direction = _shift(before, after)
    return DateChange(path, before, after, DateChangeKind.MOVED, shift, direction)


def _inside(inner: EdtfDate, outer: EdtfDate) -> bool:
    """Whether every day ``inner`` can mean is one ``outer`` can mean."""
    if not (outer.earliest <= inner.earliest and inner.latest <= outer.latest):
        return False
    if not outer.members:
        return True
    spans = [(member.earliest, member.latest) for member in outer.members]
    pieces = [(p.earliest, p.latest) for p in inner.members] or [(inner.earliest, inner.latest)]
    return all(any(low <= first and last <= high for low, high in spans) for first, last in pieces)


def _qualifiers(value: EdtfDate) -> tuple[object, ...]:
    """What qualifies the days: approximate/uncertain per date and part, unknown (not open) ends."""
    ends = tuple(None if p is None else (p.is_approximate, p.is_uncertain, p.parts) for p in (value.start, value.end))
    members = tuple((p.is_approximate, p.is_uncertain, p.parts) for p in value.members)
    return (ends, members, value.start_unknown, value.end_unknown)


def _shift(before: EdtfDate, after: EdtfDate) -> tuple[str | None, Direction | None]:
    """How far a date moved, from start to start; (None, None) when a start is open.

    Counted only to the coarser precision of the two, as show counts gaps:
    2019 -> 2020-03 moved "1 year", not "1 year 2 months".
    """
    # Two open starts always nest (refined or coarsened), so only an open start
    # against a closed one arrives here without both starts.
    if before.start is None or after.start is None:
        return None, None
    precision = counting_precision(min(before.start.precision, after.start.precision))
    old_day, new_day = before.start.earliest, after.start.earliest
    low, high = sorted((old_day, new_day))
    # Always measured from the earlier day, so a diff and its reverse agree.
    words = format_duration(relativedelta(high, low), precision=precision, spelled=True)
    if words is None:
        return None, None
    return words, Direction.LATER if new_day > old_day else Direction.EARLIER


# --- events, sources, actors -----------------------------------------------------


def _entries(timeline: Timeline | None, collection: str) -> dict[str, Any]:
    if timeline is None:
        return {}
    value = getattr(timeline, collection)
    return dict(value)


def _diff_events(old: Timeline | None, new: Timeline | None, ignored: Callable[[str], bool]) -> tuple[ItemDiff, ...]:
    before = {event.id: event for event in (old.events if old is not None else [])}
    after = {event.id: event for event in (new.events if new is not None else [])}
    return _diff_entries(ItemKind.EVENT, before, after, _event_identity, _event_context, ignored)


def _event_identity(event: Event) -> tuple[Any, ...]:
    return (event.date.meaning, event.type, " ".join(event.title.split()))


def _event_context(event: Event) -> tuple[EdtfDate | None, str]:
    return event.date, event.title


def _source_identity(source: Source) -> tuple[Any, ...]:
    return (source.url,)


def _source_context(source: Source) -> tuple[EdtfDate | None, str]:
    return source.date, f"{source.publisher}: {source.title}"


def _actor_identity(actor: Actor) -> tuple[Any, ...]:
    return (actor.name, actor.kind)


def _actor_context(actor: Actor) -> tuple[EdtfDate | None, str]:
    return None, actor.name


def _diff_entries(
    kind: ItemKind,
    before: Mapping[str, _Record],
    after: Mapping[str, _Record],
    identity: Callable[[_Record], tuple[Any, ...]],
    context: Callable[[_Record], tuple[EdtfDate | None, str]],
    ignored: Callable[[str], bool],
) -> tuple[ItemDiff, ...]:
    removed = [key for key in before if key not in after]
    added = [key for key in after if key not in before]
    renames = _pair_renames(removed, added, before, after, identity)
    renamed_old = {old for old, _ in renames}
    renamed_new = {new for _, new in renames}
    prefix = f"{kind}."
    skip = ("id",) if kind is ItemKind.EVENT else ()

    def changes(old_key: str, new_key: str) -> tuple[FieldChange, ...]:
        if before[old_key] == after[new_key]:
            # Equal records have no change (a log compares hundreds of revisions whose entries are mostly
            # untouched: equality is a fraction of the field-by-field walk).
            return ()
        model = type(after[new_key])
        return tuple(_keep(_compare_models("", before[old_key], after[new_key], model, skip), prefix, ignored))

    def entry(key: str, status: Status, model: _Record, **details: Any) -> ItemDiff:
        date, label = context(model)
        return ItemDiff(kind, key, status, date=date, label=label, **details)

    items: list[ItemDiff] = []
    for key in after:
        if key in before and (found := changes(key, key)):
            items.append(entry(key, Status.CHANGED, after[key], changes=found))
    for old_key, new_key in renames:
        items.append(entry(new_key, Status.RENAMED, after[new_key], changes=changes(old_key, new_key), old_id=old_key))
    items += [
        entry(key, Status.REMOVED, before[key], record=_record(before[key]))
        for key in removed
        if key not in renamed_old
    ]
    items += [
        entry(key, Status.ADDED, after[key], record=_record(after[key])) for key in added if key not in renamed_new
    ]
    order = _reading_order if kind is ItemKind.EVENT else _by_id
    return tuple(sorted(items, key=order))


def _pair_renames(
    removed: Sequence[str],
    added: Sequence[str],
    before: Mapping[str, _Record],
    after: Mapping[str, _Record],
    identity: Callable[[_Record], tuple[Any, ...]],
) -> list[tuple[str, str]]:
    """(old id, new id) for entries that only changed id; pairs same-identity entries in file order."""
    waiting: dict[tuple[Any, ...], list[str]] = {}
    for key in added:
        waiting.setdefault(identity(after[key]), []).append(key)
    pairs = []
    for key in removed:
        candidates = waiting.get(identity(before[key]))
        if candidates:
            pairs.append((key, candidates.pop(0)))
    return pairs


def _record(entry: BaseModel) -> dict[str, Any]:
    data: dict[str, Any] = entry.model_dump(mode="json", exclude_defaults=True)
    return data


def _by_id(item: ItemDiff) -> tuple[date, date, int, str]:
    return (date.min, date.min, 0, item.id)


def _reading_order(item: ItemDiff) -> tuple[date, date, int, str]:
    if item.date is None:
        return (date.min, date.min, 0, item.id)
    return (*item.date.sort_key(), item.id)
