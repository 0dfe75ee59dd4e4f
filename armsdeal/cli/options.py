"""Options built from the core's registries, so that --help and the choices are always the registry's."""

from __future__ import annotations

from typing import Any

import typer

from armsdeal.core.registry import Registry


def format_option(registry: Registry[Any], *, default_note: str | None = None) -> Any:
    """A command's ``--format`` option: the registry's names as choices, their one-line help in --help.

    ``default_note`` says what happens without --format when that is not simply the
    registry's default (check: github under GitHub Actions; export: the -o suffix).
    """
    default = default_note or registry.default

    def choice(value: str) -> str:
        if value not in registry:
            raise typer.BadParameter(f"'{value}' is not one of {', '.join(registry.names())}")
        return value

    return typer.Option(
        "--format",
        "-f",
        parser=choice,
        metavar="FORMAT",
        show_default=False,
        autocompletion=registry.names,
        help=f"Output format: {registry.describe()} [default: {default}].",
    )
