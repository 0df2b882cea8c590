"""The fixed words of the first page and of the adopted form's closing, in each
official language, as the UN's own files print them: the coverPage, formula and
conclusions of resolution 78/265 in the six languages
(tests/fixtures/akn/A_RES_78_265-2405969{A,C,E,F,R,S}.xml) and of the whole 78th
session (../shared/corpus/ga78-akn.tar.xz). docs/languages.md, "First page and
closing", gives the source of each string.

Light: `wsisc check` imports the front matter's parser, which takes the organ's
and the meeting's defaults from here. Dates are written in words by
languages/dates.py (Babel, for the writers only).
"""

from __future__ import annotations

import re

from ..numbers import ordinal
from .numbering import ABJAD

# The organisation, top left of every first page (coverPage docAuthority #publisher;
# the Arabic files stretch it with tatweels, 325 of 325 in the 78th session).
ORGANISATION = {"en": "United Nations", "fr": "Nations Unies", "es": "Naciones Unidas",
                "ru": "Организация Объединенных Наций", "ar": "الأمــم المتحـدة", "zh": "联合国"}

# The organ under it (coverPage docAuthority #issuingBody): the front matter's
# `organ` when it names none.
ORGAN = {"en": "General Assembly", "fr": "Assemblée générale", "es": "Asamblea General",
         "ru": "Генеральная Ассамблея", "ar": "الجمعية العامة", "zh": "大会"}

# The languages whose first page keeps the distribution line, the issue date and the
# Original line in English (coverPage docStatus and docDate of every Russian, Arabic
# and Chinese file of the 78th session: "Distr.: General", "1 April 2024").
ENGLISH_DISTRIBUTION = frozenset({"en", "ru", "ar", "zh"})

# "Distr. générale": French and Spanish write the line in their own words, without
# the colon (docStatus, 327 of 327 French and Spanish files). Limited and Restricted
# are chosen, in the same grammar (no shared file is an L document in French or Spanish).
_DISTRIBUTION = {
    "fr": {"General": "Distr. générale", "Limited": "Distr. limitée", "Restricted": "Distr. restreinte"},
    "es": {"General": "Distr. general", "Limited": "Distr. limitada", "Restricted": "Distr. reservada"},
}


def distribution_line(language: str, status: str) -> str:
    """"Distr.: General", "Distr. générale", "Distr. general"."""
    words = _DISTRIBUTION.get(language, {}).get(status)
    return words if words is not None else f"Distr.: {status}"


# The six languages' names in each language that names them in its own words on the
# "Original:" line (A/59/100: "Français / Original: anglais"; research/un-format.md
# section 4: "Español / Original: inglés"); Russian, Arabic and Chinese keep English.
_LANGUAGE_NAMES = {
    "fr": {"en": "anglais", "fr": "français", "es": "espagnol", "ru": "russe", "ar": "arabe", "zh": "chinois"},
    "es": {"en": "inglés", "fr": "francés", "es": "español", "ru": "ruso", "ar": "árabe", "zh": "chino"},
}
_ENGLISH_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}
# The version line above "Original:" in a translated draft: the document's own language,
# "Français", "Español"; "Russian" in English (research section 4, RU-A61-L56), and
# Arabic and Chinese chosen the same way. English prints none.
VERSION = {"en": None, "fr": "Français", "es": "Español", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}


def original_line(language: str, original: str) -> str:
    """"Original: English", "Original: anglais", "Original: inglés": one of the six
    languages, however the front matter names it (`English`, `en`), in the words of the
    document's language; any other words print as written."""
    code = _code(original)
    if code is not None and language != "en":  # English prints the words as written, as it always did
        original = _LANGUAGE_NAMES.get(language, _ENGLISH_NAMES)[code]
    return f"Original: {original}"


def _code(name: str) -> str | None:
    text = name.strip().lower()
    for code, english in _ENGLISH_NAMES.items():
        if text in (code, english.lower()):
            return code
    return None


# ----------------------------------------------------------------- the session, in words

