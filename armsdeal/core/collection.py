"""Where timelines live, and how a name on the command line becomes a file.

The user's folder is the first of: --timelines DIR, $ARMSDEAL_TIMELINES,
./timelines if it exists, the timelines/ folder at the top of the git
repository the current folder is in (so that every command finds a
repository's timelines from any of its subfolders, as diff and git do). Names are looked up in the user's folder first,
then in the timelines bundled with the package (``search_path``): a user file
with a bundled timeline's name shadows it. Commands that work on every
timeline (list, search, export --all) take ``catalogue(search_path(...))``:
the user's files, then the bundled ones they do not shadow. ``resolve_dir``
is the one folder that check (without PATH) and diff use: the user's, else
the bundled one.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from armsdeal.core.errors import UsageError
from armsdeal.core.fastpaths import enabled
from armsdeal.core.vocabulary import ID_RE

ENV_VAR = "ARMSDEAL_TIMELINES"
SUFFIXES = (".yaml", ".yml")
_NAME = ID_RE


def bundled_dir() -> Path:
    """The timelines installed with the package (the checkout's timelines/ in development)."""
    package = Path(__file__).resolve().parent.parent  # armsdeal/, from armsdeal/core/
    installed = package / "timelines"
    # An editable install or a plain checkout has no armsdeal/timelines: the data
    # is then the repository's own timelines/ folder beside the package.
    return installed if installed.is_dir() else package.parent / "timelines"


def resolve_dir(option: Path | None = None) -> Path:
    """The timelines folder to use, by the precedence in the module docstring."""
    if option is not None:
        return _existing_dir(option, "--timelines")
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return _existing_dir(Path(from_env), ENV_VAR)
    return local_dir() or bundled_dir()


def local_dir() -> Path | None:
    """./timelines, else the timelines/ at the top of the enclosing git repository, if either exists."""
    local = Path("timelines")
    if local.is_dir():
        return local
    top = repository_top(Path.cwd())
    if top is None or not (top / "timelines").is_dir():
        return None
    return Path(os.path.relpath(top / "timelines"))


def repository_top(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``.git`` (a folder, or a worktree's file).

    Looked up with a few stat calls rather than by running git, which would cost
    every command a process at start-up; diff and log still ask git itself.
    """
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _existing_dir(path: Path, origin: str) -> Path:
    if not path.is_dir():
        raise UsageError(f"{origin}: '{path}' is not a folder")
    return path


def timeline_files(directory: Path) -> list[Path]:
    """The timeline files of a folder, sorted by name.

    Every name with a timeline suffix but a folder's: a FIFO, a link to nothing or a
    loop of links is listed too, so that the commands reading it report it as
    unreadable (README, Safety) rather than pass over it in silence.
    """
    try:
        # scandir's entries know whether they are folders without a stat each (30,000 files: 30,000
        # stats saved), and names sort as their paths do (one folder) without building each Path's parts.
        with os.scandir(directory) as entries:
            names = [entry.name for entry in entries if suffix_of(entry.name) in SUFFIXES and not _is_dir(entry)]
        return [directory / name for name in sorted(names, key=os.path.normcase)]
    except OSError as error:
        raise UsageError(f"cannot list '{directory}': {error.strerror or error}") from error


def suffix_of(name: str) -> str:
    """Path(name).suffix: a name's last dot and what follows, unless the dot is its first or last character."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # through a symlink, as Path.is_dir
    except OSError:
        return False


def timeline_names(directory: Path) -> list[str]:
    return [path.stem for path in timeline_files(directory)]


def find(name_or_path: str, directory: Path) -> Path:
    """The file for a timeline id in the folder, or a path to a .yaml file.

    A name is an id, never a path: '../../etc/passwd' is refused.
    """
    if name_or_path.endswith(SUFFIXES):
        path = Path(name_or_path)
        if not path.exists():
            raise UsageError(f"'{name_or_path}': {_missing(path)}")
        if not path.is_file():
            raise UsageError(f"'{name_or_path}': not a regular file")
        return path
    if not _NAME.fullmatch(name_or_path):
        raise UsageError(
            f"'{name_or_path}' is not a timeline name: names are ids like turkey-s400 (or give a path ending in .yaml)"
        )
    for suffix in SUFFIXES:
        path = directory / f"{name_or_path}{suffix}"
        if path.is_file():
            return path
    known = ", ".join(timeline_names(directory)) or "none"
    raise UsageError(f"no timeline named '{name_or_path}' in {directory} (known: {known})")


BUNDLED = "bundled"


@dataclass(frozen=True, slots=True)
class Folder:
    """A folder of timelines and where it comes from: an option, a variable, ./timelines or bundled."""

    path: Path
    origin: str


def search_path(option: Path | None = None) -> list[Folder]:
    """The folders a name is looked up in, the user's first, then the bundled timelines."""
    bundled = bundled_dir()
    folders: list[Folder] = []
    if option is not None:
        folders.append(Folder(_existing_dir(option, "--timelines"), "--timelines"))
    elif from_env := os.environ.get(ENV_VAR):
        folders.append(Folder(_existing_dir(Path(from_env), ENV_VAR), ENV_VAR))
    elif (local := local_dir()) is not None:
        folders.append(Folder(local, "./timelines" if local == Path("timelines") else "the repository's timelines/"))
    if not folders or not same_folder(folders[0].path, bundled):
        folders.append(Folder(bundled, BUNDLED))
    return folders


def same_folder(a: Path, b: Path) -> bool:
    """Whether two paths name one folder (False when either cannot be resolved)."""
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class Found:
    """A timeline file, the folder it was found in, and the bundled file it shadows (if any)."""

    path: Path
    folder: Folder
    shadows: Path | None = None

    @property
    def name(self) -> str:
        return self.path.stem


def catalogue(folders: list[Folder]) -> list[Found]:
    """Every timeline of the search path once, by name: the first folder's file wins."""
    found: dict[str, Found] = {}
    for folder in folders:
        for path in timeline_files(folder.path):
            key = path.stem.casefold()
            if key in found:
                if found[key].shadows is None and folder.origin == BUNDLED:
                    found[key] = Found(found[key].path, found[key].folder, shadows=path)
                continue
            found[key] = Found(path, folder)
    return sorted(found.values(), key=lambda item: item.name)


# Up to this many names are looked up one by one (named); more list the folders once (catalogue).
_NAMED_AT_MOST = 16


def locate_all(names: Iterable[str], folders: list[Folder]) -> list[Path]:
    """``locate`` of each name, the folders listed once (naming 10,000 timelines listed them 10,000 times)."""
    names = list(names)
    listed: list[Found] | None = None
    few = len(names) <= _NAMED_AT_MOST and enabled("named")
    paths = []
    for name in names:
        if listed is None and not few and not name.casefold().endswith(SUFFIXES):
            listed = catalogue(folders)
        paths.append(locate(name, folders, listed=listed))
    return paths


def locate(name_or_path: str, folders: list[Folder], *, listed: list[Found] | None = None) -> Path:
    """The file for a timeline name on the search path, or a path to a .yaml file.

    Names ignore case (``TURKEY-S400``) and may end in .yaml when no such file
    exists (``turkey-s400.yaml``). A name is never a path: '../../etc/passwd'
    is refused. An unknown name says which known name is closest.
    """
    given = _given_path(name_or_path)
    if isinstance(given, Path):
        return given
    name = given
    key = name.casefold()
    if listed is None and _NAME.fullmatch(key) and enabled("named"):
        direct = named(key, folders)
        if direct is not None:
            return direct  # else the listing below says why: unknown, and the closest name
    every = catalogue(folders) if listed is None else listed
    if _NAME.fullmatch(key):
        for found in every:
            if found.name.casefold() == key:
                return found.path
    elif "/" in name or os.sep in name or name.startswith("."):
        raise UsageError(
            f"'{name_or_path}' is not a timeline name: names are ids like turkey-s400 (or give a path ending in .yaml)"
        )
    where = describe_folders(folders)
    hint = suggest(name, [found.name for found in every]) or " (`armsdeal list` shows them all)"
    raise UsageError(f"no timeline named '{name_or_path}' in {where}{hint}")


def _given_path(name_or_path: str) -> Path | str:
    """The file a NAME ending in .yaml names as a path if it is one, else the name it stands for."""
    if not name_or_path.casefold().endswith(SUFFIXES):
        return name_or_path
    path = Path(name_or_path)
    if path.is_file():  # the common case in one stat (export --all names 30,000 files)
        return path
    if path.exists():
        raise UsageError(f"'{name_or_path}': not a regular file")
    if path.is_symlink():
        raise UsageError(f"'{name_or_path}': {_missing(path)}")  # a loop, or a link to nothing
    stem = name_or_path.rsplit(".", 1)[0]
    if "/" in name_or_path or os.sep in name_or_path or not _NAME.fullmatch(stem.casefold()):
        raise UsageError(f"'{name_or_path}': no such timeline file")
    return stem


def present(ids: Iterable[str], folders: list[Folder]) -> set[str]:
    """Those of ``ids`` that name a timeline of the catalogue exactly (case and all), as ``Found.name`` does."""
    ids = list(dict.fromkeys(ids))
    if len(ids) > _NAMED_AT_MOST or not all(_NAME.fullmatch(i.casefold()) for i in ids) or not enabled("named"):
        names = {found.name for found in catalogue(folders)}
        return {i for i in ids if i in names}
    return {i for i in ids if (path := named(i.casefold(), folders)) is not None and path.stem == i}


def named(key: str, folders: list[Folder]) -> Path | None:
    """The file ``catalogue(folders)`` has for a timeline id (``key``, casefolded), or None if none or unsure.

    The same file as the catalogue's, found from the folders' names alone (os.listdir, no stat and
    no Path per file: 12 ms of CPU for 30,000 files instead of 300): the first folder with a file of
    that name, and in it the first such file in sorted order (two files may differ in case alone,
    or be .yaml and .yml). None for a folder that cannot be listed: the catalogue then says why.
    """
    for folder in folders:
        try:
            names = os.listdir(folder.path)
        except (OSError, ValueError):
            return None
        matching = [
            path
            for path in (folder.path / name for name in _candidates(names, key))
            if path.suffix in SUFFIXES and path.stem.casefold() == key and not path.is_dir()
        ]
        if matching:
            return min(matching)  # the catalogue's order: sorted paths, the first of a name wins
    return None


def _candidates(names: list[str], key: str) -> list[str]:
    """The names that may be ``key`` with a timeline suffix, ignoring case (a few, or every name when unsure)."""
    joined = "/".join(names)  # no file name holds a slash
    if not joined.isascii():
        # casefold may change a non-ASCII name's length or fold it into ASCII: each name is compared.
        return [name for name in names if name.endswith(SUFFIXES) and name.rpartition(".")[0].casefold() == key]
    text = f"/{joined.lower()}/"  # ASCII: lower is casefold, and keeps each name's place
    found = []
    for suffix in SUFFIXES:
        wanted = f"/{key}{suffix}/"
        start = text.find(wanted)
        while start != -1:
            found.append(joined[start : start + len(wanted) - 2])
            start = text.find(wanted, start + 1)
    return found


def describe_folders(folders: list[Folder]) -> str:
    """The search path in words for messages: 'timelines or the bundled timelines'."""
    return " or ".join(_describe(folder) for folder in folders)


def _describe(folder: Folder) -> str:
    return "the bundled timelines" if folder.origin == BUNDLED else str(folder.path)


def suggest(word: str, known: list[str]) -> str:
    """' (did you mean 'x'?)' for the closest known word, ignoring case, _ and spaces; '' if none is close."""

    from armsdeal.core.suggest import close_matches

    def key(text: str) -> str:
        return text.casefold().replace("_", "-").replace(" ", "-")

    keys = {key(item): item for item in known}
    close = close_matches(key(word), keys)
    return f" (did you mean '{keys[close[0]]}'?)" if close else ""


def _missing(path: Path) -> str:
    """Why a path that exists() denies is not there, in plain words."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link in a loop of links (it never reaches a file)"
        if path.is_symlink():
            return "a symbolic link to a file that does not exist"
        if error.errno == errno.EACCES:
            return "permission denied"
    return "no such timeline file"
