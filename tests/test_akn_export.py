"""Akoma Ntoso export (issue 11, point 3): every example in every view is valid
AKN 3.0, shaped like the UN's own file of the resolution it was made from."""

from __future__ import annotations

import dataclasses
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from akn_schema import AKN, parse, problems
from conftest import FIXTURES, ROOT, compile_text, wsisc

from wsis20 import ast
from wsis20.pipeline import compile_document
from wsis20.walk import rewrite_inlines
from wsis20.writers import WRITERS
from wsis20.writers.akn import akn_eid, write

VIEWS = ("negotiation", "clean", "original", "compilation")
EXAMPLES = sorted((ROOT / "examples").glob("*.wsis"))
# A transcription of the UN's own file of resolution 78/265 (tests/fixtures/akn/README.md).
RESOLUTION = FIXTURES / "78-265.wsis"
OFFICIAL = FIXTURES / "akn" / "A_RES_78_265-2405969E.xml"

# ------------------------------------------------------------------ helpers


def compiled(path: Path, view: str = "negotiation") -> ast.Document:
    result = compile_document(str(path), path.read_bytes(), view=view)
    assert not result.failed, [d.message for d in result.diagnostics]
    return result.document


def built(text: str, view: str = "negotiation") -> bytes:
    result = compile_text(text, view=view)
    assert not result.failed, [d.message for d in result.diagnostics]
    return write(result.document, view)


def annex(text: str, number: int, label: str, footnotes_before: int = 0, **settings) -> object:
    """An annex as the contract has it: its blocks' ids prefixed att_N__, its
    footnotes numbered on from the body's."""
    document = compile_text(text).document
    prefix = f"att_{number}__"

    def prefixed(node):
        return dataclasses.replace(node, eid=prefix + node.eid) if node.eid else node

    def sub(node):
        return prefixed(dataclasses.replace(node, children=tuple(sub(c) for c in node.children)))

    def renumber(node):
        if isinstance(node, ast.Footnote):
            return (dataclasses.replace(node, index=node.index + footnotes_before),)
        return (node,)

    document = rewrite_inlines(document, renumber)
    blocks = tuple(prefixed(dataclasses.replace(b, subparagraphs=tuple(sub(s) for s in b.subparagraphs)))
                   if isinstance(b, ast.Paragraph) else prefixed(b) if isinstance(b, ast.Heading) else b
                   for b in document.blocks)
    return ast.Annex(document.front.span, ast.FrontMatter(**settings), label, blocks)


