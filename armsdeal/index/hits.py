"""`search`'s rows in the index: each file's events as search draws them (core/search.EventRow), unpickled never.

A warm `search` used to unpickle every timeline with a hit (3,000 at 30,000 files) to make a row of
a few strings per event. The index keeps those rows beside the timeline (schema.FILES's ``hits``),
marshalled, so that `search` reads them instead (fast path "search-index"); the events' text
(the ``search`` table) still says which files can match, and core/search.matching_rows tests each
row as matching_events tests its event. The rows are sealed like the timelines (index/seal.py),
under a prefix of their own (a seal of one kind never verifies a blob of another); a row whose seal
does not verify, or whose stamp is not the one taken in this run, is not served (the file is read).
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Mapping, Sequence

from armsdeal.core.model import Timeline
from armsdeal.core.search import EventRow, event_rows
from armsdeal.index.seal import Seal
from armsdeal.index.sealed import named, verified

TAG = b"hits\0"
Rows = tuple[EventRow, ...]


def packed(timeline: Timeline) -> bytes:
    """The timeline's events as search draws them, as the index stores them (marshal takes plain tuples only)."""
    return marshal.dumps(tuple(tuple(row) for row in event_rows(timeline)))


def stored(connection: sqlite3.Connection, wanted: Mapping[str, Sequence[int]], seal: Seal) -> dict[str, Rows]:
    """The rows of these file names whose stored stamp is the one given and whose seal verifies (others left out).

    Raises sqlite3.Error if the index cannot be read.
    """
    found: dict[str, Rows] = {}
    for name, blob in verified(named(connection, "hits, hits_seal", list(wanted)), wanted, seal, TAG):
        rows = _rows(blob)
        if rows is not None:
            found[name] = rows
    return found


def _rows(blob: bytes) -> Rows | None:
    try:
        return tuple(EventRow._make(row) for row in marshal.loads(blob))
    except (ValueError, EOFError, TypeError):  # sealed by this code, so never; a damaged row: the file is read
        return None
