"""What `new`, `add`, `fmt` and `import` share: the folder they write in, and writes under the safety contract."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from armsdeal.core.collection import ENV_VAR, SUFFIXES, local_dir
from armsdeal.core.errors import ArmsdealError, InputError, UsageError
from armsdeal.curate.safety import Layout, View, editable_text, encoded, layout_of, verify_new, verify_rewrite

# What runs the checks of a batch of new files: ``map``, or a process pool's ``imap``.
Mapper = Callable[
    [Callable[[tuple[Path, str]], bytes | ArmsdealError], Iterable[tuple[Path, str]]],
    Iterable[bytes | ArmsdealError],
]


def editable_dir(option: Path | None, *, create: bool = False) -> Path:
    """The folder of timelines a command may write in: --timelines, $ARMSDEAL_TIMELINES, else ./timelines.

    From a subfolder of a git repository with a timelines/ at its top, that folder (the
    rule every command follows, core/collection.py). Never the timelines bundled with
    armsdeal (those are `show`'s fallback, not a place to edit).
    """
    local = local_dir() or Path("timelines")
    found_at_top = "./timelines" if local == Path("timelines") else "the repository's timelines/"
    origin = "--timelines" if option is not None else ENV_VAR if os.environ.get(ENV_VAR) else found_at_top
    folder = option if option is not None else Path(os.environ.get(ENV_VAR) or local)
    if folder.is_dir():
        return folder
    if folder.exists():
        raise UsageError(f"{origin}: '{folder}' is not a folder")
    if not create:
        raise UsageError(f"{origin}: there is no folder '{folder}'; create it with 'armsdeal new' or give --timelines")
    try:
        folder.mkdir(parents=True)
    except OSError as error:
        raise InputError(f"cannot create the folder '{folder}': {error.strerror or error}") from error
    return folder


def bundled_timeline(timeline_id: str) -> Path | None:
    """The bundled timeline of this id, if armsdeal ships one (`new --from-bundled` copies it)."""
    from armsdeal.core.collection import bundled_dir, timeline_files

    return next((path for path in timeline_files(bundled_dir()) if path.stem == timeline_id), None)


def find_editable(name: str, option: Path | None) -> Path:
    """The file `add` or `fmt` edits: a path as given, a name in the user's folder (never the bundled one)."""
    from armsdeal.core.collection import find

    if name.endswith(SUFFIXES):
        return find(name, Path("."))
    try:
        return find(name, editable_dir(option))
    except UsageError:
        if bundled_timeline(name) is None:
            raise
        raise UsageError(
            f"'{name}' is a bundled timeline, not one in your folder: `armsdeal new {name} --from-bundled` "
            "copies it there to edit"
        ) from None


@dataclass(frozen=True)
class Original:
    """A timeline file as read before an edit: its bytes, the text an editor works on, and its layout."""

    path: Path
    raw: bytes
    text: str
    layout: Layout


def read_original(path: Path) -> Original:
    """A timeline file to edit; InputError for a missing path, a folder, a FIFO or no permission."""
    from armsdeal.read.files import MAX_FILE_BYTES, read_file

    raw = read_file(path)  # refuses what is not a regular file before opening it
    if len(raw) > MAX_FILE_BYTES:
        raise UsageError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; run 'armsdeal check {path}'")
    return Original(path, raw, editable_text(raw, str(path)), layout_of(raw))


def verified(
    original: Original, text: str, *, before_view: View | None = None, after_view: View | None = None
) -> bytes | None:
    """The bytes to write for the edited ``text`` (None when they are the file's own), checked by the contract.

    EditError when the result breaks the data-safety contract (curate/safety.py): nothing is to be written.
    """
    after = encoded(text, original.layout)
    if after == original.raw:
        return None
    verify_rewrite(original.raw, after, str(original.path), before_view=before_view, after_view=after_view)
    return after


def replace(original: Original, after: bytes) -> None:
    """Verified bytes over the file, atomically: through a symbolic link to its target; a read-only file refused."""
    from armsdeal.cli.output import fill_atomically

    def fill(temporary: Path, _previous: Path | None) -> None:
        temporary.write_bytes(after)

    fill_atomically(original.path, fill)


def create(path: Path, text: str) -> bool:
    """A new timeline file in fmt's layout, checked by the contract; False, touching nothing, if it exists.

    The one writer of new files (`new`, `import`): what they write passes `fmt --check`, and the
    three readers read the same data from it (curate/safety.py).
    """
    from armsdeal.cli.output import create_new

    return create_new(path, checked_new(text, str(path)))


def create_all(files: Sequence[tuple[Path, str]], *, mapper: Mapper = map) -> list[bool | ArmsdealError]:
    """New timeline files, each as ``create`` makes it, flushed to disk together (cli/output.py create_new_files).

    For each, in order: True when written, False (touching nothing) when it exists, else why not.
    ``mapper`` runs the checks (``map``, or a pool's ``imap``: worker processes).
    """
    return create_checked(list(zip((path for path, _ in files), mapper(checked_bytes, files), strict=True)))


def create_checked(files: Sequence[tuple[Path, bytes | ArmsdealError]]) -> list[bool | ArmsdealError]:
    """``create_all`` for files whose bytes ``checked_bytes`` gave already (a refusal is passed on as it is)."""
    from armsdeal.cli.output import create_new_files

    written = iter(create_new_files([(path, out) for path, out in files if isinstance(out, bytes)]))
    return [next(written) if isinstance(outcome, bytes) else outcome for _, outcome in files]


def checked_bytes(file: tuple[Path, str], *, proven: bool = False) -> bytes | ArmsdealError:
    """The bytes ``checked_new`` gives for a (path, text), or its refusal returned (from a worker process)."""
    path, text = file
    try:
        return checked_new(text, str(path), proven=proven).encode("utf-8")
    except ArmsdealError as error:
        return error


def checked_new(text: str, path: str, *, proven: bool = False) -> str:
    """The text of a new file in fmt's layout, checked by the data-safety contract (EditError if it fails).

    ``proven``: the writer made ``text`` with canonical.py from the data armsdeal reads back from it, and
    compared the two (the importer's fast path `canonical-new`): it is fmt's fixed point and holds the
    contract by construction (curate/safety.py), so it is written as it is.
    """
    from armsdeal.curate.canonical import canonical_text
    from armsdeal.curate.fmt import format_text
    from armsdeal.curate.safety import armsdeal_data

    if proven:
        return text
    # A text that canonical.py writes from the data armsdeal reads in it is in fmt's layout already
    # (its output is fmt's fixed point: tests/curate/test_canonical.py), so fmt's round trip is not
    # needed; any other text (comments, shapes canonical.py leaves to fmt) goes through fmt.
    if canonical_text(armsdeal_data(text.encode("utf-8"))) != text:
        text = format_text(text, path)
    verify_new(text.encode("utf-8"), path)
    return text


def other_timelines(path: Path, only: Collection[str] | None = None) -> list[tuple[str, Any]]:
    """(path, data) of the other timeline files beside ``path``, as armsdeal reads them (unreadable ones skipped).

    ``only``: the names of the only files that may matter (the collection index's, cli/index.py ``citing``).
    """
    from armsdeal.read.stage import load_path

    found = []
    try:
        listed = path.parent.iterdir() if only is None else (path.parent / name for name in only)
        beside = sorted(p for p in listed if p.suffix in SUFFIXES and p.is_file())
    except OSError:
        return []
    for other in beside:
        if other.resolve() == path.resolve():
            continue
        try:
            data = load_path(other).data
        except InputError:
            continue
        if isinstance(data, dict):
            found.append((str(other), data))
    return found
