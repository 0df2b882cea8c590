"""Source text -> (Document, diagnostics): the only way into parsing."""

from __future__ import annotations

import re
from dataclasses import replace

from .. import ast
from ..diagnostics import Diagnostic, Edit, Fix, Related, make, replace_with
from ..diagnostics import moved as moved_diagnostic
from ..languages import views
from ..numbers import from_alpha_label, from_letters, from_roman
from ..source import BIDI_CONTROLS, CONTROL, SourceFile, Span
from .. import cache
from .blocks import RawBlock, RawFrontMatter, split
from .parser import marker_fix, parse_block, salvage_marker
from .to_ast import MAX_DEPTH, BlockBuilder, BuiltParagraph, Continuation, RawSub, TooDeep

MAX_SUB_LEVEL = 4

_CONTROL = CONTROL
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
MAX_REPORTED = 10  # of each kind per file; a binary file would otherwise print one per byte


def scan_characters(source: SourceFile) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for pattern, code in ((_CONTROL, "control-character"), (_BIDI, "bidi-control")):
        hits = pattern.finditer(source.text)
        for count, m in enumerate(hits):
            where = source.span(m.start(), m.end())
            if count == MAX_REPORTED:
                rest = [where, *(source.span(h.start(), h.end()) for h in hits)]
                found.append(make(code, f"{len(rest)} more such characters from here to the end of the file",
                                  where, hints=("delete them all",),
                                  fixes=(Fix("Delete them all", tuple(Edit(at, "") for at in rest)),)))
                break
            char = m.group()
            name = f"U+{ord(char):04X}"
            if code == "control-character":
                if char == "\x0b":
                    hint = "Word writes a manual line break as U+000B: replace it with a space or a new line"
                    fixes = (replace_with(where, " ", "Replace it with a space"),
                             replace_with(where, "\n", "Replace it with a new line"))
                else:
                    hint, fixes = "delete it: it is invisible and no draft needs it", (replace_with(where, ""),)
                found.append(make(code, f"the control character {name} has no place in a draft",
                                  where, hints=(hint,), fixes=fixes))
            else:
                found.append(make(code, f"the invisible character {name} changes the order in which the "
                                  "text around it is shown", where,
                                  hints=("delete it; right-to-left text needs no such character",),
                                  fixes=(replace_with(where, ""),)))
    return found


