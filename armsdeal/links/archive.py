"""Archived copies: the Wayback Machine's availability API, or a service that answers as it does.

``GET {base}/wayback/available?url=URL&timestamp=YYYYMMDD`` answers
``{"archived_snapshots": {"closest": {"available": true, "url": ..., "timestamp": ..., "status": "200"}}}``
for the snapshot closest to the day, or ``{"archived_snapshots": {}}`` when there is none.
The base URL is the user's choice (--archive-url, ARMSDEAL_ARCHIVE_URL), so it is
not refused for a private address as the cited links are; its answers are still
untrusted: read up to MAX_BYTES, and a snapshot is kept only if its URL is http(s).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from armsdeal.links.fetch import Settings

if TYPE_CHECKING:
    import httpx

DEFAULT_BASE = "https://archive.org"
MAX_BYTES = 1024 * 1024
MAX_URL = 2000


@dataclass(frozen=True, slots=True)
class Snapshot:
    """An archived copy: its URL and when it was taken (YYYYMMDDhhmmss, as the archive writes it)."""

    url: str
    timestamp: str

    @property
    def day(self) -> str:
        """'2019-07-12' from the timestamp (or the timestamp as it is, if it is not one)."""
        stamp = self.timestamp
        if len(stamp) >= 8 and stamp[:8].isdigit():
            return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"
        return stamp


# A lookup's answer: the snapshot, None when the archive has none, or why the archive could not be asked.
Found = Snapshot | None | str


def find_snapshots(wanted: Sequence[tuple[str, date | None]], base: str, settings: Settings) -> dict[str, Found]:
    """The closest snapshot of each (URL, day); URL -> what the archive said."""
    return asyncio.run(_find_all(wanted, base, settings))


async def _find_all(wanted: Sequence[tuple[str, date | None]], base: str, settings: Settings) -> dict[str, Found]:
    # The archive is one host: asked as politely as any other.
    limit = asyncio.Semaphore(settings.per_host)
    async with client_for(settings, connections=settings.per_host) as client:

        async def one(url: str, day: date | None) -> tuple[str, Found]:
            async with limit:
                return url, await lookup(client, base, url, day, settings)

        return dict(await asyncio.gather(*(one(url, day) for url, day in wanted)))


def client_for(settings: Settings, *, connections: int) -> httpx.AsyncClient:
    """An httpx client with armsdeal's User-Agent and timeouts: the archive's JSON is read, so a full client.

    Imported here, not at the top: the report reads this module's types, and a run without --archive
    need not load httpx (~70 ms).
    """
    import httpx

    from armsdeal.links.client import tls_context

    return httpx.AsyncClient(
        verify=tls_context(),
        headers={"User-Agent": settings.user_agent, "Accept": "*/*"},
        timeout=httpx.Timeout(settings.timeout, pool=None),
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        follow_redirects=False,
        trust_env=False,  # a proxy from the environment would see (and could answer for) every request
    )


async def lookup(client: httpx.AsyncClient, base: str, url: str, day: date | None, settings: Settings) -> Found:
    """The snapshot of ``url`` closest to ``day`` (the newest when None)."""
    params = {"url": url}
    if day is not None:
        params["timestamp"] = day.strftime("%Y%m%d")
    import httpx

    endpoint = base.rstrip("/") + "/wayback/available"
    try:
        async with asyncio.timeout(settings.timeout * 2), client.stream("GET", endpoint, params=params) as response:
            if response.status_code != 200:
                return f"the archive answered {response.status_code}"
            body = await _bounded(response)
    except (httpx.HTTPError, TimeoutError, OSError) as error:
        return f"the archive could not be asked ({type(error).__name__})"
    try:
        return snapshot_in(json.loads(body))
    except ValueError:
        return "the archive's answer is not the availability API's JSON"


async def _bounded(response: httpx.Response) -> bytes:
    body = b""
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > MAX_BYTES:
            raise ValueError("too large")
    return body


def snapshot_in(document: Any) -> Snapshot | None:
    """The closest available snapshot in an availability answer; ValueError if it is not one."""
    if not isinstance(document, dict) or not isinstance(document.get("archived_snapshots"), dict):
        raise ValueError("not an availability answer")
    closest = document["archived_snapshots"].get("closest")
    if not isinstance(closest, dict) or closest.get("available") is not True:
        return None
    url, stamp, status = closest.get("url"), closest.get("timestamp", ""), str(closest.get("status", "200"))
    if not isinstance(url, str) or len(url) > MAX_URL or not status.startswith("2"):
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(ch.isspace() for ch in url):
        return None
    return Snapshot(url, str(stamp) if str(stamp).isdigit() else "")
