"""Comments and footnotes: numbered in document order; comments may be dropped."""

from __future__ import annotations

from dataclasses import replace

from .. import ast
from ..diagnostics import Diagnostic
from ..walk import rewrite_inlines


def _number(doc: ast.Document, kind: type) -> ast.Document:
    count = 0

    def number(node: ast.Inline) -> tuple[ast.Inline, ...]:
        nonlocal count
        if isinstance(node, kind):
            count += 1
            return (replace(node, index=count),)
        return (node,)

    return rewrite_inlines(doc, number)


def number_comments(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    """One count across all authors, in document order, as Word numbers them:
    the third comment is [ПW3] or [u3], whoever wrote the two before it."""
    return _number(doc, ast.Comment), []


def number_footnotes(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    """1, 2, 3 ... in document order: resolutions use numbered footnotes only
    (Editorial Manual, footnotes chapter 9)."""
    return _number(doc, ast.Footnote), []


def drop_comments(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    """Remove every comment; the words a comment was anchored to stay in the text."""

    def drop(node: ast.Inline) -> tuple[ast.Inline, ...]:
        if isinstance(node, ast.Comment):
            return node.anchor or ()
        return (node,)

    return rewrite_inlines(doc, drop), []
