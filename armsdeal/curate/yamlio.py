"""Round-trip YAML for the commands that edit timelines (`add`, `fmt`): ruamel.yaml, comments kept.

armsdeal reads timelines with its own loader (the read/ package); this module is
only for writing them back. Every edit is checked the same way: the text
written is read again with armsdeal's loader, and must give the data intended
(``same_data``), so that a difference between the two YAML libraries can never
lose or change data silently.
"""

from __future__ import annotations

import io
import unicodedata
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import YAMLError

from armsdeal.core.errors import ArmsdealError
from armsdeal.read.stage import parse_bytes


class EditError(ArmsdealError):
    """A file cannot be edited as asked (not YAML, a layout add cannot extend); exit 1, nothing written."""

    exit_code = 1

    located = False  # the message starts with path:line:col: error [rule-id] (LocatedEditError)


class LocatedEditError(EditError):
    """A refusal at a place in the file: its message is a problem line, ``path:line:col: error [rule-id] ...``."""

    located = True


def has_hidden_characters(text: str) -> bool:
    """Characters a reader cannot see in an editor: controls (but newline), format (bidi), separators."""
    if text.isascii() and text.isprintable():
        return False  # most text, at once; any other is looked at a character at a time
    return any((unicodedata.category(ch) in _HIDDEN and ch != "\n") or ch in "\x85\u2028\u2029\ufeff" for ch in text)


_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})


def visible_scalar(value: str) -> str:
    """Text as fmt writes it: double-quoted, hidden characters escaped, when it holds any; else as it is."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    text = str(value)
    return DoubleQuotedScalarString(text) if has_hidden_characters(text) else text


def yaml11_reads_otherwise(text: str) -> bool:
    """True when a YAML 1.1 reader (PyYAML, yamllint, Ruby) takes ``text`` written plain for something else.

    'ON', 'no', 'off' (booleans), '1:30' (a number, 90), '2019-04-01' (a date), '~' (null), '0b11' ...
    YAML 1.2, which armsdeal and ruamel read, takes most of these for text, and would write them plain.
    """
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag != "tag:yaml.org,2002:str"


_RESOLVER = yaml.resolver.Resolver()


class _Emitter(Emitter):
    """ruamel's emitter, but double-quoted text with hidden characters escapes them (and all non-ASCII).

    Text that a YAML 1.1 reader would take for another type is quoted.
    """

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        if style == "" and _is_text(self.event) and yaml11_reads_otherwise(self.event.value):
            return "'"
        return style

    def write_double_quoted(self, text: Any, split: Any = True) -> None:
        if not has_hidden_characters(text):
            super().write_double_quoted(text, split)
            return
        allow, self.allow_unicode = self.allow_unicode, False
        try:
            super().write_double_quoted(text, split)
        finally:
            self.allow_unicode = allow


def _is_text(event: Any) -> bool:
    tag = getattr(event, "ctag", None) or getattr(event, "tag", None)
    name = getattr(tag, "value", tag)
    return name in (None, "tag:yaml.org,2002:str") and event.implicit[0]


def round_trip() -> YAML:
    """A round-trip YAML instance in the layout of the shipped timelines (lists indented under their key)."""
    yaml = YAML(typ="rt")
    yaml.width = 4096  # never wrap a plain or quoted value: fmt folds long text itself
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = False
    yaml.Emitter = _Emitter
    return yaml


def load(text: str, path: str) -> Any:
    try:
        return round_trip().load(text)
    except YAMLError as error:
        raise EditError(f"{path} is not valid YAML; run 'armsdeal check {path}' to see where") from error


def dump(data: Any) -> str:
    stream = io.StringIO()
    round_trip().dump(data, stream)
    return stream.getvalue()


def plain_data(text: str, path: str) -> Any:
    """The data of a timeline as armsdeal reads it (None if it does not parse)."""
    return parse_bytes(text.encode("utf-8"), path).data


def same_data(before: str, after: str, path: str) -> bool:
    return bool(plain_data(before, path) == plain_data(after, path))
