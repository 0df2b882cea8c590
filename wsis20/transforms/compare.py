"""Comparing two revisions: paragraphs matched across them, words compared
inside each match, and the result as a document the writers already print.

Paragraphs, numbered or not, are matched by label, then by identical words,
then by the most similar words among those not yet matched (so renumbered and
moved paragraphs are recognised), then, for those still unmatched, by a new
paragraph holding most of a former one's words in their order (a paragraph
that grew a lot, as adopted texts grow by whole clauses). Then a paragraph left
over beside a match is tried as a part of it: an old one whose words went into
its neighbour's new version was merged, a new one whose words came out of its
neighbour's old version was split off. The rest are new or dropped. Inside a
match, a word-level difference becomes insertions and deletions
(`ast.Change`) around the new paragraph's own emphasis, references and
sub-paragraphs, and a paragraph whose number changed says so ("former 103ter").

Which text of each revision is compared is decided before: every proposal
accepted, or the text as written with its proposals shown as proposals, some
delegations' proposals decided first (`compared_text`).

The body is compared with the body and each annex with the annex at its place
in the other revision; a concordance cites a paragraph of an annex with its
annex ("annex I, 3"), since every annex numbers from 1 again.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from .. import ast
from ..languages import numbering, views
from ..walk import Scope, inlines, paragraph_inlines, paragraph_words, paragraphs, plain_text, scopes, \
    subparagraphs, with_blocks
from .changes import apply_changes, decide
from .references import cited_annex

# A Chinese character is a word of its own: Chinese writes no spaces, so a run of
# letters would make a whole clause one token, struck whole for a changed character.
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_WORD = re.compile(rf"[{_IDEOGRAPH}]|(?:(?![{_IDEOGRAPH}])\w)+")
_TOKEN = re.compile(rf"{_WORD.pattern}|\s+|[^\w\s]")  # words, spaces and punctuation apart

SIMILAR = 0.5  # a paragraph this similar to a former one is its new version
CONTAINED = 0.8  # ... and so is one holding this share of a former one's words, in their order,
CONTAINED_WORDS = 8  # if the former one has at least this many words (a short one is found anywhere)
PART = 0.5  # at least this share of a leftover paragraph's words must be found in a match to join it


@dataclass(frozen=True)
class Match:
    """Former paragraphs and the paragraphs that now hold their words: one to
    one, several old to one new (merged), one old to several new (split), none
    to one (new) or one to none (dropped). ``status`` says which, or for one to
    one whether the words compared changed, and the number as cited; the
    numbers are as a concordance cites them (`cited`), None for unnumbered text."""

    old: tuple[ast.Paragraph, ...]
    new: tuple[ast.Paragraph, ...]
    status: str
    old_nums: tuple[str | None, ...]
    new_nums: tuple[str | None, ...]
    # The annex each side's paragraphs are in, as the text cites it ("annex I",
    # "the annex"); "" for the body. Paragraphs are matched within the same
    # body or annex (the first annex of one revision with the first of the other).
    old_annex: str = ""
    new_annex: str = ""
    language: str = "en"  # the new revision's: the words its concordance and lines are in

    def cited_old(self) -> tuple[str | None, ...]:
        """The former numbers as a concordance cites them: "the annex, 3" in an annex."""
        return tuple(_in_annex(num, self.old_annex, self.language) for num in self.old_nums)

    def cited_new(self) -> tuple[str | None, ...]:
        return tuple(_in_annex(num, self.new_annex, self.language) for num in self.new_nums)

    def old_words(self) -> str:
        return " ".join(paragraph_words(p, "marked") for p in self.old)

    def new_words(self) -> str:
        return " ".join(paragraph_words(p, "marked") for p in self.new)


def cited(paragraph: ast.Paragraph, style: ast.PreambleNumbering, language: str = "en") -> str | None:
    """A paragraph's number as a concordance cites it. A preamble printed
    without numbers is cited "PP3", as negotiators do, so that its paragraphs
    cannot be taken for the operative 3; letters and PP numbers say it already.
    In the draft's language: "103 bis" in French."""
    if paragraph.num is None:
        return None
    num = paragraph.num
    if language != "en" and paragraph.number is not None:
        num = numbering.cited_paragraph(paragraph.part, paragraph.number, style, language)
    if paragraph.part == "preamble" and style == "none":
        return f"PP{num}"
    return num


