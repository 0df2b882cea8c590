"""The language server: diagnostics as the drafter types (full-text sync for now).

Each open or change compiles the editor's text once into an ``OpenDraft`` (the
pipeline ``wsisc check`` uses: parse and checks, no writer), publishes its
diagnostics, and keeps it for the requests that follow (hover, completion, ...),
which live in their own modules and are registered by ``make_server``. A crash while compiling one text is logged to the
client as an error and the server keeps serving; the document's earlier
diagnostics are cleared rather than left pointing at text that changed.
"""

from __future__ import annotations

import traceback

from lsprotocol import types as lsp
from pygls.server import LanguageServer

from .. import __version__
from ..diagnostics import Diagnostic, Severity
from ..source import SourceFile
from . import navigation
from .draft import OpenDraft
from .positions import code_href, position

SOURCE = "wsisc"


def _range(source: SourceFile, start: int, end: int, bom: bool) -> lsp.Range:
    start_line, start_character = position(source, start, bom)
    end_line, end_character = position(source, max(start, end), bom)
    return lsp.Range(lsp.Position(start_line, start_character), lsp.Position(end_line, end_character))


def to_lsp(uri: str, source: SourceFile, diagnostic: Diagnostic, bom: bool = False) -> lsp.Diagnostic:
    span = diagnostic.span
    where = _range(source, span.start, span.end, bom) if span else lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
    related = [lsp.DiagnosticRelatedInformation(
                   location=lsp.Location(uri=uri, range=_range(r.source or source, r.span.start, r.span.end, bom)),
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
    return [to_lsp(draft.uri, draft.source, d, draft.bom) for d in draft.compiled.diagnostics]


class WsiscServer(LanguageServer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.drafts: dict[str, OpenDraft] = {}

    def draft(self, uri: str) -> OpenDraft:
        """The open draft at ``uri`` as the editor now holds it, compiled once per version."""
        document = self.workspace.get_text_document(uri)
        known = self.drafts.get(uri)
        if known is None or known.text != document.source:
            known = self.drafts[uri] = OpenDraft.of(uri, document.source, document.version)
        return known

    def publish(self, uri: str, version: int | None) -> None:
        try:
            found = diagnose(self.draft(uri))
        except Exception as exc:  # noqa: BLE001 - one text's bug must not stop the server
            self.drafts.pop(uri, None)
            self.show_message_log(f"wsisc: internal error while checking {uri}: {type(exc).__name__}: {exc}\n"
                                  f"{traceback.format_exc()}", lsp.MessageType.Error)
            found = []
        self.publish_diagnostics(uri, found, version)


def make_server() -> WsiscServer:
    server = WsiscServer("wsisc", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: WsiscServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri, params.text_document.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: WsiscServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.publish(params.text_document.uri, params.text_document.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: WsiscServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.drafts.pop(params.text_document.uri, None)
        ls.publish_diagnostics(params.text_document.uri, [])

    # Each feature's module registers its own handlers here: `module.register(server)`.
    navigation.register(server)
    return server


def serve() -> None:
    make_server().start_io()
