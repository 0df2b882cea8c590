"""The PDF, read back: pages, numbers, masthead, running header and footer,
comments, reproducible bytes."""

import io
import re
import subprocess
import sys
import textwrap

import pytest
from pypdf import PdfReader

from wsis20.pipeline import compile_document
from wsis20.walk import paragraphs
from wsis20.writers import WriteOptions
from wsis20.writers.pdf import write

from conftest import EXAMPLE, compile_text, child_env

# Reviewed like code: a layout change that moves a page break changes this number.
EXAMPLE_PAGES = 23

SMALL = textwrap.dedent("""
    ---
    symbol: A/80/L.41
    session: 80
    agenda: 71 (b)
    sponsor: Draft resolution submitted by the President of the General Assembly
    title: Outcome of the review
    short_title: WSIS+20 outcome
    date: 2025-12-16
    distribution: Limited
    original: English
    job_number: 25-21005 (E)
    stage: Zero draft
    authors: {ПW: Russian Federation}
    ---
    A. *Recalling* its resolution 70/125,{^See A/60/687.^}

    1. *Decides* to hold a meeting {==in 2035==}{>>ПW: Too early.<<};
    """) + "".join(f"\n#. *Requests* the Secretary-General to report on item {n} of the agenda, with a "
                  f"text long enough to fill the page and push the document onto a second page;\n"
                  for n in range(2, 40))


def pdf_of(text: str, **options) -> bytes:
    compiled = compile_text(text, **options)
    assert not compiled.failed, compiled.diagnostics
    return write(compiled.document, options.get("view", "negotiation"), WriteOptions())


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def example_pdf() -> bytes:
    compiled = compile_document(str(EXAMPLE), EXAMPLE.read_bytes())
    return write(compiled.document, "negotiation", WriteOptions(source_dir=EXAMPLE.parent))


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    return pdf_of(SMALL)


def test_example_page_count(example_pdf):
    assert len(PdfReader(io.BytesIO(example_pdf)).pages) == EXAMPLE_PAGES


def test_example_has_every_paragraph_number_in_order(example_pdf):
    text = "\n".join(pages_text(example_pdf))
    found = re.findall(r"^(\d+[a-z]*|[A-G])\.(?=\s)", text, flags=re.MULTILINE)
    compiled = compile_document(str(EXAMPLE), EXAMPLE.read_bytes())
    expected = [p.num for p in paragraphs(compiled.document) if p.num]
    assert found == expected


def test_example_comments_are_in_the_pdf(example_pdf):
    text = " ".join(pages_text(example_pdf))
    flat = re.sub(r"\s+", " ", text)
    for label in ("[ПW1]", "[NW6]", "[TIW9]", "[u13]", "[u41]"):
        assert label in flat, label
    assert "Continued attempts to review the mandate of the CSTD" in flat


def test_no_comments_leaves_them_all_out():
    compiled = compile_document(str(EXAMPLE), EXAMPLE.read_bytes(), comments=False)
    data = write(compiled.document, "negotiation", WriteOptions())
    flat = re.sub(r"\s+", " ", " ".join(pages_text(data)))
    assert "[ПW1]" not in flat and "collective West" not in flat
    assert "Global Digital Compact" in flat  # the words a comment was anchored to stay


def test_masthead_on_page_one(small_pdf):
    first = re.sub(r"\s+", " ", pages_text(small_pdf)[0])
    for field in ("United Nations", "General Assembly", "A/80/L.41", "Distr.: Limited", "16 December 2025",
                  "Original: English", "Eightieth session", "Agenda item 71 (b)",
                  "Draft resolution submitted by the President of the General Assembly", "ZERO DRAFT",
                  "Outcome of the review", "The General Assembly,", "25-21005 (E)"):
        assert field in first, field


def test_running_header_and_footer_from_page_two(small_pdf):
    pages = pages_text(small_pdf)
    assert len(pages) >= 2
    second = pages[1]
    assert "A/80/L.41" in second and "WSIS+20 outcome" in second
    assert f"2/{len(pages)}" in second and "25-21005 (E)" in second
    assert "WSIS+20 outcome" not in pages[0]  # no running header on the first page


def test_footnote_at_the_foot_of_its_page(small_pdf):
    first = pages_text(small_pdf)[0]
    assert "See A/60/687." in first
    assert first.index("See A/60/687.") > first.index("Requests")  # below the text


def test_same_source_gives_the_same_bytes(example_pdf):
    compiled = compile_document(str(EXAMPLE), EXAMPLE.read_bytes())
    again = write(compiled.document, "negotiation", WriteOptions(source_dir=EXAMPLE.parent))
    assert again == example_pdf


