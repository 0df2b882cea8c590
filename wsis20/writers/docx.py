"""Document -> Word (.docx), in the UN layout, as Word users make their own
files: named paragraph and character styles (the UN template's names), numbers
written as text, proposals as real tracked changes under each delegation's
name, comments as real Word comments, footnotes as real Word footnotes.
docs/docx.md states the contract with the .docx reader (wsis20/readers/docx.py)
and what each construct becomes.

python-docx builds the package from its default template: the styles, the
section (paper, margins, headers and footers), the comments and the core
properties. What it has no API for is written with its oxml layer (lxml):
runs inside ``w:ins``/``w:del``, bookmarks, internal hyperlinks, fields, the
footnotes part and the custom properties. Its zip stamps each entry with the
clock, so the package is written again with fixed entries: the same source
(and SOURCE_DATE_EPOCH) gives the same bytes.
"""

from __future__ import annotations

import base64
import datetime
import io
import json
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Mm, Pt, Twips
from lxml import etree

from .. import ast, walk
from . import (STATUS_WORDS, WriteOptions, as_date, build_date, change_phrase, closing_date, enacting_formula,
               heading_number, paragraph_number, proposer, resolve_logo, sub_number, xml_safe)
from .. import languages
from ..languages import TAGS
from ..languages.masthead import FORMULA_COMMA, FORMULA_STYLE, ORGAN, WORD_LANGUAGE, original_line
from ..languages import views as language_views
from ..languages.views import status_words
from .masthead import masthead
from .source import annex_block

# ----------------------------------------------------------------- layout

_PAPER = {"a4": (Twips(11906), Twips(16838)), "letter": (Twips(12240), Twips(15840))}  # as Word gives them
# docs/layout.md, "Page": 22 mm at the top, 25 mm elsewhere, in twips.
_MARGINS = {"top": Twips(1247), "bottom": Twips(1417), "left": Twips(1417), "right": Twips(1417)}
_GUTTER = 567  # twips (10 mm): the hanging indent a paragraph's number sits in, as in the PDF
_SUB_GUTTER = 454  # twips (8 mm): a sub-paragraph's label
_RULE_THIN, _RULE_THICK = 4, 12  # eighths of a point: the masthead's 0.5 pt and 1.5 pt rules
_PAGES = object()  # in a footer: Word's PAGE/NUMPAGES fields
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

# Paragraph styles, by the contract's names (docs/docx.md): name -> (based on, settings).
_HEADINGS = {1: "HCh", 2: "H1", 3: "H23"}
_SUB_STYLES = ("SubPara1", "SubPara2", "SubPara3", "SubPara4")
STYLE_NAMES = ("SingleTxt", *_SUB_STYLES, "HCh", "H1", "H23", "Title", "AnnexLabel", "MercuryDocument",
               "FootnoteText", "CommentText", "Formula", "ClosingLines", "AnnexOriginal", "ProposalList")
CHARACTER_STYLE_NAMES = ("FootnoteReference", "CommentReference", "PreambleOpening", "Status", "Bracket",
                         "Reference")

# wsisc's own data about the draft, in docProps/custom.xml (the contract, point 5).
AUTHORS_PROPERTY = "wsisc-authors"
FRONT_MATTER_PROPERTY = "wsisc-front-matter"
ANNEX_FRONT_MATTER_PROPERTY = "wsisc-annex-{}-front-matter"
BOOKMARK_PREFIX = "wsisc_"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id of user-defined properties


def write(document: ast.Document, view: str = "negotiation", options: WriteOptions | None = None) -> bytes:
    """The .docx file, for a document the pipeline has arranged for ``view`` already."""
    return _Writer(document, options or WriteOptions()).package()


# ----------------------------------------------------------------- runs

@dataclass(frozen=True)
class _Look:
    """How the runs being written look and what they belong to: their emphasis,
    character style, and the tracked changes around them, outermost first
    (a kind, ``ins`` or ``del``; the author's name; a key that runs of the same
    change share, so that they go into one ``w:ins``)."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    style: str | None = None
    marks: tuple[tuple[str, str, int], ...] = ()
    # Where Word has no room for a comment (a comment's own words) or wsisc gives it none
    # (a compilation's list of proposals, which repeats words the text holds), its anchor
    # words stand alone; in a comment, a footnote's words stand in brackets.
    comments: bool = True
    footnotes: bool = True

    @property
    def deleted(self) -> bool:
        return any(kind == "del" for kind, _, _ in self.marks)


def _el(parent, tag: str, **attributes: str):
    element = etree.SubElement(parent, qn(tag))
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _rpr(run, *, style: str | None = None, bold: bool | None = None, italic: bool | None = None,
         caps: bool = False, size: float | None = None, underline: bool = False) -> None:
    """A run's properties, in the order the schema wants them."""
    if not (style or bold is not None or italic is not None or caps or size or underline):
        return
    rpr = _el(run, "w:rPr")
    if style:
        _el(rpr, "w:rStyle", val=style)
    if bold is not None:
        _el(rpr, "w:b", **({} if bold else {"val": "0"}))
    if italic is not None:
        _el(rpr, "w:i", **({} if italic else {"val": "0"}))
    if caps:
        _el(rpr, "w:caps")
    if size:
        _el(rpr, "w:sz", val=str(round(size * 2)))
        _el(rpr, "w:szCs", val=str(round(size * 2)))
    if underline:
        _el(rpr, "w:u", val="single")


