"""Where the streamed build saw each node: places packed in integers, and the walk that finds one."""

from __future__ import annotations

from collections.abc import Sequence

# A place packed in one number (about a third of the memory of the tuples): the value's line and column,
# then its key's (0 for none: a list's item, the root), 32 bits each, lines and columns counted from 1.
Places = dict[tuple[str | int, ...], int]
_LOW = (1 << 64) - 1
_COLUMN = (1 << 32) - 1


def value_place(packed: int) -> tuple[int, int]:
    """(line, column) of the value of a place of ``Document.places``."""
    return ((packed >> 96), (packed >> 64) & _COLUMN)


def key_place(packed: int) -> tuple[int, int] | None:
    """(line, column) of the key of a place of ``Document.places``; None for a list's item or the root."""
    return ((packed >> 32) & _COLUMN, packed & _COLUMN) if packed & _LOW else None


def walk_places(places: Places, depth: int, keys: Sequence[str | int], at_key: bool) -> tuple[int, int] | None:
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
    return (place >> 32, place & _COLUMN)
