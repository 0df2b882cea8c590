"""wsisc lsp: hover, go to definition, find references, rename, the outline and
folding, each asked of the real server over stdio (tests/lsp_client.py)."""

from __future__ import annotations

import os
import statistics
import time

import pytest

from conftest import EXAMPLE, ROOT
from lsp_client import Client

import pygls  # noqa: F401 - the extra is part of `test`: missing, this module fails loudly

ANNEXES = ROOT / "examples" / "annexes.wsis"

# Proposals of both kinds, a status, labels on a paragraph and a sub-paragraph,
# an undeclared author, and a character outside the BMP (two UTF-16 units)
# before the things asked about on lines 9 and 18.
SMALL = """\
---
authors:
  EU: European Union
  G77: Group of 77
  ПW: Russian Federation
---

# Cooperation

1. {#first} We \U0001D11E note {++EU: the role of ++}regional bodies.

2. {-EU .agreed} We {~~ПW: acknowledge~>recognize~~} the work
of the {==Commission==}{>>ПW: which one?<<}.

#. *Requests* the Secretary-General:
  (a) {#report} To submit a report{>>XX: unknown<<};
  (b) To publish the report referred to in paragraph {@report}.

#+. {+G77} We welcome the \U0001D11E report cited in paragraph {@first}.
"""
SMALL_URI = "file:///tmp/small.wsis"


def r(start_line, start_character, end_line, end_character) -> dict:
    return {"start": {"line": start_line, "character": start_character},
            "end": {"line": end_line, "character": end_character}}


class Server:
    """The server, initialized, with texts opened in it."""

    def __init__(self, capabilities: dict | None = None):
        self.client = Client()
        self.reply = self.client.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(),
                                                        "capabilities": capabilities or {}})
        self.client.notify("initialized", {})

    def open(self, uri: str, text: str) -> None:
        self.client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "wsis",
                                                                     "version": 1, "text": text}})
        self.client.diagnostics(uri, 1)

    def ask(self, method: str, uri: str, line: int | None = None, character: int | None = None, **more) -> dict:
        params = {"textDocument": {"uri": uri}, **more}
        if line is not None:
            params["position"] = {"line": line, "character": character}
        return self.client.request(method, params)

    def result(self, *args, **kwargs):
        reply = self.ask(*args, **kwargs)
        assert "error" not in reply, reply
        return reply["result"]

    def hover(self, uri: str, line: int, character: int) -> tuple[str, dict] | None:
        found = self.result("textDocument/hover", uri, line, character)
        if found is None:
            return None
        assert found["contents"]["kind"] == "markdown"
        return found["contents"]["value"], found["range"]

    def close(self) -> None:
        assert self.client.request("shutdown")["result"] is None
        self.client.notify("exit")
        assert self.client.process.wait(timeout=10) == 0


@pytest.fixture
def server():
    s = Server({"textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": True}}})
    yield s
    if s.client.process.poll() is None:
        s.client.process.kill()
        s.client.process.wait()


def test_the_server_advertises_what_it_answers(server):
    capabilities = server.reply["result"]["capabilities"]
    assert capabilities["hoverProvider"] is True
    assert capabilities["definitionProvider"] is True
    assert capabilities["referencesProvider"] is True
    assert capabilities["renameProvider"] == {"prepareProvider": True}
    assert capabilities["documentSymbolProvider"] is True
    assert capabilities["foldingRangeProvider"] is True
    server.close()


