"""Checks on a negotiation-numbered document: each reports, suggests, and moves on.

A check never changes the document; it yields diagnostics. ``CHECKS`` lists
them in the order they run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import ast
from ..diagnostics import Diagnostic, Related, make, same_name
from ..numbers import MAX_RANK, Number, sub_label
from ..source import SourceFile
from ..walk import Scope, inlines, paragraphs, plain_text, scopes
from .numbering import PARTS, number_text
from .references import cited_annex


def check_numbers(doc: ast.Document) -> Iterator[Diagnostic]:
    """Duplicates (with the suffix that would be right), numbers out of order,
    skipped suffixes and gaps, for the preamble and the operative part apart,
    in the body and in each annex apart."""
    for scope in scopes(doc):
        yield from _check_scope_numbers(scope, cited_annex(scope.label, len(doc.annexes)) if scope.index else "")


def _check_scope_numbers(scope: Scope, annex: str) -> Iterator[Diagnostic]:
    """``annex``: "annex I" for the paragraphs of an annex, "" for the body's."""
    in_annex, of_annex = (f" in {annex}", f" of {annex}") if annex else ("", "")
    style = scope.front.preamble_numbering
    numbered = [b for b in scope.blocks if isinstance(b, ast.Paragraph)]
    for part in PARTS:
        def show(number: Number, part: ast.Part = part) -> str:
            return number_text(part, number, style)

        seen: dict[Number, ast.Paragraph] = {}
        used = {p.number for p in numbered if p.part == part and p.number is not None}
        previous: Number | None = None  # the number before, as it would be once fixed
        before: ast.Paragraph | None = None  # the paragraph before, in this part

        def how_numbered(other: ast.Paragraph | None) -> tuple[Related, ...]:
            """Where a number nobody wrote came from: an automatic marker."""
            if other is None or other.marker.kind == "explicit":
                return ()
            return (Related(other.marker.span, f"`{other.marker.written}` numbered this paragraph "
                                                f"{show(other.number)}"),)

        for paragraph in numbered:
            if paragraph.part != part or paragraph.number is None:
                continue
            number, span = paragraph.number, paragraph.marker.span
            automatic = paragraph.marker.kind != "explicit"
            if number in seen:
                right = _next_free(previous, number, used)
                used.add(right)
                yield make("duplicate-number", f"paragraph number {show(number)} is already used{in_annex}", span,
                           related=(Related(seen[number].marker.span, f"{show(number)} is first used here"),
                                    *how_numbered(seen[number])),
                           hints=(f"number it {show(right)}, or write `{'PP' if part == 'preamble' else ''}#+.` "
                                  "and let wsisc number it",))
                previous, before = right, paragraph
                continue
            seen[number] = paragraph
            if previous is not None and number < previous and not automatic:
                yield make("number-order", f"paragraph {show(number)} comes after {show(previous)}", span,
                           related=how_numbered(before),
                           hints=("paragraph numbers must increase through the document",))
            elif number.rank > 1 and not automatic:
                expected = Number(number.base, number.rank - 1)
                if previous is None or (previous.base, previous.rank) < (expected.base, expected.rank):
                    if previous is not None and previous.base == number.base:
                        yield make("skipped-suffix",
                                   f"{show(number)} follows {show(previous)}: {show(expected)} is missing", span,
                                   hints=(f"number it {show(Number(number.base, previous.rank + 1))}",))
                    else:
                        before = f"follows {show(previous)}" if previous else "opens the part"
                        yield make("skipped-suffix",
                                   f"{show(number)} {before}, but there is no paragraph {show(Number(number.base))}",
                                   span)
            elif previous is not None and number.rank == 1 and number.base > previous.base + 1:
                missing = Number(previous.base + 1)
                between = show(missing) if number.base == previous.base + 2 else \
                    f"{show(missing)} to {show(Number(number.base - 1))}"
                yield make("number-gap", f"paragraph numbers jump from {show(previous)} to {show(number)}: "
                           f"{between} missing", span)
            elif previous is None and number.rank == 1 and number.base > 1:
                yield make("number-gap", f"the {'preamble' if part == 'preamble' else 'operative part'}{of_annex} "
                           f"starts at {show(number)}, not {show(Number(1))}", span)
            previous, before = number, paragraph


