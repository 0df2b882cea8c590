"""Writers turn a finished Document into bytes. Each lives in its own module,
imported only when asked for, so ``wsisc check`` never loads Jinja or WeasyPrint."""

from __future__ import annotations

import datetime
import importlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .. import ast
from ..languages import masthead as language_words
from ..languages.masthead import (ENGLISH_DISTRIBUTION, FORMULA_COMMA, REPORT_ALONE, WITHOUT_REFERENCE, formula_words,
                                 report_words)
from ..languages import numbering, views

# format -> module with ``write(document, view, options) -> bytes``
WRITERS = {
    "html": "wsis20.writers.html",
    "pdf": "wsis20.writers.pdf",
    "akn": "wsis20.writers.akn",
    "docx": "wsis20.writers.docx",
}
EXTENSIONS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".xml": "akn", ".docx": "docx"}
# format -> the extension of an output named after its source (draft.wsis -> draft.xml)
SUFFIXES = {"html": ".html", "pdf": ".pdf", "akn": ".xml", "docx": ".docx"}
# A fixed moment for documents without a date, so that builds are reproducible.
DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z


@dataclass(frozen=True)
class WriteOptions:
    paper: str = "a4"  # a4 or letter
    source_dir: Path | None = None  # the draft's folder: the only user files a writer may read


def writer(name: str):
    return importlib.import_module(WRITERS[name]).write


def resolve_logo(document: ast.Document, source_dir: Path | None) -> Path | str | None:
    """The front matter's ``logo``: a small ``data:`` image as written, or the
    path of a file inside the source's folder (symbolic links resolved first,
    so none can point out of it); None for anything else. The front matter has
    refused URLs, absolute paths and ``..`` already (parse/front_matter.py)."""
    logo = document.front.logo
    if not logo:
        return None
    if logo.startswith("data:"):
        return logo
    if source_dir is None:
        return None
    try:
        folder = source_dir.resolve()
        path = (folder / logo).resolve()
        if path.is_file() and path.is_relative_to(folder):
            return path
    except (OSError, ValueError, RuntimeError):  # a link loop, a name no file system takes
        pass
    return None


def logo_diagnostic(document: ast.Document, source_dir: Path):
    """Why the named logo file cannot be used, for `wsisc build`, or None."""
    from ..diagnostics import make

    logo = document.front.logo
    if not logo or logo.startswith("data:") or resolve_logo(document, source_dir) is not None:
        return None
    folder = source_dir.resolve()
    try:
        named = folder / logo
        if named.is_symlink() or (named.exists() and not named.resolve().is_relative_to(folder)):
            return make("logo", f"`{logo}` is a symbolic link that leads out of the draft's folder or in a loop; "
                        "it is not read", document.front.logo_span, hints=("copy the image into the draft's folder",))
        if named.exists():
            return make("logo", f"`{logo}` is not a regular file", document.front.logo_span,
                        hints=("name an image file",))
    except (OSError, ValueError, RuntimeError):
        return make("logo", f"`{logo[:80]}` cannot be used as a file name", document.front.logo_span)
    return make("missing-logo", f"there is no file `{logo}` in the draft's folder; the masthead has no logo",
                document.front.logo_span, hints=(f"put the image in {folder}",))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def document_name(front: ast.FrontMatter, path: str) -> str:
    """A revision named from its front matter, as a comparison names it:
    "A/80/L.1/Rev.1 (Revision 1, 7 November 2025)", "Zero draft (29 August 2025)";
    its file's name when the front matter names nothing."""
    from ..languages.punctuation import of as punctuation

    details = [front.stage] if front.symbol and front.stage else []
    details += [format_date(front.date, front.language)] if front.date else []
    name = front.symbol or front.stage or Path(path).name
    comma = punctuation(front.language).comma  # "،" in Arabic, "，" in Chinese
    separator = comma if comma == "\uff0c" else comma + " "
    return f"{name} ({separator.join(details)})" if details else name


def format_date(value: datetime.date | str, language: str = "en") -> str:
    """A front-matter date in words, "19 December 2023" (in the language's words:
    "19 décembre 2023", languages/dates.py), whether YAML read it as a date or as
    text ('2023-12-19' quoted); other words print as written."""
    date = as_date(value)
    if date is None:
        return value
    if language == "en":
        return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"
    from ..languages.dates import date_words

    return date_words(language, date)


def closing_date(value: datetime.date | str, language: str = "en") -> str:
    """The date of adoption under the meeting line, its day kept with its month by a
    no-break space, as in every closing date of the 78th session's English files
    (332 of 332), and as each language keeps it (languages/dates.py); words that are
    no date print as written."""
    date = as_date(value)
    if date is None:
        return value
    if language == "en":
        return format_date(value).replace(" ", "\u00a0", 1)
    from ..languages.dates import date_words

    return date_words(language, date, closing=True)


def issue_date(front: ast.FrontMatter) -> str:
    """The issue date of the masthead's distribution block: in English on the Russian,
    Arabic and Chinese first pages too (languages/masthead.py, ENGLISH_DISTRIBUTION)."""
    return format_date(front.date, "en" if front.language in ENGLISH_DISTRIBUTION else front.language)


def as_date(value: datetime.date | str | None) -> datetime.date | None:
    """A front-matter date as a date: a YAML date, or text written as one
    ("2025-08-29", "29 August 2025", as ``format_date`` prints it); None for other words."""
    if value is None or isinstance(value, datetime.date):
        return value
    text = " ".join(value.split())
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    parts = text.split(" ")
    if len(parts) == 3 and parts[0].isdigit() and parts[1] in _MONTHS and parts[2].isdigit():
        try:
            return datetime.date(int(parts[2]), _MONTHS.index(parts[1]) + 1, int(parts[0]))
        except ValueError:
            return None
    return None


