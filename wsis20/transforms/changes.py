"""Proposed changes: accepted, rejected, or gathered under their paragraph.

Accepting ``{~~old~>new~~}`` leaves ``new``; rejecting it leaves ``old``. A
paragraph proposed as new (``{+EU}``) stays when accepted and goes when rejected;
one proposed for deletion (``{-EU}``) goes when accepted and stays when rejected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .. import ast
from ..diagnostics import Diagnostic
from ..walk import paragraph_inlines, rewrite_inlines

# Decides a change by its author: True accept, False reject, None leave it proposed.
Decision = Callable[[str | None], bool | None]


def decide(accept: frozenset[str] | None = None, reject: frozenset[str] = frozenset(),
           otherwise: bool | None = None) -> Decision:
    """``accept``/``reject`` name delegations (by their initials); the rest get ``otherwise``."""
    def decision(author: str | None) -> bool | None:
        if author is not None and author in reject:
            return False
        if accept is not None and author is not None and author in accept:
            return True
        return otherwise
    return decision


def apply_changes(doc: ast.Document, decision: Decision) -> tuple[ast.Document, list[Diagnostic]]:
    def apply(node: ast.Inline) -> tuple[ast.Inline, ...]:
        if isinstance(node, ast.Change):
            verdict = decision(node.author)
            if verdict is True:
                return node.new
            if verdict is False:
                return node.old
        return (node,)

    doc = rewrite_inlines(doc, apply)
    blocks: list[ast.Block] = []
    for block in doc.blocks:
        if isinstance(block, ast.Paragraph) and block.proposal is not None:
            verdict = decision(block.proposal.author)
            if verdict is not None:
                keep = verdict == (block.proposal.kind == "new")
                if not keep:
                    continue
                block = replace(block, proposal=None)
        blocks.append(block)
    return replace(doc, blocks=tuple(blocks)), []


def accept_all(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    return apply_changes(doc, decide(otherwise=True))


def reject_all(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    return apply_changes(doc, decide(otherwise=False))


def gather_proposals(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    """For a compilation: each paragraph's text as it stands (its changes
    rejected), with the changes proposed to it kept beside it, in order, for the
    writer to list. Whole-paragraph proposals stay, marked."""
    proposed = [tuple(n for n in paragraph_inlines(b) if isinstance(n, ast.Change))
                if isinstance(b, ast.Paragraph) else () for b in doc.blocks]
    as_it_stands = rewrite_inlines(doc, lambda n: n.old if isinstance(n, ast.Change) else (n,))
    blocks = tuple(replace(b, proposed=changes) if isinstance(b, ast.Paragraph) else b
                   for b, changes in zip(as_it_stands.blocks, proposed, strict=True))
    return replace(doc, blocks=blocks), []


def drop_statuses(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    """A clean text shows no negotiation status."""
    blocks = tuple(replace(b, status="pending") if isinstance(b, ast.Paragraph) else b for b in doc.blocks)
    return replace(doc, blocks=blocks), []
