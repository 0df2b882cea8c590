"""One open draft as the language server sees it: the editor's text compiled once
by the pipeline ``wsisc check`` uses, and what every request asks of it.

Every feature (diagnostics, hover, completion, ...) reads an ``OpenDraft`` rather
than compiling the text again; a change makes a new one. Kept free of pygls and
lsprotocol, so that the features' answers can be tested as plain data: positions
are (line, UTF-16 character) pairs counted from 0, as LSP counts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Iterator, NamedTuple

from .. import ast
from ..pipeline import Compiled, compile_document
from ..source import SourceFile, Span
from ..transforms.views import apply_view
from ..walk import Scope, scopes
from .positions import offset, position

Position = tuple[int, int]  # (line, UTF-16 character), both from 0
Range = tuple[Position, Position]


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
        if self.document is None:
            return
        for scope in scopes(self.document):
            for block in scope.blocks:
                if isinstance(block, ast.Paragraph):
                    yield Placed(block, scope)

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
        """The paragraph whose text holds the offset ``at``, if any."""
        for placed in self.placed():
            if placed.paragraph.span.start <= at <= placed.paragraph.span.end:
                return placed
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
