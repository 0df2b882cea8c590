"""Cross-references: each ``{@label}`` gets the number its target has in this view.

Labels are the document's: one name, one target, in the body or in any annex.
A reference into an annex from outside it says which ("7 of annex I", "7 of
the annex"); within its own annex, or to the body, the number alone ("7").
An annex's ``name`` labels the annex itself ("annex I", "the annex").
"""

from __future__ import annotations

from dataclasses import replace

from .. import ast
from ..diagnostics import Diagnostic, Related, closest, make, replace_with
from ..languages import numbering, views
from ..walk import inlines, rewrite_block_inlines, scopes, with_blocks


def cited_annex(label: str, count: int, language: str = "en") -> str:
    """An annex as the text cites it: "annex I" from "Annex I"; "the annex"
    for the only one, when its label is one word ("Annex"); in the draft's
    language ("l’annexe I", languages/views.py)."""
    return views.cited_annex(label, count, language)


def resolve_references(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    # label -> (number as cited, element id, the body (0) or the annex (N) it is in)
    targets: dict[str, tuple[str | None, str | None, int]] = {}
    defined: dict[str, ast.Label] = {}
    language = doc.front.language
    annexes = {index: cited_annex(annex.label, len(doc.annexes), language)
               for index, annex in enumerate(doc.annexes, 1)}

    def define(label: ast.Label | None, text: str | None, eid: str | None, scope: int) -> None:
        if label is None:
            return
        if label.name in defined:
            diagnostics.append(make("duplicate-label", f"the label `{label.name}` is already used", label.span,
                                    related=(Related(defined[label.name].span, "first used here"),),
                                    hints=("labels name one paragraph or annex each; rename one of them",)))
            return
        defined[label.name] = label
        targets[label.name] = (text, eid, scope)

    for scope in scopes(doc):
        if scope.index and scope.front.name:
            # The annex itself, cited the same from anywhere: no number of its own.
            define(ast.Label(scope.front.name_span, scope.front.name), annexes[scope.index], f"att_{scope.index}", 0)
        for paragraph in scope.blocks:
            if isinstance(paragraph, ast.Paragraph):
                num = _cited(paragraph, scope.front.preamble_numbering, language)
                define(paragraph.label, num, paragraph.eid, scope.index)
                _define_subs(paragraph.subparagraphs, num, define, scope.index, language)

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
                text, eid, where = targets[node.label]
                if where and where != scope and text is not None:
                    annex = doc.annexes[where - 1]
                    text = views.in_annex(text, annex.label, len(doc.annexes), language)
                return (replace(node, target=text, target_id=eid),)
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
        define(sub.label, text, sub.eid, scope)
        _define_subs(sub.children, text, define, scope, language)
