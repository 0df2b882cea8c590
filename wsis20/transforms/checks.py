"""Checks on a negotiation-numbered document: each reports, suggests, and moves on.

A check never changes the document; it yields diagnostics. ``CHECKS`` lists
them in the order they run.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from .. import ast
from ..diagnostics import Diagnostic, Edit, Fix, Related, make, replace_with, same_name
from ..languages import NAMES, RIGHT_TO_LEFT, punctuation
from ..numbers import MAX_RANK, Number, sub_label
from ..source import SourceFile
from ..walk import Scope, inlines, paragraphs, plain_text, scopes, subparagraphs, text_runs
from .numbering import PARTS, number_text
from .references import cited_annex


def check_numbers(doc: ast.Document) -> Iterator[Diagnostic]:
    """Duplicates (with the suffix that would be right), numbers out of order,
    skipped suffixes and gaps, for the preamble and the operative part apart,
    in the body and in each annex apart."""
    for scope in scopes(doc):
        yield from _check_scope_numbers(scope, cited_annex(scope.label, len(doc.annexes)) if scope.index else "")


def _check_scope_numbers(scope: Scope, annex: str) -> Iterator[Diagnostic]:
    """``annex``: "annex I" for the paragraphs of an annex, "" for the body's."""
    in_annex, of_annex = (f" in {annex}", f" of {annex}") if annex else ("", "")
    style = scope.front.preamble_numbering
    numbered = [b for b in scope.blocks if isinstance(b, ast.Paragraph)]
    for part in PARTS:
        def show(number: Number, part: ast.Part = part) -> str:
            return number_text(part, number, style)

        seen: dict[Number, ast.Paragraph] = {}
        used = {p.number for p in numbered if p.part == part and p.number is not None}
        previous: Number | None = None  # the number before, as it would be once fixed
        before: ast.Paragraph | None = None  # the paragraph before, in this part

        def how_numbered(other: ast.Paragraph | None) -> tuple[Related, ...]:
            """Where a number nobody wrote came from: an automatic marker."""
            if other is None or other.marker.kind == "explicit":
                return ()
            return (Related(other.marker.span, f"`{other.marker.written}` numbered this paragraph "
                                                f"{show(other.number)}"),)

        for paragraph in numbered:
            if paragraph.part != part or paragraph.number is None:
                continue
            number, span = paragraph.number, paragraph.marker.span
            automatic = paragraph.marker.kind != "explicit"
            if number in seen:
                right = _next_free(previous, number, used)
                used.add(right)
                insert = f"{'PP' if part == 'preamble' else ''}#+."
                fixes = (*_renumbered(paragraph.marker, show(number), show(right)),
                         replace_with(span, insert, f"Write `{insert}` and let wsisc number it"))
                yield make("duplicate-number", f"paragraph number {show(number)} is already used{in_annex}", span,
                           related=(Related(seen[number].marker.span, f"{show(number)} is first used here"),
                                    *how_numbered(seen[number])),
                           hints=(f"number it {show(right)}, or write `{insert}` and let wsisc number it",),
                           fixes=fixes if not automatic else ())
                previous, before = right, paragraph
                continue
            seen[number] = paragraph
            if previous is not None and number < previous and not automatic:
                yield make("number-order", f"paragraph {show(number)} comes after {show(previous)}", span,
                           related=how_numbered(before),
                           hints=("paragraph numbers must increase through the document",))
            elif number.rank > 1 and not automatic:
                expected = Number(number.base, number.rank - 1)
                if previous is None or (previous.base, previous.rank) < (expected.base, expected.rank):
                    if previous is not None and previous.base == number.base:
                        right = show(Number(number.base, previous.rank + 1))
                        yield make("skipped-suffix",
                                   f"{show(number)} follows {show(previous)}: {show(expected)} is missing", span,
                                   hints=(f"number it {right}",),
                                   fixes=_renumbered(paragraph.marker, show(number), right))
                    else:
                        before = f"follows {show(previous)}" if previous else "opens the part"
                        yield make("skipped-suffix",
                                   f"{show(number)} {before}, but there is no paragraph {show(Number(number.base))}",
                                   span)
            elif previous is not None and number.rank == 1 and number.base > previous.base + 1:
                missing = Number(previous.base + 1)
                between = show(missing) if number.base == previous.base + 2 else \
                    f"{show(missing)} to {show(Number(number.base - 1))}"
                yield make("number-gap", f"paragraph numbers jump from {show(previous)} to {show(number)}: "
                           f"{between} missing", span)
            elif previous is None and number.rank == 1 and number.base > 1:
                yield make("number-gap", f"the {'preamble' if part == 'preamble' else 'operative part'}{of_annex} "
                           f"starts at {show(number)}, not {show(Number(1))}", span)
            previous, before = number, paragraph


