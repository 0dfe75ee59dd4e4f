"""Read a timeline file safely: YAML -> plain data, plus the node tree for locating problems.

What a curator's YAML must not do to us, and what this module does about it:

- PyYAML keeps the last of two equal keys silently; we report every duplicate.
- Aliases can expand exponentially ("billion laughs"); timelines never need them,
  so an anchor or alias is refused before anything is built from it.
- YAML 1.1 turns ``NO`` into false and ``2017-09-12`` into a date object; the
  resolver below follows the YAML 1.2 core schema instead and has no timestamp
  rule, so dates stay the text the curator wrote.
- Files over ``MAX_FILE_BYTES``, bytes that are not UTF-8, and every YAML error
  become located problems, never exceptions.

The node tree is kept so that a problem found later in the data (by the schema
or a rule) can be located without parsing the file again: see ``Document.locate``.
"""

from __future__ import annotations

import errno
import re
import stat
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern
from typing import Any, ClassVar

import yaml

from armsdeal.core.errors import InputError
from armsdeal.core.fastpaths import enabled
from armsdeal.core.problems import Problem, Severity, capped

# A clean file's peak memory is about 8 times its size (the fast path reads it in pieces), but a file
# with a problem is read again here: about 23 times its size with the places the streamed build records,
# up to about 40 with the node tree of a file it leaves (docs/performance-history.md, section 24). That bounds
# the cap, not the clean files.
MAX_FILE_BYTES = 16 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"

# libyaml's C parser where it is installed; the pure-Python one otherwise.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TimelineLoader(_BaseLoader):  # type: ignore[misc]
    """Safe loader with the YAML 1.2 core schema and duplicate-key detection."""

    # Our own resolver table (PyYAML copies the parent's on first add otherwise).
    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}

    constructed_objects: dict[yaml.Node, Any]
    recursive_objects: dict[yaml.Node, None]

    def __init__(self, stream: str | bytes) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[yaml.Node, str]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        # Replaces PyYAML's version, which keeps the last of two equal keys.
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(None, None, f"expected a mapping, found {node.id}", node.start_mark)
        return self._mapping(node, lambda child: self.construct_object(child, deep=deep))

    def _mapping(self, node: yaml.MappingNode, build: Callable[[yaml.Node], Any]) -> dict[Hashable, Any]:
        mapping: dict[Hashable, Any] = {}
        seen: set[tuple[type, Hashable]] = set()
        for key_node, value_node in node.value:
            key = build(key_node)
            if not isinstance(key, Hashable):
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    "a mapping key must be a plain value, not a list or mapping",
                    key_node.start_mark,
                )
            # By type too: Python's 1 == True == 1.0 must not make `1:` and `true:` duplicates.
            if (type(key), key) in seen:
                self.duplicate_keys.append((key_node, str(getattr(key_node, "value", key))))
                continue  # keep the first value: the one a reader sees first
            seen.add((type(key), key))
            mapping[key] = build(value_node)
        return mapping

    # Performance (docs/performance-history.md): the two methods below run for every node
    # of every file; they are PyYAML's, minus the generality timelines never use.

    def construct_document(self, node: yaml.Node) -> Any:
        """Plain data straight from the node tree.

        PyYAML's generic path keeps per-node state for aliases and recursive
        objects and builds mappings through generators: about half the time of
        checking a file. Aliases are refused before this runs, so plain text,
        lists and mappings are built directly; numbers, booleans and nulls still
        go through PyYAML's constructors, and any other tag is refused.
        """
        try:
            return self._build(node)
        except RecursionError:
            # Nested deeper than Python's stack: PyYAML's path is iterative (and slow, but this is rare).
            self.duplicate_keys.clear()
            return super().construct_document(node)
        finally:
            self.constructed_objects, self.recursive_objects, self.deep_construct = {}, {}, False

    def _build(self, node: yaml.Node) -> Any:
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode and tag == _STR_TAG:
            return node.value
        if kind is yaml.SequenceNode and tag == _SEQ_TAG:
            return [self._build(child) for child in node.value]
        if kind is yaml.MappingNode and tag == _MAP_TAG:
            return self._mapping(node, self._build)  # type: ignore[arg-type]
        if tag not in _CORE_TAGS:
            raise yaml.constructor.ConstructorError(
                None, None, f"the YAML tag {_short_tag(tag)} is not allowed in timelines", node.start_mark
            )
        try:
            return self.construct_object(node, deep=True)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
            # PyYAML's constructors fail this way on `!!int abc` or a 5,000-digit number.
            raise yaml.constructor.ConstructorError(
                None, None, f"'{str(node.value)[:40]}' is not a valid {_short_tag(tag)} value", node.start_mark
            ) from error

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        """The tag of a node without an explicit one: the core-schema table below, else str/seq/map.

        PyYAML's version also consults path resolvers and wildcard resolvers,
        which this loader does not have.
        """
        if kind is yaml.ScalarNode:
            if implicit[0] and value is not None:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


