"""A Word file from elsewhere -> its parts, read within limits, or a refusal.

A .docx is a zip of XML parts (Office Open XML), and a zip from elsewhere can
do harm before a word of it is read: a part of a few kilobytes can inflate to
gigabytes (a zip bomb), say it is smaller than it is, or carry a name that
climbs out of a folder (`../../.bashrc`). So wsisc reads the archive itself,
from the bytes in memory, and never trusts what its headers declare:

- the archive: at most ``MAX_BYTES``, at most ``MAX_ENTRIES`` entries; every
  entry's declared size at most ``MAX_PART_BYTES`` and its declared ratio of
  inflated to compressed size at most ``MAX_RATIO`` (for parts large enough
  for the ratio to matter); names that are plain relative paths (no `..`, no
  leading `/`, no backslash, no drive, no control character), each once;
  nothing encrypted;
- each part read: inflated by zlib with an output limit of its declared size
  plus one byte, so a part that inflates past what it declares is caught
  after one byte too many, never after a gigabyte; its checksum checked; all
  the parts read together at most ``MAX_READ_BYTES``;
- its XML: parsed by safe_xml (no DOCTYPE, no entity, nothing fetched, nesting
  limited), each part with its own line and column for diagnostics.

Then the package, as Office Open XML defines it: `[Content_Types].xml`, the
relationships in `_rels/*.rels`, and the main part they name (word/document.xml).
A macro-enabled file (a `vbaProject.bin` part, or a main part whose content
type says macros) is refused: wsisc runs nothing, and refuses to pass on a file
that would. Relationships to other files (TargetMode="External": a linked
template, an image on a server, a hyperlink) are data: nothing is ever fetched
or opened, and the reader says which it left (docx-external).

Every refusal is a ``Refused`` whose diagnostic names the file, the part and,
in XML, the line and column (``source`` is that part's text, shown as
``draft.docx:word/document.xml``).
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from xml.etree import ElementTree as ET

from ..diagnostics import make
from ..source import SourceFile
from .safe_xml import Expected, Refused, Tree, decoded, parse

MAX_BYTES = 20 * 1024 * 1024  # the archive; the zero draft as Word writes it is about 60 KB
MAX_ENTRIES = 2000  # Word writes 10 to 30, and one more per image
MAX_PART_BYTES = 32 * 1024 * 1024  # one part, inflated: a 500-page document.xml is about 10 MB
MAX_READ_BYTES = 96 * 1024 * 1024  # all the parts read, inflated, together
MAX_RATIO = 200  # inflated / compressed: Word's XML deflates 5 to 30 times, a zip bomb 1,000 times
RATIO_FLOOR = 1024 * 1024  # a part under 1 MB inflated cannot do harm whatever its ratio
MAX_NAME = 512

WORD_FILE = Expected(
    depth="a Word document nests about 10 deep; was it made by another program than Word?",
    doctype="Word never writes a DOCTYPE: the file was made or altered by another program; save it again from Word")

# The main part's content type -> what the file is.
WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
MACRO_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": "a macro-enabled Word document (.docm)",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "a macro-enabled Word template (.dotm)",
}
VBA_PROJECT = "application/vnd.ms-office.vbaProject"
_OTHER_OFFICE = (("spreadsheetml", "an Excel workbook"), ("presentationml", "a PowerPoint presentation"),
                 ("ms-excel", "an Excel workbook"), ("ms-powerpoint", "a PowerPoint presentation"))
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, and every password-protected .docx
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f\\]|^/|^[A-Za-z]:|(?:^|/)\.{1,2}(?:/|$)|//")
_SAVE_AS_DOCX = "open it in Word and save it as a Word Document (.docx), then import that"


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str  # the last word of its type URI: "hyperlink", "image", "attachedTemplate", ...
    target: str  # a part's name in the archive, or, when external, the target as written
    external: bool
    element: ET.Element  # in the .rels part, for a diagnostic's place
    tree: Tree


class Archive:
    """A zip's entries, checked, and its parts read within the limits."""

    def __init__(self, path: str, data: bytes):
        self.path = path
        self.data = data
        self.read_so_far = 0
        self.file = SourceFile.from_text(path, "")  # the place of what concerns the whole archive
        if len(data) > MAX_BYTES:
            raise self.refuse("zip-unsafe", f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB, the most "
                              "wsisc imports from Word", "a draft's .docx is well under 1 MB without its images; "
                              "is this the right file?")
        if data.startswith(_COMPOUND_FILE):
            raise self.refuse("not-docx", "a Word 97-2003 document (.doc), or a password-protected .docx: "
                              "not a zip of XML that wsisc can read", _SAVE_AS_DOCX + " (without a password)")
        if not data.startswith(b"PK"):
            raise self.refuse("not-docx", "not a .docx: a .docx is a zip archive, and this file is not one",
                              "is it a .docx renamed from something else? " + _SAVE_AS_DOCX)
        try:
            infos = zipfile.ZipFile(BytesIO(data)).infolist()
        except Exception as exc:  # zipfile raises a dozen kinds on a damaged archive; each is this answer
            raise self.refuse("zip-broken", f"the archive is damaged or cut short ({_reason(exc)})",
                              "fetch or save the file again: it may have been truncated in transfer") from None
        if len(infos) > MAX_ENTRIES:
            raise self.refuse("zip-unsafe", f"the archive holds {len(infos)} entries, more than the "
                              f"{MAX_ENTRIES} wsisc reads", "a Word document holds a few dozen")
        self.entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            self.check_entry(info)

    def refuse(self, code: str, message: str, hint: str, part: str | None = None) -> Refused:
        source = self.file if part is None else self.part_source(part)
        # The whole file or part: its start, so that the line reads file:1:1 as every diagnostic does.
        return Refused(make(code, message, source.span(0, 0), hints=(hint,)), source)

    def part_source(self, part: str) -> SourceFile:
        """The place of a part as a whole: ``draft.docx:word/document.xml``."""
        return SourceFile.from_text(f"{self.path}:{part}", "")

    def check_entry(self, info: zipfile.ZipInfo) -> None:
        name = info.filename
        shown = name[:80].encode("unicode_escape").decode("ascii")
        if len(name) > MAX_NAME or _BAD_NAME.search(name):
            raise self.refuse("zip-unsafe", f"an entry named `{shown}`: a name that is not a plain path "
                              "inside the archive (`..`, a leading `/`, a backslash, a drive or a control "
                              "character)", "no Word document has such a name; do not open the file elsewhere "
                              "either")
        if name.endswith("/"):
            return  # a folder entry, which some zip tools add: nothing to read
        key = name.casefold()  # Office Open XML part names do not differ by case alone
        if key in self.entries:
            raise self.refuse("zip-unsafe", f"two entries named `{shown}`: which one is the part depends on "
                              "the program reading it", "save the document again from Word")
        if info.flag_bits & 0x1:
            raise self.refuse("zip-unsafe", "an encrypted entry", "remove the password in Word and save "
                              "the document again", part=name)
        if info.file_size > MAX_PART_BYTES:
            raise self.refuse("zip-unsafe", f"the part declares {info.file_size:,} bytes inflated, more than the "
                              f"{MAX_PART_BYTES // (1024 * 1024)} MB wsisc reads of one part",
                              "is this the right file?", part=name)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise self.refuse("zip-unsafe", f"the part inflates {info.file_size // max(info.compress_size, 1):,} "
                              f"times ({info.compress_size:,} bytes to {info.file_size:,}), more than the "
                              f"{MAX_RATIO} times of any Word document: a zip bomb", "do not open the file",
                              part=name)
        self.entries[key] = info

    def __contains__(self, name: str) -> bool:
        return name.casefold() in self.entries

    def names(self) -> list[str]:
        return [info.filename for info in self.entries.values()]

    def read(self, name: str) -> bytes:
        """A part's bytes, inflated within its declared size (checked), its checksum checked."""
        info = self.entries[name.casefold()]
        offset = info.header_offset
        header = self.data[offset:offset + _LOCAL_HEADER.size]
        if len(header) < _LOCAL_HEADER.size or not header.startswith(b"PK\x03\x04"):
            raise self.refuse("zip-broken", "the part's header is not where the archive's table of contents "
                              "says", "fetch or save the file again", part=name)
        _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        start = offset + _LOCAL_HEADER.size + name_length + extra_length
        raw = memoryview(self.data)[start:start + info.compress_size]
        if len(raw) < info.compress_size:
            raise self.refuse("zip-broken", "the part is cut short: the archive ends before it does",
                              "fetch or save the file again: it may have been truncated in transfer", part=name)
        if self.read_so_far + info.file_size > MAX_READ_BYTES:
            raise self.refuse("zip-unsafe", f"the parts read inflate to more than "
                              f"{MAX_READ_BYTES // (1024 * 1024)} MB together", "is this the right file?", part=name)
        if info.compress_type == zipfile.ZIP_STORED:
            data = bytes(raw)
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            try:
                # Never more than one byte past the declared size, whatever the data holds.
                data = inflater.decompress(raw, info.file_size + 1)
            except zlib.error as exc:
                raise self.refuse("zip-broken", f"the part does not inflate ({exc})", "fetch or save the file "
                                  "again", part=name) from None
            if len(data) <= info.file_size and not inflater.eof:
                raise self.refuse("zip-broken", "the part's compressed data is cut short",
                                  "fetch or save the file again", part=name)
        else:
            raise self.refuse("zip-broken", f"the part is compressed with method {info.compress_type}, which "
                              "Word never uses", "save the document again from Word", part=name)
        if len(data) > info.file_size:
            raise self.refuse("zip-unsafe", f"the part inflates past the {info.file_size:,} bytes it declares: "
                              "a zip bomb, or a forged archive", "do not open the file", part=name)
        if len(data) < info.file_size or zlib.crc32(data) != info.CRC:
            raise self.refuse("zip-broken", "the part is damaged: its content does not match its checksum",
                              "fetch or save the file again", part=name)
        self.read_so_far += len(data)
        return data

    def xml(self, name: str) -> Tree:
        """A part's element tree, parsed as untrusted XML (safe_xml), with its place for diagnostics."""
        return parse(decoded(f"{self.path}:{self.entries[name.casefold()].filename}", self.read(name)), WORD_FILE)


