"""archive_url written into sources (curate/archive.py, for `links --archive --write`): nothing else changes."""

from __future__ import annotations

import pytest
from conftest import TIMELINES, TODAY

from armsdeal.core.loader import parse_bytes
from armsdeal.curate.archive import add_archive_urls
from armsdeal.curate.fmt import format_text
from armsdeal.curate.yamlio import EditError

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
    from armsdeal.core.errors import InvalidTimeline

    text = (TIMELINES / "turkey-s400.yaml").read_text(encoding="utf-8")
    with pytest.raises(InvalidTimeline):
        add_archive_urls(text, "turkey-s400.yaml", {"tass-2017-07-25": "javascript:alert(1)"}, today=TODAY)
