"""GitHub-flavoured Markdown: title, summary, deal table, events by year, footnoted sources.

Sources are GFM footnotes (``[^1]``), numbered in the order the document
first cites them, which is also how GitHub numbers them, so the numbers in
the text and in the list agree. Nothing depends on the time of export: the
same timelines give the same bytes, and exported files diff cleanly.
Every string from a timeline goes through escape.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, groupby

from armsdeal.core.chronology import number_sources
from armsdeal.core.dates import format_date
from armsdeal.core.model import Deal, Event, Source, Timeline
from armsdeal.core.phases import deal_status
from armsdeal.export import ExportOptions
from armsdeal.export.common import document_entries, year_label
from armsdeal.export.mermaid import diagram_lines
from armsdeal.render import describe
from armsdeal.render.escape import markdown_inline, markdown_link, markdown_paragraphs

SEVERAL_TITLE = "Arms-deal timelines"
_DEAL_COLUMNS = ("Supplier", "Recipient", "System", "Ordered", "Delivered", "Value", "Status")
_BACKTICK_RUN = re.compile(r"`+")
_BLANK_LINE = "\n\n"

Numbers = dict[tuple[str, str], int]


def export_markdown(timelines: Sequence[Timeline], options: ExportOptions) -> str:
    return "".join(markdown_pieces(timelines, options))


def markdown_pieces(timelines: Sequence[Timeline], options: ExportOptions) -> Iterator[str]:
    """The document in pieces, made as they are asked for (the registry's exporter: the CLI writes them as
    they come, so the text of a large timeline is never held whole; joined, they are export_markdown's text)."""
    numbers = number_sources(document_entries(timelines))
    for index, block in enumerate(_blocks(timelines, numbers, options)):
        if index:
            yield "\n\n"
        if isinstance(block, str):
            yield block
        else:
            yield from block
    yield "\n"


def _blocks(timelines: Sequence[Timeline], numbers: Numbers, options: ExportOptions) -> Iterator[str | Iterable[str]]:
    """The document's blocks, to be separated by a blank line: a block is its text, or its text in pieces."""
    several = len(timelines) > 1
    if several:
        yield f"# {SEVERAL_TITLE}"
        if options.mermaid:
            yield mermaid_block(timelines, options)
    for timeline in timelines:
        # One timeline: the diagram after the deal facts, before the events it summarises.
        diagram = mermaid_block(timelines, options) if not several and options.mermaid else None
        yield from deal_section(timeline, numbers, several=several, diagram=diagram)
    if numbers:
        yield "## Sources"
        yield sources_list(timelines, numbers)


def deal_section(
    timeline: Timeline, numbers: Numbers, *, several: bool, diagram: str | None = None
) -> Iterator[str | Iterable[str]]:
    """Heading, summary, deal table and note, the diagram if given, then the events (in pieces)."""
    yield f"{'##' if several else '#'} {markdown_inline(timeline.title)}"
    if timeline.summary and timeline.summary.strip():
        yield markdown_paragraphs(timeline.summary)
    if timeline.deal is not None:
        yield deal_table(timeline, timeline.deal)
        if timeline.deal.note and timeline.deal.note.strip():
            yield f"**Note on the deal:** {markdown_inline(timeline.deal.note)}"
    if diagram is not None:
        yield diagram
    events = events_by_year(timeline, numbers)
    yield events if several else chain(("## Events\n\n",), events)


def deal_table(timeline: Timeline, deal: Deal) -> str:
    cells = [
        timeline.actor_name(deal.supplier) if deal.supplier else "",
        timeline.actor_name(deal.recipient) if deal.recipient else "",
        deal.system or "",
        describe.quantity(deal.ordered) if deal.ordered else "",
        describe.quantity(deal.delivered) if deal.delivered else "",
        describe.money(deal.value) if deal.value else "",
        str(status) if (status := deal_status(timeline)) else "",
    ]
    return "\n".join(
        [
            _row(_DEAL_COLUMNS),
            _row(["---"] * len(_DEAL_COLUMNS)),
            _row([markdown_inline(cell) for cell in cells]),
        ]
    )


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def events_by_year(timeline: Timeline, numbers: Numbers) -> Iterator[str]:
    """A `### year` heading per year, then a list item per event; in pieces, an event at a time."""
    if not timeline.events:  # export --all shows every timeline, an empty one too: say so, not a bare heading
        yield "*No events yet.*"
    for index, (year, events) in enumerate(groupby(timeline.chronology, key=year_label)):
        yield f"{_BLANK_LINE if index else ''}### {markdown_inline(year)}\n\n"
        for number, event in enumerate(events):
            if number:
                yield "\n"
            yield event_item(timeline, event, numbers)


def event_item(timeline: Timeline, event: Event, numbers: Numbers) -> str:
    """`- **date** · type · title [^n]`, then its status, actors, place, quantity and note as sub-items."""
    cited = sorted({numbers[(timeline.id, s)] for s in event.sources if (timeline.id, s) in numbers})
    refs = "".join(f" [^{number}]" for number in cited)
    head = f"- **{markdown_inline(format_date(event.date))}** · {event.type} · {markdown_inline(event.title)}{refs}"
    details = []
    marker = describe.claim_marker(timeline, event)
    if marker:
        details.append(f"**{markdown_inline(marker)}**")
    context = describe.context_note(event)
    if context:
        details.append(f"*{markdown_inline(context)}*")
    if event.actors:
        details.append("Actors: " + markdown_inline(", ".join(timeline.actor_name(a) for a in event.actors)))
    if event.location:
        details.append("Location: " + markdown_inline(event.location))
    if event.quantity:
        details.append("Quantity: " + markdown_inline(describe.quantity(event.quantity)))
    if event.note and event.note.strip():
        details.append("Note: " + markdown_inline(event.note))
    return "\n".join([head, *(f"  - {detail}" for detail in details)])


def sources_list(timelines: Sequence[Timeline], numbers: Numbers) -> str:
    """The footnote definitions, in number order."""
    by_id = {timeline.id: timeline for timeline in timelines}
    lines = []
    for (timeline_id, source_id), number in sorted(numbers.items(), key=lambda item: item[1]):
        lines.append(f"[^{number}]: {source_line(by_id[timeline_id].sources[source_id])}")
    return "\n".join(lines)


def source_line(source: Source) -> str:
    """'Publisher (via X), [Title](url), 25 Jul 2017, language: de. Note. [Archived copy](url).'"""
    publisher = source.publisher + (f" (via {source.via})" if source.via else "")
    parts = [markdown_inline(publisher), markdown_link(source.title, source.url)]
    if source.date is not None:
        parts.append(markdown_inline(format_date(source.date)))
    if source.language:
        parts.append(f"language: {markdown_inline(source.language)}")
    line = ", ".join(parts) + "."
    if source.note and source.note.strip():
        line += " " + markdown_inline(source.note)
    if source.archive_url:
        line += " " + markdown_link("Archived copy", source.archive_url) + "."
    return line


def mermaid_block(timelines: Sequence[Timeline], options: ExportOptions) -> str:
    """The Mermaid diagram in a fence longer than any run of backticks inside it."""
    body = "\n".join(diagram_lines(timelines, all_events=options.all_events))
    longest = max((len(run) for run in _BACKTICK_RUN.findall(body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}mermaid\n{body}\n{fence}"
