"""Word (.docx) -> a draft: a delegation's marked-up Word file, or one that wsisc
wrote, turned into wsis markup (docs/docx-import.md gives the whole table).

The file comes from elsewhere. safe_zip reads the archive within limits and
refuses zip bombs, forged entries and macros; every part is XML parsed by
safe_xml (the standard library's expat: no DTD, no entity, nothing fetched,
each element with its line and column for diagnostics). python-docx is not
used to read: it opens the package with its own lxml parser, trusts the
archive's declared sizes, and has no model of revisions, comments' anchors,
footnotes or numbering, which are most of what this reader reads.

What becomes what:

- paragraph styles (by id, or by name through `basedOn`): `SingleTxt` and
  ordinary text -> paragraphs; `SubPara1`..`SubPara4` -> sub-paragraphs;
  `HCh`/`H1`/`H23` and Word's `Heading 1-3` -> `#`/`##`/`###`; `Title` -> the
  title; `AnnexLabel` -> an annex; `MercuryDocument` -> the masthead (its
  symbol); a short line of bold words alone -> a heading;
- numbers typed at a paragraph's start ("12.", "12 bis.", "PP3.", "C." before a
  tab) or made by Word's automatic numbering (numbering.xml, counted as Word
  counts) -> markers; a label "(a)" -> a sub-paragraph; italic opening words
  -> `*Recalling*`;
- w:ins / w:del (and moves, as an insertion where the text goes and a
  deletion where it was) -> `{++EU: ...++}`, `{--EU: ...--}`, a deletion then
  an insertion by one author -> `{~~EU: old~>new~~}`; a paragraph inserted or
  deleted whole, its mark too -> `{+EU}` / `{-EU}`; formatting changes
  (w:rPrChange, w:pPrChange) -> accepted, with a warning;
- comments (comments.xml) -> `{==anchor==}{>>EU: text<<}` where their
  reference stands, replies (commentsExtended.xml) right after the comment
  they answer; footnotes and endnotes -> `{^...^}`;
- authors -> `authors:` with initials: wsisc's own `wsisc-authors` property,
  else each comment's w:initials, else made from the name (and said);
- a file wsisc wrote (docProps/custom.xml `wsisc-front-matter`) -> its front
  matter, its annexes' blocks, its bookmarks `wsisc_label` -> `{#label}` and
  hyperlinks to them -> `{@label}`, checked like any other data.

The result goes through the source writer, in the canonical form of `wsisc fmt`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from xml.etree import ElementTree as ET

from .. import ast
from ..walk import plain_text
from ..diagnostics import Diagnostic, make
from ..languages.masthead import FORMULA_COMMA, ORGAN, formula_words
from ..languages import DEFAULT as DEFAULT_LANGUAGE, code_for, numbering
from ..languages import views as language_views
from ..numbers import Number, alpha_label, from_alpha_label, from_roman, rank_of, roman, sub_label
from ..parse import MAX_SUB_LEVEL
from ..parse.to_ast import LABEL_NAME, heading_number, is_author, marker_parts
from ..source import BIDI_CONTROLS, CONTROL, CONTROL_CHARACTERS, SourceFile
from .draft import Imported, Part, _yaml, draft_text, summary
from .runs import NOWHERE, StylePath, built
from .safe_xml import Refused, Tree, local_name
from .safe_zip import MAX_BYTES, Package

__all__ = ["MAX_BYTES", "read"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_PROPERTIES = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
MACRO_SUFFIXES = (".docm", ".dotm")

# Paragraph styles -> what the paragraph is, by id or name (lower case, without spaces).
_ROLES: dict[str, tuple[str, int]] = {
    "title": ("title", 0), "annexlabel": ("annex", 0), "mercurydocument": ("masthead", 0),
    # wsisc's export: lines that say what the front matter says, or list proposals the text holds (docs/docx.md)
    **{name: ("front", 0) for name in ("formula", "closinglines", "annexoriginal", "proposallist")},
    "hch": ("heading", 1), "h1": ("heading", 2), "h23": ("heading", 3), "h4": ("heading", 3), "h56": ("heading", 3),
    **{f"heading{n}": ("heading", min(n, 3)) for n in range(1, 10)},
    **{f"subpara{n}": ("sub", n) for n in range(1, 5)},
}
_EMPHASIS = {"b": "bold", "i": "italic", "u": "underline"}
_STYLE_ORDER = ("bold", "italic", "underline")
_OFF = ("0", "false", "off", "none")
# The contract's character styles (docs/docx.md): what they say beyond their look.
_CHARACTER_ROLES = {"bracket": "bracket", "status": "status", "reference": "reference",
                    "preambleopening": "opening"}
# A status's words in any of the six languages (languages/views.py), "ad ref" with or without its dot.
_STATUS_WORDS = {"agreed ad ref": "ad-ref", **{words.lower(): status for table in language_views.STATUS_WORDS.values()
                                               for status, words in table.items()}}
_STATUS = re.compile(r"[ \t\u00a0]*\[(" + "|".join(re.escape(w) for w in sorted(_STATUS_WORDS, key=len, reverse=True))
                     + r")\][ \t\u00a0]*", re.IGNORECASE)
_CONTROL = CONTROL
# What no name in the front matter may hold (check refuses it there): controls and bidi overrides.
_NOT_IN_A_NAME = re.compile(f"[{CONTROL_CHARACTERS}{BIDI_CONTROLS}]")


def _writable(initials: str) -> bool:
    """Initials the front matter can declare: the markup's, without an invisible character."""
    return is_author(initials) and not _NOT_IN_A_NAME.search(initials)
_SPACE = " \t\n\r\u00a0"
# A number typed at a paragraph's start: "12.", "12 bis.", "OP3.", "PP3.", "C.", "Cbis.", then a tab or spaces.
_TYPED_MARKER = re.compile(r"[ \u00a0]*((?:OP|PP)?[ \t]?\d{1,6}(?:[ ]?[^\W\d_]{1,16})?\.|[A-Z]{1,2}[a-z]{0,16}\.)"
                           r"(\t+|[ \u00a0]+|$)")
_TYPED_SUB = re.compile(r"[ \u00a0]*\((?P<label>[a-z]{1,2}|[ivxlc]{1,8})\)(?:\t+|[ \u00a0]+|$)")
# A number or label as another language prints it, before the tab wsisc's export puts after it.
_TYPED_PRINTED = re.compile(r"[ \u00a0]*([^\t]{1,40}?)(\t+)")
_ANNEX_LINE = re.compile(r"(?:Annex|Appendix)(?: (?:[IVXLC]+|[A-Z]|\d{1,2}))?")
_SYMBOL = re.compile(r"[A-Z]{1,4}(?:/[A-Z0-9.()-]+)+")
_ALTERNATIVE_SLASH = re.compile(r"(?<=[a-z\s])/(?=[a-z\s])")
_SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "de", "la", "le", "des", "du", "y", "et", "a", "an"}
_MAX_PROPERTY = 64 * 1024  # a front matter property is a few hundred bytes
_HEADING_MAX = 150  # a line of bold words longer than this is a paragraph, not a heading
_MAX_BRACKET_DEPTH = 20


# ------------------------------------------------------------------ entry

def read(path: str, data: bytes) -> Imported:
    """A .docx file's bytes -> the .wsis text, or the diagnostics that refuse it."""
    file = SourceFile.from_text(path, "")
    reader = None
    try:
        if PurePath(path).suffix.lower() in MACRO_SUFFIXES:
            raise Refused(make("docx-macros", f"a macro-enabled Word file ({PurePath(path).suffix.lower()}): wsisc "
                               "never runs macros, and imports no file that may hold them", file.span(0, 0),
                               hints=("save the document as a Word Document (.docx), which drops its macros, and "
                                      "import that",)), file)
        reader = _Reader(path, Package(path, data))
        body, annexes = reader.read()
    except Refused as refused:
        return _imported(file, None, [(refused.source or file, refused.diagnostic)])
    return _imported(file, draft_text(path, body, annexes), reader.found, summary(body, annexes))


def _imported(file: SourceFile, text: str | None, found: list[tuple[SourceFile, Diagnostic]],
              said: str = "") -> Imported:
    return Imported(file, text, [d for _, d in found], said, {i: s for i, (s, _) in enumerate(found)})


# ------------------------------------------------------------------ tokens

@dataclass(frozen=True, slots=True)
class _Rev:
    """A tracked change around a run: an insertion or a deletion, by its author's initials."""

    kind: str  # "ins" or "del"
    author: str | None


@dataclass(slots=True)
class _Text:
    text: str
    styles: frozenset[str]
    rev: _Rev | None
    role: str = ""  # the contract's character role: "bracket", "status", "opening", "reference"
    outer: _Rev | None = None  # the insertion around a deletion: words one inserted and another deleted


@dataclass(slots=True)
class _RefRun:
    """A hyperlink to a paragraph's `wsisc_label` bookmark: `{@label}`."""

    label: str
    styles: frozenset[str]
    rev: _Rev | None
    outer: _Rev | None = None


@dataclass(slots=True)
class _Atom:
    """An inline read whole: a footnote."""

    node: ast.Inline
    rev: _Rev | None
    outer: _Rev | None = None


@dataclass(slots=True)
class _Mark:
    """Where a comment's range starts or ends, or its reference (the comment itself) stands."""

    kind: str  # "start", "end", "ref"
    id: str
    rev: _Rev | None
    outer: _Rev | None = None


_Token = _Text | _RefRun | _Atom | _Mark


@dataclass(slots=True)
class _Bracket:
    """A square bracket in the text, while brackets are matched."""

    char: str
    matched: bool = False


@dataclass
class _Para:
    """One paragraph of the document as read, before it is a block."""

    element: ET.Element
    tree: Tree
    style: str  # the style id
    role: tuple[str, int] | None
    tokens: list[_Token]
    numbered: tuple[str, int] | None = None  # Word's automatic numbering: (its list's w:numId, its level)
    mark: _Rev | None = None  # the paragraph mark inserted or deleted
    break_before: bool = False
    centred: bool = False
    labels: list[str] = field(default_factory=list)
    row: bool = False  # a table's row, read as text


