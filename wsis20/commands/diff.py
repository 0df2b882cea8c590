"""wsisc diff OLD NEW -o compare.pdf|html (or --format json, or --format csv for
the concordance of numbers alone): the comparison of two revisions, built from
their documents, not from their lines of text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .arguments import EXIT_INPUT, EXIT_OK, UsageError
from ..fsutil import write_atomically
from ..pipeline import compile_document
from ..report import render_text
from ..transforms.compare import comparison, concordance, match
from ..writers import EXTENSIONS, WriteOptions, writer
from ..writers.concordance import concordance_text
from . import output_path, read_input


def run(args) -> int:
    if args.output:
        output_path(args.output, args.old, args.new)
    documents = []
    for path in (args.old, args.new):
        compiled = compile_document(path, read_input(path), comments=False)
        if compiled.failed:
            for d in compiled.diagnostics:
                print(render_text(compiled.source, d), file=sys.stderr)
            print(f"wsisc diff: {path} has errors; fix them first", file=sys.stderr)
            return EXIT_INPUT
        documents.append(compiled.document)
    old, new = documents
    fmt = args.format or (({".csv": "csv", ".json": "json"} | EXTENSIONS).get(Path(args.output).suffix.lower()) if args.output else None)
    if fmt == "json":
        matches = match(old, new)
        rows = [{"status": m.status, "old": [p.num for p in m.old], "new": [p.num for p in m.new],
                 "old_words": m.old_words() if m.old else None, "new_words": m.new_words() if m.new else None}
                for m in matches]
        concordance_rows = [{"old": o, "new": n} for o, n in concordance(matches)]
        text = json.dumps({"old": args.old, "new": args.new, "paragraphs": rows, "concordance": concordance_rows},
                          ensure_ascii=False, indent=2)
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
    data = writer(fmt)(comparison(old, new), "negotiation", WriteOptions(source_dir=Path(args.new).resolve().parent))
    write_atomically(Path(args.output), data)
    return EXIT_OK