def _renumbered(marker: ast.Marker, number: str, right: str) -> tuple[Fix, ...]:
    """"Number it 103quater": the marker as written, its number replaced (none when
    the marker does not spell the number as cited: a `#.`, `103 ter.`)."""
    if marker.kind != "explicit" or not marker.written.startswith(number):
        return ()
    return (replace_with(marker.span, right + marker.written[len(number):], f"Number it {right}"),)


def _next_free(previous: Number | None, number: Number, used: set[Number]) -> Number:
    """The suffix a duplicated number should have: the next free one after the
    paragraph before it (after 103ter comes 103quater)."""
    base = previous.base if previous is not None and previous.base == number.base else number.base
    rank = previous.rank + 1 if previous is not None and previous.base == base else 2
    while Number(base, rank) in used and rank < MAX_RANK:
        rank += 1
    return Number(base, min(rank, MAX_RANK))


def check_sub_labels(doc: ast.Document) -> Iterator[Diagnostic]:
    """An explicit sub-paragraph label should be the next one at its level."""
    def walk(subs: tuple[ast.SubParagraph, ...]) -> Iterator[Diagnostic]:
        expected = 1
        for sub in subs:
            if not sub.marker.automatic:
                if sub.marker.ordinal != expected:
                    right = sub_label(sub.level, expected)
                    yield make("sub-label", f"expected {right} here, not {sub.marker.written}", sub.marker.span,
                               hints=(f"write `{right}`, write `(#)` and let wsisc label it, "
                                      "or indent it further to nest it under the one before",),
                               fixes=(replace_with(sub.marker.span, right),
                                      replace_with(sub.marker.span, "(#)", "Write `(#)` and let wsisc label it")))
                expected = (sub.marker.ordinal or expected) + 1
            else:
                expected += 1
            yield from walk(sub.children)

    for paragraph in paragraphs(doc):
        yield from walk(paragraph.subparagraphs)


def check_authors(doc: ast.Document, source: SourceFile | None = None) -> Iterator[Diagnostic]:
    """Every comment's, change's and proposal's author must be declared in the
    front matter's ``authors``. When the front matter could not be read, who is
    declared is unknown: its own error says so, once, instead of one error per
    comment."""
    if not doc.front.authors_read:
        return
    declared = [initials for initials, _ in doc.front.authors]
    declaring: dict[str, Fix | None] = {}
    authored = [(n.author, n.span) for n in inlines(doc) if isinstance(n, (ast.Comment, ast.Change))]
    authored += [(p.proposal.author, p.proposal.span) for p in paragraphs(doc) if p.proposal is not None]
    for author, span in authored:
        if author is None or author in declared:
            continue
        hints = [f"declare it in the front matter: `authors: {{{author}: <delegation name>}}`"
                 + (f" (declared: {', '.join(declared)})" if declared else "")]
        if author not in declaring:
            declaring[author] = declare_author(source, author) if source is not None else None
        fixes = [declaring[author]] if declaring[author] is not None else []
        slip = same_name(author, declared)
        if slip is not None:
            hints.insert(0, f"did you mean `{slip}`? {_spelling(author, slip)}")
            written = _author_at(source, span, author) if source is not None else None
            if written is not None:
                fixes.insert(0, replace_with(written, slip))
        hints.append("write `\\:` after the first word if it is not an author")
        yield make("unknown-author", f"the author `{author}` is not declared", span, hints=tuple(hints),
                   fixes=tuple(fixes))


