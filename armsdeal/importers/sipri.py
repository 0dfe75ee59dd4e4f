"""SIPRI's trade register (CSV) -> one timeline skeleton per register row.

The CSV that SIPRI's Arms Transfers Database exports opens with a few title
lines ("Trade register", "Generated: 10 March 2025") before the header row.
Columns are found by their header names (``Recipient``, ``Supplier``,
``Year of order``, ``Number ordered``, ``Weapon designation``, ...; the short
forms ``No. ordered``, ``Delivery years`` and the like too), never by
position. An unnamed column right after a named one holds uncertainty marks
("?") for it. Uncertain values are also written in parentheses, ``(2025)`` or
``(4)``, or with a question mark; all of these become ``approximate``.

Each row gives a deal record (supplier, recipient, designation as the system,
description as the category, numbers ordered and delivered), a ``contract``
event in the year of order, a ``delivery`` event for each year of delivery
(``2019``, ``2019-2020``, ``2019; 2021``), all at year precision, SIPRI's
comment as the deal note, and SIPRI's database as the one source, dated with
the register's generation date (undated, with check's undated-source warning,
when the register does not give it). Every skeleton is validated by check's own
engine before it is offered: a row that cannot be read, or whose skeleton would
not pass `check`, is a located problem (file:line), never skipped silently.

This package sits beside export in the pipeline: it produces timelines (as
YAML text) from another format and may use core, check and curate (fmt's layout); it never writes
files (the CLI does that, and never over an existing file).
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from armsdeal.check.validate import validate_document
from armsdeal.core.errors import InputError
from armsdeal.core.fastpaths import enabled
from armsdeal.core.problems import Problem
from armsdeal.curate.canonical import canonical_text
from armsdeal.curate.safety import same_data
from armsdeal.read.located import UnlocatedDocument
from armsdeal.read.stage import parse_bytes, read_fast

SOURCE_ID = "sipri-atdb"
SOURCE_URL = "https://www.sipri.org/databases/armstransfers"
RULE = "sipri-row"

# Header names, normalised (lowercase letters and digits only) -> the field they hold.
_ALIASES = {
    "recipient": "recipient",
    "supplier": "supplier",
    "yearoforder": "order_year",
    "orderyear": "order_year",
    "numberordered": "ordered",
    "noordered": "ordered",
    "weapondesignation": "designation",
    "designation": "designation",
    "weapondescription": "description",
    "description": "description",
    "numberdelivered": "delivered",
    "nodelivered": "delivered",
    "yearsofdelivery": "delivery_years",
    "yearofdelivery": "delivery_years",
    "deliveryyears": "delivery_years",
    "status": "status",
    "comments": "comments",
    "comment": "comments",
    "sipritivperunit": "tiv_unit",
    "sipritivfortotalorder": "tiv_order",
    "sipritivofdeliveredweapons": "tiv_delivered",
}
_REQUIRED = ("recipient", "supplier", "designation")
_GENERATED = re.compile(r"generated\s*:?\s*(?P<date>.+)", re.IGNORECASE)
_YEAR = re.compile(r"[0-9]{4}")
_NUMBER = re.compile(r"[0-9]+")
MAX_COUNT = 10**9  # more than any register row holds (its largest are some hundred thousand rounds)


class _Compact:
    """Pickled as its class and its fields' values. Each planned row goes to a worker process for a large
    register (cli/import_.py), and the state dataclass gives a frozen class with slots costs some half as much
    again to write and to read back (0.7 s of CPU for 30,000 rows)."""

    __slots__: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type[Any], tuple[Any, ...]]:
        return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class Value(_Compact):
    """A cell: its text without marks, and whether SIPRI marked it uncertain."""

    text: str
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class Row(_Compact):
    line: int
    cells: dict[str, Value]

    def get(self, name: str) -> Value:
        return self.cells.get(name, Value(""))


@dataclass(frozen=True, slots=True)
class Skeleton:
    """One timeline to write: its id (the file name without .yaml), its YAML, and the register line it came from.

    ``proven``: the YAML is curate/canonical.py's text of the data armsdeal reads back from it (the fast
    path `canonical-new`, ``_check_skeleton``); the writer then needs neither fmt's layout nor the other
    readers of the data-safety contract (curate/safety.py ``verify_new``), which hold by construction.
    """

    id: str
    yaml: str
    line: int
    proven: bool = False


@dataclass(slots=True)
class Register:
    """What a register file gave: skeletons, problems of unreadable rows, and rows not selected."""

    skeletons: list[Skeleton] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    not_selected: int = 0
    generated: str | None = None


@dataclass(frozen=True, slots=True)
class Selection:
    """Which rows to import: by recipient or supplier name, by text in the designation or description."""

    recipient: str | None = None
    supplier: str | None = None
    system: str | None = None

    def matches(self, row: Row) -> bool:
        def same(wanted: str | None, cell: str) -> bool:
            return wanted is None or _plain_name(cell).casefold() == wanted.strip().casefold()

        text = f"{row.get('designation').text} {row.get('description').text}".casefold()
        return (
            same(self.recipient, row.get("recipient").text)
            and same(self.supplier, row.get("supplier").text)
            and (self.system is None or self.system.strip().casefold() in text)
        )


def decode(raw: bytes, encoding: str | None = None) -> str:
    """The register's text: ``encoding`` when given, else by what the bytes say.

    A byte-order mark names UTF-8 or UTF-16; text that is valid UTF-8 is UTF-8; otherwise
    Windows-1252 (Excel's on Windows, SIPRI's older exports), whose bytes 0x80-0x9f are letters and
    punctuation (an apostrophe, a dash) where Latin-1 makes them control characters; Latin-1 only
    when a byte has no meaning in Windows-1252. UnicodeDecodeError when the bytes are not the
    encoding given; LookupError for an encoding Python does not know.
    """
    if encoding is not None:
        return raw.decode(encoding).removeprefix("\ufeff")
    for mark, name in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(mark):
            return raw[len(mark) :].decode(name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def read_register(
    raw: bytes, path: str, *, selection: Selection | None = None, today: date, encoding: str | None = None
) -> Register:
    """Skeletons for the selected rows of a register; InputError if the file has no register header."""
    register = Register()
    for planned in plan_register(raw, path, register, selection=selection, today=today, encoding=encoding):
        entry = make(planned) if isinstance(planned, Plan) else planned
        if isinstance(entry, Skeleton):
            register.skeletons.append(entry)
        else:
            register.problems.append(entry)
    return register


def plan_register(
    raw: bytes,
    path: str,
    register: Register,
    *,
    selection: Selection | None = None,
    today: date,
    encoding: str | None = None,
) -> Iterator[Plan | Problem]:
    """The rows of a register one at a time, in its order (an import's memory stays small), each read and
    given its id (which depends on the rows before it), to be made a skeleton by ``make`` (in a worker
    process for a large register); a row that cannot be read is a problem at its line.

    ``register`` gets the generation date and the count of rows not selected as they are read;
    InputError, before any row, for a file without a register header.
    """
    selection = selection or Selection()
    reader = csv.reader(io.StringIO(_text_of(raw, path, encoding), newline=""))
    del raw
    taken: set[str] = set()
    header: dict[int, str] = {}
    marks: dict[int, str] = {}
    try:
        for cells in reader:
            if not header:
                header, marks = _header(cells)
                if not header:
                    register.generated = register.generated or _generated(cells)
                    continue
                missing = [name for name in _REQUIRED if name not in header.values()]
                if missing:
                    raise InputError(
                        f"{path}:{reader.line_num}: the header has no {', '.join(repr(m) for m in missing)} column"
                    )
                continue
            if not any(cell.strip() for cell in cells):
                continue
            row = _row(cells, header, marks, reader.line_num)
            if not selection.matches(row):
                register.not_selected += 1
                continue
            try:
                yield _plan(row, register.generated, path, today, taken)
            except RowError as error:
                yield Problem(path, row.line, 1, RULE, str(error))
    except csv.Error as error:
        message = f"cannot read the CSV ({error}); the rest of the file was not read"
        yield Problem(path, reader.line_num, 1, RULE, message)
    if not header:
        raise InputError(
            f"{path}: no header row with 'Recipient' and 'Supplier' columns; is it SIPRI's trade register?"
        )


def _text_of(raw: bytes, path: str, encoding: str | None) -> str:
    """The register's text (``decode``); InputError, located, when the bytes are not the encoding."""
    try:
        return decode(raw, encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: the bytes are not {error.encoding} text ({error.reason}); give --encoding"
        ) from None
    except LookupError:
        raise InputError(
            f"--encoding: '{encoding}' is not an encoding Python knows (utf-8, cp1252, utf-16 ...)"
        ) from None


class _Dumper(yaml.SafeDumper):
    """Safe YAML with every value written out: timelines refuse anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class RowError(ValueError):
    """A register row that cannot become a timeline."""


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def _header(cells: Sequence[str]) -> tuple[dict[int, str], dict[int, str]]:
    """The named columns of a header row (index -> field) and the mark columns (index -> field they mark)."""
    named = {index: _ALIASES[_normal(cell)] for index, cell in enumerate(cells) if _normal(cell) in _ALIASES}
    if "recipient" not in named.values() or "supplier" not in named.values():
        return {}, {}
    marks = {}
    for index, cell in enumerate(cells):
        if not cell.strip() and index - 1 in named:
            marks[index] = named[index - 1]
    return named, marks


def _generated(cells: Sequence[str]) -> str | None:
    for cell in cells:
        match = _GENERATED.search(cell)
        if match:
            return _parse_day(match["date"].strip())
    return None


def _parse_day(text: str) -> str | None:
    """The generation date as YYYY-MM-DD, or None when it is not a recognisable date."""
    from dateutil import parser

    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return date.fromisoformat(text).isoformat()
        return parser.parse(text, dayfirst=True).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _row(cells: Sequence[str], header: dict[int, str], marks: dict[int, str], line: int) -> Row:
    values: dict[str, Value] = {}
    for index, name in header.items():
        text = cells[index].strip() if index < len(cells) else ""
        values[name] = Value(text)
    for index, name in marks.items():
        if index < len(cells) and cells[index].strip():
            values[name] = Value(values[name].text, uncertain=True)
    if len(cells) > max([*header, *marks]) + 1 and any(c.strip() for c in cells[max([*header, *marks]) + 1 :]):
        values["_extra"] = Value(str(len(cells)))
    return Row(line, values)


def _unmarked(value: Value, what: str) -> Value:
    """A value without its parentheses or question mark, uncertain if it had them."""
    text, uncertain = value.text, value.uncertain
    if text.startswith("(") and text.endswith(")"):
        text, uncertain = text[1:-1].strip(), True
    if text.endswith("?"):
        text, uncertain = text[:-1].strip(), True
    if "(" in text or ")" in text:
        raise RowError(f"{what} '{value.text}' has unbalanced parentheses")
    return Value(text, uncertain)


def _count(value: Value, what: str) -> Value | None:
    if not value.text:
        return None
    plain = _unmarked(value, what)
    if not _NUMBER.fullmatch(plain.text):
        raise RowError(f"{what} '{value.text[:40]}' is not a whole number")
    if len(plain.text.lstrip("0")) > len(str(MAX_COUNT)) or int(plain.text) > MAX_COUNT:
        raise RowError(f"{what} '{value.text[:40]}' is larger than {MAX_COUNT:,}; is the column right?")
    return plain


def _year(text: str, what: str, *, uncertain: bool = False) -> tuple[int, bool]:
    plain = _unmarked(Value(text.strip(), uncertain), what)
    if not _YEAR.fullmatch(plain.text):
        raise RowError(f"{what} '{text.strip()}' is not a year")
    year = int(plain.text)
    if year < 1900:
        raise RowError(f"{what} '{text.strip()}' is not a year of the register (1950 on)")
    return year, plain.uncertain


def delivery_years(value: Value) -> list[tuple[int, bool]]:
    """'2019', '(2025)', '2019-2020', '2019; 2021', '2019, (2021)' -> [(year, uncertain), ...] in order."""
    if not value.text:
        return []
    years: dict[int, bool] = {}
    for part in re.split(r"[;,]", value.text):
        piece = part.strip()
        if not piece:
            continue
        uncertain = value.uncertain
        if piece.startswith("(") and piece.endswith(")") and "-" in piece:
            piece, uncertain = piece[1:-1], True
        ends = re.split(r"\s*[-–]\s*", piece)
        if len(ends) == 1:
            found = [_year(ends[0], "year of delivery", uncertain=uncertain)]
        elif len(ends) == 2:
            (first, first_uncertain), (last, last_uncertain) = (
                _year(end, "year of delivery", uncertain=uncertain) for end in ends
            )
            if last < first:
                raise RowError(f"years of delivery '{part.strip()}' run backwards")
            found = [(year, first_uncertain or last_uncertain) for year in range(first, last + 1)]
        else:
            raise RowError(f"years of delivery '{part.strip()}' is not a year, a range or a list")
        for year, is_uncertain in found:
            years[year] = years.get(year, False) or is_uncertain
    return sorted(years.items())


@functools.lru_cache(maxsize=4096)  # a register names some 200 parties in every one of its rows
def slug(text: str) -> str:
    """An id part: ASCII lowercase words joined by hyphens ('S-400 Triumf' -> 's-400-triumf').

    A letter with no ASCII form (Cyrillic, Arabic, Chinese ...) is spelt by its Unicode name's last
    word ('Россия' -> 'er-o-es-es-i-ya'), so that a name in any script gives an id.
    """
    words = "".join(_ascii(char) for char in unicodedata.normalize("NFKD", text))
    return "-".join(re.findall(r"[a-z0-9]+", words.casefold()))


def _ascii(char: str) -> str:
    if char.isascii():
        return char
    if unicodedata.category(char).startswith("M"):
        return ""  # an accent NFKD took off its letter
    if not unicodedata.category(char).startswith(("L", "N")):
        return " "
    name = unicodedata.name(char, "")
    return f" {name.rsplit(' ', 1)[-1].rsplit('-', 1)[-1]} " if name else " "


def _plain_name(text: str) -> str:
    """A party's name without SIPRI's marks for non-state actors (*) and organisations (**)."""
    return text.strip().rstrip("*").strip()


def _actor(text: str) -> dict[str, Any]:
    name = _plain_name(text)
    if text.strip().endswith("**"):
        return {"name": name, "kind": "organisation", "note": "An international organisation in SIPRI's register (**)."}
    if text.strip().endswith("*"):
        return {"name": name, "kind": "organisation", "note": "A non-state actor in SIPRI's register (*)."}
    return {"name": name, "kind": "state"}


@dataclass(frozen=True, slots=True)
class _Parties(_Compact):
    """A row's recipient, supplier (as written: SIPRI's marks say what kind of actor, see _actor) and system."""

    recipient: str
    supplier: str
    designation: str

    @property
    def recipient_name(self) -> str:
        return _plain_name(self.recipient)

    @property
    def supplier_name(self) -> str:
        return _plain_name(self.supplier)

    @property
    def recipient_id(self) -> str:
        return slug(self.recipient_name)

    @property
    def supplier_id(self) -> str:
        return slug(self.supplier_name)


@dataclass(frozen=True, slots=True)
class Plan(_Compact):
    """A register row read and given its id, to be made a timeline skeleton (``make``)."""

    row: Row
    parties: _Parties
    id: str
    order_year: tuple[int, bool] | None
    deliveries: list[tuple[int, bool]]
    ordered: Value | None
    delivered: Value | None
    generated: str | None
    path: str
    today: date


def _plan(row: Row, generated: str | None, path: str, today: date, taken: set[str]) -> Plan:
    """The row's values and its id (taken: a later row of the same parties and system gets another)."""
    if "_extra" in row.cells:
        raise RowError("the row has more cells than the header has columns")
    parties = _parties(row)
    ordered = _count(row.get("ordered"), "number ordered")
    delivered = _count(row.get("delivered"), "number delivered")
    order_year, deliveries = _years(row)
    timeline_id = _free_id(
        f"{parties.recipient_id}-{parties.supplier_id}-{slug(parties.designation)}", order_year, taken
    )
    return Plan(row, parties, timeline_id, order_year, deliveries, ordered, delivered, generated, path, today)