# Whole numbers must fit in 64 bits (signed, less the one extra negative): what JSON readers, spreadsheets and
# databases can hold. Larger ones are mistakes, and past 4,300 digits Python cannot
# even print them (hex `0x` + 3,600 digits crashed every command that showed one).
MAX_INT = 2**63 - 1


class NumberTooLarge(yaml.constructor.ConstructorError):
    """A whole number outside -MAX_INT..MAX_INT: a located problem of its own, not a syntax error."""


def _construct_int(loader: _TimelineLoader, node: yaml.ScalarNode) -> int:
    text = str(node.value)
    # Count digits before converting: int() of thousands of decimal digits is itself slow.
    # More than 70 digits is too large in any base (binary 0b too, with an explicit !!int).
    digits = len(text.lstrip("+-").removeprefix("0x").replace("_", "").lstrip("0"))
    value: int = 0 if digits > 70 else yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    if digits > 70 or not -MAX_INT <= value <= MAX_INT:
        shown = text if len(text) <= 24 else f"{text[:20]}... ({len(text)} characters)"
        raise NumberTooLarge(
            None,
            None,
            f"the number {shown} is too large: whole numbers lie between -{MAX_INT} and {MAX_INT}",
            node.start_mark,
        )
    return value


_TimelineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)

_CORE_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map", "null", "bool", "int", "float"))


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