def _author_at(source: SourceFile, span, author: str):
    """Where the author's initials are written in a comment, change or proposal (``span``'s)."""
    at = source.text.find(author, span.start, span.end)
    return None if at < 0 else source.span(at, at + len(author))


# The front matter's `authors:` key: a block of `  XX: name` lines under it, or a
# one-line flow table `{EU: ..., RU: ...}`.
_AUTHORS_KEY = re.compile(r"^authors:[ \t]*(?P<flow>\{[^\n]*\})?[ \t]*(?:#[^\n]*)?$", re.MULTILINE)
_ENTRY = re.compile(r"^([ \t]+)\S[^\n]*$", re.MULTILINE)


def declare_author(source: SourceFile, author: str) -> Fix | None:
    """"Declare US under authors": a line `  US: "..."` added under the front
    matter's `authors:` (the key added, or a front matter, if there is none); the
    name is left for the drafter to write in place of "...". None where the front
    matter is not one this edit can be sure of."""
    import json

    text = source.text
    entry = f"{author}: {json.dumps('...')}"
    title = f"Declare {author} under authors"
    if not text.startswith("---\n"):
        return Fix(title, (Edit(source.span(0, 0), f"---\nauthors:\n  {entry}\n---\n\n"),), placeholder=True)
    close = re.compile(r"^---[ \t]*$", re.MULTILINE).search(text, 4)
    if close is None:
        return None
    front = text[:close.start()]
    key = _AUTHORS_KEY.search(front)
    if key is None:
        if re.search(r"^authors\s*:", front, re.MULTILINE):
            return None  # written in a form not handled here
        return Fix(title, (Edit(source.span(close.start(), close.start()), f"authors:\n  {entry}\n"),), placeholder=True)
    if key["flow"] is not None:
        brace = key.start("flow") + len(key["flow"]) - 1
        inside = key["flow"][1:-1].strip()
        return Fix(title, (Edit(source.span(brace, brace), (", " if inside else "") + entry),), placeholder=True)
    at, indent = key.end() + 1, "  "
    for line in _ENTRY.finditer(front, at):
        if line.start() != at:
            break
        indent = indent if at > key.end() + 1 else line.group(1)
        at = line.end() + 1
    first = _ENTRY.match(front, key.end() + 1)
    if first is not None:
        indent = first.group(1)
    return Fix(title, (Edit(source.span(at, at), f"{indent}{entry}\n"),), placeholder=True)


def _spelling(typed: str, declared: str) -> str:
    """How two names that look alike differ: their case, or their alphabets."""
    if typed.upper() == declared.upper():
        return "(the same letters in another case)"
    return f"(`{declared}` is written with {_script(declared)} letters, `{typed}` with {_script(typed)} ones)"


def _script(name: str) -> str:
    import unicodedata

    scripts = {unicodedata.name(c, "?").split()[0].capitalize() for c in name if c.isalpha() and not c.isascii()}
    return " and ".join(sorted(scripts)) or "Latin"


# ------------------------------------------------------------ editorial rules
# Warnings about the text's form; each can be switched off by its code, per
# file (``ignore:`` in the front matter) or per run (``--ignore``).

# Closing brackets and quotation marks (of any of the six languages) and spaces
# that may follow a paragraph's final mark: "... “the Agenda”." ends with ".".
_CLOSERS = "])\"'\u201d\u201c\u2019\u2018\u00bb\u300d\u300f\uff09\uff3d \u00a0\u202f\u2009\t\n" \
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # and direction marks, unseen


def _ending(nodes: tuple[ast.Inline, ...]) -> str:
    """The text's last character that is not a closing bracket or quote."""
    return plain_text(nodes).rstrip(_CLOSERS)[-1:]


def _last_text(nodes: tuple[ast.Inline, ...]) -> ast.Text | None:
    """The Text node the inlines end with, looking into a final emphasis."""
    while nodes:
        last = nodes[-1]
        if isinstance(last, ast.Text):
            return last
        if not isinstance(last, ast.Emphasis):
            return None
        nodes = last.children
    return None


