"""Diagnostics' fixes as data: for every code that can carry one, a text that
triggers it, the fix applied, and the text that results, checked again."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from conftest import EXAMPLE, ROOT
from wsis20.diagnostics import FIXABLE, Edit
from wsis20.pipeline import compile_document
from wsis20.report import as_json

FM = "---\nauthors:\n  EU: European Union\n---\n\n"

# (code, text that triggers it once, the text once its first fix is applied)
CASES = [
    ("control-character", "1. We\x07 act.\n", "1. We act.\n"),
    ("control-character", "1. We\x0bact.\n", "1. We act.\n"),  # Word's manual line break: a space
    ("bidi-control", "1. We \u202eact.\n", "1. We act.\n"),
    ("curly-quotes", "---\ntitle: \u201cOutcome of the text\u201d\n---\n\n1. We act.\n",
     '---\ntitle: "Outcome of the text"\n---\n\n1. We act.\n'),
    ("unknown-key", "---\ntitel: Outcome\n---\n\n1. We act.\n", "---\ntitle: Outcome\n---\n\n1. We act.\n"),
    ("unknown-suffix", "1. We act;\n\n1bs. We go.\n", "1. We act;\n\n1bis. We go.\n"),
    ("duplicate-number", "1. We act;\n\n1. We go.\n", "1. We act;\n\n1bis. We go.\n"),
    ("skipped-suffix", "1. We act;\n\n1ter. We go.\n", "1. We act;\n\n1bis. We go.\n"),
    ("sub-label", "1. We:\n  (a) act;\n  (c) go.\n", "1. We:\n  (a) act;\n  (b) go.\n"),
    ("unknown-label", "1. {#act} We act;\n\n2. As in {@akt}, we go.\n", "1. {#act} We act;\n\n2. As in {@act}, we go.\n"),
    ("unknown-author", FM + "1. We {++US: all++} act.\n",
     '---\nauthors:\n  EU: European Union\n  US: "..."\n---\n\n1. We {++US: all++} act.\n'),
    ("missing-marker", "1. We act;\n\n2 We go.\n", "1. We act;\n\n2. We go.\n"),
    ("missing-marker", "1. We act;\n\n2.We go.\n", "1. We act;\n\n2. We go.\n"),
    ("bullet", "1. We:\n  (a) act;\n  \u2022 go.\n", "1. We:\n  (a) act;\n  (#) go.\n"),
    ("bullet", "1. We:\n  (a) act;\n  b) go.\n", "1. We:\n  (a) act;\n  (b) go.\n"),
    ("tab-indent", "1. We:\n  (a) act:\n\t(i) now;\n  (b) go.\n", "1. We:\n  (a) act:\n    (i) now;\n  (b) go.\n"),
    ("punctuation", "1. We act,\n", "1. We act.\n"),
    ("punctuation", "1. We act\n", "1. We act.\n"),
    ("intro-colon", "1. We act,\n  (a) now.\n", "1. We act:\n  (a) now.\n"),
    ("opening", "A. *recalling* it,\n\n1. We act.\n", "A. *Recalling* it,\n\n1. We act.\n"),
    ("opening", "A. **Recalling** it,\n\n1. We act.\n", "A. *Recalling* it,\n\n1. We act.\n"),
    ("quotes", '1. We "act.\n', "1. We \u201cact.\n"),
    ("doubled-space", "1. We  act.\n", "1. We act.\n"),
    ("doubled-word", "1. We act act.\n", "1. We act.\n"),
    ("sub-indent", "1. We:\n    (a) act:\n        (i) now;\n      (b) go.\n",
     "1. We:\n    (a) act:\n        (i) now;\n    (b) go.\n"),
    ("syntax", "1. {.agred} We act.\n", "1. {.agreed} We act.\n"),
]


def compile_text(text: str):
    """As `wsisc check` compiles it, editorial rules and all."""
    return compile_document("test.wsis", text.encode("utf-8"), view=None)


def apply(text: str, edits) -> str:
    """The edits applied to the text, last first so that earlier offsets hold."""
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end), reverse=True):
        text = text[:edit.span.start] + edit.text + text[edit.span.end:]
    return text


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text))


def only(text: str, code: str):
    found = [d for d in compile_text(text).diagnostics if d.code == code]
    assert len(found) == 1, found
    return found[0]


def test_every_fixable_code_has_a_case():
    assert {code for code, _, _ in CASES} == FIXABLE


@pytest.mark.parametrize("code, text, result", CASES, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CASES)])
def test_the_fix_removes_the_diagnostic_and_keeps_the_words(code, text, result):
    diagnostic = only(text, code)
    assert diagnostic.fixes, diagnostic
    fix = diagnostic.fixes[0]
    fixed = apply(text, fix.edits)
    assert fixed == result
    after = compile_text(fixed).diagnostics
    assert [d for d in after if d.code == code] == []
    # nothing new to fix in its place: the other diagnostics are those the text had
    assert {d.code for d in after} <= {d.code for d in compile_text(text).diagnostics} - {code}
    # no word lost but those the fix means to change
    replaced = sum((words(text[e.span.start:e.span.end]) for e in fix.edits), Counter())
    written = sum((words(e.text) for e in fix.edits), Counter())
    assert words(fixed) == words(text) - replaced + written
    assert not words(text) - words(fixed) - replaced


def test_a_fix_says_what_its_hint_says():
    """The hint and the fix are made of the same data: what the hint tells to write is
    what the fix writes."""
    for code, text, _ in CASES:
        diagnostic = only(text, code)
        hint = " ".join(diagnostic.hints)
        for fix in diagnostic.fixes:
            for edit in fix.edits:
                shown = edit.text.strip().rstrip(".") or edit.text.strip()
                if code in ("unknown-author", "tab-indent", "curly-quotes") or not shown:
                    continue
                assert shown in hint, (code, shown, hint)


@pytest.mark.parametrize("text, result", [
    # no authors key: one added before the front matter's end
    ("---\ntitle: T\n---\n\n1. We {++US: all++} act.\n",
     '---\ntitle: T\nauthors:\n  US: "..."\n---\n\n1. We {++US: all++} act.\n'),
    # no front matter at all
    ("1. We {++US: all++} act.\n", '---\nauthors:\n  US: "..."\n---\n\n1. We {++US: all++} act.\n'),
    # a one-line table
    ("---\nauthors: {EU: E}\n---\n\n1. We {++US: all++} act.\n",
     '---\nauthors: {EU: E, US: "..."}\n---\n\n1. We {++US: all++} act.\n'),
    # the entries' own indentation, and a key after them
    ("---\nauthors:\n    EU: E\n    RU: R\ntitle: T\n---\n\n1. We {>>US: why<<} act.\n",
     '---\nauthors:\n    EU: E\n    RU: R\n    US: "..."\ntitle: T\n---\n\n1. We {>>US: why<<} act.\n'),
    # a whole-paragraph proposal
    (FM + "1. {+US} We act.\n", '---\nauthors:\n  EU: European Union\n  US: "..."\n---\n\n1. {+US} We act.\n'),
])
def test_declaring_an_author(text, result):
    diagnostic = only(text, "unknown-author")
    (fix,) = diagnostic.fixes
    assert fix.title == "Declare US under authors" and fix.placeholder
    assert apply(text, fix.edits) == result
    assert [d for d in compile_text(result).diagnostics if d.code == "unknown-author"] == []


def test_an_author_in_another_case_is_written_as_declared():
    text = FM + "1. We {++Eu: all++} act.\n"
    diagnostic = only(text, "unknown-author")
    slip, declare = diagnostic.fixes
    assert slip.title == "Write `EU`" and "did you mean `EU`?" in diagnostic.hints[0]
    assert apply(text, slip.edits) == FM + "1. We {++EU: all++} act.\n"
    assert declare.title == "Declare Eu under authors"


def test_every_control_character_past_the_tenth_goes_at_once():
    text = "1. We act" + "\x07" * 13 + ".\n"
    found = [d for d in compile_text(text).diagnostics if d.code == "control-character"]
    assert len(found) == 11 and found[-1].message.startswith("3 more")
    (fix,) = found[-1].fixes
    assert len(fix.edits) == 3
    fixed = apply(text, [e for d in found for e in d.fixes[0].edits])
    assert fixed == "1. We act.\n"


def test_a_duplicate_gets_a_suffix_or_a_marker_and_each_fix_works():
    text = "1. We act;\n\n2. We go;\n\n2. We stay;\n\n3. We end.\n"
    diagnostic = only(text, "duplicate-number")
    assert diagnostic.hints == ("number it 2bis, or write `#+.` and let wsisc number it",)
    assert [f.title for f in diagnostic.fixes] == ["Number it 2bis", "Write `#+.` and let wsisc number it"]
    for fix, marker in zip(diagnostic.fixes, ("2bis.", "#+."), strict=True):
        fixed = apply(text, fix.edits)
        assert fixed == text.replace("2. We stay", f"{marker} We stay")
        assert compile_text(fixed).diagnostics == []


def test_a_fix_in_an_annex_block_edits_the_annex():
    """An annex block is read apart and its positions moved: its fixes move with them."""
    text = "1. We act.\n\n---\nannex: Annex\ntitel: Outcome\n---\n\n1. We go.\n"
    diagnostic = only(text, "unknown-key")
    (fix,) = diagnostic.fixes
    assert apply(text, fix.edits) == text.replace("titel", "title")


def test_json_lists_the_fixes(tmp_path):
    text = "1. We act;\n\n1. We go.\n"
    compiled = compile_text(text)
    (d,) = [d for d in compiled.diagnostics if d.code == "duplicate-number"]
    data = as_json(compiled.source, d)
    assert data["fixes"] == [
        {"title": "Number it 1bis", "edits": [{"line": 3, "column": 1, "end_line": 3, "end_column": 3,
                                               "offset": 12, "length": 2, "text": "1bis."}]},
        {"title": "Write `#+.` and let wsisc number it",
         "edits": [{"line": 3, "column": 1, "end_line": 3, "end_column": 3, "offset": 12, "length": 2,
                    "text": "#+."}]}]
    # and through the command, with the schema's version unchanged: a field added
    import subprocess
    import sys

    path = tmp_path / "d.wsis"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "wsis20", "check", "--format", "json", str(path)],
                            capture_output=True, text=True, cwd=ROOT)
    out = json.loads(result.stdout)
    assert out["version"] == 1
    (listed,) = out["files"][0]["diagnostics"]
    assert listed["fixes"] == data["fixes"]
    assert text[listed["fixes"][0]["edits"][0]["offset"]:][:2] == "1."


def test_an_edit_is_a_span_and_a_text():
    (d,) = [d for d in compile_text("1. We  act.\n").diagnostics]
    assert d.fixes[0].edits == (Edit(d.span, " "),)


def test_the_docs_list_the_fixable_codes():
    docs = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    section = docs.split("## Fixes", 1)[1].split("\n## ", 1)[0]
    assert set(re.findall(r"`([a-z-]+)`", section)) & set(FIXABLE) == FIXABLE


def test_the_example_fixes_apply_cleanly():
    """Every fix of the zero draft's diagnostics, each applied alone, removes its diagnostic."""
    text = EXAMPLE.read_text(encoding="utf-8")
    diagnostics = compile_text(text).diagnostics
    fixable = [d for d in diagnostics if d.fixes]
    assert fixable
    for d in fixable[:10]:
        fixed = apply(text, d.fixes[0].edits)
        again = compile_text(fixed).diagnostics
        assert len([x for x in again if x.code == d.code]) == len([x for x in diagnostics if x.code == d.code]) - 1
