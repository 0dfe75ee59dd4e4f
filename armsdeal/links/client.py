"""A lean HTTP/1.1 client for checking links: the status line and headers of one request, nothing more.

Why not httpx: a link checker needs only a status and two headers, and httpx
with httpcore and anyio spent about 0.5 ms of CPU per request on everything
else (request and response objects, cookies, a pool that looks through every
connection), ten times what lychee spends (docs/links.md, "Speed"). Here h11
(the HTTP/1.1 state machine httpcore itself uses) writes the request and reads
the answer, asyncio's streams carry it, and each origin keeps its own
keep-alive connections. A response body is never read: HEAD has none, and a
GET is closed as soon as its head is in. A response head is bounded by h11
(16 KiB).
"""

from __future__ import annotations

import asyncio
import os
import ssl
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import h11

Origin = tuple[str, str, int]  # scheme, host as connected to (IDNA, no brackets), port
READ_SIZE = 65_536
# Characters left as they are in a request target: RFC 3986's reserved and unreserved ones, and '%'.
_TARGET_SAFE = "/?#[]@!$&'()*+,;=:%-._~"


class Closed(Exception):
    """The server closed (or reset) the connection before its answer was complete."""


class NotHttp(Exception):
    """The server answered something that is not HTTP/1.1."""


class CannotConnect(Exception):
    """No connection to the host (DNS, refused, unreachable): the OS's words."""


class Unaskable(Exception):
    """A URL that cannot be put into a request (a host IDNA refuses, ...)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """A response's status, and the headers a link checker needs."""

    status: int
    location: str | None
    retry_after: str | None


@dataclass(frozen=True, slots=True)
class Target:
    """Where a URL is asked: its origin, the Host header and the request target."""

    origin: Origin
    host_header: str
    path: str


