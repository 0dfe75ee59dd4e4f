"""The results cache of `armsdeal links`: a second run within --max-age asks no server for what stands."""

from __future__ import annotations

import json

from servers import server, timeline

from armsdeal.cli.app import app
from armsdeal.links import cache
from armsdeal.links.results import LinkResult, Outcome

__all__ = ["server"]  # the fixture, used by name

FAST = ["--allow-private", "--timeout", "0.5", "--retries", "0"]


def cached_run(runner, tmp_path, *args: str):
    env = {"ARMSDEAL_NO_CACHE": None, "ARMSDEAL_CACHE_DIR": str(tmp_path / "cache")}
    return runner.invoke(app, ["links", *args, *FAST], env=env)


def test_a_second_run_reuses_what_stands_and_says_so(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"moved": server.url("/moved"), "flaky": server.url("/flaky")})
    first = cached_run(runner, tmp_path, str(file), "--format", "json")
    assert "from the cache" not in first.stdout
    assert (tmp_path / "cache" / "links.json").is_file()
    second = cached_run(runner, tmp_path, str(file), "--format", "json")
    assert server.count("/moved") == 1, "the redirect was not asked again"
    assert server.count("/flaky") == 2, "a server error is asked again"
    messages = [problem["message"] for problem in json.loads(second.stdout)["problems"]]
    assert any("permanently redirects" in m and "[from the cache, checked " in m for m in messages)
    summary = cached_run(runner, tmp_path, str(file)).stderr
    assert summary.startswith("2 links checked in 1 file: 1 ok, 1 redirected; 2 from the cache, up to ")


def test_max_age_and_no_cache_ask_again(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"moved": server.url("/moved")})
    cached_run(runner, tmp_path, str(file))
    cached_run(runner, tmp_path, str(file), "--max-age", "0")
    assert server.count("/moved") == 2
    cached_run(runner, tmp_path, str(file), "--no-cache")
    assert server.count("/moved") == 3
    assert cached_run(runner, tmp_path, str(file), "--max-age", "soon").exit_code == 2


def test_a_damaged_cache_file_is_ignored(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"fine": server.url("/ok")})
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "links.json").write_text(
        '{"format": "armsdeal-links-cache", "version": 1, "results": [', "utf-8"
    )
    assert cached_run(runner, tmp_path, str(file)).exit_code == 0
    assert server.count("/ok") == 1


def test_only_answers_that_stand_are_kept_and_entries_round_trip() -> None:
    now = 1_000_000.0
    results = {
        "http://a/": LinkResult("http://a/", Outcome.OK, 200, "http://a/", checked_at=now),
        "http://b/": LinkResult("http://b/", Outcome.REDIRECTED, 301, "http://c/", redirects=((301, "http://c/"),)),
        "http://d/": LinkResult("http://d/", Outcome.SERVER_ERROR, 503, checked_at=now),
        "http://e/": LinkResult("http://e/", Outcome.CLIENT_ERROR, 410, checked_at=now),
        "http://f/": LinkResult("http://f/", Outcome.CLIENT_ERROR, 429, checked_at=now),
    }
    results["http://b/"] = LinkResult(
        "http://b/", Outcome.REDIRECTED, 301, "http://c/", redirects=((301, "http://c/"),), checked_at=now
    )
    read = cache.read(cache.write({}, results), max_age=60, now=now + 30)
    assert set(read) == {"http://a/", "http://b/", "http://e/"}
    assert read["http://b/"].redirects == ((301, "http://c/"),) and read["http://b/"].cached
    assert cache.read(cache.write({}, results), max_age=10, now=now + 30) == {}


def test_a_cached_answer_does_not_stand_for_a_url_that_would_be_refused_now(runner, server, tmp_path) -> None:
    file = timeline(tmp_path, {"inside": server.url("/moved")})
    cached_run(runner, tmp_path, str(file))  # --allow-private: the redirect is cached
    env = {"ARMSDEAL_NO_CACHE": None, "ARMSDEAL_CACHE_DIR": str(tmp_path / "cache")}
    result = runner.invoke(app, ["links", str(file), "--format", "json"], env=env)
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["rule"] == "link-private"
    assert "from the cache" not in problem["message"]
    assert server.count("/moved") == 1, "asked once, by the run that allowed it"


def test_a_cached_redirect_through_a_private_address_does_not_stand() -> None:
    from armsdeal.links.fetch import Settings, check_urls

    public = LinkResult("http://8.8.8.8/a", Outcome.OK, 200, "http://8.8.8.8/a", cached=True)
    inward = LinkResult(
        "http://8.8.8.8/b", Outcome.REDIRECTED, 302, "http://10.0.0.1/", redirects=((302, "http://10.0.0.1/"),)
    )
    private = LinkResult("http://127.0.0.1/c", Outcome.OK, 200, "http://127.0.0.1/c", cached=True)
    cached = {result.url: result for result in (public, inward, private)}
    # Every answer comes from the cache or from the addresses alone: nothing is asked of 8.8.8.8.
    results = check_urls(list(cached), Settings(), cached=cached)
    assert results["http://8.8.8.8/a"] is public
    assert [results[url].outcome for url in ("http://8.8.8.8/b", "http://127.0.0.1/c")] == [Outcome.PRIVATE] * 2
    assert results["http://8.8.8.8/b"].detail == "10.0.0.1 is not public; --allow-private checks it"
    assert not results["http://8.8.8.8/b"].cached
