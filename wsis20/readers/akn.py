"""Akoma Ntoso (AKN4UN) -> a draft: an adopted resolution as the UN publishes
it, in XML, turned into wsis markup, the usual start of next year's draft.

What becomes what (docs/akn-import.md gives the whole table):

- the cover page, preface and conclusions -> the front matter of the adopted
  form (`symbol`, `date`, `session`, `agenda`, `agenda_title`, `committee` and
  `report` or `without_reference`, `resolution`, `title`, `meeting`, `adopted`,
  `job_number`, `stage: adopted`, `preamble_numbering: none`);
- the formula -> `formula:` only when it is not the document type's own;
- a preamble `container` -> `PP#.`, its italic opening words `*Recalling*`;
- a `paragraph` with a `num` -> that number; without one -> unnumbered text;
  with `heading`/`subheading` (classes H1, HCh, H23) -> `#` or `##`;
- `list`/`intro`/`point` -> the paragraph and its sub-paragraphs, the UN's
  `sublist` (placed after its point) -> sub-paragraphs of that point;
- `authorialNote` -> `{^...^}`; `span` italic/bold -> `*...*`/`**...**`;
  links (`a`) -> their text;
- each annex `doc` -> an annex front matter block (`annex`, `title`, ...) and
  its paragraphs, numbered from 1 again; one `doc` holding "Annex I", "Annex
  II", ... (78/128) -> one annex each.

A draft wsisc exported comes back as the same draft: its negotiation
constructs (`ins`/`del`, comment notes, brackets, the concepts of statuses and
proposals, `wsisc:label`, `ref`) and what its export writes where the printed
text does not say it (`wsisc:marker`, `wsisc:level`, meta/proprietary's
`wsisc:settings`) are read back (docs/akn.md, "What the import reads back").

What the markup cannot hold is refused with a diagnostic at its element (a
`documentCollection`, sections with their own preambles), or written as text
with a warning (a table: one paragraph a row). The result goes through the
source writer, so it is in the canonical form of `wsisc fmt`, and the same file
always gives the same bytes.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import get_args
from xml.etree import ElementTree as ET

from .. import ast, walk
from ..akn_names import (AKN_NAMESPACE, ALTERNATIVE, AUTHOR_PREFIX, BRACKET, COMMENT_ANCHOR,
                         COMMENT_CLASS, LABEL, LEVEL, MARKER, NUMBER, ORIGINAL, PROPOSAL_CONCEPTS, SETTINGS,
                         STATUS_CONCEPTS, SUBSTITUTION_CLASS, WSISC_NAMESPACE)
from ..diagnostics import Diagnostic, make
from ..languages import AKN_CODES, DEFAULT as DEFAULT_LANGUAGE, numbering
from ..languages.masthead import ORGAN, REPORT, agenda_values, agenda_values_of_line, distribution_line
from ..numbers import Number, from_alpha_label, from_roman, rank_of, sub_label
from ..parse import MAX_SUB_LEVEL
from ..parse.parser import is_sub_marker
from ..parse.to_ast import LABEL_NAME, heading_number, is_author, marker_parts
from ..pipeline import load
from ..source import CONTROL, SourceFile
from ..writers import enacting_formula
from .draft import Imported, Part, draft_text, summary
from .runs import NOWHERE, StylePath, built, joined, with_styles
from .safe_xml import MAX_BYTES, Refused, Tree, local_name, parse, too_large

NAMESPACE = AKN_NAMESPACE
AKN = "{" + NAMESPACE + "}"
WSISC = "{" + WSISC_NAMESPACE + "}"
_DEFAULT = ast.FrontMatter()
_DISTRIBUTIONS = ("General", "Limited", "Restricted")  # the front matter's choices
_DOCUMENT_TYPES = get_args(ast.DocumentType)

# Word styles of the UN's heading paragraphs -> heading level.
_HEADING_LEVELS = {"HCh": 1, "H1": 1, "H23": 2, "H4": 3, "H56": 3}
_STYLES = {"italic": "italic", "bold": "bold", "underline": "underline", "i": "italic", "b": "bold", "u": "underline"}
_SPACES = re.compile(r"[ \t\r\n]+")  # XML's white space; no-break and narrow spaces are text
_NUMBER = re.compile(r"(\d{1,6})\s*[.\-\u2010-\u2015]?")  # "12." in most languages, "12 -" or "12 –" in Arabic
_CONTROL = CONTROL
_NUMBER_IN_TEXT = re.compile(r"(\d{1,6})\s*[.\-\u2010-\u2015]?\s+")  # "6 – ", left in the text
# "(a) ", a sub-paragraph made a paragraph; "(أ أ)\t" in Arabic (78/181: the 27th letter and after)
_LABEL_IN_TEXT = re.compile(r"\(([a-z]{1,2}|[ivxlc]{1,8}|[\u0621-\u064a](?: [\u0621-\u064a])?)\)\s+")
_SUB_LABEL = re.compile(r"\(?([a-z]{1,2}|[ivxlc]{1,8})\)\.?")  # "(a)", "a)" (French), "(iv)"
# "Annex", "Annex II", "Appendix A", "Annexe I", "附件一", "المرفق الثاني", "المرفق الحادي عشر": a word, and a
# numeral that tells several annexes apart.
_ANNEX_LABEL = re.compile(r"(\w+?)(?:\s([IVXLC]+|[A-Z])|([一二三四五六七八九十]+)|\s(ال\w+(?:\s(?:عشر|و\w+))?))?")
_AGENDA_ITEMS = re.compile(r",\s*|\s+and\s+")


def read(path: str, data: bytes) -> Imported:
    """An AKN file's bytes -> the .wsis text, or the diagnostic that refuses it."""
    if len(data) > MAX_BYTES:
        line_end = data.find(b"\n", 0, 4096)  # the first line, enough to show where
        head = SourceFile.from_text(path, data[:line_end if line_end != -1 else 4096].decode("utf-8", "replace"))
        return Imported(head, None, [too_large(head)])
    source, problems = load(path, data)
    if problems:
        return Imported(source, None, problems)
    try:
        tree = parse(source)
        reader = _Reader(tree)
        body, annexes = reader.read()
    except Refused as refused:
        return Imported(source, None, [refused.diagnostic])
    return Imported(source, draft_text(path, body, annexes), reader.diagnostics, summary(body, annexes))


# ------------------------------------------------------------------ reading

