"""Parse 100,000 dates in one process: the parsing benchmark of issue 16 (a section of benchmarks.run).

python -m benchmarks.dates before [COUNT]   # the forms of before issue 16, with the parser of before (the reference)
python -m benchmarks.dates now       # the same dates with today's parser
python -m benchmarks.dates mixed     # a mix with every form of today (a fifth are the new ones)
python -m benchmarks.dates floor     # build the mixed list and import the parser, parse nothing

The dates are made from a fixed seed, so every run parses the same strings.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable

COUNT = 100_000


def _day(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1950, 2030), rng.randint(1, 12), rng.randint(1, 28)


def old_form(rng: random.Random) -> str:
    """Year, month or day, a quarter of them qualified; a sixth intervals, some open."""
    year, month, day = _day(rng)
    text = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
    if rng.random() < 0.25:
        text += rng.choice("~?%")
    if rng.random() < 1 / 6:
        end = f"{year + 1}-{month:02d}"
        text = rng.choice([f"{text}/{end}", f"{text}/..", f"../{end}"])
    return text


def new_form(rng: random.Random) -> str:
    """One of the forms issue 16 added."""
    year, month, day = _day(rng)
    return rng.choice(
        [
            f"[{year}-{month:02d}-{day:02d},{year}-{month:02d}-{day + 1:02d}]",
            f"[{year}-{month:02d},{year}-{month:02d}-{day:02d},{year + 1}]",
            f"{year}-{rng.choice([21, 22, 23, 24, 33, 36, 40])}",
            f"{year // 10}X",
            f"{year}-XX",
            f"{year}-{month:02d}-XX",
            f"{year}/",
            f"/{year}-{month:02d}",
            f"{year}-{month:02d}-~{day:02d}",
            f"?{year}-{month:02d}-{day:02d}",
        ]
    )


def dates(mixed: bool, count: int = COUNT) -> list[str]:
    rng = random.Random(16)
    distinct = [new_form(rng) if mixed and rng.random() < 0.2 else old_form(rng) for _ in range(2_000)]
    return [distinct[index % len(distinct)] for index in range(count)]


def main(mode: str, count: int = COUNT) -> int:
    parse: Callable[[str], object]
    if mode == "before":
        from benchmarks.dates_before import parse_edtf as parse
    else:
        from armsdeal.core.dates import parse_edtf as parse
    texts = dates(mixed=mode in ("mixed", "floor"), count=count)
    if mode != "floor":
        for text in texts:
            parse(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], *(int(argument) for argument in sys.argv[2:3])))
