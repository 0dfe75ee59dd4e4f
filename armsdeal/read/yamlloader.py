"""The PyYAML loader timelines are read with: the YAML 1.2 core schema, duplicate keys found, no tags.

What a curator's YAML must not do to us, and what this module does about it:

- PyYAML keeps the last of two equal keys silently; we report every duplicate.
- YAML 1.1 turns ``NO`` into false and ``2017-09-12`` into a date object; the
  resolver below follows the YAML 1.2 core schema instead and has no timestamp
  rule, so dates stay the text the curator wrote.
- Whole numbers beyond 64 bits, lists and mappings nested past ``MAX_DEPTH``,
  anchors and aliases become located problems (``too_deep``, ``alias_problem``).

Both builds of the data use it: the streamed one (read/streamed.py) and the
composed one (read/located.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any, ClassVar

import yaml

from armsdeal.core.problems import Problem

# libyaml's C parser where it is installed; the pure-Python one otherwise.
BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TimelineLoader(BaseLoader):  # type: ignore[misc]
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
        if kind is yaml.ScalarNode and tag == STR_TAG:
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
            return STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


# Whole numbers must fit in 64 bits (signed, less the one extra negative): what JSON readers, spreadsheets and
# databases can hold. Larger ones are mistakes, and past 4,300 digits Python cannot
# even print them (hex `0x` + 3,600 digits crashed every command that showed one).
MAX_INT = 2**63 - 1


class NumberTooLarge(yaml.constructor.ConstructorError):
    """A whole number outside -MAX_INT..MAX_INT: a located problem of its own, not a syntax error."""


def _construct_int(loader: TimelineLoader, node: yaml.ScalarNode) -> int:
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


TimelineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)

_CORE_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map", "null", "bool", "int", "float"))


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


STR_TAG = "tag:yaml.org,2002:str"
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
        TimelineLoader.add_implicit_resolver(tag + name, re.compile(f"^(?:{pattern})$"), first)


_add_core_schema_resolvers()


# Lists and mappings nested deeper than this are a located `too-deep` problem, for every command: a
# timeline needs 5 levels, and each level costs the readers and writers (ruamel's, pydantic) stack frames
# that would run out near 330 levels (Python's recursion limit is 1,000).
MAX_DEPTH = 50


def too_deep(mark: Any, path: str) -> Problem:
    message = (
        f"lists and mappings nested more than {MAX_DEPTH} levels deep; a timeline needs 5, "
        "so this is likely a broken file: look for unclosed brackets"
    )
    return Problem(path, mark.line + 1, mark.column + 1, "too-deep", message)


def alias_problem(event: Any, path: str) -> Problem:
    mark = event.start_mark
    what = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
    message = f"YAML {what}s are not allowed in timelines; write the value out"
    return Problem(path, mark.line + 1, mark.column + 1, "yaml-alias", message)


SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float"))
