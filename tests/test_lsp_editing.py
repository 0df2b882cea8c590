"""wsisc lsp: completion and formatting, asked of the real server over stdio as an
editor asks (tests/lsp_client.py), on the zero draft and on small texts."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

import pytest

from conftest import EXAMPLE, ROOT
from lsp_client import Client

import pygls  # noqa: E402,F401 - the extra is part of `test`: missing, this module fails loudly

from wsis20.lsp.draft import OpenDraft  # noqa: E402
from wsis20.walk import inlines  # noqa: E402
from wsis20 import ast  # noqa: E402

ZERO = EXAMPLE.read_text(encoding="utf-8")
URI = "file:///tmp/editing.wsis"


@pytest.fixture
def client():
    c = Client()
    reply = c.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {}})
    c.capabilities = reply["result"]["capabilities"]
    c.notify("initialized", {})
    yield c
    if c.process.poll() is None:
        c.process.kill()
        c.process.wait()


def open_text(client: Client, text: str, uri: str = URI) -> None:
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "wsis", "version": 1,
                                                            "text": text}})
    client.diagnostics(uri, 1)  # compiled: what follows reads the same draft


def complete(client: Client, line: int, character: int, uri: str = URI) -> list[dict]:
    reply = client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                       "position": {"line": line, "character": character}})
    result = reply["result"]
    return result["items"] if isinstance(result, dict) else result


def edit(line: int, start: int, end: int, text: str) -> dict:
    return {"range": {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}},
            "newText": text}


def brief(items: list[dict], *keys: str) -> list[tuple]:
    return [tuple(item.get(key) for key in ("label", *keys)) for item in items]


def apply(text: str, edits: list[dict]) -> str:
    """The editor's side: edits (ranges in the original text, UTF-16 columns) applied from the last."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: dict) -> int:
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        units, at = 0, 0
        while at < len(line) and units < position["character"]:
            units += 2 if ord(line[at]) > 0xFFFF else 1
            at += 1
        return min(starts[position["line"]], len(text)) + at

    for change in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                         reverse=True):
        start, end = offset(change["range"]["start"]), offset(change["range"]["end"])
        text = text[:start] + change["newText"] + text[end:]
    return text


def test_initialize_advertises_completion_with_its_trigger_characters_and_formatting(client):
    assert client.capabilities["completionProvider"]["triggerCharacters"] == ["@", ".", ">", "+", "-", "~", "#"]
    assert client.capabilities["documentFormattingProvider"] is True


# ----------------------------------------------------------------- markers


def test_a_new_block_in_the_zero_draft_is_offered_the_markers_with_the_number_each_would_take(client):
    """After 103, 103bis and 103ter (three `#+.`), a new block: `#+.` would be
    103quater; `#.` would be 104, which the paragraph written `104.` below has."""
    lines = ZERO.split("\n")
    assert lines[284].startswith("#+. We also") and lines[286].startswith("#+. We recognise that in the era")
    text = "\n".join(lines[:286] + ["#+", ""] + lines[286:])
    open_text(client, text)
    items = complete(client, 286, 2)
    assert brief(items, "detail", "sortText", "filterText", "textEdit") == [
        ("#+.", "#+. (103quater here)", "0000", "#+.", edit(286, 0, 2, "#+. ")),
        ("#.", "#. (104 here)", "0001", "#.", edit(286, 0, 2, "#. ")),
    ]
    assert items[0]["documentation"] == "A paragraph inserted after 103ter: 103quater."
    assert items[1]["documentation"] == ("The next paragraph after 103ter: 104. 104 is already used in the body: "
                                         "the draft would have it twice.")

    # What the detail says is what the compiler numbers once the item is taken.
    for item, number in ((items[0], "103quater"), (items[1], "104")):
        taken = apply(text, [item["textEdit"]]).replace("\n#+. \n", "\n#+. New words.\n").replace(
            "\n#. \n", "\n#. New words.\n")
        draft = OpenDraft.of(URI, taken)
        placed = draft.paragraph_at(draft.offset((286, 0)))
        assert placed.paragraph.num == number

    # The median time of a completion on the 84 KB draft, as the editor waits for it.
    times = []
    for _ in range(20):
        started = time.perf_counter()
        complete(client, 286, 2)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"\ncompletion on the zero draft: median of 20 {median * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")
    assert median < 0.5


