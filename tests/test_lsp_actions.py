"""wsisc lsp's code actions, driven over stdio as an editor drives them: quick fixes
from the diagnostics' fixes, accepting and rejecting proposals, fixing everything.
Each returned edit is applied here, by this file's own reading of LSP positions,
and the text that results is given to the server again."""

from __future__ import annotations

import os

import pytest

from conftest import EXAMPLE, ROOT
from lsp_client import Client

import pygls  # noqa: E402,F401  - the extra is part of `test`: missing, this fails loudly

URI = "file:///tmp/wsisc-actions/draft.wsis"


class Editor:
    """One open text in the server, as an editor keeps it."""

    def __init__(self, client: Client, text: str, uri: str = URI):
        self.client, self.text, self.uri, self.version = client, text, uri, 1
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "wsis", "version": 1,
                                                                "text": text}})
        self.diagnostics = client.diagnostics(uri, 1)

    def actions(self, start: tuple[int, int], end: tuple[int, int] | None = None, only=None,
                named: list[dict] | None = None) -> list[dict]:
        """The actions for a range; the context names the diagnostics it meets, or ``named``."""
        end = end or start
        context = {"diagnostics": named if named is not None else [
            d for d in self.diagnostics
            if (d["range"]["start"]["line"], d["range"]["start"]["character"]) <= end
            and start <= (d["range"]["end"]["line"], d["range"]["end"]["character"])]}
        if only is not None:
            context["only"] = only
        reply = self.client.request("textDocument/codeAction", {
            "textDocument": {"uri": self.uri},
            "range": {"start": {"line": start[0], "character": start[1]},
                      "end": {"line": end[0], "character": end[1]}},
            "context": context})
        assert "error" not in reply, reply
        return reply["result"] or []

    def apply(self, action: dict) -> str:
        """The action's edits applied; the server told of the new text, its diagnostics read."""
        (edits,) = action["edit"]["changes"].values()
        assert list(action["edit"]["changes"]) == [self.uri]
        self.text = applied(self.text, edits)
        self.version += 1
        self.client.notify("textDocument/didChange", {"textDocument": {"uri": self.uri, "version": self.version},
                                                      "contentChanges": [{"text": self.text}]})
        self.diagnostics = self.client.diagnostics(self.uri, self.version)
        return self.text

    def codes(self) -> list[str]:
        return [d["code"] for d in self.diagnostics]


def offset(text: str, line: int, character: int) -> int:
    """LSP's (line, UTF-16 unit) as an index into ``text``."""
    lines = text.split("\n")
    at = sum(len(x) + 1 for x in lines[:line])
    units = 0
    for c in lines[line]:
        if units >= character:
            break
        units += 2 if ord(c) > 0xFFFF else 1
        at += 1
    return at


def applied(text: str, edits: list[dict]) -> str:
    spans = [(offset(text, **e["range"]["start"]), offset(text, **e["range"]["end"]), e["newText"]) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def by_title(actions: list[dict], title: str) -> dict:
    (found,) = [a for a in actions if a["title"] == title]
    return found


@pytest.fixture
def client():
    c = Client()
    reply = c.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {}})
    assert reply["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"] == \
        ["quickfix", "source.acceptProposal", "source.rejectProposal", "source.fixAll"]
    c.notify("initialized", {})
    yield c
    if c.process.poll() is None:
        c.process.kill()
        c.process.wait()


def test_a_duplicate_number_is_fixed_from_the_editor(client):
    editor = Editor(client, "1. We act;\n\n1. We go.\n")
    found = editor.actions((2, 1))
    assert [(a["title"], a["kind"]) for a in found] == [
        ("Number it 1bis", "quickfix"), ("Write `#+.` and let wsisc number it", "quickfix")]
    # two ways to fix it: fix-all takes neither
    first = found[0]
    assert first["diagnostics"][0]["code"] == "duplicate-number"
    assert first["diagnostics"][0]["range"] == {"start": {"line": 2, "character": 0},
                                                "end": {"line": 2, "character": 2}}
    assert "isPreferred" not in first  # two ways to fix it: neither preferred
    assert first["edit"] == {"changes": {URI: [{"range": {"start": {"line": 2, "character": 0},
                                                          "end": {"line": 2, "character": 2}},
                                                "newText": "1bis."}]}}
    assert editor.apply(first) == "1. We act;\n\n1bis. We go.\n"
    assert editor.codes() == []


