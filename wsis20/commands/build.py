"""wsisc build FILE... [-o OUT | -d DIR]: compile drafts; never write a broken output.

Several inputs are built in parallel, one process per core: the PDF layout is
the slow part, and each document's is independent of the others'.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .arguments import EXIT_INPUT, EXIT_OK, UsageError, ignored_rules, names
from ..diagnostics import Severity
from ..fsutil import WriteError, write_atomically
from ..pipeline import compile_document
from ..report import render_text, summary
from ..writers import EXTENSIONS, SUFFIXES, WriteOptions, logo_diagnostic, writer
from . import fronts_of, output_path, read_input, refuse_undeclared


@dataclass(frozen=True)
class Job:
    source: str
    data: bytes  # read once, up front: a missing input is a usage error before any work starts
    output: Path
    fmt: str
    view: str
    comments: bool
    paper: str
    accept: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    strict: bool = False  # warnings stop the build, as errors do
    quiet: bool = False  # show errors only (and warnings that stop a --strict build)


@dataclass(frozen=True)
class Outcome:
    job: Job
    report: str  # diagnostics, rendered
    errors: int
    warnings: int
    written: bool
    problem: str | None = None  # a reason the output could not be written


def output_format(output: Path, requested: str | None) -> str:
    if requested:
        return requested
    try:
        return EXTENSIONS[output.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(EXTENSIONS))
        raise UsageError(f"cannot tell the format of {output} from its extension ({known}); "
                         "use --format") from None


def plan(args) -> list[Job]:
    jobs = []
    if args.output is not None:
        if len(args.files) != 1:
            raise UsageError("-o names one output; use -d DIR to build several inputs, "
                             "or no -o to build each beside its source")
        output = Path(args.output)
        pairs = [(args.files[0], output, output_format(output, args.format))]
    else:
        # -d DIR: each output in DIR (made if need be); neither: beside its source,
        # as `typst compile` does (draft.wsis -> draft.pdf).
        fmt = args.format or "pdf"
        folder = Path(args.directory) if args.directory is not None else None
        pairs = [(f, (folder or Path(f).parent) / (Path(f).stem + SUFFIXES[fmt]), fmt) for f in args.files]
        outputs = [p[1].resolve() for p in pairs]
        if len(set(outputs)) != len(outputs):
            raise UsageError("two inputs have the same name; build them into different folders")
        if folder is not None:
            for source in args.files:
                read_input(source)  # a missing input is refused before the folder is made
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except FileExistsError:
                raise UsageError(f"{folder} is a file, not a folder") from None
            except OSError as exc:
                raise UsageError(f"{folder}: cannot make the folder: {exc.strerror}") from None
    for source, output, fmt in pairs:
        output_path(output, source)
        jobs.append(Job(source, read_input(source), output, fmt, args.view, not args.no_comments, args.paper,
                        names(args.accept), names(args.reject), ignored_rules(args.ignore), args.strict,
                        args.quiet))
    accept, reject = names(args.accept), names(args.reject)
    refuse_undeclared(accept, reject, fronts_of([(job.source, job.data) for job in jobs], bool(accept or reject)))
    return jobs


def build_one(job: Job) -> Outcome:
    compiled = compile_document(job.source, job.data, view=job.view, comments=job.comments,
                                accept=job.accept, reject=job.reject, ignore=job.ignore)
    found = list(compiled.diagnostics)
    if compiled.document is not None:
        problem = logo_diagnostic(compiled.document, Path(job.source).resolve().parent)
        if problem is not None:
            found.append(problem)
    errors = sum(d.severity is Severity.ERROR for d in found)
    warnings = len(found) - errors
    shown = found if job.strict or not job.quiet else [d for d in found if d.severity is Severity.ERROR]
    report = "\n".join(render_text(compiled.source, d) for d in shown)
    if errors or (job.strict and warnings):
        return Outcome(job, report, errors, warnings, False)
    options = WriteOptions(paper=job.paper, source_dir=Path(job.source).resolve().parent)
    data = writer(job.fmt)(compiled.document, job.view, options)
    try:
        write_atomically(job.output, data)
    except WriteError as exc:
        return Outcome(job, report, errors, warnings, False, str(exc))
    return Outcome(job, report, errors, warnings, True)


def run(args) -> int:
    if getattr(args, "side_by_side", False):  # language versions in columns: a module of its own
        from .side_by_side import run as side_by_side

        return side_by_side(args)
    jobs = plan(args)
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = list(pool.map(build_one, jobs))
    else:
        outcomes = [build_one(job) for job in jobs]

    status = EXIT_OK
    for outcome in outcomes:
        if outcome.report:
            print(outcome.report, file=sys.stderr)
        if outcome.problem:
            print(f"wsisc build: error: {outcome.problem}", file=sys.stderr)
            status = EXIT_INPUT
        elif not outcome.written:
            print(summary(outcome.errors, outcome.warnings, 1), file=sys.stderr)
            what = "the errors" if outcome.errors else "the warnings (--strict)"
            print(f"wsisc build: not writing {outcome.job.output}: fix {what} above first", file=sys.stderr)
            status = EXIT_INPUT
    return status
