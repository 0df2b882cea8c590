"""`wsisc build -d OUT FOLDER...`: a whole session at once, in worker processes.

Small drafts and two workers, so that the tests stay quick; the long run over
the 78th session is benchmarks/session.py (make session), not a test.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import child_env, wsisc

from wsis20.commands.build import Job, build_safely

_SUMMARY = re.compile(r"wsisc build: (\d+) drafts?: (\d+) built, (\d+) up to date, (\d+) failed")


def counts(result) -> tuple[int, int, int, int]:
    """(drafts, built, up to date, failed) from the summary line."""
    found = _SUMMARY.findall(result.stderr)
    assert len(found) == 1, result.stderr
    return tuple(int(n) for n in found[0])


def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (folder / "a.wsis").write_text("1. Decides alpha.\n", encoding="utf-8")
    (folder / "b.wsis").write_text("1. Decides bravo.\n", encoding="utf-8")
    (folder / "sub" / "c.wsis").write_text("1. Decides charlie.\n", encoding="utf-8")
    (folder / ".hidden" / "x.wsis").write_text("1. Decides never.\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a draft", encoding="utf-8")
    return folder


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_folder_builds_its_tree_and_each_pdf_is_the_one_file_build(tmp_path):
    folder, out = drafts(tmp_path), tmp_path / "out"
    result = wsisc("build", "-j", "2", "-d", out, folder)
    assert result.returncode == 0, result.stderr
    assert files_in(out) == ["a.pdf", "b.pdf", "sub/c.pdf"]  # hidden folders and other files left out
    assert counts(result) == (3, 3, 0, 0)
    assert "Traceback" not in result.stderr and "\r" not in result.stderr  # no progress line off a terminal
    # The worker's PDF is the one-file build's, byte for byte (both dated from the draft: reproducible).
    single = wsisc("build", folder / "sub" / "c.wsis", "-o", tmp_path / "c.pdf")
    assert single.returncode == 0, single.stderr
    assert (out / "sub" / "c.pdf").read_bytes() == (tmp_path / "c.pdf").read_bytes()
    # Files and folders mixed, to another format: names from the sources.
    html = wsisc("build", "-j", "2", "-d", tmp_path / "html", folder / "a.wsis", folder / "sub", "--format", "html")
    assert html.returncode == 0, html.stderr
    assert files_in(tmp_path / "html") == ["a.html", "c.html"]


def test_one_broken_draft_is_reported_and_the_others_are_built(tmp_path):
    folder, out = drafts(tmp_path), tmp_path / "out"
    (folder / "broken.wsis").write_text("1. Decides *alpha.\n", encoding="utf-8")
    result = wsisc("build", "-j", "2", "-d", out, folder, "--format", "html")
    assert result.returncode == 1
    assert f"{folder / 'broken.wsis'}:1:12: error:" in result.stderr and "[unterminated]" in result.stderr
    assert "not writing" in result.stderr and "Traceback" not in result.stderr
    assert files_in(out) == ["a.html", "b.html", "sub/c.html"]
    assert counts(result) == (4, 3, 0, 1)
    # A broken draft never replaces its last good output.
    (folder / "a.wsis").write_text("1. Decides [alpha.\n", encoding="utf-8")
    before = (out / "a.html").read_bytes()
    again = wsisc("build", "-j", "2", "-d", out, folder, "--format", "html")
    assert again.returncode == 1 and (out / "a.html").read_bytes() == before
    assert counts(again) == (4, 0, 2, 2)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_nothing_is_rebuilt_unless_its_source_or_options_changed(tmp_path):
    folder, out = drafts(tmp_path), tmp_path / "out"
    first = wsisc("build", "-j", "2", "-d", out, folder)
    assert first.returncode == 0 and counts(first) == (3, 3, 0, 0), first.stderr
    built = mtimes(out)
    second = wsisc("build", "-j", "2", "-d", out, folder)
    assert second.returncode == 0 and counts(second) == (3, 0, 3, 0), second.stderr
    assert mtimes(out) == built
    # One source changed: that one alone. Its modification time alone changed: nothing.
    (folder / "b.wsis").write_text("1. Decides bravo again.\n", encoding="utf-8")
    os.utime(folder / "a.wsis")
    third = wsisc("build", "-j", "2", "-d", out, folder)
    assert counts(third) == (3, 1, 2, 0), third.stderr
    now = mtimes(out)
    assert now["b.pdf"] != built["b.pdf"] and {k: now[k] for k in ("a.pdf", "sub/c.pdf")} == \
        {k: built[k] for k in ("a.pdf", "sub/c.pdf")}
    # An output removed or edited by hand is built again.
    (out / "a.pdf").unlink()
    (out / "sub" / "c.pdf").write_bytes(b"edited")
    fourth = wsisc("build", "-j", "2", "-d", out, folder)
    assert counts(fourth) == (3, 2, 1, 0) and (out / "sub" / "c.pdf").read_bytes().startswith(b"%PDF")
    # Another option: every output is another file.
    letter = wsisc("build", "-j", "2", "-d", out, folder, "--paper", "letter")
    assert counts(letter) == (3, 3, 0, 0), letter.stderr
    assert counts(wsisc("build", "-j", "2", "-d", out, folder, "--paper", "letter")) == (3, 0, 3, 0)
    # --force builds them all.
    assert counts(wsisc("build", "-d", out, folder, "--paper", "letter", "--force")) == (3, 3, 0, 0)


def test_a_logo_changed_rebuilds_the_draft_that_shows_it(tmp_path):
    folder, out = drafts(tmp_path), tmp_path / "out"
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
           b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")
    (folder / "logo.png").write_bytes(png)
    (folder / "a.wsis").write_text("---\nlogo: logo.png\n---\n1. Decides alpha.\n", encoding="utf-8")
    assert counts(wsisc("build", "-j", "2", "-d", out, folder, "--format", "html")) == (3, 3, 0, 0)
    (folder / "logo.png").write_bytes(png + b"\x00")
    assert counts(wsisc("build", "-j", "2", "-d", out, folder, "--format", "html")) == (3, 1, 2, 0)


def test_two_drafts_with_one_output_name_are_refused(tmp_path):
    for language in ("en", "fr"):
        (tmp_path / language).mkdir()
        (tmp_path / language / "draft.wsis").write_text("1. Decides.\n", encoding="utf-8")
    result = wsisc("build", "-d", tmp_path / "out", tmp_path / "en", tmp_path / "fr")
    assert result.returncode == 2
    assert "would both be written to" in result.stderr and str(tmp_path / "fr" / "draft.wsis") in result.stderr
    assert not (tmp_path / "out").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    none = wsisc("build", "-d", tmp_path / "out", empty)
    assert none.returncode == 2 and "no drafts" in none.stderr
    assert wsisc("build", "-j", "0", "-d", tmp_path / "out", tmp_path / "en").returncode == 2


def test_a_writer_that_raises_fails_its_draft_with_a_message(tmp_path):
    """build_safely, which each worker runs: an exception in a writer is this
    draft's error, with its name, not a traceback that stops the session. (A
    view no command line can ask for makes the writer raise.)"""
    source = tmp_path / "a.wsis"
    source.write_text("1. Decides.\n", encoding="utf-8")
    job = Job(str(source), source.read_bytes(), tmp_path / "a.html", "html", "no-such-view", True, "a4")
    outcome = build_safely(job)
    assert not outcome.written and outcome.internal and not (tmp_path / "a.html").exists()
    assert outcome.problem.startswith(f"{source}: internal error while building {tmp_path / 'a.html'}")
    assert "please report it" in outcome.problem and outcome.job.data == b""
    assert "Traceback" not in outcome.problem and "Traceback" in build_safely(job, debug=True).problem


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def long_drafts(folder: Path, names: list[str], paragraphs: int = 300) -> None:
    folder.mkdir(exist_ok=True)
    text = "".join(f"{n}. Decides to consider the matter at its next session, under item {n};\n\n"
                   for n in range(1, paragraphs))
    for name in names:
        (folder / f"{name}.wsis").write_text(text + f"{paragraphs}. Decides.\n", encoding="utf-8")


def start_build(*args) -> tuple[subprocess.Popen, list[int]]:
    """A build in a child process, once its two workers have started."""
    process = subprocess.Popen([sys.executable, "-m", "wsis20", "build", "-j", "2", *map(str, args)],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=child_env())
    deadline = time.monotonic() + 60
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(process.pid)
    assert len(workers) == 2
    return process, workers


def test_ctrl_c_lets_the_drafts_being_built_finish_and_builds_no_more(tmp_path):
    folder, out = tmp_path / "drafts", tmp_path / "out"
    long_drafts(folder, [f"d{n}" for n in range(4)], paragraphs=150)
    process, workers = start_build("-d", out, folder)
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130 and "Traceback" not in stderr, stderr
    assert "wsisc build: interrupted: 2 built, 0 failed, 2 not built" in stderr
    assert files_in(out) == ["d0.pdf", "d1.pdf"]  # the two being built, finished whole; no temporary file
    assert all((out / name).read_bytes().rstrip().endswith(b"%%EOF") for name in ("d0.pdf", "d1.pdf"))
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
    again = wsisc("build", "-j", "2", "-d", out, folder, "--format", "pdf")
    assert counts(again) == (4, 2, 2, 0)  # what was finished is recorded as up to date


def test_a_worker_killed_mid_draft_fails_that_draft_and_the_session_goes_on(tmp_path):
    """A worker that dies (the kernel's out-of-memory killer, a crash in a C
    library: here SIGKILL) is that draft's diagnostic; a new worker builds the
    rest, and no half-written file is left."""
    if not Path("/proc/self/task").is_dir():
        raise AssertionError("this test reads /proc (Linux)")
    folder, out = tmp_path / "drafts", tmp_path / "out"
    long_drafts(folder, ["a-long", "b-long"])
    (folder / "c-short.wsis").write_text("1. Decides.\n", encoding="utf-8")
    process, workers = start_build("-d", out, folder)
    # Each worker was handed its draft as it started: it is loading the writers, or laying
    # out 300 paragraphs (seconds), when it is killed.
    time.sleep(0.3)
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 3, stderr  # an internal failure, not the drafts' fault
    assert "Traceback" not in stderr
    for name in ("a-long", "b-long"):
        assert f"{folder / name}.wsis: the worker process building it was killed (SIGKILL)" in stderr
    assert files_in(out) == ["c-short.pdf"]  # the rest built by a new worker; nothing half-written
    assert "3 drafts: 1 built, 0 up to date, 2 failed" in stderr


def test_the_workers_end_when_their_parent_is_killed(tmp_path):
    """`kill -9` of the build leaves no worker behind: each sees its pipe close."""
    folder = tmp_path / "drafts"
    long_drafts(folder, [f"d{n}" for n in range(4)], paragraphs=100)
    process, workers = start_build("-d", tmp_path / "out", folder)
    process.kill()
    process.communicate(timeout=60)
    deadline = time.monotonic() + 60
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)


def test_on_a_terminal_one_progress_line_is_rewritten(tmp_path):
    import pty

    folder, out = drafts(tmp_path), tmp_path / "out"
    (folder / "broken.wsis").write_text("1. Decides *alpha.\n", encoding="utf-8")
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "wsis20", "build", "-j", "2", "-d", str(out), str(folder)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower, env=child_env())
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 1
    text = shown.decode("utf-8", "replace")
    assert "\r\x1b[Kwsisc build: 4/4 done, 1 failed" in text
    assert re.search(r"\r\x1b\[Kwsisc build: [123]/4 done", text)
    # The line is cleared before a diagnostic, which starts at the left margin.
    assert f"\r\x1b[K{folder / 'broken.wsis'}:1:12: error:" in text
    assert "4 drafts: 3 built, 0 up to date, 1 failed" in text
    quiet = wsisc("build", "-q", "-j", "2", "-d", tmp_path / "quiet", folder)
    assert quiet.returncode == 1 and "drafts:" not in quiet.stderr and "[unterminated]" in quiet.stderr
