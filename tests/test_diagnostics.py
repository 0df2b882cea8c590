"""Each diagnostic: its code, line and column, its words and its suggested fix."""

import pytest

from wsis20.diagnostics import CODES
from wsis20.report import render_text

from conftest import FIXTURES, ROOT, codes, compile_text


def only(compiled, code):
    found = [d for d in compiled.diagnostics if d.code == code]
    assert len(found) == 1, compiled.diagnostics
    return found[0]


def test_the_drafts_own_103ter_stretch_is_rejected_with_the_right_suffixes():
    from wsis20.pipeline import compile_document

    path = FIXTURES / "misnumbered-103ter.wsis"
    compiled = compile_document(str(path), path.read_bytes())
    assert compiled.failed
    duplicates = [d for d in compiled.diagnostics if d.code == "duplicate-number"]
    assert [(d.span.line, d.span.column, d.message) for d in duplicates] == [
        (9, 1, "paragraph number 103ter is already used"),
        (11, 1, "paragraph number 103ter is already used"),
        (19, 1, "paragraph number 104ter is already used"),
    ]
    assert [d.hints[0].split(",")[0] for d in duplicates] == [
        "number it 103quater", "number it 103quinquies", "number it 104quater"]
    assert all(d.related[0].span.line in (7, 17) for d in duplicates)


def test_duplicate_number_is_rendered_with_line_caret_and_fix():
    compiled = compile_text("103. a\n\n103bis. b\n\n103ter. c\n\n103ter. d\n", path="draft.wsis")
    text = render_text(compiled.source, only(compiled, "duplicate-number"))
    assert text.splitlines() == [
        "draft.wsis:7:1: error: paragraph number 103ter is already used [duplicate-number]",
        "    7 | 103ter. d",
        "      | ^^^^^^^",
        "draft.wsis:5:1: note: 103ter is first used here",
        "    5 | 103ter. c",
        "      | ^^^^^^^",
        "      = help: number it 103quater, or write `#+.` and let wsisc number it",
    ]


def test_numbers_out_of_order():
    d = only(compile_text("1. a\n\n2. b\n\n5. c\n\n3. d\n"), "number-order")
    assert (d.span.line, d.span.column, d.message) == (7, 1, "paragraph 3 comes after 5")


def test_skipped_suffix():
    d = only(compile_text("103. a\n\n103bis. b\n\n103quater. c\n"), "skipped-suffix")
    assert (d.span.line, d.message) == (5, "103quater follows 103bis: 103ter is missing")
    assert d.hints == ("number it 103ter",)


def test_suffix_on_a_number_that_does_not_exist():
    d = only(compile_text("1. a\n\n2. b\n\n3bis. c\n"), "skipped-suffix")
    assert d.message == "3bis follows 2, but there is no paragraph 3"


def test_gaps_are_warnings():
    compiled = compile_text("1. a\n\n2. b\n\n5. c\n")
    d = only(compiled, "number-gap")
    assert (d.severity.value, d.span.line, d.message) == ("warning", 5, "paragraph numbers jump from 2 to 5: 3 to 4 missing")
    assert not compiled.failed


def test_preamble_problems_are_reported_in_letters():
    d = only(compile_text("A. a,\n\nB. b,\n\nB. c,\n"), "duplicate-number")
    assert d.message == "paragraph number B is already used"
    assert d.hints[0].startswith("number it Bbis, or write `PP#+.`")


def test_unknown_suffix_suggests_the_spelling():
    d = only(compile_text("12bsi. a\n"), "unknown-suffix")
    assert (d.span.line, d.span.column) == (1, 1)
    assert d.hints == ("did you mean `12bis.`?",)


def test_insertion_with_nothing_before():
    d = only(compile_text("#+. a\n"), "insert-first")
    assert (d.span.line, d.span.column) == (1, 1)


def test_unknown_and_duplicate_labels():
    compiled = compile_text("1. {#intro} a\n\n2. {#intro} b\n\n3. see {@intr} and {@nowhere}\n")
    assert codes(compiled) == [("duplicate-label", 3, 5), ("unknown-label", 5, 8), ("unknown-label", 5, 20)]
    unknown = [d for d in compiled.diagnostics if d.code == "unknown-label"]
    assert unknown[0].hints == ("did you mean `{@intro}`?",)
    assert compiled.diagnostics[0].related[0].span.line == 1


