"""Property-based fuzzing of `wsisc import draft.docx`: Word files mutated as
archives (bytes flipped, entries dropped, duplicated or renamed, sizes lied
about, the archive cut short) and as XML (document.xml, comments.xml,
numbering.xml, footnotes.xml cut, spliced and seeded with what a hostile or
broken producer writes).

Whatever comes in, the reader answers: a draft that `check` processes
without an internal error, or diagnostics that say why not, each printable
at its place. Never an exception.

Every CI run tries a few dozen cases of each property; `make fuzz` runs
thousands (WSISC_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import io
import os
import re
import struct
import warnings
import zipfile
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_docx_import import (EDGES, NUMBERING, ContractWriter, Word, dele, ins, numbered, own_file, r, rezipped)
from test_fuzz_text import WRITTEN_WRONG

from wsis20.commands.fmt import format_source

from wsis20.pipeline import compile_document
from wsis20.readers.docx import read
from wsis20.report import render_text
from wsis20.source import SourceFile

EXAMPLES = int(os.environ.get("WSISC_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@lru_cache(maxsize=None)
def seeds() -> tuple[bytes, ...]:
    """Word files that hold most of what the reader reads: automatic numbering,
    revisions of every kind, comments with replies, footnotes, a file made to the
    contract, an example as a Word file, and wsisc's own export of proposals
    inside proposals."""
    word = Word().numbering(NUMBERING)
    mark = '<w:rPr><w:ins w:id="9" w:author="European Union" w:date="2025-08-29T00:00:00Z"/></w:rPr>'
    word.p(r("We decide:") + '<w:commentRangeStart w:id="1"/>' + r("to act", "i") + '<w:commentRangeEnd w:id="1"/>'
           '<w:r><w:commentReference w:id="1"/></w:r><w:r><w:commentReference w:id="2"/></w:r>',
           properties=numbered(1, 0))
    word.p(ins("European Union", r("in [all/some] regions;")), properties=numbered(1, 1) + mark)
    word.p(r("We ") + dele("Chile", "strongly ") + r("note") + '<w:r><w:footnoteReference w:id="1"/></w:r>' + r("."),
           properties=numbered(1, 0))
    word.p(r("12 bis.\t") + r("Recalling", "i") + '<w:moveTo w:id="5" w:author="Japan">' + r(" also") + "</w:moveTo>")
    word.comments([(1, "Russian Federation", "RF", "0A000001", "Why?"), (2, "Chile", None, "0A000002", "Because.")],
                  parents={"0A000002": "0A000001"})
    word.footnotes({1: r("See A/60/687.")})
    from conftest import EXAMPLE

    from wsis20.writers.docx import write

    example = ContractWriter(EXAMPLE.parent.joinpath("compilation.wsis").read_text(encoding="utf-8"), own=True)
    export = write(compile_document("edges.wsis", EDGES.encode("utf-8")).document)  # wsisc's own Word export
    return word.bytes(), own_file().bytes(), example.bytes(), export


SEED = st.integers(0, 3).map(lambda n: seeds()[n])


# ---------------------------------------------------------------- archives

@st.composite
def mutated_archive(draw) -> bytes:
    data = bytearray(draw(SEED))
    for _ in range(draw(st.integers(1, 4))):
        match draw(st.sampled_from(["flip", "drop", "duplicate", "rename", "lie", "cut", "checksum"])):
            case "flip" if data:
                for _ in range(draw(st.integers(1, 8))):
                    at = draw(st.integers(0, len(data) - 1))
                    data[at] ^= draw(st.integers(1, 255))
            case "cut":
                data = data[:draw(st.integers(0, len(data)))]
            case "lie" | "checksum":
                offsets = draw(st.sampled_from([(22, 24), (18, 20), (14, 16)]))  # inflated, compressed size; CRC
                value = draw(st.sampled_from([0, 1, 4000, 2 ** 31, 2 ** 32 - 1]))
                entries = list(_entries(bytes(data)))
                if entries:
                    local, central = draw(st.sampled_from(entries))
                    if draw(st.booleans()) and local + offsets[0] + 4 <= len(data):
                        struct.pack_into("<I", data, local + offsets[0], value)
                    if central + offsets[1] + 4 <= len(data):
                        struct.pack_into("<I", data, central + offsets[1], value)
            case operation:
                data = bytearray(_edited(bytes(data), operation, draw))
    return bytes(data)


def _entries(data: bytes):
    """(local header offset, central header offset) of each entry, found by their signatures."""
    locals_ = []
    at = data.find(b"PK\x03\x04")
    while at != -1:
        locals_.append(at)
        at = data.find(b"PK\x03\x04", at + 4)
    centrals = []
    at = data.find(b"PK\x01\x02")
    while at != -1:
        centrals.append(at)
        at = data.find(b"PK\x01\x02", at + 4)
    return zip(locals_, centrals)


def _edited(data: bytes, operation: str, draw) -> bytes:
    """The archive with an entry dropped, written twice or renamed (when it is still a zip)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        contents = {info.filename: archive.read(info) for info in infos}
    except Exception:  # already broken by an earlier mutation: left as it is
        return data
    if not infos:
        return data
    chosen = draw(st.sampled_from([info.filename for info in infos]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a name written twice: that is the point
        for name, content in contents.items():
            if name == chosen and operation == "drop":
                continue
            if name == chosen and operation == "rename":
                name = draw(st.sampled_from(["word/Document.xml", "../document.xml", "/word/document.xml",
                                             "word\\document.xml", "word/document.xml/", name + ".bak"]))
            target.writestr(name, content)
            if name == chosen and operation == "duplicate":
                target.writestr(name, content)
    return out.getvalue()


# --------------------------------------------------------------------- XML

SNIPPETS = st.sampled_from([
    "</w:p>", "<w:p>", "</w:r>", '<w:r><w:t>12.\t</w:t></w:r>', '<w:r><w:t>(a)\t</w:t></w:r>', "<w:t>[</w:t>",
    '<w:ins w:id="1" w:author="EU">', "</w:ins>", '<w:del w:author="">', '<w:commentRangeStart w:id="1"/>',
    '<w:commentRangeEnd w:id="7"/>', '<w:r><w:commentReference w:id="2"/></w:r>',
    '<w:r><w:footnoteReference w:id="99"/></w:r>', '<w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr>',
    '<w:numPr><w:ilvl w:val="-3"/><w:numId w:val="x"/></w:numPr>', '<w:lvlText w:val="%9%1%0."/>',
    '<w:numFmt w:val="bullet"/>', '<w:start w:val="99999999999999"/>', '<w:startOverride w:val="-1"/>',
    '<w:pStyle w:val="Heading1"/>', '<w:pStyle w:val="SubPara9"/>', '<w:pStyle w:val="AnnexLabel"/>',
    '<w:rPr><w:ins w:author="Chile"/></w:rPr>', '<w:rPr><w:del w:author="Chile"/></w:rPr>',
    '<w:hyperlink w:anchor="wsisc_sovereignty">', "</w:hyperlink>", '<w:bookmarkStart w:name="wsisc_1x"/>',
    '<w:fldChar w:fldCharType="begin"/>', '<w:fldChar w:fldCharType="end"/>', "&amp;", "&#1;", "&#x85;",
    "<!DOCTYPE w:document>", '<!ENTITY a "b">', "\u202e", "{++EU: x++}", "*", "\\", "---", "<w:t>---</w:t>",
    '<w15:commentEx w15:paraId="0A000002" w15:paraIdParent="0A000002"/>', "<w:tbl><w:tr><w:tc>",
])


# Whole elements, inserted before a tag, so that the part stays well-formed XML and the
# reader, not the parser, meets them.
ELEMENTS = st.sampled_from([
    '<w:r><w:t xml:space="preserve">12.\t</w:t></w:r>', '<w:r><w:t xml:space="preserve">(b)\t</w:t></w:r>',
    '<w:r><w:t>[shall/should]</w:t></w:r>', '<w:r><w:t>]</w:t></w:r>', '<w:r><w:tab/></w:r>',
    '<w:ins w:id="3" w:author="EU"><w:r><w:t xml:space="preserve"> more </w:t></w:r></w:ins>',
    '<w:del w:id="4" w:author="RU"><w:r><w:delText>less</w:delText></w:r></w:del>',
    '<w:ins w:author="EU"><w:del w:author="RU"><w:r><w:delText>gone</w:delText></w:r></w:del></w:ins>',
    '<w:moveFrom w:author="JP"><w:r><w:delText>moved</w:delText></w:r></w:moveFrom>',
    '<w:commentRangeStart w:id="1"/>', '<w:commentRangeEnd w:id="2"/>', '<w:r><w:commentReference w:id="1"/></w:r>',
    '<w:r><w:footnoteReference w:id="1"/></w:r>', '<w:r><w:endnoteReference w:id="1"/></w:r>',
    '<w:p><w:pPr><w:pStyle w:val="AnnexLabel"/></w:pPr><w:r><w:t>Annex</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>A title</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:pStyle w:val="SubPara4"/></w:pPr><w:r><w:t>deep</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="3"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:rPr><w:del w:author="RU"/></w:rPr></w:pPr></w:p>', '<w:p/>',
    '<w:r><w:rPr><w:b/><w:i/><w:rPrChange w:author="X"><w:rPr/></w:rPrChange></w:rPr><w:t>styled</w:t></w:r>',
    '<w:hyperlink w:anchor="wsisc_sovereignty"><w:r><w:t>1</w:t></w:r></w:hyperlink>',
    '<w:bookmarkStart w:id="0" w:name="wsisc_sovereignty"/>', '<w:r><w:br w:type="page"/></w:r>',
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    '<w:sdt><w:sdtContent><w:r><w:t>control</w:t></w:r></w:sdtContent></w:sdt>',
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>',
    '<w:lvl w:ilvl="1"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%2%2%2."/></w:lvl>',
    '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>', '<w:comment w:id="1" w:author="">'
    '<w:p><w:r><w:t>again</w:t></w:r></w:p></w:comment>',
])
_TAG = re.compile(r"<(?!/?\?|!)")
_VALUE = re.compile(r'(w:(?:val|id|author|initials|name|anchor|numId|ilvl)=")[^"]*(")')


@st.composite
def mutated_xml(draw) -> bytes:
    data = draw(SEED)
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = [n for n in archive.namelist() if n in ("word/document.xml", "word/comments.xml", "word/numbering.xml",
                                                     "word/footnotes.xml", "word/commentsExtended.xml")]
    name = draw(st.sampled_from(parts))
    text = archive.read(name).decode("utf-8")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        match draw(st.sampled_from(["element"] * 4 + ["value"] * 3 + ["insert", "delete", "duplicate"])):
            case "insert":
                text = text[:at] + draw(SNIPPETS) + text[at:]
            case "element":
                tags = [m.start() for m in _TAG.finditer(text)][1:]  # not before the root element
                if tags:
                    at = draw(st.sampled_from(tags))
                    text = text[:at] + draw(ELEMENTS) + text[at:]
            case "value":
                values = list(_VALUE.finditer(text))
                if values:
                    m = draw(st.sampled_from(values))
                    odd = draw(st.sampled_from(["", "0", "-1", "8", "99999999999999999999", "x", "EU", "wsisc_",
                                                "wsisc_a b", "&amp;&lt;", "\u202e", "Heading1", "SubPara2"]))
                    text = text[:m.start()] + m.group(1) + odd + m.group(2) + text[m.end():]
            case "delete":
                text = text[:at] + text[at + draw(st.integers(1, 200)):]
            case "duplicate":
                text = text[:at] + text[max(0, at - draw(st.integers(1, 400))):at] + text[at:]
    return rezipped(data, {name: text.encode("utf-8")})


# -------------------------------------------------------------- properties

def answers_cleanly(data: bytes) -> None:
    """The reader gives a draft that `check` processes, or diagnostics, each printable at its place."""
    result = read("fuzz.docx", data)
    for source, diagnostic in result.located():
        render_text(source, diagnostic)
    if result.text is None:
        assert any(d.severity.value == "error" for d in result.diagnostics)
        return
    compiled = compile_document("fuzz.wsis", result.text.encode("utf-8"))
    # The draft may have the Word file's own problems (a number typed twice), never
    # markup the reader wrote wrongly; and it is written in the canonical form.
    wrong = [(d.code, d.message) for d in compiled.diagnostics
             if d.severity.value == "error" and d.code in WRITTEN_WRONG]
    assert wrong == [], (wrong, result.text[:2000])
    assert format_source(SourceFile.from_text("fuzz.wsis", result.text)) == result.text


@FUZZ
@given(data=mutated_archive())
def test_a_mutated_archive_is_read_or_refused_never_a_crash(data):
    answers_cleanly(data)


@FUZZ
@given(data=mutated_xml())
def test_mutated_xml_in_the_parts_is_read_or_refused_never_a_crash(data):
    answers_cleanly(data)
