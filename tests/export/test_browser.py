"""The SVG chart and the HTML page in a real browser: headless Chromium driven by Selenium.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and
selenium (the test extra). Where any is missing the tests skip and say why (pytest -ra
prints the reason). Pages are opened from file:// URLs: nothing is fetched.

Screenshots go to tmp_path, or to $ARMSDEAL_SCREENSHOTS when set, for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from chromium import chromium, set_width
from conftest import DATA, TIMELINES

from armsdeal.check.validate import load_timeline
from armsdeal.export import ExportOptions, export
from armsdeal.export.svg import text_width

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FOUR_DEALS = ("turkey-s400", "turkey-f35", "turkey-f16", "india-s400")
HOSTILE = DATA / "pictures" / "hostile-pictures.yaml"


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium(tmp_path_factory)


@pytest.fixture(scope="module")
def driver_without_scripts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Chromium with JavaScript switched off, as a reader who disabled it (or a strict reader mode) has it."""
    yield from chromium(tmp_path_factory, "--blink-settings=scriptEnabled=false")


def _open(driver: Any, path: Path) -> list[dict[str, Any]]:
    """Open the file and return what the console said while loading it."""
    driver.get_log("browser")  # drop what an earlier page said
    driver.get(path.resolve().as_uri())
    return list(driver.get_log("browser"))


