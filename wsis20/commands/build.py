"""wsisc build FILE -o OUT: compile one draft; never write a broken output."""

from __future__ import annotations

import sys
from pathlib import Path

from ..cli import EXIT_INPUT, EXIT_OK, UsageError
from ..diagnostics import Severity
from ..fsutil import write_atomically
from ..pipeline import compile_document
from ..report import render_text, summary
from ..writers import EXTENSIONS, writer
from . import read_input


def output_format(output: Path, requested: str | None) -> str:
    if requested:
        return requested
    try:
        return EXTENSIONS[output.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(EXTENSIONS))
        raise UsageError(f"cannot tell the format of {output} from its extension ({known}); "
                         "use --format") from None


def run(args) -> int:
    output = Path(args.output)
    fmt = output_format(output, args.format)
    if not output.parent.is_dir():
        raise UsageError(f"{output}: the folder {output.parent} does not exist")
    compiled = compile_document(args.file, read_input(args.file), view=args.view,
                                comments=not args.no_comments)
    errors = 0
    for diagnostic in compiled.diagnostics:
        print(render_text(compiled.source, diagnostic), file=sys.stderr)
        errors += diagnostic.severity is Severity.ERROR
    if compiled.failed:
        print(summary(errors, len(compiled.diagnostics) - errors, 1), file=sys.stderr)
        print(f"wsisc build: not writing {output}: fix the errors above first", file=sys.stderr)
        return EXIT_INPUT
    data = writer(fmt)(compiled.document, view=args.view)
    try:
        write_atomically(output, data)
    except OSError as exc:
        raise UsageError(f"{output}: cannot write: {exc.strerror}") from None
    return EXIT_OK
