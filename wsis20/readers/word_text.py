"""Text taken out of Word -> a draft: what people get today when they copy a
Word draft with comments and tracked changes, or save it as text.

Such text has lost its structure: Word's comments come as "Commented [ПW1]:
..." blocks wherever the page put their balloons, splitting the paragraph
they stand in; tracked changes come as the deleted and the inserted words run
together ("inequalityies", "beis"); numbers are typed, with list dashes or
bold around them ("- 12.", "**3bis.**"). What this reader makes of it
(docs/text-import.md gives the whole account):

- "Commented [XX1]: text" blocks (and replies, "[XX2R1]") -> comments at the
  end of the paragraph or sub-paragraph they interrupt (the text cannot say
  which words they were on), their authors declared under `authors:` with their
  initials as names (a warning says so); a paragraph split around them is joined;
- numbers as typed, duplicates kept ("103ter" three times), for `check` to report;
  "A." and "PP3." preambular paragraphs, "(a)"/"(i)" sub-paragraphs;
- short lines without final punctuation, standing alone -> headings ("A." or
  "I." before them: the heading's item number);
- the opening lines: `stage` ("ZERO DRAFT"), `symbol`, `date`, `distribution`,
  `original`, `title`;
- `<u>...</u>` and `**...**` (as some copies mark underlining and bold) -> emphasis;
- words that look fused by lost tracked changes -> warnings at their line and
  column in the .txt, the words left as written.

The result goes through the source writer, in the canonical form of `wsisc fmt`.
"""

from __future__ import annotations

import bisect
import codecs
import datetime
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .. import ast
from ..diagnostics import Diagnostic, has_errors, make
from ..numbers import Number, from_alpha_label, from_letters, from_roman, rank_of
from ..parse.parser import BULLETS, DASHES
from ..parse.to_ast import is_author
from ..pipeline import load
from ..report import sort_key
from ..source import BIDI_CONTROLS, SourceFile, Span
from .draft import Imported, Part, draft_text, summary

MAX_BYTES = 4 * 1024 * 1024  # a long draft with its comments is a few hundred kilobytes

_NOWHERE = Span(0, 0, 1, 1)  # the nodes made here have no place in a .wsis source yet
# Controls that no text from Word holds, but U+000B (Word's manual line break)
# and U+000C (a page break), which are read as spaces.
_BINARY = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Invisible reordering characters: warned about in the text, refused in the front
# matter, so a line holding one stays text.
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")

# "Commented [ПW1]: text", and Word's label for a reply, "[ПW2R1]" (comment 2, replying to 1).
_COMMENT = re.compile(r"[ \t]*Comment(?:ed)?[ \t]*\[(?P<label>[^\]\n]{1,40})\][ \t]*:[ \t]*")
_LABEL = re.compile(r"(?P<initials>.*?)(?P<number>\d+)(?:R(?P<parent>\d+))?")
# Bullets as `check` tells them (and Unicode's other dashes), each with the space after it.
_BULLET = re.compile(f"(?:[\u2010-\u2012\u2015{BULLETS}{DASHES}](?:\\s+|$))+")
_SUB = re.compile(r"\((?P<label>[a-z]{1,3}|[ivxlc]{1,6})\)[ \t]+|(?P<bare>[a-z]|[ivx]{1,4})\)[ \t]+")
# A paragraph number: "12.", "12 bis.", "103ter", "OP12.", "PP3", "12<tab>", in bold or not.
_NUMBER = re.compile(r"(?P<prefix>PP|OP)?[ ]?(?P<n>\d{1,3})(?:[ ]?(?P<suffix>[A-Za-z]+))?(?P<bold>\*\*)?"
                     r"(?P<dot>\.)?(?P<bold2>\*\*)?(?P<space>[ \t]+|$)")
_LETTERS = re.compile(r"(?P<letters>[A-Z]{1,2})(?P<suffix>[a-z]+)?(?P<bold>\*\*)?\.(?P<bold2>\*\*)?(?:[ \t]+|$)")
_CLOSED = re.compile(r"[.;:!?,][\"'\u201d\u2019\u00bb)\]*]*(?:</\w+>)*$")
_EMPHASIS = re.compile(r"\*\*(?P<bold>[^\s*](?:[^*]*?[^\s*])?)\*\*"
                       r"|<(?P<tag>u|i|b|em|strong)>(?P<inner>[^\s<](?:[^<]*?[^\s<])?)</(?P=tag)>")