def test_metadata_and_tagging(small_pdf):
    reader = PdfReader(io.BytesIO(small_pdf))
    assert reader.metadata.title == "Outcome of the review"
    assert "A/80/L.41" in (reader.metadata.get("/Keywords") or "")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root  # tagged


def test_letter_paper():
    compiled = compile_text("1. Decides.\n")
    data = write(compiled.document, "negotiation", WriteOptions(paper="letter"))
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_cli_builds_several_files_into_a_folder(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.wsis").write_text(f"1. Decides {name}.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run([sys.executable, "-m", "wsis20", "build", tmp_path / "a.wsis", tmp_path / "b.wsis",
                             "-d", out], capture_output=True, text=True, env=child_env(path=""))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "b.pdf"]
    assert "Decides b." in pages_text((out / "b.pdf").read_bytes())[0]


def test_sandbox_refuses_files_outside_the_drafts_folder(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not really a picture")
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "link.png").symlink_to(secret)
    for logo in ("../secret.png", "link.png", str(secret), "/etc/passwd"):
        compiled = compile_text(f"---\nlogo: {logo!r}\n---\n1. Decides.\n")
        data = write(compiled.document, "negotiation", WriteOptions(source_dir=folder))
        assert b"not really a picture" not in data


def _font_names(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_fonts_ship_with_the_package_and_cover_other_scripts():
    data = pdf_of("1. *Decides* to invite the Российская Федерация, الأمم المتحدة and 联合国 (㐀).\n")
    # The @font-face families of templates/print.css exist only through the package's font files:
    # Chinese in the Song face's subset, a character outside it (U+3400) in Droid Sans Fallback.
    assert {"WSIS-Serif", "WSIS-Serif-Italic", "WSIS-Arabic", "WSIS-CJK-Serif", "WSIS-CJK"} <= _font_names(data)


def test_a_logo_beside_the_source_is_used(tmp_path):
    from PIL import Image

    Image.new("RGB", (40, 20), (200, 30, 30)).save(tmp_path / "logo.png")
    compiled = compile_text("---\nlogo: logo.png\n---\n1. Decides.\n")
    data = write(compiled.document, "negotiation", WriteOptions(source_dir=tmp_path))
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values())


def test_html_is_reproducible_too():
    from wsis20.writers.html import write as write_html

    compiled = compile_document(str(EXAMPLE), EXAMPLE.read_bytes())
    assert write_html(compiled.document) == write_html(compiled.document)


MM = 72 / 25.4  # points


def _runs(data: bytes, index: int) -> list[tuple[str, float, float, float, str]]:
    """(font, x, y from the top of the page, size, text) of each run of text drawn on a page."""
    page = PdfReader(io.BytesIO(data)).pages[index]
    height = float(page.mediabox.height)
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font is not None:
            a, b, c, d, e, f = cm
            x, y = tm[4] * a + tm[5] * c + e, tm[4] * b + tm[5] * d + f
            runs.append((str(font["/BaseFont"]).split("+")[-1], x, height - y, size * abs(d or 1), text))

    page.extract_text(visitor_text=visit)
    return runs


def _horizontal_rules(data: bytes, index: int) -> list[tuple[float, float, float]]:
    """(left, right, y from the top) of each thin horizontal shape drawn on a page,
    whether WeasyPrint strokes it or fills or clips a strip."""
    page = PdfReader(io.BytesIO(data)).pages[index]
    height = float(page.mediabox.height)
    rules, points = [], []

    def before(op, args, cm, tm):
        a, b, c, d, e, f = cm

        def on_page(x, y):
            return a * x + c * y + e, height - (b * x + d * y + f)

        if op in (b"m", b"l"):
            points.append(on_page(float(args[0]), float(args[1])))
        elif op == b"re":
            x, y, w, h = (float(v) for v in args)
            points.extend([on_page(x, y), on_page(x + w, y + h)])
        elif op in (b"n", b"f", b"f*", b"S", b"B", b"b") and points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            if max(ys) - min(ys) < 1 and max(xs) - min(xs) > 20:
                rules.append((min(xs), max(xs), max(ys)))
            points.clear()

    page.extract_text(visitor_operand_before=before)
    return rules


LONG_HEADER = textwrap.dedent("""
    ---
    symbol: A/RES/80/173
    title: Outcome of the review
    short_title: {short_title}
    job_number: 25-21005 (E)
    ---
    """) + "".join(f"\n{n}. *Requests* the Secretary-General to report on item {n} of the agenda, with a text "
                   f"long enough to fill the page and push the document onto a third page.\n" for n in range(1, 70))
LONG_TITLE = ("Outcome document of the high-level meeting of the General Assembly on the overall review of the "
              "implementation of the outcomes of the World Summit on the Information Society")