_FR_UNITS = ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
             "treize", "quatorze", "quinze", "seize")
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _french_cardinal(n: int) -> str:
    """1 to 99 in the traditional spelling the UN keeps: "vingt et un",
    "soixante-dix-huit", "soixante et onze", "quatre-vingt-un", "quatre-vingts"."""
    if n <= 16:
        return _FR_UNITS[n]
    if n < 20:
        return "dix-" + _FR_UNITS[n - 10]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix, quatre-vingt-dix: the twenty counted on
        base, unit = ("soixante" if tens == 7 else "quatre-vingt"), unit + 10
        if tens == 7 and unit == 11:
            return "soixante et onze"
        return f"{base}-{_french_cardinal(unit)}"
    base = "quatre-vingt" if tens == 8 else _FR_TENS[tens]
    if unit == 0:
        return "quatre-vingts" if tens == 8 else base
    if unit == 1 and tens != 8:
        return f"{base} et un"
    return f"{base}-{_FR_UNITS[unit]}"


def _french_ordinal(n: int) -> str:
    """"soixante-dix-huitième", "vingt et unième", "quatre-vingtième", "première"."""
    if n == 1:
        return "première"  # la session
    if n == 100:
        return "centième"
    words = _french_cardinal(n)
    if words.endswith("quatre-vingts"):
        words = words[:-1]
    if words.endswith("cinq"):
        return words + "uième"
    if words.endswith("neuf"):
        return words[:-1] + "vième"
    if words.endswith("e"):
        return words[:-1] + "ième"
    return words + "ième"


_ES_UNITS = ("", "primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno")
_ES_TEENS = {10: "décimo", 11: "undécimo", 12: "duodécimo", 13: "decimotercer", 14: "decimocuarto",
             15: "decimoquinto", 16: "decimosexto", 17: "decimoséptimo", 18: "decimoctavo", 19: "decimonoveno"}
_ES_TENS = ("", "", "vigésimo", "trigésimo", "cuadragésimo", "quincuagésimo", "sexagésimo", "septuagésimo",
            "octogésimo", "nonagésimo")


def _spanish_ordinal(n: int) -> str:
    """Masculine, shortened before the noun ("período"): "septuagésimo octavo",
    "vigésimo primer", "decimotercer"."""
    if n == 100:
        return "centésimo"
    if n < 10:
        return _ES_UNITS[n]
    if n < 20:
        return _ES_TEENS[n]
    tens, unit = divmod(n, 10)
    return _ES_TENS[tens] + (f" {_ES_UNITS[unit]}" if unit else "")


_RU_UNITS = ("", "первая", "вторая", "третья", "четвертая", "пятая", "шестая", "седьмая", "восьмая", "девятая",
             "десятая", "одиннадцатая", "двенадцатая", "тринадцатая", "четырнадцатая", "пятнадцатая",
             "шестнадцатая", "семнадцатая", "восемнадцатая", "девятнадцатая")
_RU_TENS = ("", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят",
            "девяносто")
_RU_TENTHS = ("", "", "двадцатая", "тридцатая", "сороковая", "пятидесятая", "шестидесятая", "семидесятая",
              "восьмидесятая", "девяностая")


def _russian_ordinal(n: int) -> str:
    """Feminine nominative (сессия), without ё as the UN prints: "семьдесят восьмая"."""
    if n == 100:
        return "сотая"
    if n < 20:
        return _RU_UNITS[n]
    tens, unit = divmod(n, 10)
    return f"{_RU_TENS[tens]} {_RU_UNITS[unit]}" if unit else _RU_TENTHS[tens]


_AR_UNITS = ("", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة",
             "العاشرة")
_AR_TENS = ("", "", "العشرون", "الثلاثون", "الأربعون", "الخمسون", "الستون", "السبعون", "الثمانون", "التسعون")


def _arabic_ordinal(n: int) -> str:
    """Feminine (الدورة), nominative: "الثامنة والسبعون", "الحادية عشرة", "العشرون"."""
    if n == 100:
        return "المائة"
    if n <= 10:
        return _AR_UNITS[n]
    if n < 20:
        return ("الحادية" if n == 11 else _AR_UNITS[n - 10]) + " عشرة"
    tens, unit = divmod(n, 10)
    if not unit:
        return _AR_TENS[tens]
    return f"{'الحادية' if unit == 1 else _AR_UNITS[unit]} و{_AR_TENS[tens]}"


