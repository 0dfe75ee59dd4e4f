"""Fuzzing the writers (issue 27): random timelines through `fmt` and `add`, then the data-safety contract.

Each generated file has comments everywhere (own lines, line ends, inside a flow list, after `...`),
block and flow style, `!!str` tags, sometimes an anchor, CRLF or a byte-order mark, and text that a
YAML 1.1 reader takes for another type ('ON', 'no', '1:30', '2019-04-01'). After each writer, either
it refused with a message, or the result:

- holds the same data as the original for armsdeal, PyYAML (YAML 1.1) and ruamel (YAML 1.2), each
  compared with itself (fmt's events in date order; add's new event left out), types included;
- has every comment of the original, the same tags, byte-order mark and line endings;
- is what fmt leaves as it is (fmt is idempotent).

The checks here are the test's own, independent of curate/safety.py.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from armsdeal.cli.editing import Original, verified
from armsdeal.core.errors import ArmsdealError
from armsdeal.curate.add import Addition, add_event
from armsdeal.curate.fmt import format_text, in_date_order
from armsdeal.curate.safety import editable_text, layout_of
from armsdeal.read.stage import parse_bytes

LOOK_ALIKES = ["ON", "no", "off", "Yes", "1:30", "2019-04-01", "~", "null", "0o17", "1e3", "True"]
WORDS = ["Radar", "Gripen E", "S-400", "talks resume", "Côte d’Ivoire", "it's", 'say "yes"']
DATES = ["2019", "2019-05", "2020-01-02", "2018-11-30", "2021~"]


class Text:
    """The text of a generated file, with the markers of the comments it holds."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.lines: list[str] = []
        self.markers: list[str] = []

    def comment(self, probability: float = 0.3) -> str:
        if not self.draw(st.floats(0, 1)) < probability:
            return ""
        marker = f"c{len(self.markers)}"
        self.markers.append(marker)
        return f"# {marker}"

    def own_line(self, indent: int) -> None:
        text = self.comment()
        if text:
            self.lines.append(" " * indent + text)

    def line(self, text: str) -> None:
        end = self.comment()
        self.lines.append(f"{text}  {end}" if end else text)

    def scalar(self, value: str) -> str:
        style = self.draw(st.sampled_from(["plain", "single", "double", "tagged", "anchor"]))
        quoted = "'" + value.replace("'", "''") + "'"
        if style == "double":
            quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if style == "plain" and re.fullmatch(r"[A-Za-z][\w \-:.~]*", value) and ": " not in value:
            return value
        if style == "tagged":
            return f"!!str {quoted}"
        if style == "anchor" and self.draw(st.floats(0, 1)) < 0.2:
            return f"&a{len(self.lines)} {quoted}"
        return quoted


@st.composite
def timelines(draw: Any) -> tuple[bytes, list[str]]:
    text = Text(draw)
    words = st.sampled_from(WORDS + LOOK_ALIKES)
    text.own_line(0)
    text.line("id: t")
    text.line(f"title: {text.scalar(draw(words))}")
    text.own_line(0)
    if draw(st.booleans()):
        text.line(f"deal: {{supplier: a, recipient: b, system: {text.scalar(draw(words))}}}")
    else:
        text.line("deal:")
        for key, value in (("supplier", "a"), ("recipient", "b"), ("system", draw(words))):
            text.own_line(2)
            text.line(f"  {key}: {text.scalar(value) if key == 'system' else value}")
    text.line("actors:")
    for actor in ("a", "b"):
        text.own_line(2)
        text.line(f"  {actor}: {{name: {text.scalar(draw(words))}, kind: state}}")
    text.line("sources:")
    text.line("  s:")
    text.line(f"    publisher: {text.scalar(draw(words))}")
    text.line(f"    title: {text.scalar(draw(words))}")
    text.line("    url: https://example.org/a")
    events = draw(st.lists(st.tuples(st.sampled_from(DATES), words), min_size=1, max_size=4))
    if draw(st.booleans()):
        text.line("events:")
        for number, (day, title) in enumerate(events):
            text.own_line(2)
            text.line(f"  - id: e{number}")
            text.line(f"    date: {day}")
            text.line("    type: statement")
            text.line(f"    title: {text.scalar(title)}")
            text.line("    sources: [s]")
    else:  # a flow list over several lines, with comments at the ends of its lines
        text.lines.append("events: [")
        for number, (day, title) in enumerate(events):
            comma = "," if number < len(events) - 1 else ""
            end = text.comment()
            event = f"{{id: e{number}, date: '{day}', type: statement, title: {text.scalar(title)}, sources: [s]}}"
            text.lines.append(f"  {event}{comma}" + (f"  {end}" if end else ""))
        text.lines.append("]")
    if draw(st.floats(0, 1)) < 0.2:
        text.lines.append("...")
        text.own_line(0)
    body = "\n".join(text.lines) + "\n"
    if draw(st.booleans()):
        body = body.replace("\n", "\r\n")
    raw = body.encode("utf-8")
    if draw(st.floats(0, 1)) < 0.25:
        raw = b"\xef\xbb\xbf" + raw
    return raw, text.markers


