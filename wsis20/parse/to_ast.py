"""Lark's tree of one block -> AST nodes. Nothing after this module sees a Tree or a Token.

Problems found while building (an unknown suffix, a marker that lost its dot)
are returned as diagnostics, never raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from .. import ast
from ..diagnostics import Diagnostic, closest, make
from ..numbers import SUFFIXES, Number, from_letters, from_roman, ordinal, rank_of
from ..source import SourceFile, Span
from .blocks import RawBlock
from .parser import (Token, Tree, bullet_at, escape_position, is_plain_text, marker_at, mistyped_marker,
                     mistyped_sub_marker, token_span)

_OP = re.compile(r"(?:OP\s*)?(\d{1,6})\s?([^\W\d_]*)\.")  # six digits at most, as the grammar's markers
_PP_NUMBER = re.compile(r"PP\s*(\d{1,6})\s?([^\W\d_]*)\.")
_PP_LETTERS = re.compile(r"([A-Z]{1,2})([^\W\d_]*)\.")
_AUTOMATIC = re.compile(r"(?:PP|OP)?#\+?\.")
_AUTHOR = re.compile(r"[ \t]*([^\s:/]{1,16}):(?!//)[ \t]*")


class MarkerParts(NamedTuple):
    """What a paragraph marker says, as written: ``12bis.``, ``OP3.``, ``PP3.``, ``Cbis.``, ``#+.``."""

    part: ast.Part
    automatic: ast.MarkerKind | None  # "next" (``#.``) or "insert" (``#+.``); None for a number
    base: int | None = None  # 12 for ``12bis.``, 3 for ``C.``
    suffix: str = ""  # the suffix word as written ("bis"), checked by whoever builds the marker
    letters: str | None = None  # a preamble's letters as written ("C", "AA")


def is_author(initials: str) -> bool:
    """Initials that the parser reads back as a comment's or change's author (`EU` in `{++EU: ...++}`)."""
    return _AUTHOR.fullmatch(initials + ":") is not None and is_plain_text(initials)


def initials_at(text: str, at: int) -> tuple[int, int] | None:
    """Where the author's initials are written when a comment's or change's text
    starts at ``at`` (just after `{>>`, `{++`, ...): their start and end, or None."""
    m = _AUTHOR.match(text, at)
    return m.span(1) if m else None


def marker_parts(written: str) -> MarkerParts | None:
    """A marker's parts, read as the grammar's marker terminals read them (the
    Akoma Ntoso import reads the markers it exported so); None for anything else."""
    if _AUTOMATIC.fullmatch(written):
        return MarkerParts("preamble" if written.startswith("PP") else "operative",
                           "insert" if "+" in written else "next")
    if m := _OP.fullmatch(written):
        return MarkerParts("operative", None, int(m.group(1)), m.group(2))
    if m := _PP_NUMBER.fullmatch(written):
        return MarkerParts("preamble", None, int(m.group(1)), m.group(2))
    if m := _PP_LETTERS.fullmatch(written):
        return MarkerParts("preamble", None, from_letters(m.group(1)), m.group(2), m.group(1))
    return None


@dataclass(frozen=True, slots=True)
class RawSub:
    """A sub-paragraph before nesting: its level depends on the ones around it."""

    indentation: str  # the spaces and tabs before its marker, as written
    span: Span
    marker_span: Span
    written: str
    label: ast.Label | None
    content: tuple[ast.Inline, ...]


@dataclass(frozen=True, slots=True)
class Continuation:
    """Sub-paragraphs that follow a blank line: they belong to the paragraph before."""

    span: Span
    subs: tuple[RawSub, ...]


@dataclass(frozen=True, slots=True)
class BuiltParagraph:
    paragraph: ast.Paragraph  # without sub-paragraphs
    subs: tuple[RawSub, ...]


BuiltBlock = ast.Heading | BuiltParagraph | Continuation


MAX_DEPTH = 50  # constructs inside constructs; far beyond any real draft


class TooDeep(Exception):
    """A block nests constructs more than MAX_DEPTH deep: refused before any
    recursive pass could run out of stack."""

    def __init__(self, span: Span):
        self.span = span


