"""`wsisc import draft.txt`: text taken out of Word, with "Commented [ПW1]: ..."
blocks, paragraphs split around them and tracked changes run into the words.

The zero draft's text (tests/fixtures/wsis20-zero-draft.seed.txt) is imported
and compared with examples/wsis20-zero-draft.wsis, the same draft converted by
hand, both read with the project's own parser: the headings, the paragraph
numbers in order, the 41 comments (author and text) and every word of every
paragraph, where the example's tracked changes (which the text lost) aside.
Then small cases, one behaviour each, and the command's refusals.
"""

from __future__ import annotations

import codecs
import difflib
import re
import time

import pytest

from conftest import EXAMPLE, FIXTURES, wsisc

from wsis20 import ast
from wsis20.pipeline import compile_document
from wsis20.readers import reader_for
from wsis20.readers.word_text import MAX_BYTES, read
from wsis20.walk import blocks, inlines, paragraphs, subparagraphs

SEED = FIXTURES / "wsis20-zero-draft.seed.txt"
_WORD = re.compile(r"\w+")


def imported(text: str | bytes, path: str = "draft.txt"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read(path, data)


def draft(text: str | bytes):
    """The draft a text gives, parsed back as the project parses any draft."""
    result = imported(text)
    assert result.text is not None, [(d.code, d.message) for d in result.diagnostics]
    compiled = compile_document("imported.wsis", result.text.encode("utf-8"))
    # The draft reads as written: the only errors are the text's own duplicate numbers.
    assert {d.code for d in compiled.diagnostics if d.severity.value == "error"} <= {"duplicate-number"}
    return result, compiled.document


def found(result, code: str) -> list[tuple[int, int, str]]:
    return [(d.span.line, d.span.column, d.message) for d in result.diagnostics if d.code == code]


def comments(document) -> list[tuple[str | None, str]]:
    return [(c.author, "".join(t.value for t in c.body if isinstance(t, ast.Text)))
            for c in inlines(document) if isinstance(c, ast.Comment)]


def numbers(document) -> list[str]:
    return [p.num for p in paragraphs(document)]


# ------------------------------------------------------------ the zero draft

@pytest.fixture(scope="module")
def seed():
    return draft(SEED.read_bytes())


@pytest.fixture(scope="module")
def example():
    return compile_document(str(EXAMPLE), EXAMPLE.read_bytes()).document


def _words(nodes, in_change: bool = False) -> list[tuple[str, bool]]:
    """The words of some inlines in reading order, each with whether it stands in
    a tracked change (old and new words both); comment bodies left out."""
    out: list[tuple[str, bool]] = []
    for node in nodes:
        match node:
            case ast.Text():
                out += [(word, in_change) for word in _WORD.findall(node.value)]
            case ast.Emphasis():
                out += _words(node.children, in_change)
            case ast.Comment():
                out += _words(node.anchor or (), in_change)
            case ast.Change():
                out += _words(node.old, True) + _words(node.new, True)
            case ast.Bracket():
                for alternative in node.alternatives:
                    out += _words(alternative, in_change)
            case ast.Footnote():
                out += _words(node.body, in_change)
    return out


def _paragraph_words(paragraph: ast.Paragraph) -> list[tuple[str, bool]]:
    words = _words(paragraph.content)
    for sub in subparagraphs(paragraph.subparagraphs):
        words += _words(sub.content)
    return words


def test_the_seed_has_the_examples_headings(seed, example):
    def headings(document):
        return [" ".join(t.value for t in b.content) for b in blocks(document) if isinstance(b, ast.Heading)]
    assert headings(seed[1]) == headings(example)
    assert len(headings(example)) == 18


def test_the_seed_has_the_examples_numbers_as_typed(seed, example):
    """Every number as the seed types it, in order, duplicates kept: the example
    writes `#+.` where the seed repeats 103ter and 104ter, so that is where they differ."""
    typed = [m.group(1) for line in SEED.read_text(encoding="utf-8").splitlines()
             if (m := re.match(r"(?:- )?(?:\*\*)?(\d+[a-z]*|[A-G])\.", line))]
    assert numbers(seed[1]) == typed
    differing = [(ours, theirs) for ours, theirs in zip(numbers(seed[1]), numbers(example), strict=True)
                 if ours != theirs]
    assert differing == [("103ter", "103quater"), ("103ter", "103quinquies"), ("104ter", "104quater")]
    written = [p.marker.kind for p in paragraphs(example)]
    assert [kind for kind, (ours, theirs) in zip(written, zip(numbers(seed[1]), numbers(example)))
            if ours != theirs] == ["insert"] * 3  # only where the example let wsisc number them
    assert [p.part for p in paragraphs(seed[1])] == [p.part for p in paragraphs(example)]


def test_the_seed_has_the_examples_41_comments(seed, example):
    assert comments(seed[1]) == comments(example)
    assert len(comments(example)) == 41
    assert dict(seed[1].front.authors) == {"ПW": "ПW", "NW": "NW", "TIW": "TIW", "u": "u"}


def test_the_seed_has_the_examples_words(seed, example):
    """Paragraph by paragraph, the words of the import are the example's; where they
    differ, the example wrote a tracked change the text lost (the seed's
    "inequalityies" is the example's `{~~ПW: inequalities~>inequality~~}`)."""
    ours, theirs = list(paragraphs(seed[1])), list(paragraphs(example))
    assert len(ours) == len(theirs) == 171
    changed = 0
    for mine, reference in zip(ours, theirs, strict=True):
        words = [word for word, _ in _paragraph_words(mine)]
        expected = _paragraph_words(reference)
        assert not any(changing for _, changing in _paragraph_words(mine))
        matcher = difflib.SequenceMatcher(None, words, [word for word, _ in expected], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            changed += 1
            in_change = [changing for _, changing in expected[j1:j2]] if j2 > j1 else \
                [expected[j][1] for j in (j1 - 1, j1) if 0 <= j < len(expected)]
            assert in_change and all(in_change), (reference.num, words[i1:i2], expected[j1:j2])
    assert changed >= 10  # the seed does have fused changes: the comparison saw them


def test_the_seed_reports_its_fused_words_where_the_text_has_them(seed):
    result = seed[0]
    lines = SEED.read_text(encoding="utf-8").splitlines()
    reported = found(result, "fused-words")
    for line, column, message in reported:
        quoted = re.search(r"`([^`]+)`", message).group(1)
        assert lines[line - 1][column - 1:].startswith(quoted), (line, column, quoted)
    words = {re.search(r"`([^`]+)`", message).group(1) for _, _, message in reported}
    assert {"inequalityies", "nationalsexual", "sustainable Sustainable", "2015 23"} <= words
    assert sum("inequalityies" in message for _, _, message in reported) == 5


def test_the_seed_comments_fused_with_their_paragraphs_words_are_split(seed):
    """[TIW20] and [ПW37] run into the words of the paragraph they interrupt, on one line."""
    result, document = seed
    assert [(line, message.split("]")[0]) for line, _, message in found(result, "comment-continuation")] == \
        [(172, "the end of comment [TIW20"), (340, "the end of comment [ПW37")]
    by_number = {p.num: p for p in paragraphs(document)}
    assert " ".join(w for w, _ in _words(by_number["69"].content)).endswith("appropriate steps to safeguard "
                                                                            "their online security and privacy")
    assert isinstance(by_number["140"].content[-1], ast.Comment)


def test_the_seed_front_matter(seed):
    front = seed[1].front
    assert (front.stage, front.document_type, front.preamble_numbering) == ("Zero draft", "outcome", "letters")
    assert [code for code, _ in [(d.code, 0) for d in seed[0].diagnostics] if code == "derived-author"] == \
        ["derived-author"] * 4


def test_the_imported_seed_checks_and_reports_its_duplicates(tmp_path):
    """The whole command, then `check`: the three paragraphs numbered 103ter
    and the two numbered 104ter are reported, as written; no internal error."""
    out = tmp_path / "draft.wsis"
    run = wsisc("import", SEED, "-o", out)
    assert run.returncode == 0, run.stderr
    assert "wrote" in run.stderr and "41 comments" in run.stderr
    checked = wsisc("check", out)
    assert checked.returncode == 1, checked.stderr  # errors in the draft, not in wsisc
    said = checked.stdout + checked.stderr
    duplicates = re.findall(r"paragraph number (\w+) is already used \[duplicate-number\]", said)
    assert duplicates == ["103ter", "103ter", "104ter"]
    assert "internal error" not in said


def test_importing_the_seed_is_quick():
    data = SEED.read_bytes()
    start = time.perf_counter()
    result = read(str(SEED), data)
    assert result.text is not None
    assert time.perf_counter() - start < 0.5


# ------------------------------------------------------------ one behaviour each

def test_a_comment_block_that_splits_a_paragraph():
    result, document = draft("1. We recognise that the ability of people in\n\n"
                             "Commented [AB1]: A note on this.\n\n"
                             "all communities is fundamental.\n\n"
                             "2. We note.\n")
    first, second = paragraphs(document)
    assert [n.value for n in first.content if isinstance(n, ast.Text)] == \
        ["We recognise that the ability of people in all communities is fundamental."]
    assert comments(document) == [("AB", "A note on this.")]
    assert isinstance(first.content[-1], ast.Comment) and second.content[-1].value == "We note."
    assert dict(document.front.authors) == {"AB": "AB"}
    assert found(result, "derived-author")[0][:2] == (3, 12)


def test_words_that_comments_cut_off_mid_sentence_are_joined_even_when_they_look_like_a_heading():
    _, document = draft("1. We recall the Convention on the Elimination of All\n\nCommented [AB1]: Which one?\n\n"
                        "Forms of Racial Discrimination\n\n2. We note.\n")
    assert not any(isinstance(b, ast.Heading) for b in blocks(document))
    assert document.blocks[0].content[0].value.endswith("of All Forms of Racial Discrimination")
    # Without the comments between, a short line standing alone is a heading.
    _, document = draft("1. We recall the Convention\n\nForms of Racial Discrimination\n\n2. We note.\n")
    assert isinstance(document.blocks[1], ast.Heading)


def test_a_line_in_lower_case_goes_on_with_the_paragraph_before():
    _, document = draft("1. We welcome the work of the U.N.\n\nCommented [AB1]: Which?\n\n"
                        "agencies in the field.\n")
    assert document.blocks[0].content[0].value == "We welcome the work of the U.N. agencies in the field."


def test_a_comment_block_over_several_lines():
    _, document = draft("1. We note the report\n\nCommented [AB1]: First line\nsecond line.\n\n"
                        "of the Secretary-General.\n")
    assert comments(document) == [("AB", "First line second line.")]
    assert document.blocks[0].content[0].value == "We note the report of the Secretary-General."


def test_a_reply_follows_the_comment_it_answers():
    result, document = draft("1. We note the report.\n\nCommented [AB1]: Why?\n\nCommented [CD2R1]: Because.\n\n"
                             "2. We decide.\n")
    assert comments(document) == [("AB", "Why?"), ("CD", "Because.")]
    assert dict(document.front.authors) == {"AB": "AB", "CD": "CD"}
    assert found(result, "comment-number") == []


def test_a_lost_comment_is_reported():
    result = imported("1. We note.\n\nCommented [AB1]: One.\n\nCommented [AB3]: Three.\n")
    assert [(line, column) for line, column, _ in found(result, "comment-number")] == [(5, 12)]
    assert "comment 2 is missing" in found(result, "comment-number")[0][2]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_its_byte_order_mark(encoding):
    text = "ZERO DRAFT\r\n\r\n1. We note the café’s report.\r\n\r\nCommented [ПW1]: Да.\r\n"
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    from_utf16 = imported(bom + text.encode(encoding))
    from_utf8 = imported(text)
    assert from_utf16.text == from_utf8.text
    assert "café’s report." in from_utf16.text and "{>>ПW: Да.<<}" in from_utf16.text
    assert imported(codecs.BOM_UTF8 + text.encode("utf-8")).text == from_utf8.text


def test_windows_1252_is_read_with_a_warning():
    result = imported("1. We note the café’s report.\n".encode("cp1252"))
    assert "café’s" in result.text
    ((line, column, message),) = found(result, "legacy-encoding")
    assert (line, column) == (1, 19) and "Windows-1252" in message


def test_a_utf8_file_with_a_bad_byte_is_not_guessed_to_be_windows_1252_when_its_mark_says_utf8():
    result = imported(codecs.BOM_UTF8 + "1. We note the café’s report.\n".encode("cp1252"))
    assert result.text is None and [d.code for d in result.diagnostics] == ["encoding"]


def test_a_fused_word_is_reported_at_its_line_and_column():
    result = imported("Preamble\n\n1. We note.\n\n2. We recall the developmentCountries and\n"
                      "the the report.\n")
    assert [(line, column) for line, column, _ in found(result, "fused-words")] == [(5, 18), (6, 1)]
    assert "developmentCountries" in result.text  # left as written


def test_a_word_glued_to_a_number_is_reported():
    result = imported("1. We recall the Agenda2030 and paragraph 12bis of resolution 70/1.\n")
    assert [(line, column) for line, column, _ in found(result, "fused-words")] == [(1, 18)]


def test_numbers_as_typed():
    _, document = draft("1. We a.\n\n1 bis. We b.\n\n1ter We c.\n\n2. We d.\n\n**2bis.** We e.\n\nOP3. We f.\n\n"
                        "4\tWe g.\n\n- 5. We h.\n")
    assert numbers(document) == ["1", "1bis", "1ter", "2", "2bis", "3", "4", "5"]


def test_words_that_open_with_a_number_stay_words():
    _, document = draft("1. We note.\n\n100 million people remain offline.\n\n2030 Agenda for all.\n")
    assert numbers(document) == ["1", None, None]


def test_an_unknown_suffix_is_kept_as_words_with_a_warning():
    result, document = draft("1. We note.\n\n1bsi. We recall.\n")
    assert numbers(document) == ["1", None]
    assert [(line, column) for line, column, _ in found(result, "text-approximated")] == [(3, 1)]


def test_preambular_paragraphs_and_their_opening_words():
    _, document = draft("PP1. Recalling its resolution 70/1,\n\nPP2. Taking note of the report,\n\n1. Decides.\n")
    first, second, _ = paragraphs(document)
    assert (first.part, first.num, document.front.preamble_numbering) == ("preamble", "PP1", "pp")
    assert first.content[0] == ast.Emphasis(first.content[0].span, "italic", (first.content[0].children[0],))
    assert first.content[0].children[0].value == "Recalling"
    assert second.content[0].children[0].value == "Taking note"


def test_sub_paragraphs_and_their_levels():
    _, document = draft("12. Requests the Secretary-General:\n(a) To report;\n(b) To convene a meeting:\n"
                        "(i) in 2026;\n(ii) in 2027;\n(c) To act.\n")
    (paragraph,) = paragraphs(document)
    assert [(s.num, s.level) for s in subparagraphs(paragraph.subparagraphs)] == \
        [("(a)", 1), ("(b)", 1), ("(i)", 2), ("(ii)", 2), ("(c)", 1)]


def test_headings_and_the_opening_lines():
    _, document = draft("A/80/L.1\n\n29 August 2025\n\nDistr.: Limited\n\nOriginal: English\n\n"
                        "Outcome of the high-level meeting on the review\n\nZero draft\n\n"
                        "I. Introduction\n\n1. We note.\n\nA. Data governance\n\n2. We recall.\n\n"
                        "Follow-up and review\n\n3. We decide.\n")
    front = document.front
    assert (front.symbol, str(front.date), front.distribution, front.original, front.stage) == \
        ("A/80/L.1", "2025-08-29", "Limited", "English", "Zero draft")
    assert front.title == "Outcome of the high-level meeting on the review"
    headings = [(b.level, b.number, b.content[0].value) for b in blocks(document) if isinstance(b, ast.Heading)]
    assert headings == [(1, "I.", "Introduction"), (2, "A.", "Data governance"), (1, None, "Follow-up and review")]
    assert numbers(document) == ["1", "2", "3"]


def test_an_opening_line_with_an_invisible_reordering_character_stays_text():
    """The front matter refuses U+202E, which the text only warns about: the line is not taken for a title."""
    _, document = draft("Outcome of the \u202emeeting on review\n\n1. We note.\n")
    assert document.front.title is None
    assert isinstance(document.blocks[0], ast.Heading)


def test_underlining_and_bold_as_some_copies_write_them():
    _, document = draft("1. We act due to <u>inter alia</u> **costs**.\n")
    styles = [(n.style, n.children[0].value) for n in document.blocks[0].content if isinstance(n, ast.Emphasis)]
    assert styles == [("underline", "inter alia"), ("bold", "costs")]


def test_comments_before_any_paragraph_go_to_the_first():
    _, document = draft("Commented [AB1]: Early.\n\n1. We note.\n")
    assert comments(document) == [("AB", "Early.")]
    assert isinstance(document.blocks[0].content[-1], ast.Comment)


def test_markup_characters_in_the_text_stay_text():
    _, document = draft("1. We note {this} [and] *that* Agenda_T \\ {>>x<<}.\n")
    assert document.blocks[0].content[0].value == "We note {this} [and] *that* Agenda_T \\ {>>x<<}."


# ------------------------------------------------------------ refusals

def test_an_empty_file():
    for text in ("", "\n\n   \n", "ZERO DRAFT\n"):
        result = imported(text)
        assert result.text is None
        assert [d.code for d in result.diagnostics] == ["no-text"]


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                                  b"1. We note.\x01\x02\n", b"\xff\xfe\x00\xd8"])
def test_binary_garbage_is_refused_with_a_diagnostic(data):
    result = imported(data)
    assert result.text is None
    (diagnostic,) = result.diagnostics
    assert diagnostic.code in ("encoding", "control-character") and diagnostic.severity.value == "error"


