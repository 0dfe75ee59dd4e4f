"""`fmt` of a file without comments, written straight from its data (the ``fmt-direct`` fast path).

fmt's own path (curate/fmt.py) reads the text with ruamel's round trip and
writes it back, keeping what the text holds beyond its data: comments, blank
lines, document markers, the spelling of some numbers (``0x1f``, ``1_000``),
and the style of collections fmt does not lay out itself. That round trip takes
some 6 s a megabyte. A file that holds none of those has nothing to keep but
its data, so canonical.py's ``canonical_text`` of that data is fmt's result;
``direct_text`` gives it when the file passes every guard below, and None
(fmt's own path) otherwise. tests/curate/test_direct.py holds the two equal
over generated timelines written in many styles.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from armsdeal.core.dates import parse_edtf
from armsdeal.core.fastpaths import enabled
from armsdeal.curate.canonical import canonical_text
from armsdeal.curate.fmt import ID_LISTS
from armsdeal.curate.safety import armsdeal_data, comments, ruamel_data, same_typed

# Document markers and directives, and numbers whose spelling the round trip keeps (hex,
# octal, binary, underscores): any of these anywhere, even inside a text where it would do no
# harm, sends the file down fmt's own path.
_KEPT_BY_ROUND_TRIP = re.compile(r"(?:^|\n)(?:---|\.\.\.|%)|0[xXoObB]|[0-9]_", re.ASCII)
_BLANK_LINE = re.compile(r"^[ \t]*$", re.MULTILINE)


def direct_text(raw: bytes, text: str) -> str | None:
    """fmt's result for a file armsdeal reads completely, or None when fmt's own path must make it.

    ``raw`` is the file's bytes, ``text`` its editable text (no BOM, line breaks as '\\n').
    """
    if not enabled("fmt-direct"):
        return None
    if "#" in text and comments(raw):
        return _with_event_comments(raw, text)
    return _direct(raw, text)


def _direct(raw: bytes, text: str) -> str | None:
    """fmt's result for a file without comments, or None."""
    if _KEPT_BY_ROUND_TRIP.search(text):
        return None
    if "!" in text:
        return None  # a tag (fmt keeps it); armsdeal refuses anchors and aliases, so data is None below
    if not _blank_lines_inside_text(text):
        return None  # the round trip keeps a blank line between entries
    data = armsdeal_data(raw)
    if not _laid_out_by_fmt(data):
        return None
    # The round trip reads with ruamel's YAML 1.2 types (a plain 2019-04-01 is a date there, text
    # for armsdeal): canonical_text writes armsdeal's data, so the two must be the same.
    if not same_typed(data, ruamel_data(raw)):
        return None
    return canonical_text(data)


def _laid_out_by_fmt(data: Any) -> bool:
    """Whether fmt sets the style of every collection in ``data`` (canonical.py writes them all in fmt's style).

    fmt keeps a list where it found it, in its style, except the id lists it writes
    in brackets; and it lays out actors and sources only when each is a mapping.
    """
    if not isinstance(data, dict):
        return False
    for key, value in data.items():
        if key in ("actors", "sources"):
            if not isinstance(value, dict) or not all(
                isinstance(item, dict) and _no_lists(item) for item in value.values()
            ):
                return False
        elif key == "events":
            if not isinstance(value, list) or not all(_event_fits(event) for event in value):
                return False
        elif key != "related" and not _no_lists(value):
            return False
    return True


def _event_fits(event: Any) -> bool:
    return isinstance(event, dict) and all(key in ID_LISTS or _no_lists(value) for key, value in event.items())


def _no_lists(value: Any) -> bool:
    if isinstance(value, list):
        return False
    if isinstance(value, dict):
        return all(_no_lists(item) for item in value.values())
    return True


def _blank_lines_inside_text(text: str) -> bool:
    """Whether every blank line of ``text`` is inside a text value (one written on several lines).

    libyaml's parser gives where each value starts and ends: a quoted or plain value ends
    on its last line; a block value (``|``, ``>``) ends where the next entry starts, so its
    trailing blank lines (which the round trip may keep as they are) do not count as inside.
    """
    blanks = _blank_line_numbers(text)
    if not blanks:
        return True
    lines = text.split("\n")
    spans: list[tuple[int, int]] = []  # in the order of the text, never overlapping
    try:
        for event in yaml.parse(text, Loader=_PARSER):
            start, end = getattr(event, "start_mark", None), getattr(event, "end_mark", None)
            if isinstance(event, yaml.ScalarEvent) and start and end and end.line > start.line + 1:
                spans.append((start.line, _last_line(event, lines)))
    except yaml.YAMLError:
        return False
    spans.reverse()
    for blank in blanks:  # both in ascending order: one walk
        while spans and spans[-1][1] <= blank:
            spans.pop()
        if not spans or not spans[-1][0] < blank:
            return False
    return True


