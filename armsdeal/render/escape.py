"""Untrusted text from timeline files, made inert in Markdown and HTML.

Every string a curator writes is data: in an export it must render as the
same characters and never as markup, a link, an image or raw HTML. Control
and bidi characters first become visible escapes (safe_text.clean), as they do
on the terminal.

Markdown: every ASCII punctuation character that can open or close inline
syntax anywhere on a line is backslash-escaped; ``& < >`` become HTML entities,
so no raw HTML and no ``<...>`` autolink can form. ``- + = .`` and digits
followed by ``.`` or ``)`` form syntax only at the start of a line (lists,
setext headings, thematic breaks), so they are escaped there only, which keeps
"S-400" and "2.5 bn" readable in the Markdown source. Newlines inside inline
text become spaces (a newline could start a block).

GitHub's autolink extension (cmark-gfm) also links bare ``www.``, ``http://``,
``https://`` and ``ftp://`` text and e-mail addresses. It looks at the raw
source for ``://`` and ``www.``, so ``&#58;`` for the colon and ``&#46;`` for
the dot keep those as text (they render as the same characters). E-mail
addresses are found after entities and escapes are decoded and neighbouring
text is joined, so nothing spelled inside the text stops them; an empty HTML
comment ``<!-- -->`` between the local part and the ``@`` splits the text in
two, and GitHub renders nothing for it. That comment is the only HTML an
export writes, and it never holds data. tests/export/test_export_autolinks.py checks
all of this against cmark-gfm.
"""

from __future__ import annotations

import html
import re

from armsdeal.render.safe_text import clean, safe_url

# Inline syntax in CommonMark and GitHub (emphasis, code, links and images,
# footnotes, headings, tables, strikethrough, math, @mentions), plus { } and ^
# for renderers with attribute and superscript syntax (Pandoc, kramdown).
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#!|~$@^])")
_LINE_START_MARKER = re.compile(r"^([-+=])|^(\d+)([.)])")
_NEWLINES = re.compile(r"\s*\n\s*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Autolink triggers (see the module docstring), matched in the escaped text.
_URL_SCHEME_COLON = re.compile(r":(?=//)")
_WWW_DOT = re.compile(r"www\.")
_EMAIL_AT = re.compile(r"(?<=[A-Za-z0-9._+-])(?=\\@)")
EMAIL_BREAK = "<!-- -->"
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
    escaped = _EMAIL_AT.sub(EMAIL_BREAK, escaped)  # first: it reads the characters the entities below replace
    escaped = _URL_SCHEME_COLON.sub("&#58;", escaped)
    escaped = _WWW_DOT.sub("www&#46;", escaped)
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
    Characters that safe_text.clean would escape (controls, bidi overrides,
    invisible characters) are percent-encoded, as a browser sends them anyway.
    An ``&`` that would read as an HTML entity is backslash-escaped (CommonMark
    decodes entities in destinations), which leaves the URL unchanged.
    """
    encoded = "".join(_URL_UNSAFE.get(char, char) for char in safe_url(url))
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
    href = html.escape(safe_url(url), quote=True)
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{html_text(text)}</a>'


# For Markdown that GitHub posts as a comment (check's markdown format, diff's): after markdown_inline,
# '@', '#' and 'GH-' get an invisible word joiner (U+2060, written as an entity). GitHub finds
# @mentions and #refs in the text it has rendered, where a backslash escape is gone; the joiner is not.
_PING = re.compile(r"\\([@#])|\b(GH-)(?=\d)", re.IGNORECASE)
WORD_JOINER = "&#8288;"


def unpingable(escaped: str) -> str:
    """Markdown made by markdown_inline, in which no @mention, #ref or GH-ref can form on GitHub."""
    return _PING.sub(lambda match: (match.group(1) or match.group(2)) + WORD_JOINER, escaped)


def comment_inline(text: str) -> str:
    """Text for one line of a GitHub comment: markdown_inline, and unable to ping or reference."""
    return unpingable(markdown_inline(text))
