"""A YAML syntax error as a located problem that says, where it can, how to fix it.

The parser names where it gave up, often lines after the mistake: an unclosed
bracket or quote is found by scanning the text again, and a value holding ': '
is shown quoted.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from armsdeal.core.problems import Problem
from armsdeal.read.yamlloader import BaseLoader, NumberTooLarge

EMPTY_FILE = (
    "file holds no timeline; write one in it (id, title, sources and events: docs/format.md), "
    "or remove the file if it was made by mistake"
)


def syntax_problem(path: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    """A YAML error as a located problem that says, where it can, how to fix it."""
    mark: Any = error.problem_mark or error.context_mark
    line, column = (1, 1) if mark is None else (mark.line + 1, mark.column + 1)
    if isinstance(error, NumberTooLarge):
        return Problem(path, line, column, "number-too-large", str(error.problem))
    reason = (error.problem or "invalid YAML").strip()
    context = (error.context or "").strip()
    if "expected a single document" in context:
        return Problem(
            path, line, column, "multiple-documents", "a timeline file holds one YAML document; remove the second '---'"
        )
    bracket = _unclosed_bracket(error, text)
    if bracket is not None:
        open_line, open_column, opener, outer = bracket
        either = "".join(
            f"; the {_BRACKETS[o]} ({o}) opened at line {o_line}, column {o_column} is not closed either"
            for o_line, o_column, o in outer
        )
        return Problem(
            path,
            open_line,
            open_column,
            "yaml-syntax",
            f"invalid YAML: the {_BRACKETS[opener]} ({opener}) opened at line {open_line}, column {open_column} "
            f"is not closed; parsing stopped at line {line}, column {column} ({reason}); "
            f"close it with '{_CLOSERS[opener]}'{either}",
        )
    opened = _unclosed_quote(error, text, line)
    if opened is not None:
        open_line, open_column, quote = opened
        return Problem(
            path,
            open_line,
            open_column,
            "yaml-syntax",
            f"invalid YAML: the quote ({quote}) opened at line {open_line}, column {open_column} is not closed "
            f"on its line; parsing stopped at line {line}, column {column} ({reason}); "
            f"close the quote on line {open_line}",
        )
    if context:
        reason = f"{reason} ({context})"
    message = f"invalid YAML: {reason}"
    if reason.startswith("mapping values are not allowed"):
        fixed = _quoted_line(text, line)
        if fixed is not None:
            message += f"; a value that contains ': ' must be quoted: {fixed}"
    elif _tab_at(text, mark):
        message += "; a tab cannot indent YAML: indent with spaces (as the lines around it are)"
    elif reason.startswith(("did not find expected key", "did not find expected '-' indicator")):
        message += _indentation_hint(text, line)
    return Problem(path, line, column, "yaml-syntax", message)


def _tab_at(text: str, mark: Any) -> bool:
    """Whether the parser stopped at a tab in a line's indentation (YAML allows spaces only there)."""
    if mark is None or not 0 <= mark.index < len(text):
        return False
    start = text.rfind("\n", 0, mark.index) + 1
    return "\t" in text[start : mark.index + 1] and not text[start : mark.index].strip(" \t")


def _indentation_hint(text: str, line: int) -> str:
    """How a key indented less than the line above it should be indented; empty when no line is above it."""
    lines = text.splitlines()
    if not 1 < line <= len(lines):
        return ""
    found = _indent(lines[line - 1])
    for above in range(line - 1, 0, -1):
        wanted = _key_column(lines[above - 1])
        if wanted is not None and wanted != found:
            return (
                f"; line {line} is indented {found} spaces and line {above} above it {wanted}: "
                f"a key lines up with the other keys of its mapping, so indent it with {wanted} spaces "
                "(or as an outer key, if it belongs there)"
            )
        if wanted is not None:
            return ""
    return ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _key_column(text: str) -> int | None:
    """The column (0-based) where a line's key starts, after any '- '; None for a blank or comment line."""
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return None
    match = re.match(r"[ ]*(?:-[ ]+)*", text)
    return match.end() if match else _indent(text)


# `key: value` or `- key: value` on one line, the value plain (not quoted, not a flow collection).
_PLAIN_ENTRY = re.compile(r"^(?P<head>\s*(?:-\s+)?[^\s#'\"\[{][^:#]*?:\s+)(?P<value>[^\s'\"\[{|>&*!#].*?)\s*$")


