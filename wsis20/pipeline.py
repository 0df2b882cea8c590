"""source -> parse -> checks -> view: what every command shares."""

from __future__ import annotations

from dataclasses import dataclass

from . import ast
from .diagnostics import Diagnostic, Severity, has_errors, make
from .parse import parse, read_front_matter
from .parse.blocks import split
from .report import sort_key
from .source import DecodeError, SourceFile, Span
from .transforms.checks import run_checks
from .transforms.changes import decide
from .transforms.views import CHECK_PASSES, apply_view


@dataclass(frozen=True)
class Compiled:
    source: SourceFile
    document: ast.Document | None  # None when the file could not be read as text
    diagnostics: list[Diagnostic]
    parsed: ast.Document | None = None  # the document as parsed, before any view's passes

    @property
    def failed(self) -> bool:
        return self.document is None or has_errors(self.diagnostics)


def load(path: str, data: bytes) -> tuple[SourceFile, list[Diagnostic]]:
    try:
        return SourceFile.from_bytes(path, data), []
    except DecodeError as exc:
        # Show the bad line with the bad byte replaced, so the caret has something to point at.
        source = SourceFile.from_text(path, data.decode("utf-8", "replace"))
        # exc.offset counts bytes; the span counts characters, as every span does.
        start = min(source.line_bounds(exc.line)[0] + exc.column - 1, len(source.text))
        span = Span(start, start + 1, exc.line, exc.column)
        return source, [make("encoding", exc.message, span, hints=("save the file as UTF-8",))]


def front_of(source: SourceFile) -> ast.FrontMatter:
    """A source's front matter alone, without parsing its blocks."""
    raw, _ = split(source.text)
    return ast.FrontMatter() if raw is None else read_front_matter(source, raw)[0]


def switched_off(diagnostics: list[Diagnostic], ignore: frozenset[str]) -> list[Diagnostic]:
    """Drop the warnings whose rules the user switched off (errors always stay)."""
    if not ignore:
        return diagnostics
    return [d for d in diagnostics if not (d.code in ignore and d.severity is Severity.WARNING)]


def compile_document(path: str, data: bytes, *, view: str | None = "negotiation",
                     comments: bool = True, accept: frozenset[str] = frozenset(),
                     reject: frozenset[str] = frozenset(), ignore: frozenset[str] = frozenset()) -> Compiled:
    """Parse and check a source, and arrange it for ``view`` (``None``: check only,
    and the document is not one to write).

    The diagnostics are about the source as written, so they come from the
    negotiation view whatever view is built.
    """
    source, problems = load(path, data)
    if problems:
        return Compiled(source, None, problems)
    document, diagnostics = parse(source)
    decision = decide(accept=accept, reject=reject) if accept or reject else None
    full = view == "negotiation" and comments and decision is None
    negotiated, found = apply_view(document, "negotiation", only=None if full else CHECK_PASSES)
    diagnostics += found
    diagnostics += run_checks(negotiated, source)
    diagnostics = switched_off(diagnostics, document.front.ignore | ignore)
    if full or view is None:
        built = negotiated
    else:
        built, _ = apply_view(document, view, comments=comments, decision=decision)
    return Compiled(source, built, sorted(diagnostics, key=sort_key), parsed=document)
