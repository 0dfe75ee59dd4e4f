"""Reading a file's bytes: the size cap, what is no regular file, every OS error as a plain reason."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from armsdeal.core.collection import SUFFIXES
from armsdeal.core.errors import InputError

# A clean file's peak memory is about 8 times its size (the fast path reads it in pieces), but a file
# with a problem is read again here: about 23 times its size with the places the streamed build records,
# up to about 40 with the node tree of a file it leaves (docs/performance-history.md, section 24). That bounds
# the cap, not the clean files.
MAX_FILE_BYTES = 16 * 1024 * 1024
BOM = b"\xef\xbb\xbf"
# The files this process read, once ``log_reads`` asked for them: the view cache keeps their stamps with
# a view of `show` or `compare`, whose key then stamps the folders searched, not each of their files.
_read_log: list[Path] | None = None


def log_reads() -> list[Path]:
    """Start logging the files ``read_file`` reads (whether or not they can be read); the list fills as they are."""
    global _read_log
    _read_log = []
    return _read_log


def read_file(path: Path) -> bytes:
    """The bytes of a file, or InputError with a plain reason."""
    if _read_log is not None:
        _read_log.append(path)
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a timeline file")
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # Opening a FIFO would wait for a writer forever; a device may never end.
            raise InputError(f"{path}: not a regular file")
        with path.open("rb") as stream:
            # Up to one byte past the cap, enough to tell "too large" without reading it all. Not by
            # the size stat() gives alone: files in /proc say 0 and hold more, and a file may grow. But
            # asked for the size stat() gives and one byte more, a read does not allocate the cap
            # (16 MiB, given back to the system each time: a tenth of a millisecond a file); a file
            # that holds more than that is read on to the cap, as before.
            head = stream.read(min(status.st_size, MAX_FILE_BYTES) + 1)
            if len(head) <= status.st_size or len(head) > MAX_FILE_BYTES:
                return head
            return head + stream.read(MAX_FILE_BYTES + 1 - len(head))
    except FileNotFoundError as error:
        if path.is_symlink():
            raise InputError(f"{path}: a symbolic link to a file that does not exist") from error
        raise InputError(f"{path}: no such file or directory") from error
    except PermissionError as error:
        raise InputError(f"{path}: permission denied") from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(f"{path}: a symbolic link in a loop of links (it never reaches a file)") from error
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error


class Listing(NamedTuple):
    """The names of a folder's timeline files (sorted), and those that are links."""

    names: list[str]
    links: set[str]


def timeline_names_in(folder: Path) -> Listing:
    """The names of the timeline files directly in ``folder``, sorted (none if it cannot be listed), and which
    are symbolic links.

    Names, not paths: 30,000 files beside a checked one make 30,000 Path objects in 0.1 s.
    """
    links: set[str] = set()
    try:
        # The listing's file types: a system call for a link only, not one per file (10,000 beside a checked one).
        with os.scandir(folder) as entries:
            names = []
            for entry in entries:
                name = entry.name
                # Path.suffix in SUFFIXES (each a dot and letters): the name ends with one and is more than it.
                if name.endswith(SUFFIXES) and name not in SUFFIXES and entry.is_file():
                    names.append(name)
                    if entry.is_symlink():
                        links.add(name)
    except OSError:
        return Listing([], set())
    # The order of the paths (names of one folder: by name, regardless of case on Windows), sorted as text.
    names.sort(key=str.lower if os.name == "nt" else None)
    return Listing(names, links)