def test_in_the_preamble_the_preambular_markers_come_first_with_letters_as_the_draft_numbers_them(client):
    lines = ZERO.split("\n")
    assert lines[20].startswith("A. We, the Ministers") and lines[22].startswith("B. *Recalling*")
    text = "\n".join(lines[:22] + ["PP", ""] + lines[22:])
    open_text(client, text)
    assert brief(complete(client, 22, 2), "detail", "textEdit") == [
        ("PP#+.", "PP#+. (Abis here)", edit(22, 0, 2, "PP#+. ")),
        ("PP#.", "PP#. (B here)", edit(22, 0, 2, "PP#. ")),  # B. is written below: last
        ("#.", "#. (1 here)", edit(22, 0, 2, "#. ")),
    ]


def test_markers_are_offered_only_where_a_block_starts(client):
    text = "1. *Decides* to meet;\n#\n\n# Heading\n#\n\n2. *Requests* a report.\n\n\n"
    open_text(client, text)
    assert complete(client, 1, 1) == []  # the line continues paragraph 1
    assert brief(complete(client, 4, 1), "detail", "textEdit") == [  # after a heading line: a block
        ("#+.", "#+. (1bis here)", edit(4, 0, 1, "#+. ")),
        ("#.", "#. (2 here)", edit(4, 0, 1, "#. ")),
    ]
    assert brief(complete(client, 8, 0), "detail") == [("#+.", "#+. (2bis here)"), ("#.", "#. (3 here)")]
    assert complete(client, 6, 0) == []  # a marker is there already
    assert complete(client, 3, 0) == []  # a heading is


# ----------------------------------------------------------------- labels

LABELLED = """\
---
authors:
  EU: European Union
  G77: Group of 77 and China
---

A. *Recalling* its resolution 70/125,

1. {#first} *Decides* to hold a high-level meeting on the review in 2025 with the participation of all stakeholders;

2. *Requests* the Secretary-General:
  (a) {#report} To submit a report;
  (b) To publish it;

3. *Decides* to consider the report referred to in paragraph {@re and {@}

---
annex: Annex
name: outcome
title: Outcome of the meeting
---

1. {#annex-one} We reaffirm our commitment.

2. We recall paragraph {@
"""


def test_labels_after_an_at_sign_with_the_number_a_reference_prints_here(client):
    open_text(client, LABELLED)
    line = LABELLED.split("\n").index(next(x for x in LABELLED.split("\n") if x.startswith("3. ")))
    column = LABELLED.split("\n")[line].index("{@re") + 4
    items = complete(client, line, column)
    assert brief(items, "detail", "documentation", "textEdit") == [
        ("first", "1", "Decides to hold a high-level meeting on the review in 2025 with …",  # 12 words
         edit(line, column - 2, column, "first}")),
        ("report", "2 (a)", "To submit a report;", edit(line, column - 2, column, "report}")),
        ("outcome", "the annex", "Annex Outcome of the meeting", edit(line, column - 2, column, "outcome}")),
        ("annex-one", "1 of the annex", "We reaffirm our commitment.", edit(line, column - 2, column, "annex-one}")),
    ]
    # `{@}` with its closing brace typed already: the label goes in, no second brace.
    closed = LABELLED.split("\n")[line].index("{@}") + 2
    assert [i["textEdit"] for i in complete(client, line, closed)][:1] == [edit(line, closed, closed, "first")]
    # From inside the annex, its own paragraph is cited without the annex.
    last = len(LABELLED.split("\n")) - 2
    inside = complete(client, last, len(LABELLED.split("\n")[last]))
    assert brief(inside, "detail") == [("first", "1"), ("report", "2 (a)"), ("outcome", "the annex"),
                                       ("annex-one", "1")]

    # The detail is what the compiler prints for the reference once the label is taken.
    for item in items:
        taken = apply(LABELLED, [item["textEdit"]]).replace("{@}", "")
        refs = [n for n in inlines(OpenDraft.of(URI, taken).document) if isinstance(n, ast.Ref)]
        assert [(r.label, r.target) for r in refs][0] == (item["label"], item["detail"])


