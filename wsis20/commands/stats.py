"""wsisc stats FILE... [--format text|json]: how far a negotiation has come, in numbers."""

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
    fmt = "json" if args.json else args.format
    status, found = EXIT_OK, []
    for path in args.files:
        source, problems = load(path, read_input(path))
        if problems:
            for d in problems:
                print(render_text(source, d), file=sys.stderr)
            status = EXIT_INPUT
            continue
        document, _ = parse(source)
        numbers = statistics(document)
        if fmt == "json":
            found.append({"path": path, **numbers})
        else:
            print_text(path, numbers)
    if fmt == "json" and (found or len(args.files) > 1):
        # One file: its object, as before several were taken; several: a list of them, in order.
        print(json.dumps(found[0] if len(args.files) == 1 else found, ensure_ascii=False, indent=2))
    return status


def print_text(path: str, numbers: dict) -> None:
    p = numbers["paragraphs"]
    print(f"{path}")
    if not numbers["annexes"]:
        print(f"  paragraphs   {_kinds(p)}")
    else:  # each annex numbered from 1: their counts apart, and the whole so said
        print(f"  paragraphs   {_kinds(p)} in all")
        body = {kind: count - sum(a["paragraphs"][kind] for a in numbers["annexes"]) for kind, count in p.items()}
        print(f"    body: {_kinds(body)}")
        for annex in numbers["annexes"]:
            print(f"    {annex['label']}: {_kinds(annex['paragraphs'])}")
    print("  status       " + ", ".join(f"{n} {s}" for s, n in numbers["status"].items() if n))
    print(f"  bracketed    {numbers['bracketed_paragraphs']} paragraphs")
    for author, kinds in numbers["changes"].items():
        kinds = dict(kinds)
        name = kinds.pop("name") or author or "unattributed"
        print(f"  changes      {author or '-':6} {name}: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    for author, info in numbers["comments"].items():
        print(f"  comments     {author or '-':6} {info['name'] or author or 'anonymous'}: {info['count']}")
    w = numbers["words"]
    print(f"  words        {w['original']} original, {w['negotiation']} in the redline, {w['clean']} clean, "
          f"{w['compilation']} in the compilation's text")


def _kinds(counts: dict) -> str:
    return f"{counts['preamble']} preambular, {counts['operative']} operative, {counts['unnumbered']} unnumbered"