def test_comments_by_undeclared_authors():
    compiled = compile_text("---\nauthors: {ПW: Russian Federation}\n---\n1. a {>>PW: latin P<<} b {>>XY: who<<}\n")
    assert codes(compiled) == [("unknown-author", 4, 6), ("unknown-author", 4, 26)]
    assert compiled.diagnostics[0].hints[0].startswith("did you mean `ПW`?")


def test_unterminated_comment_points_at_its_opening():
    compiled = compile_text("1. a {>>ПW: never closed\n   still going\n\n2. b\n")
    d = only(compiled, "unterminated")
    assert (d.span.line, d.span.column) == (1, 6)
    assert d.message == "comment opened with `{>>` is not closed before the end of the paragraph"
    assert d.hints == ("close it with `<<}`",)


@pytest.mark.parametrize("text, column, what", [
    ("1. *Recalling its resolution\n", 4, "italic text opened with `*`"),
    ("1. **Decides to\n", 4, "bold text opened with `**`"),
    ("1. a __b\n", 6, "underlined text opened with `__`"),
    ("1. a {==span\n", 6, "highlighted span opened with `{==`"),
])
def test_unterminated_emphasis_and_highlight(text, column, what):
    d = only(compile_text(text), "unterminated")
    assert (d.span.line, d.span.column) == (1, column)
    assert d.message.startswith(what)


def test_highlight_needs_its_comment():
    d = only(compile_text("1. a {==span==} b\n"), "syntax")
    assert "must be followed by its comment" in d.message
    assert (d.span.line, d.span.column) == (1, 16)


def test_syntax_error_in_one_block_does_not_hide_the_others():
    compiled = compile_text("1. a *b\n\n2. c\n\n2. d\n")
    assert [d.code for d in compiled.diagnostics] == ["unterminated", "duplicate-number"]


def test_label_in_the_wrong_place():
    d = only(compile_text("1. text {#late}\n"), "syntax")
    assert "right after a paragraph or sub-paragraph marker" in d.message
    assert (d.span.line, d.span.column) == (1, 9)


def test_comment_inside_comment():
    d = only(compile_text("1. {>>u: a {>>u: b<<} c<<}\n"), "syntax")
    assert d.message == "a comment cannot contain another comment"


# A block that starts like a paragraph marker but is not one: the paragraph would
# lose its number silently. (written, what the error underlines, the fix, the escape)
MISTYPED_MARKERS = [
    ("2-bis. *Also decides* three;", "2-bis.", "2bis.", "\\2-bis."),
    ("2 -bis. *Also decides* three;", "2 -bis.", "2bis.", "\\2 -bis."),
    ("2\u2013bis. *Also decides* three;", "2\u2013bis.", "2bis.", "\\2\u2013bis."),
    ("3(bis). *Decides* three;", "3(bis).", "3bis.", "\\3(bis)."),
    ("3bis *Decides* three;", "3bis", "3bis. *Decides*", "\\3bis"),
    ("3 bis *Decides* three;", "3 bis", "3bis. *Decides*", "\\3 bis"),
    ("3 *Encourages* four;", "3", "3. *Encourages*", "\\3"),
    ("12 We reaffirm our commitment;", "12", "12. We", "\\12"),
    ("OP3 *Encourages* four;", "OP3", "OP3. *Encourages*", "OP\\3"),
    ("5) *Encourages* five;", "5)", "5.", "\\5)"),
    ("5.- *Encourages* five;", "5.-", "5.", "\\5.-"),
    ("5.We decide;", "5.", "5. We", "\\5."),
    ("3.bis *Decides* three;", "3.bis", "3bis.", "\\3.bis"),
    ("**4.** We decide;", "**4.**", "4.", "**\\4.**"),
    ("**3bis.** We reaffirm;", "**3bis.**", "3bis.", "**\\3bis.**"),
    ("A-bis. *Recalling* its resolution,", "A-bis.", "Abis.", "A\\-bis."),
    ("B) *Recalling* its resolution,", "B)", "B.", "B\\)"),
    ("Cbis *Recalling* its resolution,", "Cbis", "Cbis. *Recalling*", None),
    ("PP3 *Recalling* its resolution,", "PP3", "PP3. *Recalling*", "PP\\3"),
    ("PP 3-bis. *Recalling* its resolution,", "PP 3-bis.", "PP3bis.", "PP \\3-bis."),
    ("\u00a012. We decide;", "\u00a012.", "12.", None),
    ("#+ *Also decides* three;", "#+", "#+. *Also decides*", "\\#+"),
    ("#) *Decides* three;", "#)", "#.", "\\#)"),
    ("PP#+ *Recalling* its resolution,", "PP#+", "PP#+. *Recalling*", "PP\\#+"),
]


