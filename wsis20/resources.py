"""Where the grammar and templates are, installed or in a source checkout.

In a wheel they are the packages ``wsis20.grammar`` and ``wsis20.templates``
(pyproject.toml maps the top-level folders there); running from a checkout
without installing, they are the folders beside ``wsis20/``.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def grammar_path() -> Path:
    return _folder("grammar") / "wsis.lark"


def templates_dir() -> Path:
    return _folder("templates")


def cache_dir() -> Path:
    """A per-user folder for the compiled grammar and templates.

    Per-user, never the shared temporary folder: the grammar cache is a pickle,
    and loading one another user planted would run their code.
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wsisc"
