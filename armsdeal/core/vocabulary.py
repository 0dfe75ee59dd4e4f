"""The fixed vocabularies of the format.

Kept apart from model.py (pydantic) so the command line can offer them as
choices without paying for pydantic's import.
"""

from __future__ import annotations

import re
from enum import StrEnum

# Ids of timelines, events, sources and actors: kebab-case.
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class EventType(StrEnum):
    """What kind of step in a deal an event is. Each has a colour in `show`."""

    NEGOTIATION = "negotiation"
    AGREEMENT = "agreement"
    CONTRACT = "contract"
    PAYMENT = "payment"
    DELIVERY = "delivery"
    TEST = "test"
    DEPLOYMENT = "deployment"
    REQUEST = "request"
    OFFER = "offer"
    APPROVAL = "approval"
    SANCTION = "sanction"
    SUSPENSION = "suspension"
    CANCELLATION = "cancellation"
    STATEMENT = "statement"


class EventStatus(StrEnum):
    """How sure the record of an event is."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    CLAIMED = "claimed"
    DISPUTED = "disputed"
    DENIED = "denied"
    EXPECTED = "expected"


class DealStatus(StrEnum):
    """Where a deal stands, SIPRI-register style."""

    ANNOUNCED = "announced"
    NEGOTIATING = "negotiating"
    SIGNED = "signed"
    IN_DELIVERY = "in-delivery"
    DELIVERED = "delivered"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"
    DISPUTED = "disputed"


class ActorKind(StrEnum):
    STATE = "state"
    GOVERNMENT = "government"
    AGENCY = "agency"
    COMPANY = "company"
    PERSON = "person"
    ORGANISATION = "organisation"
    ALLIANCE = "alliance"
    LEGISLATURE = "legislature"
    MILITARY = "military"