# ----------------------------------------------------------------- authors and statuses

AUTHORED = """\
---
authors:
  EU: European Union
  G77: Group of 77 and China
---

1. *Decides* to hold a meeting {>> here;

2. {.ag} *Requests* {++E a report;

3. {#three +} *Invites* {~~ all~>each~~} States{--:old--};

4. Notes.
"""


def test_authors_where_initials_go_and_statuses_in_the_attribute_block(client):
    open_text(client, AUTHORED)
    comment = complete(client, 6, len("1. *Decides* to hold a meeting {>>"))
    assert brief(comment, "detail", "textEdit") == [
        ("EU", "European Union", edit(6, 34, 34, "EU: ")),
        ("G77", "Group of 77 and China", edit(6, 34, 34, "G77: ")),
    ]
    # The initials typed so far are replaced.
    insertion = complete(client, 8, len("2. {.ag} *Requests* {++E"))
    assert [i["textEdit"] for i in insertion] == [edit(8, 23, 24, "EU: "), edit(8, 23, 24, "G77: ")]
    # A substitution, with spaces after the opening; a deletion whose colon is written already.
    substitution = complete(client, 10, len("3. {#three +} *Invites* {~~ "))
    assert [i["textEdit"] for i in substitution] == [edit(10, 28, 28, "EU: "), edit(10, 28, 28, "G77: ")]
    deletion = complete(client, 10, len("3. {#three +} *Invites* {~~ all~>each~~} States{--"))
    assert [i["textEdit"] for i in deletion] == [edit(10, 50, 50, "EU"), edit(10, 50, 50, "G77")]
    # A whole paragraph proposed: the initials alone, no colon.
    proposal = complete(client, 10, len("3. {#three +"))
    assert brief(proposal, "detail", "textEdit") == [("EU", "European Union", edit(10, 12, 12, "EU")),
                                                     ("G77", "Group of 77 and China", edit(10, 12, 12, "G77"))]

    statuses = complete(client, 8, len("2. {.ag"))
    assert brief(statuses, "detail", "textEdit") == [
        ("pending", "the default: no status shown", edit(8, 5, 7, "pending")),
        ("agreed", "Agreed", edit(8, 5, 7, "agreed")),
        ("ad-ref", "Agreed ad ref.", edit(8, 5, 7, "ad-ref")),
        ("closure", "Suggested for closure", edit(8, 5, 7, "closure")),
        ("reopened", "Reopened", edit(8, 5, 7, "reopened")),
    ]
    # A full stop that ends a sentence offers nothing.
    assert complete(client, 12, len("4. Notes.")) == []


# ----------------------------------------------------------------- front matter

FRONT = """\
---
title: Outcome
l
language: e
stage: a
ignore: [quotes, do]
---

1. Text.

---
annex: Annex
name: outcome
t
document_type:\x20
---

1. Text.
"""


