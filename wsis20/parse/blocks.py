"""Cut a source into its front matter and its blocks.

Blocks are separated by blank lines; a heading line is a block of its own even
without blank lines around it. A line `---` in the body opens an annex block (a
second front matter, up to the next `---`), which ends the block before it.
This is the only line-level structure of the markup; everything inside a block
is the grammar's (grammar/wsis.lark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"[ \t]*#{1,3}[ \t]")
_FENCE = re.compile(r"---[ \t]*\Z")
# The first line of an annex block: a `key:`, a YAML comment, or the block's end.
_YAML_LINE = re.compile(r"[ \t]*(?:[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|\Z)|#|---[ \t]*\Z|\.\.\.)")


@dataclass(frozen=True, slots=True)
class RawBlock:
    text: str
    offset: int  # of its first character in the source
    line: int  # 1-based line of its first character


@dataclass(frozen=True, slots=True)
class RawFrontMatter:
    """The file's front matter, or an annex block in the body."""

    text: str  # the YAML between the fences
    offset: int
    line: int  # of the YAML's first line
    end_offset: int  # just past the closing fence (or the end of the file when unclosed)
    closed: bool
    start: int = 0  # of the opening fence
    stray: bool = False  # a line of dashes that text, not YAML, follows: no block at all


def _fenced(lines: list[str], offsets: list[int], text: str, opening: int) -> tuple[RawFrontMatter, int]:
    """The block opened by the fence on line ``opening`` (0-based), and the
    index of the line after it. Unclosed, it runs to the end of the file."""
    after = opening + 1
    yaml_start = offsets[after] if after < len(lines) else len(text)
    for i in range(after, len(lines)):
        if _FENCE.match(lines[i]) or lines[i].rstrip() == "...":
            return RawFrontMatter(text[yaml_start:offsets[i]], yaml_start, after + 1, offsets[i] + len(lines[i]),
                                  True, offsets[opening]), i + 1
    return RawFrontMatter(text[yaml_start:], yaml_start, after + 1, len(text), False, offsets[opening]), len(lines)


def new_block_after(previous: str | None) -> bool:
    """Whether words written on the line after ``previous`` (None: on the text's
    first line) would start a block of their own, as :func:`split` cuts blocks:
    after a blank line, a heading line or a fence (``---``, ``...``). Words on
    any other line continue the block above."""
    if previous is None:
        return True
    return not previous.strip() or bool(_HEADING.match(previous) or _FENCE.match(previous)) \
        or previous.rstrip() == "..."


def split(text: str) -> tuple[RawFrontMatter | None, list[RawBlock | RawFrontMatter]]:
    """The front matter (a fence on the first line), and the body's blocks with
    its annex blocks among them. An annex block that is never closed is given
    with ``closed`` False and its opening line alone: the lines after it stay blocks."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    front = None
    first = 0
    if lines and _FENCE.match(lines[0]):
        front, first = _fenced(lines, offsets, text, 0)

    blocks: list[RawBlock | RawFrontMatter] = []
    start = None  # index of the first line of the block being gathered

    def close(end: int) -> None:
        if start is not None:
            block_text = "\n".join(lines[start:end])
            blocks.append(RawBlock(block_text, offsets[start], start + 1))

    i = first
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            close(i)
            start = None
        elif _HEADING.match(line):
            close(i)
            blocks.append(RawBlock(line, offsets[i], i + 1))
            start = None
        elif _FENCE.match(line):
            close(i)
            start = None
            fence, after = _fenced(lines, offsets, text, i)
            # A line of dashes that a paragraph follows (a Markdown rule), not YAML, is
            # a stray one: reported as such at its line, and the text after it is read.
            first = next((line for line in lines[i + 1:after - 1] if line.strip()), None)
            stray = fence.closed and first is not None and not _YAML_LINE.match(first)
            if not fence.closed or stray:
                fence = RawFrontMatter("", offsets[i] + len(line), i + 2, offsets[i] + len(line), False, offsets[i],
                                       stray)
                after = i + 1
            blocks.append(fence)
            i = after
            continue
        elif start is None:
            start = i
        i += 1
    close(len(lines))
    return front, blocks