def _next_free(previous: Number | None, number: Number, used: set[Number]) -> Number:
    """The suffix a duplicated number should have: the next free one after the
    paragraph before it (after 103ter comes 103quater)."""
    base = previous.base if previous is not None and previous.base == number.base else number.base
    rank = previous.rank + 1 if previous is not None and previous.base == base else 2
    while Number(base, rank) in used and rank < MAX_RANK:
        rank += 1
    return Number(base, min(rank, MAX_RANK))


def check_sub_labels(doc: ast.Document) -> Iterator[Diagnostic]:
    """An explicit sub-paragraph label should be the next one at its level."""
    def walk(subs: tuple[ast.SubParagraph, ...]) -> Iterator[Diagnostic]:
        expected = 1
        for sub in subs:
            if not sub.marker.automatic:
                if sub.marker.ordinal != expected:
                    yield make("sub-label", f"expected {sub_label(sub.level, expected)} here, "
                               f"not {sub.marker.written}", sub.marker.span,
                               hints=("fix the label, write `(#)` and let wsisc label it, "
                                      "or indent it further to nest it under the one before",))
                expected = (sub.marker.ordinal or expected) + 1
            else:
                expected += 1
            yield from walk(sub.children)

    for paragraph in paragraphs(doc):
        yield from walk(paragraph.subparagraphs)


def check_authors(doc: ast.Document) -> Iterator[Diagnostic]:
    """Every comment's, change's and proposal's author must be declared in the
    front matter's ``authors``. When the front matter could not be read, who is
    declared is unknown: its own error says so, once, instead of one error per
    comment."""
    if not doc.front.authors_read:
        return
    declared = [initials for initials, _ in doc.front.authors]
    authored = [(n.author, n.span) for n in inlines(doc) if isinstance(n, (ast.Comment, ast.Change))]
    authored += [(p.proposal.author, p.proposal.span) for p in paragraphs(doc) if p.proposal is not None]
    for author, span in authored:
        if author is None or author in declared:
            continue
        hints = [f"declare it in the front matter: `authors: {{{author}: <delegation name>}}`"
                 + (f" (declared: {', '.join(declared)})" if declared else "")]
        slip = same_name(author, declared)
        if slip is not None:
            hints.insert(0, f"did you mean `{slip}`? {_spelling(author, slip)}")
        hints.append("write `\\:` after the first word if it is not an author")
        yield make("unknown-author", f"the author `{author}` is not declared", span, hints=tuple(hints))


def _spelling(typed: str, declared: str) -> str:
    """How two names that look alike differ: their case, or their alphabets."""
    if typed.upper() == declared.upper():
        return "(the same letters in another case)"
    return f"(`{declared}` is written with {_script(declared)} letters, `{typed}` with {_script(typed)} ones)"


def _script(name: str) -> str:
    import unicodedata

    scripts = {unicodedata.name(c, "?").split()[0].capitalize() for c in name if c.isalpha() and not c.isascii()}
    return " and ".join(sorted(scripts)) or "Latin"


# ------------------------------------------------------------ editorial rules
# Warnings about the text's form; each can be switched off by its code, per
# file (``ignore:`` in the front matter) or per run (``--ignore``).

_CLOSERS = "])\"'\u201d\u2019 "


def _ending(nodes: tuple[ast.Inline, ...]) -> str:
    """The text's last character that is not a closing bracket or quote."""
    return plain_text(nodes).rstrip(_CLOSERS)[-1:]


def check_punctuation(doc: ast.Document, source: SourceFile) -> Iterator[Diagnostic]:
    """Preambular paragraphs end with a comma; operative paragraphs with a
    semicolon and the last with a full stop (in a resolution, and in a
    declaration: A/RES/78/3), or all with full stops in an outcome document
    (research/un-format.md 1.6); an introduction to sub-paragraphs ends with a
    colon, its items with semicolons. The body and each annex by their own
    document type, each with its own last paragraph."""
    for scope in scopes(doc):
        yield from _scope_punctuation(scope, source)


