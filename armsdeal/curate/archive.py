"""`armsdeal links --archive --write`: `archive_url:` added to sources, nothing else in the file changed.

As `add` does (curate/add.py), the file is edited as text: each new line goes
right under its source's `url:` line (where `fmt` puts `archive_url`), indented
as that line, its value written by ruamel.yaml as `fmt` writes text. The result
is read back with armsdeal's loader and must hold exactly the old data plus the
archive URLs, and pass every rule of one file, before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import yaml

from armsdeal.check.validate import validate_document
from armsdeal.core.errors import InvalidTimeline
from armsdeal.core.problems import Severity
from armsdeal.curate.yamlio import EditError, dump, visible_scalar
from armsdeal.read.stage import parse_bytes


def add_archive_urls(text: str, path: str, archives: Mapping[str, str], *, today: date) -> tuple[str, list[str]]:
    """The text with ``archive_url`` set for each source id -> archived URL; and the ids set.

    A source that already has an `archive_url` keeps it (and is not in the ids set).
    EditError for a file that cannot be edited this way, InvalidTimeline if the result breaks a rule.
    """
    document = parse_bytes(text.encode("utf-8"), path)
    root = document.root
    if not isinstance(document.data, dict) or not isinstance(root, yaml.MappingNode) or document.problems:
        raise EditError(f"{path} cannot be read as a timeline; run 'armsdeal check {path}' and fix it first")
    sources = _mapping_at(root, "sources")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    edits: list[tuple[int, str]] = []
    done: list[str] = []
    for source_id, archive in archives.items():
        source = _mapping_at(sources, source_id) if sources is not None else None
        if source is None or _has_key(source, "archive_url"):
            continue
        edits.append(_new_line(source, archive, path, source_id))
        done.append(source_id)
    for index, line in sorted(edits, reverse=True):
        lines.insert(index, line)
    result = "".join(lines)
    _verify(text, result, path, {source_id: archives[source_id] for source_id in done}, today)
    return result, done


def _mapping_at(node: yaml.Node | None, key: str) -> yaml.MappingNode | None:
    """The mapping under ``key`` in a mapping, or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key and isinstance(value, yaml.MappingNode):
            return value
    return None


def _has_key(node: yaml.MappingNode, key: str) -> bool:
    return any(isinstance(key_node, yaml.ScalarNode) and key_node.value == key for key_node, _ in node.value)


def _new_line(source: yaml.MappingNode, archive: str, path: str, source_id: str) -> tuple[int, str]:
    """(line index, the line) of `archive_url: ...` under the source's `url:`."""
    if source.flow_style:
        raise EditError(
            f"{path}: source '{source_id}' is written on one line in braces; run 'armsdeal fmt {path}' first"
        )
    for key_node, value in source.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "url":
            rendered = dump({"archive_url": visible_scalar(archive)})
            indent = " " * key_node.start_mark.column
            # A value that ends at the start of a line (a block scalar) ends on the line before.
            end = value.end_mark.line if value.end_mark.column else value.end_mark.line - 1
            return end + 1, "".join(indent + line + "\n" for line in rendered.splitlines())
    raise EditError(f"{path}: source '{source_id}' has no url:")


def _verify(before: str, after: str, path: str, added: Mapping[str, str], today: date) -> None:
    old = parse_bytes(before.encode("utf-8"), path).data
    new_document = parse_bytes(after.encode("utf-8"), path)
    expected = dict(old)
    expected["sources"] = {
        source_id: ({**source, "archive_url": added[source_id]} if source_id in added else source)
        for source_id, source in old["sources"].items()
    }
    if new_document.data != expected:
        raise EditError(f"{path}: the edit would change more than archive_url; the file is left as it is")
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    errors = [
        problem
        for problem in validate_document(new_document, today=today, file_stem=stem).problems
        if problem.severity is Severity.ERROR
    ]
    if errors:
        raise InvalidTimeline(errors)
