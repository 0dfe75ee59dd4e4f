"""The register of fast paths, and the switch that turns them off.

A fast path is a second way to compute what a reference path computes, kept
because it measured a real gain. Each is listed here with what it replaces,
where it branches, the benchmark row its gain was measured on, and the test
that holds its output equal to the reference path's. docs/architecture.md
lists the same table for readers (a test keeps the two in step).

``ARMSDEAL_NO_FAST`` turns fast paths off, to bisect a bug or to compare:
``1`` (or ``all``) turns every one off, a comma list of names turns those off.
Every output is byte-identical either way; only time and memory change.
``.ci/run`` runs part of the suite with every fast path off.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

VARIABLE = "ARMSDEAL_NO_FAST"


@dataclass(frozen=True, slots=True)
class FastPath:
    """One fast path: its switch name, where it branches, what it replaces, its measured gain, its guard test."""

    name: str
    where: str
    replaces: str
    gain: str
    test: str


FAST_PATHS: tuple[FastPath, ...] = (
    FastPath(
        "yaml-rs",
        "read/fast.py: fast_data, plain_data",
        "reading a clean file with the located loader (PyYAML on libyaml)",
        "check of 1,000 files: CPU 2.52x without it (runner, fastpaths section, 7 Dec 2026)",
        "tests/read/test_fast.py",
    ),
    FastPath(
        "pieces",
        "read/fast.py: fast_data (_layout)",
        "reading a large clean file whole with yaml-rs",
        "check of a 10,000-event file: peak 76 MiB with it, 97 MiB without (CPU the same)",
        "tests/read/test_fast.py::test_documents_with_many_events_read_in_pieces_as_the_located_loader_reads_them",
    ),
    FastPath(
        "streamed-build",
        "read/stage.py: _parse_source (read/streamed.py)",
        "composing PyYAML's node tree and constructing data from it",
        "check of a 10,000-event file on the located path: CPU 1.24x and peak 175 MiB instead of 105 without it",
        "tests/read/test_loader_construction.py, tests/read/test_places.py",
    ),
    FastPath(
        "neighbours",
        "read/stage.py: read_beside",
        "reading the timelines beside `check FILE` with the located loader",
        "check of one file of a 100-file folder: CPU 1.99x without it",
        "tests/check/test_collection_neighbours.py",
    ),
    FastPath(
        "beside-keys",
        "check/rules/collection.py: _neighbours (index/beside.py: members, check/reach.py)",
        "every file beside `check FILE` a member of the collection, from its index row",
        "check of one file of a 30,000-file register, warm index: CPU 2.5x without it (0.41 s, 1.03 s, load 6)",
        "tests/cli/test_index_check.py",
    ),
    FastPath(
        "view-cache",
        "cli/cache.py: served before Typer is imported",
        "drawing a view again that an earlier run drew with the same inputs",
        "show turkey-s400, a cache hit: CPU 4.30x without it",
        "tests/cli/test_cache.py",
    ),
    FastPath(
        "narrow-key",
        "cli/cache.py: key (_narrow_paths) and serve (_reads_unchanged)",
        "a view cache key of `show` and `compare` made of the stamp of every file of every folder searched",
        "show ONE of a 30,000-file register, a cache hit: CPU 0.09 s, 0.40 s without it "
        "(a miss drawn with --no-cache: 0.26 s)",
        "tests/cli/test_cache.py",
    ),
    FastPath(
        "lines",
        "render/lines.py: LineRows",
        "a Rich Text per one-line row, the view printed whole",
        "show of a 10,000-event timeline: CPU 1.44-1.69x without it",
        "tests/render/test_render_lines.py",
    ),
    FastPath(
        "search-rows",
        "render/search.py: search_view (_lines)",
        "a Rich Table.grid of every hit, measured and drawn cell by cell",
        "search rafale at 10,000 files (5,054 hits), index warm: CPU 2.1x and peak 97 MiB instead of 77 without it",
        "tests/render/test_search_rows.py",
    ),
    FastPath(
        "search-plain",
        "render/search.py: _plain_lines",
        "a Line with spans for each hit's line, and its Texts, when the output has no colours (piped)",
        "search rafale at 30,000 files (15,072 hits), index warm, piped: 1.03 s; 1.39 s before it existed",
        "tests/render/test_search_rows.py",
    ),
    FastPath(
        "search-index",
        "cli/search.py: search (index/hits.py)",
        "unpickling each timeline with a hit from the index to make its hits",
        "search rafale at 30,000 files (15,072 hits), index warm: CPU 1.26x and peak 154 MiB instead of 101 without it",
        "tests/cli/test_index.py, tests/index/test_hits.py",
    ),
    FastPath(
        "prewritten",
        "export/html.py: the page's chart (svg.Chart given a mapping) and _chronology",
        "an element tree for each chronology row and each chart mark of the HTML page",
        "export html of a 10,000-event timeline: CPU 1.22-1.35x and peak 205 MiB instead of 85 without it",
        "tests/export/test_export_html_rows.py, tests/export/test_export_html_chart.py",
    ),
    FastPath(
        "fmt-direct",
        "curate/direct.py: direct_text",
        "fmt's ruamel round trip (load, lay out, dump) of a file without blank lines between entries and whose"
        " comments are a header, lines between events or their keys, or ends of event values' lines",
        "fmt of a 3.2 MB timeline (9,400 events): CPU 22.6 s without it, 6.9 s with it (7 Dec 2026); with a comment"
        " after every tenth event's title: CPU 20.6 s without it, 6.9 s with it (8 Dec 2026)",
        "tests/curate/test_direct.py",
    ),
    FastPath(
        "two-readings",
        "curate/safety.py: _both_readings",
        "the data-safety contract's readings with PyYAML (YAML 1.1) and ruamel.yaml (YAML 1.2), each building its data",
        "fmt of a 3.2 MB timeline (9,400 events) on fmt-direct: CPU 6.9 s without it, 4.2 s with it (7 Dec 2026)",
        "tests/curate/test_readings.py",
    ),
    FastPath(
        "check-results",
        "cli/check_index.py: check_collection",
        "checking every file of `check DIR` and running the rules across files again",
        "check DIR of 30,000 files after one file's title changed: CPU 0.60 s, 8.4 s without it; "
        "after an event id changed: 0.66 s wall, 1.39 s before the rules left unrelated events out (medians "
        "of 5, 8 Dec 2026)",
        "tests/cli/test_check_index.py",
    ),
    FastPath(
        "canonical-new",
        "importers/sipri.py: _check_skeleton",
        "reading each imported file with the located loader, then again with armsdeal, PyYAML and ruamel "
        "and laying it out with canonical.py (cli/editing.py checked_new): yaml-rs's reading of canonical.py's "
        "text compared with the data it was written from",
        "import sipri of 3,000 register rows in one process: CPU 2.5-2.8x and peak 108 MiB instead of 54 without it",
        "tests/importers/test_import_fast.py, tests/curate/test_canonical.py",
    ),
    FastPath(
        "named",
        "core/collection.py: locate, locate_all, present (named)",
        "listing every file of the search path's folders (catalogue) to find a few timelines by name",
        "show ONE --no-cache in a folder of 30,000 files: CPU 0.217 s, 0.325 s without it (1-file folder: 0.203 s)",
        "tests/core/test_collection_named.py",
    ),
    FastPath(
        "index-rows",
        "cli/export.py: _copied_from_index (index/rows.py)",
        "reading every file again and making the export's rows of each timeline (export --all -o x.db)",
        "export --all -o all.db of 30,000 files, index warm: CPU 3.33 s, 10.08 s reading the files (libyaml: 8.20 s)",
        "tests/cli/test_index_export.py",
    ),
)
NAMES = frozenset(path.name for path in FAST_PATHS)


def turned_off() -> frozenset[str]:
    """The names ``ARMSDEAL_NO_FAST`` turns off now (read each time: tests and the benchmark runner set it)."""
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return frozenset()
    if value.lower() in ("1", "all", "true", "yes"):
        return NAMES
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def enabled(name: str) -> bool:
    """Whether the fast path ``name`` (one of ``NAMES``) is taken; False sends the caller down the reference path."""
    if name not in NAMES:
        raise ValueError(f"{name!r} is not a registered fast path")  # a caller's typo, caught by the tests
    return name not in turned_off()


def unknown() -> list[str]:
    """Names in ``ARMSDEAL_NO_FAST`` that are no fast path (the CLI says so rather than ignore a typo)."""
    return sorted(turned_off() - NAMES)
