"""curate/direct.py (the ``fmt-direct`` fast path): fmt of a file without comments straight from its data.

``direct_text`` must give exactly what fmt's own path (``format_text``, ruamel's round trip) gives,
or None. Here over generated timelines written in many styles: block and flow, quoted or not,
blank lines between entries and inside values, numbers spelled as the round trip keeps them,
plain dates, lists and prose where fmt keeps them as found, document markers and tags.
"""

from __future__ import annotations

import random
import re
import sys
from typing import Any

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsdeal.curate.direct import direct_text
from armsdeal.curate.fmt import format_text
from armsdeal.curate.safety import readable
from armsdeal.curate.yamlio import EditError

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate

pytestmark = pytest.mark.fast_paths


def fmt_result(text: str) -> str | EditError:
    try:
        return format_text(text, "t.yaml")
    except EditError as error:
        return error


def direct_or_none(text: str) -> str | None:
    """direct_text of a file fmt would format (armsdeal reads it completely), None for one it would refuse first."""
    raw = text.encode("utf-8")
    try:
        readable(raw, "t.yaml")
    except EditError:
        return None
    return direct_text(raw, text)


def test_a_generated_timeline_is_formatted_directly_to_fmts_bytes() -> None:
    text = generate.dump(generate.timeline("big", 120))
    assert "\n\n" in text, "the generator writes values with blank lines inside them"
    direct = direct_or_none(text)
    assert direct is not None
    assert direct == format_text(text, "t.yaml")


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda text: "# a header\n" + text, "a comment"),
        (lambda text: text.replace("\nevents:\n", "\n\nevents:\n"), "a blank line between entries"),
        (lambda text: "---\n" + text, "a document marker"),
        (lambda text: text.replace("count: 12", "count: 0xc"), "a number in hex"),
        (lambda text: text.replace("count: 12", "count: 1_2"), "a number with an underscore"),
        (lambda text: text.replace("date: '2019-04-01'", "date: 2019-04-01"), "a plain date (a date for ruamel)"),
        (lambda text: text.replace("title: T", "title: !!str T"), "a tag"),
        (lambda text: text.replace("  - id: e2", "  - id: e2\n    location:\n    - Ankara"), "a list fmt keeps"),
        (lambda text: text.replace("actors:\n", "actors:\n  note: a note\n"), "an actor that is not a mapping"),
        (lambda text: text.replace("note: N", "note: |\n    N\n\n"), "blank lines after a block value"),
    ],
)
def test_what_fmt_keeps_beyond_the_data_sends_the_file_down_fmts_own_path(change: Any, why: str) -> None:
    base = (
        "id: t\ntitle: T\ndeal:\n  supplier: a\n  ordered: {count: 12, unit: tank}\n  note: N\n"
        "actors:\n  a: {name: A, kind: state}\nevents:\n"
        "  - id: e2\n    date: '2019-04-01'\n    type: contract\n    title: E\n"
        "  - id: e1\n    date: '2018'\n    type: offer\n    title: F\n"
    )
    assert direct_or_none(base) == format_text(base, "t.yaml")
    text = change(base)
    assert text != base, why
    assert direct_or_none(text) is None, why


@pytest.mark.parametrize("indicator", [">-", "|-", ">", "|"])
def test_a_short_value_written_as_a_block_is_kept_a_block_as_fmt_keeps_it(indicator: str) -> None:
    """ruamel keeps a value's block style where canonical.py writes a short one on one line."""
    text = (
        "id: t\ntitle: T\nactors:\n  a: {name: A, kind: state}\nevents:\n"
        f"  - id: e1\n    date: '2018'\n    type: offer\n    title: F\n    note: {indicator}\n      A short note.\n"
    )
    assert direct_or_none(text) in (None, format_text(text, "t.yaml"))
    formatted = format_text(text, "t.yaml")
    assert direct_or_none(formatted) in (None, formatted)


def test_end_of_line_comments_after_event_values_are_put_where_fmt_puts_them() -> None:
    lines = generate.dump(generate.timeline("big", 60)).split("\n")
    titles = [at for at, line in enumerate(lines) if line.startswith("  title: ")]
    for at in titles[::10]:
        lines[at] += "  # checked"
    lines[lines.index("- id: sanction-big-2")] = "- id: 'sanction-big-2'  # fmt drops the quotes: moved left"
    lines[lines.index("  type: test")] = '  type: "test"                 # fmt writes it plain: kept at its column'
    text = "\n".join(lines)
    direct = direct_or_none(text)
    assert direct is not None
    assert direct.count(" # ") == len(titles[::10]) + 2
    assert direct == format_text(text, "t.yaml")


