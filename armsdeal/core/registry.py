"""One registry shape for every output format of every command: name -> help -> implementation.

An entry names where its implementation lives (``"package.module:attribute"``)
instead of holding it, so that reading a registry (to build a command's
``--format`` choices and help) imports nothing heavy: the module of a format is
imported only when that format runs. Adding a format is one entry and one module.

The registries: ``armsdeal.check.formats.FORMATS``, ``armsdeal.diff.formats.FORMATS``,
``armsdeal.compare.formats.FORMATS`` and ``armsdeal.export.FORMATS``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Entry(Generic[T]):
    """One format: its name, a one-line help, where it lives, and the file suffixes it is written to.

    ``to_file`` marks a format whose result is a file (a database), not text: it
    cannot go to stdout, and its implementation returns an object that writes itself.
    """

    name: str
    help: str
    target: str  # "package.module:attribute"
    suffixes: tuple[str, ...] = ()
    to_file: bool = False

    def load(self) -> T:
        module, _, attribute = self.target.partition(":")
        implementation: T = getattr(import_module(module), attribute)
        return implementation


class Registry(Generic[T]):
    """The formats of one command, in the order --help lists them; the first is the default unless named."""

    def __init__(self, kind: str, entries: Iterable[Entry[T]], *, default: str | None = None) -> None:
        self.kind = kind
        self._entries = {entry.name: entry for entry in entries}
        self.default = default if default is not None else next(iter(self._entries))
        if self.default not in self._entries:
            raise ValueError(f"default format {self.default!r} is not in the {kind} registry")

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[Entry[T]]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, name: str) -> Entry[T]:
        return self._entries[name]

    def names(self) -> list[str]:
        return list(self._entries)

    def load(self, name: str) -> T:
        """The implementation of a format, imported now."""
        return self._entries[name].load()

    def for_suffix(self, suffix: str) -> str | None:
        """The format a file suffix (".csv") stands for, if exactly one entry claims it."""
        names = [entry.name for entry in self if suffix.lower() in entry.suffixes]
        return names[0] if len(names) == 1 else None

    def describe(self) -> str:
        """'a (what a is), b (what b is)': the choices as --help lists them."""
        return ", ".join(f"{entry.name} ({entry.help})" for entry in self)
