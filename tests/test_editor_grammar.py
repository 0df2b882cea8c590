"""The VS Code extension's TextMate grammar (editors/vscode), checked from Python.

The real scope test is `make editor-grammar-test` (npm test in editors/vscode):
it tokenizes the examples with VS Code's own TextMate engine and compares every
token with what wsisc's parser reads (docs/editors.md). This file needs no node:
the grammar and the extension's manifest are valid JSON that agree with each
other, every rule it names exists, every pattern compiles, and the markers,
attribute blocks, references and escapes are matched by the grammar exactly
where grammar/wsis.lark's terminals match them.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

EDITOR = ROOT / "editors" / "vscode"
GRAMMAR = json.loads((EDITOR / "syntaxes" / "wsis.tmLanguage.json").read_text(encoding="utf-8"))
MANIFEST = json.loads((EDITOR / "package.json").read_text(encoding="utf-8"))


def rules(node):
    """Every rule of the grammar, nested ones and captures' patterns included."""
    if isinstance(node, dict):
        if any(key in node for key in ("match", "begin", "include", "patterns")):
            yield node
        for value in node.values():
            yield from rules(value)
    elif isinstance(node, list):
        for value in node:
            yield from rules(value)


def python_regex(pattern: str) -> re.Pattern:
    # \G (where the last match ended) is Oniguruma's; Python's re has no such anchor.
    return re.compile(pattern.replace(r"\G", ""))


def lark_terminal(name: str) -> re.Pattern:
    text = (ROOT / "grammar" / "wsis.lark").read_text(encoding="utf-8")
    return re.compile(re.search(rf"^{name}(?:\.\d+)?: /(.*)/$", text, re.M).group(1))


def paragraph_rule(kind: str) -> dict:
    return next(p for p in GRAMMAR["repository"]["paragraph"]["patterns"] if p["name"] == f"meta.paragraph.{kind}.wsis")


def test_manifest_contributes_the_grammar_and_the_language():
    language, = MANIFEST["contributes"]["languages"]
    grammar, = MANIFEST["contributes"]["grammars"]
    assert (language["id"], language["extensions"]) == ("wsis", [".wsis"])
    assert (grammar["language"], grammar["scopeName"], grammar["path"]) == \
        ("wsis", GRAMMAR["scopeName"], "./syntaxes/wsis.tmLanguage.json")
    assert GRAMMAR["scopeName"] == "text.wsis"
    configuration = json.loads((EDITOR / language["configuration"]).read_text(encoding="utf-8"))
    assert configuration["comments"]["blockComment"] == ["{>>", "<<}"]
    settings = MANIFEST["contributes"]["configuration"]["properties"]
    assert settings["wsisc.path"]["default"] == "wsisc"
    assert settings["wsisc.trace.server"]["enum"] == ["off", "messages", "verbose"]
    assert (EDITOR / MANIFEST["main"]).is_file()
    # The scopes the manifest maps to YAML are the grammar's embedded blocks.
    embedded = set(grammar["embeddedLanguages"])
    assert embedded == {GRAMMAR["repository"][name]["contentName"] for name in ("front-matter", "annex")}


def test_every_include_names_a_rule_and_every_pattern_compiles():
    for rule in rules(GRAMMAR):
        include = rule.get("include", "")
        if include.startswith("#"):
            assert include[1:] in GRAMMAR["repository"], include
        else:
            assert include in ("", "source.yaml"), include
        for key in ("match", "begin", "end"):
            if key in rule:
                python_regex(rule[key])


def test_every_scope_is_the_grammars_own():
    for rule in rules([GRAMMAR["patterns"], GRAMMAR["repository"]]):
        names = [rule.get("name"), rule.get("contentName")]
        names += [capture.get("name") for key in ("captures", "beginCaptures", "endCaptures")
                  for capture in rule.get(key, {}).values()]
        for scope in " ".join(n for n in names if n).split():
            assert scope.endswith(".wsis"), scope


