"""wsisc renumber FILE: a new revision. Every paragraph takes the number it has
in the clean view (1..N, no suffixes), the proposals decided as the user says,
labels and cross-references kept (so they show the new numbers); the source is
rewritten atomically, and an old-to-new concordance is written or printed.

Like fmt, renumber proves its rewrite before writing it: the new source's clean
view must hold every word of the old one's.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from .. import ast
from .arguments import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, UsageError, names
from ..fsutil import write_atomically
from ..parse import parse
from ..parse.blocks import split
from ..source import SourceFile
from ..transforms.changes import apply_changes, decide
from ..transforms.numbering import number_negotiation, number_sequential
from ..transforms.views import apply_view
from ..walk import blocks, plain_text, scopes, subparagraphs
from ..writers.concordance import concordance_text
from ..writers.source import canonical_front_matter, front_matter_blocks, with_front_matter_value, write_source
from ..pipeline import front_of
from ..transforms.compare import cited_in
from . import output_path, refuse_undeclared, source_without_errors

_WORD = re.compile(r"\w+")


def renumber(source: SourceFile, decision, symbol: str | None = None,
             width: int | None = None) -> tuple[str, list[tuple[str, str]], Counter]:
    """The new source, the concordance [(old number, new number or "deleted")]
    and the words of the clean view with these decisions, which the new source must keep."""
    document, _ = parse(source)
    old, _ = number_negotiation(document)
    decided, _ = apply_changes(old, decision)
    words = clean_words(apply_changes(document, decision)[0])
    new, _ = number_sequential(decided)
    # A paragraph keeps its span through the passes, and stays in its body or annex.
    survivors = {p.span: (p, scope) for scope in scopes(new) for p in scope.blocks if isinstance(p, ast.Paragraph)}
    concordance = []
    for scope in scopes(old):
        for paragraph in scope.blocks:
            if not isinstance(paragraph, ast.Paragraph) or paragraph.num is None:
                continue
            survivor, where = survivors.get(paragraph.span, (None, None))
            concordance.append((cited_in(paragraph, scope, len(old.annexes)),
                                cited_in(survivor, where, len(new.annexes)) if survivor else "deleted"))
    raw_front, _ = split(source.text)
    front_text = source.text[:raw_front.end_offset] if raw_front is not None else None
    if symbol is not None:
        front_text = with_front_matter_value(front_text, "symbol", symbol)
        if front_text is None:
            raise UsageError("--symbol: the front matter's symbol cannot be set safely here (a value over "
                             "several lines, a quoted key, YAML anchors); set it by hand, or run without --symbol")
    if front_text is not None:
        front_text = canonical_front_matter(front_text)
    _, annex_blocks = front_matter_blocks(source.text)
    return (write_source(new, front_text, assigned_numbers=True, width=width, annex_blocks=annex_blocks),
            concordance, words)


def annex(rows: list[tuple[str, str]]) -> str:
    """The concordance as an annex of the new revision: a heading, a line a paragraph."""
    lines = "\n\n".join(f"{old} \u2192 {new}" for old, new in rows)
    return "\n# Concordance of paragraph numbers\n\n" + lines + "\n"


def clean_words(doc: ast.Document) -> Counter:
    """The words of a parsed document's clean view, numbers of references aside."""
    clean, _ = apply_view(doc, "clean")
    words: Counter = Counter()
    for block in blocks(clean):
        parts = [block.content] + ([s.content for s in subparagraphs(block.subparagraphs)]
                                   if isinstance(block, ast.Paragraph) else [])
        for nodes in parts:
            # numbers that references show change with renumbering: compare words, not numbers
            words.update(w for w in _WORD.findall(plain_text(nodes)) if not w.isdigit())
    return words


def show_concordance(where: str | None, rows: list[tuple[str, str]]) -> None:
    """The concordance written to ``where`` (.txt, .csv or .json), or printed."""
    if where:
        target = Path(where)
        fmt = {".json": "json", ".csv": "csv"}.get(target.suffix.lower(), "text")
        write_atomically(target, concordance_text(rows, fmt).encode("utf-8"))
    else:
        sys.stdout.write(concordance_text(rows, "text"))


