"""wsisc diff OLD NEW --parallel VERSION...: a revision of the reference
language mirrored onto its other language versions. Each VERSION is another
language's text of OLD; the comparison of OLD with NEW (transforms/compare.py,
by words, in the reference language) is carried over to each VERSION by the
alignment of language versions (transforms/parallel.py, by shape), so that a
translator learns which of their paragraphs changed, were renumbered, dropped
or must be translated anew, and their language's concordance of numbers.

A VERSION not in step with OLD is refused with its differences: the mirror
would name the wrong paragraphs.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from .. import ast
from ..diagnostics import Severity
from ..languages import NAMES
from ..pipeline import compile_document
from ..report import render_text
from ..transforms.compare import cited, match
from ..transforms.parallel import Version, compare_versions, rows
from ..walk import scopes
from .arguments import EXIT_INPUT, EXIT_OK, UsageError
from . import output_path, read_input


def mirrored(old: ast.Document, new: ast.Document, version: ast.Document) -> list[dict]:
    """For each match of OLD with NEW (in NEW's order, dropped paragraphs in
    place), its status, its numbers in OLD and NEW, and the numbers of the
    counterparts in ``version`` of its OLD paragraphs."""
    styles = {s.index: s.front.preamble_numbering for s in scopes(version)}
    counterpart: dict[int, str | None] = {}
    for row in rows([old, version]):
        mine, theirs = row.units
        if isinstance(mine, ast.Paragraph) and isinstance(theirs, ast.Paragraph):
            counterpart[id(mine)] = _cited(cited(theirs, styles.get(row.scope, "letters")), version, row.scope)
    out = []
    for m in match(old, new):
        out.append({"status": m.status, "old": list(m.cited_old()), "new": list(m.cited_new()),
                    "version": [counterpart.get(id(p)) for p in m.old]})
    return out


def _cited(num: str | None, document: ast.Document, scope: int) -> str | None:
    if num is None or not scope:
        return num
    return f"{document.annexes[scope - 1].label}, {num}"


def run(args, old: ast.Document, new: ast.Document, old_compiled, fmt: str | None) -> int:
    if fmt not in (None, "json", "csv"):
        raise UsageError("--parallel prints, for each language version, what the revision changes in it: "
                         "as text, or with -o/--format as JSON or CSV, not PDF or HTML")
    if args.output:
        output_path(args.output, args.old, args.new, *args.parallel)
    reports, failed = [], False
    for path in args.parallel:
        compiled = compile_document(path, read_input(path), comments=False)
        if compiled.failed:
            for d in compiled.diagnostics:
                print(render_text(compiled.source, d), file=sys.stderr)
            print(f"wsisc diff: {path} has errors; fix them first", file=sys.stderr)
            failed = True
            continue
        checked = compile_document(path, read_input(path), view=None)
        differences = [(i, d) for i, d in compare_versions([Version(old_compiled.source, old_compiled.document),
                                                             Version(checked.source, checked.document)])
                       if d.severity is Severity.ERROR]
        if differences:
            sources = (old_compiled.source, checked.source)
            for index, diagnostic in differences:
                print(render_text(sources[index], diagnostic), file=sys.stderr)
            print(f"wsisc diff: {path} is not in step with {args.old}; nothing is mirrored onto it", file=sys.stderr)
            failed = True
            continue
        reports.append((path, compiled.document.front.language, mirrored(old, new, compiled.document)))
    if failed:
        return EXIT_INPUT
    if fmt == "json":
        text = json.dumps({"old": args.old, "new": args.new, "versions": [
            {"file": path, "language": language, "paragraphs": found,
             "concordance": [{"old": o, "new": n} for o, n in _concordance(found)]}
            for path, language, found in reports]}, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["file", "language", "old", "new"])
        for path, language, found in reports:
            writer.writerows([path, language, o, n] for o, n in _concordance(found))
        text = out.getvalue()
    else:
        text = "".join(_text(path, language, found, args) for path, language, found in reports)
    if args.output:
        from ..fsutil import write_atomically

        write_atomically(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _concordance(found: list[dict]) -> list[tuple[str, str]]:
    """The version's own numbers -> the numbers they take in NEW."""
    out = []
    for row in found:
        now = " and ".join(n for n in row["new"] if n) or "dropped"
        out += [(num, now) for num in row["version"] if num]
    return out


def _text(path: str, language: str, found: list[dict], args) -> str:
    lines = [f"{path} ({NAMES.get(language, language)}), as {args.old} becomes {args.new}:"]
    for row in found:
        theirs = ", ".join(n or "unnumbered text" for n in row["version"])
        now = ", ".join(n or "unnumbered text" for n in row["new"])
        match row["status"]:
            case "unchanged":
                continue
            case "new":
                lines.append(f"  new: translate {now} of {args.new}")
            case "dropped":
                lines.append(f"  {theirs}: dropped")
            case "renumbered":
                lines.append(f"  {theirs}: renumbered {now}")
            case status:
                lines.append(f"  {theirs}: {status}, now {now}; translate its new words")
    if len(lines) == 1:
        lines.append("  nothing changes")
    return "\n".join(lines) + "\n"
