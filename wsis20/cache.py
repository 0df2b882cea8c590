"""A per-user cache of results that are costly to make and cheap to keep.

Every entry lives in a folder named by a digest of the code and data that make
it: wsisc's own source files, its grammar and templates, the versions of the
libraries whose output is kept (Lark's generated parser, PyYAML's reading, Jinja's
compiled templates) and the Python it runs on. Change any of them (an upgrade,
a local edit, a checkout of another commit) and the old entries are simply never
read again: a cache can make wsisc faster, never give another answer. A version
string alone was not enough: the code changes many times between two releases.

Only a folder that belongs to the user and that nobody else may write is used:
the cache holds pickles and Python code, and loading either from a folder
another user controls would run their code. Any problem with the cache (a
read-only home, a full disk, a damaged file) means working without it.
"""

from __future__ import annotations

import binascii
import os
import pickle
import re
import sys
import time
import zlib
from functools import lru_cache
from pathlib import Path

from . import resources

# What the cached results are made from, besides the package's own modules.
# Fonts are left out: no cached result depends on them, and they are megabytes.
_DATA = ((lambda: resources.grammar_path().parent, (".lark",)), (resources.templates_dir, (".j2", ".css")))
_LIBRARIES = ("lark", "yaml", "jinja2")
# Folders of other code (an older wsisc, another checkout) are removed once
# nobody has used them for this long, so that the cache does not grow without
# end; a folder in use is marked so at most once in a while.
STALE_AFTER = 7 * 24 * 3600
MARK_USE_EVERY = 24 * 3600
# False in a process that must write no file (the language server): it reads what
# wsisc's commands cached, and adds, marks and removes nothing (read_only()).
_writes = True


def read_only() -> None:
    """From now on this process only reads the cache. The language server calls it
    before anything is parsed: it writes no file, and a new front matter at every
    keystroke would otherwise leave an entry each in the cache."""
    global _writes
    _writes = False


def writable() -> bool:
    return _writes


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of everything that makes a cached result, read from the files
    themselves on every run (about 2 ms): an editable install or a checkout
    changes the code without changing any version number."""
    package = Path(__file__).resolve().parent
    places = [(package, (".py",))] + [(where(), suffixes) for where, suffixes in _DATA]
    # Two running checksums over the same bytes: 64 bits, from zlib, which Python
    # has already loaded (hashlib would add its own import to every check).
    crc, adler, size = 0, 1, 0
    for root, suffixes in places:
        for path in _files(root, suffixes):
            data = path.read_bytes()
            head = f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode()
            for chunk in (head, data):
                crc, adler = zlib.crc32(chunk, crc), zlib.adler32(chunk, adler)
            size += len(data)
    versions = "\0".join(f"{name}={_library_version(name)}" for name in _LIBRARIES)
    tail = f"{sys.implementation.cache_tag}\0{versions}".encode()
    crc, adler = zlib.crc32(tail, crc), zlib.adler32(tail, adler)
    return f"{crc:08x}{adler:08x}{size:x}"


def _files(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__" and not d.startswith("."))
        found += [Path(folder, name) for name in sorted(names) if name.endswith(suffixes)]
    return found


_VERSION = re.compile(r"""^__version__\s*(?::\s*str\s*)?=\s*["']([^"']+)["']""", re.MULTILINE)


def _library_version(name: str) -> str:
    """A library's version, read from its ``__init__.py`` without importing it
    (importing Lark or PyYAML is what the cache is there to avoid)."""
    for entry in sys.path:
        init = Path(entry or ".", name, "__init__.py")
        try:
            text = init.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        m = _VERSION.search(text)
        return m.group(1) if m else f"unversioned:{zlib.crc32(text.encode()):08x}"
    return "absent"


def _private(info: os.stat_result) -> bool:
    return sys.platform == "win32" or (info.st_uid == os.getuid() and not info.st_mode & 0o022)


def folder(create: bool = True) -> Path | None:
    """This code's cache folder, if it is private to this user (made if ``create``
    and the cache is not read-only)."""
    base = resources.cache_dir()
    path = base / code_digest()
    try:
        if create and _writes and not path.is_dir():
            base.mkdir(mode=0o700, parents=True, exist_ok=True)
            if _private(os.stat(base)):
                path.mkdir(mode=0o700, exist_ok=True)
                _remove_stale(base, keep=path)
        info = os.stat(path)
        if not (_private(os.stat(base)) and _private(info)):
            return None
        if _writes and time.time() - info.st_mtime > MARK_USE_EVERY:
            os.utime(path)
    except OSError:
        return None
    return path


def _remove_stale(base: Path, keep: Path) -> None:
    """Remove what other code left that nobody has used for a week: its folders,
    and the files that wsisc 0.1.0 kept at the top of the cache."""
    import shutil  # here, not at the top: only a new folder of code comes this way

    now = time.time()
    try:
        for entry in base.iterdir():
            if entry == keep or now - entry.lstat().st_mtime <= STALE_AFTER:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
    except OSError:
        pass


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
    where = folder() if _writes else None
    if where is None:
        return
    try:
        from .fsutil import write_atomically

        write_atomically(where / f"{kind}-{digest(key)}.pickle", pickle.dumps((key, value)))
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache
        pass
