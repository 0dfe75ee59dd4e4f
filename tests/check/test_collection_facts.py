"""What each file's check keeps for the rules across a collection is enough (check/facts.py).

A generated collection full of cross-file mistakes (events that disagree
between related timelines, with and without notes; `same_as:` links that
agree, disagree, name a missing event or a timeline outside the collection;
one URL described differently in several files; one-way and unknown
`related:` ids; duplicate timeline ids; files that are no timeline at all) is
checked as a folder, file by file in one process and in worker processes, and
as a few of its files (the others then read as neighbours). Every problem is
compared with a golden file written by the checker of before the facts were
packed (issue 17), so what the facts keep is shown to give the same problems.
"""

from __future__ import annotations

import pickle
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import TIMELINES, assert_golden
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.check.facts import EventFact, SourceFact, TimelineFacts, facts_of
from armsdeal.check.results import CheckRun
from armsdeal.check.runner import check_file, check_paths, describe_self
from armsdeal.check.validate import read_and_validate
from armsdeal.read.fast import fast_data
from armsdeal.read.located import UnlocatedDocument
from armsdeal.read.stage import load_path

TODAY = date(2026, 11, 30)
TYPES = ("negotiation", "agreement", "contract", "payment", "delivery", "test", "statement")
STATUSES = ("confirmed", "reported")
# URLs cited in several files (one with and one without a trailing slash), each described its own way.
SHARED_URLS = [f"https://example.org/shared/{index}" for index in range(12)]
PUBLISHERS = ("Example News", "Example news", "Defence Weekly", "Reuters")
TITLES = ("Something happened", "Something else happened", "A report")


def _date(rng: random.Random) -> str | int:
    year = rng.randint(2000, 2020)
    shape = rng.random()
    if shape < 0.3:
        return year
    if shape < 0.6:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _source(rng: random.Random, url: str) -> dict[str, Any]:
    source: dict[str, Any] = {"publisher": rng.choice(PUBLISHERS), "title": rng.choice(TITLES), "url": url}
    if rng.random() < 0.8:
        source["date"] = rng.choice(("2021-01-02", "2021-01-03", "2021"))
    return source


