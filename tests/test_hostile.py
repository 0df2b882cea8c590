"""Broken and hostile input: encodings, odd characters, huge lines, deep
nesting. Each gets a diagnostic with a position, never a traceback or a hang."""

import json
import sys
import time

import pytest

from conftest import wsisc as run_wsisc

from wsis20.pipeline import compile_document
from wsis20.report import render_text

BODY = "1. We decide this;\n\n2. We decide that.\n"


def compiled(data: bytes):
    return compile_document("t.wsis", data, view="negotiation", ignore=frozenset({"punctuation"}))


def wsisc(*args, timeout=60):
    return run_wsisc(*args, timeout=timeout, text=False)  # bytes: some outputs here are not text


@pytest.mark.parametrize("name, data", [
    ("utf-8", BODY.encode()),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + BODY.encode()),
    ("CRLF", BODY.replace("\n", "\r\n").encode()),
    ("CR", BODY.replace("\n", "\r").encode()),
    ("mixed", b"1. We decide this;\r\n\n2. We decide\rthat.\n"),
    ("tabs", b"1.\tWe\tdecide this;\n\n2.\tWe decide that.\n"),
    ("no-break and zero-width spaces", "1. We\u00a0decide\u200b this;\n\n2. We\u202fdecide that.\n".encode()),
    ("right to left", "1. نحن نقرر هذا;\n\n2. We decide that.\n".encode()),
])
def test_text_that_reads_the_same(name, data):
    result = compiled(data)
    assert not result.failed and result.diagnostics == [], (name, result.diagnostics)
    assert [p.num for p in result.document.blocks] == ["1", "2"], name


@pytest.mark.parametrize("name, data, code, line, column, words", [
    ("UTF-16 LE", BODY.encode("utf-16"), "encoding", 1, 1, "UTF-16"),
    ("UTF-16 BE without BOM", BODY.encode("utf-16-be"), "encoding", 1, 1, "UTF-16 without a byte-order mark"),
    ("Latin-1", "1. We décide.\n".encode("latin-1"), "encoding", 1, 8, "byte 0xe9 at offset 7"),
    ("invalid UTF-8 later", b"1. Fine;\n\n2. Bad \xff byte.\n", "encoding", 3, 8, "byte 0xff at offset 17"),
    ("NUL", b"1. We de\x00cide;\n\n2. Fine.\n", "control-character", 1, 9, "U+0000"),
    ("ESC", b"1. We \x1b[31mdecide;\n", "control-character", 1, 7, "U+001B"),
    ("Word line break", b"1. We decide\x0bthis;\n", "control-character", 1, 13, "U+000B"),
    ("C1 control", "1. We decide\u0085this;\n".encode(), "control-character", 1, 13, "U+0085"),
    ("bidi override", "1. We decide \u202ethis;\n".encode(), "bidi-control", 1, 14, "U+202E"),
])
def test_text_that_gets_a_diagnostic_with_its_place(name, data, code, line, column, words):
    result = compiled(data)
    found = [d for d in result.diagnostics if d.code == code]
    assert found, (name, result.diagnostics)
    assert (found[0].span.line, found[0].span.column) == (line, column), name
    assert words in found[0].message, name


def test_diagnostics_never_print_control_characters_to_the_terminal():
    result = compiled(b"1. We \x1b]0;owned\x07\x1b[2J decide \xe2\x80\xae this;\n")
    shown = "\n".join(render_text(result.source, d) for d in result.diagnostics)
    assert not any(c in shown for c in "\x1b\x07\u202e")
    assert "\u241b" in shown  # ESC shown as a visible symbol


def test_a_binary_file_is_one_error_not_thousands():
    result = wsisc("check", "/bin/sh" if sys.platform != "win32" else sys.executable)
    assert result.returncode == 1
    assert result.stdout.count(b"error:") == 1 and b"[encoding]" in result.stdout
    assert b"Traceback" not in result.stdout + result.stderr


def test_many_control_characters_are_listed_ten_times_then_counted(tmp_path):
    result = compiled(b"1. " + b"a\x01" * 500 + b";\n")
    control = [d for d in result.diagnostics if d.code == "control-character"]
    assert len(control) == 11 and control[-1].message == "490 more such characters from here to the end of the file"
    assert control[-1].span.column == 3 + 2 * 10 + 2  # the eleventh


