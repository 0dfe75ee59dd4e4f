"""`armsdeal import sipri`: SIPRI trade-register CSV -> timeline skeletons that pass `check`.

The fixtures in tests/data/sipri/ are written for these tests in the register's
layout (title lines, header, unnamed mark columns); their rows are test data,
not SIPRI's records and not facts of the shipped timelines.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import DATA, TODAY, invoke

from armsdeal.check.validate import load_timeline
from armsdeal.core.errors import InputError
from armsdeal.importers.sipri import Selection, Value, decode, delivery_years, read_register, slug

SIPRI = DATA / "sipri"
REGISTER = SIPRI / "register.csv"  # UTF-8 with a BOM, CRLF, long header names, mark columns
LATIN1 = SIPRI / "register-latin1.csv"  # Latin-1, other column order, short header names
MALFORMED = SIPRI / "register-malformed.csv"


def run(runner, *args: str):
    return invoke(runner, "import", "sipri", *args)


def document(folder: Path, name: str) -> dict:
    return yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def imported(runner, tmp_path: Path) -> Path:
    result = run(runner, str(REGISTER), "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    return tmp_path


class TestRegister:
    def test_one_timeline_per_row_named_by_recipient_supplier_designation(self, imported: Path) -> None:
        assert sorted(p.stem for p in imported.glob("*.yaml")) == [
            "india-russia-s-400",
            "nato-exampleland-awacs-t",
            "rebel-group-testland-rpg-z",
            "testland-exampleland-frigate-x",
            "testland-exampleland-frigate-x-2022",  # a second order of the same design: the year tells them apart
            "testland-russia-tor-m2",
            "turkey-russia-s-400",
        ]

    def test_every_skeleton_passes_check_strictly(self, runner, imported: Path) -> None:
        result = invoke(runner, "check", "--strict", str(imported))
        assert result.exit_code == 0, result.stdout + result.stderr

    def test_the_deal_record(self, imported: Path) -> None:
        timeline = load_timeline(imported / "turkey-russia-s-400.yaml", today=TODAY)
        assert timeline.deal is not None
        deal = timeline.deal
        assert (deal.supplier, deal.recipient, deal.system, deal.category) == (
            "russia",
            "turkey",
            "S-400",
            "SAM system",
        )
        assert deal.ordered is not None and (deal.ordered.count, deal.ordered.approximate) == (4, False)
        assert deal.delivered is not None and deal.delivered.count == 4
        assert deal.note is not None
        assert deal.note.startswith('Test comment: one "regimental set"; financed by a loan')
        assert "per unit 100" in deal.note and "SIPRI status: New." in deal.note

    def test_order_and_delivery_events_at_year_precision(self, imported: Path) -> None:
        timeline = load_timeline(imported / "turkey-russia-s-400.yaml", today=TODAY)
        assert [(e.id, str(e.date), str(e.type)) for e in timeline.events] == [
            ("order-2017", "2017", "contract"),
            ("delivery-2019", "2019", "delivery"),
        ]
        assert all(e.sources == ["sipri-atdb"] for e in timeline.events)

    def test_sipri_is_the_source_with_the_generation_date(self, imported: Path) -> None:
        source = document(imported, "turkey-russia-s-400")["sources"]["sipri-atdb"]
        assert source["date"] == "2025-03-10"
        assert source["url"].startswith("https://www.sipri.org/")
        assert "line 6" in source["note"]

    def test_a_range_of_delivery_years_gives_one_event_a_year(self, imported: Path) -> None:
        events = document(imported, "india-russia-s-400")["events"]
        assert [e["id"] for e in events] == ["order-2018", "delivery-2021", "delivery-2022", "delivery-2023"]

    def test_marks_and_parentheses_are_approximate(self, imported: Path) -> None:
        tor = document(imported, "testland-russia-tor-m2")
        assert tor["events"][0]["date"] == "2016~"  # "?" in the unnamed column beside Year of order
        assert tor["deal"]["ordered"]["approximate"] is True  # "(4)"
        assert tor["deal"]["delivered"]["approximate"] is True
        assert [e["id"] for e in tor["events"][1:]] == ["delivery-2019", "delivery-2021"]  # a list "2019; 2021"
        frigate = document(imported, "testland-exampleland-frigate-x")
        assert frigate["events"][0]["date"] == "2020~"  # "(2020)"
        assert frigate["deal"]["ordered"]["approximate"] is True  # "?" beside Number ordered
        assert [(e["date"], e.get("status")) for e in frigate["events"][1:]] == [("2023", None), ("2026~", "expected")]
        awacs = document(imported, "nato-exampleland-awacs-t")
        assert [e["date"] for e in awacs["events"][1:]] == ["2022~", "2023~"]  # "(2022-2023)"

    def test_non_state_parties(self, imported: Path) -> None:
        rebels = document(imported, "rebel-group-testland-rpg-z")
        assert rebels["actors"]["rebel-group"]["kind"] == "organisation"
        assert "non-state" in rebels["actors"]["rebel-group"]["note"]
        assert "delivered" not in rebels["deal"]
        assert [e["type"] for e in rebels["events"]] == ["contract"]
        assert document(imported, "nato-exampleland-awacs-t")["actors"]["nato"]["name"] == "NATO"

    def test_latin1_other_order_and_short_header_names(self, runner, tmp_path: Path) -> None:
        result = run(runner, str(LATIN1), "-o", str(tmp_path))
        assert result.exit_code == 0, result.stderr
        timeline = load_timeline(tmp_path / "cote-d-ivoire-france-patrouilleur-z.yaml", today=TODAY)
        assert timeline.actor_name("cote-d-ivoire") == "Côte d'Ivoire"
        assert timeline.deal is not None and timeline.deal.note == "Livré à Abidjan"
        assert [str(e.date) for e in timeline.events] == ["2015", "2017"]
        assert (
            document(tmp_path, "cote-d-ivoire-france-patrouilleur-z")["sources"]["sipri-atdb"]["date"] == "2025-01-31"
        )

    def test_stdout_lists_the_written_files(self, runner, tmp_path: Path) -> None:
        result = run(runner, str(REGISTER), "-o", str(tmp_path))
        assert sorted(result.stdout.split()) == sorted(str(p) for p in tmp_path.glob("*.yaml"))
        assert "7 timeline(s) written" in result.stderr


class TestSelection:
    def test_by_recipient_supplier_and_system_into_the_current_folder(self, runner, tmp_path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        result = run(runner, str(REGISTER), "--recipient", "turkey", "--supplier", "Russia", "--system", "s-400")
        assert result.exit_code == 0, result.stderr
        assert [p.name for p in tmp_path.iterdir()] == ["turkey-russia-s-400.yaml"]
        assert "6 row(s) not selected" in result.stderr  # said, not silently dropped

    def test_system_matches_the_description_too(self, tmp_path: Path) -> None:
        found = read_register(REGISTER.read_bytes(), "r.csv", selection=Selection(system="frigate"), today=TODAY)
        assert [s.id for s in found.skeletons] == [
            "testland-exampleland-frigate-x",
            "testland-exampleland-frigate-x-2022",
        ]

    def test_a_non_state_marker_does_not_hide_a_party(self) -> None:
        found = read_register(REGISTER.read_bytes(), "r.csv", selection=Selection(recipient="NATO"), today=TODAY)
        assert [s.id for s in found.skeletons] == ["nato-exampleland-awacs-t"]


class TestProblems:
    def test_malformed_rows_are_located_and_the_good_row_is_written(self, runner, tmp_path: Path) -> None:
        result = run(runner, str(MALFORMED), "-o", str(tmp_path))
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        located = [line.split(": error [sipri-row] ")[0] for line in lines if "[sipri-row]" in line]
        assert located == [f"{MALFORMED}:{n}:1" for n in range(4, 11)]
        stderr = " ".join(result.stderr.split())
        for words in (
            "'20x7' is not a year",
            "'four' is not a whole number",
            "run backwards",
            "more cells than the header",
            "the recipient is empty",
            "neither a year of order nor years of delivery",
            "would not pass check: [delivered-exceeds-ordered]",
            "1 timeline(s) written",
            "7 row(s) not imported",
        ):
            assert words in stderr
        assert [p.name for p in tmp_path.iterdir()] == ["testland-russia-igla-t.yaml"]

    def test_an_existing_file_is_never_overwritten(self, runner, tmp_path: Path) -> None:
        existing = tmp_path / "turkey-russia-s-400.yaml"
        existing.write_text("curated: keep\n", encoding="utf-8")
        result = run(runner, str(REGISTER), "-o", str(tmp_path))
        assert result.exit_code == 1
        assert existing.read_text(encoding="utf-8") == "curated: keep\n"
        assert f"{REGISTER}:6:1: error [sipri-row] '{existing}' exists; not overwritten: " in result.stderr
        assert "import into another folder with -o" in result.stderr
        assert (tmp_path / "india-russia-s-400.yaml").exists()
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    def test_a_file_without_a_register_header_exits_2(self, runner, tmp_path: Path) -> None:
        other = tmp_path / "other.csv"
        other.write_text("a,b\n1,2\n", encoding="utf-8")
        result = run(runner, str(other), "-o", str(tmp_path))
        assert result.exit_code == 2
        assert "no header row with 'Recipient' and 'Supplier'" in result.stderr

    def test_a_missing_file_exits_2(self, runner, tmp_path: Path) -> None:
        result = run(runner, str(tmp_path / "nope.csv"), "-o", str(tmp_path))
        assert result.exit_code == 2
        assert "cannot read" in result.stderr

    def test_a_csv_error_stops_reading_and_says_so(self) -> None:
        raw = REGISTER.read_bytes().replace(b"India,Russia", b"India,Russia" + b"x" * 200_000)  # csv's field limit
        found = read_register(raw, "r.csv", today=TODAY)
        assert [s.id for s in found.skeletons] == ["turkey-russia-s-400"]
        assert [(p.line, p.rule) for p in found.problems] == [(7, "sipri-row")]
        assert "the rest of the file was not read" in found.problems[0].message

    def test_a_header_without_a_designation_is_located(self) -> None:
        raw = b"Title\nRecipient,Supplier,Year of order\nTurkey,Russia,2017\n"
        with pytest.raises(InputError, match=r"f\.csv:2: the header has no 'designation' column"):
            read_register(raw, "f.csv", today=TODAY)

    def test_hostile_text_stays_text(self, tmp_path: Path, runner) -> None:
        register = tmp_path / "r.csv"
        register.write_text(
            "Recipient,Supplier,Year of order,Weapon designation,Comments\n"
            'Testland,Russia,2017,"S-400 &anchor *alias","!!python/object:os.system \'rm\' {x: 1} [ ] #"\n',
            encoding="utf-8",
        )
        result = run(runner, str(register), "-o", str(tmp_path))
        assert result.exit_code == 0, result.stderr
        timeline = load_timeline(tmp_path / "testland-russia-s-400-anchor-alias.yaml", today=TODAY)
        assert timeline.deal is not None
        assert timeline.deal.system == "S-400 &anchor *alias"
        assert timeline.deal.note == "!!python/object:os.system 'rm' {x: 1} [ ] #"


class TestParts:
    @pytest.mark.parametrize(
        ("text", "years"),
        [
            ("2019", [(2019, False)]),
            ("(2025)", [(2025, True)]),
            ("2019-2020", [(2019, False), (2020, False)]),
            ("2019 - 2021", [(2019, False), (2020, False), (2021, False)]),
            ("2019; 2021", [(2019, False), (2021, False)]),
            ("2019, (2021)", [(2019, False), (2021, True)]),
            ("2019-(2020)", [(2019, True), (2020, True)]),
            ("(2022-2023)", [(2022, True), (2023, True)]),
            ("", []),
        ],
    )
    def test_delivery_years(self, text: str, years: list[tuple[int, bool]]) -> None:
        assert delivery_years(Value(text)) == years

    def test_a_mark_column_makes_every_delivery_year_uncertain(self) -> None:
        assert delivery_years(Value("2019-2020", uncertain=True)) == [(2019, True), (2020, True)]

    def test_slug(self) -> None:
        assert slug("S-400 Triumf") == "s-400-triumf"
        assert slug("Côte d'Ivoire") == "cote-d-ivoire"
        assert slug("F-16C/D Block 70") == "f-16c-d-block-70"

    def test_decode(self) -> None:
        assert decode("é".encode()) == "é"
        assert decode(b"\xef\xbb\xbfRecipient") == "Recipient"
        assert decode("Côte".encode("latin-1")) == "Côte"

    def test_today_decides_nothing_before_the_generation_date(self) -> None:
        early = read_register(REGISTER.read_bytes(), "r.csv", today=date(2025, 3, 10))
        assert len(early.skeletons) == 7 and not early.problems


HEADER = "Recipient,Supplier,Year of order,Number ordered,Weapon designation,Weapon description,Status,Comments\n"


def write_register(folder: Path, rows: str, *, encoding: str = "utf-8", name: str = "r.csv") -> Path:
    path = folder / name
    path.write_bytes((HEADER + rows).encode(encoding))
    return path


class TestHardening:
    """Issue 27 (defects 4, 8, 11) and issue 26 (every writer writes fmt's form)."""

    def test_every_written_file_is_in_fmts_form(self, runner, imported: Path) -> None:
        assert invoke(runner, "fmt", "--check", str(imported)).exit_code == 0

    def test_the_output_folder_is_created(self, runner, tmp_path: Path) -> None:
        result = run(runner, str(REGISTER), "-o", str(tmp_path / "new" / "folder"))
        assert result.exit_code == 0, result.stderr
        assert list((tmp_path / "new" / "folder").glob("*.yaml"))

    def test_sipris_comment_and_the_generated_sentence_stay_apart(self, imported: Path) -> None:
        note = document(imported, "turkey-russia-s-400")["deal"]["note"]
        assert "financed by a loan\nSIPRI status: New." in note

    def test_windows_1252_is_read_as_windows_1252(self, runner, tmp_path: Path) -> None:
        """Defect 4: read as Latin-1, the apostrophe 0x92 became a control character in the name."""
        path = write_register(tmp_path, "C\u00f4te d\u2019Ivoire,France,2019,2,Gowind,ship,New,\n", encoding="cp1252")
        result = run(runner, str(path), "-o", str(tmp_path))
        assert result.exit_code == 0, result.stderr
        (written,) = tmp_path.glob("*.yaml")
        assert document(tmp_path, written.stem)["actors"]["cote-d-ivoire"]["name"] == "C\u00f4te d\u2019Ivoire"

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
    def test_a_byte_order_mark_names_the_encoding(self, runner, tmp_path: Path, encoding: str) -> None:
        path = write_register(
            tmp_path, "\u0420\u043e\u0441\u0441\u0438\u044f,France,2019,2,X,ship,New,\n", encoding=encoding
        )
        result = run(runner, str(path), "-o", str(tmp_path))
        assert result.exit_code == 0, result.stderr
        (written,) = tmp_path.glob("*.yaml")
        actors = document(tmp_path, written.stem)["actors"]
        assert "\u0420\u043e\u0441\u0441\u0438\u044f" in [actor["name"] for actor in actors.values()]

    def test_the_encoding_option(self, runner, tmp_path: Path) -> None:
        path = write_register(tmp_path, "Testland,France,2019,2,X,ship,New,\n", encoding="utf-16-le")
        assert run(runner, str(path), "--encoding", "utf-16-le", "-o", str(tmp_path)).exit_code == 0
        result = run(runner, str(path), "--encoding", "nonsense", "-o", str(tmp_path))
        assert result.exit_code == 2 and "--encoding" in result.stderr

    def test_a_huge_number_is_a_located_error(self, runner, tmp_path: Path) -> None:
        """Defect 8: a 5,000-digit number gave an internal ValueError."""
        path = write_register(
            tmp_path, f"Testland,France,2019,{'9' * 5000},X,ship,New,\nTestland,France,2019,2,Y,ship,,\n"
        )
        result = run(runner, str(path), "-o", str(tmp_path))
        assert result.exit_code == 1
        assert "r.csv:2:1: error [sipri-row] number ordered" in result.stderr
        assert len(list(tmp_path.glob("*.yaml"))) == 1

    def test_more_than_a_thousand_rows_with_one_id_are_all_written(self, tmp_path: Path) -> None:
        """Defect 8: the 1,000th repeat gave an internal StopIteration and nothing was written."""
        path = write_register(tmp_path, "Testland,France,2019,2,X,ship,,\n" * 1005)
        found = read_register(path.read_bytes(), str(path), today=TODAY)
        ids = [skeleton.id for skeleton in found.skeletons]
        assert len(ids) == len(set(ids)) == 1005 and not found.problems

    def test_a_row_that_cannot_be_written_is_reported_and_the_others_written(self, runner, tmp_path: Path) -> None:
        """Defect 8: a file name too long for the file system aborted the whole import."""
        long_name = "X" * 300
        path = write_register(tmp_path, f"Testland,France,2019,2,{long_name},ship,,\nTestland,France,2019,2,Y,ship,,\n")
        result = run(runner, str(path), "-o", str(tmp_path))
        assert result.exit_code == 1
        assert "r.csv:2:1: error [sipri-row] cannot write" in result.stderr
        assert [p.stem for p in tmp_path.glob("*.yaml")] == ["testland-france-y"]


@pytest.mark.slow
def test_a_large_register_is_checked_in_worker_processes_with_the_same_result(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 33: many rows are checked in a pool and written a batch at a time; the files, the listing on
    stdout and the problems are those of checking them one by one here (batches of 7 rows, a file already there)."""
    import sys

    from conftest import ROOT

    import armsdeal.cli.import_ as command

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.register import register_csv

    register = tmp_path / "register.csv"
    register.write_text(register_csv(60, seed=3) + "Turkey,Turkey,1999,,1,,X,tank,,,1999,,,,,\n", encoding="utf-8")
    taken = read_register(register.read_bytes(), "r.csv", today=TODAY).skeletons[10].id + ".yaml"
    monkeypatch.setattr(command, "BATCH", 7)
    outputs = []
    for parallel_from in (1, 10**9):
        monkeypatch.setattr(command, "PARALLEL_FROM", parallel_from)
        folder = tmp_path / f"out-{parallel_from}"
        folder.mkdir()
        (folder / taken).write_text("mine\n", encoding="utf-8")
        result = run(runner, str(register), "-o", str(folder))
        assert result.exit_code == 1
        files = {path.name: path.read_bytes() for path in folder.iterdir()}
        outputs.append((result.stdout.replace(str(folder), "OUT"), result.stderr.replace(str(folder), "OUT"), files))
    assert outputs[0] == outputs[1]
    assert len(outputs[0][2]) == 60 and outputs[0][2][taken] == b"mine\n"
    assert "not overwritten" in outputs[0][1] and "the same" in outputs[0][1]