def _add_core_schema_resolvers() -> None:
    tag = "tag:yaml.org,2002:"
    rules = [
        ("null", r"~|null|Null|NULL|", [*"~nN", ""]),
        ("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
        # No leading zeros: "012" stays text instead of becoming octal 10.
        ("int", r"[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+", list("-+0123456789")),
        (
            "float",
            # A dot or an exponent is required, so that "012" is neither int nor float.
            r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
            list("-+.0123456789"),
        ),
    ]
    for name, pattern, first in rules:
        _TimelineLoader.add_implicit_resolver(tag + name, re.compile(f"^(?:{pattern})$"), first)


_add_core_schema_resolvers()


@dataclass
class Document:
    """A parsed file: its data (None if unreadable as YAML) and problems.

    The node tree is not kept: for a 10,000-event file it takes about 30 times
    the file's size. A file is built straight from the parser's events where it
    can be (``_stream_events``), recording where each node and its key stand
    (or, with ``parse_bytes(deep=False)``, only the top-level fields); a place
    deeper than those recorded, and every place of a file the streamed build
    leaves, comes from the node tree, composed from the text on first use
    (``root``) and kept until ``release``.
    """

    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    # The YAML (the file's bytes, or text), to compose the node tree from when a problem needs it.
    _source: str | bytes | None = field(default=None, repr=False)
    _root: yaml.Node | None = field(default=None, repr=False)
    # Where the streamed build saw each node down to ``_depth`` (the root is 0), by its path: a mapping's
    # key as written (the node tree's key text), a list's index -> where its value and key stand, packed
    # in one number (``_pack``; ``value_place`` and ``key_place`` read it). The root's path is ().
    _places: Places | None = field(default=None, repr=False)
    _depth: int = field(default=0, repr=False)
    # Each mapping's keys -> (value node, key node), built once when a problem is first located in it:
    # scanning the mapping per problem made 20,000 unknown keys cost minutes.
    _indexes: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(default_factory=dict, repr=False)

    @property
    def root(self) -> yaml.Node | None:
        """The node tree, composed from the text on first use (None when the text is not YAML)."""
        if self._root is None and self._source is not None:
            loader = _TimelineLoader(self._source)
            try:
                self._root = loader.get_single_node()
            except (yaml.YAMLError, RecursionError):
                self._source = None  # the parse that built the data met no error, so this is not expected
            finally:
                loader.dispose()
        return self._root

    def release(self) -> None:
        """Drop the node tree (composed again if another problem needs it)."""
        self._root = None
        self._indexes.clear()

    def locate(self, keys: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``keys``, or of its key.

        Walks as deep as the node tree allows: a missing field is located at
        the mapping that should hold it.
        """
        if self._places is not None and self._root is None:
            found = _walk_places(self._places, self._depth, keys, at_key)
            if found is not None:
                return found
        node = self.root
        if node is None:
            return (1, 1)
        mark_node: yaml.Node = node
        for index, key in enumerate(keys):
            last = index == len(keys) - 1
            child, key_node = self._child(node, key)
            if child is None:
                break
            mark_node = key_node if (last and at_key and key_node is not None) else child
            node = child
        mark = mark_node.start_mark
        return (mark.line + 1, mark.column + 1)

    @property
    def places(self) -> Places | None:
        """Every node's place (see ``_places``) when the streamed build recorded them all, else None."""
        if self._places is not None and self._root is None and self._depth >= _STREAM_DEPTH:
            return self._places
        return None

    def _child(self, node: yaml.Node, key: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            return (node.value[key], None) if 0 <= key < len(node.value) else (None, None)
        if isinstance(node, yaml.MappingNode):
            index = self._indexes.get(id(node))
            if index is None:
                index = {}
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode):
                        index.setdefault(key_node.value, (value_node, key_node))  # the first of duplicates
                self._indexes[id(node)] = index
            found = index.get(str(key))
            if found is not None:
                return found
        return None, None


def _walk_places(places: Places, depth: int, keys: Sequence[str | int], at_key: bool) -> tuple[int, int] | None:
    """``Document.locate``'s walk over the recorded places; None when it goes deeper than they were recorded.

    The same steps as the node-tree walk: a list's child by an int index in range (a bool is an int
    there too), a mapping's by ``str(key)`` against the key as written; a list's children are
    recorded by index and a mapping's by text, so the two lookups never meet.
    """
    place = places[()] >> 64
    path: tuple[str | int, ...] = ()
    last = len(keys) - 1
    for index, key in enumerate(keys):
        if len(path) >= depth:
            return None  # its children were not recorded: the node tree decides
        found = None
        if isinstance(key, int):
            step = (*path, key)
            found = places.get(step)
        if found is None:
            step = (*path, str(key))
            found = places.get(step)
            if found is None:
                break  # no such child: the place of the node that should hold it
        path = step
        key_at = found & _LOW
        place = key_at if (index == last and at_key and key_at) else found >> 64
    return (place >> 32, place & _COLUMN)


# A place packed in one number (about a third of the memory of the tuples): the value's line and column,
# then its key's (0 for none: a list's item, the root), 32 bits each, lines and columns counted from 1.
Places = dict[tuple[str | int, ...], int]
_LOW = (1 << 64) - 1
_COLUMN = (1 << 32) - 1


def value_place(packed: int) -> tuple[int, int]:
    """(line, column) of the value of a place of ``Document.places``."""
    return ((packed >> 96), (packed >> 64) & _COLUMN)


def key_place(packed: int) -> tuple[int, int] | None:
    """(line, column) of the key of a place of ``Document.places``; None for a list's item or the root."""
    return ((packed >> 32) & _COLUMN, packed & _COLUMN) if packed & _LOW else None


class UnlocatedDocument(Document):
    """A clean file read by the fast path (core/fastload.py): its data, and no places.

    Only a file with no problem at all is kept as one (check/validate.py reads
    any other again with the located loader), so nothing of it is located:
    ``locate`` answers (0, 0), which no located place is, and ``root`` is None.
    Whoever needs a real place of such a file reads it again (check/runner.py
    does, for a problem found across files).
    """

    @property
    def root(self) -> yaml.Node | None:
        return None

    def locate(self, keys: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int]:
        return (0, 0)


def read_file(path: Path) -> bytes:
    """The bytes of a file, or InputError with a plain reason."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a timeline file")
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # Opening a FIFO would wait for a writer forever; a device may never end.
            raise InputError(f"{path}: not a regular file")
        with path.open("rb") as stream:
            # Up to one byte past the cap, enough to tell "too large" without reading it all. Not by
            # the size stat() gives alone: files in /proc say 0 and hold more, and a file may grow. But
            # asked for the size stat() gives and one byte more, a read does not allocate the cap
            # (16 MiB, given back to the system each time: a tenth of a millisecond a file); a file
            # that holds more than that is read on to the cap, as before.
            head = stream.read(min(status.st_size, MAX_FILE_BYTES) + 1)
            if len(head) <= status.st_size or len(head) > MAX_FILE_BYTES:
                return head
            return head + stream.read(MAX_FILE_BYTES + 1 - len(head))
    except FileNotFoundError as error:
        if path.is_symlink():
            raise InputError(f"{path}: a symbolic link to a file that does not exist") from error
        raise InputError(f"{path}: no such file or directory") from error
    except PermissionError as error:
        raise InputError(f"{path}: permission denied") from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(f"{path}: a symbolic link in a loop of links (it never reaches a file)") from error
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error


def load_path(path: Path, *, display: str | None = None) -> Document:
    """Read and parse a file. Raises InputError only when it cannot be read at all."""
    return parse_bytes(read_file(path), display if display is not None else str(path))


def parse_bytes(raw: bytes, path: str, *, deep: bool = True) -> Document:
    """Parse YAML bytes into a Document; every failure becomes a located problem.

    A file the streamed build reads records where each of its nodes stands (``Document.locate``
    then needs no node tree); ``deep=False`` records only the top-level fields, for a caller that
    expects to locate nothing (a deeper place composes the node tree, which is then kept).
    """
    document = Document(path)
    if len(raw) > MAX_FILE_BYTES:
        document.problems.append(
            Problem(
                path,
                1,
                1,
                "file-too-large",
                f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; "
                "split the timeline or check that this is a timeline file",
            )
        )
        return document
    if raw.startswith(_BOM):
        document.problems.append(
            Problem(
                path,
                1,
                1,
                "byte-order-mark",
                "file starts with a byte-order mark; save it as UTF-8 without BOM",
                Severity.WARNING,
            )
        )
        raw = raw[len(_BOM) :]
    try:
        # Decoded only to know that it is UTF-8: the parser reads the bytes, which take half the
        # memory of text with a character outside Latin-1, and would otherwise be encoded again.
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        document.problems.append(
            Problem(
                path,
                line,
                column,
                "encoding",
                f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file as UTF-8",
            )
        )
        return document
    # A second byte-order mark: libyaml would take it for the encoding's, where the text keeps it.
    source: str | bytes = text if raw.startswith(_BOM) else raw
    del text
    _parse_source(source, document, _STREAM_DEPTH if deep else 1)
    return document


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


# Where an anchor (&a) or alias (*a) can begin: a node's properties start the
# text or follow whitespace or a flow indicator; after anything else & and * are
# part of a plain scalar. A name must follow at once, so "Winston & Strawn" or
# "5 * 3" cannot hold one (where a node could start, a lone & is a syntax error
# that the full parse reports). (Checked against the official YAML test suite.)
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:])[&*][^\s\[\]{},]")


def _may_hold_anchor(text: str) -> bool:
    """True when ``text`` could hold an anchor or alias (then the event scan decides).

    The substring test settles most files in microseconds; the regex (about
    0.65 ms on a 35 KB file) runs only for text with an ``&`` or ``*``.
    """
    return ("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text) is not None


class _Unstreamable(Exception):
    """Something the streamed build leaves to the composed one (which reports it or builds it)."""


# Lists and mappings nested deeper than this are a located `too-deep` problem, for every command: a
# timeline needs 5 levels, and each level costs the readers and writers (ruamel's, pydantic) stack frames
# that would run out near 330 levels (Python's recursion limit is 1,000).
MAX_DEPTH = 50

# Deeper than this, the composed path decides (it reports "nested too deeply" where Python's stack ends).
_STREAM_DEPTH = 100


def _stream(source: str | bytes, path: str, depth: int) -> tuple[Any, Places] | Problem | None:
    """Build a clean file's data from the parser's events, without a node tree.

    Returns the data and the places of its top-level fields; a yaml-alias
    Problem for the first anchor or alias (before anything is built from it);
    or None for anything else out of the ordinary (a syntax error, a tag, a
    duplicate key, a key that is a list or mapping, an empty file, deep
    nesting), which the composed path then reads exactly as before. So a file
    with a problem always gets the composed path's problems.
    """
    loader = _TimelineLoader(source)
    try:
        return _stream_events(loader, path, depth)
    except (
        _Unstreamable,
        yaml.YAMLError,
        RecursionError,
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
        OverflowError,
    ):
        return None
    finally:
        loader.dispose()


class _Frame:
    """An open mapping or list of the streamed build."""

    __slots__ = ("at", "container", "is_mapping", "key", "key_at", "raw_key", "seen", "where")

    def __init__(self, is_mapping: bool, at: int, where: tuple[str | int, ...]) -> None:
        self.container: Any = {} if is_mapping else []
        self.is_mapping = is_mapping
        self.at = at
        self.where = where  # its path in places: the key as written for a mapping's value, the index for a list's item
        self.key: Any = _NO_KEY
        self.key_at = 0
        self.raw_key = ""  # the key as written (a key that is no scalar is refused)
        self.seen: set[tuple[type, Hashable]] | None = None  # keys that are not text, by type and value


_NO_KEY: Any = object()


def _stream_events(loader: Any, path: str, depth: int) -> tuple[Any, Places] | Problem:
    """The data and the places of every node down to ``depth`` (the root is 0), or the first anchor or alias.

    Two keys of a mapping written alike (``1:`` and ``"1":``, not duplicates as data) make a place
    ambiguous: such a file is left to the composed path, whose node-tree walk takes the first.
    """
    events = yaml.events
    scalar_event, alias_event = events.ScalarEvent, events.AliasEvent
    mapping_start, sequence_start = events.MappingStartEvent, events.SequenceStartEvent
    mapping_end, sequence_end = events.MappingEndEvent, events.SequenceEndEvent
    get = loader.get_event
    if type(get()) is not events.StreamStartEvent or type(get()) is not events.DocumentStartEvent:
        raise _Unstreamable  # an empty file
    build = _Build(loader, depth)
    stack = build.stack
    while True:
        event = get()
        kind = type(event)
        raw: str | None = None
        done: _Frame | None = None
        if kind is scalar_event:
            if event.anchor is not None:
                return _alias_problem(event, path)
            value, at, raw = build.scalar(event)
        elif kind is mapping_end or kind is sequence_end:
            done = stack.pop()
            value, at = done.container, done.at
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None:
                return _alias_problem(event, path)
            if len(stack) >= MAX_DEPTH:
                return _too_deep(event.start_mark, path)
            build.open(event, kind is mapping_start)
            continue
        elif kind is alias_event:
            return _alias_problem(event, path)
        else:
            raise _Unstreamable
        if not stack:
            build.places[()] = at << 64
            break
        build.add(stack[-1], value, at, raw, done)
    if type(get()) is events.DocumentEndEvent and type(get()) is events.StreamEndEvent:
        return value, build.places
    raise _Unstreamable  # a second document: the composed path names the problem


class _Build:
    """The state of a streamed build: open containers, places, the tags resolved so far.

    Split from the loop of ``_stream_events`` by what each event does; the loop stays the only place that
    dispatches on the event's kind (one call per event, about 2% of the build's time).
    """

    __slots__ = ("constructors", "depth", "loader", "loose", "places", "resolve", "resolved", "stack")

    def __init__(self, loader: Any, depth: int) -> None:
        self.loader, self.depth = loader, depth
        self.resolve, self.constructors = loader.resolve, loader.yaml_constructors
        self.places: Places = {}
        self.stack: list[_Frame] = []
        # The tag of each plain scalar's text, resolved once per file: keys and values repeat in every event.
        self.resolved: dict[str, str] = {}
        self.loose = False  # a key that is not text: two keys may then be written alike

    def scalar(self, event: Any) -> tuple[Any, int, str]:
        """A scalar's value, its packed place (see Places) and its text as written."""
        mark = event.start_mark
        at = (mark.line + 1) << 32 | (mark.column + 1)
        raw: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            implicit = event.implicit
            if implicit[0]:
                tag = self.resolved.get(raw)
                if tag is None:
                    tag = self.resolved[raw] = self.resolve(yaml.ScalarNode, raw, implicit)
            else:
                tag = _STR_TAG  # quoted: what resolve gives without a plain implicit
        if tag == _STR_TAG:
            return raw, at, raw
        if tag in _SCALAR_TAGS:
            node = yaml.ScalarNode(tag, raw, mark, event.end_mark, event.style)
            return self.constructors[tag](self.loader, node), at, raw
        raise _Unstreamable  # another tag: the composed path builds or refuses it

    def open(self, event: Any, is_mapping: bool) -> None:
        """A mapping or list starts."""
        mark = event.start_mark
        at = (mark.line + 1) << 32 | (mark.column + 1)
        stack = self.stack
        if event.tag not in (None, "!") or len(stack) >= _STREAM_DEPTH:
            raise _Unstreamable
        if not stack:
            where: tuple[str | int, ...] = ()
        else:
            parent = stack[-1]
            # (In a mapping's key, the container is refused when it ends: its place is never asked.)
            where = parent.where + ((parent.raw_key,) if parent.is_mapping else (len(parent.container),))
        stack.append(_Frame(is_mapping, at, where))

    def add(self, frame: _Frame, value: Any, at: int, raw: str | None, done: _Frame | None) -> None:
        """A finished value (``raw`` for a scalar, ``done`` for a container) goes into the open ``frame``."""
        placed = len(self.stack) <= self.depth
        if not frame.is_mapping:
            if placed:
                self.places[(*frame.where, len(frame.container)) if done is None else done.where] = at << 64
            frame.container.append(value)
        elif frame.key is _NO_KEY:
            self._key(frame, value, at, raw)
        else:
            frame.container[frame.key] = value
            if placed:
                where = (*frame.where, frame.raw_key) if done is None else done.where
                if self.loose and where in self.places:
                    raise _Unstreamable  # two keys written alike: the node tree places them
                self.places[where] = at << 64 | frame.key_at
            frame.key = _NO_KEY

    def _key(self, frame: _Frame, value: Any, at: int, raw: str | None) -> None:
        # A duplicate key, or a list or mapping as a key: the composed path reports it. Keys are
        # duplicates by type and value (`1:` and `true:` are not): text equals only text, so a
        # text key is one when the mapping has it already.
        if type(value) is str:
            if value in frame.container:
                raise _Unstreamable
            value = intern(value)  # field names repeat in every event: one string each, not one per event
        else:
            if raw is None:
                raise _Unstreamable
            seen = frame.seen
            if seen is None:
                seen = frame.seen = set()
            elif (type(value), value) in seen:
                raise _Unstreamable
            seen.add((type(value), value))
            self.loose = True
        frame.key, frame.key_at, frame.raw_key = value, at, raw or ""


def _too_deep(mark: Any, path: str) -> Problem:
    message = (
        f"lists and mappings nested more than {MAX_DEPTH} levels deep; a timeline needs 5, "
        "so this is likely a broken file: look for unclosed brackets"
    )
    return Problem(path, mark.line + 1, mark.column + 1, "too-deep", message)


def _deeper_than(root: yaml.Node, limit: int) -> yaml.Node | None:
    """The first list or mapping more than ``limit`` levels in (the root is level 0), or None; without recursion."""
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            continue
        if depth >= limit:
            return node
        children = node.value if isinstance(node, yaml.SequenceNode) else [v for pair in node.value for v in pair]
        stack.extend((child, depth + 1) for child in reversed(children))
    return None


def _alias_problem(event: Any, path: str) -> Problem:
    mark = event.start_mark
    what = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
    message = f"YAML {what}s are not allowed in timelines; write the value out"
    return Problem(path, mark.line + 1, mark.column + 1, "yaml-alias", message)


_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float"))


def _parse_source(source: str | bytes, document: Document, depth: int) -> None:
    streamed = _stream(source, document.path, depth) if enabled("streamed-build") else None
    if isinstance(streamed, Problem):
        document.problems.append(streamed)
        return
    if streamed is not None:
        document.data, places = streamed
        document._source = source
        document._places, document._depth = places, depth
        return
    _compose(source if isinstance(source, str) else source.decode("utf-8"), document)


def _compose(text: str, document: Document) -> None:
    """The located path: the node tree, then data from it (every problem of reading the YAML)."""
    path = document.path
    # Anchors and aliases are rare in timelines, so only files where one could
    # start pay for the event scan (a second parse): "R&D" or a URL's "&" cannot.
    if _may_hold_anchor(text) and _refuse_aliases(text, document):
        return
    loader = _TimelineLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            document.problems.append(Problem(path, 1, 1, "empty-file", "file holds no timeline"))
            return
        deep = _deeper_than(root, MAX_DEPTH)
        if deep is not None:
            document.problems.append(_too_deep(deep.start_mark, path))
            return
        document._root, document._source = root, text
        document.data = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        document.data = None
        document.problems.append(_syntax_problem(path, error, text))
        return
    except yaml.reader.ReaderError as error:
        document.data = None
        line, column = _reader_position(text, error.position)
        character = f" (character #x{error.character:04x})" if isinstance(error.character, int) else ""
        document.problems.append(Problem(path, line, column, "yaml-syntax", f"invalid YAML: {error.reason}{character}"))
        return
    except yaml.YAMLError as error:
        document.data = None
        document.problems.append(Problem(path, 1, 1, "yaml-syntax", str(error).splitlines()[0]))
        return
    except RecursionError:
        document.data = None
        document.problems.append(Problem(path, 1, 1, "yaml-syntax", "nested too deeply to read"))
        return
    finally:
        loader.dispose()
    duplicates = (
        Problem(
            path,
            key_node.start_mark.line + 1,
            key_node.start_mark.column + 1,
            "duplicate-key",
            f"key '{key}' appears twice in this mapping; the second one is ignored",
        )
        for key_node, key in loader.duplicate_keys
    )
    document.problems.extend(capped(duplicates))


def _reader_position(text: str, offset: int) -> tuple[int, int]:
    # libyaml counts bytes of the UTF-8 text; the pure-Python reader counts characters.
    if _BaseLoader is not yaml.SafeLoader:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _refuse_aliases(text: str, document: Document) -> bool:
    try:
        for event in yaml.parse(text, Loader=_TimelineLoader):
            is_alias = isinstance(event, yaml.AliasEvent)
            if is_alias or getattr(event, "anchor", None) is not None:
                mark: Any = event.start_mark
                what = "alias" if is_alias else "anchor"
                document.problems.append(
                    Problem(
                        document.path,
                        mark.line + 1,
                        mark.column + 1,
                        "yaml-alias",
                        f"YAML {what}s are not allowed in timelines; write the value out",
                    )
                )
                return True
    except yaml.YAMLError:
        return False  # the full parse reports the syntax error with its location
    return False


def _syntax_problem(path: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
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
    return Problem(path, line, column, "yaml-syntax", message)


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
        for token in yaml.scan(text, Loader=_BaseLoader):
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
