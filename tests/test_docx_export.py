"""Word export (issue 12, point 1): every example in every view is a .docx that
python-docx, lxml and pandoc read as the contract of docs/docx.md says: the
contract's named styles, numbers as text, proposals as tracked changes under
their delegation's name, comments as Word comments, footnotes as Word footnotes."""

from __future__ import annotations

import collections
import datetime
import io
import json
import zipfile
from functools import lru_cache
from pathlib import Path

import docx
import pytest
from lxml import etree

from conftest import ROOT, compile_text, wsisc

from wsis20 import ast, walk
from wsis20.pipeline import compile_document
from wsis20.languages import views
from wsis20.writers import (STATUS_WORDS, WRITERS, change_phrase, heading_number, paragraph_number, proposer,
                            sub_number)
from wsis20.writers.docx import write
from wsis20.writers.masthead import masthead

VIEWS = ("negotiation", "clean", "original", "compilation")
EXAMPLES = sorted((ROOT / "examples").glob("*.wsis"))
ZERO_DRAFT = ROOT / "examples" / "wsis20-zero-draft.wsis"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REVISIONS = (f"{W}ins", f"{W}del")
A4 = (11906, 16838)  # twips, as Word gives 210 x 297 mm

# The contract's styles (docs/docx.md): the UN template's names, which the reader looks for.
PARAGRAPH_STYLES = ("SingleTxt", "SubPara1", "SubPara2", "SubPara3", "SubPara4", "HCh", "H1", "H23", "Title",
                    "AnnexLabel", "MercuryDocument", "FootnoteText", "CommentText")
CHARACTER_STYLES = ("FootnoteReference", "PreambleOpening", "Status", "Bracket", "Reference")
TEXT_STYLES = {"SingleTxt", "SubPara1", "SubPara2", "SubPara3", "SubPara4", "HCh", "H1", "H23", "ProposalList"}


# ------------------------------------------------------------------ helpers

@lru_cache(maxsize=None)
def compiled(path: Path, view: str = "negotiation") -> ast.Document:
    result = compile_document(str(path), path.read_bytes(), view=view)
    assert not result.failed, [d.message for d in result.diagnostics]
    return result.document


@lru_cache(maxsize=None)
def built(path: Path, view: str = "negotiation", paper: str = "a4") -> bytes:
    from wsis20.writers import WriteOptions

    return write(compiled(path, view), view, WriteOptions(paper=paper, source_dir=path.parent))


def from_text(text: str, view: str = "negotiation") -> tuple[ast.Document, bytes]:
    result = compile_text(text, view=view)
    assert not result.failed, [d.message for d in result.diagnostics]
    return result.document, write(result.document, view)


def part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def has_part(data: bytes, name: str) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return name in package.namelist()


def w(name: str) -> str:
    return f"{W}{name}"


def style_of(p) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(w("val")) if style is not None else None


def words(element) -> str:
    """The words of an element as Word shows them with changes tracked: inserted
    and deleted words alike, tabs as tabs."""
    out = []
    for node in element.iter(w("t"), w("delText"), w("tab")):
        if node.tag == w("tab"):
            if node.getparent().tag == w("r"):
                out.append("\t")
        else:
            out.append(node.text or "")
    return "".join(out)


def shown(nodes: tuple[ast.Inline, ...]) -> str:
    """The same words from the tree: a change's old and new words, a comment's
    anchor, no footnote (its words are in the footnotes part)."""
    out = []
    for node in nodes:
        match node:
            case ast.Text():
                out.append(node.value.replace("\n", " "))
            case ast.Emphasis():
                out.append(shown(node.children))
            case ast.Ref():
                out.append(node.target or node.label)
            case ast.Comment():
                out.append(shown(node.anchor or ()))
            case ast.Change():
                out.append(shown(node.old) + shown(node.new))
            case ast.Bracket():
                out.append("[" + "/".join(shown(a) for a in node.alternatives) + "]")
    return "".join(out)


