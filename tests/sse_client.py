"""A client of the preview's /events stream (server-sent events), written by hand on
http.client, for the tests and benchmarks/preview.py: no browser and no client library
that could share a bug with the server."""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse


class Events:
    """One connection to ``/events``: ``next()`` reads the next event as (name, data)."""

    def __init__(self, url: str, path: str = "/events", timeout: float = 20.0):
        parts = urllib.parse.urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        self.connection.request("GET", path, headers={"Accept": "text/event-stream"})
        self.socket = self.connection.sock  # the response keeps it; the connection lets go of it
        self.response = self.connection.getresponse()

    def close(self) -> None:
        self.response.close()
        self.socket.close()

    def next(self, deadline: float | None = None) -> tuple[str, str]:
        """The next event, as the EventSource of a browser reads it: comments skipped,
        data lines joined, the name "message" when none is given. Past ``deadline``
        (time.monotonic()) a TimeoutError, though keep-alive comments still come."""
        name, data = "message", []
        while True:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError
            line = self.response.fp.readline()
            if not line:
                raise EOFError("the server closed the stream")
            line = line.decode("utf-8").rstrip("\r\n")
            if not line:
                if data:
                    return name, "\n".join(data)
                name = "message"
                continue
            if line.startswith(":"):
                continue
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)

    def wait(self, name: str, wanted=lambda data: True, timeout: float = 20.0) -> dict:
        """The first event called ``name`` whose JSON data passes ``wanted``; an
        AssertionError if none comes within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {name} event in {timeout} s")
            self.socket.settimeout(left)
            try:
                got, data = self.next(deadline)
            except TimeoutError:
                raise AssertionError(f"no {name} event in {timeout} s") from None
            if got == name:
                value = json.loads(data)
                if wanted(value):
                    return value
