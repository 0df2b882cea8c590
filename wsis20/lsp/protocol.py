"""What every feature says in the protocol's own terms: a compiler span as an
editor's range, and a refusal that tells the client why.

Apart from draft.py and positions.py, which stay free of pygls and lsprotocol.
"""

from __future__ import annotations

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

from ..source import Span
from .draft import OpenDraft


def span_range(draft: OpenDraft, span: Span) -> lsp.Range:
    """A compiler span as the editor's range."""
    (start_line, start_character), (end_line, end_character) = draft.range(span)
    return lsp.Range(lsp.Position(start_line, start_character), lsp.Position(end_line, end_character))


def refused(message: str) -> JsonRpcException:
    """The client asked for what cannot be (a rename off a label, a text not open):
    answered with the reason (RequestFailed); the server's guard does not log it as a crash."""
    return JsonRpcException(message=message, code=lsp.LSPErrorCodes.RequestFailed.value)
