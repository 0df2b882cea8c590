"""Cross-references: each ``{@label}`` gets the number its target has in this view.

Labels are the document's: one name, one target, in the body or in any annex.
A reference into an annex from outside it says which ("7 of annex I", "7 of
the annex"); within its own annex, or to the body, the number alone ("7").
An annex's ``name`` labels the annex itself ("annex I", "the annex").
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from .. import ast
from ..diagnostics import Diagnostic, Related, closest, make, replace_with
from ..languages import numbering, views
from ..walk import inlines, rewrite_block_inlines, scopes, with_blocks


def cited_annex(label: str, count: int, language: str = "en") -> str:
    """An annex as the text cites it: "annex I" from "Annex I"; "the annex"
    for the only one, when its label is one word ("Annex"); in the draft's
    language ("l’annexe I", languages/views.py)."""
    return views.cited_annex(label, count, language)


class Target(NamedTuple):
    """What a label names, and how the text cites it."""

    label: ast.Label
    text: str | None  # the number as cited from its own body or annex: "142", "12 (a)"; "annex I"
    eid: str | None  # "para_142", "att_1"
    scope: int  # the body (0) or the annex (N) it is in; an annex's own name counts as the body's
    node: ast.Paragraph | ast.SubParagraph | ast.Annex


def label_targets(doc: ast.Document) -> tuple[dict[str, Target], list[Diagnostic]]:
    """Every label of the document (annexes included) -> its target, in document
    order; a label given twice keeps its first target and is reported."""
    diagnostics: list[Diagnostic] = []
    targets: dict[str, Target] = {}
    language = doc.front.language
    annexes = {index: cited_annex(annex.label, len(doc.annexes), language)
               for index, annex in enumerate(doc.annexes, 1)}

    def define(label: ast.Label | None, text: str | None, eid: str | None, scope: int, node) -> None:
        if label is None:
            return
        if label.name in targets:
            diagnostics.append(make("duplicate-label", f"the label `{label.name}` is already used", label.span,
                                    related=(Related(targets[label.name].label.span, "first used here"),),
                                    hints=("labels name one paragraph or annex each; rename one of them",)))
            return
        targets[label.name] = Target(label, text, eid, scope, node)

    for scope in scopes(doc):
        if scope.index and scope.front.name:
            # The annex itself, cited the same from anywhere: no number of its own.
            define(ast.Label(scope.front.name_span, scope.front.name), annexes[scope.index], f"att_{scope.index}", 0,
                   doc.annexes[scope.index - 1])
        for paragraph in scope.blocks:
            if isinstance(paragraph, ast.Paragraph):
                num = _cited(paragraph, scope.front.preamble_numbering, language)
                define(paragraph.label, num, paragraph.eid, scope.index, paragraph)
                _define_subs(paragraph.subparagraphs, num, define, scope.index, language)
    return targets, diagnostics


def cited_from(target: Target, scope: int, doc: ast.Document) -> str | None:
    """The target as a reference in the body (0) or annex ``scope`` prints it:
    "7 of annex I" from outside that annex, "7" inside it."""
    if target.scope and target.scope != scope and target.text is not None:
        annex = doc.annexes[target.scope - 1]
        return views.in_annex(target.text, annex.label, len(doc.annexes), doc.front.language)
    return target.text


def resolve_references(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    targets, diagnostics = label_targets(doc)

    for node in inlines(doc):
        if isinstance(node, ast.Ref) and node.label not in targets:
            close = closest(node.label, targets)
            hints = (f"did you mean `{{@{close}}}`?",) if close else \
                ("label a paragraph with `{#name}` after its marker",)
            diagnostics.append(make("unknown-label", f"no paragraph is labelled `{node.label}`", node.span,
                                    hints=hints, fixes=(replace_with(node.span, f"{{@{close}}}"),) if close else ()))

    def resolver(scope: int):
        def resolve(node: ast.Inline) -> tuple[ast.Inline, ...]:
            if isinstance(node, ast.Ref) and node.label in targets:
                target = targets[node.label]
                return (replace(node, target=cited_from(target, scope, doc), target_id=target.eid),)
            return (node,)
        return resolve

    return with_blocks(doc, lambda scope: rewrite_block_inlines(scope.blocks, resolver(scope.index))), diagnostics


def _cited(paragraph: ast.Paragraph, style: ast.PreambleNumbering, language: str) -> str | None:
    """A paragraph's number as the text cites it, in the draft's language ("103 bis" in French)."""
    if language == "en" or paragraph.number is None or paragraph.num is None:
        return paragraph.num
    return numbering.cited_paragraph(paragraph.part, paragraph.number, style, language)


def _define_subs(subs, prefix, define, scope: int, language: str) -> None:
    for sub in subs:
        label = sub.num if language == "en" or sub.ordinal is None else \
            numbering.sub_label(sub.level, sub.ordinal, language)
        text = f"{prefix} {label}" if prefix else label
        define(sub.label, text, sub.eid, scope, sub)
        _define_subs(sub.children, text, define, scope, language)
