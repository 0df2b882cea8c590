"""wsisc lsp under load and abuse: diagnostics debounced as the drafter types and never
older than the text, incremental changes applied as LSP counts lines and characters, a
crash in one handler answered and survived, fuzzed drafts, and no file written.

Driven over stdio with tests/lsp_client.py, as an editor drives the server."""

from __future__ import annotations

import json
import os
import re
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, ROOT
from lsp_client import Client
from test_fuzz import DOCUMENT

# The extra is part of `test`: a missing pygls fails this module loudly rather than skipping it.
from pygls.protocol import default_converter  # noqa: E402

from wsis20.lsp.draft import OpenDraft  # noqa: E402
from wsis20.lsp.server import DELAY, diagnose  # noqa: E402

CONVERTER = default_converter()
PUBLISH = "textDocument/publishDiagnostics"


# ------------------------------------------------------------- the client's side


class Session:
    """A server process and every message it sent, in order (Client.wait drops what it skips)."""

    def __init__(self, argv: tuple[str, ...] = ("-m", "wsis20", "lsp"), cwd=None, env=None, options=None,
                 capabilities=None):
        self.client = Client(argv) if cwd is None else Client(argv, cwd=cwd, env=env)
        self.seen: list[dict] = []
        self.stderr: list[bytes] = []
        # Drained, so that a traceback pygls prints cannot fill the pipe and stop the server.
        threading.Thread(target=lambda: self.stderr.append(self.client.process.stderr.read()), daemon=True).start()
        reply = self.request("initialize", {"processId": os.getpid(), "rootUri": None,
                                            "capabilities": capabilities or {}, "initializationOptions": options})
        self.capabilities = reply["result"]["capabilities"]
        self.notify("initialized", {})

    def send(self, message: dict) -> None:
        self.client.send(message, ascii=True)  # texts with lone surrogates are sent too

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None = None, timeout: float = 20.0) -> dict:
        self.client.next_id += 1
        wanted = self.client.next_id
        self.send({"id": wanted, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == wanted and "method" not in m, timeout)

    def wait(self, wanted, timeout: float = 20.0) -> dict:
        def record(message):
            self.seen.append(message)
            return wanted(message)
        return self.client.wait(record, timeout)

    def published(self, uri: str, version: int, timeout: float = 20.0) -> dict:
        return self.wait(lambda m: m.get("method") == PUBLISH and m["params"]["uri"] == uri
                         and m["params"].get("version") == version, timeout)["params"]

    def log_since(self, start: int) -> dict:
        """The first window/logMessage since ``self.seen[start]``, waiting for it if need be;
        and no second one (each crash is logged once)."""
        logs = [m for m in self.seen[start:] if m.get("method") == "window/logMessage"]
        found = logs[0] if logs else self.wait(lambda m: m.get("method") == "window/logMessage")
        assert self.request("wsisc/none")["error"]["code"] == -32601  # a round trip: the log had time to come
        assert [m for m in self.seen[start:] if m.get("method") == "window/logMessage"] == [found]
        return found["params"]

    def versions(self, uri: str) -> list[int | None]:
        """The versions published for ``uri`` so far, in the order they came."""
        return [m["params"].get("version") for m in self.seen
                if m.get("method") == PUBLISH and m["params"]["uri"] == uri]

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "wsis", "version": version,
                                                              "text": text}})

    def change(self, uri: str, version: int, *changes: dict) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": list(changes)})

    def close(self) -> int:
        assert self.request("shutdown")["result"] is None
        self.notify("exit", None)
        return self.client.process.wait(timeout=20)

    def kill(self) -> None:
        if self.client.process.poll() is None:
            self.client.process.kill()
            self.client.process.wait()


@pytest.fixture
def session():
    opened: list[Session] = []

    def start(**kwargs) -> Session:
        opened.append(Session(**kwargs))
        return opened[-1]
    yield start
    for s in opened:
        s.kill()


