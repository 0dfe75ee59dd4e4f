"""`armsdeal export` through the CLI: formats, stdout and -o, exit codes, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from conftest import TIMELINES
from conftest import invoke as run_cli

from armsdeal.check.validate import load_timeline
from armsdeal.export import FORMATS, export
from armsdeal.export.json_export import load_export

INVALID = """\
id: broken
title: Broken
sources: {}
events:
  - {id: e, date: 2017-13, type: contract, title: T, sources: [nowhere]}
"""


def invoke(runner, *args: str):
    return run_cli(runner, "export", *args, "--timelines", str(TIMELINES))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


class TestStdout:
    def test_markdown_by_default(self, runner) -> None:
        result = invoke(runner, "turkey-s400")
        assert result.exit_code == 0, result.stderr
        expected = export("markdown", [load_timeline(TIMELINES / "turkey-s400.yaml")])
        assert result.stdout == expected
        assert result.stderr == ""

    @pytest.mark.parametrize("name", [entry.name for entry in FORMATS if not entry.to_file])
    def test_every_registered_format_is_a_choice(self, runner, name: str) -> None:
        result = invoke(runner, "turkey-s400", "--format", name)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == export(name, [load_timeline(TIMELINES / "turkey-s400.yaml")])

    def test_json_output_loads_back(self, runner) -> None:
        result = invoke(runner, "turkey-s400", "india-s400", "-f", "json")
        assert [t.id for t in load_export(result.stdout)] == ["turkey-s400", "india-s400"]

    def test_several_names_merge_into_one_document(self, runner) -> None:
        rows = list(csv.DictReader(io.StringIO(invoke(runner, "turkey-s400", "india-s400", "-f", "csv").stdout)))
        assert {row["timeline"] for row in rows} == {"turkey-s400", "india-s400"}

    def test_a_path_works_like_a_name(self, runner) -> None:
        by_path = invoke(runner, str(TIMELINES / "turkey-s400.yaml"), "-f", "mermaid")
        assert by_path.exit_code == 0
        assert by_path.stdout == invoke(runner, "turkey-s400", "-f", "mermaid").stdout

    def test_mermaid_option_adds_the_diagram(self, runner) -> None:
        result = invoke(runner, "turkey-s400", "--mermaid")
        assert "```mermaid\ntimeline\n" in result.stdout

    def test_dash_means_stdout(self, runner, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        result = invoke(runner, "turkey-s400", "-o", "-", "-f", "csv")
        assert result.stdout.startswith("timeline,event_id,")
        assert list(tmp_path.iterdir()) == []


class TestOutputFile:
    def test_writes_the_same_text_as_stdout_and_nothing_on_stdout(self, runner, tmp_path: Path) -> None:
        target = tmp_path / "s400.md"
        result = invoke(runner, "turkey-s400", "-o", str(target))
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        assert target.read_text(encoding="utf-8") == invoke(runner, "turkey-s400").stdout
        assert leftovers(tmp_path) == []

    @pytest.mark.parametrize(
        ("file_name", "first_line"),
        [
            ("out.csv", "timeline,event_id,date,"),
            ("out.json", "{"),
            ("out.mmd", "timeline"),
            ("out.md", "# Turkey buys"),
            ("out.markdown", "# Turkey buys"),
            ("out.MD", "# Turkey buys"),
            ("out", "# Turkey buys"),  # no suffix: the default
        ],
    )
    def test_format_follows_the_suffix(self, runner, tmp_path: Path, file_name: str, first_line: str) -> None:
        target = tmp_path / file_name
        assert invoke(runner, "turkey-s400", "-o", str(target)).exit_code == 0
        assert target.read_text(encoding="utf-8").startswith(first_line)

    @pytest.mark.parametrize("file_name", ["out.docx", "out.txt", "out.pdf"])  # .db is sqlite's
    def test_a_suffix_no_format_claims_is_refused(self, runner, tmp_path: Path, file_name: str) -> None:
        """`-o out.html` used to write Markdown into out.html without a word (before the html format existed)."""
        target = tmp_path / file_name
        result = invoke(runner, "turkey-s400", "-o", str(target))
        assert result.exit_code == 2
        assert f"no export format is known for '{target.suffix}' files" in result.stderr
        assert "--format" in result.stderr and ".csv (csv)" in result.stderr
        assert not target.exists()

    def test_an_unknown_suffix_is_fine_with_a_format(self, runner, tmp_path: Path) -> None:
        target = tmp_path / "out.txt"
        assert invoke(runner, "turkey-s400", "--format", "csv", "-o", str(target)).exit_code == 0
        assert target.read_text(encoding="utf-8").startswith("timeline,event_id,date,")

    def test_an_explicit_format_wins_over_the_suffix(self, runner, tmp_path: Path) -> None:
        target = tmp_path / "story.json"
        assert invoke(runner, "turkey-s400", "-f", "timelinejs", "-o", str(target)).exit_code == 0
        assert "events" in json.loads(target.read_text(encoding="utf-8"))

    def test_replaces_an_existing_file_and_keeps_its_permissions(self, runner, tmp_path: Path) -> None:
        target = tmp_path / "s400.csv"
        target.write_text("old", encoding="utf-8")
        target.chmod(0o640)
        assert invoke(runner, "turkey-s400", "-o", str(target)).exit_code == 0
        assert target.read_text(encoding="utf-8").startswith("timeline,")
        assert stat.S_IMODE(target.stat().st_mode) == 0o640

    def test_a_new_file_gets_the_usual_permissions(self, runner, tmp_path: Path) -> None:
        target = tmp_path / "new.md"
        assert invoke(runner, "turkey-s400", "-o", str(target)).exit_code == 0
        umask = os.umask(0)
        os.umask(umask)
        assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask

    def test_a_failed_rename_leaves_the_old_file_and_no_temporary(self, runner, tmp_path, monkeypatch) -> None:
        target = tmp_path / "s400.md"
        target.write_text("old", encoding="utf-8")

        def fail(*args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("armsdeal.cli.output.os.replace", fail)
        result = invoke(runner, "turkey-s400", "-o", str(target))
        assert result.exit_code == 2
        assert "cannot write" in result.stderr and "No space left on device" in result.stderr
        assert target.read_text(encoding="utf-8") == "old"
        assert leftovers(tmp_path) == []

    def test_a_failed_render_writes_nothing(self, runner, tmp_path, monkeypatch) -> None:
        target = tmp_path / "s400.md"

        def broken(timelines, options):
            raise RuntimeError("renderer bug")

        monkeypatch.setattr("armsdeal.export.markdown.markdown_pieces", broken)
        with pytest.raises(RuntimeError):
            invoke(runner, "turkey-s400", "-o", str(target))
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize("existing", [False, True])
    def test_a_render_failing_half_way_leaves_the_target_as_it_was(
        self, runner, tmp_path, monkeypatch, existing: bool
    ) -> None:
        """Markdown is written in pieces as it is made: a failure after some were written still writes nothing."""
        target = tmp_path / "s400.md"
        if existing:
            target.write_text("old", encoding="utf-8")

        def half_way(timelines, options):
            yield "# A partial document\n" * 10_000  # more than a batch: written to the temporary file already
            raise RuntimeError("renderer bug")

        monkeypatch.setattr("armsdeal.export.markdown.markdown_pieces", half_way)
        with pytest.raises(RuntimeError):
            invoke(runner, "turkey-s400", "-o", str(target))
        assert leftovers(tmp_path) == []
        assert [path.name for path in tmp_path.iterdir()] == (["s400.md"] if existing else [])
        if existing:
            assert target.read_text(encoding="utf-8") == "old"

    def test_an_interrupted_write_leaves_no_temporary(self, runner, tmp_path, monkeypatch) -> None:
        target = tmp_path / "s400.md"

        def interrupted(descriptor: int) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr("armsdeal.cli.output.os.fsync", interrupted)
        result = invoke(runner, "turkey-s400", "-o", str(target))  # Click turns Ctrl-C into "Aborted!"
        assert result.exit_code != 0
        assert list(tmp_path.iterdir()) == []

    def test_a_missing_folder_exits_2(self, runner, tmp_path: Path) -> None:
        result = invoke(runner, "turkey-s400", "-o", str(tmp_path / "no" / "such" / "out.md"))
        assert result.exit_code == 2
        assert "cannot write" in result.stderr

    def test_a_folder_as_output_exits_2(self, runner, tmp_path: Path) -> None:
        assert invoke(runner, "turkey-s400", "-o", str(tmp_path)).exit_code == 2


class TestExitCodes:
    def test_invalid_timeline_exports_nothing_and_exits_1(self, runner, write_timeline, tmp_path) -> None:
        path = write_timeline("broken", INVALID)
        target = tmp_path / "out.md"
        result = invoke(runner, "turkey-s400", str(path), "-o", str(target))
        assert result.exit_code == 1
        assert result.stdout == ""
        assert f"{path}:5:" in result.stderr and "error [" in result.stderr
        assert not target.exists()
        assert leftovers(tmp_path) == []

    def test_invalid_timeline_on_stdout_prints_nothing(self, runner, write_timeline) -> None:
        result = invoke(runner, str(write_timeline("broken", INVALID)), "-f", "json")
        assert result.exit_code == 1
        assert result.stdout == ""

    @pytest.mark.parametrize("name", ["no-such-deal", "../../etc/passwd", "missing.yaml"])
    def test_unknown_names_exit_2(self, runner, name: str) -> None:
        result = invoke(runner, name)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith("armsdeal: ")

    def test_unknown_format_exits_2(self, runner) -> None:
        result = invoke(runner, "turkey-s400", "--format", "pdf")
        assert result.exit_code == 2
        assert "markdown" in result.stderr  # the choices come from the registry

    def test_mermaid_with_another_format_exits_2(self, runner) -> None:
        result = invoke(runner, "turkey-s400", "--mermaid", "-f", "csv")
        assert result.exit_code == 2
        assert "--format mermaid" in result.stderr

    def test_the_same_timeline_twice_exits_2(self, runner) -> None:
        result = invoke(runner, "turkey-s400", str(TIMELINES / "turkey-s400.yaml"))
        assert result.exit_code == 2
        assert "more than once" in result.stderr

    def test_help_lists_the_formats(self, runner) -> None:
        result = run_cli(runner, "export", "--help")
        assert result.exit_code == 0
        for name in FORMATS.names():
            assert name in result.stdout


def test_refuses_to_overwrite_the_timeline_it_exports(runner, tmp_path: Path) -> None:
    source = tmp_path / "turkey-s400.yaml"
    source.write_bytes((TIMELINES / "turkey-s400.yaml").read_bytes())
    result = run_cli(runner, "export", str(source), "-o", str(source))
    assert result.exit_code == 2
    assert "exports are not timeline files" in result.stderr
    assert source.read_bytes() == (TIMELINES / "turkey-s400.yaml").read_bytes()


def test_an_empty_timeline_left_out_is_not_blamed_on_filters(runner, tmp_path) -> None:
    """export --all said 'no event of X matches the filters' when no filter was given (a new user's trial)."""
    (tmp_path / "empty-deal.yaml").write_text(
        "id: empty-deal\ntitle: A deal with no events yet\nsources: {}\nevents: []\n", encoding="utf-8"
    )
    result = run_cli(runner, "export", "empty-deal", "turkey-s400", "--timelines", str(tmp_path), "--format", "json")
    assert "empty-deal has no events yet; it is left out" in result.stderr
    filtered = invoke(runner, "turkey-s400", "--from", "2100", "--format", "json")
    assert "no event of turkey-s400 matches the filters" in filtered.stderr


EVENTLESS = Path(__file__).parents[1] / "data" / "eventless"


@pytest.mark.parametrize("name", sorted(entry.name for entry in FORMATS if not entry.to_file))
def test_all_exports_a_timeline_with_no_events(runner, name: str) -> None:
    """`export --all` left out a timeline with no events, while the docs say it exports every one `list` shows."""
    result = run_cli(runner, "export", "--all", "--timelines", str(EVENTLESS), "--format", name)
    assert result.exit_code == 0, result.stderr
    assert "empty-deal" in result.stdout or "A deal with no events yet" in result.stdout
    assert "left out" not in result.stderr


def test_all_to_a_database_has_the_timeline_with_no_events(runner, tmp_path: Path) -> None:
    import sqlite3

    target = tmp_path / "deals.db"
    result = run_cli(runner, "export", "--all", "--timelines", str(EVENTLESS), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(target) as connection:
        ids = {row[0] for row in connection.execute("SELECT id FROM deals")}
    assert "empty-deal" in ids


def test_all_in_csv_gives_a_timeline_with_no_events_a_row(runner) -> None:
    result = run_cli(runner, "export", "--all", "--timelines", str(EVENTLESS), "--format", "csv")
    rows = [row for row in csv.DictReader(io.StringIO(result.stdout)) if row["timeline"] == "empty-deal"]
    assert len(rows) == 1
    assert rows[0]["event_id"] == rows[0]["date"] == ""
