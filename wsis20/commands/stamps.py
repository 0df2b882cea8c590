"""What makes an output, as a key: `wsisc build -d` rebuilds a draft only when
its key has changed or its output is no longer the file it wrote.

The key is a digest of the source's bytes and path, the build's options, the
code that builds (cache.code_digest: wsisc's modules, grammar and templates),
the fonts it embeds, the versions of the libraries that lay out and write the
outputs, and SOURCE_DATE_EPOCH. Beside each key the record keeps the output's
size and modification time as written, and those of the other files the build
read (a logo): an output edited, replaced or removed since, or a logo changed,
is built again. The records live in the per-user cache (cache.py), one entry
per output folder, so a change of wsisc's code starts them afresh.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from functools import lru_cache
from pathlib import Path

from .. import cache, resources

# The libraries whose output the PDF, Word and XML files are (besides wsisc's
# own code, which cache.code_digest covers).
_LIBRARIES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "python-docx", "babel", "lxml")
_KIND = "built"


@lru_cache(maxsize=1)
def _environment() -> bytes:
    from importlib.metadata import PackageNotFoundError, version

    parts = [cache.code_digest()]
    for name in _LIBRARIES:
        try:
            parts.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name}=absent")
    crc = 0
    fonts = resources.templates_dir() / "fonts"
    for path in sorted(fonts.iterdir()) if fonts.is_dir() else ():
        if path.suffix.lower() in (".ttf", ".otf", ".woff", ".woff2"):
            crc = zlib.crc32(path.name.encode() + b"\0" + path.read_bytes(), crc)
    parts.append(f"fonts={crc:08x}")
    return "\0".join(parts).encode()


def key(source: str, data: bytes, options: tuple) -> str:
    """The key of one output: its source, its options and what builds it."""
    digest = hashlib.sha256(_environment())
    digest.update(repr((str(Path(source).resolve()), options, os.environ.get("SOURCE_DATE_EPOCH"))).encode())
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def stat_of(path: str | Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class Records:
    """The records of one output folder: output -> (key, its stat, the stats of the files read)."""

    def __init__(self, folder: Path):
        self.name = str(folder.resolve())
        found = cache.load(_KIND, self.name)
        self.entries: dict[str, tuple] = found if isinstance(found, dict) else {}
        self.changed = False

    def current(self, output: Path, output_key: str) -> bool:
        entry = self.entries.get(str(output.resolve()))
        if entry is None:
            return False
        stored_key, stamp, read = entry
        return (stored_key == output_key and stamp is not None and stat_of(output) == stamp
                and all(stat_of(path) == seen for path, seen in read))

    def record(self, output: Path, output_key: str, read: tuple[str, ...]) -> None:
        self.entries[str(output.resolve())] = (output_key, stat_of(output), tuple((p, stat_of(p)) for p in read))
        self.changed = True

    def forget(self, output: Path) -> None:
        if self.entries.pop(str(output.resolve()), None) is not None:
            self.changed = True

    def save(self) -> None:
        if self.changed:
            cache.store(_KIND, self.name, self.entries)
            self.changed = False
