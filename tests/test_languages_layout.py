"""Arabic and Chinese laid out as their published texts are (docs/layout.md,
"Arabic and Chinese"): Arabic right to left, the page mirrored; Chinese in a
Song (serif) face with no character missing. Each test builds resolution
78/265 imported from the UN's own file in that language
(tests/fixtures/akn/A_RES_78_265-2405969{A,C,E}.xml) and measures the PDF
with poppler's pdftotext and pypdf.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from html import unescape
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from wsis20 import ast
from wsis20.pipeline import compile_document
from wsis20.readers.akn import import_akn
from wsis20.walk import plain_text
from wsis20.writers import WriteOptions, html, pdf, sub_number

FILES = {"ar": "A_RES_78_265-2405969A.xml", "zh": "A_RES_78_265-2405969C.xml", "en": "A_RES_78_265-2405969E.xml"}
MM = 72 / 25.4
PAGE_WIDTH = 595.28  # A4, in points
MARGIN = 25 * MM  # left and right (print.css)
GUTTER = 10 * MM  # a paragraph's hanging indent (print.css --gutter)
SUB_GUTTER = 8 * MM  # a sub-paragraph's (--sub-gutter)
BODY = (60, 780)  # the text's top and bottom on a page, clear of the running header and footer


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} (Debian's poppler-utils) is needed to measure the PDF"
    return path


def source(code: str, extra: str = "") -> str:
    """78/265 imported from the UN's file in that language, as a draft in it."""
    path = FIXTURES / "akn" / FILES[code]
    text = import_akn(str(path), path.read_bytes()).text
    assert text is not None
    if not re.search(r"(?m)^language:", text.split("\n---", 1)[0]):
        text = text.replace("---\n", f"---\nlanguage: {code}\n", 1)
    return text + extra


@lru_cache(maxsize=None)
def compiled(code: str, extra: str = "") -> ast.Document:
    result = compile_document(f"78-265.{code}.wsis", source(code, extra).encode("utf-8"))
    assert result.document is not None and not result.failed, [d.message for d in result.diagnostics]
    assert result.document.front.language == code
    return result.document


@lru_cache(maxsize=None)
def built(code: str, extra: str = "") -> bytes:
    return pdf.write(compiled(code, extra), "negotiation", WriteOptions())


def pdf_file(tmp_path: Path, code: str, extra: str = "") -> Path:
    out = tmp_path / f"{code}.pdf"
    out.write_bytes(built(code, extra))
    return out


