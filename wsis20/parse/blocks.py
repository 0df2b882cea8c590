"""Cut a source into its front matter and its blocks.

Blocks are separated by blank lines; a heading line is a block of its own even
without blank lines around it. This is the only line-level structure of the
markup; everything inside a block is the grammar's (grammar/wsis.lark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"[ \t]*#{1,3}[ \t]")
_FENCE = re.compile(r"---[ \t]*\Z")


@dataclass(frozen=True, slots=True)
class RawBlock:
    text: str
    offset: int  # of its first character in the source
    line: int  # 1-based line of its first character


@dataclass(frozen=True, slots=True)
class RawFrontMatter:
    text: str  # the YAML between the fences
    offset: int
    line: int  # of the YAML's first line
    end_offset: int  # just past the closing fence (or the end of the file when unclosed)
    closed: bool


def split(text: str) -> tuple[RawFrontMatter | None, list[RawBlock]]:
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    front = None
    first = 0
    if lines and _FENCE.match(lines[0]):
        for i in range(1, len(lines)):
            if _FENCE.match(lines[i]) or lines[i].rstrip() == "...":
                body_start = offsets[1] if len(lines) > 1 else len(text)
                front = RawFrontMatter(text[body_start:offsets[i]], body_start, 2,
                                       offsets[i] + len(lines[i]), True)
                first = i + 1
                break
        else:
            front = RawFrontMatter(text[offsets[1]:] if len(lines) > 1 else "",
                                   offsets[1] if len(lines) > 1 else len(text), 2, len(text), False)
            first = len(lines)

    blocks: list[RawBlock] = []
    start = None  # index of the first line of the block being gathered

    def close(end: int) -> None:
        if start is not None:
            block_text = "\n".join(lines[start:end])
            blocks.append(RawBlock(block_text, offsets[start], start + 1))

    for i in range(first, len(lines)):
        line = lines[i]
        if not line.strip():
            close(i)
            start = None
        elif _HEADING.match(line):
            close(i)
            blocks.append(RawBlock(line, offsets[i], i + 1))
            start = None
        elif start is None:
            start = i
    close(len(lines))
    return front, blocks