@dataclass
class _Comment:
    author: str | None
    body: tuple[ast.Inline, ...]
    para_ids: list[str]  # its paragraphs' w14:paraId, which replies name
    parent: str | None = None  # the comment it answers (its id)
    replies: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ reading

class _Reader:
    def __init__(self, path: str, package: Package):
        self.path = path
        self.package = package
        self.found: list[tuple[SourceFile, Diagnostic]] = []
        self.said: set[str] = set()  # the warnings given once a file
        self.trees: dict[str, Tree] = {}
        self.comments_tree: Tree | None = None
        self.formatting_changes: list[tuple[Tree, ET.Element]] = []  # where formatting changes were accepted
        self.break_next = False  # a page break ended the paragraph before
        main = package.main
        self.document = package.xml(main)
        if self.document.root.tag != W + "document":
            raise Refused(make("not-docx", f"`{main}` is not a Word document's text: its root element is "
                               f"<{local_name(self.document.root.tag)}>, not <w:document>",
                               self.document.span(self.document.root), hints=("save the document again from Word",)),
                          self.document.source)
        self.rels = package.relationships(main)
        self.external_links(main)
        self.styles = _Styles(self.part(package.related(main, "styles")))
        self.numbering = _Numbering(self, self.part(package.related(main, "numbering")))
        self.properties = self.custom_properties()
        self.own = "wsisc-authors" in self.properties or "wsisc-front-matter" in self.properties
        # The language wsisc's own file was written in: how its typed numbers and labels read.
        self.language = _property_language(self.properties)
        self.bookmarks = {name[len("wsisc_"):] for element in self.document.root.iter(W + "bookmarkStart")
                          if (name := element.get(W + "name") or "").startswith("wsisc_")
                          and LABEL_NAME.fullmatch(name[len("wsisc_"):])}
        self.initials = self.authors()
        self.comments = self.read_comments(package.related(main, "comments"))
        self.referenced = {e.get(W + "id") for e in self.document.root.iter(W + "commentReference")}
        self.placed: set[str] = set()
        self.notes = {kind: self.read_notes(package.related(main, kind + "s"), kind) for kind in ("footnote", "endnote")}

    # -------------------------------------------------------- diagnostics

    def warn(self, tree: Tree | None, element: ET.Element | None, message: str, hint: str,
             code: str = "docx-approximated", once: str | None = None) -> None:
        """A warning at an element of a part (once a file for ``once``)."""
        if once is not None:
            if once in self.said:
                return
            self.said.add(once)
        span = tree.span(element) if tree is not None and element is not None else None
        source = tree.source if tree is not None else SourceFile.from_text(self.path, "")
        self.found.append((source, make(code, message, span, hints=(hint,))))

    def part(self, name: str | None) -> Tree | None:
        """A part's tree, parsed once."""
        if name is None:
            return None
        if name not in self.trees:
            self.trees[name] = self.package.xml(name)
        return self.trees[name]

    def external_links(self, main: str) -> None:
        """Relationships to files outside the archive: never fetched. Hyperlinks are
        read as their words; anything else (a template, an image, an object, a
        frame, a sub-document, which Word would load) is said, once each."""
        settings = self.package.related(main, "settings")
        parts = ["", main] + ([settings] if settings else [])
        for part in parts:
            for link in self.package.relationships(part).values():
                if link.external and link.type != "hyperlink":
                    target = link.target[:120].encode("unicode_escape").decode("ascii")
                    self.warn(link.tree, link.element, f"a link to a file outside the document ({link.type}: "
                              f"`{target}`): not fetched, and nothing of it imported",
                              "nothing is needed from it: a draft's words are all in the document itself",
                              code="docx-external")

    # ---------------------------------------------------- custom properties

    def custom_properties(self) -> dict[str, tuple[str, Tree, ET.Element]]:
        name = self.package.related("", "custom-properties")
        tree = self.part(name)
        found: dict[str, tuple[str, Tree, ET.Element]] = {}
        for element in tree.root if tree is not None else ():
            key = element.get("name") or ""
            if element.tag == _PROPERTIES + "property" and key.startswith("wsisc-") and len(element):
                found.setdefault(key, ("".join(element[0].itertext()), tree, element))
        return found

    def property_front(self, key: str, annex: bool) -> dict[str, object] | None:
        """A front matter property of a file wsisc wrote, as keys and values the
        markup takes (untrusted all the same: checked as `check` would, and only
        plain values kept); None, said, when it cannot be used."""
        import yaml

        from ..parse.blocks import split
        from ..parse.front_matter import ANNEX_KEYS, KEYS, parse_annex_block, parse_front_matter

        if key not in self.properties:
            return None
        text, tree, element = self.properties[key]

        def unusable(why: str) -> None:
            self.warn(tree, element, f"the property `{key}` {why}: the front matter is made from the document "
                      "instead", "check the front matter of the draft")

        if len(text) > _MAX_PROPERTY:
            unusable(f"is longer than {_MAX_PROPERTY // 1024} KB")
            return None
        try:
            values = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            values = None
        if not isinstance(values, dict):
            unusable("is not a front matter")
            return None
        allowed = set(ANNEX_KEYS if annex else KEYS) - {"logo"}  # a logo names a file beside the draft: not ours
        # Flat values only: YAML aliases can nest a list in itself a million times over.
        kept = {k: v for k, v in values.items() if isinstance(k, str) and k in allowed and _plain_value(v)}
        if len(kept) < len(values):
            self.warn(tree, element, f"the property `{key}` has keys or values the draft cannot take "
                      f"({', '.join(str(k)[:30] for k in values if k not in kept)}): left out",
                      "check the front matter of the draft")
        fenced = SourceFile.from_text(self.path, _yaml(kept))
        raw, _ = split(fenced.text)
        problems: list[Diagnostic] = []
        (parse_annex_block if annex else parse_front_matter)(fenced, raw, problems)
        if any(d.severity.value == "error" for d in problems):
            unusable(f"is not a valid front matter ({next(d for d in problems if d.severity.value == 'error').message})")
            return None
        return kept

    # ----------------------------------------------------------- authors

    def authors(self) -> dict[str, str | None]:
        """Each revision and comment author's name -> initials, in the order they
        first appear; `self.declared` gets initials -> name for the front matter."""
        declared: dict[str, str] = {}
        own = self.properties.get("wsisc-authors")
        if own is not None:
            text, tree, element = own
            try:
                loaded = json.loads(text) if len(text) <= _MAX_PROPERTY else None
            except ValueError:
                loaded = None
            if isinstance(loaded, dict):
                for initials, name in loaded.items():
                    if isinstance(name, str) and _writable(initials) and not _NOT_IN_A_NAME.search(name) and name.strip():
                        declared.setdefault(initials, name.strip())
            if len(declared) != (len(loaded) if isinstance(loaded, dict) else -1):
                self.warn(tree, element, "the property `wsisc-authors` holds what is not initials -> names the "
                          "markup can write: those left out", "check the draft's `authors:`")
        names: dict[str, None] = {}  # in the order they first appear
        given: dict[str, str] = {}  # name -> w:initials on its comments
        comments = self.package.related(self.package.main, "comments")
        sources = [self.document] + ([self.part(comments)] if comments else [])
        for tree in sources:
            for element in tree.root.iter():
                if local_name(element.tag) in ("ins", "del", "moveFrom", "moveTo", "comment"):
                    name = (element.get(W + "author") or "").strip()
                    if name and not _NOT_IN_A_NAME.search(name):
                        names.setdefault(name)
                    if local_name(element.tag) == "comment" and name:
                        initials = (element.get(W + "initials") or "").strip()
                        if _writable(initials):
                            given.setdefault(name, initials)
        by_name = {name: initials for initials, name in declared.items()}
        initials_of: dict[str, str | None] = {}
        made: list[tuple[str, str]] = []
        taken = _Taken(declared)
        for name in names:
            if name in by_name or name in declared:  # a name, or initials written as the author (no name)
                initials_of[name] = by_name.get(name, name)
                continue
            initials = given.get(name)
            derived = initials is None or initials in taken
            initials = taken.unique(initials if initials is not None else _initials_from(name))
            initials_of[name] = initials
            declared[initials] = name
            if derived and initials != name:
                made.append((initials, name))
        if made:
            listed = ", ".join(f"{i} ({n})" for i, n in made[:6]) + (", ..." if len(made) > 6 else "")
            self.warn(None, None, f"initials made from authors' names, which the file does not give: {listed}",
                      "correct them under `authors:` in the draft if the delegations use others")
        self.declared = declared
        return initials_of

    def author(self, element: ET.Element) -> str | None:
        return self.initials.get((element.get(W + "author") or "").strip())

    # ------------------------------------------------- comments and notes

    def read_comments(self, name: str | None) -> dict[str, _Comment]:
        tree = self.part(name)
        if tree is None:
            return {}
        self.comments_tree = tree
        comments: dict[str, _Comment] = {}
        by_para: dict[str, str] = {}
        for element in tree.root.iter(W + "comment"):
            cid = element.get(W + "id") or ""
            if cid in comments:
                continue  # a second comment with one id: its reference is the first's
            paragraphs = element.findall(W + "p")
            body = self.note_body(tree, paragraphs, "a comment")
            comments[cid] = _Comment(self.author(element), body, [p.get(W14 + "paraId") or "" for p in paragraphs])
            for para in comments[cid].para_ids:
                by_para.setdefault(para, cid)
        order = {cid: n for n, cid in enumerate(comments)}
        extended = self.part(self.package.related(self.package.main, "commentsExtended"))
        for entry in extended.root.iter(W15 + "commentEx") if extended is not None else ():
            child, parent = by_para.get(entry.get(W15 + "paraId") or ""), by_para.get(entry.get(W15 + "paraIdParent") or "")
            # Word writes a reply after the comment it answers: one that does not is no reply (and no cycle).
            if child is not None and parent is not None and order[parent] < order[child] and comments[child].parent is None:
                comments[child].parent = parent
                comments[parent].replies.append(child)
        return comments

    def read_notes(self, name: str | None, kind: str) -> dict[str, tuple[ast.Inline, ...]]:
        tree = self.part(name)
        notes = {}
        for element in tree.root.iter(W + kind) if tree is not None else ():
            if element.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            notes[element.get(W + "id") or ""] = self.note_body(tree, element.findall(W + "p"), f"a {kind}")
        return notes

    def note_body(self, tree: Tree, paragraphs: list[ET.Element], what: str) -> tuple[ast.Inline, ...]:
        """A comment's or a footnote's words, its paragraphs joined: words and
        emphasis alone, as the markup holds them there (changes inside accepted)."""
        tokens: list[_Token] = []
        for paragraph in paragraphs:
            if tokens:
                tokens.append(_Text(" ", frozenset(), None))
            tokens += _Walker(self, tree, in_note=True).paragraph(paragraph)
        if any(t.rev is not None for t in tokens if not isinstance(t, _Mark)):
            self.warn(tree, paragraphs[0] if paragraphs else None, f"tracked changes inside {what}: read as "
                      "changed (insertions kept, deletions left out)", "the markup holds changes in the text only",
                      once="changes-in-notes")
        kept = [t for t in tokens if not isinstance(t, _Mark) and not (t.rev is not None and t.rev.kind == "del")]
        return _inlines(kept)

    def comment_nodes(self, cid: str) -> list[ast.Inline]:
        """A comment and its replies (and theirs, in order), each once, anchorless
        (the caller anchors the first)."""
        nodes: list[ast.Inline] = []
        waiting = [cid]
        while waiting:  # a thread can be thousands long: no recursion
            current = waiting.pop()
            if current in self.placed or current not in self.comments:
                continue
            self.placed.add(current)
            comment = self.comments[current]
            nodes.append(ast.Comment(NOWHERE, comment.author, comment.body))
            waiting += reversed(comment.replies)
        return nodes

    # --------------------------------------------------------- the body

    def read(self) -> tuple[Part, list[Part]]:
        paragraphs = list(self.paragraphs(self.document.root.find(W + "body")))
        if self.formatting_changes:
            tree, element = self.formatting_changes[0]
            count = len(self.formatting_changes)
            self.warn(tree, element, f"{count} formatting change{'s' if count > 1 else ''} tracked (bold, "
                      "indents, styles...): accepted, since the markup tracks changes of words only",
                      "look at the formatting in the draft where it matters")
        return _Builder(self, paragraphs).build()

    def paragraphs(self, container: ET.Element | None) -> Iterator[_Para]:
        """The paragraphs of the body in order, tables as one paragraph a row."""
        for child in container if container is not None else ():
            tag = local_name(child.tag)
            if tag == "p":
                yield self.paragraph(child)
            elif tag == "tbl":
                yield from self.table(child)
            elif tag in ("sdt", "customXml", "sdtContent"):
                yield from self.paragraphs(child.find(W + "sdtContent") if tag == "sdt" else child)
            elif tag == "altChunk":
                self.warn(self.document, child, "content imported into the document from another file "
                          "(altChunk): left out", "copy the text into the document in Word", once="altChunk")

    def paragraph(self, element: ET.Element) -> _Para:
        properties = element.find(W + "pPr")
        style = _attribute(properties, "pStyle")
        para = _Para(element, self.document, style, self.styles.role(style), [])
        walker = _Walker(self, self.document)
        para.tokens = walker.paragraph(element)
        para.labels = walker.labels
        para.break_before = walker.break_before or self.styles.page_break_before(style) or \
            _on(properties, "pageBreakBefore")
        para.centred = (_attribute(properties, "jc") or self.styles.alignment(style)) == "center"
        if properties is not None:
            mark = properties.find(f"{W}rPr")
            for kind, tag in (("ins", "ins"), ("del", "del"), ("ins", "moveTo"), ("del", "moveFrom")):
                changed = mark.find(W + tag) if mark is not None else None
                if changed is not None:
                    para.mark = _Rev(kind, self.author(changed))
            if properties.find(W + "pPrChange") is not None:
                self.formatting_changes.append((self.document, properties.find(W + "pPrChange")))
        para.numbered = self.numbering.list_of(properties, style)
        if self.break_next:
            para.break_before, self.break_next = True, False
        if walker.break_after or (properties is not None and properties.find(W + "sectPr") is not None):
            self.break_next = True  # a page or section break ends the paragraph: the next starts a page
        return para

    def table(self, table: ET.Element) -> Iterator[_Para]:
        """A table as unnumbered text, one paragraph a row, its cells separated by `|`."""
        rows = table.findall(W + "tr")
        roles = [self.styles.role(_attribute(p.find(W + "pPr"), "pStyle") or "") for p in table.iter(W + "p")]
        if roles and all(role is not None and role[0] == "masthead" for role in roles):
            yield from map(self.paragraph, table.iter(W + "p"))  # the masthead, laid out in a table: its lines
            return
        self.warn(self.document, table, f"a table ({len(rows)} rows) has no equivalent in the markup: written as "
                  "unnumbered text, one paragraph a row, cells separated by `|`", "lay the table out by hand "
                  "where it is printed")
        for row in rows:
            tokens: list[_Token] = []
            for cell in row.findall(W + "tc"):
                if tokens:
                    tokens.append(_Text(" | ", frozenset(), None))
                for inner in self.paragraphs(cell):
                    if tokens and not (isinstance(tokens[-1], _Text) and tokens[-1].text == " | "):
                        tokens.append(_Text(" ", frozenset(), None))
                    tokens += inner.tokens
            yield _Para(row, self.document, "", None, tokens, row=True)


