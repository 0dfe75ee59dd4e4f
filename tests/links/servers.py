"""A real HTTP server on 127.0.0.1 for the link tests: every kind of answer `armsdeal links` must tell apart.

Paths (HEAD and GET unless said):
  /ok                    200
  /r301 -> /r302 -> /r308 -> /ok     a chain of redirects
  /loop-a <-> /loop-b    a redirect loop
  /gone-404, /gone-410   client errors
  /busy                  429 with Retry-After: 1 on the first request, then 200
  /flaky                 500 on the first request, then 200
  /slow                  answers after SLOW seconds
  /hold                  answers after 0.2 s, counting how many it answers at once
  /close                 closes the connection without an answer
  /no-head               405 on HEAD, 200 on GET
  /huge                  405 on HEAD; GET streams HUGE bytes, counting what it could send
  /wayback/available     the availability API: a snapshot for URLs with "gone" in them, none otherwise
Every request is logged (method, path, User-Agent), so tests can see how often and how each was asked.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

SLOW = 2.0
HUGE = 200 * 1024 * 1024
REDIRECTS = {
    "/r301": (301, "/r302"),
    "/r302": (302, "/r308"),
    "/r308": (308, "/ok"),
    "/loop-a": (302, "/loop-b"),
    "/loop-b": (302, "/loop-a"),
    "/moved": (301, "/ok"),
    "/to-ftp": (302, "ftp://example.org/"),
}
STATUS = {"/ok": 200, "/gone-404": 404, "/gone-410": 410}


@dataclass
class Served:
    base: str
    log: list[tuple[str, str, str]] = field(default_factory=list)
    huge_sent: list[int] = field(default_factory=list)
    active: int = 0  # requests to /hold being answered now
    most_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str, method: str | None = None) -> int:
        with self.lock:
            return sum(1 for m, p, _ in self.log if p == path and (method is None or m == method))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    served: Served

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")

    def _answer(self, method: str) -> None:
        path = urlsplit(self.path).path
        with self.served.lock:
            self.served.log.append((method, path, self.headers.get("User-Agent", "")))
        if path in REDIRECTS:
            status, to = REDIRECTS[path]
            return self._send(status, headers={"Location": to})
        if path in STATUS:
            return self._send(STATUS[path])
        handler = getattr(self, "_" + path.strip("/").replace("-", "_").replace("/", "_"), None)
        if handler is None:
            return self._send(404)
        return handler(method)

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _first_time(self, path: str) -> bool:
        return self.served.count(path) == 1

    def _busy(self, method: str) -> None:
        if self._first_time("/busy"):
            return self._send(429, headers={"Retry-After": "1"})
        return self._send(200)

    def _flaky(self, method: str) -> None:
        return self._send(500 if self._first_time("/flaky") else 200)

    def _hold(self, method: str) -> None:
        with self.served.lock:
            self.served.active += 1
            self.served.most_active = max(self.served.most_active, self.served.active)
        time.sleep(0.2)
        with self.served.lock:
            self.served.active -= 1
        return self._send(200)

    def _slow(self, method: str) -> None:
        time.sleep(SLOW)
        return self._send(200)

    def _close(self, method: str) -> None:
        self.close_connection = True

    def _no_head(self, method: str) -> None:
        return self._send(405 if method == "HEAD" else 200, b"small page")

    def _huge(self, method: str) -> None:
        if method == "HEAD":
            return self._send(405)
        self.send_response(200)
        self.send_header("Content-Length", str(HUGE))
        self.end_headers()
        chunk, sent = b"x" * 65536, 0
        try:
            while sent < HUGE:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        finally:
            with self.served.lock:
                self.served.huge_sent.append(sent)
            self.close_connection = True

    def _wayback_available(self, method: str) -> None:
        query = parse_qs(urlsplit(self.path).query)
        url, stamp = query.get("url", [""])[0], query.get("timestamp", ["2019"])[0]
        snapshots = {}
        if "gone" in url or "moved" in url:
            snapshots["closest"] = {
                "available": True,
                "url": f"http://web.archive.org/web/{stamp}000000/{url}",
                "timestamp": f"{stamp}000000",
                "status": "200",
            }
        body = json.dumps({"url": url, "archived_snapshots": snapshots}).encode()
        return self._send(200, body, {"Content-Type": "application/json"})


def handler_for(served: Served) -> type[BaseHTTPRequestHandler]:
    """The handler class whose requests are logged in ``served``."""
    return type("Handler", (_Handler,), {"served": served})


@pytest.fixture
def server() -> Iterator[Served]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    served = Served(f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.RequestHandlerClass = handler_for(served)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield served
    httpd.shutdown()
    httpd.server_close()


def timeline(folder: Path, urls: dict[str, str], *, name: str = "links-test", comments: bool = False) -> Path:
    """A valid timeline citing each URL from a source of that id, each source cited by one or two events."""
    lines = [f"id: {name}", "title: Links under test"]
    if comments:
        lines.insert(0, "# A timeline to test links: this comment stays.")
    lines.append("sources:")
    for source_id, url in urls.items():
        lines += [
            f"  {source_id}:" + ("  # the source's own comment" if comments else ""),
            "    publisher: Example News",
            "    title: A page",
            "    date: 2019-07-12",
            f"    url: {url}",
        ]
    lines.append("events:")
    for index, source_id in enumerate(urls):
        lines += [
            f"  - id: event-{index}",
            "    date: 2019-07-12",
            "    type: statement",
            f"    title: Something said {index}",
            f"    sources: [{source_id}]",
        ]
    path = folder / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