def test_the_fixes_of_the_diagnostics_the_editor_names_away_from_the_cursor(client):
    """Neovim asks with the cursor anywhere on a paragraph's long line and names the
    line's diagnostics: their fixes are offered though the cursor is not on them."""
    editor = Editor(client, "1. We act;\n\n1. We go on and on.\n")
    (duplicate,) = [d for d in editor.diagnostics if d["code"] == "duplicate-number"]
    assert duplicate["range"]["start"] == {"line": 2, "character": 0}
    assert [a["title"] for a in editor.actions((2, 12), only=["quickfix"], named=[])] == []
    found = editor.actions((2, 12), only=["quickfix"], named=[duplicate])
    assert [a["title"] for a in found] == ["Number it 1bis", "Write `#+.` and let wsisc number it"]
    assert editor.apply(found[0]) == "1. We act;\n\n1bis. We go on and on.\n"
    # a diagnostic named with a range the server never published (stale, or another tool's) is not fixed
    stale = {**duplicate, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 2}}}
    editor.text, editor.version = "1. We act;\n\n1. We go on and on.\n", editor.version + 1
    client.notify("textDocument/didChange", {"textDocument": {"uri": editor.uri, "version": editor.version},
                                             "contentChanges": [{"text": editor.text}]})
    editor.diagnostics = client.diagnostics(editor.uri, editor.version)
    assert editor.actions((2, 12), only=["quickfix"], named=[stale]) == []


def test_positions_count_utf16_units(client):
    """A character outside the BMP counts two units before the doubled space."""
    editor = Editor(client, "1. We \U0001D11E  act.\n")
    assert editor.codes() == ["doubled-space"]
    (fix,) = editor.actions((0, 9), only=["quickfix"])
    assert fix["title"] == "Keep one space" and fix["isPreferred"] is True
    (edit,) = fix["edit"]["changes"][URI]
    assert edit["range"] == {"start": {"line": 0, "character": 8}, "end": {"line": 0, "character": 10}}
    assert editor.apply(fix) == "1. We \U0001D11E act.\n"
    assert editor.codes() == []


def test_only_the_diagnostics_in_the_range_and_the_kinds_asked(client):
    editor = Editor(client, "1. We act act,\n\n2. We  go.\n")
    assert sorted(editor.codes()) == ["doubled-space", "doubled-word", "punctuation"]
    assert [a["title"] for a in editor.actions((0, 7), only=["quickfix"])] == ["Write 'act' once"]
    assert [a["title"] for a in editor.actions((0, 6), (2, 6), only=["quickfix"])] == \
        ["Write 'act' once", "Write `;` in place of `,`", "Keep one space"]
    assert [a["kind"] for a in editor.actions((0, 7), only=["source"])] == ["source.fixAll"]
    every = by_title(editor.actions((0, 0)), "Fix all auto-fixable problems")
    assert editor.apply(every) == "1. We act;\n\n2. We go.\n"
    assert editor.codes() == []


def test_fix_all_writes_no_placeholder(client):
    """An undeclared author's one fix writes "..." for a name: fix-all leaves it to the drafter."""
    editor = Editor(client, "1. We {++US: all++} act  now,\n")
    assert sorted(editor.codes()) == ["doubled-space", "punctuation", "unknown-author"]
    every = by_title(editor.actions((0, 0)), "Fix all auto-fixable problems")
    assert editor.apply(every) == "1. We {++US: all++} act now.\n"
    assert editor.codes() == ["unknown-author"]
    (declare,) = editor.actions((0, 7), only=["quickfix"])
    assert editor.apply(declare) == '---\nauthors:\n  US: "..."\n---\n\n1. We {++US: all++} act now.\n'
    assert editor.codes() == []


def test_declaring_an_author_from_the_zero_draft(client):
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[76].startswith("19. We {~~NW: recognise~>note~~}")
    lines[76] = lines[76].replace("{~~NW:", "{~~US:")
    editor = Editor(client, "\n".join(lines))
    assert "unknown-author" in editor.codes()
    at = lines[76].index("US")
    (declare,) = editor.actions((76, at), only=["quickfix"])
    assert declare["title"] == "Declare US under authors" and declare["isPreferred"] is True
    assert declare["edit"]["changes"][URI] == [{"range": {"start": {"line": 16, "character": 0},
                                                          "end": {"line": 16, "character": 0}},
                                                "newText": '  US: "..."\n'}]
    after = editor.apply(declare).split("\n")
    assert after[11:17] == ["authors:", '  ПW: "Reviewer ПW (Russian Federation)"',
                            '  NW: "Reviewer NW (Russian Federation)"', '  TIW: "Reviewer TIW (Russian Federation)"',
                            '  u: "Reviewer u (Russian Federation)"', '  US: "..."']
    assert after[17] == "---"
    assert "unknown-author" not in editor.codes()


