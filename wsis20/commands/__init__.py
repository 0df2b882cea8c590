"""One thin module per command: read files, call the pipeline, write, report."""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

from .arguments import UsageError

if TYPE_CHECKING:  # annotations only: importing the AST costs every start-up, --help included
    from .. import ast


def read_input(path: str, limit: int | None = None) -> bytes:
    """A file's bytes; with ``limit``, no more than that many (a device or a huge file is not read whole)."""
    try:
        with open(path, "rb") as file:
            return file.read() if limit is None else file.read(limit)
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
    from ..report import render_text

    source, problems = rewrite_problems(path, read_input(path))
    if has_errors(problems):
        for d in problems:
            print(render_text(source, d), file=sys.stderr)
        print(f"wsisc {command}: {path}: {refusal}: fix the errors above first", file=sys.stderr)
        return None
    return source


def rewrite_problems(path: str, data: bytes):
    """A text's source and the problems found reading and parsing it: a command
    that rewrites the text (fmt, renumber, the language server's formatting)
    refuses it if any of them is an error."""
    from ..parse import parse
    from ..pipeline import load

    source, problems = load(path, data)
    if not problems:
        _, problems = parse(source)
    return source, problems


def refuse_undeclared(accept: frozenset[str], reject: frozenset[str], fronts: dict[str, ast.FrontMatter | None]) -> None:
    """--accept/--reject with a name that no input's front matter declares is a
    usage error: a build that decided nothing for it would look like one that did.
    A name declared in some of several inputs is fine; a front matter that cannot
    be read (None, or unreadable authors) is left to the build's own error."""
    refuse_conflicting(accept, reject)
    chosen = accept | reject
    if not chosen or any(front is None or not front.authors_read for front in fronts.values()):
        return
    declared = sorted({initials for front in fronts.values() for initials, _ in front.authors})
    unknown = sorted(chosen - set(declared))
    if not unknown:
        return
    from ..diagnostics import same_name

    said = ", ".join(f"{'--accept' if name in accept else '--reject'} {name}" for name in unknown)
    where = next(iter(fronts)) if len(fronts) == 1 else "any input"
    message = (f"{said}: no author of {'that name' if len(unknown) == 1 else 'those names'} in the front matter "
               f"of {where} (declared: {', '.join(declared) or 'none'})")
    slips = [f"`{slip}` for `{name}`" for name in unknown if (slip := same_name(name, declared))]
    if slips:
        message += f"; did you mean {', '.join(slips)}?"
    raise UsageError(message)


def refuse_conflicting(accept: frozenset[str], reject: frozenset[str]) -> None:
    """The same delegation accepted and rejected is a usage error, not a quiet rejection."""
    both = accept & reject
    if both:
        raise UsageError(f"{', '.join(sorted(both))}: both --accept and --reject; say one")


def fronts_of(inputs: list[tuple[str, bytes]], needed: bool = True) -> dict[str, ast.FrontMatter | None]:
    """Each input's front matter, or None for a file that is not text; nothing
    when not ``needed`` (no --accept or --reject: the parse stack stays unloaded)."""
    if not needed:
        return {}
    from ..pipeline import front_of, load

    found: dict[str, ast.FrontMatter | None] = {}
    for path, data in inputs:
        source, problems = load(path, data)
        found[path] = None if problems else front_of(source)
    return found
