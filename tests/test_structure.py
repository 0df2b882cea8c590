"""The structure inside a body or an annex: declarations, unnumbered text in a
preamble, numbered item headings."""


import pytest

from wsis20 import ast
from wsis20.commands.fmt import format_source
from wsis20.source import SourceFile
from wsis20.walk import paragraphs, plain_text
from wsis20.writers import WriteOptions
from wsis20.writers.html import render
from wsis20.writers.pdf import write as write_pdf

from conftest import compile_text
from test_pdf import MM, _runs


def compiled(text: str, **options):
    result = compile_text(text, editorial=True, **options)
    assert not result.failed, result.diagnostics
    return result


# ------------------------------------------------------------- declarations

DECLARATION = ("---\ndocument_type: declaration\n---\n\nWe, Heads of State and Government, we:\n\n"
               "1. Reaffirm the right of every human being to health;\n\n2. Recognize that health is a precondition:\n"
               "  (a) For development;\n  (b) For peace;\n\n3. Decide to convene a high-level meeting in 2026.\n")


def test_a_declaration_numbers_verb_clauses_ending_with_semicolons_and_the_last_with_a_full_stop():
    result = compiled(DECLARATION)
    assert result.document.front.document_type == "declaration"
    assert result.diagnostics == []
    assert render(result.document).count('class="formula"') == 0  # it opens with its own words


@pytest.mark.parametrize("old, new, line, message", [
    ("health;\n", "health.\n", 7, "a numbered paragraph of a declaration should end with a semicolon, not '.'"),
    ("in 2026.", "in 2026;", 13, "the last paragraph of a declaration should end with a full stop, not ';'"),
])
def test_a_declaration_that_ends_its_paragraphs_otherwise_is_warned(old, new, line, message):
    found = compile_text(DECLARATION.replace(old, new), editorial=True).diagnostics
    assert [(d.code, d.span.line, d.message) for d in found] == [("punctuation", line, message)]


def test_an_outcome_document_keeps_its_full_stops():
    found = compile_text(DECLARATION.replace("declaration", "outcome"), editorial=True).diagnostics
    assert [d.span.line for d in found if d.code == "punctuation"] == [7, 11]  # ";" where "." is due


# ------------------------------------------------- unnumbered text in a preamble

PREAMBLE = ("---\ndocument_type: outcome\npreamble_numbering: none\n---\n\n"
            "We, the Ministers and heads of delegations, assembled in New York:\n\n"
            "PP#. *Recalling* the outcome of the World Summit,\n\n"
            "Mindful of what remains to be done,\n\n"
            "PP#. *Reaffirming* resolution 70/1,\n\n"
            "Having considered the report:\n\n"
            "1. We reaffirm our commitment.\n\n"
            "We therefore commit to:\n\n"
            "2. We act.\n")


def test_unnumbered_text_before_or_between_preambular_paragraphs_belongs_to_the_preamble():
    doc = compiled(PREAMBLE).document
    found = [(p.part, p.in_preamble, plain_text(p.content)[:12]) for p in paragraphs(doc)]
    assert found == [("text", True, "We, the Mini"), ("preamble", False, "Recalling th"),
                     ("text", True, "Mindful of w"), ("preamble", False, "Reaffirming "),
                     ("text", False, "Having consi"),  # after the last preambular paragraph
                     ("operative", False, "We reaffirm "), ("text", False, "We therefore"),
                     ("operative", False, "We act.")]


def test_unnumbered_text_with_no_preamble_after_it_stays_body_text():
    doc = compiled("Text.\n\n1. We act.\n\nPP1. *Recalling*,\n").document
    assert [p.in_preamble for p in paragraphs(doc)] == [False, False, False]


def test_where_the_preamble_ends_is_decided_in_each_view():
    """A proposed preambular paragraph is the preamble's last in the negotiation and
    clean views; rejected (the original view), the text before it no longer stands
    between two preambular paragraphs."""
    text = ("---\npreamble_numbering: none\nauthors:\n  EU: European Union\n---\n\n"
            "PP#. *Recalling* the Summit,\n\nMindful of what remains,\n\n"
            "PP#. {+EU} *Noting* the report,\n\n1. Acts.\n")
    for view, expected in (("negotiation", True), ("clean", True), ("original", False)):
        doc = compiled(text, view=view).document
        [mindful] = [p for p in paragraphs(doc) if p.part == "text"]
        assert mindful.in_preamble is expected, view


