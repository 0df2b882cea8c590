"""The agreed-text guard: a paragraph agreed (or agreed ad ref.) in an earlier
revision may not change its words in a later one unless the later one marks it
reopened. Paragraphs are matched by label, then by their exact words, then by
the most similar words (numbers move between revisions, so they match nothing)."""

from __future__ import annotations

import hashlib
import re

from .. import ast
from ..diagnostics import Diagnostic, make
from ..walk import paragraphs, plain_text, subparagraphs

AGREED = ("agreed", "ad-ref")


def words(paragraph: ast.Paragraph) -> str:
    """A paragraph's words as agreed: proposals accepted, comments and the
    layout of white space ignored."""
    parts = [plain_text(paragraph.content)]
    parts += [f"{s.num or s.marker.written} {plain_text(s.content)}" for s in subparagraphs(paragraph.subparagraphs)]
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _most_similar(text: str, candidates: list[ast.Paragraph]) -> ast.Paragraph | None:
    """The paragraph whose words are most like ``text``, if any is at least
    half the same (difflib's ratio over words)."""
    import difflib

    def tokens(value: str) -> list[str]:
        return re.findall(r"\w+", value.lower())

    best, best_ratio = None, 0.5
    target = tokens(text)
    for candidate in candidates:
        matcher = difflib.SequenceMatcher(None, target, tokens(words(candidate)), autojunk=False)
        if matcher.quick_ratio() >= best_ratio and (ratio := matcher.ratio()) >= best_ratio:
            best, best_ratio = candidate, ratio
    return best


def fingerprint(paragraph: ast.Paragraph) -> str:
    """A short hash of the agreed words, for two delegations to compare by eye."""
    return hashlib.sha256(words(paragraph).encode("utf-8")).hexdigest()[:8]


def check_agreed(old: ast.Document, new: ast.Document, old_path: str) -> list[Diagnostic]:
    """Both documents negotiation-numbered."""
    found: list[Diagnostic] = []
    new_paragraphs = [p for p in paragraphs(new) if p.marker is not None]
    by_label = {p.label.name: p for p in new_paragraphs if p.label}
    by_words = {words(p): p for p in new_paragraphs}
    for before in paragraphs(old):
        if before.status not in AGREED or before.marker is None:
            continue
        text = words(before)
        after = (by_label.get(before.label.name) if before.label else None) or by_words.get(text) \
            or _most_similar(text, [p for p in new_paragraphs if p.part == before.part])
        what = "agreed ad ref." if before.status == "ad-ref" else "agreed"
        where = f"{old_path}:{before.marker.span.line}"
        if after is None:
            found.append(make("agreed-changed", f"paragraph {before.num}, {what} in {where}, is gone", None,
                              hints=("restore it, or reopen it in the earlier revision's terms: `{.reopened}`",)))
        elif words(after) != text and after.status != "reopened":
            was = f"as paragraph {before.num} " if after.num != before.num else ""
            found.append(make("agreed-changed",
                              f"paragraph {after.num} was {what} {was}in {where}, and its words have changed",
                              after.marker.span,
                              hints=("restore the agreed words, or mark the paragraph `{.reopened}` if the "
                                     "negotiators reopened it",)))
    return found


def fingerprint_agreed(doc: ast.Document) -> tuple[ast.Document, list[Diagnostic]]:
    """Give each agreed paragraph the short hash of its words, shown beside its
    status so that two delegations can confirm they hold the same agreed text."""
    from dataclasses import replace

    blocks = tuple(replace(b, fingerprint=fingerprint(b))
                   if isinstance(b, ast.Paragraph) and b.status in AGREED else b for b in doc.blocks)
    return replace(doc, blocks=blocks), []
