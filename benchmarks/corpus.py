"""The long run over a whole session: every Akoma Ntoso file imported, checked,
formatted and built, with the count of each outcome and the reasons for the rest.

    make corpus                   # English; CORPUS=archive.tar.xz LANGUAGES=all CORPUS_DIR=/tmp/ga78
    .venv/bin/python benchmarks/corpus.py [--archive ga78-akn.tar.xz] [--work DIR] [--languages English,French|all]

The archive is unpacked into a temporary folder outside the project (or
--work), where the drafts and their HTML stay for a look afterwards. Each file
goes through the commands as a user runs them (`wsisc import`, `check`,
`fmt --check`, `build -o x.html`, then `build -o x.xml` and `import` of that
again, which must give the same draft), in this process, so the run takes minutes,
not the start-up of a thousand processes. Not a test: it asserts nothing; its
figures go in the notes of the issues that change the importer.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import re
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wsis20.cli import main as wsisc  # noqa: E402 - after the path is set

ARCHIVE = ROOT.parent / "shared" / "corpus" / "ga78-akn.tar.xz"  # beside the project, where make corpus looks
_PARTICULARS = re.compile(r"`[^`]*`|'[^'\s]*'|\([a-z]+\)|\d+")  # quoted words, labels, numbers: one reason, many places
_DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (error|warning): (.*) \[([\w-]+)\]$", re.MULTILINE)


def run(*args: str) -> tuple[int, str]:
    """A wsisc command in this process: its exit status and what it printed (check prints its
    diagnostics on standard output, the others on standard error)."""
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed), contextlib.redirect_stdout(printed):
        status = wsisc(list(args))
    return status, printed.getvalue()


def reasons(stderr: str, severity: str = "error") -> list[str]:
    """The codes and messages of the diagnostics of one severity, numbers and quotes evened out."""
    found = []
    for kind, message, code in _DIAGNOSTIC.findall(stderr):
        if kind == severity:
            found.append(f"{code}: " + _PARTICULARS.sub("…", message))
    return found or [stderr.strip().splitlines()[-1] if stderr.strip() else "no message"]


def unpack(archive: Path, work: Path, languages: list[str] | None) -> list[Path]:
    with tarfile.open(archive, "r:xz") as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".xml")
                   and (languages is None or Path(m.name).parent.name in languages)]
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(work, members=members, filter="data")
        else:  # regular files only (above); refuse names that leave the folder, as the filter would
            if any(Path(m.name).is_absolute() or ".." in Path(m.name).parts for m in members):
                raise SystemExit(f"{archive}: a member's name leaves the folder; not unpacked")
            tar.extractall(work, members=members)
    return sorted(work / m.name for m in members)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE, help=f"the corpus (default {ARCHIVE})")
    parser.add_argument("--work", type=Path, help="where to unpack and write (default: a new temporary folder)")
    parser.add_argument("--languages", default="English",
                        help="folders of the archive, with commas, or `all` (default English)")
    args = parser.parse_args()
    languages = None if args.languages == "all" else args.languages.split(",")
    work = args.work or Path(tempfile.mkdtemp(prefix="wsisc-corpus-"))
    if work.resolve().is_relative_to(ROOT):
        parser.error(f"{work} is inside the project; unpack the corpus elsewhere")
    work.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    files = unpack(args.archive, work, languages)
    unpacked = time.perf_counter() - started
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    why: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    seconds: collections.Counter = collections.Counter()
    examples: dict[tuple[str, str], str] = {}

    def outcome(stage: str, ok: bool, name: str, stderr: str = "", severity: str = "error") -> None:
        counts[stage]["ok" if ok else "failed"] += 1
        if not ok:
            found = ["would reformat"] if "would reformat" in stderr else reasons(stderr, severity)
            for reason in sorted(set(found)):
                why[stage][reason] += 1
                examples.setdefault((stage, reason), name)

    for xml in files:
        name = f"{xml.parent.name}/{xml.name}"
        draft, html = xml.with_suffix(".wsis"), xml.with_suffix(".html")
        clock = time.perf_counter()
        status, stderr = run("import", str(xml), "-o", str(draft), "--force")
        seconds["import"] += time.perf_counter() - clock
        outcome("import", status == 0, name, stderr)
        if status != 0:
            continue
        if "warning:" in stderr:
            counts["import warnings"]["files"] += 1
            for reason in set(reasons(stderr, "warning")):
                why["import warnings"][reason] += 1
                examples.setdefault(("import warnings", reason), name)
        imported = draft.read_bytes()  # what the round trip below must give again
        clock = time.perf_counter()
        status, stderr = run("check", str(draft))
        seconds["check"] += time.perf_counter() - clock
        outcome("check (no errors)", status == 0, name, stderr)
        for code in {code for kind, _, code in _DIAGNOSTIC.findall(stderr) if kind == "warning"}:
            stage = f"check warnings (files with each), {xml.parent.name}"
            why[stage][code] += 1
            examples.setdefault((stage, code), name)
        clock = time.perf_counter()
        status, stderr = run("fmt", "--check", str(draft))
        seconds["fmt --check"] += time.perf_counter() - clock
        outcome("fmt --check (canonical)", status == 0, name, stderr)
        clock = time.perf_counter()
        status, stderr = run("build", "-q", str(draft), "-o", str(html))
        seconds["build HTML"] += time.perf_counter() - clock
        outcome("build HTML", status == 0, name, stderr)
        if status != 0:
            continue
        # The draft exported as Akoma Ntoso and imported again is the same draft, to the byte.
        exported, again = xml.with_suffix(".wsisc.xml"), xml.with_suffix(".again.wsis")
        clock = time.perf_counter()
        status, stderr = run("build", "-q", str(draft), "-o", str(exported))
        if status == 0:
            status, stderr = run("import", str(exported), "-o", str(again), "--force")
        seconds["AKN round trip"] += time.perf_counter() - clock
        same = status == 0 and again.read_bytes() == imported
        outcome("AKN round trip (build -o .xml, import: the same draft)", same, name,
                stderr if status else "not the same draft")

    total = time.perf_counter() - started
    print(f"{len(files)} files ({args.languages}) from {args.archive}, unpacked in {work}")
    for stage in [*counts, *(stage for stage in why if stage not in counts)]:
        print(f"\n{stage}: " + ", ".join(f"{n} {what}" for what, n in counts[stage].most_common()))
        for reason, n in why[stage].most_common():
            print(f"  {n:4d}  {reason}  (e.g. {examples[(stage, reason)]})")
    print(f"\ntime: {total:.1f} s in all (unpacking {unpacked:.1f} s, "
          + ", ".join(f"{stage} {s:.1f} s" for stage, s in seconds.items()) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
