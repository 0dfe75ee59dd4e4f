"""Places: where a value is written (``Place``, ``UNLOCATED``), and the streamed build's places packed in integers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Place(NamedTuple):
    """Where a value or key is written: line and column, counted from 1 as editors count them."""

    line: int
    column: int

    @property
    def located(self) -> bool:
        """False for ``UNLOCATED``: no written place has line 0."""
        return self.line != 0

    def of(self, path: str) -> str:
        """``path:line:col``, as a message names a place in another file (``path:0:0`` while unlocated)."""
        return f"{path}:{self.line}:{self.column}"


# The place of a value of a file read without places (the fast path, read/fast.py): not known yet.
# Whoever needs it reads the file again with places (check/runner.py, check/rules/collection.py).
# A problem across files that names such a place waits for it (check/rules/base.py, ``AcrossFinding``).
UNLOCATED = Place(0, 0)
# The file's first character: where a problem of the whole file stands.
FIRST = Place(1, 1)


# A place packed in one number (about a third of the memory of the tuples): the value's line and column,
# then its key's (0 for none: a list's item, the root), 32 bits each, lines and columns counted from 1.
Places = dict[tuple[str | int, ...], int]
_LOW = (1 << 64) - 1
_COLUMN = (1 << 32) - 1


def value_place(packed: int) -> Place:
    """The place of the value of a place of ``Document.places``."""
    return Place(packed >> 96, (packed >> 64) & _COLUMN)


def key_place(packed: int) -> Place | None:
    """The place of the key of a place of ``Document.places``; None for a list's item or the root."""
    return Place((packed >> 32) & _COLUMN, packed & _COLUMN) if packed & _LOW else None


def walk_places(places: Places, depth: int, keys: Sequence[str | int], at_key: bool) -> Place | None:
    """``Document.locate``'s walk over the recorded places; None when it goes deeper than they were recorded.

    The same steps as the node-tree walk: a list's child by an int index in range (a bool is an int
    there too), a mapping's by ``str(key)`` against the key as written; a list's children are
    recorded by index and a mapping's by text, so the two lookups never meet.
    """
    place = places[()] >> 64
    path: tuple[str | int, ...] = ()
    last = len(keys) - 1
    for index, key in enumerate(keys):
        if len(path) >= depth:
            return None  # its children were not recorded: the node tree decides
        found = None
        if isinstance(key, int):
            step = (*path, key)
            found = places.get(step)
        if found is None:
            step = (*path, str(key))
            found = places.get(step)
            if found is None:
                break  # no such child: the place of the node that should hold it
        path = step
        key_at = found & _LOW
        place = key_at if (index == last and at_key and key_at) else found >> 64
    return Place(place >> 32, place & _COLUMN)
