"""How each language prints a paragraph's number, a sub-paragraph's label, an
insertion suffix and a heading's item number, and how its printed forms read
back as the markup's.

The document tree keeps numbers as data (``Number(103, 3)``, a sub-paragraph's
level and ordinal, a heading's "I." as the drafter wrote it); a writer prints
them with the rule of the draft's language, looked up here. English is the
markup's own form: its printed numbers are those the markup is written in.

Sources (docs/languages.md, "Numbers, labels and the views' words"): the `num`
elements of 78/265 in the six languages (tests/fixtures/akn), the 78th
session's files, and research/un-format.md section 4. What no file shows is
marked "chosen" there. This module is light (`wsisc check` may import it).
"""

from __future__ import annotations

import re

from ..numbers import SUFFIXES, Number, alpha_label, from_alpha_label, from_roman, letters, roman

# ------------------------------------------------------------------ the words

# The Arabic letters in their abjad order, as the Arabic files label sub-paragraphs
# ((أ) (ب) (ج) (د) (ه) (و) (ز) ...: 78/181, 26 of them in a row); the UN's list
# stops at the 26th, as the Latin one does, and doubles after it: (أ أ), (ب ب)
# (78/181, where the English has (aa), (bb)).
ABJAD = ("أ", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق",
         "ر", "ش", "ت", "ث", "خ", "ذ", "ض")
# The names of the same letters: an Arabic heading lettered A., B. is "ألف -", "باء -"
# (78/128, 78/317: ألف باء جيم دال هاء واو زاي حاء طاء ياء for A to J).
ABJAD_NAMES = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام", "ميم", "نون",
               "سين", "عين", "فاء", "صاد", "قاف", "راء", "شين", "تاء", "ثاء", "خاء", "ذال", "ضاد")
# Arabic ordinal adverbs: a heading numbered I., II. is "أولا -", "ثانيا -" (78/1, 78/128:
# أولا to تاسعا, "حادي عشر -", "ثاني عشر -"; "عاشرا" and "ثالث عشر" in 78/252's citations);
# after 13, the same pattern (chosen).
_ADVERB_UNITS = ("أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا")
_ORDINAL_STEMS = ("حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع")
_TENS_WORDS = {20: "عشرون", 30: "ثلاثون", 40: "أربعون", 50: "خمسون", 60: "ستون", 70: "سبعون", 80: "ثمانون",
               90: "تسعون"}
# Arabic ordinal adjectives, definite: "المرفق الأول", "الثاني", "الثالث" (78/128's annexes).
_ADJECTIVE_UNITS = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
                    "العاشر")
_ADJECTIVE_STEMS = ("الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")

# Chinese numerals: headings numbered I., II. are "一.", "二.", ... "十二." (78/128);
# annexes "附件一", "附件二" (78/128).
_CHINESE_DIGITS = "〇一二三四五六七八九"


def arabic_adverb(n: int) -> str:
    """1 -> "أولا", 11 -> "حادي عشر", 21 -> "حادي وعشرون" (1 to 99)."""
    return _arabic_ordinal(n, _ADVERB_UNITS, _ORDINAL_STEMS, "")


def arabic_ordinal(n: int) -> str:
    """1 -> "الأول", 11 -> "الحادي عشر", 21 -> "الحادي والعشرون" (1 to 99)."""
    return _arabic_ordinal(n, _ADJECTIVE_UNITS, _ADJECTIVE_STEMS, "ال")


def _arabic_ordinal(n: int, units: tuple[str, ...], stems: tuple[str, ...], article: str) -> str:
    if n <= 10:
        return units[n - 1]
    if n < 20:
        return f"{stems[n - 11]} عشر"
    tens, unit = divmod(n, 10)
    word = article + _TENS_WORDS[tens * 10]
    return word if unit == 0 else f"{stems[unit - 1]} و{word}"


def chinese_numeral(n: int) -> str:
    """1 -> "一", 10 -> "十", 12 -> "十二", 20 -> "二十", 99 -> "九十九" (1 to 99)."""
    tens, unit = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CHINESE_DIGITS[tens] + "十")
    return head + (_CHINESE_DIGITS[unit] if unit else "")


def _reverse(table: dict[int, str]) -> dict[str, int]:
    return {word: n for n, word in table.items()}


_UP_TO = range(1, 100)
_ARABIC_ADVERBS = _reverse({n: arabic_adverb(n) for n in _UP_TO})
_CHINESE_NUMERALS = _reverse({n: chinese_numeral(n) for n in _UP_TO})


# ------------------------------------------------------- insertion suffixes