@pytest.mark.parametrize("line, written, fix, escaped", MISTYPED_MARKERS)
def test_a_mistyped_marker_is_an_error_with_its_fix(line, written, fix, escaped):
    compiled = compile_text(f"1. *Decides* one;\n\n{line}\n\n4. *Decides* the end.\n")
    d = only(compiled, "missing-marker")
    assert (d.severity.value, d.span.line, d.span.column, d.span.end - d.span.start) == ("error", 3, 1, len(written))
    assert d.message.startswith(f"`{written}` is not a paragraph marker: ")
    assert d.message.endswith("; this paragraph has no number")
    assert d.hints[0].startswith(f"write `{fix}` to number it")
    assert compiled.failed
    # The fix numbers the paragraph, and the escape keeps it as text.
    head, rest = fix.split(" ")[0], line[len(written):].lstrip()
    fixed = compile_text(f"{head} {rest}\n")
    assert "missing-marker" not in [d.code for d in fixed.diagnostics]
    assert fixed.document.blocks[0].marker.written == head
    if escaped is None:
        assert "to keep it as unnumbered text" not in d.hints[0]
    else:
        assert d.hints[0].endswith(f", or `{escaped}` to keep it as unnumbered text")
        kept = compile_text(f"1. *Decides* one;\n\n{escaped}{line[len(written):]}\n")
        assert kept.diagnostics == [] and kept.document.blocks[1].part == "text"


def test_a_mistyped_marker_is_rendered_at_its_first_column():
    compiled = compile_text("1. *Decides* one;\n\n2-bis. *Also decides* three;\n", path="draft.wsis")
    assert render_text(compiled.source, only(compiled, "missing-marker")).splitlines() == [
        "draft.wsis:3:1: error: `2-bis.` is not a paragraph marker: the suffix goes right after the number, with no dash; "
        "this paragraph has no number [missing-marker]",
        "    3 | 2-bis. *Also decides* three;",
        "      | ^^^^^^",
        "      = help: write `2bis.` to number it, or `\\2-bis.` to keep it as unnumbered text",
    ]


def test_a_mistyped_marker_cannot_be_switched_off():
    from wsis20.transforms.checks import RULES

    assert "missing-marker" not in RULES
    from wsis20.pipeline import compile_document

    compiled = compile_document("t.wsis", b"1. *Decides* one.\n\n3 *Encourages* four.\n",
                                ignore=frozenset({"missing-marker"}))
    assert compiled.failed and [d.code for d in compiled.diagnostics] == ["missing-marker"]


def test_a_mistyped_marker_in_a_block_that_fails_to_parse_is_reported_too():
    compiled = compile_text("1. *Decides* one;\n\n2-bis. *Also decides three;\n")
    assert [(d.code, d.span.line, d.span.column) for d in compiled.diagnostics] == [
        ("missing-marker", 3, 1), ("unterminated", 3, 8)]
    # A heading is no mistyped `#` marker.
    assert [d.code for d in compile_text("1. *Decides* one;\n\n# *Unclosed heading\n").diagnostics] == ["unterminated"]


