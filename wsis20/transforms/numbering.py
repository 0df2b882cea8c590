"""Numbering: pure passes that fill in ``number``, ``num`` and ``eid``.

Negotiation numbering, for a draft under negotiation::

    103.  ...      -> 103
    #+.   ...      -> 103bis   (inserted: the number before, next free suffix)
    #+.   ...      -> 103ter
    #.    ...      -> 104      (next: one more than the number before)

Sequential numbering, for a new revision: every paragraph 1..N in order, the
preamble by its style, sub-paragraphs (a), (b), ... again from the start.
"""

from __future__ import annotations

from dataclasses import replace

from .. import ast
from ..diagnostics import Diagnostic, make
from ..numbers import MAX_RANK, Number, sub_key, sub_label

PARTS = ("preamble", "operative")


def number_text(part: ast.Part, number: Number, style: ast.PreambleNumbering) -> str:
    """A paragraph's number as drafters cite it: '103ter', 'C', 'PP3'."""
    if part == "preamble":
        match style:
            case "letters":
                return number.with_letters()
            case "pp":
                return f"PP{number}"
            case "none":
                return str(number)
    return str(number)


def element_id(part: ast.Part, number: Number, style: ast.PreambleNumbering) -> str:
    """The Akoma Ntoso-style eId: 'para_103ter', 'pp_C', 'pp_3'."""
    if part == "preamble":
        return "pp_" + (number.with_letters() if style == "letters" else str(number))
    return f"para_{number}"


def number_negotiation(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    taken = {(p.part, p.marker.number) for p in _numbered(doc) if p.marker.number is not None}
    previous: dict[str, Number | None] = {part: None for part in PARTS}
    numbers: dict[int, Number] = {}
    for index, block in enumerate(doc.blocks):
        if not (isinstance(block, ast.Paragraph) and block.marker is not None):
            continue
        marker, before = block.marker, previous[block.part]
        match marker.kind:
            case "explicit":
                number = marker.number
            case "next":
                number = Number(before.base + 1) if before else Number(1)
            case "insert":
                if before is None:
                    diagnostics.append(make(
                        "insert-first", "an inserted paragraph needs a paragraph before it to take its number from",
                        marker.span, hints=("give it an explicit number, such as `1.`",)))
                    number = Number(1)
                else:
                    rank = before.rank + 1
                    while (block.part, Number(before.base, rank)) in taken and rank < MAX_RANK:
                        rank += 1
                    if rank > MAX_RANK:  # pragma: no cover - 98 insertions after one paragraph
                        rank = MAX_RANK
                    number = Number(before.base, rank)
        taken.add((block.part, number))
        previous[block.part] = number
        numbers[index] = number
    return _apply(doc, numbers, sequential=False), diagnostics


def number_sequential(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    counters = {part: 0 for part in PARTS}
    numbers: dict[int, Number] = {}
    for index, block in enumerate(doc.blocks):
        if isinstance(block, ast.Paragraph) and block.marker is not None:
            counters[block.part] += 1
            numbers[index] = Number(counters[block.part])
    return _apply(doc, numbers, sequential=True), []


def _numbered(doc: ast.Document):
    for block in doc.blocks:
        if isinstance(block, ast.Paragraph) and block.marker is not None:
            yield block


def _apply(doc: ast.Document, numbers: dict[int, Number], sequential: bool) -> ast.Document:
    style = doc.front.preamble_numbering
    blocks: list[ast.Block] = []
    section = 0
    for index, block in enumerate(doc.blocks):
        if isinstance(block, ast.Heading):
            section += 1
            blocks.append(replace(block, eid=f"sec_{section}"))
        elif index in numbers:
            number = numbers[index]
            eid = element_id(block.part, number, style)
            blocks.append(replace(block, number=number, num=number_text(block.part, number, style), eid=eid,
                                  subparagraphs=_number_subs(block.subparagraphs, eid, sequential)))
        else:
            blocks.append(replace(block, subparagraphs=_number_subs(block.subparagraphs, None, sequential)))
    return replace(doc, blocks=tuple(blocks))


def _number_subs(subs: tuple[ast.SubParagraph, ...], parent_eid: str | None,
                 sequential: bool) -> tuple[ast.SubParagraph, ...]:
    out = []
    ordinal = 0
    for sub in subs:
        written = sub.marker.ordinal
        # As written, unless that would repeat or go back (a sub-label warning says so):
        # two sub-paragraphs never share a number, an id or a reference.
        ordinal = written if written is not None and not sequential and written > ordinal else ordinal + 1
        key = sub_key(sub.level, ordinal)
        eid = f"{parent_eid}__point_{key}" if parent_eid else None
        out.append(replace(sub, ordinal=ordinal, num=sub_label(sub.level, ordinal), eid=eid,
                           children=_number_subs(sub.children, eid, sequential)))
    return tuple(out)
