"""wsisc fmt FILE... [--check | --diff]: rewrite drafts in the canonical form.

Like black, fmt proves it changed only the layout before anyone sees the result:
the output must parse to the same document as the input (every word, number,
label, comment and change), and formatting the output again must change
nothing. If either fails, the file is left as it was and fmt says so. Files are
rewritten atomically (writers/../fsutil.py), keeping their permissions.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path

from .arguments import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK
from .. import ast
from ..fsutil import write_atomically
from ..diagnostics import Severity
from ..parse import parse
from ..source import SourceFile
from ..writers.source import front_matter_blocks, write_source
from . import source_without_errors


class NotEquivalent(Exception):
    """The formatted text would not say what the original says."""


def shape(node: object) -> object:
    """A node without its positions (``span``, ``logo_span``: the front matter's
    keys move into their order) and without how its paragraph marker was spelt
    (``12 bis.`` is ``12bis.``, ``OP3.`` is ``3.``; its kind and number stay): what
    must survive formatting. A sub-paragraph's marker (``(#)``, ``(c)``) has one
    spelling and stays."""
    if is_dataclass(node):
        return (type(node).__name__,) + tuple(shape(value) for _, value in compared_fields(node))
    if isinstance(node, tuple):
        return tuple(shape(item) for item in node)
    return node


def compared_fields(node: object) -> Iterator[tuple[str, object]]:
    """The fields of a node that `shape` keeps, by name."""
    return ((f.name, getattr(node, f.name)) for f in fields(node)
            if f.name not in ("span", "path") and not f.name.endswith("_span")
            and not (f.name == "written" and isinstance(node, ast.Marker)))


def format_source(source: SourceFile, width: int | None = None) -> str:
    document, _ = parse(source)
    front_text, annex_blocks = front_matter_blocks(source.text)
    formatted = write_source(document, front_text, width=width, annex_blocks=annex_blocks)
    again, found = parse(SourceFile.from_text(source.path, formatted))
    if shape(again) != shape(document):
        raise NotEquivalent("the formatted text would read differently")
    if any(d.severity is Severity.ERROR for d in found):  # fmt formats only files without errors
        raise NotEquivalent("the formatted text would have an error the file has not")
    front_again, annex_blocks_again = front_matter_blocks(formatted)
    if write_source(again, front_again, width=width, annex_blocks=annex_blocks_again) != formatted:
        raise NotEquivalent("formatting is not stable")
    return formatted


def run(args) -> int:
    status = EXIT_OK
    changed = []
    for path in args.files:
        source = source_without_errors(path, "fmt", "not formatted")
        if source is None:
            status = max(status, EXIT_INPUT)
            continue
        try:
            formatted = format_source(source, args.wrap)
        except NotEquivalent as exc:
            print(f"wsisc fmt: internal error: {path}: {exc}; the file is left as it was. This is a bug "
                  "in wsisc; please report it with the file.", file=sys.stderr)
            status = EXIT_INTERNAL
            continue
        original = Path(path).read_bytes().decode("utf-8-sig")
        if formatted == original:
            continue
        changed.append(path)
        if args.diff:
            sys.stdout.writelines(difflib.unified_diff(
                original.splitlines(keepends=True), formatted.splitlines(keepends=True),
                fromfile=f"{path} (as written)", tofile=f"{path} (formatted)"))
        if not (args.check or args.diff):
            write_atomically(Path(path), formatted.encode("utf-8"))
    verb = "would reformat" if (args.check or args.diff) else "reformatted"
    for path in changed:
        print(f"{verb} {path}", file=sys.stderr)
    if args.check and changed:
        status = max(status, EXIT_INPUT)
    return status
