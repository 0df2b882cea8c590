"""The command line is consistent across commands: the same options mean the
same thing, and each command does what a user of similar tools expects."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import ROOT, wsisc

GOOD = "---\nauthors: {EU: European Union}\n---\n1. *Decides* to act {++EU: now++};\n\n2. *Requests* a report.\n"
WARNED = "1. We  decide.\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.wsis").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.wsis").write_text(WARNED, encoding="utf-8")
    return tmp_path


def test_stats_takes_format_json_like_the_other_commands_and_several_files(folder):
    one = wsisc("stats", "--format", "json", folder / "a.wsis")
    assert one.returncode == 0, one.stderr
    data = json.loads(one.stdout)
    assert data["path"] == str(folder / "a.wsis") and data["paragraphs"]["operative"] == 2
    assert json.loads(wsisc("stats", "--json", folder / "a.wsis").stdout) == data  # --json still works
    both = wsisc("stats", "--format", "json", folder / "a.wsis", folder / "b.wsis")
    assert [entry["path"] for entry in json.loads(both.stdout)] == [str(folder / "a.wsis"), str(folder / "b.wsis")]
    text = wsisc("stats", folder / "a.wsis", folder / "b.wsis").stdout
    assert text.count("  paragraphs ") == 2 and f"{folder / 'b.wsis'}\n" in text


def test_build_without_an_output_writes_a_pdf_beside_its_source(folder):
    result = wsisc("build", "a.wsis", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "a.pdf").read_bytes().startswith(b"%PDF-")
    html = wsisc("build", folder / "a.wsis", "--format", "html", cwd=ROOT)
    assert html.returncode == 0 and (folder / "a.html").exists()


def test_build_into_a_folder_makes_the_folder(folder):
    out = folder / "out" / "deeper"
    result = wsisc("build", folder / "a.wsis", "-d", out, "--format", "html")
    assert result.returncode == 0, result.stderr
    assert (out / "a.html").exists()
    missing = wsisc("build", folder / "nope.wsis", "-d", folder / "never")
    assert missing.returncode == 2 and not (folder / "never").exists()  # refused before the folder is made
    (folder / "taken").write_text("", encoding="utf-8")
    refused = wsisc("build", folder / "a.wsis", "-d", folder / "taken")
    assert refused.returncode == 2 and "is a file, not a folder" in refused.stderr


def test_build_quiet_shows_errors_and_leaves_warnings_to_check(folder):
    loud = wsisc("build", folder / "b.wsis", "-o", folder / "b.html")
    assert "[doubled-space]" in loud.stderr
    quiet = wsisc("build", "-q", folder / "b.wsis", "-o", folder / "b.html")
    assert quiet.returncode == 0 and quiet.stderr == ""
    (folder / "c.wsis").write_text("1. We *decide.\n", encoding="utf-8")
    failing = wsisc("build", "-q", folder / "c.wsis", "-o", folder / "c.html")
    assert failing.returncode == 1 and "[unterminated]" in failing.stderr


def make_commands(*args: str) -> list[str]:
    """The commands a make target would run (make -n), one per line."""
    listed = subprocess.run(["make", "-n", *args], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return [line for line in listed.splitlines() if "wsisc " in line]


@pytest.mark.parametrize("target", [("demo",), ("-C", "examples", "all")])
def test_make_targets_show_each_drafts_warnings_once(target):
    """One check shows the warnings; every build is quiet, so a user sees each once."""
    commands = make_commands(*target)
    checks = [c for c in commands if re.search(r"wsisc check\b", c)]
    builds = [c for c in commands if re.search(r"wsisc build\b", c)]
    assert len(checks) == 1 and builds
    assert all(re.search(r"wsisc build -q\b", c) for c in builds), builds


def test_demo_says_where_wsisc_is():
    listed = subprocess.run(["make", "-n", "demo"], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert ".venv/bin/wsisc" in listed.split("echo", 2)[-1]


def test_help_lists_build_and_check_first_and_every_argument_has_help():
    from wsis20.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    assert list(commands.choices)[:2] == ["build", "check"]
    listed = wsisc("--help").stdout
    assert listed.index("    build ") < listed.index("    check ") < listed.index("    fmt ")
    for name, command in commands.choices.items():
        for action in command._actions:
            if not action.option_strings:  # a positional argument
                assert action.help, f"wsisc {name} {action.metavar}: no help line"


def test_ignore_names_a_misspelt_rule_and_an_error_apart(folder):
    result = wsisc("check", "--ignore", "punctuaton,missing-marker", folder / "a.wsis")
    assert result.returncode == 2
    assert "`punctuaton` is no rule (did you mean `punctuation`?)" in result.stderr
    assert "`missing-marker` is an error and cannot be switched off" in result.stderr


def test_a_bare_wsisc_shows_what_it_can_do():
    result = wsisc()
    assert result.returncode == 2 and "build" in result.stderr and "check" in result.stderr
    assert "usage: wsisc" in result.stderr
