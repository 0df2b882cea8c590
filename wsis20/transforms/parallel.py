"""Language versions of one draft, kept in step: their documents aligned unit by
unit (the body and each annex, headings and paragraphs, sub-paragraphs,
footnotes), and every difference of structure reported at both places.

The words differ by language, so nothing is aligned by its words. A unit's
counterpart is found by its place and its shape: its part (preamble, operative,
unnumbered text) or heading level, its number, the tree of its sub-paragraphs,
its footnotes, its share of its body's or annex's length, and the figures it
cites (resolution symbols, years, dates), which every language writes in
digits. An alignment of least cost (an edit distance whose substitution cost is
the difference of those shapes) pairs the units; a unit left over is present
in one version only. Differences of number, label, proposals and brackets are
then read off each pair.

The first version is the reference: every other is compared with it. The
transform is pure: documents in, diagnostics out, each tagged with the index
of the version it is about.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .. import ast
from ..diagnostics import Diagnostic, Related, make
from ..languages import NAMES
from ..source import SourceFile, Span
from ..walk import Scope, _inlines, plain_text, scopes, subparagraphs

T = TypeVar("T")

GAP = 2.0  # the cost of a unit with no counterpart; two gaps cost more than any pair of the same kind
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Version:
    """One language version: its source (for the diagnostics' places) and its
    document, numbered as written (the negotiation numbering)."""

    source: SourceFile
    document: ast.Document

    @property
    def language(self) -> str:
        return self.document.front.language

    def named(self) -> str:
        """"the French version (draft.fr.wsis)"."""
        return f"the {NAMES.get(self.language, self.language)} version ({self.source.path})"


@dataclass(frozen=True)
class Row:
    """One aligned unit across the versions: each version's heading, paragraph
    (its own words: its sub-paragraphs have rows of their own) or top-level
    sub-paragraph (with the sub-paragraphs under it), or None where it has
    none. ``scope`` is 0 for the body, N for annex N."""

    scope: int
    units: tuple[ast.Block | ast.SubParagraph | None, ...]


# ------------------------------------------------------------------ alignment

FULL = 40_000  # cells of the table below which every pairing is weighed; above, a band around the diagonal
BAND = 60  # how far from the diagonal a pairing may lie, besides the difference in length


def align(a: Sequence[T], b: Sequence[T], cost: Callable[[T, T], float | None],
          gap: float = GAP) -> list[tuple[T | None, T | None]]:
    """The pairing of least total cost of two sequences, in order (an edit
    distance): ``cost`` of a pair (None: never paired), ``gap`` for an item
    left alone. Ties keep items paired rather than apart. Long sequences are
    aligned within a band around the diagonal, so that time and memory grow
    with their length rather than its square."""
    n, m = len(a), len(b)
    band = None if n * m <= FULL else BAND + abs(n - m)
    inf = math.inf
    los: list[int] = []  # row i holds the cells j = los[i] .. his[i]
    his: list[int] = []
    values: list[list[float]] = []
    moves: list[list[int]] = []  # 1: pair, 2: a alone, 3: b alone
    for i in range(n + 1):
        if band is None:
            lo, hi = 0, m
        else:
            centre = i * m // max(n, 1)
            lo, hi = max(0, centre - band), min(m, centre + band)
        row, how_row = [inf] * (hi - lo + 1), [0] * (hi - lo + 1)
        if i:
            above, above_lo, above_hi, x = values[i - 1], los[i - 1], his[i - 1], a[i - 1]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best, how = inf, 0
            if i and above_lo <= j - 1 <= above_hi:
                c = cost(x, b[j - 1])
                if c is not None and above[j - 1 - above_lo] + c <= best:
                    best, how = above[j - 1 - above_lo] + c, 1
            if i and above_lo <= j <= above_hi and above[j - above_lo] + gap < best:
                best, how = above[j - above_lo] + gap, 2
            if j > lo and row[j - 1 - lo] + gap < best:
                best, how = row[j - 1 - lo] + gap, 3
            row[j - lo], how_row[j - lo] = best, how
        los.append(lo)
        his.append(hi)
        values.append(row)
        moves.append(how_row)
    pairs: list[tuple[T | None, T | None]] = []
    i, j = n, m
    while i or j:
        how = moves[i][j - los[i]]
        if how == 1:
            pairs.append((a[i - 1], b[j - 1]))
            i, j = i - 1, j - 1
        elif how == 2:
            pairs.append((a[i - 1], None))
            i -= 1
        else:
            pairs.append((None, b[j - 1]))
            j -= 1
    pairs.reverse()
    return pairs


@dataclass(frozen=True)
class _Shape:
    """What a unit looks like whatever its language."""

    kind: str  # "heading", "preamble", "operative", "text"; a sub-paragraph's level as "sub1"...
    #          (a heading's level is its tree: headings of two levels may still be counterparts)
    # Its number whatever the language prints: a paragraph's Number (103ter), a
    # sub-paragraph's ordinal, a heading's (I. and A. as 1); None for none or a word.
    num: object
    share: float  # its length over its body's, annex's or paragraph's
    figures: Counter
    tree: tuple  # the sub-paragraphs' tree: ((), (), ((), ())) for (a), (b), (c) with (i), (ii)
    footnotes: int

    @property
    def log_share(self) -> float | None:
        return math.log(self.share) if self.share > 0 else None


_HEADING_NUMBER = re.compile(r"(?:.* )?([IVXLCDM]+|[A-Z]|\d+)\.?")


def heading_ordinal(number: str | None) -> str | None:
    """What a heading's number says whatever the words around it ("Action 13."
    gives "13", "II." gives "II"), or None when it has none or one in words (an
    Arabic ordinal word): headings are compared by number only when both
    numbers say one. Headings of one level use one kind of number in every
    version, so the figure or letters are compared as written."""
    m = _HEADING_NUMBER.fullmatch((number or "").strip())
    return m[1] if m else None


def _automatic(paragraph: ast.Paragraph) -> bool:
    return paragraph.marker is not None and paragraph.marker.kind != "explicit"


def _explained(x: ast.Paragraph, y: ast.Paragraph, shift: int) -> bool:
    """Whether two counterparts' different numbers follow from the markers'
    working alone: two automatic markers of one kind (`#.` and `#.`), or an
    automatic one shifted by exactly the paragraphs before it that one version
    lacks (each reported itself). Written numbers are the same in every
    language, so two explicit ones that differ are a difference."""
    if not (_automatic(x) or _automatic(y)):
        return False
    if _automatic(x) and _automatic(y) and x.marker.kind == y.marker.kind:
        return True
    return (x.number is not None and y.number is not None and x.number.rank == y.number.rank
            and x.number.base - y.number.base == shift)


def _number_key(paragraph: ast.Paragraph) -> object:
    """What a paragraph's number says of it in every version: the number
    written (an explicit marker), or the kind of an automatic marker (`#.`,
    `PP#.`, `#+.`), whose number follows from the paragraphs before it: one
    paragraph missing before it shifts it, and is reported itself."""
    if _automatic(paragraph):
        return ("automatic", paragraph.marker.kind)
    return paragraph.number


def _tree(subs: tuple[ast.SubParagraph, ...]) -> tuple:
    return tuple(_tree(s.children) for s in subs)


def _figures(text: str) -> Counter:
    return Counter(int(d) for d in _DIGITS.findall(text))


def _block_text(block: ast.Block) -> str:
    if isinstance(block, ast.Paragraph):
        return " ".join([plain_text(block.content)] + [plain_text(s.content) for s in subparagraphs(block.subparagraphs)])
    if isinstance(block, ast.Heading):
        return plain_text(block.content)
    return ""


def _footnotes(nodes: tuple[ast.Inline, ...]) -> list[ast.Footnote]:
    return [node for node in _inlines(nodes) if isinstance(node, ast.Footnote)]


def _all_footnotes(block: ast.Block) -> int:
    if isinstance(block, ast.Paragraph):
        return len(_footnotes(block.content)) + sum(len(_footnotes(s.content)) for s in subparagraphs(block.subparagraphs))
    if isinstance(block, ast.Heading):
        return len(_footnotes(block.content))
    return 0


def _shapes(blocks: Sequence[ast.Block]) -> dict[int, _Shape]:
    texts = [_block_text(b) for b in blocks]
    total = sum(len(t) for t in texts) or 1
    shapes = {}
    for block, text in zip(blocks, texts):
        if isinstance(block, ast.Heading):
            kind, num, tree = "heading", heading_ordinal(block.number), (block.level,)
        elif isinstance(block, ast.Paragraph):
            kind, num, tree = block.part, _number_key(block), _tree(block.subparagraphs)
        else:
            kind, num, tree = "table", None, ()
        shapes[id(block)] = _Shape(kind, num, len(text) / total, _figures(text), tree, _all_footnotes(block))
    return shapes


def _sub_shapes(subs: Sequence[ast.SubParagraph]) -> dict[int, _Shape]:
    texts = [" ".join([plain_text(s.content)] + [plain_text(c.content) for c in subparagraphs(s.children)])
             for s in subs]
    total = sum(len(t) for t in texts) or 1
    return {id(s): _Shape(f"sub{s.level}", "automatic" if s.marker.automatic else s.ordinal, len(t) / total, _figures(t), _tree(s.children),
                          len(_footnotes(s.content)))
            for s, t in zip(subs, texts)}


class _Compared:
    """A shape ready to be compared many times, what ``cost`` weighs worked
    out once (an alignment compares each unit with hundreds): how unlike two
    units are, None for units of different kinds, which are never paired."""

    __slots__ = ("kind", "num", "tree", "footnotes", "log_share", "figures", "count")

    def __init__(self, shape: _Shape):
        self.kind, self.num, self.tree, self.footnotes = shape.kind, shape.num, shape.tree, shape.footnotes
        self.log_share = shape.log_share
        self.figures = dict(shape.figures)
        self.count = sum(self.figures.values())

    def cost(self, y: "_Compared") -> float | None:
        if self.kind != y.kind:
            return None
        cost = 0.0
        if self.num != y.num:
            cost += 1.0
        if self.tree != y.tree:
            cost += 1.0
        if self.footnotes != y.footnotes:
            cost += 0.5
        if self.log_share is not None and y.log_share is not None:
            cost += min(1.5, 1.5 * abs(self.log_share - y.log_share))
        elif self.log_share != y.log_share:
            cost += 1.5
        if self.count or y.count:
            small, large = (self.figures, y.figures) if len(self.figures) <= len(y.figures) else (y.figures, self.figures)
            common = sum(min(v, large.get(k, 0)) for k, v in small.items())
            cost += 1.0 - common / max(self.count, y.count)
        return cost


def align_blocks(a: Sequence[ast.Block], b: Sequence[ast.Block]) -> list[tuple[ast.Block | None, ast.Block | None]]:
    """The blocks of one body or annex in two versions, paired."""
    return _aligned(a, b, _shapes(a) | _shapes(b))


def align_subs(a: Sequence[ast.SubParagraph], b: Sequence[ast.SubParagraph]):
    return _aligned(a, b, _sub_shapes(a) | _sub_shapes(b))


def _aligned(a: Sequence[T], b: Sequence[T], shapes: dict[int, _Shape]) -> list[tuple[T | None, T | None]]:
    xs, ys = [_Compared(shapes[id(u)]) for u in a], [_Compared(shapes[id(u)]) for u in b]
    pairs = align(range(len(a)), range(len(b)), lambda i, j: xs[i].cost(ys[j]))
    return [(a[i] if i is not None else None, b[j] if j is not None else None) for i, j in pairs]


def unmatched_footnotes(a, b) -> tuple[list[ast.Footnote], list[ast.Footnote]]:
    """The footnotes of a unit's own words (not its sub-paragraphs') in each of
    two versions that have no counterpart in the other. The order of footnotes
    in a sentence can change with its language (the Chinese text of 78/265 puts
    two of the fourth preambular paragraph's the other way round), so they are
    paired in any order: the closest first, by the figures they cite and where
    they stand in their unit."""
    def placed(unit) -> list[tuple[ast.Footnote, float, Counter]]:
        if not unit.content:
            return []
        start, end = unit.content[0].span.start, unit.content[-1].span.end
        length = max(1, end - start)
        return [(f, (f.span.start - start) / length, _figures(plain_text(f.body))) for f in _footnotes(unit.content)]

    xs, ys = placed(a), placed(b)
    if len(xs) == len(ys):
        return [], []

    def cost(x, y) -> float:
        c = abs(x[1] - y[1])
        if x[2] or y[2]:
            c += 2.0 * (1.0 - sum((x[2] & y[2]).values()) / max(sum(x[2].values()), sum(y[2].values())))
        return c

    pairs = sorted((cost(x, y), i, j) for i, x in enumerate(xs) for j, y in enumerate(ys))
    left, right = set(range(len(xs))), set(range(len(ys)))
    for _, i, j in pairs:
        if i in left and j in right:
            left.discard(i)
            right.discard(j)
    return [xs[i][0] for i in sorted(left)], [ys[j][0] for j in sorted(right)]


def rows(documents: Sequence[ast.Document]) -> list[Row]:
    """Every unit of every version, aligned with the first version's: one row
    per unit, the body's then each annex's (an annex with the annex at its
    place), a paragraph followed by the rows of its sub-paragraphs. A unit that
    the reference lacks gets a row of its own, after the unit it follows in its
    version; the sub-paragraphs of a paragraph the reference lacks are aligned
    with those of the first version that has it."""
    out: list[Row] = []
    scoped = [list(scopes(d)) for d in documents]
    for index in range(max(len(s) for s in scoped)):
        blocks = [list(s[index].blocks) if index < len(s) else [] for s in scoped]
        for units in merged(blocks, align_blocks):
            out.append(Row(index, units))
            subs = [list(u.subparagraphs) if isinstance(u, ast.Paragraph) else [] for u in units]
            if any(subs):
                out += [Row(index, s) for s in merged(subs, align_subs)]
    return out


def merged(sequences: list[list], pair: Callable) -> list[tuple]:
    """The units of several versions in rows: each unit of the reference (the
    first sequence with any) with its counterparts, and the units it has no
    counterpart for in rows of their own, after the unit they follow."""
    ref = next((k for k, s in enumerate(sequences) if s), 0)
    reference = sequences[ref]
    at = {id(u): k for k, u in enumerate(reference)}
    paired: list[dict[int, object]] = []
    alone: list[dict[int, list]] = []  # reference position (-1: before the first) -> units
    for k, units in enumerate(sequences):
        found: dict[int, object] = {}
        left: dict[int, list] = {}
        if k != ref:
            position = -1
            for x, y in pair(reference, units):
                if x is not None:
                    position = at[id(x)]
                    if y is not None:
                        found[position] = y
                else:
                    left.setdefault(position, []).append(y)
        paired.append(found)
        alone.append(left)
    out: list[tuple] = []

    def lonely(position: int) -> None:
        for k, left in enumerate(alone):
            for unit in left.get(position, ()):
                out.append(tuple(unit if j == k else None for j in range(len(sequences))))

    lonely(-1)
    for position, unit in enumerate(reference):
        out.append(tuple(unit if k == ref else paired[k].get(position) for k in range(len(sequences))))
        lonely(position)
    return out


# ---------------------------------------------------------------- diagnostics

def _place(block: ast.Block | ast.SubParagraph) -> Span:
    if isinstance(block, ast.Paragraph) and block.marker is not None:
        return block.marker.span
    if isinstance(block, ast.SubParagraph):
        return block.marker.span
    return block.span


def _described(block: ast.Block | ast.SubParagraph | None, parent: ast.Paragraph | None = None) -> str:
    if isinstance(block, ast.Heading):
        words = " ".join(plain_text(block.content).split()[:6])
        return f"the heading \u201c{' '.join(filter(None, (block.number, words)))}\u2026\u201d"
    if isinstance(block, ast.SubParagraph):
        return f"sub-paragraph {block.num} of {_described(parent)}"
    if isinstance(block, ast.Paragraph):
        if block.num is None:
            return "unnumbered paragraph"
        return f"{'preambular ' if block.part == 'preamble' else ''}paragraph {block.num}"
    return "table"


class _Report:
    """The diagnostics of one comparison: the reference (version 0) with version ``v``."""

    def __init__(self, versions: Sequence[Version], v: int):
        self.versions = versions
        self.v = v
        self.found: list[tuple[int, Diagnostic]] = []
        self.where = ""  # " of Annex I" while an annex is compared

    def name(self, unit, parent=None) -> str:
        """A unit as a message names it, with its annex."""
        return _described(unit, parent) + self.where

    def add(self, code: str, where: int, span: Span | None, message: str, note_span: Span | None,
            note: str, hints: tuple[str, ...] = ()) -> None:
        """A diagnostic in version ``where`` (0 or self.v), with its note in the other."""
        other = self.versions[self.v if where == 0 else 0]
        related = (Related(note_span, note, other.source),) if note_span is not None else ()
        self.found.append((where, make(code, message, span, related=related, hints=hints)))


def _neighbour_note(pairs: list, k: int, side: int, describe) -> tuple[Span | None, str]:
    """Where, in version ``side`` of an alignment, the unit of pair ``k`` that
    it lacks would stand: after the counterpart before it, or before the one
    after it. ``describe`` names a unit."""
    for j in range(k - 1, -1, -1):
        unit = pairs[j][side]
        if unit is not None:
            return _place(unit), f"it would follow {describe(unit)} here"
    for j in range(k + 1, len(pairs)):
        unit = pairs[j][side]
        if unit is not None:
            return _place(unit), f"it would come before {describe(unit)} here"
    return None, ""


def compare_versions(versions: Sequence[Version]) -> list[tuple[int, Diagnostic]]:
    """Every difference of structure between the reference (the first version)
    and each other version, and a language named twice: (version index, diagnostic)."""
    found: list[tuple[int, Diagnostic]] = []
    seen: dict[str, int] = {}
    for index, version in enumerate(versions):
        first = seen.setdefault(version.language, index)
        if first != index:
            earlier = versions[first]
            name = NAMES.get(version.language, version.language)
            default = "" if version.document.front.language != "en" else \
                " (English is the default when the front matter sets no `language:`)"
            related = (Related(earlier.document.front.span, f"{earlier.source.path} is {name} too",
                               earlier.source),) if earlier.document.front.span is not None else ()
            found.append((index, make(
                "parallel-language", f"{version.source.path} and {earlier.source.path} are both in {name}"
                f"{default}; each version should be in its own language", version.document.front.span,
                related=related, hints=("set `language:` in the front matter: en, fr, es, ru, ar or zh",))))
    for v in range(1, len(versions)):
        report = _Report(versions, v)
        _compare(report, versions[0].document, versions[v].document)
        found += report.found
    return found


def _compare(report: _Report, a: ast.Document, b: ast.Document) -> None:
    ref, other = report.versions[0], report.versions[report.v]
    sa, sb = list(scopes(a)), list(scopes(b))
    for index in range(max(len(sa), len(sb))):
        if index >= len(sb) or index >= len(sa):
            where, present, lacking = (0, sa, b) if index >= len(sb) else (report.v, sb, a)
            annex = present[index]
            last = lacking.annexes[-1] if lacking.annexes else None
            span = annex_span(report.versions[where].document, index)
            note_span = last.span if last is not None else _last_span(lacking)
            lacks = other if where == 0 else ref
            report.add("parallel-missing", where, span,
                       f"{annex.label or 'the annex'} has no counterpart in {lacks.named()}", note_span,
                       f"{lacks.source.path} ends here without it")
            continue
        _compare_blocks(report, sa[index], sb[index])


def annex_span(document: ast.Document, index: int) -> Span | None:
    return document.annexes[index - 1].span if index else document.front.span


def _last_span(document: ast.Document) -> Span | None:
    if document.blocks:
        return _place(document.blocks[-1])
    return document.front.span


def _compare_blocks(report: _Report, sa: Scope, sb: Scope) -> None:
    report.where = f" of {sa.label or 'the annex'}" if sa.index else ""
    pairs = align_blocks(sa.blocks, sb.blocks)
    shift: Counter = Counter()  # by part: the paragraphs only the reference has so far, less the other's
    for k, (x, y) in enumerate(pairs):
        if x is None or y is None:
            _missing(report, pairs, k)
            unit = x if x is not None else y
            if isinstance(unit, ast.Paragraph) and unit.marker is not None:
                shift[unit.part] += 1 if x is not None else -1
            continue
        if isinstance(x, ast.Heading) and isinstance(y, ast.Heading):
            if x.level != y.level:
                report.add("parallel-level", report.v, _place(y),
                           f"{report.name(y)} is a heading of level {y.level}, its counterpart in "
                           f"{report.versions[0].named()} of level {x.level}", _place(x), f"level {x.level} here")
            ox, oy = heading_ordinal(x.number), heading_ordinal(y.number)
            if ox is not None and oy is not None and ox != oy:
                _number(report, x, y, x.number, y.number, "heading")
            _compare_footnotes(report, x, y, report.name(x))
            continue
        if not (isinstance(x, ast.Paragraph) and isinstance(y, ast.Paragraph)):
            continue
        _compare_paragraphs(report, x, y, shift[x.part])


def _missing(report: _Report, pairs: list, k: int) -> None:
    x, y = pairs[k]
    where, unit, lacking_side = (0, x, 1) if y is None else (report.v, y, 0)
    lacks = report.versions[report.v if where == 0 else 0]
    note_span, note = _neighbour_note(pairs, k, lacking_side, _described)
    if note_span is None:  # the other version has nothing in this body or annex
        document = lacks.document
        note_span, note = document.front.span or Span(0, 0, 1, 1), "it belongs in this version, which has nothing of that body or annex yet"
    report.add("parallel-missing", where, _place(unit), f"{report.name(unit)} has no counterpart in {lacks.named()}",
               note_span, note)


def _number(report: _Report, x, y, num_x: str | None, num_y: str | None, what: str) -> None:
    ref = report.versions[0]
    report.add("parallel-number", report.v, _place(y),
               f"this {what} is numbered {num_y}, its counterpart {num_x} in {ref.named()}",
               _place(x), f"numbered {num_x} here")


def _compare_paragraphs(report: _Report, x: ast.Paragraph, y: ast.Paragraph, shift: int = 0) -> None:
    ref, other = report.versions[0], report.versions[report.v]
    if x.number != y.number and not _explained(x, y, shift):
        _number(report, x, y, x.num, y.num, "paragraph")
    name = report.name(x)
    lx, ly = x.label.name if x.label else None, y.label.name if y.label else None
    if lx != ly:
        if ly is not None:
            report.add("parallel-label", report.v, y.label.span,
                       f"the label {{#{ly}}} of {report.name(y)} is not the label of its counterpart in "
                       f"{ref.named()}" + (f" ({{#{lx}}})" if lx else " (it has none)"),
                       x.label.span if x.label else _place(x), "its counterpart here")
        else:
            report.add("parallel-label", 0, x.label.span,
                       f"the label {{#{lx}}} of {name} is missing from its counterpart in {other.named()}",
                       _place(y), "its counterpart here, with no label")
    px = (x.proposal.kind, x.proposal.author) if x.proposal else None
    py = (y.proposal.kind, y.proposal.author) if y.proposal else None
    if px != py:
        where, unit, said, counterpart = (0, x, x.proposal, y) if px is not None else (report.v, y, y.proposal, x)
        lacks = other if where == 0 else ref
        what = f"{'a new paragraph' if said.kind == 'new' else 'the deletion'} proposed by {said.author}"
        report.add("parallel-proposal", where, said.span,
                   f"{report.name(unit)} is {what}, and its counterpart in {lacks.named()} is not"
                   + (f" (it is {'new' if (py or px)[0] == 'new' else 'deleted'} by {(py or px)[1]})"
                      if px is not None and py is not None else ""),
                   _place(counterpart), "its counterpart here")
    if x.status != y.status:
        report.add("parallel-status", report.v, _place(y),
                   f"{report.name(y)} is {y.status}, its counterpart in {ref.named()} {x.status}",
                   _place(x), f"{x.status} here")
    _compare_inline(report, x, y, name)
    pairs = align_subs(x.subparagraphs, y.subparagraphs)
    _compare_subs(report, pairs, (x, y))


def _compare_subs(report: _Report, pairs: list, parents: tuple) -> None:
    shift = 0  # the sub-paragraphs only the reference has so far, less the other's
    for k, (sx, sy) in enumerate(pairs):
        if sx is None or sy is None:
            _missing_sub(report, pairs, k, parents)
            shift += 1 if sx is not None else -1
            continue
        automatic = sx.marker.automatic or sy.marker.automatic
        if sx.ordinal != sy.ordinal and not (automatic and sx.ordinal - sy.ordinal == shift) \
                and not (sx.marker.automatic and sy.marker.automatic):
            _number(report, sx, sy, sx.num, sy.num, "sub-paragraph")
        _compare_inline(report, sx, sy, report.name(sx, parents[0]))
        _compare_subs(report, align_subs(sx.children, sy.children), parents)


def _missing_sub(report: _Report, pairs: list, k: int, parents: tuple) -> None:
    x, y = pairs[k]
    where, unit, side = (0, x, 1) if y is None else (report.v, y, 0)
    lacks = report.versions[report.v if where == 0 else 0]
    parent = parents[0 if where == 0 else 1]
    describe = lambda u: f"sub-paragraph {u.num}"  # noqa: E731
    note_span, note = _neighbour_note(pairs, k, side, describe)
    if note_span is None:
        note_span, note = _place(parents[side]), "its paragraph here"
    report.add("parallel-missing", where, _place(unit),
               f"{report.name(unit, parent)} has no counterpart in {lacks.named()}", note_span, note)


def _compare_inline(report: _Report, x, y, name: str) -> None:
    """Within a paired unit's own words: its footnotes, proposed changes and brackets."""
    ref, other = report.versions[0], report.versions[report.v]
    _compare_footnotes(report, x, y, name)
    cx = [n for n in _inlines(x.content) if isinstance(n, ast.Change)]
    cy = [n for n in _inlines(y.content) if isinstance(n, ast.Change)]
    kx, ky = Counter((c.kind, c.author) for c in cx), Counter((c.kind, c.author) for c in cy)
    if kx != ky:
        for where, changes, extra, counterpart in ((0, cx, kx - ky, y), (report.v, cy, ky - kx, x)):
            lacks = other if where == 0 else ref
            for change in changes:
                key = (change.kind, change.author)
                if extra[key] > 0:
                    extra[key] -= 1
                    who = f" by {change.author}" if change.author else ""
                    report.add("parallel-proposal", where, change.span,
                               f"a proposed {_CHANGE_WORDS[change.kind]}{who} in {name} has no counterpart in "
                               f"{lacks.named()}", _place(counterpart), "its counterpart here")
    bx = [n for n in _inlines(x.content) if isinstance(n, ast.Bracket)]
    by = [n for n in _inlines(y.content) if isinstance(n, ast.Bracket)]
    if len(bx) != len(by):
        where, more, counterpart = (0, bx, y) if len(bx) > len(by) else (report.v, by, x)
        lacks = other if where == 0 else ref
        fewer = min(len(bx), len(by))
        report.add("parallel-bracket", where, more[fewer].span,
                   f"{name} has {len(more)} bracketed passage{'s' if len(more) != 1 else ''}, its counterpart in "
                   f"{lacks.named()} {fewer}", _place(counterpart), "its counterpart here")
    else:
        for b1, b2 in zip(bx, by):
            if len(b1.alternatives) != len(b2.alternatives):
                report.add("parallel-bracket", report.v, b2.span,
                           f"a bracket in {name} holds {len(b2.alternatives)} alternatives, its counterpart in "
                           f"{ref.named()} {len(b1.alternatives)}", b1.span, "its counterpart here")


_CHANGE_WORDS = {"insert": "insertion", "delete": "deletion", "substitute": "replacement"}


def _compare_footnotes(report: _Report, x, y, name: str) -> None:
    only_x, only_y = unmatched_footnotes(x, y)
    for where, notes, counterpart in ((0, only_x, y), (report.v, only_y, x)):
        lacks = report.versions[report.v if where == 0 else 0]
        for note in notes:
            report.add("parallel-missing", where, note.span,
                       f"a footnote of {name} has no counterpart in {lacks.named()}", _place(counterpart),
                       f"its counterpart here has {len(_footnotes(counterpart.content))} footnote"
                       f"{'' if len(_footnotes(counterpart.content)) == 1 else 's'} in its own words")