def words(path: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, text) of each word on a page, as pdftotext -bbox finds them."""
    out = subprocess.run([_tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)]


def lines(path: Path, page: int) -> list[list[tuple[float, float, float, float, str]]]:
    """The words of the text on a page grouped by line: words whose middles lie
    within 4 points of each other (an Arabic word and a Latin figure on one line
    have boxes of different heights). Lines of three words or fewer are left out:
    a diacritic pdftotext takes for a word of its own, a last word alone."""
    rows: list[list] = []
    for word in sorted(words(path, page), key=lambda w: w[1] + w[3]):
        middle = (word[1] + word[3]) / 2
        if not BODY[0] < middle < BODY[1]:
            continue
        if rows and abs(middle - (rows[-1][0][1] + rows[-1][0][3]) / 2) < 4:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row) for row in rows if len(row) > 3]


def text(path: Path) -> str:
    out = subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", out)


def operative(document: ast.Document) -> list[ast.Paragraph]:
    return [b for b in document.blocks if isinstance(b, ast.Paragraph) and b.part == "operative"]


# ------------------------------------------------------------------- HTML

@pytest.mark.parametrize("code, tag, direction", [("ar", "ar", "rtl"), ("zh", "zh-Hans", "ltr"), ("en", "en", "ltr")])
def test_the_page_declares_its_language_and_direction(code, tag, direction):
    page = html.write(compiled(code)).decode("utf-8")
    assert f'<html lang="{tag}" dir="{direction}">' in page


def test_a_masthead_line_in_english_on_an_arabic_cover_runs_left_to_right():
    # The Arabic file keeps "Distr.: General" and "1 April 2024" in English.
    page = html.write(compiled("ar")).decode("utf-8")
    distribution = re.search(r'<div class="distr">(.*?)</div>\s*</div>', page, re.S)[1]
    lines_ = re.findall(r"<div([^>]*)>([^<]*)</div>", distribution)
    assert lines_ and all(attrs == ' dir="ltr"' for attrs, words_ in lines_ if re.search("[A-Za-z]", words_))
    # On an English cover the same lines run with their page: no attribute at all.
    english = html.write(compiled("en")).decode("utf-8")
    assert ' dir="ltr"' not in english.split("<main", 1)[0].replace('<html lang="en" dir="ltr">', "")


# ------------------------------------------------------------------- Arabic

def test_the_arabic_pdf_reads_in_logical_order(tmp_path):
    document = compiled("ar")
    printed = text(pdf_file(tmp_path, "ar"))
    for paragraph in operative(document)[:3]:
        first_words = " ".join(plain_text(paragraph.content).split()[:6])
        assert first_words in printed, first_words


def test_arabic_lines_align_at_the_right_margin_and_end_short_at_the_left(tmp_path):
    path = pdf_file(tmp_path, "ar")
    rows = lines(path, 3)
    right = [max(w[2] for w in row) for row in rows]
    left = [min(w[0] for w in row) for row in rows]
    page_right = PAGE_WIDTH - MARGIN
    # Every line starts on the right: at the margin (a paragraph's number, in
    # its gutter), a gutter in (a paragraph's text) or a sub-paragraph's gutter
    # further in (a sub-paragraph's text)...
    edges = (page_right, page_right - GUTTER, page_right - GUTTER - SUB_GUTTER)
    assert len(rows) > 20
    assert all(any(abs(r - edge) < 1.5 for edge in edges) for r in right), right
    assert sum(abs(r - (page_right - GUTTER)) < 1.5 for r in right) >= 10
    # ... and ends at the left margin, or short of it: ragged on the left, never past the margin.
    assert all(x > MARGIN - 1.5 for x in left), left
    assert sum(abs(x - MARGIN) < 1.5 for x in left) >= 10
    assert any(x > MARGIN + 40 for x in left)


def test_no_arabic_word_crosses_a_margin(tmp_path):
    # A hanging indent right to left once pushed the first line of each numbered
    # paragraph, and of the title, past the left margin.
    path = pdf_file(tmp_path, "ar")
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout)[1])
    for page in range(1, pages + 1):
        outside = [w for w in words(path, page) if w[0] < MARGIN - 1.5 or w[2] > PAGE_WIDTH - MARGIN + 1.5]
        assert not outside, (page, outside)


def test_arabic_paragraph_numbers_and_sub_paragraph_labels_hang_on_the_right(tmp_path):
    document = compiled("ar")
    path = pdf_file(tmp_path, "ar")
    page_right = PAGE_WIDTH - MARGIN
    with_subs = next(p for p in operative(document) if p.subparagraphs)
    label = sub_number(with_subs.subparagraphs[0], "ar")  # "(أ)", as the Arabic files print it
    label_core = re.sub(r"\W", "", label)
    found = []
    for page in range(1, 6):
        for row in lines(path, page):
            rightmost = max(row, key=lambda w: w[2])
            if re.sub(r"\W", "", rightmost[4]) == label_core:
                found.append(rightmost)
    assert found, f"no line begins with the label {label!r}"
    # The label is the line's rightmost word, in the paragraph's gutter: its right
    # edge one gutter in from the right margin.
    assert all(abs(w[2] - (page_right - GUTTER)) < 1.5 for w in found), found
    numbers = [max(row, key=lambda w: w[2]) for page in range(2, 6) for row in lines(path, page)
               if re.fullmatch(r"\W*1\W*", max(row, key=lambda w: w[2])[4])]
    assert numbers and all(abs(w[2] - page_right) < 1.5 for w in numbers), numbers


def test_english_lines_still_start_at_the_left_margin(tmp_path):
    path = pdf_file(tmp_path, "en")
    rows = lines(path, 3)
    left = [min(w[0] for w in row) for row in rows]
    right = [max(w[2] for w in row) for row in rows]
    edges = (MARGIN, MARGIN + GUTTER, MARGIN + GUTTER + SUB_GUTTER)
    assert len(rows) > 20
    assert all(any(abs(x - edge) < 1.5 for edge in edges) for x in left), left
    assert sum(abs(x - (MARGIN + GUTTER)) < 1.5 for x in left) >= 10
    assert all(x < PAGE_WIDTH - MARGIN + 1.5 for x in right)


def test_the_arabic_first_page_has_its_job_number_bottom_right(tmp_path):
    path = pdf_file(tmp_path, "ar")
    job = compiled("ar").front.job_number
    bottom = [w for w in words(path, 1) if w[1] > 780]
    assert bottom and job.split()[0] in [w[4] for w in bottom]
    assert min(w[0] for w in bottom) > PAGE_WIDTH / 2  # on the right half, mirrored
    english = [w for w in words(pdf_file(tmp_path, "en"), 1) if w[1] > 780]
    assert max(w[2] for w in english) < PAGE_WIDTH / 2


# ------------------------------------------------------------------ Chinese

def fonts(pdf_bytes: bytes) -> dict[str, dict]:
    """Each font of the PDF by its name without the subset prefix: the font
    dictionary's descendant (for a composite font), and its ToUnicode codes."""
    from pypdf import PdfReader

    found = {}
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            found[name] = {"font": font, "descendant": descendant}
    return found