def expected_paragraphs(document: ast.Document) -> list[tuple[str, str]]:
    """(style, words) of each heading, paragraph, sub-paragraph and compilation
    line, in order: numbers and labels as text before a tab, the status after it;
    each as the draft's language prints it (languages/numbering.py, views.py)."""
    out: list[tuple[str, str]] = []
    language = document.front.language
    statuses = views.status_words(language)

    def subs(items, level):
        for sub in items:
            out.append((f"SubPara{level}", f"{sub_number(sub, language)}\t{shown(sub.content)}"))
            subs(sub.children, level + 1)

    for scope in walk.scopes(document):
        for block in scope.blocks:
            if isinstance(block, ast.Heading):
                printed = heading_number(block, language)
                number = f"{printed} " if printed and block.content else printed or ""
                out.append(({1: "HCh", 2: "H1", 3: "H23"}[block.level], number + shown(block.content)))
            elif isinstance(block, ast.Paragraph):
                number = paragraph_number(block, scope.front.preamble_numbering, language)
                status = f"[{statuses[block.status]}] " if block.status in STATUS_WORDS else ""
                out.append(("SingleTxt", (f"{number}\t" if number else "") + status + shown(block.content)))
                subs(block.subparagraphs, 1)
                for change in block.proposed:
                    phrase = "".join(p if isinstance(p, str) else shown(p) for p in change_phrase(change, language))
                    out.append(("ProposalList", f"{proposer(document.front, change.author)}"
                                                f"{views.words('colon', language)} {phrase}"))
    return out


def body_paragraphs(data: bytes) -> list:
    return list(part(data, "word/document.xml").iter(w("p")))


def top_revisions(root) -> list[tuple[str, str, str]]:
    """(ins or del, author, words) of each w:ins and w:del not inside another."""
    found = []
    for element in root.iter(*REVISIONS):
        if element.getparent().tag in REVISIONS or element.getparent().tag == w("rPr"):
            continue
        found.append((element.tag[len(W):], element.get(w("author")), words(element)))
    return found


def expected_changes(document: ast.Document) -> list[tuple[str, str, str]]:
    out = []
    for node in walk.inlines(document):
        if isinstance(node, ast.Change):
            name = document.front.author_name(node.author) or node.author
            if node.kind != "insert":
                out.append(("del", name, shown(node.old)))
            if node.kind != "delete":
                out.append(("ins", name, shown(node.new)))
    return out


def comment_anchors(root) -> dict[str, str]:
    """Each comment id -> the words between its range start and end."""
    open_ranges: dict[str, list[str]] = {}
    anchors: dict[str, str] = {}
    for node in root.iter():
        if node.tag == w("commentRangeStart"):
            open_ranges[node.get(w("id"))] = []
        elif node.tag == w("commentRangeEnd"):
            anchors[node.get(w("id"))] = "".join(open_ranges.pop(node.get(w("id"))))
        elif node.tag in (w("t"), w("delText")):
            for collected in open_ranges.values():
                collected.append(node.text or "")
    assert not open_ranges, "a comment's range is never closed"
    return anchors


def custom_properties(data: bytes) -> dict[str, str]:
    root = part(data, "docProps/custom.xml")
    return {prop.get("name"): prop[0].text for prop in root}


# ------------------------------------------------------------------ the command

def test_docx_is_a_build_format_named_by_its_extension(tmp_path):
    from wsis20.cli import BUILD_FORMATS
    from wsis20.writers import EXTENSIONS, SUFFIXES

    assert "docx" in BUILD_FORMATS and WRITERS["docx"] == "wsis20.writers.docx"
    assert EXTENSIONS[".docx"] == "docx" and SUFFIXES["docx"] == ".docx"
    out = tmp_path / "zero.docx"
    result = wsisc("build", ZERO_DRAFT, "-o", out, "--quiet")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == built(ZERO_DRAFT)
    folder = tmp_path / "out"
    result = wsisc("build", ZERO_DRAFT, "-d", folder, "--format", "docx", "--view", "clean", "--quiet")
    assert result.returncode == 0, result.stderr
    assert (folder / "wsis20-zero-draft.docx").read_bytes() == built(ZERO_DRAFT, "clean")


