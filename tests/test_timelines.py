"""The curated timelines that ship with armsdeal: each validates with zero problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TIMELINES

from armsdeal.check.validate import validate_document
from armsdeal.core.loader import load_path

SHIPPED = sorted(TIMELINES.glob("*.yaml"))


def test_the_four_deals_ship() -> None:
    """The collection holds the S-400 story and its linked deals."""
    assert {path.stem for path in SHIPPED} >= {"turkey-s400", "turkey-f35", "turkey-f16", "india-s400"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_shipped_timeline_has_no_problems(path: Path) -> None:
    """Zero problems, warnings included."""
    result = validate_document(load_path(path), file_stem=path.stem)
    assert [str(problem) for problem in result.problems] == []
    assert result.timeline is not None


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_every_event_cites_a_source_with_a_url(path: Path) -> None:
    """The curation rule: every event is sourced, every source has a web address."""
    timeline = validate_document(load_path(path), file_stem=path.stem).timeline
    assert timeline is not None
    for event in timeline.events:
        assert event.sources, event.id
        for source_id in event.sources:
            assert timeline.sources[source_id].url.startswith(("http://", "https://"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_disputed_events_say_who_disputes(path: Path) -> None:
    """A disputed event names both sides, so readers can see the disagreement."""
    timeline = validate_document(load_path(path), file_stem=path.stem).timeline
    assert timeline is not None
    for event in timeline.events:
        if event.status == "disputed":
            assert event.claimed_by and event.disputed_by, event.id
