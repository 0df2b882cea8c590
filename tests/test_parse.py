"""Each construct of the markup, parsed into the AST."""

import datetime
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE

from wsis20 import ast
from wsis20.numbers import Number
from wsis20.parse import parse
from wsis20.source import SourceFile


def parse_text(text: str):
    doc, diagnostics = parse(SourceFile.from_text("t.wsis", textwrap.dedent(text).lstrip("\n")))
    return doc, diagnostics


def only_paragraph(text: str) -> ast.Paragraph:
    doc, diagnostics = parse_text(text)
    assert diagnostics == []
    (paragraph,) = doc.blocks
    return paragraph


def test_a_file_with_only_paragraphs_is_valid():
    doc, diagnostics = parse_text("1. Decides to remain seized of the matter.\n")
    assert diagnostics == []
    assert doc.front == ast.FrontMatter()
    (paragraph,) = doc.blocks
    assert paragraph.part == "operative"
    assert paragraph.content[0].value == "Decides to remain seized of the matter."


def test_front_matter_fields():
    doc, diagnostics = parse_text("""
        ---
        symbol: A/80/L.41
        session: 80
        agenda: [13, 115]
        title: Outcome document
        date: 2025-08-29
        distribution: limited
        original: English
        stage: Zero draft
        document_type: outcome
        preamble_numbering: pp
        authors:
          ПW: Russian Federation
          u: Secretariat
        ---
        1. Text.
        """)
    assert diagnostics == []
    front = doc.front
    assert front.symbol == "A/80/L.41"
    assert front.session == 80
    assert front.agenda == ("13", "115")
    assert front.date == datetime.date(2025, 8, 29)
    assert front.distribution == "Limited"
    assert front.stage == "Zero draft"
    assert front.document_type == "outcome"
    assert front.preamble_numbering == "pp"
    assert front.authors == (("ПW", "Russian Federation"), ("u", "Secretariat"))


@pytest.mark.parametrize("written, number", [
    ("12.", Number(12)), ("12bis.", Number(12, 2)), ("12 bis.", Number(12, 2)), ("OP12.", Number(12)),
    ("OP12ter.", Number(12, 3)), ("1quat.", Number(1, 4)), ("9nonies.", Number(9, 9)),
    ("5 quinques.", Number(5, 5)), ("12Bis.", Number(12, 2)), ("3vicies.", Number(3, 20)),
])
def test_explicit_operative_markers(written, number):
    paragraph = only_paragraph(f"{written} We decide.\n")
    assert paragraph.part == "operative"
    assert paragraph.marker.kind == "explicit"
    assert paragraph.marker.number == number
    assert paragraph.marker.written == written
    assert paragraph.content[0].value == "We decide."


@pytest.mark.parametrize("written, number", [
    ("A.", Number(1)), ("G.", Number(7)), ("Cbis.", Number(3, 2)), ("AA.", Number(27)),
    ("PP3.", Number(3)), ("PP3bis.", Number(3, 2)), ("PP 3 bis.", Number(3, 2)),
])
def test_explicit_preambular_markers(written, number):
    paragraph = only_paragraph(f"{written} *Recalling* its resolution,\n")
    assert paragraph.part == "preamble"
    assert paragraph.marker.number == number


@pytest.mark.parametrize("written, part, kind", [
    ("#.", "operative", "next"), ("#+.", "operative", "insert"), ("OP#.", "operative", "next"),
    ("PP#.", "preamble", "next"), ("PP#+.", "preamble", "insert"),
])
def test_automatic_markers(written, part, kind):
    paragraph = only_paragraph(f"{written} Text.\n")
    assert (paragraph.part, paragraph.marker.kind, paragraph.marker.number) == (part, kind, None)


@pytest.mark.parametrize("text", ["Mr. Smith spoke.", "St. Lucia spoke.", "The General Assembly,"])
def test_words_that_look_like_letter_markers_stay_text(text):
    paragraph = only_paragraph(text + "\n")
    assert paragraph.part == "text"
    assert paragraph.content[0].value == text


