"""The data-safety contract of every command that writes a timeline (`fmt`, `add`, `new`, `import`).

A writer hands its result here before anything reaches the disk (cli/editing.py
does the writing). A file is rewritten only when:

- armsdeal reads the original completely (no error: not an anchor, a tag it
  refuses, a duplicate key); otherwise the first problem is named, located;
- the result holds the same data as the original for each of three readers,
  each compared with itself: armsdeal's (YAML 1.2 core schema), PyYAML (YAML
  1.1, as yamllint and Ruby read it) and ruamel.yaml (YAML 1.2); values are
  compared with their types (``true`` is not ``1``);
- every comment of the original is in the result, and its tags (``!!str``)
  are the result's, exactly;
- a byte-order mark and the line endings are kept as found.

A new file (``verify_new``) must read the same in the three readers. A
writer whose result fails is refused with an EditError (exit 1) that says why;
nothing is written.

A new file that curate/canonical.py wrote from data which armsdeal reads back
from it exactly (``same_data``) holds the contract by construction: its scalars
are quoted wherever a YAML 1.1 or 1.2 reader would take them for another type,
so those readers are not run again (the importer's fast path `canonical-new`;
tests/curate/test_canonical.py reads such texts with all three readers).
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from armsdeal.core.problems import Problem, Severity
from armsdeal.curate.lookalike import first_lookalike, may_hold_lookalike
from armsdeal.curate.yamlio import EditError, LocatedEditError
from armsdeal.read.stage import parse_bytes

BOM = b"\xef\xbb\xbf"
View = Callable[[Any], Any]

_FAILED = object()  # what a reader gives for a text it cannot read


@dataclass(frozen=True)
class Layout:
    """What a file's bytes say beyond its text: a byte-order mark, and CRLF line endings."""

    bom: bool = False
    crlf: bool = False


def layout_of(raw: bytes) -> Layout:
    """The layout of a file: CRLF when most of its line breaks are (a mixed file gets its majority)."""
    crlf = raw.count(b"\r\n")
    return Layout(bom=raw.startswith(BOM), crlf=crlf > 0 and crlf * 2 >= raw.count(b"\n"))


def editable_text(raw: bytes, path: str) -> str:
    """The text an editor works on: no byte-order mark, line breaks as '\\n'."""
    body = raw[len(BOM) :] if raw.startswith(BOM) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError(f"{path} is not UTF-8 text; run 'armsdeal check {path}'") from None
    return text.replace("\r\n", "\n")


def encoded(text: str, layout: Layout) -> bytes:
    """Edited text back in its file's layout."""
    if layout.crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return (BOM if layout.bom else b"") + text.encode("utf-8")


def verify_rewrite(
    before: bytes, after: bytes, path: str, *, before_view: View | None = None, after_view: View | None = None
) -> None:
    """EditError unless ``after`` may replace ``before`` (the module's contract).

    ``before_view`` and ``after_view`` give what must be equal when the writer
    changes the data on purpose: fmt's events in date order, add's new event
    left out. They get each reader's data.
    """
    readable(before, path)
    for name, read in _READERS:
        old, new = read(before), read(after)
        if read is _pyyaml and may_hold_lookalike(_armsdeal(before), old):
            lookalike(before, path)  # '010' written plain stays plain, yet 1.1 readers read 8: refused all the same
        if old is not _FAILED and before_view is not None:
            old = before_view(old)
        if new is not _FAILED and after_view is not None:
            new = after_view(new)
        if _typed(old) != _typed(new):
            lookalike(before, path)  # ruamel reads '1_0.5' as 10.5 and writes that: armsdeal's data changes too
            raise EditError(f"{path}: the result would hold other data for {name}; the file is left as it is")
    # A text without '#' has no comment and one without '!' no tag: the scan is skipped for it.
    lost = Counter(comments(before)) - Counter(comments(after)) if b"#" in before else None
    if lost:
        first = next(iter(lost))
        raise EditError(f"{path}: the result would lose the comment '{first[:60]}'; the file is left as it is")
    if (b"!" in before or b"!" in after) and Counter(_scan(before)[1]) != Counter(_scan(after)[1]):
        raise EditError(f"{path}: the result would change a YAML tag; the file is left as it is")
    if layout_of(before) != layout_of(after):
        raise EditError(
            f"{path}: the result would change the line endings or byte-order mark; the file is left as it is"
        )


