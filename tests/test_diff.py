"""wsisc diff: two revisions compared paragraph by paragraph."""

import json
import subprocess
import sys

from conftest import ROOT, compile_text, child_env

from wsis20.transforms.compare import comparison, concordance, match

OLD = ("1. {#first} We decide this;\n\n2. We request that;\n\n2bis. We insist;\n\n3. We drop this one;\n\n"
       "4. We close here.\n")
NEW = ("1. {#first} We decide this now;\n\n2. We welcome a new paragraph;\n\n3. We request that;\n\n"
       "4. We insist;\n\n5. We close here.\n")


def run(tmp_path, *args):
    (tmp_path / "old.wsis").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.wsis").write_text(NEW, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "wsis20", "diff", tmp_path / "old.wsis", tmp_path / "new.wsis",
                           *args], capture_output=True, text=True, env=child_env(path=""))


def test_json_says_what_happened_to_each_paragraph(tmp_path):
    result = run(tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    rows = [(p["status"], p["old"], p["new"]) for p in out["paragraphs"]]
    assert rows == [("changed", ["1"], ["1"]), ("new", [], ["2"]), ("renumbered", ["2"], ["3"]),
                    ("renumbered", ["2bis"], ["4"]), ("dropped", ["3"], []), ("renumbered", ["4"], ["5"])]
    assert out["concordance"] == [{"old": "1", "new": "1"}, {"old": "2", "new": "3"}, {"old": "2bis", "new": "4"},
                                  {"old": "3", "new": "dropped"}, {"old": "4", "new": "5"}]


def test_html_comparison_marks_words_and_former_numbers(tmp_path):
    out = tmp_path / "compare.html"
    result = run(tmp_path, "-o", out)
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert 'We decide this<ins class="change"> now</ins>;' in html
    assert "Former paragraph 2bis" in html and "New paragraph" in html
    assert "Dropped: former paragraph 3" in html and '<del class="change">We drop this one;</del>' in html
    assert html.index("Dropped: former paragraph 3") > html.index("Former paragraph 2bis")


def matches(old: str, new: str) -> list[tuple[str, list[str], list[str]]]:
    a, b = compile_text(old).document, compile_text(new).document
    return [(m.status, [p.num for p in m.old], [p.num for p in m.new]) for m in match(a, b)]


# Paragraphs long enough to be told apart by their words, as real ones are.
P = {
    "inclusion": "We recognize the importance of digital inclusion for all people and commit to closing the "
                 "digital divides between and within countries by 2030, with attention to women and girls;",
    "geneva": "We reaffirm the Geneva Declaration of Principles and Plan of Action adopted at the first phase;",
    "infrastructure": "We call upon all stakeholders to invest in resilient and affordable broadband "
                      "infrastructure in rural and remote areas;",
    "capacity": "We encourage cooperation on capacity-building in developing countries, in particular the "
                "least developed countries and small island developing States;",
    "igf": "We note the role of the Internet Governance Forum as a platform for multistakeholder dialogue;",
    "ai": "We acknowledge the opportunities and risks of artificial intelligence for sustainable development;",
}


def draft(*paragraphs: str, numbers=None) -> str:
    numbers = numbers or [str(i) for i in range(1, len(paragraphs) + 1)]
    return "\n\n".join(f"{n}. {p}" for n, p in zip(numbers, paragraphs)) + "\n"


def test_a_moved_paragraph_is_matched_by_its_words_not_its_place():
    old = draft(P["inclusion"], P["geneva"], P["infrastructure"], P["igf"])
    new = draft(P["igf"], P["inclusion"], P["geneva"], P["infrastructure"].replace("resilient", "secure"))
    assert matches(old, new) == [("renumbered", ["4"], ["1"]), ("renumbered", ["1"], ["2"]),
                                 ("renumbered", ["2"], ["3"]), ("changed", ["3"], ["4"])]


def test_renumbering_alone_is_no_change_of_words():
    old = draft(P["inclusion"], P["geneva"], P["igf"], numbers=["1", "1bis", "2"])
    new = draft(P["inclusion"], P["geneva"], P["igf"])
    assert matches(old, new) == [("unchanged", ["1"], ["1"]), ("renumbered", ["1bis"], ["2"]),
                                 ("renumbered", ["2"], ["3"])]
    compared = comparison(compile_text(old).document, compile_text(new).document)
    assert not any(c.kind in ("insert", "delete", "substitute") for b in compared.blocks
                   if hasattr(b, "content") for c in b.content if hasattr(c, "kind"))


def test_a_split_paragraph_is_said_and_each_part_compared_with_its_own_words():
    first, second = P["inclusion"].split(" and commit to ")
    old = draft(P["inclusion"], P["geneva"])
    new = draft(first + ";", "We commit to " + second, P["geneva"])
    assert matches(old, new) == [("split", ["1"], ["1", "2"]), ("renumbered", ["2"], ["3"])]
    a, b = compile_text(old).document, compile_text(new).document
    blocks = [blk for blk in comparison(a, b).blocks if hasattr(blk, "compared")]
    assert [blk.compared for blk in blocks[:2]] == [("split", "1"), ("split", "1")]
    # The second part is compared with the second half of the former words, not all of them.
    deleted = "".join(t.value for c in blocks[1].content if getattr(c, "kind", None) in ("delete", "substitute")
                      for t in c.old)
    assert deleted == "and"  # "and commit to" became "We commit to"; nothing of the first half


def test_merged_paragraphs_are_said_and_compared_with_their_joined_words():
    old = draft(P["geneva"], P["infrastructure"], P["capacity"], P["igf"])
    merged = P["infrastructure"].rstrip(";") + ", and " + P["capacity"][0].lower() + P["capacity"][1:]
    new = draft(P["geneva"], merged, P["igf"])
    assert matches(old, new) == [("unchanged", ["1"], ["1"]), ("merged", ["2", "3"], ["2"]),
                                 ("renumbered", ["4"], ["3"])]
    assert concordance(match(compile_text(old).document, compile_text(new).document)) == [
        ("1", "1"), ("2", "2"), ("3", "2"), ("4", "3")]


def test_a_new_paragraph_beside_a_changed_one_is_not_taken_for_a_split():
    old = draft(P["inclusion"], P["geneva"])
    new = draft(P["inclusion"].replace("2030", "2035"), P["ai"], P["geneva"])
    assert matches(old, new) == [("changed", ["1"], ["1"]), ("new", [], ["2"]), ("renumbered", ["2"], ["3"])]


def test_a_dropped_paragraph_stays_where_it_was_and_is_not_taken_for_a_merge():
    old = draft(P["inclusion"], P["ai"], P["geneva"], P["igf"])
    new = draft(P["inclusion"], P["geneva"], P["igf"])
    assert matches(old, new) == [("unchanged", ["1"], ["1"]), ("dropped", ["2"], []),
                                 ("renumbered", ["3"], ["2"]), ("renumbered", ["4"], ["3"])]


def test_the_comparison_ends_with_the_concordance():
    old = draft(P["inclusion"], P["ai"], P["geneva"], numbers=["1", "1bis", "2"])
    new = draft(P["inclusion"], P["geneva"])
    table = comparison(compile_text(old).document, compile_text(new).document).blocks[-1]
    assert table.caption == "Concordance of paragraph numbers"
    assert table.rows == (("1", "1"), ("1bis", "dropped"), ("2", "2"))


def test_wrapping_alone_is_no_change():
    from wsis20.commands.fmt import format_source
    from wsis20.source import SourceFile

    text = draft(P["inclusion"], P["geneva"], P["capacity"])
    wrapped = format_source(SourceFile.from_text("t.wsis", text), 40)
    assert wrapped.count("\n") > 10
    assert [s for s, _, _ in matches(text, wrapped)] == ["unchanged"] * 3
