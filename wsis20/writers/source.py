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
from ..parse.parser import BULLETS, DASHES, bullet_at, mistyped_marker, mistyped_sub_marker, opens_block
from ..parse.to_ast import heading_number

_TAGS = {"italic": ("*", "*"), "bold": ("**", "**"), "underline": ("__", "__")}
# Characters that open or close a construct anywhere in text.
_SPECIAL = re.compile(r"\\|\*|__|\[|\]|\{|\}|~>|_(?=_)")
# What would open a block as something other than text.
_BLOCK_OPENING = re.compile(r"[ \t]*(?:#{1,3}[ \t]|\(|(?:OP|PP)?[\d#][^\s.]*\.|[A-Z]{1,2}\w*\.)")
# A line that would open an annex block.
_FENCE_LINE = re.compile(r"---[ \t]*\Z")
# A slash that would separate alternatives inside a bracket.
_ALTERNATIVE_SLASH = re.compile(r"(?<=[a-z\s])/(?=[a-z\s])")
_AUTHOR_LIKE = re.compile(r"[ \t]*[^\s:/]{1,16}:(?!//)")


def write_source(doc: ast.Document, front_matter_text: str | None, *, assigned_numbers: bool = False,
                 width: int | None = None, annex_blocks: tuple[str, ...] | None = None) -> str:
    """The document as .wsis text. With ``assigned_numbers``, every paragraph's
    marker is its number as numbered (for `wsisc renumber`), not as written.
    With ``width``, paragraphs are wrapped to lines of at most that many
    characters where a break is safe; without, each is one line. Each annex
    opens with its block from ``annex_blocks`` (as written, `---` to `---`),
    or one written from its settings."""
    parts: list[str] = []
    if front_matter_text is not None:
        parts.append(front_matter_text.rstrip("\n") + "\n")
    elif doc.annexes and not doc.blocks:
        parts.append("---\n---\n")  # or the first annex block would be read as the file's front matter

    def blocks(items: tuple[ast.Block, ...], front: ast.FrontMatter) -> None:
        for index, block in enumerate(items):
            text = _block(block, front, assigned_numbers)
            if isinstance(block, ast.Paragraph) and block.marker is None:
                text = _kept_unnumbered(text, items, index)
            if width and isinstance(block, ast.Paragraph):
                text = "".join(_wrap(line, width) + "\n" for line in text.splitlines())
            parts.append(text)

    blocks(doc.blocks, doc.front)
    for index, annex in enumerate(doc.annexes):
        block = annex_blocks[index] if annex_blocks is not None else annex_block(annex.front, doc.front)
        parts.append(block.rstrip("\n") + "\n")
        blocks(annex.blocks, annex.front)
    return "\n".join(parts).rstrip("\n") + "\n"


