"""Completion: what may be typed where the cursor is, from the draft itself.

- after ``{@``: every label of the draft, with the number the reference would
  print here and the first words of its target;
- where an author's initials go (``{>>``, ``{++``, ``{--``, ``{~~``, and ``{+``
  or ``{-`` in a paragraph's attribute block): the initials declared under
  ``authors:``, with their delegation;
- after ``{.`` in a paragraph's attribute block: the statuses the parser takes;
- in the front matter or an annex block: the keys that block takes and has
  not got yet, and the values of the keys whose values are a closed set;
- at the start of a new block: ``#.`` and ``#+.`` (``PP#.``, ``PP#+.`` in a
  preamble), each with the number it would take there.

Every list is the compiler's own (the parser's statuses and keys, the numbering
pass, the reference pass), never a copy. Each item replaces the word already
typed (its ``textEdit`` range), so that the editor's filtering and the edit agree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lsprotocol import types as lsp
from pygls.server import LanguageServer

from .. import ast
from ..diagnostics import CODES as RULE_WORDS
from ..languages import CODES as LANGUAGES, NAMES as LANGUAGE_NAMES
from ..languages.views import status_words
from ..parse.blocks import RawFrontMatter, new_block_after, split
from ..parse.front_matter import ANNEX_KEYS, CANONICAL_ORDER, CHOICES
from ..parse.parser import marker_at, opens_block
from ..parse.to_ast import STATUSES
from ..transforms.checks import RULES
from ..transforms.numbering import number_if_placed, number_text
from ..transforms.references import cited_from, label_targets
from ..walk import Scope, plain_text
from .draft import OpenDraft
from .positions import docs_file
from .symbols import first_words

# `{@`, `{.`, `{>>`, `{++`, `{--`, `{~~`, `{+`, `{-` and `#.`, `#+.` end in these.
TRIGGERS = ["@", ".", ">", "+", "-", "~", "#"]
WORDS = 12  # of a label's target shown with it

_NAME_CHARACTER = re.compile(r"[\w.:-]")
_REFERENCE = re.compile(r"\{@([\w.:-]*)\Z")
_CHANGE_AUTHOR = re.compile(r"\{(?:>>|\+\+|--|~~)[ \t]*([^\s:/{}]*)\Z")
_ATTRIBUTES = re.compile(r"[ \t]*\{(?:[^{}\s]+[ \t]+)*([.+\-])([^\s{}]*)\Z")
_PARTIAL_MARKER = re.compile(r"(?:P|PP|PP#|PP#\+|#|#\+)?\Z")
_KEY = re.compile(r"[A-Za-z_][\w-]*\Z|\Z")
_GIVEN_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)
_VALUE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(\[(?:[^\],]*,[ \t]*)*)?([^\s,\[\]#:]*)\Z")
_LIST_ITEM = re.compile(r"[ \t]+-[ \t]+([\w-]*)\Z")


def complete(draft: OpenDraft, line: int, character: int) -> list[lsp.CompletionItem]:
    """The completions at an editor position of the draft."""
    text = draft.source.text
    at = draft.offset((line, character))
    start, end = draft.source.line_bounds(line + 1)
    if not start <= at <= end:
        return []
    before, after = text[start:at], text[at:end]
    front, raws = split(text)
    for raw in (front, *raws):
        if isinstance(raw, RawFrontMatter) and _in_yaml(raw, at):
            return _front_matter(draft, raw, raw is not front, line, at, before, after)
    for find in (_references, _change_authors, _attributes, _markers):
        found = find(draft, line, at, before, after)
        if found is not None:
            return found
    return []


def _in_yaml(raw: RawFrontMatter, at: int) -> bool:
    """Whether ``at`` is between the fences of a front matter or annex block
    (up to the end of the text when it is never closed)."""
    end = raw.offset + len(raw.text)
    return raw.offset <= at < end or (not raw.closed and bool(raw.text) and raw.offset <= at <= end)


def _word(draft: OpenDraft, at: int, after: str, typed: str,
          character: re.Pattern = _NAME_CHARACTER) -> tuple[lsp.Range, str]:
    """The range of the word being typed (``typed``, just before the cursor, and
    the characters of the same word after it), and what follows that word."""
    rest = 0
    while rest < len(after) and character.match(after[rest]):
        rest += 1
    start = draft.position(at - len(typed))
    end = draft.position(at + rest)
    return lsp.Range(lsp.Position(*start), lsp.Position(*end)), after[rest:]


def _item(label: str, kind: lsp.CompletionItemKind, new_text: str, where: lsp.Range, *, detail: str | None = None,
          documentation: str | None = None, sort: int | None = None,
          filter_text: str | None = None) -> lsp.CompletionItem:
    return lsp.CompletionItem(label=label, kind=kind, detail=detail, documentation=documentation,
                              sort_text=None if sort is None else f"{sort:04d}", filter_text=filter_text,
                              text_edit=lsp.TextEdit(range=where, new_text=new_text))


# ----------------------------------------------------------------- {@label}

def _references(draft: OpenDraft, line: int, at: int, before: str, after: str):
    m = _REFERENCE.search(before)
    if m is None or draft.document is None:
        return None
    where, rest = _word(draft, at, after, m.group(1))
    closing = "" if rest.startswith("}") else "}"
    scope = draft.scope_at(at)
    targets, _ = label_targets(draft.document)
    return [_item(name, lsp.CompletionItemKind.Reference, name + closing, where,
                  detail=cited_from(target, scope.index if scope else 0, draft.document),
                  documentation=_first_words(target.node), sort=index)
            for index, (name, target) in enumerate(targets.items())]


def _first_words(node: ast.Paragraph | ast.SubParagraph | ast.Annex) -> str:
    """The first words of a label's target: a paragraph's, or an annex's title."""
    if isinstance(node, ast.Annex):
        return first_words(" ".join(part for part in (node.label, node.front.title) if part), WORDS)
    return first_words(plain_text(node.content), WORDS)