class _Reader:
    def __init__(self, tree: Tree):
        self.tree = tree
        self.diagnostics: list[Diagnostic] = []
        # A file wsisc exported (it says so: identification source="#wsisc") is read as
        # written: its labels and numbers are the markup's, and it has none of the slips
        # of the UN's converter to mend.
        identification = tree.root.find(f"*/{AKN}meta/{AKN}identification")
        self.own = identification is not None and identification.get("source") == "#wsisc"
        # What wsisc's own export points to: its comments' notes, and the labels
        # of the paragraphs its cross-references name, by eId.
        self.notes = {note.get("eId"): note for note in tree.root.iter(AKN + "note") if note.get("eId")}
        self.labels = {element.get("eId"): element.get(WSISC + LABEL) for element in tree.root.iter()
                       if element.get("eId") and _is_label(element.get(WSISC + LABEL) or "")}
        self.without_controls(tree.root)
        # The file's language (FRBRlanguage "fra", "ara", ...): how its numbers and labels read.
        expression = tree.root.find(f"*/{AKN}meta/{AKN}identification/{AKN}FRBRExpression/{AKN}FRBRlanguage")
        code = expression.get("language") if expression is not None else None
        self.language = next((c for c, akn in AKN_CODES.items() if akn == code), DEFAULT_LANGUAGE)

    def without_controls(self, root: ET.Element) -> None:
        """Control characters (U+0085, U+0007, ...; XML 1.0 allows the C1 ones) made
        spaces before anything is read: the draft would fail `check` with them."""
        first, count = None, 0
        for element in root.iter():
            for where in ("text", "tail"):
                value = getattr(element, where)
                if value and _CONTROL.search(value):
                    first = first if first is not None else (element, _CONTROL.search(value).group())
                    count += len(_CONTROL.findall(value))
                    setattr(element, where, _CONTROL.sub(" ", value))
            for name, value in element.attrib.items():
                if _CONTROL.search(value):
                    first = first if first is not None else (element, _CONTROL.search(value).group())
                    count += len(_CONTROL.findall(value))
                    element.set(name, _CONTROL.sub(" ", value))
        if first is not None:
            element, character = first
            self.warn(element, f"{count} invisible control character{'s' if count > 1 else ''} "
                      f"(the first U+{ord(character):04X}, here) in the text: made spaces",
                      "check the words around them against the published text")

    def refuse(self, element: ET.Element, message: str, hint: str) -> Refused:
        return Refused(make("akn-unsupported", message, self.tree.span(element), hints=(hint,)))

    def warn(self, element: ET.Element, message: str, hint: str) -> None:
        self.diagnostics.append(make("akn-approximated", message, self.tree.span(element), hints=(hint,)))

    def attribute(self, element: ET.Element, name: str, valid: Callable[[str], bool]) -> str | None:
        """wsisc's attribute ``name`` of ``element``, when it holds what the markup
        can (a file that says it is wsisc's may not be): else said, and left out."""
        value = element.get(WSISC + name)
        if value is None or valid(value):
            return value
        self.warn(element, f"`wsisc:{name}={json.dumps(value[:40], ensure_ascii=False)}` is not what the markup "
                  "can hold there: left out", "check the element against the draft it was exported from")
        return None

    def author(self, element: ET.Element) -> str | None:
        """The delegation a change, comment or proposal names (refersTo="#author_EU"), by its initials."""
        initials = next((reference[len(AUTHOR_PREFIX) + 1:] for reference in (element.get("refersTo") or "").split()
                         if reference.startswith("#" + AUTHOR_PREFIX)), None)
        if initials is None or is_author(initials):
            return initials
        self.warn(element, f"the delegation {json.dumps(initials[:40], ensure_ascii=False)} is not initials the "
                  "markup can write: left unattributed", "check the element against the draft it was exported from")
        return None

    def read(self) -> tuple[Part, list[Part]]:
        root = self.tree.root
        if root.tag != AKN + "akomaNtoso":
            namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else "no namespace"
            raise Refused(make(
                "not-akn", f"not an Akoma Ntoso file: its root element is <{local_name(root.tag)}> "
                f"({namespace}), not <akomaNtoso> in {NAMESPACE}", self.tree.span(root),
                hints=("wsisc imports the Akoma Ntoso 3.0 files of adopted resolutions (AKN4UN), "
                       "as the UN publishes them",)))
        documents = list(root)
        if not documents:
            raise self.refuse(root, "the file holds no document", "an Akoma Ntoso file holds a <statement>")
        document = documents[0]
        kind = local_name(document.tag)
        if kind == "documentCollection":
            raise self.refuse(document, "a documentCollection (several resolutions under one number, "
                              "A and B) cannot be imported as one draft",
                              "import each resolution from its own file, or copy its text into a draft")
        if kind not in ("statement", "doc"):
            raise self.refuse(document, f"an Akoma Ntoso <{kind}>; wsisc imports resolutions (<statement>)",
                              "the UN publishes General Assembly resolutions as <statement name=\"resolution\">")
        body = Part(self.front_matter(document))
        if self.language != DEFAULT_LANGUAGE:
            body.front["language"] = self.language
        settings = _settings(document)
        body.front["preamble_numbering"] = settings.get("preamble_numbering", "none")
        preamble, formula = self.preamble(document.find(AKN + "preamble"))
        body.blocks = preamble + self.main_body(document.find(AKN + "mainBody"))
        _formula(body, formula, settings)
        annexes = []
        for attachment in document.iter(AKN + "attachment"):
            # The UN puts an annex's label and title in its body; the schema also allows them here.
            named = {local_name(c.tag): _plain(c) for c in attachment if local_name(c.tag) in ("num", "heading")}
            for annex_document in attachment:
                if local_name(annex_document.tag) in ("num", "heading", "subheading"):
                    continue
                if _settings(annex_document).get("annex") is not None:
                    annexes.append(self.own_annex(annex_document, attachment.get(WSISC + LABEL)))
                else:
                    annexes += self.annexes(annex_document, named.get("num"), named.get("heading"))
        return body, annexes

    # ------------------------------------------------------- front matter

    def front_matter(self, document: ET.Element) -> dict[str, object]:
        front: dict[str, object] = {}
        cover = document.find(AKN + "coverPage")
        cover = cover if cover is not None else ET.Element("none")

        def first(where: ET.Element, tag: str, refers_to: str | None = None) -> ET.Element | None:
            """The first `tag` in `where`, preferably the one that refers to `refers_to`."""
            found = [e for e in where.iter(AKN + tag)]
            return next((e for e in found if e.get("refersTo") == refers_to), found[0] if found else None)

        language = _language(document)
        if language != _DEFAULT.language:
            front["language"] = language
        symbol = first(cover, "docNumber", "#symbol")
        if symbol is not None:
            front["symbol"] = _plain(symbol)
        organ = first(cover, "docAuthority", "#issuingBody")
        if organ is not None and _plain(organ) != ORGAN[language]:  # the language's default is not written
            front["organ"] = _plain(organ)
        session = first(cover, "session")
        if session is not None:
            value = session.get("value") or _plain(session)
            front["session"] = int(value) if value.isdigit() else value
        # The UN's proponent line names the committee (or no Main Committee) and the document
        # it came from; one that names neither is a draft's sponsor, as wsisc writes it.
        proponents = list(cover.iter(AKN + "docProponent"))
        proponent = next((e for e in proponents if _origin_line(e)), None)
        if proponent is not None and proponent.get("refersTo") != "#noMainCommittee":
            front["committee"] = _committee(proponent, language)
        committee = first(cover, "docCommittee")
        if committee is not None:
            front["committee"] = _plain(committee)
        agenda = [e for e in cover.iter(AKN + "inline") if e.get("name") == "agenda item"]
        if agenda:
            written = agenda[0].get("title") or _plain(agenda[0])
            items = None
            if language != _DEFAULT.language:  # the printed line first: its title can say less ("3" for "3 b)")
                items = agenda_values_of_line(language, _plain(agenda[0])) or agenda_values(language, written)
            if items is None:
                items = [i for i in _AGENDA_ITEMS.split(written) if i]
            front["agenda"] = [int(i) if i.isdigit() else i for i in items]
        titles = [_plain(e) for e in cover.iter(AKN + "inline") if e.get("name") == "agenda item name"]
        if titles:
            front["agenda_title"] = titles
        preface = document.find(AKN + "preface")
        if preface is not None:
            title = first(preface, "docTitle")
            if title is not None:
                front["title"] = _plain(title)
                if (note := title.find(f".//{AKN}authorialNote")) is not None:
                    self.warn(note, "a footnote on the title, which the front matter cannot hold: left out",
                              "add it to the first paragraph by hand if it matters")
        issued = first(cover, "docDate", "#dateOfIssuance")
        if issued is None:  # a date in other words
            issued = next((e for e in cover.iter(AKN + "inline") if e.get("name") == "date"), None)
        if issued is not None:
            front["date"] = _date(issued)
        # A draft's own lines (wsisc's export): Original, sponsor, stage, short title.
        original = next((e for e in cover.iter(AKN + "inline") if e.get("name") == ORIGINAL), None)
        if original is not None:
            front["original"] = _plain(original).removeprefix("Original:").strip()
        sponsor = next((e for e in proponents if not _origin_line(e)), None)
        for key, element in (("sponsor", sponsor), ("stage", first(cover, "docStage")),
                             ("short_title", first(cover, "shortTitle"))):
            if element is not None:
                front[key] = _plain(element)
        status = first(cover, "docStatus")
        if status is not None:
            word = _plain(status).rsplit(" ", 1)[-1].rstrip(".").capitalize()
            for choice in _DISTRIBUTIONS:  # "Distr. générale" is General
                if _plain(status) == distribution_line(language, choice):
                    word = choice
            if word in _DISTRIBUTIONS:  # the English words: the key is a choice of three
                front["distribution"] = word
        job = next((e for e in document.iter() if local_name(e.tag) == "docketNumber"), None)
        if job is not None and _plain(job):
            front["job_number"] = _plain(job)
        if preface is not None and (number := first(preface, "docNumber")) is not None:
            front["resolution"] = _plain(number).rstrip(".")
        conclusions = document.find(AKN + "conclusions")
        if conclusions is not None:
            meeting = first(conclusions, "location")
            if meeting is not None:
                front["meeting"] = _plain(meeting)
            adopted = first(conclusions, "docDate")
            if adopted is not None:
                front["adopted"] = _date(adopted)
        if proponent is not None:
            reference = _originating_document(proponent)
            key = "without_reference" if proponent.get("refersTo") == "#noMainCommittee" else "report"
            if reference is not None:
                front[key] = _plain(reference)
        if any(key in front for key in ("resolution", "adopted", "meeting")):
            # A file that records its adoption is printed in the adopted form; one that
            # does not (a fragment, a draft) would fail `check`'s adopted-form facts.
            front["stage"] = "adopted"
            if front.get("distribution") == "General" and language != _DEFAULT.language:
                # An adopted text's own, printed anyway in the language's words ("Distr. générale").
                # English files keep the key, as they did before the other languages came: a draft's
                # `distribution: General` then goes through an export and back (no AKN element tells
                # a key written from one left out).
                del front["distribution"]
        if document.get("name") in _DOCUMENT_TYPES and document.get("name") != _DEFAULT.document_type:
            front["document_type"] = document.get("name")
        # The delegations wsisc's export declares (TLCOrganization eId="author_EU"), in their order.
        authors = {element.get("eId")[len(AUTHOR_PREFIX):]: element.get("showAs") or ""
                   for element in document.findall(f"{AKN}meta/{AKN}references/{AKN}TLCOrganization")
                   if (element.get("eId") or "").startswith(AUTHOR_PREFIX)
                   and is_author(element.get("eId")[len(AUTHOR_PREFIX):])}
        if authors:
            front["authors"] = authors
        return front

    # ---------------------------------------------------------- preamble

    def preamble(self, preamble: ET.Element | None) -> tuple[list[ast.Block], str | None]:
        """The preamble's blocks, and the words of its formula if it has one."""
        if preamble is None:
            return [], None
        blocks: list[ast.Block] = []
        formula = None
        for child in preamble:
            match local_name(child.tag):
                case "formula":
                    formula = _plain(child)
                case "container" if child.find(AKN + "table") is not None:
                    blocks += self.table(child)
                case "container" if not any(c.isalnum() for c in _plain(child)):  # a `* * *` separator
                    blocks += _text_paragraphs(self.inlines(child))
                case "container":
                    blocks.append(self.preambular(child))
                case "p" if (child.get("class") or "") in _HEADING_LEVELS:  # wsisc's heading in a preamble
                    number = child.find(f"{AKN}inline[@name='{NUMBER}']")
                    blocks += self.heading(child, self.inlines(child), number, _HEADING_LEVELS[child.get("class")])
                case "p":
                    blocks += _text_paragraphs(self.inlines(child))
                case "blockList" if blocks and isinstance(blocks[-1], ast.Paragraph) and blocks[-1].part == "text":
                    # wsisc's export: the sub-paragraphs of the unnumbered text before them
                    blocks[-1] = replace(blocks[-1], subparagraphs=tuple(self.points(child, 1)))
                case _:
                    blocks += self.unknown(child)
        return blocks, formula

    def preambular(self, container: ET.Element) -> ast.Paragraph:
        """A container: its number as wsisc wrote it (its marker, or the number
        opening its text), else `PP#.`, as the UN's preambles number nothing."""
        number = container.find(f"{AKN}p/{AKN}inline[@name='{NUMBER}']")
        marker = self.marker(container, number, "preamble") or ast.Marker(NOWHERE, "PP#.", "next")
        listed = container.find(AKN + "blockList")
        if listed is None:
            return ast.Paragraph(NOWHERE, "preamble", marker, content=self.inlines(container), **self.marks(container))
        # Sub-paragraphs as a blockList: its listIntroduction holds the words (78/228), or,
        # in wsisc's export, the container's `p` before it.
        intro = [*container.findall(AKN + "p"), listed.find(AKN + "listIntroduction")]
        content = joined([self.inlines(e) for e in intro if e is not None])
        return ast.Paragraph(NOWHERE, "preamble", marker, content=content, subparagraphs=tuple(self.points(listed, 1)),
                             **self.marks(container))

    def marker(self, element: ET.Element, number: ET.Element | None, part: ast.Part) -> ast.Marker | None:
        """A paragraph's marker: as wsisc's export wrote it where the printed
        number does not give it back (``wsisc:marker="#+."``), else its printed
        ``number`` read as the markup reads a marker of ``part``; None when
        neither reads as one."""
        written_marker = self.attribute(element, MARKER, lambda value: marker_parts(value) is not None)
        printed = _plain(number) if number is not None else None
        # A number printed in the file's language as the markup writes it: "5 مكررا -" is 5bis.
        printed = printed and (numbering.markup_number(printed, self.language) or printed)
        for written in (written_marker, printed):
            parts = marker_parts(written) if written else None
            if parts is None or parts.part != part:
                continue
            if parts.automatic is not None:
                return ast.Marker(NOWHERE, written, parts.automatic)
            rank = rank_of(parts.suffix)
            if rank is not None:
                return ast.Marker(NOWHERE, written, "explicit", Number(parts.base, rank))
        return None

    def marks(self, element: ET.Element) -> dict[str, object]:
        """A paragraph's label (``wsisc:label``), and the status and whole-paragraph
        proposal its ``refersTo`` names, as wsisc's export writes them."""
        refers = (element.get("refersTo") or "").split()
        status = next((status for status, concept in STATUS_CONCEPTS.items() if "#" + concept in refers), "pending")
        kind = next((kind for kind, concept in PROPOSAL_CONCEPTS.items() if "#" + concept in refers), None)
        author = self.author(element)
        label = self.attribute(element, LABEL, _is_label)
        return {"label": ast.Label(NOWHERE, label) if label else None, "status": status,
                "proposal": ast.Proposal(NOWHERE, kind, author) if kind and author else None}

    def heading(self, element: ET.Element, words: tuple[ast.Inline, ...], number: ET.Element | None,
                level: int) -> list[ast.Block]:
        """A heading, with its item number ("I.", "Action 13.") as the markup's
        own when it reads as one (as wsisc wrote it: "Action #."), else as its
        first words; its level as wsisc wrote it (`###`) or as its class says."""
        level = int(self.attribute(element, LEVEL, lambda value: value in ("1", "2", "3")) or level)
        written = self.attribute(element, MARKER, lambda value: _item_number(value) is not None) \
            or (_plain(number) if number is not None else None)
        if written and self.language in ("ar", "zh"):  # "أولا -" is I., "一." is I.
            written = numbering.markup_heading_number(written) or written
        elif written is None and self.language in ("ar", "zh") and words and isinstance(words[0], ast.Text) \
                and (opening := numbering.HEADING_OPENING.match(words[0].value)) \
                and (read := numbering.markup_heading_number(opening.group(1))):
            # The UN's Arabic and Chinese files write the number in the heading's words: "ثانيا -\tوثائق".
            written, words = read, _without(words, opening)
        if written and _item_number(written) is None:
            words, written = joined([(ast.Text(NOWHERE, written),) if number is None else self.inlines(number),
                                      words]), None
        return [ast.Heading(NOWHERE, level, words, written_number=written)] if words or written else []

    # --------------------------------------------------------- main body

    def main_body(self, body: Iterable[ET.Element] | None) -> list[ast.Block]:
        """The blocks of a mainBody (or of the elements given)."""
        made: list[tuple[ET.Element, ast.Block]] = []
        for child in body if body is not None else ():
            match local_name(child.tag):
                case "paragraph":
                    blocks = self.paragraph(child)
                case "container" if child.find(AKN + "table") is not None:
                    blocks = self.table(child)
                case "container" if self.own:  # a preambular paragraph after an operative one
                    blocks = [self.preambular(child)]
                case "section" | "crossHeading":
                    raise self.refuse(child, "a resolution in sections (I, II, ...), each with its own preamble "
                                      "and paragraphs numbered from 1, has no equivalent in the markup",
                                      "import the sections one by one, or copy the text into a draft")
                case _:
                    blocks = self.unknown(child)
            made += [(child, block) for block in blocks]
        return [block for _, block in made] if self.own else self.mended(made)

    def mended(self, made: list[tuple[ET.Element, ast.Block]]) -> list[ast.Block]:
        """Slips of the UN's converter, mended where the numbering shows what was meant:

        - a paragraph whose number was left in its text ("6 – *Encourages* ...", no `num`;
          16 Arabic files) gets it back when it is the number missing between the
          paragraphs around it: the gap that `check` reports as missing-marker;
        - sub-paragraphs made paragraphs of their own, their label in a `num` or in the
          text ("(a)", "(b)" after paragraph 3: 78/319, 78/1) become the sub-paragraphs of
          the paragraph before them when their labels continue its list;
        - a list with neither number nor introduction belongs to the paragraph before it;
        - a number lower than the one before, where the next continues from that one
          (4 between 14 and 15: 78/248's amended article), is quoted text, not a paragraph.
        """
        # The number of the next numbered paragraph after each block, found in one pass
        # from the end: a scan forward from every block was quadratic on hostile files.
        following_numbers: list[int | None] = [None] * len(made)
        after: int | None = None
        for i in range(len(made) - 1, -1, -1):
            following_numbers[i] = after
            _, b = made[i]
            if isinstance(b, ast.Paragraph) and b.part == "operative":
                after = b.marker.number.base
        blocks: list[ast.Block] = []
        moved: dict[int, tuple[ET.Element, list[str]]] = {}  # owner's index -> first element, labels
        previous = 0
        joining: list[ast.SubParagraph] = []  # lists to join to blocks[-1], joined once: see below

        def join() -> None:
            subs = blocks[-1].subparagraphs + tuple(joining)
            blocks[-1] = replace(blocks[-1], subparagraphs=tuple(
                sub if sub.marker.written == sub_label(1, n) else replace(sub, marker=ast.SubMarker(
                    NOWHERE, "(#)", None)) for n, sub in enumerate(subs, 1)))
            joining.clear()

        for i, (element, block) in enumerate(made):
            if isinstance(block, ast.Paragraph) and block.part == "text" and not block.content \
                    and blocks and isinstance(blocks[-1], ast.Paragraph):
                # A list with neither number nor introduction: the markup can only read it
                # as the paragraph before it continued. Joined when the run of such lists
                # ends, not one by one: a rebuilt tuple a list was quadratic on hostile files.
                joining += block.subparagraphs
                continue
            if joining:
                join()
            first = block.content[0].value if isinstance(block, ast.Paragraph) and block.part == "text" \
                and block.content and isinstance(block.content[0], ast.Text) else None
            opening = _NUMBER_IN_TEXT.match(first) if first is not None else None
            label = _LABEL_IN_TEXT.match(first) if first is not None else None
            following = following_numbers[i]
            if opening is not None and int(opening.group(1)) == previous + 1 \
                    and (following is None or following > previous + 1):
                self.warn(element, f"paragraph {previous + 1} has its number in its text, not in a <num>: "
                          "made its number", "check that the number belongs to the paragraph")
                marker = ast.Marker(NOWHERE, f"{previous + 1}.", "explicit", Number(previous + 1))
                block = replace(block, part="operative", marker=marker, content=_without(block.content, opening))
            elif label is not None and blocks and isinstance(blocks[-1], ast.Paragraph) and \
                    (owner := _with_sub(blocks[-1], label.group(1), _without(block.content, label))) is not None:
                blocks[-1] = owner
                moved.setdefault(len(blocks) - 1, (element, []))[1].append(f"({label.group(1)})")
                continue
            elif isinstance(block, ast.Paragraph) and block.part == "operative" and \
                    block.marker.number.base < previous and following == previous + 1:
                number = block.marker.number.base
                self.warn(element, f"paragraph {number} between {previous} and {following} reads as quoted text "
                          "(an amendment, a statute's article): written as unnumbered text",
                          "check it against the published text")
                block = replace(block, part="text", marker=None,
                                content=joined([(ast.Text(NOWHERE, f"{number}."),), block.content]))
            if isinstance(block, ast.Paragraph) and block.part == "operative":
                previous = block.marker.number.base
            blocks.append(block)
        if joining:
            join()
        for index, (element, labels) in moved.items():
            owner = blocks[index]
            whose = f"paragraph {owner.marker.number}" if owner.marker else "the paragraph before them"
            self.warn(element, f"sub-paragraphs {labels[0]} to {labels[-1]} are paragraphs of their own in the XML: "
                      f"made the sub-paragraphs of {whose}", "check the list against the published text")
        return blocks

    def paragraph(self, paragraph: ET.Element) -> list[ast.Block]:
        """A paragraph as a heading or a paragraph, followed by the paragraphs nested in it, if any."""
        nested = [block for child in paragraph if local_name(child.tag) == "paragraph"
                  for block in self.paragraph(child)]
        return self._paragraph(paragraph) + nested

    def _paragraph(self, paragraph: ET.Element) -> list[ast.Block]:
        num = paragraph.find(AKN + "num")
        title = paragraph.find(AKN + "heading")
        if title is None:
            title = paragraph.find(AKN + "subheading")
        style = paragraph.get("class") or ""
        if title is not None or style in _HEADING_LEVELS:
            level = _HEADING_LEVELS.get(style, 1 if title is not None and local_name(title.tag) == "heading" else 2)
            words = [title] if title is not None else [c for c in paragraph if c is not num]
            return self.heading(paragraph, joined([self.inlines(e) for e in words]), num, level)
        listed = paragraph.find(AKN + "list")
        parts = [paragraph.find(AKN + "content")] if listed is None else [listed.find(AKN + "intro")]
        parts += [c for c in paragraph if local_name(c.tag) == "p"]  # a `p` where `content` belongs
        content = joined([self.inlines(e) for e in parts if e is not None])
        subs = tuple(self.points(listed, 1)) if listed is not None else ()
        # The Arabic "12 -" as well as the markup's own markers ("12bis.", wsisc's "#+.").
        number = _NUMBER.fullmatch(_plain(num)) if num is not None else None
        marker = self.marker(paragraph, num, "operative")
        if marker is None and number is not None:
            marker = ast.Marker(NOWHERE, f"{int(number.group(1))}.", "explicit", Number(int(number.group(1))))
        if marker is not None:
            return [ast.Paragraph(NOWHERE, "operative", marker, content=content, subparagraphs=subs,
                                  **self.marks(paragraph))]
        if num is not None:
            if not _LABEL_IN_TEXT.match(_plain(num) + " "):  # a label, "(a)": see mended()
                self.warn(num, f"the paragraph number `{_plain(num)}` is not a number: written as the "
                          "paragraph's first words", "number the paragraph by hand if it needs a number")
            content = joined([self.inlines(num), content])
        if not content and not subs:
            return []
        return [ast.Paragraph(NOWHERE, "text", None, None, content, subs)]

    def points(self, listed: ET.Element, level: int) -> list[ast.SubParagraph]:
        """A list's points as sub-paragraphs at `level`; a `sublist` belongs to the point before it."""
        read: list[tuple[ET.Element, ast.SubParagraph]] = []
        children = [c for c in listed if local_name(c.tag) in ("point", "item", "sublist", "wrapUp")]
        # The label of the next point after each child, and each point's sublists' points,
        # gathered to be joined once: found afresh for every sublist, both were quadratic.
        next_labels: list[str | None] = [None] * len(children)
        label: str | None = None
        for i in range(len(children) - 1, -1, -1):
            next_labels[i] = label
            if local_name(children[i].tag) == "point" and (num := children[i].find(AKN + "num")) is not None:
                label = _plain(num)
        nested: dict[int, list[ast.SubParagraph]] = {}  # index in `read` -> the points of its sublists
        for i, child in enumerate(children):
            match local_name(child.tag):
                case "point" | "item":
                    read.append((child, self.point(child, level)))
                case "sublist" if read and not _continues_letters(read[-1][1], child, next_labels[i]):
                    nested.setdefault(len(read) - 1, []).extend(self.points(child, level + 1))
                case "sublist":  # 78/181: a point (i) after (h), wrongly made a sublist
                    read += [(p, self.point(p, level)) for p in child if local_name(p.tag) == "point"]
                case "wrapUp":
                    self.warn(child, "words after a list's sub-paragraphs (a wrap-up) have no place in the markup: "
                              "joined to the last sub-paragraph", "move them by hand if they read wrongly")
                    if read:
                        point, last = read[-1]
                        read[-1] = (point, replace(last, content=joined([last.content, self.inlines(child)])))
        for index, points in nested.items():
            point, sub = read[index]
            read[index] = (point, replace(sub, children=sub.children + tuple(points)))
        return self.labelled(read)

    def point(self, point: ET.Element, level: int) -> ast.SubParagraph:
        """A point with its label as published, normalised: "a)" in French is "(a)"."""
        num = point.find(AKN + "num")
        written = _plain(num) if num is not None else ""
        label = _SUB_LABEL.fullmatch(written)
        nested = point.find(AKN + "list")
        if nested is None:
            nested = point.find(AKN + "blockList")  # an item's own items, in wsisc's export of a preamble
        parts = [c for c in point if local_name(c.tag) in ("content", "p")]
        if nested is not None and (intro := nested.find(AKN + "intro")) is not None:
            parts.append(intro)
        content = joined([self.inlines(e) for e in parts])
        children: tuple[ast.SubParagraph, ...] = ()
        if nested is not None and level >= MAX_SUB_LEVEL:
            # The markup nests four levels, as the Editorial Manual does; deeper points
            # keep their labels and words as this point's text.
            deeper = self.flattened(nested, intro=False)  # the intro is this point's text already
            if deeper:
                self.warn(nested, f"a list nested deeper than {MAX_SUB_LEVEL} levels, which the markup cannot "
                          f"write: its points joined to the sub-paragraph above", "check the list against "
                          "the published text")
                content = joined([content, *deeper])
        elif nested is not None:
            children = tuple(self.points(nested, level + 1))
        if label is None and (read := numbering.read_sub_label(written)) is not None \
                and (read[0] == 1) == (level % 2 == 1):
            written = sub_label(level, read[1])  # "(أ)", "’1‘", "㈠", "б)": the markup's (b), (i)
        written = self.attribute(point, MARKER, is_sub_marker) or (f"({label.group(1)})" if label else written)
        name = self.attribute(point, LABEL, _is_label)
        return ast.SubParagraph(NOWHERE, ast.SubMarker(NOWHERE, written, None), level,
                                ast.Label(NOWHERE, name) if name else None, content, children)

    def flattened(self, listed: ET.Element, intro: bool = True) -> list[tuple[ast.Inline, ...]]:
        """A list's words in order, each point's label before its words, as a paragraph's text."""
        words = []
        for child in listed:
            if local_name(child.tag) == "intro" and not intro:
                continue
            if local_name(child.tag) in ("intro", "wrapUp", "num", "content", "p"):
                words.append(self.inlines(child))
            elif local_name(child.tag) in ("point", "item", "sublist", "list", "blockList"):
                words += self.flattened(child)
        return [w for w in words if w]

    def labelled(self, read: list[tuple[ET.Element, ast.SubParagraph]]) -> list[ast.SubParagraph]:
        """Each label kept where it is the one the markup gives its place, else `(#)`,
        which wsisc numbers: another alphabet's letters (they print (a), (b) in English),
        a slip in the sequence, numbers "1.", "2."; said once a list when the labels were Latin."""
        subs, slips = [], []
        for n, (point, sub) in enumerate(read, 1):
            # wsisc's own labels are the markup's, as written
            if sub.marker.written != sub_label(sub.level, n) and not (self.own and is_sub_marker(sub.marker.written)):
                if sub.marker.written.isascii() and sub.marker.written:
                    slips.append((point, sub.marker.written, sub_label(sub.level, n)))
                sub = replace(sub, marker=ast.SubMarker(NOWHERE, "(#)", None))
            subs.append(sub)
        if slips:
            point, written, expected = slips[0]
            num = point.find(AKN + "num")
            shown = ", ".join(f"`{w}`" for _, w, _ in slips[:3]) + (", ..." if len(slips) > 3 else "")
            self.warn(num if num is not None else point,
                      f"this list's labels {shown} are not the markup's (a), (b), ... or (i), (ii), ... in order "
                      f"({expected} is expected here): written `(#)`, which wsisc numbers",
                      "check the list's labels in the published text")
        return subs

    def table(self, container: ET.Element) -> list[ast.Block]:
        rows = [row for row in container.iter(AKN + "tr")]
        blocks = []
        for row in rows:
            cells = [self.inlines(cell) for cell in row]
            if any(cells):
                blocks += _text_paragraphs(joined(cells, " | "))
        self.warn(container, f"a table ({len(rows)} rows) has no equivalent in the markup: written as unnumbered "
                  "text, one paragraph a row, cells separated by `|`", "lay the table out by hand where it is printed")
        return blocks

    def unknown(self, element: ET.Element) -> list[ast.Block]:
        blocks = _text_paragraphs(self.inlines(element))
        if blocks:
            self.warn(element, f"<{local_name(element.tag)}> is not a part of a resolution that wsisc knows: "
                      "its text is written as an unnumbered paragraph", "check that it reads as it should")
        return blocks

    # ------------------------------------------------------------ annexes

    def annexes(self, document: ET.Element, label: str | None, title: str | None) -> list[Part]:
        """An annex `doc` as one annex, or several when it holds "Annex I", "Annex II", ...
        (78/128). Its first heading is the label when it reads like one, the next the title."""
        blocks, formula = self.preamble(document.find(AKN + "preamble"))
        blocks += self.main_body(document.find(AKN + "mainBody"))
        first = _ANNEX_LABEL.fullmatch(_label_text(blocks[0]) or "") if blocks and label is None else None
        parts: list[Part] = [Part({"annex": label, "title": title} if title else {"annex": label})] if label else []
        for block in blocks:
            named = _ANNEX_LABEL.fullmatch(_label_text(block) or "")
            if first is not None and (not parts or named is not None and named.group(1) == first.group(1)
                                      and _numeral(first) is not None and _numeral(named) is not None):
                parts.append(Part({"annex": named.group()}))
            elif not parts:
                parts.append(Part({"annex": None}, [block]))
            elif parts[-1].front["annex"] is not None and not parts[-1].blocks and "title" not in parts[-1].front \
                    and _heading_text(block):
                parts[-1].front["title"] = _heading_text(block)
            else:
                parts[-1].blocks.append(block)
        for part in parts:
            numbered = [b for b in part.blocks if isinstance(b, ast.Paragraph) and b.part == "operative"]
            document_type = _annex_type(numbered)
            if document_type is not None:
                part.front["document_type"] = document_type
            if any(isinstance(b, ast.Paragraph) and b.part == "preamble" for b in part.blocks):
                part.front["preamble_numbering"] = "none"
            if formula is not None or document_type is None:
                part.front["formula"] = formula or ""  # an annex has no formula unless it writes one
            formula = None
        return parts

    def own_annex(self, document: ET.Element, name: str | None) -> Part:
        """An annex as wsisc exports it: its label as written and the settings it
        does not take from the file in its meta/proprietary; its printed label,
        "[Original: ...]" and title opening its preface, or its mainBody as H1
        paragraphs without an eId (its own headings have one)."""
        settings = _settings(document)
        preface, body = document.find(AKN + "preface"), document.find(AKN + "mainBody")
        body = list(body) if body is not None else []
        body_heads = list(itertools.takewhile(lambda e: local_name(e.tag) == "paragraph" and e.get("class") == "H1"
                                              and not e.get("eId"), body))
        heads = (list(preface) if preface is not None else []) + body_heads
        front: dict[str, object] = {"annex": settings["annex"] or None}
        if name:
            front["name"] = name
        for head in heads[1:]:  # the first is the label as printed
            original = head.find(f".//{AKN}inline[@name='{ORIGINAL}']")
            if original is None:
                front["title"] = _plain(head)
            else:
                front["original"] = _plain(original).removeprefix("[Original:").removesuffix("]").strip()
        front.update((key, settings[key]) for key in ("document_type", "preamble_numbering") if key in settings)
        blocks, formula = self.preamble(document.find(AKN + "preamble"))
        part = Part(front, blocks + self.main_body(body[len(body_heads):]))
        if formula is not None or "formula" in settings:  # an annex has no formula unless it writes one
            front["formula"] = formula if formula is not None else settings["formula"]
        return part

    # ------------------------------------------------------------ inlines

    def inlines(self, element: ET.Element, in_note: bool = False) -> tuple[ast.Inline, ...]:
        runs: list = []
        self._collect(element, (), runs, in_note)
        return built(runs)

    def _collect(self, element: ET.Element, path: StylePath, runs: list, in_note: bool) -> None:
        """Runs of (text or Ref, the emphases around it, outermost first), and the
        other inlines whole, in order."""
        if element.text:
            runs.append((element.text, path))
        children = list(element)
        at = 0
        while at < len(children):
            child, tag = children[at], local_name(children[at].tag)
            following = children[at + 1] if at + 1 < len(children) else None
            last = child  # whose tail follows: the second of a pair read as one
            if tag == "authorialNote" and not in_note:  # a note in a note is read as its text
                body = _without_number_placeholder(self.inlines(child, in_note=True))
                if body:
                    runs.append(ast.Footnote(NOWHERE, body))
            elif tag in ("span", "i", "b", "u"):
                words = (child.get("class") or "").split() if tag == "span" else [tag]
                self._collect(child, with_styles(path, child, {_STYLES[w] for w in words if w in _STYLES}), runs,
                              in_note)
            elif tag in ("eol", "br"):
                runs.append((" ", path))
            elif tag == "sup" and _note_parenthesis(child, children[at - 1] if at else None, following):
                pass  # the Arabic files' "(1)" around a footnote's number: how the writer prints it
            elif tag in ("ins", "del"):
                if tag == "del" and _is_substitution(child) and _followed(child, following, "ins", _is_substitution):
                    runs.append(ast.Change(NOWHERE, "substitute", self.author(child), old=self.inlines(child),
                                           new=self.inlines(following)))
                    last, at = following, at + 1
                elif tag == "ins":
                    runs.append(ast.Change(NOWHERE, "insert", self.author(child), new=self.inlines(child)))
                else:
                    runs.append(ast.Change(NOWHERE, "delete", self.author(child), old=self.inlines(child)))
            elif _named(child, COMMENT_ANCHOR) and _followed(child, following, "noteRef", _is_comment):
                runs.append(self.comment(following, anchor=self.inlines(child)))
                last, at = following, at + 1
            elif tag == "noteRef" and _is_comment(child):
                runs.append(self.comment(child, anchor=None))
            elif _named(child, BRACKET) and (bracket := self.bracket(child)) is not None:
                runs.append(bracket)
            elif tag == "ref" and (label := self.labels.get((child.get("href") or "").removeprefix("#"))):
                runs.append((ast.Ref(NOWHERE, label), path))
            elif _named(child, NUMBER):
                pass  # a container's or a preamble heading's number, read as its marker
            elif tag not in ("img", "meta"):
                self._collect(child, path, runs, in_note)
                if tag == "p":  # the paragraphs of one note or content read as one
                    runs.append((" ", path))
            if last.tail:
                runs.append((last.tail, path))
            at += 1

    def comment(self, note_ref: ET.Element, anchor: tuple[ast.Inline, ...] | None) -> ast.Comment:
        """A comment: its words in the note its ``noteRef`` points to, its author the note's delegation."""
        note = self.notes.get((note_ref.get("href") or "").removeprefix("#"))
        if note is None:
            return ast.Comment(NOWHERE, None, (), anchor)
        return ast.Comment(NOWHERE, self.author(note), self.inlines(note), anchor)

    def bracket(self, element: ET.Element) -> ast.Bracket | None:
        """``[text]`` or ``[shall/should]`` as wsisc writes them: the brackets in
        the text, each of several alternatives an ``inline name="alternative"``.
        None for anything else, which is read as its text."""
        alternatives = [c for c in element if _named(c, ALTERNATIVE)]
        if alternatives:
            return ast.Bracket(NOWHERE, tuple(self.inlines(a) for a in alternatives))
        runs: list = []
        self._collect(element, (), runs, in_note=False)
        first, last = (runs[0], runs[-1]) if runs else (None, None)
        if not (isinstance(first, tuple) and isinstance(first[0], str) and first[0].startswith("[")
                and isinstance(last, tuple) and isinstance(last[0], str) and last[0].endswith("]")):
            return None
        runs[0] = (first[0][1:], first[1])
        runs[-1] = (runs[-1][0][:-1], runs[-1][1])  # the first and the last may be one run
        return ast.Bracket(NOWHERE, (built(runs),))


