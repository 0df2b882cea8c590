"""wsisc diff: two revisions compared paragraph by paragraph."""

import json
import re
import subprocess
import sys

from conftest import child_env, compile_text, wsisc

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


# ------------------------------------------------- a paragraph that grew is still itself

# Ten operative paragraphs of the example's zero draft (22, 27, 32, 55, 68, 75, 98, 108, 123, 125) ...
ZERO = {
    "growth": "We note that the growth of information and communications infrastructure and services since the "
              "World Summit has been achieved through a combination of private sector and public investment.",
    "divides": "We are particularly concerned that digital divides between and within regions and countries, and "
               "within societies, and the rapid pace of development of digital technologies, may exacerbate "
               "economic and social inequality.",
    "financing": "We call on governments, multilateral development banks, relevant international organisations and "
                 "the private sector to develop financing mechanisms and incentives to connect the unconnected to "
                 "the Internet and to improve the quality and affordability of connectivity.",
    "enabling": "We acknowledge the importance of a positive enabling environment for investment, innovation and "
                "technological development in enabling the development and implementation of a people-centred, "
                "inclusive and development-oriented Information Society.",
    "skills": "We recognise the importance of digital skills and lifelong access to digital learning opportunities, "
              "taking into account the specific social, cultural and linguistic needs of each society and persons "
              "of all ages and backgrounds.",
    "private": "We recognise the critical importance of private sector investment in information and communications "
               "technology infrastructure, content and services, and we encourage Governments to create legal and "
               "regulatory frameworks conducive to increased investment and innovation.",
    "ai": "We reaffirm the approach to international governance of artificial intelligence for the benefit of "
          "humanity that was adopted by the General Assembly in the Global Digital Compact.",
    "governance": "We reaffirm that Internet governance should continue to follow the provisions set forth in the "
                  "outcomes of the summits held in Geneva and Tunis, including in relation to enhanced cooperation.",
    "entities": "We welcome the efforts of United Nations entities and World Summit Action Line facilitators to "
                "support the implementation of WSIS outcomes over the past two decades within their mandates and "
                "areas of responsibility.",
    "office": "We welcome the establishment by the Secretary-General of the Office for Digital and Emerging "
              "Technologies strengthening United Nations system-wide coordination on digital cooperation and "
              "supporting the follow-up and implementation of the Global Digital Compact.",
}
# ... and as an adopted text has them: five grown by whole clauses to three or four times their length, one
# dropped, two new (one of them on the dropped paragraph's subject, in some of its words).
ADOPTED = {
    "growth": ZERO["growth"][:-1] + ", supported by international cooperation, official development assistance "
              "and innovative financing mechanisms, and we stress that sustained investment in resilient, secure "
              "and affordable infrastructure, including in rural and remote areas, will remain essential to "
              "connecting the remaining unconnected, in particular in the least developed countries, landlocked "
              "developing countries and small island developing States, where the cost of access continues to "
              "exceed the means of many households.",
    "financing": "We call on governments, multilateral development banks, relevant international organisations, "
                 "regional development banks, philanthropic foundations and the private sector to develop, in close "
                 "consultation with national authorities and local communities, financing mechanisms and "
                 "incentives, including blended finance, guarantees and universal service funds, to connect the "
                 "unconnected to the Internet and to improve the quality and affordability of connectivity, with "
                 "particular attention to women and girls, older persons and persons with disabilities. We invite "
                 "the Secretary-General to report on the progress made in mobilizing such financing, and to "
                 "include in that report recommendations on how public and private resources may be combined to "
                 "extend affordable broadband to schools, health facilities and public libraries.",
    "skills": "We recognise the importance of digital skills and lifelong access to digital learning opportunities, "
              "including media and information literacy, basic and advanced digital competencies and the skills "
              "needed to participate safely and productively in the digital economy, taking into account the "
              "specific social, cultural and linguistic needs of each society and persons of all ages and "
              "backgrounds, and we commit to integrating digital literacy into national education curricula, "
              "teacher training and adult learning programmes, and to supporting the developing countries in "
              "these efforts through technical assistance, the exchange of good practices and the "
              "development of open educational resources in local languages, so that no one is left behind.",
    "ai": ZERO["ai"][:-1] + ", including the establishment of the Independent International Scientific Panel on "
          "Artificial Intelligence and the Global Dialogue on Artificial Intelligence Governance, and we call upon "
          "Member States and all other stakeholders to contribute to their work, to build capacity in the "
          "developing countries to benefit from artificial intelligence, and to ensure that its development, "
          "deployment and use are safe, secure and trustworthy and respect human rights.",
    "entities": ZERO["entities"][:-1] + ", and request them to continue to do so, to align their work with the "
                "implementation of the Global Digital Compact, to report annually to the Commission on Science and "
                "Technology for Development on the activities undertaken, and to strengthen their cooperation with "
                "the regional commissions, the Internet Governance Forum and all stakeholders in order to avoid "
                "duplication and make the best use of the resources available.",
    "meeting": "We decide to convene a high-level meeting of the General Assembly on the overall review of the "
               "implementation of the outcomes of the World Summit on the Information Society in 2035, and request "
               "the Secretary-General to submit a report on progress to the Assembly at its eighty-ninth session.",
    "entrepreneurs": "We encourage Governments to create enabling environments for digital entrepreneurship, "
                     "including start-ups and micro, small and medium-sized enterprises, and to promote their "
                     "access to finance, markets and digital public infrastructure.",
}
GROWN_OLD = [ZERO[k] for k in ("growth", "divides", "financing", "enabling", "skills", "private", "ai",
                               "governance", "entities", "office")]
