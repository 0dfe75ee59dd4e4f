"""Every relative link and image of the README, CONTRIBUTING.md and docs/*.md names a file that exists,
and a `#fragment` into a Markdown page names one of its headings (as GitHub makes their anchors).

Links are read with markdown-it (Rich's Markdown parser), so text in code spans and blocks is not a link.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT
from markdown_it import MarkdownIt
from markdown_it.token import Token

DOCUMENTS = sorted([ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")])
PARSER = MarkdownIt("commonmark").enable("table")


def inline_tokens(path: Path) -> list[Token]:
    tokens = PARSER.parse(path.read_text(encoding="utf-8"))
    return [child for token in tokens for child in token.children or ()]


def targets(path: Path) -> list[str]:
    """The destinations of the page's links and images that are not absolute URLs."""
    found = []
    for token in inline_tokens(path):
        target = token.attrGet("href") if token.type == "link_open" else token.attrGet("src")
        if token.type in ("link_open", "image") and isinstance(target, str) and not urlsplit(target).scheme:
            found.append(target)
    return found


def slug(heading: str) -> str:
    """GitHub's anchor: lower case, punctuation but hyphens and underscores dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    tokens = PARSER.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == "heading_open":
            text = "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline"))
            base, count = slug(text), 1
            name = base
            while name in found:  # GitHub numbers a repeated heading: name, name-1, name-2 ...
                name, count = f"{base}-{count}", count + 1
            found.add(name)
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_relative_links_point_to_what_exists(document: Path) -> None:
    broken = []
    for target in targets(document):
        parts = urlsplit(target)
        file = (document.parent / unquote(parts.path)).resolve() if parts.path else document
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif parts.fragment and file.suffix == ".md" and unquote(parts.fragment) not in anchors(file):
            broken.append(f"{target}: no such heading in {file.name}")
    assert not broken, f"{document.relative_to(ROOT)}: {broken}"


def test_the_checks_see_a_broken_link_and_a_missing_heading(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "## `armsdeal log NAME [EVENT-ID]`\n\n[a](gone.md) [b](#armsdeal-log-name-event-id) `[c](nowhere.md)`\n",
        encoding="utf-8",
    )
    assert targets(page) == ["gone.md", "#armsdeal-log-name-event-id"]
    assert anchors(page) == {"armsdeal-log-name-event-id"}
    assert "nope" not in anchors(page)