def _blank_line_numbers(text: str) -> list[int]:
    """The numbers (from 0) of the lines of ``text`` that hold nothing but spaces or tabs."""
    numbers = []
    line = at = 0
    for match in _BLANK_LINE.finditer(text, 0, len(text) - 1):
        line += text.count("\n", at, match.start())
        at = match.start()
        numbers.append(line)
    return numbers


def _last_line(event: Any, lines: list[str]) -> int:
    """The last line of a value's text (for a block value, its last line that is not blank)."""
    last: int = event.end_mark.line
    if event.style in ("|", ">"):
        last -= 1
        while last > event.start_mark.line and not lines[last].strip(" \t"):
            last -= 1
        last += 1  # a blank line before this one is inside the value
    return last


_PARSER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _Comments:
    """A file's comments where this path can place them: a header, and whole lines between events.

    fmt keeps comments above a blank line at the top of the file at the top; a
    comment line between two events, no deeper than their dash, moves with the
    event after it (written two columns in); one as deep as the event's keys
    stays at the end of the event before it (written four columns in).
    """

    def __init__(self) -> None:
        self.header: list[str] = []
        self.before: dict[int, list[str]] = {}  # by the event's place in the file
        self.after: dict[int, list[str]] = {}
        self.count = 0


def _with_event_comments(raw: bytes, text: str) -> str | None:
    """fmt's result for a file whose only comments are a header and lines between events, or None."""
    lines = text.split("\n")
    found = _Comments()
    body = _header(lines, found)
    if body is None:
        return None
    kept = _events_comments(body, found)
    if kept is None or sorted(found.header + _all(found)) != sorted(comments(raw)):
        return None  # a comment somewhere else, or a line inside a text that looks like one
    stripped = "\n".join(kept)
    data = armsdeal_data(raw)
    laid_out = _direct(stripped.encode("utf-8"), stripped)
    if laid_out is None or not same_typed(armsdeal_data(stripped.encode("utf-8")), data):
        return None
    return _placed(laid_out, data, found)


def _all(found: _Comments) -> list[str]:
    return [line.strip() for group in (*found.before.values(), *found.after.values()) for line in group]


def _header(lines: list[str], found: _Comments) -> list[str] | None:
    """The lines after the header (comment lines above a blank line at the top), the header kept in ``found``."""
    at = 0
    while at < len(lines) and lines[at].startswith("#"):
        at += 1
    if at == 0:
        return lines
    if at == len(lines) or lines[at] != "" or any(line != line.rstrip() for line in lines[:at]):
        return None
    found.header = lines[:at]
    return lines[at + 1 :]


def _events_comments(lines: list[str], found: _Comments) -> list[str] | None:
    """The lines without the comments between events (kept in ``found``); None for a comment elsewhere."""
    kept: list[str] = []
    in_events = False
    dash = ""
    run: list[str] = []
    event = -1
    for line in lines:
        if line.lstrip().startswith("#"):
            if not in_events or line != line.rstrip():
                return None
            run.append(line)
            continue
        if line and line[0] != " " and not (line[0] == "-" and line[1:2] in ("", " ")):  # a top-level key
            in_events = line == "events:"
        elif in_events and not dash and line.lstrip().startswith("- "):
            dash = line[: len(line) - len(line.lstrip())] + "- "
        starts = in_events and bool(dash) and line.startswith(dash)
        if run and not _placed_run(run, dash, event, found, starts=starts, ends=not in_events or line == ""):
            return None
        run = []
        event += starts
        kept.append(line)
    return None if run else kept


def _placed_run(run: list[str], dash: str, event: int, found: _Comments, *, starts: bool, ends: bool) -> bool:
    """Keep a run of comment lines before an event (no deeper than its dash) or after one (as deep as its keys)."""
    depths = {len(line) - len(line.lstrip()) for line in run}
    if starts and max(depths) <= len(dash) - 2:
        found.before[event + 1] = run
        return True
    if (starts or ends) and depths == {len(dash)} and event >= 0:
        found.after[event] = run
        return True
    return False


def _placed(text: str, data: Any, found: _Comments) -> str:
    """The comments put back into fmt's text, each with its event, the events now in date order."""
    events = data["events"]
    keys = [parse_edtf(str(event["date"])).sort_key() for event in events]
    order = sorted(range(len(events)), key=keys.__getitem__)  # fmt's order (canonical.py could sort them)
    out: list[str] = [*found.header, ""] if found.header else []
    place = -1
    in_events = False
    for line in text.split("\n"):
        starts = in_events and line.startswith("  - ")
        if in_events and place >= 0 and (starts or not line.startswith(" ")):
            out.extend("    " + comment.strip() for comment in found.after.get(order[place], []))
        if line and not line.startswith(" "):
            in_events = line == "events:"
        if starts:
            place += 1
            out.extend("  " + comment.strip() for comment in found.before.get(order[place], []))
        out.append(line)
    return "\n".join(out)
