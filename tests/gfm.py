"""GitHub-flavoured Markdown as the tests read it back: markdown-it-py with GFM's extensions."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin


def parser() -> MarkdownIt:
    """CommonMark plus the GFM parts armsdeal writes: tables, strikethrough, footnotes."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)


def parse(text: str) -> list[Token]:
    return parser().parse(text)


def flatten(tokens: list[Token]) -> list[Token]:
    """Every token, inline children included, in document order."""
    out = []
    for token in tokens:
        out.append(token)
        out.extend(flatten(token.children or []))
    return out


def plain(inline: Token) -> str:
    """What a reader sees of an inline token: its text, escapes and entities resolved."""
    return "".join(child.content for child in inline.children or [] if child.type == "text")
