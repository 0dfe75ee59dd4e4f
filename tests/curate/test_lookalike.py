"""The YAML 1.1 look-alike test every writer shares (curate/lookalike.py), against the readers themselves."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from armsdeal.curate.lookalike import first_lookalike, is_lookalike
from armsdeal.read.stage import parse_bytes

# One form of each kind PyYAML's implicit resolvers know, and text that is text for both readers.
LOOKALIKES = ["no", "Off", "YES", "010", "0b11", "1_000", "0x_1F", "1:30", "1_0.5", "2019-04-01"]
LOOKALIKES += ["2019-04-01 10:00:00", "2001-12-14t21:59:43.10-05:00", "=", "<<", "190:20:30"]
TEXT = ["T", "y", "n", "0o17", "1e3", "2019-04", "2019-4-1x", "S-400", "~T", "1.2.3"]


def _readings(text: str) -> tuple[object, object] | None:
    try:
        armsdeal = parse_bytes(f"k: {text}\n".encode(), "-").data["k"]
        yaml11 = yaml.safe_load(f"k: {text}\n")["k"]
    except (yaml.YAMLError, ValueError, TypeError, KeyError):
        return None
    return armsdeal, yaml11


@pytest.mark.parametrize("text", LOOKALIKES)
def test_forms_of_every_yaml11_type_are_lookalikes(text: str) -> None:
    assert is_lookalike(text)


@pytest.mark.parametrize("text", [*TEXT, "12", "0x1F", "true", "null", "1.5"])
def test_text_for_both_readers_or_a_number_for_both_is_not(text: str) -> None:
    assert not is_lookalike(text)


@given(st.text(alphabet="0123456789_.:-+ eEoObBxXtTzZ=<~nNyYfF", min_size=1, max_size=12))
def test_is_lookalike_is_what_the_two_readers_say(text: str) -> None:
    """Text for armsdeal and not text for PyYAML (YAML 1.1), by loading it: no hand list can miss a form."""
    readings = _readings(text)
    if readings is None or not isinstance(readings[0], str) or readings[0] != text:
        return  # not a single plain scalar as written (leading space, a comment, ...)
    assert is_lookalike(text) == (not isinstance(readings[1], str))


def test_a_date_under_date_is_meant_and_elsewhere_is_a_lookalike() -> None:
    assert first_lookalike("events:\n  - date: 2019-04-01\n    title: T\n") is None
    found = first_lookalike("events:\n  - date: 2019-04-01\n    title: 2019-04-02\n")
    assert found is not None and found.value == "2019-04-02" and found.start_mark.line == 2
