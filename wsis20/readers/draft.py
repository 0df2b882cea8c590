"""What every reader shares: the parts of a draft read from another format, the
draft text they make (in the canonical form of `wsisc fmt`), and the result a
reader gives the import command."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from .. import ast, walk
from ..diagnostics import Diagnostic
from ..source import SourceFile


@dataclass
class Part:
    """The body, or one annex: its front matter (key -> value, in order) and blocks."""

    front: dict[str, object]
    blocks: list[ast.Block] = field(default_factory=list)


@dataclass(frozen=True)
class Imported:
    source: SourceFile  # the XML, for the diagnostics' excerpts
    text: str | None  # the draft; None when the file was refused
    diagnostics: list[Diagnostic]
    summary: str = ""  # what the draft holds, in a few words
    # A file made of several (a .docx: a zip of XML parts) says which part each
    # diagnostic is in, by its index in `diagnostics`: its line and excerpt are that part's.
    sources: dict[int, SourceFile] = field(default_factory=dict)

    def located(self) -> list[tuple[SourceFile, Diagnostic]]:
        """Each diagnostic with the text its place is in."""
        return [(self.sources.get(i, self.source), d) for i, d in enumerate(self.diagnostics)]


def summary(body: Part, annexes: list[Part]) -> str:
    """What a draft holds, in a few words, for the command's last line."""
    documents = [ast.Document("", ast.FrontMatter(), tuple(part.blocks)) for part in [body, *annexes]]
    found = [p for document in documents for p in walk.paragraphs(document)]
    notes = sum(isinstance(node, ast.Footnote) for document in documents for node in walk.inlines(document))

    def count(n: int, what: str) -> str:
        return f"{n} {what}{'' if n == 1 else 's'}"
    said = [f"{sum(p.part == 'preamble' for p in found)} preambular and "
            f"{count(sum(p.part == 'operative' for p in found), 'numbered paragraph')}",
            count(sum(1 for p in found for _ in walk.subparagraphs(p.subparagraphs)), "sub-paragraph"),
            count(notes, "footnote")]
    if annexes:
        said.append(f"{len(annexes)} {'annex' if len(annexes) == 1 else 'annexes'}")
    # What a negotiation text adds, when it has any (an adopted text has none).
    inlines = [node for document in documents for node in walk.inlines(document)]
    proposals = sum(isinstance(node, ast.Change) for node in inlines) + sum(p.proposal is not None for p in found)
    comments = sum(isinstance(node, ast.Comment) for node in inlines)
    said += [count(n, what) for n, what in ((proposals, "proposal"), (comments, "comment")) if n]
    return ", ".join(said)


def draft_text(path: str, body: Part, annexes: list[Part]) -> str:
    """The draft's text: the body's front matter and blocks, then each annex's
    front matter block and blocks, in the canonical form."""
    from ..writers.source import canonical_front_matter, write_source

    def text_of(part: Part, front_text: str) -> str:
        # Markers are written in the style of their part's preamble numbering (C., PP3.).
        # (A front matter without the key numbers the preamble by letters, as the markup does.)
        numbering = part.front.get("preamble_numbering", body.front.get("preamble_numbering", "letters"))
        document = ast.Document(path, ast.FrontMatter(preamble_numbering=numbering), tuple(part.blocks))
        return write_source(document, front_text)

    parts = [text_of(body, canonical_front_matter(_yaml(body.front)))]
    for annex in annexes:
        parts.append(text_of(annex, _yaml(annex.front)))
    return "\n".join(parts)


def _yaml(values: dict[str, object]) -> str:
    lines = ["---"]
    for key, value in values.items():
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {_scalar(item)}" for item in value]
        elif isinstance(value, dict):  # authors: initials -> name
            lines.append(f"{key}:")
            lines += [f"  {_scalar(name)}: {_scalar(item)}" for name, item in value.items()]
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines + ["---"]) + "\n"


def _scalar(value: object) -> str:
    """A YAML scalar that loads back as `value`: plain when it can be, quoted when it must."""
    if value is None:
        return "~"
    if isinstance(value, (int, datetime.date)):
        return str(value)
    text = str(value)
    for written in (text, json.dumps(text, ensure_ascii=False), json.dumps(text)):
        if _loads_as(written, text) and not (written == text and _looks_quoted(text)):
            return written
    return json.dumps(text)


def _loads_as(written: str, value: str) -> bool:
    import yaml

    try:
        return yaml.load(f"k: {written}\n", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) == {"k": value}
    except yaml.YAMLError:
        return False


def _looks_quoted(text: str) -> bool:
    """A value that starts and ends with curly quotes: written plain, `check` would
    take it for quotes that YAML does not read (the curly-quotes warning)."""
    from ..parse.front_matter import _CURLY_QUOTED

    return _CURLY_QUOTED.match(text) is not None