def _mark_at(nodes: tuple[ast.Inline, ...], source: SourceFile, end: str) -> int | None:
    """Where, in the source, the final mark ``end`` of the inlines is written; None
    when it is not in their last text as written (an escape, a closing markup)."""
    text = _last_text(nodes)
    if text is None:
        return None
    written = source.text[text.span.start:text.span.end].rstrip(_CLOSERS)
    return text.span.start + len(written) - 1 if written.endswith(end) else None


def _title(hint: str) -> str:
    """A fix's title from the hint that says the same: "Write `;` in place of `.`"."""
    return hint[:1].upper() + hint[1:]


def _a(words: str) -> str:
    return ("an " if words[:1].lower() in "aeiou" else "a ") + words


def check_punctuation(doc: ast.Document, source: SourceFile) -> Iterator[Diagnostic]:
    """Preambular paragraphs end with a comma; operative paragraphs with a
    semicolon and the last with a full stop (in a resolution, and in a
    declaration: A/RES/78/3), or all with full stops in an outcome document
    (research/un-format.md 1.6); an introduction to sub-paragraphs ends with a
    colon, its items with semicolons. The body and each annex by their own
    document type, each with its own last paragraph. Each mark as the draft's
    language writes it (languages/punctuation.py): "," and ";" in English,
    "\u00a0;" in French, "،" and "؛" in Arabic, "，" "；" "。" "：" in Chinese."""
    for scope in scopes(doc):
        yield from _scope_punctuation(scope, source, doc.front.language)