def test_hover_on_the_zero_draft_gives_numbers_in_each_view_authors_and_proposals(server):
    uri = EXAMPLE.as_uri()
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    server.open(uri, text)

    assert lines[284].startswith("#+. We also {~~u: acknowledge~>recognize~~}")
    assert server.hover(uri, 284, 1) == ("**Paragraph 103ter**\n\n103ter here; 112 in the clean view.",
                                         r(284, 0, 284, 3))
    assert server.hover(uri, 280, 2) == ("**Paragraph 103**\n\n103 here; 110 in the clean view.", r(280, 0, 280, 4))
    # The initials of a change: the delegation the front matter declares.
    assert server.hover(uri, 284, 15) == ("**`u`**: Reviewer u (Russian Federation)", r(284, 15, 284, 16))
    # Elsewhere in the change: who proposes what, and the words once accepted.
    assert server.hover(uri, 284, 30) == (
        "**Proposal by `u`, Reviewer u (Russian Federation)**: replace ‘acknowledge’ with ‘recognize’\n\n"
        "Accepted, it reads: “We also recognize that the processes of Internet governance …”",
        r(284, 12, 284, 43))
    # Plain words of a paragraph: nothing to say.
    assert server.hover(uri, 284, 6) is None
    # A preambular paragraph (letters) and its change's emphasis, in a comment's author on line 46.
    assert lines[24].startswith("C. {~~ПW: *Reaffirming*~>*Taking note*~~}")
    assert server.hover(uri, 24, 0) == ("**Preambular paragraph C**\n\nC here; C in the clean view.", r(24, 0, 24, 2))
    assert server.hover(uri, 24, 20)[0].startswith(
        "**Proposal by `ПW`, Reviewer ПW (Russian Federation)**: replace ‘Reaffirming’ with ‘Taking note’\n\n"
        "Accepted, it reads: “Taking note the Pact for the Future")
    deletion = lines[334].index("{--ПW:")
    value, where = server.hover(uri, 334, deletion + 10)
    assert where == r(334, deletion, 334, deletion + len("{--ПW: the Pact for the Future and--}"))
    assert value == ("**Proposal by `ПW`, Reviewer ПW (Russian Federation)**: delete ‘the Pact for the Future "
                     "and’\n\nAccepted, it reads: “… the 2030 Agenda for Sustainable Development, the Global "
                     "Digital Compact, building-synergies-between-them- to …”")
    comment = lines[334].index("{>>ПW:")
    assert server.hover(uri, 334, comment + 3) == ("**`ПW`**: Reviewer ПW (Russian Federation)",
                                                   r(334, comment + 3, 334, comment + 5))

    # Hover answers fast: the clean view is computed once per text, on the first hover.
    times = []
    for _ in range(20):
        started = time.perf_counter()
        assert server.hover(uri, 284, 1) is not None
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"\nhover on the zero draft: median {median * 1000:.1f} ms over 20 requests")
    assert median < 0.25
    server.close()


def test_hover_on_proposals_labels_references_and_sub_paragraphs(server):
    server.open(SMALL_URI, SMALL)
    hover = lambda line, character: server.hover(SMALL_URI, line, character)  # noqa: E731

    assert hover(9, 0) == ("**Paragraph 1**\n\n1 here; 1 in the clean view.", r(9, 0, 9, 2))
    assert hover(9, 5) == ("**Label `first`**: paragraph 1\n\nCited by 1 reference.", r(9, 5, 9, 10))
    # "1. {#first} We 𝄞 note " is 22 characters, 23 UTF-16 units: the change starts at 23.
    insertion = "**Proposal by `EU`, European Union**: insert ‘the role of ’\n\n" \
                "Accepted, it reads: “We \U0001D11E note the role of regional bodies.”"
    assert hover(9, 23) == (insertion, r(9, 23, 9, 45))
    assert hover(9, 44) == (insertion, r(9, 23, 9, 45))
    assert hover(9, 26) == ("**`EU`**: European Union", r(9, 26, 9, 28))
    assert hover(9, 45) is None  # just after the change

    assert hover(11, 1) == ("**Paragraph 2**\n\n2 here; dropped in the clean view.\n\nStatus: Agreed.\n\n"
                            "Proposed for deletion by `EU`, European Union.", r(11, 0, 11, 2))
    assert hover(11, 5) == ("**Proposed for deletion by `EU`, European Union**\n\n"
                            "Accepted, the paragraph is deleted (dropped in the clean view); rejected, it "
                            "stays as 2.", r(11, 4, 11, 7))
    assert hover(11, 40) == ("**Proposal by `ПW`, Russian Federation**: replace ‘acknowledge’ with ‘recognize’\n\n"
                             "Accepted, it reads: “We recognize the work of the Commission.”", r(11, 20, 11, 52))
    assert hover(12, 27) == ("**`ПW`**: Russian Federation", r(12, 26, 12, 28))  # a highlight's comment

    assert hover(14, 0) == ("**Paragraph 3**\n\n3 here; 2 in the clean view.", r(14, 0, 14, 2))
    assert hover(15, 3) == ("**Sub-paragraph 3 (a)**\n\n3 (a) here; 2 (a) in the clean view.", r(15, 2, 15, 5))
    assert hover(15, 38) == ("`XX` is not declared under `authors:` in the front matter.", r(15, 37, 15, 39))
    assert hover(16, 53) == ("**Paragraph 3 (a)** (2 (a) in the clean view)\n\nTo submit a report;", r(16, 53, 16, 62))

    assert hover(18, 0) == ("**Paragraph 3bis**\n\n3bis here; 3 in the clean view; dropped in the original view.\n\n"
                            "Proposed as a new paragraph by `G77`, Group of 77.", r(18, 0, 18, 3))
    assert hover(18, 6) == ("**Proposed as a new paragraph by `G77`, Group of 77**\n\n"
                            "Accepted, the paragraph stays as 3 in the clean view; rejected, it is dropped.\n\n"
                            "“We welcome the \U0001D11E report cited in paragraph 1.”", r(18, 5, 18, 9))
    # After the clef, one UTF-16 unit further than its characters.
    assert hover(18, 55) == ("**Paragraph 1**\n\nWe \U0001D11E note the role of regional bodies.", r(18, 55, 18, 63))
    assert hover(8, 0) is None and hover(7, 3) is None
    server.close()