def typed(value: Any) -> Any:
    if isinstance(value, dict):
        return {typed(key): typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, repr(value))


def check_result(before: bytes, after: bytes, markers: list[str], *, view_before: Any, view_after: Any) -> None:
    old = [typed(view_before(reading)) if reading is not None else None for reading in _raw_readings(before)]
    new = [typed(view_after(reading)) if reading is not None else None for reading in _raw_readings(after)]
    assert old == new, "a reader reads other data"
    text = after.decode("utf-8-sig")
    for marker in markers:
        assert re.search(rf"#\s*{marker}\b", text), f"comment {marker} lost"
    assert text.count("!!str") == before.decode("utf-8-sig").count("!!str")
    assert layout_of(after) == layout_of(before)
    again = format_text(editable_text(after, "t.yaml"), "t.yaml")
    assert again == editable_text(after, "t.yaml") or view_after is not _same, "fmt is not idempotent"


def _raw_readings(raw: bytes) -> list[Any]:
    document = parse_bytes(raw, "t.yaml")
    ours = None if any(p.severity == "error" for p in document.problems) else document.data
    return [ours, yaml.load(raw, Loader=yaml.CSafeLoader), YAML(typ="safe", pure=True).load(raw)]


def _same(data: Any) -> Any:
    return data


def original(raw: bytes) -> Original:
    from pathlib import Path

    return Original(Path("t.yaml"), raw, editable_text(raw, "t.yaml"), layout_of(raw))


@pytest.mark.slow
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(timelines())
def test_fmt_keeps_the_data_the_comments_and_the_layout_or_refuses(case: tuple[bytes, list[str]]) -> None:
    raw, markers = case
    refusal = None
    try:
        file = original(raw)
        after = verified(file, format_text(file.text, "t.yaml"), before_view=in_date_order)
    except ArmsdealError as error:
        refusal = str(error)
    if refusal is not None:
        assert refusal.strip()  # a refusal says why
        return
    if after is None:
        return
    check_result(raw, after, markers, view_before=in_date_order, view_after=_same)


@pytest.mark.slow
@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(timelines(), st.sampled_from(LOOK_ALIKES + WORDS), st.sampled_from(["2019-06-01", "2018", "2022-02"]))
def test_add_keeps_the_data_the_comments_and_the_layout_or_refuses(
    case: tuple[bytes, list[str]], title: str, day: str
) -> None:
    from armsdeal.cli.add import _verified

    raw, markers = case
    addition = Addition(date=day, type="statement", title=title, source_url="https://example.org/a")
    refusal = None
    try:
        file = original(raw)
        added = add_event(file.text, "t.yaml", addition, today=date(2026, 11, 30))
        after = _verified(file, added, None)
    except ArmsdealError as error:
        refusal = str(error)
    if refusal is not None:
        assert refusal.strip()
        return
    assert after is not None

    def without(data: Any) -> Any:
        events = [e for e in data["events"] if e.get("id") != added.event_id]
        return {**data, "events": events}

    check_result(raw, after, markers, view_before=_same, view_after=without)
    for reading in _raw_readings(after):
        (event,) = [e for e in reading["events"] if e.get("id") == added.event_id]
        assert event["title"] == title