def verify_new(text: bytes, path: str, *, select: View | None = None) -> None:
    """EditError unless armsdeal reads ``text`` completely and the three readers read the same data from it.

    ``select`` picks the part that must agree (add: the event it adds), default all of it.
    """
    readable(text, path)
    seen = []
    for name, read in _READERS:
        data = read(text)
        seen.append((name, _typed(_as_text_dates(select(data) if select and data is not _FAILED else data))))
    for name, data in seen[1:]:
        if data != seen[0][1]:
            raise EditError(f"{path}: {name} would read other data from what was to be written; nothing written")


_TEXT_KEYS = frozenset({str})


def same_data(first: Any, second: Any) -> bool:
    """Whether two readings hold the same data, with the types of their scalars (``true`` is not ``1``):
    ``_typed`` of each equal, without building it where every key is text."""
    kind = type(first)
    if kind is not type(second):
        return False
    if kind is dict:
        if len(first) != len(second):
            return False
        if not set(map(type, first)) | set(map(type, second)) <= _TEXT_KEYS:
            return bool(_typed(first) == _typed(second))
        return all(key in second and same_data(value, second[key]) for key, value in first.items())
    if kind is list:
        return len(first) == len(second) and all(map(same_data, first, second))
    if kind is float:
        return repr(first) == repr(second)
    return bool(first == second)


def readable(raw: bytes, path: str) -> None:
    """EditError, located, when armsdeal cannot read the file completely (an error among its problems)."""
    errors, data = _read_by_armsdeal(raw)
    if errors:
        problem = errors[0]
        raise LocatedEditError(
            f"{path}:{problem.line}:{problem.column}: error [{problem.rule}] {problem.message}; "
            "armsdeal rewrites only files it reads completely, so the file is left as it is"
        )
    if data is None:
        raise EditError(f"{path}: holds no timeline; the file is left as it is")


@functools.lru_cache(maxsize=4)
def _read_by_armsdeal(raw: bytes) -> tuple[list[Problem], Any]:
    """The errors and data of armsdeal's reading; kept for the few texts one edit checks more than once."""
    document = parse_bytes(raw, "-")
    return [problem for problem in document.problems if problem.severity is Severity.ERROR], document.data


LOOKALIKE = "yaml11-lookalike"


def lookalike(raw: bytes, path: str) -> None:
    """LocatedEditError at the first plain value that YAML 1.2 reads as text and YAML 1.1 as something else.

    Such a value (``title: no``) is text for armsdeal but ``false`` for PyYAML
    and yamllint; a writer quotes it, which changes what YAML 1.1 readers read,
    so the contract refuses the rewrite: the user decides which was meant.
    """
    event = first_lookalike(_text(raw))
    if event is not None:
        raise LocatedEditError(_lookalike_message(path, event))


def _lookalike_message(path: str, event: Any) -> str:
    value = event.value
    seen = yaml.load(value, Loader=_PyYAMLLoader)
    shown = "null" if seen is None else str(seen).lower() if isinstance(seen, bool) else str(seen)
    # A date is not written otherwise outside `date:`; a number, boolean or null may be what was meant.
    dated = isinstance(seen, datetime.date)
    fix = "" if dated else f", or {shown} if it is not"
    mark = event.start_mark
    return (
        f"{path}:{mark.line + 1}:{mark.column + 1}: error [{LOOKALIKE}] '{value}' is text for armsdeal but "
        f"{'a date' if dated else shown} for YAML 1.1 readers (PyYAML, yamllint), so the file is left as it is; "
        f"write '{value}' in quotes if it is text{fix}"
    )


def armsdeal_data(raw: bytes) -> Any:
    """The data armsdeal reads from ``raw``; None when it reports an error (kept for the contract's own reading)."""
    errors, data = _read_by_armsdeal(raw)
    return None if errors else data


def reads_as_text(value: str) -> bool:
    """True when every reader takes ``value`` written plain (unquoted) for text, not a number, boolean or null."""
    for _, read in _READERS:
        data = read(f"k: {value}\n".encode())
        if not isinstance(data, dict) or not isinstance(data.get("k"), str) or data["k"] != value:
            return False
    return True


def comments(raw: bytes) -> list[str]:
    """The comments of a YAML text, each stripped: every '#' between tokens starts one."""
    return list(_scan(raw)[0])


@functools.lru_cache(maxsize=4)
def _scan(raw: bytes) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """The comments and the tags of a YAML text, from one pass of the scanner (empty if it cannot scan it)."""
    text = _text(raw)
    found: list[str] = []
    tags: list[Any] = []
    end = 0
    try:
        for token in yaml.scan(text, Loader=_SCANNER):  # marks count characters of the text
            if token.start_mark.index > end:
                found.extend(_comments_in(text[end : token.start_mark.index]))
            end = max(end, token.end_mark.index)
            if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):  # `>-  # a comment`
                found.extend(_comments_in(text[token.start_mark.index : end].replace("\r", "\n").split("\n", 1)[0]))
            if isinstance(token, yaml.TagToken):
                tags.append(token.value)
    except yaml.YAMLError:
        return (), ()
    found.extend(_comments_in(text[end:]))
    return tuple(found), tuple(tags)


