"""Which files beside the checked ones can change a finding of the rules across a collection.

`check DIR/one.yaml` compares the file with every timeline beside it (check/rules/collection.py),
but in a register-shaped folder of 30,000 files almost none of them can matter: every finding
stands in a checked file and is about a timeline it names, that names it, or a URL both cite
differently. So a file beside matters only if it

- has an id a checked file names (under `related:`, or as the timeline of a `same_as:`): a
  related pair, a same_as, or the other end of a related-one-way warning;
- names a checked file's id the same ways (the pair or the same_as seen from its side, or a
  related-one-way warning in the checked file);
- cites a URL a checked file cites, with a publisher, title or date other than the first
  checked file citing it (the source every other citation is compared with).

The collection index keeps these keys of each file (``keys``) and picks the files that match
what the checked files ask (``asked_by``); only those become members. The rules then give the
same findings, in the same order, as over every file beside: any other file's citations equal
the one they are compared with, and it pairs with no checked file; by id, the first file of an
id a checked file names is kept with every other of that id; members keep their folder's order.
A file kept for no reason (one read because it changed) changes nothing either: findings between
two files beside are never reported. tests/cli/test_index_check.py compares the two.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from armsdeal.check.rules.collection import Member

ID = "id"  # the file's own timeline id
NAMES = "names"  # an id the file names: under related:, or the timeline of a same_as
URL = "url"  # a URL it cites (without a trailing slash), with what it says of the page
# Read with places: its facts leave out a source whose key is not written as its text (`0x1:`), which
# `add` looks for too (``Asked.cited``).
LOCATED = "located"


@dataclass(slots=True)
class Asked:
    """What the checked files ask of the files beside: the ids they name, their own ids, their URLs' facts."""

    ids: set[str] = field(default_factory=set)
    naming: set[str] = field(default_factory=set)
    sources: dict[str, str] = field(default_factory=dict)  # URL key -> the first checked citation's facts
    # URL keys of which every citation is asked for (`add` takes a source over from the first file citing it).
    cited: set[str] = field(default_factory=set)


def url_key(url: str) -> str:
    """A URL as source-conflict compares it: as written, without a trailing slash."""
    return url.rstrip("/")


def facts_text(publisher: str | None, title: str | None, date: str | None) -> str:
    """What a citation says of its page, as one text: equal texts for equal facts, and only for them."""
    return json.dumps([publisher, title, date])


def keys(member: Member) -> Iterator[tuple[str, str, str]]:
    """The keys (kind, key, facts) by which a file beside is found: its id, the ids it names, its citations."""
    if member.timeline_id is not None:
        yield ID, member.timeline_id, ""
    for named in sorted(_named(member)):
        yield NAMES, named, ""
    table = member.facts.source_table()
    for position, url in enumerate(table.urls):
        yield URL, url_key(url), facts_text(table.publishers[position], table.titles[position], table.dates[position])
    if member.placed:
        yield LOCATED, "", ""


def asked_by(checked: Iterable[Member]) -> Asked:
    """What makes a file beside matter to these checked members (in the order the rules take them)."""
    asked = Asked()
    for member in checked:
        asked.ids |= _named(member)
        if member.timeline_id is not None:
            asked.naming.add(member.timeline_id)
        table = member.facts.source_table()
        for position, url in enumerate(table.urls):
            facts = facts_text(table.publishers[position], table.titles[position], table.dates[position])
            asked.sources.setdefault(url_key(url), facts)
    return asked


def _named(member: Member) -> set[str]:
    """The ids a member names: its related ids and the timelines its events are the same as."""
    named = {related_id for related_id, _ in member.related}
    if member.facts.links:
        for same_as in member.facts.event_table().same_as:
            if same_as is not None and "/" in same_as:
                named.add(same_as.partition("/")[0])
    return named
