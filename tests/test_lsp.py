"""wsisc lsp, driven as an editor drives it: a child process spoken to over stdio
in JSON-RPC with Content-Length framing, written by hand (no client library that
could share a bug with the server)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from conftest import EXAMPLE, ROOT
from lsp_client import Client

# The extra is part of `test`: a missing pygls fails this module loudly rather than skipping it.
import pygls  # noqa: E402,F401

from wsis20.lsp.positions import code_href, docs_file, utf16_length  # noqa: E402


def expected(text: str, path) -> list[dict]:
    """What `wsisc check --format json` reports for ``text``, in LSP's coordinates."""
    path.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "wsis20", "check", "--format", "json", str(path)],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = text.split("\n")

    def at(line: int, column: int) -> dict:
        return {"line": line - 1, "character": utf16_length(lines[line - 1][:column - 1])}

    return [{"code": d["code"], "severity": 1 if d["severity"] == "error" else 2,
             "range": {"start": at(d["line"], d["column"]), "end": at(d["end_line"], d["end_column"])},
             "related": [{"start": at(r["line"], r["column"]), "end": at(r["end_line"], r["end_column"])}
                         for r in d["related"]]}
            for d in json.loads(result.stdout)["files"][0]["diagnostics"]]


def published(diagnostics: list[dict]) -> list[dict]:
    return [{"code": d["code"], "severity": d["severity"], "range": d["range"],
             "related": [r["location"]["range"] for r in d.get("relatedInformation") or []]}
            for d in diagnostics]


@pytest.fixture
def client():
    c = Client()
    yield c
    if c.process.poll() is None:
        c.process.kill()
        c.process.wait()


def test_the_server_reports_what_check_reports_as_the_draft_changes(client, tmp_path):
    uri = EXAMPLE.as_uri()
    text = EXAMPLE.read_text(encoding="utf-8")
    reply = client.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {}})
    assert reply["result"]["capabilities"]["textDocumentSync"]["change"] == 2  # incremental (a whole text too)
    assert reply["result"]["serverInfo"]["name"] == "wsisc"
    client.notify("initialized", {})

    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "wsis", "version": 1,
                                                            "text": text}})
    first = client.diagnostics(uri, 1)
    assert published(first) == expected(text, tmp_path / "open.wsis")
    assert first and all(d["source"] == "wsisc" for d in first)
    assert {d["code"] for d in first} == {"punctuation", "quotes"}
    if docs_file() is not None:  # a checkout: each code links to its section of the docs, as a file
        assert first[0]["codeDescription"]["href"] == code_href(first[0]["code"])
        assert first[0]["codeDescription"]["href"].startswith("file://")
        assert first[0]["codeDescription"]["href"].endswith("/docs/diagnostics.md#editorial-rules")

    # Paragraph 2 renumbered 1 (a duplicate); paragraph 3 given a character outside the
    # BMP (two UTF-16 units) and Arabic before two straight quotes.
    lines = text.split("\n")
    assert lines[38].startswith("2. ") and lines[40].startswith("3. ")
    lines[38] = "1." + lines[38][2:]
    lines[40] = '3. \U0001D11E \u0645\u0631\u062d\u0628\u0627 "x" ' + lines[40][3:]
    changed = "\n".join(lines)
    started = time.perf_counter()
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": changed}]})
    second = client.diagnostics(uri, 2)
    elapsed = time.perf_counter() - started
    print(f"\nchange to diagnostics on the zero draft: {elapsed * 1000:.0f} ms")
    assert elapsed < 2.0

    assert published(second) == expected(changed, tmp_path / "changed.wsis")
    duplicate = [d for d in second if d["code"] == "duplicate-number"]
    assert len(duplicate) == 1
    assert duplicate[0]["severity"] == 1
    assert duplicate[0]["range"] == {"start": {"line": 38, "character": 0}, "end": {"line": 38, "character": 2}}
    assert duplicate[0]["message"].startswith("paragraph number 1 is already used")
    assert duplicate[0]["relatedInformation"] == [
        {"location": {"uri": uri, "range": {"start": {"line": 36, "character": 0},
                                            "end": {"line": 36, "character": 2}}},
         "message": "1 is first used here"}]
    quotes = [d["range"] for d in second if d["code"] == "quotes" and d["range"]["start"]["line"] == 40]
    # "3. " 3 + the clef 2 units + space 1 + five Arabic letters 5 + space 1 = 12
    assert quotes == [{"start": {"line": 40, "character": 12}, "end": {"line": 40, "character": 13}},
                      {"start": {"line": 40, "character": 14}, "end": {"line": 40, "character": 15}}]

    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []

    assert client.request("shutdown")["result"] is None
    client.notify("exit")
    assert client.process.wait(timeout=10) == 0