class _Walker:
    """One paragraph's content as tokens, in order: runs of text with their
    emphasis and the tracked change around them, footnotes, comment marks."""

    def __init__(self, reader: _Reader, tree: Tree, in_note: bool = False):
        self.reader = reader
        self.tree = tree
        self.in_note = in_note
        self.tokens: list[_Token] = []
        self.labels: list[str] = []
        self.fields: list[bool] = []  # for each field open: whether its result has begun
        # Words met among a field's instructions (a nested field's result), held until
        # the field's result begins; kept if the paragraph ends first (a broken field).
        self.held: list[tuple[str, frozenset[str], _Rev | None, str]] = []
        self.held_at: ET.Element | None = None
        self.pieces: dict[int, list[str]] = {}  # a text token's pieces, joined at the end
        self.break_before = self.break_after = False

    def paragraph(self, element: ET.Element) -> list[_Token]:
        self.outer: _Rev | None = None
        self.walk(element, None, None)
        if self.held:
            self.reader.warn(self.tree, self.held_at, "a field that is never closed: the words after its start "
                             "kept as text", "check the paragraph's end in the Word file", once="field")
            for text, styles, rev, role in self.held:
                self.text(text, styles, rev, role)
            self.held.clear()
        for at, pieces in self.pieces.items():
            self.tokens[at].text = "".join(pieces)
        return self.tokens

    def walk(self, element: ET.Element, rev: _Rev | None, link: str | None) -> None:
        for child in element:
            tag = local_name(child.tag)
            if tag == "r":
                self.run(child, rev, link)
            elif tag in ("ins", "moveTo", "del", "moveFrom"):
                kind = "ins" if tag in ("ins", "moveTo") else "del"
                if rev is not None and rev.kind == "del":
                    self.walk(child, rev, link)  # (nothing is inserted into deleted words)
                    continue
                # A change inside an insertion (words one author inserted, another deleted, as Word
                # records an edit of an edit) keeps the insertion around it, for the paragraph to decide.
                outer, self.outer = self.outer, rev if rev is not None else self.outer
                self.walk(child, _Rev(kind, self.reader.author(child)), link)
                self.outer = outer
            elif tag == "hyperlink":
                anchor = child.get(W + "anchor") or ""
                label = anchor[len("wsisc_"):] if anchor.startswith("wsisc_") else None
                if label is not None and label in self.reader.bookmarks and not self.in_note:
                    # wsisc's export puts a proposal's change inside the link (no link goes in a w:ins).
                    inner = next((c for c in child if local_name(c.tag) in ("ins", "del", "moveTo", "moveFrom")), None)
                    link_rev = rev
                    if rev is None and inner is not None:
                        link_rev = _Rev("ins" if local_name(inner.tag) in ("ins", "moveTo") else "del",
                                        self.reader.author(inner))
                    self.tokens.append(_RefRun(label, frozenset(), link_rev,
                                               self.outer if link_rev is not None else None))
                else:
                    self.walk(child, rev, link)
            elif tag in ("smartTag", "customXml", "fldSimple", "dir", "bdo", "sdtContent"):
                self.walk(child, rev, link)
            elif tag == "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.walk(content, rev, link)
            elif tag in ("commentRangeStart", "commentRangeEnd") and not self.in_note:
                self.tokens.append(_Mark("start" if tag == "commentRangeStart" else "end", child.get(W + "id") or "",
                                         rev, self.outer if rev is not None else None))
            elif tag == "bookmarkStart":
                name = child.get(W + "name") or ""
                if name.startswith("wsisc_") and LABEL_NAME.fullmatch(name[len("wsisc_"):]):
                    self.labels.append(name[len("wsisc_"):])
            elif tag in ("oMath", "oMathPara"):
                self.text("".join(t.text or "" for t in child.iter() if local_name(t.tag) == "t"), frozenset(), rev)
                self.reader.warn(self.tree, child, "an equation: kept as its characters", "lay it out by hand",
                                 once="math")
            elif tag == "rPrChange" or tag == "pPrChange":
                self.reader.formatting_changes.append((self.tree, child))

    def run(self, run: ET.Element, rev: _Rev | None, link: str | None) -> None:
        properties = run.find(W + "rPr")
        styles, role = self.reader.styles.run_format(properties)
        if properties is not None and properties.find(W + "rPrChange") is not None:
            self.reader.formatting_changes.append((self.tree, properties.find(W + "rPrChange")))
        for child in run:
            tag = local_name(child.tag)
            if tag in ("t", "delText"):
                if not (self.fields and not self.fields[-1]):
                    self.text(child.text or "", styles, rev, role)
                elif child.text:  # among a field's instructions: no text, once its result begins
                    self.held.append((child.text, styles, rev, role))
            elif tag in ("tab", "ptab"):
                self.text("\t", styles, rev, role)
            elif tag == "br":
                if child.get(W + "type") == "page":
                    if any(isinstance(t, _Text) and t.text.strip() for t in self.tokens):
                        self.break_after = True
                    else:
                        self.break_before = True
                else:
                    self.text(" ", styles, rev, role)
            elif tag == "cr":
                self.text(" ", styles, rev, role)
            elif tag == "noBreakHyphen":
                self.text("\u2011", styles, rev, role)
            elif tag == "sym":
                self.reader.warn(self.tree, child, "a symbol from a symbol font: left out", "type the character "
                                 "itself if it matters", once="sym")
            elif tag == "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    self.fields.append(False)
                    self.held_at = self.held_at if self.held else child
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                    self.held.clear()
                elif kind == "end" and self.fields:
                    self.fields.pop()
                    self.held.clear()
            elif tag in ("footnoteReference", "endnoteReference") and not self.in_note:
                kind = tag[:-len("Reference")]
                body = self.reader.notes[kind].get(child.get(W + "id") or "")
                if kind == "endnote":
                    self.reader.warn(self.tree, child, "endnotes: read as footnotes", "the markup has footnotes "
                                     "only", once="endnote")
                if body:
                    self.tokens.append(_Atom(ast.Footnote(NOWHERE, body), rev, self.outer if rev is not None else None))
                else:
                    self.reader.warn(self.tree, child, f"a {kind} reference to no {kind} with words: left out",
                                     "check the notes in the Word file", once="empty-note")
            elif tag == "commentReference" and not self.in_note:
                self.tokens.append(_Mark("ref", child.get(W + "id") or "", rev, self.outer if rev is not None else None))
            elif tag in ("drawing", "pict", "object", "AlternateContent"):
                words = _text_box_words(child)
                if words:
                    self.text(f" {words} ", styles, rev, role)
                    self.reader.warn(self.tree, child, "a text box: its words kept as text in the paragraph",
                                     "move them where they belong, or make them a paragraph", once="text-box")
                else:
                    self.reader.warn(self.tree, child, "a picture or embedded object: left out", "a draft is "
                                     "words; describe the picture in the text if it matters", once="picture")

    def text(self, text: str, styles: frozenset[str], rev: _Rev | None, role: str = "") -> None:
        text = _CONTROL.sub(" ", text.replace("\u00ad", ""))
        if not text:
            return
        last = self.tokens[-1] if self.tokens else None
        outer = self.outer if rev is not None else None
        if isinstance(last, _Text) and last.styles == styles and last.rev == rev and last.role == role \
                and last.outer == outer:
            # Word cuts words into many runs alike: their pieces are joined once, not one by one.
            self.pieces.setdefault(len(self.tokens) - 1, [last.text]).append(text)
        else:
            self.tokens.append(_Text(text, styles, rev, role, outer))