def test_a_megabyte_line_is_checked_quickly_and_shown_as_a_window(tmp_path):
    path = tmp_path / "long.wsis"
    path.write_bytes(b"1. " + b"We decide " * 100_000 + b"and and end.\n")
    started = time.perf_counter()
    result = wsisc("check", path)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0 and elapsed < 20
    out = result.stdout.decode()
    assert "[doubled-word]" in out and max(len(line) for line in out.splitlines()) < 200


def test_a_flood_of_one_warning_is_capped_in_text_but_whole_in_json(tmp_path):
    path = tmp_path / "flood.wsis"
    path.write_bytes(b"1. " + b"word " * 1000 + b".\n")
    text = wsisc("check", path).stdout.decode()
    assert text.count("[doubled-word]") == 101  # 100 shown, and the note
    assert "400 more [doubled-word] not shown" in text
    assert text.rstrip().endswith("0 errors, 500 warnings in 1 file")
    data = json.loads(wsisc("check", "--format", "json", path).stdout)
    assert len(data["files"][0]["diagnostics"]) == 500


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{++", "++}"), ("{--", "--}"), ("*", "*"),
                                              ("{>>", "<<}"), ("{^", "^}"), ("**", "**"), ("[a/", "]")])
def test_ten_thousand_nested_constructs_are_an_error_not_a_crash(opening, closing):
    data = ("1. " + opening * 10_000 + "x" + closing * 10_000 + ";\n").encode()
    started = time.perf_counter()
    result = compiled(data)
    assert time.perf_counter() - started < 10
    assert result.failed and any(d.code in ("syntax", "unterminated", "unbalanced-bracket")
                                 for d in result.diagnostics)


def test_thousands_of_nested_sub_paragraphs():
    data = ("1. Intro:\n" + "".join(" " * i + "(a) x;\n" for i in range(0, 3_000))).encode()  # 4.5 MB
    result = compiled(data)
    assert result.failed and any(d.code == "sub-depth" for d in result.diagnostics)


def test_the_cli_never_shows_a_traceback_for_odd_files(tmp_path):
    cases = {
        "empty.wsis": b"",
        "only-bom.wsis": b"\xef\xbb\xbf",
        "only-front.wsis": b"---\n",
        "yaml-bomb.wsis": b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                          b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                          b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                          b"title: *f\n---\n1. x.\n",
        "deep-yaml.wsis": b"---\ntitle: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n1. x.\n",
        "nul-only.wsis": b"\x00" * 100,
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        for command in (["check"], ["build", "-o", tmp_path / "out.html"], ["fmt", "--check"], ["stats"]):
            result = wsisc(command[0], tmp_path / name, *command[1:], timeout=30)
            assert result.returncode in (0, 1), (name, command, result.stderr)
            assert b"Traceback" not in result.stderr + result.stdout, (name, command)


def test_a_long_plain_line_ending_in_markup_is_not_slow():
    # A plain run followed by a character TEXT does not take: a regular expression
    # asked to match the whole line would backtrack for ever.
    started = time.perf_counter()
    result = compiled(("1. " + "plain words " * 2000 + "*").encode())
    assert time.perf_counter() - started < 5 and result.failed


def test_a_yaml_alias_bomb_does_not_stall_fmt(tmp_path):
    lines = ["---", "title: T", "symbol: A/1", "x0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
    lines += [f"x{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    path = tmp_path / "bomb.wsis"
    path.write_text("\n".join(lines + ["---", "", "1. Decides."]) + "\n", encoding="utf-8")
    for command in (("fmt", "--check", path), ("renumber", path), ("check", path)):
        result = wsisc(*command, timeout=30)  # raises TimeoutExpired if it hangs
        assert result.returncode in (0, 1) and b"Traceback" not in result.stderr, command


def test_yaml_escapes_cannot_smuggle_control_characters():
    result = compiled(b'---\nauthors:\n  EU: "\\e]0;PWNED\\a\\e[31mRED"\n---\n\n1. Decides {++EU: x++}.\n')
    [found] = [d for d in result.diagnostics if d.code == "control-character"]
    assert found.span.line == 3 and "U+001B" in found.message
    assert result.document.front.authors == ()


def test_brackets_and_long_preambles_survive_fmt():
    from wsis20.commands.fmt import format_source
    from wsis20.source import SourceFile

    for text in ("1. We [2 / 3] here.\n", "1. We [a [b] / c] here.\n",
                 "".join(f"PP#. Recalling {i},\n\n" for i in range(705)) + "1. Decides.\n"):
        format_source(SourceFile.from_text("t.wsis", text))  # raises if the rewrite would read differently
