"""The semantic diff: each kind of change on a fixture pair (tests/data/diff/<case>/deal.yaml against base/)."""

from __future__ import annotations

import pytest
from conftest import DATA, TIMELINES

from armsdeal.check.validate import load_timeline
from armsdeal.core.dates import parse_edtf
from armsdeal.core.errors import UsageError
from armsdeal.core.model import Timeline
from armsdeal.diff.engine import (
    DateChange,
    DateChangeKind,
    Direction,
    ItemDiff,
    ItemKind,
    ListChange,
    Status,
    TimelineDiff,
    ValueChange,
    compare_dates,
    diff_timelines,
    known_fields,
)

CASES = DATA / "diff"


def load(case: str) -> Timeline:
    return load_timeline(CASES / case / "deal.yaml")


def diff_case(case: str, *, ignore: tuple[str, ...] = ()) -> TimelineDiff:
    return diff_timelines(load("base"), load(case), ignore=ignore)


def item(diff: TimelineDiff, kind: str, item_id: str) -> ItemDiff:
    section: tuple[ItemDiff, ...] = getattr(diff, f"{kind}s")
    found = [entry for entry in section if entry.id == item_id]
    assert len(found) == 1, f"{kind} {item_id} not in {section}"
    return found[0]


def changes_by_field(entry: ItemDiff | TimelineDiff) -> dict[str, object]:
    changes = entry.changes if isinstance(entry, ItemDiff) else entry.fields
    return {change.field: change for change in changes}


class TestNoChange:
    def test_a_timeline_against_itself_is_empty(self) -> None:
        diff = diff_case("base")
        assert diff.is_empty
        assert diff.stat().total == 0

    def test_reordering_rewrapping_and_spelt_out_defaults_are_not_changes(self) -> None:
        """Events, sources, actors, list items and keys moved; text rewrapped; default values written out."""
        assert diff_case("reordered").is_empty

    def test_the_shipped_timeline_against_itself_is_empty(self) -> None:
        timeline = load_timeline(TIMELINES / "turkey-s400.yaml")
        assert diff_timelines(timeline, timeline).is_empty


class TestEvents:
    def test_added_event_has_its_date_title_and_record(self) -> None:
        diff = diff_case("event-added")
        added = item(diff, "event", "acceptance-test")
        assert added.status is Status.ADDED
        assert (added.date, added.label) == (parse_edtf("2020-07"), "Ruritania test-fires Sky Shield")
        assert added.record is not None and added.record["type"] == "test"
        assert diff.stat().events.added == 1 and diff.stat().total == 1

    def test_removed_event(self) -> None:
        diff = diff_case("event-removed")
        removed = item(diff, "event", "talks-begin")
        assert removed.status is Status.REMOVED
        assert removed.label == "Ruritania and Freedonia begin talks on Sky Shield"
        assert diff.stat().total == 1

    def test_changed_event_has_field_level_before_and_after(self) -> None:
        diff = diff_case("event-changed")
        changed = item(diff, "event", "second-contract-claim")
        assert changed.status is Status.CHANGED
        fields = changes_by_field(changed)
        assert fields == {
            "status": ValueChange("status", "claimed", "disputed"),
            "disputed_by": ListChange("disputed_by", added=("ruritania",)),
            "sources": ListChange("sources", added=("wire-2020-06",)),
            "note": ValueChange("note", "Ruritania has not confirmed it.", "Ruritania denies it."),
        }
        assert item(diff, "source", "wire-2020-06").status is Status.ADDED

    def test_events_are_listed_in_date_order(self) -> None:
        diff = diff_case("dates")
        dates = [entry.date.sort_key() for entry in diff.events if entry.date is not None]
        assert len(dates) == 4 and dates == sorted(dates)


