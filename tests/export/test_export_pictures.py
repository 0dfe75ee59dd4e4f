"""The SVG chart and the HTML page: marks, labels that do not overlap, sizes, escaping, self-containment.

What a browser shows is checked in tests/export/test_browser.py; these tests read the markup.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import DATA, ROOT, TIMELINES, invoke
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.check.validate import load_timeline
from armsdeal.core.model import Timeline
from armsdeal.export import ExportOptions
from armsdeal.export.html import SCRIPT, content_security_policy, export_html, is_http_url
from armsdeal.export.svg import (
    FONT_SIZE,
    LABEL_GAP,
    LEADER_GAP,
    WIDTH,
    _Label,
    _stack,
    export_svg,
    milestone_labels,
    place_labels,
    text_width,
)

SVG = "{http://www.w3.org/2000/svg}"
FOUR_DEALS = ("turkey-s400", "turkey-f35", "turkey-f16", "india-s400")
HOSTILE = DATA / "pictures" / "hostile-pictures.yaml"
OPTIONS = ExportOptions()


def load(name: str) -> Timeline:
    return load_timeline(TIMELINES / f"{name}.yaml")


@pytest.fixture(scope="module")
def four() -> list[Timeline]:
    return [load(name) for name in FOUR_DEALS]


@pytest.fixture(scope="module")
def hostile() -> Timeline:
    return load_timeline(HOSTILE)


def svg_root(timelines: list[Timeline]) -> ElementTree.Element:
    return ElementTree.fromstring(export_svg(timelines, OPTIONS).encode("utf-8"))


def text_boxes(root: ElementTree.Element) -> list[tuple[str, float, float, float, float]]:
    """(text, left, top, right, bottom) of every <text>, by the chart's own fixed metric."""
    boxes = []
    for node in root.iter(f"{SVG}text"):
        size = float(node.get("font-size") or root.get("font-size") or FONT_SIZE)
        text = node.text or ""
        width = text_width(text, size, bold=node.get("font-weight") == "bold")
        x, y = float(node.get("x", "0")), float(node.get("y", "0"))
        anchor = node.get("text-anchor", "start")
        left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
        boxes.append((text, left, y - size * 0.8, left + width, y + size * 0.25))
    return boxes


def overlap(a: tuple[str, float, float, float, float], b: tuple[str, float, float, float, float]) -> bool:
    return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]


def leader_crossings(root: ElementTree.Element) -> list[tuple[str, str]]:
    """(label, text) for each milestone's leader line that runs through a text other than its own label.

    Each leader is followed by its label in the milestones' group; the line is a segment, the texts are
    the boxes of ``text_boxes`` (the chart's own metric).
    """
    boxes = text_boxes(root)
    crossings = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "ad-milestones":
            continue
        children = list(group)
        for line, label in zip(children[::2], children[1::2], strict=True):
            x1, y1, x2, y2 = (float(line.get(name, "0")) for name in ("x1", "y1", "x2", "y2"))
            for text, left, top, right, bottom in boxes:
                if text != label.text and _segment_meets_box((x1, y1, x2, y2), (left, top, right, bottom)):
                    crossings.append((label.text or "", text))
    return crossings