def test_paragraph_continues_over_lines_and_ends_at_blank_line():
    doc, diagnostics = parse_text("""
        1. We reaffirm
           our commitment
        to the Charter.

        2. We decide.
        """)
    assert diagnostics == []
    first, second = doc.blocks
    assert first.content[0].value == "We reaffirm our commitment to the Charter."
    assert second.marker.number == Number(2)


def test_headings_and_sub_headings():
    doc, _ = parse_text("# Introduction\n## Bridging digital divides\n### Detail\n1. Text.\n")
    levels = [(b.level, b.content[0].value) for b in doc.blocks if isinstance(b, ast.Heading)]
    assert levels == [(1, "Introduction"), (2, "Bridging digital divides"), (3, "Detail")]
    assert isinstance(doc.blocks[3], ast.Paragraph)


def test_inline_emphasis_nests_across_kinds():
    paragraph = only_paragraph("1. *Recalling **also** its* __inter alia__ text.\n")
    italic, space, underline, rest = paragraph.content
    assert italic.style == "italic"
    assert [type(c).__name__ for c in italic.children] == ["Text", "Emphasis", "Text"]
    assert italic.children[1].style == "bold"
    assert underline.style == "underline" and underline.children[0].value == "inter alia"
    assert rest.value == " text."


def test_escapes_write_marker_characters_literally():
    paragraph = only_paragraph(r"\12. was the year \*not italic\* and \{>>not a comment<<\} a\_b \\" + "\n")
    assert paragraph.part == "text"
    assert paragraph.content == (paragraph.content[0],)
    assert paragraph.content[0].value == r"12. was the year *not italic* and {>>not a comment<<} a_b \ ".strip()


def test_single_underscore_and_lone_braces_are_text():
    paragraph = only_paragraph("1. the Tunis Agenda_T, {curly} a < b = c.\n")
    assert paragraph.content[0].value == "the Tunis Agenda_T, {curly} a < b = c."


def test_subparagraphs_nest_by_indentation():
    paragraph = only_paragraph("""
        12. *Requests* the Secretary-General:
          (a) To submit a report;
          (b) To convene:
              (i) in 2026;
              (#) in 2027;
          (#) To report.
        """)
    subs = paragraph.subparagraphs
    assert [(s.marker.written, s.level) for s in subs] == [("(a)", 1), ("(b)", 1), ("(#)", 1)]
    assert [(s.marker.written, s.level, s.marker.ordinal) for s in subs[1].children] == \
        [("(i)", 2, 1), ("(#)", 2, None)]
    assert subs[0].content[0].value == "To submit a report;"


def test_subparagraphs_after_blank_lines_continue_the_paragraph():
    doc, diagnostics = parse_text("""
        12. *Requests*:

        (a) one;

        (b) two.

        13. Next.
        """)
    assert diagnostics == []
    first, second = doc.blocks
    assert [s.marker.written for s in first.subparagraphs] == ["(a)", "(b)"]
    assert second.marker.number == Number(13)


def test_labels_and_references():
    paragraph = only_paragraph("""
        12. {#req} *Requests*, as in paragraph {@other}:
          (a) {#req-a} one;
        """)
    assert paragraph.label.name == "req"
    assert paragraph.subparagraphs[0].label.name == "req-a"
    ref = paragraph.content[2]
    assert isinstance(ref, ast.Ref) and ref.label == "other"


def test_point_comment_with_author():
    paragraph = only_paragraph("1. We note {>>ПW: singular, please.<<} the text.\n")
    comment = paragraph.content[1]
    assert isinstance(comment, ast.Comment)
    assert comment.author == "ПW"
    assert comment.anchor is None
    assert comment.body[0].value == "singular, please."


def test_span_comment_anchors_the_highlighted_words():
    paragraph = only_paragraph("1. existing {==inequalities==}{>>ПW: singular<<} or.\n")
    comment = paragraph.content[1]
    assert comment.anchor[0].value == "inequalities"
    assert comment.author == "ПW"


def test_comment_without_author_and_escaped_colon():
    paragraph = only_paragraph(r"1. a {>>no author here<<} b {>>Note\: not an author<<}." + "\n")
    first, second = paragraph.content[1], paragraph.content[3]
    assert first.author is None and first.body[0].value == "no author here"
    assert second.author is None and second.body[0].value == "Note: not an author"