def test_hover_in_annexes_says_which_annex(server):
    uri = ANNEXES.as_uri()
    server.open(uri, ANNEXES.read_text(encoding="utf-8"))
    assert server.hover(uri, 14, 1) == ("**Preambular paragraph 1**\n\n1 here; 1 in the clean view.", r(14, 0, 14, 4))
    assert server.hover(uri, 35, 0) == ("**Paragraph 1 of annex I**\n\n1 here; 1 in the clean view.", r(35, 0, 35, 2))
    assert server.hover(uri, 57, 0) == ("**Paragraph 1 of annex II**\n\n1 here; 1 in the clean view.",
                                        r(57, 0, 57, 2))
    assert server.hover(uri, 44, 3) == ("**Sub-paragraph 4 (a) of annex I**\n\n4 (a) here; 4 (a) in the clean view.",
                                        r(44, 2, 44, 5))
    assert server.hover(uri, 16, 75) == (
        "**Annex I**\n\nOutcome document of the high-level meeting of the General Assembly on the overall review "
        "of the implementation of the outcomes of the World Summit on the Information Society", r(16, 71, 16, 81))
    # From the body, a paragraph of annex II is cited with its annex; from its own annex, alone.
    venue = server.hover(uri, 18, 177)
    assert venue == ("**Paragraph 2 of annex II**\n\nAlso decides that the high-level meeting shall be held in "
                     "…", r(18, 175, 18, 183))
    assert server.hover(uri, 41, 110) == ("**Paragraph 2**\n\nWe recognize that digital divides remain between and "
                                          "within countries, …", r(41, 109, 41, 119))
    assert server.hover(uri, 22, 8) == ("**Label `outcome`**: annex I\n\nCited by 1 reference.", r(22, 6, 22, 13))
    server.close()


