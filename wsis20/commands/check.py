"""wsisc check FILE...: diagnostics for every file; exit 1 if any has an error."""

from __future__ import annotations

import sys

from ..cli import EXIT_INPUT, EXIT_OK, ignored_rules
from ..diagnostics import Severity
from ..pipeline import compile_document
from ..report import SCHEMA_VERSION, as_json, render_github, render_text, summary
from . import read_input


def run(args) -> int:
    ignore = ignored_rules(args.ignore)
    errors = warnings = 0
    out = sys.stdout
    files = []
    for path in args.files:
        compiled = compile_document(path, read_input(path), view=None, ignore=ignore)
        for diagnostic in compiled.diagnostics:
            if args.format == "text":
                print(render_text(compiled.source, diagnostic), file=out)
            elif args.format == "github":
                print(render_github(compiled.source, diagnostic), file=out)
            if diagnostic.severity is Severity.ERROR:
                errors += 1
            else:
                warnings += 1
        files.append({"path": path, "diagnostics": [as_json(compiled.source, d) for d in compiled.diagnostics]})
    if args.format == "json":
        import json

        print(json.dumps({"version": SCHEMA_VERSION, "files": files,
                          "summary": {"errors": errors, "warnings": warnings, "files": len(files)}},
                         ensure_ascii=False, indent=2), file=out)
    elif args.format == "text" and (errors or warnings or not args.quiet):
        print(summary(errors, warnings, len(args.files)), file=out)
    return EXIT_INPUT if errors else EXIT_OK
