"""wsisc watch FILE -o OUT: rebuild on every save, print the diagnostics, and
serve an HTML output on localhost with reload in the browser.

The server listens on 127.0.0.1 only and serves exactly two things: the
output page (with a small reload script added to the served copy, never to the
file) and the build counter the script polls. Ctrl-C stops it cleanly.
"""

from __future__ import annotations

import http.server
import os
import sys
import threading
import time
from pathlib import Path

from .arguments import EXIT_OK
from .build import Job, build_one, output_format
from . import output_path, read_input

_RELOAD = (b"<script>/* wsisc watch: reload when the draft is rebuilt */"
           b"(function(){var v=null;setInterval(function(){fetch('/__build').then(function(r){return r.text()})"
           b".then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},700)})();"
           b"</script>")


class _State:
    def __init__(self, output: Path):
        self.output = output
        self.build = 0


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
                body, kind = str(state.build).encode(), "text/plain"
            elif self.path in ("/", "/" + state.output.name):
                try:
                    body = state.output.read_bytes().replace(b"</body>", _RELOAD + b"</body>", 1)
                except OSError:
                    body = b"<p>Not built yet: see the terminal.</p>" + _RELOAD
                kind = "text/html; charset=utf-8"
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


def run(args) -> int:
    output = output_path(args.output, args.file)
    fmt = output_format(output, args.format)
    read_input(args.file)
    state = _State(output)
    server = None
    if fmt == "html" and not args.no_serve:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), _handler(state))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"wsisc watch: serving http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
    seen = None
    try:
        while True:
            try:
                stamp = os.stat(args.file).st_mtime_ns
            except OSError:
                stamp = None
            if stamp != seen and stamp is not None:
                seen = stamp
                job = Job(args.file, read_input(args.file), output, fmt, args.view, not args.no_comments, "a4")
                outcome = build_one(job)
                if outcome.report:
                    print(outcome.report, flush=True)
                when = time.strftime("%H:%M:%S")
                if outcome.written:
                    state.build += 1
                    print(f"[{when}] built {output} ({outcome.errors} errors, {outcome.warnings} warnings)",
                          flush=True)
                else:
                    print(f"[{when}] not built: {outcome.problem or 'fix the errors above'}", flush=True)
            time.sleep(args.interval)
    except KeyboardInterrupt:
        print("wsisc watch: stopped", file=sys.stderr)
        return EXIT_OK
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
