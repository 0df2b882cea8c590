"""The language server: diagnostics as the drafter types.

Each open or change compiles the editor's text once into an ``OpenDraft`` (the
pipeline ``wsisc check`` uses: parse and checks, no writer), publishes its
diagnostics, and keeps it for the requests that follow (hover, completion, ...),
which live in their own modules and are registered by ``make_server``.

As the drafter types, a check waits for a short quiet time (``DELAY``; the
client's ``initializationOptions`` ``{"diagnosticDelay": ms}``), so that a burst
of changes is checked once; opening and saving check at once. Diagnostics are
published with the version of the text they were found in, never after a newer
one's. A crash in any handler is logged to the client with its traceback
(window/logMessage); a request answers with a JSON-RPC error, and the server
keeps serving. The server writes no file (commands/lsp.py makes the cache
read-only).
"""

from __future__ import annotations

import asyncio
import functools
import threading
import traceback

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.protocol.language_server import LanguageServerProtocol, lsp_method
from pygls.server import LanguageServer

from .. import __version__
from ..diagnostics import Diagnostic, Severity
from . import actions, completion, formatting, navigation, preview
from .draft import OpenDraft
from .positions import apply_change, code_href
from .protocol import refused, span_range

SOURCE = "wsisc"
# The quiet time after a change before its text is checked, in seconds. Checking
# the zero draft takes about 16 ms (docs/editors.md, "Speed and safety"), so a
# check after each keystroke would keep up; the wait is for bursts: a key held
# down repeats every 30-40 ms, and an editor's multi-cursor edit, paste or undo
# may send several changes at once. 50 ms folds those into one check and still
# shows diagnostics within 100 ms of the last keystroke.
DELAY = 0.05
MAX_DELAY_MS = 10_000


def to_lsp(draft: OpenDraft, diagnostic: Diagnostic) -> lsp.Diagnostic:
    span = diagnostic.span
    where = span_range(draft, span) if span else lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
    related = [lsp.DiagnosticRelatedInformation(location=lsp.Location(uri=draft.uri, range=span_range(draft, r.span)),
                                                message=r.message)
               for r in diagnostic.related if r.source is None]  # another file's place has no URI of its own here
    message = diagnostic.message + "".join(f"\nhelp: {hint}" for hint in diagnostic.hints)
    href = code_href(diagnostic.code)
    return lsp.Diagnostic(
        range=where,
        message=message,
        severity=lsp.DiagnosticSeverity.Error if diagnostic.severity is Severity.ERROR
        else lsp.DiagnosticSeverity.Warning,
        code=diagnostic.code,
        code_description=lsp.CodeDescription(href=href) if href else None,
        source=SOURCE,
        related_information=related or None,
    )


def diagnose(draft: OpenDraft) -> list[lsp.Diagnostic]:
    """The diagnostics of one text, as ``wsisc check`` finds them."""
    return [to_lsp(draft, d) for d in draft.compiled.diagnostics]


