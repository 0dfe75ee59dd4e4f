"""A self-contained HTML page: the SVG chart, a table per deal, the chronology and the numbered sources.

The page loads nothing: its CSS is inline, the chart is inline SVG, and a
Content-Security-Policy meta tag forbids every script but the page's own small
filter script (allowed by its hash) and every fetch. The filter (by type family
or deal) is an extra: without scripts the page shows everything and its
controls stay hidden. The CSS follows ``prefers-color-scheme`` and prints on
white without the controls.

The tree is built with xml.etree.ElementTree and serialised as HTML, which
escapes every text and attribute value; untrusted text is also cleaned of
control characters. Sources are links only for http(s) URLs; anything else is
shown as text.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from armsdeal.core.chronology import merge, number_sources
from armsdeal.core.dates import format_date
from armsdeal.core.fastpaths import enabled
from armsdeal.core.phases import deal_status
from armsdeal.export import ExportOptions
from armsdeal.export.common import year_label
from armsdeal.export.svg import Chart, attribute_name, chart_title
from armsdeal.render import describe
from armsdeal.render.safe_text import clean, safe_url
from armsdeal.render.theme import FAMILIES, FAMILY_OF

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from armsdeal.core.chronology import Entry
    from armsdeal.core.model import Event, Source, Timeline

Numbers = dict[tuple[str, str], int]

CSS = """
:root{color-scheme:light dark;
--fg:#1b1b1b;--muted:#555;--bg:#fff;--rule:#d0d0d0;--band:#f4f4f4;--link:#1a5fb4}
@media (prefers-color-scheme: dark){:root{
--fg:#ececec;--muted:#b5b5b5;--bg:#16181b;--rule:#3a3d42;--band:#1f2226;--link:#8cb4ff}}
body{margin:0 auto;max-width:1240px;padding:1rem 1.25rem 3rem;
font:15px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--rule)}
a{color:var(--link)}
figure{margin:1rem 0;overflow-x:auto}
figure svg{display:block}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid var(--rule)}
th{font-weight:600}
.deal th{width:10rem;color:var(--muted)}
.year th{background:var(--band);font-size:1.05rem}
.date,.type,.deal-id{white-space:nowrap;font-variant-numeric:tabular-nums}
.type::before{content:"";display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-right:.35em;
print-color-adjust:exact;-webkit-print-color-adjust:exact}
.status{font-weight:600}
.status-claimed,.status-disputed,.status-denied{color:#b35c00}
@media (prefers-color-scheme: dark){.status-claimed,.status-disputed,.status-denied{color:#ffb35c}}
.detail{color:var(--muted);font-size:.93em}
.refs a{text-decoration:none}
.muted{color:var(--muted)}
.ad-off{display:none}
svg .ad-off{display:inline;opacity:.08}
form{display:flex;gap:1rem;flex-wrap:wrap;margin:.5rem 0}
[hidden]{display:none!important}
td,li{overflow-wrap:anywhere}
@media (max-width:640px){
body{padding:.5rem .75rem 2rem}
.deal th{width:auto}
.chronology thead{display:none}
.chronology tr,.chronology td,.chronology th{display:block}
.chronology td{border:0;padding:.1rem .5rem}
.chronology td.date,.chronology td.type,.chronology td.deal-id{display:inline-block}
.chronology tr{border-bottom:1px solid var(--rule);padding:.3rem 0}
}
@media print{
:root{--fg:#000;--muted:#333;--bg:#fff;--rule:#999;--band:#eee;--link:#000}
body{max-width:none;padding:0;font-size:10.5pt}
form{display:none}
figure{overflow:visible}
figure svg{max-width:100%;height:auto}
tr,li,figure{break-inside:avoid}
h2{break-after:avoid}
.sources a::after{content:" (" attr(href) ")";word-break:break-all}
}
"""

# Shows the filter (hidden without scripts) and hides the rows and marks that do not match.
SCRIPT = """
(function () {
  var form = document.getElementById("ad-filter");
  if (!form) { return; }
  form.hidden = false;
  function apply() {
    var family = form.elements.family.value, deal = form.elements.deal ? form.elements.deal.value : "";
    document.querySelectorAll("[data-event],[data-row]").forEach(function (node) {
      var show = (!family || node.getAttribute("data-family") === family) &&
        (!deal || node.getAttribute("data-deal") === deal);
      node.classList.toggle("ad-off", !show);
    });
  }
  form.addEventListener("change", apply);
})();
"""


# The type column's colour dot, by the row's family (a CSS rule per family rather than an element per row).
CSS += "".join(f"tr[data-family={family.key}] .type::before{{background:{family.colour}}}\n" for family in FAMILIES)


def content_security_policy() -> str:
    """Nothing from anywhere: inline styles, inline images, and only this page's own script."""
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class _Page:
    def __init__(self) -> None:
        from xml.etree import ElementTree

        self.tree = ElementTree

    def el(self, parent: Element, tag: str, text: str | None = None, **attributes: str) -> Element:
        attrs = {attribute_name(key): value for key, value in attributes.items()}
        node = self.tree.SubElement(parent, tag, attrs)
        if text is not None:
            node.text = clean(text)
        return node

    def tail(self, node: Element, text: str) -> None:
        node.tail = (node.tail or "") + clean(text)

    def link(self, parent: Element, url: str, text: str) -> Element:
        """A link for an http(s) URL; any other URL is shown as text, never followed."""
        if is_http_url(url):
            return self.el(parent, "a", text, href=safe_url(url), rel="noopener noreferrer")
        return self.el(parent, "span", f"{text} ({url})")


def export_html(timelines: Sequence[Timeline], options: ExportOptions) -> str:
    return "".join(html_pieces(timelines, options))


def html_pieces(timelines: Sequence[Timeline], options: ExportOptions) -> Iterator[str]:
    """The page in pieces (the registry's exporter: the CLI writes them as they come; joined, export_html's text).

    The page is a tree but for the chronology's rows and the chart's marks, which are written as
    markup text, an event at a time, into placeholders (markup.PREWRITTEN):
    a tree of 10 to 15 elements per event, then serialised, was most of the
    export's own time (docs/performance-history.md section 20).
    """
    from xml.etree import ElementTree

    from armsdeal.export.markup import to_html_pieces

    p = _Page()
    html = ElementTree.Element("html", {"lang": "en"})
    head = p.el(html, "head")
    p.el(head, "meta", charset="utf-8")
    p.el(head, "meta", http_equiv="Content-Security-Policy", content=content_security_policy())
    p.el(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    p.el(head, "meta", name="generator", content="armsdeal")
    p.el(head, "title", chart_title(timelines))
    p.el(head, "style", CSS)
    body = p.el(html, "body")
    p.el(body, "h1", chart_title(timelines))
    entries = merge(timelines)
    numbers = number_sources(entries)

    _filter_form(p, body, timelines)
    figure = p.el(body, "figure")
    # The chart's marks and the chronology's rows are written as markup text (fast path "prewritten").
    prewrite = enabled("prewritten")
    marks: dict[Element, Iterator[str]] = {}  # the chart's marks, written as markup text
    figure.append(Chart(timelines, marks if prewrite else None).build())
    p.el(figure, "figcaption", _CAPTION + _legend_note(), class_="muted")

    several = len(timelines) > 1
    for timeline in timelines:
        _deal_section(p, body, timeline, several=several)
    rows = _chronology(p, body, entries, numbers, several=several, prewrite=prewrite)
    if numbers:
        _sources(p, body, timelines, numbers)
    script = p.el(body, "script")
    script.text = SCRIPT  # a constant of this module: the CSP allows it by its hash
    ElementTree.indent(html, space="")
    yield "<!DOCTYPE html>\n"
    yield from to_html_pieces(html, {**marks, **rows})
    yield "\n"


# Says where each mark's words are without asking for a hover, which a touch screen cannot do.
_CAPTION = (
    "Each mark is an event of the chronology below, listed there with its date, type and title; "
    "on a narrow screen the chart scrolls sideways. "
)


def _legend_note() -> str:
    return "Hatched spans: dates known only within that range; hollow marks: claimed, disputed, denied or expected."


def _filter_form(p: _Page, body: Element, timelines: Sequence[Timeline]) -> None:
    form = p.el(body, "form", id="ad-filter", hidden="hidden")
    label = p.el(form, "label", "Type ")
    select = p.el(label, "select", name="family")
    p.el(select, "option", "all types", value="")
    for family in FAMILIES:
        p.el(select, "option", family.label, value=family.key)
    if len(timelines) > 1:
        label = p.el(form, "label", "Deal ")
        select = p.el(label, "select", name="deal")
        p.el(select, "option", "all deals", value="")
        for timeline in timelines:
            p.el(select, "option", timeline.id, value=timeline.id)


def _deal_section(p: _Page, body: Element, timeline: Timeline, *, several: bool) -> None:
    section = p.el(body, "section", id=f"deal-{timeline.id}", class_="deal")
    p.el(section, "h2", timeline.title if several else "The deal")
    if timeline.summary and timeline.summary.strip():
        for paragraph in timeline.summary.split("\n\n"):
            if paragraph.strip():
                p.el(section, "p", " ".join(paragraph.split()))
    deal = timeline.deal
    if deal is None:
        return
    rows = [
        ("Supplier -> recipient", describe.parties(timeline)),
        ("System", deal.system),
        ("Category", deal.category),
        ("Ordered", describe.quantity(deal.ordered) if deal.ordered else None),
        ("Delivered", describe.quantity(deal.delivered) if deal.delivered else None),
        ("Value", describe.money(deal.value) if deal.value else None),
        ("Status", str(status) if (status := deal_status(timeline)) else None),
    ]
    table = p.el(section, "table")
    tbody = p.el(table, "tbody")
    for name, value in rows:
        if value:
            row = p.el(tbody, "tr")
            p.el(row, "th", name, scope="row")
            p.el(row, "td", value)
    if deal.note and deal.note.strip():
        note = p.el(section, "p", class_="detail")
        p.el(note, "strong", "Note on the deal: ")
        p.tail(note[-1], " ".join(deal.note.split()))


def _chronology(
    p: _Page, body: Element, entries: list[Entry], numbers: Numbers, *, several: bool, prewrite: bool = True
) -> dict[Element, Iterator[str]]:
    """The chronology's table; its rows are a placeholder, mapped to the rows' markup (made when written)."""
    from armsdeal.export.markup import PREWRITTEN

    p.el(body, "h2", "Chronology", id="chronology")
    table = p.el(body, "table", class_="chronology")
    head = p.el(p.el(table, "thead"), "tr")
    for name in ("Date", *(["Deal"] if several else []), "Type", "Event"):
        p.el(head, "th", name, scope="col")
    tbody = p.el(table, "tbody")
    if not entries:
        return {}  # an empty tbody, as the tree had it (a placeholder would be indented as a child)
    if not prewrite:
        _tree_rows(p, tbody, entries, numbers, several=several)
        return {}
    return {p.el(tbody, PREWRITTEN): _rows(entries, numbers, several=several)}


def _tree_rows(p: _Page, tbody: Element, entries: list[Entry], numbers: Numbers, *, several: bool) -> None:
    """The reference path of ``_rows`` (fast path "prewritten" off): the rows as an element tree."""
    columns = str(4 if several else 3)
    for year, in_year in groupby(entries, key=lambda entry: year_label(entry.event)):
        p.el(p.el(tbody, "tr", class_="year"), "th", year, colspan=columns, scope="rowgroup")
        for entry in in_year:
            _tree_row(p, tbody, entry, numbers, several=several)


def _tree_row(p: _Page, tbody: Element, entry: Entry, numbers: Numbers, *, several: bool) -> None:
    timeline, event = entry.timeline, entry.event
    row = p.el(
        tbody,
        "tr",
        id=f"event-{timeline.id}-{event.id}",
        data_row=event.id,
        data_deal=timeline.id,
        data_family=FAMILY_OF[event.type].key,
    )
    p.el(row, "td", format_date(event.date), class_="date")
    if several:
        p.el(row, "td", timeline.id, class_="deal-id")
    p.el(row, "td", str(event.type), class_="type")
    cell = p.el(row, "td")
    p.el(cell, "span", event.title, class_="title")
    cited = sorted({numbers[(timeline.id, s)] for s in event.sources if (timeline.id, s) in numbers})
    if cited:
        refs = p.el(cell, "span", class_="refs")
        refs.text = " "
        for number in cited:
            p.el(refs, "a", f"[{number}]", href=f"#source-{number}")
    marker = describe.claim_marker(timeline, event)
    if marker:
        p.el(cell, "div", marker, class_=f"status status-{event.status}")
    for detail in event_details(timeline, event):
        p.el(cell, "div", detail, class_="detail")


def _rows(entries: list[Entry], numbers: Numbers, *, several: bool) -> Iterator[str]:
    """The rows of the chronology as markup: what the tree of a year heading row and of a row per event,
    indented by ElementTree.indent(space="") and serialised by markup.to_html, was (byte for byte: the
    same cleaning and escapes; tests/export/test_export_pictures.py compares the two). Between rows a newline;
    the last row's is the placeholder's tail."""
    from armsdeal.export.markup import escape_text

    year_cell = f'<tr class="year">\n<th colspan="{4 if several else 3}" scope="rowgroup">'
    first = True
    for year, in_year in groupby(entries, key=lambda entry: year_label(entry.event)):
        yield f"{'' if first else _NEWLINE}{year_cell}{escape_text(clean(year))}</th>\n</tr>"
        first = False
        for entry in in_year:
            yield _NEWLINE + _event_row(entry, numbers, several=several)


_NEWLINE = "\n"
# The start tags of a row's cells, and the row's start by family (the family's key is a constant).
_ROW_STARTS = {family.key: f'" data-family="{family.key}">\n<td class="date">' for family in FAMILIES}


def _event_row(entry: Entry, numbers: Numbers, *, several: bool) -> str:
    """One event's row: date, deal (of several), type, then title, sources, claim marker and details."""
    from armsdeal.export.markup import escape_html_attribute as attribute
    from armsdeal.export.markup import escape_text as text

    timeline, event = entry.timeline, entry.event
    event_id, timeline_id = attribute(event.id), attribute(timeline.id)
    parts = [
        f'<tr id="event-{attribute(f"{timeline.id}-{event.id}")}" data-row="{event_id}" data-deal="{timeline_id}',
        _ROW_STARTS[FAMILY_OF[event.type].key],
        text(clean(format_date(event.date))),
        "</td>\n",
    ]
    if several:
        parts.append(f'<td class="deal-id">{text(clean(timeline.id))}</td>\n')
    parts.append(f'<td class="type">{text(clean(str(event.type)))}</td>\n<td>\n')
    parts.append(f'<span class="title">{text(clean(event.title))}</span>\n')
    cited = sorted({numbers[(timeline.id, s)] for s in event.sources if (timeline.id, s) in numbers})
    if cited:
        # The span's text, a space, is whitespace: ElementTree.indent replaced it with a newline.
        links = "".join(f'<a href="#source-{number}">[{number}]</a>\n' for number in cited)
        parts.append(f'<span class="refs">\n{links}</span>\n')
    marker = describe.claim_marker(timeline, event)
    if marker:
        status = attribute(f"status status-{event.status}")
        parts.append(f'<div class="{status}">{text(clean(marker))}</div>\n')
    for detail in event_details(timeline, event):
        parts.append(f'<div class="detail">{text(clean(detail))}</div>\n')
    parts.append("</td>\n</tr>")
    return "".join(parts)


def event_details(timeline: Timeline, event: Event) -> list[str]:
    """The plain-text detail lines under an event's title, in order: context, actors, place, quantity, note."""
    details = []
    context = describe.context_note(event)
    if context:
        details.append(context)
    if event.actors:
        details.append("Actors: " + ", ".join(timeline.actor_name(actor) for actor in event.actors))
    if event.location:
        details.append("Location: " + event.location)
    if event.quantity:
        details.append("Quantity: " + describe.quantity(event.quantity))
    if event.note and event.note.strip():
        details.append("Note: " + " ".join(event.note.split()))
    return details


def _sources(p: _Page, body: Element, timelines: Sequence[Timeline], numbers: Numbers) -> None:
    p.el(body, "h2", "Sources", id="sources")
    listing = p.el(body, "ol", class_="sources")
    by_id = {timeline.id: timeline for timeline in timelines}
    for (timeline_id, source_id), number in sorted(numbers.items(), key=lambda item: item[1]):
        _source_item(p, listing, by_id[timeline_id].sources[source_id], number)


def _source_item(p: _Page, listing: Element, source: Source, number: int) -> None:
    item = p.el(listing, "li", id=f"source-{number}", value=str(number))
    publisher = source.publisher + (f" (via {source.via})" if source.via else "")
    item.text = clean(publisher + ", ")
    p.link(item, source.url, source.title)
    parts = []
    if source.date is not None:
        parts.append(format_date(source.date))
    if source.language:
        parts.append(f"language: {source.language}")
    tail = "".join(f", {part}" for part in parts) + "."
    if source.note and source.note.strip():
        tail += " " + " ".join(source.note.split())
    p.tail(item[-1], tail)
    if source.archive_url:
        p.tail(item[-1], " ")
        p.link(item, source.archive_url, "Archived copy")
        p.tail(item[-1], ".")
