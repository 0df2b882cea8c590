"""The live preview from the editor: the language server serves the draft's HTML
view, built from the editor's text (not the file on disk), and scrolls it to the
paragraph under the cursor.

- ``workspace/executeCommand`` ``wsisc.preview`` [uri] starts the preview server
  (wsis20/preview.py, the one `wsisc watch` uses: 127.0.0.1, the page and its
  event stream) for that draft and returns its URL; asked again for another
  draft, the same server shows that one. ``initializationOptions``
  ``{"previewPort": N}`` chooses the port (default: any free one).
- Each change of the draft rebuilds the page (after DEBOUNCE without a further
  change), and pushes it, or the diagnostics in the compiler's text form when
  the draft does not build.
- The page scrolls to the paragraph under the cursor: the custom notification
  ``wsisc/cursor`` {uri, position} says where it is (the VS Code extension sends
  it on each selection change); so do, for editors that send no such thing, a
  request at a position (hover, definition, ...) and a change (where the text
  changed first).

The server reads those positions off the messages as they come in (``_tap``),
before any feature's handler, so that no handler of another feature is
replaced. The page is built by the HTML writer alone: no PDF library is loaded.
"""

from __future__ import annotations

import os
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.uris import to_fs_path

from ..preview import Preview, Served, headline
from .draft import OpenDraft, Position
from .positions import utf16_length
from .protocol import refused

COMMAND = "wsisc.preview"
CURSOR = "wsisc/cursor"
DEBOUNCE = 0.04  # seconds without a further change before the page is rebuilt
# Requests at a position: the editor's cursor is there.
AT_POSITION = frozenset({lsp.TEXT_DOCUMENT_HOVER, lsp.TEXT_DOCUMENT_DEFINITION, lsp.TEXT_DOCUMENT_DECLARATION,
                         lsp.TEXT_DOCUMENT_REFERENCES, lsp.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT,
                         lsp.TEXT_DOCUMENT_COMPLETION, lsp.TEXT_DOCUMENT_SIGNATURE_HELP})


# Pure functions ----------------------------------------------------------------

def eid_at(draft: OpenDraft, where: Position) -> str | None:
    """The HTML id of the paragraph under the editor position ``where``, if any."""
    placed = draft.paragraph_at(draft.offset(where))
    return placed.paragraph.eid if placed is not None else None


def first_change(old: str, new: str) -> Position | None:
    """Where ``new`` first differs from ``old``, as an editor position in ``new``; None if equal."""
    if old == new:
        return None
    at = len(os.path.commonprefix([old, new]))
    line_start = new.rfind("\n", 0, at) + 1
    return new.count("\n", 0, at), utf16_length(new[line_start:at])


def page_of(uri: str, text: str) -> tuple[bytes | None, str, str]:
    """The negotiation view of ``text`` as one HTML page, built as `wsisc build -o x.html`
    builds it (the logo from the draft's folder); or None, with the headline and the
    diagnostics in the compiler's text form, when it does not build."""
    from ..commands.build import Job, produce

    path = to_fs_path(uri) or uri
    job = Job(path, text.encode("utf-8", "surrogatepass"), Path(Path(path).stem + ".html"), "html",
              "negotiation", True, "a4")
    outcome, page = produce(job)
    return page, ("" if page is not None else headline(outcome)), outcome.report


def _field(value: Any, *names: str) -> Any:
    """A field of a message's params, typed (lsprotocol) or not (a dict, an Object)."""
    for name in names:
        if isinstance(value, dict):
            if name in value:
                return value[name]
        elif hasattr(value, name):
            return getattr(value, name)
    return None


def _position(params: Any) -> Position | None:
    where = _field(params, "position")
    line, character = _field(where, "line"), _field(where, "character")
    return (line, character) if isinstance(line, int) and isinstance(character, int) else None


# The preview of one language server ------------------------------------------

