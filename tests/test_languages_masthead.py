"""The first page and the closing in the six official languages, compared with
the UN's own files: 78/265 imported in each language (examples/78-265-ai.*.wsis,
made by `wsisc import` from tests/fixtures/akn/A_RES_78_265-2405969?.xml), built,
and its printed masthead, formula, closing lines and paragraph numbers read
against the official file's coverPage, preface, formula, conclusions and num
elements, read here on their own with ElementTree.

The paragraph-number test here compares digits and their order; the printed
forms of numbers and labels in each language ("1 -", "(أ)", "a)") are compared
with the official `num` elements, exactly, in tests/test_languages_numbering.py.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from conftest import ROOT, compile_text
from wsis20.languages import masthead as words
from wsis20.languages.dates import date_words, months
from wsis20.pipeline import compile_document
from wsis20.writers import WriteOptions
from wsis20.writers.html import render

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
# The job number's letter of each language's file: A_RES_78_265-2405969F.xml is French.
LETTERS = {"en": "E", "fr": "F", "es": "S", "ru": "R", "ar": "A", "zh": "C"}
LANGUAGES = tuple(LETTERS)


def same(text: str | None) -> str:
    """Words compared as read: runs of spaces (no-break ones too) as one space."""
    return " ".join((text or "").split())


def words_of(element: ET.Element | None) -> str:
    return same("".join(element.itertext())) if element is not None else ""


def official(language: str) -> dict:
    """What the UN's file prints, element by element."""
    root = ET.parse(FIXTURES / "akn" / f"A_RES_78_265-2405969{LETTERS[language]}.xml").getroot()
    cover = root.find(f".//{AKN}coverPage")
    preface = root.find(f".//{AKN}preface")
    conclusions = root.find(f".//{AKN}conclusions")

    def refers(tag: str, to: str) -> ET.Element:
        return next(e for e in cover.iter(AKN + tag) if e.get("refersTo") == to)

    def inline(name: str) -> str:
        return words_of(next(e for e in cover.iter(AKN + "inline") if e.get("name") == name))

    body = root.find(f".//{AKN}mainBody")
    return {
        "organisation": words_of(refers("docAuthority", "#publisher")),
        "organ": words_of(refers("docAuthority", "#issuingBody")),
        "distribution": words_of(cover.find(f".//{AKN}docStatus")),
        "issued": words_of(refers("docDate", "#dateOfIssuance")),
        "session": words_of(cover.find(f".//{AKN}session")),
        "agenda": inline("agenda item"),
        "agenda_title": inline("agenda item name"),
        "adopted": words_of(cover.find(f".//{AKN}docTitle")),
        "origin": words_of(cover.find(f".//{AKN}docProponent")),
        "number": words_of(preface.find(f".//{AKN}docNumber")),
        "title": words_of(preface.find(f".//{AKN}docTitle")),
        "formula": words_of(root.find(f".//{AKN}formula")),
        "meeting": words_of(conclusions.find(f".//{AKN}location")),
        "closing": "".join(conclusions.find(f".//{AKN}docDate").itertext()),  # exactly, no-break spaces too
        "numbers": [re.sub(r"\D", "", words_of(p.find(AKN + "num"))) for p in body.iter(AKN + "paragraph")
                    if p.find(AKN + "num") is not None],
        "subs": sum(1 for p in body.iter(AKN + "point")),
    }


def example(language: str) -> Path:
    return EXAMPLES / f"78-265-ai.{language}.wsis"


def compiled(language: str):
    path = example(language)
    result = compile_document(str(path), path.read_bytes())
    assert not result.failed, result.diagnostics
    return result


def _class(name: str) -> str:
    return f"[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"


