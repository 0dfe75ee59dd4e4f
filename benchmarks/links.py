"""The links section of the benchmarks: `armsdeal links` against lychee on the same URLs and servers.

    python -m benchmarks.links serve --hosts 20     # prints the port, serves until stdin closes

The servers are 20 loopback addresses (127.0.0.1 to 127.0.0.20, one port), so
that each is a host of its own for the per-host limits of both tools, run by
asyncio in a process of their own (their CPU is not the measured command's).
A URL is `/ok/N` (200), `/slow/N` (200 after SLOW seconds) or `/fail/N` (404):
a tenth slow, a tenth failing. Both tools are given the same URLs, armsdeal as
timelines citing them, lychee as a Markdown list.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SLOW = 0.2
URLS_PER_FILE = 100


@dataclass(frozen=True)
class LinkData:
    timelines: Path  # a folder of timelines citing every URL
    markdown: Path  # the same URLs, one per line, for lychee
    urls: list[str]
    failing: frozenset[str]


def address(host: int) -> str:
    return f"127.0.0.{host + 1}"


def kind(index: int, hosts: int) -> str:
    """A tenth slow, a tenth failing, on every host alike (URL i is on host i % hosts)."""
    return {0: "slow", 5: "fail"}.get((index // hosts) % 10, "ok")


def make(folder: Path, *, urls: int, hosts: int, port: int) -> LinkData:
    """The URLs (host by host in turn), a folder of timelines citing them, and the Markdown list."""
    every = [f"http://{address(i % hosts)}:{port}/{kind(i, hosts)}/{i}" for i in range(urls)]
    timelines = folder / "timelines"
    timelines.mkdir(parents=True, exist_ok=True)
    for old in timelines.glob("*.yaml"):
        old.unlink()
    for start in range(0, urls, URLS_PER_FILE):
        name = f"links-{start // URLS_PER_FILE:03d}"
        (timelines / f"{name}.yaml").write_text(_timeline(name, every[start : start + URLS_PER_FILE]), "utf-8")
    markdown = folder / "links.md"
    markdown.write_text("".join(f"- <{url}>\n" for url in every), encoding="utf-8")
    failing = frozenset(url for url in every if "/fail/" in url)
    return LinkData(timelines, markdown, every, failing)


def _timeline(name: str, urls: list[str]) -> str:
    lines = [f"id: {name}", f"title: Links benchmark {name}", "sources:"]
    for index, url in enumerate(urls):
        lines += [f"  s{index}:", "    publisher: Example", "    title: A page", f"    url: {url}"]
    lines.append("events:")
    for index in range(len(urls)):
        lines += [
            f"  - id: e{index}",
            "    date: 2020-01-01",
            "    type: statement",
            f"    title: Event {index}",
            f"    sources: [s{index}]",
        ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the servers


async def _answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            method, path = head.split(b" ", 2)[:2]
            if path.startswith(b"/slow/"):
                await asyncio.sleep(SLOW)
            status = b"404 Not Found" if path.startswith(b"/fail/") else b"200 OK"
            body = b"" if method == b"HEAD" else b"ok"
            writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\n" + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def _serve(hosts: int) -> None:
    first = await asyncio.start_server(_answer, address(0), 0, backlog=1024)
    port = first.sockets[0].getsockname()[1]
    servers = [first] + [await asyncio.start_server(_answer, address(i), port, backlog=1024) for i in range(1, hosts)]
    print(port, flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the runner closes stdin
    for server in servers:
        server.close()


class Servers:
    """The servers' process: started on entering, ended on leaving."""

    def __init__(self, hosts: int) -> None:
        self.hosts = hosts
        self.port = 0
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> Servers:
        argv = [sys.executable, "-m", "benchmarks.links", "serve", "--hosts", str(self.hosts)]
        self._process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self._process.stdout is not None
        self.port = int(self._process.stdout.readline())
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._process is not None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()


# ---------------------------------------------------------------- the same results


def armsdeal_failing(argv: list[str]) -> frozenset[str]:
    """The URLs armsdeal reports as failing (json format)."""
    completed = subprocess.run([*argv, "--format", "json"], capture_output=True, text=True, check=False)
    problems = json.loads(completed.stdout)["problems"]
    return frozenset(
        problem["message"].split(" ", 1)[0] for problem in problems if problem["rule"] != "link-redirected"
    )


def lychee_failing(argv: list[str]) -> frozenset[str]:
    """The URLs lychee reports as failing (json format: error_map, input -> [{url, status}])."""
    completed = subprocess.run([*argv, "--format", "json"], capture_output=True, text=True, check=False)
    document = json.loads(completed.stdout)
    return frozenset(entry["url"] for entries in document.get("error_map", {}).values() for entry in entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["serve"])
    parser.add_argument("--hosts", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(_serve(args.hosts))


if __name__ == "__main__":
    main()