def _text(run, text: str, deleted: bool = False) -> None:
    """Words into a run: ``w:t`` (``w:delText`` when deleted), a ``w:tab`` for each tab."""
    tag = "w:delText" if deleted else "w:t"
    for position, piece in enumerate(xml_safe(text).replace("\n", " ").split("\t")):
        if position:
            _el(run, "w:tab")
        if piece:
            element = _el(run, tag)
            element.text = piece
            if piece != piece.strip():
                element.set(_XML_SPACE, "preserve")


def _plain_run(parent, text: str, **look) -> object:
    run = _el(parent, "w:r")
    _rpr(run, **look)
    _text(run, text)
    return run


# ----------------------------------------------------------------- the writer

class _Writer:
    def __init__(self, document: ast.Document, options: WriteOptions):
        self.document = document
        self.front = document.front
        self.options = options
        day = as_date(self.front.date) or datetime.date(2000, 1, 1)
        # Every revision and comment is dated the document's day (the contract, point 3).
        self.stamp = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)
        self.stamp_text = self.stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.word = docx.Document()
        self.body = self.word.element.body
        self.end = self.body.sectPr  # every block goes before the section's properties
        self.revision_ids = 0
        self.wrapper_ids: dict[int, str] = {}  # a change's key -> the w:id of its latest w:ins/w:del
        self.keys = 0
        self.bookmarks = 0
        self.footnotes = None  # the w:footnotes element, made when the first footnote comes
        # Ids for notes the footnote pass did not number (a compilation's list of proposals).
        self.spare_note = 1 + max((node.index or 0 for node in walk.inlines(document)
                                   if isinstance(node, ast.Footnote)), default=0)
        self.opening = False  # still before the first words of a preambular paragraph

    # ------------------------------------------------------------ the package

    def package(self) -> bytes:
        self._styles()
        width = self._section()
        self._masthead(width)
        formula = enacting_formula(self.document)
        if formula:
            self._formula(formula, own=self.front.formula is not None)
        preamble = self.front.preamble_numbering
        for block in self.document.blocks:
            self._block(block, preamble)
        self._closing_lines()
        for annex in self.document.annexes:
            self._annex(annex)
        self._headers_and_footers(width)
        self._properties()
        self._trim_template()
        out = io.BytesIO()
        self.word.save(out)
        return _fixed_zip(out.getvalue(), build_date(self.front.date))

    def _trim_template(self) -> None:
        """The template's parts that would say something false of this file: its
        thumbnail (a picture of another document), its Word 2010 copy of the
        styles, its customXml item, and its app.xml (another program's name and
        counts of another text), which a short one naming wsisc replaces."""
        package = self.word.part.package
        for rel in list(package.rels.values()):
            if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
                del package.rels[rel.rId]
        part = self.word.part
        for rel in list(part.rels.values()):
            if rel.reltype in (RT.CUSTOM_XML, _STYLES_WITH_EFFECTS):
                del part.rels[rel.rId]
        app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
               "<Application>wsisc</Application></Properties>")
        package.relate_to(Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, app.encode(), package),
                          RT.EXTENDED_PROPERTIES)

    def _properties(self) -> None:
        """The core properties (dated by the build, as the PDF's), and wsisc's own
        custom properties: the authors and the front matter (the contract, point 5)."""
        core = self.word.core_properties
        front = self.front
        built = build_date(front.date)
        moment = datetime.datetime(built.year, built.month, built.day)
        core.title = xml_safe(front.title or "")
        core.subject = xml_safe(front.symbol or "")
        core.keywords = xml_safe(front.symbol or "")
        core.author = "wsisc"
        core.last_modified_by = "wsisc"
        core.comments = xml_safe(f"Made by wsisc from {PurePath(self.document.path).name}")
        core.category = xml_safe(front.stage or "")
        core.language = TAGS.get(front.language, "en")
        core.revision = 1
        core.created = moment
        core.modified = moment
        values = [(AUTHORS_PROPERTY, json.dumps(dict(front.authors), ensure_ascii=False)),
                  (FRONT_MATTER_PROPERTY, front_matter_yaml(front))]
        for number, annex in enumerate(self.document.annexes, start=1):
            values.append((ANNEX_FRONT_MATTER_PROPERTY.format(number), _unfenced(annex_block(annex.front, front))))
        root = etree.Element("{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}Properties",
                             nsmap={None: "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
                                    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"})
        for pid, (name, value) in enumerate(values, start=2):  # property ids start at 2
            prop = etree.SubElement(root, root.tag.replace("Properties", "property"),
                                    fmtid=_CUSTOM_FMTID, pid=str(pid), name=name)
            etree.SubElement(prop, "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}lpwstr"
                             ).text = xml_safe(value)
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        package = self.word.part.package
        package.relate_to(Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package),
                          RT.CUSTOM_PROPERTIES)

    # ------------------------------------------------------------ styles

    def _styles(self) -> None:
        """Times New Roman 10 pt, named, not embedded; the contract's styles,
        each shaped as the PDF prints its construct (docs/layout.md)."""
        styles = self.word.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        fonts = rpr.find(qn("w:rFonts"))
        for name in list(fonts.attrib):
            del fonts.attrib[name]
        for name in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{name}"), "Times New Roman")
        rpr.find(qn("w:sz")).set(qn("w:val"), "20")
        rpr.find(qn("w:szCs")).set(qn("w:val"), "20")
        lang = rpr.find(qn("w:lang"))
        latin, east_asian, bidi = WORD_LANGUAGE.get(self.front.language, WORD_LANGUAGE["en"])
        lang.set(qn("w:val"), latin)
        if east_asian:
            lang.set(qn("w:eastAsia"), east_asian)
        if bidi:
            lang.set(qn("w:bidi"), bidi)
        if self.front.language == "zh":  # a Song face for the Chinese characters, as the PDF's
            fonts.set(qn("w:eastAsia"), "SimSun")
        spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
        if languages.direction(self.front.language) == "rtl":
            # Every paragraph right to left (ECMA-376 17.3.1.6): its indents, hanging numbers
            # and alignment mirrored, as the PDF's page is; w:bidi comes before w:spacing.
            spacing.addprevious(etree.Element(qn("w:bidi")))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        styles["Title"].delete()  # the template's Title is a coloured display face; ours is the UN's bold title
        # The template's 140 coloured table styles: Word has them built in, and they made styles.xml 350 KB.
        for style in list(styles.element.iter(qn("w:style"))):
            if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in ("TableNormal", "TableGrid"):
                styles.element.remove(style)

        def paragraph(name: str, base: str = "Normal", *, size: float | None = None, bold: bool | None = None,
                      italic: bool | None = None, left: int | None = None, hanging: int | None = None,
                      before: int | None = None, after: int | None = None, line: int | None = None,
                      keep_next: bool = False, page_break: bool = False, justify: bool = False,
                      right: bool = False, outline: int | None = None) -> None:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[base]
            style.quick_style = True
            _font(style, size, bold, italic)
            layout = style.paragraph_format
            if left is not None:
                layout.left_indent = Twips(left)
            if hanging is not None:
                layout.first_line_indent = Twips(-hanging)
            if before is not None:
                layout.space_before = Twips(before)
            if after is not None:
                layout.space_after = Twips(after)
            if line is not None:
                layout.line_spacing = Twips(line)
            if keep_next:
                layout.keep_with_next = True
            if page_break:
                layout.page_break_before = True
            if justify:
                layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if right:
                layout.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if outline is not None:
                style.element.get_or_add_pPr().get_or_add_outlineLvl().val = outline

        def character(name: str, *, size: float | None = None, bold: bool | None = None,
                      italic: bool | None = None, superscript: bool = False) -> None:
            style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
            style.base_style = styles["Default Paragraph Font"]
            _font(style, size, bold, italic)
            if superscript:
                style.font.superscript = True

        # Body text: the number in a 10 mm hanging indent, justified, 2.5 mm after (print.css).
        paragraph("SingleTxt", left=_GUTTER, hanging=_GUTTER, after=142, justify=True)
        for level, name in enumerate(_SUB_STYLES, start=1):
            paragraph(name, "SingleTxt", left=_GUTTER + level * _SUB_GUTTER, hanging=_SUB_GUTTER, after=85)
        # Headings: 12 pt bold, 10 pt bold, 10 pt italic (the Editorial Manual's levels, as the PDF).
        paragraph("HCh", size=12, bold=True, before=340, after=170, keep_next=True, outline=0)
        paragraph("H1", size=10, bold=True, before=340, after=170, keep_next=True, outline=1)
        paragraph("H23", size=10, italic=True, before=340, after=170, keep_next=True, outline=2)
        paragraph("Title", size=14, bold=True, before=170, after=170, line=320, keep_next=True)
        paragraph("AnnexLabel", "HCh", before=0, after=170, page_break=True)
        paragraph("MercuryDocument")
        paragraph("FootnoteText", size=8, line=190)
        paragraph("CommentText", size=10)
        # wsisc's own: lines the reader takes from the front matter, not from the text.
        paragraph("Formula", before=283, after=170, keep_next=True)
        paragraph("ClosingLines", before=340, right=True, keep_next=True)
        paragraph("AnnexOriginal", after=170, right=True)
        paragraph("ProposalList", "SingleTxt", size=9.5, left=_GUTTER + 340, hanging=0, after=60, justify=False)
        character("FootnoteReference", superscript=True)
        character("CommentReference", size=8)
        character("PreambleOpening", italic=True)
        character("Status", bold=True)
        character("Bracket", bold=True)
        character("Reference")
        for name in ("Header", "Footer"):
            styles[name].font.size = Pt(8)

    # ------------------------------------------------------------ the page

    def _section(self) -> int:
        """Paper and margins; the width of the text, in twips, for tab stops."""
        section = self.word.sections[0]
        section.page_width, section.page_height = _PAPER.get(self.options.paper, _PAPER["a4"])
        section.top_margin, section.bottom_margin = _MARGINS["top"], _MARGINS["bottom"]
        section.left_margin, section.right_margin = _MARGINS["left"], _MARGINS["right"]
        section.header_distance = section.footer_distance = Twips(567)  # 10 mm
        section.gutter = 0
        return round((section.page_width - section.left_margin - section.right_margin) / 635)

    def _headers_and_footers(self, width: int) -> None:
        """Pages after the first: the symbol (bold) and the short title, mirrored
        (the symbol on the outer side), over a rule; Word's own PAGE/NUMPAGES on
        the outer side of the footer, the job number on the inner side. The first
        page has the masthead instead, and the job number alone in its footer."""
        front = self.front
        symbol = (front.symbol or "", True)
        title = (front.short_title or front.title or "", False)
        job = (front.job_number or "", False)
        section = self.word.sections[0]
        section.different_first_page_header_footer = True
        self.word.settings.odd_and_even_pages_header_footer = True
        rule = bool(symbol[0] or title[0])

        def line(story, style: str, left, right, *, rule: bool = False, size: float | None = None) -> None:
            """One line: ``left`` flush left, ``right`` flush right; each piece a
            (words, bold) pair or _PAGES for the page fields."""
            story.is_linked_to_previous = False
            container = story._element
            for old in list(container):
                container.remove(old)
            p = _el(container, "w:p")
            _el(_el(p, "w:pPr"), "w:pStyle", val=style)
            _rule(p, _RULE_THIN if rule else None, [("clear", 4680), ("clear", 9360), ("right", width)])
            for side, piece in enumerate((left, right)):
                if piece is _PAGES:
                    if side:
                        _plain_run(p, "\t", size=size)
                    for position, field in enumerate(("PAGE", "NUMPAGES")):
                        if position:
                            _plain_run(p, "/", size=size)
                        _plain_run(_el(p, "w:fldSimple", instr=f" {field} "), "1", size=size)
                elif piece[0]:
                    _plain_run(p, ("\t" if side else "") + piece[0], bold=piece[1] or None, size=size)

        line(section.header, "Header", title, symbol, rule=rule)
        line(section.even_page_header, "Header", symbol, title, rule=rule)
        line(section.first_page_header, "Header", ("", False), ("", False))
        line(section.footer, "Footer", job, _PAGES)
        line(section.even_page_footer, "Footer", _PAGES, job)
        line(section.first_page_footer, "Footer", job, ("", False), size=10)

    def _p(self, style: str, parent=None):
        """A new paragraph in ``style`` at the end of the body (or of ``parent``)."""
        p = etree.Element(qn("w:p"))
        ppr = _el(p, "w:pPr")
        _el(ppr, "w:pStyle", val=style)
        if parent is None:
            self.end.addprevious(p)
        else:
            parent.append(p)
        return p

    # ------------------------------------------------------------ masthead

    def _own_direction(self, words: str) -> str:
        """Words whose first strong character runs against a right-to-left page,
        wrapped in a left-to-right embedding (U+202A ... U+202C) so that "1 April 2024"
        does not come out "April 2024 1"; anything else as it is."""
        if languages.direction(self.front.language) == "rtl" and languages.text_direction(words) == "ltr":
            return f"\u202a{words}\u202c"
        return words

    def _masthead(self, width: int) -> None:
        """The first page's head as the PDF prints it (writers/masthead.py decides
        its lines): "United Nations" and the symbol over a thin rule; the organ
        with the Distr./date/Original block at its right over a thick rule; the
        session, committee, agenda, sponsor and stage lines; the title."""
        head = masthead(self.front)
        distr_at = width - 2000  # twips: where the Distr. block starts (about 35 mm from the right)
        first = self._p("MercuryDocument")
        _rule(first, _RULE_THIN, [("right", width)])
        self._logo(first)
        _plain_run(first, head.organisation, size=9)
        if head.symbol:
            _plain_run(first, "\t")
            if head.symbol_head:
                _plain_run(first, head.symbol_head, size=20)
            _plain_run(first, head.symbol_rest, size=10)
        # Lines in English on an Arabic cover ("Distr.: General", "1 April 2024") keep their
        # own direction inside the right-to-left paragraph, as the PDF's do: an embedding.
        block = [self._own_direction(words) for words in head.distribution_block]
        organ = self._p("MercuryDocument")
        _spacing(organ, before=40)
        _plain_run(organ, head.organ, bold=True, size=20)
        if block:
            _plain_run(organ, "\t")
            _plain_run(organ, block[0], size=9)
        rows = [organ]
        for line in block[1:]:
            row = self._p("MercuryDocument")
            _plain_run(row, "\t" + line, size=9)
            rows.append(row)
        for row in rows:
            _rule(row, _RULE_THICK if row is rows[-1] else None, [("left", distr_at)])
        _spacing(rows[-1], after=60)

        def line(words: str, *, before: int = 0, **look) -> None:
            p = self._p("MercuryDocument")
            if before:
                _spacing(p, before=before)
            _plain_run(p, words, **look)

        for position, words in enumerate(head.preface):
            line(words, before=227 if position == 0 else 0)
        for words in head.agenda_titles:
            line(words, bold=True)
        if head.adopted:
            line(head.adopted, before=340, bold=True, size=12)
        if head.origin:
            line(head.origin, before=57)
        if head.sponsor:
            line(head.sponsor, before=170)
        if head.stage:
            line(head.stage, before=340, bold=True, caps=True)
        if head.title or head.number:
            title = self._p("Title")
            if head.number:  # "78/212." upright in a hanging indent, then the bold title (memo 1.4)
                _indent(title, left=1020, hanging=1020)
                _plain_run(title, f"{head.number}\t", bold=False)
            if head.title:
                _plain_run(title, head.title)

    def _logo(self, p) -> None:
        """The front matter's logo before "United Nations", 10 mm high; an image
        that cannot be read is left out, as the PDF leaves it out."""
        logo = resolve_logo(self.document, self.options.source_dir)
        if logo is None:
            return
        try:
            if isinstance(logo, str):
                data = io.BytesIO(base64.b64decode(logo.split(",", 1)[1]))
            else:
                data = io.BytesIO(Path(logo).read_bytes())
            inline = self.word.part.new_pic_inline(data, None, Mm(10))
        except Exception:  # noqa: BLE001 - any image python-docx cannot parse: a masthead without it
            return
        _el(_el(p, "w:r"), "w:drawing").append(inline)
        _plain_run(p, " ")

    def _formula(self, formula: str, own: bool) -> None:
        """"The General Assembly," the organ's words in italics, the comma upright;
        a formula of the drafter's own as written."""
        p = self._p("Formula")
        if own:
            _plain_run(p, formula)
            return
        comma = FORMULA_COMMA.get(self.front.language, ",")
        words, comma = (formula[:-1], comma) if formula.endswith(comma) else (formula, "")
        style = FORMULA_STYLE.get(self.front.language, "italic").split()
        _plain_run(p, words, italic=True if "italic" in style else None, bold=True if "bold" in style else None)
        if comma:
            _plain_run(p, comma)

    def _closing_lines(self) -> None:
        """An adopted resolution closes with its meeting and the date of adoption."""
        front = self.front
        if not front.adopted_form:
            return
        for words in (front.meeting, closing_date(front.adopted, front.language) if front.adopted else None):
            if words:
                _plain_run(self._p("ClosingLines"), words)

    def _annex(self, annex: ast.Annex) -> None:
        """A new page: the label (a bookmark around it when the annex is named),
        its title, its original language, its formula, then its blocks."""
        front = annex.front
        label = self._p("AnnexLabel")
        self._bookmarked(label, front.name, lambda: _plain_run(label, annex.label))
        if front.title:
            _plain_run(self._p("Title"), front.title)
        if front.original:
            _plain_run(self._p("AnnexOriginal"), f"[{original_line(self.front.language, front.original)}]")
        if front.formula:
            self._formula(front.formula, own=True)
        for block in annex.blocks:
            self._block(block, front.preamble_numbering)

    # ------------------------------------------------------------ blocks

    def _block(self, block: ast.Block, preamble: ast.PreambleNumbering) -> None:
        match block:
            case ast.Heading():
                self._heading(block)
            case ast.Paragraph():
                self._paragraph(block, preamble)
            case ast.Table():
                self._table(block)

    def _heading(self, heading: ast.Heading) -> None:
        p = self._p(_HEADINGS.get(heading.level, "H23"))
        if heading.number:  # "Action 13." as text, bold and upright at every level
            _plain_run(p, heading_number(heading, self.front.language) + (" " if heading.content else ""), bold=True,
                       italic=False)
        self._inlines(p, heading.content, _Look())

    def _paragraph(self, paragraph: ast.Paragraph, preamble: ast.PreambleNumbering) -> None:
        """The number and a tab, the status, the words; then the sub-paragraphs
        and, in a compilation, the proposals on it. A whole-paragraph proposal
        marks every run and every paragraph mark of it."""
        look = _Look()
        if paragraph.proposal is not None:
            kind = "ins" if paragraph.proposal.kind == "new" else "del"
            look = _Look(marks=((kind, self._name(paragraph.proposal.author), self._key()),))
        number = paragraph_number(paragraph, preamble, self.front.language)
        p = self._p("SingleTxt")
        if not number:
            # Unnumbered: with the preamble's text when it stands there, else flush with the text.
            inside = paragraph.part == "preamble" or paragraph.in_preamble
            _indent(p, left=_GUTTER if inside else 0, hanging=0)
        self._mark_paragraph(p, look)
        label = paragraph.label.name if paragraph.label else None
        self._bookmarked(p, label, lambda: number and self._number(p, number, _GUTTER, look))
        if paragraph.status in STATUS_WORDS:
            self._run(p, f"[{status_words(self.front.language)[paragraph.status]}] ", replace(look, style="Status"))
        self.opening = paragraph.part == "preamble"
        self._inlines(p, paragraph.content, look)
        self.opening = False
        flush = not number and paragraph.part == "text" and not paragraph.in_preamble
        for sub in paragraph.subparagraphs:
            self._subparagraph(sub, look, flush)
        for change in paragraph.proposed:
            self._proposed(change)

    def _subparagraph(self, sub: ast.SubParagraph, look: _Look, flush: bool) -> None:
        level = min(max(sub.level, 1), len(_SUB_STYLES))
        p = self._p(_SUB_STYLES[level - 1])
        if flush:  # under text flush with the margin, the labels move out with it
            _indent(p, left=level * _SUB_GUTTER, hanging=_SUB_GUTTER)
        self._mark_paragraph(p, look)
        label = sub.label.name if sub.label else None
        self._bookmarked(p, label, lambda: self._number(p, sub_number(sub, self.front.language), _SUB_GUTTER,
                                                                   look))
        self._inlines(p, sub.content, look)
        for child in sub.children:
            self._subparagraph(child, look, flush)

    def _proposed(self, change: ast.Change) -> None:
        """A compilation's line for one proposal: "Russian Federation: replace ‘X’ with ‘Y’"."""
        p = self._p("ProposalList")
        _plain_run(p, f"{proposer(self.front, change.author)}{language_views.words('colon', self.front.language)} ", bold=True)
        for piece in change_phrase(change, self.front.language):
            if isinstance(piece, str):
                _plain_run(p, piece)
            else:
                self._inlines(p, piece, _Look(comments=False))

    def _table(self, table: ast.Table) -> None:
        """A table the compiler makes (a comparison's concordance): a Word table."""
        _plain_run(self._p("H1"), table.caption)
        grid = self.word.add_table(rows=1 + len(table.rows), cols=max(1, len(table.header)))
        for row, cells in zip(grid.rows, [table.header, *table.rows]):
            for cell, words in zip(row.cells, cells):
                cell.text = xml_safe(words)
        self.end.addprevious(grid._tbl)

    # ------------------------------------------------------------ marks

    def _name(self, initials: str | None) -> str:
        """A change's author: the delegation's name as declared, else its initials."""
        if not initials:
            return ""
        return self.front.author_name(initials) or initials

    def _key(self) -> int:
        self.keys += 1
        return self.keys

    def _mark_paragraph(self, p, look: _Look) -> None:
        """The paragraph mark of a paragraph proposed whole: inserted or deleted too."""
        if not look.marks:
            return
        kind, author, _ = look.marks[0]
        rpr = _el(p.find(qn("w:pPr")), "w:rPr")
        self.revision_ids += 1
        _el(rpr, f"w:{kind}", id=str(self.revision_ids), author=xml_safe(author), date=self.stamp_text)

    def _bookmarked(self, p, name: str | None, inside) -> None:
        """``inside()`` written between a bookmark's start and end when ``name`` is
        a label (the contract, point 6)."""
        if name:
            self.bookmarks += 1
            _el(p, "w:bookmarkStart", id=str(self.bookmarks), name=xml_safe(BOOKMARK_PREFIX + name))
        inside()
        if name:
            _el(p, "w:bookmarkEnd", id=str(self.bookmarks))

    def _place(self, container, look: _Look):
        """Where a run of ``look`` goes: inside its tracked changes, insertions
        outside deletions (as Word nests a deletion of inserted words); a
        change's runs share its w:ins or w:del while nothing else comes between."""
        parent = container
        # A change inside a paragraph proposed whole is its own author's: one w:ins and
        # one w:del at most, the innermost of each kind, as Word records an edit of an edit.
        innermost = {kind: (kind, author, key) for kind, author, key in look.marks}
        for kind, author, key in (innermost[k] for k in ("ins", "del") if k in innermost):
            last = parent[-1] if len(parent) else None
            if last is not None and last.tag == qn(f"w:{kind}") and last.get(qn("w:id")) == self.wrapper_ids.get(key):
                parent = last
                continue
            self.revision_ids += 1
            self.wrapper_ids[key] = str(self.revision_ids)
            parent = _el(parent, f"w:{kind}", id=str(self.revision_ids), author=xml_safe(author),
                         date=self.stamp_text)
        return parent

    def _number(self, p, number: str, gutter: int, look: _Look) -> None:
        """A number and its tab (the contract, point 2). A number that ends just
        short of its gutter would leave the words a hair after it, so its
        letters are spaced out a little, past the gutter: the tab then takes the
        words to Word's next tab stop, as a number wider than the gutter does."""
        run = self._run(p, f"{number}\t", look)
        short = gutter - _width(number)
        if 0 <= short < _MIN_GAP:
            spacing = etree.Element(qn("w:spacing"), {qn("w:val"): str(-(-(short + 10) // len(number)))})
            rpr = run.find(qn("w:rPr"))
            if rpr is None:
                rpr = etree.Element(qn("w:rPr"))
                run.insert(0, rpr)
            rpr.append(spacing)

    def _run(self, container, text: str, look: _Look, child=None):
        run = _el(self._place(container, look), "w:r")
        _rpr(run, style=look.style, bold=look.bold or None, italic=look.italic or None,
             underline=look.underline)
        if child is not None:
            run.append(child)
        if text:
            _text(run, text, look.deleted)
        return run

    # ------------------------------------------------------------ inlines

    def _inlines(self, container, nodes: tuple[ast.Inline, ...], look: _Look) -> None:
        for node in nodes:
            match node:
                case ast.Text():
                    self._run(container, node.value, look)
                    if node.value.strip():
                        self.opening = False
                case ast.Emphasis() if self.opening and node.style == "italic":
                    # A preambular paragraph's italic opening words (*Recalling*): a style of their own.
                    self.opening = False
                    self._inlines(container, node.children, replace(look, style="PreambleOpening"))
                case ast.Emphasis():
                    self.opening = False
                    self._inlines(container, node.children, replace(look, **{node.style: True}))
                case ast.Ref():
                    self.opening = False
                    link = _el(container, "w:hyperlink", anchor=xml_safe(BOOKMARK_PREFIX + node.label), history="1")
                    self._run(link, node.target or node.label, replace(look, style="Reference"))
                case ast.Footnote():
                    self.opening = False
                    self._footnote(container, node, look)
                case ast.Comment():
                    self._comment(container, node, look)
                case ast.Change():
                    self._change(container, node, look)
                case ast.Bracket():
                    self.opening = False
                    self._bracket(container, node, look)

    def _change(self, container, node: ast.Change, look: _Look) -> None:
        """A proposal: a w:del of the old words, then a w:ins of the new ones, by
        the delegation's name (the contract, point 3). A change at the start of
        a preambular paragraph may open it on either side."""
        author = self._name(node.author)
        opening = self.opening
        if node.kind != "insert":
            self._inlines(container, node.old, replace(look, marks=look.marks + (("del", author, self._key()),)))
        if node.kind != "delete":
            self.opening = opening
            self._inlines(container, node.new, replace(look, marks=look.marks + (("ins", author, self._key()),)))

    def _bracket(self, container, node: ast.Bracket, look: _Look) -> None:
        self._run(container, "[", replace(look, style="Bracket"))
        for position, alternative in enumerate(node.alternatives):
            if position:
                self._run(container, "/", look)
            self._inlines(container, alternative, look)
        self._run(container, "]", replace(look, style="Bracket"))

    def _comment(self, container, node: ast.Comment, look: _Look) -> None:
        """A Word comment by the delegation's name and initials, its range around
        the anchor words (or start and end together), and its reference run right
        after (the contract, point 4)."""
        if not look.comments:
            self._inlines(container, node.anchor or (), look)
            return
        initials = node.author or ""
        comment = self.word.comments.add_comment(author=xml_safe(self._name(node.author)), initials=xml_safe(initials))
        comment._comment_elm.date = self.stamp
        cid = str(comment.comment_id)
        _el(self._place(container, look), "w:commentRangeStart", id=cid)
        if node.anchor:
            self._inlines(container, node.anchor, look)
        _el(self._place(container, look), "w:commentRangeEnd", id=cid)
        self._run(container, "", replace(look, bold=False, italic=False, underline=False, style="CommentReference"),
                  child=etree.Element(qn("w:commentReference"), {qn("w:id"): cid}))
        opening, self.opening = self.opening, False
        self._inlines(comment.paragraphs[0]._p, node.body, _Look(comments=False, footnotes=False))
        self.opening = opening

    def _footnote(self, container, node: ast.Footnote, look: _Look) -> None:
        """A real footnote: its reference here, its words in word/footnotes.xml."""
        if not look.footnotes:
            self._run(container, " (", look)
            self._inlines(container, node.body, look)
            self._run(container, ")", look)
            return
        if self.footnotes is None:
            self._footnotes_part()
        number = node.index
        if number is None:
            number, self.spare_note = self.spare_note, self.spare_note + 1
        self._run(container, "", replace(look, bold=False, italic=False, underline=False, style="FootnoteReference"),
                  child=etree.Element(qn("w:footnoteReference"), {qn("w:id"): str(number)}))
        note = _el(self.footnotes, "w:footnote", id=str(number))
        p = self._p("FootnoteText", note)
        reference = _el(p, "w:r")
        _el(_el(reference, "w:rPr"), "w:rStyle", val="FootnoteReference")
        _el(reference, "w:footnoteRef")
        _plain_run(p, " ")
        self._inlines(p, node.body, _Look())

    def _footnotes_part(self) -> None:
        """word/footnotes.xml with Word's two separators (ids -1 and 0), related
        from the document, and named in the settings as Word names them."""
        self.footnotes = parse_xml(
            f"<w:footnotes {nsdecls('w')}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
            "</w:footnotes>")
        package = self.word.part.package
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self.footnotes, package)
        self.word.part.relate_to(part, RT.FOOTNOTES)
        settings = self.word.settings.element
        properties = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
                               "</w:footnotePr>")
        settings.find(qn("w:compat")).addprevious(properties)  # where CT_Settings' order puts it


# ----------------------------------------------------------------- helpers

# Advance widths of Times (Adobe's Times-Roman metrics, thousandths of an em; Times
# New Roman's are the same for these characters), to tell how far a number
# reaches at 10 pt: a number is written by wsisc, never measured by Word for it.
_TIMES = {**dict.fromkeys("0123456789", 500), ".": 250, "(": 333, ")": 333, " ": 250,
          **dict(zip("abcdefghijklmnopqrstuvwxyz", (444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778,
                                                    500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444))),
          **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
                                                    722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611)))}
