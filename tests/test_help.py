"""Help that cannot mislead: a suggestion names the fix the drafter meant, never
another delegation; one broken front matter is one error."""

from __future__ import annotations

import pytest

from conftest import codes, compile_text, wsisc

AUTHORS = "---\nauthors: {RU: Russian Federation, ПW: Pw delegation, EU: European Union}\n---\n"


def unknown_author_hints(text: str) -> list[tuple[str, ...]]:
    return [d.hints for d in compile_text(text).diagnostics if d.code == "unknown-author"]


def test_an_undeclared_delegation_is_offered_a_declaration_not_another_delegation():
    [hints] = unknown_author_hints(AUTHORS + "1. Decides {>>US: we object<<}.\n")
    assert hints[0] == "declare it in the front matter: `authors: {US: <delegation name>}` (declared: RU, ПW, EU)"
    assert not any("RU" in h and "did you mean" in h for h in hints)
    assert not any("did you mean" in h for h in hints)


@pytest.mark.parametrize("typed, meant", [("PW", "ПW"), ("pw", "ПW"), ("Eu", "EU"), ("ru", "RU"), ("РУ", None),
                                          ("RU2", None), ("US", None)])
def test_only_a_slip_of_the_same_name_is_suggested(typed, meant):
    [hints] = unknown_author_hints(AUTHORS + f"1. Decides {{>>{typed}: note<<}}.\n")
    suggestions = [h for h in hints if h.startswith("did you mean")]
    if meant is None:
        assert suggestions == []
    else:
        assert suggestions and suggestions[0].startswith(f"did you mean `{meant}`?")
    assert any(h.startswith(f"declare it in the front matter: `authors: {{{typed}: ") for h in hints)


def test_a_latin_slip_for_cyrillic_initials_says_which_letters_differ():
    [hints] = unknown_author_hints(AUTHORS + "1. Decides {>>PW: note<<}.\n")
    assert "Cyrillic" in hints[0] and "Latin" in hints[0]


CURLY_TITLE = "---\ntitle: \u201cWSIS+20: zero draft\u201d\nauthors: {EU: European Union}\n---\n"


def test_curly_quotes_that_break_the_yaml_name_the_character_and_the_fix():
    compiled = compile_text(CURLY_TITLE + "1. Decides {>>EU: a<<} and {>>EU: b<<} and {++EU: c++}.\n")
    [error] = [d for d in compiled.diagnostics if d.severity == "error"]
    assert error.code == "front-matter" and (error.span.line, error.span.column) == (2, 16)
    assert "U+201C LEFT DOUBLE QUOTATION MARK" in error.hints[0]
    assert '`title: "..."`' in error.hints[0]


def test_a_broken_front_matter_is_one_error_not_one_per_comment():
    compiled = compile_text(CURLY_TITLE + "1. Decides {>>EU: a<<} and {>>EU: b<<} and {++EU: c++}.\n")
    assert [c for c, *_ in codes(compiled)] == ["front-matter"]
    unclosed = compile_text("---\nauthors: {EU: E}\n1. Decides {>>EU: a<<} and {>>EU: b<<}.\n")
    assert [c for c, *_ in codes(unclosed)] == ["front-matter"]
    bad_authors = compile_text("---\nauthors: [EU, RU]\n---\n1. Decides {>>EU: a<<} and {>>RU: b<<}.\n")
    assert [c for c, *_ in codes(bad_authors)] == ["front-matter"]


def test_a_value_wrapped_in_curly_quotes_is_a_warning_naming_the_character():
    compiled = compile_text("---\ntitle: \u2018Zero draft\u2019\n---\n1. Decides.\n")
    [warning] = compiled.diagnostics
    assert (warning.code, warning.severity, warning.span.line) == ("curly-quotes", "warning", 2)
    assert "U+2018 LEFT SINGLE QUOTATION MARK" in warning.message
    assert warning.hints == ('use straight quotes, which YAML reads as quotes: `title: "..."`',)
    straight = compile_text("---\ntitle: '\u201cZero\u201d draft'\n---\n1. Decides.\n")
    assert straight.diagnostics == []  # quoted on purpose


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "draft.wsis"
    path.write_text("---\nauthors: {EU: E, ПW: P}\n---\n1. Decides {++EU: x++} {--ПW: y--}.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("options", [("--accept", "US"), ("--reject", "US"), ("--accept", "EU,US")])
def test_accepting_a_name_nobody_declared_is_a_usage_error(draft, tmp_path, options):
    out = tmp_path / "out.html"
    result = wsisc("build", draft, "-o", out, *options)
    assert result.returncode == 2
    assert f"{options[0]} US: no author of that name in the front matter of {draft} (declared: EU, ПW)" \
        in result.stderr
    assert not out.exists()


def test_a_slip_in_accept_is_a_usage_error_with_the_name_meant(draft, tmp_path):
    result = wsisc("build", draft, "-o", tmp_path / "out.html", "--reject", "PW")
    assert result.returncode == 2 and "did you mean `ПW` for `PW`?" in result.stderr


def test_renumber_refuses_an_undeclared_name_and_leaves_the_file(draft):
    before = draft.read_bytes()
    result = wsisc("renumber", draft, "--accept", "US")
    assert result.returncode == 2 and "--accept US: no author" in result.stderr
    assert draft.read_bytes() == before


def test_a_name_declared_in_one_of_several_inputs_is_accepted(draft, tmp_path):
    other = tmp_path / "other.wsis"
    other.write_text("---\nauthors: {US: U}\n---\n1. Decides {++US: z++}.\n", encoding="utf-8")
    result = wsisc("build", draft, other, "-d", tmp_path, "--format", "html", "--accept", "US,EU")
    assert result.returncode == 0, result.stderr
    assert "z" in (tmp_path / "other.html").read_text(encoding="utf-8").split("<main", 1)[1]


def test_the_help_for_an_indentation_quotes_its_siblings_as_written():
    compiled = compile_text("1. *Requests*:\n\t(a) one;\n\t\t\t(i) two;\n\t\t(ii) three.\n")
    [d] = [d for d in compiled.diagnostics if d.code == "sub-indent"]
    assert d.hints == ("indent it by one tab, like the other sub-paragraphs of its level",)
    spaces = compile_text("1. *Requests*:\n    (a) one;\n        (i) two;\n      (ii) three.\n")
    [d] = [d for d in spaces.diagnostics if d.code == "sub-indent"]
    assert d.hints == ("indent it by 4 spaces, like the other sub-paragraphs of its level",)


def test_a_missing_dot_before_a_change_suggests_the_marker_alone():
    compiled = compile_text(AUTHORS + "1. *Decides* one;\n\n3 {++EU: We++} decide;\n\n4. *Decides* the end.\n")
    [d] = [d for d in compiled.diagnostics if d.code == "missing-marker"]
    assert d.hints[0].startswith("write `3.` to number it")


def test_the_curly_quote_help_names_only_the_line_of_the_error():
    compiled = compile_text("---\ntitle: \u201cZero draft\u201d\nauthors: [RU\n---\n1. Decides.\n")
    [error] = [d for d in compiled.diagnostics if d.code == "front-matter"]
    assert not any("U+201C" in h for h in error.hints)


def test_the_same_name_accepted_and_rejected_is_a_usage_error(draft, tmp_path):
    for command in (("build", draft, "-o", tmp_path / "o.html"), ("renumber", draft),
                    ("diff", draft, draft, "--format", "json")):
        result = wsisc(*command, "--accept", "EU", "--reject", "EU")
        assert result.returncode == 2 and "EU: both --accept and --reject; say one" in result.stderr, command
