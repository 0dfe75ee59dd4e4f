"""JSON export: the documented document, and load_export giving back equal timelines."""

from __future__ import annotations

import calendar
import json
import string

import pytest
from conftest import ROOT, TIMELINES
from date_strings import valid_dates
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from armsdeal.check.validate import load_timeline
from armsdeal.core.collection import timeline_files
from armsdeal.core.errors import InputError
from armsdeal.core.model import Actor, Deal, Event, Money, Quantity, Source, Timeline
from armsdeal.core.vocabulary import ActorKind, DealStatus, EventStatus, EventType
from armsdeal.export import ExportOptions
from armsdeal.export.json_export import FORMAT_NAME, VERSION, export_json, load_export

SHIPPED_PATHS = timeline_files(TIMELINES)


@pytest.fixture(scope="module")
def shipped() -> list[Timeline]:
    return [load_timeline(path) for path in SHIPPED_PATHS]


def timeline_with_date(text: str) -> Timeline:
    """A one-event timeline dated ``text``."""
    event = Event(id="it", date=text, type=EventType.STATEMENT, title="It happened")  # type: ignore[arg-type]
    source = Source(publisher="Wire", title="A report", url="https://example.org/1")
    return Timeline(id="dated", title="Dated", sources={"wire": source}, events=[event])


def export(*timelines: Timeline) -> str:
    return export_json(list(timelines), ExportOptions())


class TestDocument:
    def test_header_names_format_and_version(self, shipped) -> None:
        document = json.loads(export(*shipped))
        assert document["format"] == FORMAT_NAME == "armsdeal-export"
        assert document["version"] == VERSION == 1
        assert [t["id"] for t in document["timelines"]] == [t.id for t in shipped]

    def test_every_model_field_is_present(self, shipped) -> None:
        """Consumers can rely on the keys: defaults and nulls are written out, not omitted."""
        timeline = shipped[0]
        dumped = json.loads(export(timeline))["timelines"][0]
        assert set(dumped) == {*Timeline.model_fields, "derived"}  # derived: what the views derive (core/)
        assert set(dumped["events"][0]) == set(Event.model_fields)
        assert set(next(iter(dumped["sources"].values()))) == set(Source.model_fields)

    def test_dates_carry_their_meaning(self) -> None:
        turkey = load_timeline(TIMELINES / "turkey-s400.yaml")
        events = {e["id"]: e for e in json.loads(export(turkey))["timelines"][0]["events"]}
        by_id = {event.id: event for event in turkey.events}
        month = next(e for e in turkey.events if e.date.text == "2016-11")
        assert events[month.id]["date"] == {
            "edtf": "2016-11",
            "earliest": "2016-11-01",
            "latest": "2016-11-30",
            "precision": "month",
            "approximate": False,
            "uncertain": False,
            "interval": False,
            "start_unknown": False,
            "end_unknown": False,
            "one_of": None,
            "display": "Nov 2016",
        }
        interval = next(e for e in turkey.events if e.date.is_interval)
        assert events[interval.id]["date"]["interval"] is True
        assert events[interval.id]["date"]["earliest"] == by_id[interval.id].date.earliest.isoformat()
        assert events[interval.id]["date"]["latest"] == by_id[interval.id].date.latest.isoformat()

    def test_a_set_lists_its_members_and_an_unknown_end_says_so(self) -> None:
        """One of a set: each member with its bounds; an unknown end: no latest day, end_unknown true."""
        turkey = load_timeline(TIMELINES / "turkey-s400.yaml")
        events = {e["id"]: e for e in json.loads(export(turkey))["timelines"][0]["events"]}
        announced = events["contract-announced"]["date"]
        assert announced["one_of"] == [
            {"edtf": f"2017-09-{day}", "earliest": f"2017-09-{day}", "latest": f"2017-09-{day}", "precision": "day"}
            for day in ("10", "11", "12")
        ]
        assert (announced["earliest"], announced["latest"], announced["interval"]) == (
            "2017-09-10",
            "2017-09-12",
            False,
        )
        assert announced["display"] == "10, 11 or 12 Sep 2017"
        unknown = json.loads(export(timeline_with_date("2019-05/")))["timelines"][0]["events"][0]["date"]
        assert (unknown["earliest"], unknown["latest"], unknown["end_unknown"]) == ("2019-05-01", None, True)
        assert unknown["display"] == "from May 2019, end unknown"

    def test_source_dates_are_date_objects_too(self) -> None:
        turkey = load_timeline(TIMELINES / "turkey-s400.yaml")
        sources = json.loads(export(turkey))["timelines"][0]["sources"]
        dated = [s for s in sources.values() if s["date"] is not None]
        assert dated and all(set(s["date"]) >= {"edtf", "earliest", "latest", "precision"} for s in dated)

    def test_open_ends_are_null(self) -> None:
        timeline = _one_event_timeline("../2017-03")
        date = json.loads(export(timeline))["timelines"][0]["events"][0]["date"]
        assert date["earliest"] is None
        assert date["latest"] == "2017-03-31"
        assert date["precision"] == "month"

    def test_qualifiers_are_reported_separately(self) -> None:
        date = json.loads(export(_one_event_timeline("2019-07~/2019-09?")))["timelines"][0]["events"][0]["date"]
        assert (date["approximate"], date["uncertain"]) == (True, True)

    @pytest.mark.parametrize("amount", [float("inf"), float("nan")])
    def test_amounts_that_json_cannot_hold_are_refused_by_the_model(self, amount: float) -> None:
        """NaN and Infinity are not JSON: such a value never reaches the exporter."""
        with pytest.raises(ValidationError):
            Money(amount=amount, currency="USD")

    def test_documented_keys_match_the_output(self, shipped) -> None:
        """docs/export-json.md names every date key the exporter writes."""
        doc = (ROOT / "docs" / "export-json.md").read_text(encoding="utf-8")
        date = json.loads(export(shipped[0]))["timelines"][0]["events"][0]["date"]
        for key in date:
            assert f"`{key}`" in doc, key


