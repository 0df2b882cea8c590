"""Language versions kept in step: `check --parallel`, `build --side-by-side`,
`renumber --parallel`, `diff --parallel`, on resolution 78/265 as the UN
published it in its six languages (tests/fixtures/akn), imported at test time."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, wsisc

# The published files' letters (A_RES_78_265-2405969E.xml) and the languages they are in.
LETTERS = {"en": "E", "fr": "F", "es": "S", "ru": "R", "ar": "A", "zh": "C"}
ORDER = ("en", "fr", "es", "ru", "ar", "zh")


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """78/265 in six languages, imported once with `wsisc import` (each file
    given its `language:` if the import did not write one)."""
    folder = tmp_path_factory.mktemp("78-265")
    for code, letter in LETTERS.items():
        target = folder / f"78-265.{code}.wsis"
        done = wsisc("import", FIXTURES / "akn" / f"A_RES_78_265-2405969{letter}.xml", "-o", target)
        assert done.returncode == 0, done.stderr
        text = target.read_text(encoding="utf-8")
        if not re.search(r"^language:", text, re.M):
            text = text.replace("---\n", f"---\nlanguage: {code}\n", 1)
        target.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def versions(imported, tmp_path) -> dict[str, Path]:
    """A fresh copy of the six, for a test to break."""
    out = {}
    for code in ORDER:
        out[code] = tmp_path / f"78-265.{code}.wsis"
        shutil.copy(imported / out[code].name, out[code])
    return out


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def line_of(path: Path, start: str, after: int = 0) -> int:
    """The 1-based number of the first line (from line ``after`` + 1) that starts with ``start``."""
    for number, line in enumerate(lines(path), start=1):
        if number > after and line.startswith(start):
            return number
    raise AssertionError(f"no line starts with {start!r} in {path}")


def edit(path: Path, number: int, new: str | None) -> None:
    """Replace line ``number`` (1-based) with ``new``, or delete it (None)."""
    text = lines(path)
    if new is None:
        del text[number - 1]
    else:
        text[number - 1] = new
    path.write_text("\n".join(text), encoding="utf-8")


def parallel(*paths: Path, fmt: str = "json"):
    done = wsisc("check", "--parallel", "--format", fmt, *paths)
    return done


def found(done) -> list[tuple[str, str, int, int, str, int, int]]:
    """The parallel diagnostics: (code, file, line, column, note's file, line, column)."""
    report = json.loads(done.stdout)
    out = []
    for entry in report["files"]:
        for d in entry["diagnostics"]:
            if d["code"].startswith("parallel-"):
                note = d["related"][0] if d["related"] else {"file": None, "line": None, "column": None}
                out.append((d["code"], Path(entry["path"]).name, d["line"], d["column"],
                            Path(note["file"]).name if note.get("file") else None, note["line"], note["column"]))
    return out


# ------------------------------------------------------------------ check --parallel

def test_the_six_published_versions_are_in_step(versions):
    done = parallel(*versions.values())
    assert done.returncode == 0, done.stdout
    assert found(done) == []
    report = json.loads(done.stdout)
    assert [Path(f["path"]).name for f in report["files"]] == [p.name for p in versions.values()]


def test_a_sub_paragraph_dropped_in_the_russian_is_reported_at_both_places(versions):
    en, ru = versions["en"], versions["ru"]
    # Operative paragraph 4's sub-paragraph (b), in each.
    en_b = line_of(en, "  (b)", line_of(en, "4. "))
    ru_4 = line_of(ru, "4. ")
    ru_b = line_of(ru, "  (b)", ru_4)
    edit(ru, ru_b, None)
    done = parallel(*versions.values())
    assert done.returncode == 1
    # In the English, where (b) is; in the Russian, where it would be: after (a).
    assert found(done) == [("parallel-missing", en.name, en_b, 3, ru.name, ru_b - 1, 3)]
    text = parallel(en, ru, fmt="text").stdout
    assert f"{en}:{en_b}:3: error: sub-paragraph (b) of paragraph 4 has no counterpart in the Russian version" in text
    assert f"{ru}:{ru_b - 1}:3: note: it would follow sub-paragraph (a) here" in text


def test_a_paragraph_added_in_the_french_only(versions):
    en, fr = versions["en"], versions["fr"]
    fr_3 = line_of(fr, "3. ")
    text = lines(fr)
    text[fr_3:fr_3] = ["", "#+. *Invite* en outre les États Membres à faire rapport en 2025 ;"]
    fr.write_text("\n".join(text), encoding="utf-8")
    done = parallel(en, fr)
    assert done.returncode == 1
    # Only that one: paragraph 4 and after are still paired with their counterparts.
    assert found(done) == [("parallel-missing", fr.name, fr_3 + 2, 1, en.name, line_of(en, "3. "), 1)]
    assert "paragraph 3bis has no counterpart in the English version" in parallel(en, fr, fmt="text").stdout


def test_a_number_that_differs(versions):
    en, es = versions["en"], versions["es"]
    es_13 = line_of(es, "13. ")
    edit(es, es_13, "14. " + lines(es)[es_13 - 1][4:])
    done = parallel(en, es)
    assert done.returncode == 1
    assert found(done) == [("parallel-number", es.name, es_13, 1, en.name, line_of(en, "13. "), 1)]
    assert "this paragraph is numbered 14, its counterpart 13 in the English version" in \
        parallel(en, es, fmt="text").stdout


def test_a_renumbering_in_one_version_is_every_number_after_it(versions):
    """3bis in the English where the French has 4: the units stay paired by
    their shape, each with its own number, rather than one dropped and one added."""
    en, fr = versions["en"], versions["fr"]
    for number in range(4, 14):
        at = line_of(en, f"{number}. ")
        edit(en, at, (f"{number - 1}bis. " if number == 4 else f"{number - 1}. ") + lines(en)[at - 1][len(f"{number}. "):])
    done = parallel(en, fr)
    codes = [d[0] for d in found(done)]
    assert codes == ["parallel-number"] * 10
    assert found(done)[0][2:4] == (line_of(fr, "4. "), 1)


def test_a_proposal_in_one_language_only(versions):
    en, ar = versions["en"], versions["ar"]
    at = line_of(en, "5. ")
    edit(en, 1, "---\nauthors: {EU: European Union}")
    at += 1
    edit(en, at, lines(en)[at - 1].replace("5. ", "5. {+EU} ", 1))
    done = parallel(en, ar)
    assert done.returncode == 1
    ar_5 = line_of(ar, "5")
    # At the proposal's author (the parser's place for `{+EU}`), and at the Arabic paragraph 5.
    assert found(done) == [("parallel-proposal", en.name, at, 5, ar.name, ar_5, 1)]


def test_a_bracket_in_one_language_only(versions):
    en, zh = versions["en"], versions["zh"]
    at = line_of(en, "1. ")
    edit(en, at, lines(en)[at - 1].replace("to bridge", "[to bridge]", 1))
    done = parallel(en, zh)
    column = lines(en)[at - 1].index("[") + 1
    assert found(done) == [("parallel-bracket", en.name, at, column, zh.name, line_of(zh, "1. "), 1)]


def test_a_missing_footnote(versions):
    en, fr = versions["en"], versions["fr"]
    at = line_of(fr, "2. ")
    line = lines(fr)[at - 1]
    note = re.search(r"\{\^[^^]*\^\}", line)
    edit(fr, at, line[:note.start()] + line[note.end():])
    done = parallel(en, fr)
    en_2 = line_of(en, "2. ")
    column = lines(en)[en_2 - 1].index("{^") + 1
    assert found(done) == [("parallel-missing", en.name, en_2, column, fr.name, at, 1)]


def test_a_missing_annex(versions):
    en, fr = versions["en"], versions["fr"]
    annex = "\n---\nannex: ~\n---\n\n1. The first paragraph of the annex.\n"
    en.write_text(en.read_text(encoding="utf-8") + annex, encoding="utf-8")
    done = parallel(en, fr)
    opening = line_of(en, "annex: ~") - 1
    last = line_of(fr, "13. ")
    assert found(done) == [("parallel-missing", en.name, opening, 1, fr.name, last, 1)]


def test_two_versions_in_one_language_is_a_warning(versions, tmp_path):
    copy = tmp_path / "again.wsis"
    shutil.copy(versions["en"], copy)
    done = parallel(versions["en"], copy)
    assert done.returncode == 0
    assert [d[0] for d in found(done)] == ["parallel-language"]


def test_parallel_needs_two_files(versions):
    done = wsisc("check", "--parallel", versions["en"])
    assert done.returncode == 2
    assert "two files or more" in done.stderr


# ------------------------------------------------------------------ build --side-by-side

def opening_words(path: Path, count: int = 6) -> dict[str, str]:
    """Each numbered paragraph's first words after its marker, by its number (as cited: "3", "PP2")."""
    out, preamble = {}, 0
    for line in lines(path):
        marker = re.match(r"(PP#|\d+)\. (.*)", line)
        if marker:
            if marker[1] == "PP#":
                preamble += 1
            key = f"PP{preamble}" if marker[1] == "PP#" else marker[1]
            words = re.sub(r"[*_]|\{\^[^^]*\^\}", "", marker[2]).split()
            out[key] = " ".join(words[:count])
    return out


def test_side_by_side_html_has_a_row_a_unit_each_cell_in_its_language(versions, tmp_path):
    out = tmp_path / "both.html"
    done = wsisc("build", "-q", versions["en"], versions["ar"], "--side-by-side", "-o", out)
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    # 78/265: 9 preambular and 13 operative paragraphs, 24 sub-paragraphs, one row each;
    # then the title, the formula and the closing lines.
    assert page.count('<tr class="row-unit">') == 9 + 13 + 24
    assert len(re.findall(r'<tr class="row-', page)) == 9 + 13 + 24 + 3
    cells = re.findall(r'<td lang="([^"]+)" dir="([^"]+)"', page)
    assert len(cells) == 2 * 49
    assert set(cells[0::2]) == {("en", "ltr")} and set(cells[1::2]) == {("ar", "rtl")}
    assert '<th scope="col" lang="ar" dir="rtl"><span class="language">العربية</span>' in page


def test_side_by_side_pdf_has_both_languages_on_the_same_page(versions, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "both.pdf"
    done = wsisc("build", "-q", versions["en"], versions["fr"], "--side-by-side", "-o", out)
    assert done.returncode == 0, done.stderr
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
    english, french = opening_words(versions["en"]), opening_words(versions["fr"])
    assert len(english) == len(french) == 9 + 13
    page = 0
    for key, words in english.items():  # in order: each row starts on a page after the one before
        page = next(n for n in range(page, len(pages)) if words in pages[n])
        # Each row starts on one page: the French paragraph with its English counterpart.
        assert french[key] in pages[page], (key, words, french[key])
    assert "Reaffirming international law" in pages[0] and "Réaffirmant le droit international" in pages[0]


def test_side_by_side_shows_a_missing_unit_as_an_empty_cell(versions, tmp_path):
    ru = versions["ru"]
    edit(ru, line_of(ru, "  (b)", line_of(ru, "4. ")), None)
    out = tmp_path / "both.html"
    done = wsisc("build", "-q", versions["en"], ru, "--side-by-side", "-o", out)
    assert done.returncode == 0
    assert "not in step (1 difference" in done.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count('class="missing"') == 1
    row = page[page.index('class="missing"') - 1500:page.index('class="missing"')]
    assert "(b)" in row and "Enhancing digital infrastructure" in row


def test_side_by_side_usage(versions, tmp_path):
    done = wsisc("build", versions["en"], "--side-by-side", "-o", tmp_path / "one.pdf")
    assert done.returncode == 2 and "2 to 6" in done.stderr
    done = wsisc("build", versions["en"], versions["fr"], "--side-by-side", "-o", tmp_path / "x.docx")
    assert done.returncode == 2 and "PDF or HTML" in done.stderr
    done = wsisc("build", versions["en"], versions["fr"], "--side-by-side")
    assert done.returncode == 2 and "-o" in done.stderr


# ------------------------------------------------------------------ renumber --parallel

INSERTED = {"en": "#+. *Invites* further reports;", "fr": "#+. *Invite* en outre à faire rapport ;",
            "ru": "#+. *предлагает* далее представить доклады;"}


def insert_after_3(path: Path, words: str) -> None:
    text = lines(path)
    at = line_of(path, "3. ")
    text[at:at] = ["", words]
    path.write_text("\n".join(text), encoding="utf-8")


def test_renumber_parallel_renumbers_every_version_together(versions, tmp_path):
    paths = [versions[code] for code in INSERTED]
    for code, path in zip(INSERTED, paths):
        insert_after_3(path, INSERTED[code])
    done = wsisc("renumber", "--parallel", *paths, "--concordance", tmp_path / "c.csv")
    assert done.returncode == 0, done.stderr
    rows = (tmp_path / "c.csv").read_text().splitlines()
    assert rows[:2] == ["old,new", "PP1,PP1"]
    assert "3bis,4" in rows and "4,5" in rows and "13,14" in rows
    for code, path in zip(INSERTED, paths):
        assert f"\n4. {INSERTED[code][4:]}\n" in path.read_text(encoding="utf-8")
        assert "\n14. " in path.read_text(encoding="utf-8")
    # Still in step, now with 14 operative paragraphs each.
    assert found(parallel(*paths)) == []


def test_renumber_parallel_changes_nothing_when_the_versions_are_not_in_step(versions):
    paths = [versions[code] for code in INSERTED]
    insert_after_3(paths[0], INSERTED["en"])
    insert_after_3(paths[1], INSERTED["fr"])  # not in the Russian
    before = [p.read_bytes() for p in paths]
    done = wsisc("renumber", "--parallel", *paths)
    assert done.returncode == 1
    assert "paragraph 3bis has no counterpart in the Russian version" in done.stderr
    assert "not in step (1 difference above); nothing was renumbered" in done.stderr
    assert [p.read_bytes() for p in paths] == before


def test_renumber_parallel_changes_nothing_when_one_version_cannot_be_written(versions):
    paths = [versions["en"], versions["fr"]]
    for code, path in zip(("en", "fr"), paths):
        insert_after_3(path, INSERTED[code])
    paths[1].chmod(0o444)
    before = [p.read_bytes() for p in paths]
    done = wsisc("renumber", "--parallel", *paths)
    assert done.returncode != 0
    assert "read-only (no file was changed)" in done.stderr
    assert [p.read_bytes() for p in paths] == before


def test_renumber_of_several_files_needs_parallel(versions):
    done = wsisc("renumber", versions["en"], versions["fr"])
    assert done.returncode == 2 and "--parallel" in done.stderr


# ------------------------------------------------------------------ diff --parallel

def test_diff_parallel_tells_each_version_what_the_revision_changes(versions, tmp_path):
    en = versions["en"]
    new = tmp_path / "78-265.en.new.wsis"
    text = en.read_text(encoding="utf-8")
    text = text.replace("\n4. ", "\n#+. *Invites* further reports;\n\n4. ", 1)  # a new 3bis
    text = text.replace("\n7. *", "\n7. *Also* *", 1)  # 7's words change
    start, end = text.index("\n12. "), text.index("\n13. ")
    new.write_text(text[:start] + text[end:], encoding="utf-8")  # 12 is dropped
    done = wsisc("diff", en, new, "--parallel", versions["fr"], "--parallel", versions["ru"])
    assert done.returncode == 0, done.stderr
    fr, ru = versions["fr"], versions["ru"]
    assert done.stdout == (
        f"{fr} (French), as {en} becomes {new}:\n  new: translate 3bis of {new}\n"
        f"  7: changed, now 7; translate its new words\n  12: dropped\n"
        f"{ru} (Russian), as {en} becomes {new}:\n  new: translate 3bis of {new}\n"
        f"  7: changed, now 7; translate its new words\n  12: dropped\n")
    report = json.loads(wsisc("diff", en, new, "--parallel", fr, "--format", "json").stdout)
    concordance = report["versions"][0]["concordance"]
    assert {"old": "12", "new": "dropped"} in concordance and {"old": "13", "new": "13"} in concordance


def test_diff_parallel_refuses_a_version_not_in_step(versions):
    ru = versions["ru"]
    edit(ru, line_of(ru, "  (b)", line_of(ru, "4. ")), None)
    done = wsisc("diff", versions["en"], versions["en"], "--parallel", ru)
    assert done.returncode == 1
    assert "has no counterpart in the Russian version" in done.stderr
    assert "is not in step with" in done.stderr


# ------------------------------------------------------------ headings, labels, annexes

def test_headings_and_labels_in_one_version_only(tmp_path):
    """examples/annexes.wsis (headings, item headings, labels, two annexes) and
    a "French" copy of it, broken three ways."""
    from conftest import ROOT

    en, fr = tmp_path / "en.wsis", tmp_path / "fr.wsis"
    shutil.copy(ROOT / "examples" / "annexes.wsis", en)
    text = en.read_text(encoding="utf-8").replace("---\n", "---\nlanguage: fr\n", 1)
    fr.write_text(text, encoding="utf-8")
    action = line_of(fr, "### Action #. We will build")
    edit(fr, action, None)  # the second item heading
    edit(fr, action, None)  # and the blank line after it
    divides = line_of(fr, "#. {#divides}")
    edit(fr, divides, lines(fr)[divides - 1].replace("{#divides}", "{#gaps}"))
    heading = line_of(fr, "# I. ")
    edit(fr, heading, "# II. Notre vision commune")
    done = parallel(en, fr)
    assert done.returncode == 1
    assert sorted(found(done)) == sorted([
        ("parallel-missing", en.name, line_of(en, "### Action #. We will build"), 1,
         fr.name, line_of(fr, "#. We call upon all"), 1),
        ("parallel-label", fr.name, divides, 5, en.name, line_of(en, "#. {#divides}"), 5),
        ("parallel-number", fr.name, heading, 1, en.name, line_of(en, "# I. "), 1),
    ])


def test_a_long_draft_is_aligned_within_a_band_and_still_finds_the_one_difference():
    """600 paragraphs a version: more pairings than the alignment weighs in full."""
    from wsis20.pipeline import compile_document
    from wsis20.transforms import parallel as par

    body = "".join(f"{i}. *Decides* that paragraph {i} of resolution 70/{i} stands{' still' * (i % 7)};\n\n"
                   for i in range(1, 601))
    other = body.replace("\n\n300. ", "\n\n299bis. *Adds* one;\n\n300. ")
    a = compile_document("a.wsis", ("---\nlanguage: en\n---\n\n" + body).encode(), view=None)
    b = compile_document("b.wsis", ("---\nlanguage: fr\n---\n\n" + other).encode(), view=None)
    assert 600 * 601 > par.FULL
    found = par.compare_versions([par.Version(a.source, a.document), par.Version(b.source, b.document)])
    assert [(i, d.code, d.span.line, d.message.split(" has")[0]) for i, d in found] == [
        (1, "parallel-missing", 5 + 2 * 299, "paragraph 299bis")]  # after the front matter and 299 paragraphs


def test_check_parallel_stays_light(versions, tmp_path):
    """check --parallel loads neither the writers' machinery nor Babel."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path)}
    code = ("import sys; from wsis20.cli import main; main(['check', '-q', '--parallel', %r, %r]); "
            "print(sorted(m for m in ('weasyprint', 'jinja2', 'lxml', 'babel') if m in sys.modules))"
            % (str(versions["en"]), str(versions["fr"])))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_missing_paragraph_is_one_difference_though_automatic_numbers_shift(versions):
    """PP#. and (#) number themselves: the units after a missing one take other
    numbers, which is no difference of its own."""
    en, ar = versions["en"], versions["ar"]
    pp3 = [n for n, line in enumerate(lines(ar), start=1) if line.startswith("PP#.")][2]
    edit(ar, pp3, None)
    en_pp3 = [n for n, line in enumerate(lines(en), start=1) if line.startswith("PP#.")][2]
    done = parallel(en, ar)
    assert found(done) == [("parallel-missing", en.name, en_pp3, 1, ar.name, pp3 - 2, 1)]
    # The Arabic import writes its sub-paragraphs (#): drop one of paragraph 4's.
    subs = [n for n, line in enumerate(lines(ar), start=1) if n > line_of(ar, "4") and line.startswith("  (")]
    edit(ar, subs[1], None)
    assert [d[:4] for d in found(parallel(en, ar))] == [
        ("parallel-missing", en.name, en_pp3, 1),
        ("parallel-missing", en.name, line_of(en, "  (b)", line_of(en, "4. ")), 3)]


def test_a_heading_of_another_level_is_one_difference(tmp_path):
    """As 78/1's French file has its annex's headings a level below the English."""
    from conftest import ROOT

    en, fr = tmp_path / "en.wsis", tmp_path / "fr.wsis"
    shutil.copy(ROOT / "examples" / "annexes.wsis", en)
    text = en.read_text(encoding="utf-8").replace("---\n", "---\nlanguage: fr\n", 1)
    fr.write_text(text.replace("\n# I. Our shared vision", "\n## I. Our shared vision"), encoding="utf-8")
    assert found(parallel(en, fr)) == [
        ("parallel-level", fr.name, line_of(fr, "## I. "), 1, en.name, line_of(en, "# I. "), 1)]


def test_side_by_side_of_two_copies_of_one_language_says_so(versions, tmp_path):
    """Two versions in one language are printed, with the warning check --parallel gives."""
    copy = tmp_path / "copy.wsis"
    copy.write_text(versions["en"].read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "same.html"
    result = wsisc("build", str(versions["en"]), str(copy), "--side-by-side", "-o", str(out))
    assert result.returncode == 0 and out.exists()
    assert f"{copy}:1:1: warning: {copy} and {versions['en']} are both in English" in result.stderr
    assert "[parallel-language]" in result.stderr
