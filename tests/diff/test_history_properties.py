"""The log accounts for the whole change (hypothesis over random edit sequences in a real git repository).

The changes the log lists, applied in order from the first revision, lead to the
last: for every field of every entry, the chain of its changes starts where
`diff FIRST LAST` says it was and ends where it says it is, and a chain that ends
where it started is one diff does not list.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from conftest import DATA
from gitrepo import Repo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsdeal.diff.engine import DateChange, ListChange, Status, TimelineDiff, diff_timelines
from armsdeal.diff.history import walk
from armsdeal.diff.lenient import read_revision

BASE: dict[str, Any] = yaml.safe_load((DATA / "diff" / "base" / "deal.yaml").read_text(encoding="utf-8"))
DATES = ["2018", "2018-05", "2019-03-01", "2019~", "2020-07", "[2020-06,2020-07]", "2021"]
STATUSES = ["reported", "confirmed", "claimed", "disputed"]

Edit = tuple[str, int, int]
edits = st.lists(
    st.tuples(
        st.sampled_from(["date", "status", "add", "remove", "source", "title"]), st.integers(0, 9), st.integers(0, 9)
    ),
    min_size=1,
    max_size=5,
)


def apply(data: dict[str, Any], edit: Edit, serial: int) -> None:
    kind, which, value = edit
    events = data["events"]
    target = events[which % len(events)] if events else None
    if kind == "add" or target is None:
        events.append(
            {
                "id": f"added-{serial}",
                "date": DATES[value % len(DATES)],
                "type": "statement",
                "title": f"Statement number {serial}",
                "sources": ["planet-2019-03"],
            }
        )
    elif kind == "remove" and len(events) > 1:
        events.remove(target)
    elif kind == "date":
        target["date"] = DATES[value % len(DATES)]
    elif kind == "status":
        target["status"] = STATUSES[value % len(STATUSES)]
        target.pop("claimed_by", None) if target["status"] != "claimed" else None
    elif kind == "source":
        sources = target.setdefault("sources", [])
        sources.remove("gazette-2020") if "gazette-2020" in sources and len(sources) > 1 else sources.append(
            "gazette-2020"
        )
    else:
        data["title"] = f"{BASE['title']} ({serial})"


def chains(diffs: list[TimelineDiff]) -> dict[tuple[str, ...], list[Any]]:
    """Each field's first 'before' and last 'after' over diffs in order (oldest first)."""
    found: dict[tuple[str, ...], list[Any]] = {}

    def note(key: tuple[str, ...], before: Any, after: Any) -> None:
        found.setdefault(key, [before, after])[1] = after

    for diff in diffs:
        for change in diff.fields:
            note(("timeline", change.field), *_sides(change))
        for item in (*diff.events, *diff.sources, *diff.actors):
            if item.status in (Status.ADDED, Status.REMOVED):
                note((item.kind, item.id), item.status is Status.REMOVED, item.status is Status.ADDED)
            for change in item.changes:
                if isinstance(change, ListChange):
                    for member in change.added:
                        note((item.kind, item.id, change.field, member), False, True)
                    for member in change.removed:
                        note((item.kind, item.id, change.field, member), True, False)
                else:
                    note((item.kind, item.id, change.field), *_sides(change))
    return found


def _sides(change: Any) -> tuple[Any, Any]:
    if isinstance(change, DateChange):
        return change.before.text, change.after.text
    return change.before, change.after


def net(diffs: list[TimelineDiff]) -> dict[tuple[str, ...], tuple[Any, Any]]:
    found = chains(diffs)
    moved = {key: (before, after) for key, (before, after) in found.items() if before != after}
    whole = {key for key in found if len(key) == 2 and key[0] != "timeline"}
    # Changes inside an entry added or removed along the way are part of that addition or removal.
    return {key: sides for key, sides in moved.items() if len(key) == 2 or key[:2] not in whole}


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=4))
def test_the_changes_of_the_log_applied_in_order_are_the_diff_of_first_and_last(commits: list[list[Edit]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        repo = Repo(Path(folder))
        data = copy.deepcopy(BASE)
        revisions = [yaml.safe_dump(data, sort_keys=False)]
        repo.save("timelines/deal.yaml", revisions[0], "first")
        serial = 0
        for number, commit in enumerate(commits):
            for edit in commit:
                serial += 1
                apply(data, edit, serial)
            revisions.append(yaml.safe_dump(data, sort_keys=False))
            repo.save("timelines/deal.yaml", revisions[-1], f"edit {number}")
        found = list(walk(Path(folder) / "timelines" / "deal.yaml")[1])
        logged = [entry.diff for entry in reversed(found) if entry.commit.old_blob is not None]
        assert all(diff is not None for diff in logged)
        first, last = (read_revision(text.encode(), "r").timeline for text in (revisions[0], revisions[-1]))
        assert first is not None and last is not None
        assert net(logged) == net([diff_timelines(first, last)])  # type: ignore[list-item]