def cited_in(paragraph: ast.Paragraph, scope: Scope, annexes: int) -> str | None:
    """``cited``, saying which annex a paragraph of an annex is in ("annex I, 3")
    among ``annexes``, so that no two rows of a concordance look alike."""
    # In the markup's own form whatever the draft's language: renumber's concordance is data,
    # compared between the language versions of a draft (renumber --parallel).
    return _in_annex(cited(paragraph, scope.front.preamble_numbering), _neutral_annex(scope, annexes))


def _neutral_annex(scope: Scope, annexes: int) -> str:
    """An annex as the markup's English cites it: its label, the English one where it is
    its language's default ("Annexe I", "المرفق الأول" are "annex I")."""
    if not scope.index:
        return ""
    n = None if annexes == 1 else scope.index
    label = scope.label
    if label == views.annex_label(n, scope.front.language):
        label = views.annex_label(n, "en")
    return cited_annex(label, annexes)


def _annex_of(scope: Scope | None, annexes: int) -> str:
    return cited_annex(scope.label, annexes, scope.front.language) if scope is not None and scope.index else ""


def _in_annex(num: str | None, annex: str, language: str = "en") -> str | None:
    return views.annex_and_number(annex, num, language) if num is not None and annex else num


# ------------------------------------------------------------- the texts compared

def compared_text(document: ast.Document, compare: str, accept: frozenset[str] = frozenset(),
                  reject: frozenset[str] = frozenset()) -> tuple[ast.Document, str]:
    """The text of a revision to compare, and the words that say which it is.
    ``compare``: "accepted" (every proposal accepted, as a new revision reads)
    or "proposed" (as written, proposals shown as proposals); ``accept`` and
    ``reject`` decide some delegations' proposals first, as build's do."""
    authors = _proposers(document)
    otherwise = True if compare == "accepted" else None
    decided, _ = apply_changes(document, decide(accept=accept, reject=reject, otherwise=otherwise))
    language = document.front.language  # the words that say which text it is, in its language

    def words(key: str, **values: str) -> str:
        return views.words(key, language, **values)

    if not authors:
        return decided, words("no proposals")
    accepted = sorted(a for a in authors if a is not None and a in accept and a not in reject)
    rejected = sorted(a for a in authors if a is not None and a in reject)
    others = any(a is None or a not in accept | reject for a in authors)

    def of(initials: list[str]) -> str:
        return _listed([document.front.author_name(n) or n for n in initials], language)

    if compare == "accepted":
        if not rejected:
            return decided, words("all accepted")
        return decided, words("rejected", who=of(rejected)) + (words("others accepted") if others else "")
    decisions = [words("accepted of", who=of(accepted))] if accepted else []
    if rejected:
        decisions.append(words("those rejected" if accepted else "rejected of", who=of(rejected)))
    if not decisions:
        return decided, words("as proposals")
    return decided, words("with", decisions=words("and").join(decisions)) + (words("others shown") if others else "")


def has_proposals(document: ast.Document) -> bool:
    return bool(_proposers(document))


def _proposers(document: ast.Document) -> set[str | None]:
    """The authors of the proposals in a document (None: unattributed)."""
    authors = {node.author for node in inlines(document) if isinstance(node, ast.Change)}
    return authors | {p.proposal.author for p in paragraphs(document) if p.proposal is not None}


def _listed(items: list[str], language: str = "en") -> str:
    if len(items) == 1:
        return items[0]
    return views.words("list separator", language).join(items[:-1]) + views.words("and", language) + items[-1]


# ---------------------------------------------------------------- matching

def match(old: ast.Document, new: ast.Document) -> list[Match]:
    """Matches in the new revision's order, each dropped paragraph after the
    match holding the old paragraph before it. Both documents numbered."""
    return [m for _, found in _match(old, new, _Flattened()) for m in found]


