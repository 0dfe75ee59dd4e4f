"""The timeline format v1 as pydantic models: the single definition of fields and types.

The JSON Schema that ``armsdeal schema`` prints is generated from these
classes, so editors and armsdeal agree on the format. Cross-field and
cross-file rules (references, ids, dates against sources) are in rules.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
)
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import PydanticCustomError, core_schema

from armsdeal.core.dates import DateSyntaxError, EdtfDate, parse_edtf, schema_pattern
from armsdeal.core.vocabulary import ID_RE, ActorKind, DealStatus, EventStatus, EventType

FORMAT_VERSION = 1

ID_PATTERN = f"^{ID_RE.pattern}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
EVENT_REF_PATTERN = f"^{ID_RE.pattern}/{ID_RE.pattern}$"
EventRef = Annotated[str, StringConstraints(pattern=EVENT_REF_PATTERN)]


# Dates repeat, within a file and across a collection (about half of a generated collection's are
# repeats), and an EdtfDate is immutable: one parse per distinct text, in a bounded cache
# (docs/performance-history.md, section 13). A date that does not parse raises again each time.
_parse_edtf = lru_cache(maxsize=4096)(parse_edtf)


def _parse_date(value: Any) -> EdtfDate:
    if isinstance(value, EdtfDate):
        return value
    # An unquoted year (date: 2017) arrives from YAML as a number.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "a date must be text such as 2017-09-12")
    try:
        return _parse_edtf(value)
    except DateSyntaxError as error:
        raise PydanticCustomError("date_syntax", str(error)) from None


# The parser's own tables (months, days per month, seasons) made a pattern: what an editor flags,
# check rejects; what check alone finds is listed in docs/format.md.
_DATE_PATTERN = schema_pattern()

Date = Annotated[
    EdtfDate,
    PlainValidator(_parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "description": "EDTF date: YYYY, YYYY-MM or YYYY-MM-DD, optional ~ ? % (after the date or "
            "before one part), a season YYYY-21 to -24 (or quarter, third, half 33-41), unspecified digits "
            "(201X, 2019-XX), one of a set [DATE,DATE,...], or an interval START/END with .. for an open end "
            "and nothing for an unknown one (docs/format.md)",
            "pattern": _DATE_PATTERN,
            # An unquoted year arrives as a number: four digits, as the parser reads it.
            "minimum": 1000,
            "maximum": 9999,
        }
    ),
]


# Whitespace (str.isspace's, which re's \s is) and control characters. One search, not a loop over
# the characters: every URL of every file passes here (docs/performance-history.md).
_UNSAFE_IN_URL = re.compile(r"[\s\x00-\x1f\x7f]")
# http(s)://HOST then / ? # or the end, HOST printable ASCII without brackets: urlsplit gives such a
# URL the scheme http(s) and a host, and cannot raise (it raises for brackets and some non-ASCII
# hosts), so it is not called (a tenth of validating a file). Any other URL goes through urlsplit.
_PLAIN_WEB_URL = re.compile(r"https?://[^/?#\[\]\x00-\x20\x7f-\U0010ffff]+(?:[/?#]|\Z)")


# The host and port as check reads them, and as the schema's pattern says them (one definition):
# names of letters, digits (any non-ASCII letter too) and inner hyphens, dot-separated, or an IPv6
# address in brackets; a port of 0 to 65535, as urlsplit's port allows.
_LABEL_END = r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\s]"
_LABEL = rf"{_LABEL_END}([^\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\s]*{_LABEL_END})?"
_HOST = rf"({_LABEL}(\.{_LABEL})*\.?|\[[0-9A-Fa-f:.]+\])"
_PORT = "0*([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
_HOST_PORT = re.compile(rf"{_HOST}(:({_PORT})?)?")
URL_PATTERN = rf"^[Hh][Tt][Tt][Pp][Ss]?://([^\s/?#]*@)?{_HOST}(:({_PORT})?)?([/?#][^\s\x00-\x1f\x7f]*)?$"


def _check_url(value: str) -> str:
    web = _PLAIN_WEB_URL.match(value) is not None
    if web:
        authority = re.split(r"[/?#]", value.split("://", 1)[1], maxsplit=1)[0]
    else:
        parts = urlsplit(value)
        web = parts.scheme in ("http", "https") and bool(parts.netloc)
        authority = parts.netloc
    if not web or _UNSAFE_IN_URL.search(value) is not None:
        raise PydanticCustomError(
            "url_format",
            ("'{url}' is not an absolute http(s) URL: write the whole address, beginning with https:// or http://"),
            {"url": value},
        )
    if _HOST_PORT.fullmatch(authority.rpartition("@")[2]) is None:
        raise PydanticCustomError(
            "url_format",
            "'{url}' has no host a browser can reach: a host is names of letters, digits and hyphens "
            "separated by single dots, and a port is 0 to 65535",
            {"url": value},
        )
    return value


Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": URL_PATTERN}),
]


class _Record(BaseModel):
    # Unknown fields are typos until proven otherwise; frozen so a loaded
    # timeline cannot be changed behind a renderer's back. Validators are built
    # when first needed (or read back: see the end of this module), not here.
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, defer_build=True)


class Quantity(_Record):
    count: Annotated[StrictInt, Field(ge=0)]
    unit: Text
    approximate: StrictBool = False
    note: str | None = None


class Money(_Record):
    amount: Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False)]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    approximate: StrictBool = False
    note: str | None = None


class Deal(_Record):
    supplier: Id | None = None
    recipient: Id | None = None
    system: Text | None = None
    category: Text | None = None
    ordered: Quantity | None = None
    delivered: Quantity | None = None
    value: Money | None = None
    status: DealStatus | None = None
    note: str | None = None


class Actor(_Record):
    name: Text
    kind: ActorKind
    of: Id | None = None
    note: str | None = None


class Source(_Record):
    publisher: Text
    title: Text
    url: Url
    date: Date | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")] | None = None
    via: Text | None = None
    archive_url: Url | None = None
    note: str | None = None


class Event(_Record):
    id: Id
    date: Date
    type: EventType
    title: Text
    sources: list[Id] = Field(default_factory=list)
    actors: list[Id] = Field(default_factory=list)
    status: EventStatus = EventStatus.CONFIRMED
    claimed_by: list[Id] = Field(default_factory=list)
    disputed_by: list[Id] = Field(default_factory=list)
    quantity: Quantity | None = None
    location: Text | None = None
    note: str | None = None
    tags: list[Id] = Field(default_factory=list)
    # Background, not a step of this deal: never counted in its phases or status.
    context: StrictBool = False
    # The related timeline (an id in `related:`) this event belongs to; implies context.
    about: Id | None = None
    # The same real-world event in another timeline, DEAL/EVENT-ID; check compares the two.
    same_as: EventRef | None = None

    @property
    def is_context(self) -> bool:
        """True for background events and events of another (related) deal."""
        return self.context or self.about is not None


class Timeline(_Record):
    """One deal: the whole content of one timeline file."""

    id: Id
    title: Text
    summary: str | None = None
    deal: Deal | None = None
    related: list[Id] = Field(default_factory=list)
    actors: dict[Id, Actor] = Field(default_factory=dict)
    sources: dict[Id, Source]
    # May be empty: `armsdeal new` starts a timeline without events (check warns: no-events).
    events: list[Event]

    @cached_property
    def chronology(self) -> list[Event]:
        """Events by earliest day, then precision (finer first), then file order."""
        return sorted(self.events, key=lambda event: event.date.sort_key())

    def actor_name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor is not None else actor_id


# Events and sources are validated this many at a time by timeline_from_data.
_CHUNK = 256

# One set object per distinct combination of fields written (model_fields_set), shared by the
# records that have it: pydantic gives each instance its own set, about 600 bytes for an event,
# more than the event's values. Never mutated: records are frozen, and model_copy copies the set
# before it adds the updated fields.
_FIELDS_SETS: dict[tuple[str, ...], set[str]] = {}


def _key_sharing_dict(names: tuple[str, ...]) -> dict[str, Any]:
    """A dict of ``names`` (all None) whose copies share one table of keys (PEP 412).

    pydantic gives each record a dict of its own keys and values (about 470 bytes for an
    event's 16 fields); CPython's key-sharing dicts hold only the values (about 230). The only
    such dict Python code can make is an instance's ``__dict__``, and ``dict.copy`` keeps a copy
    key-sharing. The table of a class's instances leaves room for keys added later, one slot
    less for each instance made (down to one): so more instances are made before the dict is
    taken. Memory only: elsewhere (or in another Python) the copies are ordinary dicts.
    """
    shape = type("_Shape", (), {})
    instance = shape()
    for name in names:
        setattr(instance, name, None)
    for _ in range(32):
        shape()
    values: dict[str, Any] = instance.__dict__
    return values


# Per record class: a key-sharing dict of its fields in pydantic's order (that of a record's __dict__).
_SHAPES: dict[type[BaseModel], dict[str, Any]] = {}
# Fields whose text repeats across records (ids referred to, units, publishers): one string per value,
# for the records of one timeline. Titles, notes and ids of the records themselves are left alone:
# they rarely repeat, and looking them up would cost time and a larger table for nothing.
_REPEATED_TEXT = frozenset({"unit", "location", "publisher", "language", "via"})
_REFERENCE_LISTS = frozenset({"sources", "actors", "claimed_by", "disputed_by", "tags"})


class _NoItems(list[Any]):
    """An empty list that stays empty: the one value of every empty list field of a compacted record.

    pydantic gives each record a new list for each default ``[]`` (five an event, 72 bytes each).
    Records are frozen but their lists are not, so one list shared by every record must refuse
    to change, as a tuple would, where a changed list would be seen in every record. Equal to
    ``[]``, dumped as ``[]`` (model_dump makes plain lists); copies and pickles stay empty lists
    of this class.
    """

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> Any:
        raise TypeError("the lists of a loaded timeline's records cannot be changed")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


_NO_ITEMS = _NoItems()


def _compact(record: BaseModel, texts: dict[str, str]) -> None:
    """Give ``record`` the same values in less memory: a key-sharing ``__dict__``, a shared fields set,
    repeated text as one string (``texts``: the strings seen so far). Only what no one else can see yet:
    the record was made by this module a moment ago, and is frozen once returned."""
    values = record.__dict__
    shape = _SHAPES.get(type(record))
    if shape is None:
        shape = _SHAPES[type(record)] = _key_sharing_dict(tuple(values))
    compact = shape.copy()
    compact.update(values)
    for name, value in values.items():
        if type(value) is str:
            if name in _REPEATED_TEXT:
                compact[name] = texts.setdefault(value, value)
        elif type(value) is list:
            if not value:
                compact[name] = _NO_ITEMS
            elif name in _REFERENCE_LISTS:
                # pydantic made this list for this record (never the input's list): changed in place.
                for index, item in enumerate(value):
                    value[index] = texts.setdefault(item, item)
    set_attribute = object.__setattr__
    set_attribute(record, "__dict__", compact)
    written = record.__pydantic_fields_set__
    shared = _FIELDS_SETS.setdefault(tuple(written), written)
    if shared is not written:
        set_attribute(record, "__pydantic_fields_set__", shared)


def timeline_from_data(data: Any, *, consume: bool = False) -> Timeline:
    """``Timeline.model_validate(data)``, with the same result or ValidationError, in less memory.

    A large timeline's events and sources are validated a chunk at a time and
    compacted (``_compact``: key-sharing dicts, one ``model_fields_set`` per
    combination of fields written, one read-only empty list, repeated text as
    one string; docs/performance-history.md, section 21). With ``consume``, the plain mappings in ``data`` are
    replaced by their records chunk by chunk, so that the plain data and the
    model are never both held whole; ``data`` then holds records, and is the
    caller's to drop.
    """
    if isinstance(data, dict):
        events, sources = data.get("events"), data.get("sources")
        # Text the records repeat, one string per value (_compact): sources first, so that the events'
        # references to them are their ids.
        texts: dict[str, str] = {}
        if type(sources) is dict and len(sources) > _CHUNK and not _records(sources.values(), Source):
            by_id = sources if consume else sources.copy()
            if _replace_by_records("sources", by_id, list(by_id), texts):
                data = data if consume else {**data, "sources": by_id}
        if type(events) is list and len(events) > _CHUNK and not _records(events, Event):
            records = events if consume else events.copy()
            if _replace_by_records("events", records, list(range(len(records))), texts):
                data = data if consume else {**data, "events": records}
    return Timeline.model_validate(data)


def records_in_pieces(head: dict[Any, Any], pieces: Iterable[list[Any]]) -> dict[Any, Any] | None:
    """``head`` with its ``events``, the items of ``pieces``, each piece made records (as
    ``timeline_from_data`` makes them) as it comes, before the next is asked for: a large file read in
    pieces (read/fast.py) never holds its plain events whole. Its sources are made records first,
    as ``timeline_from_data`` does. None at the first invalid source or event (the caller has the file
    read by the located loader, which reports it); what the pieces raise goes to the caller.
    ``timeline_from_data`` then takes these records as they are.
    """
    texts: dict[str, str] = {}
    sources = head.get("sources")
    if (
        type(sources) is dict
        and len(sources) > _CHUNK
        and not _replace_by_records("sources", sources, [*sources], texts)
    ):
        return None
    events: list[Any] = []
    for piece in pieces:
        if not _replace_by_records("events", piece, list(range(len(piece))), texts):
            return None
        events.extend(piece)
    head["events"] = events
    return head


def _records(items: Iterable[Any], kind: type[_Record]) -> bool:
    """Whether ``items`` are records already (``records_in_pieces`` made them)."""
    return all(type(item) is kind for item in items)


def _replace_by_records(field: str, items: Any, keys: list[Any], texts: dict[str, str]) -> bool:
    """Each ``items[key]`` replaced by its record, compacted, a chunk at a time; False at the first invalid one.

    A chunk is validated as the ``field`` of an otherwise empty timeline: Timeline's own validator
    (the one a command keeps between runs, core/compiled.py), so the records are the ones it builds.
    ``texts``: the repeated text seen so far (``_compact``), to share with other calls for one timeline.
    """
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        part = [items[key] for key in chunk]
        try:
            holder = Timeline.model_validate(
                {"id": "x", "title": "x", "sources": {}, "events": part}
                if field == "events"
                else {"id": "x", "title": "x", "sources": dict(zip(chunk, part, strict=True)), "events": []}
            )
        except ValidationError:
            return False  # the timeline's own validation reports it, located
        records = holder.events if field == "events" else list(holder.sources.values())
        del part, holder
        for key, record in zip(chunk, records, strict=True):
            items[key] = record
            if type(key) is str:
                texts.setdefault(key, key)  # a source's id
            _compact(record, texts)
            # A source has no quantity (getattr would raise and catch an AttributeError per source).
            quantity = record.__dict__.get("quantity")
            if quantity is not None:
                _compact(quantity, texts)
    return True


class _WithEmptyDefaults(GenerateJsonSchema):
    """pydantic's JSON Schema, with ``"default": []`` (``{}``) for a field whose default is made by ``list`` (``dict``).

    The models' empty lists and mappings are ``Field(default_factory=list)``: a default ``[]`` is
    deep-copied by pydantic-core (``copy.deepcopy``, in Python) for every record that does not write
    the field, a tenth of validating a file; a factory is called instead. pydantic leaves a factory's
    default out of the JSON Schema; this puts it back where a default ``[]`` stood, so the schema
    ``armsdeal schema`` prints is the same (docs/performance-history.md, section 23).
    """

    def get_default_value(self, schema: core_schema.WithDefaultSchema) -> Any:
        factory = schema.get("default_factory")
        if factory in (list, dict) and not schema.get("default_factory_takes_data"):
            return factory()
        return super().get_default_value(schema)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, for editors and check-jsonschema."""
    from armsdeal.core.schema_docs import document

    schema = document(Timeline.model_json_schema(schema_generator=_WithEmptyDefaults), ID_PATTERN)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"armsdeal timeline, format v{FORMAT_VERSION}"
    return schema


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside a field's annotation (Deal in `Deal | None`, Event in `list[Event]`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = nested_model(argument)
        if found is not None:
            return found
    return None
