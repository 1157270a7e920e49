"""A small real site in git: a bare remote in tmp_path, clones of it, and git helpers for the tests."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = """Title: {title}
Date: {date}
Category: Médias sociaux
Slug: {slug}
Lang: fr

Le texte de l’article « {title} ».
"""

PUBLISHED = """id: wp-11
author: Xavier
date: 2013-05-02T14:03:00+02:00

Bonjour Lionel.
"""

GIT = {"remote": "origin", "branch": "main", "pull_interval": 0.3}
ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **ENV, "LC_ALL": "C"})
    assert done.returncode == 0, f"git {args}: {done.stderr}"
    return done.stdout


def article(slug: str, title: str = "Un article", date: str = "2013-04-22 09:30") -> str:
    return ARTICLE.format(slug=slug, title=title, date=date)


@dataclass
class GitSite:
    """`remote`: the bare repository; `seed`: the clone that created it (an author's machine)."""

    remote: Path
    seed: Path

    def clone(self, dest: Path) -> Path:
        git(dest.parent, "clone", "--quiet", "--branch", "main", str(self.remote), str(dest))
        return dest

    def remote_log(self) -> list[str]:
        return git(self.remote, "log", "--format=%H %s", "main").splitlines()

    def files_of(self, commit: str) -> list[str]:
        return git(self.remote, "show", "--name-only", "--format=", commit).split()

    def show(self, commit_path: str) -> str:
        return git(self.remote, "show", commit_path)

    def linear(self) -> bool:
        return not git(self.remote, "rev-list", "--merges", "main").strip()


def make_git_site(tmp_path: Path, settings: str = "") -> GitSite:
    """A bare remote and a seed clone holding a tiny site: two articles, one published comment,
    the project’s settings files and theme (symlinked plugins, theme and tools), `siteconf.py` with `settings`."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    seed = tmp_path / "seed"
    (seed / "content" / "articles").mkdir(parents=True)
    (seed / "content" / "pages").mkdir()
    (seed / "content" / "articles" / "media-social.md").write_text(
        article("media-social", "Média Social ou Médias Sociaux ?"), encoding="utf-8")
    (seed / "content" / "articles" / "ferme.md").write_text(
        article("ferme", "Un article fermé", "2014-01-05 10:00").replace("Lang: fr", "comments: closed"),
        encoding="utf-8")
    (seed / "content" / "comments" / "media-social").mkdir(parents=True)
    (seed / "content" / "comments" / "media-social" / "wp-11.md").write_text(PUBLISHED, encoding="utf-8")
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py"):
        (seed / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("plugins", "theme", "tools"):
        (seed / name).symlink_to(ROOT / name)
    (seed / ".gitignore").write_text("/output/\n/cache/\n/moderation/\n__pycache__/\n", encoding="utf-8")
    (seed / "siteconf.py").write_text(
        "import sys\nfrom pathlib import Path\nsys.path.insert(0, str(Path(__file__).parent))\n"
        "from pelicanconf import *  # noqa\n" + settings, encoding="utf-8")
    git(seed, "init", "--quiet", "--initial-branch=main")
    git(seed, "add", "-A")
    git(seed, "commit", "--quiet", "-m", "Site")
    git(seed, "remote", "add", "origin", str(remote))
    git(seed, "push", "--quiet", "-u", "origin", "main")
    return GitSite(remote, seed)
