"""Options shared by commands: --format built from the core's registries, and the event filters' meaning.

format_option: --help and the choices are always the registry's. filtering: the
one reading of the event filters that `show` and `export` share (the options
themselves are declared in app.py: FromOption, ToOption, ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from armsdeal.core.errors import UsageError

if TYPE_CHECKING:
    from armsdeal.core.chronology import EventFilter
    from armsdeal.core.dates import EdtfDate
    from armsdeal.core.model import Timeline
    from armsdeal.core.registry import Registry
    from armsdeal.core.status import DealAt


def format_option(registry: Registry[Any], *, default_note: str | None = None) -> Any:
    """A command's ``--format`` option: the registry's names as choices, their one-line help in --help.

    ``default_note`` says what happens without --format when that is not simply the
    registry's default (check: github under GitHub Actions; export: the -o suffix).
    """
    default = default_note or registry.default

    def choice(value: str) -> str:
        if value in registry:
            return value
        # `--format md` means what `-o x.md` means: a suffix one format claims names that format.
        named = registry.for_suffix(f".{value.lstrip('.')}")
        if named is None:
            raise typer.BadParameter(f"'{value}' is not one of {', '.join(registry.names())}")
        return named

    return typer.Option(
        "--format",
        "-f",
        parser=choice,
        metavar="FORMAT",
        show_default=False,
        autocompletion=registry.names,
        help=f"Output format: {registry.describe()} [default: {default}]."
        + (" A file suffix names its format too (md)." if registry.for_suffix(".md") else ""),
    )


@dataclass(frozen=True, slots=True)
class Filtering:
    """What the event filters ask: which events, and (with --as-of) the date and each deal's status then."""

    event_filter: EventFilter
    active: bool = False  # any filter option given
    as_of: EdtfDate | None = None
    statuses: dict[str, DealAt] = field(default_factory=dict)  # timeline id -> the deal as known at --as-of
    described: dict[str, str] = field(default_factory=dict)  # the same in words: 'signed (as of Jun 2018)'


def filtering(
    loaded: Sequence[Timeline],
    *,
    from_: str | None = None,
    to: str | None = None,
    types: Sequence[str] | None = None,
    actors: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    contains: str | None = None,
    as_of: str | None = None,
) -> Filtering:
    """The one reading of --from, --to, --type, --actor, --tag, --contains and --as-of (show and export).

    UsageError for a date that is not EDTF, --from after --to, an --as-of
    interval, an unknown --type, or an --actor or --tag no event of the
    timelines has (each with the closest known value).
    """
    from armsdeal.core.chronology import EventFilter, parse_types

    start, end = _date_bound(from_, "--from", latest=False), _date_bound(to, "--to", latest=True)
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {from_} is after --to {to}: no event can match")
    as_of_date: EdtfDate | None = None
    statuses: dict[str, DealAt] = {}
    described: dict[str, str] = {}
    if as_of is not None:
        as_of_date, statuses, described = _derive_statuses(loaded, as_of)
        end = as_of_date.latest if end is None else min(end, as_of_date.latest)
    event_filter = EventFilter(
        start=start,
        end=end,
        types=parse_types(types or ()),
        actors=frozenset(actors or ()),
        tags=frozenset(tags or ()),
        contains=contains,
    )
    event_filter.check_known(loaded)
    active = any(value is not None for value in (from_, to, contains, as_of)) or bool(types or actors or tags)
    return Filtering(event_filter, active, as_of_date, statuses, described)


def narrowed(timelines: Sequence[Timeline], selection: Filtering) -> list[Timeline]:
    """Each timeline with only the events the filters keep and, with --as-of, its deal as it stood then."""
    from armsdeal.core.chronology import EventFilter, restrict
    from armsdeal.core.phases import of_the_whole
    from armsdeal.core.status import restated

    if not selection.active:
        return list(timelines)
    # The deal as known: every event, or every event by --as-of's last day; the filters only choose
    # which of them are listed (core/phases.py, of_the_whole).
    known_by = EventFilter(end=selection.as_of.latest) if selection.as_of is not None else None
    wholes = [restrict(timeline, known_by) if known_by else timeline for timeline in timelines]
    kept = [
        of_the_whole(restrict(timeline, selection.event_filter), whole)
        for timeline, whole in zip(timelines, wholes, strict=True)
    ]
    if not selection.statuses:
        return kept
    assert selection.as_of is not None  # statuses are only derived for --as-of
    day = selection.as_of.latest
    return [restated(timeline, selection.statuses[timeline.id], day) for timeline in kept]


def _derive_statuses(loaded: Sequence[Timeline], as_of: str) -> tuple[EdtfDate, dict[str, DealAt], dict[str, str]]:
    """The date --as-of means, and each deal as known on its last day (and its status in words)."""
    from armsdeal.core.dates import DateSyntaxError, parse_edtf
    from armsdeal.core.status import deal_at, describe

    try:
        parsed = parse_edtf(as_of)
    except DateSyntaxError as error:
        raise UsageError(f"--as-of: {error}") from None
    if parsed.is_interval:
        raise UsageError(f"--as-of: give one date such as 2018-06, not the interval '{as_of}'")
    today = date.today()
    statuses = {timeline.id: deal_at(timeline, parsed.latest, today) for timeline in loaded}
    # From today on the header is the plain view's: a deal with no status says none, not "no events yet".
    described = {
        key: describe(value.at, parsed)
        for key, value in statuses.items()
        if value.at.status is not None or parsed.latest < today
    }
    return parsed, statuses, described


def _date_bound(value: str | None, option: str, *, latest: bool) -> date | None:
    from armsdeal.core.dates import DateSyntaxError, parse_edtf

    if value is None:
        return None
    try:
        parsed = parse_edtf(value)
    except DateSyntaxError as error:
        raise UsageError(f"{option}: {error}") from None
    return parsed.latest if latest else parsed.earliest


def timelines_at(paths: Sequence[Path], at: str) -> tuple[list[Timeline], list[str]]:
    """--at: each timeline file as git had it then, and the lines that say which commit each is (and, for a
    revision today's rules reject, why it did not pass check)."""
    from armsdeal.cli import cache
    from armsdeal.diff.history import timeline_at

    cache.spoil()  # the same command shows another commit once the repository moves on
    found = [timeline_at(path, at) for path in paths]
    lines = []
    for shown in found:
        lines.append(shown.header)
        if shown.failed is not None:
            lines.append(
                f"{shown.timeline.id}: this revision did not pass check ({shown.failed}); "
                "shown as far as it can be read"
            )
    return [shown.timeline for shown in found], lines


def named_at(names: Sequence[str], timelines: Path | None, at: str) -> list[Timeline]:
    """timelines_at for timeline names (or paths), looked up as every command looks them up; which commit
    each is goes to stderr (export and compare: stdout is their data)."""
    from armsdeal.cli.app import say
    from armsdeal.core.collection import locate_all, search_path

    folders = search_path(timelines)
    loaded, lines = timelines_at(locate_all(names, folders), at)
    for line in lines:
        say(f"armsdeal: {line}")
    return loaded
