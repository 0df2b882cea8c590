"""One open draft as the language server sees it: the editor's text compiled once
by the pipeline ``wsisc check`` uses, and what every request asks of it.

Every feature (diagnostics, hover, completion, ...) reads an ``OpenDraft`` rather
than compiling the text again; a change makes a new one. Kept free of pygls and
lsprotocol, so that the features' answers can be tested as plain data: positions
are (line, UTF-16 character) pairs counted from 0, as LSP counts them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator, NamedTuple

from .. import ast
from ..pipeline import Compiled, compile_document
from ..source import SourceFile, Span
from ..transforms.views import apply_view
from ..walk import Scope, inlines, scopes, subparagraphs
from .positions import offset, position

Position = tuple[int, int]  # (line, UTF-16 character), both from 0
Range = tuple[Position, Position]


class Target(NamedTuple):
    """What a label names, and where its name is written."""

    name: str
    span: Span  # the name itself: after the `#` of `{#name}`, or the annex block's `name:` value
    scope: Scope
    paragraph: ast.Paragraph | None  # None: the label is an annex's `name`
    sub: ast.SubParagraph | None = None  # a labelled sub-paragraph of ``paragraph``


class Placed(NamedTuple):
    """A paragraph and the body or annex it is numbered in."""

    paragraph: ast.Paragraph
    scope: Scope


@dataclass(frozen=True)
class OpenDraft:
    uri: str
    text: str  # as the editor holds it
    version: int | None
    compiled: Compiled  # parse and checks; the document numbered as negotiated

    @classmethod
    def of(cls, uri: str, text: str, version: int | None = None) -> "OpenDraft":
        return cls(uri, text, version, compile_document(uri, text.encode("utf-8", "surrogatepass"), view=None))

    @property
    def source(self) -> SourceFile:
        return self.compiled.source

    @property
    def document(self) -> ast.Document | None:
        """The draft numbered as negotiated (103ter), references resolved; None if unreadable."""
        return self.compiled.document

    @property
    def bom(self) -> bool:
        # Decoding drops a byte-order mark, which is still a character of the editor's first line.
        return self.text.startswith("\ufeff")

    @cached_property
    def newline(self) -> str:
        """The editor's line end, as the text's first line ends (``\n`` for one line)."""
        found = re.search(r"\r\n?|\n", self.text)
        return found.group() if found else "\n"

    def written(self, new_text: str) -> str:
        """An edit's new text with the editor's line ends, not the compiler's ``\n``:
        a CRLF file edited keeps CRLF on every line, not a mix."""
        return new_text if self.newline == "\n" else new_text.replace("\n", self.newline)

    # Positions -----------------------------------------------------------

    def offset(self, where: Position) -> int:
        """The offset into ``source.text`` of an editor position."""
        return offset(self.source, where[0], where[1], self.bom)

    def position(self, at: int) -> Position:
        return position(self.source, at, self.bom)

    def range(self, span: Span) -> Range:
        return self.position(span.start), self.position(max(span.start, span.end))

    # The draft's structure -------------------------------------------------

    def placed(self) -> Iterator[Placed]:
        """Every paragraph with its scope, in document order (negotiation numbers)."""
        return iter(self._placed)

    @cached_property
    def _placed(self) -> tuple[Placed, ...]:
        if self.document is None:
            return ()
        return tuple(Placed(block, scope) for scope in scopes(self.document) for block in scope.blocks
                     if isinstance(block, ast.Paragraph))

    @cached_property
    def _starts(self) -> list[int]:
        return [placed.paragraph.span.start for placed in self._placed]

    def scope_at(self, at: int) -> Scope | None:
        """The body or annex the offset ``at`` is in (an annex from its opening
        ``---``); None if the text is unreadable."""
        if self.document is None:
            return None
        found = None
        for scope in scopes(self.document):
            if scope.index == 0 or self.document.annexes[scope.index - 1].span.start <= at:
                found = scope
        return found

    def paragraph_at(self, at: int) -> Placed | None:
        """The paragraph whose text holds the offset ``at``, if any (found by bisection:
        every request asks it)."""
        index = bisect.bisect_right(self._starts, at) - 1
        if index >= 0 and at <= self._placed[index].paragraph.span.end:
            return self._placed[index]
        return None

    @cached_property
    def clean(self) -> ast.Document | None:
        """The clean view (every change accepted, numbered 1..N), computed on first use:
        diagnostics as the drafter types do not need it."""
        if self.compiled.parsed is None:
            return None
        document, _ = apply_view(self.compiled.parsed, "clean")
        return document

    @cached_property
    def clean_numbers(self) -> dict[Span, str]:
        """Each paragraph's number in the clean view, by its span (a paragraph keeps
        its span through every pass); a paragraph the clean view drops has none."""
        if self.clean is None:
            return {}
        return {block.span: block.num for scope in scopes(self.clean) for block in scope.blocks
                if isinstance(block, ast.Paragraph) and block.num is not None}

    @cached_property
    def clean_sub_numbers(self) -> dict[Span, str]:
        """Each sub-paragraph's label in the clean view ("(a)"), by its span."""
        if self.clean is None:
            return {}
        return {sub.span: sub.num for scope in scopes(self.clean) for block in scope.blocks
                if isinstance(block, ast.Paragraph) for sub in subparagraphs(block.subparagraphs)
                if sub.num is not None}

    @cached_property
    def clean_references(self) -> dict[Span, str | None]:
        """Each cross-reference as the clean view prints it ("114", "7 of annex I"), by its
        span; None where the clean view drops its target; absent where it drops the reference."""
        if self.clean is None:
            return {}
        return {node.span: node.target for node in inlines(self.clean) if isinstance(node, ast.Ref)}

    # Labels and references -------------------------------------------------

    @cached_property
    def labels(self) -> dict[str, list[Target]]:
        """Every label's definitions in document order, annexes' names included: the first
        is the one references resolve to (transforms/references.py), a second a duplicate."""
        found: dict[str, list[Target]] = {}
        if self.document is None:
            return found
        for scope in scopes(self.document):
            if scope.index and scope.front.name and scope.front.name_span is not None:
                found.setdefault(scope.front.name, []).append(
                    Target(scope.front.name, scope.front.name_span, scope, None))
            for block in scope.blocks:
                if not isinstance(block, ast.Paragraph):
                    continue
                for label, sub in [(block.label, None)] + [(s.label, s) for s in subparagraphs(block.subparagraphs)]:
                    if label is not None:  # `#name`: the name starts after the `#`
                        name = Span(label.span.start + 1, label.span.end, label.span.line, label.span.column + 1)
                        found.setdefault(label.name, []).append(Target(label.name, name, scope, block, sub))
        return found

    @cached_property
    def references(self) -> dict[str, list[ast.Ref]]:
        """Every ``{@label}`` by the label it cites, in document order (in comments,
        footnotes, changes and headings too)."""
        found: dict[str, list[ast.Ref]] = {}
        if self.document is not None:
            for node in inlines(self.document):
                if isinstance(node, ast.Ref):
                    found.setdefault(node.label, []).append(node)
        return found
