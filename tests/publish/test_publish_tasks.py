"""`invoke publish` and `invoke gh-pages`, run as the author runs them, into tmp_path only."""

from __future__ import annotations

import re
import subprocess

from .builds import all_files, run_invoke


def snapshot(root) -> dict[str, bytes]:
    return {name: path.read_bytes() for name, path in all_files(root).items()}


def test_publish_makes_the_target_identical_to_the_output(tmp_path):
    target, output = tmp_path / "www", tmp_path / "output"
    (target / "2013").mkdir(parents=True)
    (target / "stale.html").write_text("ancienne page", encoding="utf-8")
    (target / "2013" / "old.txt").write_text("x", encoding="utf-8")
    (target / "index.html").write_text("ancienne accueil", encoding="utf-8")
    run_invoke("publish", "--target", f"{target}/", "--output", str(output))
    assert snapshot(target) == snapshot(output)
    assert "index.html" in snapshot(output)


def test_publish_dry_run_changes_nothing(tmp_path):
    target, output = tmp_path / "www", tmp_path / "output"
    target.mkdir()
    (target / "stale.html").write_text("ancienne page", encoding="utf-8")
    before = snapshot(target)
    result = run_invoke("publish", "--dry-run", "--target", str(target), "--output", str(output))
    assert snapshot(target) == before
    assert re.search(r"^\*deleting +stale\.html$", result.stdout, re.M), result.stdout
    assert "index.html" in result.stdout  # listed as a file it would send


def git(repo, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env={"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.fr",
                               "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.fr",
                               "HOME": str(repo), "PATH": "/usr/bin:/bin"}).stdout


def test_gh_pages_commits_exactly_the_output(tmp_path):
    repo, output = tmp_path / "repo", tmp_path / "output"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.fr")
    git(repo, "commit", "-q", "--allow-empty", "-m", "début")
    run_invoke("gh-pages", "--repo", str(repo), "--output", str(output))
    tree = dict(line.split("\t", 1)[::-1] for line in git(repo, "ls-tree", "-r", "gh-pages").splitlines())
    files = all_files(output)
    assert set(tree) == set(files) | {".nojekyll"}
    for name, path in files.items():
        assert tree[name].split()[2] == git(repo, "hash-object", str(path)).strip(), name
    assert git(repo, "log", "-1", "--format=%s", "gh-pages").strip() == "Publication du site"
    assert git(repo, "branch", "--show-current").strip() == "main"
    assert git(repo, "remote").strip() == ""  # nothing to push to, nothing pushed
