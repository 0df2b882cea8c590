"""The per-user cache makes wsisc faster and never changes an answer: its entries
are keyed by the code and data that made them, not by a version string."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES, ROOT

DRAFTS = sorted((ROOT / "examples").glob("*.wsis")) + sorted(FIXTURES.glob("*.wsis"))
BAD_LOGO = "---\nsymbol: A/1\nlogo: 'data:text/html;base64,PHNjcmlwdD4='\n---\n1. Decides.\n"


def run(args, cache: Path, code_root: Path = ROOT, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """wsisc from ``code_root``, run in a folder with no code of its own (Python
    puts the current folder first on the path)."""
    env = {"PYTHONPATH": str(code_root), "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(cache)}
    return subprocess.run([sys.executable, "-m", "wsis20", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd or cache.parent, timeout=120)


@pytest.fixture
def code_copy(tmp_path) -> Path:
    """A copy of wsisc's code that a test may edit (the fonts are linked, not copied)."""
    copy = tmp_path / "code"
    shutil.copytree(ROOT / "wsis20", copy / "wsis20", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "grammar", copy / "grammar")
    shutil.copytree(ROOT / "templates", copy / "templates", ignore=shutil.ignore_patterns("fonts"))
    (copy / "templates" / "fonts").symlink_to(ROOT / "templates" / "fonts")
    return copy


def test_a_changed_source_file_gives_its_new_answer_from_a_warm_cache(code_copy, tmp_path):
    """The front matter's diagnostics are cached: after a change to the code that
    makes them, the next run must give the new words, not the cached old ones."""
    draft = tmp_path / "draft.wsis"
    draft.write_text(BAD_LOGO, encoding="utf-8")
    cache = tmp_path / "cache"
    before = run(["check", draft], cache, code_copy)
    assert before.returncode == 1 and "must be a PNG, JPEG or GIF image" in before.stdout

    module = code_copy / "wsis20" / "parse" / "front_matter.py"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("must be a PNG, JPEG or GIF image", "must be an image of a known kind"),
                      encoding="utf-8")
    after = run(["check", draft], cache, code_copy)
    assert after.returncode == 1 and "must be an image of a known kind" in after.stdout
    assert "PNG, JPEG or GIF" not in after.stdout.split("\n")[0]


def digest_of(code_root: Path, cache: Path) -> str:
    return subprocess.run([sys.executable, "-c", "from wsis20 import cache; print(cache.code_digest())"],
                          capture_output=True, text=True, check=True, timeout=60, cwd=cache,
                          env={"PYTHONPATH": str(code_root), "XDG_CACHE_HOME": str(cache)}).stdout.strip()


@pytest.mark.parametrize("changed", ["wsis20/transforms/checks.py", "grammar/wsis.lark",
                                     "templates/document.html.j2", "templates/print.css"])
def test_every_kind_of_file_that_makes_a_result_changes_the_key(code_copy, tmp_path, changed):
    first = digest_of(code_copy, tmp_path)
    with open(code_copy / changed, "a", encoding="utf-8") as file:
        file.write("\n")
    assert digest_of(code_copy, tmp_path) != first
    assert digest_of(code_copy, tmp_path) == digest_of(code_copy, tmp_path)  # and it is stable


def test_a_library_upgrade_changes_the_key(code_copy, tmp_path):
    """Lark's generated parser and PyYAML's readings are cached too: a new
    version of either is new code."""
    fake = tmp_path / "libs" / "yaml"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("__version__ = '99.0'\n", encoding="utf-8")
    real = digest_of(code_copy, tmp_path)
    upgraded = digest_of(Path(f"{code_copy}{os.pathsep}{fake.parent}"), tmp_path)
    assert upgraded != real


def test_entries_live_in_the_folder_of_the_code_that_made_them(tmp_path):
    cache = tmp_path / "cache"
    draft = tmp_path / "d.wsis"
    draft.write_text(BAD_LOGO, encoding="utf-8")
    run(["check", draft], cache)
    [folder] = (cache / "wsisc").iterdir()
    assert folder.name == digest_of(ROOT, cache)
    assert list(folder.glob("wsis20_parser_*.py")) and list(folder.glob("front-*.pickle"))


