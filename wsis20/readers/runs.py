"""Runs of text with their emphases -> inlines that the markup can hold: what
every reader of a format with styled runs (Akoma Ntoso spans, Word runs) shares.

A reader collects, in order, runs of ``(text or Ref, StylePath)`` and whole
inlines (footnotes, comments, changes, brackets), and ``built`` makes them
inlines: white space collapsed and kept out of emphasis it does not share,
emphases nested as the markup can write them (`*a***b**` would not read back).
"""

from __future__ import annotations

import re

from .. import ast
from ..source import Span

NOWHERE = Span(0, 0, 1, 1)  # the nodes made by a reader have no place in a .wsis source yet
_SPACES = re.compile(r"[ \t\r\n]+")  # XML's white space; no-break and narrow spaces are text

ATOMIC = (ast.Footnote, ast.Change, ast.Comment, ast.Bracket)  # inlines read whole, never inside emphasis
_STYLE_ORDER = ("bold", "italic", "underline")  # one element's styles, outermost first: ***both*** is bold(italic)
_STARS = ("bold", "italic")  # the emphases written with `*`, whose marks run together

# The emphases around a run, outermost first: one (element, its styles) a styling
# element, so that two runs in one element are told from two elements side by side.
StylePath = tuple[tuple[object, tuple[str, ...]], ...]


def with_styles(path: StylePath, element: object, styles: set[str]) -> StylePath:
    """``path`` with the styles of one more element inside it (those it adds)."""
    around = {style for _, group in path for style in group}
    group = tuple(style for style in _STYLE_ORDER if style in styles and style not in around)
    return path + ((element, group),) if group else path


def _styles(token) -> tuple[tuple[str, ...], ...]:
    """A run's emphases, whichever elements gave them."""
    if isinstance(token, ATOMIC) or not token[1]:  # most runs: as quickly as can be
        return ()
    return tuple(group for _, group in token[1])


def built(runs: list) -> tuple[ast.Inline, ...]:
    """Runs of text (and references) with the emphases around them, and whole
    inlines -> inlines the markup can hold: white space collapsed, stripped at
    both ends and kept out of any emphasis it does not share with the words
    beside it, and two different emphases never touching (`*a***b**` would not
    read back): they keep what they share."""
    tokens: list = []  # [text or Ref, StylePath] lists, and whole inlines
    for run in runs:
        if isinstance(run, ATOMIC) or isinstance(run[0], ast.Ref):
            tokens.append(run if isinstance(run, ATOMIC) else list(run))
        elif run[0]:
            tokens.append([_SPACES.sub(" ", run[0]), run[1]])
    merged: list = []
    for token in _spaces_out(tokens):
        last = merged[-1] if merged and not isinstance(merged[-1], ATOMIC) else None
        if isinstance(token, ATOMIC) or last is None:
            merged.append(token)
            continue
        value, path = token
        if isinstance(value, str) and isinstance(last[0], str) and last[0].endswith(" ") and value.startswith(" "):
            value = value[1:]  # one space where two meet
            if not value:
                continue
        styles, last_styles = _styles(token), _styles(last)
        if styles != last_styles and styles and last_styles and not _nested(styles, last_styles):
            shared = {style for group in styles for style in group} & {s for group in last_styles for s in group}
            path = last[1] = ((None, tuple(s for s in _STYLE_ORDER if s in shared)),) if shared else ()
            styles = last_styles = _styles(last)
        if styles == last_styles and isinstance(value, str) and isinstance(last[0], str):
            last[0] += value
        else:
            merged.append([value, path])
    while merged and isinstance(merged[0], list) and isinstance(merged[0][0], str) and not merged[0][0].strip():
        merged.pop(0)
    while merged and isinstance(merged[-1], list) and isinstance(merged[-1][0], str) and not merged[-1][0].strip():
        merged.pop()
    if merged and isinstance(merged[0], list) and isinstance(merged[0][0], str):
        merged[0][0] = merged[0][0].lstrip()
    if merged and isinstance(merged[-1], list) and isinstance(merged[-1][0], str):
        merged[-1][0] = merged[-1][0].rstrip()
    return tuple(_nest(merged, 0))


def _shared(path: tuple, other: tuple) -> tuple:
    """What two paths start with in common."""
    length = 0
    while length < min(len(path), len(other)) and path[length] == other[length]:
        length += 1
    return path[:length]


