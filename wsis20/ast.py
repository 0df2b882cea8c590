"""The document tree: the contract between the parser, the transforms and the writers.

Every node is an immutable dataclass with the span of source it came from.
What the drafter wrote is kept (``Marker.written``) so that a formatter can give it
back; what the compiler works out (``Paragraph.num``, ``Ref.target``,
``Comment.index``) starts as ``None`` and is filled in by the transforms in
``wsis20.transforms``. Writers may assume it is filled after ``compile_document``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal, Union

from .numbers import Number
from .source import Span

Part = Literal["preamble", "operative", "text"]
Status = Literal["pending", "agreed", "ad-ref", "closure", "reopened"]
MarkerKind = Literal["explicit", "next", "insert"]
EmphasisStyle = Literal["italic", "bold", "underline"]


# ----------------------------------------------------------------- inlines

@dataclass(frozen=True, slots=True)
class Text:
    span: Span
    value: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    """``*italic*``, ``**bold**`` or ``__underline__``."""

    span: Span
    style: EmphasisStyle
    children: tuple["Inline", ...]


@dataclass(frozen=True, slots=True)
class Ref:
    """``{@label}``: becomes the target's number in the output being built."""

    span: Span
    label: str
    target: str | None = None  # "142", "12 (a)": filled by resolve_references
    target_id: str | None = None  # "para_142": filled by resolve_references


@dataclass(frozen=True, slots=True)
class Comment:
    """``{>>ПW: text<<}``, or ``{==anchor==}{>>ПW: text<<}`` when ``anchor`` is set."""

    span: Span
    author: str | None
    body: tuple["Inline", ...]
    anchor: tuple["Inline", ...] | None = None
    index: int | None = None  # one count across all authors: filled by number_comments


@dataclass(frozen=True, slots=True)
class Footnote:
    """``{^text^}``: a note at the foot of the page."""

    span: Span
    body: tuple["Inline", ...]
    index: int | None = None  # 1, 2, ... in document order: filled by number_footnotes


ChangeKind = Literal["insert", "delete", "substitute"]


@dataclass(frozen=True, slots=True)
class Change:
    """A proposed change: ``{++new++}``, ``{--old--}`` or ``{~~old~>new~~}``,
    attributed like a comment (``{++EU: new++}``)."""

    span: Span
    kind: ChangeKind
    author: str | None
    old: tuple["Inline", ...] = ()
    new: tuple["Inline", ...] = ()


@dataclass(frozen=True, slots=True)
class Bracket:
    """``[text]`` not yet agreed; ``[shall/should]`` holds two alternatives."""

    span: Span
    alternatives: tuple[tuple["Inline", ...], ...]


Inline = Union[Text, Emphasis, Ref, Comment, Footnote, Change, Bracket]


# ------------------------------------------------------------------ blocks

@dataclass(frozen=True, slots=True)
class Marker:
    """A paragraph marker as written: ``12bis.``, ``#.``, ``#+.``, ``Cbis.``, ``PP#.``."""

    span: Span
    written: str
    kind: MarkerKind
    number: Number | None = None  # the explicit number; None for automatic markers


@dataclass(frozen=True, slots=True)
class SubMarker:
    """A sub-paragraph marker as written: ``(a)``, ``(ii)``, ``(#)``."""

    span: Span
    written: str
    ordinal: int | None  # what the written label means at its level; None for (#) or a label
    #                      that means nothing there, like (iv) at the letters' level

    @property
    def automatic(self) -> bool:
        return self.written == "(#)"


@dataclass(frozen=True, slots=True)
class Label:
    """``{#name}`` after a marker: the target of cross-references."""

    span: Span
    name: str


@dataclass(frozen=True, slots=True)
class SubParagraph:
    span: Span
    marker: SubMarker
    level: int  # 1 for (a), 2 for (i), 3 for a., 4 for i.
    label: Label | None
    content: tuple[Inline, ...]
    children: tuple["SubParagraph", ...] = ()
    ordinal: int | None = None  # position among its siblings: filled by numbering
    num: str | None = None  # "(a)", "(ii)", "a.": filled by numbering
    eid: str | None = None  # "para_12__point_a": filled by numbering