def _segment_meets_box(segment: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    """True if the segment passes through the box's inside (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = segment
    left, top, right, bottom = box
    low, high = 0.0, 1.0
    for delta, start, lower, upper in ((x2 - x1, x1, left, right), (y2 - y1, y1, top, bottom)):
        if delta == 0:
            if not lower < start < upper:
                return False
            continue
        ends = sorted(((lower - start) / delta, (upper - start) / delta))
        low, high = max(low, ends[0]), min(high, ends[1])
    return low < high


# A legend item's words -> what test_legend_lists_only_what_the_chart_draws calls it.
LEGEND_KEYS = {
    "status: confirmed": "status: confirmed",
    "status: reported, not confirmed": "status: reported",
    "status: claimed by one party": "status: claimed",
    "status: disputed": "status: disputed",
    "status: denied": "status: denied",
    "status: expected, not yet happened": "status: expected",
    "date known only within this span": "span",
    "phase: talks": "phase: talks",
    "phase: contract to first delivery": "phase: waiting",
    "phase: deliveries": "phase: deliveries",
    "phase: contract to cancellation": "phase: cancelled",
    "phase: sanctions or suspension": "phase: pressure",
}

# A made-up deal (test data, not a fact): a contract, then its cancellation, nothing delivered.
SIGNED_THEN_CANCELLED = """
id: signed-then-cancelled
title: Signed then cancelled
deal: {supplier: a, recipient: b}
actors:
  a: {name: Alpha, kind: state}
  b: {name: Beta, kind: state}
sources:
  s: {publisher: Example, title: Example, url: "https://example.org/"}
events:
  - {id: contract, date: 2018-12-01, type: contract, title: Contract signed, sources: [s]}
  - {id: cancelled, date: 2021-06, type: cancellation, title: Contract cancelled, sources: [s]}
"""


def phase_classes(root: ElementTree.Element) -> list[str]:
    return [
        (node.get("class") or "").split()[1]
        for node in root.iter(f"{SVG}g")
        if "ad-phase " in (node.get("class") or "")
    ]


SETS = {"turkey-s400": ("turkey-s400",), "four deals": FOUR_DEALS}


class TestChart:
    @pytest.mark.parametrize("names", SETS.values(), ids=SETS.keys())
    def test_one_mark_per_event_with_its_id(self, names: tuple[str, ...]) -> None:
        timelines = [load(name) for name in names]
        root = svg_root(timelines)
        marks = [
            (node.get("data-deal"), node.get("data-event")) for node in root.iter(f"{SVG}g") if node.get("data-event")
        ]
        assert sorted(marks) == sorted((t.id, e.id) for t in timelines for e in t.events)

    @pytest.mark.parametrize("names", SETS.values(), ids=SETS.keys())
    def test_no_two_texts_overlap(self, names: tuple[str, ...]) -> None:
        boxes = text_boxes(svg_root([load(name) for name in names]))
        assert len(boxes) > 20
        clashes = [(a[0], b[0]) for a, b in combinations(boxes, 2) if overlap(a, b)]
        assert clashes == []

    @pytest.mark.parametrize("names", SETS.values(), ids=SETS.keys())
    def test_readable_at_1200_px(self, names: tuple[str, ...]) -> None:
        root = svg_root([load(name) for name in names])
        assert root.get("width") == str(WIDTH)
        sizes = [float(node.get("font-size") or root.get("font-size") or 0) for node in root.iter(f"{SVG}text")]
        assert min(sizes) >= 11
        for text, left, _, right, _ in text_boxes(root):
            assert left >= 0 and right <= WIDTH, text

    @pytest.mark.parametrize("names", [(name,) for name in FOUR_DEALS] + [FOUR_DEALS], ids=[*FOUR_DEALS, "four"])
    def test_no_leader_line_crosses_a_label(self, names: tuple[str, ...]) -> None:
        """A reader follows a milestone's dotted line to its own label only: no line runs through another text."""
        crossings = leader_crossings(svg_root([load(name) for name in names]))
        assert crossings == []

    def test_every_milestone_is_labelled(self) -> None:
        turkey = load("turkey-s400")
        root = svg_root([turkey])
        labelled = {node.get("data-for") for node in root.iter(f"{SVG}text") if "ad-label" in (node.get("class") or "")}
        assert labelled == set(milestone_labels(turkey))
        assert len(labelled) >= 5

    def test_tooltips_give_date_type_and_title(self) -> None:
        turkey = load("turkey-s400")
        root = svg_root([turkey])
        mark = next(node for node in root.iter(f"{SVG}g") if node.get("data-event") == "loan-agreement-signed")
        title = mark.find(f"{SVG}title")
        event = next(e for e in turkey.events if e.id == "loan-agreement-signed")
        assert title is not None and title.text is not None
        assert title.text.startswith("29 Dec 2017 · contract · confirmed\n")
        assert event.title in title.text

    def test_statuses_are_drawn_differently(self, hostile: Timeline) -> None:
        root = svg_root([hostile])
        shapes = {}
        for node in root.iter(f"{SVG}g"):
            if node.get("data-event"):
                mark = next(child for child in node if "ad-mark" in (child.get("class") or ""))
                attributes = ("class", "fill-opacity", "stroke-dasharray")
                shapes[node.get("data-status")] = (mark.tag, *(mark.get(a) for a in attributes))
        assert set(shapes) == {"confirmed", "reported", "claimed", "disputed", "denied", "expected"}
        assert len(set(shapes.values())) == len(shapes)

    def test_uncertain_dates_are_spans_from_earliest_to_latest(self, hostile: Timeline) -> None:
        root = svg_root([hostile])
        spans = {}
        for node in root.iter(f"{SVG}g"):
            span = node.find(f"{SVG}rect[@class='ad-span']")
            if node.get("data-event") and span is not None:
                spans[node.get("data-event")] = float(span.get("width", "0"))
        # A year, a month, an approximate year, an open end and a two-week interval; not an exact day.
        assert {"talks", "dispute", "denial", "later", "expected", "first-delivery"} <= set(spans)
        assert "contract" not in spans and "sanction" not in spans
        assert spans["dispute"] > 10 * spans["denial"] > 0

    def test_phase_bars_between_milestones(self) -> None:
        root = svg_root([load("turkey-s400")])
        phases = [node.get("class") for node in root.iter(f"{SVG}g") if "ad-phase " in (node.get("class") or "")]
        assert phases == [
            "ad-phase ad-phase-talks",
            "ad-phase ad-phase-waiting",
            "ad-phase ad-phase-deliveries",
            "ad-phase ad-phase-pressure",
        ]

    def test_legend_names_families_statuses_spans_and_phases(self) -> None:
        legend = " ".join(text for text, *_ in text_boxes(svg_root([load("turkey-s400")])))
        for words in ("talks and agreements", "pressure and ending", "status: disputed", "status: claimed"):
            assert words in legend
        assert "date known only within this span" in legend and "phase: deliveries" in legend

    @pytest.mark.parametrize("names", [*((name,) for name in FOUR_DEALS), FOUR_DEALS, ("hostile",)])
    def test_legend_lists_only_what_the_chart_draws(self, names: tuple[str, ...], hostile: Timeline) -> None:
        timelines = [hostile if name == "hostile" else load(name) for name in names]
        root = svg_root(timelines)
        marks = [node for node in root.iter(f"{SVG}g") if node.get("data-event")]
        drawn = {f"status: {node.get('data-status')}" for node in marks}
        drawn |= {f"type: {node.get('data-type')}" for node in marks}
        drawn |= {
            f"phase: {(node.get('class') or '').split('ad-phase-')[1]}"
            for node in root.iter(f"{SVG}g")
            if "ad-phase " in (node.get("class") or "")
        }
        if any(node.get("class") == "ad-span" for node in root.iter(f"{SVG}rect")):
            drawn.add("span")
        legend = next(node for node in root.iter(f"{SVG}g") if node.get("class") == "ad-legend")
        listed = set()
        for item in legend:
            text = "".join(item.itertext()).strip()
            if text.startswith("type: "):
                listed |= {f"type: {name}" for name in text.split("(")[1].rstrip(")").split(", ")}
            else:
                listed.add(LEGEND_KEYS.get(text, text))
        assert listed == drawn

    def test_a_contract_then_a_cancellation_draws_a_phase_between_them(self, tmp_path: Path) -> None:
        """Nothing delivered, then cancelled: the time from the contract to the cancellation is a phase."""
        path = tmp_path / "signed-then-cancelled.yaml"
        path.write_text(SIGNED_THEN_CANCELLED, encoding="utf-8")
        assert phase_classes(svg_root([load_timeline(path)])) == ["ad-phase-cancelled"]
        # With a suspension between them, the bar runs up to it and the suspension's bar on to the end
        # (turkey-f35's first jet was handed over in the US, not delivered: docs/format.md).
        f35 = svg_root([load("turkey-f35")])
        assert phase_classes(f35) == ["ad-phase-cancelled", "ad-phase-pressure"]

    def test_deterministic(self) -> None:
        assert export_svg([load("turkey-s400")], OPTIONS) == export_svg([load("turkey-s400")], OPTIONS)

    def test_no_external_resources_and_no_script(self, four: list[Timeline]) -> None:
        text = export_svg(four, OPTIONS)
        assert "<script" not in text and "href" not in text.replace("url(#ad-hatch-", "")
        assert re.findall(r"url\((?!#ad-hatch-)", text) == []

    def test_untrusted_text_is_escaped(self, hostile: Timeline) -> None:
        text = export_svg([hostile], OPTIONS)
        root = ElementTree.fromstring(text.encode("utf-8"))  # well-formed, control characters and all
        assert "<script" not in text and "<a " not in text
        titles = [node.text or "" for node in root.iter(f"{SVG}title")]
        assert "<script>alert('event')</script>" in "\n".join(titles)
        assert "Claimed \\x01 with a control character" in "\n".join(titles)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


class TestPage:
    def test_self_contained(self, four: list[Timeline]) -> None:
        page = parse(export_html(four, OPTIONS))
        for tag, attrs in page.tags:
            assert "src" not in attrs, tag
            if tag == "link":
                pytest.fail("no <link> to anything")
            if tag == "a":
                href = attrs["href"] or ""
                assert href.startswith("#") or is_http_url(href), href

    def test_csp_allows_only_the_page_script(self, four: list[Timeline]) -> None:
        page = parse(export_html(four, OPTIONS))
        (csp,) = [attrs["content"] for tag, attrs in page.tags if attrs.get("http-equiv") == "Content-Security-Policy"]
        assert csp == content_security_policy()
        assert "default-src 'none'" in csp
        digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
        assert f"script-src 'sha256-{digest}'" in csp
        assert page.scripts == [SCRIPT]

    def test_chart_table_chronology_and_sources(self) -> None:
        turkey = load("turkey-s400")
        text = export_html([turkey], OPTIONS)
        page = parse(text)
        marks = [attrs for tag, attrs in page.tags if tag == "g" and attrs.get("data-event")]
        rows = [attrs for tag, attrs in page.tags if tag == "tr" and attrs.get("data-row")]
        assert len(marks) == len(rows) == len(turkey.events)
        assert '<th scope="row">Value</th>' in text and "~2.5 bn USD" in text
        sources = [attrs for tag, attrs in page.tags if tag == "li" and (attrs.get("id") or "").startswith("source-")]
        cited = {s for event in turkey.events for s in event.sources}
        assert len(sources) == len(cited)
        refs = {attrs["href"] for tag, attrs in page.tags if tag == "a" and (attrs["href"] or "").startswith("#")}
        assert refs == {f"#source-{n}" for n in range(1, len(sources) + 1)}

    def test_prints_and_follows_the_colour_scheme(self) -> None:
        text = export_html([load("turkey-f35")], OPTIONS)
        assert "@media print" in text and "prefers-color-scheme: dark" in text

    def test_untrusted_text_is_inert(self, hostile: Timeline) -> None:
        text = export_html([hostile], OPTIONS)
        page = parse(text)
        assert page.scripts == [SCRIPT]
        assert [tag for tag, _ in page.tags if tag in ("img", "b", "i", "style")] == ["style", "style"]
        for tag, attrs in page.tags:
            assert not any(name.startswith("on") for name in attrs), tag
            assert "javascript:" not in (attrs.get("href") or "")
        assert "&lt;script&gt;alert('event')&lt;/script&gt;" in text

    def test_only_http_urls_become_links(self) -> None:
        assert is_http_url("https://example.org/a") and is_http_url("http://example.org")
        assert not any(
            is_http_url(url) for url in ("javascript:alert(1)", "data:text/html,x", "//example.org", "ftp://x")
        )


class TestCli:
    @pytest.mark.parametrize(
        ("suffix", "start"), [(".svg", "<?xml"), (".html", "<!DOCTYPE html>"), (".htm", "<!DOCTYPE")]
    )
    def test_suffix_picks_the_format(self, runner, tmp_path: Path, suffix: str, start: str) -> None:
        target = tmp_path / f"chart{suffix}"
        result = invoke(runner, "export", "turkey-f35", "-o", str(target))
        assert result.exit_code == 0, result.stderr
        assert target.read_text(encoding="utf-8").startswith(start)

    def test_related_adds_a_lane_per_related_deal(self, runner) -> None:
        result = invoke(runner, "export", "turkey-s400", "--related", "--format", "svg")
        assert result.exit_code == 0, result.stderr
        root = ElementTree.fromstring(result.stdout.encode("utf-8"))
        lanes = [node.get("data-deal") for node in root.iter(f"{SVG}g") if node.get("class") == "ad-lane-group"]
        assert lanes == ["turkey-s400", *load("turkey-s400").related]

    def test_a_missing_related_timeline_is_named_and_left_out(self, runner, tmp_path: Path) -> None:
        text = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
        (tmp_path / "minimal.yaml").write_text(text.replace("title: A minimal", "related: [nowhere]\ntitle: A minimal"))
        result = invoke(runner, "export", "minimal", "--related", "--format", "svg", "--timelines", str(tmp_path))
        assert result.exit_code == 0, result.stderr
        assert result.stderr == (
            f"armsdeal: minimal lists related timeline 'nowhere', which is not in {tmp_path} "
            "or the bundled timelines; left out\n"
        )
        assert result.stdout.count('class="ad-lane-group"') == 1

    def test_the_bundled_folder_is_named_in_words_not_by_its_path(self, runner, tmp_path: Path, monkeypatch) -> None:
        """As `show --related`, `diff` and `list` name it: a file given by path, no folder of yours."""
        from armsdeal.core.collection import bundled_dir

        monkeypatch.chdir(tmp_path)
        text = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
        Path("minimal.yaml").write_text(text.replace("title: A minimal", "related: [nowhere]\ntitle: A minimal"))
        result = invoke(runner, "export", "minimal.yaml", "--related", "--format", "svg")
        assert result.exit_code == 0, result.stderr
        assert result.stderr == (
            "armsdeal: minimal lists related timeline 'nowhere', which is not in the bundled timelines; left out\n"
        )
        assert str(bundled_dir()) not in result.stderr

    def test_all_is_for_mermaid_only(self, runner) -> None:
        result = invoke(runner, "export", "turkey-s400", "--format", "svg", "--all")
        assert result.exit_code == 2
        assert "--all" in result.stderr

    def test_all_gives_every_event_in_mermaid(self, runner) -> None:
        short = invoke(runner, "export", "turkey-s400", "--format", "mermaid").stdout
        every = invoke(runner, "export", "turkey-s400", "--format", "mermaid", "--all").stdout
        assert "%% milestones only" in short and "%%" not in every
        assert len(every.splitlines()) > len(short.splitlines())


def test_readme_shows_the_current_chart() -> None:
    """The chart in the README and docs/commands.md is the tool's output: armsdeal export turkey-s400 -o
    docs/images/turkey-s400.svg"""
    assert "](docs/images/turkey-s400.svg)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](images/turkey-s400.svg)" in (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    image = ROOT / "docs" / "images" / "turkey-s400.svg"
    assert image.read_text(encoding="utf-8") == export_svg([load("turkey-s400")], OPTIONS)


def test_chart_and_terminal_share_the_type_families() -> None:
    """Each type's terminal style is in its family's hue: the chart's colours follow the same families."""
    from armsdeal.core.vocabulary import EventType
    from armsdeal.render.theme import EVENT_TYPE_STYLES, FAMILY_OF

    hues = {"blue", "green", "cyan", "magenta", "red", "yellow", "white"}
    for event_type in EventType:
        family = FAMILY_OF[event_type]
        words = set(EVENT_TYPE_STYLES[event_type].replace("bright_", "").split())
        assert words & hues == ({family.hue} if family.hue != "default" else set()), event_type


def _stack_by_scanning(items: list[tuple[float, float]], gap: float) -> list[int]:
    """The first row-stacking of the chart, scanning every row: the reference for the heap version."""
    ends: list[float] = []
    rows = []
    for left, right in items:
        for row, end in enumerate(ends):
            if left >= end + gap:
                ends[row] = right
                rows.append(row)
                break
        else:
            ends.append(right)
            rows.append(len(ends) - 1)
    return rows


@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda pair: (float(pair[0]), float(sum(pair)))),
        max_size=60,
    ),
    st.sampled_from([0.0, 2.0, 4.5]),
)
def test_label_rows_are_the_lowest_free_row(spans: list[tuple[float, float]], gap: float) -> None:
    items = sorted(spans, key=lambda span: span[0])
    assert _stack(items, gap) == _stack_by_scanning(items, gap)


