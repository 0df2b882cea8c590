"""The outline of an ``OpenDraft`` (document symbols) and its folding ranges.

The outline: the body's headings, each holding the paragraphs and lower
headings of its section, then each annex holding its own; a paragraph is named
by its number as negotiated ("103ter", "C", "PP3" in a preamble printed without
numbers), with its first words as detail, and holds its sub-paragraphs.
Folding: the front matter, each annex, each heading's section, each paragraph
over more than one line and each list of sub-paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterator

from lsprotocol import types as lsp

from .. import ast
from ..source import Span
from ..transforms.compare import cited
from ..walk import Scope, paragraph_words, plain_text, scopes
from .draft import OpenDraft
from .protocol import span_range

ANNEX = lsp.SymbolKind.Module
HEADING = lsp.SymbolKind.Namespace
PARAGRAPH = lsp.SymbolKind.Number
TEXT = lsp.SymbolKind.String  # unnumbered text
SUB = lsp.SymbolKind.EnumMember
FIRST_WORDS = 10  # of a paragraph, where the outline or a hover names it by its words


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def heading_name(heading: ast.Heading) -> str:
    """A heading as the outline names it: its item number, if any, and its words."""
    words = " ".join(plain_text(heading.content).split())
    return f"{heading.number} {words}" if heading.number else words


def sections(blocks: tuple[ast.Block, ...]) -> Iterator[tuple[ast.Heading, Span]]:
    """Each heading with its section: from the heading to the last block before the
    next heading of its level or above (or the end of its body or annex)."""
    for index, heading in enumerate(blocks):
        if not isinstance(heading, ast.Heading):
            continue
        last = heading
        for block in blocks[index + 1:]:
            if isinstance(block, ast.Heading) and block.level <= heading.level:
                break
            last = block
        yield heading, heading.span.cover(last.span)


def document_symbols(draft: OpenDraft) -> list[lsp.DocumentSymbol]:
    if draft.document is None:
        return []
    found: list[lsp.DocumentSymbol] = []
    for scope in scopes(draft.document):
        inside = _scope_symbols(draft, scope)
        if scope.index == 0:
            found += inside
            continue
        annex = draft.document.annexes[scope.index - 1]
        fence = Span(annex.span.start, annex.span.start + 3, annex.span.line, 1)
        found.append(lsp.DocumentSymbol(annex.label, ANNEX, span_range(draft, annex.span), span_range(draft, fence),
                                        detail=annex.front.title or None, children=inside))
    return found


def _scope_symbols(draft: OpenDraft, scope: Scope) -> list[lsp.DocumentSymbol]:
    spans = dict((id(h), span) for h, span in sections(scope.blocks))
    top: list[lsp.DocumentSymbol] = []
    open_headings: list[tuple[int, lsp.DocumentSymbol]] = []  # (level, symbol), outermost first
    for block in scope.blocks:
        if isinstance(block, ast.Heading):
            while open_headings and open_headings[-1][0] >= block.level:
                open_headings.pop()
            symbol = lsp.DocumentSymbol(heading_name(block), HEADING, span_range(draft, spans[id(block)]),
                                        span_range(draft, block.span), children=[])
            (open_headings[-1][1].children if open_headings else top).append(symbol)
            open_headings.append((block.level, symbol))
        elif isinstance(block, ast.Paragraph):
            symbol = _paragraph_symbol(draft, block, scope)
            (open_headings[-1][1].children if open_headings else top).append(symbol)
    return top


def _paragraph_symbol(draft: OpenDraft, paragraph: ast.Paragraph, scope: Scope) -> lsp.DocumentSymbol:
    name = cited(paragraph, scope.front.preamble_numbering)
    selection = paragraph.marker.span if paragraph.marker is not None else paragraph.span
    return lsp.DocumentSymbol(name or "unnumbered text", PARAGRAPH if name else TEXT,
                              span_range(draft, paragraph.span), span_range(draft, selection),
                              detail=first_words(plain_text(paragraph.content) or paragraph_words(paragraph))
                              or None,
                              children=[_sub_symbol(draft, sub) for sub in paragraph.subparagraphs])


def _sub_symbol(draft: OpenDraft, sub: ast.SubParagraph) -> lsp.DocumentSymbol:
    return lsp.DocumentSymbol(sub.num or sub.marker.written, SUB, span_range(draft, sub.span),
                              span_range(draft, sub.marker.span), detail=first_words(plain_text(sub.content)) or None,
                              children=[_sub_symbol(draft, child) for child in sub.children])


def flat_symbols(draft: OpenDraft) -> list[lsp.SymbolInformation]:
    """The outline for a client without hierarchical symbols: each with its container's name."""
    found: list[lsp.SymbolInformation] = []

    def add(symbols: list[lsp.DocumentSymbol], container: str | None) -> None:
        for symbol in symbols:
            found.append(lsp.SymbolInformation(name=symbol.name, kind=symbol.kind,
                                               location=lsp.Location(draft.uri, symbol.range),
                                               container_name=container))
            add(symbol.children or [], symbol.name)

    add(document_symbols(draft), None)
    return found


# ------------------------------------------------------------------- folding

def folding_ranges(draft: OpenDraft) -> list[lsp.FoldingRange]:
    """Every stretch of more than one line worth folding, outer before inner; of two
    starting on one line, the outer (an editor folds one range per line)."""
    document = draft.document
    if document is None:
        return []
    spans: list[Span] = []
    if document.front.span is not None:
        spans.append(document.front.span)
    for scope in scopes(document):
        if scope.index:
            spans.append(document.annexes[scope.index - 1].span)
        spans += [span for _, span in sections(scope.blocks)]
        for block in scope.blocks:
            if isinstance(block, ast.Paragraph):
                spans.append(block.span)
                spans += _lists(block.subparagraphs)
    lines: dict[int, int] = {}
    for span in spans:
        start, end = draft.range(span)[0][0], draft.range(span)[1][0]
        if end > start and start not in lines:
            lines[start] = end
    return [lsp.FoldingRange(start, end) for start, end in sorted(lines.items())]


def _lists(subs: tuple[ast.SubParagraph, ...]) -> list[Span]:
    """Each list of sub-paragraphs, from its first marker to its last item's end, and the lists inside."""
    if not subs:
        return []
    found = [subs[0].span.cover(subs[-1].span)]
    for sub in subs:
        found += _lists(sub.children)
    return found


def register(server) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def on_document_symbol(ls, params: lsp.DocumentSymbolParams):
        draft = ls.draft(params.text_document.uri)
        capability = ls.client_capabilities.text_document
        symbols = capability and capability.document_symbol
        if symbols and symbols.hierarchical_document_symbol_support:
            return document_symbols(draft)
        return flat_symbols(draft)

    @server.feature(lsp.TEXT_DOCUMENT_FOLDING_RANGE)
    def on_folding_range(ls, params: lsp.FoldingRangeParams):
        return folding_ranges(ls.draft(params.text_document.uri))
