"""Annexes: a second front matter in the body opens an annex, numbered from 1
again, with its own settings, in every command."""

import io
import json
import textwrap

from pypdf import PdfReader

from wsis20 import ast
from wsis20.commands.fmt import format_source
from wsis20.commands.renumber import renumber
from wsis20.parse import parse
from wsis20.pipeline import compile_document
from wsis20.source import SourceFile
from wsis20.transforms.changes import decide
from wsis20.transforms.compare import concordance, match
from wsis20.walk import inlines, paragraphs, scopes
from wsis20.writers import WriteOptions
from wsis20.writers.html import render
from wsis20.writers.pdf import write as write_pdf

from conftest import EXAMPLE, codes, compile_text, wsisc
from test_html import Elements

ANNEXES = EXAMPLE.parent / "annexes.wsis"

DRAFT = textwrap.dedent("""\
    ---
    title: A resolution adopting a declaration
    ---

    A. *Recalling* its resolution 70/125,

    1. *Adopts* the declaration set out in {@declaration}, in particular paragraph {@commit};

    2. *Decides* to review it in paragraph {@review}.{^See A/70/1.^}

    ---
    annex: ~
    name: declaration
    title: Political declaration
    document_type: declaration
    ---

    We, Heads of State and Government, we:

    1. Reaffirm our commitment;

    2. {#commit} Commit to act, as in paragraph {@review}:
      (a) {#first} First;
      (b) Second;

    3. Decide to meet again.{^See A/78/3.^}

    ---
    annex: ~
    title: Modalities
    ---

    1. {#review} *Decides* to review the declaration, see {@first} and {@declaration};

    2. *Requests* a report.
    """)


def compiled(text: str = DRAFT, **options):
    result = compile_text(text, editorial=True, **options)
    assert not result.failed, result.diagnostics
    return result


# ------------------------------------------------------------------ the tree

def test_annex_blocks_open_annexes_with_their_own_settings():
    doc = compiled().document
    assert [p.num for p in paragraphs(doc) if p.part != "text"][:3] == ["A", "1", "2"]
    assert [a.label for a in doc.annexes] == ["Annex I", "Annex II"]
    first, second = doc.annexes
    assert (first.front.name, first.front.title, first.front.document_type) == \
        ("declaration", "Political declaration", "declaration")
    assert (second.front.title, second.front.document_type) == ("Modalities", "resolution")  # the file's
    assert first.span.line == 11 and DRAFT[first.span.start:].startswith("---\nannex: ~")
    assert DRAFT[first.span.end - len("Decide to meet again.{^See A/78/3.^}"):first.span.end] == \
        "Decide to meet again.{^See A/78/3.^}"
    assert len(doc.blocks) == 3 and [len(a.blocks) for a in doc.annexes] == [4, 2]


def test_labels_default_to_annex_alone_and_to_roman_numbers_and_an_explicit_one_wins():
    one = compiled("1. Decides.\n\n---\nannex:\n---\n\n1. Text.\n").document
    assert [a.label for a in one.annexes] == ["Annex"]
    three = compiled("1. Decides.\n\n---\nannex: ~\n---\n\n1. A.\n\n---\nannex: Appendix\n---\n\n1. B.\n\n"
                     "---\nannex: ''\n---\n\n1. C.\n").document
    assert [a.label for a in three.annexes] == ["Annex I", "Appendix", "Annex III"]


def test_an_annex_takes_the_files_document_type_and_preamble_numbering_unless_it_sets_its_own():
    doc = compiled("---\ndocument_type: outcome\npreamble_numbering: pp\n---\n1. We.\n\n"
                   "---\nannex: ~\n---\n\nPP1. *Recalling*,\n\n---\nannex: ~\npreamble_numbering: letters\n"
                   "document_type: resolution\n---\n\nA. *Recalling*,\n").document
    assert [(a.front.document_type, a.front.preamble_numbering) for a in doc.annexes] == \
        [("outcome", "pp"), ("resolution", "letters")]
    assert [p.num for p in paragraphs(doc) if p.part == "preamble"] == ["PP1", "A"]


