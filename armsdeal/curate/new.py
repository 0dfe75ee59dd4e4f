"""`armsdeal new`: the text of a new, minimal timeline that passes `check` as written."""

from __future__ import annotations

from armsdeal.core.errors import UsageError
from armsdeal.core.vocabulary import ID_RE, DealStatus
from armsdeal.curate.safety import reads_as_text
from armsdeal.curate.yamlio import dump


def require_id(value: str, what: str) -> str:
    if not ID_RE.fullmatch(value):
        raise UsageError(
            f"'{value}' is not a valid {what}: use lowercase letters, digits and single hyphens, such as turkey-s400"
        )
    if not reads_as_text(value):
        # `true`, `null`, `2019`, `1e3`, `0x1f`: YAML reads these as a boolean, nothing or a number, not an id.
        raise UsageError(f"'{value}' is not a valid {what}: YAML reads it as a number, a boolean or null; use a word")
    return value


def display_name(actor_id: str) -> str:
    """A first guess at an actor's name from its id ('south-korea' -> 'South Korea'); the curator corrects it."""
    words = actor_id.split("-")
    return " ".join(word.upper() if len(word) <= 3 and word.isalpha() else word.capitalize() for word in words)


def new_timeline_text(timeline_id: str, *, supplier: str, recipient: str, system: str, title: str | None) -> str:
    """A timeline with the deal's parties and system, no sources or events yet, and comments on what goes where."""
    require_id(timeline_id, "timeline id")
    require_id(supplier, "actor id (--supplier)")
    require_id(recipient, "actor id (--recipient)")
    if supplier == recipient:
        raise UsageError("--supplier and --recipient must be different actors")
    if not system.strip():
        raise UsageError("--system must not be empty")
    if title is not None and not title.strip():
        raise UsageError("--title must not be empty")
    header = dump(
        {
            "id": timeline_id,
            "title": title or f"{display_name(recipient)} buys {system.strip()} from {display_name(supplier)}",
        }
    )
    deal = dump({"deal": {"supplier": supplier, "recipient": recipient, "system": system.strip()}})
    # As fmt writes actors: one line each (the names from display_name need no quotes).
    actor_lines = "".join(
        f"  {actor_id}: {{name: {display_name(actor_id)}, kind: state}}\n" for actor_id in (supplier, recipient)
    )
    return (
        f"{header}"
        "# summary: >-\n"
        "#   One paragraph for readers, once the events are in.\n"
        f"{deal}"
        "  # Once the sources say (the figures are examples; approximate: true for 'about'):\n"
        "  # ordered: {count: 12, unit: aircraft, approximate: true}\n"
        "  # value: {amount: 1500000000, currency: USD, approximate: true}\n"
        f"  # status: signed   # one of {', '.join(DealStatus)}\n"
        "# related: [other-timeline-id]   # timelines of the same story; they list this one back\n"
        "actors:\n"
        "  # Every actor an event or the deal names: {name, kind}, and `of` for the actor it belongs to.\n"
        "  # kind is one of state, government, agency, company, person, organisation, alliance,\n"
        "  # legislature, military. Check the names and kinds below.\n"
        f"{actor_lines}"
        "# Every source an event cites, one entry per page. `armsdeal add ... --source URL` adds them:\n"
        "#   reuters-2021-10-07:\n"
        "#     publisher: Reuters\n"
        "#     title: The page's headline\n"
        "#     date: 2021-10-07\n"
        "#     url: https://www.reuters.com/...\n"
        "sources: {}\n"
        "# The events, in date order: armsdeal add "
        f"{timeline_id} --date 2021-10-07 --type request --title '...' --source URL\n"
        "events: []\n"
    )