def test_definition_references_and_rename_of_labels(server):
    uri = ANNEXES.as_uri()
    server.open(uri, ANNEXES.read_text(encoding="utf-8"))
    ask = server.result

    # {@venue} on line 18 -> the label of paragraph 2 of annex II; {@outcome} -> annex I's name.
    assert ask("textDocument/definition", uri, 18, 177) == [{"uri": uri, "range": r(59, 5, 59, 10)}]
    assert ask("textDocument/definition", uri, 18, 183) == [{"uri": uri, "range": r(59, 5, 59, 10)}]  # after `}`
    assert ask("textDocument/definition", uri, 16, 72) == [{"uri": uri, "range": r(22, 6, 22, 13)}]
    assert ask("textDocument/definition", uri, 59, 6) == [{"uri": uri, "range": r(59, 5, 59, 10)}]
    assert ask("textDocument/definition", uri, 35, 5) is None  # not on a label

    context = {"includeDeclaration": True}
    assert ask("textDocument/references", uri, 59, 5, context=context) == [
        {"uri": uri, "range": r(18, 177, 18, 182)}, {"uri": uri, "range": r(59, 5, 59, 10)}]
    assert ask("textDocument/references", uri, 18, 178, context={"includeDeclaration": False}) == [
        {"uri": uri, "range": r(18, 177, 18, 182)}]
    assert ask("textDocument/references", uri, 22, 7, context=context) == [
        {"uri": uri, "range": r(16, 73, 16, 80)}, {"uri": uri, "range": r(22, 6, 22, 13)}]
    assert ask("textDocument/references", uri, 35, 5, context=context) == []

    assert ask("textDocument/prepareRename", uri, 41, 112) == {"range": r(41, 111, 41, 118),
                                                              "placeholder": "divides"}
    assert ask("textDocument/prepareRename", uri, 35, 5) is None
    assert ask("textDocument/rename", uri, 41, 112, newName="gaps") == {"changes": {uri: [
        {"range": r(37, 5, 37, 12), "newText": "gaps"}, {"range": r(41, 111, 41, 118), "newText": "gaps"}]}}
    # An annex's name is YAML: a word YAML would read as something else is quoted.
    assert ask("textDocument/rename", uri, 16, 75, newName="yes") == {"changes": {uri: [
        {"range": r(16, 73, 16, 80), "newText": "yes"}, {"range": r(22, 6, 22, 13), "newText": '"yes"'}]}}

    for name, message in (("2030", "`2030` is not a label name: a label starts with a letter and holds letters, "
                                   "digits, `-`, `_`, `.` and `:`"),
                          ("the venue", "`the venue` is not a label name: a label starts with a letter and holds "
                                        "letters, digits, `-`, `_`, `.` and `:`"),
                          ("outcome", "the label `outcome` is already used, on line 23: labels name one paragraph "
                                      "or annex each")):
        reply = server.ask("textDocument/rename", uri, 59, 5, newName=name)
        assert reply["error"] == {"code": -32803, "message": message}
    reply = server.ask("textDocument/rename", uri, 35, 5, newName="x")
    assert reply["error"]["message"] == ("only a label can be renamed: put the cursor on a `{#label}`, an annex's "
                                         "`name:` or a `{@reference}`")

    # Non-ASCII before a reference: UTF-16 units.
    server.open(SMALL_URI, SMALL)
    assert ask("textDocument/definition", SMALL_URI, 18, 60) == [{"uri": SMALL_URI, "range": r(9, 5, 9, 10)}]
    assert ask("textDocument/rename", SMALL_URI, 9, 6, newName="début") == {"changes": {SMALL_URI: [
        {"range": r(9, 5, 9, 10), "newText": "début"}, {"range": r(18, 57, 18, 62), "newText": "début"}]}}
    server.close()


def symbol(name, kind, range_, selection, detail=None, children=()):
    found = {"name": name, "kind": kind, "range": range_, "selectionRange": selection, "children": list(children)}
    if detail is not None:
        found["detail"] = detail
    return found


MODULE, NAMESPACE, STRING, NUMBER, ENUM_MEMBER = 2, 3, 15, 16, 22


