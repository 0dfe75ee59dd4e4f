"""Help for editors: a description and an example for every field of the format, and for every enum value.

`armsdeal schema` adds these to the JSON Schema generated from model.py, so
that an editor with the YAML language server shows them on hover and
completion. tests/core/test_schema.py checks that every field and value has one.
"""

from __future__ import annotations

from typing import Any

from armsdeal.core.vocabulary import ActorKind, DealStatus, EventStatus, EventType

ID_EXAMPLE = "turkey-s400"

# model name -> field -> (description, example)
FIELDS: dict[str, dict[str, tuple[str, Any]]] = {
    "Timeline": {
        "id": ("The timeline id, kebab-case; equals the file name without .yaml.", "turkey-s400"),
        "title": ("The deal in one line.", "Turkey buys Russia's S-400 air-defence system"),
        "summary": ("One paragraph for readers: what was agreed, delivered and disputed.", "In 2017 Turkey agreed..."),
        "deal": (
            "The deal record, SIPRI-register style: parties, system, quantities, value, status.",
            {"status": "signed"},
        ),
        "related": ("Ids of other timelines of the same story; each should list this one back.", ["turkey-f35"]),
        "actors": (
            "Every actor an event or the deal names, by id (kebab-case).",
            {"turkey": {"name": "Turkey", "kind": "state"}},
        ),
        "sources": (
            "Every source an event cites, by id (kebab-case); one entry per page.",
            {"reuters-2017-07-25": {"publisher": "Reuters", "title": "...", "url": "https://www.reuters.com/..."}},
        ),
        "events": (
            "The events of the deal, in date order; each cites at least one source.",
            [{"id": "contract-signed", "date": "2017-09-12", "type": "contract", "title": "...", "sources": ["csis"]}],
        ),
    },
    "Deal": {
        "supplier": ("Actor id of the seller (defined under actors:).", "russia"),
        "recipient": ("Actor id of the buyer (defined under actors:).", "turkey"),
        "system": ("The weapon system's designation.", "S-400 Triumf"),
        "category": ("SIPRI-style description of the system.", "long-range surface-to-air missile system"),
        "ordered": ("How many were ordered.", {"count": 4, "unit": "battery", "approximate": True}),
        "delivered": ("How many have been delivered.", {"count": 2, "unit": "battery"}),
        "value": ("What the deal is worth.", {"amount": 2500000000, "currency": "USD", "approximate": True}),
        "status": ("Where the deal stands.", "delivered"),
        "note": ("Disputes about the deal as a whole.", "Sources disagree on the day of signature."),
    },
    "Quantity": {
        "count": ("A whole number, 0 or more.", 4),
        "unit": ("What is counted (battery, aircraft, regiment...).", "battery"),
        "approximate": ("True when the sources give the number only roughly.", True),
        "note": ("What the sources say about the number.", "Sources say 4 batteries or 2 battalions."),
    },
    "Money": {
        "amount": ("The amount in currency units (not millions), 0 or more.", 2500000000),
        "currency": ("ISO 4217 code, three capital letters.", "USD"),
        "approximate": ("True when the sources give the amount only roughly.", True),
        "note": ("What the sources say about the amount.", "About $2.5 bn in most reports."),
    },
    "Actor": {
        "name": ("The actor's name as readers know it.", "Recep Tayyip Erdogan"),
        "kind": ("What kind of actor this is.", "person"),
        "of": ("Actor id of the actor this one belongs to (a minister of a government).", "turkey"),
        "note": ("Who this is, for readers.", "President of Turkey"),
    },
    "Source": {
        "publisher": ("Who published the page.", "Reuters"),
        "title": ("The page's headline (mark a title you made up with '(descriptive title)').", "Turkey signs deal"),
        "url": ("Absolute http(s) URL of the page.", "https://www.reuters.com/article/turkey-russia-missiles"),
        "date": ("When the page was published: an EDTF date.", "2017-07-25"),
        "language": ("Language code of the page when it is not English.", "de"),
        "via": ("The wire service whose story the page reprints.", "Reuters"),
        "archive_url": ("Absolute http(s) URL of an archived copy.", "https://web.archive.org/web/2019/https://..."),
        "note": ("What the curator should know about the source.", "Title reconstructed from the URL."),
    },
    "Event": {
        "id": ("The event id, kebab-case, unique within the file.", "contract-signed"),
        "date": ("When it happened, at the precision the sources allow: an EDTF date.", "2017-09-12"),
        "type": ("What kind of step in the deal this is.", "contract"),
        "title": ("What happened, in one line.", "Turkey announces the S-400 contract is signed"),
        "sources": ("Ids of the sources (under sources:) that report it; at least one.", ["csis-2017-09"]),
        "actors": ("Ids of the actors (under actors:) who acted.", ["turkey", "russia"]),
        "status": ("How sure the record is.", "confirmed"),
        "claimed_by": ("Who makes the claim; required for claimed, disputed and denied.", ["erdogan"]),
        "disputed_by": ("Who disputes or denies it.", ["rosoboronexport"]),
        "quantity": ("What a delivery or order involved.", {"count": 2, "unit": "battery"}),
        "location": ("Where it happened.", "Ankara"),
        "note": ("Disagreements between sources, context.", "Sources disagree on the day."),
        "tags": ("Free labels, kebab-case.", ["signing-date"]),
        "context": ("True for background that is not a step of this deal (never counted in its phases).", True),
        "about": (
            "Id of the related timeline (listed in related:) this event belongs to; implies context.",
            "turkey-f35",
        ),
        "same_as": (
            "The same real-world event in another timeline, DEAL/EVENT-ID; check compares their date, status, type.",
            "turkey-f16/f16-request",
        ),
    },
}

