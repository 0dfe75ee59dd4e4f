"""Text from the YAML cannot break an export: Markdown, CSV, TimelineJS and Mermaid.

A hostile timeline carries pipes, backticks, <script>, javascript: links,
emphasis, headings and formula starts in every kind of field; the exports are
parsed back (markdown-it-py with GitHub's extensions, the csv module, json)
and must show the same text, with no markup, HTML or link of its own.
"""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import unquote

import pytest
from conftest import DATA
from gfm import flatten, parse, plain
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from armsdeal.check.validate import load_timeline
from armsdeal.core.model import Timeline
from armsdeal.export import ExportOptions, export
from armsdeal.export.csv_export import export_csv
from armsdeal.export.markdown import export_markdown
from armsdeal.export.mermaid import export_mermaid
from armsdeal.export.timelinejs import export_timelinejs
from armsdeal.render.escape import EMAIL_BREAK, markdown_inline, markdown_link, markdown_paragraphs
from armsdeal.render.safe_text import clean

TITLE = "Deal | with `code` <script>alert(1)</script> [x](javascript:alert(1)) **bold** # heading"
EVENT_TITLE = "=cmd|' /C calc'!A0 | pipe `code` <script>alert(1)</script> [x](javascript:alert(1))"
SUPPLIER = "Seller | Inc <script>"
SYSTEM = "S|400 `x` <b>"
SOURCE_URL = "https://example.org/wiki/Foo_(bar)?q=<x>&amp;y=1\\z"

HOSTILE = f"""\
id: hostile-export
title: {json.dumps(TITLE)}
summary: |
  # heading in the summary
  - not a list
  1. not a list either

  <img src=x onerror=alert(1)> and [a link](javascript:alert(2)) and ~~struck~~ and $x$ math.
deal:
  supplier: seller
  recipient: buyer
  system: {json.dumps(SYSTEM)}
  ordered: {{count: 4, unit: "battery | set"}}
  value: {{amount: 1000000, currency: USD}}
  status: signed
  note: "Note | with [link](javascript:alert(3)) and <script>x</script>"
actors:
  seller: {{name: {json.dumps(SUPPLIER)}, kind: company}}
  buyer: {{name: "=HYPERLINK(\\"http://evil.example\\")", kind: state}}
sources:
  s1:
    publisher: "<img src=x onerror=alert(1)>"
    title: "Title ](javascript:alert(4)) [^1] `tick`"
    url: {json.dumps(SOURCE_URL)}
    date: 2020-01-02
  s2:
    publisher: "Pub; with: colons # and %% percents"
    title: Plain
    url: https://example.org/b
events:
  - id: first
    date: 2020-01-02
    type: contract
    title: {json.dumps(EVENT_TITLE)}
    sources: [s1, s2]
    actors: [seller, buyer]
    location: "Here: there # and; %%{{init}}%%"
    note: |
      Line one | [x](javascript:alert(1))
      # heading on line two
      - list on line three
  - id: second
    date: 2020-03~
    type: statement
    title: "**bold** # heading : colon ; semi %% comment"
    sources: [s2]
    status: disputed
    claimed_by: [seller]
    disputed_by: [buyer]
  - id: third
    date: 2021
    type: delivery
    title: "-minus +plus @at"
    sources: [s2]
"""


@pytest.fixture
def hostile(write_timeline) -> Timeline:
    return load_timeline(write_timeline("hostile-export", HOSTILE))


def flat(text: str) -> str:
    """What inline Markdown must show for a string: cleaned, newlines as spaces."""
    return re.sub(r"\s*\n\s*", " ", clean(text)).strip()