def _text_box_words(element: ET.Element) -> str:
    """The words of the text boxes in a drawing, one paragraph after another. Word
    writes a text box twice (mc:Choice and the VML of mc:Fallback): the first is read."""
    if local_name(element.tag) == "AlternateContent":
        element = next((branch for branch in element if any(local_name(e.tag) == "txbxContent"
                                                            for e in branch.iter())), element)
    boxes = [e for e in element.iter() if local_name(e.tag) == "txbxContent"]
    inner = {id(d) for box in boxes for d in box.iter() if d is not box and local_name(d.tag) == "txbxContent"}
    words = []
    for box in boxes:
        if id(box) in inner:
            continue  # a box inside a box: its words are read with the outer one
        for paragraph in box.iter(W + "p"):
            line = "".join(t.text or "" for t in paragraph.iter(W + "t"))
            if line.strip():
                words.append(" ".join(line.split()))
    return " ".join(words)


# ------------------------------------------------------------------ styles

class _Styles:
    """styles.xml: each style's role, emphasis, alignment and numbering, through its `basedOn` chain."""

    def __init__(self, tree: Tree | None):
        self.by_id: dict[str, ET.Element] = {}
        self.default_paragraph = ""
        for style in tree.root.iter(W + "style") if tree is not None else ():
            style_id = style.get(W + "styleId") or ""
            self.by_id.setdefault(style_id, style)
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default_paragraph = style_id
        self._roles: dict[str, tuple[str, int] | None] = {}
        self._formats: dict[str | None, tuple[frozenset[str], str]] = {}

    def chain(self, style_id: str | None) -> Iterator[ET.Element]:
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _attribute(style, "basedOn")

    def role(self, style_id: str) -> tuple[str, int] | None:
        if style_id not in self._roles:
            found = None
            for style in self.chain(style_id or self.default_paragraph):
                for key in (style.get(W + "styleId"), _attribute(style, "name")):
                    found = found or _ROLES.get((key or "").lower().replace(" ", ""))
                if found:
                    break
            if found is None and style_id and style_id not in self.by_id:
                found = _ROLES.get(style_id.lower())  # a style the file uses but does not define
            self._roles[style_id] = found
        return self._roles[style_id]

    def property(self, style_id: str, path: str) -> ET.Element | None:
        for style in self.chain(style_id or self.default_paragraph):
            found = style.find(path)
            if found is not None:
                return found
        return None

    def page_break_before(self, style_id: str) -> bool:
        found = self.property(style_id, f"{W}pPr/{W}pageBreakBefore")
        return found is not None and (found.get(W + "val") or "1").lower() not in _OFF

    def alignment(self, style_id: str) -> str | None:
        found = self.property(style_id, f"{W}pPr/{W}jc")
        return found.get(W + "val") if found is not None else None

    def numbering(self, style_id: str) -> tuple[str | None, str | None]:
        found = self.property(style_id, f"{W}pPr/{W}numPr")
        if found is None:
            return None, None
        return _attribute(found, "numId"), _attribute(found, "ilvl")

    def run_format(self, properties: ET.Element | None) -> tuple[frozenset[str], str]:
        """A run's emphasis (its character style's, then its own) and its character role."""
        character = _attribute(properties, "rStyle")
        if character not in self._formats:
            styles: dict[str, bool] = {}
            role = ""
            for style in reversed(list(self.chain(character))):
                _formatting(style.find(W + "rPr"), styles)
            for style in self.chain(character):
                for key in (style.get(W + "styleId"), _attribute(style, "name")):
                    role = role or _CHARACTER_ROLES.get((key or "").lower().replace(" ", ""), "")
            if role == "" and character:
                role = _CHARACTER_ROLES.get(character.lower(), "")
            if role == "opening":
                styles["italic"] = True
            self._formats[character] = (frozenset(s for s, on in styles.items() if on), role)
        base, role = self._formats[character]
        if properties is None:
            return base, role
        styles = {s: True for s in base}
        _formatting(properties, styles)
        return frozenset(s for s, on in styles.items() if on), role


def _formatting(properties: ET.Element | None, styles: dict[str, bool]) -> None:
    for tag, style in _EMPHASIS.items():
        found = properties.find(W + tag) if properties is not None else None
        if found is not None:
            styles[style] = (found.get(W + "val") or "1").lower() not in _OFF


# --------------------------------------------------------------- numbering

@dataclass
class _Level:
    start: int = 1
    format: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    legal: bool = False
    style: str | None = None


class _Numbering:
    """numbering.xml: the number Word shows before each paragraph of a list,
    counted as Word counts (one count per abstract numbering, shared by the lists
    that use it unless one restarts it, deeper levels restarting after a higher one)."""

    def __init__(self, reader: _Reader, tree: Tree | None):
        self.reader = reader
        self.tree = tree
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstract numbering -> the style whose numbering it uses
        self.lists: dict[str, tuple[str, dict[int, int | None], dict[int, _Level]]] = {}
        for element in tree.root if tree is not None else ():
            if element.tag == W + "abstractNum":
                abstract_id = element.get(W + "abstractNumId") or ""
                self.abstract[abstract_id] = {level: definition for level, definition in map(_level, element.findall(W + "lvl"))}
                link = _attribute(element, "numStyleLink")
                if link:
                    self.links[abstract_id] = link
            elif element.tag == W + "num":
                starts: dict[int, int | None] = {}
                levels: dict[int, _Level] = {}
                for override in element.findall(W + "lvlOverride"):
                    level = _int(override.get(W + "ilvl"), 0, 0, 8)
                    start = override.find(W + "startOverride")
                    starts[level] = _int(start.get(W + "val"), 1, 0, 10 ** 6) if start is not None else None
                    definition = override.find(W + "lvl")
                    if definition is not None:
                        levels[level] = _level(definition)[1]
                self.lists[element.get(W + "numId") or ""] = (_attribute(element, "abstractNumId") or "", starts, levels)
        self.counts: dict[str, list[int | None]] = {}
        self.begun: set[tuple[str, int]] = set()

    def levels(self, num_id: str) -> tuple[str, dict[int, _Level]]:
        abstract_id, _, overrides = self.lists[num_id]
        if abstract_id in self.links:  # a list style: its numbering is that of the style's list
            linked, _ = self.reader.styles.numbering(self.links[abstract_id])
            if linked in self.lists and self.lists[linked][0] != abstract_id:
                abstract_id = self.lists[linked][0]
        return abstract_id, {**self.abstract.get(abstract_id, {}), **overrides}

    def list_of(self, properties: ET.Element | None, style: str) -> tuple[str, int] | None:
        """The list a paragraph is in (its own numPr, or its style's) and its level; None for none."""
        own = properties.find(W + "numPr") if properties is not None else None
        style_num, style_level = self.reader.styles.numbering(style)
        num_id = _attribute(own, "numId") if own is not None else None
        level_text = _attribute(own, "ilvl") if own is not None else None
        num_id = num_id if num_id is not None else style_num
        if num_id is None or num_id == "0" or num_id not in self.lists:
            return None
        if level_text is None and style_level is None:
            level_text = next((str(n) for n, d in self.levels(num_id)[1].items() if d.style == style), None)
        return num_id, _int(level_text if level_text is not None else style_level, 0, 0, 8)

    def number(self, num_id: str, level: int, counted: bool = True) -> tuple[str, bool] | None:
        """The number Word shows for the next paragraph of a list at a level, and
        whether the list's first level numbers paragraphs ("1.", "A.") rather than
        sub-paragraphs; None when it shows none. A paragraph not ``counted`` (one
        proposed as new) takes the number the next one will have, and leaves the
        count as it was: the others keep the numbers of the text before the proposals."""
        abstract_id, levels = self.levels(num_id)
        definition = levels.get(level, _Level())
        counts = self.counts.setdefault(abstract_id, [None] * 9)
        before = list(counts)
        start = self.lists[num_id][1].get(level)
        if start is not None and (num_id, level) not in self.begun:
            counts[level] = start - 1
            if counted:
                self.begun.add((num_id, level))
        counts[level] = (counts[level] if counts[level] is not None else definition.start - 1) + 1
        for deeper in range(level + 1, 9):
            restart = levels.get(deeper, _Level()).restart
            if restart is None or (restart != 0 and level < restart):
                counts[deeper] = None
        label = _label(definition, levels, counts, level)
        if not counted:
            counts[:] = before
        if label is None:
            return None
        first = levels.get(0, _Level())
        return label.strip(), first.format in ("decimal", "upperLetter") and not first.text.startswith("(")