@pytest.fixture(scope="module", params=LANGUAGES)
def printed(request) -> tuple[str, dict]:
    """Our HTML of the example in one language, line by line."""
    language = request.param
    page = lxml_html.fromstring(render(compiled(language).document))

    def texts(*classes: str, path: str = "//") -> list[str]:
        return [same(e.text_content()) for e in page.xpath(path + "/".join(f"*{_class(c)}" for c in classes))]

    return language, {
        "lang": page.get("lang"),
        "organisation": texts("org")[0],
        "organ": texts("organ")[0],
        "distribution_block": [same(e.text_content()) for e in page.xpath(f"//*{_class('distr')}/div")],
        "preface": texts("preface-line"),
        "agenda_title": texts("agenda-title")[0],
        "adopted": texts("adopted")[0],
        "origin": texts("origin")[0],
        "number": texts("resolution-number")[0],
        "title": texts("title")[0],
        "formula": texts("formula")[0],
        "conclusions": [e.text_content() for e in page.xpath(f"//*{_class('conclusions')}/p")],
        "numbers": [re.sub(r"\D", "", same(e.text_content()))
                    for e in page.xpath(f"//*{_class('operative')}/*{_class('para-text')}/p/*{_class('num')}")],
        "subs": len(page.xpath(f"//*{_class('sub')}")),
    }


def test_the_masthead_is_the_official_cover_page(printed):
    language, ours = printed
    theirs = official(language)
    assert ours["organisation"] == theirs["organisation"]
    assert ours["organ"] == theirs["organ"]
    # Distr. line and issue date, in English on the Russian, Arabic and Chinese pages
    assert ours["distribution_block"] == [theirs["distribution"], theirs["issued"]]
    assert ours["preface"] == [theirs["session"], theirs["agenda"]]
    assert ours["agenda_title"] == theirs["agenda_title"]
    assert ours["adopted"] == theirs["adopted"]
    assert ours["origin"] == theirs["origin"]
    assert ours["number"] == theirs["number"]
    assert ours["title"] == same(f"{theirs['number']} {theirs['title']}")


def test_the_formula_and_the_closing_are_the_official_ones(printed):
    language, ours = printed
    theirs = official(language)
    assert ours["formula"] == theirs["formula"]
    assert [same(line) for line in ours["conclusions"]] == [theirs["meeting"], same(theirs["closing"])]
    assert ours["conclusions"][1] == theirs["closing"]  # the no-break spaces where the file has them


def test_the_page_declares_its_language(printed):
    language, ours = printed
    assert ours["lang"] == {"zh": "zh-Hans"}.get(language, language)


def test_paragraph_numbers_in_the_official_order(printed):
    """Digits and order (and as many sub-paragraphs); the printed forms are
    test_languages_numbering.py's."""
    language, ours = printed
    theirs = official(language)
    assert ours["numbers"] == theirs["numbers"] and len(theirs["numbers"]) == 13
    assert ours["subs"] == theirs["subs"] == 24


@pytest.mark.parametrize("language", ["zh", "ru"])
def test_the_pdf_prints_the_official_first_page(language):
    """The PDF's own text (pypdf), spaces aside, holds each string of the official
    cover page, formula and closing, in a language of another script."""
    from wsis20.writers.pdf import write

    data = write(compiled(language).document, "negotiation", WriteOptions(source_dir=EXAMPLES))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    first, last = ("".join(pages[0].split()), "".join(pages[-1].split()))
    theirs = {key: value.replace("\u2011", "-") if isinstance(value, str) else value  # the PDF's text maps
              for key, value in official(language).items()}  # the non-breaking hyphen to its glyph, a hyphen
    for key in ("organisation", "organ", "distribution", "issued", "session", "agenda", "adopted", "number"):
        assert "".join(theirs[key].split()) in first, key
    assert "".join(theirs["formula"].split()) in first
    for key in ("meeting", "closing"):
        assert "".join(theirs[key].split()) in last, key


# ----------------------------------------------------------------- the tables alone

def test_the_import_writes_the_language_and_leaves_its_defaults_out():
    for language in LANGUAGES:
        text = example(language).read_text(encoding="utf-8")
        front = text.split("\n---\n", 1)[0]
        assert ("language: " + language in front) == (language != "en")
        for key in ("organ:", "formula:"):
            assert key not in front, (language, key)
        # "Distr. générale" is General: left out of an adopted text but in English, which keeps
        # the key it always wrote
        assert ("distribution: General" in front) == (language == "en")


