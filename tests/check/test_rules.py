"""The rule registry, and every rule triggered by a data file at a known line and column.

tests/data/invalid/<case>.yaml is checked alone; <case>.expected lists every
problem it must give, one `LINE:COL rule-id` per line, and nothing else.
tests/data/valid/*.yaml hold the edges of the rules and must give nothing.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from armsdeal.check.rules import RULES
from armsdeal.check.runner import check_paths
from armsdeal.core.problems import Severity

INVALID = DATA / "invalid"
VALID = DATA / "valid"
CASES = sorted(INVALID.glob("*.yaml"))
PINNED_TODAY = date(2025, 6, 1)

# Rules that one file in tests/data/invalid cannot show, and the test that triggers each.
COVERED_ELSEWHERE = {
    "file-too-large": "tests/project/test_hardening.py::test_file_over_the_size_cap",
    "file-unreadable": "tests/project/test_hardening.py::test_dangling_symlink",
    "duplicate-timeline-id": "tests/check/test_check.py::TestCrossFile::test_duplicate_timeline_id",
    "source-conflict": "tests/check/test_collection_rules.py::TestSourceConflict::test_publisher_date_and_title",
    "event-conflict": "tests/check/test_collection_rules.py::TestEventConflict::test_same_id_in_related_timelines",
    "related-one-way": "tests/check/test_collection_rules.py::TestRelatedOneWay::test_reported_where_the_link_is",
}


def expected_problems(case: Path) -> list[tuple[int, int, str]]:
    expected = []
    for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            position, rule = line.split()
            row, column = position.split(":")
            expected.append((int(row), int(column), rule))
    return expected


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_invalid_case_gives_exactly_the_expected_problems(case: Path, tmp_path: Path) -> None:
    # Alone in a folder: the cases beside it would otherwise be compared with it by the collection rules.
    alone = Path(shutil.copy(case, tmp_path / case.name))
    run = check_paths([alone], today=PINNED_TODAY)
    assert [(p.line, p.column, p.rule) for p in run.problems] == expected_problems(case)


def test_every_case_has_an_expected_file_and_the_other_way_round() -> None:
    yaml_stems = {path.stem for path in INVALID.glob("*.yaml")}
    expected_stems = {path.stem for path in INVALID.glob("*.expected")}
    assert yaml_stems == expected_stems
    assert all(expected_problems(case) for case in CASES), "an invalid case must give at least one problem"


def test_every_rule_is_triggered_by_a_case_or_a_named_test() -> None:
    triggered = {rule for case in CASES for _, _, rule in expected_problems(case)}
    untested = set(RULES) - triggered - set(COVERED_ELSEWHERE)
    assert not untested, f"rules with no test case in tests/data/invalid: {sorted(untested)}"
    assert not set(COVERED_ELSEWHERE) & triggered, "a rule listed as covered elsewhere now has a data case"
    for test in COVERED_ELSEWHERE.values():
        module, *names = test.split("::")
        source = (ROOT / module).read_text(encoding="utf-8")
        assert f"def {names[-1]}(" in source, f"{test} does not exist"


def test_each_case_file_is_named_after_the_rule_it_shows() -> None:
    for case in CASES:
        assert case.stem in RULES, f"{case.name}: name a case after the rule it triggers"
        assert case.stem in {rule for _, _, rule in expected_problems(case)}


@pytest.mark.parametrize("path", sorted(VALID.glob("*.yaml")), ids=lambda path: path.stem)
def test_valid_files_give_no_problem_at_all(path: Path) -> None:
    assert check_paths([path], today=PINNED_TODAY).problems == []


class TestRegistry:
    def test_ids_are_kebab_case_and_documented(self) -> None:
        for rule_id, rule in RULES.items():
            assert rule.id == rule_id
            assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule_id)
            assert rule.summary.endswith("."), f"{rule_id}: the summary is one sentence"
            assert rule.summary == rule.doc.splitlines()[0]

    def test_the_warnings_are_the_rules_the_issue_names_as_warnings(self) -> None:
        warnings = {rule.id for rule in RULES.values() if rule.severity is Severity.WARNING}
        assert {"delivery-before-contract", "unused-source", "unused-actor", "events-out-of-order"} <= warnings
        assert {"source-predates-event", "future-date", "related-unknown", "duplicate-timeline-id"}.isdisjoint(warnings)

    def test_only_unreadable_paths_cannot_be_ignored(self) -> None:
        assert [rule.id for rule in RULES.values() if not rule.ignorable] == ["file-unreadable"]


@pytest.fixture
def alone(tmp_path: Path) -> Callable[[str], Path]:
    """A case copied alone into a folder (the cases beside it would be compared with it across files)."""

    def copy(name: str) -> Path:
        return Path(shutil.copy(INVALID / f"{name}.yaml", tmp_path / f"{name}.yaml"))

    return copy


class TestRuleDetails:
    """What the data cases do not show: messages, exemptions and boundaries."""

    def test_future_date_follows_today(self, alone, write_timeline, monkeypatch: pytest.MonkeyPatch) -> None:
        path = alone("future-date")
        assert "future-date" in {p.rule for p in check_paths([path], today=PINNED_TODAY).problems}
        assert "future-date" not in {p.rule for p in check_paths([path], today=date(2091, 5, 2)).problems}

    def test_future_date_message_names_the_day_and_the_remedy(self, alone) -> None:
        (problem,) = [
            p for p in check_paths([alone("future-date")], today=PINNED_TODAY).problems if p.rule == "future-date"
        ]
        assert "2091-05-02" in problem.message and "2025-06-01" in problem.message
        assert "status: expected" in problem.message

    def test_expected_events_are_exempt_from_source_predates_event(self, alone) -> None:
        problems = check_paths([alone("source-predates-event")], today=PINNED_TODAY).problems
        # The forecast's date has passed (expected-passed), but a forecast may predate its source.
        assert all("forecast" not in p.message for p in problems if p.rule != "expected-passed")
        assert [p.message for p in problems if p.rule == "source-predates-event"] == [
            "source 'wire' is dated 2020-01-10, before event 'reported-too-early' (2021) that it is cited for"
        ]

    def test_a_source_from_within_the_event_period_is_not_too_early(self, write_timeline) -> None:
        text = (INVALID / "source-predates-event.yaml").read_text(encoding="utf-8")
        # The source is dated 2020-01-10; an event of 2020 may have happened before it.
        path = write_timeline("source-predates-event", text.replace("date: 2021\n", "date: 2020\n"))
        assert "source-predates-event" not in {p.rule for p in check_paths([path], today=PINNED_TODAY).problems}

    def test_events_out_of_order_is_reported_once(self, alone) -> None:
        problems = check_paths([alone("events-out-of-order")], today=PINNED_TODAY).problems
        assert [p.rule for p in problems] == ["events-out-of-order"]
        assert "'second'" in problems[0].message and "'third'" in problems[0].message

    def test_delivered_counts_compare_units_without_case(self, alone) -> None:
        (problem,) = check_paths([alone("delivered-exceeds-ordered")], today=PINNED_TODAY).problems
        assert problem.message == "delivered 3 Battery but ordered only 2"

    def test_a_blank_title_is_one_problem_not_two(self, write_timeline) -> None:
        text = (INVALID / "empty-title.yaml").read_text(encoding="utf-8")
        path = write_timeline("empty-title", text.replace('title: "\\n"', 'title: ""'))
        # The schema refuses the timeline's '' (invalid-value); the event's blank title is found in the
        # same run (check/lenient.py), each once.
        assert [p.rule for p in check_paths([path], today=PINNED_TODAY).problems] == ["invalid-value", "empty-title"]

    def test_ignore_drops_a_rule(self, alone) -> None:
        path = alone("unsourced-event")
        assert {p.rule for p in check_paths([path], today=PINNED_TODAY, ignore={"unused-source"}).problems} == {
            "unsourced-event"
        }


class TestStatusAndExpected:
    """status-contradicted and expected-passed: the record against its events and against today."""

    def _problems(self, tmp_path: Path, text: str, today: date = PINNED_TODAY) -> list[tuple[str, str]]:
        path = tmp_path / "status-contradicted.yaml"
        path.write_text(text, encoding="utf-8")
        return [(p.rule, p.message) for p in check_paths([path], today=today).problems]

    def _case(self, status: str, cancellation: str = "status: claimed\n    claimed_by: [ruritania]") -> str:
        text = (INVALID / "status-contradicted.yaml").read_text(encoding="utf-8")
        text = text.replace("status: cancelled", f"status: {status}")
        return text.replace("status: claimed\n    claimed_by: [ruritania]", cancellation)

    def test_cancelled_without_a_cancellation_names_the_status_the_events_show(self, tmp_path: Path) -> None:
        problems = self._problems(tmp_path, self._case("cancelled"))
        assert [rule for rule, _ in problems] == ["status-contradicted"]
        assert "set the status its events show (signed)" in problems[0][1]

    def test_a_reported_cancellation_under_in_delivery_is_named(self, tmp_path: Path) -> None:
        problems = self._problems(tmp_path, self._case("in-delivery", "status: reported"))
        assert [rule for rule, _ in problems] == ["status-contradicted"]
        assert "'talk-of-dropping' reports a cancellation; set 'status: cancelled'" in problems[0][1]

    @pytest.mark.parametrize(
        ("status", "cancellation"),
        [
            ("cancelled", "status: reported"),
            ("suspended", "status: confirmed"),
            ("signed", "status: claimed\n    claimed_by: [ruritania]"),  # a claim is not counted
        ],
    )
    def test_a_status_the_events_bear_out_passes(self, tmp_path: Path, status: str, cancellation: str) -> None:
        assert self._problems(tmp_path, self._case(status, cancellation)) == []

    @pytest.mark.parametrize(
        ("status", "second", "shown"),
        [
            ("signed", "cancellation", "cancelled"),
            ("negotiating", "statement", "signed"),  # the contract of 2019-05 alone
            ("signed", "delivery", "in-delivery"),
        ],
    )
    def test_a_status_its_events_have_gone_past_is_named(
        self, tmp_path: Path, status: str, second: str, shown: str
    ) -> None:
        """`signed` beside a confirmed delivery: show said signed, show --as-of after it in-delivery (a new user)."""
        text = self._case(status, "status: reported").replace("type: cancellation", f"type: {second}")
        problems = self._problems(tmp_path, text)
        assert [rule for rule, _ in problems] == ["status-contradicted"]
        assert f"the deal is {status} but its confirmed or reported events show it {shown}" in problems[0][1]

    def test_expected_passed_follows_the_day_given_as_today(self, alone) -> None:
        path = alone("expected-passed")
        on = [p.rule for p in check_paths([path], today=date(2024, 5, 31)).problems]
        after = [p.message for p in check_paths([path], today=date(2024, 6, 1)).problems]
        assert on == []
        assert after == [
            "event 'delivery-due' is still expected, but its latest possible day (2024-05-31) is before today "
            "(2024-06-01); record what happened (status: confirmed or reported, with its source and date) "
            "or give the later date it slipped to"
        ]


class TestUndatedSource:
    """undated-source: only a source that alone supports a milestone or the status, and only without a date."""

    def _rules(self, tmp_path: Path, text: str) -> list[tuple[str, str]]:
        path = tmp_path / "undated-source.yaml"
        path.write_text(text, encoding="utf-8")
        return [(p.rule, p.message) for p in check_paths([path], today=PINNED_TODAY).problems]

    def _case(self) -> str:
        return (INVALID / "undated-source.yaml").read_text(encoding="utf-8")

    def test_the_contract_on_an_undated_source_alone_is_named(self, tmp_path: Path) -> None:
        assert self._rules(tmp_path, self._case()) == [
            (
                "undated-source",
                "source 'wire' has no date and is all that supports event 'contract' (2019-05: the deal's "
                "contract and status (signed)); add its publication date ('date:')",
            )
        ]

    def test_a_date_on_the_source_clears_it(self, tmp_path: Path) -> None:
        text = self._case().replace("with no date on the page\n", "with no date on the page\n    date: 2019-06\n")
        assert self._rules(tmp_path, text) == []

    def test_a_dated_source_beside_it_clears_it(self, tmp_path: Path) -> None:
        assert self._rules(tmp_path, self._case().replace("sources: [wire]", "sources: [wire, gazette]")) == []

    def test_an_event_that_gives_no_milestone_nor_the_status_is_left_alone(self, tmp_path: Path) -> None:
        """The talks (with a dated source beside) and the comment (a statement) cite 'blog' and pass;
        the first talks on 'blog' alone do not."""
        assert {rule for rule, _ in self._rules(tmp_path, self._case())} == {"undated-source"}
        as_talks = self._case().replace("sources: [blog, gazette]", "sources: [blog]")
        found = [message for rule, message in self._rules(tmp_path, as_talks) if rule == "undated-source"]
        assert [message.split(" has")[0] for message in found] == [
            "source 'wire'",
            "source 'blog'",
        ]


@pytest.mark.parametrize(
    ("field", "written", "invalid"),
    [
        ("type", "type: contract", "type: sale"),
        ("status", "title: Contract signed\n", "title: Contract signed\n    status: sure\n"),
        ("date", "date: 2019-05", "date: 2019-13"),
        ("title", "title: Contract signed", 'title: ""'),
        ("unknown field", "sources: [wire]\n", "sources: [wire]\n    colour: red\n"),
        ("deal status", "status: cancelled", "status: finished"),
        ("source url", "url: https://example.org/wire/1", "url: not-a-url"),
        ("actor kind", "kind: state}\n  ruritania", "kind: nation}\n  ruritania"),
    ],
)
def test_an_invalid_field_never_hides_another_record_s_problem(
    tmp_path: Path, field: str, written: str, invalid: str
) -> None:
    """One run finds the schema error and, in another record, an undefined source and a claim without claimant."""
    text = (INVALID / "status-contradicted.yaml").read_text(encoding="utf-8")
    text = text.replace("    claimed_by: [ruritania]\n", "")  # claim-without-claimant, in the second event
    text = text.replace("  - id: talk-of-dropping", "  - id: talk-of-dropping\n    sources: [nowhere]", 1)
    text = text.replace("    sources: [wire]\n    status: claimed", "    status: claimed")
    assert text.count(written) >= 1, field
    path = tmp_path / "status-contradicted.yaml"
    path.write_text(text.replace(written, invalid, 1), encoding="utf-8")
    rules = [p.rule for p in check_paths([path], today=PINNED_TODAY).problems]
    assert "undefined-source" in rules and "claim-without-claimant" in rules, (field, rules)
    assert any(rule in ("invalid-value", "unknown-field", "date-syntax", "url-format") for rule in rules), rules


def test_all_of_a_file_s_problems_in_one_run(tmp_path: Path) -> None:
    """An invalid type in one event, an undefined source in another, both in a third: one run lists all five."""
    case = DATA / "several" / "all-problems-at-once.yaml"
    alone = Path(shutil.copy(case, tmp_path / case.name))
    run = check_paths([alone], today=PINNED_TODAY)
    assert [(p.line, p.column, p.rule) for p in run.problems] == expected_problems(case)


def test_an_invalid_timeline_id_hides_no_event_s_problem(tmp_path: Path) -> None:
    text = (DATA / "several" / "all-problems-at-once.yaml").read_text(encoding="utf-8")
    path = tmp_path / "all-problems-at-once.yaml"
    path.write_text(text.replace("id: all-problems-at-once", "id: Not An Id", 1), encoding="utf-8")
    rules = [p.rule for p in check_paths([path], today=PINNED_TODAY).problems]
    assert rules.count("undefined-source") == 2 and "id-format" in rules
