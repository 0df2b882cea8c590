"""The first page's head, decided once for every writer: which lines an adopted
resolution or a draft shows, and their words (the HTML and PDF print it; the AKN
export gives each line its element)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import ast
from ..languages import masthead as words
from . import adoption_line, issue_date, origin_parts


@dataclass(frozen=True)
class Masthead:
    organisation: str  # "United Nations", in the document's language
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
    language = front.language
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
        distribution.append(words.distribution_line(language, status))
    if front.date:
        distribution.append(issue_date(front))
    if original:
        version = words.VERSION.get(language)
        if version:
            distribution.append(version)
        distribution.append(words.original_line(language, original))
    preface = []
    if front.session is not None:
        preface.append(words.session_line(language, front.session))
    if committee:
        preface.append(committee)
    if front.agenda:
        preface.append(words.agenda_line(language, front.agenda))
    common = dict(organisation=words.ORGANISATION.get(language, words.ORGANISATION["en"]), symbol=symbol,
                  job_number=front.job_number, logo=logo, symbol_head=head, symbol_rest=rest, organ=front.organ,
                  distribution=status, original=original, committee=committee,
                  distribution_block=tuple(distribution), preface=tuple(preface), title=front.title)
    if not adopted:
        return Masthead(**common, agenda_titles=front.agenda_title, adopted=None, origin=None, sponsor=front.sponsor,
                        stage=front.stage, number=None)
    return Masthead(**common, agenda_titles=front.agenda_title,
                    adopted=adoption_line(front), origin="".join(origin_parts(front) or ()) or None,
                    sponsor=None, stage=None,
                    number=words.resolution_number(language, front.resolution) if front.resolution else None)


def ordinal_words(n: int) -> str:
    """80 -> 'Eightieth', 71 -> 'Seventy-first' (session lines, research 1.2)."""
    words_ = words.english_ordinal(n)
    return words_[:1].upper() + words_[1:]


def session_line(session: int | str, language: str = "en") -> str:
    return words.session_line(language, session)


def agenda_line(values: tuple[str, ...], language: str = "en") -> str:
    """"Agenda item 71 (b)", "Agenda items 13 and 117", as the masthead of
    A/RES/78/212 prints it (research 1.2), in the document's language
    (languages/masthead.py)."""
    return words.agenda_line(language, values)