def test_binary_garbage_through_the_command(tmp_path):
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 8)
    run = wsisc("import", garbage, "-o", tmp_path / "out.wsis")
    assert run.returncode == 1
    assert re.search(r"garbage\.txt:\d+:\d+: error: .* \[(encoding|control-character)\]", run.stderr)
    assert "Traceback" not in run.stderr and not (tmp_path / "out.wsis").exists()


def test_a_file_too_large():
    result = imported(b"1. We note.\n" * (MAX_BYTES // 12 + 1))
    assert result.text is None
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("too-large", 1)]


def test_a_file_too_large_through_the_command(tmp_path):
    large = tmp_path / "large.txt"
    large.write_bytes(b"1. We note.\n" * (MAX_BYTES // 12 + 1))
    run = wsisc("import", large)
    assert run.returncode == 1 and "[too-large]" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("shape", ["lines joined", "long word", "comments", "doubled", "hyphens"])
def test_hostile_text_is_read_in_linear_time_with_its_warnings_counted(shape):
    """Shapes that once took minutes (each line joined to a paragraph made the whole
    paragraph again); a tenth of the largest file each, read in a few seconds."""
    size = MAX_BYTES // 10
    data = {"lines joined": b"1. We\n" + b"and\n" * (size // 4),
            "long word": b"1. " + b"ab" * (size // 2),
            "comments": b"1. We\n\n" + b"Commented [a1]: x\n\n" * (size // 20),
            "doubled": b"1. " + b"the " * (size // 4),
            "hyphens": b"1. " + b"a-" * (size // 2)}[shape]
    start = time.perf_counter()
    result = read("hostile.txt", data)
    assert time.perf_counter() - start < 5
    assert result.text is not None
    by_code: dict[str, int] = {}
    for diagnostic in result.diagnostics:
        by_code[diagnostic.code] = by_code.get(diagnostic.code, 0) + 1
    assert all(count <= 101 for count in by_code.values()), by_code  # 100 listed, then one that counts the rest
    if shape in ("lines joined", "doubled"):
        assert result.diagnostics[-1].message.endswith("more warnings like the 100 above, the last here")


def test_the_reader_is_registered_for_txt():
    assert reader_for(".TXT").read is read
