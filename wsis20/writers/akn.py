"""Document -> Akoma Ntoso 3.0 XML (OASIS LegalDocML), shaped as the United
Nations' own AKN4UN files of adopted resolutions: ``coverPage``, ``preface``,
``preamble``, ``mainBody``, ``conclusions``, ``attachments``. docs/akn.md maps
each construct to its element and says which shapes the UN's files confirm and
which are chosen.

The tree is built with the standard library's ElementTree: every piece of text
and every attribute value is set as data and escaped on serialisation, and the
few characters XML 1.0 cannot carry at all are replaced, so no draft can break
the file or add an element of its own. Nothing is read and no clock is looked
at: the same source (and SOURCE_DATE_EPOCH) gives the same bytes.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from .. import ast
from ..akn_names import (AKN4UN_NAMESPACE, AKN_NAMESPACE, ALTERNATIVE, ANNEX_LABEL, AUTHOR_PREFIX, BRACKET,
                         COMMENT_ANCHOR, COMMENT_CLASS, LABEL, LEVEL, MARKER, NUMBER, ORIGINAL, PROPOSAL_CONCEPTS,
                         SETTINGS, STATUS_CONCEPTS, SUBSTITUTION_CLASS, WSISC_NAMESPACE)
from ..languages import AKN_CODES, views
from ..walk import plain_text
from . import (DEFAULT_EPOCH, STATUS_WORDS, adoption_line, as_date, build_date, change_phrase, closing_date,
               comment_label, enacting_formula, format_date, heading_number, issue_date, origin_parts,
               paragraph_number, proposer, sub_number, xml_safe)
from ..languages import masthead as language_words
from .masthead import masthead
from .source import marker_text

# Characters XML 1.0 cannot carry, even escaped (the source refuses control
# characters already; U+FFFE and U+FFFF get through UTF-8).

# Elements that hold only other elements: indented, one child a line. Text
# elements (p, num, heading, inline ones) are never touched, so no white
# space is added to the words.
_STRUCTURAL = frozenset({
    "akomaNtoso", "statement", "meta", "identification", "FRBRWork", "FRBRExpression", "FRBRManifestation",
    "references", "notes", "note", "proprietary", "presentation", "akn4un:footerFirstPage",
    "akn4un:footerFirstPageLeft", "akn4un:internalCode", "coverPage", "preface", "preamble", "formula", "container", "mainBody", "paragraph",
    "content", "list", "intro", "point", "sublist", "wrapUp", "blockList", "item", "ul", "table", "tr", "th", "td",
    "conclusions", "attachments", "attachment", "doc",
})

# The UN's files: /akn/un/statement/deliberation/unga/... in every language (A/RES/78/265, fra@, ara@).
_WORK_ACTORS = {organ: "unga" for organ in language_words.ORGAN.values()}
_NUMBERED_COMMITTEE = re.compile(r"\b(First|Second|Third|Fourth|Fifth|Sixth) Committee\b")
# The meeting's number as the UN's location title gives it: "50th", "63e", "63a", "63-е"
# (the text's non-breaking hyphen a hyphen there), "第63次"; an Arabic meeting's number alone.
_ORDINAL_PREFIX = re.compile(r"\d+(?:st|nd|rd|th)\b|\d+(?:re|e|a)(?=\s)|\d+[-\u2011]е|第\d+次"
                             r"|(?<=الجلسة العامة )\d+")
_FORMULA_PUNCTUATION = re.compile(r"(.*?)([,:;.،，]?)\Z", re.DOTALL)

# The ontology the attributes refersTo, source, href and as point to, declared
# in meta/references when used: eId -> (element, href, showAs). The ids are the
# UN's own where its files have them.
_ONTOLOGY = {
    "wsisc": ("TLCObject", "/akn/ontology/object/wsisc", "wsisc"),
    "author": ("TLCRole", "/akn/ontology/role/un/author", "Author"),
    "issuer": ("TLCRole", "/akn/ontology/role/un/issuer", "Issuer"),
    "editor": ("TLCRole", "/akn/ontology/role/un/editor", "Editor"),
    "publisher": ("TLCRole", "/akn/ontology/role/un/publisher", "Publisher"),
    "issuingBody": ("TLCRole", "/akn/ontology/role/un/issuingBody", "Issuing body"),
    "symbol": ("TLCConcept", "/akn/ontology/reference/un/symbol", "Symbol"),
    "dateOfIssuance": ("TLCConcept", "/akn/ontology/concept/un/dateOfIssuance", "Date of issuance"),
    "resolutionTitle": ("TLCTerm", "/akn/ontology/reference/un/resolutionTitle", "Resolution title"),
    "noMainCommittee": ("TLCTerm", "/akn/ontology/concept/un/noMainCommittee",
                        "Without reference to a main committee"),
    "adoption": ("TLCEvent", "/akn/ontology/event/un/adoption", "Adoption"),
    "adoptionMeeting": ("TLCConcept", "/akn/ontology/concept/un/adoptionMeeting", "Adoption meeting"),
    "adoptionDate": ("TLCConcept", "/akn/ontology/concept/un/dateOfAdoption", "Date of adoption"),
    "publicationJobNumber": ("TLCConcept", "/akn/ontology/concept/un/publicationJobNumber", "Job number"),
    PROPOSAL_CONCEPTS["new"]: ("TLCConcept", "/akn/ontology/concept/wsisc/proposedNew", "New paragraph proposed"),
    PROPOSAL_CONCEPTS["delete"]: ("TLCConcept", "/akn/ontology/concept/wsisc/proposedDeletion", "Deletion proposed"),
}


def write(document: ast.Document, view: str = "negotiation", options=None) -> bytes:
    """The file, for a document the pipeline has arranged for ``view`` already."""
    root = _Writer(document).akoma_ntoso()
    _indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def akn_eid(html_id: str) -> str:
    """The AKN eId of the element the HTML output gives ``html_id``: the same
    name with the list a point belongs to spelt out (``para_12__point_a`` ->
    ``para_12__list_1__point_a``), and a preambular paragraph named by its
    element (``pp_C`` -> ``container_C``, its points ``item_a``). Annex ids
    keep their ``att_N__`` prefix."""
    out: list[str] = []
    preamble = False
    for part in html_id.split("__"):
        if part.startswith("pp_"):
            preamble = True
            out.append("container_" + part[3:])
        elif part.startswith("point_"):
            out += ["list_1", ("item_" if preamble else "point_") + part[6:]]
        else:
            out.append(part)
    return "__".join(out)


# ------------------------------------------------------------- the tree

def _eid(html_id: str | None) -> str | None:
    return akn_eid(html_id) if html_id else None


def _add(parent: ET.Element, tag: str, attributes: dict[str, str | None] | None = None,
         text: str | None = None) -> ET.Element:
    """A child element; attributes whose value is None are left out."""
    element = ET.SubElement(parent, tag, {name: xml_safe(value) for name, value in (attributes or {}).items()
                                          if value is not None})
    if text:
        element.text = xml_safe(text)
    return element


def _text(parent: ET.Element, text: str) -> None:
    """Words appended to mixed content: after the last child, or as the element's own text."""
    text = xml_safe(text)
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _indent(element: ET.Element, level: int = 0) -> None:
    if element.tag not in _STRUCTURAL or not len(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def _iso(value: datetime.date | str | None) -> str | None:
    date = as_date(value)
    return date.isoformat() if date else None


def _work_name(value: str) -> str:
    """A symbol or resolution number as one component of a FRBR IRI: 78/212 -> 78-212, 78/183 A -> 78-183A."""
    return re.sub(r"[^\w.\-]", "", value.replace("/", "-"), flags=re.ASCII) or "document"


def _camel(words: str) -> str:
    """"Human Rights Council" -> "humanRightsCouncil", for ontology ids."""
    parts = re.findall(r"[A-Za-z0-9]+", words)
    return (parts[0].lower() + "".join(p[:1].upper() + p[1:] for p in parts[1:])) if parts else ""


def _opening_words(nodes: tuple[ast.Inline, ...]) -> str | None:
    """The italic words a preambular paragraph opens with ("Recalling also"),
    which the UN's files give as its container's name; as if its changes were
    accepted."""
    for node in nodes:
        match node:
            case ast.Text() if not node.value.strip():
                continue
            case ast.Emphasis() if node.style == "italic":
                return " ".join(plain_text(node.children).split()) or None
            case ast.Emphasis():
                return _opening_words(node.children)
            case ast.Change():
                return _opening_words(node.new if node.kind != "delete" else node.old)
            case ast.Comment() if node.anchor:
                return _opening_words(node.anchor)
            case _:
                return None
    return None


def _is_adopted(front: ast.FrontMatter) -> bool:
    return (front.stage or "").strip().lower() == "adopted"


@dataclass
class _Part:
    """One AKN document being written (the resolution, or an annex's doc):
    its own settings, and the comments met in it, for its meta/notes."""

    front: ast.FrontMatter  # the file's, or the annex's own (its preamble numbering)
    prefix: str = ""  # "att_1__" inside annex 1
    notes: list[ET.Element] = field(default_factory=list)
    # Its front matter's keys that no AKN element holds, for meta/proprietary (docs/akn.md, "Settings").
    settings: dict[str, str | None] = field(default_factory=dict)


class _Writer:
    def __init__(self, document: ast.Document):
        self.document = document
        self.front = document.front
        self.adopted = _is_adopted(self.front)
        self.annexes = document.annexes
        self.used: dict[str, tuple[str, str, str]] = {}  # ontology ids referred to, in order of use
        self.namespaces: set[str] = set()
        self.footnotes = 0  # for notes the footnote pass did not number
        self.comments = 0

    # ------------------------------------------------------------ the file

    def akoma_ntoso(self) -> ET.Element:
        front = self.front
        root = ET.Element("akomaNtoso", {"xmlns": AKN_NAMESPACE})
        statement = _add(root, "statement", {"name": front.document_type})
        part = _Part(front, settings={
            "preamble_numbering": front.preamble_numbering if front.preamble_numbering != "none" else None,
            "formula": "" if front.formula == "" else None})
        meta = self._meta(statement, "")
        self._cover_page(statement)
        self._preface(statement)
        self._declare_authors()
        self._content(statement, self.document.blocks, part, enacting_formula(self.document))
        self._conclusions(statement)
        if self.annexes:
            attachments = _add(statement, "attachments")
            for number, annex in enumerate(self.annexes, 1):
                self._annex(attachments, number, annex)
        self._presentation(meta)
        self._finish_meta(meta, part, references=True)
        if "akn4un" in self.namespaces:
            root.set("xmlns:akn4un", AKN4UN_NAMESPACE)
        if "wsisc" in self.namespaces:
            root.set("xmlns:wsisc", WSISC_NAMESPACE)
        return root

    def refer(self, eid: str, entry: tuple[str, str, str] | None = None) -> str:
        """``#eid``, declared in meta/references."""
        if eid not in self.used:
            self.used[eid] = entry or _ONTOLOGY[eid]
        return "#" + eid

    def _wsisc(self, **values: str | None) -> dict[str, str]:
        """wsisc's own attributes, those that are not None (the namespace is
        declared once one is written)."""
        found = {f"wsisc:{name}": value for name, value in values.items() if value is not None}
        if found:
            self.namespaces.add("wsisc")
        return found

    def _label(self, label: ast.Label | str | None) -> dict[str, str]:
        name = label.name if isinstance(label, ast.Label) else label
        return self._wsisc(**{LABEL: name or None})

    # ------------------------------------------------------------ meta

    def _work_iri(self) -> tuple[str, str, str]:
        """The Work's IRI and its date, as the UN builds them (memo 1.2):
        /akn/un/statement/deliberation/unga/{adoption date}/{78-212}/; a draft
        is named by its symbol (or its file) on the day of its date."""
        front = self.front
        actor = _WORK_ACTORS.get(front.organ) or _camel(front.organ).lower() or "un"
        resolution = front.resolution
        adopted = _iso(front.adopted)
        if self.adopted and adopted:
            day, name, date_name = adopted, str(resolution or front.symbol or ""), "adoption"
        else:
            day, name, date_name = self._expression_date(), front.symbol or "", "submission"
        if not name:
            name = PurePath(self.document.path).stem
        return f"/akn/un/statement/deliberation/{actor}/{day}/{_work_name(name)}/", day, date_name

    def _expression_date(self) -> str:
        # A draft without a date is named on the fixed day, not SOURCE_DATE_EPOCH's:
        # that is the day of a build, and a document's identity is not the build's.
        fixed = datetime.datetime.fromtimestamp(DEFAULT_EPOCH, datetime.timezone.utc).date()
        return _iso(self.front.date) or fixed.isoformat()

    def _head_words(self, kind: str, words: str) -> str:
        """An annex's opening line: "[Original: anglais]" in the draft's language, or its label."""
        return f"[{language_words.original_line(self.front.language, words)}]" if kind == "original" else words

    def _meta(self, parent: ET.Element, component: str) -> ET.Element:
        """meta/identification: the FRBR Work, Expression and Manifestation,
        for the resolution (``component`` "") or an annex ("annex", "annex_2")."""
        uri, work_date, work_date_name = self._work_iri()
        this = f"!main/{component}" if component else "!main/"
        meta = _add(parent, "meta")
        identification = _add(meta, "identification", {"source": self.refer("wsisc")})
        work = _add(identification, "FRBRWork")
        _add(work, "FRBRthis", {"value": uri + this})
        _add(work, "FRBRuri", {"value": uri})
        _add(work, "FRBRdate", {"date": work_date, "name": work_date_name})
        organ = self._organ()
        _add(work, "FRBRauthor", {"href": organ, "as": self.refer("author")})
        _add(work, "FRBRcountry", {"value": "un"})
        expression = _add(identification, "FRBRExpression")
        language = AKN_CODES.get(self.front.language, "eng")  # "fra" in A_RES_78_265-2405969F.xml
        _add(expression, "FRBRthis", {"value": f"{uri}{language}@{this}"})
        _add(expression, "FRBRuri", {"value": f"{uri}{language}@/"})
        _add(expression, "FRBRdate", {"date": self._expression_date(), "name": "publication"})
        _add(expression, "FRBRauthor", {"href": organ, "as": self.refer("issuer")})
        _add(expression, "FRBRlanguage", {"language": language})
        manifestation = _add(identification, "FRBRManifestation")
        file = f"!main/{component}.xml" if component else "!main.xml"
        _add(manifestation, "FRBRthis", {"value": f"{uri}{language}@/{file}"})
        _add(manifestation, "FRBRuri", {"value": f"{uri}{language}@.xml"})
        _add(manifestation, "FRBRdate", {"date": build_date(self.front.date).isoformat(), "name": "markup"})
        _add(manifestation, "FRBRauthor", {"href": self.refer("wsisc"), "as": self.refer("editor")})
        return meta

    def _organ(self) -> str:
        organ = self.front.organ
        return self.refer("ga" if organ in language_words.ORGAN.values() else "organ",
                          ("TLCOrganization", f"/akn/ontology/organization/un/{_camel(organ)}", organ))

    def _declare_authors(self) -> None:
        """Every delegation the front matter declares, in its order, so that a
        reader of the file knows them all; others are declared where used."""
        for initials, _ in self.front.authors:
            self._author(initials)

    def _author(self, initials: str) -> str:
        return self.refer(AUTHOR_PREFIX + initials, ("TLCOrganization", f"/akn/ontology/organization/wsisc/{initials}",
                                                 proposer(self.front, initials)))

    def _presentation(self, meta: ET.Element) -> None:
        """The job number, where the UN's files keep it (akn4un:footerFirstPage)."""
        if not self.front.job_number:
            return
        self.namespaces.add("akn4un")
        presentation = _add(meta, "presentation", {"source": self.refer("wsisc")})
        left = _add(_add(presentation, "akn4un:footerFirstPage"), "akn4un:footerFirstPageLeft")
        _add(_add(left, "akn4un:internalCode"), "docketNumber", {"refersTo": self.refer("publicationJobNumber")},
             self.front.job_number)

    def _finish_meta(self, meta: ET.Element, part: _Part, references: bool) -> None:
        """references and notes, in the schema's order (before presentation),
        once the text has said what it refers to."""
        at = 1
        if references:
            block = ET.Element("references", {"source": self.refer("wsisc")})
            for eid, (kind, href, show) in self.used.items():
                _add(block, kind, {"eId": eid, "href": href, "showAs": show})
            meta.insert(at, block)
            at += 1
        if part.notes:
            notes = ET.Element("notes", {"source": self.refer("wsisc")})
            notes.extend(part.notes)
            meta.insert(at, notes)
            at += 1
        settings = {key: xml_safe(value) for key, value in part.settings.items() if value is not None}
        if settings:
            self.namespaces.add("wsisc")
            proprietary = ET.Element("proprietary", {"source": self.refer("wsisc")})
            ET.SubElement(proprietary, f"wsisc:{SETTINGS}", settings)
            meta.insert(at, proprietary)

    # ------------------------------------------------------------ masthead

    def _cover_page(self, parent: ET.Element) -> None:
        """The masthead, line by line, as the UN's coverPage gives it (memo 1.3);
        a draft's own lines (Original, committee, sponsor, stage) where an
        adopted resolution has its adoption and report lines."""
        front = self.front
        head = masthead(front)  # which lines there are, as the printed page has them
        cover = _add(parent, "coverPage")
        line = _add(cover, "p")
        publisher = self.refer("publisher")
        _add(_add(line, "span", {"refersTo": publisher, "class": "upperLeft"}), "docAuthority",
             {"refersTo": publisher}, head.organisation)
        if front.symbol:
            _add(_add(cover, "p", {"class": "upperRight"}), "docNumber", {"refersTo": self.refer("symbol")},
                 front.symbol)
        _add(_add(cover, "p", {"class": "upperLeft"}), "docAuthority",
             {"refersTo": self.refer("issuingBody"), "class": "rightBig"}, front.organ)
        if head.distribution:
            status = _camel(head.distribution) + "Distribution"
            _add(_add(cover, "p"), "docStatus", {
                "refersTo": self.refer(status, ("TLCConcept", f"/akn/ontology/concept/un/{status}",
                                                f"{head.distribution} distribution")),
                "class": "rightSmall"}, language_words.distribution_line(front.language, head.distribution))
        if front.date:
            self._date(_add(cover, "p"), front.date, {"class": "rightSmall", "refersTo": self.refer("dateOfIssuance")},
                       issue_date(front))
        if head.original:
            _add(_add(cover, "p"), "inline", {"name": ORIGINAL, "class": "rightSmall"},
                 language_words.original_line(front.language, head.original))
        if front.session is not None:
            _add(_add(cover, "p"), "session", {"refersTo": self._organ(),
                                               "value": str(front.session) if isinstance(front.session, int)
                                               else None}, language_words.session_line(front.language, front.session))
        if head.committee:
            _add(_add(cover, "p"), "docCommittee", {"refersTo": self._committee()}, head.committee)
        if front.agenda:
            words = language_words.agenda_line(front.language, front.agenda)
            items = language_words.agenda_items(front.language, front.agenda)
            _add(_add(cover, "p"), "inline", {"title": items, "name": "agenda item"}, words)
        agenda_title = front.agenda_title
        for title in (agenda_title,) if isinstance(agenda_title, str) else agenda_title or ():
            _add(_add(cover, "p"), "inline", {"name": "agenda item name"}, str(title))
        if self.adopted:
            self._adoption_lines(cover)
        else:
            if head.sponsor:
                _add(_add(cover, "p"), "docProponent", {}, head.sponsor)
            if head.stage:
                _add(_add(cover, "p"), "docStage", {}, head.stage)
        if front.short_title:
            _add(_add(cover, "p"), "shortTitle", {}, front.short_title)

    def _adoption_lines(self, cover: ET.Element) -> None:
        """The line of the adoption and the bracketed line of how it came to the
        plenary, worded as the printed masthead words them (writers/__init__)."""
        line = adoption_line(self.front)
        if line:
            _add(_add(cover, "p"), "docTitle", {}, line)
        parts = origin_parts(self.front)
        if parts is None:
            return
        before, document, after = parts
        refers = self.refer("noMainCommittee") if self.front.without_reference else self._committee()
        proponent = _add(_add(cover, "p"), "docProponent", {"refersTo": refers}, before)
        _add(proponent, "inline", {"name": "originating document"}, str(document))
        _text(proponent, after)

    def _committee(self) -> str:
        committee = self.front.committee or "Main Committee"
        numbered = _NUMBERED_COMMITTEE.search(committee)
        eid = (numbered[1].lower() + "Committee") if numbered else "committee"
        return self.refer(eid, ("TLCOrganization", f"/akn/ontology/organization/un/{_camel(committee)}", committee))

    def _date(self, parent: ET.Element, value: datetime.date | str, attributes: dict[str, str | None],
              words: str | None = None) -> None:
        """A docDate, or the words alone when they are not a date the schema can carry."""
        iso = _iso(value)
        if iso:
            _add(parent, "docDate", {"date": iso, **attributes}, words or format_date(value))
        else:
            _add(parent, "inline", {"name": "date", "class": attributes.get("class")}, str(value))

    def _preface(self, parent: ET.Element) -> None:
        """"78/212." and the bold title, or a draft's bold title alone."""
        front = self.front
        resolution = front.resolution if self.adopted else None
        if not (resolution or front.title):
            return
        line = _add(_add(parent, "preface"), "p")
        if resolution:
            _add(line, "docNumber", {}, language_words.resolution_number(front.language, resolution))
        if front.title:
            # The tab after the number is the UN's hanging indent (memo 1.4).
            _add(_add(line, "docTitle", {"refersTo": self.refer("resolutionTitle")}), "span", {"class": "bold"},
                 ("\t" if resolution else "") + front.title)

    def _conclusions(self, parent: ET.Element) -> None:
        """"50th plenary meeting / 19 December 2023" after the last operative paragraph."""
        meeting, adopted = self.front.meeting, self.front.adopted
        if not self.adopted or not (meeting or adopted):
            return
        event = _add(_add(_add(parent, "conclusions", {"eId": "conclusions"}), "p"), "event",
                     {"refersTo": self.refer("adoption")})
        if meeting is not None:
            words = str(meeting).strip()  # the front matter made a bare 50 "50th plenary meeting"
            title = _ORDINAL_PREFIX.search(words)
            _add(event, "location", {"title": title[0].replace("\u2011", "-") if title else None,
                                     "refersTo": self.refer("adoptionMeeting")}, words)
        if meeting is not None and adopted:
            _add(event, "eol")
        if adopted:
            self._date(event, adopted, {"refersTo": self.refer("adoptionDate")},
                       closing_date(adopted, self.front.language))

    # ------------------------------------------------------------ annexes

    def _annex(self, attachments: ET.Element, number: int, annex) -> None:
        """An annex: ``attachment eId="att_N"`` holding its own ``doc name="annex"``
        with its own meta. Its label, "[Original: ...]" and title open its
        mainBody as H1 paragraphs (the 78/3 shape), or its preface when a
        preamble is to come before the mainBody."""
        front = annex.front
        attachment = _add(attachments, "attachment", {"eId": f"att_{number}",
                                                      **self._label(front.name)})
        doc = _add(attachment, "doc", {"name": "annex"})
        # Its label as written ("" for the default, "Annex I"), and the settings
        # it does not take from the file's front matter, as an annex block says them.
        part = _Part(front, f"att_{number}__", settings={
            "annex": front.annex or "",
            **{key: getattr(front, key) for key in ("document_type", "preamble_numbering")
               if getattr(front, key) != getattr(self.front, key)},
            "formula": "" if front.formula == "" else None})
        meta = self._meta(doc, "annex" if len(self.annexes) == 1 else f"annex_{number}")
        heads = [(kind, words) for kind, words in (("label", annex.label), ("original", front.original),
                                                   ("title", front.title)) if words]
        # An annex has no enacting formula unless its own front matter gives one.
        formula = front.formula or None
        if heads and (formula or _split_preamble(annex.blocks)[0]):
            preface = _add(doc, "preface")
            for kind, words in heads:
                line = _add(preface, "p", {"class": "H1"})
                if kind == "title":
                    _add(line, "docTitle", {}, words)
                else:
                    _add(line, "inline", {"name": _HEAD_NAMES[kind]}, self._head_words(kind, words))
            heads = []
        self._content(doc, annex.blocks, part, formula, heads)
        self._finish_meta(meta, part, references=False)

    # ------------------------------------------------------------ content

    def _content(self, parent: ET.Element, blocks: tuple[ast.Block, ...], part: _Part,
                 formula: str | None, heads: list[tuple[str, str]] = ()) -> None:
        """preamble (the formula, preambular paragraphs, the text between them)
        and mainBody (the rest) of one document."""
        preamble_blocks, body_blocks = _split_preamble(blocks)
        if formula or preamble_blocks:
            preamble = _add(parent, "preamble")
            if formula:
                words, punctuation = _FORMULA_PUNCTUATION.match(formula).groups()
                line = _add(_add(preamble, "formula", {"name": "enactingFormula", "eId": part.prefix + "formula_1"}),
                            "p")
                _add(line, "span", {"class": language_words.FORMULA_STYLE.get(self.front.language, "italic")}, words)
                if punctuation:
                    _text(line, punctuation)
            for block in preamble_blocks:
                self._block(preamble, block, part, in_preamble=True)
        body = _add(parent, "mainBody")
        for kind, words in heads:
            paragraph = _add(body, "paragraph", {"class": "H1"})
            if kind == "original":
                _add(_add(_add(paragraph, "content"), "p"), "inline", {"name": ORIGINAL}, self._head_words(kind, words))
            else:
                _add(paragraph, "heading", {}, words)
        for block in body_blocks:
            self._block(body, block, part, in_preamble=False)
        if not len(body):  # the schema wants something: a document of preamble alone
            _add(body, "p")

    def _block(self, parent: ET.Element, block: ast.Block, part: _Part, in_preamble: bool) -> None:
        match block:
            case ast.Heading():
                self._heading(parent, block, part, in_preamble)
            case ast.Table():
                self._table(parent, block, part)
            case ast.Paragraph() if block.part == "preamble":
                self._container(parent, block, part)
            case ast.Paragraph() if in_preamble:  # unnumbered text among preambular paragraphs
                self._inlines(_add(parent, "p", self._marks(block, part)), block.content, part)
                self._block_list(parent, block.subparagraphs, None, part)
                self._proposed(parent, block, part)
            case ast.Paragraph():
                self._paragraph(parent, block, part)

    def _marks(self, paragraph: ast.Paragraph, part: _Part, printed: str = "") -> dict[str, str | None]:
        """A paragraph's label, its marker where the number ``printed`` does not
        give it back, its status and whole-paragraph proposal: the label and
        marker in wsisc's attributes, the rest as concepts its refersTo names."""
        refers = []
        if paragraph.status in STATUS_CONCEPTS:
            concept = STATUS_CONCEPTS[paragraph.status]
            refers.append(self.refer(concept, ("TLCConcept", f"/akn/ontology/concept/wsisc/{concept}",
                                               STATUS_WORDS[paragraph.status])))
        if paragraph.proposal is not None:
            refers.append(self.refer(PROPOSAL_CONCEPTS[paragraph.proposal.kind]))
            refers.append(self._author(paragraph.proposal.author))
        return {**self._label(paragraph.label), **self._marker(paragraph, part, printed),
                "refersTo": " ".join(refers) or None}

    def _marker(self, paragraph: ast.Paragraph, part: _Part, printed: str) -> dict[str, str]:
        """``wsisc:marker``, the marker as written, where the number printed
        does not give it back: an automatic marker (``#+.`` printed 5bis.), or a
        preambular number the preamble does not show. A container without it
        and without a number is ``PP#.``, as an imported resolution's are."""
        marker = paragraph.marker
        if marker is None or (marker.kind == "explicit" and printed) or \
                (paragraph.part == "preamble" and marker.kind == "next" and not printed):
            return {}
        return self._wsisc(**{MARKER: marker_text(paragraph, part.front)})

    def _sub_marks(self, sub: ast.SubParagraph) -> dict[str, str]:
        """A sub-paragraph's label, and its marker as written where it is not
        the label printed (``(#)`` printed (c))."""
        written = sub.marker.written
        return {**self._label(sub.label),
                **self._wsisc(**{MARKER: None if written == (sub.num or written) else written})}

    def _paragraph(self, parent: ET.Element, paragraph: ast.Paragraph, part: _Part) -> None:
        """``paragraph`` with ``num`` and ``content``, or with a ``list`` of its
        sub-paragraphs after its words as the list's ``intro`` (memo 1.6)."""
        eid = _eid(paragraph.eid)
        number = paragraph_number(paragraph, part.front.preamble_numbering, self.front.language)
        element = _add(parent, "paragraph", {"eId": eid, "class": "SingleTxt", **self._marks(paragraph, part, number)})
        if number:
            _add(element, "num", {}, number)
        if paragraph.subparagraphs:
            items = _add(element, "list", {"eId": eid and eid + "__list_1"})
            if paragraph.content:
                self._inlines(_add(_add(items, "intro", {"eId": eid and eid + "__list_1__intro"}), "p"),
                              paragraph.content, part)
            self._points(items, paragraph.subparagraphs, part)
            if paragraph.proposed:
                self._proposed(_add(items, "wrapUp"), paragraph, part)
        else:
            content = _add(element, "content", {"eId": eid and eid + "__content"})
            self._inlines(_add(content, "p"), paragraph.content, part)
            self._proposed(content, paragraph, part)

    def _points(self, parent: ET.Element, subs: tuple[ast.SubParagraph, ...], part: _Part) -> None:
        """Sub-paragraphs as ``point``s; a point's own sub-paragraphs as a
        ``sublist`` right after it, as the UN's files nest them (78/218)."""
        for sub in subs:
            eid = _eid(sub.eid)
            point = _add(parent, "point", {"eId": eid, **self._sub_marks(sub)})
            _add(point, "num", {}, sub_number(sub, self.front.language))
            self._inlines(_add(_add(point, "content", {"eId": eid and eid + "__content"}), "p"), sub.content, part)
            if sub.children:
                self._points(_add(parent, "sublist", {"eId": eid and eid + "__list_1"}), sub.children, part)

    def _container(self, parent: ET.Element, paragraph: ast.Paragraph, part: _Part) -> None:
        """A preambular paragraph: a ``container`` named by its opening words.
        A container has no ``num``: a number the preamble shows (C., PP3.)
        opens its text as ``inline name="num"``."""
        eid = _eid(paragraph.eid)
        name = _opening_words(paragraph.content) or "preambularParagraph"
        number = paragraph_number(paragraph, part.front.preamble_numbering, self.front.language)
        container = _add(parent, "container", {"name": name, "eId": eid, **self._marks(paragraph, part, number)})
        line = _add(container, "p")
        if number:
            _add(line, "inline", {"name": NUMBER}, number)
            _text(line, " ")
        self._inlines(line, paragraph.content, part)
        self._block_list(container, paragraph.subparagraphs, eid, part)
        self._proposed(container, paragraph, part)

    def _block_list(self, parent: ET.Element, subs: tuple[ast.SubParagraph, ...], eid: str | None,
                    part: _Part) -> None:
        """Sub-paragraphs in a preamble, where AKN has no ``list``: a
        ``blockList`` of ``item``s, nested."""
        if not subs:
            return
        block_list = _add(parent, "blockList", {"eId": eid and eid + "__list_1"})
        for sub in subs:
            item_eid = _eid(sub.eid)
            item = _add(block_list, "item", {"eId": item_eid, **self._sub_marks(sub)})
            _add(item, "num", {}, sub_number(sub, self.front.language))
            self._inlines(_add(item, "p"), sub.content, part)
            self._block_list(item, sub.children, item_eid, part)

    def _proposed(self, parent: ET.Element, paragraph: ast.Paragraph, part: _Part) -> None:
        """The compilation view's list of the proposals on a paragraph, by delegation."""
        if not paragraph.proposed:
            return
        listing = _add(parent, "ul", {"class": "proposals"})
        for change in paragraph.proposed:
            item = _add(listing, "li", {"refersTo": self._author(change.author) if change.author else None},
                        f"{proposer(self.front, change.author)}{views.words('colon', self.front.language)} ")
            for piece in change_phrase(change, self.front.language):
                if isinstance(piece, str):
                    _text(item, piece)
                else:
                    self._inlines(item, piece, part)

    def _heading(self, parent: ET.Element, heading: ast.Heading, part: _Part, in_preamble: bool) -> None:
        """Headings as the UN's files give them: flat paragraphs of class H1
        (``#``) holding a ``heading``, H23 (``##``, ``###``) a ``subheading``,
        with a number of their own (``Action 13.``) as ``num``. In a preamble,
        where AKN has no paragraphs, a ``p`` of that class."""
        eid = _eid(heading.eid)
        style = "H1" if heading.level == 1 else "H23"
        number = heading.number
        printed = heading_number(heading, self.front.language)
        # As written where the number printed does not say it ("Action #."), and `###` apart from `##`.
        written = heading.written_number if heading.written_number != number else None
        marks = self._wsisc(**{MARKER: written, LEVEL: "3" if heading.level == 3 else None})
        if in_preamble:
            line = _add(parent, "p", {"class": style, "eId": eid, **marks})
            if number:
                _add(line, "inline", {"name": NUMBER}, printed)
                _text(line, " ")
            self._inlines(line, heading.content, part)
            return
        element = _add(parent, "paragraph", {"eId": eid, "class": style, **marks})
        if number:
            _add(element, "num", {}, printed)
        self._inlines(_add(element, "heading" if heading.level == 1 else "subheading"), heading.content, part)

    def _table(self, parent: ET.Element, table: ast.Table, part: _Part) -> None:
        container = _add(parent, "container", {"name": "table"})
        _add(container, "p", {"class": "H23"}, table.caption)
        grid = _add(container, "table")
        for cells, tag in [(table.header, "th")] + [(row, "td") for row in table.rows]:
            row = _add(grid, "tr")
            for cell in cells:
                _add(_add(row, tag), "p", {}, cell)

    # ------------------------------------------------------------ inlines

    def _inlines(self, parent: ET.Element, nodes: tuple[ast.Inline, ...], part: _Part) -> None:
        for node in nodes:
            match node:
                case ast.Text():
                    _text(parent, node.value)
                case ast.Emphasis():
                    self._emphasis(parent, node, part)
                case ast.Ref():
                    words = node.target or node.label
                    if node.target_id:
                        _add(parent, "ref", {"href": "#" + akn_eid(node.target_id)}, words)
                    else:
                        _text(parent, words)
                case ast.Footnote():
                    self.footnotes += 1
                    index = node.index if node.index is not None else self.footnotes
                    note = _add(parent, "authorialNote", {"marker": str(index), "placement": "bottom",
                                                          "eId": f"authorialNote_{index}"})
                    self._inlines(_add(note, "p"), node.body, part)
                case ast.Comment():
                    self._comment(parent, node, part)
                case ast.Change():
                    attributes = {"refersTo": self._author(node.author) if node.author else None,
                                  "class": SUBSTITUTION_CLASS if node.kind == "substitute" else None}
                    if node.kind != "insert":
                        self._inlines(_add(parent, "del", attributes), node.old, part)
                    if node.kind != "delete":
                        self._inlines(_add(parent, "ins", attributes), node.new, part)
                case ast.Bracket():
                    self._bracket(parent, node, part)

    def _emphasis(self, parent: ET.Element, node: ast.Emphasis, part: _Part) -> None:
        """``span class="italic"`` or ``"bold"`` as the UN writes them, and
        ***both*** (bold around italic alone) as one ``span class="bold italic"``;
        underlining, which the UN's texts do not use, as AKN's ``u``. Other
        emphases nest as written, so that the import gives back which is inside
        which."""
        if node.style == "underline":
            self._inlines(_add(parent, "u"), node.children, part)
            return
        classes, children = node.style, node.children
        if node.style == "bold" and len(children) == 1 and isinstance(children[0], ast.Emphasis) \
                and children[0].style == "italic":
            classes, children = "bold italic", children[0].children
        self._inlines(_add(parent, "span", {"class": classes}), children, part)

    def _comment(self, parent: ET.Element, node: ast.Comment, part: _Part) -> None:
        """A comment: its marker in the text as a ``noteRef`` (the highlighted
        words before it as ``inline name="commentAnchor"``), its words an
        editorial ``note`` in meta/notes, naming its delegation."""
        if node.anchor is not None:
            self._inlines(_add(parent, "inline", {"name": COMMENT_ANCHOR}), node.anchor, part)
        self.comments += 1
        index = node.index if node.index is not None else self.comments
        label = comment_label(replace(node, index=index))
        eid = f"comment_{index}"
        _add(parent, "noteRef", {"href": "#" + eid, "marker": label, "class": COMMENT_CLASS})
        note = ET.Element("note", {"eId": eid, "marker": xml_safe(label), "class": COMMENT_CLASS})
        if node.author:
            note.set("refersTo", self._author(node.author))
        self._inlines(_add(note, "p"), node.body, part)
        part.notes.append(note)

    def _bracket(self, parent: ET.Element, node: ast.Bracket, part: _Part) -> None:
        """``[text]`` as written, in ``inline name="bracket"``; each of several
        alternatives (``[shall/should]``) in ``inline name="alternative"``."""
        bracket = _add(parent, "inline", {"name": BRACKET}, "[")
        if len(node.alternatives) == 1:
            self._inlines(bracket, node.alternatives[0], part)
        else:
            for position, alternative in enumerate(node.alternatives):
                if position:
                    _text(bracket, "/")
                self._inlines(_add(bracket, "inline", {"name": ALTERNATIVE}), alternative, part)
        _text(bracket, "]")


_HEAD_NAMES = {"label": ANNEX_LABEL, "original": ORIGINAL}




def _split_preamble(blocks: tuple[ast.Block, ...]) -> tuple[tuple[ast.Block, ...], tuple[ast.Block, ...]]:
    """The blocks of the preamble and of the body. The preamble runs to the
    last preambular paragraph before the first operative one, so that text
    and headings before the first preambular paragraph or between two belong
    to it, and text after the last one opens the body."""
    end = 0
    for index, block in enumerate(blocks):
        if isinstance(block, ast.Paragraph):
            if block.part == "operative":
                break
            if block.part == "preamble":
                end = index + 1
    return blocks[:end], blocks[end:]