class BlockBuilder:
    def __init__(self, source: SourceFile, block: RawBlock, diagnostics: list[Diagnostic]):
        self.source = source
        self.block = block
        self.diagnostics = diagnostics
        self.depth = 0

    # ------------------------------------------------------------ positions

    def span(self, token: Token) -> Span:
        return token_span(self.source, self.block, token)

    def tree_span(self, tree: Tree) -> Span:
        return self.span(_first_token(tree)).cover(self.span(_last_token(tree)))

    def block_span(self) -> Span:
        end = self.block.offset + len(self.block.text.rstrip())
        return Span(self.block.offset, end, self.block.line, 1)

    # --------------------------------------------------------------- blocks

    def build(self, tree: Tree) -> BuiltBlock:
        node = tree.children[0]
        match node.data:
            case "heading":
                mark = node.children[0]
                content = self.inlines(node.children[1:])
                if not content:  # only spaces that are not spaces to the grammar (no-break)
                    from .parser import empty_heading

                    self.diagnostics.append(empty_heading(self.block_span()))
                heading = ast.Heading(self.block_span(), mark.value.count("#"), content)
                return self.item_number(heading, len(mark.value))
            case "paragraph":
                return self.paragraph(node)
            case "text_block":
                return self.text_block(node)
            case "continuation":
                first_rest = []
                for item in node.children[1:]:
                    if _is_sub(item):
                        break
                    first_rest.append(item)
                first = self.sub(node.children[0], first_rest)
                others = self.subs([c for c in node.children if _is_sub(c)])
                return Continuation(self.block_span(), (first, *others))
        raise AssertionError(node.data)  # pragma: no cover - the grammar has no other block

    def item_number(self, heading: ast.Heading, words_at: int) -> ast.Heading:
        """A heading that opens with an item number ("Action 13.", "Action #.",
        "I.", "A.") keeps it apart from its words. Read from the text as written,
        so that an escaped dot (`A\\.`) leaves the words alone."""
        m = heading_number(self.block.text, words_at)
        if m is None:
            return heading
        written = f"{m['word']} {m['n']}." if m["word"] else m.group()
        first = heading.content[0]
        assert isinstance(first, ast.Text) and first.value.startswith(m.group())  # no markup in a number
        rest = first.value[len(m.group()):]
        skip = len(m.group()) + len(rest) - len(rest.lstrip(" \t"))
        content = heading.content[1:]
        if rest.strip(" \t"):
            span = first.span
            content = (ast.Text(Span(span.start + skip, span.end, span.line, span.column + skip),
                                rest.lstrip(" \t")),) + content
        return replace(heading, content=content, written_number=written,
                       number=None if m["n"] == "#" else written)

    def paragraph(self, node: Tree) -> BuiltParagraph:
        marker_token, rest = node.children[0], node.children[1:]
        part, marker = self.marker(marker_token)
        attrs, rest = self.attrs(rest, paragraph=True)
        content_items = [c for c in rest if not _is_sub(c)]
        content = self.inlines(content_items)
        if not content and not any(_is_sub(c) for c in rest):
            self.diagnostics.append(make("empty-paragraph", f"paragraph {marker.written} has no text",
                                         marker.span))
        paragraph = ast.Paragraph(self.block_span(), part, marker, attrs.label, content,
                                  status=attrs.status, proposal=attrs.proposal)
        return BuiltParagraph(paragraph, tuple(self.subs([c for c in rest if _is_sub(c)])))

    def salvaged(self, marker_token: Token) -> BuiltParagraph:
        """A paragraph that failed to parse: its marker, and its text as written."""
        part, marker = self.marker(marker_token)
        rest = self.block.text[marker_token.end_pos:]
        start = self.block.offset + marker_token.end_pos
        content = (ast.Text(self.source.span(start, start + len(rest)), rest.strip()),)
        return BuiltParagraph(ast.Paragraph(self.block_span(), part, marker, None, content), ())

    def text_block(self, node: Tree) -> BuiltParagraph:
        items = [c for c in node.children if not _is_sub(c)]
        self.check_block_start()
        paragraph = ast.Paragraph(self.block_span(), "text", None, None, self.inlines(items))
        return BuiltParagraph(paragraph, tuple(self.subs([c for c in node.children if _is_sub(c)])))

    def check_block_start(self) -> None:
        """A block of text that starts like a paragraph or a sub-paragraph is
        an error: its paragraph would lose its number, or its item its label."""
        text = self.block.text
        mistyped = mistyped_marker(text)
        if mistyped is not None:
            written = text[mistyped.start:mistyped.end]
            keep = "" if mistyped.escape_at is None else \
                f", or `{text[mistyped.start:mistyped.escape_at]}\\{text[mistyped.escape_at:mistyped.end]}` " \
                "to keep it as unnumbered text"
            self.diagnostics.append(make(
                "missing-marker", f"`{written}` is not a paragraph marker: {mistyped.reason}; "
                "this paragraph has no number", self.block_part(mistyped.start, mistyped.end),
                hints=(f"write `{mistyped.fix}` to number it{keep}",)))
            return
        found = bullet_at(text)
        if found is not None:
            at, bullet = found
            self.report_bullet(bullet, self.block_part(at, at + 1), "of the paragraph above")
            return
        label = mistyped_sub_marker(text)
        if label is not None:
            at, written, fix = label
            self.report_sub_label(written, fix, self.block_part(at, at + len(written)))

    def block_part(self, start: int, end: int) -> Span:
        """A stretch of the block's first line, by its offsets in the block."""
        return Span(self.block.offset + start, self.block.offset + end, self.block.line, start + 1)

    def report_bullet(self, bullet: str, span: Span, where: str = "that wsisc labels") -> None:
        # Only ASCII punctuation has an escape; another bullet can only go.
        keep = f", or write `\\{bullet}` to keep it as text" if bullet == "-" else ""
        self.diagnostics.append(make(
            "bullet", f"`{bullet}` is a list bullet, not a sub-paragraph marker, so this item has no label", span,
            hints=(f"write `(#)` in its place for a sub-paragraph {where}{keep}",)))

    def report_sub_label(self, written: str, fix: str, span: Span) -> None:
        self.diagnostics.append(make(
            "bullet", f"`{written}` is not a sub-paragraph marker, so this item has no label", span,
            hints=(f"write `{fix}`" + ("" if fix == "(#)" else ", or `(#)` to let wsisc label it"),)))

    def marker(self, token: Token) -> tuple[ast.Part, ast.Marker]:
        written = token.value.strip()
        span = self.span(token)
        span = Span(span.start + (len(token.value) - len(token.value.lstrip())),
                    span.start + len(token.value.rstrip()), span.line,
                    span.column + len(token.value) - len(token.value.lstrip()))
        parts = marker_parts(written)
        assert parts is not None  # the grammar's marker terminals read only these
        if parts.automatic is not None:
            return parts.part, ast.Marker(span, written, parts.automatic)
        letters = parts.letters
        if letters is not None and len(letters) > 1 and from_roman(letters.lower()) is not None:
            self.diagnostics.append(make(
                "roman-marker", f"`{written}` reads as preambular paragraph {letters}, the "
                f"{ordinal(from_letters(letters))}; a section numbered in Roman numerals is a heading",
                span, hints=(f"write `# {written} ...` for a heading, or `{letters}\\.` for text",)))
        return parts.part, self.numbered(span, written, parts.base, parts.suffix)

    def numbered(self, span: Span, written: str, base: int, suffix_word: str) -> ast.Marker:
        rank = rank_of(suffix_word)
        if rank is None:
            close = closest(suffix_word.lower(), SUFFIXES.values())
            hint = f"did you mean `{written.replace(suffix_word, close)}`?" if close else \
                "insertion suffixes are bis, ter, quater, quinquies, ... (docs/markup.md)"
            self.diagnostics.append(make("unknown-suffix", f"`{suffix_word}` is not an insertion suffix",
                                         span, hints=(hint,)))
            return ast.Marker(span, written, "insert")
        return ast.Marker(span, written, "explicit", Number(base, rank))

    def attrs(self, items: list, paragraph: bool) -> tuple[Attrs, list]:
        """The attribute block after a marker: ``{#label .agreed +EU}``."""
        if not (items and isinstance(items[0], Token) and items[0].type == "ATTRS"):
            return Attrs(), items
        token = items[0]
        start = self.span(token).start
        label = status = proposal = None
        for m in _ATTR_ITEM.finditer(token.value):
            word, at = m.group(), self.source.span(start + m.start(), start + m.end())
            sign, name = word[0], word[1:]
            if sign == "#":
                if not LABEL_NAME.fullmatch(name):
                    self.diagnostics.append(make("syntax", f"`{name}` is not a label name", at,
                                                 hints=("a label starts with a letter and holds letters, digits, "
                                                        "`-`, `_`, `.` and `:`",)))
                else:
                    label = ast.Label(at, name)
            elif not paragraph:
                self.diagnostics.append(make("syntax", "only paragraphs carry a status or a proposal", at,
                                             hints=("put it after the paragraph's own marker",)))
            elif sign == ".":
                if name in STATUSES:
                    status = name
                else:
                    close = closest(name, STATUSES)
                    self.diagnostics.append(make(
                        "syntax", f"`.{name}` is not a paragraph status", at,
                        hints=(f"did you mean `.{close}`?" if close else
                               "statuses are " + ", ".join(f"`.{s}`" for s in STATUSES),)))
            else:
                proposal = ast.Proposal(at, "new" if sign == "+" else "delete", name)
        return Attrs(label, status or "pending", proposal), items[1:]

    def subs(self, trees: list[Tree]) -> list[RawSub]:
        return [self.sub(tree.children[0], tree.children[1:]) for tree in trees]

    def sub(self, marker_token: Token, rest: list) -> RawSub:
        value = marker_token.value
        body = value.lstrip("\n")
        indentation = body[:len(body) - len(body.lstrip())]
        written = body.strip()
        attrs, rest = self.attrs(rest, paragraph=False)
        label = attrs.label
        marker_start = self.span(marker_token).start + value.index("(")
        marker_span = self.source.span(marker_start, marker_start + len(written))
        span = marker_span.cover(self._item_span(rest[-1])) if rest else marker_span
        return RawSub(indentation, span, marker_span, written, label, self.inlines(rest))

    def _item_span(self, item: Token | Tree) -> Span:
        return self.span(item) if isinstance(item, Token) else self.tree_span(item)

    # -------------------------------------------------------------- inlines

    def inlines(self, items: list, keep_spaces: bool = False) -> tuple[ast.Inline, ...]:
        """Inline nodes of some items. A paragraph's text loses the spaces at its
        ends; a proposed change keeps them (``keep_spaces``): in `to {++EU: further
        ++}promote` the space is part of the words proposed."""
        out: list[ast.Inline] = []
        previous_break = False
        for item in items:
            if isinstance(item, Token):
                if item.type == "SOFT_BREAK":
                    # A line break inside a paragraph is a space.
                    span = self.span(item)
                    if out and isinstance(out[-1], ast.Text):
                        last = out[-1]
                        out[-1] = ast.Text(last.span.cover(span), last.value.rstrip(" \t") + " ")
                    else:
                        out.append(ast.Text(span, " "))
                    previous_break = True
                    continue
                node = self.token_inline(item, after_break=previous_break)
            else:
                node = self.tree_inline(item)
            previous_break = False
            if isinstance(node, ast.Text) and out and isinstance(out[-1], ast.Text):
                last = out[-1]
                out[-1] = ast.Text(last.span.cover(node.span), last.value + node.value)
            else:
                out.append(node)
        return tuple(out) if keep_spaces else _strip_ends(out)

    def token_inline(self, token: Token, after_break: bool) -> ast.Inline:
        span = self.span(token)
        match token.type:
            case "TEXT":
                if after_break:
                    self.check_line_start(token, span)
                return ast.Text(span, token.value)
            case "ESCAPE":
                return ast.Text(span, token.value[1])
            case "REF":
                return ast.Ref(span, token.value[2:-1])
        raise AssertionError(token.type)  # pragma: no cover

    def check_line_start(self, token: Token, span: Span) -> None:
        """A line inside a paragraph that starts like a paragraph marker, or with
        a list bullet where a sub-paragraph marker could stand."""
        marker = marker_at(token.value)
        if marker is not None:
            at = escape_position(marker, 0, len(marker))
            self.diagnostics.append(make(
                "marker-in-paragraph",
                f"this line starts like paragraph {marker[:-1]}, but without a blank line before it "
                "it continues the paragraph above",
                Span(span.start, span.start + len(marker), span.line, span.column),
                hints=("leave a blank line before it to start a new paragraph, "
                       f"or write `{marker[:at]}\\{marker[at:]}` if it is text",)))
            return
        if self.depth == 0:  # not inside a comment, a change, emphasis or brackets
            # A dash is a bullet only where an item is expected: after a line that ends with a colon or semicolon.
            item_expected = _character_before(self.block.text, token.start_pos) in (":", ";")
            found = bullet_at(token.value, item_expected)
            if found is not None:
                at, bullet = found
                self.report_bullet(bullet, Span(span.start + at, span.start + at + 1, span.line,
                                                    span.column + at))
            elif item_expected and (label := mistyped_sub_marker(token.value)) is not None:
                at, written, fix = label
                self.report_sub_label(written, fix, Span(span.start + at, span.start + at + len(written),
                                                         span.line, span.column + at))

    def tree_inline(self, tree: Tree) -> ast.Inline:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise TooDeep(self.tree_span(tree))
            return self._tree_inline(tree)
        finally:
            self.depth -= 1

    def _empty_emphasis(self, tree: Tree) -> None:
        """Emphasis around nothing but spaces: the same error as around nothing."""
        mark = tree.children[0]
        self.diagnostics.append(make("syntax", f"emphasis `{mark.value}` cannot be empty or nested in itself",
                                     self.span(mark), hints=(f"write `\\{mark.value[0]}` for a literal character",)))

    def _tree_inline(self, tree: Tree) -> ast.Inline:
        match tree.data:
            case "italic" | "bold" | "underline":
                children = self.inlines(tree.children[1:-1])
                if not children:
                    self._empty_emphasis(tree)
                return ast.Emphasis(self.tree_span(tree), tree.data, children)
            case "bold_italic":
                span = self.tree_span(tree)
                children = self.inlines(tree.children[1:-1])
                if not children:
                    self._empty_emphasis(tree)
                return ast.Emphasis(span, "bold", (ast.Emphasis(span, "italic", children),))
            case "comment":
                author, body = self.comment_body(tree.children[1:-1])
                return ast.Comment(self.tree_span(tree), author, body)
            case "footnote":
                return ast.Footnote(self.tree_span(tree), self.inlines(tree.children[1:-1]))
            case "insertion":
                author, new = self.comment_body(tree.children[1:-1], keep_spaces=True)
                return ast.Change(self.tree_span(tree), "insert", author, new=new)
            case "deletion":
                author, old = self.comment_body(tree.children[1:-1], keep_spaces=True)
                return ast.Change(self.tree_span(tree), "delete", author, old=old)
            case "substitution":
                inner = tree.children[1:-1]
                arrow = next(i for i, c in enumerate(inner) if isinstance(c, Token) and c.type == "SUBST_ARROW")
                author, old = self.comment_body(inner[:arrow], keep_spaces=True)
                return ast.Change(self.tree_span(tree), "substitute", author, old=old,
                                  new=self.inlines(inner[arrow + 1:], keep_spaces=True))
            case "bracket":
                return ast.Bracket(self.tree_span(tree),
                                   tuple(self.inlines(items) for items in self.alternatives(tree.children[1:-1])))
            case "highlight":
                comment = tree.children[-1]
                author, body = self.comment_body(comment.children[1:-1])
                anchor = self.inlines(tree.children[1:-2])
                return ast.Comment(self.tree_span(tree), author, body, anchor)
        raise AssertionError(tree.data)  # pragma: no cover

    def alternatives(self, items: list) -> list[list]:
        """Split a bracket's items into alternatives at each separating ``/``: one
        between lower-case words or spaces (``[shall/should]``), never one in a
        symbol (``[A/RES/70/1]``) or an escaped one (``\\/``)."""
        out: list[list] = [[]]
        for item in items:
            if not (isinstance(item, Token) and item.type == "TEXT" and "/" in item.value):
                out[-1].append(item)
                continue
            last = 0
            for m in _ALTERNATIVE_SLASH.finditer(item.value):
                if m.start() > last:
                    out[-1].append(_sub_token(item, last, m.start()))
                out.append([])
                last = m.end()
            if last < len(item.value):
                out[-1].append(_sub_token(item, last, len(item.value)))
        return out

    def comment_body(self, items: list, keep_spaces: bool = False) -> tuple[str | None, tuple[ast.Inline, ...]]:
        """Split the author's initials off a comment's or a change's text. Only a
        TEXT token can carry them, so an escaped colon (``Note\\:``) never makes an author."""
        if items and isinstance(items[0], Token) and items[0].type == "TEXT":
            m = _AUTHOR.match(items[0].value)
            if m:
                first = items[0]
                rest_value = first.value[m.end():]
                items = list(items)
                if rest_value:
                    items[0] = Token("TEXT", rest_value, start_pos=first.start_pos + m.end(),
                                     line=first.line, column=first.column + m.end(),
                                     end_pos=first.end_pos)
                else:
                    items = items[1:]
                # The spaces (or line break) after "EU:" separate the author from the words.
                return m.group(1), _strip_start(list(self.inlines(items, keep_spaces)))
        return None, self.inlines(items, keep_spaces)