def _scope_punctuation(scope: Scope, source: SourceFile, language: str) -> Iterator[Diagnostic]:
    """``language``: the file's; an annex is in the language of its document."""
    numbered = [b for b in scope.blocks if isinstance(b, ast.Paragraph)]
    operative = [p for p in numbered if p.part == "operative" and p.proposal is None]
    last = operative[-1] if operative else None
    kind = scope.front.document_type
    marks = punctuation.of(language)
    english = language == "en"
    # "a French operative paragraph"; in English as the rules always said it
    who = "" if english else NAMES.get(language, "") + " "

    @functools.cache
    def names(allowed: str) -> str:
        if english:
            return " or ".join({",": "a comma", ";": "a semicolon", ".": "a full stop", ":": "a colon"}[m]
                               for m in allowed)
        return " or ".join(punctuation.describe(punctuation.ending(marks, m)) for m in allowed)

    comma, semicolon, stop, colon = marks.comma, marks.semicolon, marks.full_stop, marks.colon
    # Which paragraph ends the text depends on the proposals still open after the
    # last agreed one: any of them may be last once they are decided.
    everything = [p for p in numbered if p.part == "operative"]
    open_end = everything[everything.index(last):] if last is not None else everything
    may_be_last = {id(p) for p in open_end} if len(open_end) > 1 else set()

    def expected(p: ast.Paragraph) -> tuple[str, str]:
        if p.part == "preamble":
            return comma + colon, _a(f"{who}preambular paragraph should end with {names(comma)}")
        if kind == "outcome":
            return stop, _a(f"{who}paragraph of an outcome document should end with {names(stop)}")
        if id(p) in may_be_last:
            return semicolon + stop, (_a(f"{who}paragraph that may end the text, depending on the proposed "
                                         f"paragraphs after it, should end with {names(semicolon + stop)}"))
        if kind == "declaration":
            if p is last:
                return stop, f"the last paragraph of {_a(who + 'declaration')} should end with {names(stop)}"
            return semicolon, _a(f"{who}numbered paragraph of a declaration should end with {names(semicolon)}")
        if p is last:
            return stop, f"the last {who}operative paragraph should end with {names(stop)}"
        return semicolon, _a(f"{who}operative paragraph of a resolution should end with {names(semicolon)}")

    def wrong(nodes, span, allowed: str, rule: str, code: str) -> Diagnostic | None:
        end = _ending(nodes)
        if not end:
            return None
        if end in allowed:
            return spaced(nodes, end, rule, code)
        at = (nodes[-1].span if nodes else span).end
        mark = None if end.isalnum() else _mark_at(nodes, source, end)
        where = source.span(mark, mark + 1) if mark is not None else source.span(max(0, at - 1), at)
        found = "but has no final punctuation" if end.isalnum() else f"not {end!r}"
        right = punctuation.ending(marks, allowed[0])
        if end.isalnum() or mark is None:
            hint = f"end it with `{right}`"
            fixes = (Fix(f"End it with `{right}`", (Edit(source.span(at, at), right),)),) if end.isalnum() else ()
        else:  # the wrong mark, to write over: a fix an editor can apply
            hint = f"write `{right}` in place of `{end}`"
            if right != allowed[0]:
                hint += f" ({punctuation.describe(right)})"
            fixes = (replace_with(where, right, _title(hint)),)
        return make(code, f"{rule}, {found}", where, hints=(hint,), fixes=fixes)

    def spaced(nodes, end: str, rule: str, code: str) -> Diagnostic | None:
        """The space a language writes before its mark (French: a no-break space before ";" and ":")."""
        if not marks.space or end not in (semicolon, colon):
            return None
        text = plain_text(nodes).rstrip(_CLOSERS)
        before = text[-2:-1]
        if before == marks.space:
            return None
        mark = _mark_at(nodes, source, end)
        if mark is None:
            return None
        right = marks.space + end
        if before.isspace() or (before and unicodedata.category(before) == "Zs"):
            found = f"not {punctuation.describe(before + end)}"
            # the space to write over, when the source has it right before the mark
            if mark and source.text[mark - 1] == before:
                where, wrote = source.span(mark - 1, mark + 1), before + end
            else:
                where, wrote = source.span(mark, mark + 1), end
        else:
            found, where, wrote = f"not {end!r} alone", source.span(mark, mark + 1), end
        rule = rule.replace(" should end with ", " ends with ")
        hint = f"write `{right}` ({punctuation.describe(right)}) in place of `{wrote}`"
        return make(code, f"{rule}, {found}", where, hints=(hint,), fixes=(replace_with(where, right, _title(hint)),))

    intro = _a(f"{who}introduction to sub-paragraphs should end with {names(colon)}")
    item = _a(f"{who}sub-paragraph should end with {names(semicolon)}")
    preamble_item = _a(f"{who}sub-paragraph of a preambular paragraph should end with {names(comma)}")
    blocks = scope.blocks
    for position, p in enumerate(blocks):
        if not isinstance(p, ast.Paragraph) or p.part == "text" or not p.content:
            continue
        allowed, rule = expected(p)
        # A paragraph that introduces quoted text (an amendment, a statute's article,
        # written as unnumbered text after it) ends with a colon: A/RES/78/248, paragraph 14.
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if isinstance(following, ast.Paragraph) and following.part == "text":
            allowed += colon
        if not p.subparagraphs:
            if (d := wrong(p.content, p.span, allowed, rule, "punctuation")) is not None:
                yield d
            continue
        if (d := wrong(p.content, p.span, colon, intro, "intro-colon")) is not None:
            yield d
        # The items of a preambular paragraph end with commas (A/RES/78/228: "(b) To help
        # Member States ...,"), or semicolons; those of an operative one with semicolons.
        if stop not in allowed and len(p.subparagraphs) > 1 and \
                all(_ending(sub.content) == stop and not sub.children for sub in p.subparagraphs):
            # Every item ends with a full stop, though the paragraph does not end the text:
            # a list of titles, not of clauses (an agenda, A/RES/78/223 paragraph 11:
            # "(a) Opening of the Congress.", in all six languages).
            continue
        if p.part == "preamble":
            between, said = comma + semicolon + colon, preamble_item
        else:
            between, said = semicolon + colon, item
        yield from _items(p.subparagraphs, allowed, rule, wrong, intro, said, between)


def _items(subs, allowed, rule, wrong, intro, item, between) -> Iterator[Diagnostic]:
    colon = between[-1]
    for index, sub in enumerate(subs):
        final = index == len(subs) - 1
        if sub.children:
            if (d := wrong(sub.content, sub.span, colon, intro, "intro-colon")) is not None:
                yield d
            yield from _items(sub.children, allowed if final else between, rule, wrong, intro, item, between)
        elif (d := wrong(sub.content, sub.span, allowed if final else between,
                         rule if final else item, "punctuation")) is not None:
            yield d