_ZH_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 to 100 in Chinese numerals: 七十八, 十一, 二十, 一百."""
    if n == 100:
        return "一百"
    if n < 10:
        return _ZH_DIGITS[n]
    tens, unit = divmod(n, 10)
    return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[unit] if unit else "")


_ENGLISH_ORDINALS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                     "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                     "seventeenth", "eighteenth", "nineteenth")
_ENGLISH_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def english_ordinal(n: int) -> str:
    """80 -> 'eightieth', 71 -> 'seventy-first'; from 100 on, in figures ('100th')."""
    if n < 20:
        return _ENGLISH_ORDINALS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _ENGLISH_TENS[tens][:-1] + "ieth" if unit == 0 else f"{_ENGLISH_TENS[tens]}-{_ENGLISH_ORDINALS[unit]}"
    return ordinal(n)


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


def session_line(language: str, session: int | str) -> str:
    """"Seventy-eighth session", "Soixante-dix-huitième session", "Septuagésimo
    octavo período de sesiones", "Семьдесят восьмая сессия", "الدورة الثامنة
    والسبعون", "第七十八届会议" (coverPage session of A/RES/78/265), for sessions 1
    to 100; words of the drafter's own print as written, and a session past 100 in
    figures where the language has no words here."""
    if not isinstance(session, int):
        return session
    n = session
    if language in _SESSION_WORDS and 1 <= n <= 100:
        return _SESSION_WORDS[language](n)
    if language in _SESSION_FIGURES:  # chosen: no file shows a session past 100
        return _SESSION_FIGURES[language].format(n)
    return f"{_capital(english_ordinal(n))} session"


_SESSION_WORDS = {
    "fr": lambda n: f"{_capital(_french_ordinal(n))} session",
    "es": lambda n: f"{_capital(_spanish_ordinal(n))} período de sesiones",
    "ru": lambda n: f"{_capital(_russian_ordinal(n))} сессия",
    "ar": lambda n: f"الدورة {_arabic_ordinal(n)}",
    "zh": lambda n: f"第{chinese_number(n)}届会议",
}
_SESSION_FIGURES = {"fr": "{}e session", "es": "{}º período de sesiones", "ru": "{}-я сессия", "ar": "الدورة {}",
                    "zh": "第{}届会议"}


# ----------------------------------------------------------------- the agenda item

# An item as the agenda numbers it: "71", "71 (b)", "18 (a) (i)".
_AGENDA_ITEM = re.compile(r"\d+(?:\s*\([a-z]+\))*", re.IGNORECASE)
# A value of the front matter's `agenda`: an item, or items already in words
# ("Agenda item 13", "13 and 117").
_AGENDA_VALUE = re.compile(rf"(?:agenda items?\s+)?{_AGENDA_ITEM.pattern}(?:\s*(?:,|\band\b)\s*{_AGENDA_ITEM.pattern})*",
                           re.IGNORECASE)

# The Arabic letters of sub-items, in the abjad order of sub-paragraph labels (the
# coverPage agenda items of the 78th session, aligned with the English files, give
# the same: "71 (b)" -> "71 (ب)"; "(aa)" -> "(أ أ)").
ARABIC_LETTERS = "".join(ABJAD)


def _arabic_letter(letters: str) -> str:
    letters = letters.lower()
    if len(set(letters)) == 1 and all("a" <= c <= "z" for c in letters):
        return " ".join(ARABIC_LETTERS[ord(letters[0]) - ord("a")] for _ in letters)
    return letters


def _sub_item(language: str, letters: str) -> str:
    """A sub-item's label: "(b)" in English, Chinese and as the drafter writes it;
    "b)" in French, Spanish and Russian (Latin letters kept); "(ب)" in Arabic."""
    if language in ("fr", "es", "ru"):
        return f"{letters})"
    if language == "ar":
        return f"({_arabic_letter(letters)})"
    return f"({letters})"


def _item_words(language: str, item: str) -> str:
    """One item: "71 (b)" as the language writes it ("71 b)", "71 (ب)", "71(b)")."""
    if language == "en":  # as written, as before the other languages came
        return item
    number = re.match(r"\d+", item).group(0)
    subs = [_sub_item(language, letters) for letters in re.findall(r"\(([a-z]+)\)", item, re.IGNORECASE)]
    if not subs:
        return number
    return number + ("" if language == "zh" else " ") + " ".join(subs)


# Each language's agenda line: one item, and two or more ("and" before the last).
_AGENDA = {
    "en": ("Agenda item {}", "Agenda items {}", ", ", " and "),
    "fr": ("Point {} de l’ordre du jour", "Points {} de l’ordre du jour", ", ", " et "),
    "es": ("Tema {} del programa", "Temas {} del programa", ", ", " y "),
    "ru": ("Пункт {} повестки дня", "Пункты {} повестки дня", ", ", " и "),
    "ar": ("البند {} من جدول الأعمال", "البنود {} من جدول الأعمال", "، ", " و "),
    "zh": ("议程项目{}", "议程项目{}", "、", "和"),
}
# Two items in Arabic take the dual: "البندان 13 و 117 من جدول الأعمال".
_ARABIC_DUAL = "البندان {} من جدول الأعمال"


def agenda_line(language: str, values: tuple[str, ...]) -> str:
    """"Agenda item 71 (b)", "Agenda items 13 and 117", "Point 13 de l’ordre du jour",
    "البندان 13 و 117 من جدول الأعمال", "议程项目13和117" (coverPage agenda items of
    the 78th session), from items however they are written; "Agenda item" already
    written in a value is not said twice. Words of the drafter's own ("Item 16 of the
    preliminary list") print as written."""
    items = _items(language, values)
    if items is None:
        return "; ".join(values)
    one, many, comma, conjunction = _AGENDA.get(language, _AGENDA["en"])
    if len(items) == 1:
        return one.format(items[0])
    if language == "ar" and len(items) == 2:
        many = _ARABIC_DUAL
    return many.format(comma.join(items[:-1]) + conjunction + items[-1])


