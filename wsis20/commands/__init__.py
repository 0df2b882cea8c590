"""One thin module per command: read files, call the pipeline, write, report."""

from __future__ import annotations

from pathlib import Path

from .arguments import UsageError


def read_input(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None


def output_path(name: str | Path, *sources: str) -> Path:
    """An output the user named, refused before any work if it cannot be one."""
    output = Path(name)
    if any(output.resolve() == Path(source).resolve() for source in sources):
        raise UsageError(f"{output} is an input; name another output")
    if output.is_dir():
        raise UsageError(f"{output} is a folder; name a file")
    if not output.parent.is_dir():
        raise UsageError(f"{output}: the folder {output.parent} does not exist")
    return output


def source_without_errors(path: str, command: str, refusal: str):
    """The source of a file a command rewrites, or None after printing why not:
    a file with syntax errors is never rewritten."""
    import sys

    from ..diagnostics import has_errors
    from ..parse import parse
    from ..pipeline import load
    from ..report import render_text

    source, problems = load(path, read_input(path))
    if not problems:
        _, problems = parse(source)
    if has_errors(problems):
        for d in problems:
            print(render_text(source, d), file=sys.stderr)
        print(f"wsisc {command}: {path}: {refusal}: fix the errors above first", file=sys.stderr)
        return None
    return source