def test_comment_lines_between_an_events_keys_move_with_the_key_below_them() -> None:
    text = (
        "id: t\nevents:\n  - date: '2019'\n    # about the id\n    id: e2\n    # about the title\n    title: E\n"
        "  - id: e1\n    date: '2018'\n    # about the type\n    type: offer  # an offer\n"
    )
    direct = direct_or_none(text)
    assert direct is not None
    assert direct == format_text(text, "t.yaml")
    assert "  # about the id\n  - id: e2\n    date: '2019'\n    # about the title\n" in direct  # id now first


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("    title: E\n", "    quantity:  # c\n      count: 1\n", "after a key with no value"),
        ("    title: E\n", "    quantity: {count: 1, unit: x}  # c\n", "after a flow mapping"),
        ("    title: E\n", "    note: >-  # c\n      a note\n", "after a block scalar's indicator"),
        ("    title: E\n", "    note: " + "word " * 30 + " # c\n", "after a value fmt folds"),
        ("    title: E\n", "    quantity:\n      count: 1  # c\n      unit: x\n", "after a value deeper in the event"),
        ("title: T\n", "title: T  # c\n", "after a value outside the events"),
        ("    title: E\n", "    title: E\t# c\n", "after a tab"),
        ("    title: E\n", "    title: E  # c\n    title: F  # d\n", "a key given twice"),
    ],
)
def test_an_end_of_line_comment_the_fast_path_cannot_place_sends_the_file_down_fmts_own_path(
    old: str, new: str, why: str
) -> None:
    base = "id: t\ntitle: T\nevents:\n  - id: e2\n    date: '2019-04-01'\n    title: E\n"
    assert direct_or_none(base.replace("title: E\n", "title: E  # c\n")) == format_text(
        base.replace("title: E\n", "title: E  # c\n"), "t.yaml"
    )
    text = base.replace(old, new)
    assert text != base, why
    assert direct_or_none(text) is None, why


WORDS = [
    "Ankara",
    "it's",
    "a: b",
    "ON",
    "no",
    "1:30",
    "2019-04-01",
    "~",
    "12",
    "0o17",
    "1e3",
    "x #y",
    "Côte",
    " lead",
    "",
]
PROSE = st.one_of(
    st.sampled_from(WORDS),
    st.lists(st.sampled_from(["word", "longer-word", "it's", "x", "1974"]), min_size=5, max_size=40).map(" ".join),
    st.lists(st.sampled_from(["line one", "it's", "", "x"]), min_size=2, max_size=4).map("\n".join),
)
WORDS_OR_TEXT = st.one_of(st.sampled_from(WORDS), st.text(min_size=0, max_size=8))
scalars = st.one_of(
    WORDS_OR_TEXT, st.integers(-5, 10**6), st.booleans(), st.none(), st.sampled_from([1.5, "2019-04-01"])
)
ids = st.sampled_from(["a", "b", "turkey", "no", "1974"])


tame_scalars = st.one_of(WORDS_OR_TEXT, st.integers(-5, 10**6), st.booleans())
tame_words = st.one_of(st.sampled_from([word for word in WORDS if word != "0o17"]), st.text("abc :'-", max_size=8))
tame_prose = st.one_of(
    tame_words, st.lists(st.sampled_from(["word", "it's", "x"]), min_size=1, max_size=30).map(" ".join)
)


@st.composite
def timelines(draw: Any, *, tame_only: bool = False) -> dict[str, Any]:
    """Timelines, half of them of the shape fmt lays out whole (the others with what it keeps as found)."""
    tame = tame_only or draw(st.booleans())
    words, prose = (tame_words, tame_prose) if tame_only else (WORDS_OR_TEXT, PROSE)
    scalar = (tame_words if tame_only else tame_scalars) if tame else scalars
    quantity = st.fixed_dictionaries({"count": scalar, "unit": words}, optional={"note": prose})
    actor = st.fixed_dictionaries({"name": words, "kind": ids}, optional={"note": prose})
    actor = actor if tame else st.one_of(actor, words)
    places = words if tame else st.one_of(words, st.lists(words, min_size=1, max_size=2))
    event = st.fixed_dictionaries(
        {
            "id": ids,
            "date": st.sampled_from(["2019", "2019-05", "2020-01-02", "2021~", "1974", *([] if tame else ["soon"])]),
        },
        optional={
            "title": words,
            "actors": st.one_of(st.lists(ids, min_size=int(tame_only), max_size=3), ids),
            "quantity": st.one_of(quantity, scalar),
            "note": prose,
            "location": places,
        },
    )
    data: dict[str, Any] = {
        "id": draw(ids),
        "title": draw(scalar),
        "summary": draw(prose),
        "deal": draw(
            st.fixed_dictionaries(
                {"supplier": ids, "system": words},
                optional={
                    "ordered": quantity,
                    "note": prose,
                    **({} if tame else {"tags": st.lists(ids, min_size=1, max_size=2)}),
                },
            )
        ),
        "related": draw(st.lists(ids, min_size=int(tame_only), max_size=2)),
        "actors": draw(st.dictionaries(ids, actor, min_size=int(tame_only), max_size=3)),
        "sources": draw(
            st.dictionaries(
                ids, st.fixed_dictionaries({"title": words}, optional={"note": prose}), min_size=int(tame_only)
            )
        ),
        "events": draw(st.lists(event, max_size=4)),
    }
    keys = draw(st.lists(st.sampled_from(sorted(data)), unique=True, min_size=1))
    return {key: data[key] for key in keys}