def _match(old: ast.Document, new: ast.Document, flat: _Flattened) -> list[tuple[int, list[Match]]]:
    """The matches of the body with the body, and of each annex with the annex
    at its place in the other revision: (the body (0) or annex (N), its matches)."""
    olds, news = list(scopes(old)), list(scopes(new))
    found = []
    for index in range(max(len(olds), len(news))):
        before = olds[index] if index < len(olds) else None
        after = news[index] if index < len(news) else None
        found.append((index, _match_scope(before, after, (_annex_of(before, len(old.annexes)),
                                                           _annex_of(after, len(new.annexes))), flat)))
    return found


def _paragraphs_of(scope: Scope | None) -> list[ast.Paragraph]:
    return [] if scope is None else [b for b in scope.blocks if isinstance(b, ast.Paragraph)]


def _match_scope(old: Scope | None, new: Scope | None, annexes: tuple[str, str], flat: _Flattened) -> list[Match]:
    olds, news = _paragraphs_of(old), _paragraphs_of(new)
    said = {id(p): paragraph_words(p) for p in olds + news}
    words = {id(p): _WORD.findall(said[id(p)].lower()) for p in olds + news}
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
        same.setdefault(said[id(o)], []).append(o)
    for n in news:
        if id(n) not in partner:
            for o in same.get(said[id(n)], []):
                if id(o) not in taken and o.part == n.part:
                    pair(n, o)
                    break
    by_word = _rare_word_index([o for o in olds if id(o) not in taken], words)
    grown: dict[int, list[tuple[int, ast.Paragraph]]] = {}  # id(new) -> (words found, old) it may have grown from
    for n in news:
        if id(n) in partner:
            continue
        best, best_ratio = None, SIMILAR
        for o in _candidates(n, by_word, words):
            if id(o) in taken or o.part != n.part:
                continue
            a, b = words[id(n)], words[id(o)]
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            quick = matcher.quick_ratio()
            shared = quick * (len(a) + len(b)) / 2  # at least as many as the words found in order
            # Holding the former words matters only in a paragraph so much longer that its likeness
            # stays below SIMILAR: a shorter one holding them is that similar already.
            may_contain = (len(b) >= CONTAINED_WORDS and SIMILAR * len(a) > (2 * CONTAINED - SIMILAR) * len(b)
                           and shared + 1e-9 >= CONTAINED * len(b))
            if quick < best_ratio and not may_contain:
                continue
            found = sum(size for _, _, size in matcher.get_matching_blocks())
            if (ratio := 2 * found / (len(a) + len(b))) >= best_ratio:
                best, best_ratio = o, ratio
            if may_contain and found >= CONTAINED * len(b):
                grown.setdefault(id(n), []).append((found, o))
        if best is not None:
            pair(n, best)
    # Only then the grown ones, so that holding a former paragraph's words never
    # takes it from a paragraph that is simply like it.
    for n in news:
        if id(n) not in partner:
            for _, o in sorted(grown.get(id(n), ()), key=lambda fo: -fo[0]):
                if id(o) not in taken:
                    pair(n, o)
                    break

    groups = [([partner[id(n)]] if id(n) in partner else [], [n]) for n in news]
    _join_parts(groups, olds, words)
    styles = tuple(scope.front.preamble_numbering if scope is not None else "letters" for scope in (old, new))
    language = (new or old).front.language if (new or old) is not None else "en"
    found = [_matched(tuple(o), tuple(n), styles, annexes, flat, language) for o, n in groups if o or n]
    # Put each dropped paragraph after the match holding the nearest old paragraph before it.
    home = {id(p): i for i, m in enumerate(found) for p in m.old}
    head: list[Match] = []
    after: dict[int, list[Match]] = {}
    anchor = None
    for o in olds:
        if id(o) in home:
            anchor = home[id(o)]
        else:
            (head if anchor is None else after.setdefault(anchor, [])).append(
                _matched((o,), (), styles, annexes, flat, language))
    return head + [m for i, found_match in enumerate(found) for m in [found_match, *after.get(i, [])]]


