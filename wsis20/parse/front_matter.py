"""The YAML front matter -> ``ast.FrontMatter``, with a line for every problem.

YAML is composed into nodes first (which keep their positions) and each value
is then built with the *safe* constructor, so no Python tag can run code and a
value of the wrong type is reported on its own line.
"""

from __future__ import annotations

import dataclasses
import datetime
import re

import yaml

from .. import ast
from ..diagnostics import Diagnostic, Related, closest, make, replace_with
from ..languages import CODES, DEFAULT, NAMES, code_for
from ..languages.masthead import ORGAN, meeting_line
from ..source import BIDI_CONTROLS, CONTROL_CHARACTERS, SourceFile, Span
from .blocks import RawFrontMatter

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TEXT_KEYS = ("symbol", "organ", "committee", "sponsor", "title", "short_title",
              "original", "job_number", "stage", "formula", "logo", "resolution", "report", "without_reference",
              "annex", "name")
CHOICES = {
    "document_type": ("resolution", "decision", "outcome", "declaration"),
    "preamble_numbering": ("letters", "pp", "none"),
    "distribution": ("General", "Limited", "Restricted"),
}
# An annex block's keys, in the order `wsisc fmt` writes them: its label, then as the file's.
ANNEX_KEYS = ("annex", "name", "title", "original", "document_type", "preamble_numbering", "formula")
_ANNEX_ONLY = ("annex", "name")
KEYS = (*(k for k in _TEXT_KEYS if k not in _ANNEX_ONLY), "session", "agenda", "date", *CHOICES, "authors",
        "ignore", "adopted", "meeting", "agenda_title", "language")
# The order `wsisc fmt` writes the keys in: the masthead's, top to bottom, as docs/markup.md lists them.
CANONICAL_ORDER = ("symbol", "organ", "session", "committee", "agenda", "agenda_title", "sponsor", "title",
                   "short_title", "date", "distribution", "original", "job_number", "stage", "resolution", "adopted",
                   "meeting", "report", "without_reference", "language", "document_type", "preamble_numbering",
                   "formula", "logo", "authors", "ignore")
assert sorted(CANONICAL_ORDER) == sorted(KEYS)
assert set(ANNEX_KEYS) <= set(KEYS) | set(_ANNEX_ONLY)

LOGO_TYPES = ("image/png", "image/jpeg", "image/gif")
MAX_LOGO_BYTES = 1024 * 1024  # a logo is a few kilobytes; a data: URL beyond this is refused
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")  # two letters or more: C:\ is a drive, not a scheme
# Raster images only: an SVG can hold a <use> bomb that no size limit bounds.
_DATA_URL = re.compile(r"data:(image/(?:png|jpeg|gif))(;base64)?,", re.IGNORECASE)


def logo_problem(value: str) -> str | None:
    """Why a `logo` value is refused without looking at any file, or None. A
    logo is a file inside the draft's own folder, or a small `data:` image."""
    if value.startswith("data:"):
        if not _DATA_URL.match(value):
            return "a `data:` logo must be a PNG, JPEG or GIF image (data:image/png;base64,...)"
        if len(value) > MAX_LOGO_BYTES * 4 // 3 + 64:
            return f"the `data:` logo is larger than {MAX_LOGO_BYTES // 1024} KB"
        return None
    scheme = _SCHEME.match(value)
    if scheme:
        return f"the logo must be a file in the draft's folder, not a `{scheme.group()}` URL"
    if value.startswith(("/", "\\", "~")) or re.match(r"[A-Za-z]:", value):
        return "the logo must be a file in the draft's folder, named relative to it, not an absolute path"
    if ".." in re.split(r"[/\\]", value):
        return "the logo must be a file in the draft's folder; `..` leads out of it"
    if not value.lower().endswith((".png", ".jpg", ".jpeg", ".gif")):
        return "the logo must be a PNG, JPEG or GIF image (.png, .jpg, .gif)"
    if len(value) > 255:
        return "the logo's file name is longer than any file system allows"
    return None


