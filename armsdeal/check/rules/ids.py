"""Rules on ids: the file name and event ids."""

from __future__ import annotations

from collections.abc import Iterator

from armsdeal.check.rules.base import CheckContext, Finding, check


@check("file-name")
def _file_name(context: CheckContext) -> Iterator[Finding]:
    """The timeline id differs from the file name without .yaml.

    Names on the command line are ids, so a file whose name differs from its
    id cannot be found by name.
    """
    stem = context.file_stem
    if stem is not None and context.timeline.id != stem:
        yield Finding(("id",), f"id '{context.timeline.id}' differs from the file name '{stem}'")


@check("duplicate-id")
def _duplicate_event_ids(context: CheckContext) -> Iterator[Finding]:
    """Two events have the same id.

    Event ids are how diffs and exports follow an event across versions.
    """
    seen: set[str] = set()
    for index, event in enumerate(context.timeline.events):
        if event.id in seen:
            yield Finding(("events", index, "id"), f"event id '{event.id}' is used twice")
        seen.add(event.id)
