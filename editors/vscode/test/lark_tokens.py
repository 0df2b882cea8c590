"""What the compiler's own parser sees in .wsis files, for the grammar's scope test.

For each file given, prints one JSON object: the front matter's and annex
blocks' line ranges, the blocks, and every token of every block as the Lark
grammar (grammar/wsis.lark) lexes and parses it, with the constructs it stands
in (italic, insertion, bracket, ...). editors/vscode/test/scopes.test.js checks
that the TextMate grammar gives each of them its scope. Run with the checkout's
Python (`make editor-grammar-test` does): it imports wsis20.

Positions are 0-based lines and UTF-16 columns, as vscode-textmate counts them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from wsis20.parse.blocks import RawFrontMatter, split  # noqa: E402
from wsis20.parse.parser import Tree, block_parser  # noqa: E402
from wsis20.parse.to_ast import (  # noqa: E402
    _ALTERNATIVE_SLASH, _ATTR_ITEM, _AUTHOR, STATUSES, heading_number, marker_parts)

# Constructs that wrap their words, by the name of their rule in grammar/wsis.lark.
CONSTRUCTS = {"italic", "bold", "bold_italic", "underline", "comment", "highlight", "insertion", "deletion",
              "substitution", "footnote", "bracket", "heading"}


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Dump:
    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.tokens: list[dict] = []

    def where(self, offset: int) -> tuple[int, int]:
        line = max(i for i, start in enumerate(self.line_starts) if start <= offset)
        return line, utf16(self.text[self.line_starts[line]:offset])

    def emit(self, kind: str, start: int, end: int, within: list[str]) -> None:
        """A token from ``start`` to ``end`` (offsets in the file), cut at line ends."""
        while start < end:
            line_end = self.text.find("\n", start, end)
            stop = end if line_end == -1 else line_end
            if stop > start:
                line, column = self.where(start)
                self.tokens.append({"type": kind, "line": line, "start": column,
                                    "end": column + utf16(self.text[start:stop]),
                                    "text": self.text[start:stop], "within": within})
            start = stop + 1

    def walk(self, tree: Tree, base: int, within: list[str]) -> None:
        if tree.data in CONSTRUCTS:
            within = within + [tree.data]
        arrow_seen = False
        children = tree.children
        for i, child in enumerate(children):
            if isinstance(child, Tree):
                inner = within
                if tree.data == "substitution":
                    inner = within + ["substitution_new" if arrow_seen else "substitution_old"]
                elif tree.data == "highlight" and child.data == "comment":
                    inner = within[:-1]  # the comment on the highlighted words is not highlighted itself
                self.walk(child, base, inner)
                continue
            start, end = base + child.start_pos, base + child.end_pos
            here = within
            if tree.data == "substitution" and child.type not in ("SUBST_OPEN", "SUBST_ARROW", "SUBST_CLOSE"):
                here = within + ["substitution_new" if arrow_seen else "substitution_old"]
            if child.type == "SUBST_ARROW":
                arrow_seen = True
            if (child.type == "TEXT" and i == 1 and tree.data in ("comment", "insertion", "deletion", "substitution")
                    and (m := _AUTHOR.match(child.value))):
                # The author's initials, as to_ast's comment_body splits them off.
                self.emit("AUTHOR", start + m.start(1), start + m.end(1), within)
                self.emit("TEXT", start + m.end(), end, here)
            elif child.type == "TEXT" and tree.data == "bracket":
                last = 0
                for m in _ALTERNATIVE_SLASH.finditer(child.value):
                    self.emit("TEXT", start + last, start + m.start(), here)
                    self.emit("ALTERNATIVE", start + m.start(), start + m.end(), here)
                    last = m.end()
                self.emit("TEXT", start + last, end, here)
            elif child.type == "TEXT" and tree.data == "heading" and i == 1 and (m := heading_number(child.value)):
                self.emit("ITEM_NUMBER", start, start + m.end(), here)
                self.emit("TEXT", start + m.end(), end, here)
            elif child.type == "ATTRS":
                self.emit("ATTRS", start, end, here)
                for m in _ATTR_ITEM.finditer(child.value):
                    sign, name = m.group()[0], m.group()[1:]
                    kind = {"#": "LABEL", ".": "STATUS" if name in STATUSES else "BAD_STATUS",
                            "+": "PROPOSAL_NEW", "-": "PROPOSAL_DELETE"}[sign]
                    self.emit(kind, start + m.start() + 1, start + m.end(), here)
            else:
                self.emit(child.type, start, end, here)
                written = child.value.strip()
                if child.type in ("OP_MARKER", "PP_MARKER") and (parts := marker_parts(written)) and parts.suffix:
                    # The insertion suffix (`bis` in `12bis.`), just before the marker's dot.
                    dot = start + child.value.index(written) + len(written) - 1
                    self.emit("SUFFIX", dot - len(parts.suffix), dot, here)


def dump(path: str) -> dict:
    text = Path(path).read_text(encoding="utf-8")
    front, blocks = split(text)
    out = Dump(text)
    fenced, paragraphs, errors = [], [], []
    for block in ([front] if front else []) + blocks:
        if isinstance(block, RawFrontMatter):
            first, last = out.where(block.start)[0], out.where(max(block.start, block.end_offset - 1))[0]
            fenced.append({"kind": "front-matter" if block is front else "annex", "first": first, "last": last})
            continue
        first, last = out.where(block.offset)[0], out.where(block.offset + len(block.text))[0]
        paragraphs.append({"first": first, "last": last})
        try:
            tree = block_parser().parse(block.text)
        except Exception as exc:  # noqa: BLE001 - reported, and the test fails on it
            errors.append(f"{path}:{block.line}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            continue
        out.walk(tree, block.offset, [])
    return {"file": path, "fenced": fenced, "blocks": paragraphs, "tokens": out.tokens, "errors": errors}


if __name__ == "__main__":
    json.dump([dump(path) for path in sys.argv[1:]], sys.stdout, ensure_ascii=False)