class TestRoundTrip:
    @pytest.mark.parametrize("path", SHIPPED_PATHS, ids=[p.stem for p in SHIPPED_PATHS])
    def test_each_shipped_timeline_comes_back_equal(self, path) -> None:
        timeline = load_timeline(path)
        assert load_export(export(timeline)) == [timeline]

    def test_several_timelines_come_back_in_order(self, shipped) -> None:
        assert load_export(export(*shipped)) == shipped

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(timelines=st.lists(st.deferred(lambda: timelines_strategy()), min_size=1, max_size=3))
    def test_generated_timelines_come_back_equal(self, timelines: list[Timeline]) -> None:
        assert load_export(export(*timelines)) == timelines


class TestLoaderRefuses:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("not json", "not JSON"),
            ("[]", "not an armsdeal-export document"),
            ('{"format": "other", "version": 1, "timelines": []}', "not an armsdeal-export document"),
            ('{"format": "armsdeal-export", "version": 2, "timelines": []}', "version 2 is not supported"),
            ('{"format": "armsdeal-export", "version": 1, "timelines": {}}', "must be a list"),
            ('{"format": "armsdeal-export", "version": 1, "timelines": [3]}', r"timelines\[0\] is not an object"),
        ],
    )
    def test_what_is_not_an_export(self, text: str, message: str) -> None:
        with pytest.raises(InputError, match=message):
            load_export(text)

    def test_a_timeline_that_breaks_the_model_is_located(self, shipped) -> None:
        document = json.loads(export(shipped[0]))
        document["timelines"][0]["events"][0]["type"] = "coup"
        with pytest.raises(InputError, match=r"timelines\[0\]: events\.0\.type"):
            load_export(json.dumps(document))

    def test_edtf_is_authoritative_over_derived_keys(self, shipped) -> None:
        """A consumer that edits 'earliest' but not 'edtf' has not changed the date."""
        document = json.loads(export(shipped[0]))
        document["timelines"][0]["events"][0]["date"]["earliest"] = "1900-01-01"
        assert load_export(json.dumps(document)) == [shipped[0]]


