"""A source's url: the check without urlsplit for plain web URLs gives what urlsplit gives (core/model.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from armsdeal.core.model import _UNSAFE_IN_URL, _check_url


def _reference(value: str) -> str:
    """The check spelled out with urlsplit for every URL: scheme, a host, no unsafe character, then a
    port urlsplit reads (0 to 65535) and a host of dot-separated names (issue 26: exa_mple..org, :99999)."""
    parts = urlsplit(value)
    unsafe = _UNSAFE_IN_URL.search(value) is not None
    if parts.scheme not in ("http", "https") or not parts.netloc or unsafe:
        raise PydanticCustomError(
            "url_format",
            ("'{url}' is not an absolute http(s) URL: write the whole address, beginning with https:// or http://"),
            {"url": value},
        )
    try:
        parts.port  # noqa: B018 - urlsplit raises for a port out of range
        host = parts.netloc.rpartition("@")[2]
        host = host[: host.index("]") + 1] if host.startswith("[") else host.partition(":")[0]
        reachable = host.startswith("[") or _names(host)
    except ValueError:
        reachable = False
    if not reachable:
        raise PydanticCustomError(
            "url_format",
            "'{url}' has no host a browser can reach: a host is names of letters, digits and hyphens "
            "separated by single dots, and a port is 0 to 65535",
            {"url": value},
        )
    return value


def _names(host: str) -> bool:
    """Dot-separated names (a trailing dot allowed), each of ASCII letters and digits, any other
    character, and hyphens inside."""
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    return all(
        label and "-" not in (label[0], label[-1]) and all(c.isalnum() or c == "-" or not c.isascii() for c in label)
        for label in labels
    )


def _outcome(check: object, value: str) -> tuple[str, str]:
    try:
        return ("ok", check(value))  # type: ignore[operator]
    except PydanticCustomError as error:
        return ("url_format", error.message())
    except ValueError as error:  # urlsplit's (brackets, some non-ASCII hosts): pydantic reports it
        return ("ValueError", str(error))


PREFIXES = (
    "http://",
    "https://",
    "HTTP://",
    "Https://",
    "ftp://",
    "http:/",
    "https:",
    "//",
    "",
    " http://",
    "http:///",
)
ALPHABET = "ab.-_~:@/?#[]%! \t\n\r\x00\x1f\x7f\x85\u00a0\u3000é日ｅℌ0123456789"


@given(st.sampled_from(PREFIXES), st.text(alphabet=ALPHABET, max_size=20))
def test_same_as_urlsplit(prefix: str, rest: str) -> None:
    value = prefix + rest
    assert _outcome(_check_url, value) == _outcome(_reference, value)


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/a",
        "http://example.org",
        "https://example.org?q=1",
        "https://example.org#x",
        "https://user:pw@example.org:8080/path",
        "https://[::1]/",
        "https://[::1/",
        "https://::1]/",
        "https://exa[mple.org/",
        "https://example.org/[a]",
        "https:///path",
        "https://",
        "https://?q",
        "https://exämple.org/",
        "https://example\u2100.org/",
        "https://example.org/ a",
        "https://example.org/\t",
        "HTTPS://EXAMPLE.ORG/",
        "mailto:someone@example.org",
        "example.org",
    ],
)
def test_cases(value: str) -> None:
    assert _outcome(_check_url, value) == _outcome(_reference, value)


def test_a_url_without_its_scheme_is_told_how_to_write_it() -> None:
    """The new-user trial: 'example.org/news/1' was refused without saying what to write instead."""
    with pytest.raises(PydanticCustomError) as refused:
        _check_url("example.org/news/1")
    assert "beginning with https:// or http://" in str(refused.value)