def _note_parenthesis(sup: ET.Element, before: ET.Element | None, after: ET.Element | None) -> bool:
    """A ``<sup>(</sup>`` right before a note or a ``<sup>)</sup>`` right after one:
    the Arabic publisher's footnote indicator, "(1)", around the note's number
    (A/RES/78/265, Arabic: 10 of 10 notes; about 3,100 in the session's Arabic files)."""
    words = "".join(sup.itertext()).strip()
    if len(sup) or words not in ("(", ")"):
        return False
    if words == "(":
        return not (sup.tail or "").strip() and after is not None and local_name(after.tag) == "authorialNote"
    return before is not None and local_name(before.tag) == "authorialNote" and not (before.tail or "").strip()


def _without_number_placeholder(body: tuple[ast.Inline, ...]) -> tuple[ast.Inline, ...]:
    """A note's words without the "()" its Arabic files open it with, where the
    publisher prints the note's number in parentheses ("\t()\tالمرجع نفسه.")."""
    if body and isinstance(body[0], ast.Text) and body[0].value.lstrip().startswith("()"):
        rest = body[0].value.lstrip()[2:].lstrip()
        return ((replace(body[0], value=rest),) if rest else ()) + body[1:]
    return body


def _named(element: ET.Element, name: str) -> bool:
    return local_name(element.tag) == "inline" and element.get("name") == name


