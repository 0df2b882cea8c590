"""Document -> .wsis source in its canonical form, for `wsisc fmt`.

The canonical form: the front matter as written; one blank line between
blocks; one line per paragraph and per sub-paragraph (sub-paragraphs indented
two spaces a level); markers written canonically (`12 bis.` -> `12bis.`,
`OP12.` -> `12.` unless the preamble is numbered PP1, PP2, ...; a preamble letter or `PP`
number by the document's style);
the attribute block as `{#label .status +AUTHOR}`; and every character that
would otherwise be read as markup escaped, no other.

`wsisc fmt` checks its own output (see commands/fmt.py): it must parse to the
same document and format to itself, or nothing is written.
"""

from __future__ import annotations

import re

from .. import ast
from ..numbers import suffix

_TAGS = {"italic": ("*", "*"), "bold": ("**", "**"), "underline": ("__", "__")}
# Characters that open or close a construct anywhere in text.
_SPECIAL = re.compile(r"\\|\*|__|\[|\]|\{|\}|~>|_(?=_)")
# What would open a block as something other than text.
_BLOCK_OPENING = re.compile(r"[ \t]*(?:#{1,3}[ \t]|\(|(?:OP|PP)?[\d#][^\s.]*\.|[A-Z]{1,2}\w*\.)")
# A slash that would separate alternatives inside a bracket.
_ALTERNATIVE_SLASH = re.compile(r"(?<=[a-z\s])/(?=[a-z\s])")
_AUTHOR_LIKE = re.compile(r"[ \t]*[^\s:/]{1,16}:(?!//)")


def write_source(doc: ast.Document, front_matter_text: str | None, *, assigned_numbers: bool = False) -> str:
    """The document as .wsis text. With ``assigned_numbers``, every paragraph's
    marker is its number as numbered (for `wsisc renumber`), not as written."""
    parts: list[str] = []
    if front_matter_text is not None:
        parts.append(front_matter_text.rstrip("\n") + "\n")
    for block in doc.blocks:
        parts.append(_block(block, doc.front, assigned_numbers))
    return "\n".join(parts).rstrip("\n") + "\n"


def _block(block: ast.Block, front: ast.FrontMatter, assigned_numbers: bool = False) -> str:
    if isinstance(block, ast.Heading):
        return "#" * block.level + " " + _inlines(block.content) + "\n"
    lines = []
    if block.marker is None:
        text = _inlines(block.content)
        if _BLOCK_OPENING.match(text):
            text = "\\" + text if text[0] in "#(" or text[0].isdigit() else _escape_first_dot(text)
        lines.append(text)
    else:
        head = _marker(block, front, assigned_numbers)
        attrs = _attrs(block.label, block.status, block.proposal)
        lines.append(" ".join(x for x in (head, attrs, _inlines(block.content)) if x))
    lines += _subs(block.subparagraphs, 1)
    return "\n".join(lines) + "\n"


def _escape_first_dot(text: str) -> str:
    dot = text.index(".")
    return text[:dot] + "\\" + text[dot:]


def _marker(paragraph: ast.Paragraph, front: ast.FrontMatter, assigned_numbers: bool = False) -> str:
    marker = paragraph.marker
    if assigned_numbers:
        marker = ast.Marker(marker.span, marker.written, "explicit", paragraph.number)
    # Negotiators' OP prefix goes with a PP-numbered preamble, and only there.
    prefix = "PP" if paragraph.part == "preamble" else ("OP" if front.preamble_numbering == "pp" else "")
    auto = "PP" if paragraph.part == "preamble" else ""
    match marker.kind:
        case "next":
            return f"{auto}#."
        case "insert":
            return f"{auto}#+."
    number = marker.number
    if paragraph.part == "preamble" and front.preamble_numbering == "letters":
        return f"{number.with_letters()}."
    return f"{prefix}{number.base}{suffix(number.rank)}."


def _attrs(label: ast.Label | None, status: str = "pending", proposal: ast.Proposal | None = None) -> str:
    items = []
    if label is not None:
        items.append("#" + label.name)
    if status != "pending":
        items.append("." + status)
    if proposal is not None:
        items.append(("+" if proposal.kind == "new" else "-") + proposal.author)
    return "{" + " ".join(items) + "}" if items else ""


def _subs(subs: tuple[ast.SubParagraph, ...], level: int) -> list[str]:
    lines = []
    for sub in subs:
        parts = ["  " * level + sub.marker.written, _attrs(sub.label), _inlines(sub.content)]
        lines.append(" ".join(p for p in parts if p))
        lines += _subs(sub.children, level + 1)
    return lines


def _text(value: str, in_bracket: bool = False) -> str:
    out = _SPECIAL.sub(lambda m: "".join("\\" + c for c in m.group()), value)
    if in_bracket:
        out = _ALTERNATIVE_SLASH.sub(r"\\/", out)
    return out


def _inlines(nodes: tuple[ast.Inline, ...], in_bracket: bool = False) -> str:
    out = []
    for node in nodes:
        match node:
            case ast.Text():
                out.append(_text(node.value, in_bracket))
            case ast.Emphasis():
                inner = _inlines(node.children, in_bracket)
                only = node.children[0] if len(node.children) == 1 else None
                if node.style == "bold" and isinstance(only, ast.Emphasis) and only.style == "italic":
                    out.append("***" + _inlines(only.children, in_bracket) + "***")
                else:
                    opening, closing = _TAGS[node.style]
                    out.append(opening + inner + closing)
            case ast.Ref():
                out.append("{@" + node.label + "}")
            case ast.Comment():
                anchor = "{==" + _inlines(node.anchor, in_bracket) + "==}" if node.anchor is not None else ""
                out.append(anchor + "{>>" + _authored(node.author, node.body) + "<<}")
            case ast.Footnote():
                out.append("{^" + _inlines(node.body) + "^}")
            case ast.Change():
                match node.kind:
                    case "insert":
                        out.append("{++" + _authored(node.author, node.new) + "++}")
                    case "delete":
                        out.append("{--" + _authored(node.author, node.old) + "--}")
                    case "substitute":
                        out.append("{~~" + _authored(node.author, node.old) + "~>" + _inlines(node.new) + "~~}")
            case ast.Bracket():
                out.append("[" + "/".join(_inlines(a, in_bracket=True) for a in node.alternatives) + "]")
    return "".join(out)


def _authored(author: str | None, body: tuple[ast.Inline, ...]) -> str:
    text = _inlines(body)
    if author is not None:
        return f"{author}: {text}"
    m = _AUTHOR_LIKE.match(text)
    if m:  # a first word and a colon that is not an author: escape the colon
        colon = m.end() - 1
        text = text[:colon] + "\\" + text[colon:]
    return text
