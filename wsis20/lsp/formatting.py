"""Formatting: ``wsisc fmt`` on the editor's text, given back as the edits that
make it (textDocument/formatting).

The text is formatted by fmt's own function (``format_source``), refused as fmt
refuses a file (an error in reading or parsing it), and proved as fmt proves
its rewrites (same document, stable), so that the guarantee is fmt's: no word
is lost. The edits replace whole lines where the formatted text differs
(difflib on lines), so that the editor keeps its cursor and undo steps small.
A refusal is no edit and a message saying why.
"""

from __future__ import annotations

import difflib
import re
import traceback
from typing import NamedTuple

from lsprotocol import types as lsp
from pygls.server import LanguageServer

from ..commands import rewrite_problems
from ..commands.fmt import NotEquivalent, format_source
from ..diagnostics import Severity
from .draft import OpenDraft


class Refusal(NamedTuple):
    """Why a text is not formatted."""

    message: str


_LINES = re.compile(r"(?<=\n)")


def _blank(line: str) -> bool:
    """A line that may not anchor a match alone (it may extend one): blank lines are
    everywhere in a draft, and letting each match each other makes the diff
    quadratic in them (minutes for a few thousand paragraphs)."""
    return not line.strip()


def formatted(draft: OpenDraft, width: int | None = None) -> str | Refusal:
    """The draft as ``wsisc fmt`` would write it, or why fmt would not."""
    source, problems = rewrite_problems(draft.uri, draft.text.encode("utf-8", "surrogatepass"))
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        where = f" (line {first.span.line}, column {first.span.column})" if first.span else ""
        more = f", and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''}" if len(errors) > 1 else ""
        return Refusal(f"wsisc fmt: not formatted: {first.message}{where}{more}. Fix the errors first.")
    try:
        return format_source(source, width)
    except NotEquivalent as exc:
        return Refusal(f"wsisc fmt: not formatted: {exc}. This is a bug in wsisc; please report it with the file.")


def edits(draft: OpenDraft, new: str) -> list[lsp.TextEdit]:
    """The fewest whole-line edits that turn the draft's text into ``new``.

    Lines are compared in the compiler's text (line ends made ``\\n``), whose
    line numbers are the editor's, so a file with CRLF line ends that only
    those would change gets no edit; the new lines are written with the
    editor's line ends."""
    old = draft.source.text
    a, b = _LINES.split(old), _LINES.split(new)
    if a and a[-1] == "":
        a.pop()
    if b and b[-1] == "":
        b.pop()
    starts = draft.source.line_starts

    def at(line: int) -> lsp.Position:
        offset = starts[line] if line < len(a) else len(old)
        return lsp.Position(*draft.position(offset))

    found = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(_blank, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            found.append(lsp.TextEdit(range=lsp.Range(at(i1), at(i2)), new_text=draft.written("".join(b[j1:j2]))))
    return found


def register(server: LanguageServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: LanguageServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
        uri = params.text_document.uri
        draft = ls.draft(uri)  # a text not open is refused, as for every request
        try:
            result = formatted(draft)
            if not isinstance(result, Refusal):
                return edits(draft, result)
        except Exception as exc:  # noqa: BLE001 - one text's bug must not stop the server
            ls.show_message_log(f"wsisc: internal error while formatting {uri}: {type(exc).__name__}: {exc}\n"
                                f"{traceback.format_exc()}", lsp.MessageType.Error)
            result = Refusal(f"wsisc fmt: not formatted: internal error {type(exc).__name__}: {exc}. This is a bug "
                             "in wsisc; please report it with the file.")
        ls.show_message(result.message, lsp.MessageType.Warning)
        return []