def agenda_items(language: str, values: tuple[str, ...]) -> str | None:
    """The items alone, as the agenda line's AKN title holds them: "13", "13 and 117",
    "13 et 75 a)", "13和117"; None for words of the drafter's own."""
    items = _items(language, values)
    if items is None:
        return None
    _, _, comma, conjunction = _AGENDA.get(language, _AGENDA["en"])
    return items[0] if len(items) == 1 else comma.join(items[:-1]) + conjunction + items[-1]


def _items(language: str, values: tuple[str, ...]) -> list[str] | None:
    if not all(_AGENDA_VALUE.fullmatch(value.strip()) for value in values):
        return None
    return [_item_words(language, item) for value in values for item in _AGENDA_ITEM.findall(value)]


# An item as any language's agenda line writes it: "71 (b)", "71 b)", "71(b)", "71 (ب)", "18 (ز ز)".
_WRITTEN_ITEM = re.compile(r"(\d+)((?:\s*\(?\s*[a-zа-я\u0621-\u064a](?:\s?[a-zа-я\u0621-\u064a])*\s*\))*)",
                           re.IGNORECASE)
_LETTER = re.compile(r"\(?\s*([a-zа-я\u0621-\u064a](?:\s?[a-zа-я\u0621-\u064a])*)\s*\)", re.IGNORECASE)
# Cyrillic letters typed for Latin ones in a few Russian agenda lines ("Пункт 71 а)").
_CYRILLIC_LATIN = str.maketrans("асеоху", "aceoxy")


def agenda_values(language: str, items: str) -> list[str] | None:
    """The items of an agenda line's words in the language ("13 et 75 a)", "13 و 75 (أ)",
    "13和117") as the front matter writes them, in English: ["13", "75 (a)"]; None when
    they are not items alone."""
    _, _, comma, conjunction = _AGENDA.get(language, _AGENDA["en"])
    separators = {comma.strip(), conjunction.strip(), ",", "and"} - {""}
    pattern = "|".join(re.escape(s) for s in sorted(separators, key=len, reverse=True))
    parts = [p.strip() for p in re.split(rf"\s*(?:{pattern})\s*" if language == "zh" else
                                         rf"\s*(?:{pattern})(?=\s|\d)\s*", items.strip()) if p.strip()]
    values = []
    for part in parts:
        match = _WRITTEN_ITEM.fullmatch(part)
        if match is None:
            return None
        letters = []
        for label in _LETTER.findall(match[2]):
            label = label.replace(" ", "").replace("\u0640", "")  # "هـ": e, its tatweel a typing variant
            if label and all(c in ARABIC_LETTERS for c in label) and len(set(label)) == 1:
                label = chr(ord("a") + ARABIC_LETTERS.index(label[0])) * len(label)
            letters.append(f"({label.lower().translate(_CYRILLIC_LATIN)})")
        values.append(" ".join([match[1], *letters]))
    return values or None


