"""Phases of event types, milestones, and the deal status derived at a date (phases.py, status.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import TIMELINES
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.check.validate import load_timeline, parse_timeline
from armsdeal.core.dates import parse_edtf
from armsdeal.core.model import Event, Timeline
from armsdeal.core.phases import (
    CONTRACT,
    COUNTED,
    MILESTONES,
    PHASE_OF,
    Milestone,
    Phase,
    contract_event,
    counts,
    milestones,
    not_counted,
    types_of,
)
from armsdeal.core.status import describe, status_at
from armsdeal.core.vocabulary import DealStatus, EventStatus, EventType

SHIPPED = ("turkey-s400", "turkey-f35", "turkey-f16", "india-s400")


def shipped(name: str) -> Timeline:
    return load_timeline(TIMELINES / f"{name}.yaml")


def deal(events: list[tuple[str, str, str]], final: str | None = None) -> Timeline:
    """A valid timeline from (date, type, status) triples, in file order."""
    lines = ["id: made-up", "title: A made-up deal"]
    if final:
        lines += ["deal:", f"  status: {final}"]
    lines += [
        "actors:",
        "  someone: {name: Someone, kind: state}",
        "sources:",
        "  s: {publisher: P, title: T, url: 'https://example.org/s'}",
        "events:",
    ]
    for number, (when, kind, status) in enumerate(events):
        lines += [
            f"  - id: e{number}",
            f"    date: '{when}'",
            f"    type: {kind}",
            f"    title: Event {number}",
            "    sources: [s]",
            "    actors: [someone]",
            f"    status: {status}",
        ]
        if status in ("claimed", "disputed", "denied"):
            lines.append("    claimed_by: [someone]")
    return parse_timeline("\n".join(lines).encode(), "made-up.yaml", file_stem="made-up")


def at(timeline: Timeline, when: str) -> DealStatus | None:
    return status_at(timeline, parse_edtf(when).latest).status


class TestPhaseTable:
    def test_every_event_type_has_an_entry(self) -> None:
        """The table is complete: adding an EventType without a phase fails here."""
        assert set(PHASE_OF) == set(EventType)

    def test_phases_partition_the_types_and_statements_have_none(self) -> None:
        """Each type marks at most one phase; only statements mark none."""
        covered = [event_type for phase in Phase for event_type in types_of(phase)]
        assert len(covered) == len(set(covered))
        assert set(EventType) - set(covered) == {EventType.STATEMENT}

    def test_contract_and_agreement_are_one_phase(self) -> None:
        """An agreement and a contract both mark the agreement phase."""
        assert types_of(Phase.AGREEMENT) == {EventType.AGREEMENT, EventType.CONTRACT}
        assert types_of(Phase.TALKS) == {EventType.NEGOTIATION, EventType.REQUEST, EventType.OFFER}

    @pytest.mark.parametrize("status", list(EventStatus))
    def test_only_confirmed_and_reported_events_count(self, status: EventStatus) -> None:
        """Claimed, disputed, denied and expected events never move a deal into a phase."""
        timeline = deal([("2019-07-12", "delivery", str(status))])
        assert counts(timeline.events[0]) is (status in (EventStatus.CONFIRMED, EventStatus.REPORTED))
        assert (timeline.events[0] in not_counted(timeline)) is (status not in COUNTED)

    def test_statements_never_count(self) -> None:
        """A statement is words about a deal, not a step of it."""
        timeline = deal([("2019", "statement", "confirmed")])
        assert not counts(timeline.events[0])
        assert not_counted(timeline) == []


class TestMilestones:
    def test_contract_is_the_first_counted_contract(self) -> None:
        """A disputed earlier contract does not count; the first confirmed one does."""
        timeline = deal(
            [
                ("2017-04", "contract", "disputed"),
                ("2017-12", "contract", "confirmed"),
                ("2017-09", "contract", "reported"),
            ]
        )
        contract = contract_event(timeline)
        assert contract is not None and str(contract.date) == "2017-09"

    def test_without_a_contract_the_first_agreement_stands_in(self) -> None:
        """The F-35 style: a memorandum and no contract."""
        timeline = deal([("2010", "agreement", "confirmed"), ("2007-01-26", "agreement", "reported")])
        contract = contract_event(timeline)
        assert contract is not None and str(contract.date) == "2007-01-26"

    def test_first_and_last_delivery(self) -> None:
        """First and last by date, not file order; expected deliveries are not the last one."""
        timeline = deal(
            [
                ("2019-08-27/2019-09-15", "delivery", "confirmed"),
                ("2019-07-12", "delivery", "confirmed"),
                ("2026-11/2027", "delivery", "expected"),
            ]
        )
        found = milestones(timeline)
        first, last = found["first-delivery"], found["last-delivery"]
        assert first is not None and str(first.date) == "2019-07-12"
        assert last is not None and str(last.date) == "2019-08-27/2019-09-15"

    def test_talks_and_agreements_after_the_contract_are_not_the_first_ones(self) -> None:
        """India's 2025 talks are no 'first talks' seven years after the 2018 contract."""
        timeline = deal(
            [
                ("2018-10-05", "contract", "confirmed"),
                ("2025-06-26", "negotiation", "confirmed"),
                ("2019", "agreement", "confirmed"),
                ("2018-10", "offer", "reported"),  # the contract's month: not wholly after it, counted
            ]
        )
        contract = contract_event(timeline)
        found = {milestone.key: milestone.find(timeline, contract) for milestone in MILESTONES}
        assert found["agreement"] is None
        talks = found["talks"]
        assert talks is not None and str(talks.date) == "2018-10"

    def test_compare_never_puts_a_first_talks_after_the_contract(self) -> None:
        from armsdeal.compare.engine import compare_deals

        for name in SHIPPED:
            for phases in compare_deals([shipped(name)]).deals:
                for key in ("talks", "agreement"):
                    reached = phases.reached[key]
                    if reached is not None and reached.since_contract is not None:
                        assert reached.since_contract.direction != "after", (name, key)

    def test_shipped_contracts_are_contract_events_of_the_files(self) -> None:
        """In every shipped deal with a contract event, the contract is the earliest counted one."""
        for name in SHIPPED:
            timeline = shipped(name)
            contracts = [e for e in timeline.events if e.type is EventType.CONTRACT and e.status in COUNTED]
            found = contract_event(timeline)
            if contracts:
                assert found is not None
                assert found.date.earliest == min(e.date.earliest for e in contracts), name