def test_a_draft_with_errors_leaves_the_previous_file_as_it_was(tmp_path):
    draft = tmp_path / "draft.wsis"
    draft.write_text("1. Fine.\n\n1. A duplicate number.\n", encoding="utf-8")
    out = tmp_path / "draft.docx"
    out.write_bytes(b"the previous file")
    result = wsisc("build", draft, "-o", out)
    assert result.returncode == 1
    assert out.read_bytes() == b"the previous file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx", "draft.wsis"]  # no temporary file left


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_builds_in_every_view_with_every_paragraph_in_order(path, view):
    data = built(path, view)
    opened = docx.Document(io.BytesIO(data))
    assert (opened.sections[0].page_width.twips, opened.sections[0].page_height.twips) == A4
    found = [(style_of(p), words(p)) for p in body_paragraphs(data) if style_of(p) in TEXT_STYLES]
    assert found == expected_paragraphs(compiled(path, view))


def test_the_zero_draft_has_every_paragraph_with_its_printed_number():
    data = built(ZERO_DRAFT)
    numbers = [words(p).split("\t", 1)[0] for p in body_paragraphs(data)
               if style_of(p) == "SingleTxt" and "\t" in words(p)]
    document = compiled(ZERO_DRAFT)
    assert numbers == [f"{p.num}." for p in walk.paragraphs(document) if p.num]
    assert len(numbers) > 150 and "103quinquies." in numbers
    assert b"numPr" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")  # numbers are text


@pytest.mark.parametrize("paper, size", [("a4", A4), ("letter", (12240, 15840))])  # twips: 210 x 297 mm, 8.5 x 11 in
def test_paper(paper, size):
    section = docx.Document(io.BytesIO(built(ZERO_DRAFT, paper=paper))).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == size
    assert section.left_margin.twips == section.right_margin.twips == 1417  # 25 mm


# ------------------------------------------------------------------ styles

