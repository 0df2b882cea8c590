"""wsisc watch: rebuilds on save, serves the page on localhost with its event stream, stops on
Ctrl-C; a busy port is a usage error or the next free one; a failed rebuild shows in the browser.
(The event stream itself, and the language server's preview: tests/test_preview.py.)"""

import contextlib
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from conftest import child_env, wsisc
from wsis20.cli import build_parser
from wsis20 import preview


@contextlib.contextmanager
def watching(*args):
    """`wsisc watch ARGS` in a child process, stopped with Ctrl-C (SIGINT) at the end."""
    proc = subprocess.Popen([sys.executable, "-m", "wsis20", "watch", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=child_env(path=""))
    # A watchdog: if the watcher ever stops printing, kill it rather than hang the suite.
    watchdog = threading.Timer(30, proc.kill)
    watchdog.start()
    try:
        yield proc
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
        watchdog.cancel()
    assert proc.returncode == 0, proc.stderr.read()
    assert "stopped" in proc.stderr.read()


def next_build(proc) -> list[str]:
    """The watcher's lines up to the end of the next rebuild: "[time] built ..." or "[time] not built ..."."""
    lines = []
    while not lines or "] built" not in lines[-1] and "] not built" not in lines[-1]:
        line = proc.stdout.readline()
        assert line, "the watcher stopped: " + "".join(lines)
        lines.append(line)
    return lines


def served_url(proc) -> str:
    line = proc.stdout.readline()
    assert line.startswith("wsisc watch: serving http://127.0.0.1:"), line
    return line.split()[3]


def get(url: str) -> str:
    return urllib.request.urlopen(url, timeout=5).read().decode()


@contextlib.contextmanager
def serving(tmp_path, text):
    """A draft d.wsis and `wsisc watch` serving d.html on any free port, after its first build."""
    draft, out = tmp_path / "d.wsis", tmp_path / "d.html"
    draft.write_text(text, encoding="utf-8")
    with watching(draft, "-o", out, "--port", "0") as proc:
        url = served_url(proc)
        yield SimpleNamespace(draft=draft, out=out, proc=proc, url=url, first=next_build(proc))


def test_watch_rebuilds_serves_and_stops(tmp_path):
    with serving(tmp_path, "1. We decide.\n") as w:
        source, out, proc, url = w.draft, w.out, w.proc, w.url
        assert "] built" in w.first[-1]
        page = get(url)
        assert "We decide." in page and "wsisc preview" in page
        assert "wsisc preview" not in out.read_text(encoding="utf-8")  # the script is only in the served copy
        source.write_text("1. We decide again.\n", encoding="utf-8")
        assert "] built" in next_build(proc)[-1]
        assert "We decide again." in get(url)
        source.write_text("1. We *decide.\n", encoding="utf-8")
        assert "not built" in next_build(proc)[-1]
        assert "We decide again." in out.read_text(encoding="utf-8")  # the last good build stays
        try:
            urllib.request.urlopen(url + "etc/passwd", timeout=5)
            raise AssertionError("served a path it should not")
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
        rebound = urllib.request.Request(url, headers={"Host": "attacker.example:80"})
        try:
            urllib.request.urlopen(rebound, timeout=5)
            raise AssertionError("served a page to a foreign host name (DNS rebinding)")
        except urllib.error.HTTPError as exc:
            assert exc.code == 403


# ------------------------------------------------------------------ the port

@pytest.fixture
def busy_port():
    """A port on 127.0.0.1 that another program listens on."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


def test_a_busy_port_is_a_usage_error_naming_port(tmp_path, busy_port):
    source = tmp_path / "d.wsis"
    source.write_text("1. We decide.\n", encoding="utf-8")
    result = wsisc("watch", source, "-o", tmp_path / "d.html", "--port", busy_port, timeout=30)
    assert result.returncode == 2, result.stderr
    assert f"wsisc watch: error: port {busy_port} is in use" in result.stderr
    assert "--port N, or --port 0 for any free port" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "d.html").exists()  # refused before any work


@pytest.mark.parametrize("port", ["70000", "-1", "eight"])
def test_a_port_that_is_no_port_is_a_usage_error(tmp_path, port):
    source = tmp_path / "d.wsis"
    source.write_text("1. We decide.\n", encoding="utf-8")
    result = wsisc("watch", source, "-o", tmp_path / "d.html", "--port", port, timeout=30)
    assert result.returncode == 2 and "argument --port:" in result.stderr, result.stderr
    assert "internal error" not in result.stderr


def test_without_port_the_next_free_port_is_taken_and_said(monkeypatch, busy_port):
    monkeypatch.setattr(preview, "DEFAULT_PORT", busy_port)
    server, note = preview.listen(preview.handler(preview.Preview()), None)
    try:
        taken = server.server_address[1]
        assert busy_port < taken < busy_port + preview.PORTS_TRIED
        assert note.startswith(f"port {busy_port} is in use; ") or note.startswith(f"ports {busy_port} to ")
    finally:
        server.server_close()
    monkeypatch.setattr(preview, "PORTS_TRIED", 1)
    with pytest.raises(preview.PortError, match="all in use; choose a free one with --port N"):
        preview.listen(None, None)


# ------------------------------------------------- a failed rebuild, in the browser

class Scripts(HTMLParser):
    def __init__(self, page):
        super().__init__()
        self.count = 0
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.count += tag == "script"


def test_a_failed_rebuild_shows_its_diagnostics_over_the_last_good_page(tmp_path):
    with serving(tmp_path, "1. We decide.\n") as w:
        source, out, proc, url = w.draft, w.out, w.proc, w.url
        assert "] built" in w.first[-1]
        assert '<div id="wsisc-watch-failure"' not in get(url)

        source.write_text("1. We *decide <script>alert(1)</script>.\n", encoding="utf-8")
        lines = next_build(proc)
        assert "[unterminated]" in "".join(lines) and "not built: 1 error, 0 warnings" in lines[-1]
        page = get(url)
        assert "We decide." in page  # the last good page, under the panel
        panel = page[page.index('<div id="wsisc-watch-failure"'):]
        assert "not rebuilt at" in panel and "1 error, 0 warnings in 1 file" in panel
        assert "d.wsis:1:7: error: italic text opened with `*` is not closed" in panel
        assert "[unterminated]" in panel and "= help: close it with `*`" in panel
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel  # the draft's words, escaped
        assert Scripts(page).count == 1  # only the preview's script
        assert "wsisc-watch-failure" not in out.read_text(encoding="utf-8")  # only in the served copy

        source.write_text("1. We decide again.\n", encoding="utf-8")
        assert "] built" in next_build(proc)[-1]
        page = get(url)
        assert "We decide again." in page and '<div id="wsisc-watch-failure"' not in page


def test_a_first_build_that_fails_shows_its_diagnostics(tmp_path):
    with serving(tmp_path, "1. We decide;\n\n1. Twice.\n") as w:
        assert "not built" in w.first[-1]
        page = get(w.url)
        assert "Not built yet" in page and "Nothing was built yet" in page
        assert "paragraph number 1 is already used [duplicate-number]" in page


# ------------------------------------------------------ the options of build

def test_watch_takes_builds_options():
    commands = next(a for a in build_parser()._actions if a.dest == "command").choices

    def options(name):
        return {o for a in commands[name]._actions for o in a.option_strings}

    # Not for a watcher: where several outputs go, and how a one-off build reports and fails.
    # --side-by-side prints several language versions into one file, not one draft.
    one_off = {"-d", "--directory", "--strict", "--quiet", "-q", "--side-by-side", "-j", "--jobs", "--force"}
    assert options("build") - one_off <= options("watch")
    assert all(a.help for a in commands["watch"]._actions), "every argument of watch has a help line"


def test_watch_decides_proposals_and_sets_the_paper(tmp_path):
    source = tmp_path / "d.wsis"
    source.write_text("---\nauthors: {EU: E, RU: R, US: U}\n---\n"
                      "1. We {++EU: all++} {++RU: most++} {++US: some++} act\n", encoding="utf-8")
    html, pdf = tmp_path / "d.html", tmp_path / "d.pdf"
    with watching(source, "-o", html, "--no-serve", "--view", "original", "--accept", "EU,RU",
                  "--reject", "US", "--ignore", "punctuation") as proc:
        lines = next_build(proc)
    assert lines == [f"{lines[0][:10]} built {html} (0 errors, 0 warnings)\n"]  # --ignore: no warning
    body = html.read_text(encoding="utf-8").split("<main", 1)[1]
    assert "all" in body and "most" in body and "some" not in body
    with watching(source, "-o", pdf, "--paper", "letter", "--accept", "EU", "--reject", "RU,US",
                  "--view", "original") as proc:
        lines = next_build(proc)
    assert "] built" in lines[-1] and "[punctuation]" in "".join(lines)
    page = PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    text = page.extract_text()
    assert "all" in text and "most" not in text and "some" not in text


def test_watch_refuses_a_name_nobody_declared_before_serving(tmp_path):
    source = tmp_path / "d.wsis"
    source.write_text("---\nauthors: {EU: E}\n---\n1. We {++EU: now++} decide.\n", encoding="utf-8")
    result = wsisc("watch", source, "-o", tmp_path / "d.html", "--accept", "US", "--no-serve", timeout=30)
    assert result.returncode == 2 and "--accept US: no author of that name" in result.stderr
    assert not (tmp_path / "d.html").exists()