class TestSourcesAndActors:
    def test_sources_added_removed_and_changed(self) -> None:
        diff = diff_case("sources")
        assert item(diff, "source", "herald-2019-03").status is Status.ADDED
        assert item(diff, "source", "planet-2019-03").status is Status.REMOVED
        gazette = item(diff, "source", "gazette-2020")
        fields = changes_by_field(gazette)
        assert fields["title"] == ValueChange(
            "title", "Sky Shield batteries arrive", "The first Sky Shield battery arrives"
        )
        assert fields["language"] == ValueChange("language", None, "en")
        date = fields["date"]
        assert isinstance(date, DateChange) and date.kind is DateChangeKind.COARSENED
        assert gazette.label == "Freedonia Gazette: The first Sky Shield battery arrives"

    def test_a_replaced_source_with_another_url_is_not_a_rename(self) -> None:
        diff = diff_case("sources")
        assert diff.stat().sources.renamed == 0
        talks = changes_by_field(item(diff, "event", "talks-begin"))
        assert talks["sources"] == ListChange("sources", added=("herald-2019-03",), removed=("planet-2019-03",))

    def test_actors_added_removed_and_changed(self) -> None:
        diff = diff_case("actors")
        assert item(diff, "actor", "observer").status is Status.ADDED
        assert item(diff, "actor", "acme").status is Status.REMOVED
        freedonia = changes_by_field(item(diff, "actor", "freedonia"))
        assert freedonia == {
            "name": ValueChange("name", "Freedonia", "Republic of Freedonia"),
            "kind": ValueChange("kind", "state", "government"),
            "note": ValueChange("note", None, "The government in Fredville"),
        }
        delivery = changes_by_field(item(diff, "event", "first-delivery"))
        assert delivery["actors"] == ListChange("actors", added=("observer",), removed=("acme",))


class TestTimelineFields:
    def test_deal_fields_by_dotted_name(self) -> None:
        fields = changes_by_field(diff_case("deal"))
        assert fields == {
            "deal.ordered.count": ValueChange("deal.ordered.count", 4, 6),
            "deal.delivered.count": ValueChange("deal.delivered.count", None, 1),
            "deal.delivered.unit": ValueChange("deal.delivered.unit", None, "battery"),
            "deal.value.amount": ValueChange("deal.value.amount", 1200000000, 1500000000),
            "deal.value.approximate": ValueChange("deal.value.approximate", True, False),
            "deal.status": ValueChange("deal.status", "in-delivery", "delivered"),
            "deal.note": ValueChange("deal.note", None, "Deliveries began in 2020."),
        }

    def test_a_new_record_reports_only_fields_that_differ_from_their_defaults(self) -> None:
        """delivered: {count: 1, unit: battery} is added; its approximate: false is the default."""
        assert "deal.delivered.approximate" not in changes_by_field(diff_case("deal"))

    def test_top_level_fields(self) -> None:
        fields = changes_by_field(diff_case("top-level"))
        assert set(fields) == {"title", "summary", "related"}
        assert fields["related"] == ListChange("related", added=("turkey-s400",))
        summary = fields["summary"]
        assert isinstance(summary, ValueChange) and "claims" in str(summary.after)


class TestRenames:
    def test_event_with_new_id_but_same_date_type_and_title_is_renamed(self) -> None:
        diff = diff_case("renamed")
        renamed = item(diff, "event", "contract-signature")
        assert (renamed.status, renamed.old_id) == (Status.RENAMED, "contract-signed")
        assert changes_by_field(renamed)["tags"] == ListChange("tags", added=("signing",))
        assert not [entry for entry in diff.events if entry.status in (Status.ADDED, Status.REMOVED)]

    def test_source_with_the_same_url_and_actor_with_the_same_name_are_renamed(self) -> None:
        diff = diff_case("renamed")
        source = item(diff, "source", "planet-sky-shield")
        actor = item(diff, "actor", "acme-missiles")
        assert (source.status, source.old_id, source.changes) == (Status.RENAMED, "planet-2019-03", ())
        assert (actor.status, actor.old_id) == (Status.RENAMED, "acme")

    def test_a_new_id_with_another_title_is_a_removal_and_an_addition(self) -> None:
        base = load("base")
        event = base.events[1]
        retitled = event.model_copy(update={"id": "other-id", "title": "Another title"})
        new = base.model_copy(update={"events": [base.events[0], retitled, *base.events[2:]]})
        statuses = {(entry.id, entry.status) for entry in diff_timelines(base, new).events}
        assert statuses == {("contract-signed", Status.REMOVED), ("other-id", Status.ADDED)}


