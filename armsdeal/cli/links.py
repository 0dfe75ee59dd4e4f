"""`armsdeal links`: every cited page checked, problems in check's voice, archived copies found and written."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from armsdeal.check.formats import FORMATS
from armsdeal.cli.app import ColorMode, ColorOption, TimelinesOption, app, make_console, reports_errors, say
from armsdeal.cli.options import format_option

if TYPE_CHECKING:
    from armsdeal.core.problems import Problem
    from armsdeal.links.archive import Found
    from armsdeal.links.citations import Citation, Cited
    from armsdeal.links.fetch import Settings, Watcher
    from armsdeal.links.results import LinkResult

ARCHIVE_ENV = "ARMSDEAL_ARCHIVE_URL"
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(s|m|min|h|d)?")
_UNITS = {"": 1, "s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def _duration(value: str) -> float:
    match = _DURATION.fullmatch(value.strip())
    if match is None:
        raise typer.BadParameter(f"'{value}' is not a duration: give seconds, or 30m, 12h, 2d")
    return float(match.group(1)) * _UNITS[match.group(2) or ""]


@dataclass(frozen=True, slots=True)
class _Archive:
    """What --archive, --archive-url and --write asked for."""

    wanted: bool
    base: str
    write: bool


@app.command()
@reports_errors
def links(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Timeline names, files or folders [default: the timelines folder, as check chooses it].",
            metavar="NAME|PATH...",
            show_default=False,
        ),
    ] = None,
    timelines: TimelinesOption = None,
    output_format: Annotated[
        str | None, format_option(FORMATS, default_note="github when GITHUB_ACTIONS=true, else text")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Redirects and unchecked links fail too (exit 1).")] = False,
    only_changed: Annotated[
        bool, typer.Option("--only-changed", help="Only URLs added or changed since --base (for pull requests).")
    ] = False,
    base: Annotated[
        str | None, typer.Option("--base", metavar="REV", help="The revision --only-changed compares with [HEAD].")
    ] = None,
    archive: Annotated[
        bool,
        typer.Option(
            "--archive", help="Find the archived copy closest to the source's date for each dead or redirected link."
        ),
    ] = False,
    archive_url: Annotated[
        str,
        typer.Option(
            "--archive-url",
            envvar=ARCHIVE_ENV,
            metavar="URL",
            help="The archive's base URL (a Wayback-compatible availability API).",
        ),
    ] = "https://archive.org",
    write: Annotated[
        bool, typer.Option("--write", help="With --archive: record each copy found as the source's archive_url.")
    ] = False,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Also check links to loopback, private and other non-public addresses."),
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.01, max=600, metavar="SECONDS", help="Time allowed for each request.")
    ] = 10.0,
    retries: Annotated[
        int, typer.Option("--retries", min=0, max=10, metavar="N", help="Tries again after a 429, 5xx or timeout.")
    ] = 2,
    per_host: Annotated[
        int, typer.Option("--per-host", min=1, max=64, metavar="N", help="Requests to one host at a time.")
    ] = 4,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, max=1024, metavar="N", help="Requests at a time in all.")
    ] = 64,
    max_redirects: Annotated[
        int, typer.Option("--max-redirects", min=0, max=50, metavar="N", help="Redirects followed per link.")
    ] = 10,
    max_age: Annotated[
        str, typer.Option("--max-age", metavar="DURATION", help="Reuse cached results this young (90s, 30m, 12h, 2d).")
    ] = "1d",
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Ask every server now, and keep nothing (also ARMSDEAL_NO_CACHE).")
    ] = False,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Check that every cited page is still there, and find archived copies of those that are not.

    Each distinct URL is asked once (HEAD, or a GET closed before its body),
    politely: a few requests per host at a time, retries with backoff, Retry-After
    honoured. Problems are written as check writes them, at the source's url: line.
    Exit codes: 0 every link reachable, 1 a link failing (or any problem with
    --strict), 2 usage error or a path that cannot be read.
    """
    from armsdeal.links.fetch import Settings
    from armsdeal.links.report import link_run, summary

    if write and not archive:
        raise typer.BadParameter("--write records archived copies: give --archive too", param_hint="--write")
    if base is not None and not only_changed:
        raise typer.BadParameter("--base is for --only-changed", param_hint="--base")
    settings = Settings(
        timeout=timeout,
        retries=retries,
        per_host=per_host,
        concurrency=concurrency,
        max_redirects=max_redirects,
        allow_private=allow_private,
    )
    plan = _Archive(archive, _archive_base(archive_url) if archive else archive_url, write)
    use_cache = not no_cache and not os.environ.get("ARMSDEAL_NO_CACHE")
    cited, batches, skipped = _wanted(_paths(names, timelines), base or "HEAD" if only_changed else None)
    results = _check(batches, settings, color, _duration(max_age) if use_cache else None)
    archived = _archived(cited, results, plan, settings) if plan.wanted else None
    now = time.time()
    run = link_run(cited, results, archived, now=now)
    reporter = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    stdout = make_console(color)
    coloured = stdout.is_terminal and stdout.color_system is not None and not stdout.no_color
    sys.stdout.write(FORMATS.load(reporter)(run.run, coloured))
    sys.stdout.flush()
    code = max(run.exit_code(strict=strict), _write(plan, cited, archived, color))
    if reporter != "json":
        say(summary(run, skipped=skipped, now=now))
    raise typer.Exit(code)


