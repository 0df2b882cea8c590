"""wsisc watch FILE -o OUT: rebuild on every save, print the diagnostics, and
serve an HTML output on localhost; the open page follows each build.

Saves are seen by file events (watchfiles) on the draft's folder, so an editor
that saves by writing a new file and renaming it over the old one is seen too;
once a second the draft's time stamp is looked at as well, in case an event was
missed. An HTML output is served by the preview server (wsis20/preview.py): on
127.0.0.1 only, exactly the page and its event stream, which pushes each new
page (or a failed build's diagnostics, shown over the last good page) to the
browser as soon as it is built. A rebuild that fails leaves the file as it was.
Ctrl-C stops it cleanly.

The port: the one --port names, and a busy one is a usage error that says so;
without --port, 8000 or the next free port after it, printed.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from pathlib import Path
from typing import Iterator

from .arguments import EXIT_OK, UsageError, ignored_rules, names
from .build import Job, build_one, output_format
from ..preview import PortError, Preview, Served, headline
from . import fronts_of, output_path, read_input, refuse_undeclared

LOOK_AGAIN = 1000  # ms: with no file event for this long, the time stamp is looked at anyway
QUIET = 30  # ms without a further event before a save counts as done


def run(args) -> int:
    output = output_path(args.output, args.file)
    fmt = output_format(output, args.format)
    accept, reject, ignore = names(args.accept), names(args.reject), ignored_rules(args.ignore)
    # As in build: a name nobody declares is refused before anything is served.
    refuse_undeclared(accept, reject, fronts_of([(args.file, read_input(args.file))], bool(accept or reject)))
    preview = Preview(output.name)
    served = None
    if fmt == "html" and not args.no_serve:
        try:
            served = Served(preview, args.port)
        except PortError as exc:
            raise UsageError(str(exc)) from None
        print(f"wsisc watch: serving {served.url} ({served.note}Ctrl-C to stop)", flush=True)
    job = Job(args.file, b"", output, fmt, args.view, not args.no_comments, args.paper, accept, reject, ignore)
    try:
        for _ in saves(args.file):
            _rebuild(job, preview)
    except KeyboardInterrupt:
        print("wsisc watch: stopped", file=sys.stderr)
        return EXIT_OK
    finally:
        if served is not None:
            served.stop()


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def saves(path: str) -> Iterator[None]:
    """Once at the start, then once after each save of the file at ``path``. An empty
    file is not a save: an editor that saves in place (VS Code, Python's write_text)
    empties the file first and writes it next, and a page of nothing would flash."""
    import watchfiles  # here: only watch needs it

    target = Path(path).absolute()
    folder = target.parent.resolve()
    mine = {str(target), str(folder / target.name)}
    seen = _stamp(path)
    yield
    for changes in watchfiles.watch(folder, recursive=False, step=QUIET, rust_timeout=LOOK_AGAIN,
                                    yield_on_timeout=True):
        now = _stamp(path)
        if now is not None and now[1] > 0 and (now != seen or any(changed in mine for _, changed in changes)):
            seen = now
            yield


def _rebuild(job: Job, preview: Preview) -> None:
    """One rebuild, told in the terminal and to the open pages."""
    when = time.strftime("%H:%M:%S")
    try:
        data = read_input(job.source)
    except UsageError as exc:  # deleted or unreadable between the look and the read: wait for the next save
        preview.fail(str(exc), "")
        print(f"[{when}] not built: {exc}", flush=True)
        return
    outcome = build_one(dataclasses.replace(job, data=data))
    if outcome.report:
        print(outcome.report, flush=True)
    if outcome.written:
        if job.fmt == "html":
            preview.show(job.output.read_bytes())
        print(f"[{when}] built {job.output} ({outcome.errors} errors, {outcome.warnings} warnings)",
              flush=True)
        return
    preview.fail(headline(outcome), outcome.report)
    advice = "; fix the errors above" if outcome.errors else ""
    print(f"[{when}] not built: {headline(outcome)}{advice}", flush=True)