@pytest.mark.parametrize("short_title", [LONG_TITLE, LONG_TITLE + ", and words enough to fill a third line of "
                                         "the header, which must never reach down into the text of the page"])
def test_running_header_keeps_the_symbol_whole_above_one_rule_clear_of_the_text(short_title):
    data = pdf_of(LONG_HEADER.format(short_title=short_title))
    width = float(PdfReader(io.BytesIO(data)).pages[0].mediabox.width)
    for index in (1, 2):  # an even page and an odd one: the header is mirrored
        header_rules = [r for r in _horizontal_rules(data, index) if r[2] < 22 * MM]
        assert len(header_rules) == 1, header_rules  # one continuous line
        left, right, rule_y = header_rules[0]
        assert abs(left - 25 * MM) < 1 and abs(right - (width - 25 * MM)) < 1  # across the text width
        runs = _runs(data, index)
        header = [r for r in runs if r[2] < rule_y]
        body_top = min(y - size for _, _, y, size, _ in runs if y > rule_y + 1 and y < 250 * MM)
        assert body_top - rule_y >= 3 * MM  # clear of the text
        assert any(text == "A/RES/80/173" for *_, text in header)  # never "A/RES/" over "80/173"
        assert len({round(y) for _, _, y, _, _ in header}) <= 2  # the title on two lines at most
        assert all(y - size > 0 for _, _, y, size, _ in header)  # inside the page


# Characters of real UN texts that a face may lack (U+2011 is in most adopted
# resolutions), each as it is written and as it must read back.
PRINTED_AS = {
    "non\u2011military": "non-military",  # non-breaking hyphen
    "non\u2010State": "non\u2010State",  # hyphen
    "co\u00adoperation": "cooperation",  # soft hyphen: invisible where the line does not break
    "10\u2009000": "10\u2009000",  # thin space
    "5\u202f%": "5\u202f%",  # narrow no-break space
    "word\u2060joiner": "wordjoiner",  # word joiner: invisible
}


def test_every_character_prints_from_the_face_of_its_text():
    words = ", ".join(PRINTED_AS)
    data = pdf_of(f"---\ntitle: On {words}\nshort_title: Header {words}\nauthors: {{u: Reviewer}}\n---\n"
                  f"1. *Italic {words}* and plain {words}{{>>u: A comment on {words}<<}}.\n"
                  + "".join(f"\n#. {'Filler to reach a second page. ' * 12}\n" for _ in range(12)))
    faces = {"WSIS-Serif", "WSIS-Serif-Bold", "WSIS-Serif-Italic", "WSIS-Sans", "WSIS-Sans-Bold"}
    for index in (0, 1):
        drawn_by = {font for font, *_ in _runs(data, index)}
        assert drawn_by <= faces, drawn_by - faces  # nothing from the Arabic or CJK fallback
    first, second = (re.sub(r"[ \n]+", " ", page) for page in pages_text(data)[:2])
    printed = ", ".join(PRINTED_AS.values())
    assert f"On {printed}" in first  # the title, in the masthead
    assert f"Italic {printed} and plain {printed}" in first
    assert f"A comment on {printed}" in first  # in the sans face of the comments
    assert f"Header {printed}" in second  # in the running header


def _line_ends(data: bytes) -> list[str]:
    return [line.rstrip() for page in pages_text(data) for line in page.splitlines()]


def test_a_non_breaking_hyphen_never_ends_a_line():
    def paragraph(hyphen: str) -> str:  # words of different lengths, so that lines end anywhere
        return "1. " + " ".join("ab " * (n % 5) + f"non{hyphen}military" for n in range(40)) + ".\n"

    assert any(line.endswith("non-") for line in _line_ends(pdf_of(paragraph("-"))))  # lines would break there
    lines = _line_ends(pdf_of(paragraph("\u2011")))
    assert not any(line.endswith("non-") for line in lines)
    assert sum(line.count("non-military") for line in lines) == 40


def test_a_soft_hyphen_shows_only_where_the_line_breaks():
    word = "tele\u00adcommuni\u00adcation\u00adstandard\u00adization"
    data = pdf_of("1. " + " ".join("ab " * (n % 7) + word for n in range(25)) + ".\n")
    lines = _line_ends(data)
    assert any(line.endswith("\u2010") for line in lines)  # drawn at a break ...
    assert any("telecommunicationstandardization" in line for line in lines)  # ... and nowhere else
    # (the italic face draws the enacting formula)
    assert {font for font, *_ in _runs(data, 0)} <= {"WSIS-Serif", "WSIS-Serif-Bold", "WSIS-Serif-Italic"}