def agenda_values_of_line(language: str, line: str) -> list[str] | None:
    """The items of a printed agenda line ("Points 13 et 75 a) de l’ordre du jour"), as
    the front matter writes them; None when the line is not one of the language's."""
    line = " ".join(line.split())
    one, many, _, _ = _AGENDA.get(language, _AGENDA["en"])
    for template in (one, many, _ARABIC_DUAL) if language == "ar" else (one, many):
        before, after = template.split("{}")
        if line.startswith(before.strip()) and line.endswith(after.strip()) and len(line) > len(before + after):
            values = agenda_values(language, line[len(before.strip()):len(line) - len(after.strip())])
            if values is not None:  # "Point" opens "Points 13 et 117" too
                return values
    return None


def resolution_number(language: str, number: str) -> str:
    """"78/265." before the title; the Arabic files print the number without the
    full stop (preface docNumber of A/RES/78/265, Arabic)."""
    return number if language == "ar" else f"{number}."


# ----------------------------------------------------------------- adoption and origin

# "Resolution adopted by the General Assembly on {date}" (coverPage docTitle of
# A/RES/78/265 in each language); the organ is the front matter's, in each language's
# grammar: the French and Spanish article before it, Russian its instrumental case.
_ADOPTED = {
    "en": "{kind} adopted by the {organ} on {date}",
    "fr": "{kind} adoptée par l’{organ} le\u00a0{date}",
    "es": "{kind} aprobada por la {organ} el {date}",
    "ru": "{kind}, принятая {organ} {date}",
    "ar": "{kind} اتخذته {organ} في {date}",  # قرار and مقرر are both masculine
    "zh": "{date}{organ}{kind}",
}
_KINDS = {
    "en": ("Resolution", "Decision"), "fr": ("Résolution", "Décision"), "es": ("Resolución", "Decisión"),
    "ru": ("Резолюция", "Решение"), "ar": ("قرار", "مقرر"), "zh": ("决议", "决定"),
}
# The organ in Russian's phrase of adoption, in the instrumental case ("принятая
# Генеральной Ассамблеей"); an organ the drafter names prints as written.
_RUSSIAN_INSTRUMENTAL = {"Генеральная Ассамблея": "Генеральной Ассамблеей"}


def adoption_line(language: str, decision: bool, organ: str, date: str) -> str:
    """The line of adoption under the agenda item's title, the date already in words."""
    kind = _KINDS.get(language, _KINDS["en"])[1 if decision else 0]
    if language == "ru" and decision:  # решение is neuter: "Решение, принятое ..."
        template = "{kind}, принятое {organ} {date}"
    else:
        template = _ADOPTED.get(language, _ADOPTED["en"])
    if language == "fr" and organ[:1].lower() not in "aeiouéèêh":
        template = template.replace("l’{organ}", "le {organ}")  # an organ the drafter names, not elided
    if language == "ru":
        organ = _RUSSIAN_INSTRUMENTAL.get(organ, organ)
    return template.format(kind=kind, organ=organ, date=date)