_MIN_GAP = 40  # twips (2 pt): the least room between a number and its words


def _width(words: str, size: float = 10) -> int:
    """How wide ``words`` are in Times at ``size`` points, in twips."""
    return round(sum(_TIMES.get(char, 500) for char in words) * size * 20 / 1000)


def _font(style, size: float | None, bold: bool | None, italic: bool | None) -> None:
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic


def _ppr(p):
    return p.find(qn("w:pPr"))


def _spacing(p, *, before: int | None = None, after: int | None = None) -> None:
    spacing = _ppr_get(p, "w:spacing")
    if before is not None:
        spacing.set(qn("w:before"), str(before))
    if after is not None:
        spacing.set(qn("w:after"), str(after))


def _indent(p, *, left: int, hanging: int) -> None:
    ind = _ppr_get(p, "w:ind")
    ind.set(qn("w:left"), str(left))
    ind.set(qn("w:hanging" if hanging else "w:firstLine"), str(hanging))


def _rule(p, size: int | None, stops: list[tuple[str, int]]) -> None:
    """A rule under the paragraph (``size`` in eighths of a point) and its tab stops."""
    if size:
        borders = _ppr_get(p, "w:pBdr")
        _el(borders, "w:bottom", val="single", sz=str(size), space="1", color="auto")
    tabs = _ppr_get(p, "w:tabs")
    for kind, position in stops:
        _el(tabs, "w:tab", val=kind, pos=str(position))