ENUMS: dict[str, dict[str, str]] = {
    "EventType": {
        EventType.NEGOTIATION: "Talks between the parties.",
        EventType.AGREEMENT: "An agreement short of a contract: in principle, intergovernmental, a memorandum.",
        EventType.CONTRACT: "The contract is signed.",
        EventType.PAYMENT: "A payment, advance or loan for the deal.",
        EventType.DELIVERY: "Equipment is handed over or arrives.",
        EventType.TEST: "A test or trial of the delivered system.",
        EventType.DEPLOYMENT: "The system is deployed or made operational.",
        EventType.REQUEST: "The buyer asks for the sale.",
        EventType.OFFER: "The seller offers the sale.",
        EventType.APPROVAL: "A government, parliament or agency approves the deal.",
        EventType.SANCTION: "Sanctions imposed because of the deal.",
        EventType.SUSPENSION: "Something is suspended or halted: deliveries, a programme, a licence.",
        EventType.CANCELLATION: "The whole deal is cancelled; a part of it dropped is a statement (docs/format.md).",
        EventType.STATEMENT: "A public statement about the deal.",
    },
    "EventStatus": {
        EventStatus.CONFIRMED: "The parties or several independent sources confirm it.",
        EventStatus.REPORTED: "Reported by the press, not confirmed by a party.",
        EventStatus.CLAIMED: "One party says so (claimed_by); nobody has confirmed it.",
        EventStatus.DISPUTED: "One party says so and another disputes it (claimed_by, disputed_by).",
        EventStatus.DENIED: "Claimed, and denied by a party (disputed_by).",
        EventStatus.EXPECTED: "Scheduled or announced for the future.",
    },
    "DealStatus": {
        DealStatus.ANNOUNCED: "Announced, no negotiation known yet.",
        DealStatus.NEGOTIATING: "Under negotiation.",
        DealStatus.SIGNED: "Contract signed, nothing delivered yet.",
        DealStatus.IN_DELIVERY: "Deliveries have started.",
        DealStatus.DELIVERED: "Everything ordered has been delivered.",
        DealStatus.SUSPENDED: "Suspended by one of the parties.",
        DealStatus.CANCELLED: "Cancelled.",
        DealStatus.DISPUTED: "The parties disagree on whether or what was agreed.",
    },
    "ActorKind": {
        ActorKind.STATE: "A country.",
        ActorKind.GOVERNMENT: "A government or head of state's office.",
        ActorKind.AGENCY: "A ministry or government agency.",
        ActorKind.COMPANY: "A company, state-owned or private.",
        ActorKind.PERSON: "A person.",
        ActorKind.ORGANISATION: "A non-governmental or international organisation.",
        ActorKind.ALLIANCE: "An alliance of states, such as NATO.",
        ActorKind.LEGISLATURE: "A parliament or congress.",
        ActorKind.MILITARY: "An armed force or military unit.",
    },
}


def document(schema: dict[str, Any], id_pattern: str) -> dict[str, Any]:
    """The schema with the help above and no properties beside patternProperties (the URL and date
    patterns are the model's own: core/model.py URL_PATTERN, core/dates.py schema_pattern)."""
    definitions = schema.get("$defs", {})
    _fields(schema, FIELDS["Timeline"], id_pattern)
    for name, fields in FIELDS.items():
        if name in definitions:
            _fields(definitions[name], fields, id_pattern)
    for name, values in ENUMS.items():
        enum = definitions.get(name)
        if enum is None:
            continue
        ordered = [values[value] for value in enum["enum"]]
        enum["enumDescriptions"] = ordered
        enum["markdownEnumDescriptions"] = ordered
        listed = "; ".join(f"{value}: {text}" for value, text in zip(enum["enum"], ordered, strict=True))
        enum["description"] = f"{enum.get('description', '').rstrip('.')}. {listed}".lstrip(". ")
    return schema


def _fields(model: dict[str, Any], fields: dict[str, tuple[str, Any]], id_pattern: str) -> None:
    properties = model.get("properties", {})
    for name, (description, example) in fields.items():
        prop = properties.get(name)
        if prop is None:
            continue
        prop["description"] = description
        prop["examples"] = [example]
        prop.pop("title", None)
        for variant in [prop, *prop.get("anyOf", [])]:
            if "patternProperties" in variant:
                variant["additionalProperties"] = False
                variant["propertyNames"] = {"pattern": id_pattern}
