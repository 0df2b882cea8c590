"""The live preview: `wsisc watch` and the language server push each new page, or the
diagnostics of a draft that does not build, to the open page as server-sent events
(/events), and the language server scrolls the page to the paragraph under the cursor.
Driven as a browser and an editor drive them: a raw HTTP client on the event stream
(tests/sse_client.py) and the hand-written JSON-RPC client (tests/lsp_client.py)."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.parse

import pytest

from conftest import EXAMPLE, ROOT, child_env
from lsp_client import Client
from sse_client import Events
from test_watch import next_build, served_url, serving, watching

from wsis20 import preview
from wsis20.lsp.draft import OpenDraft
from wsis20.lsp.preview import eid_at, first_change

ITALIC_NOT_CLOSED = "1:7: error: italic text opened with `*` is not closed before the end of the paragraph [unterminated]"


def raw_get(url: str, path: str, host: str | None = None) -> tuple[int, bytes]:
    """GET ``path`` exactly as written (no client tidies `..` away)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host} if host else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def listening_addresses(port: int) -> set[str]:
    """The local addresses a TCP socket listens on at ``port``, from the kernel's own table."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as lines:
            next(lines)
            for line in lines:
                local, _, state = line.split()[1:4]
                address, _, hex_port = local.partition(":")
                if int(hex_port, 16) == port and state == "0A":  # LISTEN
                    found.add(address)
    return found


# ------------------------------------------------------------------ wsisc watch

def test_watch_pushes_each_save_and_the_diagnostics_of_a_broken_one(tmp_path):
    draft, out = tmp_path / "d.wsis", tmp_path / "d.html"
    draft.write_text("1. We decide.\n", encoding="utf-8")
    with watching(draft, "-o", out, "--port", "0") as proc:
        url = served_url(proc)
        assert "] built" in next_build(proc)[-1]
        page = raw_get(url, "/")[1].decode()
        assert "We decide." in page and "new EventSource('/events?run=" in page
        assert "var build=1;" in page  # the page knows which build it shows
        events = Events(url)  # no `since`: the page it has not seen comes first
        first = events.wait("page", timeout=10)
        assert first["build"] == 1 and "We decide." in first["html"]
        assert "wsisc preview" not in first["html"]  # the page as built; the script is the served copy's

        started = time.monotonic()
        draft.write_text("1. We decide again.\n", encoding="utf-8")
        again = events.wait("page", timeout=10)
        assert time.monotonic() - started < 10
        assert again["build"] == 2 and "We decide again." in again["html"]
        assert again["html"] == out.read_text(encoding="utf-8")  # the file written, as it is

        draft.write_text("1. We *decide <script>alert(1)</script>.\n", encoding="utf-8")
        failed = events.wait("diagnostics", timeout=10)
        assert failed["build"] == 3
        assert failed["headline"] == "1 error, 0 warnings in 1 file"
        assert f"{draft}:{ITALIC_NOT_CLOSED}" in failed["report"]
        panel = failed["panel"]
        assert panel.startswith('<div id="wsisc-watch-failure"') and "not rebuilt at" in panel
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel and "<script>" not in panel
        assert "We decide again." in out.read_text(encoding="utf-8")  # the last good page stays

        draft.write_text("1. We decide at last.\n", encoding="utf-8")
        assert "We decide at last." in events.wait("page", timeout=10)["html"]
        events.close()


def test_a_save_in_place_is_built_once_written_not_while_empty(tmp_path):
    # An editor that saves in place empties the file first, then writes it (VS Code, Python's
    # write_text); a watcher that looks in between must not build and show the empty draft.
    with serving(tmp_path, "1. We decide.\n") as watched:
        events = Events(watched.url)
        assert "We decide." in events.wait("page", timeout=10)["html"]
        with open(watched.draft, "w", encoding="utf-8") as saving:
            saving.flush()
            time.sleep(0.5)  # the watcher sees the emptied file: 30 ms of quiet, and more
            saving.write("1. We decide again.\n")
        after = events.wait("page", timeout=10)
        assert after["build"] == 2 and "We decide again." in after["html"]
        assert "] built" in next_build(watched.proc)[-1]
        events.close()


def test_watch_serves_only_the_page_and_its_events_on_127_0_0_1(tmp_path):
    draft, out = tmp_path / "d.wsis", tmp_path / "d.html"
    draft.write_text("1. We decide.\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the page", encoding="utf-8")
    with watching(draft, "-o", out, "--port", "0") as proc:
        url = served_url(proc)
        next_build(proc)
        port = urllib.parse.urlsplit(url).port
        assert url == f"http://127.0.0.1:{port}/"
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and no other address
        assert raw_get(url, "/")[0] == 200 and raw_get(url, "/d.html")[0] == 200
        for path in ("/../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/d.wsis", "/secret.txt",
                     "/events/../secret.txt", "//etc/passwd", "/__build"):
            status, body = raw_get(url, path)
            assert status == 404, path
            assert b"not for the page" not in body and b"We decide" not in body
        assert raw_get(url, "/events", host="attacker.example")[0] == 403  # DNS rebinding
        # The icon a browser asks for on its own: nothing, but no 404 (an error in the page's console).
        assert raw_get(url, "/favicon.ico") == (204, b"")


# ------------------------------------------------------------ the server in itself

def test_a_page_gets_what_it_has_not_seen_then_each_event_once():
    shown = preview.Preview("d.html")
    served = preview.Served(shown, 0)
    try:
        assert served.server.server_address[0] == "127.0.0.1"
        shown.show(b"<html><body><p>one</p></body></html>")
        shown.show(b"<html><body><p>two</p></body></html>")
        events = Events(served.url, "/events?since=2")  # a page served at build 2 has it already
        shown.scroll("para_3")
        shown.scroll("para_3")  # the same paragraph: said once
        shown.fail("1 error, 0 warnings in 1 file", "d.wsis:1:1: error: <b>")
        assert events.next() == ("scroll", '{"eid": "para_3"}')
        name, data = events.next()
        assert name == "diagnostics" and '"build": 3' in data and "&lt;b&gt;" in data
        page = shown.page().decode()
        assert "<p>two</p>" in page and "var build=3;" in page and "d.wsis:1:1: error: &lt;b&gt;" in page
        late = Events(served.url, "/events?since=1")  # an older page: the last good one, the failure, the place
        assert late.wait("page", timeout=5) == {"build": 3, "html": "<html><body><p>two</p></body></html>"}
        assert late.wait("diagnostics", timeout=5)["report"] == "d.wsis:1:1: error: <b>"
        assert late.wait("scroll", timeout=5) == {"eid": "para_3"}
        # A page served by an earlier run of the server (a restarted `wsisc watch`), at its own
        # build 3 and with the browser's Last-Event-ID: it has seen nothing of this run.
        assert f"new EventSource('/events?run={shown.run}&since='+build)" in page
        other = Events(served.url, "/events?run=0ther000&since=3")
        assert other.wait("page", timeout=5)["html"] == "<html><body><p>two</p></body></html>"
        same = Events(served.url, f"/events?run={shown.run}&since=3")
        shown.scroll("para_4")
        # This run's build 3: no page, no failure, only the place, then the next move.
        assert same.next() == ("scroll", '{"eid": "para_3"}') and same.next() == ("scroll", '{"eid": "para_4"}')
        events.close()
        late.close()
        other.close()
        same.close()
    finally:
        served.stop()


def test_the_paragraph_under_a_position_and_where_a_text_changed():
    text = EXAMPLE.read_text(encoding="utf-8")
    draft = OpenDraft.of(EXAMPLE.as_uri(), text)
    assert eid_at(draft, (36, 0)) == "para_1"  # line 37, "1. We reaffirm ..."
    assert eid_at(draft, (42, 10)) == "para_3bis"
    assert eid_at(draft, (34, 3)) is None  # a heading, not a paragraph
    assert first_change(text, text) is None
    assert first_change("a\n\U0001D11E b\n", "a\n\U0001D11E c\n") == (1, 3)  # UTF-16: the clef is 2 units
    assert first_change("1. We decide.", "1. We decide. Now.") == (0, 13)


def test_the_page_is_built_without_the_pdf_library():
    script = ("import sys; from wsis20.lsp.preview import page_of; from conftest import EXAMPLE;"
              "page, why, report = page_of(EXAMPLE.as_uri(), EXAMPLE.read_text(encoding='utf-8'));"
              "print(b'id=\"para_3bis\"' in page, why == '', 'weasyprint' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            cwd=ROOT / "tests", env=child_env(PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'tests'}"))
    assert result.stdout.split() == ["True", "True", "False"], result.stderr


# ------------------------------------------------------------ the language server

@pytest.fixture
def client():
    c = Client()
    c.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {}})
    c.notify("initialized", {})
    yield c
    if c.process.poll() is None:
        c.process.kill()
        c.process.wait()


def open_draft(client: Client, uri: str, text: str) -> None:
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "wsis", "version": 1,
                                                            "text": text}})


def change(client: Client, uri: str, version: int, text: str) -> None:
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                             "contentChanges": [{"text": text}]})


def test_the_language_server_previews_the_editors_text_and_follows_the_cursor(client):
    uri = EXAMPLE.as_uri()
    text = EXAMPLE.read_text(encoding="utf-8")
    open_draft(client, uri, text)
    reply = client.request("workspace/executeCommand", {"command": "wsisc.preview", "arguments": [uri]})
    url = reply["result"]
    port = urllib.parse.urlsplit(url).port
    assert url == f"http://127.0.0.1:{port}/" and listening_addresses(port) == {"0100007F"}
    events = Events(url)
    first = events.wait("page", timeout=20)
    assert 'id="para_3bis"' in first["html"] and "We reaffirm our common desire" in first["html"]
    assert raw_get(url, "/wsis20-zero-draft.html")[0] == 200 and raw_get(url, "/../../etc/passwd")[0] == 404

    # An edit in paragraph 5: the page has it at once (not the file on disk), and scrolls there.
    edited = text.replace("We recognise that many developing nations", "We recognise that many small nations", 1)
    started = time.monotonic()
    change(client, uri, 2, edited)
    page = events.wait("page", timeout=20)
    assert time.monotonic() - started < 10
    assert "many small nations" in page["html"] and "many small nations" not in text
    assert events.wait("scroll", timeout=10) == {"eid": "para_5"}

    # The cursor, as the VS Code extension says it; then a request at a position, as any editor makes one.
    client.notify("wsisc/cursor", {"uri": uri, "position": {"line": 42, "character": 4}})
    assert events.wait("scroll", timeout=10) == {"eid": "para_3bis"}
    client.send({"id": 900, "method": "textDocument/hover",
                 "params": {"textDocument": {"uri": uri}, "position": {"line": 36, "character": 2}}})
    assert events.wait("scroll", timeout=10) == {"eid": "para_1"}
    events.close()


def test_a_draft_that_does_not_build_shows_its_diagnostics_over_the_last_page(client, tmp_path):
    draft = tmp_path / "unsaved.wsis"  # never written: the page is the editor's text
    uri = draft.as_uri()
    open_draft(client, uri, "1. We decide.\n")
    url = client.request("workspace/executeCommand", {"command": "wsisc.preview", "arguments": [uri]})["result"]
    events = Events(url)
    assert "We decide." in events.wait("page", timeout=20)["html"]
    change(client, uri, 2, "1. We *decide <script>x</script>.\n")
    failed = events.wait("diagnostics", timeout=20)
    assert failed["headline"] == "1 error, 0 warnings in 1 file"
    assert failed["report"].startswith(f"{draft}:{ITALIC_NOT_CLOSED}\n")
    assert "&lt;script&gt;x&lt;/script&gt;" in failed["panel"]
    served = raw_get(url, "/unsaved.html")[1].decode()
    assert "We decide." in served and '<div id="wsisc-watch-failure"' in served
    change(client, uri, 3, "1. We decide now.\n")
    assert "We decide now." in events.wait("page", timeout=20)["html"]
    assert not draft.exists()  # the server never writes a file
    events.close()


def test_the_preview_command_needs_a_uri(client):
    reply = client.request("workspace/executeCommand", {"command": "wsisc.preview", "arguments": []})
    assert "takes the URI of an open draft" in reply["error"]["message"]
    assert reply["error"]["code"] == -32803  # the client's mistake, said as such: RequestFailed, not a crash


def test_the_initialization_options_choose_the_preview_port(tmp_path):
    with socket.socket() as probe:  # a port free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    c = Client()
    try:
        c.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {},
                                 "initializationOptions": {"previewPort": port}})
        c.notify("initialized", {})
        uri = (tmp_path / "d.wsis").as_uri()
        open_draft(c, uri, "1. We decide.\n")
        reply = c.request("workspace/executeCommand", {"command": "wsisc.preview", "arguments": [uri]})
        assert reply["result"] == f"http://127.0.0.1:{port}/"
        assert "We decide." in raw_get(reply["result"], "/d.html")[1].decode()
    finally:
        c.process.kill()
        c.process.wait()
