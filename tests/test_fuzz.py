"""Property-based fuzzing: random, grammar-built and mutated documents through
every command. No case may end in an internal error (exit 3) or a traceback;
fmt and renumber must keep every word; diff must account for every paragraph.

Every CI run tries a few hundred cases. The long run (10,000 and more) is
`make fuzz` (WSISC_FUZZ_EXAMPLES=10000); WSISC_FUZZ_PDF sets the PDF budget.
"""

from __future__ import annotations

import contextlib
import io
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akn_schema import problems
from conftest import EXAMPLE
from html_safety import audit

from wsis20.cli import main
from wsis20.commands.fmt import NotEquivalent, format_source, shape
from wsis20.commands.renumber import clean_words, renumber
from wsis20.parse import parse
from wsis20.pipeline import compile_document
from wsis20.source import SourceFile
from wsis20.transforms.changes import decide
from wsis20.transforms.compare import match
from wsis20 import ast
from wsis20.walk import blocks, paragraphs, scopes

EXAMPLES = int(os.environ.get("WSISC_FUZZ_EXAMPLES", "60"))
PDF_EXAMPLES = int(os.environ.get("WSISC_FUZZ_PDF", "4"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# ------------------------------------------------------------- documents

WORD = st.sampled_from(["We", "decide", "the", "the", "States", "2030", "A/RES/70/1", "people-centred", "Note:",
                        "(a)", "12.", "#", "*", "**", "__", "_", "[", "]", "/", "{", "}", "\\", "~>", "<<}", "{>>",
                        "{==", "==}", "{++", "++}", "{--", "--}", "{~~", "~~}", "{^", "^}", "{#x}", "{@x}", "{@y}",
                        "{.agreed}", "{+EU}", "{-EU}", "EU:", "ПW:", "PW:", "US:", "eu:", "{>>US: x<<}", "نحن", "\u00a0", "\u200b", "<script>",
                        "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "&amp;", "</style>"])
PLAIN = st.lists(st.sampled_from(["We", "decide", "the", "the", "States", "2030", "people-centred", "نحن",
                                  "ПW", "<script>", "&amp;", "x\"y", "'", "javascript:alert(1)"]),
                 min_size=1, max_size=6).map(" ".join)
WELL_FORMED = st.one_of(
    PLAIN, PLAIN.map(lambda t: f"*{t}*"), PLAIN.map(lambda t: f"**{t}**"), PLAIN.map(lambda t: f"__{t}__"),
    PLAIN.map(lambda t: f"[{t}]"), PLAIN.map(lambda t: f"[{t}/{t}]"), PLAIN.map(lambda t: "{>>EU: " + t + "<<}"),
    PLAIN.map(lambda t: "{==" + t + "==}{>>" + t + "<<}"), PLAIN.map(lambda t: "{++EU: " + t + "++}"),
    PLAIN.map(lambda t: "{--" + t + "--}"), PLAIN.map(lambda t: "{~~EU: " + t + "~>" + t + "~~}"),
    PLAIN.map(lambda t: "{^" + t + "^}"), st.just("{@x}"),
)
INLINE = st.one_of(st.lists(WELL_FORMED, min_size=1, max_size=6).map(" ".join),
                   st.lists(WORD, min_size=1, max_size=12).map(" ".join))
# Markers as written, mistyped (docs/diagnostics.md, "Mistyped markers"), escaped to
# stay text, and list bullets where a marker belongs.
MARKER = st.sampled_from(["1.", "2.", "3bis.", "#.", "#+.", "12 bis.", "OP3.", "PP1.", "PP#.", "PP#+.", "A.", "Cbis.",
                          "103ter.", "103ter.", "1", "0.", "99999999999999999999.", "3nonies.", "3foo.", "II.",
                          "**4.**", "", "", "2-bis.", "2 -bis.", "3(bis).", "3bis", "3", "5)", "5.-", "A-bis.", "B)",
                          "Cbis", "PP3", "PP 3-bis.", "\u00a012.", "\\3", "\\2-bis.", "B\\)", "A\\-bis.",
                          "\u2022", "-", "\u2013", "\\-"])
ATTRS = st.sampled_from(["", "", "{#x}", "{#y .agreed}", "{.ad-ref}", "{.reopened}", "{+EU}", "{-ПW}", "{#x #x}",
                         "{.nonsense}", "{"])
# Indentation of spaces and tabs, which may or may not read the same at every tab width.
INDENT = st.lists(st.sampled_from(["  ", "  ", " ", "\t"]), max_size=4).map("".join)
ENDING = st.sampled_from(["", "", ":", ";"])
SUB = st.tuples(INDENT, st.sampled_from(["(a)", "(b)", "(i)", "(#)", "(zz)", "(1)", "\u2022", "-", "\u2013", "\u25e6",
                                         "a)", "ii)", "1)", "(c", "a\\)", "\\(c"]),
                INLINE, ENDING).map(lambda t: f"{t[0]}{t[1]} {t[2]}{t[3]}")
PARAGRAPH = st.tuples(MARKER, ATTRS, INLINE, ENDING, st.lists(SUB, max_size=3)).map(
    lambda t: " ".join(x for x in t[:3] if x) + t[3] + "".join("\n" + s for s in t[4]))
# Headings, some opening with an item number (automatic, explicit, Roman, a letter) or words that look like one.
ITEM_NUMBER = st.sampled_from(["", "", "Action #. ", "Action 13. ", "Goal #. ", "I. ", "IV. ", "A. ", "A\\. ",
                               "Action 13\\. ", "IIII. ", "Section 1 "])
HEADING = st.tuples(st.sampled_from(["#", "##", "###", "####"]), ITEM_NUMBER, INLINE).map(
    lambda t: f"{t[0]} {t[1]}{t[2]}")
# Annex blocks in the body: well formed, with settings, with keys of the file's, without `annex:`, and a
# lone `---` (closed by the next one, or never).
ANNEX_BLOCK = st.sampled_from([
    "---\nannex: ~\n---", "---\nannex: Annex I\nname: x\ndocument_type: declaration\n---",
    "---\nannex:\ntitle: '<b>T</b>'\npreamble_numbering: none\nformula: ''\noriginal: Spanish\n---",
    "---\nannex: ~\nname: y\ndocument_type: outcome\npreamble_numbering: pp\n---",
    "---\ntitle: no annex\n---", "---\nannex: ~\nsymbol: A/1\nname: 3x\n---", "---\nannex: [1\n---", "---",
])
FRONT = st.sampled_from([
    "", "---\nauthors: {EU: European Union, ПW: Russian Federation}\n---\n",
    "---\ndocument_type: outcome\npreamble_numbering: pp\nauthors: {EU: E}\n---\n",
    "---\ntitle: '<script>alert(1)</script>'\nsymbol: '\"><b>'\nlogo: ../x.png\n---\n",
    "---\ntitle: [1, 2\n---\n", "---\nsession: -1\ndate: 2025-02-30\n---\n", "---\n",
    # Word's curly quotes: kept in a value, or breaking the YAML; authors typed in the other alphabet or case.
    "---\ntitle: \u201cZero draft\u201d\nauthors: {EU: \u2018European Union\u2019}\n---\n",
    "---\ntitle: \u201cWSIS+20: zero draft\u201d\nauthors: {EU: European Union}\n---\n",
    "---\nauthors: {PW: Latin P, Eu: E, US: United States}\n---\n", "---\nauthors: [EU, ПW]\n---\n",
    "---\ndocument_type: declaration\nauthors: {EU: E}\n---\n",
    "---\ndocument_type: declaration\npreamble_numbering: none\n---\n",
    # The other official languages: their numbers, labels, marks and mastheads.
    "---\nlanguage: ar\nauthors: {EU: E}\n---\n", "---\nlanguage: zh\npreamble_numbering: none\n---\n",
    "---\nlanguage: fr\ndocument_type: outcome\noriginal: English\n---\n", "---\nlanguage: es\n---\n",
    "---\nlanguage: ru\nstage: adopted\nresolution: 78/1\nadopted: 2024-03-21\nmeeting: 63\nsession: 78\n"
    "agenda: 13 (b)\nwithout_reference: A/78/L.1\n---\n",
])
GRAMMAR_DOCUMENT = st.tuples(FRONT, st.lists(st.one_of(PARAGRAPH, PARAGRAPH, HEADING, INLINE, ANNEX_BLOCK),
                                             min_size=1, max_size=8)).map(lambda t: t[0] + "\n\n".join(t[1]) + "\n")

ODD = "*_[]{}~>+-=^@#()./:\\\n\t \r\u00a0\u200b\u202e\x00\x1bAaZz09ПWنح"
RANDOM_TEXT = st.text(alphabet=st.sampled_from(list(ODD)), max_size=300)

_BLOCKS = [b for path in sorted(EXAMPLE.parent.glob("*.wsis"))
           for b in path.read_text(encoding="utf-8").split("\n---\n", 1)[-1].split("\n\n") if b.strip()]
# The front matter of each example, the six languages of 78/265 among them.
_FRONTS_OF_EXAMPLES = sorted(path.read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n"
                             for path in EXAMPLE.parent.glob("*.wsis"))


@st.composite
def mutated_example(draw) -> str:
    """A run of real paragraphs from the examples, then cut, spliced and garbled."""
    start = draw(st.integers(0, len(_BLOCKS) - 1))
    text = "\n\n".join(_BLOCKS[start:start + draw(st.integers(1, 6))])
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        match draw(st.sampled_from(["insert", "delete", "duplicate", "newline"])):
            case "insert":
                text = text[:at] + draw(WORD) + text[at:]
            case "delete":
                text = text[:at] + text[at + draw(st.integers(1, 40)):]
            case "duplicate":
                text = text[:at] + text[max(0, at - 30):at] + text[at:]
            case "newline":
                text = text[:at] + draw(st.sampled_from(["\n", "\n\n", "\n  ", "\r"])) + text[at:]
    return (draw(st.sampled_from(_FRONTS_OF_EXAMPLES)) if draw(st.booleans()) else "") + text + "\n"


DOCUMENT = st.one_of(GRAMMAR_DOCUMENT, mutated_example(), RANDOM_TEXT)

# ------------------------------------------------------------- properties


def run_cli(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main([str(a) for a in args])
    return status, err.getvalue()


@FUZZ
@given(text=DOCUMENT, other=DOCUMENT)
def test_every_command_answers_without_an_internal_error(tmp_path_factory, text, other):
    folder = tmp_path_factory.mktemp("fuzz")
    draft, second = folder / "draft.wsis", folder / "other.wsis"
    draft.write_text(text, encoding="utf-8", newline="")
    second.write_text(other, encoding="utf-8", newline="")
    before = draft.read_bytes()
    commands = [
        ("check", draft), ("check", "--format", "json", draft), ("check", "--format", "github", draft),
        ("check", "--base", second, draft), ("check", "--strict", "-q", draft, second),
        ("build", draft, "-o", folder / "out.html"), ("build", draft, "--view", "clean", "-o", folder / "c.html"),
        ("build", draft, "-o", folder / "out.xml"), ("build", draft, "--view", "compilation", "-o", folder / "k.xml"),
        ("build", draft, "--view", "compilation", "--accept", "EU", "-o", folder / "k.html"),
        ("stats", draft), ("stats", "--json", draft), ("stats", "--format", "json", draft, second),
        ("fmt", "--check", draft), ("fmt", "--diff", draft),
        ("diff", second, draft, "-o", folder / "d.html"), ("diff", second, draft, "--format", "json"),
        ("diff", second, draft, "-o", folder / "d.csv"),
        ("diff", second, draft, "--compare", "proposed", "--reject", "EU", "-o", folder / "p.html"),
    ]
    for command in commands:
        status, err = run_cli(*command)
        # --accept/--reject EU where no input declares EU is a usage error, and only that.
        refused = status == 2 and ("--accept EU: no author of that name" in err
                                   or "--reject EU: no author of that name" in err)
        assert status in (0, 1) or refused, (command, err)
        assert "Traceback" not in err
    assert draft.read_bytes() == before  # none of these writes to its input
    for page in ("out.html", "c.html", "k.html", "d.html", "p.html"):
        if (folder / page).exists():
            assert audit((folder / page).read_text(encoding="utf-8")) == [], page
    for xml in ("out.xml", "k.xml"):  # valid Akoma Ntoso whatever the draft holds
        if (folder / xml).exists():
            assert problems((folder / xml).read_bytes()) == [], xml
    for command in (("fmt", draft), ("renumber", draft, "--accept-all", "--concordance", folder / "c.json")):
        status, err = run_cli(*command)
        assert status in (0, 1), (command, err)


def _parsed(text: str):
    source = SourceFile.from_text("t.wsis", text)
    document, diagnostics = parse(source)
    return source, document, any(d.severity.value == "error" for d in diagnostics)


@FUZZ
@given(text=DOCUMENT, width=st.sampled_from([None, 40, 72]))
def test_fmt_keeps_every_word_and_is_stable(text, width):
    source, document, failed = _parsed(text)
    if failed:
        return  # fmt refuses a file with errors
    try:
        formatted = format_source(source, width)
    except NotEquivalent as exc:  # the proof failed: this is the bug the fuzzing looks for
        raise AssertionError(f"fmt could not prove its rewrite: {exc}") from None
    _, again, failed_again = _parsed(formatted)
    assert shape(again) == shape(document)
    assert not failed_again  # no escape dropped that kept text from reading as a mistyped marker
    assert format_source(SourceFile.from_text("t.wsis", formatted), width) == formatted


@FUZZ
@given(text=DOCUMENT, accept=st.sampled_from([True, False, None]))
def test_renumber_keeps_every_word_and_numbers_one_to_n(text, accept):
    source, document, failed = _parsed(text)
    if failed:
        return
    new_text, rows, words = renumber(source, decide(accept=frozenset(), reject=frozenset(), otherwise=accept))
    _, after, _ = _parsed(new_text)
    assert clean_words(after) == words
    olds = [r for r in rows if r[1] != "deleted"]
    clean = compile_document("t", new_text.encode(), view="clean").document
    counted = 0
    for scope in scopes(clean):  # the body and each annex number their own paragraphs from 1
        operative = [b.num for b in scope.blocks if isinstance(b, ast.Paragraph) and b.part == "operative"]
        assert operative == [str(i) for i in range(1, len(operative) + 1)]
        counted += len(operative)
    assert len(olds) >= counted


@FUZZ
@given(old=DOCUMENT, new=DOCUMENT)
def test_diff_accounts_for_every_paragraph_once(old, new):
    a = compile_document("old", old.encode(), view="negotiation", comments=False).document
    b = compile_document("new", new.encode(), view="negotiation", comments=False).document
    if a is None or b is None:
        return
    matches = match(a, b)  # numbered paragraphs and unnumbered text alike
    assert sorted(id(p) for m in matches for p in m.old) == sorted(id(p) for p in paragraphs(a))
    assert sorted(id(p) for m in matches for p in m.new) == sorted(id(p) for p in paragraphs(b))


# A paragraph marker mistyped in one of the ways drafters do: (the line's start,
# the marker it should be). Every such block is an error at its first column.
_NUMBERS = st.sampled_from(["1", "12", "103", "OP3", "PP3", "PP 3", "A", "B", "AA", "#", "#+", "PP#+"])
_SUFFIXES = st.sampled_from(["", "bis", "ter", "quater"])
_OPENINGS = st.sampled_from(["*Encourages*", "We", "**Decides**", "[We]", "*Recalling*", "Our", "{>>EU: note<<}"])


@st.composite
def mistyped(draw) -> tuple[str, str, str]:
    number, opening = draw(_NUMBERS), draw(_OPENINGS)
    suffix = "" if "#" in number else draw(_SUFFIXES)  # `#.` and `#+.` take no suffix
    faults = ["paren", "dot-dash", "bold", "no-break-space"]
    if suffix:
        faults += ["dash", "spaced-dash", "en-dash", "brackets"]
    if suffix or not number[-1].isalpha():  # `A *new*` and `A.B` are text
        faults += ["no-space"] + (["no-dot"] if number != "#" else [])  # `# Words` is a heading
    fault = draw(st.sampled_from(faults))
    start = {"dash": f"{number}-{suffix}.", "spaced-dash": f"{number} -{suffix}.", "en-dash": f"{number}\u2013{suffix}.",
             "brackets": f"{number}({suffix}).", "paren": f"{number}{suffix})", "dot-dash": f"{number}{suffix}.-",
             "no-dot": f"{number}{suffix}", "no-space": f"{number}{suffix}.", "bold": f"**{number}{suffix}.**",
             "no-break-space": f"\u00a0{number}{suffix}."}[fault]
    return start + ("" if fault == "no-space" else " "), opening, number.replace(" ", "") + suffix + "."


@FUZZ
@given(case=mistyped(), rest=PLAIN)
def test_a_mistyped_marker_is_an_error_at_its_block_and_its_fix_numbers_it(case, rest):
    start, opening, fix = case
    # "all" after the opening word: a capitalised word and a year read as a date ("12 We 2030"), which is text.
    text = f"1. *Decides* one;\n\n{start}{opening} all {rest};\n\n2. *Decides* two.\n"
    compiled = compile_document("t.wsis", text.encode())
    found = [(d.severity.value, d.span.line, d.span.column) for d in compiled.diagnostics if d.code == "missing-marker"]
    assert found == [("error", 3, 1)], (text, compiled.diagnostics)
    (d,) = [d for d in compiled.diagnostics if d.code == "missing-marker"]
    assert d.hints[0].startswith(f"write `{fix}"), d.hints
    fixed = compile_document("t.wsis", f"{fix} {opening} all {rest};\n".encode())
    assert fixed.document.blocks[0].marker.written == fix


@FUZZ
@given(items=st.lists(st.tuples(INDENT, st.sampled_from(["\u2022", "\u25e6", "\u25aa", "-", "\u2013"]), PLAIN),
                      min_size=1, max_size=4))
def test_a_bullet_where_a_subparagraph_belongs_is_an_error_at_its_line(items):
    text = "1. *Encourages* States:\n" + "".join(f"{indent}{bullet} {words};\n" for indent, bullet, words in items)
    compiled = compile_document("t.wsis", text.encode())
    found = [(d.severity.value, d.span.line, d.span.column) for d in compiled.diagnostics if d.code == "bullet"]
    assert found == [("error", line, len(indent) + 1) for line, (indent, _, _) in enumerate(items, start=2)]


@settings(max_examples=PDF_EXAMPLES, deadline=None, derandomize=PDF_EXAMPLES <= 10,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=st.one_of(GRAMMAR_DOCUMENT, mutated_example()))
def test_pdf_builds_or_refuses_cleanly(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("pdf")
    draft, out = folder / "draft.wsis", folder / "out.pdf"
    draft.write_text(text, encoding="utf-8")
    status, err = run_cli("build", draft, "-o", out)
    assert status in (0, 1), err
    if status == 0:
        assert out.read_bytes().startswith(b"%PDF") and out.read_bytes().rstrip().endswith(b"%%EOF")
    else:
        assert not out.exists()


def test_the_documents_are_varied():
    """The strategies reach the parser's corners: some cases parse, some fail."""
    from functools import partial

    from hypothesis import find as find_one

    # No deadline or health check: on a loaded machine a slow example is not a missing one.
    find = partial(find_one, settings=settings(deadline=None, database=None, derandomize=True, max_examples=2000,
                                               suppress_health_check=list(HealthCheck)))
    find(GRAMMAR_DOCUMENT, lambda t: not _parsed(t)[2] and "{++" in t)
    find(GRAMMAR_DOCUMENT, lambda t: _parsed(t)[2])
    find(mutated_example(), lambda t: not _parsed(t)[2])
    # Annexes with paragraphs and item headings that parse, and annex blocks that fail.
    find(GRAMMAR_DOCUMENT, lambda t: not _parsed(t)[2] and any(a.blocks for a in _parsed(t)[1].annexes))
    find(GRAMMAR_DOCUMENT, lambda t: not _parsed(t)[2] and any(
        getattr(b, "written_number", None) for b in blocks(_parsed(t)[1])))
    find(GRAMMAR_DOCUMENT, lambda t: _parsed(t)[2] and "---\ntitle: no annex" in t)
    find(mutated_example(), lambda t: not _parsed(t)[2] and _parsed(t)[1].annexes)
