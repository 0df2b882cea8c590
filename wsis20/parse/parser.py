"""The Lark parser for one block, built once per process from a per-user cache,
and the translation of Lark's syntax errors into diagnostics that say what the
drafter should type."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..diagnostics import Diagnostic, Related, make
from ..numbers import rank_of
from ..source import SourceFile, Span
from . import compiled
from .blocks import RawBlock

# The generated parser module brings its own copies of Lark's classes; the rest
# of the parser package uses these, never ``lark`` itself.
_standalone = compiled.load()
Token = _standalone.Token
Tree = _standalone.Tree
UnexpectedInput = _standalone.UnexpectedInput
UnexpectedToken = _standalone.UnexpectedToken
UnexpectedCharacters = _standalone.UnexpectedCharacters


@lru_cache(maxsize=1)
def block_parser():
    return _standalone.Lark_StandAlone()


# Openers whose closers the parser looks for, in words.
_OPENERS = {
    "CMT_OPEN": ("comment", "{>>", "<<}"),
    "HL_OPEN": ("highlighted span", "{==", "==}"),
    "FN_OPEN": ("footnote", "{^", "^}"),
    "INS_OPEN": ("insertion", "{++", "++}"),
    "DEL_OPEN": ("deletion", "{--", "--}"),
    "SUBST_OPEN": ("substitution", "{~~", "~~}"),
    "LBRACK": ("square bracket", "[", "]"),
    "STAR": ("italic text", "*", "*"),
    "DSTAR": ("bold text", "**", "**"),
    "DUNDER": ("underlined text", "__", "__"),
    "TSTAR": ("bold italic text", "***", "***"),
}

_TERMINALS_IN_WORDS = {
    "CMT_OPEN": "`{>>`", "CMT_CLOSE": "`<<}`", "FN_OPEN": "`{^`", "FN_CLOSE": "`^}`", "HL_OPEN": "`{==`", "HL_CLOSE": "`==}`",
    "STAR": "`*`", "DSTAR": "`**`", "TSTAR": "`***`", "DUNDER": "`__`", "TEXT": "text", "ESCAPE": "an escaped character",
    "SOFT_BREAK": "a line break", "REF": "a cross-reference `{@label}`", "ATTRS": "an attribute block `{#label}`",
    "INS_OPEN": "`{++`", "INS_CLOSE": "`++}`", "DEL_OPEN": "`{--`", "DEL_CLOSE": "`--}`", "SUBST_OPEN": "`{~~`",
    "SUBST_ARROW": "`~>`", "SUBST_CLOSE": "`~~}`", "LBRACK": "`[`", "RBRACK": "`]`",
    "SUB_MARKER": "a sub-paragraph marker such as `(a)`", "FIRST_SUB_MARKER": "a sub-paragraph marker",
    "OP_MARKER": "a paragraph marker such as `12.`", "PP_MARKER": "a preambular marker such as `C.`",
    "AUTO_MARKER": "`#.`", "HEADING_MARK": "a heading", "$END": "the end of the paragraph",
}


def parse_block(source: SourceFile, block: RawBlock) -> tuple[Tree | None, Diagnostic | None, list[Diagnostic]]:
    """Parse one block: its tree, or None and the syntax error (plus any further
    unclosed constructs, as extra diagnostics)."""
    tree = plain_tree(block.text)
    if tree is not None:
        return tree, None, []
    try:
        return block_parser().parse(block.text), None, []
    except UnexpectedInput as exc:
        errors = _explain(source, block, exc)
        return None, errors[0], errors[1:]


_MARKERS = ("OP_MARKER", "PP_MARKER", "AUTO_MARKER")


def plain_tree(text: str) -> Tree | None:
    """The tree of a one-line block of plain words (a marker or heading mark,
    then one TEXT token), built without running the parser, or None for any
    other block. Most paragraphs of a draft are like this, and the parser's
    per-block cost dominates a large document's check.

    The same terminals decide as in the lexer: a block with a brace (which the
    attribute block and references may claim over TEXT), a line break, or
    anything TEXT does not take whole goes to the parser. A test holds the two
    ways to the same trees (tests/test_parse.py).
    """
    if "\n" in text or "{" in text:
        return None
    text_pattern, openers = _plain_terminals()
    kind, head = None, 0
    for name, pattern in openers:
        m = pattern.match(text)
        if m:
            if name == "FIRST_SUB_MARKER":
                return None
            kind, head = name, m.end()
            break
    # match, as the lexer does, and compare ends: fullmatch would backtrack through
    # every way of cutting a long plain run before failing (exponential time).
    run = text_pattern.match(text, head)
    if head == len(text) or run is None or run.end() != len(text):
        return None
    tokens = []
    if kind is not None:
        tokens.append(Token(kind, text[:head], start_pos=0, line=1, column=1, end_line=1, end_column=head + 1,
                            end_pos=head))
    tokens.append(Token("TEXT", text[head:], start_pos=head, line=1, column=head + 1, end_line=1,
                        end_column=len(text) + 1, end_pos=len(text)))
    rule = "heading" if kind == "HEADING_MARK" else "text_block" if kind is None else "paragraph"
    return Tree("start", [Tree(rule, tokens)])


@lru_cache(maxsize=1)
def _plain_terminals() -> tuple[re.Pattern, list[tuple[str, re.Pattern]]]:
    parser = block_parser()
    return re.compile(parser.get_terminal("TEXT").pattern.to_regexp()), _block_openers()


@lru_cache(maxsize=1)
def _marker_patterns() -> list[tuple[str, re.Pattern]]:
    parser = block_parser()
    return [(name, re.compile(parser.get_terminal(name).pattern.to_regexp())) for name in _MARKERS]


def is_plain_text(text: str) -> bool:
    """Whether the grammar reads ``text`` as plain words: one TEXT token, no
    construct opened or closed in it."""
    run = _plain_terminals()[0].match(text)
    return bool(text) and run is not None and run.end() == len(text)


def is_sub_marker(text: str) -> bool:
    """Whether ``text`` is a sub-paragraph marker as the grammar reads one: `(a)`, `(iv)`, `(#)`."""
    found = dict(_block_openers())["FIRST_SUB_MARKER"].match(text)
    return found is not None and found.group() == text


def opens_block(line: str) -> bool:
    """Whether a line would be read as the start of a paragraph, heading or
    sub-paragraph, by the grammar's own terminals: what a writer of sources
    must escape at the start of unnumbered text."""
    return any(pattern.match(line) for name, pattern in _block_openers())


@lru_cache(maxsize=1)
def _block_openers() -> list[tuple[str, re.Pattern]]:
    parser = block_parser()
    return [(name, re.compile(parser.get_terminal(name).pattern.to_regexp()))
            for name in (*_MARKERS, "HEADING_MARK", "FIRST_SUB_MARKER")]


def salvage_marker(block: RawBlock) -> Token | None:
    """The paragraph marker at the start of a block that failed to parse, read
    with the grammar's own terminals, so that one bad paragraph does not
    shift the numbers of all the others."""
    for name, pattern in _marker_patterns():
        m = pattern.match(block.text)
        if m:
            return Token(name, m.group(), start_pos=0, line=1, column=1, end_line=1,
                         end_column=m.end() + 1, end_pos=m.end())
    return None


def marker_at(line: str) -> str | None:
    """The paragraph marker a line starts with, as the grammar reads one
    at the start of a block (`12.`, `Cbis.`, `PP#+.`), or None."""
    for _, pattern in _marker_patterns():
        m = pattern.match(line)
        if m:
            return m.group().strip()
    return None


# A paragraph marker as drafters mistype it, in loose parts; whether the parts
# make a marker is the grammar's to say (``mistyped_marker``).
_MISTYPED_MARKER = re.compile(r"""
    (?P<lead>\s*)                                        # Word's no-break space before it
    (?P<emphasis>\*{1,3}|__)?                            # the marker pasted in bold
    (?P<number>(?:(?:OP|PP)[ \t]*)?(?:\d{1,6}|\#\+?)|[A-Z]{1,2})   # 12  OP12  PP 3  #+  PP#  B  AA
    (?:[ \t]?[-\u2013][ \t]?(?P<dashed>[A-Za-z\u00e1]+)    # 2-bis  2 -bis  A-bis
      |\((?P<bracketed>[A-Za-z\u00e1]+)\)                 # 3(bis)
      |[ \t]?(?P<suffix>[A-Za-z\u00e1]+))?                # 3bis  12 bis, before a missing dot
    (?P<end>\.[-\u2013]|\.|\))?                           # 5.-  5.  5)
    (?(emphasis)(?P=emphasis))
    """, re.VERBOSE)
# After a number without its dot: a word as a paragraph opens, capitalised or
# in emphasis, brackets or braces ("12 We", "3 *Encourages*"), but not the month
# of a date ("19 December 2023"), which is text.
_OPENING_WORD = re.compile(r"\s+(?=\*|__|\[|\{|(?P<letter>[^\W\d_]))(?![^\W\d_]+\s+\d{4}\b)")


class MistypedMarker(NamedTuple):
    start: int  # where the would-be marker starts in the text, after spaces and tabs
    end: int  # just past it
    fix: str  # what to write instead: the marker, or the marker and the word after it
    reason: str  # why it is not a marker, in words
    escape_at: int | None  # where a backslash keeps the text as unnumbered text, if one can


def mistyped_marker(text: str) -> MistypedMarker | None:
    """A paragraph marker at the start of a block of text that the grammar's
    marker terminals did not read, so that its paragraph would lose its
    number: `2-bis.`, `3(bis).`, `5)`, `5.-`, `3 *Encourages*`, `**4.**`, a
    no-break space before `12.` (docs/diagnostics.md, `missing-marker`)."""
    m = _MISTYPED_MARKER.match(text)
    if m is None:
        return None
    number = re.sub(r"[ \t]", "", m["number"])
    numeric = not number[-1].isalpha()  # a number, or `#` and `#+` that number automatically
    word = m["dashed"] or m["bracketed"] or m["suffix"] or ""
    end, stop = m["end"] or "", m.end()
    if word and rank_of(word) is None:  # "12 per cent", "2030 Agenda": a number and a word
        if m["dashed"] or m["bracketed"] or m["emphasis"]:
            return None
        word, end, stop = "", "", m.end("number")
    after = text[stop:]
    if number == "#" and text[m.end("number"):m.end("number") + 1].isspace():  # "# Heading"
        return None
    marker = f"{number}{word}."
    if marker_at(marker) is None:  # "St.", "Mr.": the grammar's terminals say what a marker is
        return None
    reasons, fix = [], marker
    if m["dashed"] or m["bracketed"]:
        if not end and not after[:1].isspace():
            return None
        reasons.append(f"the suffix goes right after the number, with no {'dash' if m['dashed'] else 'brackets'}")
    elif end == ")":
        reasons.append("a marker ends with a dot, not `)`")
    elif end in (".-", ".\u2013"):
        reasons.append("a marker ends with a dot alone")
    elif end == "." and after and not after[:1].isspace():
        if after[:1].isdigit() or not (numeric or word):  # "2.5 per cent", "A.K. Smith"
            return None
        suffix = re.match(r"[A-Za-z\u00e1]+(?=\s|$)", after)
        if not word and suffix and rank_of(suffix.group()) is not None and marker_at(f"{number}{suffix.group()}."):
            # "3.bis": the suffix after the dot, not before it
            reasons.append("its suffix follows the dot")
            fix, stop = f"{number}{suffix.group()}.", stop + suffix.end()
        else:
            reasons.append("a space must follow its dot")
            fix = _with_first_word(marker, after)
    elif not end:
        opening = _OPENING_WORD.match(after)
        if (m["emphasis"] or opening is None or (opening["letter"] and not opening["letter"].isupper())
                or (not numeric and not word) or (number.isdigit() and not word and len(number) > 3)):
            return None  # "A new", "2030 Agenda", "100 million": a sentence, not a paragraph
        reasons.append("its dot is missing")
        fix = _with_first_word(marker, after)
    if m["emphasis"]:
        reasons.append("emphasis makes it text")
        fix = marker
    hidden = m["lead"].strip(" \t")
    if hidden:
        import unicodedata

        reasons.append(f"the invisible {unicodedata.name(hidden[0], 'space')} (U+{ord(hidden[0]):04X}) "
                       "before it makes it text")
    if not reasons:
        return None
    start = len(m["lead"]) - len(m["lead"].lstrip(" \t"))
    escape = None if hidden else escape_position(text, m.start("number"), stop)  # the space is to go
    return MistypedMarker(start, stop, fix, "; ".join(reasons), escape)


def marker_fix(text: str, stop: int, fix: str) -> str:
    """What to write in place of a mistyped marker ending at ``text[stop]``, given the
    help's ``fix`` ("3. We"): the marker, and a space when no space follows it."""
    marker = fix.split(" ", 1)[0]
    return marker if stop >= len(text) or text[stop].isspace() else marker + " "


# The word that follows a marker, for the help: emphasis or brackets whole.
_FIRST_WORD = re.compile(r"\s*((\*{1,3}|__)[^\n]{1,40}?\2|\[[^\]\n]{1,40}\]|\S{1,40})")


def _with_first_word(marker: str, text: str) -> str:
    """The marker and the word after it, for the help; the marker alone before a
    brace, whose construct (a change, a comment) a word would cut in two."""
    word = _FIRST_WORD.match(text).group(1)
    return marker if word.startswith("{") else f"{marker} {word}"


def escape_position(text: str, start: int, end: int) -> int | None:
    """The first character between start and end that a backslash writes
    literally (the grammar's ESCAPE), other than an emphasis mark, whose escape
    would change the words."""
    escape = _escape_terminal()
    return next((i for i in range(start, end) if text[i] not in "*_" and escape.fullmatch("\\" + text[i])), None)


@lru_cache(maxsize=1)
def _escape_terminal() -> re.Pattern:
    return re.compile(block_parser().get_terminal("ESCAPE").pattern.to_regexp())


# Bullets of Word lists, pasted where a sub-paragraph marker belongs. A dash opens
# text as well as a list ("– a dash in a sentence"), so it counts as a bullet only
# where a list item is expected (``bullet_at``).
BULLETS = "\u2022\u25e6\u25aa\u25cf\u25cb\u25a0\u00b7\uf0b7"
DASHES = "\u2013\u2014-"  # the hyphen last: a literal in a character class
_BULLET = re.compile(f"\\s*([{BULLETS}{DASHES}])(?=\\s)")


def bullet_at(line: str, item_expected: bool = True) -> tuple[int, str] | None:
    """The Word bullet a line of text starts with (its position and itself), or
    None. A dash is a bullet only where ``item_expected``: after a colon or a
    semicolon, or at the start of a block."""
    m = _BULLET.match(line)
    if m is None or (m.group(1) in DASHES and not item_expected):
        return None
    return m.start(1), m.group(1)


# A sub-paragraph label as Word's numbered lists and typists write it, `a)`, `ii)`,
# `1)`, or with its closing bracket lost, `(a`: not the grammar's `(a)`.
_MISTYPED_SUB = re.compile(r"\s*(?P<mark>(?P<closed>[a-z]{1,2}|[ivxlc]{2,8}|\d{1,2})\)"
                           r"|\((?P<open>[a-z]{1,2}|[ivxlc]{2,8})(?![)\w]))(?=\s)")


def mistyped_sub_marker(line: str) -> tuple[int, str, str] | None:
    """A mistyped sub-paragraph label a line of text starts with, where an item
    is expected: its position, itself, and the marker to write; or None."""
    m = _MISTYPED_SUB.match(line)
    if m is None:
        return None
    label = m["closed"] or m["open"]
    return m.start("mark"), m["mark"], "(#)" if label.isdigit() else f"({label})"


def token_span(source: SourceFile, block: RawBlock, token: Token) -> Span:
    start = block.offset + token.start_pos
    return Span(start, block.offset + token.end_pos, block.line + token.line - 1, token.column)


def _explain(source: SourceFile, block: RawBlock, exc: UnexpectedInput) -> list[Diagnostic]:
    if isinstance(exc, UnexpectedToken):
        return _unexpected_token(source, block, exc)
    assert isinstance(exc, UnexpectedCharacters)
    start = block.offset + exc.pos_in_stream
    span = Span(start, start + 1, block.line + exc.line - 1, exc.column)
    rest = block.text[exc.pos_in_stream:]
    if rest.startswith("{@"):
        return [make("syntax", "a cross-reference is written `{@label}`, with a label that starts with a letter",
                     span, hints=("write `\\{` for a literal brace",))]
    if rest.startswith("{#"):
        return [make("syntax", "a label is written `{#label}`, with a name that starts with a letter",
                     span, hints=("write `\\{` for a literal brace",))]
    return [make("syntax", f"unexpected character {exc.char!r}", span)]


def _open_constructs(exc: UnexpectedToken) -> list[Token]:
    """The opening marks still on the parser's stack, outermost first: each is a
    construct that was opened and not closed."""
    try:
        stack = exc.state.value_stack  # the LALR parser's state when it stopped
    except AttributeError:  # pragma: no cover - an error raised before parsing began
        return []
    return [item for item in stack if isinstance(item, Token) and item.type in _OPENERS]


_HEADING_ONLY = re.compile(r"[ \t]*#{1,3}[ \t]*\Z")


def empty_heading(span: Span) -> Diagnostic:
    return make("syntax", "this heading has no words", span,
                hints=("write the heading after `# `, or delete the line; `\\#` writes the character itself",))


def _unexpected_token(source: SourceFile, block: RawBlock, exc: UnexpectedToken) -> list[Diagnostic]:
    token = exc.token
    expected = set(exc.expected)
    opened = _open_constructs(exc)

    if token.type == "SUB_MARKER" and opened:
        inner = opened[-1]
        return [make("syntax", f"a line inside this {_OPENERS[inner.type][0]} cannot start with a sub-paragraph "
                     "marker such as `(a)`", _span_at(source, block, token),
                     related=(Related(token_span(source, block, inner), "opened here"),),
                     hints=("join the line to the one before, or write `\\(` at its start",))]
    if token.type == "$END" and opened:
        return [_unterminated(source, block, open_token) for open_token in opened]
    if expected == {"CMT_OPEN"}:
        span = _span_at(source, block, token)
        return [make("syntax", "a highlighted span `{==...==}` must be followed by its comment `{>>...<<}`",
                     span, hints=("write the comment right after `==}`, e.g. `{==words==}{>>ПW: why<<}`",))]
    span = _span_at(source, block, token)
    if token.type == "$END" and _HEADING_ONLY.match(block.text):
        return [empty_heading(source.span(block.offset, block.offset + len(block.text.rstrip())))]
    if block.text.lstrip().startswith("#") and token.type in ("CMT_OPEN", "HL_OPEN", "INS_OPEN", "DEL_OPEN",
                                                              "SUBST_OPEN") and not opened:
        return [make("syntax", "a heading cannot carry a comment or a proposed change", span,
                     hints=("put it on the first paragraph under the heading",))]
    if token.type == "ATTRS":
        return [make("syntax", "a label `{#name}` or status `{.agreed}` must come right after a paragraph or "
                     "sub-paragraph marker", span,
                     hints=("move it after the marker: `12. {#name} We ...`; write `\\{` for a literal brace",))]
    if token.type == "RBRACK":
        return [make("unbalanced-bracket", "this `]` closes no `[`", span,
                     hints=("write `\\]` for a literal bracket",))]
    changes = ("INS_OPEN", "DEL_OPEN", "SUBST_OPEN")
    if token.type in changes and any(t.type in changes for t in opened):
        return [make("syntax", "a change cannot contain another change", span,
                     related=tuple(Related(token_span(source, block, t), "the enclosing change opens here")
                                   for t in opened if t.type in changes))]
    if token.type == "SUBST_ARROW":
        return [make("syntax", "`~>` belongs inside a substitution `{~~old~>new~~}`", span,
                     hints=("write `\\~>` for the characters themselves",))]
    if token.type in ("CMT_OPEN", "HL_OPEN") and any(t.type in ("CMT_OPEN", "HL_OPEN") for t in opened):
        return [make("syntax", "a comment cannot contain another comment", span,
                     related=tuple(Related(token_span(source, block, t), "the enclosing comment opens here")
                                   for t in opened if t.type in ("CMT_OPEN", "HL_OPEN")))]
    if token.type in ("CMT_OPEN", "HL_OPEN") and opened:
        inner = opened[-1]
        return [make("syntax", f"a comment cannot stand inside {_OPENERS[inner.type][0]}", span,
                     related=(Related(token_span(source, block, inner), "opened here"),),
                     hints=("close the emphasis before the comment",))]
    if token.type in ("CMT_CLOSE", "HL_CLOSE"):
        what = "`<<}` closes no comment" if token.type == "CMT_CLOSE" else "`==}` closes no highlighted span"
        return [make("syntax", what, span, hints=("write `\\<<}` if you mean the characters themselves",))]
    if token.type in ("STAR", "DSTAR", "DUNDER", "TSTAR") and not any(t.type == token.type for t in opened):
        return [make("syntax", f"emphasis `{token.value}` cannot be empty or nested in itself", span,
                     hints=(f"write `\\{token.value[0]}` for a literal character",))]
    words = sorted(_TERMINALS_IN_WORDS.get(name, name) for name in expected)
    found = _TERMINALS_IN_WORDS.get(token.type, repr(token.value))
    return [make("syntax", f"unexpected {found}; expected {', '.join(words[:6])}", span)]


def _span_at(source: SourceFile, block: RawBlock, token: Token) -> Span:
    if token.type == "$END":
        end = block.offset + len(block.text)
        return source.span(max(block.offset, end - 1), end)
    return token_span(source, block, token)


def _unterminated(source: SourceFile, block: RawBlock, token: Token) -> Diagnostic:
    what, opening, closing = _OPENERS[token.type]
    end = _span_at(source, block, Token("$END", ""))
    if token.type == "LBRACK":
        return make("unbalanced-bracket", "this `[` is not closed before the end of the paragraph",
                    token_span(source, block, token), related=(Related(end, "the paragraph ends here"),),
                    hints=("close it with `]`, or write `\\[` for a literal bracket",))
    if token.type in ("INS_OPEN", "DEL_OPEN", "SUBST_OPEN"):
        return make("unterminated", f"{what} opened with `{opening}` is not closed before the end of the paragraph",
                    token_span(source, block, token), related=(Related(end, "the paragraph ends here"),),
                    hints=(f"close it with `{closing}`; a change cannot cross a paragraph boundary: "
                           "propose each paragraph's change in that paragraph",))
    hint = f"close it with `{closing}`"
    if token.type in ("STAR", "DSTAR", "DUNDER", "TSTAR"):
        hint += f", or write `\\{opening[0]}` for a literal `{opening[0]}`"
    return make("unterminated", f"{what} opened with `{opening}` is not closed before the end of the paragraph",
                token_span(source, block, token), hints=(hint,))
