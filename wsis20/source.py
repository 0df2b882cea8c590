"""Source files and positions in them."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple


# Characters no draft needs and that hide or disguise text: C0 and C1 controls
# but tab and line ends (NUL, ESC, Word's U+000B manual line break), DEL; and
# the bidirectional embeddings, overrides and isolates that reorder what a
# reader sees ("Trojan Source"). Character classes, for the parser's scan of the
# text and the front matter's check of its values.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# One pattern for them, for the parser and every reader.
CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
_LINE_END = re.compile(rb"\r\n|\r|\n")


class Span(NamedTuple):
    """A stretch of source: character offsets and the 1-based line and column of its start.

    A named tuple rather than a dataclass: spans are made by the thousand while
    parsing, and a tuple is both immutable and several times faster to build.
    """

    start: int
    end: int
    line: int
    column: int

    def cover(self, other: "Span") -> "Span":
        """The smallest span holding both (``self`` must come first)."""
        return Span(self.start, max(self.end, other.end), self.line, self.column)


class DecodeError(Exception):
    """The bytes are not UTF-8 text; ``offset`` is the first bad byte."""

    def __init__(self, message: str, offset: int, line: int, column: int):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column


@dataclass(frozen=True)
class SourceFile:
    """The text of one input, with line ends normalised to ``\\n``."""

    path: str
    text: str
    line_starts: tuple[int, ...] = field(repr=False, default=())

    @classmethod
    def from_text(cls, path: str, text: str) -> "SourceFile":
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return cls(path, text, tuple(starts))

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> "SourceFile":
        return cls.from_text(path, decode(data))

    def span(self, start: int, end: int) -> Span:
        line = bisect.bisect_right(self.line_starts, start)
        return Span(start, end, line, start - self.line_starts[line - 1] + 1)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line end."""
        start, end = self.line_bounds(line)
        return self.text[start:end]

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line's first character and of its end, found
        from the line starts, so a megabyte-long line is not searched again."""
        if not 1 <= line <= len(self.line_starts):
            return 0, 0
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return start, end


def decode(data: bytes) -> str:
    """UTF-8 with or without a byte-order mark; anything else raises DecodeError."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("the file is UTF-16; save it as UTF-8", 0, 1, 1)
    elif data.count(0) * 4 >= len(data) > 0:  # every other byte NUL: UTF-16 text without its mark
        raise DecodeError(f"the file looks like UTF-16 without a byte-order mark (a NUL byte at offset "
                          f"{data.index(0)}); save it as UTF-8", data.index(0), 1, 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        lines = _LINE_END.split(data[: exc.start])  # \r\n, \r or \n, as SourceFile counts lines
        line = len(lines)
        column = len(lines[-1].decode("utf-8", "replace")) + 1
        raise DecodeError(
            f"the file is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
            exc.start, line, column,
        ) from None
