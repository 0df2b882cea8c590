"""Diagnostics are data: a code, a severity, one sentence, a place, hints, and fixes.

A hint says in words what to do; a fix, where the hint is mechanical, is the
same advice as edits of the source that an editor can apply (``wsisc lsp``'s
code actions, ``check --format json``). The codes that can carry one are in
``FIXABLE``.

Rendering them for people (``report.py``) is a separate step. Every code is listed
in ``CODES`` with its default severity and a one-line summary, which
``docs/diagnostics.md`` documents; tests check the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from .source import SourceFile, Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Related:
    """A second place that explains the first: "first used here"."""

    span: Span
    message: str
    source: SourceFile | None = None  # another file's place (a language version's); None: the same file


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the source's stretch ``span`` (offsets into the text with its line
    ends read as ``\\n``; start == end inserts) with ``text``."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """One way to fix a diagnostic: a title for a menu and its edits, which never overlap.
    ``placeholder``: the edits write a stand-in for the drafter to replace (a
    delegation's name as "..."), so no tool applies it unasked (fix-all)."""

    title: str
    edits: tuple[Edit, ...]
    placeholder: bool = False


def replace_with(span: Span, text: str, title: str | None = None) -> Fix:
    """The one-edit fix "write `text` in place of what ``span`` holds"."""
    if title is None:
        title = f"Write `{text}`" if text else "Delete it"
    return Fix(title, (Edit(span, text),))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span | None
    related: tuple[Related, ...] = ()
    hints: tuple[str, ...] = ()
    fixes: tuple[Fix, ...] = ()


# code -> (default severity, summary)
CODES: dict[str, tuple[Severity, str]] = {
    "syntax": (Severity.ERROR, "the text does not follow the markup's grammar"),
    "unterminated": (Severity.ERROR, "a comment, highlight or emphasis is not closed before the end of its paragraph"),
    "unbalanced-bracket": (Severity.ERROR, "a square bracket is not closed, or closes nothing"),
    "encoding": (Severity.ERROR, "the file is not UTF-8 text"),
    "control-character": (Severity.ERROR, "an invisible control character (NUL, ESC, U+000B...) in the text"),
    "bidi-control": (Severity.WARNING, "an invisible character that reorders how right-to-left and left-to-right text is shown"),
    "front-matter": (Severity.ERROR, "the front matter is not valid YAML or a value has the wrong type"),
    "annex": (Severity.ERROR, "a `---` block in the body opens no annex (no `annex:` key, never closed, a stray "
                              "line of dashes), or two annexes have the same label"),
    "unknown-key": (Severity.WARNING, "the front matter has a key wsisc does not know"),
    "curly-quotes": (Severity.WARNING, "a front-matter value is wrapped in curly quotes, which YAML keeps as text"),
    "adopted-form": (Severity.ERROR, "an adopted resolution (stage: adopted) lacks a fact its masthead or closing lines print"),
    "adopted-only": (Severity.WARNING, "a key of the adopted form in a document whose stage is not `adopted`"),
    "logo": (Severity.ERROR, "the logo is not an image file inside the draft's folder (a URL, a path out, a link out)"),
    "missing-logo": (Severity.WARNING, "the front matter names a logo file that is not there"),
    "unknown-suffix": (Severity.ERROR, "a paragraph marker has a suffix that is not a Latin insertion suffix"),
    "duplicate-number": (Severity.ERROR, "two paragraphs have the same number"),
    "number-order": (Severity.ERROR, "a paragraph number is lower than the one before it"),
    "skipped-suffix": (Severity.ERROR, "an inserted paragraph skips a suffix (103quater with no 103ter)"),
    "number-gap": (Severity.WARNING, "paragraph numbers skip one or more numbers"),
    "insert-first": (Severity.ERROR, "an inserted paragraph has no paragraph before it to take its number from"),
    "sub-label": (Severity.WARNING, "a sub-paragraph's label is not the next one at its level"),
    "sub-indent": (Severity.WARNING, "a sub-paragraph's indentation matches no enclosing level"),
    "sub-depth": (Severity.ERROR, "sub-paragraphs are nested deeper than four levels"),
    "unknown-label": (Severity.ERROR, "a cross-reference names a label that no paragraph has"),
    "agreed-changed": (Severity.ERROR, "a paragraph agreed in the base revision has different words and is not reopened"),
    # wsisc check --parallel: language versions of one draft out of step
    "parallel-missing": (Severity.ERROR, "a paragraph, sub-paragraph, heading, footnote or annex of one language "
                                         "version has no counterpart in another"),
    "parallel-number": (Severity.ERROR, "a paragraph, sub-paragraph or heading is numbered differently in two "
                                        "language versions"),
    "parallel-level": (Severity.ERROR, "a heading is of another level in two language versions"),
    "parallel-label": (Severity.ERROR, "a paragraph's label differs between two language versions"),
    "parallel-proposal": (Severity.ERROR, "a proposal (a new paragraph, a deletion, a change) in one language "
                                          "version only"),
    "parallel-bracket": (Severity.ERROR, "a bracketed passage in one language version only"),
    "parallel-status": (Severity.ERROR, "a paragraph is agreed (or ad ref., ...) in one language version and not "
                                        "in another"),
    "parallel-language": (Severity.WARNING, "two files given as language versions are in the same language"),
    "duplicate-label": (Severity.ERROR, "two paragraphs have the same label"),
    "unknown-author": (Severity.ERROR, "a comment's author is not declared in the front matter"),
    "missing-marker": (Severity.ERROR, "a block starts like a paragraph marker but is not one (2-bis., 5), 3 *Encourages*)"),
    "bullet": (Severity.ERROR, "a line starts with a list bullet where a sub-paragraph marker belongs"),
    "tab-indent": (Severity.ERROR, "a tab in a sub-paragraph's indentation makes its level depend on the editor"),
    "marker-in-paragraph": (Severity.WARNING, "a line inside a paragraph starts like a paragraph marker"),
    "empty-paragraph": (Severity.WARNING, "a paragraph has a marker but no text"),
    "roman-marker": (Severity.WARNING, "a two-letter preambular marker that is a Roman numeral (II., IV.)"),
    "punctuation": (Severity.WARNING, "a paragraph or sub-paragraph does not end as its kind and document type require"),
    "intro-colon": (Severity.WARNING, "an introduction to sub-paragraphs does not end with a colon"),
    "opening": (Severity.WARNING, "a paragraph's opening words in emphasis are not in the language's style or case"),
    "quotes": (Severity.WARNING, "a straight quotation mark, another language's, or French guillemets without "
                                 "their no-break spaces"),
    "doubled-space": (Severity.WARNING, "two spaces between words"),
    "doubled-word": (Severity.WARNING, "a word written twice in a row"),
    # wsisc import: the Akoma Ntoso file read, not a draft
    "too-large": (Severity.ERROR, "a file to import is larger (an XML file: or nested deeper) than wsisc reads"),
    "xml-dtd": (Severity.ERROR, "an XML file to import declares a DOCTYPE or entities, which wsisc refuses"),
    "xml-syntax": (Severity.ERROR, "an XML file to import is not well-formed"),
    "not-akn": (Severity.ERROR, "an XML file to import is not an Akoma Ntoso document"),
    "akn-unsupported": (Severity.ERROR, "an Akoma Ntoso structure the markup cannot hold (a collection, sections)"),
    "akn-approximated": (Severity.WARNING, "an Akoma Ntoso element imported approximately (a table as text)"),
    # wsisc import: a text file taken out of Word
    "legacy-encoding": (Severity.WARNING, "a text file to import is not UTF-8 and was read as Windows-1252"),
    "no-text": (Severity.ERROR, "a text file to import holds no paragraph, heading or comment"),
    "fused-words": (Severity.WARNING, "words in a text file to import look run together by a lost tracked change"),
    "derived-author": (Severity.WARNING, "a comment's author is known by initials alone, declared with them as the name"),
    "comment-continuation": (Severity.WARNING, "the end of a comment's text was taken for the words of the "
                                               "paragraph it interrupts"),
    "comment-number": (Severity.WARNING, "Word's comment numbers skip one or go back: a comment may be lost"),
    "text-approximated": (Severity.WARNING, "something in a text file to import was read approximately "
                                            "(a number with an unknown suffix kept as words)"),
    # wsisc import of a Word file: the .docx read, not a draft
    "not-docx": (Severity.ERROR, "a file to import as .docx is not a Word document (not a zip, a .doc, a workbook, "
                                 "no word/document.xml)"),
    "zip-broken": (Severity.ERROR, "a .docx to import is a damaged zip archive (cut short, a bad checksum)"),
    "zip-unsafe": (Severity.ERROR, "a .docx to import goes past wsisc's limits or is forged (a zip bomb, a name "
                                   "that leaves the archive)"),
    "docx-macros": (Severity.ERROR, "a Word file to import holds macros (.docm, .dotm, vbaProject.bin)"),
    "docx-external": (Severity.WARNING, "a .docx to import links to a file outside it (a template, an image), "
                                        "which wsisc never fetches"),
    "docx-approximated": (Severity.WARNING, "a part of a Word document imported approximately (a table as text, "
                                            "a formatting change accepted, initials made up)"),
}


# The codes whose diagnostics may carry a fix (docs/diagnostics.md, "Fixes"); not
# every diagnostic of them does: only where the hint names what to write.
FIXABLE = frozenset({
    "control-character", "bidi-control", "curly-quotes", "unknown-key", "unknown-suffix", "duplicate-number",
    "skipped-suffix", "sub-label", "unknown-label", "unknown-author", "missing-marker", "bullet", "tab-indent",
    "punctuation", "intro-colon", "opening", "quotes", "doubled-space", "doubled-word", "sub-indent",
    "syntax",  # a mistyped status: `.agred`
})


def make(code: str, message: str, span: Span | None, *,
         related: tuple[Related, ...] = (), hints: tuple[str, ...] = (),
         severity: Severity | None = None, fixes: tuple[Fix, ...] = ()) -> Diagnostic:
    """A diagnostic with the code's default severity."""
    assert not fixes or code in FIXABLE, code
    return Diagnostic(code, severity or CODES[code][0], message, span, related, hints, fixes)


def moved(diagnostic: Diagnostic, move) -> Diagnostic:
    """The diagnostic with every span (its own, its related places', its fixes' edits)
    passed through ``move``: for what was found in a piece of text read apart."""
    return replace(diagnostic, span=move(diagnostic.span),
                   related=tuple(Related(move(r.span), r.message, r.source) for r in diagnostic.related),
                   fixes=tuple(replace(f, edits=tuple(Edit(move(e.span), e.text) for e in f.edits))
                               for f in diagnostic.fixes))


def closest(word: str, choices, cutoff: float = 0.6) -> str | None:
    """The choice most like ``word``, for "did you mean" hints. difflib is
    imported here, on the error path only, to keep it off check's start-up."""
    import difflib

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


# Cyrillic and Greek capitals that a Latin keyboard types as another letter:
# the look-alikes (А, В, Е, К, М, Н, О, Р, С, Т, Х, У) and the usual
# transliterations (П as P, Д as D, ...). Initials such as ПW are typed both ways.
_LATIN = str.maketrans({
    **dict(zip("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")),
    **dict(zip("БГДЗИЙЛПФЦШЩЫЭЮЯЖЧ", "BGDZIILPFCSSYEUYZC")),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX")),
})


def same_name(typed: str, declared) -> str | None:
    """The declared name that ``typed`` is a slip of (another case, a Cyrillic or
    Greek letter for a Latin one, or the other way round), or None. Only such a
    slip is suggested for a delegation's initials: "did you mean RU?" for an
    undeclared US would pin one delegation's words on another."""
    def folded(name: str) -> str:
        return name.upper().translate(_LATIN)

    matches = [name for name in declared if name != typed and folded(name) == folded(typed)]
    return matches[0] if len(matches) == 1 else None


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
