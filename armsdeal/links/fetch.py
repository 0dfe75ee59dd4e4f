"""Check URLs over HTTP: each once, concurrently, politely, reading no body.

Each URL is asked with HEAD; a server that refuses HEAD (405, 501, and the 400
or 403 some servers answer it with) is asked again with a GET whose response is
closed as soon as its status line and headers are in, so no body is read.
Redirects are followed by hand, to check every hop's address (links/safety.py),
count the hops and notice a loop. A 429, a 5xx, a timeout or a dropped
connection is tried again after a backoff, or after the server's Retry-After
when it says one (up to ``Settings.max_retry_after``). At most
``Settings.per_host`` requests go to one host at a time, and
``Settings.concurrency`` in all.
"""

from __future__ import annotations

import asyncio
import re
import ssl
import time
from collections.abc import Awaitable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from typing import Protocol
from urllib.parse import urldefrag, urljoin, urlsplit

from armsdeal import __version__
from armsdeal.links.client import CannotConnect, Client, Closed, NotHttp, Unaskable, target_of
from armsdeal.links.results import LinkResult, Outcome
from armsdeal.links.safety import Address, Unresolvable, refused_address

USER_AGENT = f"armsdeal/{__version__} (link checker for arms-deal timelines)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# What some servers answer HEAD with although GET works: asked again with GET.
HEAD_REFUSED = frozenset({400, 403, 405, 501})
MAX_DETAIL = 200
_UNSENDABLE = re.compile(r"[\s\x00-\x1f\x7f]")  # whitespace (Unicode's too) and control characters


@dataclass(frozen=True, slots=True)
class Settings:
    """How politely and how long to check."""

    timeout: float = 10.0
    retries: int = 2
    per_host: int = 4
    concurrency: int = 64
    max_redirects: int = 10
    backoff: float = 0.5  # seconds before the first retry, doubled for each next one
    max_retry_after: float = 60.0  # a longer Retry-After is not waited for: the result stands
    allow_private: bool = False
    user_agent: str = USER_AGENT


@dataclass(slots=True)
class _Answer:
    """What one request (or one chain of redirects) gave, before retrying."""

    result: LinkResult
    retry_after: float | None = None