def collection(folder: Path, *, timelines: int = 48, seed: int = 17) -> list[Path]:
    """Timelines in families of two to four that share events, sources and (mostly mutual) related ids."""
    rng = random.Random(seed)
    ids = [f"deal-{index:02d}" for index in range(timelines)]
    families: list[list[str]] = []
    start = 0
    while start < timelines:
        size = rng.randint(2, 4)
        families.append(ids[start : start + size])
        start += size
    # Shared events of a family: id -> (date, type, status), which members copy and sometimes change.
    paths = []
    for family in families:
        shared = {f"shared-{index}": (_date(rng), rng.choice(TYPES), rng.choice(STATUSES)) for index in range(6)}
        for timeline_id in family:
            data = _timeline(rng, timeline_id, family, shared, ids)
            name = timeline_id if rng.random() > 0.05 else f"{timeline_id}-copy"
            path = folder / f"{name}.yaml"
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
            paths.append(path)
    # A second file with a family's id (duplicate-timeline-id), in a folder of its own with a neighbour.
    (folder / "more").mkdir()
    twin = _timeline(rng, ids[3], families[1], {"shared-0": (2001, "test", "reported")}, ids)
    (folder / "more" / "twin.yaml").write_text(yaml.safe_dump(twin, sort_keys=False), encoding="utf-8")
    beside = _timeline(rng, "beside", [ids[3], "beside"], {"shared-0": (2002, "test", "confirmed")}, ids)
    (folder / "more" / "beside.yaml").write_text(yaml.safe_dump(beside, sort_keys=False), encoding="utf-8")
    # Files that are no timeline, or whose parts are of the wrong shape: they keep no (or partial) facts.
    (folder / "not-a-mapping.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    (folder / "broken.yaml").write_text("id: broken\nevents: [unclosed\n", encoding="utf-8")
    odd = {
        "id": "odd-shapes",
        "title": "Odd",
        "related": ["deal-00", 7, "deal-01"],
        "sources": {"s": {"url": SHARED_URLS[0]}, "t": "not a mapping", "u": {"url": 3}},
        "events": [{"date": 2001, "type": "test"}, "text", {"id": 5}, {"id": "shared-0", "same_as": 4}],
    }
    (folder / "odd-shapes.yaml").write_text(yaml.safe_dump(odd, sort_keys=False), encoding="utf-8")
    (folder / "events-not-a-list.yaml").write_text(
        yaml.safe_dump({"id": "events-not-a-list", "title": "T", "related": ["deal-02"], "events": {"a": 1}}),
        encoding="utf-8",
    )
    return sorted(path for path in folder.rglob("*.yaml"))


def _timeline(
    rng: random.Random, timeline_id: str, family: list[str], shared: dict[str, tuple[Any, str, str]], ids: list[str]
) -> dict[str, Any]:
    # Each part draws from rng in turn: the same seed gives the same collection.
    others = [other for other in family if other != timeline_id]
    related = _related(rng, others, ids)
    sources = _sources(rng, timeline_id)
    source_ids = list(sources)
    events = [*_shared_events(rng, shared), *_own_events(rng, timeline_id, others, ids)]
    for event in events:
        event["title"] = "Something happened"
        event["sources"] = [rng.choice(source_ids)]
    data: dict[str, Any] = {"id": timeline_id, "title": f"Timeline {timeline_id}"}
    if related:
        data["related"] = related
    data["sources"] = sources
    data["events"] = events
    return data


def _related(rng: random.Random, others: list[str], ids: list[str]) -> list[str]:
    related = [other for other in others if rng.random() < 0.85]
    if rng.random() < 0.15:
        related.append(rng.choice(ids))  # a timeline of another family, one way
    if rng.random() < 0.1:
        related.append("no-such-deal")
    if related and rng.random() < 0.1:
        related.append(related[0])  # twice
    return related


def _sources(rng: random.Random, timeline_id: str) -> dict[str, Any]:
    sources: dict[str, Any] = {}
    for url in rng.sample(SHARED_URLS, rng.randint(1, 4)):
        written = url + "/" if rng.random() < 0.2 else url
        sources[f"s{len(sources)}"] = _source(rng, written)
    if rng.random() < 0.2:
        sources[f"s{len(sources)}"] = _source(rng, next(iter(sources.values()))["url"])  # one URL under two ids
    sources["own"] = _source(rng, f"https://example.org/{timeline_id}/own")
    return sources


def _shared_events(rng: random.Random, shared: dict[str, tuple[Any, str, str]]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    for event_id, (when, kind, status) in shared.items():
        if rng.random() < 0.3:
            continue
        event: dict[str, Any] = {"id": event_id, "date": when, "type": kind, "status": status}
        change = rng.random()
        if change < 0.15:
            event["date"] = _date(rng)
        elif change < 0.25:
            event["type"] = rng.choice(TYPES)
        elif change < 0.35:
            event["status"] = rng.choice(STATUSES)
        elif change < 0.4:
            event.pop("status")  # confirmed by default
        if rng.random() < 0.15:
            event["note"] = "The sources disagree."
        events.append(event)
    return events


def _own_events(rng: random.Random, timeline_id: str, others: list[str], ids: list[str]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    for index in range(rng.randint(1, 5)):
        event = {"id": f"{timeline_id}-own-{index}", "date": _date(rng), "type": rng.choice(TYPES)}
        link = rng.random()
        if link < 0.15 and others:
            event["same_as"] = f"{rng.choice(others)}/shared-{rng.randint(0, 7)}"  # present, or missing
        elif link < 0.2:
            event["same_as"] = f"{rng.choice(ids)}/{rng.choice(ids)}-own-0"
        elif link < 0.23:
            event["same_as"] = "outside-the-collection/some-event"
        elif link < 0.25:
            event["same_as"] = "no-slash"
        elif link < 0.27:
            event["same_as"] = f"{timeline_id}/shared-0"  # itself
        events.append(event)
    return events


def text(run: CheckRun, folder: Path) -> str:
    return "".join(f"{problem}\n".replace(str(folder), "<dir>") for problem in run.problems)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("collection") / "timelines"
    folder.mkdir()
    return folder, collection(folder)


@pytest.mark.parametrize("parallel", [False, True], ids=["one-process", "workers"])
def test_a_collection_full_of_cross_file_problems(generated: tuple[Path, list[Path]], parallel: bool) -> None:
    folder, _ = generated
    run = check_paths([folder], today=TODAY, parallel=parallel)
    rules = {problem.rule for problem in run.problems}
    # The collection exercises every rule across files (so that the golden file cannot pass empty).
    assert {"source-conflict", "event-conflict", "related-one-way", "related-unknown", "duplicate-timeline-id"} <= rules
    assert_golden("check/collection-facts.txt", text(run, folder))


@pytest.mark.parametrize("parallel", [False, True], ids=["one-process", "workers"])
def test_some_files_checked_the_others_read_beside_them(generated: tuple[Path, list[Path]], parallel: bool) -> None:
    folder, paths = generated
    chosen = paths[::5]
    run = check_paths(chosen, today=TODAY, parallel=parallel)
    assert {"source-conflict", "event-conflict", "related-one-way"} <= {problem.rule for problem in run.problems}
    assert_golden("check/collection-facts-some.txt", text(run, folder))


text_or_none = st.none() | st.text(max_size=30)
place = st.integers(min_value=0, max_value=2**31)
source_facts = st.builds(
    SourceFact, st.text(max_size=10), st.text(max_size=40), text_or_none, text_or_none, text_or_none, place, place
)
event_facts = st.builds(
    EventFact,
    st.text(max_size=20),
    text_or_none,
    st.text(max_size=12),
    text_or_none,
    st.booleans(),
    text_or_none,
    st.lists(place, min_size=10, max_size=10).map(tuple),
)


@given(st.lists(source_facts, max_size=8), st.lists(event_facts, max_size=8))
def test_packed_facts_unpack_to_the_same_facts(sources: list[SourceFact], events: list[EventFact]) -> None:
    facts = TimelineFacts(sources, events)
    assert facts.sources == tuple(sources)
    assert [(*event[:6], tuple(event.marks)) for event in facts.events] == [tuple(event) for event in events]
    assert facts.links == any(event.same_as is not None for event in events)
    assert pickle.loads(pickle.dumps(facts)) == facts  # as they travel from a worker process


def test_text_of_a_str_subclass_is_packed_as_text() -> None:
    class Text(str):
        pass

    facts = TimelineFacts([], [EventFact(Text("e"), None, "confirmed", None, False, Text("a/b"), (1,) * 10)])
    [event] = facts.events
    assert (type(event.event_id), type(event.same_as)) == (str, str)


def test_what_a_file_keeps_is_small(generated: tuple[Path, list[Path]]) -> None:
    """A file's facts as a worker sends them, against the file: packed, not an object per event."""
    folder, _ = generated
    for path in sorted(folder.glob("deal-*.yaml"))[:10]:
        result = check_file(path, TODAY)
        assert result.facts is not None and result.facts == facts_of(load_path(path))
        assert result.facts.events and result.facts.sources
        assert len(pickle.dumps(result.facts)) < path.stat().st_size / 2


def _clean_large(path: Path) -> Path:
    """A clean file the fast path reads, large enough to be compacted, with text facts strip or keep."""
    sources = {
        f"s{index}": {
            "publisher": " Spaced Out " if index % 2 else "Reuters",
            "title": f"Title {index}  ",
            "url": f"https://example.org/{index}",
            **({"date": 2021} if index % 3 == 0 else {"date": "2021-01-02"} if index % 3 == 1 else {}),
        }
        for index in range(300)
    }
    events = [
        {
            "id": f"e{index}",
            "date": [2017, "2017-09", "2017-09-12", "2017-21", "[2017,2018]", "2017/.."][index % 6],
            "type": TYPES[index % len(TYPES)],
            "title": f"Event {index}",
            "sources": [f"s{index % 300}"],
            **({"status": "reported"} if index % 4 == 0 else {}),
            **({"note": ["", "   ", "Noted."][index % 3]} if index % 2 else {}),
            **({"same_as": "other/e1"} if index % 50 == 0 else {}),
        }
        for index in range(600)
    ]
    related = ["other", "deal-00", "other"]
    path.write_text(
        yaml.safe_dump({"id": "big", "title": "Big", "related": related, "sources": sources, "events": events}),
        encoding="utf-8",
    )
    return path


@pytest.mark.fast_paths
def test_a_clean_file_s_facts_from_its_model_are_those_from_its_data(
    generated: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    """check gives a clean file's data up to its model (check/validate.py): the facts and what the file
    says about itself, taken from the model, are those the data gave."""
    _, paths = generated
    shipped = sorted((TIMELINES).glob("*.yaml"))
    # Warnings the generated files have: ignored, so that they are kept as the fast path read them.
    ignore = {"events-out-of-order", "unused-source", "delivery-before-contract", "file-name", "undated-source"}
    compared = 0
    for path in [*paths, *shipped, _clean_large(tmp_path / "big.yaml")]:
        raw = path.read_bytes()
        fast = fast_data(raw)
        if fast is None:
            continue
        from_data = UnlocatedDocument(str(path), fast[0])
        expected = (facts_of(from_data), describe_self(from_data))
        document, validated = read_and_validate(raw, str(path), today=TODAY, file_stem=path.stem, ignore=ignore)
        if validated.problems:
            continue
        assert isinstance(document, UnlocatedDocument) and document.data is None  # given up to the model
        facts = facts_of(document, validated.timeline)
        assert facts == expected[0] and facts is not None and expected[0] is not None
        assert (facts.links, facts.sources, facts.events) == (
            expected[0].links,
            expected[0].sources,
            expected[0].events,
        )
        assert describe_self(document, validated.timeline) == expected[1]
        result = check_file(path, TODAY, ignore)
        assert (result.facts, result.timeline_id, result.related) == (facts, expected[1][0], expected[1][2])
        assert not result.located
        compared += 1
    assert compared >= 40
