"""Compiler spans to LSP positions, and the links to docs/diagnostics.md.

Spans count characters (code points) from 1 on lines of the text with its line
ends normalised; LSP counts lines from 0 and, within a line, UTF-16 code units.
Kept free of pygls so that it can be tested without the extra.
"""

from __future__ import annotations

import bisect
import re

from functools import lru_cache
from pathlib import Path

from ..source import SourceFile


def utf16_length(text: str) -> int:
    """UTF-16 code units in ``text``: two for a character outside the Basic Multilingual Plane."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_astral_of: list[tuple[SourceFile, list[int]]] = []  # the last few sources' own


def _astral(source: SourceFile) -> list[int]:
    """The offsets of ``source``'s characters outside the BMP, found once per source:
    counting the UTF-16 units of a line at each position made a long line's thousands
    of diagnostics quadratic (100,000 characters: minutes)."""
    for known, found in _astral_of:
        if known is source:
            return found
    found = [m.start() for m in _ASTRAL.finditer(source.text)]
    _astral_of.insert(0, (source, found))
    del _astral_of[4:]
    return found


def position(source: SourceFile, offset: int, bom: bool = False) -> tuple[int, int]:
    """The 0-based (line, UTF-16 character) of a character offset into ``source.text``.

    ``bom``: the editor's text begins with a byte-order mark that decoding removed;
    it is a character of the editor's first line."""
    span = source.span(offset, offset)
    start = source.line_starts[span.line - 1]
    astral = _astral(source)
    character = offset - start + bisect.bisect_left(astral, offset) - bisect.bisect_left(astral, start)
    if bom and span.line == 1:
        character += 1
    return span.line - 1, character


def offset(source: SourceFile, line: int, character: int, bom: bool = False) -> int:
    """The character offset into ``source.text`` of a 0-based (line, UTF-16 character),
    clamped to the text: the inverse of :func:`position`. A character inside a
    surrogate pair, or past the line's end, is taken as the next character boundary."""
    if line < 0:
        return 0
    if line >= len(source.line_starts):
        return len(source.text)
    start, end = source.line_bounds(line + 1)
    if bom and line == 0:
        character -= 1
    return _advance(source.text, start, end, character)


def _advance(text: str, at: int, end: int, character: int) -> int:
    """The offset ``character`` UTF-16 units on from ``at``, at most ``end``."""
    units = 0
    while at < end and units < character:
        units += 2 if ord(text[at]) > 0xFFFF else 1
        at += 1
    return at


# LSP's line ends, and its only ones: str.splitlines (which pygls 1.3 applies an
# incremental change with) also ends a line at U+000B, U+000C, U+001C-U+001E,
# U+0085, U+2028 and U+2029, and so put an edit after one of them on another line.
_LINE_END = re.compile(r"\r\n|\r|\n")


def text_offset(text: str, line: int, character: int) -> int:
    """The offset into the editor's own text (its line ends as typed, a byte-order
    mark kept) of a 0-based (line, UTF-16 character). Clamped as :func:`offset` is."""
    if line < 0:
        return 0
    start = 0
    if "\r" not in text:  # the usual text: str.find is some twenty times faster than the pattern
        for _ in range(line):
            start = text.find("\n", start) + 1
            if not start:
                return len(text)
        end = text.find("\n", start)
        return _advance(text, start, len(text) if end < 0 else end, character)
    if line:
        for count, found in enumerate(_LINE_END.finditer(text), 1):
            if count == line:
                start = found.end()
                break
        else:
            return len(text)
    found = _LINE_END.search(text, start)
    return _advance(text, start, found.start() if found else len(text), character)


def apply_change(text: str, start: tuple[int, int], end: tuple[int, int], new: str) -> str:
    """The editor's text after an incremental change: the range from ``start`` to
    ``end`` (LSP positions) replaced by ``new``."""
    at = text_offset(text, *start)
    return text[:at] + new + text[max(at, text_offset(text, *end)):]


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_ROW = re.compile(r"^\|\s*`([a-z0-9-]+)`\s*\|")


def slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


@lru_cache(maxsize=None)  # asked once per diagnostic: thousands on a long line
def docs_file(name: str = "diagnostics.md") -> Path | None:
    """docs/``name`` beside the package, as in a checkout or an editable install.

    A wheel does not ship docs/: then there is no file to link to, and a link to a
    guessed web address would be a dead one, so none is given."""
    candidate = Path(__file__).resolve().parents[2] / "docs" / name
    return candidate if candidate.is_file() else None


@lru_cache(maxsize=1)
def _anchors(path: str | None) -> dict[str, str]:
    """Each code -> the anchor of the section whose table lists it (the first, if several)."""
    if path is None:
        return {}
    found: dict[str, str] = {}
    section = ""
    fenced = False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        heading = _HEADING.match(line)
        if heading:
            section = slug(heading.group(2))
            continue
        row = _ROW.match(line)
        if row and section:
            found.setdefault(row.group(1), section)
    return found


@lru_cache(maxsize=None)
def code_href(code: str) -> str | None:
    """A file:// URI to the code's section of docs/diagnostics.md, or None if there is none."""
    path = docs_file()
    if path is None:
        return None
    anchor = _anchors(str(path)).get(code)
    return None if anchor is None else f"{path.as_uri()}#{anchor}"
