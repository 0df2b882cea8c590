"""Writers turn a finished Document into bytes. Each lives in its own module,
imported only when asked for, so ``wsisc check`` never loads Jinja or WeasyPrint."""

from __future__ import annotations

import importlib
from typing import Protocol

from .. import ast

# format -> module with ``write(document) -> bytes``
WRITERS = {
    "html": "wsis20.writers.html",
}
EXTENSIONS = {".html": "html", ".htm": "html"}


class Writer(Protocol):
    def __call__(self, document: ast.Document) -> bytes: ...


def writer(name: str) -> Writer:
    return importlib.import_module(WRITERS[name]).write