def parse_front_matter(source: SourceFile, raw: RawFrontMatter,
                       diagnostics: list[Diagnostic]) -> ast.FrontMatter:
    whole = source.span(0, raw.end_offset)
    if not raw.closed:
        diagnostics.append(make("front-matter", "the front matter opened with `---` is never closed",
                                source.span(0, 3), hints=("end it with a line `---`",)))
        return ast.FrontMatter(whole, authors_read=False)
    return _loaded(source, raw, whole, diagnostics, annex=False)[0]


def parse_annex_block(source: SourceFile, raw: RawFrontMatter,
                      diagnostics: list[Diagnostic]) -> tuple[ast.FrontMatter, frozenset[str] | None]:
    """An annex block (closed): its settings, and the keys it gives (None when
    its YAML cannot be read, so that which keys it gives is unknown)."""
    return _loaded(source, raw, source.span(raw.start, raw.end_offset), diagnostics, annex=True)


def _loaded(source: SourceFile, raw: RawFrontMatter, whole: Span, diagnostics: list[Diagnostic],
            annex: bool) -> tuple[ast.FrontMatter, frozenset[str] | None]:
    loader = _Loader(raw.text)
    try:
        return _read(source, raw, loader, whole, diagnostics, annex)
    finally:
        loader.dispose()