def run(args) -> int:
    if args.parallel:
        return run_parallel(args)
    if len(args.files) != 1:
        raise UsageError("renumber rewrites one draft; to renumber its language versions together, "
                         "add --parallel")
    path = args.files[0]
    if args.concordance:
        output_path(args.concordance, path)
    source = source_without_errors(path, "renumber", "not renumbered")
    if source is None:
        return EXIT_INPUT
    if args.accept_all and args.reject_all:
        raise UsageError("--accept-all and --reject-all exclude each other")
    if args.annex and parse(source)[0].annexes:
        # Appended, the concordance would become part of the draft's last annex.
        raise UsageError("--annex: this draft has annexes of its own; write the concordance to a file with "
                         "--concordance OUT instead")
    refuse_undeclared(names(args.accept), names(args.reject), {path: front_of(source)})
    otherwise = True if args.accept_all else False if args.reject_all else None
    decision = decide(accept=names(args.accept), reject=names(args.reject), otherwise=otherwise)
    text, rows, words = renumber(source, decision, args.symbol, args.wrap)
    # The proof: every word of the clean view, with the same decisions, survives in the new source.
    if words != clean_words(parse(SourceFile.from_text(path, text))[0]):
        print(f"wsisc renumber: internal error: {path}: the new source would lose or add words; "
              "the file is left as it was. This is a bug in wsisc; please report it.", file=sys.stderr)
        return EXIT_INTERNAL
    if args.annex:
        text += annex(rows)
    show_concordance(args.concordance, rows)
    write_atomically(Path(path), text.encode("utf-8"))
    moved = sum(1 for o, n in rows if o != n)
    print(f"renumbered {path}: {len(rows)} paragraphs, {moved} with a new number", file=sys.stderr)
    return EXIT_OK


def run_parallel(args) -> int:
    """--parallel: the language versions renumbered together, all or none. They
    must be in step (`check --parallel` finds no error), each must keep its
    words, and each must come out with the same concordance; otherwise no file
    changes. The concordance is printed or written once, for them all."""
    from ..pipeline import compile_document
    from ..report import render_text
    from ..transforms.parallel import Version, compare_versions
    from ..fsutil import write_all_atomically

    paths = args.files
    if len(paths) < 2:
        raise UsageError("--parallel renumbers language versions together: name two files or more")
    if args.annex:
        raise UsageError("--annex: the concordance's heading would be in one language only; with --parallel, "
                         "write it to a file with --concordance OUT")
    if args.concordance:
        output_path(args.concordance, *paths)
    if args.accept_all and args.reject_all:
        raise UsageError("--accept-all and --reject-all exclude each other")
    sources = [source_without_errors(path, "renumber", "nothing renumbered") for path in paths]
    if any(source is None for source in sources):
        return EXIT_INPUT
    refuse_undeclared(names(args.accept), names(args.reject), {p: front_of(s) for p, s in zip(paths, sources)})
    compiled = [compile_document(s.path, s.text.encode("utf-8"), view=None) for s in sources]
    differences = [(i, d) for i, d in compare_versions([Version(c.source, c.document) for c in compiled])
                   if d.severity.value == "error"]
    if differences:
        for index, diagnostic in differences:
            print(render_text(compiled[index].source, diagnostic), file=sys.stderr)
        print(f"wsisc renumber: the versions are not in step ({len(differences)} difference"
              f"{'' if len(differences) == 1 else 's'} above); nothing was renumbered", file=sys.stderr)
        return EXIT_INPUT
    otherwise = True if args.accept_all else False if args.reject_all else None
    decision = decide(accept=names(args.accept), reject=names(args.reject), otherwise=otherwise)
    results = [renumber(source, decision, args.symbol, args.wrap) for source in sources]
    for path, (text, _, words) in zip(paths, results):
        if words != clean_words(parse(SourceFile.from_text(path, text))[0]):
            print(f"wsisc renumber: internal error: {path}: the new source would lose or add words; "
                  "no file was changed. This is a bug in wsisc; please report it.", file=sys.stderr)
            return EXIT_INTERNAL
    rows = results[0][1]
    for path, (_, other, _) in zip(paths[1:], results[1:]):
        if other != rows:
            # As in step, they should not differ; if they do, say where first.
            k = next((k for k, (a, b) in enumerate(zip(rows, other)) if a != b), min(len(rows), len(other)))
            said = [f"{r[k][0]} \u2192 {r[k][1]}" if k < len(r) else "nothing" for r in (rows, other)]
            print(f"wsisc renumber: the versions would be renumbered differently ({said[0]} in {paths[0]}, "
                  f"{said[1]} in {path}); nothing was renumbered", file=sys.stderr)
            return EXIT_INPUT
    show_concordance(args.concordance, rows)
    write_all_atomically([(Path(path), text.encode("utf-8")) for path, (text, _, _) in zip(paths, results)])
    moved = sum(1 for o, n in rows if o != n)
    print(f"renumbered {len(paths)} language versions ({', '.join(paths)}) together: {len(rows)} paragraphs "
          f"each, {moved} with a new number", file=sys.stderr)
    return EXIT_OK