def _matched(old: tuple[ast.Paragraph, ...], new: tuple[ast.Paragraph, ...],
             styles: tuple[ast.PreambleNumbering, ast.PreambleNumbering], annexes: tuple[str, str],
             flat: _Flattened, language: str = "en") -> Match:
    old_nums = tuple(cited(p, styles[0], language) for p in old)
    new_nums = tuple(cited(p, styles[1], language) for p in new)
    if not old:
        status = "new"
    elif not new:
        status = "dropped"
    elif len(old) > 1:
        status = "merged"
    elif len(new) > 1:
        status = "split"
    elif _differ(old[0], new[0], flat):
        status = "changed"
    else:
        status = "unchanged" if old_nums == new_nums else "renumbered"
    return Match(old, new, status, old_nums, new_nums, *annexes, language)


def _differ(old: ast.Paragraph, new: ast.Paragraph, flat: _Flattened) -> bool:
    """Whether the texts compared differ. Their tokens say; their words, quicker
    to make, say it as well for most paragraphs: the tokens hold every word but
    the letters of sub-paragraphs, and the words every token but footnotes, a
    proposal of the whole paragraph, and what a reference points at (the words
    hold the number it prints, which renumbering alone changes)."""
    words_differ = paragraph_words(old, "marked") != paragraph_words(new, "marked")
    plain = not (_has_notes_or_refs(old) or _has_notes_or_refs(new))
    if words_differ and plain and not old.subparagraphs and not new.subparagraphs:
        return True
    if not words_differ and plain and old.proposal is None and new.proposal is None:
        return False
    return flat(old).keys != flat(new).keys


