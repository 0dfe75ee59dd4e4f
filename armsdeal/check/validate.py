"""Validation: a parsed Document -> a Timeline model and located, plain-language problems.

Two stages: the schema (pydantic, with its errors rewritten for curators), then
the checks of the rule registry on the valid model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from armsdeal.check.rules import RULES, CheckContext
from armsdeal.check.rules.base import Keys, RuleOptions
from armsdeal.core.errors import InvalidTimeline
from armsdeal.core.model import Timeline, nested_model, records_in_pieces, timeline_from_data
from armsdeal.core.problems import Problem, Severity, capped
from armsdeal.core.suggest import close_matches, did_you_mean
from armsdeal.read.files import read_file
from armsdeal.read.located import Document
from armsdeal.read.stage import FOUND, Unreadable, read_checked

_TYPE_NAMES = {
    "string_type": "text (put it in quotes if it looks like a number or date)",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}


@dataclass(frozen=True, slots=True)
class Validated:
    """The result of validating one file: the model if it is usable, and every problem."""

    timeline: Timeline | None
    problems: list[Problem]


def validate_document(
    document: Document,
    *,
    today: date,
    file_stem: str | None = None,
    ignore: Collection[str] = (),
    keep_data: bool = True,
    options: RuleOptions | None = None,
) -> Validated:
    """Schema-check and rule-check a parsed document; ``today`` is the day dates are checked against.

    ``options``: the project's rule options (check/config.py), by rule id; None for every default.

    ``keep_data=False`` when the caller needs only the model: the plain data is
    then taken apart as the model is built (``document.data`` is None after),
    so that a large file's data and model are never both held whole.
    """
    found: list[Iterable[Problem]] = [document.problems]
    timeline = None
    if document.data is not None or not document.problems:
        schema_problems: list[Problem] = []
        timeline, aside = _schema(document, schema_problems, consume=not keep_data)
        found.append(schema_problems)
        if aside is not None:  # the schema refused it: the per-record rules still run (check/lenient.py)
            context = CheckContext(aside[0], file_stem, today)
            found.append(_run_checks(document, context, options, lambda rule, keys: _per_record(rule, keys, aside[1])))
    if timeline is not None:
        found.append(_run_checks(document, CheckContext(timeline, file_stem, today), options))
    # Capped per rule (problems.MAX_PER_RULE) as they come: memory and output stay flat.
    problems = capped(p for p in chain.from_iterable(found) if p.rule not in ignore)
    usable = timeline if not any(p.severity is Severity.ERROR for p in problems) else None
    return Validated(usable, problems)


def read_and_validate(
    raw: bytes,
    path: str,
    *,
    today: date,
    file_stem: str | None = None,
    ignore: Collection[str] = (),
    keep_data: bool = True,
    options: RuleOptions | None = None,
    fast: bool = True,
) -> tuple[Document, Validated]:
    """Parse and validate a file's bytes, read as the reading stage decides (read/stage.py, ``read_checked``).

    A clean file may be read by the fast path, without places (``fast``; False reads it with the
    located loader); anything found is read again with places and validated again. (A twin that
    placed the fast path's problems instead of validating again saved about 1% of check of a file
    with an error: retired, issue 25.) A large file read in pieces has each piece of events
    validated into records before the next is read, so its plain data is never held whole.
    """

    def check(document: Document, keep: bool) -> Validated:
        return validate_document(
            document, today=today, file_stem=file_stem, ignore=ignore, keep_data=keep, options=options
        )

    return read_checked(
        raw, path, check, lambda validated: not validated.problems, _gathered, keep_data=keep_data, fast=fast
    )


def _gathered(head: dict[Any, Any], pieces: Iterator[list[Any]]) -> Any:
    """A file read in pieces as one data, its sources and events made records a piece at a time; None if a
    piece is unreadable, ``FOUND`` if a source or event is invalid: the located loader then reads the
    file (and reports what it finds)."""
    try:
        data = records_in_pieces(head, pieces)
    except Unreadable:
        return None
    return FOUND if data is None else data


def load_timeline(path: Path, *, display: str | None = None, today: date | None = None, named: bool = True) -> Timeline:
    """Load and validate one file; InvalidTimeline if it has errors.

    Only errors make a file unusable; ``today`` feeds warnings (future-date), so
    commands that only read timelines need not pass it. ``named=False`` when the
    file was given by path to be compared (diff OLD NEW): its name then need not
    be its id (the file-name rule), since nothing looks it up by name.
    """
    raw = read_file(path)
    stem = path.stem if named else None
    display = display if display is not None else str(path)
    return _require(read_and_validate(raw, display, today=today or date.today(), file_stem=stem, keep_data=False)[1])


def parse_timeline(raw: bytes, path: str, *, file_stem: str | None = None, today: date | None = None) -> Timeline:
    """Validate YAML bytes that do not come from a file (a git revision, stdin); ``today`` as in load_timeline."""
    return _require(read_and_validate(raw, path, today=today or date.today(), file_stem=file_stem, keep_data=False)[1])


def _require(result: Validated) -> Timeline:
    if result.timeline is None:
        raise InvalidTimeline([p for p in result.problems if p.severity is Severity.ERROR])
    return result.timeline


def _schema(
    document: Document, problems: list[Problem], *, consume: bool
) -> tuple[Timeline | None, tuple[Timeline, set[Keys]] | None]:
    """The model, or None and (when the errors are within records) the model with them set aside."""
    if not isinstance(document.data, dict):
        kind = "nothing" if document.data is None else type(document.data).__name__
        problems.append(
            Problem(
                document.path,
                1,
                1,
                "not-a-mapping",
                f"a timeline is a mapping of fields (id:, title:, ...), not {_kind_name(kind)}",
            )
        )
        return None, None
    try:
        return timeline_from_data(document.data, consume=consume), None
    except ValidationError as error:
        from armsdeal.check.lenient import set_aside  # only an invalid file needs it

        details = error.errors(include_url=False)
        problems.extend(capped(_schema_problem(document, detail) for detail in details))
        data = document.data
        return None, (set_aside(data, [_clean_location(d["loc"])[0] for d in details]) if data else None)
    finally:
        if consume:
            document.data = None  # holds records now, not the file's data


def _kind_name(kind: str) -> str:
    return {"list": "a list", "str": "text", "int": "a number", "float": "a number", "bool": "true/false"}.get(
        kind, kind
    )


def _run_checks(
    document: Document,
    context: CheckContext,
    options: RuleOptions | None,
    keep: Callable[[str, Keys], bool] | None = None,
) -> Iterator[Problem]:
    """Every rule's findings as problems; ``keep`` (rule id, place) -> False leaves a finding out.

    A rule the project configured sees its own options in its context; the others, the defaults.
    """
    for rule in RULES.values():
        if rule.check is None:
            continue
        configured = options.get(rule.id) if options else None
        for finding in rule.check(context if configured is None else replace(context, options=configured)):
            if keep is not None and not keep(rule.id, finding.keys):
                continue
            line, column = document.locate(finding.keys, at_key=finding.at_key)
            yield Problem(document.path, line, column, rule.id, finding.message, rule.severity)


def _per_record(rule: str, keys: Keys, aside: set[Keys]) -> bool:
    from armsdeal.check.lenient import PER_RECORD, outside

    return rule in PER_RECORD and outside(keys, aside)


def _schema_problem(document: Document, detail: ErrorDetails) -> Problem:
    keys, field_name, at_key = _clean_location(detail["loc"])
    rule, message = _describe(detail, keys, field_name)
    line, column = document.locate(keys, at_key=at_key or rule == "unknown-field")
    return Problem(document.path, line, column, rule, message)


def _clean_location(loc: tuple[int | str, ...]) -> tuple[tuple[int | str, ...], str, bool]:
    # pydantic adds '[key]' for dict keys and the member type for unions: neither
    # is a place in the file.
    at_key = bool(loc) and loc[-1] == "[key]"
    keys = tuple(k for k in loc if k not in ("[key]", "float", "int", "str", "function-plain"))
    names = [k for k in keys if isinstance(k, str)]
    return keys, (names[-1] if names else "timeline"), at_key


def _describe(detail: ErrorDetails, keys: tuple[int | str, ...], field_name: str) -> tuple[str, str]:
    kind = detail["type"]
    value = detail.get("input")
    if kind == "missing":
        return "missing-field", f"missing required field '{field_name}'"
    if kind == "extra_forbidden":
        return "unknown-field", f"unknown field '{field_name}'{_field_suggestion(keys)}"
    if kind in ("date_syntax", "date_type"):
        return "date-syntax", f"invalid date: {detail['msg']}"
    if kind == "url_format":
        return "url-format", detail["msg"]
    if kind == "string_pattern_mismatch":
        return _pattern_problem(field_name, value, keys)
    if kind in _TYPE_NAMES:
        return "wrong-type", f"'{field_name}' must be {_TYPE_NAMES[kind]}, not {_describe_value(value)}"
    if kind in ("enum", "literal_error"):
        expected = str(detail.get("ctx", {}).get("expected", ""))
        return "invalid-value", (
            f"'{_short(value)}' is not a valid {field_name}{suggest_value(value, _choices(expected))}; "
            f"expected one of {expected}"
        )
    if kind in ("string_too_short", "too_short"):
        return "invalid-value", f"'{field_name}' must not be empty"
    if kind == "finite_number":
        return "invalid-value", f"'{field_name}' must be a finite number, not {_short(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return "invalid-value", f"'{field_name}' must not be negative"
    return "invalid-value", f"'{field_name}' has an invalid value: {_short(value)}"


def _choices(expected: str) -> list[str]:
    """The values of pydantic's "'a', 'b' or 'c'"."""
    return re.findall(r"'([^']*)'", expected)


