from __future__ import annotations

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


def codes(compiled: Compiled) -> list[tuple[str, int, int]]:
    """(code, line, column) of each diagnostic."""
    return [(d.code, d.span.line, d.span.column) for d in compiled.diagnostics]


@pytest.fixture(scope="session")
def example_source() -> bytes:
    return EXAMPLE.read_bytes()
