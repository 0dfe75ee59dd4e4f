"""A cache of the rendered output of `show`, `list` and `compare`: a repeat view without Typer, Rich or pydantic.

An entry is the exact text a command wrote to stdout (and, for `show`, the
terminal height its pager decision used), stored under a key made of
everything the output can depend on:

- the armsdeal version and the size and modification time of each of its
  modules (an entry of another version, or of edited code, is never read);
- the arguments, the working folder and today's date;
- for `list`, the names and stamps (size, modification and change times,
  inode) of every timeline file that could be used: every file of every folder
  searched (each --timelines given, ARMSDEAL_TIMELINES, ./timelines, the
  bundled ones) and every argument that names a regular file, whatever its
  suffix;
- for `show` and `compare`, which read a few files of a folder, the stamps of
  the folders searched (a file made, removed or renamed changes its folder's)
  and of every argument that is a file; the entry then keeps the stamps of
  every file the run read (read/files.py logs them) and of every symbolic link
  in those folders, and is served only while each is unchanged: at 30,000
  files, stamping every file made a hit slower than drawing the view anew;
- what the renderer reads: the environment variables Rich and the pager read
  (width, height, colour, terminal, pager), whether stdin, stdout and stderr
  are terminals, the terminal's size and stdout's encoding.

Only a run that exits 0 without writing to stderr, and during which no file or
folder of its key changed, is stored: its key must be the same when it ends,
and no status-change or modification time of those files and folders may be
later than the run's start (less ``SETTLE`` seconds, for file systems whose
clocks are coarse), so that an edit made and undone during the run, whose
content the key cannot tell apart, is not stored either; an entry that is damaged,
of another shape or not a regular file is never served (a FIFO never opened). Entries live in
the user cache folder (``ARMSDEAL_CACHE_DIR`` moves it), are written
atomically (a temporary file renamed into place), and the folder is kept
under ``MAX_ENTRIES`` and ``MAX_BYTES`` by dropping the least recently used.
``--no-cache`` or ``ARMSDEAL_NO_CACHE`` (any non-empty value) skips it.

This module imports only the standard library (and armsdeal's version and
pager), so that a hit is served before the command line is built.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from armsdeal import __version__
from armsdeal.core.fastpaths import enabled

COMMANDS = ("show", "list", "compare")
# Commands that read a few named files of a folder: their entries keep what they read (``NARROW`` above).
NARROW = ("show", "compare")
MAX_ENTRIES = 200
MAX_BYTES = 50 * 1024 * 1024
# A file system's time stamps can lag the clock (coarse kernel clock) or be whole seconds (ext3, HFS+; FAT two).
SETTLE = 2.0
# Read by Rich (colour, size, terminal), by the pager decision and by the folder search.
ENVIRONMENT = (
    "COLORTERM",
    "COLUMNS",
    "FORCE_COLOR",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "LINES",
    "NO_COLOR",
    "TERM",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "ARMSDEAL_PAGER",
    "PAGER",
    "LESS",
    "LV",
    "ARMSDEAL_TIMELINES",
    "PYTHONIOENCODING",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
)


class Recording:
    """What the running command wrote, kept until the process ends well (then stored)."""

    def __init__(
        self, key: str, folder: Path, argv: Sequence[str] | None = None, *, started: float | None = None
    ) -> None:
        self.key = key
        self.folder = folder
        self.argv = list(argv) if argv is not None else None  # to make the key again when the run ends
        self.started = time.time() if started is None else started  # taken before the key read any file
        self.text: str | None = None
        self.height: int | None = None
        self.spoiled = False
        self.reads: list[Path] | None = None  # the files the run read, for a command of NARROW


_recording: Recording | None = None


def record(text: str, height: int | None = None) -> None:
    """Called by a command with its whole stdout (and the height its pager decision used)."""
    if _recording is not None:
        if _recording.text is not None:
            _recording.spoiled = True  # written twice: not a simple view, do not keep
        _recording.text, _recording.height = text, height


def recording() -> bool:
    """True if this run's output may be stored: the command must then pass its whole text to ``record``."""
    return _recording is not None and not _recording.spoiled