class TestStatusAt:
    @pytest.mark.parametrize(
        ("when", "expected"),
        [
            ("2018-06", DealStatus.SIGNED),
            ("2019-08", DealStatus.IN_DELIVERY),
            ("2020", DealStatus.DELIVERED),
        ],
    )
    def test_turkey_s400_through_the_years(self, when: str, expected: DealStatus) -> None:
        """Signed but not delivered in mid-2018; in delivery in Aug 2019; delivered in 2020."""
        assert at(shipped("turkey-s400"), when) is expected

    def test_turkey_s400_around_its_contract_and_deliveries(self) -> None:
        """The day before the contract it is negotiating, on the day signed; delivered once the last delivery ends."""
        timeline = shipped("turkey-s400")
        contract = contract_event(timeline)
        assert contract is not None
        day = contract.date.earliest
        assert status_at(timeline, day - timedelta(days=1)).status is DealStatus.NEGOTIATING
        assert status_at(timeline, day).status is DealStatus.SIGNED
        deliveries = [e for e in timeline.chronology if e.type is EventType.DELIVERY and e.status in COUNTED]
        first, end = deliveries[0].date.earliest, max(e.date.latest for e in deliveries)
        assert status_at(timeline, first - timedelta(days=1)).status is DealStatus.SIGNED
        assert status_at(timeline, first).status is DealStatus.IN_DELIVERY
        assert status_at(timeline, end - timedelta(days=1)).status is DealStatus.IN_DELIVERY
        assert status_at(timeline, end).status is DealStatus.DELIVERED

    def test_before_any_event_there_is_no_status(self) -> None:
        """Nothing had happened: no status, said in words."""
        result = status_at(shipped("turkey-s400"), date(2000, 1, 1))
        assert result.status is None and result.event is None
        assert describe(result, parse_edtf("2000")) == "no events yet (as of 2000)"

    def test_described_with_the_date_at_its_precision(self) -> None:
        """'signed (as of Jun 2018)'."""
        as_of = parse_edtf("2018-06")
        assert describe(status_at(shipped("turkey-s400"), as_of.latest), as_of) == "signed (as of Jun 2018)"

    def test_f35_is_suspended_then_cancelled(self) -> None:
        """A cancelled deal passes through its suspension to its cancellation."""
        timeline = shipped("turkey-f35")
        assert at(timeline, "2019-08") is DealStatus.SUSPENDED
        assert at(timeline, "2022") is DealStatus.CANCELLED

    def test_a_cancellation_event_does_not_cancel_a_signed_deal(self) -> None:
        """A cancellation event in a deal whose final status is signed leaves the deal signed."""
        timeline = deal(
            [("2024-06-06", "contract", "confirmed"), ("2024-11-26", "cancellation", "confirmed")], "signed"
        )
        assert at(timeline, "2025") is DealStatus.SIGNED

    def test_the_f16_kits_are_a_partial_cancellation_not_the_deals_end(self) -> None:
        """Turkey dropped the F-16 kits and kept the jets: a statement tagged so, no cancellation (docs/format.md)."""
        timeline = shipped("turkey-f16")
        kits = next(event for event in timeline.events if event.id == "kits-dropped")
        assert (kits.type, kits.tags) == (EventType.STATEMENT, ["partial-cancellation"])
        assert not [event for event in timeline.events if event.type is EventType.CANCELLATION]

    @pytest.mark.parametrize("name", SHIPPED)
    def test_today_the_derived_status_is_the_curated_one(self, name: str) -> None:
        """After every event, the rule agrees with the status the curators wrote."""
        timeline = shipped(name)
        assert timeline.deal is not None
        assert status_at(timeline, date(2100, 1, 1)).status is timeline.deal.status

    def test_claims_do_not_move_a_deal(self) -> None:
        """A disputed delivery claim leaves a signed deal signed; a reported one starts delivery."""
        claimed = deal([("2017", "contract", "confirmed"), ("2019", "delivery", "disputed")], "in-delivery")
        reported = deal([("2017", "contract", "confirmed"), ("2019", "delivery", "reported")], "in-delivery")
        assert at(claimed, "2020") is DealStatus.SIGNED
        assert at(reported, "2020") is DealStatus.IN_DELIVERY

    def test_statements_only_is_announced_and_talks_is_negotiating(self) -> None:
        """Before the contract: announced while there are only statements, negotiating from the first talks."""
        timeline = deal(
            [("2015", "statement", "confirmed"), ("2016", "negotiation", "reported"), ("2017", "contract", "confirmed")]
        )
        assert at(timeline, "2015") is DealStatus.ANNOUNCED
        assert at(timeline, "2016") is DealStatus.NEGOTIATING
        assert at(timeline, "2017") is DealStatus.SIGNED

    def test_delivered_needs_the_final_status_to_say_so(self) -> None:
        """Deliveries that ended leave a deal in delivery unless its final status is delivered."""
        events = [("2017", "contract", "confirmed"), ("2019-07", "delivery", "confirmed")]
        assert at(deal(events, "in-delivery"), "2021") is DealStatus.IN_DELIVERY
        assert at(deal(events, "delivered"), "2021") is DealStatus.DELIVERED


