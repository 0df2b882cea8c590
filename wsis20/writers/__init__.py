"""Writers turn a finished Document into bytes. Each lives in its own module,
imported only when asked for, so ``wsisc check`` never loads Jinja or WeasyPrint."""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass
from pathlib import Path

from .. import ast

# format -> module with ``write(document, view, options) -> bytes``
WRITERS = {
    "html": "wsis20.writers.html",
    "pdf": "wsis20.writers.pdf",
}
EXTENSIONS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


@dataclass(frozen=True)
class WriteOptions:
    paper: str = "a4"  # a4 or letter
    source_dir: Path | None = None  # the draft's folder: the only user files a writer may read


def writer(name: str):
    return importlib.import_module(WRITERS[name]).write


def resolve_logo(document: ast.Document, source_dir: Path | None) -> Path | str | None:
    """The front matter's ``logo``: a small ``data:`` image as written, or the
    path of a file inside the source's folder (symbolic links resolved first,
    so none can point out of it); None for anything else. The front matter has
    refused URLs, absolute paths and ``..`` already (parse/front_matter.py)."""
    logo = document.front.logo
    if not logo:
        return None
    if logo.startswith("data:"):
        return logo
    if source_dir is None:
        return None
    try:
        folder = source_dir.resolve()
        path = (folder / logo).resolve()
        if path.is_file() and path.is_relative_to(folder):
            return path
    except (OSError, ValueError, RuntimeError):  # a link loop, a name no file system takes
        pass
    return None


def logo_diagnostic(document: ast.Document, source_dir: Path):
    """Why the named logo file cannot be used, for `wsisc build`, or None."""
    from ..diagnostics import make

    logo = document.front.logo
    if not logo or logo.startswith("data:") or resolve_logo(document, source_dir) is not None:
        return None
    folder = source_dir.resolve()
    try:
        named = folder / logo
        if named.is_symlink() or (named.exists() and not named.resolve().is_relative_to(folder)):
            return make("logo", f"`{logo}` is a symbolic link that leads out of the draft's folder or in a loop; "
                        "it is not read", document.front.logo_span, hints=("copy the image into the draft's folder",))
        if named.exists():
            return make("logo", f"`{logo}` is not a regular file", document.front.logo_span,
                        hints=("name an image file",))
    except (OSError, ValueError, RuntimeError):
        return make("logo", f"`{logo[:80]}` cannot be used as a file name", document.front.logo_span)
    return make("missing-logo", f"there is no file `{logo}` in the draft's folder; the masthead has no logo",
                document.front.logo_span, hints=(f"put the image in {folder}",))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def document_name(front: ast.FrontMatter, path: str) -> str:
    """A revision named from its front matter, as a comparison names it:
    "A/80/L.1/Rev.1 (Revision 1, 7 November 2025)", "Zero draft (29 August 2025)";
    its file's name when the front matter names nothing."""
    details = [front.stage] if front.symbol and front.stage else []
    details += [format_date(front.date)] if front.date else []
    name = front.symbol or front.stage or Path(path).name
    return f"{name} ({', '.join(details)})" if details else name


def format_date(value: datetime.date | str) -> str:
    if isinstance(value, datetime.date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    return value