def local(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def find(element, path: str) -> list:
    """ElementTree's findall, every step of the path in the AKN namespace."""
    return element.findall("/".join(step if step in ("*", ".", "..") else f"{{{AKN}}}{step}"
                                    for step in path.split("/")))


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


# The element-path comparison (design memo, section 6): tag paths below these
# parts of the statement, meta only for its identification, without inline
# formatting and links, and without attributes or ids, which the UN's files
# number by a counter of their own.
PARTS = ("meta", "coverPage", "preface", "preamble", "mainBody", "conclusions", "attachments")
UNCOMPARED = {"span", "a", "sup", "eol", "img"}


def element_paths(root) -> Counter:
    found: Counter = Counter()

    def walk(element, path: tuple[str, ...]) -> None:
        tag = local(element)
        if tag not in UNCOMPARED:
            path += (tag,)
            found["/".join(path)] += 1
        children = [c for c in element if local(c) == "identification"] if tag == "meta" else list(element)
        for child in children:
            walk(child, path)

    [statement] = [child for child in root if isinstance(child.tag, str)]
    for part in statement:
        if isinstance(part.tag, str) and local(part) in PARTS:
            walk(part, ())
    return found


def text_and_notes(root) -> tuple[str, list[str]]:
    """The words of everything but meta, in order, and the footnotes' words
    apart (a note's words run into the text around it otherwise)."""
    text: list[str] = []
    notes: list[str] = []

    def walk(element) -> None:
        if local(element) == "authorialNote":
            notes.append(words(element))
            return
        text.append(" " if local(element) == "eol" else element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            text.append(child.tail or "")

    [statement] = [child for child in root if isinstance(child.tag, str)]
    for part in statement:
        if isinstance(part.tag, str) and local(part) != "meta":
            walk(part)
    return " ".join("".join(text).split()), notes


# ------------------------------------------------------------------ validity


@pytest.mark.parametrize("path", EXAMPLES + [RESOLUTION], ids=lambda p: p.name)
def test_every_example_in_every_view_is_valid_akoma_ntoso(path):
    for view in VIEWS:
        data = write(compiled(path, view), view)
        assert problems(data) == [], (path.name, view)


def test_the_examples_are_what_the_validity_test_covers():
    assert {p.name for p in EXAMPLES} >= {"wsis20-zero-draft.wsis", "compilation.wsis", "wsis20-rev1.wsis"}


def test_the_validator_rejects_what_the_schema_forbids():
    """The test above can fail: an element out of place, a duplicate id, a
    pointer to nothing are each found."""
    good = built("1. Decides.\n")
    assert problems(good) == []
    assert problems(good.replace(b"<mainBody>", b"<mainBody><preamble/>")) != []
    duplicate = built("1. Decides.\n\n2. Decides.\n").replace(b'eId="para_2"', b'eId="para_1"')
    assert any("Duplicate" in p for p in problems(duplicate))
    assert any("#nowhere" in p for p in problems(good.replace(b'source="#wsisc"', b'source="#nowhere"', 1)))


# ------------------------------------------------------------------ the UN's own file


def made_from_official_files() -> list[tuple[Path, Path]]:
    """Each source and the UN's English file of the resolution it was made
    from: the 78/265 transcription, and any example whose symbol names a
    resolution whose file is among the test data (A/RES/78/212 ->
    A_RES_78_212-2326012E.xml)."""
    from wsis20.pipeline import front_of, load

    officials = sorted(FIXTURES.rglob("A_RES_*.xml"))
    pairs = [(RESOLUTION, OFFICIAL)]
    for path in EXAMPLES:
        symbol = front_of(load(str(path), path.read_bytes())[0]).symbol or ""
        stem = symbol.replace("/", "_")
        pairs += [(path, xml) for xml in officials if symbol.startswith("A/RES/")
                  and re.fullmatch(re.escape(stem) + r"[-_]\w*?_?E", xml.stem)]
    return pairs


@pytest.mark.parametrize("source, official", made_from_official_files(), ids=lambda p: p.name)
def test_element_paths_are_those_of_the_official_file(source, official):
    """A resolution transcribed into wsis markup and exported has the structure
    of the UN's AKN file of it: the same tag paths, each as many times."""
    ours = element_paths(parse(write(compiled(source))))
    theirs = element_paths(parse(official.read_bytes()))
    assert ours == theirs, {path: (ours[path], theirs[path]) for path in ours | theirs if ours[path] != theirs[path]}


def test_the_structure_compared_is_the_whole_resolution():
    official = element_paths(parse(OFFICIAL.read_bytes()))
    assert official["preamble/container/p"] == 9 and official["mainBody/paragraph/num"] == 13
    assert official["mainBody/paragraph/list/point/content/p"] == 24
    assert sum(n for path, n in official.items() if path.endswith("authorialNote")) == 10
    assert official["meta/identification/FRBRWork/FRBRthis"] == 1 and official["conclusions/p/event/docDate"] == 1


def test_every_word_and_footnote_is_the_official_files_in_order():
    ours = text_and_notes(parse(write(compiled(RESOLUTION))))
    official = text_and_notes(parse(OFFICIAL.read_bytes()))
    assert ours[0] == official[0]
    assert ours[1] == official[1] and len(ours[1]) == 10
    assert ours[0].startswith("United Nations A/RES/78/265 General Assembly Distr.: General 1 April 2024 "
                              "Seventy-eighth session Agenda item 13 Integrated and coordinated")
    assert ours[0].endswith("in deliberations. 63rd plenary meeting 21 March 2024")


def test_frbr_identification_is_the_official_files():
    """The Work and Expression IRIs and dates are built as the UN builds them;
    the Manifestation's date is the day of our markup, not theirs."""
    ours = parse(write(compiled(RESOLUTION)))
    official = parse(OFFICIAL.read_bytes())
    for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
        for field in ("FRBRthis", "FRBRuri"):
            [mine] = find(ours, f"statement/meta/identification/{level}/{field}")
            [theirs] = find(official, f"statement/meta/identification/{level}/{field}")
            assert mine.get("value") == theirs.get("value"), (level, field)
    for level in ("FRBRWork", "FRBRExpression"):
        [mine] = find(ours, f"statement/meta/identification/{level}/FRBRdate")
        [theirs] = find(official, f"statement/meta/identification/{level}/FRBRdate")
        assert (mine.get("date"), mine.get("name")) == (theirs.get("date"), theirs.get("name"))
    [language] = find(ours, "statement/meta/identification/FRBRExpression/FRBRlanguage")
    assert language.get("language") == "eng"


def test_the_adopted_masthead_and_conclusions_carry_their_meaning():
    root = parse(write(compiled(RESOLUTION)))
    cover = find(root, "statement/coverPage")[0]
    [symbol] = find(cover, "p/docNumber")
    assert (symbol.text, symbol.getparent().get("class")) == ("A/RES/78/265", "upperRight")
    [issued] = find(cover, "p/docDate")
    assert (issued.get("date"), issued.text) == ("2024-04-01", "1 April 2024")
    [session] = find(cover, "p/session")
    assert (session.get("value"), session.text) == ("78", "Seventy-eighth session")
    [item] = [e for e in find(cover, "p/inline") if e.get("name") == "agenda item"]
    assert (item.get("title"), item.text) == ("13", "Agenda item 13")
    [adopted] = find(cover, "p/docTitle")
    assert adopted.text == "Resolution adopted by the General Assembly on 21 March 2024"
    [proponent] = find(cover, "p/docProponent")
    assert (words(proponent), proponent.get("refersTo")) == (
        "[without reference to a Main Committee (A/78/L.49)]", "#noMainCommittee")
    assert [e.text for e in find(proponent, "inline")] == ["A/78/L.49"]
    [number] = find(root, "statement/preface/p/docNumber")
    assert number.text == "78/265."
    [title] = find(root, "statement/preface/p/docTitle/span")
    assert (title.get("class"), title.text) == ("bold", "\tSeizing the opportunities of safe, secure and "
                                                "trustworthy artificial intelligence systems for sustainable development")
    [formula] = find(root, "statement/preamble/formula/p")
    assert [(e.get("class"), e.text, e.tail) for e in formula] == [("italic", "The General Assembly", ",")]
    names = [c.get("name") for c in find(root, "statement/preamble/container")]
    assert names == ["Reaffirming", "Reaffirming also", "Recalling", "Taking note", "Taking note also",
                     "Recognizing", "Recognizing also", "Recognizing further", "Recognizing also"]
    [meeting] = find(root, "statement/conclusions/p/event/location")
    assert (meeting.get("title"), meeting.text) == ("63rd", "63rd plenary meeting")
    [day] = find(root, "statement/conclusions/p/event/docDate")
    assert (day.get("date"), day.text) == ("2024-03-21", "21\u00a0March 2024")  # as the official file
    [job] = root.iter(f"{{{AKN}}}docketNumber")
    assert job.text == "24-05969 (E)"


def test_the_report_of_a_committee_is_its_proponent_line():
    document = compile_text("---\ncommittee: Third Committee\nstage: adopted\nresolution: 78/212\n"
                            "adopted: 19 December 2023\nmeeting: 50\nreport: A/78/481/Add.2, para. 139\n---\n\n"
                            "1. *Stresses* the point.\n").document
    data = write(document)
    assert problems(data) == []
    root = parse(data)
    [proponent] = find(root, "statement/coverPage/p/docProponent")
    assert words(proponent) == "[on the report of the Third Committee (A/78/481/Add.2, para. 139)]"
    assert proponent.get("refersTo") == "#thirdCommittee"
    assert not find(root, "statement/coverPage/p/docCommittee")  # the committee is said in that line only
    [meeting] = find(root, "statement/conclusions/p/event/location")
    assert (meeting.get("title"), meeting.text) == ("50th", "50th plenary meeting")
    # No `distribution:` written: an adopted resolution is of general distribution, as on its printed page.
    [status] = find(root, "statement/coverPage/p/docStatus")
    assert (status.text, status.get("refersTo")) == ("Distr.: General", "#generalDistribution")
    # A date the front matter gives as text is still a date.
    assert find(root, "statement/coverPage/p/docTitle")[0].text == (
        "Resolution adopted by the General Assembly on 19 December 2023")
    # Its day kept with its month by a no-break space, as in the UN's closing dates (332 of 332).
    assert find(root, "statement/conclusions/p/event/docDate")[0].text == "19\u00a0December 2023"
    [work] = find(root, "statement/meta/identification/FRBRWork/FRBRuri")
    assert work.get("value") == "/akn/un/statement/deliberation/unga/2023-12-19/78-212/"


def test_a_draft_masthead_keeps_its_own_lines():
    root = parse(write(compiled(ROOT / "examples" / "compilation.wsis")))
    cover = find(root, "statement/coverPage")[0]
    assert [words(p) for p in cover] == [
        "United Nations", "A/C.2/80/L.12", "General Assembly", "Distr.: Limited", "27 October 2025",
        "Original: English", "Eightieth session", "Second Committee", "Agenda item 16",
        "Iraq, on behalf of the States Members of the United Nations that are members of the Group of 77 and "
        "China: draft resolution", "Compilation text", "ICT for sustainable development (compilation text)"]
    assert [local(p[0]) for p in cover][-5:] == ["docCommittee", "inline", "docProponent", "docStage", "shortTitle"]
    [work] = find(root, "statement/meta/identification/FRBRWork/FRBRthis")
    assert work.get("value") == "/akn/un/statement/deliberation/unga/2025-10-27/A-C.2-80-L.12/!main/"
    assert find(root, "statement/preface/p/docTitle/span")[0].text == (
        "Information and communications technologies for sustainable development")
    assert not find(root, "statement/conclusions")


# ------------------------------------------------------------------ structure


def test_paragraphs_sub_paragraphs_and_their_ids():
    """num and content; a paragraph with sub-paragraphs has its words as the
    list's intro, and a sub-paragraph's own sub-paragraphs follow it as a
    sublist, as the UN nests them; ids are the HTML ids with the list spelt out."""
    root = parse(built("""
        12. *Requests* the Secretary-General:
          (a) To submit a report;
          (b) To convene a meeting:
              (#) in 2026;
              (#) in 2027;
          (#) To report back.

        13. *Decides* to remain seized of the matter.
        """))
    [twelve, thirteen] = find(root, "statement/mainBody/paragraph")
    assert [local(e) for e in twelve] == ["num", "list"]
    assert twelve.get("eId") == "para_12" and find(twelve, "num")[0].text == "12."
    [items] = find(twelve, "list")
    assert [local(e) for e in items] == ["intro", "point", "point", "sublist", "point"]
    assert words(find(items, "intro")[0]) == "Requests the Secretary-General:"
    assert [p.get("eId") for p in items.iter(f"{{{AKN}}}point")] == [
        "para_12__list_1__point_a", "para_12__list_1__point_b", "para_12__list_1__point_b__list_1__point_i",
        "para_12__list_1__point_b__list_1__point_ii", "para_12__list_1__point_c"]
    assert [n.text for n in items.iter(f"{{{AKN}}}num")] == ["(a)", "(b)", "(i)", "(ii)", "(c)"]
    assert find(items, "sublist")[0].get("eId") == "para_12__list_1__point_b__list_1"
    assert [local(e) for e in thirteen] == ["num", "content"]
    assert akn_eid("att_1__para_12__point_b__point_i") == "att_1__para_12__list_1__point_b__list_1__point_i"
    assert akn_eid("pp_C__point_a") == "container_C__list_1__item_a"


def test_the_preamble_holds_what_stands_among_its_paragraphs():
    """Unnumbered text before the first preambular paragraph or between two is
    the preamble's (a ``p``); text after the last one opens the body; a heading
    there is a ``p`` of its class; preambular sub-paragraphs are a blockList."""
    root = parse(built("""
        ---
        preamble_numbering: none
        ---

        # Preamble

        We, the Ministers, assembled in New York:

        PP#. *Recalling* its resolutions:
          (a) 70/125;
          (b) 79/1,

        PP#. *Noting* the report,

        We therefore commit to:

        1. *Decides* to act.
        """))
    preamble = find(root, "statement/preamble")[0]
    assert [(local(e), e.get("class") or e.get("name")) for e in preamble] == [
        ("formula", "enactingFormula"), ("p", "H1"), ("p", None), ("container", "Recalling"),
        ("container", "Noting")]
    recalling = preamble[3]
    assert [local(e) for e in recalling] == ["p", "blockList"]
    assert [i.get("eId") for i in find(recalling, "blockList/item")] == [
        "container_1__list_1__item_a", "container_1__list_1__item_b"]
    body = find(root, "statement/mainBody/paragraph")
    assert [words(p) for p in body] == ["We therefore commit to:", "1. Decides to act."]


def test_headings_are_paragraphs_of_the_uns_heading_classes():
    root = parse(built("# Information and communications\n\n## Bridging divides\n\n1. Decides.\n"))
    paragraphs = find(root, "statement/mainBody/paragraph")
    assert [(p.get("class"), p.get("eId"), local(p[0]), p[0].text) for p in paragraphs[:2]] == [
        ("H1", "sec_1", "heading", "Information and communications"),
        ("H23", "sec_2", "subheading", "Bridging divides")]


def test_a_numbered_heading_carries_its_number():
    """Headings numbered "Action 13." keep the number as ``num``."""
    document = compile_text("### Action 13. We will bridge digital divides.\n\n1. We reaffirm.\n").document
    assert document.blocks[0].number == "Action 13."
    data = write(document)
    assert problems(data) == []
    [first, _] = find(parse(data), "statement/mainBody/paragraph")
    assert [(local(e), e.text) for e in first] == [("num", "Action 13."), ("subheading", "We will bridge digital "
                                                                                         "divides.")]


def test_footnotes_are_authorial_notes_numbered_through_the_document():
    root = parse(built("A. *Recalling* its resolution 70/125,{^See A/60/687.^}\n\n"
                       "1. *Decides*{^Resolution 70/1.^} to act,{^Ibid.^} now.\n"))
    notes = list(root.iter(f"{{{AKN}}}authorialNote"))
    assert [(n.get("marker"), n.get("eId"), n.get("placement"), words(n)) for n in notes] == [
        ("1", "authorialNote_1", "bottom", "See A/60/687."), ("2", "authorialNote_2", "bottom", "Resolution 70/1."),
        ("3", "authorialNote_3", "bottom", "Ibid.")]
    assert notes[2].getparent().tag == f"{{{AKN}}}p" and notes[2].tail == " now."


def test_emphasis_as_the_uns_spans():
    root = parse(built("1. *Recalling* **all** ***both*** __under__ words.\n"))
    [p] = find(root, "statement/mainBody/paragraph/content/p")
    assert [(local(e), e.get("class"), words(e)) for e in p] == [
        ("span", "italic", "Recalling"), ("span", "bold", "all"), ("span", "bold italic", "both"),
        ("u", None, "under")]


def test_a_cross_reference_points_to_its_targets_eid():
    root = parse(built("""
        1. {#matrix} We note the matrix.

        2. *Requests*:
          (a) {#report} To submit a report;
          (b) To recall paragraph {@matrix} and paragraph {@report}.
        """))
    refs = list(root.iter(f"{{{AKN}}}ref"))
    assert [(r.get("href"), r.text) for r in refs] == [("#para_1", "1"), ("#para_2__list_1__point_a", "2 (a)")]
    labelled = {e.get("{urn:wsisc:akn}label"): e.get("eId") for e in root.iter() if e.get("{urn:wsisc:akn}label")}
    assert labelled == {"matrix": "para_1", "report": "para_2__list_1__point_a"}


# ------------------------------------------------------------------ negotiation


NEGOTIATED = """
    ---
    preamble_numbering: pp
    authors:
      EU: European Union
      ПW: Russian Federation
      US: United States of America
    ---

    PP1. {.agreed} *Recalling* its resolution 70/125,

    PP#. {-EU} *Noting* the report,

    1. {.ad-ref} We [shall/should] act {++EU: now++}{--ПW: strongly--} on
    {~~ПW: gender digital divides~>the digital divide~~}{==here==}{>>ПW: *Singular*, please.<<}.

    #+. {+EU} We welcome the proposal.{>>US: Not yet.<<}
    """


def test_proposals_are_ins_and_del_by_their_delegation():
    root = parse(built(NEGOTIATED))
    [paragraph] = [p for p in find(root, "statement/mainBody/paragraph") if p.get("eId") == "para_1"]
    p = find(paragraph, "content/p")[0]
    changes = [(local(e), e.get("refersTo"), e.get("class"), words(e)) for e in p if local(e) in ("ins", "del")]
    assert changes == [("ins", "#author_EU", None, "now"), ("del", "#author_ПW", None, "strongly"),
                       ("del", "#author_ПW", "substitution", "gender digital divides"),
                       ("ins", "#author_ПW", "substitution", "the digital divide")]
    declared = {e.get("eId"): (local(e), e.get("showAs")) for e in find(root, "statement/meta/references/*")}
    assert declared["author_EU"] == ("TLCOrganization", "European Union")
    assert declared["author_ПW"] == ("TLCOrganization", "Russian Federation")
    assert declared["author_US"] == ("TLCOrganization", "United States of America")  # declared, though it
    #                                                                            proposes no change


def test_brackets_statuses_and_whole_paragraph_proposals():
    root = parse(built(NEGOTIATED))
    [bracket] = [e for e in root.iter(f"{{{AKN}}}inline") if e.get("name") == "bracket"]
    assert words(bracket) == "[shall/should]"
    assert [a.text for a in bracket if a.get("name") == "alternative"] == ["shall", "should"]
    refers = {e.get("eId"): e.get("refersTo") for e in root.iter() if e.get("refersTo") and e.get("eId")}
    assert refers["container_1"] == "#agreed"
    assert refers["container_2"] == "#proposedDeletion #author_EU"
    assert refers["para_1"] == "#agreedAdRef"
    assert refers["para_1bis"] == "#proposedNew #author_EU"
    declared = {e.get("eId"): e.get("showAs") for e in find(root, "statement/meta/references/*")}
    assert (declared["agreed"], declared["agreedAdRef"]) == ("Agreed", "Agreed ad ref.")
    assert (declared["proposedNew"], declared["proposedDeletion"]) == ("New paragraph proposed", "Deletion proposed")
    assert [words(p)[:9] for p in find(root, "statement/preamble/container/p")] == ["PP1. Reca", "PP2. Noti"]


def test_comments_are_editorial_notes_by_their_delegation():
    root = parse(built(NEGOTIATED))
    refs = list(root.iter(f"{{{AKN}}}noteRef"))
    assert [(r.get("href"), r.get("marker"), r.get("class")) for r in refs] == [
        ("#comment_1", "ПW1", "comment"), ("#comment_2", "US2", "comment")]
    anchor = refs[0].getprevious()
    assert (anchor.get("name"), words(anchor)) == ("commentAnchor", "here")
    notes = find(root, "statement/meta/notes/note")
    assert [(n.get("eId"), n.get("marker"), n.get("refersTo"), words(n)) for n in notes] == [
        ("comment_1", "ПW1", "#author_ПW", "Singular, please."), ("comment_2", "US2", "#author_US", "Not yet.")]
    assert find(notes[0], "p/span")[0].get("class") == "italic"


def test_each_view_writes_its_own_text():
    clean, original = parse(built(NEGOTIATED, "clean")), parse(built(NEGOTIATED, "original"))
    for root in (clean, original):
        assert not [e for e in root.iter() if local(e) in ("ins", "del")]
    assert not [e for e in clean.iter() if local(e) == "noteRef"]  # the clean view has no comments
    # The original view keeps comments, but not the new paragraph EU proposed, nor its comment.
    assert [r.get("marker") for r in original.iter(f"{{{AKN}}}noteRef")] == ["ПW1"]
    assert "act now on the digital divide" in words(clean)
    assert "act strongly on gender digital divides" in words(original)
    assert not find(clean, "statement/meta/notes")
    compilation = parse(built(NEGOTIATED, "compilation"))
    lines = [(li.get("refersTo"), words(li)) for li in compilation.iter(f"{{{AKN}}}li")]
    assert ("#author_EU", "European Union: insert ‘now’") in lines
    assert ("#author_ПW", "Russian Federation: replace ‘gender digital divides’ with ‘the digital divide’") in lines


# ------------------------------------------------------------------ annexes


BODY = """
    ---
    symbol: A/RES/78/3
    title: Political declaration
    date: 2023-10-16
    preamble_numbering: none
    ---

    *Adopts* the political declaration, as contained in the annex to the present resolution.{^See A/78/L.2.^}
    """


def test_an_annex_is_an_attachment_with_a_doc_of_its_own():
    """78/3's shape: the annex a doc with its own meta, its label and title its
    first two H1 paragraphs, its numbering its own, ids prefixed att_1__,
    footnotes numbered on from the body's."""
    body = compile_text(BODY).document
    declaration = annex("""
        We, Heads of State and Government, in this regard we:

        1. Reaffirm the right to health;{^World Health Organization.^}

        ## Call to action

        2. Decide to convene a meeting.
        """, 1, "Annex", footnotes_before=1, title="Political declaration on pandemics", name="declaration")
    data = write(dataclasses.replace(body, annexes=(declaration,)))
    assert problems(data) == []
    root = parse(data)
    statement = root[0]
    assert [local(e) for e in statement] == ["meta", "coverPage", "preface", "preamble", "mainBody", "attachments"]
    [attachment] = find(root, "statement/attachments/attachment")
    assert attachment.get("eId") == "att_1" and attachment.get("{urn:wsisc:akn}label") == "declaration"
    [doc] = find(attachment, "doc")
    assert doc.get("name") == "annex" and [local(e) for e in doc] == ["meta", "mainBody"]
    [this] = find(doc, "meta/identification/FRBRWork/FRBRthis")
    assert this.get("value").endswith("/A-RES-78-3/!main/annex")
    paragraphs = find(doc, "mainBody/paragraph")
    assert [(p.get("class"), p.get("eId"), words(p)[:20]) for p in paragraphs] == [
        ("H1", None, "Annex"), ("H1", None, "Political declaratio"), ("SingleTxt", None, "We, Heads of State a"),
        ("SingleTxt", "att_1__para_1", "1. Reaffirm the righ"), ("H23", "att_1__sec_1", "Call to action"),
        ("SingleTxt", "att_1__para_2", "2. Decide to convene")]
    assert [n.get("eId") for n in root.iter(f"{{{AKN}}}authorialNote")] == ["authorialNote_1", "authorialNote_2"]
    [formula] = find(root, "statement/preamble/formula/p")
    assert words(formula) == "The General Assembly"  # no comma: no preambular paragraph follows


def test_several_annexes_and_an_annex_with_a_preamble():
    body = compile_text(BODY).document
    first = annex("1. Rule one.\n\n2. Rule two.\n", 1, "Annex I", title="Rules")
    second = annex("""
        We, the Ministers:

        PP#. *Recalling* the outcome document,

        1. We reaffirm our commitment.{>>EU: Keep.<<}
        """, 2, "Annex II", title="Outcome document", original="Spanish")
    data = write(dataclasses.replace(body, annexes=(first, second)))
    assert problems(data) == []
    root = parse(data)
    docs = find(root, "statement/attachments/attachment/doc")
    assert [find(d, "meta/identification/FRBRWork/FRBRthis")[0].get("value").rsplit("/", 1)[1] for d in docs] == [
        "annex_1", "annex_2"]
    assert [p.get("eId") for p in find(docs[0], "mainBody/paragraph") if p.get("eId")] == [
        "att_1__para_1", "att_1__para_2"]
    # Its preamble comes before its mainBody, so its label and title open its preface.
    assert [local(e) for e in docs[1]] == ["meta", "preface", "preamble", "mainBody"]
    assert [words(p) for p in find(docs[1], "preface/p")] == ["Annex II", "[Original: Spanish]", "Outcome document"]
    assert [local(e) for e in find(docs[1], "preamble")[0]] == ["p", "container"]
    assert find(docs[1], "preamble/container")[0].get("eId") == "att_2__container_A"
    # Numbered as the annex's own front matter says (letters), not as the resolution's (none).
    assert words(find(docs[1], "preamble/container/p")[0]).startswith("A. Recalling")
    [note] = find(docs[1], "meta/notes/note")
    assert note.get("refersTo") == "#author_EU"


# ------------------------------------------------------------------ safety and reproducibility


def test_text_is_data_whatever_it_holds():
    """Markup characters, quotes in attribute values and characters XML cannot
    carry never make an element or break the file."""
    title = '<b>&amp; ]]> "quoted" \'single\''
    document = compile_text(f"---\ntitle: '{title.replace(chr(39), chr(39) * 2)}'\nsymbol: 'A/\"><x/>'\n"
                            "authors: {EU: 'E\"U <&>'}\n---\n\n"
                            "1. *<script>alert(1)</script>* & \ufffe {++EU: <i>&lt;++}{>>EU: \\]\\]><!-- x --><<}.\n")
    assert not document.failed, [d.message for d in document.diagnostics]
    data = write(document.document)
    assert problems(data) == []
    root = parse(data)
    assert not [e for e in root.iter() if local(e) in ("b", "x", "i", "script")]
    assert find(root, "statement/preface/p/docTitle/span")[0].text == title
    assert find(root, "statement/coverPage/p/docNumber")[0].text == 'A/"><x/>'
    [p] = find(root, "statement/mainBody/paragraph/content/p")
    assert words(p) == "<script>alert(1)</script> & \ufffd <i>&lt;."  # U+FFFE, not XML, replaced
    assert words(find(root, "statement/meta/notes/note")[0]) == "]]><!-- x -->"
    assert [e.get("showAs") for e in find(root, "statement/meta/references/*") if e.get("eId") == "author_EU"] == [
        'E"U <&>']


def test_the_same_source_gives_the_same_bytes(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    zero_draft = ROOT / "examples" / "wsis20-zero-draft.wsis"
    first = write(compiled(zero_draft))
    assert write(compiled(zero_draft)) == first
    assert b'name="markup"' in first and b'date="2025-08-29" name="markup"' in first  # the draft's own date


def test_source_date_epoch_sets_the_markup_date_and_nothing_else(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain = write(compiled(RESOLUTION))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1712620800")  # 2024-04-09, the UN's own markup date
    stamped = write(compiled(RESOLUTION))
    assert stamped != plain
    assert stamped.replace(b'date="2024-04-09" name="markup"', b'date="2024-04-01" name="markup"') == plain
    undated = built("1. Decides.\n")
    assert b'date="2024-04-09" name="markup"' in undated
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    fixed = built("1. Decides.\n")
    assert b'date="2000-01-01" name="markup"' in fixed  # no date at all: a fixed day
    # A draft without a date is named on that fixed day, whatever day the build is stamped with.
    assert undated.replace(b'date="2024-04-09" name="markup"', b'date="2000-01-01" name="markup"') == fixed
    assert b"/2000-01-01/" in fixed


def test_a_document_of_nothing_or_of_preamble_alone_is_valid():
    for text in ("", "A. *Recalling* the report,\n", "# A heading\n", "Text alone.\n"):
        assert problems(built(text)) == [], text


# ------------------------------------------------------------------ the command line


def test_build_writes_akoma_ntoso_by_extension_or_format(tmp_path):
    draft = tmp_path / "draft.wsis"
    draft.write_text("---\nsymbol: A/80/L.1\n---\n\n1. *Decides* to act.\n", encoding="utf-8")
    by_extension = wsisc("build", draft, "-o", tmp_path / "draft.xml")
    assert by_extension.returncode == 0, by_extension.stderr
    assert problems((tmp_path / "draft.xml").read_bytes()) == []
    (tmp_path / "draft.xml").unlink()
    beside = wsisc("build", draft, "--format", "akn")
    assert beside.returncode == 0, beside.stderr
    assert problems((tmp_path / "draft.xml").read_bytes()) == []  # draft.wsis -> draft.xml, not draft.akn
    into = wsisc("build", draft, "--format", "akn", "-d", tmp_path / "out")
    assert into.returncode == 0 and (tmp_path / "out" / "draft.xml").exists()
    named = wsisc("build", draft, "--format", "akn", "-o", tmp_path / "draft.akn.txt")
    assert named.returncode == 0 and parse((tmp_path / "draft.akn.txt").read_bytes()) is not None


def test_a_failed_build_leaves_the_previous_xml(tmp_path):
    draft = tmp_path / "draft.wsis"
    draft.write_text("1. Decides.\n", encoding="utf-8")
    assert wsisc("build", draft, "-o", tmp_path / "draft.xml").returncode == 0
    before = (tmp_path / "draft.xml").read_bytes()
    draft.write_text("1. Decides {@nowhere}.\n", encoding="utf-8")
    failed = wsisc("build", draft, "-o", tmp_path / "draft.xml")
    assert failed.returncode == 1 and "error" in failed.stderr
    assert (tmp_path / "draft.xml").read_bytes() == before


def test_the_command_line_offers_every_writer():
    from wsis20.cli import BUILD_FORMATS

    assert set(BUILD_FORMATS) == set(WRITERS)
    assert "akn" in wsisc("build", "--help").stdout


def test_export_of_the_largest_example_is_fast():
    """Issue 11, point 6: well under a second (the schema's validation is the
    tests' business, not the build's)."""
    largest = max(EXAMPLES + [RESOLUTION], key=lambda p: p.stat().st_size)
    document = compiled(largest)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        write(document)
        times.append(time.perf_counter() - start)
    assert min(times) < 0.5, times
