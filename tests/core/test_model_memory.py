"""What a large timeline's model shares and drops to stay small (docs/performance-history.md), behaviour unchanged."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import TIMELINES
from pydantic import ValidationError

from armsdeal.check.validate import load_timeline, validate_document
from armsdeal.core import model
from armsdeal.core.model import Timeline, timeline_from_data
from armsdeal.read.stage import parse_bytes

EVENT = {"id": "a", "date": "2017-09-12", "type": "contract", "title": "Signed"}
SOURCE = {"publisher": "P", "title": "T", "url": "https://example.org/a"}


def large(events: int = 3 * model._CHUNK + 5, sources: int = model._CHUNK + 3) -> dict[str, Any]:
    return {
        "id": "t",
        "title": "T",
        "sources": {f"s{i}": dict(SOURCE, title=f"T{i}") for i in range(sources)},
        "events": [
            dict(EVENT, id=f"e{i}", **({"quantity": {"count": i, "unit": "x"}} if i % 3 else {})) for i in range(events)
        ],
    }


@pytest.mark.parametrize("consume", [False, True])
def test_a_large_timeline_is_the_model_validate_one(consume: bool) -> None:
    data = large()
    expected = Timeline.model_validate(copy.deepcopy(data))
    built = timeline_from_data(data, consume=consume)
    assert built == expected
    assert [e.model_fields_set for e in built.events] == [e.model_fields_set for e in expected.events]
    assert built.model_dump_json() == expected.model_dump_json()
    if not consume:
        assert data == large()  # the caller's data untouched


def test_records_with_the_same_fields_written_share_one_fields_set() -> None:
    built = timeline_from_data(large())
    first, second, third = built.events[:3]
    assert first.model_fields_set == {"id", "date", "type", "title"}
    assert second.model_fields_set is third.model_fields_set
    assert second.model_fields_set == {"id", "date", "type", "title", "quantity"}
    sources = list(built.sources.values())
    assert sources[0].model_fields_set is sources[-1].model_fields_set
    quantities = [e.quantity for e in built.events if e.quantity is not None]
    assert quantities[0].model_fields_set is quantities[-1].model_fields_set


def test_a_copy_with_updates_leaves_the_shared_fields_set_alone() -> None:
    built = timeline_from_data(large())
    second, third = built.events[1:3]
    changed = second.model_copy(update={"note": "n"})
    assert changed.model_fields_set == {"id", "date", "type", "title", "quantity", "note"}
    assert third.model_fields_set == {"id", "date", "type", "title", "quantity"}


@pytest.mark.parametrize("consume", [False, True])
@pytest.mark.parametrize("where", ["first", "last", "source"])
def test_an_invalid_large_timeline_gives_the_same_errors(consume: bool, where: str) -> None:
    data = large()
    if where == "source":
        data["sources"]["s7"]["url"] = "nope"
    else:
        data["events"][0 if where == "first" else -1]["date"] = "2017-13"
    with pytest.raises(ValidationError) as expected:
        Timeline.model_validate(copy.deepcopy(data))
    with pytest.raises(ValidationError) as found:
        timeline_from_data(data, consume=consume)
    assert found.value.errors(include_url=False) == expected.value.errors(include_url=False)


def test_loading_drops_the_data_and_check_keeps_it(tmp_path: Path) -> None:
    text = (TIMELINES / "turkey-s400.yaml").read_bytes()
    document = parse_bytes(text, "turkey-s400.yaml")
    validate_document(document, today=model_date(), file_stem="turkey-s400")
    assert isinstance(document.data, dict)  # check's cross-file facts read it
    consumed = parse_bytes(text, "turkey-s400.yaml")
    result = validate_document(consumed, today=model_date(), file_stem="turkey-s400", keep_data=False)
    assert consumed.data is None and result.timeline is not None
    path = tmp_path / "turkey-s400.yaml"
    path.write_bytes(text)
    assert load_timeline(path) == result.timeline


def model_date() -> Any:
    from datetime import date

    return date(2026, 1, 1)


@pytest.mark.fast_paths
def test_a_clean_file_keeps_its_bytes_and_places_deep_problems_in_characters() -> None:
    raw = "id: a\nevents:\n  - {x: 'ünïcödé', y: 1}\n".encode()
    document = parse_bytes(raw, "x.yaml")
    assert document._source is raw
    assert document.locate(("events", 0, "y")) == (3, 23)
    assert parse_bytes(b"\xef\xbb\xbf\xef\xbb\xbfid: a\n", "x.yaml").data == {"id": "a"}  # as before: the text path


def referring(events: int = 2 * model._CHUNK + 7, sources: int = model._CHUNK + 3) -> dict[str, Any]:
    """A large timeline whose events refer to actors and sources, some with empty lists written."""
    data = large(events, sources)
    data["actors"] = {"a": {"name": "A", "kind": "state"}, "b": {"name": "B", "kind": "state"}}
    for index, event in enumerate(data["events"]):
        event["actors"] = ["a", "b"] if index % 2 else ["b"]
        event["sources"] = [f"s{index % sources}"]
        event["location"] = "Ankara"
        if index % 5 == 0:
            event["tags"] = []  # written empty: the same as not written, apart from model_fields_set
            event["claimed_by"] = ["a"]
    for index, source in enumerate(data["sources"].values()):
        source["publisher"] = f"P{index % 3}"
    return data


def test_compacted_records_equal_dump_copy_and_pickle_as_pydantic_s() -> None:
    import pickle

    data = referring()
    expected = Timeline.model_validate(copy.deepcopy(data))
    built = timeline_from_data(data, consume=True)
    assert built == expected
    assert built.model_dump() == expected.model_dump()
    assert built.model_dump_json() == expected.model_dump_json()
    assert built.model_dump(exclude_defaults=True) == expected.model_dump(exclude_defaults=True)
    for event, original in zip(built.events, expected.events, strict=True):
        assert event == original and repr(event) == repr(original)
        assert event.model_fields_set == original.model_fields_set
        assert event.model_dump(mode="json", exclude_defaults=True) == original.model_dump(
            mode="json", exclude_defaults=True
        )
        # model_dump hands out plain lists, never the records' own
        assert all(type(value) is list for value in event.model_dump().values() if isinstance(value, list))
    assert pickle.loads(pickle.dumps(built)) == expected
    assert copy.deepcopy(built) == expected
    first = built.events[0]
    changed = first.model_copy(update={"title": "Other", "tags": ["x"]})
    assert changed.tags == ["x"] and first.tags == [] and changed.title == "Other" and first.title == "Signed"
    assert changed.model_fields_set == {*first.model_fields_set, "title", "tags"}


def test_empty_lists_are_one_list_that_cannot_change() -> None:
    built = timeline_from_data(referring())
    first, second = built.events[:2]
    assert first.tags == [] and second.disputed_by == []
    assert first.tags is second.disputed_by  # one empty list for all
    for change in (
        lambda items: items.append("x"),
        lambda items: items.extend(["x"]),
        lambda items: items.insert(0, "x"),
        lambda items: items.__iadd__(["x"]),
        lambda items: items.__setitem__(slice(None), ["x"]),
        lambda items: items.__imul__(2),
    ):
        with pytest.raises(TypeError):
            change(first.tags)
    assert all(event.tags == [] for event in built.events) and all(e.disputed_by == [] for e in built.events)
    copied = copy.copy(first.tags)
    assert copied == [] and copied is not first.tags


def test_lists_with_items_stay_each_record_s_own() -> None:
    built = timeline_from_data(referring())
    lists = [event.actors for event in built.events] + [event.sources for event in built.events]
    assert len({id(items) for items in lists}) == len(lists)
    assert all(type(items) is list for items in lists)
    first, third = built.events[1], built.events[3]
    assert first.actors == third.actors == ["a", "b"]
    assert first.actors[0] is third.actors[0]  # repeated references are one string
    assert first.location is third.location
    publishers = [source.publisher for source in built.sources.values()]
    assert publishers[0] is publishers[3]
    # an event's reference to a source is the source's id
    source_id = built.events[5].sources[0]
    assert next(key for key in built.sources if key == source_id) is source_id


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="key-sharing dicts are CPython's")
def test_records_hold_their_values_in_key_sharing_dicts() -> None:
    built = timeline_from_data(referring())
    event = built.events[1]
    assert sys.getsizeof(event.__dict__) < sys.getsizeof(dict(event.__dict__))
    source = next(iter(built.sources.values()))
    assert sys.getsizeof(source.__dict__) < sys.getsizeof(dict(source.__dict__))
    quantity = built.events[1].quantity
    assert quantity is not None
    assert sys.getsizeof(quantity.__dict__) < sys.getsizeof(dict(quantity.__dict__))
    assert list(event.__dict__) == list(model.Event.model_fields)


def test_unwritten_lists_are_made_by_a_factory_not_copied(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each record of a small timeline gets its own new empty list for each list it does not write,
    as a copied default ``[]`` gave it, without pydantic-core's ``copy.deepcopy`` (docs/performance-history.md, 23)."""
    copies: list[object] = []
    real = copy.deepcopy

    def counted(value: Any, memo: Any = None) -> Any:
        copies.append(value)
        return real(value, memo)

    monkeypatch.setattr(copy, "deepcopy", counted)
    built = Timeline.model_validate({"id": "t", "title": "T", "sources": {}, "events": [EVENT, dict(EVENT, id="b")]})
    assert copies == []
    first, second = built.events
    lists = [first.sources, first.actors, first.claimed_by, first.disputed_by, first.tags, second.tags, built.related]
    assert all(type(items) is list and items == [] for items in lists)
    assert len({id(items) for items in lists}) == len(lists)
    assert type(built.actors) is dict and built.actors == {}
    assert "tags" not in first.model_fields_set
    assert list(first.model_dump(exclude_defaults=True)) == ["id", "date", "type", "title"]
