"""Comparing two revisions: paragraphs matched across them, words compared
inside each match, and the result as a document the writers already print.

Paragraphs are matched by label, then by identical words, then by the most
similar words among those not yet matched (so renumbered and moved paragraphs
are recognised). Then a paragraph left over beside a match is tried as a part
of it: an old one whose words went into its neighbour's new version was
merged, a new one whose words came out of its neighbour's old version was
split off. The rest are new or dropped. Inside a match, a word-level
difference becomes insertions and deletions (`ast.Change`), and a paragraph
whose number changed says so ("former 103ter").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from .. import ast
from ..walk import paragraph_words, paragraphs

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")  # words, spaces and punctuation apart
_WORD = re.compile(r"\w+")

SIMILAR = 0.5  # a paragraph this similar to a former one is its new version
PART = 0.5  # at least this share of a leftover paragraph's words must be found in a match to join it


@dataclass(frozen=True)
class Match:
    """Former paragraphs and the paragraphs that now hold their words: one to
    one, several old to one new (merged), one old to several new (split), none
    to one (new) or one to none (dropped)."""

    old: tuple[ast.Paragraph, ...]
    new: tuple[ast.Paragraph, ...]

    @property
    def status(self) -> str:
        if not self.old:
            return "new"
        if not self.new:
            return "dropped"
        if len(self.old) > 1:
            return "merged"
        if len(self.new) > 1:
            return "split"
        if paragraph_words(self.old[0]) != paragraph_words(self.new[0]):
            return "changed"
        return "unchanged" if self.old[0].num == self.new[0].num else "renumbered"

    def old_words(self) -> str:
        return " ".join(paragraph_words(p) for p in self.old)

    def new_words(self) -> str:
        return " ".join(paragraph_words(p) for p in self.new)


def match(old: ast.Document, new: ast.Document) -> list[Match]:
    """Matches in the new revision's order, each dropped paragraph after the
    match holding the old paragraph before it. Both documents numbered."""
    olds = [p for p in paragraphs(old) if p.marker is not None]
    news = [p for p in paragraphs(new) if p.marker is not None]
    words = {id(p): _WORD.findall(paragraph_words(p).lower()) for p in olds + news}
    partner: dict[int, ast.Paragraph] = {}  # id(new) -> old
    taken: set[int] = set()

    def pair(n: ast.Paragraph, o: ast.Paragraph) -> None:
        partner[id(n)] = o
        taken.add(id(o))

    old_labels = {p.label.name: p for p in olds if p.label}
    for n in news:
        if n.label and n.label.name in old_labels and id(old_labels[n.label.name]) not in taken:
            pair(n, old_labels[n.label.name])  # a label used twice (an error) pairs once
    same: dict[str, list[ast.Paragraph]] = {}
    for o in olds:
        same.setdefault(paragraph_words(o), []).append(o)
    for n in news:
        if id(n) not in partner:
            for o in same.get(paragraph_words(n), []):
                if id(o) not in taken and o.part == n.part:
                    pair(n, o)
                    break
    by_word = _rare_word_index([o for o in olds if id(o) not in taken], words)
    for n in news:
        if id(n) in partner:
            continue
        best, best_ratio = None, SIMILAR
        for o in _candidates(n, by_word, words):
            if id(o) in taken or o.part != n.part:
                continue
            matcher = difflib.SequenceMatcher(None, words[id(n)], words[id(o)], autojunk=False)
            if matcher.quick_ratio() >= best_ratio and (ratio := matcher.ratio()) >= best_ratio:
                best, best_ratio = o, ratio
        if best is not None:
            pair(n, best)

    groups = [([partner[id(n)]] if id(n) in partner else [], [n]) for n in news]
    _join_parts(groups, olds, words)
    found = [Match(tuple(o), tuple(n)) for o, n in groups if o or n]
    # Put each dropped paragraph after the match holding the nearest old paragraph before it.
    home = {id(p): i for i, m in enumerate(found) for p in m.old}
    head: list[Match] = []
    after: dict[int, list[Match]] = {}
    anchor = None
    for o in olds:
        if id(o) in home:
            anchor = home[id(o)]
        else:
            (head if anchor is None else after.setdefault(anchor, [])).append(Match((o,), ()))
    return head + [m for i, found_match in enumerate(found) for m in [found_match, *after.get(i, [])]]


CANDIDATES = 12  # former paragraphs compared word by word with each unmatched one
_COMMON = 40  # a word in more unmatched paragraphs than this does not tell them apart


def _rare_word_index(olds: list[ast.Paragraph], words: dict[int, list[str]]) -> dict[str, list[ast.Paragraph]]:
    index: dict[str, list[ast.Paragraph]] = {}
    for o in olds:
        for w in set(words[id(o)]):
            index.setdefault(w, []).append(o)
    return {w: ps for w, ps in index.items() if len(ps) <= _COMMON}


def _candidates(n: ast.Paragraph, by_word: dict[str, list[ast.Paragraph]],
                words: dict[int, list[str]]) -> list[ast.Paragraph]:
    """The former paragraphs sharing the most distinctive words with `n`: a
    word-by-word comparison with each of them, not with every former paragraph,
    keeps a revision that rewords everything from taking quadratic time."""
    shared: dict[int, int] = {}
    seen: dict[int, ast.Paragraph] = {}
    for w in set(words[id(n)]):
        for o in by_word.get(w, ()):
            shared[id(o)] = shared.get(id(o), 0) + 1
            seen[id(o)] = o
    ranked = sorted(shared, key=lambda k: -shared[k])[:CANDIDATES]
    return [seen[k] for k in ranked]


def _join_parts(groups: list[tuple[list, list]], olds: list[ast.Paragraph], words: dict[int, list[str]]) -> None:
    """Merge leftovers into neighbouring groups, in place: a dropped old
    paragraph into the group whose new paragraph took its words (merged), a
    new paragraph into the neighbour group whose old paragraph gave them (split)."""
    position = {id(o): i for i, o in enumerate(olds)}
    owner = {id(o): g for g, (os, _) in enumerate(groups) for o in os}
    leftover = [o for o in olds if id(o) not in owner]
    changed = True
    while changed:
        changed = False
        # Merged: an old leftover next to an old paragraph of a group with one new paragraph.
        for o in list(leftover):
            for step in (-1, 1):
                i = position[id(o)] + step
                if not 0 <= i < len(olds) or id(olds[i]) not in owner:
                    continue
                g = owner[id(olds[i])]
                group_old, group_new = groups[g]
                if len(group_new) != 1 or olds[i].part != o.part:
                    continue
                candidate = sorted(group_old + [o], key=lambda p: position[id(p)])
                if _better(words, group_new, group_old, candidate, o, side="old"):
                    group_old[:] = candidate
                    owner[id(o)] = g
                    leftover.remove(o)
                    changed = True
                    break
        # Split: a new paragraph without a former one, next to a group with one old paragraph.
        for g, (group_old, group_new) in enumerate(groups):
            if group_old or len(group_new) != 1:
                continue
            n = group_new[0]
            for step in (-1, 1):
                h = g + step
                if not 0 <= h < len(groups):
                    continue
                neighbour_old, neighbour_new = groups[h]
                if len(neighbour_old) != 1 or not neighbour_new or neighbour_old[0].part != n.part:
                    continue
                candidate = neighbour_new + [n] if step < 0 else [n] + neighbour_new
                if _better(words, neighbour_old, neighbour_new, candidate, n, side="new"):
                    neighbour_new[:] = candidate
                    group_new.clear()
                    changed = True
                    break


def _better(words, fixed: list, before: list, after: list, joining: ast.Paragraph, side: str) -> bool:
    """Whether `after` (a group's paragraphs with `joining` added) matches the
    `fixed` side better than `before` did, and `joining` gives its share."""
    target = [w for p in fixed for w in words[id(p)]]
    joined = [w for p in after for w in words[id(p)]]
    if not target or not words[id(joining)]:
        return False
    matcher = difflib.SequenceMatcher(None, target, joined, autojunk=False)
    start = sum(len(words[id(p)]) for p in after[:after.index(joining)])
    end = start + len(words[id(joining)])
    found = sum(max(0, min(b + size, end) - max(b, start)) for _, b, size in matcher.get_matching_blocks())
    if found < PART * len(words[id(joining)]):
        return False
    old_ratio = difflib.SequenceMatcher(None, target, [w for p in before for w in words[id(p)]],
                                        autojunk=False).ratio()
    return matcher.ratio() > old_ratio


def concordance(matches: list[Match]) -> list[tuple[str, str]]:
    """Former number -> number in the new revision ("7 and 8" for a split,
    "dropped"), in the former revision's order."""
    rows = []
    for m in matches:
        now = " and ".join(p.num for p in m.new if p.num) or "dropped"
        rows += [(p.span.start, p.num, now) for p in m.old if p.num]
    return [(num, now) for _, num, now in sorted(rows)]


def comparison(old: ast.Document, new: ast.Document) -> ast.Document:
    """The comparison as a document: the new revision, each paragraph's words
    marked against its former version, dropped paragraphs struck through in
    place, and the concordance of numbers as an annex."""
    matches = match(old, new)
    of_new = {id(p): m for m in matches for p in m.new}
    dropped_after: dict[int, list[Match]] = {}
    lead: list[Match] = []
    last = None
    for m in matches:
        if m.new:
            last = id(m.new[-1])
        else:
            (dropped_after.setdefault(last, []) if last is not None else lead).append(m)
    blocks: list[ast.Block] = [_dropped(m.old[0]) for m in lead]
    compared = {}
    for m in matches:
        for paragraph, content in _compared_parts(m):
            compared[id(paragraph)] = content
    for block in new.blocks:
        if isinstance(block, ast.Paragraph) and id(block) in of_new:
            blocks.append(compared[id(block)])
            blocks += [_dropped(d.old[0]) for d in dropped_after.get(id(block), [])]
        else:
            blocks.append(block)
    rows = concordance(matches)
    if rows:
        span = new.blocks[-1].span if new.blocks else ast.Span(0, 0, 1, 1)
        blocks.append(ast.Table(span, "Concordance of paragraph numbers",
                                ("Former paragraph", "Paragraph in this revision"), tuple(rows)))
    return replace(new, blocks=tuple(blocks))


def _dropped(paragraph: ast.Paragraph) -> ast.Paragraph:
    span = paragraph.span
    text = (ast.Text(span, paragraph_words(paragraph)),)
    return replace(paragraph, content=(ast.Change(span, "delete", None, old=text),), subparagraphs=(),
                   label=None, eid=f"former_{paragraph.eid}" if paragraph.eid else None, num=None,
                   compared=("dropped", paragraph.num), status="pending")


def _compared_parts(m: Match) -> list[tuple[ast.Paragraph, ast.Paragraph]]:
    """Each new paragraph of a match and its compared version."""
    if not m.new:
        return []
    status = m.status
    former = " and ".join(p.num for p in m.old if p.num) or None
    if not m.old:
        return [(m.new[0], replace(m.new[0], compared=(status, None), status="pending"))]
    if len(m.new) == 1:
        return [(m.new[0], _marked(m.new[0], m.old_words(), (status, former)))]
    # Split: each part against the stretch of the former words it took.
    before = _TOKEN.findall(m.old_words())
    parts = [_TOKEN.findall(paragraph_words(p) + " ") for p in m.new]
    after = [t for part in parts for t in part]
    cuts, at = [], 0
    for part in parts[:-1]:
        at += len(part)
        cuts.append(at)
    old_cuts = _map_positions(before, after, cuts)
    bounds = [0] + old_cuts + [len(before)]
    return [(p, _marked(p, "".join(before[bounds[i]:bounds[i + 1]]).strip(), (status, former)))
            for i, p in enumerate(m.new)]


def _map_positions(before: list[str], after: list[str], positions: list[int]) -> list[int]:
    """For positions in `after`, the matching positions in `before`."""
    opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    mapped = []
    for j in positions:
        for _, i1, i2, j1, j2 in opcodes:
            if j1 <= j < j2 or (j == j2 == len(after)):
                mapped.append(i1 + min(j - j1, i2 - i1) if i2 - i1 == j2 - j1 else i1)
                break
        else:
            mapped.append(len(before))
    return mapped


def _marked(new: ast.Paragraph, old_words: str, compared: tuple[str, str | None]) -> ast.Paragraph:
    """The new paragraph, its words marked against `old_words`."""
    if old_words == paragraph_words(new):
        return replace(new, compared=compared, status="pending")
    span = new.span
    before, after = _TOKEN.findall(old_words), _TOKEN.findall(paragraph_words(new))
    content: list[ast.Inline] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        old_text, new_text = "".join(before[i1:i2]), "".join(after[j1:j2])
        if op == "equal":
            content.append(ast.Text(span, new_text))
        elif op == "delete":
            content.append(ast.Change(span, "delete", None, old=(ast.Text(span, old_text),)))
        elif op == "insert":
            content.append(ast.Change(span, "insert", None, new=(ast.Text(span, new_text),)))
        else:
            content.append(ast.Change(span, "substitute", None, old=(ast.Text(span, old_text),),
                                      new=(ast.Text(span, new_text),)))
    return replace(new, content=tuple(content), subparagraphs=(), compared=compared, status="pending")
