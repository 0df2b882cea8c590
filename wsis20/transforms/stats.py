"""Counts for `wsisc stats`: a pure function of the parsed document."""

from __future__ import annotations

import re
from collections import Counter

from .. import ast
from ..walk import blocks, inlines, paragraph_inlines, paragraphs, plain_text, scopes, subparagraphs
from .views import apply_view


def _counts(paragraphs_in: list[ast.Paragraph]) -> dict[str, int]:
    by_kind = Counter(p.part for p in paragraphs_in)
    return {"preamble": by_kind["preamble"], "operative": by_kind["operative"], "unnumbered": by_kind["text"]}


def statistics(doc: ast.Document) -> dict:
    """Counts for the whole document; ``annexes`` gives each annex's
    paragraphs apart (numbered from 1 in each)."""
    numbered = [p for p in paragraphs(doc) if p.part != "text"]
    by_status = Counter(p.status for p in numbered)
    bracketed = sum(1 for p in numbered if any(isinstance(n, ast.Bracket) for n in paragraph_inlines(p)))
    changes: dict[str, Counter] = {}
    comments: Counter = Counter()
    for node in inlines(doc):
        if isinstance(node, ast.Change):
            changes.setdefault(node.author or "", Counter())[node.kind] += 1
        elif isinstance(node, ast.Comment):
            comments[node.author or ""] += 1
    for p in paragraphs(doc):
        if p.proposal is not None:
            kind = "new paragraph" if p.proposal.kind == "new" else "paragraph deletion"
            changes.setdefault(p.proposal.author, Counter())[kind] += 1
    names = dict(doc.front.authors)
    return {
        "paragraphs": _counts(list(paragraphs(doc))),
        "annexes": [{"label": scope.label,
                     "paragraphs": _counts([b for b in scope.blocks if isinstance(b, ast.Paragraph)])}
                    for scope in scopes(doc) if scope.index],
        "status": {status: by_status[status] for status in ("pending", "agreed", "ad-ref", "closure", "reopened")},
        "bracketed_paragraphs": bracketed,
        "changes": {author: {"name": names.get(author, ""), **dict(kinds)} for author, kinds in sorted(changes.items())},
        "comments": {author: {"name": names.get(author, ""), "count": n} for author, n in sorted(comments.items())},
        "words": {view: _words(apply_view(doc, view, comments=False)[0])
                  for view in ("original", "negotiation", "clean", "compilation")},
    }


_WORD = re.compile(r"\w+")


def _words(doc: ast.Document) -> int:
    """Words of the text as the view shows it; in the redline a pending change
    shows both its old and its new words."""
    total = 0
    for block in blocks(doc):
        parts = [block.content]
        if isinstance(block, ast.Paragraph):
            parts += [sub.content for sub in subparagraphs(block.subparagraphs)]
        total += sum(len(_WORD.findall(plain_text(nodes, changes="both"))) for nodes in parts)
    return total
