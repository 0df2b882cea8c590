"""The adopted form (stage: adopted) as printed: the masthead, preface, formula
and closing lines of an A/RES document, read back from the HTML and the PDF and
compared with the UN's own file of A/RES/78/212."""

import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from wsis20.pipeline import compile_document
from wsis20.writers import WriteOptions
from wsis20.writers.html import render
from wsis20.writers.pdf import write

from conftest import FIXTURES, ROOT, compile_text, wsisc
from test_adopted_check import ADOPTED, _front

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
AKN_212 = FIXTURES / "akn" / "A_RES_78_212-2326012E.xml"
EXAMPLE_212 = ROOT / "examples" / "78-212-freedom-of-religion.wsis"


def html_of(text: str) -> str:
    compiled = compile_text(text)
    assert not compiled.failed, compiled.diagnostics
    return render(compiled.document)


# ------------------------------------------------------------------ reading the UN's file

def _statement() -> ET.Element:
    return ET.parse(AKN_212).getroot().find(f"{AKN}statement")


def _akn_text(element: ET.Element) -> str:
    """An element's text as printed; a footnote's text stands where its note does,
    apart from the words around it."""
    parts = [element.text or ""]
    for child in element:
        inner = _akn_text(child)
        if child.tag in (f"{AKN}authorialNote", f"{AKN}eol"):
            inner = f" {inner} "
        parts += [inner, child.tail or ""]
    return "".join(parts)


def _words(text: str) -> list[str]:
    """Words split at ASCII white space only: a no-break space must stay one."""
    return [w for w in re.split(r"[ \t\r\n]+", text) if w]


def _line(text: str) -> str:
    return " ".join(_words(text))


def akn_cover_lines() -> list[str]:
    """The official cover page, one line a `p`, in order."""
    return [_line(_akn_text(p)) for p in _statement().find(f"{AKN}coverPage").findall(f"{AKN}p")]


def akn_printed_words() -> list[str]:
    """The words after the masthead, in order: preface, preamble (formula
    included), body and conclusions."""
    statement = _statement()
    parts = ("preface", "preamble", "mainBody", "conclusions")
    return [w for part in parts for w in _words(_akn_text(statement.find(f"{AKN}{part}")))]


def akn_italics() -> list[str]:
    statement = _statement()
    return [_line(_akn_text(span)) for part in ("preamble", "mainBody")
            for span in statement.find(f"{AKN}{part}").iter(f"{AKN}span") if span.get("class") == "italic"]


# ------------------------------------------------------------------ reading wsisc's page

class _Page(HTMLParser):
    """The page's text blocks: the masthead's lines, the main part's words and its italics."""

    INLINE = {"em", "strong", "u", "a", "span", "mark", "ins", "del", "sup"}
    SEPARATE = {"footnote", "num"}  # inline, but not part of the words beside them

    def __init__(self, html: str):
        super().__init__()
        self.where: list[str] = []  # "header" or "main", while inside one
        self.header: list[str] = []
        self.main: list[str] = []  # text pieces, with a space at each block's edge and a footnote's
        self.italics: list[str] = []
        self.em_depth = 0
        self.open: list[bool] = []  # for each open tag in main: does it stand apart from its neighbours?
        self.current = ""
        self.feed(html)
        self._flush()

    def _flush(self):
        if self.where == ["header"] and self.current.strip():
            self.header.append(_line(self.current))
        self.current = ""

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag in ("header", "main"):
            self.where.append(tag)
        elif tag not in self.INLINE:
            self._flush()
        if self.where == ["main"] and tag != "main":
            apart = tag not in self.INLINE or bool(self.SEPARATE & set(cls.split()))
            self.open.append(apart)
            if apart:
                self.main.append(" ")
            if tag == "em":
                self.em_depth += 1
                if self.em_depth == 1:
                    self.italics.append("")

    def handle_endtag(self, tag):
        if self.where == ["main"] and tag != "main":
            if tag == "em":
                self.em_depth -= 1
            if self.open.pop():
                self.main.append(" ")
        if tag in ("header", "main"):
            self._flush()
            self.where.pop()
        elif tag not in self.INLINE:
            self._flush()

    def handle_data(self, data):
        if self.where == ["header"]:
            self.current += data
        elif self.where == ["main"]:
            self.main.append(data)
            if self.em_depth:
                self.italics[-1] += data


@pytest.fixture(scope="module")
def example_212():
    compiled = compile_document(str(EXAMPLE_212), EXAMPLE_212.read_bytes())
    assert not compiled.failed, compiled.diagnostics
    return compiled.document


@pytest.fixture(scope="module")
def page_212(example_212) -> _Page:
    return _Page(render(example_212, media="print"))