def test_comment_may_span_lines_and_hold_emphasis():
    paragraph = only_paragraph("1. a {>>u: first line\n   *second* line<<}.\n")
    comment = paragraph.content[1]
    assert [type(n).__name__ for n in comment.body] == ["Text", "Emphasis", "Text"]
    assert comment.body[0].value == "first line "


def test_every_node_has_line_and_column():
    doc, _ = parse_text("---\ntitle: T\n---\n\n# Head\n\n1. {#x} A *b* {==c==}{>>d<<} {@x}\n  (a) e\n")
    heading, paragraph = doc.blocks
    assert (heading.span.line, heading.span.column) == (5, 1)
    assert (paragraph.marker.span.line, paragraph.marker.span.column) == (7, 1)
    assert (paragraph.label.span.line, paragraph.label.span.column) == (7, 5)  # the `#x` in `{#x}`
    spans = [(type(n).__name__, n.span.line, n.span.column) for n in paragraph.content]
    assert spans == [("Text", 7, 9), ("Emphasis", 7, 11), ("Text", 7, 14), ("Comment", 7, 15),
                     ("Text", 7, 29), ("Ref", 7, 30)]
    sub = paragraph.subparagraphs[0]
    assert (sub.marker.span.line, sub.marker.span.column) == (8, 3)


def test_ast_nodes_are_immutable():
    paragraph = only_paragraph("1. Text.\n")
    with pytest.raises(AttributeError):
        paragraph.num = "2"  # type: ignore[misc]


def test_crlf_and_bom_are_read():
    source = SourceFile.from_bytes("t.wsis", b"\xef\xbb\xbf1. One\r\ncontinued.\r\n\r\n2. Two.\r\n")
    doc, diagnostics = parse(source)
    assert diagnostics == []
    assert [b.content[0].value for b in doc.blocks] == ["One continued.", "Two."]


def test_front_matter_from_the_cache_is_the_same(tmp_path, monkeypatch):
    from wsis20 import resources

    monkeypatch.setattr(resources, "cache_dir", lambda: tmp_path)
    text = "---\ntitle: T\ndate: 2025-08-29\nagenda: [1, 2]\ntitel: typo\n---\n1. a\n"
    first = parse_text(text)
    assert list(tmp_path.glob("*/front-*.pickle"))
    again = parse_text(text)
    assert again[0].front == first[0].front
    assert again[1] == first[1] and first[1][0].code == "unknown-key"


def test_bold_italic_with_three_stars():
    paragraph = only_paragraph("1. ***Decides*** to act.\n")
    bold = paragraph.content[0]
    assert (bold.style, bold.children[0].style, bold.children[0].children[0].value) == ("bold", "italic", "Decides")


def _shape(tree):
    """A tree with every token's type, text and position: what equality must cover."""
    return (tree.data, [_shape(c) if hasattr(c, "data") else (c.type, str(c), c.start_pos, c.end_pos, c.line,
                                                            c.column, c.end_line, c.end_column)
                        for c in tree.children])


_PLAIN_ALPHABET = "abcXYZ019 .,;:#()*_-+=<>^~[]\\/\u00e1PpO\t"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_PLAIN_ALPHABET, min_size=1, max_size=40))
def test_the_plain_block_shortcut_builds_the_parsers_tree(text):
    from wsis20.parse.parser import UnexpectedInput, block_parser, plain_tree

    fast = plain_tree(text)
    if fast is None:
        return
    try:
        slow = block_parser().parse(text)
    except UnexpectedInput:
        raise AssertionError(f"the shortcut accepted {text!r}, which the parser rejects") from None
    assert _shape(fast) == _shape(slow)


def test_the_plain_block_shortcut_on_every_block_of_the_examples():
    from wsis20.parse.blocks import split
    from wsis20.parse.parser import block_parser, plain_tree

    taken = 0
    for path in sorted(EXAMPLE.parent.glob("*.wsis")):
        _, blocks = split(path.read_text(encoding="utf-8"))
        for block in blocks:
            fast = plain_tree(block.text)
            if fast is not None:
                taken += 1
                assert _shape(fast) == _shape(block_parser().parse(block.text)), block.text[:60]
    assert taken > 150  # most paragraphs of a real draft are plain words
