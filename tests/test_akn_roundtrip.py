""".wsis -> Akoma Ntoso -> .wsis gives the same document (issue 11, point 4):
every example, and the transcription of 78/265, exported in the negotiation
view (`wsisc build -o x.xml`) and imported back (`wsisc import x.xml`).

"The same document" is strict: both sources are parsed and numbered as the
negotiation view numbers them, then compared node by node, every field of
every node but where it stands in its source (its span, the file's path) and
how a paragraph marker is spelt (`OP3.` is `3.`, `12 bis.` is `12bis.`, as
`wsisc fmt` holds them; the marker's kind, `#.`, `#+.` or a number, and its
number are compared). So the front matter (each value once the parser has
applied its defaults: an `organ: General Assembly` written out, the `symbol`
of the adopted form taken from `resolution`), every block and its part,
markers, numbers, ids, labels, statuses, proposals and their authors, every
word and its emphasis, changes, comments with their authors, anchors and
numbers, brackets and alternatives, footnotes and their numbers, references
and their targets, headings with their levels and numbers, and annexes with
their labels and settings, must all come back. Nothing is left out as a
difference that cannot be avoided: the export writes what the printed text
does not say (docs/akn.md, "What the import reads back").
"""

from __future__ import annotations

from dataclasses import is_dataclass, replace
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, wsisc

from wsis20 import ast
from wsis20.commands.fmt import compared_fields, shape
from wsis20.pipeline import compile_document
from wsis20.readers.akn import import_akn
from wsis20.writers.akn import write

EXAMPLES = sorted((ROOT / "examples").glob("*.wsis"))
CASES = EXAMPLES + [FIXTURES / "78-265.wsis"]


def numbered(path: str, data: bytes) -> ast.Document:
    """A source parsed, checked and numbered as the negotiation view numbers it."""
    result = compile_document(path, data, view="negotiation")
    assert not result.failed, [f"{d.span.line}: {d.message}" for d in result.diagnostics if d.severity.name == "ERROR"]
    return result.document


def round_trip(path: Path) -> tuple[ast.Document, ast.Document, str]:
    """The document, the document its export imports back as, and the imported draft."""
    original = numbered(str(path), path.read_bytes())
    imported = import_akn(path.stem + ".xml", write(original, "negotiation"))
    assert imported.text is not None, [d.message for d in imported.diagnostics]
    assert [d.message for d in imported.diagnostics] == []  # nothing approximated
    return original, numbered(path.stem + ".wsis", imported.text.encode("utf-8")), imported.text


def differences(old: object, new: object, where: str = "document", found: list | None = None) -> list[str]:
    """Where two trees differ, as paths into them (`document.blocks[3].label`), the
    first dozen: `shape` decides what counts, this only says where."""
    found = [] if found is None else found
    if len(found) >= 12:
        return found
    if is_dataclass(old) and type(old) is type(new):
        for (name, a), (_, b) in zip(compared_fields(old), compared_fields(new)):
            differences(a, b, f"{where}.{name}", found)
    elif isinstance(old, tuple) and isinstance(new, tuple) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new)):
            differences(a, b, f"{where}[{index}]", found)
    elif shape(old) != shape(new):
        found.append(f"{where}: {shape(old)!r:.200} became {shape(new)!r:.200}")
    return found


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.name)
def test_export_then_import_gives_the_same_document(path):
    original, back, _ = round_trip(path)
    assert differences(original, back) == []
    assert shape(back) == shape(original)  # the whole of it, whatever `differences` walks


def test_the_cases_are_every_example():
    assert {path.name for path in EXAMPLES} >= {"wsis20-zero-draft.wsis", "compilation.wsis", "wsis20-rev1.wsis",
                                                "annexes.wsis", "78-212-freedom-of-religion.wsis",
                                                "78-3-pandemic-declaration.wsis"}


def test_the_comparison_sees_what_the_round_trip_must_keep():
    """Not blind: a comment's author, a marker's kind (`#+.` against the 5bis.
    it prints), an annex's label as written, a heading's level, each count."""
    compilation = numbered("c.wsis", (ROOT / "examples" / "compilation.wsis").read_bytes())
    pp2 = compilation.blocks[1]
    comment = next(node for node in pp2.content if isinstance(node, ast.Comment))
    by_eu = replace(pp2, content=tuple(replace(n, author="EU") if n is comment else n for n in pp2.content))
    assert differences(pp2, by_eu) == ["document.content[2].author: 'FAC' became 'EU'"]
    inserted = next(b for b in compilation.blocks if isinstance(b, ast.Paragraph) and b.part == "operative"
                    and b.marker.kind == "insert")
    written = replace(inserted, marker=ast.Marker(inserted.marker.span, "5bis.", "explicit", inserted.number))
    assert differences(inserted, written) == [
        "document.marker.kind: 'insert' became 'explicit'", "document.marker.number: None became ('Number', 5, 2)"]
    annexes = numbered("a.wsis", (ROOT / "examples" / "annexes.wsis").read_bytes())
    first = annexes.annexes[0]
    labelled = replace(annexes, annexes=(replace(first, front=replace(first.front, annex="Annex I")),
                                         *annexes.annexes[1:]))
    assert differences(annexes, labelled) == ["document.annexes[0].front.annex: None became 'Annex I'"]
    action = next(b for b in first.blocks if isinstance(b, ast.Heading) and b.level == 3)
    assert differences(action, replace(action, level=2)) == ["document.level: 3 became 2"]


def test_the_command_line_round_trip_of_the_compilation(tmp_path):
    """As a user runs it: build the XML, import it, and `fmt --check` and the
    same build of the imported draft."""
    source = ROOT / "examples" / "compilation.wsis"
    assert wsisc("build", source, "-o", tmp_path / "c.xml").returncode == 0
    imported = wsisc("import", tmp_path / "c.xml", "-o", tmp_path / "c.wsis")
    assert imported.returncode == 0, imported.stderr
    assert wsisc("fmt", "--check", tmp_path / "c.wsis").returncode == 0
    assert wsisc("build", tmp_path / "c.wsis", "-o", tmp_path / "again.xml").returncode == 0
    # The same document gives the same bytes.
    assert (tmp_path / "again.xml").read_bytes() == (tmp_path / "c.xml").read_bytes()