def test_the_contract_styles_exist_by_name_and_the_body_is_times_new_roman_10_pt():
    data = built(ZERO_DRAFT)
    styles = docx.Document(io.BytesIO(data)).styles
    for name in PARAGRAPH_STYLES:
        assert styles[name].style_id == name and styles[name].type == docx.enum.style.WD_STYLE_TYPE.PARAGRAPH
    for name in CHARACTER_STYLES:
        assert styles[name].style_id == name and styles[name].type == docx.enum.style.WD_STYLE_TYPE.CHARACTER
    for level in range(1, 5):
        assert styles[f"SubPara{level}"].base_style.name == "SingleTxt"
    assert styles["AnnexLabel"].base_style.name == "HCh" and styles["AnnexLabel"].paragraph_format.page_break_before
    assert styles["FootnoteReference"].font.superscript and styles["PreambleOpening"].font.italic
    assert styles["SingleTxt"].paragraph_format.first_line_indent < 0  # the number hangs
    root = part(data, "word/styles.xml")
    fonts = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert {fonts.get(w(k)) for k in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz").get(w("val")) == "20"
    # Named, not embedded: no font files in the package.
    assert not [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "font" in n and n.endswith(".odttf")]
    # Every style a paragraph or run names is defined.
    defined = {s.get(w("styleId")) for s in root.iter(w("style"))}
    used = {e.get(w("val")) for e in part(data, "word/document.xml").iter(w("pStyle"), w("rStyle"))}
    assert used <= defined


def test_preambular_openings_have_their_style_and_other_emphasis_is_direct():
    path = ROOT / "examples" / "78-212-freedom-of-religion.wsis"
    document = compiled(path)
    openings = [" ".join(walk.plain_text(p.content[0].children).split()) for p in walk.paragraphs(document)
                if p.part == "preamble" and isinstance(p.content[0], ast.Emphasis)]
    root = part(built(path), "word/document.xml")
    styled = [words(r) for r in root.iter(w("r")) if r.find(f"{W}rPr/{W}rStyle[@{W}val='PreambleOpening']") is not None]
    assert styled == openings and len(openings) == 15
    italic = [words(r) for r in root.iter(w("r")) if r.find(f"{W}rPr/{W}i") is not None]
    assert "Expresses deep concern" in italic  # an operative opening verb: direct italics


# ------------------------------------------------------------------ masthead and page

@pytest.mark.parametrize("name", ["wsis20-zero-draft", "78-212-freedom-of-religion", "compilation"])
def test_the_masthead_has_the_pdf_s_lines(name):
    path = ROOT / "examples" / f"{name}.wsis"
    front = compiled(path).front
    head = masthead(front)
    data = built(path)
    paragraphs = body_paragraphs(data)
    lines = [piece for p in paragraphs if style_of(p) == "MercuryDocument" for piece in words(p).split("\t") if piece]
    expected = ["United Nations", *([head.symbol] if head.symbol else []), head.organ, *head.distribution_block,
                *head.preface, *head.agenda_titles, *filter(None, (head.adopted, head.origin, head.sponsor,
                                                                  head.stage))]
    assert lines == expected
    title = next(p for p in paragraphs if style_of(p) == "Title")
    assert words(title) == (f"{head.number}\t" if head.number else "") + head.title


def test_the_adopted_form_has_its_formula_and_closing_lines():
    path = ROOT / "examples" / "78-212-freedom-of-religion.wsis"
    paragraphs = body_paragraphs(built(path))
    formula = next(p for p in paragraphs if style_of(p) == "Formula")
    assert words(formula) == "The General Assembly,"
    italic_runs = [words(r) for r in formula.iter(w("r")) if r.find(f"{W}rPr/{W}i") is not None]
    assert italic_runs == ["The General Assembly"]  # the comma upright
    closing = [words(p) for p in paragraphs if style_of(p) == "ClosingLines"]
    assert closing == ["50th plenary meeting", "19\u00a0December 2023"]
    last_text = max(i for i, p in enumerate(paragraphs) if style_of(p) == "SingleTxt")
    assert all(i > last_text for i, p in enumerate(paragraphs) if style_of(p) == "ClosingLines")


def test_annexes_start_on_a_new_page_with_their_label_and_title():
    for name in ("annexes", "78-3-pandemic-declaration"):
        path = ROOT / "examples" / f"{name}.wsis"
        document = compiled(path)
        paragraphs = body_paragraphs(built(path))
        labels = [i for i, p in enumerate(paragraphs) if style_of(p) == "AnnexLabel"]
        assert [words(paragraphs[i]) for i in labels] == [a.label for a in document.annexes]
        assert [words(paragraphs[i + 1]) for i in labels] == [a.front.title for a in document.annexes]
        assert all(style_of(paragraphs[i + 1]) == "Title" for i in labels)


def test_running_header_and_footer_with_word_s_own_fields():
    path = ROOT / "examples" / "78-212-freedom-of-religion.wsis"
    data = built(path)
    front = compiled(path).front
    running = front.short_title or front.title
    document = part(data, "word/document.xml")
    section = document.find(f"{W}body/{W}sectPr")
    assert section.find(f"{W}titlePg") is not None
    assert part(data, "word/settings.xml").find(f"{W}evenAndOddHeaders") is not None
    kinds = {}
    rels = part(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for reference in section:
        if reference.tag in (w("headerReference"), w("footerReference")):
            story = part(data, "word/" + targets[reference.get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")])
            kinds[(reference.tag[len(W):], reference.get(w("type")))] = story
    assert words(kinds[("headerReference", "even")]) == f"{front.symbol}\t{running}"
    assert running == "Freedom of religion or belief" and front.symbol == "A/RES/78/212"
    assert words(kinds[("headerReference", "default")]) == f"{running}\t{front.symbol}"
    assert words(kinds[("headerReference", "first")]) == ""
    for kind in ("default", "even"):
        fields = [f.get(w("instr")).strip() for f in kinds[("footerReference", kind)].iter(w("fldSimple"))]
        assert fields == ["PAGE", "NUMPAGES"]
    assert words(kinds[("footerReference", "first")]) == front.job_number


# ------------------------------------------------------------------ proposals

def test_every_proposal_of_the_zero_draft_is_a_tracked_change_by_its_delegation():
    document = compiled(ZERO_DRAFT)
    root = part(built(ZERO_DRAFT), "word/document.xml")
    expected = expected_changes(document)
    assert top_revisions(root) == expected
    assert len(expected) == 58 and {author for _, author, _ in expected} == {n for _, n in document.front.authors}
    revisions = list(root.iter(*REVISIONS))
    ids = [r.get(w("id")) for r in revisions]
    assert len(set(ids)) == len(ids)
    assert {r.get(w("date")) for r in revisions} == {"2025-08-29T00:00:00Z"}
    # Deleted words are w:delText, never w:t.
    assert not [t for d in root.iter(w("del")) for t in d.iter(w("t"))]
    assert not [t for i in root.iter(w("ins")) for t in i.iter(w("delText"))]


def test_a_replacement_is_a_deletion_then_an_insertion():
    _, data = from_text("---\nauthors:\n  EU: European Union\n---\n\n1. We {~~EU: recognise~>note~~} the work.\n")
    p = next(p for p in body_paragraphs(data) if style_of(p) == "SingleTxt")
    kinds = [(c.tag[len(W):], words(c)) for c in p if c.tag in REVISIONS]
    assert kinds == [("del", "recognise"), ("ins", "note")]


WHOLE = """\
---
date: 2025-10-27
authors:
  EU: European Union
  US: United States of America
  RU: Russian Federation
---

1. A paragraph as it stands.

1bis. {+EU} A new paragraph, with a {++RU: further++} change:
  (a) its first point;
  (b) its second point.

2. {-US} A paragraph proposed for deletion.
"""


def test_whole_paragraph_proposals_mark_every_run_and_every_paragraph_mark():
    _, data = from_text(WHOLE)
    paragraphs = [p for p in body_paragraphs(data) if style_of(p) in TEXT_STYLES]
    inserted, deleted = paragraphs[1:4], paragraphs[4:5]
    for group, kind, author in ((inserted, "ins", "European Union"), (deleted, "del", "United States of America")):
        for p in group:
            mark = p.find(f"{W}pPr/{W}rPr/{W}{kind}")
            assert mark is not None and mark.get(w("author")) == author
            for run in p.iter(w("r")):
                outer = [a for a in run.iterancestors(*REVISIONS)][-1]
                assert (outer.tag, outer.get(w("author"))) in ((w(kind), author), (w("ins"), "Russian Federation"))
    # The number is inside the insertion too, and the change inside it is RU's alone.
    assert words(inserted[0]).startswith("1bis.\t")
    assert top_revisions(inserted[0])[1] == ("ins", "Russian Federation", "further")
    assert not list(deleted[0].iter(w("t")))
    assert paragraphs[0].find(f"{W}pPr/{W}rPr") is None


def test_clean_and_original_views_have_no_revisions():
    for path in EXAMPLES:
        for view in ("clean", "original"):
            data = built(path, view)
            for name in ("word/document.xml", "word/comments.xml", "word/footnotes.xml"):
                if has_part(data, name):
                    assert not list(part(data, name).iter(*REVISIONS)), (path.name, view, name)
        assert not has_part(built(path, "clean"), "word/comments.xml")


def test_the_compilation_lists_each_proposal_in_words():
    path = ROOT / "examples" / "compilation.wsis"
    data = built(path, "compilation")
    lines = [words(p) for p in body_paragraphs(data) if style_of(p) == "ProposalList"]
    assert "Russian Federation: replace \u2018Recalling\u2019 with \u2018Taking note of\u2019" in lines
    # The text stands as it is, proposals listed, not tracked; a paragraph proposed whole stays marked.
    revisions = top_revisions(part(data, "word/document.xml"))
    assert {(kind, author) for kind, author, _ in revisions} == {("del", "United States of America"),
                                                                 ("ins", "Group of 77 and China")}


# ------------------------------------------------------------------ comments

def test_every_comment_is_a_word_comment_with_its_author_initials_and_anchor():
    document = compiled(ZERO_DRAFT)
    data = built(ZERO_DRAFT)
    nodes = [n for n in walk.inlines(document) if isinstance(n, ast.Comment)]
    assert len(nodes) == 41
    comments = part(data, "word/comments.xml").findall(w("comment"))
    anchors = comment_anchors(part(data, "word/document.xml"))
    assert len(comments) == len(anchors) == 41
    for node, comment in zip(nodes, comments):
        assert comment.get(w("author")) == document.front.author_name(node.author)
        assert comment.get(w("initials")) == node.author
        assert comment.get(w("date")) == "2025-08-29T00:00:00Z"
        assert words(comment) == shown(node.body)
        assert comment.find(f"{W}p/{W}pPr/{W}pStyle").get(w("val")) == "CommentText"
        assert anchors[comment.get(w("id"))] == shown(node.anchor or ())
    assert sum(1 for n in nodes if n.anchor) == 22
    # The reference run comes right after the range's end.
    root = part(data, "word/document.xml")
    for end in root.iter(w("commentRangeEnd")):
        reference = end.getnext()
        assert reference.find(f"{W}commentReference").get(w("id")) == end.get(w("id"))


def test_the_original_view_keeps_its_comments_and_no_comments_drops_them():
    document = compiled(ZERO_DRAFT, "original")
    data = built(ZERO_DRAFT, "original")
    assert len(part(data, "word/comments.xml")) == sum(isinstance(n, ast.Comment) for n in walk.inlines(document))
    result = compile_document(str(ZERO_DRAFT), ZERO_DRAFT.read_bytes(), comments=False)
    assert not has_part(write(result.document), "word/comments.xml")


# ------------------------------------------------------------------ footnotes, labels, references

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_footnotes_are_word_footnotes(path):
    document = compiled(path)
    data = built(path)
    notes = [n for n in walk.inlines(document) if isinstance(n, ast.Footnote)]
    if not notes:
        assert not has_part(data, "word/footnotes.xml")
        return
    root = part(data, "word/footnotes.xml")
    footnotes = root.findall(w("footnote"))
    assert [(f.get(w("id")), f.get(w("type"))) for f in footnotes[:2]] == [("-1", "separator"),
                                                                           ("0", "continuationSeparator")]
    assert [(f.get(w("id")), " ".join(words(f).split())) for f in footnotes[2:]] == \
        [(str(n.index), " ".join(shown(n.body).split())) for n in notes]
    assert all(style_of(f.find(w("p"))) == "FootnoteText" for f in footnotes[2:])
    references = [r for r in part(data, "word/document.xml").iter(w("r")) if r.find(w("footnoteReference")) is not None]
    assert [r.find(w("footnoteReference")).get(w("id")) for r in references] == [str(n.index) for n in notes]
    assert all(r.find(f"{W}rPr/{W}rStyle").get(w("val")) == "FootnoteReference" for r in references)


def test_labels_are_bookmarks_and_references_are_links_to_them():
    path = ROOT / "examples" / "annexes.wsis"
    document = compiled(path)
    root = part(built(path), "word/document.xml")
    bookmarks = {b.get(w("name")): b for b in root.iter(w("bookmarkStart"))}
    labelled = {p.label.name: p for p in walk.paragraphs(document) if p.label}
    labelled.update({s.label.name: s for p in walk.paragraphs(document) for s in walk.subparagraphs(p.subparagraphs)
                     if s.label})
    names = {a.front.name for a in document.annexes if a.front.name}
    assert set(bookmarks) == {f"wsisc_{name}" for name in [*labelled, *names]}
    for name, node in labelled.items():
        start = bookmarks[f"wsisc_{name}"]
        assert words(start.getnext()) == f"{node.num}{'.' if isinstance(node, ast.Paragraph) else ''}\t"
        assert start.getnext().getnext().tag == w("bookmarkEnd")
    refs = [n for n in walk.inlines(document) if isinstance(n, ast.Ref)]
    links = list(root.iter(w("hyperlink")))
    assert [(l.get(w("anchor")), words(l)) for l in links] == [(f"wsisc_{r.label}", r.target) for r in refs]
    assert all(r.find(f"{W}rPr/{W}rStyle").get(w("val")) == "Reference" for l in links for r in l.iter(w("r")))


# ------------------------------------------------------------------ what wsisc keeps for its reader

@pytest.mark.parametrize("name", ["wsis20-zero-draft", "annexes", "78-212-freedom-of-religion", "compilation"])
def test_custom_properties_give_back_the_authors_and_the_front_matter(name):
    path = ROOT / "examples" / f"{name}.wsis"
    document = compiled(path)
    properties = custom_properties(built(path))
    assert list(json.loads(properties["wsisc-authors"]).items()) == list(document.front.authors)
    text = "---\n" + properties["wsisc-front-matter"] + "---\n\n1. Words.\n"
    for number, annex in enumerate(document.annexes, start=1):
        text += "\n---\n" + properties[f"wsisc-annex-{number}-front-matter"] + "---\n\n1. Words.\n"
    result = compile_document("again.wsis", text.encode("utf-8"), view=None)
    assert not [d for d in result.diagnostics if d.code in ("front-matter", "unknown-key", "annex")]

    def settings(front):
        return {k: v for k, v in vars_of(front).items() if not k.endswith("span")}

    assert settings(result.document.front) == settings(document.front)
    assert [settings(a.front) for a in result.document.annexes] == [settings(a.front) for a in document.annexes]


def vars_of(front: ast.FrontMatter) -> dict:
    return {field: getattr(front, field) for field in front.__dataclass_fields__}


# ------------------------------------------------------------------ the file

def test_same_source_same_bytes_and_source_date_epoch_dates_the_file(monkeypatch):
    document = compiled(ZERO_DRAFT)
    first, second = write(document), write(document)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        names = package.namelist()
        assert names[0] == "[Content_Types].xml" and len(set(names)) == len(names)
        assert {i.date_time for i in package.infolist()} == {(2025, 8, 29, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in names and "word/stylesWithEffects.xml" not in names
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone.utc)
                                                      .timestamp())))
    dated = write(document)
    with zipfile.ZipFile(io.BytesIO(dated)) as package:
        assert {i.date_time for i in package.infolist()} == {(2026, 1, 2, 0, 0, 0)}
        assert b"2026-01-02T00:00:00Z" in package.read("docProps/core.xml")
        # The revisions keep the document's own date.
        assert package.read("word/document.xml") == zipfile.ZipFile(io.BytesIO(first)).read("word/document.xml")


def test_words_that_look_like_markup_or_that_xml_cannot_carry_stay_words():
    document, data = from_text("1. We note <w:p/> & \"quotes\" and \uffff the end.\n")
    opened = docx.Document(io.BytesIO(data))
    texts = [p.text for p in opened.paragraphs if p.style.name == "SingleTxt"]
    assert texts == ["1.\tWe note <w:p/> & \"quotes\" and \ufffd the end."]


# ------------------------------------------------------------------ pandoc reads our files

def pandoc_spans(path: Path) -> collections.Counter:
    """(class, author) of each span pandoc's docx reader finds with --track-changes=all."""
    import pypandoc

    tree = json.loads(pypandoc.convert_file(str(path), "json", extra_args=["--track-changes=all"]))
    found: collections.Counter = collections.Counter()
    texts: dict = collections.defaultdict(list)

    def text_of(inlines) -> str:
        out = []
        for node in inlines:
            kind, content = node.get("t"), node.get("c")
            if kind == "Str":
                out.append(content)
            elif kind == "Space":
                out.append(" ")
            elif kind in ("Emph", "Strong", "Underline"):
                out.append(text_of(content))
            elif kind == "Span":
                out.append(text_of(content[1]))
        return "".join(out)

    def visit(node):
        if isinstance(node, dict):
            if node.get("t") == "Span":
                (_, classes, attributes), inlines = node["c"]
                key = (classes[0] if classes else "", dict(attributes).get("author"))
                found[key] += 1
                texts[key].append(text_of(inlines))
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(tree)
    return found, texts


def test_pandoc_reads_each_proposal_and_comment_with_its_delegation(tmp_path):
    document = compiled(ZERO_DRAFT)
    path = tmp_path / "zero.docx"
    path.write_bytes(built(ZERO_DRAFT))
    found, texts = pandoc_spans(path)
    expected: collections.Counter = collections.Counter()
    expected_texts: dict = collections.defaultdict(list)
    for kind, author, words_ in expected_changes(document):
        key = ("insertion" if kind == "ins" else "deletion", author)
        expected[key] += 1
        expected_texts[key].append(words_)
    for node in walk.inlines(document):
        if isinstance(node, ast.Comment):
            expected[("comment-start", document.front.author_name(node.author))] += 1
    expected[("comment-end", None)] = 41
    assert found == expected
    assert {k: v for k, v in texts.items() if k[0] in ("insertion", "deletion")} == expected_texts
    # Per delegation, as the issue counts them: ПW's 18 comments and 17 insertions, u's 20 comments ...
    names = dict(document.front.authors)
    assert found[("comment-start", names["ПW"])] == 18 and found[("comment-start", names["u"])] == 20
    assert found[("insertion", names["ПW"])] == 17 and found[("deletion", names["u"])] == 12


# ------------------------------------------------------------------ the logo

def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def build_in(folder: Path, logo: str) -> bytes:
    from wsis20.writers import WriteOptions

    result = compile_text(f"---\nsymbol: A/80/L.1\nlogo: {logo}\n---\n\n1. Decides.\n")
    return write(result.document, "negotiation", WriteOptions(source_dir=folder))


def test_the_logo_stands_before_united_nations(tmp_path):
    (tmp_path / "logo.png").write_bytes(png())
    data = build_in(tmp_path, "logo.png")
    first = body_paragraphs(data)[0]
    runs = first.findall(w("r"))
    assert runs[0].find(f".//{W}drawing") is not None and words(first).endswith("United Nations\tA/80/L.1")
    assert [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media/")] == \
        ["word/media/image1.png"]


def test_a_logo_that_is_no_image_or_leads_out_of_the_folder_is_left_out(tmp_path):
    folder = tmp_path / "draft"
    folder.mkdir()
    (folder / "broken.png").write_bytes(b"not an image at all")
    (tmp_path / "secret.png").write_bytes(png())
    (folder / "link.png").symlink_to(tmp_path / "secret.png")
    for logo in ("broken.png", "link.png"):
        data = build_in(folder, logo)
        first = body_paragraphs(data)[0]
        assert first.find(f".//{W}drawing") is None and words(first) == "United Nations\tA/80/L.1"
        assert not [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media/")]


def test_a_number_just_short_of_its_gutter_is_spaced_past_it():
    # "103ter." ends a hair before the 10 mm gutter: without help its words would touch it.
    root = part(built(ZERO_DRAFT), "word/document.xml")
    runs = {words(r): r for r in root.iter(w("r")) if words(r).endswith("\t")}
    assert runs["103ter.\t"].find(f"{W}rPr/{W}spacing") is not None
    assert all(runs[n].find(f"{W}rPr/{W}spacing") is None for n in ("103.\t", "103bis.\t", "103quater.\t"))


def test_names_with_quotes_and_angle_brackets_stay_names():
    document, data = from_text('---\nauthors:\n  EU: "Union \\"<&>\\" europ\u00e9enne"\n---\n\n'
                               "1. {#a-b.c:d} We {++EU: <b>really</b>++} note{>>EU: \"quoted\" & <tagged><<}.\n\n"
                               "2. See paragraph {@a-b.c:d}.\n")
    root = part(data, "word/document.xml")
    name = 'Union "<&>" europ\u00e9enne'
    assert [(k, a, t) for k, a, t in top_revisions(root)] == [("ins", name, "<b>really</b>")]
    comment = part(data, "word/comments.xml").find(w("comment"))
    assert (comment.get(w("author")), comment.get(w("initials")), words(comment)) == \
        (name, "EU", '"quoted" & <tagged>')
    assert [b.get(w("name")) for b in root.iter(w("bookmarkStart"))] == ["wsisc_a-b.c:d"]
    assert [(h.get(w("anchor")), words(h)) for h in root.iter(w("hyperlink"))] == [("wsisc_a-b.c:d", "1")]