def test_the_outline_of_a_draft_with_annexes(server):
    uri = ANNEXES.as_uri()
    server.open(uri, ANNEXES.read_text(encoding="utf-8"))
    outcome = ("Outcome document of the high-level meeting of the General Assembly on the overall review of the "
               "implementation of the outcomes of the World Summit on the Information Society")
    assert server.result("textDocument/documentSymbol", uri) == [
        symbol("PP1", NUMBER, r(14, 0, 14, 242), r(14, 0, 14, 4),
               "Recalling its resolution 70/125 of 16 December 2015, by which …"),
        symbol("1", NUMBER, r(16, 0, 16, 108), r(16, 0, 16, 2),
               "Adopts the outcome document of the high-level meeting, set out …"),
        symbol("2", NUMBER, r(18, 0, 18, 184), r(18, 0, 18, 2),
               "Decides to hold the next review in 2035, in accordance …"),
        symbol("Annex I", MODULE, r(20, 0, 49, 73), r(20, 0, 20, 3), outcome, [
            symbol("unnumbered text", STRING, r(27, 0, 27, 259), r(27, 0, 27, 259),
                   "We, the Ministers and heads of delegations participating in the …"),
            symbol("PP1", NUMBER, r(29, 0, 29, 202), r(29, 0, 29, 4),
                   "Recalling the outcome document of the high-level meeting of the …"),
            symbol("PP2", NUMBER, r(31, 0, 31, 171), r(31, 0, 31, 4),
                   "Reaffirming the Geneva Declaration of Principles and Plan of Action …"),
            symbol("I. Our shared vision", NAMESPACE, r(33, 0, 49, 73), r(33, 0, 33, 22), None, [
                symbol("1", NUMBER, r(35, 0, 35, 130), r(35, 0, 35, 2),
                       "We reaffirm our common desire and commitment to build a …"),
                symbol("2", NUMBER, r(37, 0, 37, 111), r(37, 0, 37, 2),
                       "We recognize that digital divides remain between and within countries, …"),
                symbol("Action 1. We will bridge digital divides.", NAMESPACE, r(39, 0, 45, 44), r(39, 0, 39, 45),
                       None, [
                           symbol("3", NUMBER, r(41, 0, 41, 120), r(41, 0, 41, 2),
                                  "We commit to connecting every person to the Internet by …"),
                           symbol("4", NUMBER, r(43, 0, 45, 44), r(43, 0, 43, 2),
                                  "We call upon all stakeholders to invest in affordable and …", [
                                      symbol("(a)", ENUM_MEMBER, r(44, 2, 44, 57), r(44, 2, 44, 5),
                                             "Expanding infrastructure in rural and remote areas;"),
                                      symbol("(b)", ENUM_MEMBER, r(45, 2, 45, 44), r(45, 2, 45, 5),
                                             "Lowering the cost of devices and data.")])]),
                symbol("Action 2. We will build the capacity of all.", NAMESPACE, r(47, 0, 49, 73),
                       r(47, 0, 47, 48), None, [
                           symbol("5", NUMBER, r(49, 0, 49, 73), r(49, 0, 49, 2),
                                  "We encourage the development of digital skills at every stage …")])])]),
        symbol("Annex II", MODULE, r(51, 0, 61, 108), r(51, 0, 51, 3), "Modalities of the review in 2035", [
            symbol("1", NUMBER, r(57, 0, 57, 130), r(57, 0, 57, 2),
                   "Decides that the review shall consist of a high-level meeting …"),
            symbol("2", NUMBER, r(59, 0, 59, 99), r(59, 0, 59, 2),
                   "Also decides that the high-level meeting shall be held in …"),
            symbol("3", NUMBER, r(61, 0, 61, 108), r(61, 0, 61, 2),
                   "Requests the President of the General Assembly to appoint two …")]),
    ]
    server.close()


def test_the_outline_of_the_zero_draft_and_its_speed(server):
    uri = EXAMPLE.as_uri()
    text = EXAMPLE.read_text(encoding="utf-8")
    server.open(uri, text)
    outline = server.result("textDocument/documentSymbol", uri)
    headings = [s["name"] for s in outline]
    assert headings == [line[2:] for line in text.split("\n") if line.startswith("# ")]
    governance = outline[headings.index("Internet governance")]
    assert governance["range"] == r(278, 0, 324, 356) and governance["selectionRange"] == r(278, 0, 278, 21)
    assert [p["name"] for p in governance["children"]] == [
        "103", "103bis", "103ter", "103quater", "103quinquies", "104", "104bis", "104ter", "104quater",
        *map(str, range(105, 119))]
    ter = governance["children"][2]
    assert ter == symbol("103ter", NUMBER, r(284, 0, 284, 265), r(284, 0, 284, 3),
                         "We also recognize that the processes of Internet governance and …")
    # Every paragraph of the draft is in the outline once, under its heading.
    numbered = [c["name"] for s in outline for c in s["children"]]
    assert len(numbered) == len(set(numbered)) == sum(
        1 for line in text.split("\n") if line[:1] in "#ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        and not line.startswith("# ") and ". " in line[:14])

    times = []
    for _ in range(20):
        started = time.perf_counter()
        server.result("textDocument/documentSymbol", uri)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"\ndocumentSymbol on the zero draft: median {median * 1000:.1f} ms over 20 requests")
    assert median < 0.5
    server.close()


