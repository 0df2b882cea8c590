"""The first page's head, decided once for every writer: which lines an adopted
resolution or a draft shows, and their words (the HTML and PDF print it; the AKN
export gives each line its element)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import ast
from ..numbers import ordinal
from . import adoption_line, format_date, origin_parts


@dataclass(frozen=True)
class Masthead:
    symbol: str | None
    job_number: str | None
    logo: str | None
    symbol_head: str
    symbol_rest: str
    organ: str
    distribution: str | None  # "General", the word of the "Distr.:" line
    original: str | None  # the language of the "Original:" line
    committee: str | None  # a draft's committee line
    distribution_block: tuple[str, ...]
    preface: tuple[str, ...]
    agenda_titles: tuple[str, ...]
    adopted: str | None  # "Resolution adopted by the General Assembly on 19 December 2023"
    origin: str | None  # "[on the report of the Third Committee (A/78/481/Add.2, para. 139)]"
    sponsor: str | None
    stage: str | None
    number: str | None  # "78/212.", before the title
    title: str | None


def masthead(front: ast.FrontMatter, logo: str | None = None) -> Masthead:
    """The first page's head. The adopted form (research memo, section 4; the
    coverPage of A/RES/78/212) has no Original line, no committee line, no
    sponsor and no stage label; under the agenda item come its title, the line
    of adoption and the bracketed line of the report, and the resolution's
    number opens the title."""
    adopted = front.adopted_form
    symbol = front.symbol
    head, rest = "", symbol or ""
    if symbol and "/" in symbol:
        # The organ letter is set large: A/80/L.41 (AKN4UN's first-page header).
        head, rest = symbol.split("/", 1)
        rest = "/" + rest
    # An adopted resolution is always of general distribution, in its original
    # language's words only, and names no committee above its agenda item.
    status = front.distribution or ("General" if adopted else None)
    original = None if adopted else front.original
    committee = None if adopted else front.committee
    distribution = []
    if status:
        distribution.append(f"Distr.: {status}")
    if front.date:
        distribution.append(format_date(front.date))
    if original:
        distribution.append(f"Original: {original}")
    preface = []
    if front.session is not None:
        preface.append(session_line(front.session))
    if committee:
        preface.append(committee)
    if front.agenda:
        preface.append(agenda_line(front.agenda))
    common = dict(symbol=symbol, job_number=front.job_number, logo=logo, symbol_head=head, symbol_rest=rest,
                  organ=front.organ, distribution=status, original=original, committee=committee,
                  distribution_block=tuple(distribution), preface=tuple(preface), title=front.title)
    if not adopted:
        return Masthead(**common, agenda_titles=front.agenda_title, adopted=None, origin=None, sponsor=front.sponsor,
                        stage=front.stage, number=None)
    return Masthead(**common, agenda_titles=front.agenda_title,
                    adopted=adoption_line(front), origin="".join(origin_parts(front) or ()) or None,
                    sponsor=None, stage=None,
                    number=f"{front.resolution}." if front.resolution else None)


_ORDINALS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
             "seventeenth", "eighteenth", "nineteenth")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def ordinal_words(n: int) -> str:
    """80 -> 'Eightieth', 71 -> 'Seventy-first' (session lines, research 1.2)."""
    if n < 20:
        words = _ORDINALS[n]
    elif n < 100:
        tens, unit = divmod(n, 10)
        words = _TENS[tens][:-1] + "ieth" if unit == 0 else f"{_TENS[tens]}-{_ORDINALS[unit]}"
    else:
        words = ordinal(n)
    return words[:1].upper() + words[1:]


def session_line(session: int | str) -> str:
    return f"{ordinal_words(session)} session" if isinstance(session, int) else session


# An item as the agenda numbers it: "71", "71 (b)", "18 (a) (i)".
_AGENDA_ITEM = re.compile(r"\d+(?:\s*\([a-z]+\))*", re.IGNORECASE)
# A value of the front matter's `agenda`: an item, or items already in words
# ("Agenda item 13", "13 and 117").
_AGENDA_VALUE = re.compile(rf"(?:agenda items?\s+)?{_AGENDA_ITEM.pattern}(?:\s*(?:,|\band\b)\s*{_AGENDA_ITEM.pattern})*",
                           re.IGNORECASE)


def agenda_line(values: tuple[str, ...]) -> str:
    """"Agenda item 71 (b)", "Agenda items 13 and 117", as the masthead of
    A/RES/78/212 prints it (research 1.2), from items however they are written;
    "Agenda item" already written in a value is not said twice. Words of the
    drafter's own ("Item 16 of the preliminary list") print as written."""
    if not all(_AGENDA_VALUE.fullmatch(value.strip()) for value in values):
        return "; ".join(values)
    items = [item for value in values for item in _AGENDA_ITEM.findall(value)]
    if len(items) == 1:
        return f"Agenda item {items[0]}"
    return f"Agenda items {', '.join(items[:-1])} and {items[-1]}"
