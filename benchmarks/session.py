"""A whole session in one command: import every resolution of the 78th session
and build each to PDF with `wsisc build -d`, first in English, then in the six
languages; files and pages per second, peak memory, and the speed-up over one
file at a time.

    make session                  # CORPUS=archive.tar.xz SESSION_DIR=/tmp/ga78 JOBS=2 SAMPLE=8 LANGUAGES=all
    .venv/bin/python benchmarks/session.py [--archive ga78-akn.tar.xz] [--work DIR] [--jobs N]
                                           [--sample N] [--english-only] [--profile]

The archive is unpacked into a temporary folder outside the project (or
--work), which also holds the drafts, the PDFs and a cache of wsisc's own, so
that nothing is left up to date from another run. Each figure is printed with
the machine's load at that moment (os.getloadavg): the builds compete with
whatever else runs. Not a test: it asserts nothing; its figures go in the notes
of the issue. Everything it prints is needed to compare two runs.

Steps, each timed:
  1. unpack; import every .xml (wsis20.readers.akn, in a pool of worker processes);
  2. `wsisc build -d out/English drafts/English` as a user runs it (a child process),
     its process tree's memory sampled every 0.1 s;
  3. the same again: nothing to do (every output up to date);
  4. one file at a time: a sample of N drafts, each `wsisc build draft -o x.pdf` in a
     process of its own, and the same N with `wsisc build -j 1 -d` in one process;
     each extrapolated to the whole session;
  5. `wsisc build -d out/all drafts/` over the six languages (unless --english-only);
  6. with --profile: where one draft's time goes (compile, HTML, WeasyPrint's layout,
     the PDF's writing), in-process over the sample.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import ARCHIVE, unpack  # noqa: E402 - after the path is set

LANGUAGES = ("English", "French", "Spanish", "Russian", "Arabic", "Chinese")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def say(text: str) -> None:
    print(text, flush=True)


def import_one(pair: tuple[str, str]) -> tuple[str, bool]:
    from wsis20.diagnostics import has_errors
    from wsis20.readers import reader_for

    xml, draft = pair
    data = Path(xml).read_bytes()
    imported = reader_for(".xml").read(xml, data)
    if imported.text is None or has_errors(imported.diagnostics):
        return xml, False
    Path(draft).write_text(imported.text, encoding="utf-8")
    return xml, True


def import_all(files: list[Path], xml_root: Path, drafts: Path, jobs: int) -> tuple[int, int]:
    pairs = []
    for xml in files:
        draft = drafts / xml.relative_to(xml_root).with_suffix(".wsis")
        draft.parent.mkdir(parents=True, exist_ok=True)
        pairs.append((str(xml), str(draft)))
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(import_one, pairs, chunksize=8))
    good = sum(ok for _, ok in results)
    return good, len(results) - good


def _tree_rss(root: int) -> int:
    """The resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as file:
                fields = file.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))  # field 4: the parent
        rss[int(entry)] = int(fields[21]) * page  # field 24: resident pages
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def wsisc(args: list[str], env: dict[str, str]) -> dict:
    """One wsisc command in a child process: its time, status, standard error, and
    the peak of its process tree's resident memory (sampled every 0.1 s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "wsis20", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, env=env)
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], _tree_rss(process.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    if sys.platform.startswith("linux"):
        sampler.start()
    _, stderr = process.communicate()
    stop.set()
    seconds = time.perf_counter() - started
    if sampler.is_alive():
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers too: the build waits for them
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"seconds": seconds, "status": process.returncode, "stderr": stderr, "peak": peak[0], "cpu": cpu}


_SUMMARY = re.compile(r"wsisc build: (\d+) drafts?: (\d+) built, (\d+) up to date, (\d+) failed")


def summary_of(stderr: str) -> str:
    found = _SUMMARY.findall(stderr)
    if not found:
        return "no summary: " + (stderr.strip().splitlines() or ["(nothing printed)"])[-1]
    total, built, current, failed = found[-1]
    return f"{total} drafts: {built} built, {current} up to date, {failed} failed"


def pages_in(folder: Path) -> tuple[int, int]:
    from pypdf import PdfReader

    files = pages = 0
    for pdf in folder.rglob("*.pdf"):
        files += 1
        pages += len(PdfReader(pdf).pages)
    return files, pages


def sample_of(drafts: list[Path], n: int) -> list[Path]:
    if n >= len(drafts):
        return list(drafts)
    step = len(drafts) / n
    return [drafts[int(i * step)] for i in range(n)]


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def report_build(name: str, run: dict, out: Path) -> tuple[int, int]:
    files, pages = pages_in(out)
    s = run["seconds"]
    say(f"  {name}: {summary_of(run['stderr'])}; exit {run['status']}")
    say(f"    {s:.1f} s; {files} PDFs, {pages} pages; {files / s:.2f} files/s, {pages / s:.1f} pages/s; "
        f"peak memory of the process tree {mib(run['peak'])}; {load()}")
    cores = len(os.sched_getaffinity(0))
    say(f"    CPU time of the build and its workers {run['cpu']:.0f} s ({pages / max(run['cpu'], 1e-9):.1f} pages "
        f"per CPU second): {run['cpu'] / cores:.0f} s of wall time on {cores} idle cores")
    return files, pages


def profile(sample: list[Path]) -> None:
    """Where one draft's time goes, in this process, after a first draft to warm up."""
    import io

    import weasyprint  # loaded before the clock starts, as a worker does
    from pypdf import PdfReader

    from wsis20.pipeline import compile_document
    from wsis20.writers import WriteOptions
    from wsis20.writers import pdf as pdf_writer
    from wsis20.writers.html import render

    totals = {"compile": 0.0, "HTML": 0.0, "layout (WeasyPrint render)": 0.0,
              "drawing, fonts subset, PDF written": 0.0}
    pages = 0
    original_render = weasyprint.HTML.render
    clock = {}

    def timed_render(self, *args, **kwargs):
        start = time.process_time()
        document = original_render(self, *args, **kwargs)
        clock["render"] = time.process_time() - start
        return document

    weasyprint.HTML.render = timed_render
    try:
        for index, draft in enumerate([sample[0], *sample]):
            data = draft.read_bytes()
            t0 = time.process_time()
            compiled = compile_document(str(draft), data, view="negotiation", comments=True)
            t1 = time.process_time()
            render(compiled.document, "negotiation", media="print")
            t2 = time.process_time()
            pdf = pdf_writer.write(compiled.document, "negotiation", WriteOptions(source_dir=draft.parent))
            t3 = time.process_time()
            if index == 0:
                continue  # the warm-up
            totals["compile"] += t1 - t0
            totals["HTML"] += t2 - t1
            totals["layout (WeasyPrint render)"] += clock["render"]
            totals["drawing, fonts subset, PDF written"] += (t3 - t2) - clock["render"] - (t2 - t1)
            pages += len(PdfReader(io.BytesIO(pdf)).pages)
    finally:
        weasyprint.HTML.render = original_render
    whole = sum(totals.values())
    say(f"  profile of {len(sample)} drafts in one process (CPU seconds), {pages} pages; {load()}:")
    for what, seconds in totals.items():
        say(f"    {what:36s} {seconds:6.2f} s  {seconds / whole:5.1%}  {seconds / len(sample) * 1000:6.0f} ms/draft")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE, help=f"the corpus (default {ARCHIVE})")
    parser.add_argument("--work", type=Path, help="where to unpack and build (default: a new temporary folder)")
    parser.add_argument("--jobs", "-j", type=int, default=None, help="wsisc build -j (default: its own, one per core)")
    parser.add_argument("--sample", type=int, default=8, help="drafts built one at a time, to extrapolate (default 8)")
    parser.add_argument("--english-only", action="store_true", help="leave out the six languages")
    parser.add_argument("--profile", action="store_true", help="show where one draft's time goes")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="wsisc-session-"))
    if work.resolve().is_relative_to(ROOT):
        parser.error(f"{work} is inside the project; unpack the corpus elsewhere")
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(work / "cache")}
    os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]
    jobs = ["-j", str(args.jobs)] if args.jobs else []
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True,
                                text=True).stdout.strip()
    except OSError:
        commit = "?"
    from importlib.metadata import version

    say(f"wsisc session benchmark, {time.strftime('%Y-%m-%d %H:%M:%S %Z')}")
    say(f"  commit {commit}")
    say(f"  {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), Python {platform.python_version()}, "
        f"WeasyPrint {version('weasyprint')}, {platform.platform()}; {load()}")
    say(f"  work folder {work}")

    started = time.perf_counter()
    languages = ["English"] if args.english_only else list(LANGUAGES)
    files = unpack(args.archive, work / "xml", languages)
    xml_root = work / "xml" / "ga78" / "78session"
    say(f"\n1. unpacked {len(files)} files in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    good, refused = import_all(files, xml_root, work / "drafts", args.jobs or len(os.sched_getaffinity(0)))
    say(f"   imported {good} drafts ({refused} refused) in {time.perf_counter() - started:.1f} s; {load()}")
    # The parser and templates compiled into the cache once, as on any machine after the first run.
    subprocess.run([sys.executable, "-m", "wsis20", "check", "-q", str(next((work / "drafts").rglob("*.wsis")))],
                   env=env, capture_output=True)

    english = work / "drafts" / "English"
    say("\n2. wsisc build -d out/English drafts/English " + " ".join(jobs))
    first = wsisc(["build", *jobs, "-d", str(work / "out" / "English"), str(english)], env)
    files_en, pages_en = report_build("English", first, work / "out" / "English")
    failed = [line for line in first["stderr"].splitlines() if line.startswith("wsisc build: error")]
    for line in failed[:5]:
        say(f"    {line}")

    say("\n3. the same again, nothing changed")
    again = wsisc(["build", *jobs, "-d", str(work / "out" / "English"), str(english)], env)
    say(f"  {summary_of(again['stderr'])}; {again['seconds']:.2f} s; {load()}")

    drafts = sorted(english.rglob("*.wsis"))
    sample = sample_of(drafts, args.sample)
    say(f"\n4. one file at a time: {len(sample)} of {len(drafts)} drafts")
    each = each_cpu = 0.0
    single = work / "single"
    single.mkdir(exist_ok=True)
    for draft in sample:
        run = wsisc(["build", "-q", str(draft), "-o", str(single / (draft.stem + ".pdf"))], env)
        each += run["seconds"]
        each_cpu += run["cpu"]
    per_process = each / len(sample)
    sample_pages = sum(pages_in_one(single / (d.stem + ".pdf")) for d in sample)
    listed = work / "sample"
    shutil.rmtree(listed, ignore_errors=True)
    one_process = wsisc(["build", "-q", "-j", "1", "-d", str(listed), *map(str, sample)], env)
    per_file_j1 = one_process["seconds"] / len(sample)
    scale = len(drafts) / len(sample)
    session_each, session_j1 = per_process * len(drafts), per_file_j1 * len(drafts)
    say(f"  a process per draft: {per_process:.2f} s a draft ({each_cpu / len(sample):.2f} s CPU; {sample_pages} "
        f"pages in the sample); the session extrapolated: {session_each:.0f} s; {load()}")
    say(f"  one process, -j 1:   {per_file_j1:.2f} s a draft ({one_process['cpu'] / len(sample):.2f} s CPU); "
        f"extrapolated: {session_j1:.0f} s; {load()}")
    say(f"  -d with workers:     {first['seconds'] / max(files_en, 1):.2f} s a draft "
        f"({first['cpu'] / max(files_en, 1):.2f} s CPU); measured: {first['seconds']:.0f} s")
    say(f"  speed-up of build -d over a process per draft: {session_each / first['seconds']:.1f}x; "
        f"of -j 1 over a process per draft (loading once): {session_each / session_j1:.1f}x; "
        f"of the workers over -j 1: {session_j1 / first['seconds']:.1f}x (sample scale {scale:.0f}x)")
    # CPU time moves less than wall time with what else runs on the machine.
    cpu_each, cpu_j1 = each_cpu / len(sample), one_process["cpu"] / len(sample)
    cpu_workers = first["cpu"] / max(files_en, 1)
    cores = len(os.sched_getaffinity(0))
    say(f"  in CPU a draft: {cpu_each:.2f} s a process each, {cpu_j1:.2f} s with -j 1, {cpu_workers:.2f} s in the "
        f"workers: {cpu_each / cpu_workers:.1f}x less; on {cores} idle cores, about "
        f"{cpu_each / cpu_workers * cores:.1f}x faster than a process per draft")

    if not args.english_only:
        say("\n5. wsisc build -d out/all drafts/ (six languages) " + " ".join(jobs))
        everything = wsisc(["build", *jobs, "-d", str(work / "out" / "all"), str(work / "drafts")], env)
        report_build("six languages", everything, work / "out" / "all")
        for language in LANGUAGES:
            folder = work / "out" / "all" / language
            if folder.is_dir():
                n, p = pages_in(folder)
                say(f"    {language:8s} {n:4d} PDFs {p:5d} pages")

    if args.profile:
        say("\n6. where the time goes")
        profile(sample)
        for language in ("Arabic", "Chinese"):
            folder = work / "drafts" / language
            if folder.is_dir():
                say(f"  {language}:")
                profile(sample_of(sorted(folder.rglob("*.wsis")), max(2, args.sample // 2)))

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    say(f"\nlargest single process (getrusage RUSAGE_CHILDREN maxrss): {children.ru_maxrss / 1024:.0f} MiB; "
        f"CPU of all children {children.ru_utime + children.ru_stime:.0f} s; {load()}")
    say(f"English session: {first['seconds']:.1f} s for {files_en} PDFs ({pages_en} pages); aim: under 120 s")
    return 0


def pages_in_one(pdf: Path) -> int:
    from pypdf import PdfReader

    try:
        return len(PdfReader(pdf).pages)
    except Exception:  # noqa: BLE001 - a draft that did not build
        return 0


if __name__ == "__main__":
    sys.exit(main())