@dataclass(frozen=True, slots=True)
class Attrs:
    label: ast.Label | None = None
    status: str = "pending"
    proposal: ast.Proposal | None = None


STATUSES = ("pending", "agreed", "ad-ref", "closure", "reopened")
# An item heading's number: a capitalised word and a number or `#` ("Action 13.",
# "Action #."), or a Roman numeral or a capital letter ("IV.", "A."), then a dot.
_HEADING_NUMBER = re.compile(r"(?:(?P<word>[A-Z][^\W\d_]*)[ \t]+(?P<n>\d{1,4}|#)|(?P<mark>[IVXLCDM]+|[A-Z]))"
                             r"\.(?=[ \t]|\Z)")


def heading_number(text: str, at: int = 0) -> re.Match | None:
    """The item number a heading's words open with, at ``at`` in ``text``, or
    None (`IIII.` is no Roman numeral, so no number)."""
    m = _HEADING_NUMBER.match(text, at)
    if m is None or (m["mark"] and len(m["mark"]) > 1 and from_roman(m["mark"].lower()) is None):
        return None
    return m
_ATTR_ITEM = re.compile(r"[#.+\-][^\s{}]+")
LABEL_NAME = re.compile(r"[A-Za-z][\w.:-]*")
_ALTERNATIVE_SLASH = re.compile(r"(?<=[a-z\s])/(?=[a-z\s])")


