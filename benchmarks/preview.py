"""Benchmark the live preview: from a save (or an edit in the editor) to the page.

    .venv/bin/python benchmarks/preview.py [--runs 20] [--only watch|lsp]

watch: `wsisc watch` on a copy of the zero draft, serving the HTML on a free port. Each
run saves the draft with one new word and measures, from the moment before the write,

- built: until the watcher prints that it rebuilt (the server's side: file event and build);
- page: until the page has the new word, as its script gets it. With /events (server-sent
  events), the time to the event that carries the new page. Without it (the preview before
  server-sent events), as the page's script did: it asks /__build every 700 ms, at a phase
  the save does not know, and loads the page again when the number changes.

lsp: `wsisc lsp`, the draft open in it, `wsisc.preview` asked for the page; each run sends the
editor's text with one new word (didChange), and measures until the page event that has it
(edit-to-page); then a `wsisc/cursor` notification until the scroll event (cursor-to-page).

Medians of --runs runs, with the slowest. Not a test: it asserts nothing; its numbers go in
docs/editors.md and the issue's notes.
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' hand-written clients: one copy of each

from lsp_client import Client  # noqa: E402
from sse_client import Events  # noqa: E402

EXAMPLE = ROOT / "examples" / "wsis20-zero-draft.wsis"
ANCHOR = "We reaffirm our common desire"  # paragraph 1 of the example
PAGE_POLL = 0.7  # the page's poll before server-sent events


def edited(text: str, word: str) -> str:
    return text.replace(ANCHOR, f"We reaffirm {word} our common desire", 1)


def get(url: str) -> bytes:
    return urllib.request.urlopen(url, timeout=10).read()


def has_events(url: str) -> bool:
    try:
        events = Events(url, timeout=5)
    except OSError:
        return False
    try:
        return events.response.status == 200
    finally:
        events.close()


def summary(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    return f"{name:<22} median {statistics.median(ms):6.0f} ms   fastest {ms[0]:5.0f}   slowest {ms[-1]:5.0f}   ({len(ms)} runs)"


def bench_watch(runs: int) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="wsisc-preview-bench-"))
    draft, page = folder / "d.wsis", folder / "d.html"
    text = EXAMPLE.read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen([sys.executable, "-m", "wsis20", "watch", str(draft), "-o", str(page), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    lines: queue.Queue = queue.Queue()

    def read():
        for line in proc.stdout:
            lines.put((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()

    def next_line(contains: str) -> float:
        while True:
            when, line = lines.get(timeout=30)
            if contains in line:
                return when

    try:
        _, line = lines.get(timeout=30)
        url = line.split()[3]
        next_line("] built")
        sse = has_events(url)
        events = Events(url) if sse else None
        built, seen = [], []
        for run in range(runs):
            time.sleep(random.uniform(0.3, 0.8))  # distinct time stamps, and any phase of the page's poll
            word = f"Preview{run}x{random.randrange(10**6)}"
            before = get(url + "__build") if not sse else None
            start = time.perf_counter()
            draft.write_text(edited(text, word), encoding="utf-8")
            if sse:
                events.wait("page", lambda data: word in data["html"], timeout=30)
                seen.append(time.perf_counter() - start)
            else:
                # The page's script: a poll every 700 ms, from a phase unknown to the save.
                tick = start + random.uniform(0, PAGE_POLL)
                while True:
                    time.sleep(max(0.0, tick - time.perf_counter()))
                    if get(url + "__build") != before and word.encode() in get(url):
                        seen.append(time.perf_counter() - start)
                        break
                    tick += PAGE_POLL
            built.append(next_line("] built") - start)
        if events is not None:
            events.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    how = "server-sent events" if sse else f"page polls every {PAGE_POLL * 1000:.0f} ms"
    return [f"wsisc watch ({how}):", summary("save -> built", built), summary("save -> page", seen)]


def bench_lsp(runs: int) -> list[str]:
    client = Client()
    try:
        uri = EXAMPLE.as_uri()
        text = EXAMPLE.read_text(encoding="utf-8")
        client.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {}})
        client.notify("initialized", {})
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "wsis", "version": 1,
                                                                "text": text}})
        url = client.request("workspace/executeCommand", {"command": "wsisc.preview", "arguments": [uri]})["result"]
        events = Events(url)
        lines = text.split("\n")
        # Two paragraphs the cursor moves between (not the first, which each edit changes).
        places = [(next(n for n, t in enumerate(lines) if t.startswith(marker)), eid)
                  for marker, eid in (("3. ", "para_3"), ("3bis. ", "para_3bis"))]
        seen, scrolled = [], []
        for run in range(runs):
            time.sleep(random.uniform(0.1, 0.3))
            word = f"Edit{run}x{random.randrange(10**6)}"
            start = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": run + 2},
                                                     "contentChanges": [{"text": edited(text, word)}]})
            events.wait("page", lambda data: word in data["html"], timeout=30)
            seen.append(time.perf_counter() - start)
            where, eid = places[run % 2]  # paragraph 3, then 3bis: each run a move
            start = time.perf_counter()
            client.notify("wsisc/cursor", {"uri": uri, "position": {"line": where, "character": 3}})
            events.wait("scroll", lambda data: data["eid"] == eid, timeout=30)
            scrolled.append(time.perf_counter() - start)
        events.close()
    finally:
        client.process.kill()
        client.process.wait()
    return ["wsisc lsp (wsisc.preview):", summary("edit -> page", seen), summary("cursor -> scroll", scrolled)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", choices=("watch", "lsp"))
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, the zero draft ({EXAMPLE.stat().st_size} bytes)")
    if args.only in (None, "watch"):
        print("\n".join(bench_watch(args.runs)))
    if args.only in (None, "lsp"):
        print("\n".join(bench_lsp(args.runs)))


if __name__ == "__main__":
    main()
