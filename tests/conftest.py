from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wsis20.pipeline import Compiled, compile_document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "wsis20-zero-draft.wsis"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


# The editorial warnings, which tests of other things switch off so that their
# small examples need not be punctuated like resolutions.
EDITORIAL = frozenset({"punctuation", "intro-colon", "doubled-space", "doubled-word"})


def compile_text(text: str, *, view: str = "negotiation", comments: bool = True,
                 path: str = "test.wsis", editorial: bool = False, **options) -> Compiled:
    return compile_document(path, textwrap.dedent(text).lstrip("\n").encode("utf-8"),
                            view=view, comments=comments, ignore=frozenset() if editorial else EDITORIAL,
                            **options)


def wsisc(*args, cwd=None, timeout=120, text=True) -> subprocess.CompletedProcess:
    """The command line in a child process, with a bare environment."""
    return subprocess.run([sys.executable, "-m", "wsis20", *map(str, args)], capture_output=True, text=text,
                          cwd=cwd, timeout=timeout, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def codes(compiled: Compiled) -> list[tuple[str, int, int]]:
    """(code, line, column) of each diagnostic."""
    return [(d.code, d.span.line, d.span.column) for d in compiled.diagnostics]


@pytest.fixture(scope="session")
def example_source() -> bytes:
    return EXAMPLE.read_bytes()
