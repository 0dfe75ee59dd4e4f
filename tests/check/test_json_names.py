"""A file name that is not UTF-8 in the JSON formats: text a strict JSON parser reads (issue 27, defect 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pydantic_core
import pytest
from conftest import TIMELINES

from armsdeal.render.safe_text import to_json


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes are a POSIX file system's")
def test_check_json_names_a_non_utf8_file_in_strict_json(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.yaml")
    (tmp_path / name).write_bytes((TIMELINES / "turkey-s400.yaml").read_bytes())
    run = subprocess.run(
        [sys.executable, "-m", "armsdeal", "check", "--format", "json", name],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "ARMSDEAL_NO_CACHE": "1"},
        timeout=120,
    )
    document = pydantic_core.from_json(run.stdout)  # refuses a lone surrogate, as strict parsers do
    assert document["files"][0]["path"] == "caf\\xe9.yaml"


def test_every_lone_surrogate_is_written_as_text() -> None:
    text = to_json({"a": "\udce9", "b": "\ud800", "c": "\u200b"})
    assert pydantic_core.from_json(text) == {"a": "\\xe9", "b": "\\ud800", "c": "\u200b"}
