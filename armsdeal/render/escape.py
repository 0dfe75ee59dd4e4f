"""Untrusted text from timeline files, made inert in Markdown and HTML.

Every string a curator writes is data: in an export it must render as the
same characters and never as markup, a link, an image or raw HTML. Control
and bidi characters first become visible escapes (safe_text.clean), as they do
on the terminal.

Markdown: every ASCII punctuation character that can open or close inline
syntax anywhere on a line is backslash-escaped; ``& < >`` become HTML entities,
so no raw HTML and no autolink can form. ``- + = .`` and digits followed by
``.`` or ``)`` form syntax only at the start of a line (lists, setext
headings, thematic breaks), so they are escaped there only, which keeps
"S-400" and "2.5 bn" readable in the Markdown source. Newlines inside inline
text become spaces (a newline could start a block).
"""

from __future__ import annotations

import html
import re

from armsdeal.render.safe_text import clean

# Inline syntax in CommonMark and GitHub (emphasis, code, links and images,
# footnotes, headings, tables, strikethrough, math, @mentions), plus { } and ^
# for renderers with attribute and superscript syntax (Pandoc, kramdown).
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#!|~$@^])")
_LINE_START_MARKER = re.compile(r"^([-+=])|^(\d+)([.)])")
_NEWLINES = re.compile(r"\s*\n\s*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# In a link destination: what would end it, open a title, or be read as an escape.
_URL_UNSAFE = {
    " ": "%20",
    '"': "%22",
    "'": "%27",
    "(": "%28",
    ")": "%29",
    "<": "%3C",
    ">": "%3E",
    "\\": "%5C",
    "`": "%60",
}
_URL_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def markdown_inline(text: str) -> str:
    """Text for one line of Markdown (a heading, a table cell, a list item)."""
    flat = _NEWLINES.sub(" ", clean(text)).strip()
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", flat)
    escaped = "".join(_ENTITIES.get(char, char) for char in escaped)
    return _LINE_START_MARKER.sub(_escape_marker, escaped)


def _escape_marker(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def markdown_paragraphs(text: str) -> str:
    """Text that may hold paragraphs (a summary): blank lines kept, each paragraph inline-escaped."""
    paragraphs = (markdown_inline(part) for part in _PARAGRAPH_BREAK.split(text.strip()))
    return "\n\n".join(part for part in paragraphs if part)


def markdown_url(url: str) -> str:
    """A URL as a link destination ``(...)``: characters that would end or alter it are encoded.

    The schema already guarantees an absolute http(s) URL with no whitespace or
    control characters; this keeps it one destination whatever else it holds.
    An ``&`` that would read as an HTML entity is backslash-escaped (CommonMark
    decodes entities in destinations), which leaves the URL unchanged.
    """
    encoded = "".join(_URL_UNSAFE.get(char, char) for char in url)
    return _URL_ENTITY.sub(r"\\&", encoded)


def markdown_link(text: str, url: str) -> str:
    """``[text](url)`` with both parts made safe."""
    return f"[{markdown_inline(text)}]({markdown_url(url)})"


def html_text(text: str) -> str:
    """Text for HTML: cleaned and escaped, quotes included (safe in attributes too)."""
    return html.escape(clean(text, keep_newlines=False), quote=True)


def html_paragraphs(text: str) -> str:
    """``<p>`` per paragraph of the text, escaped."""
    parts = (part.strip() for part in _PARAGRAPH_BREAK.split(text.strip()))
    return "".join(f"<p>{html_text(_NEWLINES.sub(' ', part))}</p>" for part in parts if part)


def html_link(text: str, url: str) -> str:
    """An ``<a>`` opening in a new tab, without giving the page a handle on ours."""
    return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{html_text(text)}</a>'