def _has_notes_or_refs(paragraph: ast.Paragraph) -> bool:
    return any(isinstance(node, (ast.Footnote, ast.Ref)) for node in paragraph_inlines(paragraph))


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
    # Ties go to the earlier paragraph, not to the order of a set of words, which
    # changes from run to run: the same revisions always give the same comparison.
    ranked = sorted(shared, key=lambda k: (-shared[k], seen[k].span.start))[:CANDIDATES]
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
    "dropped"), in the former revision's order; unnumbered text has no row.
    A paragraph of an annex is cited with its annex ("annex I, 3")."""
    rows = []
    for m in matches:
        now = views.words("and", m.language).join(n for n in m.cited_new() if n) or views.words("dropped", m.language)
        rows += [(p.span.start, num, now) for p, num in zip(m.old, m.cited_old()) if num]
    return [(num, now) for _, num, now in sorted(rows)]


# ------------------------------------------------------------ the comparison

def comparison(old: ast.Document, new: ast.Document, sides: ast.Comparison | None = None) -> ast.Document:
    """The comparison as a document: the new revision, each paragraph's words
    marked against its former version, dropped paragraphs struck through in
    place, and the concordance of numbers closing it. The body and each annex
    are compared with their counterparts; the paragraphs of an annex the new
    revision no longer has are struck through at its end. ``sides`` says on
    the first page what was compared."""
    flat = _Flattened()
    by_scope = _match(old, new, flat)
    gone = [m for index, found in by_scope if index > len(new.annexes) for m in found]
    compared = {index: found for index, found in by_scope if index <= len(new.annexes)}
    rows = concordance([m for _, found in by_scope for m in found])
    last = len(new.annexes)

    def blocks_of(scope: Scope) -> tuple[ast.Block, ...]:
        blocks = _compared_blocks(scope.blocks, compared[scope.index], flat)
        if scope.index == last:
            blocks += [_dropped(m, flat) for m in gone]
            if rows:
                span = blocks[-1].span if blocks else ast.Span(0, 0, 1, 1)
                language = new.front.language  # the table's words in the language of the text it closes
                blocks.append(ast.Table(span, views.words("concordance", language),
                                        (views.words("former paragraph", language),
                                         views.words("paragraph now", language)), tuple(rows)))
        return tuple(blocks)

    return replace(with_blocks(new, blocks_of), comparison=sides)


def _compared_blocks(new_blocks: tuple[ast.Block, ...], matches: list[Match], flat: _Flattened) -> list[ast.Block]:
    """The blocks of the body or of one annex, each paragraph compared, each
    dropped one after the paragraph that followed the one before it."""
    of_new = {id(p): m for m in matches for p in m.new}
    dropped_after: dict[int, list[Match]] = {}
    lead: list[Match] = []
    last = None
    for m in matches:
        if m.new:
            last = id(m.new[-1])
        else:
            (dropped_after.setdefault(last, []) if last is not None else lead).append(m)
    blocks: list[ast.Block] = [_dropped(m, flat) for m in lead]
    compared = {}
    for m in matches:
        for paragraph, content in _compared_parts(m, flat):
            compared[id(paragraph)] = content
    for block in new_blocks:
        if isinstance(block, ast.Paragraph) and id(block) in of_new:
            blocks.append(compared[id(block)])
            blocks += [_dropped(d, flat) for d in dropped_after.get(id(block), [])]
        else:
            blocks.append(block)
    return blocks


def _former(m: Match) -> str | None:
    """The former numbers a paragraph's line names: None when one to one and
    cited alike (nothing to say), and for unnumbered text; with their annex
    when that is not where the line stands ("3 of annex II")."""
    if len(m.old) == 1 and len(m.new) == 1 and m.old_nums == m.new_nums:
        return None
    elsewhere = m.old_annex and m.old_annex != m.new_annex
    return views.words("and", m.language).join(views.of_annex(n, m.old_annex, m.language) if elsewhere else n
                                               for n in m.old_nums if n) or None


def _dropped(m: Match, flat: _Flattened) -> ast.Paragraph:
    """A dropped paragraph, struck through with its emphasis and sub-paragraphs."""
    paragraph = m.old[0]
    contents = _split_at_subs([_as_former(item) for item in flat(paragraph).items], former_labels=False)
    struck = [(ast.Change(paragraph.span, "delete", None, old=_inlines(items, paragraph.span)),) if items else ()
              for items in contents]
    return replace(paragraph, content=struck[0], subparagraphs=_with_contents(paragraph.subparagraphs, iter(struck[1:])),
                   label=None, eid=f"former_{paragraph.eid}" if paragraph.eid else None, num=None,
                   compared=("dropped", _former(m)), status="pending", proposal=None)


def _compared_parts(m: Match, flat: _Flattened) -> list[tuple[ast.Paragraph, ast.Paragraph]]:
    """Each new paragraph of a match and its compared version."""
    if not m.new:
        return []
    compared = (m.status, _former(m))
    if not m.old:
        return [(m.new[0], replace(m.new[0], compared=compared, status="pending"))]
    before = _joined([flat(p) for p in m.old])
    if len(m.new) == 1:
        return [(m.new[0], _marked(m.new[0], flat(m.new[0]), before, compared))]
    # Split: each part against the stretch of the former words it took.
    parts = [flat(p) for p in m.new]
    after, cuts = [], []
    for part in parts:
        after += part.keys + [" "]
        cuts.append(len(after))
    bounds = [0] + _map_positions(before.keys, after, cuts[:-1]) + [len(before.keys)]
    return [(p, _marked(p, part, before.stretch(bounds[i], bounds[i + 1]), compared))
            for i, (p, part) in enumerate(zip(m.new, parts))]


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


# ------------------------------------------------- a paragraph as tokens, and back

@dataclass(frozen=True)
class _SubStart:
    """Where a sub-paragraph begins, in a paragraph's tokens."""

    label: str


# A token's place: the containers it sits in, outermost first: ("em", style) or
# ("change", id, the proposal, "old" | "new"). Its payload: its text, a
# reference or footnote (compared by its words, printed as itself), or a _SubStart.
_Item = tuple[tuple[tuple, ...], object]


@dataclass(frozen=True)
class _Tokens:
    """A paragraph as compared: ``keys`` are what the comparison compares (the
    words, and in a proposal the proposal's author and side), ``items`` what
    prints each of them."""

    keys: list[str]
    items: list[_Item]

    def stretch(self, start: int, end: int) -> _Tokens:
        while start < end and self.keys[start] == " ":
            start += 1
        while end > start and self.keys[end - 1] == " ":
            end -= 1
        return _Tokens(self.keys[start:end], self.items[start:end])


