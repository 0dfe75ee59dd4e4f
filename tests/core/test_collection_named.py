"""core/collection.py's named lookup (fast path `named`): the catalogue's file for a name, found without it.

`show ONE` (and --related, `log`, `diff` of names) finds a few timelines by name. The fast path reads
the folders' names alone instead of listing every file as the catalogue does; here its answers, its
errors and its did-you-mean are compared with the catalogue's over generated folders that hold the
cases that make a lookup hard: names that differ in case alone, .yaml beside .yml, a folder or a
dangling link with a timeline's name, a suffix in capitals, non-ASCII names that casefold to ASCII
(the long s, the Kelvin sign, ß), and a user's folder shadowing the bundled one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsdeal.core import collection
from armsdeal.core.collection import Folder, locate, locate_all, present
from armsdeal.core.errors import UsageError

pytestmark = pytest.mark.fast_paths

T = TypeVar("T")

# Stems that casefold to 'ab-s' or 'ss-k' (or nearly), and a few others.
STEMS = ("ab-s", "AB-S", "Ab-s", "ab-ſ", "ab-s1", "ss-k", "SS-K", "ß-k", "ss-\u212a", "zz", "ab-s.x")
SUFFIXES = (".yaml", ".yml", ".YAML", ".txt")
KINDS = ("file", "folder", "dangling")
QUERIES = ("ab-s", "AB-S", "ss-k", "zz", "ab-s1", "ab-t", "ab-s.yaml", "SS-K.yml", "missing")


def result_of(call: Callable[[], T]) -> T | str:
    """What a lookup gives: its answer, or its usage error's message."""
    try:
        return call()
    except UsageError as error:
        return f"UsageError: {error}"


def both_ways(monkeypatch: pytest.MonkeyPatch, call: Callable[[], T]) -> tuple[T | str, T | str]:
    """The answer with the fast path, then with it off (the catalogue's)."""
    monkeypatch.delenv("ARMSDEAL_NO_FAST", raising=False)
    fast = result_of(call)
    monkeypatch.setenv("ARMSDEAL_NO_FAST", "named")
    reference = result_of(call)
    monkeypatch.delenv("ARMSDEAL_NO_FAST")
    return fast, reference


def make(folder: Path, entries: list[tuple[str, str, str]]) -> None:
    folder.mkdir(parents=True)
    for stem, suffix, kind in entries:
        path = folder / f"{stem}{suffix}"
        if path.exists() or path.is_symlink():
            continue  # a file system that ignores case: the same name twice
        if kind == "folder":
            path.mkdir()
        elif kind == "dangling":
            path.symlink_to(folder / "nowhere")
        else:
            path.write_text(f"id: {stem}\n", encoding="utf-8")


entry = st.tuples(st.sampled_from(STEMS), st.sampled_from(SUFFIXES), st.sampled_from(KINDS))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    user=st.lists(entry, max_size=8),
    bundled=st.lists(entry, max_size=8),
    queries=st.lists(st.sampled_from(QUERIES), min_size=1, max_size=4),
)
def test_the_same_file_error_and_suggestion_as_the_catalogue(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    user: list[tuple[str, str, str]],
    bundled: list[tuple[str, str, str]],
    queries: list[str],
) -> None:
    root = tmp_path_factory.mktemp("named")
    make(root / "user", user)
    make(root / "bundled", bundled)
    folders = [Folder(root / "user", "--timelines"), Folder(root / "bundled", collection.BUNDLED)]
    monkeypatch.chdir(root)  # a query that is a path (ab-s.yaml) is looked for here: never found
    for query in queries:
        fast, reference = both_ways(monkeypatch, lambda query=query: locate(query, folders))
        assert fast == reference, query
    fast, reference = both_ways(monkeypatch, lambda: locate_all(queries, folders))
    assert fast == reference
    ids = [query for query in queries if "." not in query]
    fast, reference = both_ways(monkeypatch, lambda: present(ids, folders))
    assert fast == reference


def test_a_found_name_lists_no_folder_as_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path is taken: the catalogue is never asked for a name that is there."""
    for index in range(50):
        (tmp_path / f"deal-{index:02d}.yaml").write_text("id: x\n", encoding="utf-8")
    monkeypatch.setattr(collection, "catalogue", lambda folders: pytest.fail("listed every file"))
    folders = [Folder(tmp_path, "--timelines")]
    assert locate("DEAL-07", folders) == tmp_path / "deal-07.yaml"
    assert locate_all(["deal-01", "deal-02"], folders) == [tmp_path / "deal-01.yaml", tmp_path / "deal-02.yaml"]
    assert present(["deal-03", "Deal-04", "deal-99"], folders) == {"deal-03"}


def test_an_unlistable_folder_gives_the_catalogues_error(tmp_path: Path) -> None:
    folders = [Folder(tmp_path / "gone", "--timelines")]
    with pytest.raises(UsageError, match="cannot list"):
        locate("deal", folders)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_with_a_timelines_name_is_found_as_by_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo(tmp_path / "deal.yaml")
    folders = [Folder(tmp_path, "--timelines")]
    fast, reference = both_ways(monkeypatch, lambda: locate("deal", folders))
    assert fast == reference == tmp_path / "deal.yaml"