@pytest.fixture(scope="module")
def pdf_212(example_212) -> list[str]:
    data = write(example_212, "negotiation", WriteOptions(source_dir=EXAMPLE_212.parent))
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


# ------------------------------------------------------------------ the example against the UN's file

def test_the_example_checks_clean():
    result = wsisc("check", EXAMPLE_212)
    assert result.returncode == 0, result.stdout
    assert "0 errors, 0 warnings" in result.stdout


def test_the_example_prints_every_word_of_the_un_file_in_order(page_212):
    """Title, formula, preamble, operative paragraphs with their numbers and
    sub-paragraphs, footnotes where they stand, and the closing lines."""
    title = next(line for line in page_212.header if line.startswith("78/212."))
    printed = _words(title) + _words("".join(page_212.main))
    assert printed == akn_printed_words()


def test_the_example_italicises_what_the_un_file_does(page_212):
    """The formula, every opening phrase, and the italic title in a footnote."""
    assert [_line(i) for i in page_212.italics] == akn_italics()


def test_the_masthead_is_the_official_cover_page_line_for_line(page_212):
    """No Original line, no committee line, no sponsor, no stage label: the
    official cover page's lines, then the preface."""
    preface = _line(_akn_text(_statement().find(f"{AKN}preface")))
    assert page_212.header == [*akn_cover_lines(), preface]
    assert preface == "78/212. Freedom of religion or belief"


def test_the_pdf_masthead_follows_the_cover_page_order(pdf_212):
    def flat(text: str) -> str:  # the order is what is read here, not the kind of space
        return _line(text.replace("\xa0", " "))

    first = flat(pdf_212[0])
    at = 0
    for line in [*map(flat, akn_cover_lines()), "78/212. Freedom of religion or belief", "The General Assembly,",
                 "Recalling article 18"]:
        found = first.find(line, at)
        assert found >= at, (line, first[at:at + 200])
        at = found + len(line)
    head = first[:first.index("The General Assembly,")]
    assert "Original" not in head and "draft" not in head
    assert head.count("adopted") == 1 and head.count("Third Committee") == 1  # in their own lines only
    assert "23-26012 (E)" in first


def test_the_pdf_closes_with_the_meeting_and_the_date(pdf_212):
    last = pdf_212[-1]
    lines = [line.strip() for line in last.splitlines()]
    end = lines.index("50th plenary meeting")
    assert lines[end + 1].replace("\xa0", " ") == "19 December 2023"
    body = _line(" ".join(lines[:end]))
    assert body.endswith("under the item entitled “Promotion and protection of human rights”.")


def test_the_html_closes_with_the_meeting_and_the_date_after_the_last_paragraph():
    html = html_of(ADOPTED)
    closing = '<div class="conclusions"><p>50th plenary meeting</p><p>19\u00a0December 2023</p></div>'
    assert closing in html
    assert html.index("to remain seized of the matter.") < html.index(closing) < html.index("</main>")
    # A date of adoption written as text is the same date, printed the same way.
    assert closing in html_of(_front(ADOPTED, adopted="19 December 2023"))


# ------------------------------------------------------------------ the masthead's words

def test_the_adopted_masthead_words():
    page = _Page(html_of(ADOPTED))
    assert page.header == [
        "United Nations", "A/RES/78/212", "General Assembly", "Distr.: General", "22 December 2023",
        "Seventy-eighth session", "Agenda item 71 (b)", "Promotion and protection of human rights",
        "Resolution adopted by the General Assembly on 19 December 2023",
        "[on the report of the Third Committee (A/78/481/Add.2, para. 139)]",
        "78/212. Freedom of religion or belief"]


def test_a_plenary_resolution_is_adopted_without_reference_to_a_main_committee():
    text = _front(ADOPTED, committee=None, report=None, without_reference="A/78/L.49")
    page = _Page(html_of(text))
    assert "[without reference to a Main Committee (A/78/L.49)]" in page.header


def test_the_fourth_committee_prints_as_written():
    text = _front(ADOPTED, committee="Special Political and Decolonization Committee (Fourth Committee)")
    page = _Page(html_of(text))
    assert ("[on the report of the Special Political and Decolonization Committee (Fourth Committee) "
            "(A/78/481/Add.2, para. 139)]") in page.header


def test_several_agenda_items_have_a_title_each():
    text = _front(ADOPTED, agenda="[13, 75 (a)]", agenda_title="[Integrated follow-up, Oceans and the law of the sea]")
    page = _Page(html_of(text))
    at = page.header.index("Agenda items 13 and 75 (a)")
    assert page.header[at + 1:at + 3] == ["Integrated follow-up", "Oceans and the law of the sea"]


