"""The adopted form's front matter (stage: adopted): its keys, and what `check`
says when an adopted resolution lacks a fact its masthead or closing lines print."""

import pytest

from conftest import codes, compile_text, wsisc

ADOPTED = """
    ---
    session: 78
    committee: Third Committee
    agenda: 71 (b)
    agenda_title: Promotion and protection of human rights
    title: Freedom of religion or belief
    date: 2023-12-22
    job_number: 23-26012 (E)
    stage: adopted
    resolution: 78/212
    adopted: 2023-12-19
    meeting: 50
    report: A/78/481/Add.2, para. 139
    preamble_numbering: none
    ---
    PP#. *Recalling* its resolutions,

    1. *Stresses* the right;

    2. *Decides* to remain seized of the matter.
    """


def _front(text: str, **replacements: str | None) -> str:
    """A text with some front-matter lines replaced (a value), removed (None) or
    added at the end of the front matter (a key it does not have)."""
    lines, fences = [], 0
    seen = {line.strip().split(":", 1)[0] for line in text.splitlines()}
    for line in text.splitlines():
        key = line.strip().split(":", 1)[0]
        if line.strip() == "---":
            fences += 1
            if fences == 2:
                lines += [f"    {k}: {v}" for k, v in replacements.items() if v is not None and k not in seen]
        if key in replacements:
            if replacements[key] is not None:
                lines.append(f"    {key}: {replacements[key]}")
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def _line_of(text: str, key: str) -> int:
    """The line of a front-matter key in a text as compile_text reads it."""
    lines = text.lstrip("\n").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:"))


def test_the_keys_are_read():
    front = compile_text(ADOPTED).document.front
    assert (front.resolution, front.adopted.isoformat(), front.meeting, front.agenda_title, front.report) == (
        "78/212", "2023-12-19", "50th plenary meeting", ("Promotion and protection of human rights",),
        "A/78/481/Add.2, para. 139")
    assert front.adopted_form and front.symbol == "A/RES/78/212"  # the symbol's default


def test_the_stage_adopted_in_any_case():
    front = compile_text(_front(ADOPTED, stage="Adopted")).document.front
    assert front.adopted_form and front.symbol == "A/RES/78/212" and front.meeting == "50th plenary meeting"


def _adopted_problems(text: str) -> list:
    return [d for d in compile_text(text).diagnostics if d.code.startswith("adopted")]


@pytest.mark.parametrize("key, example", [("resolution", "resolution: 78/212"),
                                          ("adopted", "adopted: 2023-12-19"),
                                          ("meeting", "meeting: 50th plenary meeting")])
def test_a_missing_fact_is_an_error_at_the_stage_line(key, example):
    text = _front(ADOPTED, **{key: None})
    (d,) = _adopted_problems(text)
    assert (d.code, d.severity.value, d.span.line) == ("adopted-form", "error", _line_of(text, "stage"))
    assert f"`{key}` is missing" in d.message
    assert d.hints == (f"add `{example}` to the front matter",)


@pytest.mark.parametrize("empty", ["''", "~", ""])
def test_an_empty_value_is_missing(empty):
    (d,) = _adopted_problems(_front(ADOPTED, meeting=empty))
    assert "`meeting` is missing" in d.message


def test_a_wrong_value_is_reported_once():
    compiled = compile_text(_front(ADOPTED, meeting="[50]"))
    assert [d.code for d in compiled.diagnostics] == ["front-matter"]


def test_neither_report_nor_without_reference():
    text = _front(ADOPTED, report=None)
    (d,) = _adopted_problems(text)
    assert d.code == "adopted-form" and d.span.line == _line_of(text, "stage")
    assert "`report` or `without_reference` is missing" in d.message
    assert any("without_reference: A/78/L.49" in hint for hint in d.hints)


def test_both_report_and_without_reference_at_the_second():
    text = _front(ADOPTED, without_reference="A/78/L.49")
    (d,) = _adopted_problems(text)
    assert d.span.line == _line_of(text, "without_reference")
    assert d.related[0].span.line == _line_of(text, "report") < d.span.line
    assert d.message.startswith("`report` and `without_reference` are both given")


def test_a_report_needs_its_committee():
    text = _front(ADOPTED, committee=None)
    (d,) = _adopted_problems(text)
    assert (d.span.line, d.hints) == (_line_of(text, "report"), ("add `committee: Third Committee`",))


def test_the_adopted_keys_in_a_draft_print_nothing_and_say_so():
    text = _front(ADOPTED, stage="Zero draft")
    compiled = compile_text(text)
    keys = ("resolution", "adopted", "meeting", "report")  # the agenda item's title prints in a draft too
    assert codes(compiled) == [("adopted-only", _line_of(text, key), 1) for key in keys]
    assert {d.severity.value for d in compiled.diagnostics} == {"warning"}
    again = compile_text(_front(ADOPTED, stage="Zero draft", ignore="[adopted-only]"))
    assert again.diagnostics == []


def test_check_prints_the_problem_and_its_fix(tmp_path):
    draft = tmp_path / "draft.wsis"
    draft.write_text("---\ntitle: X\nstage: adopted\nresolution: 78/3\nadopted: 2023-10-05\n"
                     "meeting: 16th plenary meeting\n---\n*Adopts* the declaration.\n", encoding="utf-8")
    result = wsisc("check", draft)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:5] == [
        f"{draft}:3:1: error: an adopted resolution says how it reached the plenary: "
        "`report` or `without_reference` is missing [adopted-form]",
        "    3 | stage: adopted",
        "      | ^^^^^",
        "      = help: on a Main Committee's report: `report: A/78/481/Add.2, para. 139`, with `committee: Third Committee`",
        "      = help: adopted in plenary on a draft: `without_reference: A/78/L.49`",
    ]


def test_the_number_may_be_written_with_its_dot():
    front = compile_text(_front(ADOPTED, resolution="78/212.")).document.front
    assert (front.resolution, front.symbol) == ("78/212", "A/RES/78/212")
