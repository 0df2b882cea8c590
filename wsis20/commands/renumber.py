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


def run(args) -> int:
    path = args.file
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
    if args.concordance:
        target = Path(args.concordance)
        fmt = {".json": "json", ".csv": "csv"}.get(target.suffix.lower(), "text")
        write_atomically(target, concordance_text(rows, fmt).encode("utf-8"))
    else:
        sys.stdout.write(concordance_text(rows, "text"))
    write_atomically(Path(path), text.encode("utf-8"))
    moved = sum(1 for o, n in rows if o != n)
    print(f"renumbered {path}: {len(rows)} paragraphs, {moved} with a new number", file=sys.stderr)
    return EXIT_OK
