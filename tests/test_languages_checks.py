"""`wsisc check`'s editorial rules in the six official languages: each paragraph's
final mark, quotation marks, openings and doubled words as each language writes
them, read from the published texts (A/RES/78/265 in tests/fixtures/akn and the
78th session; docs/languages.md, "Editorial checks", gives the counts).

A correct resolution in each language checks clean; each wrong mark gives exactly
one warning, whose help names the characters to write over the warning's span, so
that an editor could apply it: applying it makes the draft clean. The six official
files of 78/265, imported as users import them, check clean of these rules.
"""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, compile_text, wsisc

from wsis20.languages import AKN_CODES
from wsis20.pipeline import compile_document

RULES = {"punctuation", "intro-colon", "quotes", "opening", "doubled-word", "doubled-space"}
NBSP = "\u00a0"

# A short resolution in each language, punctuated as the published 78/265 is: two
# preambular paragraphs (the second with a quotation), an operative paragraph that
# introduces two sub-paragraphs, and the last one.
CORRECT = {
    "en": ("PP#. *Reaffirming* international law,\n\n"
           "PP#. *Recalling* its resolution 70/1 entitled “Transforming our world”,\n\n"
           "1. *Resolves* to bridge the divides:\n  (a) within countries;\n  (b) between them;\n\n"
           "2. *Acknowledges* the efforts of the United Nations system.\n"),
    "fr": ("PP#. *Réaffirmant* le droit international,\n\n"
           f"PP#. *Rappelant* sa résolution 70/1 intitulée «{NBSP}Transformer notre monde{NBSP}»,\n\n"
           f"1. *Se déclare résolue* à combler les fossés{NBSP}:\n  (a) dans les pays{NBSP};\n"
           f"  (b) entre eux{NBSP};\n\n"
           "2. *Prend acte* des travaux du système des Nations Unies.\n"),
    "es": ("PP#. *Reafirmando* el derecho internacional,\n\n"
           "PP#. *Recordando* su resolución 70/1, titulada “Transformar nuestro mundo”,\n\n"
           "1. *Resuelve* cerrar las brechas:\n  (a) dentro de los países;\n  (b) entre ellos;\n\n"
           "2. *Reconoce* la labor del sistema de las Naciones Unidas.\n"),
    "ru": ("PP#. *подтверждая* международное право,\n\n"
           "PP#. *ссылаясь* на свою резолюцию 70/1, озаглавленную «Преобразование нашего мира»,\n\n"
           "1. *заявляет* о своей решимости преодолеть разрывы:\n  (a) внутри стран;\n  (b) между ними;\n\n"
           "2. *принимает во внимание* работу системы Организации Объединенных Наций.\n"),
    "ar": ("PP#. ***إذ تعيد تأكيد*** القانون الدولي،\n\n"
           "PP#. ***وإذ تشير*** إلى قرارها 70/1 المعنون ”تحويل عالمنا“،\n\n"
           "1. ***تقرر*** سد الفجوات:\n  (a) داخل البلدان؛\n  (b) وفيما بينها؛\n\n"
           "2. ***تقر*** بجهود منظومة الأمم المتحدة.\n"),
    "zh": ("PP#. **重申**国际法，\n\n"
           "PP#. **回顾**其题为“变革我们的世界”的第70/1号决议，\n\n"
           "1. **决心**弥合鸿沟：\n  (a) 国家内部；\n  (b) 国家之间；\n\n"
           "2. **肯定**联合国系统的工作。\n"),
}


def draft(language: str, body: str) -> str:
    return f"---\nlanguage: {language}\n---\n{body}"


def warnings(text: str):
    return [d for d in compile_text(text, editorial=True).diagnostics if d.code in RULES]


def fixed(text: str, diagnostic) -> str:
    """The draft with a warning's help applied: "write `X` ... in place of `Y`" over
    the warning's span, which must hold Y."""
    help_ = diagnostic.hints[0]
    match = re.fullmatch(r"write `([^`]*)`(?: \(.*\))? in place of `([^`]*)`", help_, re.DOTALL)
    assert match, help_
    right, wrong = match.groups()
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[:diagnostic.span.line - 1]) + diagnostic.span.column - 1
    assert text[offset:offset + len(wrong)] == wrong, (text[offset:offset + len(wrong)], wrong)
    return text[:offset] + right + text[offset + len(wrong):]


