"""Headless Chromium driven through the DevTools protocol, standard library only.

Chromium started with ``--remote-debugging-pipe`` reads the protocol's commands
from its file descriptor 3 and writes its answers and events to descriptor 4,
each message JSON ended by a NUL byte: no port, no websocket, nothing another
program on the machine can reach. One page (a target attached in "flat" mode);
its console and its uncaught exceptions are collected in ``problems``.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from typing import Any

# Flags that keep a headless Chromium from reaching the network on its own.
QUIET = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--mute-audio", "--no-default-browser-check"]


class BrowserError(Exception):
    pass


class Browser:
    def __init__(self, executable: str = "chromium", width: int = 1200, height: int = 900):
        self.profile = tempfile.mkdtemp(prefix="wsisc-chromium-")
        # Chromium reads descriptor 3 and writes descriptor 4.
        to_chromium_r, to_chromium_w = os.pipe()
        from_chromium_r, from_chromium_w = os.pipe()

        def descriptors():  # in the child, before the descriptors not passed are closed
            # Copies first (the lowest free numbers, reads before writes), so placing one never overwrites the other.
            reads, writes = os.dup(to_chromium_r), os.dup(from_chromium_w)
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        self.process = subprocess.Popen(
            [executable, *QUIET, "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
             f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=descriptors, pass_fds=(3, 4))
        os.close(to_chromium_r)
        os.close(from_chromium_w)
        self._out = os.fdopen(to_chromium_w, "wb", buffering=0)
        self._in = os.fdopen(from_chromium_r, "rb", buffering=0)
        self._lock = threading.Lock()
        self._next = 0
        self._waiting: dict[int, queue.SimpleQueue] = {}
        self.events: queue.SimpleQueue = queue.SimpleQueue()
        self.problems: list[str] = []  # console errors and warnings, uncaught exceptions, failed loads
        threading.Thread(target=self._read, name="cdp-reader", daemon=True).start()
        self.session = None
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=False)

    # The wire -----------------------------------------------------------------

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = self._in.read(65536)
            if not chunk:
                for waiting in list(self._waiting.values()):
                    waiting.put({"error": {"message": "Chromium closed the pipe"}})
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    waiting = self._waiting.pop(message["id"], None)
                    if waiting is not None:
                        waiting.put(message)
                else:
                    self._note(message)
                    self.events.put(message)

    def _note(self, message: dict) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.problems.append("exception: " + details.get("exception", {}).get("description", details["text"]))
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning", "assert"):
            self.problems.append(f"console.{params['type']}: " + " ".join(
                str(arg.get("value", arg.get("description", ""))) for arg in params["args"]))
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            entry = params["entry"]
            self.problems.append(f"log {entry['level']} ({entry['source']}): {entry['text']} {entry.get('url', '')}")

    def send(self, method: str, browser: bool = False, **params: Any) -> queue.SimpleQueue:
        """Send a command to the page (to the browser itself if ``browser``); the answer
        comes on the queue returned (see ``answer``)."""
        with self._lock:
            self._next += 1
            ident = self._next
            waiting = self._waiting[ident] = queue.SimpleQueue()
            message = {"id": ident, "method": method, "params": params}
            if self.session is not None and not browser:
                message["sessionId"] = self.session
            self._out.write(json.dumps(message).encode() + b"\0")
        return waiting

    @staticmethod
    def answer(waiting: queue.SimpleQueue, timeout: float = 30) -> dict:
        try:
            message = waiting.get(timeout=timeout)
        except queue.Empty:
            raise BrowserError(f"Chromium did not answer in {timeout} s") from None
        if "error" in message:
            raise BrowserError(message["error"].get("message", str(message["error"])))
        return message["result"]

    def call(self, method: str, timeout: float = 30, **params: Any) -> dict:
        return self.answer(self.send(method, **params), timeout)

    # What the tests use ---------------------------------------------------------

    def open(self, url: str, timeout: float = 30) -> None:
        """Go to ``url`` and wait for its load event."""
        while True:  # events of an earlier page are not this one's
            try:
                self.events.get_nowait()
            except queue.Empty:
                break
        self.call("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired", timeout)

    def wait_event(self, method: str, timeout: float = 30) -> dict:
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise BrowserError(f"no {method} in {timeout} s")
            try:
                message = self.events.get(timeout=left)
            except queue.Empty:
                continue
            if message.get("method") == method:
                return message.get("params", {})

    def evaluate(self, expression: str, timeout: float = 30) -> Any:
        """The value of a JavaScript expression in the page; a promise is awaited."""
        return self.value(self.send("Runtime.evaluate", expression=expression, awaitPromise=True,
                                    returnByValue=True), timeout)

    def value(self, waiting: queue.SimpleQueue, timeout: float = 30) -> Any:
        result = self.answer(waiting, timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(details.get("exception", {}).get("description", details["text"]))
        return result["result"].get("value")

    def screenshot(self, path, full_page: bool = False) -> None:
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=full_page)
        with open(path, "wb") as out:
            out.write(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            self.send("Browser.close", browser=True)
            self.process.wait(timeout=10)
        except (BrowserError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            for end in (self._out, self._in):
                try:
                    end.close()
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)