def test_preamble_text_is_laid_out_with_the_preamble_in_html_and_pdf():
    result = compiled(PREAMBLE)
    html = render(result.document)
    assert html.count('<div class="para text in-preamble">') == 2
    data = write_pdf(result.document, "negotiation", WriteOptions())
    starts = {}
    for _, x, _, _, text in _runs(data, 0):
        for words in ("We, the Ministers", "Recalling", "Mindful", "Having considered", "We therefore"):
            if text.startswith(words):
                starts.setdefault(words, x)
    # The preamble's text is indented a gutter (10 mm) from the margin; text elsewhere is flush with it.
    assert abs(starts["Recalling"] - 35 * MM) < 1
    assert abs(starts["We, the Ministers"] - starts["Recalling"]) < 1
    assert abs(starts["Mindful"] - starts["Recalling"]) < 1
    assert abs(starts["Having considered"] - 25 * MM) < 1 and abs(starts["We therefore"] - 25 * MM) < 1


# ---------------------------------------------------------- item headings

ITEMS = ("# I. Our shared commitment\n\n## A. Plenary meetings\n\n### Action #. We will bridge digital divides.\n\n"
         "1. We act.\n\n### Action #. We will *build* capacity.\n\n### Goal 7. Energy\n\n### Goal #. Cities\n\n"
         "#. We act again.\n\n### Section 1 has no dot\n\n### A\\. B. Smith's report\n\n### Action #.\n")


def test_an_item_heading_keeps_its_number_apart_from_its_words():
    doc = compiled(ITEMS).document
    headings = [(b.number, b.written_number, b.content[0].value if b.content else None)
                for b in doc.blocks if isinstance(b, ast.Heading)]
    assert headings == [("I.", "I.", "Our shared commitment"), ("A.", "A.", "Plenary meetings"),
                        ("Action 1.", "Action #.", "We will bridge digital divides."),
                        ("Action 2.", "Action #.", "We will "),
                        ("Goal 7.", "Goal 7.", "Energy"), ("Goal 8.", "Goal #.", "Cities"),
                        (None, None, "Section 1 has no dot"), (None, None, "A. B. Smith's report"),
                        ("Action 3.", "Action #.", None)]
    assert [p.num for p in paragraphs(doc)] == ["1", "2"]  # item numbers do not interrupt the paragraphs'


def test_item_numbers_count_per_word_in_each_annex_apart():
    doc = compiled("### Action #. One.\n\n---\nannex: ~\n---\n\n### Action #. One again.\n\n"
                   "### Action #. Two.\n").document
    numbers = [b.number for b in doc.blocks + doc.annexes[0].blocks if isinstance(b, ast.Heading)]
    assert numbers == ["Action 1.", "Action 1.", "Action 2."]


def test_an_item_number_prints_bold():
    result = compiled(ITEMS)
    html = render(result.document)
    assert '<h4 class="heading level-3" id="sec_3"><span class="heading-num">Action 1.</span> We will bridge' in html
    assert '<h4 class="heading level-3" id="sec_9"><span class="heading-num">Action 3.</span></h4>' in html
    runs = _runs(write_pdf(result.document, "negotiation", WriteOptions()), 0)
    fonts = {text.strip(): font for font, _, _, _, text in runs}
    assert fonts["Action 1."] == "WSIS-Serif-Bold"  # in an italic, not bold, third-level heading
    assert fonts["We will bridge digital divides."] == "WSIS-Serif-Italic"


def test_fmt_writes_item_numbers_as_written_and_keeps_words_that_look_like_one():
    formatted = format_source(SourceFile.from_text("t.wsis", ITEMS))
    assert formatted == ITEMS
    escaped = "### Action 13\\. is a heading\n\n# IV\\. too\n"
    assert format_source(SourceFile.from_text("t.wsis", escaped)) == escaped