# ----------------------------------------------------------------- authors

def _authors(draft: OpenDraft, where: lsp.Range, colon: bool) -> list[lsp.CompletionItem]:
    front = draft.document.front if draft.document else None
    if front is None:
        return []
    return [_item(initials, lsp.CompletionItemKind.Value, initials + (": " if colon else ""), where,
                  detail=name, sort=index)
            for index, (initials, name) in enumerate(front.authors)]


def _change_authors(draft: OpenDraft, line: int, at: int, before: str, after: str):
    """The author of a comment or a change: its first word, before a colon."""
    m = _CHANGE_AUTHOR.search(before)
    if m is None:
        return None
    where, rest = _word(draft, at, after, m.group(1), re.compile(r"[^\s:/{}]"))
    if not rest.startswith(":"):  # the words after the cursor are the text, not initials being edited
        where, rest = _word(draft, at, "", m.group(1))
    return _authors(draft, where, colon=not rest.startswith(":"))


# ----------------------------------------------------------------- {.status +EU}

def _new_block(draft: OpenDraft, line: int) -> bool:
    """Whether the editor's line ``line`` starts a block (as the parser cuts them)."""
    return new_block_after(draft.source.line_text(line) if line else None)


def _attributes(draft: OpenDraft, line: int, at: int, before: str, after: str):
    """A paragraph's attribute block, right after the marker that opens its block."""
    if not _new_block(draft, line):
        return None
    marker = marker_at(before)
    if marker is None:
        return None
    m = _ATTRIBUTES.match(before, before.index(marker) + len(marker))
    if m is None:
        return None
    sign, typed = m.groups()
    where, _ = _word(draft, at, after, typed, re.compile(r"[^\s{}]"))
    if sign != ".":
        return _authors(draft, where, colon=False)
    language = draft.document.front.language if draft.document else "en"
    words = status_words(language)
    return [_item(status, lsp.CompletionItemKind.EnumMember, status, where,
                  detail=words.get(status, "the default: no status shown"), sort=index)
            for index, status in enumerate(STATUSES)]


# ----------------------------------------------------------------- #. and #+.

_MARKERS = {  # the automatic markers of each part, as the markup writes them
    "preamble": (("PP#.", "next"), ("PP#+.", "insert")),
    "operative": (("#+.", "insert"), ("#.", "next")),
}


def _markers(draft: OpenDraft, line: int, at: int, before: str, after: str):
    """The automatic markers at the start of a new block, with the number each
    would take there (negotiation numbering, the draft's own)."""
    if _PARTIAL_MARKER.match(before) is None or draft.document is None:
        return None
    if not _new_block(draft, line) or opens_block(before + after):  # a marker or heading is there
        return None
    scope = draft.scope_at(at)
    here = line + 1
    earlier = tuple(b for b in scope.blocks if b.span.line < here)
    later = tuple(b for b in scope.blocks if b.span.line > here)
    blocks = earlier + later
    in_preamble = not any(isinstance(b, ast.Paragraph) and b.part == "operative" for b in earlier)
    candidates = [*_MARKERS["preamble"], ("#.", "next")] if in_preamble else list(_MARKERS["operative"])
    where = lsp.Range(lsp.Position(*draft.position(at - len(before))), lsp.Position(*draft.position(at)))
    space = "" if after[:1] in (" ", "\t") else " "
    found = []
    for marker, kind in candidates:
        part = "preamble" if marker.startswith("PP") else "operative"
        number = number_if_placed(blocks, len(earlier), part, kind, draft.source.span(at, at))
        if number is not None:
            # Only a number written out stays: automatic ones after it move along.
            used = any(isinstance(b, ast.Paragraph) and b.part == part and b.marker is not None
                       and b.marker.number == number for b in blocks)
            found.append((used, marker, kind, number_text(part, number, scope.front.preamble_numbering),
                          _number_before(earlier, part)))
    found.sort(key=lambda candidate: candidate[0])  # a number already used last
    return [_marker_item(marker, kind, num, before_num, used, scope, where, space, index)
            for index, (used, marker, kind, num, before_num) in enumerate(found)]


def _number_before(earlier: tuple[ast.Block, ...], part: str) -> str | None:
    for block in reversed(earlier):
        if isinstance(block, ast.Paragraph) and block.part == part and block.num is not None:
            return block.num
    return None