@pytest.mark.parametrize("language", sorted(CORRECT))
def test_a_correct_resolution_checks_clean(language):
    assert [(d.code, d.message) for d in warnings(draft(language, CORRECT[language]))] == []


@pytest.mark.parametrize("language", sorted(CORRECT))
def test_english_marks_are_wrong_in_the_other_languages(language):
    """Another language's draft under this language's name: its marks are reported,
    and the fixes, applied one by one, make it clean."""
    # Spanish writes English's marks: French ones are wrong in both.
    text = draft(language, CORRECT["fr"] if language in ("en", "es") else CORRECT["en"])
    found = warnings(text)
    assert found
    for _ in range(40):
        found = warnings(text)
        if not found:
            break
        text = fixed(text, found[0])
    assert warnings(text) == []


# (language, the correct text's words, the wrong ones, code, message, help)
WRONG = [
    ("fr", f"les fossés{NBSP}:", "les fossés:", "intro-colon",
     "a French introduction to sub-paragraphs ends with a no-break space (U+00A0) and ':', not ':' alone",
     f"write `{NBSP}:` (a no-break space (U+00A0) and ':') in place of `:`"),
    ("fr", f"dans les pays{NBSP};", "dans les pays;", "punctuation",
     "a French sub-paragraph ends with a no-break space (U+00A0) and ';', not ';' alone",
     f"write `{NBSP};` (a no-break space (U+00A0) and ';') in place of `;`"),
    ("fr", f"dans les pays{NBSP};", "dans les pays ;", "punctuation",
     "a French sub-paragraph ends with a no-break space (U+00A0) and ';', not an ordinary space (U+0020) and ';'",
     f"write `{NBSP};` (a no-break space (U+00A0) and ';') in place of ` ;`"),
    ("fr", f"dans les pays{NBSP};", "dans les pays\u202f;", "punctuation",
     "a French sub-paragraph ends with a no-break space (U+00A0) and ';', not a narrow no-break space (U+202F) "
     "and ';'",
     f"write `{NBSP};` (a no-break space (U+00A0) and ';') in place of `\u202f;`"),
    ("fr", f"«{NBSP}Transformer", "« Transformer", "quotes",
     "an ordinary space (U+0020) after '«': French quotations are written «…» with no-break spaces inside "
     "(“…” inside them)",
     f"write `«{NBSP}` ('«' and a no-break space (U+00A0)) in place of `« `"),
    ("fr", f"monde{NBSP}»", "monde»", "quotes",
     "no space before '»': French quotations are written «…» with no-break spaces inside (“…” inside them)",
     f"write `{NBSP}»` (a no-break space (U+00A0) and '»') in place of `»`"),
    ("fr", f"«{NBSP}Transformer notre monde{NBSP}»", "“Transformer notre monde”", None, None, None),
    ("fr", "Nations Unies.", "Nations Unies;", "punctuation",
     "the last French operative paragraph should end with '.', not ';'", "write `.` in place of `;`"),
    ("es", "“Transformar", "«Transformar", "quotes",
     "'«' is not a Spanish quotation mark: Spanish quotations are written “…”", "write `“` in place of `«`"),
    ("es", "“Transformar", "\"Transformar", "quotes",
     "a straight quotation mark: Spanish quotations are written “…”", "write `“` in place of `\"`"),
    ("es", "derecho internacional,", "derecho internacional;", "punctuation",
     "a Spanish preambular paragraph should end with ',', not ';'", "write `,` in place of `;`"),
    ("ru", "*подтверждая*", "*Подтверждая*", "opening",
     "a Russian paragraph's opening word starts with a small letter («подтверждая», «постановляет»)",
     "write `подтверждая` in place of `Подтверждая`"),
    ("ru", "*заявляет*", "*Заявляет*", "opening",
     "a Russian paragraph's opening word starts with a small letter («подтверждая», «постановляет»)",
     "write `заявляет` in place of `Заявляет`"),
    ("ru", "«Преобразование нашего мира»", "“Преобразование нашего мира”", None, None, None),
    ("ru", "«Преобразование", "„Преобразование", "quotes",
     "'„' is not a Russian quotation mark: Russian quotations are written «…» (“…” inside them)",
     "write `«` in place of `„`"),
    ("ru", "внутри стран;", "внутри стран.", "punctuation",
     "a Russian sub-paragraph should end with ';', not '.'", "write `;` in place of `.`"),
    ("ar", "القانون الدولي،", "القانون الدولي,", "punctuation",
     "an Arabic preambular paragraph should end with '،' (arabic comma), not ','", "write `،` in place of `,`"),
    ("ar", "داخل البلدان؛", "داخل البلدان;", "punctuation",
     "an Arabic sub-paragraph should end with '؛' (arabic semicolon), not ';'", "write `؛` in place of `;`"),
    ("ar", "”تحويل", "“تحويل", "quotes",
     "'“' opens a quotation: Arabic quotations are written ”…“", "write `”` in place of `“`"),
    ("ar", "***تقرر***", "**تقرر**", "opening",
     "an Arabic paragraph's opening words are bold italic, not bold", "write `***تقرر***` in place of `**تقرر**`"),
    ("zh", "国际法，", "国际法,", "punctuation",
     "a Chinese preambular paragraph should end with '，' (fullwidth comma), not ','", "write `，` in place of `,`"),
    ("zh", "国家内部；", "国家内部;", "punctuation",
     "a Chinese sub-paragraph should end with '；' (fullwidth semicolon), not ';'", "write `；` in place of `;`"),
    ("zh", "弥合鸿沟：", "弥合鸿沟:", "intro-colon",
     "a Chinese introduction to sub-paragraphs should end with '：' (fullwidth colon), not ':'",
     "write `：` in place of `:`"),
    ("zh", "系统的工作。", "系统的工作.", "punctuation",
     "the last Chinese operative paragraph should end with '。' (ideographic full stop), not '.'",
     "write `。` in place of `.`"),
    ("zh", "**决心**", "*决心*", "opening",
     "a Chinese paragraph's opening words are bold, not italic", "write `**决心**` in place of `*决心*`"),
    ("zh", "“变革", "«变革", "quotes",
     "'«' is not a Chinese quotation mark: Chinese quotations are written “…”", "write `“` in place of `«`"),
    ("en", "“Transforming", "\"Transforming", "quotes",
     "a straight quotation mark: English quotations are written “…”", "write `“` in place of `\"`"),
    ("en", "*Reaffirming*", "*reaffirming*", "opening",
     "an English paragraph's opening word starts with a capital", "write `Reaffirming` in place of `reaffirming`"),
    ("en", "international law,", "international law;", "punctuation",
     "a preambular paragraph should end with a comma, not ';'", "write `,` in place of `;`"),
]