# "[without reference to a Main Committee (A/78/L.49)]" (coverPage docProponent
# #noMainCommittee of A/RES/78/265), as the words before and after the document.
WITHOUT_REFERENCE = {
    "en": ("[without reference to a Main Committee (", ")]"),
    "fr": ("[sans renvoi à une grande commission (", ")]"),
    "es": ("[sin remisión previa a una Comisión Principal (", ")]"),
    "ru": ("[без передачи в главные комитеты (", ")]"),
    "ar": ("[دون الإحالة إلى لجنة رئيسية (", ")]"),
    "zh": ("[未经发交主要委员会而通过 (", ")]"),
}
# "[on the report of the Third Committee (A/78/481/Add.2, para. 139)]" (docProponent
# #thirdCommittee and the others, 78th session): the words before the committee, and
# after it before the document. The committee prints as written, in the grammar the
# drafter gives it ("the Third Committee", "la Troisième Commission", "Третьего комитета").
REPORT = {
    "en": ("[on the report of ", " ("),
    "fr": ("[sur la base du rapport de ", " ("),
    "es": ("[sobre la base del informe de ", " ("),
    "ru": ("[по докладу ", " ("),
    "ar": ("[بناء على تقرير ", " ("),
    "zh": ("[根据", "的报告 ("),
}
# A report whose committee is not given (an error `check` reports), chosen.
REPORT_ALONE = {"en": "[on the report (", "fr": "[sur la base du rapport (", "es": "[sobre la base del informe (",
                "ru": "[по докладу (", "ar": "[بناء على تقرير (", "zh": "[根据报告 ("}
# Each language's article before a committee the drafter names without one
# ("Third Committee" -> "the Third Committee"); Russian, Arabic and Chinese have none.
_ARTICLE = {"en": "the ", "fr": "la ", "es": "la "}


def report_words(language: str, committee: str) -> tuple[str, str]:
    """The words before the report's document: "[on the report of the Third
    Committee (", "[sur la base du rapport de la Troisième Commission (", and after it ")]"."""
    before, middle = REPORT.get(language, REPORT["en"])
    if language == "zh" and "第四委员会" in committee:
        middle = "的报告通过 ("  # the Fourth Committee's lines say "adopted" too (33 of 33 in the session)
    article = _ARTICLE.get(language, "")
    if article and not committee.lower().startswith(article):
        committee = article + committee
    return f"{before}{committee}{middle}", ")]"


# ----------------------------------------------------------------- formula and closing

# The enacting formula (formula of A/RES/78/265): the organ as its subject, then the
# language's comma when preambular paragraphs follow.
_FORMULA = {"en": "The {organ}", "fr": "L’{organ}", "es": "La {organ}", "ru": "{organ}", "ar": "إن {organ}",
            "zh": "{organ}"}
FORMULA_COMMA = {"en": ",", "fr": ",", "es": ",", "ru": ",", "ar": "،", "zh": "，"}
# How the organ's words are set (formula span class of A/RES/78/265): italic; Arabic bold
# italic; Chinese bold, having no italics. The comma stays upright.
FORMULA_STYLE = {"en": "italic", "fr": "italic", "es": "italic", "ru": "italic", "ar": "bold italic", "zh": "bold"}


def formula_words(language: str, organ: str) -> str:
    """"The General Assembly", "L’Assemblée générale", "إن الجمعية العامة", "大会"."""
    template = _FORMULA.get(language, _FORMULA["en"])
    if language == "fr" and organ[:1].lower() not in "aeiouéèêh":
        template = "Le {organ}"
    return template.format(organ=organ)


def meeting_line(language: str, number: int) -> str:
    """The closing meeting line from its number: "63rd plenary meeting", "63e séance
    plénière", "63a sesión plenaria", "63‑е пленарное заседание", "الجلسة العامة 63",
    "第63次全体会议" (conclusions location of A/RES/78/265; the Russian non-breaking
    hyphen and space as in 262 of the session's 327 Russian files)."""
    match language:
        case "fr":
            return f"{number}{'re' if number == 1 else 'e'} séance plénière"
        case "es":
            return f"{number}a sesión plenaria"
        case "ru":
            return f"{number}\u2011е\u00a0пленарное заседание"
        case "ar":
            return f"الجلسة العامة {number}"
        case "zh":
            return f"第{number}次全体会议"
    return f"{ordinal(number)} plenary meeting"


# Word's language of the text (w:lang), by script: (w:val, w:eastAsia, w:bidi) where the
# language sets it, so that Word spells and hyphenates it. English keeps "en-GB" (the UN
# spells British English); the others are chosen as each language's main locale.
WORD_LANGUAGE = {"en": ("en-GB", None, None), "fr": ("fr-FR", None, None), "es": ("es-ES", None, None),
                 "ru": ("ru-RU", None, None), "ar": ("en-GB", None, "ar-SA"), "zh": ("en-GB", "zh-CN", None)}
