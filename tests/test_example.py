"""The main example: the whole WSIS+20 zero draft."""

import re
from html.parser import HTMLParser

from wsis20 import ast
from wsis20.pipeline import compile_document
from wsis20.walk import inlines, paragraphs
from wsis20.writers.html import render

from collections import Counter

from conftest import EXAMPLE, FIXTURES

# The Word text extraction the example was transcribed from (shared/seeds/), kept beside the tests.
SEED = FIXTURES / "wsis20-zero-draft.seed.txt"

INSERTED = ["3bis", "20bis", "60bis", "60ter", "83bis", "96bis", "98bis", "103bis", "103ter", "103quater",
            "103quinquies", "104bis", "104ter", "104quater", "123bis", "138bis"]
# The comments as Word numbered them in the zero draft, in order.
WORD_LABELS = ("ПW1 ПW2 ПW3 ПW4 ПW5 NW6 ПW7 ПW8 TIW9 ПW10 ПW11 ПW12 u13 u14 u15 u16 u17 ПW18 ПW19 TIW20 "
               "u21 u22 u23 u24 u25 ПW26 u27 u28 u29 u30 ПW31 u32 u33 ПW34 u35 u36 ПW37 ПW38 ПW39 u40 u41").split()


def compiled(view="negotiation", comments=True):
    return compile_document(str(EXAMPLE), EXAMPLE.read_bytes(), view=view, comments=comments)


def test_example_checks_clean():
    """No error; the only warnings are slips of the zero draft's own, kept as the
    draft has them: paragraph D ends with a full stop and paragraph 99 with no stop
    at all; "border lines" in straight quotes (in a paragraph and its copy), and
    the straight quote of a web link pasted into paragraph 122 as HTML."""
    result = compiled()
    assert [(d.code, d.span.line) for d in result.diagnostics] == [
        ("punctuation", 27), ("punctuation", 271), ("quotes", 289), ("quotes", 289), ("quotes", 297),
        ("quotes", 297), ("quotes", 335)]


def test_example_has_at_least_twenty_attributed_changes():
    changes = [n for n in inlines(compiled().document) if isinstance(n, ast.Change)]
    assert len(changes) >= 20
    assert all(c.author in ("ПW", "NW", "TIW", "u") for c in changes)


def test_examples_build_in_every_view():
    from wsis20.writers.html import render as render_html

    for path in (EXAMPLE, EXAMPLE.parent / "compilation.wsis", EXAMPLE.parent / "wsis20-rev1.wsis"):
        for view in ("negotiation", "clean", "original", "compilation"):
            result = compile_document(str(path), path.read_bytes(), view=view)
            assert not result.failed, (path.name, view)
            assert render_html(result.document, view).startswith("<!DOCTYPE html>")


def test_compilation_example_checks_clean():
    path = EXAMPLE.parent / "compilation.wsis"
    assert compile_document(str(path), path.read_bytes()).diagnostics == []


def test_example_has_every_paragraph_and_heading():
    doc = compiled().document
    numbered = [p.num for p in paragraphs(doc) if p.part == "operative"]
    assert [p.num for p in paragraphs(doc) if p.part == "preamble"] == list("ABCDEFG")
    assert [n for n in numbered if n.isdigit()] == [str(i) for i in range(1, 149)]
    assert [n for n in numbered if not n.isdigit()] == INSERTED
    headings = [b for b in doc.blocks if isinstance(b, ast.Heading)]
    assert len(headings) == 18
    assert doc.front.stage == "Zero draft"


def test_example_comments_are_numbered_as_word_numbered_them():
    comments = [n for n in inlines(compiled().document) if isinstance(n, ast.Comment)]
    assert [f"{c.author}{c.index}" for c in comments] == WORD_LABELS


def test_example_comment_texts_are_the_seeds():
    seed = SEED.read_text(encoding="utf-8")
    comments = [n for n in inlines(compiled().document) if isinstance(n, ast.Comment)]
    for comment in comments:
        body = "".join(t.value for t in comment.body if isinstance(t, ast.Text))
        assert body in seed, body[:60]


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id"]


def _html_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return parser.ids


def test_example_html_has_every_paragraph_id_in_document_order_and_all_comments():
    result = compiled()
    html = render(result.document)
    ids = _html_ids(html)
    paragraph_ids = [i for i in ids if i.startswith(("para_", "pp_"))]
    expected = [p.eid for p in paragraphs(result.document) if p.eid]
    assert paragraph_ids == expected
    assert paragraph_ids[:7] == [f"pp_{c}" for c in "ABCDEFG"]
    assert paragraph_ids.index("para_103quinquies") == paragraph_ids.index("para_103") + 4
    assert len(expected) == 7 + 148 + 16
    comment_ids = [i for i in ids if re.fullmatch(r"comment_\d+", i)]
    assert comment_ids == [f"comment_{n}" for n in range(1, 42)]
    for label in WORD_LABELS:
        assert f"[{label}]" in html


