"""Checks on a negotiation-numbered document: each reports, suggests, and moves on.

A check never changes the document; it yields diagnostics. ``CHECKS`` lists
them in the order they run.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import ast
from ..diagnostics import Diagnostic, Related, closest, make
from ..numbers import MAX_RANK, Number, sub_label
from ..walk import inlines, paragraphs
from .numbering import PARTS, number_text


def check_numbers(doc: ast.Document) -> Iterator[Diagnostic]:
    """Duplicates (with the suffix that would be right), numbers out of order,
    skipped suffixes and gaps, for the preamble and the operative part apart."""
    style = doc.front.preamble_numbering
    for part in PARTS:
        def show(number: Number, part: ast.Part = part) -> str:
            return number_text(part, number, style)

        seen: dict[Number, ast.Paragraph] = {}
        used = {p.number for p in paragraphs(doc) if p.part == part and p.number is not None}
        previous: Number | None = None  # the number before, as it would be once fixed
        for paragraph in paragraphs(doc):
            if paragraph.part != part or paragraph.number is None:
                continue
            number, span = paragraph.number, paragraph.marker.span
            automatic = paragraph.marker.kind != "explicit"
            if number in seen:
                right = _next_free(previous, number, used)
                used.add(right)
                yield make("duplicate-number", f"paragraph number {show(number)} is already used", span,
                           related=(Related(seen[number].marker.span, f"{show(number)} is first used here"),),
                           hints=(f"number it {show(right)}, or write `{'PP' if part == 'preamble' else ''}#+.` "
                                  "and let wsisc number it",))
                previous = right
                continue
            seen[number] = paragraph
            if previous is not None and number < previous and not automatic:
                yield make("number-order", f"paragraph {show(number)} comes after {show(previous)}", span,
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
                yield make("number-gap", f"the {'preamble' if part == 'preamble' else 'operative part'} "
                           f"starts at {show(number)}, not {show(Number(1))}", span)
            previous = number


def _next_free(previous: Number | None, number: Number, used: set[Number]) -> Number:
    """The suffix a duplicated number should have: the next free one after the
    paragraph before it (after 103ter comes 103quater)."""
    base = previous.base if previous is not None and previous.base == number.base else number.base
    rank = previous.rank + 1 if previous is not None and previous.base == base else 2
    while Number(base, rank) in used and rank < MAX_RANK:
        rank += 1
    return Number(base, rank)


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
    """Every comment's author must be declared in the front matter's ``authors``."""
    declared = [initials for initials, _ in doc.front.authors]
    for node in inlines(doc):
        if isinstance(node, ast.Comment) and node.author is not None and node.author not in declared:
            # Initials are short: a lower cutoff still catches a Latin P typed for a Cyrillic П.
            close = closest(node.author, declared, cutoff=0.5)
            if close:
                hint = f"did you mean `{close}`?"
            elif declared:
                hint = f"declare it under `authors:` in the front matter (declared: {', '.join(declared)})"
            else:
                hint = f"declare it in the front matter: `authors: {{{node.author}: Delegation name}}`"
            yield make("unknown-author", f"the comment's author `{node.author}` is not declared", node.span,
                       hints=(hint, "write `\\:` after the first word if it is not an author"))


CHECKS = (check_numbers, check_sub_labels, check_authors)


def run_checks(doc: ast.Document) -> list[Diagnostic]:
    return [d for check in CHECKS for d in check(doc)]
