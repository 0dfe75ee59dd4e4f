"""Mermaid diagrams drawn by Mermaid itself, in headless Chromium: how wide they really are.

Needs Mermaid's browser bundle from npm, at $ARMSDEAL_MERMAID_JS or where ``.ci/run`` installs it
(``npm install --prefix .ci-node mermaid@11``: .ci-node/node_modules/mermaid/dist/mermaid.min.js),
and Chromium (tests/chromium.py). Where either is missing the test skips and says why. Nothing is
fetched: the page and the bundle are local files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import chromium
from conftest import ROOT, TIMELINES

from armsdeal.check.validate import load_timeline
from armsdeal.export import ExportOptions, export

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FOUR_DEALS = ("turkey-s400", "turkey-f35", "turkey-f16", "india-s400")
BUNDLE = Path(
    os.environ.get("ARMSDEAL_MERMAID_JS") or ROOT / ".ci-node" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
)
# Renders the source given and answers the drawn SVG's width in px (or the error's text).
RENDER = """
var done = arguments[arguments.length - 1];
mermaid.initialize({startOnLoad: false});
mermaid.render("diagram" + arguments[1], arguments[0]).then(function (out) {
  var holder = document.createElement("div");
  holder.innerHTML = out.svg;
  document.body.appendChild(holder);
  var width = holder.querySelector("svg").viewBox.baseVal.width;
  holder.remove();
  done(width);
}).catch(function (error) { done(String(error)); });
"""


@pytest.fixture(scope="module")
def mermaid_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not BUNDLE.is_file():
        pytest.skip(f"Mermaid's bundle is not at {BUNDLE} (npm install --prefix .ci-node mermaid@11)")
    for driver in chromium(tmp_path_factory):
        page = tmp_path_factory.mktemp("mermaid") / "page.html"
        page.write_text(f'<!DOCTYPE html>\n<script src="{BUNDLE.resolve().as_uri()}"></script>\n', encoding="utf-8")
        driver.get(page.as_uri())
        driver.set_script_timeout(60)
        yield driver


def _width(driver: Any, names: tuple[str, ...], options: ExportOptions, index: int) -> float:
    source = export("mermaid", [load_timeline(TIMELINES / f"{name}.yaml") for name in names], options)
    width = driver.execute_async_script(RENDER, source, index)
    assert isinstance(width, int | float), width
    return float(width)


@pytest.mark.parametrize("names", [*((name,) for name in FOUR_DEALS), FOUR_DEALS], ids=[*FOUR_DEALS, "four"])
def test_default_diagram_is_at_most_1600_px_wide(mermaid_page: Any, names: tuple[str, ...]) -> None:
    assert 0 < _width(mermaid_page, names, ExportOptions(), 0) <= 1600


def test_the_full_diagram_is_wider(mermaid_page: Any) -> None:
    """--all keeps a column per date: turkey-f35's eleven dates are 2,590 px, what the default avoids."""
    assert _width(mermaid_page, ("turkey-f35",), ExportOptions(all_events=True), 1) > 1600
