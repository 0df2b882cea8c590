"""wsisc check FILE...: diagnostics for every file; exit 1 if any has an error."""

from __future__ import annotations

import sys

from ..cli import EXIT_INPUT, EXIT_OK, ignored_rules
from ..diagnostics import Severity
from ..pipeline import compile_document
from ..report import render_text, summary
from . import read_input


def run(args) -> int:
    ignore = ignored_rules(args.ignore)
    errors = warnings = 0
    out = sys.stdout
    for path in args.files:
        compiled = compile_document(path, read_input(path), view=None, ignore=ignore)
        for diagnostic in compiled.diagnostics:
            print(render_text(compiled.source, diagnostic), file=out)
            if diagnostic.severity is Severity.ERROR:
                errors += 1
            else:
                warnings += 1
    if errors or warnings or not args.quiet:
        print(summary(errors, warnings, len(args.files)), file=out)
    return EXIT_INPUT if errors else EXIT_OK