def test_accepting_and_rejecting_a_change_in_the_zero_draft(client):
    text = EXAMPLE.read_text(encoding="utf-8")
    editor = Editor(client, text)
    line = text.split("\n")[76]
    cursor = (76, line.index("recognise~>"))
    found = editor.actions(cursor)
    titles = [a["title"] for a in found]
    assert titles == ["Accept this proposal", "Reject this proposal",
                      "Accept all of NW's proposals in this paragraph",
                      "Reject all of NW's proposals in this paragraph", "Fix all auto-fixable problems"]
    assert [a["kind"] for a in found[:4]] == ["source.acceptProposal", "source.rejectProposal"] * 2
    accepted = applied(text, by_title(found, "Accept this proposal")["edit"]["changes"][URI])
    assert accepted.split("\n")[76].startswith("19. We note the work of the United Nations Group")
    rejected = editor.apply(by_title(found, "Reject this proposal"))
    assert rejected.split("\n")[76].startswith("19. We recognise the work of the United Nations Group")
    assert rejected.replace("19. We recognise", "19. We {~~NW: recognise~>note~~}", 1) == text
    assert len(editor.diagnostics) == len(Editor(client, text, "file:///tmp/wsisc-actions/again.wsis").diagnostics)


def test_all_of_one_delegations_proposals_in_a_paragraph(client):
    text = EXAMPLE.read_text(encoding="utf-8")
    editor = Editor(client, text)
    line = text.split("\n")[46]
    assert line.startswith("5. We recognise")
    found = editor.actions((46, 3))  # on the paragraph's words, no change under the cursor
    assert [a["title"] for a in found][:2] == ["Accept all of ПW's proposals in this paragraph",
                                               "Reject all of ПW's proposals in this paragraph"]
    accepted = applied(text, found[0]["edit"]["changes"][URI]).split("\n")[46]
    assert "due to inter alia financial, technical" in accepted
    assert accepted.endswith("participation by developing and least developed countries.")
    rejected = editor.apply(found[1]).split("\n")[46]
    assert "processes due to financial, technical, and institutional constraints." in rejected
    assert rejected.endswith("full and effective participation by developing countries.")
    assert "{" not in rejected
    assert "doubled-space" not in editor.codes()


def test_a_paragraph_proposed_as_new_or_for_deletion(client):
    text = ("---\nauthors: {RU: R, EU: E}\n---\n\n1. We act;\n\n2. {+RU .agreed} We add {++EU: more++} words:\n"
            "  (a) here {--RU: now--};\n  (b) there;\n\n3. {-EU} We go.\n")
    editor = Editor(client, text)
    assert editor.codes() == []
    new = editor.actions((6, 1))
    assert [a["title"] for a in new] == [
        "Accept this proposal", "Reject this proposal",
        "Accept all of RU's proposals in this paragraph", "Reject all of RU's proposals in this paragraph",
        "Accept all of EU's proposals in this paragraph", "Reject all of EU's proposals in this paragraph"]
    assert applied(text, new[0]["edit"]["changes"][URI]) == text.replace("{+RU .agreed}", "{.agreed}")
    assert applied(text, new[1]["edit"]["changes"][URI]) == \
        "---\nauthors: {RU: R, EU: E}\n---\n\n1. We act;\n\n3. {-EU} We go.\n"
    assert applied(text, new[2]["edit"]["changes"][URI]) == \
        text.replace("{+RU .agreed}", "{.agreed}").replace("here {--RU: now--};", "here;")
    # its own proposal rejected, the paragraph goes, changes and all: one edit
    assert len(new[3]["edit"]["changes"][URI]) == 1
    deletion = editor.actions((10, 0))
    assert [a["title"] for a in deletion][:2] == ["Accept this proposal", "Reject this proposal"]
    assert applied(text, deletion[0]["edit"]["changes"][URI]) == text[:text.index("\n\n3.")] + "\n"
    kept = editor.apply(deletion[1])
    assert kept == text.replace("3. {-EU} We go.", "3. We go.")
    assert editor.codes() == []


def test_a_change_inside_an_emphasis_keeps_its_formatting(client):
    text = "---\nauthors: {RU: R}\n---\n\n1. We {~~RU: **strongly** urge~>*call on*~~} all.\n"
    editor = Editor(client, text)
    assert editor.codes() == []
    found = editor.actions((4, 12))
    assert applied(text, by_title(found, "Accept this proposal")["edit"]["changes"][URI]) == \
        "---\nauthors: {RU: R}\n---\n\n1. We *call on* all.\n"
    assert editor.apply(by_title(found, "Reject this proposal")) == \
        "---\nauthors: {RU: R}\n---\n\n1. We **strongly** urge all.\n"
    assert editor.codes() == []


def test_nothing_to_do_is_an_empty_answer(client):
    editor = Editor(client, "1. We act.\n")
    assert editor.actions((0, 3)) == []