def test_numbering_restarts_in_each_annex_with_ids_of_its_own():
    doc = compiled().document
    found = [(s.index, p.num, p.eid) for s in scopes(doc) for p in s.blocks
             if isinstance(p, ast.Paragraph) and p.num]
    assert found == [(0, "A", "pp_A"), (0, "1", "para_1"), (0, "2", "para_2"),
                     (1, "1", "att_1__para_1"), (1, "2", "att_1__para_2"), (1, "3", "att_1__para_3"),
                     (2, "1", "att_2__para_1"), (2, "2", "att_2__para_2")]
    subs = doc.annexes[0].blocks[2].subparagraphs
    assert [s.eid for s in subs] == ["att_1__para_2__point_a", "att_1__para_2__point_b"]


def test_automatic_markers_count_within_their_annex():
    doc = compiled("#. One.\n\n#. Two.\n\n---\nannex: ~\n---\n\n#. One again.\n\n#+. Inserted.\n\n#. Two.\n").document
    assert [p.num for p in paragraphs(doc)] == ["1", "2", "1", "1bis", "2"]


def test_footnotes_are_numbered_through_the_whole_document():
    notes = [n for n in inlines(compiled().document) if isinstance(n, ast.Footnote)]
    assert [n.index for n in notes] == [1, 2]


# ---------------------------------------------------------------- the checks

def test_the_same_number_in_the_body_and_in_an_annex_is_no_duplicate():
    result = compile_text("1. a;\n\n2. b.\n\n---\nannex: ~\n---\n\n1. c;\n\n2. d.\n", editorial=True)
    assert result.diagnostics == []


def test_numbers_are_checked_in_each_annex_apart():
    result = compile_text("1. a;\n\n2. b.\n\n---\nannex: ~\n---\n\n2. c;\n\n2. d;\n\n4. e.\n\n"
                          "---\nannex: ~\n---\n\n#+. f.\n")
    assert codes(result) == [("number-gap", 9, 1), ("duplicate-number", 11, 1), ("number-gap", 13, 1),
                             ("insert-first", 19, 1)]
    by_code = {d.code: d for d in result.diagnostics}
    assert by_code["duplicate-number"].message == "paragraph number 2 is already used in annex I"
    assert [d.message for d in result.diagnostics if d.code == "number-gap"][0] == \
        "the operative part of annex I starts at 2, not 1"


def test_labels_are_the_documents_across_annexes():
    result = compile_text("1. {#x} a.\n\n---\nannex: ~\nname: x\n---\n\n1. {#y} b.\n\n---\nannex: ~\n---\n\n"
                          "1. {#y} c.\n")
    assert [(c, line) for c, line, _ in codes(result)] == [("duplicate-label", 5), ("duplicate-label", 14)]


def test_punctuation_follows_each_annexs_own_document_type_and_last_paragraph():
    result = compile_text(DRAFT, editorial=True)
    assert result.diagnostics == []  # ";" then "." in the body, in the declaration and in the modalities
    wrong = DRAFT.replace("1. Reaffirm our commitment;", "1. Reaffirm our commitment.")
    found = compile_text(wrong, editorial=True).diagnostics
    assert [(d.code, d.span.line, d.message) for d in found] == [
        ("punctuation", 20, "a numbered paragraph of a declaration should end with a semicolon, not '.'")]


def test_an_annex_block_without_annex_is_an_error_and_opens_nothing():
    result = compile_text("1. a.\n\n---\ntitle: Stray\n---\n\n2. b.\n")
    assert codes(result) == [("annex", 3, 1)]
    assert "has no `annex:` key" in result.diagnostics[0].message
    assert any("\\---" in hint for hint in result.diagnostics[0].hints)
    assert result.document.annexes == () and [p.num for p in paragraphs(result.document)] == ["1", "2"]


def test_a_front_matter_after_blank_lines_is_told_to_open_the_file():
    result = compile_document("t.wsis", b"\n---\nsymbol: A/1\n---\n\n1. a.\n")
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("annex", 2), ("unknown-key", 3)]
    assert result.diagnostics[0].hints[0] == \
        "the file's front matter opens the file: delete the blank lines before this `---`"


