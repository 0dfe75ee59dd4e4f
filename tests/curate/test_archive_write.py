"""archive_url written into sources (curate/archive.py, for `links --archive --write`): nothing else changes."""

from __future__ import annotations

import pytest
from conftest import TIMELINES, TODAY
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.core.errors import InvalidTimeline
from armsdeal.curate.archive import add_archive_urls
from armsdeal.curate.fmt import format_text
from armsdeal.curate.yamlio import EditError
from armsdeal.read.stage import parse_bytes

SHIPPED = sorted(TIMELINES.glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[path.stem for path in SHIPPED])
def test_every_source_of_a_shipped_timeline_gets_its_line_and_the_file_stays_fmt_clean(path) -> None:
    text = path.read_text(encoding="utf-8")
    data = parse_bytes(text.encode(), str(path)).data
    wanted = {
        source_id: f"https://web.archive.org/web/2019/{source['url']}"
        for source_id, source in data["sources"].items()
        if "archive_url" not in source
    }
    result, done = add_archive_urls(text, str(path), wanted, today=TODAY)
    assert sorted(done) == sorted(wanted)
    # Only lines added: every line of before is still there, in order.
    added = result.splitlines()
    for line in text.splitlines():
        added.remove(line)
    assert len(added) == len(wanted) and all(line.strip().startswith("archive_url: ") for line in added)
    assert format_text(result, str(path)) == result
    new = parse_bytes(result.encode(), str(path)).data
    assert {sid: source.get("archive_url") for sid, source in new["sources"].items()} == {
        sid: wanted.get(sid, data["sources"][sid].get("archive_url")) for sid in data["sources"]
    }


def test_a_source_with_an_archive_url_keeps_it(tmp_path) -> None:
    text = (
        "id: kept\ntitle: Kept\nsources:\n  a:\n    publisher: P\n    title: T\n    url: https://example.org/a\n"
        "    archive_url: https://web.archive.org/web/2018/https://example.org/a\n"
        "events:\n  - id: e\n    date: 2019\n    type: statement\n    title: E\n    sources: [a]\n"
    )
    result, done = add_archive_urls(text, "kept.yaml", {"a": "https://web.archive.org/web/2020/x"}, today=TODAY)
    assert (result, done) == (text, [])


def test_a_source_written_in_braces_is_refused_with_the_fix(tmp_path) -> None:
    text = (
        "id: braces\ntitle: Braces\nsources:\n  a: {publisher: P, title: T, url: 'https://example.org/a'}\n"
        "events:\n  - id: e\n    date: 2019\n    type: statement\n    title: E\n    sources: [a]\n"
    )
    with pytest.raises(EditError, match="armsdeal fmt"):
        add_archive_urls(text, "braces.yaml", {"a": "https://web.archive.org/web/2020/x"}, today=TODAY)


def test_an_archive_url_that_is_not_a_url_is_refused(tmp_path) -> None:
    text = (TIMELINES / "turkey-s400.yaml").read_text(encoding="utf-8")
    with pytest.raises(InvalidTimeline):
        add_archive_urls(text, "turkey-s400.yaml", {"tass-2017-07-25": "javascript:alert(1)"}, today=TODAY)


# What an archive could answer: http(s) URLs with the characters YAML cares about in their path.
ARCHIVED = st.builds(
    lambda scheme, path: f"{scheme}://web.archive.org/web/2019/{path}",
    st.sampled_from(["http", "https"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
)
SMALL = (
    "# a comment that stays\nid: small\ntitle: Small\nsources:\n  a:  # the source\n    publisher: P\n"
    "    title: T\n    url: https://example.org/a  # its url\n    note: kept\n"
    "events:\n  - id: e\n    date: 2019\n    type: statement\n    title: E\n    sources: [a]\n"
)


@given(ARCHIVED)
def test_any_archived_url_is_written_exactly_or_refused_and_nothing_else_moves(archived) -> None:
    try:
        result, done = add_archive_urls(SMALL, "small.yaml", {"a": archived}, today=TODAY)
    except (InvalidTimeline, EditError):
        return  # not a URL the format accepts (a space, a control character): nothing is written
    assert done == ["a"]
    assert parse_bytes(result.encode(), "small.yaml").data["sources"]["a"]["archive_url"] == archived
    lines = result.splitlines()
    new = [line for line in lines if line.lstrip().startswith(("archive_url:", "archive_url :"))]
    assert len(new) == 1
    assert [line for line in lines if line != new[0]] == SMALL.splitlines()
    assert format_text(result, "small.yaml") == result