_DOUBLED_SPACE = re.compile(r"(?<=\S)  +(?=\S)")
_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)


def check_doubled(doc: ast.Document, source: SourceFile) -> Iterator[Diagnostic]:
    """Doubled spaces and doubled words, in the source as written; not the words the
    draft's language doubles by its grammar (French "nous nous félicitons")."""
    grammatical = punctuation.DOUBLED_WORDS.get(doc.front.language, frozenset())
    for node in inlines(doc):
        if not isinstance(node, ast.Text):
            continue
        written = source.text[node.span.start:node.span.end]
        if "  " in written:
            for m in _DOUBLED_SPACE.finditer(written):
                start = node.span.start + m.start()
                where = source.span(start, start + len(m.group()))
                yield make("doubled-space", "two spaces between words", where, hints=("keep one space",),
                           fixes=(replace_with(where, " ", "Keep one space"),))
        # A quick look for two equal neighbours first; only then find where.
        words = written.lower().split()
        if any(a == b or a == b.rstrip(".,;:!?)]\"'") for a, b in zip(words, words[1:], strict=False)):
            for m in _DOUBLED_WORD.finditer(written):
                word, again = m.group(1), m.group()[-len(m.group(1)):]
                if word.isdigit() or word.lower() in grammatical:
                    continue
                if len(word) == 1 and word != again:  # parts of a resolution: "75/254 A a C" (A to C)
                    continue
                start = node.span.start + m.start()
                where = source.span(start, start + len(m.group()))
                yield make("doubled-word", f"the word {m.group(1)!r} is doubled", where,
                           hints=(f"write {m.group(1)!r} once",),
                           fixes=(replace_with(where, m.group(1), f"Write {m.group(1)!r} once"),))


def _paragraph_runs(doc: ast.Document) -> Iterator[tuple[ast.Text, ...]]:
    """The text runs of each paragraph and of each of its sub-paragraphs, apart."""
    for paragraph in paragraphs(doc):
        yield tuple(text_runs(paragraph.content))
        for sub in subparagraphs(paragraph.subparagraphs):
            yield tuple(text_runs(sub.content))