def parse(source: SourceFile) -> tuple[ast.Document, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = scan_characters(source)
    raw_front, raw_items = split(source.text)
    front = ast.FrontMatter()
    if raw_front is not None:
        front, found = read_front_matter(source, raw_front)
        diagnostics += found

    # The body, then each annex: (its annex block and settings, or None for the body; its raw blocks).
    scopes: list[tuple[tuple[RawFrontMatter, ast.FrontMatter] | None, list[RawBlock]]] = [(None, [])]
    for raw in raw_items:
        if isinstance(raw, RawBlock):
            scopes[-1][1].append(raw)
            continue
        annex_front = _annex_block(source, raw, front, diagnostics)
        if annex_front is not None:
            scopes.append(((raw, annex_front), []))

    built = []
    for _, raws in scopes:
        blocks = _blocks(source, raws, diagnostics)
        diagnostics += numbers_lost_in_gaps(blocks, source, diagnostics)
        built.append(tuple(blocks))
    labels = annex_labels([annex_front.annex for (_, annex_front), _ in scopes[1:]], front.language)
    annexes = []
    first_with: dict[str, Span] = {}
    for ((raw, annex_front), _), label, blocks in zip(scopes[1:], labels, built[1:], strict=True):
        span = source.span(raw.start, raw.end_offset)
        fence = source.span(raw.start, raw.start + 3)
        if label.casefold() in first_with:  # "paragraph 1 of annex I" would name two places
            diagnostics.append(make("annex", f"two annexes are labelled `{label}`", fence,
                                    related=(Related(first_with[label.casefold()], "the first is here"),),
                                    hints=("give each annex its own label (`annex: Annex II`), or `annex: ~` "
                                           "to let wsisc number them",)))
        first_with.setdefault(label.casefold(), fence)
        annexes.append(ast.Annex(span.cover(blocks[-1].span) if blocks else span, annex_front, label, blocks))
    return ast.Document(source.path, front, built[0], annexes=tuple(annexes)), diagnostics


def _blocks(source: SourceFile, raws: list[RawBlock], diagnostics: list[Diagnostic]) -> list[ast.Block]:
    """The blocks of the body or of one annex."""
    blocks: list[ast.Block | BuiltParagraph] = []
    subs_of: dict[int, list[RawSub]] = {}  # index in blocks -> the paragraph's sub-paragraphs so far
    for raw in raws:
        tree, error, more = parse_block(source, raw)
        builder = BlockBuilder(source, raw, diagnostics)
        if tree is None:
            diagnostics.append(error)
            diagnostics.extend(more)
            marker = salvage_marker(raw)
            if marker is None:
                builder.check_block_start()
                continue
            built = builder.salvaged(marker)
        else:
            try:
                built = builder.build(tree)
            except TooDeep as exc:
                diagnostics.append(make("syntax", f"constructs are nested more than {MAX_DEPTH} deep here",
                                        exc.span, hints=("simplify the nesting of emphasis, brackets and changes",)))
                continue
        match built:
            case Continuation():
                owner = len(blocks) - 1
                if owner in subs_of:
                    subs_of[owner].extend(built.subs)
                else:
                    diagnostics.append(make("syntax", "sub-paragraphs must follow a paragraph", built.subs[0].marker_span,
                                            hints=("put a paragraph such as `12. Requests ...:` before them",)))
            case BuiltParagraph():
                subs_of[len(blocks)] = list(built.subs)
                blocks.append(built)
            case _:
                blocks.append(built)

    final: list[ast.Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, BuiltParagraph):
            subs = nest(subs_of[index], diagnostics)
            paragraph = block.paragraph
            if subs:
                paragraph = replace(paragraph, subparagraphs=subs, span=paragraph.span.cover(subs[-1].span))
            final.append(paragraph)
        else:
            final.append(block)
    return final


_NO_ANNEX_HINTS = ("an annex starts with a block `---` / `annex: Annex I` / `---` after the body "
                   "(`annex: ~` for the default label)",
                   "write `\\---` to keep a line of dashes as text")


def _annex_block(source: SourceFile, raw: RawFrontMatter, front: ast.FrontMatter,
                 diagnostics: list[Diagnostic]) -> ast.FrontMatter | None:
    """The settings of the annex a `---` block in the body opens, with the
    file's document type and preamble numbering where it sets none; None, after
    an error, for a block that opens no annex."""
    fence = source.span(raw.start, raw.start + 3)
    if not raw.closed:
        said = "is followed by text, not by `key: value` lines" if raw.stray else "is never closed"
        diagnostics.append(make("annex", f"this `---` opens an annex block that {said}", fence,
                                hints=_NO_ANNEX_HINTS))
        return None
    annex_front, given, found = read_annex_block(source, raw)
    diagnostics += found
    if given is None:  # its YAML cannot be read: an annex if it says so in so many words
        given = frozenset({"annex"}) if _ANNEX_LINE.search(raw.text) else None
    if given is None or "annex" not in given:
        if given is not None:
            hints = _NO_ANNEX_HINTS
            if not source.text[:raw.start].strip():  # meant as the file's front matter, most likely
                hints = ("the file's front matter opens the file: delete the blank lines before this `---`",) + hints
            diagnostics.append(make("annex", "a `---` block in the body opens an annex, but this one has no "
                                    "`annex:` key", fence, hints=hints))
        return None
    inherited = {key: getattr(front, key) for key in ("document_type", "preamble_numbering") if key not in given}
    inherited["language"] = front.language  # an annex is in its draft's language
    return replace(annex_front, **inherited)


_ANNEX_LINE = re.compile(r"^annex[ \t]*:", re.MULTILINE)


def annex_labels(written: list[str | None], language: str = "en") -> list[str]:
    """Each annex's label as printed: as written, or "Annex" when there is one
    and "Annex I", "Annex II", ... when there are several (A/RES/78/128), in the
    draft's language ("Annexe I", "المرفق الأول", "附件一")."""
    if len(written) == 1:
        return [written[0] or views.annex_label(None, language)]
    return [label or views.annex_label(n, language) for n, label in enumerate(written, start=1)]


# A block of text that opens with a bare number or letter (or PP and a number).
_OPENING_LABEL = re.compile(r"[ \t]*(?P<pp>PP[ \t]*)?(?P<label>\d{1,6}|[A-Z]{1,2})(?=[ \t]+\S)")


def lost_number(text: str, at: int, blocks: list[ast.Block] | tuple[ast.Block, ...],
                index: int) -> re.Match | None:
    """The opening of a block of text at ``text[at:]`` (``blocks[index]``), when it
    is a bare number or letter that is exactly the one missing between the numbered
    paragraphs around it: a paragraph that lost its marker's dot."""
    m = _OPENING_LABEL.match(text, at)
    if m is None or (m["pp"] and not m["label"].isdigit()):
        return None
    label = m["label"]
    part = "operative" if label.isdigit() and not m["pp"] else "preamble"
    value = int(label) if label.isdigit() else from_letters(label)
    numbered = [(i, b) for i, b in enumerate(blocks) if isinstance(b, ast.Paragraph) and b.part == part
                and b.marker is not None and b.marker.number is not None]
    before = [b for i, b in numbered if i < index]
    after = [b for i, b in numbered if i > index]
    if not after or (before[-1].marker.number.base if before else 0) != value - 1 \
            or after[0].marker.number.base <= value:
        return None
    return m


def numbers_lost_in_gaps(blocks: list[ast.Block], source: SourceFile,
                         diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Text that opens with exactly the number missing between the numbered
    paragraphs around it lost its marker: `2 encourages ...` between 1. and 3.,
    `B *Recalling* ...` between A. and C. The shape of a line alone cannot tell
    `2 encourages` from a sentence; the gap it fills can (missing-marker)."""
    found: list[Diagnostic] = []
    reported = {d.span.line for d in diagnostics if d.code == "missing-marker" and d.span is not None}
    for index, block in enumerate(blocks):
        if not isinstance(block, ast.Paragraph) or block.part != "text" or block.span.line in reported:
            continue
        m = lost_number(source.text, block.span.start, blocks, index)
        if m is None:
            continue
        label = m["label"]
        written = source.text[m.start("pp") if m["pp"] else m.start("label"):m.end("label")]
        marker = f"{'PP' if m['pp'] else ''}{label}."
        keep = f", or `{written[:-len(label)]}\\{label}` to keep it as unnumbered text" if label.isdigit() else ""
        start = m.end() - len(written)
        where = source.span(start, m.end())
        found.append(make("missing-marker", f"`{written}` is not a paragraph marker: its dot is missing; "
                          f"this paragraph has no number, and paragraph {marker[:-1]} is missing",
                          where, hints=(f"write `{marker}` to number it{keep}",),
                          fixes=(replace_with(where, marker_fix(source.text, m.end(), marker),
                                              f"Write `{marker}`"),)))
    return found


def read_front_matter(source: SourceFile, raw: RawFrontMatter) -> tuple[ast.FrontMatter, list[Diagnostic]]:
    """The front matter, from the cache when the same YAML was read before.

    Drafters edit the body far more often than the front matter, and importing
    PyYAML is a tenth of a check's time. The front matter always opens the
    file, so its diagnostics' positions hold for any file that starts the same.
    """
    # The cache's folder is that of this code, so the key is only what was read:
    # the file up to the end of its front matter, fences and their spaces included,
    # on which every position in the diagnostics depends.
    key = f"{raw.closed}\0{source.text[:raw.end_offset]}"
    cached = cache.load("front", key)
    if cached is not None:
        return cached
    from .front_matter import parse_front_matter  # imports yaml

    found: list[Diagnostic] = []
    result = (parse_front_matter(source, raw, found), found)
    cache.store("front", key, result)
    return result


def read_annex_block(source: SourceFile, raw: RawFrontMatter
                     ) -> tuple[ast.FrontMatter, frozenset[str] | None, list[Diagnostic]]:
    """An annex block's settings, the keys it gives (None: its YAML cannot be
    read) and its diagnostics, from the cache when the same block was read before.

    The block is read, and kept, as if it opened the file, and its positions are
    moved to where it stands: an edit above it leaves it in the cache.
    """
    text = source.text[raw.start:raw.end_offset]
    key = f"{raw.closed}\0{text}"
    cached = cache.load("annex", key)
    if cached is None:
        from .front_matter import parse_annex_block  # imports yaml

        alone = SourceFile.from_text(source.path, text)
        at = raw.offset - raw.start
        found: list[Diagnostic] = []
        front, given = parse_annex_block(alone, replace(raw, offset=at, line=2, start=0,
                                                         end_offset=len(text)), found)
        cached = (front, given, found)
        cache.store("annex", key, cached)
    front, given, found = cached
    line = raw.line - 2  # the lines above its opening fence

    def moved(span: Span | None) -> Span | None:
        return None if span is None else \
            Span(span.start + raw.start, span.end + raw.start, span.line + line, span.column)

    found = [moved_diagnostic(d, moved) for d in found]
    return replace(front, span=moved(front.span), name_span=moved(front.name_span)), given, found


class _Node:
    __slots__ = ("raw", "level", "children")

    def __init__(self, raw: RawSub, level: int):
        self.raw = raw
        self.level = level
        self.children: list[_Node] = []


# The widths an editor may show a tab at. Sub-paragraph levels are read from
# the indentation, so a tab is read only where every width gives the same levels.
TAB_WIDTHS = range(1, 9)


def nest(raws: list[RawSub], diagnostics: list[Diagnostic]) -> tuple[ast.SubParagraph, ...]:
    """Nest sub-paragraphs by indentation: one indented further than the one
    before it opens a list inside that one."""
    if not any("\t" in raw.indentation for raw in raws):
        return tuple(_freeze(node) for node in _place(raws, [len(raw.indentation) for raw in raws], diagnostics))
    readings = []  # (levels in document order, nodes, diagnostics) at each tab width, widest first
    for width in reversed(TAB_WIDTHS):
        found: list[Diagnostic] = []
        nodes = _place(raws, [len(raw.indentation.expandtabs(width)) for raw in raws], found)
        readings.append((_levels(nodes), nodes, found))
    if any(levels != readings[0][0] for levels, _, _ in readings):
        diagnostics.append(_tab_depends(raws, [levels for levels, _, _ in readings]))
    # Where the width matters, the flattest reading: one stray tab should not nest the items after it.
    _, nodes, found = min(readings, key=lambda reading: sum(reading[0]))
    diagnostics.extend(found)
    return tuple(_freeze(node) for node in nodes)


def _tab_depends(raws: list[RawSub], readings: list[list[int]]) -> Diagnostic:
    """The error for a tab whose width decides a sub-paragraph's level: at the
    tab, which is on the first sub-paragraph whose level differs or above it."""
    differs = next(i for i in range(len(raws)) if len({levels[i] for levels in readings}) > 1)
    holder = next(raws[i] for i in range(differs, -1, -1) if "\t" in raws[i].indentation)
    marker = holder.marker_span
    before = len(holder.indentation) - holder.indentation.index("\t")
    tab = Span(marker.start - before, marker.start - before + 1, marker.line, marker.column - before)
    related = () if holder is raws[differs] else \
        (Related(raws[differs].marker_span, f"the level of {raws[differs].written} depends on it"),)
    # The fixes: every tab-indented item indented with spaces, two a level, at the levels
    # a tab as an editor shows it (4 wide, 8, 2) gives them, each reading that differs.
    fixes: dict[tuple[int, ...], Fix] = {}
    for width in (4, 8, 2):
        levels = tuple(readings[len(TAB_WIDTHS) - width])  # readings run from the widest tab
        edits = tuple(Edit(_indentation(raw), "  " * level)
                      for raw, level in zip(raws, levels, strict=True) if "\t" in raw.indentation)
        fixes.setdefault(levels, Fix(f"Indent with spaces, two a level, as a tab {width} wide shows it", edits))
    return make("tab-indent", "a tab in the indentation of this sub-paragraph: its level depends on how wide "
                "an editor shows a tab", tab, related=related,
                hints=("indent sub-paragraphs with spaces only, two a level as `wsisc fmt` writes them",),
                fixes=tuple(fixes.values()))


def _indentation(raw: RawSub) -> Span:
    """Where a sub-paragraph's indentation is written: the line's start to its marker."""
    marker = raw.marker_span
    width = len(raw.indentation)
    return Span(marker.start - width, marker.start, marker.line, marker.column - width)


def _in_words(indentation: str) -> str:
    """Spaces and tabs as a drafter would count them: "4 spaces", "one tab and 2 spaces"."""
    tabs, spaces = indentation.count("\t"), indentation.count(" ")
    said = ([f"{'one' if tabs == 1 else tabs} tab{'s' if tabs > 1 else ''}"] if tabs else []) + \
        ([f"{spaces} space{'s' if spaces != 1 else ''}"] if spaces or not tabs else [])
    return " and ".join(said)


def _levels(nodes: list[_Node]) -> list[int]:
    """Each sub-paragraph's level, in document order."""
    return [level for node in nodes for level in (node.level, *_levels(node.children))]


def _place(raws: list[RawSub], indents: list[int], diagnostics: list[Diagnostic]) -> list[_Node]:
    """The sub-paragraphs as a tree, by their indentation in columns."""
    root: list[_Node] = []
    stack: list[tuple[int, int, list[_Node]]] = []  # (indent, level, where items of that level go)
    for raw, indent in zip(raws, indents, strict=True):
        if not stack:
            stack.append((indent, 1, root))
        elif indent > stack[-1][0]:
            _, level, items = stack[-1]
            if level >= MAX_SUB_LEVEL:
                diagnostics.append(make("sub-depth", f"sub-paragraphs can be nested {MAX_SUB_LEVEL} levels deep",
                                        raw.marker_span, hints=("indent it as its parent's siblings are",)))
            else:
                stack.append((indent, level + 1, items[-1].children))
        else:
            while len(stack) > 1 and indent < stack[-1][0]:
                stack.pop()
            # Less indented than the first level is still the first level.
            if indent != stack[-1][0] and not (len(stack) == 1 and indent < stack[0][0]):
                sibling = stack[-1][2][0].raw.indentation  # as written: a tab is not "8 spaces" to its writer
                diagnostics.append(make("sub-indent", "this sub-paragraph's indentation matches no level above it",
                                        raw.marker_span,
                                        hints=(f"indent it by {_in_words(sibling)}, like the other "
                                               f"sub-paragraphs of its level",),
                                        fixes=(replace_with(_indentation(raw), sibling,
                                                            f"Indent it by {_in_words(sibling)}"),)))
        stack[-1][2].append(_Node(raw, stack[-1][1]))
    return root


def _freeze(node: _Node) -> ast.SubParagraph:
    raw = node.raw
    key = raw.written[1:-1]
    if key == "#":
        ordinal = None
    elif node.level % 2 == 1:
        ordinal = from_alpha_label(key)
    else:
        ordinal = from_roman(key)
    marker = ast.SubMarker(raw.marker_span, raw.written, ordinal)
    children = tuple(_freeze(child) for child in node.children)
    span = raw.span.cover(children[-1].span) if children else raw.span
    return ast.SubParagraph(span, marker, node.level, raw.label, raw.content, children)
