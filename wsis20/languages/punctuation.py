"""How each official language punctuates a resolution: the marks that end its
paragraphs, the space some of them take before them, and its quotation marks.
`wsisc check` looks them up here (its editorial rules), so this module is light.

Every entry was read from the published texts of the 78th session
(ga78-akn.tar.xz, about 330 resolutions a language, and A/RES/78/265 in
tests/fixtures/akn); docs/languages.md ("Editorial checks") gives the counts.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

NO_BREAK_SPACE = "\u00a0"  # what the French files write before ";" and ":" and inside « »


@dataclass(frozen=True, slots=True)
class Punctuation:
    comma: str  # ends a preambular paragraph (and the enacting formula)
    semicolon: str  # ends an operative paragraph and a sub-paragraph
    full_stop: str  # ends the last operative paragraph
    colon: str  # ends an introduction to sub-paragraphs
    space: str  # written between the last word and `semicolon` or `colon` ("" in most languages)
    quotes: tuple[str, str]  # a quotation's opening and closing marks, in the order they are typed
    inner: tuple[str, str]  # a quotation's marks inside another
    quote_space: str  # written inside `quotes`, after the opening mark and before the closing one
    cased: bool  # the script has capital letters
    opening_case: str  # "upper" or "lower": how a preambular or operative paragraph's first word starts
    opening_style: str  # the emphasis of a paragraph's opening words: "italic", "bold" or "bold italic"


PUNCTUATION: dict[str, Punctuation] = {
    "en": Punctuation(",", ";", ".", ":", "", ("\u201c", "\u201d"), ("\u2018", "\u2019"), "",
                      True, "upper", "italic"),
    # " ;" and " :" with a no-break space (U+00A0, never U+202F in the files); « » with
    # no-break spaces inside; “ ” inside them.
    "fr": Punctuation(",", ";", ".", ":", NO_BREAK_SPACE, ("\u00ab", "\u00bb"), ("\u201c", "\u201d"),
                      NO_BREAK_SPACE, True, "upper", "italic"),
    # Spanish as the UN writes it: “ ” (not « »), ; and : with no space.
    "es": Punctuation(",", ";", ".", ":", "", ("\u201c", "\u201d"), ("\u2018", "\u2019"), "",
                      True, "upper", "italic"),
    # « » with no space inside; “ ” inside them. Openings in lower case: "подтверждая", "призывает".
    "ru": Punctuation(",", ";", ".", ":", "", ("\u00ab", "\u00bb"), ("\u201c", "\u201d"), "",
                      True, "lower", "italic"),
    # The Arabic comma and semicolon; the full stop and colon as in English. Quotations
    # open with ” (U+201D) and close with “ (U+201C), in the order typed: the marks
    # face the text in right-to-left reading.
    "ar": Punctuation("\u060c", "\u061b", ".", ":", "", ("\u201d", "\u201c"), ("\u2019", "\u2018"), "",
                      False, "", "bold italic"),
    # Full-width marks: ， ； 。 ：; quotations in “ ”, ‘ ’ inside; openings bold.
    "zh": Punctuation("\uff0c", "\uff1b", "\u3002", "\uff1a", "", ("\u201c", "\u201d"), ("\u2018", "\u2019"), "",
                      False, "", "bold"),
}

# Words that a language writes twice in a row by its grammar, which the doubled-word
# rule leaves alone: French "nous nous félicitons", "en en précisant" (A/RES/78/317,
# 78/68); English "noting that that Agreement" (A/RES/78/68, 78/139).
DOUBLED_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset({"that", "had"}),
    "fr": frozenset({"nous", "vous", "en"}),
}

# Every quotation mark any of the six languages uses, and the straight ones none does.
QUOTATION_MARKS = frozenset("\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u300c\u300d\u300e\u300f")
STRAIGHT_QUOTE = '"'

# The language a mark belongs to, to name it: « » are French and Russian, „ German, 「 」 Japanese.
MARK_NAMES = {
    "\u201c": "“", "\u201d": "”", "\u2018": "‘", "\u2019": "’", "\u00ab": "«", "\u00bb": "»",
    "\u201e": "„", "\u300c": "「", "\u300d": "」", "\u300e": "『", "\u300f": "』",
}


def of(code: str) -> Punctuation:
    """The conventions of a language (a code of languages.CODES); English's for any other."""
    return PUNCTUATION.get(code, PUNCTUATION["en"])


def ending(convention: Punctuation, mark: str) -> str:
    """What a paragraph ending with `mark` writes: ";" in English, "\u00a0;" in French."""
    return (convention.space + mark) if mark in (convention.semicolon, convention.colon) else mark


def describe(text: str) -> str:
    """Characters as a diagnostic shows them: invisible spaces by their names, the rest quoted.
    "\u00a0;" -> "a no-break space (U+00A0) and ';'", "，" -> "'，' (fullwidth comma)"."""
    parts = []
    for char in text:
        name = unicodedata.name(char, "").lower()
        if char.isspace() or unicodedata.category(char) == "Zs":
            name = "ordinary space" if char == " " else name or "space"
            parts.append(f"{'an' if name[:1] in 'aeiou' else 'a'} {name} (U+{ord(char):04X})")
        elif not any(word in name for word in ("fullwidth", "arabic", "ideographic")):
            parts.append(f"'{char}'")  # a mark that looks like no other
        else:
            parts.append(f"'{char}' ({name})")
    return " and ".join(parts)