def check_quotes(doc: ast.Document, source: SourceFile) -> Iterator[Diagnostic]:
    """Quotation marks as the draft's language writes them (languages/punctuation.py):
    “ ” in English, Spanish and Chinese, « » in French (no-break spaces inside) and
    Russian, ” “ in Arabic; a straight quote or another language's marks is a warning
    with the mark to write in its place."""
    language = doc.front.language
    marks = punctuation.of(language)
    (opening, closing), inner = marks.quotes, marks.inner
    yours = {opening, closing, *inner}
    name = NAMES.get(language, "English")
    written = (f"{opening}…{closing}" + (" with no-break spaces inside" if marks.quote_space else "")
               + (f" ({inner[0]}…{inner[1]} inside them)" if inner[0] not in "\u2018\u2019" else ""))
    rule = f"{name} quotations are written {written}"
    # Foreign marks: any language's mark this one does not write; the apostrophe ’
    # and its fellow ‘ are never taken for quotes.
    foreign = punctuation.QUOTATION_MARKS - yours - {"\u2018", "\u2019"}
    watched = foreign | {punctuation.STRAIGHT_QUOTE, opening, closing}
    latin_quotes = language in RIGHT_TO_LEFT  # a quotation in Latin letters may keep “ ” as English has them
    pattern = re.compile("[" + re.escape("".join(sorted(watched))) + "]")
    for runs in _paragraph_runs(doc):
        texts = [source.text[run.span.start:run.span.end] for run in runs]
        found = [(k, m.start()) for k, text in enumerate(texts) for m in pattern.finditer(text)]
        if not found:
            continue

        def beside(k: int, i: int, step: int) -> tuple[str, int]:
            """The character before or after texts[k][i] and where it is written, across
            the paragraph's runs (a mark in one, the space beside it in the next)."""
            i += step
            while 0 <= k < len(texts):
                if 0 <= i < len(texts[k]):
                    return texts[k][i], runs[k].span.start + i
                k += step
                i = 0 if step > 0 else len(texts[k]) - 1 if 0 <= k < len(texts) else 0
            return "", -1

        depth, swapped, latin = 0, False, False
        for k, i in found:
            char, at = texts[k][i], runs[k].span.start + i
            if char == punctuation.STRAIGHT_QUOTE or char in foreign:
                # A straight quote opens or closes by where it stands; another
                # language's mark by what it does there (« opens, » closes).
                opens = depth == 0 if char == punctuation.STRAIGHT_QUOTE else char in "\u00ab\u201e\u300c\u300e"
                right = opening + marks.quote_space if opens else marks.quote_space + closing
                depth = depth + 1 if opens else max(0, depth - 1)
                what = "a straight quotation mark" if char == punctuation.STRAIGHT_QUOTE else \
                    f"{char!r} is not {_a(name)} quotation mark"
                hint = f"write `{right}`" + (f" ({punctuation.describe(right)})" if marks.quote_space else "") \
                    + f" in place of `{char}`"
                yield make("quotes", f"{what}: {rule}", source.span(at, at + 1), hints=(hint,),
                           fixes=(replace_with(source.span(at, at + 1), right, _title(hint)),))
                continue
            if opening == closing:
                continue
            if latin:  # inside a quotation in Latin letters: its ” closes it
                latin = char != opening
                continue
            if char == opening and not (swapped and depth):
                depth += 1
                after = beside(k, i, 1)
                if marks.quote_space and after[0] != marks.quote_space:
                    yield _quote_space(source, at, after, char, marks, rule, after=True)
            elif depth == 0 and char == closing and closing == "\u00bb":
                # « » nested at a quotation's start share one « in Russian («Зеленое»
                # финансирование ...», A/RES/78/189): a » with none open is no slip.
                continue
            elif depth == 0 and latin_quotes and beside(k, i, 1)[0].isascii() and beside(k, i, 1)[0].isalpha():
                # A title in Latin letters quoted as English writes it, inside Arabic text
                # (“Piracy and Armed Robbery against Ships Report”, A/RES/78/69).
                latin = True
            elif char == opening or depth == 0:
                # The marks the wrong way round (“…” in Arabic, ”…“ in English):
                # each of the pair, to write the other way.
                opens = depth == 0
                right = opening if opens else closing
                hint = f"write `{right}` in place of `{char}`"
                yield make("quotes", f"{char!r} {'opens' if opens else 'closes'} a quotation: {rule}",
                           source.span(at, at + 1), hints=(hint,),
                           fixes=(replace_with(source.span(at, at + 1), right, _title(hint)),))
                depth += 1 if opens else -1
                swapped = depth > 0
            else:
                depth -= 1
                before = beside(k, i, -1)
                if marks.quote_space and before[0] != marks.quote_space:
                    yield _quote_space(source, at, before, char, marks, rule, after=False)


def _quote_space(source: SourceFile, at: int, beside: tuple[str, int], mark: str, marks, rule: str, *,
                 after: bool) -> Diagnostic:
    """A French « or » without its no-break space inside: the fix replaces the space
    there (an ordinary or a narrow one) or adds one."""
    space = marks.quote_space
    right = mark + space if after else space + mark
    char, where = beside
    next_to = where == (at + 1 if after else at - 1)
    if char and (char.isspace() or unicodedata.category(char) == "Zs") and next_to:
        start, end = (at, at + 2) if after else (at - 1, at + 1)
        wrote, found = (mark + char if after else char + mark), punctuation.describe(char)
    else:
        start, end, wrote, found = at, at + 1, mark, "no space"
    side = "after" if after else "before"
    hint = f"write `{right}` ({punctuation.describe(right)}) in place of `{wrote}`"
    return make("quotes", f"{found} {side} {mark!r}: {rule}", source.span(start, end), hints=(hint,),
                fixes=(replace_with(source.span(start, end), right, _title(hint)),))


_EMPHASIS_MARKS = {"italic": "*", "bold": "**", "bold italic": "***"}


