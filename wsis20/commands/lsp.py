"""wsisc lsp: the language server over standard input and output (needs wsisc[lsp])."""

from __future__ import annotations

from .arguments import EXIT_OK, UsageError


def run(args) -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError as exc:
        raise UsageError(f"the language server needs {exc.name}, which is not installed: "
                         "install wsisc[lsp] (pip install 'wsisc[lsp]')") from None
    from .. import cache

    cache.read_only()  # before the grammar is loaded: the server writes no file
    from ..lsp.server import serve

    serve()
    return EXIT_OK
