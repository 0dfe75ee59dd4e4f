"""The SVG chart drawn by three renderers: librsvg, ImageMagick's own and Chromium give the same colours.

Each mark and bar carries its colours as presentation attributes beside its CSS classes, so a renderer
that reads no CSS (ImageMagick's MSVG) draws the same chart. The test rasterises the chart with
``rsvg-convert``, ``convert msvg:`` and a Chromium screenshot, and reads the pixel at the centre of
every mark, on every phase bar, on a lane and on the background: each must be the colour the SVG's
attributes give (so the three agree). A renderer that is not installed is left out, with a reason
(pytest -ra); with fewer than two there is nothing to compare and the test skips.
"""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from chromium import chromium
from conftest import DATA, TIMELINES

from armsdeal.check.validate import load_timeline
from armsdeal.export import ExportOptions, export
from armsdeal.export.svg import BACKGROUND, HOLLOW, LANE

pytestmark = pytest.mark.slow

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = {
    "turkey-s400": [TIMELINES / "turkey-s400.yaml"],
    # Every status and date form, and two lanes.
    "hostile-and-turkey-f35": [DATA / "pictures" / "hostile-pictures.yaml", TIMELINES / "turkey-f35.yaml"],
}
# Largest difference allowed in a colour channel: anti-aliasing where a mark's centre is on a line.
TOLERANCE = 40

Probe = tuple[str, int, int, str]  # what, x, y, expected colour (#rrggbb)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def probes(root: ElementTree.Element) -> list[Probe]:
    """Points of the chart and the colour each must have there, read from the SVG's attributes."""
    found: list[Probe] = [("background", 3, 3, BACKGROUND)]
    for lane in root.iter(f"{SVG}rect"):
        if lane.get("class") == "ad-lane":
            found.append(("lane", int(float(lane.get("x", "0"))) + 4, int(float(lane.get("y", "0"))) + 4, LANE))
    for group in root.iter(f"{SVG}g"):
        event = group.get("data-event")
        classes = (group.get("class") or "").split()
        if event:
            found.append(_mark_probe(event, next(child for child in group if "ad-mark" in (child.get("class") or ""))))
        elif "ad-phase" in classes:
            bar = group.find(f"{SVG}rect")
            assert bar is not None
            x, y, width = (float(bar.get(name, "0")) for name in ("x", "y", "width"))
            if width >= 8:  # above the bar's label, just inside its right end
                found.append((classes[1], int(x + width) - 3, int(y) + 2, bar.get("fill", "")))
    return found


def _mark_probe(event: str, mark: ElementTree.Element) -> Probe:
    """The centre of a mark and its colour there: the fill, white inside a hollow one, the stroke of a cross."""
    if mark.tag == f"{SVG}g":  # denied: a hollow circle struck through
        circle, line = mark.find(f"{SVG}circle"), mark.find(f"{SVG}line")
        assert circle is not None and line is not None
        return (event, int(float(circle.get("cx", "0"))), int(float(circle.get("cy", "0"))), line.get("stroke", ""))
    if mark.tag == f"{SVG}polygon":
        points = [tuple(float(v) for v in point.split(",")) for point in (mark.get("points") or "").split()]
        x, y = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    else:
        x, y = float(mark.get("cx", "0")), float(mark.get("cy", "0"))
    colour = HOLLOW if "ad-hollow" in (mark.get("class") or "") else mark.get("fill", "")
    return (event, int(x), int(y), colour)


def _chart(tmp_path: Path, name: str) -> tuple[Path, ElementTree.Element]:
    timelines = [load_timeline(path) for path in CHARTS[name]]
    path = tmp_path / f"{name}.svg"
    path.write_text(export("svg", timelines, ExportOptions()), encoding="utf-8")
    return path, ElementTree.parse(path).getroot()


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium(tmp_path_factory)


def _render(renderer: str, svg: Path, root: ElementTree.Element, browser: Any) -> bytes:
    """The chart as PNG bytes, drawn by one renderer."""
    png = svg.with_suffix(f".{renderer}.png")
    if renderer == "librsvg":
        _run(["rsvg-convert", str(svg), "-o", str(png)])
    elif renderer == "imagemagick":
        _run(["convert", f"msvg:{svg}", str(png)])  # msvg: ImageMagick's own renderer, not a delegate
    else:
        size = {"width": int(root.get("width", "0")), "height": int(root.get("height", "0"))}
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**size, "deviceScaleFactor": 1, "mobile": False})
        browser.execute_cdp_cmd(
            "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]}
        )
        browser.get(svg.resolve().as_uri())
        return base64.b64decode(browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"])
    return png.read_bytes()


RENDERERS = {"librsvg": "rsvg-convert", "imagemagick": "convert", "chromium": None}


@pytest.mark.browser
@pytest.mark.parametrize("name", CHARTS)
def test_three_renderers_draw_the_same_colours(request: pytest.FixtureRequest, tmp_path: Path, name: str) -> None:
    image_module = pytest.importorskip("PIL.Image", reason="Pillow is not installed (pip install -e '.[test]')")
    svg, root = _chart(tmp_path, name)
    drawn: dict[str, Any] = {}
    missing = []
    for renderer, command in RENDERERS.items():
        if command is not None and shutil.which(command) is None:
            missing.append(f"{renderer} ({command} is not installed)")
            continue
        try:
            browser = request.getfixturevalue("browser") if renderer == "chromium" else None
        except pytest.skip.Exception as reason:
            missing.append(f"{renderer} ({reason})")
            continue
        drawn[renderer] = image_module.open(io.BytesIO(_render(renderer, svg, root, browser))).convert("RGB")
    if len(drawn) < 2:
        pytest.skip("fewer than two renderers to compare: " + ", ".join(missing))
    points = probes(root)
    assert len(points) > 20
    wrong = []
    for what, x, y, colour in points:
        for renderer, image in drawn.items():
            got = image.getpixel((x, y))
            if max(abs(a - b) for a, b in zip(got, _rgb(colour), strict=True)) > TOLERANCE:
                wrong.append(f"{what} at {x},{y}: {renderer} drew {got}, the SVG says {colour}")
    assert wrong == []
