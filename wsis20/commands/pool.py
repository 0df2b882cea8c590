"""Worker processes for `wsisc build` of many drafts, and the progress line.

Each worker imports the writers (WeasyPrint, Jinja) once, when it starts, and
then builds one draft after another: a PDF's start-up costs about 0.6 s, its
layout about 0.1 s a page, so that start-up is paid once per core, not once
per file. A worker is a process of its own rather than a thread: the layout is
pure Python and holds the interpreter's lock.

The parent hands each worker one job at a time over a pipe, so it always knows
what a worker was building: a worker that dies (a crash in a C library, the
kernel's out-of-memory killer) fails that one draft, with a diagnostic, and a
new worker takes its place. Workers ignore Ctrl-C; the parent, on the first
one, hands out nothing more and lets the drafts being built finish (each output
is written whole or not at all); on a second, it stops the workers, each
removing the temporary file it was writing.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import wait
from typing import Any


def cores() -> int:
    """The cores this process may run on (fewer than the machine's under a CPU affinity or a container)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _stop(signum, frame):  # noqa: ARG001 - a signal handler's signature
    raise SystemExit(128 + signum)  # unwinds: write_atomically removes its temporary file


def _worker(conn, warm: Callable[[], Callable[[], None] | None], work: Callable[[Any], Any],
            inherited: list[int]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C does
    signal.signal(signal.SIGTERM, _stop)
    # A forked worker holds copies of the parent's ends of the other workers' pipes:
    # closed, so that when the parent dies, each worker's pipe ends and the worker with it.
    for fd in inherited:
        try:
            os.close(fd)
        except OSError:
            pass
    finish = None
    try:
        finish = warm()  # what it returns, the worker calls as it ends (no atexit handler runs in it)
    except Exception:  # noqa: BLE001 - a writer that cannot load fails each job, with its own message
        pass
    # What was imported stays for the worker's life: out of the collector's sight,
    # so that the collection after each draft looks at that draft's objects only.
    gc.collect()
    gc.freeze()
    try:
        while True:
            try:
                item = conn.recv()
            except EOFError:
                return
            if item is None:
                return
            index, job = item
            result = work(job)
            gc.collect()  # a layout's boxes refer to one another: free them before the next draft
            conn.send((index, result))
    except (BrokenPipeError, SystemExit, KeyboardInterrupt):
        return
    finally:
        if finish is not None:
            finish()


class Interrupted(Exception):
    """Ctrl-C: what was finished is reported; ``unstarted`` drafts were not built."""

    def __init__(self, unstarted: int):
        super().__init__(unstarted)
        self.unstarted = unstarted


def run_in_workers(jobs: list, workers: int, warm: Callable[[], object], work: Callable[[Any], Any],
                   done: Callable[[int, Any], None], died: Callable[[Any, str], Any],
                   cost: Callable[[Any], int] = lambda job: 0) -> None:
    """Build every job in ``workers`` processes; call ``done(index, result)`` as each
    finishes, in the parent. A job whose worker died gets ``died(job, why)`` as its
    result; ``cost`` guesses how long a job takes. Raises Interrupted after a Ctrl-C,
    once the running jobs have finished."""
    forking = sys.platform.startswith("linux")
    context = multiprocessing.get_context("fork" if forking else "spawn")
    # The longest first, so that no long one is left for the end with one core busy
    # and the others idle; popped from the end.
    queue = sorted(range(len(jobs)), key=lambda i: (cost(jobs[i]), -i))
    busy: dict[Any, tuple[Any, Any, int | None]] = {}  # conn -> (process, its end of the pipe, job index)
    idle: list = []

    def start() -> None:
        parent, child = context.Pipe()
        inherited = [conn.fileno() for conn in busy] + [parent.fileno()] if forking else []
        process = context.Process(target=_worker, args=(child, warm, work, inherited), daemon=True)
        process.start()
        child.close()
        busy[parent] = (process, parent, None)
        idle.append(parent)

    def hand_out() -> None:
        while idle and queue:
            conn = idle.pop()
            index = queue.pop()
            busy[conn] = (busy[conn][0], conn, index)
            try:
                conn.send((index, jobs[index]))
            except OSError:  # it died meanwhile: its sentinel says so, and the job is reported with it
                pass

    def retire(conn) -> None:
        process, _, _ = busy.pop(conn)
        if conn in idle:
            idle.remove(conn)
        try:
            conn.send(None)
        except OSError:
            pass
        conn.close()
        process.join(timeout=5)

    for _ in range(min(workers, len(jobs))):
        start()
    interrupted = terminated = False
    unstarted = 0

    def on_term(signum, frame):  # noqa: ARG001 - a signal handler's signature
        nonlocal terminated
        terminated = True
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)  # `kill`, a CI job cancelled: stop the workers now
    try:
        hand_out()
        while any(index is not None for _, _, index in busy.values()):
            try:
                ready = wait(list(busy) + [p.sentinel for p, _, _ in busy.values()])
            except KeyboardInterrupt:
                if interrupted or terminated:
                    raise
                interrupted = True
                unstarted = len(queue)
                queue.clear()  # nothing more is handed out; what runs, finishes
                continue
            for conn, (process, _, index) in list(busy.items()):
                dead = process.sentinel in ready
                if conn in ready:
                    try:
                        got, result = conn.recv()
                    except (EOFError, OSError):
                        dead = True  # its end of the pipe closed: it is gone, or going
                    else:
                        busy[conn] = (process, conn, None)
                        idle.append(conn)
                        done(got, result)
                        continue
                if dead:
                    process.join(timeout=10)
                    busy.pop(conn)
                    if conn in idle:
                        idle.remove(conn)
                    conn.close()
                    if index is not None:
                        done(index, died(jobs[index], _death(process.exitcode)))
                    if queue:
                        start()
            hand_out()
    except KeyboardInterrupt:  # the second Ctrl-C: stop the workers now
        for process, _, _ in list(busy.values()):
            process.terminate()
        for process, _, _ in list(busy.values()):
            process.join(timeout=5)
        running = sum(index is not None for _, _, index in busy.values())
        raise Interrupted(unstarted + len(queue) + running) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        for conn in list(busy):
            retire(conn)
    if interrupted:
        raise Interrupted(unstarted)


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the worker process building it was killed ({name})"
    return f"the worker process building it stopped (exit status {exitcode})"


class Progress:
    """One line on a terminal, rewritten as drafts finish: how many are done,
    how many failed, and the time left at the pace so far. Nothing when the
    stream is no terminal (a log keeps only the diagnostics and the summary)."""

    def __init__(self, total: int, stream, live: bool):
        self.total, self.stream, self.live = total, stream, live
        self.start = time.monotonic()
        self.done = self.failed = 0
        self.shown = False

    def line(self) -> str:
        elapsed = time.monotonic() - self.start
        text = f"wsisc build: {self.done}/{self.total} done"
        if self.failed:
            text += f", {self.failed} failed"
        if self.done and self.done < self.total:
            text += f", about {clock(elapsed / self.done * (self.total - self.done))} left"
        return text

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        self.draw()

    def draw(self) -> None:
        if self.live:
            self.stream.write("\r\x1b[K" + self.line())
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        """Take the line away, before a diagnostic is printed in its place."""
        if self.live and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def clock(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def in_this_process(jobs: list, warm: Callable[[], object], work: Callable[[Any], Any],
                    done: Callable[[int, Any], None]) -> None:
    """The same, one job after another in this process (-j 1). A single job loads
    what it needs as it goes, as a one-file build always has."""
    if len(jobs) > 1:
        warm()
        gc.collect()
        gc.freeze()
    for index, job in enumerate(jobs):
        result = work(job)
        if len(jobs) > 1:
            gc.collect()
        done(index, result)