def _screenshot(driver: Any, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("ARMSDEAL_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    # The whole page, not only the window: make the window as tall as the document first.
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, max(600, min(int(height) + 40, 8000)))
    assert driver.save_screenshot(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return target


def _write(tmp_path: Path, names: tuple[str, ...] | Path, format_: str) -> tuple[Path, int]:
    paths = [names] if isinstance(names, Path) else [TIMELINES / f"{name}.yaml" for name in names]
    timelines = [load_timeline(path) for path in paths]
    target = tmp_path / f"chart.{format_}"
    target.write_text(export(format_, timelines, ExportOptions()), encoding="utf-8")
    return target, sum(len(timeline.events) for timeline in timelines)


def _errors(log: list[dict[str, Any]]) -> list[str]:
    return [entry["message"] for entry in log if entry.get("level") == "SEVERE"]


@pytest.mark.parametrize("names", [("turkey-s400",), FOUR_DEALS], ids=["turkey-s400", "four-deals"])
def test_html_page(driver: Any, tmp_path: Path, names: tuple[str, ...]) -> None:
    page, events = _write(tmp_path, names, "html")
    log = _open(driver, page)
    assert _errors(log) == []
    assert driver.execute_script("return document.querySelectorAll('svg [data-event]').length") == events
    assert driver.execute_script("return document.querySelectorAll('tr[data-row]').length") == events
    # The page's own script ran (the CSP allowed it by its hash): the filter is shown.
    assert driver.execute_script("return document.getElementById('ad-filter').hidden") is False
    _screenshot(driver, tmp_path, f"{'-'.join(names) if len(names) == 1 else 'four-deals'}.html.png")


def test_html_filter_hides_other_types(driver: Any, tmp_path: Path) -> None:
    page, events = _write(tmp_path, ("turkey-s400",), "html")
    _open(driver, page)
    shown = driver.execute_script(
        """
        var select = document.querySelector('#ad-filter select[name=family]');
        select.value = 'pressure';
        select.dispatchEvent(new Event('change', {bubbles: true}));
        return document.querySelectorAll('tr[data-row]:not(.ad-off)').length;
        """
    )
    timeline = load_timeline(TIMELINES / "turkey-s400.yaml")
    pressure = sum(1 for e in timeline.events if str(e.type) in ("sanction", "suspension", "cancellation"))
    assert 0 < shown == pressure < events


def test_hostile_text_stays_inert(driver: Any, tmp_path: Path) -> None:
    timeline = load_timeline(HOSTILE)
    for format_ in ("html", "svg"):
        page, events = _write(tmp_path, HOSTILE, format_)
        log = _open(driver, page)
        assert _errors(log) == [], format_
        # An alert would be open if any text had run as script.
        assert driver.execute_script("return typeof window.alert") == "function"
        from selenium.common.exceptions import NoAlertPresentException

        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018
        assert driver.execute_script("return document.querySelectorAll('[data-event]').length") == events
        assert driver.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
        scripts = driver.execute_script("return document.querySelectorAll('script').length")
        assert scripts == (1 if format_ == "html" else 0)
        if format_ == "html":
            assert driver.execute_script("return document.querySelector('h1').textContent") == timeline.title
            titles = driver.execute_script(
                "return Array.from(document.querySelectorAll('tr[data-row] .title')).map(n => n.textContent)"
            )
            assert "<script>alert('event')</script>" in titles
            assert any(title.startswith('<a href="javascript:alert(3)">') for title in titles)


@pytest.mark.parametrize("names", [("turkey-s400",), FOUR_DEALS], ids=["turkey-s400", "four-deals"])
def test_svg_chart(driver: Any, tmp_path: Path, names: tuple[str, ...]) -> None:
    chart, events = _write(tmp_path, names, "svg")
    log = _open(driver, chart)
    assert _errors(log) == []
    assert driver.execute_script("return document.querySelectorAll('[data-event]').length") == events
    boxes = driver.execute_script(
        """
        return Array.from(document.querySelectorAll('text')).map(function (node) {
          var box = node.getBBox();
          return [node.textContent, box.x, box.y, box.x + box.width, box.y + box.height,
                  parseFloat(getComputedStyle(node).fontSize), getComputedStyle(node).fontWeight === '700'];
        });
        """
    )
    # As drawn by the browser's own font: no two texts overlap, none is smaller than 11 px,
    # and none is wider than the fixed metric the layout measured it with.
    assert len(boxes) > 20
    assert min(box[5] for box in boxes) >= 11
    clashes = [
        (a[0], b[0]) for a, b in combinations(boxes, 2) if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]
    assert clashes == []
    too_wide = [box[0] for box in boxes if box[3] - box[1] > text_width(box[0], box[5], bold=box[6]) + 0.5]
    assert too_wide == []
    # Each milestone's leader line (followed by its label) as drawn: no line runs through another text.
    leaders = driver.execute_script(
        """
        return Array.from(document.querySelectorAll('line.ad-leader')).map(function (line) {
          var box = line.getBBox();
          return [line.nextElementSibling.textContent, box.x, box.y, box.x + box.width, box.y + box.height];
        });
        """
    )
    assert len(leaders) >= 5
    crossings = [
        (leader[0], box[0])
        for leader in leaders
        for box in boxes
        if box[0] != leader[0] and box[1] < leader[1] < box[3] and leader[2] < box[4] and box[2] < leader[4]
    ]
    assert crossings == []
    _screenshot(driver, tmp_path, f"{'-'.join(names) if len(names) == 1 else 'four-deals'}.svg.png")


@pytest.mark.parametrize("width", [390, 1280])
def test_filter_is_hidden_without_scripts(driver_without_scripts: Any, tmp_path: Path, width: int) -> None:
    """Without scripts the filter could do nothing, so it is not shown (docs/pictures.md, "The page")."""
    page, _ = _write(tmp_path, FOUR_DEALS, "html")
    set_width(driver_without_scripts, width)
    _open(driver_without_scripts, page)
    # WebDriver's own scripts still run (they are not the page's): the page's script did not.
    form = driver_without_scripts.execute_script(
        "var form = document.getElementById('ad-filter');"
        "return [form.hidden, getComputedStyle(form).display, form.getClientRects().length]"
    )
    assert form == [True, "none", 0]


# Every element that draws text of its own, with the size it is drawn at in CSS px: its computed
# font size times the scale of the SVG it is in (a chart shrunk to fit a phone shrinks its text).
RENDERED_FONT_SIZES = """
return Array.from(document.querySelectorAll('body *')).filter(function (node) {
  return node.getClientRects().length > 0 && Array.from(node.childNodes).some(function (child) {
    return child.nodeType === 3 && child.textContent.trim();
  });
}).map(function (node) {
  var size = parseFloat(getComputedStyle(node).fontSize);
  var matrix = node instanceof SVGElement && node.getScreenCTM();
  return [matrix ? size * Math.hypot(matrix.a, matrix.b) : size, node.textContent.trim().slice(0, 40)];
});
"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("names", [("turkey-s400",), FOUR_DEALS], ids=["turkey-s400", "four-deals"])
def test_html_page_reads_at_phone_and_desktop_widths(
    driver: Any, tmp_path: Path, names: tuple[str, ...], width: int
) -> None:
    """No sideways scrolling of the page, no text under 12 px, and a caption that asks for no hover."""
    page, _ = _write(tmp_path, names, "html")
    set_width(driver, width)
    try:
        _open(driver, page)
        scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
        sizes = driver.execute_script(RENDERED_FONT_SIZES)
        caption = driver.execute_script("return document.querySelector('figcaption').textContent")
        # The chart keeps its scale: it scrolls in its own box, which is no wider than the page.
        figure = driver.execute_script(
            "var f = document.querySelector('figure'); return [f.clientWidth, f.scrollWidth]"
        )
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert scroll_width <= width
    assert len(sizes) > 50
    smallest = min(sizes)
    assert smallest[0] >= 12, smallest
    assert "hover" not in caption.lower()
    assert figure[0] <= width and figure[1] >= 1200
