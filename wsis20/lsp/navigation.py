"""Hover, go to definition, find references and rename, over an ``OpenDraft``.

What the cursor is on is found in the draft as negotiated (``thing_at``); each
request turns that into its answer as lsprotocol types. Positions are the
compiler's spans, turned into the editor's (line, UTF-16 character) by the
draft. Nothing here writes a file: a rename is a WorkspaceEdit for the editor.
The outline and folding live in ``symbols``; ``register`` adds both.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal

import yaml
from lsprotocol import types as lsp

from .. import ast
from ..languages import views
from ..parse.to_ast import LABEL_NAME, initials_at
from ..source import Span
from ..walk import Scope, inline_nodes, paragraph_words, plain_text, scopes, subparagraphs
from ..writers import change_phrase, proposer
from . import symbols
from .draft import OpenDraft, Placed, Target
from .protocol import refused, span_range
from .symbols import first_words

Kind = Literal["marker", "sub", "label", "ref", "initials", "change", "proposal"]


@dataclass(frozen=True)
class Found:
    """The thing at a position: its kind, its span, the node, and the paragraph it is in."""

    kind: Kind
    span: Span
    node: object  # Marker, SubParagraph (its path in ``subs``), Target, Ref, Change, Proposal, or the initials
    placed: Placed | None = None
    subs: tuple[ast.SubParagraph, ...] = ()  # a sub-paragraph and its parents, outermost first


def _inside(span: Span | None, at: int) -> bool:
    return span is not None and span.start <= at < span.end


# ------------------------------------------------------- what is at a position

def thing_at(draft: OpenDraft, at: int) -> Found | None:
    """The innermost thing at the offset ``at`` that a request can speak of."""
    if draft.document is None:
        return None
    for target in (t for ts in draft.labels.values() for t in ts):
        if target.paragraph is None and _inside(target.span, at):
            return Found("label", target.span, target)
    placed = draft.paragraph_at(at)
    if placed is not None and at < placed.paragraph.span.end:
        paragraph = placed.paragraph
        if paragraph.marker is not None and _inside(paragraph.marker.span, at):
            return Found("marker", paragraph.marker.span, paragraph.marker, placed)
        if paragraph.proposal is not None and _inside(paragraph.proposal.span, at):
            return Found("proposal", paragraph.proposal.span, paragraph.proposal, placed)
        label = _label_at(draft, paragraph.label, at)
        if label is not None:
            return Found("label", label.span, label, placed)
        found = _in_inlines(draft, paragraph.content, at, placed)
        return found or _in_subs(draft, paragraph.subparagraphs, at, placed, ())
    for scope in scopes(draft.document):
        for block in scope.blocks:
            if isinstance(block, ast.Heading) and block.span.start <= at < block.span.end:
                return _in_inlines(draft, block.content, at, None)
    return None


def _label_at(draft: OpenDraft, label: ast.Label | None, at: int) -> Target | None:
    if label is None or not _inside(label.span, at):
        return None
    return next((t for t in draft.labels.get(label.name, ()) if t.span.end == label.span.end), None)


def _in_subs(draft, subs, at, placed, parents) -> Found | None:
    for sub in subs:
        if not (sub.span.start <= at < sub.span.end):
            continue
        path = parents + (sub,)
        if _inside(sub.marker.span, at):
            return Found("sub", sub.marker.span, sub, placed, path)
        label = _label_at(draft, sub.label, at)
        if label is not None:
            return Found("label", label.span, label, placed, path)
        return _in_inlines(draft, sub.content, at, placed) or _in_subs(draft, sub.children, at, placed, path)
    return None


def _in_inlines(draft: OpenDraft, nodes, at: int, placed: Placed | None) -> Found | None:
    for node in nodes:
        if not _inside(node.span, at):
            continue
        match node:
            case ast.Ref():
                return Found("ref", node.span, node, placed)
            case ast.Comment() | ast.Change():
                initials = initials_span(draft, node)
                if _inside(initials, at):
                    return Found("initials", initials, node.author, placed)
                inner = (node.anchor or ()) + node.body if isinstance(node, ast.Comment) else node.old + node.new
                found = _in_inlines(draft, inner, at, placed)
                if found is None and isinstance(node, ast.Change):
                    return Found("change", node.span, node, placed)
                return found
            case ast.Emphasis():
                return _in_inlines(draft, node.children, at, placed)
            case ast.Footnote():
                return _in_inlines(draft, node.body, at, placed)
            case ast.Bracket():
                return _in_inlines(draft, tuple(n for a in node.alternatives for n in a), at, placed)
        return None
    return None


def initials_span(draft: OpenDraft, node: ast.Comment | ast.Change) -> Span | None:
    """Where a comment's or a change's author is written (`ПW` in `{>>ПW: ...<<}`)."""
    if node.author is None:
        return None
    text = draft.source.text
    # A highlight's comment opens after its anchor's `==}`; anything else opens where it starts.
    opening = text.find("{>>", node.anchor[-1].span.end) if isinstance(node, ast.Comment) and node.anchor \
        else node.span.start
    found = initials_at(text, opening + 3) if opening >= 0 else None
    if found is None or text[found[0]:found[1]] != node.author:
        return None
    return draft.source.span(*found)


def reference_name(ref: ast.Ref) -> Span:
    """The label's name inside ``{@name}``."""
    return Span(ref.span.start + 2, ref.span.end - 1, ref.span.line, ref.span.column + 2)