def suffix(rank: int, language: str) -> str:
    """The insertion suffix of a rank as the language writes it after the number,
    with the space before it: "bis" (English, as the markup: 103bis), " bis"
    (French and Russian with a no-break space, 78/220: "499 bis"; Spanish with
    a space), " مكررا" (78/220), " مكررا ثانيا" for ter (a legal text's usage:
    chosen), "之二" (78/220: "第499条之二"); "" for the first rank."""
    if rank == 1:
        return ""
    match language:
        case "fr" | "ru":
            return "\u00a0" + SUFFIXES[rank]
        case "es":
            return " " + SUFFIXES[rank]
        case "ar":
            return " مكررا" + ("" if rank == 2 else " " + arabic_adverb(rank - 1))
        case "zh":
            return "之" + chinese_numeral(rank)
    return SUFFIXES[rank]


def _suffix_ranks(language: str) -> dict[str, int]:
    return {suffix(rank, language).strip(" \u00a0"): rank for rank in SUFFIXES}


# ------------------------------------------------------ paragraph numbers

def cited(number: Number, language: str) -> str:
    """A paragraph's number as the text cites it, without the punctuation that
    follows it in the margin: "103ter", "103 ter", "103 مكررا ثانيا", "103之三"."""
    return f"{number.base}{suffix(number.rank, language)}"


def cited_letters(number: Number, language: str) -> str:
    """A lettered preambular paragraph's letter as the text cites it: "Cbis";
    in Arabic its letter's name, as lettered headings are written ("جيم", chosen)."""
    if language == "ar" and number.base <= len(ABJAD_NAMES):
        return ABJAD_NAMES[number.base - 1] + suffix(number.rank, language)
    return letters(number.base) + suffix(number.rank, language)


def punctuated(cited_number: str, language: str) -> str:
    """A number as it stands before its paragraph: "12." in five languages, "12 -" in
    Arabic (78/265: `<num>1.</num>`, Arabic `<num>1 -</num>`, with the digits 0-9)."""
    return f"{cited_number} -" if language == "ar" else f"{cited_number}."


def paragraph_number(part: str, number: Number, style: str, language: str) -> str:
    """A paragraph's number as printed before it ("12.", "12 -", "C.", "PP3.")."""
    if part == "preamble" and style == "letters":
        return punctuated(cited_letters(number, language), language)
    text = cited(number, language)
    return punctuated(f"PP{text}" if part == "preamble" and style == "pp" else text, language)


def cited_paragraph(part: str, number: Number, style: str, language: str) -> str:
    """What the markup's ``number_text`` gives ("103ter", "C", "PP3"), in the language."""
    if part == "preamble" and style == "letters":
        return cited_letters(number, language)
    text = cited(number, language)
    return f"PP{text}" if part == "preamble" and style == "pp" else text


# ------------------------------------------------------- sub-paragraphs