def _level(element: ET.Element) -> tuple[int, _Level]:
    definition = _Level(start=_int(_attribute(element, "start"), 1, 0, 10 ** 6),
                        format=_attribute(element, "numFmt") or "decimal",
                        text=_attribute(element, "lvlText") or "",
                        legal=_on(element, "isLgl"), style=_attribute(element, "pStyle"))
    restart = element.find(W + "lvlRestart")
    if restart is not None:
        definition.restart = _int(restart.get(W + "val"), 0, 0, 9)
    return _int(element.get(W + "ilvl"), 0, 0, 8), definition


def _label(definition: _Level, levels: dict[int, _Level], counts: list[int | None], level: int) -> str | None:
    """A level's text with each `%n` made the count at level n, in that level's format."""
    if definition.format == "none":
        return None
    if definition.format == "bullet":
        return "\u2022"

    def value(match: re.Match) -> str:
        at = int(match.group(1)) - 1
        if at > level:
            return ""
        count = counts[at] if counts[at] is not None else levels.get(at, _Level()).start
        return _formatted(count, "decimal" if definition.legal else levels.get(at, _Level()).format)

    return re.sub(r"%([1-9])", value, definition.text)


def _formatted(n: int, kind: str) -> str:
    n = max(n, 0)
    match kind:
        case "lowerLetter":
            return alpha_label(n) if n else "0"
        case "upperLetter":
            return alpha_label(n).upper() if n else "0"
        case "lowerRoman":
            return roman(n) if n else "0"
        case "upperRoman":
            return roman(n).upper() if n else "0"
        case "decimalZero":
            return f"{n:02d}"
    return str(n)


# ------------------------------------------------------------------ blocks

