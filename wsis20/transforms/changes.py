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
from ..walk import Scope, paragraph_inlines, rewrite_block_inlines, rewrite_inlines, with_blocks

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


def left_by(change: ast.Change, accepted: bool) -> tuple[ast.Inline, ...]:
    """The words a change leaves once decided: its new ones if accepted, its old ones if not."""
    return change.new if accepted else change.old


def keeps(proposal: ast.Proposal, accepted: bool) -> bool:
    """Whether a paragraph proposed as new, or for deletion, stays once decided."""
    return accepted == (proposal.kind == "new")


def apply_changes(doc: ast.Document, decision: Decision) -> tuple[ast.Document, list[Diagnostic]]:
    def apply(node: ast.Inline) -> tuple[ast.Inline, ...]:
        if isinstance(node, ast.Change):
            verdict = decision(node.author)
            if verdict is not None:
                return left_by(node, verdict)
        return (node,)

    def decided(scope: Scope) -> tuple[ast.Block, ...]:
        blocks: list[ast.Block] = []
        for block in scope.blocks:
            if isinstance(block, ast.Paragraph) and block.proposal is not None:
                verdict = decision(block.proposal.author)
                if verdict is not None:
                    if not keeps(block.proposal, verdict):
                        continue
                    block = replace(block, proposal=None)
            blocks.append(block)
        return tuple(blocks)

    return with_blocks(rewrite_inlines(doc, apply), decided), []


def accept_all(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    return apply_changes(doc, decide(otherwise=True))


def reject_all(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    return apply_changes(doc, decide(otherwise=False))


def gather_proposals(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    """For a compilation: each paragraph's text as it stands (its changes
    rejected), with the changes proposed to it kept beside it, in order, for the
    writer to list. Whole-paragraph proposals stay, marked."""
    def gathered(scope: Scope) -> tuple[ast.Block, ...]:
        as_it_stands = rewrite_block_inlines(scope.blocks, lambda n: n.old if isinstance(n, ast.Change) else (n,))
        return tuple(replace(after, proposed=tuple(n for n in paragraph_inlines(before) if isinstance(n, ast.Change)))
                     if isinstance(after, ast.Paragraph) else after
                     for before, after in zip(scope.blocks, as_it_stands, strict=True))

    return with_blocks(doc, gathered), []


def drop_statuses(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    """A clean text shows no negotiation status."""
    return with_blocks(doc, lambda scope: tuple(replace(b, status="pending") if isinstance(b, ast.Paragraph) else b
                                                for b in scope.blocks)), []
