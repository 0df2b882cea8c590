"""Numbering: pure passes that fill in ``number``, ``num`` and ``eid``.

Negotiation numbering, for a draft under negotiation::

    103.  ...      -> 103
    #+.   ...      -> 103bis   (inserted: the number before, next free suffix)
    #+.   ...      -> 103ter
    #.    ...      -> 104      (next: one more than the number before)

Sequential numbering, for a new revision: every paragraph 1..N in order, the
preamble by its style, sub-paragraphs (a), (b), ... again from the start.

Either way the body and each annex are numbered apart (an annex starts again
at 1, its ids prefixed ``att_N__``), and ``Action #.`` item headings are
numbered per word.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import ast
from ..diagnostics import Diagnostic, make
from ..numbers import MAX_RANK, Number, sub_key, sub_label
from ..source import Span
from ..walk import Scope, with_blocks

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
    """Each of the body and the annexes numbered on its own (numbering restarts in an annex)."""
    diagnostics: list[Diagnostic] = []
    return with_blocks(doc, lambda scope: _apply(scope, _negotiated(scope.blocks, diagnostics), False)), diagnostics


def _negotiated(blocks: tuple[ast.Block, ...], diagnostics: list[Diagnostic]) -> dict[int, Number]:
    taken = {(p.part, p.marker.number) for p in blocks
             if isinstance(p, ast.Paragraph) and p.marker is not None and p.marker.number is not None}
    previous: dict[str, Number | None] = {part: None for part in PARTS}
    numbers: dict[int, Number] = {}
    for index, block in enumerate(blocks):
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
    return numbers


def number_if_placed(blocks: tuple[ast.Block, ...], index: int, part: ast.Part, kind: ast.MarkerKind,
                     span: Span) -> Number | None:
    """The number an automatic marker (``kind`` "next" for ``#.``, "insert" for
    ``#+.``) of ``part`` would give a paragraph placed at ``index`` among the
    blocks of a body or annex, as negotiation numbering would number it; None
    for ``#+.`` with no paragraph of its part before it to take a number from."""
    if kind == "insert" and not any(isinstance(b, ast.Paragraph) and b.part == part and b.marker is not None
                                    for b in blocks[:index]):
        return None
    written = ("PP" if part == "preamble" else "") + ("#+." if kind == "insert" else "#.")
    placed = ast.Paragraph(span, part, ast.Marker(span, written, kind), None, ())
    return _negotiated((*blocks[:index], placed, *blocks[index:]), [])[index]


def number_sequential(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    """Every paragraph 1..N, in the body and in each annex apart."""
    def numbered(scope: Scope) -> tuple[ast.Block, ...]:
        counters = {part: 0 for part in PARTS}
        numbers: dict[int, Number] = {}
        for index, block in enumerate(scope.blocks):
            if isinstance(block, ast.Paragraph) and block.marker is not None:
                counters[block.part] += 1
                numbers[index] = Number(counters[block.part])
        return _apply(scope, numbers, sequential=True)

    return with_blocks(doc, numbered), []


def id_prefix(scope_index: int) -> str:
    """What the ids inside annex N start with ("att_1__"), as Akoma Ntoso's
    attachments name theirs; nothing in the body."""
    return f"att_{scope_index}__" if scope_index else ""


def _apply(scope: Scope, numbers: dict[int, Number], sequential: bool) -> tuple[ast.Block, ...]:
    style = scope.front.preamble_numbering
    prefix = id_prefix(scope.index)
    blocks: list[ast.Block] = []
    section = 0
    items: dict[str, int] = {}  # an item heading's word -> the last number it had ("Action" -> 13)
    for index, block in enumerate(scope.blocks):
        if isinstance(block, ast.Heading):
            section += 1
            blocks.append(replace(block, eid=f"{prefix}sec_{section}", number=_item_number(block, items)))
        elif index in numbers:
            number = numbers[index]
            eid = prefix + element_id(block.part, number, style)
            blocks.append(replace(block, number=number, num=number_text(block.part, number, style), eid=eid,
                                  subparagraphs=_number_subs(block.subparagraphs, eid, sequential)))
        else:
            blocks.append(replace(block, subparagraphs=_number_subs(block.subparagraphs, None, sequential)))
    return tuple(blocks)


_ITEM = re.compile(r"(.+) (\d+|#)\.")


def _item_number(heading: ast.Heading, items: dict[str, int]) -> str | None:
    """"Action #." is one more than the last "Action" heading before it in its
    body or annex (each word counts apart); an explicit "Action 13." sets the count."""
    m = _ITEM.fullmatch(heading.written_number or "")
    if m is None:
        return heading.number
    word, written = m.groups()
    items[word] = items.get(word, 0) + 1 if written == "#" else int(written)
    return f"{word} {items[word]}."


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
