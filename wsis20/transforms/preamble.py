"""Which unnumbered text stands in a preamble: a fact of the blocks' order in the
view being built, so it is decided after the view's changes are applied (a proposed
preambular paragraph accepted or rejected moves where the preamble ends)."""

from __future__ import annotations

from dataclasses import replace

from .. import ast, walk
from ..diagnostics import Diagnostic


def mark_preamble_text(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    return walk.with_blocks(doc, lambda scope: _marked(scope.blocks)), []


def _marked(blocks: tuple[ast.Block, ...]) -> tuple[ast.Block, ...]:
    """Unnumbered text that stands in the preamble (before the first preambular
    paragraph, or between two, and before the first operative one) marked so,
    to be laid out with it."""
    kinds = [b.part for b in blocks if isinstance(b, ast.Paragraph)]
    operative = kinds.index("operative") if "operative" in kinds else len(kinds)
    preambular = [i for i, kind in enumerate(kinds[:operative]) if kind == "preamble"]
    last_preamble = preambular[-1] if preambular else -1
    out, position = [], 0
    for block in blocks:
        if isinstance(block, ast.Paragraph):
            if block.in_preamble != (block.part == "text" and position < last_preamble):
                block = replace(block, in_preamble=not block.in_preamble)
            position += 1
        out.append(block)
    return tuple(out)