def test_an_unclosed_annex_block_is_an_error_and_the_text_after_it_is_still_read():
    result = compile_text("1. a.\n\n---\n\n2. b.\n\n3. {@nowhere} c.\n")
    assert codes(result) == [("annex", 3, 1), ("unknown-label", 7, 4)]
    assert result.diagnostics[0].message == "this `---` opens an annex block that is never closed"


def test_a_line_of_dashes_right_after_a_paragraph_opens_an_annex_block_too():
    doc = compiled("1. a.\n---\nannex: ~\n---\n1. b.\n").document
    assert [p.num for p in paragraphs(doc)] == ["1", "1"] and len(doc.annexes) == 1


def test_an_escaped_line_of_dashes_is_text():
    doc = compiled("1. a.\n\n\\---\n\n2. b.\n").document
    assert [p.content[0].value for p in paragraphs(doc)] == ["a.", "---", "b."] and doc.annexes == ()


def test_keys_of_the_other_kind_of_block_are_unknown_keys():
    result = compile_text("---\nannex: I\nsymbol: A/1\n---\n1. a.\n\n---\nannex: ~\nsymbol: A/2\ntitel: T\n---\n\n"
                          "1. b.\n")
    found = [(d.code, d.span.line, d.message) for d in result.diagnostics]
    assert found == [
        ("unknown-key", 2, "`annex` belongs in an annex block, not in the file's front matter"),
        ("unknown-key", 9, "`symbol` is set in the file's front matter, not in an annex block"),
        ("unknown-key", 10, "unknown annex-block key `titel`")]
    assert result.diagnostics[2].hints == ("did you mean `title`?",)


def test_a_bad_annex_block_is_reported_where_it_stands_whether_or_not_it_was_read_before():
    # Read once, then from the cache, which keeps it as if it opened the file.
    block = "---\nannex: ~\ntitle: [unclosed\n---\n\n1. b.\n"
    for above in ("1. a.\n\n", "1. a.\n\n2. b.\n\nSome text\nover two lines.\n\n"):
        result = compile_text(above + block)
        closing = above.count("\n") + 4  # the YAML ends at the closing fence with the `[` still open
        assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == [("front-matter", closing, 1)]
        assert result.diagnostics[0].message.startswith("an annex block is not valid YAML")
        assert result.diagnostics[0].span.start == len(above) + block.index("\n---\n") + 1
        assert result.document.annexes != ()  # it says `annex:`: an annex, with its error
    bad_name = compile_text("1. a.\n\n---\nannex: ~\nname: 3x\n---\n")
    assert [(d.code, d.span.line, d.span.column) for d in bad_name.diagnostics] == [("front-matter", 5, 7)]


# -------------------------------------------------------- cross-references

def test_references_into_an_annex_say_which_and_within_it_do_not():
    targets = {n.label: (n.target, n.target_id) for n in inlines(compiled().document) if isinstance(n, ast.Ref)}
    assert targets == {"declaration": ("annex I", "att_1"), "commit": ("2 of annex I", "att_1__para_2"),
                       "review": ("1 of annex II", "att_2__para_1"), "first": ("2 (a) of annex I",
                                                                                "att_1__para_2__point_a")}
    inside = compiled("1. {#a} x.\n\n---\nannex: ~\nname: the-annex\n---\n\n"
                      "1. {#b} See {@b}, {@a} and {@the-annex}.\n\n2. See {@b}.\n").document
    refs = [(n.label, n.target) for n in inlines(inside) if isinstance(n, ast.Ref)]
    assert refs == [("b", "1"), ("a", "1"), ("the-annex", "the annex"), ("b", "1")]
    from_body = compiled("1. See {@b}.\n\n---\nannex: ~\n---\n\n1. {#b} x.\n").document
    assert [n.target for n in inlines(from_body) if isinstance(n, ast.Ref)] == ["1 of the annex"]


# ------------------------------------------------------------------ writers