def _archive_base(value: str) -> str:
    from urllib.parse import urlsplit

    if urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).hostname:
        raise typer.BadParameter(f"'{value}' is not an http(s) URL", param_hint=f"--archive-url (or {ARCHIVE_ENV})")
    return value


def _paths(names: list[str] | None, timelines: Path | None) -> list[Path]:
    """The timelines named (names, files, folders), or the folder check would choose."""
    from armsdeal.core.collection import SUFFIXES, locate, resolve_dir, search_path

    if not names:
        return [resolve_dir(timelines)]
    paths = []
    for name in names:
        path = Path(name)
        is_path = path.is_dir() or name.casefold().endswith(SUFFIXES) or os.sep in name or "/" in name
        paths.append(path if is_path else locate(name, search_path(timelines)))
    return paths


def _wanted(paths: list[Path], changed_since: str | None) -> tuple[Cited, Iterable[list[str]], int]:
    """The citations (filled as the batches are read), the URLs to check in batches, and how many are skipped.

    Every URL, a file's at a time, read while the first ones are checked; or, with --only-changed, the
    URLs not cited at the revision, once every file is read.
    """
    from armsdeal.links.citations import Cited, cited_urls, reading

    if changed_since is None:
        cited = Cited()
        return cited, reading(paths, cited), 0
    cited = cited_urls(paths)
    unchanged = _urls_at(changed_since, cited)
    urls = [url for url in cited.urls if url not in unchanged]
    return cited, [urls], len(cited.urls) - len(urls)


def _urls_at(revision: str, cited: Cited) -> set[str]:
    """Every URL the checked files cited at a revision (a file not in it cited none)."""
    from armsdeal.core.errors import InputError
    from armsdeal.diff.revisions import Git
    from armsdeal.links.citations import urls_of
    from armsdeal.read.stage import parse_bytes

    git = Git.here()
    git.verify_revision(revision)
    documents = []
    for file in cited.files:
        try:
            raw = git.show(revision, git.relative(Path(file.path)))
        except InputError:
            continue  # new since the revision (or outside the repository): every URL in it is new
        documents.append(parse_bytes(raw, file.path))
    return urls_of(documents)


def _check(
    batches: Iterable[list[str]], settings: Settings, color: ColorMode, max_age: float | None
) -> dict[str, LinkResult]:
    """The results of the URLs: young enough ones from the cache, the rest asked now (and cached)."""
    from armsdeal.links import cache as results_cache
    from armsdeal.links.fetch import check_streamed

    where = _cache_file()
    previous = _read_cache(where, max_age) if max_age is not None else {}
    import gc

    # What start-up built (modules, the CLI, the cache) lives to the end: out of the collections the
    # run's many short-lived futures and responses cause (about a tenth of its CPU otherwise).
    gc.freeze()
    try:
        with _drawing(color) as watcher:
            results = check_streamed(batches, settings, watcher, cached=previous)
    finally:
        gc.unfreeze()  # collected as usual again (a program that runs armsdeal in its own process)
    if max_age is not None:
        _store_cache(where, results_cache.write(previous, results))
    return results


def _drawing(color: ColorMode) -> AbstractContextManager[Watcher | None]:
    """The progress display on a terminal (cli/link_progress.py); nothing on a pipe."""
    console = make_console(color, stderr=True)
    if not console.is_terminal:
        return nullcontext(None)
    from armsdeal.cli.link_progress import progress

    return progress(console)


def _cache_file() -> Path:
    from armsdeal.cli.cache import folder
    from armsdeal.links.cache import NAME

    return folder(os.environ) / NAME


def _read_cache(where: Path, max_age: float) -> dict[str, LinkResult]:
    from armsdeal.links.cache import read

    try:
        return read(where.read_text(encoding="utf-8"), max_age=max_age, now=time.time())
    except (OSError, UnicodeDecodeError):
        return {}


