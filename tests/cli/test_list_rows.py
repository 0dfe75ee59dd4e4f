"""`list` drawn from each file's row of cells (render/view.py list_view, index/listing.py), as it was drawn before.

The golden files were written by the `list` that drew a Rich Text per row from whole timelines
(before issue 33's listing rows): valid, invalid and hostile timelines, one shadowing a bundled
one, at widths that keep every column, cut the title or leave columns out, with and without
colour. `list` must write the same bytes without the index, with it built anew and with it warm.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, invoke
from typer.testing import CliRunner

from armsdeal.index import sync

FOLDER = DATA / "list-folder"
GOLDEN = DATA / "golden" / "list"


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ARMSDEAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("ARMSDEAL_NO_FAST", "view-cache")  # a repeat would be the view cache's hit, not the index's
    monkeypatch.delenv("ARMSDEAL_NO_CACHE", raising=False)
    monkeypatch.setattr(sync, "RACY_NS", -(10**18))  # the files are stored however recent
    return tmp_path / "cache"


@pytest.mark.parametrize("width", [20, 43, 60, 100, 200])
@pytest.mark.parametrize("color", ["never", "always"])
def test_list_writes_what_it_wrote_before(
    runner: CliRunner, own_cache: Path, width: int, color: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = (GOLDEN / f"list-{width}-{color}.txt").read_text(encoding="utf-8")
    # The folder as a relative path: its absolute one would wrap differently in every checkout.
    monkeypatch.chdir(FOLDER.parent)
    words = ["list", "--width", str(width), "--color", color, "--timelines", FOLDER.name]
    for no_cache in (["--no-cache"], [], []):  # without the index, built anew, warm
        result = invoke(runner, *words, *no_cache)
        assert result.exit_code == 1  # two invalid files
        assert result.stdout == expected, no_cache
    assert list((own_cache / "index").glob("*.sqlite")), "the index was used"


def test_a_list_of_no_timeline_is_its_headings() -> None:
    from conftest import draw

    from armsdeal.render.view import list_view

    assert draw(list_view([]), width=100) == "id title deal events first last status from\n"
