"""Which URLs some timelines cite, where each `url:` is written, and which events stand on it.

Read from the raw data of each file (as `check` reads it), not from the model,
so that a file with a problem elsewhere still has its links checked; its
problems are check's to report. A URL cited by several sources, in one file or
in several, is one URL to check, with every place that cites it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from armsdeal.check.results import FileResult, collect_files
from armsdeal.core.dates import DateSyntaxError, parse_edtf
from armsdeal.core.errors import InputError
from armsdeal.core.problems import Problem
from armsdeal.read.files import read_file
from armsdeal.read.located import Document
from armsdeal.read.stage import parse_bytes


@dataclass(frozen=True, slots=True)
class Citation:
    """One source that cites a URL: where its `url:` value stands, and the events that cite the source."""

    path: str
    line: int
    column: int
    source_id: str
    source_date: str | None
    events: tuple[tuple[str, str], ...]  # (event id, its date as written)
    archive_url: str | None

    @property
    def day(self) -> date | None:
        """The day the page is of: the source's date, else its earliest event's (the first day of either)."""
        for text in (self.source_date, *(when for _, when in self.events)):
            if text is None:
                continue
            try:
                return parse_edtf(text).earliest
            except (DateSyntaxError, ValueError):
                continue
        return None


@dataclass(slots=True)
class Cited:
    """Every URL of the files read -> its citations (in file order), and each file read, problems and all."""

    urls: dict[str, list[Citation]] = field(default_factory=dict)
    files: list[FileResult] = field(default_factory=list)

    def add(self, url: str, citation: Citation) -> None:
        self.urls.setdefault(url, []).append(citation)


def cited_urls(paths: Iterable[Path]) -> Cited:
    """The URLs cited by the timeline files at these paths (folders searched as `check` searches them)."""
    cited = Cited()
    for _ in reading(paths, cited):
        pass
    return cited


def reading(paths: Iterable[Path], cited: Cited) -> Iterator[list[str]]:
    """The files read one by one into ``cited``; after each, the URLs it cites that no file before it did.

    So that `armsdeal links` can ask the first file's links while it reads the next.
    """
    for target in collect_files(paths):
        if isinstance(target, FileResult):
            cited.files.append(target)  # a folder that cannot be listed
            continue
        new: list[str] = []
        cited.files.append(_read(target, cited, new))
        yield new


def _read(path: Path, cited: Cited, new: list[str]) -> FileResult:
    """One file's citations into ``cited`` (and into ``new`` each URL cited for the first time)."""
    try:
        raw = read_file(path)
    except InputError as error:
        problem = Problem(str(path), 1, 1, "file-unreadable", str(error).removeprefix(f"{path}: "), located=False)
        return FileResult(str(path), (problem,), readable=False)
    document = parse_bytes(raw, str(path))
    for url, citation in citations_in(document):
        if url not in cited.urls:
            new.append(url)
        cited.add(url, citation)
    if document.data is None:  # not YAML: its links are unknown, which must not pass for "all reachable"
        return FileResult(str(path), tuple(problem for problem in document.problems))
    return FileResult(str(path), ())


def citations_in(document: Document) -> list[tuple[str, Citation]]:
    """(URL, citation) of every source of one parsed file whose `url:` is text."""
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        return []
    citing = _citing_events(data.get("events"))
    found = []
    for source_id, source in data["sources"].items():
        if not isinstance(source, dict) or not isinstance(source.get("url"), str):
            continue
        line, column = document.locate(("sources", source_id, "url"))
        archive = source.get("archive_url")
        citation = Citation(
            document.path,
            line,
            column,
            str(source_id),
            _text(source.get("date")),
            tuple(citing.get(str(source_id), ())),
            archive if isinstance(archive, str) else None,
        )
        found.append((source["url"].strip(), citation))
    return found


def _citing_events(events: Any) -> dict[str, list[tuple[str, str]]]:
    """Source id -> (event id, event date) of each event that cites it, in file order."""
    citing: dict[str, list[tuple[str, str]]] = {}
    for event in events if isinstance(events, list) else ():
        if not isinstance(event, dict) or not isinstance(event.get("sources"), list):
            continue
        event_id, when = str(event.get("id", "?")), _text(event.get("date")) or ""
        for source_id in dict.fromkeys(map(str, event["sources"])):
            citing.setdefault(source_id, []).append((event_id, when))
    return citing


def _text(value: Any) -> str | None:
    return None if value is None or isinstance(value, dict | list) else str(value)


def urls_of(documents: Sequence[Document]) -> set[str]:
    """Every URL the documents cite (for --only-changed: the URLs at the base revision)."""
    return {url for document in documents for url, _ in citations_in(document)}