def date_epoch(value: datetime.date | str | None) -> int:
    """The document's date as a Unix time (its midnight, UTC), or the fixed moment."""
    date = as_date(value)
    if date is None:
        return DEFAULT_EPOCH
    return int(datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.timezone.utc).timestamp())


def build_date(value: datetime.date | str | None) -> datetime.date:
    """The day a build stamps into its output as the day it was made: a user's
    SOURCE_DATE_EPOCH (reproducible-builds.org), else the document's own date,
    else the fixed moment; never the clock, so the same source gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else date_epoch(value)
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).date()


def proposer(front: ast.FrontMatter, initials: str | None) -> str:
    """Who proposed a change, in words: the delegation the front matter declares."""
    if not initials:
        return views.words("unattributed", front.language)
    return front.author_name(initials) or initials


def change_phrase(change: ast.Change, language: str = "en") -> tuple[str | tuple[ast.Inline, ...], ...]:
    """A compilation's words for a change ("replace 'X' with 'Y'"), as fixed
    words and the change's own inlines, for each writer to render its way;
    in the draft's language (languages/views.py)."""
    fixed = views.change_words(change.kind, language)
    match change.kind:
        case "insert":
            return (fixed[0], change.new, fixed[1])
        case "delete":
            return (fixed[0], change.old, fixed[1])
        case _:
            return (fixed[0], change.old, fixed[1], change.new, fixed[2])


def enacting_formula(document: ast.Document) -> str | None:
    """"The General Assembly," for a resolution: with a comma when preambular
    paragraphs follow, without one when the operative part follows at once
    (Editorial Manual; A/80/L.41); in the draft's language, "L’Assemblée générale,",
    "إن الجمعية العامة،", "大会，" (languages/masthead.py). Decisions and outcome
    documents open with their own words ("We, the Ministers ..."), unless the front
    matter names a formula."""
    front = document.front
    if front.formula is not None:
        return front.formula or None
    if front.document_type != "resolution":
        return None
    has_preamble = any(isinstance(b, ast.Paragraph) and b.part == "preamble" for b in document.blocks)
    comma = FORMULA_COMMA.get(front.language, ",") if has_preamble else ""
    return formula_words(front.language, front.organ) + comma


def adoption_line(front: ast.FrontMatter) -> str | None:
    """"Resolution adopted by the General Assembly on 19 December 2023" (coverPage
    docTitle), in the draft's language ("Résolution adoptée par l’Assemblée générale
    le 21 mars 2024"); a decision is "Decision adopted ..."; None without an adoption date."""
    if not front.adopted:
        return None
    decision = front.document_type == "decision"
    if front.language == "en":
        return language_words.adoption_line("en", decision, front.organ, format_date(front.adopted))
    date = closing_date(front.adopted, front.language)  # its no-break spaces, as the files print this line
    return language_words.adoption_line(front.language, decision, front.organ, date)


def origin_parts(front: ast.FrontMatter) -> tuple[str, str, str] | None:
    """How an adopted resolution reached the plenary (coverPage docProponent), as
    the words before its document, the document, and the words after:
    "[on the report of the Third Committee (" "A/78/481/Add.2, para. 139" ")]", or
    "[without reference to a Main Committee (" "A/78/L.49" ")]", in the draft's
    language. The committee prints as written, after "the" (or the language's
    article); None when neither is given."""
    if front.without_reference:
        before, after = WITHOUT_REFERENCE.get(front.language, WITHOUT_REFERENCE["en"])
        return before, front.without_reference, after
    if front.report:
        committee = front.committee or ""
        if not committee:  # an error in `check`: the report is nobody's
            return REPORT_ALONE.get(front.language, REPORT_ALONE["en"]), front.report, ")]"
        before, after = report_words(front.language, committee)
        return before, front.report, after
    return None


STATUS_WORDS = views.STATUS_WORDS["en"]  # the AKN concepts' names; a page prints its language's (views.status_words)


def comment_label(node: ast.Comment) -> str:
    """Word's label: the author's initials and the comment's number, 'ПW1'."""
    return f"{node.author or ''}{node.index if node.index is not None else ''}"


def paragraph_number(paragraph: ast.Paragraph, preamble_numbering: ast.PreambleNumbering,
                     language: str = "en") -> str:
    """A paragraph's number as printed ("12.", "C."; "12 -" in Arabic), by its scope's
    preamble numbering and the draft's language; "" when none is shown."""
    if paragraph.num is None:
        return ""
    if paragraph.part == "preamble" and preamble_numbering == "none":
        return ""
    if paragraph.number is None or language == "en":
        return f"{paragraph.num}."
    return numbering.paragraph_number(paragraph.part, paragraph.number, preamble_numbering, language)


def sub_number(sub: ast.SubParagraph, language: str = "en") -> str:
    """A sub-paragraph's label as printed: "(a)", "a)" in French, "(أ)" in Arabic."""
    if sub.ordinal is None or sub.num is None or language == "en":
        return sub.num or sub.marker.written
    return numbering.sub_label(sub.level, sub.ordinal, language)


def heading_number(heading: ast.Heading, language: str = "en") -> str | None:
    """A heading's item number as printed: "I.", "أولا -" in Arabic, "一." in Chinese."""
    return heading.number and numbering.heading_number(heading.number, language)


# The characters XML 1.0 cannot carry, whatever a draft holds: one rule for every XML writer.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Text as XML can hold it: each character it cannot, the replacement character."""
    return _NOT_XML.sub("\ufffd", text)