def _is_comment(element: ET.Element) -> bool:
    return element.get("class") == COMMENT_CLASS


def _is_substitution(element: ET.Element) -> bool:
    return element.get("class") == SUBSTITUTION_CLASS


def _followed(first: ET.Element, second: ET.Element | None, tag: str, test) -> bool:
    """``first`` right followed by ``second``, a ``tag`` that passes ``test``: the
    pairs wsisc writes for one construct, a substitution's del and ins, a
    comment's anchor and its noteRef."""
    return second is not None and not first.tail and local_name(second.tag) == tag and test(second)


def _is_label(name: str) -> bool:
    return LABEL_NAME.fullmatch(name) is not None


def _item_number(written: str) -> re.Match | None:
    """A heading's item number ("I.", "Action 13.", "Action #."), when that is all ``written`` is."""
    item = heading_number(written)
    return item if item is not None and item.end() == len(written) else None


def _originating_document(proponent: ET.Element) -> ET.Element | None:
    return next((e for e in proponent.iter(AKN + "inline") if e.get("name") == "originating document"), None)


def _origin_line(proponent: ET.Element) -> bool:
    """"[on the report of the Third Committee (A/78/481/Add.2, ...)]": how an adopted
    resolution reached the plenary, not a draft's sponsor."""
    return bool(proponent.get("refersTo")) or _originating_document(proponent) is not None


