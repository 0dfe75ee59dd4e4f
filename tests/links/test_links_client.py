"""The link checker's own HTTP/1.1 client (links/client.py) against raw servers on 127.0.0.1.

tests/links/servers.py answers as a well-behaved server does; these servers misbehave on purpose (close
an idle connection without saying so, answer something that is not HTTP) and count connections.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from armsdeal.links.client import target_of
from armsdeal.links.fetch import Settings, check_urls
from armsdeal.links.results import Outcome

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"


@dataclass
class Raw:
    """A server that hands each connection to ``answer``; counts connections and the requests' heads."""

    answer: Callable[[socket.socket, Raw], None]
    port: int = 0
    connections: int = 0
    heads: list[bytes] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def read_head(connection: socket.socket, raw: Raw) -> bool:
    """Read one request's head (False when the client closed the connection)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        if not chunk:
            return False
        data += chunk
    raw.heads.append(data.split(b"\r\n\r\n", 1)[0])
    return True


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[socket.socket, Raw], None]], Raw]]:
    listeners: list[socket.socket] = []

    def start(answer: Callable[[socket.socket, Raw], None]) -> Raw:
        listener = socket.create_server(("127.0.0.1", 0))
        listeners.append(listener)
        raw = Raw(answer, listener.getsockname()[1])

        def accept() -> None:
            while True:
                try:
                    connection, _ = listener.accept()
                except OSError:
                    return
                raw.connections += 1
                threading.Thread(target=_handle, args=(connection, raw), daemon=True).start()

        threading.Thread(target=accept, daemon=True).start()
        return raw

    yield start
    for listener in listeners:
        listener.close()


def _handle(connection: socket.socket, raw: Raw) -> None:
    with connection, contextlib.suppress(OSError):
        raw.answer(connection, raw)


def keep_alive(connection: socket.socket, raw: Raw) -> None:
    while read_head(connection, raw):
        connection.sendall(OK)


def once_then_close_silently(connection: socket.socket, raw: Raw) -> None:
    """Answers one request as if it would keep the connection, then closes it: an idle timeout's doing."""
    if read_head(connection, raw):
        connection.sendall(OK)


def not_http(connection: socket.socket, raw: Raw) -> None:
    if read_head(connection, raw):
        connection.sendall(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")


FAST = Settings(allow_private=True, timeout=2.0, retries=0, per_host=1)


def test_one_host_s_links_share_a_kept_alive_connection(serve) -> None:
    raw = serve(keep_alive)
    urls = [raw.url(f"/page/{n}") for n in range(5)]
    results = check_urls(urls, FAST)
    assert {result.outcome for result in results.values()} == {Outcome.OK}
    assert raw.connections == 1, "one connection for five requests, one at a time"
    assert [head.split(b"\r\n", 1)[0] for head in raw.heads] == [b"HEAD /page/%d HTTP/1.1" % n for n in range(5)]


def test_an_idle_connection_the_server_closed_is_replaced_not_reported(serve) -> None:
    raw = serve(once_then_close_silently)
    results = check_urls([raw.url("/a"), raw.url("/b"), raw.url("/c")], FAST)
    assert {result.outcome for result in results.values()} == {Outcome.OK}
    assert len(raw.heads) == 3


def test_an_answer_that_is_not_http_is_unreachable(serve) -> None:
    raw = serve(not_http)
    result = check_urls([raw.url("/")], FAST)[raw.url("/")]
    assert result.outcome is Outcome.CONNECTION
    assert "not HTTP/1.1" in result.detail


def test_the_request_names_the_host_and_no_fragment_is_sent(serve) -> None:
    raw = serve(keep_alive)
    check_urls([raw.url("/a?b=1#part")], FAST)
    (head,) = raw.heads
    lines = head.split(b"\r\n")
    assert lines[0] == b"HEAD /a?b=1 HTTP/1.1"
    assert f"host: 127.0.0.1:{raw.port}".encode() in [line.lower() for line in lines]


@pytest.mark.parametrize(
    ("url", "origin", "host", "path"),
    [
        ("http://Example.ORG/a", ("http", "example.org", 80), "example.org", "/a"),
        ("https://example.org:8443", ("https", "example.org", 8443), "example.org:8443", "/"),
        ("http://[::1]:81/x?", ("http", "::1", 81), "[::1]:81", "/x?"),
        (
            "http://bücher.example/straße",
            ("http", "xn--bcher-kva.example", 80),
            "xn--bcher-kva.example",
            "/stra%C3%9Fe",
        ),
        ("http://user:secret@example.org/p%20q", ("http", "example.org", 80), "example.org", "/p%20q"),
    ],
)
def test_a_url_becomes_an_origin_a_host_header_and_an_ascii_target(url, origin, host, path) -> None:
    target = target_of(url)
    assert (target.origin, target.host_header, target.path) == (origin, host, path)
