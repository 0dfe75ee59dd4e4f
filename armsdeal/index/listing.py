"""`list`'s rows in the index: each file's cells (render/describe.listing), read without unpickling a timeline.

`list` draws, of each timeline, a title, its parties, a count, two dates and a status. The
index keeps those few strings beside the pickled timeline (schema.FILES's ``listing``),
marshalled, so that a warm `list` of 30,000 files reads 30,000 short rows instead of
unpickling 30,000 timelines (docs/performance.md). They are sealed like the timelines
(index/seal.py), under a prefix of their own so that a listing's seal never verifies a
timeline's blob (a pickle starts with 0x80) or the other way round; a row whose seal does not
verify, or whose stamp is not the one taken in this run, is not served (the file is read).
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Mapping, Sequence
from typing import cast

from armsdeal.core.model import Timeline
from armsdeal.index.seal import Seal
from armsdeal.index.sealed import verified
from armsdeal.render.describe import Listing, listing

TAG = b"listing\0"
COLUMNS = "listing, listing_seal"  # of [files], read by sync.refresh in its scan of the stamps


def packed(timeline: Timeline) -> bytes:
    """The timeline's row in `list`, as the index stores it."""
    return marshal.dumps(listing(timeline))


def listings(rows: Iterable[tuple[object, ...]], wanted: Mapping[str, Sequence[int]], seal: Seal) -> dict[str, Listing]:
    """The cells of these rows (a stamp and ``COLUMNS``: sync.refresh reads them with the stamps) whose stamp
    is the one wanted and whose seal verifies (others left out)."""
    found: dict[str, Listing] = {}
    for name, blob in verified(rows, wanted, seal, TAG):
        cells = _cells(blob)
        if cells is not None:
            found[name] = cells
    return found


def _cells(blob: bytes) -> Listing | None:
    try:
        cells = marshal.loads(blob)
    except (ValueError, EOFError, TypeError):  # sealed by this code, so never; a damaged row: the file is read
        return None
    # Its seal verified, so this code marshalled it: six strings (the shape is checked, not each cell's type).
    if type(cells) is tuple and len(cells) == 6:
        return cast("Listing", cells)
    return None
