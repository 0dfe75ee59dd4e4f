"""`search`'s rows in the index (index/hits.py): served rows find and show what the timelines find and show.

The reference is core/search.matching_events over the timelines read from their files; the rows are
those the index stored and serves (after marshal and the seal), and the hits must be the same events,
in the same order, with the same fields and the same cells (core/search.Found, what the view draws).
"""

from __future__ import annotations

import marshal
import random
import sqlite3
from pathlib import Path

import pytest
from conftest import DATA, WORDS, random_timeline
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.check.load import load_many
from armsdeal.check.validate import load_timeline
from armsdeal.core.search import found_of, matching_events, matching_rows
from armsdeal.index import hits, sync
from armsdeal.index.schema import prepare
from armsdeal.index.seal import Seal

SEAL = Seal(b"k" * 32, "/timelines")
NEEDLES = [*WORDS, "a", "ss", "SS", "ﬁ", "fi", "-", '"', "\n", "e1", "actor"]


def stored_collection(folder: Path, seed: int) -> tuple[sqlite3.Connection, list[Path], dict[str, sync.Stamp]]:
    folder.mkdir(exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number in range(8):
        path = folder / f"deal-{number}.yaml"
        path.write_text(random_timeline(path.stem, rng), encoding="utf-8")
        paths.append(path)
    index = sqlite3.connect(folder / "index.sqlite", isolation_level=None)
    prepare(index, "code")
    sync.RACY_NS, racy = -(10**18), sync.RACY_NS
    try:
        sync.refresh(index, paths, SEAL)
        current = sync.refresh(index, paths, SEAL).current  # the second run: every row current
    finally:
        sync.RACY_NS = racy
    return index, paths, current


@given(seed=st.integers(0, 10**6), needle=st.sampled_from(NEEDLES))
def test_served_rows_give_the_hits_of_the_timelines(
    tmp_path_factory: pytest.TempPathFactory, seed: int, needle: str
) -> None:
    index, paths, current = stored_collection(tmp_path_factory.mktemp("t"), seed)
    served = hits.stored(index, current, SEAL)
    assert set(served) == {path.name for path in paths}
    expected = [found_of(hit) for hit in matching_events(load_many(paths).timelines, needle)]
    assert matching_rows([served[path.name] for path in paths], needle) == expected


@pytest.mark.parametrize("word", ["a", "e", "rafale", "S-400", "ss", "Ankara"])
def test_rows_of_hand_written_timelines_give_their_hits(word: str) -> None:
    names = ("showcase", "hostile", "minimal", "date-forms")
    timelines = [load_timeline(DATA / "valid" / f"{name}.yaml") for name in names]
    rows = [hits._rows(hits.packed(timeline)) for timeline in timelines]
    assert matching_rows(rows, word) == [found_of(hit) for hit in matching_events(timelines, word)]


def test_rows_not_sealed_by_this_key_or_for_this_stamp_are_not_served(tmp_path: Path) -> None:
    index, paths, current = stored_collection(tmp_path / "t", 3)
    forged = marshal.dumps((((1, 1, 1), "FORGED", "deal-0", "statement", "x", "e0", "", (), (), ()),))
    index.execute("UPDATE files SET hits = ? WHERE name = 'deal-0.yaml'", (forged,))
    served = hits.stored(index, current, SEAL)
    assert "deal-0.yaml" not in served and len(served) == len(paths) - 1
    assert hits.stored(index, current, Seal(b"o" * 32, "/timelines")) == {}
    moved = {name: stamp._replace(mtime_ns=stamp.mtime_ns + 1) for name, stamp in current.items()}
    assert hits.stored(index, moved, SEAL) == {}