GROWN_NEW = [ADOPTED["growth"], ZERO["divides"], ADOPTED["financing"], ADOPTED["meeting"], ZERO["enabling"],
             ADOPTED["skills"], ADOPTED["entrepreneurs"], ADOPTED["ai"], ZERO["governance"], ADOPTED["entities"],
             ZERO["office"]]


def test_a_paragraph_that_grew_by_whole_clauses_is_still_its_former_self():
    for key in ("growth", "financing", "skills", "ai", "entities"):
        assert len(ADOPTED[key].split()) >= 3 * len(ZERO[key].split())  # too long for their likeness alone
    assert matches(draft(*GROWN_OLD), draft(*GROWN_NEW)) == [
        ("changed", ["1"], ["1"]), ("unchanged", ["2"], ["2"]), ("changed", ["3"], ["3"]), ("new", [], ["4"]),
        ("renumbered", ["4"], ["5"]), ("changed", ["5"], ["6"]), ("dropped", ["6"], []), ("new", [], ["7"]),
        ("changed", ["7"], ["8"]), ("renumbered", ["8"], ["9"]), ("changed", ["9"], ["10"]),
        ("renumbered", ["10"], ["11"])]


def compared_pair(tmp_path, old: str, new: str, *args: str, output: str = "compare.html"):
    """`wsisc diff` on two drafts: the run and its output's text."""
    (tmp_path / "old.wsis").write_text(old, encoding="utf-8")
    (tmp_path / "new.wsis").write_text(new, encoding="utf-8")
    result = wsisc("diff", tmp_path / "old.wsis", tmp_path / "new.wsis", "-o", tmp_path / output, *args)
    out = tmp_path / output
    return result, (out.read_text(encoding="utf-8") if out.exists() and not output.endswith(".pdf") else None)


# ------------------------------------------------------ changed paragraphs keep their form

def test_a_changed_paragraph_keeps_its_emphasis_references_and_subparagraphs(tmp_path):
    old = ("A. *Recalling* its resolution 70/125 of 16 December 2015,\n\n"
           "1. {#act} *Decides* to act:\n  (a) in *all* regions;\n  (b) without delay;\n\n"
           "2. *Requests* a report on paragraph {@act}.\n")
    new = ("A. *Recalling* its resolution 70/125 of 16 December 2015 and resolution 79/1,\n\n"
           "1. {#act} *Decides* to act:\n  (a) in *all* regions and countries;\n  (b) without delay;\n\n"
           "2. *Requests* a full report on paragraph {@act}.\n")
    result, html = compared_pair(tmp_path, old, new)
    assert result.returncode == 0, result.stderr
    assert '<em>Recalling</em> its resolution 70/125 of 16 December 2015<ins class="change"> and resolution' in html
    assert '<span class="num">(a)</span>in <em>all</em> regions<ins class="change"> and countries</ins>;' in html
    assert '<span class="num">(b)</span>without delay;' in html  # still a sub-paragraph of its own
    assert ('<em>Requests</em> a<ins class="change"> full</ins> report on paragraph '
            '<a class="xref" href="#para_1">1</a>.') in html


def test_a_dropped_paragraph_is_struck_through_with_its_emphasis():
    old = draft("*Decides* to act:\n  (a) in *all* regions;\n  (b) without delay;", P["geneva"])
    new = draft(P["geneva"])
    dropped = comparison(compile_text(old).document, compile_text(new).document).blocks[0]
    assert dropped.compared == ("dropped", "1")
    struck = dropped.content[0]
    assert struck.kind == "delete" and struck.old[0].style == "italic"
    assert [s.content[0].kind for s in dropped.subparagraphs] == ["delete", "delete"]


