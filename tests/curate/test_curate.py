"""`armsdeal new`, `add` and `fmt`: they write what they say, keep everything else, and never lose data."""

from __future__ import annotations

import os
import re
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, ROOT, TIMELINES, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsdeal.check.runner import check_paths
from armsdeal.curate.add import Addition, add_event, slug
from armsdeal.curate.fmt import format_text
from armsdeal.read.stage import parse_bytes

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate

SHIPPED = sorted(TIMELINES.glob("*.yaml"))
VALID = sorted((DATA / "valid").glob("*.yaml"))
URL = "https://example.org/news/2"
TODAY = date(2026, 11, 30)


def data_of(text: str) -> Any:
    document = parse_bytes(text.encode("utf-8"), "t.yaml")
    assert not document.problems, document.problems
    return document.data


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path / "timelines"


def new_timeline(runner, *extra: str) -> Any:
    return invoke(
        runner,
        "new",
        "thailand-gripen",
        "--supplier",
        "sweden",
        "--recipient",
        "thailand",
        "--system",
        "Gripen E",
        *extra,
    )


class TestNew:
    def test_writes_a_timeline_that_passes_check(self, runner, folder: Path) -> None:
        result = new_timeline(runner)
        assert result.exit_code == 0, result.stderr
        path = folder / "thailand-gripen.yaml"
        text = path.read_text(encoding="utf-8")
        assert "# Every source an event cites" in text and "armsdeal add thailand-gripen" in text
        assert data_of(text)["title"] == "Thailand buys Gripen E from Sweden"
        run = check_paths([path], today=TODAY)
        assert run.exit_code() == 0, [str(p) for p in run.problems]
        assert "wrote timelines/thailand-gripen.yaml" in result.stderr

    def test_refuses_to_overwrite(self, runner, folder: Path) -> None:
        assert new_timeline(runner).exit_code == 0
        before = (folder / "thailand-gripen.yaml").read_bytes()
        result = new_timeline(runner, "--title", "Another")
        assert result.exit_code == 2
        assert "already exists" in result.stderr
        assert (folder / "thailand-gripen.yaml").read_bytes() == before

    @pytest.mark.parametrize(
        "args",
        [
            ("Thailand_Gripen", "--supplier", "sweden", "--recipient", "thailand", "--system", "G"),
            ("t", "--supplier", "Sweden", "--recipient", "thailand", "--system", "G"),
            ("t", "--supplier", "sweden", "--recipient", "sweden", "--system", "G"),
        ],
    )
    def test_ids_are_validated_first(self, runner, folder: Path, args: tuple[str, ...]) -> None:
        result = invoke(runner, "new", *args)
        assert result.exit_code == 2
        assert not folder.exists() or not list(folder.iterdir())


def added(folder: Path, *args: str, runner) -> Any:
    return invoke(runner, "add", "thailand-gripen", *args)


