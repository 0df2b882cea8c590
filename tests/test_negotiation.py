"""Negotiation texts: changes, brackets, statuses, proposals, the four views,
editorial rules and stats."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from wsis20 import ast
from wsis20.walk import inlines, paragraphs, plain_text
from wsis20.writers.html import render

from conftest import codes, compile_text, child_env

DRAFT = """
    ---
    authors:
      RU: Russian Federation
      EU: European Union
      G77: Group of 77 and China
    ---
    1. {.agreed} We are concerned by persistent {~~RU: gender digital divides~>digital divide between man and woman~~};

    2. {#sov .ad-ref} We {--EU: strongly--} reaffirm [the principle/the importance] of sovereign equality{++G77: of all States++};

    2bis. {+G77} We call for a new mechanism;

    3. {-EU} We note the report;

    4. We recall paragraph {@sov}.
    """


class _Text(HTMLParser):
    """The words of the page's main part, one paragraph a line."""

    def __init__(self):
        super().__init__()
        self.lines, self.current, self.depth, self.skip = [], [], 0, 0

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "aside" or "status" in cls or "proposal-label" in cls or "change-author" in cls \
                or "formula" in cls:
            self.skip += 1
        if tag in ("p", "li") and "formula" not in cls:
            self.current = []

    def handle_endtag(self, tag):
        if tag in ("aside", "sup", "div") and self.skip:
            self.skip -= 1
            return
        if tag == "p" and self.skip:
            self.skip -= 1
            return
        if tag in ("p", "li"):
            self.lines.append(re.sub(r"\s+", " ", "".join(self.current)).strip())

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def view_text(text, view, **options):
    compiled = compile_text(text, view=view, **options)
    assert not compiled.failed, compiled.diagnostics
    html = render(compiled.document, view)
    parser = _Text()
    parser.feed(html.split("<main", 1)[1])
    return parser.lines


def test_parse_changes_with_authors():
    doc = compile_text(DRAFT).document
    changes = [n for n in inlines(doc) if isinstance(n, ast.Change)]
    assert [(c.kind, c.author) for c in changes] == [("substitute", "RU"), ("delete", "EU"), ("insert", "G77")]
    assert changes[0].old[0].value == "gender digital divides"
    assert changes[0].new[0].value == "digital divide between man and woman"


def test_statuses_and_whole_paragraph_proposals():
    doc = compile_text(DRAFT).document
    got = [(p.num, p.status, p.proposal and (p.proposal.kind, p.proposal.author)) for p in paragraphs(doc)]
    assert got == [("1", "agreed", None), ("2", "ad-ref", None), ("2bis", "pending", ("new", "G77")),
                   ("3", "pending", ("delete", "EU")), ("4", "pending", None)]
    assert [p.label.name for p in paragraphs(doc) if p.label] == ["sov"]


def test_negotiation_view_is_the_redline():
    assert view_text(DRAFT, "negotiation") == [
        "1.We are concerned by persistent gender digital dividesdigital divide between man and woman;",
        "2.We strongly reaffirm [the principle/the importance] of sovereign equalityof all States;",
        "2bis.We call for a new mechanism;",
        "3.We note the report;",
        "4.We recall paragraph 2.",
    ]
    html = render(compile_text(DRAFT).document)
    assert '<del class="change" title="Russian Federation">gender digital divides</del>' in html
    assert '<ins class="change" title="Russian Federation">digital divide between man and woman</ins>' in html
    assert '<sup class="change-author">RU</sup>' in html
    assert re.search(r'<div class="status status-agreed">Agreed <span class="fingerprint"[^>]*>[0-9a-f]{8}</span></div>',
                     html)
    assert "Agreed ad ref." in html
    assert "New paragraph proposed by Group of 77 and China" in html
    assert "Deletion proposed by European Union" in html


def test_clean_view_accepts_everything_and_renumbers():
    assert view_text(DRAFT, "clean") == [
        "1.We are concerned by persistent digital divide between man and woman;",
        "2.We reaffirm [the principle/the importance] of sovereign equalityof all States;",
        "3.We call for a new mechanism;",
        "4.We recall paragraph 2.",
    ]
    assert "status" not in render(compile_text(DRAFT, view="clean").document, "clean").split("<main")[1]


def test_original_view_rejects_everything():
    assert view_text(DRAFT, "original") == [
        "1.We are concerned by persistent gender digital divides;",
        "2.We strongly reaffirm [the principle/the importance] of sovereign equality;",
        "3.We note the report;",
        "4.We recall paragraph 2.",
    ]


def test_compilation_lists_proposals_by_delegation_in_words():
    assert view_text(DRAFT, "compilation") == [
        "1.We are concerned by persistent gender digital divides;",
        "Russian Federation: replace \u2018gender digital divides\u2019 with "
        "\u2018digital divide between man and woman\u2019",
        "2.We strongly reaffirm [the principle/the importance] of sovereign equality;",
        "European Union: delete \u2018strongly\u2019",
        "Group of 77 and China: insert \u2018of all States\u2019",
        "2bis.We call for a new mechanism;",
        "3.We note the report;",
        "4.We recall paragraph 2.",
    ]


def test_accept_and_reject_one_delegation():
    text = view_text(DRAFT, "negotiation", accept=frozenset({"RU"}), reject=frozenset({"G77"}))
    assert text[0] == "1.We are concerned by persistent digital divide between man and woman;"
    assert text[1] == "2.We strongly reaffirm [the principle/the importance] of sovereign equality;"  # EU pending
    assert "2bis.We call for a new mechanism;" not in text  # G77's new paragraph rejected
    clean = view_text(DRAFT, "clean", reject=frozenset({"EU"}))
    assert clean[1] == "2.We strongly reaffirm [the principle/the importance] of sovereign equalityof all States;"
    assert "4.We note the report;" in clean  # the deletion of 3 was rejected; 2bis became 3


def test_seams_keep_one_space():
    text = "---\nauthors: {EU: E}\n---\n1. We {--EU: very--} strongly {>>EU: why?<<}.\n"
    assert view_text(text, "clean") == ["1.We strongly."]


def test_brackets_nest_and_hold_alternatives():
    doc = compile_text("1. We [shall/should] [strongly [encourage / urge]] [A/RES/70/1] [a\\/b] \\[literal\\].\n").document
    brackets = [n for n in doc.blocks[0].content if isinstance(n, ast.Bracket)]
    assert [len(b.alternatives) for b in brackets] == [2, 1, 1, 1]
    inner = [n for n in brackets[1].alternatives[0] if isinstance(n, ast.Bracket)][0]
    assert len(inner.alternatives) == 2
    assert brackets[2].alternatives[0][0].value == "A/RES/70/1"
    assert brackets[3].alternatives[0][0].value == "a/b"
    assert doc.blocks[0].content[-1].value.endswith("[literal].")


def test_unbalanced_brackets_are_reported_with_both_places():
    compiled = compile_text("1. We [shall encourage\nall States.\n")
    (d,) = compiled.diagnostics
    assert (d.code, d.span.line, d.span.column) == ("unbalanced-bracket", 1, 7)
    assert d.related[0].message == "the paragraph ends here" and d.related[0].span.line == 2
    stray = compile_text("1. We shall] encourage.\n").diagnostics
    assert [(x.code, x.span.column) for x in stray] == [("unbalanced-bracket", 12)]


def test_a_change_cannot_cross_a_paragraph_boundary():
    compiled = compile_text("---\nauthors: {EU: E}\n---\n1. We {++EU: add this\n\nand that++} here.\n")
    first = compiled.diagnostics[0]
    assert first.code == "unterminated" and (first.span.line, first.span.column) == (4, 7)
    assert "cannot cross a paragraph boundary" in first.hints[0]


def test_changes_hold_emphasis_and_comments_but_not_changes():
    ok = compile_text("---\nauthors: {EU: E}\n---\n1. {++EU: *Recalling* {>>EU: new<<}++} text.\n")
    assert not ok.diagnostics
    nested = compile_text("---\nauthors: {EU: E}\n---\n1. {++EU: a {--EU: b--}++}.\n")
    assert nested.diagnostics[0].message == "a change cannot contain another change"


def test_unknown_status_and_status_on_a_subparagraph():
    compiled = compile_text("1. {.agred} Text:\n  (a) {.agreed} item.\n")
    assert [(d.message, d.span.column) for d in compiled.diagnostics] == [
        ("`.agred` is not a paragraph status", 5), ("only paragraphs carry a status or a proposal", 8)]
    assert compiled.diagnostics[0].hints == ("did you mean `.agreed`?",)


def test_undeclared_change_author():
    compiled = compile_text("1. {++XX: text++}.\n")
    assert [d.code for d in compiled.diagnostics] == ["unknown-author"]


# ------------------------------------------------------------- editorial rules

@pytest.mark.parametrize("text, expected", [
    ("A. *Recalling* its resolution.\n\n1. *Decides*;\n\n2. *Requests*.\n", [("punctuation", 1, 30)]),
    ("A. *Recalling*,\n\n1. *Decides*.\n\n2. *Requests*.\n", [("punctuation", 3, 13)]),
    ("A. *Recalling*,\n\n1. *Decides*;\n\n2. *Requests*;\n", [("punctuation", 5, 14)]),
    ("A. *Recalling*,\n\n1. *Decides*;\n\n2. *Requests*.\n", []),
    ("---\ndocument_type: outcome\n---\nA. *Recalling*,\n\n1. We decide;\n\n2. We request.\n",
     [("punctuation", 6, 13)]),
    ("1. *Requests*\n  (a) one;\n  (b) two;\n", [("intro-colon", 1, 13), ("punctuation", 3, 10)]),
    ("1. *Requests*:\n  (a) one.\n  (b) two.\n", [("punctuation", 2, 10)]),
    ("1. We  decide the the matter.\n", [("doubled-space", 1, 6), ("doubled-word", 1, 15)]),
])
def test_editorial_rules(text, expected):
    assert codes(compile_text(text, editorial=True)) == expected


def test_rules_can_be_switched_off_per_file_and_per_run(tmp_path):
    text = "---\nignore: [doubled-space]\n---\n1. We  decide the the matter.\n"
    assert [d.code for d in compile_text(text, editorial=True).diagnostics] == ["doubled-word"]
    path = tmp_path / "d.wsis"
    path.write_text(text, encoding="utf-8")

    def check(*args):
        return subprocess.run([sys.executable, "-m", "wsis20", "check", path, *args], capture_output=True,
                              text=True, env=child_env(path=""))

    assert "doubled-word" not in check("--ignore", "doubled-word").stdout
    refused = check("--ignore", "duplicate-number")
    assert refused.returncode == 2 and "cannot be switched off" in refused.stderr
    bad = compile_text("---\nignore: [duplicate-number]\n---\n1. a.\n")
    assert [d.code for d in bad.diagnostics] == ["front-matter"]


# ----------------------------------------------------------------------- stats

def test_stats(tmp_path):
    path = tmp_path / "d.wsis"
    path.write_text(DRAFT.replace("\n    ", "\n").lstrip("\n"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "wsis20", "stats", path, "--json"], capture_output=True,
                            text=True, env=child_env(path=""))
    assert result.returncode == 0, result.stderr
    numbers = json.loads(result.stdout)
    assert numbers["paragraphs"] == {"preamble": 0, "operative": 5, "unnumbered": 0}
    assert numbers["status"] == {"pending": 3, "agreed": 1, "ad-ref": 1, "closure": 0, "reopened": 0}
    assert numbers["bracketed_paragraphs"] == 1
    assert numbers["changes"] == {
        "EU": {"name": "European Union", "delete": 1, "paragraph deletion": 1},
        "G77": {"name": "Group of 77 and China", "insert": 1, "new paragraph": 1},
        "RU": {"name": "Russian Federation", "substitute": 1}}
    # counted by hand: original 8 + 10 + 4 + 4; clean 11 + 11 + 6 + 4 ("equalityof" is one word);
    # the redline shows both sides of every change and both proposed paragraphs
    assert numbers["words"] == {"original": 26, "negotiation": 41, "clean": 32, "compilation": 32}  # + the proposed 2bis (6)
    text = subprocess.run([sys.executable, "-m", "wsis20", "stats", path], capture_output=True, text=True,
                          env=child_env(path="")).stdout
    assert "EU     European Union: 1 delete, 1 paragraph deletion" in text


def test_punctuation_warnings_say_what_should_be_and_what_is():
    compiled = compile_text("1. *Decides* one;\n\n2. *Requests* a report;\n\n3. *Decides* to remain seized\n",
                            editorial=True)
    assert [d.message for d in compiled.diagnostics if d.code == "punctuation"] == [
        "the last operative paragraph should end with a full stop, but has no final punctuation"]
    last = compile_text("1. *Decides* one;\n\n2. *Requests* a report;\n", editorial=True)
    assert [d.message for d in last.diagnostics] == [
        "the last operative paragraph should end with a full stop, not ';'"]


def test_the_space_at_the_edge_of_a_proposed_change_is_part_of_its_words():
    """`to {++EU: further ++}promote` proposes "further " (a new-user run found
    "furtherpromote" in the clean view, in renumber's new revision and in fmt's output)."""
    text = ("---\nauthors: {EU: E}\n---\n\n1. *Resolves* to {++EU: further ++}promote safe {--EU: safe --}systems "
            "and {~~EU: old ~>new ~~}things.\n")
    clean = compile_text(text, view="clean", editorial=True).document
    original = compile_text(text, view="original", editorial=True).document
    assert plain_text(clean.blocks[0].content) == "Resolves to further promote safe systems and new things."
    assert plain_text(original.blocks[0].content) == "Resolves to promote safe safe systems and old things."
    from wsis20.commands.fmt import format_source
    from wsis20.source import SourceFile

    assert format_source(SourceFile.from_text("t.wsis", text)) == text
    wrapped = format_source(SourceFile.from_text("t.wsis", text), 40)  # a break after "EU:" adds no space
    assert plain_text(compile_text(wrapped, view="clean").document.blocks[0].content) == \
        "Resolves to further promote safe systems and new things."


def test_a_paragraph_that_may_end_the_text_may_end_either_way():
    """With a proposed paragraph after the last agreed one, either may end the
    text once decided: no punctuation could satisfy 'the last with a full stop'
    for both (a new-user run found the two warnings contradict each other)."""
    for first, second in ((";", "."), (".", ";"), (";", ";"), (".", ".")):
        compiled = compile_text(f"---\nauthors: {{EU: E}}\n---\n\n1. *Decides* to act{first}\n\n"
                                f"2. {{+EU}} *Decides* to do more{second}\n", editorial=True)
        assert [d.code for d in compiled.diagnostics] == [], (first, second)
    wrong = compile_text("---\nauthors: {EU: E}\n---\n\n1. *Decides* to act,\n\n2. {-EU} *Decides* more;\n",
                         editorial=True)
    assert [d.message for d in wrong.diagnostics] == [
        "a paragraph that may end the text, depending on the proposed paragraphs after it, should end with a "
        "semicolon or a full stop, not ','"]