@pytest.mark.parametrize("language, right, wrong, code, message, help_", WRONG,
                         ids=[f"{w[0]}-{w[2]}" for w in WRONG])
def test_each_wrong_mark_is_one_warning_with_its_fix(language, right, wrong, code, message, help_):
    assert right in CORRECT[language], right
    text = draft(language, CORRECT[language].replace(right, wrong, 1))
    found = warnings(text)
    if code is None:  # another language's marks that this one writes inside its own
        assert found == []
        return
    assert [(d.code, d.message, d.hints) for d in found] == [(code, message, (help_,))]
    assert warnings(fixed(text, found[0])) == []


@pytest.mark.parametrize("language, items", [
    ("en", "  (a) Opening of the Congress.\n  (b) Adoption of the report.\n"),
    ("zh", "  (a) 大会开幕。\n  (b) 通过大会报告。\n"),
])
def test_a_list_of_titles_ends_each_with_a_full_stop(language, items):
    """A/RES/78/223, paragraph 11, in all six languages: an agenda's items are titles."""
    intro = {"en": "1. *Approves* the following provisional agenda:\n", "zh": "1. **核准**以下临时议程：\n"}
    last = {"en": "\n2. *Decides* to remain seized of the matter.\n", "zh": "\n2. **决定**继续处理此案。\n"}
    assert warnings(draft(language, intro[language] + items + last[language])) == []
    one = items.replace(".\n", ";\n", 1).replace("。\n", "；\n", 1)
    assert [d.code for d in warnings(draft(language, intro[language] + one + last[language]))] == ["punctuation"]


