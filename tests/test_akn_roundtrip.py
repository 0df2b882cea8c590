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

from collections import Counter
from dataclasses import is_dataclass, replace

import pytest

from conftest import FIXTURES, ROOT, wsisc

from wsis20 import ast
from wsis20.commands.fmt import compared_fields, shape
from wsis20.pipeline import Compiled, compile_document
from wsis20.readers.akn import import_akn
from wsis20.writers.akn import write

EXAMPLES = sorted((ROOT / "examples").glob("*.wsis"))
CASES = EXAMPLES + [FIXTURES / "78-265.wsis"]


def numbered(path: str, data: bytes) -> Compiled:
    """A source parsed, checked and numbered as the negotiation view numbers it."""
    result = compile_document(path, data, view="negotiation")
    assert not result.failed, [f"{d.span.line}: {d.message}" for d in result.diagnostics if d.severity.name == "ERROR"]
    return result


def round_trip(name: str, data: bytes) -> tuple[Compiled, Compiled]:
    """A source compiled, and its export (negotiation view) imported and compiled."""
    original = numbered(name + ".wsis", data)
    imported = import_akn(name + ".xml", write(original.document, "negotiation"))
    assert imported.text is not None, [d.message for d in imported.diagnostics]
    assert [d.message for d in imported.diagnostics] == []  # nothing approximated
    return original, numbered(name + ".wsis", imported.text.encode("utf-8"))


def assert_same(original: Compiled, back: Compiled) -> None:
    assert differences(original.document, back.document) == []
    assert shape(back.document) == shape(original.document)  # the whole of it, whatever `differences` walks
    # And `check` says the same of both.
    assert Counter((d.code, d.message) for d in back.diagnostics) == \
        Counter((d.code, d.message) for d in original.diagnostics)


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
    assert_same(*round_trip(path.stem, path.read_bytes()))


# What the examples do not all use: another organ, a date in words, `formula: ""`, text and a
# numbered heading in the preamble, a preambular number the preamble does not print, an
# automatic sub-paragraph marker and one out of sequence, nested and underlined emphasis,
# references inside emphasis and into an annex, changes holding a comment, comments and
# changes without an author, a proposal with a status, a preambular paragraph after an
# operative one, `###` headings, and an annex with its own preamble, formula and numbering.
EVERY_CONSTRUCT = """\
---
symbol: A/HRC/55/L.9
organ: Human Rights Council
session: 55
committee: Third Committee
agenda: [3, 4 (b)]
sponsor: "Austria: draft resolution"
title: Every construct of the markup
short_title: Constructs
date: "early March 2025"
distribution: Restricted
original: French
job_number: 25-00001 (E)
stage: First reading
preamble_numbering: none
formula: ""
authors:
  EU: European Union
  NO: Norway
---

We, the members of the Council:

# A. A heading in the preamble

PP#. *Recalling* its resolution 1/1,{^See **A/1/1**, annex.^}
  (a) {#pa} First *item*;
  (#) Second item with {++EU: an insertion {==here==}{>>NO: why?<<}++};

PP3. {.agreed} *Noting* an explicit number that the preamble does not print,

Unnumbered text among preambular paragraphs, with sub-paragraphs:
  (a) one;
  (b) two;

PP#+. {-NO} ***Both*** and __underlined__ and **bold *italic* and __underlined__ bold**
  and *{@pa} {@deep}* words,

1. {#first .closure} *Decides* [shall/should] [to act [soon]] and to see {@pa}, {@deep} and
  {@app}{>>a comment without author<<}{++without author++}:
  (a) Letters:
    (i) {#deep} Roman;
    (ii) Roman two;
  (c) A letter out of sequence;

#. {.ad-ref} Another with {~~EU: *old*~>**new**~~} and {--NO: gone--} and
  {==an anchor alone==}{>>EU: anchored<<}, see paragraph {@later} of the appendix;

PP#. *Also recalling* a preambular paragraph after an operative one,

## Second level

### Third level

### Action #. An item heading

#. {.reopened +EU} Last.{>>EU: a new paragraph<<}

---
annex: Appendix
name: app
title: An appendix
original: Spanish
document_type: declaration
preamble_numbering: letters
formula: "The Council,"
---

A. *Recalling* the appendix,{^An annex's footnote.^}

#. Reaffirm;{>>NO: in the annex<<}

2. {#later} Decide.
"""


def test_every_construct_of_the_markup_comes_back():
    assert_same(*round_trip("constructs", EVERY_CONSTRUCT.encode("utf-8")))


def test_the_cases_are_every_example():
    assert {path.name for path in EXAMPLES} >= {"wsis20-zero-draft.wsis", "compilation.wsis", "wsis20-rev1.wsis",
                                                "annexes.wsis", "78-212-freedom-of-religion.wsis",
                                                "78-3-pandemic-declaration.wsis"}


def test_the_comparison_sees_what_the_round_trip_must_keep():
    """Not blind: a comment's author, a marker's kind (`#+.` against the 5bis.
    it prints), an annex's label as written, a heading's level, each count."""
    compilation = numbered("c.wsis", (ROOT / "examples" / "compilation.wsis").read_bytes()).document
    pp2 = compilation.blocks[1]
    comment = next(node for node in pp2.content if isinstance(node, ast.Comment))
    by_eu = replace(pp2, content=tuple(replace(n, author="EU") if n is comment else n for n in pp2.content))
    assert differences(pp2, by_eu) == ["document.content[2].author: 'FAC' became 'EU'"]
    inserted = next(b for b in compilation.blocks if isinstance(b, ast.Paragraph) and b.part == "operative"
                    and b.marker.kind == "insert")
    written = replace(inserted, marker=ast.Marker(inserted.marker.span, "5bis.", "explicit", inserted.number))
    assert differences(inserted, written) == [
        "document.marker.kind: 'insert' became 'explicit'", "document.marker.number: None became ('Number', 5, 2)"]
    annexes = numbered("a.wsis", (ROOT / "examples" / "annexes.wsis").read_bytes()).document
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
