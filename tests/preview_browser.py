"""The live preview in a real browser: headless Chromium (Debian's chromium, a program
we did not write) opens the page `wsisc watch` and the language server serve, and runs
its script against their event stream. tests/test_preview.py reads the same stream
with a raw HTTP client; this checks what a reader sees: the new words in the page's
DOM after a save or an edit (timed), the diagnostics panel over the last good page
and its going, the scroll to the paragraph under the cursor, a page left open
across a restart of `wsisc watch`, and no error in the page's console.

Not in `make test`: it needs Chromium, which the machine's image does not carry.
`make preview-browser-test` runs it and prints the times; it fails, never skips,
when Chromium is missing. WSISC_PREVIEW_SHOT=path.png also saves a screenshot of
the page with the diagnostics panel (docs/images/preview-diagnostics.png)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import time
from pathlib import Path

import pytest

from cdp import Browser
from conftest import EXAMPLE
from lsp_client import Client
from test_preview import change, open_draft
from test_watch import next_build, served_url, watching

ROUNDS = 10
PARAGRAPH_5 = "We recognise that many developing nations"
END_5 = "developed++} countries."
BROKEN_5 = "developed++} *countries."  # italic never closed: an error at the `*`

# A promise that resolves when the page's text has ``words`` (at once if it has them now).
_SEEN = """window.__wsiscSeen = new Promise(function (resolve) {
  function look() { return document.body !== null && document.body.textContent.indexOf(%s) >= 0; }
  if (look()) { resolve(true); return; }
  var watcher = new MutationObserver(function () { if (look()) { watcher.disconnect(); resolve(true); } });
  watcher.observe(document.documentElement, {childList: true, subtree: true, characterData: true});
}); true"""

# The diagnostics panel: whether it is there and on top (what is drawn at its middle is
# the panel), and its text.
_PANEL = """(function () {
  var p = document.getElementById('wsisc-watch-failure');
  if (p === null) return null;
  var r = p.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {shown: r.width > 0 && r.height > 0 && getComputedStyle(p).visibility === 'visible' && p.contains(hit),
          text: p.innerText, top: r.top};
})()"""

_IN_VIEW = """(function () {
  var e = document.getElementById(%s);
  if (e === null) return null;
  var r = e.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: innerHeight, scrollY: scrollY};
})()"""


@pytest.fixture
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("`chromium` is not installed: this check needs it (apt-get install -y "
                    "--no-install-recommends chromium)", pytrace=False)
    opened = Browser(executable)
    yield opened
    opened.close()


def timed_until_seen(browser: Browser, words: str, act) -> float:
    """Seconds from ``act()`` (a save, an edit) until ``words`` are in the page's DOM."""
    assert browser.evaluate(_SEEN % json.dumps(words)) is True
    started = time.monotonic()
    act()
    assert browser.evaluate("window.__wsiscSeen", timeout=30) is True
    return time.monotonic() - started


def report(what: str, times: list[float]) -> None:
    ms = sorted(round(t * 1000) for t in times)
    print(f"\n{what}: median {statistics.median(ms):.0f} ms over {len(ms)} (min {ms[0]}, max {ms[-1]}): {ms}")


def outcome(proc, log: list) -> str:
    """The last line of the watcher's next build, noted in ``log`` with the time."""
    line = next_build(proc)[-1]
    log.append((round(time.monotonic(), 3), line.strip()))
    return line


def panel(browser: Browser):
    return browser.evaluate(_PANEL)


def wait_for(browser: Browser, expression: str, timeout: float = 20):
    """The value of ``expression`` once it is truthy, looked at every 20 ms."""
    end = time.monotonic() + timeout
    while True:
        value = browser.evaluate(expression)
        if value or time.monotonic() > end:
            return value
        time.sleep(0.02)