def _quoted_line(text: str, line: int) -> str | None:
    """The line with its plain value in quotes, when a ': ' inside that value is the mistake."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    match = _PLAIN_ENTRY.match(lines[line - 1])
    if match is None:
        return None
    value = match["value"]
    if ": " not in value and not value.endswith(":"):
        return None
    if " #" in value:
        return None  # a comment after the value: the fix is not one obvious line
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    quoted = f"'{value}'" if "'" not in value else f'"{escaped}"'
    return match["head"].lstrip() + quoted


def _unclosed_quote(error: yaml.MarkedYAMLError, text: str, line: int) -> tuple[int, int, str] | None:
    """Where a quote opened that ran on past its line into the error (line, column, the quote), if one did.

    A quoted value may span lines in YAML, so a forgotten closing quote shows up
    only lines later, where the parser gives up. Timelines do not need quoted
    values across lines, so the last one before the error is the likely culprit.
    """
    context_mark: Any = error.context_mark
    if (error.context or "").startswith("while scanning a quoted scalar") and context_mark is not None:
        quote = text[context_mark.index] if context_mark.index < len(text) else '"'
        return context_mark.line + 1, context_mark.column + 1, quote
    found: tuple[int, int, str] | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                start, end = token.start_mark, token.end_mark
                if end.line > start.line and end.line + 1 >= line - 1:
                    found = (start.line + 1, start.column + 1, token.style)
            if token.start_mark.line + 1 > line:
                break
    except yaml.YAMLError:
        pass
    return found


_CLOSERS = {"[": "]", "{": "}"}
_BRACKETS = {"[": "list", "{": "mapping"}
Opened = tuple[int, int, str]  # line, column (1-based) and the bracket
_OPENERS: dict[type, str] = {yaml.FlowSequenceStartToken: "[", yaml.FlowMappingStartToken: "{"}
_ENDS: dict[type, str] = {yaml.FlowSequenceEndToken: "[", yaml.FlowMappingEndToken: "{"}
# A line that starts a block scalar (`note: >-`, `- |`): it cannot stand inside a flow collection.
_BLOCK_SCALAR_HEADER = re.compile(r"^[ ]*(?:-[ ]+)*(?:[^\s#][^#]*?:[ ]+)?[|>][-+1-9]{0,2}[ \t]*(?:#.*)?$")
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _unclosed_bracket(error: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str, list[Opened]] | None:
    """The `[` or `{` a parse error stopped inside, if it is never closed, and the ones around it still open.

    The parser names the innermost flow collection it was in, but only where it
    gave up, often the end of the file or the next key. The bracket is reported
    only when the scanner (which knows quotes and comments) proves it open to the
    end of the file, or up to a block scalar (`note: >`), which no flow collection
    can hold. A bracket closed later, or brackets closed crosswise (`[a}`), keep
    the parser's own message.
    """
    context = error.context or ""
    mark: Any = error.context_mark
    if mark is None or not context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")):
        return None
    wanted = "[" if context.startswith("while parsing a flow sequence") else "{"
    scanned = _brackets_open_at_end(text, mark, wanted)
    if scanned is None:
        return None
    stack, depth = scanned
    if not depth or len(stack) < depth:
        return None
    line, column, opener = stack[depth - 1]
    return line, column, opener, stack[: depth - 1][::-1]


def _brackets_open_at_end(text: str, mark: Any, wanted: str) -> tuple[list[Opened], int] | None:
    """The brackets still open where the scan ends, and the place among them of the one at ``mark`` (0: none).

    None when the bracket at ``mark`` is not ``wanted``, brackets close crosswise or stray, the one at
    ``mark`` closes after all, or the scan stops on something other than a block scalar after ``mark``.
    """
    stack: list[Opened] = []
    depth = 0  # the bracket's place in the stack, once the scan has passed it
    try:
        for token in yaml.scan(text, Loader=BaseLoader):
            kind = type(token)
            if kind in _OPENERS:
                start = token.start_mark
                stack.append((start.line + 1, start.column + 1, _OPENERS[kind]))
                if not depth and (start.line, start.column) == (mark.line, mark.column):
                    if _OPENERS[kind] != wanted:
                        return None
                    depth = len(stack)
            elif kind in _ENDS and (not stack or stack.pop()[2] != _ENDS[kind] or len(stack) < depth):
                return None  # crossed, stray or closed after all: the parser's message stands
    except yaml.MarkedYAMLError as scan_error:
        if not depth or not _stopped_at_block_scalar(scan_error, mark, text):
            return None
    except yaml.YAMLError:
        return None
    return stack, depth


def _stopped_at_block_scalar(scan_error: yaml.MarkedYAMLError, mark: Any, text: str) -> bool:
    """True if the scanner stopped after ``mark`` at a block scalar's header, which no flow collection holds."""
    stopped: Any = scan_error.problem_mark
    if stopped is None or stopped.line <= mark.line:
        return False
    lines = _YAML_BREAK.split(text, maxsplit=stopped.line + 1)
    if stopped.line >= len(lines):
        return False
    header = lines[stopped.line]
    return header[stopped.column : stopped.column + 1] in ("|", ">") and bool(_BLOCK_SCALAR_HEADER.match(header))