# Unnumbered text that starts with a number or capitals, from adopted resolutions
# (A/RES/78/212, 78/252, 78/265, 78/3: the date lines, titles, meetings and tables)
# and common English: none loses a number, so none is an error.
TEXT_THAT_STARTS_LIKE_A_NUMBER = [
    "2030 Agenda for Sustainable Development, adopted in 2015.", "22 December 2023", "1 April 2024",
    "16 October 2023", "50th plenary meeting", "63rd plenary meeting", "50th (resumed) plenary meeting",
    "78/212. Freedom of religion or belief", "78/3. Political declaration", "1 131", "10 351", "D-2", "P-2/1",
    "2.5 per cent of gross domestic product", "100 million people remain offline.", "12 per cent of them.",
    "A.K. Smith spoke.", "St. Lucia spoke.", "A *new* approach.", "AI Systems are new.",
    "US-based companies", "E-commerce grows.", "COVID-19 pandemic", "3-year Plan", "3(a) of the Charter",
    "II Background", "Species Loss matters.", "In 2005, we met.", "*Recalling* its resolution",
]


@pytest.mark.parametrize("text", TEXT_THAT_STARTS_LIKE_A_NUMBER)
def test_text_that_starts_like_a_number_is_not_a_mistyped_marker(text):
    compiled = compile_text(f"1. We decide.\n\n{text}\n")
    assert compiled.diagnostics == [] and compiled.document.blocks[1].part == "text"


def test_the_real_drafts_have_no_mistyped_marker():
    from wsis20.parse.blocks import split
    from wsis20.parse.parser import mistyped_marker

    seed = (FIXTURES / "wsis20-zero-draft.seed.txt").read_text(encoding="utf-8")
    examples = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*.wsis"))]
    for text in (seed, *examples):
        _, blocks = split(text)
        assert [b.text[:40] for b in blocks if mistyped_marker(b.text)] == []


def test_the_number_in_bold_as_pasted_from_word():
    d = only(compile_text("**3bis.** We reaffirm.\n"), "missing-marker")
    assert "emphasis makes it text" in d.message and d.severity.value == "error"


def test_marker_inside_a_paragraph():
    d = only(compile_text("1. We aim for\n2030. Then more.\n"), "marker-in-paragraph")
    assert (d.span.line, d.span.column, d.severity.value) == (2, 1, "warning")
    assert d.hints[0].endswith("or write `\\2030.` if it is text")


def test_a_letter_marker_inside_a_paragraph_is_escaped_at_its_dot():
    d = only(compile_text("1. We aim for\nCbis. Then more.\n"), "marker-in-paragraph")
    assert (d.span.line, d.span.column, d.span.end - d.span.start) == (2, 1, 5)
    assert d.hints[0].endswith("or write `Cbis\\.` if it is text")


# ------------------------------------------------------------- list bullets

@pytest.mark.parametrize("bullet", ["\u2022", "\u25e6", "\u25aa", "\u00b7", "\uf0b7"])
def test_a_word_bullet_where_a_subparagraph_belongs(bullet):
    compiled = compile_text(f"1. *Encourages* States:\n  {bullet} to act;\n  {bullet} to report.\n")
    found = [d for d in compiled.diagnostics if d.code == "bullet"]
    assert [(d.severity.value, d.span.line, d.span.column) for d in found] == [("error", 2, 3), ("error", 3, 3)]
    assert found[0].message == f"`{bullet}` is a list bullet, not a sub-paragraph marker, so this item has no label"
    assert found[0].hints[0].startswith("write `(#)` in its place")


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2014"])
def test_a_dash_is_a_bullet_where_an_item_is_expected(dash):
    compiled = compile_text(f"1. *Encourages* States:\n{dash} to act;\n{dash} to report.\n")
    assert [(d.code, d.span.line, d.span.column) for d in compiled.diagnostics] == [("bullet", 2, 1), ("bullet", 3, 1)]
    assert compiled.diagnostics[0].hints[0].startswith("write `(#)` in its place")
    if dash == "-":
        assert compiled.diagnostics[0].hints[0].endswith("or write `\\-` to keep it as text")
        assert compile_text("1. *Encourages* States:\n\\- to act.\n").diagnostics == []


