"""wsisc build FILE|FOLDER... [-o OUT | -d DIR]: compile drafts; never write a broken output.

Several inputs are built in parallel, in worker processes (one per core, or -j N)
that each load the writers once (commands/pool.py): the PDF layout is the slow
part, and each document's is independent of the others'. A folder stands for
the drafts (.wsis) in it and below it; with -d its tree is mirrored in DIR.

With -d, a draft whose output is up to date is not built again: each output's
key (the source's bytes, the options, the code, fonts and libraries; commands/stamps.py)
is recorded when it is written, and compared on the next build.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .arguments import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, UsageError, ignored_rules, names
from ..diagnostics import Severity
from ..fsutil import WriteError, write_atomically
from ..pipeline import compile_document
from ..report import render_text, summary
from ..writers import EXTENSIONS, SUFFIXES, WriteOptions, logo_diagnostic, resolve_logo, writer
from . import fronts_of, output_path, read_input, refuse_undeclared
from .pool import Interrupted, Progress, clock, cores, in_this_process, run_in_workers
from . import stamps
from .stamps import Records


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
    key: str = ""  # with -d: what makes the output (commands/stamps.py)

    def options(self) -> tuple:
        """What, besides the source, makes the output (its key: commands/stamps.py)."""
        return (self.fmt, self.view, self.comments, self.paper, sorted(self.accept), sorted(self.reject),
                sorted(self.ignore), self.strict)


@dataclass(frozen=True)
class Outcome:
    job: Job
    report: str  # diagnostics, rendered
    errors: int
    warnings: int
    written: bool
    problem: str | None = None  # a reason the output could not be written
    read: tuple[str, ...] = ()  # the other files the build read (a logo): a change to one rebuilds
    internal: bool = False  # the problem is a bug in wsisc or a crash, not the draft's fault


def output_format(output: Path, requested: str | None) -> str:
    if requested:
        return requested
    try:
        return EXTENSIONS[output.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(EXTENSIONS))
        raise UsageError(f"cannot tell the format of {output} from its extension ({known}); "
                         "use --format") from None


DRAFT_SUFFIX = ".wsis"


def sources(files: list[str], directory: str | None) -> list[tuple[str, Path]]:
    """Each input draft, and its output's name relative to the output folder:
    a file's own name; for a folder, the drafts in it and below it, at their
    place in its tree. Hidden folders and the output folder are left out."""
    skip = Path(directory).resolve() if directory is not None else None
    found: list[tuple[str, Path]] = []
    for name in files:
        path = Path(name)
        if not path.is_dir():
            found.append((name, Path(path.name)))
            continue
        drafts = []
        for folder, subfolders, names_ in os.walk(path):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith(".")
                                   and Path(folder, d).resolve() != skip)
            drafts += [Path(folder, n) for n in sorted(names_) if n.endswith(DRAFT_SUFFIX) and not n.startswith(".")]
        if not drafts:
            raise UsageError(f"{name}: a folder with no drafts ({DRAFT_SUFFIX} files) in it or below it")
        found += [(str(draft), draft.relative_to(path)) for draft in drafts]
    return found


def plan(args) -> list[Job]:
    jobs = []
    if args.output is not None:
        if len(args.files) != 1 or Path(args.files[0]).is_dir():
            raise UsageError("-o names one output; use -d DIR to build several inputs, "
                             "or no -o to build each beside its source")
        output = Path(args.output)
        pairs = [(args.files[0], output, output_format(output, args.format))]
    else:
        # -d DIR: each output in DIR (made if need be), a folder's tree mirrored;
        # neither: beside its source, as `typst compile` does (draft.wsis -> draft.pdf).
        fmt = args.format or "pdf"
        folder = Path(args.directory) if args.directory is not None else None
        pairs = []
        for source, relative in sources(args.files, args.directory):
            place = folder / relative.parent if folder is not None else Path(source).parent
            pairs.append((source, place / (relative.stem + SUFFIXES[fmt]), fmt))
        first: dict[Path, str] = {}
        for source, output, _ in pairs:
            other = first.setdefault(output.resolve(), source)
            if other != source:
                raise UsageError(f"{other} and {source} would both be written to {output}; "
                                 "build them into different folders")
        if folder is not None:
            for source, _, _ in pairs:
                read_input(source)  # a missing input is refused before the folder is made
            try:
                folder.mkdir(parents=True, exist_ok=True)
                for place in sorted({output.parent for _, output, _ in pairs}):
                    place.mkdir(parents=True, exist_ok=True)
            except FileExistsError as exc:
                raise UsageError(f"{exc.filename or folder} is a file, not a folder") from None
            except OSError as exc:
                raise UsageError(f"{exc.filename or folder}: cannot make the folder: {exc.strerror}") from None
    for source, output, fmt in pairs:
        output_path(output, source)
        jobs.append(Job(source, read_input(source), output, fmt, args.view, not args.no_comments, args.paper,
                        names(args.accept), names(args.reject), ignored_rules(args.ignore), args.strict,
                        args.quiet))
    accept, reject = names(args.accept), names(args.reject)
    refuse_undeclared(accept, reject, fronts_of([(job.source, job.data) for job in jobs], bool(accept or reject)))
    return jobs


def produce(job: Job) -> tuple[Outcome, bytes | None]:
    """The output's bytes (None when the draft does not build) and what to report
    of it; writes nothing (the language server's preview builds so, from the
    editor's text)."""
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
        return Outcome(job, report, errors, warnings, False), None
    options = WriteOptions(paper=job.paper, source_dir=Path(job.source).resolve().parent)
    data = writer(job.fmt)(compiled.document, job.view, options)
    logo = resolve_logo(compiled.document, options.source_dir)
    read = (str(logo),) if isinstance(logo, Path) else ()
    return Outcome(job, report, errors, warnings, False, read=read), data


def build_one(job: Job) -> Outcome:
    outcome, data = produce(job)
    if data is None:
        return outcome
    try:
        write_atomically(job.output, data)
    except WriteError as exc:
        return dataclasses.replace(outcome, problem=str(exc), read=())
    return dataclasses.replace(outcome, written=True)


def build_safely(job: Job, debug: bool = False) -> Outcome:
    """build_one, with a bug in a writer or a library (an exception) turned into
    a message about this draft: the other drafts of a session are still built
    (with --debug, the message ends with the worker's traceback). The outcome
    goes back without the source's bytes, which the parent has."""
    try:
        outcome = build_one(job)
    except Exception as exc:  # noqa: BLE001 - one draft's failure, reported; never a traceback
        trace = ""
        if debug:
            import traceback

            trace = "\n" + traceback.format_exc().rstrip()
        outcome = Outcome(job, "", 0, 0, False, internal=True, problem=(
            f"{job.source}: internal error while building {job.output} ({type(exc).__name__}: "
            f"{str(exc)[:300]}); it was not written. This is a bug in wsisc; please report it with this draft "
            f"(run with --debug for the traceback){trace}"))
    return dataclasses.replace(outcome, job=dataclasses.replace(job, data=b""))


def _died(job: Job, why: str) -> Outcome:
    return Outcome(job, "", 0, 0, False, internal=True,
                   problem=f"{job.source}: {why}; {job.output} was not written (a previous file is left as it was)")


def warm(formats: tuple[str, ...]):
    """What a worker loads once, before its first draft: the writers (WeasyPrint,
    Jinja) and the PDF's fonts; returns what to call as the worker ends."""
    for fmt in formats:
        writer(fmt)
    from ..writers.html import environment

    environment().get_template("document.html.j2")
    if "pdf" in formats:
        from ..writers import pdf

        pdf.font_configuration()
        return pdf.release_fonts
    return None


def run(args) -> int:
    if getattr(args, "side_by_side", False):  # language versions in columns: a module of its own
        from .side_by_side import run as side_by_side

        return side_by_side(args)
    started = time.monotonic()
    jobs = plan(args)
    records = Records(Path(args.directory)) if args.directory is not None else None
    for index, job in enumerate(jobs):
        if records is not None:
            jobs[index] = job = dataclasses.replace(job, key=stamps.key(job.source, job.data, job.options()))
    todo = [job for job in jobs if records is None or args.force or not records.current(job.output, job.key)]
    current = len(jobs) - len(todo)
    workers = min(len(todo), args.jobs or cores())
    progress = Progress(len(todo), sys.stderr, live=len(todo) > 1 and not args.quiet and sys.stderr.isatty())
    built = failed = 0
    status = EXIT_OK

    def done(index: int, outcome: Outcome) -> None:
        nonlocal built, failed, status
        job = todo[index]
        progress.clear()
        status = max(status, report(outcome))
        if outcome.written:
            built += 1
            if records is not None:
                records.record(job.output, job.key, outcome.read)
        else:
            failed += 1
            if records is not None:
                records.forget(job.output)
        progress.advance(not outcome.written)

    warm_up = functools.partial(warm, tuple(sorted({job.fmt for job in todo})))
    debug = getattr(args, "debug", False)
    try:
        if workers > 1:
            progress.draw()  # at once: the workers take a second to load
            run_in_workers(todo, workers, warm_up, functools.partial(build_safely, debug=debug), done, _died,
                           cost=lambda job: len(job.data))
        else:
            # In this process, --debug lets an exception through, to the traceback cli.py shows.
            in_this_process(todo, warm_up, build_one if debug else build_safely, done)
    except Interrupted as exc:
        progress.clear()
        print(f"wsisc build: interrupted: {built} built, {failed} failed, {exc.unstarted} not built; "
              "no output was left half-written", file=sys.stderr)
        return 130
    finally:
        if records is not None:
            records.save()
    progress.clear()
    if not args.quiet and (len(jobs) > 1 or args.directory is not None):
        seconds = time.monotonic() - started
        pace = f", {built / seconds:.1f} drafts/s" if built and seconds > 0 else ""
        by = f", {workers} worker{'s' if workers != 1 else ''}" if workers > 1 else ""
        print(f"wsisc build: {len(jobs)} draft{'s' if len(jobs) != 1 else ''}: {built} built, "
              f"{current} up to date, {failed} failed ({clock(seconds)}{pace}{by})", file=sys.stderr)
    return status


def report(outcome: Outcome) -> int:
    """Print one draft's diagnostics and whether it was written; its exit status."""
    if outcome.report:
        print(outcome.report, file=sys.stderr)
    if outcome.problem:
        print(f"wsisc build: error: {outcome.problem}", file=sys.stderr)
        return EXIT_INTERNAL if outcome.internal else EXIT_INPUT
    if not outcome.written:
        print(summary(outcome.errors, outcome.warnings, 1), file=sys.stderr)
        what = "the errors" if outcome.errors else "the warnings (--strict)"
        print(f"wsisc build: not writing {outcome.job.output}: fix {what} above first", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK
