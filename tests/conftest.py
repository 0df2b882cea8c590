from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from wsis20.pipeline import Compiled, compile_document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "wsis20-zero-draft.wsis"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The suite runs with a cache of its own, empty at the start, for this process
# and every child: a cache left on the machine (~/.cache/wsisc) once let a
# failing test pass here, and CI runs on the same machine.
CACHE_HOME = tempfile.mkdtemp(prefix="wsisc-test-cache-")
os.environ["XDG_CACHE_HOME"] = CACHE_HOME


def pytest_unconfigure(config):
    shutil.rmtree(CACHE_HOME, ignore_errors=True)


def child_env(path: str = "/usr/bin:/bin", **extra: str) -> dict[str, str]:
    """A bare environment for wsisc in a child process, with the suite's own cache."""
    return {"PYTHONPATH": str(ROOT), "PATH": path, "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"], **extra}


# The editorial warnings, which tests of other things switch off so that their
# small examples need not be punctuated like resolutions.
EDITORIAL = frozenset({"punctuation", "intro-colon", "quotes", "opening", "doubled-space", "doubled-word"})


def compile_text(text: str, *, view: str = "negotiation", comments: bool = True,
                 path: str = "test.wsis", editorial: bool = False, **options) -> Compiled:
    return compile_document(path, textwrap.dedent(text).lstrip("\n").encode("utf-8"),
                            view=view, comments=comments, ignore=frozenset() if editorial else EDITORIAL,
                            **options)


def wsisc(*args, cwd=None, timeout=120, text=True) -> subprocess.CompletedProcess:
    """The command line in a child process, with a bare environment."""
    return subprocess.run([sys.executable, "-m", "wsis20", *map(str, args)], capture_output=True, text=text,
                          cwd=cwd, timeout=timeout, env=child_env())


def codes(compiled: Compiled) -> list[tuple[str, int, int]]:
    """(code, line, column) of each diagnostic."""
    return [(d.code, d.span.line, d.span.column) for d in compiled.diagnostics]


@pytest.fixture(scope="session")
def example_source() -> bytes:
    return EXAMPLE.read_bytes()
