"""Every export format of turkey-s400 against its reviewed golden file.

After a deliberate change (to an exporter or to timelines/turkey-s400.yaml),
regenerate with ARMSDEAL_UPDATE_GOLDEN=1 and review the diff in git.
"""

from __future__ import annotations

import pytest
from conftest import DATA, TIMELINES, assert_golden

from armsdeal.check.validate import load_timeline
from armsdeal.export import FORMATS, ExportOptions, export

GOLDEN_NAMES = {
    "markdown": "export/turkey-s400.md",
    "json": "export/turkey-s400.json",
    "csv": "export/turkey-s400.csv",
    "mermaid": "export/turkey-s400.mmd",
    "timelinejs": "export/turkey-s400.timelinejs.json",
    "svg": "export/turkey-s400.svg",
    "html": "export/turkey-s400.html",
    # A database, not text: its schema and rows as a dump, checked in test_export_sqlite.py.
    "sqlite": "export/turkey-s400.sqlite.sql",
}
TEXT_FORMATS = sorted(entry.name for entry in FORMATS if not entry.to_file)
# The pictures of the four shipped deals together: lanes, merged chronology, sources across deals.
FOUR_DEALS = ("turkey-s400", "turkey-f35", "turkey-f16", "india-s400")


@pytest.fixture(scope="module")
def turkey_s400():
    return load_timeline(TIMELINES / "turkey-s400.yaml")


def test_every_registered_format_has_a_golden_file() -> None:
    """A new exporter cannot be added without a reviewed example of its output."""
    assert set(GOLDEN_NAMES) == set(FORMATS.names())


@pytest.mark.parametrize("name", TEXT_FORMATS)
def test_turkey_s400_matches_golden(turkey_s400, name: str) -> None:
    assert_golden(GOLDEN_NAMES[name], export(name, [turkey_s400]))


def test_markdown_with_mermaid_matches_golden(turkey_s400) -> None:
    assert_golden("export/turkey-s400.mermaid.md", export("markdown", [turkey_s400], ExportOptions(mermaid=True)))


@pytest.mark.parametrize("name", TEXT_FORMATS)
def test_export_is_deterministic(turkey_s400, name: str) -> None:
    """Same timeline, same bytes: exported files diff cleanly (no export time, no set order)."""
    again = load_timeline(TIMELINES / "turkey-s400.yaml")
    assert export(name, [turkey_s400]) == export(name, [again])


@pytest.mark.parametrize(("name", "golden"), [("svg", "export/four-deals.svg"), ("html", "export/four-deals.html")])
def test_four_deals_match_golden(name: str, golden: str) -> None:
    timelines = [load_timeline(TIMELINES / f"{deal}.yaml") for deal in FOUR_DEALS]
    assert_golden(golden, export(name, timelines))


def test_mermaid_with_all_events_matches_golden(turkey_s400) -> None:
    assert_golden("export/turkey-s400.all.mmd", export("mermaid", [turkey_s400], ExportOptions(all_events=True)))


@pytest.fixture(scope="module")
def date_forms():
    return load_timeline(DATA / "valid" / "date-forms.yaml")


@pytest.mark.parametrize("name", TEXT_FORMATS)  # sqlite's: test_export_sqlite.py
def test_every_date_form_matches_golden(date_forms, name: str) -> None:
    """Sets, seasons, unspecified digits, unknown and open ends, per-part qualifiers in every format."""
    golden = GOLDEN_NAMES[name].replace("turkey-s400", "date-forms")
    assert_golden(golden, export(name, [date_forms]))


@pytest.mark.parametrize("name", TEXT_FORMATS)
def test_a_timeline_with_no_events_matches_golden(name: str) -> None:
    """export --all shows every timeline, one with no events too: alongside one that has events."""
    timelines = [load_timeline(DATA / "valid" / "minimal.yaml"), load_timeline(DATA / "eventless" / "empty-deal.yaml")]
    golden = GOLDEN_NAMES[name].replace("turkey-s400", "with-eventless")
    assert_golden(golden, export(name, timelines))