def lsp_position(text: str, at: int) -> dict:
    """The LSP position of the offset ``at`` in ``text``, counted here on its own
    (lines end at \\r\\n, \\r, \\n; characters are UTF-16 units), not by the server's code."""
    before = text[:at]
    ends = list(re.finditer(r"\r\n|\r|\n", before))
    start = ends[-1].end() if ends else 0
    return {"line": len(ends), "character": len(before[start:].encode("utf-16-le", "surrogatepass")) // 2}


def boundary(text: str, at: int) -> int:
    """``at``, moved off the middle of a \\r\\n, where no LSP position is."""
    return at - 1 if 0 < at < len(text) and text[at - 1] == "\r" and text[at] == "\n" else at


def edit(text: str, start: int, end: int, new: str) -> tuple[str, dict]:
    """The text after replacing ``text[start:end]`` by ``new``, and the change an editor sends for it."""
    start, end = boundary(text, start), boundary(text, end)
    change = {"range": {"start": lsp_position(text, start), "end": lsp_position(text, end)}, "text": new}
    return text[:start] + new + text[end:], change


def in_process(uri: str, text: str) -> list[dict]:
    """What the server should publish for ``text``: OpenDraft's diagnostics, as JSON."""
    return CONVERTER.unstructure(diagnose(OpenDraft.of(uri, text)))


# ------------------------------------------------------------- incremental sync


# A text where pygls's own way of applying a change (str.splitlines) would go wrong: a
# Word line break (U+000B) and a line separator (U+2028) inside lines, CR-only and CRLF
# line ends, a byte-order mark, characters outside the BMP (two UTF-16 units) and Arabic.
AWKWARD = ("\ufeff1. We \U0001D11E decide\x0bthat \u0645\u0631\u062d\u0628\u0627 the States;\r\n\r\n"
           "2. Further\u2028decides \U0001F600 to act;\r\r3. Notes the plan;\n")


def test_the_server_announces_incremental_sync_and_utf16_positions(session):
    s = session(capabilities={"general": {"positionEncodings": ["utf-8", "utf-32"]}})
    assert s.capabilities["textDocumentSync"]["change"] == 2  # incremental
    assert s.capabilities["textDocumentSync"]["save"] is not False
    # Only UTF-16, which every client must support (LSP 3.17): OpenDraft counts in it.
    assert s.capabilities["positionEncoding"] == "utf-16"
    s.open("file:///tmp/p.wsis", '1. \U0001F600 "x";\n')
    quotes = [d["range"]["start"]["character"] for d in s.published("file:///tmp/p.wsis", 1)["diagnostics"]
              if d["code"] == "quotes"]
    assert quotes == [6, 8]  # "1. " 3 + the emoji 2 + space 1
    assert s.close() == 0


def test_incremental_edits_give_the_diagnostics_of_the_same_text_opened_whole(session):
    s = session(options={"diagnosticDelay": 0})
    uri, whole = "file:///tmp/edited.wsis", "file:///tmp/whole.wsis"
    text = AWKWARD
    s.open(uri, text)
    assert s.published(uri, 1)["diagnostics"] == in_process(uri, text)
    # Each edit right after a character that str.splitlines takes for a line end, or
    # after a character of two UTF-16 units: placed wrong, it breaks or moves a diagnostic.
    edits = [(text.index("that"), text.index("that") + 4, '"this"'),  # after U+000B: two straight quotes
             (text.index("decides"), text.index("decides"), "1. "),  # after U+2028
             (text.index(" to act"), text.index(" to act") + 1, " \U0001D11E  "),  # after an emoji: a doubled space
             (text.index("3. Notes"), text.index("3. Notes") + 2, "2."),  # after CR-only ends: a duplicate
             (0, 1, ""),  # the byte-order mark taken out
             (len(text), len(text), "\r\n4. Appends \u062d\u0628 the end.")]
    version = 1
    # Offsets into the original text, applied from the last: each stays where it was meant.
    for start, end, new in sorted(edits, reverse=True):
        text, change = edit(text, start, end, new)
        version += 1
        s.change(uri, version, change)
        last = s.published(uri, version)["diagnostics"]
        assert last == in_process(uri, text), (version, repr(text))
    s.open(whole, text)
    opened = s.published(whole, 1)["diagnostics"]
    assert json.loads(json.dumps(opened).replace(whole, uri)) == last
    codes = sorted(d["code"] for d in opened)
    assert codes.count("quotes") == 2 and "doubled-space" in codes and "duplicate-number" in codes
    assert s.close() == 0


def test_several_changes_in_one_notification_and_a_whole_text_among_them(session):
    s = session(options={"diagnosticDelay": 0})
    uri = "file:///tmp/many.wsis"
    s.open(uri, AWKWARD)
    text, first = edit(AWKWARD, 1, 3, "7.")
    text, second = edit(text, len(text), len(text), "\n8. More \U0001F600 text;\n")
    s.change(uri, 2, first, second)
    assert s.published(uri, 2)["diagnostics"] == in_process(uri, text)
    # A whole text, then a change to it: "1." and "1." become "2." and "1.".
    s.change(uri, 3, {"text": "1. Whole;\n\n1. again;\n"}, edit("1. Whole;\n\n1. again;\n", 0, 1, "2")[1])
    third = s.published(uri, 3)["diagnostics"]
    assert third == in_process(uri, "2. Whole;\n\n1. again;\n")
    assert "duplicate-number" not in [d["code"] for d in third]
    assert s.close() == 0


# ------------------------------------------------------------- debounced diagnostics


def test_a_burst_of_changes_is_checked_once_after_the_quiet_time_and_never_out_of_order(session):
    s = session(options={"diagnosticDelay": 400})
    uri = EXAMPLE.as_uri()
    text = EXAMPLE.read_text(encoding="utf-8")
    started = time.perf_counter()
    s.open(uri, text)
    s.published(uri, 1)
    opened = time.perf_counter() - started
    # Five keystrokes, each well inside the quiet time of the one before.
    at = text.index("2. ")
    sent = time.perf_counter()
    for version, character in enumerate("Draft", start=2):
        text, change = edit(text, at, at, character)
        at += 1
        s.change(uri, version, change)
    last = s.published(uri, 6)
    waited = time.perf_counter() - sent
    assert last["diagnostics"] == in_process(uri, text)
    time.sleep(0.5)  # longer than the quiet time: a check left pending would have run by now
    s.request("wsisc/none")  # and what it published has come before this answer
    assert s.versions(uri) == [1, 6]  # 2..5 were put off by the next change, then dropped
    assert waited >= 0.4  # the quiet time after the last change, at least
    assert opened < 10  # opening checks at once, not after a quiet time (generous: a busy machine)
    assert s.close() == 0


def test_opening_and_saving_check_at_once_and_a_save_replaces_the_check_to_come(session):
    s = session(options={"diagnosticDelay": 10_000})  # ten seconds: a check after the quiet time would be late
    uri = "file:///tmp/saved.wsis"
    started = time.perf_counter()
    s.open(uri, "1. We decide.\n")
    assert s.published(uri, 1, timeout=8)["diagnostics"] == []
    text, change = edit("1. We decide.\n", 12, 13, ";")  # the last paragraph ends with ";": a warning
    s.change(uri, 2, change)
    s.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    saved = s.published(uri, 2, timeout=8)
    assert saved["diagnostics"] == in_process(uri, text) and saved["diagnostics"]
    assert time.perf_counter() - started < 8
    # The check the change had put off was cancelled: nothing more comes for version 2.
    s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert s.published(uri, None)["diagnostics"] == []
    assert s.versions(uri) == [1, 2, None]
    assert s.close() == 0


def test_the_quiet_time_has_a_default_and_a_wrong_option_is_named(session):
    assert 0.03 <= DELAY <= 0.15
    s = session(options={"diagnosticDelay": "soon"})
    # Logged while initializing, before the answer to `initialize`.
    logs = [m["params"] for m in s.seen if m.get("method") == "window/logMessage"]
    assert [log["type"] for log in logs] == [2]
    assert "diagnosticDelay must be a number of milliseconds from 0 to 10000, not 'soon'" in logs[0]["message"]
    s.open("file:///tmp/d.wsis", "1. a;\n\n1. b.\n")
    s.change("file:///tmp/d.wsis", 2, edit("1. a;\n\n1. b.\n", 7, 8, "2")[1])  # the duplicate 1 made 2
    assert s.published("file:///tmp/d.wsis", 2)["diagnostics"] == []
    assert s.close() == 0


# ------------------------------------------------------------- a crash answered and survived


CRASHING = """\
import asyncio, sys
import wsis20.lsp.server as server_module

real = server_module.make_server
real_check_now = server_module.WsiscServer.check_now

def check_now(self, uri):
    if "crash" in uri:
        raise ZeroDivisionError("kaboom in a notification")
    real_check_now(self, uri)

server_module.WsiscServer.check_now = check_now

def make_server():
    server = real()

    @server.feature("wsisc/sync")
    def crash_sync(ls, params):
        if params.fail:
            raise RuntimeError("kaboom in a plain handler")
        return "sync answered"

    @server.feature("wsisc/async")
    async def crash_async(ls, params):
        await asyncio.sleep(0)
        if params.fail:
            raise KeyError("kaboom in a coroutine")
        return "async answered"

    @server.feature("wsisc/thread")
    @server.thread()
    def crash_thread(ls, params):
        if params.fail:
            raise ValueError("kaboom in a thread")
        return "thread answered"

    @server.command("wsisc.crash")
    def crash_command(ls, arguments):
        raise OSError("kaboom in a command")

    return server

server_module.make_server = make_server
from wsis20.cli import main
sys.exit(main(["lsp"]))
"""


def test_a_crash_in_a_request_answers_it_with_an_error_and_the_next_is_answered(session, tmp_path):
    """The real server, with three requests that fail on demand (a plain handler, a
    coroutine, one run in a thread), made by make_server's own decorator as every
    feature module's handlers are; and a check that fails on a text named "crash"."""
    script = tmp_path / "crashing.py"
    script.write_text(CRASHING, encoding="utf-8")
    s = session(argv=(str(script),))
    for method, kind, words in (("wsisc/sync", "RuntimeError", "kaboom in a plain handler"),
                                ("wsisc/async", "KeyError", "kaboom in a coroutine"),
                                ("wsisc/thread", "ValueError", "kaboom in a thread")):
        start = len(s.seen)
        failed = s.request(method, {"fail": True})
        assert "result" not in failed
        assert failed["error"]["code"] == -32603  # JSON-RPC's Internal Error
        assert kind in failed["error"]["message"] and words in failed["error"]["message"]
        log = s.log_since(start)
        assert log["type"] == 1
        assert log["message"].startswith(f"wsisc: internal error in {method}: {kind}")
        assert "Traceback (most recent call last)" in log["message"] and words in log["message"]
        assert s.request(method, {"fail": False})["result"] == method.split("/")[1] + " answered"
    start = len(s.seen)
    failed = s.request("workspace/executeCommand", {"command": "wsisc.crash", "arguments": []})
    assert failed["error"]["code"] == -32603 and "kaboom in a command" in failed["error"]["message"]
    assert s.log_since(start)["message"].startswith("wsisc: internal error in wsisc.crash: OSError")
    # A change to a text that is not open: a warning, nothing else.
    start = len(s.seen)
    s.change("file:///tmp/never-opened.wsis", 2, {"text": "1. a."})
    log = s.log_since(start)
    assert log["type"] == 2 and "file:///tmp/never-opened.wsis, which is not open, ignored" in log["message"]
    # A notification whose handler fails: logged, no answer (there is none to give), and
    # the server goes on: the next text is checked.
    start = len(s.seen)
    s.open("file:///tmp/crash.wsis", "1. a;\n")
    log = s.log_since(start)
    assert log["type"] == 1
    assert log["message"].startswith("wsisc: internal error in textDocument/didOpen: ZeroDivisionError")
    s.open("file:///tmp/after.wsis", "1. a;\n\n1. b.\n")
    assert [d["code"] for d in s.published("file:///tmp/after.wsis", 1)["diagnostics"]] == ["duplicate-number"]
    assert s.request("wsisc/sync", {"fail": False})["result"] == "sync answered"
    assert s.close() == 0


# ------------------------------------------------------------- fuzzed drafts through one server

EXAMPLES = int(os.environ.get("WSISC_FUZZ_EXAMPLES", "100"))

# What editors hold and files seldom do: NUL, a lone surrogate (an editor's UTF-16 text may
# have one; it has no UTF-8), CR-only line ends, a byte-order mark, characters outside the BMP,
# Word's line break and the line separator, and lines of 100,000 and 6,000 characters.
HOSTILE = st.sampled_from(["\x00", "\ud800", "\udfff", "\r", "\r\n", "\ufeff", "\U0001D11E", "\U0001F600x",
                           "\x0b", "\u2028", "\u0085", '"', "\n\n1. ", "\n\n", "x" * 100_000,
                           "We " * 2_000])  # a line with a thousand doubled words: a thousand diagnostics
SNIPPET = st.one_of(HOSTILE, st.text(max_size=20), st.sampled_from(["{++EU: x++}", "{--", "#.", "3bis. ", "\n---\n"]))


@st.composite
def hostile(draw) -> str:
    text = draw(DOCUMENT)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(HOSTILE) + text[at:]
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r", "\r\n", "\n"])))
    return draw(st.sampled_from(["", "", "\ufeff"])) + text


@st.composite
def edits(draw, text: str) -> list[tuple[int, int, str]]:
    """One to three changes, as offsets into the text each applies to."""
    found = []
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        new = draw(SNIPPET)
        found.append((start, end, new))
        text = text[:start] + new + text[end:]
    return found


def test_the_server_survives_fuzzed_drafts_and_publishes_each_for_its_version(session):
    s = session()  # the default quiet time: changes sent at once are checked once, last version only
    counter = iter(range(10**9))

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(text=hostile(), data=st.data())
    def one(text, data):
        uri = f"file:///tmp/fuzz/{next(counter)}.wsis"
        s.open(uri, text)
        assert s.published(uri, 1)["diagnostics"] == in_process(uri, text), repr(text)
        version = 1
        for start, end, new in data.draw(edits(text)):
            text, change = edit(text, start, end, new)
            version += 1
            s.change(uri, version, change)
        assert s.published(uri, version)["diagnostics"] == in_process(uri, text), repr(text)
        s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        s.published(uri, None)
        published = s.versions(uri)
        # Open, at most the versions between (a burst is checked once), the last, then the close.
        assert published[0] == 1 and published[-2:] == [version, None]
        assert published[:-1] == sorted(published[:-1])

    one()
    assert s.request("shutdown")["result"] is None  # still alive, still answering
    s.notify("exit", None)
    assert s.client.process.wait(timeout=20) == 0
    assert not any(m.get("method") == "window/logMessage" and m["params"]["type"] == 1 for m in s.seen)


# ------------------------------------------------------------- no file written


def listing(*folders) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``folders``: its size and modification time."""
    found = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            for name in dirs + files:
                path = os.path.join(root, name)
                info = os.lstat(path)
                found[path] = (info.st_size, info.st_mtime_ns)
        found[str(folder)] = (0, os.lstat(folder).st_mtime_ns)
    return found


# The requests an editor sends on a text, whichever features are registered: one that is not
# is answered MethodNotFound; one that is does its work, which must write nothing either.
def requests_on(uri: str) -> list[tuple[str, dict]]:
    doc = {"uri": uri}
    at = {"textDocument": doc, "position": {"line": 40, "character": 4}}
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": 60, "character": 0}}
    return [("textDocument/hover", at), ("textDocument/completion", at), ("textDocument/definition", at),
            ("textDocument/references", {**at, "context": {"includeDeclaration": True}}),
            ("textDocument/documentSymbol", {"textDocument": doc}),
            ("textDocument/foldingRange", {"textDocument": doc}),
            ("textDocument/documentLink", {"textDocument": doc}),
            ("textDocument/formatting", {"textDocument": doc, "options": {"tabSize": 4, "insertSpaces": True}}),
            ("textDocument/rangeFormatting", {"textDocument": doc, "range": whole,
                                              "options": {"tabSize": 4, "insertSpaces": True}}),
            ("textDocument/codeAction", {"textDocument": doc, "range": whole, "context": {"diagnostics": []}}),
            ("textDocument/prepareRename", at),
            ("textDocument/rename", {**at, "newName": "3ter"}),
            ("textDocument/semanticTokens/full", {"textDocument": doc}),
            ("textDocument/inlayHint", {"textDocument": doc, "range": whole}),
            ("textDocument/documentHighlight", at), ("textDocument/signatureHelp", at),
            ("textDocument/diagnostic", {"textDocument": doc}),
            ("workspace/symbol", {"query": "Geneva"})]


def test_a_session_writes_no_file(session, tmp_path):
    """Cwd and the draft in a read-only folder, an empty cache folder: after a session
    with every notification and request, nothing there is created or changed. (As
    root, the folder's mode stops nothing: the listing before and after is the proof.)"""
    work = tmp_path / "work"
    work.mkdir()
    draft = work / "draft.wsis"
    draft.write_bytes(EXAMPLE.read_bytes())
    # A front matter changed as the drafter types would each leave a cache entry, were any written.
    cache, home = tmp_path / "cache", tmp_path / "home"
    cache.mkdir(mode=0o700)
    home.mkdir()
    work.chmod(0o555)
    draft.chmod(0o444)
    before = listing(work, cache, home)
    try:
        s = session(cwd=work, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(home),
                                   "XDG_CACHE_HOME": str(cache)}, options={"diagnosticDelay": 0})
        uri = draft.as_uri()
        text = draft.read_text(encoding="utf-8")
        s.open(uri, text)
        s.published(uri, 1)
        version = 1
        title = text.index("title:")
        for at, new in ((title + 6, " Revised"), (title + 6, " X"), (text.index("2. "), "3bis. New;\n\n")):
            text, change = edit(text, at, at, new)
            version += 1
            s.change(uri, version, change)
            assert s.published(uri, version)["diagnostics"] == in_process(uri, text)
        s.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        s.published(uri, version)
        for method, params in requests_on(uri):
            reply = s.request(method, params)
            # MethodNotFound, or a refusal that says why (a rename off a label: RequestFailed)
            assert "result" in reply or reply["error"]["code"] in (-32601, -32803), (method, reply)
        s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert s.close() == 0
        assert listing(work, cache, home) == before
        assert list(cache.iterdir()) == []
    finally:
        work.chmod(0o755)


def test_an_undecodable_text_is_reported_where_the_editor_shows_it():
    """A lone surrogate (no UTF-8 of its own) after characters of two and three bytes:
    the diagnostic counts characters, not bytes, and CR-only lines."""
    found = diagnose(OpenDraft.of("file:///tmp/u.wsis", "1. a;\r\r2. \u00e9\U0001F600 \ud800 x;\n"))
    assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == [("encoding", 2, 7)]


def test_a_line_of_100000_characters_with_16667_diagnostics_is_published_in_seconds(session):
    """Each diagnostic's position once counted the UTF-16 units of its line from the
    start, and found the docs' file on disk: minutes for this line."""
    s = session()
    uri = "file:///tmp/long.wsis"
    text = "We " * 33_334
    started = time.perf_counter()
    s.open(uri, text)
    found = s.published(uri, 1, timeout=60)["diagnostics"]
    assert time.perf_counter() - started < 30  # about 3 s here; generous for a busy machine
    assert len(found) == 16_667 and {d["code"] for d in found} == {"doubled-word"}
    assert found[-1]["range"] == {"start": {"line": 0, "character": 99_996}, "end": {"line": 0, "character": 100_001}}
    assert s.close() == 0


@pytest.mark.parametrize("text", [AWKWARD, AWKWARD.replace("\r", ""), "", "\n", "a\n", "\U0001F600\n\nx",
                                  EXAMPLE.read_text(encoding="utf-8")[:3000] + "\U0001D11E end"])
def test_an_editor_position_is_found_in_the_editors_own_text(text):
    """positions.text_offset (with its quicker way for a text without CR) against the
    positions counted here, at every offset; and past a line's end or the text's."""
    from wsis20.lsp.positions import text_offset

    for at in range(len(text) + 1):
        if boundary(text, at) == at:
            where = lsp_position(text, at)
            assert text_offset(text, where["line"], where["character"]) == at, (text, at)
    lines = re.split(r"\r\n|\r|\n", text)
    assert text_offset(text, 0, 10**6) == len(lines[0])
    assert text_offset(text, len(lines), 0) == len(text)
    assert text_offset(text, -1, 5) == 0
