"""`armsdeal links`: every cited page checked, problems in check's voice, archived copies found and written."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from armsdeal.check.formats import FORMATS
from armsdeal.cli.app import ColorMode, ColorOption, TimelinesOption, app, make_console, reports_errors, say
from armsdeal.cli.options import format_option

if TYPE_CHECKING:
    from armsdeal.links.archive import Found
    from armsdeal.links.citations import Cited
    from armsdeal.links.fetch import OnResult, Settings
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
    cited = _cited(names, timelines)
    urls = list(cited.urls)
    skipped = 0
    if only_changed:
        unchanged = _urls_at(base or "HEAD", cited)
        urls = [url for url in urls if url not in unchanged]
        skipped = len(cited.urls) - len(urls)
    use_cache = not no_cache and not os.environ.get("ARMSDEAL_NO_CACHE")
    results = _check(urls, settings, color, _duration(max_age) if use_cache else None)
    archived = _archived(cited, results, plan, settings) if plan.wanted else None
    now = time.time()
    run = link_run(cited, results, archived, now=now)
    reporter = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    stdout = make_console(color)
    coloured = stdout.is_terminal and stdout.color_system is not None and not stdout.no_color
    sys.stdout.write(FORMATS.load(reporter)(run.run, coloured))
    sys.stdout.flush()
    if plan.write and archived:
        _write_archives(cited, results, archived)
    code = run.exit_code(strict=strict)
    if reporter != "json":
        say(summary(run, skipped=skipped, now=now))
    raise typer.Exit(code)


def _archive_base(value: str) -> str:
    from urllib.parse import urlsplit

    if urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).hostname:
        raise typer.BadParameter(f"'{value}' is not an http(s) URL", param_hint=f"--archive-url (or {ARCHIVE_ENV})")
    return value


def _cited(names: list[str] | None, timelines: Path | None) -> Cited:
    """The citations of the timelines named (names, files, folders), or of the folder check would choose."""
    from armsdeal.core.collection import SUFFIXES, locate, resolve_dir, search_path
    from armsdeal.links.citations import cited_urls

    if not names:
        return cited_urls([resolve_dir(timelines)])
    paths = []
    for name in names:
        path = Path(name)
        is_path = path.is_dir() or name.casefold().endswith(SUFFIXES) or os.sep in name or "/" in name
        paths.append(path if is_path else locate(name, search_path(timelines)))
    return cited_urls(paths)


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


def _check(urls: list[str], settings: Settings, color: ColorMode, max_age: float | None) -> dict[str, LinkResult]:
    """The results of the URLs: young enough ones from the cache, the rest asked now (and cached)."""
    from armsdeal.links import cache as results_cache
    from armsdeal.links.fetch import check_urls, without_fragment

    where = _cache_file()
    previous = _read_cache(where, max_age) if max_age is not None else {}
    reused = {url: previous[url] for url in urls if url in previous}
    wanted = [url for url in urls if url not in reused]
    with _progress(color, len({without_fragment(url) for url in wanted})) as on_result:
        fresh = check_urls(wanted, settings, on_result)
    if max_age is not None:
        _store_cache(where, results_cache.write(previous, fresh))
    combined = {**reused, **fresh}
    return {url: combined[url] for url in urls}


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


@contextmanager
def _progress(color: ColorMode, total: int) -> Iterator[OnResult | None]:
    """Links checked of all, on stderr, only on a terminal."""
    console = make_console(color, stderr=True)
    if total == 0 or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("checking links"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("links", total=total)
        yield lambda _result: progress.advance(task)


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


def _write_archives(cited: Cited, results: dict[str, LinkResult], archived: dict[str, Found]) -> None:
    """archive_url into each source that has none and whose URL the archive has a copy of, file by file."""
    import datetime

    from armsdeal.cli.editing import read_original, replace, verified
    from armsdeal.core.collection import bundled_dir, same_folder
    from armsdeal.curate.archive import add_archive_urls
    from armsdeal.links.archive import Snapshot

    per_file: dict[str, dict[str, str]] = {}
    for url, found in archived.items():
        if not isinstance(found, Snapshot):
            continue
        for citation in cited.urls.get(url, ()):
            if citation.archive_url is None:
                per_file.setdefault(citation.path, {})[citation.source_id] = found.url
    for path_text, archives in per_file.items():
        path = Path(path_text)
        if same_folder(path.parent, bundled_dir()):
            say(f"armsdeal: not written: {path} is a timeline bundled with armsdeal; copy it to your folder first")
            continue
        # The writers' contract (curate/safety.py): data and comments kept, or nothing written.
        original = read_original(path)
        text, done = add_archive_urls(original.text, path_text, archives, today=datetime.date.today())
        after = verified(original, text, after_view=_without(archives)) if done else None
        if after is not None:
            replace(original, after)
            say(f"recorded archive_url for {len(done)} source{'s' if len(done) != 1 else ''} in {path}")