def missing_glyphs(pdf_bytes: bytes) -> dict[str, list[str]]:
    """The characters each font drew with no glyph of its own. WeasyPrint gives
    such a character a glyph number past the font's last glyph and maps it to
    the character in ToUnicode (weasyprint/pdf/fonts.py, get_unused_glyph_id);
    the font program it embeds keeps its glyph numbers, so a code at or past its
    glyph count is a missing glyph, drawn as the .notdef box."""
    from fontTools.ttLib import TTFont

    missing = {}
    for name, parts in fonts(pdf_bytes).items():
        descriptor = parts["descendant"]["/FontDescriptor"].get_object()
        program = next(descriptor[key] for key in ("/FontFile2", "/FontFile3", "/FontFile") if key in descriptor)
        count = len(TTFont(io.BytesIO(program.get_object().get_data())).getGlyphOrder())
        cmap = parts["font"]["/ToUnicode"].get_object().get_data().decode("latin-1")
        drawn = {}
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                drawn[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for first, last, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                    drawn[code] = chr(int(uni, 16) + offset)
        bad = [char for code, char in drawn.items() if code >= count and char != "\uffff"]
        if bad:
            missing[name] = bad
    return missing


def test_the_chinese_pdf_is_set_in_the_song_face_regular_and_bold():
    names = fonts(built("zh"))
    assert {"WSIS-CJK-Serif", "WSIS-CJK-Serif-Bold"} <= set(names)  # the openings are bold
    # Every character of 78/265 in Chinese is in the subset: none falls back to the sans face.
    assert "WSIS-CJK" not in names


@pytest.mark.parametrize("code", ["zh", "ar", "en"])
def test_no_glyph_is_missing(code):
    assert missing_glyphs(built(code)) == {}


def test_a_space_among_chinese_words_is_drawn():
    # Pango draws it in the Song face, which must have one (a box before the subset kept them).
    assert missing_glyphs(built("zh", "\nOP#. 决定 采取\u3000行动。\n")) == {}


@pytest.mark.parametrize("code, tag", [("ar", "ar"), ("zh", "zh-Hans"), ("en", "en")])
def test_the_pdf_declares_its_language(code, tag):
    from pypdf import PdfReader

    assert PdfReader(io.BytesIO(built(code))).trailer["/Root"]["/Lang"] == tag


def test_a_missing_glyph_is_found():
    # The check above can fail: a character no shipped face has (an Egyptian
    # hieroglyph) is drawn as a missing glyph, and found.
    assert missing_glyphs(built("zh", "\nOP#. Decides 𓀀.\n"))


def test_a_character_outside_the_subset_falls_back_rather_than_missing():
    rare = "㐀"  # U+3400, CJK Extension A: not in GB2312 nor in the 78th session's files
    from fontTools.ttLib import TTFont

    subset = TTFont(ROOT / "templates" / "fonts" / "NotoSerifCJKsc-Regular-subset.otf")
    assert ord(rare) not in subset.getBestCmap()
    pdf_bytes = built("zh", f"\nOP#. 决定{rare}。\n")
    assert missing_glyphs(pdf_bytes) == {}
    assert "WSIS-CJK" in fonts(pdf_bytes)  # Droid Sans Fallback drew it


def test_the_chinese_text_is_all_there(tmp_path):
    printed = text(pdf_file(tmp_path, "zh")).replace(" ", "")
    for paragraph in operative(compiled("zh")):
        words_ = re.sub(r"\s+", "", plain_text(paragraph.content))
        assert words_[:30] in printed, words_[:30]


def test_chinese_has_no_italics():
    # What English prints in italics the Chinese file prints in bold (the
    # formula and every opening): a Chinese draft's italics print upright and
    # bold, its Latin words too, never in an italic face.
    names = fonts(built("zh", "\nOP#. *决定* 采取 *Official Records* 行动。\n"))
    assert not [name for name in names if "Italic" in name], names
    english = fonts(built("en", "\nOP#. *Decides* to act.\n"))
    assert [name for name in english if "Italic" in name]


def test_an_arabic_page_widens_its_left_margin_for_comments_and_mirrors_the_first_footer():
    from wsis20.writers.pdf import page_css

    assert "margin-right: 66mm" in page_css("a4", True) and "margin-left" not in page_css("a4", True)
    css = page_css("a4", True, right_to_left=True)
    assert "margin-left: 66mm" in css and "margin-right" not in css
    assert "@bottom-right { content: element(job)" in css


@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_status_label_without_comments_leaves_the_text_its_full_width(tmp_path, code):
    """An agreed paragraph in a draft with no comment: its label goes in the widened
    margin, as a balloon does, and its text keeps the width of the others (it was once
    squeezed into a narrow column, the label clipped at the page's edge)."""
    from conftest import compile_text

    opening = {"en": "*Decides*", "ar": "***تقرر***"}[code]
    long = " ".join(["word"] * 60 if code == "en" else ["كلمة"] * 60)
    document = compile_text(f"---\nlanguage: {code}\n---\n\n1. {opening} x;\n\n2. {{.agreed}} {opening} {long};\n\n"
                            f"3. {opening} y.\n").document
    path = tmp_path / "agreed.pdf"
    path.write_bytes(pdf.write(document, "negotiation", WriteOptions()))
    found = words(path, 1)
    # -bbox gives an Arabic word's letters in visual order, right to left reversed.
    body = [w for w in found if unicodedata.normalize("NFKC", w[4]) in ("word", "كلمة", "كلمة"[::-1])]
    assert body, "the paragraph's words are on page 1"
    left, right = min(w[0] for w in body), max(w[2] for w in body)
    assert right - left > 300, f"the paragraph is {right - left:.0f} points wide: squeezed"
    page_width = 595
    assert all(0 <= w[0] and w[2] <= page_width for w in found), "no word or label runs off the page"


def test_an_arabic_word_file_runs_right_to_left_and_keeps_english_lines_their_way():
    """The Word export of an Arabic draft: every paragraph right to left by default
    (w:bidi in the document defaults, ECMA-376 17.3.1.6), the masthead's English lines
    in a left-to-right embedding, so that Word shows "1 April 2024" and not
    "April 2024 1"; an English draft has neither."""
    import zipfile

    from wsis20.writers.docx import write as docx

    def parts(code: str) -> tuple[str, str]:
        data = docx(compiled(code), "negotiation", WriteOptions())
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return package.read("word/styles.xml").decode(), package.read("word/document.xml").decode()

    styles, document = parts("ar")
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert "<w:bidi/>" in defaults
    assert "\u202a1 April 2024\u202c" in document and "\u202aDistr.: General\u202c" in document
    styles, document = parts("en")
    assert "<w:bidi" not in styles and "\u202a" not in document