class TestMarkdown:
    def test_no_raw_html_and_no_script(self, hostile: Timeline) -> None:
        tokens = flatten(parse(export_markdown([hostile], ExportOptions(mermaid=True))))
        assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
        rendered = (
            MarkdownIt("commonmark")
            .enable("table")
            .use(footnote_plugin)
            .render(export_markdown([hostile], ExportOptions()))
        )
        assert "<script" not in rendered and "<img" not in rendered

    def test_links_are_only_ours_and_only_http(self, hostile: Timeline) -> None:
        tokens = flatten(parse(export_markdown([hostile], ExportOptions())))
        hrefs = [t.attrs["href"] for t in tokens if t.type == "link_open"]
        assert hrefs and all(str(href).startswith(("http://", "https://")) for href in hrefs)
        assert not any("javascript" in str(href) for href in hrefs)
        assert not [t for t in tokens if t.type == "image"]

    def test_table_cells_are_intact(self, hostile: Timeline) -> None:
        tokens = parse(export_markdown([hostile], ExportOptions()))
        rows, row = [], []
        for i, token in enumerate(tokens):
            if token.type in ("th_open", "td_open"):
                row.append(plain(tokens[i + 1]))
            elif token.type == "tr_close":
                rows.append(row)
                row = []
        assert [len(r) for r in rows] == [7, 7]
        assert rows[1][:3] == [SUPPLIER, '=HYPERLINK("http://evil.example")', SYSTEM]
        assert rows[1][3] == "4 battery | set"

    def test_title_heading_and_event_text_read_as_written(self, hostile: Timeline) -> None:
        tokens = parse(export_markdown([hostile], ExportOptions()))
        headings = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
        assert headings[0] == TITLE
        assert headings.count("heading in the summary") == 0  # the summary's '#' did not make a heading
        texts = [plain(t) for t in tokens if t.type == "inline"]
        assert any(EVENT_TITLE in text for text in texts)
        assert any(flat("Line one | [x](javascript:alert(1))\n# heading on line two") in text for text in texts)

    def test_no_emphasis_code_or_strikethrough_from_data(self, hostile: Timeline) -> None:
        """Only the exporter's own bold (dates, status markers) appears; nothing from the YAML."""
        tokens = flatten(parse(export_markdown([hostile], ExportOptions())))
        assert not [t for t in tokens if t.type in ("code_inline", "em_open", "s_open", "code_block")]
        strong = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "strong_open"]
        assert "bold" not in strong

    def test_summary_lines_do_not_become_blocks(self, hostile: Timeline) -> None:
        tokens = parse(export_markdown([hostile], ExportOptions()))
        lists = [t for t in tokens if t.type == "ordered_list_open"]
        assert not lists
        bullet_lists = [t for t in tokens if t.type == "bullet_list_open"]
        # Ours only: one per year (2020, 2021) and one of details under 'first' and 'second'.
        assert len(bullet_lists) == 4

    def test_source_link_keeps_its_url(self, hostile: Timeline) -> None:
        tokens = flatten(parse(export_markdown([hostile], ExportOptions())))
        hrefs = [str(t.attrs["href"]) for t in tokens if t.type == "link_open"]
        assert "https://example.org/wiki/Foo_%28bar%29?q=%3Cx%3E&amp;y=1%5Cz" in hrefs


TRICKY = [
    "a|b",
    "| a |",
    "\\|",
    "<b>x</b>",
    "<http://x.example>",
    "<!-- c -->",
    "<?php x ?>",
    "&amp;",
    "&#60;",
    "&lt;",
    "=",
    "===",
    "---",
    "- x",
    "+ x",
    "* x",
    "1. x",
    "1) x",
    "> q",
    "    code",
    "# h",
    "#",
    "a #",
    "a\n===",
    "a\n---",
    "x\n- y",
    "x\n\n# y",
    "[^1]",
    "[x]: http://x.example",
    "![i](http://x.example/i.png)",
    "[x](javascript:alert(1))",
    "*a*",
    "_a_",
    "**a**",
    "`c`",
    "``c``",
    "~~s~~",
    "~s~",
    "$m$",
    "\\",
    "a\\",
    "\\*",
    "{#id}",
    "- [ ] task",
    "www.example.com",
    "\x1b[31mred",
    "\u202eevil",
    "\t\tx",
    "a  \nb",
]


class TestMarkdownEscapingInvariants:
    """For any text: Markdown shows exactly that text, in a paragraph, a heading, a list item or a table cell."""

    @given(st.one_of(st.sampled_from(TRICKY), st.text()))
    def test_paragraph(self, text: str) -> None:
        escaped = markdown_inline(text)
        if not escaped:
            return
        tokens = parse(escaped)
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
        # Text only, but for the empty comment that keeps e-mail-like text from autolinking.
        others = [c for c in tokens[1].children or [] if c.type != "text"]
        assert all(c.type == "html_inline" and c.content == EMAIL_BREAK for c in others)
        assert plain(tokens[1]) == flat(text)

    @given(st.one_of(st.sampled_from(TRICKY), st.text()))
    def test_heading_and_list_item(self, text: str) -> None:
        escaped = markdown_inline(text)
        for prefix, kind in (("# ", "heading_open"), ("- ", "bullet_list_open")):
            tokens = parse(f"{prefix}x {escaped}")
            assert tokens[0].type == kind
            inline = next(t for t in tokens if t.type == "inline")
            assert plain(inline) == f"x {flat(text)}".strip()

    @given(st.lists(st.one_of(st.sampled_from(TRICKY), st.text()), min_size=1, max_size=3))
    def test_table_cells(self, cells: list[str]) -> None:
        header = "| " + " | ".join("h" for _ in cells) + " |"
        rule = "| " + " | ".join("---" for _ in cells) + " |"
        row = "| " + " | ".join(markdown_inline(cell) for cell in cells) + " |"
        tokens = parse("\n".join([header, rule, row]))
        found = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "td_open"]
        assert found == [flat(cell) for cell in cells]

    @given(st.one_of(st.sampled_from(TRICKY), st.text()))
    def test_paragraphs_keep_blank_line_breaks_only(self, text: str) -> None:
        tokens = parse(markdown_paragraphs(text))
        assert {t.type for t in tokens} <= {"paragraph_open", "inline", "paragraph_close"}

    @given(st.text(), st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=30))
    def test_link_text_and_destination(self, text: str, path: str) -> None:
        url = f"https://example.org/{path}"
        tokens = flatten(parse("x " + markdown_link(text, url)))
        links = [t for t in tokens if t.type == "link_open"]
        assert len(links) == 1
        # markdown-it percent-encodes what it must; decoded, the destination is the URL.
        assert unquote(str(links[0].attrs["href"])) == unquote(url)
        texts = [t.content for t in tokens if t.type == "text"]
        assert "".join(texts[1:]) == flat(text)