def test_html_renders_each_annex_after_the_body_with_its_label_title_and_ids():
    html = render(compiled().document)
    elements = Elements(html)
    sections = [a for tag, a in elements.tags if tag == "section" and "annex" in a.get("class", "").split()]
    assert [s["id"] for s in sections] == ["att_1", "att_2"]
    assert html.index('id="para_2"') < html.index('id="att_1"') < html.index('id="att_1__para_1"') \
        < html.index('id="att_2"') < html.index('id="att_2__para_2"') < html.index('class="footnotes"')
    assert '<p class="annex-label" id="att_1__label">Annex I</p>' in html
    assert '<h1 class="annex-title" id="att_1__title">Political declaration</h1>' in html
    assert html.count('class="formula"') == 1  # an annex has none of its own unless it names one
    ids = elements.ids()
    assert len(ids) == len(set(ids))  # paragraph 1 of the body and of each annex: three ids
    assert '<a class="xref" href="#att_1__para_2">2 of annex I</a>' in html
    assert '<a class="xref" href="#att_1">annex I</a>' in html


def test_an_annex_prints_its_own_formula_and_original_language():
    html = render(compiled("1. a.\n\n---\nannex: ~\noriginal: Spanish\nformula: 'We, the States:'\n---\n\n"
                           "1. b.\n").document)
    assert '<p class="annex-original">[Original: Spanish]</p>' in html
    assert html.index('id="att_1"') < html.index('<p class="formula">We, the States:</p>')


def test_the_pdf_prints_the_annexes_numbered_from_one_again():
    result = compile_text(ANNEXES.read_text(encoding="utf-8"), editorial=True)
    data = write_pdf(result.document, "negotiation", WriteOptions())
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert text.index("Annex I\n") < text.index("Outcome document of the high-level") < text.index("Annex II\n")
    after_annex_two = text[text.index("Annex II\n"):]
    assert "Modalities of the review in 2035\n1. Decides" in after_annex_two
    words = " ".join(text.split())
    assert "set out in annex II to the present resolution" in words and "paragraph 2 of annex II" in words


# ------------------------------------------------------------------ commands

def test_the_example_with_annexes_checks_clean_and_builds_in_every_view():
    path = str(ANNEXES)
    for view in ("negotiation", "clean", "original", "compilation"):
        result = compile_text(ANNEXES.read_text(encoding="utf-8"), view=view, editorial=True, path=path)
        assert result.diagnostics == [] and not result.failed, view
        assert render(result.document, view).count('<section class="annex"') == 2
    doc = compile_text(ANNEXES.read_text(encoding="utf-8"), editorial=True).document
    assert [[p.num for p in s.blocks if isinstance(p, ast.Paragraph) and p.part == "operative"]
            for s in scopes(doc)] == [["1", "2"], ["1", "2", "3", "4", "5"], ["1", "2", "3"]]
    assert any(isinstance(b, ast.Heading) and b.number == "Action 1." for b in doc.annexes[0].blocks)


def test_fmt_writes_annex_blocks_back_with_their_keys_in_order(tmp_path):
    text = "1. a.\n\n---\n# the declaration\ntitle: T   # its title\nannex: ~\nname: d\n---\n1. b.\n\n\\---\n"
    formatted = format_source(SourceFile.from_text("t.wsis", text))
    assert formatted == "1. a.\n\n---\nannex: ~\nname: d\n# the declaration\ntitle: T   # its title\n---\n\n" \
                        "1. b.\n\n\\---\n"
    assert format_source(SourceFile.from_text("t.wsis", formatted)) == formatted
    assert format_source(SourceFile.from_text("e.wsis", ANNEXES.read_text(encoding="utf-8"))) == \
        ANNEXES.read_text(encoding="utf-8")  # the example is in the canonical form
    path = tmp_path / "t.wsis"
    path.write_text(text, encoding="utf-8")
    assert wsisc("fmt", path).returncode == 0 and path.read_text(encoding="utf-8") == formatted