# ------------------------------------------------------------ which texts are compared

DECIDED_OLD = ("---\nsymbol: A/80/L.1\nstage: Zero draft\ndate: 2025-08-29\nauthors:\n  EU: European Union\n"
               "  RU: Russian Federation\n---\n\n"
               "1. We decide {--RU: firmly--} to act {++EU: without delay++};\n\n2. We close here.\n")
# The new revision, as `wsisc renumber --accept EU --reject RU` makes it: RU's deletion rejected.
DECIDED_NEW = ("---\nsymbol: A/80/L.1/Rev.1\nstage: Revision 1\ndate: 2025-11-07\n---\n\n"
               "1. We decide firmly to act without delay;\n\n2. We close here.\n")


def test_page_one_names_the_revisions_and_the_text_compared_of_each(tmp_path):
    result, html = compared_pair(tmp_path, DECIDED_OLD, DECIDED_NEW)
    assert result.returncode == 0, result.stderr
    assert ("Comparison of A/80/L.1 (Zero draft, 29 August 2025) with A/80/L.1/Rev.1 (Revision 1, "
            "7 November 2025)") in html
    assert "Former text: A/80/L.1 (Zero draft, 29 August 2025), with every proposal accepted." in html
    assert "This text: A/80/L.1/Rev.1 (Revision 1, 7 November 2025), as written (it has no proposals)." in html
    # Compared with every proposal accepted, the words RU's deletion kept are new to this text.
    assert 'We decide<ins class="change"> firmly</ins> to act without delay;' in html


def test_the_decisions_that_made_a_revision_can_be_made_on_the_former_one(tmp_path):
    result, out = compared_pair(tmp_path, DECIDED_OLD, DECIDED_NEW, "--reject", "RU", output="compare.json")
    assert result.returncode == 0, result.stderr
    data = json.loads(out)
    assert [(p["status"], p["old"], p["new"]) for p in data["paragraphs"]] == [
        ("unchanged", ["1"], ["1"]), ("unchanged", ["2"], ["2"])]
    old = data["compared"]["old"]
    assert (old["document"], old["compare"], old["reject"]) == ("A/80/L.1 (Zero draft, 29 August 2025)",
                                                                "accepted", ["RU"])
    assert old["text"] == "with the proposals of Russian Federation rejected and every other proposal accepted"
    assert data["compared"]["new"]["text"] == "as written (it has no proposals)"
    result, html = compared_pair(tmp_path, DECIDED_OLD, DECIDED_NEW, "--reject", "RU")
    assert "with the proposals of Russian Federation rejected and every other proposal accepted." in html
    assert '<ins class="change">' not in html.split("</section>", 1)[1]


def test_compared_as_proposed_a_proposal_is_a_proposal(tmp_path):
    new = DECIDED_OLD.replace("2. We close here.", "2. We close {++RU: today and++} here.")
    # A paragraph proposed as new, and one proposed for deletion that has moved.
    old = DECIDED_OLD + "\n3. We keep this paragraph for the record.\n"
    moved = new.replace("1. We decide", "1. {+EU} We add this.\n\n2. We decide").replace("2. We close", "3. We close")
    moved += "\n4. {-RU} We keep this paragraph for the record.\n"
    result, html = compared_pair(tmp_path, old, moved, "--compare", "proposed")
    assert result.returncode == 0, result.stderr
    assert "New paragraph proposed by European Union" in html and "New paragraph;" not in html
    assert "Former paragraph 3; deletion proposed by Russian Federation" in html
    result, out = compared_pair(tmp_path, DECIDED_OLD, new, "--compare", "proposed", output="compare.json")
    data = json.loads(out)
    assert [(p["status"], p["old"], p["new"]) for p in data["paragraphs"]] == [
        ("unchanged", ["1"], ["1"]), ("changed", ["2"], ["2"])]
    assert data["paragraphs"][1]["new_words"] == "We close {++RU: today and++} here."
    assert data["compared"]["old"]["text"] == "as written, proposals shown as proposals"
    result, html = compared_pair(tmp_path, DECIDED_OLD, new, "--compare", "proposed", "--accept", "EU")
    body = html.split("</section>", 1)[1]
    # The proposals still proposed are printed as such, with their authors; the one that is new is marked new.
    assert ('We decide <del class="change" title="Russian Federation">firmly</del>'
            '<sup class="change-author">RU</sup> to act without delay;') in body
    assert ('We close <ins class="change"><ins class="change" title="Russian Federation">today and</ins>'
            '<sup class="change-author">RU</sup> </ins>here.') in body
    assert "with the proposals of European Union accepted, the others shown as proposals." in html
    assert "Proposals are in blue, followed by the initials of their delegation." in html
    assert "Proposals are in blue" not in compared_pair(tmp_path, DECIDED_OLD, new)[1]  # accepted: none left


