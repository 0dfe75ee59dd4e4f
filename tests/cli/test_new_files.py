"""cli/output.py create_new_files: new files written together, flushed to disk once (issue 33's import)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from armsdeal.cli import output
from armsdeal.core.errors import InputError


def test_each_file_is_written_or_left_alone_with_no_temporary_file_left(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("mine\n", encoding="utf-8")
    files = [(tmp_path / name, f"{name}\n".encode()) for name in ("a.yaml", "b.yaml", "c.yaml")]
    files.append((tmp_path / ("x" * 300 + ".yaml"), b"too long a name\n"))
    results = output.create_new_files(files)
    assert results[:3] == [True, False, True]
    assert isinstance(results[3], InputError) and "cannot write" in str(results[3])
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "a.yaml\n"
    assert (tmp_path / "b.yaml").read_text(encoding="utf-8") == "mine\n"  # never over a file
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "c.yaml"]
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "c.yaml").stat().st_mode & 0o777 == 0o666 & ~umask


def test_the_files_are_flushed_before_any_is_linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    order: list[str] = []
    real_link, real_sync = os.link, output._sync_files
    monkeypatch.setattr(output, "_sync_files", lambda paths: (order.append("sync"), real_sync(paths))[1])
    monkeypatch.setattr(os, "link", lambda source, target: (order.append("link"), real_link(source, target))[1])
    output.create_new_files([(tmp_path / "a.yaml", b"a\n"), (tmp_path / "b.yaml", b"b\n")])
    assert order == ["sync", "link", "link"]


def test_without_syncfs_each_file_is_flushed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flushed: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(output, "_syncfs_call", lambda: None)
    monkeypatch.setattr(os, "fsync", lambda descriptor: (flushed.append(descriptor), real_fsync(descriptor))[1])
    assert output.create_new_files([(tmp_path / "a.yaml", b"a\n"), (tmp_path / "b.yaml", b"b\n")]) == [True, True]
    assert len(flushed) >= 2