def test_the_arabic_footnotes_come_without_the_publishers_parentheses():
    text = example("ar").read_text(encoding="utf-8")
    assert "{^القرار 217 ألف (د-3).^}،" in text
    assert "({^" not in text and "^})" not in text and "{^()" not in text
    assert text.count("{^") == 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_meeting_line_from_its_number(language):
    assert same(words.meeting_line(language, 63)) == official(language)["meeting"]


def test_a_meeting_number_in_the_front_matter_is_worded_in_the_drafts_language():
    for language, line in (("fr", "63e séance plénière"), ("ru", "63\u2011е\u00a0пленарное заседание"),
                           ("ar", "الجلسة العامة 63"), ("zh", "第63次全体会议")):
        text = re.sub(r"^meeting: .*$", "meeting: 63", example(language).read_text(encoding="utf-8"),
                      count=1, flags=re.MULTILINE)
        assert "meeting: 63\n" in text
        assert compile_text(text).document.front.meeting == line


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_as_the_files_write_them(language):
    theirs = official(language)
    if language not in words.ENGLISH_DISTRIBUTION:
        assert date_words(language, datetime.date(2024, 4, 1)) == theirs["issued"]  # "1er avril 2024"
    assert date_words(language, datetime.date(2024, 3, 21), closing=True) == theirs["closing"]


def test_english_months_are_cldrs():
    assert months("en") == ("January", "February", "March", "April", "May", "June", "July", "August",
                            "September", "October", "November", "December")


# Each month of the 78th session's Arabic closing dates, as the files print them.
ARABIC_MONTHS = ("كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه",
                 "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
                 "كانون الأول/ديسمبر")


def test_arabic_months_have_both_names_with_the_uns_june_and_july():
    for month, name in enumerate(ARABIC_MONTHS, start=1):
        assert date_words("ar", datetime.date(2023, month, 19)) == f"19 {name} 2023"


def test_french_first_of_the_month():
    assert date_words("fr", datetime.date(2024, 7, 1), closing=True) == "1er\u00a0juillet 2024"  # 78/285 ff.
    assert date_words("fr", datetime.date(2024, 7, 2)) == "2 juillet 2024"


