"""The agreed-text guard: check --base."""

import subprocess
import sys

from conftest import ROOT, compile_text, child_env

OLD = "1. {#a .agreed} We decide this;\n\n2. {.ad-ref} We request that;\n\n3. {.agreed} We note;\n\n4. {.agreed} Gone.\n"


def check(tmp_path, new, *base):
    (tmp_path / "old.wsis").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.wsis").write_text(new, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "wsis20", "check", "--ignore", "punctuation",
                           "--base", *(base or [tmp_path / "old.wsis"]), tmp_path / "new.wsis"],
                          capture_output=True, text=True, cwd=tmp_path, env=child_env())


def test_a_changed_agreed_paragraph_fails(tmp_path):
    new = "1. {#a .agreed} We decide that;\n\n2. {.ad-ref} We request that;\n\n3. {.agreed} We note;\n\n4. {.agreed} Gone.\n"
    result = check(tmp_path, new)
    assert result.returncode == 1
    assert "new.wsis:1:1: error: paragraph 1 was agreed in" in result.stdout
    assert "[agreed-changed]" in result.stdout and result.stdout.count("[agreed-changed]") == 1


def test_reopened_renumbered_and_moved_paragraphs_pass(tmp_path):
    new = ("#. New first;\n\n2. {#a .agreed} We decide this;\n\n3. {.ad-ref} We request   that;\n\n"
           "4. {.reopened} We note well;\n\n5. {.agreed} Gone.\n")
    result = check(tmp_path, new)
    assert result.returncode == 0, result.stdout


def test_a_gone_agreed_paragraph_fails(tmp_path):
    new = "1. {#a .agreed} We decide this;\n\n2. {.ad-ref} We request that;\n\n3. {.agreed} We note.\n"
    result = check(tmp_path, new)
    assert result.returncode == 1 and "paragraph 4, agreed in" in result.stdout and "is gone" in result.stdout


def test_base_from_git(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(tmp_path)}
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)
    (tmp_path / "new.wsis").write_text(OLD, encoding="utf-8")
    subprocess.run(["git", "add", "new.wsis"], cwd=tmp_path, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "rev1"], cwd=tmp_path, check=True, env=env)
    changed = OLD.replace("We decide this", "We decide that")
    (tmp_path / "new.wsis").write_text(changed, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "wsis20", "check", "--ignore", "punctuation", "--base", "HEAD",
                             "new.wsis"], capture_output=True, text=True, cwd=tmp_path,
                            env=child_env(**env))
    assert result.returncode == 1 and "[agreed-changed]" in result.stdout


def test_agreed_paragraphs_show_their_fingerprint():
    from wsis20.walk import paragraphs

    doc = compile_text(OLD).document
    prints = [p.fingerprint for p in paragraphs(doc)]
    assert all(len(f) == 8 for f in prints)
    same = compile_text(OLD.replace("We decide this", "We  decide\nthis")).document
    assert [p.fingerprint for p in paragraphs(same)] == prints  # white space does not count


def test_splitting_or_merging_an_agreed_paragraph_fails():
    from wsis20.transforms.guard import check_agreed

    words = ("We recognize the importance of digital inclusion for all people and commit to closing the "
             "digital divides between and within countries by 2030")
    old = compile_text(f"1. {{.agreed}} {words};\n\n2. We note the role of the Internet Governance Forum;\n").document
    first, second = words.split(" and commit to ")
    split = compile_text(f"1. {first};\n\n2. We commit to {second};\n\n"
                         "3. We note the role of the Internet Governance Forum;\n").document
    found = check_agreed(old, split, "old.wsis")
    assert [d.message for d in found] == ["paragraph 1, agreed in old.wsis:1, is split into paragraphs 1 and 2"]
    merged = compile_text(f"1. {words}, and note the role of the Internet Governance Forum;\n").document
    found = check_agreed(old, merged, "old.wsis")
    assert [d.message for d in found] == ["paragraph 1 merges paragraph 1, agreed in old.wsis:1, with other text"]
    reopened = compile_text(f"1. {{.reopened}} {words}, and note the role of the Internet Governance Forum;\n").document
    assert check_agreed(old, reopened, "old.wsis") == []