def _settings(document: ET.Element) -> dict[str, str]:
    """The front matter's keys that wsisc's export keeps in meta/proprietary/wsisc:settings."""
    settings = document.find(f"{AKN}meta/{AKN}proprietary/{WSISC}{SETTINGS}")
    return dict(settings.attrib) if settings is not None else {}


def _formula(body: Part, formula: str | None, settings: dict[str, str]) -> None:
    """`formula:` where the document's formula is not its type's own ("The General
    Assembly," for a resolution, without the comma when no preamble follows), or
    where wsisc's export says it has none."""
    language = str(body.front.get("language", _DEFAULT.language))
    front = ast.FrontMatter(organ=str(body.front.get("organ", ORGAN[language])), language=language,
                            document_type=body.front.get("document_type", _DEFAULT.document_type))
    own = enacting_formula(ast.Document("", front, tuple(body.blocks)))
    if settings.get("formula") == "":  # none at all, as wsisc's export says (a UN file may just lack it)
        body.front["formula"] = ""
    elif formula is not None and formula != own:
        body.front["formula"] = formula


def _text_paragraphs(content: tuple[ast.Inline, ...]) -> list[ast.Block]:
    return [ast.Paragraph(NOWHERE, "text", None, None, content)] if content else []


def _plain(element: ET.Element) -> str:
    """An element's words as one line, without the words of its notes."""
    return _SPACES.sub(" ", "".join(_words(element))).strip(" ")


