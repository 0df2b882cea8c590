"""The live preview's page server, shared by `wsisc watch` and the language server.

It listens on 127.0.0.1 only, answers only a browser that names the host
127.0.0.1 or localhost (a page elsewhere cannot read the draft through DNS
rebinding), and serves exactly two things, both from memory:

- ``/`` (or ``/NAME``, the output's own name): the last good page, with a small
  script added to the served copy and, after a failed build, the diagnostics over it;
- ``/events``: server-sent events that the script listens to:
  ``page`` {build, html} when a new page is built (the script puts the new head
  and body in place and keeps the scroll position), ``diagnostics`` {build,
  headline, report, panel} when the draft does not build (the script shows the
  panel over the last good page), ``scroll`` {eid} when the editor's cursor moves
  to another paragraph (the script scrolls it into view).

Nothing else: ``/favicon.ico``, which a browser asks for on its own, is an
empty answer (204; a 404 would put an error in the page's console), every other
path is a 404, and no file is read from disk, so no path can reach outside (the
HTML writer embeds the logo, the one file a page uses, so the page needs no other). Standard library only; nothing here loads a
writer.
"""

from __future__ import annotations

import errno
import html
import http.server
import json
import os
import queue
import re
import secrets
import threading
import time
import urllib.parse

DEFAULT_PORT = 8000
PORTS_TRIED = 20  # without a port: 8000 to 8019, the first free one
KEEP_ALIVE = 15.0  # seconds between comments on an idle stream, so a closed page is noticed
# Seconds a connection may send nothing or take nothing (more than KEEP_ALIVE): a client that
# never reads its stream would otherwise hold a thread, and every page built since, for good.
STALLED = 60.0
# The Host header of a page this machine's browser asked for by a local name, the port digits only.
_LOCAL_HOST = re.compile(r"(?:127\.0\.0\.1|localhost)(?::[0-9]{1,5})?")

# The served copy's script. {build} is the build the page shows, {run} the server that built it;
# the server sends what is newer.
_SCRIPT = """<script>/* wsisc preview: the page follows the draft (server-sent events from /events) */
(function(){var build={build};
function panel(h){var o=document.getElementById('wsisc-watch-failure');if(o)o.remove();
if(h)document.body.insertAdjacentHTML('beforeend',h)}
function show(h){var n=new DOMParser().parseFromString(h,'text/html'),r=document.documentElement,
x=window.scrollX,y=window.scrollY;
['lang','dir','class'].forEach(function(a){var v=n.documentElement.getAttribute(a);
if(v===null)r.removeAttribute(a);else r.setAttribute(a,v)});
if(document.head.innerHTML!==n.head.innerHTML)document.head.innerHTML=n.head.innerHTML;
document.body.replaceWith(document.adoptNode(n.body));window.scrollTo(x,y)}
var s=new EventSource('/events?run={run}&since='+build);
s.addEventListener('page',function(e){var d=JSON.parse(e.data);build=d.build;show(d.html)});
s.addEventListener('diagnostics',function(e){var d=JSON.parse(e.data);build=d.build;panel(d.panel)});
s.addEventListener('scroll',function(e){var d=JSON.parse(e.data),t=document.getElementById(d.eid);
if(!t)return;t.scrollIntoView({block:'center'});t.style.outline='2px solid #4a90d9';
setTimeout(function(){t.style.outline=''},1200)})})();
</script>"""

_NOT_BUILT = (b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>wsisc preview</title></head>'
              b"<body><p>Not built yet.</p></body></html>")

# Inline styles, so that the panel looks the same over any view and owes nothing to the page's stylesheet.
_PANEL = ('<div id="wsisc-watch-failure" role="alert" style="position:fixed;top:0;left:0;right:0;'
          "z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:.6em 1em;background:#fff4f2;"
          "color:#1b1b1b;border-bottom:3px solid #b3261e;box-shadow:0 2px 10px rgba(0,0,0,.3);"
          'font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left">'
          '<p style="margin:0;font-weight:bold;color:#b3261e">wsisc: not rebuilt at {when}: {headline}</p>'
          '<p style="margin:.2em 0 0">{below}</p>'
          '<pre style="margin:.5em 0 0;white-space:pre-wrap;font:inherit">{report}</pre></div>')