def _scope_punctuation(scope: Scope, source: SourceFile) -> Iterator[Diagnostic]:
    numbered = [b for b in scope.blocks if isinstance(b, ast.Paragraph)]
    operative = [p for p in numbered if p.part == "operative" and p.proposal is None]
    last = operative[-1] if operative else None
    kind = scope.front.document_type
    # Which paragraph ends the text depends on the proposals still open after the
    # last agreed one: any of them may be last once they are decided.
    everything = [p for p in numbered if p.part == "operative"]
    open_end = everything[everything.index(last):] if last is not None else everything
    may_be_last = {id(p) for p in open_end} if len(open_end) > 1 else set()

    def expected(p: ast.Paragraph) -> tuple[str, str]:
        if p.part == "preamble":
            return ",:", "a preambular paragraph should end with a comma"
        if kind == "outcome":
            return ".", "a paragraph of an outcome document should end with a full stop"
        if id(p) in may_be_last:
            return ";.", ("a paragraph that may end the text, depending on the proposed paragraphs after it, "
                          "should end with a semicolon or a full stop")
        if kind == "declaration":
            if p is last:
                return ".", "the last paragraph of a declaration should end with a full stop"
            return ";", "a numbered paragraph of a declaration should end with a semicolon"
        if p is last:
            return ".", "the last operative paragraph should end with a full stop"
        return ";", "an operative paragraph of a resolution should end with a semicolon"

    def wrong(nodes, span, allowed: str, rule: str, code: str) -> Diagnostic | None:
        end = _ending(nodes)
        if not end or end in allowed:
            return None
        at = (nodes[-1].span if nodes else span).end
        found = "but has no final punctuation" if end.isalnum() else f"not {end!r}"
        return make(code, f"{rule}, {found}", source.span(max(0, at - 1), at),
                    hints=(f"end it with `{allowed[0]}`",))

    for p in numbered:
        if p.part == "text" or not p.content:
            continue
        allowed, rule = expected(p)
        if not p.subparagraphs:
            if (d := wrong(p.content, p.span, allowed, rule, "punctuation")) is not None:
                yield d
            continue
        if (d := wrong(p.content, p.span, ":", "an introduction to sub-paragraphs should end with a colon",
                       "intro-colon")) is not None:
            yield d
        yield from _items(p.subparagraphs, allowed, rule, wrong)


def _items(subs, allowed, rule, wrong) -> Iterator[Diagnostic]:
    for index, sub in enumerate(subs):
        final = index == len(subs) - 1
        if sub.children:
            if (d := wrong(sub.content, sub.span, ":", "an introduction to sub-paragraphs should end with a colon",
                           "intro-colon")) is not None:
                yield d
            yield from _items(sub.children, allowed if final else ";:", rule, wrong)
        elif (d := wrong(sub.content, sub.span, allowed if final else ";:",
                         rule if final else "a sub-paragraph should end with a semicolon", "punctuation")) is not None:
            yield d


_DOUBLED_SPACE = re.compile(r"(?<=\S)  +(?=\S)")
_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)


def check_doubled(doc: ast.Document, source: SourceFile) -> Iterator[Diagnostic]:
    """Doubled spaces and doubled words, in the source as written."""
    for node in inlines(doc):
        if not isinstance(node, ast.Text):
            continue
        written = source.text[node.span.start:node.span.end]
        if "  " in written:
            for m in _DOUBLED_SPACE.finditer(written):
                start = node.span.start + m.start()
                yield make("doubled-space", "two spaces between words",
                           source.span(start, start + len(m.group())), hints=("keep one space",))
        # A quick look for two equal neighbours first; only then find where.
        words = written.lower().split()
        if any(a == b or a == b.rstrip(".,;:!?)]\"'") for a, b in zip(words, words[1:], strict=False)):
            for m in _DOUBLED_WORD.finditer(written):
                if m.group(1).isdigit():
                    continue
                start = node.span.start + m.start()
                yield make("doubled-word", f"the word {m.group(1)!r} is doubled",
                           source.span(start, start + len(m.group())), hints=(f"write {m.group(1)!r} once",))


CHECKS = (check_numbers, check_sub_labels, check_authors)
SOURCE_CHECKS = (check_punctuation, check_doubled)
# The codes --ignore and the front matter's ``ignore:`` may switch off: warnings only.
RULES = ("punctuation", "intro-colon", "doubled-space", "doubled-word", "empty-paragraph", "number-gap",
         "roman-marker",
         "marker-in-paragraph", "sub-label", "sub-indent", "unknown-key", "curly-quotes", "adopted-only")


def run_checks(doc: ast.Document, source: SourceFile | None = None) -> list[Diagnostic]:
    found = [d for check in CHECKS for d in check(doc)]
    if source is not None:
        found += [d for check in SOURCE_CHECKS for d in check(doc, source)]
    return found