def _opening_style(node: ast.Inline) -> str | None:
    """"italic", "bold" or "bold italic" for an opening in emphasis; None otherwise."""
    if not isinstance(node, ast.Emphasis) or node.style == "underline":
        return None
    if node.style == "bold" and len(node.children) == 1 and isinstance(node.children[0], ast.Emphasis) \
            and node.children[0].style == "italic" and node.children[0].span == node.span:
        return "bold italic"
    return node.style


def check_openings(doc: ast.Document, source: SourceFile) -> Iterator[Diagnostic]:
    """A preambular or operative paragraph's opening words in emphasis ("*Reaffirming*")
    as the draft's language prints them (languages/punctuation.py): italic in English,
    French, Spanish and Russian, bold in Chinese (which prints no italics), bold italic
    in Arabic; and in a script with capitals, the first letter as the language writes
    it: "Reaffirming", "Réaffirmant", "Reafirmando", but "подтверждая" and "призывает"
    in Russian. Openings not in emphasis (an outcome document's "We reaffirm") are no
    matter for this rule."""
    language = doc.front.language
    marks = punctuation.of(language)
    name = NAMES.get(language, "English")
    for paragraph in paragraphs(doc):
        if paragraph.part == "text" or not paragraph.content:
            continue
        first = paragraph.content[0]
        style = _opening_style(first)
        if style is None or len(paragraph.content) == 1:  # all in emphasis: a heading, not an opening
            continue
        written = source.text[first.span.start:first.span.end]
        mark = _EMPHASIS_MARKS[style]
        if style != marks.opening_style and written.startswith(mark) and written.endswith(mark):
            words = written[len(mark):len(written) - len(mark)]
            right = _EMPHASIS_MARKS[marks.opening_style]
            yield make("opening", f"{_a(name)} paragraph's opening words are {marks.opening_style}, not {style}",
                       first.span, hints=(f"write `{right}{words}{right}` in place of `{written}`",),
                       fixes=(replace_with(first.span, f"{right}{words}{right}",
                                           f"Write the opening words {marks.opening_style}"),))
            continue
        if not marks.cased:
            continue
        runs = list(text_runs(first.children))
        if not runs:
            continue
        run = runs[0]
        word_source = source.text[run.span.start:run.span.end]
        match = re.search(r"\w+", word_source)
        if match is None or not match.group()[0].isalpha():
            continue
        word = match.group()
        upper = word[0].isupper()
        if upper == (marks.opening_case == "upper") or (upper and word.isupper()):  # an acronym: as it is
            continue
        right = (word[0].upper() if marks.opening_case == "upper" else word[0].lower()) + word[1:]
        start = run.span.start + match.start()
        case = "a capital" if marks.opening_case == "upper" else "a small letter"
        example = {"ru": " (\u00abподтверждая\u00bb, \u00abпостановляет\u00bb)"}.get(language, "")
        yield make("opening", f"{_a(name)} paragraph's opening word starts with {case}{example}",
                   source.span(start, start + len(word)), hints=(f"write `{right}` in place of `{word}`",),
                   fixes=(replace_with(source.span(start, start + len(word)), right,
                                       f"Write `{right}` in place of `{word}`"),))


CHECKS = (check_numbers, check_sub_labels)
SOURCE_CHECKS = (check_authors, check_punctuation, check_quotes, check_openings, check_doubled)
# The codes --ignore and the front matter's ``ignore:`` may switch off: warnings only.
RULES = ("punctuation", "intro-colon", "quotes", "opening", "doubled-space", "doubled-word", "empty-paragraph", "number-gap",
         "roman-marker",
         "marker-in-paragraph", "sub-label", "sub-indent", "unknown-key", "curly-quotes", "adopted-only")


def run_checks(doc: ast.Document, source: SourceFile | None = None) -> list[Diagnostic]:
    found = [d for check in CHECKS for d in check(doc)]
    if source is not None:
        found += [d for check in SOURCE_CHECKS for d in check(doc, source)]
    else:  # the authors are checked all the same, without the fixes that edit the source
        found += check_authors(doc)
    return found
