"""wsisc check FILE...: diagnostics for every file; exit 1 if any has an error."""

from __future__ import annotations

import sys

from collections import Counter
from pathlib import Path

from .arguments import EXIT_INPUT, EXIT_OK, UsageError, ignored_rules
from ..diagnostics import Severity
from ..pipeline import compile_document
from ..report import SCHEMA_VERSION, as_json, sort_key, github_notice, render_github, render_text, summary
from . import read_input


# Of one code in one file: a pasted binary or a megabyte of "word word" would
# otherwise print a hundred thousand of the same. JSON lists them all.
MAX_SHOWN = 100


def run(args) -> int:
    ignore = ignored_rules(args.ignore)
    errors = warnings = 0
    out = sys.stdout
    files = []
    parallel = getattr(args, "parallel", False)
    if parallel and len(args.files) < 2:
        raise UsageError("--parallel compares language versions: name two files or more, the reference first")
    everything = [(path, compile_document(path, read_input(path), view=None, ignore=ignore)) for path in args.files]
    across: dict[int, list] = {}
    if parallel:
        across, unread = in_step([c for _, c in everything], ignore)
        for path in unread:
            print(f"wsisc check: --parallel: {path} cannot be read; the versions were not compared", file=out)
            errors += 1
    for index, (path, compiled) in enumerate(everything):
        diagnostics = list(compiled.diagnostics)
        if index in across:
            diagnostics = sorted(diagnostics + across[index], key=sort_key)
        notes = []
        if args.base and compiled.document is not None:
            try:
                diagnostics += agreed_guard(args.base, path, compiled.document)
            except BaseUnreadable as exc:
                print(exc, file=out)
                errors += 1
            except NothingAgreed as exc:
                notes.append(str(exc))
        for note in notes:
            if args.format == "text" and not args.quiet:
                print(f"{path}: note: {note}", file=out)
            elif args.format == "github":
                print(github_notice(path, note), file=out)
        shown: Counter = Counter()
        for diagnostic in diagnostics:
            if diagnostic.severity is Severity.ERROR:
                errors += 1
            else:
                warnings += 1
            shown[diagnostic.code] += 1
            if args.format == "json" or shown[diagnostic.code] > MAX_SHOWN:
                continue
            if args.format == "text":
                print(render_text(compiled.source, diagnostic), file=out)
            elif args.format == "github":
                print(render_github(compiled.source, diagnostic), file=out)
        for code, count in sorted(shown.items()):
            if count > MAX_SHOWN and args.format != "json":
                print(f"{path}: note: {count - MAX_SHOWN} more [{code}] not shown; "
                      "`--format json` lists them all", file=out)
        if args.format == "json":
            files.append({"path": path, "diagnostics": [as_json(compiled.source, d) for d in diagnostics],
                          "notes": notes})
    if args.format == "json":
        import json

        print(json.dumps({"version": SCHEMA_VERSION, "files": files,
                          "summary": {"errors": errors, "warnings": warnings, "files": len(files)}},
                         ensure_ascii=False, indent=2), file=out)
    elif args.format == "text" and (errors or warnings or not args.quiet):
        print(summary(errors, warnings, len(args.files)), file=out)
        if args.strict and warnings and not errors:
            print("wsisc check: --strict: warnings fail the check", file=out)
    return EXIT_INPUT if errors or (args.strict and warnings) else EXIT_OK


def in_step(versions: list, ignore: frozenset[str]) -> tuple[dict[int, list], list[str]]:
    """--parallel: the differences of structure between the language versions
    (the first is the reference), by the index of the version each is about;
    and the versions that could not be read, which are not compared."""
    from ..transforms.parallel import Version, compare_versions

    unread = [c.source.path for c in versions if c.document is None]
    if unread:
        return {}, unread
    found: dict[int, list] = {}
    for index, diagnostic in compare_versions([Version(c.source, c.document) for c in versions]):
        if diagnostic.code in ignore and diagnostic.severity is Severity.WARNING:
            continue
        found.setdefault(index, []).append(diagnostic)
    return found, []


def agreed_guard(base: str, path: str, document) -> list:
    """--base: the agreed-text guard against an earlier revision, a file or, when
    no such file exists, a git revision of this same file (``--base HEAD``)."""
    from ..transforms.guard import check_agreed

    if Path(base).is_file():
        old_path, data = base, Path(base).read_bytes()
    else:
        old_path, data = f"{base}:{path}", _from_git(base, Path(path).resolve())
    old = compile_document(old_path, data, view=None)
    if old.document is None:  # not text: its own diagnostics, at its own lines, say why
        raise BaseUnreadable("\n".join(render_text(old.source, d) for d in old.diagnostics)
                             + f"\nwsisc check: --base {base} cannot be read; nothing was compared")
    return check_agreed(old.document, document, old_path)


def _from_git(base: str, where: Path) -> bytes:
    """The file as git has it at revision ``base``. A revision without the file
    (a draft new in this commit, or a repository with no commit yet) has agreed
    nothing: that is a note, so that a pre-commit hook works from day one. Any
    other failure of git is an error: the guard must not pass by accident."""
    import subprocess

    def git(*args: str) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(["git", "-C", str(where.parent), *args], capture_output=True)
        except FileNotFoundError:
            raise UsageError(f"--base {base}: no such file, and git is not installed to read a revision") from None

    if git("rev-parse", "--git-dir").returncode != 0:
        raise UsageError(f"--base {base}: no such file, and {where.parent} is not in a git repository")
    if git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").returncode != 0:
        if base == "HEAD" and git("rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
            raise NothingAgreed("the repository has no commit yet, so nothing was agreed before; nothing to guard")
        raise UsageError(f"--base {base}: no such file, and git knows no revision {base}")
    listed = git("ls-tree", "--name-only", base, "--", f"./{where.name}")
    if listed.returncode == 0 and not listed.stdout.strip():
        raise NothingAgreed(f"new since {base} (git has no {where.name} there), so nothing in it was agreed "
                            "before; nothing to guard")
    shown = git("show", f"{base}:./{where.name}")
    if listed.returncode != 0 or shown.returncode != 0:
        said = (shown.stderr or listed.stderr).decode("utf-8", "replace").strip()
        raise UsageError(f"--base {base}: git cannot read {where.name} at {base}: {said}")
    return shown.stdout


class NothingAgreed(Exception):
    """The --base revision has no version of the file: there is nothing to guard."""


class BaseUnreadable(Exception):
    """The earlier revision given to --base is not a text wsisc can read."""