# -------------------------------------------------------------------- hover

def _md(text: str) -> str:
    """Words from the draft, safe in Markdown."""
    return re.sub(r"([\\`*_{}\[\]<>#|~])", r"\\\1", text)


def _paragraph_title(placed: Placed, count: int) -> str:
    paragraph, scope = placed.paragraph, placed.scope
    kind = "Preambular paragraph" if paragraph.part == "preamble" else "Paragraph"
    if paragraph.num is None:
        return "Unnumbered text" + (f" of {_annex(scope, count)}" if scope.index else "")
    return f"{kind} {_cited(paragraph.num, scope, count)}"


def _annex(scope: Scope, count: int) -> str:
    return views.cited_annex(scope.label, count)


def _cited(number: str, scope: Scope, count: int) -> str:
    return views.in_annex(number, scope.label, count) if scope.index else number


def _clean_view(clean: str | None, written: str) -> str:
    return f"{written} here; " + (f"{clean} in the clean view" if clean else "dropped in the clean view")


def hover(draft: OpenDraft, at: int) -> lsp.Hover | None:
    found = thing_at(draft, at)
    if found is None:
        return None
    text = _HOVERS[found.kind](draft, found)
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text), span_range(draft, found.span))


def _hover_marker(draft: OpenDraft, found: Found) -> str:
    paragraph = found.placed.paragraph
    count = len(draft.document.annexes)
    lines = [f"**{_paragraph_title(found.placed, count)}**"]
    numbers = _clean_view(draft.clean_numbers.get(paragraph.span), paragraph.num)
    if paragraph.proposal is not None and paragraph.proposal.kind == "new":
        numbers += "; dropped in the original view"
    lines.append(numbers + ".")
    if paragraph.status != "pending":
        lines.append(f"Status: {views.status_words('en')[paragraph.status]}.")
    if paragraph.proposal is not None:
        lines.append(_proposal_line(draft, paragraph.proposal) + ".")
    return "\n\n".join(lines)


def _sub_numbers(draft: OpenDraft, found: Found) -> tuple[str, str | None]:
    """A sub-paragraph's number as cited ("12 (b) (i)") here and in the clean view."""
    paragraph = found.placed.paragraph
    here = " ".join([paragraph.num or ""] + [s.num for s in found.subs]).strip()
    clean = [draft.clean_numbers.get(paragraph.span)] if paragraph.num else []
    clean += [draft.clean_sub_numbers.get(s.span) for s in found.subs]
    return here, None if None in clean else " ".join(clean)


def _hover_sub(draft: OpenDraft, found: Found) -> str:
    here, clean = _sub_numbers(draft, found)
    scope, count = found.placed.scope, len(draft.document.annexes)
    return f"**Sub-paragraph {_cited(here, scope, count)}**\n\n{_clean_view(clean, here)}."


def _target_title(draft: OpenDraft, target: Target) -> str:
    """A label's target in words: "paragraph 12 (a) of annex I", "annex I"."""
    count = len(draft.document.annexes)
    if target.paragraph is None:
        return _annex(target.scope, count)
    number = target.paragraph.num or ""
    if target.sub is not None:
        path = _sub_path(target.paragraph.subparagraphs, target.sub)
        number = " ".join([number] + [s.num for s in path]).strip()
    kind = "preambular paragraph" if target.paragraph.part == "preamble" and target.sub is None else "paragraph"
    return f"{kind} {_cited(number, target.scope, count)}"


def _sub_path(subs, wanted) -> tuple[ast.SubParagraph, ...]:
    for sub in subs:
        if sub is wanted:
            return (sub,)
        inner = _sub_path(sub.children, wanted)
        if inner:
            return (sub,) + inner
    return ()


def _target_words(target: Target) -> str:
    if target.paragraph is None:
        return target.scope.front.title or ""
    words = plain_text(target.sub.content) if target.sub else paragraph_words(target.paragraph)
    return first_words(words)