def test_example_clean_view_is_numbered_one_to_n_with_no_suffix():
    doc = compiled(view="clean").document
    operative = [p.num for p in paragraphs(doc) if p.part == "operative"]
    assert operative == [str(n) for n in range(1, 165)]
    assert [p.num for p in paragraphs(doc) if p.part == "preamble"] == list("ABCDEFG")
    assert not any(isinstance(n, ast.Comment) for n in inlines(doc))
    html = render(doc, "clean")
    assert "bis" not in "".join(re.findall(r'id="(para_[^"]*)"', html))
    assert 'class="comment-ref"' not in html


def _flow(nodes, bodies) -> str:
    """The words of some inlines as they read in the text, a change's old words
    and new words both; comment bodies go to ``bodies``."""
    out = []
    for node in nodes:
        match node:
            case ast.Text():
                out.append(node.value)
            case ast.Emphasis():
                out.append(_flow(node.children, bodies))
            case ast.Comment():
                out.append(_flow(node.anchor or (), bodies))
                bodies.append(_flow(node.body, []))
            case ast.Change():
                out.append(f" {_flow(node.old, bodies)} {_flow(node.new, bodies)} ")
            case ast.Bracket():
                out.append(" ".join(_flow(a, bodies) for a in node.alternatives))
    return "".join(out)


_WORD = re.compile(r"\w+")
# Where the Word extraction fused a deleted and an inserted word, the example
# writes the change out: these words differ, and only these (reviewed by hand).
FUSED_IN_SEED = {"23": 1, "beis": 1, "bejs": 1, "inequalityies": 5, "nationalsexual": 1}
WRITTEN_OUT = {"2023": 1, "December": 1, "attacks": 1, "be": 2, "inequalities": 5, "inequality": 5, "is": 2,
               "national": 1, "of": 1, "sexual": 1, "this": 1}


def test_example_keeps_every_word_of_the_seed():
    """Nothing left out: the words of the seed (without Word's comment labels,
    list dashes and paragraph numbers) are the example's, text, changes and
    comments together, except where a fused change was written out."""
    seed_words: list[str] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^Commented \[[^\]]+\]: ", "", line)
        line = re.sub(r"^- ", "", line.strip())
        line = re.sub(r"^(\*\*)?[0-9A-G]+[a-z]*\.(\*\*)? ", "", line)
        line = line.replace("<u>", "").replace("</u>", "")
        if line != "ZERO DRAFT":
            seed_words += _WORD.findall(line)
    doc = compiled().document
    bodies: list[str] = []
    words: list[str] = []
    for block in doc.blocks:
        words += _WORD.findall(_flow(block.content, bodies))
    for body in bodies:
        words += _WORD.findall(body)
    seed, example = Counter(seed_words), Counter(words)
    assert dict(seed - example) == FUSED_IN_SEED
    assert dict(example - seed) == WRITTEN_OUT


def test_rev1_compared_with_the_zero_draft():
    """rev.1 was made with `wsisc renumber --accept-all`, then edited by hand
    (a word, a split, a merge, a new paragraph) and renumbered again."""
    from wsis20.transforms.compare import compared_text, match

    rev1 = EXAMPLE.parent / "wsis20-rev1.wsis"
    old, _ = compared_text(compiled(comments=False).document, "accepted")  # as diff compares by default
    new, _ = compared_text(compile_document(str(rev1), rev1.read_bytes(), comments=False).document, "accepted")
    matches = match(old, new)
    statuses = Counter(m.status for m in matches)
    assert statuses == Counter({"renumbered": 158, "unchanged": 10, "merged": 1, "split": 1, "new": 1})
    edited = [(m.status, [p.num for p in m.old], [p.num for p in m.new]) for m in matches
              if m.status in ("merged", "split", "new")]
    assert edited == [("merged", ["28", "29"], ["30"]), ("split", ["30"], ["31", "32"]), ("new", [], ["130"])]
    concordance = (EXAMPLE.parent / "wsis20-rev1.concordance.csv").read_text().splitlines()
    assert concordance[0] == "old,new" and "103quinquies,114" in concordance
    assert "29,30" in concordance and "30,31 and 32" in concordance