ORDER = [
    None,
    DealStatus.ANNOUNCED,
    DealStatus.NEGOTIATING,
    DealStatus.SIGNED,
    DealStatus.IN_DELIVERY,
    DealStatus.DELIVERED,
    DealStatus.SUSPENDED,
    DealStatus.CANCELLED,
]
TIMELINES_BY_NAME = {name: shipped(name) for name in SHIPPED}


@given(
    name=st.sampled_from(SHIPPED),
    first=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    later_by=st.integers(min_value=0, max_value=20 * 366),
)
def test_a_deal_never_goes_back(name: str, first: date, later_by: int) -> None:
    """For the shipped deals, the derived status only moves forward with time."""
    timeline = TIMELINES_BY_NAME[name]
    earlier = status_at(timeline, first).status
    later = status_at(timeline, first + timedelta(days=later_by)).status
    assert ORDER.index(earlier) <= ORDER.index(later)


def _milestone_by_definition(milestone: Milestone, timeline: Timeline, contract: Event | None) -> Event | None:
    """The docstring's definition, spelled out: of the first alternative with a counted event (not
    after the contract for a before_contract milestone), the first in chronological order (the last)."""
    for alternative in milestone.types:
        events = [event for event in timeline.chronology if event.type in alternative and counts(event)]
        if milestone.before_contract and contract is not None:
            events = [event for event in events if event.date.earliest <= contract.date.latest]
        if events:
            return events[-1] if milestone.last else events[0]
    return None


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["2017", "2017-09", "2017-09-12", "2018~", "2019-07/2019-09", "2016?", "2018-03-01"]),
            st.sampled_from([str(kind) for kind in EventType]),
            st.sampled_from([str(status) for status in EventStatus]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_each_milestone_is_the_one_its_definition_gives(events: list[tuple[str, str, str]]) -> None:
    """find() stops at the first match rather than listing every counted event: the same event, always."""
    timeline = deal(events)
    contract = contract_event(timeline)
    for milestone in (*MILESTONES, CONTRACT):
        for bound in (None, contract):
            assert milestone.find(timeline, bound) is _milestone_by_definition(milestone, timeline, bound)


class TestDealAt:
    def test_without_a_recorded_status_a_cancellation_cancels(self) -> None:
        """No final status to follow: the events decide, the same in every view (core.status.deal_status)."""
        from armsdeal.core.status import deal_status

        timeline = deal([("2017", "contract", "confirmed"), ("2020", "cancellation", "reported")])
        assert at(timeline, "2019") is DealStatus.SIGNED
        assert at(timeline, "2021") is DealStatus.CANCELLED
        assert deal_status(timeline) is DealStatus.CANCELLED

    def test_from_today_the_record_speaks(self) -> None:
        """On or after today the record's facts; before it, only what events by then state."""
        from armsdeal.core.status import deal_at

        timeline = shipped("turkey-s400")
        assert timeline.deal is not None
        today = date(2026, 11, 30)
        now = deal_at(timeline, today, today)
        assert (now.at.status, now.ordered, now.value, now.left_out) == (
            timeline.deal.status,
            timeline.deal.ordered,
            timeline.deal.value,
            (),
        )
        before = deal_at(timeline, today - timedelta(days=1), today)
        assert before.value is None and "value" in before.left_out

    def test_restated_drops_the_sources_published_later(self) -> None:
        from armsdeal.core.status import deal_at, published_by, restated

        timeline = shipped("turkey-s400")
        day = date(2018, 6, 30)
        then = restated(timeline, deal_at(timeline, day, date(2026, 11, 30)), day)
        assert all(published_by(source, day) is not False for source in then.sources.values())
        assert all(source_id in then.sources for event in then.events for source_id in event.sources)
        assert len(then.sources) < len(timeline.sources)