def _hover_label(draft: OpenDraft, found: Found) -> str:
    target = found.node
    cited = len(draft.references.get(target.name, ()))
    lines = [f"**Label `{target.name}`**: {_target_title(draft, target)}",
             f"Cited by {cited} reference{'' if cited == 1 else 's'}."]
    if draft.labels[target.name][0] is not target:
        lines.append("A second label of this name: references cite the first.")
    return "\n\n".join(lines)


def _hover_ref(draft: OpenDraft, found: Found) -> str:
    ref = found.node
    targets = draft.labels.get(ref.label)
    if not targets:
        return f"No paragraph is labelled `{ref.label}`."
    target, cited = targets[0], ref.target or ref.label
    if target.paragraph is None:
        title = f"**{cited[:1].upper() + cited[1:]}**"
    else:
        kind = "Preambular paragraph" if target.paragraph.part == "preamble" and target.sub is None else "Paragraph"
        title = f"**{kind} {cited}**"
    clean = draft.clean_references.get(ref.span, False)
    if clean is None:
        title += " (dropped in the clean view)"
    elif clean and clean != ref.target:
        title += f" ({clean} in the clean view)"
    words = _target_words(target)
    return title + (f"\n\n{_md(words)}" if words else "")


def _author(draft: OpenDraft, initials: str | None) -> str:
    name = draft.document.front.author_name(initials) if initials else None
    # Initials first: a delegation's name often ends in brackets of its own ("Reviewer u (Russian Federation)").
    return f"`{initials}`, {_md(name)}" if name else _md(proposer(draft.document.front, initials))


def _hover_initials(draft: OpenDraft, found: Found) -> str:
    initials = found.node
    name = draft.document.front.author_name(initials)
    if name is None:
        return f"`{initials}` is not declared under `authors:` in the front matter."
    return f"**`{initials}`**: {_md(name)}"


def _proposal_line(draft: OpenDraft, proposal: ast.Proposal) -> str:
    what = "as a new paragraph" if proposal.kind == "new" else "for deletion"
    return f"Proposed {what} by {_author(draft, proposal.author)}"


def _hover_proposal(draft: OpenDraft, found: Found) -> str:
    proposal, paragraph = found.node, found.placed.paragraph
    lines = [f"**{_proposal_line(draft, proposal)}**"]
    if proposal.kind == "delete":
        lines.append("Accepted, the paragraph is deleted (dropped in the clean view); rejected, it stays"
                     + (f" as {paragraph.num}." if paragraph.num else "."))
    else:
        clean = draft.clean_numbers.get(paragraph.span)
        lines.append("Accepted, the paragraph stays" + (f" as {clean} in the clean view" if clean else "")
                     + "; rejected, it is dropped.")
        lines.append(f"“{_md(first_words(paragraph_words(paragraph)))}”")
    return "\n\n".join(lines)


def _hover_change(draft: OpenDraft, found: Found) -> str:
    change = found.node
    phrase = "".join(part if isinstance(part, str) else plain_text(part) for part in change_phrase(change))
    lines = [f"**Proposal by {_author(draft, change.author)}**: {_md(phrase)}"]
    before, words, after = _accepted(found.placed, change)
    lines.append(f"Accepted, it reads: “{_md(_window(before, words, after))}”")
    return "\n\n".join(lines)


CONTEXT = 6  # words either side of an accepted change


def _accepted(placed: Placed, change: ast.Change) -> tuple[str, str, str]:
    """The words of the paragraph (or sub-paragraph) holding ``change`` with it
    accepted and every other change as written: before it, its words, after it."""
    paragraph = placed.paragraph
    holders = [paragraph.content] + [sub.content for sub in subparagraphs(paragraph.subparagraphs)]
    content = next(h for h in holders if any(n is change for n in inline_nodes(h)))
    start, end = "\x00", "\x01"

    def decided(node: ast.Change) -> tuple[ast.Inline, ...]:
        if node is change:
            return (ast.Text(node.span, start),) + node.new + (ast.Text(node.span, end),)
        return node.old

    text = plain_text(content, decided)
    before, rest = text.split(start, 1)
    words, after = rest.split(end, 1)
    return before, words, after


def _window(before: str, words: str, after: str) -> str:
    """The change's words with up to CONTEXT words either side, cut with "…"; the
    seams as written ("to further promote", "divides." with no space before the dot)."""
    starts = [m.start() for m in re.finditer(r"\S+", before)]
    ends = [m.end() for m in re.finditer(r"\S+", after)]
    head = "… " + before[starts[-CONTEXT]:] if len(starts) > CONTEXT else before
    tail = after[:ends[CONTEXT - 1]] + " …" if len(ends) > CONTEXT else after
    return " ".join((head + words + tail).split())


