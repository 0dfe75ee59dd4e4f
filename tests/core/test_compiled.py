"""The model's validator kept between runs (core/compiled.py): the same answers as pydantic's own, or none used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from pydantic import ValidationError

from armsdeal.cli import cache
from armsdeal.core import compiled, runtime
from armsdeal.core.loader import load_path
from armsdeal.core.model import _REFERENCES, Timeline

# Every shipped timeline and test file that is a mapping (the others never reach the schema).
DOCUMENTS = [
    path
    for path in sorted((ROOT / "timelines").glob("*.yaml")) + sorted((ROOT / "tests" / "data").glob("*/*.yaml"))
    if isinstance(load_path(path).data, dict)
]


def _pydantic_validator() -> Any:
    Timeline.model_rebuild(force=True)  # pydantic's own, whatever an earlier test installed
    return Timeline.__pydantic_validator__


def _outcome(validator: Any, data: Any) -> Any:
    try:
        return ("valid", validator.validate_python(data))
    except ValidationError as error:
        return ("invalid", error.errors(include_url=False))


def _kept(key: list[str] | None = None) -> str:
    text = compiled.encode(_pydantic_validator(), key or compiled.key(), _REFERENCES)
    assert text is not None
    return text


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_the_kept_validator_answers_as_pydantics_own(path: Path) -> None:
    """Every shipped timeline and test file: the same model, or the same errors at the same places."""
    document = load_path(path)
    own = _pydantic_validator()
    kept = compiled.decode(_kept(), compiled.key(), _REFERENCES)
    assert kept is not None
    assert _outcome(kept, document.data) == _outcome(own, document.data)


def test_what_is_kept_names_only_the_models_references() -> None:
    kept = json.loads(_kept())
    names: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if value.get("$") == "name":
                names.add(value["name"])
            elif value.get("$") == "member":
                names.add(value["enum"])
            else:
                assert "metadata" not in value  # only pydantic's JSON Schema generator reads it
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(kept["arguments"])
    assert len(DOCUMENTS) >= 40  # the parametrized comparison above sees them all
    assert names <= set(_REFERENCES)
    assert {"Timeline", "Event", "EventType", "_parse_date", "_check_url"} <= names
    assert {"list", "dict"} <= names  # the default_factory of the empty lists and mappings


def test_another_key_or_a_broken_file_is_not_used() -> None:
    key = compiled.key()
    text = _kept(key)
    assert compiled.decode(text, key, _REFERENCES) is not None
    assert compiled.decode(text, [*key[:-1], "vocabulary.py:0:0"], _REFERENCES) is None  # edited source
    assert compiled.decode(text, ["3.0", *key[1:]], _REFERENCES) is None  # another Python
    assert compiled.decode(text[: len(text) // 2], key, _REFERENCES) is None
    assert compiled.decode("[]", key, _REFERENCES) is None
    # A name outside the model's table is never looked up anywhere else.
    smuggled = text.replace('"name": "_check_url"', '"name": "system"')
    assert smuggled != text
    assert compiled.decode(smuggled, key, _REFERENCES) is None
    # A schema pydantic-core refuses.
    refused = text.replace('"type": "model"', '"type": "no-such-schema"')
    assert compiled.decode(refused, key, _REFERENCES) is None


def test_a_schema_holding_anything_else_is_not_kept() -> None:
    class Unnamed:
        pass

    class Stub:
        def __init__(self, schema: Any) -> None:
            self.schema = schema

        def __reduce__(self) -> Any:
            return (Stub, (self.schema, None))

    assert compiled.encode(Stub({"type": "str"}), ["k"], {}) is not None
    assert compiled.encode(Stub({"type": "any", "x": Unnamed()}), ["k"], {}) is None
    assert compiled.encode(Stub({"type": "any", "$": "name"}), ["k"], {}) is None
    assert compiled.encode(Stub({"type": "float", "le": float("inf")}), ["k"], {}) is None


class _Store:
    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self.reads = 0

    def read(self, name: str) -> str | None:
        self.reads += 1
        return self.files.get(name)

    def write(self, name: str, text: str) -> None:
        self.files[name] = text


def test_install_builds_and_keeps_then_reads_back(monkeypatch: pytest.MonkeyPatch) -> None:
    store = _Store()
    monkeypatch.setattr(runtime, "_compiled_store", store)
    data = load_path(ROOT / "timelines" / "turkey-s400.yaml").data
    try:
        compiled.install(Timeline, _REFERENCES)
        assert list(store.files) == ["timeline.json"]
        built = Timeline.__pydantic_validator__
        compiled.install(Timeline, _REFERENCES)
        assert Timeline.__pydantic_validator__ is not built  # read back, not built by pydantic
        assert Timeline.model_validate(data) == built.validate_python(data)
        store.files["timeline.json"] = "{"  # broken: built again, and kept again
        compiled.install(Timeline, _REFERENCES)
        assert json.loads(store.files["timeline.json"])["key"] == compiled.key()
    finally:
        Timeline.model_rebuild(force=True)


def test_without_a_store_pydantic_builds_as_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runtime, "_compiled_store", None)
    before = Timeline.__pydantic_validator__
    compiled.install(Timeline, _REFERENCES)
    assert Timeline.__pydantic_validator__ is before


def test_the_cli_keeps_it_in_the_cache_folder_unless_told_not_to(tmp_path: Path) -> None:
    assert cache.compiled_folder({"ARMSDEAL_NO_CACHE": "1", "ARMSDEAL_CACHE_DIR": str(tmp_path)}) is None
    store = cache.compiled_folder({"ARMSDEAL_CACHE_DIR": str(tmp_path)})
    assert store is not None
    assert store.read("timeline.json") is None
    store.write("timeline.json", "text")
    assert store.read("timeline.json") == "text"
    assert [p.name for p in (tmp_path / "compiled").iterdir()] == ["timeline.json"]  # no temporary file left
    unwritable = cache.CompiledFolder(tmp_path / "timeline.json" / "x")  # a file where the folder would be
    (tmp_path / "timeline.json").write_text("")
    unwritable.write("timeline.json", "text")  # not an error: simply not kept
    assert unwritable.read("timeline.json") is None


def _show(cache_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "ARMSDEAL_NO_CACHE"}
    environ.update({"ARMSDEAL_CACHE_DIR": str(cache_dir), "COLUMNS": "100", "NO_COLOR": "1", **env})
    return subprocess.run(
        [sys.executable, "-m", "armsdeal", "show", "--no-cache", "turkey-s400"],
        capture_output=True,
        text=True,
        env=environ,
        cwd=ROOT / "tests",
        timeout=120,
    )


@pytest.mark.slow
def test_a_process_with_the_kept_validator_shows_the_same(tmp_path: Path) -> None:
    """First run builds and keeps it (--no-cache keeps no view, but the compiled schema), then reads it."""
    plain = _show(tmp_path / "none", ARMSDEAL_NO_CACHE="1")
    assert plain.returncode == 0, plain.stderr
    assert not (tmp_path / "none").exists()
    first = _show(tmp_path / "cache")
    kept = tmp_path / "cache" / "compiled" / "timeline.json"
    assert kept.is_file()
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["compiled"]  # no view kept
    text = kept.read_text()
    second = _show(tmp_path / "cache")
    assert kept.read_text() == text
    kept.write_text("not json")
    third = _show(tmp_path / "cache")
    assert json.loads(kept.read_text())["key"] == json.loads(text)["key"]
    for run in (first, second, third):
        assert (run.returncode, run.stdout, run.stderr) == (0, plain.stdout, "")