class TestDates:
    def test_dates_refined_moved_and_requalified(self) -> None:
        diff = diff_case("dates")
        dates = {entry.id: changes_by_field(entry)["date"] for entry in diff.events}
        assert dates == {
            "first-delivery": DateChange("date", parse_edtf("2020"), parse_edtf("2020-01-15"), DateChangeKind.REFINED),
            "contract-signed": DateChange(
                "date",
                parse_edtf("2019-03-01"),
                parse_edtf("2018-12-01"),
                DateChangeKind.MOVED,
                "3 months",
                Direction.EARLIER,
            ),
            "second-contract-claim": DateChange(
                "date",
                parse_edtf("2020-06-15"),
                parse_edtf("2020-06-25"),
                DateChangeKind.MOVED,
                "10 days",
                Direction.LATER,
            ),
            "talks-begin": DateChange("date", parse_edtf("2018"), parse_edtf("2018~"), DateChangeKind.REQUALIFIED),
        }

    def test_the_reverse_pair_coarsens(self) -> None:
        diff = diff_timelines(load("dates"), load("base"))
        delivery = changes_by_field(item(diff, "event", "first-delivery"))["date"]
        assert isinstance(delivery, DateChange) and delivery.kind is DateChangeKind.COARSENED

    def test_the_same_meaning_spelled_otherwise_is_no_change(self) -> None:
        """'~2019' is '2019~': no change to report."""
        assert compare_dates("date", parse_edtf("~2019"), parse_edtf("2019~")) is None

    @pytest.mark.parametrize(
        ("before", "after", "kind", "shift", "direction"),
        [
            ("2019", "2019-07-12", DateChangeKind.REFINED, None, None),
            ("2019-07", "2019-07-01/2019-07-12", DateChangeKind.REFINED, None, None),
            ("../2019", "2018/2019", DateChangeKind.REFINED, None, None),
            ("2019-07-12", "2019", DateChangeKind.COARSENED, None, None),
            ("2019-07-12", "2019-10-12", DateChangeKind.MOVED, "3 months", Direction.LATER),
            ("2019-07", "2019-10", DateChangeKind.MOVED, "3 months", Direction.LATER),
            ("2019", "2020-03", DateChangeKind.MOVED, "1 year", Direction.LATER),
            ("2019-07-12", "2018-05-02", DateChangeKind.MOVED, "1 year 2 months 10 days", Direction.EARLIER),
            ("2019-12-31", "2020-01-31", DateChangeKind.MOVED, "1 month", Direction.LATER),
            # Open-ended: no start to measure from.
            ("../2019-05", "2019-08/..", DateChangeKind.MOVED, None, None),
            # Overlapping, neither inside the other, less than a year apart at year precision.
            ("2019", "2019-12-20/2020-01-05", DateChangeKind.MOVED, None, None),
            ("2019-07", "2019-07~", DateChangeKind.REQUALIFIED, None, None),
            ("2019", "2019-01/2019-12", DateChangeKind.REWRITTEN, None, None),
            # One of a set narrowed to one member, or to fewer members: refined; widened: coarsened.
            ("[2017-09-11,2017-09-12]", "2017-09-12", DateChangeKind.REFINED, None, None),
            ("[2017-04,2017-07-25,2017-09-12]", "[2017-04,2017-09-12]", DateChangeKind.REFINED, None, None),
            ("2017-09-12", "[2017-09-11,2017-09-12]", DateChangeKind.COARSENED, None, None),
            # A day between the members is not one the set allowed.
            ("[2017-09-11,2017-09-13]", "2017-09-12", DateChangeKind.MOVED, "1 day", Direction.LATER),
            ("[2017-09-11,2017-09-12]", "2017-09-11/2017-09-12", DateChangeKind.COARSENED, None, None),
            # A season or decade refined to a day inside it.
            ("2019-21", "2019-04-02", DateChangeKind.REFINED, None, None),
            ("2019-24", "2020-02-10", DateChangeKind.REFINED, None, None),
            ("201X", "2017-09-12", DateChangeKind.REFINED, None, None),
            ("2019-21", "2019-22", DateChangeKind.MOVED, None, None),
            ("2019", "2019-XX", DateChangeKind.REWRITTEN, None, None),
            # Unknown and open ends span the same days but say different things.
            ("2019/", "2019/..", DateChangeKind.REQUALIFIED, None, None),
            ("2019/", "2019/2021", DateChangeKind.REFINED, None, None),
            ("2019-07-12", "2019-07-~12", DateChangeKind.REQUALIFIED, None, None),
        ],
    )
    def test_date_meaning(self, before, after, kind, shift, direction) -> None:
        change = compare_dates("date", parse_edtf(before), parse_edtf(after))
        assert change is not None
        assert (change.kind, change.shift, change.direction) == (kind, shift, direction)

    @pytest.mark.parametrize(
        ("before", "after"), [("2019", "2019"), ("2019-07-12", "2019-07-12"), ("2019/2019", "2019/2019")]
    )
    def test_the_same_date_is_no_change(self, before, after) -> None:
        assert compare_dates("date", parse_edtf(before), parse_edtf(after)) is None


