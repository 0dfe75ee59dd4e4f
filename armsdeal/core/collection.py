"""Where timelines live, and how a name on the command line becomes a file.

The folder is, in order: --timelines DIR, $ARMSDEAL_TIMELINES, ./timelines if
it exists, else the timelines bundled with the package.
"""

from __future__ import annotations

import os
from pathlib import Path

from armsdeal.core.errors import UsageError
from armsdeal.core.vocabulary import ID_RE

ENV_VAR = "ARMSDEAL_TIMELINES"
SUFFIXES = (".yaml", ".yml")
_NAME = ID_RE


def bundled_dir() -> Path:
    """The timelines installed with the package (the checkout's timelines/ in development)."""
    package = Path(__file__).resolve().parent.parent  # armsdeal/, from armsdeal/core/
    installed = package / "timelines"
    # An editable install or a plain checkout has no armsdeal/timelines: the data
    # is then the repository's own timelines/ folder beside the package.
    return installed if installed.is_dir() else package.parent / "timelines"


def resolve_dir(option: Path | None = None) -> Path:
    """The timelines folder to use, by the precedence in the module docstring."""
    if option is not None:
        return _existing_dir(option, "--timelines")
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return _existing_dir(Path(from_env), ENV_VAR)
    local = Path("timelines")
    return local if local.is_dir() else bundled_dir()


def _existing_dir(path: Path, origin: str) -> Path:
    if not path.is_dir():
        raise UsageError(f"{origin}: '{path}' is not a folder")
    return path


def timeline_files(directory: Path) -> list[Path]:
    """The timeline files of a folder, sorted by name."""
    try:
        return sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file())
    except OSError as error:
        raise UsageError(f"cannot list '{directory}': {error.strerror or error}") from error


def timeline_names(directory: Path) -> list[str]:
    return [path.stem for path in timeline_files(directory)]


def find(name_or_path: str, directory: Path) -> Path:
    """The file for a timeline id in the folder, or a path to a .yaml file.

    A name is an id, never a path: '../../etc/passwd' is refused.
    """
    if name_or_path.endswith(SUFFIXES):
        path = Path(name_or_path)
        if not path.exists():
            raise UsageError(f"'{name_or_path}': no such timeline file")
        if not path.is_file():
            raise UsageError(f"'{name_or_path}': not a regular file")
        return path
    if not _NAME.fullmatch(name_or_path):
        raise UsageError(
            f"'{name_or_path}' is not a timeline name: names are ids like turkey-s400 (or give a path ending in .yaml)"
        )
    for suffix in SUFFIXES:
        path = directory / f"{name_or_path}{suffix}"
        if path.is_file():
            return path
    known = ", ".join(timeline_names(directory)) or "none"
    raise UsageError(f"no timeline named '{name_or_path}' in {directory} (known: {known})")
