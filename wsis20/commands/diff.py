"""wsisc diff OLD NEW -o compare.pdf|html (or --format json, or --format csv for
the concordance of numbers alone): the comparison of two revisions, built from
their documents, not from their lines of text.

Which text of each revision is compared is the user's choice (--compare, with
--accept/--reject deciding some delegations' proposals first) and is said on
the comparison's first page and in its JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import ast
from ..languages import NAMES
from .arguments import EXIT_INPUT, EXIT_OK, UsageError, names
from ..fsutil import write_atomically
from ..pipeline import compile_document
from ..report import render_text
from ..transforms.compare import comparison, compared_text, concordance, has_proposals, match
from ..writers import EXTENSIONS, WriteOptions, document_name, writer
from ..writers.concordance import concordance_text
from . import output_path, read_input, refuse_conflicting, refuse_undeclared


def run(args) -> int:
    if args.output:
        output_path(args.output, args.old, args.new)
    accept, reject = names(args.accept), names(args.reject)
    refuse_conflicting(accept, reject)  # before any work
    documents = []
    for path in (args.old, args.new):
        compiled = compile_document(path, read_input(path), comments=False)
        if compiled.failed:
            for d in compiled.diagnostics:
                print(render_text(compiled.source, d), file=sys.stderr)
            print(f"wsisc diff: {path} has errors; fix them first", file=sys.stderr)
            return EXIT_INPUT
        documents.append(compiled.document)
    languages = [d.front.language for d in documents]
    if languages[0] != languages[1]:  # words of two languages have nothing to compare word by word
        print(f"wsisc diff: error: {args.old} is in {NAMES[languages[0]]} and {args.new} in {NAMES[languages[1]]}: "
              "a comparison is of two revisions in one language", file=sys.stderr)
        print(f"  = help: to see whether language versions are in step, run "
              f"`wsisc check --parallel {args.old} {args.new}`", file=sys.stderr)
        return EXIT_INPUT
    # As in build: a name neither revision declares would decide nothing.
    refuse_undeclared(accept, reject, {args.old: documents[0].front, args.new: documents[1].front})
    (old, old_text), (new, new_text) = (compared_text(d, args.compare, accept, reject) for d in documents)
    sides = ast.Comparison(ast.ComparedSide(document_name(old.front, args.old), old_text),
                           ast.ComparedSide(document_name(new.front, args.new), new_text),
                           shows_proposals=has_proposals(old) or has_proposals(new))
    fmt = args.format or (({".csv": "csv", ".json": "json"} | EXTENSIONS).get(Path(args.output).suffix.lower()) if args.output else None)
    if fmt not in (None, "pdf", "html", "json", "csv"):  # an extension build knows, such as .xml
        raise UsageError(f"a comparison is written as PDF, HTML, JSON or CSV, not {Path(args.output).suffix}; "
                         "name the output compare.pdf, .html, .json or .csv")
    if args.parallel:  # the revision mirrored onto other language versions of OLD
        from .mirror import run as mirror

        return mirror(args, old, new, compile_document(args.old, read_input(args.old), view=None), fmt)
    if fmt == "json":
        matches = match(old, new)
        rows = [{"status": m.status, "old": list(m.cited_old()), "new": list(m.cited_new()),
                 "old_words": m.old_words() if m.old else None, "new_words": m.new_words() if m.new else None}
                for m in matches]
        concordance_rows = [{"old": o, "new": n} for o, n in concordance(matches)]
        compared = {"old": _side(args.old, old.front, sides.old, args.compare, accept, reject),
                    "new": _side(args.new, new.front, sides.new, args.compare, accept, reject)}
        text = json.dumps({"old": args.old, "new": args.new, "compared": compared, "paragraphs": rows,
                           "concordance": concordance_rows}, ensure_ascii=False, indent=2)
        if args.output:
            write_atomically(Path(args.output), (text + "\n").encode("utf-8"))
        else:
            print(text)
        return EXIT_OK
    if fmt == "csv":
        text = concordance_text(concordance(match(old, new)), "csv")
        if args.output:
            write_atomically(Path(args.output), text.encode("utf-8"))
        else:
            sys.stdout.write(text)
        return EXIT_OK
    if fmt is None:
        raise UsageError("name the output with -o compare.pdf or compare.html, or use --format json")
    if not args.output:
        raise UsageError("-o OUT is needed for a PDF or HTML comparison")
    data = writer(fmt)(comparison(old, new, sides), "negotiation",
                       WriteOptions(source_dir=Path(args.new).resolve().parent))
    write_atomically(Path(args.output), data)
    return EXIT_OK


def _side(path: str, front: ast.FrontMatter, side: ast.ComparedSide, compare: str,
          accept: frozenset[str], reject: frozenset[str]) -> dict:
    """One revision in the JSON: what it is, and which of its texts was compared."""
    date = front.date.isoformat() if hasattr(front.date, "isoformat") else front.date
    return {"file": path, "symbol": front.symbol, "stage": front.stage, "date": date, "document": side.document,
            "compare": compare, "accept": sorted(accept), "reject": sorted(reject), "text": side.text}