def _store_cache(where: Path, text: str) -> None:
    """Best effort: a cache that cannot be written costs the next run time, not this run its result."""
    from armsdeal.cli.output import write_atomically
    from armsdeal.core.errors import ArmsdealError

    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(where, text)
    except (OSError, ArmsdealError):
        return


def _archived(cited: Cited, results: dict[str, LinkResult], plan: _Archive, settings: Settings) -> dict[str, Found]:
    """The archive's closest copy of each dead or redirected URL that some source has no archive_url for."""
    from armsdeal.links.archive import find_snapshots
    from armsdeal.links.results import Outcome
    from armsdeal.links.rules import is_failing

    wanted = []
    for url, result in results.items():
        if result.outcome is not Outcome.REDIRECTED and not is_failing(result.outcome):
            continue
        missing = [citation for citation in cited.urls.get(url, ()) if citation.archive_url is None]
        if missing:
            days = [citation.day for citation in missing if citation.day is not None]
            wanted.append((url, min(days) if days else None))
    return find_snapshots(wanted, plan.base, settings)


def _without(archives: dict[str, str]) -> Callable[[Any], Any]:
    """A reader's data with the archive_url just written left out: what the writers' contract compares."""

    def view(data: Any) -> Any:
        sources = data.get("sources") if isinstance(data, dict) else None
        if not isinstance(sources, dict):
            return data
        kept = {
            key: {k: v for k, v in source.items() if k != "archive_url"}
            if key in archives and isinstance(source, dict)
            else source
            for key, source in sources.items()
        }
        return {**data, "sources": kept}

    return view


def _write(plan: _Archive, cited: Cited, archived: dict[str, Found] | None, color: ColorMode) -> int:
    """With --write, the copies found recorded: 1 if one was refused (the curator has to act), else 0."""
    return 1 if plan.write and archived and _write_archives(cited, archived, color) else 0


def _write_archives(cited: Cited, archived: dict[str, Found], color: ColorMode) -> int:
    """archive_url into each source that has none and whose URL the archive has a copy of, file by file.

    The number of archive_url lines not written: a file the writers' contract refuses is left as it is,
    and each line it would have got is named where it would have gone, as check names a problem.
    """
    from armsdeal.links.archive import Snapshot

    per_file: dict[str, dict[str, tuple[str, Citation]]] = {}
    for url, found in archived.items():
        if not isinstance(found, Snapshot):
            continue
        for citation in cited.urls.get(url, ()):
            if citation.archive_url is None:
                per_file.setdefault(citation.path, {})[citation.source_id] = (found.url, citation)
    refused = 0
    for path_text, archives in per_file.items():
        refused += _write_file(Path(path_text), archives, color)
    return refused


def _write_file(path: Path, archives: dict[str, tuple[str, Citation]], color: ColorMode) -> int:
    """The archive_url lines into one file, or none of them (said, line by line): how many were not written."""
    import datetime

    from armsdeal.cli.app import print_problems
    from armsdeal.cli.editing import read_original, replace, verified
    from armsdeal.core.collection import bundled_dir, same_folder
    from armsdeal.core.errors import InvalidTimeline
    from armsdeal.curate.archive import add_archive_urls
    from armsdeal.curate.yamlio import EditError

    if same_folder(path.parent, bundled_dir()):
        say(f"armsdeal: not written: {path} is a timeline bundled with armsdeal; copy it to your folder first")
        return 0
    wanted = {source_id: url for source_id, (url, _) in archives.items()}
    # The writers' contract (curate/safety.py): data and comments kept, or nothing written.
    original = read_original(path)
    try:
        text, done = add_archive_urls(original.text, str(path), wanted, today=datetime.date.today())
        after = verified(original, text, after_view=_without(wanted)) if done else None
    except EditError as error:
        reason = str(error).removeprefix(f"{path}: ")
    except InvalidTimeline as error:
        first = error.problems[0]
        reason = f"the result would break [{first.rule}] at line {first.line}: {first.message}"
    else:
        if after is not None:
            replace(original, after)
            say(f"recorded archive_url for {len(done)} source{'s' if len(done) != 1 else ''} in {path}")
        return 0
    print_problems(
        [_unwritten(str(path), source_id, url, citation, reason) for source_id, (url, citation) in archives.items()],
        color,
    )
    return len(archives)


def _unwritten(path: str, source_id: str, url: str, citation: Citation, reason: str) -> Problem:
    """The archive_url line a refused write did not write, located at the url: it was to go under."""
    from armsdeal.core.problems import Problem, Severity
    from armsdeal.links.rules import UNWRITTEN

    message = f"not written: the line 'archive_url: {url}' under source '{source_id}'; {reason}"
    return Problem(path, citation.line, citation.column, UNWRITTEN, message, Severity.ERROR)