def _text(raw: bytes) -> str:
    return raw[len(BOM) :].decode("utf-8", errors="replace") if raw.startswith(BOM) else raw.decode("utf-8", "replace")


def _comments_in(gap: str) -> list[str]:
    found = []
    for line in gap.replace("\r", "\n").split("\n"):
        at = line.find("#")
        if at >= 0:
            found.append(line[at:].rstrip())
    return found


def _armsdeal(raw: bytes) -> Any:
    errors, data = _read_by_armsdeal(raw)
    return _FAILED if errors else data


class _PyYAMLLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader, each plain scalar's type resolved once per text (keys repeat in every event)."""

    def __init__(self, stream: bytes) -> None:
        super().__init__(stream)
        self._resolved: dict[tuple[str, bool], str] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, bool(implicit[0]))
        tag = self._resolved.get(key)
        if tag is None:
            tag = self._resolved[key] = super().resolve(kind, value, implicit)
        return tag


def _pyyaml(raw: bytes) -> Any:
    both = _both_readings(raw)
    if both is not None:
        return both[0]
    try:
        return yaml.load(raw, Loader=_PyYAMLLoader)
    except (yaml.YAMLError, ValueError, RecursionError):
        return _FAILED


_RESOLVED_12: dict[str, Any] = {}


@functools.cache
def _resolver_1_2() -> type:
    """ruamel's resolver with its YAML 1.2 table, without looking up the version for each node."""
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    class Resolver12(VersionedResolver):
        @property
        def processing_version(self) -> tuple[int, int]:
            return (1, 2)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            # A plain scalar's type depends on its text alone: each is resolved once (keys repeat in every event).
            if kind is not ScalarNode or not implicit[0]:
                return super().resolve(kind, value, implicit)
            tag = _RESOLVED_12.get(value)
            if tag is None:
                tag = _RESOLVED_12[value] = super().resolve(kind, value, implicit)
                if len(_RESOLVED_12) > 4096:
                    _RESOLVED_12.clear()
            return tag

    return Resolver12


def ruamel_data(raw: bytes) -> Any:
    """The data ruamel.yaml (YAML 1.2) reads from ``raw``; None when it cannot read it (for fmt's fast path)."""
    data = _ruamel(raw)
    return None if data is _FAILED else data


@functools.lru_cache(maxsize=2)  # the original's reading serves fmt's fast path and then the contract
def _ruamel(raw: bytes) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    both = _both_readings(raw)
    if both is not None:
        return both[1]
    try:
        reader = YAML(typ="safe")  # libyaml's parser (ruamel.yaml.clib) where installed
        # ruamel's YAML 1.2 table, without the versioned resolver's look-up of the version for each node.
        reader.Resolver = _resolver_1_2()
        return reader.load(raw)
    except (YAMLError, ValueError, RecursionError):
        return _FAILED


def _both_readings(raw: bytes) -> tuple[Any, Any] | None:
    """PyYAML's and ruamel's data from one walk of libyaml's events (curate/readings.py), None: they read it."""
    from armsdeal.core.fastpaths import enabled
    from armsdeal.curate.readings import readings

    return readings(raw) if enabled("two-readings") else None


yaml12_resolver = _resolver_1_2  # the YAML 1.2 reader's resolver, for curate/readings.py

_SCANNER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_READERS: tuple[tuple[str, Callable[[bytes], Any]], ...] = (
    ("armsdeal", _armsdeal),
    ("YAML 1.1 readers (PyYAML, yamllint)", _pyyaml),
    ("YAML 1.2 readers (ruamel.yaml)", _ruamel),
)


def _typed(value: Any) -> Any:
    """The value with every scalar paired with its type, so that equal means equal in type too."""
    if isinstance(value, dict):
        return {_typed(key): _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(_typed(item) for item in value)
    if isinstance(value, float):
        return ("float", repr(value))  # nan equals nan here
    if value is _FAILED:
        return ("unreadable",)
    return (type(value).__name__, value)


def _as_text_dates(value: Any) -> Any:
    """Dates as the text they were written as: armsdeal keeps them text, PyYAML and ruamel make dates."""
    if isinstance(value, dict):
        return {_as_text_dates(key): _as_text_dates(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_text_dates(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