class TestAdd:
    def test_from_nothing_to_a_valid_timeline(self, runner, folder: Path) -> None:
        new_timeline(runner)
        result = invoke(
            runner,
            "add",
            "thailand-gripen",
            "--date",
            "2025-08-25",
            "--type",
            "contract",
            "--title",
            "Contract signed: 4 Gripen E",
            "--source",
            URL,
            "--publisher",
            "Example News",
            "--source-title",
            "Thailand signs for Gripen",
            "--source-date",
            "2025-08-26",
            "--actor",
            "thailand",
        )
        assert result.exit_code == 0, result.stderr
        path = folder / "thailand-gripen.yaml"
        data = data_of(path.read_text(encoding="utf-8"))
        assert data["events"] == [
            {
                "id": "contract-signed-4-gripen-e",
                "date": "2025-08-25",
                "type": "contract",
                "title": "Contract signed: 4 Gripen E",
                "actors": ["thailand"],
                "sources": ["example-news-2025-08-26"],
            }
        ]
        # The source's id and date are its own publication date (--source-date), not the event's.
        assert data["sources"] == {
            "example-news-2025-08-26": {
                "publisher": "Example News",
                "title": "Thailand signs for Gripen",
                "date": "2025-08-26",
                "url": URL,
            }
        }
        assert check_paths([path], today=TODAY).problems == []

    def test_only_the_added_lines_change(self, tmp_path: Path) -> None:
        text = UNUSUAL
        result = add_event(
            text, "t.yaml", Addition("2019-06", "delivery", "Radars arrive", URL, "Wire", "Radars"), today=TODAY
        )
        old, new = text.splitlines(keepends=True), result.text.splitlines(keepends=True)
        import difflib

        changes = [line for line in difflib.ndiff(old, new) if line[:1] in "+-"]
        assert all(line.startswith("+") for line in changes), changes
        kept = [line[2:] for line in difflib.ndiff(old, new) if line[:1] == " "]
        assert kept == old
        data = data_of(result.text)
        assert [e["id"] for e in data["events"]] == ["talks", "radars-arrive", "contract"]  # in date order

    def test_reuses_a_source_cited_in_the_file(self) -> None:
        result = add_event(
            UNUSUAL, "t.yaml", Addition("2020", "statement", "More", "https://example.org/a/"), today=TODAY
        )
        assert (result.source, result.source_id) == ("cited", "wire")
        assert data_of(result.text)["sources"] == data_of(UNUSUAL)["sources"]

    def test_takes_a_source_over_from_another_timeline(self) -> None:
        other = {"sources": {"rtr": {"publisher": "Reuters", "title": "T", "date": "2019-01-02", "url": URL}}}
        result = add_event(
            UNUSUAL, "t.yaml", Addition("2019", "statement", "X", URL), today=TODAY, others=[("o.yaml", other)]
        )
        assert (result.source, result.source_id, result.taken_from) == ("taken", "rtr", "o.yaml")
        assert data_of(result.text)["sources"]["rtr"] == other["sources"]["rtr"]

    def test_hidden_characters_are_written_as_fmt_writes_them(self) -> None:
        """A bidi override or zero-width space in the text is escaped in double quotes, so fmt changes nothing."""
        text = (TIMELINES / "turkey-s400.yaml").read_text(encoding="utf-8")
        assert format_text(text, "turkey-s400.yaml") == text  # the shipped file is in fmt's form to begin with
        title, note, source_title = "Reversed \u202eRTL text", "Said: 'x', \u202eRTL", "Zero\u200bwidth"
        addition = Addition("2019-06", "statement", title, URL, "Wire", source_title, note=note)
        result = add_event(text, "turkey-s400.yaml", addition, today=TODAY)
        assert format_text(result.text, "turkey-s400.yaml") == result.text
        assert "\u202e" not in result.text and "\u200b" not in result.text  # not raw in the file
        data = data_of(result.text)
        event = next(event for event in data["events"] if event["id"] == result.event_id)
        assert (event["title"], event["note"]) == (title, note)
        assert data["sources"][result.source_id]["title"] == source_title

    def test_unique_event_id(self) -> None:
        first = add_event(
            UNUSUAL, "t.yaml", Addition("2020", "statement", "Talks", "https://example.org/a"), today=TODAY
        )
        assert first.event_id == "talks-2"

    @pytest.mark.parametrize(
        ("option", "value", "hint"),
        [
            ("--type", "agreemnt", "did you mean 'agreement'"),
            ("--status", "confimed", "did you mean 'confirmed'"),
            ("--date", "2019-13", "month"),
            ("--source", "ftp://x", "http(s)"),
        ],
    )
    def test_usage_errors_exit_2_and_write_nothing(self, runner, folder: Path, option: str, value: str, hint: str):
        new_timeline(runner)
        path = folder / "thailand-gripen.yaml"
        before = path.read_bytes()
        args = {"--date": "2019", "--type": "offer", "--title": "T", "--source": URL, "--status": "reported"}
        args[option] = value
        flat = [item for pair in args.items() for item in pair]
        result = invoke(runner, "add", "thailand-gripen", *flat, "--publisher", "P", "--source-title", "S")
        assert result.exit_code == 2, result.stderr
        assert hint in result.stderr
        assert path.read_bytes() == before

    def test_an_invalid_result_is_located_and_not_written(self, runner, folder: Path) -> None:
        new_timeline(runner)
        path = folder / "thailand-gripen.yaml"
        before = path.read_bytes()
        result = invoke(
            runner, "add", "thailand-gripen", "--date", "2019", "--type", "offer", "--title", "T",
            "--source", URL, "--publisher", "P", "--source-title", "S", "--actor", "swedn",
        )  # fmt: skip
        assert result.exit_code == 2
        assert "nothing written: --actor 'swedn' is not under actors:" in result.stderr
        assert "did you mean 'sweden'" in result.stderr
        assert path.read_bytes() == before

    def test_an_interrupted_write_leaves_the_original(self, runner, folder: Path, monkeypatch) -> None:
        new_timeline(runner)
        path = folder / "thailand-gripen.yaml"
        before = path.read_bytes()

        def interrupted(*_args: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "replace", interrupted)
        result = invoke(
            runner, "add", "thailand-gripen", "--date", "2019", "--type", "offer", "--title", "T",
            "--source", URL, "--publisher", "P", "--source-title", "S",
        )  # fmt: skip
        assert result.exit_code != 0  # click turns the interrupt into "Aborted!"
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["thailand-gripen.yaml"]  # no temporary file left

    def test_slug(self) -> None:
        assert slug("Contract signed: 12 Gripen E") == "contract-signed-12-gripen-e"
        assert slug("Güler: «Türkiye» drops the kits, and more words here") == "guler-turkiye-drops-the-kits"

    @pytest.mark.parametrize(
        ("title", "expected"),
        [
            ("Kommersant reports Egypt signed for 20 Su-35 fighters", "kommersant-reports-egypt-signed"),
            ("Su-35 jets: first batch of Su-35SE delivered to the air force", "su-35-jets-first-batch-of-su-35se"),
            ("Egypt orders 24 Su-35", "egypt-orders-24-su-35"),
        ],
    )
    def test_ids_from_titles_end_at_a_word_boundary(self, title: str, expected: str) -> None:
        made = slug(title)
        assert made == expected
        words = {"-".join(part for part in re.split(r"[^a-z0-9]+", w.lower()) if part) for w in title.split()}
        assert made.split("-")[-1] in {w.split("-")[-1] for w in words}


