"""Document -> standalone HTML (CSS inline, nothing fetched).

Jinja renders the document's structure (templates/document.html.j2); inline
content is rendered here, node by node, with every piece of user text escaped
on its way in, so no markup in a draft can reach the page as HTML.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import __version__, ast, cache, languages, resources
from ..walk import plain_text
from ..parse.front_matter import LOGO_TYPES
from . import (change_phrase, closing_date, comment_label, enacting_formula, heading_number,
               paragraph_number, proposer, resolve_logo, sub_number)
from ..languages import views
from ..languages.masthead import FORMULA_COMMA, FORMULA_STYLE, original_line
from .masthead import masthead

_TAGS = {"italic": "em", "bold": "strong", "underline": "u"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    # Compiled templates are kept in this code's cache folder: Jinja checks a
    # template's own text, but not the environment's options it was compiled with.
    bytecode_cache = None
    where = cache.folder()
    if where is not None and cache.writable():  # Jinja's cache writes what it compiles
        try:
            (where / "templates").mkdir(mode=0o700, exist_ok=True)
            bytecode_cache = FileSystemBytecodeCache(str(where / "templates"))
        except OSError:
            pass
    env = Environment(
        loader=FileSystemLoader(str(resources.templates_dir())),
        autoescape=True,
        undefined=StrictUndefined,
        bytecode_cache=bytecode_cache,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["dir_unless"] = dir_unless
    return env


def dir_unless(text: str, page_direction: str) -> Markup:
    """` dir="ltr"` (or rtl) for a line whose words run the other way from its
    page, as the masthead's "Distr.: General" and "1 April 2024" stay in English
    on an Arabic cover (A/RES/78/265, Arabic); nothing for a line that runs with
    its page. The direction is the first strong character's (Unicode's
    bidirectional algorithm, rule P2), which WeasyPrint does not find by itself
    (it ignores dir="auto" and unicode-bidi: plaintext)."""
    own = languages.text_direction(str(text))
    return Markup(f' dir="{own}"') if own is not None and own != page_direction else Markup("")


@lru_cache(maxsize=4)
def stylesheet(name: str) -> str:
    return (resources.templates_dir() / name).read_text(encoding="utf-8")


def write(document: ast.Document, view: str = "negotiation", options=None) -> bytes:
    return render(document, view, logo=_logo_data_uri(document, options)).encode("utf-8")


def _logo_data_uri(document: ast.Document, options) -> str | None:
    """The logo, embedded, so that the page stays one self-contained file."""
    path = resolve_logo(document, options.source_dir if options else None)
    if path is None or isinstance(path, str):  # none, or a data: image already
        return path
    import base64
    import mimetypes

    kind = mimetypes.guess_type(path.name)[0]
    if kind not in LOGO_TYPES:
        return None
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def render(document: ast.Document, view: str = "negotiation", *, media: str = "screen",
           extra_css: str = "", logo: str | None = None) -> str:
    """The page. ``media="print"`` lays footnotes out for the PDF writer
    (inline, to float to the foot of their page) instead of as a list at the end."""
    footnotes: list[dict] = []
    context = _Context(document.front, footnotes, media, document.front.preamble_numbering)
    blocks = [_block(block, context) for block in document.blocks]
    annexes = [_annex(index, annex, context) for index, annex in enumerate(document.annexes, start=1)]
    # A status label sits in the notes' column as comments do: the page makes room for either.
    has_comments = any(b.get("comments") or b.get("status")
                       for b in blocks + [b for a in annexes for b in a["blocks"]])
    front = document.front
    title_text = front.title or _first_heading(document) or Path(document.path).stem
    compared = _comparison_words(document.comparison, front.language) if document.comparison else None
    if compared is not None:  # the window's and the PDF's title say it too
        title_text = compared["title"]
    template = environment().get_template("document.html.j2")
    return template.render(
        lang=languages.TAGS[front.language],
        dir=languages.direction(front.language),
        version=__version__,
        title_text=title_text,
        meta={"symbol": front.symbol, "title": front.title, "created": _iso_date(front.date)},
        running_title=front.short_title or front.title or "",
        css=Markup(stylesheet("un.css") + extra_css),
        view=view,
        has_comments=has_comments,
        masthead=masthead(front, logo),
        formula=formula_html(enacting_formula(document), front),
        conclusions=conclusions(front),
        comparison=document.comparison,
        compared=compared,
        blocks=blocks,
        annexes=annexes,
        footnotes=footnotes if media == "screen" else [],
    )


def _comparison_words(sides: ast.Comparison, language: str) -> dict[str, str | Markup]:
    """A comparison's first page in the text's language: what it compares, and how to read it."""
    def marked(tag: str, key: str) -> Markup:
        return Markup(f'<{tag} class="change">{escape(views.words(key, language))}</{tag}>')

    return {"title": views.words("comparison", language, old=sides.old.document, new=sides.new.document),
            "former": views.words("former text", language, document=sides.old.document, text=sides.old.text),
            "this": views.words("this text", language, document=sides.new.document, text=sides.new.text),
            "how": escape(views.words("how to read", language, added="{added}", removed="{removed}"))
            .replace("{added}", marked("ins", "added")).replace("{removed}", marked("del", "removed")),
            "proposals": views.words("proposals shown", language),
            "closes": views.words("concordance closes", language)}


@dataclass
class _Context:
    """What rendering a block needs besides the block: the file's front matter
    (its authors), where footnotes met on the way are collected, and how the
    body or annex being rendered prints its preamble's numbers."""

    front: ast.FrontMatter
    footnotes: list[dict]
    media: str
    preamble_numbering: ast.PreambleNumbering


