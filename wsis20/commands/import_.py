"""wsisc import FILE [-o OUT]: a file from elsewhere as a draft, read by the
reader its extension names (readers/__init__.py): an adopted resolution's
Akoma Ntoso XML, ...

The file comes from elsewhere: each reader has its limits, and every refusal is
a diagnostic at its place. The draft is written
atomically, and an existing file is replaced only with --force: it may be the
draft someone has been editing since the last import.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .arguments import EXIT_INPUT, EXIT_OK, UsageError
from ..diagnostics import has_errors
from ..fsutil import write_atomically
from ..readers import READERS, reader_for
from ..report import render_text
from . import output_path, read_input


def run(args) -> int:
    reader = reader_for(Path(args.file).suffix)
    if reader is None:
        suffix = Path(args.file).suffix or "no extension"
        raise UsageError(f"{args.file}: wsisc tells a file's format by its extension, and imports "
                         f"{', '.join(sorted(READERS))} files, not {suffix}")
    to_stdout = args.output == "-"
    output = None if to_stdout else Path(args.output or Path(args.file).with_suffix(".wsis"))
    if output is not None:
        output_path(output, args.file)
        if output.exists() and not args.force:
            raise UsageError(f"{output} exists; name another output with -o, or replace it with --force")
    data = read_input(args.file, limit=reader.MAX_BYTES + 1)  # enough to tell that a file is too large
    imported = reader.read(args.file, data)
    for source, diagnostic in imported.located():
        print(render_text(source, diagnostic), file=sys.stderr)
    if imported.text is None or has_errors(imported.diagnostics):
        print(f"wsisc import: {args.file}: nothing written", file=sys.stderr)
        return EXIT_INPUT
    if output is None:
        sys.stdout.write(imported.text)
    else:
        write_atomically(output, imported.text.encode("utf-8"))
        print(f"wsisc import: wrote {output} ({imported.summary})", file=sys.stderr)
    return EXIT_OK