def annex_block(front: ast.FrontMatter, file_front: ast.FrontMatter) -> str:
    """An annex block written from an annex's settings, keys in the canonical
    order; the document type and preamble numbering only where they are not
    the file's, which the annex takes when it names none."""
    import json

    from ..parse.front_matter import ANNEX_KEYS

    lines = ["---"]
    for key in ANNEX_KEYS:
        value = getattr(front, key)
        if key in ("document_type", "preamble_numbering") and value == getattr(file_front, key):
            continue
        if key == "annex" or value is not None:
            lines.append(f"{key}: {'~' if value is None else json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines + ["---"]) + "\n"


def front_matter_blocks(text: str) -> tuple[str | None, tuple[str, ...]]:
    """A source's front matter and its annex blocks, each as written (`---` to
    `---`) with its keys in the canonical order."""
    from ..parse.blocks import RawFrontMatter, split
    from ..parse.front_matter import ANNEX_KEYS

    raw_front, items = split(text)
    front = canonical_front_matter(text[:raw_front.end_offset]) if raw_front is not None else None
    return front, tuple(canonical_front_matter(text[raw.start:raw.end_offset], ANNEX_KEYS)
                        for raw in items if isinstance(raw, RawFrontMatter) and raw.closed)


_KEY_LINE = re.compile(r"([^\s#'\"{\[&*!|>%@`-][^:#]*?):(?:\s|$)")


def _front_entries(text: str):
    """The front matter block cut into (top lines, [(key, lines)], trailing
    lines): each top-level key with its own lines and the comment lines
    directly above it. None when the block is not simply `key: value` lines."""
    lines = text.splitlines(keepends=True)
    if len(lines) < 2 or lines[0].rstrip() != "---" or lines[-1].rstrip() != "---":
        return None
    top: list[str] = []  # comments above the first blank line before the first key: about the whole block
    entries: list[tuple[str, list[str]]] = []
    pending: list[str] = []  # comment and blank lines waiting for the key below them
    for line in lines[1:-1]:
        key = _KEY_LINE.match(line)
        if key:
            # Comment lines directly above a key go with it; those above a blank line stay where they are.
            blank = max((i for i, p in enumerate(pending) if not p.strip()), default=-1)
            (entries[-1][1] if entries else top).extend(pending[:blank + 1])
            entries.append((key.group(1).strip(), pending[blank + 1:] + [line]))
            pending = []
        elif line.strip()[:1] in ("#", "") and line[:1] in ("#", "\n", "\r", ""):
            pending.append(line)
        elif entries:
            entries[-1][1].extend(pending + [line])
            pending = []
        else:
            return None  # something before the first key that is not a comment
    return top, entries, pending


def _joined(chunks) -> str:
    # A last entry without a line end would run into the next one once moved.
    return "".join(c if c.endswith("\n") else c + "\n" for c in ("".join(chunk) for chunk in chunks))


def _loads_same(before: str, after: str) -> bool:
    import yaml

    try:
        return yaml.safe_load(before) == yaml.safe_load(after)
    except yaml.YAMLError:
        return False


def canonical_front_matter(text: str, order: tuple[str, ...] | None = None) -> str:
    """The front matter block (`---` ... `---`) with its top-level keys in the
    canonical order (``order``: an annex block's), each key's lines (and the
    comment lines just above it) moved as they are. Unknown keys follow in
    their own order. Kept as written when the reordering would not load to the
    same values (YAML anchors, odd forms)."""
    from ..parse.front_matter import CANONICAL_ORDER

    order = order or CANONICAL_ORDER
    cut = _front_entries(text)
    if cut is None:
        return text
    top, entries, trailing = cut
    names = [name for name, _ in entries]
    body = text.split("\n", 1)[1].rsplit("---", 1)[0]
    if len(set(names)) != len(names) or _has_aliases(body):
        return text  # aliases may need their anchors first, and comparing their loads can take for ever
    rank = {name: i for i, name in enumerate(order)}
    ordered = sorted(enumerate(entries), key=lambda e: (rank.get(e[1][0], len(rank)), e[0]))
    if [i for i, _ in ordered] == list(range(len(entries))):
        return text
    new_body = "".join(top) + _joined(chunk for _, (_, chunk) in ordered) + "".join(trailing)
    lines = text.splitlines(keepends=True)
    return lines[0] + new_body + lines[-1] if _loads_same(body, new_body) else text


def with_front_matter_value(text: str | None, key: str, value: str) -> str | None:
    """The front matter with `key` set to the text `value` (its old lines
    replaced, or a line added at the top), every other key loading as before;
    None when that cannot be done safely by hand-free editing."""
    import json

    line = f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
    if text is None:
        return f"---\n{line}---\n"
    cut = _front_entries(text)
    if cut is None:
        return None
    top, entries, trailing = cut
    body = text.split("\n", 1)[1].rsplit("---", 1)[0]
    if _has_aliases(body):
        return None
    def replaced(chunk: list[str]) -> list[str]:  # the comments above the key stay
        at = next(i for i, c in enumerate(chunk) if _KEY_LINE.match(c))
        return chunk[:at] + [line]

    chunks = [replaced(chunk) if name == key else chunk for name, chunk in entries]
    if key not in [name for name, _ in entries]:
        chunks.insert(0, [line])
    new_body = "".join(top) + _joined(chunks) + "".join(trailing)
    import yaml

    try:
        before, after = yaml.safe_load(body) or {}, yaml.safe_load(new_body) or {}
    except yaml.YAMLError:
        return None
    if not isinstance(before, dict) or after.get(key) != value or \
            {k: v for k, v in after.items() if k != key} != {k: v for k, v in before.items() if k != key}:
        return None
    lines = text.splitlines(keepends=True)
    return lines[0] + new_body + lines[-1]


def _has_aliases(yaml_text: str) -> bool:
    import yaml

    try:
        return any(isinstance(t, (yaml.AnchorToken, yaml.AliasToken)) for t in yaml.scan(yaml_text))
    except yaml.YAMLError:
        return True


# A word that must not begin a line: it would read as a marker, a heading, a
# sub-paragraph or an attribute block, or its meaning depends on what precedes it.
_UNSAFE_LINE_START = re.compile(rf"(?:[#(\-{{}}\[\]*_\\>|~+=^@<{BULLETS}{DASHES}]|\d|(?:OP|PP)?[\d#]|[A-Z]{{1,2}}\w*\.|[a-z]{{1,8}}\))")
_BREAK = re.compile(r"(?<=\S) (?=\S)")  # a single space: two would lose one at the break


def _wrap(line: str, width: int) -> str:
    """One written line broken at single spaces into lines of at most `width`
    characters, continuation lines indented like the line itself. A break never
    falls inside the marker and attribute block, nor before an unsafe word."""
    if len(line) <= width:
        return line
    indent = line[:len(line) - len(line.lstrip(" "))]
    head = re.match(r" *\S+(?: \{[^}]*\})?", line)
    start = head.end() if head else 0
    breaks = [m.start() for m in _BREAK.finditer(line, start)
              if not _UNSAFE_LINE_START.match(line, m.start() + 1)]
    pieces: list[str] = []
    line_start, previous = 0, None  # previous: the last break that still fits the current line
    for at in breaks + [len(line)]:
        length = at - line_start + (len(indent) if pieces else 0)
        if length > width and previous is not None:
            pieces.append(line[line_start:previous])
            line_start = previous + 1
        previous = at
    pieces.append(line[line_start:])
    return ("\n" + indent).join(pieces)


def _block(block: ast.Block, front: ast.FrontMatter, assigned_numbers: bool = False) -> str:
    if isinstance(block, ast.Heading):
        words = _inlines(block.content)
        if block.written_number is None and (number := heading_number(words)):
            words = _escape_first_dot(words, number.end() - 1)  # words that read as an item number
        return "#" * block.level + " " + " ".join(x for x in (block.written_number, words) if x) + "\n"
    lines = []
    if block.marker is None:
        text = _inlines(block.content)
        if _FENCE_LINE.match(text):
            text = "\\" + text  # a line of dashes, not an annex block
        elif _BLOCK_OPENING.match(text) or opens_block(text):
            text = "\\" + text if text[0] in "#(" or text[0].isdigit() else _escape_first_dot(text)
        elif (mistyped := mistyped_marker(text)) is not None and mistyped.escape_at is not None:
            text = text[:mistyped.escape_at] + "\\" + text[mistyped.escape_at:]
        elif text.startswith("-") and bullet_at(text):
            text = "\\" + text
        elif (label := mistyped_sub_marker(text)) is not None:  # `a)`, `(c`: escape the bracket
            at = label[0] + (len(label[1]) - 1 if label[1].endswith(")") else 0)
            text = text[:at] + "\\" + text[at:]
        lines.append(text)
    else:
        head = marker_text(block, front, assigned_numbers)
        attrs = _attrs(block.label, block.status, block.proposal)
        lines.append(" ".join(x for x in (head, attrs, _inlines(block.content)) if x))
    lines += _subs(block.subparagraphs, 1)
    return "\n".join(lines) + "\n"


def _kept_unnumbered(text: str, items: tuple[ast.Block, ...], index: int) -> str:
    """Text whose first word, on one line, would read as the number missing between
    the paragraphs around it ("1\n0. ..." joined is "1 0. ..."): the number escaped
    (`\\1 0.`), or a letter, which has no escape, kept on a line of its own."""
    from ..parse import lost_number

    m = lost_number(text, 0, items, index)
    if m is None:
        return text
    if m["label"].isdigit():
        return text[:m.start("label")] + "\\" + text[m.start("label"):]
    return text[:m.end("label")] + "\n" + text[m.end("label"):].lstrip(" \t")


def _escape_first_dot(text: str, dot: int | None = None) -> str:
    dot = text.index(".") if dot is None else dot
    return text[:dot] + "\\" + text[dot:]


def marker_text(paragraph: ast.Paragraph, front: ast.FrontMatter, assigned_numbers: bool = False) -> str:
    """A paragraph's marker in the canonical form (also the Akoma Ntoso export's `wsisc:marker`)."""
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
    if paragraph.part == "preamble" and front.preamble_numbering == "letters" and number.base <= 702:
        return f"{number.with_letters()}."  # A. to ZZ.; beyond, PP703. reads back and shows the same
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
                out.append("[" + _alternatives([_inlines(a, in_bracket=True) for a in node.alternatives]) + "]")
    return "".join(out)


def _alternatives(parts: list[str]) -> str:
    """Alternatives joined so that the parser splits them again: a bare `/`
    separates only between lower-case letters or spaces, so elsewhere (`[2 / 3]`,
    `[a [b] / c]`) the separator is written with spaces."""
    out = parts[0]
    for part in parts[1:]:
        bare = re.search(r"[a-z\s]\Z", out) and re.match(r"[a-z\s]", part)
        out += ("/" if bare else " / ") + part
    return out


def _authored(author: str | None, body: tuple[ast.Inline, ...]) -> str:
    text = _inlines(body)
    if author is not None:
        return f"{author}: {text}"
    m = _AUTHOR_LIKE.match(text)
    if m:  # a first word and a colon that is not an author: escape the colon
        colon = m.end() - 1
        text = text[:colon] + "\\" + text[colon:]
    return text
