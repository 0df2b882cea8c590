"""Cross-references: each ``{@label}`` gets the number its target has in this view."""

from __future__ import annotations

from dataclasses import replace

from .. import ast
from ..diagnostics import Diagnostic, Related, closest, make
from ..walk import inlines, paragraphs, rewrite_inlines


def resolve_references(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    targets: dict[str, tuple[str | None, str | None]] = {}  # label -> (number as cited, element id)
    defined: dict[str, ast.Label] = {}

    def define(label: ast.Label | None, text: str | None, eid: str | None) -> None:
        if label is None:
            return
        if label.name in defined:
            diagnostics.append(make("duplicate-label", f"the label `{label.name}` is already used", label.span,
                                    related=(Related(defined[label.name].span, "first used here"),),
                                    hints=("labels name one paragraph each; rename one of them",)))
            return
        defined[label.name] = label
        targets[label.name] = (text, eid)

    for paragraph in paragraphs(doc):
        define(paragraph.label, paragraph.num, paragraph.eid)
        _define_subs(paragraph.subparagraphs, paragraph.num, define)

    for node in inlines(doc):
        if isinstance(node, ast.Ref) and node.label not in targets:
            close = closest(node.label, targets)
            hints = (f"did you mean `{{@{close}}}`?",) if close else \
                ("label a paragraph with `{#name}` after its marker",)
            diagnostics.append(make("unknown-label", f"no paragraph is labelled `{node.label}`", node.span,
                                    hints=hints))

    def resolve(node: ast.Inline) -> tuple[ast.Inline, ...]:
        if isinstance(node, ast.Ref) and node.label in targets:
            text, eid = targets[node.label]
            return (replace(node, target=text, target_id=eid),)
        return (node,)

    return rewrite_inlines(doc, resolve), diagnostics


def _define_subs(subs, prefix, define) -> None:
    for sub in subs:
        text = f"{prefix} {sub.num}" if prefix else sub.num
        define(sub.label, text, sub.eid)
        _define_subs(sub.children, text, define)
