"""What the model shares between records to stay small (docs/performance.md), without changing behaviour."""

from __future__ import annotations

from armsdeal.core.model import Event, Timeline

EVENT = {"id": "a", "date": "2017-09-12", "type": "contract", "title": "Signed"}


def test_records_with_the_same_fields_written_share_one_fields_set() -> None:
    first, second = Event.model_validate(EVENT), Event.model_validate({**EVENT, "id": "b"})
    assert first.model_fields_set == {"id", "date", "type", "title"}
    assert first.model_fields_set is second.model_fields_set
    other = Event.model_validate({**EVENT, "note": "n"})
    assert other.model_fields_set == {"id", "date", "type", "title", "note"}
    assert other.model_fields_set is not first.model_fields_set


def test_a_copy_with_updates_leaves_the_shared_fields_set_alone() -> None:
    first, second = Event.model_validate(EVENT), Event.model_validate({**EVENT, "id": "b"})
    changed = first.model_copy(update={"note": "n"})
    assert changed.model_fields_set == {"id", "date", "type", "title", "note"}
    assert first.model_fields_set == second.model_fields_set == {"id", "date", "type", "title"}
    assert first.model_dump(exclude_unset=True) == {
        "id": "a",
        "date": "2017-09-12",
        "type": first.type,
        "title": "Signed",
    }


def test_a_constructed_record_has_its_fields_set() -> None:
    timeline = Timeline.model_construct(id="t", title="T", sources={}, events=[])
    assert timeline.model_fields_set == {"id", "title", "sources", "events"}