def written(data: dict[str, Any], seed: int, *, block: bool = False) -> str:
    """The data as a person or another tool may have written it: a random style, blank lines here and there."""
    rng = random.Random(seed)
    text = yaml.safe_dump(
        data,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False if block else rng.choice([False, None, True]),
        width=rng.choice([40, 80, 1000]),
        default_style=None if block else rng.choice([None, None, None, "'", '"']),
    )
    lines = text.split("\n")
    for _ in range(rng.choice([0, 0, 0, 0, 1, 2])):
        lines.insert(rng.randrange(len(lines)), "")
    if rng.random() < 0.2:
        lines = [line.replace("'2019-04-01'", "2019-04-01") for line in lines]
    return "\n".join(lines)


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(timelines(), st.integers(0, 2**32))
def test_direct_text_is_fmts_own_result_or_none(data: dict[str, Any], seed: int) -> None:
    text = written(data, seed)
    direct = direct_or_none(text)
    if direct is not None:
        assert fmt_result(text) == direct


def commented(text: str, seed: int) -> str:
    """The text with comment lines here and there (most between events or their keys), and perhaps a header."""
    rng = random.Random(seed)
    lines = text.split("\n")
    events = lines.index("events:") if "events:" in lines else len(lines) - 1
    starts = [at for at, line in enumerate(lines) if at > events and line.startswith("- ")] or [len(lines) - 1]
    for _ in range(rng.choice([1, 2, 3])):
        at = rng.choice(starts) + rng.choice([0, 0, 0, 0, 1, 1, 2, 3, -1])  # before an event, or between its keys
        lines.insert(max(at, 0), " " * rng.choice([0, 0, 2, 2, 4]) + rng.choice(["# checked", "#x", "# it's: [1]"]))
    if rng.random() < 0.5:
        lines[:0] = ["# header", ""] if rng.random() < 0.8 else ["# header"]
    return "\n".join(lines)


def end_of_line_commented(text: str, seed: int) -> str:
    """The text with comments at the ends of lines (most after an event's value, some newly quoted)."""
    rng = random.Random(seed)
    lines = text.split("\n")
    events = lines.index("events:") + 1 if "events:" in lines else len(lines)
    end = next((at for at in range(events, len(lines)) if re.match(r"[^ -]", lines[at])), len(lines))
    values = [at for at in range(events, end) if re.match(r"(- | *)[a-z]+: [^|>]", lines[at])]
    anywhere = not values or rng.random() < 0.25  # else only after an event's value
    for _ in range(rng.choice([1, 1, 2, 3, 6])):
        at = rng.randrange(len(lines)) if anywhere else rng.choice(values)
        if not lines[at].strip():
            continue
        key, value = re.fullmatch(r"( *(?:- )?[a-z]+: )?(.*)", lines[at]).groups()  # type: ignore[union-attr]
        if key and rng.random() < 0.4 and not re.search(r"['\"\\#]", value):
            value = rng.choice(['"{}"', "'{}'", "'{}x'"]).format(value)  # quotes added: the value's text is longer
        spaces = " " * rng.choice([1, 2, 2, 3, 8, 30])
        lines[at] = (key or "") + value + spaces + rng.choice(["# eol", "#e", "# it's: 'x' # y", "#  wide  "]).rstrip()
    return "\n".join(lines)


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(timelines(tame_only=True).filter(lambda data: len(data.get("events") or []) > 1), st.integers(0, 2**32))
def test_direct_text_of_a_commented_file_is_fmts_own_result_or_none(data: dict[str, Any], seed: int) -> None:
    text = commented(written(data, seed, block=True), seed)
    direct = direct_or_none(text)
    if direct is not None:
        assert fmt_result(text) == direct


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(timelines(tame_only=True).filter(lambda data: len(data.get("events") or []) > 1), st.integers(0, 2**32))
def test_direct_text_of_a_file_with_end_of_line_comments_is_fmts_own_result_or_none(
    data: dict[str, Any], seed: int
) -> None:
    text = end_of_line_commented(written(data, seed, block=True), seed)
    if seed % 2:
        text = commented(text, seed)
    direct = direct_or_none(text)
    if direct is not None:
        assert fmt_result(text) == direct