def _read(source: SourceFile, raw: RawFrontMatter, loader, whole: Span,
          diagnostics: list[Diagnostic], annex: bool) -> tuple[ast.FrontMatter, frozenset[str] | None]:
    what = "an annex block" if annex else "the front matter"
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        span = _mark_span(source, raw, mark) if mark else whole
        problem = getattr(exc, "problem", None) or str(exc)
        diagnostics.append(make("front-matter", f"{what} is not valid YAML: {problem}", span,
                                hints=_curly_quote_hints(raw.text, mark.line if mark else None)))
        return ast.FrontMatter(whole, authors_read=False), None
    if root is None:
        return ast.FrontMatter(whole), frozenset()
    if not isinstance(root, yaml.MappingNode):
        diagnostics.append(make("front-matter", f"{what} must be a list of `key: value` lines",
                                _node_span(source, raw, root)))
        return ast.FrontMatter(whole, authors_read=False), None

    values: dict[str, object] = {"span": whole}
    seen: dict[str, Span] = {}
    blank: set[str] = set()  # keys given with no value
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        key_span = _node_span(source, raw, key_node)
        if key in seen:
            diagnostics.append(make("front-matter", f"`{key}` is given twice", key_span,
                                    related=(Related(seen[key], "first given here"),),
                                    hints=("keep one; YAML would silently take the last",)))
            continue
        if key is not None:
            seen[key] = key_span
        known = ANNEX_KEYS if annex else KEYS
        if key not in known:
            diagnostics.append(_unknown_key(key, key_span, annex))
            continue
        span = _node_span(source, raw, value_node)
        if key == "authors" and isinstance(value_node, yaml.MappingNode):
            # Initials are text as written: YAML would read NO (Norway) or ON as booleans.
            value = {k.value: v.value for k, v in value_node.value
                     if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
            if len(value) != len(value_node.value):
                diagnostics.append(make("front-matter", "`authors` must be a table of `initials: name` lines",
                                        span))
                continue
        else:
            try:
                value = loader.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
                # ValueError: a date that does not exist (2025-02-30).
                problem = getattr(exc, "problem", None) or str(exc)
                diagnostics.append(make("front-matter", f"`{key}`: {problem}", span))
                continue
        if value is None or value == "":
            blank.add(key)
        hidden = _hidden_character(value)
        if hidden is not None:
            diagnostics.append(make("control-character", f"`{key}` holds the invisible character "
                                    f"U+{ord(hidden):04X} (a YAML escape?)", span,
                                    hints=("delete it; no masthead or author name needs it",)))
            continue
        if isinstance(value_node, yaml.ScalarNode) and not value_node.style:  # plain, not quoted
            quoted = _CURLY_QUOTED.match(value_node.value)
            if quoted:
                import json

                straight = json.dumps(value_node.value[1:-1], ensure_ascii=False)
                diagnostics.append(make("curly-quotes", f"`{key}` is wrapped in {_quote_name(quoted.group(1))}, "
                                        "which YAML keeps as part of the text", span,
                                        hints=(_straight_quotes_hint(key),),
                                        fixes=(replace_with(span, straight, "Use straight quotes"),)))
        converted = _convert(key, value, span, diagnostics)
        if converted is not None:
            values[key] = converted
            if key in ("logo", "name"):
                values[f"{key}_span"] = span
    if "authors" in seen and "authors" not in values:
        values["authors_read"] = False  # its error is reported; who is declared is unknown
    language = values.get("language", DEFAULT)
    if isinstance(values.get("meeting"), int):  # "63rd plenary meeting", in the draft's language
        values["meeting"] = meeting_line(language, values["meeting"])
    if not annex and "organ" not in values:  # the language's "General Assembly"
        values["organ"] = ORGAN[language]
    front = ast.FrontMatter(**values)
    if not annex:  # the adopted form is the file's: an annex block has none of its keys
        diagnostics.extend(_adopted_form_problems(front, seen, blank))
        if front.adopted_form and front.resolution and front.symbol is None and front.organ == ORGAN[front.language]:
            front = dataclasses.replace(front, symbol=f"A/RES/{front.resolution}")
    return front, frozenset(k for k in seen if isinstance(k, str))


# The adopted form's facts: what each tells, and an example, for the help.
_ADOPTED_FACTS = (
    ("resolution", "its number", "resolution: 78/212"),
    ("adopted", "the date of its adoption", "adopted: 2023-12-19"),
    ("meeting", "the meeting that adopted it", "meeting: 50th plenary meeting"),
)
_ORIGIN_KEYS = ("report", "without_reference")
# The agenda item's title prints in drafts too ("Agenda item 67 | Promotion and protection of the rights
# of children", research/un-format.md 1.2): it is not one of these.
ADOPTED_ONLY = ("resolution", "adopted", "meeting", "report", "without_reference")


def _adopted_form_problems(front: ast.FrontMatter, seen: dict[str, Span], blank: set[str]) -> list[Diagnostic]:
    """`stage: adopted` asks for what the adopted masthead and closing lines
    print: the number, the date, the meeting, and either the committee's report
    or "without reference to a Main Committee". A key whose value is wrong is
    reported already, so only a key never given (or given empty) is missing.
    Without that stage, the adopted form's keys print nothing: a warning says so."""
    found: list[Diagnostic] = []
    if not front.adopted_form:
        for key in ADOPTED_ONLY:
            if key in seen and key not in blank:
                found.append(make("adopted-only", f"`{key}` is printed only in the adopted form, and this "
                                  f"document's stage is {f'`{front.stage}`' if front.stage else 'not given'}",
                                  seen[key], hints=("write `stage: adopted` to print it as an adopted "
                                                    "resolution, or remove the key",)))
        return found
    stage = seen["stage"]

    def missing(key: str) -> bool:
        return key not in seen or key in blank

    for key, what, example in _ADOPTED_FACTS:
        if missing(key):
            found.append(make("adopted-form", f"an adopted resolution needs {what}: `{key}` is missing", stage,
                              hints=(f"add `{example}` to the front matter",)))
    given = [key for key in _ORIGIN_KEYS if not missing(key)]
    if not given:
        found.append(make("adopted-form", "an adopted resolution says how it reached the plenary: "
                          "`report` or `without_reference` is missing", stage,
                          hints=("on a Main Committee's report: `report: A/78/481/Add.2, para. 139`, "
                                 "with `committee: Third Committee`",
                                 "adopted in plenary on a draft: `without_reference: A/78/L.49`")))
    elif len(given) == 2:
        first, second = sorted(given, key=lambda key: seen[key].start)
        found.append(make("adopted-form", "`report` and `without_reference` are both given: a resolution is "
                          "adopted either on a committee's report or without reference to a Main Committee",
                          seen[second], related=(Related(seen[first], f"`{first}` is given here"),),
                          hints=("keep the one that applies",)))
    elif given == ["report"] and missing("committee"):
        found.append(make("adopted-form", "`report` needs `committee`: the Main Committee whose report it is",
                          seen["report"], hints=("add `committee: Third Committee`",)))
    return found


def _unknown_key(key: object, span: Span, annex: bool) -> Diagnostic:
    """A key the block does not take: misspelt, or one that belongs in the
    other kind of block (the file's front matter, or an annex block)."""
    if annex and key in KEYS:
        return make("unknown-key", f"`{key}` is set in the file's front matter, not in an annex block", span,
                    hints=(f"an annex block takes: {', '.join(ANNEX_KEYS)}",))
    if not annex and key in _ANNEX_ONLY:
        return make("unknown-key", f"`{key}` belongs in an annex block, not in the file's front matter", span,
                    hints=("an annex starts after the body with a block `---` / `annex: Annex I` / `---` "
                           "(docs/markup.md, \"Annexes\")",))
    known = ANNEX_KEYS if annex else KEYS
    close = closest(str(key), known)
    what = "annex-block" if annex else "front-matter"
    return make("unknown-key", f"unknown {what} key `{key}`", span,
                hints=(f"did you mean `{close}`?",) if close else (f"known keys: {', '.join(known)}",),
                fixes=(replace_with(span, close),) if close else ())


# Word's "smart quotes": YAML reads them as ordinary characters, not as quotes.
_CURLY = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
_CURLY_QUOTED = re.compile(f"([{_CURLY}]).*[{_CURLY}]\\Z", re.DOTALL)
_CURLY_VALUE = re.compile(f"^[ \\t]*([^:#\\s][^:]*?):[ \\t]+([{_CURLY}])", re.MULTILINE)


def _quote_name(char: str) -> str:
    import unicodedata

    return f"{char} (U+{ord(char):04X} {unicodedata.name(char, 'QUOTATION MARK')})"


def _straight_quotes_hint(key: str) -> str:
    return f"use straight quotes, which YAML reads as quotes: `{key}: \"...\"`"


def _curly_quote_hints(text: str, line: int | None) -> tuple[str, ...]:
    """A YAML error on a line whose value opens with a curly quote is nearly
    always that: the quote does not quote, so a colon inside the value breaks
    it. Only the error's own line is looked at: a curly quote elsewhere is not
    this error's cause."""
    lines = text.split("\n")
    m = _CURLY_VALUE.search(lines[line]) if line is not None and line < len(lines) else None
    if m is None:
        return ()
    key = m.group(1).strip()
    return (f"`{key}:` opens its value with {_quote_name(m.group(2))}, which YAML does not read as a quote; "
            + _straight_quotes_hint(key),)


_HIDDEN = re.compile(f"[{CONTROL_CHARACTERS}{BIDI_CONTROLS}\r]")  # a line end inside a value is hidden too


def _hidden_character(value: object) -> str | None:
    """The first control or bidi character in a value's strings: YAML escapes
    (\\e, \\x07) get them past the scan of the source text."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            m = _HIDDEN.search(item)
            if m:
                return m.group()
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return None


def _convert(key: str, value: object, span: Span, diagnostics: list[Diagnostic]) -> object:
    def wrong(expected: str) -> None:
        diagnostics.append(make("front-matter", f"`{key}` must be {expected}, not {_describe(value)}", span))

    if value is None:
        return None
    if key == "logo":
        if not isinstance(value, str):
            return wrong("a file name")
        problem = logo_problem(value)
        if problem:
            diagnostics.append(make("logo", problem, span, hints=("put the image beside the draft and write "
                                                                  "its name: `logo: our-logo.png`",)))
            return None
        return value
    if key == "name":
        from .to_ast import LABEL_NAME

        if not isinstance(value, str) or not LABEL_NAME.fullmatch(value):
            diagnostics.append(make("front-matter", f"`name` must be a label name, not {_describe(value)}", span,
                                    hints=("a label starts with a letter and holds letters, digits, `-`, `_`, "
                                           "`.` and `:`",)))
            return None
        return value
    if key in _TEXT_KEYS:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            # The resolution's number without the dot it prints with ("78/212." before the title).
            return str(value).rstrip(".") if key == "resolution" else str(value)
        return wrong("text")
    if key == "language":
        code = code_for(value) if isinstance(value, str) else None
        if code is None:
            return wrong("one of " + ", ".join(f"{c} ({NAMES[c]})" for c in CODES))
        return code
    if key in CHOICES:
        choices = CHOICES[key]
        for choice in choices:
            if isinstance(value, str) and value.lower() == choice.lower():
                return choice
        return wrong("one of " + ", ".join(choices))
    if key == "session":
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        if isinstance(value, str):
            return value
        return wrong("a session number or its words")
    if key == "agenda":
        items = value if isinstance(value, list) else [value]
        if all(isinstance(i, (int, str)) and not isinstance(i, bool) for i in items):
            return tuple(str(i) for i in items)
        return wrong("an agenda item, or a list of them")
    if key in ("date", "adopted"):
        if isinstance(value, (datetime.date, str)):
            return value
        return wrong("a date (2025-08-29) or text")
    if key == "agenda_title":
        items = value if isinstance(value, list) else [value]
        if all(isinstance(i, str) for i in items):
            return tuple(items)
        return wrong("the agenda item's title, or a list of titles")
    if key == "meeting":
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value  # in words once the language is known: "50th plenary meeting" (A/RES/78/212)
        if isinstance(value, str):
            return value
        return wrong("the meeting's number or its words (50th plenary meeting)")
    if key == "ignore":
        from ..transforms.checks import RULES

        items = value if isinstance(value, list) else [value]
        if not all(isinstance(i, str) for i in items):
            return wrong("a list of rule codes")
        unknown = [i for i in items if i not in RULES]
        if unknown:
            diagnostics.append(make("front-matter", f"`ignore`: {', '.join(unknown)} cannot be switched off", span,
                                    hints=("these warnings can: " + ", ".join(RULES),)))
        return frozenset(i for i in items if i in RULES)
    if key == "authors":
        if isinstance(value, dict) and all(isinstance(k, (str, int)) and isinstance(v, (str, int))
                                           for k, v in value.items()):
            return tuple((str(k), str(v)) for k, v in value.items())
        return wrong("a table of `initials: delegation or person` lines")
    raise AssertionError(key)  # pragma: no cover - KEYS lists only the keys above


def _describe(value: object) -> str:
    match value:
        case list():
            return "a list"
        case dict():
            return "a table"
        case bool():
            return "true/false"
        case _:
            return repr(value)


def _node_span(source: SourceFile, raw: RawFrontMatter, node: yaml.Node) -> Span:
    start = _offset(source, raw, node.start_mark)
    end = _offset(source, raw, node.end_mark)
    return source.span(start, max(end, start + 1))


def _mark_span(source: SourceFile, raw: RawFrontMatter, mark: yaml.Mark) -> Span:
    start = _offset(source, raw, mark)
    return source.span(start, start + 1)


def _offset(source: SourceFile, raw: RawFrontMatter, mark: yaml.Mark) -> int:
    line = raw.line + mark.line  # mark.line is 0-based within the YAML
    line = min(line, len(source.line_starts))
    return min(source.line_starts[line - 1] + mark.column, raw.end_offset)
