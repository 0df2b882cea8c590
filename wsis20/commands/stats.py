"""wsisc stats FILE [--json]: how far a negotiation has come, in numbers."""

from __future__ import annotations

import json
import sys

from .arguments import EXIT_INPUT, EXIT_OK
from ..parse import parse
from ..pipeline import load
from ..report import render_text
from ..transforms.stats import statistics
from . import read_input


def run(args) -> int:
    source, problems = load(args.file, read_input(args.file))
    if problems:
        for d in problems:
            print(render_text(source, d), file=sys.stderr)
        return EXIT_INPUT
    document, _ = parse(source)
    numbers = statistics(document)
    if args.json:
        print(json.dumps(numbers, ensure_ascii=False, indent=2))
        return EXIT_OK
    p = numbers["paragraphs"]
    print(f"{args.file}")
    print(f"  paragraphs   {p['preamble']} preambular, {p['operative']} operative, {p['unnumbered']} unnumbered")
    print("  status       " + ", ".join(f"{n} {s}" for s, n in numbers["status"].items() if n))
    print(f"  bracketed    {numbers['bracketed_paragraphs']} paragraphs")
    for author, kinds in numbers["changes"].items():
        name = kinds.pop("name") or author or "unattributed"
        print(f"  changes      {author or '-':6} {name}: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    for author, info in numbers["comments"].items():
        print(f"  comments     {author or '-':6} {info['name'] or author or 'anonymous'}: {info['count']}")
    w = numbers["words"]
    print(f"  words        {w['original']} original, {w['negotiation']} in the redline, {w['clean']} clean, {w['compilation']} in the compilation's text")
    return EXIT_OK