def _words(element: ET.Element) -> Iterable[str]:
    if element.text:
        yield element.text
    for child in element:
        if local_name(child.tag) != "authorialNote":
            yield from _words(child)
        if child.tail:
            yield child.tail


def _date(element: ET.Element) -> datetime.date | str:
    try:
        return datetime.date.fromisoformat(element.get("date") or "")
    except ValueError:
        return _plain(element)


def _language(document: ET.Element) -> str:
    """The file's language, from its FRBRlanguage ("fra" -> fr); English when it names
    none of the six."""
    element = document.find(f"{AKN}meta/{AKN}identification/{AKN}FRBRExpression/{AKN}FRBRlanguage")
    code = element.get("language") if element is not None else None
    return next((language for language, akn in AKN_CODES.items() if akn == code), _DEFAULT.language)


def _committee(proponent: ET.Element, language: str = "en") -> str:
    """"[on the report of the Third Committee (A/78/481/Add.2, para. 139)]" -> "Third Committee":
    the words before the document, when it is marked, whatever brackets it holds; in the
    file's language, as its line words it ("Troisième Commission", "Третьего комитета",
    "اللجنة الثالثة", "第三委员会"), so that the masthead prints the same line."""
    before = _SPACES.sub(" ", proponent.text or "") if _originating_document(proponent) is not None else ""
    if language != "en" and language in REPORT:
        opening, middle = REPORT[language]
        words = before.strip()
        if words.startswith(opening.strip()) and words.endswith("("):
            words = words.removeprefix(opening.strip()).removesuffix("(").strip()
            words = words.removesuffix(middle.removesuffix("(").strip()).removesuffix(
                middle.removesuffix("(").strip() + "通过").strip()
            if language == "zh":
                words = words.removesuffix("的报告通过").removesuffix("的报告").strip()
            if words:
                return words.removeprefix("la ") if language in ("fr", "es") else words
    words = re.fullmatch(r" ?\[?on the report of the (.+?) \( ?", before) or \
        re.fullmatch(r"\[?on the report of the (.+?) \((?:[^()]|\([^()]*\))*\)\]?", _plain(proponent))
    if words is not None:
        return words.group(1)
    # Another language: the committee's English name from the element's reference ("#thirdCommittee").
    name = (proponent.get("refersTo") or "").lstrip("#")
    if name == "fourthCommittee":
        return "Special Political and Decolonization Committee (Fourth Committee)"
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).title() or _plain(proponent)


