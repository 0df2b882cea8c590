"""Language versions side by side: one column a version, one row an aligned
unit (a heading, a paragraph with its sub-paragraphs, an annex's opening), the
way translators and negotiators read them (`wsisc build --side-by-side`).

The rows come from the alignment of transforms/parallel.py; each cell is
rendered by the HTML writer's own block renderer, in its version's language
and direction (``lang``, ``dir`` on the cell), numbered as its version numbers
it. A unit one version lacks is an empty cell with a marker. A cell's
footnotes close the cell, so that a note sits beside its translations.
Comments are left out: they are notes on one version, not part of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from .. import __version__, ast, resources
from ..languages import TAGS, direction
from ..languages.autonyms import autonym
from ..transforms.parallel import Row, rows as aligned_rows
from ..walk import scopes
from . import WriteOptions, enacting_formula
from . import html

# More than two versions are printed across the page (landscape).
PORTRAIT_COLUMNS = 2


@dataclass(frozen=True)
class Version:
    path: str
    document: ast.Document  # as built (its view applied)


def render(versions: list[Version], view: str = "negotiation", *, extra_css: str = "") -> str:
    """The page, for the screen or, with the page size in ``extra_css``, for
    print: the same either way, footnotes closing their cells."""
    documents = [v.document for v in versions]
    codes = [d.front.language for d in documents]
    columns = [{"lang": TAGS.get(c, c), "dir": direction(c), "name": autonym(c), "path": Path(v.path).name,
                "symbol": v.document.front.symbol or ""} for c, v in zip(codes, versions)]
    styles = [{s.index: s.front for s in scopes(d)} for d in documents]
    table: list[dict] = []

    def cells(values) -> list[dict]:
        return [{"html": value, "missing": value is None, **columns[k]} for k, value in enumerate(values)]

    titles = [d.front.title for d in documents]
    if any(titles):
        table.append({"kind": "title", "cells": cells(titles)})
    formulas = [html.formula_html(enacting_formula(d), d.front) for d in documents]
    if any(formulas):
        table.append({"kind": "formula", "cells": cells(formulas)})
    scope = 0
    for row in aligned_rows(documents):
        if row.scope != scope:
            scope = row.scope
            table.append({"kind": "annex", "cells": cells(_annex_heads(documents, scope))})
        table.append({"kind": "unit", "cells": _unit_cells(row, documents, styles, columns)})
    closing = [Markup("<br>").join(html.conclusions(d.front)) or None for d in documents]
    if any(closing):
        table.append({"kind": "conclusions", "cells": cells(closing)})
    template = html.environment().get_template("side-by-side.html.j2")
    first = documents[0].front
    return template.render(
        version=__version__,
        title_text=" | ".join(dict.fromkeys(t for t in titles if t)) or Path(versions[0].path).stem,
        symbol=first.symbol,
        css=Markup(html.stylesheet("faces.css") + html.stylesheet("side-by-side.css") + extra_css),
        view=view,
        columns=columns,
        rows=table,
    )


def _annex_heads(documents: list[ast.Document], scope: int) -> list[Markup | None]:
    heads = []
    for d in documents:
        if scope > len(d.annexes):
            heads.append(None)
            continue
        annex = d.annexes[scope - 1]
        parts = [f'<p class="annex-label">{html.escape(annex.label)}</p>']
        if annex.front.title:
            parts.append(f'<p class="annex-title">{html.escape(annex.front.title)}</p>')
        heads.append(Markup("".join(parts)))
    return heads


def _unit_cells(row: Row, documents: list[ast.Document], styles: list[dict], columns: list[dict]) -> list[dict]:
    out = []
    for k, unit in enumerate(row.units):
        if unit is None:
            out.append({"block": None, "footnotes": [], "missing": True, **columns[k]})
            continue
        front = styles[k].get(row.scope, documents[k].front)
        footnotes: list[dict] = []
        context = html._Context(front=documents[k].front, footnotes=footnotes, media="screen",
                                preamble_numbering=front.preamble_numbering)
        if isinstance(unit, ast.SubParagraph):
            rendered = {"kind": "sub", "sub": html._sub(unit, [], context)}
        else:  # a paragraph's sub-paragraphs have rows of their own
            rendered = html._block(replace(unit, subparagraphs=()) if isinstance(unit, ast.Paragraph) else unit,
                                   context)
        out.append({"block": rendered, "footnotes": footnotes, "missing": False, **columns[k]})
    return out


def write(versions: list[Version], fmt: str, view: str = "negotiation", options: WriteOptions | None = None) -> bytes:
    if fmt == "html":
        return render(versions, view).encode("utf-8")
    import weasyprint

    from . import pdf

    options = options or WriteOptions()
    landscape = " landscape" if len(versions) > PORTRAIT_COLUMNS else ""
    page = f"@page {{ size: {pdf._PAPER[options.paper]}{landscape}; }}\n"
    text = pdf.for_the_print_faces(render(versions, view, extra_css=page))
    fetcher = pdf._sandboxed_fetcher(weasyprint, [resources.templates_dir()])
    base_url = resources.templates_dir().resolve().as_uri() + "/"
    with pdf._quiet_weasyprint(), pdf._source_date_epoch(versions[0].document.front.date):
        return weasyprint.HTML(string=text, base_url=base_url, url_fetcher=fetcher).write_pdf(
            pdf_variant="pdf/ua-1", custom_metadata=True)
