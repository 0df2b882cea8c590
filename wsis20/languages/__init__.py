"""The six official languages of the General Assembly (rules of procedure, rule
51): which a draft is written in, and what follows from it. Every fixed string
and convention a writer or a check uses in a language is looked up here, never
written into a writer, so that one table per language holds them all.

The draft names its language in the front matter (`language: fr`); English is
the default. This module is light: `wsisc check` imports it.
"""

from __future__ import annotations

# The codes a draft's front matter takes (ISO 639-1), in the UN's order of the
# languages' names in English, English first as the default.
CODES = ("en", "fr", "es", "ru", "ar", "zh")
DEFAULT = "en"

# Each language's name in English, for diagnostics and help ("French").
NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}

# The FRBRlanguage code of the UN's Akoma Ntoso files (ISO 639-2/T): "ara" in
# A_RES_78_265-2405969A.xml, "zho" in ...C.xml, and so on.
AKN_CODES = {"en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara", "zh": "zho"}

# The language tag a writer declares (HTML lang, Word's w:lang): Chinese as the UN
# prints it, in simplified characters.
TAGS = {"en": "en", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh": "zh-Hans"}

# Arabic runs right to left; the five others left to right.
RIGHT_TO_LEFT = frozenset({"ar"})


def direction(code: str) -> str:
    """"rtl" or "ltr", as HTML's dir attribute takes it."""
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def text_direction(text: str) -> str | None:
    """The direction words run in by themselves: their first strong character's
    (Unicode's bidirectional algorithm, rule P2), "ltr" or "rtl"; None for words
    with none (figures, punctuation). The English "1 April 2024" on an Arabic cover
    is "ltr"."""
    import unicodedata

    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return "ltr" if kind == "L" else "rtl"
    return None


def code_for(value: str) -> str | None:
    """A front-matter value as a language code: the code itself ("fr") or the
    language's English name ("French"), in any case; None for anything else."""
    text = value.strip().lower()
    if text in CODES:
        return text
    for code, name in NAMES.items():
        if text == name.lower():
            return code
    return None
