"""`armsdeal links` against a real HTTP server on 127.0.0.1 (tests/links/servers.py): every kind of answer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from servers import HUGE, Served, server, timeline

from armsdeal import __version__
from armsdeal.check.formats import FORMATS
from armsdeal.cli.app import app

__all__ = ["server"]  # the fixture, used by name

FAST = ["--allow-private", "--timeout", "0.5", "--no-cache"]


def run_links(runner, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["links", *args], env=env)


def problems_of(result) -> dict[str, dict[str, object]]:
    """URL -> its problem, from the json format."""
    document = json.loads(result.stdout)
    assert document["format"] == "armsdeal-check"
    return {problem["message"].split(" ", 1)[0]: problem for problem in document["problems"]}


def check_one(runner, server: Served, tmp_path: Path, path: str, *extra: str):
    file = timeline(tmp_path, {"the-source": server.url(path)})
    result = run_links(runner, str(file), "--format", "json", *FAST, *extra)
    return result, problems_of(result).get(server.url(path))


def test_a_page_that_answers_is_no_problem_and_exits_0(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/ok")
    assert problem is None
    assert result.exit_code == 0
    # HEAD only, with a User-Agent naming armsdeal and its version.
    assert server.log == [("HEAD", "/ok", server.log[0][2])]
    assert server.log[0][2].startswith(f"armsdeal/{__version__} ")


def test_a_chain_of_redirects_is_followed_and_its_end_reported(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/r301")
    assert problem is not None and problem["rule"] == "link-redirected"
    assert f"redirects 3 times to {server.url('/ok')}" in str(problem["message"])
    assert result.exit_code == 0, "a redirect is reachable: it fails only with --strict"
    assert [path for _, path, _ in server.log] == ["/r301", "/r302", "/r308", "/ok"]


def test_a_permanent_redirect_says_so_and_strict_fails_on_it(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/moved", "--strict")
    assert problem is not None and "permanently redirects to" in str(problem["message"])
    assert result.exit_code == 1


def test_a_redirect_loop_stops(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/loop-a")
    assert problem is not None and problem["rule"] == "link-redirect-loop"
    assert result.exit_code == 1
    assert server.count("/loop-a") == 1 and server.count("/loop-b") == 1


def test_a_redirect_to_a_url_that_is_not_http_cannot_be_followed(runner, server, tmp_path) -> None:
    """Not a dead page (link-dead): a redirect armsdeal may not follow (the new-user trial), as the rule says."""
    result, problem = check_one(runner, server, tmp_path, "/to-ftp")
    assert problem is not None and problem["rule"] == "link-redirect-loop"
    message = str(problem["message"])
    assert "cannot be followed to a page" in message and "not an http(s) URL" in message, message
    assert "  " not in message and "1 redirects" not in message
    assert result.exit_code == 1


def test_redirects_are_bounded(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/r301", "--max-redirects", "2")
    assert result.exit_code == 1
    assert problem is not None and problem["rule"] == "link-redirect-loop"
    assert "more than 2 redirects" in str(problem["message"])
    assert server.count("/ok") == 0


@pytest.mark.parametrize(("path", "words"), [("/gone-404", "404 Not Found"), ("/gone-410", "410 Gone")])
def test_a_client_error_is_a_dead_link_located_at_the_url_line(runner, server, tmp_path, path, words) -> None:
    result, problem = check_one(runner, server, tmp_path, path)
    assert problem is not None
    assert problem["rule"] == "link-dead" and problem["severity"] == "warning"
    assert (problem["line"], problem["column"]) == (8, 10)  # the value of `url:` in the file
    assert words in str(problem["message"])
    assert "cited by 1 event: event-0" in str(problem["message"])
    assert result.exit_code == 1
    assert server.count(path) == 1, "a 4xx is not asked again"


def test_429_waits_for_retry_after_then_succeeds(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/busy")
    assert problem is None and result.exit_code == 0
    assert server.count("/busy") == 2


def test_a_server_error_is_tried_again(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/flaky")
    assert problem is None and result.exit_code == 0
    assert server.count("/flaky") == 2


def test_a_server_error_without_retries_is_reported(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/flaky", "--retries", "0")
    assert problem is not None and problem["rule"] == "link-server-error"
    assert "500 Internal Server Error" in str(problem["message"])
    assert result.exit_code == 1


def test_a_slow_server_times_out(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/slow", "--timeout", "0.2", "--retries", "0")
    assert problem is not None and problem["rule"] == "link-timeout"
    assert result.exit_code == 1


def test_a_closed_connection_is_unreachable(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/close", "--retries", "0")
    assert result.exit_code == 1
    assert problem is not None and problem["rule"] == "link-unreachable"
    assert "closed the connection" in str(problem["message"])


def test_a_refused_connection_is_unreachable(runner, tmp_path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on: bound, never listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        file = timeline(tmp_path, {"nobody": f"http://127.0.0.1:{port}/"})
        result = run_links(runner, str(file), "--format", "json", *FAST, "--retries", "0")
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["rule"] == "link-unreachable" and "cannot connect" in problem["message"]


def test_head_not_allowed_falls_back_to_get(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/no-head")
    assert problem is None and result.exit_code == 0
    assert [method for method, path, _ in server.log if path == "/no-head"] == ["HEAD", "GET"]


def test_a_huge_body_is_not_read(runner, server, tmp_path) -> None:
    result, problem = check_one(runner, server, tmp_path, "/huge")
    assert problem is None and result.exit_code == 0
    # The server learns the connection is gone once the socket buffers are full: far short of the body.
    for _ in range(100):
        if server.huge_sent:
            break
        import time

        time.sleep(0.05)
    assert server.huge_sent and server.huge_sent[0] < HUGE // 4


def test_each_distinct_url_is_asked_once_and_every_citation_reported(runner, server, tmp_path) -> None:
    url = server.url("/gone-404")
    first = timeline(tmp_path, {"a": url, "b": url}, name="first")
    second = timeline(tmp_path, {"c": url}, name="second")
    result = run_links(runner, str(first), str(second), *FAST)
    assert server.count("/gone-404") == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{first}:8:10: warning [link-dead] {url} answers 404 Not Found")
    assert lines[2].startswith(f"{second}:8:10: warning [link-dead]")
    assert "3 links" not in result.stderr and "1 link checked" in result.stderr


def test_github_format_annotates_the_url_line(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"gone": server.url("/gone-410")})
    result = run_links(runner, str(file), "--format", "github", *FAST)
    assert result.stdout.startswith(f"::warning file={file},line=8,col=10,title=armsdeal [link-dead]::")


def test_a_private_address_is_not_fetched_without_allow_private(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"inside": server.url("/ok"), "local": "http://localhost:9/x"})
    result = run_links(runner, str(file), "--format", "json", "--no-cache")
    problems = json.loads(result.stdout)["problems"]
    assert {problem["rule"] for problem in problems} == {"link-private"}
    assert len(problems) == 2
    # Said once, with the fix: it read "its host is not on the public internet (localhost is the non-public
    # address 127.0.0.1 (--allow-private))" (a new user's trial).
    local = next(problem["message"] for problem in problems if "localhost" in problem["message"])
    assert local.startswith("http://localhost:9/x is not checked (localhost (")  # 127.0.0.1 or ::1
    assert "is not public; --allow-private checks it)" in local and local.count("public") == 1
    assert server.log == [], "nothing was asked"
    assert result.exit_code == 0
    assert run_links(runner, str(file), "--no-cache", "--strict").exit_code == 1


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),  # the cloud metadata service
        ("100.64.0.1", False),  # shared address space (carrier NAT)
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),  # loopback in IPv6 clothes
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
    ],
)
def test_which_addresses_are_public(address, public) -> None:
    import ipaddress

    from armsdeal.links.safety import is_public

    assert is_public(ipaddress.ip_address(address)) is public


def test_a_non_http_url_is_not_checked(runner, tmp_path) -> None:
    from armsdeal.links.fetch import Settings, check_urls
    from armsdeal.links.results import Outcome

    results = check_urls(["ftp://ftp.example.org/file", "mailto:someone@example.org"], Settings())
    assert {result.outcome for result in results.values()} == {Outcome.NOT_CHECKED}


def test_text_from_a_response_is_never_printed_raw(runner, tmp_path) -> None:
    from armsdeal.links.report import describe
    from armsdeal.links.results import LinkResult, Outcome

    hostile = LinkResult("http://example.org/", Outcome.CONNECTION, detail="\x1b[31mred\x1b]8;;x\x07")
    file = timeline(tmp_path, {"a": "http://example.org/"})
    from armsdeal.check.formats import FORMATS
    from armsdeal.links.citations import cited_urls
    from armsdeal.links.report import link_run

    run = link_run(cited_urls([file]), {"http://example.org/": hostile}, now=0.0)
    assert "\x1b" in describe(hostile, 0.0)
    for entry in FORMATS:
        assert "\x1b" not in entry.load()(run.run, False)


def test_usage_errors_exit_2(runner, tmp_path) -> None:
    assert run_links(runner, "--write").exit_code == 2
    assert run_links(runner, "--base", "HEAD").exit_code == 2
    assert run_links(runner, "--archive-url", "file:///etc", "--archive").exit_code == 2
    assert run_links(runner, "no-such-timeline").exit_code == 2
    assert run_links(runner, str(tmp_path / "missing.yaml"), "--no-cache").exit_code == 2


def test_no_other_command_imports_the_http_client() -> None:
    import subprocess
    import sys

    code = (
        "import sys, atexit\n"
        "atexit.register(lambda: print({'httpx', 'h11'} & set(sys.modules), file=sys.stderr))\n"
        "sys.argv = ['armsdeal', '--help']\n"  # loads every command's module, links' too
        "from armsdeal.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stderr.strip().splitlines()[-1] == "set()"


def test_progress_is_drawn_on_a_terminal_only(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"fine": server.url("/ok"), "gone": server.url("/gone-404")})
    piped = run_links(runner, str(file), *FAST)
    assert piped.stderr == "2 links checked in 1 file: 1 ok, 1 client error\n"
    terminal = run_links(runner, str(file), *FAST, "--color", "always")
    assert "checking links" in terminal.stderr and "2/2" in terminal.stderr
    assert "waiting on: 127.0.0.1 2 left" in terminal.stderr, "the per-host queue is shown"


def test_a_certificate_nobody_vouches_for_is_a_tls_error(runner, tmp_path) -> None:
    import shutil
    import ssl
    import subprocess
    import threading
    from http.server import ThreadingHTTPServer

    from servers import Served, handler_for

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a self-signed certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(Served("")))
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        file = timeline(tmp_path, {"secure": f"https://127.0.0.1:{httpd.server_address[1]}/ok"})
        result = run_links(runner, str(file), "--format", "json", *FAST, "--retries", "0")
    finally:
        httpd.shutdown()
        httpd.server_close()
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["rule"] == "link-tls" and "certificate" in problem["message"].lower()
    assert result.exit_code == 1


@pytest.mark.parametrize(
    "url",
    ["http://[::1", "http://example.com:99999/", "http://exa mple.com/", "http://example.com/\x1b[31m", "http:///"],
)
def test_a_url_that_cannot_be_asked_is_not_checked_and_nothing_is_resolved(url) -> None:
    from armsdeal.links.fetch import Settings, check_urls
    from armsdeal.links.results import Outcome

    result = check_urls([url], Settings())[url]
    assert result.outcome is Outcome.NOT_CHECKED
    assert result.detail.startswith(("not a valid URL", "not an http(s) URL"))


def test_at_most_per_host_requests_go_to_one_host_at_a_time(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {f"hold-{n}": server.url(f"/hold?{n}") for n in range(6)})
    result = run_links(runner, str(file), *FAST, "--per-host", "2")
    assert result.exit_code == 0
    assert server.count("/hold") == 6
    assert server.most_active == 2


def test_a_file_that_is_not_yaml_fails_the_run(runner, tmp_path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    result = run_links(runner, str(broken), *FAST)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{broken}:")


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("3", 3.0), ("0", 0.0), ("soon", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)
def test_retry_after_in_seconds_or_as_a_date(value, seconds) -> None:
    from armsdeal.links.fetch import _retry_after

    assert _retry_after(value) == seconds


def test_a_retry_after_longer_than_allowed_is_not_waited_for(runner, server, tmp_path) -> None:
    from armsdeal.links.fetch import Settings, check_urls

    result = check_urls([server.url("/busy")], Settings(allow_private=True, max_retry_after=0.5))
    assert result[server.url("/busy")].status == 429
    assert server.count("/busy") == 1


def test_the_archive_url_is_only_judged_when_archive_is_asked(runner, tmp_path) -> None:
    file = timeline(tmp_path, {"old": "ftp://ftp.example.org/file"})
    env = {"ARMSDEAL_ARCHIVE_URL": "not a url"}
    assert runner.invoke(app, ["links", str(file), "--no-cache"], env=env).exit_code == 0
    assert runner.invoke(app, ["links", str(file), "--no-cache", "--archive"], env=env).exit_code == 2


def test_urls_that_differ_only_in_their_fragment_are_one_request(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"a": server.url("/gone-404#one"), "b": server.url("/gone-404#two")})
    result = run_links(runner, str(file), "--format", "json", *FAST)
    assert server.count("/gone-404") == 1
    assert sorted(problems_of(result)) == [server.url("/gone-404#one"), server.url("/gone-404#two")]


@pytest.mark.parametrize("page", ["docs/links.md", "docs/commands.md"])
def test_the_documented_formats_are_the_registry_s(page: str) -> None:
    """docs/links.md's synopsis listed text|github|json of check's seven formats (a new user's trial)."""
    text = (Path(__file__).parents[2] / page).read_text(encoding="utf-8")
    section = text[text.index("armsdeal links") :] if page.endswith("commands.md") else text
    found = re.search(r"--format ([a-z|]+)", section)
    assert found is not None and found[1].split("|") == FORMATS.names()
