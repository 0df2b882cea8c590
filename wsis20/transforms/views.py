"""Views: the ordered passes that turn a parsed draft into the document a writer
prints. Each pass is pure: ``Document -> (Document, diagnostics)``."""

from __future__ import annotations

from collections.abc import Callable

from .. import ast
from ..diagnostics import Diagnostic
from .comments import drop_comments, number_comments, number_footnotes
from .numbering import number_negotiation, number_sequential
from .references import resolve_references

Pass = Callable[[ast.Document], tuple[ast.Document, list[Diagnostic]]]

VIEWS: dict[str, tuple[tuple[str, Pass], ...]] = {
    # The draft as negotiated: numbers as written, insertions numbered bis, ter, ...
    "negotiation": (
        ("number", number_negotiation),
        ("comments", number_comments),
        ("footnotes", number_footnotes),
        ("references", resolve_references),
    ),
    # A new revision: every paragraph 1..N, no comments, references updated.
    "clean": (
        ("comments", drop_comments),
        ("number", number_sequential),
        ("footnotes", number_footnotes),
        ("references", resolve_references),
    ),
}


# What checking needs of the negotiation view: the numbers and the references.
CHECK_PASSES = ("number", "references")


def apply_view(doc: ast.Document, view: str, *, comments: bool = True,
               only: tuple[str, ...] | None = None) -> tuple[ast.Document, list[Diagnostic]]:
    """Run a view's passes in order (``only`` those named, when given)."""
    passes = VIEWS[view]
    if only is not None:
        passes = tuple(p for p in passes if p[0] in only)
    if not comments:
        passes = (("comments", drop_comments),) + tuple(p for p in passes if p[0] != "comments")
    diagnostics: list[Diagnostic] = []
    for _name, run in passes:
        doc, found = run(doc)
        diagnostics.extend(found)
    return doc, diagnostics
