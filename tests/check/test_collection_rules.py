"""The rules across a collection: source-conflict, event-conflict (with same_as) and related-one-way."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import TIMELINES, invoke

from armsdeal.check.rules import RULES
from armsdeal.check.runner import check_paths
from armsdeal.core.problems import Severity

URL = "https://example.org/news/1"
TODAY = date(2026, 11, 30)


def timeline(timeline_id: str, *, related: list[str] | None = None, **event: Any) -> dict[str, Any]:
    source = {"publisher": "Example News", "title": "Something happened", "url": URL, "date": "2021-01-02"}
    source |= event.pop("source", {})
    first = {"id": "it-happened", "date": "2019", "type": "statement", "title": "Something happened", "sources": ["s"]}
    data: dict[str, Any] = {
        "id": timeline_id,
        "title": "A timeline",
        "sources": {"s": source},
        "events": [first | event],
    }
    if related is not None:
        data["related"] = related
    return data


def write(folder: Path, *timelines: dict[str, Any]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for data in timelines:
        path = folder / f"{data['id']}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def found(*paths: Path, ignore: tuple[str, ...] = ()) -> list[tuple[str, str, str, str]]:
    run = check_paths(list(paths), today=TODAY, ignore=ignore)
    return [(Path(p.path).name, p.rule, str(p.severity), p.message) for p in run.problems]


def rules_found(*paths: Path) -> list[tuple[str, str, str]]:
    return [(name, rule, severity) for name, rule, severity, _ in found(*paths)]


class TestSourceConflict:
    def test_publisher_date_and_title(self, tmp_path: Path) -> None:
        write(
            tmp_path,
            timeline("a"),
            timeline("b", source={"publisher": "Example news"}),
            timeline("c", source={"date": "2019-01-03"}),
            timeline("d", source={"title": "Something else"}),
            timeline("e"),
        )
        problems = found(tmp_path)
        assert [(name, rule, severity) for name, rule, severity, _ in problems] == [
            ("b.yaml", "source-conflict", "error"),
            ("c.yaml", "source-conflict", "error"),
            ("d.yaml", "source-conflict", "warning"),
        ]
        message = problems[0][3]
        assert message.startswith(f"source 's' ({URL}): publisher 'Example news' where ")
        assert message.endswith("a.yaml:7:10 has 'Example News'")  # the other file's place
        assert "date '2019-01-03'" in problems[1][3]

    @pytest.mark.fast_paths  # a file read without places is the fast path's
    def test_a_finding_names_the_file_whose_place_its_message_writes(self, tmp_path: Path) -> None:
        """What the runner reads again with places when that file was read without (AcrossFinding.names)."""
        from armsdeal.check.runner import check_file

        paths = write(tmp_path, timeline("a"), timeline("b", source={"publisher": "Example news"}))
        results = [check_file(path, TODAY) for path in paths]
        (finding,) = RULES["source-conflict"].across_files(results, None)  # type: ignore[misc]
        assert (finding.file_index, finding.names) == (1, (str(paths[0]),))
        assert finding.problem.message.endswith(f"{paths[0]}:0:0 has 'Example News'")  # a read without places
        assert not results[0].located

    def test_a_missing_date_is_a_different_date(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a"), timeline("b", source={"date": None}))
        assert rules_found(tmp_path) == [("b.yaml", "source-conflict", "error")]
        assert "date none where" in found(tmp_path)[0][3]

    def test_a_trailing_slash_is_the_same_url(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a"), timeline("b", source={"url": URL + "/", "title": "Other"}))
        assert rules_found(tmp_path) == [("b.yaml", "source-conflict", "warning")]

    def test_a_single_file_is_compared_with_the_files_beside_it(self, tmp_path: Path) -> None:
        """pre-commit passes only the changed file: the folder it lives in is its collection."""
        _, b = write(tmp_path, timeline("a"), timeline("b", source={"publisher": "Other"}))
        assert rules_found(b) == [("b.yaml", "source-conflict", "error")]
        # Checking a alone: the conflict is reported in a, the checked file, naming b.
        problems = found(tmp_path / "a.yaml")
        assert [(name, rule) for name, rule, _, _ in problems] == [("a.yaml", "source-conflict")]
        assert "b.yaml:7:10 has 'Other'" in problems[0][3]

    def test_a_file_checked_through_a_link_is_not_read_again_beside_it(self, tmp_path: Path) -> None:
        """The files beside are matched by path first, then by real path: a file checked under
        another name (a link to it) is not a neighbour of itself."""
        _, b = write(tmp_path / "t", timeline("a"), timeline("b", source={"publisher": "Other"}))
        (tmp_path / "l").mkdir()
        (tmp_path / "l" / "b.yaml").symlink_to(b)
        problems = found(tmp_path / "t" / "a.yaml", tmp_path / "l" / "b.yaml")
        assert [(name, rule) for name, rule, _, _ in problems] == [("b.yaml", "source-conflict")]
        assert problems[0][3].startswith(f"source 's' ({URL}): publisher 'Other' where ")

    def test_ignored_like_any_rule(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a"), timeline("b", source={"publisher": "Other"}))
        assert found(tmp_path, ignore=("source-conflict",)) == []


class TestEventConflict:
    def test_same_id_in_related_timelines(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a", related=["b"]), timeline("b", related=["a"], date="2019-05", type="contract"))
        problems = found(tmp_path)
        assert [(name, rule, severity) for name, rule, severity, _ in problems] == [
            ("b.yaml", "event-conflict", "error"),
            ("b.yaml", "event-conflict", "error"),
        ]
        assert problems[0][3].startswith("event 'it-happened' has date '2019-05' but the same event in ")
        assert "a.yaml:" in problems[0][3] and problems[0][3].endswith("has '2019'")
        assert "type 'contract'" in problems[1][3]

    def test_unrelated_timelines_may_reuse_an_id(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a"), timeline("b", date="2020"))
        assert rules_found(tmp_path) == []

    def test_a_note_makes_it_a_warning(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a", related=["b"]), timeline("b", related=["a"], status="reported", note="Why."))
        assert rules_found(tmp_path) == [("b.yaml", "event-conflict", "warning")]
        assert found(tmp_path)[0][3].endswith("(a note explains it)")

    def test_same_as_links_events_with_other_ids(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a"), timeline("b", id="request", same_as="a/it-happened", date="2018"))
        problems = found(tmp_path)
        assert [(name, rule) for name, rule, _, _ in problems] == [("b.yaml", "event-conflict")]
        assert "has date '2018' but the same event in" in problems[0][3]
        assert "('it-happened') has '2019'" in problems[0][3]

    def test_same_as_naming_a_missing_event(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a"), timeline("b", same_as="a/no-such-event"))
        [problem] = found(tmp_path)
        assert problem[:3] == ("b.yaml", "event-conflict", "error")
        assert "has no event 'no-such-event'" in problem[3]

    def test_same_as_must_be_deal_slash_event(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a", same_as="a-b"))
        [problem] = found(tmp_path)
        assert problem[1] == "invalid-value"
        assert "DEAL/EVENT-ID" in problem[3]

    def test_agreeing_events_pass(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a", related=["b"]), timeline("b", related=["a"], note="Same."))
        assert rules_found(tmp_path) == []


class TestRelatedOneWay:
    def test_reported_where_the_link_is(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a", related=["b"]), timeline("b"))
        problems = found(tmp_path)
        assert [(name, rule, severity) for name, rule, severity, _ in problems] == [
            ("a.yaml", "related-one-way", "warning")
        ]
        assert problems[0][3] == f"'b' is listed under related: but {tmp_path / 'b.yaml'} does not list 'a'"

    def test_checking_the_other_file_alone_reports_it_there(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("a", related=["b"]), timeline("b"))
        [problem] = found(tmp_path / "b.yaml")
        assert problem[:2] == ("b.yaml", "related-one-way")
        assert "lists 'b' under related: but this timeline does not list 'a'" in problem[3]


class TestBundledTimelines:
    """related-unknown accepts the id of a bundled timeline; the rules comparing timelines leave them out."""

    def test_a_bundled_id_resolves_and_the_bundled_file_is_not_compared(self, tmp_path: Path) -> None:
        """turkey-f35 is bundled: no related-unknown, no related-one-way (it does not list 'mine' back), and
        neither an event of the same id with another date nor a source of the same URL with another
        publisher is a conflict: the bundled timelines are not part of the collection."""
        from armsdeal.check.validate import load_timeline

        bundled = load_timeline(TIMELINES / "turkey-f35.yaml")
        event = bundled.events[0]
        url = str(next(iter(bundled.sources.values())).url)
        write(
            tmp_path,
            timeline("mine", related=["turkey-f35"], id=event.id, date="1990", source={"url": url, "publisher": "X"}),
        )
        assert found(tmp_path) == []

    def test_a_misspelt_bundled_id_is_unknown_and_suggested(self, tmp_path: Path) -> None:
        write(tmp_path, timeline("mine", related=["turkey-f53"]))
        assert found(tmp_path) == [
            (
                "mine.yaml",
                "related-unknown",
                "error",
                f"related timeline 'turkey-f53' is not among the checked files nor in {tmp_path}/ "
                "nor among the bundled timelines (did you mean 'turkey-f35'?)",
            )
        ]

    def test_checking_the_bundled_folder_itself_names_it_once(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without a folder of yours, check checks the bundled folder: the message is what it was."""
        from armsdeal.core import collection

        shipped = tmp_path / "bundled"
        write(shipped, timeline("a", related=["nope"]))
        monkeypatch.setattr(collection, "bundled_dir", lambda: shipped)
        assert found(shipped) == [
            (
                "a.yaml",
                "related-unknown",
                "error",
                f"related timeline 'nope' is not among the checked files nor in {shipped}/",
            )
        ]
        # And a folder of yours resolves the (stand-in) bundled 'a'.
        write(tmp_path / "mine", timeline("b", related=["a"]))
        assert found(tmp_path / "mine") == []


