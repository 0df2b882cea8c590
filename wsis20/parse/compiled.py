"""The grammar compiled to a stand-alone Python parser, cached per user.

Importing Lark costs more than parsing a whole draft: on the WSIS+20 example
``import lark`` is about 60 ms of a ``wsisc check`` that does everything else
in less. So the first run generates a parser module from grammar/wsis.lark with
Lark's own stand-alone generator (same LALR tables, same lexer, no dependency on
Lark), and every later run imports that module from the cache instead of Lark.

It lives in the per-user cache (wsis20/cache.py), in the folder of the code
and library versions that made it, which is used only when it is private to
the user.
"""

from __future__ import annotations

import importlib.machinery
import io
import sys
from types import ModuleType

from .. import cache, resources

OPTIONS = dict(parser="lalr", lexer="basic", maybe_placeholders=False)


def load() -> ModuleType:
    grammar = resources.grammar_path().read_text(encoding="utf-8")
    name = f"wsis20_parser_{cache.digest(str(OPTIONS) + grammar)}"
    folder = cache.folder()
    path = folder / f"{name}.py" if folder else None
    if path is not None and not path.exists():
        try:
            from ..fsutil import write_atomically

            write_atomically(path, generate(grammar).encode("utf-8"))
        except OSError:
            path = None  # a read-only cache: build the parser in memory below
    module = ModuleType(name)
    sys.modules[name] = module  # its dataclasses look their module up there
    if path is not None:
        # (importlib.machinery is loaded with Python itself; importlib.util would cost an import.)
        loader = importlib.machinery.SourceFileLoader(name, str(path))
        module.__file__ = str(path)
        module.__loader__ = loader
        loader.exec_module(module)  # also caches its bytecode beside it
        return module
    exec(compile(generate(grammar), f"<{name}>", "exec"), module.__dict__)  # noqa: S102 - our own generated code
    return module


def generate(grammar: str) -> str:
    """The stand-alone parser module's source (imports Lark: first run only)."""
    from lark import Lark
    from lark.tools.standalone import gen_standalone

    out = io.StringIO()
    gen_standalone(Lark(grammar, **OPTIONS), out=out)
    return out.getvalue()
