"""The grammar compiled to a stand-alone Python parser, cached per user.

Importing Lark costs more than parsing a whole draft: on the WSIS+20 example
``import lark`` is about 60 ms of a ``wsisc check`` that does everything else
in less. So the first run generates a parser module from grammar/wsis.lark with
Lark's own stand-alone generator (same LALR tables, same lexer, no dependency on
Lark), and every later run imports that module from the cache instead of Lark.

The file's name carries a hash of the grammar and the wsisc version, so a new
grammar gets a new parser. It lives in the per-user cache folder, and is only
loaded from a folder that belongs to the user and that nobody else may write:
importing code from a folder another user controls would run their code.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import sys
from pathlib import Path
from types import ModuleType

from .. import __version__, resources

OPTIONS = dict(parser="lalr", lexer="basic", maybe_placeholders=False)


def load() -> ModuleType:
    grammar = resources.grammar_path().read_text(encoding="utf-8")
    key = hashlib.sha256(f"{__version__}\n{OPTIONS}\n{grammar}".encode()).hexdigest()[:16]
    name = f"wsis20_parser_{key}"
    folder = resources.cache_dir()
    path = folder / f"{name}.py"
    if not path.exists() and _private_folder(folder, create=True):
        try:
            from ..fsutil import write_atomically

            write_atomically(path, generate(grammar).encode("utf-8"))
        except OSError:
            pass  # a read-only cache: build the parser in memory below
    if path.exists() and _private_folder(folder, create=False):
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)  # also caches its bytecode beside it
        return module
    module = ModuleType(name)
    sys.modules[name] = module
    exec(compile(generate(grammar), f"<{name}>", "exec"), module.__dict__)  # noqa: S102 - our own generated code
    return module


def generate(grammar: str) -> str:
    """The stand-alone parser module's source (imports Lark: first run only)."""
    from lark import Lark
    from lark.tools.standalone import gen_standalone

    out = io.StringIO()
    gen_standalone(Lark(grammar, **OPTIONS), out=out)
    return out.getvalue()


def _private_folder(folder: Path, create: bool) -> bool:
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder)
    except OSError:
        return False
    if sys.platform == "win32":  # pragma: no cover - no POSIX owners to compare
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o022