# --- strategies: timelines valid for the model (not necessarily for the cross-reference rules) ---

ids = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
texts = st.text(min_size=1, max_size=25)
maybe_text = st.none() | st.text(max_size=25)
urls = st.builds(
    lambda scheme, path: f"{scheme}://example.org/{path}",
    st.sampled_from(["http", "https"]),
    st.text(alphabet=string.ascii_letters + string.digits + "-._~()<>&;=?/%$!*'[]", max_size=20),
)


@st.composite
def edtf_points(draw: st.DrawFn) -> str:
    year = draw(st.integers(1, 9999))
    text = f"{year:04d}"
    if draw(st.booleans()):
        month = draw(st.integers(1, 12))
        text += f"-{month:02d}"
        if draw(st.booleans()):
            text += f"-{draw(st.integers(1, calendar.monthrange(year, month)[1])):02d}"
    return text + draw(st.sampled_from(["", "~", "?", "%"]))


edtf = st.one_of(
    edtf_points(),
    st.tuples(edtf_points(), edtf_points()).map("/".join),
    edtf_points().map(lambda point: f"{point}/.."),
    edtf_points().map(lambda point: f"../{point}"),
    valid_dates,  # sets, seasons, unspecified digits, unknown ends, per-part qualifiers
)
quantities = st.builds(Quantity, count=st.integers(0, 10**6), unit=texts, approximate=st.booleans(), note=maybe_text)
money = st.builds(
    Money,
    amount=st.floats(min_value=0, allow_nan=False, allow_infinity=False),
    currency=st.from_regex(r"[A-Z]{3}", fullmatch=True),
    approximate=st.booleans(),
    note=maybe_text,
)
deals = st.builds(
    Deal,
    supplier=st.none() | ids,
    recipient=st.none() | ids,
    system=st.none() | texts,
    ordered=st.none() | quantities,
    value=st.none() | money,
    status=st.none() | st.sampled_from(DealStatus),
    note=maybe_text,
)
sources = st.builds(
    Source,
    publisher=texts,
    title=texts,
    url=urls,
    date=st.none() | edtf,
    language=st.none() | st.sampled_from(["de", "tr", "pt-BR"]),
    via=st.none() | texts,
    archive_url=st.none() | urls,
    note=maybe_text,
)
events = st.builds(
    Event,
    id=ids,
    date=edtf,
    type=st.sampled_from(EventType),
    title=texts,
    sources=st.lists(ids, max_size=3),
    actors=st.lists(ids, max_size=3),
    status=st.sampled_from(EventStatus),
    claimed_by=st.lists(ids, max_size=2),
    quantity=st.none() | quantities,
    location=st.none() | texts,
    note=maybe_text,
    tags=st.lists(ids, max_size=2),
)


def timelines_strategy() -> st.SearchStrategy[Timeline]:
    return st.builds(
        Timeline,
        id=ids,
        title=texts,
        summary=maybe_text,
        deal=st.none() | deals,
        related=st.lists(ids, max_size=2),
        actors=st.dictionaries(ids, st.builds(Actor, name=texts, kind=st.sampled_from(ActorKind)), max_size=3),
        sources=st.dictionaries(ids, sources, max_size=3),
        events=st.lists(events, min_size=1, max_size=4),
    )


def _one_event_timeline(date: str) -> Timeline:
    return Timeline.model_validate(
        {
            "id": "one",
            "title": "One",
            "sources": {"s": {"publisher": "P", "title": "T", "url": "https://example.org/"}},
            "events": [{"id": "e", "date": date, "type": "statement", "title": "E", "sources": ["s"]}],
        }
    )