def _annex(index: int, annex: ast.Annex, context: _Context) -> dict:
    """An annex after the body: its label, title and own opening (an annex has
    no enacting formula unless its block names one), then its blocks."""
    context = replace(context, preamble_numbering=annex.front.preamble_numbering)
    return {"eid": f"att_{index}", "label": annex.label, "title": annex.front.title,
            "original": original_line(context.front.language, annex.front.original) if annex.front.original else None,
            "formula": annex.front.formula or None,
            "blocks": [_block(block, context) for block in annex.blocks]}


def formula_html(formula: str | None, front: ast.FrontMatter) -> Markup | None:
    """The enacting formula as printed: the organ's words in italics, the comma
    after them upright (A/RES/78/212: `<span class="italic">The General
    Assembly</span>,`), in drafts as in adopted texts. A formula of the drafter's
    own (`formula:`) prints as written."""
    if not formula:
        return None
    if front.formula is not None:
        return escape(formula)
    comma = FORMULA_COMMA.get(front.language, ",")
    words, comma = (formula[:-1], comma) if formula.endswith(comma) else (formula, "")
    style = FORMULA_STYLE.get(front.language, "italic").split()
    html = escape(words)
    if "italic" in style:
        html = Markup(f"<em>{html}</em>")
    if "bold" in style:
        html = Markup(f"<strong>{html}</strong>")
    return Markup(f"{html}{comma}")


def conclusions(front: ast.FrontMatter) -> tuple[str, ...]:
    """The lines that close an adopted resolution, after its last operative
    paragraph: the meeting, then the date ("50th plenary meeting" /
    "19 December 2023", as A/RES/78/212's conclusions)."""
    if not front.adopted_form:
        return ()
    date = closing_date(front.adopted, front.language) if front.adopted else None
    return tuple(line for line in (front.meeting, date) if line)


def _iso_date(value: datetime.date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, datetime.date) else None


# ----------------------------------------------------------------- blocks

def _block(block: ast.Block, context: _Context) -> dict:
    if isinstance(block, ast.Heading):
        return {"kind": "heading", "level": block.level, "eid": block.eid,
                "number": heading_number(block, context.front.language),
                "content": inlines(block.content, None, context)}
    if isinstance(block, ast.Table):
        return {"kind": "table", "caption": block.caption, "header": block.header, "rows": block.rows}
    comments: list[dict] = []
    front = context.front
    proposal = None
    if block.proposal is not None:
        who = front.author_name(block.proposal.author) or block.proposal.author
        proposal = {"kind": block.proposal.kind, "author": block.proposal.author,
                    "words": views.words("new proposed by" if block.proposal.kind == "new"
                                         else "deletion proposed by", front.language, who=who)}
    if block.compared is not None and not (block.compared[0] == "new" and proposal and proposal["kind"] == "new"):
        words = compared_words(*block.compared, language=front.language)
        if words:  # in a comparison, where the paragraph came from; then its own proposal, if any
            status = block.compared[0]
            proposal = {"kind": "new" if status == "new" else "delete" if status == "dropped" else "moved",
                        "author": "", "words": words + ("; " + proposal["words"][0].lower() + proposal["words"][1:]
                                                        if proposal else "")}
    return {
        "kind": "paragraph",
        "part": block.part,
        "in_preamble": block.in_preamble,
        "eid": block.eid,
        "num": paragraph_number(block, context.preamble_numbering, front.language),
        "content": inlines(block.content, comments, context),
        "subs": [_sub(sub, comments, context) for sub in block.subparagraphs],
        "comments": comments,
        "status": views.status_words(front.language).get(block.status),
        "fingerprint": block.fingerprint,
        "status_class": block.status,
        "proposal": proposal,
        "proposed": [{"who": proposer(front, c.author), "colon": views.words("colon", front.language),
                      "what": describe_change(c, context)}
                     for c in block.proposed],
    }


