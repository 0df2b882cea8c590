"""The command line as users run it: exit status, messages, files left behind."""

import json
import os
import subprocess
import sys

import pytest

from conftest import EXAMPLE, ROOT

GOOD = "1. We decide;\n\n2. We request.\n"
BAD = "1. We decide;\n\n1. We *request;\n\n1. Again.\n"


def wsisc(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "wsis20", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def draft(tmp_path):
    def make(text, name="draft.wsis"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return make


def test_check_clean_file_exits_0(draft):
    result = wsisc("check", draft(GOOD))
    assert result.returncode == 0
    assert result.stdout.strip() == "0 errors, 0 warnings in 1 file"
    assert wsisc("check", "--quiet", draft(GOOD)).stdout == ""


def test_check_errors_exit_1_in_compiler_form(draft):
    path = draft(BAD)
    result = wsisc("check", path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}:3:1: error: paragraph number 1 is already used [duplicate-number]"
    at = lines.index(f"{path}:3:7: error: italic text opened with `*` is not closed before the end "
                     "of the paragraph [unterminated]")
    assert lines[at + 1:at + 3] == ["    3 | 1. We *request;", "      |       ^"]
    assert f"{path}:5:1: error: paragraph number 1 is already used [duplicate-number]" in lines
    assert lines[-1] == "3 errors, 0 warnings in 1 file"
    assert "Traceback" not in result.stdout + result.stderr


def test_check_several_files(draft):
    result = wsisc("check", draft(GOOD, "a.wsis"), draft(BAD, "b.wsis"))
    assert result.returncode == 1
    assert "b.wsis:3:7: error" in result.stdout and "a.wsis" not in result.stdout
    assert result.stdout.splitlines()[-1].endswith("in 2 files")


def test_warnings_alone_do_not_fail(draft):
    result = wsisc("check", draft("1. a;\n\n3. b.\n"))
    assert result.returncode == 0
    assert "warning: paragraph numbers jump from 1 to 3" in result.stdout


def test_usage_errors_exit_2(tmp_path):
    missing = wsisc("check", tmp_path / "nope.wsis")
    assert missing.returncode == 2
    assert "nope.wsis: no such file" in missing.stderr
    assert wsisc("frobnicate").returncode == 2
    assert wsisc("build", EXAMPLE, "-o", tmp_path / "out.odt").returncode == 2  # an extension no writer has
    no_folder = wsisc("build", EXAMPLE, "-o", tmp_path / "missing" / "out.html")
    assert no_folder.returncode == 2 and "does not exist" in no_folder.stderr


def test_build_writes_html(draft, tmp_path):
    out = tmp_path / "out.html"
    result = wsisc("build", draft(GOOD), "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_failed_build_keeps_the_previous_output(draft, tmp_path):
    out = tmp_path / "out.html"
    out.write_text("previous build", encoding="utf-8")
    result = wsisc("build", draft(BAD), "-o", out)
    assert result.returncode == 1
    assert "not writing" in result.stderr
    assert out.read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.wsis", "out.html"]


def test_build_views(draft, tmp_path):
    path = draft("---\nauthors: {u: U}\n---\n1. a {>>u: note<<}\n\n#+. b\n")
    for args, present, absent in ((("--view", "clean"), 'id="para_2"', "note"),
                                  (("--no-comments",), 'id="para_1bis"', "note"),
                                  ((), "note", 'id="para_2"')):
        out = tmp_path / "out.html"
        assert wsisc("build", path, "-o", out, *args).returncode == 0
        html = out.read_text(encoding="utf-8")
        assert present in html and absent not in html.split("</style>")[1]


def test_internal_error_is_one_line_without_traceback(monkeypatch, capsys, tmp_path):
    from wsis20 import cli, pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(pipeline, "parse", boom)
    path = tmp_path / "d.wsis"
    path.write_text(GOOD, encoding="utf-8")
    assert cli.main(["check", str(path)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err and "please report" in err
    with pytest.raises(RuntimeError):
        cli.main(["--debug", "check", str(path)])


def test_check_never_imports_lark_jinja_or_weasyprint(tmp_path):
    """check's start-up is its speed: it parses with the generated parser from
    the cache, takes front matter it has read before from the cache, and never
    loads the HTML or PDF machinery."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path)}
    code = ("import sys; from wsis20.cli import main; main(['check', '-q', %r]); "
            "print(sorted(m for m in ('weasyprint', 'jinja2', 'lark', 'yaml') if m in sys.modules))") % str(EXAMPLE)
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    # The first run generates the parser with Lark and reads the front matter with PyYAML.
    assert first.stdout.strip().splitlines()[-1] == "['lark', 'yaml']"
    assert list((tmp_path / "wsisc").glob("*/wsis20_parser_*.py"))
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert again.stdout.strip().splitlines()[-1] == "[]"


def test_generated_parser_is_not_loaded_from_a_folder_others_can_write(tmp_path, monkeypatch):
    from wsis20 import resources
    from wsis20.parse import compiled

    shared = tmp_path / "shared-cache"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setattr(resources, "cache_dir", lambda: shared)
    module = compiled.load()
    assert not hasattr(module, "__file__") or module.__file__ is None
    assert list(shared.iterdir()) == []
    assert module.Lark_StandAlone().parse("1. Text.\n").data == "start"


def test_runs_from_another_folder(tmp_path):
    result = wsisc("check", EXAMPLE, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_build_warns_about_a_missing_logo(draft, tmp_path):
    path = draft("---\nlogo: nope.png\nauthors: {EU: E}\n---\n1. Decides.\n")
    result = wsisc("build", path, "-o", tmp_path / "out.html", "--accept", "EU")
    assert result.returncode == 0
    assert ":2:7: warning: there is no file `nope.png` in the draft's folder" in result.stderr


def test_build_refuses_to_overwrite_its_input(draft):
    path = draft(GOOD)
    result = wsisc("build", path, "-o", path, "--format", "html")
    assert result.returncode == 2 and "is an input; name another output" in result.stderr
    assert path.read_text(encoding="utf-8") == GOOD


def test_accept_and_reject_on_the_command_line(draft, tmp_path):
    path = draft("---\nauthors: {EU: E, RU: R, US: U}\n---\n1. We {++EU: all++} {++RU: most++} {++US: some++} act.\n")
    out = tmp_path / "out.html"
    result = wsisc("build", "--accept", "EU,RU", path, "--reject", "US", "-o", out, "--view", "original")
    assert result.returncode == 0, result.stderr
    body = out.read_text(encoding="utf-8").split("<main", 1)[1]
    assert "all" in body and "most" in body and "some" not in body


def test_machine_readable_diagnostics(draft):
    path = draft("1. a;\n\n1. b.\n")
    data = json.loads(wsisc("check", "--format", "json", path).stdout)
    assert data["version"] == 1 and data["summary"] == {"errors": 1, "warnings": 0, "files": 1}
    (d,) = data["files"][0]["diagnostics"]
    assert (d["code"], d["severity"], d["line"], d["column"], d["end_column"], d["offset"], d["length"]) == \
        ("duplicate-number", "error", 3, 1, 3, 7, 2)
    assert d["related"][0]["line"] == 1
    github = wsisc("check", "--format", "github", path)
    assert github.returncode == 1
    assert github.stdout.startswith(f"::error file={path},line=3,col=1,endLine=3,endColumn=2,"
                                    "title=wsisc duplicate-number::paragraph number 1 is already used%0A= help:")


def test_check_does_not_import_logging(tmp_path):
    """Lark's generated module set up a logger it silenced; importing logging was
    4-5 ms of every check. The cached module has a silent one instead."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path)}
    code = ("import sys; from wsis20.cli import main; main(['check', '-q', %r]); "
            "print('logging' in sys.modules)") % str(EXAMPLE)
    subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True)  # Lark generates it
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert warm.stdout.strip().splitlines()[-1] == "False"
