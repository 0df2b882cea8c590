"""Views: the ordered passes that turn a parsed draft into the document a writer
prints. Each pass is pure: ``Document -> (Document, diagnostics)``."""

from __future__ import annotations

from collections.abc import Callable

from .. import ast
from ..diagnostics import Diagnostic
from .changes import Decision, accept_all, apply_changes, drop_statuses, gather_proposals, reject_all
from .guard import fingerprint_agreed
from .comments import drop_comments, number_comments, number_footnotes
from .numbering import number_negotiation, number_sequential
from .preamble import mark_preamble_text
from .references import resolve_references

Pass = Callable[[ast.Document], tuple[ast.Document, list[Diagnostic]]]

VIEWS: dict[str, tuple[tuple[str, Pass], ...]] = {
    # The draft as negotiated: numbers as written, insertions numbered bis, ter, ...
    "negotiation": (
        ("number", number_negotiation),
        ("fingerprints", fingerprint_agreed),
        ("comments", number_comments),
        ("footnotes", number_footnotes),
        ("references", resolve_references),
        ("preamble", mark_preamble_text),
    ),
    # A new revision: every change accepted, paragraphs 1..N, no comments or
    # statuses, references updated.
    "clean": (
        ("changes", accept_all),
        ("statuses", drop_statuses),
        ("comments", drop_comments),
        ("number", number_sequential),
        ("footnotes", number_footnotes),
        ("references", resolve_references),
        ("preamble", mark_preamble_text),
    ),
    # The text before the proposals: every change rejected, numbers as written.
    "original": (
        ("number", number_negotiation),
        ("changes", reject_all),
        ("comments", number_comments),
        ("footnotes", number_footnotes),
        ("references", resolve_references),
        ("preamble", mark_preamble_text),
    ),
    # Each paragraph as it stands, followed by the proposals on it, by delegation.
    "compilation": (
        ("number", number_negotiation),
        ("changes", gather_proposals),
        ("comments", number_comments),
        ("footnotes", number_footnotes),
        ("references", resolve_references),
        ("preamble", mark_preamble_text),
    ),
}


# What checking needs of the negotiation view: the numbers and the references.
CHECK_PASSES = ("number", "references")


def apply_view(doc: ast.Document, view: str, *, comments: bool = True,
               only: tuple[str, ...] | None = None,
               decision: Decision | None = None) -> tuple[ast.Document, list[Diagnostic]]:
    """Run a view's passes in order (``only`` those named, when given).
    ``decision`` first accepts or rejects some delegations' changes (--accept, --reject)."""
    passes = VIEWS[view]
    if decision is not None:
        passes = (("decisions", lambda d: apply_changes(d, decision)),) + passes
    if only is not None:
        passes = tuple(p for p in passes if p[0] in only)
    if not comments:
        passes = (("comments", drop_comments),) + tuple(p for p in passes if p[0] != "comments")
    diagnostics: list[Diagnostic] = []
    for _name, run in passes:
        doc, found = run(doc)
        diagnostics.extend(found)
    return doc, diagnostics
