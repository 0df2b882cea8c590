"""wsisc renumber: a new revision with clean numbers and a concordance."""

import json

from wsis20.commands.renumber import clean_words
from wsis20.parse import parse
from wsis20.source import SourceFile
from wsis20.pipeline import compile_document

from conftest import EXAMPLE, wsisc

DRAFT = ("---\nauthors: {EU: E}\n---\n\n103. {#def} We reaffirm {~~EU: a~>b~~};\n\n#+. We remain;\n\n"
         "#+. {+EU} We also;\n\n103ter. {-EU} Gone;\n\n104. See {@def}.\n")


def run(*args):
    return wsisc("renumber", *args)


def test_renumber_accepting_everything(tmp_path):
    path = tmp_path / "d.wsis"
    path.write_text(DRAFT, encoding="utf-8")
    result = run(path, "--accept-all", "--symbol", "A/80/L.1/Rev.1", "--concordance", tmp_path / "c.json")
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "c.json").read_text()) == [
        {"old": "103", "new": "1"}, {"old": "103bis", "new": "2"}, {"old": "103quater", "new": "3"},
        {"old": "103ter", "new": "deleted"}, {"old": "104", "new": "4"}]
    text = path.read_text(encoding="utf-8")
    assert text == ('---\nsymbol: "A/80/L.1/Rev.1"\nauthors: {EU: E}\n---\n\n1. {#def} We reaffirm b;\n\n'
                    "2. We remain;\n\n3. We also;\n\n4. See {@def}.\n")
    compiled = compile_document(str(path), text.encode())
    assert not compiled.failed


def test_renumber_rejecting_one_delegation_keeps_its_paragraph(tmp_path):
    path = tmp_path / "d.wsis"
    path.write_text(DRAFT, encoding="utf-8")
    result = run(path, "--reject", "EU", "--concordance", tmp_path / "c.csv")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "c.csv").read_text() == ("old,new\n103,1\n103bis,2\n103quater,deleted\n103ter,3\n104,4\n")
    assert "3. Gone;" in path.read_text(encoding="utf-8")
    assert "We reaffirm a;" in path.read_text(encoding="utf-8")


def test_renumber_the_example_keeps_every_word_of_its_clean_view(tmp_path):
    path = tmp_path / "zero.wsis"
    original = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    result = run(path, "--accept-all", "--annex")
    assert result.returncode == 0, result.stderr
    assert "103quinquies -> 114" in result.stdout  # seven insertions come before 103
    after = path.read_text(encoding="utf-8")
    assert "bis." not in after and "#+." not in after
    compiled = compile_document(str(path), after.encode())
    assert not compiled.failed
    body = after.split("# Concordance of paragraph numbers")[0]
    def words(text):
        return clean_words(parse(SourceFile.from_text("x", text))[0])

    assert words(body) == words(original)


def test_symbol_replaces_a_value_over_several_lines_and_refuses_what_it_cannot_do(tmp_path):
    path = tmp_path / "d.wsis"
    path.write_text('---\n# the symbol\nsymbol: "A/80/\n  L.41"\ntitle: T\n---\n\n1. We decide.\n', encoding="utf-8")
    result = run(path, "--symbol", "A/80/L.41/Rev.1")
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8").startswith('---\n# the symbol\nsymbol: "A/80/L.41/Rev.1"\ntitle: T\n---\n')
    quoted = '---\ntitle: T\n"symbol": A/80/L.41\n---\n\n1. We decide.\n'
    path.write_text(quoted, encoding="utf-8")
    result = run(path, "--symbol", "A/80/L.41/Rev.1")
    assert result.returncode == 2 and "cannot be set safely" in result.stderr
    assert path.read_text(encoding="utf-8") == quoted


def test_an_unnumbered_preamble_is_cited_pp_in_the_concordance(tmp_path):
    """With a preamble printed without numbers, preambular 1 and operative 1 would
    both read "1"; the concordance cites the preamble PP1, as diff's does."""
    path = tmp_path / "d.wsis"
    path.write_text("---\npreamble_numbering: none\n---\nPP1. *Recalling* it,\n\nPP#+. *Noting* more,\n\n"
                    "1. *Decides* this;\n\n#+. *Requests* that.\n", encoding="utf-8")
    result = wsisc("renumber", path, "--accept-all", "--concordance", tmp_path / "c.json")
    assert result.returncode == 0, result.stderr
    rows = [(r["old"], r["new"]) for r in json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))]
    assert rows == [("PP1", "PP1"), ("PP1bis", "PP2"), ("1", "1"), ("1bis", "2")]
