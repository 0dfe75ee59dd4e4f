"""Each stored blob's seal: an HMAC-SHA256 under a key of the user's, kept outside the cache folder.

The index lives in the cache folder, which someone else may be able to write: a CI cache restored
from an untrusted pull request's job (GitHub Actions cache poisoning), a shared or synced home. A
pickle runs code when it is loaded, so the index never loads bytes it did not write itself: each
row's blob is sealed with a key only this user can read (cli/index.py keeps it in the state folder),
over the folder, the file's name, its stamp and the blob, and a row whose seal does not verify is
treated as stale (the file is read again). A row copied from another file, folder or stamp does not
verify either.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence

KEY_BYTES = 32


class Seal:
    """Seals and verifies the rows of one folder's index under one key."""

    __slots__ = ("_folder", "_key")

    def __init__(self, key: bytes, folder: str) -> None:
        self._key = key
        self._folder = folder.encode("utf-8", "surrogateescape")

    def of(self, name: str, stamp: Sequence[int], blob: bytes) -> bytes:
        # NUL between the parts: no path or file name holds one, so no two rows give one message.
        head = b"\0".join(
            (self._folder, name.encode("utf-8", "surrogateescape"), " ".join(map(str, stamp)).encode("ascii"))
        )
        return hmac.digest(self._key, head + b"\0" + blob, "sha256")  # one call into OpenSSL

    def holds(self, name: str, stamp: Sequence[int], blob: bytes, seal: bytes) -> bool:
        """Whether ``seal`` is this key's seal of the row (compared in constant time)."""
        return isinstance(seal, bytes) and hmac.compare_digest(self.of(name, stamp, blob), seal)
