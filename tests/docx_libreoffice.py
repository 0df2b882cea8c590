"""LibreOffice lays out our Word files (issue 12, point 4): the zero draft's
negotiation view, converted to PDF by LibreOffice headless, has the masthead,
every paragraph number in order, the running header and Word's page fields
filled in. Slow (a few seconds), so not in `make test`: `make docx-libreoffice`
runs it (docs/docx.md). It needs LibreOffice (Debian's libreoffice-writer-nogui)
and poppler-utils, and fails, never skips, when they are missing."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import EXAMPLE

from wsis20 import walk
from wsis20.pipeline import compile_document
from wsis20.writers.docx import write


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"`{name}` is not installed: this check needs LibreOffice (apt-get install "
                    "libreoffice-writer-nogui) and poppler-utils (apt-get install poppler-utils)", pytrace=False)
    return found


def converted(docx: Path, folder: Path) -> Path:
    """The PDF LibreOffice makes of ``docx``, in a profile of its own, made fresh."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([tool("soffice"), f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                       check=True, capture_output=True, timeout=300)
    pdf = folder / (docx.stem + ".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


def test_libreoffice_lays_out_the_negotiation_view(tmp_path):
    result = compile_document(str(EXAMPLE), EXAMPLE.read_bytes())
    document = result.document
    source = tmp_path / "zero.docx"
    source.write_bytes(write(document))
    pdf = converted(source, tmp_path)
    pages = subprocess.run([tool("pdftotext"), "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    assert 12 <= len(pages) <= 25
    first = pages[0]
    for line in ("United Nations", "General Assembly", "Distr.: General", "29 August 2025", "Original: English",
                 "Eightieth session", "ZERO DRAFT"):
        assert line in first
    # Every paragraph number, in order, at the start of a line.
    text = "\n".join(pages)
    numbers = [f"{p.num}." for p in walk.paragraphs(document) if p.num]
    at = 0
    for number in numbers:
        found = re.search(rf"^\s*{re.escape(number)}\s", text[at:], re.MULTILINE)
        assert found, f"paragraph {number} is missing or out of order"
        at += found.end()
    # Pages after the first: the running title, and Word's PAGE/NUMPAGES filled in.
    for index, page in enumerate(pages[1:], start=2):
        assert "WSIS+20 outcome document (zero draft)" in page
        assert f"{index}/{len(pages)}" in page
    # Times New Roman, or a face metric-compatible with it where the machine has no Times.
    fonts = subprocess.run([tool("pdffonts"), str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"TimesNewRoman|LiberationSerif|Tinos", fonts.replace(" ", "")), fonts
