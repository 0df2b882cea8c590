"""The agreed-text guard: a paragraph agreed (or agreed ad ref.) in an earlier
revision may not change its words in a later one unless the later one marks it
reopened. Paragraphs are matched across the revisions as the comparison matches
them (transforms/compare.py): numbers move between revisions, words stay."""

from __future__ import annotations

from .. import ast
from ..diagnostics import Diagnostic, make
from ..walk import paragraph_inlines, paragraph_words, plain_text, with_blocks

AGREED = ("agreed", "ad-ref")


def agreed_text(paragraph: ast.Paragraph) -> str:
    """What agreement covers: the paragraph's words and its footnotes' words
    (a footnote can qualify the text it hangs on)."""
    notes = [plain_text(node.body) for node in paragraph_inlines(paragraph) if isinstance(node, ast.Footnote)]
    return " ".join([paragraph_words(paragraph)] + [" ".join(n.split()) for n in notes])


def fingerprint(paragraph: ast.Paragraph) -> str:
    """A short hash of the agreed text, for two delegations to compare by eye."""
    import hashlib  # off the start-up path of check, which never shows fingerprints

    return hashlib.sha256(agreed_text(paragraph).encode("utf-8")).hexdigest()[:8]


def check_agreed(old: ast.Document, new: ast.Document, old_path: str) -> list[Diagnostic]:
    """Both documents negotiation-numbered."""
    from .compare import match

    found: list[Diagnostic] = []
    for m in match(old, new):
        # A paragraph of an annex is named with its annex: "3 of annex I".
        of_old, of_new = (f" of {annex}" if annex else "" for annex in (m.old_annex, m.new_annex))
        for before in m.old:
            if before.status not in AGREED:
                continue
            what = "agreed ad ref." if before.status == "ad-ref" else "agreed"
            where = f"{old_path}:{before.marker.span.line}"
            if not m.new:
                found.append(make("agreed-changed", f"paragraph {before.num}{of_old}, {what} in {where}, is gone",
                                  None, hints=("restore it, or reopen it in the earlier revision's terms: "
                                               "`{.reopened}`",)))
                continue
            if all(after.status == "reopened" for after in m.new):
                continue
            after = m.new[0]
            status = m.status
            if status in ("unchanged", "renumbered", "changed"):
                # Agreement covers the words with every proposal accepted and the footnotes, which is
                # not what the match compares in a draft with proposals.
                status = "changed" if agreed_text(before) != agreed_text(after) else "unchanged"
            if status == "changed":
                was = f"as paragraph {before.num}{of_old} " if (after.num, of_new) != (before.num, of_old) else ""
                message = f"paragraph {after.num}{of_new} was {what} {was}in {where}, and its words have changed"
            elif status == "merged":
                message = (f"paragraph {after.num}{of_new} merges paragraph {before.num}{of_old}, {what} in {where}, "
                           "with other text")
            elif status == "split":
                numbers = " and ".join(p.num for p in m.new)
                message = (f"paragraph {before.num}{of_old}, {what} in {where}, is split into paragraphs "
                           f"{numbers}{of_new}")
            else:
                continue
            found.append(make("agreed-changed", message, after.marker.span,
                              hints=("restore the agreed words, or mark the paragraph `{.reopened}` if the "
                                     "negotiators reopened it",)))
    return found


def fingerprint_agreed(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    """Give each agreed paragraph the short hash of its words, shown beside its
    status so that two delegations can confirm they hold the same agreed text."""
    from dataclasses import replace

    return with_blocks(doc, lambda scope: tuple(replace(b, fingerprint=fingerprint(b))
                                                if isinstance(b, ast.Paragraph) and b.status in AGREED else b
                                                for b in scope.blocks)), []