class _Builder:
    """The paragraphs read, in order -> the body's and each annex's blocks and front matter."""

    def __init__(self, reader: _Reader, paragraphs: list[_Para]):
        self.reader = reader
        self.paragraphs = paragraphs
        self.body = Part({})
        self.annexes: list[Part] = []
        self.title: str | None = None
        self.symbol: str | None = None
        self.formula: str | None = None
        self.numbering: set[str] = set()  # how preambular paragraphs are numbered: "letters", "pp"
        self.pending: list[ast.Inline] = []  # comments of a heading, for the paragraph below it
        self.own = reader.own
        self.said_bullets = False
        self.any_numbered = False  # a numbered paragraph in the body: no title after it
        self.list_level: int | None = None
        self.subs: dict[int, list[_OpenSub]] = {}  # a paragraph's (by id) sub-paragraphs, while they are read

    @property
    def part(self) -> Part:
        return self.annexes[-1] if self.annexes else self.body

    def build(self) -> tuple[Part, list[Part]]:
        _marks_moved(self.paragraphs)
        for para in self.paragraphs:
            self.add(para)
        unplaced = [node for cid in self.reader.comments for node in self.reader.comment_nodes(cid)]
        if unplaced:
            self.reader.warn(self.reader.comments_tree, None, f"{len(unplaced)} comment{'s' if len(unplaced) > 1 else ''}"
                             " with no place in the text: put at the end of the document",
                             "move them where they belong in the draft")
        if self.pending or unplaced:
            self.part.blocks.append(ast.Paragraph(NOWHERE, "text", None, None, tuple(self.pending + unplaced)))
        for part in [self.body, *self.annexes]:
            part.blocks = [replace(b, subparagraphs=_frozen(self.subs[id(b)])) if id(b) in self.subs else b
                           for b in part.blocks]
        made = self.unnumbered_preamble(self.body)
        for annex in self.annexes:
            if self.unnumbered_preamble(annex):
                annex.front["preamble_numbering"] = "none"
        self.front_matter(made)
        return self.body, self.annexes

    # ---------------------------------------------------------- one paragraph

    def add(self, para: _Para) -> None:
        role, level = para.role or ("", 0)
        whole = self.whole_paragraph(para)
        text = _plain(para.tokens).strip(_SPACE)
        if role == "masthead":
            if _SYMBOL.fullmatch(text) and self.symbol is None:
                self.symbol = text
            return
        if role == "front":
            return
        if not text and not any(isinstance(t, (_Atom, _Mark)) for t in para.tokens):
            return  # an empty paragraph: spacing
        if role == "annex" or (_ANNEX_LINE.fullmatch(text) and (role == "heading" or self.bold_only(para))
                               and (para.break_before or not self.reader.own)):
            self.annexes.append(Part({"annex": text or None}))
            return
        if role == "title" or (role == "" and self.title_line(para)):
            if self.annexes and "title" not in self.part.front and not self.part.blocks:
                self.part.front["title"] = text
                return
            if not self.annexes and self.title is None and not self.numbered_yet():
                self.title = text
                return
            role, level = "heading", 1
        if role == "heading" or (role == "" and not para.row and self.bold_only(para) and para.numbered is None):
            self.heading(para, level or 1)
            return
        if role == "sub":
            self.subparagraph(para, level, _typed_sub(_plain(para.tokens), self.reader.language), whole)
            return
        if para.numbered is not None and not para.row and self.numbered(para, whole):
            return
        if not para.row:
            typed = _typed_sub(_plain(para.tokens), self.reader.language)
            if typed and self.has_owner():
                self.subparagraph(para, _sub_level(typed.group("label"), self.first_level_subs()), typed, whole)
                return
            if self.typed(para, whole):
                return
        self.text(para, whole)

    def whole_paragraph(self, para: _Para) -> ast.Proposal | None:
        """A paragraph inserted or deleted whole, its mark too: the proposal of its
        mark's author, its words read as the paragraph's. Changes of others inside
        stay changes: words another inserted into an inserted paragraph, or deleted
        from it (a deletion inside the insertion), or inserted into a deleted one
        (an insertion around the deletion)."""
        mark = para.mark
        words = [t for t in para.tokens if isinstance(t, (_Text, _RefRun, _Atom))
                 and (not isinstance(t, _Text) or t.text.strip(_SPACE))]
        if mark is not None and mark.kind == "ins":
            whole = all(t.rev is not None and (t.rev.kind == "ins" or t.outer == mark) for t in words)
        else:
            whole = all(t.rev == mark for t in words)
        if mark is None or mark.author is None or not words or not whole \
                or not any(mark in (t.rev, t.outer) for t in words):
            if mark is not None and not para.row:
                self.reader.warn(para.tree, para.element, f"a paragraph {'split' if mark.kind == 'ins' else 'joined'}"
                                 f" by a tracked change{' of ' + mark.author if mark.author else ''}: kept "
                                 f"as the paragraphs {'it makes' if mark.kind == 'ins' else 'it joins'}",
                                 "the markup proposes words, not paragraph breaks: join or split the paragraphs by "
                                 "hand if the change is accepted", once="split")
            self.without_edits_of_edits(para)
            return None
        for token in para.tokens:
            if token.rev == mark:
                token.rev, token.outer = token.outer, None
            elif token.outer == mark:
                token.outer = None
        self.without_edits_of_edits(para)
        return ast.Proposal(NOWHERE, "new" if mark.kind == "ins" else "delete", mark.author)

    def without_edits_of_edits(self, para: _Para) -> None:
        """Words one author inserted and another deleted, outside a paragraph proposed
        whole: in neither the original nor the changed text, and the markup nests no
        change in a change. Left out, and said."""
        edited = [t for t in para.tokens if t.outer is not None and t.rev is not None and t.rev.kind == "del"]
        if edited:
            self.reader.warn(para.tree, para.element, "words inserted by one author and deleted by another: left out, "
                             "as they are in neither the original nor the changed text",
                             "check the paragraph against the Word file", once="insert-deleted")
            para.tokens = [t for t in para.tokens if not (t.outer is not None and t.rev is not None
                                                          and t.rev.kind == "del")]
        for token in para.tokens:
            token.outer = None

    def bold_only(self, para: _Para) -> bool:
        """A short line of bold words alone: a heading, as Word users make one."""
        words = [t for t in para.tokens if isinstance(t, (_Text, _RefRun)) and (not isinstance(t, _Text)
                                                                               or t.text.strip(_SPACE))]
        text = _plain(para.tokens).strip(_SPACE)
        return bool(words) and all("bold" in t.styles for t in words) and len(text) <= _HEADING_MAX \
            and not text.endswith((",", ";", ":")) and not any(isinstance(t, _Atom) and t.rev for t in para.tokens)

    def title_line(self, para: _Para) -> bool:
        """The first bold centred line before any paragraph (of the body, or of an
        annex after its label): the title, in a file that does not use the Title style."""
        if self.reader.own or not para.centred or not self.bold_only(para):
            return False
        if self.annexes:
            return "title" not in self.part.front and not self.part.blocks
        return self.title is None and not self.numbered_yet()

    def numbered_yet(self) -> bool:
        return self.any_numbered

    def has_owner(self) -> bool:
        return bool(self.part.blocks) and isinstance(self.part.blocks[-1], ast.Paragraph)

    def first_level_subs(self) -> int:
        """How many sub-paragraphs of the first level the last paragraph has so far."""
        return len(self.subs.get(id(self.part.blocks[-1]), [])) if self.has_owner() else 0

    # ------------------------------------------------------------ kinds

    def heading(self, para: _Para, level: int) -> None:
        tokens = self.accepted(para, "a heading")
        text = _plain(tokens)
        number = heading_number(text.lstrip(_SPACE))
        written = None
        if number is not None and text.lstrip(_SPACE)[number.end():number.end() + 1] in ("\t", " ", ""):
            written = number.group()
            tokens = _without_prefix(tokens, len(text) - len(text.lstrip(_SPACE)) + number.end())
        elif self.reader.language in ("ar", "zh") and (opening := numbering.HEADING_OPENING.match(text)) \
                and (read := numbering.markup_heading_number(opening.group(1))):
            written, tokens = read, _without_prefix(tokens, opening.end())  # "أولا - " is I.
        content = _Content(self.reader, self.own).bracketed(tokens)
        if content or written:
            self.part.blocks.append(ast.Heading(NOWHERE, min(level, 3), content, written_number=written))

    def accepted(self, para: _Para, what: str) -> list[_Token]:
        """A paragraph's tokens as changed (insertions kept, deletions left out), its
        comments kept for the next paragraph: for what holds no change or comment."""
        kept = []
        for token in para.tokens:
            if isinstance(token, _Mark):
                if token.kind == "ref" or (token.kind == "end" and token.id not in self.reader.referenced):
                    self.pending += self.reader.comment_nodes(token.id)
                continue
            if token.rev is not None:
                self.reader.warn(para.tree, para.element, f"tracked changes in {what}: read as changed",
                                 f"the markup holds changes in paragraphs, not in {what}s", once="changes-" + what)
                if token.rev.kind == "del":
                    continue
                token.rev = None
            kept.append(token)
        return kept

    def numbered(self, para: _Para, whole: ast.Proposal | None) -> bool:
        """A paragraph of one of Word's automatic lists; False when its number is none
        the markup has (read as typed text then)."""
        num_id, level = para.numbered
        number = self.reader.numbering.number(num_id, level, counted=whole is None or whole.kind != "new")
        if number is None:
            return False
        label, paragraphs = number
        if label == "\u2022":
            if not self.has_owner():
                return False
            if not self.said_bullets:
                self.said_bullets = True
                self.reader.warn(para.tree, para.element, "a bulleted list: made sub-paragraphs (a), (b), ... of "
                                 "the paragraph before it", "the markup numbers sub-paragraphs; check the list")
            self.subparagraph(para, self.sub_level(level, paragraphs), None, whole, written="(#)")
            return True
        if paragraphs and level == 0:
            parts = marker_parts(label) if label.endswith(".") else None
            if parts is None or parts.automatic is not None or rank_of(parts.suffix) is None:
                return False
            if parts.part == "preamble":
                self.numbering.add("letters" if parts.letters else "pp")
            if whole is not None and whole.kind == "new" and parts.part == "operative":
                marker = ast.Marker(NOWHERE, "#+.", "insert")  # Word counts it; the negotiation does not yet
            else:
                marker = ast.Marker(NOWHERE, label, "explicit", Number(parts.base, rank_of(parts.suffix)))
            self.paragraph(para, parts.part, marker, para.tokens, whole)
            self.list_level = level
            return True
        if not self.has_owner():
            return False
        sub_level = self.sub_level(level, paragraphs)
        typed = re.fullmatch(r"\(?([a-z]{1,2}|[ivxlc]{1,8})[.)]", label)
        self.subparagraph(para, max(1, sub_level), None, whole, written=f"({typed.group(1)})" if typed else "(#)")
        return True

    def sub_level(self, level: int, paragraphs: bool) -> int:
        """A sub-paragraph's level from its list level: below the list level of the
        paragraph it belongs to when Word numbered that one too (pandoc nests a
        list of its own one level down), else below its list's paragraph numbers."""
        if self.list_level is not None:
            return max(1, level - self.list_level)
        return max(1, level + (0 if paragraphs else 1))

    def typed(self, para: _Para, whole: ast.Proposal | None) -> bool:
        """A paragraph whose number is typed at its start ("12.\\t", "PP3. ", "C.\\t")."""
        text = _plain(para.tokens)
        found = _TYPED_MARKER.match(text)
        printed = _TYPED_PRINTED.match(text) if self.reader.language != "en" else None
        if printed is not None and (markup := numbering.markup_number(printed.group(1), self.reader.language)):
            found, written = printed, markup  # "12 bis.\t", "12 مكررا -\t", as the language prints it
        elif found is None:
            return False
        else:
            written = found.group(1).replace("\t", " ")
        parts = marker_parts(written)
        if parts is None or parts.automatic is not None or rank_of(parts.suffix) is None:
            return False
        if parts.letters is not None and "\t" not in found.group(2):
            # "A. B. Smith ...": a letter and a dot open sentences too; a preambular letter
            # is followed by a tab, or by the italic opening of its paragraph.
            rest = _without_prefix(para.tokens, found.end())
            first = next((t for t in rest if isinstance(t, _Text) and t.text.strip(_SPACE)), None)
            if first is None or "italic" not in first.styles:
                return False
        if parts.part == "preamble":
            self.numbering.add("letters" if parts.letters else "pp")
        marker = ast.Marker(NOWHERE, written, "explicit", Number(parts.base, rank_of(parts.suffix)))
        self.paragraph(para, parts.part, marker, _without_prefix(para.tokens, found.end()), whole)
        return True

    def paragraph(self, para: _Para, part: ast.Part, marker: ast.Marker | None, tokens: list[_Token],
                  whole: ast.Proposal | None) -> None:
        self.list_level = None  # the list level of this paragraph's number, when Word numbers it
        status, tokens = self.status(tokens)
        if whole is not None and marker is None:
            tokens = [_with_rev(t, _Rev("ins" if whole.kind == "new" else "del", whole.author)) for t in tokens]
            whole = None  # unnumbered text takes no attribute block: its words are the change
        content = self.pending_and(self.content(tokens))
        label = next(iter(para.labels), None)
        self.part.blocks.append(ast.Paragraph(NOWHERE, part, marker, ast.Label(NOWHERE, label) if label else None,
                                              content, status=status, proposal=whole))
        self.any_numbered = self.any_numbered or (part != "text" and not self.annexes)

    def text(self, para: _Para, whole: ast.Proposal | None) -> None:
        if self.formula is None and not self.part.blocks and not self.annexes and not para.row and not self.own:
            words = _plain(para.tokens).strip(_SPACE)
            if words.rstrip(",") == "The General Assembly" and not any(isinstance(t, _Mark) for t in para.tokens):
                self.formula = words
                return
        self.paragraph(para, "text", None, para.tokens, whole)

    def subparagraph(self, para: _Para, level: int, typed: re.Match | None, whole: ast.Proposal | None,
                     written: str | None = None) -> None:
        tokens = _without_prefix(para.tokens, typed.end()) if typed else para.tokens
        if written is None:
            written = f"({typed.group('label')})" if typed else "(#)"
        if not self.has_owner():
            # Nothing to hang it on: unnumbered text, its label kept as its first words.
            self.text(para, whole)
            return
        owner = self.part.blocks[-1]
        if whole is not None and whole != owner.proposal:
            # A sub-paragraph takes no attribute block: its words are the change (unless the
            # paragraph it belongs to is proposed whole by the same author: then they are the paragraph's).
            tokens = [_with_rev(t, _Rev("ins" if whole.kind == "new" else "del", whole.author)) for t in tokens]
        content = self.pending_and(self.content(tokens))
        label = next(iter(para.labels), None)
        depth, siblings = 1, self.subs.setdefault(id(owner), [])
        while depth < min(level, MAX_SUB_LEVEL) and siblings:
            depth, siblings = depth + 1, siblings[-1].children
        if depth < level:
            self.reader.warn(para.tree, para.element, f"a sub-paragraph at level {level} with none at level {depth} "
                             f"above it{' (the markup nests four levels)' if level > MAX_SUB_LEVEL else ''}: "
                             f"made level {depth}", "check the list's levels", once="sub-level")
        if written != sub_label(depth, len(siblings) + 1):
            written = "(#)"  # a label the markup would read otherwise there: wsisc numbers it
        siblings.append(_OpenSub(ast.SubParagraph(NOWHERE, ast.SubMarker(NOWHERE, written, None), depth,
                                                  ast.Label(NOWHERE, label) if label else None, content)))

    def status(self, tokens: list[_Token]) -> tuple[str, list[_Token]]:
        """A status written after the number ("[Agreed ad ref.]"), in the Status style or as typed."""
        text = _plain(tokens)
        found = _STATUS.match(text)
        first = next((t for t in tokens if isinstance(t, _Text) and t.text.strip(_SPACE)), None)
        if found is None or first is None or first.rev is not None or (self.own and first.role != "status"):
            return "pending", tokens
        return _STATUS_WORDS[found.group(1).lower()], _without_prefix(tokens, found.end())

    def pending_and(self, content: tuple[ast.Inline, ...]) -> tuple[ast.Inline, ...]:
        if not self.pending:
            return content
        held, self.pending = tuple(self.pending), []
        return held + content

    def content(self, tokens: list[_Token]) -> tuple[ast.Inline, ...]:
        return _Content(self.reader, self.own).inlines(tokens)

    # ------------------------------------------------------ after the text

    def unnumbered_preamble(self, part: Part) -> bool:
        """In a preamble printed without numbers (as adopted texts are), the
        unnumbered paragraphs before the first numbered one that open with
        italic words are its preambular paragraphs: `PP#.`. Whether there were any."""
        if self.numbering:
            return False  # the preamble's numbers are typed: unnumbered text is text
        first_operative = next((i for i, b in enumerate(part.blocks) if isinstance(b, ast.Paragraph)
                                and b.part == "operative"), None)
        made = False
        for i, block in enumerate(part.blocks[:first_operative or 0]):
            if isinstance(block, ast.Paragraph) and block.part == "text" and _opens_in_italics(block.content):
                part.blocks[i] = replace(block, part="preamble", marker=ast.Marker(NOWHERE, "PP#.", "next"))
                made = True
        return made

    def front_matter(self, unnumbered_preamble: bool) -> None:
        for n, annex in enumerate(self.annexes, 1):
            front = self.reader.property_front(f"wsisc-annex-{n}-front-matter", annex=True)
            if front is not None:
                annex.front = {"annex": annex.front.get("annex"), **front}  # its label as printed, unless it says
        own = self.reader.property_front("wsisc-front-matter", annex=False)
        if own is not None:
            self.body.front = own
            self.without_formula(own)
        else:
            front = self.body.front
            if self.symbol:
                front["symbol"] = self.symbol
            if self.title:
                front["title"] = self.title
            numbered = [b for b in self.body.blocks if isinstance(b, ast.Paragraph) and b.part == "operative"]
            texts = [plain_text(b.content).strip() for b in numbered]
            if texts and sum(t.startswith("We ") for t in texts) > len(texts) // 2:
                front["document_type"] = "outcome"
            elif self.formula is None and self.body.blocks:
                front["formula"] = ""  # the file prints none: the draft adds none
            numbering = "letters" if "letters" in self.numbering else "pp" if "pp" in self.numbering else \
                "none" if unnumbered_preamble else None
            if numbering:
                front["preamble_numbering"] = numbering
        if self.reader.declared:
            self.body.front["authors"] = dict(self.reader.declared)


    def without_formula(self, front: dict[str, object]) -> None:
        """The enacting formula, which wsisc's export prints as the body's first line:
        not a paragraph of the draft, whose front matter makes it."""
        first = self.body.blocks[0] if self.body.blocks else None
        if not (isinstance(first, ast.Paragraph) and first.part == "text" and not first.subparagraphs):
            return
        language = str(front.get("language", "en"))
        formula, organ = front.get("formula"), front.get("organ", ORGAN.get(language, ORGAN["en"]))
        if isinstance(formula, str):
            expected = {formula} if formula else set()
        elif front.get("document_type", "resolution") == "resolution":
            words = formula_words(language, str(organ))  # "The General Assembly", "L’Assemblée générale"
            expected = {words, words + FORMULA_COMMA.get(language, ",")}
        else:
            expected = set()
        if plain_text(first.content).strip() in expected:
            del self.body.blocks[0]


