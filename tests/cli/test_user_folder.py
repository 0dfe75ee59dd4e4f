"""Your folder beside the bundled timelines: list, search, export --all, check and diff see them alike.

The user's folder (here ./timelines) holds my-deal, a copy of the bundled
turkey-s400 under another id (so it lists bundled timelines under related:),
and a turkey-f16 of its own that shadows the bundled turkey-f16.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TIMELINES, invoke

from armsdeal.check.validate import load_timeline
from armsdeal.core.search import matching_events

SHADOW = """\
id: turkey-f16
title: Our own notes on the F-16 deal
related: [my-deal]
sources:
  s: {publisher: P, title: T, url: 'https://example.org/s'}
events:
  - id: own-note
    date: 2021-10
    type: statement
    title: Our note on the F-16 request and the S-400 purchase
    sources: [s]
"""

BUNDLED = sorted(path.stem for path in TIMELINES.glob("*.yaml"))


@pytest.fixture
def user_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """./timelines with my-deal and a turkey-f16 that shadows the bundled one; the current folder is its parent."""
    folder = tmp_path / "timelines"
    folder.mkdir()
    copied = (TIMELINES / "turkey-s400.yaml").read_text(encoding="utf-8")
    (folder / "my-deal.yaml").write_text(copied.replace("id: turkey-s400\n", "id: my-deal\n", 1), encoding="utf-8")
    (folder / "turkey-f16.yaml").write_text(SHADOW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def listed(runner) -> list[str]:
    """The ids `list` shows, in its order."""
    result = invoke(runner, "list", "--no-cache", "--width", "200")
    assert result.exit_code == 0, result.stderr
    return [line.split()[0] for line in result.stdout.splitlines()[1:] if line and not line.startswith("yours:")]


def test_the_fixture_is_what_list_shows(runner, user_folder: Path) -> None:
    """The premise of the tests below: list shows yours and the bundled ones, turkey-f16 once (yours)."""
    assert "turkey-f16" in BUNDLED and "turkey-s400" in BUNDLED
    assert listed(runner) == sorted({"my-deal", *BUNDLED})


class TestSearch:
    def test_searches_your_folder_and_the_bundled_timelines_not_shadowed(self, runner, user_folder: Path) -> None:
        """Every timeline list shows is searched; the bundled turkey-f16 is not, yours is."""
        searched = [load_timeline(user_folder / "my-deal.yaml"), load_timeline(user_folder / "turkey-f16.yaml")]
        searched += [load_timeline(TIMELINES / f"{name}.yaml") for name in BUNDLED if name != "turkey-f16"]
        expected = matching_events(searched, "F-16")
        deals = {hit.entry.timeline.id for hit in expected}
        assert {"my-deal", "turkey-s400", "turkey-f35", "turkey-f16"} <= deals  # yours and the bundled ones

        result = invoke(runner, "search", "F-16", "--width", "200")
        assert result.exit_code == 0, result.stderr
        assert f"{len(expected)} event(s) in {len(deals)} timeline(s)" in result.stderr
        lines = result.stdout.splitlines()
        for deal in deals:
            assert any(f" {deal} " in line for line in lines), deal
        assert "Our note on the F-16 request and the S-400 purchase" in result.stdout
        # No event of the bundled turkey-f16 (shadowed by yours) is shown: turkey-f16's one hit is yours.
        bundled_f16 = load_timeline(TIMELINES / "turkey-f16.yaml")
        assert matching_events([bundled_f16], "F-16"), "the bundled turkey-f16 must match for this test to mean much"
        assert [line.endswith("(own-note)") for line in lines if " turkey-f16 " in line] == [True]

    def test_an_invalid_file_of_yours_is_named_and_the_rest_searched(self, runner, user_folder: Path) -> None:
        """Exit 1 as documented; the bundled timelines are still searched."""
        (user_folder / "broken.yaml").write_text("id: broken\ntitel: x\n", encoding="utf-8")
        result = invoke(runner, "search", "caatsa", "--width", "200")
        assert result.exit_code == 1
        assert "skipped timelines/broken.yaml" in result.stderr
        assert " india-s400 " in result.stdout  # bundled

    def test_no_match_names_both_places(self, runner, user_folder: Path) -> None:
        result = invoke(runner, "search", "no such words anywhere")
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "no event in timelines or the bundled timelines mentions" in result.stderr

    def test_without_a_folder_of_yours_the_bundled_ones_alone(self, runner, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        bundled = [load_timeline(TIMELINES / f"{name}.yaml") for name in BUNDLED]
        expected = matching_events(bundled, "S-400")
        result = invoke(runner, "search", "S-400", "--width", "200")
        assert result.exit_code == 0
        deals = len({hit.entry.timeline.id for hit in expected})
        assert f"{len(expected)} event(s) in {deals} timeline(s)" in result.stderr


class TestExportAll:
    def csv_rows(self, runner) -> list[list[str]]:
        import csv
        import io

        result = invoke(runner, "export", "--all", "--format", "csv")
        assert result.exit_code == 0, result.stderr
        return list(csv.reader(io.StringIO(result.stdout)))[1:]

    def test_exports_what_list_shows(self, runner, user_folder: Path) -> None:
        """Yours, then the bundled ones not shadowed: the timeline column names exactly list's ids."""
        rows = self.csv_rows(runner)
        assert {row[0] for row in rows} == set(listed(runner))
        # turkey-f16 is yours: its one event, not the bundled one's.
        assert [row for row in rows if row[0] == "turkey-f16"] == [
            row for row in rows if "Our note on the F-16 request" in ",".join(row)
        ]
        assert len([row for row in rows if row[0] == "turkey-f16"]) == 1

    def test_an_invalid_file_of_yours_exports_nothing(self, runner, user_folder: Path) -> None:
        """As documented for export: its problems on stderr, exit 1, nothing on stdout."""
        (user_folder / "broken.yaml").write_text("id: broken\ntitel: x\n", encoding="utf-8")
        result = invoke(runner, "export", "--all", "--format", "csv")
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "broken.yaml" in result.stderr

    def test_without_a_folder_of_yours_the_bundled_ones(self, runner, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        assert {row[0] for row in self.csv_rows(runner)} == set(BUNDLED)

    @pytest.mark.parametrize("name", ["turkey-f35", "TURKEY-F35", "turkey-f35.yaml"])
    def test_a_bundled_name_exports_to_a_file_beside_a_folder_of_yours(
        self, runner, user_folder: Path, tmp_path: Path, name: str
    ) -> None:
        """-o checks that it does not overwrite the timeline by the same lookup that found it."""
        target = tmp_path / "out.md"
        result = invoke(runner, "export", name, "-o", str(target))
        assert result.exit_code == 0, result.stderr
        assert target.read_text(encoding="utf-8").startswith("# ")


class TestCheck:
    def test_checks_your_folder_and_resolves_related_ids_among_the_bundled(self, runner, user_folder: Path) -> None:
        """my-deal lists turkey-f35 and india-s400 (bundled) and turkey-f16 (yours): all resolve. The bundled
        timelines are not checked, and none of them is reported for not listing my-deal back."""
        result = invoke(runner, "check", "--no-source")
        assert result.exit_code == 0, result.stdout
        assert result.stdout == ""
        assert "no problems in 2 files" in result.stderr

    def test_an_unknown_id_names_the_bundled_timelines_and_the_closest(self, runner, user_folder: Path) -> None:
        path = user_folder / "my-deal.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("related: [turkey-f35,", "related: [turkey-f53, no-such-deal, turkey-f35,"))
        result = invoke(runner, "check", "--no-source")
        assert result.exit_code == 1
        problems = re.findall(r"\[related-unknown\] (.*)", result.stdout)
        assert problems == [
            "related timeline 'turkey-f53' is not among the checked files nor in timelines/ "
            "nor among the bundled timelines (did you mean 'turkey-f35'?)",
            "related timeline 'no-such-deal' is not among the checked files nor in timelines/ "
            "nor among the bundled timelines",
        ]
        assert "in 1 of 2 files" in result.stderr

    def test_without_a_folder_of_yours_the_bundled_folder_as_before(self, runner, tmp_path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        result = invoke(runner, "check")
        assert result.exit_code == 0
        assert f"no problems in {len(BUNDLED)} files" in result.stderr


class TestDiff:
    def test_a_bundled_name_against_your_copy(self, runner, user_folder: Path) -> None:
        """`diff turkey-s400 my-deal`: the bundled timeline and yours, each found on the search path."""
        result = invoke(runner, "diff", "turkey-s400", "my-deal", "--force", "--width", "200")
        assert result.exit_code == 1, result.stderr
        assert "the ids differ" in result.stderr
        # The same content under another id: the id is the one difference.
        changes = [line.strip() for line in result.stdout.splitlines() if line.lstrip().startswith(("~", "+", "-"))]
        assert changes == ["~ id turkey-s400 -> my-deal"], result.stdout

    def test_your_file_shadows_the_bundled_one(self, runner, user_folder: Path) -> None:
        """turkey-f16 is yours (one event), not the bundled one: every bundled event is reported removed."""
        result = invoke(runner, "diff", str(TIMELINES / "turkey-f16.yaml"), "turkey-f16", "--format", "json")
        assert result.exit_code == 1, result.stderr
        assert "own-note" in result.stdout


class TestFromASubfolderOfTheRepository:
    """Every command finds the repository's timelines/ from a subfolder, as diff and git do (one rule)."""

    @pytest.fixture
    def subfolder(self, user_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        (user_folder.parent / ".git").mkdir()  # what marks the top; no git process is asked
        deep = user_folder.parent / "notes" / "2026"
        deep.mkdir(parents=True)
        monkeypatch.chdir(deep)
        return deep

    def test_list_show_and_check_see_your_folder(self, runner, subfolder: Path) -> None:
        assert listed(runner) == sorted({"my-deal", *BUNDLED})
        shown = invoke(runner, "show", "my-deal", "--no-cache", "--width", "100", "--color", "never")
        assert shown.exit_code == 0, shown.stderr
        assert "Turkey buys" in shown.stdout
        checked = invoke(runner, "check")
        assert checked.exit_code == 0, checked.stderr
        assert "2 files" in checked.stderr  # my-deal and your turkey-f16, not the four bundled files

    def test_add_writes_into_your_folder(self, runner, subfolder: Path, user_folder: Path) -> None:
        args = ["add", "my-deal", "--id", "from-a-subfolder", "--date", "2017-11", "--type", "statement"]
        args += [
            "--title",
            "A note added from a subfolder",
            "--source",
            "https://armyrecognition.com/november_2017_global_defense_security_news_industry/contract_of_russian_s-400_missile_systems_to_turkey_could_reach_$2_billion.html",
        ]
        result = invoke(runner, *args)
        assert result.exit_code == 0, result.stderr
        assert "from-a-subfolder" in (user_folder / "my-deal.yaml").read_text(encoding="utf-8")
        assert not (subfolder / "timelines").exists()

    def test_outside_a_repository_the_bundled_ones_alone(self, runner, user_folder: Path, monkeypatch) -> None:
        elsewhere = user_folder.parent / "notes"
        elsewhere.mkdir()
        monkeypatch.chdir(elsewhere)  # no .git above: ../timelines is not yours
        assert listed(runner) == BUNDLED
