"""The floors the benchmarks compare against: processes that only load files, nothing else.

python -m benchmarks.floor yaml FOLDER_OR_FILE...      # PyYAML's libyaml loader (CSafeLoader), no checks
python -m benchmarks.floor yaml-rs FOLDER_OR_FILE...   # yaml-rs (armsdeal's fast path's parser), no checks
python -m benchmarks.floor armsdeal FILE...            # armsdeal's loading and validation (load_timeline)
"""

from __future__ import annotations

import sys
from pathlib import Path


def _files(arguments: list[str]) -> list[Path]:
    files: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return files


def load_with_libyaml(files: list[Path]) -> int:
    """Parse every file with CSafeLoader; a file that is not valid YAML is counted, as a checker would."""
    import yaml

    broken = 0
    for path in files:
        try:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            broken += 1
    return broken


def load_with_yaml_rs(files: list[Path]) -> int:
    """Parse every file with yaml-rs, the parser of armsdeal's fast path; a file it cannot read is counted."""
    from yaml_rs import loads

    broken = 0
    for path in files:
        try:
            loads(path.read_text(encoding="utf-8"))
        except Exception:  # yaml-rs raises its own error types; a floor only counts them
            broken += 1
    return broken


def load_with_armsdeal(files: list[Path]) -> int:
    """Load and validate as the armsdeal command does, with the same process settings."""
    from armsdeal.check.validate import load_timeline
    from armsdeal.core.runtime import tune_gc

    tune_gc()

    for path in files:
        load_timeline(path)
    return 0


def main(argv: list[str]) -> int:
    loaders = {"yaml": load_with_libyaml, "yaml-rs": load_with_yaml_rs, "armsdeal": load_with_armsdeal}
    if len(argv) < 2 or argv[0] not in loaders:
        print(__doc__, file=sys.stderr)
        return 2
    loader = loaders[argv[0]]
    loader(_files(argv[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
