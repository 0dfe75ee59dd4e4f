"""The located document: a file's data and problems, and the place of any value a message names.

The node tree is kept (or composed again from the text) so that a problem found
later in the data (by the schema or a rule) can be located without parsing the
file again: see ``Document.locate``. Anchors and aliases ("billion laughs") are
refused before anything is built from them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from armsdeal.core.problems import Problem, capped
from armsdeal.read.hints import EMPTY_FILE, syntax_problem
from armsdeal.read.places import FIRST, UNLOCATED, Place, Places, walk_places
from armsdeal.read.streamed import STREAM_DEPTH
from armsdeal.read.yamlloader import MAX_DEPTH, BaseLoader, TimelineLoader, too_deep


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
            loader = TimelineLoader(self._source)
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

    def locate(self, keys: Sequence[str | int], *, at_key: bool = False) -> Place:
        """The place of the value at ``keys``, or of its key.

        Walks as deep as the node tree allows: a missing field is located at
        the mapping that should hold it.
        """
        if self._places is not None and self._root is None:
            found = walk_places(self._places, self._depth, keys, at_key)
            if found is not None:
                return found
        node = self.root
        if node is None:
            return FIRST
        mark_node: yaml.Node = node
        for index, key in enumerate(keys):
            last = index == len(keys) - 1
            child, key_node = self._child(node, key)
            if child is None:
                break
            mark_node = key_node if (last and at_key and key_node is not None) else child
            node = child
        mark = mark_node.start_mark
        return Place(mark.line + 1, mark.column + 1)

    @property
    def places(self) -> Places | None:
        """Every node's place (see ``_places``) when the streamed build recorded them all, else None."""
        if self._places is not None and self._root is None and self._depth >= STREAM_DEPTH:
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


class UnlocatedDocument(Document):
    """A clean file read by the fast path (read/fast.py): its data, and no places.

    Only a file with no problem at all is kept as one (check/validate.py reads
    any other again with the located loader), so nothing of it is located:
    ``locate`` answers ``UNLOCATED``, and ``root`` is None.
    Whoever needs a real place of such a file reads it again (check/runner.py
    does, for a problem found across files).
    """

    @property
    def root(self) -> yaml.Node | None:
        return None

    def locate(self, keys: Sequence[str | int], *, at_key: bool = False) -> Place:
        return UNLOCATED


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


def compose(text: str, document: Document) -> None:
    """The located path: the node tree, then data from it (every problem of reading the YAML)."""
    path = document.path
    # Anchors and aliases are rare in timelines, so only files where one could
    # start pay for the event scan (a second parse): "R&D" or a URL's "&" cannot.
    if _may_hold_anchor(text) and _refuse_aliases(text, document):
        return
    loader = TimelineLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            document.problems.append(Problem(path, 1, 1, "empty-file", EMPTY_FILE))
            return
        deep = _deeper_than(root, MAX_DEPTH)
        if deep is not None:
            document.problems.append(too_deep(deep.start_mark, path))
            return
        document._root, document._source = root, text
        document.data = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        document.data = None
        document.problems.append(syntax_problem(path, error, text))
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
    if BaseLoader is not yaml.SafeLoader:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _refuse_aliases(text: str, document: Document) -> bool:
    try:
        for event in yaml.parse(text, Loader=TimelineLoader):
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