def test_the_french_rule_holds_in_annexes_too():
    text = draft("fr", CORRECT["fr"]) + (f"\n---\nannex: Annexe\n---\n\n1. *Décide* de tout{NBSP};\n\n"
                                          "2. *Décide* de rien;\n\n3. *Prie* de finir.\n")
    line = text.split("\n").index("2. *Décide* de rien;") + 1
    assert [(d.code, d.span.line) for d in warnings(text)] == [("punctuation", line)]


@pytest.mark.parametrize("language, text", [
    ("fr", "1. *Se félicite* de ce que nous nous félicitons, en en précisant les termes.\n"),
    ("en", "1. *Notes* that that Agreement establishes it.\n"),
    ("es", "1. *Recuerda* sus resoluciones 75/254 A a C.\n"),
])
def test_words_a_language_doubles_by_grammar(language, text):
    assert warnings(draft(language, text)) == []


def test_doubled_words_still_count_in_the_others():
    assert [d.code for d in warnings(draft("fr", "1. *Décide* de de finir.\n"))] == ["doubled-word"]
    assert [d.code for d in warnings(draft("es", "1. *Decide* nous nous finir.\n"))] == ["doubled-word"]


# ----------------------------------------------------- the UN's own files

OFFICIAL = {code: FIXTURES / "akn" / f"A_RES_78_265-2405969{letter}.xml"
            for code, letter in (("ar", "A"), ("zh", "C"), ("en", "E"), ("fr", "F"), ("ru", "R"), ("es", "S"))}


@pytest.fixture(scope="module")
def imported_265(tmp_path_factory):
    """78/265 in six languages, imported with `wsisc import` as users import it."""
    folder = tmp_path_factory.mktemp("ares78265")
    drafts = {}
    for code, xml in OFFICIAL.items():
        out = folder / f"{code}.wsis"
        result = wsisc("import", xml, "-o", out)
        assert result.returncode == 0, result.stderr
        text = out.read_text(encoding="utf-8")
        # The file says its language (FRBRlanguage): a draft that does not yet say it
        # is told here, as the import will write it.
        assert f'FRBRlanguage language="{AKN_CODES[code]}"' in xml.read_text(encoding="utf-8")
        if not re.search(r"^language:", text, re.MULTILINE):
            text = f"---\nlanguage: {code}\n" + text.removeprefix("---\n")
        drafts[code] = text
    return drafts


@pytest.mark.parametrize("language", sorted(OFFICIAL))
def test_the_official_78_265_checks_clean(imported_265, language):
    text = imported_265[language]
    compiled = compile_document(f"{language}.wsis", text.encode("utf-8"), view=None)
    assert [(d.code, d.span.line, d.message) for d in compiled.diagnostics if d.code in RULES] == []


@pytest.mark.parametrize("language, mark, slip, at_least", [
    ("fr", f"{NBSP};", ";", 10),  # the no-break spaces the French file writes
    ("ar", "؛", ";", 10),
    ("zh", "；", ";", 10),
    ("zh", "，\n", ",\n", 8),
    ("ar", "***", "**", 20),
])
def test_the_official_files_are_clean_because_of_their_marks(imported_265, language, mark, slip, at_least):
    """The clean check is no accident: each file's marks swapped for another
    language's give a warning a paragraph."""
    text = imported_265[language]
    assert text.count(mark) >= at_least
    changed = compile_document("x.wsis", text.replace(mark, slip).encode("utf-8"), view=None)
    assert len([d for d in changed.diagnostics if d.code in RULES]) >= at_least