def failure_panel(when: str, headline: str, report: str, good_page: bool) -> str:
    """The diagnostics of a failed build as HTML, escaped: they quote the draft."""
    below = ("Below: the last good page. This goes away when the draft builds again."
             if good_page else "Nothing was built yet. The page appears when the draft builds.")
    return _PANEL.format(when=html.escape(when), headline=html.escape(headline), below=below,
                         report=html.escape(report))


def _event(name: str, data: dict, ident: int | None = None) -> bytes:
    # JSON escapes line breaks, so the data is one line of the stream.
    head = f"event: {name}\n" + (f"id: {ident}\n" if ident is not None else "")
    return (head + f"data: {json.dumps(data)}\n\n").encode("utf-8")


class Preview:
    """What the page shows and who listens: the last good page, the last build's
    failure (None after a good one), a counter of builds, the paragraph scrolled
    to, and a queue of events for each open page. Thread-safe: the builds, the
    editor's cursor and the server's threads all come here."""

    def __init__(self, name: str = "index.html"):
        self.name = name
        self._lock = threading.Lock()
        self._build = 0
        self._page: bytes | None = None
        self._failure: tuple[str, str, str] | None = None  # when, headline, report
        self._eid: str | None = None
        self._listeners: set[queue.SimpleQueue] = set()
        # Builds are counted from 1 by each server: a page open across a restart of
        # `wsisc watch` says the run it was served by, so that its build 1 is not taken
        # for the new server's build 1 (the draft may have changed in between).
        self.run = secrets.token_hex(4)

    # What the builds and the editor say --------------------------------------

    def show(self, page: bytes) -> None:
        """A new good page."""
        with self._lock:
            self._build += 1
            self._page, self._failure = page, None
            self._send(self._page_event())

    def fail(self, headline: str, report: str) -> None:
        """The draft did not build: ``report`` is the diagnostics in the compiler's text form."""
        with self._lock:
            self._build += 1
            self._failure = (time.strftime("%H:%M:%S"), headline, report)
            self._send(self._failure_event())

    def scroll(self, eid: str) -> None:
        """The editor's cursor is in the paragraph (or heading) ``eid``; said once per move."""
        with self._lock:
            if eid != self._eid:
                self._eid = eid
                self._send(_event("scroll", {"eid": eid}))

    def close(self) -> None:
        """End every open stream (the pages reconnect to the next server)."""
        with self._lock:
            for listener in self._listeners:
                listener.put(None)

    # What the server hands out ---------------------------------------------

    def page(self) -> bytes:
        """The page as served: the last good one (or a placeholder), the failure's
        panel if the last build failed, and the script."""
        with self._lock:
            page = self._page if self._page is not None else _NOT_BUILT
            extra = self._panel() + _SCRIPT.replace("{build}", str(self._build)).replace("{run}", self.run)
        end = page.rfind(b"</body>")
        extra_bytes = extra.encode("utf-8")
        return page + extra_bytes if end < 0 else page[:end] + extra_bytes + page[end:]

    def listen(self, since: int | None) -> queue.SimpleQueue:
        """A queue of events for one page that shows build ``since``: what it missed
        first (the page, the failure, the paragraph), then every event as it comes."""
        listener: queue.SimpleQueue = queue.SimpleQueue()
        with self._lock:
            if since != self._build:
                if self._page is not None:
                    listener.put(self._page_event())
                if self._failure is not None:
                    listener.put(self._failure_event())
            if self._eid is not None:
                listener.put(_event("scroll", {"eid": self._eid}))
            self._listeners.add(listener)
        return listener

    def forget(self, listener: queue.SimpleQueue) -> None:
        with self._lock:
            self._listeners.discard(listener)

    # Under the lock --------------------------------------------------------

    def _send(self, event: bytes) -> None:
        for listener in self._listeners:
            listener.put(event)

    def _panel(self) -> str:
        return "" if self._failure is None else failure_panel(*self._failure, good_page=self._page is not None)

    def _page_event(self) -> bytes:
        return _event("page", {"build": self._build, "html": self._page.decode("utf-8", "replace")}, self._build)

    def _failure_event(self) -> bytes:
        _, headline, report = self._failure
        return _event("diagnostics", {"build": self._build, "headline": headline, "report": report,
                                      "panel": self._panel()}, self._build)


