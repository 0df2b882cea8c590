"""The rendering sandbox: a build reads the package's own resources and files
inside the draft's folder, and nothing else: no other file, no network."""

import base64
import io
import socket

import pytest
from pypdf import PdfReader

from conftest import codes, compile_text, wsisc

from wsis20 import resources
from wsis20.writers import WriteOptions
from wsis20.writers.pdf import _sandboxed_fetcher, write

SECRET = b"the contents of a file outside the drafts folder"


def png(size=(40, 20)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("logo, words", [
    ("file:///etc/passwd", "not a `file:` URL"),
    ("http://example.org/logo.png", "not a `http:` URL"),
    ("https://example.org/logo.png", "not a `https:` URL"),
    ("ftp://example.org/logo.png", "not a `ftp:` URL"),
    ("javascript:alert(1)", "not a `javascript:` URL"),
    ("../secret.png", "`..` leads out of it"),
    ("images/../../secret.png", "`..` leads out of it"),
    ("..\\secret.png", "`..` leads out of it"),
    ("/etc/passwd", "not an absolute path"),
    ("~/secret.png", "not an absolute path"),
    ("C:\\secret.png", "not an absolute path"),
    ("data:text/html;base64,PHNjcmlwdD4=", "must be a PNG, JPEG or GIF image"),
    ("data:image/png;base64," + "A" * (1400 * 1024), "larger than 1024 KB"),
])
def test_a_logo_out_of_the_folder_is_an_error_at_its_line(logo, words):
    compiled = compile_text(f"---\nsymbol: A/1\nlogo: {logo!r}\n---\n1. Decides.\n")
    [found] = [d for d in compiled.diagnostics if d.code == "logo"]
    assert compiled.failed and words in found.message
    assert (found.span.line, found.span.column) == (3, 7)
    assert compiled.document.front.logo is None


def test_check_and_build_refuse_a_url_logo_and_write_nothing(tmp_path):
    draft = tmp_path / "draft.wsis"
    draft.write_text("---\nlogo: file:///etc/passwd\n---\n1. Decides.\n", encoding="utf-8")
    result = wsisc("check", draft)
    assert result.returncode == 1 and "draft.wsis:2:7: error: the logo must be a file" in result.stdout
    for out in ("out.pdf", "out.html"):
        result = wsisc("build", draft, "-o", tmp_path / out)
        assert result.returncode == 1 and "[logo]" in result.stderr
        assert not (tmp_path / out).exists()


def test_a_symbolic_link_out_of_the_folder_is_refused_at_build(tmp_path):
    (tmp_path / "secret.png").write_bytes(SECRET)
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "logo.png").symlink_to(tmp_path / "secret.png")
    draft = folder / "draft.wsis"
    draft.write_text("---\nlogo: logo.png\n---\n1. Decides.\n", encoding="utf-8")
    for out in ("out.pdf", "out.html"):
        result = wsisc("build", draft, "-o", folder / out)
        assert result.returncode == 1, result.stderr
        assert "draft.wsis:2:7: error: `logo.png` is a symbolic link that leads out of the draft's folder" in result.stderr
        assert not (folder / out).exists()
    # The writers themselves never read it either, whatever calls them.
    compiled = compile_text("---\nlogo: logo.png\n---\n1. Decides.\n")
    data = write(compiled.document, "negotiation", WriteOptions(source_dir=folder))
    assert SECRET not in data and not _images(data)


def test_a_small_data_logo_is_used_in_pdf_and_html(tmp_path):
    from wsis20.writers.html import write as write_html

    uri = "data:image/png;base64," + base64.b64encode(png()).decode()
    compiled = compile_text(f"---\nlogo: '{uri}'\n---\n1. Decides.\n")
    assert not compiled.failed
    assert _images(write(compiled.document, "negotiation", WriteOptions(source_dir=tmp_path)))
    assert f'src="{uri}"' in write_html(compiled.document, "negotiation",
                                        WriteOptions(source_dir=tmp_path)).decode()


def test_the_fetcher_reads_only_the_package_and_the_drafts_folder(tmp_path):
    import weasyprint

    (tmp_path / "secret.txt").write_bytes(SECRET)
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "logo.png").write_bytes(png())
    (folder / "link.png").symlink_to(tmp_path / "secret.txt")
    fetch = _sandboxed_fetcher(weasyprint, [resources.templates_dir(), folder]).fetch
    assert fetch((folder / "logo.png").as_uri()).read()[:4] == b"\x89PNG"
    assert fetch((resources.templates_dir() / "un.css").as_uri()).read()
    refused = [
        (tmp_path / "secret.txt").as_uri(),
        folder.as_uri() + "/../secret.txt",
        (folder / "link.png").as_uri(),
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.png",
        "ftp://example.org/x.png",
        "data:image/png;base64," + "A" * (2 * 1024 * 1024),
    ]
    for url in refused:
        with pytest.raises(ValueError):
            fetch(url)


def test_a_pdf_build_opens_no_network_connection(monkeypatch):
    attempts = []

    def no_network(self, address):
        attempts.append(address)
        raise OSError("network refused by the test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    hostile = ('---\ntitle: \'<img src="http://127.0.0.1:9/t.png">\'\n---\n'
               '1. <link rel=stylesheet href="http://127.0.0.1:9/x.css"> '
               '<img src="https://example.org/p.png"> url(http://127.0.0.1:9/f) @import "http://x/y.css";\n')
    compiled = compile_text(hostile)
    data = write(compiled.document, "negotiation", WriteOptions())
    assert data.startswith(b"%PDF") and attempts == []
    assert "127.0.0.1:9/x.css" in "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _images(data: bytes) -> list:
    page = PdfReader(io.BytesIO(data)).pages[0]
    objects = page["/Resources"].get("/XObject", {})
    return [x for x in objects.values() if x.get_object()["/Subtype"] == "/Image"]


def test_yaml_tags_cannot_run_python():
    compiled = compile_text("---\ntitle: !!python/object/apply:os.system ['touch /tmp/wsisc-pwned']\n---\n"
                            "1. Decides.\n")
    assert compiled.failed and [c for c, _, _ in codes(compiled)] == ["front-matter"]


@pytest.mark.parametrize("logo, words", [
    ("data:image/svg+xml;base64,PHN2Zy8+", "must be a PNG, JPEG or GIF image"),
    ("logo.svg", "must be a PNG, JPEG or GIF image"),
    ("a" * 300 + ".png", "longer than any file system allows"),
])
def test_logos_that_could_stall_or_crash_a_build_are_refused(logo, words):
    compiled = compile_text(f"---\nlogo: {logo!r}\n---\n1. Decides.\n")
    assert compiled.failed and any(words in d.message for d in compiled.diagnostics if d.code == "logo")


def test_a_logo_link_loop_or_a_folder_is_an_error_not_a_crash(tmp_path):
    (tmp_path / "l1.png").symlink_to(tmp_path / "l2.png")
    (tmp_path / "l2.png").symlink_to(tmp_path / "l1.png")
    (tmp_path / "dir.png").mkdir()
    for logo, words in (("l1.png", "symbolic link"), ("dir.png", "not a regular file")):
        draft = tmp_path / "draft.wsis"
        draft.write_text(f"---\nlogo: {logo}\n---\n1. Decides.\n", encoding="utf-8")
        result = wsisc("build", draft, "-o", tmp_path / "out.html")
        assert result.returncode == 1 and words in result.stderr, result.stderr