def test_folders_of_other_code_unused_for_a_week_are_removed(tmp_path):
    cache = tmp_path / "cache"
    old, recent = cache / "wsisc" / "0123old", cache / "wsisc" / "0123recent"
    for folder in (old, recent):
        folder.mkdir(parents=True, mode=0o700)
        (folder / "front-x.pickle").write_bytes(b"")
    (cache / "wsisc").chmod(0o700)
    first_layout = cache / "wsisc" / "front-0123.pickle"  # how wsisc 0.1.0 kept its entries
    first_layout.write_bytes(b"")
    week = 8 * 24 * 3600
    for stale in (old, first_layout):
        os.utime(stale, (os.stat(stale).st_atime - week, os.stat(stale).st_mtime - week))
    draft = tmp_path / "d.wsis"
    draft.write_text(BAD_LOGO, encoding="utf-8")
    run(["check", draft], cache)
    assert not old.exists() and not first_layout.exists() and recent.exists()


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_cold_and_warm_cache_give_the_same_diagnostics_and_output(draft, tmp_path):
    cache = tmp_path / "cache"
    runs = []
    out = tmp_path / "out.html"
    for _cold_then_warm in range(2):
        out.unlink(missing_ok=True)
        checked = run(["check", "--format", "json", draft], cache, cwd=draft.parent)
        built = run(["build", draft, "-o", out], cache, cwd=draft.parent)
        runs.append((checked.returncode, checked.stdout, built.returncode, built.stderr,
                     out.read_bytes() if out.exists() else None))
    cold, warm = runs
    assert cold == warm
    assert list((cache / "wsisc").iterdir())  # the second run really had a cache to use


def test_the_suite_runs_with_a_private_empty_cache():
    """conftest.py points every run of the suite at a new cache folder."""
    cache_home = Path(os.environ["XDG_CACHE_HOME"])
    assert cache_home.name.startswith("wsisc-test-cache-")
    assert cache_home != Path.home() / ".cache"
    assert EXAMPLE.exists()


def test_the_generated_parser_is_kept_compiled_even_where_python_writes_no_bytecode(tmp_path):
    """CI images and sandboxes often set PYTHONDONTWRITEBYTECODE, which would have
    every check compile the generated parser again; wsisc keeps its code itself."""
    cache = tmp_path / "cache"
    draft = tmp_path / "d.wsis"
    draft.write_text("1. Decides.\n", encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}

    def check():
        return subprocess.run([sys.executable, "-m", "wsis20", "check", draft], capture_output=True, text=True,
                              env=env, cwd=tmp_path, timeout=120)

    assert check().returncode == 0
    [code] = cache.glob("wsisc/*/wsis20_parser_*.code")
    [source] = cache.glob("wsisc/*/wsis20_parser_*.py")
    source.write_text("raise SystemExit('the source was compiled again')\n", encoding="utf-8")
    again = check()
    assert again.returncode == 0 and "compiled again" not in again.stderr  # the kept code ran
    code.write_bytes(b"damaged")
    repaired = check()
    assert repaired.returncode == 0, repaired.stderr  # a damaged entry is made again
    assert code.read_bytes() != b"damaged"


def test_two_files_with_the_same_yaml_and_other_fences_keep_their_own_positions(tmp_path):
    """The cached front matter is keyed by the file up to its end, fences
    included: spaces after an opening `---` move every position after it."""
    cache = tmp_path / "cache"
    first, second = tmp_path / "a.wsis", tmp_path / "b.wsis"
    first.write_text("---  \ntitle: [1, 2\n---\n1. Decides.\n", encoding="utf-8")
    second.write_text("---\ntitle: [1, 2\n---  \n1. Decides.\n", encoding="utf-8")
    cold = run(["check", "--format", "json", second], tmp_path / "cold")
    run(["check", "--format", "json", first], cache)
    warm = run(["check", "--format", "json", second], cache)
    assert cold.stdout == warm.stdout
