"""Every command's --format is its registry: the choices and their help come from one place."""

from __future__ import annotations

import pytest
from conftest import invoke

from armsdeal.check.formats import FORMATS as CHECK
from armsdeal.compare.formats import FORMATS as COMPARE
from armsdeal.core.registry import Entry, Registry
from armsdeal.diff.formats import FORMATS as DIFF
from armsdeal.diff.log_formats import FORMATS as LOG
from armsdeal.export import FORMATS as EXPORT

REGISTRIES = {"check": CHECK, "diff": DIFF, "compare": COMPARE, "export": EXPORT, "log": LOG}


@pytest.mark.parametrize(("command", "registry"), REGISTRIES.items())
def test_help_lists_the_registry_formats_with_their_help(runner, command: str, registry: Registry[object]) -> None:
    result = invoke(runner, command, "--help", env={"COLUMNS": "400"})
    assert result.exit_code == 0
    listed = "".join(result.stdout.split())  # help is wrapped, at hyphens too
    for entry in registry:
        assert "".join(f"{entry.name} ({entry.help})".split()) in listed


@pytest.mark.parametrize(("command", "registry"), REGISTRIES.items())
def test_a_name_outside_the_registry_is_a_usage_error_naming_the_choices(
    runner, command: str, registry: Registry[object]
) -> None:
    result = invoke(runner, command, "--format", "nosuch", "turkey-s400", "turkey-s400")
    assert result.exit_code == 2
    assert ", ".join(registry.names()) in " ".join(result.stderr.split())


@pytest.mark.parametrize("registry", REGISTRIES.values())
def test_every_entry_loads_a_callable_from_its_own_module(registry: Registry[object]) -> None:
    modules = set()
    for entry in registry:
        assert entry.load() is not None
        modules.add(entry.target.partition(":")[0])
    assert len(modules) == len(registry), "one module per format"


def test_suffixes_claimed_by_one_entry_name_it() -> None:
    registry: Registry[str] = Registry(
        "t", [Entry("a", "A", "os:sep", (".a",)), Entry("b", "B", "os:sep", (".a", ".b"))]
    )
    assert registry.for_suffix(".B") == "b"
    assert registry.for_suffix(".a") is None  # claimed twice: ambiguous
    assert registry.default == "a"
    with pytest.raises(ValueError, match="not in the t registry"):
        Registry("t", [Entry("a", "A", "os:sep")], default="z")


def test_reading_a_registry_imports_no_format_module() -> None:
    import subprocess
    import sys

    pattern = r"armsdeal\.(check|diff|compare)\.formats\.|armsdeal\.export\.|armsdeal\.diff\.log_formats\."
    code = (
        "import re, sys; import armsdeal.check.formats, armsdeal.diff.formats, armsdeal.compare.formats;"
        "import armsdeal.diff.log_formats;"
        "import armsdeal.export;"
        f"loaded = [m for m in sys.modules if re.match({pattern!r}, m)];"
        "assert not loaded and 'rich' not in sys.modules, loaded"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
