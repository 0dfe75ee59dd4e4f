"""`armsdeal add`: one event (and its source, if new) added to a timeline's text, nothing else changed.

The file is edited as text: the new event's lines go in at its place in date
order (after events of the same date), the new source's lines at the end of
`sources:`, in the indentation the file already uses. Every other byte of the
file stays as it was: comments, key order, quoting, line breaks. The lines
themselves are written by ruamel.yaml, and the result is read back with
armsdeal's loader: it must hold exactly the old data plus the new event (and
source), and pass every rule of one file, before anything is written. The rules
across files (the timelines beside it) are the command's to run on the result,
with check's runner (cli/add.py): this package does not depend on the runner.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from armsdeal.check.config import Settings
from armsdeal.check.validate import suggest_value, validate_document
from armsdeal.core.dates import DateSyntaxError, parse_edtf
from armsdeal.core.errors import InvalidTimeline, UsageError
from armsdeal.core.problems import Severity
from armsdeal.core.suggest import did_you_mean
from armsdeal.core.vocabulary import ID_RE, ActorKind, EventStatus, EventType
from armsdeal.curate.yamlio import EditError, dump, visible_scalar
from armsdeal.read.stage import parse_bytes

MAX_ID_WORDS = 6
MAX_ID_LENGTH = 48


@dataclass(frozen=True)
class Addition:
    """What the curator asked to add (the command line's options)."""

    date: str
    type: str
    title: str
    source_url: str
    publisher: str | None = None
    source_title: str | None = None
    status: str | None = None
    actors: Sequence[str] = ()
    claimed_by: Sequence[str] = ()
    note: str | None = None
    event_id: str | None = None
    source_date: str | None = None  # the new source's publication date (EDTF), never the event's
    new_actor: NewActor | None = None


@dataclass(frozen=True)
class NewActor:
    """An actor added under actors: with the event (--new-actor, --actor-name, --actor-kind)."""

    id: str
    name: str
    kind: str


class UnknownActor(UsageError):
    """--actor or --claimed-by names an actor the timeline does not define: what to do, in lines for the command."""

    def __init__(self, option: str, actor_id: str, path: str, known: Sequence[str]) -> None:
        self.option, self.actor_id, self.path, self.known = option, actor_id, path, sorted(known)
        guess = did_you_mean(actor_id, self.known)
        super().__init__(f"nothing written: {option} '{actor_id}' is not under actors: in {path}{guess}")

    def hint(self) -> str:
        """The command-line way to define the actor with the event."""
        name = " ".join(word.capitalize() for word in self.actor_id.split("-"))
        return f"to add it: --new-actor {self.actor_id} --actor-name '{name}' --actor-kind state"


@dataclass(frozen=True)
class Added:
    """The new text, and what went into it."""

    text: str
    event_id: str
    source_id: str
    source: str  # "cited" (already in this file), "taken" (from another timeline, named in `taken_from`) or "new"
    taken_from: str | None = None
    warnings: list[str] = field(default_factory=list)


def slug(text: str, *, words: int = MAX_ID_WORDS, length: int = MAX_ID_LENGTH) -> str:
    """An id from text: 'Contract signed: 12 Gripen E' -> 'contract-signed-12-gripen-e'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    # Whole words of the text ('Su-35' is one), so that an id never ends inside one.
    whole = ("-".join(part for part in re.split(r"[^a-z0-9]+", word) if part) for word in ascii_text.split())
    every = [word for word in whole if word]
    parts = every[:words]
    while len(parts) > 1 and len("-".join(parts)) > length:
        parts.pop()
    # A cut id does not end on a word that reads as the start of a cut phrase ('...-signed-for-20').
    while len(parts) > 1 and len(parts) < len(every) and (parts[-1] in _DANGLING or parts[-1].isdigit()):
        parts.pop()
    return "-".join(parts)[:length].strip("-")


_DANGLING = frozenset(["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"])


def unique(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _url_key(url: str) -> str:
    return url.strip().rstrip("/")


def check_addition(addition: Addition) -> None:
    """Usage errors (exit 2) in the options, each with the fix."""
    try:
        parse_edtf(addition.date)
    except DateSyntaxError as error:
        raise UsageError(f"--date: {error}") from None
    if addition.source_date is not None:
        try:
            parse_edtf(addition.source_date)
        except DateSyntaxError as error:
            raise UsageError(f"--source-date: {error}") from None
    if addition.type not in set(EventType):
        raise UsageError(
            f"--type: '{addition.type}' is not an event type{suggest_value(addition.type, list(EventType))}; "
            f"one of {', '.join(EventType)}"
        )
    if addition.status is not None and addition.status not in set(EventStatus):
        raise UsageError(
            f"--status: '{addition.status}' is not a status{suggest_value(addition.status, list(EventStatus))}; "
            f"one of {', '.join(EventStatus)}"
        )
    if not addition.title.strip():
        raise UsageError("--title must not be empty")
    from pydantic import TypeAdapter, ValidationError

    from armsdeal.core.model import Url

    try:
        TypeAdapter(Url).validate_python(addition.source_url)
    except ValidationError:
        raise UsageError(
            f"--source: '{addition.source_url}' is not an absolute http(s) URL: "
            "write the whole address, beginning with https:// or http://"
        ) from None
    for option, values in (("--actor", addition.actors), ("--claimed-by", addition.claimed_by)):
        for value in values:
            if not ID_RE.fullmatch(value):
                raise UsageError(f"{option}: '{value}' is not an actor id (lowercase letters, digits, hyphens)")
    if addition.event_id is not None and not ID_RE.fullmatch(addition.event_id):
        raise UsageError(f"--id: '{addition.event_id}' is not a valid id: use lowercase letters, digits and hyphens")
    _check_new_actor(addition.new_actor)


def _check_new_actor(actor: NewActor | None) -> None:
    if actor is None:
        return
    if not ID_RE.fullmatch(actor.id):
        raise UsageError(f"--new-actor: '{actor.id}' is not an actor id (lowercase letters, digits, hyphens)")
    if not actor.name.strip():
        raise UsageError("--actor-name must not be empty (the actor's name as readers know it)")
    if actor.kind not in set(ActorKind):
        raise UsageError(
            f"--actor-kind: '{actor.kind}' is not a kind{suggest_value(actor.kind, list(ActorKind))}; "
            f"one of {', '.join(ActorKind)}"
        )


def _known_actors(addition: Addition, actors: dict[Any, Any], path: str) -> dict[str, Any] | None:
    """The entry to add under actors: (or None); UnknownActor for an --actor or --claimed-by nobody defines."""
    known = {str(key) for key in actors}
    new = addition.new_actor
    entry = None
    if new is not None:
        if new.id in known:
            raise UsageError(f"--new-actor: '{new.id}' is already under actors: in {path}; use --actor {new.id}")
        known.add(new.id)
        entry = {"name": new.name.strip(), "kind": new.kind}
    for option, values in (("--actor", addition.actors), ("--claimed-by", addition.claimed_by)):
        for value in values:
            if value not in known:
                raise UnknownActor(option, value, path, sorted(known))
    return entry


def add_event(
    text: str,
    path: str,
    addition: Addition,
    *,
    today: date,
    others: Iterable[tuple[str, Any]] = (),
    settings: Settings | None = None,
) -> Added:
    """The text with the event added. ``others``: (path, data) of the other timelines of the collection.

    ``today`` is the day the result's dates are checked against (future-date); ``settings``, the
    project's (check/config.py: ignored rules, rule options), so that add refuses what check refuses.

    UsageError for options that cannot work, EditError for a file that cannot
    be edited this way, InvalidTimeline if the result breaks a rule.
    """
    check_addition(addition)
    data, root = _readable(text, path)
    sources, events, actors = (_section(data, key, kind) for key, kind in _SECTIONS)
    assert isinstance(sources, dict) and isinstance(events, list) and isinstance(actors, dict)
    actor_entry = _known_actors(addition, actors, path)

    source_id, source_entry, how, taken_from = _source(addition, sources, others, path)
    event = _event_entry(addition, _event_id(addition, events, path), source_id)
    edits: list[tuple[str, str, dict[str, Any]]] = []  # (section, id, entry) added beside the event
    if source_entry is not None:
        edits.append(("sources", source_id, source_entry))
    if actor_entry is not None and addition.new_actor is not None:
        edits.append(("actors", addition.new_actor.id, actor_entry))
    result = _edited(text, root, events, event, edits, path)

    added_actor = {addition.new_actor.id: actor_entry} if addition.new_actor is not None else {}
    added: dict[str, dict[str, Any]] = {
        "sources": {source_id: source_entry} if source_entry else {},
        "actors": added_actor,
    }
    _verify(text, result, path, event, added, today, settings or Settings())
    return Added(result, event["id"], source_id, how, taken_from)


# The top-level sections add reads, and the type each has in a timeline (another type reads as empty).
_SECTIONS: tuple[tuple[str, type], ...] = (("sources", dict), ("events", list), ("actors", dict))


def _readable(text: str, path: str) -> tuple[dict[Any, Any], yaml.MappingNode]:
    """The data and the node tree of a timeline that reads without errors; EditError otherwise."""
    document = parse_bytes(text.encode("utf-8"), path)
    data, root = document.data, document.root
    errors = [problem for problem in document.problems if problem.severity is Severity.ERROR]
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode) or errors:
        raise EditError(f"{path} cannot be read as a timeline; run 'armsdeal check {path}' and fix it first")
    return data, root


def _section(data: dict[Any, Any], key: str, kind: type) -> Any:
    """The top-level section ``key`` if it is a ``kind``, else an empty one."""
    value = data.get(key)
    return value if isinstance(value, kind) else kind()


def _event_id(addition: Addition, events: list[Any], path: str) -> str:
    """--id, or one made from the title: unique in the file (UsageError if --id is taken)."""
    event_ids = {event.get("id") for event in events if isinstance(event, dict)}
    event_id = addition.event_id or slug(addition.title) or "event"
    if addition.event_id is not None and event_id in event_ids:
        raise UsageError(f"--id: the event id '{event_id}' is already used in {path}")
    return unique(event_id, {str(i) for i in event_ids})


def _event_entry(addition: Addition, event_id: str, source_id: str) -> dict[str, Any]:
    """The new event's mapping, with only the optional keys the curator gave."""
    # As a curator writes it: a bare year is a number in YAML, which the format accepts.
    when = _date_value(addition.date)
    event: dict[str, Any] = {"id": event_id, "date": when, "type": addition.type, "title": addition.title}
    optional = {  # in the order the file writes them; an empty list or note is left out
        "actors": list(addition.actors) or None,
        "sources": [source_id],
        "status": addition.status,
        "claimed_by": list(addition.claimed_by) or None,
        "note": addition.note or None,
    }
    event.update((key, value) for key, value in optional.items() if value is not None)
    return event


def _edited(
    text: str,
    root: yaml.MappingNode,
    events: list[Any],
    event: dict[str, Any],
    entries: list[tuple[str, str, dict[str, Any]]],
    path: str,
) -> str:
    """The text with the event and the section entries inserted, every other line as it was."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    edits: list[tuple[int, list[str], int]] = []  # (line index, new lines, how many old lines they replace)
    for section, entry_id, entry in entries:
        edits.append(_insert_entry(lines, root, section, entry_id, entry, path))
    edits.append(_insert_event(lines, root, events, event, path))
    for index, new_lines, replaced in sorted(edits, key=lambda edit: edit[0], reverse=True):
        lines[index : index + replaced] = new_lines
    return "".join(lines)


def _source(
    addition: Addition, sources: dict[Any, Any], others: Iterable[tuple[str, Any]], path: str
) -> tuple[str, dict[str, Any] | None, str, str | None]:
    """The source id to cite, the entry to add (None if cited already), how it was found, and where from."""
    wanted = _url_key(addition.source_url)
    cited = _cited_here(addition, sources, wanted, path)
    if cited is not None:
        return cited, None, "cited", None
    taken = {str(key) for key in sources}
    found = _cited_beside(addition, others, wanted)
    if found is not None:
        other_path, source_id, entry = found
        return unique(source_id, taken), entry, "taken", other_path
    source_id, new_entry = _new_source(addition, taken)
    return source_id, new_entry, "new", None


def _cited_here(addition: Addition, sources: dict[Any, Any], wanted: str, path: str) -> str | None:
    """The id of the file's own source with the URL, if there is one (UsageError if it disagrees)."""
    for source_id, source in sources.items():
        if isinstance(source, dict) and isinstance(source.get("url"), str) and _url_key(source["url"]) == wanted:
            _agrees(addition, source, f"{path} (source '{source_id}')")
            return str(source_id)
    return None


def _cited_beside(
    addition: Addition, others: Iterable[tuple[str, Any]], wanted: str
) -> tuple[str, str, dict[str, Any]] | None:
    """The first other timeline citing the URL: its path, its source id and a copy of the entry."""
    for other_path, other in others:
        other_sources = other.get("sources") if isinstance(other, dict) else None
        if not isinstance(other_sources, dict):
            continue
        for source_id, source in other_sources.items():
            url = source.get("url") if isinstance(source, dict) else None
            if isinstance(url, str) and _url_key(url) == wanted:
                _agrees(addition, source, f"{other_path} (source '{source_id}')")
                entry = {key: value for key, value in source.items() if isinstance(key, str)}
                return other_path, str(source_id), entry
    return None


def _new_source(addition: Addition, taken: set[str]) -> tuple[str, dict[str, Any]]:
    """A source entry from --publisher, --source-title and --source-date, and an id not in ``taken``."""
    if not addition.publisher or not addition.source_title:
        raise UsageError(
            f"{addition.source_url} is not cited in this timeline or the others beside it: "
            "give --publisher and --source-title for its source entry"
        )
    # The id names the source's own date (--source-date), never the event's: a page of March 2019
    # about a December 2018 event is no "-2018-12" source.
    day = (addition.source_date or "").split("/")[0].rstrip("~?%")
    base = slug(addition.publisher, words=3, length=30) or "source"
    source_id = unique(f"{base}-{day}" if re.fullmatch(r"\d{4}(-\d{2}){0,2}", day) else base, taken)
    new_entry: dict[str, Any] = {"publisher": addition.publisher, "title": addition.source_title}
    if addition.source_date is not None:
        new_entry["date"] = _date_value(addition.source_date)
    new_entry["url"] = addition.source_url
    return source_id, new_entry


def _date_value(text: str) -> str | int:
    """A date as the file writes it: a bare year as a number, anything else as text."""
    return int(text) if re.fullmatch(r"\d{4}", text) else text


def _agrees(addition: Addition, source: dict[Any, Any], where: str) -> None:
    for option, key, given in (
        ("--publisher", "publisher", addition.publisher),
        ("--source-title", "title", addition.source_title),
        ("--source-date", "date", addition.source_date),
    ):
        if given is not None and str(source.get(key, "no date")) != given:
            raise UsageError(
                f"{option}: this URL is already cited in {where} with {key} '{source.get(key)}'; "
                f"leave out {option} to reuse that entry, or correct it there first"
            )


def _entries(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _content_end(lines: list[str], start: int, stop: int) -> int:
    """The index after the last line in [start, stop) that is neither blank nor a comment."""
    end = stop
    while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _next_top_level(root: yaml.MappingNode, key: str, lines: list[str]) -> int:
    """The line index where the top-level entry after ``key`` starts (or the end of the file)."""
    keys = [k for k, _ in root.value]
    for index, key_node in enumerate(keys):
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key and index + 1 < len(keys):
            following: int = keys[index + 1].start_mark.line
            # Comments above the next key belong to it.
            while following > 0 and lines[following - 1].lstrip().startswith("#"):
                following -= 1
            return following
    return len(lines)


def _indented(snippet: str, indent: int) -> list[str]:
    return [(" " * indent + line if line else line) + "\n" for line in snippet.splitlines()]


def _insert_entry(
    lines: list[str], root: yaml.MappingNode, section: str, entry_id: str, entry: dict[str, Any], path: str
) -> tuple[int, list[str], int]:
    """The lines of a new entry at the end of a top-level mapping (sources:, actors:)."""
    pair = _entries(root).get(section)
    if pair is None:
        raise EditError(f"{path} has no {section}: mapping; add '{section}: {{}}' first")
    key_node, node = pair
    rendered = dump({entry_id: _one_line(entry) if section == "actors" else _visible(entry)})
    if isinstance(node, yaml.MappingNode) and node.flow_style and not node.value:
        # `sources: {}` becomes a block with the one entry.
        line = key_node.start_mark.line
        head = lines[line][: key_node.start_mark.column] + f"{section}:"
        comment = _trailing_comment(lines[line], node.end_mark.column)
        return line, [head + comment + "\n", *_indented(rendered, key_node.start_mark.column + 2)], 1
    if not isinstance(node, yaml.MappingNode) or node.flow_style or not node.value:
        raise EditError(f"{path}: add needs '{section}:' as an indented block; run 'armsdeal fmt {path}' first")
    first_key = node.value[0][0]
    indent = first_key.start_mark.column
    nested = _nested_indent(node, indent)
    rendered = rendered.replace("\n" + " " * 2, "\n" + " " * nested)
    stop = _next_top_level(root, section, lines)
    at = _content_end(lines, node.start_mark.line, stop)
    return at, _indented(rendered, indent), 0


def _nested_indent(node: yaml.MappingNode, indent: int) -> int:
    """How far the fields of an entry are indented from its key (2 unless the file says otherwise)."""
    for _, value in node.value:
        if isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
            column: int = value.value[0][0].start_mark.column
            return max(column - indent, 1)
    return 2


def _trailing_comment(line: str, after: int) -> str:
    rest = line[after:].rstrip("\n")
    return rest if rest.strip().startswith("#") else ""


def _insert_event(
    lines: list[str], root: yaml.MappingNode, events: list[Any], event: dict[str, Any], path: str
) -> tuple[int, list[str], int]:
    pair = _entries(root).get("events")
    if pair is None:
        raise EditError(f"{path} has no events: list; add 'events: []' first")
    key_node, node = pair
    if isinstance(node, yaml.SequenceNode) and node.flow_style and not node.value:
        line = key_node.start_mark.line
        head = lines[line][: key_node.start_mark.column] + "events:"
        comment = _trailing_comment(lines[line], node.end_mark.column)
        body = dump(_flow_lists(event, key_node.start_mark.column + 4)).splitlines()
        return line, [head + comment + "\n", *_item(body, key_node.start_mark.column + 2, 2)], 1
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        raise EditError(f"{path}: add needs 'events:' as an indented list; run 'armsdeal fmt {path}' first")
    items = node.value
    dash_lines = [item.start_mark.line for item in items]
    first = lines[dash_lines[0]]
    content = items[0].start_mark.column
    dash = first.rfind("-", 0, content)
    dash = dash if dash >= 0 else max(content - 2, 0)
    body = dump(_flow_lists(event, content)).splitlines()
    spaced = len(dash_lines) > 1 and not lines[dash_lines[1] - 1].strip()
    new_lines = _item(body, dash, content - dash)
    key = parse_edtf(str(event["date"])).sort_key()
    position = len(items)
    for index, existing in enumerate(events):
        try:
            existing_key = parse_edtf(str(existing.get("date"))).sort_key()
        except (DateSyntaxError, AttributeError):
            continue
        if existing_key > key:
            position = index
            break
    if position < len(items):
        at = dash_lines[position]
        while at > 0 and lines[at - 1].lstrip().startswith("#") and lines[at - 1].strip():
            at -= 1
        return at, new_lines + (["\n"] if spaced else []), 0
    stop = _next_top_level(root, "events", lines)
    at = _content_end(lines, dash_lines[-1], stop)
    return at, (["\n"] if spaced else []) + new_lines, 0


def _item(body: list[str], dash: int, content: int) -> list[str]:
    """A list item: the dash at ``dash``, its mapping ``content`` columns further."""
    first = " " * dash + "-" + " " * (content - 1) + body[0] + "\n"
    return [first, *(" " * (dash + content) + line + "\n" for line in body[1:])]


def _visible(entry: dict[str, Any]) -> dict[str, Any]:
    """A source entry with its text as fmt writes it (hidden characters escaped in double quotes)."""
    return {key: visible_scalar(value) if isinstance(value, str) else value for key, value in entry.items()}


def _one_line(entry: dict[str, Any]) -> Any:
    """An actor as fmt writes actors: {name: ..., kind: ...} on one line."""
    from ruamel.yaml.comments import CommentedMap

    mapping = CommentedMap(_visible(entry))
    mapping.fa.set_flow_style()
    return mapping


def _flow_lists(event: dict[str, Any], indent: int) -> Any:
    """The event for ruamel as fmt writes it: lists of ids on one line in brackets, a long note folded.

    ``indent``: the column of the event's keys in the file.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from armsdeal.curate.fmt import fold_prose

    mapping = CommentedMap()
    for key, value in event.items():
        if key == "date" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            value = date.fromisoformat(value)  # written unquoted, as the timelines write dates
        if isinstance(value, list):
            sequence = CommentedSeq(value)
            sequence.fa.set_flow_style()
            value = sequence
        mapping[key] = value
    fold_prose(mapping, indent=indent)
    for key, value in mapping.items():
        if type(value) is str:
            mapping[key] = visible_scalar(value)  # hidden characters escaped, as fmt writes them
    return mapping


def _verify(
    before: str,
    after: str,
    path: str,
    event: dict[str, Any],
    added: dict[str, dict[str, Any]],
    today: date,
    settings: Settings,
) -> None:
    """The result holds the old data plus the additions (``added``: section -> entries), and passes every
    rule the project checks; otherwise nothing is written."""
    old = parse_bytes(before.encode("utf-8"), path).data
    new_document = parse_bytes(after.encode("utf-8"), path)
    new = new_document.data
    if not _holds_only_additions(old, new, event, added):
        raise EditError(f"{path}: the edit would change more than the added event; the file is left as it is")
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    result = validate_document(
        new_document, today=today, file_stem=stem, ignore=settings.ignore, options=settings.options
    )
    errors = [problem for problem in result.problems if problem.severity is Severity.ERROR]
    if errors:
        raise InvalidTimeline(errors)


def _holds_only_additions(old: Any, new: Any, event: dict[str, Any], added: dict[str, dict[str, Any]]) -> bool:
    """True if ``new`` is ``old`` plus the event and the entries ``added`` to each section, nothing else changed."""
    if not isinstance(new, dict):
        return False
    events = new.get("events", [])
    if [e for e in events if e.get("id") != event["id"]] != list(old.get("events") or []):
        return False
    if not any(e == event for e in events):
        return False
    for section, entries in added.items():
        if dict(new.get(section) or {}) != {**dict(old.get(section) or {}), **entries}:
            return False
    unchanged = ("events", *added)
    return {k: v for k, v in new.items() if k not in unchanged} == {k: v for k, v in old.items() if k not in unchanged}
