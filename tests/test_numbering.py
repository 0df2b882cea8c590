"""Numbering as a pure transform: the negotiation and clean views."""

from wsis20 import ast
from wsis20.walk import inlines, paragraphs, subparagraphs

from conftest import compile_text


def nums(compiled) -> list[str]:
    return [p.num for p in paragraphs(compiled.document) if p.num]


def test_negotiation_keeps_explicit_numbers_and_numbers_insertions():
    compiled = compile_text("""
        103. a

        103bis. b

        #+. c

        #+. d

        #. e

        #. f
        """)
    assert [d.code for d in compiled.diagnostics] == ["number-gap"]  # starts at 103: an excerpt
    assert nums(compiled) == ["103", "103bis", "103ter", "103quater", "104", "105"]


def test_insertions_take_the_next_free_suffix_even_beyond_decies():
    text = "7. base\n\n" + "".join("#+. inserted\n\n" for _ in range(21))
    assert nums(compile_text(text))[1:] == [
        "7bis", "7ter", "7quater", "7quinquies", "7sexies", "7septies", "7octies", "7novies", "7decies",
        "7undecies", "7duodecies", "7terdecies", "7quaterdecies", "7quindecies", "7sexdecies", "7septdecies",
        "7octodecies", "7novodecies", "7vicies", "7unvicies", "7duovicies"]


def test_insertion_skips_suffixes_written_explicitly_later():
    compiled = compile_text("5. a\n\n#+. b\n\n5ter. c\n")
    # 5ter is taken further down, so the insertion becomes 5bis and the explicit 5ter stays
    assert nums(compiled) == ["5", "5bis", "5ter"]


def test_next_marker_starts_at_one():
    assert nums(compile_text("#. a\n\n#. b\n\n#+. c\n")) == ["1", "2", "2bis"]


def test_preamble_and_operative_are_numbered_apart():
    compiled = compile_text("A. *Recalling*,\n\nPP#+. *Noting*,\n\nPP#. *Welcoming*,\n\n#. Decides;\n\n#. Requests.\n")
    assert nums(compiled) == ["A", "Abis", "B", "1", "2"]


def test_preamble_numbering_styles():
    body = "A. one,\n\nPP#. two,\n\n1. op.\n"
    assert nums(compile_text("---\npreamble_numbering: pp\n---\n" + body)) == ["PP1", "PP2", "1"]
    letters = compile_text(body)
    assert [p.eid for p in paragraphs(letters.document)] == ["pp_A", "pp_B", "para_1"]
    none = compile_text("---\npreamble_numbering: none\n---\n" + body)
    assert [p.eid for p in paragraphs(none.document)] == ["pp_1", "pp_2", "para_1"]


def test_clean_view_numbers_one_to_n_and_drops_suffixes_and_comments():
    text = """
        ---
        authors: {ПW: Russian Federation}
        ---
        C. *Recalling*,

        Cbis. *Noting* {==it==}{>>ПW: why<<},

        103. {#a} a, see {@b}

        #+. {#b} b, see {@a}

        103ter. c
        """
    clean = compile_text(text, view="clean")
    assert clean.failed is False
    assert nums(clean) == ["A", "B", "1", "2", "3"]
    assert not any(isinstance(node, ast.Comment) for node in inlines(clean.document))
    refs = [node for node in inlines(clean.document) if isinstance(node, ast.Ref)]
    assert [(r.label, r.target, r.target_id) for r in refs] == [("b", "2", "para_2"), ("a", "1", "para_1")]
    # the words a comment was anchored to stay in the text
    noting = list(paragraphs(clean.document))[1]
    assert "".join(n.value for n in noting.content if isinstance(n, ast.Text)).endswith("it,")


def test_references_show_the_number_in_the_view_being_built():
    text = "103. a\n\n#+. {#x} b\n\n104. See paragraph {@x}.\n"
    negotiation = compile_text(text)
    clean = compile_text(text, view="clean")
    (ref,) = [n for n in inlines(negotiation.document) if isinstance(n, ast.Ref)]
    (clean_ref,) = [n for n in inlines(clean.document) if isinstance(n, ast.Ref)]
    assert (ref.target, ref.target_id) == ("103bis", "para_103bis")
    assert (clean_ref.target, clean_ref.target_id) == ("2", "para_2")


def test_subparagraph_numbering_and_references():
    text = """
        12. {#p} *Requests*:
          (a) one;
          (#) {#two} two:
              (#) {#deep} deep;
              (#) deeper;
          (#) three, see {@two} and {@deep}.
        """
    compiled = compile_text(text)
    (paragraph,) = paragraphs(compiled.document)
    assert [(s.num, s.eid) for s in subparagraphs(paragraph.subparagraphs)] == [
        ("(a)", "para_12__point_a"), ("(b)", "para_12__point_b"), ("(i)", "para_12__point_b__point_i"),
        ("(ii)", "para_12__point_b__point_ii"), ("(c)", "para_12__point_c")]
    refs = [n.target for n in inlines(compiled.document) if isinstance(n, ast.Ref)]
    assert refs == ["12 (b)", "12 (b) (i)"]


def test_levels_three_and_four_use_the_editorial_manual_labels():
    text = "1. a:\n (a) b:\n   (i) c:\n     (#) d:\n       (#) e\n"
    (paragraph,) = paragraphs(compile_text(text).document)
    assert [s.num for s in subparagraphs(paragraph.subparagraphs)] == ["(a)", "(i)", "a.", "i."]


def test_clean_view_relabels_subparagraphs_in_sequence():
    text = "1. a:\n  (a) x;\n  (c) y.\n"
    (paragraph,) = paragraphs(compile_text(text, view="clean").document)
    assert [s.num for s in paragraph.subparagraphs] == ["(a)", "(b)"]
    (negotiated,) = paragraphs(compile_text(text).document)
    assert [s.num for s in negotiated.subparagraphs] == ["(a)", "(c)"]


def test_comments_are_numbered_in_document_order_across_authors():
    text = """
        ---
        authors: {ПW: A, NW: B, u: C}
        ---
        1. a {>>ПW: one<<} b {==c==}{>>NW: two<<}
          (a) sub {>>u: three<<}

        # Heading

        2. d {>>four<<} *e*
        """
    compiled = compile_text(text)
    comments = [n for n in inlines(compiled.document) if isinstance(n, ast.Comment)]
    assert [(c.author, c.index) for c in comments] == [("ПW", 1), ("NW", 2), ("u", 3), (None, 4)]


def test_transforms_do_not_change_their_input():
    from wsis20.parse import parse
    from wsis20.source import SourceFile
    from wsis20.transforms.views import apply_view

    doc, _ = parse(SourceFile.from_text("t", "1. a\n\n#+. b\n"))
    before = repr(doc)
    apply_view(doc, "negotiation")
    apply_view(doc, "clean")
    assert repr(doc) == before
