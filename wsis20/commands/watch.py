"""wsisc watch FILE -o OUT: rebuild on every save, print the diagnostics, and
serve an HTML output on localhost with reload in the browser.

The server listens on 127.0.0.1 only and serves exactly two things: the
output page (with a small reload script added to the served copy, never to the
file) and the build counter the script polls. A rebuild that fails leaves the
file as it was; the served copy then shows the diagnostics over that last good
page until a rebuild succeeds. Ctrl-C stops it cleanly.

The port: the one --port names, and a busy one is a usage error that says so;
without --port, 8000 or the next free port after it, printed.
"""

from __future__ import annotations

import dataclasses
import errno
import html
import http.server
import os
import sys
import threading
import time
from pathlib import Path

from .arguments import EXIT_OK, UsageError, ignored_rules, names
from .build import Job, build_one, output_format
from ..report import summary
from . import fronts_of, output_path, read_input, refuse_undeclared

DEFAULT_PORT = 8000
PORTS_TRIED = 20  # without --port: 8000 to 8019, the first free one

_RELOAD = (b"<script>/* wsisc watch: reload when the draft is rebuilt */"
           b"(function(){var v=null;setInterval(function(){fetch('/__build').then(function(r){return r.text()})"
           b".then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},700)})();"
           b"</script>")

_NOT_BUILT = (b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>wsisc watch</title></head>'
              b"<body><p>Not built yet: see the terminal.</p></body></html>")

# Inline styles, so that the panel looks the same over any view and owes nothing to the page's stylesheet.
_PANEL = ('<div id="wsisc-watch-failure" role="alert" style="position:fixed;top:0;left:0;right:0;'
          "z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:.6em 1em;background:#fff4f2;"
          "color:#1b1b1b;border-bottom:3px solid #b3261e;box-shadow:0 2px 10px rgba(0,0,0,.3);"
          'font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left">'
          '<p style="margin:0;font-weight:bold;color:#b3261e">wsisc watch: not rebuilt at {when}: {headline}</p>'
          '<p style="margin:.2em 0 0">{below}</p>'
          '<pre style="margin:.5em 0 0;white-space:pre-wrap;font:inherit">{report}</pre></div>')


class _State:
    """What the server shows: the build counter the page polls, and the last
    rebuild's failure (None after a good one). Replaced whole, so a request
    never sees a counter of one build and the failure of another."""

    def __init__(self, output: Path):
        self.output = output
        self.shown: tuple[int, str | None] = (0, None)

    def built(self) -> None:
        self.shown = (self.shown[0] + 1, None)

    def failed(self, panel: str) -> None:
        self.shown = (self.shown[0] + 1, panel)


def failure_panel(when: str, headline: str, report: str, good_page: bool) -> str:
    """The diagnostics of a failed rebuild as HTML, escaped: they quote the draft."""
    below = ("Below: the last good page. This goes away when the draft builds again."
             if good_page else "Nothing was built yet. The page appears when the draft builds.")
    return _PANEL.format(when=html.escape(when), headline=html.escape(headline), below=below,
                         report=html.escape(report))


def served_page(state: _State) -> bytes:
    """The output file as served: with the reload script, and the failure panel after a failed rebuild."""
    _, failure = state.shown
    try:
        page = state.output.read_bytes()
    except OSError:
        page = _NOT_BUILT
    extra = (failure or "").encode("utf-8") + _RELOAD
    end = page.rfind(b"</body>")
    return page + extra if end < 0 else page[:end] + extra + page[end:]


def _handler(state: _State):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server interface
            # Only pages this machine's browser asked for by a local name: a web page
            # elsewhere cannot read the draft through DNS rebinding.
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            if host not in ("127.0.0.1", "localhost"):
                self.send_error(403)
                return
            if self.path == "/__build":
                body, kind = str(state.shown[0]).encode(), "text/plain"
            elif self.path in ("/", "/" + state.output.name):
                body, kind = served_page(state), "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

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


def _why_not(port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} is in use by another program (another wsisc watch?); "
                "choose another with --port N, or --port 0 for any free port")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"port {port} is reserved on this system; choose one above 1023 with --port N, "
                "or --port 0 for any free port")
    return (f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}; choose another port with --port N, "
            "or serve nothing with --no-serve")


def listen(handler, port: int | None) -> tuple[http.server.HTTPServer, str]:
    """A server on 127.0.0.1 and a note on the port: the one asked for, or a
    usage error naming --port; without one, the first free from DEFAULT_PORT."""
    candidates = [port] if port is not None else range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TRIED)
    for candidate in candidates:
        try:
            server = _Server(("127.0.0.1", candidate), handler)
        except OSError as exc:
            if port is None and exc.errno == errno.EADDRINUSE:
                continue
            raise UsageError(_why_not(candidate, exc)) from None
        busy = candidate - DEFAULT_PORT if port is None else 0
        note = ("" if not busy else f"port {DEFAULT_PORT} is in use; " if busy == 1
                else f"ports {DEFAULT_PORT} to {candidate - 1} are in use; ")
        return server, note
    raise UsageError(f"ports {DEFAULT_PORT} to {DEFAULT_PORT + PORTS_TRIED - 1} are all in use; "
                     "choose a free one with --port N, or --port 0 for any free port")


def run(args) -> int:
    output = output_path(args.output, args.file)
    fmt = output_format(output, args.format)
    accept, reject, ignore = names(args.accept), names(args.reject), ignored_rules(args.ignore)
    # As in build: a name nobody declares is refused before anything is served.
    refuse_undeclared(accept, reject, fronts_of([(args.file, read_input(args.file))], bool(accept or reject)))
    state = _State(output)
    server = None
    if fmt == "html" and not args.no_serve:
        server, note = listen(_handler(state), args.port)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"wsisc watch: serving http://127.0.0.1:{server.server_address[1]}/ ({note}Ctrl-C to stop)",
              flush=True)
    seen = None
    try:
        while True:
            try:
                stamp = os.stat(args.file).st_mtime_ns
            except OSError:
                stamp = None
            if stamp != seen and stamp is not None:
                seen = stamp
                _rebuild(Job(args.file, b"", output, fmt, args.view, not args.no_comments, args.paper,
                             accept, reject, ignore), state)
            time.sleep(args.interval)
    except KeyboardInterrupt:
        print("wsisc watch: stopped", file=sys.stderr)
        return EXIT_OK
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()


def _rebuild(job: Job, state: _State) -> None:
    """One rebuild, told in the terminal and, if it failed, in the served page."""
    when = time.strftime("%H:%M:%S")
    try:
        data = read_input(job.source)
    except UsageError as exc:  # deleted or unreadable between the look and the read: wait for the next save
        headline, report, advice = str(exc), "", ""
    else:
        outcome = build_one(dataclasses.replace(job, data=data))
        if outcome.report:
            print(outcome.report, flush=True)
        if outcome.written:
            state.built()
            print(f"[{when}] built {job.output} ({outcome.errors} errors, {outcome.warnings} warnings)",
                  flush=True)
            return
        headline = outcome.problem or summary(outcome.errors, outcome.warnings, 1)
        report = outcome.report
        advice = "; fix the errors above" if outcome.errors else ""
    state.failed(failure_panel(when, headline, report, job.output.exists()))
    print(f"[{when}] not built: {headline}{advice}", flush=True)
