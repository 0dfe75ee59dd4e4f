"""The model's validator in a form the next process can rebuild without pydantic's schema generation.

Creating the pydantic model classes generates their core schema (pydantic's
Python code walking every field, annotation and constraint) and compiles it
into a validator: about a tenth of `armsdeal show`'s start-up, paid again by
every process although the schema is the same for the same code. The command
line therefore gives a place to keep it (``runtime.keep_compiled``: a file in
its cache folder), and a later process builds the validator straight from it.

What is kept is what pydantic-core was given (the schema and configuration,
as pickling a validator keeps them), as JSON. Classes, enum members and functions are written as names and read
back only from the table the model module gives (``references``), so the file
can refer to nothing else; metadata, which only pydantic's JSON Schema
generator reads, is left out. The file is used only by the same Python,
pydantic, pydantic-core and armsdeal versions and the same source of the
modules that define the format (their size and modification time, as for the
cache of views). Anything else in the schema, a file that does not read back,
or a schema pydantic-core refuses, and pydantic builds the validator as it
always did.
"""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from armsdeal import __version__
from armsdeal.core import runtime

# The modules whose source defines the schema: the models, and the vocabularies their enums come from.
_SOURCES = ("model.py", "vocabulary.py")


class _Unkept(Exception):
    """The schema holds something that cannot be written as a name from the table."""


def key() -> list[str]:
    """What a kept schema must have been made by: the versions, and the source files of the format."""
    import pydantic
    import pydantic_core

    parts = [sys.version, pydantic.VERSION, pydantic_core.__version__, __version__]
    here = Path(__file__).resolve().parent
    for source in _SOURCES:
        status = (here / source).stat()
        parts.append(f"{source}:{status.st_size}:{status.st_mtime_ns}")
    return parts


def install(model: type[Any], references: Mapping[str, object]) -> None:
    """Give ``model`` its validator from the kept schema, or build it and keep the schema for next time.

    Without a place to keep it (a library user, ARMSDEAL_NO_CACHE) nothing happens here: pydantic
    builds the validator itself, when the model first validates.
    """
    store = runtime.compiled_store()
    if store is None:
        return
    name = f"{model.__name__.lower()}.json"
    try:
        wanted = key()
    except OSError:
        return
    text = store.read(name)
    if text is not None:
        validator = decode(text, wanted, references)
        if validator is not None:
            model.__pydantic_validator__ = validator
            return
    model.model_rebuild()
    text = encode(model.__pydantic_validator__, wanted, references)
    if text is not None:
        store.write(name, text)


def encode(validator: Any, made_by: list[str], references: Mapping[str, object]) -> str | None:
    """The schema and configuration a pydantic-core validator was built from, as JSON; None if not writable."""
    names = {id(value): name for name, value in references.items()}
    try:
        # (SchemaValidator, (schema, config, ...)): what pydantic-core was given, as pickling rebuilds it.
        _, arguments = validator.__reduce__()
        kept = {"key": made_by, "arguments": _encode(list(arguments), names)}
        return json.dumps(kept, allow_nan=False)
    except (_Unkept, ValueError, TypeError):
        return None


def decode(text: str, made_by: list[str], references: Mapping[str, object]) -> Any:
    """The validator built from what ``encode`` wrote for the same key, or None."""
    from pydantic_core import SchemaError, SchemaValidator

    try:
        kept = json.loads(text)
        if not isinstance(kept, dict) or kept.get("key") != made_by:
            return None
        return SchemaValidator(*_decode(kept["arguments"], references))
    except (_Unkept, ValueError, TypeError, KeyError, SchemaError):
        return None


def _encode(value: Any, names: Mapping[int, str]) -> Any:
    if isinstance(value, enum.Enum):
        if id(type(value)) not in names:
            raise _Unkept
        return {"$": "member", "enum": names[id(type(value))], "name": value.name}
    if value is None or type(value) in (bool, int, float, str):
        return value
    if type(value) is dict:
        if "$" in value:
            raise _Unkept
        return {_text(key): _encode(item, names) for key, item in value.items() if key != "metadata"}
    if type(value) is list:
        return [_encode(item, names) for item in value]
    if type(value) is tuple:
        return {"$": "tuple", "items": [_encode(item, names) for item in value]}
    if id(value) in names:
        return {"$": "name", "name": names[id(value)]}
    raise _Unkept


def _text(key: Any) -> str:
    if type(key) is not str:
        raise _Unkept
    return key


def _decode(value: Any, references: Mapping[str, object]) -> Any:
    if isinstance(value, list):
        return [_decode(item, references) for item in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("$")
    if kind is None:
        return {key: _decode(item, references) for key, item in value.items()}
    if kind == "tuple":
        return tuple(_decode(item, references) for item in value["items"])
    if kind == "member":
        found = references[value["enum"]]
        if isinstance(found, type) and issubclass(found, enum.Enum):
            return found[value["name"]]
    elif kind == "name":
        return references[value["name"]]
    raise _Unkept