# The children of w:pPr this writer sets, in the schema's order (CT_PPrBase).
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:pageBreakBefore", "w:pBdr", "w:tabs", "w:spacing", "w:ind", "w:jc",
              "w:rPr")


def _ppr_get(p, tag: str):
    ppr = _ppr(p)
    found = ppr.find(qn(tag))
    if found is not None:
        return found
    element = etree.Element(qn(tag))
    rank = _PPR_ORDER.index(tag)
    for child in ppr:
        local = "w:" + etree.QName(child).localname
        if local in _PPR_ORDER and _PPR_ORDER.index(local) > rank:
            child.addprevious(element)
            return element
    ppr.append(element)
    return element


def _unfenced(block: str) -> str:
    """A front matter block's YAML without its `---` lines."""
    lines = block.strip("\n").split("\n")
    return "\n".join(lines[1:-1]) + "\n"


def front_matter_yaml(front: ast.FrontMatter) -> str:
    """The file's front matter as YAML (without fences) that reads back as the
    same settings: each key the draft sets, in the canonical order."""
    from ..parse.front_matter import CANONICAL_ORDER

    default = ast.FrontMatter()
    lines = []
    for key in CANONICAL_ORDER:
        value = getattr(front, key)
        if value == getattr(default, key) or value is None:
            continue
        if key == "organ" and value == ORGAN.get(front.language):  # the language's own default
            continue
        if key == "authors":
            lines.append("authors:")
            lines += [f"  {json.dumps(initials, ensure_ascii=False)}: {json.dumps(name, ensure_ascii=False)}"
                      for initials, name in value]
        elif isinstance(value, (tuple, frozenset)):
            items = sorted(value) if isinstance(value, frozenset) else value
            lines.append(f"{key}: [{', '.join(json.dumps(item, ensure_ascii=False) for item in items)}]")
        elif isinstance(value, (int, datetime.date)):
            lines.append(f"{key}: {value.isoformat() if isinstance(value, datetime.date) else value}")
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n" if lines else ""


def _fixed_zip(data: bytes, day: datetime.date) -> bytes:
    """The package again, each entry in python-docx's order with one fixed date
    and the same attributes, so that nothing of the moment or the machine gets in."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename), compresslevel=6)
    return out.getvalue()