def target_of(url: str) -> Target:
    """The origin, Host header and request target of an http(s) URL (its #fragment and user info dropped)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = _ascii_host(parts.hostname or "")
    default = 443 if scheme == "https" else 80
    port = parts.port or default
    shown = f"[{host}]" if ":" in host else host
    path = parts.path or "/"
    if parts.query or url.split("#", 1)[0].endswith("?"):
        path += "?" + parts.query
    if not path.isascii():
        path = quote(path, safe=_TARGET_SAFE)
    return Target((scheme, host, port), shown if port == default else f"{shown}:{port}", path)


def _ascii_host(host: str) -> str:
    if host.isascii():
        return host.lower()
    import idna  # an internationalised name: IDNA 2008 with UTS 46 mapping, as browsers and httpx do

    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as error:
        raise Unaskable(f"the host name is not valid IDNA ({error})") from None


def tls_context() -> ssl.SSLContext:
    """certifi's certificates, or SSL_CERT_FILE / SSL_CERT_DIR when set (httpx's default, kept)."""
    if os.environ.get("SSL_CERT_FILE"):
        return ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
    if os.environ.get("SSL_CERT_DIR"):
        return ssl.create_default_context(capath=os.environ["SSL_CERT_DIR"])
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


class _Connection:
    """One keep-alive connection: the streams and h11's view of the exchange."""

    __slots__ = ("protocol", "reader", "writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.protocol = h11.Connection(h11.CLIENT)

    def reusable(self) -> bool:
        return self.protocol.our_state is h11.IDLE and not self.reader.at_eof() and not self.writer.is_closing()

    def close(self) -> None:
        self.writer.close()


class Client:
    """Requests with a User-Agent and per-step timeouts, over connections kept per origin.

    The caller bounds how many requests go to one host at a time, and so how many connections an origin
    holds. The TLS context is made on the first https request: loading certificates costs ~60 ms of CPU.
    """

    def __init__(self, user_agent: str, timeout: float) -> None:
        self._headers = [("User-Agent", user_agent), ("Accept", "*/*")]
        self._timeout = timeout
        self._idle: dict[Origin, list[_Connection]] = {}
        self._tls: ssl.SSLContext | None = None

    async def ask(self, target: Target, method: str) -> Answer:
        """The head of the answer to METHOD target; Closed, NotHttp, CannotConnect, TimeoutError or ssl.SSLError."""
        connection = self._reused(target.origin)
        if connection is not None:
            try:
                return await self._exchange(connection, target, method)
            except Closed:
                pass  # the server had closed the idle connection: ask again on a new one
        return await self._exchange(await self._connect(target.origin), target, method)

    def close(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()

    def _reused(self, origin: Origin) -> _Connection | None:
        idle = self._idle.get(origin)
        while idle:
            connection = idle.pop()
            if connection.reusable():
                return connection
            connection.close()
        return None

    async def _connect(self, origin: Origin) -> _Connection:
        scheme, host, port = origin
        tls = None
        if scheme == "https":
            if self._tls is None:
                self._tls = tls_context()
            tls = self._tls
        try:
            async with asyncio.timeout(self._timeout):
                reader, writer = await asyncio.open_connection(
                    host, port, ssl=tls, server_hostname=host if tls else None, limit=READ_SIZE
                )
        except (ssl.SSLError, TimeoutError):  # both OSErrors, said apart by the caller
            raise
        except OSError as error:
            raise CannotConnect(str(error) or type(error).__name__) from error
        return _Connection(reader, writer)

    async def _exchange(self, connection: _Connection, target: Target, method: str) -> Answer:
        """Send the request and read the response's head; keep the connection if it can take another."""
        protocol = connection.protocol
        headers = [("Host", target.host_header), *self._headers]
        try:
            request = protocol.send(h11.Request(method=method, target=target.path, headers=headers))
            end = protocol.send(h11.EndOfMessage())
        except h11.LocalProtocolError as error:
            connection.close()
            raise Unaskable(str(error)) from None
        try:
            connection.writer.write((request or b"") + (end or b""))
            response = await self._head(connection)
            keep = method == "HEAD" and self._finish(protocol)
        except BaseException:
            connection.close()
            raise
        if keep:
            self._idle.setdefault(target.origin, []).append(connection)
        else:
            connection.close()  # a GET's body is never read: the connection goes with it
        return _answer(response)

    async def _head(self, connection: _Connection) -> h11.Response:
        protocol = connection.protocol
        ended = False  # the server closed its side: h11 then calls what it had "incomplete"
        while True:
            try:
                event = protocol.next_event()
            except h11.RemoteProtocolError as error:
                raise (Closed() if ended else NotHttp(str(error))) from None
            if isinstance(event, h11.Response):
                return event
            if event is h11.NEED_DATA:
                data = await self._read(connection.reader)
                ended = not data
                protocol.receive_data(data)
            elif isinstance(event, h11.ConnectionClosed):
                raise Closed()
            # else an informational (1xx) response: the final one follows

    async def _read(self, reader: asyncio.StreamReader) -> bytes:
        try:
            async with asyncio.timeout(self._timeout):
                return await reader.read(READ_SIZE)
        except (ssl.SSLError, TimeoutError):  # both OSErrors, said apart by the caller
            raise
        except OSError as error:  # reset, broken pipe
            raise Closed() from error

    @staticmethod
    def _finish(protocol: h11.Connection) -> bool:
        """After a HEAD's head: True when the exchange is complete and the connection can be reused."""
        try:
            while protocol.their_state is h11.SEND_BODY:
                if protocol.next_event() is h11.NEED_DATA:
                    return False
            if protocol.our_state is h11.DONE and protocol.their_state is h11.DONE:
                protocol.start_next_cycle()
                return True
        except h11.ProtocolError:
            return False
        return False


def _answer(response: h11.Response) -> Answer:
    location = retry_after = None
    for name, value in response.headers:
        if name == b"location":
            location = _text(value)
        elif name == b"retry-after":
            retry_after = _text(value)
    return Answer(response.status_code, location, retry_after)


def _text(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")