def _marker_item(marker: str, kind: str, num: str, before: str | None, used: bool, scope: Scope,
                 where: lsp.Range, space: str, sort: int) -> lsp.CompletionItem:
    where_words = f"annex {scope.label}" if scope.index else "the body"
    if kind == "insert":
        documentation = f"A paragraph inserted after {before}: {num}."
    elif before is None:
        documentation = f"The first {'preambular' if marker.startswith('PP') else 'operative'} paragraph: {num}."
    else:
        documentation = f"The next paragraph after {before}: {num}."
    if used:
        documentation += f" {num} is already used in {where_words}: the draft would have it twice."
    return _item(marker, lsp.CompletionItemKind.Keyword, marker + space, where,
                 detail=f"{marker} ({num} here)", documentation=documentation, sort=sort, filter_text=marker)


# ----------------------------------------------------------------- front matter

def _front_matter(draft: OpenDraft, raw: RawFrontMatter, annex: bool, line: int, at: int, before: str,
                  after: str) -> list[lsp.CompletionItem]:
    line_start = at - len(before)
    if _KEY.match(before) and not after[:1].isspace():  # a key at the start of its line
        where, rest = _word(draft, at, after, before, re.compile(r"[\w-]"))
        own = _GIVEN_KEY.match(draft.source.text, line_start)
        given = {m.group(1) for m in _GIVEN_KEY.finditer(raw.text)} - ({own.group(1)} if own else set())
        known = ANNEX_KEYS if annex else CANONICAL_ORDER
        described = _descriptions(annex)
        colon = "" if rest.lstrip(" \t").startswith(":") else ": "
        return [_item(key, lsp.CompletionItemKind.Property, key + colon, where,
                      documentation=described.get(key), sort=index)
                for index, key in enumerate(known) if key not in given]
    value = _VALUE.match(before)
    if value is not None:
        key, flow, typed = value.groups()
        if flow and key != "ignore":
            return []
    else:
        item = _LIST_ITEM.match(before)
        key = _list_key(raw, draft.source.text, line_start) if item else None
        if key != "ignore":
            return []
        typed = item.group(1)
    where, _ = _word(draft, at, after, typed, re.compile(r"[\w-]"))
    return [_item(choice, lsp.CompletionItemKind.EnumMember, choice, where, detail=detail,
                  documentation=documentation, sort=index)
            for index, (choice, detail, documentation) in enumerate(_values(key))]


def _list_key(raw: RawFrontMatter, text: str, line_start: int) -> str | None:
    """The key whose list a `- item` line belongs to: the last key at the start of a line above it."""
    above = text[raw.offset:line_start]
    keys = _GIVEN_KEY.findall(above)
    return keys[-1] if keys else None


def _values(key: str) -> list[tuple[str, str | None, str | None]]:
    """The values a key takes when they are a closed set: each with its name
    (detail) or what it does (documentation)."""
    if key == "language":
        return [(code, LANGUAGE_NAMES[code], None) for code in LANGUAGES]
    if key in CHOICES:
        return [(choice, None, None) for choice in CHOICES[key]]
    if key == "stage":  # any words; this one selects the adopted form
        return [(ast.ADOPTED, None, "the adopted form: the resolution as the General Assembly publishes it")]
    if key == "ignore":
        return [(rule, None, RULE_WORDS[rule][1]) for rule in RULES]
    return []


_YAML_COMMENT = re.compile(r"([a-z_]+):[^#\n]*?[ \t]#[ \t]+(.+?)\s*\Z")
_TABLE_ROW = re.compile(r"\|\s*`([a-z_]+)`\s*\|\s*(.+?)\s*\|\s*\Z")


def _descriptions(annex: bool) -> dict[str, str]:
    return _read_descriptions(str(docs_file("markup.md") or ""))[1 if annex else 0]


@lru_cache(maxsize=1)
def _read_descriptions(path: str) -> tuple[dict[str, str], dict[str, str]]:
    """What docs/markup.md says of each front-matter key: the comment after it in
    its YAML examples; for an annex block, its row in the table of "Annexes" (the
    file's description otherwise). Nothing without the docs (a wheel does not ship them)."""
    if not path:
        return {}, {}
    front: dict[str, str] = {}
    annex: dict[str, str] = {}
    fenced = False
    section = ""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if line.startswith("## "):
            section = line[3:].strip()
        m = _YAML_COMMENT.match(line) if fenced else _TABLE_ROW.match(line)
        if m is None:
            continue
        if fenced:
            front.setdefault(m.group(1), m.group(2))
        elif section == "Annexes" and m.group(1) in ANNEX_KEYS:
            annex.setdefault(m.group(1), m.group(2))
    return front, {key: annex.get(key) or front.get(key) for key in ANNEX_KEYS if annex.get(key) or front.get(key)}


def register(server: LanguageServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=TRIGGERS))
    def completion(ls: LanguageServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        draft = ls.draft(params.text_document.uri)
        items = complete(draft, params.position.line, params.position.character)
        return lsp.CompletionList(is_incomplete=False, items=items)