def _joined(texts: list[_Tokens]) -> _Tokens:
    keys, items = list(texts[0].keys), list(texts[0].items)
    for text in texts[1:]:
        keys.append(" ")
        items.append(((), " "))
        keys += text.keys
        items += text.items
    return _Tokens(keys, items)


class _Flattened:
    """Each paragraph's tokens, made once for one comparison."""

    def __init__(self) -> None:
        self._made: dict[int, tuple[ast.Paragraph, _Tokens]] = {}

    def __call__(self, paragraph: ast.Paragraph) -> _Tokens:
        made = self._made.get(id(paragraph))
        if made is None:
            made = self._made[id(paragraph)] = (paragraph, _flatten(paragraph))  # the paragraph kept: ids stay unique
        return made[1]


_SUB_KEY = "\x00sub"  # sub-paragraphs are compared as such, not by their letters, which follow their order


def _flatten(paragraph: ast.Paragraph) -> _Tokens:
    keys: list[str] = []
    items: list[_Item] = []
    if paragraph.proposal is not None:  # shown as proposed: a paragraph's proposal is part of it
        keys.append(f"\x00{{{'+' if paragraph.proposal.kind == 'new' else '-'}{paragraph.proposal.author}}}")
        items.append(((), ""))
    _flatten_inlines(paragraph.content, (), "", keys, items)
    for sub in subparagraphs(paragraph.subparagraphs):
        keys.append(_SUB_KEY)
        items.append(((), _SubStart(sub.num or sub.marker.written)))
        _flatten_inlines(sub.content, (), "", keys, items)
    # One space between words, none at the ends of a paragraph or sub-paragraph: line
    # breaks and wrapping are no change.
    out_keys: list[str] = []
    out_items: list[_Item] = []
    for key, item in zip(keys + [_SUB_KEY], items + [((), "")]):
        if key == " " and (not out_keys or out_keys[-1] in (" ", _SUB_KEY)):
            continue
        if key == _SUB_KEY:
            while out_keys and out_keys[-1] == " ":
                out_keys.pop()
                out_items.pop()
        out_keys.append(key)
        out_items.append(item)
    return _Tokens(out_keys[:-1], out_items[:-1])  # less the end mark


def _flatten_inlines(nodes: tuple[ast.Inline, ...], path: tuple, prefix: str,
                     keys: list[str], items: list[_Item]) -> None:
    for node in nodes:
        match node:
            case ast.Text():
                for token in _TOKEN.findall(node.value):
                    if token.isspace():  # inside a proposal, part of it: the proposal is compared whole
                        keys.append(prefix + " ")
                        items.append((path, " "))
                    else:
                        keys.append(prefix + token)
                        items.append((path, token))
            case ast.Emphasis():
                _flatten_inlines(node.children, path + (("em", node.style),), prefix, keys, items)
            case ast.Ref():  # compared by what it points at: renumbering its target is no change
                keys.append(f"{prefix}\x00ref {node.label}")
                items.append((path, node))
            case ast.Footnote():
                keys.append(prefix + "\x00note " + " ".join(plain_text(node.body).split()))
                items.append((path, node))
            case ast.Comment():  # the comment goes, the words it marks stay
                _flatten_inlines(node.anchor or (), path, prefix, keys, items)
            case ast.Change():  # a proposal, compared as one: its author and side are part of its words
                who = node.author or ""
                _flatten_inlines(node.old, path + (("change", id(node), node, "old"),), f"{prefix}\x01-{who}\x01",
                                 keys, items)
                _flatten_inlines(node.new, path + (("change", id(node), node, "new"),), f"{prefix}\x01+{who}\x01",
                                 keys, items)
            case ast.Bracket():  # its marks bold, as the writers print brackets
                bold = path + (("em", "bold"),)
                for i, alternative in enumerate(node.alternatives):
                    keys.append(prefix + ("/" if i else "["))
                    items.append((bold, "/" if i else "["))
                    _flatten_inlines(alternative, path, prefix, keys, items)
                keys.append(prefix + "]")
                items.append((bold, "]"))


def _as_former(item: _Item) -> _Item:
    """A former paragraph's token as the new revision prints it: a reference
    as the number it showed (its link would lead into the other revision)."""
    path, payload = item
    if isinstance(payload, ast.Ref):
        return path, payload.target or payload.label
    return item


