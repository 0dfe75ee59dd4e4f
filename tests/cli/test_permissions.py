"""A timeline in a folder we may not look into: a reading error, said as one (issue 27, defect 11).

As root every permission is granted, so the folder's refusal is made by os.stat and os.lstat, which is
where the system refuses it (EACCES on a path inside a folder without execute permission).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import TIMELINES, invoke


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "turkey-s400.yaml").write_bytes((TIMELINES / "turkey-s400.yaml").read_bytes())
    inside = str(folder) + os.sep

    def refused(call: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(path: Any, *args: Any, **kwargs: Any) -> Any:
            if not isinstance(path, int) and os.path.abspath(os.fsdecode(path)).startswith(inside):
                raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
            return call(path, *args, **kwargs)

        return guarded

    monkeypatch.setattr(os, "stat", refused(os.stat))
    monkeypatch.setattr(os, "lstat", refused(os.lstat))
    return folder / "turkey-s400.yaml"


@pytest.mark.parametrize(
    "command", [("show",), ("export", "--format", "json"), ("fmt",), ("check",), ("fmt", "--check")]
)
def test_permission_denied_is_a_reading_error(runner, locked: Path, command: tuple[str, ...]) -> None:
    result = invoke(runner, *command, str(locked))
    assert result.exit_code == 2
    said = result.stdout + result.stderr
    assert "ermission denied" in said and str(locked) in said
    assert "no such file" not in said and "cannot write" not in said
