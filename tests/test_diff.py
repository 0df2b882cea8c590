"""wsisc diff: two revisions compared paragraph by paragraph."""

import json
import subprocess
import sys

from conftest import ROOT

OLD = ("1. {#first} We decide this;\n\n2. We request that;\n\n2bis. We insist;\n\n3. We drop this one;\n\n"
       "4. We close here.\n")
NEW = ("1. {#first} We decide this now;\n\n2. We welcome a new paragraph;\n\n3. We request that;\n\n"
       "4. We insist;\n\n5. We close here.\n")


def run(tmp_path, *args):
    (tmp_path / "old.wsis").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.wsis").write_text(NEW, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "wsis20", "diff", tmp_path / "old.wsis", tmp_path / "new.wsis",
                           *args], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})


def test_json_says_what_happened_to_each_paragraph(tmp_path):
    result = run(tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = [(p["status"], p["old"], p["new"]) for p in json.loads(result.stdout)["paragraphs"]]
    assert rows == [("changed", "1", "1"), ("new", None, "2"), ("renumbered", "2", "3"),
                    ("renumbered", "2bis", "4"), ("dropped", "3", None), ("renumbered", "4", "5")]


def test_html_comparison_marks_words_and_former_numbers(tmp_path):
    out = tmp_path / "compare.html"
    result = run(tmp_path, "-o", out)
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert 'We decide this<ins class="change"> now</ins>;' in html
    assert "Former paragraph 2bis" in html and "New paragraph" in html
    assert "Dropped: former paragraph 3" in html and '<del class="change">We drop this one;</del>' in html
    assert html.index("Dropped: former paragraph 3") > html.index("Former paragraph 2bis")