class Previewer:
    """The page of the draft last asked for, rebuilt in a thread of its own."""

    def __init__(self, ls):
        self.ls = ls
        self.port: int | None = 0
        self.uri: str | None = None
        self.served: Served | None = None
        self._built: str | None = None  # the text of the page shown
        self._building = threading.Lock()
        self._wake = threading.Condition()
        self._due: float | None = None
        self._moved: Position | None = None  # where the last change was, to scroll to once built

    def start(self, uri: str) -> str:
        if uri not in self.ls.workspace.text_documents:  # else the file on disk would be read and served
            raise refused(f"{COMMAND}: {uri} is not open in the editor; open it first")
        if self.served is None:
            self.served = Served(Preview(), self.port)
            threading.Thread(target=self._run, name="wsisc-preview-build", daemon=True).start()
        with self._wake:
            if uri != self.uri:
                self.uri, self._built = uri, None
            self.served.preview.name = Path(to_fs_path(uri) or uri).stem + ".html"
        self._refresh(uri)  # now, so that the address opens on the page
        return self.served.url

    def changed(self, uri: str, params: Any) -> None:
        """A didChange, before the server applies it: rebuild, and scroll to where the text changed."""
        if uri != self.uri:
            return
        changes = _field(params, "content_changes", "contentChanges") or []
        moved = None
        if changes:
            last = changes[-1]
            span = _field(last, "range")
            if span is not None:
                moved = _position({"position": _field(span, "start")})
            else:
                old = self.ls.workspace.get_text_document(uri).source
                moved = first_change(old, _field(last, "text") or "")
        with self._wake:
            self._moved = moved or self._moved
        self._schedule(DEBOUNCE)

    def follow(self, uri: str, where: Position) -> None:
        """The cursor is at ``where`` in ``uri``: scroll the page to its paragraph."""
        if uri != self.uri or self.served is None or uri not in self.ls.workspace.text_documents:
            return  # closed since the preview started: nothing under a cursor
        eid = eid_at(self.ls.draft(uri), where)
        if eid is not None:
            self.served.preview.scroll(eid)

    def _schedule(self, delay: float) -> None:
        with self._wake:
            self._due = time.monotonic() + delay
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while True:
                    left = None if self._due is None else self._due - time.monotonic()
                    if left is not None and left <= 0:
                        break
                    self._wake.wait(left)
                self._due, moved, self._moved = None, self._moved, None
                uri = self.uri
            self._refresh(uri, moved)

    def _refresh(self, uri: str, moved: Position | None = None) -> None:
        try:
            self._build(uri)
            if moved is not None:
                self.follow(uri, moved)
        except Exception as exc:  # noqa: BLE001 - one text's bug must not stop the preview
            # Written by the server's own loop: two threads must not write to its output at once.
            self.ls.loop.call_soon_threadsafe(self.ls.show_message_log,
                                              f"wsisc: internal error in the preview of {uri}: "
                                              f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}",
                                              lsp.MessageType.Error)

    def _build(self, uri: str) -> None:
        with self._building:
            text = self.ls.workspace.get_text_document(uri).source
            if text == self._built:
                return
            page, why, report = page_of(uri, text)
            self._built = text
            if page is not None:
                self.served.preview.show(page)
            else:
                self.served.preview.fail(why, report)


def _tap(server, previewer: Previewer) -> None:
    """Let ``previewer`` see each message before it is handled: the initialization
    options, the changes, and the position of every request made at one."""
    handle = server.lsp._procedure_handler

    def tapped(message):
        method, params = getattr(message, "method", None), getattr(message, "params", None)
        try:
            if method == lsp.INITIALIZE:
                port = _field(_field(params, "initialization_options", "initializationOptions"), "previewPort")
                previewer.port = port if isinstance(port, int) and 0 <= port < 65536 else previewer.port
            elif method == lsp.TEXT_DOCUMENT_DID_CHANGE:
                previewer.changed(_field(_field(params, "text_document"), "uri"), params)
            elif method in AT_POSITION:
                where = _position(params)
                if where is not None:
                    previewer.follow(_field(_field(params, "text_document"), "uri"), where)
        except Exception as exc:  # noqa: BLE001 - the preview must never stop the message
            server.show_message_log(f"wsisc: internal error in the preview: {type(exc).__name__}: {exc}",
                                    lsp.MessageType.Error)
        return handle(message)

    server.lsp._procedure_handler = tapped


def register(server) -> None:
    previewer = server.previewer = Previewer(server)
    _tap(server, previewer)

    @server.command(COMMAND)
    def preview(ls, arguments: list) -> str:
        uri = arguments[0] if arguments and isinstance(arguments[0], str) else None
        if uri is None:
            raise refused(f"{COMMAND} takes the URI of an open draft")
        return previewer.start(uri)

    @server.feature(CURSOR)
    def cursor(ls, params) -> None:
        uri, where = _field(params, "uri"), _position(params)
        if isinstance(uri, str) and where is not None:
            previewer.follow(uri, where)