def suggest_value(value: Any, known: Collection[str]) -> str:
    """' (did you mean 'x'?)' for the closest of a closed vocabulary, case and spacing forgiven, or ''."""
    if not isinstance(value, str) or not value.strip():
        return ""
    wanted = value.strip().casefold().replace(" ", "-").replace("_", "-")
    by_folded = {choice.casefold(): choice for choice in known}
    if wanted in by_folded:
        return f" (did you mean '{by_folded[wanted]}'?)"
    close = close_matches(wanted, by_folded)
    return f" (did you mean '{by_folded[close[0]]}'?)" if close else ""


def _pattern_problem(field_name: str, value: Any, keys: tuple[int | str, ...]) -> tuple[str, str]:
    if field_name == "currency":
        return "invalid-value", f"currency '{_short(value)}' must be an ISO 4217 code such as USD"
    if field_name == "same_as":
        return "invalid-value", (
            f"same_as '{_short(value)}' must name a timeline and one of its events: DEAL/EVENT-ID, "
            "such as turkey-f16/request"
        )
    if field_name == "language":
        return "invalid-value", f"language '{_short(value)}' must be a code such as en or de"
    return "id-format", f"'{_short(value)}' is not a valid id: use lowercase letters, digits and single hyphens"


def _describe_value(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{_short(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _field_suggestion(keys: tuple[int | str, ...]) -> str:
    model = _model_at(keys[:-1])
    if model is None:
        return ""
    return did_you_mean(str(keys[-1]), model.model_fields)


def _model_at(keys: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class that holds the fields at a data path, for suggestions."""
    model: type[BaseModel] = Timeline
    for key in keys:
        if isinstance(key, int) or model is None:
            continue
        field = model.model_fields.get(key)
        if field is None:
            # A key of a dict field such as actors: stay on the dict's value model.
            continue
        inner = nested_model(field.annotation)
        if inner is None:
            return None
        model = inner
    return model