def make(plan: Plan) -> Skeleton | Problem:
    """The skeleton of a planned row, checked; a problem at its line when it would not pass check."""
    try:
        return _skeleton(plan)
    except RowError as error:
        return Problem(plan.path, plan.row.line, 1, RULE, str(error))


def _skeleton(plan: Plan) -> Skeleton:
    row, parties, generated = plan.row, plan.parties, plan.generated
    description = row.get("description").text
    deal = _deal_entry(row, parties, description, plan.ordered, plan.delivered)
    generated_year = int(generated[:4]) if generated else plan.today.year
    events = [
        *_order_events(parties, plan.order_year, deal.get("ordered"), generated_year),
        *_delivery_events(parties, plan.deliveries, generated_year),
    ]
    document = {
        "id": plan.id,
        "title": f"{parties.recipient_name} orders {parties.designation} from {parties.supplier_name}",
        "summary": _summary(
            parties.recipient_name,
            parties.supplier_name,
            parties.designation,
            description,
            plan.ordered,
            plan.order_year,
        ),
        "deal": deal,
        "actors": {parties.recipient_id: _actor(parties.recipient), parties.supplier_id: _actor(parties.supplier)},
        "sources": {SOURCE_ID: _source_entry(generated, plan.path, row)},
        "events": events,
    }
    # Written in fmt's layout at once (what the writer would make of it); PyYAML for what canonical.py leaves to fmt.
    canonical = canonical_text(document)
    text = canonical or yaml.dump(
        document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    proven = _check_skeleton(text, document if canonical is not None else None, plan.id, plan.today)
    return Skeleton(plan.id, text, row.line, proven)


def _parties(row: Row) -> _Parties:
    """The row's recipient, supplier and system; RowError if one is empty or both parties are one."""
    designation = _unmarked(row.get("designation"), "weapon designation").text
    parties = _Parties(row.get("recipient").text, row.get("supplier").text, designation)
    for what, text in (
        ("recipient", parties.recipient),
        ("supplier", parties.supplier),
        ("weapon designation", designation),
    ):
        if not slug(_plain_name(text)):
            raise RowError(f"the {what} is empty")
    if parties.recipient_id == parties.supplier_id:
        raise RowError(f"recipient and supplier are the same ('{parties.recipient_name}')")
    return parties


def _years(row: Row) -> tuple[tuple[int, bool] | None, list[tuple[int, bool]]]:
    """The year of order (if given) and the years of delivery, each with whether it is uncertain."""
    order_cell = row.get("order_year")
    order_year = _year(order_cell.text, "year of order", uncertain=order_cell.uncertain) if order_cell.text else None
    deliveries = delivery_years(row.get("delivery_years"))
    if order_year is None and not deliveries:
        raise RowError("the row has neither a year of order nor years of delivery")
    return order_year, deliveries


def _deal_entry(
    row: Row, parties: _Parties, description: str, ordered: Value | None, delivered: Value | None
) -> dict[str, Any]:
    deal: dict[str, Any] = {
        "supplier": parties.supplier_id,
        "recipient": parties.recipient_id,
        "system": parties.designation,
    }
    unit = description or "item"
    if description:
        deal["category"] = description
    if ordered is not None:
        deal["ordered"] = {"count": int(ordered.text), "unit": unit, "approximate": ordered.uncertain}
    if delivered is not None:
        deal["delivered"] = {"count": int(delivered.text), "unit": unit, "approximate": delivered.uncertain}
    note = _deal_note(row)
    if note:
        deal["note"] = note
    return deal


def _order_events(
    parties: _Parties, order_year: tuple[int, bool] | None, quantity: dict[str, Any] | None, generated_year: int
) -> list[dict[str, Any]]:
    """The contract event of the year of order (none without one), with the number ordered if known."""
    if order_year is None:
        return []
    year, uncertain = order_year
    event: dict[str, Any] = {
        "id": f"order-{year}",
        "date": f"{year}{'~' if uncertain else ''}",
        "type": "contract",
        "title": f"{parties.recipient_name} orders {parties.designation} from {parties.supplier_name}",
        "actors": [parties.recipient_id, parties.supplier_id],
        "sources": [SOURCE_ID],
    }
    if quantity is not None:
        event["quantity"] = quantity
    _expected_if_later(event, year, generated_year)
    return [event]


def _delivery_events(
    parties: _Parties, deliveries: list[tuple[int, bool]], generated_year: int
) -> list[dict[str, Any]]:
    """One delivery event for each year of delivery."""
    events = []
    for year, uncertain in deliveries:
        event = {
            "id": f"delivery-{year}",
            "date": f"{year}{'~' if uncertain else ''}",
            "type": "delivery",
            "title": f"{parties.supplier_name} delivers {parties.designation} to {parties.recipient_name}",
            "actors": [parties.supplier_id, parties.recipient_id],
            "sources": [SOURCE_ID],
        }
        _expected_if_later(event, year, generated_year)
        events.append(event)
    return events


def _source_entry(generated: str | None, path: str, row: Row) -> dict[str, Any]:
    """The register as the timeline's one source, dated when the register says when it was generated."""
    source: dict[str, Any] = {
        "publisher": "Stockholm International Peace Research Institute (SIPRI)",
        "title": "SIPRI Arms Transfers Database, trade register",
        "url": SOURCE_URL,
    }
    if generated:
        source["date"] = generated
    source["note"] = f"Imported from {_base_name(path)}, line {row.line}."
    return source


def _check_skeleton(text: str, canonical_of: dict[str, Any] | None, timeline_id: str, today: date) -> bool:
    """RowError unless the timeline's text passes check; True when it is proven to hold ``canonical_of``.

    ``canonical_of``: the data ``text`` is canonical.py's text of, if it is. Then (the fast path
    `canonical-new`) the text is read as `check` reads a clean file, by yaml-rs (read/fast.py), and
    when that is ``canonical_of`` exactly, types included, the data is validated without places; any
    doubt or problem takes the reference path: the located loader and validation, whose messages a
    row's problem gives.
    """
    # A register that does not say when it was generated gives the deal's one source no date: check warns
    # (undated-source) so that the curator dates it; the importer invents none, and writes the skeleton.
    raw, name, ignore = text.encode("utf-8"), f"{timeline_id}.yaml", ("undated-source",)
    if canonical_of is not None and enabled("canonical-new"):
        data = read_fast(raw)
        if data is not None and same_data(data, canonical_of):
            found = validate_document(
                UnlocatedDocument(name, data), today=today, file_stem=timeline_id, ignore=ignore, keep_data=False
            )
            if found.timeline is not None and not found.problems:
                return True
    validated = validate_document(parse_bytes(raw, name), today=today, file_stem=timeline_id, ignore=ignore)
    if validated.timeline is None or validated.problems:
        found_problems = "; ".join(f"[{p.rule}] {p.message}" for p in validated.problems)
        raise RowError(f"the timeline made from this row would not pass check: {found_problems}")
    return False


def _free_id(base: str, order_year: tuple[int, bool] | None, taken: set[str]) -> str:
    """The id, with the year of order (then a number) added when an earlier row of the register has it."""
    candidates = [base] + ([f"{base}-{order_year[0]}"] if order_year else [])
    numbered = (f"{candidates[-1]}-{n}" for n in itertools.count(2))
    chosen = next(candidate for candidate in itertools.chain(candidates, numbered) if candidate not in taken)
    taken.add(chosen)
    return chosen


def _expected_if_later(event: dict[str, Any], year: int, generated_year: int) -> None:
    # A year after the register was generated is SIPRI's plan, not a record: status expected.
    if year > generated_year:
        event["status"] = "expected"


def _deal_note(row: Row) -> str | None:
    parts = []
    comment = row.get("comments").text
    if comment:
        parts.append(comment)
    status = row.get("status").text
    if status:
        parts.append(f"SIPRI status: {status}.")
    tiv = [
        (label, row.get(name).text)
        for label, name in (
            ("per unit", "tiv_unit"),
            ("for the total order", "tiv_order"),
            ("of the delivered weapons", "tiv_delivered"),
        )
        if row.get(name).text
    ]
    if tiv:
        values = "; ".join(f"{label} {value}" for label, value in tiv)
        parts.append(f"SIPRI trend-indicator values (a volume measure, not a price): {values}.")
    # One paragraph each: SIPRI's own comment is never run into the sentences written here.
    return "\n".join(parts) or None


def _summary(
    recipient: str,
    supplier: str,
    designation: str,
    description: str,
    ordered: Value | None,
    order_year: tuple[int, bool] | None,
) -> str:
    what = f"{designation} ({description})" if description else designation
    number = ""
    if ordered is not None:
        number = f"{'about ' if ordered.uncertain else ''}{ordered.text} "
    when = ""
    if order_year is not None:
        when = f" in {'about ' if order_year[1] else ''}{order_year[0]}"
    return (
        f"{recipient} ordered {number}{what} from {supplier}{when}, according to SIPRI's trade register. "
        "A skeleton imported from the register: add what the press and officials reported, with sources."
    )


def _base_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
