"""Rules found while reading a file (the read/ package): size, encoding, YAML syntax.

Declared here so that they are documented and can be ignored by id.
"""

from __future__ import annotations

from armsdeal.check.rules.base import declare
from armsdeal.core.problems import Severity

# Found while reading the file (read/).
declare("file-too-large", "The file is larger than the size cap (16 MiB).")
declare("byte-order-mark", "The file starts with a UTF-8 byte-order mark.", Severity.WARNING)
declare("encoding", "The file is not valid UTF-8.")
declare("empty-file", "The file holds no YAML document.")
declare("yaml-syntax", "The file is not valid YAML.")
declare("multiple-documents", "The file holds more than one YAML document.")
declare("yaml-alias", "The file uses YAML anchors or aliases, which can expand without bound.")
declare(
    "number-too-large",
    "A whole number lies outside -9223372036854775807..9223372036854775807 (64 bits), written in any notation.",
)
declare(
    "too-deep",
    "Lists and mappings are nested more than 50 levels deep (a timeline needs 5); the file is not read further.",
)
declare("duplicate-key", "A mapping has the same key twice; YAML keeps only one of them.")
declare(
    "file-unreadable",
    """A path cannot be read as a file: missing, a folder, not a regular file, or no permission.

    Reported for the path, with no line or column (the JSON and GitHub formats,
    which need them, give line 1, column 1). This is an input/output failure,
    so `armsdeal check` exits with code 2, and it cannot be ignored.
    """,
    ignorable=False,
)