def test_a_changed_footnote_of_an_agreed_paragraph_fails():
    from wsis20.transforms.guard import check_agreed

    old = compile_text("1. {.agreed} We reaffirm resolution 70/125,{^Adopted by consensus.^} in full.\n").document
    new = compile_text("1. {.agreed} We reaffirm resolution 70/125,{^Adopted by a recorded vote.^} in full.\n").document
    found = check_agreed(old, new, "old.wsis")
    assert [d.code for d in found] == ["agreed-changed"]
    assert old.blocks[0].fingerprint != new.blocks[0].fingerprint


def git_repo(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(tmp_path)}
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)

    def commit(*names):
        subprocess.run(["git", "add", *names], cwd=tmp_path, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", "x"], cwd=tmp_path, check=True, env=env)

    def check(*args):
        return subprocess.run([sys.executable, "-m", "wsis20", "check", "--ignore", "punctuation", *args],
                              capture_output=True, text=True, cwd=tmp_path, env=child_env(**env))
    return commit, check


def test_a_draft_new_in_this_commit_has_nothing_agreed_yet(tmp_path):
    """The pre-commit hook with --base HEAD must pass on the day a draft is added."""
    commit, check = git_repo(tmp_path)
    (tmp_path / "old.wsis").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.wsis").write_text(OLD, encoding="utf-8")
    # A repository with no commit yet: nothing was ever agreed.
    first = check("--base", "HEAD", "new.wsis")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "new.wsis: note: the repository has no commit yet" in first.stdout
    commit("old.wsis")
    result = check("--base", "HEAD", "new.wsis", "old.wsis")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "new.wsis: note: new since HEAD (git has no new.wsis there), so nothing in it was agreed before" \
        in result.stdout
    assert "old.wsis: note" not in result.stdout
    quiet = check("--base", "HEAD", "--quiet", "new.wsis")
    assert quiet.returncode == 0 and quiet.stdout == ""
    import json

    data = json.loads(check("--base", "HEAD", "--format", "json", "new.wsis").stdout)
    assert data["files"][0]["notes"][0].startswith("new since HEAD")


def test_a_base_that_is_neither_a_file_nor_a_revision_is_a_usage_error(tmp_path):
    commit, check = git_repo(tmp_path)
    (tmp_path / "new.wsis").write_text(OLD, encoding="utf-8")
    commit("new.wsis")
    result = check("--base", "no-such-branch", "new.wsis")
    assert result.returncode == 2 and "git knows no revision no-such-branch" in result.stderr


def test_strict_fails_on_warnings(tmp_path):
    (tmp_path / "d.wsis").write_text("1. We  decide.\n", encoding="utf-8")
    plain = subprocess.run([sys.executable, "-m", "wsis20", "check", "d.wsis"], capture_output=True, text=True,
                           cwd=tmp_path, env=child_env())
    assert plain.returncode == 0 and "[doubled-space]" in plain.stdout
    strict = subprocess.run([sys.executable, "-m", "wsis20", "check", "--strict", "-q", "d.wsis"],
                            capture_output=True, text=True, cwd=tmp_path, env=child_env())
    assert strict.returncode == 1 and "[doubled-space]" in strict.stdout and "--strict" in strict.stdout
    build = subprocess.run([sys.executable, "-m", "wsis20", "build", "--strict", "d.wsis", "-o", "d.html"],
                           capture_output=True, text=True, cwd=tmp_path, env=child_env())
    assert build.returncode == 1 and not (tmp_path / "d.html").exists()
    assert "fix the warnings (--strict) above first" in build.stderr


def test_the_shipped_hook_shows_warnings():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    check_hook = hooks.split("- id: wsisc-check", 1)[1].split("- id:", 1)[0]
    assert "verbose: true" in check_hook


def test_the_github_notice_of_a_new_draft_is_escaped(tmp_path):
    """File names come from pull requests: a comma, colon or % must not break
    the workflow command or start another."""
    commit, check = git_repo(tmp_path)
    (tmp_path / "old.wsis").write_text(OLD, encoding="utf-8")
    commit("old.wsis")
    name = "b,c:%.wsis"
    (tmp_path / name).write_text(OLD, encoding="utf-8")
    result = check("--base", "HEAD", "--format", "github", name)
    assert result.returncode == 0
    assert result.stdout.startswith("::notice file=b%2Cc%3A%25.wsis,title=wsisc::new since HEAD (git has no "
                                    "b,c:%25.wsis there)")
