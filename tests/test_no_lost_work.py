"""No lost work: outputs and rewritten sources are written whole or not at
all, a failed command leaves the previous file as it was, and an output that
cannot be written is a clear error before any work."""

import contextlib
import errno
import io
import os

import pytest

from conftest import EXAMPLE

from wsis20 import fsutil
from wsis20.cli import main

GOOD = "---\nauthors: {EU: European Union}\n---\n1. We decide {++EU: now++};\n\n#+. We note.\n"
BAD = "1. We decide {++ unclosed;\n"


def run(*args) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main([str(a) for a in args])
    return status, err.getvalue()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "draft.wsis").write_text(GOOD, encoding="utf-8")
    (tmp_path / "old.wsis").write_text(GOOD, encoding="utf-8")
    return tmp_path


def _commands(folder):
    d = folder / "draft.wsis"
    return {
        "build html": (("build", d, "-o", folder / "out.html"), folder / "out.html"),
        "build pdf": (("build", d, "-o", folder / "out.pdf"), folder / "out.pdf"),
        "diff": (("diff", folder / "old.wsis", d, "-o", folder / "cmp.html"), folder / "cmp.html"),
        "diff json": (("diff", folder / "old.wsis", d, "-o", folder / "cmp.json"), folder / "cmp.json"),
        "concordance": (("renumber", d, "--concordance", folder / "c.csv"), folder / "c.csv"),
        "fmt": (("fmt", d), d),
        "renumber": (("renumber", d), d),
    }


@pytest.mark.parametrize("name", ["build html", "build pdf", "diff", "diff json", "concordance", "fmt", "renumber"])
def test_a_full_disk_leaves_the_previous_file_whole(folder, monkeypatch, name):
    args, target = _commands(folder)[name]
    if not target.exists():
        target.write_bytes(b"the previous version")
    before = target.read_bytes()

    def full_disk(path, data):
        # Write half, then fail as a full disk does, inside the real temporary-file dance.
        fd = os.open(path.parent / f".{path.name}.partial.tmp", os.O_CREAT | os.O_WRONLY)
        os.write(fd, data[: len(data) // 2])
        os.close(fd)
        os.unlink(path.parent / f".{path.name}.partial.tmp")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil, "_write", full_disk)
    status, err = run(*args)
    assert status == 1, err
    assert f"error: cannot write {target}: No space left on device (the previous file is left as it was)" in err
    assert target.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == []


def test_the_real_writer_leaves_no_temporary_file_when_the_rename_fails(tmp_path, monkeypatch):
    target = tmp_path / "out.html"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(errno.EACCES, "Permission denied")))
    with pytest.raises(fsutil.WriteError, match="Permission denied"):
        fsutil.write_atomically(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_rewrites_keep_permissions(tmp_path):
    path = tmp_path / "draft.wsis"
    path.write_text("1.   We decide.\n", encoding="utf-8")
    path.chmod(0o640)
    assert run("fmt", path)[0] == 0
    assert path.read_text(encoding="utf-8") == "1. We decide.\n" and (path.stat().st_mode & 0o777) == 0o640


@pytest.mark.parametrize("name", ["build html", "build pdf", "diff", "concordance"])
def test_an_output_in_a_missing_folder_is_refused_before_any_work(folder, name):
    args, target = _commands(folder)[name]
    missing = folder / "no-such-folder" / target.name
    args = tuple(missing if a == target else a for a in args)
    status, err = run(*args)
    assert status == 2 and f"the folder {missing.parent} does not exist" in err


def test_an_output_under_a_file_is_refused(folder):
    status, err = run("build", folder / "draft.wsis", "-o", folder / "draft.wsis" / "out.html")
    assert status == 2 and "does not exist" in err


@pytest.mark.parametrize("command", [("build", "{d}", "-o", "{o}/out.html"), ("build", "{d}", "-o", "{o}/out.pdf"),
                                     ("diff", "{d}", "{d}", "-o", "{o}/cmp.html")])
def test_a_failed_build_keeps_the_previous_output(tmp_path, command):
    draft = tmp_path / "draft.wsis"
    draft.write_text(BAD, encoding="utf-8")
    out = tmp_path / command[-1].split("/")[-1]
    out.write_bytes(b"the previous, good version")
    status, err = run(*(c.format(d=draft, o=tmp_path) for c in command))
    assert status == 1 and "error" in err
    assert out.read_bytes() == b"the previous, good version"


def test_fmt_and_renumber_never_touch_a_file_with_errors(tmp_path):
    draft = tmp_path / "draft.wsis"
    draft.write_text(BAD, encoding="utf-8")
    for args in (("fmt", draft), ("renumber", draft, "--accept-all")):
        assert run(*args)[0] == 1
        assert draft.read_text(encoding="utf-8") == BAD


def test_every_example_keeps_every_word_through_fmt_and_renumber(tmp_path):
    from wsis20.commands.fmt import format_source, shape
    from wsis20.commands.renumber import clean_words, renumber
    from wsis20.parse import parse
    from wsis20.source import SourceFile
    from wsis20.transforms.changes import decide

    for path in sorted(EXAMPLE.parent.glob("*.wsis")):
        source = SourceFile.from_text(path.name, path.read_text(encoding="utf-8"))
        document, _ = parse(source)
        for width in (None, 72):
            again, _ = parse(SourceFile.from_text(path.name, format_source(source, width)))
            assert shape(again) == shape(document), path.name
        for otherwise in (True, False):
            text, _, words = renumber(source, decide(accept=frozenset(), reject=frozenset(), otherwise=otherwise))
            assert clean_words(parse(SourceFile.from_text(path.name, text))[0]) == words, path.name


def test_a_symbolic_link_is_written_through_and_a_read_only_file_is_refused(tmp_path):
    target = tmp_path / "real.wsis"
    target.write_text("1.   We decide.\n", encoding="utf-8")
    link = tmp_path / "link.wsis"
    link.symlink_to(target)
    assert run("fmt", link)[0] == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "1. We decide.\n"
    target.write_text("1.   We decide.\n", encoding="utf-8")
    target.chmod(0o444)
    status, err = run("fmt", target)
    assert status == 1 and "it is read-only" in err
    assert target.read_text(encoding="utf-8") == "1.   We decide.\n"