class TestOtherFormats:
    def test_csv_parses_back_to_the_fields(self, hostile: Timeline) -> None:
        rows = list(csv.DictReader(io.StringIO(export_csv([hostile], ExportOptions()), newline="")))
        first = next(row for row in rows if row["event_id"] == "first")
        assert first["title"] == "'" + EVENT_TITLE  # a formula start is neutralised, the rest kept
        assert first["note"] == next(e for e in hostile.events if e.id == "first").note
        assert first["actors"] == f'{SUPPLIER}; =HYPERLINK("http://evil.example")'
        assert first["location"] == "Here: there # and; %%{init}%%"
        assert first["sources"] == f"{SOURCE_URL}; https://example.org/b"
        third = next(row for row in rows if row["event_id"] == "third")
        assert third["title"] == "'-minus +plus @at"
        second = next(row for row in rows if row["event_id"] == "second")
        assert second["disputed_by"] == '\'=HYPERLINK("http://evil.example")'

    def test_csv_cells_never_start_a_formula(self, hostile: Timeline) -> None:
        rows = list(csv.reader(io.StringIO(export_csv([hostile], ExportOptions()), newline="")))
        assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]

    def test_timelinejs_text_is_escaped(self, hostile: Timeline) -> None:
        document = json.loads(export_timelinejs([hostile], ExportOptions()))
        texts = [document["title"]["text"]["headline"], document["title"]["text"]["text"]]
        for slide in document["events"]:
            texts += [slide["text"]["headline"], slide["text"]["text"]]
        for text in texts:
            assert "<script" not in text.lower()
            assert "<img" not in text.lower()
            assert "javascript:" not in re.findall(r'href="([^"]*)"', text)
        tags = {tag for text in texts for tag in re.findall(r"</?([a-z]+)", text)}
        assert tags <= {"p", "em", "strong", "ol", "ul", "li", "a"}

    def test_timelinejs_links_keep_the_url_in_a_quoted_attribute(self, hostile: Timeline) -> None:
        document = json.loads(export_timelinejs([hostile], ExportOptions()))
        slide = next(s for s in document["events"] if s["unique_id"] == "hostile-export--first")
        hrefs = re.findall(r'href="([^"]*)"', slide["text"]["text"])
        assert hrefs[0] == "https://example.org/wiki/Foo_(bar)?q=&lt;x&gt;&amp;amp;y=1\\z"

    @pytest.mark.parametrize("every", [False, True], ids=["by year", "all"])
    def test_mermaid_lines_keep_the_grammar(self, hostile: Timeline, every: bool) -> None:
        lines = export_mermaid([hostile], ExportOptions(all_events=every)).splitlines()
        body = lines[2:]
        grammar = (
            r"    section [^:#;%\n]+|        [^:#;\n]+ : [^:#;\n]+" if every else r"    [^:#;%\s][^:#;%\n]* : [^:#;\n]+"
        )
        assert all(re.fullmatch(rf"{grammar}|\s+: [^:#;\n]+", line) for line in body), body
        assert not any("%%" in line for line in lines)


@pytest.mark.parametrize("name", ["markdown", "mermaid", "timelinejs"])
def test_control_and_bidi_characters_become_visible_escapes(name: str) -> None:
    """tests/data/valid/hostile.yaml: ESC sequences, a bell, C1 CSI, bidi overrides and isolates."""
    text = export(name, [load_timeline(DATA / "valid" / "hostile.yaml")], ExportOptions(mermaid=True))
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", text)
    assert "x1b" in text  # shown, not dropped


@pytest.mark.parametrize("name", ["markdown", "json", "csv", "mermaid", "timelinejs"])
def test_a_minimal_timeline_exports_in_every_format(name: str) -> None:
    """No deal, no summary, no actors: every optional part is simply left out."""
    text = export(name, [load_timeline(DATA / "valid" / "minimal.yaml")], ExportOptions(mermaid=True))
    assert "Something happened" in text
    if name in ("json", "timelinejs"):
        json.loads(text)
    if name == "markdown":
        tokens = parse(text)
        assert not [t for t in tokens if t.type.startswith("table")]
