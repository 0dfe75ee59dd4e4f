"""What a large timeline's model shares and drops to stay small (docs/performance.md), without changing behaviour."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from armsdeal.check.validate import load_timeline, validate_document
from armsdeal.core import model
from armsdeal.core.loader import parse_bytes
from armsdeal.core.model import Timeline, timeline_from_data

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
    text = (Path(__file__).parent.parent / "timelines" / "turkey-s400.yaml").read_bytes()
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


def test_a_clean_file_keeps_its_bytes_and_places_deep_problems_in_characters() -> None:
    raw = "id: a\nevents:\n  - {x: 'ünïcödé', y: 1}\n".encode()
    document = parse_bytes(raw, "x.yaml")
    assert document._source is raw
    assert document.locate(("events", 0, "y")) == (3, 23)
    assert parse_bytes(b"\xef\xbb\xbf\xef\xbb\xbfid: a\n", "x.yaml").data == {"id": "a"}  # as before: the text path
