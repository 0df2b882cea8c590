"""A per-user cache of results that are costly to make and cheap to keep.

Only a folder that belongs to the user and that nobody else may write is used:
the cache holds pickles and Python code, and loading either from a folder
another user controls would run their code. Any problem with the cache (a
read-only home, a full disk, a damaged file) means working without it.
"""

from __future__ import annotations

import binascii
import os
import pickle
import sys
from pathlib import Path

from . import __version__, resources


def folder(create: bool = True) -> Path | None:
    """The cache folder, if it is private to this user (made if ``create``)."""
    path = resources.cache_dir()
    try:
        if create:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(path)
    except OSError:
        return None
    if sys.platform != "win32" and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        return None
    return path


def digest(text: str) -> str:
    """A short name for some text: CRC-32 and length. Not cryptographic; the
    folder is private, and every entry stores its whole key to compare."""
    data = text.encode("utf-8")
    return f"{binascii.crc32(data):08x}{len(data):x}"


def load(kind: str, key: str) -> object | None:
    where = folder(create=False)
    if where is None:
        return None
    try:
        with open(where / f"{kind}-{digest(key)}.pickle", "rb") as file:
            stored_key, value = pickle.load(file)
    except Exception:  # noqa: BLE001 - a missing or damaged entry is a miss
        return None
    return value if stored_key == key else None


def store(kind: str, key: str, value: object) -> None:
    where = folder()
    if where is None:
        return
    try:
        from .fsutil import write_atomically

        write_atomically(where / f"{kind}-{digest(key)}.pickle", pickle.dumps((key, value)))
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache
        pass


def versioned(*parts: str) -> str:
    """A key that changes with wsisc's version, so no entry outlives the code that made it."""
    return "\0".join((__version__, *parts))
