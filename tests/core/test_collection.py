"""core/collection.py: names to files, the folders listed once however many names are given."""

from __future__ import annotations

from pathlib import Path

import pytest

from armsdeal.core import collection
from armsdeal.core.collection import Folder, locate, locate_all


@pytest.fixture
def folder(tmp_path: Path) -> Folder:
    for index in range(30):
        (tmp_path / f"deal-{index:02d}.yaml").write_text(f"id: deal-{index:02d}\n", encoding="utf-8")
    return Folder(tmp_path, "--timelines")


def test_many_names_list_the_folders_once(folder: Folder, monkeypatch: pytest.MonkeyPatch) -> None:
    listings: list[Path] = []
    listing = collection.timeline_files

    def counted(directory: Path) -> list[Path]:
        listings.append(directory)
        return listing(directory)

    monkeypatch.setattr(collection, "timeline_files", counted)
    names = [f"DEAL-{index:02d}" for index in range(30)]  # any case, as locate takes them
    found = locate_all(names, [folder])
    assert found == [folder.path / f"deal-{index:02d}.yaml" for index in range(30)]
    assert listings == [folder.path]  # once, not once per name (quadratic for 10,000 names)


def test_the_same_answers_as_locate_one_by_one(folder: Folder) -> None:
    names = ["deal-03", "deal-03.yaml", str(folder.path / "deal-07.yaml"), "deal-29"]
    assert locate_all(names, [folder]) == [locate(name, [folder]) for name in names]


def test_an_unknown_name_is_the_same_usage_error(folder: Folder) -> None:
    with pytest.raises(collection.UsageError, match="no timeline named 'deal-1'"):
        locate_all(["deal-00", "deal-1"], [folder])


def test_timeline_files_are_those_of_a_listing_of_paths(tmp_path: Path) -> None:
    """timeline_files (os.scandir, names sorted) lists what sorting the folder's Paths with a timeline suffix did."""
    for name in (".yaml", "..yaml", "B.yaml", "a.yaml", "a.yml", "c.YAML", "d.yaml.", "e.b.yaml", "notes.txt"):
        (tmp_path / name).write_text("id: x\n", encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "to-folder.yaml").symlink_to(tmp_path / "folder.yaml")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere")
    expected = sorted(p for p in tmp_path.iterdir() if p.suffix in collection.SUFFIXES and not p.is_dir())
    assert collection.timeline_files(tmp_path) == expected
    assert [path.name for path in expected] == ["..yaml", "B.yaml", "a.yaml", "a.yml", "dangling.yaml", "e.b.yaml"]
