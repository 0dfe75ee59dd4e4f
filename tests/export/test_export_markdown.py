"""Markdown export: structure as a CommonMark/GFM parser sees it, footnotes, several deals, Mermaid."""

from __future__ import annotations

import re

import pytest
from conftest import TIMELINES
from gfm import flatten, parse, plain
from markdown_it.token import Token

from armsdeal.check.validate import load_timeline
from armsdeal.export import FORMATS, ExportOptions
from armsdeal.export.markdown import export_markdown
from armsdeal.render.escape import markdown_inline


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    """(tag, text) of every heading, in order."""
    return [(tokens[i].tag, plain(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]


@pytest.fixture(scope="module")
def shipped():
    return {name: load_timeline(TIMELINES / f"{name}.yaml") for name in ("turkey-s400", "india-s400")}


def test_one_timeline_has_title_events_heading_years_and_sources(shipped) -> None:
    timeline = shipped["turkey-s400"]
    found = headings(parse(export_markdown([timeline], ExportOptions())))
    assert found[0] == ("h1", timeline.title)
    assert ("h2", "Events") in found
    assert found[-1] == ("h2", "Sources")
    years = [text for tag, text in found if tag == "h3"]
    expected = list(dict.fromkeys(str(event.date.earliest.year) for event in timeline.chronology))
    assert years == expected


def test_every_event_is_a_list_item_in_chronological_order(shipped) -> None:
    timeline = shipped["turkey-s400"]
    text = export_markdown([timeline], ExportOptions())
    items = [line for line in text.splitlines() if line.startswith("- **")]
    assert len(items) == len(timeline.events)
    positions = [text.index(markdown_inline(event.title)) for event in timeline.chronology]
    assert positions == sorted(positions)


def test_deal_table_has_the_deal_facts(shipped) -> None:
    tokens = parse(export_markdown([shipped["turkey-s400"]], ExportOptions()))
    cells = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type in ("th_open", "td_open")]
    header, row = cells[:7], cells[7:]
    assert header == ["Supplier", "Recipient", "System", "Ordered", "Delivered", "Value", "Status"]
    assert row == ["Russia", "Turkey", "S-400 Triumf", "~4 battery", "~2 battery", "~2.5 bn USD", "delivered"]


def test_footnotes_are_numbered_in_order_of_first_citation_and_all_defined(shipped) -> None:
    """GitHub numbers footnotes by first reference; ours must agree so the text and the list match."""
    tokens = flatten(parse(export_markdown([shipped["turkey-s400"]], ExportOptions())))
    refs = [t.meta["label"] for t in tokens if t.type == "footnote_ref"]
    first_seen = list(dict.fromkeys(refs))
    assert first_seen == [str(n) for n in range(1, len(first_seen) + 1)]
    defined = [t.meta["label"] for t in tokens if t.type == "footnote_open"]
    assert sorted(defined, key=int) == first_seen


def test_footnote_definitions_link_each_source_url(shipped) -> None:
    timeline = shipped["turkey-s400"]
    tokens = flatten(parse(export_markdown([timeline], ExportOptions())))
    hrefs = {t.attrs["href"] for t in tokens if t.type == "link_open"}
    cited = {s for event in timeline.events for s in event.sources}
    for source_id in cited:
        # markdown-it percent-encodes what it must; compare on the URL's own characters.
        assert any(href.startswith(timeline.sources[source_id].url[:40]) for href in hrefs), source_id


def test_claimed_and_disputed_events_carry_their_marker(shipped) -> None:
    text = export_markdown([shipped["turkey-s400"]], ExportOptions())
    block = text.split("Shugayev says a contract for a second S-400 regiment", 1)[1].split("\n- ", 1)[0]
    assert "**DISPUTED: claimed by Federal Service for Military-Technical Cooperation; disputed by " in block


def test_events_of_a_related_deal_say_so(shipped) -> None:
    timeline = shipped["turkey-s400"]
    text = export_markdown([timeline], ExportOptions())
    about = [event for event in timeline.events if event.about]
    assert about
    in_f35 = sum(1 for event in about if event.about == "turkey-f35")
    assert text.count("*Context: part of the turkey-f35 timeline*") == in_f35


def test_dates_are_shown_at_their_precision(shipped) -> None:
    text = export_markdown([shipped["turkey-s400"]], ExportOptions())
    assert "- **Nov 2016** ·" in text  # month precision
    assert "- **25 Jul 2017** ·" in text  # day precision
    assert "- **24 Aug 2021?** ·" in text  # uncertain day
    assert "- **\\~8 Jun 2020** ·" in text  # approximate day, escaped tilde


def test_several_timelines_give_a_section_per_deal_and_one_source_list(shipped) -> None:
    both = [shipped["turkey-s400"], shipped["india-s400"]]
    text = export_markdown(both, ExportOptions())
    found = headings(parse(text))
    assert found[0] == ("h1", "Arms-deal timelines")
    assert [text for tag, text in found if tag == "h2"] == [both[0].title, both[1].title, "Sources"]
    labels = [t.meta["label"] for t in flatten(parse(text)) if t.type == "footnote_open"]
    assert len(labels) == len(set(labels))  # numbered across the whole document


def test_mermaid_option_adds_one_fenced_timeline_before_the_events(shipped) -> None:
    text = export_markdown([shipped["turkey-s400"]], ExportOptions(mermaid=True))
    fences = [t for t in parse(text) if t.type == "fence"]
    assert [fence.info for fence in fences] == ["mermaid"]
    assert fences[0].content.startswith("timeline\n")
    assert text.index("```mermaid") < text.index("## Events")
    assert "```mermaid" not in export_markdown([shipped["turkey-s400"]], ExportOptions())


def test_mermaid_fence_outlasts_backticks_in_titles(write_timeline) -> None:
    path = write_timeline("ticks", TICKS)
    text = export_markdown([load_timeline(path)], ExportOptions(mermaid=True))
    fences = [t for t in parse(text) if t.type == "fence"]
    assert len(fences) == 1
    assert "## Events" not in fences[0].content


def test_output_ends_with_one_newline(shipped) -> None:
    text = export_markdown([shipped["turkey-s400"]], ExportOptions())
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert not re.search(r"[ \t]+$", text, re.MULTILINE)  # no trailing spaces that editors would strip


TICKS = """\
id: ticks
title: "Three ``` and four ```` backticks"
sources:
  s: {publisher: P, title: T, url: "https://example.org/"}
events:
  - {id: e, date: 2020, type: statement, title: "```` fence breaker", sources: [s]}
"""


def test_the_registered_exporter_makes_the_document_an_event_at_a_time(shipped) -> None:
    """The CLI writes the pieces as they come (docs/performance-history.md section 20): one per event, none two."""
    timelines = [shipped["turkey-s400"], shipped["india-s400"]]
    pieces = list(FORMATS.load("markdown")(timelines, ExportOptions(mermaid=True)))
    items = [piece for piece in pieces if piece.startswith("- **")]
    assert len(items) == sum(len(timeline.events) for timeline in timelines)
    assert all(len(re.findall(r"^- \*\*", piece, flags=re.MULTILINE)) <= 1 for piece in pieces)