_HOVERS = {"marker": _hover_marker, "sub": _hover_sub, "label": _hover_label, "ref": _hover_ref,
           "initials": _hover_initials, "change": _hover_change, "proposal": _hover_proposal}


# ------------------------------------------------- definitions and references

def label_at(draft: OpenDraft, at: int) -> str | None:
    """The label named at ``at`` (a `{#name}`, an annex's `name:` or a `{@name}`), or
    just before it, where a cursor stands after the word."""
    for where in (at, at - 1):
        found = thing_at(draft, where)
        if found is not None and found.kind == "label":
            return found.node.name
        if found is not None and found.kind == "ref":
            return found.node.label
    return None


def definition(draft: OpenDraft, at: int) -> list[lsp.Location]:
    name = label_at(draft, at)
    targets = draft.labels.get(name or "", [])
    return [lsp.Location(draft.uri, span_range(draft, targets[0].span))] if targets else []


def references(draft: OpenDraft, at: int, include_declaration: bool) -> list[lsp.Location]:
    name = label_at(draft, at)
    if name is None:
        return []
    spans = [t.span for t in draft.labels.get(name, [])] if include_declaration else []
    spans += [reference_name(ref) for ref in draft.references.get(name, [])]
    return [lsp.Location(draft.uri, span_range(draft, span)) for span in sorted(spans)]


class RenameRefused(Exception):
    """A rename that cannot be made: the message says why."""


def prepare_rename(draft: OpenDraft, at: int) -> lsp.PrepareRenameResult_Type1 | None:
    name = label_at(draft, at)
    if name is None:
        return None
    for where in (at, at - 1):
        found = thing_at(draft, where)
        if found is not None and found.kind in ("label", "ref"):
            span = found.span if found.kind == "label" else reference_name(found.node)
            return lsp.PrepareRenameResult_Type1(span_range(draft, span), name)
    return None  # pragma: no cover - label_at found one of the two


def rename(draft: OpenDraft, at: int, new: str) -> lsp.WorkspaceEdit:
    """Every definition and reference of the label at ``at``, renamed ``new``."""
    name = label_at(draft, at)
    if name is None:
        raise RenameRefused("only a label can be renamed: put the cursor on a `{#label}`, an annex's "
                            "`name:` or a `{@reference}`")
    if not LABEL_NAME.fullmatch(new):
        raise RenameRefused(f"`{new}` is not a label name: a label starts with a letter and holds letters, "
                            "digits, `-`, `_`, `.` and `:`")
    if new != name and new in draft.labels:
        line = draft.labels[new][0].span.line
        raise RenameRefused(f"the label `{new}` is already used, on line {line}: labels name one paragraph "
                            "or annex each")
    edits = [lsp.TextEdit(span_range(draft, t.span), new if t.paragraph is not None else _yaml_name(new))
             for t in draft.labels.get(name, [])]
    edits += [lsp.TextEdit(span_range(draft, reference_name(ref)), new) for ref in draft.references.get(name, [])]
    edits.sort(key=lambda e: (e.range.start.line, e.range.start.character))
    return lsp.WorkspaceEdit(changes={draft.uri: edits})


def _yaml_name(name: str) -> str:
    """An annex's ``name:`` as YAML reads it back as that string (``yes`` would be true)."""
    return name if yaml.safe_load(name) == name else json.dumps(name, ensure_ascii=False)


# ---------------------------------------------------------------- the server

def _offset(draft: OpenDraft, position: lsp.Position) -> int:
    return draft.offset((position.line, position.character))


def register(server) -> None:
    """Hover, definitions, references and rename; the outline and folding (symbols.py)."""
    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def on_hover(ls, params: lsp.HoverParams):
        draft = ls.draft(params.text_document.uri)
        return hover(draft, _offset(draft, params.position))

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def on_definition(ls, params: lsp.DefinitionParams):
        draft = ls.draft(params.text_document.uri)
        return definition(draft, _offset(draft, params.position)) or None

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def on_references(ls, params: lsp.ReferenceParams):
        draft = ls.draft(params.text_document.uri)
        return references(draft, _offset(draft, params.position), params.context.include_declaration)

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    def on_prepare_rename(ls, params: lsp.PrepareRenameParams):
        draft = ls.draft(params.text_document.uri)
        return prepare_rename(draft, _offset(draft, params.position))

    @server.feature(lsp.TEXT_DOCUMENT_RENAME, lsp.RenameOptions(prepare_provider=True))
    def on_rename(ls, params: lsp.RenameParams):
        draft = ls.draft(params.text_document.uri)
        try:
            return rename(draft, _offset(draft, params.position), params.new_name)
        except RenameRefused as why:
            raise refused(str(why)) from None

    symbols.register(server)