def compared_words(status: str, former: str | None, language: str = "en") -> str | None:
    """The line above a paragraph of a comparison: where it came from."""
    if status == "new":
        return views.words("new paragraph", language)
    if status not in ("dropped", "merged", "split") and former is None:  # a number cited as before
        return None
    if former is None:  # unnumbered text
        return views.words(f"{status} text", language)
    key = f"{status} former" if status in ("dropped", "merged", "split") else "former"
    return views.words(key, language, n=former)


def _sub(sub: ast.SubParagraph, comments: list[dict], context: _Context) -> dict:
    return {
        "level": sub.level,
        "eid": sub.eid,
        "num": sub_number(sub, context.front.language),
        "content": inlines(sub.content, comments, context),
        "children": [_sub(child, comments, context) for child in sub.children],
    }


# ---------------------------------------------------------------- inlines

def inlines(nodes: tuple[ast.Inline, ...], comments: list[dict] | None, context: _Context) -> Markup:
    """Render inlines, escaping every piece of text; comments met on the way
    are appended to ``comments`` for the margin."""
    out: list[str] = []
    for node in nodes:
        match node:
            case ast.Text():
                out.append(escape(node.value))
            case ast.Emphasis():
                tag = _TAGS[node.style]
                out.append(f"<{tag}>{inlines(node.children, comments, context)}</{tag}>")
            case ast.Ref():
                text = escape(node.target or node.label)
                if node.target_id:
                    out.append(f'<a class="xref" href="#{escape(node.target_id)}">{text}</a>')
                else:
                    out.append(text)
            case ast.Comment():
                out.append(_comment(node, comments, context))
            case ast.Footnote():
                out.append(_footnote(node, comments, context))
            case ast.Change():
                out.append(_change(node, comments, context))
            case ast.Bracket():
                alternatives = '<span class="alt">/</span>'.join(
                    str(inlines(a, comments, context)) for a in node.alternatives)
                out.append(f'<span class="bracket">[</span>{alternatives}<span class="bracket">]</span>')
    return Markup("".join(out))


def _change(node: ast.Change, comments: list[dict] | None, context: _Context) -> str:
    """The redline: deletions struck through, insertions bold and underlined
    (ST/CS/SER.A/44, research 2.4), as <del> and <ins>, then the delegation."""
    author = context.front.author_name(node.author) if node.author else None
    title = f' title="{escape(author or node.author)}"' if node.author else ""
    out = ""
    if node.kind in ("delete", "substitute"):
        out += f'<del class="change"{title}>{inlines(node.old, comments, context)}</del>'
    if node.kind in ("insert", "substitute"):
        out += f'<ins class="change"{title}>{inlines(node.new, comments, context)}</ins>'
    if node.author:
        out += f'<sup class="change-author">{escape(node.author)}</sup>'
    return out


def describe_change(node: ast.Change, context: _Context) -> Markup:
    """A compilation's words for a change: "replace 'X' with 'Y'"."""
    return Markup("".join(escape(part) if isinstance(part, str) else inlines(part, None, context)
                          for part in change_phrase(node, context.front.language)))


def _footnote(node: ast.Footnote, comments: list[dict] | None, context: _Context) -> str:
    body = inlines(node.body, comments, context)
    if context.media == "print":
        return f'<span class="footnote">{body}</span>'
    n = node.index
    context.footnotes.append({"index": n, "body": body})
    return f'<sup class="fn-ref" id="fn_{n}_ref"><a href="#fn_{n}">{n}</a></sup>'


def _comment(node: ast.Comment, comments: list[dict] | None, context: _Context) -> str:
    label = comment_label(node)
    cid = f"comment_{node.index}"
    anchor = ""
    if node.anchor is not None:
        anchor = f'<mark class="comment-anchor">{inlines(node.anchor, comments, context)}</mark>'
    if comments is not None:
        author = context.front.author_name(node.author) if node.author else None
        comments.append({"id": cid, "label": label, "author": author,
                         "body": inlines(node.body, None, context)})
    title = escape(plain_text(node.body))
    return (f'{anchor}<a class="comment-ref" id="{cid}_ref" href="#{cid}" title="{title}">'
            f"[{escape(label)}]</a>")


def _first_heading(document: ast.Document) -> str | None:
    for block in document.blocks:
        if isinstance(block, ast.Heading):
            return " ".join(x for x in (heading_number(block, document.front.language), plain_text(block.content)) if x)
    return None
