"""The only code that writes users' files."""

from __future__ import annotations

import os
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the previous one, if any, is as it was."""


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader, a crash or a full disk sees
    either the old file or the whole new one, never a part.

    The temporary file sits in the target's own folder, so the final rename
    never crosses a file system. Any failure is a WriteError that says why.
    """
    path = Path(path)
    if path.is_symlink():  # rewrite the file the link names, and keep the link
        path = path.resolve()
    if path.is_file() and not path.stat().st_mode & 0o222:
        raise WriteError(f"cannot write {path}: it is read-only (the file is left as it was)")
    try:
        _write(path, data)
    except OSError as exc:
        kept = " (the previous file is left as it was)" if path.is_file() else ""
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}{kept}") from None


def write_all_atomically(files: list[tuple[Path, bytes]]) -> None:
    """Write several files all or none, as far as a file system allows: every
    new file is written beside its target first, and only when all are written
    do they replace their targets (renames, which do not fail for want of
    space). Language versions renumbered together use it."""
    import tempfile

    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            path = Path(path)
            if path.is_symlink():
                path = path.resolve()
            if path.is_file() and not path.stat().st_mode & 0o222:
                raise WriteError(f"cannot write {path}: it is read-only (no file was changed)")
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
                staged.append((tmp, path))
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.chmod(tmp, os.stat(path).st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
            except OSError as exc:
                raise WriteError(f"cannot write {path}: {exc.strerror or exc} (no file was changed)") from None
        for tmp, path in staged:
            os.replace(tmp, path)
        staged = []
    finally:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass


def _write(path: Path, data: bytes) -> None:
    import tempfile  # here, not above: check imports this module's WriteError and never writes

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