def test_annex_blocks_written_from_the_tree_read_back_the_same():
    # What an importer does: no source to take the blocks from, only the tree.
    from wsis20.commands.fmt import shape
    from wsis20.writers.source import front_matter_blocks, write_source

    written = ANNEXES.read_text(encoding="utf-8")
    doc, _ = parse(SourceFile.from_text("e.wsis", written))
    text = write_source(doc, front_matter_blocks(written)[0])
    # The document type the annex sets, not the preamble numbering it takes from the file.
    assert front_matter_blocks(text)[1] == (
        '---\nannex: ~\nname: "outcome"\ntitle: "Outcome document of the high-level meeting of the General Assembly '
        'on the overall review of the implementation of the outcomes of the World Summit on the Information '
        'Society"\ndocument_type: "outcome"\n---',
        '---\nannex: ~\nname: "modalities"\ntitle: "Modalities of the review in 2035"\n---')
    again, found = parse(SourceFile.from_text("e.wsis", text))
    assert found == [] and shape(again.annexes) == shape(doc.annexes)


def test_fmt_keeps_annexes_after_an_empty_body():
    text = "\n---\nannex: A\n---\n\n1. b.\n"
    doc, _ = parse(SourceFile.from_text("t.wsis", text))
    assert len(doc.annexes) == 1 and doc.blocks == ()
    formatted = format_source(SourceFile.from_text("t.wsis", text))
    again, _ = parse(SourceFile.from_text("t.wsis", formatted))
    assert [a.label for a in again.annexes] == ["A"] and again.blocks == ()


def test_fmt_moves_a_logo_into_its_place():
    # The logo's position moved with its key, and fmt once took that for a change of meaning.
    text = "---\nlogo: x.png\nsymbol: A/1\n---\n\n1. We decide.\n"
    assert format_source(SourceFile.from_text("t.wsis", text)).startswith("---\nsymbol: A/1\nlogo: x.png\n---\n")


def test_renumber_numbers_each_annex_from_one_and_says_which_annex_in_the_concordance():
    text = "1. a;\n\n3. b.\n\n---\nannex: ~\n---\n\n2. c;\n\n#+. d;\n\n5. e.\n\n---\nannex: ~\n---\n\nPP4. *R*,\n"
    new_text, rows, _ = renumber(SourceFile.from_text("t.wsis", text), decide(otherwise=True))
    assert rows == [("1", "1"), ("3", "2"), ("annex I, 2", "annex I, 1"), ("annex I, 2bis", "annex I, 2"),
                    ("annex I, 5", "annex I, 3"), ("annex II, D", "annex II, A")]
    assert new_text == ("1. a;\n\n2. b.\n\n---\nannex: ~\n---\n\n1. c;\n\n2. d;\n\n3. e.\n\n---\nannex: ~\n---\n\n"
                        "A. *R*,\n")


