"""A release is one version in one place, named the same in the changelog and in
the README's pre-commit example (whose `rev:` users copy)."""

from __future__ import annotations

import re

from conftest import ROOT
from wsis20 import __version__


def test_the_version_is_written_in_one_place():
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "wsis20.__version__"}


def test_the_readme_hook_names_the_release_tag():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"^\s*rev:\s*(\S+)", readme, re.MULTILINE) == [f"v{__version__}"]


def test_the_changelog_has_the_release():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(__version__)} — \d{{4}}-\d\d-\d\d$", changelog, re.MULTILINE)


def test_cli_version_is_the_package_version():
    from conftest import wsisc

    assert wsisc("--version").stdout.strip() == f"wsisc {__version__}"


def test_the_editor_extension_and_its_install_line_carry_the_package_version():
    """The .vsix is named after package.json's version, which the README and
    docs/editors.md tell users to install: all three follow wsis20.__version__."""
    import json

    package = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))
    assert package["version"] == __version__
    for doc in ("README.md", "docs/editors.md"):
        named = re.findall(r"wsisc-(\d+\.\d+\.\d+)\.vsix", (ROOT / doc).read_text(encoding="utf-8"))
        assert named and set(named) == {__version__}, doc