@given(
    st.lists(
        st.tuples(st.integers(40, 1160), st.text("abcdefghij ·0123", min_size=1, max_size=40)),
        max_size=12,
    )
)
def test_placed_labels_neither_overlap_nor_cross_a_leader(marks: list[tuple[int, str]]) -> None:
    """Any milestones of a lane: no two labels in a row touch, and no label lies over another's leader."""
    labels = []
    for index, (cx, text) in enumerate(marks):
        fits = cx + LEADER_GAP + text_width(text, FONT_SIZE) <= WIDTH - 10
        x, anchor = (cx + LEADER_GAP, "start") if fits else (cx - LEADER_GAP, "end")
        labels.append(_Label(str(index), text, float(cx), 0.0, float(x), anchor))
    place_labels(labels)
    for a, b in combinations(labels, 2):
        if a.row == b.row:
            assert a.right + LABEL_GAP <= b.left or b.right + LABEL_GAP <= a.left
        upper, lower = (a, b) if a.row < b.row else (b, a)
        if upper.row < lower.row:
            assert not upper.left - 3 < lower.cx < upper.right + 3


def test_a_start_and_an_end_label_over_each_other_s_leader_both_end() -> None:
    """Near the right edge: a label ending at its leader reaches back over a label's leader on its left
    while that one's label reaches over its leader; no row order works, so both end at their leaders."""
    left = _Label("a", "first delivery · 12 Jul 2019", 900.0, 0.0, 900.0 + LEADER_GAP, "start")
    right = _Label("b", "last delivery · 27 Aug - 15 Sep 2019", 1000.0, 0.0, 1000.0 - LEADER_GAP, "end")
    assert left.left < right.cx < left.right and right.left < left.cx < right.right
    place_labels([left, right])
    assert (left.anchor, left.row, right.anchor, right.row) == ("end", 0, "end", 1)
    assert not left.left < right.cx < left.right