def _sub_token(token: Token, start: int, end: int) -> Token:
    """Part of a one-line TEXT token, with its own position."""
    return Token("TEXT", token.value[start:end], start_pos=token.start_pos + start, line=token.line,
                 column=token.column + start, end_line=token.line, end_column=token.column + end,
                 end_pos=token.start_pos + end)


def _character_before(text: str, position: int) -> str:
    """The last character before a position that is not a space, a tab or a line end."""
    while position > 0 and text[position - 1] in " \t\n":
        position -= 1
    return text[position - 1:position]


def _is_sub(item: Token | Tree) -> bool:
    return isinstance(item, Tree) and item.data == "subparagraph"


def _first_token(tree: Tree) -> Token:
    node = tree
    while isinstance(node, Tree):
        node = node.children[0]
    return node


def _last_token(tree: Tree) -> Token:
    node = tree
    while isinstance(node, Tree):
        node = node.children[-1]
    return node


def _strip_start(nodes: list[ast.Inline]) -> tuple[ast.Inline, ...]:
    if nodes and isinstance(nodes[0], ast.Text):
        stripped = nodes[0].value.lstrip()
        nodes[0] = ast.Text(nodes[0].span, stripped)
        if not stripped:
            nodes.pop(0)
    return tuple(nodes)


def _strip_ends(nodes: list[ast.Inline]) -> tuple[ast.Inline, ...]:
    """No space at the start or end of a paragraph's text."""
    nodes = list(_strip_start(nodes))
    if nodes and isinstance(nodes[-1], ast.Text):
        stripped = nodes[-1].value.rstrip()
        nodes[-1] = ast.Text(nodes[-1].span, stripped)
        if not stripped:
            nodes.pop()
    return tuple(nodes)