def _without(content: tuple[ast.Inline, ...], opening: re.Match) -> tuple[ast.Inline, ...]:
    """Content without the number or label its first text opens with."""
    rest = content[0].value[opening.end():]
    return ((ast.Text(NOWHERE, rest),) if rest else ()) + content[1:]


def _with_sub(owner: ast.Paragraph, label: str, content: tuple[ast.Inline, ...]) -> ast.Paragraph | None:
    """The paragraph with one more sub-paragraph labelled `label`: the next letter of its
    list, or the next Roman numeral under its last letter ((t), then (i)); None if neither."""
    subs = owner.subparagraphs
    read = numbering.read_sub_label(f"({label})")
    if read is not None and read[0] == 1 and read[1] == len(subs) + 1:  # "(أ أ)" is (aa)
        sub = ast.SubParagraph(NOWHERE, ast.SubMarker(NOWHERE, sub_label(1, read[1]), None), 1, None, content)
        return replace(owner, subparagraphs=subs + (sub,))
    if subs and from_roman(label) == len(subs[-1].children) + 1:
        child = ast.SubParagraph(NOWHERE, ast.SubMarker(NOWHERE, f"({label})", None), 2, None, content)
        return replace(owner, subparagraphs=subs[:-1] + (replace(subs[-1], children=subs[-1].children + (child,)),))
    return None