_TAG_STYLES = {"u": "underline", "i": "italic", "em": "italic", "b": "bold", "strong": "bold"}
# A preambular paragraph's opening words, italic in UN drafts: "Recalling", "Taking note", "Noting with concern".
_OPENING = re.compile(r"[A-Z][a-z]+ing(?: (?:also|further|moreover|again|note|into account|in mind"
                      r"|with (?:appreciation|concern|satisfaction|deep concern)))?(?=[ ,])")

# The opening lines that say what the document is.
_STAGE = re.compile(r"(?:(?:zero|first|second|third|fourth|fifth|final|revised|advance(?:d)?)[ ]+)?draft"
                    r"(?:[ ]+(?:rev\.?[ ]?\d+|revision[ ]+\d+))?", re.IGNORECASE)
_SYMBOL = re.compile(r"[A-Z]{1,12}(?:/[A-Z0-9.()\-]+)+")
_DISTRIBUTION = re.compile(r"Distr\.?:?[ ]*(General|Limited|Restricted)", re.IGNORECASE)
_ORIGINAL = re.compile(r"Original:[ ]*([A-Z][a-z]+)")
_MONTHS = ("January February March April May June July August September October November December").split()
_DATE = re.compile(r"(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})")

# Words that look fused by lost tracked changes.
_WORD = re.compile(r"[^\W_]+")
_CAMEL = re.compile(r"[a-z]{2}[A-Z]")
_GLUED = re.compile(r"[a-z]{3}\d|\d(?P<letters>[A-Za-z]{3,})")  # "Agenda2030", "2015December"; not "SSA2"
_TWO_NUMBERS = re.compile(r"(?<![\w/.,])\d[\d/]*[ ]+(?P<second>\d[\d/]*)(?![\w/])")
_TOKEN = re.compile(r"\w+")
_HYPHEN_CHAIN = re.compile(r"\b\w+(?:-\w+){4,}-?|\b\w+(?:-\w+)+-(?=[ ]|$)")
_ABBREVIATIONS = {"e.g.", "i.e.", "etc.", "cf.", "p.", "pp.", "para.", "paras.", "no.", "art.", "vol.", "vs."}
# Endings that make one word of two ("accountability", "policymakers"), not two words run together.
_ENDINGS = ("ability", "ibility", "ation", "ations", "ment", "ments", "ness", "ship", "ships", "wide", "wise",
            "holder", "holders", "maker", "makers", "making", "based", "building", "keeping", "taking")
_MOST_LISTED = 100  # warnings of a kind listed one by one; the rest are counted
_FUSED_HINT = ("check the words against the Word file's tracked changes; a change is written "
               "`{~~XX: old~>new~~}` with its delegation's initials")


def read(path: str, data: bytes) -> Imported:
    """A text file's bytes -> the .wsis text, or the diagnostics that refuse it."""
    if len(data) > MAX_BYTES:
        head = SourceFile.from_text(path, data[:4096].decode("utf-8", "replace").split("\n")[0])
        return Imported(head, None, [make(
            "too-large", f"the file is larger than the {MAX_BYTES // (1024 * 1024)} MB wsisc imports as text",
            Span(0, 0, 1, 1), hints=("a draft taken out of Word is a few hundred kilobytes: "
                                     "check that this is the file you meant",))])
    source, problems = _decoded(path, data)
    if has_errors(problems):
        return Imported(source, None, problems)
    reader = _Reader(source)
    reader.diagnostics[:0] = problems
    body = reader.read()
    reader.diagnostics.sort(key=sort_key)
    if body is None:
        return Imported(source, None, reader.diagnostics)
    return Imported(source, draft_text(path, body, []), reader.diagnostics, summary(body, []))


# ------------------------------------------------------------------ decoding

