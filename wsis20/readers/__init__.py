"""Readers of formats other than the wsis markup: each turns a file from
elsewhere into a document tree that the source writer gives back as .wsis text.
Their input is untrusted in the same way a draft is (SECURITY.md)."""

from __future__ import annotations

import importlib
from types import ModuleType

# A file's extension -> the module that reads it. Each module has
# ``read(path, data) -> Imported`` and ``MAX_BYTES``, the most it reads.
READERS = {
    ".xml": "wsis20.readers.akn",
    ".akn": "wsis20.readers.akn",
    ".txt": "wsis20.readers.word_text",
    ".docx": "wsis20.readers.docx",
    ".dotx": "wsis20.readers.docx",
    # Macro-enabled Word files: the reader refuses them with a diagnostic that says why.
    ".docm": "wsis20.readers.docx",
    ".dotm": "wsis20.readers.docx",
}


def reader_for(suffix: str) -> ModuleType | None:
    """The reader of files with this extension (any case), imported only when asked for."""
    name = READERS.get(suffix.lower())
    return importlib.import_module(name) if name else None