def spoil() -> None:
    """Called when a message goes to stderr: such a run is not stored (a hit would lose the message)."""
    if _recording is not None:
        _recording.spoiled = True


def folder(environ: Mapping[str, str]) -> Path:
    """The cache folder: ARMSDEAL_CACHE_DIR, else the platform's user cache folder."""
    if environ.get("ARMSDEAL_CACHE_DIR"):
        return Path(environ["ARMSDEAL_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "armsdeal"


def key(
    argv: Sequence[str],
    environ: Mapping[str, str],
    *,
    terminals: tuple[bool, bool, bool],
    size: tuple[int, int] | None,
    encoding: str,
    today: date,
    cwd: str,
    version: str | None = None,
) -> str | None:
    """The key of a run, or None when it cannot be cached (not a cached command, --no-cache, unreadable files)."""
    if not argv or argv[0] not in COMMANDS or "--no-cache" in argv or environ.get("ARMSDEAL_NO_CACHE"):
        return None
    if not enabled("view-cache"):
        return None
    if any(arg in ("--help", "--show-completion", "--install-completion") for arg in argv):
        return None
    import hashlib
    import json

    digest = hashlib.sha256()
    parts: dict[str, Any] = {
        "version": version if version is not None else code_version(),
        "argv": list(argv),
        "cwd": cwd,
        "today": today.isoformat(),
        "environ": {name: environ.get(name) for name in ENVIRONMENT},
        "terminals": terminals,
        "size": size,
        "encoding": encoding,
    }
    digest.update(json.dumps(parts, sort_keys=True).encode("utf-8"))
    narrow = argv[0] in NARROW and enabled("narrow-key")
    try:
        paths = _narrow_paths(argv, environ, Path(cwd)) if narrow else _files(argv, environ, Path(cwd))
        for path in paths:
            # The file's stamp, not its bytes (at 30,000 files, reading them made a hit slower than a miss).
            # Any write after an entry was stored changes the change time, which no program sets back:
            # an entry is stored only if no file changed after the run started, less SETTLE (``store``).
            name = str(path).encode("utf-8", "surrogateescape")
            digest.update(b"%d:%s%d %d %d %d;" % (len(name), name, *_stamp(path)))
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def _stamp(path: Path) -> tuple[int, int, int, int]:
    """Size, modification and change times (ns), inode: any write changes one (OSError if it cannot be had)."""
    status = path.stat()
    return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)


def _narrow_paths(argv: Sequence[str], environ: Mapping[str, str], cwd: Path) -> list[Path]:
    """What a key of NARROW stamps: each folder searched that is there, and each argument that is a regular file.

    A folder's stamp changes when a file in it is made, removed or renamed, which is what can change
    the file a name finds; what the files read hold is kept with the entry (``_kept_reads``).
    """
    files = [cwd / arg for arg in argv[1:] if _regular(cwd / arg)]
    folders = [folder for folder in _folders(argv, environ, cwd) if folder.is_dir()]
    return [*folders, *files]


def _kept_reads(recording: Recording) -> list[list[Any]]:
    """The stamp of every file the run read and of every symbolic link in its folders (None: not there).

    The links: a link to nothing is passed over when a name is looked up, and starts to count, without
    its folder changing, once its target is made; so is a link whose target is replaced.
    """
    assert recording.argv is not None
    paths = {str(path): path for path in recording.reads or []}
    for directory in _folders(recording.argv, os.environ, Path(os.getcwd())):
        with contextlib.suppress(OSError), os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_symlink():
                    paths.setdefault(entry.path, Path(entry.path))
    kept = []
    for name, path in sorted(paths.items()):
        try:
            kept.append([name, *_stamp(path)])
        except (OSError, ValueError):
            kept.append([name, None])
    return kept


def _reads_unchanged(kept: list[list[Any]]) -> bool:
    """True if every file an entry's run read (and every link of its folders) has the stamp it had then."""
    for name, *stamp in kept:
        try:
            now: list[Any] = list(_stamp(Path(name)))
        except (OSError, ValueError):
            now = [None]
        if now != stamp:
            return False
    return True


def code_version() -> str:
    """The version, and each module's size and modification time: edited code never reads an old entry."""
    package = Path(__file__).resolve().parent.parent
    stamps = [__version__]
    for path in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            status = path.stat()
            stamps.append(f"{path.relative_to(package)}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(stamps)


def _files(argv: Sequence[str], environ: Mapping[str, str], cwd: Path) -> list[Path]:
    """Every file the command could read: arguments that are files and every timeline of every folder searched."""
    folders = _folders(argv, environ, cwd)
    from armsdeal.core.collection import timeline_files
    from armsdeal.core.errors import UsageError

    # Every argument that is a file, whatever its suffix (`T.YAML`, `t.Yml` are read as timelines too).
    files = [cwd / arg for arg in argv[1:] if _regular(cwd / arg)]
    for directory in folders:
        if directory.is_dir():
            try:
                listed = timeline_files(directory)  # what the command itself lists
            except UsageError as error:  # a folder that cannot be listed
                raise ValueError(str(error)) from error
            for path in listed:
                if not path.is_file():
                    # A FIFO or a link to nothing, which the command names as unreadable: never cached
                    # (and never read here: a FIFO would wait for a writer).
                    raise ValueError(f"{path} is not a regular file")
                files.append(path)
    return files


def _folders(argv: Sequence[str], environ: Mapping[str, str], cwd: Path) -> list[Path]:
    """Every folder of timelines the command could search."""
    folders: list[Path] = []
    # Every --timelines given (the command takes the last, a key of the first would serve its view).
    folders.extend(cwd / option for option in _option_values(argv, "--timelines"))
    if environ.get("ARMSDEAL_TIMELINES"):
        folders.append(cwd / environ["ARMSDEAL_TIMELINES"])
    folders.append(cwd / "timelines")
    from armsdeal.core.collection import bundled_dir, repository_top

    top = repository_top(cwd)
    if top is not None and not (cwd / "timelines").is_dir():
        folders.append(top / "timelines")  # what a command run from a subfolder reads (core/collection.py)
    folders.append(bundled_dir())
    # Each folder once: in a checkout ./timelines is also the bundled folder, listed and stamped twice before.
    unique: dict[str, Path] = {}
    for folder in folders:
        unique.setdefault(os.path.realpath(folder), folder)
    return list(unique.values())


def _changed_since(argv: Sequence[str], moment: float) -> bool:
    """True if a file or folder the run could read was written (or made, or removed from) at ``moment`` or later.

    The content of an edit undone before the run ends is back in the key, but the
    status-change time (which no program can set back) says it happened.
    """
    cwd = Path(os.getcwd())
    try:
        paths = [*_folders(argv, os.environ, cwd), *_files(argv, os.environ, cwd)]
    except (OSError, ValueError):
        return True
    for path in paths:
        try:
            status = path.stat()
        except FileNotFoundError:
            continue  # a folder that is not there (./timelines); its parent's listing is not read
        except (OSError, ValueError):
            return True
        if max(status.st_ctime, status.st_mtime) >= moment:
            return True
    return False


def _option_values(argv: Sequence[str], name: str) -> list[str]:
    values = []
    for index, arg in enumerate(argv):
        if arg == name and index + 1 < len(argv):
            values.append(argv[index + 1])
        elif arg.startswith(name + "="):
            values.append(arg[len(name) + 1 :])
    return values


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def this_run(argv: Sequence[str]) -> str | None:
    """The key of this process's run (its environment, terminals, size, today)."""
    environ = os.environ
    streams = (sys.stdin, sys.stdout, sys.stderr)
    terminals = tuple(_isatty(stream) for stream in streams)
    size = None
    for stream in streams:
        try:
            size = tuple(os.get_terminal_size(stream.fileno()))
            break
        except (AttributeError, ValueError, OSError):
            continue
    return key(
        argv,
        environ,
        terminals=(terminals[0], terminals[1], terminals[2]),
        size=(size[0], size[1]) if size else None,
        encoding=str(getattr(sys.stdout, "encoding", None)),
        today=date.today(),
        cwd=os.getcwd(),
    )


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def serve(argv: Sequence[str]) -> bool:
    """Write the cached output of this run if there is one (True), else start recording it (False)."""
    global _recording
    started = time.time()  # before the key reads a file: a change after it is seen by ``store``
    run_key = this_run(argv)
    if run_key is None:
        return False
    where = folder(os.environ)
    entry = _read(where / f"{run_key}.json")
    if entry is None or not _reads_unchanged(entry.get("read", [])):
        _recording = Recording(run_key, where, argv, started=started)
        if argv[0] in NARROW and enabled("narrow-key"):
            from armsdeal.read.files import log_reads

            _recording.reads = log_reads()
        return False
    with contextlib.suppress(OSError):
        os.utime(where / f"{run_key}.json")  # recently used: dropped last
    from armsdeal.cli import pager

    text = entry["text"]
    height = entry["height"]
    if isinstance(height, int):
        command = pager.pager_for(
            is_terminal=pager.stdout_is_terminal(),
            no_pager="--no-pager" in argv,
            lines=text.count("\n"),
            height=height,
            environ=os.environ,
        )
        if command is not None and pager.run_pager(command, text):
            return True
    sys.stdout.write(text)
    sys.stdout.flush()
    return True


def _read(path: Path) -> dict[str, Any] | None:
    """An entry of this version, or None: missing, damaged, foreign (another shape), or not a regular file."""
    import json

    text = _read_regular(path)
    if text is None:
        return None
    try:
        entry = json.loads(text)
    except ValueError:
        return None
    if not isinstance(entry, dict) or entry.get("version") != __version__ or not isinstance(entry.get("text"), str):
        return None
    height = entry.get("height")
    if "height" not in entry or not (height is None or (isinstance(height, int) and not isinstance(height, bool))):
        return None  # damaged or foreign: rendered again and replaced
    kept = entry.get("read", [])
    if not isinstance(kept, list) or not all(_a_kept_read(item) for item in kept):
        return None
    return entry


def _a_kept_read(item: Any) -> bool:
    """A name and a stamp (four whole numbers) or None, as ``_kept_reads`` writes them."""
    if not isinstance(item, list) or not item or not isinstance(item[0], str):
        return False
    stamp = item[1:]
    return stamp == [None] or (len(stamp) == 4 and all(type(part) is int for part in stamp))


def _read_regular(path: Path) -> str | None:
    """A file's text if it is a regular file; a FIFO or device in the cache folder is never opened to be read.

    Opened without blocking (a FIFO would wait for a writer), then looked at before a byte is read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read().decode("utf-8")
    except (OSError, ValueError):
        return None
    finally:
        os.close(descriptor)


def store(recording: Recording | None) -> None:
    """Store what a command recorded, if it ran well; keep the folder within its bounds."""
    if recording is None or recording.spoiled or recording.text is None:
        return
    # The stamps of what was read are taken before the check for changes: a change after them is then
    # either seen by that check (its change time is after the run began) or seen when the entry is served.
    kept = _kept_reads(recording) if recording.reads is not None else None
    if recording.argv is not None and (
        this_run(recording.argv) != recording.key or _changed_since(recording.argv, recording.started - SETTLE)
    ):
        return  # a file changed during the run: the output may be of either version, so it is not kept
    import json
    import tempfile

    entry: dict[str, Any] = {"version": __version__, "text": recording.text, "height": recording.height}
    if kept is not None:
        entry["read"] = kept
    try:
        recording.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=recording.folder, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(entry, stream)
            os.replace(temporary, recording.folder / f"{recording.key}.json")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _trim(recording.folder)
    except OSError:
        pass  # a cache that cannot be written is no cache, not an error


def _trim(where: Path) -> None:
    """Drop the least recently used entries beyond MAX_ENTRIES or MAX_BYTES."""
    entries = []
    for path in where.glob("*.json"):
        with contextlib.suppress(OSError):
            status = path.stat()
            entries.append((status.st_mtime, status.st_size, path))
    entries.sort(reverse=True)
    total = 0
    for index, (_, size, path) in enumerate(entries):
        total += size
        if index >= MAX_ENTRIES or total > MAX_BYTES:
            with contextlib.suppress(OSError):
                path.unlink()


def stop() -> Recording | None:
    """End the recording of this run and return it (to ``store`` once the run is known to have gone well)."""
    global _recording
    recording, _recording = _recording, None
    return recording
