"""Register-sized collections: what `armsdeal import sipri` writes from a register of N rows (issue 33).

A seeded, synthetic trade register (SIPRI's CSV shape: title lines, the header, one row a
deal) goes through the importer's own engine (armsdeal.importers.sipri.read_register), and
each skeleton is written by the importer's writer (armsdeal.cli.editing.create): one file per row, named after its id,
2-8 events each (the order, then one to seven years of delivery). Same arguments, same
bytes; rows depend only on the seed and their index, so the first 1,000 files of a
10,000-file collection are the 1,000-file collection. A folder is reused from its manifest.

    python -m benchmarks.register OUT --files 10000
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from armsdeal.cli.editing import create
from armsdeal.importers.sipri import read_register

# Part of every manifest: bump it whenever the output changes, so stale folders are regenerated.
GENERATOR_VERSION = 1
MANIFEST = "manifest.json"
# The register's generation date, and the `today` its skeletons are checked against: fixed, so the
# bytes do not change with the day the benchmark runs.
GENERATED = "10 March 2025"
TODAY = date(2025, 3, 10)
# A word of some titles, for `search`.
SEARCH_WORD = "rafale"

_STATES = [
    "Turkey",
    "Russia",
    "United States",
    "India",
    "France",
    "Germany",
    "China",
    "Brazil",
    "Egypt",
    "Sweden",
    "Greece",
    "Japan",
    "Korea, South",
    "Viet Nam",
    "Côte d'Ivoire",
]
_SYSTEMS = [
    ("S-400", "SAM system"),
    ("F-16C", "FGA aircraft"),
    ("Rafale", "FGA aircraft"),
    ("Leopard-2A7", "tank"),
    ("M-142 HIMARS", "self-propelled MRL"),
    ("Gowind-2500", "corvette"),
    ("MIM-104F PAC-3", "SAM system"),
    ("T-90S", "tank"),
    ("Su-30MK", "FGA aircraft"),
    ("Bayraktar TB2", "armed UAV"),
]
_HEADER = [
    "Recipient",
    "Supplier",
    "Year of order",
    "",
    "Number ordered",
    "",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
]


@dataclass(frozen=True)
class Collection:
    directory: Path
    files: list[Path]


def _row(index: int, seed: int) -> list[str]:
    rng = random.Random(f"{seed}-{index}")
    recipient, supplier = rng.sample(_STATES, 2)
    system, description = rng.choice(_SYSTEMS)
    # A batch number keeps most ids apart (the importer numbers the rest, as it does for a real register).
    designation = f"{system} batch {index // len(_SYSTEMS) + 1}"
    order = rng.randint(1950, 2016)
    deliveries = rng.randint(1, 7)  # with the order: 2-8 events
    first = order + rng.randint(0, 3)
    if rng.random() < 0.5:
        years = f"{first}-{first + deliveries - 1}" if deliveries > 1 else str(first)
    else:
        years = "; ".join(str(first + 2 * step) for step in range(deliveries))
    ordered = rng.randint(deliveries, 200)
    uncertain = "?" if rng.random() < 0.1 else ""
    comment = rng.choice(["", "second-hand", "ex-army; refurbished before delivery", "financed by a loan"])
    tiv = rng.randint(1, 100)
    return [
        recipient,
        supplier,
        str(order),
        uncertain,
        str(ordered),
        "",
        designation,
        description,
        str(ordered),
        "",
        years,
        rng.choice(["New", "Second hand"]),
        comment,
        str(tiv),
        str(tiv * ordered),
        str(tiv * ordered),
    ]


def register_csv(rows: int, *, seed: int = 0) -> str:
    """The text of a trade register of `rows` deals, as SIPRI's database exports it."""
    out = io.StringIO()
    out.write("Trade register\n")
    out.write("\"Transfers of major weapons (synthetic data for armsdeal's benchmarks, not SIPRI's)\"\n")
    out.write(f"Information generated: {GENERATED}\n\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_HEADER)
    for index in range(rows):
        writer.writerow(_row(index, seed))
    return out.getvalue()


def collection(directory: Path, *, files: int, seed: int = 0) -> Collection:
    """A folder of `files` imported timelines (reused when its manifest matches)."""
    manifest = directory / MANIFEST
    params = {"version": GENERATOR_VERSION, "files": files, "seed": seed}
    if manifest.exists():
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        paths = [directory / name for name in recorded.get("files", [])]
        if recorded.get("params") == params and all(path.exists() for path in paths):
            return Collection(directory, paths)
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.yaml"):
        stale.unlink()
    register = directory.parent / f"register-{files}-{seed}.csv"
    register.write_text(register_csv(files, seed=seed), encoding="utf-8")
    # One name for every size (each source note names it), so a smaller collection is the start of a larger one.
    found = read_register(register.read_bytes(), "trade-register.csv", today=TODAY)
    if found.problems or len(found.skeletons) != files:
        raise ValueError(f"the synthetic register does not import cleanly: {found.problems[:3]}")
    paths = []
    for skeleton in found.skeletons:
        path = directory / f"{skeleton.id}.yaml"
        create(path, skeleton.yaml)  # the importer's writer: fmt's layout, checked by the contract
        paths.append(path)
    manifest.write_text(json.dumps({"params": params, "files": [p.name for p in paths]}), encoding="utf-8")
    return Collection(directory, paths)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    made = collection(args.out, files=args.files, seed=args.seed)
    print(f"{len(made.files)} timelines in {made.directory}")


if __name__ == "__main__":
    main()