class _Content:
    """A paragraph's tokens -> its inlines: tracked changes grouped into
    proposals, comments placed at their references with their anchors, square
    brackets matched, emphasis nested, as the markup can write them."""

    def __init__(self, reader: _Reader, own: bool):
        self.reader = reader
        self.own = own

    def inlines(self, tokens: list[_Token]) -> tuple[ast.Inline, ...]:
        return self.level(tokens, in_change=False)

    def level(self, tokens: list[_Token], in_change: bool) -> tuple[ast.Inline, ...]:
        items = self.changes(tokens) if not in_change else tokens
        items = self.comments(items)
        return self.bracketed(items)

    def changes(self, tokens: list[_Token]) -> list:
        """Runs of one tracked change -> one Change: a deletion followed by an
        insertion of the same author -> a substitution."""
        _rotate_spaces(tokens)
        items: list = []
        i = 0
        while i < len(tokens):
            rev = tokens[i].rev
            if rev is None:
                items.append(tokens[i])
                i += 1
                continue
            j = _run_end(tokens, i)
            group = [_with_rev(t, None) for t in tokens[i:j]]
            if rev.kind == "del" and j < len(tokens) and tokens[j].rev is not None and tokens[j].rev.kind == "ins" \
                    and tokens[j].rev.author == rev.author:
                k = _run_end(tokens, j)
                new = [_with_rev(t, None) for t in tokens[j:k]]
                old_content, new_content = self.change_content(group), self.change_content(new)
                if old_content and new_content:
                    items.append(ast.Change(NOWHERE, "substitute", rev.author, old=old_content, new=new_content))
                elif old_content or new_content:
                    items.append(ast.Change(NOWHERE, "delete" if old_content else "insert", rev.author,
                                            old=old_content, new=new_content))
                items += [t for t in group + new if isinstance(t, _Mark)] if not (old_content or new_content) else []
                i = k
                continue
            content = self.change_content(group)
            if content:
                items.append(ast.Change(NOWHERE, "insert" if rev.kind == "ins" else "delete", rev.author,
                                        **{"new" if rev.kind == "ins" else "old": content}))
            else:
                items += [t for t in group if isinstance(t, _Mark)]  # a change of nothing but spaces: its comments stay
            i = j
        return items

    def change_content(self, tokens: list[_Token]) -> tuple[ast.Inline, ...]:
        """A change's words; a space at its end is part of them (`{++EU: further ++}promote`)."""
        nodes = list(self.level(tokens, in_change=True))
        if nodes and _plain(tokens)[-1:] in (" ", "\t", "\u00a0"):
            last = nodes[-1]
            if isinstance(last, ast.Text):
                nodes[-1] = ast.Text(NOWHERE, last.value.rstrip(" ") + " ")
            else:
                nodes.append(ast.Text(NOWHERE, " "))
        return tuple(nodes)

    def comments(self, items: list) -> list:
        """Each comment where its reference stands (or its range ends, when it has no
        reference), anchored on the words of its range when they are words alone."""
        out: list = []
        starts: dict[str, int] = {}
        for item in items:
            if not isinstance(item, _Mark):
                out.append(item)
                continue
            if item.kind == "start":
                starts[item.id] = len(out)
                continue
            if item.kind == "end" and item.id in self.reader.referenced:
                continue
            nodes = self.reader.comment_nodes(item.id)
            if not nodes:
                if item.id not in self.reader.comments and item.kind == "ref":
                    self.reader.warn(None, None, f"a comment reference (w:id {item.id[:20]}) to no comment: left out",
                                     "check the comments in the Word file", once="lost-comment")
                continue
            at = starts.pop(item.id, None)
            words_alone = at is not None and at < len(out) and \
                all(isinstance(out[i], (_Text, _RefRun)) for i in range(at, len(out)))
            anchor_items = out[at:] if words_alone else []
            if anchor_items and _plain(anchor_items).strip(_SPACE):
                del out[at:]
                lead = len(_plain(anchor_items)) - len(_plain(anchor_items).lstrip(_SPACE))
                if lead:
                    out.append(_Text(" ", frozenset(), None))
                nodes[0] = replace(nodes[0], anchor=_inlines(anchor_items))
                trail = _plain(anchor_items)[-1:] in _SPACE
                out.append(nodes[0])
                if trail:
                    out.append(_Text(" ", frozenset(), None))
                out += nodes[1:]
                continue
            out += nodes
        return out

    def bracketed(self, items: list) -> tuple[ast.Inline, ...]:
        """Square brackets that open and close in the paragraph -> the markup's
        brackets (in a file wsisc wrote, those in the Bracket style alone); one
        left unmatched stays text."""
        split: list = []
        for item in items:
            if isinstance(item, _Text) and ("[" in item.text or "]" in item.text) and \
                    (not self.own or item.role == "bracket"):
                for piece in re.split(r"([\[\]])", item.text):
                    if piece in ("[", "]"):
                        split.append(_Bracket(piece))
                    elif piece:
                        split.append(_Text(piece, item.styles, None, item.role))
            else:
                split.append(item)
        open_ones: list[_Bracket] = []
        for item in split:
            if isinstance(item, _Bracket) and item.char == "[":
                open_ones.append(item)
            elif isinstance(item, _Bracket) and open_ones:
                opening = open_ones.pop()
                # Brackets nest a few deep in a draft; deeper ones stay text (and the reading, flat).
                opening.matched = item.matched = len(open_ones) < _MAX_BRACKET_DEPTH
        nodes, _ = self.nested(split, 0)
        return _inlines(nodes)

    def nested(self, items: list, at: int) -> tuple[list, int]:
        """The items from ``at`` up to the closing bracket of the one before (or the
        end), each matched pair made an ast.Bracket of its alternatives."""
        out: list = []
        while at < len(items):
            item = items[at]
            at += 1
            if isinstance(item, _Bracket) and item.matched and item.char == "[":
                inner, at = self.nested(items, at)
                out.append(ast.Bracket(NOWHERE, tuple(_inlines(part) for part in _alternatives(inner))))
            elif isinstance(item, _Bracket) and item.matched:
                return out, at
            elif isinstance(item, _Bracket):
                out.append(_Text(item.char, frozenset(), None))
            else:
                out.append(item)
        return out, at


# ------------------------------------------------------------------ helpers

def _attribute(element: ET.Element | None, tag: str) -> str | None:
    """``<w:tag w:val="..."/>``'s value, under ``element``."""
    if element is None:
        return None
    found = element.find(W + tag)
    return found.get(W + "val") if found is not None else None