def test_a_crash_while_checking_is_logged_and_the_server_keeps_serving(tmp_path):
    """A bug in the compiler on one text: an error in the client's log, no diagnostics
    for that text, and the next text is checked as usual."""
    boom = tmp_path / "boom.py"
    boom.write_text(
        "import sys, wsis20.lsp.draft as s\n"
        "real = s.compile_document\n"
        "def fake(path, data, **kw):\n"
        "    if b'BOOM' in data:\n"
        "        raise RuntimeError('kaboom')\n"
        "    return real(path, data, **kw)\n"
        "s.compile_document = fake\n"
        "from wsis20.cli import main\n"
        "sys.exit(main(['lsp']))\n", encoding="utf-8")
    c = Client((str(boom),))
    try:
        c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        c.notify("initialized", {})
        c.notify("textDocument/didOpen", {"textDocument": {"uri": "file:///tmp/a.wsis", "languageId": "wsis",
                                                           "version": 1, "text": "1. BOOM.\n"}})
        log = c.wait(lambda m: m.get("method") == "window/logMessage")
        assert log["params"]["type"] == 1 and "kaboom" in log["params"]["message"]
        assert c.diagnostics("file:///tmp/a.wsis", 1) == []
        c.notify("textDocument/didOpen", {"textDocument": {"uri": "file:///tmp/b.wsis", "languageId": "wsis",
                                                           "version": 1, "text": "1. a.\n\n1. b.\n"}})
        assert "duplicate-number" in [d["code"] for d in c.diagnostics("file:///tmp/b.wsis", 1)]
        assert c.request("shutdown")["result"] is None
        c.notify("exit")
        assert c.process.wait(timeout=10) == 0
    finally:
        if c.process.poll() is None:
            c.process.kill()


def test_without_the_extra_the_command_says_what_to_install(tmp_path):
    """pygls hidden: `wsisc lsp` exits 2 naming the extra to install."""
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "pygls.py").write_text("raise ImportError('hidden', name='pygls')\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "wsis20", "lsp"], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": f"{hide}{os.pathsep}{ROOT}"})
    assert result.returncode == 2
    assert "install wsisc[lsp]" in result.stderr


def test_positions_count_utf16_units_from_zero():
    from wsis20.lsp.positions import position
    from wsis20.source import SourceFile

    source = SourceFile.from_text("t.wsis", "ab\n\U0001D11E\u0639x\r\nz")
    assert position(source, 0) == (0, 0)
    assert position(source, 4) == (1, 2)  # after the clef: two units
    assert position(source, 5) == (1, 3)  # after one Arabic letter: one unit
    assert position(source, source.text.index("z")) == (2, 0)  # CRLF is one line end, as in LSP
    assert position(source, 1, bom=True) == (0, 2)  # the editor's text keeps the mark decoding dropped
    assert position(source, 4, bom=True) == (1, 2)  # only on the first line


def test_a_byte_order_mark_in_the_editor_does_not_shift_the_first_line():
    from wsis20.lsp.draft import OpenDraft
    from wsis20.lsp.server import diagnose

    found = diagnose(OpenDraft.of("file:///tmp/bom.wsis", "\ufeff1. We \"x\";\n\n2. b.\n"))
    quotes = [d.range for d in found if d.code == "quotes"]
    assert quotes and quotes[0].start.line == 0 and quotes[0].start.character == len("\ufeff1. We ")


def test_an_editor_position_and_an_offset_convert_both_ways():
    from wsis20.lsp.positions import offset, position
    from wsis20.source import SourceFile

    source = SourceFile.from_text("x", "a\U0001F600b\nçd\n")
    for at in range(len(source.text) + 1):
        assert offset(source, *position(source, at)) == at
    assert offset(source, 0, 2) == 2  # inside the surrogate pair: the next character boundary
    assert offset(source, 1, 99) == 6  # past the line's end: its end
    assert offset(source, 9, 0) == len(source.text)
    assert offset(source, 0, 1, bom=True) == 0


def test_an_open_draft_knows_each_paragraphs_number_in_the_clean_view():
    from wsis20.lsp.draft import OpenDraft

    draft = OpenDraft.of(EXAMPLE.as_uri(), EXAMPLE.read_text(encoding="utf-8"))
    numbers = {p.paragraph.num: draft.clean_numbers.get(p.paragraph.span) for p in draft.placed()}
    assert numbers["3bis"] == "4" and numbers["20bis"] == "22" and numbers["A"] == "A"
    line = next(i for i, text in enumerate(draft.text.split("\n")) if text.startswith("3bis.") or
                text.startswith("#+."))
    placed = draft.paragraph_at(draft.offset((line, 0)))
    assert placed is not None and placed.paragraph.span.line == line + 1
