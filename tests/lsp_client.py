"""A language client for the tests, written by hand: a child process spoken to over
stdio in JSON-RPC with Content-Length framing (no client library that could share a
bug with the server)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time

from conftest import ROOT


class Client:
    def __init__(self, argv: tuple[str, ...] = ("-m", "wsis20", "lsp"), cwd=ROOT, env: dict | None = None):
        """The server runs in ``cwd`` (the checkout) with ``env`` (this process's, the
        checkout on PYTHONPATH)."""
        self.process = subprocess.Popen([sys.executable, *argv], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                                        env=env if env is not None else {**os.environ, "PYTHONPATH": str(ROOT)})
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length).decode("utf-8")))

    def send(self, message: dict, ascii: bool = False) -> None:
        """One message, in UTF-8 as editors write it; ``ascii``: every other character
        as a \\u escape (a lone surrogate has no UTF-8 bytes of its own)."""
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=ascii).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict | None = None) -> None:
        self.send({"method": method, **({"params": params} if params is not None else {})})

    def request(self, method: str, params: dict | None = None) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)
        return reply

    def wait(self, wanted, timeout: float = 20.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("no such message from the server in time")
            message = self.messages.get(timeout=left)
            if wanted(message):
                return message

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict]:
        found = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri
                          and (version is None or m["params"].get("version") == version))
        return found["params"]["diagnostics"]