# The 78th session's agenda lines, as the files print them (coverPage "agenda item").
AGENDA = {
    "en": [(("71 (b)",), "Agenda item 71 (b)"), (("13", "75 (a)"), "Agenda items 13 and 75 (a)")],
    "fr": [(("71 (b)",), "Point 71 b) de l’ordre du jour"), (("13 and 117",), "Points 13 et 117 de l’ordre du jour")],
    "es": [(("71 (b)",), "Tema 71 b) del programa"), (("132", "143"), "Temas 132 y 143 del programa")],
    "ru": [(("71 (b)",), "Пункт 71 b) повестки дня"), (("13", "75 (a)"), "Пункты 13 и 75 a) повестки дня")],
    "ar": [(("71 (b)",), "البند 71 (ب) من جدول الأعمال"), (("13", "75 (a)"), "البندان 13 و 75 (أ) من جدول الأعمال"),
           (("18 (gg)",), "البند 18 (ز ز) من جدول الأعمال"), (("18 (z)",), "البند 18 (ض) من جدول الأعمال")],
    "zh": [(("71 (b)",), "议程项目71(b)"), (("13", "75 (a)"), "议程项目13和75(a)")],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_agenda_lines(language):
    for values, line in AGENDA[language]:
        assert same(words.agenda_line(language, values)) == same(line)


# "[on the report of the Third Committee (...)]" in each language (docProponent #thirdCommittee).
REPORTS = {"en": ("Third Committee", "[on the report of the Third Committee (A/78/472, para. 57)]"),
           "fr": ("Troisième Commission", "[sur la base du rapport de la Troisième Commission (A/78/472, par. 57)]"),
           "es": ("Tercera Comisión", "[sobre la base del informe de la Tercera Comisión (A/78/472, párr. 57)]"),
           "ru": ("Третьего комитета", "[по докладу Третьего комитета (A/78/472, пункт 57)]"),
           "ar": ("اللجنة الثالثة", "[بناء على تقرير اللجنة الثالثة (A/78/472، الفقرة 57)]"),
           "zh": ("第三委员会", "[根据第三委员会的报告 (A/78/472，第57段)]")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_lines(language):
    committee, line = REPORTS[language]
    before, after = words.report_words(language, committee)
    document = re.search(r"\((A/[^()]*)\)\]", line)[1]
    assert before + document + after == line


def test_the_session_in_words_as_the_session_writes_it():
    """Sessions 1 to 98 as the 78th session's files name them, in each language
    (tests/fixtures/languages/session-words.json, extracted by extract_sessions.py beside
    it, its numbers from the English files): the words most often found for each number
    are ours; Russian and Arabic in any case (the masthead's nominative, "семьдесят
    восьмой", "الثامنة والسبعين")."""
    data = json.loads((FIXTURES / "languages" / "session-words.json").read_text(encoding="utf-8"))
    checked = {}
    for language, pairs in data.items():
        best: dict[int, dict] = {}
        for pair in pairs:
            if pair["count"] > best.get(pair["session"], {"count": 0})["count"]:
                best[pair["session"]] = pair
        for n, pair in best.items():
            assert _session_pattern(language, n).fullmatch(pair["words"]), (language, n, pair)
        checked[language] = len(best)
    assert checked == {"fr": 80, "es": 55, "ru": 78, "ar": 78, "zh": 77}


def _session_pattern(language: str, n: int) -> re.Pattern:
    line = words.session_line(language, n)
    core = {"fr": lambda s: s.removesuffix(" session").lower(),
            "es": lambda s: s.removesuffix(" período de sesiones").lower(),
            "ru": lambda s: s.removesuffix(" сессия").lower(),
            "ar": lambda s: s.removeprefix("الدورة "),
            "zh": lambda s: s.removeprefix("第").removesuffix("届会议")}[language](line)
    if language == "ru":  # the last word declines: -ая, -ой, -ую (третья, третьей)
        return re.compile(re.escape(core[:-1]) + "(?:я|ей|ю)" if core.endswith("ья")
                          else re.escape(core[:-2]) + "(?:ая|ой|ую)")
    if language == "ar":  # the tens decline: -ون, -ين
        return re.compile(re.escape(core).removesuffix("ون") + "(?:ون|ين)" if core.endswith("ون")
                          else re.escape(core))
    return re.compile(re.escape(core))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_session_from_1_to_100_has_words(language):
    lines = [words.session_line(language, n) for n in range(1, 101)]
    assert len(set(lines)) == 100
    assert not any(ch.isdigit() for line in lines[:99] for ch in line)


def test_english_output_is_unchanged_by_the_tables():
    from wsis20.writers.masthead import agenda_line, ordinal_words

    assert ordinal_words(78) == "Seventy-eighth" and ordinal_words(101) == "101st"
    assert words.session_line("en", 100) == "100th session"  # as before: figures from 100 on
    assert agenda_line(("71(b)",)) == "Agenda item 71(b)"  # as written


def test_babel_is_not_on_checks_path():
    import subprocess
    import sys

    code = ("import sys; from wsis20.commands import check; "
            "print(any(m == 'babel' or m.startswith('babel.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("language", LANGUAGES)
def test_agenda_lines_read_back_as_items(language):
    """The import reads a printed agenda line back into the front matter's items."""
    for values, line in AGENDA[language]:
        items = [item for value in values for item in re.split(r" and ", value)]
        assert words.agenda_values_of_line(language, line) == (items if language != "en" else
                                                               words.agenda_values_of_line("en", line))
    assert words.agenda_values_of_line("ru", "Пункт 71 а) повестки дня") == ["71 (a)"]  # a Cyrillic а typed


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committee_comes_back_in_the_files_words(language):
    """A report line in the file's language gives the committee as the line words it, and the
    masthead prints the line again (every committee line of the 78th session but a few: a
    Chinese "通过" outside the Fourth Committee, 7 of 254)."""
    from wsis20.readers.akn import _committee

    committee, line = REPORTS[language]
    before, document = line.split("(A/", 1)
    proponent = ET.fromstring(f'<docProponent xmlns="{AKN[1:-1]}">{before}(<inline name="originating document">'
                              f'A/{document.removesuffix(")]")}</inline>)]</docProponent>')
    assert _committee(proponent, language) == committee


def _draft(language: str, distribution: str, date: str) -> str:
    return f"""
        ---
        symbol: A/59/100
        session: 59
        date: {date}
        distribution: {distribution}
        original: English
        language: {language}
        ---

        1. *Decides* to hold a meeting.
        """


def test_a_drafts_distribution_block_in_french_as_a_59_100_prints_it():
    """A/59/100 (French): "Distr. générale / 15 juin 2004 / Français / Original: anglais"."""
    from wsis20.writers.masthead import masthead

    front = compile_text(_draft("fr", "General", "2004-06-15")).document.front
    assert masthead(front).distribution_block == ("Distr. générale", "15 juin 2004", "Français", "Original: anglais")
    assert masthead(front).preface == ("Cinquante-neuvième session",)


def test_a_russian_drafts_distribution_block_stays_english():
    """Research 4 (RU-A61-L56): "Distr.: Limited", the date, "Russian" and "Original: English"
    in English on a Russian L document."""
    from wsis20.writers.masthead import masthead

    front = compile_text(_draft("ru", "Limited", "2006-11-20")).document.front
    assert masthead(front).distribution_block == ("Distr.: Limited", "20 November 2006", "Russian",
                                                  "Original: English")
    assert masthead(front).organisation == "Организация Объединенных Наций"


def test_the_formula_is_set_as_each_file_sets_it():
    """The organ's words italic, Arabic bold italic, Chinese bold (formula span class of
    A/RES/78/265 in each language); the comma upright."""
    from wsis20.writers.html import formula_html

    for language in LANGUAGES:
        root = ET.parse(FIXTURES / "akn" / f"A_RES_78_265-2405969{LETTERS[language]}.xml").getroot()
        span = root.find(f".//{AKN}formula//{AKN}span")
        classes = set(span.get("class").split())
        front = compiled(language).document.front
        html = formula_html(words.formula_words(language, front.organ) + words.FORMULA_COMMA[language], front)
        assert ("<em>" in html, "<strong>" in html) == ("italic" in classes, "bold" in classes), language


@pytest.mark.parametrize("language, line", [("fr", "[Original: anglais]"), ("es", "[Original: inglés]"),
                                            ("ru", "[Original: English]"), ("en", "[Original: English]")])
def test_an_annexs_original_line_is_in_the_drafts_words(language, line):
    """An annex's "[Original: ...]" names the language as the draft's language does,
    in every writer, as the first page's Original line does (A/59/100)."""
    from wsis20.writers.akn import write as akn

    document = compile_text(f"---\nlanguage: {language}\n---\n\n1. Text.\n\n---\nannex: Annex\n"
                            "original: English\n---\n\n1. Text.\n").document
    assert f'<p class="annex-original">{line}</p>' in render(document)
    assert line.encode() in akn(document, "negotiation", WriteOptions())


@pytest.mark.parametrize("language, name", [
    ("fr", "A/80/L.50 (Projet, 1er juillet 2025)"),
    ("ar", "A/80/L.50 (Projet، 1 تموز/يوليه 2025)"),
    ("zh", "A/80/L.50 (Projet，2025年7月1日)"),
    ("en", "A/80/L.50 (Projet, 1 July 2025)"),
])
def test_a_comparison_names_each_revision_with_the_drafts_date_and_comma(language, name):
    """The revisions a comparison names ("Comparaison de A/80/L.50 (Projet, 1er juillet
    2025) ..."): the date as the masthead writes it, the list's comma of the language."""
    from wsis20.writers import document_name

    front = compile_text(f"---\nlanguage: {language}\nsymbol: A/80/L.50\nstage: Projet\ndate: 2025-07-01\n---\n\n"
                         "1. Text.\n").document.front
    assert document_name(front, "x.wsis") == name
