"""`fmt` of a file written straight from its data, its comments put back (the ``fmt-direct`` fast path).

fmt's own path (curate/fmt.py) reads the text with ruamel's round trip and
writes it back, keeping what the text holds beyond its data: comments, blank
lines, document markers, the spelling of some numbers (``0x1f``, ``1_000``),
and the style of collections fmt does not lay out itself. That round trip takes
some 6 s a megabyte. A file that holds none of those has nothing to keep but
its data, so canonical.py's ``canonical_text`` of that data is fmt's result;
``direct_text`` gives it when the file passes every guard below, and None
(fmt's own path) otherwise. Comments in the places ``_Comments`` names are
taken out first and put back where the round trip puts them.
tests/curate/test_direct.py holds the two equal over generated timelines
written in many styles, with comments.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml

from armsdeal.core.dates import parse_edtf
from armsdeal.core.fastpaths import enabled
from armsdeal.curate.canonical import canonical_text
from armsdeal.curate.fmt import ID_LISTS
from armsdeal.curate.safety import armsdeal_data, comments, ruamel_data, same_data

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
    result = _with_event_comments(raw, text) if "#" in text and comments(raw) else _direct(raw, text)
    if result is None or not _BLOCK_INDICATOR.search(text):
        return result
    return result if _block_values(text) <= _block_values(result) else None


# A value written as a block (`note: >-`, `- |`): ruamel's round trip keeps a value in the block style it
# found, even one canonical.py writes on one line (a short note), so such a file takes the round trip.
_BLOCK_INDICATOR = re.compile(r"[:-][ \t]+[|>]")


def _block_values(text: str) -> set[str]:
    """The texts of the values ``text`` writes as blocks (``|``, ``>``); the texts of all its values if unparsable."""
    found: set[str] = set()
    try:
        for event in yaml.parse(text, Loader=_PARSER):
            if isinstance(event, yaml.ScalarEvent) and event.style in ("|", ">"):
                found.add(event.value)
    except yaml.YAMLError:
        return {"\0unparsable"}  # never a subset of a parsable result's: the round trip decides
    return found


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
    if not same_data(data, ruamel_data(raw)):
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


class _EndOfLine(NamedTuple):
    """A comment at the end of an event's ``key: value`` line: its text and the column of its '#'."""

    text: str
    column: int


class _Comments:
    """A file's comments where this path can place them: a header, and in the events whole lines and ends of lines.

    fmt keeps comments above a blank line at the top of the file at the top; a
    comment line between two events, no deeper than their dash, moves with the
    event after it (written two columns in); one as deep as the event's keys
    stays at the end of the event before it (written four columns in), and one
    as deep as the keys above a key moves with that key (written four columns
    in, or two above the dash when the key is now the event's first). A
    comment after an event's one-line scalar value stays on its key's line:
    ruamel writes it at the column where it was, or one space after the value
    when the value's line now reaches that column.
    """

    def __init__(self) -> None:
        self.header: list[str] = []
        self.before: dict[int, list[str]] = {}  # by the event's place in the file
        self.after: dict[int, list[str]] = {}
        self.eol: dict[int, dict[str, _EndOfLine]] = {}  # by the event's place, then by its key
        self.inside: dict[int, dict[str, list[str]]] = {}  # lines above a key of an event (not its first)
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
    if laid_out is None or not same_data(armsdeal_data(stripped.encode("utf-8")), data):
        return None
    return _placed(laid_out, data, found)


def _all(found: _Comments) -> list[str]:
    groups = (
        *found.before.values(),
        *found.after.values(),
        *(run for keys in found.inside.values() for run in keys.values()),
    )
    lines = [line.strip() for group in groups for line in group]
    return lines + [comment.text for keys in found.eol.values() for comment in keys.values()]


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
        if run and not _placed_run(run, dash, event, found, line, starts=starts, ends=not in_events or line == ""):
            return None
        run = []
        event += starts
        kept.append(_without_end_of_line_comment(line, len(dash), found, event) if in_events else line)
    return None if run else kept


# An event's key (a plain word: anything else is left to the round trip) and what follows it on its line.
_EVENT_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_COMMENT_AFTER = re.compile(r" +#.*")


