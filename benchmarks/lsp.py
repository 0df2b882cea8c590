"""How long an editor waits for diagnostics after a change, on the zero draft.

    make bench-lsp        # or: .venv/bin/python benchmarks/lsp.py [--changes N]

Drives the real server (`wsisc lsp`) over stdio as an editor does, and times each
change from the moment its didChange is written to the moment the publishDiagnostics
for that version is read: once with the quiet time switched off (diagnosticDelay 0:
the check and the transport alone), once with the default quiet time (what a drafter
sees), each with incremental and with whole-text changes. The edits are made at
places spread through the draft: the front matter, the preamble, the operative part,
the last paragraph; a character typed, one deleted, a paragraph renumbered, a new
paragraph. Then where the time goes in-process: compile_document's parse and checks,
and the conversion to LSP diagnostics. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "wsis20-zero-draft.wsis"
URI = EXAMPLE.as_uri()


class Server:
    """`wsisc lsp` in a child process; every message it sends, with the time it was read."""

    def __init__(self, options: dict):
        self.process = subprocess.Popen([sys.executable, "-m", "wsis20", "lsp"], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        env={**os.environ, "PYTHONPATH": str(ROOT)})
        self.inbox: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.call("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {},
                                 "initializationOptions": options})
        self.send("initialized", {})

    def _read(self) -> None:
        out = self.process.stdout
        while header := out.readline():
            size = int(header.split(b":")[1])
            while out.readline().strip():
                pass
            message = json.loads(out.read(size))
            self.inbox.put((time.perf_counter(), message))

    def send(self, method: str, params: dict, id: int | None = None) -> float:
        """Write one message; the time just before it was written."""
        body = json.dumps({"jsonrpc": "2.0", "method": method, "params": params,
                           **({"id": id} if id is not None else {})}).encode()
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()
        return sent

    def until(self, wanted) -> tuple[float, dict]:
        while True:
            at, message = self.inbox.get(timeout=60)
            if wanted(message):
                return at, message

    def call(self, method: str, params: dict | None) -> dict:
        self.send(method, params, id=1)
        return self.until(lambda m: m.get("id") == 1)[1]

    def published(self, version: int) -> float:
        return self.until(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"].get("version") == version)[0]

    def stop(self) -> None:
        self.call("shutdown", None)
        self.send("exit", {})
        self.process.wait(timeout=20)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def edits(text: str, count: int) -> list[tuple[int, int]]:
    """``count`` edits as (line, kind): the front matter's title and ten numbered
    paragraphs from first to last in turn, and the four kinds of change_for in turn."""
    lines = text.split("\n")
    numbered = [i for i, line in enumerate(lines) if line[:1].isdigit() and ". " in line[:8]]
    places = [next(i for i, line in enumerate(lines) if line.startswith("title:"))]
    places += [numbered[round(k * (len(numbered) - 1) / 9)] for k in range(10)]
    return [(places[n % len(places)], n % 4) for n in range(count)]


def change_for(lines: list[str], line: int, kind: int) -> list[tuple[dict, list[str]]]:
    """The change (as LSP sends it) with the lines after it, then its undoing: a character
    typed, one deleted, the paragraph renumbered 1, or a new paragraph before it."""
    text = lines[line]
    done = list(lines)
    if kind == 0:  # a character typed at the end of the line, then deleted
        at = utf16(text)
        done[line] = text + "x"
        there = {"start": {"line": line, "character": at}, "end": {"line": line, "character": at}}
        back = {"start": {"line": line, "character": at}, "end": {"line": line, "character": at + 1}}
        return [({"range": there, "text": "x"}, done), ({"range": back, "text": ""}, list(lines))]
    if kind == 1:  # a character deleted in the middle of the line, then typed again
        middle = len(text) // 2
        at = utf16(text[:middle])
        width = utf16(text[middle])
        done[line] = text[:middle] + text[middle + 1:]
        gone = {"start": {"line": line, "character": at}, "end": {"line": line, "character": at + width}}
        there = {"start": {"line": line, "character": at}, "end": {"line": line, "character": at}}
        return [({"range": gone, "text": ""}, done), ({"range": there, "text": text[middle]}, list(lines))]
    if kind == 2:  # the paragraph's number replaced by 1 (a duplicate), then put back
        number = text.split(".", 1)[0] if text[:1].isdigit() else text[:1]
        done[line] = "1" + text[len(number):]
        span = {"start": {"line": line, "character": 0}, "end": {"line": line, "character": utf16(number)}}
        again = {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}
        return [({"range": span, "text": "1"}, done), ({"range": again, "text": number}, list(lines))]
    # a new paragraph before the line, then taken out
    new = "#+. Decides to act on the plan;"
    done[line:line] = [new, ""]
    at = {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}
    out = {"start": {"line": line, "character": 0}, "end": {"line": line + 2, "character": 0}}
    return [({"range": at, "text": new + "\n\n"}, done), ({"range": out, "text": ""}, list(lines))]


def session(options: dict, whole: bool, count: int) -> list[float]:
    """Milliseconds from each didChange to its diagnostics, one change at a time."""
    text = EXAMPLE.read_text(encoding="utf-8")
    server = Server(options)
    server.send("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "wsis", "version": 1,
                                                          "text": text}})
    server.published(1)
    lines = text.split("\n")
    version = 1
    times = []
    for line, kind in edits(text, count):
        for change, after in change_for(lines, line, kind):
            version += 1
            sent = server.send("textDocument/didChange", {"textDocument": {"uri": URI, "version": version},
                                                          "contentChanges": [{"text": "\n".join(after)}
                                                                             if whole else change]})
            times.append((server.published(version) - sent) * 1000)
            lines = after
    server.stop()
    return times


def burst(options: dict, keys: int = 5, gap: float = 0.02, rounds: int = 10) -> list[float]:
    """Milliseconds from the last of ``keys`` keystrokes ``gap`` seconds apart to its diagnostics."""
    text = EXAMPLE.read_text(encoding="utf-8")
    server = Server(options)
    server.send("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "wsis", "version": 1,
                                                          "text": text}})
    server.published(1)
    line = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("3. ")))
    version, times = 1, []
    for _ in range(rounds):
        for n in range(keys):
            version += 1
            where = {"line": line, "character": 3 + n}
            sent = server.send("textDocument/didChange", {"textDocument": {"uri": URI, "version": version},
                                                          "contentChanges": [{"range": {"start": where, "end": where},
                                                                              "text": "z"}]})
            time.sleep(gap if n < keys - 1 else 0)
        times.append((server.published(version) - sent) * 1000)
        version += 1
        gone = {"start": {"line": line, "character": 3}, "end": {"line": line, "character": 3 + keys}}
        server.send("textDocument/didChange", {"textDocument": {"uri": URI, "version": version},
                                               "contentChanges": [{"range": gone, "text": ""}]})
        server.published(version)
    server.stop()
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return (f"median {statistics.median(ordered):6.1f}  p90 {p90:6.1f}  max {ordered[-1]:6.1f} ms"
            f"  ({len(ordered)} changes)")


def in_process(runs: int = 30) -> list[tuple[str, float]]:
    """Median milliseconds of each step of a check of the zero draft, in this process."""
    from wsis20.lsp.draft import OpenDraft
    from wsis20.lsp.server import diagnose
    from wsis20.parse import parse
    from wsis20.pipeline import compile_document
    from wsis20.source import SourceFile
    from wsis20.transforms.checks import run_checks
    from wsis20.transforms.views import CHECK_PASSES, apply_view

    data = EXAMPLE.read_bytes()
    text = data.decode("utf-8")
    source = SourceFile.from_bytes(str(EXAMPLE), data)
    document, _ = parse(source)
    negotiated, _ = apply_view(document, "negotiation", only=CHECK_PASSES)
    draft = OpenDraft.of(URI, text)
    steps = [("compile_document (all of a check)", lambda: compile_document(str(EXAMPLE), data, view=None)),
             ("  parse (blocks, Lark, AST)", lambda: parse(source)),
             ("  numbering and references", lambda: apply_view(document, "negotiation", only=CHECK_PASSES)),
             ("  checks", lambda: run_checks(negotiated, source)),
             ("OpenDraft.of (compile + positions)", lambda: OpenDraft.of(URI, text)),
             ("diagnose (to LSP diagnostics)", lambda: diagnose(draft))]
    found = []
    for name, step in steps:
        step()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            step()
            times.append((time.perf_counter() - start) * 1000)
        found.append((name, statistics.median(times)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=60, help="edits per measurement, each undone too "
                        "(so twice as many changes are timed)")
    args = parser.parse_args()
    from wsis20.lsp.server import DELAY

    load = os.getloadavg()[0]
    print(f"wsisc lsp on {EXAMPLE.name} ({EXAMPLE.stat().st_size:,} bytes), {os.cpu_count()} cores, "
          f"load average {load:.1f} at the start")
    print("\nchange -> publishDiagnostics, as the client sees it:")
    for label, options, whole in (("no quiet time, incremental change", {"diagnosticDelay": 0}, False),
                                  ("no quiet time, whole text", {"diagnosticDelay": 0}, True),
                                  (f"quiet time {DELAY * 1000:g} ms (default), incremental", {}, False),
                                  (f"quiet time {DELAY * 1000:g} ms (default), whole text", {}, True)):
        print(f"  {label:44} {summary(session(options, whole, args.changes))}")
    print(f"  {'5 keys 20 ms apart, from the last (default)':44} {summary(burst({}))}")
    print("\nin-process, median of 30:")
    for name, ms in in_process():
        print(f"  {name:44} {ms:6.2f} ms")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
