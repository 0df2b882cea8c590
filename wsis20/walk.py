"""Walking the tree: every inline in document order, and rewriting inlines
everywhere (pandoc's query and walk), so each transform is a small function on
the one node kind it cares about."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import NamedTuple

from . import ast

InlineRewrite = Callable[[ast.Inline], tuple[ast.Inline, ...]]


class Scope(NamedTuple):
    """The body or one annex: what numbers its own paragraphs from 1."""

    index: int  # 0 for the body, N for annex N (1-based, as in its ids: att_N)
    front: ast.FrontMatter  # its own settings: the file's for the body, the annex block's for an annex
    blocks: tuple[ast.Block, ...]
    label: str = ""  # the annex's label as printed ("Annex I"); "" for the body


def scopes(doc: ast.Document) -> Iterator[Scope]:
    """The body, then each annex, in document order."""
    yield Scope(0, doc.front, doc.blocks)
    for index, annex in enumerate(doc.annexes, start=1):
        yield Scope(index, annex.front, annex.blocks, annex.label)


def with_blocks(doc: ast.Document, blocks_of: Callable[[Scope], tuple[ast.Block, ...]]) -> ast.Document:
    """The document with the blocks of the body and of each annex replaced by
    ``blocks_of(scope)``, called in document order."""
    body = blocks_of(Scope(0, doc.front, doc.blocks))
    annexes = tuple(replace(annex, blocks=blocks_of(Scope(index, annex.front, annex.blocks, annex.label)))
                    for index, annex in enumerate(doc.annexes, start=1))
    return replace(doc, blocks=tuple(body), annexes=annexes)


def blocks(doc: ast.Document) -> Iterator[ast.Block]:
    """Every block: the body's, then each annex's."""
    yield from doc.blocks
    for annex in doc.annexes:
        yield from annex.blocks


def paragraphs(doc: ast.Document) -> Iterator[ast.Paragraph]:
    """Every paragraph, in the body and in the annexes."""
    for block in blocks(doc):
        if isinstance(block, ast.Paragraph):
            yield block


def subparagraphs(subs: tuple[ast.SubParagraph, ...]) -> Iterator[ast.SubParagraph]:
    """Every sub-paragraph, parents before their children."""
    for sub in subs:
        yield sub
        yield from subparagraphs(sub.children)


def inlines(doc: ast.Document) -> Iterator[ast.Inline]:
    """Every inline node in document order, containers before their contents."""
    for block in blocks(doc):
        if isinstance(block, ast.Paragraph):
            yield from paragraph_inlines(block)
        elif isinstance(block, ast.Heading):
            yield from _inlines(block.content)


def paragraph_inlines(paragraph: ast.Paragraph) -> Iterator[ast.Inline]:
    """Every inline of one paragraph and its sub-paragraphs, in order."""
    yield from _inlines(paragraph.content)
    for sub in subparagraphs(paragraph.subparagraphs):
        yield from _inlines(sub.content)


def text_runs(nodes: tuple[ast.Inline, ...]) -> Iterator[ast.Text]:
    """The text of the document's words, in order: a comment's body is a delegate's
    note, not the text, and is left out; its anchor, footnotes, changes and
    alternatives are in."""
    for node in _inlines(nodes, comment_bodies=False):
        if isinstance(node, ast.Text):
            yield node


def inline_nodes(nodes: tuple[ast.Inline, ...]) -> Iterator[ast.Inline]:
    """Every inline of some nodes and inside them, in order, containers before their contents."""
    return _inlines(nodes)


def _inlines(nodes: tuple[ast.Inline, ...], comment_bodies: bool = True) -> Iterator[ast.Inline]:
    for node in nodes:
        yield node
        match node:
            case ast.Emphasis():
                yield from _inlines(node.children, comment_bodies)
            case ast.Comment():
                yield from _inlines(node.anchor or (), comment_bodies)
                if comment_bodies:
                    yield from _inlines(node.body, comment_bodies)
            case ast.Footnote():
                yield from _inlines(node.body, comment_bodies)
            case ast.Change():
                yield from _inlines(node.old, comment_bodies)
                yield from _inlines(node.new, comment_bodies)
            case ast.Bracket():
                for alternative in node.alternatives:
                    yield from _inlines(alternative, comment_bodies)
            case ast.Text() | ast.Ref():
                pass


def rewrite_inlines(doc: ast.Document, rewrite: InlineRewrite) -> ast.Document:
    """Apply ``rewrite`` to every inline, in document order, contents first; each
    node becomes the tuple of nodes ``rewrite`` returns. What a rewrite leaves
    alone stays the same object, so a pass that changes little costs little."""
    return with_blocks(doc, lambda scope: rewrite_block_inlines(scope.blocks, rewrite))


def rewrite_block_inlines(blocks: tuple[ast.Block, ...], rewrite: InlineRewrite) -> tuple[ast.Block, ...]:
    """``rewrite_inlines`` for the blocks of the body or of one annex."""

    def nodes(seq: tuple[ast.Inline, ...]) -> tuple[ast.Inline, ...]:
        out: list[ast.Inline] = []
        for node in seq:
            match node:
                case ast.Emphasis():
                    children = nodes(node.children)
                    if children is not node.children:
                        node = replace(node, children=children)
                case ast.Comment():
                    anchor = nodes(node.anchor) if node.anchor is not None else None
                    body = nodes(node.body)
                    if anchor is not node.anchor or body is not node.body:
                        node = replace(node, anchor=anchor, body=body)
                case ast.Footnote():
                    body = nodes(node.body)
                    if body is not node.body:
                        node = replace(node, body=body)
                case ast.Change():
                    old, new = nodes(node.old), nodes(node.new)
                    if old is not node.old or new is not node.new:
                        node = replace(node, old=old, new=new)
                case ast.Bracket():
                    alternatives = tuple(nodes(a) for a in node.alternatives)
                    if any(a is not b for a, b in zip(alternatives, node.alternatives, strict=True)):
                        node = replace(node, alternatives=alternatives)
                case ast.Text() | ast.Ref():
                    pass
            for new in rewrite(node):
                if out and isinstance(new, ast.Text) and isinstance(out[-1], ast.Text):
                    out[-1] = _join(out[-1], new)
                else:
                    out.append(new)
        if len(out) == len(seq) and all(a is b for a, b in zip(out, seq)):
            return seq
        return tuple(out)

    def sub(s: ast.SubParagraph) -> ast.SubParagraph:
        content, children = nodes(s.content), tuple(sub(c) for c in s.children)
        if content is s.content and all(a is b for a, b in zip(children, s.children)):
            return s
        return replace(s, content=content, children=children)

    out: list[ast.Block] = []
    for block in blocks:
        if isinstance(block, ast.Paragraph):
            content, subs = nodes(block.content), tuple(sub(s) for s in block.subparagraphs)
            if content is not block.content or any(a is not b for a, b in zip(subs, block.subparagraphs)):
                block = replace(block, content=content, subparagraphs=subs)
        elif isinstance(block, ast.Heading):
            content = nodes(block.content)
            if content is not block.content:
                block = replace(block, content=content)
        out.append(block)
    return tuple(out)


def paragraph_words(paragraph: ast.Paragraph, changes: str = "new") -> str:
    """A paragraph's words as agreed or compared: proposals accepted (or as
    ``plain_text``'s ``changes`` says), comments dropped, white space evened out;
    sub-paragraphs follow with their labels."""
    parts = [plain_text(paragraph.content, changes)]
    parts += [f"{s.num or s.marker.written} {plain_text(s.content, changes)}"
              for s in subparagraphs(paragraph.subparagraphs)]
    return " ".join(" ".join(parts).split())


def _join(left: ast.Text, right: ast.Text) -> ast.Text:
    """Two texts brought together by a rewrite (a deletion accepted, a comment
    dropped): one space where the seam left two, none before punctuation."""
    a, b = left.value, right.value
    if a.endswith(" ") and (b.startswith(" ") or b[:1] in (".", ",", ";", ":")):
        a = a.rstrip(" ")
    return ast.Text(left.span.cover(right.span), a + b)


def plain_text(nodes: tuple[ast.Inline, ...],
               changes: str | Callable[[ast.Change], tuple[ast.Inline, ...]] = "new") -> str:
    """The words of some inlines, without comments: for titles, messages,
    metadata and counts. A pending change gives its new words (``changes="new"``,
    as if accepted), its old and new words (``"both"``, as the redline shows it),
    itself in CriticMarkup (``"marked"``: ``{~~EU: old~>new~~}``, for tools), or
    the words of the inlines a function gives for it (one change accepted, the rest not)."""
    out = []
    for node in nodes:
        match node:
            case ast.Text():
                out.append(node.value)
            case ast.Emphasis():
                out.append(plain_text(node.children, changes))
            case ast.Ref():
                out.append(node.target or node.label)
            case ast.Comment():
                out.append(plain_text(node.anchor or (), changes))
            case ast.Footnote():
                pass
            case ast.Change() if callable(changes):
                out.append(plain_text(changes(node), changes))
            case ast.Change() if changes == "marked":
                author = f"{node.author}: " if node.author else ""
                old, new = plain_text(node.old, changes), plain_text(node.new, changes)
                out.append({"insert": f"{{++{author}{new}++}}", "delete": f"{{--{author}{old}--}}"}.get(
                    node.kind, f"{{~~{author}{old}~>{new}~~}}"))
            case ast.Change() if changes == "both":
                out.append(f"{plain_text(node.old, changes)} {plain_text(node.new, changes)}")
            case ast.Change():
                out.append(plain_text(node.new, changes))  # as if accepted: a deletion leaves nothing
            case ast.Bracket():
                out.append("[" + "/".join(plain_text(a, changes) for a in node.alternatives) + "]")
    return "".join(out)