class TestRegistry:
    @pytest.mark.parametrize(
        ("rule_id", "severity"),
        [
            ("source-conflict", Severity.ERROR),
            ("event-conflict", Severity.ERROR),
            ("related-one-way", Severity.WARNING),
        ],
    )
    def test_documented_registry_entries(self, rule_id: str, severity: Severity) -> None:
        rule = RULES[rule_id]
        assert rule.across_files is not None and rule.check is None
        assert rule.severity is severity and rule.ignorable
        assert len(rule.doc.splitlines()) > 2

    def test_rules_command_documents_them(self, runner) -> None:
        result = invoke(runner, "rules", "event-conflict")
        assert "same_as: DEAL/EVENT-ID" in result.stdout

    def test_ignored_in_pyproject(self, runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "pyproject.toml").write_text('[tool.armsdeal]\nignore = ["related-one-way"]\n', encoding="utf-8")
        write(tmp_path / "t", timeline("a", related=["b"]), timeline("b"))
        monkeypatch.chdir(tmp_path)
        assert invoke(runner, "check", "t").exit_code == 0
        assert invoke(runner, "check", "--strict", "t").exit_code == 0


def test_the_shipped_collection_is_compared(runner) -> None:
    """`check timelines/` runs the collection rules over the four shipped files (what they find is issue 15's)."""
    run = check_paths([TIMELINES], today=TODAY)
    assert len(run.files) == 4
    collection_rules = {"source-conflict", "event-conflict", "related-one-way"}
    for problem in run.problems:
        if problem.rule in collection_rules:
            assert problem.located and problem.line > 1