@dataclass(frozen=True, slots=True)
class Proposal:
    """A whole paragraph proposed as new (``{+EU}``) or for deletion (``{-EU}``)."""

    span: Span
    kind: Literal["new", "delete"]
    author: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    span: Span
    part: Part  # "text" is an unnumbered block
    marker: Marker | None
    label: Label | None
    content: tuple[Inline, ...]
    subparagraphs: tuple[SubParagraph, ...] = ()
    status: Status = "pending"  # {.agreed}, {.ad-ref}, {.closure}, {.reopened}
    proposal: Proposal | None = None
    proposed: tuple["Change", ...] = ()  # a compilation's changes to list beside the text: gather_proposals
    fingerprint: str | None = None  # an agreed paragraph's short hash: fingerprint_agreed
    # In a comparison of two revisions: (new, changed, renumbered, unchanged or
    # dropped; the former number), filled by transforms.compare.
    compared: tuple[str, str | None] | None = None
    number: Number | None = None  # filled by numbering
    num: str | None = None  # "103ter", "C", "PP3": filled by numbering
    eid: str | None = None  # "para_103ter", "pp_C", "att_1__para_3": filled by numbering
    # Unnumbered text ("text") that stands in the preamble of its body or annex,
    # before the first preambular paragraph or between two, and before any
    # operative one: laid out with the preamble ("We, the Ministers ..."). Set by the
    # last pass of every view (transforms/preamble.py), once its changes are applied.
    in_preamble: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    span: Span
    level: int
    content: tuple[Inline, ...]  # the words, without the number
    eid: str | None = None  # "sec_3", "att_1__sec_2": filled by numbering
    # An item heading's number as printed, with its dot: "Action 13.", "I.", "A.".
    # Set by the parser when written; filled by numbering for "Action #.".
    number: str | None = None
    written_number: str | None = None  # as written ("Action #.", "Action 13."): what fmt writes back


@dataclass(frozen=True, slots=True)
class Table:
    """A table the compiler makes (a comparison's concordance of numbers);
    the markup has no tables of its own."""

    span: Span
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Union[Heading, Paragraph, Table]


# ------------------------------------------------------------- front matter

DocumentType = Literal["resolution", "decision", "outcome", "declaration"]
ADOPTED = "adopted"  # the `stage` (in any case) that selects the adopted form
PreambleNumbering = Literal["letters", "pp", "none"]


@dataclass(frozen=True, slots=True)
class FrontMatter:
    span: Span | None = None
    symbol: str | None = None
    organ: str = "General Assembly"
    session: int | str | None = None
    committee: str | None = None
    agenda: tuple[str, ...] = ()
    sponsor: str | None = None
    title: str | None = None
    short_title: str | None = None
    date: datetime.date | str | None = None
    distribution: str | None = None
    original: str | None = None
    job_number: str | None = None
    stage: str | None = None  # printed above the title; "adopted" selects the adopted form instead
    # The adopted form (stage: adopted), as the UN's A/RES documents print it:
    resolution: str | None = None  # "78/212": printed "78/212." before the title; the symbol's default
    adopted: datetime.date | str | None = None  # the day of adoption, in the masthead and the closing lines
    meeting: str | None = None  # "50th plenary meeting", closing the text
    agenda_title: tuple[str, ...] = ()  # each agenda item's title, under "Agenda item ..."
    report: str | None = None  # the committee's report: "A/78/481/Add.2, para. 139"
    without_reference: str | None = None  # adopted in plenary on a draft: "A/78/L.49"
    language: str = "en"  # one of languages.CODES: every fixed string and convention follows it
    document_type: DocumentType = "resolution"
    preamble_numbering: PreambleNumbering = "letters"
    formula: str | None = None  # the enacting formula, when not the document type's own ("" for none)
    logo: str | None = None  # an image file beside the source (or a small data: image), for the masthead
    logo_span: Span | None = None  # where the front matter names the logo, for diagnostics at build time
    authors: tuple[tuple[str, str], ...] = ()  # (initials, delegation or person)
    ignore: frozenset[str] = frozenset()  # warning rules switched off for this file
    # False when the front matter or its `authors` could not be read: who is declared is then unknown.
    authors_read: bool = True
    # An annex block's own keys (docs/markup.md, "Annexes"); never set in the file's front matter.
    annex: str | None = None  # the label as written; None (or empty) for the default
    name: str | None = None  # a label for `{@name}` references to the annex
    name_span: Span | None = None  # where the annex block gives its name, for diagnostics

    @property
    def adopted_form(self) -> bool:
        """`stage: adopted` (in any case): the layout of an adopted resolution."""
        return (self.stage or "").strip().lower() == ADOPTED

    def author_name(self, initials: str) -> str | None:
        for key, name in self.authors:
            if key == initials:
                return name
        return None


@dataclass(frozen=True, slots=True)
class ComparedSide:
    """One revision in a comparison: named from its front matter, and which of
    its texts was compared ("with every proposal accepted")."""

    document: str  # "A/80/L.1 (Zero draft, 29 August 2025)"
    text: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """What a comparison compares, for its first page: filled by transforms.compare."""

    old: ComparedSide
    new: ComparedSide
    shows_proposals: bool = False  # some proposals are compared as proposals (diff --compare proposed)


@dataclass(frozen=True, slots=True)
class Annex:
    """An annex: opened by an annex block (a second front matter) in the body,
    it runs to the next annex or the end of the file. Its paragraphs are
    numbered from 1 again; labels and footnotes are the document's."""

    span: Span  # from its opening `---` to its last block
    front: FrontMatter  # its own settings: annex, name, title, original, document_type,
    #                     preamble_numbering (the file's when it sets none), formula
    label: str  # the label as printed: "Annex", "Annex I", ... or as written
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    front: FrontMatter
    blocks: tuple[Block, ...]  # the body
    annexes: tuple[Annex, ...] = ()  # after the body, in order
    comparison: Comparison | None = None  # set on the document a comparison prints
