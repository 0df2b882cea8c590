"""How paragraph numbers are written: Latin insertion suffixes, preamble letters,
sub-paragraph labels.

A paragraph number is a base and an insertion rank: 103 is ``Number(103)``,
103bis ``Number(103, 2)``, 103ter ``Number(103, 3)``. The rank is the Latin
multiplicative adverb's own number (bis = twice), so ``rank - 1`` insertions
have been made after the base paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

# Suffixes 2..29 as listed by the Catalan Parliament terminology note
# (research/un-format.md, section 2.1); the tens continue its pattern.
_UNITS_BEFORE_TEN = {
    2: "bis", 3: "ter", 4: "quater", 5: "quinquies", 6: "sexies",
    7: "septies", 8: "octies", 9: "novies",
}
_TEENS = {
    10: "decies", 11: "undecies", 12: "duodecies", 13: "terdecies", 14: "quaterdecies",
    15: "quindecies", 16: "sexdecies", 17: "septdecies", 18: "octodecies", 19: "novodecies",
}
_TENS = {20: "vicies", 30: "tricies", 40: "quadragies", 50: "quinquagesies",
         60: "sexagies", 70: "septuagies", 80: "octogies", 90: "nonagies"}
_UNIT_PREFIXES = {1: "un", 2: "duo", 3: "ter", 4: "quater", 5: "quin",
                  6: "sex", 7: "sept", 8: "octo", 9: "novo"}

MAX_RANK = 99


def _build_suffixes() -> dict[int, str]:
    table = dict(_UNITS_BEFORE_TEN) | dict(_TEENS)
    for tens, word in _TENS.items():
        table[tens] = word
        for unit, prefix in _UNIT_PREFIXES.items():
            table[tens + unit] = prefix + word
    return table


SUFFIXES: dict[int, str] = _build_suffixes()
RANKS: dict[str, int] = {word: rank for rank, word in SUFFIXES.items()}
# Spellings seen in French lists and in drafts; accepted on input, never written.
ALIASES: dict[str, int] = {"nonies": 9, "quinques": 5, "quat": 4, "quáter": 4}


def suffix(rank: int) -> str:
    """The canonical suffix for an insertion rank: 1 -> '', 2 -> 'bis', 20 -> 'vicies'."""
    if rank == 1:
        return ""
    return SUFFIXES[rank]


def rank_of(word: str) -> int | None:
    """The rank of a written suffix (any letter case, aliases accepted), or None."""
    word = word.lower()
    if word == "":
        return 1
    return RANKS.get(word) or ALIASES.get(word)


@dataclass(frozen=True, slots=True, order=True)
class Number:
    """A paragraph number: ``Number(103, 3)`` is 103ter."""

    base: int
    rank: int = 1

    def __str__(self) -> str:
        return f"{self.base}{suffix(self.rank)}"

    def with_letters(self) -> str:
        """The preamble's letter form: ``Number(3, 2)`` -> 'Cbis'."""
        return f"{letters(self.base)}{suffix(self.rank)}"


def ordinal(n: int) -> str:
    """1 -> '1st', 243 -> '243rd', 112 -> '112th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def letters(n: int) -> str:
    """1 -> 'A', 26 -> 'Z', 27 -> 'AA', 28 -> 'AB' (spreadsheet columns)."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


def from_letters(text: str) -> int:
    """'A' -> 1, 'AA' -> 27: the inverse of :func:`letters`."""
    n = 0
    for ch in text:
        n = n * 26 + (ord(ch) - ord("A") + 1)
    return n


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


def from_roman(text: str) -> int | None:
    """'iv' -> 4; None if ``text`` is not a canonical lower-case Roman numeral."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    if not text or any(ch not in values for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total if roman(total) == text else None


def alpha_label(n: int) -> str:
    """Sub-paragraph letters: 1 -> 'a', 26 -> 'z', 27 -> 'aa', 28 -> 'bb' (UN style)."""
    letter = chr(ord("a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def from_alpha_label(text: str) -> int | None:
    """'a' -> 1, 'bb' -> 28; None if ``text`` is not a doubled-letter label."""
    if not text or not text.isascii() or not text.isalpha() or len(set(text)) != 1:
        return None
    return (len(text) - 1) * 26 + ord(text[0]) - ord("a") + 1


def sub_label(level: int, n: int) -> str:
    """The label of the n-th sub-paragraph at a level, per the Editorial Manual:
    (a), (i), a., i."""
    match level:
        case 1:
            return f"({alpha_label(n)})"
        case 2:
            return f"({roman(n)})"
        case 3:
            return f"{alpha_label(n)}."
        case _:
            return f"{roman(n)}."


def sub_key(level: int, n: int) -> str:
    """The bare form used in element ids and references: 'a', 'ii'."""
    return alpha_label(n) if level % 2 == 1 else roman(n)
