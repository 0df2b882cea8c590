"""A plain (not editable) install works from any folder: grammar/ and templates/
ship inside the wheel.

The wheel is built and installed into a fresh virtual environment without
network access: its dependencies are borrowed from the test environment through
a path entry, which adds their folder to sys.path without running its .pth
files, so the editable install of this checkout stays invisible.
"""

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from conftest import EXAMPLE, ROOT


def run(*args, **kwargs):
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_plain_install_works_from_any_folder(tmp_path):
    dist = tmp_path / "dist"
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", dist, ROOT)
    # setuptools warns of a folder of data it would skip (the fonts, once): a user sees it at every install.
    assert "absent from the `packages` configuration" not in built.stdout + built.stderr
    (wheel,) = dist.glob("wsisc-*.whl")
    from wsis20 import __version__

    assert wheel.name.startswith(f"wsisc-{__version__}-")  # the version comes from one place
    names = zipfile.ZipFile(wheel).namelist()
    assert "wsis20/grammar/wsis.lark" in names
    assert {"wsis20/lsp/server.py", "wsis20/lsp/positions.py", "wsis20/commands/lsp.py"} <= set(names)
    assert {"wsis20/templates/document.html.j2", "wsis20/templates/un.css"} <= set(names)
    assert "wsis20/templates/fonts/LiberationSerif-Regular.ttf" in names

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", wheel)
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    dependencies = sysconfig.get_paths()["purelib"]
    Path(purelib, "wsisc-test-dependencies.pth").write_text(dependencies + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    where = run(python, "-c", "import wsis20; print(wsis20.__file__)", cwd=elsewhere, env=env).stdout
    assert where.startswith(purelib), where
    wsisc = venv / "bin" / "wsisc"
    run(wsisc, "check", EXAMPLE, cwd=elsewhere, env=env)
    run(wsisc, "build", EXAMPLE, "-o", "zero.html", cwd=elsewhere, env=env)
    html = (elsewhere / "zero.html").read_text(encoding="utf-8")
    assert 'id="para_103quinquies"' in html and "United Nations" in html
    run(wsisc, "import", ROOT / "tests" / "fixtures" / "akn" / "A_RES_78_212-2326012E.xml", "-o", "78-212.wsis",
        cwd=elsewhere, env=env)  # the readers package ships too
    assert (elsewhere / "78-212.wsis").read_text(encoding="utf-8").startswith("---\nsymbol: A/RES/78/212\n")