def test_a_name_no_revision_declares_is_a_usage_error(tmp_path):
    result, _ = compared_pair(tmp_path, DECIDED_OLD, DECIDED_NEW, "--accept", "XX", output="compare.json")
    assert result.returncode == 2
    assert "--accept XX: no author of that name in the front matter of any input" in result.stderr
    assert not (tmp_path / "compare.json").exists()


# ------------------------------------------------------------------ unnumbered text

def test_unnumbered_text_is_matched_and_compared_like_paragraphs():
    old = "The General Assembly decides to act on the matters listed below without delay.\n\n" + draft(
        P["inclusion"], P["geneva"]) + "\nThis closing text is dropped from the next revision entirely.\n"
    new = ("The General Assembly decides to act on the matters listed below without any delay.\n\n"
           + draft(P["geneva"], P["inclusion"]))
    a, b = compile_text(old).document, compile_text(new).document
    assert [(m.status, list(m.old_nums), list(m.new_nums)) for m in match(a, b)] == [
        ("changed", [None], [None]), ("renumbered", ["2"], ["1"]), ("dropped", [None], []),
        ("renumbered", ["1"], ["2"])]  # dropped where it stood: after the paragraph before it (now 1)
    blocks = comparison(a, b).blocks
    assert blocks[0].part == "text" and [c.kind for c in blocks[0].content if hasattr(c, "kind")] == ["insert"]
    assert blocks[2].compared == ("dropped", None) and blocks[2].content[0].kind == "delete"
    assert concordance(match(a, b)) == [("1", "2"), ("2", "1")]  # text has no number to list


# ---------------------------------------------- an unnumbered preamble in the concordance

UNNUMBERED_PREAMBLE = "---\npreamble_numbering: none\n---\n\n"


def test_with_an_unnumbered_preamble_the_concordance_tells_preambular_from_operative(tmp_path):
    old = UNNUMBERED_PREAMBLE + ("PP1. *Recalling* its resolution 70/125 of 16 December 2015,\n\n"
                                 "PP2. *Noting* the report of the Secretary-General,\n\n"
                                 "1. *Decides* to act without delay;\n\n2. *Requests* a report.\n")
    new = UNNUMBERED_PREAMBLE + ("PP1. *Noting* the report of the Secretary-General,\n\n"
                                 "1. *Decides* to act without delay;\n\n2. *Requests* a report.\n")
    result, csv_text = compared_pair(tmp_path, old, new, output="concordance.csv")
    assert result.returncode == 0, result.stderr
    assert csv_text.splitlines() == ["old,new", "PP1,dropped", "PP2,PP1", "1,1", "2,2"]
    result, out = compared_pair(tmp_path, old, new, output="compare.json")
    assert json.loads(out)["concordance"][:2] == [{"old": "PP1", "new": "dropped"}, {"old": "PP2", "new": "PP1"}]
    result, html = compared_pair(tmp_path, old, new)
    assert "<tr><td>PP2</td><td>PP1</td></tr>" in html and "<tr><td>1</td><td>1</td></tr>" in html
    assert "Dropped: former paragraph PP1" in html and "Former paragraph PP2" in html


def test_the_pdf_names_the_comparison_on_page_one(tmp_path):
    from pypdf import PdfReader

    result, _ = compared_pair(tmp_path, DECIDED_OLD, DECIDED_NEW, "--reject", "RU", output="compare.pdf")
    assert result.returncode == 0, result.stderr
    pdf = PdfReader(tmp_path / "compare.pdf")
    assert pdf.metadata.title == ("Comparison of A/80/L.1 (Zero draft, 29 August 2025) with A/80/L.1/Rev.1 "
                                  "(Revision 1, 7 November 2025)")
    first = " ".join(pdf.pages[0].extract_text().split())
    assert "Comparison of A/80/L.1 (Zero draft, 29 August 2025) with A/80/L.1/Rev.1 (Revision 1, 7 November 2025)" in first
    assert "with the proposals of Russian Federation rejected and every other proposal accepted" in first


