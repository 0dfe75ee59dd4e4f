"""What `pip install .` ships: every subpackage and the curated timelines."""

from __future__ import annotations

import tomllib

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_subpackage_is_listed_for_setuptools() -> None:
    """A subpackage missing from [tool.setuptools] packages would be absent after pip install ."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "armsdeal").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"


def test_timelines_ship_as_package_data() -> None:
    """The bundled timelines come from the repository's timelines/ folder."""
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert setuptools["package-dir"]["armsdeal.timelines"] == "timelines"
    assert "*.yaml" in setuptools["package-data"]["armsdeal.timelines"]