def _on(element: ET.Element | None, tag: str) -> bool:
    found = element.find(W + tag) if element is not None else None
    return found is not None and (found.get(W + "val") or "1").lower() not in _OFF


def _int(text: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(text or ""), low), high)
    except ValueError:
        return default


def _plain_value(value: object) -> bool:
    """A front matter value the draft's YAML can hold as read: text, a number, a
    date, a list of those, or (authors) initials -> names."""
    import datetime

    scalar = (str, int, float, datetime.date, type(None))
    if isinstance(value, bool):
        return False
    if isinstance(value, scalar):
        return True
    if isinstance(value, list):
        return len(value) <= 100 and all(isinstance(v, scalar) and not isinstance(v, bool) for v in value)
    if isinstance(value, dict):
        return len(value) <= 500 and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    return False


def _initials_from(name: str) -> str:
    """Initials made from a name: "European Union" -> "EU", "United States of America" -> "USA"."""
    if is_author(name) and len(name) <= 8:
        return name
    words = [w for w in re.findall(r"[^\W_]+", name) if w.lower() not in _SMALL_WORDS] or re.findall(r"[^\W_]+", name)
    if len(words) == 1:
        return words[0][:3].capitalize() if is_author(words[0][:3].capitalize()) else "A"
    initials = "".join(w if w.isdigit() else w[0].upper() for w in words[:6])  # "Group of 77 and China": G77C
    return initials if is_author(initials) else "A"


class _Taken(set):
    """Initials in use; the next free ones like these: EU, EU2, EU3 (counted, not searched)."""

    def __init__(self, initials: Iterable[str]):
        super().__init__(initials)
        self.next: dict[str, int] = {}

    def unique(self, initials: str) -> str:
        found = initials
        while found in self:
            self.next[initials] = self.next.get(initials, 1) + 1
            found = f"{initials}{self.next[initials]}"
        self.add(found)
        return found


def _plain(tokens: Iterable) -> str:
    return "".join(t.text for t in tokens if isinstance(t, _Text))


def _without_prefix(tokens: list[_Token], length: int) -> list[_Token]:
    """The tokens without the first ``length`` characters of their text (a number, a status)."""
    out: list[_Token] = []
    for token in tokens:
        if length > 0 and isinstance(token, _Text):
            if len(token.text) <= length:
                length -= len(token.text)
                continue
            token = _Text(token.text[length:], token.styles, token.rev, token.role)
            length = 0
        out.append(token)
    return out


def _marks_moved(paragraphs: list[_Para]) -> None:
    """Word marks a paragraph typed after another, with Enter at the end of that
    one, by inserting the first one's mark: the new paragraph's own mark is the
    old one. The mark is moved to the new paragraph, which is then inserted whole
    (and the same for a paragraph deleted from the end of the one before)."""
    for para, following in zip(paragraphs, paragraphs[1:]):
        if para.mark is None or following.mark is not None or para.row or following.row:
            continue
        words = [t for t in following.tokens if not isinstance(t, _Mark)
                 and not (isinstance(t, _Text) and not t.text.strip(_SPACE))]
        own = [t for t in para.tokens if not isinstance(t, _Mark) and not (isinstance(t, _Text) and not t.text.strip(_SPACE))]
        if words and all(t.rev == para.mark for t in words) and not all(t.rev == para.mark for t in own):
            following.mark, para.mark = para.mark, None


def _with_rev(token: _Token, rev: _Rev | None) -> _Token:
    return replace(token, rev=rev)


def _run_end(tokens: list[_Token], i: int) -> int:
    rev = tokens[i].rev
    j = i
    while j < len(tokens) and tokens[j].rev == rev:
        j += 1
    return j


def _rotate_spaces(tokens: list[_Token]) -> None:
    """An insertion or deletion that opens with a space between words ("to" +
    " further" + " promote"): the space moves to its end ("to " + "further " +
    "promote"), which reads the same, accepted or rejected, and which the markup
    can write (the spaces after `EU: ` are not part of the words)."""
    for i, token in enumerate(tokens):
        if not (isinstance(token, _Text) and token.rev is not None and token.text[:1] in (" ", "\u00a0")):
            continue
        if i > 0 and tokens[i - 1].rev == token.rev:
            continue  # not the change's first run
        end = _run_end(tokens, i)
        after = tokens[end] if end < len(tokens) else None
        before = tokens[i - 1] if i > 0 else None
        token.text = token.text.lstrip(" \u00a0")
        if isinstance(after, _Text) and after.rev is None and after.text[:1] == " " and isinstance(before, _Text) \
                and before.rev is None and before.text[-1:] not in _SPACE:
            last = next(t for t in reversed(tokens[i:end]) if isinstance(t, _Text))
            last.text = last.text + " " if last.text else " "
            after.text = after.text[1:]
            before.text += " "


def _alternatives(items: list) -> list[list]:
    """A bracket's items split at each `/` between lower-case words or spaces, as the parser splits them."""
    out: list[list] = [[]]
    for item in items:
        if isinstance(item, _Text) and "/" in item.text:
            pieces = _ALTERNATIVE_SLASH.split(item.text)
            for n, piece in enumerate(pieces):
                if n:
                    out.append([])
                if piece:
                    out[-1].append(_Text(piece, item.styles, None, item.role))
            continue
        out[-1].append(item)
    return out


def _inlines(tokens: list) -> tuple[ast.Inline, ...]:
    """Tokens and whole inlines -> inlines, emphasis nested: runs of text carry
    the emphasis they share with their neighbours as one element each, so that
    `*Recalling **also** that*` comes out nested, not cut."""
    runs: list = []
    segment: list = []

    def flush() -> None:
        for token, path in zip(segment, _paths([t.styles for t in segment], [_blank(t) for t in segment])):
            runs.append((token.text if isinstance(token, _Text) else ast.Ref(NOWHERE, token.label), path))
        segment.clear()

    for token in tokens:
        if isinstance(token, (_Text, _RefRun)):
            segment.append(token)
        elif isinstance(token, _Atom):
            flush()
            runs.append(token.node)
        elif not isinstance(token, _Mark):
            flush()
            runs.append(token)
    flush()
    return built(runs)


def _blank(token) -> bool:
    return isinstance(token, _Text) and not token.text.strip(_SPACE)


def _paths(styles: list[frozenset[str]], blank: list[bool]) -> list[StylePath]:
    """Each run's emphases as a path of elements, the longest emphasis outermost:
    runs that share an emphasis share its element (blank runs between go with it)."""
    paths: list[StylePath] = [()] * len(styles)

    def assign(low: int, high: int, open_styles: frozenset[str], prefix: StylePath) -> None:
        i = low
        while i < high:
            extra = styles[i] - open_styles
            if not extra:
                paths[i] = prefix
                i += 1
                continue
            best, best_end = None, i
            for style in _STYLE_ORDER:
                if style in extra:
                    j = i
                    while j < high and (style in styles[j] or blank[j]):
                        j += 1
                    while j > i + 1 and style not in styles[j - 1]:
                        j -= 1  # blank runs at the end are not inside
                    if j > best_end:
                        best, best_end = style, j
            element = object()
            assign(i, best_end, open_styles | {best}, prefix + ((element, (best,)),))
            i = best_end

    assign(0, len(styles), frozenset(), ())
    return paths


@dataclass
class _OpenSub:
    """A sub-paragraph while its paragraph is read: its children still to come."""

    sub: ast.SubParagraph
    children: list["_OpenSub"] = field(default_factory=list)


def _frozen(subs: list[_OpenSub]) -> tuple[ast.SubParagraph, ...]:
    return tuple(replace(s.sub, children=_frozen(s.children)) for s in subs)


@dataclass(frozen=True)
class _TypedLabel:
    """A sub-paragraph label typed as another language prints it ("a)", "(أ)", "’2‘"),
    read as the markup's letters or numeral: what `_TYPED_SUB`'s match gives."""

    label: str
    length: int

    def group(self, name: str) -> str:
        return self.label

    def end(self) -> int:
        return self.length


def _typed_sub(text: str, language: str) -> re.Match | _TypedLabel | None:
    """The label a paragraph's text opens with, as the markup's or as the language prints it."""
    typed = _TYPED_SUB.match(text)
    if typed is not None or language == "en":
        return typed
    printed = _TYPED_PRINTED.match(text)
    read = numbering.read_sub_label(printed.group(1)) if printed else None
    if read is None:
        return None
    return _TypedLabel(alpha_label(read[1]) if read[0] == 1 else roman(read[1]), printed.end())


def _property_language(properties: dict[str, tuple[str, Tree, ET.Element]]) -> str:
    """The `language:` of the front matter wsisc's export keeps in a property; English without one."""
    text = properties.get("wsisc-front-matter", ("",))[0][:_MAX_PROPERTY]
    found = re.search(r"^language:[ \t]*([\"']?)([A-Za-z]+)\1[ \t]*$", text, re.MULTILINE)
    return (code_for(found.group(2)) if found else None) or DEFAULT_LANGUAGE


def _sub_level(label: str, siblings: int) -> int:
    """A typed label's level, after ``siblings`` sub-paragraphs of the first level: a Roman
    numeral ((i), (iv)) is the second level, unless it is the next letter of the first
    ((i) after (h), (c) after (b))."""
    if from_roman(label) is None or from_alpha_label(label) == siblings + 1:
        return 1
    return 2 if siblings else 1


def _opens_in_italics(content: tuple[ast.Inline, ...]) -> bool:
    """A preambular paragraph's opening words: in italics; in bold in Chinese, which
    has no italics (A/RES/78/265, Chinese: "<span class="bold">重申</span>")."""
    first = content[0] if content else None
    return isinstance(first, ast.Emphasis) and first.style in ("italic", "bold") and \
        (first.style == "italic" or any(isinstance(c, ast.Emphasis) and c.style == "italic" for c in first.children)
         or _CHINESE.match(plain_text(first.children)) is not None)


_CHINESE = re.compile("[\u4e00-\u9fff]")  # the CJK Unified Ideographs

