"""Code actions: the diagnostics' fixes, deciding proposals, and fixing everything.

- A quick fix for each fix of each diagnostic in the range the editor asks about
  (``Diagnostic.fixes``: "Number it 103quater", "Declare US under authors").
- On the change or whole-paragraph proposal under the cursor: "Accept this
  proposal" and "Reject this proposal"; for each delegation with proposals in the
  paragraph, "Accept all of RU's proposals in this paragraph" and its rejection.
  The source is rewritten as ``transforms/changes.py`` decides a change: accepting
  ``{~~RU: old~>new~~}`` leaves ``new``, rejecting it ``old``; a paragraph proposed
  as new (``{+RU}``) stays without its mark when accepted and goes when rejected, one
  proposed for deletion (``{-RU}``) the other way round. The words kept are the
  source's own slices, emphasis and comments in them as written.
- "Fix all auto-fixable problems" (``source.fixAll``): every diagnostic's fix, for
  those with exactly one that writes no placeholder.

The answers are plain data (``Action``, with the compiler's ``Edit``s over the
draft's text), made into lsprotocol types by ``register``'s handler; the server
never writes a file, the editor applies the edits.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import ast
from ..diagnostics import Diagnostic, Edit
from ..transforms.changes import keeps, left_by
from ..walk import paragraph_inlines
from .draft import OpenDraft

QUICK_FIX = "quickfix"
ACCEPT = "source.acceptProposal"
REJECT = "source.rejectProposal"
FIX_ALL = "source.fixAll"
FIX_ALL_TITLE = "Fix all auto-fixable problems"


@dataclass(frozen=True)
class Action:
    title: str
    kind: str
    edits: tuple[Edit, ...]  # in the text's order, none overlapping
    diagnostic: Diagnostic | None = None  # the one a quick fix fixes
    preferred: bool = False


def _touches(span, start: int, end: int) -> bool:
    return span.start <= end and start <= span.end


Named = frozenset  # of (code, range): the diagnostics an editor names in its request


def quick_fixes(draft: OpenDraft, start: int, end: int, named: Named = frozenset()) -> list[Action]:
    """One action per fix of each diagnostic whose place meets the range [start, end],
    or that the editor names in its request's context: an editor asking with the
    cursor elsewhere on a paragraph's long line (Neovim names the line's diagnostics)
    still gets the fixes of the mistakes it shows there."""
    found = []
    for diagnostic in draft.compiled.diagnostics:
        if diagnostic.span is None or not diagnostic.fixes:
            continue
        if not _touches(diagnostic.span, start, end) and (diagnostic.code, draft.range(diagnostic.span)) not in named:
            continue
        for fix in diagnostic.fixes:
            found.append(Action(fix.title, QUICK_FIX, _ordered(fix.edits), diagnostic,
                                preferred=len(diagnostic.fixes) == 1))
    return found


def fix_all(draft: OpenDraft) -> Action | None:
    """The fix of every diagnostic that has exactly one, as one action; an edit that
    overlaps one taken before it is left (its problem stays, for another round), and
    so is a fix that writes a placeholder (an author's name as "...")."""
    taken: list[Edit] = []
    for diagnostic in draft.compiled.diagnostics:
        if len(diagnostic.fixes) != 1 or diagnostic.fixes[0].placeholder:
            continue
        edits = diagnostic.fixes[0].edits
        if any(_overlap(edit, other) for edit in edits for other in taken):
            continue
        taken += [edit for edit in edits if edit not in taken]  # two diagnostics, one declaration
    return Action(FIX_ALL_TITLE, FIX_ALL, _ordered(taken)) if taken else None


def _overlap(a: Edit, b: Edit) -> bool:
    """Two edits that touch the same characters (insertions at one place do not)."""
    return a != b and a.span.start < b.span.end and b.span.start < a.span.end


def _ordered(edits) -> tuple[Edit, ...]:
    return tuple(sorted(edits, key=lambda e: (e.span.start, e.span.end)))


# ---------------------------------------------------------------- proposals

def _changes(paragraph: ast.Paragraph) -> list[ast.Change]:
    return [node for node in paragraph_inlines(paragraph) if isinstance(node, ast.Change)]


def _words(draft: OpenDraft, nodes: tuple[ast.Inline, ...]) -> str:
    """The source of a change's old or new words, as written."""
    return draft.source.text[nodes[0].span.start:nodes[-1].span.end] if nodes else ""


def decide_change(draft: OpenDraft, change: ast.Change, accept: bool) -> Edit:
    """The change written over with the words it leaves: its new ones if accepted,
    its old ones if not. Where nothing is left between two spaces, or between a
    space and a mark, one space goes too, so no doubled space is made."""
    kept = _words(draft, left_by(change, accept))
    start, end = change.span.start, change.span.end
    text = draft.source.text
    if not kept and start > 0 and text[start - 1] == " ":
        if end < len(text) and text[end] == " ":
            end += 1
        elif end < len(text) and text[end] in ".,;:!?)]":
            start -= 1
    return Edit(draft.source.span(start, end), kept)


def decide_paragraph(draft: OpenDraft, paragraph: ast.Paragraph, accept: bool) -> Edit:
    """A whole-paragraph proposal decided: the paragraph kept without its mark, or gone."""
    proposal = paragraph.proposal
    text = draft.source.text
    if keeps(proposal, accept):
        start, end = proposal.span.start, proposal.span.end
        if text[start - 1:start] == "{" and text[end:end + 1] == "}":  # alone in its braces: they go too
            start, end = start - 1, end + 1
            if text[end:end + 1] == " ":
                end += 1
        elif text[start - 1:start] == " ":
            start -= 1
        elif text[end:end + 1] == " ":
            end += 1
        return Edit(draft.source.span(start, end), "")
    start, end = paragraph.span.start, paragraph.span.end
    while end < len(text) and text[end] == "\n":  # and the blank lines after it
        end += 1
    if end == len(text):  # the last paragraph: the blank lines before it go, the file's last line end stays
        start = len(text[:start].rstrip("\n"))
        return Edit(draft.source.span(start, end), "\n" if start else "")
    return Edit(draft.source.span(start, end), "")


def _without_overlaps(edits: list[Edit]) -> tuple[Edit, ...]:
    """Edits in order, each starting no earlier than the one before ends (two
    deletions that each took the space between them)."""
    done: list[Edit] = []
    for edit in _ordered(edits):
        if done and edit.span.start < done[-1].span.end:
            start = done[-1].span.end
            edit = Edit(edit.span._replace(start=start, column=edit.span.column + start - edit.span.start),
                        edit.text)
        done.append(edit)
    return tuple(done)


def _verb(accept: bool) -> str:
    return "Accept" if accept else "Reject"


def proposal_actions(draft: OpenDraft, start: int, end: int) -> list[Action]:
    """Accept or reject the proposal at the cursor (the one change the range meets,
    or else the paragraph's own proposal when the cursor is in that paragraph), and
    each delegation's proposals in the paragraph all at once."""
    placed = draft.paragraph_at(start)
    if placed is None:
        return []
    paragraph = placed.paragraph
    changes = _changes(paragraph)
    found: list[Action] = []
    meeting = [c for c in changes if _touches(c.span, start, end)]
    if len(meeting) == 1:
        for accept in (True, False):
            found.append(Action(f"{_verb(accept)} this proposal", ACCEPT if accept else REJECT,
                                (decide_change(draft, meeting[0], accept),)))
    elif not meeting and paragraph.proposal is not None:
        for accept in (True, False):
            found.append(Action(f"{_verb(accept)} this proposal", ACCEPT if accept else REJECT,
                                (decide_paragraph(draft, paragraph, accept),)))
    authors = dict.fromkeys(([paragraph.proposal.author] if paragraph.proposal else [])
                            + [c.author for c in changes if c.author is not None])
    for author in authors:
        for accept in (True, False):
            found.append(Action(f"{_verb(accept)} all of {author}'s proposals in this paragraph",
                                ACCEPT if accept else REJECT, decide_all(draft, paragraph, author, accept)))
    return found


def decide_all(draft: OpenDraft, paragraph: ast.Paragraph, author: str, accept: bool) -> tuple[Edit, ...]:
    """Every proposal of ``author`` in the paragraph decided; when that removes the
    paragraph, that is the one edit."""
    edits = []
    if paragraph.proposal is not None and paragraph.proposal.author == author:
        whole = decide_paragraph(draft, paragraph, accept)
        if whole.span.end >= paragraph.span.end:  # the paragraph goes, its changes with it
            return (whole,)
        edits.append(whole)
    edits += [decide_change(draft, c, accept) for c in _changes(paragraph) if c.author == author]
    return _without_overlaps(edits)


def actions(draft: OpenDraft, start: int, end: int, named: Named = frozenset()) -> list[Action]:
    """Every action for the range [start, end] of the draft's text, quick fixes first."""
    found = quick_fixes(draft, start, end, named) + proposal_actions(draft, start, end)
    every = fix_all(draft)
    return found + ([every] if every is not None else [])


# ---------------------------------------------------------------- the server

def register(server) -> None:
    from lsprotocol import types as lsp

    from .protocol import span_range

    kinds = [lsp.CodeActionKind.QuickFix, ACCEPT, REJECT, lsp.CodeActionKind.SourceFixAll]

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=kinds))
    def code_action(ls, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        draft = ls.draft(uri)
        start = draft.offset((params.range.start.line, params.range.start.character))
        end = draft.offset((params.range.end.line, params.range.end.character))
        only = params.context.only
        named = frozenset((d.code, ((d.range.start.line, d.range.start.character),
                                    (d.range.end.line, d.range.end.character)))
                          for d in params.context.diagnostics or () if d.source in (None, "wsisc"))

        def wanted(kind: str) -> bool:
            return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)

        def text_edit(edit: Edit) -> lsp.TextEdit:
            return lsp.TextEdit(span_range(draft, edit.span), draft.written(edit.text))

        return [lsp.CodeAction(
                    title=action.title, kind=action.kind,
                    diagnostics=[ls.lsp_diagnostic(draft, action.diagnostic)]
                    if action.diagnostic is not None else None,
                    is_preferred=action.preferred or None,
                    edit=lsp.WorkspaceEdit(changes={uri: [text_edit(e) for e in action.edits]}))
                for action in actions(draft, start, end, named) if wanted(action.kind)]