def test_the_marks_of_a_comparison_lead_from_the_former_words_to_the_new():
    """Accepting a compared paragraph's marks gives its words in the new revision,
    rejecting them the former words: nothing is lost or doubled by the marking."""
    from wsis20.transforms.changes import accept_all, reject_all
    from wsis20.walk import paragraph_words, paragraphs

    a, b = compile_text(draft(*GROWN_OLD)).document, compile_text(draft(*GROWN_NEW)).document
    compared = comparison(a, b)
    pairs = [m for m in match(a, b) if m.status == "changed"]
    assert len(pairs) == 5
    accepted = {p.eid: paragraph_words(p) for p in paragraphs(accept_all(compared)[0])}
    rejected = {p.eid: paragraph_words(p) for p in paragraphs(reject_all(compared)[0])}
    for m in pairs:
        assert accepted[m.new[0].eid] == paragraph_words(m.new[0])
        assert rejected[m.new[0].eid] == paragraph_words(m.old[0])


def test_the_same_revisions_always_give_the_same_comparison(tmp_path):
    """Each run of Python orders a set of words differently; the pairing must
    not follow that order where former paragraphs tie for a place among the
    candidates (here each word is in some 50 paragraphs, many in fewer than 40)."""
    import random

    chooser = random.Random(1)
    syllables = [c + v for c in "bdkl" for v in "aeiou"][:18]  # ba, be, ... di
    vocabulary = [a + b for a in syllables for b in syllables]
    old = [[chooser.choice(vocabulary) for _ in range(40)] for _ in range(400)]
    new = [[w if k % 4 else chooser.choice(vocabulary) for k, w in enumerate(p)] for p in old]  # reworded
    (tmp_path / "old.wsis").write_text(draft(*(" ".join(p) + ";" for p in old)), encoding="utf-8")
    (tmp_path / "new.wsis").write_text(draft(*(" ".join(p) + ";" for p in new)), encoding="utf-8")
    runs = {wsisc("diff", tmp_path / "old.wsis", tmp_path / "new.wsis", "--format", "json").stdout for _ in range(3)}
    assert len(runs) == 1


def test_a_reference_that_follows_its_renumbered_target_is_no_change():
    old = compile_text("1. *Decides* one;\n\n2. *Requests* two;\n\n2bis. {#rep} *Invites* a report;\n\n"
                       "3. *Recalls* paragraph {@rep} above.\n").document
    new = compile_text("1. *Decides* one;\n\n2. *Requests* two;\n\n3. {#rep} *Invites* a report;\n\n"
                       "4. *Recalls* paragraph {@rep} above.\n").document
    assert [(m.status, m.old_nums, m.new_nums) for m in match(old, new)] == [
        ("unchanged", ("1",), ("1",)), ("unchanged", ("2",), ("2",)), ("renumbered", ("2bis",), ("3",)),
        ("renumbered", ("3",), ("4",))]
    other = compile_text("1. *Decides* one;\n\n2. {#req} *Requests* two;\n\n3. {#rep} *Invites* a report;\n\n"
                         "4. *Recalls* paragraph {@req} above.\n").document
    assert match(old, other)[-1].status == "changed"  # naming another paragraph is a change


def test_a_comparison_is_not_written_as_akoma_ntoso(tmp_path):
    result, _ = compared_pair(tmp_path, "1. *Decides* a.\n", "1. *Decides* b.\n", output="compare.xml")
    assert result.returncode == 2 and "a comparison is written as PDF, HTML, JSON or CSV, not .xml" in result.stderr
    assert not (tmp_path / "compare.xml").exists()


def test_diff_refuses_two_revisions_in_different_languages(tmp_path):
    """A French draft against an Arabic one is no comparison: refused, nothing written,
    and the help names the command that compares language versions."""
    from conftest import ROOT

    out = tmp_path / "x.pdf"
    result = wsisc("diff", str(ROOT / "examples/78-265-ai.fr.wsis"), str(ROOT / "examples/78-265-ai.ar.wsis"),
                       "-o", str(out))
    assert result.returncode == 1 and not out.exists()
    assert "is in French and" in result.stderr and "in Arabic" in result.stderr
    assert "wsisc check --parallel" in result.stderr


def test_a_chinese_comparison_marks_the_changed_characters_not_the_clause():
    """Chinese writes no spaces: a changed word is struck alone, not its whole clause."""
    from wsis20.writers.html import render

    old = compile_text("---\nlanguage: zh\n---\n\n1. **决定**于2035年举行高级别会议。\n", comments=False).document
    new = compile_text("---\nlanguage: zh\n---\n\n1. **决定**于2035年举行首脑会议。\n", comments=False).document
    page = render(comparison(old, new))
    body = page[page.index('<div class="para'):]
    assert '<del class="change">高级别</del>' in body and '<ins class="change">首脑</ins>' in body
    assert "会议" not in "".join(re.findall(r"<(?:del|ins) class=\"change\">([^<]*)<", body))
