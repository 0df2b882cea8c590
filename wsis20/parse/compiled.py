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

import io
import marshal
import sys
from types import ModuleType

from .. import cache, resources

OPTIONS = dict(parser="lalr", lexer="basic", maybe_placeholders=False)


def load() -> ModuleType:
    grammar = resources.grammar_path().read_text(encoding="utf-8")
    name = f"wsis20_parser_{cache.digest(str(OPTIONS) + grammar)}"
    module = ModuleType(name)
    sys.modules[name] = module  # its dataclasses look their module up there
    folder = cache.folder()
    source_path = folder / f"{name}.py" if folder else None
    code_path = folder / f"{name}.code" if folder else None
    code = None
    if code_path is not None:
        try:
            code = marshal.loads(code_path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            code = None  # not there yet, or damaged: made again below
    if code is None:
        source = generate(grammar)
        code = compile(source, str(source_path) if source_path else f"<{name}>", "exec")
        if folder is not None and cache.writable():
            # Compiled once and kept ourselves, not left to Python's bytecode cache,
            # which PYTHONDONTWRITEBYTECODE (set by some CI images and sandboxes)
            # switches off: compiling this module is about 60 ms of every run. The
            # folder is this Python's own (cache.code_digest holds its cache tag).
            try:
                from ..fsutil import write_atomically

                write_atomically(source_path, source.encode("utf-8"))  # for tracebacks and readers
                write_atomically(code_path, marshal.dumps(code))
            except OSError:
                pass  # a read-only cache: the parser was built in memory all the same
    if source_path is not None:
        module.__file__ = str(source_path)
    exec(code, module.__dict__)  # noqa: S102 - our own generated code, from our private cache
    return module


def generate(grammar: str) -> str:
    """The stand-alone parser module's source (imports Lark: first run only)."""
    from lark import Lark
    from lark.tools.standalone import gen_standalone

    out = io.StringIO()
    gen_standalone(Lark(grammar, **OPTIONS), out=out)
    return _without_logging(out.getvalue())


# Lark's module sets up a logger and sets it to CRITICAL: none of its messages is
# ever shown, yet importing `logging` (and what it imports) is 4-5 ms of every
# check. The setup is replaced by a logger that says nothing; if a new Lark
# writes it otherwise, the module is kept as generated.
_LOGGER_SETUP = ('import logging\n', 'logger: logging.Logger = logging.getLogger("lark")\n'
                 'logger.addHandler(logging.StreamHandler())\n', 'logger.setLevel(logging.CRITICAL)\n')
_SILENT_LOGGER = ("class _SilentLogger:  # wsisc: Lark's logger, set to CRITICAL, shows nothing\n"
                  "    def __getattr__(self, name):\n"
                  "        return lambda *args, **kwargs: None\n\n\n"
                  "logger = _SilentLogger()\n")


def _without_logging(source: str) -> str:
    anchor = "from typing import Generic, AnyStr\n"
    if not all(source.count(part) == 1 for part in (*_LOGGER_SETUP, anchor)):
        return source
    quiet = source
    for part in _LOGGER_SETUP:
        quiet = quiet.replace(part, "")
    quiet = quiet.replace(anchor, anchor + "\n" + _SILENT_LOGGER)
    return source if "logging" in quiet.replace("_SilentLogger", "") else quiet
