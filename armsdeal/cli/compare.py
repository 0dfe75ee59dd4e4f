"""`armsdeal compare`: deals side by side by milestone, timed from each contract."""

from __future__ import annotations

from typing import Annotated

from armsdeal.cli.app import (
    AtOption,
    ColorMode,
    ColorOption,
    NamesArgument,
    NoCacheOption,
    TimelinesOption,
    WidthOption,
    app,
    make_console,
    reports_errors,
    trim_trailing_spaces,
    write_data,
)
from armsdeal.cli.options import format_option, named_at
from armsdeal.compare.formats import FORMATS
from armsdeal.core.errors import UsageError


@app.command()
@reports_errors
def compare(
    names: NamesArgument,
    timelines: TimelinesOption = None,
    format_: Annotated[str, format_option(FORMATS)] = FORMATS.default,
    color: ColorOption = ColorMode.AUTO,
    width: WidthOption = None,
    no_cache: NoCacheOption = False,
    at: AtOption = None,
) -> None:
    """Deals side by side: first talks, contract, deliveries, tests, sanctions, cancellation.

    Each milestone is dated and timed from the deal's contract. Only confirmed
    and reported events count; claimed, disputed, denied and expected ones are
    listed apart. A name given twice is compared once.
    """
    from armsdeal.check.load import load_named
    from armsdeal.compare.engine import compare_deals

    unique = list(dict.fromkeys(names))
    _need_two(unique)
    found = load_named(unique, timelines) if at is None else named_at(unique, timelines, at)
    loaded = {timeline.id: timeline for timeline in found}
    _need_two(list(loaded))  # two paths to one deal are one deal
    output = FORMATS.load(format_)(compare_deals(list(loaded.values())))
    if not isinstance(output, str):
        console = make_console(color, width)
        with console.capture() as capture:
            console.print(output)
        output = trim_trailing_spaces(capture.get())  # as Rich writes it to a file
    from armsdeal.cli import cache

    cache.record(output)
    write_data(output)


def _need_two(deals: list[str]) -> None:
    """compare sets deals side by side: one deal is `show`'s job (README: compare NAME NAME [NAME...])."""
    if len(deals) < 2:
        raise UsageError(
            f"compare needs two or more different deals (compare NAME NAME [NAME...]), got only '{deals[0]}'; "
            f"`armsdeal show {deals[0]}` draws one deal"
        )