def _nested(styles: tuple, other: tuple) -> bool:
    """One run inside the other's emphasis (`**a *b* c**`): their emphases do not just touch."""
    return _shared(styles, other) in (styles, other)


def _spaces_out(tokens: list) -> list:
    """White space at the ends of a run in emphasis moves out of the elements
    it does not share with the run beside it, as the parser strips emphasis: no-break
    spaces too (`<span class="italic">Recalling </span>that` is `*Recalling* that`;
    in `**a *b* c**` the spaces stay bold)."""
    out: list = []
    for at, token in enumerate(tokens):
        if isinstance(token, ATOMIC) or not isinstance(token[0], str) or not token[1]:
            out.append(token)
            continue
        text, path = token
        before = () if at == 0 or isinstance(tokens[at - 1], ATOMIC) else tokens[at - 1][1]
        after = () if at + 1 == len(tokens) or isinstance(tokens[at + 1], ATOMIC) else tokens[at + 1][1]
        core = text.strip()
        if not core:
            out.append([text, _shared(path, _shared(before, after))])
            continue
        start = text.index(core)
        lead, trail = text[:start], text[start + len(core):]
        out += ([[lead, _shared(path, before)]] if lead else []) + [[core, path]] + \
            ([[trail, _shared(path, after)]] if trail else [])
    return out


def _nest(tokens: list, depth: int) -> list[ast.Inline]:
    """Runs in their emphases as a tree: those that share the emphasis at
    ``depth`` of their paths, one after the other, in one Emphasis."""
    nodes: list[ast.Inline] = []
    every = [_styles(token) for token in tokens]
    at = 0
    while at < len(tokens):
        token, styles = tokens[at], every[at]
        if len(styles) <= depth:
            value = token if isinstance(token, ATOMIC) else token[0]
            if isinstance(value, str) and nodes and isinstance(nodes[-1], ast.Text):
                nodes[-1] = ast.Text(NOWHERE, nodes[-1].value + value)
            elif value:
                nodes.append(ast.Text(NOWHERE, value) if isinstance(value, str) else value)
            at += 1
            continue
        end = at
        while end < len(tokens) and len(every[end]) > depth and every[end][depth] == styles[depth]:
            end += 1
        children = _nest(tokens[at:end], depth + 1)
        for style in reversed(styles[depth]):  # one element's styles: bold outermost
            children = [_emphasis(style, children)]
        nodes += children
        at = end
    return nodes


def _emphasis(style: str, children: list[ast.Inline]) -> ast.Emphasis:
    """An emphasis the markup can write: ***both*** is bold around italic alone,
    and an italic or bold inside the other at its very start or end (`*x**y***`)
    would not read back, so it gives up its own style there."""
    if style in _STARS and len(children) == 1 and isinstance(children[0], ast.Emphasis) \
            and children[0].style in _STARS and children[0].style != style:
        return ast.Emphasis(NOWHERE, "bold", (ast.Emphasis(NOWHERE, "italic", children[0].children),))
    for edge in (0, -1):
        while style in _STARS and children and isinstance(children[edge], ast.Emphasis) \
                and children[edge].style in _STARS:
            inner = list(children[edge].children)
            children = inner + children[1:] if edge == 0 else children[:-1] + inner
    merged: list[ast.Inline] = []
    for child in children:  # the words of an emphasis given up run into those beside them
        if isinstance(child, ast.Text) and merged and isinstance(merged[-1], ast.Text):
            merged[-1] = ast.Text(NOWHERE, merged[-1].value + child.value)
        else:
            merged.append(child)
    return ast.Emphasis(NOWHERE, style, tuple(merged))


def joined(parts: list[tuple[ast.Inline, ...]], separator: str = " ") -> tuple[ast.Inline, ...]:
    """Inline sequences one after the other, with `separator` between them."""
    runs: list = []
    for i, part in enumerate(parts):
        if i:
            runs.append((separator, ()))
        for node in part:
            runs += as_runs(node, ())
    return built(runs)


def as_runs(node: ast.Inline, path: StylePath) -> list:
    """An inline back as runs, for built to join with others."""
    match node:
        case ast.Emphasis():
            return [run for child in node.children for run in as_runs(child, with_styles(path, node, {node.style}))]
        case ast.Text() | ast.Ref():
            return [(node.value if isinstance(node, ast.Text) else node, path)]
    return [node]