MARKERS = ["12.", "12bis.", "12 bis.", "12Bis.", "103ter.", "1quat.", "OP12.", "OP 12bis.", "OP12quinquies.",
           "1234567.", "12.5", "12)", "12", "2030.", "A.", "B.", "AA.", "AAA.", "Cbis.", "Cter.", "Cquat.",
           "Cundecies.", "CBis.", "Mr.", "Yes.", "However.", "Dr.", "PP3.", "PP3bis.", "PP 3.", "PP#.", "PP#+.",
           "#.", "#+.", "OP#.", "#", "#+", "##.", "(a)", "(ii)", "(#)", "a.", "12.\tWe", "12.We", "C.S. Lewis"]


@pytest.mark.parametrize("kind, terminal", [("operative", "OP_MARKER"), ("preambular", "PP_MARKER"),
                                            ("inserted", "AUTO_MARKER"), ("next", "AUTO_MARKER"),
                                            ("continuation", "FIRST_SUB_MARKER")])
def test_markers_are_the_parsers(kind, terminal):
    ours = python_regex(paragraph_rule(kind)["begin"])
    lark = lark_terminal(terminal)
    for written in MARKERS:
        for text in (written + " words", "  " + written + " words"):
            theirs = lark.match(text)
            if kind == "inserted" and theirs and "+" not in theirs.group():
                theirs = None
            if kind == "next" and theirs and "+" in theirs.group():
                theirs = None
            mine = ours.match(text)
            assert bool(mine) == bool(theirs), (kind, text)
            if mine:
                assert mine.group(1) == theirs.group().strip(), text


def test_sub_paragraph_markers_are_the_parsers():
    ours = python_regex(GRAMMAR["repository"]["subparagraph-marker"]["match"])
    lark = lark_terminal("SUB_MARKER")
    for written in ["(a)", "(b)", "(z)", "(aa)", "(aaa)", "(ii)", "(iii)", "(viii)", "(#)", "(A)", "(1)", "(a",
                    "a)", "(a)b", "(a).", "(iv) ", "(ivxlcivxl)"]:
        for indent in ("", "  ", "\t"):
            text = indent + written + " words"
            theirs = lark.match("\n" + text)
            mine = ours.match(text)
            assert bool(mine) == bool(theirs), text
            if mine:
                assert mine.group(1) == theirs.group().strip(), text


@pytest.mark.parametrize("text", ["{#label}", "{#a .agreed}", "{#sovereignty .ad-ref +EU}", "{+G77}", "{-EU}",
                                  "{.closure}", "{ #x }", "{++EU: x++}", "{--", "{+ x}", "{#}", "{@ref}",
                                  "{.agreed", "{^note^}"])
def test_attribute_blocks_are_the_parsers(text):
    lark = lark_terminal("ATTRS")
    theirs = lark.match(text)
    mine = python_regex(paragraph_rule("operative")["begin"]).match("12. " + text + " words")
    assert bool(theirs) == bool(mine and mine.group(mine.re.groups)), text
    if theirs:
        assert mine.group(mine.re.groups) == theirs.group().strip()


@pytest.mark.parametrize("text", ["{@definition}", "{@a-b.c:d_e}", "{@1st}", "{@}", "{@ x}", "{@é}"])
def test_references_are_the_parsers(text):
    ours = python_regex(GRAMMAR["repository"]["reference"]["match"]).fullmatch(text)
    assert bool(ours) == bool(lark_terminal("REF").fullmatch(text)), text


@pytest.mark.parametrize("text", ["\\*", "\\_", "\\{", "\\[", "\\#", "\\\\", "\\/", "\\1", "\\:", "\\a", "\\é", "\\~"])
def test_escapes_are_the_parsers(text):
    ours = python_regex(GRAMMAR["repository"]["escape"]["match"]).fullmatch(text)
    assert bool(ours) == bool(lark_terminal("ESCAPE").fullmatch(text)), text
