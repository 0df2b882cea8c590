"""Document -> PDF: the HTML writer's page with the print stylesheet, laid out by
WeasyPrint. WeasyPrint is imported here, on the PDF path only.

Rendering is sandboxed: the only files WeasyPrint may read are the package's
own templates and fonts and files inside the draft's own folder (a logo); no
network, no ``data:`` or other URLs, no symbolic link out of those folders.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import ast, languages, resources
from ..parse.front_matter import MAX_LOGO_BYTES
from ..walk import inlines, paragraphs
from . import WriteOptions, date_epoch, resolve_logo
from .html import render, stylesheet

_MAX_RESOURCE_BYTES = 20 * 1024 * 1024
_MAX_DATA_URL = MAX_LOGO_BYTES * 4 // 3 + 64  # a data: logo, as the front matter allows it
_PAPER = {"a4": "A4", "letter": "letter"}


def write(document: ast.Document, view: str = "negotiation", options: WriteOptions | None = None) -> bytes:
    import weasyprint

    options = options or WriteOptions()
    # A status label ("Agreed") sits in the margin as a balloon does: the margin widens for either.
    has_comments = (any(isinstance(node, ast.Comment) for node in inlines(document))
                    or any(paragraph.status != "pending" for paragraph in paragraphs(document)))
    right_to_left = languages.direction(document.front.language) == "rtl"
    css = stylesheet("faces.css") + stylesheet("print.css") + page_css(options.paper, has_comments, right_to_left)
    logo = resolve_logo(document, options.source_dir)
    html = for_the_print_faces(render(document, view, media="print", extra_css=css,
                                      logo=logo if isinstance(logo, str) or logo is None else logo.as_uri()))
    fetcher = _sandboxed_fetcher(weasyprint, [resources.templates_dir(), options.source_dir])
    base_url = resources.templates_dir().resolve().as_uri() + "/"
    with _quiet_weasyprint(), _source_date_epoch(document.front.date):
        return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(
            pdf_variant="pdf/ua-1", custom_metadata=True, font_config=font_configuration())


_fonts = None


def font_configuration():
    """The package's faces, loaded once per process and kept for every PDF it
    writes: by default WeasyPrint copies each @font-face file (the CJK face alone
    is 4 MB) to a temporary folder and has Fontconfig scan it again for every
    document. Every document has the same @font-face rules (templates/faces.css),
    and the output is the same to the byte (tests/test_session_build.py)."""
    global _fonts
    if _fonts is None:
        import atexit

        from weasyprint.text.fonts import FontConfiguration

        _fonts = FontConfiguration()
        atexit.register(release_fonts)
    return _fonts


def release_fonts() -> None:
    """Remove the copies of the faces (a worker process calls this as it ends,
    where no atexit handler runs)."""
    global _fonts
    if _fonts is not None:
        import shutil

        folder, _fonts._folder = _fonts._folder, None
        _fonts = None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


# A non-breaking hyphen (U+2011), with the character or entity on either side of
# it. The shipped faces (Liberation Serif and Sans 2.1) have no glyph for it, and
# WeasyPrint would take one from the next face in the list, the Arabic, where it
# is a low mark ("non_military"). The faces have every other space, hyphen and
# joiner the UN's texts use (U+2010, U+00AD, U+2009, U+202F; U+2060 is drawn by none).
_NON_BREAKING_HYPHEN = "\u2011"
_NEIGHBOUR = r"(?:&#?\w+;|[^\s&])?"
_HYPHEN_AND_NEIGHBOURS = re.compile(f"{_NEIGHBOUR}{_NON_BREAKING_HYPHEN}{_NEIGHBOUR}")
_TAG = re.compile(r"(<[^>]*>)")


def for_the_print_faces(html: str) -> str:
    """The page with each non-breaking hyphen drawn as the face's own hyphen, in a
    span that keeps it to its neighbours (docs/layout.md, "Characters").

    Only the text between the tags of the body changes: the head (the PDF's
    title and keywords) and every attribute keep the characters as written, as
    does the HTML output. Every ``<`` and ``>`` in the text is escaped by the
    HTML writer, so the tags are found by their brackets."""
    start = html.index("<body")
    parts = _TAG.split(html[start:])
    parts[::2] = [_HYPHEN_AND_NEIGHBOURS.sub(_unbreakable_hyphen, text) for text in parts[::2]]
    return html[:start] + "".join(parts)


def _unbreakable_hyphen(match: re.Match) -> str:
    return f'<span class="nowrap">{match[0].replace(_NON_BREAKING_HYPHEN, "-")}</span>'


_MARGIN_MM = 25  # left and right; print.css sets the same
_COMMENT_MARGIN_MM = 66  # the right margin when comment balloons need room


def page_css(paper: str, has_comments: bool, right_to_left: bool = False) -> str:
    """The page size, and an outer margin wide enough for comment balloons (the
    right one, the left one in a right-to-left language), with the masthead
    still spanning the page as on a page without comments; right to left, the
    first page's job number goes bottom right, mirrored.
    Built only from fixed words: no user text reaches a stylesheet."""
    css = f"@page {{ size: {_PAPER[paper]}; }}\n"
    side = "left" if right_to_left else "right"
    if has_comments:
        css += (f"@page {{ margin-{side}: {_COMMENT_MARGIN_MM}mm; }}\n"
                f".masthead {{ margin-{side}: -{_COMMENT_MARGIN_MM - _MARGIN_MM}mm !important; }}\n")
    if right_to_left:
        css += ("@page :first { @bottom-left { content: none; }"
                " @bottom-right { content: element(job); font-size: 10pt; } }\n")
    return css


def _sandboxed_fetcher(weasyprint, roots: list[Path | None]):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [root.resolve() for root in roots if root is not None]

    class SandboxedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data" and len(url) <= _MAX_DATA_URL:
                return super().fetch(url, headers)
            if parts.scheme != "file":
                raise ValueError(f"wsisc does not fetch {parts.scheme or 'relative'} URLs: {url[:80]}")
            path = Path(unquote(parts.path)).resolve()  # resolves symbolic links too
            if not any(path.is_relative_to(root) for root in allowed):
                raise ValueError(f"wsisc reads no file outside the draft's folder: {path}")
            if path.stat().st_size > _MAX_RESOURCE_BYTES:
                raise ValueError(f"{path} is larger than {_MAX_RESOURCE_BYTES // 2**20} MB")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    return SandboxedFetcher(allowed_protocols={"file", "data"})


@contextlib.contextmanager
def _source_date_epoch(date: datetime.date | str | None):
    """Fix the dates WeasyPrint and its font subsetter stamp into the file, so
    that the same source gives the same bytes. A user's SOURCE_DATE_EPOCH wins;
    otherwise the document's own date, otherwise a fixed moment."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(date_epoch(date))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


@contextlib.contextmanager
def _quiet_weasyprint():
    """WeasyPrint reports refused resources and CSS it ignores on its logger;
    a drafter cannot act on those, so they stay out of the build's output."""
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