def _continues_letters(last: ast.SubParagraph, sublist: ET.Element, following: str | None) -> bool:
    """78/181: (h), a sublist holding (i) alone, then (j) (`following`, the next point's
    label): the sublist is a letter of its own list."""
    points = [p for p in sublist if local_name(p.tag) == "point"]
    labels = [_plain(n) for p in points if (n := p.find(AKN + "num")) is not None]
    if len(labels) != 1 or following is None:
        return False
    numbers = [from_alpha_label(label.strip("()")) for label in (last.marker.written, labels[0], following)]
    return None not in numbers and numbers[1] == numbers[0] + 1 and numbers[2] == numbers[1] + 1


def _heading_text(block: ast.Block) -> str | None:
    """A heading's words, when it has no footnote (a title in the front matter could not keep one)."""
    if isinstance(block, ast.Heading) and not any(isinstance(n, ast.Footnote) for n in block.content):
        return walk.plain_text(block.content)
    return None


def _numeral(label: re.Match) -> str | None:
    return label.group(2) or label.group(3) or label.group(4)


def _label_text(block: ast.Block) -> str | None:
    """What could be an annex's label: a heading's words, or those of a paragraph of
    bold words alone ("**Anexo I**" in the Spanish 78/128)."""
    if isinstance(block, ast.Paragraph) and block.part == "text" and not block.subparagraphs:
        block = ast.Heading(block.span, 1, block.content)
    return _heading_text(block)


def _annex_type(numbered: list[ast.Paragraph]) -> str | None:
    """An annex's document type, from how its numbered paragraphs read: "...;"
    with a last "." is a declaration (78/3), "We ... ." sentences an outcome
    document (78/1); None for anything else."""
    texts = [walk.plain_text(p.content).strip() for p in numbered]
    if texts and sum(t.endswith(";") for t in texts) > len(texts) // 2:
        return "declaration"
    if texts and sum(t.startswith("We ") for t in texts) > len(texts) // 2:
        return "outcome"
    return None


# ------------------------------------------------------------------ writing


import_akn = read  # the name the AKN tests and tools know it by