def test_watch_in_chromium(browser, tmp_path, monkeypatch):
    # Named as a user names them, from the draft's folder: the panel says `wsis20-zero-draft.wsis:47:426`.
    monkeypatch.chdir(tmp_path)
    draft, out = Path(EXAMPLE.name), Path(EXAMPLE.stem + ".html")
    text = EXAMPLE.read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    with watching(draft, "-o", out, "--port", "0") as proc:
        url = served_url(proc)
        log = []

        def save(new: str) -> None:
            log.append((round(time.monotonic(), 3), f"saved {len(new)} characters"))
            draft.write_text(new, encoding="utf-8")

        assert "] built" in outcome(proc, log), log
        browser.open(url)
        assert PARAGRAPH_5 in browser.evaluate("document.getElementById('para_5').textContent")
        assert panel(browser) is None

        # (a) Each save of new words in paragraph 5: the time until the page shows them; the
        # reader's place on the page is kept.
        place = browser.evaluate("document.getElementById('para_40').scrollIntoView(); scrollY")
        assert place > 5000
        times = []
        for round_ in range(ROUNDS):
            words = f"We recognise that many nations ({round_})"
            saved = text.replace(PARAGRAPH_5, words, 1)
            times.append(timed_until_seen(browser, words, lambda: save(saved)))
            assert "] built" in outcome(proc, log), log
            assert words in browser.evaluate("document.getElementById('para_5').textContent")
            assert browser.evaluate("scrollY") == place
        report("wsisc watch, save to DOM", times)
        good = saved

        # (b) A broken draft: the panel is over the last good page, with the compiler's diagnostics.
        broken = good.replace(END_5, BROKEN_5, 1)
        at = broken.index(BROKEN_5) + BROKEN_5.index("*")
        line, column = broken.count("\n", 0, at) + 1, at - broken.rfind("\n", 0, at)
        save(broken)
        assert "] not built" in outcome(proc, log), log
        shown = wait_for(browser, _PANEL)
        assert shown["shown"] and shown["top"] == 0
        assert f"{draft}:{line}:{column}: error: italic text opened with `*` is not closed" in shown["text"]
        assert "wsisc: not rebuilt at " in shown["text"] and "Below: the last good page." in shown["text"]
        # The last good page stays.
        assert f"many nations ({ROUNDS - 1})" in browser.evaluate("document.getElementById('para_5').textContent")
        if os.environ.get("WSISC_PREVIEW_SHOT"):
            browser.screenshot(os.environ["WSISC_PREVIEW_SHOT"])

        # (c) Fixed, back to the last good text (the typo undone): the panel goes.
        save(good)
        assert "] built" in outcome(proc, log), log
        assert wait_for(browser, "document.getElementById('wsisc-watch-failure') === null") is True
        # Broken again and fixed with new words: the same.
        save(broken)
        assert "] not built" in outcome(proc, log), log
        assert wait_for(browser, _PANEL)["shown"]
        timed_until_seen(browser, "many nations (fixed)", lambda: save(
            text.replace(PARAGRAPH_5, "We recognise that many nations (fixed)", 1)))
        assert panel(browser) is None

        # (d) Nothing went wrong in the page.
        assert browser.problems == []


def test_language_server_in_chromium(browser):
    uri = EXAMPLE.as_uri()
    text = EXAMPLE.read_text(encoding="utf-8")
    client = Client()
    try:
        client.request("initialize", {"processId": os.getpid(), "rootUri": EXAMPLE.parent.as_uri(),
                                      "capabilities": {}})
        client.notify("initialized", {})
        open_draft(client, uri, text)
        url = client.request("workspace/executeCommand", {"command": "wsisc.preview", "arguments": [uri]})["result"]
        browser.open(url)
        assert browser.evaluate("scrollY") == 0

        # (e) Each edit of paragraph 5, unsaved: the time until the page shows it.
        times = []
        for round_ in range(ROUNDS):
            words = f"We recognise that many nations [{round_}]"
            edited = text.replace(PARAGRAPH_5, words, 1)
            times.append(timed_until_seen(browser, words, lambda: change(client, uri, round_ + 2, edited)))
        report("language server, edit to DOM", times)

        # The cursor far down, in paragraph 146: the page scrolls it into view.
        line = text.splitlines().index(next(row for row in text.splitlines() if row.startswith("146. ")))
        client.notify("wsisc/cursor", {"uri": uri, "position": {"line": line, "character": 10}})
        seen = wait_for(browser, "(function(){var r=document.getElementById('para_146').getBoundingClientRect();"
                                 "return r.top >= 0 && r.bottom <= innerHeight})()")
        where = browser.evaluate(_IN_VIEW % json.dumps("para_146"))
        assert seen is True, where
        assert where["scrollY"] > 10000  # far down the page, not a short one
        assert browser.problems == []
    finally:
        client.process.kill()
        client.process.wait()


def test_a_page_open_across_a_restart_of_watch_shows_the_draft_as_it_is_now(browser, tmp_path):
    draft, out = tmp_path / "d.wsis", tmp_path / "d.html"
    draft.write_text("1. We decide.\n", encoding="utf-8")
    with socket.socket() as probe:  # a free port, for both runs
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with watching(draft, "-o", out, "--port", port) as proc:
        url = served_url(proc)
        assert "] built" in next_build(proc)[-1]
        browser.open(url)
        assert "We decide." in browser.evaluate("document.body.textContent")
    # Stopped; the draft changes; started again: its first build is build 1 too.
    draft.write_text("1. We decide while it was stopped.\n", encoding="utf-8")
    with watching(draft, "-o", out, "--port", port) as proc:
        assert served_url(proc) == url
        assert "] built" in next_build(proc)[-1]
        assert wait_for(browser, "document.body.textContent.indexOf('while it was stopped') >= 0", 10) is True
    # While it was stopped, the page's stream (and the icon) could not connect: nothing else.
    assert [p for p in browser.problems if "ERR_CONNECTION_" not in p] == []
