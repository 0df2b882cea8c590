"""Diagnostics for people: ``file:line:col: error: message [code]``, the line, a caret."""

from __future__ import annotations

from .diagnostics import Diagnostic, Severity
from .source import SourceFile, Span


_WIDTH = 100  # longer lines are shown as a window around the problem


def _excerpt(source: SourceFile, span: Span) -> list[str]:
    line = source.line_text(span.line).replace("\t", " ")
    gutter = f"{span.line:>5} | "
    column = span.column
    width = max(1, min(span.end - span.start, len(line) - column + 1))
    if len(line) > _WIDTH:
        # Drafts keep a paragraph on one line: show the stretch around the problem.
        start = max(0, min(column - 1 - _WIDTH // 3, len(line) - _WIDTH))
        end = start + _WIDTH
        shown = ("\u2026" if start > 0 else "") + line[start:end] + ("\u2026" if end < len(line) else "")
        column = column - start + (1 if start > 0 else 0)
        width = min(width, _WIDTH - (column - 1))
        line = shown
    return [gutter + line, " " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^" * max(1, width)]


def render_text(source: SourceFile, diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    where = f"{source.path}:{span.line}:{span.column}" if span else source.path
    lines = [f"{where}: {diagnostic.severity.value}: {diagnostic.message} [{diagnostic.code}]"]
    if span:
        lines += _excerpt(source, span)
    for related in diagnostic.related:
        r = related.span
        lines.append(f"{source.path}:{r.line}:{r.column}: note: {related.message}")
        lines += _excerpt(source, r)
    lines += [f"      = help: {hint}" for hint in diagnostic.hints]
    return "\n".join(lines)


def summary(errors: int, warnings: int, files: int) -> str:
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"
    return f"{count(errors, 'error')}, {count(warnings, 'warning')} in {count(files, 'file')}"


def sort_key(d: Diagnostic) -> tuple[int, int, int]:
    if d.span is None:
        return (0, 0, 0 if d.severity is Severity.ERROR else 1)
    return (d.span.line, d.span.column, 0 if d.severity is Severity.ERROR else 1)


# ------------------------------------------------------- for tools and CI
# The JSON form is a stable interface, documented in docs/diagnostics.md
# ("Machine-readable output"); a change to it raises SCHEMA_VERSION.
SCHEMA_VERSION = 1


def as_json(source: SourceFile, diagnostic: Diagnostic) -> dict:
    span = diagnostic.span

    def place(s: Span | None) -> dict:
        if s is None:
            return {"line": None, "column": None, "end_line": None, "end_column": None, "offset": None,
                    "length": None}
        end = source.span(s.end, s.end)
        return {"line": s.line, "column": s.column, "end_line": end.line, "end_column": end.column,
                "offset": s.start, "length": s.end - s.start}

    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        **place(span),
        "related": [{"message": r.message, **place(r.span)} for r in diagnostic.related],
        "hints": list(diagnostic.hints),
    }


def render_github(source: SourceFile, diagnostic: Diagnostic) -> str:
    """A GitHub Actions workflow command: the problem shows on the pull request's line."""
    def escape_data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def escape_property(text: str) -> str:
        return escape_data(text).replace(":", "%3A").replace(",", "%2C")

    kind = "error" if diagnostic.severity is Severity.ERROR else "warning"
    props = [f"file={escape_property(source.path)}"]
    if diagnostic.span is not None:
        end = source.span(diagnostic.span.end, diagnostic.span.end)
        props += [f"line={diagnostic.span.line}", f"col={diagnostic.span.column}",
                  f"endLine={end.line}", f"endColumn={max(1, end.column - 1)}"]  # GitHub's end is inclusive
    props.append(f"title={escape_property('wsisc ' + diagnostic.code)}")
    message = diagnostic.message + "".join(f"\n= help: {h}" for h in diagnostic.hints)
    return f"::{kind} {','.join(props)}::{escape_data(message)}"