class _Hosts:
    """At most ``per_host`` requests to one host at a time, and ``concurrency`` in all, through one client
    (links/client.py) that keeps connections per origin.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._limits: dict[str, asyncio.Semaphore] = {}
        self.client = Client(settings.user_agent, settings.timeout)
        self.all = asyncio.Semaphore(settings.concurrency)
        # Each host name and port is resolved once per run, however many of its URLs are checked.
        self._verdicts: dict[tuple[str, int], asyncio.Future[Address | None]] = {}

    async def refused(self, host: str, port: int) -> Address | None:
        """The first non-public address of a host (links/safety.py); Unresolvable if it has none."""
        if (host, port) not in self._verdicts:
            self._verdicts[host, port] = asyncio.ensure_future(refused_address(host, port))
        return await self._verdicts[host, port]

    def limit(self, host: str) -> asyncio.Semaphore:
        """The limit of a host name (its ASCII form): http and https, any port, share it."""
        if host not in self._limits:
            self._limits[host] = asyncio.Semaphore(self._settings.per_host)
        return self._limits[host]


class Watcher(Protocol):
    """What a progress display is told: the links a run will check, as they become known, and each answer."""

    def asked(self, urls: Sequence[str]) -> None: ...

    def answered(self, result: LinkResult) -> None: ...


def check_urls(
    urls: Iterable[str],
    settings: Settings,
    watcher: Watcher | None = None,
    cached: Mapping[str, LinkResult] | None = None,
) -> dict[str, LinkResult]:
    """Every distinct URL checked once: URL -> result, in the order given (check_streamed, one batch)."""
    return check_streamed([urls], settings, watcher, cached)


def check_streamed(
    batches: Iterable[Iterable[str]],
    settings: Settings,
    watcher: Watcher | None = None,
    cached: Mapping[str, LinkResult] | None = None,
) -> dict[str, LinkResult]:
    """Every distinct URL of the batches checked once: URL -> result, in the order given.

    The batches may be read lazily (a file's URLs each): the first ones are being asked while the next
    are read. URLs that differ only in their #fragment are one request (a fragment is never sent): each
    gets that request's result under its own URL. A result in ``cached`` stands for its URL, unasked, if
    the URL and every URL it redirected through may still be asked: without --allow-private an address
    is judged again, so a cached answer never stands for a URL that would be refused now.
    """
    return asyncio.run(_check_all(batches, settings, watcher, cached or {}))


async def _check_all(
    batches: Iterable[Iterable[str]], settings: Settings, watcher: Watcher | None, cached: Mapping[str, LinkResult]
) -> dict[str, LinkResult]:
    hosts = _Hosts(settings)
    found: dict[str, asyncio.Future[LinkResult]] = {}  # by URL as cited
    asked: dict[str, asyncio.Future[LinkResult]] = {}  # by URL as asked (without its fragment)
    try:
        for batch in batches:
            new = []
            for url in batch:
                if url in found:
                    continue
                key = url if url in cached else without_fragment(url)
                if key not in asked:
                    work = (
                        _from_cache(cached[url], settings, hosts) if url in cached else check_one(key, settings, hosts)
                    )
                    asked[key] = asyncio.ensure_future(_watched(work, watcher))
                    new.append(key)
                found[url] = asked[key]
            if watcher is not None and new:
                watcher.asked(new)
            await asyncio.sleep(0)  # the requests begin before the next batch is read
        results = {url: await future for url, future in found.items()}
    finally:
        hosts.client.close()
    return {url: result if result.url == url else replace(result, url=url) for url, result in results.items()}


async def _watched(work: Awaitable[LinkResult], watcher: Watcher | None) -> LinkResult:
    result = await work
    if watcher is not None:
        watcher.answered(result)
    return result


async def _from_cache(result: LinkResult, settings: Settings, hosts: _Hosts) -> LinkResult:
    """The cached result, or why its URL, or a URL it redirected through, may not be asked now."""
    for hop in (result.url, *(to for _, to in result.redirects)):
        refusal = await _refusal(result.url, without_fragment(hop), settings, hosts)
        if refusal is not None:
            return replace(refusal, checked_at=time.time())
    return result


def without_fragment(url: str) -> str:
    """The URL as it is asked: without its #fragment."""
    try:
        return urldefrag(url).url
    except ValueError:
        return url  # not a URL at all: check_one says why


async def check_one(url: str, settings: Settings, hosts: _Hosts) -> LinkResult:
    """One URL, tried again after a backoff while the answer is worth retrying."""
    malformed = _malformed(url)
    if malformed is not None:
        return LinkResult(url, Outcome.NOT_CHECKED, detail=malformed, checked_at=time.time())
    attempt = 0
    while True:
        answer = await _follow(url, settings, hosts)
        attempt += 1
        wait = _retry_wait(answer, attempt, settings)
        if wait is None:
            return replace(answer.result, attempts=attempt, checked_at=time.time())
        await asyncio.sleep(wait)


def _retry_wait(answer: _Answer, attempt: int, settings: Settings) -> float | None:
    """Seconds to wait before trying again, or None when the result stands."""
    result = answer.result
    retryable = result.outcome in (Outcome.SERVER_ERROR, Outcome.TIMEOUT) or result.status == 429
    retryable = retryable or (result.outcome is Outcome.CONNECTION and result.detail.startswith("the server closed"))
    if not retryable or attempt > settings.retries:
        return None
    if answer.retry_after is not None:
        return answer.retry_after if answer.retry_after <= settings.max_retry_after else None
    return float(settings.backoff * 2 ** (attempt - 1))


async def _follow(url: str, settings: Settings, hosts: _Hosts) -> _Answer:
    """One request, and its redirects by hand (each hop's address checked, the count bounded)."""
    current, seen = url, {url}
    hops: list[tuple[int, str]] = []
    for _ in range(settings.max_redirects + 1):
        # The URL itself is well-formed (check_one saw to it): with --allow-private nothing else to judge.
        refusal = await _refusal(url, current, settings, hosts) if hops or not settings.allow_private else None
        if refusal is not None:
            return _Answer(replace(refusal, redirects=tuple(hops)))
        try:
            status, location, retry_after = await _request(current, settings, hosts)
        except (CannotConnect, Closed, NotHttp, Unaskable, TimeoutError, OSError) as error:  # a result
            outcome, detail = _failure(error)
            return _Answer(LinkResult(url, outcome, None, current, detail, tuple(hops)))
        if status not in REDIRECTS or location is None:
            return _Answer(_classify(url, status, current, tuple(hops)), retry_after)
        try:
            current = urljoin(current, location)
        except ValueError:
            return _Answer(LinkResult(url, Outcome.REDIRECT_LOOP, status, current, "redirects to an invalid URL"))
        hops.append((status, current))
        if current in seen:
            return _Answer(_stopped(url, hops, "redirects in a loop"))
        seen.add(current)
    return _Answer(_stopped(url, hops, f"more than {settings.max_redirects} redirects"))


def _malformed(url: str) -> str | None:
    """What makes a URL one that cannot be asked ('not an http(s) URL', ...), or None."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises for a port that is not a number in range
    except ValueError as error:
        return f"not a valid URL ({error})"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "not an http(s) URL"
    if _UNSENDABLE.search(url):
        return "not a valid URL (it holds spaces or control characters)"
    return None


def _stopped(url: str, hops: list[tuple[int, str]], why: str) -> LinkResult:
    return LinkResult(url, Outcome.REDIRECT_LOOP, hops[-1][0], hops[-1][1], why, tuple(hops))


async def _refusal(url: str, current: str, settings: Settings, hosts: _Hosts) -> LinkResult | None:
    """A result for a hop that may not be asked (not http(s), a private address, no address), else None."""
    malformed = _malformed(current)
    if malformed is not None:
        return LinkResult(url, Outcome.REDIRECT_LOOP, None, current, f"redirects to a URL that is {malformed}")
    if settings.allow_private:
        return None
    parts = urlsplit(current)
    assert parts.hostname is not None  # _malformed says so
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        address = await hosts.refused(parts.hostname, port)
    except Unresolvable as error:
        return LinkResult(url, Outcome.CONNECTION, None, current, _short(f"DNS: {error}"))
    if address is None:
        return None
    host = parts.hostname if parts.hostname == str(address) else f"{parts.hostname} ({address})"
    return LinkResult(url, Outcome.PRIVATE, None, current, f"{host} is not public; --allow-private checks it")


async def _request(url: str, settings: Settings, hosts: _Hosts) -> tuple[int, str | None, float | None]:
    """(status, Location, Retry-After seconds) of HEAD, or of a GET closed before its body if HEAD is refused."""
    target = target_of(url)  # Unaskable for a host name IDNA refuses
    async with hosts.limit(target.origin[1]), hosts.all, asyncio.timeout(settings.timeout * 2):
        answer = await hosts.client.ask(target, "HEAD")
        if answer.status in HEAD_REFUSED:
            answer = await hosts.client.ask(target, "GET")  # closed as soon as its head is in: no body read
        return answer.status, answer.location, _retry_after(answer.retry_after)


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (a number of seconds or an HTTP date), None if absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _classify(url: str, status: int, final: str, hops: tuple[tuple[int, str], ...]) -> LinkResult:
    if status >= 500:
        outcome = Outcome.SERVER_ERROR
    elif status >= 400:
        outcome = Outcome.CLIENT_ERROR
    else:
        outcome = Outcome.REDIRECTED if hops else Outcome.OK
    return LinkResult(url, outcome, status, final, redirects=hops)


def _failure(error: BaseException) -> tuple[Outcome, str]:
    """The outcome of a request that raised, and what to say about it."""
    if isinstance(error, TimeoutError):
        return Outcome.TIMEOUT, ""
    if _caused_by(error, ssl.SSLError):
        return Outcome.TLS, _short(f"TLS: {_innermost(error)}")
    if isinstance(error, Closed | ConnectionError):
        return Outcome.CONNECTION, "the server closed the connection"
    if isinstance(error, CannotConnect):
        return Outcome.CONNECTION, _short(f"cannot connect: {error}")
    if isinstance(error, NotHttp):
        return Outcome.CONNECTION, _short(f"the server's answer is not HTTP/1.1: {error}")
    if isinstance(error, Unaskable):
        return Outcome.NOT_CHECKED, _short(f"not a URL that can be asked: {error}")
    return Outcome.CONNECTION, _short(f"{type(error).__name__}: {error}")


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _innermost(error: BaseException) -> str:
    """The message of the error at the bottom of the chain (the OS's or the TLS library's words)."""
    while (error.__cause__ or error.__context__) is not None:
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return str(error) or type(error).__name__


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"
