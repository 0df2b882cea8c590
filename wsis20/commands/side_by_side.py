"""wsisc build VERSION... --side-by-side -o both.pdf|html: the language versions
of one draft in aligned columns, one row an aligned unit (writers/side_by_side.py).

Every version must build on its own (its errors stop the build, as build's do);
versions not in step still print, the unit a version lacks as an empty cell,
and a line says how many differences `wsisc check --parallel` lists.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .arguments import EXIT_INPUT, EXIT_OK, UsageError, ignored_rules, names
from ..diagnostics import Severity
from ..fsutil import WriteError, write_atomically
from ..pipeline import compile_document
from ..report import render_text, summary
from ..writers import EXTENSIONS, WriteOptions
from . import fronts_of, output_path, read_input, refuse_undeclared

MAX_VERSIONS = 6  # the six official languages


def run(args) -> int:
    if args.output is None:
        raise UsageError("--side-by-side writes one file: name it with -o both.pdf or -o both.html")
    if not 2 <= len(args.files) <= MAX_VERSIONS:
        raise UsageError(f"--side-by-side prints 2 to {MAX_VERSIONS} language versions, the reference first; "
                         f"{len(args.files)} given")
    output = Path(args.output)
    fmt = args.format or EXTENSIONS.get(output.suffix.lower())
    if fmt not in ("pdf", "html"):
        raise UsageError("--side-by-side writes PDF or HTML: name the output both.pdf or both.html")
    output_path(output, *args.files)
    data = [(path, read_input(path)) for path in args.files]
    accept, reject = names(args.accept), names(args.reject)
    refuse_undeclared(accept, reject, fronts_of(data, bool(accept or reject)))
    from ..transforms.parallel import Version as Aligned, compare_versions
    from ..writers.side_by_side import Version, write

    built, checked, failed = [], [], False
    for path, raw in data:
        compiled = compile_document(path, raw, view=args.view, comments=False, accept=accept, reject=reject,
                                    ignore=ignored_rules(args.ignore))
        errors = [d for d in compiled.diagnostics if d.severity is Severity.ERROR]
        shown = compiled.diagnostics if args.strict or not args.quiet else errors
        for diagnostic in shown:
            print(render_text(compiled.source, diagnostic), file=sys.stderr)
        warnings = len(compiled.diagnostics) - len(errors)
        if compiled.document is None or errors or (args.strict and warnings):
            print(summary(len(errors), warnings, 1), file=sys.stderr)
            failed = True
            continue
        built.append(Version(path, compiled.document))
        checked.append(compile_document(path, raw, view=None))
    if failed:
        print(f"wsisc build: not writing {output}: fix the errors above first", file=sys.stderr)
        return EXIT_INPUT
    found = compare_versions([Aligned(c.source, c.document) for c in checked])
    for index, diagnostic in found:  # two versions in one language: said here too, as check --parallel says it
        if diagnostic.code == "parallel-language" and not args.quiet:
            print(render_text(checked[index].source, diagnostic), file=sys.stderr)
    differences = [d for _, d in found if d.severity is Severity.ERROR]
    if differences:
        print(f"wsisc build: the versions are not in step ({len(differences)} difference"
              f"{'' if len(differences) == 1 else 's'}; `wsisc check --parallel` lists them): "
              "a unit a version lacks is an empty cell", file=sys.stderr)
    try:
        write_atomically(output, write(built, fmt, args.view, WriteOptions(paper=args.paper)))
    except WriteError as exc:
        print(f"wsisc build: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK
