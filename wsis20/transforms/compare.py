"""Comparing two revisions: paragraphs matched across them, words compared
inside each pair, and the result as a document the writers already print.

Paragraphs are matched by label, then by identical words, then by the most
similar words among those not yet matched (so renumbered and moved paragraphs
are recognised); the rest are new or dropped. Inside a matched pair, a
word-level difference becomes insertions and deletions (`ast.Change`), and a
paragraph whose number changed says so ("former 103ter").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from .. import ast
from ..walk import paragraph_words, paragraphs

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")  # words, spaces and punctuation apart


@dataclass(frozen=True)
class Pair:
    old: ast.Paragraph | None
    new: ast.Paragraph | None

    @property
    def status(self) -> str:
        if self.old is None:
            return "new"
        if self.new is None:
            return "dropped"
        if paragraph_words(self.old) != paragraph_words(self.new):
            return "changed"
        return "unchanged" if self.old.num == self.new.num else "renumbered"


def match(old: ast.Document, new: ast.Document) -> list[Pair]:
    """Pairs in the new revision's order, each dropped paragraph after the pair
    that came before it in the old revision. Both documents numbered."""
    olds = [p for p in paragraphs(old) if p.marker is not None]
    news = [p for p in paragraphs(new) if p.marker is not None]
    partner: dict[int, ast.Paragraph] = {}  # id(new) -> old
    taken: set[int] = set()

    def pair(n: ast.Paragraph, o: ast.Paragraph) -> None:
        partner[id(n)] = o
        taken.add(id(o))

    old_labels = {p.label.name: p for p in olds if p.label}
    for n in news:
        if n.label and n.label.name in old_labels:
            pair(n, old_labels[n.label.name])
    old_words: dict[str, list[ast.Paragraph]] = {}
    for o in olds:
        old_words.setdefault(paragraph_words(o), []).append(o)
    for n in news:
        if id(n) not in partner:
            for o in old_words.get(paragraph_words(n), []):
                if id(o) not in taken and o.part == n.part:
                    pair(n, o)
                    break
    for n in news:
        if id(n) in partner:
            continue
        best, best_ratio = None, 0.5
        target = _tokens(paragraph_words(n))
        for o in olds:
            if id(o) in taken or o.part != n.part:
                continue
            matcher = difflib.SequenceMatcher(None, target, _tokens(paragraph_words(o)), autojunk=False)
            if matcher.quick_ratio() >= best_ratio and (ratio := matcher.ratio()) >= best_ratio:
                best, best_ratio = o, ratio
        if best is not None:
            pair(n, best)

    pairs = [Pair(partner.get(id(n)), n) for n in news]
    # Put each dropped paragraph after the pair holding the old paragraph before it.
    for index, o in enumerate(olds):
        if id(o) in taken:
            continue
        at = 0
        for earlier in reversed(olds[:index]):
            spot = next((i for i, p in enumerate(pairs) if p.old is earlier), None)
            if spot is not None:
                at = spot + 1
                break
        pairs.insert(at, Pair(o, None))
    return pairs


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def comparison(old: ast.Document, new: ast.Document) -> ast.Document:
    """The comparison as a document: the new revision, each paragraph's words
    marked against its former version, dropped paragraphs struck through in place."""
    blocks: list[ast.Block] = []
    pairs = iter(match(old, new))
    pending = next(pairs, None)
    for block in new.blocks:
        while pending is not None and pending.new is None:  # dropped paragraphs before this one
            blocks.append(_dropped(pending.old))
            pending = next(pairs, None)
        if isinstance(block, ast.Paragraph) and block.marker is not None and pending is not None \
                and pending.new is block:
            blocks.append(_compared(pending))
            pending = next(pairs, None)
        else:
            blocks.append(block)
    while pending is not None:
        if pending.new is None:
            blocks.append(_dropped(pending.old))
        pending = next(pairs, None)
    return replace(new, blocks=tuple(blocks))


def _dropped(paragraph: ast.Paragraph) -> ast.Paragraph:
    span = paragraph.span
    text = (ast.Text(span, paragraph_words(paragraph)),)
    return replace(paragraph, content=(ast.Change(span, "delete", None, old=text),), subparagraphs=(),
                   label=None, eid=f"former_{paragraph.eid}" if paragraph.eid else None, num=None,
                   compared=("dropped", paragraph.num), status="pending")


def _compared(pair: Pair) -> ast.Paragraph:
    old, new = pair.old, pair.new
    compared = (pair.status, old.num if old is not None else None)
    if old is None or paragraph_words(old) == paragraph_words(new):
        return replace(new, compared=compared, status="pending")
    span = new.span
    before, after = _TOKEN.findall(paragraph_words(old)), _TOKEN.findall(paragraph_words(new))
    content: list[ast.Inline] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        old_text, new_text = "".join(before[i1:i2]), "".join(after[j1:j2])
        if op == "equal":
            content.append(ast.Text(span, new_text))
        elif op == "delete":
            content.append(ast.Change(span, "delete", None, old=(ast.Text(span, old_text),)))
        elif op == "insert":
            content.append(ast.Change(span, "insert", None, new=(ast.Text(span, new_text),)))
        else:
            content.append(ast.Change(span, "substitute", None, old=(ast.Text(span, old_text),),
                                      new=(ast.Text(span, new_text),)))
    return replace(new, content=tuple(content), subparagraphs=(), compared=compared, status="pending")
