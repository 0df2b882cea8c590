"""The editor support attacked: odd positions, odd texts, line ends, a huge text to
format, the preview's page server spoken to by hostile clients, and random drafts
at random positions through every request's function."""

from __future__ import annotations

import os
import re
import socket
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from lsp_client import Client
from test_fuzz import DOCUMENT
from test_preview import client as started  # the fixture: a server started and initialized

client = started  # the fixture's name, as its tests ask for it

import pygls  # noqa: E402,F401 - the extra is part of `test`: missing, this module fails loudly

from wsis20 import preview as page_server  # noqa: E402
from wsis20.lsp import actions, completion, formatting, navigation, symbols  # noqa: E402
from wsis20.lsp.draft import OpenDraft  # noqa: E402
from wsis20.lsp.positions import utf16_length  # noqa: E402


def open_text(client: Client, text: str, uri: str) -> None:
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "wsis", "version": 1,
                                                            "text": text}})
    client.diagnostics(uri, 1)


def editor_lines(text: str) -> list[str]:
    """The text's lines as an editor counts them (CRLF, CR and LF all end one), with their ends."""
    ended = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)", text)
    return ended + [text[sum(len(line) for line in ended):]]  # the last, after the last line end, maybe empty


def apply(text: str, edits: list[dict]) -> str:
    """Edits as LSP applies them: ranges in the original text, UTF-16 columns, none overlapping."""
    lines = editor_lines(text)

    def offset(position: dict) -> int:
        line = min(position["line"], len(lines))
        units, at, words = 0, 0, lines[line].rstrip("\r\n") if line < len(lines) else ""
        while at < len(words) and units < position["character"]:
            units += 2 if ord(words[at]) > 0xFFFF else 1
            at += 1
        return sum(len(x) for x in lines[:line]) + at

    for change in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                         reverse=True):
        text = text[:offset(change["range"]["start"])] + change["newText"] + text[offset(change["range"]["end"]):]
    return text


# ------------------------------------------------------------- line ends

def test_formatting_a_crlf_draft_writes_crlf_on_the_lines_it_changes(client):
    uri = "file:///tmp/crlf-format.wsis"
    text = "1.   We  decide;\r\n\r\n2. We    also\r\n   decide.\r\n"
    open_text(client, text, uri)
    edits = client.request("textDocument/formatting", {"textDocument": {"uri": uri},
                                                       "options": {"tabSize": 4, "insertSpaces": True}})["result"]
    assert [e["newText"] for e in edits] == ["1. We  decide;\r\n\r\n2. We    also decide.\r\n"]
    assert apply(text, edits) == "1. We  decide;\r\n\r\n2. We    also decide.\r\n"  # no lone \n: no mixed line ends


def test_a_quick_fix_in_a_crlf_draft_writes_crlf(client):
    uri = "file:///tmp/crlf-fix.wsis"
    text = "1. We {>>u: see<<} decide.\r\n"
    open_text(client, text, uri)
    reply = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 8}, "end": {"line": 0, "character": 8}},
        "context": {"diagnostics": [], "only": ["quickfix"]}})
    [declare] = [a for a in reply["result"] if a["title"] == "Declare u under authors"]
    [edit] = declare["edit"]["changes"][uri]
    assert edit["newText"] == '---\r\nauthors:\r\n  u: "..."\r\n---\r\n\r\n'
    assert "\n" not in apply(text, [edit]).replace("\r\n", "")


# ------------------------------------------------------------- a huge text

def test_formatting_a_draft_of_thousands_of_changed_paragraphs_takes_seconds_not_minutes():
    # Before: difflib let every blank line match every other, 300 s for 2,000 paragraphs.
    text = EXAMPLE.read_text(encoding="utf-8") + "\n" + "\n\n".join(
        f"#.   Word {i} more words;" for i in range(1500)) + "\n"
    draft = OpenDraft.of("file:///tmp/huge.wsis", text)
    new = formatting.formatted(draft)
    started = time.monotonic()
    edits = formatting.edits(draft, new)
    assert time.monotonic() - started < 20
    as_dicts = [{"range": {"start": {"line": e.range.start.line, "character": e.range.start.character},
                           "end": {"line": e.range.end.line, "character": e.range.end.character}},
                 "newText": e.new_text} for e in edits]
    assert apply(text, as_dicts) == new
    # The zero draft's own lines are left alone: only the added paragraphs are rewritten.
    first = EXAMPLE.read_text(encoding="utf-8").count("\n") + 1
    assert min(e.range.start.line for e in edits) == first


