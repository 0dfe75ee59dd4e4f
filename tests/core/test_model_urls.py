"""A source's url: the check without urlsplit for plain web URLs gives what urlsplit gives (core/model.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from armsdeal.core.model import _UNSAFE_IN_URL, _check_url


def _reference(value: str) -> str:
    """The check as it was: urlsplit for every URL."""
    parts = urlsplit(value)
    unsafe = _UNSAFE_IN_URL.search(value) is not None
    if parts.scheme not in ("http", "https") or not parts.netloc or unsafe:
        raise PydanticCustomError("url_format", "'{url}' is not an absolute http(s) URL", {"url": value})
    return value


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