def handler(preview: Preview):
    class Handler(http.server.BaseHTTPRequestHandler):
        timeout = STALLED

        def do_GET(self):  # noqa: N802 - the http.server interface
            # Only pages this machine's browser asked for by a local name: a web page
            # elsewhere cannot read the draft through DNS rebinding.
            if not _LOCAL_HOST.fullmatch(self.headers.get("Host") or ""):
                self.send_error(403)
                return
            path, _, query = self.path.partition("?")
            if path == "/events":
                self._events(query)
            elif path in ("/", "/" + urllib.parse.quote(preview.name)):
                body = preview.page()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)
            elif path == "/favicon.ico":
                # A browser asks for it on its own; a 404 would be an error in the page's console.
                self.send_response(204)
                self.send_header("Cache-Control", "max-age=3600")
                self.end_headers()
            else:
                self.send_error(404)

        def _events(self, query: str) -> None:
            # A reconnecting EventSource says the last build it had (Last-Event-ID);
            # a page opening says the build it was served with (?since=). Either is of
            # the run that served the page (?run=): of another run, it has seen nothing.
            asked = urllib.parse.parse_qs(query)
            said = self.headers.get("Last-Event-ID") or asked.get("since", [""])[0]
            since = int(said) if said.isdigit() and asked.get("run", [preview.run])[0] == preview.run else None
            listener = preview.listen(since)
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(b"retry: 500\n\n")
                while True:
                    try:
                        event = listener.get(timeout=KEEP_ALIVE)
                    except queue.Empty:
                        event = b": still here\n\n"
                    if event is None:
                        return
                    self.wfile.write(event)
            except OSError:  # the page went away
                return
            finally:
                preview.forget(listener)
                self.close_connection = True

        def log_message(self, *args):  # the terminal is for diagnostics
            pass

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    # SO_REUSEADDR lets a watch restarted at once take its port back from the
    # old connections still closing; on POSIX it never shares a port another
    # program listens on. On Windows it would, so there it stays off, and so
    # does SO_REUSEPORT everywhere: a busy port must fail to bind.
    allow_reuse_address = os.name != "nt"
    allow_reuse_port = False
    daemon_threads = True  # an open page's stream never holds up the end


class PortError(Exception):
    """The port cannot be had; the message says what to do (a usage error for watch)."""


def _why_not(port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} is in use by another program (another wsisc watch?); "
                "choose another with --port N, or --port 0 for any free port")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"port {port} is reserved on this system; choose one above 1023 with --port N, "
                "or --port 0 for any free port")
    return (f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}; choose another port with --port N, "
            "or serve nothing with --no-serve")


def listen(request_handler, port: int | None) -> tuple[http.server.HTTPServer, str]:
    """A server on 127.0.0.1 and a note on the port: the one asked for, or a
    PortError naming --port; without one, the first free from DEFAULT_PORT."""
    candidates = [port] if port is not None else range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TRIED)
    for candidate in candidates:
        try:
            server = _Server(("127.0.0.1", candidate), request_handler)
        except OSError as exc:
            if port is None and exc.errno == errno.EADDRINUSE:
                continue
            raise PortError(_why_not(candidate, exc)) from None
        busy = candidate - DEFAULT_PORT if port is None else 0
        note = ("" if not busy else f"port {DEFAULT_PORT} is in use; " if busy == 1
                else f"ports {DEFAULT_PORT} to {candidate - 1} are in use; ")
        return server, note
    raise PortError(f"ports {DEFAULT_PORT} to {DEFAULT_PORT + PORTS_TRIED - 1} are all in use; "
                    "choose a free one with --port N, or --port 0 for any free port")


class Served:
    """A preview being served, in a thread of its own, until ``stop()``."""

    def __init__(self, preview: Preview, port: int | None):
        self.preview = preview
        self.server, self.note = listen(handler(preview), port)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, name="wsisc-preview", daemon=True).start()

    def stop(self) -> None:
        self.preview.close()
        self.server.shutdown()
        self.server.server_close()


def headline(outcome) -> str:
    """The one line that says why a build (commands/build.py's Outcome) was not made."""
    from .report import summary

    return outcome.problem or summary(outcome.errors, outcome.warnings, 1)