def _without_end_of_line_comment(line: str, depth: int, found: _Comments, event: int) -> str:
    """An event's line without the comment after its one-line scalar value (kept in ``found``); any other as it was.

    A line left with its comment makes the comment count differ, so the file takes the round trip.
    """
    key = _event_key(line, depth) if event >= 0 and "#" in line else None
    if key is None or "\t" in line or line != line.rstrip():
        return line
    name, value, at = key
    end = _scalar_end(value)
    keys = found.eol.setdefault(event, {})
    if end is None or name in keys or not _COMMENT_AFTER.fullmatch(value, end):
        return line
    column = at + value.index("#", end)
    keys[name] = _EndOfLine(line[column:], column)
    return line[: at + end]


def _event_key(line: str, depth: int) -> tuple[str, str, int] | None:
    """An event's key at ``depth`` columns (after its dash or its indentation), its value's text and where it starts."""
    if line[:depth] not in (" " * depth, " " * (depth - 2) + "- "):
        return None
    match = _EVENT_KEY.fullmatch(line, depth)
    if match is None:
        return None
    if match.group(2) is None:
        return match.group(1), "", match.end()
    return match.group(1), match.group(2), match.start(2)


def _scalar_end(value: str) -> int | None:
    """Where a one-line scalar at the start of ``value`` ends; None for anything else (a block, a flow collection)."""
    if value[:1] == "'":
        at = 1
        while (close := value.find("'", at)) >= 0:
            if value[close + 1 : close + 2] != "'":
                return close + 1
            at = close + 2
        return None
    if value[:1] == '"':
        match = _DOUBLE_QUOTED.match(value)
        return match.end() if match else None
    if value[:1] in "{[|>&*!%@`#":  # also "" (no value)
        return None
    comment = value.find(" #")  # a plain scalar ends where a comment starts
    return len(value[:comment].rstrip(" ")) if comment > 0 else None


_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _placed_run(
    run: list[str], dash: str, event: int, found: _Comments, line: str, *, starts: bool, ends: bool
) -> bool:
    """Keep a run of comment lines before an event (no deeper than its dash), after it or before a key (at its keys).

    ``line`` is the line after the run.
    """
    depths = {len(comment) - len(comment.lstrip()) for comment in run}
    if starts and max(depths) <= len(dash) - 2:
        found.before[event + 1] = run
        return True
    if depths != {len(dash)} or event < 0:
        return False
    if starts or ends:
        found.after[event] = run
        return True
    key = _event_key(line, len(dash)) if line.startswith(" " * len(dash)) else None
    keys = found.inside.setdefault(event, {})
    if key is None or key[0] in keys:
        return False
    keys[key[0]] = run
    return True


def _placed(text: str, data: Any, found: _Comments) -> str | None:
    """The comments put back into fmt's text, each with its event, the events in date order; None if one cannot be."""
    events = data["events"]
    keys = [parse_edtf(str(event["date"])).sort_key() for event in events]
    order = sorted(range(len(events)), key=keys.__getitem__)  # fmt's order (canonical.py could sort them)
    out: list[str] = [*found.header, ""] if found.header else []
    place = -1
    in_events = False
    lines = text.split("\n")
    placed = 0  # comments inside events
    for number, line in enumerate(lines):
        starts = in_events and line.startswith("  - ")
        if in_events and place >= 0 and (starts or not line.startswith(" ")):
            out.extend("    " + comment.strip() for comment in found.after.get(order[place], []))
        if line and not line.startswith(" "):
            in_events = line == "events:"
        if starts:
            place += 1
            out.extend("  " + comment.strip() for comment in found.before.get(order[place], []))
        if in_events and place >= 0:
            above, commented = _key_comments(line, lines[number + 1 : number + 2], found, order[place])
            out.extend(above)
            placed += len(above) + (commented != line)
            line = commented
        out.append(line)
    inside = sum(len(run) for keys in found.inside.values() for run in keys.values())
    return "\n".join(out) if placed == inside + sum(map(len, found.eol.values())) else None


def _key_comments(line: str, following: list[str], found: _Comments, event: int) -> tuple[list[str], str]:
    """The comment lines above an event's key line and the line with its end-of-line comment, where ruamel writes them.

    fmt writes the lines above what is now an event's first key above its dash.
    """
    key = _event_key(line, 4)
    if key is None:
        return [], line
    indent = "  " if line.startswith("  - ") else "    "
    above = [indent + comment.strip() for comment in found.inside.get(event, {}).get(key[0], [])]
    comment = found.eol.get(event, {}).get(key[0])
    if comment is None or key[1][:1] in "{[|>" or (following and following[0].startswith("     ")):
        return above, line  # a value of more than one line: its comment is not counted, so fmt's own path
    return above, line + " " * max(comment.column - len(line), 1) + comment.text