class TestIgnore:
    def test_ignore_note_leaves_out_every_note(self) -> None:
        fields = changes_by_field(item(diff_case("event-changed", ignore=("note",)), "event", "second-contract-claim"))
        assert set(fields) == {"status", "disputed_by", "sources"}
        assert "deal.note" not in changes_by_field(diff_case("deal", ignore=("note",)))

    def test_ignore_a_qualified_field(self) -> None:
        """event.sources ignores events' source lists, not the sources themselves."""
        diff = diff_case("event-changed", ignore=("event.sources", "status"))
        assert set(changes_by_field(item(diff, "event", "second-contract-claim"))) == {"disputed_by", "note"}
        assert item(diff, "source", "wire-2020-06").status is Status.ADDED

    def test_ignore_a_record(self) -> None:
        fields = changes_by_field(diff_case("deal", ignore=("deal.value", "delivered")))
        assert set(fields) == {"deal.ordered.count", "deal.status", "deal.note"}

    def test_ignoring_every_change_leaves_an_empty_diff(self) -> None:
        assert diff_case("dates", ignore=("date",)).is_empty
        assert not diff_case("dates").is_empty

    def test_an_ignored_rename_still_shows_the_rename(self) -> None:
        renamed = item(diff_case("renamed", ignore=("tags", "sources", "actors")), "event", "contract-signature")
        assert (renamed.status, renamed.changes) == (Status.RENAMED, ())

    @pytest.mark.parametrize(("name", "suggestion"), [("nots", "note"), ("deal.stauts", "deal.status")])
    def test_an_unknown_field_is_a_usage_error_with_a_suggestion(self, name, suggestion) -> None:
        with pytest.raises(UsageError, match=rf"unknown field '{name}' \(did you mean '{suggestion}'\?\)"):
            diff_case("base", ignore=(name,))

    def test_every_model_field_is_known(self) -> None:
        paths = {".".join(path) for path in known_fields()}
        assert {"deal.note", "deal.value.amount", "event.quantity.note", "source.url", "actor.of"} <= paths


class TestWholeTimelines:
    def test_an_added_timeline_adds_every_entry(self) -> None:
        base = load("base")
        diff = diff_timelines(None, base, new_label="deal.yaml")
        assert diff.status is Status.ADDED and not diff.is_empty
        assert diff.stat().events.added == len(base.events)
        assert diff.stat().sources.added == len(base.sources)
        assert {entry.kind for entry in diff.actors} == {ItemKind.ACTOR}
        assert diff.fields == ()

    def test_a_removed_timeline_removes_every_entry(self) -> None:
        base = load("base")
        diff = diff_timelines(base, None)
        assert diff.status is Status.REMOVED
        assert diff.stat().events.removed == len(base.events)

    def test_nothing_against_nothing_is_refused(self) -> None:
        with pytest.raises(ValueError, match="at least one"):
            diff_timelines(None, None)
