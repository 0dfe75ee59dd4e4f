"""The history of one timeline file in git: the commits that changed it, each with what it changed.

git runs as two subprocesses for a whole walk: ``git log --follow --raw`` lists the
commits that touched the file, newest first, with the blob ids of the file before
and after each commit; one long-lived ``git cat-file --batch`` reads those blobs.
Both are read as they come, and only the last few parsed revisions are kept, by
blob id: in a straight history a commit's "before" is the next older commit's
"after", so each revision is parsed once and memory does not grow with the commits.

Each commit is compared with its first parent's version of the file (the blob git
names), so the changes of a straight history, applied in order, lead from the first
revision to the last. A merge whose file equals one of its parents' brought nothing
of its own (the commits of the branch are listed) and is left out.
"""

from __future__ import annotations

import itertools
import subprocess
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import IO

from armsdeal.core.chronology import EventFilter
from armsdeal.core.collection import bundled_dir, same_folder
from armsdeal.core.errors import InputError, UsageError
from armsdeal.core.model import Timeline
from armsdeal.diff.engine import Status, TimelineDiff, diff_timelines
from armsdeal.diff.lenient import Revision, read_revision
from armsdeal.diff.log_formats import LogSubject
from armsdeal.diff.revisions import _run_git

_NO_BLOB = "0" * 40
# Parsed revisions kept by blob id: the two sides of the commit being compared, and a few spare.
_KEPT = 4
# Commits read ahead of the one shown, whose files are asked of git together.
_AHEAD = 32
_CHUNK = 1 << 16
_DATE_PREFIX = len("2024-03-12")


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit that changed the file: who, when (the commit date, ISO 8601), why, and the file's path."""

    sha: str
    parents: tuple[str, ...]
    author: str
    date: str
    subject: str
    path: str
    old_path: str | None  # the path in the first parent, when the commit moved the file
    old_blob: str | None  # None: the file did not exist before this commit
    new_blob: str

    @property
    def day(self) -> str:
        return self.date[:_DATE_PREFIX]


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One commit and what it changed in the timeline.

    ``diff`` is None when this revision cannot be read (``unreadable`` says why).
    ``failed`` says why a revision that was read leniently did not pass ``check``.
    ``base`` names the older revision compared with when that is not the parent's
    (the parent's could not be read).
    """

    commit: Commit
    diff: TimelineDiff | None
    unreadable: str | None = None
    failed: str | None = None
    base: str | None = None

    @property
    def moved(self) -> bool:
        return self.commit.old_path is not None and self.commit.old_path != self.commit.path


# --- where the file is in git -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tracked:
    """A timeline file inside a git repository: the repository's top folder and the file's path from there."""

    root: Path
    path: str

    def git(self, *args: str) -> bytes:
        return _run_git(["-C", str(self.root), *args], self.root)


def tracked(file: Path) -> Tracked:
    """The repository that holds a file; InputError (exit 2) outside git, untracked, or a shallow clone."""
    folder = file.resolve().parent
    try:
        top = _run_git(["rev-parse", "--show-toplevel"], folder)
    except InputError:
        if same_folder(file.resolve().parent, bundled_dir()):
            raise InputError(
                f"there is no history of the bundled timeline {file.stem}: the bundled timelines are installed "
                "outside a git repository (their history is in armsdeal's own repository)"
            ) from None
        raise InputError(
            f"{file} is not in a git repository, so it has no history to show "
            "(armsdeal log reads the history git keeps of a timeline)"
        ) from None
    root = Path(top.decode("utf-8", "surrogateescape").strip())
    found = Tracked(root, PurePosixPath(file.resolve().relative_to(root.resolve())).as_posix())
    try:
        found.git("ls-files", "--error-unmatch", "--", found.path)
    except InputError:
        raise InputError(f"{file} is not tracked by git (git add and commit it to give it a history)") from None
    if found.git("rev-parse", "--is-shallow-repository").strip() == b"true":
        raise InputError(
            f"the git repository {root} is a shallow clone: the history of {file} is not all there "
            "(git fetch --unshallow fetches it)"
        )
    return found


# --- which commits ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Range:
    """--since and --until: each a date (git's commit date, a whole day, month or year) or a revision."""

    since: str | None = None
    until: str | None = None

    def arguments(self, where: Tracked) -> list[str]:
        args = []
        revisions = {}
        for name, value, latest in (("since", self.since, False), ("until", self.until, True)):
            if value is None:
                continue
            day = as_date(value, latest=latest)
            if day is not None:
                args.append(f"--{name}={day.isoformat()}T{'23:59:59' if latest else '00:00:00'}")
            else:
                revisions[name] = verified(where, value, f"--{name}")
        start = revisions.get("until", "HEAD")
        args.append(f"{revisions['since']}..{start}" if "since" in revisions else start)
        return args


def as_date(value: str, *, latest: bool) -> date | None:
    """An EDTF day, month or year (2024-03-01, 2024-03, 2024) as its first or last day; None for anything else."""
    from armsdeal.core.dates import DateSyntaxError, parse_edtf

    if not value[:4].isdigit():
        return None
    try:
        parsed = parse_edtf(value)
    except DateSyntaxError:
        return None
    if parsed.is_interval:
        return None
    return parsed.latest if latest else parsed.earliest


def verified(where: Tracked, revision: str, option: str) -> str:
    if not revision or revision.startswith("-"):
        raise UsageError(f"{option}: '{revision}' is neither a date (2024-03-01) nor a git revision")
    try:
        sha = where.git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except InputError:
        raise UsageError(
            f"{option}: '{revision}' is neither a date (2024-03-01, 2024-03, 2024) nor a revision of the "
            f"git repository {where.root}"
        ) from None
    return sha.decode().strip()


# --- the walk ----------------------------------------------------------------------


# Fields separated by NUL, which git never lets into a name or a message: an author or a subject, however
# hostile, cannot split a record. -z ends each raw entry and path with NUL too, so the whole log is one
# stream of NUL-separated tokens: five for a commit, then its raw entries (":... STATUS", then one path,
# two for a rename or copy).
_FORMAT = "%H%x00%P%x00%an%x00%cI%x00%s"
_HEADER = 5


def commits(where: Tracked, span: list[str], *, follow: bool = True) -> Iterator[Commit]:
    """The commits that changed the file, newest first, read from git as it writes them (span: Range.arguments)."""
    args = ["log", "--raw", "--no-abbrev", "-z", "--diff-merges=first-parent", f"--format={_FORMAT}"]
    args += ["--follow"] if follow else []
    args += [*span, "--", where.path]
    with _Process(where, args) as stream:
        yield from _parsed(_tokens(stream))


def _tokens(stream: IO[bytes]) -> Iterator[str]:
    """git's NUL-separated output, a token at a time, as it arrives."""
    pending = b""
    while chunk := stream.read(_CHUNK):
        pending += chunk
        *complete, pending = pending.split(b"\0")
        yield from (token.decode("utf-8", "surrogateescape") for token in complete)
    if pending:
        yield pending.decode("utf-8", "surrogateescape")


def _parsed(tokens: Iterator[str]) -> Iterator[Commit]:
    after: str | None = None  # the first token of the next commit, read while looking for more raw entries
    while True:
        head = [after] if after is not None else []
        after = None
        head += itertools.islice(tokens, _HEADER - len(head))
        if len(head) < _HEADER:
            return
        raw: list[list[str]] = []
        for token in tokens:
            meta = token.strip("\n")
            if not meta.startswith(":"):
                after = token
                break
            status = meta.rsplit(" ", 1)[-1]
            raw.append([meta, *itertools.islice(tokens, 2 if status[:1] in ("R", "C") else 1)])
        commit = _commit([field.strip("\n") for field in head], raw)
        if commit is not None:
            yield commit


def _commit(head: list[str], raw: list[list[str]]) -> Commit | None:
    sha, parents, author, when, subject = head
    for meta, *paths in raw[:1]:
        # ":100644 100644 OLD NEW STATUS", then the path (a rename or copy: the old path, then the new).
        _, _, old_blob, new_blob, status = meta[1:].split(" ")
        if status[0] == "D" or new_blob == _NO_BLOB or not paths:
            return None  # the file removed: there is no timeline after this commit to show
        moved = status[0] in "RC"
        return Commit(
            sha=sha,
            parents=tuple(parents.split()),
            author=author,
            date=when,
            subject=subject,
            path=paths[-1],
            old_path=paths[0] if moved or old_blob != _NO_BLOB else None,
            old_blob=None if old_blob == _NO_BLOB else old_blob,
            new_blob=new_blob,
        )
    return None


class _Process:
    """A git subprocess whose stdout is read as it comes; its failure is an InputError after the reading."""

    def __init__(self, where: Tracked, args: list[str], *, stdin: bool = False) -> None:
        try:
            self.process = subprocess.Popen(
                ["git", "-C", str(where.root), *args],
                stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except OSError as error:
            raise InputError(f"cannot run git: {error.strerror or error}") from None

    def __enter__(self) -> IO[bytes]:
        assert self.process.stdout is not None
        return self.process.stdout

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        if kind is not None:
            self.process.kill()
        code = self.process.wait()
        assert self.process.stderr is not None
        message = self.process.stderr.read().decode("utf-8", "replace").strip().splitlines()
        self.process.stderr.close()
        if kind is None and code != 0:
            raise InputError(f"git: {message[-1].removeprefix('fatal: ') if message else 'failed'}")


class Blobs:
    """One ``git cat-file --batch`` for a whole run: file contents by blob id (or REV:PATH)."""

    def __init__(self, where: Tracked) -> None:
        self._process = _Process(where, ["cat-file", "--batch"], stdin=True)
        self._out = self._process.__enter__()
        assert self._process.process.stdin is not None
        self._in = self._process.process.stdin
        self._ready: dict[str, bytes | None] = {}

    def prefetch(self, names: list[str]) -> None:
        """Ask for several objects at once and keep their contents for ``read``: one round trip, not one each."""
        wanted = [name for name in dict.fromkeys(names) if name not in self._ready]
        if not wanted:
            return
        # A few dozen short lines: they fit in the pipe, so git never waits for us to read while we write.
        self._in.write("".join(f"{name}\n" for name in wanted).encode("utf-8", "surrogateescape"))
        self._in.flush()
        for name in wanted:
            found = self._answer()
            self._ready[name] = found[1] if found is not None else None

    def read(self, name: str) -> bytes | None:
        """The contents of a file's object, or None when there is no such file."""
        if name in self._ready:
            return self._ready.pop(name)
        found = self._object(name)
        return found[1] if found is not None else None

    def object_id(self, name: str) -> str | None:
        found = self._object(name)
        return found[0] if found is not None else None

    def _object(self, name: str) -> tuple[str, bytes] | None:
        self._in.write(name.encode("utf-8", "surrogateescape") + b"\n")
        self._in.flush()
        return self._answer()

    def _answer(self) -> tuple[str, bytes] | None:
        header = self._out.readline().split()
        if len(header) != 3:
            return None  # "NAME missing" (or ambiguous)
        size = int(header[2])
        data = self._out.read(size + 1)[:size]
        return (header[0].decode(), data) if header[1] == b"blob" else None

    def close(self) -> None:
        self._process.__exit__(None, None, None)


# --- entries --------------------------------------------------------------------------


Narrow = Callable[[Timeline | None, Timeline | None, TimelineDiff], TimelineDiff]


@dataclass
class History:
    """The walk of one file: commits in, entries out, each revision parsed once (kept by blob id)."""

    where: Tracked
    blobs: Blobs
    narrow: Narrow | None = None

    def __post_init__(self) -> None:
        self._parsed: OrderedDict[str, Revision] = OrderedDict()

    def entries(self, found: Iterator[Commit]) -> Iterator[LogEntry]:
        """An entry per commit that changed the timeline (a move alone counts), newest first."""
        waiting: deque[Commit] = deque()
        while True:
            if not waiting:
                self._read_ahead(found, waiting)
            commit = waiting.popleft() if waiting else None
            if commit is None:
                return
            entry = self._entry(commit, found, waiting)
            if entry is not None:
                yield entry

    def _read_ahead(self, found: Iterator[Commit], waiting: deque[Commit]) -> None:
        """The next few commits, their files asked of git in one go (a round trip per blob cost most of the wall
        time of a long log); memory holds at most that many files."""
        waiting.extend(itertools.islice(found, _AHEAD))
        self.blobs.prefetch([commit.new_blob for commit in waiting if commit.new_blob not in self._parsed])

    def revision(self, blob: str, label: str) -> Revision:
        kept = self._parsed.get(blob)
        if kept is None:
            raw = self.blobs.read(blob)
            kept = read_revision(raw if raw is not None else b"", label)
            self._parsed[blob] = kept
            if len(self._parsed) > _KEPT:
                self._parsed.popitem(last=False)
        else:
            self._parsed.move_to_end(blob)
        return kept

    def _entry(self, commit: Commit, found: Iterator[Commit], waiting: deque[Commit]) -> LogEntry | None:
        if len(commit.parents) > 1 and self._same_as_a_parent(commit):
            return None
        new = self.revision(commit.new_blob, _label(commit.sha, commit.path))
        if new.timeline is None:
            return LogEntry(commit, None, unreadable=new.unreadable)
        old, base = self._base(commit, found, waiting)
        if old is not None and old.timeline is None:
            old = None  # nothing older could be read: everything counts as added
        before = old.timeline if old is not None else None
        diff = diff_timelines(before, new.timeline, old_label=base, new_label=_label(commit.sha, commit.path))
        if self.narrow is not None:
            diff = self.narrow(before, new.timeline, diff)
        entry = LogEntry(commit, diff, failed=new.failed, base=base if base != _parent_label(commit) else None)
        if diff.is_empty and not (entry.moved and self.narrow is None) and new.failed is None:
            return None
        return entry

    def _base(
        self, commit: Commit, found: Iterator[Commit], waiting: deque[Commit]
    ) -> tuple[Revision | None, str | None]:
        """The revision to compare with: the parent's, or the next older readable one when it is not readable."""
        if commit.old_blob is None:
            return None, None
        label = _parent_label(commit)
        old = self.revision(commit.old_blob, label)
        if old.timeline is not None:
            return old, label
        for older in _looking_ahead(found, waiting):
            candidate = self.revision(older.new_blob, _label(older.sha, older.path))
            if candidate.timeline is not None:
                return candidate, _label(older.sha, older.path)
            if older.old_blob is None:
                break
        return None, None

    def _same_as_a_parent(self, commit: Commit) -> bool:
        path = commit.old_path or commit.path
        return any(self.blobs.object_id(f"{parent}:{path}") == commit.new_blob for parent in commit.parents)


def _looking_ahead(found: Iterator[Commit], waiting: deque[Commit]) -> Iterator[Commit]:
    """The older commits, those read ahead first; each read ahead is kept for its own turn."""
    yield from list(waiting)
    for commit in found:
        waiting.append(commit)
        yield commit


def _label(sha: str, path: str) -> str:
    return f"{sha[:12]}:{path}"


def _parent_label(commit: Commit) -> str:
    return f"{commit.sha[:12]}^:{commit.old_path or commit.path}"


def walk(
    file: Path, span: Range = Range(), *, follow: bool = True, narrow: Narrow | None = None
) -> tuple[LogSubject, Iterator[LogEntry]]:
    """What the log is of, and the entries of the file's history, newest first, read from git as they are shown.

    Everything that can fail before the first entry (not in git, untracked, a shallow
    clone, an unknown revision) fails here, before anything is written.
    """
    where = tracked(file)
    arguments = span.arguments(where)
    current = read_revision(_read(file), str(file)).timeline
    subject = LogSubject(
        current.id if current is not None else file.stem,
        current.title if current is not None else "",
        where.path,
        frozenset(event.id for event in current.events) if current is not None else frozenset(),
    )
    return subject, _entries(where, arguments, follow=follow, narrow=narrow)


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError:
        return b""


def _entries(where: Tracked, arguments: list[str], *, follow: bool, narrow: Narrow | None) -> Iterator[LogEntry]:
    blobs = Blobs(where)
    try:
        yield from History(where, blobs, narrow).entries(commits(where, arguments, follow=follow))
    finally:
        blobs.close()


def event_narrowing(event_filter: EventFilter | None, event_id: str | None) -> Narrow | None:
    """Keep only the changes of events the filter keeps (--type, --actor) or of one event (EVENT-ID).

    One event is followed through its renames: walking back, a rename to the
    followed id makes the old id the one followed in older commits.
    """
    if event_filter is None and event_id is None:
        return None
    following = {event_id} if event_id is not None else None

    def narrow(old: Timeline | None, new: Timeline | None, diff: TimelineDiff) -> TimelineDiff:
        before = {event.id: event for event in (old.events if old is not None else [])}
        after = {event.id: event for event in (new.events if new is not None else [])}
        kept = []
        for item in diff.events:
            event = after.get(item.id) or before.get(item.id)
            timeline = new if item.id in after else old
            if following is not None and item.id not in following:
                continue
            if event_filter is not None and (
                event is None or timeline is None or not event_filter.matches(timeline, event)
            ):
                continue
            if following is not None and item.old_id is not None:
                following.add(item.old_id)
            kept.append(item)
        return TimelineDiff(
            timeline=diff.timeline,
            title=diff.title,
            status=Status.CHANGED,
            events=tuple(kept),
            old_label=diff.old_label,
            new_label=diff.new_label,
        )

    return narrow


# --- the record at a time (--at) -------------------------------------------------


@dataclass(frozen=True, slots=True)
class AtCommit:
    """A timeline as it was committed: the commit shown, and why it did not pass check, if it did not."""

    timeline: Timeline
    commit: Commit
    failed: str | None

    @property
    def header(self) -> str:
        """The line that says which commit is shown."""
        short = self.commit.sha[:ONELINE_SHORT]
        return f"{self.timeline.id} as committed in {short} on {self.commit.day}: {self.commit.subject}"


ONELINE_SHORT = 7


def timeline_at(file: Path, at: str) -> AtCommit:
    """The timeline as the last commit on or before ``at`` (a date, or a revision) left it.

    A revision that today's rules reject is read leniently (``failed`` says why);
    InputError when there is no such commit or the revision cannot be read.
    """
    where = tracked(file)
    day = as_date(at, latest=True)
    start = verified(where, at, "--at") if day is None else "HEAD"
    before = [f"--until={day.isoformat()}T23:59:59"] if day is not None else []
    found = next(iter(_last_commit(where, [*before, start])), None)
    if found is None:
        when = f"on or before {at}" if day is not None else f"at {at}"
        raise InputError(f"{file.name} has no commit {when} in the git repository {where.root}")
    raw = where.git("cat-file", "blob", found.new_blob)
    revision = read_revision(raw, _label(found.sha, found.path))
    if revision.timeline is None:
        raise InputError(f"{found.path} as committed in {found.sha[:12]} cannot be read: {revision.unreadable}")
    return AtCommit(revision.timeline, found, revision.failed)


def _last_commit(where: Tracked, span: list[str]) -> Iterator[Commit]:
    # -1 after --follow: git stops at the first commit that changed the file.
    return commits(where, ["-1", *span])
