"""Every fixed word the body and the views print, in each language: annex
labels and how the text cites an annex, the line above a compared paragraph,
a comparison's first page and concordance, the compilation's sentences, the
proposals' and statuses' words.

Annex labels and citations are as the published files write them (78/128,
78/69, 78/265); the views are wsisc's own, so their words in French, Spanish,
Russian, Arabic and Chinese are translations chosen for them
(docs/languages.md, "Numbers, labels and the views' words"). English is the
default and the fallback. This module is light (`wsisc check` imports it).
"""

from __future__ import annotations

import json
from pathlib import Path

from .numbering import annex_numeral

# ------------------------------------------------------------------ annexes

# The words themselves, in views.json beside this module: annex words as the files
# write them (78/128 in the six languages), the views' words, the statuses', the
# quotation marks and verbs of the compilation's sentences.
_TABLES = json.loads((Path(__file__).parent / "views.json").read_text(encoding="utf-8"))
ANNEX: dict[str, str] = _TABLES["annex"]
_WORDS: dict[str, dict[str, str]] = _TABLES["words"]
# The words of a paragraph's status in the margin ("Agreed ad ref.", "Suggested for
# closure" in English negotiation texts), by language.
STATUS_WORDS: dict[str, dict[str, str]] = _TABLES["status"]
# The compilation's quotation marks (French and Russian « », the others “ ”, English
# ‘ ’ as before: chosen) and its verbs: insert, delete, replace, with.
_QUOTES: dict[str, list[str]] = _TABLES["quotes"]
_CHANGE_VERBS: dict[str, list[str]] = _TABLES["change"]


def annex_label(n: int | None, language: str) -> str:
    """An annex's label as printed: "Annex" for the only one, "Annex II" among
    several; "Annexe II", "Anexo II", "Приложение II", "المرفق الثاني", "附件二"."""
    word = ANNEX.get(language, ANNEX["en"])
    if n is None:
        return word
    return f"{word}{'' if language == 'zh' else ' '}{annex_numeral(n, language)}"


def cited_annex(label: str, count: int, language: str = "en") -> str:
    """An annex as the text cites it, from its label: "annex I" from "Annex I";
    "the annex" for the only one, when its label is one word ("Annex"). French
    "l’annexe I", Spanish "el anexo I", Russian "приложение I", Arabic and
    Chinese the label itself."""
    words = label[:1].lower() + label[1:]
    alone = count == 1 and " " not in label.strip()
    match language:
        case "fr":
            return "l’" + words if words[:1] in "aeiouhéâ" else "le " + words
        case "es":
            return "el " + words
        case "ru":
            return words
        case "ar" | "zh":
            return label
    return f"the {words}" if alone else words


def in_annex(number: str, label: str, count: int, language: str = "en") -> str:
    """A paragraph of an annex as cited from outside it: "7 of annex I", "7 of
    the annex" (78/69: "paragraph 9 of annex III"); "7 de l’annexe I" (78/69 F),
    "7 del anexo I" (78/69 S), "7 من المرفق الأول" (78/69 A: "الفقرة 9 من
    المرفق الثالث"), "附件一第7" (78/69 C: "附件三第9段"); Russian "7
    приложения I", the annex in the genitive (chosen)."""
    return of_annex(number, cited_annex(label, count, language), language)


def of_annex(number: str, cited: str, language: str = "en") -> str:
    """``in_annex`` from the annex as cited already ("annex I", "l’annexe I")."""
    match language:
        case "fr":
            return f"{number} de {cited}"
        case "es":
            return f"{number} del {cited.removeprefix('el ')}"
        case "ru":
            return f"{number} {_genitive(cited)}"
        case "ar":
            return f"{number} من {cited}"
        case "zh":
            return f"{cited}第{number}"
    return f"{number} of {cited}"


def _genitive(words: str) -> str:
    return "приложения" + words[len("приложение"):] if words.startswith("приложение") else words


def annex_and_number(annex: str, number: str, language: str = "en") -> str:
    """A concordance's row names an annex's paragraph so: "annex I, 3"."""
    return f"{annex}{'，' if language == 'zh' else '، ' if language == 'ar' else ', '}{number}"


# ----------------------------------------------------------------- the words

def words(key: str, language: str = "en", **values: str) -> str:
    """The string ``key`` in ``language`` (English where it has none), filled in."""
    table = _WORDS[key]
    text = table.get(language, table["en"])
    return text.format(**values) if values else text


def status_words(language: str = "en") -> dict[str, str]:
    return STATUS_WORDS.get(language, STATUS_WORDS["en"])


def change_words(kind: str, language: str = "en") -> tuple[str, ...]:
    """A change's fixed words around its texts: ("insert ‘", "’") for an insertion,
    ("replace ‘", "’ with ‘", "’") for a substitution; Chinese and Arabic their order."""
    opening, closing = _QUOTES.get(language, _QUOTES["en"])
    insert, delete, replace, with_ = _CHANGE_VERBS.get(language, _CHANGE_VERBS["en"])
    space = "" if language == "zh" else " "
    match kind:
        case "insert":
            return (f"{insert}{space}{opening}", closing)
        case "delete":
            return (f"{delete}{space}{opening}", closing)
    return (f"{replace}{space}{opening}", f"{closing}{space}{with_}{space}{opening}", closing)