class WsiscProtocol(LanguageServerProtocol):
    """pygls's protocol with the editor's text kept as LSP counts it."""

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams) -> lsp.InitializeResult:
        # Positions are UTF-16 units, which every client supports (LSP 3.17): pygls
        # would choose UTF-32 or UTF-8 if the client listed one but not UTF-16.
        general = params.capabilities.general
        if general is not None and general.position_encodings is not None:
            general.position_encodings = [lsp.PositionEncodingKind.Utf16]
        self._server.configure(params.initialization_options)
        # The base method itself, not its wrapper, which would call a registered
        # `initialize` feature a second time after this method's own call.
        return LanguageServerProtocol.lsp_initialize.__wrapped__(self, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        """Apply the changes with LSP's line ends (positions.apply_change), not
        pygls's, which splits lines at U+000B (Word's line break), U+2028 and others too."""
        uri = params.text_document.uri
        if uri not in self.workspace.text_documents:
            self._server.show_message_log(f"wsisc: a change to {uri}, which is not open, ignored",
                                          lsp.MessageType.Warning)
            return
        text = self.workspace.get_text_document(uri).source
        for change in params.content_changes:
            if isinstance(change, lsp.TextDocumentContentChangeEvent_Type1):
                start, end = change.range.start, change.range.end
                text = apply_change(text, (start.line, start.character), (end.line, end.character), change.text)
            else:
                text = change.text
        self.workspace.update_text_document(params.text_document,
                                            lsp.TextDocumentContentChangeEvent_Type2(text=text))


def guarded(server: "WsiscServer", name: str, handler):
    """``handler`` with its crashes logged to the client (window/logMessage, with the
    traceback), then raised again: pygls answers a request with a JSON-RPC error
    (-32603, Internal Error) and goes on serving. Keeps what pygls reads of a
    handler: its signature, a coroutine stays one, @server.thread's mark."""
    if asyncio.iscoroutinefunction(handler):
        @functools.wraps(handler)
        async def guard_async(*args, **kwargs):
            try:
                return await handler(*args, **kwargs)
            except JsonRpcException:
                raise
            except Exception as exc:
                server.log_crash(name, exc)
                raise
        return guard_async

    @functools.wraps(handler)
    def guard(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except JsonRpcException:  # a refusal that says why (a rename off a label, a draft not open)
            raise
        except Exception as exc:
            server.log_crash(name, exc)
            raise
    return guard


class WsiscServer(LanguageServer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, protocol_cls=WsiscProtocol, **kwargs)
        self.drafts: dict[str, OpenDraft] = {}
        self.delay = DELAY
        self.pending: dict[str, asyncio.TimerHandle] = {}  # uri -> its check to come

    def feature(self, feature_name: str, options=None):
        """pygls's decorator, with every handler ``guarded``."""
        return self._guarding(feature_name, super().feature(feature_name, options))

    def command(self, command_name: str):
        """pygls's decorator for workspace/executeCommand, with every command ``guarded``."""
        return self._guarding(command_name, super().command(command_name))

    def _guarding(self, name: str, register):
        def decorator(handler):
            register(guarded(self, name, handler))
            return handler
        return decorator

    def configure(self, options: object) -> None:
        """The client's initializationOptions: ``diagnosticDelay``, in milliseconds
        (0: check each change at once). Anything else is ignored, with a warning."""
        if not isinstance(options, dict) or "diagnosticDelay" not in options:
            return
        value = options["diagnosticDelay"]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= MAX_DELAY_MS:
            self.delay = value / 1000
        else:
            self.show_message_log(f"wsisc: diagnosticDelay must be a number of milliseconds from 0 to "
                                  f"{MAX_DELAY_MS}, not {value!r}; keeping {self.delay * 1000:g}",
                                  lsp.MessageType.Warning)

    def log_crash(self, what: str, exc: BaseException) -> None:
        exc.wsisc_logged = True  # once: report_server_error sees it again when pygls does
        message = (f"wsisc: internal error in {what}: {type(exc).__name__}: {exc}\n"
                   + "".join(traceback.format_exception(exc)))
        if threading.current_thread() is threading.main_thread():
            self.show_message_log(message, lsp.MessageType.Error)
        else:  # a handler run by @server.thread: the loop's thread writes to the client
            self.loop.call_soon_threadsafe(self.show_message_log, message, lsp.MessageType.Error)

    def report_server_error(self, error: Exception, source) -> None:
        """What pygls reports: a handler's crash, which its guard logged already, or a
        crash outside any handler (a message it cannot write, ...), logged here with
        its traceback; then pygls's own message to the user, for what is not a request."""
        # A JsonRpcException (a method not found, parameters that are not the method's)
        # is the client's mistake, answered as such: nothing to log.
        if not getattr(error, "wsisc_logged", False) and not isinstance(error, JsonRpcException):
            self.log_crash("the server", error)
        super().report_server_error(error, source)

    def draft(self, uri: str) -> OpenDraft:
        """The open draft at ``uri`` as the editor now holds it, compiled once per version.

        A URI the editor has not opened (or has closed) is refused: pygls would read the
        file from disk, any file the client names, and answer with its contents."""
        if uri not in self.workspace.text_documents:
            raise refused(f"wsisc: {uri} is not open in the editor; open it first")
        document = self.workspace.get_text_document(uri)
        known = self.drafts.get(uri)
        if known is None or known.text != document.source:
            known = self.drafts[uri] = OpenDraft.of(uri, document.source, document.version)
        return known

    def lsp_diagnostic(self, draft: OpenDraft, diagnostic: Diagnostic) -> lsp.Diagnostic:
        """One of the draft's diagnostics as published: for the features that name one
        (a code action's), without importing this module back."""
        return to_lsp(draft, diagnostic)

    # Diagnostics -----------------------------------------------------------

    def check_now(self, uri: str) -> None:
        self.forget(uri)
        self.publish(uri)

    def check_soon(self, uri: str) -> None:
        """Check after the quiet time, unless another change comes first and puts it off."""
        self.forget(uri)
        if self.delay <= 0:
            self.publish(uri)
        else:
            self.pending[uri] = self.loop.call_later(self.delay, self._due, uri)

    def forget(self, uri: str) -> None:
        """Cancel the check to come, if any."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()

    def _due(self, uri: str) -> None:
        self.pending.pop(uri, None)
        self.publish(uri)

    def publish(self, uri: str) -> None:
        """Check the text as the editor now holds it and publish with its version.
        Every message is handled on the loop's thread and a check runs there from
        start to end, so no change can come between reading the text and publishing."""
        document = self.workspace.text_documents.get(uri)
        if document is None:  # closed meanwhile
            return
        version = document.version
        try:
            found = diagnose(self.draft(uri))
        except Exception as exc:  # noqa: BLE001 - one text's bug must not stop the server
            self.drafts.pop(uri, None)
            self.log_crash(f"checking {uri}", exc)
            found = []
        self.publish_diagnostics(uri, found, version)


def make_server() -> WsiscServer:
    server = WsiscServer("wsisc", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: WsiscServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.check_now(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: WsiscServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.check_soon(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: WsiscServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.check_now(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: WsiscServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)
        ls.drafts.pop(params.text_document.uri, None)
        ls.publish_diagnostics(params.text_document.uri, [])

    # Each feature's module registers its own handlers here: `module.register(server)`.
    actions.register(server)
    preview.register(server)
    navigation.register(server)
    completion.register(server)
    formatting.register(server)
    return server


def serve() -> None:
    make_server().start_io()