@pytest.mark.parametrize("text", [
    "1. We note the Forum\n\u2013 a platform \u2013 and more.\n",  # a dash in a sentence
    "1. We note the Forum\n- a platform - and more.\n",
    "1. We note {>>two reasons:\n- one;\n\u2022 two<<} the Forum.\n",  # a comment holds free text
    "1. We decide:\n{-- - old--} to act.\n",
    "1. We decide:\n-- to act.\n",
])
def test_dashes_that_are_not_bullets(text):
    assert compile_text(text).diagnostics == []


def test_a_bullet_that_opens_a_block_after_a_paragraph():
    d = only(compile_text("1. *Encourages* States:\n\n\u2022 to act.\n"), "bullet")
    assert (d.severity.value, d.span.line, d.span.column) == ("error", 3, 1)
    assert d.hints == ("write `(#)` in its place for a sub-paragraph of the paragraph above",)


# ------------------------------------------------------------- tabs

def test_a_tab_that_makes_a_level_depend_on_the_editor():
    compiled = compile_text("1. *Decides*:\n  (a) one;\n\t(b) two;\n  (c) three.\n", path="draft.wsis")
    d = only(compiled, "tab-indent")
    assert (d.severity.value, d.span.line, d.span.column, d.span.end - d.span.start) == ("error", 3, 1, 1)
    assert "tab" in d.message and d.hints[0].startswith("indent sub-paragraphs with spaces only")
    # Read as the flattest list it may be: no warning that says to indent further.
    assert [d.code for d in compiled.diagnostics] == ["tab-indent"]
    subs = compiled.document.blocks[0].subparagraphs
    assert [(s.marker.written, s.level) for s in subs] == [("(a)", 1), ("(b)", 1), ("(c)", 1)]


def test_a_tab_above_the_line_whose_level_it_decides():
    d = only(compile_text("1. *Decides*:\n\t(a) one;\n    (b) two.\n"), "tab-indent")
    assert (d.span.line, d.span.column) == (2, 1)
    assert [(r.span.line, r.span.column, r.message) for r in d.related] == [(3, 5, "the level of (b) depends on it")]


@pytest.mark.parametrize("indents", [("\t", "\t\t", "\t"), ("    ", "    \t", "    "), ("\t", "\t    ", "\t")])
def test_tabs_that_give_the_same_levels_at_every_width_are_read(indents):
    first, second, third = indents
    compiled = compile_text(f"1. *Decides*:\n{first}(a) one:\n{second}(i) two;\n{third}(b) three.\n")
    assert compiled.diagnostics == []
    subs = compiled.document.blocks[0].subparagraphs
    assert [(s.marker.written, s.level) for s in subs] == [("(a)", 1), ("(b)", 1)]
    assert [(s.marker.written, s.level) for s in subs[0].children] == [("(i)", 2)]


def test_subparagraph_label_out_of_sequence():
    d = only(compile_text("1. a:\n  (a) x;\n  (c) y.\n"), "sub-label")
    assert d.message == "expected (b) here, not (c)"
    assert (d.span.line, d.span.column) == (3, 3)


def test_front_matter_problems_have_lines():
    compiled = compile_text("---\ntitel: X\nsession: [1, 2]\npreamble_numbering: roman\n---\n1. a\n")
    assert codes(compiled) == [("unknown-key", 2, 1), ("front-matter", 3, 10), ("front-matter", 4, 21)]
    assert compiled.diagnostics[0].hints == ("did you mean `title`?",)
    assert compiled.diagnostics[2].message == "`preamble_numbering` must be one of letters, pp, none, not 'roman'"


def test_invalid_yaml_and_unsafe_tags():
    bad = compile_text("---\ntitle: [unclosed\n---\n1. a\n")
    assert bad.diagnostics[0].code == "front-matter" and bad.diagnostics[0].span.line >= 2
    unsafe = compile_text("---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n1. a\n")
    assert [d.code for d in unsafe.diagnostics] == ["front-matter"]


def test_invalid_utf8_names_the_byte_offset():
    from wsis20.pipeline import compile_document

    compiled = compile_document("bad.wsis", b"1. caf\xe9 au lait\n")
    (d,) = compiled.diagnostics
    assert d.code == "encoding"
    assert "offset 6" in d.message
    assert (d.span.line, d.span.column) == (1, 7)