def test_front_matter_keys_not_given_yet_and_the_values_of_closed_sets(client):
    open_text(client, FRONT)
    keys = complete(client, 2, 1)
    # The keys in the order fmt writes them (docs/markup.md), less those given.
    assert [i["label"] for i in keys] == [
        "symbol", "organ", "session", "committee", "agenda", "agenda_title", "sponsor", "short_title", "date",
        "distribution", "original", "job_number", "resolution", "adopted", "meeting", "report",
        "without_reference", "document_type", "preamble_numbering", "formula", "logo", "authors"]
    assert keys[0]["textEdit"] == edit(2, 0, 1, "symbol: ")
    assert keys[0]["documentation"] == "document symbol"  # the comment in docs/markup.md's example
    assert [i["textEdit"]["newText"] for i in keys][-1] == "authors: "

    assert brief(complete(client, 3, len("language: e")), "detail", "textEdit") == [
        ("en", "English", edit(3, 10, 11, "en")), ("fr", "French", edit(3, 10, 11, "fr")),
        ("es", "Spanish", edit(3, 10, 11, "es")), ("ru", "Russian", edit(3, 10, 11, "ru")),
        ("ar", "Arabic", edit(3, 10, 11, "ar")), ("zh", "Chinese", edit(3, 10, 11, "zh"))]
    stage = complete(client, 4, len("stage: a"))
    assert brief(stage, "textEdit") == [("adopted", edit(4, 7, 8, "adopted"))]
    ignore = complete(client, 5, len("ignore: [quotes, do"))
    assert [i["label"] for i in ignore] == [
        "punctuation", "intro-colon", "quotes", "opening", "doubled-space", "doubled-word", "empty-paragraph",
        "number-gap", "roman-marker", "marker-in-paragraph", "sub-label", "sub-indent", "unknown-key",
        "curly-quotes", "adopted-only"]
    assert ignore[4]["textEdit"] == edit(5, 17, 19, "doubled-space")
    assert ignore[4]["documentation"] == "two spaces between words"

    # An annex block takes its own keys; its description is the one in the table of "Annexes".
    annex_keys = complete(client, 13, 1)
    assert brief(annex_keys, "textEdit") == [("title", edit(13, 0, 1, "title: ")),
                                             ("original", edit(13, 0, 1, "original: ")),
                                             ("preamble_numbering", edit(13, 0, 1, "preamble_numbering: ")),
                                             ("formula", edit(13, 0, 1, "formula: "))]
    assert annex_keys[0]["documentation"] == "printed bold under the label"
    assert brief(complete(client, 14, len("document_type: ")), "textEdit") == [
        ("resolution", edit(14, 15, 15, "resolution")), ("decision", edit(14, 15, 15, "decision")),
        ("outcome", edit(14, 15, 15, "outcome")), ("declaration", edit(14, 15, 15, "declaration"))]


# ----------------------------------------------------------------- formatting


def fmt_subprocess(text: str, tmp_path) -> tuple[int, str]:
    path = tmp_path / "draft.wsis"
    path.write_text(text, encoding="utf-8", newline="")
    result = subprocess.run([sys.executable, "-m", "wsis20", "fmt", str(path)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    return result.returncode, path.read_text(encoding="utf-8")


def format_request(client: Client, uri: str = URI) -> list[dict]:
    reply = client.request("textDocument/formatting", {"textDocument": {"uri": uri},
                                                       "options": {"tabSize": 4, "insertSpaces": True}})
    return reply["result"]


def untidy(text: str) -> str:
    """The zero draft as written by hand: markers spelt loosely, a paragraph over
    three lines, blank lines doubled, a key out of its order."""
    text = text.replace("\n3bis. ", "\n3 bis. ").replace("\n20bis. ", "\nOP20bis. ")
    text = text.replace("\n7. We note that the widespread availability of the Internet has transformed",
                        "\n7. We note that the widespread availability\nof the Internet has transformed")
    text = text.replace("\n\n# Introduction\n\n", "\n\n\n\n# Introduction\n\n\n")
    text = text.replace("organ: General Assembly\nsession: 80\n", "session: 80\norgan: General Assembly\n")
    return text


def test_formatting_gives_the_edits_that_make_what_fmt_writes(client, tmp_path):
    text = untidy(ZERO)
    assert text != ZERO
    open_text(client, text)
    started = time.perf_counter()
    edits = format_request(client)
    elapsed = time.perf_counter() - started
    print(f"\nformatting the zero draft: {elapsed * 1000:.0f} ms, {len(edits)} edits")
    code, expected = fmt_subprocess(text, tmp_path)
    assert code == 0
    assert apply(text, edits) == expected
    # Minimal: only the lines fmt changes, not the whole text.
    assert [(e["range"]["start"]["line"], e["range"]["end"]["line"]) for e in edits] == [
        (1, 1), (2, 3),  # organ before session: one line in, one out
        (34, 36), (38, 39),  # the blank lines doubled around "# Introduction" (of two, the second goes)
        (45, 46), (53, 55), (84, 85)]  # 3 bis., the paragraph over two lines, OP20bis.
    assert all(e["range"]["start"]["character"] == e["range"]["end"]["character"] == 0 for e in edits)
    assert elapsed < 5.0

    # Formatted already: no edit.
    client.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                             "contentChanges": [{"text": ZERO}]})
    client.diagnostics(URI, 2)
    assert format_request(client) == []


