"""`armsdeal schema`: help for editors, and what it catches compared with `check`.

Invalid documents go through both `check` (validate_document) and the JSON
Schema (jsonschema); the rules the schema cannot express are the table in
docs/format.md ("What only check finds"), and this test keeps the two in step.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, TIMELINES, assert_golden, invoke

from armsdeal.check.rules import RULES
from armsdeal.check.validate import validate_document
from armsdeal.core.model import json_schema
from armsdeal.core.vocabulary import ActorKind, DealStatus, EventStatus, EventType
from armsdeal.read.located import Document

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)

BASE: dict[str, Any] = {
    "id": "t",
    "title": "A deal",
    "deal": {"supplier": "a", "recipient": "b", "ordered": {"count": 2, "unit": "radar"}},
    "actors": {"a": {"name": "A", "kind": "state"}, "b": {"name": "B", "kind": "state"}},
    "sources": {"s": {"publisher": "P", "title": "T", "url": "https://example.org/a", "date": "2020-01-02"}},
    "events": [
        {"id": "e", "date": "2019-05", "type": "contract", "title": "Signed", "sources": ["s"], "actors": ["a"]},
        {"id": "f", "date": "2019-06", "type": "delivery", "title": "Delivered", "sources": ["s"], "actors": ["b"]},
    ],
}


def edit(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def event(key: str, value: Any, index: int = 0) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["events"][index].__setitem__(key, value)


# rule id -> a document that breaks it; the schema must flag these too.
BOTH: dict[str, dict[str, Any]] = {
    "unknown-field": edit(event("titel", "x")),
    "missing-field": edit(lambda d: d.pop("title")),
    "wrong-type": edit(event("title", ["a", "list"])),
    "invalid-value": edit(event("type", "agreemnt")),
    "id-format": edit(lambda d: d["actors"].__setitem__("Bad_Id", {"name": "X", "kind": "state"})),
    "date-syntax": edit(event("date", "12 Sep 2017")),
    "url-format": edit(lambda d: d["sources"]["s"].__setitem__("url", "ftp://example.org/a")),
    "not-a-mapping": ["a", "list"],  # type: ignore[dict-item]
}

# rule id -> a document that breaks it, which the schema accepts: only check can tell.
ONLY_CHECK: dict[str, dict[str, Any]] = {
    "file-name": edit(lambda d: d.__setitem__("id", "other-name")),
    "duplicate-id": edit(event("id", "e", 1)),
    "unsourced-event": edit(event("sources", [])),
    "undefined-source": edit(event("sources", ["nope"])),
    "undefined-actor": edit(event("actors", ["nope"])),
    "claim-without-claimant": edit(event("status", "claimed")),
    "empty-title": edit(event("title", "   ")),
    "interval-order": edit(event("date", "2019-09/2019-08")),
    "future-date": edit(event("date", "2091-01")),
    "source-predates-event": edit(lambda d: d["sources"]["s"].__setitem__("date", "2019-01")),
    "delivered-exceeds-ordered": edit(lambda d: d["deal"].__setitem__("delivered", {"count": 3, "unit": "radar"})),
    "delivered-without-delivery-event": edit(
        lambda d: (d["deal"].__setitem__("status", "delivered"), event("type", "test", 1)(d))
    ),
    "delivery-before-contract": edit(event("date", "2019-01", 1)),
    "unused-source": edit(
        lambda d: d["sources"].__setitem__("x", {"publisher": "P", "title": "T", "url": "https://e.org"})
    ),
    "unused-actor": edit(lambda d: d["actors"].__setitem__("c", {"name": "C", "kind": "state"})),
    "events-out-of-order": edit(event("date", "2019-07")),
    "about-not-related": edit(event("about", "other")),
    "no-events": edit(lambda d: d.__setitem__("events", [])),
}
# 29 February of a common year matches the schema's date pattern: only check knows leap years.
IMPOSSIBLE_DATE = edit(event("date", "2019-02-29"))


def check_rules(data: Any, stem: str = "t") -> set[str]:
    result = validate_document(Document("t.yaml", data), today=date(2025, 6, 1), file_stem=stem)
    return {problem.rule for problem in result.problems}


def schema_errors(data: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(data)]


def test_the_base_document_passes_both() -> None:
    assert check_rules(BASE) == set()
    assert schema_errors(BASE) == []


@pytest.mark.parametrize("rule_id", sorted(BOTH))
def test_check_and_the_schema_both_flag(rule_id: str) -> None:
    assert rule_id in check_rules(BOTH[rule_id])
    assert schema_errors(BOTH[rule_id]), f"the schema accepts a document check reports as {rule_id}"


@pytest.mark.parametrize("rule_id", sorted(ONLY_CHECK))
def test_only_check_flags(rule_id: str) -> None:
    assert rule_id in check_rules(ONLY_CHECK[rule_id])
    assert schema_errors(ONLY_CHECK[rule_id]) == []


def test_an_impossible_day_is_only_checks() -> None:
    assert "date-syntax" in check_rules(IMPOSSIBLE_DATE)
    assert schema_errors(IMPOSSIBLE_DATE) == []


# Mutations of one value of a timeline: (where, the value). Issue 26 found 11 of 41 such mutants
# that the schema accepted and check rejected (month 13, 30 February, season 42, the integer date
# 20190401, port 99999, host exa_mple..org); each must now be refused by both, or be one of the
# documented gaps (DOCUMENTED_GAPS, and the rules of docs/format.md's table).
VALUE_MUTATIONS: list[tuple[str, Any]] = [
    *(
        ("event.date", value)
        for value in (
            "2019-13",
            "2019-00",
            "2019-02-30",
            "2019-04-31",
            "2019-42",
            "2019-25",
            20190401,
            999,
            10000,
            "0000",
            "2019-1",
            "19-01",
            "[2019-01]",
            "../..",
            "/",
            "2019-07-32",
            "2019-02-29",
            "2019-07~~",
            "2019?-07?",
            "2019-21~",
            "2019-33/2019-34",
            "201X-01",
            "2019-XX-07",
            " 2019",
            "2019/2018",
            True,
            19.5,
        )
    ),
    *(
        ("source.url", value)
        for value in (
            "https://example.org:99999/",
            "https://example.org:65536/",
            "https://exa_mple..org/",
            "https://exa_mple.org/",
            "https://-example.org/",
            "https://example-.org/",
            "https://.example.org/",
            "https://example.org:http/",
            "ftp://example.org/",
            "https://",
            "https:///path",
            "https://exa mple.org/",
            "example.org",
        )
    ),
    *(("source.date", value) for value in ("2020-13", "2020-02-30", 20200102)),
    *(("event.type", value) for value in ("sale", "Contract")),
    *(("quantity.count", value) for value in (-1, 1.5, "3")),
]
# What the schema cannot say and check finds (docs/format.md): a day that is not in a common year,
# qualifiers EDTF places elsewhere, Level 2 interval ends, an interval's order.
DOCUMENTED_GAPS = {"2019-02-29", "2019-07~~", "2019?-07?", "2019-33/2019-34"}


def mutated(base: dict[str, Any], where: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(base)
    first_event = data["events"][0]
    first_source = next(iter(data["sources"].values()))
    if where == "event.date":
        first_event["date"] = value
    elif where == "event.type":
        first_event["type"] = value
    elif where == "source.url":
        first_source["url"] = value
    elif where == "source.date":
        first_source["date"] = value
    elif where == "quantity.count":
        first_event["quantity"] = {"count": value, "unit": "radar"}
    return data


def _bases() -> list[tuple[str, dict[str, Any]]]:
    from armsdeal.read.stage import load_path

    return [("base", BASE)] + [(path.stem, load_path(path).data) for path in sorted(TIMELINES.glob("*.yaml"))]


@pytest.mark.parametrize(("name", "base"), _bases(), ids=lambda value: value if isinstance(value, str) else "")
def test_the_schema_accepts_no_mutant_check_rejects_outside_the_documented_list(name: str, base: Any) -> None:
    """Each mutant through both; the schema may accept only what docs/format.md says it cannot express."""
    documented = documented_only_check() - {"date-syntax"}
    wrong = []
    for where, value in VALUE_MUTATIONS:
        data = mutated(base, where, value)
        errors = {
            p.rule
            for p in validate_document(
                Document("t.yaml", data), today=date(2026, 11, 30), file_stem=data.get("id")
            ).problems
            if p.severity.value == "error"
        }
        allowed = documented | ({"date-syntax"} if value in DOCUMENTED_GAPS else set())
        if errors and not errors <= allowed and not schema_errors(data):
            wrong.append((where, value, sorted(errors)))
    assert wrong == [], f"the schema accepts what check rejects ({name})"


def test_the_gaps_are_gaps() -> None:
    """A documented gap that the schema comes to refuse is taken off the list."""
    for value in DOCUMENTED_GAPS:
        data = mutated(BASE, "event.date", value)
        assert "date-syntax" in check_rules(data), value
        assert schema_errors(data) == [], value


def documented_only_check() -> set[str]:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("## What only check finds", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.MULTILINE))


def test_the_documented_table_lists_what_only_check_finds() -> None:
    """Every rule of the registry is either in the schema's reach (BOTH) or in docs/format.md's table."""
    documented = documented_only_check()
    assert set(ONLY_CHECK) <= documented
    assert not (set(BOTH) - {"date-syntax"}) & documented
    # date-syntax is in both: the schema's pattern catches the form, only check an impossible day.
    assert (set(RULES) - set(BOTH)) | {"date-syntax"} == documented, "a rule is neither here nor in the table"


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "Timeline", schema
    yield from schema["$defs"].items()


def test_every_property_has_a_description_and_an_example() -> None:
    for model, definition in _properties(SCHEMA):
        for name, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{model}.{name} has no description"
            assert prop.get("examples"), f"{model}.{name} has no example"


@pytest.mark.parametrize(
    ("name", "values"),
    [("EventType", EventType), ("EventStatus", EventStatus), ("DealStatus", DealStatus), ("ActorKind", ActorKind)],
)
def test_every_enum_value_has_a_description(name: str, values: Any) -> None:
    enum = SCHEMA["$defs"][name]
    assert enum["enum"] == [str(value) for value in values]
    assert len(enum["enumDescriptions"]) == len(enum["enum"])
    assert all(text.endswith(".") for text in enum["enumDescriptions"])


def test_patterns_and_no_properties_beside_pattern_properties() -> None:
    text = json.dumps(SCHEMA)
    assert '"format": "uri"' in text and "[Hh][Tt][Tt][Pp][Ss]?://" in text
    for model, definition in _properties(SCHEMA):
        for name, prop in definition.get("properties", {}).items():
            if "patternProperties" in prop:
                assert prop["additionalProperties"] is False, f"{model}.{name}"
    event_props = SCHEMA["$defs"]["Event"]["properties"]
    assert "pattern" in json.dumps(event_props["same_as"])
    assert "pattern" in json.dumps(event_props["date"])


def test_the_shipped_timelines_pass_the_schema() -> None:
    from armsdeal.read.stage import load_path

    for path in sorted(TIMELINES.glob("*.yaml")):
        assert schema_errors(load_path(path).data) == [], path.name


def test_the_command_prints_it(runner) -> None:
    result = invoke(runner, "schema")
    assert json.loads(result.stdout) == SCHEMA
    # Byte for byte: the models' empty lists are default factories, shown as "default": [] (model.py).
    assert_golden("schema/armsdeal-timeline-v1.json", result.stdout)