def _decoded(path: str, data: bytes) -> tuple[SourceFile, list[Diagnostic]]:
    """The text: UTF-8 with or without its byte-order mark, UTF-16 with one (Word's
    "Unicode text"), else Windows-1252 with a warning; or, with an error among
    the diagnostics, the file as far as it can be shown under them."""
    warnings: list[Diagnostic] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            source = SourceFile.from_text(path, data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            return _fallback_source(path, data), [make(
                "encoding", f"the file starts as UTF-16 (its byte-order mark) but is not valid UTF-16: bytes at "
                f"offset {exc.start}", Span(0, 0, 1, 1), hints=("save it again from Word as \"Unicode text\" or "
                                                                "as UTF-8",))]
    else:
        source, problems = load(path, data)
        if problems:
            at = problems[0].span
            if b"\x00" in data:
                offset = data.index(b"\x00")
                return source, [make("encoding", f"the file is not text: a NUL byte at offset {offset} (a binary "
                                   "file, or UTF-16 without its byte-order mark)", at,
                                   hints=("save the draft from Word as \"Plain text\" with UTF-8 encoding",))]
            # A file that says it is UTF-8 (its byte-order mark) is not guessed to be anything else.
            text = None if data.startswith(codecs.BOM_UTF8) else _windows_1252(data)
            if text is None:
                return source, [make("encoding", problems[0].message + "; nor is it Windows-1252 text", at,
                                     hints=("save the draft from Word as \"Plain text\" with UTF-8 encoding",))]
            source = SourceFile.from_text(path, text)
            byte = at.start  # one byte is one character in Windows-1252
            warnings.append(make(
                "legacy-encoding", f"the file is not UTF-8 (byte 0x{data[byte]:02x}, here): read as Windows-1252, "
                "Word's \"Western European (Windows)\" text", source.span(*_span_of_byte(data, byte)),
                hints=("check the accented letters and quotes in the draft, or save the text from Word as "
                       "UTF-8 to be sure",)))
    binary = _BINARY.search(source.text)
    if binary is not None:
        count = len(_BINARY.findall(source.text))
        return source, [make("control-character", f"the file is not text: {count} control character"
                           f"{'s' if count > 1 else ''} (the first U+{ord(binary.group()):04X}, here)",
                           source.span(binary.start(), binary.start() + 1),
                           hints=("import the text of a draft, saved from Word as \"Plain text\"",))]
    return source, warnings


def _windows_1252(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes it leaves undefined
        return None


def _span_of_byte(data: bytes, byte: int) -> tuple[int, int]:
    """The character offsets of a byte in a file read as Windows-1252 (line ends normalised)."""
    offset = byte - data[:byte].count(b"\r\n")
    return offset, offset + 1


def _fallback_source(path: str, data: bytes) -> SourceFile:
    """The file as far as it can be shown, for the excerpt under a refusal."""
    return SourceFile.from_text(path, data.decode("utf-8", "replace"))


# ------------------------------------------------------------------ reading

@dataclass
class _CommentBlock:
    label: str  # as written between the brackets: "ПW1", "ПW2R1"
    at: int  # the offset of the label in the source
    pieces: list[tuple[str, int]]  # its lines' words and where each starts


@dataclass
class _Line:
    text: str  # without its leading and trailing spaces
    at: int  # the offset of its first character
    blank_before: bool


@dataclass
class _Unit:
    """A paragraph's own words, or one sub-paragraph's: the pieces of text that
    make them (a paragraph split by comments has several) and the comments on them."""

    pieces: list[tuple[str, int]] = field(default_factory=list)
    comments: list[_CommentBlock] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(text for text, _ in self.pieces).replace("\t", " ")  # one for one: offsets hold

    @property
    def last(self) -> str:
        """Its last piece: how its words end (the pieces joined would take long to make again and again)."""
        return self.pieces[-1][0].replace("\t", " ") if self.pieces else ""

    def is_open(self) -> bool:
        """Whether its words stop mid-sentence (no final punctuation): the next text may complete them."""
        return _CLOSED.search(self.last) is None

    def offsets(self) -> Callable[[int], int]:
        """The source offset of a character of ``text``, by its index there."""
        starts = list(itertools.accumulate((len(text) + 1 for text, _ in self.pieces[:-1]), initial=0))

        def offset(index: int) -> int:
            piece = bisect.bisect_right(starts, index) - 1
            return self.pieces[piece][1] + index - starts[piece]
        return offset


@dataclass
class _Paragraph:
    part: ast.Part
    marker: ast.Marker | None
    at: int
    units: list[tuple[int, str, _Unit]] = field(default_factory=list)  # (level, sub label, unit); level 0 first

    @property
    def unit(self) -> _Unit:
        return self.units[-1][2]


@dataclass
class _Heading:
    level: int
    words: str
    number: str | None


class _Reader:
    def __init__(self, source: SourceFile):
        self.source = source
        self.text = source.text.replace("\x0b", " ").replace("\x0c", " ")  # Word's line and page breaks
        self.diagnostics: list[Diagnostic] = []
        self.blocks: list[_Paragraph | _Heading] = []
        self.paragraphs: list[_Paragraph] = []
        self.current: _Paragraph | None = None  # the paragraph the next text may continue
        self.orphans: list[_CommentBlock] = []  # comments before any paragraph
        self.group: list[_CommentBlock] = []  # the comments since the last line of text
        self.group_open = False  # whether they interrupt words that stop mid-sentence
        self.front: dict[str, object] = {}
        self.roman_headings = False
        self.said: Counter = Counter()  # warnings made, by code
        self.unsaid: dict[str, tuple[int, int]] = {}  # the place of the last warning not listed, by code

    def warn(self, code: str, message: str, at: int, length: int, hint: str) -> None:
        """A warning at a place in the text; past the first hundred of a kind, counted only."""
        self.said[code] += 1
        if self.said[code] <= _MOST_LISTED:
            self.diagnostics.append(make(code, message, self.source.span(at, at + max(1, length)), hints=(hint,)))
        else:
            self.unsaid[code] = (at, length)

    def count_unsaid(self) -> None:
        """One warning for each kind with more than were listed, at the last of them."""
        for code, (at, length) in self.unsaid.items():
            more = self.said[code] - _MOST_LISTED
            self.diagnostics.append(make(code, f"{more} more warnings like the {_MOST_LISTED} above, the last here",
                                         self.source.span(at, at + max(1, length)),
                                         hints=("a text with so many is perhaps not a draft taken out of Word",)))

    # ---------------------------------------------------------- the lines

    def items(self) -> Iterator[_Line | _CommentBlock]:
        """The file's lines of text and its comment blocks (a "Commented" line and
        the lines after it up to a blank line), in order."""
        comment: _CommentBlock | None = None
        blank = True
        for number, start in enumerate(self.source.line_starts):
            end = self.source.line_starts[number + 1] - 1 if number + 1 < len(self.source.line_starts) \
                else len(self.text)
            line = self.text[start:end]
            stripped = line.strip()
            if not stripped:
                if comment is not None:
                    yield comment
                    comment = None
                blank = True
                continue
            at = start + len(line) - len(line.lstrip())
            if (opening := _COMMENT.match(line)) is not None:
                if comment is not None:
                    yield comment
                comment = _CommentBlock(opening["label"], start + opening.start("label"),
                                        _piece(line[opening.end():], start + opening.end()))
            elif comment is not None and not (_BULLET.match(stripped) and self.marker(_unbulleted(stripped))):
                comment.pieces.append((stripped, at))
                continue
            else:
                if comment is not None:
                    yield comment
                    comment = None
                yield _Line(stripped, at, blank)
            blank = False
        if comment is not None:
            yield comment

    def read(self) -> Part | None:
        items = list(self.items())
        for index, item in enumerate(items):
            if isinstance(item, _CommentBlock):
                self.comment(item)
                continue
            following = items[index + 1] if index + 1 < len(items) else None
            # Standing alone: a blank line before, and after it a blank line, the end, or a new block.
            alone = item.blank_before and (following is None or isinstance(following, _CommentBlock)
                                           or following.blank_before or self.marker(
                                               _unbulleted(following.text)) is not None)
            self.line(item, alone)
        self.split_last_comment()
        if not self.paragraphs and self.orphans:
            holder = _Paragraph("text", None, self.orphans[0].at, [(0, "", _Unit())])
            self.paragraphs.append(holder)
            self.blocks.append(holder)
        if not self.blocks:
            self.diagnostics.append(make("no-text", "the file holds no paragraph, heading or comment to import",
                                         Span(0, 0, 1, 1),
                                         hints=("import the text of a draft, saved from Word as \"Plain text\"",)))
            return None
        if self.orphans:
            first = self.paragraphs[0].units[0][2]
            first.comments[:0] = self.orphans
        return self.part()

    def line(self, line: _Line, alone: bool) -> None:
        text, at = line.text, line.at
        if not self.blocks and not _BIDI.search(text) and self.opening_line(text, at):
            return
        bulleted = _BULLET.match(text)
        unbulleted = text[bulleted.end():] if bulleted else text
        if not unbulleted:
            return  # a bullet alone: an empty item
        marker = self.marker(unbulleted)
        if marker is not None:
            self.split_last_comment()
            self.numbered(marker, unbulleted, at + (len(text) - len(unbulleted)), alone)
            return
        sub = _SUB.match(unbulleted) if self.current is not None else None
        if sub is not None and (sub["label"] or self.in_list()):
            self.split_last_comment()
            label = sub["label"] or sub["bare"]
            self.subparagraph(f"({label})", label, unbulleted[sub.end():], at + len(text) - len(unbulleted) + sub.end())
            return
        if bulleted and self.in_list():  # an item of a Word list: the next sub-paragraph
            self.split_last_comment()
            self.subparagraph("(#)", None, unbulleted, at + bulleted.end())
            return
        words, at = unbulleted, at + len(text) - len(unbulleted)
        if self.continues(words, alone):
            self.current.unit.pieces += _piece(words, at)
            self.group = []
            return
        self.split_last_comment()
        whole_bold = re.fullmatch(r"\*\*([^*]+)\*\*", words)
        heading_words = whole_bold.group(1).strip() if whole_bold else words
        if alone and _heading_shaped(heading_words):
            self.heading(heading_words, None)
            return
        self.start(_Paragraph("text", None, at, [(0, "", _Unit(_piece(words, at)))]))

    def continues(self, words: str, alone: bool) -> bool:
        """Whether a line of text (not a marker) goes on with the paragraph before it."""
        if self.current is None:
            return False
        if words[0].islower():  # no paragraph of a draft opens in lower case
            return True
        if not self.current.unit.is_open():
            return False
        if self.group and self.group_open:  # comments broke the sentence: what follows completes it
            return True
        return not (alone and _heading_shaped(words))

    def in_list(self) -> bool:
        """Whether the paragraph being read is introducing a list: its words end with a
        colon, or it has sub-paragraphs and the last ends with a semicolon or colon."""
        if self.current is None:
            return False
        level, _, unit = self.current.units[-1]
        return unit.last.endswith(":") or (level > 0 and unit.last.endswith(";"))

    def start(self, paragraph: _Paragraph) -> None:
        self.current = paragraph
        self.paragraphs.append(paragraph)
        self.blocks.append(paragraph)
        self.group = []

    def heading(self, words: str, number: str | None) -> None:
        level = 1
        numeral = number[:-1] if number else ""
        if from_roman(numeral.lower()) is not None and (len(numeral) > 1 or numeral in "IVX"):
            self.roman_headings = True  # "I.", "IV.": chapters
        elif number is not None and self.roman_headings:
            level = 2  # "A." under a chapter
        self.blocks.append(_Heading(level, words, number))
        self.current = None
        self.group = []

    def subparagraph(self, written: str, label: str | None, words: str, at: int) -> None:
        level = 1
        if label is not None:
            letters, numeral = from_alpha_label(label), from_roman(label)
            last_letter = next((from_alpha_label(w.strip("()")) for lv, w, _ in reversed(self.current.units)
                                if lv == 1), None)
            if numeral is not None and last_letter is not None and (letters is None or letters != last_letter + 1):
                level = 2
        self.current.units.append((level, written, _Unit(_piece(words, at))))
        self.group = []

    # ---------------------------------------------------------- numbers

    def marker(self, text: str) -> tuple | None:
        """A paragraph number opening ``text``: (part, marker, end of the marker), or
        None. Letters and Roman numerals may also open a heading: see numbered()."""
        bold = text.startswith("**")
        body = text[2:] if bold else text
        skip = 2 if bold else 0
        if (m := _NUMBER.match(body)) is not None:
            suffix = m["suffix"] or ""
            rank = rank_of(suffix)
            if rank is None:  # "12bsi." is a mistyped number; "12 We", "100 million" are words
                return ("unknown-suffix", m, skip + m.end()) if m["dot"] and not bold else None
            typed = m["dot"] or rank > 1 or m["prefix"] or m["space"].startswith("\t")
            if not typed or (bold and not (m["bold"] or m["bold2"])):
                return None
            part = "preamble" if m["prefix"] == "PP" else "operative"
            written = f"{'PP' if part == 'preamble' else ''}{int(m['n'])}{suffix.lower()}."
            return (part, ast.Marker(_NOWHERE, written, "explicit", Number(int(m["n"]), rank)), skip + m.end())
        if (m := _LETTERS.match(body)) is not None:
            rank = rank_of(m["suffix"] or "")
            if rank is None or (bold and not (m["bold"] or m["bold2"])):
                return None
            written = f"{m['letters']}{m['suffix'] or ''}."
            return ("preamble", ast.Marker(_NOWHERE, written, "explicit", Number(from_letters(m["letters"]), rank)),
                    skip + m.end())
        return None

    def numbered(self, found: tuple, text: str, at: int, alone: bool) -> None:
        part, marker, end = found
        words = text[end:].strip()
        if part == "unknown-suffix":
            self.warn("text-approximated", f"`{marker.group().strip()}` reads as a paragraph number, but "
                      f"`{marker['suffix']}` is no Latin insertion suffix: kept as the paragraph's words",
                      at, len(marker.group().rstrip()), "number it as the markup does (`12bis.`) if it is a paragraph")
            self.start(_Paragraph("text", None, at, [(0, "", _Unit([(text, at)]))]))
            return
        letters = marker.written[:-1]
        if part == "preamble" and letters.isalpha() and alone and _heading_shaped(words) \
                and not _OPENING.match(words + " ") and not words.startswith("We "):
            self.heading(words, marker.written)  # "A. Introduction", "II. Follow-up"
            return
        self.start(_Paragraph(part, marker, at, [(0, "", _Unit(_piece(text[end:], at + end)))]))

    # ---------------------------------------------------------- comments

    def comment(self, block: _CommentBlock) -> None:
        owner = self.current or (self.paragraphs[-1] if self.paragraphs else None)
        if owner is None:
            self.orphans.append(block)
            return
        if not self.group:
            self.group_open = owner is self.current and owner.unit.is_open()
        owner.unit.comments.append(block)
        self.group.append(block)

    def split_last_comment(self) -> None:
        """Comments broke a sentence, and no line of text completes it: the end of
        the last comment's text is taken for the rest of the sentence ("... our
        interests. outcomes and the Global Digital Compact ..."), as the copy runs
        them together."""
        if not (self.group and self.group_open and self.current is not None):
            self.group = []
            return
        block = self.group[-1]
        self.group = []
        cut = _continuation(block.pieces)
        if cut is None:
            return
        index, position = cut
        piece, at = block.pieces[index]
        rest = [(piece[position:], at + position)] + block.pieces[index + 1:]
        block.pieces[index:] = [(piece[:position].rstrip(), at)] if piece[:position].strip() else []
        self.current.unit.pieces += rest
        self.warn("comment-continuation", f"the end of comment [{block.label}] reads as the rest of the sentence "
                  "it interrupts: taken as the paragraph's words", rest[0][1], len(rest[0][0]),
                  "check where the comment ends against the Word file")

    # ---------------------------------------------------------- the front matter

    def opening_line(self, text: str, at: int) -> bool:
        """A line before the first paragraph or heading that says what the document
        is (its stage, symbol, date, ...): read into the front matter."""
        if _STAGE.fullmatch(text) and "stage" not in self.front:
            self.front["stage"] = text[0].upper() + text[1:].lower()
        elif _SYMBOL.fullmatch(text) and "symbol" not in self.front:
            self.front["symbol"] = text
        elif (m := _DISTRIBUTION.fullmatch(text)) and "distribution" not in self.front:
            self.front["distribution"] = m.group(1).capitalize()
        elif (m := _ORIGINAL.fullmatch(text)) and "original" not in self.front:
            self.front["original"] = m.group(1)
        elif (m := _DATE.fullmatch(text)) and "date" not in self.front:
            try:
                self.front["date"] = datetime.date(int(m.group(3)), _MONTHS.index(m.group(2)) + 1, int(m.group(1)))
            except ValueError:
                return False
        elif text in ("General Assembly", "United Nations"):
            pass  # the masthead's own words; the organ is the General Assembly by default
        elif ("title" not in self.front and len(text.split()) >= 3 and _CLOSED.search(text) is None
              and self.marker(_unbulleted(text)) is None and not _COMMENT.match(text)):
            self.front["title"] = text
        else:
            return False
        return True

    def part(self) -> Part:
        authors = self.authors()
        blocks = [self.block(block) for block in self.blocks]
        front = dict(self.front)
        operative = [p for p in self.paragraphs if p.part == "operative"]
        if operative and sum(p.units[0][2].text.startswith("We ") for p in operative) > len(operative) // 2:
            front["document_type"] = "outcome"  # "We ..." sentences: an outcome document (A/RES/70/125)
        preamble = next((p.marker.written for p in self.paragraphs if p.part == "preamble"), None)
        if preamble is not None:
            front["preamble_numbering"] = "pp" if preamble.startswith("PP") else "letters"
        if authors:
            front["authors"] = authors
        self.fused_words()
        self.count_unsaid()
        return Part(front, blocks)

    def authors(self) -> dict[str, str]:
        """The comments' authors, from their labels' initials, with the initials as
        names (the text gives none); each said once, at its first comment."""
        authors: dict[str, str] = {}
        expected = None
        for block in self.comments():
            label = _LABEL.fullmatch(block.label)
            initials = (label["initials"] if label else block.label).strip()
            if label is not None:
                number = int(label["number"])
                if expected is not None and number != expected:
                    self.warn("comment-number", f"comment [{block.label}] follows comment {expected - 1}: "
                              + (f"comment {expected} is missing" if number > expected else "out of order"),
                              block.at, len(block.label), "compare the comments with the Word file's: "
                              "one may have been lost in the copy")
                expected = number + 1
            if not initials or not is_author(initials):
                self.warn("text-approximated", f"the label [{block.label}] names no author the markup can write "
                          "(initials are letters without spaces): the comment is kept without one", block.at,
                          len(block.label), "add the author's initials to the comment by hand, `{>>XX: ...<<}`")
                continue
            if initials not in authors:
                authors[initials] = initials
                self.warn("derived-author", f"the author of comment [{block.label}] is known by the initials "
                          f"`{initials}` alone: declared under `authors:` with them as the name", block.at,
                          len(initials), f"write the delegation's or person's name under `authors:` in the "
                          f"front matter (`{initials}: ...`)")
        return authors

    def comments(self) -> Iterator[_CommentBlock]:
        """Every comment, in the order of the file."""
        found = [block for paragraph in self.paragraphs for _, _, unit in paragraph.units for block in unit.comments]
        return iter(sorted(found, key=lambda block: block.at))

    # ---------------------------------------------------------- the tree

    def block(self, block: _Paragraph | _Heading) -> ast.Block:
        if isinstance(block, _Heading):
            return ast.Heading(_NOWHERE, block.level, (ast.Text(_NOWHERE, block.words),),
                               written_number=block.number)
        (_, _, own), *subs = block.units
        content = _content(own, opening=block.part == "preamble")
        return ast.Paragraph(_NOWHERE, block.part, block.marker, None, content, _nested(subs))

    def fused_words(self) -> None:
        """Warn of the words that look fused by lost tracked changes, where the .txt has them."""
        vocabulary = Counter(word.lower() for word in _WORD.findall(self.text))
        judged: dict[str, str | None] = {}
        for paragraph in self.paragraphs:
            for _, _, unit in paragraph.units:
                offset = unit.offsets()
                for start, length, message in _fused(unit.text, vocabulary, judged):
                    self.warn("fused-words", message, offset(start), length, _FUSED_HINT)


# ------------------------------------------------------------------ helpers

def _piece(text: str, at: int) -> list[tuple[str, int]]:
    """A stretch of a line as a unit's piece, without the spaces around it (no-break ones too)."""
    stripped = text.strip()
    return [(stripped, at + len(text) - len(text.lstrip()))] if stripped else []


def _unbulleted(text: str) -> str:
    bulleted = _BULLET.match(text)
    return text[bulleted.end():] if bulleted else text


def _heading_shaped(words: str) -> bool:
    """A short line without final punctuation, opening with a capital or a digit."""
    return (0 < len(words) <= 150 and len(words.split()) <= 15 and (words[0].isupper() or words[0].isdigit())
            and words[-1] not in ".,;:!?")


def _continuation(pieces: list[tuple[str, int]]) -> tuple[int, int] | None:
    """Where the words after a comment's own begin, in its pieces: a line that
    opens in lower case, or a sentence end followed by a lower-case word."""
    for index, (text, _) in enumerate(pieces):
        if index > 0 and text[:1].islower():
            return index, 0
    if not pieces:
        return None
    text = pieces[-1][0]
    for end in re.finditer(r"[.!?][\"'\u201d\u2019)]?[ ]+(?=[a-z])", text):
        before = text[:end.start() + 1].split()[-1].lower()
        if before in _ABBREVIATIONS or re.fullmatch(r"\W*\w\.", before):
            continue
        return len(pieces) - 1, end.end()
    return None


def _content(unit: _Unit, opening: bool = False) -> tuple[ast.Inline, ...]:
    """A unit's words as inlines (emphasis from `**` and `<u>`), then its comments."""
    inlines: list[ast.Inline] = []
    text = unit.text
    done = 0
    for m in _EMPHASIS.finditer(text):
        if m.start() > done:
            inlines.append(ast.Text(_NOWHERE, text[done:m.start()]))
        style = "bold" if m["bold"] else _TAG_STYLES[m["tag"]]
        words = m["bold"] or m["inner"]
        if m.start() == done and inlines and isinstance(inlines[-1], ast.Emphasis) and inlines[-1].style == style:
            words = inlines.pop().children[0].value + words  # "**a****b**": one emphasis, as the markup writes it
        inlines.append(ast.Emphasis(_NOWHERE, style, (ast.Text(_NOWHERE, words),)))
        done = m.end()
    if done < len(text):
        inlines.append(ast.Text(_NOWHERE, text[done:]))
    if opening and inlines and isinstance(inlines[0], ast.Text) and (m := _OPENING.match(inlines[0].value + " ")):
        rest = inlines[0].value[m.end():]
        inlines[:1] = [ast.Emphasis(_NOWHERE, "italic", (ast.Text(_NOWHERE, m.group()),))] + \
            ([ast.Text(_NOWHERE, rest)] if rest else [])
    for block in unit.comments:
        label = _LABEL.fullmatch(block.label)
        initials = (label["initials"] if label else block.label).strip()
        body = " ".join(text for text, _ in block.pieces).replace("\t", " ")
        author = initials if initials and is_author(initials) else None
        inlines.append(ast.Comment(_NOWHERE, author, (ast.Text(_NOWHERE, body),) if body else ()))
    return tuple(inlines)


def _nested(subs: list[tuple[int, str, _Unit]]) -> tuple[ast.SubParagraph, ...]:
    """Sub-paragraphs as read, in order with their levels, nested: an (i) under the (a) before it."""
    made: list[ast.SubParagraph] = []
    index = 0
    while index < len(subs):
        level, written, unit = subs[index]
        children_end = index + 1
        while children_end < len(subs) and subs[children_end][0] > level:
            children_end += 1
        children = _nested(subs[index + 1:children_end]) if children_end > index + 1 else ()
        ordinal = (from_alpha_label if level == 1 else from_roman)(written.strip("()")) if written != "(#)" else None
        made.append(ast.SubParagraph(_NOWHERE, ast.SubMarker(_NOWHERE, written, ordinal), level, None,
                                     _content(unit), children))
        index = children_end
    return tuple(made)


def _fused(text: str, vocabulary: Counter, judged: dict[str, str | None]) -> Iterator[tuple[int, int, str]]:
    """(start, length, message) of each place in ``text`` where words look run
    together by lost tracked changes; ``vocabulary`` is the document's words,
    ``judged`` what was found of each word already (a word is judged once)."""
    lead = "words that look fused by a lost tracked change: "
    for m in _TWO_NUMBERS.finditer(text):
        if not re.fullmatch(r"\d{3}", m["second"]):  # "1 131": a thousands separator
            yield m.start(), len(m.group()), lead + f"`{m.group()}` has two numbers in a row"
    for m in _HYPHEN_CHAIN.finditer(text):
        yield m.start(), len(m.group()), lead + f"`{m.group()}` joins words with hyphens, as struck-out words " \
            "come out of some copies"
    tokens = _TOKEN.findall(text)
    lowered = [token.lower() for token in tokens]
    doubled = [i for i in range(len(lowered) - 1) if lowered[i] == lowered[i + 1]]
    pairs = [i for i in range(len(lowered) - 3) if lowered[i] == lowered[i + 2] and lowered[i + 1] == lowered[i + 3]]
    for token in set(tokens):
        if token not in judged:
            judged[token] = _judged(token, vocabulary)
    flagged = {token for token in tokens if judged[token] is not None}
    if not (doubled or pairs or flagged):  # the usual paragraph: no need to find where its words are
        return
    spans = [m.span() for m in _TOKEN.finditer(text)]

    def spaced(first: int, last: int) -> bool:  # only spaces between the words first..last
        return all(text[spans[k][1]:spans[k + 1][0]].isspace() for k in range(first, last))

    for i in doubled:
        if not lowered[i].isdigit() and spaced(i, i + 1):
            yield spans[i][0], spans[i + 1][1] - spans[i][0], \
                lead + f"`{text[spans[i][0]:spans[i + 1][1]]}` has a word twice in a row"
    paired = -1  # the last word of the last pair reported: "on x on x on" is one pair
    for i in pairs:
        if i > paired and lowered[i] != lowered[i + 1] and spaced(i, i + 3):
            paired = i + 3
            yield spans[i][0], spans[i + 3][1] - spans[i][0], \
                lead + f"`{text[spans[i][0]:spans[i + 3][1]]}` has two words twice in a row"
    for i, token in enumerate(tokens):
        if token in flagged:
            yield spans[i][0], len(token), lead + judged[token]


def _judged(word: str, vocabulary: Counter) -> str | None:
    """What makes one word look like two run together, or None."""
    if _CAMEL.search(word):
        return f"`{word}` has a capital after lower-case letters"
    if (glued := _GLUED.search(word)) and not (glued["letters"] and rank_of(glued["letters"])):
        return f"`{word}` runs a word and a number together"
    if (parts := _two_words(word.lower(), vocabulary)) is not None:
        return f"`{word}` reads as `{parts[0]}` and `{parts[1]}` run together"
    return None


def _two_words(word: str, vocabulary: Counter) -> tuple[str, str] | None:
    """Two words of the document that ``word`` runs together: an inflection and
    its replacement ("inequalityies": inequality, inequalities), or two long
    words side by side ("nationalsexual"); None for a word that is neither."""
    if not 7 <= len(word) <= 40 or not word.isalpha():  # 40: the longest words of a draft are 25 letters
        return None
    # stem + new ending + old ending: the new ending up to 3 letters, the old 2 to 4, the stem 4 or more
    for end in range(len(word) - 2, max(len(word) - 5, 4), -1):
        new = word[:end]
        if new not in vocabulary:
            continue
        for stem in range(max(end - 3, 4), end):
            old = word[:stem] + word[end:]
            if old != new and old in vocabulary:
                return new, old
    for split in range(6, len(word) - 5):
        first, second = word[:split], word[split:]
        if first in vocabulary and second in vocabulary and vocabulary[word] <= 2 \
                and not second.endswith(_ENDINGS):
            return first, second
    return None