def test_every_code_is_documented():
    documented = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in documented, code


def test_a_front_matter_key_given_twice():
    compiled = compile_text("---\ntitle: A\ntitle: B\n---\n1. a.\n")
    (d,) = compiled.diagnostics
    assert (d.code, d.span.line, d.message) == ("front-matter", 3, "`title` is given twice")
    assert d.related[0].span.line == 2


def test_a_number_nobody_wrote_is_explained():
    d = only(compile_text("103. a\n\n#+. b\n\n103bis. c\n"), "number-order")
    assert d.message == "paragraph 103bis comes after 103ter"
    assert [(r.span.line, r.message) for r in d.related] == [(3, "`#+.` numbered this paragraph 103ter")]


def test_roman_numeral_section_read_as_a_preambular_marker():
    d = only(compile_text("II. Background\n"), "roman-marker")
    assert d.message.startswith("`II.` reads as preambular paragraph II, the 243rd")


@pytest.mark.parametrize("label, fix", [("a)", "(a)"), ("ii)", "(ii)"), ("1)", "(#)"), ("(c", "(c)")])
def test_a_sub_paragraph_label_as_word_writes_it_is_an_error(label, fix):
    """`a)` pasted from a Word list: the item would print as text, run into its paragraph."""
    compiled = compile_text(f"1. *Requests* the Secretary-General:\n  {label} To submit a report;\n"
                            "  (b) To convene a meeting.\n")
    d = only(compiled, "bullet")
    assert (d.severity.value, d.span.line, d.span.column, d.span.end - d.span.start) == ("error", 2, 3, len(label))
    assert d.message == f"`{label}` is not a sub-paragraph marker, so this item has no label"
    assert d.hints[0].startswith(f"write `{fix}`")
    fixed = compile_text(f"1. *Requests* the Secretary-General:\n  {fix} To submit a report;\n"
                         "  (b) To convene a meeting.\n")
    assert "bullet" not in [x.code for x in fixed.diagnostics]


def test_a_bracketed_letter_in_running_text_is_no_label():
    compiled = compile_text("1. *Notes* the options a)\nand b) below, and (a new approach);\n\n2. *Decides* it.\n")
    assert [d.code for d in compiled.diagnostics] == []
    block = compile_text("1. *Decides* one;\n\na) To submit a report;\n")
    assert [d.code for d in block.diagnostics] == ["bullet"]


@pytest.mark.parametrize("before, line, after, written, fix", [
    ("1. *Decides* one;", "2 encourages four;", "3. *Requests* five.", "2", "2."),
    ("A. *Noting* x,", "B *Recalling* y,", "C. *Aware* z,", "B", "B."),
    ("PP1. *Noting* x,", "PP2 recalling y,", "PP3. *Aware* z,", "PP2", "PP2."),
    ("", "1 decides one;", "2. *Requests* five.", "1", "1."),
])
def test_text_that_opens_with_the_number_missing_around_it_lost_its_marker(before, line, after, written, fix):
    """A number then any word, even in lower case: the gap it fills says it is a marker."""
    compiled = compile_text("\n\n".join(x for x in (before, line, after) if x) + "\n")
    d = only(compiled, "missing-marker")
    at = 3 if before else 1
    assert (d.severity.value, d.span.line, d.span.column, d.span.end - d.span.start) == ("error", at, 1, len(written))
    assert d.message == (f"`{written}` is not a paragraph marker: its dot is missing; this paragraph has no number, "
                         f"and paragraph {fix[:-1]} is missing")
    assert d.hints[0].startswith(f"write `{fix}` to number it")


def test_text_that_opens_with_a_number_outside_a_gap_is_text():
    for text in ("1. *Decides* one;\n\n2030 is the year;\n\n2. *Requests* five.\n",
                 "1. *Decides* one;\n\n3 decides;\n\n4. *Requests* five.\n",
                 "1. *Decides* one;\n\n2. *Requests* five.\n\n3 more to come\n"):
        assert "missing-marker" not in [d.code for d in compile_text(text).diagnostics]
