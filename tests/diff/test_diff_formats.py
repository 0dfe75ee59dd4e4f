"""The three diff formats: golden terminal and Markdown output, Markdown parsed back, the JSON shape."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from conftest import DATA, assert_golden, render
from markdown_it import MarkdownIt
from markdown_it.token import Token

from armsdeal.check.validate import load_timeline
from armsdeal.core.dates import parse_edtf
from armsdeal.diff.engine import DateChange, DateChangeKind, ItemDiff, ItemKind, Status, TimelineDiff, diff_timelines
from armsdeal.diff.formats import FORMATS
from armsdeal.diff.formats.json import json_document, json_stat
from armsdeal.diff.formats.markdown import escape_markdown, markdown, markdown_stat
from armsdeal.diff.formats.terminal import terminal, terminal_stat
from armsdeal.diff.formats.wording import one_line, word_diff

CASES = DATA / "diff"
CHANGED = [
    "event-added",
    "event-removed",
    "event-changed",
    "sources",
    "actors",
    "deal",
    "top-level",
    "renamed",
    "dates",
]
SGR = re.compile(r"\x1b\[[0-9;]*m")
# The only HTML the markdown format writes: the fold around each timeline's details.
OUR_HTML = re.compile(r"<details>\n<summary>Details of [a-z0-9-]+</summary>\n|</details>\n")


def pair(old: str, new: str) -> TimelineDiff:
    return diff_timelines(
        load_timeline(CASES / old / "deal.yaml"),
        load_timeline(CASES / new / "deal.yaml"),
        old_label=f"{old}/deal.yaml",
        new_label=f"{new}/deal.yaml",
    )


def all_cases() -> list[TimelineDiff]:
    """Every fixture against the base, and the dates case in reverse (coarsened, moved later)."""
    return [pair("base", case) for case in CHANGED] + [pair("dates", "base")]


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)


def inline_text(token: Token) -> str:
    """What a reader sees of an inline token: its text and code, markup removed, entities decoded."""
    return "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))


class TestRegistry:
    @pytest.mark.parametrize("name", FORMATS.names())
    def test_every_format_says_no_differences(self, name: str) -> None:
        for render_with in (FORMATS.load(name).render, FORMATS.load(name).stat):
            output = render_with([])
            text = output if isinstance(output, str) else render(output)
            assert "No differences" in text or json.loads(text)["differences"] is False


class TestTerminal:
    def test_plain_output_matches_golden(self) -> None:
        assert_golden("diff/cases.txt", render(terminal(all_cases()), width=100))

    def test_stat_matches_golden(self) -> None:
        assert_golden("diff/cases-stat.txt", render(terminal_stat(all_cases()), width=100))

    def test_colour_is_only_decoration(self) -> None:
        diffs = all_cases()
        assert SGR.sub("", render(terminal(diffs), color=True)) == render(terminal(diffs))

    @pytest.mark.parametrize(
        ("case", "marker", "colour"),
        [("event-added", "+", "32"), ("event-removed", "-", "31"), ("event-changed", "~", "33")],
    )
    def test_added_green_removed_red_changed_yellow(self, case: str, marker: str, colour: str) -> None:
        output = render(terminal([pair("base", case)]), color=True)
        assert f"\x1b[{colour}m{marker}" in output

    def test_changed_event_names_its_date_title_and_changes(self) -> None:
        output = render(terminal([pair("base", "event-changed")]), width=200)
        assert "~ event second-contract-claim (15 Jun 2020, Freedonia says a second contract has been signed)" in output
        assert "status claimed -> disputed" in output
        assert "sources + wire-2020-06" in output

    def test_short_changes_share_one_line(self) -> None:
        output = render(terminal([pair("base", "dates")]), width=200)
        line = "~ event first-delivery (15 Jan 2020, First battery delivered): date refined: 2020 -> 15 Jan 2020"
        assert line in output

    def test_untrusted_text_is_neither_markup_nor_escape_codes(self) -> None:
        plain = render(terminal([pair("base", "hostile")]), width=300)
        coloured = render(terminal([pair("base", "hostile")]), color=True, width=300)
        assert "[link](javascript:alert(1))" in plain
        assert "\\x1b[31mred" in plain
        assert "\x1b" not in plain
        assert "\x1b" not in SGR.sub("", coloured)

    def test_no_trailing_spaces(self) -> None:
        output = render(terminal(all_cases()), width=80)
        assert all(line == line.rstrip() for line in output.splitlines())

    def test_a_long_text_shows_the_changed_words_with_context(self) -> None:
        output = render(terminal([pair("base", "top-level")]), width=200)
        assert "~ summary ... air-defence system from Freedonia. Freedonia [-says-] {+claims+} a second" in output


class TestWordDiff:
    def test_unchanged_runs_are_elided_around_the_change(self) -> None:
        before = " ".join(f"w{n}" for n in range(30))
        after = before.replace("w15", "changed")
        assert word_diff(before, after) == [
            ("=", "... w10 w11 w12 w13 w14"),
            ("-", "w15"),
            ("+", "changed"),
            ("=", "w16 w17 w18 w19 w20 ..."),
        ]

    def test_a_rewritten_text_is_shown_whole(self) -> None:
        assert word_diff("one two three four", "five six seven") == [
            ("-", "one two three four"),
            ("+", "five six seven"),
        ]


class TestMarkdown:
    def test_matches_golden(self) -> None:
        assert_golden("diff/cases.md", markdown(all_cases()))

    def test_stat_matches_golden(self) -> None:
        assert_golden("diff/cases-stat.md", markdown_stat(all_cases()))

    def test_structure_a_heading_per_timeline_and_a_list_per_section(self) -> None:
        tokens = parse(markdown([pair("base", "event-changed"), pair("base", "deal")]))
        headings = [
            (token.tag, inline_text(tokens[index + 1]))
            for index, token in enumerate(tokens)
            if token.type == "heading_open"
        ]
        title = "deal: Ruritania buys the Sky Shield system from Freedonia"
        assert headings == [
            ("h2", "Timeline changes"),
            ("h3", title),
            ("h4", "Events"),
            ("h4", "Sources"),
            ("h3", title),
            ("h4", "Fields"),
        ]
        items = [inline_text(token) for token in tokens if token.type == "inline" and token.level >= 3]
        assert (
            "changed event second-contract-claim (15 Jun 2020, Freedonia says a second contract has been signed)"
            in items
        )
        assert "status: claimed → disputed" in items
        assert "sources: added wire-2020-06" in items
        assert "deal.status: in-delivery → delivered" in items

    def test_yaml_text_survives_as_text_and_no_html_or_links_get_through(self) -> None:
        diff = pair("base", "hostile")
        tokens = parse(markdown([diff]))
        flat = [token for token in tokens for token in [token, *(token.children or [])]]
        ours = [token for token in flat if token.type == "html_block" and OUR_HTML.fullmatch(token.content)]
        assert len(ours) == 2  # the <details> around the timeline's changes
        others = [token for token in flat if token.type.startswith(("html", "link", "image", "em_"))]
        assert others == ours
        title = next(item.label for item in diff.events)
        lines = [inline_text(token).replace("\u2060", "") for token in tokens if token.type == "inline"]
        expected = title.replace("\x1b", "\\x1b")
        assert f"changed event second-contract-claim (15 Jun 2020, {expected})" in lines

    def test_the_word_diff_marks_deleted_and_inserted_words(self) -> None:
        tokens = parse(markdown([pair("base", "top-level")]))
        summary = next(token for token in tokens if token.type == "inline" and token.content.startswith("`summary`"))
        kinds = [child.type for child in summary.children or []]
        assert kinds.count("s_open") == 1 and kinds.count("strong_open") == 1
        assert inline_text(summary).endswith("Freedonia says claims a second contract followed in 2020.")

    @pytest.mark.parametrize(
        "text",
        ["<b>x</b>", "a & b", "*x* _y_ `z`", "[a](b) ![i](j)", "| t |", "~~s~~", "$m$ @who #1", "\\ back", "# h"],
    )
    def test_escaped_text_renders_as_itself(self, text: str) -> None:
        tokens = parse(f"- value: {escape_markdown(text)}\n")
        inline = next(token for token in tokens if token.type == "inline")
        assert [child.type for child in inline.children or []] == ["text"]
        assert inline_text(inline).replace("\u2060", "") == f"value: {text}"  # a word joiner after @ and #

    def test_deterministic_and_independent_of_file_order(self) -> None:
        """The base and its reordered copy mean the same: their diffs to a change print the same."""
        changed = load_timeline(CASES / "sources" / "deal.yaml")
        first = diff_timelines(load_timeline(CASES / "base" / "deal.yaml"), changed)
        second = diff_timelines(load_timeline(CASES / "reordered" / "deal.yaml"), changed)
        assert markdown([first]) == markdown([second]) == markdown([first])

    def test_stat_is_a_table(self) -> None:
        tokens = parse(markdown_stat(all_cases()))
        rows = [token for token in tokens if token.type == "tr_open"]
        assert len(rows) == 1 + len(all_cases())


class TestJson:
    def test_one_document_with_every_change(self) -> None:
        document = json.loads(json_document([pair("base", "event-changed"), pair("base", "dates")]))
        assert document["format"] == "armsdeal-diff" and document["version"] == 2
        assert document["differences"] is True
        changed, dates = document["timelines"]
        assert changed["old"] == "base/deal.yaml" and changed["new"] == "event-changed/deal.yaml"
        assert changed["stat"]["events"] == {"added": 0, "removed": 0, "changed": 1, "renamed": 0}
        event = changed["events"][0]
        assert event["id"] == "second-contract-claim" and event["date"] == "2020-06-15"
        assert {"field": "status", "kind": "value", "before": "claimed", "after": "disputed"} in event["changes"]
        assert {"field": "sources", "kind": "list", "added": ["wire-2020-06"], "removed": []} in event["changes"]
        source = changed["sources"][0]
        assert source["status"] == "added" and source["record"]["publisher"] == "Wire Service"
        moved = next(entry for entry in dates["events"] if entry["id"] == "contract-signed")
        assert moved["changes"] == [
            {
                "field": "date",
                "kind": "date",
                "before": "2019-03-01",
                "after": "2018-12-01",
                "change": "moved",
                "shift": "3 months",
                "direction": "earlier",
            }
        ]

    def test_renames_carry_the_old_id(self) -> None:
        document = json.loads(json_document([pair("base", "renamed")]))
        event = next(entry for entry in document["timelines"][0]["events"] if entry["status"] == "renamed")
        assert (event["id"], event["old_id"]) == ("contract-signature", "contract-signed")

    def test_stat_has_only_the_counts(self) -> None:
        document = json.loads(json_stat([pair("base", "deal")]))
        timeline = document["timelines"][0]
        assert timeline["stat"]["fields"] == 7
        assert "events" not in timeline and "fields" not in timeline


class TestPullRequestComment:
    """The markdown format as a pull-request comment: a line per timeline, details folded, a size it keeps to."""

    def test_one_line_per_timeline_in_a_reviewers_words(self) -> None:
        narrowed = DateChange("date", parse_edtf("2017"), parse_edtf("2017-09"), DateChangeKind.REFINED)
        diff = TimelineDiff(
            "turkey-s400",
            "Turkey buys the S-400",
            Status.CHANGED,
            events=(
                ItemDiff(ItemKind.EVENT, "a", Status.ADDED),
                ItemDiff(ItemKind.EVENT, "b", Status.ADDED),
                ItemDiff(ItemKind.EVENT, "c", Status.CHANGED, changes=(narrowed,)),
            ),
            sources=(ItemDiff(ItemKind.SOURCE, "s", Status.ADDED),),
        )
        assert one_line(diff) == "2 events added, 1 date narrowed, 1 source added"
        lines = markdown([diff]).splitlines()
        assert lines[:3] == [
            "## Timeline changes",
            "",
            "- `turkey-s400`: 2 events added, 1 date narrowed, 1 source added",
        ]

    def test_the_details_are_folded_after_the_summary(self) -> None:
        output = markdown([pair("base", "event-changed"), pair("base", "dates")])
        summary, _, details = output.partition("<details>")
        assert summary.splitlines()[2:4] == [
            "- `deal`: 1 event changed, 1 source added",
            "- `deal`: 1 date narrowed, 2 dates moved, 1 date requalified",
        ]
        assert output.count("<details>") == output.count("</details>") == 2
        assert "- **changed** event `second-contract-claim`" in details

    @pytest.mark.parametrize("limit", [400, 900, 1500, 3000])
    def test_a_long_diff_is_cut_at_a_line_within_the_limit_with_a_note(self, limit: int) -> None:
        whole = markdown(all_cases())
        cut = markdown(all_cases(), limit=limit)
        assert len(whole) > limit >= len(cut)
        assert cut.rstrip().endswith("`armsdeal diff --base REV` prints every change.*")
        assert f"keeps to {limit:,} characters" in cut
        assert cut.count("<details>") == cut.count("</details>")
        kept = cut.rsplit("\n\n", 1)[0]
        assert all(line in whole.splitlines() for line in kept.splitlines())

    def test_under_the_limit_nothing_is_cut(self) -> None:
        whole = markdown(all_cases())
        assert markdown(all_cases(), limit=len(whole)) == whole
        assert "Cut here" not in whole

    def test_nothing_from_the_yaml_pings_links_or_renders_html_on_github(self) -> None:
        import cmarkgfm
        from cmarkgfm.cmark import Options

        source = markdown([pair("base", "hostile")])
        rendered = cmarkgfm.github_flavored_markdown_to_html(source, options=Options.CMARK_OPT_UNSAFE)
        tags = set(re.findall(r"<([a-z0-9]+)", rendered))
        assert tags <= {"h2", "h3", "h4", "ul", "li", "p", "code", "details", "summary", "strong", "del"}, tags
        # GitHub finds @mentions and #refs in the text nodes of the rendered HTML (outside code and links):
        # its patterns, applied where it applies them, find nothing.
        nodes = TextNodes.of(rendered)
        assert "@\u2060someone" in "".join(nodes) and "#\u20601" in "".join(nodes)
        assert not [node for node in nodes if GITHUB_MENTION.search(node) or GITHUB_REF.search(node)]

    @pytest.mark.parametrize("text", ["@everyone", "cc @org/team", "#1", "fixes #12", "GH-3 user#4", "a@b.org"])
    def test_escaped_text_cannot_ping(self, text: str) -> None:
        import cmarkgfm

        rendered = cmarkgfm.github_flavored_markdown_to_html(f"- {escape_markdown(text)}\n")
        nodes = TextNodes.of(rendered)
        assert not [node for node in nodes if GITHUB_MENTION.search(node) or GITHUB_REF.search(node)]
        assert "".join(nodes).replace("\u2060", "").strip() == text


# GitHub's mention and issue-reference patterns (html-pipeline's MentionFilter and its #N references).
GITHUB_MENTION = re.compile(r"(?:^|\W)@[a-z0-9][a-z0-9-]*", re.IGNORECASE)
GITHUB_REF = re.compile(r"(?:^|\W|\w)(?:#|GH-)\d+", re.IGNORECASE)


class TextNodes(HTMLParser):
    """The text nodes of rendered HTML that GitHub scans for mentions: outside code, pre and links."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.nodes: list[str] = []

    @classmethod
    def of(cls, rendered: str) -> list[str]:
        parser = cls()
        parser.feed(rendered)
        return parser.nodes

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.skip += tag in ("code", "pre", "a")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("code", "pre", "a")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.nodes.append(data)