class Package:
    """An archive read as Office Open XML: its content types, its relationships
    and its main part, the document; refused unless it is a Word document
    without macros."""

    def __init__(self, path: str, data: bytes):
        self.archive = archive = Archive(path, data)
        self._relationships: dict[str, dict[str, Relationship]] = {}
        if "mimetype" in archive and b"opendocument" in archive.read("mimetype"):
            raise archive.refuse("not-docx", "an OpenDocument file (.odt), not a .docx",
                                 "open it in Word or LibreOffice and save it as a Word Document (.docx)")
        if "[Content_Types].xml" not in archive:
            raise archive.refuse("not-docx", "a zip archive without `[Content_Types].xml`: not an Office document",
                                 "is it a .docx renamed from something else? " + _SAVE_AS_DOCX)
        self.types = archive.xml("[Content_Types].xml")
        # Read once: looked up for every entry, rebuilt each time it was quadratic
        # (2,000 entries x 20,000 Overrides: 12.8 s on a 549 KB file).
        self._defaults: dict[str, ET.Element] = {}
        self._overrides: dict[str, ET.Element] = {}
        for element in self.types.root:
            if element.tag == _CONTENT_TYPES + "Override":
                self._overrides[(element.get("PartName") or "").lstrip("/").casefold()] = element
            elif element.tag == _CONTENT_TYPES + "Default":
                self._defaults[(element.get("Extension") or "").casefold()] = element
        main = next((r for r in self.relationships("").values() if r.type == "officeDocument" and not r.external),
                    None)
        self.main = main.target if main is not None else "word/document.xml"
        content_type, where = self.content_type(self.main)
        macros = next((name for name in archive.names() if posixpath.basename(name).casefold() == "vbaproject.bin"
                       or self.content_type(name)[0] == VBA_PROJECT), None)
        macro_hint = "save the document as a Word Document (.docx), which drops its macros, and import that"
        if macros is not None:
            raise archive.refuse("docx-macros", "a Word document with macros (a VBA project): wsisc never runs "
                                 "macros, and imports no file that holds them", macro_hint, part=macros)
        if content_type in MACRO_TYPES:
            raise Refused(make("docx-macros", f"{MACRO_TYPES[content_type]}: wsisc never runs macros, and imports "
                               "no file that holds them", self.types.span(where), hints=(macro_hint,)),
                          self.types.source)
        if self.main not in archive:
            raise archive.refuse("not-docx", f"the archive has no `{self.main}`, the document's text",
                                 "is it a .docx? " + _SAVE_AS_DOCX)
        if content_type not in (WORD_DOCUMENT, WORD_TEMPLATE):
            other = next((what for word, what in _OTHER_OFFICE if word in (content_type or "")), None)
            said = f"{other}, not a Word document" if other else \
                f"`{self.main}` has the content type `{content_type or 'none'}`, not a Word document's"
            raise Refused(make("not-docx", said, self.types.span(where) if where is not None else None,
                               hints=(_SAVE_AS_DOCX,)), self.types.source)

    def content_type(self, part: str) -> tuple[str | None, ET.Element | None]:
        """A part's content type, by its Override or its extension's Default, and the element that says it."""
        element = self._overrides.get(part.casefold())
        if element is None:  # (an element without children is false: no `or` here)
            element = self._defaults.get(posixpath.splitext(part)[1][1:].casefold())
        return (element.get("ContentType") if element is not None else None), element

    def relationships(self, part: str) -> dict[str, Relationship]:
        """The relationships of a part ("" for the package's own), by id; none when it has no .rels part."""
        if part in self._relationships:
            return self._relationships[part]
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        found: dict[str, Relationship] = {}
        if rels_name in self.archive:
            tree = self.archive.xml(rels_name)
            for element in tree.root:
                if element.tag != _RELATIONSHIPS + "Relationship":
                    continue
                external = (element.get("TargetMode") or "").casefold() == "external"
                target = element.get("Target") or ""
                if not external:  # a part's name, from the folder of the part that names it
                    target = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")
                kind = (element.get("Type") or "").rsplit("/", 1)[-1]
                found.setdefault(element.get("Id") or "", Relationship(element.get("Id") or "", kind, target,
                                                                       external, element, tree))
        self._relationships[part] = found
        return found

    def related(self, part: str, kind: str) -> str | None:
        """The part that ``part`` names with a relationship of this type, if it is in the archive."""
        return next((r.target for r in self.relationships(part).values()
                     if r.type == kind and not r.external and r.target in self.archive), None)

    def xml(self, name: str) -> Tree:
        return self.archive.xml(name)


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return {"File is not a zip file": "no table of contents at its end"}.get(text, text)
