"""Untrusted XML -> an element tree, refusing what could do harm before it is parsed.

An XML file from elsewhere can declare entities that expand to gigabytes
("billion laughs"), or that read other files or URLs (external entities and
DTDs). None of that is needed to read an Akoma Ntoso file (no DOCTYPE in any of
the 1,963 files of the 78th session), so wsisc refuses it outright:

- a file larger than ``MAX_BYTES`` (the command reads no more than that);
- any DOCTYPE, found in the prolog by a plain text scan *before* the parser
  sees the file; expat's own handlers refuse a DOCTYPE or an entity
  declaration again, should one ever get past the scan;
- elements nested deeper than ``MAX_DEPTH``, which no real file comes near and
  which would make the reader's walks deep;
- malformed XML, with expat's line and column.

Each refusal is a ``Refused`` carrying a diagnostic with its place. The tree is
built by the standard library alone (expat and ElementTree's TreeBuilder), so
that each element keeps its line and column for later diagnostics. Nothing is
fetched and no file but the input is read: expat is never given a base URL or
an external entity handler that loads anything.
"""

from __future__ import annotations

import re
import xml.parsers.expat as expat
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from ..diagnostics import Diagnostic, Related, make
from ..source import SourceFile, Span

MAX_BYTES = 4 * 1024 * 1024  # the largest AKN file of the 78th session is 457 KB
MAX_DEPTH = 100  # real files nest about 15 deep


class Refused(Exception):
    """The file is not read; ``diagnostic`` says why and where. ``source`` is the
    text its place is in, when that is not the file itself (a part of a .docx)."""

    def __init__(self, diagnostic: Diagnostic, source: SourceFile | None = None):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.source = source


@dataclass(frozen=True)
class Expected:
    """What a kind of XML is like, for the hints of a refusal."""

    depth: str  # the hint when elements nest too deep
    doctype: str  # the hint when the file declares a DOCTYPE or entities


AKN_FILE = Expected(
    depth="an Akoma Ntoso file nests about 15 deep; is this the right file?",
    doctype="Akoma Ntoso files need no DOCTYPE: if you trust the file, delete the declaration and import it again")


@dataclass(frozen=True)
class Tree:
    source: SourceFile
    root: ET.Element
    starts: dict[ET.Element, tuple[int, int]]  # element -> (line, 0-based column) of its start tag

    def span(self, element: ET.Element) -> Span | None:
        """The start tag's `<name` in the source, for a diagnostic's caret."""
        if element not in self.starts:
            return None
        line, column = self.starts[element]
        return _span_at(self.source, line, column, 1 + len(local_name(element.tag)))


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def too_large(source: SourceFile) -> Diagnostic:
    return make("too-large", f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB, the most wsisc imports",
                _span_at(source, 1, 0, 1),
                hints=("an adopted resolution's Akoma Ntoso file is well under 1 MB; is this the right file?",))


def parse(source: SourceFile, expected: Expected = AKN_FILE) -> Tree:
    """The file's element tree, or Refused."""
    doctype = _doctype_in_prolog(source.text)
    if doctype is not None:
        raise Refused(_doctype_refused(source, doctype, expected), source)
    builder = ET.TreeBuilder()
    starts: dict[ET.Element, tuple[int, int]] = {}
    parser = expat.ParserCreate("utf-8", "}")  # the text is UTF-8 whatever its declaration says
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    def refuse_declaration(*_args) -> None:
        line, column = parser.CurrentLineNumber, parser.CurrentColumnNumber
        raise Refused(_declaration_refused(source, _span_at(source, line, column, 2), expected), source)

    names: dict[str, str] = {}  # expat's names as ElementTree's, made once each: a part repeats a few dozen

    def named(name: str) -> str:
        found = names.get(name)
        if found is None:
            found = names[name] = _clark(name)
        return found

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise Refused(make("too-large", f"elements are nested more than {MAX_DEPTH} deep",
                               _span_at(source, parser.CurrentLineNumber, parser.CurrentColumnNumber, 1),
                               hints=(expected.depth,)), source)
        element = builder.start(named(name), {named(k): v for k, v in attributes.items()} if attributes else {})
        starts[element] = (parser.CurrentLineNumber, parser.CurrentColumnNumber)

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(named(name))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse_declaration
    parser.EntityDeclHandler = refuse_declaration
    parser.ExternalEntityRefHandler = refuse_declaration
    try:
        parser.Parse(source.text.encode("utf-8"), True)
    except expat.ExpatError as exc:
        raise Refused(make("xml-syntax", f"the file is not well-formed XML: {expat.ErrorString(exc.code)}",
                           _span_at(source, exc.lineno, exc.offset, 1)), source) from None
    return Tree(source, builder.close(), starts)


def _clark(name: str) -> str:
    """expat's `uri}local` as ElementTree's `{uri}local`."""
    return "{" + name if "}" in name else name


def _span_at(source: SourceFile, line: int, column: int, length: int) -> Span:
    line = max(1, min(line, len(source.line_starts)))
    start, end = source.line_bounds(line)
    offset = min(start + column, end)
    return Span(offset, min(offset + length, max(end, offset + 1)), line, offset - start + 1)


# Whitespace, the XML declaration, processing instructions and comments: what may
# stand before a DOCTYPE.
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)


def _doctype_in_prolog(text: str) -> int | None:
    position = 1 if text.startswith("\ufeff") else 0
    while (item := _PROLOG_ITEM.match(text, position)) is not None and item.end() > position:
        position = item.end()
    return position if text.startswith("<!DOCTYPE", position) else None


def _doctype_refused(source: SourceFile, at: int, expected: Expected) -> Diagnostic:
    text = source.text
    subset_end = text.find("]>", at)
    entity = text.find("<!ENTITY", at, subset_end if subset_end != -1 else len(text))
    related = ()
    if entity != -1:
        related = (Related(source.span(entity, entity + len("<!ENTITY")),
                           "an entity declared here; entities can expand to gigabytes or read other files"),)
    return make("xml-dtd", "the file declares a DOCTYPE; wsisc reads no DTD and no entity in XML from elsewhere",
                source.span(at, at + len("<!DOCTYPE")), related=related, hints=(expected.doctype,))


def _declaration_refused(source: SourceFile, span: Span, expected: Expected) -> Diagnostic:
    return make("xml-dtd", "a DTD or entity declaration; wsisc reads none in XML from elsewhere", span,
                hints=(expected.doctype,))


def decoded(path: str, data: bytes) -> SourceFile:
    """XML bytes as text: UTF-8, or UTF-16 with its byte-order mark (XML allows
    both, and a part of a .docx may be either); Refused otherwise."""
    from ..source import DecodeError, decode

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return SourceFile.from_text(path, data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            source = SourceFile.from_text(path, "")
            raise Refused(make("encoding", f"the XML is not valid UTF-16: a bad character at byte {exc.start}",
                               None), source) from None
    try:
        return SourceFile.from_text(path, decode(data))
    except DecodeError as exc:
        source = SourceFile.from_text(path, data.decode("utf-8", "replace"))
        raise Refused(make("encoding", exc.message.replace("the file", "the XML"),
                           _span_at(source, exc.line, exc.column - 1, 1)), source) from None