def test_diff_matches_within_each_annex_and_cites_annex_paragraphs(tmp_path):
    old = "1. We decide.\n\n---\nannex: ~\n---\n\n1. We reaffirm.\n\n2. We decide.\n"
    new = "1. We decide.\n\n2. We add.\n\n---\nannex: ~\n---\n\n1. We decide.\n\n2. We reaffirm.\n"
    a = compiled(old).document
    b = compiled(new).document
    found = [(m.status, m.cited_old(), m.cited_new()) for m in match(a, b)]
    # "We decide." of the annex is not taken for the body's, nor the body's for the annex's.
    assert found == [("unchanged", ("1",), ("1",)), ("new", (), ("2",)),
                     ("renumbered", ("the annex, 2",), ("the annex, 1",)),
                     ("renumbered", ("the annex, 1",), ("the annex, 2",))]
    assert concordance(match(a, b)) == [("1", "1"), ("the annex, 1", "the annex, 2"),
                                        ("the annex, 2", "the annex, 1")]
    (tmp_path / "old.wsis").write_text(old, encoding="utf-8")
    (tmp_path / "new.wsis").write_text(new, encoding="utf-8")
    result = wsisc("diff", tmp_path / "old.wsis", tmp_path / "new.wsis", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["concordance"][1] == {"old": "the annex, 1", "new": "the annex, 2"}
    assert wsisc("diff", tmp_path / "old.wsis", tmp_path / "new.wsis", "-o", tmp_path / "c.html").returncode == 0
    html = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert html.index('id="att_1"') < html.index("Former paragraph 2") < html.index("Concordance of paragraph")


def test_diff_strikes_through_an_annex_that_is_gone():
    old = compiled("1. We decide.\n\n---\nannex: ~\n---\n\n1. We reaffirm our resolve.\n").document
    new = compiled("1. We decide.\n").document
    from wsis20.transforms.compare import comparison

    html = render(comparison(old, new))
    assert "Dropped: former paragraph 1 of the annex" in html
    assert ("<td>the annex, 1</td><td>dropped</td>") in html


def test_the_guard_names_the_annex_of_an_agreed_paragraph(tmp_path):
    old = "1. {.agreed} We decide.\n\n---\nannex: ~\n---\n\n1. {.agreed} We reaffirm.\n"
    (tmp_path / "old.wsis").write_text(old, encoding="utf-8")
    (tmp_path / "new.wsis").write_text(old.replace("We reaffirm", "We recall"), encoding="utf-8")
    result = wsisc("check", "--base", tmp_path / "old.wsis", tmp_path / "new.wsis")
    assert result.returncode == 1
    assert "new.wsis:7:1: error: paragraph 1 of the annex was agreed in" in result.stdout
    assert result.stdout.count("[agreed-changed]") == 1  # the body's paragraph 1 is not its former self


def test_stats_count_each_annex_apart(tmp_path):
    result = wsisc("stats", "--format", "json", ANNEXES)
    numbers = json.loads(result.stdout)
    assert numbers["paragraphs"] == {"preamble": 3, "operative": 10, "unnumbered": 1}
    assert numbers["annexes"] == [
        {"label": "Annex I", "paragraphs": {"preamble": 2, "operative": 5, "unnumbered": 1}},
        {"label": "Annex II", "paragraphs": {"preamble": 0, "operative": 3, "unnumbered": 0}}]
    text = wsisc("stats", ANNEXES).stdout
    assert "    Annex I: 2 preambular, 5 operative, 1 unnumbered\n" in text
    # The first line counts the whole document and says so; the body is given apart.
    assert "  paragraphs   3 preambular, 10 operative, 1 unnumbered in all\n    body: 1 preambular, 2 operative, " \
        "0 unnumbered\n" in text


def test_a_markdown_rule_before_a_paragraph_is_reported_at_its_line_and_the_annex_after_it_still_opens():
    """`---` then a paragraph, with a real annex block further on: the rule is the
    error (at its line, with the escape), not the text after it read as YAML."""
    compiled = compile_text("1. *Decides* one;\n\n---\n2. *Decides* two.\n\n---\nannex: ~\n---\n\n1. *Notes* it.\n")
    assert [(d.code, d.span.line) for d in compiled.diagnostics if d.severity == "error"] == [("annex", 3)]
    [error] = [d for d in compiled.diagnostics if d.severity == "error"]
    assert error.message == "this `---` opens an annex block that is followed by text, not by `key: value` lines"
    assert any("\\---" in h for h in error.hints)
    assert len(compiled.document.annexes) == 1
    assert [b.num for b in compiled.document.annexes[0].blocks] == ["1"]


def test_two_annexes_with_one_label_are_an_error():
    compiled = compile_text("1. *Decides* it.\n\n---\nannex: Annex I\n---\n\n1. *Notes* a.\n\n"
                            "---\nannex: Annex I\n---\n\n1. *Notes* b.\n")
    [error] = [d for d in compiled.diagnostics if d.severity == "error"]
    assert (error.code, error.span.line, error.message) == ("annex", 9, "two annexes are labelled `Annex I`")
    assert error.related[0].span.line == 3


def test_an_annex_block_never_closed_is_said_so_even_when_a_key_follows():
    compiled = compile_text("1. X.\n\n---\nannex: ~\n\n1. Y.\n")
    assert [d.message for d in compiled.diagnostics if d.code == "annex"] == [
        "this `---` opens an annex block that is never closed"]


def test_renumber_refuses_to_append_its_concordance_into_an_annex(tmp_path):
    path = tmp_path / "d.wsis"
    path.write_text(ANNEXES.read_text(encoding="utf-8"), encoding="utf-8")
    before = path.read_bytes()
    result = wsisc("renumber", path, "--annex")
    assert result.returncode == 2 and "this draft has annexes of its own" in result.stderr
    assert path.read_bytes() == before