def test_formatting_small_texts_matches_fmt_to_the_last_line(client, tmp_path):
    texts = [
        "1.   *Decides* to meet;\n\n\n2. *Requests*   a report.",  # no line end at the end
        "---\ntitle: T\nsymbol: A/1\n---\nA. *Recalling*,\n\n1 bis. x;\n\n  (a) y;\n  (#) z.\n",
        "",
    ]
    for number, text in enumerate(texts):
        uri = f"file:///tmp/small{number}.wsis"
        open_text(client, text, uri)
        code, expected = fmt_subprocess(text, tmp_path)
        assert code == 0
        assert apply(text, format_request(client, uri)) == expected


def test_a_text_fmt_refuses_gets_no_edit_and_a_message_saying_why(client, tmp_path):
    text = "1. *Decides* to meet {++EU: soon;\n\n2. *Requests* a report.\n\n"
    open_text(client, text)
    code, unchanged = fmt_subprocess(text, tmp_path)
    assert code != 0 and unchanged == text  # fmt refuses it too
    # The message comes before the reply (Client.request would pass over it).
    client.next_id += 1
    client.send({"id": client.next_id, "method": "textDocument/formatting",
                 "params": {"textDocument": {"uri": URI}, "options": {"tabSize": 4, "insertSpaces": True}}})
    message = client.wait(lambda m: m.get("method") == "window/showMessage")
    assert client.wait(lambda m: m.get("id") == client.next_id)["result"] == []
    assert message["params"]["type"] == 2  # a warning
    assert message["params"]["message"].startswith("wsisc fmt: not formatted: ")
    assert "(line 1, column 22)" in message["params"]["message"]
    assert message["params"]["message"].endswith("Fix the errors first.")
    # The server goes on serving.
    assert brief(complete(client, 4, 0), "detail") == [("#+.", "#+. (2bis here)"), ("#.", "#. (3 here)")]


def test_line_ends_and_a_byte_order_mark_stay_on_the_lines_fmt_leaves_alone(client, tmp_path):
    crlf = "1. a;\r\n\r\n2 bis. b;\r\n\r\n3. c.\r\n"
    open_text(client, crlf, "file:///tmp/crlf.wsis")
    edits = format_request(client, "file:///tmp/crlf.wsis")
    assert edits == [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 3, "character": 0}},
                      "newText": "2bis. b;\r\n"}]  # the file's own line end: no mixed line ends
    assert apply(crlf, edits) == fmt_subprocess(crlf, tmp_path)[1].replace("\n", "\r\n")

    bom = "\ufeff1.  a;\n\n2. b.\n"
    open_text(client, bom, "file:///tmp/bom.wsis")
    edits = format_request(client, "file:///tmp/bom.wsis")
    assert edits == [{"range": {"start": {"line": 0, "character": 1}, "end": {"line": 1, "character": 0}},
                      "newText": "1. a;\n"}]
    assert apply(bom, edits) == "\ufeff" + fmt_subprocess(bom, tmp_path)[1]