def test_a_client_without_hierarchical_symbols_gets_a_flat_list():
    flat = Server()
    try:
        flat.open(SMALL_URI, SMALL)
        assert flat.result("textDocument/documentSymbol", SMALL_URI) == [
            {"name": name, "kind": kind, "location": {"uri": SMALL_URI, "range": where},
             **({"containerName": container} if container else {})}
            for name, kind, where, container in (
                ("Cooperation", NAMESPACE, r(7, 0, 18, 64), None),
                ("1", NUMBER, r(9, 0, 9, 61), "Cooperation"),
                ("2", NUMBER, r(11, 0, 12, 44), "Cooperation"),
                ("3", NUMBER, r(14, 0, 16, 63), "Cooperation"),
                ("(a)", ENUM_MEMBER, r(15, 2, 15, 52), "3"),
                ("(b)", ENUM_MEMBER, r(16, 2, 16, 63), "3"),
                ("3bis", NUMBER, r(18, 0, 18, 64), "Cooperation"))]
        flat.close()
    finally:
        if flat.client.process.poll() is None:
            flat.client.process.kill()


def test_folding_ranges(server):
    uri = ANNEXES.as_uri()
    server.open(uri, ANNEXES.read_text(encoding="utf-8"))
    folds = [(f["startLine"], f["endLine"]) for f in server.result("textDocument/foldingRange", uri)]
    # Front matter; annex I; its section I (to the annex's end); "Action 1." and its
    # paragraphs; paragraph 4 and its list of sub-paragraphs; "Action 2."; annex II.
    assert folds == [(0, 12), (20, 49), (33, 49), (39, 45), (43, 45), (44, 45), (47, 49), (51, 61)]

    server.open(SMALL_URI, SMALL + "\n#. Nested:\n  (a) One:\n    (i) x;\n    (ii) y;\n  (b) Two.\n")
    folds = [(f["startLine"], f["endLine"]) for f in server.result("textDocument/foldingRange", SMALL_URI)]
    # Front matter; the section; paragraph 2 over two lines; paragraph 3 and its list;
    # paragraph 4, its list, and the list inside (a).
    assert folds == [(0, 5), (7, 24), (11, 12), (14, 16), (15, 16), (20, 24), (21, 24), (22, 23)]
    server.close()


def test_every_position_gets_an_answer_or_none_never_an_error():
    """Hover, definition, references and rename asked at every position of the small
    texts (every seventh of the zero draft), and at a text that is not UTF-8: no
    exception, and every range given lies on the line it names."""
    from wsis20.lsp import navigation
    from wsis20.lsp.draft import OpenDraft

    texts = [(SMALL, 1), (ANNEXES.read_text(encoding="utf-8"), 1), (EXAMPLE.read_text(encoding="utf-8"), 7),
             ("1. {#a} x {@a} {++: y++} {--ZZ: z--} {>>: c<<}\n\n  (a) {#b}\n", 1)]
    for text, step in texts:
        draft = OpenDraft.of("file:///tmp/t.wsis", text)
        lines = text.split("\n")
        for line, words in enumerate(lines):
            for character in range(0, len(words) + 1, step):
                at = draft.offset((line, character))
                found = navigation.hover(draft, at)
                if found is not None:
                    assert found.range.start.line <= line <= found.range.end.line
                navigation.definition(draft, at)
                navigation.references(draft, at, True)
                if navigation.prepare_rename(draft, at) is not None:
                    assert navigation.rename(draft, at, "renamed").changes
    broken = OpenDraft("file:///tmp/b.wsis", "1. x\n", None,
                       __import__("wsis20.pipeline").pipeline.compile_document("b", b"1. \xff\n", view=None))
    assert broken.document is None and navigation.hover(broken, 0) is None