def sub_label(level: int, n: int, language: str) -> str:
    """The label of the n-th sub-paragraph at a level, as each language prints it:

    - English (a), (i), a., i. (the Editorial Manual; 78/265 E);
    - French, Spanish and Russian a), i) (78/265 F, S, R, Latin letters in the Russian
      too; 78/80, 78/255 for i)), then a., i. (chosen: no file nests deeper);
    - Chinese (a) (78/265 C), then ㈠ ... ㈩, (十一) (78/218), then a., i. (chosen);
    - Arabic (أ) in abjad order (78/265 A, 78/181), then ’1‘ (78/218, 78/255: the
      digit between quotation marks, written right to left), then أ., 1. (chosen).
    """
    deep = level > 2
    letters_level = level % 2 == 1
    match language:
        case "ar":
            if letters_level:
                letter = " ".join([ABJAD[(n - 1) % 26]] * ((n - 1) // 26 + 1))
                return f"{letter}." if deep else f"({letter})"
            return f"{n}." if deep else f"\u2019{n}\u2018"
        case "zh" if level == 2:
            return chr(0x3220 + n - 1) if n <= 10 else f"({chinese_numeral(n)})" if n < 100 else f"({n})"
        case "fr" | "es" | "ru" if not deep:
            return f"{alpha_label(n) if letters_level else roman(n)})"
    if letters_level:
        return f"{alpha_label(n)}." if deep else f"({alpha_label(n)})"
    return f"{roman(n)}." if deep else f"({roman(n)})"


# --------------------------------------------------------------- headings

_ROMAN_HEADING = re.compile(r"([IVXLCDM]+)\.")
_LETTER_HEADING = re.compile(r"([A-Z])\.")


def heading_number(written: str, language: str) -> str:
    """A heading's item number as printed: "I." and "A." as written in English,
    French, Spanish and Russian (78/128); in Arabic "أولا -" and "ألف -" (78/128),
    in Chinese "一." and "A." (78/128). Other numbers ("Action 13.") print as written."""
    if language not in ("ar", "zh"):
        return written
    if (m := _ROMAN_HEADING.fullmatch(written)) and (n := from_roman(m.group(1).lower())) and n < 100:
        return f"{arabic_adverb(n)} -" if language == "ar" else f"{chinese_numeral(n)}."
    if language == "ar" and (m := _LETTER_HEADING.fullmatch(written)):
        return f"{ABJAD_NAMES[ord(m.group(1)) - ord('A')]} -"
    return written


# ------------------------------------------------------------------ annexes

def annex_numeral(n: int, language: str) -> str:
    """The numeral that tells annexes apart: "I" (Roman, in five languages:
    "Annex I", "Annexe I", "Anexo I", "Приложение I"), "الأول" in Arabic,
    "一" in Chinese (78/128)."""
    if language == "ar" and n < 100:
        return arabic_ordinal(n)
    if language == "zh" and n < 100:
        return chinese_numeral(n)
    return roman(n).upper()


# ----------------------------------------------------------- reading back

_PRINTED_NUMBER = re.compile(r"(?P<pp>PP)?(?P<base>\d{1,6}|[A-Z]{1,3})(?P<suffix>[^\d.\-]*?)\s*(?:\.|-|–)?")


def markup_number(printed: str, language: str) -> str | None:
    """A paragraph number printed in ``language`` as the markup writes it:
    "103 bis." -> "103bis.", "5 مكررا ثانيا -" -> "5ter.", "5之二." -> "5bis.",
    "جيم -" -> "C."; None when it is not one of the language's numbers, or is
    the markup's already (English)."""
    text = printed.strip()
    if language == "en" or not text:
        return None
    if language == "ar":
        for n, name in enumerate(ABJAD_NAMES, 1):
            if text == name or text.startswith(name + " "):
                rest = text[len(name):]
                rank = _rank(rest.removesuffix("-").strip(), language)
                return f"{letters(n)}{SUFFIXES.get(rank, '')}." if rank else None
    m = _PRINTED_NUMBER.fullmatch(text)
    if m is None:
        return None
    rank = _rank(m["suffix"].strip(" \u00a0"), language)
    if rank is None:
        return None
    return f"{m['pp'] or ''}{m['base']}{SUFFIXES.get(rank, '')}."


def _rank(written: str, language: str) -> int | None:
    return 1 if written == "" else _suffix_ranks(language).get(written)


_WRAPPED = re.compile(r"\((?P<inner>[^()]+)\)|(?P<closed>[^()]+)\)|\u2019(?P<quoted>\d{1,3})\u2018"
                      r"|(?P<dotted>[^().]+)\.")


def read_sub_label(printed: str) -> tuple[int, int] | None:
    """A sub-paragraph's printed label in any of the six languages as (level
    parity, ordinal): 1 for letters, 2 for Roman numerals and their equivalents.
    "(b)", "b)", "(ب)", "(ب ب)", "б)" -> (1, 2 or 28); "(ii)", "ii)", "’2‘",
    "㈡", "(十二)" -> (2, 2 or 12); None for anything else. A label that could be
    either ("(i)", "(v)") is read as a letter: the caller decides by what came before."""
    text = printed.strip()
    if len(text) == 1 and 0x3220 <= ord(text) <= 0x3229:
        return 2, ord(text) - 0x3220 + 1
    m = _WRAPPED.fullmatch(text)
    if m is None:
        return None
    if m["quoted"]:
        return 2, int(m["quoted"])
    inner = (m["inner"] or m["closed"] or m["dotted"]).strip()
    inner = inner.replace("\u0640", "").translate(_CYRILLIC_LOOKALIKES)  # "(هـ)": a tatweel after the letter
    if inner in _CHINESE_NUMERALS:
        return 2, _CHINESE_NUMERALS[inner]
    parts = inner.split(" ")
    if len(set(parts)) == 1 and parts[0] in ABJAD:
        return 1, (len(parts) - 1) * 26 + ABJAD.index(parts[0]) + 1
    if (n := from_alpha_label(inner)) is not None:
        return 1, n
    if (n := from_roman(inner)) is not None:
        return 2, n
    return None


# Cyrillic letters the Russian files sometimes type for Latin ones (78/128's "а)",
# 78/212's "с)": 15 and 3 times in the session, against 601 Latin a) to z)).
_CYRILLIC_LOOKALIKES = str.maketrans("авсеіорхук", "abceiopxyk")


# A heading's words that open with its number, as the UN's Arabic and Chinese files
# write them: "ثانيا -\tوثائق", "حادي عشر - المشاركون", "一.\t工作安排".
HEADING_OPENING = re.compile(r"[ \t]*([^\s\-.]+(?: [^\s\-.]+)? ?-|[一二三四五六七八九十]+\.)[ \t]+")


def markup_heading_number(printed: str) -> str | None:
    """A heading's number printed in Arabic or Chinese as the markup writes it:
    "أولا -" -> "I.", "ألف -" -> "A.", "十一." -> "XI."; None for anything else."""
    text = printed.strip().removesuffix("-").removesuffix(".").strip()
    if text in _ARABIC_ADVERBS:
        return roman(_ARABIC_ADVERBS[text]).upper() + "."
    if text in ABJAD_NAMES:
        return chr(ord("A") + ABJAD_NAMES.index(text)) + "."
    if text in _CHINESE_NUMERALS and printed.strip().endswith("."):
        return roman(_CHINESE_NUMERALS[text]).upper() + "."
    return None