UNUSUAL = """\
# A timeline with comments and a layout fmt would change.
id:   t            # spaces after the colon
title: "Quoted title"
sources:
    wire:                      # four spaces
        publisher: 'Wire'
        title: Something
        url: https://example.org/a
events:
-   id: talks      # dash at column 0, three spaces after it
    date: 2019-01
    type: negotiation
    title: Talks
    sources: [ wire ]

    # The contract, a comment above it.
-   id: contract
    date: "2019-09"
    type: contract
    title: Contract
    sources:
    - wire
# The end.
"""


class TestFmt:
    @pytest.mark.parametrize("path", SHIPPED + VALID, ids=lambda path: path.name)
    def test_idempotent_and_the_data_is_kept(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        once = format_text(text, str(path))
        assert format_text(once, str(path)) == once
        before, after = data_of(text), data_of(once)
        assert _sorted_events(before) == after

    def test_comments_are_kept_and_events_sorted(self) -> None:
        text = UNUSUAL.replace("date: 2019-01", "date: 2020-01")
        result = format_text(text, "t.yaml")
        for comment in ("# A timeline with comments", "# spaces after the colon", "# four spaces", "# The end."):
            assert comment in result
        assert [e["id"] for e in data_of(result)["events"]] == ["contract", "talks"]
        assert "  - id: contract\n" in result and "title: Quoted title\n" in result

    def test_check_lists_files_and_diff_shows_them(self, runner, tmp_path: Path) -> None:
        shutil.copy(DATA / "valid" / "minimal.yaml", tmp_path / "minimal.yaml")
        odd = tmp_path / "odd.yaml"
        odd.write_text(UNUSUAL.replace("id:   t", "id: odd"), encoding="utf-8")
        result = invoke(runner, "fmt", "--check", str(tmp_path))
        assert (result.exit_code, result.stdout) == (1, f"{odd}\n")
        assert "1 file would be reformatted, 1 unchanged" in result.stderr
        diff = invoke(runner, "fmt", "--diff", str(odd))
        assert diff.exit_code == 0 and diff.stdout.startswith(f"--- {odd}\n+++ {odd}\n")
        assert odd.read_text(encoding="utf-8").startswith("# A timeline")  # --diff writes nothing
        assert invoke(runner, "fmt", str(tmp_path)).exit_code == 0
        assert invoke(runner, "fmt", "--check", str(tmp_path)).exit_code == 0

    def test_a_name_is_looked_up_in_your_folder(self, runner, tmp_path: Path, monkeypatch) -> None:
        """`fmt NAME` as `add NAME`: the timeline of that name in your folder; an unknown one names those known."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "timelines").mkdir()
        path = tmp_path / "timelines" / "made-up.yaml"
        untidy = UNUSUAL.replace("id:   t", "id: made-up")
        path.write_text(untidy, encoding="utf-8")
        result = invoke(runner, "fmt", "made-up", "--check")
        assert (result.exit_code, result.stdout) == (1, "timelines/made-up.yaml\n")
        result = invoke(runner, "fmt", "made-upp")
        assert result.exit_code == 2
        assert result.stderr == "armsdeal: no timeline named 'made-upp' in timelines (known: made-up)\n"
        assert path.read_text(encoding="utf-8") == untidy

    def test_not_yaml_is_exit_1_and_untouched(self, runner, tmp_path: Path) -> None:
        bad = tmp_path / "bad.yaml"
        bad.write_text("id: x\ntitle: a: b\n", encoding="utf-8")
        result = invoke(runner, "fmt", str(bad))
        assert result.exit_code == 1 and "bad.yaml:2:9: error [yaml-syntax] invalid YAML" in result.stderr
        assert bad.read_text(encoding="utf-8") == "id: x\ntitle: a: b\n"

    def test_the_pre_commit_hook(self) -> None:
        hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
        fmt_hook = next(hook for hook in hooks if hook["id"] == "armsdeal-fmt")
        assert fmt_hook["entry"] == "python -m armsdeal fmt"  # no Windows .exe for the command (README)


def _sorted_events(data: dict[str, Any]) -> dict[str, Any]:
    from armsdeal.core.dates import parse_edtf

    events = sorted(data["events"], key=lambda event: parse_edtf(str(event["date"])).sort_key())
    return {**data, "events": events}


STYLES = st.sampled_from(
    [
        {"default_flow_style": False, "width": 80},
        {"default_flow_style": None, "width": 60},
        {"default_flow_style": False, "width": 1000, "indent": 4},
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, 40), events=st.integers(1, 12), style=STYLES, shuffle=st.randoms())
def test_fmt_property_generated_timelines(index: int, events: int, style: dict[str, Any], shuffle: Any) -> None:
    """fmt of fmt is fmt, and the data armsdeal reads is the same (events in date order)."""
    data = generate.timeline(generate.file_id(index), events, related=[generate.file_id(index ^ 1)])
    shuffle.shuffle(data["events"])
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, **style)
    once = format_text(text, "t.yaml")
    assert format_text(once, "t.yaml") == once
    assert data_of(once) == _sorted_events(data_of(text))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(SHIPPED),
    day=st.dates(min_value=__import__("datetime").date(2000, 1, 1), max_value=__import__("datetime").date(2025, 1, 1)),
    title=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
        lambda t: t.strip() == t and t.strip()
    ),
)
def test_add_property_shipped_timelines(path: Path, day: Any, title: str) -> None:
    """add keeps every event and source and adds exactly one event, whatever the title."""
    text = path.read_text(encoding="utf-8")
    addition = Addition(day.isoformat(), "statement", title, "https://example.org/new", "Example", title)
    result = add_event(text, str(path), addition, today=TODAY)
    before, after = data_of(text), data_of(result.text)
    assert after["sources"] == {
        **before["sources"],
        result.source_id: {"publisher": "Example", "title": title, "url": "https://example.org/new"},
    }
    assert [e for e in after["events"] if e["id"] != result.event_id] == before["events"]
    assert [e["title"] for e in after["events"] if e["id"] == result.event_id] == [title]


def test_fmt_reports_a_fifo_and_goes_on(runner, tmp_path: Path) -> None:
    """A FIFO named like a timeline is reported, never opened (it would wait for a writer forever)."""
    os.mkfifo(tmp_path / "pipe.yaml")
    shutil.copy(DATA / "valid" / "minimal.yaml", tmp_path / "minimal.yaml")
    result = invoke(runner, "fmt", "--check", str(tmp_path))
    assert result.exit_code == 2
    assert (
        "pipe.yaml: not a regular file" in result.stderr
        and "0 files would be reformatted, 1 unchanged" in result.stderr
    )


class TestSourceDate:
    """add --source-date: a new source's own publication date, in its entry and its id."""

    def _added(self, **options: Any) -> tuple[str, dict[str, Any]]:
        addition = Addition("2018-12", "contract", "Contract signed", URL, "Kommersant", "A page", **options)
        result = add_event(UNUSUAL, "t.yaml", addition, today=TODAY)
        return result.source_id, data_of(result.text)["sources"][result.source_id]

    def test_the_id_and_date_are_the_source_s_own(self) -> None:
        """A page of 18 Mar 2019 about a December 2018 event is 'kommersant-2019-03-18', dated so."""
        source_id, entry = self._added(source_date="2019-03-18")
        assert source_id == "kommersant-2019-03-18"
        assert entry["date"] == "2019-03-18"

    def test_without_a_source_date_the_id_has_no_date(self) -> None:
        """Never the event's date: the old 'kommersant-2018-12' named the event, not the page."""
        source_id, entry = self._added()
        assert source_id == "kommersant" and "date" not in entry

    def test_a_year_is_written_as_a_year(self) -> None:
        source_id, entry = self._added(source_date="2019")
        assert (source_id, entry["date"]) == ("kommersant-2019", 2019)

    def test_a_date_that_is_not_edtf_is_a_usage_error(self, runner, tmp_path: Path) -> None:
        (tmp_path / "t.yaml").write_text(UNUSUAL, encoding="utf-8")
        result = invoke(
            runner,
            "add",
            str(tmp_path / "t.yaml"),
            *("--date", "2018-12", "--type", "contract", "--title", "Contract signed", "--source", URL),
            *("--publisher", "Kommersant", "--source-title", "A page", "--source-date", "18 March 2019"),
        )
        assert result.exit_code == 2
        assert "--source-date:" in result.stderr
