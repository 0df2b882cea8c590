"""Writers turn a finished Document into bytes. Each lives in its own module,
imported only when asked for, so ``wsisc check`` never loads Jinja or WeasyPrint."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from .. import ast

# format -> module with ``write(document, view, options) -> bytes``
WRITERS = {
    "html": "wsis20.writers.html",
    "pdf": "wsis20.writers.pdf",
}
EXTENSIONS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


@dataclass(frozen=True)
class WriteOptions:
    paper: str = "a4"  # a4 or letter
    source_dir: Path | None = None  # the draft's folder: the only user files a writer may read


def writer(name: str):
    return importlib.import_module(WRITERS[name]).write


def resolve_logo(document: ast.Document, source_dir: Path | None) -> Path | None:
    """The front matter's ``logo``, if it is a file inside the source's folder
    (symbolic links resolved first, so none can point out of it)."""
    if not document.front.logo or source_dir is None:
        return None
    folder = source_dir.resolve()
    path = (folder / document.front.logo).resolve()
    if path.is_file() and path.is_relative_to(folder):
        return path
    return None