# ------------------------------------------------------------- the preview

def test_the_preview_of_a_document_not_open_is_refused_and_no_file_is_read(client, tmp_path):
    secret = tmp_path / "secret.wsis"
    secret.write_text("1. The file on disk, never opened in the editor.\n", encoding="utf-8")
    reply = client.request("workspace/executeCommand", {"command": "wsisc.preview",
                                                        "arguments": [secret.as_uri()]})
    assert "result" not in reply or reply["result"] is None
    assert reply["error"]["message"].endswith(f"{secret.as_uri()} is not open in the editor; open it first")
    assert reply["error"]["code"] == -32803


def http(port: int, request: bytes, timeout: float = 5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        return data


@pytest.fixture
def served():
    found = page_server.Served(page_server.Preview("draft.html"), 0)
    found.preview.show(b"<!DOCTYPE html><html><body><p>the draft</p></body></html>")
    yield found
    found.stop()


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1", b"200"), ("localhost:8000", b"200"), ("127.0.0.1:65535", b"200"),
    ("localhost:1@evil.example", b"403"), ("localhost:evil.example", b"403"), ("127.0.0.1:80:evil", b"403"),
    ("evil.example", b"403"), ("localhost.evil.example", b"403"), ("", b"403"),
])
def test_the_page_server_answers_only_a_host_header_that_is_a_local_name_and_a_port(served, host, status):
    port = served.server.server_address[1]
    answer = http(port, f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    assert answer.split(b"\r\n")[0].split(b" ")[1] == status


def test_a_client_that_sends_nothing_or_never_reads_is_let_go(monkeypatch):
    monkeypatch.setattr(page_server, "STALLED", 1.0)
    served = page_server.Served(page_server.Preview("draft.html"), 0)
    try:
        port = served.server.server_address[1]
        idle = socket.create_connection(("127.0.0.1", port), timeout=10)
        assert idle.recv(100) == b""  # closed by the server, after STALLED, not held for good
        idle.close()
        reader = socket.create_connection(("127.0.0.1", port), timeout=10)
        reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        reader.sendall(b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        deadline = time.monotonic() + 20
        while not served.preview._listeners and time.monotonic() < deadline:
            time.sleep(0.05)
        assert served.preview._listeners
        big = b"<!DOCTYPE html><html><body><p>" + b"x" * 1_000_000 + b"</p></body></html>"
        while served.preview._listeners and time.monotonic() < deadline:  # the page never reads
            served.preview.show(big)
            time.sleep(0.2)
        assert not served.preview._listeners  # its stream was ended and its queue let go
        reader.close()
    finally:
        served.stop()


# ------------------------------------------------------------- random drafts, random positions

def in_document(lines: list[str], where) -> bool:
    return 0 <= where.line < len(lines) and 0 <= where.character <= utf16_length(lines[where.line].rstrip("\r\n"))


def check_range(lines: list[str], found) -> None:
    assert in_document(lines, found.start) and in_document(lines, found.end), found
    assert (found.start.line, found.start.character) <= (found.end.line, found.end.character), found


def contains(outer, inner) -> bool:
    return ((outer.start.line, outer.start.character) <= (inner.start.line, inner.start.character)
            and (inner.end.line, inner.end.character) <= (outer.end.line, outer.end.character))


def check_symbol(lines: list[str], symbol) -> int:
    check_range(lines, symbol.range)
    check_range(lines, symbol.selection_range)
    assert contains(symbol.range, symbol.selection_range), symbol
    for child in symbol.children or []:
        assert contains(symbol.range, child.range), (symbol, child)
    return 1 + sum(check_symbol(lines, child) for child in symbol.children or [])


ODD_TEXTS = st.sampled_from(["", "bom", "crlf", "cr", "astral", "surrogate"])


def oddly(text: str, how: str) -> str:
    if how == "bom":
        return "\ufeff" + text
    if how == "crlf":
        return text.replace("\n", "\r\n")
    if how == "cr":
        return text.replace("\n", "\r")
    if how == "astral":
        return text.replace("the", "t\U0001F600he").replace("{@", "\U0001F600{@")
    if how == "surrogate":
        return text.replace("the", "th\udc80e", 1).replace("W", "\ud800", 1)
    return text


@settings(max_examples=int(os.environ.get("WSISC_FUZZ_EXAMPLES", "60")), deadline=None,
          derandomize=int(os.environ.get("WSISC_FUZZ_EXAMPLES", "60")) <= 100,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(DOCUMENT, ODD_TEXTS, st.lists(st.tuples(st.integers(-2, 40), st.integers(-3, 120)), min_size=1, max_size=5))
def test_every_request_at_random_positions_of_random_drafts_answers_inside_the_document(text, how, positions):
    text = oddly(text, how)
    draft = OpenDraft.of("file:///tmp/random.wsis", text)
    lines = editor_lines(text)
    for symbol in symbols.document_symbols(draft):
        check_symbol(lines, symbol)
    symbols.flat_symbols(draft)
    for fold in symbols.folding_ranges(draft):
        assert 0 <= fold.start_line < fold.end_line < len(lines), fold
    new = formatting.formatted(draft)
    if not isinstance(new, formatting.Refusal):
        for edit in formatting.edits(draft, new):
            check_range(lines, edit.range)
    for line, character in positions:
        at = draft.offset((line, character))
        assert 0 <= at <= len(draft.source.text)
        found = navigation.hover(draft, at)
        if found is not None:
            check_range(lines, found.range)
        for location in navigation.definition(draft, at) + navigation.references(draft, at, True):
            check_range(lines, location.range)
        prepared = navigation.prepare_rename(draft, at)
        if prepared is not None:
            check_range(lines, prepared.range)
            for edit in navigation.rename(draft, at, "renamed").changes[draft.uri]:
                check_range(lines, edit.range)
        for item in completion.complete(draft, line, character):
            check_range(lines, item.text_edit.range)
        end = draft.offset((line + 1, 0))
        for action in actions.actions(draft, min(at, end), max(at, end)):
            for edit in action.edits:
                check_range(lines, symbols.span_range(draft, edit.span))
            assert all(a.span.end <= b.span.start for a, b in zip(action.edits, action.edits[1:])), action


def test_a_uri_the_editor_has_not_opened_is_refused_not_read_from_disk(tmp_path):
    """pygls reads a URI it does not hold from disk: a client naming any file would get
    its contents back in symbols or formatting edits. Every request on a text that is
    not open (never opened, or closed) is refused with a message, and no crash is logged."""
    secret = tmp_path / "secret.wsis"
    secret.write_text("1. The secret words of another file.\n", encoding="utf-8")
    c = Client()
    try:
        c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        c.notify("initialized", {})
        opened = (tmp_path / "open.wsis").as_uri()
        open_text(c, "1. We act.\n", opened)
        c.notify("textDocument/didClose", {"textDocument": {"uri": opened}})
        where = {"line": 0, "character": 1}
        for uri in (secret.as_uri(), opened):
            for method, params in (
                    ("textDocument/documentSymbol", {}), ("textDocument/foldingRange", {}),
                    ("textDocument/formatting", {"options": {"tabSize": 2, "insertSpaces": True}}),
                    ("textDocument/hover", {"position": where}), ("textDocument/completion", {"position": where}),
                    ("textDocument/definition", {"position": where}),
                    ("textDocument/references", {"position": where, "context": {"includeDeclaration": True}}),
                    ("textDocument/codeAction", {"range": {"start": where, "end": where},
                                                 "context": {"diagnostics": []}})):
                reply = c.request(method, {"textDocument": {"uri": uri}, **params})
                assert reply.get("error", {}).get("code") == -32803, (method, uri, reply)
                assert "is not open in the editor" in reply["error"]["message"]
                assert "secret words" not in str(reply)
        # the server answered each as a refusal: nothing logged as an internal error
        c.notify("textDocument/didOpen", {"textDocument": {"uri": opened, "languageId": "wsis", "version": 2,
                                                           "text": "1. We act.\n"}})
        c.diagnostics(opened, 2)
        logged = []
        while not c.messages.empty():
            message = c.messages.get()
            if message.get("method") == "window/logMessage":
                logged.append(message["params"]["message"])
        assert not [m for m in logged if "internal error" in m], logged
        assert c.request("shutdown")["result"] is None
    finally:
        if c.process.poll() is None:
            c.process.kill()