def test_the_meeting_in_words_prints_as_written_and_the_symbol_as_given():
    text = _front(ADOPTED, meeting="63rd (resumed) plenary meeting", symbol="A/RES/78/212*")
    compiled = compile_text(text)
    assert compiled.document.front.symbol == "A/RES/78/212*"
    assert '<div class="conclusions"><p>63rd (resumed) plenary meeting</p>' in render(compiled.document)


def test_a_draft_keeps_its_own_masthead():
    """A draft's stage, sponsor, Original and committee lines are untouched; it has no closing lines."""
    text = _front(ADOPTED, stage="Zero draft", resolution=None, adopted=None, meeting=None, report=None,
                  agenda_title=None)
    text = text.replace("    title:", "    sponsor: 'Argentina: draft resolution'\n    original: English\n    title:")
    html = html_of(text)
    page = _Page(html)
    for line in ("Third Committee", "Original: English", "Argentina: draft resolution", "Zero draft",
                 "Freedom of religion or belief"):
        assert line in page.header, line
    assert 'class="conclusions"' not in html and 'class="resolution-number"' not in html


# ------------------------------------------------------------------ the enacting formula

@pytest.mark.parametrize("stage", ["adopted", "Zero draft"])
def test_the_formula_is_italic_with_an_upright_comma(stage):
    html = html_of(_front(ADOPTED, stage=stage, ignore="[adopted-only]"))
    assert '<p class="formula"><em>The General Assembly</em>,</p>' in html


def test_no_comma_when_no_preambular_paragraph_follows():
    text = ADOPTED.replace("    PP#. *Recalling* its resolutions,\n\n", "")
    html = html_of(text)
    assert '<p class="formula"><em>The General Assembly</em></p>' in html


def test_a_formula_of_the_drafters_own_prints_as_written():
    html = html_of("---\nformula: 'We, the Ministers,'\n---\n1. We decide.\n")
    assert '<p class="formula">We, the Ministers,</p>' in html


EXAMPLE_3 = ROOT / "examples" / "78-3-pandemic-declaration.wsis"


def test_the_resolution_closes_before_its_annex_on_page_one():
    """78/3: "16th plenary meeting / 5 October 2023" ends the one-paragraph
    resolution, and the declaration it adopts follows on a new page."""
    compiled = compile_document(str(EXAMPLE_3), EXAMPLE_3.read_bytes())
    assert not compiled.failed and len(compiled.document.annexes) == 1
    html = render(compiled.document)
    assert html.index('class="conclusions"') < html.index('class="annex"')
    pages = PdfReader(io.BytesIO(write(compiled.document, "negotiation", WriteOptions()))).pages
    first, second = (page.extract_text() for page in pages[:2])
    assert "16th plenary meeting" in first and "5 October 2023" in first and "Political declaration" in first
    assert second.startswith("Annex\nPolitical declaration of the General Assembly")  # a new page opens it
    assert "We, Heads of State and Government" in second and "plenary meeting" not in second


def test_a_draft_prints_its_agenda_items_title_too():
    """An L document's first page: "Agenda item 67 | Promotion and protection of
    the rights of children | Andorra, ...: draft resolution" (research/un-format.md 1.2)."""
    compiled = compile_text("---\nsymbol: A/C.3/80/L.20\nagenda: 67\n"
                            "agenda_title: Promotion and protection of the rights of children\n"
                            "sponsor: \"Andorra, Antigua and Barbuda: draft resolution\"\n---\n\n1. *Decides* it.\n")
    assert compiled.diagnostics == []
    text = re.sub(r"<[^>]+>", "\n", render(compiled.document))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    at = lines.index("Agenda item 67")
    assert lines[at + 1:at + 3] == ["Promotion and protection of the rights of children",
                                    "Andorra, Antigua and Barbuda: draft resolution"]


def test_dates_written_as_text_print_as_dates_everywhere():
    """`adopted: '2023-12-19'` (quoted, so text to YAML) printed as 2023-12-19 in
    the closing line and the masthead, and as 19 December 2023 in the adoption line."""
    compiled = compile_text("---\nstage: adopted\nresolution: 78/212\ndate: '2023-12-22'\nadopted: '2023-12-19'\n"
                            "meeting: 50\nwithout_reference: A/78/L.49\n---\n\n1. *Decides* it.\n")
    assert not compiled.failed
    text = re.sub(r"<[^>]+>", " ", render(compiled.document)).replace("\u00a0", " ")
    assert "2023-12" not in text.split("<body", 1)[-1]
    assert "22 December 2023" in text and text.count("19 December 2023") == 2  # the adoption line and the close
