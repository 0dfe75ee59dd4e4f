"""Markdown exports read in GitHub's own renderer: cmark-gfm with its extensions (autolink included).

GitHub's autolink extension turns bare ``www.``, ``http(s)://``, ``ftp://``
text and e-mail addresses into links. Text from a timeline must stay text
there too: the only links in an export are the sources' URLs (and footnote
references). Source URLs themselves are cleaned of bidi and control characters.
"""

from __future__ import annotations

import html
import json
import re

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.check.validate import load_timeline
from armsdeal.core.model import Timeline
from armsdeal.export import ExportOptions
from armsdeal.export.markdown import export_markdown
from armsdeal.render.escape import EMAIL_BREAK, markdown_inline, markdown_paragraphs
from armsdeal.render.safe_text import clean

SOURCE_URL = "https://example.net/source"
# What the issue found linking (and a few more of the same kinds).
AUTOLINKING = [
    "www.example.org",
    "https://example.org/p",
    "http://example.org",
    "HTTPS://EXAMPLE.ORG/x",
    "ftp://files.example.org/a",
    "user@example.org",
    "first.last+tag@mail.example.org",
    "mailto:user@example.org",
    "xmpp:user@example.org/home",
    "Statement (see https://example.com/report)",
    "(www.example.org)",
    "*www.example.org*",
    "_user@example.org_",
    "~https://example.org~",
    "see:https://example.org and www.example.org, or user@example.org.",
]


def render(markdown: str) -> str:
    """HTML as GitHub renders Markdown: cmark-gfm, GitHub's extensions, footnotes; raw HTML kept to be seen."""
    return cmarkgfm.github_flavored_markdown_to_html(
        markdown, options=Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
    )


def shown(rendered: str) -> str:
    """The text a reader sees in rendered HTML (tags and comments dropped, entities decoded)."""
    return html.unescape(re.sub(r"<!--.*?-->|<[^>]*>", "", rendered, flags=re.DOTALL))


def timeline_with(write_timeline, text: str, *, url: str = SOURCE_URL) -> Timeline:
    value = json.dumps(text)
    yaml = f"""\
id: autolinks
title: {value}
summary: {value}
deal:
  supplier: seller
  recipient: buyer
  system: {value}
  note: {value}
actors:
  seller: {{name: {value}, kind: company}}
  buyer: {{name: Buyer, kind: state}}
sources:
  s1:
    publisher: {value}
    title: {value}
    url: {json.dumps(url)}
    note: {value}
events:
  - id: first
    date: 2020-01-02
    type: contract
    title: {value}
    sources: [s1]
    actors: [seller, buyer]
    location: {value}
    note: {value}
"""
    return load_timeline(write_timeline("autolinks", yaml))


def external_links(rendered: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'<a href="([^"#][^"]*)"', rendered)]


@pytest.mark.parametrize("text", AUTOLINKING)
def test_markdown_text_never_autolinks_in_github(write_timeline, text: str) -> None:
    rendered = render(export_markdown([timeline_with(write_timeline, text)], ExportOptions()))
    assert external_links(rendered) == [SOURCE_URL]  # the source's link, once, and nothing from the text
    assert "<a href" not in rendered.replace(f'<a href="{SOURCE_URL}"', "").replace('<a href="#', "")


def test_a_url_in_parentheses_reads_as_written_with_no_stray_backslash() -> None:
    rendered = render(markdown_inline("Statement (see https://example.com/report)"))
    assert "<a" not in rendered and "%5C" not in rendered
    assert shown(rendered).strip() == "Statement (see https://example.com/report)"


def test_the_only_html_written_is_the_empty_comment_before_an_at() -> None:
    escaped = markdown_inline("<b>user@example.org</b> <!-- x -->")
    assert re.findall(r"<[^>]*>", escaped) == [EMAIL_BREAK]


# Pieces that make autolinks, and punctuation that sits next to them in prose.
PIECES = st.sampled_from(
    [
        "www.",
        "WWW.",
        "http",
        "https",
        "ftp",
        "mailto",
        "xmpp",
        "://",
        ":",
        "//",
        "@",
        ".",
        "example",
        "org",
        "user",
        "a_b",
        "+",
        "-",
        "(",
        ")",
        "[",
        "]",
        "<",
        ">",
        "*",
        "_",
        "~",
        "\\",
        "&",
        "#58;",
        " ",
        "\n",
        "é",
        "/p?q=1",
    ]
)
TEXTS = st.lists(PIECES, max_size=24).map("".join)


def flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", clean(text)).strip()


@given(TEXTS)
def test_any_text_renders_as_itself_and_links_nowhere(text: str) -> None:
    rendered = render(markdown_inline(text))
    assert "<a" not in rendered
    assert shown(rendered).strip() == flat(text)


@given(TEXTS)
def test_paragraphs_link_nowhere(text: str) -> None:
    assert "<a" not in render(markdown_paragraphs(text))


@pytest.mark.parametrize("character", ["\u202e", "\u009b", "\u200b", "\ufeff"])
def test_source_urls_are_cleaned_of_bidi_and_control_characters(write_timeline, character: str) -> None:
    url = f"https://example.org/a{character}b"
    markdown = export_markdown([timeline_with(write_timeline, "Plain", url=url)], ExportOptions())
    assert character not in markdown
    encoded = "".join(f"%{byte:02X}" for byte in character.encode("utf-8"))
    # Percent-encoded as a browser would send it: the link still leads to the same page.
    assert external_links(render(markdown)) == [f"https://example.org/a{encoded}b"]


def test_timelinejs_links_percent_encode_bidi_characters(write_timeline) -> None:
    from armsdeal.export.timelinejs import export_timelinejs

    url = "https://example.org/a\u202eb"
    document = export_timelinejs([timeline_with(write_timeline, "Plain", url=url)], ExportOptions())
    assert "\u202e" not in json.loads(document)["events"][0]["text"]["text"]
    assert 'href="https://example.org/a%E2%80%AEb"' in json.loads(document)["events"][0]["text"]["text"]


def test_html_links_percent_encode_bidi_characters(write_timeline) -> None:
    from armsdeal.export.html import export_html

    url = "https://example.org/a\u202eb"
    page = export_html([timeline_with(write_timeline, "Plain", url=url)], ExportOptions())
    assert "\u202e" not in page
    assert 'href="https://example.org/a%E2%80%AEb"' in page