def _inlines(items: list[_Item], span: ast.Span, depth: int = 0) -> tuple[ast.Inline, ...]:
    """Tokens back to inlines: runs of tokens in the same emphasis or proposal
    become one node again."""
    out: list[ast.Inline] = []
    i = 0
    while i < len(items):
        path, payload = items[i]
        if len(path) <= depth:
            if isinstance(payload, str):
                if out and isinstance(out[-1], ast.Text):
                    out[-1] = ast.Text(span, out[-1].value + payload)
                elif payload:
                    out.append(ast.Text(span, payload))
            elif not isinstance(payload, _SubStart):
                out.append(payload)
            i += 1
            continue
        head = path[depth]
        j = i + 1
        while j < len(items) and len(items[j][0]) > depth and items[j][0][depth][:2] == head[:2]:
            j += 1
        group = items[i:j]
        if head[0] == "em":
            out.append(ast.Emphasis(span, head[1], _inlines(group, span, depth + 1)))
        else:
            proposal = head[2]
            old = [it for it in group if it[0][depth][3] == "old"]
            new = [it for it in group if it[0][depth][3] == "new"]
            kind = proposal.kind if old and new or proposal.kind != "substitute" else "delete" if old else "insert"
            out.append(ast.Change(proposal.span, kind, proposal.author, _inlines(old, span, depth + 1),
                                  _inlines(new, span, depth + 1)))
        i = j
    return tuple(out)


def _split_at_subs(items: list[_Item], former_labels: bool) -> list[list[_Item]]:
    """Tokens cut where sub-paragraphs begin: the paragraph's own, then each
    sub-paragraph's, in document order. ``former_labels``: instead of cutting,
    print a former sub-paragraph's label as text (one that is no longer there)."""
    contents: list[list[_Item]] = [[]]
    for path, payload in items:
        if isinstance(payload, _SubStart):
            if former_labels:
                contents[-1].append((path, payload.label + " "))
            else:
                contents.append([])
        else:
            contents[-1].append((path, payload))
    return contents


def _with_contents(subs: tuple[ast.SubParagraph, ...], contents) -> tuple[ast.SubParagraph, ...]:
    """The sub-paragraphs with new contents, taken in document order (parents first)."""
    out = []
    for sub in subs:
        content = next(contents)
        out.append(replace(sub, content=content, children=_with_contents(sub.children, contents)))
    return tuple(out)


def _marked(new: ast.Paragraph, after: _Tokens, before: _Tokens, compared: tuple[str, str | None]) -> ast.Paragraph:
    """The new paragraph, its words marked against the former words `before`."""
    if before.keys == after.keys:
        return replace(new, compared=compared, status="pending")
    span = new.span
    contents: list[list[ast.Inline]] = [[]]

    def put(kind: str, old: list[_Item], now: list[_Item]) -> None:
        # A former sub-paragraph that is gone leaves its label, struck through.
        old_inlines = () if kind == "equal" else _inlines(
            _split_at_subs([_as_former(it) for it in old], former_labels=True)[0], span)
        pieces = _split_at_subs(now, former_labels=False)
        for k, piece in enumerate(pieces):
            if k:
                contents.append([])
            new_inlines = _inlines(piece, span)
            if kind == "equal":
                contents[-1] += new_inlines
            elif k == 0 and old_inlines and new_inlines:
                contents[-1].append(ast.Change(span, "substitute", None, old=old_inlines, new=new_inlines))
            elif k == 0 and old_inlines:
                contents[-1].append(ast.Change(span, "delete", None, old=old_inlines))
            elif new_inlines:
                contents[-1].append(ast.Change(span, "insert", None, new=new_inlines))

    matcher = difflib.SequenceMatcher(None, before.keys, after.keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        put("equal" if op == "equal" else "changed", before.items[i1:i2], after.items[j1:j2])
    return replace(new, content=tuple(contents[0]), subparagraphs=_with_contents(new.subparagraphs, iter(
        tuple(c) for c in contents[1:])), compared=compared, status="pending")
