"""Property-based fuzzing of `wsisc import draft.txt`: the zero draft's text
taken out of Word, cut, spliced and garbled, random text with "Commented"
blocks, and random bytes. No case may end in a traceback; whenever the import
writes a draft, `check` reads it without an internal error, finds nothing the
import itself wrote wrongly (a syntax error, an unclosed construct, an
undeclared author), and `fmt` finds it already in its canonical form.

Every CI run tries a few dozen cases of each; `make fuzz` runs thousands
(WSISC_FUZZ_EXAMPLES, as tests/test_fuzz.py).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES

from wsis20.cli import main
from wsis20.commands.fmt import format_source
from wsis20.pipeline import compile_document
from wsis20.readers.word_text import read
from wsis20.source import SourceFile

EXAMPLES = int(os.environ.get("WSISC_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

SEED_LINES = (FIXTURES / "wsis20-zero-draft.seed.txt").read_text(encoding="utf-8").split("\n")
# Errors that would be the import's own doing: the draft it writes must never have them.
# (Numbers out of order or typed twice are the text's, and `check` is there to say so; so
# is a paragraph opening with the very number missing around it, "1" then "note", a
# `missing-marker` error that only its place makes one.)
WRITTEN_WRONG = {"syntax", "unterminated", "unbalanced-bracket", "front-matter", "unknown-author", "encoding",
                 "control-character", "annex", "bullet", "tab-indent", "sub-depth"}

PIECE = st.sampled_from([
    "We", "note", "the", "report", "of", "all", "States", "2030", "2015 23", "inequalityies", "developmentCountries",
    "12.", "12 bis.", "103ter", "**3bis.**", "- 4.", "OP5.", "PP3", "A.", "Cbis.", "I.", "(a)", "(ii)", "a)", "•",
    "-", "–", "Commented [ПW1]:", "Commented [u2R1]:", "Commented [A B3]:", "Commented []:", "Comment [X9]:",
    "<u>", "</u>", "<u>inter alia</u>", "**", "*", "_", "__", "[", "]", "{", "}", "{>>", "<<}", "{++EU: x++}", "\\",
    "#", "# Title", "---", ":", ";", ".", ",", "e.g.", "\t", "\u00a0", "\u200b", "\u202e", "\x0b", "\x0c",
    "نحن", "Да", "ZERO DRAFT", "A/80/L.1", "29 August 2025", "Distr.: General", "Preamble", "Recalling",
])
RANDOM_TEXT = st.lists(st.one_of(PIECE, st.sampled_from(["\n", "\n\n", " ", "\r\n"])), max_size=80).map("".join)


@st.composite
def mutated_seed(draw) -> str:
    """A run of the seed's lines, then cut, spliced and garbled."""
    start = draw(st.integers(0, len(SEED_LINES) - 1))
    lines = SEED_LINES[start:start + draw(st.integers(1, 40))]
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(lines)))
        match draw(st.sampled_from(["insert", "delete", "duplicate", "split", "garble"])):
            case "insert":
                lines.insert(at, draw(RANDOM_TEXT))
            case "delete" if lines:
                del lines[min(at, len(lines) - 1)]
            case "duplicate" if lines:
                lines.insert(at, lines[min(at, len(lines) - 1)])
            case "split" if lines:
                line = lines[min(at, len(lines) - 1)]
                cut = draw(st.integers(0, len(line)))
                lines[min(at, len(lines) - 1):min(at, len(lines) - 1) + 1] = [line[:cut], "", line[cut:]]
            case "garble" if lines:
                line = lines[min(at, len(lines) - 1)]
                cut = draw(st.integers(0, len(line)))
                lines[min(at, len(lines) - 1)] = line[:cut] + draw(PIECE) + line[cut + draw(st.integers(0, 20)):]
    return "\n".join(lines)


TEXT = st.one_of(mutated_seed(), RANDOM_TEXT)
ENCODED = st.one_of(
    TEXT.map(lambda t: t.encode("utf-8")),
    TEXT.map(lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    TEXT.map(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    TEXT.map(lambda t: t.encode("cp1252", "replace")),
    st.binary(max_size=400),
    st.tuples(TEXT, st.binary(max_size=8), st.integers(0, 400)).map(
        lambda t: t[0].encode("utf-8")[:t[2]] + t[1] + t[0].encode("utf-8")[t[2]:]),
)


def _checked(text: str) -> None:
    """The imported draft as `check` and `fmt` see it."""
    compiled = compile_document("imported.wsis", text.encode("utf-8"))
    assert compiled.document is not None
    wrong = [(d.code, d.message) for d in compiled.diagnostics
             if d.severity.value == "error" and d.code in WRITTEN_WRONG]
    assert wrong == [], (wrong, text[:2000])
    assert format_source(SourceFile.from_text("imported.wsis", text)) == text


@FUZZ
@given(data=ENCODED)
def test_import_never_fails_and_writes_drafts_that_check_reads(data):
    result = read("fuzz.txt", data)
    assert result.diagnostics or result.text is not None
    for diagnostic in result.diagnostics:
        assert diagnostic.span is not None and diagnostic.span.line >= 1
    if result.text is not None:
        _checked(result.text)


@settings(max_examples=max(3, EXAMPLES // 10), deadline=None, derandomize=EXAMPLES <= 100,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=ENCODED)
def test_the_import_command_answers_without_an_internal_error(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz-text")
    source, out = folder / "draft.txt", folder / "draft.wsis"
    source.write_bytes(data)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["import", str(source), "-o", str(out)])
    assert status in (0, 1), err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert out.exists() == (status == 0)
    if status == 0:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            assert main(["check", str(out)]) in (0, 1)
