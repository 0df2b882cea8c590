"""Diagnostics for people: ``file:line:col: error: message [code]``, the line, a caret."""

from __future__ import annotations

from .diagnostics import Diagnostic, Severity
from .source import SourceFile, Span


_WIDTH = 100  # longer lines are shown as a window around the problem


# Shown in place of characters that would act on the terminal (ESC sequences) or
# reorder the line, one character for one so the caret stays under its column.
_VISIBLE = {c: 0x2400 + c for c in range(32)} | {0x7F: 0x2421} | {c: 0xFFFD for c in range(0x80, 0xA0)} \
    | {c: 0xFFFD for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))} | {0x09: 0x20}


def _excerpt(source: SourceFile, span: Span) -> list[str]:
    line_start, line_end = source.line_bounds(span.line)
    length = line_end - line_start
    gutter = f"{span.line:>5} | "
    column = span.column
    width = max(1, min(span.end - span.start, length - column + 1))
    if length > _WIDTH:
        # Drafts keep a paragraph on one line: show the stretch around the problem,
        # cut from the text without copying the whole line.
        start = max(0, min(column - 1 - _WIDTH // 3, length - _WIDTH))
        end = start + _WIDTH
        window = source.text[line_start + start:line_start + end]
        line = ("\u2026" if start > 0 else "") + window + ("\u2026" if end < length else "")
        column = column - start + (1 if start > 0 else 0)
        width = min(width, _WIDTH - (column - 1))
    else:
        line = source.text[line_start:line_end]
    line = line.translate(_VISIBLE)
    return [gutter + line, " " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^" * max(1, width)]


def render_text(source: SourceFile, diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    where = f"{source.path}:{span.line}:{span.column}" if span else source.path
    message = diagnostic.message.translate(_VISIBLE)  # messages quote the source's words
    lines = [f"{where}: {diagnostic.severity.value}: {message} [{diagnostic.code}]"]
    if span:
        lines += _excerpt(source, span)
    for related in diagnostic.related:
        r, there = related.span, related.source or source
        lines.append(f"{there.path}:{r.line}:{r.column}: note: {related.message.translate(_VISIBLE)}")
        lines += _excerpt(there, r)
    lines += [f"      = help: {hint.translate(_VISIBLE)}" for hint in diagnostic.hints]
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

    def place(s: Span | None, where: SourceFile = source) -> dict:
        if s is None:
            return {"line": None, "column": None, "end_line": None, "end_column": None, "offset": None,
                    "length": None}
        end = where.span(s.end, s.end)
        return {"line": s.line, "column": s.column, "end_line": end.line, "end_column": end.column,
                "offset": s.start, "length": s.end - s.start}

    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        **place(span),
        "related": [{"message": r.message, **place(r.span, r.source or source)}
                    | ({"file": r.source.path} if r.source is not None else {}) for r in diagnostic.related],
        "hints": list(diagnostic.hints),
        "fixes": [{"title": f.title, "edits": [{**place(e.span), "text": e.text} for e in f.edits]}
                  for f in diagnostic.fixes],
    }


def _escape_data(text: str) -> str:  # control characters made visible: a log is a terminal too
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").translate(_VISIBLE)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(source: SourceFile, diagnostic: Diagnostic) -> str:
    """A GitHub Actions workflow command: the problem shows on the pull request's line."""
    kind = "error" if diagnostic.severity is Severity.ERROR else "warning"
    props = [f"file={_escape_property(source.path)}"]
    if diagnostic.span is not None:
        end = source.span(diagnostic.span.end, diagnostic.span.end)
        props += [f"line={diagnostic.span.line}", f"col={diagnostic.span.column}",
                  f"endLine={end.line}", f"endColumn={max(1, end.column - 1)}"]  # GitHub's end is inclusive
    props.append(f"title={_escape_property('wsisc ' + diagnostic.code)}")
    message = diagnostic.message + "".join(f"\n= help: {h}" for h in diagnostic.hints)
    return f"::{kind} {','.join(props)}::{_escape_data(message)}"


def github_notice(path: str, message: str) -> str:
    """A note on a file (not a problem) as a GitHub Actions notice, escaped like the rest:
    file names come from pull requests."""
    return f"::notice file={_escape_property(path)},title=wsisc::{_escape_data(message)}"
